//! What the user can ask for. A [`Command`] is a user-facing verb: its
//! label, tooltip, shortcuts, cheat-sheet group, where it works and whether
//! it is enabled are written once, in [`Command::spec`] and
//! [`Command::enabled`], and the cheat sheet, the menus and the key handling
//! all read them. A [`Request`] is an app operation that carries a value
//! (a file, an agenda item); changes to the session are
//! [`crate::model::Edit`]s. The views push all three as [`Intent`]s.

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::i18n::{Language, T, tr};
use crate::model::{AttachmentId, BlockKind, Edit, ItemId, OrgId};

use super::projector::{BeamerTheme, Blank, ProjectorMode};
use super::views::{Field, ViewState};
use super::{AppState, Screen};

/// Which screen of a session the window shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    /// Running the meeting.
    #[default]
    Console,
    /// Preparing it: header, organisations, participants, agenda.
    Setup,
}

macro_rules! commands {
    ($( $(#[doc = $doc:literal])* $name:ident, )*) => {
        /// A user-facing command; see [`Command::spec`].
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Command {
            $( $(#[doc = $doc])* $name, )*
        }

        impl Command {
            /// Every command, in cheat-sheet order within each group.
            pub const ALL: &'static [Command] = &[$(Command::$name),*];
        }
    };
}

commands! {
    // --- File ---
    /// Show or hide the keyboard cheat sheet.
    CheatSheet,
    /// A new meeting from a template (the chooser).
    NewSession,
    /// A new session with this one's header, organisations and agenda.
    NewFromThis,
    /// Save this session's agenda and times as a template.
    SaveAsTemplate,
    /// Choose a session file to open.
    Open,
    /// Open the bundled sample session as an untitled copy.
    OpenSample,
    /// Save now.
    Save,
    /// Save under a new name.
    SaveAs,
    /// Show or hide the earlier versions.
    ShowHistory,
    /// Show or hide the series view.
    ShowSeries,
    /// Show or hide the export dialog.
    ShowExport,
    /// Write the report in the chosen formats.
    ExportNow,
    /// Choose the folder for the report.
    PickExportFolder,
    /// Choose photos to attach to the current agenda item.
    AddPhoto,
    /// Read-only session: continue in a copy of the file.
    WorkInCopy,
    /// The lock could not be taken (data folder unusable): edit anyway,
    /// without the protection against two windows.
    ContinueUnprotected,
    /// Another program changed the session's file: write this session over it.
    OverwriteChangedFile,
    /// Another program changed the session's file: open it as it is now
    /// (this window's changes are offered as a recovered copy).
    ReloadChangedFile,
    /// Quit the app (saving first).
    Quit,
    /// Unsaved changes: save them under a name, then go on.
    LeaveSaveAs,
    /// Unsaved changes: drop them and go on.
    LeaveDiscard,
    /// Unsaved changes: stay with the session.
    LeaveCancel,
    /// An untitled session: keep it as a recovery copy (listed at the next start) and go on.
    LeaveKeepRecovery,
    /// Close the topmost window (cheat sheet, find, export…); the cursor goes back.
    CloseWindow,
    // --- The meeting ---
    /// Start, pause or resume the agenda clock.
    StartPause,
    /// Go to the next agenda item.
    NextItem,
    /// Go to the previous agenda item.
    PreviousItem,
    /// The current speaker is done; the next one gets the floor.
    NextSpeaker,
    /// Pass over the current speaker.
    SkipSpeaker,
    /// End the meeting: the current item gets its end time.
    FinishAgenda,
    /// Add an agenda item after the one being edited (or the current one).
    AddItem,
    /// Add an action.
    AddAction,
    /// Add a planned next meeting.
    AddNextMeeting,
    /// Add a municipality.
    AddMunicipality,
    /// Add a guest organisation.
    AddGuest,
    /// Show or hide the shared themes.
    ShowThemes,
    /// Show the console.
    ShowConsole,
    /// Show the session setup.
    ShowSetup,
    /// Open the setup's paste dialog (municipalities, participants, agenda).
    ShowPaste,
    /// Open the room to phones (or show its panel when it is open).
    OpenRoom,
    /// Close the room: phones can send nothing more.
    CloseRoom,
    /// Accept what phones send as it arrives (or not).
    ToggleRoomAutoAccept,
    /// Let phones send questions and remarks anonymously (or not).
    ToggleRoomAnonymous,
    /// Put the shared themes to the room's vote.
    StartVoteThemes,
    /// Put the current synthesis block's points to the room's vote.
    StartVoteBlock,
    /// Close the room's vote and keep its result.
    CloseVote,
    /// End the room's vote without keeping anything.
    CancelVote,
    // --- The beamer ---
    /// Open or close the projector window.
    ToggleProjector,
    /// Black screen on the projector (or back).
    ProjectorBlack,
    /// White screen on the projector (or back).
    ProjectorWhite,
    /// Freeze the projector's picture (or unfreeze).
    ProjectorFreeze,
    /// Projector fullscreen on the chosen monitor (or back).
    ProjectorFullscreen,
    /// Bring the projector back as a window on the console's screen.
    ProjectorHome,
    /// Send the projector to the next monitor.
    ProjectorNextMonitor,
    /// The projector follows the agenda.
    ModeAuto,
    /// The whiteboard.
    ModeWhiteboard,
    /// The speaker's card.
    ModeFocus,
    /// The agenda.
    ModeAgenda,
    /// The synthesis block.
    ModeSynthesis,
    /// A big clock.
    ModeTimer,
    /// A photo.
    ModePhoto,
    /// The shared themes.
    ModeThemes,
    /// How to join the room: the QR code and the address.
    ModeJoin,
    /// The room's vote as a heat list.
    ModeVote,
    /// The next page of cards (when not all fit).
    NextProjectorPage,
    /// Dark text on white.
    ThemeLight,
    /// Light text on dark.
    ThemeDark,
    /// Black on white, 7:1 contrast.
    ThemeHighContrast,
    /// Show or hide the header strip on the projector.
    ToggleProjectorHeader,
    /// Show or hide the ⊗ mark on card titles.
    ToggleTitleMarker,
    // --- Typing ---
    /// Undo the last change to the session.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Find text in keywords, titles and bullets.
    Find,
    /// Select the next municipality.
    NextCard,
    /// Select the previous municipality.
    PreviousCard,
    /// Put the cursor in the keyword field.
    FocusKeywords,
    /// Edit the selected experiment's title.
    EditTitle,
    /// Put the cursor in the bullet field.
    FocusBullets,
    /// Put the cursor in the item notes.
    FocusNotes,
    /// Select the keyword above.
    SelectPreviousKeyword,
    /// Select the keyword below.
    SelectNextKeyword,
    /// Edit the selected keyword.
    EditKeyword,
    /// Delete the selected keyword.
    DeleteKeyword,
    /// Move the selected keyword up.
    MoveKeywordUp,
    /// Move the selected keyword down.
    MoveKeywordDown,
    /// Highlight the selected keyword (or take the highlight away).
    ToggleHighlight,
    /// Add a second experiment for the selected municipality.
    NewExperiment,
    /// Put the keyboard in the room's inbox.
    FocusInbox,
}

/// Where a command is listed in the cheat sheet (F1) and menus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Group {
    /// Files, report, windows, quitting.
    File,
    /// The agenda clock, the round, the console and the setup.
    Meeting,
    /// The projector.
    Beamer,
    /// Capturing keywords and bullets, undo and find.
    Typing,
}

impl Group {
    /// Every group, in cheat-sheet order.
    pub const ALL: [Group; 4] = [Group::Meeting, Group::Beamer, Group::Typing, Group::File];

    /// The group's heading.
    #[must_use]
    pub fn label(self, lang: Language) -> &'static str {
        tr(
            lang,
            match self {
                Group::File => T::GroupFile,
                Group::Meeting => T::GroupMeeting,
                Group::Beamer => T::GroupBeamer,
                Group::Typing => T::GroupTyping,
            },
        )
    }
}

/// Where a command works.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Also on the start screen, with no session open.
    Anywhere,
    /// With a session open, in the console window.
    Session,
    /// With a session open, also when the projector window has the keyboard.
    SessionAndProjector,
}

/// Everything about a command that does not depend on the moment.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    /// The label in menus, on buttons and in the cheat sheet.
    pub label: T,
    /// A one-line explanation, for tooltips.
    pub tooltip: Option<T>,
    /// Its shortcuts, the first one shown (none for dialog buttons).
    pub keys: &'static [KeyboardShortcut],
    /// Where the cheat sheet lists it.
    pub group: Group,
    /// Where it works.
    pub scope: Scope,
    /// Whether it changes the session's content (refused while read-only).
    pub edits: bool,
}

