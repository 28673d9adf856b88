//! The eframe shell, above the views: one frame of the console window is
//! "the app begins the frame, the views draw and say what they want, the app
//! carries it out, the projector window gets its picture, the app finishes
//! the frame". It installs the fonts, shows the projector's viewport with
//! the views' drawing function, and saves the notes if a frame panics.

use std::sync::Arc;

use crate::app::{LeerkringApp, projector};

/// The app in its window.
pub struct Shell {
    /// The app: the session, its state and what the views own.
    pub app: LeerkringApp,
    /// When the process started, while the first frame's time is to be
    /// printed (`LEERKRING_REPORT_FIRST_FRAME`, read by `scripts/measure.sh`).
    startup_report: Option<std::time::Instant>,
    /// When every frame is to be logged with what caused it
    /// (`LEERKRING_TRACE_FRAMES`, for finding unwanted repaints): the start.
    frame_trace: Option<(std::time::Instant, u64)>,
}

impl Shell {
    /// The shell around `app`.
    #[must_use]
    pub fn new(app: LeerkringApp) -> Self {
        Self {
            app,
            startup_report: None,
            frame_trace: None,
        }
    }

    /// Installs fonts and styles (once per context). The binary calls this
    /// before the first frame, so that frame already lays out with the
    /// bundled fonts (fonts set during a frame apply only from the next one).
    pub fn install_theme(&mut self, ctx: &egui::Context) {
        install_theme(ctx);
    }

    /// Prints the time from `started` to the end of the first frame's UI
    /// pass on standard error (before painting it).
    pub fn report_first_frame(&mut self, started: std::time::Instant) {
        self.startup_report = Some(started);
    }

    /// Prints one line per frame of both windows on standard error: the time
    /// since `started`, the input events and the repaint requests that caused it.
    pub fn trace_frames(&mut self, started: std::time::Instant) {
        self.frame_trace = Some((started, 0));
    }

    /// One frame of the console window (see [`frame`]).
    pub fn frame(&mut self, ui: &mut egui::Ui) {
        let trace = self.frame_trace.map(|(started, _)| started);
        frame_traced(&mut self.app, ui, trace);
    }

    /// `previous_frame`: the time the previous frame took (eframe's
    /// measure: the UI pass and painting, without waiting for the screen).
    fn trace(&mut self, ui: &egui::Ui, previous_frame: Option<f32>) {
        if let Some(started) = self.startup_report.take() {
            eprintln!(
                "leerkring: first frame after {} ms",
                started.elapsed().as_millis()
            );
        }
        if let Some((started, count)) = &mut self.frame_trace {
            *count += 1;
            let events = ui.input(|i| {
                i.raw
                    .events
                    .iter()
                    .map(|e| format!("{e:?}").chars().take(40).collect::<String>())
                    .collect::<Vec<_>>()
            });
            let causes = ui.ctx().repaint_causes();
            eprintln!(
                "leerkring: frame {count} at {} ms; events {events:?}; requested by {causes:?}; ran {:?}; previous frame {:.2} ms",
                started.elapsed().as_millis(),
                self.app.commands_run().last(),
                previous_frame.unwrap_or_default() * 1000.0
            );
        }
    }
}

/// Installs fonts and styles once per egui context.
pub fn install_theme(ctx: &egui::Context) {
    let id = egui::Id::unique("leerkring-theme-installed");
    if !ctx.data(|d| d.get_temp::<bool>(id).unwrap_or(false)) {
        crate::ui::theme::install(ctx);
        ctx.data_mut(|d| d.insert_temp(id, true));
    }
}

/// One frame of the console window: the app begins the frame, the views
/// draw and say what they want, the app carries it out, the projector
/// window gets its picture, the app finishes the frame. `eframe::App::ui`
/// calls this through [`Shell`]; tests call it through kittest.
pub fn frame(app: &mut LeerkringApp, ui: &mut egui::Ui) {
    frame_traced(app, ui, None);
}

fn frame_traced(app: &mut LeerkringApp, ui: &mut egui::Ui, trace: Option<std::time::Instant>) {
    let ctx = ui.ctx().clone();
    install_theme(&ctx);
    let mut intents = app.begin_frame(&ctx);
    crate::ui::app_ui(ui, &app.state, &mut app.view, &mut intents);
    app.run_intents(&ctx, intents);
    show_projector(app, &ctx, trace);
    app.finish_frame(&ctx);
}

/// Shows the projector window (a deferred viewport) while it is open. It
/// draws in its own frames, only when its picture changed (or its window
/// did), so typing in the console never repaints it and two windows never
/// wait for two vertical syncs per keystroke.
fn show_projector(app: &mut LeerkringApp, ctx: &egui::Context, trace: Option<std::time::Instant>) {
    let Some(window) = app.projector_window(ctx) else {
        return;
    };
    let link = Arc::clone(&window.link);
    ctx.show_viewport_deferred(window.id, window.builder, move |ui, _class| {
        projector::window_frame(ui, &link, crate::ui::projector::projector_ui, trace);
    });
    app.after_projector_window(ctx);
}

impl eframe::App for Shell {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        let previous_frame = frame.info().cpu_usage;
        let frame = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            self.frame(ui);
        }));
        self.trace(ui, previous_frame);
        if let Err(panic) = frame {
            // Save the notes before the process dies, then die as before.
            if let Some(file) = self.app.emergency_save() {
                eprintln!(
                    "leerkring: saved the session to {} before stopping",
                    file.display()
                );
            }
            std::panic::resume_unwind(panic);
        }
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.app.on_exit();
    }
}
