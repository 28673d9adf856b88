//! The console driven by keys and labels through kittest, on a frozen clock.

use chrono::TimeDelta;
use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use leerkring::app::runner::TimeState;
use leerkring::app::{ManualClock, View};
use leerkring::model::{BlockKind, Bullet, ItemId, Language, OrgId, Owner, Session, SpeakerStatus};
use leerkring::{LeerkringApp, StartWith};

use crate::support::{app, app_with_clock, test_clock};

pub fn harness(app: LeerkringApp) -> Harness<'static, LeerkringApp> {
    let mut harness = Harness::builder()
        .with_size([1600.0, 1000.0])
        .build_ui_state(
            |ui, app: &mut LeerkringApp| leerkring::shell::frame(app, ui),
            app,
        );
    harness.run_steps(3);
    harness
}

/// Types text into whichever field has the cursor (no focusing).
pub fn type_text(h: &mut Harness<'static, LeerkringApp>, text: &str) {
    h.event(Event::Text(text.to_owned()));
    h.run_steps(2);
}

pub fn press(h: &mut Harness<'static, LeerkringApp>, key: Key) {
    h.key_press(key);
    h.run_steps(2);
}

pub fn press_with(h: &mut Harness<'static, LeerkringApp>, modifiers: Modifiers, key: Key) {
    h.key_press_modifiers(modifiers, key);
    h.run_steps(2);
}

/// Carries out a command as its menu entry would (for commands without a key).
pub fn run_command(h: &mut Harness<'static, LeerkringApp>, command: leerkring::app::Command) {
    let ctx = h.ctx.clone();
    h.state_mut().run_command(command, &ctx);
    h.run_steps(2);
}

/// The keywords on one organisation's card, in order.
pub fn keywords_of(session: &Session, org: &str) -> Vec<String> {
    session
        .experiments
        .iter()
        .filter(|e| e.organisation == OrgId::new(org))
        .flat_map(|e| e.keywords.iter().map(|k| k.text.clone()))
        .collect()
}

/// A block's bullets as (depth, text), depth first.
pub fn texts(bullets: &[Bullet]) -> Vec<(usize, String)> {
    fn walk(out: &mut Vec<(usize, String)>, list: &[Bullet], depth: usize) {
        for b in list {
            out.push((depth, b.text.clone()));
            walk(out, &b.children, depth + 1);
        }
    }
    let mut out = Vec::new();
    walk(&mut out, bullets, 0);
    out
}

/// The sample's structure without content ("Copy of this session" on the sample).
fn empty_from_sample(home: &std::path::Path, clock: ManualClock) -> Harness<'static, LeerkringApp> {
    let mut h = harness(app_with_clock(StartWith::Sample, home, clock));
    run_command(&mut h, leerkring::app::Command::NewFromThis);
    assert!(h.state().state.session.experiments.is_empty());
    h
}

