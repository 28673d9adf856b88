//! The journal of edits, through the app: what was committed before a kill
//! is back when the session is reopened, without a question; a journal that
//! does not fit the file as it is now is offered instead of replayed.

use chrono::TimeDelta;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use leerkring::app::Request;
use leerkring::model::Session;
use leerkring::store::{self, AppDirs};
use leerkring::{LeerkringApp, StartWith};

use crate::console::{harness, press, press_with, type_text};
use crate::support::{app_with_clock, sample_path, test_clock};

/// A copy of the sample in `home`, opened on a clock that stands still (so
/// the autosave never comes: only the journal holds what is typed).
fn open_copy(home: &std::path::Path) -> (std::path::PathBuf, Harness<'static, LeerkringApp>) {
    let file = home.join("sessie.json");
    if !file.exists() {
        std::fs::copy(sample_path(), &file).expect("the sample is copied");
    }
    let h = harness(app_with_clock(
        StartWith::File(file.clone()),
        home,
        test_clock(),
    ));
    (file, h)
}

/// Ends the app the way a kill does, once the journal is on disk: nothing
/// more is saved (dropping it without `on_exit`).
fn kill(h: Harness<'static, LeerkringApp>) {
    assert!(
        h.state().flush_journal().is_some(),
        "the journal thread answers"
    );
    drop(h);
}

fn journal_file(home: &std::path::Path, file: &std::path::Path) -> std::path::PathBuf {
    let dirs = AppDirs::in_folder(home);
    store::journal_path(&dirs, &store::session_key(Some(file), ""))
}

#[test]
fn keywords_committed_before_a_kill_are_back_after_reopening_without_a_question() {
    let home = tempfile::tempdir().unwrap();
    let (file, mut h) = open_copy(home.path());
    for word in ["alpha", "beta", "gamma"] {
        type_text(&mut h, word);
        press(&mut h, Key::Enter);
    }
    assert!(h.state().state.dirty, "not saved: the clock stands still");
    kill(h);
    assert_eq!(store::load_session(&file).unwrap().keyword_count(), 66);
    assert!(journal_file(home.path(), &file).is_file());

    let (_, h) = open_copy(home.path());
    let state = &h.state().state;
    assert_eq!(state.session.keyword_count(), 69);
    assert!(state.recovery.is_empty(), "no question asked");
    assert!(
        state
            .notices
            .iter()
            .any(|n| n.title == "3 trefwoorden hersteld"),
        "{:?}",
        state.notices
    );
    // Saved at once, and the journal is done with.
    assert_eq!(store::load_session(&file).unwrap().keyword_count(), 69);
    assert!(!journal_file(home.path(), &file).exists());
}

#[test]
fn everything_the_session_went_through_is_replayed_exactly() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("sessie.json");
    std::fs::copy(sample_path(), &file).unwrap();
    let clock = test_clock();
    let mut h = harness(app_with_clock(
        StartWith::File(file.clone()),
        home.path(),
        clock.clone(),
    ));
    type_text(&mut h, "voor de save");
    press(&mut h, Key::Enter);
    // The autosave comes (the clock moves two seconds): a checkpoint.
    for _ in 0..20 {
        clock.advance(TimeDelta::milliseconds(100));
        h.run_steps(1);
    }
    let start = std::time::Instant::now();
    while h.state().state.dirty && start.elapsed() < std::time::Duration::from_secs(10) {
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.run_steps(1);
    }
    assert!(!h.state().state.dirty);
    // Then: keywords, a title, the agenda clock, bullets with depth, undo
    // and redo, a highlight and a deleted keyword.
    type_text(&mut h, "na de save #tag");
    press(&mut h, Key::Enter);
    press_with(&mut h, Modifiers::COMMAND, Key::E);
    type_text(&mut h, " (bijgewerkt)");
    press(&mut h, Key::Enter);
    // Select the last keyword, highlight it, move it up, delete the one before.
    press_with(&mut h, Modifiers::ALT, Key::ArrowUp);
    press_with(&mut h, Modifiers::COMMAND, Key::H);
    press_with(&mut h, Modifiers::ALT | Modifiers::SHIFT, Key::ArrowUp);
    press_with(&mut h, Modifiers::ALT, Key::ArrowUp);
    press_with(&mut h, Modifiers::ALT, Key::ArrowUp);
    press(&mut h, Key::Delete);
    press(&mut h, Key::F5);
    clock.advance(TimeDelta::minutes(3));
    for _ in 0..5 {
        press_with(&mut h, Modifiers::COMMAND, Key::PageDown);
    }
    type_text(&mut h, "kans");
    press(&mut h, Key::Enter);
    press(&mut h, Key::Tab);
    type_text(&mut h, "dieper");
    press(&mut h, Key::Enter);
    type_text(&mut h, "! actie @VNG");
    press(&mut h, Key::Enter);
    press_with(&mut h, Modifiers::COMMAND, Key::Z);
    press_with(&mut h, Modifiers::COMMAND, Key::Z);
    press_with(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    let before: Session = h.state().state.session.clone();
    assert!(h.state().state.dirty);
    kill(h);

    let h = harness(app_with_clock(
        StartWith::File(file.clone()),
        home.path(),
        test_clock(),
    ));
    assert_eq!(h.state().state.session, before);
    assert_eq!(store::load_session(&file).unwrap(), before);
}

