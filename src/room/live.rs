//! The live view: a page under the room's token that always shows what the
//! group committed — every card with its keywords, the current synthesis
//! block, the agenda (and a running vote's result) — whatever the beamer
//! shows, so everyone can read the board up close on their phone.
//!
//! The page is rendered here, on the server, from a [`LiveInfo`] the app
//! publishes whenever what it shows changes: it reads without JavaScript
//! and a reload shows the latest state. With JavaScript it keeps itself up
//! to date over server-sent events (`/<token>/live/events`). The app builds
//! the info from the committed session only (never a field's staged text,
//! never notes); while the beamer is blacked out the page is black.

use std::fmt::Write as _;
use std::net::TcpStream;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

use crate::i18n::{Language, T, tr, trf};

use super::http::{Response, Stream};
use super::page::{escape, html_response};

/// The most live viewers (open event streams) at once; more get 503 and
/// their browser tries again later (the page itself still loads).
pub const MAX_VIEWERS: usize = 100;
/// How often an idle event stream sends a comment, so phones and routers
/// keep the connection and a gone viewer is noticed.
const KEEPALIVE: Duration = Duration::from_secs(15);
/// The longest one event stream stays open; the browser then reconnects.
const MAX_STREAM: Duration = Duration::from_hours(4);

/// What the beamer shows, as far as the live view follows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LiveScreen {
    /// The board.
    #[default]
    Shown,
    /// The beamer is blacked out: the page is black.
    Black,
    /// The beamer is white: the page is empty and white.
    White,
}

impl LiveScreen {
    fn class(self) -> &'static str {
        match self {
            LiveScreen::Shown => "shown",
            LiveScreen::Black => "black",
            LiveScreen::White => "white",
        }
    }
}

/// One card of the whiteboard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveCard {
    /// The organisation's name.
    pub organisation: String,
    /// The experiment's title (empty: none yet).
    pub title: String,
    /// The committed keywords, in order.
    pub keywords: Vec<String>,
}

/// One bullet of the synthesis block, flattened with its depth.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveBullet {
    /// 0 for a top-level bullet.
    pub depth: usize,
    /// The text.
    pub text: String,
}

/// One agenda item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveItem {
    /// The title.
    pub title: String,
    /// The planned minutes.
    pub minutes: u32,
    /// Whether it is the current item.
    pub current: bool,
}

/// A running vote's result so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveVote {
    /// What is voted on.
    pub question: String,
    /// Each option and its dots so far.
    pub options: Vec<(String, u32)>,
    /// How many phones voted.
    pub voters: usize,
}

/// Everything the live page shows, built by the app from the committed
/// session.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LiveInfo {
    /// The page's language.
    pub lang: Language,
    /// The meeting's title.
    pub title: String,
    /// Shown, black or white.
    pub screen: LiveScreen,
    /// The current agenda item's title.
    pub now: String,
    /// The whiteboard.
    pub cards: Vec<LiveCard>,
    /// The current synthesis block's heading.
    pub block: String,
    /// Its bullets.
    pub bullets: Vec<LiveBullet>,
    /// The agenda.
    pub agenda: Vec<LiveItem>,
    /// A running vote.
    pub vote: Option<LiveVote>,
}

/// The live view's state, shared by the app (which publishes) and the
/// event streams (which wait for a new version).
#[derive(Default)]
pub(super) struct Live {
    state: Mutex<LiveState>,
    changed: Condvar,
    viewers: AtomicUsize,
}

