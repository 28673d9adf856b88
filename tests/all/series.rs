//! A series of sessions: the follow-up of the sample (library, command line
//! and app), the console's "last time" and look-back item, the series view,
//! and the report's "since last time".

use std::path::{Path, PathBuf};

use egui_kittest::kittest::Queryable;
use leerkring::StartWith;
use leerkring::app::Request;
use leerkring::i18n::Language;
use leerkring::model::{ActionStatus, BlockKind, OrgId, Session};
use leerkring::report::{ExportOptions, Format, render};
use leerkring::store::{self, series::write_follow_up};
use leerkring::ui::projector::ProjectorMode;

use crate::console::{harness, press_with};
use crate::support::{app, run_binary, sample_path, text};

const HOSTING: &str = "Wie wil gastgemeente zijn voor één van deze bijeenkomsten?";
const SAMPLE_NAME: &str = "2020-02-04-m50-democratische-vernieuwing.json";

/// A copy of the sample in a fresh folder (the one in `sessions/` is never changed).
fn sample_copy(folder: &Path) -> PathBuf {
    let copy = folder.join(SAMPLE_NAME);
    std::fs::copy(sample_path(), &copy).expect("the sample copies");
    copy
}

fn check_follow_up(next: &Session, remaining: &str) {
    assert!(next.problems().is_empty(), "{:?}", next.problems());
    assert!(next.experiments.is_empty());
    assert_eq!(next.organisations.len(), 13);
    let questions: Vec<_> = next
        .synthesis
        .open_questions
        .bullets
        .iter()
        .map(|b| b.text.as_str())
        .collect();
    assert_eq!(
        questions,
        [HOSTING],
        "the open question about hosting is carried"
    );
    let planned: Vec<_> = next
        .synthesis
        .next_meetings
        .iter()
        .map(|m| m.id.as_str())
        .collect();
    assert_eq!(planned, [remaining], "the other meeting stays planned");
    assert_eq!(
        next.synthesis.actions.len(),
        2,
        "both open actions are carried"
    );
    assert!(
        next.synthesis
            .actions
            .iter()
            .all(|a| a.status == ActionStatus::Open)
    );
    let titles: Vec<_> = next
        .agenda
        .iter()
        .take(2)
        .map(|i| i.title.as_str())
        .collect();
    assert_eq!(
        titles,
        ["Opening en welkom", "Terugblik"],
        "welcome, then look back"
    );
    let previous = next
        .previous
        .as_ref()
        .expect("a follow-up knows its previous session");
    assert_eq!(previous.file, SAMPLE_NAME);
    assert_eq!(
        previous.title,
        "Kick-off bijeenkomst Democratische vernieuwing M50"
    );
    assert_eq!(previous.review_item.as_ref(), Some(&next.agenda[1].id));
    assert!(
        next.synthesis
            .actions
            .iter()
            .all(|a| a.from.as_ref().is_some_and(|m| m.title == previous.title)),
        "carried actions name the kick-off"
    );
    assert_eq!(previous.experiments.len(), 12);
    assert_eq!(next.header.network, "M50");
    assert_eq!(next.header.theme, "Democratische vernieuwing");
    assert_eq!(next.header.date, None, "only the month is planned");
}

