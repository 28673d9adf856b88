//! The report as a list of blocks, built once from a session and the export
//! options; the DOCX, HTML and Markdown writers each lay out this one list.
//!
//! Everything that decides *what* the report says happens here, in the
//! layout of a municipal verslag: the kop (with placeholders for what is
//! still empty in the concept, and attendance per municipality), the
//! numbered agenda whose numbers are the sections' numbers (so the sample
//! reads like the seed meeting's report), the besluitenlijst and the
//! numbered actions; the session's language for headings and dates;
//! leaving out private notes, empty blocks and what another section already
//! says; cleaning control characters; and the public variant's filter.

use std::cell::RefCell;
use std::collections::HashSet;

use crate::i18n::{self, Language, T, tr, trf};
use crate::model::{
    ActionStatus, AgendaItem, AgendaKind, Attachment, BlockKind, Bullet, Experiment, ItemId,
    Keyword, Note, Owner, Session,
};

use super::ExportOptions;
use super::images::{self, ImageData, ImageProblem};
use super::redact::{Redactor, Replacement};
use super::text::clean;

/// The mark before an experiment's title, as on the seed's whiteboard.
pub const EXPERIMENT_MARK: &str = "⊗";

/// Between keywords written on one line: a keyword may hold commas
/// ("goed bezig, maar te weinig..."), never this.
pub const KEYWORD_SEPARATOR: &str = " · ";

/// How many levels of bullets the report keeps apart; deeper bullets are
/// shown at the deepest level (Word's lists have nine levels).
pub const MAX_LIST_DEPTH: usize = 9;

/// A report, ready for a writer.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The session's language: headings, dates and the document's language tag.
    pub lang: Language,
    /// The title for the window or file properties (title and date).
    pub title: String,
    /// The day of the meeting, when known.
    pub date: Option<chrono::NaiveDate>,
    /// The author in the file properties: the name the facilitator set, by
    /// default the facilitator's own; empty in the public variant.
    pub author: String,
    /// When the report was exported (the files' creation and modification
    /// dates); `None` when the caller gave no clock (tests).
    pub exported_at: Option<chrono::DateTime<chrono::Utc>>,
    /// The content, in reading order.
    pub blocks: Vec<Block>,
    /// The photos that were left out, and why (a note in their place says
    /// so in the report too), to tell whoever exported it.
    pub left_out: Vec<LeftOut>,
}

/// A photo the report left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    /// The attachment's path as the session names it (cleaned).
    pub file: String,
    /// Why it was left out.
    pub problem: ImageProblem,
}

impl LeftOut {
    /// "Foto x.png is weggelaten: …", in `lang`.
    #[must_use]
    pub fn message(&self, lang: Language) -> String {
        let why = match self.problem {
            ImageProblem::NoFolder => T::PhotoLeftOutNoFolder,
            ImageProblem::Unreadable => T::PhotoLeftOutMissing,
            ImageProblem::Outside => T::PhotoLeftOutOutside,
            ImageProblem::Unsupported => T::PhotoLeftOutUnsupported,
            ImageProblem::TooLarge => T::PhotoLeftOutTooLarge,
            ImageProblem::Damaged => T::PhotoLeftOutDamaged,
        };
        let file = crate::model::clean::one_line(&self.file, 120);
        trf(
            lang,
            T::PhotoLeftOut,
            &[("file", &file), ("why", tr(lang, why))],
        )
    }
}

impl Document {
    /// The language tag for the document: "nl-NL" or "en-GB".
    #[must_use]
    pub fn language_tag(&self) -> &'static str {
        match self.lang {
            Language::Nl => "nl-NL",
            Language::En => "en-GB",
        }
    }

    /// "Concept" / "Draft" while the report is not final: paged formats
    /// repeat it on every page.
    #[must_use]
    pub fn concept_label(&self) -> Option<&str> {
        self.blocks.iter().find_map(|block| match block {
            Block::ConceptMark { label, .. } => Some(label.as_str()),
            _ => None,
        })
    }

    /// "Pagina 2 van 7" / "Page 2 of 7" in the document's language.
    #[must_use]
    pub fn page_label(&self, page: usize, pages: usize) -> String {
        trf(
            self.lang,
            T::ReportPageOf,
            &[("page", &page.to_string()), ("pages", &pages.to_string())],
        )
    }

    /// The page-label template with `{page}` and `{pages}` left in, for
    /// formats that number their pages themselves (Word fields, CSS counters).
    #[must_use]
    pub fn page_label_parts(&self) -> (String, String, String) {
        let template = tr(self.lang, T::ReportPageOf);
        let (before, rest) = template.split_once("{page}").unwrap_or((template, ""));
        let (between, after) = rest.split_once("{pages}").unwrap_or((rest, ""));
        (before.to_owned(), between.to_owned(), after.to_owned())
    }

    /// The title, the subtitle and every heading, in order: the outline a
    /// reader sees.
    #[must_use]
    pub fn outline(&self) -> Vec<&str> {
        self.blocks
            .iter()
            .filter_map(|block| match block {
                Block::Title(text) | Block::Subtitle(text) | Block::Heading { text, .. } => {
                    Some(text.as_str())
                }
                _ => None,
            })
            .collect()
    }
}

/// How a piece of inline text is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpanStyle {
    /// Ordinary text.
    Plain,
    /// Italic, e.g. the municipality after an experiment's title.
    Emphasis,
    /// Bold, e.g. a highlighted keyword.
    Strong,
}

/// A run of text in one style. The text is clean user text: it still has to
/// be escaped for the format; `\n` is a line break.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// The text.
    pub text: String,
    /// Its style.
    pub style: SpanStyle,
}

impl Span {
    fn new(text: impl Into<String>, style: SpanStyle) -> Self {
        Self {
            text: text.into(),
            style,
        }
    }

    fn plain(text: impl Into<String>) -> Self {
        Self::new(text, SpanStyle::Plain)
    }
}

/// A bullet with its sub-bullets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListItem {
    /// The bullet's text.
    pub content: Vec<Span>,
    /// Sub-bullets, one level deeper.
    pub children: Vec<ListItem>,
}

impl ListItem {
    /// A lead-in: a bullet with sub-bullets, which paged formats keep on
    /// the same page as its first sub-bullet.
    #[must_use]
    pub fn is_lead_in(&self) -> bool {
        !self.children.is_empty()
    }
}

/// One fact in the report's header, e.g. "Datum: 4 februari 2020".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    /// The label, from the translation table.
    pub label: String,
    /// The value.
    pub value: String,
}

/// What a section heading starts; the HTML writer uses it for classes and
/// page breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// The agenda table.
    Agenda,
    /// The experiments per municipality.
    Experiments,
    /// The network label above the experiments (a level-2 heading).
    Network,
    /// What an agenda item produced (its notes).
    Item,
    /// A synthesis block.
    Synthesis(BlockKind),
    /// Photos not shown with their agenda item.
    Photos,
    /// The action list.
    Actions,
    /// The next meetings.
    NextMeetings,
    /// The votes the room held.
    Votes,
    /// A follow-up's "since last time": each municipality then and now.
    SinceLastTime,
}

impl Section {
    /// A stable name for the section, e.g. "experiments" or "observations".
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Section::Agenda => "agenda",
            Section::Experiments => "experiments",
            Section::Network => "network",
            Section::Item => "item",
            Section::Synthesis(BlockKind::Observations) => "observations",
            Section::Synthesis(BlockKind::Opportunities) => "opportunities",
            Section::Synthesis(BlockKind::FollowUp) => "follow-up",
            Section::Synthesis(BlockKind::Proposals) => "proposals",
            Section::Synthesis(BlockKind::Decisions) => "decisions",
            Section::Synthesis(BlockKind::OpenQuestions) => "open-questions",
            Section::Photos => "photos",
            Section::Actions => "actions",
            Section::NextMeetings => "next-meetings",
            Section::Votes => "votes",
            Section::SinceLastTime => "since-last-time",
        }
    }
}

/// A table with a header row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// What each table is, for the writers' layout.
    pub section: Section,
    /// The column headers.
    pub header: Vec<String>,
    /// The rows, each as long as the header.
    pub rows: Vec<Vec<String>>,
}

/// A photo with its caption.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    /// The image.
    pub image: ImageData,
    /// The caption under it; may be empty.
    pub caption: String,
    /// The text alternative: the caption, or a neutral word.
    pub alt: String,
    /// The attachment's path relative to the session file.
    pub path: String,
}

/// One block of the report.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// The report's title.
    Title(String),
    /// The line under the title: meeting and date.
    Subtitle(String),
    /// The draft mark, shown until the report is marked final.
    ConceptMark {
        /// "Concept" / "Draft".
        label: String,
        /// The sentence after it.
        note: String,
    },
    /// The header facts.
    Facts(Vec<Fact>),
    /// A section heading; level 1 (section) or 2 (within a section).
    Heading {
        /// 1 or 2.
        level: u8,
        /// The heading's text.
        text: String,
        /// What it starts.
        section: Section,
    },
    /// A paragraph; `\n` in its spans are line breaks.
    Paragraph(Vec<Span>),
    /// A list of bullets, nested.
    Bullets(Vec<ListItem>),
    /// A table.
    Table(Table),
    /// A photo.
    Figure(Figure),
    /// A remark of the report itself, e.g. that a photo is missing.
    Note(String),
}

