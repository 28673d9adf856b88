//! What a session may hold beyond its shape: every text within the limit
//! typing has ([`super::limits`]), ids that are not empty, minutes, seconds
//! and counts that make sense, dates in the years 1900–2200, months 1–12,
//! times that exist on a clock and one turn per organisation in a round.
//! [`Session::problems`] reports these with the ids' consistency, so a file
//! is held to the same rules as typing; the edits that replace a whole
//! header, participant, action or planned meeting check their value here too.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};

use super::limits::{
    AIRTIME_MAX_SECONDS, BULLET_MAX_CHARS, ID_MAX_CHARS, KEYWORD_MAX_CHARS, MINUTES_MAX,
    PARTICIPANT_COUNT_MAX, PATH_MAX_CHARS, TITLE_MAX_CHARS, YEAR_MAX, YEAR_MIN,
};
use super::rules::Problem;
use super::series::PreviousSession;
use super::session::{
    Action, BlockKind, Bullet, Header, NextMeeting, Note, Owner, Participant, PlannedDate, Session,
};

/// Collects problems; each check names its field.
#[derive(Default)]
pub(super) struct Checker {
    pub(super) problems: Vec<Problem>,
}

impl Checker {
    fn text(&mut self, field: impl Fn() -> String, text: &str, max: usize) {
        // Counting stops past the limit, so a 10 MB text costs no more than a short one.
        if text.len() > max && text.chars().nth(max).is_some() {
            self.problems.push(Problem::TooLong {
                field: field(),
                max,
            });
        }
    }

    fn id(&mut self, field: impl Fn() -> String, id: &str) {
        if id.trim().is_empty() {
            self.problems.push(Problem::EmptyId { field: field() });
        } else {
            self.text(field, id, ID_MAX_CHARS);
        }
    }

    fn number(&mut self, field: impl Fn() -> String, value: i64, min: i64, max: i64) {
        if !(min..=max).contains(&value) {
            self.problems.push(Problem::OutOfRange {
                field: field(),
                value,
                min,
                max,
            });
        }
    }

    fn date(&mut self, field: impl Fn() -> String, date: NaiveDate) {
        self.year(field, date.year());
    }

    fn year(&mut self, field: impl Fn() -> String, year: i32) {
        self.number(
            field,
            i64::from(year),
            i64::from(YEAR_MIN),
            i64::from(YEAR_MAX),
        );
    }

    fn time(&mut self, field: impl Fn() -> String, time: NaiveTime) {
        // chrono reads "23:59:60" as a leap second: no clock shows it.
        if time.nanosecond() >= 1_000_000_000 {
            self.problems.push(Problem::NoSuchTime { field: field() });
        }
    }

    fn date_time(&mut self, field: impl Fn() -> String + Copy, at: NaiveDateTime) {
        self.date(field, at.date());
        self.time(field, at.time());
    }

    fn planned(&mut self, field: impl Fn() -> String, when: &PlannedDate) {
        match when {
            PlannedDate::Day(day) => self.date(|| format!("{}.day", field()), *day),
            PlannedDate::Month { year, month, .. } => {
                self.year(|| format!("{}.month.year", field()), *year);
                self.number(
                    || format!("{}.month.month", field()),
                    i64::from(*month),
                    1,
                    12,
                );
            }
        }
    }

    fn notes(&mut self, at: &str, notes: &[Note]) {
        for (i, note) in notes.iter().enumerate() {
            self.id(|| format!("{at}notes[{i}].id"), note.id.as_str());
            self.text(
                || format!("{at}notes[{i}].text"),
                &note.text,
                BULLET_MAX_CHARS,
            );
        }
    }

    fn bullets(&mut self, at: &str, bullets: &[Bullet]) {
        for (i, bullet) in bullets.iter().enumerate() {
            let here = format!("{at}[{i}]");
            self.id(|| format!("{here}.id"), bullet.id.as_str());
            self.text(|| format!("{here}.text"), &bullet.text, BULLET_MAX_CHARS);
            for (j, tag) in bullet.tags.iter().enumerate() {
                self.text(|| format!("{here}.tags[{j}]"), tag, BULLET_MAX_CHARS);
            }
            self.bullets(&format!("{here}.children"), &bullet.children);
        }
    }

