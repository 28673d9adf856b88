//! The projector's state in the app (open, mode, black/white, freeze,
//! theme) and the view it is drawn from. The view holds only committed
//! content: text being typed in the console lives in the console's buffers,
//! never in the session, so it cannot reach the beamer.

use std::sync::Arc;

use crate::model::{
    AgendaKind, Attachment, AttachmentId, BlockKind, ItemId, Language, OrgId, Session,
};

use super::AppState;

/// What the projector shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ProjectorMode {
    /// One card per municipality with its keywords, all at once.
    #[default]
    Whiteboard,
    /// The current speaker's card, large, with their countdown.
    Focus,
    /// The agenda with the current item marked.
    Agenda,
    /// The current synthesis block as big nested bullets.
    Synthesis,
    /// A big countdown (breaks).
    Timer,
    /// An attached photo (a flip chart), scaled to fit, with its caption.
    Photo,
    /// The themes the municipalities share, as a heat map.
    Themes,
    /// How to join the room: a large QR code and the address.
    Join,
    /// The room's vote: the dots so far (or the last result) as a heat list.
    Vote,
}

impl ProjectorMode {
    /// Every mode, in menu order.
    pub const ALL: [ProjectorMode; 9] = [
        ProjectorMode::Whiteboard,
        ProjectorMode::Focus,
        ProjectorMode::Agenda,
        ProjectorMode::Synthesis,
        ProjectorMode::Timer,
        ProjectorMode::Photo,
        ProjectorMode::Themes,
        ProjectorMode::Join,
        ProjectorMode::Vote,
    ];
}

/// Colours for a dim beamer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BeamerTheme {
    /// Dark text on white (the default: beamers wash out dark themes).
    #[default]
    Light,
    /// Light text on a dark background.
    Dark,
    /// Black on white with contrast of at least 7:1 everywhere.
    HighContrast,
}

/// Black or white instead of content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Blank {
    /// Content is shown.
    #[default]
    Off,
    /// An all-black screen.
    Black,
    /// An all-white screen.
    White,
}

/// A clock shown on the projector.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimerView {
    /// Seconds shown: remaining (countdown) or elapsed.
    pub seconds: i64,
    /// The planned length in seconds (for the header strip), if any.
    pub planned_seconds: Option<i64>,
    /// Whether `seconds` counts down.
    pub countdown: bool,
}

/// The state of a photo's picture on screen (decoded on a background thread).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PhotoPicture {
    /// Still being decoded.
    Loading,
    /// Ready: the texture and its size in pixels (upright).
    Ready {
        /// The uploaded texture.
        texture: egui::TextureId,
        /// Its width and height in pixels.
        size: egui::Vec2,
    },
    /// The file is not beside the session.
    Missing,
    /// The file is there but cannot be decoded.
    Unusable,
}

/// A photo to show in photo mode.
#[derive(Debug, Clone, PartialEq)]
pub struct PhotoView {
    /// The picture (or why there is none yet).
    pub picture: PhotoPicture,
    /// The caption under it; may be empty.
    pub caption: String,
    /// The file's path relative to the session, for messages.
    pub file: String,
}

/// Everything the projector may show, for one frame.
#[derive(Debug, Clone)]
pub struct ProjectorView<'a> {
    /// The committed session (or the frozen copy while frozen).
    pub session: &'a Session,
    /// The mode to draw (already resolved from the agenda item or override).
    pub mode: ProjectorMode,
    /// The current agenda item.
    pub current_item: Option<&'a ItemId>,
    /// The current item's clock (header strip and timer mode).
    pub item_timer: Option<TimerView>,
    /// The speaker in a round, with their countdown (focus mode).
    pub speaker: Option<(&'a OrgId, TimerView)>,
    /// The synthesis block shown in synthesis mode.
    pub block: BlockKind,
    /// Whether the slim header strip (item and timer) is shown.
    pub show_header: bool,
    /// Whether card titles carry the seed's ⊗ mark.
    pub title_marker: bool,
    /// Colours.
    pub theme: BeamerTheme,
    /// Black or white screen.
    pub blank: Blank,
    /// The language of the projector's own words (the session's language).
    pub lang: Language,
    /// Which page of cards to show when not all fit at the readable minimum.
    pub page: usize,
    /// The photo of photo mode (`None`: the item has no photo).
    pub photo: Option<PhotoView>,
    /// The room's join address and QR code, while the room is open (the
    /// join mode shows it large, the whiteboard small in a corner).
    pub join: Option<&'a super::room::JoinCode>,
    /// The room's vote: running, or the last one closed.
    pub vote: Option<&'a super::vote::VoteView>,
}

