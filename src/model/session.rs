//! The session: everything said and decided in one learning-circle meeting.
//!
//! Field order here is the field order in the JSON file, so keep it stable:
//! diffs of session files stay readable.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::ids::{
    ActionId, AttachmentId, BulletId, ExperimentId, ItemId, KeywordId, MeetingId, NoteId, OrgId,
    ParticipantId,
};
use super::themes::ThemeChoices;

/// The version of the file format this build writes. Separate from the
/// crate version: it changes only when the JSON changes shape.
pub const FORMAT_VERSION: u32 = 1;

/// One learning-circle meeting, as saved in a session file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Session {
    /// The file format version; always [`FORMAT_VERSION`] when written by this build.
    pub format_version: u32,
    /// Title, date, place and the other facts at the top of the report.
    pub header: Header,
    /// For a follow-up meeting: the session before it, and what was carried from it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous: Option<super::series::PreviousSession>,
    /// Session-level notes, such as the introduction under the report's header.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
    /// The participating municipalities and guest organisations.
    pub organisations: Vec<Organisation>,
    /// Named participants; may be empty when only a count is known.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub participants: Vec<Participant>,
    /// The agenda, in running order.
    pub agenda: Vec<AgendaItem>,
    /// The experiments, in whiteboard order (zero or more per organisation).
    pub experiments: Vec<Experiment>,
    /// What the group concluded together.
    pub synthesis: Synthesis,
    /// Photos of flip charts and posters.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<Attachment>,
    /// What the facilitator decided about the shared themes.
    #[serde(skip_serializing_if = "ThemeChoices::is_empty")]
    pub themes: ThemeChoices,
    /// What phones in the room sent, waiting for the facilitator or decided.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub inbox: Vec<super::inbox::Submission>,
    /// The votes the room held, with their results.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub votes: Vec<super::vote::Vote>,
}

impl Default for Session {
    fn default() -> Self {
        Self {
            format_version: FORMAT_VERSION,
            header: Header::default(),
            previous: None,
            notes: Vec::new(),
            organisations: Vec::new(),
            participants: Vec::new(),
            agenda: Vec::new(),
            experiments: Vec::new(),
            synthesis: Synthesis::default(),
            attachments: Vec::new(),
            themes: ThemeChoices::default(),
            inbox: Vec::new(),
            votes: Vec::new(),
        }
    }
}

/// The language a session is held in; its report uses the same language.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// Dutch.
    #[default]
    Nl,
    /// English.
    En,
}

impl Language {
    /// Every language, in menu order.
    pub const ALL: [Language; 2] = [Language::Nl, Language::En];

    /// The ISO 639-1 code ("nl", "en").
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Language::Nl => "nl",
            Language::En => "en",
        }
    }
}

/// The facts at the top of the report.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Header {
    /// The meeting's title, shown in the window title and on the report.
    pub title: String,
    /// The network the municipalities belong to, e.g. "M50".
    pub network: String,
    /// The network's theme, e.g. "Democratische vernieuwing".
    pub theme: String,
    /// The day of the meeting.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// Planned start time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_time: Option<NaiveTime>,
    /// Planned end time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_time: Option<NaiveTime>,
    /// Where the meeting takes place.
    pub location: String,
    /// The hosting organisation, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host: Option<OrgId>,
    /// Who leads the meeting (the facilitator, "gespreksleider").
    pub facilitator: String,
    /// Who chairs the meeting ("voorzitter"), when that is not the facilitator.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub chair: String,
    /// Who takes the notes ("notulist").
    #[serde(skip_serializing_if = "String::is_empty")]
    pub note_taker: String,
    /// The session's language (headings and dates of the report follow it).
    pub language: Language,
    /// The number of participants, set by hand when no attendees are named.
    /// Ignored when named participants are present: then the count is derived.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub participant_count: Option<u32>,
    /// Whether the facilitator marked the report final (until then it is a draft, "concept").
    pub report_final: bool,
}

