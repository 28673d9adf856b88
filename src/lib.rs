//! Leerkring: the facilitator's console, projector whiteboard and report for
//! a live learning circle (leerkring) of municipalities.
//!
//! Dependencies point one way: `shell → ui → app → store / report / room → model`
//! (see `docs/ARCHITECTURE.md`).

pub mod app;
pub mod cli;
pub mod desktop;
pub mod fonts;
pub mod i18n;
pub mod model;
pub mod report;
pub mod room;
pub mod shell;
pub mod store;
pub mod ui;

pub use app::{Environment, LeerkringApp, StartWith};
pub use model::Session;
pub use shell::Shell;
