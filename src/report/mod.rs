//! The report (verslag): a session turned into DOCX, PDF, HTML or Markdown bytes.
//!
//! [`export`] first builds one intermediate document ([`doc::Document`]) from
//! the session and the [`ExportOptions`]: private notes are dropped, the
//! public variant is applied and every photo is decoded and scaled there,
//! once, so the four writers only lay out what they are given and the four
//! formats always say the same. The report never writes files; the caller
//! hands the bytes (and Markdown's photo copies) to the store.

mod contact;
pub mod doc;
mod docx;
mod html;
pub mod images;
mod markdown;
mod pdf;
mod redact;
mod text;

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use crate::i18n::{Language, T, trf};
use crate::model::Session;

pub use doc::LeftOut;
pub use images::ImageData;
pub use redact::{ORDINARY_WORDS, Redactor, Replacement, ReplacementKind};

/// A file format the report can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// A Word document (`.docx`), with real styles so it can be edited normally.
    Docx,
    /// A tagged, archivable PDF on A4 (`.pdf`, PDF/UA-1 and PDF/A-2a).
    Pdf,
    /// One self-contained, print-ready HTML page (`.html`).
    Html,
    /// Markdown (`CommonMark`, `.md`), for wikis and mail.
    Markdown,
}

impl Format {
    /// Every format, in menu order.
    pub const ALL: [Format; 4] = [Format::Docx, Format::Pdf, Format::Html, Format::Markdown];

    /// The file extension without the dot: "docx", "pdf", "html" or "md".
    #[must_use]
    pub fn extension(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Pdf => "pdf",
            Format::Html => "html",
            Format::Markdown => "md",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.extension())
    }
}

impl FromStr for Format {
    type Err = ReportError;

    /// Reads "docx", "pdf", "html" or "md" (also "htm" and "markdown"; any case).
    fn from_str(name: &str) -> Result<Self, Self::Err> {
        match name.trim().to_ascii_lowercase().as_str() {
            "docx" => Ok(Format::Docx),
            "pdf" => Ok(Format::Pdf),
            "html" | "htm" => Ok(Format::Html),
            "md" | "markdown" => Ok(Format::Markdown),
            _ => Err(ReportError::UnknownFormat {
                name: name.to_owned(),
            }),
        }
    }
}

/// How to write the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportOptions {
    /// The public variant (for publication under open-government rules):
    /// personal names are replaced by the organisation the person represents.
    pub public: bool,
    /// Whether photos (attachments) are included. By default they are,
    /// except in the public variant.
    pub include_photos: bool,
    /// The folder of the session file, to find attachments for inlining.
    /// `None`: photos are left out, each with a note saying so.
    pub session_dir: Option<PathBuf>,
    /// The author in the files' properties; `None`: the facilitator. Never
    /// written in the public variant.
    pub author: Option<String>,
    /// The moment of the export, for the files' creation and modification
    /// dates (the caller reads the clock; `None` leaves the dates out, or
    /// uses the meeting's day where a format needs one).
    pub exported_at: Option<chrono::DateTime<chrono::Utc>>,
}

impl ExportOptions {
    /// The options for the full report (`public == false`) or the public
    /// variant, with photos only in the full report and no session folder.
    #[must_use]
    pub fn new(public: bool) -> Self {
        Self {
            public,
            include_photos: !public,
            session_dir: None,
            author: None,
            exported_at: None,
        }
    }

    /// The same options, finding attachments next to `session_file`.
    #[must_use]
    pub fn next_to(mut self, session_file: &Path) -> Self {
        self.session_dir = Some(
            session_file
                .parent()
                .map_or_else(|| PathBuf::from("."), Path::to_path_buf),
        );
        self
    }
}

impl Default for ExportOptions {
    /// The full report with photos, without a session folder.
    fn default() -> Self {
        Self::new(false)
    }
}

