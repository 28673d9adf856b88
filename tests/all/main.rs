//! The one integration test crate (each file directly in `tests/` would link
//! its own copy of eframe): modules for the sample session, store round
//! trips, the command line and the UI.

mod architecture;
mod cli;
mod commands;
mod console;
mod fuzz;
mod hostile;
mod journal;
mod keyboard;
mod keystrokes;
mod new_session;
mod paged;
mod perf;
mod photos;
mod projector;
mod public;
mod report;
mod room;
mod roundtrip;
mod sample;
mod series;
#[cfg(feature = "snapshots")]
mod snapshots;
mod support;
mod themes;
mod ui_window;
