//! Preparing the session: the meeting's header, the municipalities and
//! guest organisations, and the participants (pasted from a mail, Word or
//! Excel). The agenda is edited in the console's agenda panel.

use chrono::NaiveTime;
use egui::{Id, RichText, TextEdit};

use super::widgets::{FieldEdit, parse_date, parsed_field};
use crate::app::{AppState, Command, Intents, ViewState};
use crate::i18n::{Language, T, tr, trf};
use crate::model::{Attendance, Edit, Header, OrgKind, Organisation, Session};

/// The setup screen.
pub fn setup_ui(ui: &mut egui::Ui, state: &AppState, view: &ViewState, out: &mut Intents) {
    let lang = state.ui_lang;
    egui::CentralPanel::default().show(ui, |ui| {
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.set_max_width(900.0);
                ui.heading(tr(lang, T::SetupHeader));
                header_ui(ui, &state.session, lang, out);
                ui.add_space(12.0);
                ui.heading(tr(lang, T::SetupOrganisations));
                organisations_ui(ui, state, view, out);
                ui.add_space(12.0);
                ui.heading(tr(lang, T::Participants));
                participants_ui(ui, &state.session, lang, out);
            });
    });
}

fn text_row(ui: &mut egui::Ui, label: &str, value: &str) -> Option<String> {
    let label = ui.label(label);
    let mut text = value.to_owned();
    let changed = ui
        .add(TextEdit::singleline(&mut text).desired_width(420.0))
        .labelled_by(label.id)
        .changed();
    ui.end_row();
    changed.then_some(text)
}

/// A grid row with a [`parsed_field`].
fn parsed_row<V>(
    ui: &mut egui::Ui,
    label: &str,
    shown: &str,
    invalid_hint: &str,
    parse: impl Fn(&str) -> Option<V>,
) -> FieldEdit<V> {
    let edit = parsed_field(ui, label, shown, invalid_hint, parse);
    ui.end_row();
    edit
}

fn parse_time(text: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(text, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(text, "%H.%M"))
        .ok()
}

