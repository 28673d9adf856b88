//! The session file format: reading a file (checks, migrations from older
//! format versions, consistency), writing one, and its JSON Schema.

use std::fs;
use std::io::{self, Read};
use std::path::Path;

use serde_json::Value;

use super::atomic::write_atomic;
use super::error::{LoadError, ParseError, SaveError, own_io_error};
use crate::i18n::{Language, T, tr};
use crate::model::{FORMAT_VERSION, Session};

/// The largest session file that is read: 64 MiB. Real sessions are a few
/// hundred kilobytes (attachments are separate files), so anything larger is
/// not a session, and reading it could exhaust memory.
pub const MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

/// The name of the version field at the top of every session file.
const VERSION_FIELD: &str = "format_version";

/// One migration step: turns a file of format version `n` into version `n + 1`.
type Migration = fn(Value) -> Result<Value, ParseError>;

/// The migrations, oldest first: `MIGRATIONS[0]` turns version 1 into
/// version 2, and so on. Version 1 is the first format, so there are none yet.
const MIGRATIONS: &[Migration] = &[];

// Raising FORMAT_VERSION needs a migration from the version before it.
const _: () = assert!(MIGRATIONS.len() + 1 == FORMAT_VERSION as usize);

/// Reads a session from the bytes of a session file. A leading UTF-8 byte
/// order mark (as some Windows editors write) is allowed.
///
/// Files of an older format version are migrated; files of a newer one, and
/// sessions whose ids do not hold together, are refused.
pub fn parse_session(bytes: &[u8]) -> Result<Session, ParseError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ParseError::Empty);
    }
    let value: Value = serde_json::from_slice(bytes).map_err(|err| not_json(&err))?;
    let value = migrate_to_current(value)?;
    let session: Session = serde_path_to_error::deserialize(value).map_err(|err| {
        let field = err.path().to_string();
        ParseError::WrongShape {
            // The path of the whole file renders as ".".
            field: if field == "." { String::new() } else { field },
            message: err.into_inner().to_string(),
        }
    })?;
    let problems = session.problems();
    if problems.is_empty() {
        Ok(session)
    } else {
        Err(ParseError::Inconsistent { problems })
    }
}

/// Reads the session file at `path`. Never writes to, renames or creates any
/// file: an unusable file stays exactly as it is.
pub fn load_session(path: &Path) -> Result<Session, LoadError> {
    let unreadable = |source: io::Error| LoadError::Unreadable {
        path: path.to_owned(),
        source,
    };
    let meta = fs::metadata(path).map_err(|err| {
        if err.kind() == io::ErrorKind::NotFound {
            LoadError::Missing {
                path: path.to_owned(),
            }
        } else {
            unreadable(err)
        }
    })?;
    if meta.is_dir() {
        return Err(unreadable(own_io_error(
            io::ErrorKind::IsADirectory,
            T::StoreIsFolder,
        )));
    }
    if !meta.is_file() {
        // A device or a pipe could block or never end.
        return Err(unreadable(own_io_error(
            io::ErrorKind::InvalidInput,
            T::StoreNotOrdinaryFile,
        )));
    }
    let too_large = |size| LoadError::TooLarge {
        path: path.to_owned(),
        size,
    };
    if meta.len() > MAX_FILE_SIZE {
        return Err(too_large(meta.len()));
    }

    let file = fs::File::open(path).map_err(unreadable)?;
    let mut bytes = Vec::new();
    // One byte over the limit tells that the file grew while being read.
    file.take(MAX_FILE_SIZE + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > MAX_FILE_SIZE {
        return Err(too_large(bytes.len() as u64));
    }

    parse_session(&bytes).map_err(|source| LoadError::Parse {
        path: path.to_owned(),
        source,
    })
}

/// The session as a session file: pretty JSON ending in a line break, with
/// `format_version` set to [`FORMAT_VERSION`].
#[must_use]
pub fn session_to_json(session: &Session) -> Vec<u8> {
    let mut bytes = if session.format_version == FORMAT_VERSION {
        serde_json::to_vec_pretty(session)
    } else {
        let current = Session {
            format_version: FORMAT_VERSION,
            ..session.clone()
        };
        serde_json::to_vec_pretty(&current)
    }
    // Only maps with non-text keys fail to serialise, and a session has none.
    .expect("a session always serialises to JSON");
    bytes.push(b'\n');
    bytes
}

/// Saves `session` to `path` atomically (see [`write_atomic`]).
pub fn save_session(path: &Path, session: &Session) -> Result<(), SaveError> {
    write_atomic(path, &session_to_json(session))
}

/// The JSON Schema of a session file, pretty-printed.
#[must_use]
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(Session);
    serde_json::to_string_pretty(&schema).expect("a JSON Schema always serialises to JSON")
}

