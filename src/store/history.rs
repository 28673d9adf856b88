//! Rolling snapshots of each session in Leerkring's data folder, so an
//! earlier state of the facilitator's notes can be looked at and brought
//! back, and so a crash or a failing save never costs more than a few
//! minutes of work.
//!
//! Each session has its own folder, `history/<key>/` in the data folder,
//! where the key ([`session_key`]) comes from the session file's path (or,
//! for a session without a file, from its name in the recovery folder).
//! A snapshot is a complete session file named after the moment it was taken,
//! e.g. `20200204-143200.json`, written through the atomic helper. The time
//! always comes from the caller: the store never reads the clock.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{NaiveDateTime, TimeDelta};

use super::format::{read_session_copy, session_to_json};
use super::{AppDirs, LoadError, SaveError, write_atomic};
use crate::i18n::{Language, T, trf};
use crate::model::Session;

/// The time in a snapshot's file name, e.g. `20200204-143200`.
const NAME_FORMAT: &str = "%Y%m%d-%H%M%S";

/// How many seconds on a snapshot's name may move when its second is taken.
const SAME_SECOND_TRIES: i64 = 60;

/// The longest readable part of a session key, in characters.
const KEY_NAME_CHARS: usize = 40;

/// One snapshot, as the history list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnapshotInfo {
    /// The snapshot file; open it with [`load_snapshot`].
    pub path: PathBuf,
    /// When it was taken (local time, from its file name).
    pub taken_at: NaiveDateTime,
    /// The number of keywords in it ([`Session::keyword_count`]).
    pub keywords: usize,
    /// The number of synthesis bullets in it ([`Session::bullet_count`]).
    pub bullets: usize,
    /// The meeting's title in it.
    pub title: String,
}

impl SnapshotInfo {
    /// "66 keywords, 12 bullets" in `lang`.
    #[must_use]
    pub fn summary(&self, lang: Language) -> String {
        trf(
            lang,
            T::StoreSnapshotSummary,
            &[
                ("keywords", &self.keywords.to_string()),
                ("bullets", &self.bullets.to_string()),
            ],
        )
    }
}

/// The folder with the snapshots of the session with this key.
#[must_use]
pub fn history_dir(dirs: &AppDirs, session_key: &str) -> PathBuf {
    dirs.data_dir.join("history").join(session_key)
}

/// A short, stable name for a session, usable as a folder name: a readable
/// part from its file name and a 64-bit FNV-1a hash of its full path, e.g.
/// `2020-02-04-m50-democratische-vernieuwing-6c62272e07bb0142`.
///
/// For a session with a file, the hash is of the file's canonical path, so
/// `./a/../sessie.json` and the absolute path give the same key (on Windows
/// and macOS, where names ignore case, the path is compared in lower case).
/// A file that does not exist yet is keyed by its canonical folder. For a
/// session without a file (`file` is `None`), the key comes from
/// `untitled_name`, its file name in the recovery folder; the two kinds of
/// key never collide.
#[must_use]
pub fn session_key(file: Option<&Path>, untitled_name: &str) -> String {
    let (name, hashed) = if let Some(file) = file {
        let mut canonical = canonical_path(file).to_string_lossy().into_owned();
        if cfg!(any(windows, target_os = "macos")) {
            canonical = canonical.to_lowercase();
        }
        let stem = file.file_stem().unwrap_or_default().to_string_lossy();
        (readable(&stem), format!("file:{canonical}"))
    } else {
        let stem = untitled_name.strip_suffix(".json").unwrap_or(untitled_name);
        (readable(stem), format!("untitled:{untitled_name}"))
    };
    let hash = fnv1a64(hashed.as_bytes());
    if name.is_empty() {
        format!("{hash:016x}")
    } else {
        format!("{name}-{hash:016x}")
    }
}

/// Takes a snapshot of `session` when none of its snapshots was taken in the
/// `min_interval` before `now` (e.g. 5 minutes), then keeps only the newest
/// `keep` snapshots (e.g. 50; at least one). Returns whether one was written.
///
/// Nothing is written when the session is exactly as in its newest snapshot,
/// so an idle session does not push older versions out. Snapshots that seem
/// to lie in the future (the clock was set back, or summer time ended) do not
/// count as recent.
pub fn snapshot_if_due(
    dirs: &AppDirs,
    key: &str,
    session: &Session,
    now: NaiveDateTime,
    min_interval: TimeDelta,
    keep: usize,
) -> Result<bool, SaveError> {
    let folder = history_dir(dirs, key);
    let existing = snapshot_files(&folder);
    let recent = existing
        .iter()
        .any(|(taken_at, _)| *taken_at <= now && now - *taken_at < min_interval);
    if recent {
        return Ok(false);
    }
    Ok(snapshot_now(dirs, key, session, now, keep)?.is_some())
}

