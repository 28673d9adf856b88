//! Benchmarks: what one frame costs on the CPU (egui pass plus
//! tessellation, no GPU) for the console and the projector whiteboard, the
//! projector's auto-fit search on its own, saving, loading and exporting a
//! large session, the journal of edits (one edit made durable; the replay
//! on reopening), and the room's server on loopback (requests per second).
//!
//! Run all with `cargo bench`, quickly with
//! `cargo bench --bench leerkring -- --quick`, one group with e.g.
//! `cargo bench --bench leerkring -- --quick frame/` (criterion's options
//! need `--bench leerkring`: the library's own test harness rejects them).
//! Budgets (issue 7): a frame ≤ 1 ms with the sample session and ≤ 4 ms
//! with the stress session; save ≤ 5 ms, load ≤ 10 ms and each export
//! ≤ 50 ms with the stress session. Issue 16: the stress session in all
//! four formats together ≤ 100 ms (`export/all_four/stress`), and a session
//! with three 12-megapixel camera photos in all four formats ≤ 1.5 s
//! (`export/all_four/three_12mp_photos`). `stress` is
//! `stress_session(60, 25, 200)`: 60 municipalities × 25 keywords and 200
//! synthesis bullets.

use std::cell::RefCell;
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use egui::epaint::text::{Fonts, TextOptions, ViewportKey};
use egui::{Event, Key, Modifiers, RawInput, Rect, pos2, vec2};
use leerkring::app::{Environment, FixedDialogs, ManualClock};
use leerkring::model::stress::stress_session;
use leerkring::report::{ExportOptions, Format};
use leerkring::store::{self, AppDirs};
use leerkring::ui::projector::{
    BeamerTheme, BoardStyle, ProjectorMode, SharedWords, card_texts, keyword_spans, projector_ui,
    shared_words, whiteboard_layout,
};
use leerkring::{LeerkringApp, Session, StartWith};

/// The size of the stress session: municipalities, keywords each, bullets.
const STRESS: (usize, usize, usize) = (60, 25, 200);

/// Frames run before timing, so fonts, galleys and caches are warm.
const WARM_UP_FRAMES: usize = 5;

fn stress() -> Session {
    stress_session(STRESS.0, STRESS.1, STRESS.2)
}

/// One egui context at 1920×1080, driven frame by frame as eframe does.
struct Headless {
    ctx: egui::Context,
    time: f64,
}

impl Headless {
    fn new() -> Self {
        let ctx = egui::Context::default();
        leerkring::ui::theme::install(&ctx);
        Self { ctx, time: 0.0 }
    }

    /// Runs one pass with `events` and tessellates its shapes; returns the
    /// number of primitives (so nothing is optimised away).
    fn frame(&mut self, events: Vec<Event>, mut draw: impl FnMut(&mut egui::Ui)) -> usize {
        self.time += 1.0 / 60.0;
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(pos2(0.0, 0.0), vec2(1920.0, 1080.0))),
            time: Some(self.time),
            focused: true,
            events,
            ..RawInput::default()
        };
        let mut output = self.ctx.run_ui(input, |ui| draw(ui));
        // No renderer here: the font atlas updates are dropped.
        output.textures_delta.clear();
        let primitives = self.ctx.tessellate(output.shapes, output.pixels_per_point);
        primitives.len()
    }
}

/// The app on a session, with its own folders in `home` and a still clock.
/// `stored`: open the session from a file (as the facilitator does);
/// otherwise it is an untitled copy that is never written anywhere.
fn app_on(session: &Session, home: &Path, stored: bool) -> LeerkringApp {
    let file = home.join("sessie.json");
    store::save_session(&file, session).expect("the temporary folder is writable");
    let clock = ManualClock::new(
        NaiveDate::from_ymd_opt(2020, 2, 4)
            .and_then(|d| d.and_hms_opt(14, 32, 0))
            .unwrap_or_default(),
    );
    let mut app = LeerkringApp::new(
        StartWith::File(file),
        Environment {
            dirs: stored.then(|| AppDirs::in_folder(home)),
            clock: Box::new(clock),
            dialogs: Box::new(FixedDialogs::default()),
            sessions_dir: None,
        },
    );
    if !stored {
        // No file and no folders: changes are never saved (the benches
        // that change the session would otherwise write it in the background).
        app.state.file = None;
    }
    app
}

fn key(key: Key, modifiers: Modifiers) -> [Event; 2] {
    [true, false].map(|pressed| Event::Key {
        key,
        physical_key: None,
        pressed,
        repeat: false,
        modifiers,
    })
}