#[test]
fn typing_keywords_keeps_focus_and_undo_redo_work() {
    let home = tempfile::tempdir().unwrap();
    let mut h = empty_from_sample(home.path(), test_clock());
    // The keyword field of the first municipality has the cursor at once.
    let field = h.get_by_label("Trefwoord voor Meijerijstad");
    assert!(field.is_focused());

    for word in ["een", "twee", "drie", "vier", "vijf"] {
        type_text(&mut h, word);
        press(&mut h, Key::Enter);
    }
    press_with(&mut h, Modifiers::COMMAND, Key::ArrowDown);
    for word in ["zes", "zeven"] {
        type_text(&mut h, word);
        press(&mut h, Key::Enter);
    }
    {
        let s = &h.state().state.session;
        assert_eq!(
            keywords_of(s, "org-meijerijstad"),
            ["een", "twee", "drie", "vier", "vijf"]
        );
        assert_eq!(keywords_of(s, "org-lochem"), ["zes", "zeven"]);
    }
    for _ in 0..3 {
        press_with(&mut h, Modifiers::COMMAND, Key::Z);
    }
    press_with(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    let s = &h.state().state.session;
    assert_eq!(
        keywords_of(s, "org-meijerijstad"),
        ["een", "twee", "drie", "vier", "vijf"]
    );
    assert!(keywords_of(s, "org-lochem").is_empty());
    // The cursor never left the keyword field.
    assert!(h.get_by_label("Trefwoord voor Lochem").is_focused());
}

#[test]
fn ctrl_z_in_a_field_with_text_edits_the_text_not_the_session() {
    let home = tempfile::tempdir().unwrap();
    let mut h = empty_from_sample(home.path(), test_clock());
    type_text(&mut h, "een");
    press(&mut h, Key::Enter);
    type_text(&mut h, "half");
    press_with(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        keywords_of(&h.state().state.session, "org-meijerijstad"),
        ["een"]
    );
}

#[test]
fn keywords_are_selected_edited_moved_highlighted_and_deleted_by_keyboard() {
    let home = tempfile::tempdir().unwrap();
    let mut h = empty_from_sample(home.path(), test_clock());
    for word in ["a", "b", "c"] {
        type_text(&mut h, word);
        press(&mut h, Key::Enter);
    }
    press_with(&mut h, Modifiers::ALT, Key::ArrowUp); // selects "c"
    press_with(&mut h, Modifiers::ALT | Modifiers::SHIFT, Key::ArrowUp); // a c b
    press_with(&mut h, Modifiers::COMMAND, Key::H); // highlight c
    press(&mut h, Key::F2); // edit c
    for _ in 0..1 {
        press(&mut h, Key::Backspace);
    }
    type_text(&mut h, "C!");
    press(&mut h, Key::Enter);
    {
        let s = &h.state().state.session;
        assert_eq!(keywords_of(s, "org-meijerijstad"), ["a", "C!", "b"]);
        assert!(s.experiments[0].keywords[1].highlighted);
    }
    press_with(&mut h, Modifiers::ALT, Key::ArrowDown); // selects b
    press(&mut h, Key::Delete);
    assert_eq!(
        keywords_of(&h.state().state.session, "org-meijerijstad"),
        ["a", "C!"]
    );

    // Title by keyboard: Ctrl+E, type, Enter, and back in the keyword field.
    press_with(&mut h, Modifiers::COMMAND, Key::E);
    type_text(&mut h, "Participeren & leren");
    press(&mut h, Key::Enter);
    type_text(&mut h, "d");
    press(&mut h, Key::Enter);
    let s = &h.state().state.session;
    assert_eq!(s.experiments[0].title, "Participeren & leren");
    assert_eq!(keywords_of(s, "org-meijerijstad"), ["a", "C!", "d"]);
}

#[test]
fn agenda_clock_colours_at_80_and_100_percent_and_tracks_schedule() {
    let home = tempfile::tempdir().unwrap();
    let clock = test_clock();
    let mut h = harness(app_with_clock(
        StartWith::Sample,
        home.path(),
        clock.clone(),
    ));
    let opening = ItemId::new("item-opening");
    press(&mut h, Key::F5);
    h.get_by_label_contains("op schema");
    clock.advance(TimeDelta::minutes(8)); // 80 % of 10
    h.run_steps(2);
    let state = &h.state().state;
    assert_eq!(
        state.runner.time_state(&state.session, &opening, state.now),
        TimeState::Warning
    );
    clock.advance(TimeDelta::minutes(5)); // 13 of 10 minutes
    h.run_steps(2);
    let state = &h.state().state;
    assert_eq!(
        state.runner.time_state(&state.session, &opening, state.now),
        TimeState::Over
    );
    h.get_by_label_contains("3 min achter");
    assert!(
        h.query_all_by_label_contains("13:00 / 10:00")
            .next()
            .is_some()
    );

    press_with(&mut h, Modifiers::COMMAND, Key::PageDown);
    let session = &h.state().state.session;
    assert!(session.agenda[0].actual_end.is_some());
    assert!(session.agenda[1].actual_start.is_some());
    // Pausing stops the clock.
    press(&mut h, Key::F5);
    clock.advance(TimeDelta::minutes(30));
    h.run_steps(2);
    h.get_by_label_contains("gepauzeerd");
}

#[test]
fn a_round_with_three_speakers_records_airtime() {
    let home = tempfile::tempdir().unwrap();
    let clock = test_clock();
    let mut h = harness(app_with_clock(
        StartWith::Sample,
        home.path(),
        clock.clone(),
    ));
    // Go to the round (third item) and start it.
    press_with(&mut h, Modifiers::COMMAND, Key::PageDown);
    press_with(&mut h, Modifiers::COMMAND, Key::PageDown);
    press(&mut h, Key::F5);
    h.get_by_label_contains("Aan het woord: Meijerijstad");
    clock.advance(TimeDelta::minutes(4));
    h.run_steps(2);
    h.get_by_label_contains("Nog 01:00");
    press(&mut h, Key::F6);
    h.get_by_label_contains("Aan het woord: Coevorden");
    // The capture follows the speaker, and the cursor stays in the keyword field.
    assert!(h.get_by_label("Trefwoord voor Coevorden").is_focused());
    clock.advance(TimeDelta::minutes(6));
    h.run_steps(2);
    h.get_by_label_contains("01:00 over tijd");
    press_with(&mut h, Modifiers::SHIFT, Key::F6);
    h.get_by_label_contains("Aan het woord: Lochem");
    clock.advance(TimeDelta::seconds(90));
    press(&mut h, Key::F6);

    let round = h.state().state.session.agenda[2].round.clone().unwrap();
    let by = |org: &str| {
        round
            .speakers
            .iter()
            .find(|s| s.organisation == OrgId::new(org))
            .unwrap()
            .clone()
    };
    assert_eq!(by("org-meijerijstad").airtime_seconds, 240);
    assert_eq!(by("org-meijerijstad").status, SpeakerStatus::Done);
    assert_eq!(by("org-coevorden").airtime_seconds, 360);
    assert_eq!(by("org-coevorden").status, SpeakerStatus::Skipped);
    assert_eq!(by("org-lochem").airtime_seconds, 90);
    h.get_by_label_contains("Aan het woord: Waalwijk");
    assert_eq!(
        h.state()
            .state
            .card(h.state().view.capture.card)
            .unwrap()
            .org,
        OrgId::new("org-waalwijk")
    );
}

#[test]
fn bullets_nest_with_tab_and_markers_make_actions_and_questions() {
    let home = tempfile::tempdir().unwrap();
    let mut h = empty_from_sample(home.path(), test_clock());
    // To "Waar liggen de kansen?" (sixth item): the cursor goes to the bullet field.
    for _ in 0..5 {
        press_with(&mut h, Modifiers::COMMAND, Key::PageDown);
    }
    type_text(&mut h, "Participeren waar energie ligt");
    press(&mut h, Key::Enter);
    press(&mut h, Key::Tab);
    type_text(&mut h, "Goed kijken naar het krachtenveld");
    press(&mut h, Key::Enter);
    type_text(&mut h, "Kartrekkers zijn nodig #trekkers");
    press(&mut h, Key::Enter);
    press_with(&mut h, Modifiers::SHIFT, Key::Tab);
    type_text(&mut h, "Netwerkend werken");
    press(&mut h, Key::Enter);
    type_text(&mut h, "! Inspiratiebundel delen @VNG");
    press(&mut h, Key::Enter);
    type_text(&mut h, "? Wie wil gastgemeente zijn?");
    press(&mut h, Key::Enter);
    type_text(&mut h, "\\? Is dit gewone tekst?");
    press(&mut h, Key::Enter);

    let s = &h.state().state.session;
    assert_eq!(
        texts(&s.synthesis.opportunities.bullets),
        [
            (0, "Participeren waar energie ligt".to_owned()),
            (1, "Goed kijken naar het krachtenveld".to_owned()),
            (1, "Kartrekkers zijn nodig".to_owned()),
            (0, "Netwerkend werken".to_owned()),
            (0, "? Is dit gewone tekst?".to_owned()),
        ]
    );
    assert_eq!(
        s.synthesis.opportunities.bullets[0].children[1].tags,
        ["trekkers"]
    );
    assert_eq!(s.synthesis.actions.len(), 1);
    assert_eq!(s.synthesis.actions[0].text, "Inspiratiebundel delen");
    assert_eq!(
        s.synthesis.actions[0].owner,
        Some(Owner::Organisation(OrgId::new("org-vng")))
    );
    assert_eq!(
        texts(&s.synthesis.open_questions.bullets),
        [(0, "Wie wil gastgemeente zijn?".to_owned())]
    );
}

#[test]
fn switching_language_changes_the_labels() {
    let home = tempfile::tempdir().unwrap();
    let mut h = harness(app(StartWith::Sample, home.path()));
    h.get_by_label("Trefwoord voor Meijerijstad");
    h.get_by_label("Start / pauze (F5)");
    h.get_by_label("Taal").click();
    h.run_steps(2);
    h.get_by_label("English").click();
    h.run_steps(3);
    h.get_by_label("Keyword for Meijerijstad");
    h.get_by_label("Start / pause (F5)");
    assert_eq!(h.state().state.ui_lang, Language::En);
    h.get_by_label("Language").click();
    h.run_steps(2);
    h.get_by_label("Nederlands").click();
    h.run_steps(3);
    h.get_by_label("Trefwoord voor Meijerijstad");
}

#[test]
fn cheat_sheet_lists_every_shortcut() {
    let home = tempfile::tempdir().unwrap();
    let mut h = harness(app(StartWith::Sample, home.path()));
    press(&mut h, Key::F1);
    assert!(h.state().view.cheat_sheet_open);
    for (_, command) in leerkring::ui::cheat_sheet_rows() {
        assert!(
            h.query_all_by_label(command.label(Language::Nl))
                .next()
                .is_some(),
            "{command:?} missing from the cheat sheet"
        );
    }
}

#[test]
fn setup_view_edits_header_and_pastes_participants() {
    let home = tempfile::tempdir().unwrap();
    let mut h = harness(app(StartWith::Sample, home.path()));
    // Tall enough that the paste button is on screen (kittest clicks only visible widgets).
    h.set_size(egui::vec2(1600.0, 2000.0));
    press_with(&mut h, Modifiers::COMMAND, Key::Num2);
    assert_eq!(h.state().view.view, View::Setup);
    h.get_by_label("Bijeenkomst");
    h.state_mut().state.session.participants.clear();
    h.run_steps(2);
    let paste = h.get_by_label(
        "Plak regels uit een mail, Word of Excel: 'Naam, Organisatie, Rol' of cellen met tabs",
    );
    paste.focus();
    h.run_steps(2);
    type_text(&mut h, "Anna de Boer\tGemeente Zeist\tgriffier");
    let value = h
        .get_by_label(
            "Plak regels uit een mail, Word of Excel: 'Naam, Organisatie, Rol' of cellen met tabs",
        )
        .value();
    assert_eq!(
        value.as_deref(),
        Some("Anna de Boer\tGemeente Zeist\tgriffier")
    );
    h.get_by_label("Deelnemers toevoegen uit geplakte tekst")
        .click();
    h.run_steps(3);
    let s = &h.state().state.session;
    assert_eq!(s.participants.len(), 1);
    assert_eq!(
        s.participants[0].organisation,
        Some(OrgId::new("org-zeist"))
    );
    assert_eq!(s.participant_count(), Some(1));
    // Undo takes the paste back.
    press_with(&mut h, Modifiers::COMMAND, Key::Z);
    assert!(h.state().state.session.participants.is_empty());
}

#[test]
fn setup_records_the_note_taker_and_each_organisation_s_attendance() {
    let home = tempfile::tempdir().unwrap();
    let mut h = harness(app(StartWith::Sample, home.path()));
    h.set_size(egui::vec2(1600.0, 2000.0));
    press_with(&mut h, Modifiers::COMMAND, Key::Num2);
    h.get_by_label("Notulist").focus();
    h.run_steps(2);
    type_text(&mut h, "Jeroen de Wit");
    h.get_by_label("Voorzitter (als dat iemand anders is)")
        .focus();
    h.run_steps(2);
    type_text(&mut h, "Anna");
    let header = &h.state().state.session.header;
    assert_eq!(header.note_taker, "Jeroen de Wit");
    assert_eq!(header.chair, "Anna");

    // Coevorden did not come after all.
    h.get_by_label("Aanwezigheid Coevorden").click();
    h.run_steps(2);
    h.get_by_label("afwezig").click();
    h.run_steps(3);
    let s = &h.state().state.session;
    assert_eq!(s.attended(&OrgId::new("org-coevorden")), Some(false));
    assert_eq!(s.attending_municipalities().count(), 11);
    // Undo brings it back.
    press_with(&mut h, Modifiers::COMMAND, Key::Z);
    let s = &h.state().state.session;
    assert_eq!(s.attended(&OrgId::new("org-coevorden")), Some(true));

    // With named participants, their ticks decide and the setup says so.
    h.state_mut()
        .state
        .session
        .add_pasted_participants("Anna de Boer, Zeist\nPiet, Zeist");
    h.state_mut().state.session.participants[1].present = false;
    h.run_steps(2);
    h.get_by_label("1 van 2 aanwezig (uit de namen)");
}

/// The "done when": only key events build the sample's experiments
/// and synthesis from an empty session with the sample's organisations.
#[test]
fn keyboard_alone_rebuilds_the_sample() {
    let home = tempfile::tempdir().unwrap();
    let sample = leerkring::app::sample_session();
    let mut h = empty_from_sample(home.path(), test_clock());

    // Experiments, in whiteboard order: move to each card with Ctrl+↑/↓.
    let card_of = |org: &OrgId, h: &Harness<'static, LeerkringApp>| {
        h.state()
            .state
            .session
            .cards()
            .iter()
            .position(|c| &c.org == org)
            .unwrap()
    };
    for experiment in &sample.experiments {
        let target = card_of(&experiment.organisation, &h);
        loop {
            let current = h.state().view.capture.card;
            match current.cmp(&target) {
                std::cmp::Ordering::Less => press_with(&mut h, Modifiers::COMMAND, Key::ArrowDown),
                std::cmp::Ordering::Greater => press_with(&mut h, Modifiers::COMMAND, Key::ArrowUp),
                std::cmp::Ordering::Equal => break,
            }
        }
        press_with(&mut h, Modifiers::COMMAND, Key::E);
        type_text(&mut h, &experiment.title);
        press(&mut h, Key::Enter);
        for keyword in &experiment.keywords {
            type_text(&mut h, &keyword.text);
            press(&mut h, Key::Enter);
        }
    }

    // Synthesis: walk the agenda; items with a block take bullets.
    let mut depth = 0usize;
    for (index, item) in sample.agenda.iter().enumerate() {
        if index > 0 {
            press_with(&mut h, Modifiers::COMMAND, Key::PageDown);
            depth = 0;
        }
        for note in &item.notes {
            press_with(&mut h, Modifiers::COMMAND, Key::M);
            for (i, line) in note.text.lines().enumerate() {
                if i > 0 {
                    press(&mut h, Key::Enter);
                }
                type_text(&mut h, line);
            }
            press_with(&mut h, Modifiers::COMMAND, Key::Enter);
        }
        let Some(block) = item.block else { continue };
        press_with(&mut h, Modifiers::COMMAND, Key::B);
        for (d, text) in texts(&sample.synthesis.block(block).bullets) {
            while depth < d {
                press(&mut h, Key::Tab);
                depth += 1;
            }
            while depth > d {
                press_with(&mut h, Modifiers::SHIFT, Key::Tab);
                depth -= 1;
            }
            type_text(&mut h, &text);
            press(&mut h, Key::Enter);
        }
    }

    // Actions with the `!` marker and an @owner, at the last item.
    for action in &sample.synthesis.actions {
        let owner = match &action.owner {
            Some(Owner::Organisation(_)) => "VNG".to_owned(),
            Some(Owner::Name(name)) => name.clone(),
            other => panic!("the sample has no owner like {other:?}"),
        };
        type_text(&mut h, &format!("! {} @{owner}", action.text));
        press(&mut h, Key::Enter);
    }

    let built = &h.state().state.session;
    let actions = |s: &Session| -> Vec<(String, Option<Owner>)> {
        s.synthesis
            .actions
            .iter()
            .map(|a| (a.text.clone(), a.owner.clone()))
            .collect()
    };
    assert_eq!(actions(built), actions(&sample));
    assert_eq!(built.experiments.len(), sample.experiments.len());
    for (b, s) in built.experiments.iter().zip(&sample.experiments) {
        assert_eq!(b.organisation, s.organisation);
        assert_eq!(b.title, s.title);
        let bk: Vec<_> = b.keywords.iter().map(|k| &k.text).collect();
        let sk: Vec<_> = s.keywords.iter().map(|k| &k.text).collect();
        assert_eq!(bk, sk, "{}", s.title);
    }
    for block in BlockKind::ALL {
        assert_eq!(
            texts(&built.synthesis.block(block).bullets),
            texts(&sample.synthesis.block(block).bullets),
            "{block:?}"
        );
        assert_eq!(
            built.synthesis.block(block).heading,
            sample.synthesis.block(block).heading
        );
    }
    for (b, s) in built.agenda.iter().zip(&sample.agenda) {
        let bn: Vec<_> = b.notes.iter().map(|n| (&n.text, n.visibility)).collect();
        let sn: Vec<_> = s.notes.iter().map(|n| (&n.text, n.visibility)).collect();
        assert_eq!(bn, sn, "{}", s.title);
    }
}

