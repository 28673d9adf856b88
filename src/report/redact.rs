//! The public variant's filter: participants' names become the organisation
//! they represent (or "een deelnemer" / "a participant"), e-mail addresses
//! and telephone numbers are left out, and every replacement is written
//! down so the facilitator can see the list before anything is published.
//!
//! What is recognised as a person:
//!
//! - **Full names** ("Anna de Vries", "Dirk-Jan Smit"): in any case, with
//!   any spacing, a hyphen matching a space ("Dirk Jan Smit").
//! - **First names alone** ("Anna"): only written with a capital, as a
//!   whole word (not "Annabel", not "Jan-Willem" for "Jan"). A first name
//!   that is also an ordinary word or month ("Mark", "Roos", "Bas", "Wil",
//!   "Jan", "Ben", "Iris", "June", …, see [`ORDINARY_WORDS`]) is only taken
//!   where it reads as a name: within a sentence with a capital, or at the
//!   start of a sentence when a colon or bracket follows ("Roos: raad 1e
//!   woord", "Wil (Zeist)"); never before a number ("Jan 2020"), after an
//!   article ("de Roos") or in capitals ("ROOS").
//! - **Surnames**: with a title or initials ("mevrouw De Vries", "dhr.
//!   Bakker", "A. de Vries", "wethouder Bakker" → "wethouder van Lochem"),
//!   and alone when they have a prefix ("De Vries", "van Dijk"). A one-word
//!   surname alone ("Bakker", "Smit", "Visser") is left: these are ordinary
//!   Dutch words and place names too.
//! - **`@Name`**: any known name, surname or organisation after an `@`,
//!   in any case; the `@` goes. An unknown `@Name` is taken for a person
//!   not on the list ("een deelnemer"); `@` before a word in capitals
//!   ("@CANVAS") is left as written.
//! - The header's facilitator, chair and note-taker, when they are not
//!   participants, become "de gespreksleider", "de voorzitter", "de notulist".
//!
//! The result must read well: "Bram (Lochem) nam het verslag" becomes
//! "Lochem nam het verslag", not "Lochem (Lochem)"; "Welkom door Anna,
//! wethouder van Zeist" becomes "Welkom door de wethouder van Zeist"; "Anna
//! en Piet" of one municipality become that municipality once; two people
//! without an organisation become "twee deelnemers"; a replacement at the
//! start of a sentence gets a capital. Text that was put in is never
//! searched again.

use std::cell::RefCell;
use std::collections::HashMap;

use crate::i18n::{Language, T, tr, trf};
use crate::model::Session;

use super::contact::{self, Contact};
use super::text::clean;

/// A first name that is also an ordinary word (lower case).
pub const ORDINARY_WORDS: &[&str] = &[
    // Dutch words.
    "amber", "bas", "ben", "bob", "els", "fleur", "floor", "hoop", "iris", "jade", "jan", "jet",
    "job", "koen", "lief", "linde", "lot", "mark", "mees", "merel", "roos", "rosa", "wil", "zon",
    "sterre", "maan", "storm", "bloem", "dirk", "hein", "guus",
    // English words and months.
    "april", "art", "bill", "chase", "dawn", "dean", "drew", "faith", "frank", "grace", "guy",
    "hazel", "hope", "jack", "joy", "june", "may", "max", "nick", "pat", "ray", "rich", "rob",
    "rose", "ruby", "sue", "summer", "will", "august",
];

/// Words that put a surname's prefix in front of it ("de Vries", "van der Berg").
const SURNAME_PREFIXES: &[&str] = &[
    "de", "den", "der", "van", "het", "'t", "te", "ter", "ten", "in", "op", "la", "le", "du", "da",
    "von", "zu", "el", "al", "bin", "mc",
];

/// Titles before a surname that go with it ("mevrouw De Vries" → "Zeist").
const TITLES: &[&str] = &[
    "de heer", "mevrouw", "meneer", "mevr.", "mevr", "mw.", "mw", "dhr.", "dhr", "mr.", "mrs.",
    "ms.", "mr", "mrs", "ms", "dr.", "drs.", "ir.", "ing.", "prof.", "mr.drs.",
];

/// Offices before a surname that stay ("wethouder Bakker" → "wethouder van Lochem").
const OFFICES: &[&str] = &[
    "wethouder",
    "burgemeester",
    "raadslid",
    "griffier",
    "gemeentesecretaris",
    "secretaris",
    "voorzitter",
    "minister",
    "alderman",
    "mayor",
    "councillor",
    "clerk",
];

/// Articles and determiners that may open an apposition ("de wethouder").
const DETERMINERS: &[&str] = &[
    "de", "het", "een", "onze", "ons", "hun", "haar", "zijn", "the", "a", "an", "our", "their",
];

/// What a name is replaced by.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Value {
    /// The organisation's name.
    Organisation(String),
    /// Someone not linked to an organisation ("een deelnemer").
    Someone,
    /// A role in the header ("de gespreksleider").
    Role(T),
    /// A contact detail left out ("[e-mailadres]").
    Removed(Contact),
}

/// What kind of thing was replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReplacementKind {
    /// A participant's (or the header's people's) name.
    Name,
    /// An `@Name`.
    Mention,
    /// An e-mail address.
    Email,
    /// A telephone number.
    Phone,
    /// A person in the header left out of the public variant.
    LeftOut,
}

/// One thing the public variant replaced, with how often.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replacement {
    /// The text as it was written ("Anna de Vries", "@Bram", "06-12345678").
    pub found: String,
    /// What the public variant shows instead ("Zeist", "een deelnemer",
    /// "[telefoonnummer]"); for a person left out of the header, a note
    /// saying so.
    pub shown: String,
    /// What it is.
    pub kind: ReplacementKind,
    /// How many times it was replaced.
    pub count: usize,
}

/// How a name entry matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    /// Any case.
    FullName,
    /// With a capital, whole word; `ordinary` when it is also a word.
    FirstName { ordinary: bool },
    /// After a title, office or initials; alone only with a prefix.
    Surname { prefixed: bool },
}

#[derive(Debug, Clone)]
struct Entry {
    /// The name in parts (split at spaces and hyphens).
    atoms: Vec<String>,
    rule: Rule,
    value: Value,
}

/// Replaces participants' names and contact details in the public variant,
/// and keeps the list of what it replaced.
#[derive(Debug, Clone, Default)]
pub struct Redactor {
    lang: Language,
    /// Longest (most parts) first.
    entries: Vec<Entry>,
    /// The entries (their indices, longest first) by their first two
    /// characters in lower case: a word is only compared with names that
    /// start like it.
    by_start: HashMap<[char; 2], Vec<usize>>,
    /// Whether any surname is known (titles are only looked for then).
    has_surnames: bool,
    /// The organisations' names, for `@Organisation` and doubled words.
    organisations: Vec<String>,
    log: RefCell<Vec<Replacement>>,
}

/// A piece of redacted text: kept text or a replacement.
#[derive(Debug, Clone)]
enum Seg {
    Text(String),
    Put(Put),
}

#[derive(Debug, Clone)]
struct Put {
    /// What was found, and its kind; more than one after merging.
    found: Vec<(String, ReplacementKind)>,
    value: Value,
    /// How many people a merged "Someone" stands for.
    people: usize,
    /// Set when a rule rewrote the text shown ("de wethouder van Zeist").
    shown: Option<String>,
    /// Shown as nothing, because the text around it says it already.
    hidden: bool,
}

