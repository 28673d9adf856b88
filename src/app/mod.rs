//! The state below the views: owns the session and the app's own state,
//! applies edits (with undo) and carries out commands and requests the views
//! ask for, opens and saves sessions (through `store`), keeps the agenda
//! clock, and reacts to the operating system asking the app to quit. The
//! eframe shell above the views ([`crate::shell`]) calls it once per frame.

mod background;
mod commands;
mod dialogs;
pub mod export;
mod handle;
pub mod jobs;
pub mod photos;
pub mod placement;
pub mod projector;
pub mod room;
pub mod runner;
pub mod series;
pub mod undo;
pub mod views;
pub mod vote;
pub mod windows;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::sync::{Arc, Mutex};

use chrono::{NaiveDateTime, TimeDelta, Timelike};

pub use commands::{Command, Group, Intent, Intents, Request, Scope, Spec, View};
pub use dialogs::{DialogAnswer, Dialogs, FixedDialogs, NativeDialogs};
pub use views::{
    Capture, Field, FocusMemory, FocusTarget, InboxView, NewSessionView, PasteKind, PasteView,
    PathPrompt, PathPurpose, ThemesView, ViewState, Window,
};

use crate::i18n::{self, Language, T, tr};
use crate::model::{AgendaKind, BlockKind, Card, Edit, ExperimentId, Session};
use crate::store::{self, AppDirs, Autosaver, SaveJob, SaveTarget, Settings};
use runner::Runner;
use undo::History;

/// The sample session (the M50 kick-off of 4 February 2020), built into the
/// binary so it opens on a first run without any file.
pub const SAMPLE_SESSION_JSON: &[u8] =
    include_bytes!("../../sessions/2020-02-04-m50-democratische-vernieuwing.json");

/// The sample session, parsed.
///
/// # Panics
/// Never in a released build: a test proves the built-in sample parses.
#[must_use]
pub fn sample_session() -> Session {
    #[allow(clippy::expect_used)] // The bundled file is checked by the test suite.
    store::parse_session(SAMPLE_SESSION_JSON).expect("the bundled sample session is valid")
}

/// Where the app reads the time: the system clock, or a manual one in tests.
pub trait Clock {
    /// The local wall-clock time now.
    fn now(&self) -> NaiveDateTime;

    /// A monotonic instant, for waiting (autosave, settings); it moves with
    /// [`Clock::now`] in a manual clock.
    fn instant(&self) -> std::time::Instant;
}

/// The computer's clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> NaiveDateTime {
        chrono::Local::now().naive_local()
    }

    fn instant(&self) -> std::time::Instant {
        std::time::Instant::now()
    }
}

/// A clock that stands still until a test moves it; clones share the time.
#[derive(Debug, Clone)]
pub struct ManualClock(Arc<Mutex<(NaiveDateTime, std::time::Instant)>>);

impl ManualClock {
    /// A clock standing at `at`.
    #[must_use]
    pub fn new(at: NaiveDateTime) -> Self {
        Self(Arc::new(Mutex::new((at, std::time::Instant::now()))))
    }

    /// Moves the clock forward.
    pub fn advance(&self, by: TimeDelta) {
        if let Ok(mut now) = self.0.lock() {
            now.0 += by;
            now.1 += by.to_std().unwrap_or_default();
        }
    }

    fn read(&self) -> (NaiveDateTime, std::time::Instant) {
        self.0.lock().map_or_else(|p| *p.into_inner(), |now| *now)
    }
}

impl Clock for ManualClock {
    fn now(&self) -> NaiveDateTime {
        self.read().0
    }

    fn instant(&self) -> std::time::Instant {
        self.read().1
    }
}

/// What the app needs from the outside world; tests pass their own.
pub struct Environment {
    /// Leerkring's own folders (`None` when the system has no home folder).
    pub dirs: Option<AppDirs>,
    /// The clock.
    pub clock: Box<dyn Clock>,
    /// File dialogs.
    pub dialogs: Box<dyn Dialogs>,
    /// The folder of sample and shared sessions listed in the app (`sessions/`).
    pub sessions_dir: Option<PathBuf>,
}

impl Environment {
    /// The real environment: platform folders, system clock, native dialogs,
    /// and the `sessions/` folder of the working directory when there is one.
    #[must_use]
    pub fn system() -> Self {
        Self {
            dirs: AppDirs::from_env(),
            clock: Box::new(SystemClock),
            dialogs: Box::new(NativeDialogs),
            sessions_dir: std::env::current_dir()
                .ok()
                .map(|d| d.join("sessions"))
                .filter(|d| d.is_dir()),
        }
    }
}

/// Which session to show at start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StartWith {
    /// The file named on the command line.
    File(PathBuf),
    /// The most recent session, or the sample on a first run.
    Default,
    /// The sample session as an untitled copy.
    Sample,
    /// A new session from the standard template, in a file that does not
    /// exist yet: it is made at the first change.
    NewFile(PathBuf),
}

/// How serious a notice is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeLevel {
    /// For information.
    Info,
    /// Something failed.
    Error,
}

/// A non-modal banner: it never takes keyboard focus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// How serious it is.
    pub level: NoticeLevel,
    /// One line saying what happened.
    pub title: String,
    /// What exactly, and what it means for the user's work.
    pub detail: String,
}

/// What waits for the user's answer about unsaved changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Leave {
    /// Quit the app.
    Quit,
    /// Open a file chosen in a dialog.
    Open,
    /// Open this file.
    OpenPath(PathBuf),
    /// Open the sample.
    OpenSample,
    /// Start a new session from this one.
    NewFromThis,
    /// Start a new session from a template.
    NewFromTemplate(store::TemplateSource),
    /// Go on with an untitled session's recovery copy (its file, its name).
    OpenUntitled(PathBuf, String),
}

/// The session the journal was started for: which one, under which name,
/// and whether it may be saved.
#[derive(Debug, Clone, PartialEq, Eq)]
struct JournalFor {
    open: bool,
    file: Option<PathBuf>,
    untitled_name: String,
    read_only: bool,
}

/// Which screen the window shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// A session is open.
    Session,
    /// No session is open: recent sessions, open a file, the sample.
    Start,
}

