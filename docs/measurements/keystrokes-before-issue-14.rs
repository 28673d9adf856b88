//! How the keystrokes of the kick-off setup were counted before issue 14
//! (not compiled here: it drives the UI of commit ecfa636). To measure:
//! `git archive ecfa636 | tar -x -C /tmp/before`, copy this file to
//! `/tmp/before/tests/all/old_keys.rs`, add `mod old_keys;` to
//! `tests/all/main.rs`, then in /tmp/before:
//! `cargo test --test all old_keys -- --nocapture` prints
//! "OLD KEYSTROKES: 1218 (header 109, organisations 307, agenda 802)".
//! The same rules as `tests/all/keyboard.rs` counts the new setup with.
//!

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use leerkring::model::{AgendaKind, BlockKind, Session};
use leerkring::{LeerkringApp, StartWith};

use crate::support::app;

struct K {
    h: Harness<'static, LeerkringApp>,
    count: usize,
    log: Vec<String>,
}

impl K {
    fn focused_id(&self) -> Option<egui::Id> {
        self.h.ctx.memory(egui::Memory::focused)
    }

    fn label_of_focused(&self) -> String {
        self.h
            .query_by(|n| n.is_focused())
            .and_then(|n| n.accesskit_node().label())
            .unwrap_or_default()
    }

    fn press(&mut self, modifiers: Modifiers, key: Key) {
        self.count += 1;
        self.h.key_press_modifiers(modifiers, key);
        self.h.run_steps(2);
    }

    fn key(&mut self, key: Key) {
        self.press(Modifiers::NONE, key);
    }

    fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.count += 1;
            self.h.event(egui::Event::Text(c.to_string()));
            self.h.run_steps(1);
        }
        self.h.run_steps(1);
    }

    /// The Tab cycle: every stop's id and label, in Tab order (found by
    /// Tabbing round without counting; the focus is put back after).
    fn cycle(&mut self) -> Vec<(egui::Id, String)> {
        let start = self.focused_id();
        let mut stops: Vec<(egui::Id, String)> = Vec::new();
        for _ in 0..600 {
            self.h.key_press(Key::Tab);
            self.h.run_steps(1);
            let Some(id) = self.focused_id() else { break };
            if stops.first().is_some_and(|(first, _)| *first == id) {
                break;
            }
            stops.push((id, self.label_of_focused()));
        }
        self.h.ctx.memory_mut(|m| match start {
            Some(id) => m.request_focus(id),
            None => {
                if let Some(id) = m.focused() {
                    m.surrender_focus(id);
                }
            }
        });
        self.h.run_steps(2);
        stops
    }

    /// Goes to the stop named `label` by the shortest Tab or Shift+Tab path.
    fn goto(&mut self, label: &str) {
        let cycle = self.cycle();
        let len = cycle.len();
        let target = cycle
            .iter()
            .position(|(_, l)| l == label)
            .unwrap_or_else(|| panic!("no stop '{label}' in {cycle:?}"));
        let (forward, backward) = match self.focused_id() {
            None => (target + 1, len - target),
            Some(_) => {
                // The cycle starts after the focused stop and ends on it.
                let at = len - 1;
                ((target + len - at) % len, (at + len - target) % len)
            }
        };
        let (modifiers, n) = if forward <= backward {
            (Modifiers::NONE, forward)
        } else {
            (Modifiers::SHIFT, backward)
        };
        for _ in 0..n {
            self.press(modifiers, Key::Tab);
        }
        self.log.push(format!("{label}: {n}"));
        assert_eq!(self.label_of_focused(), label);
    }

    /// Replaces a field's text: Ctrl+A, then the text.
    fn replace(&mut self, text: &str) {
        self.press(Modifiers::COMMAND, Key::A);
        self.type_text(text);
    }

    /// Chooses `option` in the combo box named `label`: Space opens it,
    /// ↓ to the option, Space chooses, Esc closes (the list stays open).
    fn choose(&mut self, label: &str, option: &str) {
        self.goto(label);
        self.key(Key::Space);
        let mut guard = 0;
        while self.label_of_focused() != option {
            self.key(Key::ArrowDown);
            guard += 1;
            assert!(guard < 12, "{option} in {label}: at '{}'", self.label_of_focused());
        }
        self.key(Key::Space);
        if egui::Popup::is_any_open(&self.h.ctx) {
            self.key(Key::Escape);
        }
    }
}