impl Redactor {
    /// A filter for the participants of `session` (and the header's people),
    /// writing replacements in `lang`.
    #[must_use]
    pub fn for_session(session: &Session, lang: Language) -> Self {
        // Names are matched in, and put into, text that is cleaned of
        // control characters: they are cleaned the same way.
        let organisations: Vec<String> = session
            .organisations
            .iter()
            .map(|o| clean(o.name.trim()))
            .filter(|n| !n.is_empty())
            .collect();
        let mut people: Vec<(String, Value)> = session
            .participants
            .iter()
            .filter(|p| !clean(p.name.trim()).trim().is_empty())
            .map(|p| {
                let value = p
                    .organisation
                    .as_ref()
                    .map(|o| clean(session.organisation_name(o).trim()))
                    .filter(|n| !n.trim().is_empty())
                    .map_or(Value::Someone, Value::Organisation);
                (clean(p.name.trim()), value)
            })
            .collect();
        let header = &session.header;
        for (names, role) in [
            (&header.facilitator, T::ReportRoleFacilitator),
            (&header.chair, T::ReportRoleChair),
            (&header.note_taker, T::ReportRoleNoteTaker),
        ] {
            for name in split_people(&clean(names)) {
                let known = people.iter().any(|(p, _)| same_name(p, &name));
                if !known {
                    people.push((name, Value::Role(role)));
                }
            }
        }
        let mut entries: Vec<Entry> = Vec::new();
        // Each (kind of rule, name in lower case) once.
        let mut seen: HashMap<(u8, Vec<String>), usize> = HashMap::new();
        let mut add = |atoms: Vec<String>, rule: Rule, value: &Value| {
            if atoms.is_empty() {
                return;
            }
            let kind = match rule {
                Rule::FullName => 0,
                Rule::FirstName { .. } => 1,
                Rule::Surname { .. } => 2,
            };
            let key = (kind, atoms.iter().map(|a| a.to_lowercase()).collect());
            if let Some(&index) = seen.get(&key) {
                // One name for two people of different organisations: neutral.
                if entries[index].value != *value {
                    entries[index].value = Value::Someone;
                }
                return;
            }
            seen.insert(key, entries.len());
            entries.push(Entry {
                atoms,
                rule,
                value: value.clone(),
            });
        };
        for (name, value) in &people {
            let words: Vec<&str> = name.split_whitespace().collect();
            let atoms = split_atoms(name);
            let first_word = words.first().copied().unwrap_or_default();
            let first_is_name = !is_initial(first_word)
                && !SURNAME_PREFIXES.contains(&first_word.to_lowercase().as_str());
            if words.len() >= 2 || atoms.len() >= 2 {
                add(atoms.clone(), Rule::FullName, value);
            }
            if first_is_name && first_word.chars().count() >= 2 {
                let first_atoms = split_atoms(first_word);
                let single = first_atoms.len() == 1;
                let ordinary =
                    single && ORDINARY_WORDS.contains(&first_word.to_lowercase().as_str());
                let is_organisation = organisations
                    .iter()
                    .any(|o| o.eq_ignore_ascii_case(first_word));
                if !is_organisation {
                    add(first_atoms, Rule::FirstName { ordinary }, value);
                }
            }
            if words.len() >= 2 {
                // After the first name, or after initials ("A.B. de Vries").
                let skip = if first_is_name {
                    1
                } else {
                    words.iter().take_while(|w| is_initial(w)).count()
                };
                let surname_words = &words[skip.min(words.len() - 1)..];
                let surname = surname_words.join(" ");
                let prefixed = surname_words.len() >= 2
                    && SURNAME_PREFIXES.contains(&surname_words[0].to_lowercase().as_str());
                add(split_atoms(&surname), Rule::Surname { prefixed }, value);
            }
        }
        entries.sort_by(|a, b| {
            b.atoms
                .len()
                .cmp(&a.atoms.len())
                .then_with(|| b.atoms.concat().len().cmp(&a.atoms.concat().len()))
        });
        let mut by_start: HashMap<[char; 2], Vec<usize>> = HashMap::new();
        for (index, entry) in entries.iter().enumerate() {
            let joined = entry.atoms.join(" ");
            by_start
                .entry(start_key(joined.chars()))
                .or_default()
                .push(index);
        }
        let has_surnames = entries
            .iter()
            .any(|e| matches!(e.rule, Rule::Surname { .. }));
        Self {
            lang,
            entries,
            by_start,
            has_surnames,
            organisations,
            log: RefCell::new(Vec::new()),
        }
    }

    /// Everything replaced so far, in the order first met.
    #[must_use]
    pub fn replacements(&self) -> Vec<Replacement> {
        self.log.borrow().clone()
    }

    /// What a person named exactly `name` (an action's owner, the
    /// facilitator) is shown as, when the name is known; `None` otherwise.
    #[must_use]
    pub fn person(&self, name: &str) -> Option<String> {
        let name = name.trim();
        let atoms = split_atoms(name);
        let entry = self.entries.iter().find(|e| {
            e.rule != Rule::Surname { prefixed: false }
                && e.atoms.len() == atoms.len()
                && e.atoms
                    .iter()
                    .zip(&atoms)
                    .all(|(a, b)| a.to_lowercase() == b.to_lowercase())
        })?;
        let shown = self.value_text(&entry.value, 1);
        self.record(name, &shown, ReplacementKind::Name);
        Some(capitalised(&shown))
    }

    /// What a person in the header (facilitator, chair, note-taker) is shown
    /// as in the public variant: the organisation of a participant, or
    /// nothing (and the list says they were left out).
    #[must_use]
    pub fn header_person(&self, names: &str) -> Option<String> {
        let people = split_people(names);
        let mut shown: Vec<String> = Vec::new();
        for name in &people {
            let entry = self.entries.iter().find(|e| {
                e.rule == Rule::FullName && same_name(&e.atoms.join(" "), name)
                    || split_atoms(name).len() == 1
                        && matches!(e.rule, Rule::FirstName { .. })
                        && e.atoms.len() == 1
                        && e.atoms[0].to_lowercase() == name.to_lowercase()
            });
            match entry.map(|e| &e.value) {
                Some(Value::Organisation(org)) => {
                    self.record(name, org, ReplacementKind::Name);
                    if !shown.contains(org) {
                        shown.push(org.clone());
                    }
                }
                _ => self.record(
                    name,
                    tr(self.lang, T::ReportLeftOut),
                    ReplacementKind::LeftOut,
                ),
            }
        }
        (!shown.is_empty()).then(|| shown.join(", "))
    }

    /// `text` with every known name, `@Name`, e-mail address and telephone
    /// number replaced.
    #[must_use]
    pub fn apply(&self, text: &str) -> String {
        if text.is_empty() {
            return String::new();
        }
        let mut segments = self.scan(text);
        tidy(&mut segments, &self.organisations);
        self.render(&segments)
    }

    fn record(&self, found: &str, shown: &str, kind: ReplacementKind) {
        let mut log = self.log.borrow_mut();
        if let Some(entry) = log
            .iter_mut()
            .find(|r| r.found == found && r.shown == shown && r.kind == kind)
        {
            entry.count += 1;
        } else {
            log.push(Replacement {
                found: found.to_owned(),
                shown: shown.to_owned(),
                kind,
                count: 1,
            });
        }
    }

    /// The entries whose first part starts with the letter at `at`.
    fn candidates(&self, chars: &[(usize, char)], at: usize) -> impl Iterator<Item = &Entry> {
        let key = start_key(chars.get(at..).unwrap_or_default().iter().map(|(_, c)| *c));
        self.by_start
            .get(&key)
            .into_iter()
            .flatten()
            .map(|&index| &self.entries[index])
    }

