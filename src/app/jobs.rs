//! One small runner for slow work: opening a session, Save As (which copies
//! the photos), reading earlier versions, scanning the series folder,
//! importing photos, recovery, copies and the settings file each run on a
//! named thread, and the frame polls a channel for what finished. The
//! console keeps drawing (timers, projector) meanwhile, shows what runs, and
//! the app handles each result once.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use crate::i18n::{Language, T, tr};
use crate::model::{AttachmentId, ItemId, Session};
use crate::store::{self, AssetError, LoadError, SaveError, SessionLock, SnapshotInfo};

use super::series::SeriesView;

/// What a job does, for the "busy" line in the console.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JobKind {
    /// Reading a session file.
    Open,
    /// Saving under a new name, with the photos.
    SaveAs,
    /// Reading the earlier versions.
    History,
    /// Reading the series' folder.
    Series,
    /// Copying photos beside the session.
    ImportPhotos,
    /// Reading a recovered copy.
    Recover,
    /// Writing a copy of a read-only session.
    Copy,
    /// Reading an earlier version to restore it.
    Restore,
    /// Writing the follow-up session.
    FollowUp,
    /// Writing the settings file.
    Settings,
}

impl JobKind {
    /// "Opening…", in `lang`.
    #[must_use]
    pub fn label(self, lang: Language) -> &'static str {
        tr(
            lang,
            match self {
                JobKind::Open | JobKind::Recover | JobKind::Restore => T::BusyOpening,
                JobKind::SaveAs | JobKind::Copy | JobKind::FollowUp => T::BusySaving,
                JobKind::History | JobKind::Series => T::BusyReading,
                JobKind::ImportPhotos => T::BusyPhotos,
                JobKind::Settings => T::BusySettings,
            },
        )
    }

    /// Whether the console says so while it runs (settings are written quietly).
    #[must_use]
    pub fn shown(self) -> bool {
        self != JobKind::Settings
    }
}

/// A session read from disk, with its lock.
pub struct Opened {
    /// The file.
    pub path: PathBuf,
    /// The session, or why it could not be read.
    pub session: Result<Session, LoadError>,
    /// The lock, when it could be taken.
    pub lock: Option<SessionLock>,
    /// Whether another Leerkring has the file open.
    pub in_use: bool,
    /// Why the lock could not be taken at all (Leerkring's data folder is
    /// unusable): whether another window has the file open is unknown.
    pub lock_failed: Option<store::LockError>,
    /// The fingerprint of the file as read (after what its journal put
    /// back was saved into it), to notice later changes by other programs.
    pub print: Option<store::Fingerprint>,
    /// What reading put right (a theme merge cycle), to tell the facilitator.
    pub repairs: Vec<store::Repair>,
    /// Photos that are not beside the file.
    pub missing_photos: Vec<String>,
    /// What the session's journal (a run that ended without saving) added
    /// or offers.
    pub journal: store::JournalOnOpen,
}

/// A session saved under a new name: the photos' new relative paths, the
/// new file's lock (`None` also when it was the file already open, whose
/// lock this window holds) and the fingerprint of what was written, or why
/// it failed (in the user's language).
pub type SavedAs = Result<
    (
        Vec<(AttachmentId, String)>,
        Option<SessionLock>,
        store::Fingerprint,
    ),
    String,
>;

/// What a finished job hands back to the app.
pub enum Finished {
    /// A session was read (to be shown).
    Opened(Box<Opened>),
    /// A session was saved under a new name.
    SavedAs {
        /// The new file.
        path: PathBuf,
        /// The change count of the session that was saved.
        generation: u64,
        /// The photos' new paths and the new lock, or why it failed.
        result: SavedAs,
        /// Photos that were not beside the old file.
        missing_photos: Vec<String>,
    },
    /// The earlier versions.
    Snapshots(Vec<SnapshotInfo>),
    /// The series view.
    Series(SeriesView),
    /// Photos copied beside the session, for this agenda item, in order.
    PhotosImported {
        /// The item they belong to.
        item: Option<ItemId>,
        /// Each photo's relative path, or why it failed.
        results: Vec<Result<String, AssetError>>,
    },
    /// A recovered copy was read, and the session's own file with it.
    Recovered {
        /// The copy, or why it could not be read.
        copy: Result<Session, LoadError>,
        /// The session's file, read (when it has one).
        file: Option<Box<Opened>>,
        /// An untitled session's recovery name.
        untitled_name: Option<String>,
    },
    /// An earlier version was read, to be restored.
    Restored {
        /// The version, or why it could not be read.
        session: Result<Session, LoadError>,
        /// When it was taken ("14:32").
        time: String,
    },
    /// A copy was written and read back.
    Copied(Result<Box<Opened>, SaveError>),
    /// The follow-up session was written and read back, or why it failed.
    FollowUp(Result<Box<Opened>, String>),
    /// The settings file was written (or not: settings are a convenience).
    SettingsWritten,
}

