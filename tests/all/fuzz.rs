//! Fuzzing the session reader inside `cargo test`: arbitrary bytes and
//! damaged copies of the sample session must never panic, and every refusal
//! must be a typed `ParseError` with a message in both languages. Whatever is
//! accepted must survive a save and a new read unchanged.

use std::sync::LazyLock;

use leerkring::i18n::Language;
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
