//! The journal of edits: every edit applied to the open session is appended
//! to a small file in Leerkring's data folder and made durable by the
//! autosave thread within a fraction of a second, so a kill or a power cut
//! between two full saves costs nothing that was committed. Reopening the
//! session puts back what its file lacks.
//!
//! One journal per session, `journal/<key>.jsonl` in the data folder (the key
//! of [`super::session_key`]). Each line is `<checksum> <JSON>`: the
//! checksum is the FNV-1a 64 hash of the JSON text in 16 hexadecimal digits.
//! Line 1 is the header (format versions, the session's file, the
//! fingerprint of the session the journal starts from), line 2 that session
//! itself (the *base*, one line of session JSON), then one record per line:
//! an applied edit (`apply`), or a `checkpoint` written just before a full
//! save with the fingerprint of the bytes about to be saved. Replaying starts
//! after the last checkpoint the file matches (or at the base when the file
//! is the base), so the edits a full save already holds are never applied
//! twice. A torn or damaged line ends the journal there: everything before it
//! is used. `sessions/README.md` documents the format for a technical reader.
//!
//! The journal is the one file the store writes by appending rather than
//! through [`super::write_atomic`]: an append of one line plus `fsync` is
//! what makes each edit durable cheaply. It is created (and started over)
//! atomically, and its reader tolerates a torn last line. It starts over,
//! with the saved session as its new base, after a full save once its
//! records outweigh the session (and at least [`START_OVER_AT`]), so it
//! stays small without copying the session after every save; it is removed
//! when the session is closed with everything saved.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::autosave::SaveTarget;
use super::format::{MAX_FILE_SIZE, parse_session, session_to_json};
use super::history::fnv1a64;
use super::{AppDirs, SaveError, write_atomic};
use crate::i18n::{Language, T, tr, trf};
use crate::model::{Edit, FORMAT_VERSION, Session};

/// The journal format's own version (line 1, `leerkring_journal`). Version 2
/// writes edits adjacently tagged (`{"edit": kind, "with": data}`); a journal
/// of version 1 is not replayed (the recovery copy covers it).
pub const JOURNAL_VERSION: u32 = 2;

/// A journal starts over after a save once its records take at least this
/// many bytes (and more than its base).
pub const START_OVER_AT: u64 = 64 * 1024;

/// The folder of the journals in the data folder.
#[must_use]
pub fn journal_dir(dirs: &AppDirs) -> PathBuf {
    dirs.data_dir.join("journal")
}

/// The journal of the session with this key ([`super::session_key`]).
#[must_use]
pub fn journal_path(dirs: &AppDirs, key: &str) -> PathBuf {
    journal_dir(dirs).join(format!("{key}.jsonl"))
}

/// What a session's canonical bytes ([`super::session_to_json`]) are
/// recognised by: their FNV-1a 64 hash and their length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fingerprint {
    /// The hash, as 16 hexadecimal digits.
    #[serde(with = "hex64")]
    sum: u64,
    /// The length in bytes.
    bytes: u64,
}

impl Fingerprint {
    /// The fingerprint of these bytes.
    #[must_use]
    pub fn of(bytes: &[u8]) -> Self {
        Self {
            sum: fnv1a64(bytes),
            bytes: bytes.len() as u64,
        }
    }

    /// The fingerprint of a session as Leerkring writes it.
    #[must_use]
    pub fn of_session(session: &Session) -> Self {
        Self::of(&session_to_json(session))
    }

    /// The length in bytes of what it was taken of.
    #[must_use]
    pub fn byte_len(&self) -> u64 {
        self.bytes
    }
}

/// A `u64` as 16 hexadecimal digits.
mod hex64 {
    use serde::{Deserialize, Deserializer, Serializer};

