//! The room's panel at the bottom of the console: the join address with
//! its QR code and the room's switches on the left, the inbox on the
//! right. The inbox is keyboard-first: Ctrl+I puts the keys there, ↑/↓
//! choose, Enter accepts, F2 edits (then Enter accepts the edited text),
//! Delete rejects, Esc goes back to the keyword field.

use egui::{Color32, Key, RichText, TextEdit};

use super::block_label;
use super::console::{ACCENT, OVER, WARNING, command_button};
use crate::app::room::{QrMatrix, RoomStatus};
use crate::app::{AppState, Command, Field, Intents, Request, ViewState};
use crate::i18n::{Language, T, tr, trf};
use crate::model::{Edit, Submission, SubmissionId, SubmissionKind};

/// The panel's height when it first shows.
const DEFAULT_HEIGHT: f32 = 210.0;
/// The width of the room's column beside its code (address, switches).
const ROOM_COLUMN: f32 = 300.0;
/// The width of the vote's column (set-up, or the running vote's totals).
const VOTE_COLUMN: f32 = 250.0;
/// The side of the console's QR code, in points.
const QR_SIDE: f32 = 150.0;

/// The id of the field where a submission's text is edited.
#[must_use]
pub fn edit_field_id() -> egui::Id {
    egui::Id::unique("room-inbox-edit")
}

/// The panel, while the room is open, the inbox holds waiting submissions,
/// or the facilitator asked for it (Ctrl+I).
pub fn room_panel_ui(ui: &mut egui::Ui, state: &AppState, view: &mut ViewState, out: &mut Intents) {
    let waiting = state.session.pending_submissions().count();
    if state.room.is_none() && waiting == 0 && !view.inbox.shown {
        return;
    }
    egui::Panel::bottom("room_panel")
        .resizable(true)
        .default_size(DEFAULT_HEIGHT)
        .min_size(120.0)
        .show(ui, |ui| {
            ui.add_space(4.0);
            ui.horizontal_top(|ui| {
                if let Some(room) = &state.room {
                    qr_ui(ui, &room.join.qr, QR_SIDE);
                }
                ui.vertical(|ui| {
                    ui.set_width(ROOM_COLUMN);
                    room_column_ui(ui, state, view, out);
                });
                if state.room.is_some() {
                    ui.separator();
                    ui.vertical(|ui| {
                        ui.set_width(VOTE_COLUMN);
                        egui::ScrollArea::vertical()
                            .id_salt("vote_column")
                            .auto_shrink([false, true])
                            .show(ui, |ui| vote_section_ui(ui, state, view, out));
                    });
                }
                ui.separator();
                ui.vertical(|ui| {
                    ui.set_width(ui.available_width());
                    inbox_ui(ui, state, view, out);
                });
            });
        });
}

