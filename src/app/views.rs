//! What the views own: the text being typed in the console's fields, the
//! cursor's place, which windows are open and their own selections. Nothing
//! here is in the session (or on the projector) until a view asks for an
//! edit; the app changes it only to follow what was applied (a new card
//! selected, the cursor moved on).

use crate::model::{
    ActionId, BlockKind, ItemId, KeywordId, MeetingId, OrgId, ParticipantId, SubmissionId,
    Visibility,
};

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

/// A window (or bar) shown over the console; Esc closes the topmost one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Window {
    /// The keyboard cheat sheet (F1).
    CheatSheet,
    /// The find bar (Ctrl+F).
    Find,
    /// The earlier versions.
    History,
    /// The export dialog.
    Export,
    /// The series of meetings.
    Series,
    /// The shared themes.
    Themes,
    /// "Type a path" when no file dialog can open.
    PathPrompt,
}

/// A widget the views put the cursor in at their next frame: the first
/// field of a view that just opened, or the name of a row just added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FocusTarget {
    /// The setup's first field (the meeting's title).
    SetupTitle,
    /// An organisation's name in the setup.
    Organisation(OrgId),
    /// A participant's name in the setup.
    Participant(ParticipantId),
    /// An agenda item's title (the setup's agenda, the console's item editor).
    Item(ItemId),
    /// An action's text.
    Action(ActionId),
    /// A planned meeting's date.
    Meeting(MeetingId),
    /// The export dialog's first choice.
    Export,
    /// The path field of the "type a path" window.
    PathPrompt,
}

/// What a typed path is for (when no file dialog can open).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathPurpose {
    /// Open a session file.
    Open,
    /// Save the session under a new name.
    SaveAs,
    /// The folder the report goes to.
    ExportFolder,
    /// Photos to attach to the current agenda item.
    Photos,
}

/// The "type a path" window, shown when no file dialog can open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathPrompt {
    /// What the path is for.
    pub purpose: PathPurpose,
    /// The path being typed.
    pub text: String,
}

/// Where the keyboard focus was, kept between frames so Esc never drops
/// it and a closed window gives it back.
#[derive(Debug, Clone, Default)]
pub struct FocusMemory {
    /// The widget that had the focus at the end of the last frame.
    pub last: Option<egui::Id>,
    /// Whether that widget was in a menu or a drop-down list.
    pub last_in_popup: bool,
    /// The last widget outside menus and lists that had the focus: where it
    /// goes back to when a menu or list closes.
    pub anchor: Option<egui::Id>,
    /// Whether a menu or list was open at the end of the last frame (Esc
    /// then closes it, not a window).
    pub popup_open: bool,
    /// The open windows, oldest first, each with the widget that had the
    /// focus before it opened.
    pub windows: Vec<(Window, Option<egui::Id>)>,
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
    /// The template chooser of a new meeting, while it is open.
    pub new_session: Option<NewSessionView>,
    /// The paste dialog of the setup.
    pub paste: PasteView,
    /// The name typed for "save as template", while that dialog is open.
    pub template_name: Option<String>,
    /// Whether the template's name field still has to take the keyboard focus.
    pub template_name_focus: bool,
    /// The agenda item the item editor shows; `None`: the current one.
    /// Choosing an item to edit never moves the agenda clock.
    pub editing_item: Option<ItemId>,
    /// The widget to put the cursor in at the next frame.
    pub focus_target: Option<FocusTarget>,
    /// Whether [`Self::focus_target`] was set after this frame's views
    /// drew (then they get one more frame to take it).
    pub focus_target_fresh: bool,
    /// Where the keyboard focus was, and the open windows.
    pub focus: FocusMemory,
    /// The "type a path" window, while no file dialog can open.
    pub path_prompt: Option<PathPrompt>,
    /// Whether the start screen already put the cursor in its path field.
    pub start_focused: bool,
    /// The room's inbox panel.
    pub inbox: InboxView,
    /// How the next vote is set up.
    pub vote: super::vote::VoteSetup,
}

impl ViewState {
    /// Asks the views to put the cursor in `target` at their next frame.
    pub fn focus_on(&mut self, target: FocusTarget) {
        self.focus_target = Some(target);
        self.focus_target_fresh = true;
    }

    /// Takes the focus target when it is `target` (the view drawing that
    /// widget then requests the focus for it).
    pub fn take_focus_target(&mut self, target: &FocusTarget) -> bool {
        if self.focus_target.as_ref() == Some(target) {
            self.focus_target = None;
            true
        } else {
            false
        }
    }
}

/// The template chooser (Ctrl+N, "Nieuwe bijeenkomst").
#[derive(Debug, Clone, Default)]
pub struct NewSessionView {
    /// The chosen template (index into the app's list of templates).
    pub selected: usize,
    /// Whether the chooser still has to take the keyboard focus.
    pub focus_pending: bool,
}

/// What is pasted in the setup's paste dialog.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum PasteKind {
    /// Municipalities, one per line.
    #[default]
    Municipalities,
    /// Participants from a mail, Word or Excel.
    Participants,
    /// Agenda lines `Titel | minuten | soort`.
    Agenda,
}

/// The setup's paste dialog.
#[derive(Debug, Clone, Default)]
pub struct PasteView {
    /// Whether the dialog is shown.
    pub open: bool,
    /// What is pasted.
    pub kind: PasteKind,
    /// The pasted text.
    pub text: String,
    /// For agenda lines: replace the agenda instead of adding to it.
    pub replace_agenda: bool,
    /// Whether the text field still has to take the keyboard focus.
    pub focus_pending: bool,
    /// What the last paste added, in words ("Toegevoegd: 5 nieuwe gemeenten").
    pub added: String,
}
