//! The room takes part: while the facilitator keeps it open, an HTTP server
//! inside the app (off the UI thread) serves a join page to phones on the
//! local network and takes their keywords, questions and remarks. Each
//! submission is handed to the app over a channel and acknowledged to the
//! phone only once the app has put it in the session's inbox; nothing
//! reaches the beamer before the facilitator accepts it.
//!
//! The join address ends in a fresh random token; closing the room stops
//! the server and the token is never valid again. The server keeps no
//! logs and knows devices only by a cookie it sets itself.
//!
//! Below the app: no egui, no views. Later the same server can carry more
//! pages under the token (a vote, a live view), each a route in
//! [`handler`], sharing the device cookie and [`RoomInfo`].

mod handler;
mod http;
pub mod live;
pub mod net;
mod page;

use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener};
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::sync::{Arc, Mutex, PoisonError};

use crate::model::{Language, OrgId, SubmissionId, SubmissionKind};

pub use http::{MAX_BODY, MAX_CONNECTIONS};
pub use live::{LiveBullet, LiveCard, LiveInfo, LiveItem, LiveScreen, LiveVote, MAX_VIEWERS};
pub use page::escape;

/// Wakes the app when a submission waits for it.
pub type Waker = Arc<dyn Fn() + Send + Sync>;

/// Where the server listens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RoomOptions {
    /// The address to listen on; `None`: every local interface.
    pub bind: Option<IpAddr>,
    /// The port; `0`: a free one chosen by the system.
    pub port: u16,
}

impl RoomOptions {
    /// Only the loopback address, on a free port (tests).
    #[must_use]
    pub fn loopback() -> Self {
        Self {
            bind: Some(IpAddr::V4(Ipv4Addr::LOCALHOST)),
            port: 0,
        }
    }
}

/// How much the room takes from one phone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Submissions one device may send in any minute.
    pub per_device_per_minute: usize,
    /// New devices (cookies) a minute: a script that drops its cookie every
    /// time cannot get round the limit per device that way.
    pub new_devices_per_minute: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            per_device_per_minute: 60,
            new_devices_per_minute: 300,
        }
    }
}

/// What the join page shows, published by the app whenever it changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoomInfo {
    /// The session's language (the page's language).
    pub lang: Language,
    /// The meeting's title.
    pub title: String,
    /// The organisations a phone can choose, in list order.
    pub organisations: Vec<(OrgId, String)>,
    /// Whether "anonymous" may be chosen.
    pub anonymous: bool,
    /// Whether what arrives goes onto the board at once (a trusted room).
    pub auto_accept: bool,
    /// The heading of the synthesis block a remark goes to now.
    pub remark_block: String,
    /// Whether submissions are taken now.
    pub accepting: bool,
    /// The vote open now, if any.
    pub vote: Option<VoteSpec>,
}

/// A vote open to the phones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoteSpec {
    /// Random, new for every vote: a ballot for an earlier vote is refused.
    pub id: String,
    /// What is asked.
    pub question: String,
    /// The options, in the order shown.
    pub options: Vec<String>,
    /// Dots per phone.
    pub dots: u32,
    /// Whether a phone may put several dots on one option.
    pub several_per_option: bool,
}

/// The dots given so far in the open vote: totals only.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Tally {
    /// The vote ([`VoteSpec::id`]).
    pub vote: String,
    /// Dots per option.
    pub totals: Vec<u32>,
    /// How many phones voted.
    pub voters: usize,
}

/// What a phone sent, checked by the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sent {
    /// The organisation chosen; `None`: anonymous.
    pub organisation: Option<OrgId>,
    /// What it is meant to become.
    pub kind: SubmissionKind,
    /// The text (already cleaned and within the limit).
    pub text: String,
}

/// Why the app did not take a submission.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The organisation is not (or no longer) in the session.
    UnknownOrganisation,
    /// The session refused it for another reason.
    Invalid,
    /// No session takes submissions now (read-only, or none open).
    NotAccepting,
}

