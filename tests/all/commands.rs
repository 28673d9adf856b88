//! Commands, keys, menus and the cheat sheet agree: every shortcut reaches
//! its command in a real frame (none silently does nothing), the cheat
//! sheet lists every key with its command, the menus show the same keys,
//! and the settings file is written at most once a second however often
//! the projector window moves.

use std::collections::HashSet;

use chrono::TimeDelta;
use egui::accesskit::Role;
use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use leerkring::app::{Command, Field, Group, Request, Scope, shortcut_table};
use leerkring::model::{AgendaKind, Language};
use leerkring::{LeerkringApp, StartWith};

use crate::console::harness;
use crate::support::{app, app_with_clock, test_clock};

/// The sample at its round, with a keyword typed (so there is something to
/// undo), the first keyword selected, the keyword field focused and empty:
/// every command can act.
fn ready(home: &std::path::Path) -> Harness<'static, LeerkringApp> {
    let mut h = harness(app(StartWith::Sample, home));
    let round = h
        .state()
        .state
        .session
        .agenda
        .iter()
        .find(|i| i.kind == AgendaKind::Round)
        .map(|i| i.id.clone())
        .expect("the sample has a round");
    let ctx = h.ctx.clone();
    h.state_mut().run_request(Request::GoToItem(round), &ctx);
    h.state_mut().view.capture.focus_request = Some(Field::Keyword);
    h.run_steps(2);
    h.event(Event::Text("proef".into()));
    h.run_steps(1);
    h.key_press(Key::Enter);
    h.run_steps(2);
    let first = h.state().state.session.experiments[0].keywords[0]
        .id
        .clone();
    h.state_mut().view.capture.selected_keyword = Some(first);
    h.state_mut().state.projector.open = true;
    h.run_steps(2);
    h
}

/// Presses every key of the commands in `groups`, each in a fresh app
/// where the command can act, and lists the keys that did not reach it.
fn silent_keys(groups: &[Group]) -> Vec<String> {
    let home = tempfile::tempdir().expect("a temporary folder");
    let table = shortcut_table(|c| groups.contains(&c.spec().group));
    assert!(table.len() >= 10, "{} shortcuts", table.len());
    let mut silent = Vec::new();
    for (shortcut, command) in table {
        let mut h = ready(home.path());
        if command == Command::Redo {
            h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
            h.run_steps(2);
        }
        if command == Command::CloseWindow {
            // Esc closes a window: one must be open.
            h.key_press(Key::F1);
            h.run_steps(2);
        }
        assert!(
            command.enabled(&h.state().state, &h.state().view),
            "{command:?} cannot act in the prepared state"
        );
        let before = h.state().commands_run().len();
        h.key_press_modifiers(shortcut.modifiers, shortcut.logical_key);
        h.run_steps(2);
        let ran = &h.state().commands_run()[before..];
        if ran != [command] {
            silent.push(format!(
                "{} → {command:?} ran {ran:?}",
                h.ctx.format_shortcut(&shortcut)
            ));
        }
    }
    silent
}

// Two halves, so the test runner presses them on two threads.
#[test]
fn every_meeting_and_typing_shortcut_reaches_its_command() {
    let silent = silent_keys(&[Group::Meeting, Group::Typing]);
    assert!(
        silent.is_empty(),
        "keys that did not reach their command:\n{}",
        silent.join("\n")
    );
}

#[test]
fn every_beamer_edit_and_file_shortcut_reaches_its_command() {
    let silent = silent_keys(&[Group::Beamer, Group::File]);
    assert!(
        silent.is_empty(),
        "keys that did not reach their command:\n{}",
        silent.join("\n")
    );
}

#[test]
fn every_command_with_a_key_is_in_a_group() {
    let all: usize = Group::ALL
        .iter()
        .map(|g| shortcut_table(|c| c.spec().group == *g).len())
        .sum();
    assert_eq!(all, shortcut_table(|_| true).len());
}

#[test]
fn the_cheat_sheet_shows_every_key_with_its_command() {
    let home = tempfile::tempdir().expect("a temporary folder");
    let mut h = harness(app(StartWith::Sample, home.path()));
    h.key_press(Key::F1);
    h.run_steps(2);
    let rows = leerkring::ui::cheat_sheet_rows();
    let keyed: HashSet<Command> = Command::ALL
        .iter()
        .copied()
        .filter(|c| !c.spec().keys.is_empty())
        .collect();
    let listed: HashSet<Command> = rows.iter().map(|(_, c)| *c).collect();
    assert_eq!(
        listed, keyed,
        "the cheat sheet lists exactly the commands with keys"
    );
    for (group, command) in rows {
        assert_eq!(command.spec().group, group);
        let keys: Vec<String> = command
            .spec()
            .keys
            .iter()
            .map(|k| h.ctx.format_shortcut(k))
            .collect();
        h.get_by_label(&keys.join(" / "));
        assert!(
            h.query_all_by_label(command.label(Language::Nl))
                .next()
                .is_some(),
            "{command:?} missing from the cheat sheet"
        );
    }
}

