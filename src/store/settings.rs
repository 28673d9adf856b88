//! Where Leerkring keeps its own files (settings, recovery copies) and the
//! small settings file with the recent sessions and the UI language.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{SaveError, save_session, write_atomic};
use crate::model::{Language, Session};

/// The environment variable that moves all of Leerkring's own files into one
/// folder (used by tests and CI, and for a portable install on a USB stick).
pub const HOME_ENV: &str = "LEERKRING_HOME";

/// How many recent sessions the settings remember.
const RECENT_LIMIT: usize = 10;

/// The folders Leerkring writes its own files into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppDirs {
    /// Settings (recent sessions, UI language).
    pub config_dir: PathBuf,
    /// Recovery copies of untitled sessions and other data.
    pub data_dir: PathBuf,
}

impl AppDirs {
    /// Both folders inside one folder.
    #[must_use]
    pub fn in_folder(folder: &Path) -> Self {
        Self {
            config_dir: folder.join("config"),
            data_dir: folder.join("data"),
        }
    }

    /// The folders from `LEERKRING_HOME` when set, otherwise the platform's
    /// usual places (`%APPDATA%` on Windows, `~/Library/Application Support`
    /// on macOS, XDG folders elsewhere). `None` when no home folder is known.
    #[must_use]
    pub fn from_env() -> Option<Self> {
        if let Some(home) = std::env::var_os(HOME_ENV).filter(|v| !v.is_empty()) {
            return Some(Self::in_folder(Path::new(&home)));
        }
        Self::platform()
    }

    /// The platform's usual places, whatever `LEERKRING_HOME` says: on
    /// Windows `%APPDATA%\Leerkring\Leerkring\config` and `…\data` (the
    /// roaming profile, so settings and recovery copies follow the user to
    /// another municipal laptop).
    #[must_use]
    pub fn platform() -> Option<Self> {
        directories::ProjectDirs::from("nl", "Leerkring", "Leerkring").map(|dirs| Self {
            config_dir: dirs.config_dir().to_path_buf(),
            data_dir: dirs.data_dir().to_path_buf(),
        })
    }

    /// The folder that holds recovery copies of sessions without a file.
    #[must_use]
    pub fn recovery_dir(&self) -> PathBuf {
        self.data_dir.join("recovery")
    }

    /// The settings file.
    #[must_use]
    pub fn settings_file(&self) -> PathBuf {
        self.config_dir.join("settings.json")
    }
}

/// Leerkring's own settings.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The language of the user interface; `None` follows the system.
    pub ui_language: Option<Language>,
    /// Recently opened session files, most recent first.
    pub recent: Vec<PathBuf>,
    /// The monitor the projector goes fullscreen on (fullscreen itself is
    /// never restored by itself after a restart).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub projector_monitor: Option<usize>,
    /// The projector window's last size as a window, in points.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub projector_size: Option<[f32; 2]>,
    /// The last run was left with "keep as recovery copy": the next start
    /// without a file shows the start screen, which lists that copy.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub show_untitled_copies: bool,
    /// The console window's last size (not maximised), in points.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub window_size: Option<[f32; 2]>,
    /// Whether the console window was maximised when last used.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub window_maximized: Option<bool>,
}

impl Settings {
    /// Puts `path` at the top of the recent list (once), keeping the list short.
    pub fn remember(&mut self, path: &Path) {
        self.recent.retain(|p| p != path);
        self.recent.insert(0, path.to_path_buf());
        self.recent.truncate(RECENT_LIMIT);
    }

    /// The most recent session file that still exists.
    #[must_use]
    pub fn most_recent_existing(&self) -> Option<&Path> {
        self.recent
            .iter()
            .map(PathBuf::as_path)
            .find(|p| p.is_file())
    }
}

/// Reads the settings. A missing or unreadable settings file gives the
/// defaults: settings are a convenience, never a reason not to start.
#[must_use]
pub fn load_settings(dirs: &AppDirs) -> Settings {
    std::fs::read(dirs.settings_file())
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
}

/// Writes the settings atomically, creating the folder when needed.
pub fn save_settings(dirs: &AppDirs, settings: &Settings) -> Result<(), SaveError> {
    let file = dirs.settings_file();
    std::fs::create_dir_all(&dirs.config_dir).map_err(|source| SaveError::Io {
        path: dirs.config_dir.clone(),
        source,
    })?;
    let mut bytes = serde_json::to_vec_pretty(settings).unwrap_or_default();
    bytes.push(b'\n');
    write_atomic(&file, &bytes)
}