/// Who may see a note.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Visibility {
    /// Only the facilitator: never projected, never exported.
    Private,
    /// In the report, not on the projector.
    #[default]
    Report,
    /// On the projector and in the report.
    Projector,
}

impl Visibility {
    /// Whether a note with this visibility belongs in the report.
    #[must_use]
    pub fn in_report(self) -> bool {
        matches!(self, Visibility::Report | Visibility::Projector)
    }

    /// Whether a note with this visibility may be shown on the projector.
    #[must_use]
    pub fn on_projector(self) -> bool {
        matches!(self, Visibility::Projector)
    }
}

/// A paragraph of free text with its visibility.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Note {
    /// Stable id.
    pub id: NoteId,
    /// The text; line breaks are kept.
    pub text: String,
    /// Who may see it.
    #[serde(default)]
    pub visibility: Visibility,
}

/// Whether an organisation is a member municipality or a guest.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum OrgKind {
    /// A participating municipality: it gets a card on the whiteboard and a turn in the round.
    #[default]
    Municipality,
    /// A guest organisation (e.g. VNG): it may present, but is not in the round.
    Guest,
}

/// A participating municipality or guest organisation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Organisation {
    /// Stable id.
    pub id: OrgId,
    /// The name as the organisation writes it, e.g. "Etten-Leur".
    pub name: String,
    /// Municipality or guest.
    #[serde(default)]
    pub kind: OrgKind,
    /// Notes about this organisation, e.g. a guest's own paragraph in the report.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
    /// Whether the organisation attended, as recorded for the organisation
    /// itself; named participants of the organisation decide instead when
    /// there are any (see [`Session::attended`]).
    #[serde(default, skip_serializing_if = "Attendance::is_unknown")]
    pub attendance: Attendance,
}

/// Whether an organisation attended the meeting.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Attendance {
    /// Not recorded.
    #[default]
    Unknown,
    /// Someone of the organisation was there.
    Present,
    /// Nobody of the organisation was there.
    Absent,
}

impl Attendance {
    /// Every value, in menu order.
    pub const ALL: [Attendance; 3] = [Attendance::Unknown, Attendance::Present, Attendance::Absent];

    /// Whether nothing is recorded.
    #[must_use]
    #[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference.
    pub fn is_unknown(&self) -> bool {
        *self == Attendance::Unknown
    }
}

/// A named participant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Participant {
    /// Stable id.
    pub id: ParticipantId,
    /// Full name.
    pub name: String,
    /// The organisation they represent, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<OrgId>,
    /// Their role, e.g. "raadsgriffier".
    #[serde(default)]
    pub role: String,
    /// Whether they attended.
    #[serde(default = "yes")]
    pub present: bool,
}

fn yes() -> bool {
    true
}

/// What kind of agenda item this is; the console and projector adapt to it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum AgendaKind {
    /// Welcome and introductions.
    Opening,
    /// A round past the municipalities, each with a speaker countdown.
    Round,
    /// Someone presents.
    Presentation,
    /// An open discussion.
    #[default]
    Discussion,
    /// The group's synthesis (what stands out, opportunities, …).
    Synthesis,
    /// A break.
    Break,
    /// Closing and next steps.
    Closing,
}

impl AgendaKind {
    /// Every kind, in menu order.
    pub const ALL: [AgendaKind; 7] = [
        AgendaKind::Opening,
        AgendaKind::Round,
        AgendaKind::Presentation,
        AgendaKind::Discussion,
        AgendaKind::Synthesis,
        AgendaKind::Break,
        AgendaKind::Closing,
    ];
}

