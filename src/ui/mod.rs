//! Immediate-mode views. They read the session and the app's state (never
//! change them), change only their own [`ViewState`] (text being typed,
//! selections, open windows) and say what they want as [`Intents`]:
//! commands, requests and edits the app carries out after the frame. They
//! never touch the disk, start threads or read the clock.

pub mod console;
mod lists;
mod overview;
mod paste;
mod photos;
mod plan;
pub mod projector;
pub mod room;
mod series;
mod setup;
mod start;
mod templates;
pub mod theme;
pub mod themes;
mod typing;
mod widgets;

use egui::{Color32, RichText};

use crate::app::{AppState, Command, Intents, NoticeLevel, Request, Screen, View, ViewState};
use crate::i18n::{Language, T, tr, trf};
use crate::model::{AgendaKind, BlockKind, Visibility};
use crate::report::Format;

pub use overview::experiment_card_ui;

/// The whole window: menu bar, the view's tabs and status, notices, then
/// the screen's content; windows over it. The keyboard focus is kept
/// between frames: Esc never drops it, and a closed menu or window gives
/// it back.
pub fn app_ui(ui: &mut egui::Ui, state: &AppState, view: &mut ViewState, out: &mut Intents) {
    let ctx = ui.ctx().clone();
    keep_focus_ui(&ctx, view);
    egui::Panel::top("menu_bar").show(ui, |ui| {
        menu_bar_ui(ui, state, view, out);
    });
    if state.screen == Screen::Session {
        egui::Panel::top("view_bar").show(ui, |ui| {
            view_bar_ui(ui, state, view, out);
        });
    }
    if !state.notices.is_empty()
        || !state.recovery.is_empty()
        || state.read_only
        || state.changed_on_disk
    {
        egui::Panel::top("notices").show(ui, |ui| {
            recovery_ui(ui, state, out);
            notices_ui(ui, state, out);
        });
    }
    if view.history_open {
        history_ui(&ctx, state, out);
    }
    if view.export.open && state.screen == Screen::Session {
        export_ui(&ctx, state, view, out);
    }
    if state.screen == Screen::Session {
        series::series_ui(&ctx, state, out);
    }
    if view.cheat_sheet_open {
        cheat_sheet_ui(&ctx, state, out);
    }
    if view.themes.open && state.screen == Screen::Session {
        themes::themes_ui(&ctx, state, view, out);
    }
    if view.path_prompt.is_some() {
        path_prompt_ui(&ctx, state, view, out);
    }
    if state.pending_leave.is_some() {
        leave_question_ui(&ctx, state, out);
    }
    if view.new_session.is_some() {
        templates::new_session_ui(ui.ctx(), state, view, out);
    }
    if view.template_name.is_some() && state.screen == Screen::Session {
        templates::save_template_ui(ui.ctx(), state, view, out);
    }
    if view.paste.open && state.screen == Screen::Session {
        paste::paste_ui(ui.ctx(), state, view, out);
    }
    if (state.screen, view.view) == (Screen::Session, View::Console) {
        // Before the console's own panels, so it spans the window's width.
        room::room_panel_ui(ui, state, view, out);
    }
    match (state.screen, view.view) {
        (Screen::Session, View::Console) => console::console_ui(ui, state, view, out),
        (Screen::Session, View::Setup) => setup::setup_ui(ui, state, view, out),
        (Screen::Start, _) => start::start_ui(ui, state, view, out),
    }
    if state.screen == Screen::Session {
        photos::drop_hint_ui(&ctx, state);
    }
    remember_focus(&ctx, view);
}

/// At the start of a frame: egui drops the focus on Esc, and a menu entry
/// chosen by keys vanishes with its menu. The focus goes back to where it
/// was (a menu's or list's: to the widget it was opened from), so the next
/// Tab or Space never starts again at the File menu.
fn keep_focus_ui(ctx: &egui::Context, view: &ViewState) {
    if ctx.memory(egui::Memory::focused).is_some() {
        return;
    }
    let memory = &view.focus;
    let escape = ctx.input(|i| i.key_pressed(egui::Key::Escape));
    let back = if memory.last_in_popup {
        memory.anchor
    } else if escape {
        memory.last
    } else {
        None
    };
    if let Some(id) = back {
        ctx.memory_mut(|m| m.request_focus(id));
    }
}

