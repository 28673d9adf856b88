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

pub use crate::app::projector::{
    BeamerTheme, Blank, PhotoPicture, PhotoView, ProjectorMode, ProjectorReport, ProjectorView,
    TimerView,
};