#[test]
fn unsaved_untitled_changes_are_never_dropped_without_asking() {
    let home = tempfile::tempdir().unwrap();
    let mut h = harness(app(StartWith::Sample, home.path()));
    type_text(&mut h, "nieuw");
    press(&mut h, Key::Enter);
    press_with(&mut h, Modifiers::COMMAND, Key::Q);
    assert!(!h.state().is_quitting());
    h.get_by_label("Wijzigingen opslaan?");
    // A recovery copy exists whatever the answer.
    let recovery = leerkring::store::AppDirs::in_folder(home.path()).recovery_dir();
    assert_eq!(std::fs::read_dir(&recovery).unwrap().count(), 1);
    h.get_by_label("Annuleren").click();
    h.run_steps(2);
    assert!(h.state().state.pending_leave.is_none());
    assert!(!h.state().is_quitting());

    // Opening another session asks too; "keep as recovery copy" goes on.
    run_command(&mut h, leerkring::app::Command::NewFromThis);
    h.get_by_label("Als herstelkopie houden").click();
    h.run_steps(2);
    assert!(
        h.state().state.session.experiments.is_empty(),
        "the new session is open"
    );
    // The copy of the sample is new work too: quitting asks.
    press_with(&mut h, Modifiers::COMMAND, Key::Q);
    h.get_by_label("Als herstelkopie houden").click();
    h.run_steps(2);
    assert!(h.state().is_quitting());
}

