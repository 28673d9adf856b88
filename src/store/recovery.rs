//! Crash detection and recovery: a marker that tells the next start that the
//! last run ended without closing properly (a kill, a power cut, a panic),
//! and the copies of that run's session that could hold notes its file lacks.
//!
//! While Leerkring runs, a small marker file in the data folder
//! (`running.json`, or `running-2.json` … for a second window) says which
//! session is open; a clean exit removes it. Next to each marker is a lock
//! file (`running.lock`, `running-2.lock` …) that the running process holds
//! locked. At start, a marker whose lock nobody holds is left from a run that
//! ended uncleanly; a locked one belongs to a Leerkring that is running now,
//! so two windows never take each other for crashed.

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::format::{read_session_copy, save_session};
use super::history::{history_dir, session_key, snapshot_files};
use super::journal::{
    JournalFinding, RecoveredSummary, find_in_journal, journal_modified, keep_journal_aside,
    remove_journal,
};
use super::lock::{LockFailure, lock_exclusive};
use super::{AppDirs, LoadError, SaveError, save_recovery_copy, write_atomic};
use crate::i18n::{Language, T, tr, trf};
use crate::model::Session;

/// How many Leerkring windows can run at once with crash detection.
const MAX_SLOTS: u32 = 16;

/// What the marker file holds: the session that is open.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default)]
struct MarkerContent {
    #[serde(skip_serializing_if = "Option::is_none")]
    session_file: Option<PathBuf>,
    #[serde(skip_serializing_if = "Option::is_none")]
    untitled_name: Option<String>,
}

impl MarkerContent {
    fn new(session_file: Option<&Path>, untitled_name: Option<&str>) -> Self {
        Self {
            session_file: session_file.map(Path::to_path_buf),
            untitled_name: untitled_name
                .filter(|name| !name.is_empty())
                .map(str::to_owned),
        }
    }

    fn to_json(&self) -> Vec<u8> {
        let mut bytes = serde_json::to_vec_pretty(self).unwrap_or_default();
        bytes.push(b'\n');
        bytes
    }
}

/// A run of Leerkring that ended without closing properly, and the session
/// it had open (both `None` when no session was open, or the marker could
/// not be read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UncleanExit {
    /// The session's file.
    pub session_file: Option<PathBuf>,
    /// For a session without a file: its file name in the recovery folder.
    pub untitled_name: Option<String>,
}

/// The "Leerkring is running" marker of this process. Dropping it (or
/// [`RunMarker::finish`]) removes the marker: that is a clean exit. When a
/// panic unwinds through it, the marker is kept, so the next start reports
/// the crash.
#[derive(Debug)]
pub struct RunMarker {
    /// The marker file.
    marker: PathBuf,
    /// The locked lock file of the marker's slot; closing it releases the lock.
    _lock: File,
    /// Whether the marker is no longer this run's to remove.
    released: bool,
}

impl RunMarker {
    /// Marks Leerkring as running with this session open (both `None` on the
    /// start screen; an empty `untitled_name` counts as none), and returns
    /// every earlier run that ended uncleanly, oldest slot first. Each is
    /// reported once: its marker is replaced or removed.
    ///
    /// Runs that are still going (another Leerkring window) hold their
    /// marker's lock and are not reported. Fails when the data folder cannot
    /// be written; the app can then run without crash detection.
    pub fn acquire(
        dirs: &AppDirs,
        session_file: Option<&Path>,
        untitled_name: Option<&str>,
    ) -> Result<(RunMarker, Vec<UncleanExit>), SaveError> {
        fs::create_dir_all(&dirs.data_dir)
            .map_err(|err| SaveError::from_io(&dirs.data_dir, err))?;
        let mut own: Option<(PathBuf, File)> = None;
        let mut stale: Vec<(PathBuf, File)> = Vec::new();
        let mut unclean = Vec::new();
        let mut lock_error = None;
        for slot in 1..=MAX_SLOTS {
            let (marker, lock) = slot_files(dirs, slot);
            let marker_exists = fs::symlink_metadata(&marker).is_ok();
            if !marker_exists && own.is_some() {
                continue;
            }
            let file = match lock_exclusive(&lock) {
                Ok(file) => file,
                // A Leerkring that is running now.
                Err(LockFailure::Held) => continue,
                Err(LockFailure::Io(err)) => {
                    lock_error = Some((lock, err));
                    continue;
                }
            };
            if marker_exists {
                unclean.push(read_marker(&marker));
            }
            if own.is_none() {
                own = Some((marker, file));
            } else {
                stale.push((marker, file));
            }
        }
        let Some((marker, lock)) = own else {
            let (path, source) = lock_error.unwrap_or_else(|| {
                (
                    dirs.data_dir.clone(),
                    io::Error::other(format!("{MAX_SLOTS} Leerkring windows are running already")),
                )
            });
            return Err(SaveError::from_io(&path, source));
        };
        write_atomic(
            &marker,
            &MarkerContent::new(session_file, untitled_name).to_json(),
        )?;
        // Only now that this run is marked: the reported markers are handled.
        for (stale_marker, _lock) in stale {
            let _ = fs::remove_file(stale_marker);
        }
        let run = RunMarker {
            marker,
            _lock: lock,
            released: false,
        };
        Ok((run, unclean))
    }

