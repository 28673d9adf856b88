//! The shared themes view: a matrix of the themes the municipalities share
//! (most shared first) against the municipalities, where the facilitator
//! confirms, merges, renames or dismisses themes and drops one into "Wat
//! valt op?" with a single key. Detection itself lives in
//! [`crate::model::themes`]; the view keeps its result between frames.

use std::sync::Arc;

use egui::{Color32, Id, Key, RichText, TextEdit};

use crate::app::{AppState, Command, Intents, Request, ViewState};
use crate::i18n::{T, tr, trf};
use crate::model::themes::{Theme, detect_themes};
use crate::model::{Edit, OrgKind, Session};

use super::console::ACCENT;
use super::typing::{CommitField, Typed, take_typing};

/// The themes of `session`, detected once per change of what they depend
/// on (keywords, tags, organisations, the facilitator's choices) and
/// shared by the console and the projector.
#[must_use]
pub fn cached_themes(ctx: &egui::Context, session: &Session) -> Arc<Vec<Theme>> {
    let key = egui::util::hash((
        session
            .organisations
            .iter()
            .map(|o| (&o.id, o.kind))
            .collect::<Vec<_>>(),
        session
            .experiments
            .iter()
            .map(|e| {
                (
                    &e.organisation,
                    e.keywords
                        .iter()
                        .map(|k| (&k.id, &k.text, &k.tags))
                        .collect::<Vec<_>>(),
                )
            })
            .collect::<Vec<_>>(),
        &session.themes,
    ));
    let id = Id::unique("leerkring-themes");
    if let Some((cached_key, themes)) = ctx.data(|d| d.get_temp::<(u64, Arc<Vec<Theme>>)>(id))
        && cached_key == key
    {
        return themes;
    }
    let themes = Arc::new(detect_themes(session));
    ctx.data_mut(|d| d.insert_temp(id, (key, Arc::clone(&themes))));
    themes
}

/// The number of municipalities in a session.
#[must_use]
pub fn municipality_count(session: &Session) -> usize {
    session
        .organisations
        .iter()
        .filter(|o| o.kind == OrgKind::Municipality)
        .count()
}

/// The themes window, while it is open.
pub fn themes_ui(ctx: &egui::Context, state: &AppState, view: &mut ViewState, out: &mut Intents) {
    let lang = state.ui_lang;
    let themes = cached_themes(ctx, &state.session);
    let mut open = true;
    egui::Window::new(tr(lang, T::ThemesTitle))
        .id(Id::unique("themes_window"))
        .open(&mut open)
        .collapsible(false)
        .default_size([1180.0, 600.0])
        .show(ctx, |ui| {
            view_ui(ui, state, view, &themes, out);
        });
    if !open {
        out.command(Command::ShowThemes);
    }
}

