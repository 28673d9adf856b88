//! Keystrokes in order for the fields that commit on Enter (keywords,
//! bullets, titles, notes): egui's text field applies all of a frame's text
//! at once, so on a busy machine "alpha⏎beta⏎" arriving in one frame would
//! be committed as "alphabeta", or as "alpha" and "b" + "eta". Here a
//! field's typing up to its last Enter in the frame is taken out of the
//! input and applied event by event, so each Enter commits exactly what was
//! typed before it; what follows the last Enter is left to the text field.

use egui::text::{CCursor, CCursorRange};
use egui::text_edit::TextEditState;
use egui::{Event, Id, ImeEvent, Key, Modifiers, TextBuffer};

/// One step of a frame's typing in a field that commits on Enter, in the
/// order it was typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Typed {
    /// Enter (Ctrl+Enter in a multi-line field): what the field held. The
    /// field is empty afterwards.
    Commit(String),
    /// Tab, in a field that takes it: one level deeper.
    Deeper,
    /// Shift+Tab, in a field that takes it: one level up.
    Shallower,
}

/// A text field that commits on Enter.
#[derive(Debug, Clone, Copy)]
pub struct CommitField {
    /// The field's widget id (its `TextEdit::id`).
    pub id: Id,
    /// The most characters it holds (its `TextEdit::char_limit`).
    pub char_limit: usize,
    /// Whether Tab and Shift+Tab are steps (the bullet field's depth).
    pub tab: bool,
    /// A multi-line field: Enter starts a new line, Ctrl+Enter commits.
    pub multiline: bool,
}

impl CommitField {
    /// A single-line field without Tab steps.
    #[must_use]
    pub fn single_line(id: Id, char_limit: usize) -> Self {
        Self {
            id,
            char_limit,
            tab: false,
            multiline: false,
        }
    }

    fn commits(&self, event: &Event) -> bool {
        match event {
            Event::Key {
                key: Key::Enter,
                pressed: true,
                modifiers,
                ..
            } => !self.multiline || modifiers.command,
            _ => false,
        }
    }
}

/// Takes this frame's typing for `field` out of the input, in order, when
/// the field has the keyboard and the frame commits it; call it before the
/// field's `TextEdit` is shown, with the field's text.
///
/// Text, pastes, Backspace, Delete and cursor keys up to the frame's last
/// commit are applied to `text` one by one (at the field's cursor, within
/// its character limit, as the text field would); at each commit the text is
/// handed back as [`Typed::Commit`] and the field is empty again. What
/// follows the last commit stays in the input for the `TextEdit`, whose
/// cursor is put at the end of `text`. Other keys (Escape, shortcuts) are
/// left in the input for whoever reads them after. Without a commit in the
/// frame, nothing is taken and the `TextEdit` does all as usual.
pub fn take_typing(ui: &egui::Ui, field: &CommitField, text: &mut String) -> Vec<Typed> {
    if !ui.memory(|m| m.has_focus(field.id)) {
        return Vec::new();
    }
    let Some(last) = ui.input(|i| i.events.iter().rposition(|e| field.commits(e))) else {
        return Vec::new();
    };
    let events: Vec<Event> = ui.input_mut(|i| i.events.drain(..=last).collect());
    let ctx = ui.ctx();
    let mut state = TextEditState::load(ctx, field.id).unwrap_or_default();
    let mut editor = Editor {
        cursor: state
            .cursor
            .char_range()
            .unwrap_or_else(|| CCursorRange::one(CCursor::end_of_str(text))),
        field,
    };
    let mut steps = Vec::new();
    let mut left = Vec::new();
    for event in events {
        if field.commits(&event) {
            steps.push(Typed::Commit(std::mem::take(text)));
            editor.cursor = CCursorRange::one(CCursor::new(0));
            continue;
        }
        match editor.apply(&event, text) {
            Applied::Edited => {}
            Applied::Step(step) => steps.push(step),
            Applied::NotTyping => left.push(event),
        }
    }
    ui.input_mut(|i| {
        i.events.splice(0..0, left);
    });
    state
        .cursor
        .set_char_range(Some(CCursorRange::one(CCursor::end_of_str(text))));
    state.store(ctx, field.id);
    steps
}

/// What an event did to the field.
enum Applied {
    /// It changed the text or the cursor.
    Edited,
    /// It is a step (Tab).
    Step(Typed),
    /// It is not typing: it stays in the input.
    NotTyping,
}

/// Applies typing to a field's text, as egui's text field does.
struct Editor<'a> {
    cursor: CCursorRange,
    field: &'a CommitField,
}