/// What drawing the projector found out, for the console.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ProjectorReport {
    /// The body text size used, in points.
    pub body_size: f32,
    /// Whether everything fit at or above the readable minimum. When
    /// `false`, the projector showed what fits (never cut-off text) and the
    /// console warns and offers focus or paging.
    pub fits: bool,
    /// How many pages the whiteboard needs at the readable minimum (1 when all fit).
    pub pages: usize,
}

/// What the projector shows, apart from the session and the display
/// settings: mode, agenda item, clocks and synthesis block.
#[derive(Debug, Clone, PartialEq)]
pub struct Scene {
    /// The mode to draw.
    pub mode: ProjectorMode,
    /// The agenda item.
    pub current_item: Option<ItemId>,
    /// The item's clock.
    pub item_timer: Option<TimerView>,
    /// The speaker and their clock.
    pub speaker: Option<(OrgId, TimerView)>,
    /// The synthesis block.
    pub block: BlockKind,
    /// The photo of photo mode.
    pub photo: Option<PhotoView>,
    /// The room's join address and QR code, while the room is open.
    pub join: Option<Arc<super::room::JoinCode>>,
    /// The room's vote: running, or the last one closed.
    pub vote: Option<Arc<super::vote::VoteView>>,
}

/// What the projector shows while frozen: a copy taken at the moment of freezing.
#[derive(Debug, Clone)]
pub struct Frozen {
    /// The session as it was.
    pub session: Arc<Session>,
    /// Mode, item, clocks and block as they were.
    pub scene: Scene,
}

/// The facilitator's display settings, which apply also while frozen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Display {
    /// Whether the header strip shows.
    pub show_header: bool,
    /// Whether card titles carry the ⊗ mark.
    pub title_marker: bool,
    /// Colours.
    pub theme: BeamerTheme,
    /// Black or white screen.
    pub blank: Blank,
    /// The whiteboard page.
    pub page: usize,
}

/// One picture for the projector window, owned, so the window can draw it
/// in its own frames: it repaints only when the picture changes (or its
/// own window is resized), never because the console repainted.
#[derive(Debug, Clone)]
pub struct Picture {
    /// The committed session (or the frozen copy); shared, not copied per frame.
    pub session: Arc<Session>,
    /// Mode, item, clocks and block.
    pub scene: Scene,
    /// Display settings.
    pub display: Display,
}

impl PartialEq for Picture {
    /// Same session (the same shared copy) and the same scene and settings.
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.session, &other.session)
            && self.scene == other.scene
            && self.display == other.display
    }
}

impl Picture {
    /// The view to draw.
    #[must_use]
    pub fn view(&self) -> ProjectorView<'_> {
        view_of(&self.session, &self.scene, self.display)
    }
}

/// The projector's view of `session` in `scene` with `display` settings.
fn view_of<'a>(session: &'a Session, scene: &'a Scene, display: Display) -> ProjectorView<'a> {
    ProjectorView {
        session,
        mode: scene.mode,
        current_item: scene.current_item.as_ref(),
        item_timer: scene.item_timer.clone(),
        speaker: scene.speaker.as_ref().map(|(o, t)| (o, t.clone())),
        block: scene.block,
        show_header: display.show_header,
        title_marker: display.title_marker,
        theme: display.theme,
        blank: display.blank,
        lang: session.header.language,
        page: display.page,
        photo: scene.photo.clone(),
        join: scene.join.as_deref(),
        vote: scene.vote.as_deref(),
    }
}

