//! The facilitator's console: the status bar, the agenda on the left, the
//! capture of municipalities' keywords in the middle and, beside it, what
//! the current item needs (the round's speakers, synthesis bullets, notes).

use egui::{Color32, Id, Key, Modifiers, RichText, TextEdit};

use super::theme::bold_family;
use super::typing::{CommitField, Typed, take_typing};
use super::{block_label, kind_label, save_state_text, visibility_label};
use crate::app::runner::TimeState;
use crate::app::{AppState, Command, Field, Intents, Request, ViewState};
use crate::i18n::{Language, T, tr, trf};
use crate::model::{AgendaKind, BlockKind, Bullet, Edit, SpeakerStatus, Visibility};

/// Amber for 80 % of the planned time.
pub const WARNING: Color32 = Color32::from_rgb(0xB0, 0x6A, 0x00);
/// Red for 100 %.
pub const OVER: Color32 = Color32::from_rgb(0xC0, 0x39, 0x2B);
/// The accent colour of the selected card and current item.
pub const ACCENT: Color32 = Color32::from_rgb(0x2E, 0x5E, 0xA8);

/// The ids of the console's text fields (tests and focus requests use them).
#[must_use]
pub fn field_id(field: Field) -> Id {
    Id::unique(("console-field", field as u8))
}

/// "mm:ss" (or "h:mm:ss") for a number of seconds; negative values get a minus.
#[must_use]
pub fn format_duration(seconds: i64) -> String {
    let sign = if seconds < 0 { "-" } else { "" };
    let s = seconds.unsigned_abs();
    if s >= 3600 {
        format!("{sign}{}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60)
    } else {
        format!("{sign}{:02}:{:02}", s / 60, s % 60)
    }
}

fn state_colour(state: TimeState) -> Option<Color32> {
    match state {
        TimeState::Normal => None,
        TimeState::Warning => Some(WARNING),
        TimeState::Over => Some(OVER),
    }
}

/// The whole console below the menu bar.
pub fn console_ui(ui: &mut egui::Ui, state: &AppState, view: &mut ViewState, out: &mut Intents) {
    egui::Panel::top("console_status").show(ui, |ui| status_bar_ui(ui, state));
    egui::Panel::left("console_agenda")
        .default_size(330.0)
        .show(ui, |ui| agenda_ui(ui, state, view, out));
    egui::Panel::right("console_item")
        .default_size(440.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("item_scroll")
                .auto_shrink([false, false])
                .show(ui, |ui| item_ui(ui, state, view, out));
        });
    egui::CentralPanel::default().show(ui, |ui| capture_ui(ui, state, view, out));
}

/// Title, clock, current item with its time, ahead/behind, save state.
fn status_bar_ui(ui: &mut egui::Ui, state: &AppState) {
    let lang = state.ui_lang;
    let session = &state.session;
    let runner = &state.runner;
    let now = state.now;
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        // A long title (a follow-up is named after its planned theme) is
        // cut with "…" rather than pushing the clock and save state away.
        let title_width = (ui.available_width() * 0.4).max(120.0);
        ui.scope(|ui| {
            ui.set_max_width(title_width);
            ui.add(
                egui::Label::new(
                    RichText::new(&session.header.title)
                        .family(bold_family())
                        .size(18.0),
                )
                .truncate(),
            );
        });
        ui.separator();
        ui.label(RichText::new(now.format("%H:%M").to_string()).size(18.0))
            .on_hover_text(tr(lang, T::Clock));
        if let Some(id) = runner.current_or_first(session)
            && let Some(item) = session.agenda_item(id)
        {
            ui.separator();
            let used = runner.elapsed(id, now);
            let mut text = RichText::new(format!(
                "{}: {} · {} / {}",
                tr(lang, T::CurrentItem),
                item.title,
                format_duration(used),
                format_duration(i64::from(item.planned_minutes) * 60)
            ));
            if let Some(colour) = state_colour(runner.time_state(session, id, now)) {
                text = text.color(colour).strong();
            }
            ui.label(text);
            ui.separator();
            let status = match runner.status {
                crate::app::runner::RunStatus::Idle => tr(lang, T::NotStarted).to_owned(),
                crate::app::runner::RunStatus::Paused => tr(lang, T::Paused).to_owned(),
                crate::app::runner::RunStatus::Running => {
                    schedule_text(lang, runner.behind_seconds(session, now))
                }
            };
            ui.label(status);
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.label(save_state_text(state));
        });
    });
    ui.add_space(4.0);
}

/// "3 min behind", "2 min ahead" or "on schedule".
#[must_use]
pub fn schedule_text(lang: Language, behind_seconds: i64) -> String {
    let minutes = behind_seconds / 60;
    match minutes.cmp(&0) {
        std::cmp::Ordering::Greater => trf(lang, T::Behind, &[("min", &minutes.to_string())]),
        std::cmp::Ordering::Less => trf(lang, T::Ahead, &[("min", &(-minutes).to_string())]),
        std::cmp::Ordering::Equal => tr(lang, T::OnSchedule).to_owned(),
    }
}

