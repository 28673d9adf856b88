//! Carrying out what the views ask for: every edit goes through
//! [`LeerkringApp::apply_edit`] (one path for undo, autosave and the
//! projector's picture, whatever produced the edit); commands and requests
//! are handled by exhaustive matches, so a command without a handler does
//! not compile.

use crate::i18n::{T, tr};
use crate::model::markers::keyword_field_text;
use crate::model::{AgendaKind, Created, Edit, EditError, OrgKind, Outcome};

use super::projector::{Blank, ProjectorMode};
use super::runner::{ClockEdits, carry_timing};
use super::views::FocusTarget;
use super::{Command, Field, Leave, LeerkringApp, NoticeLevel, Request, Screen, View};

/// How many commands the log keeps.
const LOG: usize = super::COMMAND_LOG;

impl LeerkringApp {
    /// Applies an edit to the session: refused while the session is
    /// read-only (except what the clock writes); an undoable edit that
    /// changed something gets an undo step; every change is saved and
    /// reaches the projector. On an error nothing changed.
    pub fn apply_edit(&mut self, edit: &Edit) -> Result<Outcome, EditError> {
        if self.state.screen != Screen::Session {
            return Ok(Outcome::Unchanged);
        }
        if self.state.read_only && edit.undoable() {
            let lang = self.state.ui_lang;
            self.notify(
                NoticeLevel::Info,
                tr(lang, T::ReadOnlyTitle),
                tr(lang, T::ReadOnlyRefused).to_owned(),
            );
            return Ok(Outcome::Unchanged);
        }
        let before = edit.undoable().then(|| self.state.session.clone());
        let selected = self.state.card(self.view.capture.card);
        let outcome = edit.apply(&mut self.state.session)?;
        if outcome.changed() {
            if let Some(before) = before {
                self.history.record(before, edit.undo_group());
            }
            self.journal(edit.clone());
            self.keep_selected_card(selected.as_ref());
            self.applied();
        }
        Ok(outcome)
    }

    /// An edit typed or clicked in the console: applied, then the console
    /// follows it (the next bullet's depth). Why an edit was refused is
    /// shown, except for an empty text (Enter in an empty field) or a thing
    /// removed meanwhile.
    pub(super) fn apply_from_console(&mut self, edit: &Edit) -> Option<Created> {
        match self.apply_edit(edit) {
            Ok(Outcome::Created(created)) => {
                self.follow_created(edit, &created);
                Some(created)
            }
            Ok(Outcome::Changed | Outcome::Unchanged)
            | Err(EditError::Empty(_) | EditError::Missing(..)) => None,
            Err(
                error @ (EditError::TooLong { .. }
                | EditError::OutOfRange { .. }
                | EditError::MergeCycle(..)
                | EditError::Invalid(_)),
            ) => {
                let lang = self.state.ui_lang;
                self.notify(
                    NoticeLevel::Info,
                    tr(lang, T::EditRefused),
                    super::edit_error_message(&error, lang),
                );
                None
            }
        }
    }

    /// After an edit made something: the next bullet's depth follows it, and
    /// a new row (organisation, participant, agenda item, action, planned
    /// meeting) gets the cursor in its name, so typing goes on there.
    fn follow_created(&mut self, edit: &Edit, created: &Created) {
        let target = match (edit, created) {
            // The field follows the depth the bullet got, unless a Tab
            // typed after its Enter already chose the next one.
            (Edit::AddTypedBullet { depth: asked, .. }, Created::Bullet { depth, .. }) => {
                if self.view.capture.bullet_depth == *asked {
                    self.view.capture.bullet_depth = *depth;
                }
                None
            }
            (_, Created::Organisation(id)) => Some(FocusTarget::Organisation(id.clone())),
            (_, Created::Participant(id)) => Some(FocusTarget::Participant(id.clone())),
            (_, Created::Item(id)) => {
                self.view.editing_item = Some(id.clone());
                Some(FocusTarget::Item(id.clone()))
            }
            // An action typed with "! " in the bullet field keeps the cursor there.
            (Edit::AddAction { .. }, Created::Action(id)) => Some(FocusTarget::Action(id.clone())),
            (_, Created::Meeting(id)) => Some(FocusTarget::Meeting(id.clone())),
            _ => None,
        };
        if let Some(target) = target {
            self.view.focus_on(target);
        }
    }

