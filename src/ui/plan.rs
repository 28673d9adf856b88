//! The planned agenda against the meeting's end time: the setup and the
//! console's agenda say by how much it runs over. The projector never shows
//! it: it is for the facilitator, not for the room.

use egui::RichText;

use crate::i18n::{Language, T, trf};
use crate::model::Session;

/// "De agenda loopt 20 minuten uit: gepland tot 16:20, de eindtijd is 16:00."
/// `None` when the agenda fits (or there is no start or end time).
#[must_use]
pub fn overrun_text(session: &Session, lang: Language) -> Option<String> {
    let minutes = session.planned_overrun()?;
    let end = session.planned_end()?;
    let time = session.header.end_time?;
    Some(trf(
        lang,
        T::EndTimeOver,
        &[
            ("n", &minutes.to_string()),
            ("end", &end.format("%H:%M").to_string()),
            ("time", &time.format("%H:%M").to_string()),
        ],
    ))
}

/// The warning line, in the warning colour, when the agenda runs over.
pub fn overrun_ui(ui: &mut egui::Ui, session: &Session, lang: Language) {
    if let Some(text) = overrun_text(session, lang) {
        ui.add(egui::Label::new(RichText::new(text).color(super::console::OVER)).wrap());
    }
}