/// A button for a command, with its shortcut in the label; greyed out
/// while the command cannot act.
pub fn command_button(
    ui: &mut egui::Ui,
    state: &AppState,
    view: &ViewState,
    command: Command,
    out: &mut Intents,
) {
    let lang = state.ui_lang;
    let mut text = command.label(lang).to_owned();
    if let Some(shortcut) = command.shortcut() {
        text = format!("{text} ({})", ui.ctx().format_shortcut(&shortcut));
    }
    let mut response = ui.add_enabled(command.enabled(state, view), egui::Button::new(text));
    if let Some(tip) = command.tooltip(lang) {
        response = response.on_hover_text(tip);
    }
    if response.clicked() {
        out.command(command);
    }
}

fn agenda_ui(ui: &mut egui::Ui, state: &AppState, view: &mut ViewState, out: &mut Intents) {
    let lang = state.ui_lang;
    let now = state.now;
    ui.add_space(6.0);
    ui.heading(tr(lang, T::Agenda));
    ui.horizontal_wrapped(|ui| {
        for command in [
            Command::StartPause,
            Command::PreviousItem,
            Command::NextItem,
        ] {
            command_button(ui, state, view, command, out);
        }
    });
    ui.separator();
    let session = &state.session;
    let runner = &state.runner;
    let current = runner.current_or_first(session).cloned();
    egui::ScrollArea::vertical()
        .id_salt("agenda_scroll")
        .max_height(ui.available_height() * 0.7)
        .show(ui, |ui| {
            let mut start = session.header.start_time;
            for item in &session.agenda {
                let is_current = current.as_ref() == Some(&item.id);
                let used = runner.elapsed(&item.id, now);
                let planned = i64::from(item.planned_minutes) * 60;
                let when = start.map_or_else(String::new, |t| t.format("%H:%M ").to_string());
                let mut text = RichText::new(format!("{when}{}", item.title));
                if is_current {
                    text = text.strong().color(ACCENT);
                }
                let mut time = RichText::new(if used > 0 {
                    format!("{} / {}", format_duration(used), format_duration(planned))
                } else {
                    trf(
                        lang,
                        T::Minutes,
                        &[("n", &item.planned_minutes.to_string())],
                    )
                })
                .monospace()
                .small();
                if let Some(colour) = state_colour(runner.time_state(session, &item.id, now)) {
                    time = time.color(colour);
                }
                egui::Sides::new().shrink_left().truncate().show(
                    ui,
                    |ui| {
                        let response = ui
                            .add(egui::Button::selectable(is_current, text).truncate())
                            .on_hover_text(&item.title);
                        if response.clicked() {
                            out.request(Request::GoToItem(item.id.clone()));
                        }
                    },
                    |ui| {
                        ui.label(time);
                    },
                );
                start =
                    start.map(|t| t + chrono::TimeDelta::minutes(i64::from(item.planned_minutes)));
            }
        });
    ui.separator();
    if let Some(id) = current {
        egui::CollapsingHeader::new(tr(lang, T::ItemDetails))
            .id_salt("item_details_header")
            .show(ui, |ui| item_details_ui(ui, state, view, &id, out));
    }
    ui.add_space(4.0);
    command_button(ui, state, view, Command::AddItem, out);
}

fn item_details_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    view: &mut ViewState,
    id: &crate::model::ItemId,
    out: &mut Intents,
) {
    let lang = state.ui_lang;
    let session = &state.session;
    let Some(item) = session.agenda_item(id) else {
        return;
    };
    egui::Grid::new("item_details")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            let label = ui.label(tr(lang, T::Title));
            let mut title = item.title.clone();
            let response = ui
                .add(TextEdit::singleline(&mut title).desired_width(170.0))
                .labelled_by(label.id);
            if response.changed() {
                out.edit(Edit::SetItemTitle {
                    item: id.clone(),
                    title,
                });
            }
            ui.end_row();

            let label = ui.label(tr(lang, T::Kind));
            egui::ComboBox::from_id_salt("item_kind")
                .selected_text(kind_label(lang, item.kind))
                .show_ui(ui, |ui| {
                    for kind in AgendaKind::ALL {
                        if ui
                            .selectable_label(item.kind == kind, kind_label(lang, kind))
                            .clicked()
                        {
                            out.edit(Edit::SetItemKind {
                                item: id.clone(),
                                kind,
                            });
                        }
                    }
                })
                .response
                .labelled_by(label.id);
            ui.end_row();

            let label = ui.label(tr(lang, T::PlannedMinutes));
            let mut minutes = item.planned_minutes;
            let response = ui
                .add(egui::DragValue::new(&mut minutes).range(0..=600))
                .labelled_by(label.id);
            if response.changed() {
                out.edit(Edit::SetPlannedMinutes {
                    item: id.clone(),
                    minutes,
                });
            }
            ui.end_row();

            let label = ui.label(tr(lang, T::Block));
            egui::ComboBox::from_id_salt("item_block")
                .selected_text(
                    item.block
                        .map_or_else(|| tr(lang, T::NoBlock).to_owned(), |b| block_label(lang, b)),
                )
                .show_ui(ui, |ui| {
                    if ui
                        .selectable_label(item.block.is_none(), tr(lang, T::NoBlock))
                        .clicked()
                    {
                        out.edit(Edit::SetItemBlock {
                            item: id.clone(),
                            block: None,
                        });
                    }
                    for block in BlockKind::ALL {
                        if ui
                            .selectable_label(item.block == Some(block), block_label(lang, block))
                            .clicked()
                        {
                            out.edit(Edit::SetItemBlock {
                                item: id.clone(),
                                block: Some(block),
                            });
                        }
                    }
                })
                .response
                .labelled_by(label.id);
            ui.end_row();
        });

    // "Take N minutes from a later item".
    let later: Vec<_> = session
        .agenda
        .iter()
        .skip_while(|i| &i.id != id)
        .skip(1)
        .filter(|i| i.planned_minutes > 0)
        .collect();
    if !later.is_empty() {
        ui.horizontal_wrapped(|ui| {
            let label = ui.label(tr(lang, T::TakeFrom));
            ui.add(egui::DragValue::new(&mut view.capture.take_minutes).range(1..=120))
                .labelled_by(label.id);
            ui.label(tr(lang, T::TakeFromLater));
            let minutes = view.capture.take_minutes.max(1);
            for other in later.iter().take(3) {
                if ui
                    .button(&other.title)
                    .on_hover_text(tr(lang, T::CmdTakeMinutes))
                    .clicked()
                {
                    out.edit(Edit::TakeMinutes {
                        from: other.id.clone(),
                        to: id.clone(),
                        minutes,
                    });
                }
            }
        });
    }
    ui.horizontal_wrapped(|ui| {
        for (label, edit) in [
            (
                T::CmdMoveUp,
                Edit::MoveItem {
                    item: id.clone(),
                    delta: -1,
                },
            ),
            (
                T::CmdMoveDown,
                Edit::MoveItem {
                    item: id.clone(),
                    delta: 1,
                },
            ),
            (T::CmdRemoveItem, Edit::RemoveItem(id.clone())),
        ] {
            if ui.button(tr(lang, label)).clicked() {
                out.edit(edit);
            }
        }
    });
}

