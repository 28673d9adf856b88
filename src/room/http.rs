//! A small HTTP/1.1 server on std's `TcpListener`, enough for one room of
//! phones: one listening thread, one short-lived thread per connection (at
//! most [`MAX_CONNECTIONS`] at once), one request per connection
//! (`Connection: close`), strict limits on the size of what a client sends
//! and on how long it may take, and a stop that closes every open
//! connection, so a closed room answers nothing at all any more.
//!
//! It logs nothing: no addresses, no requests.

use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// The most connections served at once; more are told to try again (503).
/// Room for the live view's viewers (see `live::MAX_VIEWERS`) and a room
/// of phones sending at the same time.
pub const MAX_CONNECTIONS: usize = 200;
/// The longest request head (request line and headers).
pub const MAX_HEAD: usize = 16 * 1024;
/// The longest request body.
pub const MAX_BODY: usize = 16 * 1024;
/// How long one read or write may wait.
const IO_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a client may take to send its whole request.
const REQUEST_DEADLINE: Duration = Duration::from_secs(20);

/// One request, read completely.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// `GET`, `POST`, …
    pub method: String,
    /// The path, without the query.
    pub path: String,
    /// The headers, names in lower case, in order.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl Request {
    /// The first header called `name` (lower case).
    #[must_use]
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// What writes a streamed body (server-sent events) after the head, on the
/// connection's own thread, until it returns; the connection then closes.
#[derive(Clone)]
pub struct Stream(pub Arc<dyn Fn(&TcpStream) + Send + Sync>);

impl std::fmt::Debug for Stream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Stream")
    }
}

impl PartialEq for Stream {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for Stream {}

/// One response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// The status code.
    pub status: u16,
    /// The media type of the body.
    pub content_type: &'static str,
    /// Other headers (`Set-Cookie`, `Content-Security-Policy`, …).
    pub headers: Vec<(&'static str, String)>,
    /// The body.
    pub body: Vec<u8>,
    /// A body written as it comes (no length; the end of the connection
    /// ends it), after `body`.
    pub stream: Option<Stream>,
}

impl Response {
    /// A plain-text response.
    #[must_use]
    pub fn text(status: u16, text: &str) -> Self {
        Self {
            status,
            content_type: "text/plain; charset=utf-8",
            headers: Vec::new(),
            body: text.as_bytes().to_vec(),
            stream: None,
        }
    }

    /// Adds a header.
    #[must_use]
    pub fn with_header(mut self, name: &'static str, value: String) -> Self {
        self.headers.push((name, value));
        self
    }
}

/// What answers requests; called on the connection's own thread.
pub type Handler = dyn Fn(&Request) -> Response + Send + Sync;

/// The running server; [`Server::stop`] (or dropping it) ends it.
pub struct Server {
    local: SocketAddr,
    stopping: Arc<AtomicBool>,
    open: Arc<Mutex<HashMap<u64, TcpStream>>>,
    listener: Option<JoinHandle<()>>,
}

impl Server {
    /// Starts serving `listener` with `handler`.
    pub fn start(listener: TcpListener, handler: Arc<Handler>) -> io::Result<Self> {
        let local = listener.local_addr()?;
        let stopping = Arc::new(AtomicBool::new(false));
        let open: Arc<Mutex<HashMap<u64, TcpStream>>> = Arc::default();
        let thread = {
            let stopping = Arc::clone(&stopping);
            let open = Arc::clone(&open);
            std::thread::Builder::new()
                .name("room-listen".into())
                .spawn(move || listen(&listener, &handler, &stopping, &open))?
        };
        Ok(Self {
            local,
            stopping,
            open,
            listener: Some(thread),
        })
    }

    /// The address it listens on.
    #[must_use]
    pub fn local_addr(&self) -> SocketAddr {
        self.local
    }

