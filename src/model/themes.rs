//! Themes: what several municipalities wrote about, found in their keywords.
//!
//! A keyword is split into words; each word is normalised (lowercase,
//! accents folded, punctuation trimmed), expanded when it is one of the
//! abbreviations in the style of the facilitator's whiteboard ("particip."
//! → "participatie", "org." → "organisatie"), left out when it is a stop
//! word, and reduced to a stem by a small Dutch stemmer, so "raad", "raden"
//! and "raads" meet, and so do "participatie", "participeren" and
//! "particip.". Compounds are split against the words of the session and a
//! short list of parts that matter in local democracy, so "raadsbreed"
//! counts for "raad" and "Org.ontw." for "organisatie".
//!
//! [`detect_themes`] groups the keywords of the municipalities by stem and
//! applies the facilitator's decisions ([`ThemeChoices`]: confirmed,
//! dismissed, merged and renamed themes), most shared first. The same
//! normaliser gives the projector its shared-word colours
//! ([`ranked_shared_words`], [`assign_colours`]). Everything here runs on
//! the machine: no online service is asked anything.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::ids::{KeywordId, OrgId};
use super::session::{OrgKind, Session};

/// A theme counts as shared when at least this many municipalities wrote it.
pub const MIN_SHARED: usize = 2;

/// Words that carry no meaning on a card: Dutch stop words first, then a few
/// English ones for sessions held in English.
const STOP_WORDS: &[&str] = &[
    // Dutch.
    "aan", "al", "alle", "als", "bij", "dan", "dat", "de", "deze", "die", "dit", "door", "een",
    "en", "er", "geen", "hem", "het", "hier", "hij", "hoe", "hun", "ik", "in", "is", "je", "kan",
    "maar", "me", "meer", "men", "met", "mij", "na", "naar", "niet", "nog", "nu", "of", "om",
    "onder", "ons", "ook", "op", "over", "te", "tot", "toch", "uit", "van", "veel", "voor", "waar",
    "wat", "we", "wel", "wie", "wij", "worden", "wordt", "zal", "ze", "zich", "zij", "zijn", "zo",
    "zoals", "enz", "etc", "vs", "vele", "andere", "waarvoor", "ervan", "heel", "soms", "steeds",
    // English.
    "the", "and", "for", "with", "from", "that", "this", "are", "was", "not", "but", "how", "who",
    "what", "our", "you", "into", "about", "than", "has", "have", "its",
];

/// Abbreviations as a facilitator writes them on a whiteboard, from the
/// seed meeting's own notes: the short form (lowercase, without its
/// period) and the word it stands for. Entries marked `true` count only
/// when written with a period ("P." is participation, a lone "p" is not).
const ABBREVIATIONS: &[(&str, &str, bool)] = &[
    ("particip", "participatie", false),
    ("participat", "participatie", false),
    ("p", "participatie", true),
    ("org", "organisatie", false),
    ("ontw", "ontwikkeling", false),
    ("inwon", "inwoners", false),
    ("exp", "experiment", true),
    ("strat", "strategisch", true),
    ("coll", "college", false),
    ("meth", "methode", false),
    ("nwe", "nieuwe", false),
    ("taakdisc", "taakdiscussie", false),
    ("afd", "afdeling", true),
    ("gem", "gemeente", true),
    ("bel", "beleid", true),
    ("democr", "democratie", false),
    ("dem", "democratie", true),
];

/// Word families whose members the suffix rules cannot bring together: a
/// word that starts with the prefix gets the family's stem.
const FAMILIES: &[(&str, &str)] = &[("particip", "particip")];

/// Parts of compounds that matter in local democracy, known even when the
/// session has not used them on their own ("gemeenteraad" → "raad").
const COMPOUND_PARTS: &[&str] = &[
    "raad",
    "gemeente",
    "participatie",
    "organisatie",
    "ontwikkeling",
    "inwoner",
    "inwoners",
    "burger",
    "burgers",
    "bestuur",
    "beleid",
    "democratie",
    "wijk",
    "dorp",
    "buurt",
    "gebied",
    "samen",
    "college",
    "ambtenaar",
    "ambtenaren",
];

/// Compounds that are kept whole: other councils than the municipal council
/// ("jongerenraad", a youth council, is not "the council's role").
const KEEP_WHOLE: &[&str] = &[
    "jongerenraad",
    "jongereraad",
    "jeugdraad",
    "kinderraad",
    "adviesraad",
    "clientenraad",
    "ondernemingsraad",
    "wijkraad",
    "dorpsraad",
    "seniorenraad",
];

