//! The room in the app: opening and closing it, the join address and its
//! QR code for the console and the beamer, and each frame the submissions
//! the server took, applied as [`Edit::ReceiveSubmission`] (saved, never
//! undone) before the phone is told they arrived. With automatic
//! acceptance on, each is accepted at once as an ordinary undoable edit.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex, PoisonError};

use chrono::NaiveDateTime;

use crate::i18n::{T, tr, trf};
use crate::model::{
    BlockKind, Created, Edit, EditError, Language, Outcome, Session, Subject, SubmissionKind,
};
use crate::room::net::{LanAddress, lan_addresses};
use crate::room::{
    Answer, LiveBullet, LiveCard, LiveInfo, LiveItem, LiveScreen, LiveVote, Refusal, Room,
    RoomInfo, RoomOptions, Sent, Tally,
};

pub use crate::room::{JoinCode, QrMatrix};

use super::{LeerkringApp, NoticeLevel, Screen};

/// The open room, as the views show it.
#[derive(Debug, Clone, PartialEq)]
pub struct RoomStatus {
    /// The join address and its QR code.
    pub join: Arc<JoinCode>,
    /// The live view's address (the join address and `/live`).
    pub live_url: String,
    /// This computer's addresses phones may use, likeliest first.
    pub addresses: Vec<LanAddress>,
    /// The address in the join address.
    pub host: IpAddr,
    /// Where the server listens.
    pub listening: SocketAddr,
    /// When the room was opened.
    pub opened_at: NaiveDateTime,
    /// Whether submissions are accepted as they arrive.
    pub auto_accept: bool,
    /// Whether phones may send questions and remarks anonymously.
    pub anonymous: bool,
    /// Whether no network address was found (the join address is the
    /// loopback address then, which no phone can reach).
    pub no_network: bool,
}

/// The room's server and what the app keeps about it.
#[derive(Default)]
pub(super) struct RoomLink {
    room: Option<Room>,
    options: RoomOptions,
    /// The console's context, for waking it when a submission waits.
    wake: Arc<Mutex<Option<egui::Context>>>,
    /// What the join page shows now.
    published: Option<RoomInfo>,
    /// What the live view was last built from: the session's generation,
    /// the beamer's blank, the current item and block, the vote's totals.
    live_from: Option<LiveFrom>,
}

/// See [`RoomLink::live_from`].
type LiveFrom = (
    u64,
    super::projector::Blank,
    Option<crate::model::ItemId>,
    BlockKind,
    Option<(Vec<u32>, usize)>,
);

/// The block's heading as the session shows it: its own, else the standard one.
pub(super) fn heading_of(session: &Session, block: BlockKind) -> String {
    let own = session.synthesis.block(block).heading.trim();
    if own.is_empty() {
        block_heading(session.header.language, block).to_owned()
    } else {
        own.to_owned()
    }
}

/// The bullets of a block, depth first, with their depth.
fn flatten(bullets: &[crate::model::Bullet], depth: usize, out: &mut Vec<LiveBullet>) {
    for bullet in bullets {
        out.push(LiveBullet {
            depth,
            text: bullet.text.clone(),
        });
        flatten(&bullet.children, depth + 1, out);
    }
}

/// What the live view shows: the committed session only (a field's staged
/// text lives in the console's view state and never gets here; notes are
/// left out), and nothing while the beamer is blanked.
fn live_info(
    session: &Session,
    current: Option<&crate::model::ItemId>,
    block: BlockKind,
    blank: super::projector::Blank,
) -> LiveInfo {
    let screen = match blank {
        super::projector::Blank::Off => LiveScreen::Shown,
        super::projector::Blank::Black => LiveScreen::Black,
        super::projector::Blank::White => LiveScreen::White,
    };
    let mut info = LiveInfo {
        lang: session.header.language,
        title: session.header.title.clone(),
        screen,
        ..LiveInfo::default()
    };
    if screen != LiveScreen::Shown {
        return info;
    }
    info.now = current
        .and_then(|id| session.agenda_item(id))
        .map(|item| item.title.clone())
        .unwrap_or_default();
    info.cards = session
        .cards()
        .into_iter()
        .map(|card| {
            let experiment = card
                .experiment
                .as_ref()
                .and_then(|id| session.experiment(id));
            LiveCard {
                organisation: session.organisation_name(&card.org).to_owned(),
                title: experiment.map(|e| e.title.clone()).unwrap_or_default(),
                keywords: experiment
                    .map(|e| e.keywords.iter().map(|k| k.text.clone()).collect())
                    .unwrap_or_default(),
            }
        })
        .collect();
    info.block = heading_of(session, block);
    flatten(
        &session.synthesis.block(block).bullets,
        0,
        &mut info.bullets,
    );
    info.agenda = session
        .agenda
        .iter()
        .map(|item| LiveItem {
            title: item.title.clone(),
            minutes: item.planned_minutes,
            current: current == Some(&item.id),
        })
        .collect();
    info
}