    #[allow(clippy::trivially_copy_pass_by_ref)] // The signature serde's `with` asks for.
    pub fn serialize<S: Serializer>(value: &u64, out: S) -> Result<S::Ok, S::Error> {
        out.serialize_str(&format!("{value:016x}"))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(input: D) -> Result<u64, D::Error> {
        let text = String::deserialize(input)?;
        u64::from_str_radix(&text, 16).map_err(serde::de::Error::custom)
    }
}

/// Line 1 of a journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Header {
    /// [`JOURNAL_VERSION`].
    leerkring_journal: u32,
    /// The session format version of the base and the edits.
    format_version: u32,
    /// The session's file, or its name in the recovery folder (for people).
    session: String,
    /// The fingerprint of the base (line 2).
    base: Fingerprint,
}

/// A line after the base.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Record {
    /// An edit was applied.
    Apply {
        /// The record's number: 1, 2, 3… without gaps.
        n: u64,
        /// The edit.
        edit: Edit,
    },
    /// A full save of exactly these bytes is about to be written (it may
    /// still fail: then the file does not match it).
    Checkpoint {
        /// The record's number.
        n: u64,
        /// The saved bytes.
        #[serde(flatten)]
        file: Fingerprint,
    },
}

impl Record {
    fn n(&self) -> u64 {
        match self {
            Record::Apply { n, .. } | Record::Checkpoint { n, .. } => *n,
        }
    }
}

/// One line: checksum, space, JSON, newline.
fn line(json: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(json.len() + 18);
    out.extend_from_slice(format!("{:016x} ", fnv1a64(json)).as_bytes());
    out.extend_from_slice(json);
    out.push(b'\n');
    out
}

/// The JSON of a line whose checksum holds.
fn checked(line: &[u8]) -> Option<&[u8]> {
    let (sum, json) = (line.get(..16)?, line.get(17..)?);
    if line.get(16) != Some(&b' ') {
        return None;
    }
    let sum = u64::from_str_radix(std::str::from_utf8(sum).ok()?, 16).ok()?;
    (fnv1a64(json) == sum).then_some(json)
}

/// Where a session's journal goes, and the saves it follows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JournalTarget {
    /// The journal file.
    pub path: PathBuf,
    /// Where the session itself is saved.
    pub save: SaveTarget,
}

impl JournalTarget {
    /// The journal of the session with history key `key`, saved to `save`.
    #[must_use]
    pub fn new(dirs: &AppDirs, key: &str, save: SaveTarget) -> Self {
        Self {
            path: journal_path(dirs, key),
            save,
        }
    }

    /// The session's file or recovery name, for the header.
    fn label(&self) -> String {
        match &self.save {
            SaveTarget::File(path) => path.display().to_string(),
            SaveTarget::Recovery { name, .. } => name.clone(),
        }
    }
}

/// Keeps the journal of the open session; lives on the autosave thread,
/// which hands it every edit, every save and every change of session.
#[derive(Debug, Default)]
pub(super) struct JournalWriter {
    /// The open session's journal (none: nothing is journalled).
    target: Option<JournalTarget>,
    /// The session the journal file starts (or will start) from.
    base: Option<Session>,
    /// Whether this run wrote the journal file, so lines can be appended.
    written: bool,
    /// Lines not yet on disk.
    pending: Vec<u8>,
    /// The number of the next record.
    next: u64,
    /// The size of the base line in the file.
    base_bytes: u64,
    /// The size of the records in the file.
    record_bytes: u64,
    /// Whether the session's file holds every journalled edit (a save
    /// succeeded after the last one).
    covered: bool,
    /// Lines were lost (the disk refused them): nothing more is journalled
    /// until a full save gives a new base, so the journal never has a gap.
    broken: bool,
    /// The last error, handed out once.
    error: Option<SaveError>,
    /// Bytes written to journal files so far (for measurements).
    written_bytes: u64,
}

impl JournalWriter {
    /// A new session (or the same one under a new name) is open: the old
    /// journal is finished, and the next one starts from `base`.
    pub(super) fn begin(&mut self, target: Option<JournalTarget>, base: Session) {
        self.flush();
        self.finish();
        self.target = target;
        self.base = Some(base);
        self.written = false;
        self.pending.clear();
        self.next = 1;
        self.base_bytes = 0;
        self.record_bytes = 0;
        self.covered = true;
        self.broken = false;
    }