impl Editor<'_> {
    /// Applies one event.
    fn apply(&mut self, event: &Event, text: &mut String) -> Applied {
        match event {
            Event::Text(typed) | Event::Ime(ImeEvent::Commit(typed)) => {
                if !typed.is_empty() && typed != "\n" && typed != "\r" {
                    self.insert(text, typed);
                }
                Applied::Edited
            }
            Event::Paste(pasted) => {
                if self.field.multiline {
                    self.insert(text, pasted);
                } else {
                    self.insert(text, &pasted.replace(['\r', '\n'], " "));
                }
                Applied::Edited
            }
            Event::Key {
                key,
                pressed: true,
                modifiers,
                ..
            } => self.key(*key, *modifiers, text),
            _ => Applied::NotTyping,
        }
    }

    fn insert(&mut self, text: &mut String, insert: &str) {
        let mut at = text.delete_selected(&self.cursor);
        text.insert_text_at(&mut at, insert, self.field.char_limit);
        self.cursor = CCursorRange::one(at);
    }

    fn key(&mut self, key: Key, modifiers: Modifiers, text: &mut String) -> Applied {
        let chars = text.chars().count();
        let word = modifiers.alt || modifiers.ctrl;
        let single = self.cursor.single();
        let at = match key {
            Key::Tab if self.field.tab => {
                return Applied::Step(if modifiers.shift {
                    Typed::Shallower
                } else {
                    Typed::Deeper
                });
            }
            Key::Enter if self.field.multiline => {
                self.insert(text, "\n");
                return Applied::Edited;
            }
            Key::Backspace => match single {
                Some(_) if modifiers.mac_cmd => {
                    let end = self.cursor.primary;
                    text.delete_selected_ccursor_range([CCursor::new(0), end])
                }
                Some(at) if word => text.delete_previous_word(at),
                Some(at) => text.delete_previous_char(at),
                None => text.delete_selected(&self.cursor),
            },
            // Shift+Delete cuts (on Windows): that is not typing here.
            Key::Delete if !modifiers.shift => match single {
                Some(at) if modifiers.mac_cmd => {
                    text.delete_selected_ccursor_range([at, CCursor::new(chars)])
                }
                Some(at) if word => text.delete_next_word(at),
                Some(at) => text.delete_next_char(at),
                None => text.delete_selected(&self.cursor),
            },
            Key::A if modifiers.command => {
                self.cursor = CCursorRange::two(CCursor::new(0), CCursor::new(chars));
                return Applied::Edited;
            }
            Key::Home | Key::End | Key::ArrowLeft | Key::ArrowRight => {
                self.cursor = moved(text, self.cursor, key, modifiers);
                return Applied::Edited;
            }
            _ => return Applied::NotTyping,
        };
        self.cursor = CCursorRange::one(at);
        Applied::Edited
    }
}