/// The standard heading of a synthesis block in the session's language.
fn block_heading(lang: Language, block: BlockKind) -> &'static str {
    tr(
        lang,
        match block {
            BlockKind::Observations => T::BlockObservations,
            BlockKind::Opportunities => T::BlockOpportunities,
            BlockKind::FollowUp => T::BlockFollowUp,
            BlockKind::Proposals => T::BlockProposals,
            BlockKind::Decisions => T::BlockDecisions,
            BlockKind::OpenQuestions => T::BlockOpenQuestions,
        },
    )
}

/// What the join page shows for `session` with remarks going to `block`.
fn room_info(
    session: &Session,
    block: BlockKind,
    status: Option<&RoomStatus>,
    accepting: bool,
    vote: Option<&super::vote::RunningVote>,
) -> RoomInfo {
    let lang = session.header.language;
    let remark_block = heading_of(session, block);
    // Municipalities first, then guests (who may ask questions too).
    let organisations = session
        .municipalities()
        .chain(session.guests())
        .map(|o| (o.id.clone(), o.name.clone()))
        .collect();
    RoomInfo {
        lang,
        title: session.header.title.clone(),
        organisations,
        anonymous: status.is_some_and(|s| s.anonymous),
        auto_accept: status.is_some_and(|s| s.auto_accept),
        remark_block,
        accepting,
        vote: vote.map(|v| v.spec.clone()),
    }
}

impl LeerkringApp {
    /// Where the room listens when it opens (the command line's
    /// `--room-port` and `--room-bind`; tests use the loopback address).
    pub fn set_room_options(&mut self, options: RoomOptions) {
        self.room.options = options;
    }

    /// The join address while the room is open.
    #[must_use]
    pub fn room_url(&self) -> Option<&str> {
        self.state.room.as_ref().map(|r| r.join.url.as_str())
    }

    /// Where the open room's server listens.
    #[must_use]
    pub fn room_address(&self) -> Option<SocketAddr> {
        self.room.room.as_ref().map(Room::local_addr)
    }

    /// Opens the room (or keeps it open) and returns its join address; on
    /// failure says why, in the user's language (also as a notice).
    pub fn open_room(&mut self) -> Result<String, String> {
        if let Some(url) = self.room_url() {
            return Ok(url.to_owned());
        }
        let lang = self.state.ui_lang;
        if self.state.screen != Screen::Session || self.state.read_only {
            return Err(tr(lang, T::ReadOnlyRefused).to_owned());
        }
        let info = room_info(
            &self.state.session,
            self.state.active_block(),
            None,
            true,
            self.state.vote.as_ref(),
        );
        let wake = Arc::clone(&self.room.wake);
        let waker: crate::room::Waker = Arc::new(move || {
            if let Some(ctx) = wake.lock().unwrap_or_else(PoisonError::into_inner).as_ref() {
                ctx.request_repaint();
            }
        });
        let room = match Room::open(&self.room.options, info.clone(), waker) {
            Ok(room) => room,
            Err(error) => {
                let detail = trf(
                    lang,
                    T::RoomCannotOpenDetail,
                    &[("detail", &error.to_string())],
                );
                self.notify(
                    NoticeLevel::Error,
                    tr(lang, T::RoomCannotOpen),
                    detail.clone(),
                );
                return Err(detail);
            }
        };
        let listening = room.local_addr();
        let addresses = match self.room.options.bind {
            Some(ip) if !ip.is_unspecified() => vec![LanAddress {
                ip,
                interface: String::new(),
            }],
            _ => lan_addresses(),
        };
        let no_network = addresses.is_empty();
        let host = addresses
            .first()
            .map_or(IpAddr::V4(Ipv4Addr::LOCALHOST), |a| a.ip);
        let url = room.url(host);
        self.state.room = Some(RoomStatus {
            join: Arc::new(JoinCode::new(url.clone())),
            live_url: room.live_url(host),
            addresses,
            host,
            listening,
            opened_at: self.env.clock.now(),
            auto_accept: false,
            anonymous: false,
            no_network,
        });
        self.room.room = Some(room);
        self.room.published = Some(info);
        self.view.inbox.shown = true;
        Ok(url)
    }

    /// Closes the room: the server stops, the token is dead. Submissions
    /// already in the inbox stay.
    pub fn close_room(&mut self) {
        if let Some(room) = self.room.room.take() {
            room.close();
        }
        self.room.published = None;
        self.room.live_from = None;
        self.state.room = None;
        // A vote needs the room: it ends with it (the facilitator's "close
        // the room" records it first, see the command).
        self.state.vote = None;
        let projector = &mut self.state.projector;
        if matches!(
            projector.mode_override,
            Some(super::projector::ProjectorMode::Join | super::projector::ProjectorMode::Vote)
        ) {
            projector.mode_override = None;
        }
        // A frozen picture never keeps showing a dead address.
        if let Some(frozen) = projector.frozen.as_mut() {
            frozen.scene.join = None;
        }
        // The panel stays while submissions wait (or when asked for with Ctrl+I).
        self.view.inbox.shown = false;
        self.view.inbox.active = false;
    }