    /// What the clock wrote (already applied): journalled, saved and shown,
    /// never undone.
    fn clock_applied(&mut self, edits: &ClockEdits) {
        for edit in edits {
            self.journal(edit.clone());
        }
        if !edits.is_empty() {
            self.applied();
        }
    }

    /// After any change to the session: it is saved within two seconds and
    /// reaches the projector; what the console points at stays valid.
    fn applied(&mut self) {
        self.changed();
        let session = &self.state.session;
        let capture = &mut self.view.capture;
        let keyword_exists = |id: &crate::model::KeywordId| {
            session
                .experiments
                .iter()
                .any(|e| e.keywords.iter().any(|k| &k.id == id))
        };
        if capture
            .selected_keyword
            .as_ref()
            .is_some_and(|id| !keyword_exists(id))
        {
            capture.selected_keyword = None;
        }
        if capture
            .editing_keyword
            .as_ref()
            .is_some_and(|id| !keyword_exists(id))
        {
            capture.editing_keyword = None;
            capture.keyword.clear();
        }
        let runner = &mut self.state.runner;
        if runner
            .current
            .as_ref()
            .is_some_and(|id| session.agenda_item(id).is_none())
        {
            runner.current = None;
        }
        let projector = &mut self.state.projector;
        if projector
            .photo
            .as_ref()
            .is_some_and(|id| !session.attachments.iter().any(|a| &a.id == id))
        {
            projector.photo = None;
        }
    }

