//! Everything the user can ask the app to do. Each command owns its label,
//! tooltip and shortcut, so menus, buttons, the cheat sheet (F1) and the keys
//! always agree.

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::i18n::{Language, T, tr};
use crate::model::{
    Action, ActionId, AgendaKind, AttachmentId, BlockKind, BulletId, ExperimentId, Header, ItemId,
    KeywordId, MeetingId, NextMeeting, OrgId, OrgKind, Participant, ParticipantId, SpeakerStatus,
    Visibility,
};
use crate::ui::projector::{BeamerTheme, ProjectorMode};

/// Which screen of a session the window shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    /// Running the meeting.
    #[default]
    Console,
    /// Preparing it: header, organisations, participants, agenda.
    Setup,
}

/// A request from the UI, carried out by the app after the UI pass.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    // --- Files ---
    /// A new session with this one's header, organisations and agenda.
    NewFromThis,
    /// Make and open the next meeting: planned meeting `n` (from 0) of this session.
    NewFollowUp(usize),
    /// Show or hide the series view (the sessions of this series in the folder).
    ShowSeries,
    /// Choose a session file to open.
    Open,
    /// Open the bundled sample session as an untitled copy.
    OpenSample,
    /// Open a session file from a list (recent, `sessions/`, typed path).
    OpenPath(PathBuf),
    /// Save now.
    Save,
    /// Save under a new name.
    SaveAs,
    /// Quit the app (saving first).
    Quit,
    /// Unsaved changes: save them under a name, then go on.
    LeaveSaveAs,
    /// Unsaved changes: drop them and go on.
    LeaveDiscard,
    /// Unsaved changes: stay with the session.
    LeaveCancel,

    // --- Report ---
    /// Show the export dialog.
    ShowExport,
    /// Write the report in the chosen formats.
    ExportNow,
    /// Choose the folder for the report.
    PickExportFolder,
    /// Open a written report with the system's viewer.
    OpenReport(PathBuf),
    /// Show a written report in the file manager.
    ShowInFolder(PathBuf),

    // --- Recovery, history, other windows ---
    /// Open the recovered copy offered at start (by its index).
    Recover(usize),
    /// Ignore a recovered copy offered at start.
    DismissRecovery(usize),
    /// Read-only session: continue in a copy of the file.
    WorkInCopy,
    /// Show or hide the version history.
    ShowHistory,
    /// Restore an earlier version (an undoable change).
    RestoreVersion(PathBuf),

    // --- Edit and view ---
    /// Undo the last change to the session.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Find text in keywords, titles and bullets.
    Find,
    /// Show or hide the keyboard cheat sheet.
    CheatSheet,
    /// Show the console.
    ShowConsole,
    /// Show the session setup.
    ShowSetup,
    /// Switch the user interface language.
    SetUiLanguage(Language),
    /// Hide the notice with this index.
    DismissNotice(usize),

    // --- Agenda ---
    /// Start, pause or resume the agenda clock.
    StartPause,
    /// Go to the next agenda item.
    NextItem,
    /// Go to the previous agenda item.
    PreviousItem,
    /// Go to a chosen agenda item.
    GoToItem(ItemId),
    /// End the meeting: the current item gets its end time.
    FinishAgenda,
    /// Change an item's planned minutes.
    SetPlannedMinutes(ItemId, u32),
    /// Give `minutes` to the current item, taken from a later item.
    TakeMinutes {
        /// The later item that gives the time.
        from: ItemId,
        /// The item that gets it.
        to: ItemId,
        /// How many minutes.
        minutes: u32,
    },
    /// Add an agenda item after the current one.
    AddItem,
    /// Remove an agenda item.
    RemoveItem(ItemId),
    /// Move an agenda item up (-1) or down (+1).
    MoveItem(ItemId, isize),
    /// Change an item's kind.
    SetItemKind(ItemId, AgendaKind),
    /// Change an item's title.
    SetItemTitle(ItemId, String),
    /// Change which synthesis block an item fills.
    SetItemBlock(ItemId, Option<BlockKind>),

    // --- Round ---
    /// The current speaker is done; the next one gets the floor.
    NextSpeaker,
    /// Pass over the current speaker.
    SkipSpeaker,
    /// Give the floor to a chosen municipality.
    SetSpeaker(OrgId),
    /// Move a speaker up (-1) or down (+1) in the queue.
    MoveSpeaker(OrgId, isize),
    /// Mark a speaker waiting, done or skipped.
    SetSpeakerStatus(OrgId, SpeakerStatus),
    /// Change the default speaking time of the current round.
    SetSpeakerMinutes(ItemId, u32),

    // --- Projector ---
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
    /// Choose the projector's mode (`None`: follow the agenda).
    SetProjectorMode(Option<ProjectorMode>),
    /// Choose the beamer colours.
    SetBeamerTheme(BeamerTheme),
    /// Show or hide the header strip on the projector.
    ToggleProjectorHeader,
    /// Show or hide the ⊗ mark on card titles.
    ToggleTitleMarker,
    /// Show the next page of cards (when not all fit).
    NextProjectorPage,

    // --- Photos ---
    /// Choose a photo to attach to the current agenda item.
    AddPhoto,
    /// Attach a photo already copied beside the session.
    AttachPhoto {
        /// Its path relative to the session file.
        path: String,
        /// The agenda item it belongs to.
        item: Option<ItemId>,
    },
    /// Change a photo's caption.
    SetPhotoCaption(AttachmentId, String),
    /// Remove a photo from the session (its file stays, so undo brings it back).
    RemovePhoto(AttachmentId),
    /// Show a photo on the projector (photo mode).
    ShowPhoto(AttachmentId),

    // --- Capture ---
    /// Select the next municipality.
    NextCard,
    /// Select the previous municipality.
    PreviousCard,
    /// Select a municipality card by its position.
    SelectCard(usize),
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
    /// Highlight the selected keyword (or remove the highlight).
    ToggleHighlight,
    /// Add a second experiment for the selected municipality.
    NewExperiment,
    /// Add a keyword to the selected experiment.
    AddKeyword(String),
    /// Replace a keyword's text.
    ReplaceKeyword(KeywordId, String),
    /// Set an experiment's title (`None`: the selected card's, created if needed).
    SetExperimentTitle(Option<ExperimentId>, String),
    /// Add a typed bullet (with markers) at a depth in a block.
    AddBullet {
        /// The block.
        block: BlockKind,
        /// 0 = top level.
        depth: usize,
        /// The text as typed, markers included.
        text: String,
    },
    /// Delete a bullet.
    DeleteBullet(BulletId),
    /// Add a note to the current agenda item.
    AddNote(ItemId, String, Visibility),

    // --- Actions and next meetings ---
    /// Add an empty action (due: the next meeting).
    AddAction,
    /// Replace an action's details.
    SetAction(Box<Action>),
    /// Remove an action.
    RemoveAction(ActionId),
    /// Add a planned next meeting.
    AddNextMeeting,
    /// Replace a planned meeting's details.
    SetNextMeeting(Box<NextMeeting>),
    /// Remove a planned meeting.
    RemoveNextMeeting(MeetingId),

    // --- Setup ---
    /// Replace the session header (from the setup form).
    SetHeader(Box<Header>),
    /// Add a municipality or guest organisation.
    AddOrganisation(OrgKind),
    /// Rename an organisation.
    RenameOrganisation(OrgId, String),
    /// Make an organisation a municipality or a guest.
    SetOrganisationKind(OrgId, OrgKind),
    /// Record whether an organisation attended (for one without named participants).
    SetOrganisationAttendance(OrgId, crate::model::Attendance),
    /// Move an organisation up (-1) or down (+1).
    MoveOrganisation(OrgId, isize),
    /// Remove an organisation and what belongs to it.
    RemoveOrganisation(OrgId),
    /// Add participants from pasted lines.
    PasteParticipants(String),
    /// Replace one participant's details.
    SetParticipant(Box<Participant>),
    /// Remove a participant.
    RemoveParticipant(ParticipantId),

    // --- Themes ---
    /// Show or hide the shared themes view.
    ShowThemes,
    /// Add a theme (by key) to "Wat valt op?" as "participatie — 7 van 12 gemeenten".
    ThemeToObservations(String),
    /// Confirm a theme (or take the confirmation back).
    ConfirmTheme(String),
    /// Drop a suggested theme.
    DismissTheme(String),
    /// Merge one theme into another.
    MergeThemes {
        /// The theme that is merged away.
        from: String,
        /// The theme that holds both afterwards.
        into: String,
    },
    /// Give a theme a label of its own.
    RenameTheme(String, String),
}