#[test]
fn a_session_with_a_file_is_saved_before_leaving_without_a_question() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("sessie.json");
    std::fs::copy(crate::support::sample_path(), &file).unwrap();
    let mut h = harness(app(StartWith::File(file.clone()), home.path()));
    type_text(&mut h, "bewaard");
    press(&mut h, Key::Enter);
    press_with(&mut h, Modifiers::COMMAND, Key::Q);
    assert!(h.state().is_quitting());
    assert!(h.state().state.pending_leave.is_none());
    let saved = leerkring::store::load_session(&file).unwrap();
    assert_eq!(saved.keyword_count(), 67);
}

#[test]
fn actions_get_owner_due_date_and_status_and_meetings_are_planned() {
    let home = tempfile::tempdir().unwrap();
    let mut h = empty_from_sample(home.path(), test_clock());
    h.set_size(egui::vec2(1600.0, 2400.0));
    h.run_steps(2);
    // Plan the next meeting first: a new action is due then.
    h.get_by_label("Volgende bijeenkomsten (0)").click();
    h.run_steps(2);
    h.get_by_label("Bijeenkomst toevoegen").click();
    h.run_steps(2);
    let when = h.get_by_label("Wanneer (bv. eind juni 2020) 1");
    when.focus();
    h.run_steps(2);
    type_text(&mut h, "eind juni 2020");
    h.run_steps(2);
    assert_eq!(
        h.state().state.session.default_due_date(),
        chrono::NaiveDate::from_ymd_opt(2020, 6, 30)
    );

    // An action typed with markers gets that due date; then its owner is retyped.
    press_with(&mut h, Modifiers::COMMAND, Key::B);
    type_text(&mut h, "! Inspiratiebundel delen @VNG");
    press(&mut h, Key::Enter);
    let action = h.state().state.session.synthesis.actions[0].clone();
    assert_eq!(action.due, chrono::NaiveDate::from_ymd_opt(2020, 6, 30));
    assert_eq!(
        action.owner,
        Some(Owner::Organisation(OrgId::new("org-vng")))
    );
    h.get_by_label("Actiepunten (1)").click();
    h.run_steps(2);
    let owner = h.get_by_label("Eigenaar");
    owner.focus();
    h.run_steps(2);
    press_with(&mut h, Modifiers::COMMAND, Key::A);
    type_text(&mut h, "Zeist");
    let action = h.state().state.session.synthesis.actions[0].clone();
    assert_eq!(
        action.owner,
        Some(Owner::Organisation(OrgId::new("org-zeist")))
    );
    assert_eq!(action.due, chrono::NaiveDate::from_ymd_opt(2020, 6, 30));
}

