//! From nothing to a ready meeting: a new session from a template (Ctrl+N,
//! the start screen, `leerkring NEW.json`, `leerkring new`), and untitled
//! work that never disappears from view (quitting asks; the next start
//! lists the recovery copy).

use std::path::Path;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use leerkring::app::{Screen, View};
use leerkring::model::templates::BuiltIn;
use leerkring::model::{Language, Session};
use leerkring::{LeerkringApp, StartWith};

use crate::console::{harness, press, press_with, type_text};
use crate::support::{app, app_with_clock, run_binary, sample_path, settle, test_clock, text};

/// Runs frames, moving the clock 100 ms each, until the session is saved
/// (at most 10 s of real time for the autosave thread).
fn until_saved(h: &mut Harness<'static, LeerkringApp>, clock: &leerkring::app::ManualClock) {
    for _ in 0..20 {
        clock.advance(chrono::TimeDelta::milliseconds(100));
        h.run_steps(1);
    }
    let start = std::time::Instant::now();
    while h.state().state.dirty && start.elapsed() < std::time::Duration::from_secs(10) {
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.run_steps(1);
    }
}

#[test]
fn ctrl_n_on_the_start_screen_chooses_a_template_and_opens_its_setup() {
    let home = tempfile::tempdir().unwrap();
    // A missing recent file leaves the start screen up.
    let mut app = app(StartWith::File(home.path().join("weg.json")), home.path());
    app.state.screen = Screen::Start;
    let mut h = harness(app);
    h.get_by_label("Nieuwe bijeenkomst…");
    press_with(&mut h, Modifiers::COMMAND, Key::N);
    h.get_by_label("Maken");
    // ↓ chooses the short meeting, Enter makes it.
    press(&mut h, Key::ArrowDown);
    press(&mut h, Key::Enter);
    settle(&mut h);
    let state = &h.state().state;
    assert_eq!(state.screen, Screen::Session);
    assert_eq!(state.session.agenda.len(), 6);
    assert_eq!(state.session.planned_minutes(), 90);
    assert!(state.file.is_none());
    assert_eq!(h.state().view.view, View::Setup);
    // The cursor is in the title: typing names the meeting.
    type_text(&mut h, "Leerkring Zwolle");
    assert_eq!(h.state().state.session.header.title, "Leerkring Zwolle");
    assert_eq!(
        leerkring::ui::save_state_text(&h.state().state),
        "nog niet opgeslagen onder een naam"
    );
    // The console's status bar says so too.
    press_with(&mut h, Modifiers::COMMAND, Key::Num1);
    h.get_by_label("nog niet opgeslagen onder een naam");
}

#[test]
fn a_new_json_name_opens_the_standard_template_and_becomes_the_file_at_the_first_change() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("nieuw.json");
    let clock = test_clock();
    let mut h = harness(app_with_clock(
        StartWith::NewFile(file.clone()),
        home.path(),
        clock.clone(),
    ));
    assert_eq!(h.state().view.view, View::Setup);
    assert_eq!(h.state().state.session.agenda.len(), 9);
    assert!(!file.exists(), "no file before the first change");
    type_text(&mut h, "Kick-off");
    until_saved(&mut h, &clock);
    let saved = leerkring::store::load_session(&file).unwrap();
    assert_eq!(saved.header.title, "Kick-off");
    assert_eq!(h.state().state.recent.first(), Some(&file));
    // A session with a file quits at once.
    press_with(&mut h, Modifiers::COMMAND, Key::Q);
    assert!(h.state().is_quitting());
}

