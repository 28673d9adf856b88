//! Preparing the session: the meeting's header, the municipalities and
//! guest organisations, the agenda, the participants (typed, or pasted from
//! a mail, Word or Excel) and the notes on the whole meeting. One column
//! read from top to bottom, which is also the order Tab takes; Enter in a
//! row adds the next row with the cursor in its name.

use chrono::NaiveTime;
use egui::{Id, RichText, TextEdit};

use super::console::{
    block_choice_ui, kind_choice_ui, minutes_field_ui, presenter_choice_ui, visibility_choice_ui,
};
use super::widgets::{
    FieldEdit, choice_ui, follow_focus, name_widget, parse_date, parsed_field, take_focus,
};
use crate::app::{AppState, Command, FocusTarget, Intents, ViewState};
use crate::i18n::{Language, T, tr, trf};
use crate::model::{
    AgendaKind, Attendance, Edit, Header, OrgKind, Organisation, Session, Visibility,
};

/// The widest the setup's column gets, so rows stay readable on a big screen.
const COLUMN_WIDTH: f32 = 1120.0;

/// The setup screen.
pub fn setup_ui(ui: &mut egui::Ui, state: &AppState, view: &mut ViewState, out: &mut Intents) {
    let lang = state.ui_lang;
    egui::CentralPanel::default().show(ui, |ui| {
        egui::ScrollArea::vertical()
            .id_salt("setup_scroll")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.set_max_width(COLUMN_WIDTH.min(ui.available_width()));
                ui.add_enabled_ui(!state.read_only, |ui| {
                    ui.heading(tr(lang, T::SetupHeader));
                    header_ui(ui, state, view, out);
                    super::plan::overrun_ui(ui, &state.session, lang);
                    ui.horizontal(|ui| {
                        super::console::command_button(ui, state, view, Command::ShowPaste, out);
                    });
                    ui.add_space(12.0);
                    ui.heading(tr(lang, T::SetupOrganisations));
                    ui.label(RichText::new(tr(lang, T::SetupRowsHint)).weak());
                    organisations_ui(ui, state, view, out);
                    ui.add_space(12.0);
                    ui.heading(tr(lang, T::Agenda));
                    agenda_ui(ui, state, view, out);
                    ui.add_space(12.0);
                    ui.heading(tr(lang, T::Participants));
                    participants_ui(ui, state, view, out);
                    ui.add_space(12.0);
                    ui.heading(tr(lang, T::SessionNotes));
                    session_notes_ui(ui, state, out);
                });
                ui.add_space(24.0);
                follow_focus(ui);
            });
    });
}

