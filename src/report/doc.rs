//! The report as a list of blocks, built once from a session and the export
//! options; the DOCX, HTML and Markdown writers each lay out this one list.
//!
//! Everything that decides *what* the report says happens here: the order of
//! the sections (the agenda's order, so the sample reads like the seed
//! meeting's report), the session's language for headings and dates,
//! leaving out private notes and empty sections, cleaning control
//! characters, and the public variant's name filter.

use std::collections::HashSet;

use crate::i18n::{self, Language, T, tr, trf};
use crate::model::{
    ActionStatus, AgendaItem, AgendaKind, Attachment, BlockKind, Bullet, Experiment, ItemId,
    Keyword, MonthPart, Note, Owner, PlannedDate, Session,
};

use super::ExportOptions;
use super::images::{self, ImageData, ImageProblem};
use super::redact::Redactor;
use super::text::clean;

/// The mark before an experiment's title, as on the seed's whiteboard.
pub const EXPERIMENT_MARK: &str = "⊗";

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
    /// The day of the meeting, when known (the DOCX's creation date).
    pub date: Option<chrono::NaiveDate>,
    /// The content, in reading order.
    pub blocks: Vec<Block>,
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

/// Builds the report of `session` with `options`.
#[must_use]
pub fn build(session: &Session, options: &ExportOptions) -> Document {
    let lang = session.header.language;
    let mut builder = Builder {
        session,
        options,
        lang,
        redactor: options.public.then(|| Redactor::for_session(session, lang)),
        blocks: Vec::new(),
        experiments_done: false,
        since_done: false,
        blocks_done: HashSet::new(),
        photos_done: HashSet::new(),
    };
    let title = builder.title_and_header();
    builder.intro();
    builder.agenda();
    for item in &session.agenda {
        builder.item(item);
    }
    // What no agenda item reached, in the order of the report's outline.
    builder.experiments(&[]);
    builder.since_last_time();
    builder.remaining_photos();
    for kind in [
        BlockKind::Observations,
        BlockKind::Opportunities,
        BlockKind::FollowUp,
        BlockKind::Proposals,
        BlockKind::Decisions,
    ] {
        builder.synthesis_block(kind, &[]);
    }
    builder.actions();
    builder.synthesis_block(BlockKind::OpenQuestions, &[]);
    builder.next_meetings();
    Document {
        lang,
        title,
        date: session.header.date,
        blocks: builder.blocks,
    }
}

struct Builder<'a> {
    session: &'a Session,
    options: &'a ExportOptions,
    lang: Language,
    redactor: Option<Redactor>,
    blocks: Vec<Block>,
    experiments_done: bool,
    since_done: bool,
    blocks_done: HashSet<BlockKind>,
    photos_done: HashSet<usize>,
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