impl Block {
    /// Whether paged formats keep this block on the same page as the start
    /// of the next one: headings, the title lines, and a paragraph that
    /// leads in to what follows (it ends in a colon).
    #[must_use]
    pub fn keeps_with_next(&self) -> bool {
        match self {
            Block::Title(_) | Block::Subtitle(_) | Block::Heading { .. } => true,
            Block::Paragraph(spans) => spans
                .last()
                .is_some_and(|span| span.text.trim_end().ends_with(':')),
            _ => false,
        }
    }
}

/// Builds the report of `session` with `options`.
#[must_use]
pub fn build(session: &Session, options: &ExportOptions) -> Document {
    build_with(session, options, true).0
}

/// Builds the report and lists what the public variant replaced (empty for
/// the full report). With `load_images` false no photo is read from disk
/// (each is a note instead), for a quick preview of the replacements.
#[must_use]
pub fn build_with(
    session: &Session,
    options: &ExportOptions,
    load_images: bool,
) -> (Document, Vec<Replacement>) {
    let lang = session.header.language;
    let open_questions = session
        .synthesis
        .open_questions
        .bullets
        .iter()
        .map(|b| normalised(&b.text))
        .filter(|t| !t.is_empty())
        .collect();
    let mut builder = Builder {
        session,
        options,
        lang,
        load_images,
        redactor: options.public.then(|| Redactor::for_session(session, lang)),
        blocks: Vec::new(),
        experiments_done: false,
        since_done: false,
        blocks_done: HashSet::new(),
        photos_done: HashSet::new(),
        open_questions,
        shown_bullets: RefCell::new(Vec::new()),
        photos: if load_images {
            prepare_photos(session, options)
        } else {
            Vec::new()
        },
        left_out: Vec::new(),
    };
    let title = builder.title_and_header();
    builder.intro();
    let numbers = builder.agenda();
    for (item, number) in session.agenda.iter().zip(numbers) {
        builder.item(item, number);
    }
    // What no agenda item reached, in the order of the report's outline.
    builder.experiments_section();
    builder.remaining_photos();
    for kind in [
        BlockKind::Observations,
        BlockKind::Opportunities,
        BlockKind::FollowUp,
        BlockKind::Proposals,
    ] {
        builder.synthesis_section(kind);
    }
    builder.decisions_section();
    builder.actions();
    builder.synthesis_section(BlockKind::OpenQuestions);
    builder.votes();
    builder.next_meetings();
    let author = if options.public {
        String::new()
    } else {
        let chosen = options
            .author
            .as_deref()
            .unwrap_or(&session.header.facilitator);
        clean(chosen.trim())
    };
    let replacements = builder
        .redactor
        .as_ref()
        .map(Redactor::replacements)
        .unwrap_or_default();
    (
        Document {
            lang,
            title,
            date: session.header.date,
            author,
            exported_at: options.exported_at,
            blocks: builder.blocks,
            left_out: builder.left_out,
        },
        replacements,
    )
}

struct Builder<'a> {
    session: &'a Session,
    options: &'a ExportOptions,
    lang: Language,
    load_images: bool,
    redactor: Option<Redactor>,
    blocks: Vec<Block>,
    experiments_done: bool,
    since_done: bool,
    blocks_done: HashSet<BlockKind>,
    photos_done: HashSet<usize>,
    /// The open questions' texts (normalised): they have a section of their
    /// own, so other blocks leave out a bullet that only repeats one.
    open_questions: HashSet<String>,
    /// Every bullet shown so far (normalised), so a planned meeting that a
    /// bullet already describes is not listed again.
    shown_bullets: RefCell<Vec<String>>,
    /// Each attachment's picture, made fit for the report up front.
    photos: Vec<Option<Result<ImageData, ImageProblem>>>,
    /// The photos left out so far.
    left_out: Vec<LeftOut>,
}

/// Every attachment's picture loaded and made fit for the report
/// ([`images::load`]), on two threads: a camera photo takes a good part of
/// a second to decode and scale, and two photos at a time keep the memory
/// of the export small. Empty when photos are left out.
fn prepare_photos(
    session: &Session,
    options: &ExportOptions,
) -> Vec<Option<Result<ImageData, ImageProblem>>> {
    if !options.include_photos || session.attachments.is_empty() {
        return Vec::new();
    }
    let folder = options.session_dir.as_deref();
    let paths: Vec<&str> = session
        .attachments
        .iter()
        .map(|a| a.path.as_str())
        .collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let index = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(path) = paths.get(index) else {
                return done;
            };
            done.push((index, images::load(folder, path)));
        }
    };
    let mut photos: Vec<Option<Result<ImageData, ImageProblem>>> = vec![None; paths.len()];
    std::thread::scope(|scope| {
        // A helper thread when the machine has a second core; this thread works too.
        let helper = (paths.len() > 1
            && std::thread::available_parallelism().is_ok_and(|n| n.get() > 1))
        .then(|| {
            std::thread::Builder::new()
                .name("report-photos".into())
                .spawn_scoped(scope, work)
                .ok()
        })
        .flatten();
        let mut done = work();
        if let Some(Ok(more)) = helper.map(std::thread::ScopedJoinHandle::join) {
            done.extend(more);
        }
        for (index, result) in done {
            photos[index] = Some(result);
        }
    });
    photos
}

/// The notes that belong in a report: not private, not empty.
fn report_notes(notes: &[Note]) -> Vec<&Note> {
    notes
        .iter()
        .filter(|n| n.visibility.in_report() && !n.text.trim().is_empty())
        .collect()
}