    /// An edit was applied to the open session.
    pub(super) fn record(&mut self, edit: Edit) {
        if self.target.is_none() || self.broken {
            return;
        }
        let n = self.next;
        self.push(&Record::Apply { n, edit });
        self.covered = false;
    }

    fn push(&mut self, record: &Record) {
        match serde_json::to_vec(record) {
            Ok(json) => {
                self.pending.extend_from_slice(&line(&json));
                self.next += 1;
            }
            // Only maps with non-text keys fail to serialise; an edit has none.
            Err(err) => self.fail(SaveError::Io {
                path: self.path().to_owned(),
                source: io::Error::other(err),
            }),
        }
    }

    fn path(&self) -> &Path {
        self.target
            .as_ref()
            .map_or(Path::new(""), |t| t.path.as_path())
    }

    /// Writes the pending lines and makes them durable.
    pub(super) fn flush(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let Some(target) = self.target.clone() else {
            self.pending.clear();
            return;
        };
        let result = if self.written {
            append(&target.path, &self.pending).map(|()| {
                self.record_bytes += self.pending.len() as u64;
                self.written_bytes += self.pending.len() as u64;
            })
        } else {
            self.create(&target)
        };
        self.pending.clear();
        if let Err(error) = result {
            self.fail(error);
        }
    }

    /// Writes a new journal file: header, base and the pending lines.
    fn create(&mut self, target: &JournalTarget) -> Result<(), SaveError> {
        let Some(base) = &self.base else {
            return Ok(());
        };
        let base_json = session_line(base);
        let header = Header {
            leerkring_journal: JOURNAL_VERSION,
            format_version: FORMAT_VERSION,
            session: target.label(),
            base: Fingerprint::of_session(base),
        };
        let header_json = serde_json::to_vec(&header).map_err(|err| SaveError::Io {
            path: target.path.clone(),
            source: io::Error::other(err),
        })?;
        let base_line = line(&base_json);
        let mut bytes = line(&header_json);
        bytes.extend_from_slice(&base_line);
        let records_from = bytes.len();
        bytes.extend_from_slice(&self.pending);
        if let Some(folder) = target.path.parent() {
            fs::create_dir_all(folder).map_err(|err| SaveError::from_io(folder, err))?;
        }
        write_atomic(&target.path, &bytes)?;
        self.written = true;
        self.base_bytes = base_line.len() as u64;
        self.record_bytes = (bytes.len() - records_from) as u64;
        self.written_bytes += bytes.len() as u64;
        Ok(())
    }

    fn fail(&mut self, error: SaveError) {
        self.pending.clear();
        self.broken = true;
        self.error = Some(error);
    }

    /// Whether saves to `save` are the journalled session's.
    fn follows(&self, save: &SaveTarget) -> bool {
        self.target.as_ref().is_some_and(|t| &t.save == save)
    }

    /// Just before a full save of bytes with fingerprint `file` to `save`:
    /// a checkpoint, made durable, when the journal holds edits.
    pub(super) fn before_save(&mut self, save: &SaveTarget, file: Fingerprint) {
        if !self.follows(save) || self.broken || (!self.written && self.pending.is_empty()) {
            return;
        }
        let n = self.next;
        self.push(&Record::Checkpoint { n, file });
        self.flush();
    }

    /// After a full save of `session` to `save`: when it succeeded, the file
    /// holds every edit so far. The journal starts over from the saved
    /// session when it had none yet, was broken, or outweighs the session.
    pub(super) fn after_save(&mut self, save: &SaveTarget, session: &Session, saved: bool) {
        if !self.follows(save) || !saved {
            return;
        }
        self.covered = self.pending.is_empty();
        let large = self.record_bytes >= self.base_bytes.max(START_OVER_AT);
        if !self.written || self.broken || large {
            // The old file stays until the next edit replaces it: its last
            // checkpoint matches the file, so it has nothing to replay.
            self.base = Some(session.clone());
            self.written = false;
            self.broken = false;
            self.next = 1;
        }
    }

