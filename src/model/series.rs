//! A learning circle is a series of meetings. This module makes the next
//! meeting from the previous one ([`follow_up`]): what was not finished
//! (open actions, open questions) is carried, and each municipality's
//! experiment of last time is kept as a snapshot beside its new card. It
//! also tells which sessions belong to one series and lines up each
//! municipality's experiments across the meetings ([`timeline`]).
//!
//! Decisions, so the file stays predictable:
//! - The follow-up keeps the header's network and theme (they name the
//!   series); its title is the planned meeting's theme (or the previous
//!   title when that theme is empty), its host the planned host.
//! - Its date is the planned day when one is known; a planned month only
//!   leaves the date empty (no day is invented) and is kept as
//!   [`PreviousSession::planned`].
//! - The agenda keeps the previous agenda's shape (titles, kinds, minutes,
//!   blocks, speaking order) with every time and note reset, with a
//!   "Terugblik" ("Looking back") item right after the opening (first when
//!   the agenda does not open with an opening item).
//! - Organisations and participants are copied (organisation notes are not);
//!   attendance is reset (nobody is marked present yet, no organisation
//!   marked present or absent).
//! - Open actions keep their id, text, owner, due date and status, and
//!   remember the meeting they were agreed at (an action carried twice keeps
//!   the first meeting); open questions keep their bullets. Both are listed
//!   in the snapshot as carried, so the look-back item can show them.
//! - The other planned meetings stay planned, in their order.

use chrono::{Datelike, NaiveDate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::ids::{ActionId, BulletId, ItemId, MeetingId, OrgId};
use super::session::{
    Action, ActionStatus, AgendaItem, AgendaKind, MeetingRef, PlannedDate, Session,
};

/// What a follow-up session knows of the session before it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct PreviousSession {
    /// The previous session's file, relative to this session's file, with `/` separators.
    pub file: String,
    /// The previous session's title.
    pub title: String,
    /// The previous session's date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// The planned meeting of the previous session that this session is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meeting: Option<MeetingId>,
    /// When this meeting was planned (a day, or only a month).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub planned: Option<PlannedDate>,
    /// The agenda item that looks back on the previous session.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub review_item: Option<ItemId>,
    /// The open actions carried over (their ids in this session).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub carried_actions: Vec<ActionId>,
    /// The open questions carried over (their bullet ids in this session).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub carried_questions: Vec<BulletId>,
    /// Each municipality's experiments of last time, in whiteboard order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub experiments: Vec<PreviousExperiment>,
}

/// A municipality's experiment at the previous meeting: title and keywords.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PreviousExperiment {
    /// The organisation (same id in both sessions).
    pub organisation: OrgId,
    /// The experiment's title then.
    #[serde(default)]
    pub title: String,
    /// Its keywords then, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
}

/// Why no follow-up could be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FollowUpError {
    /// The session plans no next meeting.
    #[error("the session plans no next meeting")]
    NoPlannedMeeting,
    /// The chosen meeting does not exist (`index` counts from 0).
    #[error("there is no planned meeting {} (the session plans {count})", index + 1)]
    NoSuchMeeting {
        /// The index asked for, from 0.
        index: usize,
        /// How many meetings are planned.
        count: usize,
    },
}