const fn key(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(modifiers, key)
}
const NONE: Modifiers = Modifiers::NONE;
const CTRL: Modifiers = Modifiers::COMMAND;
const SHIFT: Modifiers = Modifiers::SHIFT;
const ALT: Modifiers = Modifiers::ALT;
const CTRL_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);
const ALT_SHIFT: Modifiers = Modifiers::ALT.plus(Modifiers::SHIFT);

impl Command {
    /// The command's label, tooltip, keys, group and scope.
    #[must_use]
    #[allow(clippy::too_many_lines)] // One row per command, on purpose.
    pub fn spec(self) -> Spec {
        use Group::{Beamer, File, Meeting, Typing};
        use Scope::{Anywhere, Session, SessionAndProjector};
        let s = |label, keys: &'static [KeyboardShortcut], group, scope| Spec {
            label,
            tooltip: None,
            keys,
            group,
            scope,
            edits: false,
        };
        let tip = |spec: Spec, tooltip| Spec {
            tooltip: Some(tooltip),
            ..spec
        };
        let edits = |spec: Spec| Spec {
            edits: true,
            ..spec
        };
        match self {
            Command::CheatSheet => s(
                T::CmdCheatSheet,
                const { &[key(NONE, Key::F1)] },
                File,
                Anywhere,
            ),
            Command::NewSession => tip(
                s(
                    T::CmdNewSession,
                    const { &[key(CTRL, Key::N)] },
                    File,
                    Anywhere,
                ),
                T::TipNewSession,
            ),
            Command::NewFromThis => {
                tip(s(T::CmdNewFromThis, &[], File, Session), T::TipNewFromThis)
            }
            Command::SaveAsTemplate => tip(
                s(T::CmdSaveAsTemplate, &[], File, Session),
                T::TipSaveAsTemplate,
            ),
            Command::Open => s(T::CmdOpen, const { &[key(CTRL, Key::O)] }, File, Anywhere),
            Command::OpenSample => s(T::CmdOpenSample, &[], File, Anywhere),
            Command::Save => s(T::CmdSave, const { &[key(CTRL, Key::S)] }, File, Session),
            Command::SaveAs => s(
                T::CmdSaveAs,
                const { &[key(CTRL_SHIFT, Key::S)] },
                File,
                Session,
            ),
            Command::ShowHistory => s(T::CmdShowHistory, &[], File, Session),
            Command::ShowSeries => s(
                T::CmdShowSeries,
                const { &[key(CTRL_SHIFT, Key::R)] },
                File,
                Session,
            ),
            Command::ShowExport => s(
                T::CmdShowExport,
                const { &[key(CTRL_SHIFT, Key::E)] },
                File,
                Session,
            ),
            Command::ExportNow => s(T::CmdExportNow, &[], File, Session),
            Command::PickExportFolder => s(T::CmdPickFolder, &[], File, Session),
            Command::AddPhoto => edits(s(
                T::CmdAddPhoto,
                const { &[key(CTRL_SHIFT, Key::F)] },
                File,
                Session,
            )),
            Command::WorkInCopy => s(T::CmdWorkInCopy, &[], File, Session),
            Command::ContinueUnprotected => tip(
                s(T::CmdContinueUnprotected, &[], File, Session),
                T::TipContinueUnprotected,
            ),
            Command::OverwriteChangedFile => tip(
                s(T::CmdOverwriteChangedFile, &[], File, Session),
                T::TipOverwriteChangedFile,
            ),
            Command::ReloadChangedFile => tip(
                s(T::CmdReloadChangedFile, &[], File, Session),
                T::TipReloadChangedFile,
            ),
            Command::Quit => s(T::CmdQuit, const { &[key(CTRL, Key::Q)] }, File, Anywhere),
            Command::LeaveSaveAs => s(T::CmdSaveAs, &[], File, Anywhere),
            Command::LeaveDiscard => s(T::LeaveDiscard, &[], File, Anywhere),
            Command::LeaveCancel => s(T::LeaveCancel, &[], File, Anywhere),
            Command::LeaveKeepRecovery => s(T::LeaveKeepRecovery, &[], File, Anywhere),
            Command::CloseWindow => s(
                T::CmdCloseWindow,
                const { &[key(NONE, Key::Escape)] },
                File,
                Anywhere,
            ),
            Command::Undo => edits(tip(
                s(T::CmdUndo, const { &[key(CTRL, Key::Z)] }, Typing, Session),
                T::TipUndo,
            )),
            Command::Redo => edits(s(
                T::CmdRedo,
                const { &[key(CTRL_SHIFT, Key::Z), key(CTRL, Key::Y)] },
                Typing,
                Session,
            )),
            Command::Find => s(T::CmdFind, const { &[key(CTRL, Key::F)] }, Typing, Session),
            Command::ShowThemes => s(
                T::CmdShowThemes,
                const { &[key(CTRL, Key::T)] },
                Meeting,
                Session,
            ),
            Command::ShowConsole => s(
                T::CmdShowConsole,
                const { &[key(CTRL, Key::Num1)] },
                Meeting,
                Session,
            ),
            Command::ShowSetup => s(
                T::CmdShowSetup,
                const { &[key(CTRL, Key::Num2)] },
                Meeting,
                Session,
            ),
            Command::ShowPaste => edits(tip(
                s(
                    T::CmdShowPaste,
                    const { &[key(CTRL_SHIFT, Key::V)] },
                    Meeting,
                    Session,
                ),
                T::TipShowPaste,
            )),
            Command::StartPause => tip(
                s(
                    T::CmdStartPause,
                    const { &[key(NONE, Key::F5)] },
                    Meeting,
                    SessionAndProjector,
                ),
                T::TipStartPause,
            ),
            Command::NextItem => s(
                T::CmdNextItem,
                const { &[key(CTRL, Key::PageDown)] },
                Meeting,
                SessionAndProjector,
            ),
            Command::PreviousItem => s(
                T::CmdPreviousItem,
                const { &[key(CTRL, Key::PageUp)] },
                Meeting,
                SessionAndProjector,
            ),
            Command::NextSpeaker => tip(
                s(
                    T::CmdNextSpeaker,
                    const { &[key(NONE, Key::F6)] },
                    Meeting,
                    SessionAndProjector,
                ),
                T::TipNextSpeaker,
            ),
            Command::SkipSpeaker => s(
                T::CmdSkipSpeaker,
                const { &[key(SHIFT, Key::F6)] },
                Meeting,
                SessionAndProjector,
            ),
            Command::FinishAgenda => s(T::CmdFinishAgenda, &[], Meeting, Session),
            Command::AddItem => edits(s(T::CmdAddItem, &[], Meeting, Session)),
            Command::AddAction => edits(s(T::CmdAddAction, &[], Meeting, Session)),
            Command::AddNextMeeting => edits(s(T::CmdAddMeeting, &[], Meeting, Session)),
            Command::AddMunicipality => edits(s(T::CmdAddMunicipality, &[], Meeting, Session)),
            Command::AddGuest => edits(s(T::CmdAddGuest, &[], Meeting, Session)),
            Command::OpenRoom => edits(tip(
                s(
                    T::CmdOpenRoom,
                    const { &[key(CTRL_SHIFT, Key::O)] },
                    Meeting,
                    Session,
                ),
                T::TipOpenRoom,
            )),
            Command::CloseRoom => s(T::CmdCloseRoom, &[], Meeting, Session),
            Command::ToggleRoomAutoAccept => tip(
                s(T::CmdRoomAutoAccept, &[], Meeting, Session),
                T::TipRoomAutoAccept,
            ),
            Command::ToggleRoomAnonymous => tip(
                s(T::CmdRoomAnonymous, &[], Meeting, Session),
                T::TipRoomAnonymous,
            ),
            Command::StartVoteThemes => edits(tip(
                s(T::CmdStartVoteThemes, &[], Meeting, Session),
                T::TipStartVoteThemes,
            )),
            Command::StartVoteBlock => edits(tip(
                s(T::CmdStartVoteBlock, &[], Meeting, Session),
                T::TipStartVoteBlock,
            )),
            Command::CloseVote => edits(s(T::CmdCloseVote, &[], Meeting, Session)),
            Command::CancelVote => s(T::CmdCancelVote, &[], Meeting, Session),
            Command::ToggleProjector => s(
                T::CmdToggleProjector,
                const { &[key(NONE, Key::F7)] },
                Beamer,
                SessionAndProjector,
            ),
            Command::ProjectorBlack => s(
                T::CmdProjectorBlack,
                const { &[key(NONE, Key::F8)] },
                Beamer,
                SessionAndProjector,
            ),
            Command::ProjectorWhite => s(
                T::CmdProjectorWhite,
                const { &[key(SHIFT, Key::F8)] },
                Beamer,
                SessionAndProjector,
            ),
            Command::ProjectorFreeze => s(
                T::CmdProjectorFreeze,
                const { &[key(NONE, Key::F9)] },
                Beamer,
                SessionAndProjector,
            ),
            Command::ProjectorFullscreen => s(
                T::CmdProjectorFullscreen,
                const { &[key(NONE, Key::F11)] },
                Beamer,
                SessionAndProjector,
            ),
            Command::ProjectorHome => s(
                T::CmdProjectorHome,
                const { &[key(SHIFT, Key::F11)] },
                Beamer,
                SessionAndProjector,
            ),
            Command::ProjectorNextMonitor => s(
                T::CmdProjectorNextMonitor,
                const { &[key(CTRL, Key::F11)] },
                Beamer,
                SessionAndProjector,
            ),
            Command::ModeAuto => s(
                T::ModeAuto,
                const { &[key(ALT, Key::Num0)] },
                Beamer,
                SessionAndProjector,
            ),
            Command::ModeWhiteboard => s(
                T::ModeWhiteboard,
                const { &[key(ALT, Key::Num1)] },
                Beamer,
                SessionAndProjector,
            ),
            Command::ModeFocus => s(
                T::ModeFocus,
                const { &[key(ALT, Key::Num2)] },
                Beamer,
                SessionAndProjector,
            ),
            Command::ModeAgenda => s(
                T::ModeAgenda,
                const { &[key(ALT, Key::Num3)] },
                Beamer,
                SessionAndProjector,
            ),
            Command::ModeSynthesis => s(
                T::ModeSynthesis,
                const { &[key(ALT, Key::Num4)] },
                Beamer,
                SessionAndProjector,
            ),
            Command::ModeTimer => s(
                T::ModeTimer,
                const { &[key(ALT, Key::Num5)] },
                Beamer,
                SessionAndProjector,
            ),
            Command::ModePhoto => s(
                T::ModePhoto,
                const { &[key(ALT, Key::Num6)] },
                Beamer,
                SessionAndProjector,
            ),
            Command::ModeThemes => s(
                T::ModeThemes,
                const { &[key(ALT, Key::Num7)] },
                Beamer,
                SessionAndProjector,
            ),
            Command::ModeJoin => s(
                T::ModeJoin,
                const { &[key(ALT, Key::Num8)] },
                Beamer,
                SessionAndProjector,
            ),
            Command::ModeVote => s(
                T::ModeVote,
                const { &[key(ALT, Key::Num9)] },
                Beamer,
                SessionAndProjector,
            ),
            Command::NextProjectorPage => s(
                T::CmdNextProjectorPage,
                const { &[key(ALT, Key::PageDown)] },
                Beamer,
                SessionAndProjector,
            ),
            Command::ThemeLight => s(
                T::ThemeLight,
                const { &[key(CTRL_SHIFT, Key::L)] },
                Beamer,
                SessionAndProjector,
            ),
            Command::ThemeDark => s(
                T::ThemeDark,
                const { &[key(CTRL_SHIFT, Key::D)] },
                Beamer,
                SessionAndProjector,
            ),
            Command::ThemeHighContrast => s(
                T::ThemeHighContrast,
                const { &[key(CTRL_SHIFT, Key::H)] },
                Beamer,
                SessionAndProjector,
            ),
            Command::ToggleProjectorHeader => s(T::CmdToggleProjectorHeader, &[], Beamer, Session),
            Command::ToggleTitleMarker => s(T::CmdToggleTitleMarker, &[], Beamer, Session),
            Command::NextCard => s(
                T::CmdNextCard,
                const { &[key(CTRL, Key::ArrowDown)] },
                Typing,
                Session,
            ),
            Command::PreviousCard => s(
                T::CmdPreviousCard,
                const { &[key(CTRL, Key::ArrowUp)] },
                Typing,
                Session,
            ),
            Command::FocusKeywords => s(
                T::CmdFocusKeywords,
                const { &[key(CTRL, Key::K)] },
                Typing,
                Session,
            ),
            Command::EditTitle => s(
                T::CmdEditTitle,
                const { &[key(CTRL, Key::E)] },
                Typing,
                Session,
            ),
            Command::FocusBullets => s(
                T::CmdFocusBullets,
                const { &[key(CTRL, Key::B)] },
                Typing,
                Session,
            ),
            Command::FocusNotes => s(
                T::CmdFocusNotes,
                const { &[key(CTRL, Key::M)] },
                Typing,
                Session,
            ),
            Command::SelectPreviousKeyword => s(
                T::CmdSelectPreviousKeyword,
                const { &[key(ALT, Key::ArrowUp)] },
                Typing,
                Session,
            ),
            Command::SelectNextKeyword => s(
                T::CmdSelectNextKeyword,
                const { &[key(ALT, Key::ArrowDown)] },
                Typing,
                Session,
            ),
            Command::EditKeyword => tip(
                s(
                    T::CmdEditKeyword,
                    const { &[key(NONE, Key::F2)] },
                    Typing,
                    Session,
                ),
                T::TipEditKeyword,
            ),
            Command::DeleteKeyword => edits(tip(
                s(
                    T::CmdDeleteKeyword,
                    const { &[key(NONE, Key::Delete)] },
                    Typing,
                    Session,
                ),
                T::TipDeleteKeyword,
            )),
            Command::MoveKeywordUp => edits(s(
                T::CmdMoveKeywordUp,
                const { &[key(ALT_SHIFT, Key::ArrowUp)] },
                Typing,
                Session,
            )),
            Command::MoveKeywordDown => edits(s(
                T::CmdMoveKeywordDown,
                const { &[key(ALT_SHIFT, Key::ArrowDown)] },
                Typing,
                Session,
            )),
            Command::ToggleHighlight => edits(s(
                T::CmdToggleHighlight,
                const { &[key(CTRL, Key::H)] },
                Typing,
                Session,
            )),
            Command::NewExperiment => edits(s(
                T::CmdNewExperiment,
                const { &[key(CTRL_SHIFT, Key::N)] },
                Typing,
                Session,
            )),
            Command::FocusInbox => s(
                T::CmdFocusInbox,
                const { &[key(CTRL, Key::I)] },
                Typing,
                Session,
            ),
        }
    }

    /// The label in `lang`.
    #[must_use]
    pub fn label(self, lang: Language) -> &'static str {
        tr(lang, self.spec().label)
    }

    /// The tooltip in `lang`, if the command has one.
    #[must_use]
    pub fn tooltip(self, lang: Language) -> Option<&'static str> {
        self.spec().tooltip.map(|t| tr(lang, t))
    }

    /// The first shortcut, if any.
    #[must_use]
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        self.spec().keys.first().copied()
    }

    /// Whether the command can do something now (menus grey it out
    /// otherwise, and its key is left to the focused widget).
    #[must_use]
    #[allow(clippy::match_same_arms)]
    pub fn enabled(self, state: &AppState, view: &ViewState) -> bool {
        let session = state.screen == Screen::Session;
        let writable = session && !state.read_only;
        let capture = &view.capture;
        let round = || {
            state
                .runner
                .current
                .as_ref()
                .and_then(|id| state.session.agenda_item(id))
                .is_some_and(|i| i.round.is_some())
        };
        let keyword_selected = || capture.selected_keyword.is_some();
        let spec = self.spec();
        let scope_ok = match spec.scope {
            Scope::Anywhere => true,
            Scope::Session | Scope::SessionAndProjector => session,
        };
        // A command that edits never acts on a read-only session.
        if !scope_ok || (spec.edits && !writable) {
            return false;
        }
        match self {
            Command::CheatSheet
            | Command::Open
            | Command::OpenSample
            | Command::Quit
            | Command::NewSession
            | Command::ShowPaste => true,
            Command::LeaveSaveAs
            | Command::LeaveDiscard
            | Command::LeaveCancel
            | Command::LeaveKeepRecovery => state.pending_leave.is_some(),
            // Esc first closes an open menu or list (egui does that itself).
            Command::CloseWindow => {
                !view.focus.popup_open && super::windows::topmost(state, view).is_some()
            }
            Command::NewFromThis
            | Command::SaveAsTemplate
            | Command::Save
            | Command::SaveAs
            | Command::ShowHistory
            | Command::ShowSeries
            | Command::ShowExport
            | Command::PickExportFolder
            | Command::Find
            | Command::ShowThemes
            | Command::ShowConsole
            | Command::ShowSetup
            | Command::StartPause
            | Command::NextItem
            | Command::PreviousItem
            | Command::FinishAgenda
            | Command::ToggleProjector
            | Command::ProjectorBlack
            | Command::ProjectorWhite
            | Command::ProjectorFreeze
            | Command::ProjectorFullscreen
            | Command::ProjectorHome
            | Command::ProjectorNextMonitor
            | Command::ModeAuto
            | Command::ModeWhiteboard
            | Command::ModeFocus
            | Command::ModeAgenda
            | Command::ModeSynthesis
            | Command::ModeTimer
            | Command::ModePhoto
            | Command::ModeThemes
            | Command::ModeJoin
            | Command::ModeVote
            | Command::OpenRoom
            | Command::FocusInbox
            | Command::NextProjectorPage
            | Command::ThemeLight
            | Command::ThemeDark
            | Command::ThemeHighContrast
            | Command::ToggleProjectorHeader
            | Command::ToggleTitleMarker
            | Command::NextCard
            | Command::PreviousCard
            | Command::FocusKeywords
            | Command::FocusBullets
            | Command::FocusNotes
            | Command::SelectPreviousKeyword
            | Command::SelectNextKeyword
            | Command::AddPhoto
            | Command::AddItem
            | Command::AddAction
            | Command::AddNextMeeting
            | Command::AddMunicipality
            | Command::AddGuest => true,
            Command::ExportNow => view.export.ready(),
            Command::WorkInCopy => state.read_only,
            Command::ContinueUnprotected => state.read_only && state.unprotected.is_some(),
            Command::OverwriteChangedFile | Command::ReloadChangedFile => state.changed_on_disk,
            Command::EditTitle => writable,
            Command::Undo => state.can_undo,
            Command::Redo => state.can_redo,
            Command::NextSpeaker | Command::SkipSpeaker => round(),
            Command::EditKeyword => writable && keyword_selected(),
            Command::DeleteKeyword
            | Command::MoveKeywordUp
            | Command::MoveKeywordDown
            | Command::ToggleHighlight => keyword_selected(),
            Command::NewExperiment => !state.session.cards().is_empty(),
            Command::CloseRoom | Command::ToggleRoomAutoAccept | Command::ToggleRoomAnonymous => {
                state.room.is_some()
            }
            // Finding the themes takes a while: the vote itself says when
            // there are too few (this is asked every frame).
            Command::StartVoteThemes => writable && state.vote.is_none(),
            Command::StartVoteBlock => {
                writable
                    && state.vote.is_none()
                    && super::vote::vote_options(
                        &state.session,
                        crate::model::VoteSource::Block {
                            block: state.active_block(),
                        },
                    )
                    .len()
                        >= 2
            }
            Command::CloseVote | Command::CancelVote => state.vote.is_some(),
        }
    }

    /// Whether the command's key goes to the command now rather than to the
    /// focused text field: Ctrl+Z edits a field's own text while it has
    /// some, and Delete removes the selected keyword only from an empty
    /// keyword field.
    #[must_use]
    pub fn takes_key_from_field(self, view: &ViewState) -> bool {
        let capture = &view.capture;
        match self {
            Command::Undo | Command::Redo => !capture.focused_has_text,
            Command::DeleteKeyword => {
                capture.focused == Some(Field::Keyword) && capture.keyword.is_empty()
            }
            _ => true,
        }
    }

    /// The command that puts the projector in `mode` (`None`: follow the agenda).
    #[must_use]
    pub fn for_mode(mode: Option<ProjectorMode>) -> Command {
        match mode {
            None => Command::ModeAuto,
            Some(ProjectorMode::Whiteboard) => Command::ModeWhiteboard,
            Some(ProjectorMode::Focus) => Command::ModeFocus,
            Some(ProjectorMode::Agenda) => Command::ModeAgenda,
            Some(ProjectorMode::Synthesis) => Command::ModeSynthesis,
            Some(ProjectorMode::Timer) => Command::ModeTimer,
            Some(ProjectorMode::Photo) => Command::ModePhoto,
            Some(ProjectorMode::Themes) => Command::ModeThemes,
            Some(ProjectorMode::Join) => Command::ModeJoin,
            Some(ProjectorMode::Vote) => Command::ModeVote,
        }
    }

    /// The command that chooses the beamer colours `theme`.
    #[must_use]
    pub fn for_theme(theme: BeamerTheme) -> Command {
        match theme {
            BeamerTheme::Light => Command::ThemeLight,
            BeamerTheme::Dark => Command::ThemeDark,
            BeamerTheme::HighContrast => Command::ThemeHighContrast,
        }
    }

    /// The command that blanks the screen this way (`None` for content).
    #[must_use]
    pub fn for_blank(blank: Blank) -> Option<Command> {
        match blank {
            Blank::Off => None,
            Blank::Black => Some(Command::ProjectorBlack),
            Blank::White => Some(Command::ProjectorWhite),
        }
    }
}