/// The app's answer to a submission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// It is in the session's inbox now.
    Received(SubmissionId),
    /// It was not taken.
    Refused(Refusal),
}

/// A submission waiting for the app's answer; answer it with
/// [`Incoming::answer`]. Dropped unanswered, the phone is told to try again.
pub struct Incoming {
    /// What was sent.
    pub sent: Sent,
    reply: Option<SyncSender<Answer>>,
    nonce: Option<String>,
    nonces: Arc<Mutex<handler::Nonces>>,
}

impl Incoming {
    /// Tells the phone what became of its submission.
    pub fn answer(mut self, answer: Answer) {
        if let Some(nonce) = self.nonce.take() {
            lock(&self.nonces).finish(&nonce, &answer);
        }
        if let Some(reply) = self.reply.take() {
            let _ = reply.send(answer);
        }
    }
}

impl Drop for Incoming {
    fn drop(&mut self) {
        if let Some(nonce) = self.nonce.take() {
            lock(&self.nonces).forget(&nonce);
        }
    }
}

impl std::fmt::Debug for Incoming {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Incoming")
            .field("sent", &self.sent)
            .field("nonce", &self.nonce)
            .finish_non_exhaustive()
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The letters of tokens and cookies: no 0/o, 1/l/i, so a token read off
/// the beamer can be typed.
const ALPHABET: &[u8] = b"23456789abcdefghjkmnpqrstuvwxyz";

/// `len` random letters of [`ALPHABET`] from the system's random source.
pub fn random_text(len: usize) -> std::io::Result<String> {
    let mut out = String::with_capacity(len);
    let mut bytes = [0u8; 64];
    while out.len() < len {
        getrandom::fill(&mut bytes).map_err(|e| std::io::Error::other(e.to_string()))?;
        // Only bytes below a multiple of the alphabet's size: no letter
        // comes up more often than another.
        let limit = (256 / ALPHABET.len() * ALPHABET.len()) as u8;
        for b in bytes.iter().filter(|b| **b < limit) {
            if out.len() == len {
                break;
            }
            out.push(char::from(ALPHABET[usize::from(*b) % ALPHABET.len()]));
        }
    }
    Ok(out)
}

/// How many letters a room's token has (about 79 bits).
pub const TOKEN_LETTERS: usize = 16;

/// An open room: the server, its token and the submissions waiting for the app.
pub struct Room {
    server: http::Server,
    token: String,
    shared: Arc<handler::Shared>,
    incoming: Receiver<Incoming>,
}

impl Room {
    /// Opens the room: listens as `options` say, with a new token.
    /// `wake` is called whenever a submission waits for the app.
    pub fn open(options: &RoomOptions, info: RoomInfo, wake: Waker) -> std::io::Result<Self> {
        Self::open_with_limits(options, Limits::default(), info, wake)
    }

    /// Opens the room with other limits (benchmarks measure the server
    /// without the limit per device).
    pub fn open_with_limits(
        options: &RoomOptions,
        limits: Limits,
        info: RoomInfo,
        wake: Waker,
    ) -> std::io::Result<Self> {
        let bind = options.bind.unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
        let listener = TcpListener::bind(SocketAddr::new(bind, options.port))?;
        let token = random_text(TOKEN_LETTERS)?;
        let (to_app, incoming) = mpsc::channel();
        let shared = Arc::new(handler::Shared::new(
            token.clone(),
            limits,
            info,
            to_app,
            wake,
        ));
        let handler = {
            let shared = Arc::clone(&shared);
            Arc::new(move |request: &http::Request| shared.handle(request))
        };
        let server = http::Server::start(listener, handler)?;
        Ok(Self {
            server,
            token,
            shared,
            incoming,
        })
    }

    /// The token, the last segment of the join address.
    #[must_use]
    pub fn token(&self) -> &str {
        &self.token
    }