struct Running {
    kind: JobKind,
    done: Receiver<Finished>,
    /// The result, once it arrived (held back while an earlier job of the
    /// same kind still runs, so e.g. photos are attached in the order chosen).
    result: Option<Finished>,
    /// The thread is gone without a result.
    lost: bool,
}

/// The jobs under way.
#[derive(Default)]
pub struct Jobs {
    running: Vec<Running>,
    /// Wakes the console when a job finished (set at the first frame).
    wake: Option<egui::Context>,
}

impl Jobs {
    /// Wakes `ctx` whenever a job finishes.
    pub fn wake(&mut self, ctx: &egui::Context) {
        if self.wake.is_none() {
            self.wake = Some(ctx.clone());
        }
    }

    /// Runs `work` on a thread named after `kind`; its result arrives in a
    /// later frame's [`Jobs::poll`]. Should no thread start, the work runs
    /// here and now.
    pub fn spawn(&mut self, kind: JobKind, work: impl FnOnce() -> Finished + Send + 'static) {
        let (tx, rx) = channel();
        // A written settings file needs no frame of its own.
        let wake = self.wake.clone().filter(|_| kind.shown());
        let (work_tx, work) = (
            tx.clone(),
            std::sync::Arc::new(std::sync::Mutex::new(Some(work))),
        );
        let run = {
            let work = std::sync::Arc::clone(&work);
            move || {
                let job = work.lock().ok().and_then(|mut w| w.take());
                if let Some(job) = job {
                    let _ = work_tx.send(job());
                }
                if let Some(ctx) = wake {
                    ctx.request_repaint();
                }
            }
        };
        let started = std::thread::Builder::new()
            .name(format!("job-{kind:?}").to_lowercase())
            .spawn(run);
        if started.is_err() {
            let job = work.lock().ok().and_then(|mut w| w.take());
            if let Some(job) = job {
                let _ = tx.send(job());
            }
        }
        self.running.push(Running {
            kind,
            done: rx,
            result: None,
            lost: false,
        });
    }

    /// What finished since the last poll: of each kind in the order the
    /// jobs started.
    pub fn poll(&mut self) -> Vec<Finished> {
        for job in &mut self.running {
            if job.result.is_none() && !job.lost {
                match job.done.try_recv() {
                    Ok(result) => job.result = Some(result),
                    Err(TryRecvError::Empty) => {}
                    Err(TryRecvError::Disconnected) => job.lost = true,
                }
            }
        }
        let mut finished = Vec::new();
        let mut waiting: Vec<JobKind> = Vec::new();
        self.running.retain_mut(|job| {
            if waiting.contains(&job.kind) {
                return true;
            }
            if job.lost {
                return false;
            }
            if let Some(result) = job.result.take() {
                finished.push(result);
                false
            } else {
                waiting.push(job.kind);
                true
            }
        });
        finished
    }

    /// Whether a job of `kind` runs.
    #[must_use]
    pub fn running(&self, kind: JobKind) -> bool {
        self.running.iter().any(|j| j.kind == kind)
    }

    /// The kinds of the jobs under way that the console shows.
    #[must_use]
    pub fn busy(&self) -> Vec<JobKind> {
        let mut kinds: Vec<JobKind> = self
            .running
            .iter()
            .map(|j| j.kind)
            .filter(|k| k.shown())
            .collect();
        kinds.dedup();
        kinds
    }

    /// Whether nothing runs.
    #[must_use]
    pub fn idle(&self) -> bool {
        self.running.is_empty()
    }

    /// Waits (at most `limit`) for every job to finish, and returns what
    /// finished: the app is closing, and a copy being written must be whole.
    pub fn finish_all(&mut self, limit: std::time::Duration) -> Vec<Finished> {
        let deadline = std::time::Instant::now() + limit;
        let mut finished = Vec::new();
        for mut job in self.running.drain(..) {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            if let Some(result) = job
                .result
                .take()
                .or_else(|| job.done.recv_timeout(left).ok())
            {
                finished.push(result);
            }
        }
        finished
    }
}