fn console_frame(h: &mut Headless, app: &mut LeerkringApp, events: Vec<Event>) -> usize {
    h.frame(events, |ui| leerkring::shell::frame(app, ui))
}

fn projector_frame(h: &mut Headless, app: &LeerkringApp) -> usize {
    h.frame(Vec::new(), |ui| {
        let rect = ui.max_rect();
        app.state
            .with_projector_view(|view| projector_ui(ui, rect, view, true));
    })
}

/// The first three frames of a new context, timed once (fonts loaded,
/// glyphs rasterised, caches filled): part of the start-up time.
fn first_frames(mut frame: impl FnMut() -> usize) -> String {
    let times: Vec<String> = (0..3)
        .map(|_| {
            let start = Instant::now();
            black_box(frame());
            format!("{:.1} ms", start.elapsed().as_secs_f64() * 1000.0)
        })
        .collect();
    times.join(", ")
}

fn sessions() -> [(&'static str, Session); 2] {
    [
        ("sample", leerkring::app::sample_session()),
        ("stress", stress()),
    ]
}

fn frames(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame");
    for (name, session) in sessions() {
        let home = tempfile::tempdir().expect("a temporary folder");

        // The console, nothing happening (a repaint for the clock).
        let mut app = app_on(&session, home.path(), true);
        let mut h = Headless::new();
        let first = first_frames(|| console_frame(&mut h, &mut app, Vec::new()));
        eprintln!("frame/console_first_frames/{name}: {first}");
        for _ in 0..WARM_UP_FRAMES {
            console_frame(&mut h, &mut app, Vec::new());
        }
        group.bench_function(format!("console_idle/{name}"), |b| {
            b.iter(|| black_box(console_frame(&mut h, &mut app, Vec::new())));
        });

        // The console while typing a keyword: one character, then Backspace.
        let mut typed = false;
        group.bench_function(format!("console_keystroke/{name}"), |b| {
            b.iter(|| {
                let events = if typed {
                    key(Key::Backspace, Modifiers::NONE).to_vec()
                } else {
                    vec![Event::Text("e".into())]
                };
                typed = !typed;
                black_box(console_frame(&mut h, &mut app, events))
            });
        });

        // The projector window showing the whiteboard, nothing changing.
        app.state.projector.mode_override = Some(ProjectorMode::Whiteboard);
        let mut p = Headless::new();
        let first = first_frames(|| projector_frame(&mut p, &app));
        eprintln!("frame/projector_first_frames/{name}: {first}");
        for _ in 0..WARM_UP_FRAMES {
            projector_frame(&mut p, &app);
        }
        group.bench_function(format!("projector_whiteboard/{name}"), |b| {
            b.iter(|| black_box(projector_frame(&mut p, &app)));
        });

        // A keystroke that changes the projector: Enter commits a keyword,
        // then both windows draw their frame. "kaasstolp" is on another
        // card of the sample, so it also becomes a shared word (recolouring
        // other cards); "zeepkist" is on no other card.
        for (variant, word) in [("", "kaasstolp"), ("_unique_word", "zeepkist")] {
            let mut app = app_on(&session, home.path(), false);
            app.state.projector.mode_override = Some(ProjectorMode::Whiteboard);
            let mut h = Headless::new();
            let mut p = Headless::new();
            for _ in 0..WARM_UP_FRAMES {
                console_frame(&mut h, &mut app, Vec::new());
                projector_frame(&mut p, &app);
            }
            let commit = || {
                let mut events = vec![Event::Text(word.into())];
                events.extend(key(Key::Enter, Modifiers::NONE));
                events
            };
            // Undone untimed, so every timed commit changes the projector
            // from the same state (a frame between lets the field report
            // that it is empty: Ctrl+Z then undoes the keyword, not typing).
            let undo = |h: &mut Headless, app: &mut LeerkringApp, p: &mut Headless| {
                console_frame(h, app, Vec::new());
                console_frame(h, app, key(Key::Z, Modifiers::COMMAND).to_vec());
                console_frame(h, app, Vec::new());
                projector_frame(p, app);
            };
            let before = app.state.session.keyword_count();
            console_frame(&mut h, &mut app, commit());
            assert_eq!(
                app.state.session.keyword_count(),
                before + 1,
                "Enter commits"
            );
            undo(&mut h, &mut app, &mut p);
            assert_eq!(app.state.session.keyword_count(), before, "Ctrl+Z undoes");
            group.bench_function(format!("keystroke_to_projector{variant}/{name}"), |b| {
                b.iter_custom(|iterations| {
                    let mut timed = Duration::ZERO;
                    for _ in 0..iterations {
                        let start = Instant::now();
                        let console = console_frame(&mut h, &mut app, commit());
                        black_box(console + projector_frame(&mut p, &app));
                        timed += start.elapsed();
                        undo(&mut h, &mut app, &mut p);
                    }
                    timed
                });
            });
        }
    }
    group.finish();
}

/// The auto-fit search alone (`whiteboard_layout`, no measurements kept
/// from an earlier search), on the projector's whiteboard area at
/// 1920×1080: `cold` with no galley cached (as after a change of window
/// size), `warm` with every galley it needs cached.
fn autofit(c: &mut Criterion) {
    let mut group = c.benchmark_group("autofit");
    for (name, session) in sessions() {
        // Finding the shared words and their places in every keyword: done
        // once per change of the cards' words, before the auto-fit.
        group.bench_function(format!("shared_words/{name}"), |b| {
            b.iter(|| {
                let shared = shared_words(black_box(&session));
                black_box(keyword_spans(&session, &shared))
            });
        });
        // The same after one new keyword, keeping the words of the others
        // (as the projector does).
        let before = SharedWords::default().update(&session);
        let mut changed = session.clone();
        let experiment = changed.experiments[0].id.clone();
        changed.add_keyword(&experiment, "raad en inwoners samen");
        group.bench_function(format!("shared_words_after_a_keyword/{name}"), |b| {
            b.iter(|| black_box(before.update(black_box(&changed))));
        });
        let shared = shared_words(&session);
        let cards = card_texts(&session, &shared);
        let style = BoardStyle::readable(
            // The whiteboard's share of a 1080p projector (margins and the
            // header strip taken off), as `projector_ui` computes it.
            vec2(1920.0 - 2.0 * 17.28, 1080.0 - 80.0),
            1080.0,
            0.05,
            1.0,
            leerkring::ui::projector::theme::palette(BeamerTheme::default()),
        );
        let fonts = RefCell::new(Fonts::new(
            TextOptions::default(),
            leerkring::ui::theme::font_definitions(),
        ));
        let viewport = ViewportKey::default();
        let begin_pass = || {
            fonts
                .borrow_mut()
                .begin_pass(TextOptions::default(), viewport);
        };
        let layout = || {
            whiteboard_layout(
                &mut fonts.borrow_mut().with_pixels_per_point(1.0),
                &cards,
                &style,
            )
        };
        // Rasterise the glyphs once: the atlas outlives galleys in the app too.
        begin_pass();
        let found = layout();
        eprintln!(
            "autofit/{name}: body {:.1} pt, fits {}, {} page(s), {} cards",
            found.body_size,
            found.fits,
            found.pages.len(),
            cards.len()
        );
        group.bench_function(format!("cold/{name}"), |b| {
            b.iter_batched(
                || {
                    // Two passes without use evict every galley.
                    begin_pass();
                    begin_pass();
                },
                |()| black_box(layout()),
                BatchSize::PerIteration,
            );
        });
        group.bench_function(format!("warm/{name}"), |b| {
            b.iter(|| {
                begin_pass();
                black_box(layout())
            });
        });
    }
    group.finish();
}

fn store_and_report(c: &mut Criterion) {
    let session = stress();
    let home = tempfile::tempdir().expect("a temporary folder");
    let file = home.path().join("stress.json");
    store::save_session(&file, &session).expect("the temporary folder is writable");
    let bytes = store::session_to_json(&session);
    eprintln!(
        "store: the stress session is {} KB of JSON",
        bytes.len() / 1024
    );

    let mut group = c.benchmark_group("store");
    group.bench_function("to_json/stress", |b| {
        b.iter(|| black_box(store::session_to_json(&session)));
    });
    group.bench_function("save/stress", |b| {
        b.iter(|| black_box(store::save_session(&file, black_box(&session))));
    });
    group.bench_function("parse/stress", |b| {
        b.iter(|| black_box(store::parse_session(&bytes)));
    });
    group.bench_function("load/stress", |b| {
        b.iter(|| black_box(store::load_session(&file)));
    });
    group.finish();

    let mut group = c.benchmark_group("report");
    for public in [false, true] {
        let options = ExportOptions::new(public);
        for format in Format::ALL {
            let variant = if public { "public" } else { "full" };
            let size = leerkring::report::render(&session, format, &options)
                .map_or(0, |bytes| bytes.len());
            eprintln!(
                "report: {format} {variant} of the stress session is {} KB",
                size / 1024
            );
            group.bench_function(format!("{format}_{variant}/stress"), |b| {
                b.iter(|| black_box(leerkring::report::render(&session, format, &options)));
            });
        }
    }
    // The export dialog's list of what the public variant replaces, made
    // again after each change while the dialog is open.
    let options = ExportOptions::new(true);
    group.bench_function("public_replacements/stress", |b| {
        b.iter(|| black_box(leerkring::report::replacements(&session, &options)));
    });
    group.finish();
}

fn journal(c: &mut Criterion) {
    let session = stress();
    let home = tempfile::tempdir().expect("a temporary folder");
    let dirs = AppDirs::in_folder(home.path());
    let file = home.path().join("stress.json");
    store::save_session(&file, &session).expect("the temporary folder is writable");
    let target = store::JournalTarget::new(&dirs, "stress", store::SaveTarget::File(file));
    let saver = store::Autosaver::start(Box::new(|| {})).expect("the thread starts");
    assert!(saver.journal_begin(Some(target.clone()), session.clone()));
    let experiment = &session.experiments[0];
    let keyword = |i: usize| leerkring::model::Edit::AddKeyword {
        org: experiment.organisation.clone(),
        experiment: Some(experiment.id.clone()),
        text: format!("trefwoord {i}"),
    };
    // The first edit writes the journal with its base.
    assert!(saver.journal_edit(keyword(0)));
    let _ = saver.journal_sync(Duration::from_secs(10));
    let mut group = c.benchmark_group("journal");
    let mut n = 1;
    // What bounds the loss window: one edit handed over, written and fsynced.
    group.bench_function("edit_durable/stress", |b| {
        b.iter(|| {
            n += 1;
            assert!(saver.journal_edit(keyword(n)));
            black_box(saver.journal_sync(Duration::from_secs(10)))
        });
    });
    drop(saver);
    let bytes = std::fs::read(&target.path).expect("the journal was written");
    eprintln!(
        "journal: {n} keywords after the base, {} KB",
        bytes.len() / 1024
    );
    group.bench_function("replay_all/stress", |b| {
        b.iter(|| black_box(store::find_in_journal_bytes(&bytes, Some(&session))));
    });
    group.finish();
}

/// A 4000×3000 "camera photo": smooth shapes with sensor-like noise, so it
/// compresses about as badly as a real phone photo (several MB); the same
/// picture as the photo tests use.
fn camera_jpeg(seed: u32) -> Vec<u8> {
    let mut state = seed.wrapping_mul(2_654_435_761).max(1);
    let image = image::RgbImage::from_fn(4000, 3000, |x, y| {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        let noise = i32::try_from(state % 24).unwrap_or(0) - 12;
        let (x, y) = (i64::from(x), i64::from(y));
        let paper = i32::try_from(200 - ((x - 2000).abs() + (y - 1500).abs()) / 60).unwrap_or(0);
        let ink = if (x / 90 + y / 140 + i64::from(seed)).rem_euclid(7) == 0 {
            -120
        } else {
            0
        };
        let v = |base: i32| (base + ink + noise).clamp(0, 255) as u8;
        image::Rgb([v(paper), v(paper - 5), v(paper - 20)])
    });
    let mut bytes = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 92)
        .encode_image(&image)
        .expect("encode");
    bytes
}