impl Command {
    /// The commands that have a keyboard shortcut, in cheat-sheet order.
    pub const WITH_SHORTCUTS: [Command; 50] = [
        Command::CheatSheet,
        Command::NewFromThis,
        Command::ShowSeries,
        Command::Open,
        Command::Save,
        Command::SaveAs,
        Command::ShowExport,
        Command::Quit,
        Command::Undo,
        Command::Redo,
        Command::Find,
        Command::ShowConsole,
        Command::ShowSetup,
        Command::StartPause,
        Command::NextItem,
        Command::PreviousItem,
        Command::NextSpeaker,
        Command::SkipSpeaker,
        Command::ToggleProjector,
        Command::ProjectorBlack,
        Command::ProjectorWhite,
        Command::ProjectorFreeze,
        Command::ProjectorFullscreen,
        Command::ProjectorHome,
        Command::ProjectorNextMonitor,
        Command::SetProjectorMode(None),
        Command::SetProjectorMode(Some(ProjectorMode::Whiteboard)),
        Command::SetProjectorMode(Some(ProjectorMode::Focus)),
        Command::SetProjectorMode(Some(ProjectorMode::Agenda)),
        Command::SetProjectorMode(Some(ProjectorMode::Synthesis)),
        Command::SetProjectorMode(Some(ProjectorMode::Timer)),
        Command::SetProjectorMode(Some(ProjectorMode::Photo)),
        Command::SetProjectorMode(Some(ProjectorMode::Themes)),
        Command::NextProjectorPage,
        Command::AddPhoto,
        Command::NextCard,
        Command::PreviousCard,
        Command::FocusKeywords,
        Command::EditTitle,
        Command::FocusBullets,
        Command::FocusNotes,
        Command::SelectPreviousKeyword,
        Command::SelectNextKeyword,
        Command::EditKeyword,
        Command::DeleteKeyword,
        Command::MoveKeywordUp,
        Command::MoveKeywordDown,
        Command::ToggleHighlight,
        Command::NewExperiment,
        Command::ShowThemes,
    ];

