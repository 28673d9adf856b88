//! Quick setup by pasting (Ctrl+Shift+V): municipalities, participants or
//! agenda lines pasted from a mail, Word or Excel. What will be added is
//! summed up ("5 deelnemers, 2 nieuwe gemeenten") and every line that will
//! not be used is listed with the reason before anything is applied.
//! Ctrl+Tab chooses what is pasted, Ctrl+Enter adds it, Esc closes.

use egui::{Key, Modifiers, RichText};

use crate::app::{AppState, Command, Intents, PasteKind, ViewState};
use crate::i18n::{Language, T, tr, trf};
use crate::model::paste::{
    LineProblem, SkippedLine, plan_agenda, plan_municipalities, plan_participants,
};
use crate::model::{Edit, OrgKind, Session};

/// What a paste will do, in words, and the lines it will not use.
struct Preview {
    /// "5 deelnemers, 2 nieuwe gemeenten"; empty when nothing will be added.
    summary: String,
    /// The lines not used.
    skipped: Vec<SkippedLine>,
    /// The edit that adds it (when something will be added).
    edit: Option<Edit>,
    /// For agenda lines: by how many minutes the agenda would run over.
    overrun: Option<u32>,
}

fn count(lang: Language, (one, many): (T, T), n: usize) -> String {
    trf(
        lang,
        if n == 1 { one } else { many },
        &[("n", &n.to_string())],
    )
}

/// What pasting `text` as `kind` into `session` will do.
fn preview(
    session: &Session,
    kind: PasteKind,
    text: &str,
    replace: bool,
    lang: Language,
) -> Preview {
    match kind {
        PasteKind::Municipalities => {
            let plan = plan_municipalities(session, text);
            let n = plan.names.len();
            Preview {
                summary: if n == 0 {
                    String::new()
                } else {
                    count(
                        lang,
                        (T::PasteNewMunicipality, T::PasteNewMunicipalities),
                        n,
                    )
                },
                edit: (n > 0).then(|| Edit::PasteMunicipalities {
                    text: text.to_owned(),
                }),
                skipped: plan.skipped,
                overrun: None,
            }
        }
        PasteKind::Participants => {
            let plan = plan_participants(session, text);
            let n = plan.participants.len();
            let mut parts = Vec::new();
            if n > 0 {
                parts.push(count(
                    lang,
                    (T::CliCountParticipant, T::CliCountParticipants),
                    n,
                ));
                let municipalities = plan.new_of_kind(OrgKind::Municipality);
                if municipalities > 0 {
                    parts.push(count(
                        lang,
                        (T::PasteNewMunicipality, T::PasteNewMunicipalities),
                        municipalities,
                    ));
                }
                let guests = plan.new_of_kind(OrgKind::Guest);
                if guests > 0 {
                    parts.push(count(lang, (T::PasteNewGuest, T::PasteNewGuests), guests));
                }
                if plan.linked > 0 {
                    parts.push(trf(
                        lang,
                        T::PasteLinked,
                        &[("n", &plan.linked.to_string())],
                    ));
                }
            }
            Preview {
                summary: parts.join(", "),
                edit: (n > 0).then(|| Edit::PasteParticipants {
                    text: text.to_owned(),
                }),
                skipped: plan.skipped,
                overrun: None,
            }
        }
        PasteKind::Agenda => {
            let plan = plan_agenda(text);
            let n = plan.items.len();
            let overrun = (n > 0)
                .then(|| {
                    let mut after = session.clone();
                    after.add_planned_items(&plan, replace);
                    after.planned_overrun()
                })
                .flatten();
            Preview {
                summary: if n == 0 {
                    String::new()
                } else {
                    format!(
                        "{} ({})",
                        count(lang, (T::PasteItem, T::PasteItems), n),
                        trf(
                            lang,
                            T::PasteMinutes,
                            &[("minutes", &plan.minutes().to_string())]
                        )
                    )
                },
                edit: (n > 0).then(|| Edit::PasteAgenda {
                    text: text.to_owned(),
                    replace,
                }),
                skipped: plan.skipped,
                overrun,
            }
        }
    }
}

/// Why a line is not used, in `lang`.
#[must_use]
pub fn problem_text(problem: &LineProblem, lang: Language) -> String {
    match problem {
        LineProblem::Duplicate(line) => {
            trf(lang, T::PasteReasonDuplicate, &[("n", &line.to_string())])
        }
        LineProblem::AlreadyThere => tr(lang, T::PasteReasonAlreadyThere).to_owned(),
        LineProblem::NoName => tr(lang, T::PasteReasonNoName).to_owned(),
        LineProblem::OrganisationOnly => tr(lang, T::PasteReasonOrganisationOnly).to_owned(),
        LineProblem::TooLong => tr(lang, T::PasteReasonTooLong).to_owned(),
        LineProblem::BadMinutes(text) => trf(lang, T::PasteReasonBadMinutes, &[("detail", text)]),
        LineProblem::UnknownKind(text) => trf(lang, T::PasteReasonUnknownKind, &[("detail", text)]),
        LineProblem::TooManyParts => tr(lang, T::PasteReasonTooManyParts).to_owned(),
        LineProblem::HeaderRow => tr(lang, T::PasteReasonHeaderRow).to_owned(),
    }
}

