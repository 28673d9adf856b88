//! Shared helpers: the app with fixed clock, folders and dialogs.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use leerkring::app::{Environment, FixedClock, FixedDialogs};
use leerkring::store::AppDirs;
use leerkring::{LeerkringApp, StartWith};

/// The bundled sample session file in `sessions/`.
pub fn sample_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sessions/2020-02-04-m50-democratische-vernieuwing.json")
}

/// 4 February 2020, 14:32: the clock every UI test sees.
pub fn fixed_clock() -> FixedClock {
    FixedClock(
        NaiveDate::from_ymd_opt(2020, 2, 4)
            .and_then(|d| d.and_hms_opt(14, 32, 0))
            .expect("valid time"),
    )
}

/// The app with its own folders in `home`, a fixed clock and no dialogs.
pub fn app(start: StartWith, home: &Path) -> LeerkringApp {
    LeerkringApp::new(
        start,
        Environment {
            dirs: Some(AppDirs::in_folder(home)),
            clock: Box::new(fixed_clock()),
            dialogs: Box::new(FixedDialogs::default()),
        },
    )
}
