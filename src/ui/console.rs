//! The facilitator's console: the status bar, the agenda on the left, the
//! capture of municipalities' keywords in the middle and, beside it, what
//! the current item needs (the round's speakers, synthesis bullets, notes).

use egui::{Color32, Id, Key, Modifiers, RichText, TextEdit};

use super::theme::bold_family;
use super::typing::{CommitField, Typed, take_typing};
use super::widgets::{FieldEdit, choice_ui, follow_focus, name_widget, take_focus};
use super::{block_label, kind_label, save_state_text, visibility_label};
use crate::app::runner::TimeState;
use crate::app::{AppState, Command, Field, FocusTarget, Intents, Request, ViewState};
use crate::i18n::{Language, T, tr, trf};
use crate::model::{AgendaKind, BlockKind, Bullet, Edit, ItemId, SpeakerStatus, Visibility};

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

/// The width of the agenda panel on the left.
const AGENDA_WIDTH: f32 = 320.0;

/// The whole console below the menu bar: the agenda on the left, then the
/// wide column (keywords, or in synthesis and discussion items the bullet
/// editor) and the side column (the beamer, the item's round and notes,
/// the other editor). Tab goes through them in this reading order.
pub fn console_ui(ui: &mut egui::Ui, state: &AppState, view: &mut ViewState, out: &mut Intents) {
    egui::Panel::left("console_agenda")
        .resizable(false)
        .exact_size(AGENDA_WIDTH)
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("agenda_panel_scroll")
                .auto_shrink([false, false])
                .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::AlwaysVisible)
                .show(ui, |ui| {
                    agenda_ui(ui, state, view, out);
                    follow_focus(ui);
                });
        });
    egui::CentralPanel::default().show(ui, |ui| {
        let rect = ui.available_rect_before_wrap();
        let gap = ui.spacing().item_spacing.x * 2.0;
        let side = (rect.width() * 0.44)
            .clamp(340.0, 560.0)
            .min(rect.width() * 0.6);
        let main_rect =
            egui::Rect::from_min_max(rect.min, egui::pos2(rect.max.x - side - gap, rect.max.y));
        let side_rect =
            egui::Rect::from_min_max(egui::pos2(rect.max.x - side, rect.min.y), rect.max);
        let bullets_lead = state.bullets_lead();
        ui.scope_builder(egui::UiBuilder::new().max_rect(main_rect), |ui| {
            ui.set_clip_rect(main_rect);
            if view.capture.find_open {
                find_ui(ui, state, view, out);
            }
            if bullets_lead {
                egui::ScrollArea::vertical()
                    .id_salt("bullets_scroll")
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        bullets_ui(ui, state, view, out);
                        follow_focus(ui);
                    });
            } else {
                capture_ui(ui, state, view, out, false);
            }
        });
        let x = main_rect.max.x + gap / 2.0;
        ui.painter().vline(
            x,
            rect.y_range(),
            ui.visuals().widgets.noninteractive.bg_stroke,
        );
        ui.scope_builder(egui::UiBuilder::new().max_rect(side_rect), |ui| {
            ui.set_clip_rect(side_rect);
            egui::ScrollArea::vertical()
                .id_salt("item_scroll")
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    item_ui(ui, state, view, out, bullets_lead);
                    follow_focus(ui);
                });
        });
        ui.allocate_rect(rect, egui::Sense::hover());
    });
}

