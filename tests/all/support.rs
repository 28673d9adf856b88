//! Shared helpers: the app with fixed clock, folders and dialogs.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use leerkring::app::{Environment, FixedDialogs, ManualClock};
use leerkring::room::RoomOptions;
use leerkring::store::AppDirs;
use leerkring::{LeerkringApp, StartWith};

/// The bundled sample session file in `sessions/`.
pub fn sample_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sessions/2020-02-04-m50-democratische-vernieuwing.json")
}

/// 4 February 2020, 14:32: where every UI test's clock starts.
pub fn test_clock() -> ManualClock {
    ManualClock::new(
        NaiveDate::from_ymd_opt(2020, 2, 4)
            .and_then(|d| d.and_hms_opt(14, 32, 0))
            .expect("valid time"),
    )
}

/// The app with its own folders in `home`, a clock standing at 14:32 and no dialogs.
pub fn app(start: StartWith, home: &Path) -> LeerkringApp {
    app_with_clock(start, home, test_clock())
}

/// The app with a clock the test moves itself.
pub fn app_with_clock(start: StartWith, home: &Path, clock: ManualClock) -> LeerkringApp {
    let mut app = LeerkringApp::new(
        start,
        Environment {
            dirs: Some(AppDirs::in_folder(home)),
            clock: Box::new(clock),
            dialogs: Box::new(FixedDialogs::default()),
            sessions_dir: None,
        },
    );
    // A room opened in a test listens on the loopback address only.
    app.set_room_options(RoomOptions::loopback());
    app
}

/// The app with its own folders in `home`, a clock standing at 14:32 and
/// dialogs that answer as `dialogs` says.
pub fn app_with_dialogs(start: StartWith, home: &Path, dialogs: FixedDialogs) -> LeerkringApp {
    let mut app = LeerkringApp::new(
        start,
        Environment {
            dirs: Some(AppDirs::in_folder(home)),
            clock: Box::new(test_clock()),
            dialogs: Box::new(dialogs),
            sessions_dir: None,
        },
    );
    app.set_room_options(RoomOptions::loopback());
    app
}

/// Runs the real binary with its own folders in `home`, in `locale`.
pub fn run_binary(args: &[&std::ffi::OsStr], home: &Path, locale: &str) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_leerkring"))
        .args(args)
        .env("LANG", locale)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LEERKRING_HOME", home)
        .output()
        .expect("the binary runs")
}

/// A program's output as text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Runs frames until the app's background jobs (opening, saving, reading
/// a folder) finished and their results are shown; at most 10 s.
pub fn settle(h: &mut egui_kittest::Harness<'_, LeerkringApp>) {
    let start = std::time::Instant::now();
    h.run_steps(1);
    while !h.state().jobs_idle() && start.elapsed() < std::time::Duration::from_secs(10) {
        std::thread::sleep(std::time::Duration::from_millis(5));
        h.run_steps(1);
    }
    h.run_steps(2);
}