/// At the end of a frame: where the focus is, and whether a menu or list is open.
fn remember_focus(ctx: &egui::Context, view: &mut ViewState) {
    let focused = ctx.memory(egui::Memory::focused);
    let in_popup = focused
        .and_then(|id| ctx.read_response(id))
        .is_some_and(|r| {
            matches!(
                r.layer_id.order,
                egui::Order::Foreground | egui::Order::Tooltip
            )
        });
    let memory = &mut view.focus;
    memory.last = focused;
    memory.last_in_popup = in_popup;
    if focused.is_some() && !in_popup {
        memory.anchor = focused;
    }
    memory.popup_open = egui::Popup::is_any_open(ctx);
}

/// The tabs of the session's two views (they look like tabs, not like
/// menus), then the status: title, clock, current item, schedule, saved.
fn view_bar_ui(ui: &mut egui::Ui, state: &AppState, view: &ViewState, out: &mut Intents) {
    let lang = state.ui_lang;
    ui.add_space(2.0);
    ui.horizontal(|ui| {
        for (shown, command) in [
            (View::Console, Command::ShowConsole),
            (View::Setup, Command::ShowSetup),
        ] {
            let selected = view.view == shown;
            let shortcut = command
                .shortcut()
                .map(|s| ui.ctx().format_shortcut(&s))
                .unwrap_or_default();
            let mut text = RichText::new(format!("{} ({shortcut})", command.label(lang)));
            if selected {
                text = text.strong().color(console::ACCENT);
            }
            let response = ui.add(egui::Button::selectable(selected, text).frame(true));
            if selected {
                let rect = response.rect;
                ui.painter().hline(
                    rect.x_range(),
                    rect.bottom() + 1.0,
                    egui::Stroke::new(3.0, console::ACCENT),
                );
            }
            if response.clicked() && !selected {
                out.command(command);
            }
        }
        ui.separator();
        console::status_ui(ui, state);
    });
    ui.add_space(2.0);
}

fn menu_bar_ui(ui: &mut egui::Ui, state: &AppState, view: &ViewState, out: &mut Intents) {
    let lang = state.ui_lang;
    let session_open = state.screen == Screen::Session;
    let entry = |ui: &mut egui::Ui, command: Command, out: &mut Intents| {
        command_entry(ui, state, view, command, None, out);
    };
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button(tr(lang, T::MenuFile), |ui| {
            entry(ui, Command::NewSession, out);
            if session_open {
                follow_up_entry(ui, state, out);
                entry(ui, Command::NewFromThis, out);
                entry(ui, Command::SaveAsTemplate, out);
            }
            entry(ui, Command::Open, out);
            entry(ui, Command::OpenSample, out);
            let lists: Vec<_> = state
                .recent
                .iter()
                .chain(state.listed_sessions.iter())
                .collect();
            if !lists.is_empty() {
                ui.menu_button(tr(lang, T::RecentSessions), |ui| {
                    for path in lists {
                        let request = Request::OpenPath(path.clone());
                        if ui.button(request.label(lang)).clicked() {
                            out.request(request);
                            ui.close();
                        }
                    }
                });
            }
            if session_open {
                for command in [
                    Command::Save,
                    Command::SaveAs,
                    Command::ShowHistory,
                    Command::ShowSeries,
                    Command::ShowExport,
                    Command::AddPhoto,
                ] {
                    entry(ui, command, out);
                }
            }
            ui.separator();
            entry(ui, Command::Quit, out);
        });
        if session_open {
            ui.menu_button(tr(lang, T::MenuEdit), |ui| {
                entry(ui, Command::Undo, out);
                entry(ui, Command::Redo, out);
                ui.separator();
                entry(ui, Command::Find, out);
                entry(ui, Command::ShowThemes, out);
                ui.separator();
                entry(ui, Command::ShowConsole, out);
                entry(ui, Command::ShowSetup, out);
                entry(ui, Command::ShowPaste, out);
            });
            ui.menu_button(tr(lang, T::MenuAgenda), |ui| {
                for command in [
                    Command::StartPause,
                    Command::NextItem,
                    Command::PreviousItem,
                    Command::NextSpeaker,
                    Command::SkipSpeaker,
                    Command::FinishAgenda,
                    Command::AddItem,
                ] {
                    entry(ui, command, out);
                }
                ui.separator();
                for command in [Command::OpenRoom, Command::FocusInbox, Command::CloseRoom] {
                    entry(ui, command, out);
                }
                ui.separator();
                for command in [
                    Command::StartVoteThemes,
                    Command::StartVoteBlock,
                    Command::CloseVote,
                    Command::CancelVote,
                ] {
                    entry(ui, command, out);
                }
            });
            ui.menu_button(tr(lang, T::MenuProjector), |ui| {
                projector_menu_ui(ui, state, view, out);
            });
        }
        ui.menu_button(tr(lang, T::MenuLanguage), |ui| {
            for choice in Language::ALL {
                let request = Request::SetUiLanguage(choice);
                if ui
                    .radio(state.ui_lang == choice, request.label(lang))
                    .clicked()
                {
                    out.request(request);
                    ui.close();
                }
            }
        });
        ui.menu_button(tr(lang, T::MenuHelp), |ui| {
            entry(ui, Command::CheatSheet, out);
        });
        busy_ui(ui, state);
    });
}