/// The status after the view tabs: title, clock, the current item with its
/// time, ahead or behind, and the save state on the right. When the window
/// is narrow, the title gives way first, then the schedule; the rest is
/// shortened with "…", so no two texts ever overlap.
pub fn status_ui(ui: &mut egui::Ui, state: &AppState) {
    const MIN_ITEM: f32 = 150.0;
    const MIN_TITLE: f32 = 110.0;
    let lang = state.ui_lang;
    let session = &state.session;
    let runner = &state.runner;
    let now = state.now;
    let big = egui::FontId::proportional(18.0);
    let body = egui::TextStyle::Body.resolve(ui.style());
    let measure = |ui: &egui::Ui, text: &str, font: &egui::FontId| {
        ui.painter()
            .layout_no_wrap(text.to_owned(), font.clone(), Color32::BLACK)
            .size()
            .x
    };
    let title = session.header.title.trim().to_owned();
    let clock = now.format("%H:%M").to_string();
    let save = save_state_text(state);
    let item = runner
        .current_or_first(session)
        .and_then(|id| session.agenda_item(id).map(|item| (id, item)));
    let item_text = item.map(|(id, item)| {
        let used = runner.elapsed(id, now);
        let text = format!(
            "{}: {} · {} / {}",
            tr(lang, T::CurrentItem),
            item.title,
            format_duration(used),
            format_duration(i64::from(item.planned_minutes) * 60)
        );
        (text, state_colour(runner.time_state(session, id, now)))
    });
    let schedule = item.map(|_| match runner.status {
        crate::app::runner::RunStatus::Idle => tr(lang, T::NotStarted).to_owned(),
        crate::app::runner::RunStatus::Paused => tr(lang, T::Paused).to_owned(),
        crate::app::runner::RunStatus::Running => {
            schedule_text(lang, runner.behind_seconds(session, now))
        }
    });

    // What fits, most important first: clock and save state always.
    let spacing = ui.spacing().item_spacing.x;
    let separator = 2.0 * spacing + 8.0;
    let mut room = ui.available_width()
        - measure(ui, &clock, &big)
        - measure(ui, &save, &body)
        - 2.0 * separator;
    let schedule_width = schedule.as_ref().map(|t| measure(ui, t, &body));
    let show_schedule =
        schedule_width.is_some_and(|w| room >= w + separator + MIN_ITEM + separator);
    if show_schedule {
        room -= schedule_width.unwrap_or(0.0) + separator;
    }
    let item_width = item_text.as_ref().and_then(|(text, _)| {
        (room >= MIN_ITEM + separator).then(|| {
            let width = measure(ui, text, &body).min(room - separator);
            room -= width + separator;
            width
        })
    });
    let title_width = (!title.is_empty() && room >= MIN_TITLE + separator)
        .then(|| measure(ui, &title, &big).min(room - separator));

    let height = ui.spacing().interact_size.y;
    let fixed = |ui: &mut egui::Ui, width: f32, label: egui::Label| {
        ui.allocate_ui_with_layout(
            egui::vec2(width + 1.0, height),
            egui::Layout::left_to_right(egui::Align::Center),
            |ui| ui.add(label),
        );
    };
    if let Some(width) = title_width {
        fixed(
            ui,
            width,
            egui::Label::new(RichText::new(&title).family(bold_family()).size(18.0)).truncate(),
        );
        ui.separator();
    }
    ui.label(RichText::new(&clock).size(18.0))
        .on_hover_text(tr(lang, T::Clock));
    if let (Some((text, colour)), Some(width)) = (&item_text, item_width) {
        ui.separator();
        let mut text = RichText::new(text);
        if let Some(colour) = colour {
            text = text.color(*colour).strong();
        }
        fixed(ui, width, egui::Label::new(text).truncate());
    }
    if show_schedule && let Some(schedule) = &schedule {
        ui.separator();
        ui.label(schedule);
    }
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
        ui.label(save);
    });
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

/// The item the editor shows: the one chosen for editing, else the current one.
fn editing_item(state: &AppState, view: &ViewState) -> Option<ItemId> {
    view.editing_item
        .as_ref()
        .filter(|id| state.session.agenda_item(id).is_some())
        .or_else(|| state.runner.current_or_first(&state.session))
        .cloned()
}