    /// The session is closed (or the thread ends): a journal whose every
    /// edit is in the file is removed.
    pub(super) fn finish(&mut self) {
        if let Some(target) = &self.target
            && self.written
            && self.covered
            && self.pending.is_empty()
        {
            let _ = fs::remove_file(&target.path);
        }
        self.written = false;
    }

    /// The last error, once.
    pub(super) fn take_error(&mut self) -> Option<SaveError> {
        self.error.take()
    }

    /// Bytes written to journal files so far.
    pub(super) fn written_bytes(&self) -> u64 {
        self.written_bytes
    }
}

/// The base line: the session as one line of JSON.
fn session_line(session: &Session) -> Vec<u8> {
    let current;
    let session = if session.format_version == FORMAT_VERSION {
        session
    } else {
        current = Session {
            format_version: FORMAT_VERSION,
            ..session.clone()
        };
        &current
    };
    // Only maps with non-text keys fail to serialise, and a session has none.
    serde_json::to_vec(session).unwrap_or_default()
}

/// Appends `bytes` to the file at `path` and flushes them to disk.
fn append(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    let mut file = fs::OpenOptions::new()
        .append(true)
        .open(path)
        .map_err(|err| SaveError::from_io(path, err))?;
    file.write_all(bytes)
        .and_then(|()| file.sync_data())
        .map_err(|err| SaveError::from_io(path, err))
}

/// A journal as read from disk.
#[derive(Debug, Clone)]
struct JournalFile {
    header: Header,
    /// The base, when its line is whole and matches the header.
    base: Option<Session>,
    /// The records up to the first torn or damaged line.
    records: Vec<Record>,
    /// Whether whole lines followed a damaged one (more than a torn end).
    damaged: bool,
}

/// Reads a journal; `None` when there is none, or its header cannot be used.
fn read_journal(path: &Path) -> Option<JournalFile> {
    let meta = fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() > MAX_FILE_SIZE {
        return None;
    }
    let bytes = fs::read(path).ok()?;
    parse_journal(&bytes)
}

/// Reads a journal's bytes (see the module's documentation).
fn parse_journal(bytes: &[u8]) -> Option<JournalFile> {
    // A last line without its newline was torn by a crash: it is not used.
    let whole = match bytes.iter().rposition(|&b| b == b'\n') {
        Some(end) => &bytes[..end],
        None => return None,
    };
    let mut lines = whole.split(|&b| b == b'\n');
    let header: Header = serde_json::from_slice(checked(lines.next()?)?).ok()?;
    if header.leerkring_journal != JOURNAL_VERSION {
        return None;
    }
    let base = lines
        .next()
        .and_then(checked)
        .and_then(|json| parse_session(json).ok())
        .filter(|base| Fingerprint::of_session(base) == header.base);
    let mut records = Vec::new();
    let mut damaged = false;
    let rest: Vec<&[u8]> = lines.collect();
    for (index, text) in rest.iter().enumerate() {
        let record = checked(text)
            .and_then(|json| serde_json::from_slice::<Record>(json).ok())
            .filter(|r| r.n() == records.len() as u64 + 1);
        let Some(record) = record else {
            // A bad last line is a torn write; bad lines with whole lines
            // after them are damage. Either way the journal ends here.
            damaged = index + 1 < rest.len();
            break;
        };
        records.push(record);
    }
    Some(JournalFile {
        header,
        base,
        records,
        damaged,
    })
}

/// What a journal gave back, in numbers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RecoveredSummary {
    /// Keywords added.
    pub keywords: usize,
    /// Synthesis bullets added.
    pub bullets: usize,
    /// Every other change.
    pub other: usize,
    /// Part of the journal was damaged: what came after that could not be used.
    pub damaged: bool,
}

