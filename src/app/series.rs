//! Series of sessions, app side: making the follow-up session next to the
//! open one, and reading the folder for the series view (through `store`).

use std::path::PathBuf;

use crate::i18n::{self, T, tr};
use crate::model::series::{OrgTimeline, timeline};
use crate::store;

use super::jobs::{Finished, JobKind, read_session};
use super::{LeerkringApp, NoticeLevel};

/// One meeting in the series view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesMeeting {
    /// The session's file.
    pub path: PathBuf,
    /// Its title.
    pub title: String,
    /// Its date (or planned month) in the UI language; empty when unknown.
    pub when: String,
    /// Whether it is the open session.
    pub current: bool,
}

/// What the series view shows, read when it opens.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SeriesView {
    /// The series' name: network and theme.
    pub name: String,
    /// The meetings, earliest first.
    pub meetings: Vec<SeriesMeeting>,
    /// Each municipality's experiments, one column per meeting.
    pub timeline: Vec<OrgTimeline>,
    /// Files in the folder that could not be read.
    pub skipped: Vec<String>,
}

impl LeerkringApp {
    /// Makes the follow-up for planned meeting `meeting` (from 0), saves it
    /// next to the open session and opens it (in the background).
    pub(super) fn new_follow_up(&mut self, meeting: usize) {
        let lang = self.state.ui_lang;
        let Some(file) = self.state.file.clone() else {
            self.notify(
                NoticeLevel::Info,
                tr(lang, T::SeriesFollowUpFailed),
                tr(lang, T::SeriesNeedsFile).to_owned(),
            );
            return;
        };
        if self.jobs.running(JobKind::FollowUp) {
            return;
        }
        self.save_if_dirty();
        let review = tr(self.state.session.header.language, T::SeriesReviewTitle);
        let session = self.state.session.clone();
        let dirs = self.env.dirs.clone();
        let now = self.env.clock.now();
        self.jobs.spawn(JobKind::FollowUp, move || {
            let written =
                store::series::write_follow_up(&session, &file, meeting, review, None, false, None);
            Finished::FollowUp(match written {
                Ok((path, _)) => Ok(Box::new(read_session(dirs.as_ref(), path, now))),
                Err(error) => Err(crate::cli::follow_up_error_message(&error, lang)),
            })
        });
    }

    /// Opens the series view (reading the session's folder in the
    /// background) or closes it.
    pub(super) fn toggle_series(&mut self) {
        if self.state.series.take().is_some() || self.jobs.running(JobKind::Series) {
            return;
        }
        let lang = self.state.ui_lang;
        let session = self.state.session.clone();
        let file = self.state.file.clone();
        self.jobs.spawn(JobKind::Series, move || {
            Finished::Series(series_view(&session, file.as_deref(), lang))
        });
    }
}

/// The series view of `session` (kept in `file`): the sessions of its
/// folder with the same network and theme, and each municipality's
/// timeline. Reads the folder; runs on a job thread.
#[must_use]
pub fn series_view(
    session: &crate::model::Session,
    file: Option<&std::path::Path>,
    lang: i18n::Language,
) -> SeriesView {
    let header = &session.header;
    let name = [header.network.trim(), header.theme.trim()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    let when = |s: &crate::model::Session| {
        s.header.date.map_or_else(
            || {
                s.previous
                    .as_ref()
                    .and_then(|p| p.planned)
                    .map(|p| i18n::format_planned_date(lang, p))
                    .unwrap_or_default()
            },
            |d| i18n::format_date(lang, d),
        )
    };
    let Some(file) = file else {
        // An untitled session has no folder: it is a series of one.
        return SeriesView {
            name,
            meetings: vec![SeriesMeeting {
                path: PathBuf::new(),
                title: header.title.clone(),
                when: when(session),
                current: true,
            }],
            timeline: timeline(&[session]),
            skipped: Vec::new(),
        };
    };
    let scan = store::series::scan(file, session);
    let sessions: Vec<_> = scan.entries.iter().map(|e| &e.session).collect();
    SeriesView {
        name,
        meetings: scan
            .entries
            .iter()
            .map(|e| SeriesMeeting {
                path: e.path.clone(),
                title: e.session.header.title.clone(),
                when: when(&e.session),
                current: e.path == file,
            })
            .collect(),
        timeline: timeline(&sessions),
        skipped: scan.skipped.iter().map(|e| e.message(lang)).collect(),
    }
}