/// The room's address, code and switches, or how to open it.
fn room_column_ui(ui: &mut egui::Ui, state: &AppState, view: &ViewState, out: &mut Intents) {
    let lang = state.ui_lang;
    ui.horizontal(|ui| {
        ui.label(RichText::new(tr(lang, T::RoomTitle)).strong().size(16.0));
        if let Some(room) = &state.room {
            ui.label(
                RichText::new(trf(
                    lang,
                    T::RoomOpenSince,
                    &[("time", &room.opened_at.format("%H:%M").to_string())],
                ))
                .color(ACCENT),
            );
        }
    });
    let Some(room) = &state.room else {
        ui.label(RichText::new(tr(lang, T::RoomClosedNow)).weak());
        command_button(ui, state, view, Command::OpenRoom, out);
        if !view.inbox.shown {
            return;
        }
        ui.add_space(4.0);
        help_ui(ui, lang, None);
        return;
    };
    egui::ScrollArea::vertical()
        .id_salt("room_column")
        .auto_shrink([false, true])
        .show(ui, |ui| {
            if room.no_network {
                ui.label(RichText::new(tr(lang, T::RoomNoNetwork)).color(OVER));
            }
            let label = ui.label(RichText::new(tr(lang, T::RoomAddressLabel)).small());
            ui.add(
                egui::Label::new(RichText::new(&room.join.url).strong().size(15.0))
                    .selectable(true)
                    .wrap(),
            )
            .labelled_by(label.id);
            let label = ui.label(RichText::new(tr(lang, T::RoomLiveLabel)).small());
            ui.add(
                egui::Label::new(RichText::new(&room.live_url).size(13.0))
                    .selectable(true)
                    .wrap(),
            )
            .labelled_by(label.id);
            address_choice_ui(ui, lang, room, out);
            ui.horizontal_wrapped(|ui| {
                command_button(ui, state, view, Command::ModeJoin, out);
                command_button(ui, state, view, Command::CloseRoom, out);
            });
            for (on, command) in [
                (room.auto_accept, Command::ToggleRoomAutoAccept),
                (room.anonymous, Command::ToggleRoomAnonymous),
            ] {
                let mut value = on;
                let mut response = ui.checkbox(&mut value, command.label(lang));
                if let Some(tip) = command.tooltip(lang) {
                    response = response.on_hover_text(tip);
                }
                if response.clicked() {
                    out.command(command);
                }
            }
            help_ui(ui, lang, Some(room));
        });
}

/// The room's vote: how the next one is set up and the buttons that start
/// it, or the running one's totals so far and the buttons that end it.
fn vote_section_ui(ui: &mut egui::Ui, state: &AppState, view: &mut ViewState, out: &mut Intents) {
    let lang = state.ui_lang;
    ui.label(RichText::new(tr(lang, T::VoteTitle)).strong().size(16.0));
    if let Some(vote) = &state.vote {
        ui.add(egui::Label::new(RichText::new(&vote.spec.question).italics()).wrap());
        ui.label(
            RichText::new(trf(
                lang,
                T::VoteRunning,
                &[("n", &vote.voters.to_string())],
            ))
            .color(ACCENT),
        );
        // The buttons before the totals: a long list must not hide them.
        ui.horizontal_wrapped(|ui| {
            command_button(ui, state, view, Command::CloseVote, out);
            command_button(ui, state, view, Command::CancelVote, out);
            command_button(ui, state, view, Command::ModeVote, out);
        });
        let mut order: Vec<(&String, u32)> = vote
            .spec
            .options
            .iter()
            .zip(vote.totals.iter().copied())
            .collect();
        order.sort_by_key(|o| std::cmp::Reverse(o.1));
        for (label, total) in order {
            ui.add(egui::Label::new(format!("{total} · {label}")).wrap());
        }
        return;
    }
    let setup = &mut view.vote;
    ui.horizontal(|ui| {
        let label = ui.label(tr(lang, T::VoteDotsLabel));
        ui.add(egui::DragValue::new(&mut setup.dots).range(1..=crate::model::VOTE_MAX_DOTS))
            .labelled_by(label.id);
    });
    ui.checkbox(&mut setup.several_per_option, tr(lang, T::VoteSeveralLabel));
    ui.horizontal(|ui| {
        let label = ui.label(tr(lang, T::VoteChooseLabel));
        ui.add(egui::DragValue::new(&mut setup.choose).range(1..=crate::model::VOTE_MAX_OPTIONS))
            .labelled_by(label.id);
    });
    ui.horizontal_wrapped(|ui| {
        command_button(ui, state, view, Command::StartVoteThemes, out);
        command_button(ui, state, view, Command::StartVoteBlock, out);
    });
    if let Some(last) = state.session.votes.last() {
        let chosen = if last.chosen.is_empty() {
            tr(lang, T::VoteNothingChosen).to_owned()
        } else {
            trf(
                lang,
                T::VoteChosenByRoom,
                &[("chosen", &last.chosen.join(", "))],
            )
        };
        ui.add(
            egui::Label::new(RichText::new(format!("{}: {chosen}", tr(lang, T::VoteLast))).small())
                .wrap(),
        );
    }
}

