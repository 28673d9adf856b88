//! What the room's server answers: the join page at `/<token>`, a
//! submission posted to it, 403 for any other address. Every submission is
//! checked here (size, fields, the device's rate), then handed to the app,
//! and the phone is told "received" only once the app has put it in the
//! session's inbox.
//!
//! A device is known by a cookie this server sets (never by its address:
//! phones behind one hotspot share an address); a form's nonce makes a
//! submission sent twice (a reload, a retry) arrive once.

use std::collections::{HashMap, VecDeque};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use crate::i18n::{T, tr, trf};
use crate::model::{
    OrgId, SUBMISSION_MAX_CHARS, SubmissionId, SubmissionKind, clean_submission_text,
};

use super::http::{Request, Response};
use super::live::Live;
use super::page::{self, Banner, FormState};
use super::{
    Answer, Incoming, Limits, Refusal, RoomInfo, Sent, Tally, VoteSpec, Waker, random_text,
};

/// The window the limits of [`Limits`] count in.
const RATE_WINDOW: Duration = Duration::from_mins(1);
/// The most devices remembered; beyond it, new phones share one allowance.
const MAX_DEVICES: usize = 2000;
/// How long a phone waits for the app to take its submission.
const ANSWER_TIMEOUT: Duration = Duration::from_secs(8);
/// How many recent form nonces are remembered.
const MAX_NONCES: usize = 4096;
/// The cookie that tells devices apart.
const COOKIE: &str = "lk";

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// When a device's recent submissions were sent: at most a limit in any
/// [`RATE_WINDOW`].
#[derive(Debug, Clone, Default)]
struct Window(VecDeque<Instant>);

impl Window {
    /// Counts one more submission now, when it is allowed.
    fn take(&mut self, now: Instant, limit: usize) -> bool {
        while self
            .0
            .front()
            .is_some_and(|t| now.saturating_duration_since(*t) >= RATE_WINDOW)
        {
            self.0.pop_front();
        }
        if self.0.len() < limit {
            self.0.push_back(now);
            true
        } else {
            false
        }
    }
}

/// One phone, by its cookie.
#[derive(Debug)]
struct Device {
    sent: Window,
    /// What it chose last time, to fill in the form again.
    last: Option<(String, SubmissionKind)>,
}

#[derive(Debug)]
struct Devices {
    known: HashMap<String, Device>,
    /// When recent devices were first seen (see [`Limits::new_devices_per_minute`]).
    issued: VecDeque<Instant>,
    /// The allowance of phones without a (known) cookie.
    shared: Window,
}

impl Devices {
    /// The device a request's cookie names, when this server issued it.
    fn known_id(&self, request: &Request) -> Option<String> {
        let cookies = request.header("cookie")?;
        cookies
            .split(';')
            .filter_map(|c| c.trim().split_once('='))
            .find(|(name, value)| *name == COOKIE && self.known.contains_key(*value))
            .map(|(_, value)| value.to_owned())
    }

    /// A new device, when one more may be remembered now.
    fn issue(&mut self, now: Instant, per_minute: usize) -> Option<String> {
        while self
            .issued
            .front()
            .is_some_and(|t| now.saturating_duration_since(*t) > Duration::from_mins(1))
        {
            self.issued.pop_front();
        }
        if self.known.len() >= MAX_DEVICES || self.issued.len() >= per_minute {
            return None;
        }
        let id = random_text(24).ok()?;
        self.issued.push_back(now);
        self.known.insert(
            id.clone(),
            Device {
                sent: Window::default(),
                last: None,
            },
        );
        Some(id)
    }
}

/// What became of a form nonce.
#[derive(Debug, Clone, PartialEq, Eq)]
enum NonceState {
    /// Handed to the app; the answer is awaited.
    InFlight,
    /// The app put it in the inbox.
    Received(SubmissionId),
}

/// Recent nonces, oldest first.
#[derive(Debug, Default)]
pub(super) struct Nonces {
    states: HashMap<String, NonceState>,
    order: VecDeque<String>,
}