fn agenda_ui(ui: &mut egui::Ui, state: &AppState, view: &mut ViewState, out: &mut Intents) {
    let lang = state.ui_lang;
    let now = state.now;
    ui.add_space(4.0);
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
    super::plan::overrun_ui(ui, &state.session, lang);
    ui.separator();
    let session = &state.session;
    let runner = &state.runner;
    let current = runner.current_or_first(session).cloned();
    let editing = editing_item(state, view);
    let mut start = session.header.start_time;
    for (index, item) in session.agenda.iter().enumerate() {
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
        ui.horizontal_top(|ui| {
            // Going to an item moves the agenda clock: a button of its own.
            let go = ui
                .add(egui::Button::new("→").small().selected(is_current))
                .on_hover_text(tr(lang, T::CmdGoToItem));
            name_widget(
                ui,
                &go,
                &trf(lang, T::GoToItemNamed, &[("title", &item.title)]),
            );
            if go.clicked() && !is_current {
                out.request(Request::GoToItem(item.id.clone()));
            }
            let time_width = ui
                .painter()
                .layout_no_wrap(
                    time.text().to_owned(),
                    egui::TextStyle::Small.resolve(ui.style()),
                    Color32::BLACK,
                )
                .size()
                .x
                + 2.0 * ui.spacing().item_spacing.x;
            let width = (ui.available_width() - time_width).max(60.0);
            ui.scope(|ui| {
                ui.set_max_width(width);
                // Choosing an item to edit it never makes it current.
                let chosen = editing.as_ref() == Some(&item.id);
                let response = ui
                    .add(egui::Button::selectable(chosen, text).wrap())
                    .on_hover_text(tr(lang, T::EditThisItem));
                name_widget(
                    ui,
                    &response,
                    &trf(
                        lang,
                        T::EditItemNamed,
                        &[("n", &(index + 1).to_string()), ("title", &item.title)],
                    ),
                );
                if response.clicked() {
                    view.editing_item = Some(item.id.clone());
                }
            });
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Min), |ui| {
                ui.label(time);
            });
        });
        start = start.map(|t| t + chrono::TimeDelta::minutes(i64::from(item.planned_minutes)));
    }
    ui.separator();
    if let Some(id) = editing {
        ui.add_enabled_ui(!state.read_only, |ui| {
            item_details_ui(ui, state, view, &id, out);
        });
    }
    ui.add_space(4.0);
    command_button(ui, state, view, Command::AddItem, out);
    ui.add_space(8.0);
}

