//! The projector's content: the free function drawn in a kittest harness at
//! beamer sizes, found through its accessibility nodes (one per text).

use egui::accesskit::Role;
use egui::{Rect, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use leerkring::model::{
    BlockKind, ItemId, Language, Note, NoteId, OrgId, OrgKind, Organisation, Session, Visibility,
};
use leerkring::store;
use leerkring::ui::projector::{
    BeamerTheme, Blank, ProjectorMode, ProjectorReport, ProjectorView, TimerView, projector_ui,
};

use crate::support::sample_path;

pub fn sample() -> Session {
    store::load_session(&sample_path()).expect("the sample session loads")
}

pub fn view(session: &Session) -> ProjectorView<'_> {
    ProjectorView {
        session,
        mode: ProjectorMode::Whiteboard,
        current_item: None,
        item_timer: None,
        speaker: None,
        block: BlockKind::Observations,
        show_header: true,
        title_marker: true,
        theme: BeamerTheme::Light,
        blank: Blank::Off,
        lang: Language::Nl,
        page: 0,
        photo: None,
        join: None,
        vote: None,
    }
}

/// The projector drawn on the whole screen of `size` at one pixel per point.
pub fn harness(
    view: ProjectorView<'_>,
    size: [f32; 2],
    accessible: bool,
) -> Harness<'_, Option<ProjectorReport>> {
    let mut harness = Harness::builder()
        .with_size(size)
        .with_pixels_per_point(1.0)
        .build_ui_state(
            move |ui, report: &mut Option<ProjectorReport>| {
                leerkring::ui::theme::install(ui.ctx());
                let rect = ui.ctx().content_rect();
                ui.set_clip_rect(rect);
                *report = Some(projector_ui(ui, rect, &view, accessible));
            },
            None,
        );
    harness.run();
    harness
}

pub fn report(harness: &Harness<'_, Option<ProjectorReport>>) -> ProjectorReport {
    harness.state().expect("the projector was drawn")
}

pub fn screen(size: [f32; 2]) -> Rect {
    Rect::from_min_size(egui::Pos2::ZERO, vec2(size[0], size[1]))
}

/// Every text node: inside the screen and at least the readable minimum high.
pub fn assert_texts_readable_and_inside(
    harness: &Harness<'_, Option<ProjectorReport>>,
    size: [f32; 2],
) {
    let minimum = 0.02 * size[1];
    let mut count = 0;
    for node in harness.query_all_by_role(Role::Label) {
        let rect = node.rect();
        let label = node.accesskit_node().value().unwrap_or_default();
        assert!(
            screen(size).contains_rect(rect),
            "{label:?} at {rect:?} leaves the screen"
        );
        assert!(
            rect.height() >= minimum,
            "{label:?} is {} high, below {minimum}",
            rect.height()
        );
        count += 1;
    }
    assert!(count > 0, "no text at all");
}

#[test]
fn projector_shows_every_card_and_keyword_at_beamer_sizes() {
    let session = sample();
    for size in [[1920.0, 1080.0], [1280.0, 720.0], [1024.0, 768.0]] {
        let harness = harness(view(&session), size, true);
        let report = report(&harness);
        assert!(report.fits, "{size:?}: {report:?}");
        assert_eq!(report.pages, 1);
        // One pixel per point: the body size is in physical pixels.
        assert!(report.body_size >= 0.02 * size[1], "{size:?}: {report:?}");
        eprintln!("{size:?}: body {:.1} px", report.body_size);

        let municipalities: Vec<&Organisation> = session.municipalities().collect();
        assert_eq!(municipalities.len(), 12);
        for org in municipalities {
            let node = harness.get_by_role_and_label(Role::Label, &org.name);
            assert!(screen(size).contains_rect(node.rect()), "{}", org.name);
        }
        for experiment in &session.experiments {
            harness.get_by_role_and_label(Role::Label, &experiment.title);
            for keyword in &experiment.keywords {
                let node = harness.get_by_role_and_label(Role::Label, &keyword.text);
                assert!(
                    screen(size).contains_rect(node.rect()),
                    "{} at {:?}",
                    keyword.text,
                    node.rect()
                );
            }
        }
        assert_texts_readable_and_inside(&harness, size);
    }
}