/// The computer's other addresses, when it has several (Wi-Fi and hotspot).
fn address_choice_ui(ui: &mut egui::Ui, lang: Language, room: &RoomStatus, out: &mut Intents) {
    if room.addresses.len() < 2 {
        return;
    }
    let name = |ip: std::net::IpAddr| {
        room.addresses
            .iter()
            .find(|a| a.ip == ip)
            .map_or_else(|| ip.to_string(), |a| format!("{} ({})", a.ip, a.interface))
    };
    let label = ui.label(RichText::new(tr(lang, T::RoomNetworkLabel)).small());
    egui::ComboBox::from_id_salt("room_address")
        .selected_text(name(room.host))
        .width(180.0)
        .show_ui(ui, |ui| {
            for address in &room.addresses {
                if ui
                    .selectable_label(address.ip == room.host, name(address.ip))
                    .clicked()
                {
                    out.request(Request::ChooseRoomAddress(address.ip));
                }
            }
        })
        .response
        .labelled_by(label.id);
}

/// Why phones may not connect, and what to do (the firewall's question,
/// a guest network that keeps devices apart).
fn help_ui(ui: &mut egui::Ui, lang: Language, room: Option<&RoomStatus>) {
    egui::CollapsingHeader::new(tr(lang, T::RoomHelpTitle))
        .id_salt("room_help")
        .show(ui, |ui| {
            let firewall = if cfg!(target_os = "windows") {
                tr(lang, T::RoomHelpWindows).to_owned()
            } else if cfg!(target_os = "macos") {
                tr(lang, T::RoomHelpMac).to_owned()
            } else {
                let port = room.map_or_else(String::new, |r| r.listening.port().to_string());
                trf(lang, T::RoomHelpOther, &[("port", &port)])
            };
            for text in [
                firewall.as_str(),
                tr(lang, T::RoomHelpGuestWifi),
                tr(lang, T::RoomHelpTest),
            ] {
                ui.add(egui::Label::new(RichText::new(text).small()).wrap());
            }
        });
}

/// A QR code, dark on white with its quiet zone, `side` points wide.
fn qr_ui(ui: &mut egui::Ui, qr: &QrMatrix, side: f32) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(side, side), egui::Sense::hover());
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 0.0, Color32::WHITE);
    let modules = qr.size + 8;
    if qr.size == 0 {
        return;
    }
    let ppp = ui.ctx().pixels_per_point();
    let module = ((side * ppp / modules as f32).floor().max(1.0)) / ppp;
    let offset = (side - module * modules as f32) / 2.0 + module * 4.0;
    for y in 0..qr.size {
        for x in 0..qr.size {
            if qr.is_dark(x, y) {
                let min =
                    rect.min + egui::vec2(offset + x as f32 * module, offset + y as f32 * module);
                painter.rect_filled(
                    egui::Rect::from_min_size(min, egui::vec2(module, module)),
                    0.0,
                    Color32::BLACK,
                );
            }
        }
    }
}

/// "trefwoord", "vraag", "opmerking bij Wat valt op?".
fn kind_text(lang: Language, submission: &Submission) -> String {
    match submission.kind {
        SubmissionKind::Keyword => tr(lang, T::InboxKindKeyword).to_owned(),
        SubmissionKind::Question => tr(lang, T::InboxKindQuestion).to_owned(),
        SubmissionKind::Remark => trf(
            lang,
            T::InboxKindRemark,
            &[(
                "block",
                &block_label(
                    lang,
                    submission
                        .block
                        .unwrap_or(crate::model::BlockKind::Observations),
                ),
            )],
        ),
    }
}

