//! The agenda on the clock: which item runs, for how long, and the speaker
//! countdown in a round. Times come from the caller (the injected clock), so
//! tests freeze and advance them. Actual start and end times and the airtime
//! of each speaker are written into the session, where the report finds them,
//! as [`Edit`]s that are never undone: each method applies them and returns
//! them, so the app treats them like every other applied edit.

use std::collections::HashMap;

use chrono::NaiveDateTime;

use crate::model::{Edit, ItemId, OrgId, Session, SpeakerStatus};

/// Edits the clock made, already applied to the session.
pub type ClockEdits = Vec<Edit>;

/// Applies a clock edit and keeps it; a clock edit that no longer fits the
/// session (its item was removed) is dropped.
fn record(session: &mut Session, edit: Edit, out: &mut ClockEdits) {
    if let Ok(outcome) = edit.apply(session)
        && outcome.changed()
    {
        out.push(edit);
    }
}

/// Records an item's actual start (from the one it has) and end.
fn set_times(
    session: &mut Session,
    id: &ItemId,
    start: impl FnOnce(Option<NaiveDateTime>) -> Option<NaiveDateTime>,
    end: Option<NaiveDateTime>,
    out: &mut ClockEdits,
) {
    let Some(item) = session.agenda_item(id) else {
        return;
    };
    let edit = Edit::SetItemTimes {
        item: id.clone(),
        start: start(item.actual_start),
        end,
    };
    record(session, edit, out);
}

/// Whether the agenda clock runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RunStatus {
    /// Not started yet.
    #[default]
    Idle,
    /// The current item's clock runs.
    Running,
    /// Paused: the clock stands still.
    Paused,
}

/// How far an item is into its planned time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeState {
    /// Less than 80 % of the planned time used.
    Normal,
    /// 80 % or more.
    Warning,
    /// 100 % or more.
    Over,
}

/// The agenda clock and the round's speaker clock.
#[derive(Debug, Clone, Default)]
pub struct Runner {
    /// The current agenda item.
    pub current: Option<ItemId>,
    /// Running, paused or not started.
    pub status: RunStatus,
    /// Seconds used per item before the running span (items can be revisited).
    used: HashMap<ItemId, i64>,
    /// When the current running span started.
    span_start: Option<NaiveDateTime>,
    /// The current speaker in a round.
    pub speaker: Option<OrgId>,
    /// Seconds the current speaker used before the running span.
    speaker_used: i64,
    /// When the current speaker's running span started.
    speaker_span_start: Option<NaiveDateTime>,
}

fn seconds_between(from: NaiveDateTime, to: NaiveDateTime) -> i64 {
    (to - from).num_seconds().max(0)
}

impl Runner {
    /// Whether the clock runs.
    #[must_use]
    pub fn is_running(&self) -> bool {
        self.status == RunStatus::Running
    }

    /// The current item, or the first one when none was chosen yet.
    #[must_use]
    pub fn current_or_first<'a>(&'a self, session: &'a Session) -> Option<&'a ItemId> {
        self.current
            .as_ref()
            .filter(|id| session.agenda_item(id).is_some())
            .or_else(|| session.agenda.first().map(|i| &i.id))
    }

    /// Seconds used on an item so far.
    #[must_use]
    pub fn elapsed(&self, item: &ItemId, now: NaiveDateTime) -> i64 {
        let before = self.used.get(item).copied().unwrap_or(0);
        match (&self.current, self.span_start) {
            (Some(current), Some(start)) if current == item && self.is_running() => {
                before + seconds_between(start, now)
            }
            _ => before,
        }
    }

    /// Seconds the current speaker has spoken.
    #[must_use]
    pub fn speaker_elapsed(&self, now: NaiveDateTime) -> i64 {
        match self.speaker_span_start {
            Some(start) if self.is_running() => self.speaker_used + seconds_between(start, now),
            _ => self.speaker_used,
        }
    }

    /// Seconds left for the current speaker (negative when over time).
    #[must_use]
    pub fn speaker_remaining(&self, session: &Session, now: NaiveDateTime) -> Option<i64> {
        let item = session.agenda_item(self.current.as_ref()?)?;
        let round = item.round.as_ref()?;
        self.speaker.as_ref()?;
        Some(i64::from(round.speaker_minutes) * 60 - self.speaker_elapsed(now))
    }