/// Why a report could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReportError {
    /// A format name that is not "docx", "pdf", "html" or "md".
    UnknownFormat {
        /// The name as given.
        name: String,
    },
    /// The Word package could not be assembled (the ZIP writer failed).
    Docx {
        /// What the ZIP writer reported, in English.
        detail: String,
    },
    /// The PDF could not be made (the PDF library refused the document).
    Pdf {
        /// What the PDF library reported, in English.
        detail: String,
    },
}

impl ReportError {
    /// The whole message in `lang`, for the facilitator.
    #[must_use]
    pub fn message(&self, lang: Language) -> String {
        match self {
            ReportError::UnknownFormat { name } => {
                trf(lang, T::ReportUnknownFormat, &[("name", name)])
            }
            ReportError::Docx { detail } => trf(lang, T::ReportDocxFailed, &[("detail", detail)]),
            ReportError::Pdf { detail } => trf(lang, T::ReportPdfFailed, &[("detail", detail)]),
        }
    }
}

impl fmt::Display for ReportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Language::En))
    }
}

/// A file that goes with a report, such as a photo next to the Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtraFile {
    /// Where it goes, relative to the report's folder, with `/` separators
    /// (e.g. `x.md_files/01-bord.jpg`).
    pub path: String,
    /// Its content.
    pub bytes: Vec<u8>,
}

/// One format of the report: the file's bytes and the files that go with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// The format.
    pub format: Format,
    /// The report file itself.
    pub bytes: Vec<u8>,
    /// Files to write next to it (only Markdown has them: its photos).
    pub files: Vec<ExtraFile>,
}

/// The report of `session` in `format`, in the session's language (not the
/// interface's). Private notes never appear in it. For Markdown this is the
/// text only, with photo links into `verslag.md_files/`; [`export`] also
/// gives the photos.
pub fn render(
    session: &Session,
    format: Format,
    options: &ExportOptions,
) -> Result<Vec<u8>, ReportError> {
    let document = doc::build(session, options);
    let name = format!("verslag.{}", format.extension());
    write(&document, format, &name).map(|rendered| rendered.bytes)
}

/// The report of `session` in each format of `targets`; see [`export_noted`].
#[must_use]
pub fn export(
    session: &Session,
    targets: &[(Format, String)],
    options: &ExportOptions,
) -> Vec<Result<Rendered, ReportError>> {
    export_noted(session, targets, options).results
}

/// What [`export_noted`] made.
#[derive(Debug)]
pub struct Exported {
    /// Each format of the targets, in their order, or why it failed.
    pub results: Vec<Result<Rendered, ReportError>>,
    /// The photos left out of the report, and why, to tell whoever exported
    /// it (the rest of the report is written).
    pub left_out: Vec<LeftOut>,
}

/// The report of `session` in each format of `targets`, each with the
/// name of the file it goes to (`x.md` links its photos into
/// `x.md_files/`), from one intermediate document: each photo is decoded
/// and scaled once however many formats are asked for. One format's
/// failure does not stop the others; a photo that cannot be used is left
/// out and listed.
#[must_use]
pub fn export_noted(
    session: &Session,
    targets: &[(Format, String)],
    options: &ExportOptions,
) -> Exported {
    let mut document = doc::build(session, options);
    let left_out = std::mem::take(&mut document.left_out);
    let results = write_all(&document, targets);
    Exported { results, left_out }
}

