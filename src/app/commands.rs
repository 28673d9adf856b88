//! Everything the user can ask the app to do. Each command owns its label and
//! shortcut, so menus, buttons, the cheat sheet and the keys always agree.

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::i18n::{Language, T, tr};

/// A request from the UI, carried out by the app after the UI pass.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Choose a session file to open.
    Open,
    /// Open the bundled sample session as an untitled copy.
    OpenSample,
    /// Open a session from the recent list.
    OpenRecent(PathBuf),
    /// Save now.
    Save,
    /// Quit the app (saving first).
    Quit,
    /// Switch the user interface language.
    SetUiLanguage(Language),
    /// Hide the notice with this index.
    DismissNotice(usize),
}

impl Command {
    /// The commands that have a keyboard shortcut, for key handling.
    pub const WITH_SHORTCUTS: [Command; 3] = [Command::Open, Command::Save, Command::Quit];

    /// The label in menus and on buttons.
    #[must_use]
    pub fn label(&self, lang: Language) -> String {
        match self {
            Command::Open => tr(lang, T::CmdOpen).to_owned(),
            Command::OpenSample => tr(lang, T::CmdOpenSample).to_owned(),
            Command::OpenRecent(path) => path.display().to_string(),
            Command::Save => tr(lang, T::CmdSave).to_owned(),
            Command::Quit => tr(lang, T::CmdQuit).to_owned(),
            Command::SetUiLanguage(Language::Nl) => tr(lang, T::LanguageNl).to_owned(),
            Command::SetUiLanguage(Language::En) => tr(lang, T::LanguageEn).to_owned(),
            Command::DismissNotice(_) => tr(lang, T::Dismiss).to_owned(),
        }
    }

    /// The keyboard shortcut, if the command has one.
    #[must_use]
    pub fn shortcut(&self) -> Option<KeyboardShortcut> {
        match self {
            Command::Open => Some(KeyboardShortcut::new(Modifiers::COMMAND, Key::O)),
            Command::Save => Some(KeyboardShortcut::new(Modifiers::COMMAND, Key::S)),
            Command::Quit => Some(KeyboardShortcut::new(Modifiers::COMMAND, Key::Q)),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortcuts_are_distinct_and_labelled() {
        let mut seen = Vec::new();
        for cmd in Command::WITH_SHORTCUTS {
            let shortcut = cmd.shortcut().expect("listed commands have a shortcut");
            assert!(!seen.contains(&shortcut), "{cmd:?} repeats a shortcut");
            seen.push(shortcut);
            for lang in Language::ALL {
                assert!(!cmd.label(lang).is_empty());
            }
        }
    }
}
