//! Small widgets shared by the console and the setup.

use chrono::NaiveDate;
use egui::{Id, RichText, TextEdit};

/// What a field for an optional value produced this frame.
pub enum FieldEdit<V> {
    /// Nothing new (or text that does not parse yet).
    Unchanged,
    /// A new value: `None` when the field was emptied.
    Set(Option<V>),
}

/// A text field for a value that must parse (a date, a time): the typed text
/// is kept while it does not parse, with a hint; a valid value is returned.
pub fn parsed_field<V>(
    ui: &mut egui::Ui,
    label: &str,
    shown: &str,
    invalid_hint: &str,
    parse: impl Fn(&str) -> Option<V>,
) -> FieldEdit<V> {
    let label = ui.label(label);
    let id = Id::unique(("setup-parsed", label.id));
    let (response, edit) = parsed_input(ui, id, shown, invalid_hint, parse, 160.0);
    let _ = response.labelled_by(label.id);
    edit
}

/// The field of [`parsed_field`] without a label of its own (a table cell,
/// or a field whose label stands in a grid's first column). `id` keeps the
/// typed text between frames. All of the text is selected when the field
/// gets the focus, so typing a new value replaces the old one.
pub fn parsed_input<V>(
    ui: &mut egui::Ui,
    id: Id,
    shown: &str,
    invalid_hint: &str,
    parse: impl Fn(&str) -> Option<V>,
    width: f32,
) -> (egui::Response, FieldEdit<V>) {
    let mut text: String = ui
        .data_mut(|d| d.get_temp(id))
        .unwrap_or_else(|| shown.to_owned());
    // Enter keeps the cursor here (a form may add its next row on Enter).
    let response = ui.add(
        TextEdit::singleline(&mut text)
            .return_key(None)
            .desired_width(width),
    );
    if response.gained_focus() {
        select_all(ui, &response, &text);
    }
    let trimmed = text.trim();
    let parsed = if trimmed.is_empty() {
        FieldEdit::Set(None)
    } else {
        parse(trimmed).map_or(FieldEdit::Unchanged, |v| FieldEdit::Set(Some(v)))
    };
    if matches!(parsed, FieldEdit::Unchanged) {
        ui.label(RichText::new(invalid_hint).color(super::console::OVER));
    }
    if response.has_focus() {
        ui.data_mut(|d| d.insert_temp(id, text.clone()));
    } else {
        ui.data_mut(|d| d.remove::<String>(id));
    }
    let edit = if response.changed() {
        parsed
    } else {
        FieldEdit::Unchanged
    };
    (response, edit)
}

/// Reads a typed date: 2020-06-09 or 9-6-2020.
#[must_use]
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(text, "%d-%m-%Y"))
        .ok()
}

/// Scrolls the scroll area around `ui` (call at the end of its contents)
/// to the widget that just got the keyboard focus, when that widget is in
/// it: Tab never lands on a field out of sight.
pub fn follow_focus(ui: &egui::Ui) {
    let ctx = ui.ctx();
    let Some(id) = ctx.memory(egui::Memory::focused) else {
        return;
    };
    let Some(response) = ctx.read_response(id) else {
        return;
    };
    if response.gained_focus()
        && response.layer_id == ui.layer_id()
        && ui.min_rect().expand(1.0).contains_rect(response.rect)
    {
        ui.scroll_to_rect(response.rect, None);
    }
}

/// Names a widget for assistive technology (and tests) when no label is
/// drawn before it, e.g. the cells of a table row under column headings.
pub fn name_widget(ui: &egui::Ui, response: &egui::Response, name: &str) {
    let name = name.to_owned();
    ui.ctx()
        .accesskit_node_builder(response.id, |node| node.set_label(name));
}