/// The Projector menu: the window, black, white, freeze, the modes and the
/// beamer colours, each with its key (the same as the beamer panel).
fn projector_menu_ui(ui: &mut egui::Ui, state: &AppState, view: &ViewState, out: &mut Intents) {
    let p = &state.projector;
    let mut entry = |ui: &mut egui::Ui, command: Command, on: Option<bool>| {
        command_entry(ui, state, view, command, on, out);
    };
    entry(ui, Command::ToggleProjector, Some(p.open));
    entry(ui, Command::ProjectorFullscreen, Some(p.fullscreen));
    entry(ui, Command::ProjectorHome, None);
    entry(ui, Command::ProjectorNextMonitor, None);
    ui.separator();
    for command in beamer_commands() {
        entry(ui, command, Some(beamer_command_on(state, command)));
    }
    ui.separator();
    let chosen = p.mode_override;
    for mode in std::iter::once(None).chain(crate::app::projector::ProjectorMode::ALL.map(Some)) {
        entry(ui, Command::for_mode(mode), Some(chosen == mode));
    }
    entry(ui, Command::NextProjectorPage, None);
    ui.separator();
    entry(ui, Command::ToggleProjectorHeader, Some(p.show_header));
    entry(ui, Command::ToggleTitleMarker, Some(p.title_marker));
}

/// The beamer's own controls, in panel and menu order: black, white,
/// freeze, then the three beamer colours.
#[must_use]
pub fn beamer_commands() -> [Command; 6] {
    [
        Command::ProjectorBlack,
        Command::ProjectorWhite,
        Command::ProjectorFreeze,
        Command::ThemeLight,
        Command::ThemeDark,
        Command::ThemeHighContrast,
    ]
}

/// Whether a beamer control is switched on now (black, frozen, the colours chosen).
#[must_use]
pub fn beamer_command_on(state: &AppState, command: Command) -> bool {
    use crate::app::projector::{BeamerTheme, Blank};
    let p = &state.projector;
    match command {
        Command::ProjectorBlack => p.blank == Blank::Black,
        Command::ProjectorWhite => p.blank == Blank::White,
        Command::ProjectorFreeze => p.frozen.is_some(),
        Command::ThemeLight => p.theme == BeamerTheme::Light,
        Command::ThemeDark => p.theme == BeamerTheme::Dark,
        Command::ThemeHighContrast => p.theme == BeamerTheme::HighContrast,
        _ => false,
    }
}

/// What runs in the background (opening, saving, reading), at the right
/// end of the menu bar, with a spinner.
fn busy_ui(ui: &mut egui::Ui, state: &AppState) {
    let Some(first) = state.busy.first() else {
        return;
    };
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
        ui.label(first.label(state.ui_lang));
        ui.spinner();
    });
}

/// "New follow-up session…": straight to the one planned meeting, or a
/// submenu to choose among several; disabled when none is planned.
fn follow_up_entry(ui: &mut egui::Ui, state: &AppState, out: &mut Intents) {
    let lang = state.ui_lang;
    let meetings = &state.session.synthesis.next_meetings;
    let label = Request::NewFollowUp(0).label(lang);
    match meetings.len() {
        0 => {
            ui.add_enabled(false, egui::Button::new(label))
                .on_disabled_hover_text(tr(lang, T::SeriesNoPlannedMeeting));
        }
        1 => {
            if ui
                .button(&label)
                .on_hover_text(tr(lang, T::TipNewFollowUp))
                .clicked()
            {
                out.request(Request::NewFollowUp(0));
                ui.close();
            }
        }
        _ => {
            ui.menu_button(label, |ui| {
                for (index, meeting) in meetings.iter().enumerate() {
                    let when = meeting
                        .when
                        .map(|w| crate::i18n::format_planned_date(lang, w))
                        .unwrap_or_default();
                    let text = format!("{}. {when} — {}", index + 1, meeting.theme.trim());
                    if ui
                        .add(egui::Button::new(text).truncate())
                        .on_hover_text(tr(lang, T::TipNewFollowUp))
                        .clicked()
                    {
                        out.request(Request::NewFollowUp(index));
                        ui.close();
                    }
                }
            });
        }
    }
}

