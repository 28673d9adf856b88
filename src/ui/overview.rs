//! An experiment as a card: "⊗ title", the municipality, the keywords, as
//! on the facilitator's whiteboard.

use egui::{Color32, RichText};

use super::theme::bold_family;
use crate::model::{Experiment, Session};

/// One experiment as a card: "⊗ title", the municipality, the keywords.
pub fn experiment_card_ui(ui: &mut egui::Ui, session: &Session, experiment: &Experiment) {
    egui::Frame::group(ui.style())
        .fill(ui.visuals().extreme_bg_color)
        .corner_radius(6.0)
        .inner_margin(10.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new("⊗").family(bold_family()).size(18.0));
                ui.add(
                    egui::Label::new(
                        RichText::new(&experiment.title)
                            .family(bold_family())
                            .size(18.0),
                    )
                    .wrap(),
                );
            });
            ui.label(
                RichText::new(session.organisation_name(&experiment.organisation))
                    .italics()
                    .color(Color32::from_rgb(0x2E, 0x5E, 0xA8)),
            );
            ui.add_space(2.0);
            for keyword in &experiment.keywords {
                ui.horizontal_top(|ui| {
                    ui.label("•");
                    let mut text = RichText::new(&keyword.text);
                    if keyword.highlighted {
                        text = text
                            .strong()
                            .background_color(Color32::from_rgb(0xFF, 0xF1, 0xA8));
                    }
                    ui.add(egui::Label::new(text).wrap());
                });
            }
        });
}
