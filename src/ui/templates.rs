//! A new meeting: the template chooser (Ctrl+N, the start screen's "Nieuwe
//! bijeenkomst") and the small dialog that saves a session as a template.
//! Keyboard first: ↑/↓ choose, Enter makes the meeting, Esc closes.

use egui::{Key, Modifiers, RichText};

use crate::app::{AppState, Command, Intents, Request, ViewState};
use crate::i18n::{T, tr, trf};

/// The template chooser.
pub fn new_session_ui(
    ctx: &egui::Context,
    state: &AppState,
    view: &mut ViewState,
    out: &mut Intents,
) {
    let lang = state.ui_lang;
    let Some(chooser) = view.new_session.as_mut() else {
        return;
    };
    let count = state.templates.len();
    if count == 0 {
        return;
    }
    chooser.selected = chooser.selected.min(count - 1);
    // The chooser's keys, taken before any widget sees them (a focused
    // button would otherwise answer Enter a second time).
    let (down, up, enter) = ctx.input_mut(|i| {
        (
            i.consume_key(Modifiers::NONE, Key::ArrowDown),
            i.consume_key(Modifiers::NONE, Key::ArrowUp),
            i.consume_key(Modifiers::NONE, Key::Enter),
        )
    });
    if down {
        chooser.selected = (chooser.selected + 1).min(count - 1);
    }
    if up {
        chooser.selected = chooser.selected.saturating_sub(1);
    }
    let mut create = enter.then_some(chooser.selected);
    let take_focus = std::mem::take(&mut chooser.focus_pending);
    let response = egui::Modal::new(egui::Id::unique("new_session_chooser")).show(ctx, |ui| {
        ui.set_width(620.0);
        ui.heading(tr(lang, T::TemplateChooserTitle));
        ui.label(tr(lang, T::TemplateChooserIntro));
        ui.add_space(8.0);
        for (index, entry) in state.templates.iter().enumerate() {
            let (title, detail) = entry.texts(lang);
            let (title, detail) = match &entry.source {
                crate::store::TemplateSource::Own(_) => {
                    (entry.name.clone(), format!("{title}: {detail}"))
                }
                crate::store::TemplateSource::BuiltIn(_) => (title, detail),
            };
            let selected = chooser.selected == index;
            let row = ui.add(
                egui::Button::selectable(selected, RichText::new(format!("{title}\n{detail}")))
                    .min_size(egui::vec2(600.0, 0.0)),
            );
            if selected && take_focus {
                row.request_focus();
            }
            if selected {
                row.scroll_to_me(None);
            }
            if row.clicked() {
                chooser.selected = index;
            }
            if row.double_clicked() {
                create = Some(index);
            }
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            let name = state
                .templates
                .get(chooser.selected)
                .map_or("", |t| t.name.as_str());
            if ui
                .button(tr(lang, T::TemplateCreate))
                .on_hover_text(trf(lang, T::TemplateUse, &[("name", name)]))
                .clicked()
            {
                create = Some(chooser.selected);
            }
            if ui.button(tr(lang, T::LeaveCancel)).clicked() {
                out.command(Command::NewSession);
            }
        });
    });
    if let Some(index) = create {
        out.request(Request::NewFromTemplate(index));
    } else if response.should_close() {
        view.new_session = None;
    }
}

/// "Save as template": the template's name, then save (Enter) or close (Esc).
pub fn save_template_ui(
    ctx: &egui::Context,
    state: &AppState,
    view: &mut ViewState,
    out: &mut Intents,
) {
    let lang = state.ui_lang;
    let take_focus = std::mem::take(&mut view.template_name_focus);
    let Some(name) = view.template_name.as_mut() else {
        return;
    };
    let mut save = false;
    let response = egui::Modal::new(egui::Id::unique("save_template")).show(ctx, |ui| {
        ui.set_width(480.0);
        ui.heading(tr(lang, T::CmdSaveAsTemplate));
        ui.add(egui::Label::new(tr(lang, T::TipSaveAsTemplate)).wrap());
        ui.add_space(6.0);
        let label = ui.label(tr(lang, T::TemplateNameLabel));
        let field = ui
            .add(egui::TextEdit::singleline(name).desired_width(440.0))
            .labelled_by(label.id);
        if take_focus {
            field.request_focus();
        }
        let entered = field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            let ready = !name.trim().is_empty();
            if ui
                .add_enabled(ready, egui::Button::new(tr(lang, T::TemplateSave)))
                .clicked()
                || (entered && ready)
            {
                save = true;
            }
            if ui.button(tr(lang, T::LeaveCancel)).clicked() {
                out.command(Command::SaveAsTemplate);
            }
        });
    });
    if save {
        out.request(Request::SaveTemplate(name.clone()));
    } else if response.should_close() {
        view.template_name = None;
    }
}