    /// Stops listening and closes every open connection: from now on the
    /// port answers nothing.
    pub fn stop(&mut self) {
        if self.stopping.swap(true, Ordering::SeqCst) {
            return;
        }
        // The listening thread waits in `accept`: a connection of our own
        // wakes it (to the loopback address when listening on all of them).
        let wake = match self.local.ip() {
            IpAddr::V4(ip) if ip.is_unspecified() => {
                SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), self.local.port())
            }
            IpAddr::V6(ip) if ip.is_unspecified() => {
                SocketAddr::new(IpAddr::V6(Ipv6Addr::LOCALHOST), self.local.port())
            }
            _ => self.local,
        };
        let _ = TcpStream::connect_timeout(&wake, Duration::from_secs(1));
        if let Some(thread) = self.listener.take() {
            let _ = thread.join();
        }
        let open = std::mem::take(&mut *lock(&self.open));
        for stream in open.values() {
            let _ = stream.shutdown(Shutdown::Both);
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

fn listen(
    listener: &TcpListener,
    handler: &Arc<Handler>,
    stopping: &Arc<AtomicBool>,
    open: &Arc<Mutex<HashMap<u64, TcpStream>>>,
) {
    let next = AtomicU64::new(0);
    for stream in listener.incoming() {
        if stopping.load(Ordering::SeqCst) {
            return;
        }
        let Ok(stream) = stream else {
            // A connection that failed before we saw it; keep listening
            // (a short pause keeps a persistent error from spinning).
            std::thread::sleep(Duration::from_millis(10));
            continue;
        };
        let id = next.fetch_add(1, Ordering::Relaxed);
        let registered = {
            let mut open = lock(open);
            if open.len() < MAX_CONNECTIONS
                && let Ok(copy) = stream.try_clone()
            {
                open.insert(id, copy);
                true
            } else {
                false
            }
        };
        if !registered {
            let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
            let busy = Response::text(503, "Too many connections; try again.");
            let _ = write_response(&stream, &busy, false);
            continue;
        }
        let handler = Arc::clone(handler);
        let open_for_thread = Arc::clone(open);
        let spawned = std::thread::Builder::new()
            .name("room-conn".into())
            .spawn(move || {
                serve(&stream, &handler);
                lock(&open_for_thread).remove(&id);
            });
        if spawned.is_err() {
            lock(open).remove(&id);
        }
    }
}

/// Serves one connection: reads one request, answers it, closes.
fn serve(stream: &TcpStream, handler: &Arc<Handler>) {
    let _ = stream.set_read_timeout(Some(IO_TIMEOUT));
    let _ = stream.set_write_timeout(Some(IO_TIMEOUT));
    let _ = stream.set_nodelay(true);
    let (response, head_only) = match read_request(stream) {
        Ok(request) => {
            let head_only = request.method == "HEAD";
            (handler(&request), head_only)
        }
        Err(Refused::Gone) => return,
        Err(Refused::Status(status, text)) => (Response::text(status, text), false),
    };
    if write_response(stream, &response, head_only).is_ok() {
        if let (Some(body), false) = (&response.stream, head_only) {
            (body.0)(stream);
            let _ = stream.shutdown(Shutdown::Both);
            return;
        }
        linger(stream);
    }
}

/// Why a request was not read.
#[derive(Debug)]
enum Refused {
    /// The client went away or was too slow: nothing to answer.
    Gone,
    /// Answer with this status and text.
    Status(u16, &'static str),
}

fn read_request(mut stream: &TcpStream) -> Result<Request, Refused> {
    let started = Instant::now();
    let mut buffer = Vec::with_capacity(2048);
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(end) = find_head_end(&buffer) {
            break end;
        }
        if buffer.len() > MAX_HEAD {
            return Err(Refused::Status(431, "Request header too large."));
        }
        if started.elapsed() > REQUEST_DEADLINE {
            return Err(Refused::Gone);
        }
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => return Err(Refused::Gone),
            Ok(n) => buffer.extend_from_slice(&chunk[..n]),
        }
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let request_line = lines.next().unwrap_or_default();
    let mut parts = request_line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(Refused::Status(400, "Bad request line."));
    };
    if !version.starts_with("HTTP/1.") {
        return Err(Refused::Status(505, "Only HTTP/1.x is spoken here."));
    }
    if method.is_empty() || !method.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(Refused::Status(400, "Bad method."));
    }
    let mut headers = Vec::new();
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            return Err(Refused::Status(400, "Bad header."));
        };
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
    }
    let path = target
        .split(['?', '#'])
        .next()
        .unwrap_or_default()
        .to_owned();
    let mut request = Request {
        method: method.to_owned(),
        path,
        headers,
        body: Vec::new(),
    };
    if request.header("transfer-encoding").is_some() {
        return Err(Refused::Status(411, "Send the body with a Content-Length."));
    }
    let length = match request.header("content-length") {
        None => 0,
        Some(text) => text
            .parse::<usize>()
            .map_err(|_| Refused::Status(400, "Bad Content-Length."))?,
    };
    if length > MAX_BODY {
        return Err(Refused::Status(413, "The message is too long."));
    }
    if length > 0
        && request
            .header("expect")
            .is_some_and(|e| e.eq_ignore_ascii_case("100-continue"))
    {
        let _ = stream.write_all(b"HTTP/1.1 100 Continue\r\n\r\n");
    }
    let mut body = buffer[head_end + 4..].to_vec();
    while body.len() < length {
        if started.elapsed() > REQUEST_DEADLINE {
            return Err(Refused::Gone);
        }
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => return Err(Refused::Gone),
            Ok(n) => body.extend_from_slice(&chunk[..n]),
        }
    }
    body.truncate(length);
    request.body = body;
    Ok(request)
}

fn find_head_end(buffer: &[u8]) -> Option<usize> {
    buffer.windows(4).position(|w| w == b"\r\n\r\n")
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        411 => "Length Required",
        413 => "Content Too Large",
        415 => "Unsupported Media Type",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        _ => "Status",
    }
}