    /// The header's texts, count and times; `at` is its path ("header").
    pub(super) fn header(&mut self, at: &str, header: &Header) {
        let texts = [
            ("title", &header.title),
            ("network", &header.network),
            ("theme", &header.theme),
            ("location", &header.location),
            ("facilitator", &header.facilitator),
            ("chair", &header.chair),
            ("note_taker", &header.note_taker),
        ];
        for (name, text) in texts {
            self.text(|| format!("{at}.{name}"), text, TITLE_MAX_CHARS);
        }
        if let Some(date) = header.date {
            self.date(|| format!("{at}.date"), date);
        }
        if let Some(time) = header.start_time {
            self.time(|| format!("{at}.start_time"), time);
        }
        if let Some(time) = header.end_time {
            self.time(|| format!("{at}.end_time"), time);
        }
        if let Some(host) = &header.host {
            self.id(|| format!("{at}.host"), host.as_str());
        }
        if let Some(count) = header.participant_count {
            self.number(
                || format!("{at}.participant_count"),
                i64::from(count),
                0,
                i64::from(PARTICIPANT_COUNT_MAX),
            );
        }
    }

    /// When an item started and ended, as the agenda clock records them.
    pub(super) fn times(
        &mut self,
        at: &str,
        start: Option<NaiveDateTime>,
        end: Option<NaiveDateTime>,
    ) {
        if let Some(start) = start {
            self.date_time(|| format!("{at}.actual_start"), start);
        }
        if let Some(end) = end {
            self.date_time(|| format!("{at}.actual_end"), end);
        }
    }

    pub(super) fn participant(&mut self, at: &str, p: &Participant) {
        self.id(|| format!("{at}.id"), p.id.as_str());
        self.text(|| format!("{at}.name"), &p.name, TITLE_MAX_CHARS);
        self.text(|| format!("{at}.role"), &p.role, TITLE_MAX_CHARS);
    }

    pub(super) fn action(&mut self, at: &str, action: &Action) {
        self.id(|| format!("{at}.id"), action.id.as_str());
        self.text(|| format!("{at}.text"), &action.text, BULLET_MAX_CHARS);
        match &action.owner {
            Some(Owner::Name(name)) => {
                self.text(|| format!("{at}.owner.name"), name, TITLE_MAX_CHARS);
            }
            Some(Owner::Organisation(id)) => self.id(|| format!("{at}.owner"), id.as_str()),
            Some(Owner::Participant(id)) => self.id(|| format!("{at}.owner"), id.as_str()),
            None => {}
        }
        if let Some(due) = action.due {
            self.date(|| format!("{at}.due"), due);
        }
        if let Some(from) = &action.from {
            self.text(|| format!("{at}.from.title"), &from.title, TITLE_MAX_CHARS);
            if let Some(when) = &from.when {
                self.planned(|| format!("{at}.from.when"), when);
            }
        }
    }

    pub(super) fn meeting(&mut self, at: &str, meeting: &NextMeeting) {
        self.id(|| format!("{at}.id"), meeting.id.as_str());
        self.text(|| format!("{at}.theme"), &meeting.theme, TITLE_MAX_CHARS);
        if let Some(when) = &meeting.when {
            self.planned(|| format!("{at}.when"), when);
        }
    }

    fn previous(&mut self, previous: &PreviousSession) {
        let at = "previous";
        self.text(|| format!("{at}.file"), &previous.file, PATH_MAX_CHARS);
        self.text(|| format!("{at}.title"), &previous.title, TITLE_MAX_CHARS);
        if let Some(date) = previous.date {
            self.date(|| format!("{at}.date"), date);
        }
        if let Some(when) = &previous.planned {
            self.planned(|| format!("{at}.planned"), when);
        }
        for (i, e) in previous.experiments.iter().enumerate() {
            let here = format!("{at}.experiments[{i}]");
            self.text(|| format!("{here}.title"), &e.title, TITLE_MAX_CHARS);
            for (j, k) in e.keywords.iter().enumerate() {
                self.text(|| format!("{here}.keywords[{j}]"), k, KEYWORD_MAX_CHARS);
            }
        }
    }

