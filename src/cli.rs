//! The command line: `leerkring [SESSION.json]`, `leerkring check FILE...`,
//! `leerkring schema`, `leerkring export SESSION.json`, and `--help` for each.

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::i18n::{self, Language, T, tr, trf};
use crate::model::{FORMAT_VERSION, Session};
use crate::report::{self, ExportOptions, Format};
use crate::store;

/// Which help text to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HelpTopic {
    /// The overview.
    Main,
    /// `leerkring check`.
    Check,
    /// `leerkring schema`.
    Schema,
    /// `leerkring export`.
    Export,
    /// `leerkring follow-up`.
    FollowUp,
    /// `leerkring new`.
    New,
}

/// What the command line asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cli {
    /// Open the app, with a session file or without.
    Open {
        /// The session file to open.
        file: Option<PathBuf>,
        /// Whether to open the projector window at start.
        projector: bool,
        /// Open the room to phones at start, listening as given (`--room`,
        /// `--room-port N`, `--room-bind ADDR`).
        room: Option<crate::room::RoomOptions>,
    },
    /// Check session files.
    Check {
        /// The files to check.
        files: Vec<PathBuf>,
    },
    /// Print the JSON Schema.
    Schema,
    /// Write the report of a session.
    Export(ExportArgs),
    /// Make the next meeting of a session.
    FollowUp {
        /// The previous session's file.
        file: PathBuf,
        /// The planned meeting, counted from 1.
        meeting: usize,
        /// The new file (or a folder); `None`: next to the session file.
        out: Option<PathBuf>,
        /// Whether an existing output file may be replaced.
        force: bool,
    },
    /// Make a new session from a template.
    New(NewArgs),
    /// List the templates, one per line.
    NewList {
        /// The language of the names and descriptions; `None`: the computer's.
        language: Option<Language>,
    },
    /// Print help.
    Help(HelpTopic),
    /// Print the version.
    Version,
}

/// A command line that cannot be understood; the message is for the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

fn is_help(arg: &OsString) -> bool {
    arg == "-h" || arg == "--help"
}

/// A usage error: the message `key` with its `detail`.
fn usage_error(lang: Language, key: T, detail: &str) -> UsageError {
    usage_error_text(lang, &trf(lang, key, &[("detail", detail)]))
}

fn usage_error_text(lang: Language, detail: &str) -> UsageError {
    UsageError(trf(lang, T::CliUsageError, &[("detail", detail)]))
}

/// The value of an option named `names` (such as `-o`, `--output`) when
/// `text` is one of them (the value is the next argument) or
/// `--long=VALUE`; `None` when `text` is not this option.
fn option_value<'a>(
    text: &str,
    names: &[&str],
    args: &mut impl Iterator<Item = &'a OsString>,
    lang: Language,
) -> Option<Result<OsString, UsageError>> {
    if names.contains(&text) {
        return Some(
            args.next()
                .cloned()
                .ok_or_else(|| usage_error(lang, T::CliOptionNeedsValue, text)),
        );
    }
    names
        .iter()
        .filter(|name| name.starts_with("--"))
        .find_map(|name| text.strip_prefix(name)?.strip_prefix('='))
        .map(|value| Ok(OsString::from(value)))
}