    fn value_text(&self, value: &Value, people: usize) -> String {
        match value {
            Value::Organisation(name) => name.clone(),
            Value::Someone => match people {
                0 | 1 => tr(self.lang, T::ReportSomeone).to_owned(),
                2 => tr(self.lang, T::ReportTwoPeople).to_owned(),
                3 => tr(self.lang, T::ReportThreePeople).to_owned(),
                n => trf(
                    self.lang,
                    T::ReportParticipantCountMany,
                    &[("n", &n.to_string())],
                ),
            },
            Value::Role(key) => tr(self.lang, *key).to_owned(),
            Value::Removed(Contact::Email) => tr(self.lang, T::ReportEmailRemoved).to_owned(),
            Value::Removed(Contact::Phone) => tr(self.lang, T::ReportPhoneRemoved).to_owned(),
        }
    }

    /// Splits `text` into kept text and replacements.
    fn scan(&self, text: &str) -> Vec<Seg> {
        let contacts = contact::find(text);
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut segments: Vec<Seg> = Vec::new();
        let mut kept = String::new();
        let mut i = 0;
        let mut contact_index = 0;
        while i < chars.len() {
            let byte = chars[i].0;
            let mut put: Option<(usize, Put)> = None;
            if let Some((range, kind)) = contacts.get(contact_index)
                && range.start == byte
            {
                let end = index_of(&chars, range.end);
                let found_kind = match kind {
                    Contact::Email => ReplacementKind::Email,
                    Contact::Phone => ReplacementKind::Phone,
                };
                put = Some((
                    end,
                    Put::new(&text[range.clone()], found_kind, Value::Removed(*kind)),
                ));
                contact_index += 1;
            } else if chars[i].1 == '@' {
                put = self.mention(text, &chars, i);
            } else if word_starts(&chars, i) {
                put = self.name_at(text, &chars, i);
            }
            if let Some((end, put)) = put {
                if !kept.is_empty() {
                    segments.push(Seg::Text(std::mem::take(&mut kept)));
                }
                segments.push(Seg::Put(put));
                i = end;
            } else {
                kept.push(chars[i].1);
                i += 1;
            }
        }
        if !kept.is_empty() {
            segments.push(Seg::Text(kept));
        }
        segments
    }

    /// An `@Name` at `at`: a known person, an organisation, or someone unknown.
    fn mention(&self, text: &str, chars: &[(usize, char)], at: usize) -> Option<(usize, Put)> {
        if at > 0 && chars[at - 1].1.is_alphanumeric() {
            return None;
        }
        let start = at + 1;
        if !chars.get(start).is_some_and(|(_, c)| c.is_alphabetic()) {
            return None;
        }
        let slice = |end: usize| &text[chars[at].0..byte_of(text, chars, end)];
        for entry in self.candidates(chars, start) {
            if let Some(end) = match_atoms(chars, start, &entry.atoms, true) {
                return Some((
                    end,
                    Put::new(slice(end), ReplacementKind::Mention, entry.value.clone()),
                ));
            }
        }
        for org in &self.organisations {
            let atoms = split_atoms(org);
            let first = atoms.first().cloned().into_iter().collect::<Vec<_>>();
            for candidate in [atoms, first] {
                if let Some(end) = match_atoms(chars, start, &candidate, true) {
                    let value = Value::Organisation(org.clone());
                    return Some((end, Put::new(slice(end), ReplacementKind::Mention, value)));
                }
            }
        }
        let mut end = start;
        while chars
            .get(end)
            .is_some_and(|(_, c)| c.is_alphanumeric() || matches!(c, '-' | '_'))
        {
            end += 1;
        }
        while end > start && matches!(chars[end - 1].1, '-' | '_') {
            end -= 1;
        }
        let word: String = chars[start..end].iter().map(|(_, c)| *c).collect();
        let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
        let in_capitals = letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase());
        if in_capitals {
            return None;
        }
        Some((
            end,
            Put::new(slice(end), ReplacementKind::Mention, Value::Someone),
        ))
    }

    /// A name starting at `at` (a word start), longest first.
    fn name_at(&self, text: &str, chars: &[(usize, char)], at: usize) -> Option<(usize, Put)> {
        let slice = |end: usize| &text[chars[at].0..byte_of(text, chars, end)];
        // "mevrouw De Vries", "A. de Vries", "wethouder Bakker".
        if let Some(found) = self.titled_surname(chars, at) {
            let (end, value, office) = found;
            let mut put = Put::new(slice(end), ReplacementKind::Name, value.clone());
            if let Some(office) = office {
                let shown = match &value {
                    Value::Organisation(org) => trf(
                        self.lang,
                        T::ReportOfficeOf,
                        &[("office", &office), ("organisation", org)],
                    ),
                    _ => office,
                };
                put.shown = Some(shown);
            }
            return Some((end, put));
        }
        for entry in self.candidates(chars, at) {
            let end = match entry.rule {
                Rule::FullName => match_atoms(chars, at, &entry.atoms, true),
                Rule::FirstName { ordinary } => match_atoms(chars, at, &entry.atoms, false)
                    .filter(|&end| !ordinary || reads_as_a_name(chars, at, end)),
                Rule::Surname { prefixed: true } => match_surname(chars, at, &entry.atoms),
                Rule::Surname { prefixed: false } => None,
            };
            if let Some(end) = end {
                return Some((
                    end,
                    Put::new(slice(end), ReplacementKind::Name, entry.value.clone()),
                ));
            }
        }
        None
    }

    /// A title, office or initials, then a known surname: (end, value, office).
    fn titled_surname(
        &self,
        chars: &[(usize, char)],
        at: usize,
    ) -> Option<(usize, Value, Option<String>)> {
        if !self.has_surnames {
            return None;
        }
        let (after, office) = title_at(chars, at)?;
        let start = skip_spaces(chars, after)?;
        self.candidates(chars, start)
            .filter(|e| matches!(e.rule, Rule::Surname { .. }))
            .find_map(|e| match_surname(chars, start, &e.atoms).map(|end| (end, e.value.clone())))
            .map(|(end, value)| (end, value, office))
    }

    /// The text of `segments`, with capitals at the start of sentences; the
    /// replacements are recorded.
    fn render(&self, segments: &[Seg]) -> String {
        let mut out = String::new();
        for segment in segments {
            match segment {
                Seg::Text(text) => out.push_str(text),
                Seg::Put(put) => {
                    let mut shown = put
                        .shown
                        .clone()
                        .unwrap_or_else(|| self.value_text(&put.value, put.people));
                    // Listed as it reads within a sentence, so the list has one line per name.
                    for (found, kind) in &put.found {
                        self.record(found, &shown, *kind);
                    }
                    if sentence_starts(&out) && !put.hidden {
                        shown = capitalised(&shown);
                    }
                    if !put.hidden {
                        out.push_str(&shown);
                    }
                }
            }
        }
        out
    }
}

impl Put {
    fn new(found: &str, kind: ReplacementKind, value: Value) -> Self {
        Self {
            found: vec![(found.to_owned(), kind)],
            value,
            people: 1,
            shown: None,
            hidden: false,
        }
    }

    /// The organisation's name this replacement shows, if it shows one.
    fn organisation(&self) -> Option<&str> {
        match (&self.value, &self.shown, self.hidden) {
            (Value::Organisation(name), None, false) => Some(name),
            _ => None,
        }
    }

    /// Takes `other` in: one replacement stands for both.
    fn absorb(&mut self, other: Put) {
        if self.value == Value::Someone && other.value == Value::Someone {
            self.people += other.people;
        }
        self.found.extend(other.found);
    }
}

// --- Tidying the result -------------------------------------------------------

/// What may stand between two replacements that are then merged: "Zeist en
/// Zeist" is "Zeist".
const LIST_SEPARATORS: &[&str] = &[
    ", ", " en ", " and ", " & ", " / ", "/", " of ", " or ", " ",
];

