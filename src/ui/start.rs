//! The start screen, shown when no session is open: recent sessions, open a
//! file (also by typing its path, for systems without a file dialog) and the
//! sample session.

use std::path::PathBuf;

use egui::RichText;

use crate::app::{AppState, Command, Intents, Request, ViewState};
use crate::i18n::{T, tr};

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

            for command in [Command::Open, Command::OpenSample] {
                if ui.button(command.label(lang)).clicked() {
                    out.command(command);
                }
            }
            ui.add_space(12.0);

            let label = ui.label(tr(lang, T::OpenPathLabel));
            ui.horizontal(|ui| {
                let field = ui
                    .add(egui::TextEdit::singleline(&mut view.open_path).desired_width(480.0))
                    .labelled_by(label.id);
                // The screen opens with the cursor in its one field.
                if !view.start_focused {
                    view.start_focused = true;
                    field.request_focus();
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