/// Reads the arguments (without the program name).
pub fn parse<I>(args: I, lang: Language) -> Result<Cli, UsageError>
where
    I: IntoIterator<Item = OsString>,
{
    let args: Vec<OsString> = args.into_iter().collect();
    let usage = |key: T, detail: &str| usage_error(lang, key, detail);
    let Some(first) = args.first() else {
        return Ok(Cli::Open {
            file: None,
            projector: false,
            room: None,
        });
    };
    if is_help(first) || first == "help" {
        return Ok(Cli::Help(HelpTopic::Main));
    }
    if first == "-V" || first == "--version" {
        return Ok(Cli::Version);
    }
    let rest = &args[1..];
    if first == "check" {
        let (options, files) = split_at_double_dash(rest);
        if options.iter().any(is_help) {
            return Ok(Cli::Help(HelpTopic::Check));
        }
        if let Some(option) = options.iter().find(|a| is_option(a)) {
            return Err(usage(T::CliUnknownOption, &shown_arg(option)));
        }
        let files: Vec<PathBuf> = options.iter().chain(files).map(PathBuf::from).collect();
        if files.is_empty() {
            return Err(usage(T::CliCheckNeedsFiles, ""));
        }
        return Ok(Cli::Check { files });
    }
    if first == "export" {
        return parse_export(rest, lang);
    }
    if first == "follow-up" {
        return parse_follow_up(rest, lang);
    }
    if first == "new" {
        return parse_new(rest, lang);
    }
    if first == "schema" {
        if rest.iter().any(is_help) {
            return Ok(Cli::Help(HelpTopic::Schema));
        }
        if !rest.is_empty() {
            return Err(usage(T::CliSchemaTakesNothing, ""));
        }
        return Ok(Cli::Schema);
    }

    let mut file = None;
    let mut projector = false;
    let mut room = false;
    let mut options = crate::room::RoomOptions::default();
    let mut room_option = None;
    let (given, files) = split_at_double_dash(&args);
    let mut rest = given.iter();
    while let Some(arg) = rest.next() {
        if is_help(arg) {
            return Ok(Cli::Help(HelpTopic::Main));
        }
        if arg == "--projector" {
            projector = true;
            continue;
        }
        if arg == "--room" {
            room = true;
            continue;
        }
        let text = arg.to_string_lossy().into_owned();
        if let Some(value) = option_value(&text, &["--room-port"], &mut rest, lang) {
            let value = value?.to_string_lossy().into_owned();
            options.port = value
                .parse::<u16>()
                .ok()
                .filter(|p| *p > 0)
                .ok_or_else(|| usage(T::CliRoomBadPort, &shown_arg(&value.clone().into())))?;
            room_option = Some("--room-port");
            continue;
        }
        if let Some(value) = option_value(&text, &["--room-bind"], &mut rest, lang) {
            let value = value?.to_string_lossy().into_owned();
            options.bind = Some(
                value
                    .parse::<std::net::IpAddr>()
                    .map_err(|_| usage(T::CliRoomBadAddress, &shown_arg(&value.clone().into())))?,
            );
            room_option = Some("--room-bind");
            continue;
        }
        if is_option(arg) {
            return Err(usage(T::CliUnknownOption, &shown_arg(arg)));
        }
        if file.replace(PathBuf::from(arg)).is_some() {
            return Err(usage(T::CliTooManyFiles, ""));
        }
    }
    for arg in files {
        if file.replace(PathBuf::from(arg)).is_some() {
            return Err(usage(T::CliTooManyFiles, ""));
        }
    }
    if let (false, Some(option)) = (room, room_option) {
        return Err(usage(T::CliRoomNeedsRoom, option));
    }
    Ok(Cli::Open {
        file,
        projector,
        room: room.then_some(options),
    })
}

/// What `leerkring new` is asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewArgs {
    /// The template's name; `None`: the standard learning circle.
    pub template: Option<String>,
    /// The session's language; `None`: the computer's.
    pub language: Option<Language>,
    /// The new file, or a folder; `None`: a new file in the current folder.
    pub out: Option<PathBuf>,
    /// Whether an existing file may be replaced.
    pub force: bool,
}

/// Reads the arguments after `new`.
fn parse_new(rest: &[OsString], lang: Language) -> Result<Cli, UsageError> {
    let keyed = |key: T, detail: &str| usage_error(lang, key, detail);
    if rest.iter().any(is_help) {
        return Ok(Cli::Help(HelpTopic::New));
    }
    let mut args = NewArgs {
        template: None,
        language: None,
        out: None,
        force: false,
    };
    let mut list = false;
    let mut rest = rest.iter();
    while let Some(arg) = rest.next() {
        let text = arg.to_string_lossy();
        if text == "--list" {
            list = true;
        } else if text == "--force" {
            args.force = true;
        } else if let Some(value) = option_value(&text, &["--template", "-t"], &mut rest, lang) {
            args.template = Some(value?.to_string_lossy().into_owned());
        } else if let Some(value) = option_value(&text, &["--language"], &mut rest, lang) {
            let value = value?.to_string_lossy().to_lowercase();
            args.language = Some(match value.as_str() {
                "nl" => Language::Nl,
                "en" => Language::En,
                _ => return Err(keyed(T::CliNewBadLanguage, &value)),
            });
        } else if let Some(value) = option_value(&text, OUTPUT, &mut rest, lang) {
            args.out = Some(PathBuf::from(value?));
        } else if text.starts_with('-') && text != "-" {
            return Err(keyed(T::CliUnknownOption, &text));
        } else {
            return Err(keyed(T::CliNewTakesNoFile, ""));
        }
    }
    if list {
        return Ok(Cli::NewList {
            language: args.language,
        });
    }
    Ok(Cli::New(args))
}

/// What `leerkring FILE` opens: an existing file, or — for a name ending in
/// `.json` in an existing folder — a new session that becomes that file at
/// its first change. Any other word is a usage error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenTarget {
    /// An existing file (or something the app explains it cannot open).
    Existing(PathBuf),
    /// A new session in a file that does not exist yet.
    New(PathBuf),
}