/// The municipalities and the selected card's title and keywords.
fn capture_ui(ui: &mut egui::Ui, state: &AppState, view: &mut ViewState, out: &mut Intents) {
    let lang = state.ui_lang;
    if view.capture.find_open {
        find_ui(ui, state, view, out);
    }
    let cards = state.session.cards();
    if cards.is_empty() {
        ui.label(RichText::new(tr(lang, T::NoMunicipalities)).weak());
        return;
    }
    let selected = view.capture.card.min(cards.len() - 1);
    ui.add_space(4.0);
    ui.label(RichText::new(tr(lang, T::Municipalities)).strong());
    ui.horizontal_wrapped(|ui| {
        for (index, card) in cards.iter().enumerate() {
            let count = card
                .experiment
                .as_ref()
                .and_then(|id| state.session.experiment(id))
                .map_or(0, |e| e.keywords.len());
            let name = state.session.organisation_name(&card.org);
            let text = if count > 0 {
                format!("{name} ({count})")
            } else {
                name.to_owned()
            };
            if ui.selectable_label(index == selected, text).clicked() {
                out.request(Request::SelectCard(index));
                out.command(Command::FocusKeywords);
            }
        }
    });
    ui.separator();

    let card = cards[selected].clone();
    let org_name = state.session.organisation_name(&card.org).to_owned();
    let experiment = card
        .experiment
        .as_ref()
        .and_then(|id| state.session.experiment(id))
        .cloned();
    let siblings = state.session.experiments_of(&card.org).count();

    // The card's title line.
    ui.horizontal(|ui| {
        ui.label(RichText::new("⊗").family(bold_family()).size(22.0));
        if view.capture.editing_title {
            let label = ui.label(tr(lang, T::TitleFieldLabel));
            let limit = crate::model::limits::TITLE_MAX_CHARS;
            let typed = commit_typing(ui, state, Field::Title, limit, &mut view.capture.title);
            let mut commits = typed.into_iter().filter_map(|step| match step {
                Typed::Commit(text) => Some(text),
                Typed::Deeper | Typed::Shallower => None,
            });
            if let Some(title) = commits.next() {
                out.edit(Edit::SetExperimentTitle {
                    org: card.org.clone(),
                    experiment: card.experiment.clone(),
                    title,
                });
                view.capture.editing_title = false;
                view.capture.focus_request = Some(Field::Keyword);
                // The cursor goes to the keyword field now: what was typed
                // after Enter in this instant is keywords.
                ui.memory_mut(|m| m.request_focus(field_id(Field::Keyword)));
                for text in commits {
                    out.edit(Edit::AddKeyword {
                        org: card.org.clone(),
                        experiment: card.experiment.clone(),
                        text,
                    });
                }
            }
            let response = ui
                .add(
                    TextEdit::singleline(&mut view.capture.title)
                        .id(field_id(Field::Title))
                        .return_key(None)
                        .char_limit(limit)
                        .hint_text(tr(lang, T::TitleHint))
                        .desired_width(ui.available_width()),
                )
                .labelled_by(label.id);
            track_focus(ui, view, &response, Field::Title);
            if response.has_focus() && ui.input(|i| i.key_pressed(Key::Escape)) {
                view.capture.editing_title = false;
                view.capture.focus_request = Some(Field::Keyword);
            }
        } else {
            let title = experiment.as_ref().map_or("", |e| e.title.as_str());
            if title.is_empty() {
                ui.label(RichText::new(tr(lang, T::NoTitle)).weak().size(20.0));
            } else {
                ui.label(RichText::new(title).family(bold_family()).size(22.0));
            }
        }
    });
    ui.label(RichText::new(&org_name).italics().color(ACCENT).size(18.0));
    super::series::last_time_ui(ui, lang, &state.session, &card.org);
    if siblings > 1
        && let Some(pos) = state
            .session
            .experiments_of(&card.org)
            .position(|e| Some(&e.id) == card.experiment.as_ref())
    {
        ui.label(
            RichText::new(trf(
                lang,
                T::ExperimentOf,
                &[("n", &(pos + 1).to_string()), ("org", &org_name)],
            ))
            .small()
            .weak(),
        );
    }
    ui.add_space(6.0);

    // The keyword field: Enter adds and keeps the cursor here.
    let label_text = if view.capture.editing_keyword.is_some() {
        tr(lang, T::EditingKeyword).to_owned()
    } else {
        trf(lang, T::KeywordFieldLabel, &[("org", &org_name)])
    };
    let label = ui.label(label_text);
    let limit = crate::model::limits::KEYWORD_MAX_CHARS;
    for step in commit_typing(ui, state, Field::Keyword, limit, &mut view.capture.keyword) {
        let Typed::Commit(text) = step else { continue };
        // The field is empty again at once: what was typed is now an edit.
        match view.capture.editing_keyword.take() {
            Some(keyword) => out.edit(Edit::ReplaceKeyword { keyword, text }),
            None => out.edit(Edit::AddKeyword {
                org: card.org.clone(),
                experiment: card.experiment.clone(),
                text,
            }),
        }
    }
    let response = ui
        .add(
            TextEdit::singleline(&mut view.capture.keyword)
                .id(field_id(Field::Keyword))
                .return_key(None)
                .event_filter(egui::EventFilter {
                    tab: false,
                    horizontal_arrows: true,
                    vertical_arrows: true,
                    escape: true,
                })
                .char_limit(crate::model::limits::KEYWORD_MAX_CHARS)
                .hint_text(tr(lang, T::KeywordHint))
                .font(egui::TextStyle::Heading)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    track_focus(ui, view, &response, Field::Keyword);
    limit_note_ui(
        ui,
        lang,
        &view.capture.keyword,
        crate::model::limits::KEYWORD_MAX_CHARS,
    );
    if response.has_focus() {
        let capture = &mut view.capture;
        if ui.input(|i| i.key_pressed(Key::Escape)) {
            if capture.editing_keyword.take().is_some() {
                capture.keyword.clear();
            } else {
                capture.selected_keyword = None;
            }
        }
    }
    ui.add_space(6.0);

    // The keywords, as on the whiteboard.
    egui::ScrollArea::vertical()
        .id_salt("keywords_scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let Some(experiment) = &experiment else {
                ui.label(RichText::new(tr(lang, T::NoKeywords)).weak());
                return;
            };
            if experiment.keywords.is_empty() {
                ui.label(RichText::new(tr(lang, T::NoKeywords)).weak());
            }
            for keyword in &experiment.keywords {
                let selected = view.capture.selected_keyword.as_ref() == Some(&keyword.id);
                let mut line = format!("• {}", keyword.text);
                for tag in &keyword.tags {
                    line.push_str(" #");
                    line.push_str(tag);
                }
                let mut text = RichText::new(line).size(18.0);
                if keyword.highlighted {
                    text = text
                        .strong()
                        .background_color(Color32::from_rgb(0xFF, 0xF1, 0xA8))
                        .color(Color32::BLACK);
                }
                let response = ui.selectable_label(selected, text);
                if response.clicked() {
                    view.capture.selected_keyword = Some(keyword.id.clone());
                    view.capture.focus_request = Some(Field::Keyword);
                }
                if selected {
                    response.scroll_to_me(None);
                }
            }
        });
}

