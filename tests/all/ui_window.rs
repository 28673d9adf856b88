//! The first window, through kittest (AccessKit roles and labels).

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use leerkring::app::Screen;
use leerkring::model::Language;
use leerkring::{LeerkringApp, StartWith};

use crate::support::{app, sample_path};

fn harness(app: LeerkringApp) -> Harness<'static, LeerkringApp> {
    let mut harness = Harness::builder()
        .with_size([1600.0, 1100.0])
        .build_ui_state(
            |ui, app: &mut LeerkringApp| leerkring::shell::frame(app, ui),
            app,
        );
    harness.run_steps(3);
    harness
}

#[test]
fn first_window_shows_the_sample_title_and_keywords_with_every_glyph() {
    let home = tempfile::tempdir().unwrap();
    // kittest panics on any glyph missing from the fonts: ⊗ → ← Δ must all render.
    let mut harness = harness(app(StartWith::Sample, home.path()));
    harness.get_by_label("Kick-off bijeenkomst Democratische vernieuwing M50");
    harness.get_by_label("⊗");
    harness.get_by_label("Ronde: experimenten en ervaringen");
    let sample = leerkring::app::sample_session();
    // Walk every municipality's card by keyboard and find each keyword.
    for card in sample.cards() {
        let experiment = sample
            .experiment(card.experiment.as_ref().unwrap())
            .unwrap();
        harness.get_by_label(&experiment.title);
        for keyword in &experiment.keywords {
            harness.get_by_label(&format!("• {}", keyword.text));
        }
        harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::ArrowDown);
        harness.run_steps(2);
    }
    assert_eq!(
        harness.state().window_title(),
        "Leerkring — Kick-off bijeenkomst Democratische vernieuwing M50"
    );
}

#[test]
fn default_fonts_would_show_boxes_for_the_seed_symbols() {
    // The check above can fail: without the bundled fonts ⊗ and → are missing.
    let result = std::panic::catch_unwind(|| {
        let mut harness = Harness::new_ui(|ui| {
            ui.label("⊗ →");
        });
        harness.run_steps(2);
    });
    assert!(result.is_err(), "egui's default font lacks ⊗ and →");
}

#[test]
fn language_can_be_switched_from_the_menu() {
    let home = tempfile::tempdir().unwrap();
    let mut harness = harness(app(StartWith::Sample, home.path()));
    harness.get_by_label("Gemeenten");
    harness.get_by_label("Taal").click();
    harness.run_steps(2);
    harness.get_by_label("English").click();
    harness.run_steps(2);
    harness.get_by_label("Municipalities");
    assert_eq!(harness.state().state.ui_lang, Language::En);

    // The choice is remembered for the next start.
    harness.state_mut().on_exit();
    let again = app(StartWith::Sample, home.path());
    assert_eq!(again.state.ui_lang, Language::En);
}

#[test]
fn a_bad_file_shows_the_start_screen_and_stays_untouched() {
    let home = tempfile::tempdir().unwrap();
    let bad = home.path().join("kapot.json");
    std::fs::write(&bad, b"{ \"format_version\": 1, ").unwrap();
    let harness = harness(app(StartWith::File(bad.clone()), home.path()));
    assert_eq!(harness.state().state.screen, Screen::Start);
    harness.get_by_label("Kon de sessie niet openen");
    harness.get_by_label_contains("kapot.json");
    harness.get_by_label(leerkring::app::Command::OpenSample.label(Language::Nl));
    assert_eq!(std::fs::read(&bad).unwrap(), b"{ \"format_version\": 1, ");
    assert_eq!(harness.state().window_title(), "Leerkring");
}

