//! The app's slow work, through the job runner ([`super::jobs`]): each
//! operation starts a job with what it needs (copies, not references) and
//! takes the result in a later frame. Opening at start-up, before there is a
//! window, reads the file at once.

use std::path::{Path, PathBuf};

use crate::i18n::{T, tr, trf};
use crate::model::{Edit, Session};
use crate::store;

use super::jobs::{Finished, JobKind, Opened, read_session};
use super::{LeerkringApp, NoticeLevel};

/// Settings are written at most this often (window placement changes every
/// frame while the projector window is dragged).
const SETTINGS_EVERY: std::time::Duration = std::time::Duration::from_secs(1);

impl LeerkringApp {
    /// Takes what the jobs finished and carries it on.
    pub(super) fn take_finished_jobs(&mut self) {
        for finished in self.jobs.poll() {
            self.take_finished(finished);
        }
        self.state.busy = self.jobs.busy();
    }

    /// Lets the jobs under way finish (the app is closing) and takes their results.
    pub(super) fn finish_jobs(&mut self) {
        for finished in self.jobs.finish_all(std::time::Duration::from_secs(10)) {
            self.take_finished(finished);
        }
    }

    fn take_finished(&mut self, finished: Finished) {
        match finished {
            Finished::Opened(opened) => {
                self.show_opened(*opened);
            }
            Finished::SavedAs {
                path,
                generation,
                result,
                missing_photos,
            } => self.finish_save_as(&path, generation, result, &missing_photos),
            Finished::Snapshots(snapshots) => self.state.snapshots = snapshots,
            Finished::Series(view) => self.state.series = Some(view),
            Finished::PhotosImported { item, results } => {
                for result in results {
                    match result {
                        Ok(path) => {
                            self.apply_from_console(&Edit::AttachPhoto {
                                path,
                                item: item.clone(),
                            });
                        }
                        Err(error) => {
                            let lang = self.state.ui_lang;
                            self.notify(
                                NoticeLevel::Error,
                                tr(lang, T::PhotoAttachFailed),
                                error.message(lang),
                            );
                        }
                    }
                }
            }
            Finished::Recovered {
                copy,
                file,
                untitled_name,
            } => self.finish_recover(copy, file, untitled_name),
            Finished::Restored { session, time } => self.finish_restore(session, &time),
            Finished::Copied(result) => match result {
                Ok(opened) => {
                    self.show_opened(*opened);
                }
                Err(error) => {
                    let lang = self.state.ui_lang;
                    self.notify(
                        NoticeLevel::Error,
                        tr(lang, T::CopyFailed),
                        error.message(lang),
                    );
                }
            },
            Finished::FollowUp(result) => {
                let lang = self.state.ui_lang;
                match result {
                    Ok(opened) => {
                        let name = opened.path.file_name().map_or_else(
                            || opened.path.display().to_string(),
                            |n| n.to_string_lossy().into_owned(),
                        );
                        if self.show_opened(*opened) {
                            self.notify(
                                NoticeLevel::Info,
                                &trf(lang, T::SeriesCreated, &[("file", &name)]),
                                String::new(),
                            );
                        }
                    }
                    Err(detail) => {
                        self.notify(
                            NoticeLevel::Error,
                            tr(lang, T::SeriesFollowUpFailed),
                            detail,
                        );
                    }
                }
            }
            Finished::SettingsWritten => {}
        }
    }

    /// Opens a session file in the background (one at a time).
    pub(super) fn open_file(&mut self, path: &Path) {
        if self.jobs.running(JobKind::Open) {
            return;
        }
        if self.state.file.as_deref() == Some(path) {
            // Reopening the open file: its own lock must not make it read-only.
            self.lock = None;
        }
        let dirs = self.env.dirs.clone();
        let path = path.to_path_buf();
        let now = self.env.clock.now();
        self.jobs.spawn(JobKind::Open, move || {
            Finished::Opened(Box::new(read_session(dirs.as_ref(), path, now)))
        });
    }

    /// Opens a session file at once (at start-up, before there is a window).
    pub(super) fn open_file_now(&mut self, path: &Path) {
        let opened = read_session(
            self.env.dirs.as_ref(),
            path.to_path_buf(),
            self.env.clock.now(),
        );
        self.show_opened(opened);
    }