/// Decides what `leerkring FILE` opens (see [`OpenTarget`]).
pub fn open_target(file: &Path, lang: Language) -> Result<OpenTarget, UsageError> {
    if file.exists() {
        return Ok(OpenTarget::Existing(file.to_path_buf()));
    }
    let name = file.display().to_string();
    let is_json = file
        .extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("json"));
    if !is_json {
        return Err(usage_error(lang, T::CliUnknownWord, &name));
    }
    let folder = file.parent().filter(|p| !p.as_os_str().is_empty());
    if folder.is_some_and(|f| !f.is_dir()) {
        return Err(usage_error(lang, T::CliNewFolderMissing, &name));
    }
    Ok(OpenTarget::New(file.to_path_buf()))
}

/// Prints the templates, one per line: name, then a short description.
pub fn run_new_list(lang: Language, out: &mut dyn Write, err: &mut dyn Write) -> bool {
    let dirs = store::AppDirs::from_env();
    let (list, unreadable) = store::all_templates(dirs.as_ref(), lang);
    let width = list
        .iter()
        .map(|t| t.name.chars().count())
        .max()
        .unwrap_or(0);
    for entry in &list {
        let _ = writeln!(
            out,
            "{:width$}  {}",
            entry.name,
            template_description(entry, lang)
        );
    }
    for (path, error) in &unreadable {
        let _ = writeln!(
            err,
            "{}: {}",
            trf(
                lang,
                T::TemplateUnreadable,
                &[("name", &store::template_name(path))]
            ),
            error.message(lang).replace('\n', " ")
        );
    }
    true
}

/// "Standaard leerkring: opening, …; 9 agendapunten, 150 minuten".
#[must_use]
pub fn template_description(entry: &store::TemplateEntry, lang: Language) -> String {
    let (title, detail) = entry.texts(lang);
    format!("{title}: {detail}")
}

/// Writes a new session from a template (see [`NewArgs`]); prints the file
/// written on `out_w`, or the problem on `err`. Returns whether it wrote.
pub fn run_new(args: &NewArgs, lang: Language, out_w: &mut dyn Write, err: &mut dyn Write) -> bool {
    let session_lang = args.language.unwrap_or(lang);
    let dirs = store::AppDirs::from_env();
    let wanted = args.template.clone().unwrap_or_else(|| {
        crate::model::templates::BuiltIn::Standard
            .name(lang)
            .to_owned()
    });
    let entry = match store::find_template(dirs.as_ref(), session_lang, &wanted) {
        Some(Ok(entry)) => entry,
        Some(Err(error)) => {
            let _ = writeln!(err, "{}", error.message(lang));
            return false;
        }
        None => {
            let _ = writeln!(
                err,
                "{}",
                trf(lang, T::CliNewUnknownTemplate, &[("detail", &wanted)])
            );
            return false;
        }
    };
    let default_name = format!("{}.json", tr(session_lang, T::CliNewDefaultName));
    let target = match &args.out {
        Some(out) if out.is_dir() => out.join(&default_name),
        Some(out) => out.clone(),
        None => PathBuf::from(&default_name),
    };
    let name = target.display().to_string();
    if target.exists() && !args.force {
        let _ = writeln!(err, "{}", trf(lang, T::CliNewExists, &[("file", &name)]));
        return false;
    }
    match store::save_session(&target, &entry.session) {
        Ok(()) => {
            let _ = writeln!(
                out_w,
                "{}",
                trf(
                    lang,
                    T::CliNewWrote,
                    &[("file", &name), ("template", &entry.name)]
                )
            );
            true
        }
        Err(error) => {
            let _ = writeln!(err, "{}", error.message(lang));
            false
        }
    }
}

/// The arguments before a lone `--` (options and files) and after it
/// (only files, even when they start with a dash).
fn split_at_double_dash(args: &[OsString]) -> (&[OsString], &[OsString]) {
    match args.iter().position(|a| a == "--") {
        Some(at) => (&args[..at], &args[at + 1..]),
        None => (args, &[]),
    }
}

/// Whether `arg` looks like an option (`-x`, `--xyz`; a lone `-` is a file).
fn is_option(arg: &OsString) -> bool {
    arg.to_string_lossy().starts_with('-') && arg != "-"
}

/// An argument as it may be shown in a message: on one line, without
/// control characters, at most 80 characters.
fn shown_arg(arg: &OsString) -> String {
    crate::model::clean::one_line(&arg.to_string_lossy(), 80)
}