/// The projector window's state.
#[derive(Debug, Clone)]
pub struct ProjectorState {
    /// Whether the projector window is open.
    pub open: bool,
    /// A mode chosen by the facilitator; `None` follows the agenda item.
    pub mode_override: Option<ProjectorMode>,
    /// Black or white screen.
    pub blank: Blank,
    /// The frozen picture, while frozen.
    pub frozen: Option<Box<Frozen>>,
    /// Colours.
    pub theme: BeamerTheme,
    /// Whether the header strip (item and timer) shows.
    pub show_header: bool,
    /// Whether card titles carry the ⊗ mark.
    pub title_marker: bool,
    /// Whether the window is fullscreen.
    pub fullscreen: bool,
    /// The monitor to go fullscreen on (winit's monitor order).
    pub monitor: usize,
    /// The whiteboard page shown when not all cards fit.
    pub page: usize,
    /// What the last drawing found (fits, pages), for the console's warning.
    pub report: Option<ProjectorReport>,
    /// Whether the projector window seems to be on the console's screen.
    pub same_screen: bool,
    /// The fullscreen state last sent to the window (fullscreen, monitor).
    pub applied_fullscreen: Option<(bool, usize)>,
    /// The window's size when it was last windowed, in points.
    pub size: Option<[f32; 2]>,
    /// The photo chosen for photo mode; `None`: the current item's first.
    pub photo: Option<AttachmentId>,
}

/// The projector window's title, the same in every language.
pub const PROJECTOR_TITLE: &str = "Leerkring — Projector";

/// Whether two windows seem to be on one screen: the screen is found from
/// the console's monitor size (equal monitors side by side or stacked).
/// A mirrored display (the system copies the console onto the beamer)
/// cannot be seen from inside the app.
#[must_use]
pub fn same_screen(
    console: Option<egui::Rect>,
    monitor: Option<egui::Vec2>,
    projector: Option<egui::Rect>,
) -> bool {
    let (Some(console), Some(monitor), Some(projector)) = (console, monitor, projector) else {
        return false;
    };
    if monitor.x <= 0.0 || monitor.y <= 0.0 {
        return false;
    }
    let cell = |p: egui::Pos2| {
        (
            (p.x / monitor.x).floor() as i64,
            (p.y / monitor.y).floor() as i64,
        )
    };
    cell(console.center()) == cell(projector.center())
}

impl ProjectorState {
    /// The display settings in force.
    #[must_use]
    pub fn display(&self) -> Display {
        Display {
            show_header: self.show_header,
            title_marker: self.title_marker,
            theme: self.theme,
            blank: self.blank,
            page: self.page,
        }
    }
}

impl Default for ProjectorState {
    fn default() -> Self {
        Self {
            open: false,
            mode_override: None,
            blank: Blank::Off,
            frozen: None,
            theme: BeamerTheme::Light,
            show_header: true,
            title_marker: true,
            fullscreen: false,
            monitor: 1,
            page: 0,
            report: None,
            same_screen: false,
            applied_fullscreen: None,
            size: None,
            photo: None,
        }
    }
}

impl AppState {
    /// The mode that follows the current agenda item's kind.
    #[must_use]
    pub fn auto_projector_mode(&self) -> ProjectorMode {
        let Some(item) = self
            .runner
            .current_or_first(&self.session)
            .and_then(|id| self.session.agenda_item(id))
        else {
            return ProjectorMode::Whiteboard;
        };
        // The look-back shows last time's open questions to the room.
        if item.block.is_some() || self.session.is_review_item(&item.id) {
            return ProjectorMode::Synthesis;
        }
        match item.kind {
            AgendaKind::Synthesis => ProjectorMode::Synthesis,
            AgendaKind::Break => ProjectorMode::Timer,
            AgendaKind::Opening | AgendaKind::Closing => ProjectorMode::Agenda,
            AgendaKind::Round | AgendaKind::Presentation | AgendaKind::Discussion => {
                ProjectorMode::Whiteboard
            }
        }
    }