    /// Shows a session read from disk, or says why it could not be read
    /// (the file is left as it was). Returns whether it is shown.
    pub(super) fn show_opened(&mut self, opened: Opened) -> bool {
        let lang = self.state.ui_lang;
        let mut replayed = None;
        match opened.journal {
            store::JournalOnOpen::Nothing => {}
            store::JournalOnOpen::Replayed { summary, saved } => replayed = Some((summary, saved)),
            store::JournalOnOpen::Offered(candidate) => {
                eprintln!(
                    "leerkring: the journal of '{}' does not fit the file as it is now; offered as a copy: {}",
                    opened.path.display(),
                    candidate.summary(crate::i18n::Language::En)
                );
                // The journal's copy is the newest: it replaces older offers.
                self.state
                    .recovery
                    .retain(|c| c.file.as_deref() != Some(opened.path.as_path()));
                self.state.recovery.push(candidate);
            }
        }
        match opened.session {
            Ok(session) => {
                self.lock = None;
                self.show_session(session, Some(opened.path.clone()));
                self.lock = opened.lock;
                // A read-only session shows one banner that says why, with the
                // way out (no second notice).
                self.expect_file(&opened.path, opened.print);
                self.state.read_only = opened.in_use || opened.lock_failed.is_some();
                self.state.unprotected = opened
                    .lock_failed
                    .as_ref()
                    .map(|error| self.unprotected_detail(error));
                if self.state.unprotected.is_some() {
                    // The banner says it all; the notice from the start goes.
                    let unusable = tr(lang, T::DataFolderUnusable);
                    self.state.notices.retain(|n| n.title != unusable);
                }
                for repair in &opened.repairs {
                    eprintln!(
                        "leerkring: {}: {}",
                        opened.path.display(),
                        repair.message(crate::i18n::Language::En)
                    );
                    self.notify(
                        NoticeLevel::Info,
                        tr(lang, T::SessionRepaired),
                        repair.message(lang),
                    );
                }
                if let Some((summary, saved)) = replayed {
                    self.show_replayed(&opened.path, &summary, saved.is_ok());
                }
                if !opened.missing_photos.is_empty() {
                    let detail = trf(
                        lang,
                        T::PhotosMissingDetail,
                        &[("files", &opened.missing_photos.join(", "))],
                    );
                    self.notify(NoticeLevel::Info, tr(lang, T::PhotosMissing), detail);
                }
                self.remember(&opened.path);
                self.update_marker();
                true
            }
            Err(error) => {
                let detail = format!("{}\n{}", error.message(lang), tr(lang, T::FileUntouched));
                self.notify(NoticeLevel::Error, tr(lang, T::CouldNotOpen), detail);
                false
            }
        }
    }

    /// Says what the journal put back (and saves soon when the file could
    /// not be written yet).
    fn show_replayed(&mut self, path: &Path, summary: &store::RecoveredSummary, saved: bool) {
        let lang = self.state.ui_lang;
        eprintln!(
            "leerkring: {} from the journal of '{}'",
            summary.message(crate::i18n::Language::En),
            path.display()
        );
        let mut detail = tr(lang, T::JournalRecoveredDetail).to_owned();
        if summary.damaged {
            detail.push(' ');
            detail.push_str(tr(lang, T::JournalDamagedDetail));
        } else {
            // The file now holds what any earlier copy held.
            self.state
                .recovery
                .retain(|c| c.file.as_deref() != Some(path));
        }
        if !saved {
            detail.push(' ');
            detail.push_str(tr(lang, T::JournalNotSavedDetail));
            self.changed();
        }
        self.notify(NoticeLevel::Info, &summary.message(lang), detail);
    }

