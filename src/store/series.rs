//! The disk side of a series of sessions: reading the session files of a
//! folder for the series view, naming and writing a follow-up session next
//! to the previous one, and the relative reference between the two files.

use std::path::{Component, Path, PathBuf};

use crate::model::series::{FollowUpError, follow_up, same_series};
use crate::model::{PlannedDate, Session};

use super::error::{LoadError, SaveError};
use super::{list_sessions, load_session, save_session};

/// A session of the series, as the series view lists it.
#[derive(Debug, Clone)]
pub struct SeriesEntry {
    /// The session's file.
    pub path: PathBuf,
    /// The session as read.
    pub session: Session,
}

/// The sessions of one series found in a folder, in meeting order.
#[derive(Debug, Default)]
pub struct SeriesScan {
    /// The sessions of the series, earliest first.
    pub entries: Vec<SeriesEntry>,
    /// Files that could not be read, with the reason; they are left untouched.
    pub skipped: Vec<LoadError>,
}

/// Reads every session file in `current_file`'s folder and keeps those of
/// the series of `current`: the same network and theme, or linked to
/// another member by a previous-session reference (a previous session in
/// another folder is read too). The current
/// session is taken as it is in memory. Sessions are in date order (a
/// planned month counts from its first day); those without any date come last.
#[must_use]
pub fn scan(current_file: &Path, current: &Session) -> SeriesScan {
    let folder = current_file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    let mut scan = SeriesScan::default();
    let mut candidates = Vec::new();
    for path in list_sessions(folder) {
        if same_path(&path, current_file) {
            continue;
        }
        match load_session(&path) {
            Ok(session) => candidates.push(SeriesEntry { path, session }),
            Err(error) => scan.skipped.push(error),
        }
    }
    let name = |p: &Path| {
        p.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    scan.entries.push(SeriesEntry {
        path: current_file.to_path_buf(),
        session: current.clone(),
    });
    // Grow the series until no candidate joins: a chain of references links
    // sessions whose headers changed along the way.
    loop {
        let before = scan.entries.len();
        let mut rest = Vec::new();
        for candidate in candidates {
            let joins = scan.entries.iter().any(|member| {
                same_series(
                    &member.session,
                    &name(&member.path),
                    &candidate.session,
                    &name(&candidate.path),
                )
            });
            if joins {
                scan.entries.push(candidate);
            } else {
                rest.push(candidate);
            }
        }
        candidates = rest;
        if scan.entries.len() == before {
            break;
        }
    }
    // A previous session kept in another folder still belongs to the series.
    let mut index = 0;
    while index < scan.entries.len() {
        let entry = &scan.entries[index];
        if let Some(previous) = &entry.session.previous
            && !previous.file.is_empty()
        {
            let path = resolve_reference(&entry.path, &previous.file);
            let known = scan.entries.iter().any(|e| same_path(&e.path, &path));
            if !known && path.is_file() {
                match load_session(&path) {
                    Ok(session) => scan.entries.push(SeriesEntry { path, session }),
                    Err(error) => scan.skipped.push(error),
                }
            }
        }
        index += 1;
    }
    scan.entries.sort_by(|a, b| {
        let key = |e: &SeriesEntry| (e.session.series_day().is_none(), e.session.series_day());
        key(a).cmp(&key(b)).then_with(|| a.path.cmp(&b.path))
    });
    scan
}

fn same_path(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// Why a follow-up session could not be written.
#[derive(Debug, thiserror::Error)]
pub enum FollowUpFileError {
    /// The previous session could not be read.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// The previous session plans no such meeting.
    #[error(transparent)]
    FollowUp(#[from] FollowUpError),
    /// The output file exists and overwriting was not asked for.
    #[error("{} exists already", path.display())]
    Exists {
        /// The file that exists.
        path: PathBuf,
    },
    /// The output file is the previous session's own file.
    #[error("{} is the previous session itself", path.display())]
    ReplacesItself {
        /// The previous session's file.
        path: PathBuf,
    },
    /// The output file may not be replaced even when asked (it is open in
    /// a running Leerkring).
    #[error(transparent)]
    Refused(#[from] super::OutputRefused),
    /// Writing the new session failed.
    #[error(transparent)]
    Save(#[from] SaveError),
}

/// Makes the follow-up of `previous` (saved as `previous_file`) for its
/// planned meeting `meeting` (an index from 0) and writes it atomically to
/// `out`, or next to the previous file under [`default_follow_up_path`].
/// An existing file is replaced only when `overwrite` is set, and never when
/// it is the previous session itself or open in a running Leerkring (`dirs`
/// finds the locks). Returns the file written and the new session.
///
/// # Errors
/// When there is no such planned meeting, the file exists, or writing fails.
pub fn write_follow_up(
    previous: &Session,
    previous_file: &Path,
    meeting: usize,
    review_title: &str,
    out: Option<&Path>,
    overwrite: bool,
    dirs: Option<&super::AppDirs>,
) -> Result<(PathBuf, Session), FollowUpFileError> {
    let mut next = follow_up(previous, "", meeting, review_title)?;
    let target = match out {
        Some(out) if out.is_dir() => out.join(
            default_follow_up_path(previous_file, &next)
                .file_name()
                .unwrap_or_default(),
        ),
        Some(out) => out.to_path_buf(),
        None => default_follow_up_path(previous_file, &next),
    };
    if same_path(&target, previous_file) {
        return Err(FollowUpFileError::ReplacesItself { path: target });
    }
    if target.exists() {
        if !overwrite {
            return Err(FollowUpFileError::Exists { path: target });
        }
        super::check_output(dirs, &target, true)?;
    }
    if let Some(snapshot) = next.previous.as_mut() {
        snapshot.file = reference_from(&target, previous_file);
    }
    save_session(&target, &next)?;
    Ok((target, next))
}

/// The follow-up's file name next to the previous file: the previous name
/// with its leading date (`2020-02-04-…`) replaced by the new meeting's day
/// or month (`2020-12-…`), or with `-vervolg` added when either is unknown.
/// Taken names get `-2`, `-3`, … so nothing is overwritten.
#[must_use]
pub fn default_follow_up_path(previous_file: &Path, next: &Session) -> PathBuf {
    let stem = previous_file
        .file_stem()
        .map_or_else(|| "sessie".to_owned(), |s| s.to_string_lossy().into_owned());
    let when = next.header.date.map_or_else(
        || match next.previous.as_ref().and_then(|p| p.planned) {
            Some(PlannedDate::Day(day)) => Some(day.format("%Y-%m-%d").to_string()),
            Some(PlannedDate::Month { year, month, .. }) => Some(format!("{year:04}-{month:02}")),
            None => None,
        },
        |d| Some(d.format("%Y-%m-%d").to_string()),
    );
    let rest = strip_date_prefix(&stem);
    let base = match (when, rest) {
        (Some(when), Some(rest)) => format!("{when}-{rest}"),
        _ => format!("{stem}-vervolg"),
    };
    let folder = previous_file.parent().unwrap_or_else(|| Path::new(""));
    let mut n = 1;
    loop {
        let name = if n == 1 {
            format!("{base}.json")
        } else {
            format!("{base}-{n}.json")
        };
        let candidate = folder.join(name);
        if !candidate.exists() {
            return candidate;
        }
        n += 1;
    }
}

/// The part after a leading `YYYY-MM-DD-` or `YYYY-MM-`, when there is one.
fn strip_date_prefix(stem: &str) -> Option<&str> {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let mut parts = stem.splitn(4, '-');
    let (year, month) = (parts.next()?, parts.next()?);
    if year.len() != 4 || month.len() != 2 || !digits(year) || !digits(month) {
        return None;
    }
    let third = parts.next()?;
    if third.len() == 2 && digits(third) {
        parts.next().filter(|r| !r.is_empty())
    } else {
        let start = stem.len() - stem[8..].len();
        Some(&stem[start..]).filter(|r| !r.is_empty())
    }
}

/// How `new_file` refers to `previous_file`: a relative path with `/`
/// separators (just the name when both are in one folder), or the absolute
/// path when no relative one exists (another drive on Windows).
#[must_use]
pub fn reference_from(new_file: &Path, previous_file: &Path) -> String {
    let absolute = |p: &Path| {
        let parent = p.parent().filter(|d| !d.as_os_str().is_empty());
        let folder = parent
            .map_or_else(|| Path::new(".").canonicalize(), Path::canonicalize)
            .unwrap_or_else(|_| parent.unwrap_or_else(|| Path::new(".")).to_path_buf());
        folder.join(p.file_name().unwrap_or_default())
    };
    let from = absolute(new_file);
    let to = absolute(previous_file);
    let from_dir: Vec<Component> = from
        .parent()
        .map_or_else(Vec::new, |d| d.components().collect());
    let to_parts: Vec<Component> = to.components().collect();
    if from_dir.first() != to_parts.first() {
        return to.to_string_lossy().replace('\\', "/");
    }
    let common = from_dir
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut parts: Vec<String> = vec!["..".to_owned(); from_dir.len() - common];
    parts.extend(
        to_parts[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

/// The file a session's previous-session reference points to.
#[must_use]
pub fn resolve_reference(session_file: &Path, reference: &str) -> PathBuf {
    let reference = Path::new(reference);
    if reference.is_absolute() {
        return reference.to_path_buf();
    }
    session_file
        .parent()
        .unwrap_or_else(|| Path::new(""))
        .join(reference)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{MeetingId, MonthPart, NextMeeting};

    fn planned(theme: &str, network: &str) -> Session {
        let mut s = Session::default();
        s.header.title = format!("Kick-off {theme}");
        s.header.network = network.into();
        s.header.theme = theme.into();
        s.header.date = chrono::NaiveDate::from_ymd_opt(2020, 2, 4);
        s.synthesis.next_meetings.push(NextMeeting {
            id: MeetingId::new("meeting-1"),
            when: Some(PlannedDate::Month {
                year: 2020,
                month: 12,
                part: MonthPart::Any,
            }),
            theme: "The next step".into(),
            host: None,
        });
        s
    }

    #[test]
    fn follow_up_is_named_after_its_month_and_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let kick_off = dir.path().join("2020-02-04-m50-democratie.json");
        let session = planned("Democratie", "M50");
        save_session(&kick_off, &session).unwrap();
        let (first, next) =
            write_follow_up(&session, &kick_off, 0, "Terugblik", None, false, None).unwrap();
        assert_eq!(
            first.file_name().unwrap().to_string_lossy(),
            "2020-12-m50-democratie.json"
        );
        assert_eq!(
            next.previous.unwrap().file,
            "2020-02-04-m50-democratie.json"
        );
        let (second, _) =
            write_follow_up(&session, &kick_off, 0, "Terugblik", None, false, None).unwrap();
        assert_eq!(
            second.file_name().unwrap().to_string_lossy(),
            "2020-12-m50-democratie-2.json"
        );
        let refused = write_follow_up(&session, &kick_off, 0, "T", Some(&first), false, None);
        assert!(matches!(refused, Err(FollowUpFileError::Exists { .. })));
        assert!(write_follow_up(&session, &kick_off, 0, "T", Some(&first), true, None).is_ok());
        let onto_itself = write_follow_up(&session, &kick_off, 0, "T", Some(&kick_off), true, None);
        assert!(matches!(
            onto_itself,
            Err(FollowUpFileError::ReplacesItself { .. })
        ));
        assert!(load_session(&first).is_ok());
    }

    #[test]
    fn names_without_a_date_get_a_suffix() {
        let s = planned("x", "y");
        let next = follow_up(&s, "", 0, "T").unwrap();
        let path = default_follow_up_path(Path::new("/nowhere/sessie.json"), &next);
        assert_eq!(path, Path::new("/nowhere/sessie-vervolg.json"));
        assert_eq!(strip_date_prefix("2020-06-m50"), Some("m50"));
        assert_eq!(strip_date_prefix("2020-06-04-m50"), Some("m50"));
        assert_eq!(strip_date_prefix("m50-2020"), None);
    }

    #[test]
    fn references_are_relative_with_forward_slashes() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("sub");
        std::fs::create_dir(&sub).unwrap();
        let a = dir.path().join("a.json");
        assert_eq!(reference_from(&dir.path().join("b.json"), &a), "a.json");
        assert_eq!(reference_from(&sub.join("b.json"), &a), "../a.json");
        assert_eq!(reference_from(&a, &sub.join("c.json")), "sub/c.json");
        let back = resolve_reference(&sub.join("b.json"), "../a.json");
        assert_eq!(back.canonicalize().ok(), None, "a.json was never written");
        assert_eq!(back, sub.join("../a.json"));
    }

    #[test]
    fn scan_follows_a_reference_into_another_folder() {
        let dir = tempfile::tempdir().unwrap();
        let earlier = dir.path().join("2020-02-04-m50.json");
        let session = planned("Democratie", "M50");
        save_session(&earlier, &session).unwrap();
        let later = dir.path().join("later");
        std::fs::create_dir(&later).unwrap();
        let (follow, next) =
            write_follow_up(&session, &earlier, 0, "T", Some(&later), false, None).unwrap();
        assert_eq!(
            next.previous.as_ref().unwrap().file,
            "../2020-02-04-m50.json"
        );
        let found = scan(&follow, &next);
        assert_eq!(found.entries.len(), 2);
        assert!(same_path(&found.entries[0].path, &earlier));
    }

    #[test]
    fn scan_finds_the_series_in_date_order_and_notes_unreadable_files() {
        let dir = tempfile::tempdir().unwrap();
        let kick_off = dir.path().join("2020-02-04-m50.json");
        let session = planned("Democratie", "M50");
        save_session(&kick_off, &session).unwrap();
        let (follow, next) =
            write_follow_up(&session, &kick_off, 0, "T", None, false, None).unwrap();
        save_session(&dir.path().join("other.json"), &planned("Zorg", "M50")).unwrap();
        std::fs::write(dir.path().join("broken.json"), b"{ nope").unwrap();
        let found = scan(&follow, &next);
        let names: Vec<_> = found
            .entries
            .iter()
            .map(|e| e.path.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["2020-02-04-m50.json", "2020-12-m50.json"]);
        assert_eq!(found.skipped.len(), 1);
    }
}
