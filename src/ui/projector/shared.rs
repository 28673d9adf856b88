//! Words that several municipalities wrote down: the projector colours them
//! alike, so the room sees what the experiments share.
//!
//! A word is compared in its normalised form: lowercase, without accents,
//! without punctuation, and only when it carries meaning (Dutch and English
//! stop words and words shorter than three letters are left out).

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasher;
use std::ops::Range;

use crate::model::{OrgId, Session};

/// How many distinct colours the palettes hold for shared words; words
/// beyond this many share colours again (the most shared words come first).
pub const SHARED_COLOURS: usize = 6;

/// Words that carry no meaning on a card: Dutch stop words first, then a few
/// English ones for sessions held in English.
const STOP_WORDS: &[&str] = &[
    // Dutch.
    "aan", "al", "alle", "als", "bij", "dan", "dat", "de", "deze", "die", "dit", "door", "een",
    "en", "er", "geen", "hem", "het", "hier", "hij", "hoe", "hun", "ik", "in", "is", "je", "kan",
    "maar", "me", "meer", "men", "met", "mij", "na", "naar", "niet", "nog", "nu", "of", "om",
    "onder", "ons", "ook", "op", "over", "te", "tot", "toch", "uit", "van", "veel", "voor", "waar",
    "wat", "we", "wel", "wie", "wij", "worden", "wordt", "zal", "ze", "zich", "zij", "zijn", "zo",
    "zoals", "enz", "etc", "vs", // English.
    "the", "and", "for", "with", "from", "that", "this", "are", "was", "not", "but", "how", "who",
    "what", "our", "you", "into", "about", "than", "has", "have", "its",
];

/// A word's normalised form, or `None` when it does not count (a stop word,
/// or shorter than three letters after normalising).
#[must_use]
pub fn normalise_word(word: &str) -> Option<String> {
    let mut normal = String::with_capacity(word.len());
    for c in word.chars().flat_map(char::to_lowercase) {
        match fold_accent(c) {
            Folded::One(c) => normal.push(c),
            Folded::Two(a, b) => {
                normal.push(a);
                normal.push(b);
            }
        }
    }
    let trimmed = normal.trim_matches(|c: char| !c.is_alphanumeric());
    if trimmed.chars().count() < 3 || STOP_WORDS.contains(&trimmed) {
        return None;
    }
    Some(trimmed.to_owned())
}

enum Folded {
    One(char),
    Two(char, char),
}

/// The letter without its accent (é → e, ë → e, ç → c, ĳ → ij).
fn fold_accent(c: char) -> Folded {
    let base = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'ď' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'į' => 'i',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ŕ' | 'ř' => 'r',
        'ś' | 'š' | 'ş' => 's',
        'ť' | 'ţ' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ů' | 'ű' => 'u',
        'ý' | 'ÿ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        'ĳ' => return Folded::Two('i', 'j'),
        'ß' => return Folded::Two('s', 's'),
        other => other,
    };
    Folded::One(base)
}

/// The words of a text with their byte ranges: runs of letters and digits,
/// so "coll/raad?" holds "coll" and "raad".
pub fn words(text: &str) -> impl Iterator<Item = (Range<usize>, &str)> {
    let mut start: Option<usize> = None;
    let mut chars = text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')));
    std::iter::from_fn(move || {
        for (i, c) in chars.by_ref() {
            let in_word = c.is_alphanumeric() && i < text.len();
            match (start, in_word) {
                (None, true) => start = Some(i),
                (Some(s), false) => {
                    start = None;
                    return Some((s..i, &text[s..i]));
                }
                _ => {}
            }
        }
        None
    })
}

/// The shared words of a session: each normalised word that occurs in the
/// keywords of two or more different organisations, with its colour index
/// (`0..SHARED_COLOURS`). The most widely shared word gets index 0; ties go
/// to the word that appears first on the whiteboard.
#[must_use]
pub fn shared_words(session: &Session) -> HashMap<String, usize> {
    // For each word: the organisations that use it and where it first appears.
    let mut seen: HashMap<String, (HashSet<&OrgId>, usize)> = HashMap::new();
    let mut order = 0usize;
    for card in session.cards() {
        let Some(experiment) = card
            .experiment
            .as_ref()
            .and_then(|id| session.experiment(id))
        else {
            continue;
        };
        for keyword in &experiment.keywords {
            for (_, word) in words(&keyword.text) {
                if let Some(normal) = normalise_word(word) {
                    let entry = seen.entry(normal).or_insert_with(|| {
                        order += 1;
                        (HashSet::new(), order)
                    });
                    entry.0.insert(&experiment.organisation);
                }
            }
        }
    }
    ranked(seen)
        .into_iter()
        .map(|(word, _, colour)| (word, colour))
        .collect()
}

/// The words used by two or more organisations, most widely shared first
/// (ties: first on the whiteboard first), each with where it first
/// appeared and its colour index.
fn ranked(seen: HashMap<String, (HashSet<&OrgId>, usize)>) -> Vec<(String, usize, usize)> {
    let mut shared: Vec<(String, usize, usize)> = seen
        .into_iter()
        .filter(|(_, (orgs, _))| orgs.len() >= 2)
        .map(|(word, (orgs, first))| (word, orgs.len(), first))
        .collect();
    shared.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
    shared
        .into_iter()
        .enumerate()
        .map(|(rank, (word, _, first))| (word, first, rank % SHARED_COLOURS))
        .collect()
}