    /// The address and port the server listens on.
    #[must_use]
    pub fn local_addr(&self) -> SocketAddr {
        self.server.local_addr()
    }

    /// The join address on `host`: `http://<host>:<port>/<token>`.
    #[must_use]
    pub fn url(&self, host: IpAddr) -> String {
        let port = self.local_addr().port();
        match host {
            IpAddr::V4(ip) => format!("http://{ip}:{port}/{}", self.token),
            IpAddr::V6(ip) => format!("http://[{ip}]:{port}/{}", self.token),
        }
    }

    /// The live view's address on `host`: the join address and `/live`.
    #[must_use]
    pub fn live_url(&self, host: IpAddr) -> String {
        format!("{}/live", self.url(host))
    }

    /// What the live view shows from now on (its viewers get it at once
    /// when it changed).
    pub fn publish_live(&self, info: LiveInfo) {
        self.shared.live.publish(info);
    }

    /// The dots given so far in the open vote (`None`: no vote is open).
    #[must_use]
    pub fn tally(&self) -> Option<Tally> {
        self.shared.tally()
    }

    /// The submissions that arrived since the last call, oldest first.
    #[must_use]
    pub fn take(&self) -> Vec<Incoming> {
        self.incoming.try_iter().collect()
    }

    /// What the join page shows from now on.
    pub fn publish(&self, info: RoomInfo) {
        let mut current = lock(&self.shared.info);
        if *current != info {
            *current = info;
        }
    }

    /// Stops the server: every connection is closed, the token is dead.
    pub fn close(mut self) {
        self.shared.live.close();
        self.server.stop();
    }
}

/// A QR code as a square of modules, dark or light.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct QrMatrix {
    /// Modules per side (0: no code).
    pub size: usize,
    /// Row by row, `true` for dark.
    pub dark: Vec<bool>,
}

impl QrMatrix {
    /// The code of `text` (error correction level M, raised when it fits).
    #[must_use]
    pub fn of(text: &str) -> Self {
        let Ok(code) = qrcodegen::QrCode::encode_text(text, qrcodegen::QrCodeEcc::Medium) else {
            return Self::default();
        };
        let modules = code.size();
        let size = usize::try_from(modules).unwrap_or(0);
        let dark = (0..modules)
            .flat_map(|y| (0..modules).map(move |x| (x, y)))
            .map(|(x, y)| code.get_module(x, y))
            .collect();
        Self { size, dark }
    }

    /// Whether the module at column `x`, row `y` is dark.
    #[must_use]
    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        x < self.size && y < self.size && self.dark.get(y * self.size + x).copied().unwrap_or(false)
    }
}

/// The join address and its QR code, as the console and the beamer show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JoinCode {
    /// `http://192.168.1.20:53122/<token>`.
    pub url: String,
    /// The address as a QR code.
    pub qr: QrMatrix,
}

impl JoinCode {
    /// The code for `url`.
    #[must_use]
    pub fn new(url: String) -> Self {
        let qr = QrMatrix::of(&url);
        Self { url, qr }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_readable_letters() {
        let a = random_text(TOKEN_LETTERS).expect("random");
        let b = random_text(TOKEN_LETTERS).expect("random");
        assert_eq!(a.len(), TOKEN_LETTERS);
        assert_ne!(a, b);
        assert!(a.bytes().all(|c| ALPHABET.contains(&c)), "{a}");
    }

    #[test]
    fn a_qr_code_holds_a_join_address() {
        let code = QrMatrix::of("http://192.168.100.200:65535/abcdefghjkmnpqrs");
        assert!(code.size >= 21 && code.size <= 41, "{}", code.size);
        assert_eq!(code.dark.len(), code.size * code.size);
        // The finder pattern's corner is dark, the module beside its ring light.
        assert!(code.is_dark(0, 0));
        assert!(!code.is_dark(1, 1));
        assert!(!code.is_dark(code.size, 0));
    }
}