/// All four formats from one document: the stress session, and the
/// sample with three 12 MP camera photos (each decoded and scaled once).
fn export_all(c: &mut Criterion) {
    let targets: Vec<(Format, String)> = Format::ALL
        .iter()
        .map(|f| (*f, format!("verslag.{}", f.extension())))
        .collect();
    let mut group = c.benchmark_group("export");
    let session = stress();
    // For scripts/measure-export.sh, which times the real binary on it.
    let dump = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/stress-session.json");
    if std::fs::write(&dump, store::session_to_json(&session)).is_ok() {
        eprintln!("export: wrote {}", dump.display());
    }
    let options = ExportOptions::new(false);
    group.bench_function("all_four/stress", |b| {
        b.iter(|| black_box(leerkring::report::export(&session, &targets, &options)));
    });

    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = dir.path().join("fotos.json");
    let mut session = store::load_session(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("sessions/2020-02-04-m50-democratische-vernieuwing.json"),
    )
    .expect("the sample loads");
    for n in 1..=3 {
        let name = format!("camera-{n}.jpg");
        std::fs::write(dir.path().join(&name), camera_jpeg(n)).expect("write a photo");
        session.attachments.push(leerkring::model::Attachment {
            id: leerkring::model::AttachmentId::new(format!("foto-{n}")),
            path: name,
            caption: format!("Flap {n}"),
            agenda_item: session.agenda.get(2).map(|i| i.id.clone()),
        });
    }
    let options = ExportOptions::new(false).next_to(&file);
    for rendered in leerkring::report::export(&session, &targets, &options) {
        let rendered = rendered.expect("the report renders");
        eprintln!(
            "export: {} with three 12 MP photos is {} KB (+{} KB of files)",
            rendered.format,
            rendered.bytes.len() / 1024,
            rendered.files.iter().map(|f| f.bytes.len()).sum::<usize>() / 1024
        );
    }
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(8));
    group.bench_function("all_four/three_12mp_photos", |b| {
        b.iter(|| black_box(leerkring::report::export(&session, &targets, &options)));
    });
    group.finish();
}