/// The error for bytes that are not JSON.
fn not_json(err: &serde_json::Error) -> ParseError {
    let message = if err.is_eof() {
        tr(Language::En, T::StoreCutOff).to_owned()
    } else {
        // serde_json appends the position, which the error has as numbers.
        let text = err.to_string();
        let position = format!(" at line {} column {}", err.line(), err.column());
        text.strip_suffix(&position).unwrap_or(&text).to_owned()
    };
    ParseError::NotJson {
        line: err.line(),
        column: err.column(),
        message,
    }
}

/// Checks the format version of a parsed file and migrates it, one version
/// at a time, to [`FORMAT_VERSION`].
fn migrate_to_current(mut value: Value) -> Result<Value, ParseError> {
    let wrong_version = |text: T| ParseError::WrongShape {
        field: VERSION_FIELD.to_owned(),
        message: tr(Language::En, text).to_owned(),
    };
    let Value::Object(map) = &value else {
        return Err(ParseError::WrongShape {
            field: String::new(),
            message: tr(Language::En, T::StoreNotASession).to_owned(),
        });
    };
    let mut version = match map.get(VERSION_FIELD) {
        None => return Err(wrong_version(T::StoreVersionMissing)),
        Some(found) => found
            .as_u64()
            .ok_or_else(|| wrong_version(T::StoreVersionNotNumber))?,
    };
    if version > u64::from(FORMAT_VERSION) {
        return Err(ParseError::NewerFormat {
            found: version,
            supported: FORMAT_VERSION,
        });
    }
    while version < u64::from(FORMAT_VERSION) {
        value = migrate(value, version)?;
        version += 1;
        if let Value::Object(map) = &mut value {
            map.insert(VERSION_FIELD.to_owned(), Value::from(version));
        }
    }
    Ok(value)
}