    /// Saves the session under a new name, with its photos copied into the
    /// new photo folder, in the background.
    pub(super) fn save_as(&mut self, path: &Path) {
        if self.jobs.running(JobKind::SaveAs) {
            return;
        }
        let base = self.session_base();
        let session = self.state.session.clone();
        let generation = self.generation;
        let dirs = self.env.dirs.clone();
        let lang = self.state.ui_lang;
        let path = path.to_path_buf();
        // An untitled session's recovery copy goes once it has a name.
        let untitled = (self.state.file.is_none() && !self.state.untitled_name.is_empty())
            .then(|| self.state.untitled_name.clone());
        let own_file = self.state.file.clone();
        self.jobs.spawn(JobKind::SaveAs, move || {
            // Never over a session that another window has open: its lock
            // is taken first (this window's own file keeps its own lock).
            let own = own_file.as_deref().is_some_and(|own| same_file(own, &path));
            let lock = match dirs.as_ref().filter(|_| !own) {
                Some(dirs) => match store::SessionLock::try_acquire(dirs, &path) {
                    Ok(lock) => Some(lock),
                    Err(error @ store::LockError::InUse { .. }) => {
                        return Finished::SavedAs {
                            path,
                            generation,
                            result: Err(error.message(lang)),
                            missing_photos: Vec::new(),
                        };
                    }
                    Err(store::LockError::Io { .. }) => None,
                },
                None => None,
            };
            let (moved, missing_photos) = match base {
                Some(base) if !session.attachments.is_empty() => {
                    match store::carry_photos(&base, &path, &session.attachments) {
                        Ok(carried) => (carried.moved, carried.missing),
                        Err(error) => {
                            return Finished::SavedAs {
                                path,
                                generation,
                                result: Err(error.message(lang)),
                                missing_photos: Vec::new(),
                            };
                        }
                    }
                }
                _ => (Vec::new(), Vec::new()),
            };
            let mut moved = moved;
            moved.sort();
            let mut saved = session;
            let _ = Edit::SetPhotoPaths(moved.clone()).apply(&mut saved);
            let result = store::save_session(&path, &saved)
                .map(|()| {
                    if let (Some(dirs), Some(name)) = (&dirs, &untitled) {
                        let _ = store::remove_untitled_copy(dirs, name);
                    }
                    (moved, lock, store::Fingerprint::of_session(&saved))
                })
                .map_err(|error| error.message(lang));
            Finished::SavedAs {
                path,
                generation,
                result,
                missing_photos,
            }
        });
    }

    fn finish_save_as(
        &mut self,
        path: &Path,
        generation: u64,
        result: super::jobs::SavedAs,
        missing_photos: &[String],
    ) {
        let lang = self.state.ui_lang;
        if !missing_photos.is_empty() {
            let detail = trf(
                lang,
                T::PhotosMissingDetail,
                &[("files", &missing_photos.join(", "))],
            );
            self.notify(NoticeLevel::Info, tr(lang, T::PhotosNotCarried), detail);
        }
        match result {
            Ok((moved, lock, print)) => {
                self.adopt_photo_paths(moved);
                let same = self.state.file.as_deref() == Some(path);
                let name = std::mem::take(&mut self.state.untitled_name);
                self.state.untitled_copies.retain(|c| c.name != name);
                self.state.unnamed_changes = false;
                self.state.file = Some(path.to_path_buf());
                self.expect_file(path, Some(print));
                self.state.unprotected = None;
                // Changes made while the copy was written are saved there next.
                self.state.dirty = generation != self.generation;
                if !self.state.dirty {
                    self.first_unsaved = None;
                }
                self.submitted = generation;
                self.state.read_only = false;
                self.state.saved_at = Some(self.env.clock.now());
                if lock.is_some() || !same {
                    self.lock = lock;
                }
                self.remember(path);
                self.update_marker();
                if let Some(then) = self.after_save_as.take() {
                    self.state.pending_leave = None;
                    self.leave_now(then);
                }
            }
            Err(detail) => {
                self.after_save_as = None;
                self.notify(NoticeLevel::Error, tr(lang, T::SaveFailed), detail);
            }
        }
    }

    /// Reads the earlier versions for the history window.
    pub(super) fn read_history(&mut self) {
        self.state.snapshots.clear();
        let Some(dirs) = self.env.dirs.clone() else {
            return;
        };
        let key = store::session_key(self.state.file.as_deref(), &self.state.untitled_name);
        self.jobs.spawn(JobKind::History, move || {
            Finished::Snapshots(store::list_snapshots(&dirs, &key))
        });
    }

