//! The projector's state in the app (open, mode, black/white, freeze,
//! theme) and the view it is drawn from. The view holds only committed
//! content: text being typed in the console lives in the console's buffers,
//! never in the session, so it cannot reach the beamer.

use crate::model::{AgendaKind, BlockKind, ItemId, OrgId, Session};
use crate::ui::projector::{
    BeamerTheme, Blank, ProjectorMode, ProjectorReport, ProjectorView, TimerView,
};

use super::AppState;

/// What the projector shows while frozen: a copy taken at the moment of freezing.
#[derive(Debug, Clone)]
pub struct Frozen {
    /// The session as it was.
    pub session: Session,
    /// The mode then.
    pub mode: ProjectorMode,
    /// The agenda item then.
    pub current_item: Option<ItemId>,
    /// The item's clock then.
    pub item_timer: Option<TimerView>,
    /// The speaker and their clock then.
    pub speaker: Option<(OrgId, TimerView)>,
    /// The synthesis block then.
    pub block: BlockKind,
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

    /// A copy of what the projector shows now, for freezing.
    #[must_use]
    pub fn freeze_now(&self) -> Frozen {
        Frozen {
            session: self.session.clone(),
            mode: self.projector_mode(),
            current_item: self.runner.current_or_first(&self.session).cloned(),
            item_timer: self.item_timer(),
            speaker: self.speaker_timer(),
            block: self.active_block(),
        }
    }

    /// Calls `draw` with the projector's view: the frozen copy while frozen,
    /// otherwise the committed session as it is now.
    pub fn with_projector_view<R>(&self, draw: impl FnOnce(&ProjectorView<'_>) -> R) -> R {
        let p = &self.projector;
        let lang = self.session.header.language;
        if let Some(frozen) = &p.frozen {
            let view = ProjectorView {
                session: &frozen.session,
                mode: frozen.mode,
                current_item: frozen.current_item.as_ref(),
                item_timer: frozen.item_timer.clone(),
                speaker: frozen.speaker.as_ref().map(|(o, t)| (o, t.clone())),
                block: frozen.block,
                show_header: p.show_header,
                title_marker: p.title_marker,
                theme: p.theme,
                blank: p.blank,
                lang: frozen.session.header.language,
                page: p.page,
            };
            return draw(&view);
        }
        let speaker = self.speaker_timer();
        let view = ProjectorView {
            session: &self.session,
            mode: self.projector_mode(),
            current_item: self.runner.current_or_first(&self.session),
            item_timer: self.item_timer(),
            speaker: speaker.as_ref().map(|(o, t)| (o, t.clone())),
            block: self.active_block(),
            show_header: p.show_header,
            title_marker: p.title_marker,
            theme: p.theme,
            blank: p.blank,
            lang,
            page: p.page,
        };
        draw(&view)
    }
}