/// The next meeting of `previous`: planned meeting `meeting` (an index from
/// 0) of its "next meetings". `previous_file` is the previous session's file
/// relative to where the new session will be saved; `review_title` is the
/// look-back item's title in the session's language ("Terugblik").
///
/// # Errors
/// When the session plans no meeting, or not that many.
pub fn follow_up(
    previous: &Session,
    previous_file: &str,
    meeting: usize,
    review_title: &str,
) -> Result<Session, FollowUpError> {
    let meetings = &previous.synthesis.next_meetings;
    if meetings.is_empty() {
        return Err(FollowUpError::NoPlannedMeeting);
    }
    let planned = meetings
        .get(meeting)
        .ok_or(FollowUpError::NoSuchMeeting {
            index: meeting,
            count: meetings.len(),
        })?
        .clone();

    let mut next = previous.skeleton();
    let header = &mut next.header;
    let theme = planned.theme.trim();
    if !theme.is_empty() {
        theme.clone_into(&mut header.title);
    }
    header.date = match planned.when {
        Some(PlannedDate::Day(day)) => Some(day),
        _ => None,
    };
    header.host.clone_from(&planned.host);
    if header.host != previous.header.host {
        // Another host, another place.
        header.location.clear();
    }
    header.participant_count = None;
    next.participants = previous
        .participants
        .iter()
        .map(|p| super::session::Participant {
            present: false,
            ..p.clone()
        })
        .collect();

    let agreed_at = MeetingRef {
        title: previous.header.title.clone(),
        when: previous
            .header
            .date
            .map(PlannedDate::Day)
            .or_else(|| previous.previous.as_ref().and_then(|p| p.planned)),
    };
    let carried_actions: Vec<_> = previous
        .synthesis
        .actions
        .iter()
        .filter(|a| a.status == ActionStatus::Open)
        .map(|a| Action {
            from: a.from.clone().or_else(|| Some(agreed_at.clone())),
            ..a.clone()
        })
        .collect();
    let open_questions = previous.synthesis.open_questions.bullets.clone();
    let mut snapshot = PreviousSession {
        file: previous_file.to_owned(),
        title: previous.header.title.clone(),
        date: previous.header.date,
        meeting: Some(planned.id.clone()),
        planned: planned.when,
        review_item: None,
        carried_actions: carried_actions.iter().map(|a| a.id.clone()).collect(),
        carried_questions: open_questions.iter().map(|b| b.id.clone()).collect(),
        experiments: previous
            .experiments
            .iter()
            .filter(|e| !e.title.trim().is_empty() || !e.keywords.is_empty())
            .map(|e| PreviousExperiment {
                organisation: e.organisation.clone(),
                title: e.title.clone(),
                keywords: e.keywords.iter().map(|k| k.text.clone()).collect(),
            })
            .collect(),
    };
    next.synthesis.actions = carried_actions;
    next.synthesis.open_questions.bullets = open_questions;
    next.synthesis.next_meetings = meetings
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != meeting)
        .map(|(_, m)| m.clone())
        .collect();

    let review_id = ItemId::new(next.fresh_id("item"));
    // Welcome first, then look back.
    let after_opening = next
        .agenda
        .iter()
        .take_while(|item| item.kind == AgendaKind::Opening)
        .count();
    next.agenda.insert(
        after_opening,
        AgendaItem::new(review_id.clone(), review_title, AgendaKind::Opening, 15),
    );
    snapshot.review_item = Some(review_id);
    next.previous = Some(snapshot);
    Ok(next)
}

impl Session {
    /// The municipality's experiments at the previous meeting (empty for a
    /// session that is not a follow-up).
    pub fn previous_experiments_of<'a>(
        &'a self,
        org: &'a OrgId,
    ) -> impl Iterator<Item = &'a PreviousExperiment> {
        self.previous
            .iter()
            .flat_map(|p| p.experiments.iter())
            .filter(move |e| &e.organisation == org)
    }

    /// Whether `item` is the follow-up's look-back item ("Terugblik").
    #[must_use]
    pub fn is_review_item(&self, item: &ItemId) -> bool {
        self.previous
            .as_ref()
            .is_some_and(|p| p.review_item.as_ref() == Some(item))
    }

    /// The day to sort this session by in a series: its date, else the
    /// first day of the month it was planned in.
    #[must_use]
    pub fn series_day(&self) -> Option<NaiveDate> {
        self.header
            .date
            .or_else(|| match self.previous.as_ref()?.planned? {
                PlannedDate::Day(day) => Some(day),
                PlannedDate::Month { year, month, .. } => NaiveDate::from_ymd_opt(year, month, 1),
            })
    }
}

/// The words that name a series: network and theme, trimmed and in lower case.
fn series_key(session: &Session) -> Option<(String, String)> {
    let network = session.header.network.trim().to_lowercase();
    let theme = session.header.theme.trim().to_lowercase();
    (!network.is_empty() || !theme.is_empty()).then_some((network, theme))
}

/// Whether two sessions belong to one series: the same network and theme,
/// or one names the other as its previous session (`a_name` and `b_name`
/// are their file names).
#[must_use]
pub fn same_series(a: &Session, a_name: &str, b: &Session, b_name: &str) -> bool {
    let refers = |s: &Session, name: &str| {
        s.previous
            .as_ref()
            .is_some_and(|p| file_name_of(&p.file) == name)
    };
    (series_key(a).is_some() && series_key(a) == series_key(b))
        || refers(a, b_name)
        || refers(b, a_name)
}

/// The last part of a `/`-separated relative path.
#[must_use]
pub fn file_name_of(reference: &str) -> &str {
    reference.rsplit(['/', '\\']).next().unwrap_or(reference)
}