#[test]
fn black_and_white_screens_hide_all_content() {
    let session = sample();
    for blank in [Blank::Black, Blank::White] {
        let harness = harness(
            ProjectorView {
                blank,
                ..view(&session)
            },
            [1280.0, 720.0],
            true,
        );
        assert_eq!(
            harness.query_all_by_role(Role::Label).count(),
            0,
            "{blank:?}"
        );
        assert!(harness.query_by_label("raad 1^o woord").is_none());
        assert!(harness.query_by_label("Meijerijstad").is_none());
        // The report still describes the content, so paging stays put.
        assert!(report(&harness).fits);
    }
}

#[test]
fn thumbnail_draws_without_accessibility_nodes() {
    let session = sample();
    let harness = harness(view(&session), [480.0, 270.0], false);
    assert_eq!(harness.query_all_by_role(Role::Label).count(), 0);
    assert!(harness.query_by_label("Meijerijstad").is_none());
    let report = report(&harness);
    // The same rule, relative to the thumbnail's own height.
    assert!(report.fits);
    assert!(report.body_size >= 0.02 * 270.0);
}

#[test]
fn focus_shows_the_speakers_card_and_countdown() {
    let session = sample();
    let lochem = OrgId::new("org-lochem");
    let harness = harness(
        ProjectorView {
            mode: ProjectorMode::Focus,
            speaker: Some((
                &lochem,
                TimerView {
                    seconds: 179,
                    planned_seconds: Some(300),
                    countdown: true,
                },
            )),
            ..view(&session)
        },
        [1920.0, 1080.0],
        true,
    );
    harness.get_by_role_and_label(Role::Label, "Slagvaardig Lochem");
    harness.get_by_role_and_label(Role::Label, "Lochem");
    harness.get_by_role_and_label(Role::Label, "toch nog kaasstolp?");
    harness.get_by_role_and_label(Role::Label, "2:59");
    assert!(
        harness.query_by_label("raad 1^o woord").is_none(),
        "only the speaker's card"
    );
    let report = report(&harness);
    assert!(report.fits);
    assert!(report.body_size > 0.04 * 1080.0, "large: {report:?}");
    assert_texts_readable_and_inside(&harness, [1920.0, 1080.0]);
}

#[test]
fn the_whiteboard_shows_who_has_the_floor_and_their_time_on_top() {
    let session = sample();
    let lochem = OrgId::new("org-lochem");
    let round = leerkring::model::ItemId::new("item-round");
    let timer = |seconds| TimerView {
        seconds,
        planned_seconds: Some(300),
        countdown: true,
    };
    let harness = harness(
        ProjectorView {
            current_item: Some(&round),
            speaker: Some((&lochem, timer(192))),
            item_timer: Some(timer(2520)),
            ..view(&session)
        },
        [1920.0, 1080.0],
        true,
    );
    // The speaking time, not the item's, in the strip; every card still there.
    harness.get_by_role_and_label(Role::Label, "Lochem · nog 3:12");
    assert!(harness.query_by_label("nog 42:00").is_none());
    harness.get_by_role_and_label(Role::Label, "Slagvaardig Lochem");
    harness.get_by_role_and_label(Role::Label, "raad 1^o woord");
    assert_texts_readable_and_inside(&harness, [1920.0, 1080.0]);
    drop(harness);
    let over = harness_over(&session, &lochem, &round);
    over.get_by_role_and_label(Role::Label, "Lochem · 0:20 over tijd");
}

fn harness_over<'a>(
    session: &'a Session,
    lochem: &'a OrgId,
    round: &'a leerkring::model::ItemId,
) -> Harness<'a, Option<ProjectorReport>> {
    harness(
        ProjectorView {
            current_item: Some(round),
            speaker: Some((
                lochem,
                TimerView {
                    seconds: -20,
                    planned_seconds: Some(300),
                    countdown: true,
                },
            )),
            ..view(session)
        },
        [1920.0, 1080.0],
        true,
    )
}