    /// Everything in `session` but the consistency of its ids.
    pub(super) fn session(&mut self, session: &Session) {
        self.header("header", &session.header);
        if let Some(previous) = &session.previous {
            self.previous(previous);
        }
        self.notes("", &session.notes);
        for (i, o) in session.organisations.iter().enumerate() {
            let at = format!("organisations[{i}]");
            self.id(|| format!("{at}.id"), o.id.as_str());
            self.text(|| format!("{at}.name"), &o.name, TITLE_MAX_CHARS);
            self.notes(&format!("{at}."), &o.notes);
        }
        for (i, p) in session.participants.iter().enumerate() {
            self.participant(&format!("participants[{i}]"), p);
        }
        for (i, item) in session.agenda.iter().enumerate() {
            let at = format!("agenda[{i}]");
            self.id(|| format!("{at}.id"), item.id.as_str());
            self.text(|| format!("{at}.title"), &item.title, TITLE_MAX_CHARS);
            self.number(
                || format!("{at}.planned_minutes"),
                i64::from(item.planned_minutes),
                0,
                i64::from(MINUTES_MAX),
            );
            self.notes(&format!("{at}."), &item.notes);
            self.times(&at, item.actual_start, item.actual_end);
            if let Some(round) = &item.round {
                self.number(
                    || format!("{at}.round.speaker_minutes"),
                    i64::from(round.speaker_minutes),
                    0,
                    i64::from(MINUTES_MAX),
                );
                let mut seen = std::collections::HashSet::new();
                for (j, s) in round.speakers.iter().enumerate() {
                    let here = format!("{at}.round.speakers[{j}]");
                    self.number(
                        || format!("{here}.airtime_seconds"),
                        i64::from(s.airtime_seconds),
                        0,
                        i64::from(AIRTIME_MAX_SECONDS),
                    );
                    if !seen.insert(s.organisation.as_str()) {
                        self.problems.push(Problem::DuplicateSpeaker {
                            field: here,
                            id: s.organisation.as_str().to_owned(),
                        });
                    }
                }
            }
        }
        for (i, e) in session.experiments.iter().enumerate() {
            let at = format!("experiments[{i}]");
            self.id(|| format!("{at}.id"), e.id.as_str());
            self.text(|| format!("{at}.title"), &e.title, TITLE_MAX_CHARS);
            for (j, k) in e.keywords.iter().enumerate() {
                let here = format!("{at}.keywords[{j}]");
                self.id(|| format!("{here}.id"), k.id.as_str());
                self.text(|| format!("{here}.text"), &k.text, KEYWORD_MAX_CHARS);
                for (t, tag) in k.tags.iter().enumerate() {
                    self.text(|| format!("{here}.tags[{t}]"), tag, KEYWORD_MAX_CHARS);
                }
            }
            self.notes(&format!("{at}."), &e.notes);
        }
        for kind in BlockKind::ALL {
            let name = block_name(kind);
            let block = session.synthesis.block(kind);
            self.text(
                || format!("synthesis.{name}.heading"),
                &block.heading,
                TITLE_MAX_CHARS,
            );
            self.bullets(&format!("synthesis.{name}.bullets"), &block.bullets);
        }
        for (i, a) in session.synthesis.actions.iter().enumerate() {
            self.action(&format!("synthesis.actions[{i}]"), a);
        }
        for (i, m) in session.synthesis.next_meetings.iter().enumerate() {
            self.meeting(&format!("synthesis.next_meetings[{i}]"), m);
        }
        for (i, a) in session.attachments.iter().enumerate() {
            let at = format!("attachments[{i}]");
            self.id(|| format!("{at}.id"), a.id.as_str());
            self.text(|| format!("{at}.path"), &a.path, PATH_MAX_CHARS);
            self.text(|| format!("{at}.caption"), &a.caption, TITLE_MAX_CHARS);
        }
        let themes = &session.themes;
        for (list, keys) in [
            ("confirmed", &themes.confirmed),
            ("dismissed", &themes.dismissed),
        ] {
            for (i, key) in keys.iter().enumerate() {
                self.text(|| format!("themes.{list}[{i}]"), key, KEYWORD_MAX_CHARS);
            }
        }
        for (i, m) in themes.merged.iter().enumerate() {
            self.text(
                || format!("themes.merged[{i}].from"),
                &m.from,
                KEYWORD_MAX_CHARS,
            );
            self.text(
                || format!("themes.merged[{i}].into"),
                &m.into,
                KEYWORD_MAX_CHARS,
            );
        }
        for (key, label) in &themes.labels {
            self.text(
                || format!("themes.labels.{}", super::limits::truncated(key, 40)),
                key,
                KEYWORD_MAX_CHARS,
            );
            self.text(
                || format!("themes.labels.{}", super::limits::truncated(key, 40)),
                label,
                TITLE_MAX_CHARS,
            );
        }
    }
}