#[test]
fn follow_up_of_the_sample_carries_the_hosting_question_for_either_meeting() {
    for (meeting, title_start, remaining, name) in [
        (
            0,
            "Thorbecke",
            "meeting-2",
            "2020-06-m50-democratische-vernieuwing.json",
        ),
        (
            1,
            "The next step",
            "meeting-1",
            "2020-12-m50-democratische-vernieuwing.json",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let kick_off = sample_copy(dir.path());
        let previous = store::load_session(&kick_off).unwrap();
        let (path, next) = write_follow_up(
            &previous,
            &kick_off,
            meeting,
            "Terugblik",
            None,
            false,
            None,
        )
        .unwrap();
        assert_eq!(path.file_name().unwrap().to_string_lossy(), name);
        assert!(next.header.title.starts_with(title_start));
        check_follow_up(&next, remaining);
        let loaded = store::load_session(&path).unwrap();
        assert_eq!(loaded, next, "saves and loads unchanged");
        assert_eq!(
            std::fs::read(&kick_off).unwrap(),
            std::fs::read(sample_path()).unwrap(),
            "the previous file is never changed"
        );
    }
}

#[test]
fn cli_follow_up_writes_next_to_the_session_and_never_overwrites() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let kick_off = sample_copy(dir.path());
    let run = |args: &[&std::ffi::OsStr], locale: &str| run_binary(args, home.path(), locale);

    let out = run(
        &[
            "follow-up".as_ref(),
            kick_off.as_os_str(),
            "--meeting".as_ref(),
            "2".as_ref(),
        ],
        "C",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let written = dir
        .path()
        .join("2020-12-m50-democratische-vernieuwing.json");
    assert!(text(&out.stdout).contains("wrote"), "{}", text(&out.stdout));
    let next = store::load_session(&written).unwrap();
    check_follow_up(&next, "meeting-1");

    let check = run(&["check".as_ref(), written.as_os_str()], "C");
    assert!(check.status.success(), "{}", text(&check.stderr));

    let again = run(
        &[
            "follow-up".as_ref(),
            kick_off.as_os_str(),
            "--meeting=2".as_ref(),
            "-o".as_ref(),
            written.as_os_str(),
        ],
        "C",
    );
    assert!(!again.status.success());
    assert!(
        text(&again.stderr).contains("exists already"),
        "{}",
        text(&again.stderr)
    );
    assert_eq!(store::load_session(&written).unwrap(), next, "untouched");

    let missing = run(
        &[
            "follow-up".as_ref(),
            kick_off.as_os_str(),
            "--meeting".as_ref(),
            "3".as_ref(),
        ],
        "nl_NL.UTF-8",
    );
    assert!(!missing.status.success());
    assert!(
        text(&missing.stderr).contains("geen geplande bijeenkomst 3"),
        "{}",
        text(&missing.stderr)
    );

    let help = run(&["follow-up".as_ref(), "--help".as_ref()], "C");
    assert!(help.status.success());
    assert!(text(&help.stdout).contains("leerkring follow-up SESSION.json"));
}

/// The kick-off and its June follow-up (with Meijerijstad's new experiment)
/// in one folder; returns the follow-up's file.
fn series_folder(folder: &Path) -> PathBuf {
    let kick_off = sample_copy(folder);
    let previous = store::load_session(&kick_off).expect("the sample loads");
    let (path, mut next) = write_follow_up(&previous, &kick_off, 0, "Terugblik", None, false, None)
        .expect("the follow-up is written");
    let exp = next.add_experiment(&OrgId::new("org-meijerijstad"));
    next.experiment_mut(&exp).expect("just added").title = "Inwonerspanel".into();
    next.add_keyword(&exp, "loting");
    store::save_session(&path, &next).expect("the follow-up saves");
    path
}

#[test]
fn the_console_shows_last_time_and_the_look_back() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let follow_up = series_folder(dir.path());
    let mut started = app(StartWith::File(follow_up), home.path());
    started.state.ui_lang = Language::Nl;
    let mut h = harness(started);

    // Meijerijstad's card, selected first: last time's experiment beside it.
    h.get_by_label("Vorige keer");
    h.get_by_label("⊗ Participeren & leren");
    // After the opening, the look-back item holds what February left open.
    press_with(&mut h, egui::Modifiers::COMMAND, egui::Key::PageDown);
    h.get_by_label("Terugblik op Kick-off bijeenkomst Democratische vernieuwing M50");
    h.get_by_label("Open actiepunten van vorige keer");
    h.get_by_label(&format!("? {HOSTING}"));
    // The room sees the open questions (never the console's "last time").
    let state = &h.state().state;
    assert_eq!(state.auto_projector_mode(), ProjectorMode::Synthesis);
    assert_eq!(state.active_block(), BlockKind::OpenQuestions);
    let mail = "Ideeën over het vervolg per mail doorgeven";
    h.get_by_label(mail).click();
    h.run_steps(2);
    let actions = &h.state().state.session.synthesis.actions;
    assert_eq!(actions[1].status, ActionStatus::Done);
    assert_eq!(actions[0].status, ActionStatus::Open);
    h.get_by_label(mail).click();
    h.run_steps(2);
    let actions = &h.state().state.session.synthesis.actions;
    assert_eq!(
        actions[1].status,
        ActionStatus::Open,
        "unticked: open again"
    );
}