    /// Carries out a command (whose key was pressed, or whose menu entry or
    /// button was clicked).
    pub fn run_command(&mut self, command: Command, ctx: &egui::Context) {
        if self.command_log.len() >= LOG {
            self.command_log.remove(0);
        }
        self.command_log.push(command);
        let now = self.env.clock.now();
        match command {
            Command::CheatSheet => self.view.cheat_sheet_open = !self.view.cheat_sheet_open,
            Command::NewFromThis => self.leave(Leave::NewFromThis, ctx),
            Command::NewSession => {
                if self.view.new_session.is_some() {
                    self.view.new_session = None;
                } else {
                    self.read_templates();
                    self.view.new_session = Some(super::NewSessionView {
                        selected: 0,
                        focus_pending: true,
                    });
                }
            }
            Command::SaveAsTemplate => {
                self.view.template_name = match self.view.template_name {
                    Some(_) => None,
                    None => Some(String::new()),
                };
                self.view.template_name_focus = self.view.template_name.is_some();
            }
            Command::ShowPaste => {
                let paste = &mut self.view.paste;
                paste.open = !paste.open;
                paste.focus_pending = paste.open;
                if paste.open {
                    self.view.view = View::Setup;
                }
            }
            Command::Open => self.leave(Leave::Open, ctx),
            Command::OpenSample => self.leave(Leave::OpenSample, ctx),
            Command::Save => self.save_now(),
            Command::SaveAs => {
                let name = self.save_as_file_name();
                self.pending_save_as = Some(self.env.dialogs.save_session_as(&name));
            }
            Command::ShowHistory => {
                self.view.history_open = !self.view.history_open;
                if self.view.history_open {
                    self.read_history();
                }
            }
            Command::ShowSeries => self.toggle_series(),
            Command::ShowExport => {
                if self.view.export.open {
                    self.view.export.open = false;
                } else {
                    self.view.export =
                        super::export::ExportState::opened(&self.default_export_folder());
                }
            }
            Command::ExportNow => self.export_now(),
            Command::PickExportFolder => {
                self.pending_folder = Some(self.env.dialogs.pick_folder());
            }
            Command::AddPhoto => self.ask_for_photo(),
            Command::WorkInCopy => self.work_in_copy(),
            Command::ContinueUnprotected => {
                if self.state.unprotected.take().is_some() {
                    // The facilitator's choice: edits and saves go ahead; a
                    // change by another window is still noticed before a save.
                    self.state.read_only = false;
                    self.view.capture.focus_request = Some(Field::Keyword);
                }
            }
            Command::OverwriteChangedFile => {
                if let Some(file) = self
                    .state
                    .file
                    .clone()
                    .filter(|_| self.state.changed_on_disk)
                {
                    self.expect_file(&file, None);
                    self.save_now();
                }
            }
            Command::ReloadChangedFile => {
                if let Some(file) = self
                    .state
                    .file
                    .clone()
                    .filter(|_| self.state.changed_on_disk)
                {
                    // Unsaved changes stay in the journal and the recovery
                    // copy: opening the changed file offers them back.
                    self.state.dirty = false;
                    self.open_file(&file);
                }
            }
            Command::Quit => {
                if self.shutdown.load(std::sync::atomic::Ordering::SeqCst) {
                    // The system asks the app to stop: save and go, never ask.
                    self.save_if_dirty();
                    self.close_window(ctx);
                } else {
                    self.leave(Leave::Quit, ctx);
                }
            }
            Command::LeaveSaveAs => {
                self.after_save_as = self.state.pending_leave.take();
                self.run_command(Command::SaveAs, ctx);
            }
            Command::LeaveDiscard => {
                if let Some(then) = self.state.pending_leave.take() {
                    self.state.dirty = false;
                    self.leave_now_with(then, ctx);
                }
            }
            Command::LeaveCancel => self.state.pending_leave = None,
            Command::LeaveKeepRecovery => {
                if let Some(then) = self.state.pending_leave.take() {
                    // The recovery copy is brought up to date; the next start
                    // (without a file) lists it on the start screen.
                    self.save_now();
                    if self.state.dirty {
                        return;
                    }
                    if then == Leave::Quit {
                        self.settings.show_untitled_copies = true;
                        self.store_settings();
                        self.flush_settings_now();
                    }
                    self.leave_now_with(then, ctx);
                }
            }
            Command::CloseWindow => self.close_topmost_window(ctx),
            Command::Undo => {
                if let Some(mut previous) = self.history.undo(&self.state.session) {
                    let selected = self.state.card(self.view.capture.card);
                    carry_timing(&self.state.session, &mut previous);
                    // Undo never takes away what a phone sent.
                    previous.keep_submissions_from(&self.state.session);
                    self.state.session = previous;
                    self.after_undo(selected.as_ref());
                }
            }
            Command::Redo => {
                if let Some(mut next) = self.history.redo(&self.state.session) {
                    let selected = self.state.card(self.view.capture.card);
                    carry_timing(&self.state.session, &mut next);
                    next.keep_submissions_from(&self.state.session);
                    self.state.session = next;
                    self.after_undo(selected.as_ref());
                }
            }
            Command::Find => {
                self.view.capture.find_open = true;
                self.view.capture.focus_request = Some(Field::Find);
            }
            Command::ShowThemes => {
                let themes = &mut self.view.themes;
                themes.open = !themes.open;
                themes.merge_from = None;
                themes.renaming = None;
                if themes.open {
                    // The view's keys (arrows, Enter, Space) go to the view, not a field.
                    self.view.capture.focus_request = None;
                    ctx.memory_mut(|m| {
                        if let Some(id) = m.focused() {
                            m.surrender_focus(id);
                        }
                    });
                }
            }
            Command::ShowConsole => {
                self.view.view = View::Console;
                self.view.capture.focus_request = Some(Field::Keyword);
            }
            Command::ShowSetup => {
                self.view.view = View::Setup;
                self.view.focus_on(FocusTarget::SetupTitle);
            }
            Command::StartPause => {
                let edits = self.state.runner.toggle(&mut self.state.session, now);
                self.clock_applied(&edits);
                // The card stays where the facilitator put it: it follows
                // the speaker only when the floor is given (F6, a name).
                // The status bar and projector show the clock's new state.
                self.changed();
            }
            Command::NextItem | Command::PreviousItem => {
                let delta = if command == Command::NextItem { 1 } else { -1 };
                let edits = self.state.runner.step(&mut self.state.session, delta, now);
                self.clock_applied(&edits);
                self.after_item_change(true);
            }
            Command::NextSpeaker => {
                let edits = self.state.runner.next_speaker(&mut self.state.session, now);
                self.clock_applied(&edits);
                self.follow_speaker();
                self.changed();
            }
            Command::SkipSpeaker => {
                let edits = self.state.runner.skip_speaker(&mut self.state.session, now);
                self.clock_applied(&edits);
                self.follow_speaker();
                self.changed();
            }
            Command::FinishAgenda => {
                let edits = self.state.runner.finish(&mut self.state.session, now);
                self.clock_applied(&edits);
                self.changed();
            }
            Command::AddItem => {
                // After the item being edited (the facilitator chose it), else
                // after the current one, else at the end.
                let session = &self.state.session;
                let at = self
                    .view
                    .editing_item
                    .as_ref()
                    .or(self.state.runner.current.as_ref())
                    .and_then(|c| session.agenda.iter().position(|i| &i.id == c))
                    .map_or(session.agenda.len(), |p| p + 1);
                let title = tr(self.state.ui_lang, T::NewItemTitle).to_owned();
                self.apply_from_console(&Edit::AddItem {
                    at,
                    title,
                    kind: AgendaKind::Discussion,
                    minutes: 10,
                });
            }
            Command::AddAction => {
                let text = tr(self.state.ui_lang, T::NewAction).to_owned();
                self.apply_from_console(&Edit::AddAction { text });
            }
            Command::AddNextMeeting => {
                self.apply_from_console(&Edit::AddNextMeeting);
            }
            Command::AddMunicipality | Command::AddGuest => {
                let (kind, name) = if command == Command::AddMunicipality {
                    (OrgKind::Municipality, T::NewMunicipality)
                } else {
                    (OrgKind::Guest, T::NewGuest)
                };
                let name = tr(self.state.ui_lang, name).to_owned();
                self.apply_from_console(&Edit::AddOrganisation { name, kind });
            }
            Command::ToggleProjector => {
                let p = &mut self.state.projector;
                p.open = !p.open;
            }
            Command::ProjectorBlack | Command::ProjectorWhite => {
                let wanted = if command == Command::ProjectorBlack {
                    Blank::Black
                } else {
                    Blank::White
                };
                let p = &mut self.state.projector;
                p.blank = if p.blank == wanted {
                    Blank::Off
                } else {
                    wanted
                };
            }
            Command::ProjectorFreeze => {
                if self.state.projector.frozen.is_some() {
                    self.state.projector.frozen = None;
                } else {
                    self.state.projector.frozen = Some(Box::new(self.state.freeze_now()));
                }
            }
            Command::ProjectorFullscreen => {
                let p = &mut self.state.projector;
                p.open = true;
                p.fullscreen = !p.fullscreen;
            }
            Command::ProjectorHome => {
                let p = &mut self.state.projector;
                p.open = true;
                p.fullscreen = false;
                p.monitor = 0;
            }
            Command::ProjectorNextMonitor => {
                let p = &mut self.state.projector;
                p.open = true;
                p.monitor = (p.monitor + 1) % 4;
                p.fullscreen = true;
            }
            Command::ModeAuto => self.set_projector_mode(None),
            Command::ModeWhiteboard => self.set_projector_mode(Some(ProjectorMode::Whiteboard)),
            Command::ModeFocus => self.set_projector_mode(Some(ProjectorMode::Focus)),
            Command::ModeAgenda => self.set_projector_mode(Some(ProjectorMode::Agenda)),
            Command::ModeSynthesis => self.set_projector_mode(Some(ProjectorMode::Synthesis)),
            Command::ModeTimer => self.set_projector_mode(Some(ProjectorMode::Timer)),
            Command::ModePhoto => self.set_projector_mode(Some(ProjectorMode::Photo)),
            Command::ModeThemes => self.set_projector_mode(Some(ProjectorMode::Themes)),
            Command::ModeJoin => self.set_projector_mode(Some(ProjectorMode::Join)),
            Command::ModeVote => self.set_projector_mode(Some(ProjectorMode::Vote)),
            Command::OpenRoom => {
                // Errors are shown as a notice by `open_room`.
                let _ = self.open_room();
                self.view.inbox.shown = true;
            }
            Command::CloseRoom => {
                // A running vote is closed and kept before the room goes.
                self.close_vote();
                self.close_room();
            }
            Command::StartVoteThemes => {
                let _ = self.start_vote(crate::model::VoteSource::Themes);
            }
            Command::StartVoteBlock => {
                let block = self.state.active_block();
                let _ = self.start_vote(crate::model::VoteSource::Block { block });
            }
            Command::CloseVote => self.close_vote(),
            Command::CancelVote => self.cancel_vote(),
            Command::ToggleRoomAutoAccept => self.toggle_room_auto_accept(),
            Command::ToggleRoomAnonymous => self.toggle_room_anonymous(),
            Command::FocusInbox => {
                let inbox = &mut self.view.inbox;
                inbox.shown = true;
                inbox.active = true;
                inbox.editing = None;
                // The inbox's keys (Enter, F2, Delete) go to the inbox, not
                // to a text field or the selected keyword.
                let capture = &mut self.view.capture;
                capture.focus_request = None;
                capture.selected_keyword = None;
                ctx.memory_mut(|m| {
                    if let Some(id) = m.focused() {
                        m.surrender_focus(id);
                    }
                });
            }
            Command::NextProjectorPage => {
                let p = &mut self.state.projector;
                let pages = p.report.map_or(1, |r| r.pages.max(1));
                p.page = (p.page + 1) % pages;
            }
            Command::ThemeLight => {
                self.state.projector.theme = super::projector::BeamerTheme::Light;
            }
            Command::ThemeDark => {
                self.state.projector.theme = super::projector::BeamerTheme::Dark;
            }
            Command::ThemeHighContrast => {
                self.state.projector.theme = super::projector::BeamerTheme::HighContrast;
            }
            Command::ToggleProjectorHeader => {
                let p = &mut self.state.projector;
                p.show_header = !p.show_header;
            }
            Command::ToggleTitleMarker => {
                let p = &mut self.state.projector;
                p.title_marker = !p.title_marker;
            }
            Command::NextCard | Command::PreviousCard => {
                let count = self.state.session.cards().len();
                if count > 0 {
                    let current = self.view.capture.card.min(count - 1);
                    self.select_card(if command == Command::NextCard {
                        (current + 1).min(count - 1)
                    } else {
                        current.saturating_sub(1)
                    });
                }
            }
            Command::FocusKeywords => self.view.capture.focus_request = Some(Field::Keyword),
            Command::FocusBullets => self.view.capture.focus_request = Some(Field::Bullet),
            Command::FocusNotes => self.view.capture.focus_request = Some(Field::Notes),
            Command::EditTitle => {
                let title = self
                    .state
                    .experiment_of_card(self.view.capture.card)
                    .and_then(|id| self.state.session.experiment(&id))
                    .map(|e| e.title.clone())
                    .unwrap_or_default();
                let capture = &mut self.view.capture;
                capture.title = title;
                capture.editing_title = true;
                capture.focus_request = Some(Field::Title);
            }
            Command::SelectPreviousKeyword | Command::SelectNextKeyword => {
                self.step_keyword_selection(command == Command::SelectNextKeyword);
            }
            Command::EditKeyword => {
                let capture = &mut self.view.capture;
                if let Some(id) = capture.selected_keyword.clone()
                    && let Some(keyword) = self
                        .state
                        .session
                        .experiments
                        .iter()
                        .flat_map(|e| &e.keywords)
                        .find(|k| k.id == id)
                {
                    capture.keyword = keyword_field_text(&keyword.text, &keyword.tags);
                    capture.editing_keyword = Some(id);
                    capture.focus_request = Some(Field::Keyword);
                }
            }
            Command::DeleteKeyword => {
                if let Some(id) = self.view.capture.selected_keyword.clone() {
                    // Select a neighbour so Delete can be pressed again.
                    let neighbour = self.state.session.experiments.iter().find_map(|e| {
                        let pos = e.keywords.iter().position(|k| k.id == id)?;
                        e.keywords
                            .get(pos + 1)
                            .or_else(|| pos.checked_sub(1).and_then(|p| e.keywords.get(p)))
                            .map(|k| k.id.clone())
                    });
                    if let Ok(outcome) = self.apply_edit(&Edit::DeleteKeyword(id))
                        && outcome.changed()
                    {
                        self.view.capture.selected_keyword = neighbour;
                    }
                }
            }
            Command::MoveKeywordUp | Command::MoveKeywordDown => {
                if let Some(keyword) = self.view.capture.selected_keyword.clone() {
                    let delta = if command == Command::MoveKeywordUp {
                        -1
                    } else {
                        1
                    };
                    self.apply_from_console(&Edit::MoveKeyword { keyword, delta });
                }
            }
            Command::ToggleHighlight => {
                if let Some(keyword) = self.view.capture.selected_keyword.clone() {
                    let highlighted = self
                        .state
                        .session
                        .experiments
                        .iter()
                        .flat_map(|e| &e.keywords)
                        .find(|k| k.id == keyword)
                        .is_some_and(|k| !k.highlighted);
                    self.apply_from_console(&Edit::SetKeywordHighlight {
                        keyword,
                        highlighted,
                    });
                }
            }
            Command::NewExperiment => {
                if let Some(card) = self.state.card(self.view.capture.card)
                    && let Some(Created::Experiment(id)) =
                        self.apply_from_console(&Edit::AddExperiment(card.org))
                {
                    let capture = &mut self.view.capture;
                    if let Some(pos) = self
                        .state
                        .session
                        .cards()
                        .iter()
                        .position(|c| c.experiment.as_ref() == Some(&id))
                    {
                        capture.card = pos;
                    }
                    capture.selected_keyword = None;
                    capture.focus_request = Some(Field::Title);
                    capture.editing_title = true;
                    capture.title.clear();
                }
            }
        }
    }