#[derive(Default)]
struct LiveState {
    version: u64,
    info: Arc<LiveInfo>,
    closed: bool,
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Counts one viewer from the moment its stream is granted until the
/// response is gone (streamed to the end, or never sent at all).
struct Viewer(Arc<Live>);

impl Drop for Viewer {
    fn drop(&mut self) {
        self.0.viewers.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Live {
    /// Shows `info` from now on (and wakes the streams) when it changed.
    pub(super) fn publish(&self, info: LiveInfo) {
        let mut state = lock(&self.state);
        if *state.info != info {
            state.info = Arc::new(info);
            state.version += 1;
            self.changed.notify_all();
        }
    }

    /// Ends every stream: the room closes.
    pub(super) fn close(&self) {
        lock(&self.state).closed = true;
        self.changed.notify_all();
    }

    fn current(&self) -> (u64, Arc<LiveInfo>) {
        let state = lock(&self.state);
        (state.version, Arc::clone(&state.info))
    }

    /// The page as it is now.
    pub(super) fn page(&self) -> Response {
        let (_, info) = self.current();
        page(&info)
    }

    /// The event stream, or 503 when [`MAX_VIEWERS`] watch already.
    pub(super) fn events(self: &Arc<Self>) -> Response {
        let lang = self.current().1.lang;
        if self.viewers.fetch_add(1, Ordering::SeqCst) >= MAX_VIEWERS {
            self.viewers.fetch_sub(1, Ordering::SeqCst);
            return Response::text(503, tr(lang, T::LivePageFull))
                .with_header("Retry-After", "30".into());
        }
        // The closure owns the count: it ends when the response is dropped.
        let viewer = Viewer(Arc::clone(self));
        let body = Stream(Arc::new(move |stream: &TcpStream| {
            viewer.0.stream(stream);
        }));
        Response {
            status: 200,
            content_type: "text/event-stream; charset=utf-8",
            headers: Vec::new(),
            // The browser waits two seconds before it reconnects.
            body: b"retry: 2000\n\n".to_vec(),
            stream: Some(body),
        }
    }

    /// Sends the current state, then every new version, until the room
    /// closes, the viewer goes away or [`MAX_STREAM`] passed.
    fn stream(&self, mut out: &TcpStream) {
        use std::io::Write as _;
        let started = Instant::now();
        let mut sent: Option<u64> = None;
        loop {
            let next = {
                let mut state = lock(&self.state);
                if sent == Some(state.version) && !state.closed {
                    state = self
                        .changed
                        .wait_timeout(state, KEEPALIVE)
                        .unwrap_or_else(PoisonError::into_inner)
                        .0;
                }
                if state.closed {
                    return;
                }
                (sent != Some(state.version)).then(|| (state.version, Arc::clone(&state.info)))
            };
            if started.elapsed() > MAX_STREAM {
                return;
            }
            let message = match next {
                Some((version, info)) => {
                    sent = Some(version);
                    event(version, &info)
                }
                None => ": still here\n\n".to_owned(),
            };
            if out.write_all(message.as_bytes()).is_err() || out.flush().is_err() {
                return;
            }
        }
    }
}

/// One server-sent event: the version and the page's new content as JSON.
fn event(version: u64, info: &LiveInfo) -> String {
    let data = serde_json::json!({
        "version": version,
        "screen": info.screen.class(),
        "html": content(info),
    });
    format!("id: {version}\ndata: {data}\n\n")
}

const STYLE: &str = "\
:root{color-scheme:light}\
body{font:17px/1.45 system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif;margin:0;background:#f4f6fa;color:#111}\
body.black{background:#000}body.black main,body.white main{display:none}body.white{background:#fff}\
main{max-width:72rem;margin:0 auto;padding:.8rem 1rem 2rem}\
h1{font-size:1.3rem;margin:.2rem 0}h2{font-size:1.1rem;margin:1.2rem 0 .5rem}\
.now{color:#2e5ea8;font-weight:600;margin:.2rem 0 .6rem}\
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(16rem,1fr));gap:.7rem}\
.card{background:#fff;border:1px solid #c5ccd8;border-radius:.45rem;padding:.55rem .75rem}\
.card h3{font-size:1.02rem;margin:0;color:#123b73}.org{color:#555;font-style:italic;margin:0 0 .3rem}\
ul{margin:.2rem 0;padding-left:1.2rem}li{margin:.1rem 0}\
.agenda li.current{font-weight:700;color:#2e5ea8}.min{color:#666}\
.vote ul{padding:0}.vote li{list-style:none;margin:.35rem 0;padding:.4rem .6rem;border-radius:.35rem;color:#111}\
.h0{background:#f3f1ee}.h1{background:#fde9d4}.h2{background:#fbd3a6}.h3{background:#f8b878}\
.h4{background:#f39a4a}.h5{background:#e8791f;color:#fff}\
.empty{color:#666}";

/// The page's script: follows the event stream and swaps the content in.
const SCRIPT: &str = "(function(){if(!window.EventSource)return;\
var m=document.getElementById('live'),s=new EventSource(location.pathname.replace(/\\/$/,'')+'/events');\
s.onmessage=function(e){var d=JSON.parse(e.data);document.body.className=d.screen;m.innerHTML=d.html;\
m.setAttribute('data-version',d.version)}})();";

/// The whole page.
fn page(info: &LiveInfo) -> Response {
    let lang = info.lang;
    let nonce = super::random_text(20).unwrap_or_default();
    let title = if info.title.trim().is_empty() {
        tr(lang, T::AppName).to_owned()
    } else {
        info.title.trim().to_owned()
    };
    let mut out = String::with_capacity(16 * 1024);
    let _ = write!(
        out,
        "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
<meta name=\"referrer\" content=\"no-referrer\"><link rel=\"icon\" href=\"data:,\">\
<title>{} — {}</title><style nonce=\"{nonce}\">{STYLE}</style></head>\
<body class=\"{}\"><main id=\"live\" aria-live=\"polite\">{}</main>\
<script nonce=\"{nonce}\">{SCRIPT}</script></body></html>",
        lang.code(),
        escape(tr(lang, T::LivePageTitle)),
        escape(&title),
        info.screen.class(),
        content(info),
    );
    html_response(200, out, &nonce)
}

/// The page's content (what an event replaces): nothing while blanked.
#[must_use]
pub fn content(info: &LiveInfo) -> String {
    if info.screen != LiveScreen::Shown {
        return String::new();
    }
    let lang = info.lang;
    let mut out = String::with_capacity(8 * 1024);
    let _ = write!(out, "<h1>{}</h1>", escape(&info.title));
    if !info.now.is_empty() {
        let _ = write!(
            out,
            "<p class=\"now\">{}</p>",
            escape(&trf(lang, T::LivePageNow, &[("item", &info.now)]))
        );
    }
    if let Some(vote) = &info.vote {
        vote_html(&mut out, lang, vote);
    }
    let _ = write!(
        out,
        "<section><h2>{}</h2><div class=\"cards\">",
        escape(tr(lang, T::LivePageBoard))
    );
    for card in &info.cards {
        let heading = if card.title.is_empty() {
            &card.organisation
        } else {
            &card.title
        };
        let _ = write!(out, "<article class=\"card\"><h3>{}</h3>", escape(heading));
        if !card.title.is_empty() {
            let _ = write!(out, "<p class=\"org\">{}</p>", escape(&card.organisation));
        }
        if !card.keywords.is_empty() {
            out.push_str("<ul>");
            for keyword in &card.keywords {
                let _ = write!(out, "<li>{}</li>", escape(keyword));
            }
            out.push_str("</ul>");
        }
        out.push_str("</article>");
    }
    out.push_str("</div></section>");
    let _ = write!(out, "<section><h2>{}</h2>", escape(&info.block));
    if info.bullets.is_empty() {
        let _ = write!(
            out,
            "<p class=\"empty\">{}</p>",
            escape(tr(lang, T::LivePageNothingYet))
        );
    } else {
        bullets_html(&mut out, &info.bullets);
    }
    out.push_str("</section>");
    let _ = write!(
        out,
        "<section class=\"agenda\"><h2>{}</h2><ol>",
        escape(tr(lang, T::LivePageAgenda))
    );
    for item in &info.agenda {
        let current = if item.current {
            " class=\"current\" aria-current=\"step\""
        } else {
            ""
        };
        let _ = write!(
            out,
            "<li{current}>{} <span class=\"min\">({} min)</span></li>",
            escape(&item.title),
            item.minutes
        );
    }
    out.push_str("</ol></section>");
    // Back to the join page (`/<token>/` from `/<token>/live`).
    let _ = write!(
        out,
        "<p><a href=\"./\">{}</a></p>",
        escape(tr(lang, T::LivePageJoin))
    );
    out
}

/// Nested lists from flattened bullets.
fn bullets_html(out: &mut String, bullets: &[LiveBullet]) {
    let mut open = 0usize;
    for bullet in bullets {
        let depth = bullet.depth + 1;
        while open < depth {
            out.push_str("<ul>");
            open += 1;
        }
        while open > depth {
            out.push_str("</ul>");
            open -= 1;
        }
        let _ = write!(out, "<li>{}</li>", escape(&bullet.text));
    }
    while open > 0 {
        out.push_str("</ul>");
        open -= 1;
    }
}

/// The running vote as a heat list: the more dots, the warmer; totals per
/// option only, never who gave them.
fn vote_html(out: &mut String, lang: Language, vote: &LiveVote) {
    let most = vote.options.iter().map(|(_, n)| *n).max().unwrap_or(0);
    let _ = write!(
        out,
        "<section class=\"vote\"><h2>{}</h2><p>{}</p><ul>",
        escape(&vote.question),
        escape(&trf(
            lang,
            T::LivePageVoters,
            &[("n", &vote.voters.to_string())]
        ))
    );
    let mut order: Vec<&(String, u32)> = vote.options.iter().collect();
    order.sort_by_key(|o| std::cmp::Reverse(o.1));
    for (label, total) in order {
        // Six steps from pale to a warm orange, as the themes' heat map
        // (classes: the page's policy allows no inline style).
        let heat = if most == 0 {
            0
        } else {
            (u64::from(*total) * 5).div_ceil(u64::from(most))
        };
        let _ = write!(
            out,
            "<li class=\"h{heat}\">{} — <b>{total}</b></li>",
            escape(label)
        );
    }
    out.push_str("</ul></section>");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info() -> LiveInfo {
        LiveInfo {
            lang: Language::Nl,
            title: "M50 <b>kick-off</b>".into(),
            screen: LiveScreen::Shown,
            now: "Ronde".into(),
            cards: vec![LiveCard {
                organisation: "Lochem".into(),
                title: "Slagvaardig <i>Lochem</i>".into(),
                keywords: vec!["<script>alert(1)</script>".into(), "raad".into()],
            }],
            block: "Wat valt op?".into(),
            bullets: vec![
                LiveBullet {
                    depth: 0,
                    text: "boven".into(),
                },
                LiveBullet {
                    depth: 1,
                    text: "onder".into(),
                },
            ],
            agenda: vec![LiveItem {
                title: "Ronde".into(),
                minutes: 60,
                current: true,
            }],
            vote: None,
        }
    }

    #[test]
    fn the_content_is_escaped_and_nested() {
        let html = content(&info());
        assert!(!html.contains("<script>alert"), "{html}");
        assert!(!html.contains("<b>kick"));
        assert!(!html.contains("<i>Lochem"));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(html.contains("<ul><li>boven</li><ul><li>onder</li></ul></ul>"));
        assert!(html.contains("aria-current=\"step\">Ronde"));
    }

    #[test]
    fn a_blanked_beamer_leaves_the_page_empty() {
        let mut black = info();
        black.screen = LiveScreen::Black;
        assert_eq!(content(&black), "");
        let html = String::from_utf8(page(&black).body).expect("UTF-8");
        assert!(html.contains("<body class=\"black\">"));
        assert!(!html.contains("raad"));
    }

    #[test]
    fn an_event_carries_one_line_of_json() {
        let text = event(7, &info());
        assert!(text.starts_with("id: 7\ndata: {"), "{text}");
        assert!(text.ends_with("}\n\n"));
        assert_eq!(text.matches('\n').count(), 3, "no line breaks in the data");
    }

    #[test]
    fn a_version_counts_only_changes() {
        let live = Live::default();
        live.publish(info());
        live.publish(info());
        assert_eq!(live.current().0, 1);
        let mut other = info();
        other.cards[0].keywords.push("nieuw".into());
        live.publish(other);
        assert_eq!(live.current().0, 2);
    }
}
