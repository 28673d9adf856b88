//! Shared themes: detection on the seed meeting, the console's themes view
//! driven by keys, and the projector's themes mode at beamer sizes.

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use leerkring::StartWith;
use leerkring::model::themes::{Theme, compound_parts, detect_themes, tokens, word_key};
use leerkring::model::{Bullet, Session};
use leerkring::ui::projector::{ProjectorMode, ProjectorView};

use crate::console::{harness, press, press_with, type_text};
use crate::projector::{assert_texts_readable_and_inside, report, sample, screen, view};
use crate::support::app;

fn key(word: &str) -> String {
    word_key(word).expect("the word counts")
}

fn theme<'t>(themes: &'t [Theme], word: &str) -> &'t Theme {
    let key = key(word);
    themes
        .iter()
        .find(|t| t.key == key)
        .unwrap_or_else(|| panic!("no theme {word}: {themes:#?}"))
}

/// The theme keys a text names, compounds split ("Organisatieontwikkeling"
/// names "organisatie").
fn keys_named(text: &str) -> Vec<String> {
    let parts: std::collections::HashSet<String> =
        ["organisatie", "raad", "participatie", "inwoners", "leren"]
            .map(str::to_owned)
            .into_iter()
            .collect();
    tokens(text)
        .into_iter()
        .flat_map(|t| {
            let mut keys = vec![t.stem.clone()];
            keys.extend(
                compound_parts(&t.normal, &parts)
                    .iter()
                    .filter_map(|p| word_key(p)),
            );
            keys
        })
        .collect()
}

fn all_texts(bullets: &[Bullet], out: &mut Vec<String>) {
    for b in bullets {
        out.push(b.text.clone());
        all_texts(&b.children, out);
    }
}

#[test]
fn detection_on_the_sample_finds_the_themes_the_seed_names() {
    let session = sample();
    let themes = detect_themes(&session);
    for t in themes.iter().take(12) {
        eprintln!(
            "{} — {} municipalities, {} keywords",
            t.label,
            t.municipalities.len(),
            t.keywords.len()
        );
    }
    // What the seed's synthesis says stands out (and where the chances are).
    let mut seed = Vec::new();
    all_texts(&session.synthesis.observations.bullets, &mut seed);
    all_texts(&session.synthesis.opportunities.bullets, &mut seed);
    let named: Vec<String> = seed.iter().flat_map(|b| keys_named(b)).collect();
    for (word, label) in [
        ("participatie", "participatie"),
        ("raad", "raad"),
        ("organisatie", "organisatie"),
    ] {
        let found = theme(&themes, word);
        assert_eq!(found.label, label);
        assert!(
            found.municipalities.len() >= 3,
            "{word}: {:?}",
            found.municipalities
        );
        assert!(
            named.contains(&found.key),
            "the seed's synthesis names {word}: {seed:?}"
        );
    }
    // Participation: "particip.", "participatie", "participat", "P." in seven towns.
    assert_eq!(theme(&themes, "participatie").municipalities.len(), 7);
    // The council is the most shared theme.
    assert_eq!(themes[0].key, key("raad"));
    // Most shared first.
    assert!(
        themes
            .windows(2)
            .all(|w| w[0].municipalities.len() >= w[1].municipalities.len())
    );
}

#[test]
fn themes_view_shows_the_matrix_and_drops_a_suggestion_with_one_key() {
    let home = tempfile::tempdir().unwrap();
    let mut h = harness(app(StartWith::Sample, home.path()));
    press_with(&mut h, Modifiers::COMMAND, Key::T);
    assert!(h.state().view.themes.open);
    // Row labels, column headers and counts of the matrix.
    for label in [
        "raad",
        "participatie",
        "organisatie",
        "Meijerijstad",
        "Zeist",
        "9 van 12",
        "7 van 12",
    ] {
        assert!(
            h.query_all_by_label(label).next().is_some(),
            "{label} is shown"
        );
    }
    let before = h.state().state.session.synthesis.observations.bullets.len();
    // The first theme is selected: Enter drops it into "Wat valt op?".
    press(&mut h, Key::Enter);
    let bullets = &h.state().state.session.synthesis.observations.bullets;
    assert_eq!(bullets.len(), before + 1);
    assert_eq!(bullets[before].text, "raad — 9 van 12 gemeenten");
    // Undoable.
    press_with(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        h.state().state.session.synthesis.observations.bullets.len(),
        before
    );

    // ↓ selects the next theme; Space confirms it; M then ↑ and Enter merge it into the first.
    press(&mut h, Key::ArrowDown);
    let second = h.state().view.themes.selected.clone().expect("a selection");
    press(&mut h, Key::Space);
    assert!(h.state().state.session.themes.confirmed.contains(&second));
    press(&mut h, Key::M);
    press(&mut h, Key::ArrowUp);
    press(&mut h, Key::Enter);
    let session = &h.state().state.session;
    assert_eq!(session.themes.resolve(&second), key("raad"));
    assert!(!detect_themes(session).iter().any(|t| t.key == second));
    // R renames the selected theme (raad) in a labelled field.
    press(&mut h, Key::R);
    assert!(h.get_by_label("Naam van het thema").is_focused());
    press_with(&mut h, Modifiers::COMMAND, Key::A);
    type_text(&mut h, "De rol van de raad");
    press(&mut h, Key::Enter);
    let renamed = detect_themes(&h.state().state.session);
    assert_eq!(renamed[0].label, "De rol van de raad");
    // Delete dismisses; the buttons carry their labels.
    h.get_by_label("Verbergen (Delete)");
    press(&mut h, Key::Delete);
    assert!(
        h.state()
            .state
            .session
            .themes
            .dismissed
            .contains(&key("raad"))
    );
    // Esc closes the view.
    press(&mut h, Key::Escape);
    assert!(!h.state().view.themes.open);
}

#[test]
fn keyword_tags_are_read_from_the_keyword_field() {
    let home = tempfile::tempdir().unwrap();
    let mut h = harness(app(StartWith::Sample, home.path()));
    type_text(&mut h, "rol raad #raadsrol");
    press(&mut h, Key::Enter);
    let session: &Session = &h.state().state.session;
    let keyword = session.experiments[0].keywords.last().expect("a keyword");
    assert_eq!(keyword.text, "rol raad");
    assert_eq!(keyword.tags, ["raadsrol"]);
}

#[test]
fn projector_themes_mode_is_readable_at_beamer_sizes() {
    let session = sample();
    let themes = detect_themes(&session);
    for size in [[1920.0, 1080.0], [1024.0, 768.0]] {
        let harness = crate::projector::harness(
            ProjectorView {
                mode: ProjectorMode::Themes,
                ..view(&session)
            },
            size,
            true,
        );
        let report = report(&harness);
        assert!(report.fits, "{size:?}: {report:?}");
        assert!(report.body_size >= 0.02 * size[1], "{size:?}: {report:?}");
        harness.get_by_role_and_label(Role::Label, "Wat de gemeenten delen");
        for theme in themes.iter().take(3) {
            let node = harness.get_by_role_and_label(Role::Label, &theme.label);
            assert!(screen(size).contains_rect(node.rect()), "{}", theme.label);
        }
        for count in ["9/12", "7/12"] {
            assert!(
                harness
                    .query_all_by_role_and_label(Role::Label, count)
                    .next()
                    .is_some()
            );
        }
        assert_texts_readable_and_inside(&harness, size);
    }
}