/// A header text field: the label before it, the field as wide as there is room.
fn text_row(
    ui: &mut egui::Ui,
    label: &str,
    value: &str,
    width: f32,
) -> (egui::Response, Option<String>) {
    let label = ui.label(label);
    let mut text = value.to_owned();
    let response = ui
        .add(
            TextEdit::singleline(&mut text)
                .desired_width(width)
                .min_size(egui::vec2(width, 0.0)),
        )
        .labelled_by(label.id);
    ui.end_row();
    let changed = response.changed().then_some(text);
    (response, changed)
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

fn header_ui(ui: &mut egui::Ui, state: &AppState, view: &mut ViewState, out: &mut Intents) {
    let session = &state.session;
    let lang = state.ui_lang;
    let header = &session.header;
    let mut changed: Option<Header> = None;
    let mut edit = |f: &dyn Fn(&mut Header)| {
        let mut h = changed.clone().unwrap_or_else(|| header.clone());
        f(&mut h);
        changed = Some(h);
    };
    // Widths from outside the grid (a cell's room follows the grid's columns).
    let width = (ui.available_width() - 320.0).clamp(240.0, 640.0);
    egui::Grid::new("setup_header")
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            let (title, typed) = text_row(ui, tr(lang, T::Title), &header.title, width);
            // Ctrl+2 opens the setup with the cursor here.
            take_focus(
                ui,
                view,
                &FocusTarget::SetupTitle,
                &title,
                &header.title,
                false,
            );
            if let Some(v) = typed {
                edit(&|h| h.title.clone_from(&v));
            }
            if let (_, Some(v)) = text_row(ui, tr(lang, T::Network), &header.network, width) {
                edit(&|h| h.network.clone_from(&v));
            }
            if let (_, Some(v)) = text_row(ui, tr(lang, T::Theme), &header.theme, width) {
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
            if let (_, Some(v)) = text_row(ui, tr(lang, T::Location), &header.location, width) {
                edit(&|h| h.location.clone_from(&v));
            }
            if let (_, Some(v)) = text_row(ui, tr(lang, T::Facilitator), &header.facilitator, width)
            {
                edit(&|h| h.facilitator.clone_from(&v));
            }
            if let (_, Some(v)) = text_row(ui, tr(lang, T::Chair), &header.chair, width) {
                edit(&|h| h.chair.clone_from(&v));
            }
            if let (_, Some(v)) = text_row(ui, tr(lang, T::NoteTaker), &header.note_taker, width) {
                edit(&|h| h.note_taker.clone_from(&v));
            }

            ui.label(tr(lang, T::Host));
            if let (_, Some(host)) = presenter_choice_ui(
                ui,
                state,
                "setup_host",
                tr(lang, T::Host),
                header.host.as_ref(),
            ) {
                edit(&|h| h.host.clone_from(&host));
            }
            ui.end_row();

            ui.label(tr(lang, T::SessionLanguage));
            let languages: Vec<String> = Language::ALL
                .iter()
                .map(|l| language_name(*l).to_owned())
                .collect();
            let at = Language::ALL
                .iter()
                .position(|l| *l == header.language)
                .unwrap_or(0);
            if let (_, Some(index)) = choice_ui(
                ui,
                "setup_language",
                tr(lang, T::SessionLanguage),
                &languages,
                at,
                140.0,
            ) {
                let choice = Language::ALL[index];
                edit(&|h| h.language = choice);
            }
            ui.end_row();

            let label = ui.label(tr(lang, T::ParticipantCount));
            if session.participants.is_empty() {
                let count = header.participant_count.unwrap_or(0);
                let (_, value) = minutes_field_ui(
                    ui,
                    "participant_count",
                    count,
                    Ok(label.id),
                    tr(lang, T::InvalidNumber),
                );
                if let Some(count) = value {
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

/// Whether Enter was pressed in a row's name field: the form then adds the
/// next row (or goes to it). One place for every commit-on-Enter row field.
fn enter_in(ui: &egui::Ui, response: &egui::Response) -> bool {
    response.has_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter))
}

/// A row's name field: as wide as `width`, Enter reported (it keeps the
/// cursor: the form decides where it goes next).
fn row_name_field(ui: &mut egui::Ui, text: &mut String, width: f32) -> egui::Response {
    // The minimum size matters in a grid: a cell is never wider than its
    // column was, so a field that only asks for its width stays narrow.
    ui.add(
        TextEdit::singleline(text)
            .return_key(None)
            .desired_width(width)
            .min_size(egui::vec2(width, 0.0)),
    )
}

fn organisations_ui(ui: &mut egui::Ui, state: &AppState, view: &mut ViewState, out: &mut Intents) {
    let session = &state.session;
    let lang = state.ui_lang;
    let count = session.organisations.len();
    let kinds = [OrgKind::Municipality, OrgKind::Guest];
    let kind_names: Vec<String> = [T::KindMunicipality, T::KindGuest]
        .iter()
        .map(|k| tr(lang, *k).to_owned())
        .collect();
    let mut go_next: Option<usize> = None;
    let width = (ui.available_width() - 420.0).clamp(200.0, 420.0);
    egui::Grid::new("setup_organisations")
        .num_columns(5)
        .spacing([10.0, 4.0])
        .striped(true)
        .show(ui, |ui| {
            for (index, org) in session.organisations.iter().enumerate() {
                let label = ui.label(trf(
                    lang,
                    T::NameNumbered,
                    &[("n", &(index + 1).to_string())],
                ));
                let mut name = org.name.clone();
                let response = row_name_field(ui, &mut name, width).labelled_by(label.id);
                take_focus(
                    ui,
                    view,
                    &FocusTarget::Organisation(org.id.clone()),
                    &response,
                    &org.name,
                    true,
                );
                if response.changed() {
                    out.edit(Edit::RenameOrganisation {
                        org: org.id.clone(),
                        name,
                    });
                }
                if enter_in(ui, &response) {
                    if index + 1 == count {
                        let command = match org.kind {
                            OrgKind::Municipality => Command::AddMunicipality,
                            OrgKind::Guest => Command::AddGuest,
                        };
                        out.command(command);
                    } else {
                        go_next = Some(index + 1);
                    }
                }
                ui.horizontal(|ui| {
                    // Named "Soort: Meijerijstad" for assistive technology.
                    ui.label(tr(lang, T::Kind));
                    let at = kinds.iter().position(|k| *k == org.kind).unwrap_or(0);
                    let (_, chosen) = choice_ui(
                        ui,
                        ("org_kind", &org.id),
                        &trf(lang, T::KindOf, &[("name", &org.name)]),
                        &kind_names,
                        at,
                        110.0,
                    );
                    if let Some(chosen) = chosen {
                        out.edit(Edit::SetOrganisationKind {
                            org: org.id.clone(),
                            kind: kinds[chosen],
                        });
                    }
                });
                attendance_ui(ui, session, org, lang, out);
                row_buttons_ui(
                    ui,
                    lang,
                    &org.name,
                    Edit::MoveOrganisation {
                        org: org.id.clone(),
                        delta: -1,
                    },
                    Edit::MoveOrganisation {
                        org: org.id.clone(),
                        delta: 1,
                    },
                    Edit::RemoveOrganisation(org.id.clone()),
                    out,
                );
                ui.end_row();
            }
        });
    if let Some(next) = go_next.and_then(|i| session.organisations.get(i)) {
        view.focus_on(FocusTarget::Organisation(next.id.clone()));
    }
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
    let choices: Vec<String> = Attendance::ALL
        .iter()
        .map(|a| {
            tr(
                lang,
                match a {
                    Attendance::Unknown => T::AttendanceUnknown,
                    Attendance::Present => T::AttendancePresent,
                    Attendance::Absent => T::AttendanceAbsent,
                },
            )
            .to_owned()
        })
        .collect();
    let at = Attendance::ALL
        .iter()
        .position(|a| *a == org.attendance)
        .unwrap_or(0);
    let label = trf(lang, T::AttendanceOf, &[("name", &org.name)]);
    if let (_, Some(chosen)) = choice_ui(
        ui,
        ("setup_attendance", org.id.as_str()),
        &label,
        &choices,
        at,
        110.0,
    ) && let Some(attendance) = Attendance::ALL.get(chosen)
    {
        out.edit(Edit::SetOrganisationAttendance {
            org: org.id.clone(),
            attendance: *attendance,
        });
    }
}

/// ↑, ↓ and × at the end of a row, each named after the row.
fn row_buttons_ui(
    ui: &mut egui::Ui,
    lang: Language,
    name: &str,
    up: Edit,
    down: Edit,
    remove: Edit,
    out: &mut Intents,
) {
    ui.horizontal(|ui| {
        for (symbol, label, edit) in [
            ("↑", T::CmdMoveUp, up),
            ("↓", T::CmdMoveDown, down),
            ("×", T::CmdRemove, remove),
        ] {
            let text = format!("{} {name}", tr(lang, label));
            let response = ui.small_button(symbol).on_hover_text(&text);
            name_widget(ui, &response, &text);
            if response.clicked() {
                out.edit(edit);
            }
        }
    });
}

/// The agenda as a table: title, kind, minutes, synthesis section and
/// presenter per item. Enter in a row inserts a new item after it, with the
/// cursor in its title; any item is edited here without becoming current.
fn agenda_ui(ui: &mut egui::Ui, state: &AppState, view: &mut ViewState, out: &mut Intents) {
    let session = &state.session;
    let lang = state.ui_lang;
    let mut insert_after: Option<usize> = None;
    let width = (ui.available_width() - 760.0).clamp(180.0, 360.0);
    egui::Grid::new("setup_agenda")
        .num_columns(7)
        .spacing([8.0, 4.0])
        .striped(true)
        .show(ui, |ui| {
            ui.label("");
            for heading in [T::Title, T::Kind, T::PlannedMinutes, T::Block, T::Presenter] {
                ui.label(RichText::new(tr(lang, heading)).small().strong());
            }
            ui.label("");
            ui.end_row();
            for (index, item) in session.agenda.iter().enumerate() {
                let n = (index + 1).to_string();
                let named =
                    |key: T| trf(lang, T::FieldOfItem, &[("field", tr(lang, key)), ("n", &n)]);
                ui.label(format!("{n}."));
                let mut title = item.title.clone();
                let title_field = row_name_field(ui, &mut title, width);
                name_widget(ui, &title_field, &named(T::Title));
                take_focus(
                    ui,
                    view,
                    &FocusTarget::Item(item.id.clone()),
                    &title_field,
                    &item.title,
                    true,
                );
                if title_field.changed() {
                    out.edit(Edit::SetItemTitle {
                        item: item.id.clone(),
                        title,
                    });
                }
                let mut enter = enter_in(ui, &title_field);
                let (kind_field, kind) = kind_choice_ui(
                    ui,
                    lang,
                    ("setup_kind", &item.id),
                    &named(T::Kind),
                    item.kind,
                );
                if let Some(kind) = kind {
                    out.edit(Edit::SetItemKind {
                        item: item.id.clone(),
                        kind,
                    });
                }
                enter |= enter_in(ui, &kind_field);
                let (minutes_field, minutes) = minutes_field_ui(
                    ui,
                    ("setup_minutes", &item.id),
                    item.planned_minutes,
                    Err(&named(T::PlannedMinutes)),
                    tr(lang, T::InvalidNumber),
                );
                if let Some(minutes) = minutes {
                    out.edit(Edit::SetPlannedMinutes {
                        item: item.id.clone(),
                        minutes,
                    });
                }
                enter |= enter_in(ui, &minutes_field);
                let (block_field, block) = block_choice_ui(
                    ui,
                    state,
                    ("setup_block", &item.id),
                    &named(T::Block),
                    item.block,
                );
                if let Some(block) = block {
                    out.edit(Edit::SetItemBlock {
                        item: item.id.clone(),
                        block,
                    });
                }
                enter |= enter_in(ui, &block_field);
                let (presenter_field, presenter) = presenter_choice_ui(
                    ui,
                    state,
                    ("setup_presenter", &item.id),
                    &named(T::Presenter),
                    item.presenter.as_ref(),
                );
                if let Some(presenter) = presenter {
                    out.edit(Edit::SetItemPresenter {
                        item: item.id.clone(),
                        presenter,
                    });
                }
                enter |= enter_in(ui, &presenter_field);
                row_buttons_ui(
                    ui,
                    lang,
                    &item.title,
                    Edit::MoveItem {
                        item: item.id.clone(),
                        delta: -1,
                    },
                    Edit::MoveItem {
                        item: item.id.clone(),
                        delta: 1,
                    },
                    Edit::RemoveItem(item.id.clone()),
                    out,
                );
                ui.end_row();
                if enter {
                    insert_after = Some(index);
                }
            }
        });
    if let Some(index) = insert_after {
        out.edit(Edit::AddItem {
            at: index + 1,
            title: tr(lang, T::NewItemTitle).to_owned(),
            kind: AgendaKind::Discussion,
            minutes: 10,
        });
    }
    if session.agenda.is_empty() {
        // The first item: the button adds it at the end.
        super::console::command_button(ui, state, view, Command::AddItem, out);
    } else if ui.button(tr(lang, T::CmdAddItemAtEnd)).clicked() {
        out.edit(Edit::AddItem {
            at: session.agenda.len(),
            title: tr(lang, T::NewItemTitle).to_owned(),
            kind: AgendaKind::Discussion,
            minutes: 10,
        });
    }
}

fn participants_ui(ui: &mut egui::Ui, state: &AppState, view: &mut ViewState, out: &mut Intents) {
    let session = &state.session;
    let lang = state.ui_lang;
    let count = session.participants.len();
    let mut go_next: Option<usize> = None;
    let org_names: Vec<String> = std::iter::once(tr(lang, T::NoneChosen).to_owned())
        .chain(session.organisations.iter().map(|o| o.name.clone()))
        .collect();
    egui::Grid::new("setup_participants")
        .num_columns(6)
        .spacing([10.0, 4.0])
        .striped(true)
        .show(ui, |ui| {
            for (index, p) in session.participants.iter().enumerate() {
                let mut edited = p.clone();
                let mut changed = false;
                let label = ui.label(trf(
                    lang,
                    T::NameNumbered,
                    &[("n", &(index + 1).to_string())],
                ));
                let response = row_name_field(ui, &mut edited.name, 240.0).labelled_by(label.id);
                take_focus(
                    ui,
                    view,
                    &FocusTarget::Participant(p.id.clone()),
                    &response,
                    &p.name,
                    true,
                );
                changed |= response.changed();
                if enter_in(ui, &response) {
                    if index + 1 == count {
                        out.edit(Edit::AddParticipant {
                            name: tr(lang, T::NewParticipant).to_owned(),
                            organisation: p.organisation.clone(),
                        });
                    } else {
                        go_next = Some(index + 1);
                    }
                }
                let at = p
                    .organisation
                    .as_ref()
                    .and_then(|o| session.organisations.iter().position(|x| &x.id == o))
                    .map_or(0, |i| i + 1);
                if let (_, Some(chosen)) = choice_ui(
                    ui,
                    ("participant_org", &p.id),
                    &trf(lang, T::OrganisationOf, &[("name", &p.name)]),
                    &org_names,
                    at,
                    160.0,
                ) {
                    edited.organisation = chosen
                        .checked_sub(1)
                        .map(|i| session.organisations[i].id.clone());
                    changed = true;
                }
                let mut role = edited.role.clone();
                let role_field = ui.add(
                    TextEdit::singleline(&mut role)
                        .hint_text(tr(lang, T::Role))
                        .desired_width(160.0),
                );
                name_widget(ui, &role_field, &trf(lang, T::RoleOf, &[("name", &p.name)]));
                if role_field.changed() {
                    edited.role = role;
                    changed = true;
                }
                let present = ui.checkbox(&mut edited.present, tr(lang, T::Present));
                name_widget(ui, &present, &trf(lang, T::PresentOf, &[("name", &p.name)]));
                changed |= present.changed();
                let text = format!("{} {}", tr(lang, T::CmdRemove), p.name);
                let remove = ui.small_button("×").on_hover_text(&text);
                name_widget(ui, &remove, &text);
                if remove.clicked() {
                    out.edit(Edit::RemoveParticipant(p.id.clone()));
                }
                ui.end_row();
                if changed {
                    out.edit(Edit::SetParticipant(Box::new(edited)));
                }
            }
        });
    if let Some(next) = go_next.and_then(|i| session.participants.get(i)) {
        view.focus_on(FocusTarget::Participant(next.id.clone()));
    }
    if ui.button(tr(lang, T::CmdAddParticipant)).clicked() {
        out.edit(Edit::AddParticipant {
            name: tr(lang, T::NewParticipant).to_owned(),
            organisation: None,
        });
    }
    ui.add_space(6.0);
    let id = Id::unique("setup_paste");
    let mut text: String = ui.data_mut(|d| d.get_temp(id)).unwrap_or_default();
    let label = ui.label(tr(lang, T::PasteHint));
    ui.add(
        TextEdit::multiline(&mut text)
            .desired_rows(3)
            .desired_width(ui.available_width().min(640.0)),
    )
    .labelled_by(label.id);
    if ui.button(tr(lang, T::CmdPasteParticipants)).clicked() && !text.trim().is_empty() {
        out.edit(Edit::PasteParticipants {
            text: std::mem::take(&mut text),
        });
    }
    ui.data_mut(|d| d.insert_temp(id, text));
}

/// The notes on the whole meeting (the introduction under the report's
/// header): each editable with its visibility, and a field for a new one.
fn session_notes_ui(ui: &mut egui::Ui, state: &AppState, out: &mut Intents) {
    let lang = state.ui_lang;
    let session: &Session = &state.session;
    ui.label(RichText::new(tr(lang, T::SessionNotesHint)).weak());
    for (index, note) in session.notes.iter().enumerate() {
        let n = (index + 1).to_string();
        let label = ui.label(trf(lang, T::NoteNumbered, &[("n", &n)]));
        let mut edited = note.clone();
        let response = ui
            .add(
                TextEdit::multiline(&mut edited.text)
                    .desired_rows(3)
                    .desired_width(ui.available_width().min(760.0)),
            )
            .labelled_by(label.id);
        let mut changed = response.changed();
        ui.horizontal(|ui| {
            ui.label(tr(lang, T::Visibility));
            if let (_, Some(v)) = visibility_choice_ui(
                ui,
                lang,
                ("session_note_visibility", &note.id),
                &trf(lang, T::VisibilityOfNote, &[("n", &n)]),
                note.visibility,
            ) {
                edited.visibility = v;
                changed = true;
            }
            let text = trf(lang, T::RemoveNoteNumbered, &[("n", &n)]);
            let remove = ui.small_button("×").on_hover_text(&text);
            name_widget(ui, &remove, &text);
            if remove.clicked() {
                out.edit(Edit::RemoveSessionNote(note.id.clone()));
            }
        });
        if changed {
            out.edit(Edit::SetSessionNote(Box::new(edited)));
        }
        ui.add_space(4.0);
    }
    let id = Id::unique("setup_new_session_note");
    let (mut text, mut visibility): (String, Visibility) =
        ui.data_mut(|d| d.get_temp(id)).unwrap_or_default();
    let label = ui.label(tr(lang, T::NewSessionNote));
    let field = ui
        .add(
            TextEdit::multiline(&mut text)
                .desired_rows(2)
                .desired_width(ui.available_width().min(760.0)),
        )
        .labelled_by(label.id);
    let add_by_key = field.has_focus()
        && ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::Enter));
    ui.horizontal(|ui| {
        ui.label(tr(lang, T::Visibility));
        if let (_, Some(v)) = visibility_choice_ui(
            ui,
            lang,
            "new_session_note_visibility",
            tr(lang, T::Visibility),
            visibility,
        ) {
            visibility = v;
        }
        let add = ui.button(tr(lang, T::CmdAddNote)).clicked() || add_by_key;
        if add && !text.trim().is_empty() {
            out.edit(Edit::AddSessionNote {
                text: std::mem::take(&mut text),
                visibility,
            });
        }
    });
    ui.data_mut(|d| d.insert_temp(id, (text, visibility)));
}