/// The shortest part a compound is split into (after a linking "s").
const MIN_PART: usize = 4;
/// The shortest rest after a known first part ("raad|sbreed" → "breed").
const MIN_REST: usize = 5;

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

/// Lowercase, accents folded (é → e, ë → e, ĳ → ij), punctuation at either
/// end trimmed.
#[must_use]
pub fn fold(word: &str) -> String {
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
    normal
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_owned()
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

/// Whether a folded word is a stop word.
#[must_use]
pub fn is_stop_word(folded: &str) -> bool {
    STOP_WORDS.contains(&folded)
}

/// The word an abbreviation stands for; `with_period`: the text has a
/// period right after the word.
#[must_use]
pub fn expand_abbreviation(folded: &str, with_period: bool) -> Option<&'static str> {
    ABBREVIATIONS
        .iter()
        .find(|(short, _, needs_period)| *short == folded && (with_period || !needs_period))
        .map(|(_, long, _)| *long)
}

/// A word's normalised form: folded, an abbreviation expanded, or `None`
/// when it does not count (a stop word, or shorter than three letters).
/// `with_period`: the text has a period right after the word.
#[must_use]
pub fn normalise(word: &str, with_period: bool) -> Option<String> {
    let folded = fold(word);
    if let Some(long) = expand_abbreviation(&folded, with_period) {
        return Some(long.to_owned());
    }
    if folded.chars().count() < 3 || is_stop_word(&folded) {
        return None;
    }
    Some(folded)
}

/// [`normalise`] for a word on its own (no period after it).
#[must_use]
pub fn normalise_word(word: &str) -> Option<String> {
    normalise(word, false)
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

/// Removes `suffix` when at least `keep` letters stay.
fn strip(word: &mut String, suffix: &str, keep: usize) -> bool {
    if word.ends_with(suffix) && word.len() >= suffix.len() + keep {
        word.truncate(word.len() - suffix.len());
        true
    } else {
        false
    }
}

/// "stapp" → "stap", "less" → "les": a doubled consonant at the end is one.
fn undouble_consonant(word: &mut String) {
    let bytes = word.as_bytes();
    if let [.., a, b] = bytes
        && a == b
        && a.is_ascii_alphabetic()
        && !is_vowel(char::from(*a))
    {
        word.pop();
    }
}

/// "raad" → "rad", "leer" → "ler": a double vowel before the last
/// consonant is one, so the plural's open syllable ("raden", "leren") meets
/// the singular.
fn undouble_vowel(word: &mut String) {
    let chars: Vec<char> = word.chars().collect();
    if let [.., before, v1, v2, last] = chars[..]
        && v1 == v2
        && matches!(v1, 'a' | 'e' | 'o' | 'u')
        && !is_vowel(last)
        && !is_vowel(before)
    {
        let keep: String = chars[..chars.len() - 2]
            .iter()
            .chain(std::iter::once(&last))
            .collect();
        *word = keep;
    }
}

/// A small Dutch stemmer for folded words: plural -en and -s, a final -e,
/// the common derivations -atie, -eren, -ing and the participle -end(e),
/// doubled consonants and the double vowel of a closed syllable. Word
/// families it cannot reach come from a table. The stem is a key, not a
/// word to show.
#[must_use]
pub fn stem(folded: &str) -> String {
    if let Some((_, family)) = FAMILIES
        .iter()
        .find(|(prefix, _)| folded.starts_with(prefix))
    {
        return (*family).to_owned();
    }
    if !folded.is_ascii() || folded.len() < 4 {
        return folded.to_owned();
    }
    let mut word = folded.to_owned();
    let derived = strip(&mut word, "ingen", 4)
        || strip(&mut word, "ing", 4)
        || strip(&mut word, "aties", 4)
        || strip(&mut word, "atie", 4)
        || strip(&mut word, "eren", 4)
        || strip(&mut word, "ende", 3)
        || strip(&mut word, "end", 4);
    if derived {
        undouble_consonant(&mut word);
    } else if word.ends_with("heden") {
        word.truncate(word.len() - "heden".len());
        word.push_str("heid");
    } else if word.ends_with("en")
        && word.len() >= 5
        && !is_vowel(word.chars().nth_back(2).unwrap_or('a'))
    {
        word.truncate(word.len() - 2);
        undouble_consonant(&mut word);
    } else if word.ends_with('s')
        && word.len() >= 5
        && !matches!(word.chars().nth_back(1), Some('s' | 'j') | None)
        && !is_vowel(word.chars().nth_back(1).unwrap_or('a'))
    {
        word.pop();
    }
    if word.ends_with('e') && word.len() >= 4 && !is_vowel(word.chars().nth_back(1).unwrap_or('a'))
    {
        word.pop();
        undouble_consonant(&mut word);
    }
    undouble_vowel(&mut word);
    word
}

/// The theme key of a single word, as [`detect_themes`] and the projector's
/// shared words use it: normalised and stemmed; `None` for a stop word.
#[must_use]
pub fn word_key(word: &str) -> Option<String> {
    normalise_word(word).map(|normal| stem(&normal))
}

/// One counted word of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Where the word is in the text.
    pub range: Range<usize>,
    /// Its normalised form (an abbreviation expanded).
    pub normal: String,
    /// Its stem: the key it is compared by.
    pub stem: String,
}

