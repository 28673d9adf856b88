//! Fuzzing the session reader inside `cargo test`: arbitrary bytes and
//! damaged copies of the sample session must never panic, and every refusal
//! must be a typed `ParseError` with a message in both languages. Whatever is
//! accepted must survive a save and a new read unchanged. The journal of
//! edits is fuzzed too: a torn or damaged journal never panics and always
//! gives back every edit written before the damage.

use std::sync::LazyLock;

use leerkring::i18n::Language;
use leerkring::model::{Edit, Session};
use leerkring::store::{self, ParseError};
use proptest::prelude::*;
use proptest::sample::Index;

use crate::support::sample_path;

/// The sample session file, read once.
static SAMPLE: LazyLock<Vec<u8>> =
    LazyLock::new(|| std::fs::read(sample_path()).expect("the sample session is readable"));

/// The byte ranges of the sample's JSON tokens (strings, keys included, numbers,
/// `true`, `false` and `null`), in order, for value-level mutations.
static TOKENS: LazyLock<Vec<(usize, usize)>> = LazyLock::new(|| tokens(&SAMPLE));

/// Values that replace a token: other types, edge cases of numbers and strings.
const REPLACEMENTS: &[&[u8]] = &[
    b"5",
    b"-1",
    b"0.5",
    b"1e999",
    b"18446744073709551616",
    b"null",
    b"true",
    b"[]",
    b"{}",
    b"[1, \"x\"]",
    b"{\"id\": 7}",
    b"\"\"",
    b"\"x\"",
    b"\"\\ud800\"",
    b"\"\\u0000\"",
    b"\"2020-02-30\"",
    b"\"25:61:00\"",
    b"\"\xE2\x8A\x97 \xCE\x94\"",
    b"\"\xFF\xFE\"",
];

/// Scans JSON text for its scalar tokens. Not a full JSON reader: good
/// enough to find the tokens of a valid file.
fn tokens(bytes: &[u8]) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        match bytes[i] {
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i = (i + 1).min(bytes.len());
                found.push((start, i));
            }
            b'-' | b'0'..=b'9' | b't' | b'f' | b'n' => {
                while i < bytes.len() && !b",]} \n\r\t".contains(&bytes[i]) {
                    i += 1;
                }
                found.push((start, i));
            }
            _ => i += 1,
        }
    }
    found
}

/// A change to one token of the sample.
#[derive(Debug, Clone)]
enum TokenEdit {
    /// Replace the token with one of [`REPLACEMENTS`].
    Replace(Index, Index),
    /// Swap the token with another one.
    Swap(Index, Index),
}

/// A change to the bytes, after the token edits.
#[derive(Debug, Clone)]
enum ByteEdit {
    Flip(Index, u8),
    Insert(Index, u8),
    Delete(Index, usize),
    Truncate(Index),
    /// Copies a slice (start, length) to another place.
    Duplicate(Index, usize, Index),
}

fn token_edit() -> impl Strategy<Value = TokenEdit> {
    prop_oneof![
        (any::<Index>(), any::<Index>()).prop_map(|(t, r)| TokenEdit::Replace(t, r)),
        (any::<Index>(), any::<Index>()).prop_map(|(a, b)| TokenEdit::Swap(a, b)),
    ]
}

fn byte_edit() -> impl Strategy<Value = ByteEdit> {
    prop_oneof![
        (any::<Index>(), 1u8..=255).prop_map(|(at, mask)| ByteEdit::Flip(at, mask)),
        (any::<Index>(), any::<u8>()).prop_map(|(at, byte)| ByteEdit::Insert(at, byte)),
        (any::<Index>(), 1usize..64).prop_map(|(at, n)| ByteEdit::Delete(at, n)),
        any::<Index>().prop_map(ByteEdit::Truncate),
        (any::<Index>(), 1usize..512, any::<Index>())
            .prop_map(|(from, n, to)| ByteEdit::Duplicate(from, n, to)),
    ]
}

