//! Typed errors for reading and writing session files, with messages for the
//! facilitator in Dutch and English.
//!
//! `Display` gives the English text. An error that wraps another one (an
//! `io::Error`, or a [`ParseError`] inside a [`LoadError`]) says only what
//! went wrong at its own level and leaves the rest to [`std::error::Error::source`],
//! so a command line that prints the whole chain says everything once.
//! `message(lang)` gives the complete text in one line, for a notification.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use crate::i18n::{Language, T, tr, trf};
use crate::model::Problem;

/// How many consistency problems a message lists before it says "and N more".
const LISTED_PROBLEMS: usize = 3;

/// Why the bytes of a session file are not a usable session.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    /// The file has no content, or only spaces and line breaks.
    Empty,
    /// The file is not valid JSON (damaged, cut off, or not a session file at all).
    NotJson {
        /// The line of the first mistake, counting from 1.
        line: usize,
        /// The column of the first mistake, counting from 1.
        column: usize,
        /// What is wrong there, in English.
        message: String,
    },
    /// The file is JSON, but a field holds the wrong kind of value, a
    /// required field is missing, or the file is not a JSON object at all.
    WrongShape {
        /// Where the bad value is, e.g. `experiments[3].keywords[0].text`;
        /// empty when the file as a whole is wrong (not a JSON object).
        /// A missing or non-numeric format version is reported at `format_version`.
        field: String,
        /// What is wrong there, in English.
        message: String,
    },
    /// A key appears twice in one JSON object (a hand-edited file: which
    /// of the two was meant cannot be told).
    DuplicateKey {
        /// The key's path, e.g. `header.title`.
        field: String,
    },
    /// The file was made with a newer Leerkring, whose format this build cannot read.
    NewerFormat {
        /// The format version in the file.
        found: u64,
        /// The newest format version this build reads ([`crate::model::FORMAT_VERSION`]).
        supported: u32,
    },
    /// The file reads fine, but ids are used twice or references point nowhere
    /// (see [`crate::model::Session::problems`]).
    Inconsistent {
        /// Every problem found, in document order.
        problems: Vec<Problem>,
    },
}

impl ParseError {
    /// The whole message in `lang`, e.g. "line 3, column 7: expected `,` or `}`".
    /// Details that come from the JSON reader stay in English.
    #[must_use]
    pub fn message(&self, lang: Language) -> String {
        match self {
            ParseError::Empty => tr(lang, T::StoreEmpty).to_owned(),
            ParseError::NotJson {
                line,
                column,
                message,
            } => trf(
                lang,
                T::StoreNotJson,
                &[
                    ("line", &line.to_string()),
                    ("column", &column.to_string()),
                    ("detail", &localized(lang, message)),
                ],
            ),
            ParseError::WrongShape { field, message } => {
                let detail = localized(lang, message);
                if field.is_empty() {
                    detail
                } else {
                    trf(
                        lang,
                        T::StoreWrongShapeAt,
                        &[("field", field), ("detail", &detail)],
                    )
                }
            }
            ParseError::DuplicateKey { field } => {
                trf(lang, T::StoreDuplicateKey, &[("field", field)])
            }
            ParseError::NewerFormat { found, supported } => trf(
                lang,
                T::StoreNewerFormat,
                &[
                    ("found", &found.to_string()),
                    ("supported", &supported.to_string()),
                ],
            ),
            ParseError::Inconsistent { problems } => {
                let mut listed: Vec<String> = problems
                    .iter()
                    .take(LISTED_PROBLEMS)
                    .map(|p| problem_message(lang, p))
                    .collect();
                if problems.len() > LISTED_PROBLEMS {
                    let more = (problems.len() - LISTED_PROBLEMS).to_string();
                    listed.push(trf(lang, T::StoreMoreProblems, &[("count", &more)]));
                }
                trf(
                    lang,
                    T::StoreInconsistent,
                    &[("detail", &listed.join("; "))],
                )
            }
        }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Language::En))
    }
}

/// Why a session file could not be opened. Loading never changes the file.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// There is no file at this path.
    Missing {
        /// The path that was asked for.
        path: PathBuf,
    },
    /// The file exists but cannot be read: no permission, a folder instead of
    /// a file, a device, or a read error.
    Unreadable {
        /// The file.
        path: PathBuf,
        /// What the system reported.
        source: io::Error,
    },
    /// The file is larger than [`super::MAX_FILE_SIZE`], far beyond any real
    /// session, so it is not read at all.
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size in bytes.
        size: u64,
    },
    /// The file was read, but its content is not a usable session.
    Parse {
        /// The file.
        path: PathBuf,
        /// What is wrong with the content.
        source: ParseError,
    },
}