/// Saves an untitled session into the recovery folder under `file_name`,
/// creating the folder when needed; returns the file written.
pub fn save_recovery_copy(
    dirs: &AppDirs,
    file_name: &str,
    session: &Session,
) -> Result<PathBuf, SaveError> {
    let folder = dirs.recovery_dir();
    std::fs::create_dir_all(&folder).map_err(|source| SaveError::Io {
        path: folder.clone(),
        source,
    })?;
    let file = folder.join(file_name);
    save_session(&file, session)?;
    if is_recovery_copy(file_name) {
        prune_recovery_copies(dirs, Some(&file));
    }
    Ok(file)
}

/// The most copies of crashed or unsaved sessions the recovery folder keeps...
const RECOVERY_COPIES_KEPT: usize = 50;
/// ...and the most bytes they take together (a session is at most a few MB).
const RECOVERY_COPIES_BYTES: u64 = 200 * 1024 * 1024;

/// Whether `name` is a copy in the recovery folder (of a session that
/// crashed, or whose saves failed), not an untitled session's own file.
fn is_recovery_copy(name: &str) -> bool {
    name.contains("-crash-")
        && Path::new(name)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

/// The name of the copy kept in the recovery folder while the saves of the
/// session file `file` fail: one per session, replaced at each failure
/// (never multiplied) and removed once the file is saved. It starts like
/// the copies a crash leaves (`<stem>-crash-`), so a start after a crash
/// offers it too.
#[must_use]
pub fn unsaved_copy_name(file: &Path) -> String {
    let stem = file
        .file_stem()
        .map_or_else(|| "sessie".to_owned(), |s| s.to_string_lossy().into_owned());
    let key = super::session_key(Some(file), "");
    let hash = key.rsplit('-').next().unwrap_or(&key);
    format!("{stem}-crash-unsaved-{hash}.json")
}

/// Keeps the recovery folder within bounds: of the copies of crashed or
/// unsaved sessions ([`is_recovery_copy`]), at most 50 and at most 200 MB
/// together stay, the newest first; `keep` (just written) always stays.
/// Untitled sessions' own files are never removed.
pub fn prune_recovery_copies(dirs: &AppDirs, keep: Option<&PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dirs.recovery_dir()) else {
        return;
    };
    let mut copies: Vec<(std::time::SystemTime, u64, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter(|e| is_recovery_copy(&e.file_name().to_string_lossy()))
        .filter_map(|e| {
            let meta = e.metadata().ok()?;
            let modified = meta.modified().unwrap_or(std::time::UNIX_EPOCH);
            Some((modified, meta.len(), e.path()))
        })
        .collect();
    copies.sort_by_key(|c| std::cmp::Reverse(c.0));
    let mut total = 0;
    for (index, (_, size, path)) in copies.into_iter().enumerate() {
        total += size;
        let over = index >= RECOVERY_COPIES_KEPT || total > RECOVERY_COPIES_BYTES;
        if over && Some(&path) != keep {
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// A free name for a copy of `file` next to it: `x-kopie.json`, then
/// `x-kopie-2.json` and so on.
#[must_use]
pub fn free_copy_path(file: &Path) -> PathBuf {
    let stem = file
        .file_stem()
        .map_or_else(|| "sessie".to_owned(), |s| s.to_string_lossy().into_owned());
    let folder = file.parent().unwrap_or_else(|| Path::new("."));
    let mut n = 1;
    loop {
        let name = if n == 1 {
            format!("{stem}-kopie.json")
        } else {
            format!("{stem}-kopie-{n}.json")
        };
        let candidate = folder.join(name);
        if !candidate.exists() {
            return candidate;
        }
        n += 1;
    }
}

/// The session files (`*.json`) in a folder, sorted by name; empty when the
/// folder cannot be read.
#[must_use]
pub fn list_sessions(folder: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.is_file()
                && p.extension()
                    .is_some_and(|x| x.eq_ignore_ascii_case("json"))
        })
        .collect();
    files.sort();
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    /// On Windows the folders are the user's roaming application data, as
    /// the system reports it (`directories` asks the shell, not `%APPDATA%`).
    #[cfg(windows)]
    #[test]
    fn windows_folders_are_in_the_roaming_application_data() {
        let dirs = AppDirs::platform().unwrap();
        let appdata = PathBuf::from(std::env::var_os("APPDATA").unwrap());
        assert_eq!(
            dirs.config_dir,
            appdata.join("Leerkring").join("Leerkring").join("config")
        );
        assert_eq!(
            dirs.data_dir,
            appdata.join("Leerkring").join("Leerkring").join("data")
        );
    }

    #[test]
    fn settings_round_trip_and_recent_list_stays_unique() {
        let dir = tempfile::tempdir().unwrap();
        let dirs = AppDirs::in_folder(dir.path());
        assert_eq!(load_settings(&dirs), Settings::default());

        let mut settings = Settings::default();
        settings.remember(Path::new("/a.json"));
        settings.remember(Path::new("/b.json"));
        settings.remember(Path::new("/a.json"));
        assert_eq!(
            settings.recent,
            [PathBuf::from("/a.json"), PathBuf::from("/b.json")]
        );
        settings.ui_language = Some(Language::En);
        save_settings(&dirs, &settings).unwrap();
        assert_eq!(load_settings(&dirs), settings);
    }

    #[test]
    fn recovery_copy_creates_its_folder() {
        let dir = tempfile::tempdir().unwrap();
        let dirs = AppDirs::in_folder(dir.path());
        let session = Session::default();
        let file = save_recovery_copy(&dirs, "untitled-1.json", &session).unwrap();
        assert!(file.starts_with(dirs.recovery_dir()));
        assert_eq!(super::super::load_session(&file).unwrap(), session);
    }

    #[test]
    fn the_recovery_folder_keeps_at_most_fifty_copies_and_never_an_untitled_session() {
        let dir = tempfile::tempdir().unwrap();
        let dirs = AppDirs::in_folder(dir.path());
        let session = Session::default();
        save_recovery_copy(&dirs, "untitled-1.json", &session).unwrap();
        for n in 0..60 {
            let name = format!("sessie-crash-2020020{}-1432{n:02}.json", n % 10);
            let written = save_recovery_copy(&dirs, &name, &session).unwrap();
            let time = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000 + n);
            std::fs::File::options()
                .write(true)
                .open(&written)
                .unwrap()
                .set_modified(time)
                .unwrap();
        }
        prune_recovery_copies(&dirs, None);
        let names: Vec<String> = std::fs::read_dir(dirs.recovery_dir())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.iter().filter(|n| is_recovery_copy(n)).count(), 50);
        assert!(names.contains(&"untitled-1.json".to_owned()));
        // The oldest went.
        assert!(!names.contains(&"sessie-crash-20200200-143200.json".to_owned()));
        assert!(names.contains(&"sessie-crash-20200209-143259.json".to_owned()));
    }

    #[test]
    fn each_session_has_one_unsaved_copy_name() {
        let a = unsaved_copy_name(Path::new("a/sessie.json"));
        let b = unsaved_copy_name(Path::new("b/sessie.json"));
        assert_ne!(a, b, "sessions of the same name in two folders");
        assert_eq!(a, unsaved_copy_name(Path::new("a/sessie.json")));
        assert!(
            a.starts_with("sessie-crash-unsaved-") && is_recovery_copy(&a),
            "{a}"
        );
    }

    #[test]
    fn list_sessions_finds_json_files_only() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("b.json"), b"{}").unwrap();
        std::fs::write(dir.path().join("a.JSON"), b"{}").unwrap();
        std::fs::write(dir.path().join("notes.txt"), b"").unwrap();
        std::fs::create_dir(dir.path().join("sub.json")).unwrap();
        let names: Vec<_> = list_sessions(dir.path())
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["a.JSON", "b.json"]);
        assert!(list_sessions(&dir.path().join("missing")).is_empty());
    }

    #[test]
    fn corrupt_settings_give_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let dirs = AppDirs::in_folder(dir.path());
        std::fs::create_dir_all(&dirs.config_dir).unwrap();
        std::fs::write(dirs.settings_file(), b"{ not json").unwrap();
        assert_eq!(load_settings(&dirs), Settings::default());
    }

    #[test]
    fn most_recent_existing_skips_missing_files() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.json");
        std::fs::write(&real, b"{}").unwrap();
        let mut settings = Settings::default();
        settings.remember(&real);
        settings.remember(&dir.path().join("gone.json"));
        assert_eq!(settings.most_recent_existing(), Some(real.as_path()));
    }
}