fn view_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    view_state: &mut ViewState,
    themes: &[Theme],
    out: &mut Intents,
) {
    let lang = state.ui_lang;
    let view = &mut view_state.themes;
    if themes.is_empty() {
        ui.label(RichText::new(tr(lang, T::ThemesNone)).weak());
        return;
    }
    let selected = view
        .selected
        .as_ref()
        .and_then(|key| themes.iter().position(|t| &t.key == key))
        .unwrap_or(0);
    let theme = &themes[selected];
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(tr(lang, T::ThemesHelp)).small().weak());
        // The room chooses among these themes with dots on their phones.
        super::console::command_button(ui, state, view_state, Command::StartVoteThemes, out);
    });
    let view = &mut view_state.themes;
    if let Some(from) = &view.merge_from {
        let from_label = themes
            .iter()
            .find(|t| &t.key == from)
            .map_or(from.as_str(), |t| t.label.as_str());
        ui.label(
            RichText::new(trf(lang, T::ThemesMergeHint, &[("from", from_label)]))
                .strong()
                .color(ACCENT),
        );
    }

    // Keys, while no text field has the cursor.
    let typing = ui.ctx().memory(|m| m.focused().is_some());
    if view.renaming.is_none() && !typing {
        let pressed = |key: Key| ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, key));
        if pressed(Key::ArrowDown) {
            view.selected = Some(themes[(selected + 1).min(themes.len() - 1)].key.clone());
        }
        if pressed(Key::ArrowUp) {
            view.selected = Some(themes[selected.saturating_sub(1)].key.clone());
        }
        if pressed(Key::Enter) {
            match view.merge_from.take() {
                Some(from) => out.edit(Edit::MergeThemes {
                    from,
                    into: theme.key.clone(),
                }),
                None => out.request(Request::ThemeToObservations(theme.key.clone())),
            }
        }
        if pressed(Key::Space) {
            out.edit(Edit::ConfirmTheme(theme.key.clone()));
        }
        if pressed(Key::Delete) {
            out.edit(Edit::DismissTheme(theme.key.clone()));
        }
        if pressed(Key::R) {
            view.renaming = Some(theme.key.clone());
            view.label.clone_from(&theme.label);
        }
        if pressed(Key::M) {
            view.merge_from = Some(theme.key.clone());
        }
        if pressed(Key::Escape) && view.merge_from.take().is_none() {
            out.command(Command::ShowThemes);
        }
    }

    // The selected theme's actions, each a labelled button.
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(&theme.label).strong().color(ACCENT));
        let button = |ui: &mut egui::Ui, text: String, edit: Edit, out: &mut Intents| {
            if ui.button(text).clicked() {
                out.edit(edit);
            }
        };
        match &view.merge_from {
            Some(from) if *from != theme.key => {
                let from_label = themes
                    .iter()
                    .find(|t| &t.key == from)
                    .map_or(from.as_str(), |t| t.label.as_str());
                button(
                    ui,
                    trf(lang, T::CmdMergeInto, &[("from", from_label)]),
                    Edit::MergeThemes {
                        from: from.clone(),
                        into: theme.key.clone(),
                    },
                    out,
                );
            }
            _ => {
                let key = theme.key.clone();
                if ui
                    .button(format!("{} (Enter)", tr(lang, T::CmdThemeToObservations)))
                    .clicked()
                {
                    out.request(Request::ThemeToObservations(key.clone()));
                }
                button(
                    ui,
                    format!("{} (Space)", tr(lang, T::CmdConfirmTheme)),
                    Edit::ConfirmTheme(key.clone()),
                    out,
                );
                button(
                    ui,
                    format!("{} (Delete)", tr(lang, T::CmdDismissTheme)),
                    Edit::DismissTheme(key.clone()),
                    out,
                );
                if ui
                    .button(format!("{} (R)", tr(lang, T::CmdRenameTheme)))
                    .clicked()
                {
                    view.renaming = Some(key.clone());
                    view.label.clone_from(&theme.label);
                }
                if ui
                    .button(format!("{} (M)", tr(lang, T::CmdMergeTheme)))
                    .clicked()
                {
                    view.merge_from = Some(key);
                }
            }
        }
    });
    if let Some(key) = view.renaming.clone() {
        ui.horizontal(|ui| {
            let label = ui.label(tr(lang, T::ThemeLabelField));
            let id = Id::unique("theme_label_field");
            // The label is what was typed before Enter, even when more
            // keys followed in the same instant.
            let field = CommitField::single_line(id, usize::MAX);
            let committed = take_typing(ui, &field, &mut view.label)
                .into_iter()
                .find_map(|step| match step {
                    Typed::Commit(text) => Some(text),
                    Typed::Deeper | Typed::Shallower => None,
                });
            let response = ui
                .add(
                    TextEdit::singleline(&mut view.label)
                        .id(id)
                        .desired_width(320.0),
                )
                .labelled_by(label.id);
            if committed.is_none() && !response.has_focus() && !response.lost_focus() {
                response.request_focus();
            }
            if let Some(label) = committed {
                out.edit(Edit::RenameTheme { key, label });
                view.renaming = None;
                response.surrender_focus();
            } else if ui.input(|i| i.key_pressed(Key::Escape)) {
                view.renaming = None;
                response.surrender_focus();
            }
        });
    }
    ui.separator();
    matrix_ui(ui, state, view_state, themes, selected);
}

