//! Rules and queries over a session: derived counts, look-ups, fresh ids and
//! the consistency check that every id reference points somewhere.

use std::collections::HashSet;

use super::ids::OrgId;
use super::session::{
    AgendaItem, Attendance, Bullet, Experiment, Header, Note, OrgKind, Organisation, Owner, Session,
};

/// A reference or id in a session that does not hold together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Two things share one id.
    DuplicateId {
        /// The id used twice.
        id: String,
    },
    /// Something refers to an id that does not exist.
    DanglingReference {
        /// Where the reference is, e.g. "experiments[3].organisation".
        field: String,
        /// The id it refers to.
        id: String,
    },
    /// An id is empty (or only spaces).
    EmptyId {
        /// Where the id is, e.g. "experiments[3].keywords[0].id".
        field: String,
    },
    /// A text is longer than typing allows ([`super::limits`]).
    TooLong {
        /// Where the text is, e.g. "experiments[3].keywords[0].text".
        field: String,
        /// The limit, in characters.
        max: usize,
    },
    /// A number (minutes, seconds, a count, a year or a month) is outside
    /// what makes sense.
    OutOfRange {
        /// Where the number is, e.g. `agenda[2].planned_minutes`.
        field: String,
        /// The number found.
        value: i64,
        /// The least allowed.
        min: i64,
        /// The most allowed.
        max: i64,
    },
    /// A time of day that does not exist on a clock (a leap second, "23:59:60").
    NoSuchTime {
        /// Where the time is, e.g. `header.start_time`.
        field: String,
    },
    /// An organisation has two turns in one round.
    DuplicateSpeaker {
        /// Where the second turn is, e.g. "agenda[1].round.speakers[4]".
        field: String,
        /// The organisation.
        id: String,
    },
}

impl Problem {
    /// Where the problem is (empty for a duplicate id, which is in two places).
    #[must_use]
    pub fn field(&self) -> &str {
        match self {
            Problem::DuplicateId { .. } => "",
            Problem::DanglingReference { field, .. }
            | Problem::EmptyId { field }
            | Problem::TooLong { field, .. }
            | Problem::OutOfRange { field, .. }
            | Problem::NoSuchTime { field }
            | Problem::DuplicateSpeaker { field, .. } => field,
        }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::DuplicateId { id } => write!(f, "the id \"{id}\" is used more than once"),
            Problem::DanglingReference { field, id } => {
                write!(f, "{field} refers to \"{id}\", which does not exist")
            }
            Problem::EmptyId { field } => write!(f, "{field} is empty"),
            Problem::TooLong { field, max } => {
                write!(f, "{field} is longer than {max} characters")
            }
            Problem::OutOfRange {
                field,
                value,
                min,
                max,
            } => write!(f, "{field} is {value}, outside {min} to {max}"),
            Problem::NoSuchTime { field } => write!(f, "{field} is not a time on a clock"),
            Problem::DuplicateSpeaker { field, id } => {
                write!(f, "{field}: \"{id}\" has a second turn in the round")
            }
        }
    }
}

impl Header {
    /// The date as `YYYY-MM-DD`, or an empty string when unknown.
    #[must_use]
    pub fn iso_date(&self) -> String {
        self.date
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default()
    }
}

impl Session {
    /// The number of participants: the named attendees who were present when
    /// any are named, otherwise the count set by hand (if any).
    #[must_use]
    pub fn participant_count(&self) -> Option<u32> {
        if self.participants.is_empty() {
            self.header.participant_count
        } else {
            let present = self.participants.iter().filter(|p| p.present).count();
            Some(u32::try_from(present).unwrap_or(u32::MAX))
        }
    }

    /// Whether an organisation attended: when any of its participants are
    /// named, whether one of them was present; otherwise what was recorded
    /// for the organisation itself. `None` when nothing is known.
    #[must_use]
    pub fn attended(&self, org: &OrgId) -> Option<bool> {
        let mut named = self
            .participants
            .iter()
            .filter(|p| p.organisation.as_ref() == Some(org))
            .peekable();
        if named.peek().is_some() {
            return Some(named.any(|p| p.present));
        }
        match self.organisation(org).map(|o| o.attendance) {
            Some(Attendance::Present) => Some(true),
            Some(Attendance::Absent) => Some(false),
            Some(Attendance::Unknown) | None => None,
        }
    }

