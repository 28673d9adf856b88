//! eframe glue: owns the session and the app's own state, runs the commands
//! the UI records, opens and saves sessions (through `store`), and reacts to
//! the operating system asking the app to quit.

mod commands;
mod dialogs;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError};

use chrono::NaiveDateTime;

pub use commands::Command;
pub use dialogs::{Dialogs, FixedDialogs, NativeDialogs};

use crate::i18n::{self, Language, T, tr};
use crate::model::Session;
use crate::store::{self, AppDirs, Settings};

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

/// Where the app reads the time: the system clock, or a fixed one in tests.
pub trait Clock {
    /// The local wall-clock time now.
    fn now(&self) -> NaiveDateTime;
}

/// The computer's clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> NaiveDateTime {
        chrono::Local::now().naive_local()
    }
}

/// A clock that always says the same time; for tests and snapshots.
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub NaiveDateTime);

impl Clock for FixedClock {
    fn now(&self) -> NaiveDateTime {
        self.0
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
}

impl Environment {
    /// The real environment: platform folders, system clock, native dialogs.
    #[must_use]
    pub fn system() -> Self {
        Self {
            dirs: AppDirs::from_env(),
            clock: Box::new(SystemClock),
            dialogs: Box::new(NativeDialogs),
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

/// Which screen the window shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// A session is open.
    Session,
    /// No session is open: recent sessions, open a file, the sample.
    Start,
}

/// Everything the UI reads, plus the text buffers it edits.
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
    /// The start screen's "open this path" field.
    pub open_path_buffer: String,
}

/// The application: state, settings and the world it talks to.
pub struct LeerkringApp {
    /// What the UI shows.
    pub state: AppState,
    settings: Settings,
    env: Environment,
    pending_pick: Option<Receiver<Option<PathBuf>>>,
    shutdown: Arc<AtomicBool>,
    fonts_installed: bool,
    shown_title: String,
}

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
                open_path_buffer: String::new(),
            },
            settings,
            env,
            pending_pick: None,
            shutdown: Arc::new(AtomicBool::new(false)),
            fonts_installed: false,
            shown_title: String::new(),
        };
        match start {
            StartWith::File(path) => app.open_file(&path),
            StartWith::Sample => app.open_sample(),
            StartWith::Default => match app.settings.most_recent_existing() {
                Some(path) => {
                    let path = path.to_path_buf();
                    app.open_file(&path);
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

    /// The window title: "Leerkring — <session title>".
    #[must_use]
    pub fn window_title(&self) -> String {
        let app_name = tr(self.state.ui_lang, T::AppName);
        match self.state.screen {
            Screen::Start => app_name.to_owned(),
            Screen::Session => {
                let title = self.state.session.header.title.trim();
                let title = if title.is_empty() {
                    tr(self.state.ui_lang, T::Untitled)
                } else {
                    title
                };
                format!("{app_name} — {title}")
            }
        }
    }

    /// Draws the whole window and carries out what the user asked for.
    /// `eframe::App::ui` calls this; tests call it through kittest.
    pub fn ui_content(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if !self.fonts_installed {
            crate::ui::theme::install(&ctx);
            self.fonts_installed = true;
        }

        let mut commands = Vec::new();
        if self.shutdown.load(Ordering::SeqCst) {
            commands.push(Command::Quit);
        }
        for command in Command::WITH_SHORTCUTS {
            if let Some(shortcut) = command.shortcut()
                && ctx.input_mut(|i| i.consume_shortcut(&shortcut))
            {
                commands.push(command);
            }
        }
        self.poll_dialog();

        crate::ui::app_ui(ui, &mut self.state, &mut commands);

        for command in commands {
            self.run(command, &ctx);
        }

        if ctx.input(|i| i.viewport().close_requested()) {
            self.save_if_dirty();
        }
        let title = self.window_title();
        if title != self.shown_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.shown_title = title;
        }
    }

    /// Carries out one command.
    pub fn run(&mut self, command: Command, ctx: &egui::Context) {
        match command {
            Command::Open => {
                self.pending_pick = Some(self.env.dialogs.pick_session());
            }
            Command::OpenSample => self.open_sample(),
            Command::OpenRecent(path) => self.open_file(&path),
            Command::Save => self.save_now(),
            Command::Quit => {
                self.save_if_dirty();
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            Command::SetUiLanguage(lang) => {
                self.state.ui_lang = lang;
                self.settings.ui_language = Some(lang);
                self.store_settings();
            }
            Command::DismissNotice(index) => {
                if index < self.state.notices.len() {
                    self.state.notices.remove(index);
                }
            }
        }
    }

    /// Saves when there are unsaved changes; the last step before quitting.
    pub fn save_if_dirty(&mut self) {
        if self.state.dirty {
            self.save_now();
        }
    }

    /// Writes the session to its file (or, untitled, to the recovery folder).
    pub fn save_now(&mut self) {
        if self.state.screen != Screen::Session {
            return;
        }
        let result = match (&self.state.file, &self.env.dirs) {
            (Some(file), _) => store::save_session(file, &self.state.session),
            (None, Some(dirs)) => {
                store::save_recovery_copy(dirs, &self.state.untitled_name, &self.state.session)
                    .map(|_| ())
            }
            (None, None) => Ok(()),
        };
        match result {
            Ok(()) => {
                self.state.dirty = false;
                self.state.saved_at = Some(self.env.clock.now());
            }
            Err(error) => {
                let lang = self.state.ui_lang;
                self.notify(
                    NoticeLevel::Error,
                    tr(lang, T::SaveFailed),
                    error.message(lang),
                );
            }
        }
    }

    fn open_sample(&mut self) {
        self.state.session = sample_session();
        self.state.file = None;
        self.state.untitled_name = format!(
            "untitled-{}.json",
            self.env.clock.now().format("%Y%m%d-%H%M%S")
        );
        self.state.dirty = false;
        self.state.saved_at = None;
        self.state.screen = Screen::Session;
    }

    fn open_file(&mut self, path: &Path) {
        match store::load_session(path) {
            Ok(session) => {
                self.save_if_dirty();
                self.state.session = session;
                self.state.file = Some(path.to_path_buf());
                self.state.dirty = false;
                self.state.saved_at = None;
                self.state.screen = Screen::Session;
                self.settings.remember(path);
                self.state.recent = self.settings.recent.clone();
                self.store_settings();
            }
            Err(error) => {
                let lang = self.state.ui_lang;
                let detail = format!("{}\n{}", error.message(lang), tr(lang, T::FileUntouched));
                self.notify(NoticeLevel::Error, tr(lang, T::CouldNotOpen), detail);
            }
        }
    }

    fn poll_dialog(&mut self) {
        let Some(receiver) = &self.pending_pick else {
            return;
        };
        match receiver.try_recv() {
            Ok(Some(path)) => {
                self.pending_pick = None;
                self.open_file(&path);
            }
            Ok(None) => self.pending_pick = None,
            Err(TryRecvError::Empty) => {}
            Err(TryRecvError::Disconnected) => {
                self.pending_pick = None;
                let lang = self.state.ui_lang;
                self.notify(NoticeLevel::Info, tr(lang, T::NoFileDialog), String::new());
            }
        }
    }

    fn store_settings(&mut self) {
        let Some(dirs) = &self.env.dirs else {
            return;
        };
        // Settings are a convenience: a failure to write them is not worth a
        // banner while the facilitator works; the session itself is saved separately.
        let _ = store::save_settings(dirs, &self.settings);
    }

    fn notify(&mut self, level: NoticeLevel, title: &str, detail: String) {
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

impl eframe::App for LeerkringApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.ui_content(ui);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.save_if_dirty();
    }
}