fn header_ui(ui: &mut egui::Ui, session: &Session, lang: Language, out: &mut Intents) {
    let header = &session.header;
    let mut changed: Option<Header> = None;
    let mut edit = |f: &dyn Fn(&mut Header)| {
        let mut h = changed.clone().unwrap_or_else(|| header.clone());
        f(&mut h);
        changed = Some(h);
    };
    egui::Grid::new("setup_header")
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            if let Some(v) = text_row(ui, tr(lang, T::Title), &header.title) {
                edit(&|h| h.title.clone_from(&v));
            }
            if let Some(v) = text_row(ui, tr(lang, T::Network), &header.network) {
                edit(&|h| h.network.clone_from(&v));
            }
            if let Some(v) = text_row(ui, tr(lang, T::Theme), &header.theme) {
                edit(&|h| h.theme.clone_from(&v));
            }
            if let FieldEdit::Set(v) = parsed_row(
                ui,
                tr(lang, T::Date),
                &header
                    .date
                    .map(|d| d.format("%Y-%m-%d").to_string())
                    .unwrap_or_default(),
                tr(lang, T::InvalidDate),
                parse_date,
            ) {
                edit(&|h| h.date = v);
            }
            if let FieldEdit::Set(v) = parsed_row(
                ui,
                tr(lang, T::StartTime),
                &header
                    .start_time
                    .map(|t| t.format("%H:%M").to_string())
                    .unwrap_or_default(),
                tr(lang, T::InvalidTime),
                parse_time,
            ) {
                edit(&|h| h.start_time = v);
            }
            if let FieldEdit::Set(v) = parsed_row(
                ui,
                tr(lang, T::EndTime),
                &header
                    .end_time
                    .map(|t| t.format("%H:%M").to_string())
                    .unwrap_or_default(),
                tr(lang, T::InvalidTime),
                parse_time,
            ) {
                edit(&|h| h.end_time = v);
            }
            if let Some(v) = text_row(ui, tr(lang, T::Location), &header.location) {
                edit(&|h| h.location.clone_from(&v));
            }
            if let Some(v) = text_row(ui, tr(lang, T::Facilitator), &header.facilitator) {
                edit(&|h| h.facilitator.clone_from(&v));
            }
            if let Some(v) = text_row(ui, tr(lang, T::Chair), &header.chair) {
                edit(&|h| h.chair.clone_from(&v));
            }
            if let Some(v) = text_row(ui, tr(lang, T::NoteTaker), &header.note_taker) {
                edit(&|h| h.note_taker.clone_from(&v));
            }

            let label = ui.label(tr(lang, T::Host));
            let host_name = header.host.as_ref().map_or_else(
                || tr(lang, T::NoneChosen).to_owned(),
                |id| session.organisation_name(id).to_owned(),
            );
            egui::ComboBox::from_id_salt("setup_host")
                .selected_text(host_name)
                .show_ui(ui, |ui| {
                    if ui
                        .selectable_label(header.host.is_none(), tr(lang, T::NoneChosen))
                        .clicked()
                    {
                        edit(&|h| h.host = None);
                    }
                    for org in &session.organisations {
                        if ui
                            .selectable_label(header.host.as_ref() == Some(&org.id), &org.name)
                            .clicked()
                        {
                            let id = org.id.clone();
                            edit(&|h| h.host = Some(id.clone()));
                        }
                    }
                })
                .response
                .labelled_by(label.id);
            ui.end_row();

            let label = ui.label(tr(lang, T::SessionLanguage));
            egui::ComboBox::from_id_salt("setup_language")
                .selected_text(language_name(header.language))
                .show_ui(ui, |ui| {
                    for choice in Language::ALL {
                        if ui
                            .selectable_label(header.language == choice, language_name(choice))
                            .clicked()
                        {
                            edit(&|h| h.language = choice);
                        }
                    }
                })
                .response
                .labelled_by(label.id);
            ui.end_row();

            let label = ui.label(tr(lang, T::ParticipantCount));
            if session.participants.is_empty() {
                let mut count = header.participant_count.unwrap_or(0);
                if ui
                    .add(egui::DragValue::new(&mut count).range(0..=10_000))
                    .labelled_by(label.id)
                    .changed()
                {
                    edit(&|h| h.participant_count = (count > 0).then_some(count));
                }
            } else {
                let n = session.participant_count().unwrap_or(0);
                ui.label(trf(lang, T::CountDerived, &[("n", &n.to_string())]));
            }
            ui.end_row();

            ui.label("");
            let mut is_final = header.report_final;
            if ui
                .checkbox(&mut is_final, tr(lang, T::ReportFinal))
                .changed()
            {
                edit(&|h| h.report_final = is_final);
            }
            ui.end_row();
        });
    if let Some(header) = changed {
        out.edit(Edit::SetHeader(Box::new(header)));
    }
}

fn language_name(lang: Language) -> &'static str {
    match lang {
        Language::Nl => "Nederlands",
        Language::En => "English",
    }
}

fn organisations_ui(ui: &mut egui::Ui, state: &AppState, view: &ViewState, out: &mut Intents) {
    let session = &state.session;
    let lang = state.ui_lang;
    egui::Grid::new("setup_organisations")
        .num_columns(4)
        .spacing([12.0, 4.0])
        .striped(true)
        .show(ui, |ui| {
            for (index, org) in session.organisations.iter().enumerate() {
                let mut name = org.name.clone();
                let label = format!("{} {}", tr(lang, T::Name), index + 1);
                if ui
                    .add(TextEdit::singleline(&mut name).desired_width(300.0))
                    .on_hover_text(&label)
                    .labelled_by(ui.label(RichText::new(&label).small().weak()).id)
                    .changed()
                {
                    out.edit(Edit::RenameOrganisation {
                        org: org.id.clone(),
                        name,
                    });
                }
                ui.horizontal(|ui| {
                    for kind in [OrgKind::Municipality, OrgKind::Guest] {
                        let text = tr(
                            lang,
                            if kind == OrgKind::Municipality {
                                T::KindMunicipality
                            } else {
                                T::KindGuest
                            },
                        );
                        if ui
                            .radio(org.kind == kind, format!("{text} ({})", org.name))
                            .clicked()
                        {
                            out.edit(Edit::SetOrganisationKind {
                                org: org.id.clone(),
                                kind,
                            });
                        }
                    }
                });
                attendance_ui(ui, session, org, lang, out);
                ui.horizontal(|ui| {
                    let moved = |delta| Edit::MoveOrganisation {
                        org: org.id.clone(),
                        delta,
                    };
                    for (symbol, label, edit) in [
                        ("↑", T::CmdMoveUp, moved(-1)),
                        ("↓", T::CmdMoveDown, moved(1)),
                        ("×", T::CmdRemove, Edit::RemoveOrganisation(org.id.clone())),
                    ] {
                        if ui
                            .small_button(symbol)
                            .on_hover_text(format!("{} {}", tr(lang, label), org.name))
                            .clicked()
                        {
                            out.edit(edit);
                        }
                    }
                });
                ui.end_row();
            }
        });
    ui.horizontal(|ui| {
        for command in [Command::AddMunicipality, Command::AddGuest] {
            super::console::command_button(ui, state, view, command, out);
        }
    });
}