/// The words of a text that count, normalised and stemmed (stop words and
/// short words left out; abbreviations expanded).
#[must_use]
pub fn tokens(text: &str) -> Vec<Token> {
    words(text)
        .filter_map(|(range, word)| {
            let with_period = text[range.end..].starts_with('.');
            let normal = normalise(word, with_period)?;
            let stem = stem(&normal);
            Some(Token {
                range,
                normal,
                stem,
            })
        })
        .collect()
}

/// Splits a normalised compound into the known parts it starts or ends
/// with: `raadsbreed` → `raad`, `breed`; `gemeenteraad` → `gemeente`,
/// `raad`; `organisatieontwikkeling` → `organisatie`, `ontwikkeling`.
/// `parts` are the words a compound may be made of (normalised). Returns
/// nothing for a word that is not such a compound.
#[must_use]
pub fn compound_parts<S: std::hash::BuildHasher>(
    word: &str,
    parts: &HashSet<String, S>,
) -> Vec<String> {
    if KEEP_WHOLE.contains(&word) || !word.is_ascii() {
        return Vec::new();
    }
    let mut found = Vec::new();
    // The longest known part the word starts with, and what follows it.
    let head = (MIN_PART..word.len())
        .rev()
        .map(|end| &word[..end])
        .find(|prefix| parts.contains(*prefix));
    if let Some(head) = head {
        let rest = &word[head.len()..];
        let rest = if rest.len() > MIN_REST && rest.starts_with('s') {
            &rest[1..]
        } else {
            rest
        };
        if rest.len() >= MIN_REST {
            found.push(head.to_owned());
            found.push(rest.to_owned());
        }
    }
    // The longest known part the word ends with (Dutch puts the head last).
    let tail = (1..=word.len().saturating_sub(MIN_PART))
        .map(|start| &word[start..])
        .find(|suffix| parts.contains(*suffix));
    if let Some(tail) = tail {
        let before = word[..word.len() - tail.len()].trim_end_matches('s');
        if before.len() >= MIN_PART {
            for part in [before, tail] {
                if !found.iter().any(|f| f == part) {
                    found.push(part.to_owned());
                }
            }
        }
    }
    found
}

/// What the facilitator decided about the detected themes; saved with the
/// session. Themes are named by their key (a stem, see [`Theme::key`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct ThemeChoices {
    /// Themes the facilitator confirmed: shown even when only one
    /// municipality has them, and marked as confirmed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub confirmed: Vec<String>,
    /// Suggestions the facilitator dropped: no longer shown.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dismissed: Vec<String>,
    /// Themes merged into another one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub merged: Vec<ThemeMerge>,
    /// Labels the facilitator gave themes, by key.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, String>,
}