    /// Records which session is open now (call it whenever another session
    /// is opened, saved under a new name, or closed).
    pub fn set_session(
        &mut self,
        session_file: Option<&Path>,
        untitled_name: Option<&str>,
    ) -> Result<(), SaveError> {
        write_atomic(
            &self.marker,
            &MarkerContent::new(session_file, untitled_name).to_json(),
        )
    }

    /// The marker file.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.marker
    }

    /// Ends the run cleanly: removes the marker.
    pub fn finish(mut self) {
        self.remove();
    }

    fn remove(&mut self) {
        if !self.released {
            self.released = true;
            // A marker that cannot be removed only makes the next start look
            // for copies that differ from the file; it finds none.
            let _ = fs::remove_file(&self.marker);
        }
    }

    /// Ends the process's hold on the marker as a kill would: the lock is
    /// released, the marker stays.
    #[cfg(test)]
    fn abandon(mut self) {
        self.released = true;
    }
}

impl Drop for RunMarker {
    fn drop(&mut self) {
        // Unwinding from a panic is not a clean exit. The marker goes before
        // the lock (the field is dropped after this), so no other start can
        // find it unlocked in between.
        if !std::thread::panicking() {
            self.remove();
        }
    }
}

/// The marker and the lock file of slot `slot` (counting from 1).
fn slot_files(dirs: &AppDirs, slot: u32) -> (PathBuf, PathBuf) {
    let name = if slot == 1 {
        "running".to_owned()
    } else {
        format!("running-{slot}")
    };
    (
        dirs.data_dir.join(format!("{name}.json")),
        dirs.data_dir.join(format!("{name}.lock")),
    )
}

/// The unclean exit a left-over marker tells of; one that cannot be read
/// tells of no session.
fn read_marker(marker: &Path) -> UncleanExit {
    let content: MarkerContent = fs::read(marker)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default();
    UncleanExit {
        session_file: content.session_file,
        untitled_name: content.untitled_name.filter(|name| !name.is_empty()),
    }
}

/// How a copy differs from the session's file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Difference {
    /// The copy has this many keywords more.
    MoreKeywords(usize),
    /// The copy has this many keywords fewer.
    FewerKeywords(usize),
    /// The copy has this many synthesis bullets more.
    MoreBullets(usize),
    /// The copy has this many synthesis bullets fewer.
    FewerBullets(usize),
    /// The meeting's title differs.
    TitleChanged {
        /// The title in the copy.
        copy: String,
        /// The title in the file.
        file: String,
    },
    /// Same counts and title, other text differs.
    OtherChanges,
    /// The file no longer exists.
    FileMissing,
    /// The file cannot be read, or is not a usable session any more.
    FileUnreadable,
    /// The session never had a file: the copy is all there is.
    NeverSaved,
}

impl Difference {
    /// The difference in `lang`, e.g. "12 more keywords than the file".
    #[must_use]
    pub fn message(&self, lang: Language) -> String {
        let count = |n: usize, one: T, many: T| {
            trf(
                lang,
                if n == 1 { one } else { many },
                &[("n", &n.to_string())],
            )
        };
        match self {
            Difference::MoreKeywords(n) => count(*n, T::StoreMoreKeywordsOne, T::StoreMoreKeywords),
            Difference::FewerKeywords(n) => {
                count(*n, T::StoreFewerKeywordsOne, T::StoreFewerKeywords)
            }
            Difference::MoreBullets(n) => count(*n, T::StoreMoreBulletsOne, T::StoreMoreBullets),
            Difference::FewerBullets(n) => count(*n, T::StoreFewerBulletsOne, T::StoreFewerBullets),
            Difference::TitleChanged { copy, file } => trf(
                lang,
                T::StoreTitleChanged,
                &[("copy", copy), ("file", file)],
            ),
            Difference::OtherChanges => tr(lang, T::StoreOtherChanges).to_owned(),
            Difference::FileMissing => tr(lang, T::StoreCopyFileMissing).to_owned(),
            Difference::FileUnreadable => tr(lang, T::StoreCopyFileUnreadable).to_owned(),
            Difference::NeverSaved => tr(lang, T::StoreNeverSaved).to_owned(),
        }
    }
}