    /// Colour state of an item: 80 % and 100 % of its planned time.
    #[must_use]
    pub fn time_state(&self, session: &Session, item: &ItemId, now: NaiveDateTime) -> TimeState {
        let planned = session
            .agenda_item(item)
            .map_or(0, |i| i64::from(i.planned_minutes) * 60);
        let used = self.elapsed(item, now);
        if planned == 0 {
            return if used > 0 {
                TimeState::Over
            } else {
                TimeState::Normal
            };
        }
        if used * 100 >= planned * 100 {
            TimeState::Over
        } else if used * 100 >= planned * 80 {
            TimeState::Warning
        } else {
            TimeState::Normal
        }
    }

    /// Seconds behind schedule for the whole meeting (negative: ahead).
    /// Items already used count with their real time; the current item
    /// counts only once it runs over.
    #[must_use]
    pub fn behind_seconds(&self, session: &Session, now: NaiveDateTime) -> i64 {
        let mut behind = 0;
        for item in &session.agenda {
            let planned = i64::from(item.planned_minutes) * 60;
            let used = self.elapsed(&item.id, now);
            if Some(&item.id) == self.current.as_ref() {
                behind += (used - planned).max(0);
            } else if item.actual_end.is_some() || self.used.contains_key(&item.id) {
                behind += used - planned;
            }
        }
        behind
    }

    /// Starts the agenda (the current or first item), or resumes it.
    pub fn start(&mut self, session: &mut Session, now: NaiveDateTime) -> ClockEdits {
        let mut out = ClockEdits::new();
        let Some(id) = self.current_or_first(session).cloned() else {
            return out;
        };
        self.current = Some(id.clone());
        self.status = RunStatus::Running;
        self.span_start = Some(now);
        if self.speaker.is_some() {
            self.speaker_span_start = Some(now);
        }
        set_times(session, &id, |start| start.or(Some(now)), None, &mut out);
        if self.speaker.is_none() {
            out.extend(self.next_speaker(session, now));
        }
        out
    }

    /// Pauses the clock; the time used so far is kept.
    pub fn pause(&mut self, now: NaiveDateTime) {
        if !self.is_running() {
            return;
        }
        if let (Some(id), Some(start)) = (&self.current, self.span_start) {
            *self.used.entry(id.clone()).or_insert(0) += seconds_between(start, now);
        }
        if let Some(start) = self.speaker_span_start {
            self.speaker_used += seconds_between(start, now);
        }
        self.span_start = None;
        self.speaker_span_start = None;
        self.status = RunStatus::Paused;
    }

    /// Starts when idle or paused, pauses when running.
    pub fn toggle(&mut self, session: &mut Session, now: NaiveDateTime) -> ClockEdits {
        if self.is_running() {
            self.pause(now);
            ClockEdits::new()
        } else {
            self.start(session, now)
        }
    }

    /// Moves to another item. When the clock runs, the item left gets its
    /// end time and the new one starts at once.
    pub fn go_to(
        &mut self,
        session: &mut Session,
        target: &ItemId,
        now: NaiveDateTime,
    ) -> ClockEdits {
        let mut out = ClockEdits::new();
        if self.current.as_ref() == Some(target) || session.agenda_item(target).is_none() {
            return out;
        }
        let was_running = self.is_running();
        self.finish_speaker(session, now, SpeakerStatus::Done, &mut out);
        self.pause(now);
        if was_running && let Some(id) = self.current.clone() {
            set_times(session, &id, |start| start, Some(now), &mut out);
        }
        self.current = Some(target.clone());
        self.speaker = None;
        self.speaker_used = 0;
        // A paused clock stays paused on the new item; a running one runs on.
        if was_running {
            out.extend(self.start(session, now));
        }
        out
    }

    /// Moves `delta` items forward (or back) from the current (or first) item.
    pub fn step(&mut self, session: &mut Session, delta: isize, now: NaiveDateTime) -> ClockEdits {
        let Some(current) = self.current_or_first(session).cloned() else {
            return ClockEdits::new();
        };
        let Some(pos) = session.agenda.iter().position(|i| i.id == current) else {
            return ClockEdits::new();
        };
        self.current = Some(current);
        match pos
            .checked_add_signed(delta)
            .and_then(|t| session.agenda.get(t))
        {
            Some(item) => {
                let id = item.id.clone();
                self.go_to(session, &id, now)
            }
            None => ClockEdits::new(),
        }
    }