/// Everything the views read (never change): the session and the app's
/// state. What the views change themselves is in [`ViewState`].
pub struct AppState {
    /// The open session (empty on the start screen).
    pub session: Session,
    /// The session's file; `None` for an untitled session.
    pub file: Option<PathBuf>,
    /// The recovery file name of an untitled session.
    pub untitled_name: String,
    /// Whether the session changed since it was last saved.
    pub dirty: bool,
    /// When the session was last written to disk.
    pub saved_at: Option<NaiveDateTime>,
    /// The user interface language (the report follows the session's own).
    pub ui_lang: Language,
    /// Banners shown above the content.
    pub notices: Vec<Notice>,
    /// Which screen is shown.
    pub screen: Screen,
    /// Recently opened sessions, most recent first.
    pub recent: Vec<PathBuf>,
    /// Session files in the `sessions/` folder.
    pub listed_sessions: Vec<PathBuf>,
    /// The agenda clock.
    pub runner: Runner,
    /// The time of this frame (read once per frame from the clock).
    pub now: NaiveDateTime,
    /// Waiting for the user's answer: keep the unsaved changes or not.
    pub pending_leave: Option<Leave>,
    /// The projector window.
    pub projector: projector::ProjectorState,
    /// Newer copies found after an unclean exit, offered at start.
    pub recovery: Vec<store::RecoveryCandidate>,
    /// Whether the session is open read-only (another window has it, or
    /// whether one has cannot be told: see [`Self::unprotected`]).
    pub read_only: bool,
    /// Why the session is read-only although no other window is known to
    /// have it: the lock that keeps two windows from writing one file could
    /// not be taken (Leerkring's data folder is unusable), in the user's
    /// language. The facilitator may continue without that protection.
    pub unprotected: Option<String>,
    /// Another program changed or replaced the session's file since it was
    /// opened or saved here: saving waits for the facilitator's choice.
    pub changed_on_disk: bool,
    /// The versions listed in the history window (read when it opens).
    pub snapshots: Vec<store::SnapshotInfo>,
    /// Whether undo / redo are possible (for menus).
    pub can_undo: bool,
    /// See [`Self::can_undo`].
    pub can_redo: bool,
    /// The photos shown this frame (thumbnails, the projector's photo).
    pub photos: photos::PhotoShelf,
    /// The series view, while it is open.
    pub series: Option<series::SeriesView>,
    /// The synthesis block the bullet field writes into when the current
    /// item names none.
    pub chosen_block: Option<BlockKind>,
    /// What runs in the background now (opening, saving, reading…).
    pub busy: Vec<jobs::JobKind>,
    /// An untitled session changed since it was shown: it is not saved
    /// under a name (only as a recovery copy), so leaving it asks first.
    pub unnamed_changes: bool,
    /// The recovery copies of untitled sessions, listed on the start screen.
    pub untitled_copies: Vec<store::UntitledCopy>,
    /// The templates a new session can start from (read when the chooser opens).
    pub templates: Vec<store::TemplateEntry>,
    /// The room, while it is open to phones.
    pub room: Option<room::RoomStatus>,
    /// The room's vote, while it is open.
    pub vote: Option<vote::RunningVote>,
}

impl AppState {
    /// The card at `index` (the selected one), clamped to the cards there are.
    #[must_use]
    pub fn card(&self, index: usize) -> Option<Card> {
        self.session.card_at(index)
    }

    /// The experiment of the card at `index`, when it has one.
    #[must_use]
    pub fn experiment_of_card(&self, index: usize) -> Option<ExperimentId> {
        self.card(index).and_then(|c| c.experiment)
    }

    /// Whether the current item is captured as bullets rather than as
    /// keywords: a synthesis or discussion item, an item that fills a
    /// synthesis section, the look-back. Then the bullet editor takes the
    /// console's wide column and the cursor goes to it.
    #[must_use]
    pub fn bullets_lead(&self) -> bool {
        self.runner
            .current_or_first(&self.session)
            .and_then(|id| self.session.agenda_item(id))
            .is_some_and(|item| {
                item.block.is_some()
                    || matches!(item.kind, AgendaKind::Synthesis | AgendaKind::Discussion)
                    || self.session.is_review_item(&item.id)
            })
    }

    /// The synthesis block the bullet field writes into.
    #[must_use]
    pub fn active_block(&self) -> BlockKind {
        let item = self
            .runner
            .current_or_first(&self.session)
            .and_then(|id| self.session.agenda_item(id));
        // A follow-up's look-back item works on the open questions it carried.
        let review = item
            .filter(|i| self.session.is_review_item(&i.id))
            .map(|_| BlockKind::OpenQuestions);
        item.and_then(|item| item.block)
            .or(self.chosen_block)
            .or(review)
            .unwrap_or(BlockKind::Observations)
    }
}

/// The application: state, settings and the world it talks to.
pub struct LeerkringApp {
    /// What the views show.
    pub state: AppState,
    /// What the views own: their text buffers, selections and open windows.
    pub view: ViewState,
    settings: Settings,
    env: Environment,
    history: History,
    pending_open: Option<Receiver<DialogAnswer>>,
    pending_save_as: Option<Receiver<DialogAnswer>>,
    pending_folder: Option<Receiver<DialogAnswer>>,
    shutdown: Arc<AtomicBool>,
    shown_title: String,
    /// Set once quitting was decided, so the window's close is not asked again.
    quitting: bool,
    /// Quitting was decided outside a frame (after a "save as"); done next frame.
    quit_requested: bool,
    /// What to do after a "save as" asked for by the unsaved-changes question.
    after_save_as: Option<Leave>,
    /// The autosave thread, which also keeps the journal of edits.
    autosaver: Option<Autosaver>,
    /// The window the autosave thread wakes after a save (set at the first frame).
    repaint: Arc<Mutex<Option<egui::Context>>>,
    /// A session just shown: the journal starts from it.
    journal_base: Option<Session>,
    /// Which session the journal was last started for.
    journal_for: Option<JournalFor>,
    /// Tells the next start whether this run ended cleanly.
    marker: Option<store::RunMarker>,
    /// The operating-system lock on the open session's file.
    lock: Option<store::SessionLock>,
    /// Keeps the screen saver and display sleep away while the projector is open.
    awake: Option<keepawake::KeepAwake>,
    /// Counts the session's changes; a save confirms one generation.
    generation: u64,
    /// A shared copy of the session for the projector window, made once per generation.
    projector_session: Option<(u64, Arc<Session>)>,
    /// The projector window's picture and what it reports back.
    projector_link: Arc<Mutex<projector::WindowLink>>,
    /// The generation last handed to the autosave thread.
    submitted: u64,
    /// When the first change not yet on disk was made.
    first_unsaved: Option<std::time::Instant>,
    /// When the last change was made.
    last_change: Option<std::time::Instant>,
    /// After a failed save, when to try again.
    retry_at: Option<std::time::Instant>,
    /// Copies the next successful save makes redundant (a recovered copy).
    redundant: Vec<PathBuf>,
    /// The generation last kept as a copy while saves failed.
    copied_generation: Option<u64>,
    /// Decoded photos and their decode thread.
    photo_cache: photos::PhotoCache,
    /// The "add photo" dialog's answer, while it is open.
    pending_photo: Option<Receiver<Vec<PathBuf>>>,
    /// The last commands carried out, newest last (for the frame trace and tests).
    command_log: Vec<Command>,
    /// Slow work under way on named threads.
    jobs: jobs::Jobs,
    /// Whether the settings changed since they were last written.
    settings_dirty: bool,
    /// When the settings were last handed to be written (by the clock).
    settings_written_at: Option<std::time::Instant>,
    /// How many times the settings were written.
    settings_writes: u64,
    /// Whether the console window was fitted to its screen (first frame).
    window_placed: bool,
    /// The room's server, while it is open.
    room: room::RoomLink,
}