/// Each format of `targets` from one document, the PDF on a thread of its own.
fn write_all(
    document: &doc::Document,
    targets: &[(Format, String)],
) -> Vec<Result<Rendered, ReportError>> {
    // The PDF takes longest: it is made on a thread of its own while the
    // other formats are written here.
    let pdf_at = targets
        .iter()
        .position(|(format, _)| *format == Format::Pdf);
    std::thread::scope(|scope| {
        let handle = pdf_at.and_then(|at| {
            let name = targets[at].1.as_str();
            std::thread::Builder::new()
                .name("report-pdf".into())
                .spawn_scoped(scope, move || write(document, Format::Pdf, name))
                .ok()
        });
        let mut results: Vec<Option<Result<Rendered, ReportError>>> = targets
            .iter()
            .enumerate()
            .map(|(at, (format, name))| {
                (handle.is_none() || Some(at) != pdf_at).then(|| write(document, *format, name))
            })
            .collect();
        if let (Some(at), Some(handle)) = (pdf_at, handle) {
            results[at] = Some(handle.join().unwrap_or_else(|_| {
                Err(ReportError::Pdf {
                    detail: "the PDF writer stopped unexpectedly".into(),
                })
            }));
        }
        results
            .into_iter()
            .zip(targets)
            .map(|(result, (format, name))| {
                result.unwrap_or_else(|| write(document, *format, name))
            })
            .collect()
    })
}

/// One format of an already built document, for the file named
/// `file_name`; see [`export`].
pub fn write(
    document: &doc::Document,
    format: Format,
    file_name: &str,
) -> Result<Rendered, ReportError> {
    let (bytes, files) = match format {
        Format::Docx => (docx::write(document)?, Vec::new()),
        Format::Pdf => (pdf::write(document)?, Vec::new()),
        Format::Html => (html::write(document).into_bytes(), Vec::new()),
        Format::Markdown => {
            let (text, files) = markdown::write(document, &format!("{file_name}_files"));
            (text.into_bytes(), files)
        }
    };
    Ok(Rendered {
        format,
        bytes,
        files,
    })
}

/// The file name of `path` as text, for [`export`]'s targets.
#[must_use]
pub fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || "verslag".to_owned(),
        |name| name.to_string_lossy().into_owned(),
    )
}

/// What the public variant of `session` replaces (names, `@Name`s, e-mail
/// addresses, telephone numbers), with how often, in the order first met;
/// empty for the full report. No photo is read: this is quick enough to
/// show before the export is written.
#[must_use]
pub fn replacements(session: &Session, options: &ExportOptions) -> Vec<Replacement> {
    doc::build_with(session, options, false).1
}

/// Where the report of `session_file` goes by default: next to it, named
/// after it (`x.json` → `x.docx`).
#[must_use]
pub fn default_output_path(session_file: &Path, format: Format) -> PathBuf {
    session_file.with_extension(format.extension())
}

/// The file name for the report of `session_file` in a chosen folder.
#[must_use]
pub fn output_path_in(folder: &Path, session_file: &Path, format: Format) -> PathBuf {
    let stem = session_file
        .file_stem()
        .map_or_else(|| "verslag".into(), std::ffi::OsStr::to_os_string);
    let mut name = stem;
    name.push(".");
    name.push(format.extension());
    folder.join(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_parse_and_name_their_extension() {
        for format in Format::ALL {
            assert_eq!(format.extension().parse::<Format>(), Ok(format));
        }
        assert_eq!(" HTML ".parse::<Format>(), Ok(Format::Html));
        assert_eq!("Pdf".parse::<Format>(), Ok(Format::Pdf));
        let err = "odt".parse::<Format>().unwrap_err();
        assert!(err.message(Language::En).contains("'odt'"), "{err}");
        assert!(err.message(Language::Nl).contains("'odt'"), "{err}");
        assert_ne!(err.message(Language::Nl), err.message(Language::En));
    }

    #[test]
    fn output_files_are_named_after_the_session() {
        let file = Path::new("sessies/m50.json");
        assert_eq!(
            default_output_path(file, Format::Markdown),
            Path::new("sessies/m50.md")
        );
        assert_eq!(
            output_path_in(Path::new("uit"), file, Format::Docx),
            Path::new("uit/m50.docx")
        );
    }

    #[test]
    fn public_options_leave_photos_out_by_default() {
        assert!(ExportOptions::default().include_photos);
        assert!(!ExportOptions::new(true).include_photos);
        let options = ExportOptions::new(false).next_to(Path::new("a/b.json"));
        assert_eq!(options.session_dir.as_deref(), Some(Path::new("a")));
    }
}