/// The sample with the token edits, then the byte edits, applied.
fn mutate(token_edits: &[TokenEdit], byte_edits: &[ByteEdit]) -> Vec<u8> {
    let sample: &[u8] = &SAMPLE;
    let tokens: &[(usize, usize)] = &TOKENS;
    let text = |(start, end): (usize, usize)| &sample[start..end];

    // Each edit replaces one token's range; applied back to front so the
    // ranges stay valid, and at most one edit per token.
    let mut edits: Vec<((usize, usize), &[u8])> = Vec::new();
    for edit in token_edits {
        match edit {
            TokenEdit::Replace(token, value) => {
                edits.push((*token.get(tokens), *value.get(REPLACEMENTS)));
            }
            TokenEdit::Swap(a, b) => {
                let (a, b) = (*a.get(tokens), *b.get(tokens));
                edits.push((a, text(b)));
                edits.push((b, text(a)));
            }
        }
    }
    edits.sort_by_key(|(range, _)| std::cmp::Reverse(*range));
    edits.dedup_by_key(|(range, _)| *range);
    let mut bytes = sample.to_vec();
    for ((start, end), value) in edits {
        bytes.splice(start..end, value.iter().copied());
    }

    for edit in byte_edits {
        // Positions are taken in the current length (plus one, to reach the end).
        let at = |index: &Index| index.index(bytes.len() + 1);
        match edit {
            ByteEdit::Flip(index, mask) => {
                if !bytes.is_empty() {
                    let i = index.index(bytes.len());
                    bytes[i] ^= mask;
                }
            }
            ByteEdit::Insert(index, byte) => {
                let i = at(index);
                bytes.insert(i, *byte);
            }
            ByteEdit::Delete(index, n) => {
                let i = at(index);
                let end = (i + n).min(bytes.len());
                bytes.drain(i..end);
            }
            ByteEdit::Truncate(index) => {
                let i = at(index);
                bytes.truncate(i);
            }
            ByteEdit::Duplicate(from, n, to) => {
                let start = at(from);
                let end = (start + n).min(bytes.len());
                let slice = bytes[start..end].to_vec();
                let i = at(to);
                bytes.splice(i..i, slice);
            }
        }
    }
    bytes
}

/// Reads `bytes` as a session: no panic; a refusal has a message in both
/// languages without unfilled placeholders; an accepted session reads back
/// unchanged after writing it.
fn check(bytes: &[u8]) -> Result<(), TestCaseError> {
    match store::parse_session(bytes) {
        Ok(session) => {
            let again = store::parse_session(&store::session_to_json(&session));
            prop_assert_eq!(again, Ok::<_, ParseError>(session));
        }
        Err(err) => {
            for lang in [Language::Nl, Language::En] {
                let text = err.message(lang);
                prop_assert!(!text.is_empty(), "{:?}", err);
                let unfilled = [
                    "{line}", "{column}", "{field}", "{detail}", "{found}", "{count}",
                ]
                .iter()
                .any(|p| text.contains(p));
                prop_assert!(!unfilled, "unfilled placeholder: {}", text);
            }
        }
    }
    Ok(())
}

/// Byte strings: any bytes, JSON-like text, and JSON-like text after a valid
/// start, so the reader gets past the first byte too.
fn arbitrary_bytes() -> impl Strategy<Value = Vec<u8>> {
    let json_like = "[\\[\\]{}\":,0-9a-z_ .\\-\\\\\n]{0,200}";
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..256),
        json_like.prop_map(String::into_bytes),
        json_like.prop_map(|tail| format!("{{\"format_version\": 1, {tail}").into_bytes()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 10_000,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in arbitrary_bytes()) {
        check(&bytes)?;
    }

    #[test]
    fn damaged_sample_sessions_never_panic(
        token_edits in prop::collection::vec(token_edit(), 0..3),
        byte_edits in prop::collection::vec(byte_edit(), 0..3),
    ) {
        check(&mutate(&token_edits, &byte_edits))?;
    }
}

#[test]
fn the_token_scanner_finds_the_sample_values() {
    let tokens: &[(usize, usize)] = &TOKENS;
    assert!(tokens.len() > 500, "{}", tokens.len());
    let text = |i: usize| &SAMPLE[tokens[i].0..tokens[i].1];
    assert_eq!(text(0), b"\"format_version\"");
    assert_eq!(text(1), b"1");
    // Unchanged, the sample reads.
    assert!(store::parse_session(&mutate(&[], &[])).is_ok());
}

/// A journal written by the autosave thread while twenty edits were made to
/// the sample (with a full save after the eighth), and what each prefix of
/// its edits makes of the sample.
struct Journal {
    bytes: Vec<u8>,
    /// The sample, then the sample after each edit.
    states: Vec<Session>,
    /// Where the records start (after the header and the base).
    records_start: usize,
    /// For each record line (edits and the checkpoint), where it ends
    /// (after its newline) and how many edits the lines up to it hold.
    lines: Vec<(usize, usize)>,
}