    /// Ends the agenda: the current item gets its end time, the clock stops.
    pub fn finish(&mut self, session: &mut Session, now: NaiveDateTime) -> ClockEdits {
        let mut out = ClockEdits::new();
        self.finish_speaker(session, now, SpeakerStatus::Done, &mut out);
        let was_running = self.is_running();
        self.pause(now);
        if was_running && let Some(id) = self.current.clone() {
            set_times(session, &id, |start| start, Some(now), &mut out);
        }
        out
    }

    /// Closes the current speaker's turn with `status`, adding their airtime.
    fn finish_speaker(
        &mut self,
        session: &mut Session,
        now: NaiveDateTime,
        status: SpeakerStatus,
        out: &mut ClockEdits,
    ) {
        let Some(org) = self.speaker.take() else {
            return;
        };
        let spoken = self.speaker_elapsed(now);
        self.speaker_used = 0;
        self.speaker_span_start = None;
        let Some(item) = self.current.clone() else {
            return;
        };
        let Some(before) = session
            .agenda_item(&item)
            .and_then(|i| i.round.as_ref())
            .and_then(|r| r.speakers.iter().find(|s| s.organisation == org))
            .map(|s| s.airtime_seconds)
        else {
            return;
        };
        let edit = Edit::SetSpeakerTurn {
            item,
            org,
            status,
            airtime_seconds: before.saturating_add(u32::try_from(spoken).unwrap_or(u32::MAX)),
        };
        record(session, edit, out);
    }

    /// The current speaker is done; the next waiting one gets the floor.
    /// Returns the new speaker.
    pub fn next_speaker(&mut self, session: &mut Session, now: NaiveDateTime) -> ClockEdits {
        let mut out = ClockEdits::new();
        self.finish_speaker(session, now, SpeakerStatus::Done, &mut out);
        self.take_next_waiting(session, now);
        out
    }

    /// The current speaker is passed over; the next waiting one gets the floor.
    pub fn skip_speaker(&mut self, session: &mut Session, now: NaiveDateTime) -> ClockEdits {
        let mut out = ClockEdits::new();
        self.finish_speaker(session, now, SpeakerStatus::Skipped, &mut out);
        self.take_next_waiting(session, now);
        out
    }

    /// Gives the floor to a chosen speaker (the current one is done).
    pub fn set_speaker(
        &mut self,
        session: &mut Session,
        org: &OrgId,
        now: NaiveDateTime,
    ) -> ClockEdits {
        let mut out = ClockEdits::new();
        if self.speaker.as_ref() == Some(org) {
            return out;
        }
        self.finish_speaker(session, now, SpeakerStatus::Done, &mut out);
        self.speaker = Some(org.clone());
        self.speaker_used = 0;
        self.speaker_span_start = self.is_running().then_some(now);
        out
    }

    fn take_next_waiting(&mut self, session: &Session, now: NaiveDateTime) -> Option<OrgId> {
        let round = self
            .current
            .as_ref()
            .and_then(|id| session.agenda_item(id))
            .and_then(|i| i.round.as_ref())?;
        let next = round
            .speakers
            .iter()
            .find(|s| s.status == SpeakerStatus::Waiting)?
            .organisation
            .clone();
        self.speaker = Some(next.clone());
        self.speaker_used = 0;
        self.speaker_span_start = self.is_running().then_some(now);
        Some(next)
    }
}