/// "saved 14:32", "not saved" or, for an untouched session, "no changes".
#[must_use]
pub fn save_state_text(state: &AppState) -> String {
    let lang = state.ui_lang;
    // An untitled session is only a recovery copy until it has a name.
    if state.file.is_none() && state.screen == Screen::Session {
        return tr(lang, T::NotSavedUnderName).to_owned();
    }
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

/// A menu entry for a command, with its shortcut shown beside it; greyed
/// out while the command cannot act, marked while it is switched on
/// (`on`). Choosing it (by mouse or keys) closes the menu.
fn command_entry(
    ui: &mut egui::Ui,
    state: &AppState,
    view: &ViewState,
    command: Command,
    on: Option<bool>,
    out: &mut Intents,
) {
    let lang = state.ui_lang;
    let mut button = egui::Button::new(command.label(lang));
    if let Some(on) = on {
        button = button.selected(on);
    }
    if let Some(shortcut) = command.shortcut() {
        button = button.shortcut_text(ui.ctx().format_shortcut(&shortcut));
    }
    let mut response = ui.add_enabled(command.enabled(state, view), button);
    if let Some(tip) = command.tooltip(lang) {
        response = response.on_hover_text(tip);
    }
    if response.clicked() {
        out.command(command);
        ui.close();
    }
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

/// The standard heading of a synthesis block in `lang`.
#[must_use]
pub fn block_label(lang: Language, block: BlockKind) -> String {
    tr(
        lang,
        match block {
            BlockKind::Observations => T::BlockObservations,
            BlockKind::Opportunities => T::BlockOpportunities,
            BlockKind::FollowUp => T::BlockFollowUp,
            BlockKind::Proposals => T::BlockProposals,
            BlockKind::Decisions => T::BlockDecisions,
            BlockKind::OpenQuestions => T::BlockOpenQuestions,
        },
    )
    .to_owned()
}

/// "private", "report" or "projector" in `lang`.
#[must_use]
pub fn visibility_label(lang: Language, visibility: Visibility) -> &'static str {
    tr(
        lang,
        match visibility {
            Visibility::Private => T::VisibilityPrivate,
            Visibility::Report => T::VisibilityReport,
            Visibility::Projector => T::VisibilityProjector,
        },
    )
}

/// The keyboard cheat sheet: every key by group (meeting, beamer, typing,
/// file), in two columns where there is room, scrolling on a small screen.
fn cheat_sheet_ui(ctx: &egui::Context, state: &AppState, out: &mut Intents) {
    let lang = state.ui_lang;
    let screen = ctx.content_rect();
    let max_height = (screen.height() - 90.0).max(240.0);
    let max_width = (screen.width() - 40.0).max(320.0);
    let mut open = true;
    egui::Window::new(tr(lang, T::CheatSheetTitle))
        .id(egui::Id::unique("cheat_sheet_window"))
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .default_width(max_width.min(1120.0))
        .max_width(max_width)
        .max_height(max_height)
        .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 36.0))
        .show(ctx, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("cheat_sheet_scroll")
                .max_height(max_height - 48.0)
                .min_scrolled_height((max_height - 48.0).min(900.0))
                .show(ui, |ui| {
                    let rows = cheat_sheet_rows();
                    let groups: Vec<_> = crate::app::Group::ALL
                        .into_iter()
                        .map(|g| (g, rows.iter().filter(|(r, _)| *r == g).count()))
                        .collect();
                    // Two columns of about equal length, split between groups.
                    let total: usize = groups.iter().map(|(_, n)| n + 1).sum();
                    let mut split = groups.len();
                    let mut running = 0;
                    for (index, (_, n)) in groups.iter().enumerate() {
                        running += n + 1;
                        if running * 2 >= total {
                            split = index + 1;
                            break;
                        }
                    }
                    let group_ui = |ui: &mut egui::Ui, group: crate::app::Group| {
                        ui.label(RichText::new(group.label(lang)).strong().size(17.0));
                        egui::Grid::new(("cheat_sheet", group.label(crate::i18n::Language::En)))
                            .num_columns(2)
                            .striped(true)
                            .spacing([20.0, 3.0])
                            .show(ui, |ui| {
                                for (_, command) in rows.iter().filter(|(g, _)| *g == group) {
                                    let keys: Vec<String> = command
                                        .spec()
                                        .keys
                                        .iter()
                                        .map(|s| ctx.format_shortcut(s))
                                        .collect();
                                    ui.label(RichText::new(keys.join(" / ")).monospace());
                                    ui.add(egui::Label::new(command.label(lang)).wrap());
                                    ui.end_row();
                                }
                            });
                        ui.add_space(8.0);
                    };
                    if ui.available_width() >= 880.0 {
                        ui.columns(2, |columns| {
                            for (index, (group, _)) in groups.iter().enumerate() {
                                let column = usize::from(index >= split);
                                group_ui(&mut columns[column], *group);
                            }
                        });
                    } else {
                        for (group, _) in &groups {
                            group_ui(ui, *group);
                        }
                    }
                    ui.add(egui::Label::new(tr(lang, T::CheatSheetTyping)).wrap());
                    widgets::follow_focus(ui);
                });
        });
    if !open {
        out.command(Command::CheatSheet);
    }
}

