//! Dot-voting in the app: the facilitator puts the shared themes (or the
//! current synthesis block's bullets) to the room; the room's server
//! collects one ballot per phone; each frame the totals so far reach the
//! console, the beamer (a heat list, totals only) and the live view; and
//! closing the vote records its result as an ordinary, undoable edit.

use std::sync::Arc;

use crate::i18n::{T, tr, trf};
use crate::model::themes::detect_themes;
use crate::model::{Edit, Session, VOTE_MAX_DOTS, VOTE_MAX_OPTIONS, Vote, VoteOption, VoteSource};
use crate::room::{VoteSpec, random_text};

use super::projector::ProjectorMode;
use super::{LeerkringApp, NoticeLevel};

/// How the next vote is set up (the console's controls).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VoteSetup {
    /// Dots per phone.
    pub dots: u32,
    /// Whether a phone may put several dots on one option.
    pub several_per_option: bool,
    /// How many options the room chooses.
    pub choose: usize,
}

impl Default for VoteSetup {
    fn default() -> Self {
        Self {
            dots: 3,
            several_per_option: false,
            choose: 3,
        }
    }
}

/// The vote open now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunningVote {
    /// What the phones see.
    pub spec: VoteSpec,
    /// What the options came from.
    pub source: VoteSource,
    /// How many options the room chooses.
    pub choose: usize,
    /// Dots per option so far.
    pub totals: Vec<u32>,
    /// How many phones voted so far.
    pub voters: usize,
}

/// A vote as the beamer shows it: running (totals so far) or the last one
/// closed (with the options the room chose).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoteView {
    /// What is asked.
    pub question: String,
    /// Each option and its dots.
    pub options: Vec<(String, u32)>,
    /// How many phones voted.
    pub voters: usize,
    /// The options the room chose (empty while running).
    pub chosen: Vec<String>,
    /// Whether phones can still vote.
    pub running: bool,
}

impl VoteView {
    fn running(vote: &RunningVote) -> Self {
        Self {
            question: vote.spec.question.clone(),
            options: vote
                .spec
                .options
                .iter()
                .cloned()
                .zip(vote.totals.iter().copied())
                .collect(),
            voters: vote.voters,
            chosen: Vec::new(),
            running: true,
        }
    }

    fn closed(vote: &Vote) -> Self {
        Self {
            question: vote.question.clone(),
            options: vote
                .options
                .iter()
                .map(|o| (o.label.clone(), o.total))
                .collect(),
            voters: vote.voters as usize,
            chosen: vote.chosen.clone(),
            running: false,
        }
    }
}

/// The beamer's vote: the running one, else the last one closed.
#[must_use]
pub fn vote_view(session: &Session, running: Option<&RunningVote>) -> Option<Arc<VoteView>> {
    running
        .map(VoteView::running)
        .or_else(|| session.votes.last().map(VoteView::closed))
        .map(Arc::new)
}

/// The options a vote on `source` offers: the shared themes' labels (only
/// the confirmed ones when at least two are), or the block's top-level
/// bullets; at most [`VOTE_MAX_OPTIONS`], no doubles.
#[must_use]
pub fn vote_options(session: &Session, source: VoteSource) -> Vec<String> {
    let found: Vec<String> = match source {
        VoteSource::Themes => {
            // The themes the facilitator confirmed, when there are any:
            // the room chooses among those; else among every shared theme.
            let themes = detect_themes(session);
            let confirmed = themes.iter().filter(|t| t.confirmed).count() >= 2;
            themes
                .into_iter()
                .filter(|t| t.confirmed || !confirmed)
                .map(|t| t.label)
                .collect()
        }
        VoteSource::Block { block } => session
            .synthesis
            .block(block)
            .bullets
            .iter()
            .map(|b| b.text.trim().to_owned())
            .collect(),
    };
    let mut options: Vec<String> = Vec::new();
    for option in found {
        if !option.is_empty() && !options.contains(&option) {
            options.push(option);
        }
    }
    options.truncate(VOTE_MAX_OPTIONS);
    options
}

/// What the phones are asked, in the session's language.
fn question(session: &Session, source: VoteSource) -> String {
    let lang = session.header.language;
    match source {
        VoteSource::Themes => tr(lang, T::VoteQuestionThemes).to_owned(),
        VoteSource::Block { block } => trf(
            lang,
            T::VoteQuestionBlock,
            &[("block", &super::room::heading_of(session, block))],
        ),
    }
}

