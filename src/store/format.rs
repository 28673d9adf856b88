//! The session file format: reading a file (checks, migrations from older
//! format versions, consistency), writing one, and its JSON Schema.
//!
//! A file in an older format is migrated in memory, one version at a time.
//! Before [`load_session`] hands such a session to the app (which will save
//! it in the new format), it copies the original file, byte for byte, to
//! `<name>.v<old>.bak` next to it, or `<name>.v<old>.bak.1`, `.2`, … when
//! that name is taken by a different file. A backup is never overwritten or
//! moved, and the original is never touched by loading.
//!
//! Limits: a file over [`MAX_FILE_SIZE`] is not read at all; JSON nested
//! deeper than 128 levels is refused as not JSON (so a hostile file cannot
//! overflow the stack); a session of 10 000 keywords (about 1 MB) loads and
//! saves normally. The console limits the length of single fields
//! (`model::limits`).

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::atomic::write_atomic;
use super::error::{LoadError, ParseError, SaveError, own_io_error};
use super::journal::Fingerprint;
use super::strict::{self, StrictError};
use crate::i18n::{Language, T, tr, trf};
use crate::model::themes::ThemeMerge;
use crate::model::{FORMAT_VERSION, Session};

/// The largest session file that is read: 64 MiB. Real sessions are a few
/// hundred kilobytes (attachments are separate files), so anything larger is
/// not a session, and reading it could exhaust memory.
pub const MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

/// The name of the version field at the top of every session file.
const VERSION_FIELD: &str = "format_version";

/// How many numbered backups (`.bak.1`, `.bak.2`, …) of one version may exist.
const MAX_BACKUPS: u32 = 1000;

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
    parse_with(bytes, MIGRATIONS).map(|parsed| parsed.session)
}

/// A session read from a file, and the format version it was migrated from.
#[derive(Debug)]
struct Parsed {
    session: Session,
    /// The file's own format version when it was older than the current one.
    migrated_from: Option<u64>,
    /// What was put right while reading.
    repairs: Vec<Repair>,
}

/// Something a file held that reading put right (in memory; the file is
/// unchanged until the session is saved), to tell the facilitator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Repair {
    /// Theme merges that closed a cycle (a→b→c→a), which would make a theme
    /// vanish from the themes view and the beamer, were taken out.
    MergeCycles(Vec<ThemeMerge>),
}

impl Repair {
    /// What was put right, in `lang`.
    #[must_use]
    pub fn message(&self, lang: Language) -> String {
        match self {
            Repair::MergeCycles(merges) => {
                let list: Vec<String> = merges
                    .iter()
                    .map(|m| crate::model::clean::one_line(&format!("{} → {}", m.from, m.into), 80))
                    .collect();
                trf(
                    lang,
                    T::StoreMergeCyclesRepaired,
                    &[("merges", &list.join(", "))],
                )
            }
        }
    }
}

/// A session read from its file, with what reading noticed.
#[derive(Debug)]
pub struct Loaded {
    /// The session.
    pub session: Session,
    /// The fingerprint of the file's bytes as read, so a later save can
    /// notice that another program replaced the file meanwhile.
    pub print: Fingerprint,
    /// What was put right while reading.
    pub repairs: Vec<Repair>,
}

/// [`parse_session`] with the migration table given, so tests can add
/// migrations: the current version is then `migrations.len() + 1`.
fn parse_with(bytes: &[u8], migrations: &[Migration]) -> Result<Parsed, ParseError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ParseError::Empty);
    }
    let value: Value = strict::from_slice(bytes).map_err(|err| match err {
        StrictError::Json(err) => not_json(&err),
        StrictError::DuplicateKey(field) => ParseError::DuplicateKey { field },
    })?;
    let (value, migrated_from) = migrate_to_current(value, migrations)?;
    let mut session: Session = serde_path_to_error::deserialize(value).map_err(|err| {
        let field = err.path().to_string();
        ParseError::WrongShape {
            // The path of the whole file renders as ".".
            field: if field == "." { String::new() } else { field },
            message: err.into_inner().to_string(),
        }
    })?;
    let mut repairs = Vec::new();
    let broken = session.themes.break_merge_cycles();
    if !broken.is_empty() {
        repairs.push(Repair::MergeCycles(broken));
    }
    let problems = session.problems();
    if problems.is_empty() {
        Ok(Parsed {
            session,
            migrated_from,
            repairs,
        })
    } else {
        Err(ParseError::Inconsistent { problems })
    }
}