    /// The mode in force: the facilitator's choice, or the automatic one.
    #[must_use]
    pub fn projector_mode(&self) -> ProjectorMode {
        self.projector
            .mode_override
            .unwrap_or_else(|| self.auto_projector_mode())
    }

    /// The current item's clock: time left of the planned minutes.
    fn item_timer(&self) -> Option<TimerView> {
        let id = self.runner.current_or_first(&self.session)?;
        let item = self.session.agenda_item(id)?;
        let planned = i64::from(item.planned_minutes) * 60;
        Some(TimerView {
            seconds: planned - self.runner.elapsed(id, self.now),
            planned_seconds: Some(planned),
            countdown: true,
        })
    }

    /// The speaker in a round with their time left.
    fn speaker_timer(&self) -> Option<(OrgId, TimerView)> {
        let org = self.runner.speaker.clone()?;
        let left = self.runner.speaker_remaining(&self.session, self.now)?;
        let minutes = self
            .runner
            .current
            .as_ref()
            .and_then(|id| self.session.agenda_item(id))
            .and_then(|i| i.round.as_ref())
            .map_or(0, |r| i64::from(r.speaker_minutes));
        Some((
            org,
            TimerView {
                seconds: left,
                planned_seconds: Some(minutes * 60),
                countdown: true,
            },
        ))
    }

    /// The photo for photo mode: the one chosen (while it is attached),
    /// otherwise the current agenda item's first photo.
    #[must_use]
    pub fn projector_photo(&self) -> Option<&Attachment> {
        let attachments = &self.session.attachments;
        if let Some(chosen) = &self.projector.photo
            && let Some(found) = attachments.iter().find(|a| &a.id == chosen)
        {
            return Some(found);
        }
        let item = self.runner.current_or_first(&self.session);
        attachments
            .iter()
            .find(|a| item.is_some() && a.agenda_item.as_ref() == item)
    }

    /// Mode, agenda item, clocks and block as they are now.
    #[must_use]
    pub fn live_scene(&self) -> Scene {
        Scene {
            mode: self.projector_mode(),
            current_item: self.runner.current_or_first(&self.session).cloned(),
            item_timer: self.item_timer(),
            speaker: self.speaker_timer(),
            block: self.active_block(),
            photo: self.photos.projector.clone(),
            join: self.room.as_ref().map(|r| Arc::clone(&r.join)),
            vote: super::vote::vote_view(&self.session, self.vote.as_ref()),
        }
    }

    /// A copy of what the projector shows now, for freezing.
    #[must_use]
    pub fn freeze_now(&self) -> Frozen {
        Frozen {
            session: Arc::new(self.session.clone()),
            scene: self.live_scene(),
        }
    }

