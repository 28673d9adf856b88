//! Carrying out commands. Edits to the session get an undo step; clock
//! commands write times into the session but are never undone.

use crate::model::markers::{BulletKind, keyword_field_text, parse_bullet, parse_keyword};
use crate::model::{
    AgendaItem, AgendaKind, ItemId, Note, NoteId, OrgKind, Round, Session, Speaker, SpeakerStatus,
};

use super::runner::carry_timing;
use super::{Command, Field, Leave, LeerkringApp, Screen, View};

impl LeerkringApp {
    /// Carries out one command.
    pub fn run(&mut self, command: Command, ctx: &egui::Context) {
        if command.edits_session() {
            if self.state.screen != Screen::Session {
                return;
            }
            if self.state.read_only {
                let lang = self.state.ui_lang;
                self.notify(
                    super::NoticeLevel::Info,
                    crate::i18n::tr(lang, crate::i18n::T::ReadOnlyTitle),
                    crate::i18n::tr(lang, crate::i18n::T::ReadOnlyRefused).to_owned(),
                );
                return;
            }
            let before = self.state.session.clone();
            let group = command.undo_group();
            self.edit(command);
            if self.state.session != before {
                self.history.record(before, group);
                self.changed();
            }
            return;
        }
        let now = self.env.clock.now();
        match command {
            Command::NewFromThis => self.leave(Leave::NewFromThis, ctx),
            Command::NewFollowUp(meeting) => self.new_follow_up(meeting),
            Command::ShowSeries => self.toggle_series(),
            Command::Open => self.leave(Leave::Open, ctx),
            Command::OpenSample => self.leave(Leave::OpenSample, ctx),
            Command::OpenPath(path) => self.leave(Leave::OpenPath(path), ctx),
            Command::Save => self.save_now(),
            Command::SaveAs => {
                let name = self
                    .state
                    .file
                    .as_ref()
                    .and_then(|f| f.file_name())
                    .map_or_else(
                        || self.title_file_name(),
                        |n| n.to_string_lossy().into_owned(),
                    );
                self.pending_save_as = Some(self.env.dialogs.save_session_as(&name));
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
                self.run(Command::SaveAs, ctx);
            }
            Command::LeaveDiscard => {
                if let Some(then) = self.state.pending_leave.take() {
                    self.state.dirty = false;
                    self.leave_now_with(then, ctx);
                }
            }
            Command::LeaveCancel => self.state.pending_leave = None,
            Command::ShowExport => {
                if self.state.export.open {
                    self.state.export.open = false;
                } else {
                    self.state.export =
                        super::export::ExportState::opened(&self.default_export_folder());
                }
            }
            Command::ExportNow => self.export_now(),
            Command::PickExportFolder => {
                self.pending_folder = Some(self.env.dialogs.pick_folder());
            }
            Command::OpenReport(path) | Command::ShowInFolder(path)
                if !super::export::open_with_system(&path) =>
            {
                let lang = self.state.ui_lang;
                self.notify(
                    super::NoticeLevel::Error,
                    crate::i18n::tr(lang, crate::i18n::T::NoViewer),
                    path.display().to_string(),
                );
            }
            Command::Recover(index) => self.recover(index),
            Command::DismissRecovery(index) if index < self.state.recovery.len() => {
                self.state.recovery.remove(index);
            }
            Command::WorkInCopy => self.work_in_copy(),
            Command::ShowHistory => {
                self.state.history_open = !self.state.history_open;
                if self.state.history_open {
                    self.state.snapshots = self.env.dirs.as_ref().map_or_else(Vec::new, |dirs| {
                        crate::store::list_snapshots(
                            dirs,
                            &crate::store::session_key(
                                self.state.file.as_deref(),
                                &self.state.untitled_name,
                            ),
                        )
                    });
                }
            }
            Command::RestoreVersion(path) => self.restore_version(&path),
            Command::Undo => {
                if let Some(mut previous) = self.history.undo(&self.state.session) {
                    carry_timing(&self.state.session, &mut previous);
                    self.state.session = previous;
                    self.after_undo();
                }
            }
            Command::Redo => {
                if let Some(mut next) = self.history.redo(&self.state.session) {
                    carry_timing(&self.state.session, &mut next);
                    self.state.session = next;
                    self.after_undo();
                }
            }
            Command::Find => {
                self.state.capture.find_open = true;
                self.state.capture.focus_request = Some(Field::Find);
            }
            Command::CheatSheet => self.state.cheat_sheet_open = !self.state.cheat_sheet_open,
            Command::ShowThemes => {
                let themes = &mut self.state.themes;
                themes.open = !themes.open;
                themes.merge_from = None;
                themes.renaming = None;
                if themes.open {
                    // The view's keys (arrows, Enter, Space) go to the view, not a field.
                    self.state.capture.focus_request = None;
                    ctx.memory_mut(|m| {
                        if let Some(id) = m.focused() {
                            m.surrender_focus(id);
                        }
                    });
                }
            }
            Command::ShowConsole => self.state.view = View::Console,
            Command::ShowSetup => self.state.view = View::Setup,
            Command::SetUiLanguage(lang) => {
                self.state.ui_lang = lang;
                self.settings.ui_language = Some(lang);
                self.store_settings();
            }
            Command::DismissNotice(index) if index < self.state.notices.len() => {
                self.state.notices.remove(index);
            }
            Command::StartPause => {
                self.state.runner.toggle(&mut self.state.session, now);
                self.follow_speaker();
                self.changed();
            }
            Command::NextItem | Command::PreviousItem => {
                let delta = if command == Command::NextItem { 1 } else { -1 };
                self.state.runner.step(&mut self.state.session, delta, now);
                self.after_item_change();
            }
            Command::GoToItem(id) => {
                self.state.runner.go_to(&mut self.state.session, &id, now);
                self.after_item_change();
            }
            Command::FinishAgenda => {
                self.state.runner.finish(&mut self.state.session, now);
                self.changed();
            }
            Command::NextSpeaker => {
                self.state.runner.next_speaker(&mut self.state.session, now);
                self.follow_speaker();
                self.changed();
            }
            Command::SkipSpeaker => {
                self.state.runner.skip_speaker(&mut self.state.session, now);
                self.follow_speaker();
                self.changed();
            }
            Command::SetSpeaker(org) => {
                self.state
                    .runner
                    .set_speaker(&mut self.state.session, &org, now);
                self.follow_speaker();
                self.changed();
            }
            Command::ToggleProjector => {
                let p = &mut self.state.projector;
                p.open = !p.open;
            }
            Command::ProjectorBlack | Command::ProjectorWhite => {
                use crate::ui::projector::Blank;
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
            Command::SetProjectorMode(mode) => {
                self.state.projector.mode_override = mode;
                self.state.projector.page = 0;
            }
            Command::SetBeamerTheme(theme) => self.state.projector.theme = theme,
            Command::AddPhoto => self.ask_for_photo(),
            Command::ShowPhoto(id) => {
                let p = &mut self.state.projector;
                p.photo = Some(id);
                p.mode_override = Some(crate::ui::projector::ProjectorMode::Photo);
                p.page = 0;
            }
            Command::ToggleProjectorHeader => {
                let p = &mut self.state.projector;
                p.show_header = !p.show_header;
            }
            Command::ToggleTitleMarker => {
                let p = &mut self.state.projector;
                p.title_marker = !p.title_marker;
            }
            Command::NextProjectorPage => {
                let p = &mut self.state.projector;
                let pages = p.report.map_or(1, |r| r.pages.max(1));
                p.page = (p.page + 1) % pages;
            }
            Command::NextCard | Command::PreviousCard => {
                let count = self.state.session.cards().len();
                if count > 0 {
                    let current = self.state.capture.card.min(count - 1);
                    self.select_card(if command == Command::NextCard {
                        (current + 1).min(count - 1)
                    } else {
                        current.saturating_sub(1)
                    });
                }
            }
            Command::SelectCard(index) => self.select_card(index),
            Command::FocusKeywords => self.state.capture.focus_request = Some(Field::Keyword),
            Command::FocusBullets => self.state.capture.focus_request = Some(Field::Bullet),
            Command::FocusNotes => self.state.capture.focus_request = Some(Field::Notes),
            Command::EditTitle => {
                let title = self
                    .state
                    .selected_experiment()
                    .and_then(|id| self.state.session.experiment(&id))
                    .map(|e| e.title.clone())
                    .unwrap_or_default();
                self.state.capture.title = title;
                self.state.capture.editing_title = true;
                self.state.capture.focus_request = Some(Field::Title);
            }
            Command::SelectPreviousKeyword | Command::SelectNextKeyword => {
                self.step_keyword_selection(command == Command::SelectNextKeyword);
            }
            Command::EditKeyword => {
                let capture = &mut self.state.capture;
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
            // Session edits were handled above.
            _ => {}
        }
    }

    /// Applies a command that changes the session.
    fn edit(&mut self, command: Command) {
        let session = &mut self.state.session;
        let capture = &mut self.state.capture;
        match command {
            Command::SetPlannedMinutes(id, minutes) => {
                if let Some(item) = item_mut(session, &id) {
                    item.planned_minutes = minutes;
                }
            }
            Command::TakeMinutes { from, to, minutes } => {
                let available = session.agenda_item(&from).map_or(0, |i| i.planned_minutes);
                let moved = minutes.min(available);
                if let Some(item) = item_mut(session, &from) {
                    item.planned_minutes -= moved;
                }
                if let Some(item) = item_mut(session, &to) {
                    item.planned_minutes += moved;
                }
            }
            Command::AddItem => {
                let id = ItemId::new(session.fresh_id("item"));
                let position = self
                    .state
                    .runner
                    .current
                    .as_ref()
                    .and_then(|c| session.agenda.iter().position(|i| &i.id == c))
                    .map_or(session.agenda.len(), |p| p + 1);
                session.agenda.insert(
                    position,
                    AgendaItem::new(
                        id,
                        crate::i18n::tr(self.state.ui_lang, crate::i18n::T::NewItemTitle),
                        AgendaKind::Discussion,
                        10,
                    ),
                );
            }
            Command::RemoveItem(id) => {
                session.agenda.retain(|i| i.id != id);
                session
                    .attachments
                    .iter_mut()
                    .filter(|a| a.agenda_item.as_ref() == Some(&id))
                    .for_each(|a| a.agenda_item = None);
                if self.state.runner.current.as_ref() == Some(&id) {
                    self.state.runner.current = None;
                }
            }
            Command::MoveItem(id, delta) => {
                if let Some(pos) = session.agenda.iter().position(|i| i.id == id)
                    && let Some(target) = pos.checked_add_signed(delta)
                    && target < session.agenda.len()
                {
                    session.agenda.swap(pos, target);
                }
            }
            Command::SetItemKind(id, kind) => {
                let speakers: Vec<Speaker> = session
                    .municipalities()
                    .map(|o| Speaker {
                        organisation: o.id.clone(),
                        status: SpeakerStatus::Waiting,
                        airtime_seconds: 0,
                    })
                    .collect();
                if let Some(item) = item_mut(session, &id) {
                    item.kind = kind;
                    if kind == AgendaKind::Round && item.round.is_none() {
                        item.round = Some(Round {
                            speaker_minutes: 5,
                            speakers,
                        });
                    }
                }
            }
            Command::SetItemTitle(id, title) => {
                if let Some(item) = item_mut(session, &id) {
                    item.title = title;
                }
            }
            Command::SetItemBlock(id, block) => {
                if let Some(item) = item_mut(session, &id) {
                    item.block = block;
                }
            }
            Command::MoveSpeaker(org, delta) => {
                if let Some(round) = current_round(session, self.state.runner.current.as_ref())
                    && let Some(pos) = round.speakers.iter().position(|s| s.organisation == org)
                    && let Some(target) = pos.checked_add_signed(delta)
                    && target < round.speakers.len()
                {
                    round.speakers.swap(pos, target);
                }
            }
            Command::SetSpeakerStatus(org, status) => {
                if let Some(round) = current_round(session, self.state.runner.current.as_ref())
                    && let Some(speaker) = round.speakers.iter_mut().find(|s| s.organisation == org)
                {
                    speaker.status = status;
                }
            }
            Command::SetSpeakerMinutes(id, minutes) => {
                if let Some(round) = item_mut(session, &id).and_then(|i| i.round.as_mut()) {
                    round.speaker_minutes = minutes;
                }
            }
            Command::DeleteKeyword => {
                if let Some(id) = capture.selected_keyword.take() {
                    // Select a neighbour so Delete can be pressed again.
                    let neighbour = session.experiments.iter().find_map(|e| {
                        let pos = e.keywords.iter().position(|k| k.id == id)?;
                        e.keywords
                            .get(pos + 1)
                            .or_else(|| pos.checked_sub(1).and_then(|p| e.keywords.get(p)))
                            .map(|k| k.id.clone())
                    });
                    session.delete_keyword(&id);
                    capture.selected_keyword = neighbour;
                }
            }
            Command::MoveKeywordUp | Command::MoveKeywordDown => {
                if let Some(id) = &capture.selected_keyword {
                    let delta = if command == Command::MoveKeywordUp {
                        -1
                    } else {
                        1
                    };
                    session.move_keyword(id, delta);
                }
            }
            Command::ToggleHighlight => {
                if let Some(id) = &capture.selected_keyword
                    && let Some(keyword) = session.keyword_mut(id)
                {
                    keyword.highlighted = !keyword.highlighted;
                }
            }
            Command::NewExperiment => {
                if let Some(card) = session.card_at(capture.card) {
                    let id = session.add_experiment(&card.org);
                    if let Some(pos) = session
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
            Command::AddKeyword(text) => {
                let parsed = parse_keyword(&text);
                if let Some(card) = session.card_at(capture.card)
                    && !parsed.text.is_empty()
                {
                    let experiment = session.ensure_experiment(&card);
                    if let Some(id) = session.add_keyword(&experiment, &parsed.text)
                        && let Some(keyword) = session.keyword_mut(&id)
                    {
                        keyword.tags = parsed.tags;
                    }
                    capture.keyword.clear();
                }
            }
            Command::ReplaceKeyword(id, text) => {
                let parsed = parse_keyword(&text);
                if !parsed.text.is_empty()
                    && let Some(keyword) = session.keyword_mut(&id)
                {
                    keyword.text = parsed.text;
                    keyword.tags = parsed.tags;
                }
                capture.keyword.clear();
                capture.editing_keyword = None;
            }
            Command::SetExperimentTitle(id, title) => {
                let id = match id {
                    Some(id) => Some(id),
                    None => session
                        .card_at(capture.card)
                        .map(|card| session.ensure_experiment(&card)),
                };
                if let Some(experiment) = id.and_then(|id| session.experiment_mut(&id)) {
                    title.trim().clone_into(&mut experiment.title);
                }
                capture.editing_title = false;
                capture.focus_request = Some(Field::Keyword);
            }
            Command::AddBullet { block, depth, text } => {
                let parsed = parse_bullet(&text);
                if parsed.text.is_empty() {
                    return;
                }
                match parsed.kind {
                    BulletKind::Bullet => {
                        let depth = depth.min(session.max_bullet_depth(block));
                        session.add_bullet(block, depth, &parsed.text, parsed.tags);
                        capture.bullet_depth = depth;
                    }
                    BulletKind::Question => {
                        session.add_bullet(
                            crate::model::BlockKind::OpenQuestions,
                            0,
                            &parsed.text,
                            parsed.tags,
                        );
                    }
                    BulletKind::Action => {
                        let owner = parsed.owner.as_deref().map(|o| session.resolve_owner(o));
                        let due = session.default_due_date();
                        session.add_action(&parsed.text, owner, due);
                    }
                }
                capture.bullet.clear();
            }
            Command::DeleteBullet(id) => {
                session.delete_bullet(&id);
            }
            Command::AddNote(item, text, visibility) => {
                let text = text.trim().to_owned();
                if text.is_empty() {
                    return;
                }
                let id = NoteId::new(session.fresh_id("note"));
                if let Some(item) = item_mut(session, &item) {
                    item.notes.push(Note {
                        id,
                        text,
                        visibility,
                    });
                }
                capture.note.clear();
            }
            Command::SetHeader(header) => session.header = *header,
            Command::AddAction => {
                let due = session.default_due_date();
                let text = crate::i18n::tr(self.state.ui_lang, crate::i18n::T::NewAction);
                session.add_action(text, None, due);
            }
            Command::SetAction(action) => {
                if let Some(a) = session
                    .synthesis
                    .actions
                    .iter_mut()
                    .find(|a| a.id == action.id)
                {
                    *a = *action;
                }
            }
            Command::RemoveAction(id) => session.synthesis.actions.retain(|a| a.id != id),
            Command::AddNextMeeting => {
                let id = crate::model::MeetingId::new(session.fresh_id("meeting"));
                session
                    .synthesis
                    .next_meetings
                    .push(crate::model::NextMeeting {
                        id,
                        when: None,
                        theme: String::new(),
                        host: None,
                    });
            }
            Command::SetNextMeeting(meeting) => {
                if let Some(m) = session
                    .synthesis
                    .next_meetings
                    .iter_mut()
                    .find(|m| m.id == meeting.id)
                {
                    *m = *meeting;
                }
            }
            Command::RemoveNextMeeting(id) => {
                session.synthesis.next_meetings.retain(|m| m.id != id);
            }
            Command::AddOrganisation(kind) => {
                let name = crate::i18n::tr(
                    self.state.ui_lang,
                    match kind {
                        OrgKind::Municipality => crate::i18n::T::NewMunicipality,
                        OrgKind::Guest => crate::i18n::T::NewGuest,
                    },
                );
                session.add_organisation(name, kind);
            }
            Command::RenameOrganisation(id, name) => {
                if let Some(org) = session.organisations.iter_mut().find(|o| o.id == id) {
                    org.name = name;
                }
            }
            Command::SetOrganisationKind(id, kind) => {
                if let Some(org) = session.organisations.iter_mut().find(|o| o.id == id) {
                    org.kind = kind;
                }
            }
            Command::MoveOrganisation(id, delta) => {
                if let Some(pos) = session.organisations.iter().position(|o| o.id == id)
                    && let Some(target) = pos.checked_add_signed(delta)
                    && target < session.organisations.len()
                {
                    session.organisations.swap(pos, target);
                }
            }
            Command::RemoveOrganisation(id) => session.remove_organisation(&id),
            Command::PasteParticipants(text) => {
                session.add_pasted_participants(&text);
            }
            Command::SetParticipant(participant) => {
                if let Some(p) = session
                    .participants
                    .iter_mut()
                    .find(|p| p.id == participant.id)
                {
                    *p = *participant;
                }
            }
            Command::RemoveParticipant(id) => session.participants.retain(|p| p.id != id),
            Command::AttachPhoto { path, item } => {
                let id = crate::model::AttachmentId::new(session.fresh_id("photo"));
                session.attachments.push(crate::model::Attachment {
                    id,
                    path,
                    caption: String::new(),
                    agenda_item: item,
                });
            }
            Command::SetPhotoCaption(id, caption) => {
                if let Some(a) = session.attachments.iter_mut().find(|a| a.id == id) {
                    a.caption = caption;
                }
            }
            Command::RemovePhoto(id) => {
                session.attachments.retain(|a| a.id != id);
                if self.state.projector.photo.as_ref() == Some(&id) {
                    self.state.projector.photo = None;
                }
            }
            Command::ThemeToObservations(key) => {
                if let Some(text) = crate::ui::themes::suggestion_text(session, &key) {
                    session.add_bullet(crate::model::BlockKind::Observations, 0, &text, Vec::new());
                }
            }
            Command::ConfirmTheme(key) => session.themes.toggle_confirmed(&key),
            Command::DismissTheme(key) => session.themes.dismiss(&key),
            Command::MergeThemes { from, into } => {
                session.themes.merge(&from, &into);
            }
            Command::RenameTheme(key, label) => session.themes.rename(&key, &label),
            _ => {}
        }
    }

    /// Opens a recovered copy offered at start. The session's file (when it
    /// has one) is opened first and its content kept in the history, then the
    /// copy replaces it as an undoable change, saved like any other.
    fn recover(&mut self, index: usize) {
        if index >= self.state.recovery.len() {
            return;
        }
        let candidate = self.state.recovery.remove(index);
        let copy = match crate::store::load_snapshot(&candidate.copy) {
            Ok(copy) => copy,
            Err(error) => {
                let lang = self.state.ui_lang;
                self.notify(
                    super::NoticeLevel::Error,
                    crate::i18n::tr(lang, crate::i18n::T::CouldNotOpen),
                    error.message(lang),
                );
                return;
            }
        };
        if let Some(file) = &candidate.file {
            self.open_file(file);
            let opened = self.state.file.as_deref() == Some(file.as_path());
            if opened && !self.state.read_only {
                if let Some(dirs) = &self.env.dirs {
                    let key = crate::store::session_key(Some(file), "");
                    let _ = crate::store::snapshot_now(
                        dirs,
                        &key,
                        &self.state.session,
                        self.env.clock.now(),
                        50,
                    );
                }
                let before = std::mem::replace(&mut self.state.session, copy);
                self.history.record(before, None);
            } else if !opened {
                // The file is gone or unreadable: the copy takes its place.
                self.show_session(copy, Some(file.clone()));
            }
            self.changed();
        } else {
            self.show_session(copy, None);
            self.state.untitled_name = candidate
                .untitled_name
                .clone()
                .unwrap_or_else(|| self.new_untitled_name());
            self.update_marker();
        }
    }

    /// A read-only session (open in another window): continue in a copy of
    /// it next to the file (or in the recovery folder when that folder is
    /// not writable).
    fn work_in_copy(&mut self) {
        let Some(file) = self.state.file.clone() else {
            self.state.read_only = false;
            return;
        };
        let copy = crate::store::free_copy_path(&file);
        let written = crate::store::save_session(&copy, &self.state.session)
            .map(|()| copy.clone())
            .or_else(|error| {
                let dirs = self.env.dirs.as_ref().ok_or(error)?;
                let name = copy.file_name().map_or_else(
                    || "kopie.json".to_owned(),
                    |n| n.to_string_lossy().into_owned(),
                );
                crate::store::save_recovery_copy(dirs, &name, &self.state.session)
            });
        match written {
            Ok(path) => self.open_file(&path),
            Err(error) => {
                let lang = self.state.ui_lang;
                self.notify(
                    super::NoticeLevel::Error,
                    crate::i18n::tr(lang, crate::i18n::T::CopyFailed),
                    error.message(lang),
                );
            }
        }
    }

    /// Starts writing the report in the chosen formats (on a thread).
    fn export_now(&mut self) {
        let base = self.session_base();
        let name_source = match &self.state.file {
            Some(file) => file.clone(),
            None => std::path::PathBuf::from(self.title_file_name()),
        };
        let export = &mut self.state.export;
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

    /// Puts an earlier version back as one undoable change.
    fn restore_version(&mut self, path: &std::path::Path) {
        let lang = self.state.ui_lang;
        match crate::store::load_snapshot(path) {
            Ok(mut restored) => {
                carry_timing(&self.state.session, &mut restored);
                let before = std::mem::replace(&mut self.state.session, restored);
                self.history.record(before, None);
                self.changed();
                let time = self
                    .state
                    .snapshots
                    .iter()
                    .find(|s| s.path == path)
                    .map(|s| s.taken_at.format("%H:%M").to_string())
                    .unwrap_or_default();
                self.notify(
                    super::NoticeLevel::Info,
                    &crate::i18n::trf(lang, crate::i18n::T::HistoryRestored, &[("time", &time)]),
                    String::new(),
                );
                self.state.history_open = false;
            }
            Err(error) => self.notify(
                super::NoticeLevel::Error,
                crate::i18n::tr(lang, crate::i18n::T::CouldNotOpen),
                error.message(lang),
            ),
        }
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
        }
    }

    fn close_window(&mut self, ctx: &egui::Context) {
        self.quitting = true;
        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
    }

    fn after_undo(&mut self) {
        self.changed();
        let capture = &mut self.state.capture;
        capture.editing_keyword = None;
        if let Some(id) = &capture.selected_keyword
            && !self
                .state
                .session
                .experiments
                .iter()
                .any(|e| e.keywords.iter().any(|k| &k.id == id))
        {
            capture.selected_keyword = None;
        }
    }

    /// After moving in the agenda: the cursor goes where the new item is captured.
    fn after_item_change(&mut self) {
        self.changed();
        self.state.capture.bullet_depth = 0;
        let item = self
            .state
            .runner
            .current
            .as_ref()
            .and_then(|id| self.state.session.agenda_item(id));
        self.state.capture.focus_request = Some(match item {
            Some(item) if item.block.is_some() => Field::Bullet,
            _ => Field::Keyword,
        });
        self.follow_speaker();
    }

    /// In a round, the selected card follows the speaker.
    fn follow_speaker(&mut self) {
        let Some(org) = self.state.runner.speaker.clone() else {
            return;
        };
        if let Some(pos) = self.state.session.cards().iter().position(|c| c.org == org) {
            self.select_card(pos);
        }
    }

    fn select_card(&mut self, index: usize) {
        let capture = &mut self.state.capture;
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
            .selected_experiment()
            .and_then(|id| self.state.session.experiment(&id))
        else {
            return;
        };
        let ids: Vec<_> = experiment.keywords.iter().map(|k| k.id.clone()).collect();
        let capture = &mut self.state.capture;
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
    /// A file name for a session without one, from its title.
    fn title_file_name(&self) -> String {
        format!(
            "{}.json",
            crate::model::slug(&self.state.session.header.title, "sessie")
        )
    }
}

fn item_mut<'a>(session: &'a mut Session, id: &ItemId) -> Option<&'a mut AgendaItem> {
    session.agenda.iter_mut().find(|i| &i.id == id)
}

fn current_round<'a>(session: &'a mut Session, current: Option<&ItemId>) -> Option<&'a mut Round> {
    item_mut(session, current?)?.round.as_mut()
}