/// What `leerkring export` is asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportArgs {
    /// The session file.
    pub file: PathBuf,
    /// The formats to write, at least one, each once.
    pub formats: Vec<Format>,
    /// The public variant (names replaced by organisations, no photos).
    pub public: bool,
    /// Write the report as final (no "Concept" mark), whatever the session says.
    pub final_report: bool,
    /// The author in the files' properties; `None`: the facilitator.
    pub author: Option<String>,
    /// The output file (one format) or folder (several formats, or an
    /// existing folder); `None`: next to the session file.
    pub out: Option<PathBuf>,
    /// Whether a file holding a session or other JSON may be replaced
    /// (never one that is open in a running Leerkring).
    pub force: bool,
}

/// The names of the output option of `export` and `follow-up`.
const OUTPUT: &[&str] = &["-o", "--output"];

/// Reads the arguments after `export`.
fn parse_export(rest: &[OsString], lang: Language) -> Result<Cli, UsageError> {
    let keyed = |key: T, detail: &str| usage_error(lang, key, detail);
    if rest.iter().any(is_help) {
        return Ok(Cli::Help(HelpTopic::Export));
    }
    let mut file = None;
    let mut formats: Vec<Format> = Vec::new();
    let mut public = false;
    let mut final_report = false;
    let mut author = None;
    let mut out = None;
    let mut force = false;
    let (options, after_dash) = split_at_double_dash(rest);
    let mut add_formats = |list: &str| -> Result<(), UsageError> {
        for name in list.split(',') {
            let format: Format = name
                .parse()
                .map_err(|err: report::ReportError| usage_error_text(lang, &err.message(lang)))?;
            if !formats.contains(&format) {
                formats.push(format);
            }
        }
        Ok(())
    };
    let mut args = options.iter();
    while let Some(arg) = args.next() {
        let text = arg.to_string_lossy();
        if text == "--public" {
            public = true;
        } else if text == "--force" {
            force = true;
        } else if text == "--final" {
            final_report = true;
        } else if let Some(value) = option_value(&text, &["--author"], &mut args, lang) {
            author = Some(value?.to_string_lossy().into_owned());
        } else if let Some(value) = option_value(&text, &["--format"], &mut args, lang) {
            add_formats(&value?.to_string_lossy())?;
        } else if let Some(value) = option_value(&text, OUTPUT, &mut args, lang) {
            out = Some(PathBuf::from(value?));
        } else if is_option(arg) {
            return Err(keyed(T::CliUnknownOption, &shown_arg(arg)));
        } else if file.replace(PathBuf::from(arg)).is_some() {
            return Err(keyed(T::CliExportTooManyFiles, ""));
        }
    }
    for arg in after_dash {
        if file.replace(PathBuf::from(arg)).is_some() {
            return Err(keyed(T::CliExportTooManyFiles, ""));
        }
    }
    let file = file.ok_or_else(|| keyed(T::CliExportNeedsFile, ""))?;
    if formats.is_empty() {
        formats = Format::ALL.to_vec();
    }
    Ok(Cli::Export(ExportArgs {
        file,
        formats,
        public,
        final_report,
        author,
        out,
        force,
    }))
}

/// Reads the arguments after `follow-up`.
fn parse_follow_up(rest: &[OsString], lang: Language) -> Result<Cli, UsageError> {
    let keyed = |key: T, detail: &str| usage_error(lang, key, detail);
    if rest.iter().any(is_help) {
        return Ok(Cli::Help(HelpTopic::FollowUp));
    }
    let mut file = None;
    let mut meeting = 1;
    let mut out = None;
    let mut force = false;
    let (options, after_dash) = split_at_double_dash(rest);
    let number = |value: &str| {
        value
            .trim()
            .parse::<usize>()
            .ok()
            .filter(|n| *n >= 1)
            .ok_or_else(|| keyed(T::CliFollowUpBadMeeting, value))
    };
    let mut args = options.iter();
    while let Some(arg) = args.next() {
        let text = arg.to_string_lossy();
        if text == "--force" {
            force = true;
        } else if let Some(value) = option_value(&text, &["--meeting"], &mut args, lang) {
            meeting = number(&value?.to_string_lossy())?;
        } else if let Some(value) = option_value(&text, OUTPUT, &mut args, lang) {
            out = Some(PathBuf::from(value?));
        } else if is_option(arg) {
            return Err(keyed(T::CliUnknownOption, &shown_arg(arg)));
        } else if file.replace(PathBuf::from(arg)).is_some() {
            return Err(keyed(T::CliFollowUpTooManyFiles, ""));
        }
    }
    for arg in after_dash {
        if file.replace(PathBuf::from(arg)).is_some() {
            return Err(keyed(T::CliFollowUpTooManyFiles, ""));
        }
    }
    let file = file.ok_or_else(|| keyed(T::CliFollowUpNeedsFile, ""))?;
    Ok(Cli::FollowUp {
        file,
        meeting,
        out,
        force,
    })
}