#[test]
fn series_view_lists_the_meetings_and_each_municipality_s_experiments() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let follow_up = series_folder(dir.path());
    std::fs::write(dir.path().join("kapot.json"), b"{ niet af").unwrap();
    let mut started = app(StartWith::File(follow_up), home.path());
    started.state.ui_lang = Language::Nl;
    let mut h = harness(started);
    press_with(
        &mut h,
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::R,
    );
    crate::support::settle(&mut h);
    let view = h
        .state()
        .state
        .series
        .clone()
        .expect("the series view is open");
    assert_eq!(view.meetings.len(), 2);
    assert_eq!(view.skipped.len(), 1, "the unreadable file is noted");

    // Each date heads its row in the list and its column in the timeline.
    for date in ["4 februari 2020", "eind juni 2020"] {
        assert_eq!(h.query_all_by_label(date).count(), 2, "{date}");
    }
    h.get_by_label("(deze sessie)");
    // The timeline: Meijerijstad's experiments in February and in June.
    h.get_by_label("⊗ Inwonerspanel");
    h.get_by_label("loting");
    assert_eq!(
        h.query_all_by_label("⊗ Participeren & leren").count(),
        2,
        "in the timeline and beside the console's card"
    );

    // Each meeting opens from the list.
    h.get_by_label("Kick-off bijeenkomst Democratische vernieuwing M50")
        .click();
    h.run_steps(3);
    crate::support::settle(&mut h);
    let state = &h.state().state;
    assert_eq!(
        state.session.header.date.map(|d| d.to_string()),
        Some("2020-02-04".into())
    );
    assert!(state.series.is_none());
}

#[test]
fn the_app_makes_the_december_follow_up_next_to_the_kick_off_and_opens_it() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let kick_off = sample_copy(dir.path());
    let mut started = app(StartWith::File(kick_off), home.path());
    started.state.ui_lang = Language::Nl;
    let mut h = harness(started);
    let ctx = h.ctx.clone();
    h.state_mut().run_request(Request::NewFollowUp(1), &ctx);
    crate::support::settle(&mut h);
    let state = &h.state().state;
    let expected = dir
        .path()
        .join("2020-12-m50-democratische-vernieuwing.json");
    assert_eq!(state.file.as_deref(), Some(expected.as_path()));
    check_follow_up(&state.session, "meeting-1");
    press_with(&mut h, egui::Modifiers::COMMAND, egui::Key::PageDown);
    h.get_by_label(&format!("? {HOSTING}"));
}

#[test]
fn report_of_a_follow_up_says_what_changed_since_last_time() {
    let dir = tempfile::tempdir().unwrap();
    let follow_up = series_folder(dir.path());
    let session = store::load_session(&follow_up).unwrap();
    let bytes = render(&session, Format::Markdown, &ExportOptions::new(false)).unwrap();
    let md = String::from_utf8(bytes).unwrap();
    assert!(md.contains("### Sinds de vorige keer"), "{md}");
    assert!(
        md.contains(
            "Vorige keer (4 februari 2020): **Participeren & leren** — cultuur samen leren · \
             startgesprek = exp. · raad 1^o woord"
        ),
        "keywords kept apart by a middle dot: {md}"
    );
    assert!(md.contains("Nu: **Inwonerspanel** — loting"), "{md}");
    assert!(
        md.contains("Nog geen nieuw experiment: Lochem, Coevorden, Oosterhout,"),
        "one line for the municipalities without a new experiment: {md}"
    );
    assert_eq!(md.matches("Nog geen nieuw experiment").count(), 1, "{md}");
    assert!(
        md.contains("**Datum:** eind juni 2020"),
        "the planned month: {md}"
    );
    let opening = md.find("## 1. Opening en welkom").expect("the opening");
    let review = md.find("## 2. Terugblik").expect("the look-back");
    assert!(opening < review);

    let kick_off = store::load_session(&sample_path()).unwrap();
    let bytes = render(&kick_off, Format::Markdown, &ExportOptions::new(false)).unwrap();
    assert!(
        !String::from_utf8(bytes)
            .unwrap()
            .contains("Sinds de vorige keer")
    );
}