    /// The label in menus, on buttons and in the cheat sheet.
    #[must_use]
    pub fn label(&self, lang: Language) -> String {
        let key = match self {
            Command::NewFromThis => T::CmdNewFromThis,
            Command::NewFollowUp(_) => T::CmdNewFollowUp,
            Command::ShowSeries => T::CmdShowSeries,
            Command::Open => T::CmdOpen,
            Command::OpenSample => T::CmdOpenSample,
            Command::OpenPath(path) => return path.display().to_string(),
            Command::Save => T::CmdSave,
            Command::SaveAs => T::CmdSaveAs,
            Command::Quit => T::CmdQuit,
            Command::LeaveSaveAs => T::CmdSaveAs,
            Command::ShowExport => T::CmdShowExport,
            Command::ExportNow => T::CmdExportNow,
            Command::PickExportFolder => T::CmdPickFolder,
            Command::OpenReport(_) => T::CmdOpenReport,
            Command::ShowInFolder(_) => T::CmdShowInFolder,
            Command::Recover(_) => T::CmdRecover,
            Command::DismissRecovery(_) => T::Dismiss,
            Command::WorkInCopy => T::CmdWorkInCopy,
            Command::ShowHistory => T::CmdShowHistory,
            Command::RestoreVersion(_) => T::CmdRestoreVersion,
            Command::LeaveDiscard => T::LeaveDiscard,
            Command::LeaveCancel => T::LeaveCancel,
            Command::Undo => T::CmdUndo,
            Command::Redo => T::CmdRedo,
            Command::Find => T::CmdFind,
            Command::CheatSheet => T::CmdCheatSheet,
            Command::ShowConsole => T::CmdShowConsole,
            Command::ShowSetup => T::CmdShowSetup,
            Command::SetUiLanguage(Language::Nl) => T::LanguageNl,
            Command::SetUiLanguage(Language::En) => T::LanguageEn,
            Command::DismissNotice(_) => T::Dismiss,
            Command::StartPause => T::CmdStartPause,
            Command::NextItem => T::CmdNextItem,
            Command::PreviousItem => T::CmdPreviousItem,
            Command::GoToItem(_) => T::CmdGoToItem,
            Command::FinishAgenda => T::CmdFinishAgenda,
            Command::SetPlannedMinutes(..) => T::CmdSetPlannedMinutes,
            Command::TakeMinutes { .. } => T::CmdTakeMinutes,
            Command::AddItem => T::CmdAddItem,
            Command::RemoveItem(_) => T::CmdRemoveItem,
            Command::MoveItem(_, delta) if *delta < 0 => T::CmdMoveUp,
            Command::MoveItem(..) => T::CmdMoveDown,
            Command::SetItemKind(..) => T::CmdSetItemKind,
            Command::SetItemTitle(..) => T::CmdSetItemTitle,
            Command::SetItemBlock(..) => T::CmdSetItemBlock,
            Command::NextSpeaker => T::CmdNextSpeaker,
            Command::SkipSpeaker => T::CmdSkipSpeaker,
            Command::SetSpeaker(_) => T::CmdSetSpeaker,
            Command::MoveSpeaker(_, delta) if *delta < 0 => T::CmdMoveUp,
            Command::MoveSpeaker(..) => T::CmdMoveDown,
            Command::SetSpeakerStatus(_, SpeakerStatus::Done) => T::CmdSpeakerDone,
            Command::SetSpeakerStatus(_, SpeakerStatus::Skipped) => T::CmdSkipSpeaker,
            Command::SetSpeakerStatus(_, SpeakerStatus::Waiting) => T::CmdSpeakerWaiting,
            Command::SetSpeakerMinutes(..) => T::CmdSetSpeakerMinutes,
            Command::ToggleProjector => T::CmdToggleProjector,
            Command::ProjectorBlack => T::CmdProjectorBlack,
            Command::ProjectorWhite => T::CmdProjectorWhite,
            Command::ProjectorFreeze => T::CmdProjectorFreeze,
            Command::ProjectorFullscreen => T::CmdProjectorFullscreen,
            Command::ProjectorHome => T::CmdProjectorHome,
            Command::ProjectorNextMonitor => T::CmdProjectorNextMonitor,
            Command::SetProjectorMode(None) => T::ModeAuto,
            Command::SetProjectorMode(Some(ProjectorMode::Whiteboard)) => T::ModeWhiteboard,
            Command::SetProjectorMode(Some(ProjectorMode::Focus)) => T::ModeFocus,
            Command::SetProjectorMode(Some(ProjectorMode::Agenda)) => T::ModeAgenda,
            Command::SetProjectorMode(Some(ProjectorMode::Synthesis)) => T::ModeSynthesis,
            Command::SetProjectorMode(Some(ProjectorMode::Timer)) => T::ModeTimer,
            Command::SetProjectorMode(Some(ProjectorMode::Photo)) => T::ModePhoto,
            Command::AddPhoto => T::CmdAddPhoto,
            Command::AttachPhoto { .. } => T::CmdAddPhoto,
            Command::SetPhotoCaption(..) => T::CmdSetPhotoCaption,
            Command::RemovePhoto(_) => T::CmdRemovePhoto,
            Command::ShowPhoto(_) => T::CmdShowPhoto,
            Command::SetProjectorMode(Some(ProjectorMode::Themes)) => T::ModeThemes,
            Command::SetBeamerTheme(BeamerTheme::Light) => T::ThemeLight,
            Command::SetBeamerTheme(BeamerTheme::Dark) => T::ThemeDark,
            Command::SetBeamerTheme(BeamerTheme::HighContrast) => T::ThemeHighContrast,
            Command::ToggleProjectorHeader => T::CmdToggleProjectorHeader,
            Command::ToggleTitleMarker => T::CmdToggleTitleMarker,
            Command::NextProjectorPage => T::CmdNextProjectorPage,
            Command::NextCard => T::CmdNextCard,
            Command::PreviousCard => T::CmdPreviousCard,
            Command::SelectCard(_) => T::CmdSelectCard,
            Command::FocusKeywords => T::CmdFocusKeywords,
            Command::EditTitle => T::CmdEditTitle,
            Command::FocusBullets => T::CmdFocusBullets,
            Command::FocusNotes => T::CmdFocusNotes,
            Command::SelectPreviousKeyword => T::CmdSelectPreviousKeyword,
            Command::SelectNextKeyword => T::CmdSelectNextKeyword,
            Command::EditKeyword => T::CmdEditKeyword,
            Command::DeleteKeyword => T::CmdDeleteKeyword,
            Command::MoveKeywordUp => T::CmdMoveKeywordUp,
            Command::MoveKeywordDown => T::CmdMoveKeywordDown,
            Command::ToggleHighlight => T::CmdToggleHighlight,
            Command::NewExperiment => T::CmdNewExperiment,
            Command::AddKeyword(_) => T::CmdAddKeyword,
            Command::ReplaceKeyword(..) => T::CmdEditKeyword,
            Command::SetExperimentTitle(..) => T::CmdEditTitle,
            Command::AddBullet { .. } => T::CmdAddBullet,
            Command::DeleteBullet(_) => T::CmdDeleteBullet,
            Command::AddNote(..) => T::CmdAddNote,
            Command::SetHeader(_) => T::SetupHeader,
            Command::AddAction => T::CmdAddAction,
            Command::SetAction(_) => T::ActionText,
            Command::RemoveAction(_) | Command::RemoveNextMeeting(_) => T::CmdRemove,
            Command::AddNextMeeting => T::CmdAddMeeting,
            Command::SetNextMeeting(_) => T::NextMeetings,
            Command::AddOrganisation(OrgKind::Municipality) => T::CmdAddMunicipality,
            Command::AddOrganisation(OrgKind::Guest) => T::CmdAddGuest,
            Command::RenameOrganisation(..) => T::Name,
            Command::SetOrganisationKind(..) => T::Kind,
            Command::SetOrganisationAttendance(..) => T::Attendance,
            Command::MoveOrganisation(_, delta) if *delta < 0 => T::CmdMoveUp,
            Command::MoveOrganisation(..) => T::CmdMoveDown,
            Command::RemoveOrganisation(_) => T::CmdRemove,
            Command::PasteParticipants(_) => T::CmdPasteParticipants,
            Command::SetParticipant(_) => T::Participants,
            Command::RemoveParticipant(_) => T::CmdRemove,
            Command::ShowThemes => T::CmdShowThemes,
            Command::ThemeToObservations(_) => T::CmdThemeToObservations,
            Command::ConfirmTheme(_) => T::CmdConfirmTheme,
            Command::DismissTheme(_) => T::CmdDismissTheme,
            Command::MergeThemes { .. } => T::CmdMergeTheme,
            Command::RenameTheme(..) => T::CmdRenameTheme,
        };
        tr(lang, key).to_owned()
    }