static JOURNAL: LazyLock<Journal> = LazyLock::new(write_journal);

fn write_journal() -> Journal {
    let home = tempfile::tempdir().expect("a temporary folder");
    let dirs = store::AppDirs::in_folder(home.path());
    let file = home.path().join("sessie.json");
    let base = leerkring::app::sample_session();
    store::save_session(&file, &base).expect("the sample is written");
    let target = store::JournalTarget::new(&dirs, "fuzz", store::SaveTarget::File(file.clone()));
    let mut saver = store::Autosaver::start(Box::new(|| {})).expect("the thread starts");
    assert!(saver.journal_begin(Some(target.clone()), base.clone()));
    let mut session = base.clone();
    let mut states = vec![base.clone()];
    let experiments: Vec<_> = base.experiments.iter().take(4).collect();
    for i in 0..20 {
        let edit = if i % 5 == 4 {
            Edit::AddTypedBullet {
                block: leerkring::model::BlockKind::Opportunities,
                depth: i % 2,
                text: format!("punt {i} #tag{i}"),
            }
        } else {
            let e = experiments[i % experiments.len()];
            Edit::AddKeyword {
                org: e.organisation.clone(),
                experiment: Some(e.id.clone()),
                text: format!("trefwoord {i} — ë ⊗"),
            }
        };
        edit.apply(&mut session).expect("the edit applies");
        states.push(session.clone());
        assert!(saver.journal_edit(edit));
        if i == 7 {
            let outcome = saver.save_blocking(&store::SaveJob {
                generation: 1,
                target: store::SaveTarget::File(file.clone()),
                session: session.clone(),
                history: None,
                copy: false,
                redundant: Vec::new(),
            });
            assert!(outcome.result.is_ok());
        }
    }
    assert!(
        saver
            .journal_sync(std::time::Duration::from_secs(10))
            .is_some()
    );
    let bytes = std::fs::read(&target.path).expect("the journal is written");
    drop(saver);
    let ends: Vec<usize> = bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .map(|(i, _)| i + 1)
        .collect();
    let records_start = ends[1];
    let mut edits = 0;
    let lines = ends[2..]
        .iter()
        .map(|&end| {
            let line = &bytes[..end];
            let start = line[..end - 1]
                .iter()
                .rposition(|b| *b == b'\n')
                .map_or(0, |i| i + 1);
            if line[start..].windows(8).any(|w| w == b"\"apply\":") {
                edits += 1;
            }
            (end, edits)
        })
        .collect();
    Journal {
        bytes,
        states,
        records_start,
        lines,
    }
}

/// A change to a journal's bytes at one place.
#[derive(Debug, Clone)]
enum JournalDamage {
    /// Cut off here (a crash while writing).
    Truncate(Index),
    /// A byte changed (a bad sector, a bit flip).
    Flip(Index, u8),
    /// A byte inserted.
    Insert(Index, u8),
    /// Bytes removed.
    Delete(Index, usize),
    /// A whole line written twice.
    RepeatLine(Index),
    /// Zero bytes over the end (a power cut after the size grew).
    ZeroTail(Index, usize),
}

fn journal_damage() -> impl Strategy<Value = JournalDamage> {
    prop_oneof![
        any::<Index>().prop_map(JournalDamage::Truncate),
        (any::<Index>(), 1u8..=255).prop_map(|(at, mask)| JournalDamage::Flip(at, mask)),
        (any::<Index>(), any::<u8>()).prop_map(|(at, byte)| JournalDamage::Insert(at, byte)),
        (any::<Index>(), 1usize..300).prop_map(|(at, n)| JournalDamage::Delete(at, n)),
        any::<Index>().prop_map(JournalDamage::RepeatLine),
        (any::<Index>(), 1usize..300).prop_map(|(at, n)| JournalDamage::ZeroTail(at, n)),
    ]
}