#[test]
fn first_run_opens_the_sample_and_later_runs_the_most_recent_file() {
    let home = tempfile::tempdir().unwrap();
    let first = app(StartWith::Default, home.path());
    assert_eq!(first.state.screen, Screen::Session);
    assert_eq!(
        first.state.file, None,
        "the sample opens as an untitled copy"
    );
    assert_eq!(first.state.session.keyword_count(), 66);

    let copy = home.path().join("mijn-sessie.json");
    std::fs::copy(sample_path(), &copy).unwrap();
    app(StartWith::File(copy.clone()), home.path()).on_exit();
    let later = app(StartWith::Default, home.path());
    assert_eq!(later.state.file.as_deref(), Some(copy.as_path()));
}

#[test]
fn save_writes_the_file_and_shows_the_time() {
    let home = tempfile::tempdir().unwrap();
    let copy = home.path().join("sessie.json");
    std::fs::copy(sample_path(), &copy).unwrap();
    let mut harness = harness(app(StartWith::File(copy.clone()), home.path()));
    harness.state_mut().state.session.header.title = "Gewijzigd".into();
    harness.state_mut().state.dirty = true;
    harness.run_steps(2);
    harness.get_by_label("niet opgeslagen");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run_steps(2);
    harness.get_by_label("opgeslagen 14:32");
    let saved = leerkring::store::load_session(&copy).unwrap();
    assert_eq!(saved.header.title, "Gewijzigd");
}

#[test]
fn an_untitled_session_is_saved_into_the_recovery_folder() {
    let home = tempfile::tempdir().unwrap();
    let mut app = app(StartWith::Sample, home.path());
    app.state.dirty = true;
    app.save_now();
    let recovery = leerkring::store::AppDirs::in_folder(home.path()).recovery_dir();
    let files: Vec<_> = std::fs::read_dir(&recovery).unwrap().collect();
    assert_eq!(files.len(), 1);
    assert!(!app.state.dirty);
    // Nothing in `sessions/` changed: the sample is a copy.
    assert_eq!(
        std::fs::read(sample_path()).unwrap(),
        leerkring::app::SAMPLE_SESSION_JSON
    );
}

#[test]
fn a_panic_in_the_ui_saves_the_session_first() {
    let home = tempfile::tempdir().unwrap();
    let mut app = app(StartWith::Sample, home.path());
    app.state.session.header.title = "Na een crash".into();
    let file = app.emergency_save().expect("written");
    assert!(file.starts_with(leerkring::store::AppDirs::in_folder(home.path()).recovery_dir()));
    let saved = leerkring::store::load_session(&file).unwrap();
    assert_eq!(saved.header.title, "Na een crash");
}

#[test]
fn after_an_unclean_exit_a_newer_copy_is_offered_and_opened_as_an_undoable_change() {
    use leerkring::store::{self, AppDirs, RunMarker};
    let home = tempfile::tempdir().unwrap();
    let dirs = AppDirs::in_folder(home.path());
    let file = home.path().join("sessie.json");
    std::fs::copy(sample_path(), &file).unwrap();

    // A run that had the file open and was killed: its marker stays behind, unlocked.
    let (marker, _) = RunMarker::acquire(&dirs, Some(&file), None).unwrap();
    let marker_path = marker.path().to_path_buf();
    let content = std::fs::read(&marker_path).unwrap();
    drop(marker);
    std::fs::write(&marker_path, content).unwrap();
    // Its history holds notes the file lacks.
    let mut newer = store::load_session(&file).unwrap();
    let exp = newer.experiments[0].id.clone();
    newer.add_keyword(&exp, "alleen in de kopie");
    let key = store::session_key(Some(&file), "");
    store::snapshot_now(
        &dirs,
        &key,
        &newer,
        leerkring::app::Clock::now(&crate::support::test_clock()),
        50,
    )
    .unwrap();

    let mut harness = harness(app(StartWith::File(file.clone()), home.path()));
    harness.get_by_label("Leerkring werd de vorige keer niet netjes afgesloten");
    harness.get_by_label_contains("1 trefwoord meer dan het bestand");
    harness.get_by_label("Kopie openen").click();
    harness.run_steps(3);
    crate::support::settle(&mut harness);
    assert_eq!(harness.state().state.session.keyword_count(), 67);
    assert!(harness.state().state.recovery.is_empty());
    // The file's own version is one Ctrl+Z away.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run_steps(2);
    assert_eq!(harness.state().state.session.keyword_count(), 66);
}