/// "13:05" for a number of minutes after midnight (wrapping at midnight).
fn clock(minutes: u64) -> String {
    let minutes = minutes % (24 * 60);
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// Text compared for repeats: lower case, single spaces, no closing
/// punctuation.
fn normalised(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .trim_end_matches(['.', '?', '!', ':', ';'])
        .to_owned()
}

/// Whether an agenda item gets a number (and a section of its own): every
/// item but a break.
fn numbered(item: &AgendaItem) -> bool {
    item.kind != AgendaKind::Break
}

impl Builder<'_> {
    /// User text, cleaned of control characters and, in the public variant,
    /// of names and contact details.
    fn text(&self, text: &str) -> String {
        let text = clean(text);
        match &self.redactor {
            Some(redactor) => redactor.apply(&text),
            None => text,
        }
    }

    fn tr(&self, key: T) -> String {
        tr(self.lang, key).to_owned()
    }

    fn trf(&self, key: T, args: &[(&str, &str)]) -> String {
        trf(self.lang, key, args)
    }

    fn concept(&self) -> bool {
        !self.session.header.report_final
    }

    fn heading(&mut self, level: u8, text: String, section: Section) {
        self.blocks.push(Block::Heading {
            level,
            text,
            section,
        });
    }

    fn paragraphs(&mut self, notes: &[&Note]) {
        for note in notes {
            let text = self.text(note.text.trim_end());
            self.blocks.push(Block::Paragraph(vec![Span::plain(text)]));
        }
    }

    /// "[plaats]" in the concept; nothing in the final report.
    fn placeholder(&self, key: T) -> Option<String> {
        self.concept().then(|| self.tr(key))
    }

    /// The title, subtitle, draft mark and facts; returns the document title.
    fn title_and_header(&mut self) -> String {
        let header = &self.session.header;
        let subject = [header.theme.trim(), header.network.trim()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        let meeting = self.text(header.title.trim());
        let date = self.meeting_date();
        let (title, subtitle) = if subject.is_empty() {
            let title = if meeting.is_empty() {
                self.tr(T::ReportTitleBare)
            } else {
                meeting
            };
            (title, date.clone())
        } else {
            let title = self.trf(T::ReportTitle, &[("subject", &self.text(&subject))]);
            let subtitle = match (&date, meeting.is_empty()) {
                (Some(date), false) => {
                    Some(self.trf(T::ReportSubtitle, &[("meeting", &meeting), ("date", date)]))
                }
                (Some(date), true) => Some(date.clone()),
                (None, false) => Some(meeting),
                (None, true) => None,
            };
            (title, subtitle)
        };
        let document_title = match &date {
            Some(date) => self.trf(T::ReportSubtitle, &[("meeting", &title), ("date", date)]),
            None => title.clone(),
        };
        self.blocks.push(Block::Title(title));
        if let Some(subtitle) = subtitle {
            self.blocks.push(Block::Subtitle(subtitle));
        }
        if self.concept() {
            self.blocks.push(Block::ConceptMark {
                label: self.tr(T::ReportConcept),
                note: self.tr(T::ReportConceptNote),
            });
        }
        let facts = self.facts();
        if !facts.is_empty() {
            self.blocks.push(Block::Facts(facts));
        }
        document_title
    }

    /// The meeting's day, or for a follow-up planned in a month only, that
    /// month ("december 2020").
    fn meeting_date(&self) -> Option<String> {
        let session = self.session;
        session
            .header
            .date
            .map(|d| i18n::format_date(self.lang, d))
            .or_else(|| {
                let planned = session.previous.as_ref()?.planned?;
                Some(i18n::format_planned_date(self.lang, planned))
            })
    }

    /// The kop: network and theme; date, time, place, host, chair and
    /// facilitator, note-taker (a placeholder in the concept when empty);
    /// the number of participants and who attended.
    fn facts(&self) -> Vec<Fact> {
        let session = self.session;
        let header = &session.header;
        let mut facts = Vec::new();
        let mut fact = |key: T, value: Option<String>| {
            if let Some(value) = value.filter(|v| !v.trim().is_empty()) {
                facts.push(Fact {
                    label: self.tr(key),
                    value,
                });
            }
        };
        let given = |value: String, placeholder: T| {
            if value.trim().is_empty() {
                self.placeholder(placeholder)
            } else {
                Some(value)
            }
        };
        fact(T::ReportNetwork, Some(self.text(header.network.trim())));
        fact(T::ReportTheme, Some(self.text(header.theme.trim())));
        fact(
            T::ReportDate,
            given(
                self.meeting_date().unwrap_or_default(),
                T::ReportPlaceholderDate,
            ),
        );
        let time = match (header.start_time, header.end_time) {
            (Some(start), Some(end)) => {
                format!("{}–{}", start.format("%H:%M"), end.format("%H:%M"))
            }
            (Some(start), None) => start.format("%H:%M").to_string(),
            (None, Some(end)) => format!("–{}", end.format("%H:%M")),
            (None, None) => String::new(),
        };
        fact(T::ReportTime, given(time, T::ReportPlaceholderTime));
        fact(
            T::ReportLocation,
            given(self.text(header.location.trim()), T::ReportPlaceholderPlace),
        );
        let host = header
            .host
            .as_ref()
            .map(|h| self.text(session.organisation_name(h)))
            .unwrap_or_default();
        fact(T::ReportHost, given(host, T::ReportPlaceholderHost));
        if !header.chair.trim().is_empty() {
            fact(T::ReportChair, self.header_person(&header.chair));
        }
        if header.facilitator.trim().is_empty() {
            fact(
                T::ReportFacilitator,
                self.placeholder(T::ReportPlaceholderFacilitator),
            );
        } else {
            fact(
                T::ReportFacilitator,
                self.header_person(&header.facilitator),
            );
        }
        if header.note_taker.trim().is_empty() {
            fact(
                T::ReportNoteTaker,
                self.placeholder(T::ReportPlaceholderNoteTaker),
            );
        } else {
            fact(T::ReportNoteTaker, self.header_person(&header.note_taker));
        }
        fact(T::ReportParticipants, Some(self.participant_summary()));
        if session.attendance_known() {
            let attendance = self.attendance();
            fact(T::ReportPresent, Some(attendance.present));
            fact(T::ReportAbsent, Some(attendance.absent));
            if !attendance.unknown.is_empty() {
                fact(
                    T::ReportAttendanceUnknown,
                    self.concept().then_some(attendance.unknown),
                );
            }
        } else {
            let names = |orgs: Vec<&crate::model::Organisation>| {
                orgs.into_iter()
                    .map(|o| self.text(o.name.trim()))
                    .filter(|n| !n.is_empty())
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            fact(
                T::ReportMunicipalities,
                Some(names(session.municipalities().collect())),
            );
            fact(T::ReportGuests, Some(names(session.guests().collect())));
            fact(
                T::ReportPresent,
                self.placeholder(T::ReportPlaceholderAttendance),
            );
        }
        // How much the room sent from phones: counts only, never who or how.
        let room = session.inbox_counts();
        if room.received > 0 {
            fact(
                T::ReportFromRoom,
                Some(self.trf(
                    T::ReportFromRoomValue,
                    &[
                        ("received", &room.received.to_string()),
                        ("accepted", &room.accepted.to_string()),
                    ],
                )),
            );
        }
        facts
    }

    /// A person in the header: the name in the full report; in the public
    /// variant their organisation when they are a participant, else nothing.
    fn header_person(&self, names: &str) -> Option<String> {
        match &self.redactor {
            Some(redactor) => redactor.header_person(&clean(names)),
            None => Some(self.text(names.trim())),
        }
    }

    /// "24 deelnemers van 12 gemeenten": the participants present and the
    /// municipalities that attended.
    fn participant_summary(&self) -> String {
        let count = |one: T, many: T, n: usize| {
            self.trf(if n == 1 { one } else { many }, &[("n", &n.to_string())])
        };
        // Without a count or any attendance, the number of municipalities
        // on the list says nothing about who came.
        let known = self.session.attendance_known() || self.session.participant_count().is_some();
        let municipalities = self.session.attending_municipalities().count();
        let places = (known && municipalities > 0).then(|| {
            count(
                T::ReportMunicipalityCountOne,
                T::ReportMunicipalityCountMany,
                municipalities,
            )
        });
        let people = self.session.participant_count().map(|n| {
            count(
                T::ReportParticipantCountOne,
                T::ReportParticipantCountMany,
                n as usize,
            )
        });
        match (people, places) {
            (Some(people), Some(places)) => self.trf(
                T::ReportParticipantsFrom,
                &[("participants", &people), ("municipalities", &places)],
            ),
            (Some(people), None) => people,
            (None, Some(places)) => places,
            (None, None) => String::new(),
        }
    }

    /// Who attended, per organisation (municipalities first, then guests):
    /// named people in the full report, only their number in the public
    /// variant.
    fn attendance(&self) -> Attendance {
        let session = self.session;
        let public = self.options.public;
        let mut present: Vec<String> = Vec::new();
        let mut absent: Vec<String> = Vec::new();
        let mut unknown: Vec<String> = Vec::new();
        let mut named = false;
        let person = |p: &crate::model::Participant| {
            let name = self.text(p.name.trim());
            let role = self.text(p.role.trim());
            if role.is_empty() {
                name
            } else {
                format!("{name} ({role})")
            }
        };
        let orgs = session.municipalities().chain(session.guests());
        for org in orgs {
            let name = self.text(org.name.trim());
            let guest = org.kind == crate::model::OrgKind::Guest;
            let people = |here: bool| -> Vec<&crate::model::Participant> {
                session
                    .participants
                    .iter()
                    .filter(|p| p.organisation.as_ref() == Some(&org.id) && p.present == here)
                    .filter(|p| !p.name.trim().is_empty())
                    .collect()
            };
            let entry = |people: &[&crate::model::Participant], with_count: bool| {
                let mut marks: Vec<String> = Vec::new();
                if guest {
                    marks.push(self.tr(T::ReportGuestMark));
                }
                if public && with_count && !people.is_empty() {
                    marks.push(people.len().to_string());
                }
                let mut text = name.clone();
                if !marks.is_empty() {
                    text = format!("{text} ({})", marks.join(", "));
                }
                if !public && !people.is_empty() {
                    let listed: Vec<String> = people.iter().map(|p| person(p)).collect();
                    text = format!("{text}: {}", listed.join(", "));
                }
                text
            };
            match session.attended(&org.id) {
                Some(true) => {
                    let here = people(true);
                    let away = people(false);
                    named |= !public && !here.is_empty();
                    present.push(entry(&here, true));
                    if !away.is_empty() {
                        named |= !public;
                        absent.push(entry(&away, true));
                    }
                }
                Some(false) => {
                    let away = people(false);
                    named |= !public && !away.is_empty();
                    absent.push(entry(&away, false));
                }
                None => unknown.push(name),
            }
        }
        // People of no organisation.
        for here in [true, false] {
            let people: Vec<&crate::model::Participant> = session
                .participants
                .iter()
                .filter(|p| p.organisation.is_none() && p.present == here)
                .filter(|p| !p.name.trim().is_empty())
                .collect();
            if people.is_empty() {
                continue;
            }
            let text = if public {
                let n = people.len();
                self.trf(
                    if n == 1 {
                        T::ReportOtherParticipantOne
                    } else {
                        T::ReportOtherParticipantMany
                    },
                    &[("n", &n.to_string())],
                )
            } else {
                people
                    .iter()
                    .map(|p| person(p))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            if here {
                present.push(text);
            } else {
                absent.push(text);
            }
        }
        // With names after the organisations, semicolons keep them apart.
        let separator = if named { "; " } else { ", " };
        let nobody = self.tr(T::ReportNobody);
        Attendance {
            present: if present.is_empty() {
                nobody.clone()
            } else {
                present.join(separator)
            },
            absent: if absent.is_empty() {
                nobody
            } else {
                absent.join(separator)
            },
            unknown: unknown.join(", "),
        }
    }

    /// The session's notes (the introduction), then the notes of each
    /// organisation that does not present an agenda item (a presenter's
    /// notes go with its item).
    fn intro(&mut self) {
        let session = self.session;
        self.paragraphs(&report_notes(&session.notes));
        for org in &session.organisations {
            let presents = session
                .agenda
                .iter()
                .any(|i| i.presenter.as_ref() == Some(&org.id));
            if !presents {
                self.paragraphs(&report_notes(&org.notes));
            }
        }
    }

    /// The numbered agenda; returns each item's number (none for a break).
    fn agenda(&mut self) -> Vec<Option<usize>> {
        let session = self.session;
        let mut numbers = Vec::new();
        let mut next = 1;
        for item in &session.agenda {
            if numbered(item) {
                numbers.push(Some(next));
                next += 1;
            } else {
                numbers.push(None);
            }
        }
        if session.agenda.is_empty() {
            return numbers;
        }
        let start = session.header.start_time.map(|t| {
            u64::from(chrono::Timelike::hour(&t)) * 60 + u64::from(chrono::Timelike::minute(&t))
        });
        let with_actual = session
            .agenda
            .iter()
            .any(|i| i.actual_start.is_some() || i.actual_end.is_some());
        let mut header = vec![
            self.tr(T::ReportNumber),
            self.tr(T::ReportAgendaPlanned),
            self.tr(T::ReportAgendaItem),
        ];
        if with_actual {
            header.push(self.tr(T::ReportAgendaActual));
        }
        let mut elapsed = 0u64;
        let mut rows = Vec::new();
        for (index, item) in session.agenda.iter().enumerate() {
            let minutes = u64::from(item.planned_minutes);
            let planned = match start {
                Some(start) if minutes > 0 => format!(
                    "{}–{}",
                    clock(start + elapsed),
                    clock(start + elapsed + minutes)
                ),
                Some(start) => clock(start + elapsed),
                None if minutes > 0 => self.trf(T::ReportMinutes, &[("n", &minutes.to_string())]),
                None => String::new(),
            };
            elapsed += minutes;
            let number = numbers[index].map(|n| n.to_string()).unwrap_or_default();
            let mut row = vec![number, planned, self.item_title(item, index)];
            if with_actual {
                let time = |t: Option<chrono::NaiveDateTime>| {
                    t.map(|t| t.format("%H:%M").to_string()).unwrap_or_default()
                };
                let actual = match (item.actual_start, item.actual_end) {
                    (None, None) => String::new(),
                    (start, end) => format!("{}–{}", time(start), time(end)),
                };
                row.push(actual);
            }
            rows.push(row);
        }
        self.heading(1, self.tr(T::ReportAgenda), Section::Agenda);
        self.blocks.push(Block::Table(Table {
            section: Section::Agenda,
            header,
            rows,
        }));
        numbers
    }

    /// The item's title, or "Agendapunt 3" when it has none.
    fn item_title(&self, item: &AgendaItem, index: usize) -> String {
        let title = self.text(item.title.trim());
        if title.is_empty() {
            self.trf(T::ReportItemNumber, &[("n", &(index + 1).to_string())])
        } else {
            title
        }
    }

    /// One agenda item's section, numbered as on the agenda: who presents,
    /// the presenter's and the item's notes, what a look-back carries, the
    /// experiments of a round, the synthesis block it fills, its photos; a
    /// remark when nothing was recorded. A break has a section only when
    /// something was recorded for it.
    fn item(&mut self, item: &AgendaItem, number: Option<usize>) {
        let session = self.session;
        let index = session
            .agenda
            .iter()
            .position(|i| i.id == item.id)
            .unwrap_or_default();
        let notes = report_notes(&item.notes);
        let is_round = item.kind == AgendaKind::Round || item.round.is_some();
        let has_photos = self.options.include_photos
            && session
                .attachments
                .iter()
                .any(|a| a.agenda_item.as_ref() == Some(&item.id));
        if number.is_none() && notes.is_empty() && !has_photos {
            return;
        }
        let title = self.item_title(item, index);
        let section = if is_round && !self.experiments_done {
            Section::Experiments
        } else if let Some(kind) = item.block.filter(|k| !self.blocks_done.contains(k)) {
            Section::Synthesis(kind)
        } else {
            Section::Item
        };
        let heading = match number {
            Some(n) => format!("{n}. {title}"),
            None => title.clone(),
        };
        self.heading(1, heading, section);
        let before = self.blocks.len();
        if let Some(presenter) = &item.presenter {
            let name = self.text(session.organisation_name(presenter));
            if !name.is_empty() {
                let line = self.trf(T::ReportPresentedBy, &[("name", &name)]);
                self.blocks
                    .push(Block::Paragraph(vec![Span::new(line, SpanStyle::Emphasis)]));
            }
            let first_presented = session
                .agenda
                .iter()
                .find(|i| i.presenter.as_ref() == Some(presenter))
                .is_some_and(|i| i.id == item.id);
            if first_presented && let Some(org) = session.organisation(presenter) {
                self.paragraphs(&report_notes(&org.notes));
            }
        }
        self.paragraphs(&notes);
        if session.is_review_item(&item.id) {
            self.look_back();
        }
        if is_round && !self.experiments_done {
            self.experiments_done = true;
            self.experiments(true);
        }
        if let Some(kind) = item.block
            && !self.blocks_done.contains(&kind)
        {
            self.blocks_done.insert(kind);
            self.synthesis_content(kind, Some(&title));
        }
        self.photos_of(Some(&item.id));
        if self.blocks.len() == before {
            let remark = if self.concept() {
                T::ReportNothingYet
            } else {
                T::ReportNothingRecorded
            };
            self.blocks.push(Block::Note(self.tr(remark)));
        }
    }

    /// In a follow-up's look-back item: what was carried from last time,
    /// pointing to the sections where it stands now.
    fn look_back(&mut self) {
        let session = self.session;
        let Some(previous) = &session.previous else {
            return;
        };
        let meeting = previous
            .date
            .map(|d| i18n::format_date(self.lang, d))
            .map_or_else(
                || self.tr(T::SeriesPreviousMeeting),
                |date| self.trf(T::ReportMeetingOf, &[("date", &date)]),
            );
        let numbered_actions: Vec<String> = session
            .synthesis
            .actions
            .iter()
            .filter(|a| !a.text.trim().is_empty())
            .enumerate()
            .filter(|(_, a)| previous.carried_actions.contains(&a.id))
            .map(|(n, a)| {
                let status = self.tr(status_key(a.status));
                self.trf(
                    T::ReportActionNumberStatus,
                    &[("n", &(n + 1).to_string()), ("status", &status)],
                )
            })
            .collect();
        let questions = session
            .synthesis
            .open_questions
            .bullets
            .iter()
            .filter(|b| previous.carried_questions.contains(&b.id))
            .count();
        let mut items = Vec::new();
        if !numbered_actions.is_empty() {
            items.push(ListItem {
                content: vec![Span::plain(self.trf(
                    T::ReportCarriedActions,
                    &[
                        ("meeting", &meeting),
                        ("list", &numbered_actions.join(", ")),
                    ],
                ))],
                children: Vec::new(),
            });
        }
        if questions > 0 {
            items.push(ListItem {
                content: vec![Span::plain(self.trf(
                    if questions == 1 {
                        T::ReportCarriedQuestionsOne
                    } else {
                        T::ReportCarriedQuestionsMany
                    },
                    &[("meeting", &meeting), ("n", &questions.to_string())],
                ))],
                children: Vec::new(),
            });
        }
        if items.is_empty() {
            self.blocks.push(Block::Paragraph(vec![Span::plain(
                self.trf(T::ReportNothingCarried, &[("meeting", &meeting)]),
            )]));
        } else {
            self.blocks.push(Block::Bullets(items));
        }
    }

    /// The experiments when no round item showed them, under their own heading.
    fn experiments_section(&mut self) {
        if self.experiments_done {
            return;
        }
        let any = self
            .session
            .experiments
            .iter()
            .any(|e| self.experiment(e).is_some());
        let since = self
            .session
            .previous
            .as_ref()
            .is_some_and(|p| !p.experiments.is_empty());
        if !any && !since {
            return;
        }
        self.experiments_done = true;
        self.heading(1, self.tr(T::ReportExperiments), Section::Experiments);
        self.experiments(false);
    }

    /// The experiments, as on the whiteboard: "⊗ Title *Municipality*" with
    /// the keywords as sub-bullets; under a round item with the seed's
    /// lead-in line. Then, in a follow-up, what changed since last time.
    fn experiments(&mut self, lead: bool) {
        let items: Vec<ListItem> = self
            .session
            .experiments
            .iter()
            .filter_map(|e| self.experiment(e))
            .collect();
        if !items.is_empty() {
            if lead {
                let lead = self.tr(T::ReportExperimentsLead);
                self.blocks.push(Block::Paragraph(vec![Span::plain(lead)]));
            }
            let network = self.text(self.session.header.network.trim());
            if !network.is_empty() {
                self.heading(2, network, Section::Network);
            }
            self.blocks.push(Block::Bullets(items));
        }
        self.since_last_time();
    }

    /// For a follow-up: each municipality with a new experiment, then and
    /// now; one line naming those without a new one. A kick-off has none.
    fn since_last_time(&mut self) {
        let Some(previous) = &self.session.previous else {
            return;
        };
        if self.since_done || previous.experiments.is_empty() {
            return;
        }
        self.since_done = true;
        let date = previous.date.map_or_else(
            || self.tr(T::SeriesPreviousMeeting),
            |d| i18n::format_date(self.lang, d),
        );
        let mut items = Vec::new();
        let mut unchanged: Vec<String> = Vec::new();
        for org in self.session.municipalities() {
            let then: Vec<_> = self.session.previous_experiments_of(&org.id).collect();
            let now: Vec<_> = self
                .session
                .experiments_of(&org.id)
                .filter(|e| !e.title.trim().is_empty() || !e.keywords.is_empty())
                .collect();
            if then.is_empty() && now.is_empty() {
                continue;
            }
            if now.is_empty() {
                unchanged.push(self.text(org.name.trim()));
                continue;
            }
            let mut children: Vec<ListItem> = then
                .iter()
                .map(|e| {
                    let mut content =
                        vec![Span::plain(self.trf(T::ReportThen, &[("date", &date)]))];
                    content.extend(self.summary(&e.title, &e.keywords));
                    ListItem {
                        content,
                        children: Vec::new(),
                    }
                })
                .collect();
            for e in now {
                let keywords: Vec<String> = e.keywords.iter().map(|k| k.text.clone()).collect();
                let mut content = vec![Span::plain(self.tr(T::ReportNow))];
                content.extend(self.summary(&e.title, &keywords));
                children.push(ListItem {
                    content,
                    children: Vec::new(),
                });
            }
            items.push(ListItem {
                content: vec![Span::new(self.text(org.name.trim()), SpanStyle::Emphasis)],
                children,
            });
        }
        if items.is_empty() && unchanged.is_empty() {
            return;
        }
        self.heading(2, self.tr(T::SeriesSinceLastTime), Section::SinceLastTime);
        if !items.is_empty() {
            self.blocks.push(Block::Bullets(items));
        }
        if !unchanged.is_empty() {
            let line = self.trf(
                T::ReportNoNewExperiment,
                &[("list", &unchanged.join(", ")), ("date", &date)],
            );
            self.blocks.push(Block::Paragraph(vec![Span::plain(line)]));
        }
    }

    /// "Title — keyword · keyword · keyword": the title in bold, keywords
    /// kept apart by a middle dot (a keyword may hold commas).
    fn summary(&self, title: &str, keywords: &[String]) -> Vec<Span> {
        let title = self.text(title.trim());
        let keywords: Vec<String> = keywords
            .iter()
            .map(|k| self.text(k.trim()))
            .filter(|k| !k.is_empty())
            .collect();
        let mut spans = Vec::new();
        if !title.is_empty() {
            spans.push(Span::new(title, SpanStyle::Strong));
        }
        if !keywords.is_empty() {
            let lead = if spans.is_empty() { "" } else { " — " };
            spans.push(Span::plain(format!(
                "{lead}{}",
                keywords.join(KEYWORD_SEPARATOR)
            )));
        }
        spans
    }

    /// One card: "⊗ Title *Municipality*" with its keywords and notes; none
    /// for a card without a title, keywords or notes.
    fn experiment(&self, experiment: &Experiment) -> Option<ListItem> {
        let title = self.text(experiment.title.trim());
        let children: Vec<ListItem> = experiment
            .keywords
            .iter()
            .filter_map(|k| self.keyword(k))
            .chain(
                report_notes(&experiment.notes)
                    .into_iter()
                    .map(|n| ListItem {
                        content: vec![Span::plain(self.text(n.text.trim_end()))],
                        children: Vec::new(),
                    }),
            )
            .collect();
        if title.is_empty() && children.is_empty() {
            return None;
        }
        let mut content = vec![Span::plain(format!("{EXPERIMENT_MARK} "))];
        if !title.is_empty() {
            content.push(Span::plain(format!("{title} ")));
        }
        content.push(Span::new(
            self.text(self.session.organisation_name(&experiment.organisation)),
            SpanStyle::Emphasis,
        ));
        Some(ListItem { content, children })
    }

    fn keyword(&self, keyword: &Keyword) -> Option<ListItem> {
        let text = self.text(keyword.text.trim());
        if text.is_empty() {
            return None;
        }
        let style = if keyword.highlighted {
            SpanStyle::Strong
        } else {
            SpanStyle::Plain
        };
        let mut content = vec![Span::new(text, style)];
        content.extend(self.tags(&keyword.tags));
        Some(ListItem {
            content,
            children: Vec::new(),
        })
    }

    /// Theme tags as " #tag", in italics.
    fn tags(&self, tags: &[String]) -> Option<Span> {
        let tags: Vec<String> = tags
            .iter()
            .map(|t| self.text(t.trim()))
            .filter(|t| !t.is_empty())
            .map(|t| format!("#{t}"))
            .collect();
        (!tags.is_empty()).then(|| Span::new(format!(" {}", tags.join(" ")), SpanStyle::Emphasis))
    }

    /// The standard heading of a block, or the one the facilitator gave it.
    fn block_heading(&self, kind: BlockKind) -> String {
        let heading = self.text(self.session.synthesis.block(kind).heading.trim());
        if !heading.is_empty() {
            return heading;
        }
        self.tr(match kind {
            BlockKind::Observations => T::ReportObservations,
            BlockKind::Opportunities => T::ReportOpportunities,
            BlockKind::FollowUp => T::ReportFollowUp,
            BlockKind::Proposals => T::ReportProposals,
            BlockKind::Decisions => T::ReportDecisions,
            BlockKind::OpenQuestions => T::ReportOpenQuestions,
        })
    }

    /// A block's bullets inside an item's section, under the block's own
    /// heading when it differs from the item's title; decisions say so when
    /// there are none.
    fn synthesis_content(&mut self, kind: BlockKind, item_title: Option<&str>) {
        let bullets = self.bullets(kind, &self.session.synthesis.block(kind).bullets);
        let heading = self.block_heading(kind);
        let repeats_title = item_title.is_some_and(|t| normalised(t) == normalised(&heading));
        if bullets.is_empty() && kind != BlockKind::Decisions {
            return;
        }
        if item_title.is_some() && !repeats_title {
            self.heading(2, heading, Section::Synthesis(kind));
        }
        if bullets.is_empty() {
            self.blocks.push(Block::Paragraph(vec![Span::plain(
                self.tr(T::ReportNoDecisions),
            )]));
        } else {
            self.blocks.push(Block::Bullets(bullets));
        }
    }

    /// A block that no agenda item filled, under its own heading; left out
    /// when empty.
    fn synthesis_section(&mut self, kind: BlockKind) {
        if self.blocks_done.contains(&kind) {
            return;
        }
        let bullets = self.bullets(kind, &self.session.synthesis.block(kind).bullets);
        if bullets.is_empty() {
            return;
        }
        self.blocks_done.insert(kind);
        self.heading(1, self.block_heading(kind), Section::Synthesis(kind));
        self.blocks.push(Block::Bullets(bullets));
    }

    /// The decisions (besluitenlijst), also when there are none.
    fn decisions_section(&mut self) {
        if self.blocks_done.contains(&BlockKind::Decisions) {
            return;
        }
        self.blocks_done.insert(BlockKind::Decisions);
        let heading = self.block_heading(BlockKind::Decisions);
        self.heading(1, heading, Section::Synthesis(BlockKind::Decisions));
        self.synthesis_content(BlockKind::Decisions, None);
    }

    /// Bullets with text or sub-bullets; empty ones are left out, and so is
    /// a bullet that only repeats an open question (which has its own
    /// section). A carried open question says since when it is open.
    fn bullets(&self, kind: BlockKind, bullets: &[Bullet]) -> Vec<ListItem> {
        bullets
            .iter()
            .filter_map(|b| {
                let children = self.bullets(kind, &b.children);
                let key = normalised(&b.text);
                if kind != BlockKind::OpenQuestions
                    && children.is_empty()
                    && self.open_questions.contains(&key)
                {
                    return None;
                }
                let text = self.text(b.text.trim());
                if text.is_empty() && children.is_empty() {
                    return None;
                }
                self.shown_bullets.borrow_mut().push(key);
                let mut content = vec![Span::plain(text)];
                content.extend(self.tags(&b.tags));
                if kind == BlockKind::OpenQuestions
                    && let Some(since) = self.carried_since(|p| p.carried_questions.contains(&b.id))
                {
                    content.push(Span::new(
                        format!(" ({})", self.trf(T::ReportOpenSince, &[("date", &since)])),
                        SpanStyle::Emphasis,
                    ));
                }
                Some(ListItem { content, children })
            })
            .collect()
    }

    /// For something carried from the previous meeting: that meeting's date.
    fn carried_since(
        &self,
        carried: impl Fn(&crate::model::series::PreviousSession) -> bool,
    ) -> Option<String> {
        let previous = self.session.previous.as_ref().filter(|p| carried(p))?;
        Some(previous.date.map_or_else(
            || self.tr(T::SeriesPreviousMeeting),
            |d| i18n::format_date(self.lang, d),
        ))
    }

    /// The photos attached to `item` (or to no item), not shown yet.
    fn photos_of(&mut self, item: Option<&ItemId>) {
        if !self.options.include_photos {
            return;
        }
        let attachments: Vec<(usize, &Attachment)> = self
            .session
            .attachments
            .iter()
            .enumerate()
            .filter(|(i, a)| !self.photos_done.contains(i) && a.agenda_item.as_ref() == item)
            .collect();
        let indices: Vec<usize> = attachments.into_iter().map(|(index, _)| index).collect();
        for index in indices {
            self.photos_done.insert(index);
            let block = self.figure(index);
            self.blocks.push(block);
        }
    }

    /// The attachment at `index` as a figure, or a note saying why it is not there.
    fn figure(&mut self, index: usize) -> Block {
        let session = self.session;
        let attachment = &session.attachments[index];
        let path = self.text(&attachment.path);
        let caption = self.text(attachment.caption.trim());
        let prepared = self.photos.get_mut(index).and_then(Option::take);
        let loaded = match prepared {
            Some(loaded) => loaded,
            None if self.load_images => {
                images::load(self.options.session_dir.as_deref(), &attachment.path)
            }
            None => Err(ImageProblem::NoFolder),
        };
        match loaded {
            Ok(image) => {
                let alt = if caption.is_empty() {
                    self.tr(T::ReportPhoto)
                } else {
                    caption.clone()
                };
                Block::Figure(Figure {
                    image,
                    caption,
                    alt,
                    path,
                })
            }
            Err(problem) => {
                if self.load_images {
                    self.left_out.push(LeftOut {
                        file: path.clone(),
                        problem,
                    });
                }
                let key = match problem {
                    ImageProblem::NoFolder => T::ReportPhotoNotIncluded,
                    ImageProblem::Unreadable => T::ReportPhotoMissing,
                    ImageProblem::Outside => T::ReportPhotoOutside,
                    ImageProblem::Unsupported => T::ReportPhotoUnsupported,
                    ImageProblem::TooLarge => T::ReportPhotoTooLarge,
                    ImageProblem::Damaged => T::ReportPhotoDamaged,
                };
                Block::Note(self.trf(key, &[("file", &path)]))
            }
        }
    }

    /// Photos that no agenda item showed, under their own heading.
    fn remaining_photos(&mut self) {
        if !self.options.include_photos {
            return;
        }
        let left = (0..self.session.attachments.len()).any(|i| !self.photos_done.contains(&i));
        if !left {
            return;
        }
        self.heading(1, self.tr(T::ReportPhotos), Section::Photos);
        let indices: Vec<usize> = (0..self.session.attachments.len())
            .filter(|i| !self.photos_done.contains(i))
            .collect();
        for index in indices {
            self.photos_done.insert(index);
            let block = self.figure(index);
            self.blocks.push(block);
        }
    }

    /// The numbered action list: what, who, when, (from which meeting,) status.
    /// The meeting column appears when an action was carried from an
    /// earlier meeting.
    fn actions(&mut self) {
        let session = self.session;
        let actions: Vec<&crate::model::Action> = session
            .synthesis
            .actions
            .iter()
            .filter(|a| !a.text.trim().is_empty())
            .collect();
        let with_origin = actions.iter().any(|a| a.from.is_some());
        let this_meeting = self.tr(T::ReportThisMeeting);
        let rows: Vec<Vec<String>> = actions
            .iter()
            .enumerate()
            .map(|(n, a)| {
                let mut row = vec![
                    (n + 1).to_string(),
                    self.text(a.text.trim()),
                    a.owner.as_ref().map(|o| self.owner(o)).unwrap_or_default(),
                    a.due
                        .map(|d| i18n::format_date(self.lang, d))
                        .unwrap_or_default(),
                ];
                if with_origin {
                    row.push(a.from.as_ref().map_or_else(
                        || this_meeting.clone(),
                        |m| match m.when {
                            Some(when) => i18n::format_planned_date(self.lang, when),
                            None => self.text(m.title.trim()),
                        },
                    ));
                }
                row.push(self.tr(status_key(a.status)));
                row
            })
            .collect();
        self.heading(1, self.tr(T::ReportActions), Section::Actions);
        if rows.is_empty() {
            self.blocks.push(Block::Paragraph(vec![Span::plain(
                self.tr(T::ReportNoActions),
            )]));
            return;
        }
        let mut header = vec![
            self.tr(T::ReportNumber),
            self.tr(T::ReportActionWhat),
            self.tr(T::ReportActionWho),
            self.tr(T::ReportActionWhen),
        ];
        if with_origin {
            header.push(self.tr(T::ReportActionFrom));
        }
        header.push(self.tr(T::ReportActionStatus));
        self.blocks.push(Block::Table(Table {
            section: Section::Actions,
            header,
            rows,
        }));
    }

    /// Who owns an action; in the public variant a person is shown as their
    /// organisation (or "Een deelnemer").
    fn owner(&self, owner: &Owner) -> String {
        let session = self.session;
        match owner {
            Owner::Organisation(org) => self.text(session.organisation_name(org)),
            Owner::Participant(id) => {
                let person = session.participants.iter().find(|p| &p.id == id);
                match (&self.redactor, person) {
                    (Some(redactor), Some(p)) => redactor
                        .person(&clean(&p.name))
                        .unwrap_or_else(|| self.text(p.name.trim())),
                    (Some(_), None) => self.text(id.as_str()),
                    (None, person) => {
                        person.map_or_else(|| self.text(id.as_str()), |p| self.text(p.name.trim()))
                    }
                }
            }
            Owner::Name(name) => match &self.redactor {
                Some(redactor) => redactor
                    .person(&clean(name))
                    .unwrap_or_else(|| self.text(name.trim())),
                None => self.text(name.trim()),
            },
        }
    }

    /// One vote as the report gives it: what the room chose ("Gekozen door
    /// de zaal: …"), then every option's dots; totals only, never who gave
    /// them.
    fn vote(&mut self, vote: &crate::model::Vote) {
        let chosen = if vote.chosen.is_empty() {
            self.tr(T::VoteNothingChosen)
        } else {
            let labels: Vec<String> = vote.chosen.iter().map(|c| self.text(c)).collect();
            self.trf(T::VoteChosenByRoom, &[("chosen", &labels.join(", "))])
        };
        self.blocks
            .push(Block::Paragraph(vec![Span::new(chosen, SpanStyle::Strong)]));
        let totals: Vec<String> = vote
            .options
            .iter()
            .map(|o| format!("{} {}", self.text(&o.label), o.total))
            .collect();
        let line = self.trf(
            T::ReportRoomVote,
            &[
                ("question", &self.text(&vote.question)),
                ("voters", &vote.voters.to_string()),
                ("dots", &vote.dots.to_string()),
                ("totals", &totals.join(" · ")),
            ],
        );
        self.blocks.push(Block::Paragraph(vec![Span::plain(line)]));
    }

    /// The room's votes on a synthesis block's points (a vote on the
    /// themes goes with the next meetings, whose themes it chose).
    fn votes(&mut self) {
        let session = self.session;
        let on_blocks: Vec<&crate::model::Vote> = session
            .votes
            .iter()
            .filter(|v| v.source != crate::model::VoteSource::Themes)
            .collect();
        if on_blocks.is_empty() {
            return;
        }
        self.heading(1, self.tr(T::ReportRoomVotesTitle), Section::Votes);
        for vote in on_blocks {
            self.vote(vote);
        }
    }

    /// The planned meetings: when, theme and host. A meeting that a bullet
    /// already described (its theme is in it, and its host if it has one)
    /// is not listed again.
    fn next_meetings(&mut self) {
        let session = self.session;
        let shown = self.shown_bullets.borrow().clone();
        let described = |theme: &str, host: Option<&str>| {
            let theme = normalised(theme);
            theme.split_whitespace().count() >= 3
                && shown
                    .iter()
                    .any(|b| b.contains(&theme) && host.is_none_or(|h| b.contains(&normalised(h))))
        };
        let items: Vec<ListItem> = session
            .synthesis
            .next_meetings
            .iter()
            .filter(|m| {
                !described(
                    &m.theme,
                    m.host.as_ref().map(|h| session.organisation_name(h)),
                )
            })
            .filter_map(|m| {
                let when = m.when.map(|w| i18n::format_planned_date(self.lang, w));
                let theme = self.text(m.theme.trim());
                let host = m
                    .host
                    .as_ref()
                    .map(|h| self.text(session.organisation_name(h)));
                if when.is_none() && theme.is_empty() && host.is_none() {
                    return None;
                }
                let mut content = Vec::new();
                if let Some(when) = when {
                    let separator = if theme.is_empty() { "" } else { ": " };
                    content.push(Span::new(when, SpanStyle::Strong));
                    content.push(Span::plain(separator));
                }
                if !theme.is_empty() {
                    content.push(Span::plain(theme));
                }
                if let Some(host) = host {
                    let lead = if content.is_empty() { "" } else { " " };
                    content.push(Span::plain(format!(
                        "{lead}({})",
                        self.trf(T::ReportMeetingHost, &[("host", &host)])
                    )));
                }
                Some(ListItem {
                    content,
                    children: Vec::new(),
                })
            })
            .collect();
        let theme_votes: Vec<&crate::model::Vote> = session
            .votes
            .iter()
            .filter(|v| v.source == crate::model::VoteSource::Themes)
            .collect();
        if items.is_empty() && theme_votes.is_empty() {
            return;
        }
        self.heading(1, self.tr(T::ReportNextMeetings), Section::NextMeetings);
        // What the room chose to take further, before the dates.
        for vote in theme_votes {
            self.vote(vote);
        }
        if !items.is_empty() {
            self.blocks.push(Block::Bullets(items));
        }
    }
}

/// Who attended, as the kop writes it.
struct Attendance {
    present: String,
    absent: String,
    unknown: String,
}

fn status_key(status: ActionStatus) -> T {
    match status {
        ActionStatus::Open => T::ReportStatusOpen,
        ActionStatus::Done => T::ReportStatusDone,
        ActionStatus::Dropped => T::ReportStatusDropped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        Action, ActionId, AgendaItem, BulletId, ExperimentId, Header, KeywordId, MonthPart, NoteId,
        OrgId, OrgKind, Organisation, PlannedDate, Visibility,
    };

    fn org(id: &str, name: &str, kind: OrgKind) -> Organisation {
        Organisation {
            id: OrgId::new(id),
            name: name.into(),
            kind,
            notes: Vec::new(),
            attendance: crate::model::Attendance::Unknown,
        }
    }

    fn note(id: &str, text: &str, visibility: Visibility) -> Note {
        Note {
            id: NoteId::new(id),
            text: text.into(),
            visibility,
        }
    }

    fn bullet(id: &str, text: &str, children: Vec<Bullet>) -> Bullet {
        Bullet {
            id: BulletId::new(id),
            text: text.into(),
            tags: Vec::new(),
            children,
        }
    }

    fn small() -> Session {
        let mut s = Session {
            header: Header {
                title: "Kick-off".into(),
                network: "M50".into(),
                theme: "Democratische vernieuwing".into(),
                date: chrono::NaiveDate::from_ymd_opt(2020, 2, 4),
                participant_count: Some(3),
                ..Header::default()
            },
            notes: vec![
                note("n-1", "Inleiding.", Visibility::Report),
                note("n-2", "Geheim voor de gespreksleider.", Visibility::Private),
            ],
            organisations: vec![org("a", "Zeist", OrgKind::Municipality)],
            experiments: vec![Experiment {
                id: ExperimentId::new("e"),
                organisation: OrgId::new("a"),
                title: "Maaltijd".into(),
                keywords: vec![Keyword {
                    id: KeywordId::new("k"),
                    text: "gesprek".into(),
                    tags: vec!["raad".into()],
                    highlighted: true,
                }],
                notes: vec![note("n-3", "Ook geheim.", Visibility::Private)],
            }],
            ..Session::default()
        };
        s.synthesis.observations.bullets = vec![bullet("b-1", "Veel", Vec::new())];
        s
    }

    fn texts(doc: &Document) -> String {
        format!("{:?}", doc.blocks)
    }

    #[test]
    fn the_rooms_votes_say_what_the_room_chose_where_it_belongs() {
        let mut s = small();
        let vote = |source, question: &str, chosen: &[&str]| crate::model::Vote {
            id: crate::model::VoteId::new(question),
            question: question.into(),
            source,
            dots: 3,
            several_per_option: false,
            voters: 4,
            options: vec![
                crate::model::VoteOption {
                    label: "raad".into(),
                    total: 7,
                },
                crate::model::VoteOption {
                    label: "jongeren".into(),
                    total: 5,
                },
            ],
            chosen: chosen.iter().map(|c| (*c).to_owned()).collect(),
            closed: chrono::NaiveDate::from_ymd_opt(2020, 2, 4)
                .and_then(|d| d.and_hms_opt(16, 0, 0))
                .expect("a time"),
        };
        s.votes = vec![
            vote(
                crate::model::VoteSource::Themes,
                "Welke thema's?",
                &["raad"],
            ),
            vote(
                crate::model::VoteSource::Block {
                    block: BlockKind::Opportunities,
                },
                "Welke kans?",
                &["raad", "jongeren"],
            ),
        ];
        let doc = build(&s, &ExportOptions::default());
        let outline = doc.outline();
        let votes = outline
            .iter()
            .position(|h| *h == "Stemmingen in de zaal")
            .expect("the block's vote has a section");
        let next = outline
            .iter()
            .position(|h| *h == "Volgende bijeenkomsten")
            .expect("the themes vote is with the next meetings");
        assert!(votes < next);
        let text = texts(&doc);
        let chosen_themes = text.find("Gekozen door de zaal: raad\"").expect("themes");
        let chosen_block = text
            .find("Gekozen door de zaal: raad, jongeren")
            .expect("block");
        assert!(chosen_block < chosen_themes, "{text}");
        assert!(text.contains("Welke thema's? (4 telefoons, 3 stippen elk): raad 7 · jongeren 5."));
    }

    #[test]
    fn title_subtitle_and_concept_mark_follow_the_session_language() {
        let doc = build(&small(), &ExportOptions::default());
        assert_eq!(
            doc.outline()[..2],
            [
                "Verslag Democratische vernieuwing M50",
                "Kick-off, 4 februari 2020"
            ]
        );
        assert!(matches!(&doc.blocks[2], Block::ConceptMark { label, .. } if label == "Concept"));

        let mut s = small();
        s.header.language = Language::En;
        s.header.report_final = true;
        let doc = build(&s, &ExportOptions::default());
        assert_eq!(doc.outline()[1], "Kick-off, 4 February 2020");
        assert!(
            !doc.blocks
                .iter()
                .any(|b| matches!(b, Block::ConceptMark { .. }))
        );
        assert!(doc.outline().contains(&"What stands out?"));
    }

    #[test]
    fn paged_formats_learn_the_draft_mark_the_page_label_and_the_author() {
        let mut s = small();
        s.header.facilitator = "Carla".into();
        let doc = build(&s, &ExportOptions::default());
        assert_eq!(doc.concept_label(), Some("Concept"));
        assert_eq!(doc.page_label(2, 7), "Pagina 2 van 7");
        assert_eq!(
            doc.page_label_parts(),
            ("Pagina ".to_owned(), " van ".to_owned(), String::new())
        );
        assert_eq!(doc.author, "Carla");
        let mut options = ExportOptions {
            author: Some(" Notulist\u{7} ".into()),
            ..ExportOptions::default()
        };
        assert_eq!(build(&s, &options).author, "Notulist");
        options.public = true;
        assert_eq!(
            build(&s, &options).author,
            "",
            "the public variant names nobody"
        );
        s.header.report_final = true;
        s.header.language = Language::En;
        let doc = build(&s, &ExportOptions::default());
        assert_eq!(doc.concept_label(), None);
        assert_eq!(doc.page_label(1, 1), "Page 1 of 1");
    }

    #[test]
    fn headings_and_lead_ins_keep_with_what_follows() {
        let heading = Block::Heading {
            level: 1,
            text: "Wat valt op?".into(),
            section: Section::Synthesis(BlockKind::Observations),
        };
        assert!(heading.keeps_with_next());
        assert!(Block::Paragraph(vec![Span::plain("Maart '18: ")]).keeps_with_next());
        assert!(!Block::Paragraph(vec![Span::plain("Klaar.")]).keeps_with_next());
        assert!(!Block::Note("(Foto ontbreekt)".into()).keeps_with_next());
        let single = ListItem {
            content: vec![Span::plain("START")],
            children: Vec::new(),
        };
        assert!(!single.is_lead_in());
        let with_children = ListItem {
            content: vec![Span::plain("Maart '18:")],
            children: vec![single],
        };
        assert!(with_children.is_lead_in());
    }

    #[test]
    fn private_notes_never_appear() {
        let text = texts(&build(&small(), &ExportOptions::default()));
        assert!(text.contains("Inleiding."));
        assert!(!text.contains("geheim"), "{text}");
        assert!(!text.contains("Geheim"), "{text}");
    }

    #[test]
    fn empty_blocks_are_left_out_but_decisions_and_actions_always_show() {
        let mut s = small();
        s.experiments.clear();
        s.synthesis.observations.bullets = vec![bullet("b-1", "  ", Vec::new())];
        s.synthesis.opportunities.heading = "Kansen".into();
        let doc = build(&s, &ExportOptions::default());
        assert_eq!(doc.outline()[2..], ["Besluiten", "Actiepunten"]);
        let text = texts(&doc);
        assert!(text.contains("Geen besluiten."), "{text}");
        assert!(text.contains("Geen actiepunten."), "{text}");
    }

    fn item(id: &str, title: &str, kind: AgendaKind, block: Option<BlockKind>) -> AgendaItem {
        AgendaItem {
            block,
            ..AgendaItem::new(ItemId::new(id), title, kind, 10)
        }
    }

    #[test]
    fn every_agenda_item_is_a_numbered_section_in_agenda_order() {
        let mut s = small();
        s.synthesis.proposals.bullets = vec![bullet("b-2", "Voorstel", Vec::new())];
        s.organisations.push(org("g", "VNG", OrgKind::Guest));
        s.organisations[1].notes = vec![note("n-8", "De gast vertelt.", Visibility::Report)];
        s.agenda = vec![
            item("i-0", "Opening", AgendaKind::Opening, None),
            AgendaItem {
                presenter: Some(OrgId::new("g")),
                ..item("i-p", "Gastspreker", AgendaKind::Presentation, None)
            },
            item(
                "i-1",
                "Voorstellen",
                AgendaKind::Discussion,
                Some(BlockKind::Proposals),
            ),
            item("i-b", "Pauze", AgendaKind::Break, None),
            item(
                "i-2",
                "Nog eens",
                AgendaKind::Discussion,
                Some(BlockKind::Proposals),
            ),
            item("i-3", "Ronde", AgendaKind::Round, None),
            item(
                "i-4",
                "Besluiten nemen",
                AgendaKind::Discussion,
                Some(BlockKind::Decisions),
            ),
        ];
        s.agenda[4].notes = vec![note("n-9", "Napraten.", Visibility::Projector)];
        let doc = build(&s, &ExportOptions::default());
        assert_eq!(
            doc.outline()[2..],
            [
                "Agenda",
                "1. Opening",
                "2. Gastspreker",
                "3. Voorstellen",
                "Eerste voorstel",
                "4. Nog eens",
                "5. Ronde",
                "M50",
                "6. Besluiten nemen",
                "Besluiten",
                "Wat valt op?",
                "Actiepunten",
            ]
        );
        let text = texts(&doc);
        assert!(
            text.contains("[nog geen aantekeningen]"),
            "an empty item says so: {text}"
        );
        assert!(text.contains("Presentatie door VNG"), "{text}");
        let guest_note = text.find("De gast vertelt.").unwrap();
        let guest_heading = text.find("2. Gastspreker").unwrap();
        assert!(
            guest_note > guest_heading,
            "the guest's note goes with its talk"
        );
        assert!(text.contains("Geen besluiten."), "{text}");
        let agenda = doc
            .blocks
            .iter()
            .find_map(|b| match b {
                Block::Table(t) => Some(t),
                _ => None,
            })
            .expect("the agenda");
        let numbers: Vec<&str> = agenda.rows.iter().map(|r| r[0].as_str()).collect();
        assert_eq!(
            numbers,
            ["1", "2", "3", "", "4", "5", "6"],
            "a break has no number"
        );

        s.header.report_final = true;
        let text = texts(&build(&s, &ExportOptions::default()));
        assert!(text.contains("Geen aantekeningen."), "{text}");
        assert!(!text.contains("[nog geen"), "{text}");
    }

    #[test]
    fn an_open_question_and_a_planned_meeting_appear_once() {
        let mut s = small();
        s.synthesis.proposals.bullets = vec![
            bullet(
                "b-1",
                "Twee bijeenkomsten:",
                vec![bullet(
                    "b-2",
                    "Thorbecke experimenten in juni (eind juni)",
                    Vec::new(),
                )],
            ),
            bullet("b-3", "Wie wil gastgemeente zijn?", Vec::new()),
        ];
        s.synthesis.open_questions.bullets =
            vec![bullet("b-4", "Wie wil gastgemeente zijn", Vec::new())];
        s.synthesis.next_meetings = vec![
            crate::model::NextMeeting {
                id: crate::model::MeetingId::new("m-1"),
                when: Some(PlannedDate::Month {
                    year: 2020,
                    month: 6,
                    part: MonthPart::Late,
                }),
                theme: "Thorbecke experimenten in juni".into(),
                host: None,
            },
            crate::model::NextMeeting {
                id: crate::model::MeetingId::new("m-2"),
                when: Some(PlannedDate::Month {
                    year: 2020,
                    month: 12,
                    part: MonthPart::Any,
                }),
                theme: "The next step".into(),
                host: None,
            },
        ];
        let text = texts(&build(&s, &ExportOptions::default()));
        assert_eq!(
            text.matches("Wie wil gastgemeente zijn").count(),
            1,
            "{text}"
        );
        assert_eq!(
            text.matches("Thorbecke experimenten in juni").count(),
            1,
            "{text}"
        );
        assert!(
            text.contains("december 2020"),
            "a meeting no bullet describes: {text}"
        );
    }

    #[test]
    fn experiments_read_like_the_whiteboard() {
        let doc = build(&small(), &ExportOptions::default());
        let list = doc
            .blocks
            .iter()
            .find_map(|b| match b {
                Block::Bullets(items) => Some(items),
                _ => None,
            })
            .expect("a list");
        assert_eq!(
            list[0].content,
            [
                Span::plain("⊗ "),
                Span::plain("Maaltijd "),
                Span::new("Zeist", SpanStyle::Emphasis)
            ]
        );
        assert_eq!(
            list[0].children[0].content,
            [
                Span::new("gesprek", SpanStyle::Strong),
                Span::new(" #raad", SpanStyle::Emphasis)
            ]
        );
    }

    #[test]
    fn planned_months_and_owners_are_written_out() {
        let mut s = small();
        s.synthesis.next_meetings = vec![crate::model::NextMeeting {
            id: crate::model::MeetingId::new("m"),
            when: Some(PlannedDate::Month {
                year: 2020,
                month: 6,
                part: MonthPart::Late,
            }),
            theme: "Thorbecke".into(),
            host: Some(OrgId::new("a")),
        }];
        s.synthesis.actions = vec![Action {
            id: ActionId::new("x"),
            text: "Polsen".into(),
            owner: Some(Owner::Name("Deelnemers".into())),
            due: None,
            status: ActionStatus::Done,
            from: None,
        }];
        let text = texts(&build(&s, &ExportOptions::default()));
        assert!(text.contains("eind juni 2020"), "{text}");
        assert!(text.contains("gastgemeente: Zeist"), "{text}");
        assert!(text.contains("\"Deelnemers\", \"\", \"gedaan\""), "{text}");
        s.header.language = Language::En;
        let text = texts(&build(&s, &ExportOptions::default()));
        assert!(text.contains("end of June 2020"), "{text}");
    }

    #[test]
    fn agenda_times_run_from_the_start_time() {
        let mut s = small();
        s.header.start_time = chrono::NaiveTime::from_hms_opt(13, 30, 0);
        let mut item = AgendaItem::new(ItemId::new("i"), "Opening", AgendaKind::Opening, 40);
        s.agenda = vec![item.clone()];
        item.id = ItemId::new("j");
        item.actual_start =
            chrono::NaiveDate::from_ymd_opt(2020, 2, 4).and_then(|d| d.and_hms_opt(14, 15, 0));
        s.agenda.push(item);
        let doc = build(&s, &ExportOptions::default());
        let table = doc
            .blocks
            .iter()
            .find_map(|b| match b {
                Block::Table(t) => Some(t),
                _ => None,
            })
            .expect("the agenda");
        assert_eq!(table.rows[0], ["1", "13:30–14:10", "Opening", ""]);
        assert_eq!(table.rows[1], ["2", "14:10–14:50", "Opening", "14:15–"]);
    }

    fn fact<'a>(doc: &'a Document, label: &str) -> Option<&'a str> {
        doc.blocks.iter().find_map(|b| match b {
            Block::Facts(facts) => facts
                .iter()
                .find(|f| f.label == label)
                .map(|f| f.value.as_str()),
            _ => None,
        })
    }

    #[test]
    fn the_kop_shows_placeholders_in_the_concept_only() {
        let mut s = small();
        s.header.note_taker = "Piet".into();
        let doc = build(&s, &ExportOptions::default());
        assert_eq!(fact(&doc, "Plaats"), Some("[plaats]"));
        assert_eq!(fact(&doc, "Tijd"), Some("[tijd]"));
        assert_eq!(fact(&doc, "Gastgemeente"), Some("[gastgemeente]"));
        assert_eq!(fact(&doc, "Gespreksleider"), Some("[gespreksleider]"));
        assert_eq!(fact(&doc, "Notulist"), Some("Piet"));
        assert_eq!(
            fact(&doc, "Voorzitter"),
            None,
            "the facilitator chairs when no chair is named"
        );
        s.header.report_final = true;
        let doc = build(&s, &ExportOptions::default());
        assert_eq!(fact(&doc, "Plaats"), None);
        assert_eq!(fact(&doc, "Notulist"), Some("Piet"));
    }

    #[test]
    fn attendance_per_municipality_present_and_absent() {
        use crate::model::{Attendance, Participant, ParticipantId};
        let mut s = small();
        s.organisations
            .push(org("b", "Lochem", OrgKind::Municipality));
        s.organisations
            .push(org("c", "Coevorden", OrgKind::Municipality));
        s.organisations.push(org("g", "VNG", OrgKind::Guest));
        s.organisations[3].attendance = Attendance::Present;
        s.organisations[2].attendance = Attendance::Absent;
        let p = |id: &str, name: &str, o: &str, present: bool| Participant {
            id: ParticipantId::new(id),
            name: name.into(),
            organisation: Some(OrgId::new(o)),
            role: if id == "p-1" {
                "griffier".into()
            } else {
                String::new()
            },
            present,
        };
        s.participants = vec![
            p("p-1", "Anna de Vries", "a", true),
            p("p-2", "Bram Bakker", "b", true),
            p("p-3", "Dirk Smit", "b", false),
        ];
        let doc = build(&s, &ExportOptions::default());
        assert_eq!(
            fact(&doc, "Aanwezig"),
            Some("Zeist: Anna de Vries (griffier); Lochem: Bram Bakker; VNG (gast)")
        );
        assert_eq!(fact(&doc, "Afwezig"), Some("Lochem: Dirk Smit; Coevorden"));
        assert_eq!(
            fact(&doc, "Deelnemers"),
            Some("2 deelnemers van 2 gemeenten")
        );
        let public = build(&s, &ExportOptions::new(true));
        assert_eq!(
            fact(&public, "Aanwezig"),
            Some("Zeist (1), Lochem (1), VNG (gast)")
        );
        assert_eq!(fact(&public, "Afwezig"), Some("Lochem (1), Coevorden"));
        let text = texts(&public);
        for name in ["Anna", "Bram", "Dirk", "griffier"] {
            assert!(!text.contains(name), "{name} in {text}");
        }
    }
}