/// Copies what the clock wrote (actual times, airtime, speaker status) from
/// `from` into `into`, so undoing an edit never turns back a running timer.
pub fn carry_timing(from: &Session, into: &mut Session) {
    for item in &mut into.agenda {
        let Some(source) = from.agenda_item(&item.id) else {
            continue;
        };
        item.actual_start = source.actual_start;
        item.actual_end = source.actual_end;
        if let (Some(round), Some(source_round)) = (item.round.as_mut(), source.round.as_ref()) {
            for speaker in &mut round.speakers {
                if let Some(s) = source_round
                    .speakers
                    .iter()
                    .find(|s| s.organisation == speaker.organisation)
                {
                    speaker.airtime_seconds = s.airtime_seconds;
                    speaker.status = s.status;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AgendaItem, AgendaKind, Round, Speaker};
    use chrono::{NaiveDate, TimeDelta};

    fn at(minutes: i64) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2020, 2, 4)
            .and_then(|d| d.and_hms_opt(13, 0, 0))
            .unwrap()
            + TimeDelta::minutes(minutes)
    }

    fn item(id: &str, minutes: u32) -> AgendaItem {
        AgendaItem::new(ItemId::new(id), id, AgendaKind::Discussion, minutes)
    }

    fn session() -> Session {
        let mut round = item("round", 15);
        round.kind = AgendaKind::Round;
        round.round = Some(Round {
            speaker_minutes: 5,
            speakers: ["a", "b", "c"]
                .iter()
                .map(|o| Speaker {
                    organisation: OrgId::new(*o),
                    status: SpeakerStatus::Waiting,
                    airtime_seconds: 0,
                })
                .collect(),
        });
        Session {
            agenda: vec![item("open", 10), round, item("close", 5)],
            ..Session::default()
        }
    }

    #[test]
    fn colour_changes_at_80_and_100_percent() {
        let mut s = session();
        let mut r = Runner::default();
        r.start(&mut s, at(0));
        let open = ItemId::new("open");
        assert_eq!(r.time_state(&s, &open, at(7)), TimeState::Normal);
        assert_eq!(r.time_state(&s, &open, at(8)), TimeState::Warning);
        assert_eq!(r.time_state(&s, &open, at(10)), TimeState::Over);
        assert_eq!(r.behind_seconds(&s, at(9)), 0);
        assert_eq!(r.behind_seconds(&s, at(12)), 120);
        assert_eq!(s.agenda[0].actual_start, Some(at(0)));
    }

    #[test]
    fn pause_stops_the_clock_and_next_records_times() {
        let mut s = session();
        let mut r = Runner::default();
        r.start(&mut s, at(0));
        r.pause(at(4));
        assert_eq!(r.elapsed(&ItemId::new("open"), at(30)), 240);
        r.start(&mut s, at(30));
        r.step(&mut s, 1, at(33));
        assert_eq!(s.agenda[0].actual_end, Some(at(33)));
        assert_eq!(s.agenda[1].actual_start, Some(at(33)));
        // 7 of 10 minutes used: 3 minutes ahead.
        assert_eq!(r.behind_seconds(&s, at(33)), -180);
    }

    #[test]
    fn round_with_three_speakers_records_airtime() {
        let mut s = session();
        let mut r = Runner {
            current: Some(ItemId::new("round")),
            ..Runner::default()
        };
        r.start(&mut s, at(0));
        assert_eq!(r.speaker, Some(OrgId::new("a")));
        assert_eq!(r.speaker_remaining(&s, at(2)), Some(180));
        r.next_speaker(&mut s, at(4));
        assert_eq!(r.speaker, Some(OrgId::new("b")));
        r.skip_speaker(&mut s, at(5));
        assert_eq!(r.speaker, Some(OrgId::new("c")));
        assert_eq!(r.speaker_remaining(&s, at(11)), Some(-60), "over time");
        r.next_speaker(&mut s, at(11));
        assert_eq!(r.speaker, None);
        let speakers = &s.agenda[1].round.as_ref().unwrap().speakers;
        let airtime: Vec<_> = speakers.iter().map(|s| s.airtime_seconds).collect();
        assert_eq!(airtime, [240, 60, 360]);
        assert_eq!(speakers[1].status, SpeakerStatus::Skipped);
        assert_eq!(speakers[2].status, SpeakerStatus::Done);
    }

    #[test]
    fn the_clock_edits_it_returns_replay_what_it_wrote() {
        let mut s = session();
        let mut replayed = s.clone();
        let mut r = Runner::default();
        let mut edits = r.start(&mut s, at(0));
        edits.extend(r.step(&mut s, 1, at(9)));
        edits.extend(r.next_speaker(&mut s, at(12)));
        edits.extend(r.skip_speaker(&mut s, at(13)));
        edits.extend(r.finish(&mut s, at(20)));
        assert!(edits.iter().all(|e| !e.undoable()));
        for edit in &edits {
            edit.apply(&mut replayed).expect("replays");
        }
        assert_eq!(replayed, s);
    }

    #[test]
    fn carry_timing_keeps_clock_data_over_an_undo() {
        let mut s = session();
        let before = s.clone();
        let mut r = Runner::default();
        r.start(&mut s, at(0));
        let mut restored = before;
        carry_timing(&s, &mut restored);
        assert_eq!(restored.agenda[0].actual_start, Some(at(0)));
    }
}