/// An app operation that carries a value.
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    /// Make and open the next meeting: planned meeting `n` (from 0).
    NewFollowUp(usize),
    /// Open a session file from a list (recent, `sessions/`, typed path).
    OpenPath(PathBuf),
    /// Switch the user interface language.
    SetUiLanguage(Language),
    /// Hide the notice with this index.
    DismissNotice(usize),
    /// Open the recovered copy offered at start (by its index).
    Recover(usize),
    /// Ignore a recovered copy offered at start.
    DismissRecovery(usize),
    /// Restore an earlier version (an undoable change).
    RestoreVersion(PathBuf),
    /// Open a written report with the system's viewer.
    OpenReport(PathBuf),
    /// Show a written report in the file manager.
    ShowInFolder(PathBuf),
    /// Go to a chosen agenda item.
    GoToItem(ItemId),
    /// Give the floor to a chosen municipality.
    SetSpeaker(OrgId),
    /// Select a municipality card by its position.
    SelectCard(usize),
    /// Choose the synthesis block the bullet field writes into (when the
    /// current item names none).
    ChooseBlock(BlockKind),
    /// Show a photo on the projector (photo mode).
    ShowPhoto(AttachmentId),
    /// Add a theme (by key) to "Wat valt op?" as "participatie — 7 van 12 gemeenten".
    ThemeToObservations(String),
    /// Start a new meeting from the template with this index in the list.
    NewFromTemplate(usize),
    /// Open the untitled session's recovery copy with this index in the list.
    OpenUntitledCopy(usize),
    /// Remove the untitled session's recovery copy with this index in the list.
    RemoveUntitledCopy(usize),
    /// Save the session's agenda and times as a template with this name.
    SaveTemplate(String),
    /// Save the session under this path (typed when no file dialog can open).
    SaveAsPath(PathBuf),
    /// Attach these photos to the current agenda item (typed when no file dialog can open).
    ImportPhotos(Vec<PathBuf>),
    /// Give up typing a path (a "save as" waiting for it is given up too).
    CancelPathPrompt,
    /// Show this address of the computer in the room's join address.
    ChooseRoomAddress(std::net::IpAddr),
}