    /// The keyboard shortcut, if the command has one.
    #[must_use]
    pub fn shortcut(&self) -> Option<KeyboardShortcut> {
        let ctrl = Modifiers::COMMAND;
        let ctrl_shift = Modifiers::COMMAND | Modifiers::SHIFT;
        let alt_shift = Modifiers::ALT | Modifiers::SHIFT;
        let (modifiers, key) = match self {
            Command::CheatSheet => (Modifiers::NONE, Key::F1),
            Command::NewFromThis => (ctrl, Key::N),
            Command::ShowSeries => (ctrl_shift, Key::R),
            Command::Open => (ctrl, Key::O),
            Command::Save => (ctrl, Key::S),
            Command::SaveAs => (ctrl_shift, Key::S),
            Command::Quit => (ctrl, Key::Q),
            Command::Undo => (ctrl, Key::Z),
            Command::Redo => (ctrl_shift, Key::Z),
            Command::Find => (ctrl, Key::F),
            Command::ShowConsole => (ctrl, Key::Num1),
            Command::ShowSetup => (ctrl, Key::Num2),
            Command::StartPause => (Modifiers::NONE, Key::F5),
            Command::NextItem => (ctrl, Key::PageDown),
            Command::PreviousItem => (ctrl, Key::PageUp),
            Command::NextSpeaker => (Modifiers::NONE, Key::F6),
            Command::SkipSpeaker => (Modifiers::SHIFT, Key::F6),
            Command::ToggleProjector => (Modifiers::NONE, Key::F7),
            Command::ProjectorBlack => (Modifiers::NONE, Key::F8),
            Command::ProjectorWhite => (Modifiers::SHIFT, Key::F8),
            Command::ProjectorFreeze => (Modifiers::NONE, Key::F9),
            Command::ProjectorFullscreen => (Modifiers::NONE, Key::F11),
            Command::ProjectorHome => (Modifiers::SHIFT, Key::F11),
            Command::ProjectorNextMonitor => (ctrl, Key::F11),
            Command::SetProjectorMode(None) => (Modifiers::ALT, Key::Num0),
            Command::SetProjectorMode(Some(ProjectorMode::Whiteboard)) => {
                (Modifiers::ALT, Key::Num1)
            }
            Command::SetProjectorMode(Some(ProjectorMode::Focus)) => (Modifiers::ALT, Key::Num2),
            Command::SetProjectorMode(Some(ProjectorMode::Agenda)) => (Modifiers::ALT, Key::Num3),
            Command::SetProjectorMode(Some(ProjectorMode::Synthesis)) => {
                (Modifiers::ALT, Key::Num4)
            }
            Command::SetProjectorMode(Some(ProjectorMode::Timer)) => (Modifiers::ALT, Key::Num5),
            Command::SetProjectorMode(Some(ProjectorMode::Photo)) => (Modifiers::ALT, Key::Num6),
            Command::AddPhoto => (ctrl_shift, Key::F),
            // Alt+7, leaving Alt+6 to the next mode in menu order (photos).
            Command::SetProjectorMode(Some(ProjectorMode::Themes)) => (Modifiers::ALT, Key::Num7),
            Command::ShowThemes => (ctrl, Key::T),
            Command::NextCard => (ctrl, Key::ArrowDown),
            Command::PreviousCard => (ctrl, Key::ArrowUp),
            Command::FocusKeywords => (ctrl, Key::K),
            Command::EditTitle => (ctrl, Key::E),
            Command::FocusBullets => (ctrl, Key::B),
            Command::FocusNotes => (ctrl, Key::M),
            Command::SelectPreviousKeyword => (Modifiers::ALT, Key::ArrowUp),
            Command::SelectNextKeyword => (Modifiers::ALT, Key::ArrowDown),
            Command::EditKeyword => (Modifiers::NONE, Key::F2),
            Command::DeleteKeyword => (Modifiers::NONE, Key::Delete),
            Command::MoveKeywordUp => (alt_shift, Key::ArrowUp),
            Command::MoveKeywordDown => (alt_shift, Key::ArrowDown),
            Command::ToggleHighlight => (ctrl, Key::H),
            Command::NewExperiment => (ctrl_shift, Key::N),
            Command::ShowExport => (ctrl_shift, Key::E),
            Command::NextProjectorPage => (Modifiers::ALT, Key::PageDown),
            _ => return None,
        };
        Some(KeyboardShortcut::new(modifiers, key))
    }