/// The damaged bytes, and the first position that differs from the journal.
fn damage(journal: &Journal, damage: &JournalDamage) -> (Vec<u8>, usize) {
    let mut bytes = journal.bytes.clone();
    let len = bytes.len();
    match damage {
        JournalDamage::Truncate(at) => {
            let at = at.index(len);
            bytes.truncate(at);
            (bytes, at)
        }
        JournalDamage::Flip(at, mask) => {
            let at = at.index(len);
            bytes[at] ^= mask;
            (bytes, at)
        }
        JournalDamage::Insert(at, byte) => {
            let at = at.index(len + 1);
            bytes.insert(at, *byte);
            (bytes, at)
        }
        JournalDamage::Delete(at, n) => {
            let at = at.index(len);
            bytes.drain(at..(at + n).min(len));
            (bytes, at)
        }
        JournalDamage::RepeatLine(line) => {
            let ends: Vec<usize> = std::iter::once(0)
                .chain(journal.lines.iter().map(|(end, _)| *end))
                .collect();
            let i = line.index(ends.len() - 1);
            let (start, end) = (ends[i].max(journal.records_start), ends[i + 1]);
            let copy = bytes[start..end].to_vec();
            bytes.splice(end..end, copy);
            (bytes, end)
        }
        JournalDamage::ZeroTail(at, n) => {
            let at = at.index(len);
            bytes.truncate(at);
            bytes.extend(std::iter::repeat_n(0u8, *n));
            (bytes, at)
        }
    }
}

/// How many edits the record lines wholly before `at` hold: at least these
/// come back, whatever happened after them.
fn edits_before(journal: &Journal, at: usize) -> usize {
    journal
        .lines
        .iter()
        .take_while(|(end, _)| *end <= at)
        .last()
        .map_or(0, |(_, edits)| *edits)
}

/// The number of edits a recovered session holds (it must be one of the states).
fn which_state(journal: &Journal, session: &Session) -> Option<usize> {
    journal.states.iter().position(|s| s == session)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 2_000,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Torn and damaged journals never panic and never stop the recovery of
    /// the last good state: every edit whose line lies wholly before the
    /// damage comes back, and what comes back is exactly the sample with a
    /// first part of the edits, never a mix.
    #[test]
    fn damaged_journals_give_back_every_edit_before_the_damage(hurt in journal_damage()) {
        let journal: &Journal = &JOURNAL;
        let (bytes, at) = damage(journal, &hurt);
        let file = &journal.states[0];
        let expected_at_least = edits_before(journal, at);
        for file in [Some(file), None] {
            match store::find_in_journal_bytes(&bytes, file) {
                store::JournalFinding::Replay(recovered) | store::JournalFinding::Foreign(recovered) => {
                    let k = which_state(journal, &recovered.session);
                    prop_assert!(k.is_some(), "a state the session never had ({:?})", hurt);
                    let k = k.unwrap_or_default();
                    prop_assert!(k >= expected_at_least, "{} of {} edits back ({:?})", k, expected_at_least, hurt);
                    prop_assert_eq!(recovered.summary.edits(), k);
                }
                store::JournalFinding::Nothing => {
                    prop_assert!(expected_at_least == 0 || file.is_none(), "{:?}", hurt);
                }
                store::JournalFinding::Missing | store::JournalFinding::Unusable => {
                    // Only a damaged header (or, with no file to go on, base) loses the journal.
                    prop_assert!(at < journal.records_start, "{:?}", hurt);
                }
            }
        }
    }
}

#[test]
fn the_journal_holds_twenty_edits_and_a_checkpoint() {
    let journal: &Journal = &JOURNAL;
    assert_eq!(journal.states.len(), 21);
    assert_eq!(journal.lines.len(), 21, "twenty edits and one checkpoint");
    let store::JournalFinding::Replay(all) =
        store::find_in_journal_bytes(&journal.bytes, Some(&journal.states[0]))
    else {
        panic!("the whole journal replays onto the sample")
    };
    assert_eq!(all.session, journal.states[20]);
    // Onto the file as the full save left it: only the edits after it.
    let store::JournalFinding::Replay(later) =
        store::find_in_journal_bytes(&journal.bytes, Some(&journal.states[8]))
    else {
        panic!("the edits after the save replay")
    };
    assert_eq!(later.session, journal.states[20]);
    assert_eq!(later.summary.edits(), 12);
    // A damaged base line does not matter while the file is the base.
    let mut bytes = journal.bytes.clone();
    bytes[journal.records_start - 40] ^= 0x01;
    let store::JournalFinding::Replay(anyway) =
        store::find_in_journal_bytes(&bytes, Some(&journal.states[0]))
    else {
        panic!("replayed without the base line")
    };
    assert_eq!(anyway.session, journal.states[20]);
}
