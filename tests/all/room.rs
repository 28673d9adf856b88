//! The room, end to end inside the process: the app with its room open on
//! 127.0.0.1 (never another address), a real HTTP client over a TCP
//! socket, and the console driven by keys through kittest. The app runs
//! its frames while the client waits, as it would on screen.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::TimeDelta;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use leerkring::app::{Command, ManualClock};
use leerkring::model::{OrgId, Session, SubmissionKind, SubmissionStatus};
use leerkring::{LeerkringApp, StartWith};

use crate::console::{harness, press, press_with, type_text};
use crate::support::{app_with_clock, sample_path, test_clock};

/// One HTTP answer.
#[derive(Debug, Clone)]
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The device cookie the server set (`lk=…`).
    fn cookie(&self) -> Option<String> {
        self.header("set-cookie")
            .and_then(|c| c.split(';').next())
            .map(str::to_owned)
    }
}

/// Sends one raw request to `addr` (always 127.0.0.1) and reads the answer.
fn send(addr: SocketAddr, raw: &[u8]) -> Reply {
    assert!(addr.ip().is_loopback(), "tests talk to 127.0.0.1 only");
    let mut stream = TcpStream::connect(addr).expect("connects");
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .expect("a timeout");
    stream.write_all(raw).expect("sends");
    let mut bytes = Vec::new();
    let _ = stream.read_to_end(&mut bytes);
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    Reply {
        status,
        headers,
        body: body.to_owned(),
    }
}

fn get(addr: SocketAddr, path: &str, cookie: Option<&str>) -> Reply {
    let cookie = cookie.map_or_else(String::new, |c| format!("Cookie: {c}\r\n"));
    send(
        addr,
        format!("GET {path} HTTP/1.1\r\nHost: test\r\n{cookie}\r\n").as_bytes(),
    )
}

/// Percent-encodes a form value.
fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => {
                char::from(b).to_string()
            }
            b' ' => "+".to_owned(),
            b => format!("%{b:02X}"),
        })
        .collect()
}