impl LoadError {
    /// The file the error is about.
    #[must_use]
    pub fn path(&self) -> &Path {
        match self {
            LoadError::Missing { path }
            | LoadError::Unreadable { path, .. }
            | LoadError::TooLarge { path, .. }
            | LoadError::Parse { path, .. } => path,
        }
    }

    /// The whole message in `lang`, naming the file and what is wrong.
    #[must_use]
    pub fn message(&self, lang: Language) -> String {
        let headline = self.headline(lang);
        match self {
            LoadError::Missing { .. } | LoadError::TooLarge { .. } => headline,
            LoadError::Unreadable { source, .. } => {
                format!("{headline}: {}", explain_io(lang, source))
            }
            LoadError::Parse { source, .. } => format!("{headline}: {}", source.message(lang)),
        }
    }

    /// The message without the cause that `source()` carries.
    fn headline(&self, lang: Language) -> String {
        let file = self.path().display().to_string();
        match self {
            LoadError::Missing { .. } => trf(lang, T::StoreFileMissing, &[("file", &file)]),
            LoadError::Unreadable { .. } => trf(lang, T::StoreFileUnreadable, &[("file", &file)]),
            LoadError::TooLarge { size, .. } => trf(
                lang,
                T::StoreFileTooLarge,
                &[
                    ("file", &file),
                    ("size", &megabytes(*size)),
                    ("limit", &megabytes(super::MAX_FILE_SIZE)),
                ],
            ),
            LoadError::Parse { .. } => trf(lang, T::StoreFileNotUsable, &[("file", &file)]),
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.headline(Language::En))
    }
}

/// Why a file could not be saved. Whatever the reason, the file that was
/// there before is left exactly as it was.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The existing file is marked read-only.
    ReadOnly {
        /// The file.
        path: PathBuf,
    },
    /// The disk (or the user's quota on it) is full.
    DiskFull {
        /// The file.
        path: PathBuf,
    },
    /// The folder to save in does not exist.
    FolderMissing {
        /// The file.
        path: PathBuf,
    },
    /// Another program changed or replaced the file since Leerkring opened
    /// or last saved it; it was not written over (the app asks first).
    ChangedOnDisk {
        /// The file.
        path: PathBuf,
    },
    /// Any other failure, such as no permission to write in the folder.
    Io {
        /// The file.
        path: PathBuf,
        /// What the system reported.
        source: io::Error,
    },
}

impl SaveError {
    /// The error for `err` while saving `path`: a full disk is recognised,
    /// everything else is [`SaveError::Io`].
    pub(crate) fn from_io(path: &Path, err: io::Error) -> Self {
        if is_disk_full(&err) {
            SaveError::DiskFull {
                path: path.to_owned(),
            }
        } else {
            SaveError::Io {
                path: path.to_owned(),
                source: err,
            }
        }
    }

    /// The file the error is about.
    #[must_use]
    pub fn path(&self) -> &Path {
        match self {
            SaveError::ReadOnly { path }
            | SaveError::DiskFull { path }
            | SaveError::FolderMissing { path }
            | SaveError::ChangedOnDisk { path }
            | SaveError::Io { path, .. } => path,
        }
    }

    /// The whole message in `lang`, naming the file and what is wrong.
    #[must_use]
    pub fn message(&self, lang: Language) -> String {
        let detail = match self {
            SaveError::ReadOnly { .. } => tr(lang, T::StoreReadOnly).to_owned(),
            SaveError::DiskFull { .. } => tr(lang, T::StoreDiskFull).to_owned(),
            SaveError::FolderMissing { .. } => tr(lang, T::StoreFolderMissing).to_owned(),
            SaveError::ChangedOnDisk { .. } => tr(lang, T::StoreChangedOnDisk).to_owned(),
            SaveError::Io { source, .. } => explain_io(lang, source),
        };
        format!("{}: {detail}", self.headline(lang))
    }

    /// "Could not save {file}", without the cause.
    fn headline(&self, lang: Language) -> String {
        let file = self.path().display().to_string();
        trf(lang, T::StoreSaveFailed, &[("file", &file)])
    }
}

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            // The cause is the `source()`; don't say it twice.
            SaveError::Io { .. } => f.write_str(&self.headline(Language::En)),
            _ => f.write_str(&self.message(Language::En)),
        }
    }
}