/// How many commands [`LeerkringApp::commands_run`] remembers.
const COMMAND_LOG: usize = 64;

/// Autosave waits this long after the last change (typing goes on)...
const AUTOSAVE_QUIET: std::time::Duration = std::time::Duration::from_millis(400);
/// ...but never longer than this after the first unsaved change.
const AUTOSAVE_AT_MOST: std::time::Duration = std::time::Duration::from_millis(1200);
/// After a failed save, try again after this long.
const AUTOSAVE_RETRY: std::time::Duration = std::time::Duration::from_secs(5);

impl LeerkringApp {
    /// Builds the app and opens the session to start with.
    #[must_use]
    pub fn new(start: StartWith, env: Environment) -> Self {
        let settings = env
            .dirs
            .as_ref()
            .map(store::load_settings)
            .unwrap_or_default();
        let ui_lang = settings
            .ui_language
            .unwrap_or_else(|| i18n::language_from_env(Language::Nl));
        let listed_sessions = env
            .sessions_dir
            .as_deref()
            .map(store::list_sessions)
            .unwrap_or_default();
        let now = env.clock.now();
        let mut app = Self {
            state: AppState {
                session: Session::default(),
                file: None,
                untitled_name: String::new(),
                dirty: false,
                saved_at: None,
                ui_lang,
                notices: Vec::new(),
                screen: Screen::Start,
                recent: settings.recent.clone(),
                listed_sessions,
                runner: Runner::default(),
                now,
                pending_leave: None,
                projector: projector::ProjectorState::default(),
                recovery: Vec::new(),
                read_only: false,
                unprotected: None,
                changed_on_disk: false,
                snapshots: Vec::new(),
                can_undo: false,
                can_redo: false,
                photos: photos::PhotoShelf::default(),
                series: None,
                chosen_block: None,
                busy: Vec::new(),
                unnamed_changes: false,
                untitled_copies: Vec::new(),
                templates: Vec::new(),
                room: None,
                vote: None,
            },
            view: ViewState::default(),
            settings,
            env,
            history: History::default(),
            pending_open: None,
            pending_save_as: None,
            pending_folder: None,
            shutdown: Arc::new(AtomicBool::new(false)),
            shown_title: String::new(),
            quitting: false,
            quit_requested: false,
            after_save_as: None,
            autosaver: None,
            repaint: Arc::default(),
            journal_base: None,
            journal_for: None,
            marker: None,
            lock: None,
            awake: None,
            generation: 0,
            projector_session: None,
            projector_link: Arc::default(),
            submitted: 0,
            first_unsaved: None,
            last_change: None,
            retry_at: None,
            redundant: Vec::new(),
            copied_generation: None,
            photo_cache: photos::PhotoCache::default(),
            pending_photo: None,
            command_log: Vec::new(),
            jobs: jobs::Jobs::default(),
            settings_dirty: false,
            settings_written_at: None,
            settings_writes: 0,
            window_placed: false,
            room: room::RoomLink::default(),
        };
        if let Some(monitor) = app.settings.projector_monitor {
            app.state.projector.monitor = monitor;
        }
        app.state.projector.size = app.settings.projector_size;
        app.start_autosaver();
        app.check_last_run();
        app.read_untitled_copies();
        let show_copies = std::mem::take(&mut app.settings.show_untitled_copies);
        if show_copies {
            app.store_settings();
        }
        match start {
            StartWith::File(path) => app.open_file_now(&path),
            StartWith::Sample => app.open_sample(),
            StartWith::NewFile(path) => app.open_new_file(path),
            // The last run kept untitled work as a recovery copy: the start
            // screen lists it (with the recent sessions and the sample).
            StartWith::Default if show_copies && !app.state.untitled_copies.is_empty() => {}
            StartWith::Default => match app.settings.most_recent_existing() {
                Some(path) => {
                    let path = path.to_path_buf();
                    app.open_file_now(&path);
                }
                None if app.settings.recent.is_empty() => app.open_sample(),
                None => {}
            },
        }
        app
    }

