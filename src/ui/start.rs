//! The start screen, shown when no session is open: recent sessions, open a
//! file (also by typing its path, for systems without a file dialog) and the
//! sample session.

use std::path::PathBuf;

use egui::RichText;

use crate::app::{AppState, Command, Intents, Request, ViewState};
use crate::i18n::{T, tr, trf};

/// The start screen.
pub fn start_ui(ui: &mut egui::Ui, state: &AppState, view: &mut ViewState, out: &mut Intents) {
    let lang = state.ui_lang;
    egui::CentralPanel::default().show(ui, |ui| {
        ui.add_space(24.0);
        ui.vertical_centered(|ui| {
            ui.set_max_width(640.0);
            ui.heading(tr(lang, T::StartTitle));
            ui.label(tr(lang, T::StartIntro));
            ui.add_space(16.0);

            for command in [Command::NewSession, Command::Open, Command::OpenSample] {
                let mut button = ui.button(command.label(lang));
                if let Some(tip) = command.tooltip(lang) {
                    button = button.on_hover_text(tip);
                }
                if button.clicked() {
                    out.command(command);
                }
            }
            untitled_copies_ui(ui, state, out);
            ui.add_space(12.0);

            let label = ui.label(tr(lang, T::OpenPathLabel));
            ui.horizontal(|ui| {
                let field = ui
                    .add(egui::TextEdit::singleline(&mut view.open_path).desired_width(480.0))
                    .labelled_by(label.id);
                // The screen opens with the cursor in its path field, or on
                // the newest untitled work kept when there is some.
                if !view.start_focused {
                    view.start_focused = true;
                    if state.untitled_copies.is_empty() {
                        field.request_focus();
                    }
                }
                let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                let path = view.open_path.trim();
                if (ui.button(tr(lang, T::OpenPathButton)).clicked() || entered) && !path.is_empty()
                {
                    out.request(Request::OpenPath(PathBuf::from(path)));
                }
            });

            for (heading, list) in [
                (T::RecentSessions, &state.recent),
                (T::SessionsFolder, &state.listed_sessions),
            ] {
                if list.is_empty() {
                    continue;
                }
                ui.add_space(16.0);
                ui.label(RichText::new(tr(lang, heading)).strong());
                for path in list {
                    if ui.link(path.display().to_string()).clicked() {
                        out.request(Request::OpenPath(path.clone()));
                    }
                }
            }
        });
    });
}

/// Untitled sessions kept as recovery copies: title, time, keywords; open
/// one to go on with it, or remove it.
fn untitled_copies_ui(ui: &mut egui::Ui, state: &AppState, out: &mut Intents) {
    let lang = state.ui_lang;
    if state.untitled_copies.is_empty() {
        return;
    }
    ui.add_space(16.0);
    ui.label(RichText::new(tr(lang, T::StartUntitledHeading)).strong());
    for (index, copy) in state.untitled_copies.iter().enumerate() {
        let title = if copy.title.trim().is_empty() {
            tr(lang, T::Untitled).to_owned()
        } else {
            copy.title.clone()
        };
        let time = copy
            .modified
            .map(|t| t.format("%d-%m-%Y %H:%M").to_string())
            .unwrap_or_default();
        let keywords = trf(
            lang,
            if copy.keywords == 1 {
                T::CliCountKeyword
            } else {
                T::CliCountKeywords
            },
            &[("n", &copy.keywords.to_string())],
        );
        let text = trf(
            lang,
            T::StartUntitledEntry,
            &[("title", &title), ("time", &time), ("keywords", &keywords)],
        );
        ui.horizontal(|ui| {
            let link = ui.link(text);
            // Keyboard first: the newest kept work has the cursor, Enter opens it.
            if index == 0 && ui.memory(|m| m.focused().is_none()) {
                link.request_focus();
            }
            if link.clicked() {
                out.request(Request::OpenUntitledCopy(index));
            }
            let remove = trf(
                lang,
                T::StartUntitledRemove,
                &[("title", &title), ("time", &time)],
            );
            if ui.small_button("×").on_hover_text(&remove).clicked() {
                out.request(Request::RemoveUntitledCopy(index));
            }
        });
    }
}