impl RecoveredSummary {
    /// How many edits were put back.
    #[must_use]
    pub fn edits(&self) -> usize {
        self.keywords + self.bullets + self.other
    }

    fn count(&mut self, edit: &Edit) {
        match edit {
            Edit::AddKeyword { .. } => self.keywords += 1,
            Edit::AddTypedBullet { .. } | Edit::AddBullet { .. } => self.bullets += 1,
            _ => self.other += 1,
        }
    }

    /// "3 trefwoorden hersteld", "2 keywords and 1 bullet recovered", in `lang`.
    #[must_use]
    pub fn message(&self, lang: Language) -> String {
        let count = |n: usize, one: T, many: T| {
            trf(
                lang,
                if n == 1 { one } else { many },
                &[("n", &n.to_string())],
            )
        };
        let mut parts = Vec::new();
        if self.keywords > 0 {
            parts.push(count(
                self.keywords,
                T::JournalKeywordsOne,
                T::JournalKeywords,
            ));
        }
        if self.bullets > 0 {
            parts.push(count(self.bullets, T::JournalBulletsOne, T::JournalBullets));
        }
        if self.other > 0 {
            parts.push(if parts.is_empty() {
                count(self.other, T::JournalChangesOne, T::JournalChanges)
            } else {
                count(self.other, T::JournalOtherOne, T::JournalOther)
            });
        }
        let what = match parts.split_last() {
            None => count(0, T::JournalChangesOne, T::JournalChanges),
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{}{}{last}", rest.join(", "), tr(lang, T::JournalAnd)),
        };
        trf(lang, T::JournalRecovered, &[("what", &what)])
    }
}

/// A session rebuilt from a journal.
#[derive(Debug, Clone, PartialEq)]
pub struct Recovered {
    /// The session with the journal's edits.
    pub session: Session,
    /// What was put back.
    pub summary: RecoveredSummary,
}

/// How a journal relates to its session's file.
#[derive(Debug, Clone, PartialEq)]
pub enum JournalFinding {
    /// No usable journal.
    Missing,
    /// The file holds everything in the journal.
    Nothing,
    /// The file is where the journal started, or what a checkpoint saved:
    /// this is the file with the journal's later edits.
    Replay(Recovered),
    /// The file is not what the journal was written against (it was changed
    /// elsewhere, is missing or cannot be read): this is the session as it
    /// was when the journal ended, from the journal's own base.
    Foreign(Recovered),
    /// The file is not what the journal was written against, and the
    /// journal's base is damaged: it cannot be used.
    Unusable,
}

/// Applies the edits among `records` to `session`, skipping checkpoints;
/// stops at an edit that does not apply (the journal does not fit there).
fn replay(session: &mut Session, records: &[Record], damaged: bool) -> RecoveredSummary {
    let mut summary = RecoveredSummary {
        damaged,
        ..RecoveredSummary::default()
    };
    for record in records {
        let Record::Apply { edit, .. } = record else {
            continue;
        };
        if let Edit::ReplaceSession(replacement) = edit
            && !replacement.problems().is_empty()
        {
            summary.damaged = true;
            break;
        }
        // On an error the session is left as it was.
        match edit.apply(session) {
            Ok(outcome) if outcome.changed() => summary.count(edit),
            Ok(_) => {}
            Err(_) => {
                summary.damaged = true;
                break;
            }
        }
    }
    summary
}

