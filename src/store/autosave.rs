//! Continuous autosave on a named background thread, so the UI never waits
//! for the disk. Jobs are written in the order they were sent, each through
//! the atomic helper; outcomes come back on a channel. The same thread keeps
//! the journal of edits ([`super::journal`]): every applied edit it is handed
//! is on disk (`fsync`) as soon as the thread has written it, before any
//! later save, and each save first writes a checkpoint into the journal.
//!
//! The thread also keeps the files it saves from being lost to another
//! program: it remembers what each session file held when it was opened or
//! last written ([`Autosaver::expect`]), and before writing it looks again.
//! A file that another program changed or replaced meanwhile is not
//! written over ([`SaveError::ChangedOnDisk`]): the app asks first.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread::JoinHandle;
use std::time::Duration;
use std::time::SystemTime;

use super::format::session_to_json;
use super::journal::{Fingerprint, JournalTarget, JournalWriter};
use super::{AppDirs, SaveError, write_atomic};
use crate::model::{Edit, Session};

/// Where a session is saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveTarget {
    /// The session's own file.
    File(PathBuf),
    /// The recovery folder, for a session without a file yet.
    Recovery {
        /// Leerkring's folders.
        dirs: AppDirs,
        /// The file name in the recovery folder.
        name: String,
    },
}

/// One save to carry out.
#[derive(Debug, Clone)]
pub struct SaveJob {
    /// Which version of the session this is (the app counts its changes).
    pub generation: u64,
    /// Where to write it.
    pub target: SaveTarget,
    /// The session as it was at that version.
    pub session: Session,
    /// After a successful save: take a history snapshot when one is due.
    pub history: Option<HistoryRequest>,
    /// Whether this is a copy kept while the session's own saves fail (in
    /// the recovery folder), not a save of the session itself.
    pub copy: bool,
    /// Copies this save makes redundant (the copy kept while saves failed,
    /// a recovered copy): removed once it succeeded.
    pub redundant: Vec<PathBuf>,
}

/// A history snapshot to take after a save (see [`super::snapshot_if_due`]).
#[derive(Debug, Clone)]
pub struct HistoryRequest {
    /// Leerkring's folders.
    pub dirs: AppDirs,
    /// The session's history key ([`super::session_key`]).
    pub key: String,
    /// The time of the save (the app's clock).
    pub now: chrono::NaiveDateTime,
}

/// One snapshot per five minutes of activity...
const SNAPSHOT_INTERVAL_MINUTES: i64 = 5;
/// ...and the newest fifty are kept.
const SNAPSHOTS_KEPT: usize = 50;

/// How a save went.
#[derive(Debug)]
pub struct SaveOutcome {
    /// The version that was (or was not) written.
    pub generation: u64,
    /// Whether it was a copy ([`SaveJob::copy`]), not the session's save.
    pub copy: bool,
    /// The file written, or why not.
    pub result: Result<PathBuf, SaveError>,
}

/// Writes a job synchronously (used by the thread, and where no thread runs).
#[must_use]
pub fn write_job(job: &SaveJob) -> SaveOutcome {
    write_job_bytes(job, &session_to_json(&job.session))
}

/// Writes a job whose session was turned into `bytes` already.
fn write_job_bytes(job: &SaveJob, bytes: &[u8]) -> SaveOutcome {
    let result = match &job.target {
        SaveTarget::File(path) => write_atomic(path, bytes).map(|()| path.clone()),
        SaveTarget::Recovery { dirs, name } => {
            let folder = dirs.recovery_dir();
            std::fs::create_dir_all(&folder)
                .map_err(|err| SaveError::from_io(&folder, err))
                .and_then(|()| {
                    let file = folder.join(name);
                    write_atomic(&file, bytes).map(|()| file)
                })
        }
    };
    if result.is_ok() {
        for redundant in &job.redundant {
            let _ = std::fs::remove_file(redundant);
        }
        if job.copy
            && let SaveTarget::Recovery { dirs, .. } = &job.target
        {
            super::settings::prune_recovery_copies(dirs, result.as_ref().ok());
        }
    }
    if result.is_ok()
        && let Some(history) = &job.history
    {
        // A snapshot that cannot be written does not make the save fail:
        // the session itself is on disk.
        let _ = super::snapshot_if_due(
            &history.dirs,
            &history.key,
            &job.session,
            history.now,
            chrono::TimeDelta::minutes(SNAPSHOT_INTERVAL_MINUTES),
            SNAPSHOTS_KEPT,
        );
    }
    SaveOutcome {
        generation: job.generation,
        copy: job.copy,
        result,
    }
}

/// What a session file held when it was opened or last written here, to
/// notice that another program changed it meanwhile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Known {
    /// The fingerprint of its bytes.
    print: Fingerprint,
    /// Its size and modification time then (when the system said), so an
    /// unchanged file is recognised without reading it.
    seen: Option<(u64, SystemTime)>,
}

