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
    let mut text: String = ui
        .data_mut(|d| d.get_temp(id))
        .unwrap_or_else(|| shown.to_owned());
    let response = ui
        .add(TextEdit::singleline(&mut text).desired_width(160.0))
        .labelled_by(label.id);
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
    if response.changed() {
        parsed
    } else {
        FieldEdit::Unchanged
    }
}

/// Reads a typed date: 2020-06-09 or 9-6-2020.
#[must_use]
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(text, "%d-%m-%Y"))
        .ok()
}