    /// Copies photos beside the session and attaches them, in order, to the
    /// current agenda item.
    pub(super) fn import_photos(&mut self, sources: Vec<PathBuf>) {
        let lang = self.state.ui_lang;
        let Some(base) = self.session_base() else {
            self.notify(
                NoticeLevel::Error,
                tr(lang, T::PhotoAttachFailed),
                tr(lang, T::PhotoNoFolder).to_owned(),
            );
            return;
        };
        let item = self
            .state
            .runner
            .current_or_first(&self.state.session)
            .cloned();
        self.jobs.spawn(JobKind::ImportPhotos, move || {
            let results = sources
                .iter()
                .map(|source| store::import_photo(&base, source))
                .collect();
            Finished::PhotosImported { item, results }
        });
    }

    /// Opens a recovered copy offered at start.
    pub(super) fn recover(&mut self, index: usize) {
        if index >= self.state.recovery.len() || self.jobs.running(JobKind::Recover) {
            return;
        }
        let candidate = self.state.recovery.remove(index);
        if candidate.file.is_some() && candidate.file == self.state.file {
            // The open file itself: its own lock must not make it read-only.
            self.lock = None;
        }
        // A copy of a crashed or unsaved session is gone once the session is
        // saved with it (an untitled session's own file stays).
        if let Some(dirs) = &self.env.dirs
            && candidate.copy.starts_with(dirs.recovery_dir())
            && candidate
                .copy
                .file_name()
                .is_some_and(|n| n.to_string_lossy().contains("-crash-"))
        {
            self.redundant.push(candidate.copy.clone());
        }
        let dirs = self.env.dirs.clone();
        let now = self.env.clock.now();
        self.jobs.spawn(JobKind::Recover, move || {
            let file = candidate.file.map(|file| {
                let opened = read_session(dirs.as_ref(), file, now);
                // The file's own content stays among the earlier versions.
                if let (Ok(session), Some(dirs), false) = (&opened.session, &dirs, opened.in_use) {
                    let key = store::session_key(Some(&opened.path), "");
                    let _ = store::snapshot_now(dirs, &key, session, now, 50);
                }
                Box::new(opened)
            });
            Finished::Recovered {
                copy: store::load_snapshot(&candidate.copy),
                file,
                untitled_name: candidate.untitled_name,
            }
        });
    }

    /// Goes on with an untitled session from its recovery copy (read on a
    /// job thread), under the same name: it is still not saved under a name.
    pub(super) fn open_untitled_copy(&mut self, path: PathBuf, name: String) {
        if self.jobs.running(JobKind::Recover) {
            return;
        }
        self.jobs
            .spawn(JobKind::Recover, move || Finished::Recovered {
                copy: store::load_session(&path),
                file: None,
                untitled_name: Some(name),
            });
    }

    /// The session's file (when it has one) is opened first and its content
    /// kept in the history, then the copy replaces it as an undoable
    /// change, saved like any other.
    fn finish_recover(
        &mut self,
        copy: Result<Session, store::LoadError>,
        file: Option<Box<Opened>>,
        untitled_name: Option<String>,
    ) {
        let copy = match copy {
            Ok(copy) => copy,
            Err(error) => {
                let lang = self.state.ui_lang;
                self.notify(
                    NoticeLevel::Error,
                    tr(lang, T::CouldNotOpen),
                    error.message(lang),
                );
                return;
            }
        };
        let Some(opened) = file else {
            self.lock = None;
            self.show_session(copy, None);
            self.state.untitled_name = untitled_name.unwrap_or_else(|| self.new_untitled_name());
            // Work that was never saved under a name: leaving it asks again.
            self.state.unnamed_changes = true;
            self.update_marker();
            return;
        };
        let path = opened.path.clone();
        let shown = opened.session.is_ok() && self.show_opened(*opened);
        if shown && !self.state.read_only {
            let _ = self.apply_edit(&Edit::ReplaceSession(Box::new(copy)));
        } else if !shown {
            // The file is gone or unreadable: the copy takes its place.
            self.show_session(copy, Some(path));
            self.changed();
        }
    }

    /// A read-only session (open in another window): continue in a copy of
    /// it next to the file (or in the recovery folder when that folder is
    /// not writable).
    pub(super) fn work_in_copy(&mut self) {
        let Some(file) = self.state.file.clone() else {
            self.state.read_only = false;
            return;
        };
        let session = self.state.session.clone();
        let dirs = self.env.dirs.clone();
        let now = self.env.clock.now();
        self.jobs.spawn(JobKind::Copy, move || {
            let copy = store::free_copy_path(&file);
            let written = store::save_session(&copy, &session)
                .map(|()| copy.clone())
                .or_else(|error| {
                    let dirs = dirs.as_ref().ok_or(error)?;
                    let name = copy.file_name().map_or_else(
                        || "kopie.json".to_owned(),
                        |n| n.to_string_lossy().into_owned(),
                    );
                    store::save_recovery_copy(dirs, &name, &session)
                });
            Finished::Copied(written.map(|path| Box::new(read_session(dirs.as_ref(), path, now))))
        });
    }