fn write_response(mut stream: &TcpStream, response: &Response, head_only: bool) -> io::Result<()> {
    // A streamed body has no length: the connection's end ends it.
    let length = if response.stream.is_some() {
        String::new()
    } else {
        format!("Content-Length: {}\r\n", response.body.len())
    };
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\n{length}Connection: close\r\n\
         Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nReferrer-Policy: no-referrer\r\n\
         X-Frame-Options: DENY\r\n",
        response.status,
        reason(response.status),
        response.content_type,
    );
    for (name, value) in &response.headers {
        // Header values are ours; a line break in one would split the head.
        let value: String = value.chars().filter(|c| !c.is_control()).collect();
        head.push_str(name);
        head.push_str(": ");
        head.push_str(&value);
        head.push_str("\r\n");
    }
    head.push_str("\r\n");
    let mut bytes = head.into_bytes();
    if !head_only {
        bytes.extend_from_slice(&response.body);
    }
    stream.write_all(&bytes)?;
    stream.flush()
}

/// After the answer: stop sending, then read what the client still sends
/// (briefly), so closing never resets the connection before the client
/// read the answer (a browser would show "connection reset" instead of
/// our message).
fn linger(mut stream: &TcpStream) {
    let _ = stream.shutdown(Shutdown::Write);
    let _ = stream.set_read_timeout(Some(Duration::from_millis(500)));
    let mut sink = [0u8; 4096];
    let mut drained = 0usize;
    while drained < 256 * 1024 {
        match stream.read(&mut sink) {
            Ok(0) | Err(_) => break,
            Ok(n) => drained += n,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn serve_once(handler: Arc<Handler>) -> (Server, SocketAddr) {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
        let server = Server::start(listener, handler).expect("starts");
        let addr = server.local_addr();
        (server, addr)
    }

    fn exchange(addr: SocketAddr, raw: &[u8]) -> String {
        let mut stream = TcpStream::connect(addr).expect("connects");
        stream
            .set_read_timeout(Some(Duration::from_secs(5)))
            .expect("timeout");
        stream.write_all(raw).expect("sends");
        let mut answer = Vec::new();
        let _ = stream.read_to_end(&mut answer);
        String::from_utf8_lossy(&answer).into_owned()
    }

    fn echo() -> Arc<Handler> {
        Arc::new(|request: &Request| {
            Response::text(
                200,
                &format!(
                    "{} {} {}",
                    request.method,
                    request.path,
                    String::from_utf8_lossy(&request.body)
                ),
            )
        })
    }

    #[test]
    fn a_request_is_read_whole_and_answered_once() {
        let (_server, addr) = serve_once(echo());
        let answer = exchange(
            addr,
            b"POST /abc?x=1 HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello",
        );
        assert!(answer.starts_with("HTTP/1.1 200 OK\r\n"), "{answer}");
        assert!(answer.contains("Connection: close\r\n"));
        assert!(answer.contains("Cache-Control: no-store\r\n"));
        assert!(answer.ends_with("\r\n\r\nPOST /abc hello"), "{answer}");
    }

    #[test]
    fn oversized_and_malformed_requests_are_refused() {
        let (_server, addr) = serve_once(echo());
        let big = format!(
            "POST / HTTP/1.1\r\nContent-Length: {}\r\n\r\n",
            MAX_BODY + 1
        );
        assert!(exchange(addr, big.as_bytes()).starts_with("HTTP/1.1 413 "));
        assert!(exchange(addr, b"nonsense\r\n\r\n").starts_with("HTTP/1.1 400 "));
        assert!(
            exchange(
                addr,
                b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
            )
            .starts_with("HTTP/1.1 411 ")
        );
        let mut huge = b"GET / HTTP/1.1\r\nX: ".to_vec();
        huge.extend(std::iter::repeat_n(b'a', MAX_HEAD + 10));
        assert!(exchange(addr, &huge).starts_with("HTTP/1.1 431 "));
        assert!(exchange(addr, b"GET / HTTP/2.0\r\n\r\n").starts_with("HTTP/1.1 505 "));
    }

    #[test]
    fn a_head_request_gets_no_body() {
        let (_server, addr) = serve_once(echo());
        let answer = exchange(addr, b"HEAD /x HTTP/1.1\r\n\r\n");
        assert!(answer.starts_with("HTTP/1.1 200 OK"));
        assert!(answer.ends_with("\r\n\r\n"), "{answer}");
    }

    #[test]
    fn stopping_closes_the_port_and_open_connections() {
        let (mut server, addr) = serve_once(echo());
        // A client that connected but sends nothing holds a connection.
        let idle = TcpStream::connect(addr).expect("connects");
        idle.set_read_timeout(Some(Duration::from_secs(5)))
            .expect("timeout");
        std::thread::sleep(Duration::from_millis(100));
        server.stop();
        let mut buf = [0u8; 16];
        let read = (&idle).read(&mut buf);
        assert!(matches!(read, Ok(0) | Err(_)), "{read:?}");
        assert!(TcpStream::connect_timeout(&addr, Duration::from_secs(1)).is_err());
    }
}