#[test]
fn every_change_is_on_disk_within_two_seconds_without_ctrl_s() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("sessie.json");
    std::fs::copy(crate::support::sample_path(), &file).unwrap();
    let clock = crate::support::test_clock();
    let mut h = harness(crate::support::app_with_clock(
        StartWith::File(file.clone()),
        home.path(),
        clock.clone(),
    ));
    type_text(&mut h, "autosave");
    press(&mut h, Key::Enter);
    h.get_by_label("niet opgeslagen");
    // The app waits by its clock, which the test moves: 100 ms a frame, two
    // seconds in all. The write itself happens on the autosave thread, in
    // real time (a generous bound, never reached).
    for _ in 0..20 {
        clock.advance(chrono::TimeDelta::milliseconds(100));
        h.run_steps(1);
    }
    let start = std::time::Instant::now();
    while h.state().state.dirty && start.elapsed() < std::time::Duration::from_secs(10) {
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.run_steps(1);
    }
    assert!(!h.state().state.dirty, "saved within 2 s of the clock");
    let saved = leerkring::store::load_session(&file).unwrap();
    assert_eq!(saved.keyword_count(), 67);
    h.run_steps(2);
    h.get_by_label("opgeslagen 14:32");
}

/// The projector window is embedded in the kittest harness; only its nodes
/// carry a keyword's exact text (the console shows "• keyword").
fn on_projector(h: &Harness<'static, LeerkringApp>, text: &str) -> bool {
    h.query_all_by_label(text).next().is_some()
}