impl Builder<'_> {
    /// User text, cleaned of control characters and, in the public variant,
    /// of participant names.
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

    /// The title, subtitle, draft mark and facts; returns the document title.
    fn title_and_header(&mut self) -> String {
        let header = &self.session.header;
        let subject = [header.theme.trim(), header.network.trim()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        let meeting = self.text(header.title.trim());
        let date = header.date.map(|d| i18n::format_date(self.lang, d));
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
        if !header.report_final {
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

    fn facts(&self) -> Vec<Fact> {
        let session = self.session;
        let header = &session.header;
        let mut facts = Vec::new();
        let mut fact = |key: T, value: String| {
            if !value.trim().is_empty() {
                facts.push(Fact {
                    label: self.tr(key),
                    value,
                });
            }
        };
        fact(T::ReportNetwork, self.text(header.network.trim()));
        fact(T::ReportTheme, self.text(header.theme.trim()));
        if let Some(date) = header.date {
            fact(T::ReportDate, i18n::format_date(self.lang, date));
        }
        let time = match (header.start_time, header.end_time) {
            (Some(start), Some(end)) => {
                format!("{}–{}", start.format("%H:%M"), end.format("%H:%M"))
            }
            (Some(start), None) => start.format("%H:%M").to_string(),
            (None, Some(end)) => format!("–{}", end.format("%H:%M")),
            (None, None) => String::new(),
        };
        fact(T::ReportTime, time);
        fact(T::ReportLocation, self.text(header.location.trim()));
        if let Some(host) = &header.host {
            fact(T::ReportHost, self.text(session.organisation_name(host)));
        }
        // The facilitator is a person: not in the public variant.
        if !self.options.public {
            fact(T::ReportFacilitator, self.text(header.facilitator.trim()));
        }
        fact(T::ReportParticipants, self.participant_summary());
        let municipalities: Vec<String> = session
            .municipalities()
            .map(|o| self.text(o.name.trim()))
            .filter(|n| !n.is_empty())
            .collect();
        fact(T::ReportMunicipalities, municipalities.join(", "));
        let guests: Vec<String> = session
            .guests()
            .map(|o| self.text(o.name.trim()))
            .filter(|n| !n.is_empty())
            .collect();
        fact(T::ReportGuests, guests.join(", "));
        fact(T::ReportPresent, self.present());
        facts
    }

    /// "24 deelnemers van 12 gemeenten".
    fn participant_summary(&self) -> String {
        let count = |one: T, many: T, n: usize| {
            self.trf(if n == 1 { one } else { many }, &[("n", &n.to_string())])
        };
        let municipalities = self.session.municipalities().count();
        let places = (municipalities > 0).then(|| {
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
            (None, _) => String::new(),
        }
    }

    /// The named participants who were present: "Name (Organisation, role)",
    /// or in the public variant only their organisations, with a count.
    fn present(&self) -> String {
        let session = self.session;
        let present = session.participants.iter().filter(|p| p.present);
        if self.options.public {
            let mut orgs: Vec<(String, usize)> = Vec::new();
            for p in present {
                let org = p.organisation.as_ref().map_or_else(
                    || self.tr(T::ReportParticipantWord),
                    |o| self.text(session.organisation_name(o)),
                );
                match orgs.iter_mut().find(|(name, _)| *name == org) {
                    Some((_, n)) => *n += 1,
                    None => orgs.push((org, 1)),
                }
            }
            orgs.into_iter()
                .map(|(org, n)| if n == 1 { org } else { format!("{org} ({n})") })
                .collect::<Vec<_>>()
                .join(", ")
        } else {
            present
                .filter(|p| !p.name.trim().is_empty())
                .map(|p| {
                    let details: Vec<String> = p
                        .organisation
                        .as_ref()
                        .map(|o| self.text(session.organisation_name(o)))
                        .into_iter()
                        .chain(Some(self.text(p.role.trim())))
                        .filter(|d| !d.is_empty())
                        .collect();
                    let name = self.text(p.name.trim());
                    if details.is_empty() {
                        name
                    } else {
                        format!("{name} ({})", details.join(", "))
                    }
                })
                .collect::<Vec<_>>()
                .join(", ")
        }
    }

    /// The session's notes (the introduction), then each organisation's
    /// (such as the guest's paragraph).
    fn intro(&mut self) {
        let session = self.session;
        self.paragraphs(&report_notes(&session.notes));
        for org in &session.organisations {
            self.paragraphs(&report_notes(&org.notes));
        }
    }

    fn agenda(&mut self) {
        let session = self.session;
        if session.agenda.is_empty() {
            return;
        }
        let start = session.header.start_time.map(|t| {
            u64::from(chrono::Timelike::hour(&t)) * 60 + u64::from(chrono::Timelike::minute(&t))
        });
        let with_actual = session
            .agenda
            .iter()
            .any(|i| i.actual_start.is_some() || i.actual_end.is_some());
        let mut header = vec![
            self.tr(T::ReportAgendaPlanned),
            self.tr(T::ReportAgendaItem),
        ];
        if with_actual {
            header.push(self.tr(T::ReportAgendaActual));
        }
        let mut elapsed = 0u64;
        let mut rows = Vec::new();
        for (number, item) in session.agenda.iter().enumerate() {
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
            let mut row = vec![planned, self.agenda_title(item, number)];
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

    /// The item's title in the agenda, with its presenter after it ("Het
    /// krachtenveld (VNG)") unless the title names them already.
    fn agenda_title(&self, item: &AgendaItem, index: usize) -> String {
        let title = self.item_title(item, index);
        let presenter = item
            .presenter
            .as_ref()
            .and_then(|id| self.session.organisation(id))
            .map(|org| self.text(org.name.trim()))
            .filter(|name| !name.is_empty() && !title.contains(name.as_str()));
        match presenter {
            Some(name) => format!("{title} ({name})"),
            None => title,
        }
    }

    /// What one agenda item produced: the experiments for a round, its
    /// synthesis block, or its notes under its own title; then its photos.
    fn item(&mut self, item: &AgendaItem) {
        let mut notes = report_notes(&item.notes);
        let before = self.blocks.len();
        if (item.kind == AgendaKind::Round || item.round.is_some()) && !self.experiments_done {
            self.experiments(&notes);
            if self.experiments_done {
                notes.clear();
            }
        }
        if let Some(kind) = item.block
            && !self.blocks_done.contains(&kind)
        {
            self.synthesis_block(kind, &notes);
            if self.blocks_done.contains(&kind) {
                notes.clear();
            }
        }
        if !notes.is_empty() {
            let index = self
                .session
                .agenda
                .iter()
                .position(|i| i.id == item.id)
                .unwrap_or_default();
            self.heading(1, self.item_title(item, index), Section::Item);
            self.paragraphs(&notes);
        }
        if self.blocks.len() > before {
            self.photos_of(Some(&item.id));
        }
    }

    /// The experiments, as on the whiteboard: "⊗ Title *Municipality*" with
    /// the keywords as sub-bullets. Left out when there are none.
    fn experiments(&mut self, notes: &[&Note]) {
        if self.experiments_done {
            return;
        }
        let items: Vec<ListItem> = self
            .session
            .experiments
            .iter()
            .filter_map(|e| self.experiment(e))
            .collect();
        if items.is_empty() && notes.is_empty() {
            return;
        }
        self.experiments_done = true;
        self.heading(1, self.tr(T::ReportExperiments), Section::Experiments);
        self.paragraphs(notes);
        if items.is_empty() {
            return;
        }
        let network = self.text(self.session.header.network.trim());
        if !network.is_empty() {
            self.heading(2, network, Section::Network);
        }
        self.blocks.push(Block::Bullets(items));
        self.since_last_time();
    }

    /// For a follow-up: each municipality's experiment of last time beside
    /// this meeting's, right after the experiments. A kick-off has none.
    fn since_last_time(&mut self) {
        let Some(previous) = &self.session.previous else {
            return;
        };
        if self.since_done || previous.experiments.is_empty() {
            return;
        }
        let date = previous.date.map_or_else(
            || self.tr(T::SeriesPreviousMeeting),
            |d| i18n::format_date(self.lang, d),
        );
        let summary = |title: &str, keywords: &[String]| {
            let mut text = self.text(title.trim());
            let keywords: Vec<String> = keywords
                .iter()
                .map(|k| self.text(k.trim()))
                .filter(|k| !k.is_empty())
                .collect();
            if !keywords.is_empty() {
                text = format!("{text} ({})", keywords.join(", "));
            }
            text
        };
        let mut items = Vec::new();
        for org in self.session.municipalities() {
            let then: Vec<_> = self.session.previous_experiments_of(&org.id).collect();
            if then.is_empty() {
                continue;
            }
            let mut children: Vec<ListItem> = then
                .iter()
                .map(|e| ListItem {
                    content: vec![Span::plain(self.trf(
                        T::SeriesThen,
                        &[("date", &date), ("title", &summary(&e.title, &e.keywords))],
                    ))],
                    children: Vec::new(),
                })
                .collect();
            let now: Vec<_> = self.session.experiments_of(&org.id).collect();
            if now.is_empty() {
                children.push(ListItem {
                    content: vec![Span::plain(self.tr(T::SeriesNoExperimentNow))],
                    children: Vec::new(),
                });
            }
            for e in now {
                let keywords: Vec<String> = e.keywords.iter().map(|k| k.text.clone()).collect();
                children.push(ListItem {
                    content: vec![Span::plain(
                        self.trf(T::SeriesNow, &[("title", &summary(&e.title, &keywords))]),
                    )],
                    children: Vec::new(),
                });
            }
            items.push(ListItem {
                content: vec![Span::new(self.text(&org.name), SpanStyle::Emphasis)],
                children,
            });
        }
        self.since_done = true;
        if items.is_empty() {
            return;
        }
        self.heading(1, self.tr(T::SeriesSinceLastTime), Section::SinceLastTime);
        self.blocks.push(Block::Bullets(items));
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

    /// A synthesis block under its own heading (or the standard one), with
    /// the notes of the agenda item that filled it. Left out when empty.
    fn synthesis_block(&mut self, kind: BlockKind, notes: &[&Note]) {
        if self.blocks_done.contains(&kind) {
            return;
        }
        let block = self.session.synthesis.block(kind);
        let bullets = self.bullets(&block.bullets);
        if bullets.is_empty() && notes.is_empty() {
            return;
        }
        self.blocks_done.insert(kind);
        let heading = self.text(block.heading.trim());
        let heading = if heading.is_empty() {
            self.tr(match kind {
                BlockKind::Observations => T::ReportObservations,
                BlockKind::Opportunities => T::ReportOpportunities,
                BlockKind::FollowUp => T::ReportFollowUp,
                BlockKind::Proposals => T::ReportProposals,
                BlockKind::Decisions => T::ReportDecisions,
                BlockKind::OpenQuestions => T::ReportOpenQuestions,
            })
        } else {
            heading
        };
        self.heading(1, heading, Section::Synthesis(kind));
        self.paragraphs(notes);
        if !bullets.is_empty() {
            self.blocks.push(Block::Bullets(bullets));
        }
    }

    /// Bullets with text or sub-bullets; empty ones are left out.
    fn bullets(&self, bullets: &[Bullet]) -> Vec<ListItem> {
        bullets
            .iter()
            .filter_map(|b| {
                let text = self.text(b.text.trim());
                let children = self.bullets(&b.children);
                if text.is_empty() && children.is_empty() {
                    return None;
                }
                let mut content = vec![Span::plain(text)];
                content.extend(self.tags(&b.tags));
                Some(ListItem { content, children })
            })
            .collect()
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
        for (index, attachment) in attachments {
            self.photos_done.insert(index);
            let block = self.figure(attachment);
            self.blocks.push(block);
        }
    }

    fn figure(&self, attachment: &Attachment) -> Block {
        let path = self.text(&attachment.path);
        match images::load(self.options.session_dir.as_deref(), &attachment.path) {
            Ok(image) => {
                let caption = self.text(attachment.caption.trim());
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
                let key = match problem {
                    ImageProblem::NoFolder => T::ReportPhotoNotIncluded,
                    ImageProblem::Unreadable => T::ReportPhotoMissing,
                    ImageProblem::Unsupported => T::ReportPhotoUnsupported,
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
            let block = self.figure(&self.session.attachments[index]);
            self.blocks.push(block);
        }
    }

    /// The action list as a table: what, who, when, status.
    fn actions(&mut self) {
        let session = self.session;
        let rows: Vec<Vec<String>> = session
            .synthesis
            .actions
            .iter()
            .filter(|a| !a.text.trim().is_empty())
            .map(|a| {
                vec![
                    self.text(a.text.trim()),
                    a.owner.as_ref().map(|o| self.owner(o)).unwrap_or_default(),
                    a.due
                        .map(|d| i18n::format_date(self.lang, d))
                        .unwrap_or_default(),
                    self.tr(match a.status {
                        ActionStatus::Open => T::ReportStatusOpen,
                        ActionStatus::Done => T::ReportStatusDone,
                        ActionStatus::Dropped => T::ReportStatusDropped,
                    }),
                ]
            })
            .collect();
        if rows.is_empty() {
            return;
        }
        self.heading(1, self.tr(T::ReportActions), Section::Actions);
        self.blocks.push(Block::Table(Table {
            section: Section::Actions,
            header: vec![
                self.tr(T::ReportActionWhat),
                self.tr(T::ReportActionWho),
                self.tr(T::ReportActionWhen),
                self.tr(T::ReportActionStatus),
            ],
            rows,
        }));
    }

    /// Who owns an action; in the public variant a person is shown as their
    /// organisation.
    fn owner(&self, owner: &Owner) -> String {
        let session = self.session;
        match owner {
            Owner::Organisation(org) => self.text(session.organisation_name(org)),
            Owner::Participant(id) => {
                let person = session.participants.iter().find(|p| &p.id == id);
                if self.options.public {
                    person.and_then(|p| p.organisation.as_ref()).map_or_else(
                        || self.tr(T::ReportParticipantWord),
                        |o| self.text(session.organisation_name(o)),
                    )
                } else {
                    person.map_or_else(|| self.text(id.as_str()), |p| self.text(p.name.trim()))
                }
            }
            Owner::Name(name) => match &self.redactor {
                Some(redactor) => redactor
                    .replacement(name)
                    .map_or_else(|| self.text(name.trim()), str::to_owned),
                None => self.text(name.trim()),
            },
        }
    }

    /// The planned meetings: when, theme and host.
    fn next_meetings(&mut self) {
        let session = self.session;
        let items: Vec<ListItem> = session
            .synthesis
            .next_meetings
            .iter()
            .filter_map(|m| {
                let when = m.when.map(|w| self.planned_date(w));
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
        if items.is_empty() {
            return;
        }
        self.heading(1, self.tr(T::ReportNextMeetings), Section::NextMeetings);
        self.blocks.push(Block::Bullets(items));
    }

    /// "4 februari 2020", "eind juni 2020", "December 2020".
    fn planned_date(&self, when: PlannedDate) -> String {
        match when {
            PlannedDate::Day(date) => i18n::format_date(self.lang, date),
            PlannedDate::Month { year, month, part } => {
                let month = i18n::month_name(self.lang, month);
                let key = match part {
                    MonthPart::Any => T::ReportMonthAny,
                    MonthPart::Early => T::ReportMonthEarly,
                    MonthPart::Mid => T::ReportMonthMid,
                    MonthPart::Late => T::ReportMonthLate,
                };
                self.trf(key, &[("month", month), ("year", &year.to_string())])
                    .trim()
                    .to_owned()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        Action, ActionId, AgendaItem, BulletId, ExperimentId, Header, KeywordId, NoteId, OrgId,
        OrgKind, Organisation, Visibility,
    };

    fn org(id: &str, name: &str, kind: OrgKind) -> Organisation {
        Organisation {
            id: OrgId::new(id),
            name: name.into(),
            kind,
            notes: Vec::new(),
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
    fn private_notes_never_appear() {
        let text = texts(&build(&small(), &ExportOptions::default()));
        assert!(text.contains("Inleiding."));
        assert!(!text.contains("geheim"), "{text}");
        assert!(!text.contains("Geheim"), "{text}");
    }

    #[test]
    fn empty_sections_are_left_out() {
        let mut s = small();
        s.experiments.clear();
        s.synthesis.observations.bullets = vec![bullet("b-1", "  ", Vec::new())];
        s.synthesis.opportunities.heading = "Kansen".into();
        let doc = build(&s, &ExportOptions::default());
        let outline = doc.outline();
        assert_eq!(outline.len(), 2, "{outline:?}");
    }

    #[test]
    fn agenda_items_decide_the_order_and_each_section_comes_once() {
        let mut s = small();
        let item = |id: &str, title: &str, block: Option<BlockKind>| AgendaItem {
            id: ItemId::new(id),
            title: title.into(),
            kind: AgendaKind::Discussion,
            planned_minutes: 10,
            presenter: None,
            block,
            notes: Vec::new(),
            round: None,
            actual_start: None,
            actual_end: None,
        };
        s.synthesis.proposals.bullets = vec![bullet("b-2", "Voorstel", Vec::new())];
        s.agenda = vec![
            item("i-1", "Voorstellen", Some(BlockKind::Proposals)),
            item("i-2", "Nog eens", Some(BlockKind::Proposals)),
            AgendaItem {
                kind: AgendaKind::Round,
                ..item("i-3", "Ronde", None)
            },
        ];
        s.agenda[1].notes = vec![note("n-9", "Napraten.", Visibility::Projector)];
        let doc = build(&s, &ExportOptions::default());
        let outline = doc.outline();
        assert_eq!(
            outline[2..],
            [
                "Agenda",
                "Eerste voorstel",
                "Nog eens",
                "De experimenten en ervaringen vanuit de verschillende gemeenten",
                "M50",
                "Wat valt op?"
            ]
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
        assert_eq!(table.rows[0], ["13:30–14:10", "Opening", ""]);
        assert_eq!(table.rows[1], ["14:10–14:50", "Opening", "14:15–"]);
    }

    #[test]
    fn the_agenda_names_a_presenter_the_title_does_not_name() {
        let mut s = small();
        s.organisations.push(org("vng", "VNG", OrgKind::Guest));
        let mut talk = AgendaItem::new(ItemId::new("t"), "Thorbecke", AgendaKind::Presentation, 20);
        talk.presenter = Some(OrgId::new("vng"));
        let mut named = talk.clone();
        named.id = ItemId::new("u");
        named.title = "VNG: Thorbecke".into();
        s.agenda = vec![talk, named];
        let doc = build(&s, &ExportOptions::default());
        let table = doc
            .blocks
            .iter()
            .find_map(|b| match b {
                Block::Table(t) => Some(t),
                _ => None,
            })
            .expect("the agenda");
        assert_eq!(table.rows[0][1], "Thorbecke (VNG)");
        assert_eq!(table.rows[1][1], "VNG: Thorbecke");
    }
}