impl LeerkringApp {
    /// Starts a vote on `source` with the console's set-up, opening the
    /// room when it is closed; the beamer shows the vote. On failure says
    /// why (also as a notice).
    pub fn start_vote(&mut self, source: VoteSource) -> Result<(), String> {
        let lang = self.state.ui_lang;
        if self.state.vote.is_some() {
            return Err(tr(lang, T::VoteAlreadyOpen).to_owned());
        }
        let options = vote_options(&self.state.session, source);
        if options.len() < 2 {
            let why = tr(lang, T::VoteTooFewOptions).to_owned();
            self.notify(NoticeLevel::Info, tr(lang, T::VoteCannotStart), why.clone());
            return Err(why);
        }
        self.open_room()?;
        let setup = self.view.vote;
        let dots = setup.dots.clamp(1, VOTE_MAX_DOTS);
        let id = random_text(12).map_err(|e| e.to_string())?;
        let spec = VoteSpec {
            id,
            question: question(&self.state.session, source),
            options,
            dots,
            several_per_option: setup.several_per_option,
        };
        self.state.vote = Some(RunningVote {
            totals: vec![0; spec.options.len()],
            spec,
            source,
            choose: setup.choose.max(1),
            voters: 0,
        });
        self.state.projector.mode_override = Some(ProjectorMode::Vote);
        self.publish_room();
        Ok(())
    }

    /// Each frame: the totals so far, from the room's server.
    pub(super) fn update_vote_tally(&mut self) {
        let Some(tally) = self.room_tally() else {
            return;
        };
        let Some(vote) = self.state.vote.as_mut() else {
            return;
        };
        if tally.vote == vote.spec.id
            && (tally.totals != vote.totals || tally.voters != vote.voters)
        {
            vote.totals = tally.totals;
            vote.voters = tally.voters;
        }
    }

    /// Closes the vote: the phones can no longer vote and the result is
    /// recorded in the session (an undoable edit).
    pub fn close_vote(&mut self) {
        self.update_vote_tally();
        let Some(vote) = self.state.vote.take() else {
            return;
        };
        let edit = Edit::RecordVote {
            question: vote.spec.question.clone(),
            source: vote.source,
            dots: vote.spec.dots,
            several_per_option: vote.spec.several_per_option,
            voters: u32::try_from(vote.voters).unwrap_or(u32::MAX),
            options: vote
                .spec
                .options
                .iter()
                .zip(&vote.totals)
                .map(|(label, total)| VoteOption {
                    label: label.clone(),
                    total: *total,
                })
                .collect(),
            choose: vote.choose,
            closed: self.env.clock.now(),
        };
        self.publish_room();
        if let Err(error) = self.apply_edit(&edit) {
            let lang = self.state.ui_lang;
            self.notify(
                NoticeLevel::Error,
                tr(lang, T::VoteCannotRecord),
                super::edit_error_message(&error, lang),
            );
        }
    }

    /// Ends the vote without recording anything.
    pub fn cancel_vote(&mut self) {
        if self.state.vote.take().is_some() {
            if self.state.projector.mode_override == Some(ProjectorMode::Vote) {
                self.state.projector.mode_override = None;
            }
            self.publish_room();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{BlockKind, Bullet, BulletId};

    #[test]
    fn a_vote_offers_the_shared_themes_or_a_blocks_points_once_each() {
        let mut session = super::super::sample_session();
        let themes = vote_options(&session, VoteSource::Themes);
        assert!(themes.len() >= 4, "{themes:?}");
        assert!(themes.iter().any(|t| t == "raad"), "{themes:?}");
        let bullet = |id: &str, text: &str| Bullet {
            id: BulletId::new(id),
            text: text.into(),
            tags: Vec::new(),
            children: vec![Bullet {
                id: BulletId::new(format!("{id}-sub")),
                text: "detail".into(),
                tags: Vec::new(),
                children: Vec::new(),
            }],
        };
        session.synthesis.opportunities.bullets = vec![
            bullet("x1", "Samen leren"),
            bullet("x2", "  "),
            bullet("x3", "Samen leren"),
            bullet("x4", "Jongeren betrekken"),
        ];
        let block = VoteSource::Block {
            block: BlockKind::Opportunities,
        };
        assert_eq!(
            vote_options(&session, block),
            ["Samen leren", "Jongeren betrekken"]
        );
        // Two confirmed themes: the room chooses among those only.
        let all = vote_options(&session, VoteSource::Themes);
        session.themes.confirmed = vec!["raad".into()];
        assert_eq!(
            vote_options(&session, VoteSource::Themes),
            all,
            "one is not enough"
        );
        let keys: Vec<String> = detect_themes(&session)
            .into_iter()
            .filter(|t| t.label == "raad" || t.label == "inwoners")
            .map(|t| t.key)
            .collect();
        session.themes.confirmed = keys;
        let mut confirmed = vote_options(&session, VoteSource::Themes);
        confirmed.sort();
        assert_eq!(confirmed, ["inwoners", "raad"]);
        // The beamer shows the running vote, else the last one closed.
        assert!(vote_view(&session, None).is_none());
    }
}