/// The help text for a topic.
#[must_use]
pub fn help_text(topic: HelpTopic, lang: Language) -> String {
    match topic {
        HelpTopic::Main => tr(lang, T::CliHelpMain).to_owned(),
        HelpTopic::Check => tr(lang, T::CliHelpCheck).to_owned(),
        HelpTopic::Export => tr(lang, T::CliHelpExport).to_owned(),
        HelpTopic::FollowUp => tr(lang, T::CliHelpFollowUp).to_owned(),
        HelpTopic::New => tr(lang, T::CliHelpNew).to_owned(),
        HelpTopic::Schema => trf(
            lang,
            T::CliHelpSchema,
            &[("version", &FORMAT_VERSION.to_string())],
        ),
    }
}

/// The one-line summary `leerkring check` prints for a good file.
#[must_use]
pub fn summary_line(file: &str, session: &Session, lang: Language) -> String {
    let count = |(one, many): (T, T), n: usize| {
        trf(
            lang,
            if n == 1 { one } else { many },
            &[("n", &n.to_string())],
        )
    };
    let participants = session.participant_count().map_or_else(
        || tr(lang, T::CliParticipantsUnknown).to_owned(),
        |n| {
            count(
                (T::CliCountParticipant, T::CliCountParticipants),
                n as usize,
            )
        },
    );
    let counts = [
        count(
            (T::CliCountMunicipality, T::CliCountMunicipalities),
            session.municipalities().count(),
        ),
        count(
            (T::CliCountGuest, T::CliCountGuests),
            session.guests().count(),
        ),
        count(
            (T::CliCountExperiment, T::CliCountExperiments),
            session.experiments.len(),
        ),
        count(
            (T::CliCountKeyword, T::CliCountKeywords),
            session.keyword_count(),
        ),
        participants,
    ]
    .join(", ");
    let date = session.header.date.map_or_else(
        || tr(lang, T::CliNoDate).to_owned(),
        |d| i18n::format_date(lang, d),
    );
    trf(
        lang,
        T::CliCheckOk,
        &[
            ("file", file),
            ("title", &terminal_title(&session.header.title)),
            ("date", &date),
            ("counts", &counts),
        ],
    )
}

/// The most characters of a title a terminal line shows.
const TITLE_SHOWN: usize = 80;

/// A session's title for a terminal: control characters (escape
/// sequences that could retitle the window or clear the screen) removed,
/// on one line, at most [`TITLE_SHOWN`] characters.
#[must_use]
pub fn terminal_title(title: &str) -> String {
    crate::model::clean::one_line(title, TITLE_SHOWN)
}

/// Text from a session or a file name for a terminal line: control
/// characters removed, on one line, at most 2000 characters.
fn terminal_line(text: &str) -> String {
    crate::model::clean::one_line(text, 2000)
}