    /// Carries out an app operation asked for with a value.
    pub fn run_request(&mut self, request: Request, ctx: &egui::Context) {
        let now = self.env.clock.now();
        match request {
            Request::NewFollowUp(meeting) => self.new_follow_up(meeting),
            Request::OpenPath(path) => self.leave(Leave::OpenPath(path), ctx),
            Request::SetUiLanguage(lang) => {
                self.state.ui_lang = lang;
                self.settings.ui_language = Some(lang);
                self.store_settings();
            }
            Request::DismissNotice(index) => {
                if index < self.state.notices.len() {
                    self.state.notices.remove(index);
                }
            }
            Request::Recover(index) => self.recover(index),
            Request::DismissRecovery(index) => {
                if index < self.state.recovery.len() {
                    self.state.recovery.remove(index);
                }
            }
            Request::RestoreVersion(path) => self.restore_version(&path),
            Request::OpenReport(path) | Request::ShowInFolder(path) => {
                if !super::export::open_with_system(&path) {
                    let lang = self.state.ui_lang;
                    self.notify(
                        NoticeLevel::Error,
                        tr(lang, T::NoViewer),
                        path.display().to_string(),
                    );
                }
            }
            Request::GoToItem(id) => {
                let edits = self.state.runner.go_to(&mut self.state.session, &id, now);
                self.clock_applied(&edits);
                self.after_item_change(false);
            }
            Request::SetSpeaker(org) => {
                let edits = self
                    .state
                    .runner
                    .set_speaker(&mut self.state.session, &org, now);
                self.clock_applied(&edits);
                self.follow_speaker();
                self.changed();
            }
            Request::SelectCard(index) => self.select_card(index),
            Request::ChooseBlock(block) => {
                // The projector's synthesis mode shows the chosen block too.
                self.state.chosen_block = Some(block);
            }
            Request::ShowPhoto(id) => {
                let p = &mut self.state.projector;
                p.photo = Some(id);
                p.mode_override = Some(ProjectorMode::Photo);
                p.page = 0;
            }
            Request::NewFromTemplate(index) => {
                if let Some(entry) = self.state.templates.get(index) {
                    let source = entry.source.clone();
                    self.view.new_session = None;
                    self.leave(Leave::NewFromTemplate(source), ctx);
                }
            }
            Request::OpenUntitledCopy(index) => {
                if let Some(copy) = self.state.untitled_copies.get(index).cloned() {
                    self.leave(Leave::OpenUntitled(copy.path, copy.name), ctx);
                }
            }
            Request::RemoveUntitledCopy(index) => {
                if let Some(copy) = self.state.untitled_copies.get(index).cloned()
                    && let Some(dirs) = &self.env.dirs
                {
                    if let Err(error) = crate::store::remove_untitled_copy(dirs, &copy.name) {
                        let lang = self.state.ui_lang;
                        self.notify(
                            NoticeLevel::Error,
                            tr(lang, T::SaveFailed),
                            error.message(lang),
                        );
                    }
                    self.read_untitled_copies();
                }
            }
            Request::SaveTemplate(name) => self.save_template(&name),
            Request::SaveAsPath(path) => {
                self.view.path_prompt = None;
                self.save_as(&path);
            }
            Request::CancelPathPrompt => {
                self.view.path_prompt = None;
                self.after_save_as = None;
            }
            Request::ImportPhotos(paths) => {
                self.view.path_prompt = None;
                self.attach_photo_files(paths);
            }
            Request::ChooseRoomAddress(ip) => self.choose_room_address(ip),
            Request::ThemeToObservations(key) => {
                if let Some(text) = super::theme_suggestion(&self.state.session, &key) {
                    self.apply_from_console(&Edit::AddBullet {
                        block: crate::model::BlockKind::Observations,
                        depth: 0,
                        text,
                        tags: Vec::new(),
                    });
                }
            }
        }
    }