/// Under a field that reached its length limit (a huge paste is cut there,
/// so the console stays responsive): says so, rather than cutting silently.
fn limit_note_ui(ui: &mut egui::Ui, lang: Language, text: &str, limit: usize) {
    if text.len() >= limit && text.chars().count() >= limit {
        ui.label(
            RichText::new(trf(lang, T::TextTooLong, &[("n", &limit.to_string())]))
                .small()
                .color(WARNING),
        );
    }
}

/// The typing of this frame for a console field that commits on Enter
/// (the notes: on Ctrl+Enter), in order ([`take_typing`]); nothing while the
/// session is read-only (Enter then leaves the text in the field). Call
/// before the field is shown.
fn commit_typing(
    ui: &egui::Ui,
    state: &AppState,
    field: Field,
    char_limit: usize,
    text: &mut String,
) -> Vec<Typed> {
    if state.read_only {
        return Vec::new();
    }
    let commit = CommitField {
        tab: field == Field::Bullet,
        multiline: field == Field::Notes,
        ..CommitField::single_line(field_id(field), char_limit)
    };
    take_typing(ui, &commit, text)
}

/// Remembers which field has the cursor, and honours a focus request.
fn track_focus(ui: &egui::Ui, view: &mut ViewState, response: &egui::Response, field: Field) {
    let capture = &mut view.capture;
    if capture.focus_request == Some(field) {
        response.request_focus();
        capture.focus_request = None;
        // The cursor goes to the end of what the field holds (an edited keyword).
        let chars = match field {
            Field::Keyword => capture.keyword.chars().count(),
            Field::Title => capture.title.chars().count(),
            Field::Bullet => capture.bullet.chars().count(),
            Field::Notes => capture.note.chars().count(),
            Field::Find => capture.find.chars().count(),
        };
        if let Some(mut text_state) = egui::text_edit::TextEditState::load(ui.ctx(), response.id) {
            let end = egui::text::CCursor::new(chars);
            text_state
                .cursor
                .set_char_range(Some(egui::text::CCursorRange::one(end)));
            text_state.store(ui.ctx(), response.id);
        }
    }
    if response.has_focus() {
        capture.focused = Some(field);
        capture.focused_has_text = match field {
            Field::Keyword => !capture.keyword.is_empty(),
            Field::Title => !capture.title.is_empty(),
            Field::Bullet => !capture.bullet.is_empty(),
            Field::Notes => !capture.note.is_empty(),
            Field::Find => !capture.find.is_empty(),
        };
    } else if capture.focused == Some(field) && !ui.ctx().memory(|m| m.has_focus(response.id)) {
        capture.focused = None;
        capture.focused_has_text = false;
    }
}