impl ThemeChoices {
    /// Whether nothing was decided (then the session file leaves it out).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.confirmed.is_empty()
            && self.dismissed.is_empty()
            && self.merged.is_empty()
            && self.labels.is_empty()
    }

    /// The key a theme ends up in after the merges (itself when not merged).
    #[must_use]
    pub fn resolve<'a>(&'a self, key: &'a str) -> &'a str {
        let mut key = key;
        // A bounded walk: a merge cycle in a hand-edited file cannot hang.
        for _ in 0..=self.merged.len() {
            match self.merged.iter().find(|m| m.from == key) {
                Some(merge) if merge.into != key => key = &merge.into,
                _ => break,
            }
        }
        key
    }

    /// Takes out the merges that close a cycle (a→b→c→a, or a theme merged
    /// into itself), which a hand-edited file can hold and which would make
    /// a theme vanish; the earlier merges win. Returns the merges taken out.
    pub fn break_merge_cycles(&mut self) -> Vec<ThemeMerge> {
        let mut kept = ThemeChoices::default();
        let mut removed = Vec::new();
        for merge in std::mem::take(&mut self.merged) {
            if kept.resolve(&merge.into) == kept.resolve(&merge.from) {
                removed.push(merge);
            } else {
                kept.merged.push(merge);
            }
        }
        self.merged = kept.merged;
        removed
    }

    /// Merges theme `from` into theme `into` (both by key, resolved first);
    /// returns whether anything changed.
    pub fn merge(&mut self, from: &str, into: &str) -> bool {
        let (from, into) = (self.resolve(from).to_owned(), self.resolve(into).to_owned());
        if from == into {
            return false;
        }
        self.merged.push(ThemeMerge {
            from: from.clone(),
            into: into.clone(),
        });
        // A confirmed part makes the whole confirmed.
        if self.confirmed.contains(&from) && !self.confirmed.contains(&into) {
            self.confirmed.push(into);
        }
        self.confirmed.retain(|k| *k != from);
        true
    }

    /// Confirms a theme, or takes the confirmation back.
    pub fn toggle_confirmed(&mut self, key: &str) {
        let key = self.resolve(key).to_owned();
        if let Some(pos) = self.confirmed.iter().position(|k| *k == key) {
            self.confirmed.remove(pos);
        } else {
            self.dismissed.retain(|k| *k != key);
            self.confirmed.push(key);
        }
    }

    /// Drops a suggestion from the list.
    pub fn dismiss(&mut self, key: &str) {
        let key = self.resolve(key).to_owned();
        self.confirmed.retain(|k| *k != key);
        if !self.dismissed.contains(&key) {
            self.dismissed.push(key);
        }
    }

    /// Gives a theme a label of the facilitator's own (an empty label
    /// brings back the detected one).
    pub fn rename(&mut self, key: &str, label: &str) {
        let key = self.resolve(key).to_owned();
        let label = label.trim();
        if label.is_empty() {
            self.labels.remove(&key);
        } else {
            self.labels.insert(key, label.to_owned());
        }
    }
}

/// One theme merged into another.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub struct ThemeMerge {
    /// The key of the theme that was merged away.
    pub from: String,
    /// The key of the theme that holds it now.
    pub into: String,
}

/// A theme several municipalities share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    /// The stable key: the stem the keywords share (or a `#tag`'s stem).
    pub key: String,
    /// What to call it: the facilitator's label, else the form written most.
    pub label: String,
    /// The municipalities with a keyword in this theme, in session order.
    pub municipalities: Vec<OrgId>,
    /// The keywords in this theme, in whiteboard order.
    pub keywords: Vec<KeywordId>,
    /// Whether the facilitator confirmed it.
    pub confirmed: bool,
}

/// What [`detect_themes`] gathers for one key.
#[derive(Default)]
struct Gathered {
    municipalities: HashSet<OrgId>,
    keywords: Vec<KeywordId>,
    /// Each written form and how often it was written.
    forms: HashMap<String, usize>,
    first: usize,
}