impl Known {
    fn of(path: &Path, print: Fingerprint) -> Self {
        Self {
            print,
            seen: stamp(path),
        }
    }

    /// Whether the file at `path` still holds what it held; a file that is
    /// gone counts as unchanged (saving brings it back).
    fn unchanged(&self, path: &Path) -> bool {
        let Ok(meta) = std::fs::metadata(path) else {
            return true;
        };
        if self.seen.is_some() && stamp(path) == self.seen {
            return true;
        }
        if meta.len() != self.print.byte_len() {
            return false;
        }
        std::fs::read(path).is_ok_and(|bytes| Fingerprint::of(&bytes) == self.print)
    }
}

/// The size and modification time of the file at `path`.
fn stamp(path: &Path) -> Option<(u64, SystemTime)> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()?))
}

/// Writes a save job on the thread: a checkpoint in the journal first, then
/// the file; the journal learns whether the save succeeded. A session file
/// that another program changed since it was opened or last written here
/// (`known`) is not written over.
fn save_with_journal(
    journal: &mut JournalWriter,
    known: &mut HashMap<PathBuf, Known>,
    job: &SaveJob,
) -> SaveOutcome {
    if let SaveTarget::File(path) = &job.target
        && known.get(path).is_some_and(|k| !k.unchanged(path))
    {
        return SaveOutcome {
            generation: job.generation,
            copy: job.copy,
            result: Err(SaveError::ChangedOnDisk { path: path.clone() }),
        };
    }
    let bytes = session_to_json(&job.session);
    let print = Fingerprint::of(&bytes);
    journal.before_save(&job.target, print);
    let outcome = write_job_bytes(job, &bytes);
    journal.after_save(&job.target, &job.session, outcome.result.is_ok());
    if let (SaveTarget::File(path), Ok(_)) = (&job.target, &outcome.result) {
        known.insert(path.clone(), Known::of(path, print));
    }
    outcome
}

/// What the thread is asked to do, in order.
enum Work {
    /// Save the session.
    Save(Box<SaveJob>),
    /// Another session is open (or the same one under another name): its
    /// journal goes to `target` (none: not journalled) and starts from `base`.
    Begin {
        target: Option<JournalTarget>,
        base: Box<Session>,
    },
    /// An edit was applied to the open session.
    Edit(Box<Edit>),
    /// Answer once everything sent before is on disk.
    Sync(Sender<u64>),
    /// The session file at this path holds bytes with this fingerprint (it
    /// was just opened or written elsewhere); `None`: write it whatever it
    /// holds now (the facilitator chose to).
    Expect(PathBuf, Option<Fingerprint>),
}

/// The autosave thread and its channels.
pub struct Autosaver {
    jobs: Option<Sender<Work>>,
    outcomes: Receiver<SaveOutcome>,
    journal_errors: Receiver<SaveError>,
    thread: Option<JoinHandle<()>>,
    /// Outcomes read while waiting for a blocking save, handed out by `poll`.
    early: Vec<SaveOutcome>,
}

impl Autosaver {
    /// Starts the thread. `notify` runs after every save (e.g. to repaint the
    /// window so the "saved" state shows).
    pub fn start(notify: Box<dyn Fn() + Send>) -> std::io::Result<Self> {
        let (job_tx, job_rx) = channel::<Work>();
        let (outcome_tx, outcome_rx) = channel();
        let (error_tx, error_rx) = channel();
        let thread = std::thread::Builder::new()
            .name("autosave".into())
            .spawn(move || {
                let mut journal = JournalWriter::default();
                let mut known: HashMap<PathBuf, Known> = HashMap::new();
                while let Ok(first) = job_rx.recv() {
                    let mut batch = vec![first];
                    batch.extend(job_rx.try_iter());
                    // Only the newest queued version of a target matters.
                    let superseded: Vec<bool> = (0..batch.len())
                        .map(|i| match &batch[i] {
                            Work::Save(job) => batch[i + 1..].iter().any(
                                |later| matches!(later, Work::Save(l) if l.target == job.target),
                            ),
                            _ => false,
                        })
                        .collect();
                    let mut saved = false;
                    for (work, superseded) in batch.into_iter().zip(superseded) {
                        match work {
                            Work::Save(_) if superseded => {}
                            Work::Save(job) => {
                                let outcome = save_with_journal(&mut journal, &mut known, &job);
                                if outcome_tx.send(outcome).is_err() {
                                    journal.finish();
                                    return;
                                }
                                saved = true;
                            }
                            Work::Begin { target, base } => journal.begin(target, *base),
                            Work::Edit(edit) => journal.record(*edit),
                            Work::Sync(answer) => {
                                journal.flush();
                                let _ = answer.send(journal.written_bytes());
                            }
                            Work::Expect(path, Some(print)) => {
                                let now = Known::of(&path, print);
                                known.insert(path, now);
                            }
                            Work::Expect(path, None) => {
                                known.remove(&path);
                            }
                        }
                    }
                    journal.flush();
                    if let Some(error) = journal.take_error() {
                        let _ = error_tx.send(error);
                    }
                    if saved {
                        notify();
                    }
                }
                // The app closed: a journal whose edits are all saved goes.
                journal.flush();
                journal.finish();
            })?;
        Ok(Self {
            jobs: Some(job_tx),
            outcomes: outcome_rx,
            journal_errors: error_rx,
            thread: Some(thread),
            early: Vec::new(),
        })
    }