/// A copy of an uncleanly closed session that holds something its file
/// does not: offer to open it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecoveryCandidate {
    /// The copy (a history snapshot, a copy saved after a panic, or the
    /// recovery copy of a session without a file); open it with
    /// [`super::load_snapshot`].
    pub copy: PathBuf,
    /// The session's file; `None` for a session that never had one.
    pub file: Option<PathBuf>,
    /// For a session without a file: its file name in the recovery folder.
    pub untitled_name: Option<String>,
    /// The meeting's title in the copy.
    pub title: String,
    /// How the copy differs from the file; never empty.
    pub differences: Vec<Difference>,
}

impl RecoveryCandidate {
    /// All differences in one line, e.g. "12 more keywords than the file;
    /// 3 more bullets than the file".
    #[must_use]
    pub fn summary(&self, lang: Language) -> String {
        self.differences
            .iter()
            .map(|d| d.message(lang))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// What a copy of the session of an unclean run holds that its file does
/// not: the newest readable copy among the recovery folder and the history
/// snapshots, when it differs from the file. At most one candidate; none
/// when the copy is identical to the file, or older than the file (the last
/// save then came after it), or when no session was open.
///
/// For a session with a file, the copies are its snapshots and the copies a
/// panic left in the recovery folder (`<stem>-crash-….json`); the file counts
/// with what its journal adds (opening it puts that back without a
/// question). For a session without a file, they are its recovery copy
/// (`<untitled_name>`, first brought up to date from its journal), those
/// panic copies and its snapshots; it is offered unless it is empty. `now`
/// names a copy rebuilt from a journal.
#[must_use]
pub fn recovery_candidates(
    dirs: &AppDirs,
    unclean: &UncleanExit,
    now: NaiveDateTime,
) -> Vec<RecoveryCandidate> {
    let untitled_name = unclean.untitled_name.as_deref().filter(|n| !n.is_empty());
    let candidate = match (&unclean.session_file, untitled_name) {
        (Some(file), _) => candidate_for_file(dirs, file),
        (None, Some(name)) => candidate_for_untitled(dirs, name, now),
        (None, None) => None,
    };
    candidate.into_iter().collect()
}

/// The state of a session's own file.
enum FileState {
    Missing,
    Unreadable,
    Readable(Box<Session>, Option<SystemTime>),
}

fn candidate_for_file(dirs: &AppDirs, file: &Path) -> Option<RecoveryCandidate> {
    let stem = file.file_stem()?.to_string_lossy().into_owned();
    let copies = copies(dirs, &session_key(Some(file), ""), &stem, None);
    let state = match read_session_copy(file) {
        Ok(session) => {
            let mut modified = fs::metadata(file).and_then(|m| m.modified()).ok();
            let key = session_key(Some(file), "");
            // What the journal adds is put back when the file is opened.
            let session = match find_in_journal(dirs, &key, Some(&session)) {
                JournalFinding::Replay(recovered) => {
                    modified = modified.max(journal_modified(dirs, &key));
                    recovered.session
                }
                _ => session,
            };
            FileState::Readable(Box::new(session), modified)
        }
        Err(LoadError::Missing { .. }) => FileState::Missing,
        Err(_) => FileState::Unreadable,
    };
    let (copy, copy_modified, session) = newest_readable(copies)?;
    let differences = match state {
        FileState::Missing => vec![Difference::FileMissing],
        FileState::Unreadable => vec![Difference::FileUnreadable],
        FileState::Readable(saved, file_modified) => {
            if let (Some(copy_time), Some(file_time)) = (copy_modified, file_modified)
                && copy_time < file_time
            {
                return None;
            }
            differences(&session, &saved)
        }
    };
    if differences.is_empty() {
        return None;
    }
    Some(RecoveryCandidate {
        copy,
        file: Some(file.to_owned()),
        untitled_name: None,
        title: session.header.title,
        differences,
    })
}

fn candidate_for_untitled(
    dirs: &AppDirs,
    name: &str,
    now: NaiveDateTime,
) -> Option<RecoveryCandidate> {
    let stem = name.strip_suffix(".json").unwrap_or(name);
    bring_untitled_up_to_date(dirs, name, stem, now);
    let copies = copies(dirs, &session_key(None, name), stem, Some(name));
    let (copy, _, session) = newest_readable(copies)?;
    if session == Session::default() {
        return None;
    }
    Some(RecoveryCandidate {
        copy,
        file: None,
        untitled_name: Some(name.to_owned()),
        title: session.header.title,
        differences: vec![Difference::NeverSaved],
    })
}

/// Puts what the journal of an untitled session holds into its recovery
/// copy (or, when that copy exists but is something else, into a copy of
/// its own beside it), so the recovery offer holds everything.
fn bring_untitled_up_to_date(dirs: &AppDirs, name: &str, stem: &str, now: NaiveDateTime) {
    let key = session_key(None, name);
    let copy = dirs.recovery_dir().join(name);
    let current = read_session_copy(&copy);
    let written = match find_in_journal(dirs, &key, current.as_ref().ok()) {
        JournalFinding::Missing => return,
        JournalFinding::Nothing => Ok(()),
        JournalFinding::Replay(recovered) => {
            save_recovery_copy(dirs, name, &recovered.session).map(drop)
        }
        JournalFinding::Foreign(recovered) => {
            let own_name = match current {
                Err(LoadError::Missing { .. }) => name.to_owned(),
                _ => crash_copy_name(stem, now),
            };
            save_recovery_copy(dirs, &own_name, &recovered.session).map(drop)
        }
        JournalFinding::Unusable => {
            keep_journal_aside(dirs, &key, now);
            return;
        }
    };
    match written {
        Ok(()) => remove_journal(dirs, &key),
        Err(_) => keep_journal_aside(dirs, &key, now),
    }
}

/// The name of a copy in the recovery folder made from a crashed session.
fn crash_copy_name(stem: &str, now: NaiveDateTime) -> String {
    format!("{stem}-crash-{}.json", now.format("%Y%m%d-%H%M%S"))
}

/// What opening a session file did with its journal.
#[derive(Debug)]
pub enum JournalOnOpen {
    /// There was nothing to put back.
    Nothing,
    /// The journal's later edits were put into the session (and saved into
    /// its file, unless `saved` says why not; the journal stays until then).
    Replayed {
        /// What was put back.
        summary: RecoveredSummary,
        /// Whether the file was written.
        saved: Result<(), SaveError>,
    },
    /// The file is not what the journal was written against: the session as
    /// the journal left it was written to the recovery folder, to offer.
    Offered(RecoveryCandidate),
}

/// Opening the session file `file`: what its journal (the edits of a run
/// that ended without saving them) adds is put back. `loaded` is the file as
/// read; when the journal continues it, `loaded` becomes the session with the
/// journal's edits, which is saved into the file at once. A journal written
/// against another state of the file (changed elsewhere, missing or
/// unreadable) is never replayed into it: the session it describes is
/// written to the recovery folder as `<stem>-crash-<now>.json` and offered.
/// A journal that cannot be used is moved aside (`journal/<key>-<now>.jsonl`).
///
/// Call it only while holding the session's lock: a running Leerkring
/// writes the journal of the session it has open.
pub fn apply_journal_on_open(
    dirs: &AppDirs,
    file: &Path,
    loaded: &mut Result<Session, LoadError>,
    now: NaiveDateTime,
) -> JournalOnOpen {
    let key = session_key(Some(file), "");
    match find_in_journal(dirs, &key, loaded.as_ref().ok()) {
        JournalFinding::Missing => JournalOnOpen::Nothing,
        JournalFinding::Nothing => {
            remove_journal(dirs, &key);
            JournalOnOpen::Nothing
        }
        JournalFinding::Replay(recovered) => {
            let saved = save_session(file, &recovered.session);
            if saved.is_ok() {
                remove_journal(dirs, &key);
            }
            *loaded = Ok(recovered.session);
            JournalOnOpen::Replayed {
                summary: recovered.summary,
                saved,
            }
        }
        JournalFinding::Foreign(recovered) => {
            let stem = file
                .file_stem()
                .map_or_else(|| "sessie".to_owned(), |s| s.to_string_lossy().into_owned());
            let written =
                save_recovery_copy(dirs, &crash_copy_name(&stem, now), &recovered.session);
            let Ok(copy) = written else {
                keep_journal_aside(dirs, &key, now);
                return JournalOnOpen::Nothing;
            };
            remove_journal(dirs, &key);
            let differences = match &*loaded {
                Ok(current) => differences(&recovered.session, current),
                Err(LoadError::Missing { .. }) => vec![Difference::FileMissing],
                Err(_) => vec![Difference::FileUnreadable],
            };
            if differences.is_empty() {
                return JournalOnOpen::Nothing;
            }
            JournalOnOpen::Offered(RecoveryCandidate {
                copy,
                file: Some(file.to_owned()),
                untitled_name: None,
                title: recovered.session.header.title,
                differences,
            })
        }
        JournalFinding::Unusable => {
            keep_journal_aside(dirs, &key, now);
            JournalOnOpen::Nothing
        }
    }
}

/// The copies of one session with their modification times, newest first:
/// its history snapshots, the panic copies `<stem>-crash-….json` in the
/// recovery folder, and `recovery_name` there (a session without a file).
fn copies(
    dirs: &AppDirs,
    key: &str,
    stem: &str,
    recovery_name: Option<&str>,
) -> Vec<(Option<SystemTime>, PathBuf)> {
    let crash_prefix = format!("{stem}-crash-");
    let mut paths: Vec<PathBuf> = fs::read_dir(dirs.recovery_dir())
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter(|entry| {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            Some(name.as_ref()) == recovery_name
                || (name.starts_with(&crash_prefix) && name.ends_with(".json"))
        })
        .map(|entry| entry.path())
        .collect();
    paths.extend(
        snapshot_files(&history_dir(dirs, key))
            .into_iter()
            .map(|(_, path)| path),
    );
    let mut copies: Vec<(Option<SystemTime>, PathBuf)> = paths
        .into_iter()
        .filter(|path| path.is_file())
        .map(|path| (fs::metadata(&path).and_then(|m| m.modified()).ok(), path))
        .collect();
    copies.sort_by(|a, b| b.cmp(a));
    copies
}

/// The first copy that reads as a session.
fn newest_readable(
    copies: Vec<(Option<SystemTime>, PathBuf)>,
) -> Option<(PathBuf, Option<SystemTime>, Session)> {
    copies.into_iter().find_map(|(modified, path)| {
        let session = read_session_copy(&path).ok()?;
        Some((path, modified, session))
    })
}

/// How `copy` differs from `file`; empty when they are equal.
fn differences(copy: &Session, file: &Session) -> Vec<Difference> {
    let mut found = Vec::new();
    let (copy_keywords, file_keywords) = (copy.keyword_count(), file.keyword_count());
    if copy_keywords > file_keywords {
        found.push(Difference::MoreKeywords(copy_keywords - file_keywords));
    } else if copy_keywords < file_keywords {
        found.push(Difference::FewerKeywords(file_keywords - copy_keywords));
    }
    let (copy_bullets, file_bullets) = (copy.bullet_count(), file.bullet_count());
    if copy_bullets > file_bullets {
        found.push(Difference::MoreBullets(copy_bullets - file_bullets));
    } else if copy_bullets < file_bullets {
        found.push(Difference::FewerBullets(file_bullets - copy_bullets));
    }
    if copy.header.title != file.header.title {
        found.push(Difference::TitleChanged {
            copy: copy.header.title.clone(),
            file: file.header.title.clone(),
        });
    }
    if found.is_empty() && copy != file {
        found.push(Difference::OtherChanges);
    }
    found
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, UNIX_EPOCH};

    use chrono::NaiveDate;

    use super::*;
    use crate::store::SaveTarget;
    use crate::store::history::snapshot_now;
    use crate::store::history::tests::session_with;
    use crate::store::journal::{JournalTarget, JournalWriter};
    use crate::store::{save_recovery_copy, save_session};

    fn home() -> (tempfile::TempDir, AppDirs) {
        let dir = tempfile::tempdir().unwrap();
        let dirs = AppDirs::in_folder(dir.path());
        (dir, dirs)
    }

    /// When the test's restart happens.
    fn now() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2020, 2, 4)
            .and_then(|d| d.and_hms_opt(15, 0, 0))
            .unwrap()
    }

    fn unclean_file(file: &Path) -> UncleanExit {
        UncleanExit {
            session_file: Some(file.to_owned()),
            untitled_name: None,
        }
    }

    /// Sets the modification time of `path` to `minutes` after a fixed moment.
    fn touch(path: &Path, minutes: u64) {
        let time = UNIX_EPOCH + Duration::from_secs(1_580_826_720 + minutes * 60);
        File::options()
            .write(true)
            .open(path)
            .unwrap()
            .set_modified(time)
            .unwrap();
    }

    /// Takes a snapshot of `session` for `file` and dates it `minutes` on.
    fn snapshot(dirs: &AppDirs, file: &Path, session: &Session, minutes: u32) -> PathBuf {
        let now = NaiveDate::from_ymd_opt(2020, 2, 4)
            .and_then(|d| d.and_hms_opt(14, minutes, 0))
            .unwrap();
        let path = snapshot_now(dirs, &session_key(Some(file), ""), session, now, 50)
            .unwrap()
            .unwrap();
        touch(&path, u64::from(minutes));
        path
    }

    /// A session file holding `session`, dated `minutes` on.
    fn session_file(dir: &Path, session: &Session, minutes: u64) -> PathBuf {
        let file = dir.join("sessie.json");
        save_session(&file, session).unwrap();
        touch(&file, minutes);
        file
    }

    #[test]
    fn clean_exit_leaves_nothing_to_report() {
        let (_dir, dirs) = home();
        let (run, unclean) = RunMarker::acquire(&dirs, None, None).unwrap();
        assert!(unclean.is_empty());
        assert_eq!(run.path(), dirs.data_dir.join("running.json"));
        assert!(run.path().is_file());
        run.finish();
        assert!(!dirs.data_dir.join("running.json").exists());

        let (run, unclean) = RunMarker::acquire(&dirs, None, None).unwrap();
        assert!(unclean.is_empty());
        // Dropping is a clean exit too.
        drop(run);
        let (_run, unclean) = RunMarker::acquire(&dirs, None, None).unwrap();
        assert!(unclean.is_empty());
    }

    #[test]
    fn killed_run_is_reported_once_with_its_session() {
        let (dir, dirs) = home();
        let file = dir.path().join("sessie.json");
        let (mut run, _) = RunMarker::acquire(&dirs, None, None).unwrap();
        run.set_session(Some(&file), None).unwrap();
        run.abandon();

        let (run, unclean) = RunMarker::acquire(&dirs, None, Some("")).unwrap();
        assert_eq!(unclean, [unclean_file(&file)]);
        run.finish();
        let (_run, unclean) = RunMarker::acquire(&dirs, None, None).unwrap();
        assert!(unclean.is_empty());
    }

    #[test]
    fn panic_is_not_a_clean_exit() {
        let (_dir, dirs) = home();
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let (_run, _) = RunMarker::acquire(&dirs, None, Some("untitled-1.json")).unwrap();
            panic!("a bug in the UI");
        }));
        assert!(result.is_err());
        let (_run, unclean) = RunMarker::acquire(&dirs, None, None).unwrap();
        assert_eq!(
            unclean,
            [UncleanExit {
                session_file: None,
                untitled_name: Some("untitled-1.json".into()),
            }]
        );
    }

    #[test]
    fn a_running_instance_is_not_taken_for_crashed() {
        let (dir, dirs) = home();
        let file = dir.path().join("a.json");
        let (first, unclean) = RunMarker::acquire(&dirs, Some(&file), None).unwrap();
        assert!(unclean.is_empty());
        let (second, unclean) = RunMarker::acquire(&dirs, None, None).unwrap();
        assert!(unclean.is_empty());
        assert_eq!(second.path(), dirs.data_dir.join("running-2.json"));
        drop(second);
        let (third, unclean) = RunMarker::acquire(&dirs, None, None).unwrap();
        assert!(unclean.is_empty());
        assert_eq!(third.path(), dirs.data_dir.join("running-2.json"));
        // The first window still runs; its marker is there.
        assert!(first.path().is_file());

        first.abandon();
        let (_fourth, unclean) = RunMarker::acquire(&dirs, None, None).unwrap();
        assert_eq!(unclean, [unclean_file(&file)]);
    }

    #[test]
    fn two_crashed_runs_are_both_reported() {
        let (dir, dirs) = home();
        let (a, b) = (dir.path().join("a.json"), dir.path().join("b.json"));
        let (first, _) = RunMarker::acquire(&dirs, Some(&a), None).unwrap();
        let (second, _) = RunMarker::acquire(&dirs, Some(&b), None).unwrap();
        first.abandon();
        second.abandon();

        let (run, unclean) = RunMarker::acquire(&dirs, None, None).unwrap();
        assert_eq!(unclean, [unclean_file(&a), unclean_file(&b)]);
        assert!(!dirs.data_dir.join("running-2.json").exists());
        run.finish();
        let (_run, unclean) = RunMarker::acquire(&dirs, None, None).unwrap();
        assert!(unclean.is_empty());
    }

    #[test]
    fn unreadable_marker_reports_an_unclean_exit_without_a_session() {
        let (_dir, dirs) = home();
        fs::create_dir_all(&dirs.data_dir).unwrap();
        fs::write(dirs.data_dir.join("running.json"), b"\0\0").unwrap();
        let (_run, unclean) = RunMarker::acquire(&dirs, None, None).unwrap();
        let nothing = UncleanExit {
            session_file: None,
            untitled_name: None,
        };
        assert_eq!(unclean, std::slice::from_ref(&nothing));
        assert!(recovery_candidates(&dirs, &nothing, now()).is_empty());
    }

    #[test]
    fn unwritable_data_folder_is_an_error() {
        let (dir, dirs) = home();
        fs::write(dir.path().join("data"), b"").unwrap();
        assert!(RunMarker::acquire(&dirs, None, None).is_err());
    }

    #[test]
    fn newer_snapshot_with_more_keywords_is_offered() {
        let (dir, dirs) = home();
        let file = session_file(dir.path(), &session_with("Juni", 2, 1), 10);
        let copy = snapshot(&dirs, &file, &session_with("Juni", 14, 1), 12);

        let candidates = recovery_candidates(&dirs, &unclean_file(&file), now());
        assert_eq!(
            candidates,
            [RecoveryCandidate {
                copy,
                file: Some(file.clone()),
                untitled_name: None,
                title: "Juni".into(),
                differences: vec![Difference::MoreKeywords(12)],
            }]
        );
        assert_eq!(
            candidates[0].summary(Language::Nl),
            "12 meer trefwoorden dan het bestand"
        );
        assert_eq!(
            candidates[0].summary(Language::En),
            "12 more keywords than the file"
        );
    }

    #[test]
    fn copy_identical_to_the_file_is_not_offered() {
        let (dir, dirs) = home();
        let session = session_with("Juni", 2, 1);
        let file = session_file(dir.path(), &session, 10);
        snapshot(&dirs, &file, &session, 12);
        assert!(recovery_candidates(&dirs, &unclean_file(&file), now()).is_empty());
    }

    #[test]
    fn copy_older_than_the_file_is_not_offered() {
        let (dir, dirs) = home();
        let file = session_file(dir.path(), &session_with("Juni", 8, 1), 20);
        snapshot(&dirs, &file, &session_with("Juni", 2, 1), 15);
        assert!(recovery_candidates(&dirs, &unclean_file(&file), now()).is_empty());
    }

    #[test]
    fn newest_copy_wins_and_unreadable_copies_are_skipped() {
        let (dir, dirs) = home();
        let file = session_file(dir.path(), &session_with("Juni", 2, 1), 10);
        snapshot(&dirs, &file, &session_with("Juni", 3, 1), 12);
        let crash = save_recovery_copy(
            &dirs,
            "sessie-crash-20200204-143500.json",
            &session_with("Juli", 2, 0),
        )
        .unwrap();
        touch(&crash, 15);
        let broken = snapshot(&dirs, &file, &session_with("x", 0, 0), 30);
        fs::write(&broken, b"{ kapot").unwrap();
        touch(&broken, 30);
        // Another session's panic copy is not this one's.
        let other = save_recovery_copy(
            &dirs,
            "andere-crash-20200204-150000.json",
            &session_with("Andere", 40, 0),
        )
        .unwrap();
        touch(&other, 40);

        let candidates = recovery_candidates(&dirs, &unclean_file(&file), now());
        assert_eq!(candidates.len(), 1);
        assert_eq!(candidates[0].copy, crash);
        assert_eq!(
            candidates[0].differences,
            [
                Difference::FewerBullets(1),
                Difference::TitleChanged {
                    copy: "Juli".into(),
                    file: "Juni".into()
                }
            ]
        );
    }

    #[test]
    fn missing_or_unreadable_file_is_said() {
        let (dir, dirs) = home();
        let file = dir.path().join("sessie.json");
        snapshot(&dirs, &file, &session_with("Juni", 3, 1), 12);
        let candidates = recovery_candidates(&dirs, &unclean_file(&file), now());
        assert_eq!(candidates[0].differences, [Difference::FileMissing]);

        fs::write(&file, b"{ kapot").unwrap();
        touch(&file, 50);
        let candidates = recovery_candidates(&dirs, &unclean_file(&file), now());
        assert_eq!(candidates[0].differences, [Difference::FileUnreadable]);
        // The unreadable file is left as it was.
        assert_eq!(fs::read(&file).unwrap(), b"{ kapot");
    }

    #[test]
    fn same_counts_and_title_but_other_text_is_other_changes() {
        let (dir, dirs) = home();
        let saved = session_with("Juni", 2, 1);
        let mut changed = saved.clone();
        changed.experiments[0].keywords[0].text = "anders".into();
        let file = session_file(dir.path(), &saved, 10);
        snapshot(&dirs, &file, &changed, 12);
        let candidates = recovery_candidates(&dirs, &unclean_file(&file), now());
        assert_eq!(candidates[0].differences, [Difference::OtherChanges]);
    }

    #[test]
    fn untitled_session_is_offered_unless_empty() {
        let (_dir, dirs) = home();
        let unclean = UncleanExit {
            session_file: None,
            untitled_name: Some("untitled-20200204-143200.json".into()),
        };
        assert!(recovery_candidates(&dirs, &unclean, now()).is_empty());

        let name = "untitled-20200204-143200.json";
        save_recovery_copy(&dirs, name, &Session::default()).unwrap();
        assert!(recovery_candidates(&dirs, &unclean, now()).is_empty());

        let copy = save_recovery_copy(&dirs, name, &session_with("Nieuw", 1, 0)).unwrap();
        assert_eq!(
            recovery_candidates(&dirs, &unclean, now()),
            [RecoveryCandidate {
                copy,
                file: None,
                untitled_name: Some(name.into()),
                title: "Nieuw".into(),
                differences: vec![Difference::NeverSaved],
            }]
        );
    }

    /// Journals `words` as keywords added to `base`, for the session saved
    /// to `save`, as a run that was killed before saving them.
    fn journal_of(
        dirs: &AppDirs,
        key: &str,
        save: SaveTarget,
        base: &Session,
        words: &[&str],
    ) -> Session {
        let target = JournalTarget::new(dirs, key, save);
        let mut writer = JournalWriter::default();
        writer.begin(Some(target), base.clone());
        let mut session = base.clone();
        for word in words {
            let edit = crate::store::journal::tests::keyword(word);
            edit.apply(&mut session).unwrap();
            writer.record(edit);
        }
        writer.flush();
        assert!(writer.take_error().is_none());
        session
    }

    #[test]
    fn a_files_journal_counts_with_the_file() {
        let (dir, dirs) = home();
        let file = session_file(dir.path(), &session_with("Juni", 2, 1), 10);
        // A snapshot newer than the file with one keyword more; the journal
        // (written after it) holds that keyword and one more.
        snapshot(&dirs, &file, &session_with("Juni", 3, 1), 12);
        let key = session_key(Some(&file), "");
        journal_of(
            &dirs,
            &key,
            SaveTarget::File(file.clone()),
            &session_with("Juni", 2, 1),
            &["trefwoord 2", "nog een"],
        );
        // Opening the file puts the journal back: the snapshot is older.
        assert!(recovery_candidates(&dirs, &unclean_file(&file), now()).is_empty());
    }

    #[test]
    fn an_untitled_sessions_journal_goes_into_its_recovery_copy() {
        let (_dir, dirs) = home();
        let name = "untitled-20200204-143200.json";
        let unclean = UncleanExit {
            session_file: None,
            untitled_name: Some(name.into()),
        };
        let key = session_key(None, name);
        let save = SaveTarget::Recovery {
            dirs: dirs.clone(),
            name: name.into(),
        };
        let base = session_with("Nieuw", 1, 0);
        let copy = save_recovery_copy(&dirs, name, &base).unwrap();
        let typed = journal_of(&dirs, &key, save.clone(), &base, &["alpha", "beta"]);
        let candidates = recovery_candidates(&dirs, &unclean, now());
        assert_eq!(candidates.len(), 1);
        assert_eq!(candidates[0].copy, copy);
        assert_eq!(read_session_copy(&copy).unwrap(), typed);
        assert!(!crate::store::journal_path(&dirs, &key).exists());

        // Never saved at all: the journal alone brings it back.
        let (_dir, dirs) = home();
        let save = SaveTarget::Recovery {
            dirs: dirs.clone(),
            name: name.into(),
        };
        let typed = journal_of(&dirs, &key, save, &base, &["gamma"]);
        let candidates = recovery_candidates(&dirs, &unclean, now());
        assert_eq!(candidates.len(), 1);
        assert_eq!(read_session_copy(&candidates[0].copy).unwrap(), typed);
    }

    #[test]
    fn opening_replays_a_fitting_journal_and_offers_one_that_does_not_fit() {
        let (dir, dirs) = home();
        let base = session_with("Juni", 2, 1);
        let file = session_file(dir.path(), &base, 10);
        let key = session_key(Some(&file), "");
        let typed = journal_of(
            &dirs,
            &key,
            SaveTarget::File(file.clone()),
            &base,
            &["alpha"],
        );
        let mut loaded = crate::store::load_session(&file);
        let JournalOnOpen::Replayed { summary, saved } =
            apply_journal_on_open(&dirs, &file, &mut loaded, now())
        else {
            panic!("replayed")
        };
        assert!(saved.is_ok());
        assert_eq!(summary.keywords, 1);
        assert_eq!(loaded.unwrap(), typed);
        assert_eq!(read_session_copy(&file).unwrap(), typed);

        // The file changed elsewhere after the journal was written.
        journal_of(
            &dirs,
            &key,
            SaveTarget::File(file.clone()),
            &typed,
            &["beta"],
        );
        let elsewhere = session_with("Juli", 3, 1);
        save_session(&file, &elsewhere).unwrap();
        let mut loaded = crate::store::load_session(&file);
        let JournalOnOpen::Offered(candidate) =
            apply_journal_on_open(&dirs, &file, &mut loaded, now())
        else {
            panic!("offered")
        };
        assert_eq!(loaded.unwrap(), elsewhere, "the file as it is");
        assert_eq!(read_session_copy(&file).unwrap(), elsewhere);
        assert!(candidate.copy.starts_with(dirs.recovery_dir()));
        assert_eq!(
            candidate.differences,
            [
                Difference::MoreKeywords(1),
                Difference::TitleChanged {
                    copy: "Juni".into(),
                    file: "Juli".into()
                }
            ]
        );
        assert_eq!(
            read_session_copy(&candidate.copy).unwrap().keyword_count(),
            4
        );
    }

    #[test]
    fn every_difference_has_a_message_in_both_languages() {
        let all = [
            Difference::MoreKeywords(1),
            Difference::MoreKeywords(12),
            Difference::FewerKeywords(1),
            Difference::FewerKeywords(3),
            Difference::MoreBullets(1),
            Difference::MoreBullets(2),
            Difference::FewerBullets(1),
            Difference::FewerBullets(4),
            Difference::TitleChanged {
                copy: "Juli".into(),
                file: "Juni".into(),
            },
            Difference::OtherChanges,
            Difference::FileMissing,
            Difference::FileUnreadable,
            Difference::NeverSaved,
        ];
        for difference in all {
            let nl = difference.message(Language::Nl);
            let en = difference.message(Language::En);
            assert_ne!(nl, en);
            assert!(!nl.contains('{') && !en.contains('{'), "{nl} / {en}");
        }
        assert_eq!(
            Difference::MoreKeywords(1).message(Language::En),
            "1 more keyword than the file"
        );
        assert_eq!(
            Difference::FewerBullets(4).message(Language::Nl),
            "4 minder punten dan het bestand"
        );
    }
}