/// Reads a session file and takes its lock (another Leerkring with the file
/// open: read-only), and puts back what its journal holds (see
/// [`store::apply_journal_on_open`]; `now` names a copy made from it). Runs
/// on a job thread.
#[must_use]
pub fn read_session(
    dirs: Option<&store::AppDirs>,
    path: PathBuf,
    now: chrono::NaiveDateTime,
) -> Opened {
    let loaded = store::load_session_noted(&path);
    let mut print = loaded.as_ref().ok().map(|l| l.print);
    let mut repairs = Vec::new();
    let mut session = loaded.map(|l| {
        repairs = l.repairs;
        l.session
    });
    let mut lock_failed = None;
    let (lock, in_use) = match dirs {
        Some(dirs) => match SessionLock::try_acquire(dirs, &path) {
            Ok(lock) => (Some(lock), false),
            Err(store::LockError::InUse { .. }) => (None, true),
            // Nobody can tell: the app opens it read-only and says why.
            Err(error @ store::LockError::Io { .. }) => {
                lock_failed = Some(error);
                (None, false)
            }
        },
        None => (None, false),
    };
    // The journal of a session open in another window is that window's
    // (and one that may be cannot be told without the lock).
    let journal = match dirs {
        Some(dirs) if !in_use && lock_failed.is_none() => {
            store::apply_journal_on_open(dirs, &path, &mut session, now)
        }
        _ => store::JournalOnOpen::Nothing,
    };
    if let (store::JournalOnOpen::Replayed { saved: Ok(()), .. }, Ok(session)) =
        (&journal, &session)
    {
        // The file now holds the session with what the journal put back.
        print = Some(store::Fingerprint::of_session(session));
    }
    // A file that cannot be opened is not held.
    let lock = lock.filter(|_| session.is_ok());
    let in_use = in_use && session.is_ok();
    let missing_photos = session
        .as_ref()
        .map(|s| store::missing_photos(&path, &s.attachments))
        .unwrap_or_default();
    let lock_failed = lock_failed.filter(|_| session.is_ok());
    Opened {
        path,
        session,
        lock,
        in_use,
        lock_failed,
        print,
        repairs,
        missing_photos,
        journal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jobs_finish_in_a_later_poll_and_say_what_runs() {
        let mut jobs = Jobs::default();
        let (go_tx, go_rx) = channel::<()>();
        jobs.spawn(JobKind::History, move || {
            let _ = go_rx.recv();
            Finished::Snapshots(Vec::new())
        });
        assert!(jobs.running(JobKind::History));
        assert_eq!(jobs.busy(), [JobKind::History]);
        assert!(jobs.poll().is_empty(), "not done before it is let go");
        go_tx.send(()).expect("the job waits");
        let mut finished = Vec::new();
        for _ in 0..500 {
            finished = jobs.poll();
            if !finished.is_empty() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        assert!(matches!(finished.as_slice(), [Finished::Snapshots(v)] if v.is_empty()));
        assert!(jobs.idle());
    }

    #[test]
    fn jobs_of_one_kind_finish_in_the_order_they_started() {
        let mut jobs = Jobs::default();
        let (first_tx, first_rx) = channel::<()>();
        jobs.spawn(JobKind::ImportPhotos, move || {
            let _ = first_rx.recv();
            Finished::Series(SeriesView {
                name: "first".into(),
                ..SeriesView::default()
            })
        });
        jobs.spawn(JobKind::ImportPhotos, || {
            Finished::Series(SeriesView {
                name: "second".into(),
                ..SeriesView::default()
            })
        });
        std::thread::sleep(std::time::Duration::from_millis(50));
        assert!(jobs.poll().is_empty(), "the second waits for the first");
        first_tx.send(()).expect("the first waits");
        let mut names = Vec::new();
        for _ in 0..500 {
            for finished in jobs.poll() {
                if let Finished::Series(view) = finished {
                    names.push(view.name);
                }
            }
            if names.len() == 2 {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        assert_eq!(names, ["first", "second"]);
    }

    #[test]
    fn settings_jobs_are_not_shown_as_busy() {
        let mut jobs = Jobs::default();
        let (go_tx, go_rx) = channel::<()>();
        jobs.spawn(JobKind::Settings, move || {
            let _ = go_rx.recv();
            Finished::SettingsWritten
        });
        assert!(jobs.busy().is_empty());
        assert!(!jobs.idle());
        drop(go_tx);
    }
}