#[test]
fn quitting_untitled_work_asks_and_the_next_start_lists_the_kept_copy() {
    let home = tempfile::tempdir().unwrap();
    let mut h = harness(app(StartWith::Sample, home.path()));
    // An untouched sample quits at once; a change makes it work to keep.
    type_text(&mut h, "nieuw trefwoord");
    press(&mut h, Key::Enter);
    press_with(&mut h, Modifiers::COMMAND, Key::Q);
    assert!(!h.state().is_quitting());
    h.get_by_label("Als herstelkopie houden").click();
    h.run_steps(2);
    assert!(h.state().is_quitting());
    h.state_mut().on_exit();
    drop(h);

    // The next start without a file shows the start screen with the copy.
    let mut h = harness(app(StartWith::Default, home.path()));
    assert_eq!(h.state().state.screen, Screen::Start);
    let copies = &h.state().state.untitled_copies;
    assert_eq!(copies.len(), 1);
    let sample = leerkring::app::sample_session();
    assert_eq!(copies[0].keywords, sample.keyword_count() + 1);
    h.get_by_label("Nog niet opgeslagen onder een naam");
    let entry = format!(
        "{} — {}, {} trefwoorden",
        sample.header.title,
        copies[0]
            .modified
            .map(|t| t.format("%d-%m-%Y %H:%M").to_string())
            .unwrap_or_default(),
        sample.keyword_count() + 1
    );
    h.get_by_label(&entry).click();
    settle(&mut h);
    let state = &h.state().state;
    assert_eq!(state.screen, Screen::Session);
    assert!(state.file.is_none());
    assert!(
        state
            .session
            .experiments
            .iter()
            .flat_map(|e| &e.keywords)
            .any(|k| k.text == "nieuw trefwoord")
    );
    // Still not saved under a name: quitting asks again.
    press_with(&mut h, Modifiers::COMMAND, Key::Q);
    assert!(!h.state().is_quitting());
    h.get_by_label("Annuleren").click();
    h.run_steps(2);
    // The start after that opens the sample again (the offer was once).
    drop(h);
    let h = harness(app(StartWith::Default, home.path()));
    assert_eq!(h.state().state.screen, Screen::Session);
}