/// Turns a file of format version `from` into version `from + 1`.
fn migrate(value: Value, from: u64) -> Result<Value, ParseError> {
    let step = from
        .checked_sub(1)
        .and_then(|index| usize::try_from(index).ok())
        .and_then(|index| MIGRATIONS.get(index))
        .ok_or_else(|| ParseError::WrongShape {
            field: VERSION_FIELD.to_owned(),
            message: tr(Language::En, T::StoreVersionUnknown).to_owned(),
        })?;
    step(value)
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::model::{Experiment, ExperimentId, Keyword, KeywordId, OrgId, Organisation};

    /// A small session that holds together.
    fn sample() -> Session {
        let mut session = Session::default();
        session.header.title = "Leerkring juni".into();
        session.organisations.push(Organisation {
            id: OrgId::new("breda"),
            name: "Breda".into(),
            kind: crate::model::OrgKind::Municipality,
            notes: Vec::new(),
        });
        session.experiments.push(Experiment {
            id: ExperimentId::new("exp-1"),
            organisation: OrgId::new("breda"),
            title: "Wijkbudget".into(),
            keywords: vec![Keyword {
                id: KeywordId::new("kw-1"),
                text: "inwoners ⊗ raad → besluit".into(),
                tags: vec!["participatie".into()],
                highlighted: true,
            }],
            notes: Vec::new(),
        });
        session
    }

    /// The names in `folder`, sorted.
    fn listing(folder: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(folder)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    /// Writes `bytes` to a file, loads it, checks that neither the file nor
    /// the folder changed, and returns the error.
    fn load_error(bytes: &[u8]) -> LoadError {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sessie.json");
        fs::write(&path, bytes).unwrap();
        let err = load_session(&path).unwrap_err();
        assert_eq!(fs::read(&path).unwrap(), bytes, "the file changed");
        assert_eq!(listing(dir.path()), ["sessie.json"], "the folder changed");
        assert_eq!(err.path(), path);
        err
    }

    /// The parse error for a file holding `bytes`.
    fn parse_error(bytes: &[u8]) -> ParseError {
        match load_error(bytes) {
            LoadError::Parse { source, .. } => source,
            other => panic!("expected a parse error, got {other:?}"),
        }
    }

    fn json(value: &serde_json::Value) -> Vec<u8> {
        serde_json::to_vec_pretty(value).unwrap()
    }

    #[test]
    fn missing_file_is_missing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nergens.json");
        let err = load_session(&path).unwrap_err();
        assert!(matches!(err, LoadError::Missing { .. }), "{err:?}");
        assert!(listing(dir.path()).is_empty());
    }

    #[test]
    fn folder_is_unreadable() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("map.json");
        fs::create_dir(&path).unwrap();
        let err = load_session(&path).unwrap_err();
        assert!(matches!(err, LoadError::Unreadable { .. }), "{err:?}");
        assert_eq!(listing(dir.path()), ["map.json"]);
        assert!(listing(&path).is_empty());
    }

    #[test]
    fn oversized_file_is_too_large_and_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("groot.json");
        // A sparse file: large on paper, takes no space.
        fs::File::create(&path)
            .unwrap()
            .set_len(MAX_FILE_SIZE + 1)
            .unwrap();
        let err = load_session(&path).unwrap_err();
        assert!(
            matches!(err, LoadError::TooLarge { size, .. } if size == MAX_FILE_SIZE + 1),
            "{err:?}"
        );
        assert_eq!(fs::metadata(&path).unwrap().len(), MAX_FILE_SIZE + 1);
        assert_eq!(listing(dir.path()), ["groot.json"]);
    }

    #[test]
    fn empty_file_is_empty() {
        assert_eq!(parse_error(b""), ParseError::Empty);
    }

    #[test]
    fn whitespace_only_file_is_empty() {
        assert_eq!(parse_error(b"  \n\t\r\n  "), ParseError::Empty);
    }

    #[test]
    fn broken_json_gives_line_and_column() {
        let text = "{\n  \"format_version\": 1,\n  \"header\": {\n    \"title\": \"x\"\n    \"network\": \"M50\"\n  }\n}\n";
        let err = parse_error(text.as_bytes());
        assert_eq!(
            err,
            ParseError::NotJson {
                line: 5,
                column: 5,
                message: "expected `,` or `}`".into()
            }
        );
    }

    #[test]
    fn cut_off_json_says_so() {
        let text = "{\n  \"format_version\": 1,\n  \"header\": {\n";
        let err = parse_error(text.as_bytes());
        let ParseError::NotJson { line, message, .. } = err else {
            panic!("expected NotJson, got {err:?}");
        };
        assert_eq!(line, 4);
        assert_eq!(message, tr(Language::En, T::StoreCutOff));
    }

    #[test]
    fn wrong_type_gives_the_field_path() {
        let mut value = serde_json::to_value(sample()).unwrap();
        value["experiments"][0]["keywords"][0]["text"] = serde_json::json!(5);
        let err = parse_error(&json(&value));
        let ParseError::WrongShape { field, message } = &err else {
            panic!("expected WrongShape, got {err:?}");
        };
        assert_eq!(field, "experiments[0].keywords[0].text");
        assert!(message.contains("expected a string"), "{message}");
    }

    #[test]
    fn missing_required_field_gives_the_path_of_its_owner() {
        let mut value = serde_json::to_value(sample()).unwrap();
        value["experiments"][0]
            .as_object_mut()
            .unwrap()
            .remove("title");
        let err = parse_error(&json(&value));
        let ParseError::WrongShape { field, message } = &err else {
            panic!("expected WrongShape, got {err:?}");
        };
        assert_eq!(field, "experiments[0]");
        assert!(message.contains("title"), "{message}");
    }

    #[test]
    fn newer_format_is_refused() {
        let mut value = serde_json::to_value(sample()).unwrap();
        value["format_version"] = serde_json::json!(99);
        assert_eq!(
            parse_error(&json(&value)),
            ParseError::NewerFormat {
                found: 99,
                supported: FORMAT_VERSION
            }
        );
    }

    #[test]
    fn missing_or_odd_format_version_is_wrong_shape() {
        let wrong_version = |text| ParseError::WrongShape {
            field: "format_version".into(),
            message: tr(Language::En, text).into(),
        };
        let mut value = serde_json::to_value(sample()).unwrap();
        value.as_object_mut().unwrap().remove("format_version");
        assert_eq!(
            parse_error(&json(&value)),
            wrong_version(T::StoreVersionMissing)
        );
        for odd in [
            serde_json::json!("1"),
            serde_json::json!(1.5),
            serde_json::json!(-1),
        ] {
            value["format_version"] = odd;
            assert_eq!(
                parse_error(&json(&value)),
                wrong_version(T::StoreVersionNotNumber)
            );
        }
        value["format_version"] = serde_json::json!(0);
        assert_eq!(
            parse_error(&json(&value)),
            wrong_version(T::StoreVersionUnknown)
        );
    }

    #[test]
    fn top_level_that_is_not_an_object_is_wrong_shape() {
        for text in ["[]", "42", "\"sessie\"", "null"] {
            assert_eq!(
                parse_error(text.as_bytes()),
                ParseError::WrongShape {
                    field: String::new(),
                    message: tr(Language::En, T::StoreNotASession).into(),
                },
                "{text}"
            );
        }
    }

    #[test]
    fn inconsistent_ids_are_refused() {
        let mut session = sample();
        session.experiments[0].keywords[0].id = KeywordId::new("breda");
        session.experiments[0].organisation = OrgId::new("tilburg");
        let err = parse_error(&session_to_json(&session));
        let ParseError::Inconsistent { problems } = &err else {
            panic!("expected Inconsistent, got {err:?}");
        };
        assert_eq!(problems, &session.problems());
        assert_eq!(problems.len(), 2);
    }

    #[test]
    fn byte_order_mark_is_accepted() {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend(session_to_json(&sample()));
        assert_eq!(parse_session(&bytes).unwrap(), sample());
    }

    #[test]
    fn save_then_load_gives_an_equal_session() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sessie.json");
        fs::write(&path, b"oud").unwrap();
        save_session(&path, &sample()).unwrap();
        assert_eq!(load_session(&path).unwrap(), sample());
        assert_eq!(fs::read(&path).unwrap(), session_to_json(&sample()));
        assert_eq!(listing(dir.path()), ["sessie.json"]);
    }

    #[test]
    fn saved_json_is_pretty_current_and_ends_in_a_line_break() {
        let mut session = sample();
        session.format_version = 0;
        let bytes = session_to_json(&session);
        assert!(bytes.ends_with(b"}\n"));
        assert!(bytes.starts_with(b"{\n  \"format_version\": 1,"));
        let value: Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(value["format_version"], serde_json::json!(FORMAT_VERSION));
    }

    #[test]
    fn save_into_a_missing_folder_is_folder_missing() {
        let dir = tempfile::tempdir().unwrap();
        let path: PathBuf = dir.path().join("weg").join("sessie.json");
        let err = save_session(&path, &sample()).unwrap_err();
        assert!(matches!(err, SaveError::FolderMissing { .. }), "{err:?}");
        assert!(listing(dir.path()).is_empty());
    }

    #[test]
    fn json_schema_is_json_and_names_the_format_version() {
        let schema = json_schema();
        let value: Value = serde_json::from_str(&schema).unwrap();
        assert!(value.is_object());
        assert!(schema.contains("format_version"));
    }
}