/// Whether `err` means that the disk or the user's quota is full.
pub(crate) fn is_disk_full(err: &io::Error) -> bool {
    // ENOSPC on Unix, ERROR_DISK_FULL on Windows.
    const DISK_FULL: i32 = if cfg!(windows) { 112 } else { 28 };
    matches!(
        err.kind(),
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded
    ) || err.raw_os_error() == Some(DISK_FULL)
}

/// An `io::Error` whose message is one of the store's own texts (in
/// English), so that [`LoadError::message`] and [`SaveError::message`] can
/// give it in the user's language.
pub(crate) fn own_io_error(kind: io::ErrorKind, text: T) -> io::Error {
    io::Error::new(kind, tr(Language::En, text))
}

/// What the system reported, explained in `lang`: the usual failures in
/// words of the store's own (a missing folder, no permission, a full or
/// read-only disk, a file in use, a path part that is not a folder…);
/// anything else with the system's error number.
#[must_use]
pub fn explain_io(lang: Language, err: &io::Error) -> String {
    use io::ErrorKind as K;
    if is_disk_full(err) {
        return tr(lang, T::StoreDiskFull).to_owned();
    }
    let key = match err.kind() {
        K::NotFound => Some(T::IoNotFound),
        K::PermissionDenied => Some(T::StoreNoPermission),
        K::IsADirectory => Some(T::StoreIsFolder),
        K::NotADirectory => Some(T::IoNotADirectory),
        K::AlreadyExists => Some(T::IoAlreadyExists),
        K::ReadOnlyFilesystem => Some(T::IoReadOnlyDisk),
        K::ResourceBusy | K::ExecutableFileBusy => Some(T::IoBusy),
        K::InvalidFilename => Some(T::IoBadName),
        K::FileTooLarge => Some(T::IoFileTooLarge),
        K::DirectoryNotEmpty => Some(T::IoFolderNotEmpty),
        K::Unsupported => Some(T::IoUnsupported),
        K::CrossesDevices => Some(T::IoCrossesDevices),
        K::TimedOut
        | K::StaleNetworkFileHandle
        | K::NetworkDown
        | K::NetworkUnreachable
        | K::HostUnreachable
        | K::ConnectionAborted
        | K::ConnectionReset
        | K::NotConnected => Some(T::IoNetwork),
        K::UnexpectedEof => Some(T::IoCutOff),
        K::OutOfMemory => Some(T::IoOutOfMemory),
        K::Interrupted | K::WouldBlock => Some(T::IoInterrupted),
        _ => None,
    };
    if let Some(key) = key {
        return tr(lang, key).to_owned();
    }
    // One of the store's own texts (in English), or the system's words.
    let text = err.to_string();
    if let Some(own) = own_text(&text) {
        return tr(lang, own).to_owned();
    }
    match err.raw_os_error() {
        Some(code) => trf(lang, T::IoOther, &[("code", &code.to_string())]),
        None if lang == Language::En => text,
        None => tr(lang, T::IoOtherNoCode).to_owned(),
    }
}

/// The store's own texts that travel as English `io::Error` messages.
const OWN_TEXTS: [T; 8] = [
    T::StoreCutOff,
    T::StoreNotASession,
    T::StoreVersionMissing,
    T::StoreVersionNotNumber,
    T::StoreVersionUnknown,
    T::StoreIsFolder,
    T::StoreNotOrdinaryFile,
    T::StoreNoFileName,
];

fn own_text(english: &str) -> Option<T> {
    OWN_TEXTS
        .iter()
        .find(|&&key| tr(Language::En, key) == english)
        .copied()
}

/// `english` in `lang`: one of the store's own texts, or a detail from
/// the JSON reader, which is exact in English and explained in other
/// languages (the field it is about is named beside it).
fn localized(lang: Language, english: &str) -> String {
    if let Some(own) = own_text(english) {
        return tr(lang, own).to_owned();
    }
    if lang == Language::En {
        return english.to_owned();
    }
    json_detail(lang, english)
}