#[test]
fn a_file_open_in_another_window_opens_read_only_with_the_offer_of_a_copy() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("sessie.json");
    std::fs::copy(sample_path(), &file).unwrap();
    let first = app(StartWith::File(file.clone()), home.path());
    assert!(!first.state.read_only);
    let mut harness = harness(app(StartWith::File(file.clone()), home.path()));
    assert!(harness.state().state.read_only);
    harness.get_by_label_contains("is open in een ander Leerkring-venster");
    // Typing changes nothing.
    harness.event(egui::Event::Text("poging".into()));
    harness.key_press(egui::Key::Enter);
    harness.run_steps(2);
    assert_eq!(harness.state().state.session.keyword_count(), 66);
    harness.get_by_label("Verder werken in een kopie").click();
    harness.run_steps(3);
    crate::support::settle(&mut harness);
    let copy = home.path().join("sessie-kopie.json");
    assert_eq!(harness.state().state.file.as_deref(), Some(copy.as_path()));
    assert!(!harness.state().state.read_only);
    drop(first);
}

#[test]
fn an_earlier_version_is_restored_as_one_undoable_change() {
    use leerkring::store::{self, AppDirs};
    let home = tempfile::tempdir().unwrap();
    let dirs = AppDirs::in_folder(home.path());
    let file = home.path().join("sessie.json");
    std::fs::copy(sample_path(), &file).unwrap();
    let mut older = store::load_session(&file).unwrap();
    older.header.title = "Oudere versie".into();
    let key = store::session_key(Some(&file), "");
    store::snapshot_now(
        &dirs,
        &key,
        &older,
        leerkring::app::Clock::now(&crate::support::test_clock()),
        50,
    )
    .unwrap();

    let mut harness = harness(app(StartWith::File(file.clone()), home.path()));
    harness.get_by_label("Bestand").click();
    harness.run_steps(2);
    harness.get_by_label("Eerdere versies…").click();
    harness.run_steps(2);
    crate::support::settle(&mut harness);
    harness
        .get_by_label_contains("Deze versie terugzetten (04-02-2020 14:32:00)")
        .click();
    harness.run_steps(2);
    crate::support::settle(&mut harness);
    assert_eq!(harness.state().state.session.header.title, "Oudere versie");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run_steps(2);
    assert_eq!(
        harness.state().state.session.header.title,
        "Kick-off bijeenkomst Democratische vernieuwing M50"
    );
}

#[test]
fn the_report_is_exported_from_the_app_next_to_the_session() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("sessie.json");
    std::fs::copy(sample_path(), &file).unwrap();
    let mut harness = harness(app(StartWith::File(file.clone()), home.path()));
    harness.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::E,
    );
    harness.run_steps(3);
    harness.get_by_label("Verslag exporteren");
    // Only Markdown, the public version.
    harness.get_by_label("Word (.docx)").click();
    harness
        .get_by_label("Webpagina (.html, printklaar op A4)")
        .click();
    harness
        .get_by_label("Openbare versie: namen vervangen door hun organisatie")
        .click();
    harness.run_steps(2);
    harness.get_by_label("Exporteren").click();
    harness.run_steps(2);
    let start = std::time::Instant::now();
    while harness.state().view.export.result.is_none() && start.elapsed().as_secs() < 10 {
        std::thread::sleep(std::time::Duration::from_millis(20));
        harness.run_steps(1);
    }
    harness.run_steps(2);
    let report = home.path().join("sessie.md");
    let text = std::fs::read_to_string(&report).unwrap();
    assert!(text.contains("Wat valt op?"));
    assert!(!home.path().join("sessie.docx").exists());
    harness.get_by_label("Verslag openen (sessie.md)");
    harness.get_by_label("Toon in map (sessie.md)");
}
