//! The projector: what 24 people read from the back of a room. Its content
//! is a free function over a [`ProjectorView`] (built by the app from the
//! committed session — never from text still being typed), so tests call it
//! directly and the console's thumbnail draws the same picture.

mod draw;
pub mod layout;
pub mod shared;
pub mod theme;

pub use draw::{format_clock, projector_ui};
pub use layout::{
    BoardStyle, CardText, FitCache, KeywordText, PlacedCard, WhiteboardLayout, card_texts,
    card_texts_with, place_page, whiteboard_layout, whiteboard_layout_cached,
};
pub use shared::{SharedWords, keyword_spans, shared_words, shared_words_after};

use crate::model::{BlockKind, ItemId, Language, OrgId, Session};

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
}

impl ProjectorMode {
    /// Every mode, in menu order.
    pub const ALL: [ProjectorMode; 7] = [
        ProjectorMode::Whiteboard,
        ProjectorMode::Focus,
        ProjectorMode::Agenda,
        ProjectorMode::Synthesis,
        ProjectorMode::Timer,
        ProjectorMode::Photo,
        ProjectorMode::Themes,
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