/// Selects all of a text field's `text` (typing then replaces it).
pub fn select_all(ui: &egui::Ui, response: &egui::Response, text: &str) {
    let mut state = egui::text_edit::TextEditState::load(ui.ctx(), response.id).unwrap_or_default();
    state
        .cursor
        .set_char_range(Some(egui::text::CCursorRange::two(
            egui::text::CCursor::new(0),
            egui::text::CCursor::new(text.chars().count()),
        )));
    state.store(ui.ctx(), response.id);
}

/// When `target` is the views' focus target: puts the cursor in the field
/// of `response`, after its `text`, or with all of it selected when
/// `select_all` (a new row's placeholder name, which typing replaces).
pub fn take_focus(
    ui: &egui::Ui,
    view: &mut crate::app::ViewState,
    target: &crate::app::FocusTarget,
    response: &egui::Response,
    text: &str,
    select_all: bool,
) {
    if view.take_focus_target(target) {
        response.request_focus();
        if select_all {
            self::select_all(ui, response, text);
        } else {
            let mut state =
                egui::text_edit::TextEditState::load(ui.ctx(), response.id).unwrap_or_default();
            let end = egui::text::CCursor::new(text.chars().count());
            state
                .cursor
                .set_char_range(Some(egui::text::CCursorRange::one(end)));
            state.store(ui.ctx(), response.id);
        }
        response.scroll_to_me(None);
    }
}