    /// A flag that, once set (e.g. by a SIGTERM handler), makes the app save
    /// and quit at its next frame without asking anything.
    #[must_use]
    pub fn shutdown_flag(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.shutdown)
    }

    /// Whether the app decided to close its window.
    #[must_use]
    pub fn is_quitting(&self) -> bool {
        self.quitting
    }

    /// The window title: "Leerkring — <session title>".
    #[must_use]
    pub fn window_title(&self) -> String {
        let app_name = tr(self.state.ui_lang, T::AppName);
        match self.state.screen {
            Screen::Start => app_name.to_owned(),
            Screen::Session => {
                // A window title is one line without control characters.
                let title = crate::model::clean::one_line(&self.state.session.header.title, 120);
                let title = if title.is_empty() {
                    tr(self.state.ui_lang, T::Untitled)
                } else {
                    &title
                };
                format!("{app_name} — {title}")
            }
        }
    }

    /// The start of a frame: reads the clock, collects what finished in the
    /// background (dialogs, export, photos) and the commands whose keys were
    /// pressed. The views then add what they ask for, and the shell hands
    /// all of it to [`Self::run_intents`].
    pub fn begin_frame(&mut self, ctx: &egui::Context) -> Intents {
        // A focus target set before this frame's views draw is theirs to take.
        self.view.focus_target_fresh = false;
        self.state.now = self.env.clock.now();
        self.state.can_undo = self.history.can_undo();
        self.state.can_redo = self.history.can_redo();
        self.jobs.wake(ctx);
        self.take_finished_jobs();
        self.take_room_submissions(ctx);
        self.update_vote_tally();
        let mut intents = Intents::default();
        if self.shutdown.load(Ordering::SeqCst) {
            intents.command(Command::Quit);
        }
        for command in self.shortcut_commands(ctx) {
            intents.command(command);
        }
        self.poll_dialogs();
        self.poll_photo_dialog();
        self.attach_dropped_files(ctx);
        self.poll_export();
        self.prepare_photos(ctx);
        if std::mem::take(&mut self.quit_requested) {
            self.quitting = true;
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        intents
    }

    /// Carries out what the views asked for this frame, in order.
    pub fn run_intents(&mut self, ctx: &egui::Context, intents: Intents) {
        // The views drew without taking it: the widget is not on screen.
        if !self.view.focus_target_fresh {
            self.view.focus_target = None;
        }
        for intent in intents.into_vec() {
            match intent {
                Intent::Command(command) => self.run_command(command, ctx),
                Intent::Request(request) => self.run_request(request, ctx),
                Intent::Edit(edit) => {
                    self.apply_from_console(&edit);
                }
            }
        }
        self.sync_windows(ctx);
        if self
            .view
            .export
            .refresh_preview(&self.state.session, self.generation)
        {
            ctx.request_repaint();
        }
        self.prepare_photos(ctx);
    }

    /// The end of a frame: saves when due, answers the window's close
    /// button, keeps the window title and schedules the next repaint.
    pub fn finish_frame(&mut self, ctx: &egui::Context) {
        self.keep_window_on_screen(ctx);
        self.remember_projector_placement();
        self.flush_settings(ctx);
        self.state.busy = self.jobs.busy();
        self.sync_journal();
        self.publish_room();
        self.autosave_tick(ctx);
        if ctx.input(|i| i.viewport().close_requested()) && !self.quitting {
            if self.shutdown.load(Ordering::SeqCst) {
                self.save_if_dirty();
            } else if !self.may_leave(Leave::Quit) {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            }
        }
        let title = self.window_title();
        if title != self.shown_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.shown_title = title;
        }
        self.schedule_repaint(ctx);
    }

    /// The last commands carried out, oldest first (at most 64).
    #[must_use]
    pub fn commands_run(&self) -> &[Command] {
        &self.command_log
    }

    /// Repaints only when something on screen changes by itself: every
    /// second while a timer runs, otherwise at the next minute for the clock.
    fn schedule_repaint(&self, ctx: &egui::Context) {
        if self.state.screen != Screen::Session {
            return;
        }
        let now = self.env.clock.now();
        let millis_into_second = i64::from(now.nanosecond() / 1_000_000).min(999);
        let until_next_second = 1000 - millis_into_second;
        let wait_ms = if self.state.runner.is_running() {
            until_next_second
        } else {
            i64::from(59 - now.second().min(59)) * 1000 + until_next_second
        };
        ctx.request_repaint_after(std::time::Duration::from_millis(
            u64::try_from(wait_ms.max(1)).unwrap_or(1000),
        ));
    }

    /// The commands whose shortcut was pressed this frame (and that can act
    /// now). More specific shortcuts are checked first (Ctrl+Shift+Z before
    /// Ctrl+Z). A disabled command leaves its key to the focused widget.
    fn shortcut_commands(&self, ctx: &egui::Context) -> Vec<Command> {
        let list = shortcut_table(|_| true);
        let mut found = Vec::new();
        for (shortcut, command) in list {
            let allowed = command.enabled(&self.state, &self.view)
                && command.takes_key_from_field(&self.view);
            if allowed && ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                if shortcut.modifiers.alt {
                    // X11 and Windows also send Alt+1 as the text "1": it
                    // must not land in the focused field.
                    let typed = shortcut.logical_key.symbol_or_name();
                    ctx.input_mut(|i| {
                        i.events
                            .retain(|e| !matches!(e, egui::Event::Text(t) if t == typed));
                    });
                }
                found.push(command);
            }
        }
        found
    }

    /// The projector window while it is open: its viewport and the link
    /// its frames draw from. Keeps the screen awake, applies fullscreen
    /// changes and hands the window a new picture when it changed. The
    /// shell shows the viewport, then calls [`Self::after_projector_window`].
    pub fn projector_window(&mut self, ctx: &egui::Context) -> Option<projector::WindowSpec> {
        if !self.state.projector.open || self.state.screen != Screen::Session {
            self.awake = None;
            return None;
        }
        if self.awake.is_none() {
            // Without a session bus (or on an unusual system) this fails;
            // the projector works all the same.
            self.awake = keep_awake();
        }
        let id = projector::viewport_id();
        let p = &mut self.state.projector;
        if p.applied_fullscreen != Some((p.fullscreen, p.monitor)) {
            if p.applied_fullscreen.is_some() {
                if p.fullscreen {
                    ctx.send_viewport_cmd_to(id, egui::ViewportCommand::SetMonitor(p.monitor));
                } else {
                    ctx.send_viewport_cmd_to(id, egui::ViewportCommand::Fullscreen(false));
                }
            }
            p.applied_fullscreen = Some((p.fullscreen, p.monitor));
        }
        let mut builder = egui::ViewportBuilder::default()
            .with_title(projector::PROJECTOR_TITLE)
            .with_app_id("leerkring-projector")
            .with_inner_size(p.size.unwrap_or([1280.0, 720.0]));
        if let Some(icon) = crate::desktop::window_icon() {
            builder = builder.with_icon(icon);
        }
        if p.fullscreen {
            builder = builder.with_monitor(p.monitor);
        }
        let live = self.live_session();
        let picture = self.state.projector_picture(&live);
        {
            let mut link = projector::lock(&self.projector_link);
            if link.picture.as_ref() != Some(&picture) {
                link.picture = Some(picture);
                // egui answers a zero-delay request with two frames ("to
                // settle"); the picture is complete, so one frame is enough.
                ctx.request_repaint_after_for(std::time::Duration::from_nanos(1), id);
            }
        }
        Some(projector::WindowSpec {
            id,
            builder,
            link: Arc::clone(&self.projector_link),
        })
    }

    /// After the projector window's frame (embedded in tests it drew just
    /// now; native, it drew in its own frame and woke the console when it
    /// had news): takes its report, keys, close button and placement.
    pub fn after_projector_window(&mut self, ctx: &egui::Context) {
        let console = ctx.input(|i| (i.viewport().outer_rect, i.viewport().monitor_size));
        let (report, commands, closed, placement) = {
            let mut link = projector::lock(&self.projector_link);
            let out = &mut link.out;
            (
                out.report,
                std::mem::take(&mut out.commands),
                std::mem::take(&mut out.closed),
                out.placement,
            )
        };
        let p = &mut self.state.projector;
        p.report = report;
        if let Some((outer, inner)) = placement {
            p.same_screen = projector::same_screen(console.0, console.1, outer);
            if let Some(inner) = inner
                && !p.fullscreen
            {
                p.size = Some([inner.width(), inner.height()]);
            }
        }
        if closed {
            // Closing the projector never closes the app.
            p.open = false;
            projector::lock(&self.projector_link).picture = None;
            p.fullscreen = false;
            p.applied_fullscreen = None;
        }
        for command in commands {
            self.run_command(command, ctx);
        }
    }

    /// A shared copy of the committed session for the projector window:
    /// copied once per change, never per frame, with its texts as a screen
    /// shows them (no control characters, no word longer than a card;
    /// [`crate::model::clean::screen_copy`]).
    fn live_session(&mut self) -> Arc<Session> {
        match &self.projector_session {
            Some((generation, session)) if *generation == self.generation => {
                debug_assert!(
                    **session == crate::model::clean::screen_copy(&self.state.session),
                    "the session changed without `changed()`"
                );
                Arc::clone(session)
            }
            _ => {
                let session = Arc::new(crate::model::clean::screen_copy(&self.state.session));
                self.projector_session = Some((self.generation, Arc::clone(&session)));
                session
            }
        }
    }

    /// Records that the session changed: it is saved within two seconds.
    pub(crate) fn changed(&mut self) {
        let now = self.env.clock.instant();
        self.state.dirty = true;
        if self.state.file.is_none() {
            self.state.unnamed_changes = true;
        }
        self.generation += 1;
        self.last_change = Some(now);
        self.first_unsaved.get_or_insert(now);
    }

    /// Saves when there are unsaved changes.
    pub fn save_if_dirty(&mut self) {
        if self.state.dirty {
            self.save_now();
        }
    }

    /// The last step before the process ends: the session and the settings
    /// are written now.
    pub fn on_exit(&mut self) {
        self.close_room();
        self.finish_jobs();
        self.save_if_dirty();
        self.flush_settings_now();
    }

    /// The history snapshot to take with a save.
    fn history_request(&self) -> Option<store::HistoryRequest> {
        let dirs = self.env.dirs.clone()?;
        Some(store::HistoryRequest {
            key: store::session_key(self.state.file.as_deref(), &self.state.untitled_name),
            dirs,
            now: self.env.clock.now(),
        })
    }

    /// Where the session is saved: its file, or the recovery folder.
    fn save_target(&self) -> Option<SaveTarget> {
        if self.state.read_only {
            return None;
        }
        match (&self.state.file, &self.env.dirs) {
            (Some(file), _) => Some(SaveTarget::File(file.clone())),
            (None, Some(dirs)) => Some(SaveTarget::Recovery {
                dirs: dirs.clone(),
                name: self.state.untitled_name.clone(),
            }),
            (None, None) => None,
        }
    }

    /// Starts the autosave thread (which keeps the journal too).
    fn start_autosaver(&mut self) {
        let repaint = Arc::clone(&self.repaint);
        self.autosaver = Autosaver::start(Box::new(move || {
            if let Ok(repaint) = repaint.lock()
                && let Some(ctx) = repaint.as_ref()
            {
                ctx.request_repaint();
            }
        }))
        .ok();
    }

    /// Which session the journal is for now.
    fn journal_for_now(&self) -> JournalFor {
        JournalFor {
            open: self.state.screen == Screen::Session,
            file: self.state.file.clone(),
            untitled_name: self.state.untitled_name.clone(),
            read_only: self.state.read_only,
        }
    }

    /// Where the open session's edits are journalled (none on the start
    /// screen, for a read-only session, or without a data folder).
    fn journal_target(&self) -> Option<store::JournalTarget> {
        if self.state.screen != Screen::Session {
            return None;
        }
        let dirs = self.env.dirs.as_ref()?;
        let save = self.save_target()?;
        let key = store::session_key(self.state.file.as_deref(), &self.state.untitled_name);
        Some(store::JournalTarget::new(dirs, &key, save))
    }

    /// Starts the journal afresh when another session was shown, or the open
    /// one got another file or became read-only; returns whether it did.
    /// A session just shown is the journal's start; otherwise the session
    /// as it is now.
    fn sync_journal(&mut self) -> bool {
        let now_for = self.journal_for_now();
        if self.journal_base.is_none() && self.journal_for.as_ref() == Some(&now_for) {
            return false;
        }
        let base = self
            .journal_base
            .take()
            .unwrap_or_else(|| self.state.session.clone());
        let target = self.journal_target();
        if let Some(saver) = &self.autosaver {
            let _ = saver.journal_begin(target, base);
        }
        self.journal_for = Some(now_for);
        true
    }

    /// Journals an edit just applied to the session (one that changed it):
    /// on disk within a moment, so a crash before the next save loses nothing.
    pub(crate) fn journal(&mut self, edit: Edit) {
        let shown = self.journal_base.is_some();
        if self.sync_journal() && !shown {
            // The session changed its file under the journal: the journal
            // starts from the session as it is now, this edit included.
            return;
        }
        if let Some(saver) = &self.autosaver {
            let _ = saver.journal_edit(edit);
        }
    }

    /// Waits (at most 5 s) until every journalled edit is on disk; returns
    /// the bytes written to journals so far. For tests and measurements.
    #[must_use]
    pub fn flush_journal(&self) -> Option<u64> {
        self.autosaver
            .as_ref()
            .and_then(|saver| saver.journal_sync(std::time::Duration::from_secs(5)))
    }

    /// Writes the session now and waits for it (Ctrl+S, quitting).
    pub fn save_now(&mut self) {
        if self.state.screen != Screen::Session {
            return;
        }
        let Some(target) = self.save_target() else {
            return;
        };
        let job = self.save_job(target);
        self.submitted = self.generation;
        let outcome = match self.autosaver.as_mut() {
            Some(saver) => saver.save_blocking(&job),
            None => store::write_job(&job),
        };
        let mut outcomes = self
            .autosaver
            .as_mut()
            .map(Autosaver::poll)
            .unwrap_or_default();
        outcomes.push(outcome);
        for outcome in outcomes {
            self.take_outcome(outcome);
        }
    }

    /// A save of the session as it is now to `target`, removing the copies
    /// it makes redundant once it succeeded.
    fn save_job(&self, target: SaveTarget) -> SaveJob {
        let mut redundant = self.redundant.clone();
        if let (Some(file), Some(dirs)) = (&self.state.file, &self.env.dirs) {
            redundant.push(dirs.recovery_dir().join(store::unsaved_copy_name(file)));
        }
        SaveJob {
            generation: self.generation,
            target,
            session: self.state.session.clone(),
            history: self.history_request(),
            copy: false,
            redundant,
        }
    }

    /// Applies how a save went.
    fn take_outcome(&mut self, outcome: store::SaveOutcome) {
        if outcome.copy {
            // The copy kept while saves fail: nothing to show when it worked;
            // when it failed too, the save's own notice already says so.
            return;
        }
        match outcome.result {
            Ok(_) => {
                if outcome.generation == self.generation {
                    self.state.dirty = false;
                    self.first_unsaved = None;
                }
                // A new session's file (`leerkring NEW.json`) exists from its
                // first save on: from then it is among the recent sessions.
                if let Some(file) = self.state.file.clone()
                    && self.state.recent.first() != Some(&file)
                {
                    self.remember(&file);
                }
                self.retry_at = None;
                self.redundant.clear();
                self.copied_generation = None;
                self.state.changed_on_disk = false;
                self.state.saved_at = Some(self.env.clock.now());
                let failed = tr(self.state.ui_lang, T::SaveFailed);
                self.state.notices.retain(|n| n.title != failed);
            }
            Err(store::SaveError::ChangedOnDisk { .. }) => {
                // Never written over: the facilitator chooses (a banner).
                self.state.changed_on_disk = true;
                self.retry_at = None;
                self.submitted = self.submitted.min(outcome.generation.saturating_sub(1));
                self.keep_unsaved_copy();
            }
            Err(error) => {
                let lang = self.state.ui_lang;
                // The file cannot be written: keep the notes in the recovery
                // folder meanwhile (the next start offers them if need be).
                self.keep_unsaved_copy();
                self.retry_at = Some(self.env.clock.instant() + AUTOSAVE_RETRY);
                // The change is not on disk: it is submitted again later.
                self.submitted = self.submitted.min(outcome.generation.saturating_sub(1));
                self.notify(
                    NoticeLevel::Error,
                    tr(lang, T::SaveFailed),
                    error.message(lang),
                );
            }
        }
    }

    /// While the session's file cannot be written: one copy of the session
    /// in the recovery folder, replaced (never multiplied) when it changed,
    /// written by the autosave thread, and removed by the next save that
    /// succeeds ([`store::unsaved_copy_name`]).
    fn keep_unsaved_copy(&mut self) {
        let (Some(file), Some(dirs)) = (&self.state.file, &self.env.dirs) else {
            return;
        };
        if self.copied_generation == Some(self.generation) {
            return;
        }
        let job = SaveJob {
            generation: self.generation,
            target: SaveTarget::Recovery {
                dirs: dirs.clone(),
                name: store::unsaved_copy_name(file),
            },
            session: self.state.session.clone(),
            history: None,
            copy: true,
            redundant: Vec::new(),
        };
        self.copied_generation = Some(self.generation);
        let sent = self
            .autosaver
            .as_ref()
            .is_some_and(|saver| saver.submit(job.clone()));
        if !sent {
            let _ = store::write_job(&job);
        }
    }

    /// Tells the autosave thread what the session's file holds now (just
    /// opened or written elsewhere), so a change by another program is
    /// noticed before the next save; `None`: write it whatever it holds.
    pub(super) fn expect_file(&mut self, path: &Path, print: Option<store::Fingerprint>) {
        self.state.changed_on_disk = false;
        if let Some(saver) = &self.autosaver {
            let _ = saver.expect(path, print);
        }
    }

    /// Hands unsaved changes to the autosave thread once typing pauses (at
    /// most [`AUTOSAVE_AT_MOST`] after the first change), and collects results.
    fn autosave_tick(&mut self, ctx: &egui::Context) {
        if let Ok(mut repaint) = self.repaint.lock()
            && repaint.is_none()
        {
            *repaint = Some(ctx.clone());
        }
        if self.autosaver.is_none() {
            self.start_autosaver();
        }
        let outcomes = self
            .autosaver
            .as_mut()
            .map(Autosaver::poll)
            .unwrap_or_default();
        for outcome in outcomes {
            self.take_outcome(outcome);
        }
        let journal_errors = self
            .autosaver
            .as_mut()
            .map(Autosaver::journal_errors)
            .unwrap_or_default();
        for error in journal_errors {
            let lang = self.state.ui_lang;
            self.notify(
                NoticeLevel::Error,
                tr(lang, T::JournalFailed),
                i18n::trf(
                    lang,
                    T::JournalFailedDetail,
                    &[("detail", &error.message(lang))],
                ),
            );
        }
        if !self.state.dirty
            || self.submitted >= self.generation
            || self.state.screen != Screen::Session
            || self.state.changed_on_disk
        {
            return;
        }
        let now = self.env.clock.instant();
        if let Some(at) = self.retry_at.filter(|at| now < *at) {
            ctx.request_repaint_after(at - now);
            return;
        }
        let quiet_until = self.last_change.map_or(now, |t| t + AUTOSAVE_QUIET);
        let deadline = self.first_unsaved.map_or(now, |t| t + AUTOSAVE_AT_MOST);
        let due = quiet_until.min(deadline);
        if now < due {
            ctx.request_repaint_after(due - now);
            return;
        }
        let Some(target) = self.save_target() else {
            return;
        };
        let job = self.save_job(target);
        self.submitted = self.generation;
        let sent = self
            .autosaver
            .as_ref()
            .is_some_and(|saver| saver.submit(job.clone()));
        if !sent {
            let outcome = store::write_job(&job);
            self.take_outcome(outcome);
        }
    }

    /// Whether the session may be left now: unsaved changes are saved
    /// first; when that is not possible (no file yet, or saving failed) the
    /// user is asked, and `then` waits for the answer.
    pub(crate) fn may_leave(&mut self, then: Leave) -> bool {
        let untitled_work = self.state.file.is_none() && self.state.unnamed_changes;
        if self.state.screen != Screen::Session || !(self.state.dirty || untitled_work) {
            return true;
        }
        if self.state.file.is_some() {
            self.save_now();
            if !self.state.dirty {
                return true;
            }
        } else {
            // Keep a recovery copy whatever the answer will be.
            self.save_now();
        }
        self.state.pending_leave = Some(then);
        false
    }

    /// Replaces the open session (after saving the old one when it changed).
    pub(super) fn show_session(&mut self, session: Session, file: Option<PathBuf>) {
        self.save_if_dirty();
        // The room belonged to the session that is left.
        self.close_room();
        self.journal_base = Some(session.clone());
        self.state.session = session;
        self.state.file = file;
        self.state.read_only = false;
        self.view.history_open = false;
        self.state.series = None;
        self.state.dirty = false;
        self.state.unnamed_changes = false;
        self.state.saved_at = None;
        self.generation += 1;
        self.submitted = self.generation;
        self.first_unsaved = None;
        self.last_change = None;
        self.state.screen = Screen::Session;
        self.view.view = View::Console;
        self.state.runner = Runner::default();
        self.state.chosen_block = None;
        self.photo_cache.clear();
        self.state.projector.photo = None;
        self.view.capture = Capture {
            focus_request: Some(Field::Keyword),
            ..Capture::default()
        };
        self.history.clear();
    }

    pub(super) fn new_untitled_name(&self) -> String {
        format!(
            "untitled-{}.json",
            self.env.clock.now().format("%Y%m%d-%H%M%S")
        )
    }

    /// Shows a new session from the standard template for a file that does
    /// not exist yet (`leerkring NEW.json`): the file is made at the first
    /// change. The setup opens with the cursor in the title.
    fn open_new_file(&mut self, path: PathBuf) {
        self.lock = None;
        let session = crate::model::templates::BuiltIn::Standard.session(self.state.ui_lang);
        self.show_session(session, Some(path));
        self.show_new_session_setup();
        self.update_marker();
    }

    /// A new session was just shown: the setup, with the cursor in the title.
    pub(super) fn show_new_session_setup(&mut self) {
        self.view.view = View::Setup;
        self.view.capture.focus_request = None;
        self.view.focus_on(FocusTarget::SetupTitle);
    }

    /// Reads which untitled sessions have a recovery copy (for the start screen).
    pub(super) fn read_untitled_copies(&mut self) {
        self.state.untitled_copies = self
            .env
            .dirs
            .as_ref()
            .map(store::list_untitled_copies)
            .unwrap_or_default();
    }

    /// Reads the templates for the chooser; says which own ones cannot be read.
    pub(super) fn read_templates(&mut self) {
        let (list, unreadable) = store::all_templates(self.env.dirs.as_ref(), self.state.ui_lang);
        self.state.templates = list;
        let lang = self.state.ui_lang;
        for (path, error) in unreadable {
            self.notify(
                NoticeLevel::Info,
                &i18n::trf(
                    lang,
                    T::TemplateUnreadable,
                    &[("name", &store::template_name(&path))],
                ),
                error.message(lang),
            );
        }
    }

    fn open_sample(&mut self) {
        self.lock = None;
        self.show_session(sample_session(), None);
        self.state.untitled_name = self.new_untitled_name();
        self.update_marker();
    }

    /// Reads the run marker: after an unclean exit, newer copies of that
    /// run's session are offered (non-modal banners).
    fn check_last_run(&mut self) {
        let Some(dirs) = self.env.dirs.clone() else {
            return;
        };
        match store::RunMarker::acquire(&dirs, None, None) {
            Ok((marker, unclean)) => {
                self.marker = Some(marker);
                for exit in unclean {
                    for candidate in store::recovery_candidates(&dirs, &exit, self.env.clock.now())
                    {
                        eprintln!(
                            "leerkring: the last run ended uncleanly; a newer copy of '{}' was found: {}",
                            candidate.title,
                            candidate.summary(crate::i18n::Language::En)
                        );
                        self.state.recovery.push(candidate);
                    }
                }
            }
            Err(error) => {
                // Without a usable data folder there is no crash detection,
                // no recovery copy and no lock: say so in plain words.
                let lang = self.state.ui_lang;
                let reason = match &error {
                    store::SaveError::Io { source, .. } => store::explain_io(lang, source),
                    other => other.message(lang),
                };
                let detail = i18n::trf(
                    lang,
                    T::DataFolderUnusableDetail,
                    &[
                        ("folder", &dirs.data_dir.display().to_string()),
                        ("reason", &reason),
                    ],
                );
                self.notify(NoticeLevel::Error, tr(lang, T::DataFolderUnusable), detail);
            }
        }
    }

    /// Tells the run marker which session is open now.
    pub(super) fn update_marker(&mut self) {
        let file = self.state.file.clone();
        let untitled = (file.is_none()).then(|| self.state.untitled_name.clone());
        if let Some(marker) = self.marker.as_mut() {
            let _ = marker.set_session(file.as_deref(), untitled.as_deref());
        }
    }

    pub(super) fn remember(&mut self, path: &Path) {
        self.settings.remember(path);
        self.state.recent = self.settings.recent.clone();
        self.store_settings();
    }

    fn poll_dialogs(&mut self) {
        if let Some(answer) = poll(&mut self.pending_open) {
            match answer {
                DialogAnswer::Picked(path) => self.open_file(&path),
                DialogAnswer::Cancelled => {}
                DialogAnswer::Unavailable => self.ask_for_path(PathPurpose::Open),
            }
        }
        if let Some(answer) = poll(&mut self.pending_folder) {
            match answer {
                DialogAnswer::Picked(folder) => {
                    self.view.export.folder = folder.display().to_string();
                }
                DialogAnswer::Cancelled => {}
                DialogAnswer::Unavailable => self.ask_for_path(PathPurpose::ExportFolder),
            }
        }
        if let Some(answer) = poll(&mut self.pending_save_as) {
            match answer {
                DialogAnswer::Picked(path) => self.save_as(&path),
                DialogAnswer::Cancelled => self.after_save_as = None,
                // The "save as" waits for the typed path (or its Cancel).
                DialogAnswer::Unavailable => self.ask_for_path(PathPurpose::SaveAs),
            }
        }
    }

    fn poll_export(&mut self) {
        let Some(receiver) = &self.view.export.running else {
            return;
        };
        match receiver.try_recv() {
            Ok(result) => {
                self.view.export.running = None;
                self.view.export.result = Some(result);
            }
            Err(TryRecvError::Empty) => {}
            Err(TryRecvError::Disconnected) => self.view.export.running = None,
        }
    }

    /// The folder reports go to by default: next to the session file, or
    /// the user's documents folder for a session without a file.
    fn default_export_folder(&self) -> PathBuf {
        self.state
            .file
            .as_ref()
            .and_then(|f| f.parent())
            .filter(|p| !p.as_os_str().is_empty())
            .map(Path::to_path_buf)
            .or_else(|| {
                directories::UserDirs::new().and_then(|u| u.document_dir().map(Path::to_path_buf))
            })
            .or_else(|| self.env.dirs.as_ref().map(|d| d.data_dir.join("exports")))
            .unwrap_or_else(|| PathBuf::from("."))
    }

    /// No file dialog can open on this system: the "type a path" window
    /// asks instead, with a sensible start (the session's folder and name).
    pub(super) fn ask_for_path(&mut self, purpose: PathPurpose) {
        let folder = self.default_export_folder();
        let text = match purpose {
            PathPurpose::Open | PathPurpose::ExportFolder | PathPurpose::Photos => {
                if purpose == PathPurpose::ExportFolder && !self.view.export.folder.is_empty() {
                    self.view.export.folder.clone()
                } else {
                    format!("{}{}", folder.display(), std::path::MAIN_SEPARATOR)
                }
            }
            PathPurpose::SaveAs => {
                let name = self.save_as_file_name();
                folder.join(name).display().to_string()
            }
        };
        self.view.path_prompt = Some(PathPrompt { purpose, text });
    }

    /// Keeps the projector's monitor and window size for the next start
    /// (written only when they changed).
    fn remember_projector_placement(&mut self) {
        let p = &self.state.projector;
        let size = p.size.map(|[w, h]| [w.round(), h.round()]);
        if self.settings.projector_monitor != Some(p.monitor)
            || self.settings.projector_size != size
        {
            self.settings.projector_monitor = Some(p.monitor);
            self.settings.projector_size = size;
            self.store_settings();
        }
    }

    pub(super) fn notify(&mut self, level: NoticeLevel, title: &str, detail: String) {
        let notice = Notice {
            level,
            title: title.to_owned(),
            detail,
        };
        if !self.state.notices.contains(&notice) {
            self.state.notices.push(notice);
        }
    }
}