    fn set_projector_mode(&mut self, mode: Option<ProjectorMode>) {
        self.state.projector.mode_override = mode;
        self.state.projector.page = 0;
    }

    /// Starts writing the report in the chosen formats (on a thread).
    fn export_now(&mut self) {
        let base = self.session_base();
        let name_source = match &self.state.file {
            Some(file) => file.clone(),
            None => std::path::PathBuf::from(self.title_file_name()),
        };
        let export = &mut self.view.export;
        let formats = export.chosen();
        if formats.is_empty() || export.running.is_some() {
            return;
        }
        let folder = std::path::PathBuf::from(export.folder.trim());
        let mut options = crate::report::ExportOptions::new(export.public);
        if export.public {
            options.include_photos = export.photos_in_public;
        }
        let author = export.author.trim();
        if !author.is_empty() {
            options.author = Some(author.to_owned());
        }
        options.exported_at = Some(chrono::Utc::now());
        // Photos are found beside the session file, or for an untitled
        // session beside its recovery copy.
        if let Some(base) = &base {
            options = options.next_to(base);
        }
        export.result = None;
        export.running = Some(super::export::start_export(
            self.state.session.clone(),
            formats,
            options,
            folder,
            name_source,
            self.state.ui_lang,
        ));
    }

    /// Leaves the session for `then` once unsaved changes are safe.
    fn leave(&mut self, then: Leave, ctx: &egui::Context) {
        if self.may_leave(then.clone()) {
            self.leave_now_with(then, ctx);
        }
    }