fn with_projector(home: &std::path::Path) -> Harness<'static, LeerkringApp> {
    let mut app = app(StartWith::Sample, home);
    app.state.projector.open = true;
    app.state.projector.mode_override = Some(leerkring::ui::projector::ProjectorMode::Whiteboard);
    let mut h = Harness::builder()
        .with_size([1600.0, 1000.0])
        .build_ui_state(
            |ui, app: &mut LeerkringApp| leerkring::shell::frame(app, ui),
            app,
        );
    h.run_steps(4);
    h
}

#[test]
fn half_typed_keywords_never_reach_the_projector() {
    let home = tempfile::tempdir().unwrap();
    let mut h = with_projector(home.path());
    assert!(
        on_projector(&h, "cultuur samen leren"),
        "the projector shows the sample"
    );
    type_text(&mut h, "halve gedachte");
    h.run_steps(2);
    assert!(
        !on_projector(&h, "halve gedachte"),
        "typing stays in the console"
    );
    press(&mut h, Key::Enter);
    h.run_steps(2);
    assert!(
        on_projector(&h, "halve gedachte"),
        "after Enter the room sees it"
    );
}

#[test]
fn an_edited_keyword_keeps_its_old_text_on_the_projector_until_enter() {
    let home = tempfile::tempdir().unwrap();
    let mut h = with_projector(home.path());
    // Select the first keyword ("cultuur samen leren") and edit it.
    for _ in 0..6 {
        press_with(&mut h, Modifiers::ALT, Key::ArrowUp);
    }
    press(&mut h, Key::F2);
    press_with(&mut h, Modifiers::COMMAND, Key::A);
    type_text(&mut h, "samen leren als cultuur");
    h.run_steps(2);
    assert!(on_projector(&h, "cultuur samen leren"));
    assert!(!on_projector(&h, "samen leren als cultuur"));
    // Esc restores: nothing changed.
    press(&mut h, Key::Escape);
    assert_eq!(
        h.state().state.session.experiments[0].keywords[0].text,
        "cultuur samen leren"
    );
    // Edit again and commit with Enter.
    press(&mut h, Key::F2);
    press_with(&mut h, Modifiers::COMMAND, Key::A);
    type_text(&mut h, "samen leren als cultuur");
    press(&mut h, Key::Enter);
    h.run_steps(2);
    assert!(on_projector(&h, "samen leren als cultuur"));
    assert!(!on_projector(&h, "cultuur samen leren"));
}