/// Takes a snapshot of `session` now, whatever the time of the last one
/// (e.g. of the file's content just before a recovered copy replaces it),
/// then keeps only the newest `keep`. Returns the snapshot written, or `None`
/// when the newest snapshot already holds exactly this session.
pub fn snapshot_now(
    dirs: &AppDirs,
    key: &str,
    session: &Session,
    now: NaiveDateTime,
    keep: usize,
) -> Result<Option<PathBuf>, SaveError> {
    let folder = history_dir(dirs, key);
    let bytes = session_to_json(session);
    if let Some((_, newest)) = snapshot_files(&folder).first()
        && fs::read(newest).is_ok_and(|old| old == bytes)
    {
        return Ok(None);
    }
    fs::create_dir_all(&folder).map_err(|err| SaveError::from_io(&folder, err))?;
    // Two different snapshots within one second: the later one is named a
    // second on, rather than replacing the earlier one.
    let name = |at: NaiveDateTime| folder.join(format!("{}.json", at.format(NAME_FORMAT)));
    let mut path = name(now);
    for later in 1..=SAME_SECOND_TRIES {
        if !path.exists() {
            break;
        }
        path = name(now + TimeDelta::seconds(later));
    }
    write_atomic(&path, &bytes)?;
    prune(&folder, keep.max(1));
    Ok(Some(path))
}

/// The readable snapshots of the session with this key, newest first.
/// Snapshots that cannot be read are left out. Reads every snapshot, so call
/// it when the history is shown, not every frame.
#[must_use]
pub fn list_snapshots(dirs: &AppDirs, key: &str) -> Vec<SnapshotInfo> {
    snapshot_files(&history_dir(dirs, key))
        .into_iter()
        .filter_map(|(taken_at, path)| {
            let session = read_session_copy(&path).ok()?;
            Some(SnapshotInfo {
                taken_at,
                keywords: session.keyword_count(),
                bullets: session.bullet_count(),
                title: session.header.title,
                path,
            })
        })
        .collect()
}

/// Reads a snapshot (or any copy of a session, such as a recovery copy).
/// Never writes: a snapshot in an older format is migrated in memory only.
pub fn load_snapshot(path: &Path) -> Result<Session, LoadError> {
    read_session_copy(path)
}

/// The snapshot files in `folder` with the time in their names, newest
/// first; empty when the folder cannot be read. Other files are ignored.
pub(super) fn snapshot_files(folder: &Path) -> Vec<(NaiveDateTime, PathBuf)> {
    let Ok(entries) = fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut files: Vec<(NaiveDateTime, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name();
            let stem = name.to_str()?.strip_suffix(".json")?;
            // Only the exact form, so `20200204-143200.json.v1.bak` and the
            // like are not taken for snapshots.
            if stem.len() != "20200204-143200".len() {
                return None;
            }
            let taken_at = NaiveDateTime::parse_from_str(stem, NAME_FORMAT).ok()?;
            Some((taken_at, entry.path()))
        })
        .filter(|(_, path)| path.is_file())
        .collect();
    files.sort_by(|a, b| b.cmp(a));
    files
}

/// Removes all but the newest `keep` snapshots in `folder`. A snapshot that
/// cannot be removed stays; the next snapshot tries again.
fn prune(folder: &Path, keep: usize) {
    for (_, old) in snapshot_files(folder).into_iter().skip(keep) {
        let _ = fs::remove_file(old);
    }
}

/// `path` with symbolic links, `.` and `..` resolved, as far as it exists:
/// for a file that does not exist yet, its canonical folder and its name.
pub(super) fn canonical_path(path: &Path) -> PathBuf {
    if let Ok(canonical) = fs::canonicalize(path) {
        return canonical;
    }
    if let (Some(parent), Some(name)) = (path.parent(), path.file_name()) {
        let parent = if parent.as_os_str().is_empty() {
            Path::new(".")
        } else {
            parent
        };
        if let Ok(folder) = fs::canonicalize(parent) {
            return folder.join(name);
        }
    }
    std::path::absolute(path).unwrap_or_else(|_| path.to_owned())
}

/// `text` as lower-case ASCII letters, digits and single dashes, shortened.
fn readable(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if out.len() >= KEY_NAME_CHARS {
            break;
        }
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

/// The 64-bit FNV-1a hash of `bytes`: tiny, stable across builds and
/// platforms (unlike `std`'s hasher), and plenty for telling paths apart.
pub(super) fn fnv1a64(bytes: &[u8]) -> u64 {
    const OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    bytes.iter().fold(OFFSET_BASIS, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(PRIME)
    })
}