/// One item on the agenda.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AgendaItem {
    /// Stable id.
    pub id: ItemId,
    /// The item's title.
    pub title: String,
    /// What kind of item it is.
    #[serde(default)]
    pub kind: AgendaKind,
    /// Planned duration in minutes.
    #[serde(default)]
    pub planned_minutes: u32,
    /// The organisation that presents this item, if any (e.g. a guest).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub presenter: Option<OrgId>,
    /// The synthesis block this item fills, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub block: Option<BlockKind>,
    /// What this item produced, and the facilitator's own notes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
    /// The round past the municipalities, for a round item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub round: Option<Round>,
    /// When the item actually started (local wall-clock time).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual_start: Option<NaiveDateTime>,
    /// When the item actually ended (local wall-clock time).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual_end: Option<NaiveDateTime>,
}

impl AgendaItem {
    /// An item with nothing recorded yet: no presenter, block, notes, round or times.
    #[must_use]
    pub fn new(
        id: ItemId,
        title: impl Into<String>,
        kind: AgendaKind,
        planned_minutes: u32,
    ) -> Self {
        Self {
            id,
            title: title.into(),
            kind,
            planned_minutes,
            presenter: None,
            block: None,
            notes: Vec::new(),
            round: None,
            actual_start: None,
            actual_end: None,
        }
    }
}

/// The round past the municipalities in a round item.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Round {
    /// The default speaking time per municipality, in minutes.
    pub speaker_minutes: u32,
    /// The speaking order.
    pub speakers: Vec<Speaker>,
}

/// One turn in a round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Speaker {
    /// The municipality whose turn it is.
    pub organisation: OrgId,
    /// Waiting, done or skipped.
    #[serde(default)]
    pub status: SpeakerStatus,
    /// The speaking time actually used, in seconds.
    #[serde(default)]
    pub airtime_seconds: u32,
}

/// Where a speaker is in the round.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum SpeakerStatus {
    /// Not yet spoken.
    #[default]
    Waiting,
    /// Has spoken.
    Done,
    /// Passed over.
    Skipped,
}

/// What a municipality (or guest) brought to the meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Experiment {
    /// Stable id.
    pub id: ExperimentId,
    /// The organisation that brought it.
    pub organisation: OrgId,
    /// The experiment's title, as on its card.
    pub title: String,
    /// The keywords on its card, in order.
    #[serde(default)]
    pub keywords: Vec<Keyword>,
    /// Notes on the experiment.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
}

/// One keyword on an experiment card.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Keyword {
    /// Stable id.
    pub id: KeywordId,
    /// The text exactly as written.
    pub text: String,
    /// Theme tags (without the `#`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Whether the facilitator highlighted it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub highlighted: bool,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference.
fn is_false(value: &bool) -> bool {
    !*value
}

/// The synthesis blocks the group fills together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    /// "Wat valt op?"
    Observations,
    /// "Waar liggen de kansen?"
    Opportunities,
    /// "Vervolg"
    FollowUp,
    /// "Eerste voorstel"
    Proposals,
    /// Decisions ("Besluiten").
    Decisions,
    /// Open questions ("Open vragen").
    OpenQuestions,
}

impl BlockKind {
    /// Every bullet block, in report order.
    pub const ALL: [BlockKind; 6] = [
        BlockKind::Observations,
        BlockKind::Opportunities,
        BlockKind::FollowUp,
        BlockKind::Proposals,
        BlockKind::Decisions,
        BlockKind::OpenQuestions,
    ];
}

/// A block of nested bullets with an optional heading of its own.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct BulletBlock {
    /// A heading that replaces the standard one (e.g. "Vervolg M50 verband?"); empty for the standard heading.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub heading: String,
    /// The bullets, each with its own sub-bullets.
    pub bullets: Vec<Bullet>,
}

/// A bullet with sub-bullets to any depth.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Bullet {
    /// Stable id.
    pub id: BulletId,
    /// The text exactly as said or written.
    pub text: String,
    /// Theme tags (without the `#`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Sub-bullets.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Bullet>,
}