/// A message of serde, `serde_json` or chrono explained in `lang`.
fn json_detail(lang: Language, english: &str) -> String {
    let quoted = |text: &str| {
        text.split('`')
            .nth(1)
            .map(|s| crate::model::clean::one_line(s, 60))
            .unwrap_or_default()
    };
    if let Some(rest) = english.strip_prefix("missing field ") {
        return trf(lang, T::JsonMissingField, &[("name", &quoted(rest))]);
    }
    if english.starts_with("unknown variant") {
        return trf(lang, T::JsonUnknownValue, &[("value", &quoted(english))]);
    }
    if english.starts_with("invalid type") {
        return tr(lang, T::JsonWrongType).to_owned();
    }
    if english.starts_with("invalid value") || english.contains("out of range") {
        return tr(lang, T::JsonBadNumber).to_owned();
    }
    if english.starts_with("invalid length") {
        return tr(lang, T::JsonWrongLength).to_owned();
    }
    if english.contains("recursion limit") {
        return tr(lang, T::JsonTooDeep).to_owned();
    }
    if english.starts_with("trailing") {
        return tr(lang, T::JsonTrailing).to_owned();
    }
    let chrono = [
        "input contains invalid characters",
        "premature end of input",
        "input is not enough",
        "no possible date and time",
        "bad or unsupported format",
        "impossible",
    ];
    if chrono.iter().any(|c| english.starts_with(c)) {
        return tr(lang, T::JsonNotADateOrTime).to_owned();
    }
    tr(lang, T::JsonDamaged).to_owned()
}

/// One consistency problem in `lang`.
#[must_use]
pub fn problem_message(lang: Language, problem: &Problem) -> String {
    match problem {
        Problem::DuplicateId { id } => trf(lang, T::StoreDuplicateId, &[("id", id)]),
        Problem::DanglingReference { field, id } => trf(
            lang,
            T::StoreDanglingReference,
            &[("field", field), ("id", id)],
        ),
        Problem::EmptyId { field } => trf(lang, T::StoreEmptyId, &[("field", field)]),
        Problem::TooLong { field, max } => trf(
            lang,
            T::StoreTooLong,
            &[("field", field), ("max", &max.to_string())],
        ),
        Problem::OutOfRange {
            field,
            value,
            min,
            max,
        } => trf(
            lang,
            T::StoreOutOfRange,
            &[
                ("field", field),
                ("value", &value.to_string()),
                ("min", &min.to_string()),
                ("max", &max.to_string()),
            ],
        ),
        Problem::NoSuchTime { field } => trf(lang, T::StoreNoSuchTime, &[("field", field)]),
        Problem::DuplicateSpeaker { field, id } => trf(
            lang,
            T::StoreDuplicateSpeaker,
            &[("field", field), ("id", id)],
        ),
    }
}