/// Makes the replaced text read well; see the module documentation.
fn tidy(segments: &mut Vec<Seg>, organisations: &[String]) {
    merge_lists(segments);
    let mut k = 0;
    while k < segments.len() {
        if let Seg::Put(_) = &segments[k] {
            absorb_brackets(segments, k);
            apposition(segments, k, organisations);
            drop_repeated_neighbours(segments, k);
        }
        k += 1;
    }
    for k in 0..segments.len() {
        someone_when_named_in_the_sentence(segments, k);
    }
    segments.retain(|s| !matches!(s, Seg::Text(t) if t.is_empty()));
}

/// "Zeist, Zeist en Zeist" → "Zeist"; "een deelnemer en een deelnemer" → "twee deelnemers".
fn merge_lists(segments: &mut Vec<Seg>) {
    let mut k = 0;
    while k + 2 < segments.len() {
        let mergeable = match (&segments[k], &segments[k + 1], &segments[k + 2]) {
            (Seg::Put(a), Seg::Text(between), Seg::Put(b)) => {
                LIST_SEPARATORS.contains(&between.as_str())
                    && a.shown.is_none()
                    && b.shown.is_none()
                    && a.value == b.value
                    && !matches!(a.value, Value::Removed(_))
            }
            _ => false,
        };
        if mergeable {
            let Seg::Put(b) = segments.remove(k + 2) else {
                continue;
            };
            segments.remove(k + 1);
            if let Seg::Put(a) = &mut segments[k] {
                a.absorb(b);
            }
        } else {
            k += 1;
        }
    }
}

/// Brackets with the same organisation around or after a replacement:
/// "Lochem (Bram)" / "Bram (Lochem)" → "Lochem"; "Anna (Zeist, griffier)" →
/// "Zeist (griffier)"; "Anna (griffier van Zeist)" → "de griffier van Zeist".
fn absorb_brackets(segments: &mut Vec<Seg>, k: usize) {
    let Some(org) = put_at(segments, k).and_then(|p| p.organisation().map(str::to_owned)) else {
        return;
    };
    // "Lochem (Bram)": the name in brackets after its own organisation.
    if k >= 1
        && let (Some(Seg::Text(before)), Some(Seg::Text(after))) =
            (segments.get(k - 1), segments.get(k + 1))
        && let Some(stem) = before
            .strip_suffix(" (")
            .or_else(|| before.strip_suffix('('))
        && ends_with_word(stem, &org)
        && after.starts_with(')')
    {
        let stem = stem.to_owned();
        let rest = after[1..].to_owned();
        segments[k - 1] = Seg::Text(stem);
        segments[k + 1] = Seg::Text(rest);
        hide(segments, k);
        return;
    }
    // "Bram (Lochem)" and its kin.
    let Some(Seg::Text(after)) = segments.get(k + 1) else {
        // "Bram (" + "Piet" + ")": both of Lochem.
        return;
    };
    let open = if after.starts_with(" (") {
        2
    } else if after.starts_with('(') {
        1
    } else {
        return;
    };
    let after = after.clone();
    if after.len() == open {
        // The bracket holds another replacement: "Bram (Piet)".
        if let (Some(Seg::Put(inner)), Some(Seg::Text(close))) =
            (segments.get(k + 2), segments.get(k + 3))
            && inner.organisation() == Some(org.as_str())
            && close.starts_with(')')
        {
            let close = close[1..].to_owned();
            segments[k + 3] = Seg::Text(close);
            let Seg::Put(inner) = segments.remove(k + 2) else {
                return;
            };
            segments[k + 1] = Seg::Text(String::new());
            if let Some(Seg::Put(put)) = segments.get_mut(k) {
                put.absorb(inner);
            }
        }
        return;
    }
    let Some(close) = after[open..].find(')') else {
        return;
    };
    let inside = &after[open..open + close];
    let rest = &after[open + close + 1..];
    let more = strip_prefix_ignore_case(inside, &org)
        .and_then(|r| r.strip_prefix(", ").or_else(|| r.strip_prefix(' ')))
        .filter(|more| !more.trim().is_empty());
    let rewritten: Option<(Option<String>, String)> = if let Some(more) = more {
        Some((None, format!(" ({more}){rest}")))
    } else if same_organisation(inside, &org) {
        Some((None, rest.to_owned()))
    } else if starts_lowercase(inside) && contains_word(inside, &org) {
        Some((Some(with_article(inside)), rest.to_owned()))
    } else {
        None
    };
    if let Some((shown, rest)) = rewritten {
        segments[k + 1] = Seg::Text(rest);
        if let (Some(shown), Some(Seg::Put(put))) = (shown, segments.get_mut(k)) {
            put.shown = Some(shown);
        }
    }
}

/// Whether a bracket's text names `org`: its name ("Zeist"), a short form
/// of it ("VNG" for "VNG / Democratie in actie") or a longer one ("Gemeente
/// Zeist").
fn same_organisation(inside: &str, org: &str) -> bool {
    let inside = inside.trim();
    if inside.is_empty() || !inside.starts_with(|c: char| c.is_uppercase()) {
        return false;
    }
    inside.to_lowercase() == org.to_lowercase()
        || (inside.chars().count() >= 2
            && org.to_lowercase().starts_with(&inside.to_lowercase())
            && contains_word(org, inside))
        || (contains_word(inside, org) && inside.split_whitespace().count() <= 3)
}

/// "Anna, wethouder van Zeist, opent" → "de wethouder van Zeist opent".
fn apposition(segments: &mut [Seg], k: usize, organisations: &[String]) {
    let Some(put) = put_at(segments, k) else {
        return;
    };
    if put.shown.is_some() || matches!(put.value, Value::Removed(_) | Value::Role(_)) {
        return;
    }
    let org = put.organisation().map(str::to_owned);
    let Some(Seg::Text(after)) = segments.get(k + 1) else {
        return;
    };
    let Some(body) = after.strip_prefix(", ") else {
        return;
    };
    let stop = body
        .find([',', '.', ';', ':', '!', '?', '(', ')', '\n'])
        .unwrap_or(body.len());
    let phrase = body[..stop].trim_end();
    if phrase.is_empty() || phrase.split_whitespace().count() > 8 {
        return;
    }
    let names_org = |phrase: &str| match &org {
        Some(org) => contains_word(phrase, org),
        None => organisations.iter().any(|o| contains_word(phrase, o)),
    };
    let same = org.as_ref().is_some_and(|o| phrase.eq_ignore_ascii_case(o));
    if !(same || starts_lowercase(phrase) && names_org(phrase)) {
        return;
    }
    let mut rest = &body[phrase.len()..];
    // The apposition's closing comma goes with it.
    if let Some(r) = rest.strip_prefix(',') {
        rest = r;
    }
    let rest = rest.to_owned();
    let shown = (!same).then(|| with_article(phrase));
    segments[k + 1] = Seg::Text(rest);
    if let (Some(shown), Some(Seg::Put(put))) = (shown, segments.get_mut(k)) {
        put.shown = Some(shown);
    }
}

/// "wethouder van Zeist Anna" → "wethouder van Zeist"; "Anna Zeist" → "Zeist";
/// "Anna en Zeist" → "Zeist".
fn drop_repeated_neighbours(segments: &mut [Seg], k: usize) {
    let Some(org) = put_at(segments, k).and_then(|p| p.organisation().map(str::to_owned)) else {
        return;
    };
    if k >= 1
        && let Some(Seg::Text(before)) = segments.get(k - 1)
    {
        for separator in LIST_SEPARATORS {
            if let Some(stem) = before.strip_suffix(separator)
                && ends_with_word(stem, &org)
            {
                let stem = stem.to_owned();
                segments[k - 1] = Seg::Text(stem);
                hide(segments, k);
                return;
            }
        }
    }
    if let Some(Seg::Text(after)) = segments.get(k + 1) {
        for separator in LIST_SEPARATORS {
            if let Some(rest) = after.strip_prefix(separator)
                && let Some(rest) = strip_prefix_ignore_case(rest, &org)
                && !rest.starts_with(|c: char| c.is_alphanumeric())
            {
                let rest = rest.to_owned();
                segments[k + 1] = Seg::Text(rest);
                return;
            }
        }
    }
}

