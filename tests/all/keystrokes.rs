//! Keystrokes in order: in every field that commits on Enter, typing that
//! arrives in one frame ("alpha⏎beta⏎gamma⏎", as a loaded machine delivers
//! fast typing) gives exactly the items typed, never "alphab" and "eta".

use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use leerkring::{LeerkringApp, StartWith};

use crate::console::{harness, keywords_of, press, press_with, texts};
use crate::support::app;

/// The sample's structure without content (Ctrl+N on the sample): the
/// cursor is in the keyword field of Meijerijstad, which has no experiment.
fn empty(home: &std::path::Path) -> Harness<'static, LeerkringApp> {
    let mut h = harness(app(StartWith::Sample, home));
    crate::console::run_command(&mut h, leerkring::app::Command::NewFromThis);
    assert!(h.state().state.session.experiments.is_empty());
    h
}

/// Runs one frame whose input holds `typed` (then two more, for the edits
/// to show): `⏎` is Enter, `⇥` Tab, `⇤` Shift+Tab, `⌃` Ctrl+Enter;
/// everything else is text, in runs as a keyboard sends them. (kittest's
/// own `event` gives each event a frame of its own.)
fn in_one_frame(h: &mut Harness<'static, LeerkringApp>, typed: &str) {
    let mut events = Vec::new();
    let mut text = String::new();
    for c in typed.chars() {
        let key = match c {
            '⏎' => Some((Modifiers::NONE, Key::Enter)),
            '⇥' => Some((Modifiers::NONE, Key::Tab)),
            '⇤' => Some((Modifiers::SHIFT, Key::Tab)),
            '⌃' => Some((Modifiers::COMMAND, Key::Enter)),
            _ => None,
        };
        let Some((modifiers, key)) = key else {
            text.push(c);
            continue;
        };
        if !text.is_empty() {
            events.push(Event::Text(std::mem::take(&mut text)));
        }
        for pressed in [true, false] {
            events.push(Event::Key {
                key,
                physical_key: None,
                pressed,
                repeat: false,
                modifiers,
            });
        }
    }
    if !text.is_empty() {
        events.push(Event::Text(text));
    }
    h.input_mut().events.extend(events);
    h.step();
    h.run_steps(2);
}