#[cfg(test)]
pub(super) mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::model::{Bullet, BulletId, Experiment, ExperimentId, Keyword, KeywordId, OrgId};
    use crate::model::{OrgKind, Organisation};

    fn at(hour: u32, minute: u32, second: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2020, 2, 4)
            .and_then(|d| d.and_hms_opt(hour, minute, second))
            .unwrap()
    }

    /// A session with `keywords` keywords and `bullets` bullets.
    pub(crate) fn session_with(title: &str, keywords: usize, bullets: usize) -> Session {
        let mut session = Session::default();
        session.header.title = title.into();
        session.organisations.push(Organisation {
            id: OrgId::new("breda"),
            name: "Breda".into(),
            kind: OrgKind::Municipality,
            notes: Vec::new(),
            attendance: crate::model::Attendance::Unknown,
        });
        session.experiments.push(Experiment {
            id: ExperimentId::new("exp-1"),
            organisation: OrgId::new("breda"),
            title: "Wijkbudget".into(),
            keywords: (0..keywords)
                .map(|i| Keyword {
                    id: KeywordId::new(format!("kw-{i}")),
                    text: format!("trefwoord {i}"),
                    tags: Vec::new(),
                    highlighted: false,
                })
                .collect(),
            notes: Vec::new(),
        });
        session.synthesis.observations.bullets = (0..bullets)
            .map(|i| Bullet {
                id: BulletId::new(format!("b-{i}")),
                text: format!("punt {i}"),
                tags: Vec::new(),
                children: Vec::new(),
            })
            .collect();
        session
    }

    fn names(dirs: &AppDirs, key: &str) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(history_dir(dirs, key))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    const FIVE_MINUTES: TimeDelta = TimeDelta::minutes(5);

    #[test]
    fn fnv1a64_matches_the_reference_values() {
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn session_key_is_stable_readable_and_follows_the_real_path() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("M50 Democratische vernieuwing.json");
        fs::write(&file, b"{}").unwrap();
        let key = session_key(Some(&file), "");
        assert_eq!(key, session_key(Some(&file), "ignored"));
        assert!(key.starts_with("m50-democratische-vernieuwing-"), "{key}");
        assert!(key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));

        let detour = dir
            .path()
            .join("sub")
            .join("..")
            .join(".")
            .join("M50 Democratische vernieuwing.json");
        fs::create_dir(dir.path().join("sub")).unwrap();
        assert_eq!(session_key(Some(&detour), ""), key);

        // A file that does not exist yet has a key too, and so does its folder's detour.
        let new = dir.path().join("nieuw.json");
        let new_detour = dir.path().join("sub").join("..").join("nieuw.json");
        assert_eq!(
            session_key(Some(&new), ""),
            session_key(Some(&new_detour), "")
        );

        let other = dir.path().join("andere.json");
        assert_ne!(session_key(Some(&other), ""), key);
    }

    #[test]
    fn untitled_keys_differ_by_name_and_from_file_keys() {
        let a = session_key(None, "untitled-20200204-143200.json");
        let b = session_key(None, "untitled-20200204-150000.json");
        assert_ne!(a, b);
        assert!(a.starts_with("untitled-20200204-143200-"), "{a}");
        let as_file = session_key(
            Some(Path::new("untitled-20200204-143200.json")),
            "untitled-20200204-143200.json",
        );
        assert_ne!(as_file, a);
        // Nothing readable left: the hash alone.
        assert_eq!(session_key(None, "ÅØ.json").len(), 16);
    }

    #[test]
    fn first_snapshot_is_written_then_only_after_the_interval() {
        let dir = tempfile::tempdir().unwrap();
        let dirs = AppDirs::in_folder(dir.path());
        let key = session_key(None, "untitled-1.json");

        let wrote = |session: &Session, now| {
            snapshot_if_due(&dirs, &key, session, now, FIVE_MINUTES, 50).unwrap()
        };
        assert!(wrote(&session_with("a", 1, 0), at(14, 32, 0)));
        assert!(!wrote(&session_with("a", 2, 0), at(14, 36, 59)));
        assert!(wrote(&session_with("a", 3, 0), at(14, 37, 0)));
        assert_eq!(
            names(&dirs, &key),
            ["20200204-143200.json", "20200204-143700.json"]
        );
        let newest = load_snapshot(&history_dir(&dirs, &key).join("20200204-143700.json"));
        assert_eq!(newest.unwrap(), session_with("a", 3, 0));
    }

    #[test]
    fn unchanged_session_is_not_snapshotted_again() {
        let dir = tempfile::tempdir().unwrap();
        let dirs = AppDirs::in_folder(dir.path());
        let session = session_with("a", 1, 1);
        assert!(snapshot_if_due(&dirs, "k", &session, at(9, 0, 0), FIVE_MINUTES, 50).unwrap());
        assert!(!snapshot_if_due(&dirs, "k", &session, at(10, 0, 0), FIVE_MINUTES, 50).unwrap());
        assert_eq!(
            snapshot_now(&dirs, "k", &session, at(11, 0, 0), 50).unwrap(),
            None
        );
        assert_eq!(names(&dirs, "k"), ["20200204-090000.json"]);
    }

    #[test]
    fn two_snapshots_in_one_second_are_both_kept() {
        let dir = tempfile::tempdir().unwrap();
        let dirs = AppDirs::in_folder(dir.path());
        let now = at(9, 0, 0);
        let first = snapshot_now(&dirs, "k", &session_with("a", 1, 0), now, 50).unwrap();
        let second = snapshot_now(&dirs, "k", &session_with("a", 2, 0), now, 50).unwrap();
        assert_ne!(first, second);
        assert_eq!(
            names(&dirs, "k"),
            ["20200204-090000.json", "20200204-090001.json"]
        );
        let newest = list_snapshots(&dirs, "k");
        assert_eq!(newest[0].keywords, 2);
    }

    #[test]
    fn only_the_newest_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let dirs = AppDirs::in_folder(dir.path());
        for minute in 0..8 {
            let session = session_with("a", minute as usize, 0);
            let now = at(10, minute * 5, 0);
            assert!(snapshot_if_due(&dirs, "k", &session, now, FIVE_MINUTES, 3).unwrap());
        }
        assert_eq!(
            names(&dirs, "k"),
            [
                "20200204-102500.json",
                "20200204-103000.json",
                "20200204-103500.json"
            ]
        );
    }

    #[test]
    fn clock_set_back_still_takes_snapshots() {
        let dir = tempfile::tempdir().unwrap();
        let dirs = AppDirs::in_folder(dir.path());
        let due = |n, now| {
            snapshot_if_due(&dirs, "k", &session_with("a", n, 0), now, FIVE_MINUTES, 50).unwrap()
        };
        assert!(due(1, at(3, 0, 0)));
        // Summer time ended: the clock says 2:10 now.
        assert!(due(2, at(2, 10, 0)));
        assert!(!due(3, at(2, 12, 0)));
        assert!(due(4, at(2, 15, 0)));
        let listed: Vec<usize> = list_snapshots(&dirs, "k")
            .iter()
            .map(|s| s.keywords)
            .collect();
        assert_eq!(listed, [1, 4, 2]);
    }

    #[test]
    fn list_is_newest_first_with_counts_and_skips_unreadable_and_other_files() {
        let dir = tempfile::tempdir().unwrap();
        let dirs = AppDirs::in_folder(dir.path());
        assert!(list_snapshots(&dirs, "k").is_empty());

        snapshot_now(&dirs, "k", &session_with("Eerste", 2, 1), at(9, 0, 0), 50).unwrap();
        snapshot_now(&dirs, "k", &session_with("Tweede", 5, 3), at(9, 30, 0), 50).unwrap();
        let folder = history_dir(&dirs, "k");
        fs::write(folder.join("20200204-100000.json"), b"{ kapot").unwrap();
        fs::write(folder.join("20200204-093000.json.v1.bak"), b"{}").unwrap();
        fs::write(folder.join("notities.json"), b"{}").unwrap();
        fs::write(folder.join(".20200204-110000.json.abc.tmp"), b"").unwrap();

        let list = list_snapshots(&dirs, "k");
        assert_eq!(
            list,
            [
                SnapshotInfo {
                    path: folder.join("20200204-093000.json"),
                    taken_at: at(9, 30, 0),
                    keywords: 5,
                    bullets: 3,
                    title: "Tweede".into(),
                },
                SnapshotInfo {
                    path: folder.join("20200204-090000.json"),
                    taken_at: at(9, 0, 0),
                    keywords: 2,
                    bullets: 1,
                    title: "Eerste".into(),
                },
            ]
        );
        assert_eq!(list[0].summary(Language::En), "5 keywords, 3 bullets");
        assert_eq!(list[0].summary(Language::Nl), "5 trefwoorden, 3 punten");
        // The unreadable one still counts as the newest for pruning, and is not replaced.
        assert_eq!(
            fs::read(folder.join("20200204-100000.json")).unwrap(),
            b"{ kapot"
        );
    }

    #[test]
    fn unwritable_history_folder_is_a_save_error() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("data"), b"").unwrap();
        let dirs = AppDirs::in_folder(dir.path());
        let result = snapshot_if_due(
            &dirs,
            "k",
            &session_with("a", 1, 0),
            at(9, 0, 0),
            FIVE_MINUTES,
            50,
        );
        assert!(result.is_err(), "{result:?}");
    }
}