/// The matrix: one row per theme, one column per municipality; a cell
/// holds the number of keywords of that municipality in the theme.
fn matrix_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    view: &mut ViewState,
    themes: &[Theme],
    selected: usize,
) {
    let lang = state.ui_lang;
    let session = &state.session;
    let municipalities: Vec<_> = session
        .organisations
        .iter()
        .filter(|o| o.kind == OrgKind::Municipality)
        .collect();
    let total = municipalities.len().to_string();
    let mut clicked = None;
    egui::ScrollArea::both()
        .id_salt("themes_matrix")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            egui::Grid::new("themes_grid")
                .striped(true)
                .spacing([10.0, 6.0])
                .show(ui, |ui| {
                    ui.label(RichText::new(tr(lang, T::ThemeColumn)).strong());
                    ui.label("");
                    for org in &municipalities {
                        ui.label(RichText::new(&org.name).small().strong());
                    }
                    ui.end_row();
                    for (index, theme) in themes.iter().enumerate() {
                        let mut text = RichText::new(&theme.label).size(16.0);
                        if theme.confirmed {
                            text = text.strong();
                        }
                        let response = ui.selectable_label(index == selected, text);
                        let response = if theme.confirmed {
                            response.on_hover_text(tr(lang, T::ThemeConfirmed))
                        } else {
                            response
                        };
                        if response.clicked() {
                            clicked = Some(theme.key.clone());
                        }
                        if index == selected {
                            response.scroll_to_me(None);
                        }
                        let mut count = trf(
                            lang,
                            T::ThemeCount,
                            &[
                                ("n", &theme.municipalities.len().to_string()),
                                ("total", &total),
                            ],
                        );
                        if theme.confirmed {
                            count = format!("{count} ({})", tr(lang, T::ThemeConfirmed));
                        }
                        ui.label(count);
                        for org in &municipalities {
                            let keywords: Vec<&str> = session
                                .experiments
                                .iter()
                                .filter(|e| e.organisation == org.id)
                                .flat_map(|e| &e.keywords)
                                .filter(|k| theme.keywords.contains(&k.id))
                                .map(|k| k.text.as_str())
                                .collect();
                            if keywords.is_empty() {
                                ui.label(RichText::new("·").weak());
                            } else {
                                ui.label(
                                    RichText::new(format!(" {} ", keywords.len()))
                                        .strong()
                                        .color(Color32::WHITE)
                                        .background_color(heat(keywords.len())),
                                )
                                .on_hover_text(format!(
                                    "{}\n{}",
                                    trf(
                                        lang,
                                        T::ThemeCellTitle,
                                        &[("theme", &theme.label), ("org", &org.name)],
                                    ),
                                    keywords.join("\n")
                                ));
                            }
                        }
                        ui.end_row();
                    }
                });
        });
    if let Some(key) = clicked {
        let view = &mut view.themes;
        match view.merge_from.take() {
            Some(from) if from != key => {
                view.selected = Some(key);
                view.merge_from = Some(from);
            }
            _ => view.selected = Some(key),
        }
    }
}

/// The colour of a matrix cell: darker with more keywords.
fn heat(keywords: usize) -> Color32 {
    match keywords {
        1 => Color32::from_rgb(0x4A, 0x7F, 0xC1),
        2 => Color32::from_rgb(0x2A, 0x5D, 0xA8),
        _ => Color32::from_rgb(0x12, 0x3C, 0x7C),
    }
}
