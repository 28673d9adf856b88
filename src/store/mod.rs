//! The only code that touches the disk: loading and saving sessions (always
//! atomically), the format version and its migrations, typed errors.

mod atomic;
mod autosave;
mod error;
mod format;
mod settings;

pub use atomic::{write_atomic, write_atomic_with};
pub use autosave::{Autosaver, SaveJob, SaveOutcome, SaveTarget, write_job};
pub use error::{LoadError, ParseError, SaveError};
pub use format::{
    MAX_FILE_SIZE, json_schema, load_session, parse_session, save_session, session_to_json,
};
pub use settings::{
    AppDirs, HOME_ENV, Settings, list_sessions, load_settings, save_recovery_copy, save_settings,
};
