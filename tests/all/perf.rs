//! Idle repaints, counted: an event loop like eframe's is simulated on a
//! headless egui context, sleeping exactly as long as each frame asks
//! (`repaint_delay` of every viewport) on the app's manual clock. An idle
//! console must not repaint before the clock's next minute, and a running
//! agenda timer at most once a second, with or without the projector
//! window. And a keyword committed with Enter is on the projector in that
//! same frame. (Frame times are measured by `benches/leerkring.rs`, not
//! asserted here.)

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use chrono::{NaiveDate, TimeDelta, Timelike};
use egui::{Event, Key, Modifiers, RawInput, Rect, pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use leerkring::app::{Clock, ManualClock};
use leerkring::ui::projector::ProjectorMode;
use leerkring::{LeerkringApp, StartWith};

use crate::support::app_with_clock;

/// How many frames the simulated loop may run back to back (start-up layout
/// passes, a window's fade-in, a repaint after a save) before the app must
/// settle: half a second at 60 Hz.
const SETTLE_FRAMES: usize = 30;

/// The app in a simulated event loop: each frame reports the shortest
/// repaint delay any window asked for; sleeping moves both egui's input
/// time and the app's clock.
struct Loop {
    ctx: egui::Context,
    app: LeerkringApp,
    clock: ManualClock,
    /// Seconds since the loop started (egui's input time).
    time: f64,
    /// Whether the window has the keyboard focus (a focused text field
    /// may then draw a blinking cursor).
    focused: bool,
    /// The repaint delay the last frame asked for; `None`: no repaint at all.
    next: Option<Duration>,
    /// When (in `time`) that repaint is due.
    wake_at: Option<f64>,
    /// Frames run so far (of the console window).
    frames: usize,
    /// The projector window when it is a native window of its own (a
    /// deferred viewport, as under eframe): its callback and whether it
    /// asked to be drawn. `None` while embedded or closed.
    projector: Option<Arc<egui::viewport::DeferredViewportUiCallback>>,
    /// Whether the projector window asked to be drawn.
    projector_due: bool,
    /// Frames of the projector window run so far (native mode).
    projector_frames: usize,
}

impl Loop {
    /// The sample session, opened from a file in `home`, at 14:32:17.250.
    fn new(home: &Path, focused: bool) -> Self {
        let file = home.join("m50.json");
        std::fs::copy(crate::support::sample_path(), &file).expect("copy the sample");
        let clock = ManualClock::new(
            NaiveDate::from_ymd_opt(2020, 2, 4)
                .and_then(|d| d.and_hms_milli_opt(14, 32, 17, 250))
                .expect("valid time"),
        );
        let app = app_with_clock(StartWith::File(file), home, clock.clone());
        let mut l = Self {
            ctx: egui::Context::default(),
            app,
            clock,
            time: 0.0,
            focused,
            next: None,
            wake_at: None,
            frames: 0,
            projector: None,
            projector_due: false,
            projector_frames: 0,
        };
        l.frame(Vec::new());
        l.settle();
        l
    }

    /// The app in native-window mode: the projector is a window of its
    /// own, drawn in its own frames only when it asks, as eframe does.
    fn native(home: &Path) -> Self {
        let mut l = Self::new(home, true);
        l.ctx.set_embed_viewports(false);
        l.frame(Vec::new());
        l.settle();
        l
    }

    /// Runs one frame of the console with `events`, then the projector
    /// window's frames it asked for (native mode).
    fn frame(&mut self, events: Vec<Event>) {
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(pos2(0.0, 0.0), vec2(1600.0, 1000.0))),
            time: Some(self.time),
            focused: self.focused,
            events,
            ..RawInput::default()
        };
        let app = &mut self.app;
        let output = self
            .ctx
            .run_ui(input, |ui| leerkring::shell::frame(app, ui));
        self.frames += 1;
        self.absorb(output);
        for _ in 0..SETTLE_FRAMES {
            let Some(callback) = self.projector.clone().filter(|_| self.projector_due) else {
                return;
            };
            let input = RawInput {
                viewport_id: projector_id(),
                viewports: std::iter::once((projector_id(), egui::ViewportInfo::default()))
                    .collect(),
                screen_rect: Some(Rect::from_min_size(pos2(0.0, 0.0), vec2(1920.0, 1080.0))),
                time: Some(self.time),
                ..RawInput::default()
            };
            let output = self.ctx.run_ui(input, |ui| callback(ui));
            self.projector_frames += 1;
            self.absorb(output);
        }
        panic!("the projector window keeps asking to be drawn");
    }

    /// Reads the repaint delays a frame's output asked for.
    fn absorb(&mut self, mut output: egui::FullOutput) {
        // No renderer here: the font atlas updates are dropped.
        output.textures_delta.clear();
        let projector = output.viewport_output.get(&projector_id());
        // Due now (eframe also serves a delay shorter than a display refresh at once).
        self.projector_due = projector.is_some_and(|v| v.repaint_delay < Duration::from_millis(1));
        self.projector = projector.and_then(|v| v.viewport_ui_cb.clone());
        self.next = output
            .viewport_output
            .iter()
            .filter(|(id, _)| **id == egui::ViewportId::ROOT || self.projector.is_none())
            .map(|(_, v)| v.repaint_delay)
            .min()
            .filter(|delay| *delay < Duration::from_hours(24));
        self.wake_at = self.next.map(|delay| self.time + delay.as_secs_f64());
    }

    fn press(&mut self, key: Key) {
        let events = [true, false]
            .map(|pressed| Event::Key {
                key,
                physical_key: None,
                pressed,
                repeat: false,
                modifiers: Modifiers::NONE,
            })
            .to_vec();
        self.frame(events);
    }

    /// Moves egui's time and the app's clock to `time` (whole milliseconds).
    fn sleep_until(&mut self, time: f64) {
        let millis = ((time - self.time) * 1000.0).round().max(0.0);
        self.clock.advance(TimeDelta::milliseconds(millis as i64));
        self.time += millis / 1000.0;
    }

    /// Runs the frames asked for at once, as eframe would, a display
    /// refresh apart.
    fn settle(&mut self) {
        for _ in 0..SETTLE_FRAMES {
            if self.next != Some(Duration::ZERO) {
                return;
            }
            // One display refresh later (fade-ins run on egui's time).
            self.sleep_until(self.time + 1.0 / 60.0);
            self.frame(Vec::new());
        }
        panic!(
            "still repainting at once after {SETTLE_FRAMES} frames: {:?}",
            self.ctx.repaint_causes()
        );
    }

    /// Lets `span` pass with nothing happening, repainting only when asked;
    /// returns the frames run.
    fn idle(&mut self, span: Duration) -> usize {
        let start = self.frames;
        let end = self.time + span.as_secs_f64();
        while let Some(wake_at) = self.wake_at.filter(|at| *at <= end) {
            self.sleep_until(wake_at);
            self.frame(Vec::new());
        }
        self.sleep_until(end);
        self.frames - start
    }

    /// Saves the session (so no autosave is pending) and waits for the
    /// autosave thread's "saved" repaint to arrive and be served.
    fn save(&mut self) {
        self.app.save_now();
        assert!(!self.app.state.dirty, "saved");
        std::thread::sleep(Duration::from_millis(100));
        self.frame(Vec::new());
        self.settle();
    }
}