/// One municipality's experiments across the meetings of a series.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgTimeline {
    /// The municipality's name (as in the latest session that has it).
    pub name: String,
    /// Per meeting (in the order given), its experiments there.
    pub meetings: Vec<Vec<TimelineExperiment>>,
}

/// An experiment in a timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineExperiment {
    /// The title.
    pub title: String,
    /// The keywords.
    pub keywords: Vec<String>,
}

/// Each municipality's experiments across `sessions` (in meeting order):
/// one row per municipality, matched by name (ignoring case), in the order
/// they first appear. A meeting whose experiments are all empty but which
/// remembers the previous meeting's fills that meeting's column when that
/// column is empty (its file may be elsewhere).
#[must_use]
pub fn timeline(sessions: &[&Session]) -> Vec<OrgTimeline> {
    let mut rows: Vec<OrgTimeline> = Vec::new();
    let row_of = |rows: &mut Vec<OrgTimeline>, name: &str| -> usize {
        let key = name.trim().to_lowercase();
        if let Some(pos) = rows
            .iter()
            .position(|r| r.name.trim().to_lowercase() == key)
        {
            name.clone_into(&mut rows[pos].name);
            pos
        } else {
            rows.push(OrgTimeline {
                name: name.to_owned(),
                meetings: vec![Vec::new(); sessions.len()],
            });
            rows.len() - 1
        }
    };
    for (column, session) in sessions.iter().enumerate() {
        for org in session.municipalities() {
            let row = row_of(&mut rows, &org.name);
            let found: Vec<TimelineExperiment> = session
                .experiments_of(&org.id)
                .filter(|e| !e.title.trim().is_empty() || !e.keywords.is_empty())
                .map(|e| TimelineExperiment {
                    title: e.title.clone(),
                    keywords: e.keywords.iter().map(|k| k.text.clone()).collect(),
                })
                .collect();
            rows[row].meetings[column] = found;
            if column > 0 && rows[row].meetings[column - 1].is_empty() {
                rows[row].meetings[column - 1] = session
                    .previous_experiments_of(&org.id)
                    .map(|e| TimelineExperiment {
                        title: e.title.clone(),
                        keywords: e.keywords.clone(),
                    })
                    .collect();
            }
        }
    }
    rows
}