/// A replacement whose text is already there ("Lochem (Bram)"): shown as
/// nothing, still listed.
fn hide(segments: &mut [Seg], k: usize) {
    if let Some(Seg::Put(put)) = segments.get_mut(k) {
        put.hidden = true;
    }
}

/// "Anna tekent namens Zeist" → "Een deelnemer tekent namens Zeist", not
/// "Zeist tekent namens Zeist": when the sentence names the organisation
/// already, the person is "een deelnemer".
fn someone_when_named_in_the_sentence(segments: &mut [Seg], k: usize) {
    let Some(org) = put_at(segments, k).and_then(|p| p.organisation().map(str::to_owned)) else {
        return;
    };
    let boundary = ['.', '!', '?', '\n', ';'];
    let mut sentence = String::new();
    for segment in segments[..k].iter().rev() {
        if let Seg::Text(text) = segment {
            match text.rfind(boundary) {
                Some(at) => {
                    sentence.insert_str(0, &text[at + 1..]);
                    break;
                }
                None => sentence.insert_str(0, text),
            }
        }
        sentence.insert(0, ' ');
    }
    for segment in &segments[k + 1..] {
        sentence.push(' ');
        if let Seg::Text(text) = segment {
            match text.find(boundary) {
                Some(at) => {
                    sentence.push_str(&text[..at]);
                    break;
                }
                None => sentence.push_str(text),
            }
        }
    }
    if contains_word(&sentence, &org)
        && let Some(Seg::Put(put)) = segments.get_mut(k)
    {
        put.value = Value::Someone;
    }
}

fn put_at(segments: &[Seg], k: usize) -> Option<&Put> {
    match segments.get(k) {
        Some(Seg::Put(put)) => Some(put),
        _ => None,
    }
}

// --- Small text helpers -------------------------------------------------------

/// The first two characters in lower case, a hyphen or any space as one
/// space: the key names are found by.
fn start_key(mut chars: impl Iterator<Item = char>) -> [char; 2] {
    let mut next = || {
        chars.next().map_or('\0', |c| {
            if c == '-' || c.is_whitespace() {
                ' '
            } else {
                c.to_lowercase().next().unwrap_or(c)
            }
        })
    };
    [next(), next()]
}

