//! Exporting the report from the app: the dialog's choices, the export on a
//! background thread (the UI, timers and projector keep running), and
//! opening the result with the system's own viewer.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};

use crate::i18n::Language;
use crate::model::Session;
use crate::report::{self, ExportOptions, Format};
use crate::store;

/// The export dialog's state.
#[derive(Debug, Default)]
pub struct ExportState {
    /// Whether the dialog is shown.
    pub open: bool,
    /// Which formats to write, in [`Format::ALL`] order.
    pub formats: [bool; Format::ALL.len()],
    /// The public variant (names replaced by organisations).
    pub public: bool,
    /// Photos in the public variant too.
    pub photos_in_public: bool,
    /// The folder to write into.
    pub folder: String,
    /// The author for the files' properties; empty: the facilitator.
    pub author: String,
    /// The export under way.
    pub running: Option<Receiver<ExportResult>>,
    /// How the last export went.
    pub result: Option<ExportResult>,
    /// What the public variant will replace, shown before it is written.
    pub preview: Option<PublicPreview>,
}

/// The public variant's replacements for one state of the session.
#[derive(Debug, Clone)]
pub struct PublicPreview {
    /// The session's generation it was made for.
    pub generation: u64,
    /// Whether photos (and so their captions) were included.
    pub photos: bool,
    /// What will be replaced, in the order first met.
    pub replacements: Vec<report::Replacement>,
}

/// How an export went.
#[derive(Debug, Clone, Default)]
pub struct ExportResult {
    /// The files written.
    pub written: Vec<PathBuf>,
    /// What failed, in the user's language.
    pub errors: Vec<String>,
    /// What was left out of the written files (photos that could not be
    /// used), in the user's language.
    pub notes: Vec<String>,
}

impl ExportState {
    /// A fresh dialog: all formats, full report, into `folder`.
    #[must_use]
    pub fn opened(folder: &Path) -> Self {
        Self {
            open: true,
            formats: [true; Format::ALL.len()],
            public: false,
            photos_in_public: false,
            folder: folder.display().to_string(),
            author: String::new(),
            running: None,
            result: None,
            preview: None,
        }
    }

    /// Makes the list of replacements when the public variant is chosen and
    /// the session (or the photo choice) changed since; returns whether it
    /// made a new one. Building the report without reading photos is quick
    /// (a few milliseconds on a large session).
    pub fn refresh_preview(&mut self, session: &Session, generation: u64) -> bool {
        if !self.open || !self.public {
            self.preview = None;
            return false;
        }
        let current = self
            .preview
            .as_ref()
            .is_some_and(|p| p.generation == generation && p.photos == self.photos_in_public);
        if current {
            return false;
        }
        let mut options = ExportOptions::new(true);
        options.include_photos = self.photos_in_public;
        self.preview = Some(PublicPreview {
            generation,
            photos: self.photos_in_public,
            replacements: report::replacements(session, &options),
        });
        true
    }

    /// Whether the dialog can export now: a format is chosen and no export runs.
    #[must_use]
    pub fn ready(&self) -> bool {
        self.formats.iter().any(|on| *on) && self.running.is_none()
    }

    /// The chosen formats.
    #[must_use]
    pub fn chosen(&self) -> Vec<Format> {
        Format::ALL
            .iter()
            .zip(self.formats)
            .filter_map(|(f, on)| on.then_some(*f))
            .collect()
    }
}

/// Renders and writes the chosen formats on a thread; the result arrives on
/// the returned channel. `name_source` names the files (`x.json` → `x.docx`);
/// `session_file` is where attachments are found.
#[must_use]
pub fn start_export(
    session: Session,
    formats: Vec<Format>,
    options: ExportOptions,
    folder: PathBuf,
    name_source: PathBuf,
    lang: Language,
) -> Receiver<ExportResult> {
    let (tx, rx) = channel();
    let job = move || {
        let mut result = ExportResult::default();
        let targets: Vec<(Format, PathBuf)> = formats
            .iter()
            .map(|&format| {
                (
                    format,
                    report::output_path_in(&folder, &name_source, format),
                )
            })
            .collect();
        let names: Vec<(Format, String)> = targets
            .iter()
            .map(|(format, target)| (*format, report::file_name(target)))
            .collect();
        // One document for all formats: each photo is decoded once.
        let exported = report::export_noted(&session, &names, &options);
        result.notes = exported
            .left_out
            .iter()
            .map(|left_out| left_out.message(lang))
            .collect();
        for ((_, target), outcome) in targets.into_iter().zip(exported.results) {
            match outcome {
                Ok(rendered) => {
                    let companions = rendered
                        .files
                        .iter()
                        .map(|f| (f.path.as_str(), f.bytes.as_slice()));
                    match store::write_with_companions(&target, &rendered.bytes, companions) {
                        Ok(()) => result.written.push(target),
                        Err(error) => result.errors.push(error.message(lang)),
                    }
                }
                Err(error) => result.errors.push(error.message(lang)),
            }
        }
        let _ = tx.send(result);
    };
    if let Err(error) = std::thread::Builder::new().name("export".into()).spawn(job) {
        let (tx, rx) = channel();
        let _ = tx.send(ExportResult {
            written: Vec::new(),
            errors: vec![store::explain_io(lang, &error)],
            notes: Vec::new(),
        });
        return rx;
    }
    rx
}