/// Checks each file: a summary line on `out` for a good one, the error on
/// `err` for a bad one. Never writes to the files. Returns whether all were good.
pub fn run_check(
    files: &[PathBuf],
    lang: Language,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> bool {
    let mut all_good = true;
    for file in files {
        let name = terminal_line(&file.display().to_string());
        // Output errors (a closed pipe) are not the files' fault: ignore them.
        match store::load_session_noted(file) {
            Ok(loaded) => {
                let _ = writeln!(out, "{}", summary_line(&name, &loaded.session, lang));
                for repair in &loaded.repairs {
                    let detail = terminal_line(&repair.message(lang));
                    let _ = writeln!(
                        err,
                        "{}",
                        trf(
                            lang,
                            T::CliCheckNote,
                            &[("file", &name), ("detail", &detail)]
                        )
                    );
                }
            }
            Err(error) => {
                all_good = false;
                let detail = terminal_line(&error.message(lang));
                let _ = writeln!(
                    err,
                    "{}",
                    trf(
                        lang,
                        T::CliCheckFailed,
                        &[("file", &name), ("detail", &detail)]
                    )
                );
            }
        }
    }
    all_good
}

/// Writes the report of the session in each format: next to the session
/// file, or to `out` (a file for one format, a folder for several), with
/// Markdown's photos in a folder beside it (`x.md_files/`). The report is
/// built once, so each photo is decoded once. Prints one line on `out_w`
/// per file written and each problem on `err`; messages are in `lang`, the
/// report in the session's own language. Returns whether every file was
/// written.
pub fn run_export(
    args: &ExportArgs,
    lang: Language,
    out_w: &mut dyn Write,
    err: &mut dyn Write,
) -> bool {
    let file = args.file.as_path();
    // Output errors (a closed pipe) are not the files' fault: ignore them.
    let mut session = match store::load_session(file) {
        Ok(session) => session,
        Err(error) => {
            let _ = writeln!(err, "{}", terminal_line(&error.message(lang)));
            return false;
        }
    };
    if args.final_report {
        session.header.report_final = true;
    }
    let out = args.out.as_deref();
    let folder = match out {
        Some(out) if out.is_dir() => Some(out),
        Some(out) if args.formats.len() > 1 => {
            let name = out.display().to_string();
            let _ = writeln!(
                err,
                "{}",
                trf(lang, T::CliExportOutputNotFolder, &[("file", &name)])
            );
            return false;
        }
        _ => None,
    };
    let mut options = ExportOptions::new(args.public).next_to(file);
    options.author.clone_from(&args.author);
    options.exported_at = Some(chrono::Utc::now());
    if args.public {
        let _ = write!(
            out_w,
            "{}",
            replacement_list(&report::replacements(&session, &options), lang)
        );
    }
    let mut all_good = true;
    let mut targets = Vec::new();
    let dirs = store::AppDirs::from_env();
    for &format in &args.formats {
        let target = match (folder, out) {
            (Some(folder), _) => report::output_path_in(folder, file, format),
            (None, Some(out)) => out.to_path_buf(),
            (None, None) => report::default_output_path(file, format),
        };
        if same_file(&target, file) {
            all_good = false;
            let name = terminal_line(&target.display().to_string());
            let _ = writeln!(
                err,
                "{}",
                trf(lang, T::CliExportWouldOverwrite, &[("file", &name)])
            );
            continue;
        }
        // Never over a session open in Leerkring; over other JSON only when asked.
        if let Err(refused) = store::check_output(dirs.as_ref(), &target, args.force) {
            all_good = false;
            let _ = writeln!(err, "{}", refused.message(lang));
            continue;
        }
        targets.push((format, target));
    }
    let names: Vec<(Format, String)> = targets
        .iter()
        .map(|(format, target)| (*format, report::file_name(target)))
        .collect();
    let exported = report::export_noted(&session, &names, &options);
    for left_out in &exported.left_out {
        let _ = writeln!(err, "{}", terminal_line(&left_out.message(lang)));
    }
    for ((_, target), result) in targets.iter().zip(exported.results) {
        let name = terminal_line(&target.display().to_string());
        // A save error names the file itself; a report error does not.
        let written = result
            .map_err(|error| {
                let detail = error.message(lang);
                trf(
                    lang,
                    T::CliExportFailed,
                    &[("file", &name), ("detail", &detail)],
                )
            })
            .and_then(|rendered| {
                store::write_with_companions(
                    target,
                    &rendered.bytes,
                    rendered
                        .files
                        .iter()
                        .map(|f| (f.path.as_str(), f.bytes.as_slice())),
                )
                .map_err(|error| error.message(lang))
            });
        match written {
            Ok(()) => {
                let _ = writeln!(
                    out_w,
                    "{}",
                    trf(lang, T::CliExportWrote, &[("file", &name)])
                );
            }
            Err(message) => {
                all_good = false;
                let _ = writeln!(err, "{}", terminal_line(&message));
            }
        }
    }
    all_good
}

/// What the public variant replaced, one line each ("Anna de Vries → Zeist
/// (3×)"), under a heading in `lang`; one line saying so when nothing was.
#[must_use]
pub fn replacement_list(list: &[report::Replacement], lang: Language) -> String {
    use std::fmt::Write as _;
    if list.is_empty() {
        return format!("{}\n", tr(lang, T::PublicNothingReplaced));
    }
    let mut out = format!("{}\n", tr(lang, T::PublicReplacedHeading));
    for r in list {
        let times = if r.count > 1 {
            format!(" ({}×)", r.count)
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "  {} → {}{times}",
            terminal_line(&r.found),
            terminal_line(&r.shown)
        );
    }
    out
}

/// A follow-up that could not be made, for the facilitator in `lang`.
#[must_use]
pub fn follow_up_error_message(error: &store::series::FollowUpFileError, lang: Language) -> String {
    use crate::model::series::FollowUpError;
    use store::series::FollowUpFileError as E;
    match error {
        E::Load(error) => error.message(lang),
        E::Save(error) => error.message(lang),
        E::Exists { path } => trf(
            lang,
            T::SeriesFileExists,
            &[("file", &terminal_line(&path.display().to_string()))],
        ),
        E::ReplacesItself { path } => trf(
            lang,
            T::SeriesWouldReplaceItself,
            &[("file", &terminal_line(&path.display().to_string()))],
        ),
        E::Refused(refused) => refused.message(lang),
        E::FollowUp(FollowUpError::NoPlannedMeeting) => {
            tr(lang, T::SeriesNoPlannedMeeting).to_owned()
        }
        E::FollowUp(FollowUpError::NoSuchMeeting { index, count }) => trf(
            lang,
            T::SeriesNoSuchMeeting,
            &[
                ("n", &(index + 1).to_string()),
                ("count", &count.to_string()),
            ],
        ),
    }
}

/// Makes the follow-up of `file` for planned meeting `meeting` (from 1) and
/// writes it to `out` or next to `file`; prints the file written on `out_w`
/// or what went wrong on `err`. Returns whether the file was written.
pub fn run_follow_up(
    file: &Path,
    meeting: usize,
    out: Option<&Path>,
    force: bool,
    lang: Language,
    out_w: &mut dyn Write,
    err: &mut dyn Write,
) -> bool {
    let written = store::load_session(file)
        .map_err(store::series::FollowUpFileError::from)
        .and_then(|previous| {
            let review = tr(previous.header.language, T::SeriesReviewTitle);
            store::series::write_follow_up(
                &previous,
                file,
                meeting.saturating_sub(1),
                review,
                out,
                force,
                store::AppDirs::from_env().as_ref(),
            )
        });
    // Output errors (a closed pipe) are not the files' fault: ignore them.
    match written {
        Ok((path, session)) => {
            let _ = writeln!(
                out_w,
                "{}",
                trf(
                    lang,
                    T::CliFollowUpWrote,
                    &[
                        ("file", &terminal_line(&path.display().to_string())),
                        ("title", &terminal_title(&session.header.title))
                    ]
                )
            );
            true
        }
        Err(error) => {
            let _ = writeln!(
                err,
                "{}",
                terminal_line(&follow_up_error_message(&error, lang))
            );
            false
        }
    }
}

/// Whether `a` and `b` name the same file (or the same path, when either
/// does not exist yet).
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn parses_each_form() {
        let en = Language::En;
        assert_eq!(
            parse(args(&[]), en),
            Ok(Cli::Open {
                file: None,
                projector: false,
                room: None
            })
        );
        assert_eq!(
            parse(args(&["a.json", "--projector"]), en),
            Ok(Cli::Open {
                file: Some("a.json".into()),
                projector: true,
                room: None
            })
        );
        assert_eq!(
            parse(args(&["a.json"]), en),
            Ok(Cli::Open {
                file: Some("a.json".into()),
                projector: false,
                room: None
            })
        );
        assert_eq!(
            parse(
                args(&[
                    "a.json",
                    "--room",
                    "--room-port=8080",
                    "--room-bind",
                    "127.0.0.1"
                ]),
                en
            ),
            Ok(Cli::Open {
                file: Some("a.json".into()),
                projector: false,
                room: Some(crate::room::RoomOptions {
                    bind: Some(std::net::IpAddr::from([127, 0, 0, 1])),
                    port: 8080
                })
            })
        );
        assert_eq!(
            parse(args(&["--room"]), en),
            Ok(Cli::Open {
                file: None,
                projector: false,
                room: Some(crate::room::RoomOptions::default())
            })
        );
        for bad in [
            &["--room", "--room-port", "0"][..],
            &["--room", "--room-port", "70000"],
            &["--room", "--room-bind", "laptop"],
            &["--room-port", "8080"],
            &["--room", "--room-port"],
        ] {
            assert!(parse(args(bad), en).is_err(), "{bad:?}");
        }
        assert_eq!(
            parse(args(&["check", "a.json", "b.json"]), en),
            Ok(Cli::Check {
                files: vec!["a.json".into(), "b.json".into()]
            })
        );
        assert_eq!(parse(args(&["schema"]), en), Ok(Cli::Schema));
        assert_eq!(parse(args(&["--help"]), en), Ok(Cli::Help(HelpTopic::Main)));
        assert_eq!(
            parse(args(&["check", "--help"]), en),
            Ok(Cli::Help(HelpTopic::Check))
        );
        assert_eq!(
            parse(args(&["schema", "-h"]), en),
            Ok(Cli::Help(HelpTopic::Schema))
        );
        assert_eq!(parse(args(&["--version"]), en), Ok(Cli::Version));
    }

    #[test]
    fn parses_export_in_each_spelling() {
        let en = Language::En;
        let export = |formats: &[Format], public: bool, out: Option<&str>| {
            Cli::Export(ExportArgs {
                file: "s.json".into(),
                formats: formats.to_vec(),
                public,
                final_report: false,
                author: None,
                out: out.map(PathBuf::from),
                force: false,
            })
        };
        assert_eq!(
            parse(args(&["export", "s.json"]), en),
            Ok(export(&Format::ALL, false, None))
        );
        assert_eq!(
            parse(
                args(&["export", "--format", "md,html,md", "s.json", "--public"]),
                en
            ),
            Ok(export(&[Format::Markdown, Format::Html], true, None))
        );
        assert_eq!(
            parse(
                args(&["export", "s.json", "--format=docx", "-o", "v.docx"]),
                en
            ),
            Ok(export(&[Format::Docx], false, Some("v.docx")))
        );
        assert_eq!(
            parse(args(&["export", "--output=uit", "s.json"]), en),
            Ok(export(&Format::ALL, false, Some("uit")))
        );
        assert_eq!(
            parse(args(&["export", "s.json", "--help"]), en),
            Ok(Cli::Help(HelpTopic::Export))
        );
        assert_eq!(
            parse(
                args(&[
                    "export",
                    "s.json",
                    "--final",
                    "--author",
                    "Notulist",
                    "--format=pdf"
                ]),
                en
            ),
            Ok(Cli::Export(ExportArgs {
                final_report: true,
                author: Some("Notulist".into()),
                formats: vec![Format::Pdf],
                ..ExportArgs {
                    file: "s.json".into(),
                    formats: Vec::new(),
                    public: false,
                    final_report: false,
                    author: None,
                    out: None,
                    force: false,
                }
            }))
        );
    }

    #[test]
    fn rejects_bad_export_command_lines_with_a_message() {
        let en = Language::En;
        let message = |list: &[&str]| parse(args(list), en).unwrap_err().0;
        assert!(message(&["export"]).contains("needs a session file"));
        assert!(message(&["export", "a.json", "b.json"]).contains("one session file"));
        assert!(message(&["export", "a.json", "--format", "odt"]).contains("'odt'"));
        assert!(message(&["export", "a.json", "--author"]).contains("'--author' needs a value"));
        assert!(message(&["export", "a.json", "--format=md,"]).contains("unknown format ''"));
        assert!(message(&["export", "a.json", "--format"]).contains("'--format' needs a value"));
        assert!(message(&["export", "a.json", "-o"]).contains("'-o' needs a value"));
        assert!(message(&["export", "a.json", "--pubic"]).contains("'--pubic'"));
    }

    #[test]
    fn parses_follow_up_and_rejects_bad_meetings() {
        let en = Language::En;
        assert_eq!(
            parse(args(&["follow-up", "s.json"]), en),
            Ok(Cli::FollowUp {
                file: "s.json".into(),
                meeting: 1,
                out: None,
                force: false
            })
        );
        assert_eq!(
            parse(
                args(&[
                    "follow-up",
                    "--meeting",
                    "2",
                    "s.json",
                    "-o",
                    "n.json",
                    "--force"
                ]),
                en
            ),
            Ok(Cli::FollowUp {
                file: "s.json".into(),
                meeting: 2,
                out: Some("n.json".into()),
                force: true
            })
        );
        assert_eq!(
            parse(args(&["follow-up", "--help"]), en),
            Ok(Cli::Help(HelpTopic::FollowUp))
        );
        let message = |list: &[&str]| parse(args(list), en).unwrap_err().0;
        assert!(message(&["follow-up"]).contains("needs a session file"));
        assert!(message(&["follow-up", "s.json", "--meeting=0"]).contains("'0'"));
        assert!(message(&["follow-up", "s.json", "--meeting"]).contains("needs a value"));
        assert!(message(&["follow-up", "a.json", "b.json"]).contains("one session file"));
        let nl = parse(
            args(&["follow-up", "s.json", "--meeting", "x"]),
            Language::Nl,
        );
        assert!(nl.unwrap_err().0.contains("getal"));
    }

    #[test]
    fn rejects_bad_command_lines_with_a_message() {
        let en = Language::En;
        let err = parse(args(&["--bogus"]), en).unwrap_err();
        assert!(err.0.contains("unknown option '--bogus'"), "{err}");
        assert!(parse(args(&["check"]), en).is_err());
        assert!(parse(args(&["schema", "x"]), en).is_err());
        assert!(parse(args(&["a.json", "b.json"]), en).is_err());
        let nl = parse(args(&["--bogus"]), Language::Nl).unwrap_err();
        assert!(nl.0.contains("onbekende optie"), "{nl}");
    }
}