/// The block's field name in the file.
fn block_name(kind: BlockKind) -> &'static str {
    match kind {
        BlockKind::Observations => "observations",
        BlockKind::Opportunities => "opportunities",
        BlockKind::FollowUp => "follow_up",
        BlockKind::Proposals => "proposals",
        BlockKind::Decisions => "decisions",
        BlockKind::OpenQuestions => "open_questions",
    }
}

/// The problems of one value an edit puts in whole.
pub(super) fn problems_of(check: impl FnOnce(&mut Checker)) -> Vec<Problem> {
    let mut checker = Checker::default();
    check(&mut checker);
    checker.problems
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::model::{
        ActionId, AgendaItem, AgendaKind, Edit, EditError, Experiment, ExperimentId, ItemId,
        Keyword, KeywordId, MeetingId, MonthPart, OrgId, OrgKind, Organisation, Round, Speaker,
        SpeakerStatus,
    };

    fn org(id: &str) -> Organisation {
        Organisation {
            id: OrgId::new(id),
            name: id.to_uppercase(),
            kind: OrgKind::Municipality,
            notes: Vec::new(),
            attendance: crate::model::Attendance::Unknown,
        }
    }

    fn session() -> Session {
        let mut s = Session {
            organisations: vec![org("a"), org("b")],
            ..Session::default()
        };
        s.experiments.push(Experiment {
            id: ExperimentId::new("exp-1"),
            organisation: OrgId::new("a"),
            title: "Wijkbudget".into(),
            keywords: vec![Keyword {
                id: KeywordId::new("kw-1"),
                text: "raad".into(),
                tags: Vec::new(),
                highlighted: false,
            }],
            notes: Vec::new(),
        });
        let mut item = AgendaItem::new(ItemId::new("item-1"), "Ronde", AgendaKind::Round, 30);
        item.round = Some(Round {
            speaker_minutes: 5,
            speakers: ["a", "b"]
                .map(|o| Speaker {
                    organisation: OrgId::new(o),
                    status: SpeakerStatus::Waiting,
                    airtime_seconds: 0,
                })
                .to_vec(),
        });
        s.agenda.push(item);
        s
    }

    fn fields(s: &Session) -> Vec<String> {
        s.problems().iter().map(|p| p.field().to_owned()).collect()
    }

    #[test]
    fn a_sensible_session_has_no_problems() {
        assert_eq!(session().problems(), Vec::new());
    }

    #[test]
    fn planned_month_13_or_0_is_refused() {
        for month in [0, 13] {
            let mut s = session();
            s.synthesis.next_meetings.push(NextMeeting {
                id: MeetingId::new("m-1"),
                when: Some(PlannedDate::Month {
                    year: 2020,
                    month,
                    part: MonthPart::Any,
                }),
                theme: String::new(),
                host: None,
            });
            assert_eq!(
                s.problems(),
                [Problem::OutOfRange {
                    field: "synthesis.next_meetings[0].when.month.month".into(),
                    value: i64::from(month),
                    min: 1,
                    max: 12
                }]
            );
        }
    }

    #[test]
    fn years_0_and_10000_are_refused() {
        for year in [0, 1899, 2201, 10_000] {
            let mut s = session();
            s.header.date = NaiveDate::from_ymd_opt(year, 6, 1);
            assert_eq!(fields(&s), ["header.date"], "{year}");
        }
        let mut s = session();
        s.header.date = NaiveDate::from_ymd_opt(1900, 1, 1);
        s.synthesis.actions.push(Action {
            id: ActionId::new("a-1"),
            text: "Mailen".into(),
            owner: None,
            due: NaiveDate::from_ymd_opt(2200, 12, 31),
            status: crate::model::ActionStatus::Open,
            from: None,
        });
        assert!(s.problems().is_empty(), "{:?}", s.problems());
    }

    #[test]
    fn a_leap_second_time_is_refused() {
        let mut s = session();
        s.header.start_time = NaiveTime::from_hms_milli_opt(23, 59, 59, 1_000);
        assert_eq!(
            s.header.start_time.map(|t| t.to_string()).as_deref(),
            Some("23:59:60")
        );
        assert_eq!(
            s.problems(),
            [Problem::NoSuchTime {
                field: "header.start_time".into()
            }]
        );
    }

    #[test]
    fn empty_ids_are_refused() {
        let mut s = session();
        s.experiments[0].keywords[0].id = KeywordId::new("");
        s.organisations[1].id = OrgId::new("  ");
        s.agenda[0].round = None;
        let found = fields(&s);
        assert!(
            found.contains(&"experiments[0].keywords[0].id".to_owned()),
            "{found:?}"
        );
        assert!(
            found.contains(&"organisations[1].id".to_owned()),
            "{found:?}"
        );
    }

    #[test]
    fn duplicate_speakers_are_refused() {
        let mut s = session();
        if let Some(round) = s.agenda[0].round.as_mut() {
            round.speakers[1].organisation = OrgId::new("a");
        }
        assert_eq!(
            s.problems(),
            [Problem::DuplicateSpeaker {
                field: "agenda[0].round.speakers[1]".into(),
                id: "a".into()
            }]
        );
    }

    #[test]
    fn planned_minutes_of_four_billion_are_refused() {
        let mut s = session();
        s.agenda[0].planned_minutes = u32::MAX;
        if let Some(round) = s.agenda[0].round.as_mut() {
            round.speakers[0].airtime_seconds = u32::MAX;
        }
        assert_eq!(
            fields(&s),
            [
                "agenda[0].planned_minutes",
                "agenda[0].round.speakers[0].airtime_seconds"
            ]
        );
        s.agenda[0].planned_minutes = MINUTES_MAX;
        if let Some(round) = s.agenda[0].round.as_mut() {
            round.speakers[0].airtime_seconds = AIRTIME_MAX_SECONDS;
        }
        assert!(s.problems().is_empty());
    }

    #[test]
    fn a_ten_megabyte_keyword_is_refused_naming_the_field() {
        let mut s = session();
        s.experiments[0].keywords[0].text = "x".repeat(10_000_000);
        assert_eq!(
            s.problems(),
            [Problem::TooLong {
                field: "experiments[0].keywords[0].text".into(),
                max: KEYWORD_MAX_CHARS
            }]
        );
        // Exactly the limit is fine, counted in characters.
        s.experiments[0].keywords[0].text = "ë".repeat(KEYWORD_MAX_CHARS);
        assert!(s.problems().is_empty());
    }

    #[test]
    fn whole_values_put_in_by_an_edit_are_held_to_the_same_rules() {
        let mut s = session();
        let before = s.clone();
        let mut header = s.header.clone();
        header.title = "t".repeat(TITLE_MAX_CHARS + 1);
        let err = Edit::SetHeader(Box::new(header)).apply(&mut s).unwrap_err();
        assert_eq!(
            err,
            EditError::Invalid(Problem::TooLong {
                field: "header.title".into(),
                max: TITLE_MAX_CHARS
            })
        );
        let Ok(crate::model::Outcome::Created(crate::model::Created::Meeting(id))) =
            Edit::AddNextMeeting.apply(&mut s)
        else {
            panic!("a meeting is made");
        };
        let with_meeting = s.clone();
        let meeting = NextMeeting {
            id,
            when: Some(PlannedDate::Month {
                year: 2020,
                month: 13,
                part: MonthPart::Any,
            }),
            theme: String::new(),
            host: None,
        };
        let err = Edit::SetNextMeeting(Box::new(meeting))
            .apply(&mut s)
            .unwrap_err();
        assert!(
            matches!(err, EditError::Invalid(Problem::OutOfRange { .. })),
            "{err:?}"
        );
        assert_eq!(s, with_meeting);
        let mut broken = before.clone();
        broken.agenda[0].planned_minutes = u32::MAX;
        let err = Edit::ReplaceSession(Box::new(broken))
            .apply(&mut s)
            .unwrap_err();
        assert!(matches!(err, EditError::Invalid(_)), "{err:?}");
        assert_eq!(s, with_meeting);
    }

    #[test]
    fn typed_texts_never_make_what_a_file_may_not_hold() {
        let mut s = session();
        let long_owner = format!("! bellen @{}", "n".repeat(600));
        Edit::AddTypedBullet {
            block: BlockKind::Observations,
            depth: 0,
            text: long_owner,
        }
        .apply(&mut s)
        .unwrap();
        let pasted = format!("{}\t{}\n", "p".repeat(400), "r".repeat(400));
        Edit::PasteParticipants { text: pasted }
            .apply(&mut s)
            .unwrap();
        assert_eq!(s.problems(), Vec::new());
        let err = Edit::AddKeyword {
            org: OrgId::new("a"),
            experiment: None,
            text: format!("raad #{}", "t".repeat(600)),
        }
        .apply(&mut s)
        .unwrap_err();
        assert!(matches!(err, EditError::TooLong { .. }), "{err:?}");
    }
}