/// Opens a file or folder with the system's own program (Word, the
/// browser, the file manager). Returns whether a program could be started.
#[must_use]
pub fn open_with_system(path: &Path) -> bool {
    #[cfg(target_os = "windows")]
    let mut command = {
        use std::os::windows::process::CommandExt;
        let mut c = std::process::Command::new("explorer");
        c.raw_arg(explorer_argument(path));
        c
    };
    #[cfg(target_os = "macos")]
    let mut command = {
        let mut c = std::process::Command::new("open");
        c.arg(path);
        c
    };
    #[cfg(not(any(target_os = "windows", target_os = "macos")))]
    let mut command = {
        let mut c = std::process::Command::new("xdg-open");
        c.arg(path);
        c
    };
    command
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .is_ok()
}

/// `path` as Explorer's own command-line parser needs it: in double quotes
/// (a Windows path never holds one), or a comma in a folder name would split
/// it (Explorer reads `/select,…`-style switches), and with backslashes
/// only, since Explorer takes a forward slash for a switch. Rust would quote
/// only paths with spaces.
#[cfg(any(windows, test))]
fn explorer_argument(path: &Path) -> std::ffi::OsString {
    let mut argument = std::ffi::OsString::from("\"");
    match path.to_str() {
        Some(text) => argument.push(text.replace('/', "\\")),
        // Not valid Unicode (possible on Windows, never seen in practice):
        // leave it exactly as it is.
        None => argument.push(path.as_os_str()),
    }
    argument.push("\"");
    argument
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explorer_gets_the_path_quoted_with_backslashes() {
        for (path, expected) in [
            (
                r"C:\Users\Zoë\Mijn verslagen\juni.docx",
                r#""C:\Users\Zoë\Mijn verslagen\juni.docx""#,
            ),
            // A comma without a space: unquoted, Explorer would split here.
            (
                r"C:\Verslagen\Leerkring,2020\juni.html",
                r#""C:\Verslagen\Leerkring,2020\juni.html""#,
            ),
            ("C:/Users/zoe/verslag", r#""C:\Users\zoe\verslag""#),
            (
                r"\\gemeente-fs01\Team\verslag.docx",
                r#""\\gemeente-fs01\Team\verslag.docx""#,
            ),
        ] {
            assert_eq!(explorer_argument(Path::new(path)), expected, "{path}");
        }
    }

    #[test]
    fn export_writes_each_chosen_format_into_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        let session = crate::app::sample_session();
        let rx = start_export(
            session,
            vec![Format::Markdown, Format::Html],
            ExportOptions::new(true),
            dir.path().to_path_buf(),
            PathBuf::from("verslag.json"),
            Language::Nl,
        );
        let result = rx.recv().unwrap();
        assert!(result.errors.is_empty(), "{:?}", result.errors);
        let names: Vec<_> = result
            .written
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["verslag.md", "verslag.html"]);
    }

    #[test]
    fn the_dialog_offers_every_format_and_a_pdf_by_default() {
        let state = ExportState::opened(Path::new("."));
        assert_eq!(state.chosen(), Format::ALL);
        assert!(state.chosen().contains(&Format::Pdf));
    }

    #[test]
    fn the_public_preview_follows_the_session_and_the_choices() {
        let mut export = ExportState::opened(Path::new("."));
        let mut session = crate::app::sample_session();
        assert!(!export.refresh_preview(&session, 1), "full report: no list");
        assert!(export.preview.is_none());
        export.public = true;
        assert!(export.refresh_preview(&session, 1));
        assert!(
            export.preview.as_ref().unwrap().replacements.is_empty(),
            "the sample names nobody"
        );
        assert!(!export.refresh_preview(&session, 1), "unchanged: kept");
        session.add_pasted_participants("Anna de Vries, Zeist");
        session.notes.push(crate::model::Note {
            id: crate::model::NoteId::new("n-x"),
            text: "Anna belt 06-12345678".into(),
            visibility: crate::model::Visibility::Report,
        });
        assert!(export.refresh_preview(&session, 2));
        let found: Vec<_> = export
            .preview
            .as_ref()
            .unwrap()
            .replacements
            .iter()
            .map(|r| (r.found.as_str(), r.shown.as_str()))
            .collect();
        assert_eq!(
            found,
            [("Anna", "Zeist"), ("06-12345678", "[telefoonnummer]")]
        );
        export.open = false;
        export.refresh_preview(&session, 2);
        assert!(export.preview.is_none());
    }

    #[test]
    fn a_missing_folder_is_reported_not_panicked() {
        let dir = tempfile::tempdir().unwrap();
        let rx = start_export(
            Session::default(),
            vec![Format::Markdown],
            ExportOptions::default(),
            dir.path().join("bestaat-niet"),
            PathBuf::from("x.json"),
            Language::En,
        );
        let result = rx.recv().unwrap();
        assert!(result.written.is_empty());
        assert_eq!(result.errors.len(), 1);
    }
}