/// Reads the session file at `path`. Never writes to, renames or removes the
/// file: an unusable file stays exactly as it is.
///
/// A file in an older format version is migrated, and first copied to a
/// backup next to it (see the module's documentation); when that copy cannot
/// be made, the file is not opened ([`LoadError::Unreadable`] with the
/// system's reason), so a later save can never replace the only original.
pub fn load_session(path: &Path) -> Result<Session, LoadError> {
    load_with(path, MIGRATIONS).map(|loaded| loaded.session)
}

/// [`load_session`], also giving the fingerprint of the bytes read and
/// what reading put right (to tell the facilitator).
pub fn load_session_noted(path: &Path) -> Result<Loaded, LoadError> {
    load_with(path, MIGRATIONS)
}

/// [`load_session_noted`] with the migration table given.
fn load_with(path: &Path, migrations: &[Migration]) -> Result<Loaded, LoadError> {
    let bytes = read_file(path)?;
    let parsed = parse_with(&bytes, migrations).map_err(|source| LoadError::Parse {
        path: path.to_owned(),
        source,
    })?;
    if let Some(old_version) = parsed.migrated_from {
        keep_backup(path, &bytes, old_version).map_err(|source| LoadError::Unreadable {
            path: path.to_owned(),
            source,
        })?;
    }
    Ok(Loaded {
        session: parsed.session,
        print: Fingerprint::of(&bytes),
        repairs: parsed.repairs,
    })
}

/// Reads a copy of a session (a history snapshot, a recovery copy) without
/// writing anything: an older format is migrated in memory only.
pub(super) fn read_session_copy(path: &Path) -> Result<Session, LoadError> {
    let bytes = read_file(path)?;
    parse_session(&bytes).map_err(|source| LoadError::Parse {
        path: path.to_owned(),
        source,
    })
}

/// The bytes of the file at `path`, after checking that it is an ordinary
/// file of at most [`MAX_FILE_SIZE`].
fn read_file(path: &Path) -> Result<Vec<u8>, LoadError> {
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
    Ok(bytes)
}