    /// Calls `draw` with the projector's view: the frozen copy while frozen,
    /// otherwise the committed session as it is now.
    pub fn with_projector_view<R>(&self, draw: impl FnOnce(&ProjectorView<'_>) -> R) -> R {
        let display = self.projector.display();
        if let Some(frozen) = &self.projector.frozen {
            return draw(&view_of(&frozen.session, &frozen.scene, display));
        }
        let scene = self.live_scene();
        draw(&view_of(&self.session, &scene, display))
    }

    /// The projector window's picture; `live` is a shared copy of the
    /// session as it is now (used unless frozen).
    #[must_use]
    pub fn projector_picture(&self, live: &Arc<Session>) -> Picture {
        let display = self.projector.display();
        match &self.projector.frozen {
            Some(frozen) => Picture {
                session: Arc::clone(&frozen.session),
                scene: frozen.scene.clone(),
                display,
            },
            None => Picture {
                session: Arc::clone(live),
                scene: self.live_scene(),
                display,
            },
        }
    }
}

/// What passes between the console's frames and the projector window's own
/// frames (a deferred viewport, drawn only when its picture changed).
#[derive(Debug, Default)]
pub struct WindowLink {
    /// The picture to draw; set by the console when it changes.
    pub picture: Option<Picture>,
    /// What the projector window found, for the console's next frame.
    pub out: WindowOut,
}

/// What the projector window reports back to the console.
#[derive(Debug, Default)]
pub struct WindowOut {
    /// What the last drawing found (fits, pages).
    pub report: Option<ProjectorReport>,
    /// Commands from keys pressed in the projector window.
    pub commands: Vec<super::Command>,
    /// Whether the window was asked to close.
    pub closed: bool,
    /// The window's outer and inner rectangles.
    pub placement: Option<(Option<egui::Rect>, Option<egui::Rect>)>,
}

/// Locks the link; a panic in another frame leaves it usable.
pub fn lock(link: &std::sync::Mutex<WindowLink>) -> std::sync::MutexGuard<'_, WindowLink> {
    link.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The projector window's viewport: what the shell needs to show it.
pub struct WindowSpec {
    /// The viewport's id.
    pub id: egui::ViewportId,
    /// Its title, size and monitor.
    pub builder: egui::ViewportBuilder,
    /// The picture it draws and where it reports back.
    pub link: Arc<std::sync::Mutex<WindowLink>>,
}

/// The projector window's viewport id.
#[must_use]
pub fn viewport_id() -> egui::ViewportId {
    egui::ViewportId::from_hash_of("leerkring-projector")
}

/// How the projector window draws a picture: the view's content
/// function of the projector view, handed in by the shell.
pub type DrawProjector = fn(&mut egui::Ui, egui::Rect, &ProjectorView<'_>, bool) -> ProjectorReport;

/// One frame of the projector window (a deferred viewport, drawn in its
/// own frames): draws the current picture with `draw`, takes the
/// projector's keys, and reports back to the console — waking it only
/// when there is news. `trace` prints the frame (`LEERKRING_TRACE_FRAMES`).
pub fn window_frame(
    ui: &mut egui::Ui,
    link: &std::sync::Mutex<WindowLink>,
    draw: DrawProjector,
    trace: Option<std::time::Instant>,
) {
    let ctx = ui.ctx().clone();
    if let Some(started) = trace {
        eprintln!(
            "leerkring: projector frame at {} ms; requested by {:?}",
            started.elapsed().as_millis(),
            ctx.repaint_causes()
        );
    }
    let picture = lock(link).picture.clone();
    let rect = ui.max_rect();
    let report = picture.map(|picture| draw(ui, rect, &picture.view(), true));
    let commands = window_keys(&ctx);
    let (closed, placement) = ctx.input(|i| {
        (
            i.viewport().close_requested(),
            (i.viewport().outer_rect, i.viewport().inner_rect),
        )
    });
    let mut link = lock(link);
    let out = &mut link.out;
    let news =
        !commands.is_empty() || closed || out.report != report || out.placement != Some(placement);
    out.report = report;
    out.commands.extend(commands);
    out.closed |= closed;
    out.placement = Some(placement);
    if news {
        ctx.request_repaint_of(egui::ViewportId::ROOT);
    }
}

/// The commands pressed while the projector window has the keyboard (the
/// facilitator clicked it): those that work there (black, white, freeze,
/// fullscreen, modes, the agenda clock); Esc brings it back as a window.
fn window_keys(ctx: &egui::Context) -> Vec<super::Command> {
    let mut list = super::shortcut_table(|c| c.spec().scope == super::Scope::SessionAndProjector);
    list.push((
        egui::KeyboardShortcut::new(egui::Modifiers::NONE, egui::Key::Escape),
        super::Command::ProjectorHome,
    ));
    list.into_iter()
        .filter(|(shortcut, _)| ctx.input_mut(|i| i.consume_shortcut(shortcut)))
        .map(|(_, command)| command)
        .collect()
}