/// Every shortcut of the commands `which` keeps, with its command, the
/// most specific first (Ctrl+Shift+Z before Ctrl+Z), so one key press
/// reaches exactly one command.
#[must_use]
pub fn shortcut_table(which: impl Fn(Command) -> bool) -> Vec<(egui::KeyboardShortcut, Command)> {
    let mut list: Vec<(egui::KeyboardShortcut, Command)> = Command::ALL
        .iter()
        .filter(|c| which(**c))
        .flat_map(|&c| c.spec().keys.iter().map(move |&s| (s, c)))
        .collect();
    let weight = |m: egui::Modifiers| {
        usize::from(m.command || m.ctrl) + usize::from(m.shift) + usize::from(m.alt)
    };
    list.sort_by_key(|(s, _)| std::cmp::Reverse(weight(s.modifiers)));
    list
}

/// Takes a dialog's answer once it arrived.
pub(super) fn poll(pending: &mut Option<Receiver<DialogAnswer>>) -> Option<DialogAnswer> {
    let answer = match pending.as_ref()?.try_recv() {
        Ok(answer) => answer,
        Err(TryRecvError::Empty) => return None,
        Err(TryRecvError::Disconnected) => DialogAnswer::Unavailable,
    };
    *pending = None;
    Some(answer)
}