/// "No file chooser on this system": the path is typed instead.
fn path_prompt_ui(ctx: &egui::Context, state: &AppState, view: &mut ViewState, out: &mut Intents) {
    use crate::app::{FocusTarget, PathPurpose};
    let lang = state.ui_lang;
    let Some(prompt) = view.path_prompt.clone() else {
        return;
    };
    let (title, label, button) = match prompt.purpose {
        PathPurpose::Open => (T::CmdOpen, T::PathOpenLabel, T::OpenPathButton),
        PathPurpose::SaveAs => (T::CmdSaveAs, T::PathSaveAsLabel, T::CmdSave),
        PathPurpose::ExportFolder => (T::CmdPickFolder, T::PathFolderLabel, T::PathUseFolder),
        PathPurpose::Photos => (T::CmdAddPhoto, T::PathPhotosLabel, T::CmdAddPhoto),
    };
    let mut open = true;
    let mut text = prompt.text.clone();
    let mut confirmed = false;
    egui::Window::new(tr(lang, title).trim_end_matches('…'))
        .id(egui::Id::unique("path_prompt_window"))
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .default_width(620.0)
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ctx, |ui| {
            ui.add(egui::Label::new(tr(lang, T::NoFileDialogHere)).wrap());
            ui.add_space(6.0);
            let label = ui.label(tr(lang, label));
            let response = ui
                .add(
                    egui::TextEdit::singleline(&mut text)
                        .return_key(None)
                        .desired_width(ui.available_width().min(600.0)),
                )
                .labelled_by(label.id);
            if view.take_focus_target(&FocusTarget::PathPrompt) {
                response.request_focus();
            }
            let entered = response.has_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                let ready = !text.trim().is_empty();
                if ui
                    .add_enabled(ready, egui::Button::new(tr(lang, button)))
                    .clicked()
                    || (entered && ready)
                {
                    confirmed = true;
                }
                if ui.button(tr(lang, T::LeaveCancel)).clicked() {
                    out.request(Request::CancelPathPrompt);
                }
            });
        });
    if let Some(prompt) = view.path_prompt.as_mut() {
        prompt.text.clone_from(&text);
    }
    if !open {
        out.request(Request::CancelPathPrompt);
    }
    if confirmed {
        let path = std::path::PathBuf::from(text.trim());
        match prompt.purpose {
            PathPurpose::Open => {
                view.path_prompt = None;
                out.request(Request::OpenPath(path));
            }
            PathPurpose::SaveAs => out.request(Request::SaveAsPath(path)),
            PathPurpose::ExportFolder => {
                text.trim().clone_into(&mut view.export.folder);
                view.path_prompt = None;
            }
            PathPurpose::Photos => {
                let paths = text
                    .split(';')
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .map(std::path::PathBuf::from)
                    .collect();
                out.request(Request::ImportPhotos(paths));
            }
        }
    }
}

