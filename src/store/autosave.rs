//! Continuous autosave on a named background thread, so the UI never waits
//! for the disk. Jobs are written in the order they were sent, each through
//! the atomic helper; outcomes come back on a channel.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread::JoinHandle;

use super::{AppDirs, SaveError, save_recovery_copy, save_session};
use crate::model::Session;

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
    /// The file written, or why not.
    pub result: Result<PathBuf, SaveError>,
}

/// Writes a job synchronously (used by the thread, and where no thread runs).
#[must_use]
pub fn write_job(job: &SaveJob) -> SaveOutcome {
    let result = match &job.target {
        SaveTarget::File(path) => save_session(path, &job.session).map(|()| path.clone()),
        SaveTarget::Recovery { dirs, name } => save_recovery_copy(dirs, name, &job.session),
    };
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
        result,
    }
}

/// The autosave thread and its channels.
pub struct Autosaver {
    jobs: Option<Sender<SaveJob>>,
    outcomes: Receiver<SaveOutcome>,
    thread: Option<JoinHandle<()>>,
    /// Outcomes read while waiting for a blocking save, handed out by `poll`.
    early: Vec<SaveOutcome>,
}

impl Autosaver {
    /// Starts the thread. `notify` runs after every save (e.g. to repaint the
    /// window so the "saved" state shows).
    pub fn start(notify: Box<dyn Fn() + Send>) -> std::io::Result<Self> {
        let (job_tx, job_rx) = channel::<SaveJob>();
        let (outcome_tx, outcome_rx) = channel();
        let thread = std::thread::Builder::new()
            .name("autosave".into())
            .spawn(move || {
                while let Ok(mut job) = job_rx.recv() {
                    // Only the newest queued version matters: skip older ones.
                    while let Ok(newer) = job_rx.try_recv() {
                        if newer.target != job.target {
                            let outcome = write_job(&job);
                            if outcome_tx.send(outcome).is_err() {
                                return;
                            }
                        }
                        job = newer;
                    }
                    if outcome_tx.send(write_job(&job)).is_err() {
                        return;
                    }
                    notify();
                }
            })?;
        Ok(Self {
            jobs: Some(job_tx),
            outcomes: outcome_rx,
            thread: Some(thread),
            early: Vec::new(),
        })
    }

    /// Queues a save; returns `false` when the thread is gone.
    #[must_use]
    pub fn submit(&self, job: SaveJob) -> bool {
        self.jobs.as_ref().is_some_and(|tx| tx.send(job).is_ok())
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
            }));
        }
        let last = saver.save_blocking(&SaveJob {
            generation: 21,
            target: SaveTarget::File(file.clone()),
            session: session("v21"),
            history: None,
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
        });
        assert!(matches!(
            outcome.result,
            Err(SaveError::FolderMissing { .. })
        ));
    }
}