impl LeerkringApp {
    /// After a panic in a frame: writes the session into the recovery folder
    /// (never over its own file, which may be fine) so the next start can
    /// offer it. Returns the file written.
    #[must_use]
    pub fn emergency_save(&self) -> Option<PathBuf> {
        if self.state.screen != Screen::Session {
            return None;
        }
        let dirs = self.env.dirs.as_ref()?;
        let stem = self
            .state
            .file
            .as_ref()
            .and_then(|f| f.file_stem())
            .map_or_else(
                || {
                    self.state
                        .untitled_name
                        .trim_end_matches(".json")
                        .to_owned()
                },
                |s| s.to_string_lossy().into_owned(),
            );
        let name = format!(
            "{stem}-crash-{}.json",
            self.env.clock.now().format("%Y%m%d-%H%M%S")
        );
        store::save_recovery_copy(dirs, &name, &self.state.session).ok()
    }
}

/// Why an edit was refused, for the facilitator.
#[must_use]
pub fn edit_error_message(error: &crate::model::EditError, lang: Language) -> String {
    use crate::model::EditError;
    match error {
        EditError::TooLong { max, .. } => {
            i18n::trf(lang, T::TextRefusedTooLong, &[("n", &max.to_string())])
        }
        EditError::OutOfRange { value, .. } => {
            i18n::trf(lang, T::MinutesOutOfRange, &[("n", &value.to_string())])
        }
        EditError::MergeCycle(..) => tr(lang, T::ThemeMergeCycle).to_owned(),
        EditError::Invalid(problem) => store::problem_message(lang, problem),
        EditError::Empty(_) | EditError::Missing(..) => tr(lang, T::EditRefused).to_owned(),
    }
}