/// The cheat sheet's rows: every command with a shortcut, grouped (the
/// meeting first), each group in command order.
#[must_use]
pub fn cheat_sheet_rows() -> Vec<(crate::app::Group, Command)> {
    crate::app::Group::ALL
        .into_iter()
        .flat_map(|group| {
            Command::ALL
                .iter()
                .filter(move |c| c.spec().group == group && !c.spec().keys.is_empty())
                .map(move |&c| (group, c))
        })
        .collect()
}

/// Asks what to do with unsaved changes before leaving the session.
fn leave_question_ui(ctx: &egui::Context, state: &AppState, out: &mut Intents) {
    let lang = state.ui_lang;
    egui::Modal::new(egui::Id::unique("leave_question")).show(ctx, |ui| {
        ui.set_max_width(460.0);
        ui.heading(tr(lang, T::LeaveTitle));
        let explanation = if state.file.is_none() {
            T::LeaveUntitled
        } else {
            T::LeaveSaveFailed
        };
        ui.add(egui::Label::new(tr(lang, explanation)).wrap());
        ui.add_space(8.0);
        let second = if state.file.is_none() {
            Command::LeaveKeepRecovery
        } else {
            Command::LeaveDiscard
        };
        ui.horizontal(|ui| {
            for (index, command) in [Command::LeaveSaveAs, second, Command::LeaveCancel]
                .into_iter()
                .enumerate()
            {
                let button = ui.button(command.label(lang));
                // Keyboard first: the first answer has the focus, Tab moves
                // on, Enter or Space answers.
                if index == 0 && ui.memory(|m| m.focused().is_none()) {
                    button.request_focus();
                }
                if button.clicked() {
                    out.command(command);
                }
            }
        });
        if ui.input(|i| i.key_pressed(egui::Key::Escape)) {
            out.command(Command::LeaveCancel);
        }
    });
}

/// A banner in the notices strip: never takes the keyboard focus.
fn banner(ui: &mut egui::Ui, level: NoticeLevel, content: impl FnOnce(&mut egui::Ui)) {
    let (fill, stroke) = match level {
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
            content(ui);
        });
}

/// Newer copies found after an unclean exit, and the read-only offer.
fn recovery_ui(ui: &mut egui::Ui, state: &AppState, out: &mut Intents) {
    let lang = state.ui_lang;
    for (index, candidate) in state.recovery.iter().enumerate() {
        banner(ui, NoticeLevel::Info, |ui| {
            ui.label(
                RichText::new(tr(lang, T::RecoveryTitle))
                    .strong()
                    .color(Color32::BLACK),
            );
            ui.label(
                RichText::new(trf(
                    lang,
                    T::RecoveryOffer,
                    &[
                        ("title", &candidate.title),
                        ("detail", &candidate.summary(lang)),
                    ],
                ))
                .color(Color32::BLACK),
            );
            ui.horizontal(|ui| {
                for request in [Request::Recover(index), Request::DismissRecovery(index)] {
                    if ui.button(request.label(lang)).clicked() {
                        out.request(request);
                    }
                }
            });
        });
    }
    // One banner says it all: why the session is read-only (or unprotected)
    // and the way out.
    if state.screen != Screen::Session {
        return;
    }
    if let Some(detail) = &state.unprotected {
        let buttons = [Command::ContinueUnprotected];
        guard_banner_ui(
            ui,
            lang,
            tr(lang, T::UnprotectedTitle),
            detail,
            &buttons,
            out,
        );
    } else if state.read_only {
        banner(ui, NoticeLevel::Info, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    RichText::new(tr(lang, T::ReadOnlyTitle))
                        .strong()
                        .color(Color32::BLACK),
                );
                let file = state
                    .file
                    .as_ref()
                    .map(|f| f.display().to_string())
                    .unwrap_or_default();
                ui.label(
                    RichText::new(trf(lang, T::ReadOnlyInUse, &[("file", &file)]))
                        .color(Color32::BLACK),
                );
                if ui.button(Command::WorkInCopy.label(lang)).clicked() {
                    out.command(Command::WorkInCopy);
                }
            });
        });
    }
    if state.changed_on_disk {
        let file = state
            .file
            .as_ref()
            .and_then(|f| f.file_name())
            .map(|n| crate::model::clean::one_line(&n.to_string_lossy(), 80))
            .unwrap_or_default();
        let title = trf(lang, T::ChangedOnDiskTitle, &[("file", &file)]);
        let buttons = [
            Command::OverwriteChangedFile,
            Command::ReloadChangedFile,
            Command::SaveAs,
        ];
        let detail = tr(lang, T::ChangedOnDiskDetail);
        guard_banner_ui(ui, lang, &title, detail, &buttons, out);
    }
}