fn find_ui(ui: &mut egui::Ui, state: &AppState, view: &mut ViewState, out: &mut Intents) {
    let lang = state.ui_lang;
    ui.horizontal(|ui| {
        let label = ui.label(tr(lang, T::Find));
        let response = ui
            .add(
                TextEdit::singleline(&mut view.capture.find)
                    .id(field_id(Field::Find))
                    .hint_text(tr(lang, T::FindHint))
                    .desired_width(280.0),
            )
            .labelled_by(label.id);
        track_focus(ui, view, &response, Field::Find);
        if response.has_focus() && ui.input(|i| i.key_pressed(Key::Escape)) {
            view.capture.find_open = false;
            view.capture.focus_request = Some(Field::Keyword);
        }
        if ui.button(tr(lang, T::Close)).clicked() {
            view.capture.find_open = false;
        }
    });
    let query = view.capture.find.trim().to_lowercase();
    if query.is_empty() {
        return;
    }
    let cards = state.session.cards();
    let mut hits = Vec::new();
    for (index, card) in cards.iter().enumerate() {
        let Some(exp) = card
            .experiment
            .as_ref()
            .and_then(|id| state.session.experiment(id))
        else {
            continue;
        };
        let org = state.session.organisation_name(&card.org);
        if exp.title.to_lowercase().contains(&query) {
            hits.push((Some(index), format!("{org}: ⊗ {}", exp.title)));
        }
        for k in &exp.keywords {
            if k.text.to_lowercase().contains(&query) {
                hits.push((Some(index), format!("{org}: {}", k.text)));
            }
        }
    }
    for block in BlockKind::ALL {
        collect_bullet_hits(
            &state.session.synthesis.block(block).bullets,
            &query,
            &mut |text| {
                hits.push((None, format!("{}: {text}", block_label(lang, block))));
            },
        );
    }
    ui.label(RichText::new(trf(lang, T::FindResults, &[("n", &hits.len().to_string())])).weak());
    for (card, text) in hits.into_iter().take(12) {
        if ui.link(text).clicked()
            && let Some(index) = card
        {
            out.request(Request::SelectCard(index));
        }
    }
    ui.separator();
}

fn collect_bullet_hits(bullets: &[Bullet], query: &str, found: &mut dyn FnMut(&str)) {
    for b in bullets {
        if b.text.to_lowercase().contains(query) {
            found(&b.text);
        }
        collect_bullet_hits(&b.children, query, found);
    }
}

/// What the current item needs: the round, the synthesis bullets, notes.
fn item_ui(ui: &mut egui::Ui, state: &AppState, view: &mut ViewState, out: &mut Intents) {
    let lang = state.ui_lang;
    let Some(id) = state.runner.current_or_first(&state.session).cloned() else {
        return;
    };
    let Some(item) = state.session.agenda_item(&id).cloned() else {
        return;
    };
    ui.add_space(6.0);
    projector_panel_ui(ui, state, out);
    ui.separator();
    ui.heading(&item.title);
    ui.label(RichText::new(kind_label(lang, item.kind)).weak());
    ui.separator();
    if state
        .session
        .previous
        .as_ref()
        .is_some_and(|p| p.review_item.as_ref() == Some(&id))
    {
        super::series::look_back_ui(ui, state, out);
        ui.separator();
    }

    if item.round.is_some() {
        round_ui(ui, state, view, &id, out);
        ui.separator();
    }
    if item.block.is_some() || item.kind == AgendaKind::Synthesis {
        bullets_ui(ui, state, view, out);
        ui.separator();
    }
    notes_ui(ui, state, view, &item, out);
    ui.separator();
    super::photos::item_photos_ui(ui, state, view, &id, out);
    if item.block.is_none() && item.kind != AgendaKind::Synthesis {
        ui.separator();
        // Ctrl+B opens the block so the cursor can go to its bullet field.
        let open = (view.capture.focus_request == Some(Field::Bullet)).then_some(true);
        egui::CollapsingHeader::new(tr(lang, T::Block))
            .open(open)
            .show(ui, |ui| bullets_ui(ui, state, view, out));
    }
    ui.separator();
    egui::CollapsingHeader::new(format!(
        "{} ({})",
        tr(lang, T::Actions),
        state.session.synthesis.actions.len()
    ))
    .id_salt("actions_editor")
    .show(ui, |ui| super::lists::actions_ui(ui, state, view, out));
    egui::CollapsingHeader::new(format!(
        "{} ({})",
        tr(lang, T::NextMeetings),
        state.session.synthesis.next_meetings.len()
    ))
    .id_salt("meetings_editor")
    .default_open(item.kind == AgendaKind::Closing)
    .show(ui, |ui| {
        super::lists::next_meetings_ui(ui, state, view, out);
    });
}