/// The year and month a planned date falls in.
#[must_use]
pub fn planned_month(when: PlannedDate) -> (i32, u32) {
    match when {
        PlannedDate::Day(day) => (day.year(), day.month()),
        PlannedDate::Month { year, month, .. } => (year, month),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::MeetingRef;
    use crate::model::{
        BlockKind, Experiment, ExperimentId, Keyword, KeywordId, MonthPart, NextMeeting, OrgKind,
        Organisation, Owner, Participant, ParticipantId,
    };

    fn kick_off() -> Session {
        let org = |id: &str, name: &str, kind| Organisation {
            id: OrgId::new(id),
            name: name.into(),
            kind,
            notes: Vec::new(),
            attendance: crate::model::Attendance::Unknown,
        };
        let mut s = Session::default();
        s.header.title = "Kick-off".into();
        s.header.network = "M50".into();
        s.header.theme = "Democratische vernieuwing".into();
        s.header.date = NaiveDate::from_ymd_opt(2020, 2, 4);
        s.header.location = "Zeist".into();
        s.header.participant_count = Some(24);
        s.organisations = vec![
            org("a", "Lochem", OrgKind::Municipality),
            org("b", "Zeist", OrgKind::Municipality),
            org("vng", "VNG", OrgKind::Guest),
        ];
        s.participants = vec![Participant {
            id: ParticipantId::new("p-1"),
            name: "An".into(),
            organisation: Some(OrgId::new("a")),
            role: String::new(),
            present: true,
        }];
        s.agenda = vec![
            AgendaItem::new(ItemId::new("item-1"), "Opening", AgendaKind::Opening, 10),
            AgendaItem::new(ItemId::new("item-2"), "Ronde", AgendaKind::Round, 60),
        ];
        s.experiments = vec![Experiment {
            id: ExperimentId::new("exp-a"),
            organisation: OrgId::new("a"),
            title: "Start van de raad".into(),
            keywords: vec![Keyword {
                id: KeywordId::new("kw-1"),
                text: "leren".into(),
                tags: Vec::new(),
                highlighted: false,
            }],
            notes: Vec::new(),
        }];
        s.add_bullet(
            BlockKind::OpenQuestions,
            0,
            "Wie wil gastgemeente zijn?",
            Vec::new(),
        );
        s.add_bullet(BlockKind::Observations, 0, "Veel energie", Vec::new());
        let open = s.add_action("Polsen", Some(Owner::Organisation(OrgId::new("vng"))), None);
        let done = s.add_action("Mailen", None, None);
        for a in &mut s.synthesis.actions {
            if a.id == done {
                a.status = ActionStatus::Done;
            }
        }
        assert_ne!(open, done);
        s.synthesis.next_meetings = vec![
            NextMeeting {
                id: MeetingId::new("meeting-1"),
                when: Some(PlannedDate::Month {
                    year: 2020,
                    month: 6,
                    part: MonthPart::Late,
                }),
                theme: "Thorbecke".into(),
                host: None,
            },
            NextMeeting {
                id: MeetingId::new("meeting-2"),
                when: NaiveDate::from_ymd_opt(2020, 12, 8).map(PlannedDate::Day),
                theme: "The next step".into(),
                host: Some(OrgId::new("b")),
            },
        ];
        s
    }

    #[test]
    fn follow_up_carries_what_is_open_and_starts_with_a_look_back() {
        let previous = kick_off();
        let next = follow_up(&previous, "kick-off.json", 0, "Terugblik").unwrap();
        assert!(next.problems().is_empty(), "{:?}", next.problems());
        assert_eq!(next.header.title, "Thorbecke");
        assert_eq!(next.header.network, "M50");
        assert_eq!(next.header.theme, "Democratische vernieuwing");
        assert_eq!(next.header.date, None, "only the month is known");
        assert_eq!(next.header.participant_count, None);
        assert!(next.participants.iter().all(|p| !p.present));
        assert!(next.experiments.is_empty());
        let titles: Vec<_> = next.agenda.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(
            titles,
            ["Opening", "Terugblik", "Ronde"],
            "welcome first, then look back"
        );
        let texts: Vec<_> = next.synthesis.actions.iter().map(|a| &a.text).collect();
        assert_eq!(texts, ["Polsen"], "only open actions are carried");
        assert_eq!(next.synthesis.actions[0].status, ActionStatus::Open);
        assert_eq!(
            next.synthesis.actions[0].from,
            Some(MeetingRef {
                title: "Kick-off".into(),
                when: NaiveDate::from_ymd_opt(2020, 2, 4).map(PlannedDate::Day),
            }),
            "a carried action remembers where it was agreed"
        );
        assert_eq!(
            next.synthesis.open_questions.bullets[0].text,
            "Wie wil gastgemeente zijn?"
        );
        assert!(next.synthesis.observations.bullets.is_empty());
        let remaining: Vec<_> = next
            .synthesis
            .next_meetings
            .iter()
            .map(|m| m.id.as_str())
            .collect();
        assert_eq!(remaining, ["meeting-2"]);
        let snapshot = next.previous.as_ref().unwrap();
        assert_eq!(snapshot.file, "kick-off.json");
        assert_eq!(snapshot.title, "Kick-off");
        assert_eq!(snapshot.review_item.as_ref(), Some(&next.agenda[1].id));
        assert!(next.is_review_item(&next.agenda[1].id));
        assert!(!next.is_review_item(&next.agenda[0].id));
        assert_eq!(
            snapshot.carried_actions,
            [next.synthesis.actions[0].id.clone()]
        );
        assert_eq!(snapshot.carried_questions.len(), 1);
        let lochem = OrgId::new("a");
        let last: Vec<_> = next.previous_experiments_of(&lochem).collect();
        assert_eq!(last.len(), 1);
        assert_eq!(last[0].title, "Start van de raad");
        assert_eq!(last[0].keywords, ["leren"]);
        assert_eq!(next.previous_experiments_of(&OrgId::new("b")).count(), 0);
        assert_eq!(next.series_day(), NaiveDate::from_ymd_opt(2020, 6, 1));
    }

    #[test]
    fn a_planned_day_and_host_become_the_header() {
        let next = follow_up(&kick_off(), "k.json", 1, "Looking back").unwrap();
        assert_eq!(next.header.date, NaiveDate::from_ymd_opt(2020, 12, 8));
        assert_eq!(next.header.host, Some(OrgId::new("b")));
        assert_eq!(next.header.location, "", "a new host means a new place");
        assert_eq!(next.synthesis.next_meetings[0].id.as_str(), "meeting-1");
        assert_eq!(next.agenda[1].title, "Looking back");
        assert!(next.problems().is_empty());
    }

    #[test]
    fn an_agenda_without_an_opening_starts_with_the_look_back() {
        let mut previous = kick_off();
        previous.agenda.remove(0);
        let next = follow_up(&previous, "k.json", 0, "Terugblik").unwrap();
        assert_eq!(next.agenda[0].title, "Terugblik");
    }

    #[test]
    fn an_action_carried_twice_keeps_the_meeting_it_was_agreed_at() {
        let second = follow_up(&kick_off(), "k.json", 0, "T").unwrap();
        assert!(second.header.date.is_none(), "planned for a month only");
        let third = follow_up(&second, "s.json", 0, "T").unwrap();
        let kick_off_day = NaiveDate::from_ymd_opt(2020, 2, 4).map(PlannedDate::Day);
        assert_eq!(
            third.synthesis.actions[0].from.as_ref().unwrap().when,
            kick_off_day
        );
        // An action agreed at the second meeting names its planned month.
        let mut second = second;
        second.add_action("Nieuw", None, None);
        let third = follow_up(&second, "s.json", 0, "T").unwrap();
        let new = third
            .synthesis
            .actions
            .iter()
            .find(|a| a.text == "Nieuw")
            .unwrap();
        assert_eq!(
            new.from.as_ref().unwrap().when,
            Some(PlannedDate::Month {
                year: 2020,
                month: 6,
                part: MonthPart::Late
            })
        );
        assert!(
            third
                .organisations
                .iter()
                .all(|o| o.attendance.is_unknown())
        );
    }

    #[test]
    fn a_follow_up_needs_a_planned_meeting() {
        let mut previous = kick_off();
        assert_eq!(
            follow_up(&previous, "k.json", 2, "T"),
            Err(FollowUpError::NoSuchMeeting { index: 2, count: 2 })
        );
        previous.synthesis.next_meetings.clear();
        assert_eq!(
            follow_up(&previous, "k.json", 0, "T"),
            Err(FollowUpError::NoPlannedMeeting)
        );
    }

    #[test]
    fn series_are_recognised_by_network_and_theme_or_by_reference() {
        let a = kick_off();
        let b = follow_up(&a, "sub/a.json", 0, "T").unwrap();
        assert!(same_series(&a, "a.json", &b, "b.json"));
        let mut other = a.clone();
        other.header.theme = "Sociaal domein".into();
        assert!(!same_series(&a, "a.json", &other, "o.json"));
        let mut renamed = b.clone();
        renamed.header.network = "Anders".into();
        assert!(
            same_series(&a, "a.json", &renamed, "b.json"),
            "linked by reference"
        );
        assert!(!same_series(
            &Session::default(),
            "x",
            &Session::default(),
            "y"
        ));
    }

    #[test]
    fn timeline_lines_up_each_municipality() {
        let a = kick_off();
        let mut b = follow_up(&a, "a.json", 0, "T").unwrap();
        let exp = b.add_experiment(&OrgId::new("a"));
        b.add_keyword(&exp, "verder");
        let rows = timeline(&[&a, &b]);
        assert_eq!(rows.len(), 2, "guests have no row");
        assert_eq!(rows[0].name, "Lochem");
        assert_eq!(rows[0].meetings[0][0].title, "Start van de raad");
        assert_eq!(rows[0].meetings[1][0].keywords, ["verder"]);
        assert!(rows[1].meetings.iter().all(Vec::is_empty));

        // Without the kick-off's file, its column comes from the snapshot.
        let empty = Session::default();
        let rows = timeline(&[&empty, &b]);
        assert_eq!(rows[0].meetings[0][0].keywords, ["leren"]);
        assert_eq!(
            planned_month(PlannedDate::Day(a.header.date.unwrap())),
            (2020, 2)
        );
    }

    #[test]
    fn kick_off_files_have_no_previous_session() {
        let json = serde_json::to_string(&kick_off()).unwrap();
        assert!(!json.contains("previous"));
        let next = follow_up(&kick_off(), "a.json", 0, "T").unwrap();
        let json = serde_json::to_string(&next).unwrap();
        let back: Session = serde_json::from_str(&json).unwrap();
        assert_eq!(back, next);
    }

    #[test]
    fn follow_up_ids_stay_fresh() {
        let next = follow_up(&kick_off(), "a.json", 0, "T").unwrap();
        let mut copy = next.clone();
        let id = copy.add_action("Nieuw", None, None);
        assert!(!next.all_ids().contains(&id.as_str()));
    }
}