impl Nonces {
    fn start(&mut self, nonce: &str) {
        if self
            .states
            .insert(nonce.to_owned(), NonceState::InFlight)
            .is_none()
        {
            self.order.push_back(nonce.to_owned());
        }
        while self.order.len() > MAX_NONCES {
            if let Some(old) = self.order.pop_front() {
                self.states.remove(&old);
            }
        }
    }

    /// Records the app's answer for `nonce`.
    pub(super) fn finish(&mut self, nonce: &str, answer: &Answer) {
        match answer {
            Answer::Received(id) => {
                if let Some(state) = self.states.get_mut(nonce) {
                    *state = NonceState::Received(id.clone());
                }
            }
            Answer::Refused(_) => {
                self.states.remove(nonce);
            }
        }
    }

    /// Forgets `nonce` (nothing came of it).
    pub(super) fn forget(&mut self, nonce: &str) {
        self.states.remove(nonce);
    }
}

/// The ballots of the open vote, by device: each phone's dots per option.
/// A phone that votes again replaces its ballot (it changed its mind).
#[derive(Debug, Default)]
struct Ballots {
    vote: String,
    by_device: HashMap<String, Vec<u32>>,
}

/// Everything the server's threads share.
pub(super) struct Shared {
    token: String,
    limits: Limits,
    pub(super) info: Mutex<RoomInfo>,
    to_app: Sender<Incoming>,
    wake: Waker,
    devices: Mutex<Devices>,
    nonces: Arc<Mutex<Nonces>>,
    /// The live view.
    pub(super) live: Arc<Live>,
    ballots: Mutex<Ballots>,
}

/// A submission's fields as posted.
#[derive(Debug, Default)]
struct Form {
    org: String,
    kind: String,
    text: String,
    nonce: String,
    js: bool,
    /// A ballot: the vote it is for.
    vote: Option<String>,
    /// A ballot's dots: option index and dots, as sent (`o=2` is one dot
    /// on option 2, `n2=3` three).
    dots: Vec<(String, String)>,
}

impl Form {
    /// Reads an `application/x-www-form-urlencoded` body; `None` when it is
    /// not valid UTF-8 once decoded.
    fn parse(body: &[u8]) -> Option<Self> {
        let mut form = Form::default();
        for pair in body.split(|b| *b == b'&') {
            if pair.is_empty() {
                continue;
            }
            let mut parts = pair.splitn(2, |b| *b == b'=');
            let name = decode(parts.next().unwrap_or_default())?;
            let value = decode(parts.next().unwrap_or_default())?;
            match name.as_str() {
                "org" => form.org = value,
                "kind" => form.kind = value,
                "text" => form.text = value,
                "nonce" => form.nonce = value,
                "js" => form.js = value == "1",
                "vote" => form.vote = Some(value),
                "o" => form.dots.push((value, "1".into())),
                n if n.len() > 1 && n.starts_with('n') => {
                    form.dots.push((n[1..].to_owned(), value));
                }
                _ => {}
            }
        }
        Some(form)
    }

    fn state(&self) -> FormState {
        FormState {
            org: self.org.clone(),
            kind: SubmissionKind::from_code(&self.kind).unwrap_or(SubmissionKind::Keyword),
            text: self.text.clone(),
        }
    }
}

/// Percent-decoding of one form field (`+` is a space).
fn decode(bytes: &[u8]) -> Option<String> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = bytes.get(i + 1..i + 3)?;
                let text = std::str::from_utf8(hex).ok()?;
                out.push(u8::from_str_radix(text, 16).ok()?);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
}