/// The editor of one agenda item (the chosen one, not necessarily the
/// current one): title, kind, planned minutes, presenter, synthesis
/// section; taking minutes from a later item; moving and removing.
fn item_details_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    view: &mut ViewState,
    id: &ItemId,
    out: &mut Intents,
) {
    let lang = state.ui_lang;
    let session = &state.session;
    let Some(item) = session.agenda_item(id) else {
        return;
    };
    let number = session
        .agenda
        .iter()
        .position(|i| &i.id == id)
        .map_or(0, |p| p + 1);
    ui.label(RichText::new(trf(lang, T::EditingItem, &[("n", &number.to_string())])).strong());
    // Widths from outside the grid: a cell's room follows the grid's own
    // column widths, which would then change from frame to frame.
    let field_width = (ui.available_width() - 140.0).max(120.0);
    egui::Grid::new("item_details")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .min_col_width(110.0)
        .show(ui, |ui| {
            let label = ui.label(tr(lang, T::Title));
            let mut title = item.title.clone();
            let response = ui
                .add(
                    TextEdit::singleline(&mut title)
                        .desired_width(field_width)
                        .min_size(egui::vec2(field_width, 0.0)),
                )
                .labelled_by(label.id);
            take_focus(
                ui,
                view,
                &FocusTarget::Item(id.clone()),
                &response,
                &item.title,
                true,
            );
            if response.changed() {
                out.edit(Edit::SetItemTitle {
                    item: id.clone(),
                    title,
                });
            }
            ui.end_row();

            ui.label(tr(lang, T::Kind));
            if let (_, Some(kind)) =
                kind_choice_ui(ui, lang, ("item_kind", id), tr(lang, T::Kind), item.kind)
            {
                out.edit(Edit::SetItemKind {
                    item: id.clone(),
                    kind,
                });
            }
            ui.end_row();

            let label = ui.label(tr(lang, T::PlannedMinutes));
            let (_, minutes) = minutes_field_ui(
                ui,
                ("item_minutes", id),
                item.planned_minutes,
                Ok(label.id),
                tr(lang, T::InvalidMinutes),
            );
            if let Some(minutes) = minutes {
                out.edit(Edit::SetPlannedMinutes {
                    item: id.clone(),
                    minutes,
                });
            }
            ui.end_row();

            ui.label(tr(lang, T::Presenter));
            if let (_, Some(presenter)) = presenter_choice_ui(
                ui,
                state,
                ("item_presenter", id),
                tr(lang, T::Presenter),
                item.presenter.as_ref(),
            ) {
                out.edit(Edit::SetItemPresenter {
                    item: id.clone(),
                    presenter,
                });
            }
            ui.end_row();

            ui.label(tr(lang, T::Block));
            if let (_, Some(block)) = block_choice_ui(
                ui,
                state,
                ("item_block", id),
                tr(lang, T::Block),
                item.block,
            ) {
                out.edit(Edit::SetItemBlock {
                    item: id.clone(),
                    block,
                });
            }
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

/// The kind of an agenda item as a choice control; returns a new kind.
pub fn kind_choice_ui(
    ui: &mut egui::Ui,
    lang: Language,
    id_salt: impl std::hash::Hash + std::fmt::Debug,
    name: &str,
    kind: AgendaKind,
) -> (egui::Response, Option<AgendaKind>) {
    let options: Vec<String> = AgendaKind::ALL
        .iter()
        .map(|k| kind_label(lang, *k).to_owned())
        .collect();
    let selected = AgendaKind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
    let (response, chosen) = choice_ui(ui, id_salt, name, &options, selected, 130.0);
    (response, chosen.map(|i| AgendaKind::ALL[i]))
}

/// The presenting organisation as a choice control: "(geen)" and every
/// organisation. Returns the new presenter (`Some(None)`: nobody).
pub fn presenter_choice_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    id_salt: impl std::hash::Hash + std::fmt::Debug,
    name: &str,
    presenter: Option<&crate::model::OrgId>,
) -> (egui::Response, Option<Option<crate::model::OrgId>>) {
    let lang = state.ui_lang;
    let orgs = &state.session.organisations;
    let options: Vec<String> = std::iter::once(tr(lang, T::NoneChosen).to_owned())
        .chain(orgs.iter().map(|o| o.name.clone()))
        .collect();
    let selected = presenter
        .and_then(|p| orgs.iter().position(|o| &o.id == p))
        .map_or(0, |p| p + 1);
    let (response, chosen) = choice_ui(ui, id_salt, name, &options, selected, 150.0);
    (
        response,
        chosen.map(|i| i.checked_sub(1).map(|p| orgs[p].id.clone())),
    )
}

/// The synthesis section an item fills, as a choice control: "(geen)" and
/// the six sections, named as in the session (its own headings).
pub fn block_choice_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    id_salt: impl std::hash::Hash + std::fmt::Debug,
    name: &str,
    block: Option<BlockKind>,
) -> (egui::Response, Option<Option<BlockKind>>) {
    let lang = state.ui_lang;
    let options: Vec<String> = std::iter::once(tr(lang, T::NoneChosen).to_owned())
        .chain(BlockKind::ALL.iter().map(|b| block_heading(state, *b)))
        .collect();
    let selected = block
        .and_then(|b| BlockKind::ALL.iter().position(|k| *k == b))
        .map_or(0, |p| p + 1);
    let (response, chosen) = choice_ui(ui, id_salt, name, &options, selected, 170.0);
    (
        response,
        chosen.map(|i| i.checked_sub(1).map(|p| BlockKind::ALL[p])),
    )
}

/// A synthesis section's heading as the room and the report read it: its
/// own heading, else the standard one in the session's language.
#[must_use]
pub fn block_heading(state: &AppState, block: BlockKind) -> String {
    let own = state.session.synthesis.block(block).heading.trim();
    if own.is_empty() {
        block_label(state.session.header.language, block)
    } else {
        own.to_owned()
    }
}

/// Planned minutes as a short text field (all of it selected when Tab
/// reaches it, so typing "20" replaces "10"); returns a new valid value.
/// `label` names it (the label before it), else `name` does.
pub fn minutes_field_ui(
    ui: &mut egui::Ui,
    id_salt: impl std::hash::Hash + std::fmt::Debug,
    minutes: u32,
    label: Result<egui::Id, &str>,
    invalid_hint: &str,
) -> (egui::Response, Option<u32>) {
    let id = Id::unique(("minutes-field", id_salt));
    let (response, edit) = super::widgets::parsed_input(
        ui,
        id,
        &minutes.to_string(),
        invalid_hint,
        |text| {
            text.parse::<u32>()
                .ok()
                .filter(|m| *m <= crate::model::limits::MINUTES_MAX)
        },
        48.0,
    );
    let response = match label {
        Ok(label) => response.labelled_by(label),
        Err(name) => {
            name_widget(ui, &response, name);
            response
        }
    };
    let value = match edit {
        FieldEdit::Set(Some(value)) if value != minutes => Some(value),
        FieldEdit::Set(_) | FieldEdit::Unchanged => None,
    };
    (response, value)
}

/// The municipalities and the selected card's title and keywords.
/// `compact`: shown in the side column (in synthesis and discussion
/// items), with a short keyword list.
fn capture_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    view: &mut ViewState,
    out: &mut Intents,
    compact: bool,
) {
    let lang = state.ui_lang;
    let writable = !state.read_only;
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
                .add_enabled(
                    writable,
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
        .add_enabled(
            writable,
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
    let list = if compact {
        egui::ScrollArea::vertical()
            .max_height(220.0)
            .auto_shrink([false, true])
    } else {
        egui::ScrollArea::vertical().auto_shrink([false, false])
    };
    list.id_salt("keywords_scroll").show(ui, |ui| {
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
            // Clicked with the mouse; keys choose with Alt+↑/↓ from the
            // keyword field, so the list is no row of Tab stops.
            let response =
                ui.add(egui::Button::selectable(selected, text).sense(egui::Sense::CLICK));
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
    // The count is the length of the list under it, all of it (scrolling).
    ui.label(RichText::new(trf(lang, T::FindResults, &[("n", &hits.len().to_string())])).weak());
    egui::ScrollArea::vertical()
        .id_salt("find_results")
        .max_height(180.0)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            for (card, text) in hits {
                match card {
                    Some(index) => {
                        if ui.link(text).clicked() {
                            out.request(Request::SelectCard(index));
                        }
                    }
                    None => {
                        ui.label(text);
                    }
                }
            }
            follow_focus(ui);
        });
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
/// The side column: what the room sees and the beamer's controls, then the
/// current item (its round, notes and photos), the editor the wide column
/// does not show, the actions and the next meetings.
fn item_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    view: &mut ViewState,
    out: &mut Intents,
    bullets_lead: bool,
) {
    let lang = state.ui_lang;
    let writable = !state.read_only;
    ui.add_space(4.0);
    let Some(id) = state.runner.current_or_first(&state.session).cloned() else {
        projector_panel_ui(ui, state, out);
        return;
    };
    let Some(item) = state.session.agenda_item(&id).cloned() else {
        return;
    };
    // In a round, who has the floor and their time come first.
    if item.round.is_some() {
        round_ui(ui, state, view, &id, out, true);
        ui.separator();
    }
    projector_panel_ui(ui, state, out);
    ui.separator();
    ui.add(egui::Label::new(RichText::new(&item.title).heading()).wrap());
    ui.label(RichText::new(kind_label(lang, item.kind)).weak());
    ui.separator();
    if state.session.is_review_item(&id) {
        super::series::look_back_ui(ui, state, out);
        ui.separator();
    }
    if item.round.is_some() {
        round_ui(ui, state, view, &id, out, false);
        ui.separator();
    }
    ui.add_enabled_ui(writable, |ui| {
        notes_ui(ui, state, view, &item, out);
        ui.separator();
        super::photos::item_photos_ui(ui, state, view, &id, out);
    });
    ui.separator();
    if bullets_lead {
        // Ctrl+K opens the keywords so the cursor can go to their field.
        let open = (view.capture.focus_request == Some(Field::Keyword)).then_some(true);
        egui::CollapsingHeader::new(tr(lang, T::KeywordsOfMunicipalities))
            .id_salt("side_capture")
            .open(open)
            .show(ui, |ui| capture_ui(ui, state, view, out, true));
    } else {
        // Ctrl+B opens the section so the cursor can go to its bullet field.
        let open = (view.capture.focus_request == Some(Field::Bullet)).then_some(true);
        egui::CollapsingHeader::new(tr(lang, T::BulletsOfSection))
            .id_salt("side_bullets")
            .open(open)
            .show(ui, |ui| bullets_ui(ui, state, view, out));
    }
    ui.separator();
    ui.add_enabled_ui(writable, |ui| {
        egui::CollapsingHeader::new(format!(
            "{} ({})",
            tr(lang, T::Actions),
            state.session.synthesis.actions.len()
        ))
        .id_salt("actions_editor")
        .open(matches!(view.focus_target, Some(FocusTarget::Action(_))).then_some(true))
        .show(ui, |ui| super::lists::actions_ui(ui, state, view, out));
        egui::CollapsingHeader::new(format!(
            "{} ({})",
            tr(lang, T::NextMeetings),
            state.session.synthesis.next_meetings.len()
        ))
        .id_salt("meetings_editor")
        .default_open(item.kind == AgendaKind::Closing)
        .open(matches!(view.focus_target, Some(FocusTarget::Meeting(_))).then_some(true))
        .show(ui, |ui| {
            super::lists::next_meetings_ui(ui, state, view, out);
        });
    });
}

/// A live thumbnail of what the room sees, with the projector's state and
/// warnings. The thumbnail is drawn by the same function as the projector,
/// without accessibility nodes (labels stay unique).
fn projector_panel_ui(ui: &mut egui::Ui, state: &AppState, out: &mut Intents) {
    use crate::app::projector::{Blank, ProjectorMode};
    let lang = state.ui_lang;
    let p = &state.projector;
    let key_of = |ui: &egui::Ui, command: Command| {
        command
            .shortcut()
            .map(|s| ui.ctx().format_shortcut(&s))
            .unwrap_or_default()
    };
    ui.horizontal(|ui| {
        ui.label(RichText::new(tr(lang, T::ProjectorThumbnail)).strong());
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let command = Command::ToggleProjector;
            let text = format!("{} ({})", command.label(lang), key_of(ui, command));
            if ui.selectable_label(p.open, text).clicked() {
                out.command(command);
            }
        });
    });
    if p.open {
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
    } else {
        ui.label(RichText::new(tr(lang, T::ProjectorClosed)).weak());
    }
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
    if p.open
        && let Some(report) = p.report
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
    if p.open && p.same_screen {
        ui.label(
            RichText::new(tr(lang, T::ProjectorSameScreen))
                .strong()
                .color(OVER),
        );
    }
    // The beamer panel: black, white, freeze and the beamer colours, then
    // the modes; every button shows its key.
    ui.horizontal_wrapped(|ui| {
        for command in super::beamer_commands() {
            let on = super::beamer_command_on(state, command);
            let text =
                RichText::new(format!("{} ({})", command.label(lang), key_of(ui, command))).small();
            let mut response = ui.selectable_label(on, text);
            if let Some(tip) = command.tooltip(lang) {
                response = response.on_hover_text(tip);
            }
            if response.clicked() {
                out.command(command);
            }
        }
    });
    ui.horizontal_wrapped(|ui| {
        let auto = state.auto_projector_mode();
        let choices = std::iter::once(None).chain(ProjectorMode::ALL.into_iter().map(Some));
        for choice in choices {
            let command = Command::for_mode(choice);
            let selected = p.mode_override == choice;
            let mut label = command.label(lang).to_owned();
            if choice.is_none() {
                label = format!("{label}: {}", Command::for_mode(Some(auto)).label(lang));
            }
            let label = RichText::new(format!("{label} ({})", key_of(ui, command))).small();
            if ui.selectable_label(selected, label).clicked() {
                out.command(command);
            }
        }
    });
}