#[test]
fn old_keystrokes() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("leeg.json");
    leerkring::store::save_session(&file, &Session::default()).unwrap();
    let mut h = Harness::builder().with_size([1366.0, 768.0]).build_ui_state(
        |ui, app: &mut LeerkringApp| leerkring::shell::frame(app, ui),
        app(StartWith::File(file), home.path()),
    );
    h.run_steps(3);
    let mut k = K {
        h,
        count: 0,
        log: Vec::new(),
    };
    let sample = leerkring::app::sample_session();
    let header = &sample.header;
    k.press(Modifiers::COMMAND, Key::Num2);
    k.goto("Titel");
    k.type_text(&header.title);
    k.goto("Netwerk");
    k.type_text(&header.network);
    k.goto("Thema");
    k.type_text(&header.theme);
    k.goto("Datum (JJJJ-MM-DD)");
    k.type_text("2020-02-04");
    k.goto("Aantal deelnemers (zonder namen)");
    k.type_text("24");
    let after_header = k.count;

    let orgs = &sample.organisations;
    for (index, org) in orgs.iter().enumerate() {
        let button = if org.kind == leerkring::model::OrgKind::Guest {
            "Gastorganisatie toevoegen"
        } else {
            "Gemeente toevoegen"
        };
        k.goto(button);
        k.key(Key::Space);
        k.goto(&format!("Naam {}", index + 1));
        k.replace(&org.name);
    }
    let after_orgs = k.count;

    // The agenda is edited in the console, one current item at a time.
    k.press(Modifiers::COMMAND, Key::Num1);
    for (index, item) in sample.agenda.iter().enumerate() {
        k.goto("Agendapunt toevoegen");
        k.key(Key::Space);
        if index == 0 {
            k.goto("Agendapunt");
            k.key(Key::Space);
        } else {
            // The editor shows the current item: make the new one current.
            k.press(Modifiers::COMMAND, Key::PageDown);
        }
        k.goto("Titel");
        k.replace(&item.title);
        let kind = match item.kind {
            AgendaKind::Opening => Some("Opening"),
            AgendaKind::Round => Some("Ronde"),
            AgendaKind::Presentation => Some("Presentatie"),
            AgendaKind::Discussion => None,
            AgendaKind::Synthesis => Some("Synthese"),
            AgendaKind::Break => Some("Pauze"),
            AgendaKind::Closing => Some("Afsluiting"),
        };
        if let Some(kind) = kind {
            k.choose("Soort", kind);
        }
        if item.planned_minutes != 10 {
            k.goto("Gepland (min)");
            k.type_text(&item.planned_minutes.to_string());
        }
        if let Some(block) = item.block {
            let name = match block {
                BlockKind::Observations => "Wat valt op?",
                BlockKind::Opportunities => "Waar liggen de kansen?",
                BlockKind::FollowUp => "Vervolg",
                BlockKind::Proposals => "Eerste voorstel",
                BlockKind::Decisions => "Besluiten",
                BlockKind::OpenQuestions => "Open vragen",
            };
            k.choose("Blok", name);
        }
        // (A presenter cannot be set at all before issue 14.)
    }
    let built = k.h.state().state.session.clone();
    assert_eq!(built.header.title, header.title);
    assert_eq!(built.header.participant_count, Some(24));
    assert_eq!(built.organisations.len(), 13);
    for (b, s) in built.organisations.iter().zip(&sample.organisations) {
        assert_eq!((&b.name, b.kind), (&s.name, s.kind));
    }
    assert_eq!(built.agenda.len(), 9);
    for (b, s) in built.agenda.iter().zip(&sample.agenda) {
        assert_eq!(
            (&b.title, b.kind, b.planned_minutes, b.block),
            (&s.title, s.kind, s.planned_minutes, s.block)
        );
    }
    eprintln!("navigation: {:#?}", k.log);
    eprintln!(
        "OLD KEYSTROKES: {} (header {after_header}, organisations {}, agenda {})",
        k.count,
        after_orgs - after_header,
        k.count - after_orgs
    );
}