/// A banner about the session's file that waits for the facilitator's
/// choice: a title, what it means, and a button per choice.
fn guard_banner_ui(
    ui: &mut egui::Ui,
    lang: Language,
    title: &str,
    detail: &str,
    buttons: &[Command],
    out: &mut Intents,
) {
    banner(ui, NoticeLevel::Error, |ui| {
        ui.label(RichText::new(title).strong().color(Color32::BLACK));
        ui.label(RichText::new(detail).color(Color32::BLACK));
        ui.horizontal(|ui| {
            for &command in buttons {
                let mut button = ui.button(command.label(lang));
                if let Some(tip) = command.spec().tooltip {
                    button = button.on_hover_text(tr(lang, tip));
                }
                if button.clicked() {
                    out.command(command);
                }
            }
        });
    });
}

/// The export dialog: formats, public variant, folder; then open the result.
fn export_ui(ctx: &egui::Context, state: &AppState, view: &mut ViewState, out: &mut Intents) {
    let lang = state.ui_lang;
    let facilitator = state.session.header.facilitator.clone();
    let mut open = true;
    egui::Window::new(tr(lang, T::ExportTitle))
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .default_width(520.0)
        // Held at the top: when the list of replacements appears, the
        // dialog grows downwards and the checkbox just clicked stays put.
        .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 60.0))
        .show(ctx, |ui| {
            let focus_first = view.take_focus_target(&crate::app::FocusTarget::Export);
            let export = &mut view.export;
            ui.label(RichText::new(tr(lang, T::ExportFormats)).strong());
            for (index, (on, format)) in export.formats.iter_mut().zip(Format::ALL).enumerate() {
                let key = match format {
                    Format::Docx => T::ExportDocx,
                    Format::Pdf => T::ExportPdf,
                    Format::Html => T::ExportHtml,
                    Format::Markdown => T::ExportMarkdown,
                };
                let response = ui.checkbox(on, tr(lang, key));
                if index == 0 && focus_first {
                    response.request_focus();
                }
            }
            ui.add_space(6.0);
            ui.checkbox(&mut export.public, tr(lang, T::ExportPublic));
            if export.public {
                ui.checkbox(&mut export.photos_in_public, tr(lang, T::ExportPhotos));
                if let Some(preview) = &export.preview {
                    replacements_ui(ui, &preview.replacements, lang);
                }
            }
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                let label = ui.label(tr(lang, T::ExportFolder));
                ui.add(egui::TextEdit::singleline(&mut export.folder).desired_width(300.0))
                    .labelled_by(label.id);
                if ui.button(Command::PickExportFolder.label(lang)).clicked() {
                    out.command(Command::PickExportFolder);
                }
            });
            if !export.public {
                ui.horizontal(|ui| {
                    let label = ui.label(tr(lang, T::ExportAuthor));
                    ui.add(
                        egui::TextEdit::singleline(&mut export.author)
                            .hint_text(facilitator.as_str())
                            .desired_width(300.0),
                    )
                    .labelled_by(label.id)
                    .on_hover_text(tr(lang, T::ExportAuthorHint));
                });
            }
            ui.label(
                RichText::new(tr(lang, T::ExportSessionLanguage))
                    .small()
                    .weak(),
            );
            ui.add_space(8.0);
            let has_format = export.formats.iter().any(|on| *on);
            ui.horizontal(|ui| {
                let ready = has_format && export.running.is_none();
                if ui
                    .add_enabled(ready, egui::Button::new(Command::ExportNow.label(lang)))
                    .clicked()
                {
                    out.command(Command::ExportNow);
                }
                if !has_format {
                    ui.label(RichText::new(tr(lang, T::ExportNoFormat)).weak());
                }
                if export.running.is_some() {
                    ui.spinner();
                    ui.label(tr(lang, T::ExportRunning));
                }
            });
            if let Some(result) = &export.result {
                ui.separator();
                if !result.written.is_empty() {
                    let count = result.written.len();
                    let key = if count == 1 {
                        T::ExportDoneOne
                    } else {
                        T::ExportDoneMany
                    };
                    ui.label(trf(lang, key, &[("n", &count.to_string())]));
                }
                for file in &result.written {
                    let name = file.file_name().map_or_else(
                        || file.display().to_string(),
                        |n| n.to_string_lossy().into_owned(),
                    );
                    ui.horizontal(|ui| {
                        ui.label(RichText::new(&name).monospace());
                        let open = Request::OpenReport(file.clone());
                        if ui
                            .button(format!("{} ({name})", open.label(lang)))
                            .clicked()
                        {
                            out.request(open);
                        }
                        if let Some(folder) = file.parent() {
                            let show = Request::ShowInFolder(folder.to_path_buf());
                            if ui
                                .button(format!("{} ({name})", show.label(lang)))
                                .clicked()
                            {
                                out.request(show);
                            }
                        }
                    });
                }
                for error in &result.errors {
                    ui.label(
                        RichText::new(format!("{}: {error}", tr(lang, T::ExportFailed)))
                            .color(console::OVER),
                    );
                }
                for note in &result.notes {
                    ui.label(RichText::new(note).color(console::OVER));
                }
            }
        });
    if !open {
        view.export.open = false;
    }
    if view.export.running.is_some() {
        // Keep the spinner turning and pick up the result.
        ctx.request_repaint_after(std::time::Duration::from_millis(100));
    }
}

