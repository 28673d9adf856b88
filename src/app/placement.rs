//! The console window on the screen it is on: it opens within that screen
//! (a 1366×768 laptop has no room for a 1280×800 window with its title bar
//! and task bar), maximised on small screens the first time, and with the
//! size it had last time.

use egui::{Vec2, vec2};

use super::LeerkringApp;

/// The console's size on a first start, when the screen has room for it.
pub const DEFAULT_SIZE: [f32; 2] = [1280.0, 800.0];

/// Room kept free on the screen for a task bar or dock, in points.
const TASK_BAR: f32 = 48.0;

/// Screens up to this size get the console maximised on a first start.
const SMALL_SCREEN: Vec2 = vec2(1440.0, 900.0);

/// The largest inner size not above `wanted` whose window (with its
/// `decorations`: title bar and borders) fits on a `monitor`, leaving
/// room for a task bar. `None` when `wanted` fits as it is.
#[must_use]
pub fn fit_inner_size(wanted: Vec2, decorations: Vec2, monitor: Vec2) -> Option<Vec2> {
    let room = monitor - decorations - vec2(0.0, TASK_BAR);
    let fitted = wanted.min(room).max(vec2(640.0, 400.0));
    (fitted != wanted).then_some(fitted)
}

/// Whether a first start maximises the console on a screen this size.
#[must_use]
pub fn is_small_screen(monitor: Vec2) -> bool {
    monitor.x <= SMALL_SCREEN.x || monitor.y <= SMALL_SCREEN.y
}

impl LeerkringApp {
    /// The console's size when it opens: as last time, else the default.
    #[must_use]
    pub fn initial_window_size(&self) -> [f32; 2] {
        self.settings.window_size.unwrap_or(DEFAULT_SIZE)
    }

    /// Once the screen is known (the first frame): shrinks a window taller
    /// or wider than its screen, and maximises it on a small screen the
    /// first time. Afterwards remembers its size for the next start.
    pub(super) fn keep_window_on_screen(&mut self, ctx: &egui::Context) {
        let (monitor, inner, outer, maximized, fullscreen) = ctx.input(|i| {
            let v = i.viewport();
            (
                v.monitor_size,
                v.inner_rect,
                v.outer_rect,
                v.maximized,
                v.fullscreen,
            )
        });
        let (Some(monitor), Some(inner)) = (monitor, inner) else {
            return;
        };
        if monitor.x <= 0.0 || monitor.y <= 0.0 {
            return;
        }
        if !self.window_placed {
            self.window_placed = true;
            let decorations = outer.map_or(vec2(0.0, 32.0), |o| {
                (o.size() - inner.size()).max(Vec2::ZERO)
            });
            if let Some(size) = fit_inner_size(inner.size(), decorations, monitor) {
                ctx.send_viewport_cmd(egui::ViewportCommand::InnerSize(size));
                ctx.send_viewport_cmd(egui::ViewportCommand::OuterPosition(egui::pos2(0.0, 0.0)));
            }
            let first_time = self.settings.window_maximized.is_none();
            let wanted = self.settings.window_maximized.unwrap_or(false)
                || (first_time && is_small_screen(monitor));
            if wanted && maximized != Some(true) {
                ctx.send_viewport_cmd(egui::ViewportCommand::Maximized(true));
            }
            return;
        }
        if fullscreen == Some(true) {
            return;
        }
        let maximized = maximized.unwrap_or(false);
        let size = inner.size();
        let size = [size.x.round(), size.y.round()];
        let mut changed = self.settings.window_maximized != Some(maximized);
        if !maximized && self.settings.window_size != Some(size) {
            self.settings.window_size = Some(size);
            changed = true;
        }
        if changed {
            self.settings.window_maximized = Some(maximized);
            self.store_settings();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_1280_by_800_window_shrinks_to_fit_a_1366_by_768_screen() {
        let fitted = fit_inner_size(vec2(1280.0, 800.0), vec2(0.0, 30.0), vec2(1366.0, 768.0))
            .expect("too tall");
        assert_eq!(fitted, vec2(1280.0, 768.0 - 30.0 - 48.0));
        assert!(is_small_screen(vec2(1366.0, 768.0)));
        assert!(is_small_screen(vec2(1280.0, 800.0)));
        assert!(!is_small_screen(vec2(1920.0, 1080.0)));
    }

    #[test]
    fn a_window_that_fits_is_left_alone() {
        assert_eq!(
            fit_inner_size(vec2(1280.0, 800.0), vec2(2.0, 30.0), vec2(1920.0, 1080.0)),
            None
        );
        // A remembered size from a big screen shrinks on the laptop.
        assert_eq!(
            fit_inner_size(vec2(1800.0, 1000.0), vec2(0.0, 0.0), vec2(1280.0, 800.0)),
            Some(vec2(1280.0, 752.0))
        );
    }
}