impl Request {
    /// The label of the button or entry that asks for it.
    #[must_use]
    pub fn label(&self, lang: Language) -> String {
        let key = match self {
            Request::NewFollowUp(_) => T::CmdNewFollowUp,
            Request::OpenPath(path) => return path.display().to_string(),
            Request::SetUiLanguage(Language::Nl) => T::LanguageNl,
            Request::SetUiLanguage(Language::En) => T::LanguageEn,
            Request::DismissNotice(_) | Request::DismissRecovery(_) => T::Dismiss,
            Request::Recover(_) => T::CmdRecover,
            Request::RestoreVersion(_) => T::CmdRestoreVersion,
            Request::OpenReport(_) => T::CmdOpenReport,
            Request::ShowInFolder(_) => T::CmdShowInFolder,
            Request::GoToItem(_) => T::CmdGoToItem,
            Request::SetSpeaker(_) => T::CmdSetSpeaker,
            Request::SelectCard(_) => T::CmdSelectCard,
            Request::ChooseBlock(_) => T::Block,
            Request::ShowPhoto(_) => T::CmdShowPhoto,
            Request::ThemeToObservations(_) => T::CmdThemeToObservations,
            Request::NewFromTemplate(_) => T::TemplateCreate,
            Request::OpenUntitledCopy(_) => T::CmdOpen,
            Request::RemoveUntitledCopy(_) => T::CmdRemove,
            Request::SaveTemplate(_) => T::TemplateSave,
            Request::SaveAsPath(_) => T::CmdSave,
            Request::ImportPhotos(_) => T::CmdAddPhoto,
            Request::CancelPathPrompt => T::LeaveCancel,
            Request::ChooseRoomAddress(ip) => return ip.to_string(),
        };
        tr(lang, key).to_owned()
    }
}

