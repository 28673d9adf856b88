//! The public variant's name filter: every known participant name in free
//! text is replaced by the organisation that person represents.

use crate::i18n::{Language, T, tr};
use crate::model::Session;

/// Replaces known participant names by their organisation's name.
///
/// Matching is case-sensitive and whole-word (a name inside a longer word is
/// left alone), and longer names win over shorter ones, so "Anna de Vries"
/// is replaced as a whole before "Anna" could match. Text that was put in
/// is never searched again.
#[derive(Debug, Clone, Default)]
pub struct Redactor {
    /// (name, replacement), longest name first.
    names: Vec<(String, String)>,
}

impl Redactor {
    /// A redactor for the participants of `session`; a participant without
    /// an organisation becomes the neutral word "deelnemer" / "participant"
    /// in `lang`.
    #[must_use]
    pub fn for_session(session: &Session, lang: Language) -> Self {
        let neutral = tr(lang, T::ReportParticipantWord);
        let mut names: Vec<(String, String)> = session
            .participants
            .iter()
            .filter(|p| !p.name.trim().is_empty())
            .map(|p| {
                let replacement = p
                    .organisation
                    .as_ref()
                    .map_or(neutral, |org| session.organisation_name(org));
                (p.name.trim().to_owned(), replacement.to_owned())
            })
            .collect();
        names.sort_by(|a, b| {
            b.0.chars()
                .count()
                .cmp(&a.0.chars().count())
                .then_with(|| a.0.cmp(&b.0))
        });
        names.dedup_by(|a, b| a.0 == b.0);
        Self { names }
    }

    /// The replacement for `name` when it is exactly a known name.
    #[must_use]
    pub fn replacement(&self, name: &str) -> Option<&str> {
        let name = name.trim();
        self.names
            .iter()
            .find(|(known, _)| known == name)
            .map(|(_, replacement)| replacement.as_str())
    }

    /// `text` with every known name replaced.
    #[must_use]
    pub fn apply(&self, text: &str) -> String {
        if self.names.is_empty() {
            return text.to_owned();
        }
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        let mut previous: Option<char> = None;
        'scan: while let Some(c) = rest.chars().next() {
            if previous.is_none_or(|p| !is_word_char(p)) {
                for (name, replacement) in &self.names {
                    if let Some(after) = rest.strip_prefix(name.as_str())
                        && after.chars().next().is_none_or(|n| !is_word_char(n))
                    {
                        out.push_str(replacement);
                        previous = name.chars().last();
                        rest = after;
                        continue 'scan;
                    }
                }
            }
            out.push(c);
            previous = Some(c);
            rest = &rest[c.len_utf8()..];
        }
        out
    }
}

/// Letters, digits and `_`: a name only matches with none of these right
/// before or after it, so "Anna" does not match inside "Annabel".
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{OrgId, OrgKind, Organisation, Participant, ParticipantId};

    fn session() -> Session {
        let person = |id: &str, name: &str, org: Option<&str>| Participant {
            id: ParticipantId::new(id),
            name: name.into(),
            organisation: org.map(OrgId::new),
            role: String::new(),
            present: true,
        };
        Session {
            organisations: vec![Organisation {
                id: OrgId::new("org-zeist"),
                name: "Zeist".into(),
                kind: OrgKind::Municipality,
                notes: Vec::new(),
            }],
            participants: vec![
                person("p-1", "Anna", Some("org-zeist")),
                person("p-2", "Anna de Vries", Some("org-zeist")),
                person("p-3", "Bram Bakker", None),
            ],
            ..Session::default()
        }
    }

    #[test]
    fn longest_name_wins_and_words_stay_whole() {
        let r = Redactor::for_session(&session(), Language::Nl);
        assert_eq!(
            r.apply("Anna de Vries en Anna, niet Annabel of Hanna."),
            "Zeist en Zeist, niet Annabel of Hanna."
        );
        assert_eq!(r.apply("(Bram Bakker)"), "(deelnemer)");
        assert_eq!(r.apply("anna de vries"), "anna de vries", "case-sensitive");
        assert_eq!(r.replacement(" Bram Bakker "), Some("deelnemer"));
        assert_eq!(r.replacement("Bram"), None);
    }

    #[test]
    fn replacements_are_not_searched_again() {
        let mut s = session();
        s.organisations[0].name = "Anna".into();
        let r = Redactor::for_session(&s, Language::En);
        assert_eq!(r.apply("Anna de Vries"), "Anna");
        assert_eq!(r.apply("Bram Bakker"), "participant");
    }

    #[test]
    fn no_participants_means_no_change() {
        let r = Redactor::for_session(&Session::default(), Language::Nl);
        assert_eq!(r.apply("Anna 👋 שלום"), "Anna 👋 שלום");
    }
}
