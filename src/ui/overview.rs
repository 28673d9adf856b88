//! The session overview: header, agenda and the municipalities' experiment
//! cards with their keywords, as on the facilitator's whiteboard.

use egui::{Color32, RichText};

use super::theme::bold_family;
use crate::i18n::{self, Language, T, tr, trf};
use crate::model::{AgendaKind, Experiment, Session};

/// The width at which experiment cards are laid out side by side.
const CARD_WIDTH: f32 = 300.0;

/// The session's header, its agenda (left) and its experiment cards.
pub fn session_overview_ui(ui: &mut egui::Ui, session: &Session, lang: Language) {
    egui::Panel::top("session_header").show(ui, |ui| {
        header_ui(ui, session, lang);
    });
    egui::Panel::left("agenda")
        .default_size(330.0)
        .show(ui, |ui| {
            agenda_ui(ui, session, lang);
        });
    egui::CentralPanel::default().show(ui, |ui| {
        ui.heading(tr(lang, T::Experiments));
        ui.add_space(4.0);
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| experiments_ui(ui, session, lang));
    });
}

fn header_ui(ui: &mut egui::Ui, session: &Session, lang: Language) {
    let header = &session.header;
    ui.add_space(6.0);
    ui.heading(&header.title);

    let mut facts: Vec<String> = [&header.network, &header.theme]
        .into_iter()
        .filter(|s| !s.is_empty())
        .cloned()
        .collect();
    if let Some(date) = header.date {
        facts.push(i18n::format_date(lang, date));
    }
    if let (Some(start), Some(end)) = (header.start_time, header.end_time) {
        facts.push(format!("{}–{}", start.format("%H:%M"), end.format("%H:%M")));
    }
    if !header.location.is_empty() {
        facts.push(header.location.clone());
    }
    let municipalities = session.municipalities().count().to_string();
    facts.push(match session.participant_count() {
        Some(n) => trf(
            lang,
            T::ParticipantsOf,
            &[("n", &n.to_string()), ("m", &municipalities)],
        ),
        None => trf(lang, T::MunicipalitiesOnly, &[("m", &municipalities)]),
    });
    if !header.facilitator.is_empty() {
        facts.push(header.facilitator.clone());
    }
    ui.label(facts.join(" · "));

    let guests: Vec<&str> = session.guests().map(|g| g.name.as_str()).collect();
    if !guests.is_empty() {
        ui.label(RichText::new(trf(lang, T::Guests, &[("names", &guests.join(", "))])).weak());
    }
    ui.add_space(6.0);
}

/// The name of an agenda item kind in the UI language.
#[must_use]
pub fn kind_label(lang: Language, kind: AgendaKind) -> &'static str {
    tr(
        lang,
        match kind {
            AgendaKind::Opening => T::KindOpening,
            AgendaKind::Round => T::KindRound,
            AgendaKind::Presentation => T::KindPresentation,
            AgendaKind::Discussion => T::KindDiscussion,
            AgendaKind::Synthesis => T::KindSynthesis,
            AgendaKind::Break => T::KindBreak,
            AgendaKind::Closing => T::KindClosing,
        },
    )
}

fn agenda_ui(ui: &mut egui::Ui, session: &Session, lang: Language) {
    ui.add_space(6.0);
    ui.heading(tr(lang, T::Agenda));
    ui.add_space(4.0);
    if session.agenda.is_empty() {
        ui.label(RichText::new(tr(lang, T::NoAgenda)).weak());
        return;
    }
    egui::ScrollArea::vertical()
        .auto_shrink([false, true])
        .show(ui, |ui| {
            let mut start = session.header.start_time;
            for item in &session.agenda {
                let minutes = trf(
                    lang,
                    T::Minutes,
                    &[("n", &item.planned_minutes.to_string())],
                );
                let when = start.map_or_else(|| minutes.clone(), |t| t.format("%H:%M").to_string());
                ui.horizontal_top(|ui| {
                    ui.add_sized(
                        [56.0, 20.0],
                        egui::Label::new(RichText::new(when).monospace().weak()),
                    );
                    ui.vertical(|ui| {
                        ui.add(egui::Label::new(&item.title).wrap());
                        let mut kind = kind_label(lang, item.kind).to_owned();
                        if start.is_some() {
                            kind = format!("{kind} · {minutes}");
                        }
                        ui.label(RichText::new(kind).small().weak());
                    });
                });
                ui.add_space(4.0);
                start =
                    start.map(|t| t + chrono::TimeDelta::minutes(i64::from(item.planned_minutes)));
            }
            ui.add_space(8.0);
            ui.label(
                RichText::new(trf(
                    lang,
                    T::AgendaTotal,
                    &[("n", &session.planned_minutes().to_string())],
                ))
                .strong(),
            );
        });
}

fn experiments_ui(ui: &mut egui::Ui, session: &Session, lang: Language) {
    if session.experiments.is_empty() {
        ui.label(RichText::new(tr(lang, T::NoExperiments)).weak());
        return;
    }
    let spacing = ui.spacing().item_spacing.x;
    let columns = ((ui.available_width() + spacing) / (CARD_WIDTH + spacing))
        .floor()
        .max(1.0) as usize;
    for row in session.experiments.chunks(columns) {
        ui.columns(columns, |cols| {
            for (col, experiment) in cols.iter_mut().zip(row) {
                experiment_card_ui(col, session, experiment);
            }
        });
        ui.add_space(spacing);
    }
}

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