/// What a view asks for: a command, a request or an edit.
#[derive(Debug, Clone, PartialEq)]
pub enum Intent {
    /// A user-facing command.
    Command(Command),
    /// An app operation with a value.
    Request(Request),
    /// A change to the session.
    Edit(Edit),
}

/// Where the views push what the user asked for; the app carries it out
/// after the frame's UI pass, in order.
#[derive(Debug, Default)]
pub struct Intents(Vec<Intent>);

impl Intents {
    /// Asks for a command.
    pub fn command(&mut self, command: Command) {
        self.0.push(Intent::Command(command));
    }

    /// Asks for an app operation.
    pub fn request(&mut self, request: Request) {
        self.0.push(Intent::Request(request));
    }

    /// Asks for a change to the session.
    pub fn edit(&mut self, edit: Edit) {
        self.0.push(Intent::Edit(edit));
    }

    /// Whether nothing was asked for.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// What was asked for, in order.
    #[must_use]
    pub fn into_vec(self) -> Vec<Intent> {
        self.0
    }

    /// What was asked for so far.
    #[must_use]
    pub fn as_slice(&self) -> &[Intent] {
        &self.0
    }
}

impl Extend<Intent> for Intents {
    fn extend<I: IntoIterator<Item = Intent>>(&mut self, iter: I) {
        self.0.extend(iter);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortcuts_are_distinct_and_labelled() {
        let mut seen: Vec<(KeyboardShortcut, Command)> = Vec::new();
        for &command in Command::ALL {
            for &shortcut in command.spec().keys {
                assert!(
                    !seen.iter().any(|(other, _)| *other == shortcut),
                    "{command:?} repeats a shortcut"
                );
                seen.push((shortcut, command));
            }
            for lang in Language::ALL {
                assert!(!command.label(lang).is_empty(), "{command:?} has a label");
                if let Some(tip) = command.tooltip(lang) {
                    assert!(!tip.is_empty());
                }
            }
        }
    }

    #[test]
    fn mode_theme_and_blank_commands_name_their_value() {
        for mode in std::iter::once(None).chain(ProjectorMode::ALL.into_iter().map(Some)) {
            assert_eq!(Command::for_mode(mode).spec().group, Group::Beamer);
        }
        let themes = [
            BeamerTheme::Light,
            BeamerTheme::Dark,
            BeamerTheme::HighContrast,
        ];
        let commands: Vec<_> = themes.into_iter().map(Command::for_theme).collect();
        assert_eq!(
            commands,
            [
                Command::ThemeLight,
                Command::ThemeDark,
                Command::ThemeHighContrast
            ]
        );
        assert_eq!(Command::for_blank(Blank::Off), None);
    }

    #[test]
    fn every_projector_window_command_has_a_key() {
        for &command in Command::ALL {
            if command.spec().scope == Scope::SessionAndProjector {
                assert!(command.shortcut().is_some(), "{command:?}");
            }
        }
    }
}
