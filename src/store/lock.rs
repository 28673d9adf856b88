//! An operating-system lock that lets a second running Leerkring see that a
//! session is already open in another window, so two windows never autosave
//! over each other's notes.
//!
//! The lock is not taken on the session file itself but on a small, empty
//! lock file in Leerkring's data folder (`locks/<key>.lock`, with the key of
//! [`super::session_key`]). That way the atomic rename that saves the session
//! keeps working on Windows, a session in a read-only folder (or on a
//! write-protected stick) can still be locked, and no lock files appear next
//! to the facilitator's sessions or in a synced folder. The price: the lock
//! only holds for windows of the same user on the same computer.
//!
//! The system drops the lock by itself when the process ends in any way
//! (a normal exit, a crash, `kill -9`, a power cut), so a lock is never left
//! behind. Lock files are never deleted: removing one while another process
//! opens it would let two processes lock two different files.

use std::fmt;
use std::fs::{self, File, TryLockError};
use std::io;
use std::path::{Path, PathBuf};

use super::AppDirs;
use super::history::session_key;
use crate::i18n::{Language, T, trf};

/// Why a session could not be locked.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// Another running Leerkring (or another window of this one) has the
    /// session open.
    InUse {
        /// The session file.
        path: PathBuf,
    },
    /// The lock could not be taken or checked: the data folder cannot be
    /// written, or its file system does not support locks. Whether the
    /// session is open elsewhere is unknown.
    Io {
        /// The session file.
        path: PathBuf,
        /// What the system reported.
        source: io::Error,
    },
}

impl LockError {
    /// The session file the error is about.
    #[must_use]
    pub fn path(&self) -> &Path {
        match self {
            LockError::InUse { path } | LockError::Io { path, .. } => path,
        }
    }

    /// The whole message in `lang`, naming the file.
    #[must_use]
    pub fn message(&self, lang: Language) -> String {
        let file = self.path().display().to_string();
        match self {
            LockError::InUse { .. } => trf(lang, T::StoreSessionInUse, &[("file", &file)]),
            LockError::Io { source, .. } => trf(
                lang,
                T::StoreLockFailed,
                &[
                    ("file", &file),
                    ("detail", &super::explain_io(lang, source)),
                ],
            ),
        }
    }
}

impl fmt::Display for LockError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LockError::InUse { .. } => f.write_str(&self.message(Language::En)),
            // The cause is the `source()`; don't say it twice.
            LockError::Io { path, .. } => f.write_str(&trf(
                Language::En,
                T::StoreLockFailedHeadline,
                &[("file", &path.display().to_string())],
            )),
        }
    }
}

/// Holds a session open for this process until it is dropped.
#[derive(Debug)]
pub struct SessionLock {
    /// The session file that is locked.
    session_file: PathBuf,
    /// The locked lock file; closing it releases the lock.
    _file: File,
}

impl SessionLock {
    /// Locks `session_file` (which need not exist yet) for this process.
    ///
    /// Fails with [`LockError::InUse`] while another process, or another
    /// `SessionLock` in this one, holds it. On [`LockError::Io`] nobody can
    /// tell; the app may then open the session without a lock.
    pub fn try_acquire(dirs: &AppDirs, session_file: &Path) -> Result<Self, LockError> {
        let folder = dirs.data_dir.join("locks");
        let io_error = |source| LockError::Io {
            path: session_file.to_owned(),
            source,
        };
        fs::create_dir_all(&folder).map_err(io_error)?;
        let lock_file = folder.join(format!("{}.lock", session_key(Some(session_file), "")));
        match lock_exclusive(&lock_file) {
            Ok(file) => Ok(Self {
                session_file: session_file.to_owned(),
                _file: file,
            }),
            Err(LockFailure::Held) => Err(LockError::InUse {
                path: session_file.to_owned(),
            }),
            Err(LockFailure::Io(source)) => Err(io_error(source)),
        }
    }

    /// The session file this lock holds.
    #[must_use]
    pub fn session_file(&self) -> &Path {
        &self.session_file
    }
}

/// Why [`lock_exclusive`] did not lock.
#[derive(Debug)]
pub(super) enum LockFailure {
    /// Another open file (in this or another process) holds the lock.
    Held,
    /// The lock file could not be opened or locked.
    Io(io::Error),
}

/// Opens (creating when needed, never truncating) and locks `path`
/// exclusively without waiting. The lock lasts until the returned file is
/// closed. Locks belong to the open file, not to the process, so two opens in
/// one process exclude each other too.
pub(super) fn lock_exclusive(path: &Path) -> Result<File, LockFailure> {
    let file = File::options()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .map_err(LockFailure::Io)?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(TryLockError::WouldBlock) => Err(LockFailure::Held),
        Err(TryLockError::Error(err)) => Err(LockFailure::Io(err)),
    }
}

