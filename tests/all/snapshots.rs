//! Snapshot images of the projector (light, dark, high contrast; 16:9 and
//! 4:3), rendered on the CPU by wgpu with Mesa's lavapipe. Behind the
//! `snapshots` feature, which `.ci/run` enables:
//! `cargo test --features snapshots --test all snapshots`.
//! Accept changed images with `UPDATE_SNAPSHOTS=1`.

use egui_kittest::Harness;
use leerkring::app::vote::VoteView;
use leerkring::model::{BlockKind, Language, Session};
use leerkring::model::{ItemId, OrgId};
use leerkring::room::JoinCode;
use leerkring::store;
use leerkring::ui::projector::{
    BeamerTheme, Blank, ProjectorMode, ProjectorView, TimerView, projector_ui,
};

use crate::support::sample_path;

fn render(session: &Session, theme: BeamerTheme, size: [f32; 2], name: &str) {
    render_mode(
        session,
        theme,
        size,
        name,
        ProjectorMode::Whiteboard,
        None,
        None,
    );
}

fn render_mode(
    session: &Session,
    theme: BeamerTheme,
    size: [f32; 2],
    name: &str,
    mode: ProjectorMode,
    join: Option<&JoinCode>,
    vote: Option<&VoteView>,
) {
    let view = ProjectorView {
        mode,
        join,
        vote,
        ..view_of(session, theme)
    };
    render_view(view, size, name);
}

fn view_of(session: &Session, theme: BeamerTheme) -> ProjectorView<'_> {
    ProjectorView {
        session,
        mode: ProjectorMode::Whiteboard,
        current_item: None,
        item_timer: None,
        speaker: None,
        block: BlockKind::Observations,
        show_header: false,
        title_marker: true,
        theme,
        blank: Blank::Off,
        lang: Language::Nl,
        page: 0,
        photo: None,
        join: None,
        vote: None,
    }
}

fn render_view(view: ProjectorView<'_>, size: [f32; 2], name: &str) {
    let mut harness = Harness::builder()
        .with_size(size)
        .with_pixels_per_point(1.0)
        .wgpu()
        .build_ui(move |ui| {
            leerkring::ui::theme::install(ui.ctx());
            let rect = ui.ctx().content_rect();
            projector_ui(ui, rect, &view, true);
        });
    harness.run_steps(3);
    harness.snapshot(name);
}

fn sample() -> Session {
    store::load_session(&sample_path()).expect("the sample loads")
}

/// One test per image: kittest wants each harness's snapshot handled on its own.
macro_rules! snapshot_tests {
    ($($name:ident: $theme:expr, $size:expr, $file:literal;)*) => {$(
        #[test]
        fn $name() {
            render(&sample(), $theme, $size, $file);
        }
    )*};
}

/// A join address as a real room would show it (the token fixed, so the
/// image repeats).
fn join_code() -> JoinCode {
    JoinCode::new("http://192.168.1.20:53122/abcdefghjkmnpqrs".to_owned())
}

#[test]
fn projector_join_16x9() {
    let join = join_code();
    render_mode(
        &sample(),
        BeamerTheme::Dark,
        [1280.0, 720.0],
        "projector_join_16x9",
        ProjectorMode::Join,
        Some(&join),
        None,
    );
}

#[test]
fn projector_join_4x3() {
    let join = join_code();
    render_mode(
        &sample(),
        BeamerTheme::Light,
        [1024.0, 768.0],
        "projector_join_4x3",
        ProjectorMode::Join,
        Some(&join),
        None,
    );
}

#[test]
fn projector_whiteboard_room_open_16x9() {
    let join = join_code();
    render_mode(
        &sample(),
        BeamerTheme::Light,
        [1280.0, 720.0],
        "projector_whiteboard_room_open_16x9",
        ProjectorMode::Whiteboard,
        Some(&join),
        None,
    );
}

/// A closed theme vote as the room might leave it.
fn closed_vote() -> VoteView {
    VoteView {
        question: "Welke thema's willen we de volgende keer uitdiepen?".into(),
        options: [
            ("participatie", 41),
            ("raad", 27),
            ("inwoners", 19),
            ("samen leren", 12),
            ("jongeren", 9),
            ("gebiedsgericht werken in dorpen en wijken", 4),
            ("organisatie", 0),
        ]
        .into_iter()
        .map(|(l, n)| (l.to_owned(), n))
        .collect(),
        voters: 38,
        chosen: vec!["participatie".into(), "raad".into(), "inwoners".into()],
        running: false,
    }
}

#[test]
fn projector_vote_16x9() {
    let vote = closed_vote();
    render_mode(
        &sample(),
        BeamerTheme::Light,
        [1280.0, 720.0],
        "projector_vote_16x9",
        ProjectorMode::Vote,
        None,
        Some(&vote),
    );
}

#[test]
fn projector_vote_running_4x3() {
    let join = join_code();
    let vote = VoteView {
        chosen: Vec::new(),
        running: true,
        ..closed_vote()
    };
    render_mode(
        &sample(),
        BeamerTheme::Dark,
        [1024.0, 768.0],
        "projector_vote_running_4x3",
        ProjectorMode::Vote,
        Some(&join),
        Some(&vote),
    );
}

snapshot_tests! {
    projector_light_16x9: BeamerTheme::Light, [1280.0, 720.0], "projector_light_16x9";
    projector_light_4x3: BeamerTheme::Light, [1024.0, 768.0], "projector_light_4x3";
    projector_dark_16x9: BeamerTheme::Dark, [1280.0, 720.0], "projector_dark_16x9";
    projector_dark_4x3: BeamerTheme::Dark, [1024.0, 768.0], "projector_dark_4x3";
    projector_high_contrast_16x9: BeamerTheme::HighContrast, [1280.0, 720.0], "projector_high_contrast_16x9";
    projector_high_contrast_4x3: BeamerTheme::HighContrast, [1024.0, 768.0], "projector_high_contrast_4x3";
}

/// During the round: Lochem has the floor, its card is marked and the strip
/// on top says how long it may still speak.
#[test]
fn projector_speaker_16x9() {
    let session = sample();
    let lochem = OrgId::new("org-lochem");
    let round = ItemId::new("item-round");
    let view = ProjectorView {
        current_item: Some(&round),
        show_header: true,
        speaker: Some((
            &lochem,
            TimerView {
                seconds: 192,
                planned_seconds: Some(300),
                countdown: true,
            },
        )),
        item_timer: Some(TimerView {
            seconds: 2520,
            planned_seconds: Some(3600),
            countdown: true,
        }),
        ..view_of(&session, BeamerTheme::Light)
    };
    render_view(view, [1280.0, 720.0], "projector_speaker_16x9");
}
