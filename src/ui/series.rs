//! The series view, the console's "last time" beside a card, and the
//! look-back item: what carries the thread from one meeting to the next.

use egui::{Color32, RichText};

use crate::app::{AppState, Command, Intents, Request};
use crate::i18n::{Language, T, tr, trf};
use crate::model::{ActionStatus, Bullet, Edit, OrgId, Owner, Session};

/// The colour of what belongs to the previous meeting: muted, never loud.
const MUTED: Color32 = Color32::from_rgb(0x6B, 0x72, 0x80);

/// The sessions of this series in the folder, and per municipality its
/// experiments across the meetings.
pub fn series_ui(ctx: &egui::Context, state: &AppState, out: &mut Intents) {
    let Some(view) = &state.series else {
        return;
    };
    let lang = state.ui_lang;
    let mut open = true;
    egui::Window::new(trf(lang, T::SeriesTitle, &[("title", &view.name)]))
        .open(&mut open)
        .collapsible(false)
        .default_size([900.0, 640.0])
        .max_width((ctx.content_rect().width() - 40.0).max(300.0))
        .max_height((ctx.content_rect().height() - 80.0).max(200.0))
        .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 40.0))
        .show(ctx, |ui| {
            ui.label(RichText::new(tr(lang, T::SeriesSessions)).strong());
            egui::Grid::new("series_meetings")
                .num_columns(3)
                .striped(true)
                .spacing([16.0, 6.0])
                .show(ui, |ui| {
                    for meeting in &view.meetings {
                        let when = if meeting.when.is_empty() {
                            tr(lang, T::SeriesNoDate).to_owned()
                        } else {
                            meeting.when.clone()
                        };
                        ui.label(when);
                        // The title opens the meeting; the open one is marked instead.
                        if meeting.current {
                            ui.label(RichText::new(&meeting.title).strong());
                            ui.label(RichText::new(tr(lang, T::SeriesCurrent)).weak());
                        } else {
                            if ui
                                .link(&meeting.title)
                                .on_hover_text(tr(lang, T::SeriesOpen))
                                .clicked()
                            {
                                out.request(Request::OpenPath(meeting.path.clone()));
                            }
                            ui.label("");
                        }
                        ui.end_row();
                    }
                });
            for skipped in &view.skipped {
                ui.label(
                    RichText::new(trf(lang, T::SeriesSkipped, &[("detail", skipped)]))
                        .small()
                        .weak(),
                );
            }
            ui.separator();
            ui.label(RichText::new(tr(lang, T::SeriesTimeline)).strong());
            egui::ScrollArea::both()
                .id_salt("series_timeline")
                .show(ui, |ui| {
                    egui::Grid::new("series_timeline_grid")
                        .num_columns(view.meetings.len() + 1)
                        .striped(true)
                        .spacing([16.0, 8.0])
                        .show(ui, |ui| {
                            ui.label("");
                            for meeting in &view.meetings {
                                let head = if meeting.when.is_empty() {
                                    meeting.title.clone()
                                } else {
                                    meeting.when.clone()
                                };
                                ui.label(RichText::new(head).strong());
                            }
                            ui.end_row();
                            for row in &view.timeline {
                                ui.label(RichText::new(&row.name).strong());
                                for experiments in &row.meetings {
                                    ui.vertical(|ui| {
                                        ui.set_max_width(260.0);
                                        if experiments.is_empty() {
                                            ui.label(
                                                RichText::new(tr(lang, T::SeriesNothingYet)).weak(),
                                            );
                                        }
                                        for e in experiments {
                                            ui.add(
                                                egui::Label::new(
                                                    RichText::new(format!("⊗ {}", e.title))
                                                        .strong(),
                                                )
                                                .wrap(),
                                            );
                                            if !e.keywords.is_empty() {
                                                ui.add(
                                                    egui::Label::new(
                                                        RichText::new(e.keywords.join(" · "))
                                                            .small(),
                                                    )
                                                    .wrap(),
                                                );
                                            }
                                        }
                                    });
                                }
                                ui.end_row();
                            }
                        });
                });
        });
    if !open {
        out.command(Command::ShowSeries);
    }
}

/// Under a municipality's card in the console: its experiment(s) of last
/// time, muted. Nothing for a kick-off session.
pub fn last_time_ui(ui: &mut egui::Ui, lang: Language, session: &Session, org: &OrgId) {
    let previous: Vec<_> = session.previous_experiments_of(org).collect();
    if previous.is_empty() {
        return;
    }
    egui::Frame::new()
        .stroke(egui::Stroke::new(1.0, MUTED.gamma_multiply(0.5)))
        .corner_radius(4.0)
        .inner_margin(6.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(
                RichText::new(tr(lang, T::SeriesLastTime))
                    .small()
                    .color(MUTED),
            );
            for e in previous {
                ui.add(
                    egui::Label::new(RichText::new(format!("⊗ {}", e.title)).color(MUTED)).wrap(),
                );
                if !e.keywords.is_empty() {
                    ui.add(
                        egui::Label::new(
                            RichText::new(e.keywords.join(" · ")).small().color(MUTED),
                        )
                        .wrap(),
                    );
                }
            }
        });
}

/// In the look-back item: the open actions and open questions carried
/// from the previous meeting, with a button to mark each action done.
pub fn look_back_ui(ui: &mut egui::Ui, state: &AppState, out: &mut Intents) {
    let lang = state.ui_lang;
    let session = &state.session;
    let Some(previous) = &session.previous else {
        return;
    };
    ui.label(RichText::new(trf(lang, T::SeriesLookBack, &[("title", &previous.title)])).strong());
    let actions: Vec<_> = session
        .synthesis
        .actions
        .iter()
        .filter(|a| previous.carried_actions.contains(&a.id))
        .collect();
    let questions: Vec<&Bullet> = session
        .synthesis
        .open_questions
        .bullets
        .iter()
        .filter(|b| previous.carried_questions.contains(&b.id))
        .collect();
    if actions.is_empty() && questions.is_empty() {
        ui.label(RichText::new(tr(lang, T::SeriesNothingCarried)).weak());
        return;
    }
    if !actions.is_empty() {
        ui.add_space(4.0);
        ui.label(RichText::new(tr(lang, T::SeriesCarriedActions)).strong());
        for action in actions {
            ui.horizontal_wrapped(|ui| {
                // Ticking the box marks the action done (unticking: open again).
                let mut done = action.status != ActionStatus::Open;
                let mut text = RichText::new(&action.text);
                if done {
                    text = text.strikethrough().weak();
                }
                if ui
                    .checkbox(&mut done, text)
                    .on_hover_text(tr(lang, T::SeriesMarkDone))
                    .changed()
                {
                    let mut changed = action.clone();
                    changed.status = if done {
                        ActionStatus::Done
                    } else {
                        ActionStatus::Open
                    };
                    out.edit(Edit::SetAction(Box::new(changed)));
                }
                if let Some(owner) = &action.owner {
                    let name = match owner {
                        Owner::Organisation(id) => session.organisation_name(id).to_owned(),
                        Owner::Participant(id) => session
                            .participants
                            .iter()
                            .find(|p| &p.id == id)
                            .map(|p| p.name.clone())
                            .unwrap_or_default(),
                        Owner::Name(name) => name.clone(),
                    };
                    ui.label(RichText::new(format!("({name})")).italics());
                }
            });
        }
    }
    if !questions.is_empty() {
        ui.add_space(4.0);
        ui.label(RichText::new(tr(lang, T::SeriesCarriedQuestions)).strong());
        for question in questions {
            ui.add(egui::Label::new(format!("? {}", question.text)).wrap());
        }
    }
}