/// A size in bytes as megabytes with one decimal, e.g. "64.0 MB".
fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path() -> PathBuf {
        PathBuf::from("sessies").join("leerkring-juni.json")
    }

    fn all_errors() -> (Vec<LoadError>, Vec<SaveError>) {
        let parse_errors = [
            ParseError::Empty,
            ParseError::NotJson {
                line: 3,
                column: 7,
                message: "expected `,` or `}`".into(),
            },
            ParseError::WrongShape {
                field: "experiments[0].keywords[0].text".into(),
                message: "invalid type: integer `5`, expected a string".into(),
            },
            ParseError::WrongShape {
                field: String::new(),
                message: tr(Language::En, T::StoreNotASession).into(),
            },
            ParseError::NewerFormat {
                found: 99,
                supported: 1,
            },
            ParseError::Inconsistent {
                problems: vec![Problem::DuplicateId { id: "a".into() }],
            },
        ];
        let mut load: Vec<LoadError> = parse_errors
            .into_iter()
            .map(|source| LoadError::Parse {
                path: path(),
                source,
            })
            .collect();
        load.push(LoadError::Missing { path: path() });
        load.push(LoadError::Unreadable {
            path: path(),
            source: io::Error::from(io::ErrorKind::PermissionDenied),
        });
        load.push(LoadError::TooLarge {
            path: path(),
            size: 70 * 1024 * 1024,
        });
        let save = vec![
            SaveError::ReadOnly { path: path() },
            SaveError::DiskFull { path: path() },
            SaveError::FolderMissing { path: path() },
            SaveError::ChangedOnDisk { path: path() },
            SaveError::Io {
                path: path(),
                source: io::Error::from(io::ErrorKind::PermissionDenied),
            },
        ];
        (load, save)
    }

    /// Whether `text` still holds a `{name}` placeholder.
    fn has_placeholder(text: &str) -> bool {
        text.split('{').skip(1).any(|rest| {
            rest.split_once('}').is_some_and(|(name, _)| {
                !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase())
            })
        })
    }

    #[test]
    fn messages_differ_by_language_and_name_the_file() {
        let file = path().display().to_string();
        let (load, save) = all_errors();
        let messages = load
            .iter()
            .map(|e| (e.message(Language::Nl), e.message(Language::En)))
            .chain(
                save.iter()
                    .map(|e| (e.message(Language::Nl), e.message(Language::En))),
            );
        for (nl, en) in messages {
            assert_ne!(nl, en);
            assert!(nl.contains(&file), "{nl}");
            assert!(en.contains(&file), "{en}");
            assert!(!has_placeholder(&nl), "unfilled placeholder: {nl}");
            assert!(!has_placeholder(&en), "unfilled placeholder: {en}");
        }
    }

    #[test]
    fn display_names_the_file_and_leaves_the_cause_to_the_source() {
        let err = LoadError::Parse {
            path: path(),
            source: ParseError::NotJson {
                line: 3,
                column: 7,
                message: "expected `,` or `}`".into(),
            },
        };
        let shown = err.to_string();
        assert!(shown.contains(&path().display().to_string()));
        assert!(!shown.contains("line 3"));
        let cause = std::error::Error::source(&err).map(ToString::to_string);
        assert_eq!(
            cause.as_deref(),
            Some("line 3, column 7: expected `,` or `}`")
        );
        assert_eq!(
            err.message(Language::En),
            format!("{shown}: line 3, column 7: expected `,` or `}}`")
        );
    }

    #[test]
    fn own_details_are_translated_and_json_details_explained() {
        let cut_off = tr(Language::En, T::StoreCutOff);
        assert_eq!(
            localized(Language::Nl, cut_off),
            tr(Language::Nl, T::StoreCutOff)
        );
        // English keeps the reader's exact words; Dutch explains them.
        assert_eq!(
            localized(Language::En, "trailing characters"),
            "trailing characters"
        );
        assert_eq!(
            localized(Language::Nl, "trailing characters"),
            tr(Language::Nl, T::JsonTrailing)
        );
        for (english, key) in [
            (
                "invalid type: integer `5`, expected a string",
                T::JsonWrongType,
            ),
            (
                "invalid value: integer `-1`, expected u32",
                T::JsonBadNumber,
            ),
            ("expected `,` or `}`", T::JsonDamaged),
            ("input contains invalid characters", T::JsonNotADateOrTime),
        ] {
            assert_eq!(localized(Language::Nl, english), tr(Language::Nl, key));
        }
        assert!(localized(Language::Nl, "missing field `title`").contains("title"));
        assert!(localized(Language::Nl, "unknown variant `x`, expected `a`").contains("\"x\""));
    }

    #[test]
    fn system_errors_are_explained_not_pasted() {
        let not_a_folder = io::Error::from(io::ErrorKind::NotADirectory);
        let nl = explain_io(Language::Nl, &not_a_folder);
        assert_eq!(nl, tr(Language::Nl, T::IoNotADirectory));
        assert!(!nl.contains("directory"), "{nl}");
        let odd = io::Error::from_raw_os_error(9999);
        let nl = explain_io(Language::Nl, &odd);
        assert!(nl.contains("9999"), "{nl}");
        assert!(!nl.contains("os error"), "{nl}");
        // The real error of a path through a file, in both languages.
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("f"), b"").unwrap();
        let real = std::fs::create_dir_all(dir.path().join("f").join("g")).unwrap_err();
        for lang in [Language::Nl, Language::En] {
            let text = explain_io(lang, &real);
            assert!(!text.contains("os error"), "{text}");
        }
    }

    #[test]
    fn many_problems_are_summarised() {
        let problems = (0..5)
            .map(|i| Problem::DuplicateId {
                id: format!("x-{i}"),
            })
            .collect();
        let text = ParseError::Inconsistent { problems }.message(Language::En);
        assert!(text.contains("x-2"));
        assert!(!text.contains("x-3"));
        assert!(text.contains("and 2 more"), "{text}");
    }

    #[test]
    fn disk_full_is_recognised_by_kind_and_os_code() {
        assert!(is_disk_full(&io::Error::from(io::ErrorKind::StorageFull)));
        assert!(is_disk_full(&io::Error::from(io::ErrorKind::QuotaExceeded)));
        let code = if cfg!(windows) { 112 } else { 28 };
        assert!(is_disk_full(&io::Error::from_raw_os_error(code)));
        assert!(!is_disk_full(&io::Error::from(
            io::ErrorKind::PermissionDenied
        )));
    }
}