    /// Shows another of this computer's addresses in the join address.
    pub(super) fn choose_room_address(&mut self, host: IpAddr) {
        let (Some(room), Some(status)) = (&self.room.room, self.state.room.as_mut()) else {
            return;
        };
        if status.addresses.iter().any(|a| a.ip == host) {
            status.host = host;
            status.join = Arc::new(JoinCode::new(room.url(host)));
            status.live_url = room.live_url(host);
        }
    }

    /// Flips automatic acceptance (new arrivals only).
    pub(super) fn toggle_room_auto_accept(&mut self) {
        if let Some(status) = self.state.room.as_mut() {
            status.auto_accept = !status.auto_accept;
        }
        self.publish_room();
    }

    /// Flips whether phones may send anonymously.
    pub(super) fn toggle_room_anonymous(&mut self) {
        if let Some(status) = self.state.room.as_mut() {
            status.anonymous = !status.anonymous;
        }
        self.publish_room();
    }

    /// At the start of a frame: remembers the console's context (to be
    /// woken) and takes what phones sent, each answered once it is in the
    /// session.
    pub(super) fn take_room_submissions(&mut self, ctx: &egui::Context) {
        let Some(room) = &self.room.room else {
            return;
        };
        {
            let mut wake = self
                .room
                .wake
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            if wake.is_none() {
                *wake = Some(ctx.clone());
            }
        }
        for incoming in room.take() {
            let answer = self.receive_submission(&incoming.sent);
            incoming.answer(answer);
        }
    }

    /// Puts one submission in the inbox (and accepts it when that is on).
    fn receive_submission(&mut self, sent: &Sent) -> Answer {
        if self.state.screen != Screen::Session || self.state.read_only {
            return Answer::Refused(Refusal::NotAccepting);
        }
        let block = (sent.kind == SubmissionKind::Remark).then(|| self.state.active_block());
        let edit = Edit::ReceiveSubmission {
            received: self.env.clock.now(),
            organisation: sent.organisation.clone(),
            kind: sent.kind,
            block,
            text: sent.text.clone(),
        };
        match self.apply_edit(&edit) {
            Ok(Outcome::Created(Created::Submission(id))) => {
                if self.state.room.as_ref().is_some_and(|r| r.auto_accept) {
                    // One that cannot be accepted keeps waiting in the inbox.
                    let _ = self.apply_edit(&Edit::AcceptSubmission {
                        submission: id.clone(),
                        text: None,
                    });
                }
                Answer::Received(id)
            }
            Ok(Outcome::Created(_) | Outcome::Changed | Outcome::Unchanged) => {
                Answer::Refused(Refusal::NotAccepting)
            }
            Err(EditError::Missing(Subject::Organisation, _)) => {
                Answer::Refused(Refusal::UnknownOrganisation)
            }
            Err(_) => Answer::Refused(Refusal::Invalid),
        }
    }

    /// Tells the server what the join page shows now, when that changed
    /// (the organisations, the current block, anonymous or not).
    pub(super) fn publish_room(&mut self) {
        let Some(room) = &self.room.room else {
            return;
        };
        let accepting = self.state.screen == Screen::Session && !self.state.read_only;
        let info = room_info(
            &self.state.session,
            self.state.active_block(),
            self.state.room.as_ref(),
            accepting,
            self.state.vote.as_ref(),
        );
        if self.room.published.as_ref() != Some(&info) {
            room.publish(info.clone());
            self.room.published = Some(info);
        }
        let state = &self.state;
        // Built again only when something it shows changed (not every frame).
        let from: LiveFrom = (
            self.generation,
            state.projector.blank,
            state.runner.current_or_first(&state.session).cloned(),
            state.active_block(),
            state.vote.as_ref().map(|v| (v.totals.clone(), v.voters)),
        );
        if self.room.live_from.as_ref() == Some(&from) {
            return;
        }
        let Some(room) = &self.room.room else {
            return;
        };
        let mut live = live_info(
            &state.session,
            state.runner.current_or_first(&state.session),
            state.active_block(),
            state.projector.blank,
        );
        if live.screen == LiveScreen::Shown {
            live.vote = state.vote.as_ref().map(|vote| LiveVote {
                question: vote.spec.question.clone(),
                options: vote
                    .spec
                    .options
                    .iter()
                    .cloned()
                    .zip(vote.totals.iter().copied())
                    .collect(),
                voters: vote.voters,
            });
        }
        room.publish_live(live);
        self.room.live_from = Some(from);
    }

    /// The open vote's dots so far, from the room's server.
    pub(super) fn room_tally(&self) -> Option<Tally> {
        self.room.room.as_ref().and_then(Room::tally)
    }

    /// The live view's address while the room is open.
    #[must_use]
    pub fn live_url(&self) -> Option<&str> {
        self.state.room.as_ref().map(|r| r.live_url.as_str())
    }
}