/// A live thumbnail of what the room sees, with the projector's state and
/// warnings. The thumbnail is drawn by the same function as the projector,
/// without accessibility nodes (labels stay unique).
fn projector_panel_ui(ui: &mut egui::Ui, state: &AppState, out: &mut Intents) {
    use crate::app::projector::{Blank, ProjectorMode};
    let lang = state.ui_lang;
    let p = &state.projector;
    ui.horizontal(|ui| {
        ui.label(RichText::new(tr(lang, T::ProjectorThumbnail)).strong());
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let text = format!("{} (F7)", Command::ToggleProjector.label(lang));
            if ui.selectable_label(p.open, text).clicked() {
                out.command(Command::ToggleProjector);
            }
        });
    });
    if !p.open {
        ui.label(RichText::new(tr(lang, T::ProjectorClosed)).weak());
        return;
    }
    let width = ui.available_width();
    let aspect = p.size.map_or(
        9.0 / 16.0,
        |[w, h]| if w > 0.0 { h / w } else { 9.0 / 16.0 },
    );
    let (rect, _) = ui.allocate_exact_size(
        egui::vec2(width, width * aspect.clamp(0.4, 1.0)),
        egui::Sense::hover(),
    );
    state.with_projector_view(|view| {
        crate::ui::projector::projector_ui(ui, rect, view, false);
    });
    ui.painter().rect_stroke(
        rect,
        2.0,
        egui::Stroke::new(1.0, ui.visuals().widgets.noninteractive.bg_stroke.color),
        egui::StrokeKind::Outside,
    );
    let warnings = [
        (p.frozen.is_some(), T::ProjectorFrozen),
        (p.blank == Blank::Black, T::ProjectorBlackNow),
        (p.blank == Blank::White, T::ProjectorWhiteNow),
    ];
    for (on, key) in warnings {
        if on {
            ui.label(RichText::new(tr(lang, key)).strong().color(OVER));
        }
    }
    if let Some(report) = p.report
        && !report.fits
    {
        ui.label(
            RichText::new(trf(
                lang,
                T::ProjectorTooFull,
                &[
                    ("page", &(p.page % report.pages.max(1) + 1).to_string()),
                    ("pages", &report.pages.to_string()),
                ],
            ))
            .color(WARNING),
        );
    }
    if p.same_screen {
        ui.label(
            RichText::new(tr(lang, T::ProjectorSameScreen))
                .strong()
                .color(OVER),
        );
    }
    ui.horizontal_wrapped(|ui| {
        let auto = state.auto_projector_mode();
        let choices = std::iter::once(None).chain(ProjectorMode::ALL.into_iter().map(Some));
        for choice in choices {
            let command = Command::for_mode(choice);
            let selected = p.mode_override == choice;
            let mut label = command.label(lang).to_owned();
            if choice.is_none() {
                label = format!("{label} ({})", Command::for_mode(Some(auto)).label(lang));
            }
            if ui.selectable_label(selected, label).clicked() {
                out.command(command);
            }
        }
    });
}

