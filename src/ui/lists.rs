//! The action list and the planned next meetings, editable by keyboard: Tab
//! moves from field to field; owners are typed names, matched to an
//! organisation or participant when one fits.

use egui::TextEdit;

use super::widgets::{FieldEdit, parse_date, parsed_field};
use crate::app::{AppState, Command, Intents, ViewState};
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
pub fn actions_ui(ui: &mut egui::Ui, state: &AppState, view: &ViewState, out: &mut Intents) {
    let lang = state.ui_lang;
    let session = &state.session;
    for (index, action) in session.synthesis.actions.iter().enumerate() {
        let mut edited = action.clone();
        let mut changed = false;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            let label = ui.label(format!("{} {}", tr(lang, T::ActionText), index + 1));
            changed |= ui
                .add(TextEdit::singleline(&mut edited.text).desired_width(f32::INFINITY))
                .labelled_by(label.id)
                .changed();
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
                let label = ui.label(tr(lang, T::Status));
                egui::ComboBox::from_id_salt(("action_status", index))
                    .selected_text(status_label(lang, action.status))
                    .show_ui(ui, |ui| {
                        for status in [
                            ActionStatus::Open,
                            ActionStatus::Done,
                            ActionStatus::Dropped,
                        ] {
                            if ui
                                .selectable_label(
                                    action.status == status,
                                    status_label(lang, status),
                                )
                                .clicked()
                            {
                                edited.status = status;
                                changed = true;
                            }
                        }
                    })
                    .response
                    .labelled_by(label.id);
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
pub fn next_meetings_ui(ui: &mut egui::Ui, state: &AppState, view: &ViewState, out: &mut Intents) {
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
                if let FieldEdit::Set(when) = parsed_field(
                    ui,
                    &format!("{} {}", tr(lang, T::When), index + 1),
                    &shown,
                    tr(lang, T::InvalidPlannedDate),
                    i18n::parse_planned_date,
                ) {
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
                let label = ui.label(tr(lang, T::Host));
                let host = meeting.host.as_ref().map_or_else(
                    || tr(lang, T::NoneChosen).to_owned(),
                    |id| session.organisation_name(id).to_owned(),
                );
                egui::ComboBox::from_id_salt(("meeting_host", index))
                    .selected_text(host)
                    .show_ui(ui, |ui| {
                        if ui
                            .selectable_label(meeting.host.is_none(), tr(lang, T::NoneChosen))
                            .clicked()
                        {
                            edited.host = None;
                            changed = true;
                        }
                        for org in &session.organisations {
                            if ui
                                .selectable_label(meeting.host.as_ref() == Some(&org.id), &org.name)
                                .clicked()
                            {
                                edited.host = Some(org.id.clone());
                                changed = true;
                            }
                        }
                    })
                    .response
                    .labelled_by(label.id);
            });
        });
        if changed {
            out.edit(Edit::SetNextMeeting(Box::new(edited)));
        }
    }
    super::console::command_button(ui, state, view, Command::AddNextMeeting, out);
}