/// Whether a nonce looks like one of ours (or the page script's).
fn usable_nonce(nonce: &str) -> bool {
    (8..=64).contains(&nonce.len()) && nonce.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// Compares without stopping at the first difference, so the time taken
/// says nothing about how much of a guessed token was right.
fn same_token(given: &str, token: &str) -> bool {
    given.len() == token.len()
        && given
            .bytes()
            .zip(token.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

/// A page or message answer: the page for a form, the text for the page's script.
struct Reply {
    status: u16,
    banner: Banner,
}

impl Shared {
    pub(super) fn new(
        token: String,
        limits: Limits,
        info: RoomInfo,
        to_app: Sender<Incoming>,
        wake: Waker,
    ) -> Self {
        Self {
            token,
            limits,
            info: Mutex::new(info),
            to_app,
            wake,
            devices: Mutex::new(Devices {
                known: HashMap::new(),
                issued: VecDeque::new(),
                shared: Window::default(),
            }),
            nonces: Arc::default(),
            live: Arc::default(),
            ballots: Mutex::default(),
        }
    }

    fn info(&self) -> RoomInfo {
        lock(&self.info).clone()
    }

    /// Answers one request.
    pub(super) fn handle(&self, request: &Request) -> Response {
        let info = self.info();
        let mut segments = request.path.trim_start_matches('/').splitn(2, '/');
        let given = segments.next().unwrap_or_default();
        let rest = segments.next().unwrap_or_default();
        if !same_token(given, &self.token) {
            return page::message_page(&info, 403, tr(info.lang, T::RoomPageClosed));
        }
        let read = matches!(request.method.as_str(), "GET" | "HEAD");
        match rest {
            "" => {}
            "live" | "live/" if read => return self.live.page(),
            "live/events" if request.method == "GET" => return self.live.events(),
            // Only a GET opens a stream (and takes a viewer's place).
            "live/events" => {
                return page::message_page(&info, 405, tr(info.lang, T::RoomPageBadRequest))
                    .with_header("Allow", "GET".into());
            }
            _ => return page::message_page(&info, 404, tr(info.lang, T::RoomPageNotFound)),
        }
        match request.method.as_str() {
            "GET" | "HEAD" => self.join_page(&info, request),
            "POST" => self.submit(&info, request),
            _ => page::message_page(&info, 405, tr(info.lang, T::RoomPageBadRequest))
                .with_header("Allow", "GET, HEAD, POST".into()),
        }
    }

    /// The device of a request: `(id, new cookie to set)`; `None` for a
    /// phone without a known cookie when no new device can be remembered.
    fn device(&self, request: &Request, now: Instant) -> (Option<String>, bool) {
        let mut devices = lock(&self.devices);
        if let Some(id) = devices.known_id(request) {
            return (Some(id), false);
        }
        let issued = devices.issue(now, self.limits.new_devices_per_minute);
        let new = issued.is_some();
        (issued, new)
    }

    /// Where the live view is, from the join page.
    fn live_href(&self) -> String {
        format!("/{}/live", self.token)
    }

    fn cookie_header(&self, id: &str) -> String {
        format!(
            "{COOKIE}={id}; Path=/{}; HttpOnly; SameSite=Strict; Max-Age=43200",
            self.token
        )
    }

    fn join_page(&self, info: &RoomInfo, request: &Request) -> Response {
        let (device, new) = self.device(request, Instant::now());
        let last = device.as_ref().and_then(|id| {
            lock(&self.devices)
                .known
                .get(id)
                .and_then(|d| d.last.clone())
        });
        let form = last.map_or_else(FormState::default, |(org, kind)| FormState {
            org,
            kind,
            text: String::new(),
        });
        let nonce = random_text(20).unwrap_or_default();
        let ballot = device.as_deref().and_then(|id| self.ballot_of(info, id));
        let mut response = page::join_page(
            info,
            &form,
            None,
            &nonce,
            ballot.as_deref(),
            &self.live_href(),
        );
        if let (Some(id), true) = (&device, new) {
            response = response.with_header("Set-Cookie", self.cookie_header(id));
        }
        response
    }

    fn submit(&self, info: &RoomInfo, request: &Request) -> Response {
        let lang = info.lang;
        let now = Instant::now();
        let (device, new) = self.device(request, now);
        let form = match request.header("content-type") {
            Some(kind)
                if !kind
                    .to_ascii_lowercase()
                    .starts_with("application/x-www-form-urlencoded") =>
            {
                None
            }
            _ => Form::parse(&request.body),
        };
        if let Some(form) = &form
            && let Some(vote) = &form.vote
        {
            return self.vote(info, form, vote, device.as_deref(), new, now);
        }
        let reply = match &form {
            None => Reply {
                status: 400,
                banner: Banner::Error(tr(lang, T::RoomPageBadRequest).to_owned()),
            },
            Some(form) => {
                if self.allowed(device.as_deref(), now) {
                    self.take(info, form, device.as_deref())
                } else {
                    Reply {
                        status: 429,
                        banner: Banner::Error(tr(lang, T::RoomPageTooMany).to_owned()),
                    }
                }
            }
        };
        let form = form.unwrap_or_default();
        let mut response = if form.js {
            let text = match &reply.banner {
                Banner::Received(text) | Banner::Error(text) => text.clone(),
            };
            Response::text(reply.status, &text)
        } else {
            let mut state = form.state();
            // The next message starts empty; the nonce stays for a retry
            // of one that did not arrive.
            let nonce = if reply.status == 200 || !usable_nonce(&form.nonce) {
                state.text.clear();
                random_text(20).unwrap_or_default()
            } else {
                form.nonce.clone()
            };
            if reply.status == 200 {
                state.text.clear();
            }
            let ballot = device.as_deref().and_then(|id| self.ballot_of(info, id));
            let mut page = page::join_page(
                info,
                &state,
                Some(&reply.banner),
                &nonce,
                ballot.as_deref(),
                &self.live_href(),
            );
            page.status = reply.status;
            page
        };
        if let (Some(id), true) = (&device, new) {
            response = response.with_header("Set-Cookie", self.cookie_header(id));
        }
        response
    }

    /// The dots given so far in the open vote.
    pub(super) fn tally(&self) -> Option<Tally> {
        let spec = lock(&self.info).vote.clone()?;
        let ballots = lock(&self.ballots);
        let mut tally = Tally {
            vote: spec.id.clone(),
            totals: vec![0; spec.options.len()],
            voters: 0,
        };
        if ballots.vote != spec.id {
            return Some(tally);
        }
        for ballot in ballots.by_device.values() {
            tally.voters += 1;
            for (total, dots) in tally.totals.iter_mut().zip(ballot) {
                *total += dots;
            }
        }
        Some(tally)
    }

    /// What `device` gave in the open vote, to fill in its form again.
    fn ballot_of(&self, info: &RoomInfo, device: &str) -> Option<Vec<u32>> {
        let spec = info.vote.as_ref()?;
        let ballots = lock(&self.ballots);
        (ballots.vote == spec.id)
            .then(|| ballots.by_device.get(device).cloned())
            .flatten()
    }

    /// A phone's ballot: checked against the open vote and kept as the
    /// device's only ballot (a second one replaces the first).
    fn vote(
        &self,
        info: &RoomInfo,
        form: &Form,
        vote: &str,
        device: Option<&str>,
        new: bool,
        now: Instant,
    ) -> Response {
        let lang = info.lang;
        let outcome = match (&info.vote, device) {
            (Some(spec), Some(device)) if spec.id == vote => {
                if self.allowed(Some(device), now) {
                    match ballot(spec, &form.dots) {
                        Ok(dots) => {
                            let mut ballots = lock(&self.ballots);
                            if ballots.vote != spec.id {
                                *ballots = Ballots {
                                    vote: spec.id.clone(),
                                    by_device: HashMap::new(),
                                };
                            }
                            ballots.by_device.insert(device.to_owned(), dots);
                            drop(ballots);
                            // The console, the beamer and the live view show
                            // the new totals at the next frame.
                            (self.wake)();
                            Ok(tr(lang, T::VotePageCounted).to_owned())
                        }
                        Err(error) => Err((400, ballot_message(lang, spec, error))),
                    }
                } else {
                    Err((429, tr(lang, T::RoomPageTooMany).to_owned()))
                }
            }
            (Some(_), None) => Err((429, tr(lang, T::RoomPageTooMany).to_owned())),
            _ => Err((409, tr(lang, T::VotePageClosed).to_owned())),
        };
        let (status, banner) = match outcome {
            Ok(text) => (200, Banner::Received(text)),
            Err((status, text)) => (status, Banner::Error(text)),
        };
        let mut response = if form.js {
            let (Banner::Received(text) | Banner::Error(text)) = &banner;
            Response::text(status, text)
        } else {
            let nonce = random_text(20).unwrap_or_default();
            let ballot = device.and_then(|id| self.ballot_of(info, id));
            let mut page = page::join_page_with_vote_banner(
                info,
                &FormState::default(),
                &banner,
                &nonce,
                ballot.as_deref(),
                &self.live_href(),
            );
            page.status = status;
            page
        };
        if let (Some(id), true) = (device, new) {
            response = response.with_header("Set-Cookie", self.cookie_header(id));
        }
        response
    }

    /// Whether the device may send one more now.
    fn allowed(&self, device: Option<&str>, now: Instant) -> bool {
        let limit = self.limits.per_device_per_minute;
        let mut devices = lock(&self.devices);
        match device.and_then(|id| devices.known.get_mut(id)) {
            Some(device) => device.sent.take(now, limit),
            None => devices.shared.take(now, limit),
        }
    }

    /// Checks a posted form and hands it to the app.
    fn take(&self, info: &RoomInfo, form: &Form, device: Option<&str>) -> Reply {
        let lang = info.lang;
        let refuse = |status: u16, text: String| Reply {
            status,
            banner: Banner::Error(text),
        };
        if !info.accepting {
            return refuse(503, tr(lang, T::RoomPageNotAccepting).to_owned());
        }
        let text = clean_submission_text(&form.text);
        if text.is_empty() {
            return refuse(400, tr(lang, T::RoomPageEmpty).to_owned());
        }
        if text.chars().count() > SUBMISSION_MAX_CHARS {
            return refuse(
                413,
                trf(
                    lang,
                    T::RoomPageTooLong,
                    &[("n", &SUBMISSION_MAX_CHARS.to_string())],
                ),
            );
        }
        let Some(kind) = SubmissionKind::from_code(&form.kind) else {
            return refuse(400, tr(lang, T::RoomPageBadRequest).to_owned());
        };
        let organisation = match form.org.as_str() {
            "" => return refuse(400, tr(lang, T::RoomPageChooseOrganisation).to_owned()),
            page::ANONYMOUS => {
                if !info.anonymous {
                    return refuse(400, tr(lang, T::RoomPageAnonymousOff).to_owned());
                }
                None
            }
            org => {
                if !info.organisations.iter().any(|(id, _)| id.as_str() == org) {
                    return refuse(400, tr(lang, T::RoomPageUnknownOrganisation).to_owned());
                }
                Some(OrgId::new(org))
            }
        };
        if organisation.is_none() && kind == SubmissionKind::Keyword {
            return refuse(
                400,
                tr(lang, T::RoomPageKeywordNeedsOrganisation).to_owned(),
            );
        }
        let nonce = usable_nonce(&form.nonce).then(|| form.nonce.clone());
        if let Some(nonce) = &nonce
            && self.wait_for_earlier(nonce).is_some()
        {
            return received(info, &text);
        }
        let (reply, answer) = mpsc::sync_channel(1);
        let incoming = Incoming {
            sent: Sent {
                organisation,
                kind,
                text: text.clone(),
            },
            reply: Some(reply),
            nonce: nonce.clone(),
            nonces: Arc::clone(&self.nonces),
        };
        if self.to_app.send(incoming).is_err() {
            return refuse(503, tr(lang, T::RoomPageBusy).to_owned());
        }
        (self.wake)();
        match answer.recv_timeout(ANSWER_TIMEOUT) {
            Ok(Answer::Received(_)) => {
                if let Some(device) = device
                    && let Some(d) = lock(&self.devices).known.get_mut(device)
                {
                    d.last = Some((form.org.clone(), kind));
                }
                received(info, &text)
            }
            Ok(Answer::Refused(refusal)) => {
                let (status, key) = match refusal {
                    Refusal::UnknownOrganisation => (400, T::RoomPageUnknownOrganisation),
                    Refusal::Invalid => (400, T::RoomPageBadRequest),
                    Refusal::NotAccepting => (503, T::RoomPageNotAccepting),
                };
                refuse(status, tr(lang, key).to_owned())
            }
            // The app did not answer in time (or the room closed): the
            // phone may try again with the same nonce, which then gets the
            // app's late answer rather than a second copy.
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => {
                refuse(503, tr(lang, T::RoomPageBusy).to_owned())
            }
        }
    }

    /// When `nonce` was sent before: waits for its answer (while it is
    /// still on its way) and returns the submission it became. Otherwise
    /// marks it as on its way and returns `None`.
    fn wait_for_earlier(&self, nonce: &str) -> Option<SubmissionId> {
        let started = Instant::now();
        loop {
            {
                let mut nonces = lock(&self.nonces);
                match nonces.states.get(nonce) {
                    Some(NonceState::Received(id)) => return Some(id.clone()),
                    None => {
                        nonces.start(nonce);
                        return None;
                    }
                    Some(NonceState::InFlight) if started.elapsed() > ANSWER_TIMEOUT => {
                        // Still nothing: send it again.
                        return None;
                    }
                    Some(NonceState::InFlight) => {}
                }
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// Why a ballot was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BallotError {
    /// An option or a number that cannot be read.
    Unreadable,
    /// No dot given.
    NoDots,
    /// More dots than a phone has.
    TooMany,
    /// Several dots on one option where one each is the rule.
    OnePerOption,
}

/// A ballot's dots per option, checked against the vote: known options,
/// at least one dot, at most the phone's dots, and one per option unless
/// several are allowed.
fn ballot(spec: &VoteSpec, given: &[(String, String)]) -> Result<Vec<u32>, BallotError> {
    let mut dots = vec![0u32; spec.options.len()];
    for (option, count) in given {
        let count = count.trim();
        // An empty number field is no dots.
        if count.is_empty() {
            continue;
        }
        let (Ok(option), Ok(count)) = (option.parse::<usize>(), count.parse::<u32>()) else {
            return Err(BallotError::Unreadable);
        };
        let Some(slot) = dots.get_mut(option) else {
            return Err(BallotError::Unreadable);
        };
        *slot = slot.saturating_add(count);
    }
    let spent: u64 = dots.iter().map(|d| u64::from(*d)).sum();
    if spent == 0 {
        return Err(BallotError::NoDots);
    }
    if spent > u64::from(spec.dots) {
        return Err(BallotError::TooMany);
    }
    if !spec.several_per_option && dots.iter().any(|d| *d > 1) {
        return Err(BallotError::OnePerOption);
    }
    Ok(dots)
}

/// What a refused ballot's phone reads.
fn ballot_message(lang: crate::model::Language, spec: &VoteSpec, error: BallotError) -> String {
    match error {
        BallotError::Unreadable => tr(lang, T::RoomPageBadRequest).to_owned(),
        BallotError::NoDots => tr(lang, T::VotePageNoDots).to_owned(),
        BallotError::TooMany => trf(lang, T::VotePageTooMany, &[("n", &spec.dots.to_string())]),
        BallotError::OnePerOption => tr(lang, T::VotePageOnePerOption).to_owned(),
    }
}

/// "Received", and whether the facilitator reads it first or it is on the
/// board already (a trusted room).
fn received(info: &RoomInfo, text: &str) -> Reply {
    let key = if info.auto_accept {
        T::RoomPageReceivedShown
    } else {
        T::RoomPageReceived
    };
    Reply {
        status: 200,
        banner: Banner::Received(trf(info.lang, key, &[("text", text)])),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_fields_are_percent_decoded_as_utf8() {
        let form =
            Form::parse(b"org=a&kind=keyword&text=raad+1e%20w%C3%B6ord%26co&nonce=abcdefgh&js=1")
                .expect("parses");
        assert_eq!(form.org, "a");
        assert_eq!(form.text, "raad 1e wöord&co");
        assert!(form.js);
        assert!(Form::parse(b"text=%FF").is_none(), "not UTF-8");
        assert!(Form::parse(b"text=%4").is_none(), "cut-off escape");
    }

    #[test]
    fn a_device_sends_at_most_sixty_a_minute() {
        let start = Instant::now();
        let mut window = Window::default();
        for n in 0..60 {
            assert!(window.take(start + Duration::from_millis(n * 500), 60));
        }
        assert!(!window.take(start + Duration::from_secs(59), 60));
        // A minute after the first, one more may go.
        assert!(window.take(start + Duration::from_mins(1), 60));
        assert!(!window.take(start + Duration::from_millis(60_100), 60));
    }

    #[test]
    fn tokens_are_compared_whole() {
        assert!(same_token("abc", "abc"));
        assert!(!same_token("abd", "abc"));
        assert!(!same_token("ab", "abc"));
        assert!(!same_token("", "abc"));
    }
}