/// Copies `original` (the bytes of the file at `path`, format version
/// `old_version`) to a new backup file next to it and returns the backup's
/// path. An existing backup with exactly these bytes is used as it is; one
/// with other bytes is never touched, the next free number is taken instead.
///
/// The backup is created with `create_new`, which never replaces a file
/// (so not through the atomic helper, which does); a backup left half-written
/// by a crash is therefore never mistaken for a complete one, as its bytes differ.
fn keep_backup(path: &Path, original: &[u8], old_version: u64) -> io::Result<PathBuf> {
    let file_name = path
        .file_name()
        .ok_or_else(|| own_io_error(io::ErrorKind::InvalidInput, T::StoreNoFileName))?;
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut base = file_name.to_owned();
    base.push(format!(".v{old_version}.bak"));
    for number in 0..MAX_BACKUPS {
        let mut name = base.clone();
        if number > 0 {
            name.push(format!(".{number}"));
        }
        let backup = folder.join(name);
        match fs::File::options()
            .write(true)
            .create_new(true)
            .open(&backup)
        {
            Ok(mut file) => {
                let written = file.write_all(original).and_then(|()| file.sync_all());
                if let Err(err) = written {
                    drop(file);
                    let _ = fs::remove_file(&backup);
                    return Err(err);
                }
                #[cfg(unix)]
                {
                    // Make the new name durable; the content already is.
                    let _ = fs::File::open(folder).and_then(|f| f.sync_all());
                }
                return Ok(backup);
            }
            Err(err) if err.kind() == io::ErrorKind::AlreadyExists => {
                let same_size =
                    fs::metadata(&backup).is_ok_and(|m| m.len() == original.len() as u64);
                if same_size && fs::read(&backup).is_ok_and(|bytes| bytes == original) {
                    return Ok(backup);
                }
            }
            Err(err) => return Err(err),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        format!("{MAX_BACKUPS} backups of {} exist already", path.display()),
    ))
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
/// at a time, to the current version (`migrations.len() + 1`, which is
/// [`FORMAT_VERSION`] for [`MIGRATIONS`]). Also returns the file's own
/// version when it was older.
fn migrate_to_current(
    mut value: Value,
    migrations: &[Migration],
) -> Result<(Value, Option<u64>), ParseError> {
    let current = migrations.len() as u64 + 1;
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
    if version > current {
        return Err(ParseError::NewerFormat {
            found: version,
            supported: u32::try_from(current).unwrap_or(u32::MAX),
        });
    }
    let original = version;
    while version < current {
        value = migrate(value, version, migrations)?;
        version += 1;
        if let Value::Object(map) = &mut value {
            map.insert(VERSION_FIELD.to_owned(), Value::from(version));
        }
    }
    Ok((value, (original < current).then_some(original)))
}

/// Turns a file of format version `from` into version `from + 1`.
fn migrate(value: Value, from: u64, migrations: &[Migration]) -> Result<Value, ParseError> {
    let step = from
        .checked_sub(1)
        .and_then(|index| usize::try_from(index).ok())
        .and_then(|index| migrations.get(index))
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
            attendance: crate::model::Attendance::Unknown,
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

    /// Fake migration 1 → 2: the header used to be called `kop`.
    #[allow(clippy::unnecessary_wraps)] // The signature of every migration.
    fn rename_kop(mut value: Value) -> Result<Value, ParseError> {
        if let Value::Object(map) = &mut value
            && let Some(kop) = map.remove("kop")
        {
            map.insert("header".into(), kop);
        }
        Ok(value)
    }

    /// Fake migration 2 → 3: the title used to be called `naam`. Needs the
    /// header under its version-2 name, so it fails when run before `rename_kop`.
    fn rename_naam(mut value: Value) -> Result<Value, ParseError> {
        let header = value
            .get_mut("header")
            .and_then(Value::as_object_mut)
            .ok_or_else(|| ParseError::WrongShape {
                field: "header".into(),
                message: "missing".into(),
            })?;
        if let Some(naam) = header.remove("naam") {
            header.insert("title".into(), naam);
        }
        Ok(value)
    }

    const FAKE_MIGRATIONS: &[Migration] = &[rename_kop, rename_naam];

    /// A version-1 file for [`FAKE_MIGRATIONS`], with a byte order mark and
    /// odd spacing, so a re-serialised copy would not be byte-identical.
    const OLD_FILE: &[u8] =
        b"\xEF\xBB\xBF{ \"format_version\":1,\r\n  \"kop\": {\"naam\": \"Oude leerkring \xE2\x8A\x97\"} }";

    #[test]
    fn old_file_is_migrated_step_by_step() {
        let parsed = parse_with(OLD_FILE, FAKE_MIGRATIONS).unwrap();
        assert_eq!(parsed.migrated_from, Some(1));
        assert_eq!(parsed.session.header.title, "Oude leerkring ⊗");
        assert_eq!(parsed.session.format_version, 3);

        let version_2 = br#"{"format_version": 2, "header": {"naam": "Twee"}}"#;
        let parsed = parse_with(version_2, FAKE_MIGRATIONS).unwrap();
        assert_eq!(parsed.migrated_from, Some(2));
        assert_eq!(parsed.session.header.title, "Twee");

        let current = br#"{"format_version": 3, "header": {"title": "Drie"}}"#;
        let parsed = parse_with(current, FAKE_MIGRATIONS).unwrap();
        assert_eq!(parsed.migrated_from, None);

        let newer = br#"{"format_version": 4}"#;
        assert_eq!(
            parse_with(newer, FAKE_MIGRATIONS).unwrap_err(),
            ParseError::NewerFormat {
                found: 4,
                supported: 3
            }
        );
        // With the real table, version 3 is newer than this build reads.
        assert_eq!(
            parse_with(current, MIGRATIONS).unwrap_err(),
            ParseError::NewerFormat {
                found: 3,
                supported: FORMAT_VERSION
            }
        );
    }

    #[test]
    fn migrated_file_is_backed_up_byte_identical_and_left_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sessie.json");
        fs::write(&path, OLD_FILE).unwrap();

        let session = load_with(&path, FAKE_MIGRATIONS).unwrap().session;
        assert_eq!(session.header.title, "Oude leerkring ⊗");
        assert_eq!(listing(dir.path()), ["sessie.json", "sessie.json.v1.bak"]);
        assert_eq!(
            fs::read(dir.path().join("sessie.json.v1.bak")).unwrap(),
            OLD_FILE
        );
        assert_eq!(fs::read(&path).unwrap(), OLD_FILE);

        // Loading the unchanged file again makes no second copy.
        load_with(&path, FAKE_MIGRATIONS).unwrap();
        assert_eq!(listing(dir.path()), ["sessie.json", "sessie.json.v1.bak"]);
    }

    #[test]
    fn existing_backup_is_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sessie.json");
        fs::write(&path, OLD_FILE).unwrap();
        fs::write(dir.path().join("sessie.json.v1.bak"), b"an older original").unwrap();
        fs::create_dir(dir.path().join("sessie.json.v1.bak.1")).unwrap();

        load_with(&path, FAKE_MIGRATIONS).unwrap();
        assert_eq!(
            listing(dir.path()),
            [
                "sessie.json",
                "sessie.json.v1.bak",
                "sessie.json.v1.bak.1",
                "sessie.json.v1.bak.2"
            ]
        );
        assert_eq!(
            fs::read(dir.path().join("sessie.json.v1.bak")).unwrap(),
            b"an older original"
        );
        assert_eq!(
            fs::read(dir.path().join("sessie.json.v1.bak.2")).unwrap(),
            OLD_FILE
        );
    }

    #[test]
    fn current_or_unusable_files_get_no_backup() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sessie.json");
        fs::write(&path, session_to_json(&sample())).unwrap();
        load_with(&path, MIGRATIONS).unwrap();
        assert_eq!(listing(dir.path()), ["sessie.json"]);

        // Migrated, but then not a usable session: nothing is written.
        fs::write(&path, br#"{"format_version": 1, "kop": {"naam": 5}}"#).unwrap();
        let err = load_with(&path, FAKE_MIGRATIONS).unwrap_err();
        assert!(matches!(err, LoadError::Parse { .. }), "{err:?}");
        assert_eq!(listing(dir.path()), ["sessie.json"]);
    }

    #[test]
    fn copies_are_read_without_a_backup() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("20200204-143200.json");
        fs::write(&path, session_to_json(&sample())).unwrap();
        assert_eq!(read_session_copy(&path).unwrap(), sample());
        assert_eq!(listing(dir.path()), ["20200204-143200.json"]);
    }

    #[test]
    fn ten_thousand_keywords_load_and_save() {
        let session = crate::store::history::tests::session_with("Groot", 10_000, 1_000);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("groot.json");
        save_session(&path, &session).unwrap();
        let size = fs::metadata(&path).unwrap().len();
        assert!(size < MAX_FILE_SIZE / 10, "{size} bytes");
        let loaded = load_session(&path).unwrap();
        assert_eq!(loaded.keyword_count(), 10_000);
        assert_eq!(loaded.bullet_count(), 1_000);
        assert_eq!(loaded, session);
    }

    #[test]
    fn deeply_nested_json_is_refused_without_overflowing_the_stack() {
        let depth = 100_000;
        let mut text = "[".repeat(depth);
        text.push_str(&"]".repeat(depth));
        let err = parse_session(text.as_bytes()).unwrap_err();
        assert!(matches!(err, ParseError::NotJson { .. }), "{err:?}");

        let mut text = String::from(r#"{"format_version": 1, "x": "#);
        text.push_str(&r#"{"a": "#.repeat(depth));
        let err = parse_session(text.as_bytes()).unwrap_err();
        assert!(matches!(err, ParseError::NotJson { .. }), "{err:?}");
    }

    #[test]
    fn deep_but_allowed_bullet_nesting_reads() {
        // Each bullet level is two JSON levels (object and list), so this is
        // near the reader's limit of 128.
        let mut bullets = Vec::new();
        for level in (0..55).rev() {
            bullets = vec![crate::model::Bullet {
                id: crate::model::BulletId::new(format!("b-{level}")),
                text: format!("niveau {level}"),
                tags: Vec::new(),
                children: bullets,
            }];
        }
        let mut session = sample();
        session.synthesis.observations.bullets = bullets;
        let back = parse_session(&session_to_json(&session)).unwrap();
        assert_eq!(back.bullet_count(), 55);
    }

    #[test]
    fn the_verslag_fields_are_optional_and_in_the_schema() {
        // A file from before chair, note-taker, attendance and "from" loads,
        // with nothing recorded for them.
        let old = br#"{"format_version": 1,
            "header": {"title": "Oud", "facilitator": "Marieke"},
            "organisations": [{"id": "o", "name": "Zeist"}],
            "synthesis": {"actions": [{"id": "a", "text": "Mailen"}]}}"#;
        let session = parse_session(old).unwrap();
        assert_eq!(session.header.note_taker, "");
        assert!(session.organisations[0].attendance.is_unknown());
        assert_eq!(session.synthesis.actions[0].from, None);
        // Empty, they are not written; set, they come back.
        let json = String::from_utf8(session_to_json(&session)).unwrap();
        for field in ["chair", "note_taker", "attendance", "\"from\""] {
            assert!(!json.contains(field), "{field} in {json}");
        }
        let mut session = session;
        session.header.note_taker = "Jeroen".into();
        session.organisations[0].attendance = crate::model::Attendance::Absent;
        session.synthesis.actions[0].from = Some(crate::model::MeetingRef {
            title: "Kick-off".into(),
            when: None,
        });
        let back = parse_session(&session_to_json(&session)).unwrap();
        assert_eq!(back, session);
        let schema = json_schema();
        for field in ["note_taker", "chair", "attendance", "MeetingRef"] {
            assert!(schema.contains(field), "the schema lacks {field}");
        }
    }

    #[test]
    fn duplicate_json_keys_are_an_error_not_a_silent_last_wins() {
        let text = br#"{"format_version": 1,
            "header": {"title": "Juni", "network": "M50", "title": "Geheim"}}"#;
        let err = parse_error(text);
        assert_eq!(
            err,
            ParseError::DuplicateKey {
                field: "header.title".into()
            }
        );
        for lang in [Language::Nl, Language::En] {
            assert!(
                err.message(lang).contains("header.title"),
                "{}",
                err.message(lang)
            );
        }
    }

    #[test]
    fn a_ten_megabyte_keyword_in_a_file_is_refused_naming_the_field() {
        let mut session = sample();
        session.experiments[0].keywords[0].text = "x".repeat(10_000_000);
        let err = load_error(&session_to_json(&session));
        let message = err.message(Language::Nl);
        assert!(
            message.contains("experiments[0].keywords[0].text") && message.contains("500"),
            "{message}"
        );
        assert!(message.len() < 1000, "the message does not quote the text");
    }

    #[test]
    fn a_merge_cycle_is_repaired_on_load_with_a_note() {
        let mut session = sample();
        session.themes.merged = ["a", "b", "c"]
            .iter()
            .zip(["b", "c", "a"])
            .map(|(from, into)| ThemeMerge {
                from: (*from).into(),
                into: into.into(),
            })
            .collect();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sessie.json");
        let bytes = session_to_json(&session);
        fs::write(&path, &bytes).unwrap();
        let loaded = load_session_noted(&path).unwrap();
        assert_eq!(loaded.session.themes.merged.len(), 2);
        assert_eq!(
            loaded.repairs,
            [Repair::MergeCycles(vec![ThemeMerge {
                from: "c".into(),
                into: "a".into()
            }])]
        );
        assert!(loaded.repairs[0].message(Language::Nl).contains("c → a"));
        assert_eq!(loaded.print, Fingerprint::of(&bytes));
        // The file itself is unchanged by reading it.
        assert_eq!(fs::read(&path).unwrap(), bytes);
    }

    #[test]
    fn json_schema_is_json_and_names_the_format_version() {
        let schema = json_schema();
        let value: Value = serde_json::from_str(&schema).unwrap();
        assert!(value.is_object());
        assert!(schema.contains("format_version"));
    }
}