    fn send(&self, work: Work) -> bool {
        self.jobs.as_ref().is_some_and(|tx| tx.send(work).is_ok())
    }

    /// The session file `path` holds bytes with fingerprint `print` (just
    /// opened, or written elsewhere): saves check it is still so before
    /// writing. `None`: the next save writes whatever the file holds now.
    #[must_use]
    pub fn expect(&self, path: &Path, print: Option<Fingerprint>) -> bool {
        self.send(Work::Expect(path.to_path_buf(), print))
    }

    /// Queues a save; returns `false` when the thread is gone.
    #[must_use]
    pub fn submit(&self, job: SaveJob) -> bool {
        self.send(Work::Save(Box::new(job)))
    }

    /// A session is open (or the open one is saved under another name or
    /// became read-only): its edits are journalled to `target` from now
    /// on, starting from `base` (the session as it is now, before the edits
    /// that follow). `None`: nothing is journalled.
    #[must_use]
    pub fn journal_begin(&self, target: Option<JournalTarget>, base: Session) -> bool {
        self.send(Work::Begin {
            target,
            base: Box::new(base),
        })
    }

    /// An edit was applied to the open session: it is journalled, and on
    /// disk as soon as the thread gets to it.
    #[must_use]
    pub fn journal_edit(&self, edit: Edit) -> bool {
        self.send(Work::Edit(Box::new(edit)))
    }

    /// Waits (at most `limit`) until every edit sent so far is on disk;
    /// returns the bytes written to journals so far, or `None` on timeout.
    #[must_use]
    pub fn journal_sync(&self, limit: Duration) -> Option<u64> {
        let (answer, answered) = channel();
        if !self.send(Work::Sync(answer)) {
            return None;
        }
        answered.recv_timeout(limit).ok()
    }

    /// Why the journal could not be written, since the last call.
    pub fn journal_errors(&mut self) -> Vec<SaveError> {
        self.journal_errors.try_iter().collect()
    }

    /// The outcomes that arrived since the last call.
    pub fn poll(&mut self) -> Vec<SaveOutcome> {
        let mut out = std::mem::take(&mut self.early);
        out.extend(self.outcomes.try_iter());
        out
    }

    /// Saves at once and waits for the result (after every queued save, so
    /// an older version can never overwrite this one).
    pub fn save_blocking(&mut self, job: &SaveJob) -> SaveOutcome {
        let generation = job.generation;
        if !self.submit(job.clone()) {
            return write_job(job);
        }
        loop {
            match self.outcomes.recv() {
                Ok(outcome) if outcome.generation == generation => return outcome,
                Ok(outcome) => self.early.push(outcome),
                Err(_) => return write_job(job),
            }
        }
    }
}

impl Drop for Autosaver {
    fn drop(&mut self) {
        // Closing the channel ends the thread after the queued saves.
        self.jobs = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(title: &str) -> Session {
        let mut s = Session::default();
        s.header.title = title.into();
        s
    }

    #[test]
    fn saves_in_order_and_the_newest_version_wins() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("s.json");
        let mut saver = Autosaver::start(Box::new(|| {})).unwrap();
        for generation in 1..=20 {
            assert!(saver.submit(SaveJob {
                generation,
                target: SaveTarget::File(file.clone()),
                session: session(&format!("v{generation}")),
                history: None,
                copy: false,
                redundant: Vec::new(),
            }));
        }
        let last = saver.save_blocking(&SaveJob {
            generation: 21,
            target: SaveTarget::File(file.clone()),
            session: session("v21"),
            history: None,
            copy: false,
            redundant: Vec::new(),
        });
        assert_eq!(last.generation, 21);
        assert!(last.result.is_ok());
        assert_eq!(
            super::super::load_session(&file).unwrap().header.title,
            "v21"
        );
        drop(saver);
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temp files");
    }

    #[test]
    fn failures_come_back_as_outcomes() {
        let dir = tempfile::tempdir().unwrap();
        let mut saver = Autosaver::start(Box::new(|| {})).unwrap();
        let outcome = saver.save_blocking(&SaveJob {
            generation: 1,
            target: SaveTarget::File(dir.path().join("missing/s.json")),
            session: session("x"),
            history: None,
            copy: false,
            redundant: Vec::new(),
        });
        assert!(matches!(
            outcome.result,
            Err(SaveError::FolderMissing { .. })
        ));
    }
}
