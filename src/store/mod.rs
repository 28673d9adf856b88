//! The only code that touches the disk: loading and saving sessions (always
//! atomically), the format version and its migrations, typed errors.

mod assets;
mod atomic;
mod autosave;
mod error;
mod format;
mod history;
mod journal;
mod lock;
mod outputs;
mod recovery;
pub mod series;
mod settings;
mod strict;
mod templates;

pub use assets::{
    AssetError, CarriedPhotos, MAX_PHOTO_BYTES, Unresolved, assets_dir, assets_folder_name,
    carry_photos, confine, import_photo, missing_photos, photo_extension, resolve_attachment,
    session_folder,
};
pub use atomic::{write_atomic, write_atomic_under, write_atomic_with, write_with_companions};
pub use autosave::{Autosaver, HistoryRequest, SaveJob, SaveOutcome, SaveTarget, write_job};
pub use error::{LoadError, ParseError, SaveError, explain_io, problem_message};
pub use format::{
    Loaded, MAX_FILE_SIZE, Repair, json_schema, load_session, load_session_noted, parse_session,
    save_session, session_to_json,
};
pub use history::{
    SnapshotInfo, history_dir, list_snapshots, load_snapshot, session_key, snapshot_if_due,
    snapshot_now,
};
pub use journal::{
    Fingerprint, JOURNAL_VERSION, JournalFinding, JournalTarget, Recovered, RecoveredSummary,
    find_in_journal, find_in_journal_bytes, journal_dir, journal_modified, journal_path,
    keep_journal_aside, remove_journal,
};
pub use lock::{LockError, SessionLock};
pub use outputs::{OutputRefused, check_output, holds_json, is_open_in_leerkring};
pub use recovery::{
    Difference, JournalOnOpen, RecoveryCandidate, RunMarker, UncleanExit, apply_journal_on_open,
    recovery_candidates,
};
pub use settings::{
    AppDirs, HOME_ENV, Settings, free_copy_path, list_sessions, load_settings,
    prune_recovery_copies, save_recovery_copy, save_settings, unsaved_copy_name,
};
pub use templates::{
    TemplateEntry, TemplateSource, UntitledCopy, all_templates, find_template,
    list_untitled_copies, load_template, remove_untitled_copy, save_template, template_name,
    templates_dir,
};