/// One inbox row: "3. 14:32 · Lochem · trefwoord: raad".
#[must_use]
pub fn row_text(state: &AppState, number: usize, submission: &Submission) -> String {
    let lang = state.ui_lang;
    let from = submission.organisation.as_ref().map_or_else(
        || tr(lang, T::InboxAnonymous).to_owned(),
        |org| state.session.organisation_name(org).to_owned(),
    );
    format!(
        "{number}. {} · {from} · {}: {}",
        submission.received.format("%H:%M"),
        kind_text(lang, submission),
        submission.text
    )
}

/// The inbox: the waiting submissions, the selected one's actions, and the keys.
fn inbox_ui(ui: &mut egui::Ui, state: &AppState, view: &mut ViewState, out: &mut Intents) {
    let lang = state.ui_lang;
    let pending: Vec<&Submission> = state.session.pending_submissions().collect();
    let counts = state.session.inbox_counts();
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(tr(lang, T::InboxTitle)).strong().size(16.0));
        let waiting = RichText::new(trf(
            lang,
            T::InboxWaiting,
            &[("n", &pending.len().to_string())],
        ));
        ui.label(if pending.is_empty() {
            waiting.weak()
        } else {
            waiting.strong().color(WARNING)
        });
        if counts.accepted + counts.rejected > 0 {
            ui.label(
                RichText::new(trf(
                    lang,
                    T::InboxDecided,
                    &[
                        ("accepted", &counts.accepted.to_string()),
                        ("rejected", &counts.rejected.to_string()),
                    ],
                ))
                .weak(),
            );
        }
    });
    ui.add(egui::Label::new(RichText::new(tr(lang, T::InboxHelp)).small().weak()).wrap());

    let inbox = &mut view.inbox;
    // The selection stays on a waiting submission (the first by default).
    let selected = inbox
        .selected
        .as_ref()
        .and_then(|id| pending.iter().position(|s| &s.id == id))
        .unwrap_or(0);
    if inbox
        .editing
        .as_ref()
        .is_some_and(|id| !pending.iter().any(|s| &s.id == id))
    {
        inbox.editing = None;
    }
    let typing = ui.ctx().memory(|m| m.focused().is_some());
    if typing && inbox.editing.is_none() {
        // The keyboard went to a text field: the inbox lets go of it.
        inbox.active = false;
    }
    let next_after = |index: usize| -> Option<SubmissionId> {
        pending
            .get(index + 1)
            .or_else(|| index.checked_sub(1).and_then(|i| pending.get(i)))
            .map(|s| s.id.clone())
    };
    if inbox.active && !typing && inbox.editing.is_none() {
        let pressed = |key: Key| ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, key));
        if pressed(Key::Escape) {
            inbox.active = false;
            // With the room closed and nothing waiting, the panel goes away.
            inbox.shown = false;
            view.capture.focus_request = Some(Field::Keyword);
            return;
        }
        if !pending.is_empty() {
            if pressed(Key::ArrowDown) {
                inbox.selected = Some(pending[(selected + 1).min(pending.len() - 1)].id.clone());
            }
            if pressed(Key::ArrowUp) {
                inbox.selected = Some(pending[selected.saturating_sub(1)].id.clone());
            }
            let current = &pending[selected.min(pending.len() - 1)];
            if pressed(Key::Enter) && !state.read_only {
                out.edit(Edit::AcceptSubmission {
                    submission: current.id.clone(),
                    text: None,
                });
                inbox.selected = next_after(selected);
            } else if pressed(Key::Delete) && !state.read_only {
                out.edit(Edit::RejectSubmission(current.id.clone()));
                inbox.selected = next_after(selected);
            } else if pressed(Key::F2) && !state.read_only {
                inbox.editing = Some(current.id.clone());
                inbox.text.clone_from(&current.text);
                inbox.focus_edit = true;
            }
        }
    }

    if pending.is_empty() {
        ui.label(RichText::new(tr(lang, T::InboxEmpty)).weak());
        return;
    }
    let selected = inbox
        .selected
        .as_ref()
        .and_then(|id| pending.iter().position(|s| &s.id == id))
        .unwrap_or(0);
    let current = pending[selected];

    // The selected submission's actions (or its edit field).
    if inbox.editing.as_ref() == Some(&current.id) {
        edit_ui(ui, state, view, current, next_after(selected), out);
    } else {
        ui.horizontal_wrapped(|ui| {
            let writable = !state.read_only;
            if ui
                .add_enabled(writable, egui::Button::new(tr(lang, T::InboxAccept)))
                .clicked()
            {
                out.edit(Edit::AcceptSubmission {
                    submission: current.id.clone(),
                    text: None,
                });
                view.inbox.selected = next_after(selected);
            }
            if ui
                .add_enabled(writable, egui::Button::new(tr(lang, T::InboxEdit)))
                .clicked()
            {
                let inbox = &mut view.inbox;
                inbox.editing = Some(current.id.clone());
                inbox.text.clone_from(&current.text);
                inbox.focus_edit = true;
            }
            if ui
                .add_enabled(writable, egui::Button::new(tr(lang, T::InboxReject)))
                .clicked()
            {
                out.edit(Edit::RejectSubmission(current.id.clone()));
                view.inbox.selected = next_after(selected);
            }
            ui.separator();
            if ui
                .add_enabled(writable, egui::Button::new(tr(lang, T::InboxAcceptAll)))
                .clicked()
            {
                out.edit(Edit::AcceptAllSubmissions);
            }
            if ui
                .add_enabled(writable, egui::Button::new(tr(lang, T::InboxRejectAll)))
                .clicked()
            {
                out.edit(Edit::RejectAllSubmissions);
            }
        });
    }

    let active = view.inbox.active;
    egui::ScrollArea::vertical()
        .id_salt("inbox_list")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (index, submission) in pending.iter().enumerate() {
                let is_selected = index == selected;
                let mut text = RichText::new(row_text(state, index + 1, submission));
                if is_selected && active {
                    text = text.strong().color(ACCENT);
                }
                let response = ui.add(egui::Button::selectable(is_selected, text).wrap());
                if response.clicked() {
                    let inbox = &mut view.inbox;
                    inbox.selected = Some(submission.id.clone());
                    inbox.active = true;
                    inbox.editing = None;
                    ui.ctx().memory_mut(|m| {
                        if let Some(id) = m.focused() {
                            m.surrender_focus(id);
                        }
                    });
                }
                if is_selected && active {
                    response.scroll_to_me(None);
                }
            }
        });
}

