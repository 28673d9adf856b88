//! Organisations and participants: adding, removing and reordering them, and
//! reading participant lists pasted from a mail, Word or Excel.

use super::ids::OrgId;
use super::session::{OrgKind, Organisation, Session, Speaker, SpeakerStatus};

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

    /// Adds pasted participants (present), linking known organisations and
    /// making the others (see [`super::paste::plan_participants`]).
    /// Returns how many were added.
    pub fn add_pasted_participants(&mut self, text: &str) -> usize {
        let plan = super::paste::plan_participants(self, text);
        self.add_planned_participants(&plan)
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
    fn pasted_participants_link_known_organisations() {
        let mut s = Session::default();
        let zeist = s.add_organisation("Zeist", OrgKind::Municipality);
        assert_eq!(
            s.add_pasted_participants("Anna\tGemeente Zeist\nBo, Onbekend, gast"),
            2
        );
        assert_eq!(s.participants[0].organisation, Some(zeist));
        // An organisation not in the session yet is made.
        assert_eq!(s.organisations[1].name, "Onbekend");
        assert_eq!(
            s.participants[1].organisation,
            Some(s.organisations[1].id.clone())
        );
        assert_eq!(s.participants[1].role, "gast");
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