    /// Whether attendance is known for any organisation (by a named
    /// participant or a mark on the organisation).
    #[must_use]
    pub fn attendance_known(&self) -> bool {
        self.organisations
            .iter()
            .any(|o| self.attended(&o.id).is_some())
    }

    /// The municipalities that attended, in list order; every municipality
    /// when no attendance is known at all (older files, a count only).
    pub fn attending_municipalities(&self) -> impl Iterator<Item = &Organisation> {
        let known = self.attendance_known();
        self.municipalities()
            .filter(move |o| !known || self.attended(&o.id) == Some(true))
    }

    /// The participating municipalities, in list order.
    pub fn municipalities(&self) -> impl Iterator<Item = &Organisation> {
        self.organisations
            .iter()
            .filter(|o| o.kind == OrgKind::Municipality)
    }

    /// The guest organisations, in list order.
    pub fn guests(&self) -> impl Iterator<Item = &Organisation> {
        self.organisations
            .iter()
            .filter(|o| o.kind == OrgKind::Guest)
    }

    /// The organisation with this id.
    #[must_use]
    pub fn organisation(&self, id: &OrgId) -> Option<&Organisation> {
        self.organisations.iter().find(|o| &o.id == id)
    }

    /// The name of the organisation with this id, or the id itself when unknown.
    #[must_use]
    pub fn organisation_name<'a>(&'a self, id: &'a OrgId) -> &'a str {
        self.organisation(id)
            .map_or(id.as_str(), |o| o.name.as_str())
    }

    /// The experiments brought by one organisation, in whiteboard order.
    pub fn experiments_of<'a>(&'a self, id: &'a OrgId) -> impl Iterator<Item = &'a Experiment> {
        self.experiments
            .iter()
            .filter(move |e| &e.organisation == id)
    }

    /// The total number of keywords on all experiment cards.
    #[must_use]
    pub fn keyword_count(&self) -> usize {
        self.experiments.iter().map(|e| e.keywords.len()).sum()
    }

    /// The number of synthesis bullets at every depth, in all blocks.
    #[must_use]
    pub fn bullet_count(&self) -> usize {
        fn count(bullets: &[Bullet]) -> usize {
            bullets.iter().map(|b| 1 + count(&b.children)).sum()
        }
        super::session::BlockKind::ALL
            .iter()
            .map(|&kind| count(&self.synthesis.block(kind).bullets))
            .sum()
    }

    /// The agenda item with this id.
    #[must_use]
    pub fn agenda_item(&self, id: &super::ids::ItemId) -> Option<&AgendaItem> {
        self.agenda.iter().find(|i| &i.id == id)
    }

    /// The planned length of the whole agenda in minutes.
    #[must_use]
    pub fn planned_minutes(&self) -> u32 {
        self.agenda.iter().map(|i| i.planned_minutes).sum()
    }