fn post(addr: SocketAddr, path: &str, cookie: Option<&str>, fields: &[(&str, &str)]) -> Reply {
    let body: Vec<String> = fields
        .iter()
        .map(|(n, v)| format!("{n}={}", encode(v)))
        .collect();
    let body = body.join("&");
    let cookie = cookie.map_or_else(String::new, |c| format!("Cookie: {c}\r\n"));
    send(
        addr,
        format!(
            "POST {path} HTTP/1.1\r\nHost: test\r\n{cookie}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        )
        .as_bytes(),
    )
}

/// Runs `request` on its own thread while the app draws frames (it takes
/// submissions in its frames), at most 20 s.
fn exchange<F>(h: &mut Harness<'static, LeerkringApp>, request: F) -> Reply
where
    F: FnOnce() -> Reply + Send + 'static,
{
    let client = std::thread::spawn(request);
    let started = Instant::now();
    while !client.is_finished() && started.elapsed() < Duration::from_secs(20) {
        h.run_steps(1);
        std::thread::sleep(Duration::from_millis(2));
    }
    let reply = client.join().expect("the client ran");
    h.run_steps(2);
    reply
}

/// The console on a copy of the sample (a file, so saves go there) with
/// the room open; returns the harness, the file, the server's address and
/// the join path (`/<token>`).
struct Room {
    h: Harness<'static, LeerkringApp>,
    file: PathBuf,
    clock: ManualClock,
    addr: SocketAddr,
    path: String,
    _home: tempfile::TempDir,
}

fn open_room() -> Room {
    let home = tempfile::tempdir().expect("a folder");
    let file = home.path().join("sessie.json");
    std::fs::copy(sample_path(), &file).expect("a copy");
    let clock = test_clock();
    let mut h = harness(app_with_clock(
        StartWith::File(file.clone()),
        home.path(),
        clock.clone(),
    ));
    press_with(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::O);
    let app = h.state();
    let addr = app.room_address().expect("the room is open");
    let url = app.room_url().expect("a join address").to_owned();
    let token = url.rsplit('/').next().expect("a token").to_owned();
    assert!(addr.ip().is_loopback());
    Room {
        h,
        file,
        clock,
        addr,
        path: format!("/{token}"),
        _home: home,
    }
}

impl Room {
    /// A new phone: loads the join page and keeps its cookie.
    fn phone(&mut self) -> String {
        let reply = get(self.addr, &self.path, None);
        assert_eq!(reply.status, 200);
        reply.cookie().expect("a device cookie")
    }

    fn submit(&mut self, cookie: &str, fields: &[(&str, &str)]) -> Reply {
        let (addr, path, cookie) = (self.addr, self.path.clone(), cookie.to_owned());
        let fields: Vec<(String, String)> = fields
            .iter()
            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
            .collect();
        exchange(&mut self.h, move || {
            let fields: Vec<(&str, &str)> = fields
                .iter()
                .map(|(n, v)| (n.as_str(), v.as_str()))
                .collect();
            post(addr, &path, Some(&cookie), &fields)
        })
    }

    fn keyword(&mut self, cookie: &str, org: &str, text: &str) -> Reply {
        self.submit(
            cookie,
            &[
                ("org", org),
                ("kind", "keyword"),
                ("text", text),
                ("js", "1"),
            ],
        )
    }

    fn session(&self) -> &Session {
        &self.h.state().state.session
    }

    /// Moves the clock past the autosave's wait and waits for the write.
    fn saved(&mut self) -> Session {
        for _ in 0..20 {
            self.clock.advance(TimeDelta::milliseconds(100));
            self.h.run_steps(1);
        }
        let started = Instant::now();
        while self.h.state().state.dirty && started.elapsed() < Duration::from_secs(10) {
            std::thread::sleep(Duration::from_millis(10));
            self.h.run_steps(1);
        }
        assert!(!self.h.state().state.dirty, "saved");
        leerkring::store::load_session(&self.file).expect("the saved file loads")
    }
}

fn lochem_keywords(session: &Session) -> Vec<String> {
    let lochem = OrgId::new("org-lochem");
    session
        .experiments_of(&lochem)
        .flat_map(|e| e.keywords.iter().map(|k| k.text.clone()))
        .collect()
}

#[test]
fn the_join_page_is_self_contained_in_the_sessions_language() {
    let mut room = open_room();
    let reply = get(room.addr, &room.path, None);
    assert_eq!(reply.status, 200);
    assert_eq!(
        reply.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    let csp = reply.header("content-security-policy").expect("a policy");
    assert!(csp.starts_with("default-src 'none'"), "{csp}");
    assert!(
        reply
            .header("set-cookie")
            .is_some_and(|c| c.contains("HttpOnly"))
    );
    let page = &reply.body;
    assert!(page.contains("<html lang=\"nl\">"));
    assert!(page.contains("Kick-off bijeenkomst Democratische vernieuwing M50"));
    assert!(page.contains(">Lochem</option>"));
    assert!(page.contains("<form id=\"f\" method=\"post\""));
    assert!(page.contains("Een trefwoord voor onze kaart"));
    assert!(!page.contains("anoniem"), "anonymous is off by default");
    for outside in ["http://", "https://", "src=", "@import", "url("] {
        assert!(!page.contains(outside), "{outside} in the page");
    }
    // A HEAD request gets the head only.
    let head = send(
        room.addr,
        format!("HEAD {} HTTP/1.1\r\n\r\n", room.path).as_bytes(),
    );
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    room.h.run_steps(1);
}

#[test]
fn a_submission_is_in_the_inbox_and_the_saved_file_but_not_on_the_board() {
    let mut room = open_room();
    let keywords_before = room.session().keyword_count();
    let phone = room.phone();
    let reply = room.keyword(&phone, "org-lochem", "raad 1e woord");
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert!(reply.body.contains("raad 1e woord"), "{}", reply.body);
    // Answered only once it was in the session.
    let session = room.session();
    let sent = &session.inbox[0];
    assert_eq!(sent.text, "raad 1e woord");
    assert_eq!(sent.organisation, Some(OrgId::new("org-lochem")));
    assert_eq!(sent.kind, SubmissionKind::Keyword);
    assert_eq!(sent.status, SubmissionStatus::Pending);
    assert_eq!(session.keyword_count(), keywords_before, "moderated first");
    room.h
        .get_by_label("1. 14:32 · Lochem · trefwoord: raad 1e woord");
    let saved = room.saved();
    assert_eq!(saved.inbox.len(), 1);
    assert_eq!(saved.inbox[0].text, "raad 1e woord");
}

#[test]
fn accept_edit_and_reject_by_keys_and_undo_keeps_the_submissions() {
    let mut room = open_room();
    let phone = room.phone();
    for text in ["eerste", "tweede met typo", "spam"] {
        assert_eq!(room.keyword(&phone, "org-lochem", text).status, 200);
    }
    // Ctrl+I: the keys go to the inbox.
    press_with(&mut room.h, Modifiers::COMMAND, Key::I);
    press(&mut room.h, Key::Enter);
    assert_eq!(
        lochem_keywords(room.session()).last().map(String::as_str),
        Some("eerste")
    );
    // F2 edits the next one, Enter accepts the edited text.
    press(&mut room.h, Key::F2);
    room.h.get_by_label("Tekst van de inzending");
    for _ in 0.." met typo".len() {
        press(&mut room.h, Key::Backspace);
    }
    type_text(&mut room.h, " zonder fout");
    press(&mut room.h, Key::Enter);
    assert_eq!(
        lochem_keywords(room.session()).last().map(String::as_str),
        Some("tweede zonder fout")
    );
    // Delete rejects the last one.
    press(&mut room.h, Key::Delete);
    let counts = room.session().inbox_counts();
    assert_eq!(
        (counts.accepted, counts.rejected, counts.pending),
        (2, 1, 0)
    );
    room.h.get_by_label("Nog niets binnen.");
    // Undo takes the decisions back, one by one; the submissions stay.
    for _ in 0..3 {
        press_with(&mut room.h, Modifiers::COMMAND, Key::Z);
    }
    let session = room.session();
    assert_eq!(session.inbox.len(), 3);
    assert_eq!(session.inbox_counts().pending, 3);
    assert!(!lochem_keywords(session).contains(&"eerste".to_owned()));
    // Esc gives the keyboard back to the keyword field.
    press_with(&mut room.h, Modifiers::COMMAND, Key::I);
    press(&mut room.h, Key::Escape);
    type_text(&mut room.h, "getypt");
    press(&mut room.h, Key::Enter);
    assert_eq!(room.session().inbox_counts().pending, 3);
}

#[test]
fn undo_never_removes_a_phones_submission() {
    let mut room = open_room();
    type_text(&mut room.h, "eigen woord");
    press(&mut room.h, Key::Enter);
    let phone = room.phone();
    assert_eq!(
        room.submit(
            &phone,
            &[
                ("org", "org-lochem"),
                ("kind", "question"),
                ("text", "Hoe verder?"),
                ("js", "1")
            ]
        )
        .status,
        200
    );
    press_with(&mut room.h, Modifiers::COMMAND, Key::Z);
    let session = room.session();
    assert!(
        !session
            .experiments
            .iter()
            .any(|e| e.keywords.iter().any(|k| k.text == "eigen woord")),
        "the typed keyword was undone"
    );
    assert_eq!(session.inbox.len(), 1, "the phone's question stays");
    press_with(&mut room.h, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    assert_eq!(room.session().inbox.len(), 1);
    let saved = room.saved();
    assert_eq!(saved.inbox[0].text, "Hoe verder?");
}

#[test]
fn automatic_acceptance_puts_it_on_the_card_and_undo_takes_it_back_to_the_inbox() {
    let mut room = open_room();
    let ctx = room.h.ctx.clone();
    room.h
        .state_mut()
        .run_command(Command::ToggleRoomAutoAccept, &ctx);
    room.h.run_steps(2);
    let page = get(room.addr, &room.path, None);
    assert!(page.body.contains("het komt meteen op het scherm"));
    let phone = page.cookie().expect("a cookie");
    let reply = room.keyword(&phone, "org-lochem", "meteen");
    assert_eq!(
        (reply.status, reply.body.as_str()),
        (200, "Ontvangen en overgenomen: „meteen”.")
    );
    assert!(lochem_keywords(room.session()).contains(&"meteen".to_owned()));
    press_with(&mut room.h, Modifiers::COMMAND, Key::Z);
    assert!(!lochem_keywords(room.session()).contains(&"meteen".to_owned()));
    assert_eq!(room.session().inbox_counts().pending, 1);
}

#[test]
fn wrong_tokens_oversized_and_bad_input_are_refused_with_a_message() {
    let mut room = open_room();
    let phone = room.phone();
    let addr = room.addr;
    // A wrong or missing token: 403, and the page says so.
    for path in ["/", "/abcdefghjkmnpqrs", "/favicon.ico"] {
        let reply = get(addr, path, None);
        assert_eq!(reply.status, 403, "{path}");
        assert!(reply.body.contains("Deze zaal is gesloten"), "{path}");
    }
    let wrong = post(
        addr,
        "/abcdefghjkmnpqrs",
        Some(&phone),
        &[("org", "org-lochem")],
    );
    assert_eq!(wrong.status, 403);
    // Too long: 413, in the phone's words.
    let long = "x".repeat(501);
    let reply = room.keyword(&phone, "org-lochem", &long);
    assert_eq!(reply.status, 413);
    assert_eq!(reply.body, "Te lang: hoogstens 500 tekens.");
    let huge = "y".repeat(20_000);
    let reply = room.keyword(&phone, "org-lochem", &huge);
    assert_eq!(reply.status, 413);
    // Bad input: 400 with what to do.
    for (fields, message) in [
        (
            vec![("org", ""), ("kind", "keyword"), ("text", "x"), ("js", "1")],
            "Kies eerst je gemeente.",
        ),
        (
            vec![
                ("org", "org-lochem"),
                ("kind", "keyword"),
                ("text", " \t"),
                ("js", "1"),
            ],
            "Typ eerst iets.",
        ),
        (
            vec![
                ("org", "nergens"),
                ("kind", "keyword"),
                ("text", "x"),
                ("js", "1"),
            ],
            "Die gemeente staat niet (meer) in de lijst. Laad de pagina opnieuw.",
        ),
        (
            vec![
                ("org", "org-lochem"),
                ("kind", "poll"),
                ("text", "x"),
                ("js", "1"),
            ],
            "Dat bericht kon niet worden gelezen. Laad de pagina opnieuw.",
        ),
        (
            vec![
                ("org", "-"),
                ("kind", "question"),
                ("text", "x"),
                ("js", "1"),
            ],
            "Anoniem sturen staat uit: kies je gemeente.",
        ),
    ] {
        let reply = room.submit(&phone, &fields);
        assert_eq!((reply.status, reply.body.as_str()), (400, message));
    }
    let not_utf8 = send(
        addr,
        format!(
            "POST {} HTTP/1.1\r\nCookie: {phone}\r\nContent-Length: 11\r\n\r\ntext=%FF%FE",
            room.path
        )
        .as_bytes(),
    );
    assert_eq!(not_utf8.status, 400);
    assert!(room.session().inbox.is_empty(), "nothing bad got in");
}

#[test]
fn anonymous_questions_only_when_allowed_and_never_as_a_keyword() {
    let mut room = open_room();
    let ctx = room.h.ctx.clone();
    room.h
        .state_mut()
        .run_command(Command::ToggleRoomAnonymous, &ctx);
    room.h.run_steps(2);
    let page = get(room.addr, &room.path, None);
    assert!(page.body.contains("<option value=\"-\">anoniem</option>"));
    let phone = page.cookie().expect("a cookie");
    let keyword = room.submit(
        &phone,
        &[
            ("org", "-"),
            ("kind", "keyword"),
            ("text", "x"),
            ("js", "1"),
        ],
    );
    assert_eq!(keyword.status, 400);
    let question = room.submit(
        &phone,
        &[
            ("org", "-"),
            ("kind", "question"),
            ("text", "Wie?"),
            ("js", "1"),
        ],
    );
    assert_eq!(question.status, 200);
    assert_eq!(room.session().inbox[0].organisation, None);
    room.h.get_by_label("1. 14:32 · anoniem · vraag: Wie?");
}

#[test]
fn hostile_text_is_shown_as_text_everywhere() {
    let mut room = open_room();
    let phone = room.phone();
    let hostile = "<script>alert(1)</script> <b>vet</b> \u{202E}lekker\u{202C} \u{7}bel";
    // Without JavaScript: the answer is the page again, with the text escaped.
    let reply = room.submit(
        &phone,
        &[
            ("org", "org-lochem"),
            ("kind", "keyword"),
            ("text", hostile),
            ("nonce", "n0nce12345"),
        ],
    );
    assert_eq!(reply.status, 200);
    assert!(!reply.body.contains("<script>alert"));
    assert!(!reply.body.contains("<b>vet"));
    assert!(reply.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!reply.body.contains('\u{202E}'));
    let cleaned = "<script>alert(1)</script> <b>vet</b> lekker bel";
    assert_eq!(room.session().inbox[0].text, cleaned);
    // The console shows it as it is (kittest would panic on a missing glyph).
    room.h
        .get_by_label(&format!("1. 14:32 · Lochem · trefwoord: {cleaned}"));
    // Accepted, it reaches the report escaped.
    press_with(&mut room.h, Modifiers::COMMAND, Key::I);
    press(&mut room.h, Key::Enter);
    let html = leerkring::report::render(
        room.session(),
        leerkring::report::Format::Html,
        &leerkring::report::ExportOptions::new(false),
    )
    .expect("a report");
    let html = String::from_utf8(html).expect("UTF-8");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!html.contains("<script>alert"));
    assert!(html.contains("1 inzendingen via telefoons, waarvan 1 overgenomen"));
}

#[test]
fn the_rate_is_limited_per_device_not_per_address() {
    let mut room = open_room();
    let first = room.phone();
    let second = room.phone();
    for n in 0..60 {
        let reply = room.keyword(&first, "org-lochem", &format!("woord {n}"));
        assert_eq!(reply.status, 200, "{n}: {}", reply.body);
    }
    let refused = room.keyword(&first, "org-lochem", "een te veel");
    assert_eq!(refused.status, 429);
    assert!(refused.body.starts_with("Even rustig aan"));
    // Another phone behind the same address still gets through.
    assert_eq!(
        room.keyword(&second, "org-lochem", "ander toestel").status,
        200
    );
    assert_eq!(room.session().inbox.len(), 61);
}

#[test]
fn a_form_sent_twice_arrives_once() {
    let mut room = open_room();
    let phone = room.phone();
    let fields = [
        ("org", "org-lochem"),
        ("kind", "keyword"),
        ("text", "één keer"),
        ("nonce", "herhaald123"),
    ];
    assert_eq!(room.submit(&phone, &fields).status, 200);
    // A reload of the answer page sends the same form again.
    let again = room.submit(&phone, &fields);
    assert_eq!(again.status, 200);
    assert!(again.body.contains("Ontvangen"));
    assert_eq!(room.session().inbox.len(), 1);
}

#[test]
fn closing_the_room_stops_the_server_and_its_token_for_good() {
    let mut room = open_room();
    let phone = room.phone();
    assert_eq!(room.keyword(&phone, "org-lochem", "wacht nog").status, 200);
    let old_path = room.path.clone();
    let ctx = room.h.ctx.clone();
    room.h.state_mut().run_command(Command::CloseRoom, &ctx);
    room.h.run_steps(2);
    assert!(room.h.state().room_url().is_none());
    assert!(
        TcpStream::connect_timeout(&room.addr, Duration::from_secs(1)).is_err(),
        "nothing listens any more"
    );
    // The inbox stays with what waits, and says the room is closed.
    room.h
        .get_by_label("De zaal is dicht: telefoons kunnen niets sturen.");
    room.h
        .get_by_label("1. 14:32 · Lochem · trefwoord: wacht nog");
    room.h.state_mut().run_command(Command::OpenRoom, &ctx);
    room.h.run_steps(2);
    let url = room.h.state().room_url().expect("open again").to_owned();
    assert!(!url.ends_with(&old_path), "a new token");
    let addr = room.h.state().room_address().expect("listening");
    assert_eq!(get(addr, &old_path, None).status, 403);
}

#[test]
fn the_beamer_shows_the_join_code_large_and_small_on_the_whiteboard() {
    let mut room = open_room();
    let url = room.h.state().room_url().expect("open").to_owned();
    let code = format!("QR-code van het adres {url}");
    let ctx = room.h.ctx.clone();
    {
        let app = room.h.state_mut();
        app.state.projector.open = true;
        app.run_command(Command::ModeWhiteboard, &ctx);
    }
    room.h.run_steps(3);
    // The small code in the whiteboard's corner (the console's own code is
    // painted without a label, so only the projector names it).
    room.h.get_by_label(&code);
    room.h.get_by_label("Doe mee");
    press_with(&mut room.h, Modifiers::ALT, Key::Num8);
    room.h.run_steps(2);
    room.h.get_by_label(&code);
    // The address on the beamer, and in the console's panel.
    assert_eq!(room.h.query_all_by_label(&url).count(), 2);
    room.h.get_by_label("Doe mee met je telefoon");
    // Closed, the code is gone from the beamer.
    room.h.state_mut().run_command(Command::CloseRoom, &ctx);
    room.h.run_steps(3);
    assert!(room.h.query_all_by_label(&code).next().is_none());
}

#[test]
fn another_session_closes_the_room() {
    let mut room = open_room();
    let ctx = room.h.ctx.clone();
    room.h.state_mut().run_command(Command::NewFromThis, &ctx);
    room.h.run_steps(2);
    assert!(room.h.state().room_url().is_none());
    assert!(TcpStream::connect_timeout(&room.addr, Duration::from_secs(1)).is_err());
}

/// A session with submissions keeps them across a save and a load, and an
/// old file without an inbox still loads.
#[test]
fn the_inbox_is_part_of_the_file_format() {
    let mut room = open_room();
    let phone = room.phone();
    assert_eq!(room.keyword(&phone, "org-lochem", "bewaard").status, 200);
    let saved = room.saved();
    let json = std::fs::read_to_string(&room.file).expect("the file");
    assert!(json.contains("\"inbox\""), "{json}");
    assert!(json.contains("\"status\": \"pending\""));
    assert!(!json.contains("lk="), "no device details in the file");
    let sample = leerkring::store::load_session(Path::new(&sample_path())).expect("loads");
    assert!(sample.inbox.is_empty());
    assert_eq!(saved.inbox[0].kind, SubmissionKind::Keyword);
}

/// The live view's path (`/<token>/live`).
impl Room {
    fn live_path(&self) -> String {
        format!("{}/live", self.path)
    }
}

#[test]
fn the_live_page_shows_committed_keywords_never_staged_text_or_notes() {
    let mut room = open_room();
    let live = room
        .h
        .state()
        .live_url()
        .expect("a live address")
        .to_owned();
    assert_eq!(
        live,
        format!("{}/live", room.h.state().room_url().expect("open"))
    );
    let page = get(room.addr, &room.live_path(), None);
    assert_eq!(page.status, 200);
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    let csp = page.header("content-security-policy").expect("a policy");
    assert!(csp.starts_with("default-src 'none'"), "{csp}");
    for outside in ["http://", "https://", "src=", "@import", "url("] {
        assert!(!page.body.contains(outside), "{outside} in the page");
    }
    // Every card and keyword of the whiteboard, the agenda, the block.
    assert!(page.body.contains("Slagvaardig Lochem"));
    assert!(page.body.contains("<li>raadsbreed akkoord</li>"));
    assert!(page.body.contains("Opening en welkom"));
    assert!(page.body.contains("Wat valt op?"));
    // Never the facilitator's notes.
    assert!(
        !page
            .body
            .contains("Democratische vernieuwing is één van de")
    );
    // Typed but not committed: not on the live page.
    type_text(&mut room.h, "nog-niet-af");
    let staged = get(room.addr, &room.live_path(), None);
    assert!(!staged.body.contains("nog-niet-af"));
    press(&mut room.h, Key::Enter);
    let committed = get(room.addr, &room.live_path(), None);
    assert!(committed.body.contains("<li>nog-niet-af</li>"));
    // Undone, it is gone from the live view too.
    press_with(&mut room.h, Modifiers::COMMAND, Key::Z);
    let undone = get(room.addr, &room.live_path(), None);
    assert!(!undone.body.contains("nog-niet-af"));
    // The join page links to the live view, the live view back to it.
    let join = get(room.addr, &room.path, None);
    assert!(
        join.body
            .contains(&format!("<a href=\"{}\">", room.live_path()))
    );
    assert!(page.body.contains("<a href=\"./\">"));
    let back = get(room.addr, &format!("{}/", room.path), None);
    assert!(back.body.contains("<form id=\"f\""), "{}", back.body);
    // A wrong token still gets 403 on the live path.
    assert_eq!(get(room.addr, "/abcdefghjkmnpqrs/live", None).status, 403);
}

/// Reads server-sent events from `addr` until one holds `needle` (or 20 s
/// passed); returns the time it arrived.
fn wait_for_event(mut stream: TcpStream, needle: &str) -> Option<Instant> {
    stream
        .set_read_timeout(Some(Duration::from_millis(200)))
        .expect("a timeout");
    let started = Instant::now();
    let mut seen = String::new();
    let mut chunk = [0u8; 8192];
    while started.elapsed() < Duration::from_secs(20) {
        match stream.read(&mut chunk) {
            Ok(0) => return None,
            Ok(n) => {
                seen.push_str(&String::from_utf8_lossy(&chunk[..n]));
                // Only whole events count.
                if let Some(end) = seen.rfind("\n\n")
                    && seen[..end].contains(needle)
                {
                    return Some(Instant::now());
                }
            }
            Err(_) => {}
        }
    }
    None
}

#[test]
fn the_event_stream_delivers_a_committed_keyword() {
    let mut room = open_room();
    let mut stream = TcpStream::connect(room.addr).expect("connects");
    stream
        .write_all(
            format!(
                "GET {}/events HTTP/1.1\r\nHost: test\r\n\r\n",
                room.live_path()
            )
            .as_bytes(),
        )
        .expect("asks");
    // The current state comes first.
    let first = wait_for_event(stream.try_clone().expect("a copy"), "Slagvaardig Lochem");
    assert!(first.is_some(), "the first event holds the board");
    let reader = {
        let stream = stream.try_clone().expect("a copy");
        std::thread::spawn(move || wait_for_event(stream, "live-via-sse"))
    };
    type_text(&mut room.h, "live-via-sse");
    // Staged text sends nothing; Enter commits it.
    let committed = Instant::now();
    press(&mut room.h, Key::Enter);
    let started = Instant::now();
    while !reader.is_finished() && started.elapsed() < Duration::from_secs(20) {
        room.h.run_steps(1);
        std::thread::sleep(Duration::from_millis(2));
    }
    let arrived = reader
        .join()
        .expect("the reader ran")
        .expect("the event arrived");
    eprintln!(
        "measure: live event {} ms after Enter (in-process, kittest frames)",
        arrived.duration_since(committed).as_millis()
    );
    // Closing the room ends the stream.
    let ctx = room.h.ctx.clone();
    room.h.state_mut().run_command(Command::CloseRoom, &ctx);
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .expect("a timeout");
    let mut rest = Vec::new();
    let end = stream.read_to_end(&mut rest);
    assert!(end.is_ok() || rest.is_empty(), "{end:?}");
}

#[test]
fn a_black_beamer_makes_the_live_page_black() {
    let mut room = open_room();
    press(&mut room.h, Key::F8);
    let page = get(room.addr, &room.live_path(), None);
    assert!(
        page.body.contains("<body class=\"black\">"),
        "{}",
        page.body
    );
    assert!(!page.body.contains("Slagvaardig Lochem"));
    let mut stream = TcpStream::connect(room.addr).expect("connects");
    stream
        .write_all(format!("GET {}/events HTTP/1.1\r\n\r\n", room.live_path()).as_bytes())
        .expect("asks");
    assert!(wait_for_event(stream, "\"screen\":\"black\"").is_some());
    press(&mut room.h, Key::F8);
    let page = get(room.addr, &room.live_path(), None);
    assert!(page.body.contains("<body class=\"shown\">"));
    assert!(page.body.contains("Slagvaardig Lochem"));
}

#[test]
fn at_most_a_hundred_phones_read_along_at_once() {
    let mut room = open_room();
    let request = format!("GET {}/events HTTP/1.1\r\n\r\n", room.live_path());
    let mut viewers = Vec::new();
    for _ in 0..leerkring::room::MAX_VIEWERS {
        let mut stream = TcpStream::connect(room.addr).expect("connects");
        stream.write_all(request.as_bytes()).expect("asks");
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .expect("a timeout");
        let mut head = [0u8; 12];
        stream.read_exact(&mut head).expect("an answer");
        assert_eq!(&head, b"HTTP/1.1 200");
        viewers.push(stream);
    }
    let full = send(room.addr, request.as_bytes());
    assert_eq!(full.status, 503);
    assert!(full.body.contains("te veel"), "{}", full.body);
    // The page itself still loads, and phones still send.
    assert_eq!(get(room.addr, &room.live_path(), None).status, 200);
    let phone = room.phone();
    assert_eq!(room.keyword(&phone, "org-lochem", "toch nog").status, 200);
    // Viewers that left free their places once the next event finds them
    // gone; a HEAD request never takes one.
    drop(viewers);
    assert_eq!(
        send(
            room.addr,
            format!("HEAD {}/events HTTP/1.1\r\n\r\n", room.live_path()).as_bytes()
        )
        .status,
        405
    );
    type_text(&mut room.h, "weer plaats");
    press(&mut room.h, Key::Enter);
    let started = Instant::now();
    let mut status = 0;
    while started.elapsed() < Duration::from_secs(10) {
        let mut stream = TcpStream::connect(room.addr).expect("connects");
        stream.write_all(request.as_bytes()).expect("asks");
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .expect("a timeout");
        let mut head = [0u8; 12];
        stream.read_exact(&mut head).expect("an answer");
        if &head == b"HTTP/1.1 200" {
            status = 200;
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(status, 200, "a place came free");
}

/// Starts a vote on the shared themes with the console's set-up.
fn start_theme_vote(room: &mut Room) -> leerkring::room::VoteSpec {
    let ctx = room.h.ctx.clone();
    room.h
        .state_mut()
        .run_command(Command::StartVoteThemes, &ctx);
    room.h.run_steps(2);
    room.h
        .state()
        .state
        .vote
        .as_ref()
        .expect("a vote is open")
        .spec
        .clone()
}

fn ballot(room: &Room, cookie: &str, vote: &str, dots: &[(&str, String)]) -> Reply {
    let mut fields: Vec<(&str, &str)> = vec![("vote", vote), ("js", "1")];
    fields.extend(dots.iter().map(|(n, v)| (*n, v.as_str())));
    post(room.addr, &room.path, Some(cookie), &fields)
}

#[test]
fn thirty_phones_spend_three_dots_each_and_the_totals_are_exact() {
    let mut room = open_room();
    let spec = start_theme_vote(&mut room);
    assert_eq!((spec.dots, spec.several_per_option), (3, false));
    let n = spec.options.len();
    assert!(
        n >= 4,
        "the sample shares several themes: {:?}",
        spec.options
    );
    let mut expected = vec![0u32; n];
    let mut phones = Vec::new();
    for phone in 0..30 {
        let page = get(room.addr, &room.path, None);
        assert!(
            page.body.contains("<form id=\"v\""),
            "the join page shows the vote"
        );
        assert!(
            page.body
                .contains(&leerkring::room::escape(&spec.options[0]))
        );
        let cookie = page.cookie().expect("a cookie");
        // Three different options: one dot each.
        let picks: Vec<usize> = (0..3).map(|k| (phone * 7 + k * 3) % n).collect();
        let mut unique = picks.clone();
        unique.dedup();
        assert_eq!(unique.len(), 3);
        let dots: Vec<(&str, String)> = picks.iter().map(|p| ("o", p.to_string())).collect();
        let reply = ballot(&room, &cookie, &spec.id, &dots);
        assert_eq!(reply.status, 200, "{}", reply.body);
        for p in picks {
            expected[p] += 1;
        }
        phones.push(cookie);
    }
    // A phone changes its mind: its ballot is replaced, never added.
    let again: Vec<(&str, String)> = vec![("o", "0".into())];
    let first = &phones[0];
    let before: Vec<usize> = (0..3).map(|k| (k * 3) % n).collect();
    assert_eq!(ballot(&room, first, &spec.id, &again).status, 200);
    for p in before {
        expected[p] -= 1;
    }
    expected[0] += 1;
    // The same ballot again changes nothing.
    assert_eq!(ballot(&room, first, &spec.id, &again).status, 200);
    room.h.run_steps(2);
    let running = room.h.state().state.vote.clone().expect("open");
    assert_eq!(running.totals, expected);
    assert_eq!(running.voters, 30);
    // The live view and the beamer show the totals, never who voted what.
    let live = get(room.addr, &room.live_path(), None);
    assert!(
        live.body.contains("30 telefoons hebben gestemd"),
        "{}",
        live.body
    );
    assert!(!live.body.contains(first.trim_start_matches("lk=")));
    // The console's vote column shows the count; its button closes the
    // vote, which records the result: totals, voters, the chosen themes.
    room.h.get_by_label("30 telefoons hebben gestemd");
    room.h.get_by_label("Stemming afsluiten").click();
    room.h.run_steps(2);
    assert!(room.h.state().state.vote.is_none());
    let closed = ballot(&room, &phones[1], &spec.id, &again);
    assert_eq!(closed.status, 409, "{}", closed.body);
    let saved = room.saved();
    let vote = saved.votes.first().expect("the vote is in the saved file");
    let totals: Vec<u32> = vote.options.iter().map(|o| o.total).collect();
    assert_eq!(totals, expected);
    assert_eq!(vote.voters, 30);
    assert_eq!(
        totals.iter().sum::<u32>(),
        88,
        "30 × 3 dots, one phone changed to one"
    );
    let mut ranked: Vec<(u32, usize)> = expected.iter().copied().zip(0..).collect();
    ranked.sort_by_key(|(t, i)| (std::cmp::Reverse(*t), *i));
    let cut = ranked[2].0;
    let chosen: Vec<String> = ranked
        .iter()
        .take_while(|(t, _)| *t >= cut)
        .map(|(_, i)| spec.options[*i].clone())
        .collect();
    assert_eq!(vote.chosen, chosen);
    // In the report, and undoable.
    let html = leerkring::report::render(
        room.session(),
        leerkring::report::Format::Html,
        &leerkring::report::ExportOptions::new(false),
    )
    .expect("a report");
    let html = String::from_utf8(html).expect("UTF-8");
    assert!(html.contains("Gekozen door de zaal: "), "in the report");
    press_with(&mut room.h, Modifiers::COMMAND, Key::Z);
    assert!(
        room.session().votes.is_empty(),
        "undo takes the result back"
    );
}

#[test]
fn a_ballot_keeps_to_the_votes_rules() {
    let mut room = open_room();
    room.h.state_mut().view.vote.several_per_option = true;
    room.h.state_mut().view.vote.dots = 4;
    let spec = start_theme_vote(&mut room);
    let phone = room.phone();
    let refused = |room: &Room, dots: &[(&str, String)], vote: &str| {
        let reply = ballot(room, &phone, vote, dots);
        (reply.status, reply.body)
    };
    assert_eq!(
        refused(&room, &[("n0", "5".into())], &spec.id),
        (400, "Te veel stippen: je hebt er 4.".to_owned())
    );
    assert_eq!(
        refused(&room, &[("n0", "0".into())], &spec.id),
        (400, "Kies eerst waar je stippen heen gaan.".to_owned())
    );
    assert_eq!(refused(&room, &[("n99", "1".into())], &spec.id).0, 400);
    assert_eq!(refused(&room, &[("n0", "x".into())], &spec.id).0, 400);
    assert_eq!(
        refused(&room, &[("n0", "1".into())], "oude-stemming").0,
        409
    );
    // Several on one option are fine in this vote.
    let page = get(room.addr, &room.path, Some(&phone));
    assert!(page.body.contains("type=\"number\" name=\"n0\""));
    assert_eq!(
        refused(&room, &[("n0", "3".into()), ("n1", "1".into())], &spec.id).0,
        200
    );
    // The page shows the phone's ballot again, to change it.
    let page = get(room.addr, &room.path, Some(&phone));
    assert!(
        page.body
            .contains("name=\"n0\" min=\"0\" max=\"4\" value=\"3\""),
        "{}",
        page.body
    );
    assert!(page.body.contains("Stem aanpassen"));
    room.h.run_steps(2);
    let running = room.h.state().state.vote.clone().expect("open");
    assert_eq!(&running.totals[..2], &[3, 1]);
    // The beamer shows the vote; cancelling keeps nothing.
    room.h.get_by_label(&spec.question);
    let ctx = room.h.ctx.clone();
    room.h.state_mut().run_command(Command::CancelVote, &ctx);
    room.h.run_steps(2);
    assert!(room.session().votes.is_empty());
    assert!(
        !get(room.addr, &room.path, Some(&phone))
            .body
            .contains("<form id=\"v\"")
    );
}

#[test]
fn a_form_without_javascript_votes_too() {
    let mut room = open_room();
    let spec = start_theme_vote(&mut room);
    let phone = room.phone();
    let reply = post(
        room.addr,
        &room.path,
        Some(&phone),
        &[("vote", &spec.id), ("o", "1"), ("o", "2")],
    );
    assert_eq!(reply.status, 200);
    assert!(
        reply.body.contains("Je stippen zijn geteld"),
        "{}",
        reply.body
    );
    assert!(reply.body.contains("name=\"o\" value=\"1\" checked"));
    assert!(!reply.body.contains("name=\"o\" value=\"0\" checked"));
    let two = post(
        room.addr,
        &room.path,
        Some(&phone),
        &[("vote", &spec.id), ("o", "1"), ("o", "1")],
    );
    assert_eq!(two.status, 400);
    assert!(two.body.contains("hoogstens één stip"));
}
