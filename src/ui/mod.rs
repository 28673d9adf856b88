//! Immediate-mode views. They read the app state, edit text buffers and
//! record [`Command`]s; they never touch the disk.

mod overview;
mod start;
pub mod theme;

use egui::{Color32, RichText};

use crate::app::{AppState, Command, NoticeLevel, Screen};
use crate::i18n::{Language, T, tr, trf};

pub use overview::{experiment_card_ui, session_overview_ui};

/// The whole window: menu bar, notices, then the screen's content.
pub fn app_ui(ui: &mut egui::Ui, state: &mut AppState, commands: &mut Vec<Command>) {
    egui::Panel::top("menu_bar").show(ui, |ui| {
        menu_bar_ui(ui, state, commands);
    });
    if !state.notices.is_empty() {
        egui::Panel::top("notices").show(ui, |ui| {
            notices_ui(ui, state, commands);
        });
    }
    match state.screen {
        Screen::Session => session_overview_ui(ui, &state.session, state.ui_lang),
        Screen::Start => start::start_ui(ui, state, commands),
    }
}

fn menu_bar_ui(ui: &mut egui::Ui, state: &AppState, commands: &mut Vec<Command>) {
    let lang = state.ui_lang;
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button(tr(lang, T::MenuFile), |ui| {
            command_button(ui, lang, Command::Open, commands);
            command_button(ui, lang, Command::OpenSample, commands);
            if state.screen == Screen::Session {
                command_button(ui, lang, Command::Save, commands);
            }
            ui.separator();
            command_button(ui, lang, Command::Quit, commands);
        });
        ui.menu_button(tr(lang, T::MenuLanguage), |ui| {
            for choice in Language::ALL {
                let command = Command::SetUiLanguage(choice);
                if ui
                    .radio(state.ui_lang == choice, command.label(lang))
                    .clicked()
                {
                    commands.push(command);
                }
            }
        });
        if state.screen == Screen::Session {
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.label(save_state_text(state));
            });
        }
    });
}

/// "saved 14:32", "not saved" or, for an untouched session, "no changes".
#[must_use]
pub fn save_state_text(state: &AppState) -> String {
    let lang = state.ui_lang;
    match (state.dirty, state.saved_at) {
        (true, _) => tr(lang, T::NotSaved).to_owned(),
        (false, Some(at)) => trf(
            lang,
            T::SavedAt,
            &[("time", &at.format("%H:%M").to_string())],
        ),
        (false, None) => {
            if state.file.is_none() {
                tr(lang, T::UntitledCopy).to_owned()
            } else {
                tr(lang, T::NothingToSave).to_owned()
            }
        }
    }
}

/// A button (or menu entry) for a command, with its shortcut shown beside it.
fn command_button(
    ui: &mut egui::Ui,
    lang: Language,
    command: Command,
    commands: &mut Vec<Command>,
) {
    let mut button = egui::Button::new(command.label(lang));
    if let Some(shortcut) = command.shortcut() {
        button = button.shortcut_text(ui.ctx().format_shortcut(&shortcut));
    }
    if ui.add(button).clicked() {
        commands.push(command);
    }
}

fn notices_ui(ui: &mut egui::Ui, state: &AppState, commands: &mut Vec<Command>) {
    let lang = state.ui_lang;
    for (index, notice) in state.notices.iter().enumerate() {
        let (fill, stroke) = match notice.level {
            NoticeLevel::Info => (
                Color32::from_rgb(0xE8, 0xF0, 0xFB),
                Color32::from_rgb(0x4A, 0x78, 0xC2),
            ),
            NoticeLevel::Error => (
                Color32::from_rgb(0xFD, 0xEC, 0xEA),
                Color32::from_rgb(0xC0, 0x39, 0x2B),
            ),
        };
        egui::Frame::new()
            .fill(fill)
            .stroke(egui::Stroke::new(1.0, stroke))
            .corner_radius(4.0)
            .inner_margin(8.0)
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.horizontal(|ui| {
                    ui.vertical(|ui| {
                        ui.label(RichText::new(&notice.title).strong().color(Color32::BLACK));
                        if !notice.detail.is_empty() {
                            ui.label(RichText::new(&notice.detail).color(Color32::BLACK));
                        }
                    });
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::TOP), |ui| {
                        // Buttons never take focus from the keyword field: the
                        // user dismisses with the mouse when it suits them.
                        if ui.button(tr(lang, T::Dismiss)).clicked() {
                            commands.push(Command::DismissNotice(index));
                        }
                    });
                });
            });
    }
}
