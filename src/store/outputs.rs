//! Outputs never destroy sessions: before a report (or a follow-up) is
//! written over an existing file, that file is looked at. A file open in a
//! running Leerkring (its lock is held) is never replaced; a file that
//! holds a session, or any JSON, only when the user insists (`--force`).

use std::io::Read as _;
use std::path::{Path, PathBuf};

use super::AppDirs;
use super::lock::{LockError, SessionLock};
use crate::i18n::{Language, T, trf};

/// Why a file is not written over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutputRefused {
    /// The file is open in a running Leerkring (this one or another).
    OpenInLeerkring {
        /// The file.
        path: PathBuf,
    },
    /// The file holds JSON (a session, or something else that is not a
    /// report), and replacing it was not asked for.
    HoldsJson {
        /// The file.
        path: PathBuf,
    },
}

impl OutputRefused {
    /// The message in `lang`, saying what to do instead (`--force` is
    /// named only where it helps).
    #[must_use]
    pub fn message(&self, lang: Language) -> String {
        match self {
            OutputRefused::OpenInLeerkring { path } => trf(
                lang,
                T::OutputOpenInLeerkring,
                &[(
                    "file",
                    &crate::model::clean::one_line(&path.display().to_string(), 300),
                )],
            ),
            OutputRefused::HoldsJson { path } => trf(
                lang,
                T::OutputHoldsJson,
                &[(
                    "file",
                    &crate::model::clean::one_line(&path.display().to_string(), 300),
                )],
            ),
        }
    }
}

impl std::fmt::Display for OutputRefused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Language::En))
    }
}

impl std::error::Error for OutputRefused {}

/// Whether `target` may be written over: `Ok` when it does not exist, or
/// holds no JSON (an earlier report), or holds JSON and `force` is set,
/// as long as no running Leerkring has it open. `dirs` finds the locks; a
/// lock that cannot be checked (no data folder) does not stop the write.
pub fn check_output(
    dirs: Option<&AppDirs>,
    target: &Path,
    force: bool,
) -> Result<(), OutputRefused> {
    if std::fs::symlink_metadata(target).is_err() {
        return Ok(());
    }
    if let Some(dirs) = dirs
        && is_open_in_leerkring(dirs, target)
    {
        return Err(OutputRefused::OpenInLeerkring {
            path: target.to_owned(),
        });
    }
    if !force && holds_json(target) {
        return Err(OutputRefused::HoldsJson {
            path: target.to_owned(),
        });
    }
    Ok(())
}

/// Whether a running Leerkring holds the lock of the session `file`.
#[must_use]
pub fn is_open_in_leerkring(dirs: &AppDirs, file: &Path) -> bool {
    // Taking the lock for a moment tells; it is let go at once.
    matches!(
        SessionLock::try_acquire(dirs, file),
        Err(LockError::InUse { .. })
    )
}

/// Whether the file at `path` is JSON (a session file, or any other JSON
/// document): its first character other than a byte order mark or white
/// space opens an object or a list, and the rest reads as JSON. A file that
/// cannot be read counts as JSON: nothing unknown is replaced.
#[must_use]
pub fn holds_json(path: &Path) -> bool {
    let Ok(file) = std::fs::File::open(path) else {
        return std::fs::metadata(path).is_ok_and(|m| m.is_file());
    };
    let mut bytes = Vec::new();
    // A report is never this large and JSON; a session file never larger.
    let limit = super::MAX_FILE_SIZE;
    if file.take(limit + 1).read_to_end(&mut bytes).is_err() {
        return true;
    }
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let first = text.iter().find(|b| !b.is_ascii_whitespace());
    if !matches!(first, Some(b'{' | b'[')) {
        return false;
    }
    bytes.len() as u64 > limit
        || serde_json::from_slice::<serde::de::IgnoredAny>(text).is_ok()
        // A damaged session still holds the facilitator's notes.
        || text.windows(16).any(|w| w == b"\"format_version\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_json_is_protected_and_only_without_force() {
        let dir = tempfile::tempdir().unwrap();
        let session = dir.path().join("b.json");
        std::fs::write(&session, b"\xEF\xBB\xBF {\"format_version\": 1}\n").unwrap();
        let list = dir.path().join("lijst.txt");
        std::fs::write(&list, b"[1, 2]").unwrap();
        let damaged = dir.path().join("kapot.json");
        std::fs::write(&damaged, b"{\"format_version\": 1, \"header\": {").unwrap();
        let report = dir.path().join("verslag.md");
        std::fs::write(&report, b"# Verslag\n{niet json}").unwrap();
        let docx = dir.path().join("verslag.docx");
        std::fs::write(&docx, b"PK\x03\x04rest").unwrap();
        let empty = dir.path().join("leeg.html");
        std::fs::write(&empty, b"").unwrap();
        for protected in [&session, &list, &damaged] {
            assert_eq!(
                check_output(None, protected, false),
                Err(OutputRefused::HoldsJson {
                    path: protected.clone()
                })
            );
            assert_eq!(check_output(None, protected, true), Ok(()));
        }
        for free in [&report, &docx, &empty, &dir.path().join("nieuw.pdf")] {
            assert_eq!(
                check_output(None, free, false),
                Ok(()),
                "{}",
                free.display()
            );
        }
    }

    #[test]
    fn a_session_open_in_leerkring_is_never_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let dirs = AppDirs::in_folder(dir.path());
        let session = dir.path().join("open.json");
        std::fs::write(&session, b"{}").unwrap();
        let lock = SessionLock::try_acquire(&dirs, &session).unwrap();
        assert_eq!(
            check_output(Some(&dirs), &session, true),
            Err(OutputRefused::OpenInLeerkring {
                path: session.clone()
            })
        );
        for lang in [Language::Nl, Language::En] {
            let message = OutputRefused::OpenInLeerkring {
                path: session.clone(),
            }
            .message(lang);
            assert!(message.contains("open.json"), "{message}");
        }
        drop(lock);
        assert_eq!(check_output(Some(&dirs), &session, true), Ok(()));
    }
}