/// The bullet a theme becomes in "Wat valt op?", in the session's
/// language: "participatie — 7 van 12 gemeenten". `None` when no theme has
/// that key (any more).
#[must_use]
pub fn theme_suggestion(session: &Session, key: &str) -> Option<String> {
    let key = session.themes.resolve(key);
    let theme = crate::model::themes::detect_themes(session)
        .into_iter()
        .find(|t| t.key == key)?;
    Some(i18n::trf(
        session.header.language,
        T::ThemeSuggestion,
        &[
            ("theme", &theme.label),
            ("n", &theme.municipalities.len().to_string()),
            ("total", &session.municipalities().count().to_string()),
        ],
    ))
}

/// Asks the system to keep the screen on and not to sleep while the
/// projector is open (Windows: `SetThreadExecutionState` on the calling
/// thread, which must stay alive: the UI thread; Linux: the desktop's
/// inhibit service; macOS: a power assertion). Dropping it lets go.
fn keep_awake() -> Option<keepawake::KeepAwake> {
    keepawake::Builder::default()
        .display(true)
        .idle(true)
        .reason("Leerkring projector is open")
        .app_name("Leerkring")
        .app_reverse_domain("nl.leerkring")
        .create()
        .ok()
}

#[cfg(test)]
mod tests {
    /// Windows answers the request itself (no service needed), so it must
    /// succeed there.
    #[cfg(windows)]
    #[test]
    fn windows_accepts_the_projector_keep_awake_request() {
        let awake = super::keep_awake();
        assert!(awake.is_some());
        drop(awake);
        assert!(super::keep_awake().is_some(), "again after letting go");
    }
}