/// The projector window's viewport.
fn projector_id() -> egui::ViewportId {
    egui::ViewportId::from_hash_of("leerkring-projector")
}

/// 14:32:17.250 → 14:33:00.000.
const TO_NEXT_MINUTE: Duration = Duration::from_millis(42_750);

fn idle_console_sleeps_until_the_next_minute(focused: bool) {
    let home = tempfile::tempdir().expect("a temporary folder");
    let mut l = Loop::new(home.path(), focused);
    assert!(
        !l.app.state.dirty,
        "a freshly opened session has nothing to save"
    );
    let asked = l
        .next
        .expect("the clock asks for a repaint at the next minute");
    assert!(
        asked + Duration::from_millis(50) >= TO_NEXT_MINUTE && asked <= TO_NEXT_MINUTE,
        "an idle console asked for a repaint after {asked:?}, not at the next minute"
    );
    assert_eq!(l.idle(Duration::from_secs(10)), 0, "no frame in 10 idle s");
    // The minute turns: one frame for the clock, then quiet again.
    assert_eq!(l.idle(Duration::from_mins(1)), 1, "one frame a minute");
}

#[test]
fn idle_console_sleeps_until_the_next_minute_when_in_the_background() {
    idle_console_sleeps_until_the_next_minute(false);
}

/// The same with the keyboard focus in the window, as during a meeting.
/// egui's text cursor blinks by default, which would repaint the whole
/// console twice a second; the theme turns the blinking off.
#[test]
fn idle_console_sleeps_until_the_next_minute_with_the_keyboard_focus() {
    idle_console_sleeps_until_the_next_minute(true);
}

