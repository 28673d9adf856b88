//! The `leerkring` binary: command-line dispatch and the native window.

// On Windows a GUI program: no console window behind the app. Command-line
// runs attach to the console they were started from (`leerkring::desktop`).
#![cfg_attr(windows, windows_subsystem = "windows")]

use std::process::ExitCode;

use leerkring::cli::{self, Cli};
use leerkring::i18n::{self, Language, T, trf};
use leerkring::{Environment, LeerkringApp, Shell, StartWith, store};

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(error) => {
            eprintln!("leerkring: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> anyhow::Result<ExitCode> {
    let started = std::time::Instant::now();
    let lang = i18n::language_from_env(Language::En);
    let parsed = cli::parse(std::env::args_os().skip(1), lang);
    if !matches!(parsed, Ok(Cli::Open { .. })) {
        let _ = leerkring::desktop::attach_to_parent_console();
    }
    let command = match parsed {
        Ok(command) => command,
        Err(usage) => {
            eprintln!("leerkring: {usage}");
            return Ok(ExitCode::from(2));
        }
    };
    match command {
        Cli::Help(topic) => {
            println!("{}", cli::help_text(topic, lang));
            Ok(ExitCode::SUCCESS)
        }
        Cli::Version => {
            println!("leerkring {}", env!("CARGO_PKG_VERSION"));
            Ok(ExitCode::SUCCESS)
        }
        Cli::Schema => {
            println!("{}", store::json_schema());
            Ok(ExitCode::SUCCESS)
        }
        Cli::Check { files } => {
            let good = cli::run_check(
                &files,
                lang,
                &mut std::io::stdout().lock(),
                &mut std::io::stderr().lock(),
            );
            Ok(exit_code(good))
        }
        Cli::Export(args) => {
            let good = cli::run_export(
                &args,
                lang,
                &mut std::io::stdout().lock(),
                &mut std::io::stderr().lock(),
            );
            Ok(exit_code(good))
        }
        Cli::FollowUp {
            file,
            meeting,
            out,
            force,
        } => {
            let good = cli::run_follow_up(
                &file,
                meeting,
                out.as_deref(),
                force,
                lang,
                &mut std::io::stdout().lock(),
                &mut std::io::stderr().lock(),
            );
            Ok(exit_code(good))
        }
        Cli::New(args) => {
            let good = cli::run_new(
                &args,
                lang,
                &mut std::io::stdout().lock(),
                &mut std::io::stderr().lock(),
            );
            Ok(exit_code(good))
        }
        Cli::NewList { language } => {
            let good = cli::run_new_list(
                language.unwrap_or(lang),
                &mut std::io::stdout().lock(),
                &mut std::io::stderr().lock(),
            );
            Ok(exit_code(good))
        }
        Cli::Open {
            file,
            projector,
            room,
        } => {
            let start = match file.as_deref().map(|f| cli::open_target(f, lang)) {
                None => StartWith::Default,
                Some(Ok(cli::OpenTarget::Existing(file))) => StartWith::File(file),
                Some(Ok(cli::OpenTarget::New(file))) => StartWith::NewFile(file),
                Some(Err(usage)) => {
                    let _ = leerkring::desktop::attach_to_parent_console();
                    eprintln!("leerkring: {usage}");
                    return Ok(ExitCode::from(2));
                }
            };
            run_window(start, projector, room, started)
        }
    }
}

/// The exit code of a command that printed its own results: failure when
/// anything it was asked to do failed.
fn exit_code(good: bool) -> ExitCode {
    if good {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn run_window(
    start: StartWith,
    projector: bool,
    room: Option<leerkring::room::RoomOptions>,
    started: std::time::Instant,
) -> anyhow::Result<ExitCode> {
    let report = std::env::var_os("LEERKRING_REPORT_FIRST_FRAME").is_some();
    let mut app = LeerkringApp::new(start, Environment::system());
    app.state.projector.open = projector;
    if let Some(options) = room {
        app.set_room_options(options);
        // One line on standard output, so scripts and tests find the room.
        match app.open_room() {
            Ok(url) => {
                println!("room: {url}");
                if let Some(live) = app.live_url() {
                    println!("live: {live}");
                }
            }
            Err(why) => eprintln!(
                "leerkring: {}",
                trf(app.state.ui_lang, T::CliRoomFailed, &[("detail", &why)])
            ),
        }
    }
    let mut shell = Shell::new(app);
    if report {
        shell.report_first_frame(started);
        eprintln!(
            "leerkring: session loaded after {} ms",
            started.elapsed().as_millis()
        );
    }
    if std::env::var_os("LEERKRING_TRACE_FRAMES").is_some() {
        shell.trace_frames(started);
    }
    let lang = shell.app.state.ui_lang;
    let shutdown = shell.app.shutdown_flag();
    let mut options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(shell.app.window_title())
            .with_app_id("leerkring")
            .with_inner_size(shell.app.initial_window_size())
            .with_min_inner_size([720.0, 480.0]),
        // Only the bundled fonts: every machine renders the same.
        system_font_fallback: false,
        ..Default::default()
    };
    if let Some(icon) = leerkring::desktop::window_icon() {
        options.viewport = options.viewport.with_icon(icon);
    }
    let result = eframe::run_native(
        "Leerkring",
        options,
        Box::new(move |cc| {
            if report {
                eprintln!(
                    "leerkring: window and OpenGL ready after {} ms",
                    started.elapsed().as_millis()
                );
            }
            let mut shell = shell;
            shell.install_theme(&cc.egui_ctx);
            watch_for_termination(cc.egui_ctx.clone(), shutdown);
            Ok(Box::new(shell))
        }),
    );
    match result {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(
            error @ (eframe::Error::Glutin(_)
            | eframe::Error::NoGlutinConfigs(..)
            | eframe::Error::OpenGL(_)),
        ) => {
            let message = trf(lang, T::NoOpenGl, &[("detail", &error.to_string())]);
            eprintln!("leerkring: {message}");
            // On Windows there may be no console to read the message in.
            let _ = rfd::MessageDialog::new()
                .set_level(rfd::MessageLevel::Error)
                .set_title(i18n::tr(lang, T::AppName))
                .set_description(message)
                .show();
            Ok(ExitCode::FAILURE)
        }
        Err(error) => Err(anyhow::anyhow!("{error}")),
    }
}

/// On SIGTERM, SIGINT or SIGHUP: ask the app to save and quit at once,
/// without any question (Windows sends a close event instead).
#[cfg(unix)]
fn watch_for_termination(
    ctx: egui::Context,
    shutdown: std::sync::Arc<std::sync::atomic::AtomicBool>,
) {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGHUP]) else {
        return;
    };
    let _ = std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if signals.forever().next().is_some() {
                shutdown.store(true, std::sync::atomic::Ordering::SeqCst);
                ctx.request_repaint();
            }
        });
}

#[cfg(not(unix))]
fn watch_for_termination(
    _ctx: egui::Context,
    _shutdown: std::sync::Arc<std::sync::atomic::AtomicBool>,
) {
}