#[cfg(test)]
mod tests {
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};

    use super::*;

    /// Set for the child process of [`lock_is_released_when_its_process_is_killed`].
    const CHILD_ENV: &str = "LEERKRING_TEST_LOCK_CHILD";

    fn setup() -> (tempfile::TempDir, AppDirs, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let dirs = AppDirs::in_folder(dir.path());
        let session = dir.path().join("sessie.json");
        fs::write(&session, b"{}").unwrap();
        (dir, dirs, session)
    }

    #[test]
    fn second_lock_on_the_same_session_is_in_use() {
        let (_dir, dirs, session) = setup();
        let first = SessionLock::try_acquire(&dirs, &session).unwrap();
        assert_eq!(first.session_file(), session);
        let err = SessionLock::try_acquire(&dirs, &session).unwrap_err();
        assert!(matches!(err, LockError::InUse { .. }), "{err:?}");
        assert_eq!(err.path(), session);
    }

    #[test]
    fn dropping_the_lock_releases_it() {
        let (_dir, dirs, session) = setup();
        let first = SessionLock::try_acquire(&dirs, &session).unwrap();
        drop(first);
        let again = SessionLock::try_acquire(&dirs, &session);
        assert!(again.is_ok(), "{again:?}");
    }

    #[test]
    fn the_same_file_by_another_path_is_in_use() {
        let (dir, dirs, session) = setup();
        let _first = SessionLock::try_acquire(&dirs, &session).unwrap();
        let detour = dir.path().join(".").join("sessie.json");
        let err = SessionLock::try_acquire(&dirs, &detour).unwrap_err();
        assert!(matches!(err, LockError::InUse { .. }), "{err:?}");
    }

    #[test]
    fn different_sessions_lock_independently_and_the_session_stays_untouched() {
        let (dir, dirs, session) = setup();
        // A file that does not exist yet (a "save as" target) can be locked too.
        let other = dir.path().join("andere.json");
        let _first = SessionLock::try_acquire(&dirs, &session).unwrap();
        let _second = SessionLock::try_acquire(&dirs, &other).unwrap();
        assert!(!other.exists());
        assert_eq!(fs::read(&session).unwrap(), b"{}");
        // Saving over a locked session still works.
        crate::store::write_atomic(&session, b"[]").unwrap();
        assert_eq!(fs::read(&session).unwrap(), b"[]");
    }

    #[test]
    fn unwritable_data_folder_is_an_io_error() {
        let dir = tempfile::tempdir().unwrap();
        // The data folder's place is taken by a file.
        fs::write(dir.path().join("data"), b"").unwrap();
        let dirs = AppDirs::in_folder(dir.path());
        let err = SessionLock::try_acquire(&dirs, &dir.path().join("x.json")).unwrap_err();
        assert!(matches!(err, LockError::Io { .. }), "{err:?}");
    }

    #[test]
    fn messages_name_the_file_in_both_languages() {
        let path = PathBuf::from("sessies").join("juni.json");
        let errors = [
            LockError::InUse { path: path.clone() },
            LockError::Io {
                path: path.clone(),
                source: io::Error::other("no locks here"),
            },
        ];
        for err in errors {
            let nl = err.message(Language::Nl);
            let en = err.message(Language::En);
            assert_ne!(nl, en);
            for text in [&nl, &en, &err.to_string()] {
                assert!(text.contains(&path.display().to_string()), "{text}");
                assert!(!text.contains('{'), "unfilled placeholder: {text}");
            }
        }
    }

    /// Locks in another process, which is then killed (`SIGKILL` on Unix,
    /// `TerminateProcess` on Windows): the system must drop its lock.
    #[test]
    fn lock_is_released_when_its_process_is_killed() {
        let (dir, dirs, session) = setup();
        let ready = dir.path().join("ready");
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "store::lock::tests::lock_holder_child",
                "--ignored",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let started = Instant::now();
        while !ready.exists() {
            if let Some(status) = child.try_wait().unwrap() {
                panic!("the child process ended early: {status}");
            }
            assert!(
                started.elapsed() < Duration::from_mins(1),
                "the child process did not lock in time"
            );
            std::thread::sleep(Duration::from_millis(20));
        }

        let err = SessionLock::try_acquire(&dirs, &session).unwrap_err();
        assert!(matches!(err, LockError::InUse { .. }), "{err:?}");

        child.kill().unwrap();
        child.wait().unwrap();
        let after = SessionLock::try_acquire(&dirs, &session);
        assert!(after.is_ok(), "{after:?}");
    }

    /// The child of [`lock_is_released_when_its_process_is_killed`]: locks
    /// the session, says so, and waits to be killed. Does nothing when run
    /// on its own.
    #[test]
    #[ignore = "run by lock_is_released_when_its_process_is_killed"]
    fn lock_holder_child() {
        let Some(folder) = std::env::var_os(CHILD_ENV) else {
            return;
        };
        let folder = PathBuf::from(folder);
        let dirs = AppDirs::in_folder(&folder);
        let _lock = SessionLock::try_acquire(&dirs, &folder.join("sessie.json")).unwrap();
        fs::write(folder.join("ready"), b"").unwrap();
        std::thread::sleep(Duration::from_mins(2));
    }
}
