//! What the views own: the text being typed in the console's fields, the
//! cursor's place, which windows are open and their own selections. Nothing
//! here is in the session (or on the projector) until a view asks for an
//! edit; the app changes it only to follow what was applied (a new card
//! selected, the cursor moved on).

use crate::model::{BlockKind, KeywordId, SubmissionId, Visibility};

use super::commands::View;
use super::export::ExportState;

/// A text field the console can put the cursor in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The keyword field of the selected municipality.
    Keyword,
    /// The selected experiment's title.
    Title,
    /// The synthesis bullet field.
    Bullet,
    /// The current item's notes.
    Notes,
    /// The find field.
    Find,
}

/// What the console's fields hold while the facilitator types.
#[derive(Debug, Clone, Default)]
pub struct Capture {
    /// The selected card (index into [`crate::model::Session::cards`]).
    pub card: usize,
    /// The keyword being typed.
    pub keyword: String,
    /// The keyword being edited, when the field holds an existing one.
    pub editing_keyword: Option<KeywordId>,
    /// The keyword selected with Alt+↑/↓.
    pub selected_keyword: Option<KeywordId>,
    /// The experiment title being edited.
    pub title: String,
    /// Whether the title field is open for editing.
    pub editing_title: bool,
    /// The bullet being typed.
    pub bullet: String,
    /// The depth of the next bullet (Tab / Shift+Tab).
    pub bullet_depth: usize,
    /// The block bullets go into when the current item names none.
    pub chosen_block: Option<BlockKind>,
    /// The note being typed.
    pub note: String,
    /// The visibility of the next note.
    pub note_visibility: Visibility,
    /// The find text.
    pub find: String,
    /// Whether the find bar is open.
    pub find_open: bool,
    /// The field to put the cursor in at the next frame.
    pub focus_request: Option<Field>,
    /// The field that has the cursor (set by the UI each frame).
    pub focused: Option<Field>,
    /// Whether the focused field holds text (then Ctrl+Z edits that text).
    pub focused_has_text: bool,
    /// Minutes to take from a later item (agenda panel).
    pub take_minutes: u32,
}

/// What the shared themes view remembers between frames (not saved).
#[derive(Debug, Clone, Default)]
pub struct ThemesView {
    /// Whether the view is shown.
    pub open: bool,
    /// The selected theme, by key (`None`: the first).
    pub selected: Option<String>,
    /// The theme chosen to be merged into another one.
    pub merge_from: Option<String>,
    /// The theme whose label is being edited.
    pub renaming: Option<String>,
    /// The label being typed.
    pub label: String,
}

/// What the room's inbox panel remembers between frames (not saved).
#[derive(Debug, Clone, Default)]
pub struct InboxView {
    /// Whether the panel is shown while the room is closed.
    pub shown: bool,
    /// Whether the keys (↑/↓, Enter, F2, Delete, Esc) go to the inbox.
    pub active: bool,
    /// The selected submission (`None`: the first waiting one).
    pub selected: Option<SubmissionId>,
    /// The submission whose text is being edited before it is accepted.
    pub editing: Option<SubmissionId>,
    /// The edited text.
    pub text: String,
    /// Put the cursor in the edit field at the next frame.
    pub focus_edit: bool,
}

/// Everything the views own and change themselves.
#[derive(Debug, Default)]
pub struct ViewState {
    /// Console or setup.
    pub view: View,
    /// The console's fields.
    pub capture: Capture,
    /// The start screen's "open this path" field.
    pub open_path: String,
    /// Whether the keyboard cheat sheet is shown.
    pub cheat_sheet_open: bool,
    /// Whether the version history window is shown.
    pub history_open: bool,
    /// The export dialog.
    pub export: ExportState,
    /// The shared themes view.
    pub themes: ThemesView,
    /// The room's inbox panel.
    pub inbox: InboxView,
    /// How the next vote is set up.
    pub vote: super::vote::VoteSetup,
}