#[test]
fn running_timer_repaints_once_a_second() {
    let home = tempfile::tempdir().unwrap();
    let mut l = Loop::new(home.path(), false);
    l.press(Key::F5);
    assert!(
        l.app.state.runner.is_running(),
        "F5 starts the agenda clock"
    );
    l.save();
    let asked = l.next.expect("a running clock asks for a repaint");
    assert!(
        asked > Duration::ZERO && asked <= Duration::from_secs(1),
        "a running clock asked for a repaint after {asked:?}"
    );
    // Scheduled to the next whole second, so the countdown never skips one.
    let due = l.clock.now() + TimeDelta::from_std(asked).expect("under a second");
    assert_eq!(due.nanosecond(), 0, "the repaint is due at {due}");
    let frames = l.idle(Duration::from_secs(10));
    assert_eq!(frames, 10, "one frame per second in 10 s");

    // Paused: back to one frame a minute.
    l.press(Key::F5);
    assert!(!l.app.state.runner.is_running());
    l.save();
    assert!(l.idle(Duration::from_mins(1)) <= 1, "paused: once a minute");
}

/// With the projector open (F7) the two windows together still repaint
/// only when asked: nothing while idle, once a second with the timer.
#[test]
fn projector_window_adds_no_idle_repaints() {
    let home = tempfile::tempdir().unwrap();
    let mut l = Loop::new(home.path(), false);
    l.press(Key::F7);
    assert!(l.app.state.projector.open, "F7 opens the projector");
    l.settle();
    assert_eq!(
        l.idle(Duration::from_secs(10)),
        0,
        "idle with the projector"
    );
    l.press(Key::F5);
    l.save();
    assert_eq!(
        l.idle(Duration::from_secs(10)),
        10,
        "timer with the projector"
    );
}

/// Enter commits a keyword and the projector window (drawn after the
/// console's commands ran) shows it in that very frame.
#[test]
fn a_committed_keyword_reaches_the_projector_in_the_same_frame() {
    let home = tempfile::tempdir().unwrap();
    let mut app = crate::support::app(StartWith::Sample, home.path());
    app.state.projector.open = true;
    app.state.projector.mode_override = Some(ProjectorMode::Whiteboard);
    let mut h = Harness::builder()
        .with_size([1600.0, 1000.0])
        .build_ui_state(
            |ui, app: &mut LeerkringApp| leerkring::shell::frame(app, ui),
            app,
        );
    h.run_steps(4);
    // Only the projector's nodes carry a keyword's exact text.
    let on_projector =
        |h: &Harness<'_, LeerkringApp>| h.query_all_by_label("zeepkist").next().is_some();
    h.event(Event::Text("zeepkist".into()));
    h.step();
    assert!(!on_projector(&h), "typing stays in the console");
    h.key_press(Key::Enter);
    h.step();
    assert!(on_projector(&h), "one frame after Enter the room sees it");
}

/// With the projector as a native window of its own (as under eframe), the
/// console's typing never repaints it: two windows that each wait for the
/// display's vertical sync would halve the typing rate. A committed keyword
/// draws it once, and a running clock once a second.
#[test]
fn typing_never_repaints_the_projector_window() {
    let home = tempfile::tempdir().unwrap();
    let mut l = Loop::native(home.path());
    l.press(Key::F7);
    l.settle();
    assert!(l.app.state.projector.open, "F7 opens the projector");
    let drawn = l.projector_frames;
    assert!(drawn >= 1, "the projector window drew its first picture");
    assert_eq!(l.idle(Duration::from_secs(10)), 0, "idle: no console frame");
    assert_eq!(l.projector_frames, drawn, "idle: no projector frame");

    let console = l.frames;
    for c in "zeepkist".chars() {
        l.frame(vec![Event::Text(c.to_string())]);
        l.settle();
    }
    assert!(l.frames >= console + 8, "each character drew the console");
    assert_eq!(
        l.projector_frames, drawn,
        "typed text is not on the projector, so it is not redrawn"
    );
    l.press(Key::Enter);
    l.settle();
    assert_eq!(
        l.projector_frames - drawn,
        1,
        "Enter commits the keyword: one projector frame"
    );
    assert!(
        l.app
            .state
            .session
            .experiments
            .iter()
            .any(|e| e.keywords.iter().any(|k| k.text == "zeepkist")),
        "the keyword was committed"
    );

    l.press(Key::F5);
    l.save();
    // The console wakes on the wall clock's whole seconds; the item's clock
    // started between two, so the first wake-up may find it unchanged.
    let start = l.projector_frames;
    for second in 1..=10 {
        let before = l.projector_frames;
        assert_eq!(
            l.idle(Duration::from_secs(1)),
            1,
            "second {second}: one console frame"
        );
        assert!(
            l.projector_frames - before <= 1,
            "second {second}: at most one projector frame"
        );
    }
    let drawn = l.projector_frames - start;
    assert!(
        (9..=10).contains(&drawn),
        "the running clock drew the projector {drawn} times in 10 s"
    );
}