/// Names in a header field: "Anna de Vries en Piet" → two.
fn split_people(names: &str) -> Vec<String> {
    let mut parts = vec![names.to_owned()];
    for separator in [",", ";", "&", "/", " en ", " and "] {
        parts = parts
            .iter()
            .flat_map(|p| p.split(separator).map(str::to_owned).collect::<Vec<_>>())
            .collect();
    }
    parts
        .into_iter()
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

fn same_name(a: &str, b: &str) -> bool {
    let a = split_atoms(a);
    let b = split_atoms(b);
    a.len() == b.len()
        && a.iter()
            .zip(&b)
            .all(|(x, y)| x.to_lowercase() == y.to_lowercase())
}

/// A name in parts, split at spaces and hyphens.
fn split_atoms(name: &str) -> Vec<String> {
    name.split(|c: char| c.is_whitespace() || c == '-')
        .filter(|a| !a.is_empty())
        .map(str::to_owned)
        .collect()
}

/// "A." or "A": an initial.
fn is_initial(word: &str) -> bool {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() <= 1 || word.ends_with('.') && letters.len() <= 3
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Whether a word starts at `at`: a letter with no word (or hyphenated
/// word) right before it.
fn word_starts(chars: &[(usize, char)], at: usize) -> bool {
    if !chars[at].1.is_alphabetic() {
        return false;
    }
    match at.checked_sub(1).map(|i| chars[i].1) {
        None => true,
        Some('-') => !at.checked_sub(2).is_some_and(|i| is_word_char(chars[i].1)),
        Some(c) => !is_word_char(c) && c != '@',
    }
}

/// Whether a word ends at `end`: no letter, digit or hyphenated part after it.
fn word_ends(chars: &[(usize, char)], end: usize) -> bool {
    match chars.get(end).map(|(_, c)| *c) {
        None => true,
        Some('-') => !chars.get(end + 1).is_some_and(|(_, c)| is_word_char(*c)),
        Some(c) => !is_word_char(c),
    }
}

/// The end of `atoms` written from `at` (separated by spaces or a hyphen),
/// ending at a word's end; `any_case` ignores case.
fn match_atoms(
    chars: &[(usize, char)],
    at: usize,
    atoms: &[String],
    any_case: bool,
) -> Option<usize> {
    let mut i = at;
    for (n, atom) in atoms.iter().enumerate() {
        if n > 0 {
            let before = i;
            if chars.get(i).is_some_and(|(_, c)| *c == '-') {
                i += 1;
            } else {
                while chars.get(i).is_some_and(|(_, c)| c.is_whitespace()) {
                    i += 1;
                }
            }
            if i == before {
                return None;
            }
        }
        for a in atom.chars() {
            let c = chars.get(i)?.1;
            let same = c == a
                || (any_case
                    && if c.is_ascii() && a.is_ascii() {
                        c.eq_ignore_ascii_case(&a)
                    } else {
                        c.to_lowercase().eq(a.to_lowercase())
                    });
            if !same {
                return None;
            }
            i += 1;
        }
    }
    word_ends(chars, i).then_some(i)
}

/// A surname from `at`: its prefix in any case, the rest with a capital.
fn match_surname(chars: &[(usize, char)], at: usize, atoms: &[String]) -> Option<usize> {
    let end = match_atoms(chars, at, atoms, true)?;
    // The last part (the name proper) must be written with a capital.
    let last_start = (at..end)
        .rev()
        .find(|&i| i == at || chars[i - 1].1.is_whitespace() || chars[i - 1].1 == '-')?;
    chars[last_start].1.is_uppercase().then_some(end)
}

/// A title, office or initials at `at`: the index after it, and the office
/// when it is one that stays in the text.
fn title_at(chars: &[(usize, char)], at: usize) -> Option<(usize, Option<String>)> {
    // This runs at every word: most words start with no title's letter.
    let first = chars.get(at)?.1.to_ascii_lowercase();
    let initial = chars.get(at + 1).is_some_and(|(_, c)| *c == '.');
    if !initial && !"abcdgimprsvw".contains(first) {
        return None;
    }
    let starts_alike = |word: &&&str| word.starts_with(first);
    for title in TITLES.iter().filter(starts_alike) {
        if let Some(end) = match_literal(chars, at, title) {
            return Some((end, None));
        }
    }
    for office in OFFICES.iter().filter(starts_alike) {
        if let Some(end) = match_literal(chars, at, office) {
            let written: String = chars[at..end].iter().map(|(_, c)| *c).collect();
            return Some((end, Some(written)));
        }
    }
    // Initials: "A." "A.B." "A. B."
    let mut i = at;
    let mut initials = 0;
    while chars.get(i).is_some_and(|(_, c)| c.is_uppercase())
        && chars.get(i + 1).is_some_and(|(_, c)| *c == '.')
    {
        initials += 1;
        i += 2;
        if chars.get(i).is_some_and(|(_, c)| *c == ' ')
            && chars.get(i + 1).is_some_and(|(_, c)| c.is_uppercase())
            && chars.get(i + 2).is_some_and(|(_, c)| *c == '.')
        {
            i += 1;
        }
    }
    (initials > 0).then_some((i, None))
}

/// `literal` written at `at` in any case, ending at a word's end (or with
/// its own dot, "dhr.").
fn match_literal(chars: &[(usize, char)], at: usize, literal: &str) -> Option<usize> {
    let mut i = at;
    for l in literal.chars() {
        let c = chars.get(i)?.1;
        // The titles and offices are ASCII.
        if !c.eq_ignore_ascii_case(&l) {
            return None;
        }
        i += 1;
    }
    (literal.ends_with('.') || word_ends(chars, i)).then_some(i)
}

fn skip_spaces(chars: &[(usize, char)], at: usize) -> Option<usize> {
    let mut i = at;
    while chars.get(i).is_some_and(|(_, c)| c.is_whitespace()) {
        i += 1;
    }
    (i > at).then_some(i)
}

/// Whether a first name that is also a word reads as a name here.
fn reads_as_a_name(chars: &[(usize, char)], start: usize, end: usize) -> bool {
    // "Jan 2020", "Mark 2": a month or a number.
    let mut next = end;
    while chars.get(next).is_some_and(|(_, c)| *c == ' ') {
        next += 1;
    }
    if chars.get(next).is_some_and(|(_, c)| c.is_ascii_digit()) {
        return false;
    }
    // What comes right before is enough (and keeps long texts quick).
    let window = start.saturating_sub(64);
    let before: String = chars[window..start].iter().map(|(_, c)| *c).collect();
    let at_text_start = window == 0;
    // "de Roos", "the Rose": an article right before it.
    let right_before = before.trim_end_matches(' ');
    let previous_word: String = right_before
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect::<String>()
        .to_lowercase();
    if ["de", "het", "een", "the", "a", "an"].contains(&previous_word.as_str()) {
        return false;
    }
    let starts = if at_text_start {
        sentence_starts(&before)
    } else {
        sentence_starts(&before) && !before.trim().is_empty()
    };
    if starts {
        // At a sentence's start every word has a capital: only "Roos:" or "Roos (".
        let after: String = chars[end..].iter().take(3).map(|(_, c)| *c).collect();
        return after.starts_with(':') || after.starts_with(" (") || after.starts_with('(');
    }
    true
}

/// Whether text written after `before` starts a sentence.
fn sentence_starts(before: &str) -> bool {
    let trimmed = before.trim_end_matches([' ', '\t', '"', '\'', '“', '‘', '(', '*', '-', '•']);
    trimmed.is_empty() || before.ends_with('\n') || trimmed.ends_with(['.', '!', '?', '\n'])
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn starts_lowercase(text: &str) -> bool {
    text.trim_start()
        .chars()
        .next()
        .is_some_and(char::is_lowercase)
}

/// "wethouder van Zeist" → "de wethouder van Zeist"; "de griffier" stays.
fn with_article(phrase: &str) -> String {
    let phrase = phrase.trim();
    let first = phrase
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_lowercase();
    if DETERMINERS.contains(&first.as_str()) {
        phrase.to_owned()
    } else {
        format!("de {phrase}")
    }
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    (head.to_lowercase() == prefix.to_lowercase()).then(|| &text[prefix.len()..])
}

/// Whether `text` contains `word` as a whole word (any case).
fn contains_word(text: &str, word: &str) -> bool {
    if word.is_empty() {
        return false;
    }
    let text_lower = text.to_lowercase();
    let word_lower = word.to_lowercase();
    text_lower.match_indices(&word_lower).any(|(at, _)| {
        let before = text_lower[..at].chars().next_back();
        let after = text_lower[at + word_lower.len()..].chars().next();
        before.is_none_or(|c| !is_word_char(c)) && after.is_none_or(|c| !is_word_char(c))
    })
}

fn ends_with_word(text: &str, word: &str) -> bool {
    let text_lower = text.to_lowercase();
    let word_lower = word.to_lowercase();
    text_lower.ends_with(&word_lower)
        && text_lower[..text_lower.len() - word_lower.len()]
            .chars()
            .next_back()
            .is_none_or(|c| !is_word_char(c))
}

fn index_of(chars: &[(usize, char)], byte: usize) -> usize {
    chars
        .iter()
        .position(|(b, _)| *b >= byte)
        .unwrap_or(chars.len())
}

fn byte_of(text: &str, chars: &[(usize, char)], index: usize) -> usize {
    chars.get(index).map_or(text.len(), |(b, _)| *b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Attendance, OrgId, OrgKind, Organisation, Participant, ParticipantId};

    fn person(id: &str, name: &str, org: Option<&str>) -> Participant {
        Participant {
            id: ParticipantId::new(id),
            name: name.into(),
            organisation: org.map(OrgId::new),
            role: String::new(),
            present: true,
        }
    }

    fn org(id: &str, name: &str) -> Organisation {
        Organisation {
            id: OrgId::new(id),
            name: name.into(),
            kind: OrgKind::Municipality,
            notes: Vec::new(),
            attendance: Attendance::Unknown,
        }
    }

    fn session() -> Session {
        let mut s = Session {
            organisations: vec![org("z", "Zeist"), org("l", "Lochem"), org("d", "De Bilt")],
            participants: vec![
                person("p-1", "Anna de Vries", Some("z")),
                person("p-2", "Bram Bakker", Some("l")),
                person("p-3", "Carla Smit", None),
                person("p-4", "Dirk-Jan Mulder", Some("l")),
                person("p-5", "Roos van Dijk", Some("d")),
                person("p-6", "Piet Jansen", Some("z")),
                person("p-7", "Bo", None),
                person("p-8", "Wil Visser", Some("z")),
                person("p-9", "Mark Peters", Some("l")),
            ],
            ..Session::default()
        };
        s.header.facilitator = "Marieke Hendriks".into();
        s.header.note_taker = "Jan".into();
        s
    }

    fn nl() -> Redactor {
        Redactor::for_session(&session(), Language::Nl)
    }

    #[test]
    fn full_names_in_any_case_and_spacing() {
        let r = nl();
        assert_eq!(r.apply("gesprek met Anna de Vries"), "gesprek met Zeist");
        assert_eq!(r.apply("gesprek met ANNA DE VRIES"), "gesprek met Zeist");
        assert_eq!(
            r.apply("gesprek met anna  de\u{a0}vries"),
            "gesprek met Zeist"
        );
        assert_eq!(r.apply("Dirk Jan Mulder belt"), "Lochem belt");
        assert_eq!(r.apply("Dirk-Jan Mulder belt"), "Lochem belt");
        assert_eq!(
            r.apply("Anna de Vriesland"),
            "Zeist de Vriesland",
            "whole words only"
        );
    }

    #[test]
    fn first_names_alone_with_a_capital_as_whole_words() {
        let r = nl();
        assert_eq!(r.apply("Anna: raad 1e woord"), "Zeist: raad 1e woord");
        assert_eq!(
            r.apply("volgens Bram klopt het"),
            "volgens Lochem klopt het"
        );
        assert_eq!(r.apply("Dirk-Jan vertelt"), "Lochem vertelt");
        assert_eq!(
            r.apply("Annabel en Hanna en Bram-Jan"),
            "Annabel en Hanna en Bram-Jan"
        );
        assert_eq!(
            r.apply("anna vertelt"),
            "anna vertelt",
            "lower case is not a name"
        );
        assert_eq!(r.apply("Bo"), "Een deelnemer");
    }

    #[test]
    fn first_names_that_are_also_words_only_where_they_read_as_names() {
        let r = nl();
        // "Roos", "Wil", "Mark" and "Jan" are participants here.
        assert_eq!(r.apply("Wil je meedoen?"), "Wil je meedoen?");
        assert_eq!(r.apply("Ik wil meedoen"), "Ik wil meedoen");
        assert_eq!(r.apply("Roos: raad 1e woord"), "De Bilt: raad 1e woord");
        assert_eq!(r.apply("Roos (De Bilt) vertelt"), "De Bilt vertelt");
        assert_eq!(
            r.apply("een rode Roos"),
            "een rode De Bilt",
            "capitalised within a sentence"
        );
        assert_eq!(r.apply("de Roos van Zeist"), "de Roos van Zeist");
        assert_eq!(r.apply("ROOS"), "ROOS");
        assert_eq!(r.apply("Jan 2020"), "Jan 2020");
        assert_eq!(r.apply("start Jan 2020"), "start Jan 2020");
        assert_eq!(
            r.apply("volgens Mark klopt het"),
            "volgens Lochem klopt het"
        );
        assert_eq!(r.apply("Mark the date"), "Mark the date");
        assert_eq!(r.apply("met Wil en Piet"), "met Zeist");
    }

    #[test]
    fn surnames_with_titles_initials_and_prefixes() {
        let r = nl();
        assert_eq!(r.apply("mevrouw De Vries opent"), "Zeist opent");
        assert_eq!(r.apply("Dhr. Bakker belt"), "Lochem belt");
        assert_eq!(r.apply("A. de Vries en B. Bakker"), "Zeist en Lochem");
        assert_eq!(r.apply("K. Bakker belt"), "Lochem belt");
        assert_eq!(
            r.apply("door wethouder Bakker"),
            "door wethouder van Lochem"
        );
        assert_eq!(r.apply("door De Vries"), "door Zeist");
        assert_eq!(
            r.apply("aan de vries"),
            "aan de vries",
            "the name proper needs its capital"
        );
        assert_eq!(
            r.apply("de Bakker om de hoek"),
            "de Bakker om de hoek",
            "one-word surname alone"
        );
        assert_eq!(r.apply("van Dijk zegt"), "De Bilt zegt");
    }

    #[test]
    fn mentions_lose_their_at_sign() {
        let r = nl();
        assert_eq!(
            r.apply("@Anna zorgt voor de zaal"),
            "Zeist zorgt voor de zaal"
        );
        assert_eq!(r.apply("vraag @bram"), "vraag Lochem");
        assert_eq!(r.apply("vraag @Anna de Vries"), "vraag Zeist");
        assert_eq!(r.apply("@Marieke belt"), "De gespreksleider belt");
        assert_eq!(r.apply("@Zeist regelt het"), "Zeist regelt het");
        assert_eq!(r.apply("@Onbekend belt"), "Een deelnemer belt");
        assert_eq!(
            r.apply("@CANVAS"),
            "@CANVAS",
            "a word in capitals is no person"
        );
        assert_eq!(r.apply("om @ 10 uur"), "om @ 10 uur");
    }

    #[test]
    fn no_doubled_organisations_or_words() {
        let r = nl();
        assert_eq!(
            r.apply("Bram (Lochem) nam het verslag"),
            "Lochem nam het verslag"
        );
        assert_eq!(
            r.apply("Lochem (Bram) nam het verslag"),
            "Lochem nam het verslag"
        );
        assert_eq!(
            r.apply("Anna (Zeist, griffier) opent"),
            "Zeist (griffier) opent"
        );
        assert_eq!(
            r.apply("Anna (griffier van Zeist) opent"),
            "De griffier van Zeist opent"
        );
        assert_eq!(
            r.apply("Welkom door Anna, wethouder van Zeist"),
            "Welkom door de wethouder van Zeist"
        );
        assert_eq!(
            r.apply("Anna de Vries, wethouder van Zeist, opent."),
            "De wethouder van Zeist opent."
        );
        assert_eq!(r.apply("Anna, Piet en Wil vertellen"), "Zeist vertellen");
        assert_eq!(r.apply("Anna en Bram"), "Zeist en Lochem");
        assert_eq!(
            r.apply("wethouder van Zeist Anna de Vries"),
            "wethouder van Zeist"
        );
        assert_eq!(r.apply("Zeist, Anna en Piet"), "Zeist");
        assert_eq!(r.apply("Bram (Dirk-Jan)"), "Lochem");
        assert_eq!(r.apply("Carla en Bo mailen"), "Twee deelnemers mailen");
        assert_eq!(
            r.apply("Anna, de griffier, belt"),
            "Zeist, de griffier, belt"
        );
        assert_eq!(r.apply("Anna (Gemeente Zeist) belt"), "Zeist belt");
        assert_eq!(
            r.apply("Anna tekent namens Zeist."),
            "Een deelnemer tekent namens Zeist."
        );
        assert_eq!(
            r.apply("In Zeist vertelt Anna. Anna belt."),
            "In Zeist vertelt een deelnemer. Zeist belt."
        );
        assert_eq!(r.apply("Bram (griffie) belt"), "Lochem (griffie) belt");
    }

    #[test]
    fn replacements_get_a_capital_at_a_sentence_start() {
        let r = nl();
        assert_eq!(
            r.apply("Carla vat samen. Bo ook."),
            "Een deelnemer vat samen. Een deelnemer ook."
        );
        assert_eq!(r.apply("dank aan Carla"), "dank aan een deelnemer");
        assert_eq!(r.apply("Marieke Hendriks opent"), "De gespreksleider opent");
        let en = Redactor::for_session(&session(), Language::En);
        assert_eq!(en.apply("Carla sums up"), "A participant sums up");
        assert_eq!(en.apply("thanks to Jan"), "thanks to the note-taker");
    }

    #[test]
    fn contact_details_are_removed() {
        let r = nl();
        assert_eq!(
            r.apply("Mail anna@zeist.nl of bel 06-12345678 voor 4 februari 2020 om 13:30."),
            "Mail [e-mailadres] of bel [telefoonnummer] voor 4 februari 2020 om 13:30."
        );
        assert_eq!(r.apply("anna.devries@zeist.nl"), "[e-mailadres]");
    }

    #[test]
    fn the_list_says_what_was_replaced_and_how_often() {
        let r = nl();
        let _ = r.apply("Anna de Vries en Anna de Vries, 06-12345678");
        let _ = r.apply("@Bram: anna@zeist.nl");
        let list = r.replacements();
        let summary: Vec<(&str, &str, ReplacementKind, usize)> = list
            .iter()
            .map(|x| (x.found.as_str(), x.shown.as_str(), x.kind, x.count))
            .collect();
        assert_eq!(
            summary,
            [
                ("Anna de Vries", "Zeist", ReplacementKind::Name, 2),
                ("06-12345678", "[telefoonnummer]", ReplacementKind::Phone, 1),
                ("@Bram", "Lochem", ReplacementKind::Mention, 1),
                ("anna@zeist.nl", "[e-mailadres]", ReplacementKind::Email, 1),
            ]
        );
    }

    #[test]
    fn people_in_the_header_and_owners() {
        let r = nl();
        assert_eq!(r.header_person("Marieke Hendriks"), None);
        assert_eq!(r.header_person("Anna de Vries"), Some("Zeist".into()));
        assert_eq!(r.person("Bram Bakker"), Some("Lochem".into()));
        assert_eq!(r.person("Carla Smit"), Some("Een deelnemer".into()));
        assert_eq!(r.person("Deelnemers"), None);
        let list = r.replacements();
        assert!(
            list.iter()
                .any(|x| x.found == "Marieke Hendriks" && x.kind == ReplacementKind::LeftOut)
        );
    }

    #[test]
    fn a_participant_listed_with_initials() {
        let mut s = session();
        s.participants = vec![person("p-1", "A.B. van der Berg", Some("z"))];
        let r = Redactor::for_session(&s, Language::Nl);
        assert_eq!(r.apply("A.B. van der Berg belt"), "Zeist belt");
        assert_eq!(r.apply("volgens Van der Berg"), "volgens Zeist");
        assert_eq!(r.apply("mw. Van der Berg"), "Zeist");
    }

    #[test]
    fn one_name_for_two_organisations_is_neutral() {
        let mut s = session();
        s.participants.push(person("p-10", "Anna Groen", Some("l")));
        let r = Redactor::for_session(&s, Language::Nl);
        assert_eq!(r.apply("volgens Anna"), "volgens een deelnemer");
        assert_eq!(r.apply("volgens Anna Groen"), "volgens Lochem");
    }

    #[test]
    fn replacements_are_not_searched_again() {
        let mut s = session();
        s.organisations[0].name = "Anna".into();
        let r = Redactor::for_session(&s, Language::En);
        assert_eq!(r.apply("Anna de Vries"), "Anna");
        assert_eq!(r.apply("Carla Smit"), "A participant");
    }

    #[test]
    fn no_participants_means_only_contact_details_change() {
        let r = Redactor::for_session(&Session::default(), Language::Nl);
        assert_eq!(r.apply("Anna 👋 שלום"), "Anna 👋 שלום");
        assert_eq!(r.apply("bel 030-1234567"), "bel [telefoonnummer]");
    }
}

#[cfg(test)]
mod properties {
    //! Names, e-mail addresses and numbers planted in ordinary text, in many
    //! spellings: each is replaced, counted once, and nothing else changes.

    use proptest::prelude::*;

    use super::tests_support::{FILLER, planted_session};
    use super::*;

    /// A planted piece: its text and whether it is a person.
    fn planted() -> impl Strategy<Value = String> {
        let names = prop_oneof![
            Just("Anna de Vries".to_owned()),
            Just("ANNA DE VRIES".to_owned()),
            Just("anna de vries".to_owned()),
            Just("Anna".to_owned()),
            Just("@Anna".to_owned()),
            Just("@bram".to_owned()),
            Just("Bram Bakker".to_owned()),
            Just("Dirk-Jan Smit".to_owned()),
            Just("Dirk Jan Smit".to_owned()),
            Just("Dirk-Jan".to_owned()),
            Just("mevrouw De Vries".to_owned()),
            Just("dhr. Bakker".to_owned()),
            Just("Carla".to_owned()),
        ];
        let email = (
            "[a-z]{1,8}",
            "[a-z]{2,8}",
            prop_oneof![Just("nl"), Just("org"), Just("eu")],
        )
            .prop_map(|(local, domain, tld)| format!("{local}.x@{domain}.{tld}"));
        let phone = (10_000_000u32..99_999_999, 0usize..6).prop_map(|(n, form)| {
            let d = format!("{n:08}");
            match form {
                0 => format!("06-{d}"),
                1 => format!("06 {} {}", &d[..4], &d[4..]),
                2 => format!("+31 6 {} {}", &d[..4], &d[4..]),
                3 => format!("030-{}", &d[1..]),
                4 => format!("(030) {} {} {}", &d[1..4], &d[4..6], &d[6..]),
                _ => format!("0031 6 {d}"),
            }
        });
        prop_oneof![3 => names, 1 => email, 1 => phone]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn everything_planted_is_replaced_once_and_counted(
            words in prop::collection::vec(0usize..FILLER.len(), 1..12),
            pieces in prop::collection::vec((planted(), 0usize..12), 1..5),
        ) {
            let mut parts: Vec<String> = words.iter().map(|&i| FILLER[i].to_owned()).collect();
            let mut planted_texts = Vec::new();
            for (piece, at) in &pieces {
                let at = (*at).min(parts.len());
                // Separated by a word, so no two pieces merge into one.
                parts.insert(at, format!("en {piece} en"));
                planted_texts.push(piece.clone());
            }
            let text = parts.join(" ");
            let redactor = Redactor::for_session(&planted_session(), Language::Nl);
            let out = redactor.apply(&text);
            for piece in &planted_texts {
                let bare = piece.trim_start_matches('@');
                prop_assert!(!out.contains(bare), "{piece:?} survives in {out:?} (from {text:?})");
            }
            prop_assert!(!out.contains('@'), "{out}");
            let counted: usize = redactor.replacements().iter().map(|r| r.count).sum();
            prop_assert_eq!(counted, planted_texts.len(), "{:?}", redactor.replacements());
        }

        #[test]
        fn ordinary_text_dates_times_and_amounts_stay(
            words in prop::collection::vec(0usize..FILLER.len(), 0..16),
            day in 1u32..=28, month in 1u32..=12, year in 1990u32..2040,
            hour in 0u32..24, minute in 0u32..60, euros in 0u32..10_000_000,
        ) {
            let mut parts: Vec<String> = words.iter().map(|&i| FILLER[i].to_owned()).collect();
            parts.push(format!("{day:02}-{month:02}-{year}"));
            parts.push(format!("{day}/{month}/{year}"));
            parts.push(format!("{year}-{month:02}-{day:02}"));
            parts.push(format!("{hour:02}:{minute:02}"));
            parts.push(format!("{hour:02}.{minute:02}-{:02}.{minute:02}", (hour + 1) % 24));
            parts.push(format!("€ {euros}"));
            parts.push(format!("{},{:02}", euros / 100, euros % 100));
            let text = parts.join(" ");
            let redactor = Redactor::for_session(&planted_session(), Language::Nl);
            prop_assert_eq!(redactor.apply(&text), text);
            prop_assert!(redactor.replacements().is_empty());
        }
    }
}

#[cfg(test)]
mod tests_support {
    use crate::model::{
        Attendance, OrgId, OrgKind, Organisation, Participant, ParticipantId, Session,
    };

    /// Ordinary words, none of them a name.
    pub const FILLER: &[&str] = &[
        "de",
        "raad",
        "wil",
        "graag",
        "meer",
        "participatie",
        "inwoners",
        "gesprek",
        "werkt",
        "niet",
        "altijd",
        "goed",
        "bezig",
        "maar",
        "te",
        "weinig",
        "startnotitie",
        "org.",
        "kaders",
        "samen",
        "leren",
        "1e",
        "woord",
        "100%",
        "5",
        "stappen",
        "Participeren",
        "Raad",
        "Inwoners",
        "roos",
        "mark",
        "bas",
        "jan",
        "om",
        "10",
        "uur",
        "in",
        "2020",
    ];

    /// Participants whose names the properties plant.
    pub fn planted_session() -> Session {
        let org = |id: &str, name: &str| Organisation {
            id: OrgId::new(id),
            name: name.into(),
            kind: OrgKind::Municipality,
            notes: Vec::new(),
            attendance: Attendance::Unknown,
        };
        let person = |id: &str, name: &str, o: Option<&str>| Participant {
            id: ParticipantId::new(id),
            name: name.into(),
            organisation: o.map(OrgId::new),
            role: String::new(),
            present: true,
        };
        Session {
            organisations: vec![org("z", "Zeist"), org("l", "Lochem")],
            participants: vec![
                person("p-1", "Anna de Vries", Some("z")),
                person("p-2", "Bram Bakker", Some("l")),
                person("p-3", "Dirk-Jan Smit", Some("l")),
                person("p-4", "Carla", None),
                person("p-5", "Roos Mulder", Some("z")),
                person("p-6", "Mark Peters", Some("l")),
            ],
            ..Session::default()
        }
    }
}