    fn leave_now_with(&mut self, then: Leave, ctx: &egui::Context) {
        if then == Leave::Quit {
            self.close_window(ctx);
        } else {
            self.leave_now(then);
        }
    }

    /// Carries out what waited (the session is saved or given up).
    pub(super) fn leave_now(&mut self, then: Leave) {
        match then {
            // Quitting needs the window; `leave_now_with` handles it.
            Leave::Quit => self.quit_requested = true,
            Leave::Open => self.pending_open = Some(self.env.dialogs.pick_session()),
            Leave::OpenPath(path) => self.open_file(&path),
            Leave::OpenSample => self.open_sample(),
            Leave::NewFromThis => {
                let skeleton = self.state.session.skeleton();
                self.show_session(skeleton, None);
                self.state.untitled_name = self.new_untitled_name();
                self.changed();
            }
            Leave::NewFromTemplate(source) => {
                let session = match source {
                    crate::store::TemplateSource::BuiltIn(builtin) => {
                        Ok(builtin.session(self.state.ui_lang))
                    }
                    crate::store::TemplateSource::Own(path) => crate::store::load_template(&path)
                        .map_err(|error| (crate::store::template_name(&path), error)),
                };
                match session {
                    Ok(session) => {
                        self.lock = None;
                        self.show_session(session, None);
                        self.state.untitled_name = self.new_untitled_name();
                        self.show_new_session_setup();
                        self.update_marker();
                    }
                    Err((name, error)) => {
                        let lang = self.state.ui_lang;
                        self.notify(
                            NoticeLevel::Error,
                            &crate::i18n::trf(lang, T::TemplateUnreadable, &[("name", &name)]),
                            error.message(lang),
                        );
                    }
                }
            }
            Leave::OpenUntitled(path, name) => self.open_untitled_copy(path, name),
        }
    }