#[test]
fn freeze_holds_the_picture_and_black_hides_it() {
    let home = tempfile::tempdir().unwrap();
    let mut h = with_projector(home.path());
    press(&mut h, Key::F9); // freeze
    type_text(&mut h, "na het bevriezen");
    press(&mut h, Key::Enter);
    h.run_steps(2);
    assert!(
        !on_projector(&h, "na het bevriezen"),
        "the frozen picture stays"
    );
    assert!(on_projector(&h, "cultuur samen leren"));
    h.get_by_label_contains("BEVROREN");
    press(&mut h, Key::F9); // thaw
    h.run_steps(2);
    assert!(on_projector(&h, "na het bevriezen"));
    press(&mut h, Key::F8); // black
    h.run_steps(2);
    assert!(
        !on_projector(&h, "cultuur samen leren"),
        "a black screen shows nothing"
    );
    press(&mut h, Key::F8);
    h.run_steps(2);
    assert!(on_projector(&h, "cultuur samen leren"));
}

#[test]
fn the_projector_mode_follows_the_agenda_item() {
    use leerkring::ui::projector::ProjectorMode;
    let home = tempfile::tempdir().unwrap();
    let mut h = harness(app(StartWith::Sample, home.path()));
    assert_eq!(
        h.state().state.projector_mode(),
        ProjectorMode::Agenda,
        "opening"
    );
    press_with(&mut h, Modifiers::COMMAND, Key::PageDown);
    press_with(&mut h, Modifiers::COMMAND, Key::PageDown);
    assert_eq!(
        h.state().state.projector_mode(),
        ProjectorMode::Whiteboard,
        "round"
    );
    for _ in 0..2 {
        press_with(&mut h, Modifiers::COMMAND, Key::PageDown);
    }
    assert_eq!(
        h.state().state.projector_mode(),
        ProjectorMode::Synthesis,
        "Wat valt op?"
    );
    press_with(&mut h, Modifiers::ALT, Key::Num5);
    assert_eq!(
        h.state().state.projector_mode(),
        ProjectorMode::Timer,
        "override"
    );
    press_with(&mut h, Modifiers::ALT, Key::Num0);
    assert_eq!(
        h.state().state.projector_mode(),
        ProjectorMode::Synthesis,
        "back to auto"
    );
}