    /// Every id used in the session, in document order (duplicates included).
    #[must_use]
    pub fn all_ids(&self) -> Vec<&str> {
        fn notes<'a>(out: &mut Vec<&'a str>, notes: &'a [Note]) {
            out.extend(notes.iter().map(|n| n.id.as_str()));
        }
        fn bullets<'a>(out: &mut Vec<&'a str>, list: &'a [Bullet]) {
            for b in list {
                out.push(b.id.as_str());
                bullets(out, &b.children);
            }
        }
        let mut out = Vec::new();
        notes(&mut out, &self.notes);
        for o in &self.organisations {
            out.push(o.id.as_str());
            notes(&mut out, &o.notes);
        }
        out.extend(self.participants.iter().map(|p| p.id.as_str()));
        for item in &self.agenda {
            out.push(item.id.as_str());
            notes(&mut out, &item.notes);
        }
        for e in &self.experiments {
            out.push(e.id.as_str());
            out.extend(e.keywords.iter().map(|k| k.id.as_str()));
            notes(&mut out, &e.notes);
        }
        for kind in super::session::BlockKind::ALL {
            bullets(&mut out, &self.synthesis.block(kind).bullets);
        }
        out.extend(self.synthesis.actions.iter().map(|a| a.id.as_str()));
        out.extend(self.synthesis.next_meetings.iter().map(|m| m.id.as_str()));
        out.extend(self.attachments.iter().map(|a| a.id.as_str()));
        out.extend(self.inbox.iter().map(|s| s.id.as_str()));
        out
    }

    /// A new id with the given prefix that no part of the session uses yet,
    /// e.g. `kw-67`.
    #[must_use]
    pub fn fresh_id(&self, prefix: &str) -> String {
        let used: HashSet<&str> = self.all_ids().into_iter().collect();
        let mut n = used.len() + 1;
        loop {
            let candidate = format!("{prefix}-{n}");
            if !used.contains(candidate.as_str()) {
                return candidate;
            }
            n += 1;
        }
    }

    /// Checks that ids are unique and not empty, that every reference points
    /// to something that exists, and that texts, numbers, dates and rounds
    /// keep to the rules of typing ([`super::limits`]). An empty list means
    /// the session holds together.
    #[must_use]
    pub fn problems(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        let mut seen = HashSet::new();
        for id in self.all_ids() {
            if !seen.insert(id) {
                problems.push(Problem::DuplicateId { id: id.to_owned() });
            }
        }

        let org_ids: HashSet<&str> = self.organisations.iter().map(|o| o.id.as_str()).collect();
        let participant_ids: HashSet<&str> =
            self.participants.iter().map(|p| p.id.as_str()).collect();
        let item_ids: HashSet<&str> = self.agenda.iter().map(|i| i.id.as_str()).collect();
        let mut check = |field: String, id: &str, known: &HashSet<&str>| {
            if !known.contains(id) {
                problems.push(Problem::DanglingReference {
                    field,
                    id: id.to_owned(),
                });
            }
        };

        if let Some(host) = &self.header.host {
            check("header.host".into(), host.as_str(), &org_ids);
        }
        for (i, p) in self.participants.iter().enumerate() {
            if let Some(org) = &p.organisation {
                check(
                    format!("participants[{i}].organisation"),
                    org.as_str(),
                    &org_ids,
                );
            }
        }
        for (i, item) in self.agenda.iter().enumerate() {
            if let Some(org) = &item.presenter {
                check(format!("agenda[{i}].presenter"), org.as_str(), &org_ids);
            }
            if let Some(round) = &item.round {
                for (j, s) in round.speakers.iter().enumerate() {
                    check(
                        format!("agenda[{i}].round.speakers[{j}].organisation"),
                        s.organisation.as_str(),
                        &org_ids,
                    );
                }
            }
        }
        for (i, e) in self.experiments.iter().enumerate() {
            check(
                format!("experiments[{i}].organisation"),
                e.organisation.as_str(),
                &org_ids,
            );
        }
        for (i, a) in self.synthesis.actions.iter().enumerate() {
            match &a.owner {
                Some(Owner::Organisation(org)) => check(
                    format!("synthesis.actions[{i}].owner"),
                    org.as_str(),
                    &org_ids,
                ),
                Some(Owner::Participant(p)) => check(
                    format!("synthesis.actions[{i}].owner"),
                    p.as_str(),
                    &participant_ids,
                ),
                Some(Owner::Name(_)) | None => {}
            }
        }
        for (i, m) in self.synthesis.next_meetings.iter().enumerate() {
            if let Some(host) = &m.host {
                check(
                    format!("synthesis.next_meetings[{i}].host"),
                    host.as_str(),
                    &org_ids,
                );
            }
        }
        for (i, a) in self.attachments.iter().enumerate() {
            if let Some(item) = &a.agenda_item {
                check(
                    format!("attachments[{i}].agenda_item"),
                    item.as_str(),
                    &item_ids,
                );
            }
        }
        let mut values = super::valid::Checker::default();
        values.session(self);
        problems.extend(values.problems);
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        ExperimentId, Keyword, KeywordId, Participant, ParticipantId, session::Header,
    };

    fn org(id: &str, kind: OrgKind) -> Organisation {
        Organisation {
            id: OrgId::new(id),
            name: id.to_uppercase(),
            kind,
            notes: Vec::new(),
            attendance: crate::model::Attendance::Unknown,
        }
    }

    fn small() -> Session {
        Session {
            header: Header {
                participant_count: Some(24),
                ..Header::default()
            },
            organisations: vec![
                org("a", OrgKind::Municipality),
                org("b", OrgKind::Municipality),
                org("vng", OrgKind::Guest),
            ],
            experiments: vec![Experiment {
                id: ExperimentId::new("exp-a"),
                organisation: OrgId::new("a"),
                title: "Title".into(),
                keywords: vec![Keyword {
                    id: KeywordId::new("kw-1"),
                    text: "one".into(),
                    tags: Vec::new(),
                    highlighted: false,
                }],
                notes: Vec::new(),
            }],
            ..Session::default()
        }
    }

    #[test]
    fn participant_count_is_manual_without_names_and_derived_with_names() {
        let mut s = small();
        assert_eq!(s.participant_count(), Some(24));
        s.participants = vec![
            Participant {
                id: ParticipantId::new("p-1"),
                name: "An".into(),
                organisation: Some(OrgId::new("a")),
                role: String::new(),
                present: true,
            },
            Participant {
                id: ParticipantId::new("p-2"),
                name: "Bo".into(),
                organisation: None,
                role: String::new(),
                present: false,
            },
        ];
        assert_eq!(s.participant_count(), Some(1));
    }

    #[test]
    fn attendance_comes_from_named_participants_else_the_organisation() {
        let mut s = small();
        assert!(!s.attendance_known());
        assert_eq!(
            s.attending_municipalities().count(),
            2,
            "unknown: all of them"
        );
        s.organisations[1].attendance = Attendance::Absent;
        assert_eq!(s.attended(&OrgId::new("b")), Some(false));
        assert_eq!(s.attended(&OrgId::new("a")), None);
        assert_eq!(
            s.attending_municipalities().count(),
            0,
            "known: only those present"
        );
        s.participants = vec![Participant {
            id: ParticipantId::new("p-1"),
            name: "An".into(),
            organisation: Some(OrgId::new("b")),
            role: String::new(),
            present: true,
        }];
        assert_eq!(
            s.attended(&OrgId::new("b")),
            Some(true),
            "a named participant who came outweighs the mark"
        );
        s.participants[0].present = false;
        assert_eq!(s.attended(&OrgId::new("b")), Some(false));
        let names: Vec<_> = s
            .attending_municipalities()
            .map(|o| o.id.as_str())
            .collect();
        assert!(names.is_empty());
    }

    #[test]
    fn municipalities_exclude_guests() {
        let s = small();
        let names: Vec<_> = s.municipalities().map(|o| o.id.as_str()).collect();
        assert_eq!(names, ["a", "b"]);
        assert_eq!(s.guests().count(), 1);
    }

    #[test]
    fn fresh_id_is_unused() {
        let s = small();
        let id = s.fresh_id("kw");
        assert!(!s.all_ids().contains(&id.as_str()));
        assert!(id.starts_with("kw-"));
    }

    #[test]
    fn consistent_session_has_no_problems() {
        assert!(small().problems().is_empty());
    }

    #[test]
    fn dangling_and_duplicate_ids_are_found() {
        let mut s = small();
        s.experiments[0].organisation = OrgId::new("nowhere");
        s.experiments[0].keywords[0].id = KeywordId::new("a");
        let problems = s.problems();
        assert!(problems.contains(&Problem::DuplicateId { id: "a".into() }));
        assert!(problems.contains(&Problem::DanglingReference {
            field: "experiments[0].organisation".into(),
            id: "nowhere".into()
        }));
    }
}
