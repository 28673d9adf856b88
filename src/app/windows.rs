//! The windows over the console (cheat sheet, find bar, earlier versions,
//! export, series, themes, "type a path"): which are open and in what
//! order, so Esc closes the topmost one and the keyboard focus goes back to
//! where it was before that window opened.

use super::views::{FocusTarget, Window};
use super::{AppState, LeerkringApp, Screen, View, ViewState};

/// Every window, in no particular order.
const ALL: [Window; 7] = [
    Window::CheatSheet,
    Window::Find,
    Window::History,
    Window::Export,
    Window::Series,
    Window::Themes,
    Window::PathPrompt,
];

/// Whether `window` is shown now.
#[must_use]
pub fn is_open(window: Window, state: &AppState, view: &ViewState) -> bool {
    let session = state.screen == Screen::Session;
    match window {
        Window::CheatSheet => view.cheat_sheet_open,
        Window::Find => session && view.view == View::Console && view.capture.find_open,
        Window::History => view.history_open,
        Window::Export => session && view.export.open,
        Window::Series => session && state.series.is_some(),
        Window::Themes => session && view.themes.open,
        Window::PathPrompt => view.path_prompt.is_some(),
    }
}

/// The window Esc closes: the one opened last of those still open.
#[must_use]
pub fn topmost(state: &AppState, view: &ViewState) -> Option<Window> {
    let listed = view
        .focus
        .windows
        .iter()
        .rev()
        .map(|(w, _)| *w)
        .find(|w| is_open(*w, state, view));
    // A window opened some other way than through the list is still closed by Esc.
    listed.or_else(|| ALL.into_iter().find(|w| is_open(*w, state, view)))
}

impl LeerkringApp {
    /// Closes `window` (its own close button or Esc).
    fn close_window_kind(&mut self, window: Window) {
        match window {
            Window::CheatSheet => self.view.cheat_sheet_open = false,
            Window::Find => self.view.capture.find_open = false,
            Window::History => self.view.history_open = false,
            Window::Export => self.view.export.open = false,
            Window::Series => self.state.series = None,
            Window::Themes => {
                let themes = &mut self.view.themes;
                themes.open = false;
                themes.merge_from = None;
                themes.renaming = None;
            }
            Window::PathPrompt => {
                if self.view.path_prompt.take().is_some() {
                    // A "save as" waiting for the path is given up.
                    self.after_save_as = None;
                }
            }
        }
    }

    /// Esc: closes the topmost window; the focus goes back to where it was.
    pub(super) fn close_topmost_window(&mut self, ctx: &egui::Context) {
        if let Some(window) = topmost(&self.state, &self.view) {
            self.close_window_kind(window);
            self.sync_windows(ctx);
        }
    }

    /// Keeps the list of open windows in step with what is shown: a window
    /// that opened is added with the focus it interrupted; one that closed
    /// (by Esc, its close button, its command) gives that focus back.
    pub(super) fn sync_windows(&mut self, ctx: &egui::Context) {
        let mut closed_focus = None;
        let state = &self.state;
        let view = &self.view;
        let mut windows = view.focus.windows.clone();
        // The focus goes back when the topmost window closed.
        if let Some((window, focus)) = windows.last()
            && !is_open(*window, state, view)
        {
            closed_focus = Some(*focus);
        }
        windows.retain(|(window, _)| is_open(*window, state, view));
        // The focus a new window interrupted (a menu entry is gone once the
        // menu closed: then the widget the menu was opened from).
        let interrupted = if view.focus.last_in_popup {
            view.focus.anchor
        } else {
            view.focus.last
        };
        let mut targets = Vec::new();
        for window in ALL {
            if is_open(window, state, view) && !windows.iter().any(|(w, _)| *w == window) {
                windows.push((window, interrupted));
                // A window with a field opens with the cursor in it; the
                // others keep it where it was (their keys are global).
                let target = match window {
                    Window::Export => Some(FocusTarget::Export),
                    Window::PathPrompt => Some(FocusTarget::PathPrompt),
                    Window::CheatSheet
                    | Window::Find
                    | Window::History
                    | Window::Series
                    | Window::Themes => None,
                };
                targets.extend(target);
            }
        }
        for target in targets {
            self.view.focus_on(target);
        }
        self.view.focus.windows = windows;
        if let Some(focus) = closed_focus {
            match focus {
                Some(id) => ctx.memory_mut(|m| m.request_focus(id)),
                None if self.state.screen == Screen::Session && self.view.view == View::Console => {
                    self.view.capture.focus_request = Some(super::Field::Keyword);
                }
                None => {}
            }
        }
    }
}