fn round_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    view: &ViewState,
    id: &crate::model::ItemId,
    out: &mut Intents,
) {
    let lang = state.ui_lang;
    let now = state.now;
    let session = &state.session;
    let Some(round) = session.agenda_item(id).and_then(|i| i.round.as_ref()) else {
        return;
    };
    let is_current = state.runner.current.as_ref() == Some(id);
    let speaker = if is_current {
        state.runner.speaker.clone()
    } else {
        None
    };
    match &speaker {
        Some(org) => {
            ui.label(
                RichText::new(trf(
                    lang,
                    T::SpeakerNow,
                    &[("name", session.organisation_name(org))],
                ))
                .strong()
                .size(18.0),
            );
            if let Some(left) = state.runner.speaker_remaining(session, now) {
                let (text, colour) = if left >= 0 {
                    let colour = (left < i64::from(round.speaker_minutes) * 12).then_some(WARNING);
                    (
                        trf(lang, T::SpeakerLeft, &[("time", &format_duration(left))]),
                        colour,
                    )
                } else {
                    (
                        trf(lang, T::SpeakerOver, &[("time", &format_duration(-left))]),
                        Some(OVER),
                    )
                };
                let mut text = RichText::new(text).size(32.0).family(bold_family());
                if let Some(colour) = colour {
                    text = text.color(colour);
                }
                ui.label(text);
            }
        }
        None => {
            ui.label(RichText::new(tr(lang, T::NoSpeaker)).weak());
        }
    }
    ui.horizontal_wrapped(|ui| {
        command_button(ui, state, view, Command::NextSpeaker, out);
        command_button(ui, state, view, Command::SkipSpeaker, out);
    });
    ui.horizontal(|ui| {
        let label = ui.label(tr(lang, T::CmdSetSpeakerMinutes));
        let mut minutes = round.speaker_minutes;
        if ui
            .add(egui::DragValue::new(&mut minutes).range(1..=60))
            .labelled_by(label.id)
            .changed()
        {
            out.edit(Edit::SetSpeakerMinutes {
                item: id.clone(),
                minutes,
            });
        }
    });
    ui.label(RichText::new(tr(lang, T::Speakers)).strong());
    for s in &round.speakers {
        let name = session.organisation_name(&s.organisation);
        let status = match s.status {
            SpeakerStatus::Waiting => tr(lang, T::StatusWaiting),
            SpeakerStatus::Done => tr(lang, T::StatusDone),
            SpeakerStatus::Skipped => tr(lang, T::StatusSkipped),
        };
        ui.horizontal(|ui| {
            let current = speaker.as_ref() == Some(&s.organisation);
            let mut text = RichText::new(name);
            if current {
                text = text.strong().color(ACCENT);
            } else if s.status != SpeakerStatus::Waiting {
                text = text.weak();
            }
            let request = Request::SetSpeaker(s.organisation.clone());
            if ui
                .selectable_label(current, text)
                .on_hover_text(request.label(lang))
                .clicked()
            {
                out.request(request);
            }
            let mut detail = status.to_owned();
            if s.airtime_seconds > 0 {
                detail.push_str(" · ");
                detail.push_str(&trf(
                    lang,
                    T::Airtime,
                    &[("time", &format_duration(i64::from(s.airtime_seconds)))],
                ));
            }
            ui.label(RichText::new(detail).small().weak());
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                for (delta, symbol, label) in [(1, "↓", T::CmdMoveDown), (-1, "↑", T::CmdMoveUp)]
                {
                    if ui
                        .small_button(symbol)
                        .on_hover_text(format!("{} {name}", tr(lang, label)))
                        .clicked()
                    {
                        out.edit(Edit::MoveSpeaker {
                            item: id.clone(),
                            org: s.organisation.clone(),
                            delta,
                        });
                    }
                }
                let (status, label) = if s.status == SpeakerStatus::Waiting {
                    (SpeakerStatus::Done, T::CmdSpeakerDone)
                } else {
                    (SpeakerStatus::Waiting, T::CmdSpeakerWaiting)
                };
                if ui.small_button(tr(lang, label)).clicked() {
                    out.edit(Edit::SetSpeakerStatus {
                        item: id.clone(),
                        org: s.organisation.clone(),
                        status,
                    });
                }
            });
        });
    }
}