#[test]
fn a_huge_paste_is_cut_at_the_limit_with_a_message() {
    let home = tempfile::tempdir().unwrap();
    let mut h = empty_from_sample(home.path(), test_clock());
    let huge = "participatie ".repeat(80_000); // about 1 MB
    h.event(Event::Paste(huge));
    h.run_steps(2);
    let limit = leerkring::model::limits::KEYWORD_MAX_CHARS;
    assert_eq!(h.state().view.capture.keyword.chars().count(), limit);
    h.get_by_label_contains("de rest van de geplakte tekst is weggelaten");
    press(&mut h, Key::Enter);
    let s = &h.state().state.session;
    assert_eq!(s.experiments[0].keywords[0].text.chars().count(), limit);
}

/// Alt+1 switches the projector to the whiteboard; X11 and Windows send the
/// same press as the text "1" too, which must not land in the keyword field.
#[test]
fn alt_digit_switches_the_projector_mode_without_typing_the_digit() {
    let home = tempfile::tempdir().unwrap();
    let mut h = harness(app(StartWith::Sample, home.path()));
    assert!(h.get_by_label("Trefwoord voor Meijerijstad").is_focused());
    type_text(&mut h, "zeep");
    // One frame with both events, as egui-winit delivers one key press.
    h.input_mut().events.extend([
        Event::Key {
            key: Key::Num1,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: Modifiers::ALT,
        },
        Event::Text("1".into()),
    ]);
    h.step();
    h.run_steps(2);
    let app = h.state();
    assert_eq!(
        app.state.projector.mode_override,
        Some(leerkring::ui::projector::ProjectorMode::Whiteboard)
    );
    assert_eq!(app.view.capture.keyword, "zeep", "no digit in the field");
}