    /// Reads an earlier version, to put it back as one undoable change.
    pub(super) fn restore_version(&mut self, path: &Path) {
        let time = self
            .state
            .snapshots
            .iter()
            .find(|s| s.path == path)
            .map(|s| s.taken_at.format("%H:%M").to_string())
            .unwrap_or_default();
        let path = path.to_path_buf();
        self.jobs
            .spawn(JobKind::Restore, move || Finished::Restored {
                session: store::load_snapshot(&path),
                time,
            });
    }

    fn finish_restore(&mut self, session: Result<Session, store::LoadError>, time: &str) {
        let lang = self.state.ui_lang;
        match session {
            Ok(mut restored) => {
                super::runner::carry_timing(&self.state.session, &mut restored);
                let _ = self.apply_edit(&Edit::ReplaceSession(Box::new(restored)));
                self.notify(
                    NoticeLevel::Info,
                    &trf(lang, T::HistoryRestored, &[("time", time)]),
                    String::new(),
                );
                self.view.history_open = false;
            }
            Err(error) => self.notify(
                NoticeLevel::Error,
                tr(lang, T::CouldNotOpen),
                error.message(lang),
            ),
        }
    }

    /// Marks the settings to be written (at most once a second, in the background).
    pub(super) fn store_settings(&mut self) {
        self.settings_dirty = true;
    }

    /// Writes changed settings when a second passed since the last write.
    pub(super) fn flush_settings(&mut self, ctx: &egui::Context) {
        if !self.settings_dirty {
            return;
        }
        let Some(dirs) = self.env.dirs.clone() else {
            self.settings_dirty = false;
            return;
        };
        let now = self.env.clock.instant();
        if let Some(last) = self.settings_written_at {
            let due = last + SETTINGS_EVERY;
            if now < due || self.jobs.running(JobKind::Settings) {
                ctx.request_repaint_after(
                    due.saturating_duration_since(now).max(SETTINGS_EVERY / 10),
                );
                return;
            }
        }
        self.settings_dirty = false;
        self.settings_written_at = Some(now);
        self.settings_writes += 1;
        let settings = self.settings.clone();
        self.jobs.spawn(JobKind::Settings, move || {
            // Settings are a convenience: a failure to write them is not worth
            // a banner while the facilitator works; the session is saved separately.
            let _ = store::save_settings(&dirs, &settings);
            Finished::SettingsWritten
        });
    }

    /// Writes changed settings now (quitting).
    pub fn flush_settings_now(&mut self) {
        if !std::mem::take(&mut self.settings_dirty) {
            return;
        }
        if let Some(dirs) = &self.env.dirs {
            self.settings_writes += 1;
            let _ = store::save_settings(dirs, &self.settings);
        }
    }

    /// How many times the settings file was written (or handed to be written).
    #[must_use]
    pub fn settings_writes(&self) -> u64 {
        self.settings_writes
    }

    /// Whether no background job runs (tests wait for this).
    #[must_use]
    pub fn jobs_idle(&self) -> bool {
        self.jobs.idle()
    }
}

/// Whether `a` and `b` name the same file (or the same path, when either
/// does not exist yet).
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

impl LeerkringApp {
    /// Why the session is read-only although no other window is known to
    /// have it, in plain words.
    fn unprotected_detail(&self, error: &store::LockError) -> String {
        let lang = self.state.ui_lang;
        let folder = self
            .env
            .dirs
            .as_ref()
            .map(|d| d.data_dir.display().to_string())
            .unwrap_or_default();
        let reason = match error {
            store::LockError::Io { source, .. } => store::explain_io(lang, source),
            store::LockError::InUse { .. } => String::new(),
        };
        trf(
            lang,
            T::UnprotectedDetail,
            &[("folder", &folder), ("reason", &reason)],
        )
    }
}