    fn close_window(&mut self, ctx: &egui::Context) {
        self.quitting = true;
        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
    }

    fn after_undo(&mut self, selected: Option<&crate::model::Card>) {
        self.view.capture.editing_keyword = None;
        // Undo and redo replace the whole session: so does the journal.
        self.journal(Edit::ReplaceSession(Box::new(self.state.session.clone())));
        self.keep_selected_card(selected);
        self.applied();
    }

    /// After a change that moved, added or removed cards (organisations
    /// reordered in the setup, an undo): the same municipality stays
    /// selected, so the next keyword never goes to another card.
    fn keep_selected_card(&mut self, selected: Option<&crate::model::Card>) {
        let Some(selected) = selected else {
            return;
        };
        let cards = self.state.session.cards();
        let same = cards
            .iter()
            .position(|c| c == selected)
            .or_else(|| cards.iter().position(|c| c.org == selected.org));
        if let Some(index) = same {
            self.view.capture.card = index;
        }
    }

    /// After moving in the agenda with its keys: the cursor goes where the
    /// new item is captured. (A button in the agenda list keeps it there.)
    fn after_item_change(&mut self, move_cursor: bool) {
        self.changed();
        self.view.capture.bullet_depth = 0;
        if move_cursor {
            self.view.capture.focus_request = Some(if self.state.bullets_lead() {
                Field::Bullet
            } else {
                Field::Keyword
            });
        }
    }