#[test]
fn saving_untitled_work_under_a_name_removes_its_recovery_copy() {
    let home = tempfile::tempdir().unwrap();
    let target = home.path().join("bewaard.json");
    let dialogs = leerkring::app::FixedDialogs {
        save_as: Some(target.clone()),
        ..Default::default()
    };
    let mut h = harness(crate::support::app_with_dialogs(
        StartWith::Sample,
        home.path(),
        dialogs,
    ));
    type_text(&mut h, "x");
    press(&mut h, Key::Enter);
    h.state_mut().save_now();
    let dirs = leerkring::store::AppDirs::in_folder(home.path());
    assert_eq!(leerkring::store::list_untitled_copies(&dirs).len(), 1);
    press_with(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    settle(&mut h);
    assert_eq!(h.state().state.file.as_deref(), Some(target.as_path()));
    assert!(leerkring::store::list_untitled_copies(&dirs).is_empty());
    assert!(!h.state().state.unnamed_changes);
    press_with(&mut h, Modifiers::COMMAND, Key::Q);
    assert!(h.state().is_quitting());
}

/// Every name, network and theme of the sample: none may be in a template.
fn private_words(session: &Session) -> Vec<String> {
    let h = &session.header;
    let mut words = vec![h.title.clone(), h.network.clone(), h.theme.clone()];
    words.extend(session.organisations.iter().map(|o| o.name.clone()));
    words.extend(session.participants.iter().map(|p| p.name.clone()));
    words.retain(|w| !w.trim().is_empty());
    words
}

#[test]
fn no_template_holds_a_name_a_network_or_a_theme() {
    let home = tempfile::tempdir().unwrap();
    let dirs = leerkring::store::AppDirs::in_folder(home.path());
    let sample = leerkring::app::sample_session();
    leerkring::store::save_template(&dirs, "M50 format", &sample).unwrap();
    let (list, unreadable) = leerkring::store::all_templates(Some(&dirs), Language::Nl);
    assert!(unreadable.is_empty());
    assert_eq!(list.len(), 4);
    let words = private_words(&sample);
    for entry in &list {
        let json = String::from_utf8(leerkring::store::session_to_json(&entry.session)).unwrap();
        for word in &words {
            assert!(
                !json.contains(word.as_str()),
                "{word} in template {}",
                entry.name
            );
        }
        assert!(entry.session.problems().is_empty());
    }
    // The own template keeps the sample's agenda shape.
    let own = &list[3].session;
    assert_eq!(own.agenda.len(), sample.agenda.len());
    assert_eq!(own.agenda[4].title, "Wat valt op?");
    assert_eq!(own.agenda[1].title, "Presentatie");
    assert_eq!(own.agenda[6].title, "Vervolg");
}

fn leerkring(args: &[&str], home: &Path) -> std::process::Output {
    let args: Vec<&std::ffi::OsStr> = args.iter().map(std::ffi::OsStr::new).collect();
    run_binary(&args, home, "C")
}

#[test]
fn new_writes_a_session_that_check_accepts() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("X.json");
    let name = file.to_str().unwrap();
    let out = leerkring(&["new", "-o", name], home.path());
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("standard"),
        "{}",
        text(&out.stdout)
    );
    let out = leerkring(&["check", name], home.path());
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("0 municipalities"),
        "{}",
        text(&out.stdout)
    );
    // Never over an existing file without --force.
    let out = leerkring(&["new", "--template", "kort", "-o", name], home.path());
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("--force"),
        "{}",
        text(&out.stderr)
    );
    let out = leerkring(
        &[
            "new",
            "--template",
            "kort",
            "--language",
            "nl",
            "-o",
            name,
            "--force",
        ],
        home.path(),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let session = leerkring::store::load_session(&file).unwrap();
    assert_eq!(session.planned_minutes(), 90);
    assert_eq!(session.agenda[0].title, "Opening en welkom");
    let out = leerkring(&["new", "--template", "nergens", "-o", name], home.path());
    assert!(
        text(&out.stderr).contains("--list"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn new_list_prints_every_template_with_a_description() {
    let home = tempfile::tempdir().unwrap();
    let dirs = leerkring::store::AppDirs::in_folder(home.path());
    leerkring::store::save_template(&dirs, "Ons format", &BuiltIn::Short.session(Language::Nl))
        .unwrap();
    let out = leerkring(&["new", "--list"], home.path());
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let names: Vec<&str> = stdout
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert_eq!(
        names,
        ["standard", "short", "empty", "ons-format"],
        "{stdout}"
    );
    assert!(
        stdout.contains("Standard learning circle: opening,") && stdout.contains("150 minutes"),
        "{stdout}"
    );
    assert!(
        stdout.contains("own template: 6 agenda items, 90 minutes"),
        "{stdout}"
    );
}

#[test]
fn an_unknown_word_is_a_usage_error_not_a_window() {
    let home = tempfile::tempdir().unwrap();
    let out = leerkring(&["nieuw"], home.path());
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("not a command"),
        "{}",
        text(&out.stderr)
    );
    let missing = home.path().join("nergens/x.json");
    let out = leerkring(&[missing.to_str().unwrap()], home.path());
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("folder"),
        "{}",
        text(&out.stderr)
    );
    // The sample exists: it is not a new session.
    assert_eq!(
        leerkring::cli::open_target(&sample_path(), Language::En),
        Ok(leerkring::cli::OpenTarget::Existing(sample_path()))
    );
    let new = home.path().join("nieuw.JSON");
    assert_eq!(
        leerkring::cli::open_target(&new, Language::En),
        Ok(leerkring::cli::OpenTarget::New(new.clone()))
    );
}

/// Counts keystrokes: a key or a chord is one, typed text one per
/// character, a paste (Ctrl+V) one.
struct Keys(usize);

impl Keys {
    fn key(&mut self, h: &mut Harness<'static, LeerkringApp>, key: Key) {
        self.0 += 1;
        press(h, key);
    }

    fn chord(&mut self, h: &mut Harness<'static, LeerkringApp>, modifiers: Modifiers, key: Key) {
        self.0 += 1;
        press_with(h, modifiers, key);
    }

    fn text(&mut self, h: &mut Harness<'static, LeerkringApp>, text: &str) {
        self.0 += text.chars().count();
        type_text(h, text);
    }

    fn paste(&mut self, h: &mut Harness<'static, LeerkringApp>, text: &str) {
        self.0 += 1;
        h.event(egui::Event::Paste(text.to_owned()));
        h.run_steps(2);
    }

    /// Tab until the widget labelled `label` has the keyboard focus (at most 60).
    fn tab_to(&mut self, h: &mut Harness<'static, LeerkringApp>, label: &str) {
        for _ in 0..60 {
            if crate::keyboard::focused_label(h) == label {
                return;
            }
            self.key(h, Key::Tab);
        }
        panic!(
            "60 Tabs never reached '{label}' (now at '{}')",
            crate::keyboard::focused_label(h)
        );
    }
}

/// Five municipalities from a mail, one per line.
const MUNICIPALITIES: &str = "Gemeente Zwolle\nDeventer\nKampen\nOlst-Wijhe\nHattem\n";

/// Ten participants as an Excel sheet copies them: a header row, tabs,
/// a blank line and a repeated row.
const PARTICIPANTS: &str = "Naam\tOrganisatie\tFunctie\n\
    Anna de Vries\tGemeente Zwolle\tgriffier\n\
    Bo Jansen\tDeventer\tbeleidsadviseur\n\
    Cor Smit\tKampen\twethouder\n\
    Dewi Bakker\tOlst-Wijhe\traadslid\n\
    Eva Visser\tHattem\tprojectleider\n\
    \n\
    Fatima El Amrani\tZwolle\tbeleidsadviseur\n\
    Gert Mulder\tDeventer\tgriffier\n\
    Hans de Boer\tVNG\tadviseur\n\
    Ilse Peters\tKampen\traadslid\n\
    Jan Kok\tHattem\twethouder\n\
    Anna de Vries\tGemeente Zwolle\tgriffier\n";

#[test]
fn a_meeting_from_the_standard_template_is_ready_in_at_most_150_keystrokes() {
    let home = tempfile::tempdir().unwrap();
    // A first run: the sample opens as an untitled copy.
    let mut h = harness(app(StartWith::Sample, home.path()));
    let mut keys = Keys(0);
    // Ctrl+N, Enter: the standard learning circle, cursor in the title.
    keys.chord(&mut h, Modifiers::COMMAND, Key::N);
    keys.key(&mut h, Key::Enter);
    settle(&mut h);
    keys.text(&mut h, "Leerkring Zwolle");
    // Ctrl+Shift+V: the paste dialog, municipalities first.
    keys.chord(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::V);
    keys.paste(&mut h, MUNICIPALITIES);
    h.get_by_label("5 nieuwe gemeenten");
    keys.chord(&mut h, Modifiers::COMMAND, Key::Enter);
    // Ctrl+Tab: participants; the summary before anything is applied.
    keys.chord(&mut h, Modifiers::CTRL, Key::Tab);
    keys.paste(&mut h, PARTICIPANTS);
    h.get_by_label("10 deelnemers, 1 nieuwe gast, 9 bij een bekende organisatie");
    h.get_by_label("regel 13: Anna de Vries · Gemeente Zwolle · griffier — staat al op regel 2");
    keys.chord(&mut h, Modifiers::COMMAND, Key::Enter);
    keys.key(&mut h, Key::Escape);
    // One agenda item changed: the round gets 60 minutes instead of 50.
    change_round_minutes(&mut h, &mut keys);

    let session = &h.state().state.session;
    assert_eq!(session.header.title, "Leerkring Zwolle");
    assert_eq!(session.municipalities().count(), 5);
    assert_eq!(session.guests().count(), 1);
    assert_eq!(session.participants.len(), 10);
    assert!(
        session
            .participants
            .iter()
            .all(|p| p.organisation.is_some())
    );
    let round = session.agenda.iter().find(|i| i.round.is_some()).unwrap();
    assert_eq!(round.planned_minutes, 60);
    assert_eq!(round.round.as_ref().unwrap().speakers.len(), 5);
    assert!(session.problems().is_empty(), "{:?}", session.problems());
    // Ten minutes more than the afternoon has: said, before the meeting.
    assert_eq!(session.planned_overrun(), Some(10));
    eprintln!("keystrokes for a ready meeting: {}", keys.0);
    assert!(keys.0 <= 150, "{} keystrokes", keys.0);
}

/// The round's planned minutes, 50 → 60, by keys: in the console's agenda
/// the round is chosen for editing (the clock stays where it is), and its
/// minutes are typed over.
fn change_round_minutes(h: &mut Harness<'static, LeerkringApp>, keys: &mut Keys) {
    keys.chord(h, Modifiers::COMMAND, Key::Num1);
    keys.tab_to(
        h,
        "Agendapunt 3 bewerken: Ronde: experimenten en ervaringen",
    );
    keys.key(h, Key::Space);
    keys.tab_to(h, "Gepland (min)");
    keys.chord(h, Modifiers::COMMAND, Key::A);
    keys.text(h, "60");
    keys.key(h, Key::Enter);
}

#[test]
fn a_session_saved_as_template_is_offered_for_the_next_meeting() {
    let home = tempfile::tempdir().unwrap();
    let mut h = harness(app(StartWith::Sample, home.path()));
    crate::console::run_command(&mut h, leerkring::app::Command::SaveAsTemplate);
    // The cursor is in the name field: type it, Enter saves.
    type_text(&mut h, "M50 formaat");
    press(&mut h, Key::Enter);
    h.get_by_label("Sjabloon opgeslagen: m50-formaat");
    press_with(&mut h, Modifiers::COMMAND, Key::N);
    let names: Vec<&str> = h
        .state()
        .state
        .templates
        .iter()
        .map(|t| t.name.as_str())
        .collect();
    assert_eq!(names, ["standaard", "kort", "leeg", "m50-formaat"]);
    for _ in 0..3 {
        press(&mut h, Key::ArrowDown);
    }
    press(&mut h, Key::Enter);
    settle(&mut h);
    let session = &h.state().state.session;
    assert_eq!(session.agenda.len(), 9);
    assert!(session.organisations.is_empty() && session.header.network.is_empty());
}

#[test]
fn the_overrun_is_shown_in_the_setup_and_the_agenda_but_never_on_the_projector() {
    let home = tempfile::tempdir().unwrap();
    let mut app = app(
        StartWith::NewFile(home.path().join("uitloop.json")),
        home.path(),
    );
    app.state.projector.open = true;
    app.state.projector.mode_override = Some(leerkring::ui::projector::ProjectorMode::Agenda);
    let mut h = harness(app);
    let round = h.state().state.session.agenda[2].id.clone();
    let ctx = h.ctx.clone();
    h.state_mut().run_intents(&ctx, {
        let mut intents = leerkring::app::Intents::default();
        intents.edit(leerkring::model::Edit::SetPlannedMinutes {
            item: round,
            minutes: 70,
        });
        intents
    });
    h.run_steps(4);
    let text = "De agenda loopt 20 minuten uit: gepland tot 16:20, de eindtijd is 16:00.";
    // The setup says it; the projector (embedded here, in agenda mode) does not.
    assert_eq!(h.query_all_by_label(text).count(), 1);
    press_with(&mut h, Modifiers::COMMAND, Key::Num1);
    h.run_steps(2);
    assert_eq!(
        h.query_all_by_label(text).count(),
        1,
        "the console's agenda"
    );
    // The projector's agenda mode, drawn with its accessible labels: every
    // item, and no word about running over.
    let session = h.state().state.session.clone();
    let projector = crate::projector::harness(
        leerkring::ui::projector::ProjectorView {
            mode: leerkring::ui::projector::ProjectorMode::Agenda,
            ..crate::projector::view(&session)
        },
        [1920.0, 1080.0],
        true,
    );
    projector.get_by_role_and_label(egui::accesskit::Role::Label, "Gast of inspiratie");
    assert!(projector.query_by_label(text).is_none());
    assert!(projector.query_by_label("20 min. uitloop").is_none());
}