/// The selected submission's text being edited: Enter accepts the edited
/// text, Esc goes back to the list.
fn edit_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    view: &mut ViewState,
    current: &Submission,
    next: Option<SubmissionId>,
    out: &mut Intents,
) {
    let lang = state.ui_lang;
    let inbox = &mut view.inbox;
    ui.horizontal(|ui| {
        let label = ui.label(tr(lang, T::InboxEditField));
        let response = ui
            .add(
                TextEdit::singleline(&mut inbox.text)
                    .id(edit_field_id())
                    .return_key(None)
                    .char_limit(crate::model::SUBMISSION_MAX_CHARS)
                    .desired_width(ui.available_width()),
            )
            .labelled_by(label.id);
        if std::mem::take(&mut inbox.focus_edit) {
            response.request_focus();
        }
        if response.has_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
            out.edit(Edit::AcceptSubmission {
                submission: current.id.clone(),
                text: Some(std::mem::take(&mut inbox.text)),
            });
            inbox.editing = None;
            inbox.selected = next;
            inbox.active = true;
            response.surrender_focus();
        } else if (response.has_focus() || response.lost_focus())
            && ui.input(|i| i.key_pressed(Key::Escape))
        {
            inbox.editing = None;
            inbox.active = true;
            response.surrender_focus();
        }
    });
    ui.label(RichText::new(tr(lang, T::InboxEditHint)).small().weak());
}