/// Whether the organisation attended: from its named participants when it
/// has any, otherwise chosen here (unknown, present, absent).
fn attendance_ui(
    ui: &mut egui::Ui,
    session: &Session,
    org: &Organisation,
    lang: Language,
    out: &mut Intents,
) {
    let named: Vec<bool> = session
        .participants
        .iter()
        .filter(|p| p.organisation.as_ref() == Some(&org.id))
        .map(|p| p.present)
        .collect();
    if !named.is_empty() {
        let here = named.iter().filter(|p| **p).count();
        ui.label(trf(
            lang,
            T::AttendanceFromNames,
            &[("n", &here.to_string()), ("m", &named.len().to_string())],
        ));
        return;
    }
    let name = |a: Attendance| {
        tr(
            lang,
            match a {
                Attendance::Unknown => T::AttendanceUnknown,
                Attendance::Present => T::AttendancePresent,
                Attendance::Absent => T::AttendanceAbsent,
            },
        )
    };
    let label = trf(lang, T::AttendanceOf, &[("name", &org.name)]);
    ui.horizontal(|ui| {
        let label = ui.label(RichText::new(&label).small().weak());
        egui::ComboBox::from_id_salt(("setup_attendance", org.id.as_str()))
            .selected_text(name(org.attendance))
            .show_ui(ui, |ui| {
                for choice in Attendance::ALL {
                    if ui
                        .selectable_label(org.attendance == choice, name(choice))
                        .clicked()
                        && choice != org.attendance
                    {
                        out.edit(Edit::SetOrganisationAttendance {
                            org: org.id.clone(),
                            attendance: choice,
                        });
                    }
                }
            })
            .response
            .labelled_by(label.id);
    });
}

fn participants_ui(ui: &mut egui::Ui, session: &Session, lang: Language, out: &mut Intents) {
    egui::Grid::new("setup_participants")
        .num_columns(4)
        .spacing([12.0, 4.0])
        .striped(true)
        .show(ui, |ui| {
            for p in &session.participants {
                let mut edited = p.clone();
                let mut changed = false;
                changed |= ui
                    .add(TextEdit::singleline(&mut edited.name).desired_width(220.0))
                    .labelled_by(ui.label(RichText::new(tr(lang, T::Name)).small().weak()).id)
                    .changed();
                ui.label(
                    p.organisation
                        .as_ref()
                        .map_or(String::new(), |id| session.organisation_name(id).to_owned()),
                );
                changed |= ui
                    .checkbox(
                        &mut edited.present,
                        format!("{} ({})", tr(lang, T::Present), p.name),
                    )
                    .changed();
                if ui
                    .small_button("×")
                    .on_hover_text(format!("{} {}", tr(lang, T::CmdRemove), p.name))
                    .clicked()
                {
                    out.edit(Edit::RemoveParticipant(p.id.clone()));
                }
                ui.end_row();
                if changed {
                    out.edit(Edit::SetParticipant(Box::new(edited)));
                }
            }
        });
    let id = Id::unique("setup_paste");
    let mut text: String = ui.data_mut(|d| d.get_temp(id)).unwrap_or_default();
    let label = ui.label(tr(lang, T::PasteHint));
    ui.add(
        TextEdit::multiline(&mut text)
            .desired_rows(4)
            .desired_width(600.0),
    )
    .labelled_by(label.id);
    if ui.button(tr(lang, T::CmdPasteParticipants)).clicked() && !text.trim().is_empty() {
        out.edit(Edit::PasteParticipants(std::mem::take(&mut text)));
    }
    ui.data_mut(|d| d.insert_temp(id, text));
}