/// What `journal` holds that `file` (the session's file as read now, `None`
/// when it is missing or unreadable) lacks.
fn find(journal: &JournalFile, file: Option<&Session>) -> JournalFinding {
    let file_print = file.map(Fingerprint::of_session);
    let start = file_print.and_then(|print| {
        let after_checkpoint = journal
            .records
            .iter()
            .rposition(|r| matches!(r, Record::Checkpoint { file, .. } if *file == print));
        match after_checkpoint {
            Some(at) => Some(at + 1),
            None => (journal.header.base == print).then_some(0),
        }
    });
    if let (Some(start), Some(file)) = (start, file) {
        let later = &journal.records[start..];
        if !later.iter().any(|r| matches!(r, Record::Apply { .. })) {
            return JournalFinding::Nothing;
        }
        let mut session = file.clone();
        let summary = replay(&mut session, later, journal.damaged);
        if summary.edits() == 0 {
            return JournalFinding::Nothing;
        }
        return JournalFinding::Replay(Recovered { session, summary });
    }
    let Some(base) = &journal.base else {
        return JournalFinding::Unusable;
    };
    let mut session = base.clone();
    let summary = replay(&mut session, &journal.records, journal.damaged);
    if file == Some(&session) {
        return JournalFinding::Nothing;
    }
    JournalFinding::Foreign(Recovered { session, summary })
}

/// What the journal of the session with history key `key` holds that its
/// file (as read now: `None` when missing or unreadable) lacks. Reads only.
#[must_use]
pub fn find_in_journal(dirs: &AppDirs, key: &str, file: Option<&Session>) -> JournalFinding {
    match read_journal(&journal_path(dirs, key)) {
        Some(journal) => find(&journal, file),
        None => JournalFinding::Missing,
    }
}

/// [`find_in_journal`] for a journal's bytes (the fuzz tests damage them).
#[must_use]
pub fn find_in_journal_bytes(bytes: &[u8], file: Option<&Session>) -> JournalFinding {
    match parse_journal(bytes) {
        Some(journal) => find(&journal, file),
        None => JournalFinding::Missing,
    }
}

/// When the journal of the session with this key was last written.
#[must_use]
pub fn journal_modified(dirs: &AppDirs, key: &str) -> Option<SystemTime> {
    fs::metadata(journal_path(dirs, key))
        .and_then(|m| m.modified())
        .ok()
}

/// Removes the journal of the session with this key (its edits are saved).
pub fn remove_journal(dirs: &AppDirs, key: &str) {
    let _ = fs::remove_file(journal_path(dirs, key));
}

