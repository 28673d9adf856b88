//! Series of sessions, app side: making the follow-up session next to the
//! open one, and reading the folder for the series view (through `store`).

use std::path::PathBuf;

use crate::i18n::{self, T, tr, trf};
use crate::model::series::{OrgTimeline, timeline};
use crate::store;

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
    /// next to the open session and opens it.
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
        self.save_if_dirty();
        let review = tr(self.state.session.header.language, T::SeriesReviewTitle);
        match store::series::write_follow_up(
            &self.state.session,
            &file,
            meeting,
            review,
            None,
            false,
        ) {
            Ok((path, _)) => {
                self.open_file(&path);
                let name = path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
                self.notify(
                    NoticeLevel::Info,
                    &trf(lang, T::SeriesCreated, &[("file", &name)]),
                    String::new(),
                );
            }
            Err(error) => {
                let detail = crate::cli::follow_up_error_message(&error, lang);
                self.notify(
                    NoticeLevel::Error,
                    tr(lang, T::SeriesFollowUpFailed),
                    detail,
                );
            }
        }
    }

    /// Opens the series view (reading the session's folder) or closes it.
    pub(super) fn toggle_series(&mut self) {
        if self.state.series.take().is_some() {
            return;
        }
        let lang = self.state.ui_lang;
        let session = &self.state.session;
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
        let Some(file) = self.state.file.clone() else {
            // An untitled session has no folder: it is a series of one.
            self.state.series = Some(SeriesView {
                name,
                meetings: vec![SeriesMeeting {
                    path: PathBuf::new(),
                    title: header.title.clone(),
                    when: when(session),
                    current: true,
                }],
                timeline: timeline(&[session]),
                skipped: Vec::new(),
            });
            return;
        };
        let scan = store::series::scan(&file, session);
        let sessions: Vec<_> = scan.entries.iter().map(|e| &e.session).collect();
        self.state.series = Some(SeriesView {
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
        });
    }
}