/// A short list of choices as one focus stop (instead of a drop-down that
/// traps Tab and loses focus): ←/→ or ↑/↓ step through the choices, a
/// letter jumps to the next choice starting with it, Space steps on; Enter
/// is left to the form (it adds the next row). A mouse click opens the
/// list. `name` is its accessible name. Returns the response and the
/// index chosen this frame.
pub fn choice_ui(
    ui: &mut egui::Ui,
    id_salt: impl std::hash::Hash + std::fmt::Debug,
    name: &str,
    options: &[String],
    selected: usize,
    min_width: f32,
) -> (egui::Response, Option<usize>) {
    let id = ui.make_persistent_id(("choice", id_salt));
    let selected = selected.min(options.len().saturating_sub(1));
    let value = options.get(selected).cloned().unwrap_or_default();
    let padding = ui.spacing().button_padding;
    let icon = ui.spacing().icon_width;
    let font = egui::TextStyle::Button.resolve(ui.style());
    let galley = ui
        .painter()
        .layout_no_wrap(value.clone(), font, ui.visuals().text_color());
    let size = egui::vec2(
        (galley.size().x + 2.0 * padding.x + icon + ui.spacing().item_spacing.x).max(min_width),
        (galley.size().y + 2.0 * padding.y).max(ui.spacing().interact_size.y),
    );
    let (_, rect) = ui.allocate_space(size);
    let response = ui.interact(rect, id, egui::Sense::click());
    let name_owned = name.to_owned();
    let enabled = ui.is_enabled();
    response.widget_info(|| {
        let mut info =
            egui::WidgetInfo::labeled(egui::accesskit::Role::ComboBox, enabled, &name_owned);
        info.current_text_value = Some(value.clone());
        info
    });

    let mut chosen = None;
    let count = options.len();
    if response.has_focus() && count > 0 {
        // Arrows change the choice instead of moving the focus.
        ui.memory_mut(|m| {
            m.set_focus_lock_filter(
                response.id,
                egui::EventFilter {
                    horizontal_arrows: true,
                    vertical_arrows: true,
                    tab: false,
                    escape: false,
                },
            );
        });
        let mut at = selected;
        let events = ui.input(|i| i.events.clone());
        for event in events {
            match event {
                egui::Event::Key {
                    key,
                    pressed: true,
                    modifiers,
                    ..
                } if modifiers.is_none() => match key {
                    egui::Key::ArrowUp | egui::Key::ArrowLeft => at = (at + count - 1) % count,
                    egui::Key::ArrowDown | egui::Key::ArrowRight | egui::Key::Space => {
                        at = (at + 1) % count;
                    }
                    _ => {}
                },
                egui::Event::Text(text) => {
                    if let Some(letter) = text.chars().find(|c| c.is_alphanumeric()) {
                        at = next_starting_with(options, at, letter).unwrap_or(at);
                    }
                }
                _ => {}
            }
        }
        if at != selected {
            chosen = Some(at);
        }
    }

    let pointer_click = response.clicked_by(egui::PointerButton::Primary);
    let popup = egui::Popup::menu(&response)
        .id(id.with("list"))
        .open_memory(pointer_click.then_some(egui::SetOpenCommand::Toggle))
        .width(rect.width());
    let picked = popup.show(|ui| {
        let mut picked = None;
        for (index, option) in options.iter().enumerate() {
            if ui.selectable_label(index == selected, option).clicked() {
                picked = Some(index);
            }
        }
        picked
    });
    if let Some(index) = picked.and_then(|r| r.inner) {
        chosen = Some(index);
    }

    if ui.is_rect_visible(rect) {
        let visuals = ui.style().interact(&response);
        let painter = ui.painter();
        painter.rect(
            rect.expand(visuals.expansion),
            visuals.corner_radius,
            visuals.weak_bg_fill,
            visuals.bg_stroke,
            egui::StrokeKind::Inside,
        );
        let text_pos = egui::pos2(
            rect.min.x + padding.x,
            rect.center().y - galley.size().y / 2.0,
        );
        painter.galley(text_pos, galley, visuals.text_color());
        let icon_rect = egui::Rect::from_center_size(
            egui::pos2(rect.max.x - padding.x - icon / 2.0, rect.center().y),
            egui::vec2(icon * 0.6, icon * 0.6),
        );
        // Up and down triangles: the arrows step through the choices.
        let c = icon_rect.center();
        let (w, h) = (icon_rect.width() / 2.0, icon_rect.height() / 2.0);
        let colour = visuals.fg_stroke.color;
        painter.add(egui::Shape::convex_polygon(
            vec![
                egui::pos2(c.x - w, c.y - 0.15 * h),
                egui::pos2(c.x + w, c.y - 0.15 * h),
                egui::pos2(c.x, c.y - h),
            ],
            colour,
            egui::Stroke::NONE,
        ));
        painter.add(egui::Shape::convex_polygon(
            vec![
                egui::pos2(c.x - w, c.y + 0.15 * h),
                egui::pos2(c.x, c.y + h),
                egui::pos2(c.x + w, c.y + 0.15 * h),
            ],
            colour,
            egui::Stroke::NONE,
        ));
        if response.has_focus() {
            painter.rect_stroke(
                rect.expand(2.0),
                visuals.corner_radius,
                ui.visuals().selection.stroke,
                egui::StrokeKind::Outside,
            );
        }
    }
    (response, chosen)
}

/// The first choice after `from` (wrapping around) whose first letter is
/// `letter`, ignoring case and leading signs such as "(".
fn next_starting_with(options: &[String], from: usize, letter: char) -> Option<usize> {
    let letter = letter.to_lowercase().next()?;
    let count = options.len();
    (1..=count).map(|step| (from + step) % count).find(|&i| {
        options[i]
            .chars()
            .find(|c| c.is_alphanumeric())
            .and_then(|c| c.to_lowercase().next())
            == Some(letter)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_letter_jumps_to_the_next_choice_starting_with_it() {
        let options: Vec<String> = [
            "Opening",
            "Ronde",
            "Presentatie",
            "Gesprek",
            "Pauze",
            "(geen)",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(next_starting_with(&options, 3, 'p'), Some(4));
        assert_eq!(next_starting_with(&options, 4, 'P'), Some(2));
        assert_eq!(next_starting_with(&options, 0, 'g'), Some(3));
        assert_eq!(next_starting_with(&options, 3, 'g'), Some(5));
        assert_eq!(next_starting_with(&options, 0, 'x'), None);
    }
}