/// The public variant's replacements, before anything is written.
fn replacements_ui(ui: &mut egui::Ui, list: &[crate::report::Replacement], lang: Language) {
    ui.add_space(4.0);
    if list.is_empty() {
        ui.label(RichText::new(tr(lang, T::PublicNothingReplaced)).weak());
        return;
    }
    ui.label(RichText::new(tr(lang, T::PublicReplacedHeading)).strong());
    egui::ScrollArea::vertical()
        .id_salt("public_replacements")
        .max_height(180.0)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            for r in list {
                let times = if r.count > 1 {
                    format!(" ({}×)", r.count)
                } else {
                    String::new()
                };
                ui.label(format!("{} → {}{times}", r.found, r.shown));
            }
        });
    ui.label(
        RichText::new(tr(lang, T::PublicReplacementsNote))
            .small()
            .weak(),
    );
}

/// The version history: restore an earlier version as an undoable change.
fn history_ui(ctx: &egui::Context, state: &AppState, out: &mut Intents) {
    let lang = state.ui_lang;
    let mut open = true;
    egui::Window::new(tr(lang, T::HistoryTitle))
        .open(&mut open)
        .collapsible(false)
        .default_width(560.0)
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ctx, |ui| {
            if state.busy.contains(&crate::app::jobs::JobKind::History) {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(tr(lang, T::HistoryLoading));
                });
                return;
            }
            if state.snapshots.is_empty() {
                ui.label(tr(lang, T::HistoryEmpty));
                return;
            }
            egui::ScrollArea::vertical()
                .max_height(480.0)
                .show(ui, |ui| {
                    egui::Grid::new("history_grid")
                        .num_columns(3)
                        .striped(true)
                        .spacing([16.0, 6.0])
                        .show(ui, |ui| {
                            for snapshot in &state.snapshots {
                                let time =
                                    snapshot.taken_at.format("%d-%m-%Y %H:%M:%S").to_string();
                                ui.label(RichText::new(&time).monospace());
                                ui.label(format!(
                                    "{} · {}",
                                    snapshot.title,
                                    snapshot.summary(lang)
                                ));
                                let request = Request::RestoreVersion(snapshot.path.clone());
                                if ui
                                    .button(format!("{} ({time})", request.label(lang)))
                                    .clicked()
                                {
                                    out.request(request);
                                }
                                ui.end_row();
                            }
                        });
                });
        });
    if !open {
        out.command(Command::ShowHistory);
    }
}

fn notices_ui(ui: &mut egui::Ui, state: &AppState, out: &mut Intents) {
    let lang = state.ui_lang;
    for (index, notice) in state.notices.iter().enumerate() {
        banner(ui, notice.level, |ui| {
            ui.horizontal(|ui| {
                ui.vertical(|ui| {
                    ui.label(RichText::new(&notice.title).strong().color(Color32::BLACK));
                    if !notice.detail.is_empty() {
                        ui.label(RichText::new(&notice.detail).color(Color32::BLACK));
                    }
                });
                ui.with_layout(egui::Layout::right_to_left(egui::Align::TOP), |ui| {
                    // The banner never takes the keyword field's focus: it
                    // is dismissed with the mouse when it suits the user.
                    if ui.button(tr(lang, T::Dismiss)).clicked() {
                        out.request(Request::DismissNotice(index));
                    }
                });
            });
        });
    }
}