    /// A second shortcut for the same command (Ctrl+Y for redo).
    #[must_use]
    pub fn alternative_shortcut(&self) -> Option<KeyboardShortcut> {
        match self {
            Command::Redo => Some(KeyboardShortcut::new(Modifiers::COMMAND, Key::Y)),
            _ => None,
        }
    }

    /// A one-line explanation for tooltips and the cheat sheet.
    #[must_use]
    pub fn tooltip(&self, lang: Language) -> Option<&'static str> {
        let key = match self {
            Command::NewFromThis => T::TipNewFromThis,
            Command::NewFollowUp(_) => T::TipNewFollowUp,
            Command::StartPause => T::TipStartPause,
            Command::NextSpeaker => T::TipNextSpeaker,
            Command::DeleteKeyword => T::TipDeleteKeyword,
            Command::Undo => T::TipUndo,
            Command::EditKeyword => T::TipEditKeyword,
            _ => return None,
        };
        Some(tr(lang, key))
    }

    /// Whether the command changes the session (and so gets an undo step).
    #[must_use]
    pub fn edits_session(&self) -> bool {
        matches!(
            self,
            Command::SetPlannedMinutes(..)
                | Command::TakeMinutes { .. }
                | Command::AddItem
                | Command::RemoveItem(_)
                | Command::MoveItem(..)
                | Command::SetItemKind(..)
                | Command::SetItemTitle(..)
                | Command::SetItemBlock(..)
                | Command::MoveSpeaker(..)
                | Command::SetSpeakerStatus(..)
                | Command::SetSpeakerMinutes(..)
                | Command::DeleteKeyword
                | Command::MoveKeywordUp
                | Command::MoveKeywordDown
                | Command::ToggleHighlight
                | Command::NewExperiment
                | Command::AddKeyword(_)
                | Command::ReplaceKeyword(..)
                | Command::SetExperimentTitle(..)
                | Command::AddBullet { .. }
                | Command::DeleteBullet(_)
                | Command::AddNote(..)
                | Command::SetHeader(_)
                | Command::AddAction
                | Command::SetAction(_)
                | Command::RemoveAction(_)
                | Command::AddNextMeeting
                | Command::SetNextMeeting(_)
                | Command::RemoveNextMeeting(_)
                | Command::AddOrganisation(_)
                | Command::RenameOrganisation(..)
                | Command::SetOrganisationKind(..)
                | Command::SetOrganisationAttendance(..)
                | Command::MoveOrganisation(..)
                | Command::RemoveOrganisation(_)
                | Command::PasteParticipants(_)
                | Command::SetParticipant(_)
                | Command::RemoveParticipant(_)
                | Command::AttachPhoto { .. }
                | Command::SetPhotoCaption(..)
                | Command::RemovePhoto(_)
                | Command::ThemeToObservations(_)
                | Command::ConfirmTheme(_)
                | Command::DismissTheme(_)
                | Command::MergeThemes { .. }
                | Command::RenameTheme(..)
        )
    }

    /// Edits typed into one form field share this group, so undo takes the
    /// whole field back at once rather than one letter at a time.
    #[must_use]
    pub fn undo_group(&self) -> Option<String> {
        match self {
            Command::SetHeader(_) => Some("header".into()),
            Command::SetItemTitle(id, _) => Some(format!("item-title-{id}")),
            Command::SetPlannedMinutes(id, _) => Some(format!("item-minutes-{id}")),
            Command::SetSpeakerMinutes(id, _) => Some(format!("speaker-minutes-{id}")),
            Command::RenameOrganisation(id, _) => Some(format!("org-name-{id}")),
            Command::SetParticipant(p) => Some(format!("participant-{}", p.id)),
            Command::SetAction(a) => Some(format!("action-{}", a.id)),
            Command::SetNextMeeting(m) => Some(format!("meeting-{}", m.id)),
            Command::SetPhotoCaption(id, _) => Some(format!("photo-caption-{id}")),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortcuts_are_distinct_and_labelled() {
        let mut seen = Vec::new();
        for cmd in Command::WITH_SHORTCUTS {
            let shortcut = cmd.shortcut().expect("listed commands have a shortcut");
            for s in std::iter::once(shortcut).chain(cmd.alternative_shortcut()) {
                if !seen.contains(&(s, cmd.clone())) {
                    assert!(
                        !seen.iter().any(|(other, c)| *other == s && *c != cmd),
                        "{cmd:?} repeats a shortcut"
                    );
                    seen.push((s, cmd.clone()));
                }
            }
            for lang in Language::ALL {
                assert!(!cmd.label(lang).is_empty());
            }
        }
    }
}