#[test]
fn focus_shows_over_time_in_words() {
    let session = sample();
    let zeist = OrgId::new("org-zeist");
    let harness = harness(
        ProjectorView {
            mode: ProjectorMode::Focus,
            speaker: Some((
                &zeist,
                TimerView {
                    seconds: -12,
                    planned_seconds: Some(300),
                    countdown: true,
                },
            )),
            ..view(&session)
        },
        [1280.0, 720.0],
        true,
    );
    harness.get_by_role_and_label(Role::Label, "+0:12");
    harness.get_by_role_and_label(Role::Label, "over tijd");
    harness.get_by_role_and_label(Role::Label, "Maaltijd van Zeist");
}

#[test]
fn agenda_marks_the_current_item_and_shows_only_projector_notes() {
    let mut session = sample();
    let round = ItemId::new("item-round");
    let item = session
        .agenda
        .iter_mut()
        .find(|i| i.id == round)
        .expect("the sample has a round");
    for (id, text, visibility) in [
        (
            "n-projector",
            "Elke gemeente vijf minuten",
            Visibility::Projector,
        ),
        ("n-report", "Alleen voor het verslag", Visibility::Report),
        ("n-private", "Coevorden komt later", Visibility::Private),
    ] {
        item.notes.push(Note {
            id: NoteId::new(id),
            text: text.into(),
            visibility,
        });
    }
    let harness = harness(
        ProjectorView {
            mode: ProjectorMode::Agenda,
            current_item: Some(&round),
            ..view(&session)
        },
        [1920.0, 1080.0],
        true,
    );
    let current = harness.get_by_role_and_label(Role::Label, "Ronde: experimenten en ervaringen");
    assert_eq!(current.accesskit_node().is_selected(), Some(true));
    let other = harness.get_by_role_and_label(Role::Label, "Opening en welkom");
    assert_ne!(other.accesskit_node().is_selected(), Some(true));
    for item in &session.agenda {
        harness.get_by_role_and_label(Role::Label, item.title.trim());
    }
    harness.get_by_role_and_label(Role::Label, "Elke gemeente vijf minuten");
    assert!(harness.query_by_label("Alleen voor het verslag").is_none());
    assert!(harness.query_by_label("Coevorden komt later").is_none());
    assert_texts_readable_and_inside(&harness, [1920.0, 1080.0]);
}

#[test]
fn synthesis_shows_the_block_as_nested_bullets() {
    let session = sample();
    let harness = harness(
        ProjectorView {
            mode: ProjectorMode::Synthesis,
            block: BlockKind::Opportunities,
            ..view(&session)
        },
        [1920.0, 1080.0],
        true,
    );
    harness.get_by_role_and_label(Role::Label, "Waar liggen de kansen?");
    let parent = harness.get_by_role_and_label(Role::Label, "Participeren waar energie ligt");
    let child = harness.get_by_role_and_label(Role::Label, "Goed kijken naar het krachtenveld");
    assert!(
        child.rect().left() > parent.rect().left() + 10.0,
        "the child is indented"
    );
    assert!(child.rect().top() > parent.rect().top());
    assert!(report(&harness).fits);
    assert_texts_readable_and_inside(&harness, [1920.0, 1080.0]);

    // A block with its own heading shows that heading.
    let harness = harness_for_block(&session, BlockKind::FollowUp);
    harness.get_by_role_and_label(Role::Label, "Vervolg M50 verband?");
}

fn harness_for_block(session: &Session, block: BlockKind) -> Harness<'_, Option<ProjectorReport>> {
    harness(
        ProjectorView {
            mode: ProjectorMode::Synthesis,
            block,
            ..view(session)
        },
        [1280.0, 720.0],
        true,
    )
}

#[test]
fn timer_shows_the_countdown() {
    let session = sample();
    let item = ItemId::new("item-observations");
    let harness = harness(
        ProjectorView {
            mode: ProjectorMode::Timer,
            current_item: Some(&item),
            item_timer: Some(TimerView {
                seconds: 600,
                planned_seconds: Some(900),
                countdown: true,
            }),
            ..view(&session)
        },
        [1920.0, 1080.0],
        true,
    );
    let clock = harness.get_by_role_and_label(Role::Label, "10:00");
    assert!(
        clock.rect().height() > 0.25 * 1080.0,
        "big: {:?}",
        clock.rect()
    );
    harness.get_by_role_and_label(Role::Label, "Wat valt op?");
    assert_texts_readable_and_inside(&harness, [1920.0, 1080.0]);
}