/// Every accessible name on screen now.
fn labels(h: &Harness<'static, LeerkringApp>) -> HashSet<String> {
    use egui_kittest::kittest::NodeT;
    h.root()
        .children_recursive()
        .filter_map(|node| node.accesskit_node().label())
        .collect()
}

#[test]
fn menu_entries_show_the_keys_the_commands_answer_to() {
    let home = tempfile::tempdir().expect("a temporary folder");
    let mut h = harness(app(StartWith::Sample, home.path()));
    let closed = labels(&h);
    let mut entries = 0;
    for menu in ["Bestand", "Bewerken", "Agenda"] {
        h.get_by_role_and_label(Role::Button, menu).click();
        h.run_steps(2);
        // What the open menu adds: its entries and the keys beside them.
        let shown: HashSet<String> = labels(&h).difference(&closed).cloned().collect();
        // A menu entry's accessible name is its label and, after a space,
        // the key shown beside it: it must be a command's label with that
        // command's own first key.
        let expected = |command: Command| {
            let label = command.label(Language::Nl);
            match command.shortcut() {
                Some(shortcut) => format!("{label} {}", h.ctx.format_shortcut(&shortcut)),
                None => label.to_owned(),
            }
        };
        for entry in &shown {
            let named: Vec<Command> = Command::ALL
                .iter()
                .copied()
                .filter(|c| entry.starts_with(c.label(Language::Nl)))
                .collect();
            if named.is_empty() {
                continue; // A session name, a submenu, a planned meeting.
            }
            entries += 1;
            assert!(
                named.iter().any(|&c| expected(c) == *entry),
                "'{entry}' in the {menu} menu: expected one of {:?}",
                named.iter().map(|&c| expected(c)).collect::<Vec<_>>()
            );
        }
        h.get_by_role_and_label(Role::Button, menu).click();
        h.run_steps(2);
    }
    assert!(entries >= 15, "only {entries} menu entries found");
}

#[test]
fn projector_window_keys_are_the_commands_scoped_there() {
    let in_projector: HashSet<Command> =
        shortcut_table(|c| c.spec().scope == Scope::SessionAndProjector)
            .into_iter()
            .map(|(_, c)| c)
            .collect();
    for expected in [
        Command::ProjectorBlack,
        Command::ProjectorFreeze,
        Command::ModeWhiteboard,
        Command::StartPause,
        Command::NextSpeaker,
    ] {
        assert!(in_projector.contains(&expected), "{expected:?}");
    }
    assert!(!in_projector.contains(&Command::DeleteKeyword));
    assert!(!in_projector.contains(&Command::Quit));
}

#[test]
fn moving_the_projector_window_for_five_seconds_writes_the_settings_at_most_six_times() {
    let home = tempfile::tempdir().expect("a temporary folder");
    let clock = test_clock();
    let mut h = harness(app_with_clock(
        StartWith::Sample,
        home.path(),
        clock.clone(),
    ));
    crate::support::settle(&mut h);
    let before = h.state().settings_writes();
    // 60 frames a second for 5 s, the window a pixel wider each frame.
    for frame in 0..300u16 {
        h.state_mut().state.projector.size = Some([1280.0 + f32::from(frame), 720.0]);
        clock.advance(TimeDelta::microseconds(16_667));
        h.step();
    }
    let writes = h.state().settings_writes() - before;
    assert!((1..=6).contains(&writes), "{writes} writes in 5 s");
    // On exit the last size is written.
    h.state_mut().on_exit();
    let settings =
        leerkring::store::load_settings(&leerkring::store::AppDirs::in_folder(home.path()));
    assert_eq!(settings.projector_size, Some([1579.0, 720.0]));
}

#[test]
fn no_command_that_edits_acts_on_a_read_only_session() {
    let home = tempfile::tempdir().expect("a temporary folder");
    let mut h = ready(home.path());
    h.state_mut().state.read_only = true;
    h.run_steps(1);
    let state = &h.state().state;
    let view = &h.state().view;
    for &command in Command::ALL {
        if command.spec().edits {
            assert!(!command.enabled(state, view), "{command:?} while read-only");
        }
    }
    assert!(Command::WorkInCopy.enabled(state, view));
    assert!(Command::ProjectorBlack.enabled(state, view));
}