/// The themes of a session: the stems of the municipalities' keywords (and
/// their `#tags`) that at least [`MIN_SHARED`] municipalities share, or
/// that the facilitator confirmed, after the facilitator's merges, labels
/// and dismissals. Most shared first; ties: confirmed first, then more
/// keywords, then the one that appears first on the whiteboard.
#[must_use]
pub fn detect_themes(session: &Session) -> Vec<Theme> {
    let choices = &session.themes;
    let municipality: HashSet<&OrgId> = session
        .organisations
        .iter()
        .filter(|o| o.kind == OrgKind::Municipality)
        .map(|o| &o.id)
        .collect();
    let experiments: Vec<_> = session
        .cards()
        .into_iter()
        .filter_map(|card| card.experiment)
        .filter_map(|id| session.experiment(&id))
        .filter(|e| municipality.contains(&e.organisation))
        .collect();
    let parts = compound_vocabulary(session);

    let mut gathered: HashMap<String, Gathered> = HashMap::new();
    let mut order = 0;
    for experiment in &experiments {
        for keyword in &experiment.keywords {
            let mut keys: Vec<(String, String)> = Vec::new();
            for token in tokens(&keyword.text) {
                keys.push((token.stem.clone(), token.normal.clone()));
                for part in compound_parts(&token.normal, &parts) {
                    keys.push((stem(&part), part));
                }
            }
            for tag in &keyword.tags {
                let folded = fold(tag);
                if !folded.is_empty() {
                    keys.push((stem(&folded), tag.trim().to_owned()));
                }
            }
            let mut seen_here = HashSet::new();
            for (key, form) in keys {
                let key = choices.resolve(&key).to_owned();
                let entry = gathered.entry(key.clone()).or_insert_with(|| {
                    order += 1;
                    Gathered {
                        first: order,
                        ..Gathered::default()
                    }
                });
                *entry.forms.entry(form).or_default() += 1;
                if seen_here.insert(key) {
                    entry.municipalities.insert(experiment.organisation.clone());
                    entry.keywords.push(keyword.id.clone());
                }
            }
        }
    }

    let mut themes: Vec<(Theme, usize)> = gathered
        .into_iter()
        .filter(|(key, _)| !choices.dismissed.contains(key))
        .filter_map(|(key, found)| {
            let confirmed = choices.confirmed.contains(&key);
            if found.municipalities.len() < MIN_SHARED && !confirmed {
                return None;
            }
            let label = choices
                .labels
                .get(&key)
                .cloned()
                .unwrap_or_else(|| most_written(&found.forms));
            let municipalities = session
                .organisations
                .iter()
                .filter(|o| found.municipalities.contains(&o.id))
                .map(|o| o.id.clone())
                .collect();
            Some((
                Theme {
                    key,
                    label,
                    municipalities,
                    keywords: found.keywords,
                    confirmed,
                },
                found.first,
            ))
        })
        .collect();
    themes.sort_by(|(a, a_first), (b, b_first)| {
        b.municipalities
            .len()
            .cmp(&a.municipalities.len())
            .then(b.confirmed.cmp(&a.confirmed))
            .then(b.keywords.len().cmp(&a.keywords.len()))
            .then(a_first.cmp(b_first))
    });
    themes.into_iter().map(|(theme, _)| theme).collect()
}

/// The form written most often; ties go to the shortest (the plain word
/// over a derivation: "werken" over "werkende"), then alphabetical order.
fn most_written(forms: &HashMap<String, usize>) -> String {
    forms
        .iter()
        .max_by(|(a, a_count), (b, b_count)| {
            a_count
                .cmp(b_count)
                .then(b.len().cmp(&a.len()))
                .then(b.cmp(a))
        })
        .map(|(form, _)| form.clone())
        .unwrap_or_default()
}

/// The words compounds may be split into: every word written on its own in
/// the session's keywords (normalised, at least [`MIN_PART`] letters) and
/// the known parts of [`COMPOUND_PARTS`].
fn compound_vocabulary(session: &Session) -> HashSet<String> {
    let mut parts: HashSet<String> = COMPOUND_PARTS.iter().map(|&p| p.to_owned()).collect();
    for experiment in &session.experiments {
        for keyword in &experiment.keywords {
            parts.extend(
                tokens(&keyword.text)
                    .into_iter()
                    .map(|t| t.normal)
                    .filter(|n| n.len() >= MIN_PART),
            );
        }
    }
    parts
}

/// The whiteboard's shared words: each word key (see [`word_key`]) that
/// the keywords of two or more different organisations use, most widely
/// shared first (ties: the first on the whiteboard first). Compounds are
/// not split here: the projector colours whole words.
#[must_use]
pub fn ranked_shared_words(session: &Session) -> Vec<String> {
    let keywords: Vec<(&OrgId, Vec<Token>)> = whiteboard_keywords(session)
        .map(|(org, text)| (org, tokens(text)))
        .collect();
    rank_shared(
        keywords
            .iter()
            .map(|(org, tokens)| (*org, tokens.as_slice())),
    )
}

/// Every keyword on the whiteboard with its organisation, in card order.
pub fn whiteboard_keywords(session: &Session) -> impl Iterator<Item = (&OrgId, &str)> {
    session
        .cards()
        .into_iter()
        .filter_map(|card| card.experiment)
        .filter_map(|id| session.experiment(&id))
        .flat_map(|experiment| {
            experiment
                .keywords
                .iter()
                .map(|k| (&experiment.organisation, k.text.as_str()))
        })
}