/// The shared words of every keyword on the whiteboard, one list per
/// keyword in [`Session::cards`] order (the order of
/// [`card_texts`](super::card_texts)): the same as [`shared_spans`] with
/// [`shared_words`] for each keyword, but normalising each word only once.
#[must_use]
pub fn keyword_spans(session: &Session) -> Vec<Vec<(Range<usize>, usize)>> {
    // For each word: the organisations that use it and where it first appears.
    let mut seen: HashMap<String, (HashSet<&OrgId>, usize)> = HashMap::new();
    // Each keyword's words: byte range and where the word first appears.
    let mut keywords: Vec<Vec<(Range<usize>, usize)>> = Vec::new();
    for card in session.cards() {
        let Some(experiment) = card
            .experiment
            .as_ref()
            .and_then(|id| session.experiment(id))
        else {
            continue;
        };
        for keyword in &experiment.keywords {
            let mut found = Vec::new();
            for (range, word) in words(&keyword.text) {
                if let Some(normal) = normalise_word(word) {
                    let next = seen.len();
                    let entry = seen.entry(normal).or_insert_with(|| (HashSet::new(), next));
                    entry.0.insert(&experiment.organisation);
                    found.push((range, entry.1));
                }
            }
            keywords.push(found);
        }
    }
    let colours: HashMap<usize, usize> = ranked(seen)
        .into_iter()
        .map(|(_, first, colour)| (first, colour))
        .collect();
    keywords
        .into_iter()
        .map(|found| {
            found
                .into_iter()
                .filter_map(|(range, first)| colours.get(&first).map(|&colour| (range, colour)))
                .collect()
        })
        .collect()
}

/// The shared words inside one text: byte ranges with their colour index.
#[must_use]
pub fn shared_spans<S: BuildHasher>(
    text: &str,
    shared: &HashMap<String, usize, S>,
) -> Vec<(Range<usize>, usize)> {
    if shared.is_empty() {
        return Vec::new();
    }
    words(text)
        .filter_map(|(range, word)| {
            let normal = normalise_word(word)?;
            shared.get(&normal).map(|&colour| (range, colour))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalising_folds_case_accents_and_punctuation() {
        assert_eq!(normalise_word("Raad").as_deref(), Some("raad"));
        assert_eq!(normalise_word("ideeën").as_deref(), Some("ideeen"));
        assert_eq!(normalise_word("Één"), None, "\"een\" is a stop word");
        assert_eq!(normalise_word("rôle").as_deref(), Some("role"));
        assert_eq!(normalise_word("\"meester\"").as_deref(), Some("meester"));
        assert_eq!(normalise_word("de"), None, "a stop word");
        assert_eq!(normalise_word("het"), None, "a stop word");
        assert_eq!(normalise_word("vu"), None, "too short");
    }

    #[test]
    fn keyword_spans_match_shared_spans_keyword_by_keyword() {
        for session in [
            crate::ui::projector::layout::tests::sample(),
            crate::model::stress::stress_session(60, 25, 200),
        ] {
            let shared = shared_words(&session);
            let one_by_one: Vec<_> = session
                .cards()
                .iter()
                .filter_map(|card| card.experiment.as_ref())
                .filter_map(|id| session.experiment(id))
                .flat_map(|e| &e.keywords)
                .map(|k| shared_spans(&k.text, &shared))
                .collect();
            assert!(one_by_one.iter().any(|spans| !spans.is_empty()));
            assert_eq!(keyword_spans(&session), one_by_one);
        }
    }

    #[test]
    fn words_split_on_punctuation() {
        let found: Vec<&str> = words("reactie coll/raad? 1^o").map(|(_, w)| w).collect();
        assert_eq!(found, ["reactie", "coll", "raad", "1", "o"]);
        let text = "taakdisc.: rol raad?";
        for (range, word) in words(text) {
            assert_eq!(&text[range], word);
        }
        assert_eq!(words("").count(), 0);
        assert_eq!(words("  ").count(), 0);
    }

    #[test]
    fn a_word_is_shared_only_between_different_organisations() {
        use crate::model::{Experiment, ExperimentId, Keyword, KeywordId, Organisation};
        let org = |id: &str| Organisation {
            id: OrgId::new(id),
            name: id.to_uppercase(),
            kind: crate::model::OrgKind::Municipality,
            notes: Vec::new(),
        };
        let keyword = |text: &str| Keyword {
            id: KeywordId::new(text),
            text: text.into(),
            tags: Vec::new(),
            highlighted: false,
        };
        let experiment = |id: &str, org: &str, keywords: &[&str]| Experiment {
            id: ExperimentId::new(id),
            organisation: OrgId::new(org),
            title: String::new(),
            keywords: keywords.iter().map(|k| keyword(k)).collect(),
            notes: Vec::new(),
        };
        let session = Session {
            organisations: vec![org("a"), org("b")],
            experiments: vec![
                experiment("e1", "a", &["Rol van de Raad", "twee keer twee"]),
                experiment("e2", "a", &["nog eens twee"]),
                experiment("e3", "b", &["raad, rôle en de inwoners", "de rol"]),
            ],
            ..Session::default()
        };
        let shared = shared_words(&session);
        // Both are shared by two organisations; "Rol" comes first on the board.
        assert_eq!(shared.get("rol"), Some(&0), "{shared:?}");
        assert_eq!(shared.get("raad"), Some(&1), "{shared:?}");
        assert!(!shared.contains_key("twee"), "one organisation only");
        assert!(!shared.contains_key("de"), "a stop word");
        let spans = shared_spans("Rol van de Raad", &shared);
        assert_eq!(spans, [(0..3, 0), (11..15, 1)]);
    }
}
