//! Words that several municipalities wrote down: the projector colours them
//! alike, so the room sees what the experiments share.
//!
//! Words are compared by their theme key from [`crate::model::themes`]
//! (lowercase, without accents or punctuation, abbreviations expanded,
//! stemmed; stop words left out), the same normaliser the themes view
//! uses. Colours stay with their word: a word that becomes shared takes a
//! free colour instead of moving the others (see
//! [`themes::assign_colours`]).

use std::collections::HashMap;
use std::hash::BuildHasher;
use std::ops::Range;
use std::sync::Arc;

use crate::model::themes::{self, Token, tokens};
use crate::model::{OrgId, Session};

pub use crate::model::themes::{normalise_word, words};

/// How many distinct colours the palettes hold for shared words; words
/// beyond this many share colours again (the most shared words come first).
pub const SHARED_COLOURS: usize = 6;

/// The shared words of a session: each word key (see
/// [`themes::word_key`]) that occurs in the keywords of two or more
/// different organisations, with its colour index (`0..SHARED_COLOURS`).
/// The most widely shared word gets index 0; ties go to the word that
/// appears first on the whiteboard.
#[must_use]
pub fn shared_words(session: &Session) -> HashMap<String, usize> {
    shared_words_after(session, &HashMap::new())
}

/// [`shared_words`], keeping the colour each word had in `previous`.
#[must_use]
pub fn shared_words_after<S: BuildHasher>(
    session: &Session,
    previous: &HashMap<String, usize, S>,
) -> HashMap<String, usize> {
    themes::assign_colours(
        &themes::ranked_shared_words(session),
        previous,
        SHARED_COLOURS,
    )
}

/// The shared words of every keyword on the whiteboard, one list per
/// keyword in [`Session::cards`] order (the order of
/// [`card_texts`](super::card_texts)), with the colours of `shared`.
#[must_use]
pub fn keyword_spans<S: BuildHasher>(
    session: &Session,
    shared: &HashMap<String, usize, S>,
) -> Vec<Vec<(Range<usize>, usize)>> {
    let mut spans = Vec::new();
    for card in session.cards() {
        let Some(experiment) = card
            .experiment
            .as_ref()
            .and_then(|id| session.experiment(id))
        else {
            continue;
        };
        spans.extend(
            experiment
                .keywords
                .iter()
                .map(|k| shared_spans(&k.text, shared)),
        );
    }
    spans
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
    spans_of(&tokens(text), shared)
}

/// The shared words among `tokens`: byte ranges with their colour index.
fn spans_of<S: BuildHasher>(
    tokens: &[Token],
    shared: &HashMap<String, usize, S>,
) -> Vec<(Range<usize>, usize)> {
    tokens
        .iter()
        .filter_map(|token| {
            shared
                .get(&token.stem)
                .map(|&colour| (token.range.clone(), colour))
        })
        .collect()
}

/// The whiteboard's shared words with their colours and each keyword's
/// coloured spans, kept from one change to the next: only keywords whose
/// text is new are split into words again (the stemmer is the expensive
/// part on a big session), and colours stay with their words.
#[derive(Debug, Clone, Default)]
pub struct SharedWords {
    /// Each shared word's colour index (`0..SHARED_COLOURS`).
    pub colours: HashMap<String, usize>,
    /// Each keyword's shared words, in whiteboard order (as
    /// [`keyword_spans`]).
    pub spans: Vec<Vec<(Range<usize>, usize)>>,
    /// The words of each keyword text seen last time.
    tokens: HashMap<String, Arc<[Token]>>,
}

impl SharedWords {
    /// The shared words of `session`, reusing what `self` (the previous
    /// result) already knows.
    #[must_use]
    pub fn update(&self, session: &Session) -> SharedWords {
        let mut kept: HashMap<String, Arc<[Token]>> = HashMap::with_capacity(self.tokens.len() + 1);
        let keywords: Vec<(&OrgId, Arc<[Token]>)> = themes::whiteboard_keywords(session)
            .map(|(organisation, text)| {
                let words = self
                    .tokens
                    .get(text)
                    .cloned()
                    .unwrap_or_else(|| Arc::from(tokens(text)));
                kept.entry(text.to_owned())
                    .or_insert_with(|| Arc::clone(&words));
                (organisation, words)
            })
            .collect();
        let ranked = themes::rank_shared(keywords.iter().map(|(org, words)| (*org, &words[..])));
        let colours = themes::assign_colours(&ranked, &self.colours, SHARED_COLOURS);
        let spans = keywords
            .iter()
            .map(|(_, words)| spans_of(words, &colours))
            .collect();
        SharedWords {
            colours,
            spans,
            tokens: kept,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::OrgId;
    use crate::model::themes::word_key;

    fn key(word: &str) -> String {
        word_key(word).unwrap_or_else(|| panic!("{word} counts"))
    }

    #[test]
    fn kept_words_give_the_same_result_as_a_fresh_search() {
        for session in [
            crate::ui::projector::layout::tests::sample(),
            crate::model::stress::stress_session(60, 25, 200),
        ] {
            let first = SharedWords::default().update(&session);
            assert_eq!(first.colours, shared_words(&session));
            assert_eq!(first.spans, keyword_spans(&session, &first.colours));

            // One more keyword (sharing a word with other cards), one less.
            let mut changed = session.clone();
            let experiment = changed.experiments[1].id.clone();
            changed.add_keyword(&experiment, "raad en inwoners");
            changed.experiments[0].keywords.pop();
            let next = first.update(&changed);
            let expected = shared_words_after(&changed, &first.colours);
            assert_eq!(next.colours, expected);
            assert_eq!(next.spans, keyword_spans(&changed, &expected));
            assert!(
                next.tokens.len() <= first.tokens.len() + 1,
                "words of removed keywords are not kept"
            );
        }
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
            assert_eq!(keyword_spans(&session, &shared), one_by_one);
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
            attendance: crate::model::Attendance::Unknown,
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
        assert_eq!(shared.get(&key("rol")), Some(&0), "{shared:?}");
        assert_eq!(shared.get(&key("raad")), Some(&1), "{shared:?}");
        assert!(!shared.contains_key(&key("twee")), "one organisation only");
        assert_eq!(shared.len(), 2, "{shared:?}");
        let spans = shared_spans("Rol van de Raad", &shared);
        assert_eq!(spans, [(0..3, 0), (11..15, 1)]);
    }

    /// Issue 7: a keyword that made a new shared word moved the colours of
    /// other shared words, so every card was laid out again.
    #[test]
    fn a_new_shared_word_keeps_the_other_words_colours() {
        let mut session = crate::ui::projector::layout::tests::sample();
        let before = shared_words(&session);
        let first = session.experiments[0].id.clone();
        session.add_keyword(&first, "kaasstolp");
        let after = shared_words_after(&session, &before);
        let new = key("kaasstolp");
        assert!(after.contains_key(&new), "{after:?}");
        for (word, colour) in &before {
            assert_eq!(after.get(word), Some(colour), "{word} kept its colour");
        }
        // Without the history the ranking would have moved other colours.
        let fresh = shared_words(&session);
        assert!(before.iter().any(|(w, c)| fresh.get(w) != Some(c)));
    }

    #[test]
    fn abbreviations_share_a_colour_with_the_full_word() {
        let session = crate::ui::projector::layout::tests::sample();
        let shared = shared_words(&session);
        let colour = shared[&key("participatie")];
        assert_eq!(
            shared_spans("ook particip.-kaders", &shared)[0],
            (4..12, colour)
        );
        assert_eq!(shared_spans("nwe. P. nota", &shared)[0], (5..6, colour));
    }
}
