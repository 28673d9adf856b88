//! Organisations and participants: adding, removing and reordering them, and
//! reading participant lists pasted from a mail, Word or Excel.

use super::ids::{OrgId, ParticipantId};
use super::session::{OrgKind, Organisation, Participant, Session, Speaker, SpeakerStatus};

/// Cleans pasted text: non-breaking spaces become spaces, soft hyphens and
/// zero-width characters and other control characters (tabs and line breaks
/// aside) are removed.
#[must_use]
pub fn clean_pasted(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\u{00A0}' | '\u{2007}' | '\u{202F}' => Some(' '),
            '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' | '\u{2060}' => None,
            '\t' | '\n' => Some(c),
            '\r' => None,
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

/// One participant read from a pasted line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PastedParticipant {
    /// The name.
    pub name: String,
    /// The organisation as written (may be empty).
    pub organisation: String,
    /// The role (may be empty).
    pub role: String,
}

/// Reads participant lines: "Name, Organisation[, Role]", tab-separated
/// cells (Excel, Word tables), with or without bullets or numbers in front.
/// Empty lines and header-looking lines ("Naam", "Name") are skipped.
#[must_use]
pub fn parse_participants(text: &str) -> Vec<PastedParticipant> {
    let cleaned = clean_pasted(text);
    let mut out = Vec::new();
    for line in cleaned.lines() {
        let line = strip_bullet(line.trim());
        if line.is_empty() {
            continue;
        }
        let cells: Vec<String> = if line.contains('\t') {
            line.split('\t').map(|c| c.trim().to_owned()).collect()
        } else if line.contains(',') || line.contains(';') {
            line.split([',', ';'])
                .map(|c| c.trim().to_owned())
                .collect()
        } else if let Some((name, org)) = line.split_once(" - ").or_else(|| line.split_once(" – "))
        {
            vec![name.trim().to_owned(), org.trim().to_owned()]
        } else {
            vec![line.to_owned()]
        };
        let mut cells = cells.into_iter().filter(|c| !c.is_empty());
        let Some(name) = cells.next() else {
            continue;
        };
        let lower = name.to_lowercase();
        if matches!(
            lower.as_str(),
            "naam" | "name" | "deelnemer" | "participant"
        ) {
            continue;
        }
        let organisation = cells.next().unwrap_or_default();
        let role = cells.collect::<Vec<_>>().join(", ");
        out.push(PastedParticipant {
            name: collapse_spaces(&name),
            organisation: collapse_spaces(&organisation),
            role: collapse_spaces(&role),
        });
    }
    out
}

fn strip_bullet(line: &str) -> &str {
    let line = line
        .trim_start_matches(['•', '·', '-', '*', '–', '▪', '◦', '○'])
        .trim_start();
    // "1." or "12)" numbering.
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 {
        let rest = &line[digits..];
        if let Some(rest) = rest.strip_prefix('.').or_else(|| rest.strip_prefix(')')) {
            return rest.trim_start();
        }
    }
    line
}

fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Session {
    /// Finds an organisation by a written name: exact (case-insensitive), or
    /// with "Gemeente "/"gemeente " in front, or with dashes and spaces ignored.
    #[must_use]
    pub fn find_organisation(&self, written: &str) -> Option<&Organisation> {
        let norm = |s: &str| {
            let s = s.trim().to_lowercase();
            let s = s.strip_prefix("gemeente ").unwrap_or(&s).to_owned();
            s.replace([' ', '-'], "")
        };
        let wanted = norm(written);
        if wanted.is_empty() {
            return None;
        }
        self.organisations.iter().find(|o| norm(&o.name) == wanted)
    }

    /// Adds pasted participants (present), linking known organisations;
    /// an unknown organisation's name goes in front of the role.
    /// Returns how many were added.
    pub fn add_pasted_participants(&mut self, text: &str) -> usize {
        let pasted = parse_participants(text);
        for p in &pasted {
            let organisation = self
                .find_organisation(&p.organisation)
                .map(|o| o.id.clone());
            let role = if organisation.is_none() && !p.organisation.is_empty() {
                [p.organisation.as_str(), p.role.as_str()]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(", ")
            } else {
                p.role.clone()
            };
            let id = ParticipantId::new(self.fresh_id("p"));
            // A pasted line can be anything: names and roles keep to the
            // limit of typing (the same a file is held to).
            let max = super::limits::TITLE_MAX_CHARS;
            self.participants.push(Participant {
                id,
                name: super::limits::truncated(&p.name, max).to_owned(),
                organisation,
                role: super::limits::truncated(&role, max).to_owned(),
                present: true,
            });
        }
        pasted.len()
    }

    /// Adds an organisation at the end; a municipality also joins every round.
    pub fn add_organisation(&mut self, name: &str, kind: OrgKind) -> OrgId {
        let id = OrgId::new(self.fresh_id("org"));
        self.organisations.push(Organisation {
            id: id.clone(),
            name: name.to_owned(),
            kind,
            notes: Vec::new(),
            attendance: crate::model::Attendance::Unknown,
        });
        if kind == OrgKind::Municipality {
            for round in self.agenda.iter_mut().filter_map(|i| i.round.as_mut()) {
                round.speakers.push(Speaker {
                    organisation: id.clone(),
                    status: SpeakerStatus::Waiting,
                    airtime_seconds: 0,
                });
            }
        }
        id
    }

    /// Removes an organisation with everything that belongs to it (its
    /// experiments, its turns in rounds) and every reference to it.
    pub fn remove_organisation(&mut self, id: &OrgId) {
        // Actions keep their owner's name as text.
        let name = self.organisation_name(id).to_owned();
        self.organisations.retain(|o| &o.id != id);
        self.experiments.retain(|e| &e.organisation != id);
        for item in &mut self.agenda {
            if item.presenter.as_ref() == Some(id) {
                item.presenter = None;
            }
            if let Some(round) = &mut item.round {
                round.speakers.retain(|s| &s.organisation != id);
            }
        }
        for p in &mut self.participants {
            if p.organisation.as_ref() == Some(id) {
                p.organisation = None;
            }
        }
        if self.header.host.as_ref() == Some(id) {
            self.header.host = None;
        }
        for m in &mut self.synthesis.next_meetings {
            if m.host.as_ref() == Some(id) {
                m.host = None;
            }
        }
        for a in &mut self.synthesis.actions {
            if a.owner == Some(super::session::Owner::Organisation(id.clone())) {
                a.owner = Some(super::session::Owner::Name(name.clone()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pasted_text_is_cleaned() {
        assert_eq!(
            clean_pasted("Jan\u{00A0}de\u{00AD}Vries\u{0007}\r\n"),
            "Jan deVries\n"
        );
    }

    #[test]
    fn lines_from_mail_word_and_excel() {
        let text = "Naam\tOrganisatie\tRol\n\
                    Anna de Boer\tGemeente Zeist\tgriffier\n\
                    • Piet Jansen, Lochem\n\
                    2. Fatima El\u{00A0}Amrani; Etten-Leur; beleidsadviseur\n\
                    Kees Smit - VNG\n\
                    \n\
                    Alleen Naam\n";
        let parsed = parse_participants(text);
        let names: Vec<_> = parsed.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Anna de Boer",
                "Piet Jansen",
                "Fatima El Amrani",
                "Kees Smit",
                "Alleen Naam"
            ]
        );
        assert_eq!(parsed[0].organisation, "Gemeente Zeist");
        assert_eq!(parsed[0].role, "griffier");
        assert_eq!(parsed[2].role, "beleidsadviseur");
        assert_eq!(parsed[3].organisation, "VNG");
    }

    #[test]
    fn pasted_participants_link_known_organisations() {
        let mut s = Session::default();
        let zeist = s.add_organisation("Zeist", OrgKind::Municipality);
        assert_eq!(
            s.add_pasted_participants("Anna\tGemeente Zeist\nBo, Onbekend, gast"),
            2
        );
        assert_eq!(s.participants[0].organisation, Some(zeist));
        assert_eq!(s.participants[1].organisation, None);
        assert_eq!(s.participants[1].role, "Onbekend, gast");
        assert_eq!(s.participant_count(), Some(2));
    }

    #[test]
    fn removing_an_organisation_leaves_no_dangling_reference() {
        let mut s = Session::default();
        let a = s.add_organisation("A", OrgKind::Municipality);
        let exp = s.add_experiment(&a);
        s.add_keyword(&exp, "x");
        s.header.host = Some(a.clone());
        s.add_pasted_participants("Anna, A");
        s.remove_organisation(&a);
        assert!(s.problems().is_empty(), "{:?}", s.problems());
        assert!(s.experiments.is_empty());
    }
}