fn kind_label(kind: PasteKind) -> T {
    match kind {
        PasteKind::Municipalities => T::PasteMunicipalities,
        PasteKind::Participants => T::PasteParticipants,
        PasteKind::Agenda => T::PasteAgenda,
    }
}

fn kind_hint(kind: PasteKind) -> T {
    match kind {
        PasteKind::Municipalities => T::PasteHintMunicipalities,
        PasteKind::Participants => T::PasteHintParticipants,
        PasteKind::Agenda => T::PasteHintAgenda,
    }
}

const KINDS: [PasteKind; 3] = [
    PasteKind::Municipalities,
    PasteKind::Participants,
    PasteKind::Agenda,
];

/// The paste dialog.
pub fn paste_ui(ctx: &egui::Context, state: &AppState, view: &mut ViewState, out: &mut Intents) {
    let lang = state.ui_lang;
    let paste = &mut view.paste;
    let (next, previous, apply) = ctx.input_mut(|i| {
        (
            i.consume_key(Modifiers::CTRL, Key::Tab),
            i.consume_key(Modifiers::CTRL | Modifiers::SHIFT, Key::Tab),
            i.consume_key(Modifiers::COMMAND, Key::Enter),
        )
    });
    let position = KINDS.iter().position(|k| *k == paste.kind).unwrap_or(0);
    if next {
        paste.kind = KINDS[(position + 1) % KINDS.len()];
    }
    if previous {
        paste.kind = KINDS[(position + KINDS.len() - 1) % KINDS.len()];
    }
    let preview = preview(
        &state.session,
        paste.kind,
        &paste.text,
        paste.replace_agenda,
        lang,
    );
    let mut apply = apply && preview.edit.is_some();
    let response = egui::Modal::new(egui::Id::unique("paste_dialog")).show(ctx, |ui| {
        ui.set_width(640.0);
        ui.heading(tr(lang, T::PasteTitle));
        ui.horizontal(|ui| {
            for kind in KINDS {
                if ui
                    .selectable_label(paste.kind == kind, tr(lang, kind_label(kind)))
                    .clicked()
                {
                    paste.kind = kind;
                }
            }
        });
        ui.add(egui::Label::new(RichText::new(tr(lang, kind_hint(paste.kind))).small()).wrap());
        let label = ui.label(tr(lang, T::PasteText));
        let field = ui
            .add(
                egui::TextEdit::multiline(&mut paste.text)
                    .desired_rows(8)
                    .desired_width(620.0)
                    .font(egui::TextStyle::Monospace),
            )
            .labelled_by(label.id);
        if std::mem::take(&mut paste.focus_pending) || next || previous {
            field.request_focus();
        }
        if paste.kind == PasteKind::Agenda {
            ui.checkbox(&mut paste.replace_agenda, tr(lang, T::PasteReplaceAgenda));
        }
        ui.add_space(4.0);
        if preview.summary.is_empty() {
            ui.label(RichText::new(tr(lang, T::PasteNothing)).weak());
        } else {
            ui.label(RichText::new(&preview.summary).strong());
        }
        if let Some(minutes) = preview.overrun {
            ui.label(
                RichText::new(trf(
                    lang,
                    T::EndTimeOverShort,
                    &[("n", &minutes.to_string())],
                ))
                .color(super::console::OVER),
            );
        }
        if !preview.skipped.is_empty() {
            let n = preview.skipped.len();
            ui.label(count(lang, (T::PasteSkippedOne, T::PasteSkippedMany), n));
            egui::ScrollArea::vertical()
                .id_salt("paste_skipped")
                .max_height(140.0)
                .show(ui, |ui| {
                    for line in &preview.skipped {
                        let text = trf(
                            lang,
                            T::PasteLine,
                            &[
                                ("line", &line.line.to_string()),
                                // Excel's cells, readable.
                                ("text", &line.text.replace('\t', " · ")),
                                ("reason", &problem_text(&line.problem, lang)),
                            ],
                        );
                        let colour = if line.problem == LineProblem::HeaderRow {
                            ui.visuals().weak_text_color()
                        } else {
                            super::console::OVER
                        };
                        ui.add(egui::Label::new(RichText::new(text).color(colour)).wrap());
                    }
                });
        }
        if !paste.added.is_empty() {
            ui.label(RichText::new(&paste.added).weak());
        }
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            let shortcut = ui
                .ctx()
                .format_shortcut(&egui::KeyboardShortcut::new(Modifiers::COMMAND, Key::Enter));
            if ui
                .add_enabled(
                    preview.edit.is_some(),
                    egui::Button::new(tr(lang, T::PasteApply)).shortcut_text(shortcut),
                )
                .clicked()
            {
                apply = true;
            }
            if ui.button(tr(lang, T::LeaveCancel)).clicked() {
                out.command(Command::ShowPaste);
            }
        });
    });
    if apply && let Some(edit) = preview.edit {
        out.edit(edit);
        paste.added = trf(lang, T::PasteAdded, &[("detail", &preview.summary)]);
        paste.text.clear();
        paste.focus_pending = true;
    } else if response.should_close() {
        paste.open = false;
    }
}