/// [`ranked_shared_words`] from keywords already split into tokens, in
/// whiteboard order (so a caller can keep the tokens of unchanged keywords).
#[must_use]
pub fn rank_shared<'a>(
    keywords: impl IntoIterator<Item = (&'a OrgId, &'a [Token])>,
) -> Vec<String> {
    let mut seen: HashMap<&str, (HashSet<&OrgId>, usize)> = HashMap::new();
    for (organisation, tokens) in keywords {
        for token in tokens {
            let next = seen.len();
            seen.entry(token.stem.as_str())
                .or_insert_with(|| (HashSet::new(), next))
                .0
                .insert(organisation);
        }
    }
    let mut shared: Vec<(&str, usize, usize)> = seen
        .into_iter()
        .filter(|(_, (orgs, _))| orgs.len() >= MIN_SHARED)
        .map(|(key, (orgs, first))| (key, orgs.len(), first))
        .collect();
    shared.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
    shared.into_iter().map(|(key, ..)| key.to_owned()).collect()
}

/// Colours for the shared words (`ranked`, most shared first) from a
/// palette of `colours`, without moving the colour of a word that had one
/// in `previous`: a new shared word takes the colour used least (the
/// lowest index among equals), so typing a keyword recolours only the
/// words it shares. With nothing before, the most shared word gets colour
/// 0, the next 1, and so on.
#[must_use]
pub fn assign_colours<S: std::hash::BuildHasher>(
    ranked: &[String],
    previous: &HashMap<String, usize, S>,
    colours: usize,
) -> HashMap<String, usize> {
    let colours = colours.max(1);
    let mut assigned: HashMap<String, usize> = HashMap::with_capacity(ranked.len());
    let mut used = vec![0usize; colours];
    for key in ranked {
        if let Some(&colour) = previous.get(key)
            && colour < colours
        {
            assigned.insert(key.clone(), colour);
            used[colour] += 1;
        }
    }
    for key in ranked {
        if assigned.contains_key(key) {
            continue;
        }
        let colour = (0..colours).min_by_key(|&c| (used[c], c)).unwrap_or(0);
        used[colour] += 1;
        assigned.insert(key.clone(), colour);
    }
    assigned
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Experiment, ExperimentId, Keyword, Organisation};

    fn key(word: &str) -> String {
        word_key(word).unwrap_or_else(|| panic!("{word} counts"))
    }

    #[test]
    fn folding_takes_case_accents_and_punctuation_off() {
        assert_eq!(fold("Raad"), "raad");
        assert_eq!(fold("ideeën"), "ideeen");
        assert_eq!(fold("rôle"), "role");
        assert_eq!(fold("\"meester\""), "meester");
        assert_eq!(fold("HerOriëntatie."), "heroriëntatie".replace('ë', "e"));
        assert_eq!(fold("ĳs"), "ijs");
    }

    #[test]
    fn stop_words_and_short_words_do_not_count() {
        assert_eq!(normalise_word("Één"), None, "\"een\" is a stop word");
        assert_eq!(normalise_word("de"), None);
        assert_eq!(normalise_word("het"), None);
        assert_eq!(normalise_word("Veel"), None);
        assert_eq!(normalise_word("the"), None);
        assert_eq!(normalise_word("vu"), None, "too short");
        assert_eq!(normalise_word("raad").as_deref(), Some("raad"));
    }

    #[test]
    fn abbreviations_in_the_seeds_style_are_expanded() {
        let normals =
            |text: &str| -> Vec<String> { tokens(text).into_iter().map(|t| t.normal).collect() };
        assert_eq!(normals("ook particip.-kaders"), ["participatie", "kaders"]);
        assert_eq!(normals("participat = middel"), ["participatie", "middel"]);
        assert_eq!(
            normals("raad + org. + samen"),
            ["raad", "organisatie", "samen"]
        );
        assert_eq!(
            normals("Org.ontw. traject"),
            ["organisatie", "ontwikkeling", "traject"]
        );
        assert_eq!(
            normals("open gesprek - inwon."),
            ["open", "gesprek", "inwoners"]
        );
        assert_eq!(normals("nwe. P. nota"), ["nieuwe", "participatie", "nota"]);
        // "P" stands for participation only with its period.
        assert_eq!(normals("plan p of q"), ["plan"]);
        assert_eq!(expand_abbreviation("exp", true), Some("experiment"));
        assert_eq!(expand_abbreviation("exp", false), None);
    }

    #[test]
    fn the_stemmer_brings_plurals_and_derivations_together() {
        for (a, b) in [
            ("raad", "raden"),
            ("raad", "Raads"),
            ("participatie", "participeren"),
            ("participatie", "Participat"),
            ("organisatie", "organiseren"),
            ("inwoner", "inwoners"),
            ("les", "lessen"),
            ("stap", "stappen"),
            ("project", "projecten"),
            ("leren", "leer"),
            ("lerende", "leren"),
            ("bestuur", "besturen"),
            ("verbinden", "verbindend"),
            ("ontwikkeling", "ontwikkelingen"),
            ("ontwikkeling", "ontwikkelen"),
            ("brede", "breed"),
            ("vraag", "vragen"),
            ("gesprek", "gesprekken"),
            ("mogelijkheden", "mogelijkheid"),
        ] {
            assert_eq!(key(a), key(b), "{a} and {b} should meet");
        }
        for (a, b) in [
            ("raad", "rol"),
            ("doen", "doel"),
            ("open", "openbaar"),
            ("samen", "samenwerking"),
            ("participatie", "partij"),
        ] {
            assert_ne!(key(a), key(b), "{a} and {b} are different words");
        }
        // Short words stay as they are.
        assert_eq!(stem("doen"), "doen");
        assert_eq!(stem("wijk"), "wijk");
    }

    #[test]
    fn compounds_split_into_known_parts() {
        let parts: HashSet<String> = ["raad", "breed", "organisatie", "samen", "inwoners"]
            .into_iter()
            .chain(COMPOUND_PARTS.iter().copied())
            .map(str::to_owned)
            .collect();
        assert_eq!(compound_parts("raadsbreed", &parts), ["raad", "breed"]);
        assert_eq!(compound_parts("gemeenteraad", &parts), ["gemeente", "raad"]);
        assert_eq!(
            compound_parts("organisatieontwikkeling", &parts),
            ["organisatie", "ontwikkeling"]
        );
        assert_eq!(compound_parts("raadsleden", &parts), ["raad", "leden"]);
        assert_eq!(
            compound_parts("inwonerakkoord", &parts),
            ["inwoner", "akkoord"]
        );
        // Other councils are not the municipal council.
        assert!(compound_parts("jongereraad", &parts).is_empty());
        assert!(compound_parts("ondernemingsraad", &parts).is_empty());
        // A known part with too short a rest is no compound.
        assert!(compound_parts("raden", &parts).is_empty());
        assert!(compound_parts("gebiedsregisseur", &HashSet::new()).is_empty());
    }

    fn org(id: &str, kind: OrgKind) -> Organisation {
        Organisation {
            id: OrgId::new(id),
            name: id.to_uppercase(),
            kind,
            notes: Vec::new(),
            attendance: crate::model::Attendance::Unknown,
        }
    }

    fn experiment(id: &str, org: &str, keywords: &[&str]) -> Experiment {
        Experiment {
            id: ExperimentId::new(id),
            organisation: OrgId::new(org),
            title: String::new(),
            keywords: keywords
                .iter()
                .enumerate()
                .map(|(i, text)| Keyword {
                    id: KeywordId::new(format!("{id}-{i}")),
                    text: (*text).to_owned(),
                    tags: Vec::new(),
                    highlighted: false,
                })
                .collect(),
            notes: Vec::new(),
        }
    }

    fn three_towns() -> Session {
        Session {
            organisations: vec![
                org("a", OrgKind::Municipality),
                org("b", OrgKind::Municipality),
                org("c", OrgKind::Municipality),
                org("vng", OrgKind::Guest),
            ],
            experiments: vec![
                experiment("e1", "a", &["rol van de raad", "particip.-kaders"]),
                experiment("e2", "b", &["gemeenteraad aan zet", "participatie beleid"]),
                experiment("e3", "c", &["raden", "inwoners"]),
                experiment("e4", "vng", &["inwoners", "raad"]),
            ],
            ..Session::default()
        }
    }

    #[test]
    fn themes_count_municipalities_not_guests() {
        let themes = detect_themes(&three_towns());
        let raad = &themes[0];
        assert_eq!(raad.label, "raad");
        assert_eq!(
            raad.municipalities,
            [OrgId::new("a"), OrgId::new("b"), OrgId::new("c")]
        );
        assert_eq!(raad.keywords.len(), 3);
        let participation = &themes[1];
        assert_eq!(participation.label, "participatie");
        assert_eq!(participation.municipalities.len(), 2);
        assert!(
            !themes.iter().any(|t| t.label == "inwoners"),
            "a guest does not make a word shared: {themes:?}"
        );
    }

    #[test]
    fn choices_merge_rename_confirm_and_dismiss() {
        let mut session = three_towns();
        let raad = key("raad");
        let participation = key("participatie");
        session.themes.rename(&raad, "De rol van de raad");
        assert!(session.themes.merge(&participation, &raad));
        assert!(!session.themes.merge(&raad, &participation), "already one");
        let themes = detect_themes(&session);
        assert_eq!(themes.len(), 1, "{themes:?}");
        assert_eq!(themes[0].label, "De rol van de raad");
        assert_eq!(themes[0].keywords.len(), 5);

        // A confirmed theme shows with one municipality; a dismissed one not at all.
        let mut session = three_towns();
        let inwoners = key("inwoners");
        session.themes.toggle_confirmed(&inwoners);
        assert!(
            detect_themes(&session)
                .iter()
                .any(|t| t.key == inwoners && t.confirmed)
        );
        session.themes.dismiss(&raad);
        assert!(!detect_themes(&session).iter().any(|t| t.key == raad));
        session.themes.toggle_confirmed(&raad);
        assert!(detect_themes(&session).iter().any(|t| t.key == raad));
    }

    #[test]
    fn merge_cycles_in_a_file_cannot_hang() {
        let choices = ThemeChoices {
            merged: vec![
                ThemeMerge {
                    from: "a".into(),
                    into: "b".into(),
                },
                ThemeMerge {
                    from: "b".into(),
                    into: "a".into(),
                },
            ],
            ..ThemeChoices::default()
        };
        let resolved = choices.resolve("a");
        assert!(resolved == "a" || resolved == "b");
    }

    #[test]
    fn merge_cycles_are_broken_and_the_earlier_merges_kept() {
        let merge = |from: &str, into: &str| ThemeMerge {
            from: from.into(),
            into: into.into(),
        };
        let mut choices = ThemeChoices {
            merged: vec![
                merge("a", "b"),
                merge("b", "c"),
                merge("c", "a"),
                merge("d", "d"),
                merge("e", "c"),
            ],
            ..ThemeChoices::default()
        };
        let removed = choices.break_merge_cycles();
        assert_eq!(removed, [merge("c", "a"), merge("d", "d")]);
        assert_eq!(choices.resolve("a"), "c");
        assert_eq!(choices.resolve("e"), "c");
        assert!(
            choices.break_merge_cycles().is_empty(),
            "nothing left to break"
        );
    }

    #[test]
    fn tags_make_a_theme_of_their_own() {
        let mut session = three_towns();
        session.experiments[0].keywords[0].tags = vec!["Burgerkracht".into()];
        session.experiments[2].keywords[1].tags = vec!["burgerkracht".into()];
        let themes = detect_themes(&session);
        let tagged = themes
            .iter()
            .find(|t| t.key == stem("burgerkracht"))
            .expect("the tag is a theme");
        assert_eq!(tagged.municipalities.len(), 2);
    }

    #[test]
    fn colours_of_existing_shared_words_stay_put() {
        let ranked: Vec<String> = ["raad", "particip", "org"].map(str::to_owned).to_vec();
        let first = assign_colours(&ranked, &HashMap::new(), 6);
        assert_eq!(first["raad"], 0);
        assert_eq!(first["particip"], 1);
        assert_eq!(first["org"], 2);
        // A new word ranked second takes a free colour; the others keep theirs.
        let more: Vec<String> = ["raad", "kaasstolp", "particip", "org"]
            .map(str::to_owned)
            .to_vec();
        let second = assign_colours(&more, &first, 6);
        assert_eq!(second["raad"], 0);
        assert_eq!(second["particip"], 1);
        assert_eq!(second["org"], 2);
        assert_eq!(second["kaasstolp"], 3);
        // Past the palette, colours repeat, least used first.
        let many: Vec<String> = (0..8).map(|i| format!("w{i}")).collect();
        let colours = assign_colours(&many, &HashMap::new(), 6);
        assert_eq!(colours["w6"], 0);
        assert_eq!(colours["w7"], 1);
    }
}