/// The cursor after Home, End, ← or → (with Shift: the selection grows).
fn moved(text: &str, cursor: CCursorRange, key: Key, modifiers: Modifiers) -> CCursorRange {
    let chars: Vec<char> = text.chars().collect();
    let [min, max] = cursor.sorted_cursors();
    let from = cursor.primary.index.0;
    let to = match key {
        Key::Home => 0,
        Key::End => chars.len(),
        Key::ArrowLeft if !modifiers.shift && !cursor.is_empty() => min.index.0,
        Key::ArrowRight if !modifiers.shift && !cursor.is_empty() => max.index.0,
        Key::ArrowLeft if modifiers.alt || modifiers.ctrl => {
            let mut at = from.min(chars.len());
            while at > 0 && chars[at - 1].is_whitespace() {
                at -= 1;
            }
            while at > 0 && !chars[at - 1].is_whitespace() {
                at -= 1;
            }
            at
        }
        Key::ArrowRight if modifiers.alt || modifiers.ctrl => {
            let mut at = from.min(chars.len());
            while at < chars.len() && chars[at].is_whitespace() {
                at += 1;
            }
            while at < chars.len() && !chars[at].is_whitespace() {
                at += 1;
            }
            at
        }
        Key::ArrowLeft => from.saturating_sub(1),
        _ => (from + 1).min(chars.len()),
    };
    if modifiers.shift {
        CCursorRange::two(cursor.secondary, CCursor::new(to))
    } else {
        CCursorRange::one(CCursor::new(to))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(key: Key, modifiers: Modifiers) -> Event {
        Event::Key {
            key,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers,
        }
    }

    fn text(t: &str) -> Event {
        Event::Text(t.to_owned())
    }

    fn enter() -> Event {
        key(Key::Enter, Modifiers::NONE)
    }

    /// Runs one frame with `events` for a focused field holding `start`;
    /// returns the steps, the field's text, and the events left over.
    fn frame(field: CommitField, start: &str, events: Vec<Event>) -> (Vec<Typed>, String, usize) {
        let ctx = egui::Context::default();
        ctx.memory_mut(|m| m.request_focus(field.id));
        let mut result = (Vec::new(), start.to_owned(), 0);
        let input = egui::RawInput {
            events,
            ..egui::RawInput::default()
        };
        let mut output = ctx.run_ui(input, |ui| {
            ui.memory_mut(|m| m.request_focus(field.id));
            result.0 = take_typing(ui, &field, &mut result.1);
            result.2 = ui.input(|i| i.events.len());
        });
        output.textures_delta.clear();
        result
    }

    fn field() -> CommitField {
        CommitField::single_line(Id::unique("veld"), 20)
    }

    #[test]
    fn each_enter_commits_exactly_what_was_typed_before_it() {
        let events = vec![
            text("alpha"),
            enter(),
            text("b"),
            text("eta"),
            enter(),
            text("gam"),
            text("ma"),
            enter(),
            text("del"),
        ];
        let (steps, rest, left) = frame(field(), "", events);
        assert_eq!(
            steps,
            [
                Typed::Commit("alpha".into()),
                Typed::Commit("beta".into()),
                Typed::Commit("gamma".into())
            ]
        );
        // What follows the last Enter is the text field's.
        assert_eq!(rest, "");
        assert_eq!(left, 1);
    }

    #[test]
    fn without_enter_nothing_is_taken() {
        let (steps, rest, left) = frame(field(), "al", vec![text("pha")]);
        assert!(steps.is_empty());
        assert_eq!((rest.as_str(), left), ("al", 1));
    }

    #[test]
    fn backspace_paste_selection_and_limit_are_applied_in_order() {
        let events = vec![
            text("alfa"),
            key(Key::Backspace, Modifiers::NONE),
            key(Key::Backspace, Modifiers::NONE),
            text("pha"),
            enter(),
            Event::Paste("een\ntwee".into()),
            enter(),
            text("weg"),
            key(Key::A, Modifiers::COMMAND),
            text("x"),
            key(Key::Home, Modifiers::NONE),
            text(">"),
            enter(),
            text("abcdefghijklmnopqrstuvwxyz"),
            enter(),
        ];
        let (steps, _, _) = frame(field(), "", events);
        assert_eq!(
            steps,
            [
                Typed::Commit("alpha".into()),
                Typed::Commit("een twee".into()),
                Typed::Commit(">x".into()),
                Typed::Commit("abcdefghijklmnopqrst".into()),
            ]
        );
    }

    #[test]
    fn text_already_in_the_field_is_kept_at_the_cursor() {
        let (steps, _, _) = frame(field(), "raad", vec![text(" 1e woord"), enter()]);
        assert_eq!(steps, [Typed::Commit("raad 1e woord".into())]);
    }

    #[test]
    fn tabs_are_steps_between_the_commits_when_the_field_takes_them() {
        let bullet = CommitField {
            tab: true,
            ..field()
        };
        let events = vec![
            text("a"),
            enter(),
            key(Key::Tab, Modifiers::NONE),
            text("b"),
            enter(),
            key(Key::Tab, Modifiers::SHIFT),
            text("c"),
            enter(),
        ];
        let (steps, _, _) = frame(bullet, "", events);
        assert_eq!(
            steps,
            [
                Typed::Commit("a".into()),
                Typed::Deeper,
                Typed::Commit("b".into()),
                Typed::Shallower,
                Typed::Commit("c".into()),
            ]
        );
    }

    #[test]
    fn a_multi_line_field_commits_on_ctrl_enter() {
        let notes = CommitField {
            multiline: true,
            ..CommitField::single_line(Id::unique("notes"), 100)
        };
        let events = vec![
            text("regel 1"),
            enter(),
            text("regel 2"),
            key(Key::Enter, Modifiers::COMMAND),
            text("volgende"),
            key(Key::Enter, Modifiers::COMMAND),
        ];
        let (steps, _, _) = frame(notes, "", events);
        assert_eq!(
            steps,
            [
                Typed::Commit("regel 1\nregel 2".into()),
                Typed::Commit("volgende".into())
            ]
        );
    }

    #[test]
    fn other_keys_stay_in_the_input() {
        let events = vec![text("a"), key(Key::Escape, Modifiers::NONE), enter()];
        let (steps, _, left) = frame(field(), "", events);
        assert_eq!(steps, [Typed::Commit("a".into())]);
        assert_eq!(left, 1, "Escape is left for the field's own handling");
    }

    #[test]
    fn a_field_without_the_keyboard_takes_nothing() {
        let ctx = egui::Context::default();
        let mut text_in = String::new();
        let mut steps = Vec::new();
        let input = egui::RawInput {
            events: vec![text("a"), enter()],
            ..egui::RawInput::default()
        };
        let mut output = ctx.run_ui(input, |ui| {
            steps = take_typing(ui, &field(), &mut text_in);
        });
        output.textures_delta.clear();
        assert!(steps.is_empty());
    }
}