#[test]
fn header_strip_shows_the_item_and_its_clock_and_can_be_hidden() {
    let session = sample();
    let item = ItemId::new("item-round");
    let timer = TimerView {
        seconds: 1234,
        planned_seconds: Some(3600),
        countdown: true,
    };
    let shown = harness(
        ProjectorView {
            current_item: Some(&item),
            item_timer: Some(timer.clone()),
            ..view(&session)
        },
        [1280.0, 720.0],
        true,
    );
    let title = shown.get_by_role_and_label(Role::Label, "Ronde: experimenten en ervaringen");
    let clock = shown.get_by_role_and_label(Role::Label, "nog 20:34");
    let card = shown.get_by_role_and_label(Role::Label, "Meijerijstad");
    assert!(title.rect().bottom() <= card.rect().top());
    assert!(
        (title.rect().top() - clock.rect().top()).abs() < 1.0,
        "on one line"
    );
    assert!(report(&shown).fits);

    let hidden = harness(
        ProjectorView {
            current_item: Some(&item),
            item_timer: Some(timer),
            show_header: false,
            ..view(&session)
        },
        [1280.0, 720.0],
        true,
    );
    assert!(hidden.query_by_label("nog 20:34").is_none());
    assert!(
        hidden
            .query_by_label("Ronde: experimenten en ervaringen")
            .is_none()
    );
}

/// 60 municipalities with 25 keywords each.
fn crowded_session() -> Session {
    let mut session = Session::default();
    for i in 0..60 {
        let org = OrgId::new(format!("org-{i}"));
        session.organisations.push(Organisation {
            id: org.clone(),
            name: format!("Gemeente {i}"),
            kind: OrgKind::Municipality,
            notes: Vec::new(),
            attendance: leerkring::model::Attendance::Unknown,
        });
        let experiment = session.add_experiment(&org);
        if let Some(e) = session.experiment_mut(&experiment) {
            e.title = format!("Experiment {i}");
        }
        for k in 0..25 {
            session.add_keyword(
                &experiment,
                &format!("trefwoord {k} van gemeente {i} met uitleg"),
            );
        }
    }
    session
}

#[test]
fn a_crowded_whiteboard_pages_at_the_minimum_without_overflow() {
    let session = crowded_session();
    let size = [1920.0, 1080.0];
    let first = harness(view(&session), size, true);
    let report = report(&first);
    eprintln!("crowded: {report:?}");
    assert!(!report.fits);
    assert!(report.pages > 1);
    assert!(
        (report.body_size - 0.02 * size[1]).abs() < 0.01,
        "the minimum"
    );
    assert_texts_readable_and_inside(&first, size);
    first.get_by_role_and_label(Role::Label, "Gemeente 0");
    first.get_by_role_and_label(Role::Label, "trefwoord 24 van gemeente 0 met uitleg");
    first.get_by_role_and_label(Role::Label, &format!("1/{}", report.pages));

    let last = harness(
        ProjectorView {
            page: report.pages - 1,
            ..view(&session)
        },
        size,
        true,
    );
    last.get_by_role_and_label(Role::Label, "Gemeente 59");
    last.get_by_role_and_label(Role::Label, "trefwoord 24 van gemeente 59 met uitleg");
    assert!(last.query_by_label("Gemeente 0").is_none());
    assert_texts_readable_and_inside(&last, size);
}

#[test]
fn every_theme_draws_the_whiteboard() {
    let session = sample();
    for theme in [
        BeamerTheme::Light,
        BeamerTheme::Dark,
        BeamerTheme::HighContrast,
    ] {
        let harness = harness(
            ProjectorView {
                theme,
                title_marker: false,
                ..view(&session)
            },
            [1280.0, 720.0],
            true,
        );
        harness.get_by_role_and_label(Role::Label, "raad 1^o woord");
        assert!(report(&harness).fits, "{theme:?}");
    }
}