#[test]
fn three_keywords_typed_in_one_frame_are_three_exact_keywords() {
    let home = tempfile::tempdir().unwrap();
    let mut h = empty(home.path());
    in_one_frame(&mut h, "alpha⏎beta⏎gamma⏎");
    let s = &h.state().state.session;
    assert_eq!(
        keywords_of(s, "org-meijerijstad"),
        ["alpha", "beta", "gamma"]
    );
    // All on the one experiment the first keyword made for the empty card.
    assert_eq!(s.experiments.len(), 1);
    let field = h.get_by_label("Trefwoord voor Meijerijstad");
    assert!(field.is_focused());
    assert_eq!(field.value().as_deref(), Some(""));

    // What follows the last Enter stays in the field, after what it held.
    in_one_frame(&mut h, "del");
    in_one_frame(&mut h, "ta⏎eps");
    assert_eq!(
        keywords_of(&h.state().state.session, "org-meijerijstad"),
        ["alpha", "beta", "gamma", "delta"]
    );
    assert_eq!(h.state().view.capture.keyword, "eps");
    // Ctrl+Z takes back the text in the field first, as when typed slowly.
    press_with(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(h.state().view.capture.keyword, "");
    assert_eq!(
        keywords_of(&h.state().state.session, "org-meijerijstad").len(),
        4
    );
}

#[test]
fn three_bullets_typed_in_one_frame_are_three_exact_bullets_with_tabs_in_order() {
    let home = tempfile::tempdir().unwrap();
    let mut h = empty(home.path());
    // To "Waar liggen de kansen?": the cursor goes to the bullet field.
    for _ in 0..5 {
        press_with(&mut h, Modifiers::COMMAND, Key::PageDown);
    }
    in_one_frame(&mut h, "alpha⏎beta⏎gamma⏎");
    assert_eq!(
        texts(&h.state().state.session.synthesis.opportunities.bullets),
        [
            (0, "alpha".to_owned()),
            (0, "beta".to_owned()),
            (0, "gamma".to_owned()),
        ]
    );
    // Tab and Shift+Tab apply to the bullet typed after them, even in the
    // same frame as the Enter before; a Tab after the last Enter stays.
    in_one_frame(&mut h, "een⏎⇥twee⏎drie⏎⇤vier⏎⇥");
    let s = &h.state().state.session;
    assert_eq!(
        texts(&s.synthesis.opportunities.bullets)[3..],
        [
            (0, "een".to_owned()),
            (1, "twee".to_owned()),
            (1, "drie".to_owned()),
            (0, "vier".to_owned()),
        ]
    );
    assert_eq!(h.state().view.capture.bullet_depth, 1);
}

#[test]
fn a_title_and_keywords_typed_in_one_frame_go_where_the_cursor_goes() {
    let home = tempfile::tempdir().unwrap();
    let mut h = empty(home.path());
    press_with(&mut h, Modifiers::COMMAND, Key::E);
    in_one_frame(&mut h, "alpha⏎beta⏎gamma⏎del");
    let s = &h.state().state.session;
    // Enter in the title field commits the title and moves the cursor to
    // the keyword field: what followed it is keywords.
    assert_eq!(s.experiments.len(), 1);
    assert_eq!(s.experiments[0].title, "alpha");
    assert_eq!(keywords_of(s, "org-meijerijstad"), ["beta", "gamma"]);
    assert!(!h.state().view.capture.editing_title);
    let field = h.get_by_label("Trefwoord voor Meijerijstad");
    assert!(field.is_focused());
    assert_eq!(h.state().view.capture.keyword, "del");
    assert_eq!(
        h.state().view.capture.title,
        "",
        "nothing lands in the closed title field"
    );
}

#[test]
fn three_notes_typed_in_one_frame_are_three_exact_notes() {
    let home = tempfile::tempdir().unwrap();
    let mut h = empty(home.path());
    press_with(&mut h, Modifiers::COMMAND, Key::M);
    in_one_frame(&mut h, "alpha⌃beta⌃twee⏎regels⌃");
    let s = &h.state().state.session;
    let notes: Vec<&str> = s.agenda[0].notes.iter().map(|n| n.text.as_str()).collect();
    assert_eq!(notes, ["alpha", "beta", "twee\nregels"]);
    assert_eq!(h.state().view.capture.note, "");
}

#[test]
fn a_theme_label_is_what_was_typed_before_enter() {
    let home = tempfile::tempdir().unwrap();
    let mut h = harness(app(StartWith::Sample, home.path()));
    press_with(&mut h, Modifiers::COMMAND, Key::T);
    press(&mut h, Key::R);
    assert!(h.get_by_label("Naam van het thema").is_focused());
    press_with(&mut h, Modifiers::COMMAND, Key::A);
    in_one_frame(&mut h, "alpha⏎beta");
    let themes = leerkring::model::themes::detect_themes(&h.state().state.session);
    assert_eq!(themes[0].label, "alpha");
    assert!(h.state().view.themes.renaming.is_none());
}

#[test]
fn fast_typing_of_many_keywords_never_splits_or_merges_one() {
    let home = tempfile::tempdir().unwrap();
    let mut h = empty(home.path());
    // Forty keywords in frames of varied size, Enter anywhere in a frame.
    let words: Vec<String> = (1..=40)
        .map(|i| format!("kw{i}-{}", "x".repeat(i % 7)))
        .collect();
    let typed: String = words.iter().flat_map(|w| w.chars().chain(['⏎'])).collect();
    let chars: Vec<char> = typed.chars().collect();
    let mut at = 0;
    for size in [1, 3, 9, 2, 17, 5, 30, 4].iter().cycle() {
        if at >= chars.len() {
            break;
        }
        let end = (at + size).min(chars.len());
        in_one_frame(&mut h, &chars[at..end].iter().collect::<String>());
        at = end;
    }
    assert_eq!(
        keywords_of(&h.state().state.session, "org-meijerijstad"),
        words
    );
}