/// The round: who has the floor with the countdown and the F6 buttons
/// (`speaker_part`, at the top of the side column), or the speaking time
/// and the speakers' list (further down).
fn round_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    view: &ViewState,
    id: &crate::model::ItemId,
    out: &mut Intents,
    speaker_part: bool,
) {
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
    if speaker_part {
        speaker_now_ui(ui, state, view, round, speaker.as_ref(), out);
        return;
    }
    speakers_ui(ui, state, id, round, speaker.as_ref(), out);
}

fn speaker_now_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    view: &ViewState,
    round: &crate::model::Round,
    speaker: Option<&crate::model::OrgId>,
    out: &mut Intents,
) {
    let lang = state.ui_lang;
    let now = state.now;
    let session = &state.session;
    match speaker {
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
}

fn speakers_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    id: &crate::model::ItemId,
    round: &crate::model::Round,
    speaker: Option<&crate::model::OrgId>,
    out: &mut Intents,
) {
    let lang = state.ui_lang;
    let session = &state.session;
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
            let current = speaker == Some(&s.organisation);
            let mut text = RichText::new(name);
            if current {
                text = text.strong().color(ACCENT);
            } else if s.status != SpeakerStatus::Waiting {
                text = text.weak();
            }
            let request = Request::SetSpeaker(s.organisation.clone());
            let response = ui
                .selectable_label(current, text)
                .on_hover_text(request.label(lang));
            // Giving the floor chooses the municipality: its card follows.
            name_widget(ui, &response, &format!("{}: {name}", request.label(lang)));
            if response.clicked() {
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
                    let response = ui
                        .small_button(symbol)
                        .on_hover_text(format!("{} {name}", tr(lang, label)));
                    name_widget(ui, &response, &format!("{} {name}", tr(lang, label)));
                    if response.clicked() {
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
                let response = ui.small_button(tr(lang, label));
                name_widget(ui, &response, &format!("{} {name}", tr(lang, label)));
                if response.clicked() {
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

/// The bullet editor of the active synthesis section: its heading (as the
/// room and the report read it, editable), the bullet field and the
/// bullets so far.
fn bullets_ui(ui: &mut egui::Ui, state: &AppState, view: &mut ViewState, out: &mut Intents) {
    let lang = state.ui_lang;
    let writable = !state.read_only;
    let block = state.active_block();
    let heading = block_heading(state, block);
    ui.add(egui::Label::new(RichText::new(&heading).heading()).wrap());
    let has_own_block = state
        .runner
        .current_or_first(&state.session)
        .and_then(|id| state.session.agenda_item(id))
        .is_some_and(|i| i.block.is_some());
    let field_width = (ui.available_width() - 200.0).max(160.0);
    ui.add_enabled_ui(writable, |ui| {
        egui::Grid::new("section_heading")
            .num_columns(2)
            .min_col_width(170.0)
            .spacing([8.0, 6.0])
            .show(ui, |ui| {
                if !has_own_block {
                    ui.label(tr(lang, T::Block));
                    if let (_, Some(Some(choice))) =
                        block_choice_ui(ui, state, "chosen_block", tr(lang, T::Block), Some(block))
                    {
                        out.request(Request::ChooseBlock(choice));
                    }
                    ui.end_row();
                }
                let label = ui.label(tr(lang, T::SectionHeading));
                let mut own = state.session.synthesis.block(block).heading.clone();
                let standard = block_label(state.session.header.language, block);
                let response = ui
                    .add(
                        TextEdit::singleline(&mut own)
                            .hint_text(standard)
                            .desired_width(field_width)
                            .min_size(egui::vec2(field_width, 0.0)),
                    )
                    .labelled_by(label.id);
                if response.changed() {
                    out.edit(Edit::SetBlockHeading {
                        block,
                        heading: own,
                    });
                }
                ui.end_row();
            });
    });

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
            ui.add_enabled(
                writable,
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
        ui.label(tr(lang, T::Visibility));
        if let (_, Some(v)) = visibility_choice_ui(
            ui,
            lang,
            "note_visibility",
            tr(lang, T::Visibility),
            view.capture.note_visibility,
        ) {
            view.capture.note_visibility = v;
        }
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

/// Who may see a note, as a choice control; returns a new visibility.
pub fn visibility_choice_ui(
    ui: &mut egui::Ui,
    lang: Language,
    id_salt: impl std::hash::Hash + std::fmt::Debug,
    name: &str,
    visibility: Visibility,
) -> (egui::Response, Option<Visibility>) {
    const ALL: [Visibility; 3] = [
        Visibility::Private,
        Visibility::Report,
        Visibility::Projector,
    ];
    let options: Vec<String> = ALL
        .iter()
        .map(|v| visibility_label(lang, *v).to_owned())
        .collect();
    let selected = ALL.iter().position(|v| *v == visibility).unwrap_or(1);
    let (response, chosen) = choice_ui(ui, id_salt, name, &options, selected, 110.0);
    (response, chosen.map(|i| ALL[i]))
}
