//! The start screen, shown when no session is open: recent sessions, open a
//! file (also by typing its path, for systems without a file dialog) and the
//! sample session.

use std::path::PathBuf;

use egui::RichText;

use crate::app::{AppState, Command};
use crate::i18n::{T, tr};

/// The start screen.
pub fn start_ui(ui: &mut egui::Ui, state: &mut AppState, commands: &mut Vec<Command>) {
    let lang = state.ui_lang;
    egui::CentralPanel::default().show(ui, |ui| {
        ui.add_space(24.0);
        ui.vertical_centered(|ui| {
            ui.set_max_width(640.0);
            ui.heading(tr(lang, T::StartTitle));
            ui.label(tr(lang, T::StartIntro));
            ui.add_space(16.0);

            if ui.button(Command::Open.label(lang)).clicked() {
                commands.push(Command::Open);
            }
            if ui.button(Command::OpenSample.label(lang)).clicked() {
                commands.push(Command::OpenSample);
            }
            ui.add_space(12.0);

            let label = ui.label(tr(lang, T::OpenPathLabel));
            ui.horizontal(|ui| {
                let field = ui
                    .add(
                        egui::TextEdit::singleline(&mut state.open_path_buffer)
                            .desired_width(480.0),
                    )
                    .labelled_by(label.id);
                let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                let path = state.open_path_buffer.trim();
                if (ui.button(tr(lang, T::OpenPathButton)).clicked() || entered) && !path.is_empty()
                {
                    commands.push(Command::OpenPath(PathBuf::from(path)));
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
                        commands.push(Command::OpenPath(path.clone()));
                    }
                }
            }
        });
    });
}