#[test]
fn a_journal_that_does_not_fit_the_changed_file_is_offered_not_replayed() {
    let home = tempfile::tempdir().unwrap();
    let (file, mut h) = open_copy(home.path());
    for word in ["alpha", "beta"] {
        type_text(&mut h, word);
        press(&mut h, Key::Enter);
    }
    let typed = h.state().state.session.clone();
    kill(h);
    // Meanwhile the file is changed elsewhere (another laptop, a sync).
    let mut elsewhere = store::load_session(&file).unwrap();
    elsewhere.header.title = "Elders gewijzigd".into();
    store::save_session(&file, &elsewhere).unwrap();

    let (_, mut h) = open_copy(home.path());
    {
        let state = &h.state().state;
        assert_eq!(state.session, elsewhere, "not replayed into the file");
        assert_eq!(state.recovery.len(), 1, "offered");
        assert_eq!(
            state.recovery[0].summary(leerkring::i18n::Language::En),
            "2 more keywords than the file; title \"Kick-off bijeenkomst Democratische vernieuwing M50\" instead of \"Elders gewijzigd\""
        );
    }
    assert_eq!(store::load_session(&file).unwrap(), elsewhere);
    assert!(!journal_file(home.path(), &file).exists());
    // Taking the offer brings back the session as it was typed (undoable).
    h.state_mut()
        .run_request(Request::Recover(0), &egui::Context::default());
    crate::support::settle(&mut h);
    assert_eq!(h.state().state.session, typed);
}

#[test]
fn a_clean_close_leaves_no_journal_and_a_keyword_costs_few_bytes() {
    let home = tempfile::tempdir().unwrap();
    let (file, mut h) = open_copy(home.path());
    type_text(&mut h, "eerste");
    press(&mut h, Key::Enter);
    let after_first = h.state().flush_journal().unwrap();
    let count = 20;
    for i in 0..count {
        type_text(&mut h, &format!("trefwoord {i}"));
        press(&mut h, Key::Enter);
    }
    let after_more = h.state().flush_journal().unwrap();
    let per_keyword = (after_more - after_first) / count;
    println!("measure: {per_keyword} journal bytes per keyword");
    assert!(per_keyword < 200, "{per_keyword} bytes per keyword");
    assert!(journal_file(home.path(), &file).is_file());
    h.state_mut().on_exit();
    drop(h);
    assert!(!journal_file(home.path(), &file).exists());
    assert_eq!(store::load_session(&file).unwrap().keyword_count(), 87);
}

#[test]
fn at_a_human_pace_a_keyword_costs_a_record_and_a_checkpoint() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("sessie.json");
    std::fs::copy(sample_path(), &file).unwrap();
    let clock = test_clock();
    let mut h = harness(app_with_clock(
        StartWith::File(file.clone()),
        home.path(),
        clock.clone(),
    ));
    let mut saved_bytes = 0;
    let mut journal_bytes = Vec::new();
    for i in 0..30 {
        type_text(&mut h, &format!("trefwoord {i}"));
        press(&mut h, Key::Enter);
        // Two seconds pass before the next keyword: the autosave comes.
        for _ in 0..20 {
            clock.advance(TimeDelta::milliseconds(100));
            h.run_steps(1);
        }
        let start = std::time::Instant::now();
        while h.state().state.dirty && start.elapsed() < std::time::Duration::from_secs(10) {
            std::thread::sleep(std::time::Duration::from_millis(5));
            h.run_steps(1);
        }
        assert!(!h.state().state.dirty);
        saved_bytes += std::fs::metadata(&file).unwrap().len();
        journal_bytes.push(h.state().flush_journal().unwrap());
    }
    // The first keyword writes the journal with its base (the session).
    let per_keyword = (journal_bytes[29] - journal_bytes[0]) / 29;
    println!(
        "measure: at a human pace, {per_keyword} journal bytes per keyword (its record and a checkpoint), {} for the first (with the base); {} bytes of full saves per keyword",
        journal_bytes[0],
        saved_bytes / 30
    );
    assert!(per_keyword < 300, "{per_keyword} bytes per keyword");
}