/// Moves the journal of the session with this key aside, to
/// `journal/<key>-<time>.jsonl`, where nothing writes over it: it could not
/// be used, and is kept for a person to look at.
pub fn keep_journal_aside(dirs: &AppDirs, key: &str, now: NaiveDateTime) {
    let from = journal_path(dirs, key);
    let to = journal_dir(dirs).join(format!("{key}-{}.jsonl", now.format("%Y%m%d-%H%M%S")));
    let _ = fs::rename(from, to);
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::model::{ExperimentId, OrgId};
    use crate::store::history::tests::session_with;

    pub(crate) fn keyword(text: &str) -> Edit {
        Edit::AddKeyword {
            org: OrgId::new("breda"),
            experiment: Some(ExperimentId::new("exp-1")),
            text: text.into(),
        }
    }

    fn home() -> (tempfile::TempDir, AppDirs, JournalTarget) {
        let dir = tempfile::tempdir().unwrap();
        let dirs = AppDirs::in_folder(dir.path());
        let file = dir.path().join("sessie.json");
        let target = JournalTarget::new(&dirs, "sessie-1", SaveTarget::File(file));
        (dir, dirs, target)
    }

    fn base() -> Session {
        session_with("Juni", 2, 1)
    }

    fn texts(session: &Session) -> Vec<String> {
        session
            .experiments
            .iter()
            .flat_map(|e| e.keywords.iter().map(|k| k.text.clone()))
            .collect()
    }

    fn save(writer: &mut JournalWriter, target: &JournalTarget, session: &Session) {
        let bytes = session_to_json(session);
        writer.before_save(&target.save, Fingerprint::of(&bytes));
        let SaveTarget::File(path) = &target.save else {
            unreachable!()
        };
        write_atomic(path, &bytes).unwrap();
        writer.after_save(&target.save, session, true);
    }

    /// A writer that journalled `words` onto the base; returns the session.
    fn journalled(writer: &mut JournalWriter, target: &JournalTarget, words: &[&str]) -> Session {
        let mut session = base();
        writer.begin(Some(target.clone()), session.clone());
        for word in words {
            let edit = keyword(word);
            edit.apply(&mut session).unwrap();
            writer.record(edit);
            writer.flush();
        }
        session
    }

    #[test]
    fn edits_after_the_base_are_replayed_onto_the_file() {
        let (_dir, dirs, target) = home();
        let mut writer = JournalWriter::default();
        let session = journalled(&mut writer, &target, &["alpha", "beta", "gamma"]);
        assert!(writer.take_error().is_none());
        // The file still holds the base.
        let finding = find_in_journal(&dirs, "sessie-1", Some(&base()));
        let JournalFinding::Replay(recovered) = finding else {
            panic!("replayed: {finding:?}")
        };
        assert_eq!(recovered.session, session);
        assert_eq!(recovered.summary.keywords, 3);
        assert_eq!(
            recovered.summary.message(Language::Nl),
            "3 trefwoorden hersteld"
        );
        assert!(texts(&recovered.session).ends_with(&[
            "alpha".into(),
            "beta".into(),
            "gamma".into()
        ]));
    }

    #[test]
    fn a_save_is_a_checkpoint_and_only_later_edits_are_replayed() {
        let (_dir, dirs, target) = home();
        let mut writer = JournalWriter::default();
        let mut session = journalled(&mut writer, &target, &["alpha", "beta"]);
        save(&mut writer, &target, &session);
        let saved = session.clone();
        assert_eq!(
            find_in_journal(&dirs, "sessie-1", Some(&saved)),
            JournalFinding::Nothing
        );
        let edit = keyword("gamma");
        edit.apply(&mut session).unwrap();
        writer.record(edit);
        writer.flush();
        let JournalFinding::Replay(recovered) = find_in_journal(&dirs, "sessie-1", Some(&saved))
        else {
            panic!("replayed")
        };
        assert_eq!(recovered.session, session);
        assert_eq!(recovered.summary.keywords, 1);
        // A file put back to the base gets everything.
        let JournalFinding::Replay(all) = find_in_journal(&dirs, "sessie-1", Some(&base())) else {
            panic!("replayed")
        };
        assert_eq!(all.session, session);
        assert_eq!(all.summary.keywords, 3);
    }

    #[test]
    fn a_file_changed_elsewhere_gets_the_session_rebuilt_from_the_base() {
        let (_dir, dirs, target) = home();
        let mut writer = JournalWriter::default();
        let session = journalled(&mut writer, &target, &["alpha"]);
        let mut elsewhere = base();
        elsewhere.header.title = "Juli".into();
        let JournalFinding::Foreign(recovered) =
            find_in_journal(&dirs, "sessie-1", Some(&elsewhere))
        else {
            panic!("foreign")
        };
        assert_eq!(recovered.session, session);
        let JournalFinding::Foreign(missing) = find_in_journal(&dirs, "sessie-1", None) else {
            panic!("foreign")
        };
        assert_eq!(missing.session, session);
    }

    #[test]
    fn a_torn_last_line_is_ignored_and_damage_ends_the_journal() {
        let (_dir, dirs, target) = home();
        let mut writer = JournalWriter::default();
        journalled(&mut writer, &target, &["alpha", "beta", "gamma"]);
        let bytes = fs::read(&target.path).unwrap();
        // Torn in the middle of the last line.
        fs::write(&target.path, &bytes[..bytes.len() - 10]).unwrap();
        let JournalFinding::Replay(torn) = find_in_journal(&dirs, "sessie-1", Some(&base())) else {
            panic!("replayed")
        };
        assert_eq!(torn.summary.keywords, 2);
        assert!(!torn.summary.damaged, "a torn end is not damage");
        // A flipped byte in the middle line: only what came before it.
        let mut damaged = bytes.clone();
        let lines: Vec<usize> = damaged
            .iter()
            .enumerate()
            .filter(|(_, b)| **b == b'\n')
            .map(|(i, _)| i)
            .collect();
        damaged[lines[2] + 30] ^= 0x20;
        fs::write(&target.path, &damaged).unwrap();
        let JournalFinding::Replay(cut) = find_in_journal(&dirs, "sessie-1", Some(&base())) else {
            panic!("replayed")
        };
        assert_eq!(cut.summary.keywords, 1);
        assert!(cut.summary.damaged);
    }

    #[test]
    fn a_closed_session_with_everything_saved_leaves_no_journal() {
        let (_dir, _dirs, target) = home();
        let mut writer = JournalWriter::default();
        let session = journalled(&mut writer, &target, &["alpha"]);
        assert!(target.path.is_file());
        save(&mut writer, &target, &session);
        writer.begin(None, Session::default());
        assert!(!target.path.exists());
    }

    #[test]
    fn an_unsaved_journal_stays_when_the_session_closes() {
        let (_dir, _dirs, target) = home();
        let mut writer = JournalWriter::default();
        journalled(&mut writer, &target, &["alpha"]);
        writer.begin(None, Session::default());
        writer.finish();
        assert!(target.path.is_file());
    }

    #[test]
    fn the_journal_starts_over_once_its_records_outweigh_the_session() {
        let (_dir, dirs, target) = home();
        let mut writer = JournalWriter::default();
        let words: Vec<String> = (0..800).map(|i| format!("trefwoord nummer {i}")).collect();
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        let mut session = journalled(&mut writer, &target, &words);
        let before = fs::metadata(&target.path).unwrap().len();
        assert!(before > START_OVER_AT);
        save(&mut writer, &target, &session);
        let saved = session.clone();
        let edit = keyword("daarna");
        edit.apply(&mut session).unwrap();
        writer.record(edit);
        writer.flush();
        let after = fs::metadata(&target.path).unwrap().len();
        assert!(after < before / 2, "{after} < {before} / 2");
        let JournalFinding::Replay(recovered) = find_in_journal(&dirs, "sessie-1", Some(&saved))
        else {
            panic!("replayed")
        };
        assert_eq!(recovered.session, session);
        assert_eq!(recovered.summary.keywords, 1);
    }

    #[test]
    fn a_keyword_costs_a_small_record() {
        let (_dir, _dirs, target) = home();
        let mut writer = JournalWriter::default();
        journalled(&mut writer, &target, &["alpha"]);
        let first = writer.written_bytes();
        let mut session = base();
        let edit = keyword("raad 1e woord");
        edit.apply(&mut session).unwrap();
        writer.record(edit);
        writer.flush();
        let per_keyword = writer.written_bytes() - first;
        assert!(per_keyword < 160, "{per_keyword} bytes for one keyword");
    }

    #[test]
    fn summaries_read_well_in_both_languages() {
        let summary = |keywords, bullets, other| RecoveredSummary {
            keywords,
            bullets,
            other,
            damaged: false,
        };
        assert_eq!(
            summary(1, 0, 0).message(Language::Nl),
            "1 trefwoord hersteld"
        );
        assert_eq!(
            summary(2, 1, 0).message(Language::En),
            "2 keywords and 1 bullet recovered"
        );
        assert_eq!(
            summary(3, 2, 4).message(Language::Nl),
            "3 trefwoorden, 2 punten en 4 andere wijzigingen hersteld"
        );
        assert_eq!(summary(0, 0, 1).message(Language::En), "1 change recovered");
    }

    #[test]
    fn a_journal_of_another_version_or_without_a_header_is_not_used() {
        assert!(parse_journal(b"").is_none());
        assert!(parse_journal(b"no newline").is_none());
        let header = br#"{"leerkring_journal":1,"format_version":1,"session":"x","base":{"sum":"0000000000000000","bytes":0}}"#;
        assert!(parse_journal(&line(header)).is_none());
    }
}
