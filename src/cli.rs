//! The command line: `leerkring [SESSION.json]`, `leerkring check FILE...`,
//! `leerkring schema`, and `--help` for each.

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;

use crate::i18n::{self, Language, T, tr, trf};
use crate::model::{FORMAT_VERSION, Session};
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
}

/// What the command line asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cli {
    /// Open the app, with a session file or without.
    Open {
        /// The session file to open.
        file: Option<PathBuf>,
    },
    /// Check session files.
    Check {
        /// The files to check.
        files: Vec<PathBuf>,
    },
    /// Print the JSON Schema.
    Schema,
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

/// Reads the arguments (without the program name).
pub fn parse<I>(args: I, lang: Language) -> Result<Cli, UsageError>
where
    I: IntoIterator<Item = OsString>,
{
    let args: Vec<OsString> = args.into_iter().collect();
    let usage = |key: T, detail: &str| {
        UsageError(trf(
            lang,
            T::CliUsageError,
            &[("detail", &trf(lang, key, &[("detail", detail)]))],
        ))
    };
    let Some(first) = args.first() else {
        return Ok(Cli::Open { file: None });
    };
    if is_help(first) || first == "help" {
        return Ok(Cli::Help(HelpTopic::Main));
    }
    if first == "-V" || first == "--version" {
        return Ok(Cli::Version);
    }
    let rest = &args[1..];
    if first == "check" {
        if rest.iter().any(is_help) {
            return Ok(Cli::Help(HelpTopic::Check));
        }
        if let Some(option) = rest
            .iter()
            .find(|a| a.to_string_lossy().starts_with('-') && *a != "-")
        {
            return Err(usage(T::CliUnknownOption, &option.to_string_lossy()));
        }
        if rest.is_empty() {
            return Err(usage(T::CliCheckNeedsFiles, ""));
        }
        return Ok(Cli::Check {
            files: rest.iter().map(PathBuf::from).collect(),
        });
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
    for arg in &args {
        if is_help(arg) {
            return Ok(Cli::Help(HelpTopic::Main));
        }
        if arg.to_string_lossy().starts_with('-') {
            return Err(usage(T::CliUnknownOption, &arg.to_string_lossy()));
        }
        if file.replace(PathBuf::from(arg)).is_some() {
            return Err(usage(T::CliTooManyFiles, ""));
        }
    }
    Ok(Cli::Open { file })
}

/// The help text for a topic.
#[must_use]
pub fn help_text(topic: HelpTopic, lang: Language) -> String {
    match topic {
        HelpTopic::Main => tr(lang, T::CliHelpMain).to_owned(),
        HelpTopic::Check => tr(lang, T::CliHelpCheck).to_owned(),
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
            ("title", &session.header.title),
            ("date", &date),
            ("counts", &counts),
        ],
    )
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
        let name = file.display().to_string();
        // Output errors (a closed pipe) are not the files' fault: ignore them.
        match store::load_session(file) {
            Ok(session) => {
                let _ = writeln!(out, "{}", summary_line(&name, &session, lang));
            }
            Err(error) => {
                all_good = false;
                let detail = error.message(lang).replace('\n', " ");
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

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn parses_each_form() {
        let en = Language::En;
        assert_eq!(parse(args(&[]), en), Ok(Cli::Open { file: None }));
        assert_eq!(
            parse(args(&["a.json"]), en),
            Ok(Cli::Open {
                file: Some("a.json".into())
            })
        );
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