    /// In a round, the selected card follows the speaker when the floor is
    /// given (F6, Shift+F6, a speaker's name): giving the floor is choosing
    /// the municipality. Nothing else moves the card.
    fn follow_speaker(&mut self) {
        let Some(org) = self.state.runner.speaker.clone() else {
            return;
        };
        if let Some(pos) = self.state.session.cards().iter().position(|c| c.org == org) {
            self.select_card(pos);
        }
    }

    fn select_card(&mut self, index: usize) {
        let capture = &mut self.view.capture;
        if capture.card != index {
            capture.card = index;
            capture.selected_keyword = None;
            capture.editing_keyword = None;
            capture.editing_title = false;
        }
    }

    fn step_keyword_selection(&mut self, down: bool) {
        let Some(experiment) = self
            .state
            .experiment_of_card(self.view.capture.card)
            .and_then(|id| self.state.session.experiment(&id))
        else {
            return;
        };
        let ids: Vec<_> = experiment.keywords.iter().map(|k| k.id.clone()).collect();
        let capture = &mut self.view.capture;
        let position = capture
            .selected_keyword
            .as_ref()
            .and_then(|id| ids.iter().position(|k| k == id));
        capture.selected_keyword = match (position, down) {
            (None, false) => ids.last().cloned(),
            (None, true) => ids.first().cloned(),
            (Some(p), false) => p.checked_sub(1).and_then(|p| ids.get(p)).cloned(),
            (Some(p), true) => ids.get(p + 1).cloned(),
        };
    }
}

impl LeerkringApp {
    /// Saves the session's agenda and times as an own template.
    fn save_template(&mut self, name: &str) {
        let lang = self.state.ui_lang;
        let name = name.trim();
        if name.is_empty() {
            return;
        }
        let Some(dirs) = self.env.dirs.clone() else {
            self.notify(
                NoticeLevel::Error,
                tr(lang, T::TemplateSaveFailed),
                tr(lang, T::TemplateNoDataFolder).to_owned(),
            );
            return;
        };
        self.view.template_name = None;
        match crate::store::save_template(&dirs, name, &self.state.session) {
            Ok(path) => {
                let name = crate::store::template_name(&path);
                self.notify(
                    NoticeLevel::Info,
                    &crate::i18n::trf(lang, T::TemplateSaved, &[("name", &name)]),
                    path.display().to_string(),
                );
            }
            Err(error) => self.notify(
                NoticeLevel::Error,
                tr(lang, T::TemplateSaveFailed),
                error.message(lang),
            ),
        }
    }

    /// The name "save as" offers: the session's own file name, or one made
    /// from its title.
    pub(super) fn save_as_file_name(&self) -> String {
        self.state
            .file
            .as_ref()
            .and_then(|f| f.file_name())
            .map_or_else(
                || self.title_file_name(),
                |n| n.to_string_lossy().into_owned(),
            )
    }

    /// A file name for a session without one, from its title.
    pub(super) fn title_file_name(&self) -> String {
        format!(
            "{}.json",
            crate::model::slug(&self.state.session.header.title, "sessie")
        )
    }
}