/// What the group concluded: the blocks of the report after the experiments.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Synthesis {
    /// "Wat valt op?"
    pub observations: BulletBlock,
    /// "Waar liggen de kansen?" (nested)
    pub opportunities: BulletBlock,
    /// "Vervolg"
    pub follow_up: BulletBlock,
    /// "Eerste voorstel" (nested)
    pub proposals: BulletBlock,
    /// Decisions.
    pub decisions: BulletBlock,
    /// Open questions.
    pub open_questions: BulletBlock,
    /// Agreed actions.
    pub actions: Vec<Action>,
    /// Planned next meetings.
    pub next_meetings: Vec<NextMeeting>,
}

impl Synthesis {
    /// The bullet block of the given kind.
    #[must_use]
    pub fn block(&self, kind: BlockKind) -> &BulletBlock {
        match kind {
            BlockKind::Observations => &self.observations,
            BlockKind::Opportunities => &self.opportunities,
            BlockKind::FollowUp => &self.follow_up,
            BlockKind::Proposals => &self.proposals,
            BlockKind::Decisions => &self.decisions,
            BlockKind::OpenQuestions => &self.open_questions,
        }
    }

    /// The bullet block of the given kind, for editing.
    pub fn block_mut(&mut self, kind: BlockKind) -> &mut BulletBlock {
        match kind {
            BlockKind::Observations => &mut self.observations,
            BlockKind::Opportunities => &mut self.opportunities,
            BlockKind::FollowUp => &mut self.follow_up,
            BlockKind::Proposals => &mut self.proposals,
            BlockKind::Decisions => &mut self.decisions,
            BlockKind::OpenQuestions => &mut self.open_questions,
        }
    }
}

/// An agreed action.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Action {
    /// Stable id.
    pub id: ActionId,
    /// What is to be done.
    pub text: String,
    /// Who does it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<Owner>,
    /// When it is due.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    /// Open, done or dropped.
    #[serde(default)]
    pub status: ActionStatus,
    /// The earlier meeting the action was agreed at; `None` for an action
    /// of this meeting. Set when a follow-up carries the action over.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<MeetingRef>,
}

/// An earlier meeting of the series, as an action carried from it names it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct MeetingRef {
    /// That meeting's title.
    pub title: String,
    /// When it took place: its day, or only the month it was planned in
    /// when its day was never filled in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub when: Option<PlannedDate>,
}

/// Who owns an action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Owner {
    /// A known organisation.
    Organisation(OrgId),
    /// A known participant.
    Participant(ParticipantId),
    /// A name or group that is not in the lists (e.g. "Deelnemers").
    Name(String),
}

/// Where an action stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ActionStatus {
    /// Still to do.
    #[default]
    Open,
    /// Done.
    Done,
    /// No longer to be done.
    Dropped,
}

/// When a planned meeting takes place: a day, or only a month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PlannedDate {
    /// A known day.
    Day(NaiveDate),
    /// Only the month (and roughly which part of it) is known.
    Month {
        /// The year.
        year: i32,
        /// The month, 1 to 12.
        month: u32,
        /// Which part of the month.
        #[serde(default)]
        part: MonthPart,
    },
}

/// Which part of a month a planned meeting falls in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum MonthPart {
    /// Some time in the month.
    #[default]
    Any,
    /// Early in the month ("begin juni").
    Early,
    /// Mid-month ("half juni").
    Mid,
    /// Late in the month ("eind juni").
    Late,
}

/// A planned follow-up meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct NextMeeting {
    /// Stable id.
    pub id: MeetingId,
    /// When, as far as known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<PlannedDate>,
    /// The theme of that meeting.
    #[serde(default)]
    pub theme: String,
    /// The host, once someone volunteered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<OrgId>,
}

/// An attached image (a photo of a flip chart or poster).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Attachment {
    /// Stable id.
    pub id: AttachmentId,
    /// The image's path relative to the session file, with `/` separators.
    pub path: String,
    /// The caption under the image.
    #[serde(default)]
    pub caption: String,
    /// The agenda item it belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agenda_item: Option<ItemId>,
}