/// The room's server on 127.0.0.1: a phone's join page, one submission at
/// a time, and eight phones at once. A thread plays the app and answers
/// every submission at once, so this is the server's own cost (the real
/// app answers at its next frame). The limit per device is lifted: the
/// benchmark sends thousands from one client.
fn room(c: &mut Criterion) {
    use std::io::{Read, Write};
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

    use leerkring::model::{OrgId, SubmissionId};
    use leerkring::room::{Answer, Limits, Room, RoomInfo, RoomOptions};

    let sample = leerkring::app::sample_session();
    let info = RoomInfo {
        lang: sample.header.language,
        title: sample.header.title.clone(),
        organisations: sample
            .municipalities()
            .map(|o| (o.id.clone(), o.name.clone()))
            .collect(),
        anonymous: false,
        auto_accept: false,
        remark_block: "Wat valt op?".into(),
        accepting: true,
        vote: None,
    };
    let (wake_tx, wake_rx) = std::sync::mpsc::channel::<()>();
    let wake_tx = std::sync::Mutex::new(wake_tx);
    let limits = Limits {
        per_device_per_minute: usize::MAX,
        new_devices_per_minute: usize::MAX,
    };
    let room = Room::open_with_limits(
        &RoomOptions::loopback(),
        limits,
        info,
        Arc::new(move || {
            let _ = wake_tx.lock().map(|tx| tx.send(()));
        }),
    )
    .expect("a loopback port");
    let addr = room.local_addr();
    let path = format!("/{}", room.token());
    let stop = Arc::new(AtomicBool::new(false));
    let app = {
        let stop = Arc::clone(&stop);
        std::thread::spawn(move || {
            let next = AtomicU64::new(0);
            while !stop.load(Ordering::Relaxed) {
                let _ = wake_rx.recv_timeout(Duration::from_millis(20));
                for incoming in room.take() {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    incoming.answer(Answer::Received(SubmissionId::new(format!("sub-{n}"))));
                }
            }
            room.close();
        })
    };
    let exchange = |request: &[u8]| -> usize {
        let mut stream = std::net::TcpStream::connect(addr).expect("connects");
        stream.write_all(request).expect("sends");
        let mut answer = Vec::with_capacity(16 * 1024);
        let _ = stream.read_to_end(&mut answer);
        assert!(
            answer.starts_with(b"HTTP/1.1 200"),
            "{}",
            String::from_utf8_lossy(&answer)
        );
        answer.len()
    };
    let get = format!("GET {path} HTTP/1.1\r\nHost: bench\r\n\r\n");
    let org = OrgId::new("org-lochem");
    let body = format!("org={org}&kind=keyword&text=raad+1e+woord&js=1");
    let post = format!(
        "POST {path} HTTP/1.1\r\nHost: bench\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );

    let mut group = c.benchmark_group("room");
    group.bench_function("join_page", |b| {
        b.iter(|| black_box(exchange(get.as_bytes())));
    });
    group.bench_function("submit", |b| {
        b.iter(|| black_box(exchange(post.as_bytes())));
    });
    let (phones, each) = (8, 8);
    group.throughput(criterion::Throughput::Elements(phones * each));
    group.bench_function("submit_8_phones_at_once", |b| {
        b.iter(|| {
            std::thread::scope(|scope| {
                for _ in 0..phones {
                    scope.spawn(|| {
                        for _ in 0..each {
                            black_box(exchange(post.as_bytes()));
                        }
                    });
                }
            });
        });
    });
    group.finish();
    stop.store(true, Ordering::Relaxed);
    let _ = app.join();
}

fn config() -> Criterion {
    // Short by default: the machine is shared. `--quick`, `--sample-size`
    // and `--measurement-time` on the command line still apply.
    Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
}

criterion_group! {
    name = benches;
    config = config();
    targets = frames, autofit, store_and_report, export_all, journal, room
}
criterion_main!(benches);