fn bullets_ui(ui: &mut egui::Ui, state: &AppState, view: &mut ViewState, out: &mut Intents) {
    let lang = state.ui_lang;
    let block = state.active_block();
    let heading = {
        let own = &state.session.synthesis.block(block).heading;
        if own.is_empty() {
            block_label(lang, block)
        } else {
            own.clone()
        }
    };
    let has_own_block = state
        .runner
        .current_or_first(&state.session)
        .and_then(|id| state.session.agenda_item(id))
        .is_some_and(|i| i.block.is_some());
    if !has_own_block {
        let label = ui.label(tr(lang, T::Block));
        egui::ComboBox::from_id_salt("chosen_block")
            .selected_text(block_label(lang, block))
            .show_ui(ui, |ui| {
                for choice in BlockKind::ALL {
                    if ui
                        .selectable_label(block == choice, block_label(lang, choice))
                        .clicked()
                    {
                        out.request(Request::ChooseBlock(choice));
                    }
                }
            })
            .response
            .labelled_by(label.id);
    }

    let max_depth = state.session.max_bullet_depth(block);
    view.capture.bullet_depth = view.capture.bullet_depth.min(max_depth);
    let depth = view.capture.bullet_depth;
    let label = ui.label(format!(
        "{} · {}",
        trf(lang, T::BulletFieldLabel, &[("name", &heading)]),
        trf(lang, T::Level, &[("n", &(depth + 1).to_string())])
    ));
    let limit = crate::model::limits::BULLET_MAX_CHARS;
    let (mut next_depth, mut deepest) = (depth, max_depth);
    for step in commit_typing(ui, state, Field::Bullet, limit, &mut view.capture.bullet) {
        match step {
            Typed::Deeper => next_depth = (next_depth + 1).min(deepest),
            Typed::Shallower => next_depth = next_depth.saturating_sub(1),
            Typed::Commit(text) => {
                // A bullet made now allows one level below it next.
                let parsed = crate::model::markers::parse_bullet(&text);
                if parsed.kind == crate::model::markers::BulletKind::Bullet
                    && !parsed.text.is_empty()
                {
                    deepest = next_depth + 1;
                }
                out.edit(Edit::AddTypedBullet {
                    block,
                    depth: next_depth,
                    text,
                });
            }
        }
    }
    view.capture.bullet_depth = next_depth;
    let response = ui
        .horizontal(|ui| {
            ui.add_space(depth as f32 * 24.0);
            ui.label(if depth == 0 { "•" } else { "–" });
            ui.add(
                TextEdit::singleline(&mut view.capture.bullet)
                    .id(field_id(Field::Bullet))
                    .return_key(None)
                    .event_filter(egui::EventFilter {
                        tab: true,
                        horizontal_arrows: true,
                        vertical_arrows: true,
                        escape: false,
                    })
                    .char_limit(crate::model::limits::BULLET_MAX_CHARS)
                    .hint_text(tr(lang, T::BulletHint))
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id)
        })
        .inner;
    track_focus(ui, view, &response, Field::Bullet);
    limit_note_ui(
        ui,
        lang,
        &view.capture.bullet,
        crate::model::limits::BULLET_MAX_CHARS,
    );
    if response.has_focus() {
        let capture = &mut view.capture;
        if ui.input_mut(|i| i.consume_key(Modifiers::SHIFT, Key::Tab)) {
            capture.bullet_depth = depth.saturating_sub(1);
        } else if ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Tab)) {
            capture.bullet_depth = (depth + 1).min(max_depth);
        }
    }
    ui.add_space(4.0);
    let bullets = &state.session.synthesis.block(block).bullets;
    if bullets.is_empty() {
        ui.label(RichText::new(tr(lang, T::NoBullets)).weak());
    }
    bullet_tree_ui(ui, bullets, 0);

    let actions = &state.session.synthesis.actions;
    if !actions.is_empty() {
        ui.add_space(6.0);
        ui.label(RichText::new(tr(lang, T::Actions)).strong());
        for action in actions {
            let owner = super::lists::owner_name(&state.session, action.owner.as_ref());
            let due = action
                .due
                .map(|d| crate::i18n::format_date(lang, d))
                .unwrap_or_default();
            let details: Vec<&str> = [owner.as_str(), due.as_str()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect();
            ui.label(format!("! {} — {}", action.text, details.join(", ")));
        }
    }
    if block != BlockKind::OpenQuestions {
        let questions = &state.session.synthesis.open_questions.bullets;
        if !questions.is_empty() {
            ui.add_space(6.0);
            ui.label(RichText::new(block_label(lang, BlockKind::OpenQuestions)).strong());
            for q in questions {
                ui.label(format!("? {}", q.text));
            }
        }
    }
}

fn bullet_tree_ui(ui: &mut egui::Ui, bullets: &[Bullet], depth: usize) {
    for bullet in bullets {
        ui.horizontal_top(|ui| {
            ui.add_space(depth as f32 * 24.0);
            ui.label(if depth == 0 { "•" } else { "–" });
            let mut text = bullet.text.clone();
            for tag in &bullet.tags {
                text.push_str(" #");
                text.push_str(tag);
            }
            ui.add(egui::Label::new(text).wrap());
        });
        bullet_tree_ui(ui, &bullet.children, depth + 1);
    }
}

fn notes_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    view: &mut ViewState,
    item: &crate::model::AgendaItem,
    out: &mut Intents,
) {
    let lang = state.ui_lang;
    if !item.notes.is_empty() {
        ui.label(RichText::new(tr(lang, T::Notes)).strong());
        for note in &item.notes {
            ui.horizontal_top(|ui| {
                ui.label(
                    RichText::new(format!("[{}]", visibility_label(lang, note.visibility)))
                        .small()
                        .weak(),
                );
                ui.add(egui::Label::new(&note.text).wrap());
            });
        }
    }
    let label = ui.label(tr(lang, T::NotesLabel));
    for step in commit_typing(ui, state, Field::Notes, usize::MAX, &mut view.capture.note) {
        if let Typed::Commit(text) = step
            && !text.trim().is_empty()
        {
            out.edit(Edit::AddNote {
                item: item.id.clone(),
                text,
                visibility: view.capture.note_visibility,
            });
        }
    }
    let response = ui
        .add(
            TextEdit::multiline(&mut view.capture.note)
                .id(field_id(Field::Notes))
                .desired_rows(3)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    track_focus(ui, view, &response, Field::Notes);
    ui.horizontal(|ui| {
        let label = ui.label(tr(lang, T::Visibility));
        egui::ComboBox::from_id_salt("note_visibility")
            .selected_text(visibility_label(lang, view.capture.note_visibility))
            .show_ui(ui, |ui| {
                for v in [
                    Visibility::Private,
                    Visibility::Report,
                    Visibility::Projector,
                ] {
                    ui.selectable_value(
                        &mut view.capture.note_visibility,
                        v,
                        visibility_label(lang, v),
                    );
                }
            })
            .response
            .labelled_by(label.id);
        let add = ui.button(tr(lang, T::CmdAddNote)).clicked();
        if add && !state.read_only && !view.capture.note.trim().is_empty() {
            out.edit(Edit::AddNote {
                item: item.id.clone(),
                text: std::mem::take(&mut view.capture.note),
                visibility: view.capture.note_visibility,
            });
        }
    });
}
