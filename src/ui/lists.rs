//! The action list and the planned next meetings, editable by keyboard: Tab
//! moves from field to field; owners are typed names, matched to an
//! organisation or participant when one fits.

use egui::TextEdit;

use super::widgets::{FieldEdit, choice_ui, parse_date, parsed_field, take_focus};
use crate::app::{AppState, Command, FocusTarget, Intents, ViewState};
use crate::i18n::{self, Language, T, tr};
use crate::model::{ActionStatus, Edit, Owner, Session};

/// The name shown for an action's owner.
#[must_use]
pub fn owner_name(session: &Session, owner: Option<&Owner>) -> String {
    match owner {
        Some(Owner::Organisation(id)) => session.organisation_name(id).to_owned(),
        Some(Owner::Participant(id)) => session
            .participants
            .iter()
            .find(|p| &p.id == id)
            .map_or_else(|| id.to_string(), |p| p.name.clone()),
        Some(Owner::Name(name)) => name.clone(),
        None => String::new(),
    }
}

fn status_label(lang: Language, status: ActionStatus) -> &'static str {
    tr(
        lang,
        match status {
            ActionStatus::Open => T::ActionOpen,
            ActionStatus::Done => T::ActionDone,
            ActionStatus::Dropped => T::ActionDropped,
        },
    )
}

/// The actions, each with text, owner, due date and status.
pub fn actions_ui(ui: &mut egui::Ui, state: &AppState, view: &mut ViewState, out: &mut Intents) {
    let lang = state.ui_lang;
    let session = &state.session;
    let count = session.synthesis.actions.len();
    let statuses = [
        ActionStatus::Open,
        ActionStatus::Done,
        ActionStatus::Dropped,
    ];
    let status_names: Vec<String> = statuses
        .iter()
        .map(|s| status_label(lang, *s).to_owned())
        .collect();
    for (index, action) in session.synthesis.actions.iter().enumerate() {
        let mut edited = action.clone();
        let mut changed = false;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            let label = ui.label(format!("{} {}", tr(lang, T::ActionText), index + 1));
            let response = ui
                .add(
                    TextEdit::singleline(&mut edited.text)
                        .return_key(None)
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
            take_focus(
                ui,
                view,
                &FocusTarget::Action(action.id.clone()),
                &response,
                &action.text,
                true,
            );
            changed |= response.changed();
            // Enter in the last action adds the next one.
            if response.has_focus()
                && index + 1 == count
                && ui.input(|i| i.key_pressed(egui::Key::Enter))
            {
                out.command(Command::AddAction);
            }
            ui.horizontal_wrapped(|ui| {
                let label = ui.label(tr(lang, T::Owner));
                let mut owner = owner_name(session, action.owner.as_ref());
                if ui
                    .add(TextEdit::singleline(&mut owner).desired_width(150.0))
                    .labelled_by(label.id)
                    .changed()
                {
                    let owner = owner.trim();
                    edited.owner = (!owner.is_empty()).then(|| session.resolve_owner(owner));
                    changed = true;
                }
                let shown = action
                    .due
                    .map(|d| d.format("%Y-%m-%d").to_string())
                    .unwrap_or_default();
                if let FieldEdit::Set(due) = parsed_field(
                    ui,
                    tr(lang, T::Due),
                    &shown,
                    tr(lang, T::InvalidDate),
                    parse_date,
                ) {
                    edited.due = due;
                    changed = true;
                }
                ui.label(tr(lang, T::Status));
                let at = statuses
                    .iter()
                    .position(|s| *s == action.status)
                    .unwrap_or(0);
                let (_, chosen) = choice_ui(
                    ui,
                    ("action_status", &action.id),
                    &format!("{} {}", tr(lang, T::Status), index + 1),
                    &status_names,
                    at,
                    100.0,
                );
                if let Some(chosen) = chosen {
                    edited.status = statuses[chosen];
                    changed = true;
                }
                if ui
                    .small_button("×")
                    .on_hover_text(format!("{} {}", tr(lang, T::CmdRemove), action.text))
                    .clicked()
                {
                    out.edit(Edit::RemoveAction(action.id.clone()));
                }
            });
        });
        if changed {
            out.edit(Edit::SetAction(Box::new(edited)));
        }
    }
    super::console::command_button(ui, state, view, Command::AddAction, out);
}

/// The planned next meetings: when, theme and host.
pub fn next_meetings_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    view: &mut ViewState,
    out: &mut Intents,
) {
    let lang = state.ui_lang;
    let session = &state.session;
    for (index, meeting) in session.synthesis.next_meetings.iter().enumerate() {
        let mut edited = meeting.clone();
        let mut changed = false;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                let shown = meeting
                    .when
                    .map(|w| i18n::format_planned_date(lang, w))
                    .unwrap_or_default();
                let label = ui.label(format!("{} {}", tr(lang, T::When), index + 1));
                let (response, when) = super::widgets::parsed_input(
                    ui,
                    egui::Id::unique(("meeting-when", &meeting.id)),
                    &shown,
                    tr(lang, T::InvalidPlannedDate),
                    i18n::parse_planned_date,
                    160.0,
                );
                let response = response.labelled_by(label.id);
                take_focus(
                    ui,
                    view,
                    &FocusTarget::Meeting(meeting.id.clone()),
                    &response,
                    &shown,
                    true,
                );
                if let FieldEdit::Set(when) = when {
                    edited.when = when;
                    changed = true;
                }
                if ui
                    .small_button("×")
                    .on_hover_text(format!("{} {}", tr(lang, T::CmdRemove), shown))
                    .clicked()
                {
                    out.edit(Edit::RemoveNextMeeting(meeting.id.clone()));
                }
            });
            let label = ui.label(tr(lang, T::Theme));
            changed |= ui
                .add(TextEdit::singleline(&mut edited.theme).desired_width(f32::INFINITY))
                .labelled_by(label.id)
                .changed();
            ui.horizontal(|ui| {
                ui.label(tr(lang, T::Host));
                let (_, host) = super::console::presenter_choice_ui(
                    ui,
                    state,
                    ("meeting_host", &meeting.id),
                    &format!("{} {}", tr(lang, T::Host), index + 1),
                    meeting.host.as_ref(),
                );
                if let Some(host) = host {
                    edited.host = host;
                    changed = true;
                }
            });
        });
        if changed {
            out.edit(Edit::SetNextMeeting(Box::new(edited)));
        }
    }
    super::console::command_button(ui, state, view, Command::AddNextMeeting, out);
}
