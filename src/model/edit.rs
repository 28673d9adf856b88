//! Every change to a session is a value of [`Edit`], applied by one pure,
//! exhaustive function. Whatever produced the edit — a key, a menu, a dialog,
//! the agenda clock, later the room's inbox or a script — the rules are the
//! same and live here, each with its own test.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::ids::{
    ActionId, AttachmentId, BulletId, ExperimentId, ItemId, KeywordId, MeetingId, NoteId, OrgId,
    ParticipantId, SubmissionId, VoteId,
};
use super::inbox::{
    SUBMISSION_MAX_CHARS, Submission, SubmissionKind, SubmissionStatus, clean_submission_text,
};
use super::limits::{
    AIRTIME_MAX_SECONDS, BULLET_MAX_CHARS, KEYWORD_MAX_CHARS, MINUTES_MAX, PATH_MAX_CHARS,
    TITLE_MAX_CHARS,
};
use super::markers::{BulletKind, parse_bullet, parse_keyword};
use super::rules::Problem;
use super::session::{
    Action, AgendaItem, AgendaKind, Attachment, Attendance, BlockKind, Header, NextMeeting, Note,
    OrgKind, Participant, Round, Session, Speaker, SpeakerStatus, Visibility,
};
use super::valid::problems_of;
use super::vote::{VOTE_MAX_DOTS, VOTE_MAX_OPTIONS, Vote, VoteOption, VoteSource, chosen_options};

/// One change to a session.
///
/// Serialised (for the journal) adjacently tagged: `{"edit": "<kind>",
/// "with": <its data>}`. That form takes every variant shape; an internally
/// tagged enum cannot write a newtype variant around a string (an id), and
/// such an edit would not reach the journal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "edit", content = "with", rename_all = "snake_case")]
pub enum Edit {
    // --- The meeting's facts and who takes part ---
    /// Replaces the header (title, date, place, …).
    SetHeader(Box<Header>),
    /// Adds a municipality or guest organisation at the end.
    AddOrganisation {
        /// Its name.
        name: String,
        /// Municipality or guest.
        kind: OrgKind,
    },
    /// Renames an organisation.
    RenameOrganisation {
        /// The organisation.
        org: OrgId,
        /// Its new name.
        name: String,
    },
    /// Makes an organisation a municipality or a guest.
    SetOrganisationKind {
        /// The organisation.
        org: OrgId,
        /// Municipality or guest.
        kind: OrgKind,
    },
    /// Records whether an organisation attended (for one without named
    /// participants; named participants decide otherwise).
    SetOrganisationAttendance {
        /// The organisation.
        org: OrgId,
        /// Unknown, present or absent.
        attendance: Attendance,
    },
    /// Moves an organisation up (negative) or down (positive).
    MoveOrganisation {
        /// The organisation.
        org: OrgId,
        /// How many places.
        delta: isize,
    },
    /// Removes an organisation and everything that belongs to it.
    RemoveOrganisation(OrgId),
    /// Adds participants from pasted lines (a mail, Word or Excel).
    PasteParticipants {
        /// The pasted lines.
        text: String,
    },
    /// Replaces one participant's details.
    SetParticipant(Box<Participant>),
    /// Removes a participant.
    RemoveParticipant(ParticipantId),
    /// Adds one participant by name (a new row in the setup).
    AddParticipant {
        /// Their full name.
        name: String,
        /// The organisation they represent, when known.
        organisation: Option<OrgId>,
    },
    /// Adds a session-level note (such as the introduction under the report's header).
    AddSessionNote {
        /// The text (trimmed; never empty).
        text: String,
        /// Who may see it.
        visibility: Visibility,
    },
    /// Replaces a session-level note's text and visibility (typed into its field).
    SetSessionNote(Box<Note>),
    /// Removes a session-level note.
    RemoveSessionNote(NoteId),

    // --- The agenda ---
    /// Inserts an agenda item at a position (past the end: at the end).
    AddItem {
        /// Where it goes (0 = first).
        at: usize,
        /// Its title.
        title: String,
        /// Its kind.
        kind: AgendaKind,
        /// Its planned minutes.
        minutes: u32,
    },
    /// Removes an agenda item; its photos stay, no longer linked to it.
    RemoveItem(ItemId),
    /// Moves an agenda item up (negative) or down (positive).
    MoveItem {
        /// The item.
        item: ItemId,
        /// How many places.
        delta: isize,
    },
    /// Changes an item's title.
    SetItemTitle {
        /// The item.
        item: ItemId,
        /// Its new title.
        title: String,
    },
    /// Changes an item's kind; a new round gets every municipality as a speaker.
    SetItemKind {
        /// The item.
        item: ItemId,
        /// Its new kind.
        kind: AgendaKind,
    },
    /// Changes who presents an item (a guest talk): an organisation, or nobody.
    SetItemPresenter {
        /// The item.
        item: ItemId,
        /// The presenting organisation, or none.
        presenter: Option<OrgId>,
    },
    /// Changes which synthesis block an item fills.
    SetItemBlock {
        /// The item.
        item: ItemId,
        /// The block, or none.
        block: Option<BlockKind>,
    },
    /// Changes an item's planned minutes.
    SetPlannedMinutes {
        /// The item.
        item: ItemId,
        /// Minutes, 0 to [`MINUTES_MAX`].
        minutes: u32,
    },
    /// Moves planned minutes from one item to another (at most what it has).
    TakeMinutes {
        /// The item that gives the time.
        from: ItemId,
        /// The item that gets it.
        to: ItemId,
        /// How many minutes.
        minutes: u32,
    },
    /// Changes a round's default speaking time.
    SetSpeakerMinutes {
        /// The round's item.
        item: ItemId,
        /// Minutes per speaker, 1 to [`MINUTES_MAX`].
        minutes: u32,
    },
    /// Moves a speaker up (negative) or down (positive) in a round.
    MoveSpeaker {
        /// The round's item.
        item: ItemId,
        /// The speaker's organisation.
        org: OrgId,
        /// How many places.
        delta: isize,
    },
    /// Marks a speaker waiting, done or skipped.
    SetSpeakerStatus {
        /// The round's item.
        item: ItemId,
        /// The speaker's organisation.
        org: OrgId,
        /// The new status.
        status: SpeakerStatus,
    },

    // --- What the agenda clock writes (never undone) ---
    /// Records when an item actually started and ended.
    SetItemTimes {
        /// The item.
        item: ItemId,
        /// When it started.
        start: Option<NaiveDateTime>,
        /// When it ended.
        end: Option<NaiveDateTime>,
    },
    /// Records a speaker's turn: their status and total speaking time.
    SetSpeakerTurn {
        /// The round's item.
        item: ItemId,
        /// The speaker's organisation.
        org: OrgId,
        /// The new status.
        status: SpeakerStatus,
        /// Their total speaking time in seconds.
        airtime_seconds: u32,
    },

    // --- Experiments and keywords ---
    /// Adds an empty experiment for an organisation at the end of the whiteboard.
    AddExperiment(OrgId),
    /// Sets an experiment's title; with no experiment given (the card of an
    /// organisation without one), the organisation gets a new one, or the
    /// one an edit just before made.
    SetExperimentTitle {
        /// The organisation whose card it is.
        org: OrgId,
        /// The experiment (`None`: the card has none yet).
        experiment: Option<ExperimentId>,
        /// The title (trimmed).
        title: String,
    },
    /// Adds a typed keyword (`#tags` become tags) to an experiment; with no
    /// experiment given (the card of an organisation without one), the
    /// organisation gets a new one, or the one an edit just before made.
    AddKeyword {
        /// The organisation whose card it is.
        org: OrgId,
        /// The experiment (`None`: the card has none yet).
        experiment: Option<ExperimentId>,
        /// The keyword as typed.
        text: String,
    },
    /// Replaces a keyword's text (as typed, with `#tags`).
    ReplaceKeyword {
        /// The keyword.
        keyword: KeywordId,
        /// The new text as typed.
        text: String,
    },
    /// Deletes a keyword.
    DeleteKeyword(KeywordId),
    /// Moves a keyword up (negative) or down (positive) within its list.
    MoveKeyword {
        /// The keyword.
        keyword: KeywordId,
        /// How many places.
        delta: isize,
    },
    /// Highlights a keyword or takes the highlight away.
    SetKeywordHighlight {
        /// The keyword.
        keyword: KeywordId,
        /// Highlighted or not.
        highlighted: bool,
    },

    // --- The synthesis ---
    /// Adds a typed line to a block: `! ` makes an action (with `@owner`),
    /// `? ` an open question, anything else a bullet at `depth`.
    AddTypedBullet {
        /// The block a plain bullet goes into.
        block: BlockKind,
        /// 0 = top level; limited to one below the block's last bullet.
        depth: usize,
        /// The line as typed.
        text: String,
    },
    /// Adds a bullet as it is (no markers read).
    AddBullet {
        /// The block.
        block: BlockKind,
        /// 0 = top level; limited to one below the block's last bullet.
        depth: usize,
        /// The text.
        text: String,
        /// Its tags.
        tags: Vec<String>,
    },
    /// Deletes a bullet with its sub-bullets.
    DeleteBullet(BulletId),
    /// Gives a synthesis block a heading of its own ("Vervolg M50 verband?");
    /// an empty heading brings back the standard one.
    SetBlockHeading {
        /// The block.
        block: BlockKind,
        /// Its heading as typed.
        heading: String,
    },
    /// Adds a note to an agenda item.
    AddNote {
        /// The item.
        item: ItemId,
        /// The text (trimmed).
        text: String,
        /// Who may see it.
        visibility: Visibility,
    },
    /// Adds an open action, due at the next meeting.
    AddAction {
        /// What is to be done.
        text: String,
    },
    /// Replaces an action's details.
    SetAction(Box<Action>),
    /// Removes an action.
    RemoveAction(ActionId),
    /// Adds an empty planned meeting.
    AddNextMeeting,
    /// Replaces a planned meeting's details.
    SetNextMeeting(Box<NextMeeting>),
    /// Removes a planned meeting.
    RemoveNextMeeting(MeetingId),

    // --- Photos ---
    /// Attaches a photo already copied beside the session.
    AttachPhoto {
        /// Its path relative to the session file.
        path: String,
        /// The agenda item it belongs to.
        item: Option<ItemId>,
    },
    /// Changes a photo's caption.
    SetPhotoCaption {
        /// The photo.
        photo: AttachmentId,
        /// The caption.
        caption: String,
    },
    /// Removes a photo from the session (its file stays, so undo brings it back).
    RemovePhoto(AttachmentId),
    /// Points photos at new relative paths (after Save As copied them; never undone).
    SetPhotoPaths(Vec<(AttachmentId, String)>),

    // --- Shared themes ---
    /// Confirms a theme, or takes the confirmation back.
    ConfirmTheme(String),
    /// Drops a suggested theme.
    DismissTheme(String),
    /// Merges one theme into another (refused when it would make a cycle).
    MergeThemes {
        /// The theme merged away.
        from: String,
        /// The theme that holds both afterwards.
        into: String,
    },
    /// Gives a theme a label of its own.
    RenameTheme {
        /// The theme.
        key: String,
        /// Its label.
        label: String,
    },

    // --- Quick setup by pasting (see `model::paste`) ---
    /// Adds pasted municipalities, one per line; known and repeated names
    /// are skipped.
    PasteMunicipalities {
        /// The pasted lines.
        text: String,
    },
    /// Adds pasted agenda lines (`Titel | minuten | soort`) at the end, or
    /// in place of the whole agenda.
    PasteAgenda {
        /// The pasted lines.
        text: String,
        /// Whether the agenda holds only the pasted items afterwards.
        replace: bool,
    },
    // --- The room's inbox ---
    /// A phone's submission arrives in the inbox. Never undone: undo never
    /// takes away what a phone sent (and was told had arrived).
    ReceiveSubmission {
        /// When it arrived (the app's clock).
        received: NaiveDateTime,
        /// The organisation the sender chose; `None`: anonymous.
        organisation: Option<OrgId>,
        /// What it is meant to become.
        kind: SubmissionKind,
        /// For a remark: the synthesis block current at its arrival.
        block: Option<BlockKind>,
        /// The text as sent.
        text: String,
    },
    /// Accepts a waiting submission: it becomes a keyword on its
    /// organisation's card, an open question, or a bullet in its block.
    AcceptSubmission {
        /// The submission.
        submission: SubmissionId,
        /// The facilitator's edited text, used instead of what was sent.
        text: Option<String>,
    },
    /// Rejects a waiting submission: it never reaches the content.
    RejectSubmission(SubmissionId),
    /// Accepts every waiting submission that can be (the others keep waiting).
    AcceptAllSubmissions,
    /// Rejects every waiting submission.
    RejectAllSubmissions,

    // --- The room's votes ---
    /// Records a closed vote: each option's dots, and which options the
    /// room chose (the `choose` with the most dots, ties at the cut too).
    RecordVote {
        /// What was asked.
        question: String,
        /// What the options came from.
        source: VoteSource,
        /// Dots per phone.
        dots: u32,
        /// Whether a phone could put several dots on one option.
        several_per_option: bool,
        /// How many phones voted.
        voters: u32,
        /// The options with their totals.
        options: Vec<VoteOption>,
        /// How many options the room chooses.
        choose: usize,
        /// When the vote closed (the app's clock).
        closed: NaiveDateTime,
    },

    // --- The whole session ---
    /// Replaces the whole session (an earlier version, a recovered copy);
    /// the inbox keeps what phones sent since.
    ReplaceSession(Box<Session>),
}

/// What applying an edit did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing changed (e.g. moving the first item up).
    Unchanged,
    /// The session changed.
    Changed,
    /// The session changed and something new was made.
    Created(Created),
}

impl Outcome {
    /// Whether the session changed.
    #[must_use]
    pub fn changed(&self) -> bool {
        !matches!(self, Outcome::Unchanged)
    }
}

/// What an edit made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Created {
    /// An organisation.
    Organisation(OrgId),
    /// Participants from a paste: how many.
    Participants(usize),
    /// One participant.
    Participant(ParticipantId),
    /// An agenda item.
    Item(ItemId),
    /// An experiment.
    Experiment(ExperimentId),
    /// A keyword, in this experiment (made for it when the card had none).
    Keyword {
        /// The experiment it went into.
        experiment: ExperimentId,
        /// The keyword.
        keyword: KeywordId,
    },
    /// A bullet at this depth.
    Bullet {
        /// The bullet.
        id: BulletId,
        /// The depth it went to (after limiting).
        depth: usize,
    },
    /// An open question (a line typed with `? `).
    Question(BulletId),
    /// An action.
    Action(ActionId),
    /// A note.
    Note(NoteId),
    /// A planned meeting.
    Meeting(MeetingId),
    /// A photo.
    Photo(AttachmentId),
    /// A submission in the room's inbox.
    Submission(SubmissionId),
    /// A vote the room held.
    Vote(VoteId),
}

/// The kind of thing an edit refers to, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// An organisation.
    Organisation,
    /// A participant.
    Participant,
    /// An agenda item.
    Item,
    /// A round (an agenda item without one).
    Round,
    /// A speaker in a round.
    Speaker,
    /// An experiment.
    Experiment,
    /// A keyword.
    Keyword,
    /// A bullet.
    Bullet,
    /// An action.
    Action,
    /// A planned meeting.
    Meeting,
    /// A photo.
    Photo,
    /// A note.
    Note,
    /// A theme.
    Theme,
    /// A submission from the room.
    Submission,
    /// A vote of the room.
    Vote,
    /// A text (keyword, bullet, note, title).
    Text,
    /// A number of minutes.
    Minutes,
}

/// Why an edit was refused; the session is then unchanged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// What the edit refers to is not in the session (any more).
    #[error("{0:?} '{1}' is not in the session")]
    Missing(Subject, String),
    /// The text is empty once trimmed (or markers taken off).
    #[error("the {0:?} is empty")]
    Empty(Subject),
    /// The text is longer than its limit.
    #[error("the {what:?} is longer than {max} characters")]
    TooLong {
        /// What is too long.
        what: Subject,
        /// The limit in characters.
        max: usize,
    },
    /// A number is outside what makes sense.
    #[error("{what:?} {value} is out of range")]
    OutOfRange {
        /// What is out of range.
        what: Subject,
        /// The value given.
        value: u64,
    },
    /// Merging these themes would make a theme vanish in a cycle.
    #[error("merging '{0}' into '{1}' would make a cycle")]
    MergeCycle(String, String),
    /// A value put in whole (a header, a participant, an action, a planned
    /// meeting, a session) breaks a rule a file is held to (see
    /// [`Session::problems`]): the first problem found.
    #[error("{0}")]
    Invalid(Problem),
}

impl Edit {
    /// Whether undo takes this edit back. What the agenda clock writes,
    /// photo paths fixed after Save As and a phone's submission arriving
    /// are never undone.
    #[must_use]
    pub fn undoable(&self) -> bool {
        !matches!(
            self,
            Edit::SetItemTimes { .. }
                | Edit::SetSpeakerTurn { .. }
                | Edit::SetPhotoPaths(_)
                | Edit::ReceiveSubmission { .. }
        )
    }

    /// Edits typed into one form field share a group, so undo takes the whole
    /// field back at once rather than one letter at a time.
    #[must_use]
    pub fn undo_group(&self) -> Option<String> {
        match self {
            Edit::SetHeader(_) => Some("header".into()),
            Edit::SetItemTitle { item, .. } => Some(format!("item-title-{item}")),
            Edit::SetPlannedMinutes { item, .. } => Some(format!("item-minutes-{item}")),
            Edit::SetSpeakerMinutes { item, .. } => Some(format!("speaker-minutes-{item}")),
            Edit::RenameOrganisation { org, .. } => Some(format!("org-name-{org}")),
            Edit::SetParticipant(p) => Some(format!("participant-{}", p.id)),
            Edit::SetSessionNote(n) => Some(format!("session-note-{}", n.id)),
            Edit::SetBlockHeading { block, .. } => Some(format!("block-heading-{block:?}")),
            Edit::SetAction(a) => Some(format!("action-{}", a.id)),
            Edit::SetNextMeeting(m) => Some(format!("meeting-{}", m.id)),
            Edit::SetPhotoCaption { photo, .. } => Some(format!("photo-caption-{photo}")),
            Edit::AddOrganisation { .. }
            | Edit::SetOrganisationKind { .. }
            | Edit::SetOrganisationAttendance { .. }
            | Edit::MoveOrganisation { .. }
            | Edit::RemoveOrganisation(_)
            | Edit::PasteParticipants { .. }
            | Edit::PasteMunicipalities { .. }
            | Edit::PasteAgenda { .. }
            | Edit::RemoveParticipant(_)
            | Edit::AddParticipant { .. }
            | Edit::AddSessionNote { .. }
            | Edit::RemoveSessionNote(_)
            | Edit::SetItemPresenter { .. }
            | Edit::AddItem { .. }
            | Edit::RemoveItem(_)
            | Edit::MoveItem { .. }
            | Edit::SetItemKind { .. }
            | Edit::SetItemBlock { .. }
            | Edit::TakeMinutes { .. }
            | Edit::MoveSpeaker { .. }
            | Edit::SetSpeakerStatus { .. }
            | Edit::SetItemTimes { .. }
            | Edit::SetSpeakerTurn { .. }
            | Edit::AddExperiment(_)
            | Edit::SetExperimentTitle { .. }
            | Edit::AddKeyword { .. }
            | Edit::ReplaceKeyword { .. }
            | Edit::DeleteKeyword(_)
            | Edit::MoveKeyword { .. }
            | Edit::SetKeywordHighlight { .. }
            | Edit::AddTypedBullet { .. }
            | Edit::AddBullet { .. }
            | Edit::DeleteBullet(_)
            | Edit::AddNote { .. }
            | Edit::AddAction { .. }
            | Edit::RemoveAction(_)
            | Edit::AddNextMeeting
            | Edit::RemoveNextMeeting(_)
            | Edit::AttachPhoto { .. }
            | Edit::RemovePhoto(_)
            | Edit::SetPhotoPaths(_)
            | Edit::ConfirmTheme(_)
            | Edit::DismissTheme(_)
            | Edit::MergeThemes { .. }
            | Edit::RenameTheme { .. }
            | Edit::ReceiveSubmission { .. }
            | Edit::AcceptSubmission { .. }
            | Edit::RejectSubmission(_)
            | Edit::AcceptAllSubmissions
            | Edit::RejectAllSubmissions
            | Edit::RecordVote { .. }
            | Edit::ReplaceSession(_) => None,
        }
    }

    /// Applies the edit. On an error the session is left exactly as it was.
    pub fn apply(&self, session: &mut Session) -> Result<Outcome, EditError> {
        match self {
            Edit::SetHeader(header) => {
                valid(problems_of(|c| c.header("header", header)))?;
                Ok(set(&mut session.header, (**header).clone()))
            }
            Edit::AddOrganisation { name, kind } => {
                let name = checked_text(name, Subject::Text, TITLE_MAX_CHARS)?;
                let id = session.add_organisation(&name, *kind);
                Ok(Outcome::Created(Created::Organisation(id)))
            }
            Edit::RenameOrganisation { org, name } => {
                let name = limited(name, TITLE_MAX_CHARS)?;
                let org = organisation_mut(session, org)?;
                Ok(set(&mut org.name, name.to_owned()))
            }
            Edit::SetOrganisationKind { org, kind } => {
                let org = organisation_mut(session, org)?;
                Ok(set(&mut org.kind, *kind))
            }
            Edit::SetOrganisationAttendance { org, attendance } => {
                let org = organisation_mut(session, org)?;
                Ok(set(&mut org.attendance, *attendance))
            }
            Edit::MoveOrganisation { org, delta } => {
                let pos = session
                    .organisations
                    .iter()
                    .position(|o| &o.id == org)
                    .ok_or_else(|| missing(Subject::Organisation, org))?;
                Ok(move_within(&mut session.organisations, pos, *delta))
            }
            Edit::RemoveOrganisation(org) => {
                session
                    .organisation(org)
                    .ok_or_else(|| missing(Subject::Organisation, org))?;
                session.remove_organisation(org);
                Ok(Outcome::Changed)
            }
            Edit::PasteParticipants { text } => {
                let count = session.add_pasted_participants(text);
                Ok(if count == 0 {
                    Outcome::Unchanged
                } else {
                    Outcome::Created(Created::Participants(count))
                })
            }
            Edit::PasteMunicipalities { text } => {
                let plan = super::paste::plan_municipalities(session, text);
                Ok(if session.add_planned_municipalities(&plan) == 0 {
                    Outcome::Unchanged
                } else {
                    Outcome::Changed
                })
            }
            Edit::PasteAgenda { text, replace } => {
                let plan = super::paste::plan_agenda(text);
                // Nothing usable never empties the agenda.
                Ok(if session.add_planned_items(&plan, *replace) == 0 {
                    Outcome::Unchanged
                } else {
                    Outcome::Changed
                })
            }
            Edit::SetParticipant(participant) => {
                valid(problems_of(|c| c.participant("participant", participant)))?;
                let p = session
                    .participants
                    .iter_mut()
                    .find(|p| p.id == participant.id)
                    .ok_or_else(|| missing(Subject::Participant, &participant.id))?;
                Ok(set(p, (**participant).clone()))
            }
            Edit::RemoveParticipant(id) => {
                let before = session.participants.len();
                session.participants.retain(|p| &p.id != id);
                found(
                    before != session.participants.len(),
                    Subject::Participant,
                    id,
                )
            }
            Edit::AddParticipant { name, organisation } => {
                let name = checked_text(name, Subject::Text, TITLE_MAX_CHARS)?;
                if let Some(org) = organisation {
                    session
                        .organisation(org)
                        .ok_or_else(|| missing(Subject::Organisation, org))?;
                }
                let id = ParticipantId::new(session.fresh_id("participant"));
                session.participants.push(Participant {
                    id: id.clone(),
                    name,
                    organisation: organisation.clone(),
                    role: String::new(),
                    present: true,
                });
                Ok(Outcome::Created(Created::Participant(id)))
            }
            Edit::AddSessionNote { text, visibility } => {
                let text = checked_text(text, Subject::Text, BULLET_MAX_CHARS)?;
                let id = NoteId::new(session.fresh_id("note"));
                session.notes.push(Note {
                    id: id.clone(),
                    text,
                    visibility: *visibility,
                });
                Ok(Outcome::Created(Created::Note(id)))
            }
            Edit::SetSessionNote(note) => {
                limited(&note.text, BULLET_MAX_CHARS)?;
                let n = session
                    .notes
                    .iter_mut()
                    .find(|n| n.id == note.id)
                    .ok_or_else(|| missing(Subject::Note, &note.id))?;
                Ok(set(n, (**note).clone()))
            }
            Edit::RemoveSessionNote(id) => {
                let before = session.notes.len();
                session.notes.retain(|n| &n.id != id);
                found(before != session.notes.len(), Subject::Note, id)
            }
            Edit::AddItem {
                at,
                title,
                kind,
                minutes,
            } => {
                let title = limited(title, TITLE_MAX_CHARS)?;
                let minutes = minutes_in_range(*minutes, 0)?;
                let id = ItemId::new(session.fresh_id("item"));
                let mut item = AgendaItem::new(id.clone(), title, *kind, minutes);
                if *kind == AgendaKind::Round {
                    item.round = Some(new_round(session));
                }
                let at = (*at).min(session.agenda.len());
                session.agenda.insert(at, item);
                Ok(Outcome::Created(Created::Item(id)))
            }
            Edit::RemoveItem(id) => {
                let before = session.agenda.len();
                session.agenda.retain(|i| &i.id != id);
                if before == session.agenda.len() {
                    return Err(missing(Subject::Item, id));
                }
                // The photos stay in the session, no longer tied to the item.
                for photo in &mut session.attachments {
                    if photo.agenda_item.as_ref() == Some(id) {
                        photo.agenda_item = None;
                    }
                }
                Ok(Outcome::Changed)
            }
            Edit::MoveItem { item, delta } => {
                let pos = session
                    .agenda
                    .iter()
                    .position(|i| &i.id == item)
                    .ok_or_else(|| missing(Subject::Item, item))?;
                Ok(move_within(&mut session.agenda, pos, *delta))
            }
            Edit::SetItemTitle { item, title } => {
                let title = limited(title, TITLE_MAX_CHARS)?;
                let item = item_mut(session, item)?;
                Ok(set(&mut item.title, title.to_owned()))
            }
            Edit::SetItemKind { item, kind } => {
                let round = new_round(session);
                let item = item_mut(session, item)?;
                let mut changed = set(&mut item.kind, *kind);
                // A round needs speakers: every municipality, in order.
                if *kind == AgendaKind::Round && item.round.is_none() {
                    item.round = Some(round);
                    changed = Outcome::Changed;
                }
                Ok(changed)
            }
            Edit::SetItemPresenter { item, presenter } => {
                if let Some(org) = presenter {
                    session
                        .organisation(org)
                        .ok_or_else(|| missing(Subject::Organisation, org))?;
                }
                let item = item_mut(session, item)?;
                Ok(set(&mut item.presenter, presenter.clone()))
            }
            Edit::SetItemBlock { item, block } => {
                let item = item_mut(session, item)?;
                Ok(set(&mut item.block, *block))
            }
            Edit::SetPlannedMinutes { item, minutes } => {
                let minutes = minutes_in_range(*minutes, 0)?;
                let item = item_mut(session, item)?;
                Ok(set(&mut item.planned_minutes, minutes))
            }
            Edit::TakeMinutes { from, to, minutes } => {
                let available = session
                    .agenda_item(from)
                    .ok_or_else(|| missing(Subject::Item, from))?
                    .planned_minutes;
                let receiving = session
                    .agenda_item(to)
                    .ok_or_else(|| missing(Subject::Item, to))?
                    .planned_minutes;
                // Never more than the giving item has, nor past the limit.
                let moved = (*minutes)
                    .min(available)
                    .min(MINUTES_MAX.saturating_sub(receiving));
                if moved == 0 || from == to {
                    return Ok(Outcome::Unchanged);
                }
                item_mut(session, from)?.planned_minutes -= moved;
                item_mut(session, to)?.planned_minutes += moved;
                Ok(Outcome::Changed)
            }
            Edit::SetSpeakerMinutes { item, minutes } => {
                let minutes = minutes_in_range(*minutes, 1)?;
                let round = round_mut(session, item)?;
                Ok(set(&mut round.speaker_minutes, minutes))
            }
            Edit::MoveSpeaker { item, org, delta } => {
                let round = round_mut(session, item)?;
                let pos = round
                    .speakers
                    .iter()
                    .position(|s| &s.organisation == org)
                    .ok_or_else(|| missing(Subject::Speaker, org))?;
                Ok(move_within(&mut round.speakers, pos, *delta))
            }
            Edit::SetSpeakerStatus { item, org, status } => {
                let speaker = speaker_mut(session, item, org)?;
                Ok(set(&mut speaker.status, *status))
            }
            Edit::SetItemTimes { item, start, end } => {
                let times = problems_of(|c| c.times("times", *start, *end));
                valid(times)?;
                let item = item_mut(session, item)?;
                let a = set(&mut item.actual_start, *start);
                let b = set(&mut item.actual_end, *end);
                Ok(either(&a, &b))
            }
            Edit::SetSpeakerTurn {
                item,
                org,
                status,
                airtime_seconds,
            } => {
                let speaker = speaker_mut(session, item, org)?;
                let a = set(&mut speaker.status, *status);
                // A turn longer than a day is a clock gone wrong: held at a day.
                let airtime = (*airtime_seconds).min(AIRTIME_MAX_SECONDS);
                let b = set(&mut speaker.airtime_seconds, airtime);
                Ok(either(&a, &b))
            }
            Edit::AddExperiment(org) => {
                session
                    .organisation(org)
                    .ok_or_else(|| missing(Subject::Organisation, org))?;
                let id = session.add_experiment(org);
                Ok(Outcome::Created(Created::Experiment(id)))
            }
            Edit::SetExperimentTitle {
                org,
                experiment,
                title,
            } => {
                let title = limited(title.trim(), TITLE_MAX_CHARS)?.to_owned();
                let (id, created) = experiment_for(session, org, experiment.as_ref())?;
                let exp = session
                    .experiment_mut(&id)
                    .ok_or_else(|| missing(Subject::Experiment, &id))?;
                let outcome = set(&mut exp.title, title);
                Ok(if created {
                    Outcome::Created(Created::Experiment(id))
                } else {
                    outcome
                })
            }
            Edit::AddKeyword {
                org,
                experiment,
                text,
            } => {
                let parsed = parse_keyword(text);
                let keyword_text = checked_text(&parsed.text, Subject::Keyword, KEYWORD_MAX_CHARS)?;
                tags_limited(&parsed.tags, KEYWORD_MAX_CHARS)?;
                let (experiment, _) = experiment_for(session, org, experiment.as_ref())?;
                let keyword = session
                    .add_keyword(&experiment, &keyword_text)
                    .ok_or_else(|| missing(Subject::Experiment, &experiment))?;
                if let Some(k) = session.keyword_mut(&keyword) {
                    k.tags = parsed.tags;
                }
                Ok(Outcome::Created(Created::Keyword {
                    experiment,
                    keyword,
                }))
            }
            Edit::ReplaceKeyword { keyword, text } => {
                let parsed = parse_keyword(text);
                let new_text = checked_text(&parsed.text, Subject::Keyword, KEYWORD_MAX_CHARS)?;
                tags_limited(&parsed.tags, KEYWORD_MAX_CHARS)?;
                let k = session
                    .keyword_mut(keyword)
                    .ok_or_else(|| missing(Subject::Keyword, keyword))?;
                let a = set(&mut k.text, new_text);
                let b = set(&mut k.tags, parsed.tags);
                Ok(either(&a, &b))
            }
            Edit::DeleteKeyword(keyword) => {
                found(session.delete_keyword(keyword), Subject::Keyword, keyword)
            }
            Edit::MoveKeyword { keyword, delta } => {
                session
                    .keyword_mut(keyword)
                    .ok_or_else(|| missing(Subject::Keyword, keyword))?;
                Ok(if session.move_keyword(keyword, *delta) {
                    Outcome::Changed
                } else {
                    Outcome::Unchanged
                })
            }
            Edit::SetKeywordHighlight {
                keyword,
                highlighted,
            } => {
                let k = session
                    .keyword_mut(keyword)
                    .ok_or_else(|| missing(Subject::Keyword, keyword))?;
                Ok(set(&mut k.highlighted, *highlighted))
            }
            Edit::AddTypedBullet { block, depth, text } => {
                let parsed = parse_bullet(text);
                let line = checked_text(&parsed.text, Subject::Bullet, BULLET_MAX_CHARS)?;
                tags_limited(&parsed.tags, BULLET_MAX_CHARS)?;
                Ok(Outcome::Created(match parsed.kind {
                    BulletKind::Bullet => add_bullet(session, *block, *depth, &line, parsed.tags),
                    BulletKind::Question => Created::Question(session.add_bullet(
                        BlockKind::OpenQuestions,
                        0,
                        &line,
                        parsed.tags,
                    )),
                    BulletKind::Action => {
                        let owner = parsed.owner.as_deref().map(|o| session.resolve_owner(o));
                        let due = session.default_due_date();
                        Created::Action(session.add_action(&line, owner, due))
                    }
                }))
            }
            Edit::AddBullet {
                block,
                depth,
                text,
                tags,
            } => {
                let line = checked_text(text, Subject::Bullet, BULLET_MAX_CHARS)?;
                tags_limited(tags, BULLET_MAX_CHARS)?;
                Ok(Outcome::Created(add_bullet(
                    session,
                    *block,
                    *depth,
                    &line,
                    tags.clone(),
                )))
            }
            Edit::DeleteBullet(id) => found(session.delete_bullet(id), Subject::Bullet, id),
            Edit::SetBlockHeading { block, heading } => {
                // Kept as typed (the field writes every keystroke; a trailing
                // space is the start of the next word); the report trims it.
                let heading = limited(heading, TITLE_MAX_CHARS)?;
                let block = session.synthesis.block_mut(*block);
                Ok(set(&mut block.heading, heading.to_owned()))
            }
            Edit::AddNote {
                item,
                text,
                visibility,
            } => {
                let text = checked_text(text, Subject::Text, BULLET_MAX_CHARS)?;
                let id = NoteId::new(session.fresh_id("note"));
                item_mut(session, item)?.notes.push(Note {
                    id: id.clone(),
                    text,
                    visibility: *visibility,
                });
                Ok(Outcome::Created(Created::Note(id)))
            }
            Edit::AddAction { text } => {
                let text = limited(text, BULLET_MAX_CHARS)?;
                let due = session.default_due_date();
                Ok(Outcome::Created(Created::Action(
                    session.add_action(text, None, due),
                )))
            }
            Edit::SetAction(action) => {
                limited(&action.text, BULLET_MAX_CHARS)?;
                valid(problems_of(|c| c.action("action", action)))?;
                let a = session
                    .synthesis
                    .actions
                    .iter_mut()
                    .find(|a| a.id == action.id)
                    .ok_or_else(|| missing(Subject::Action, &action.id))?;
                Ok(set(a, (**action).clone()))
            }
            Edit::RemoveAction(id) => {
                let actions = &mut session.synthesis.actions;
                let before = actions.len();
                actions.retain(|a| &a.id != id);
                found(before != actions.len(), Subject::Action, id)
            }
            Edit::AddNextMeeting => {
                let id = MeetingId::new(session.fresh_id("meeting"));
                session.synthesis.next_meetings.push(NextMeeting {
                    id: id.clone(),
                    when: None,
                    theme: String::new(),
                    host: None,
                });
                Ok(Outcome::Created(Created::Meeting(id)))
            }
            Edit::SetNextMeeting(meeting) => {
                valid(problems_of(|c| c.meeting("meeting", meeting)))?;
                let m = session
                    .synthesis
                    .next_meetings
                    .iter_mut()
                    .find(|m| m.id == meeting.id)
                    .ok_or_else(|| missing(Subject::Meeting, &meeting.id))?;
                Ok(set(m, (**meeting).clone()))
            }
            Edit::RemoveNextMeeting(id) => {
                let meetings = &mut session.synthesis.next_meetings;
                let before = meetings.len();
                meetings.retain(|m| &m.id != id);
                found(before != meetings.len(), Subject::Meeting, id)
            }
            Edit::AttachPhoto { path, item } => {
                limited(path, PATH_MAX_CHARS)?;
                if let Some(item) = item {
                    session
                        .agenda_item(item)
                        .ok_or_else(|| missing(Subject::Item, item))?;
                }
                let id = AttachmentId::new(session.fresh_id("photo"));
                session.attachments.push(Attachment {
                    id: id.clone(),
                    path: path.clone(),
                    caption: String::new(),
                    agenda_item: item.clone(),
                });
                Ok(Outcome::Created(Created::Photo(id)))
            }
            Edit::SetPhotoCaption { photo, caption } => {
                let caption = limited(caption, TITLE_MAX_CHARS)?;
                let a = photo_mut(session, photo)?;
                Ok(set(&mut a.caption, caption.to_owned()))
            }
            Edit::RemovePhoto(photo) => {
                let before = session.attachments.len();
                session.attachments.retain(|a| &a.id != photo);
                found(before != session.attachments.len(), Subject::Photo, photo)
            }
            Edit::SetPhotoPaths(moved) => {
                let mut outcome = Outcome::Unchanged;
                for (_, path) in moved {
                    limited(path, PATH_MAX_CHARS)?;
                }
                for (photo, path) in moved {
                    if let Some(a) = session.attachments.iter_mut().find(|a| &a.id == photo) {
                        outcome = either(&outcome, &set(&mut a.path, path.clone()));
                    }
                }
                Ok(outcome)
            }
            Edit::ConfirmTheme(key) => {
                limited(key, KEYWORD_MAX_CHARS)?;
                session.themes.toggle_confirmed(key);
                Ok(Outcome::Changed)
            }
            Edit::DismissTheme(key) => {
                limited(key, KEYWORD_MAX_CHARS)?;
                let before = session.themes.clone();
                session.themes.dismiss(key);
                Ok(changed_if(before != session.themes))
            }
            Edit::MergeThemes { from, into } => {
                limited(from, KEYWORD_MAX_CHARS)?;
                limited(into, KEYWORD_MAX_CHARS)?;
                if session.themes.resolve(into) == session.themes.resolve(from) {
                    return Err(EditError::MergeCycle(from.clone(), into.clone()));
                }
                Ok(changed_if(session.themes.merge(from, into)))
            }
            Edit::RenameTheme { key, label } => {
                limited(key, KEYWORD_MAX_CHARS)?;
                let label = limited(label, TITLE_MAX_CHARS)?;
                let before = session.themes.clone();
                session.themes.rename(key, label);
                Ok(changed_if(before != session.themes))
            }
            Edit::ReceiveSubmission {
                received,
                organisation,
                kind,
                block,
                text,
            } => {
                let text = clean_submission_text(text);
                if text.is_empty() {
                    return Err(EditError::Empty(Subject::Text));
                }
                if text.chars().count() > SUBMISSION_MAX_CHARS {
                    return Err(EditError::TooLong {
                        what: Subject::Text,
                        max: SUBMISSION_MAX_CHARS,
                    });
                }
                if let Some(org) = organisation {
                    session
                        .organisation(org)
                        .ok_or_else(|| missing(Subject::Organisation, org))?;
                } else if *kind == SubmissionKind::Keyword {
                    // A keyword belongs on a card: it needs its municipality.
                    return Err(EditError::Empty(Subject::Organisation));
                }
                let block = match kind {
                    SubmissionKind::Remark => Some(block.unwrap_or(BlockKind::Observations)),
                    SubmissionKind::Keyword | SubmissionKind::Question => None,
                };
                let id = SubmissionId::new(session.fresh_id("sub"));
                session.inbox.push(Submission {
                    id: id.clone(),
                    received: *received,
                    organisation: organisation.clone(),
                    kind: *kind,
                    block,
                    text,
                    status: SubmissionStatus::Pending,
                });
                Ok(Outcome::Created(Created::Submission(id)))
            }
            Edit::AcceptSubmission { submission, text } => {
                accept_submission(session, submission, text.as_deref())
            }
            Edit::RecordVote {
                question,
                source,
                dots,
                several_per_option,
                voters,
                options,
                choose,
                closed,
            } => record_vote(
                session,
                Vote {
                    id: VoteId::new(String::new()),
                    question: question.clone(),
                    source: *source,
                    dots: *dots,
                    several_per_option: *several_per_option,
                    voters: *voters,
                    options: options.clone(),
                    chosen: Vec::new(),
                    closed: *closed,
                },
                *choose,
            ),
            Edit::RejectSubmission(submission) => {
                let s = session
                    .inbox
                    .iter_mut()
                    .find(|s| &s.id == submission)
                    .ok_or_else(|| missing(Subject::Submission, submission))?;
                if s.status == SubmissionStatus::Pending {
                    s.status = SubmissionStatus::Rejected;
                    Ok(Outcome::Changed)
                } else {
                    Ok(Outcome::Unchanged)
                }
            }
            Edit::AcceptAllSubmissions => {
                let waiting: Vec<SubmissionId> = session
                    .pending_submissions()
                    .map(|s| s.id.clone())
                    .collect();
                let mut outcome = Outcome::Unchanged;
                for id in waiting {
                    // One that cannot become content (its municipality was
                    // removed meanwhile) keeps waiting.
                    if let Ok(accepted) = accept_submission(session, &id, None) {
                        outcome = either(&outcome, &accepted);
                    }
                }
                Ok(outcome)
            }
            Edit::RejectAllSubmissions => {
                let mut outcome = Outcome::Unchanged;
                for s in &mut session.inbox {
                    if s.status == SubmissionStatus::Pending {
                        s.status = SubmissionStatus::Rejected;
                        outcome = Outcome::Changed;
                    }
                }
                Ok(outcome)
            }
            Edit::ReplaceSession(replacement) => {
                valid(replacement.problems())?;
                let mut replacement = (**replacement).clone();
                replacement.keep_submissions_from(session);
                Ok(set(session, replacement))
            }
        }
    }
}

/// Checks and keeps a closed vote (see [`Edit::RecordVote`]).
fn record_vote(session: &mut Session, mut vote: Vote, choose: usize) -> Result<Outcome, EditError> {
    vote.question = checked_text(&vote.question, Subject::Text, TITLE_MAX_CHARS)?;
    if vote.options.is_empty() {
        return Err(EditError::Empty(Subject::Vote));
    }
    if vote.options.len() > VOTE_MAX_OPTIONS {
        return Err(EditError::OutOfRange {
            what: Subject::Vote,
            value: vote.options.len() as u64,
        });
    }
    if !(1..=VOTE_MAX_DOTS).contains(&vote.dots) {
        return Err(EditError::OutOfRange {
            what: Subject::Vote,
            value: u64::from(vote.dots),
        });
    }
    for option in &mut vote.options {
        option.label = checked_text(&option.label, Subject::Text, TITLE_MAX_CHARS)?;
    }
    // No option can hold more dots than every phone spending all of theirs.
    let most = u64::from(vote.voters) * u64::from(vote.dots);
    let given: u64 = vote.options.iter().map(|o| u64::from(o.total)).sum();
    if given > most {
        return Err(EditError::OutOfRange {
            what: Subject::Vote,
            value: given,
        });
    }
    vote.chosen = chosen_options(&vote.options, choose);
    vote.id = VoteId::new(session.fresh_id("vote"));
    let id = vote.id.clone();
    session.votes.push(vote);
    Ok(Outcome::Created(Created::Vote(id)))
}

/// Accepts a waiting submission (see [`Edit::AcceptSubmission`]); checks
/// everything before it changes anything, so on an error the session is as
/// it was. A submission already decided is left alone.
fn accept_submission(
    session: &mut Session,
    id: &SubmissionId,
    edited: Option<&str>,
) -> Result<Outcome, EditError> {
    let submission = session
        .submission(id)
        .ok_or_else(|| missing(Subject::Submission, id))?
        .clone();
    if submission.status != SubmissionStatus::Pending {
        return Ok(Outcome::Unchanged);
    }
    let text = edited.unwrap_or(&submission.text);
    let created = match submission.kind {
        SubmissionKind::Keyword => {
            let org = submission
                .organisation
                .as_ref()
                .ok_or(EditError::Empty(Subject::Organisation))?;
            session
                .organisation(org)
                .ok_or_else(|| missing(Subject::Organisation, org))?;
            let parsed = parse_keyword(text);
            let keyword_text = checked_text(&parsed.text, Subject::Keyword, KEYWORD_MAX_CHARS)?;
            // The municipality's card: its first experiment, or a new one.
            let first = session.experiments_of(org).next().map(|e| e.id.clone());
            let experiment = match first {
                Some(id) => id,
                None => session.add_experiment(org),
            };
            let keyword = session
                .add_keyword(&experiment, &keyword_text)
                .ok_or_else(|| missing(Subject::Experiment, &experiment))?;
            if let Some(k) = session.keyword_mut(&keyword) {
                k.tags = parsed.tags;
            }
            Created::Keyword {
                experiment,
                keyword,
            }
        }
        SubmissionKind::Question => {
            let line = checked_text(text, Subject::Bullet, BULLET_MAX_CHARS)?;
            Created::Question(session.add_bullet(BlockKind::OpenQuestions, 0, &line, Vec::new()))
        }
        SubmissionKind::Remark => {
            let line = checked_text(text, Subject::Bullet, BULLET_MAX_CHARS)?;
            let block = submission.block.unwrap_or(BlockKind::Observations);
            add_bullet(session, block, 0, &line, Vec::new())
        }
    };
    if let Some(s) = session.inbox.iter_mut().find(|s| &s.id == id) {
        s.status = SubmissionStatus::Accepted;
    }
    Ok(Outcome::Created(created))
}

/// Sets `place` to `value`; says whether that changed anything.
fn set<V: PartialEq>(place: &mut V, value: V) -> Outcome {
    if *place == value {
        Outcome::Unchanged
    } else {
        *place = value;
        Outcome::Changed
    }
}

fn either(a: &Outcome, b: &Outcome) -> Outcome {
    changed_if(a.changed() || b.changed())
}

fn changed_if(changed: bool) -> Outcome {
    if changed {
        Outcome::Changed
    } else {
        Outcome::Unchanged
    }
}

fn missing(what: Subject, id: &impl std::fmt::Display) -> EditError {
    EditError::Missing(what, id.to_string())
}

fn found(found: bool, what: Subject, id: &impl std::fmt::Display) -> Result<Outcome, EditError> {
    if found {
        Ok(Outcome::Changed)
    } else {
        Err(missing(what, id))
    }
}

/// `Ok` when `problems` is empty, else the first problem.
fn valid(problems: Vec<Problem>) -> Result<(), EditError> {
    match problems.into_iter().next() {
        Some(problem) => Err(EditError::Invalid(problem)),
        None => Ok(()),
    }
}

/// The text when it is within `max` characters.
fn limited(text: &str, max: usize) -> Result<&str, EditError> {
    if longer_than(text, max) {
        Err(EditError::TooLong {
            what: Subject::Text,
            max,
        })
    } else {
        Ok(text)
    }
}

/// The trimmed text when it is neither empty nor longer than `max`.
fn checked_text(text: &str, what: Subject, max: usize) -> Result<String, EditError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(EditError::Empty(what));
    }
    if longer_than(text, max) {
        return Err(EditError::TooLong { what, max });
    }
    Ok(text.to_owned())
}

/// Whether `text` has more than `max` characters (counting stops there).
fn longer_than(text: &str, max: usize) -> bool {
    text.len() > max && text.chars().nth(max).is_some()
}

/// `Ok` when every tag is within `max` characters.
fn tags_limited(tags: &[String], max: usize) -> Result<(), EditError> {
    match tags.iter().find(|tag| longer_than(tag, max)) {
        Some(_) => Err(EditError::TooLong {
            what: Subject::Text,
            max,
        }),
        None => Ok(()),
    }
}

fn minutes_in_range(minutes: u32, least: u32) -> Result<u32, EditError> {
    if (least..=MINUTES_MAX).contains(&minutes) {
        Ok(minutes)
    } else {
        Err(EditError::OutOfRange {
            what: Subject::Minutes,
            value: u64::from(minutes),
        })
    }
}

/// Moves the element at `pos` by `delta` places (a swap with its neighbour
/// for ±1); nothing happens at the ends.
fn move_within<T>(list: &mut [T], pos: usize, delta: isize) -> Outcome {
    match pos.checked_add_signed(delta) {
        Some(target) if target < list.len() && target != pos => {
            if target < pos {
                list[target..=pos].rotate_right(1);
            } else {
                list[pos..=target].rotate_left(1);
            }
            Outcome::Changed
        }
        _ => Outcome::Unchanged,
    }
}

fn organisation_mut<'a>(
    session: &'a mut Session,
    id: &OrgId,
) -> Result<&'a mut super::session::Organisation, EditError> {
    session
        .organisations
        .iter_mut()
        .find(|o| &o.id == id)
        .ok_or_else(|| missing(Subject::Organisation, id))
}

fn item_mut<'a>(session: &'a mut Session, id: &ItemId) -> Result<&'a mut AgendaItem, EditError> {
    session
        .agenda
        .iter_mut()
        .find(|i| &i.id == id)
        .ok_or_else(|| missing(Subject::Item, id))
}

fn round_mut<'a>(session: &'a mut Session, id: &ItemId) -> Result<&'a mut Round, EditError> {
    item_mut(session, id)?
        .round
        .as_mut()
        .ok_or_else(|| missing(Subject::Round, id))
}

fn speaker_mut<'a>(
    session: &'a mut Session,
    item: &ItemId,
    org: &OrgId,
) -> Result<&'a mut Speaker, EditError> {
    round_mut(session, item)?
        .speakers
        .iter_mut()
        .find(|s| &s.organisation == org)
        .ok_or_else(|| missing(Subject::Speaker, org))
}

fn photo_mut<'a>(
    session: &'a mut Session,
    id: &AttachmentId,
) -> Result<&'a mut Attachment, EditError> {
    session
        .attachments
        .iter_mut()
        .find(|a| &a.id == id)
        .ok_or_else(|| missing(Subject::Photo, id))
}

/// A round with every municipality waiting, five minutes each.
fn new_round(session: &Session) -> Round {
    Round {
        speaker_minutes: 5,
        speakers: session
            .municipalities()
            .map(|o| Speaker {
                organisation: o.id.clone(),
                status: SpeakerStatus::Waiting,
                airtime_seconds: 0,
            })
            .collect(),
    }
}

/// The experiment a card's edit goes into: the one given (when it is that
/// organisation's), or a new one. Says whether it was made.
fn experiment_for(
    session: &mut Session,
    org: &OrgId,
    experiment: Option<&ExperimentId>,
) -> Result<(ExperimentId, bool), EditError> {
    session
        .organisation(org)
        .ok_or_else(|| missing(Subject::Organisation, org))?;
    if let Some(id) = experiment {
        return match session.experiment(id) {
            Some(e) if &e.organisation == org => Ok((id.clone(), false)),
            _ => Err(missing(Subject::Experiment, id)),
        };
    }
    // The organisation's empty card: only an organisation without an
    // experiment has one, so when it has one now, an edit just before
    // (typed in the same instant) made it, and this edit joins it.
    let made = session.experiments_of(org).next().map(|e| e.id.clone());
    Ok(match made {
        Some(id) => (id, false),
        None => (session.add_experiment(org), true),
    })
}

/// Adds a bullet, its depth limited to one below the block's last chain.
fn add_bullet(
    session: &mut Session,
    block: BlockKind,
    depth: usize,
    text: &str,
    tags: Vec<String>,
) -> Created {
    let depth = depth.min(session.max_bullet_depth(block));
    Created::Bullet {
        id: session.add_bullet(block, depth, text, tags),
        depth,
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::model::{ActionStatus, MonthPart, Organisation, Owner, PlannedDate};

    fn org(id: &str, name: &str, kind: OrgKind) -> Organisation {
        Organisation {
            id: OrgId::new(id),
            name: name.into(),
            kind,
            notes: Vec::new(),
            attendance: crate::model::Attendance::Unknown,
        }
    }

    #[test]
    fn every_shape_of_edit_goes_through_json_and_back() {
        // The journal writes every applied edit; an internally tagged enum
        // could not write the newtype variants around an id or a string.
        let edits = vec![
            Edit::SetHeader(Box::new(session().header.clone())),
            Edit::RemoveOrganisation(OrgId::new("o")),
            Edit::PasteParticipants {
                text: "Anna de Vries, Gemeente Zwolle".into(),
            },
            Edit::RemoveParticipant(ParticipantId::new("p")),
            Edit::RemoveItem(ItemId::new("i")),
            Edit::AddExperiment(OrgId::new("o")),
            Edit::DeleteKeyword(KeywordId::new("k")),
            Edit::DeleteBullet(BulletId::new("b")),
            Edit::RemoveAction(ActionId::new("a")),
            Edit::AddNextMeeting,
            Edit::RemoveNextMeeting(MeetingId::new("m")),
            Edit::RemovePhoto(AttachmentId::new("f")),
            Edit::SetPhotoPaths(vec![(AttachmentId::new("f"), "foto.jpg".into())]),
            Edit::ConfirmTheme("raad".into()),
            Edit::DismissTheme("raad".into()),
            Edit::RejectSubmission(SubmissionId::new("s")),
            Edit::AcceptAllSubmissions,
            Edit::RenameTheme {
                key: "raad".into(),
                label: "De raad".into(),
            },
            Edit::ReplaceSession(Box::new(session())),
        ];
        for edit in edits {
            let json = serde_json::to_string(&edit).expect("every edit serialises");
            let back: Edit = serde_json::from_str(&json).expect("and reads back");
            assert_eq!(back, edit, "{json}");
        }
        let json = serde_json::to_string(&Edit::DeleteKeyword(KeywordId::new("k"))).unwrap();
        assert_eq!(json, r#"{"edit":"delete_keyword","with":"k"}"#);
    }

    /// Two municipalities, a guest, three agenda items (one a round).
    fn session() -> Session {
        let mut s = Session {
            organisations: vec![
                org("a", "Etten-Leur", OrgKind::Municipality),
                org("b", "De Bilt", OrgKind::Municipality),
                org("vng", "VNG", OrgKind::Guest),
            ],
            ..Session::default()
        };
        for (id, kind, minutes) in [
            ("open", AgendaKind::Opening, 10),
            ("round", AgendaKind::Discussion, 60),
            ("close", AgendaKind::Closing, 5),
        ] {
            s.agenda
                .push(AgendaItem::new(ItemId::new(id), id, kind, minutes));
        }
        apply(
            &mut s,
            Edit::SetItemKind {
                item: ItemId::new("round"),
                kind: AgendaKind::Round,
            },
        );
        s
    }

    #[allow(clippy::needless_pass_by_value)] // Tests read better with edits by value.
    fn apply(s: &mut Session, edit: Edit) -> Outcome {
        edit.apply(s).expect("the edit applies")
    }

    #[allow(clippy::needless_pass_by_value)]
    fn refused(s: &mut Session, edit: Edit) -> EditError {
        let before = s.clone();
        let error = edit.apply(s).expect_err("the edit is refused");
        assert_eq!(*s, before, "a refused edit changes nothing");
        error
    }

    fn titles(s: &Session) -> Vec<&str> {
        s.agenda.iter().map(|i| i.title.as_str()).collect()
    }

    #[test]
    fn a_new_round_gets_every_municipality_as_speaker_once() {
        let mut s = session();
        let round = s.agenda[1].round.clone().expect("a round");
        let speakers: Vec<_> = round
            .speakers
            .iter()
            .map(|s| s.organisation.as_str())
            .collect();
        assert_eq!(speakers, ["a", "b"], "guests are not in the round");
        assert_eq!(round.speaker_minutes, 5);
        // Changing the kind back and again keeps the round as it was.
        for kind in [AgendaKind::Discussion, AgendaKind::Round] {
            apply(
                &mut s,
                Edit::SetItemKind {
                    item: ItemId::new("round"),
                    kind,
                },
            );
        }
        assert_eq!(s.agenda[1].round.as_ref(), Some(&round));
    }

    #[test]
    fn an_organisation_s_attendance_is_recorded_once() {
        let mut s = session();
        let mark = |attendance| Edit::SetOrganisationAttendance {
            org: OrgId::new("b"),
            attendance,
        };
        assert_eq!(apply(&mut s, mark(Attendance::Absent)), Outcome::Changed);
        assert_eq!(s.attended(&OrgId::new("b")), Some(false));
        assert_eq!(apply(&mut s, mark(Attendance::Absent)), Outcome::Unchanged);
        assert!(matches!(
            refused(
                &mut s,
                Edit::SetOrganisationAttendance {
                    org: OrgId::new("nobody"),
                    attendance: Attendance::Present,
                }
            ),
            EditError::Missing(..)
        ));
    }

    #[test]
    fn taking_minutes_never_takes_more_than_the_item_has() {
        let mut s = session();
        let take = |minutes| Edit::TakeMinutes {
            from: ItemId::new("close"),
            to: ItemId::new("open"),
            minutes,
        };
        assert_eq!(apply(&mut s, take(3)), Outcome::Changed);
        assert_eq!(
            (s.agenda[0].planned_minutes, s.agenda[2].planned_minutes),
            (13, 2)
        );
        assert_eq!(apply(&mut s, take(30)), Outcome::Changed);
        assert_eq!(
            (s.agenda[0].planned_minutes, s.agenda[2].planned_minutes),
            (15, 0)
        );
        assert_eq!(apply(&mut s, take(1)), Outcome::Unchanged);
        assert_eq!(s.planned_minutes(), 75, "time moves, it is never made");
    }

    #[test]
    fn planned_minutes_stay_within_a_day() {
        let mut s = session();
        let set = |minutes| Edit::SetPlannedMinutes {
            item: ItemId::new("open"),
            minutes,
        };
        assert_eq!(apply(&mut s, set(MINUTES_MAX)), Outcome::Changed);
        assert!(matches!(
            refused(&mut s, set(u32::MAX)),
            EditError::OutOfRange { .. }
        ));
        assert!(matches!(
            refused(
                &mut s,
                Edit::SetSpeakerMinutes {
                    item: ItemId::new("round"),
                    minutes: 0
                }
            ),
            EditError::OutOfRange { .. }
        ));
    }

    #[test]
    fn removing_an_item_unlinks_its_photos() {
        let mut s = session();
        let Outcome::Created(Created::Photo(photo)) = apply(
            &mut s,
            Edit::AttachPhoto {
                path: "x.assets/flap.jpg".into(),
                item: Some(ItemId::new("round")),
            },
        ) else {
            panic!("a photo is made")
        };
        apply(&mut s, Edit::RemoveItem(ItemId::new("round")));
        assert_eq!(titles(&s), ["open", "close"]);
        let kept = s.attachments.iter().find(|a| a.id == photo).expect("kept");
        assert_eq!(kept.agenda_item, None);
        assert!(matches!(
            refused(&mut s, Edit::RemoveItem(ItemId::new("round"))),
            EditError::Missing(Subject::Item, _)
        ));
    }

    #[test]
    fn items_are_inserted_where_asked_and_moved_one_place() {
        let mut s = session();
        let add = |at| Edit::AddItem {
            at,
            title: "Pauze".into(),
            kind: AgendaKind::Break,
            minutes: 15,
        };
        let Outcome::Created(Created::Item(id)) = apply(&mut s, add(1)) else {
            panic!("an item is made")
        };
        assert_eq!(titles(&s), ["open", "Pauze", "round", "close"]);
        apply(&mut s, add(99));
        assert_eq!(
            titles(&s).last(),
            Some(&"Pauze"),
            "past the end: at the end"
        );
        apply(
            &mut s,
            Edit::MoveItem {
                item: id.clone(),
                delta: -1,
            },
        );
        assert_eq!(titles(&s)[..2], ["Pauze", "open"]);
        assert_eq!(
            apply(
                &mut s,
                Edit::MoveItem {
                    item: id,
                    delta: -1
                }
            ),
            Outcome::Unchanged,
            "already first"
        );
        let round = Edit::AddItem {
            at: 0,
            title: "Ronde".into(),
            kind: AgendaKind::Round,
            minutes: 30,
        };
        apply(&mut s, round);
        assert_eq!(
            s.agenda[0].round.as_ref().map(|r| r.speakers.len()),
            Some(2)
        );
    }

    #[test]
    fn speakers_are_moved_and_marked_in_the_round_they_belong_to() {
        let mut s = session();
        let item = ItemId::new("round");
        apply(
            &mut s,
            Edit::MoveSpeaker {
                item: item.clone(),
                org: OrgId::new("b"),
                delta: -1,
            },
        );
        apply(
            &mut s,
            Edit::SetSpeakerStatus {
                item: item.clone(),
                org: OrgId::new("a"),
                status: SpeakerStatus::Skipped,
            },
        );
        let round = s.agenda[1].round.as_ref().expect("round");
        assert_eq!(round.speakers[0].organisation.as_str(), "b");
        assert_eq!(round.speakers[1].status, SpeakerStatus::Skipped);
        assert!(matches!(
            refused(
                &mut s,
                Edit::SetSpeakerStatus {
                    item: ItemId::new("open"),
                    org: OrgId::new("a"),
                    status: SpeakerStatus::Done
                }
            ),
            EditError::Missing(Subject::Round, _)
        ));
        assert!(matches!(
            refused(
                &mut s,
                Edit::MoveSpeaker {
                    item,
                    org: OrgId::new("vng"),
                    delta: 1
                }
            ),
            EditError::Missing(Subject::Speaker, _)
        ));
    }

    #[test]
    fn the_clock_records_times_and_turns_and_is_never_undone() {
        let mut s = session();
        let at = NaiveDate::from_ymd_opt(2020, 2, 4)
            .and_then(|d| d.and_hms_opt(13, 30, 0))
            .expect("valid");
        let times = Edit::SetItemTimes {
            item: ItemId::new("open"),
            start: Some(at),
            end: None,
        };
        let turn = Edit::SetSpeakerTurn {
            item: ItemId::new("round"),
            org: OrgId::new("a"),
            status: SpeakerStatus::Done,
            airtime_seconds: 290,
        };
        assert!(!times.undoable() && !turn.undoable());
        assert_eq!(apply(&mut s, times.clone()), Outcome::Changed);
        assert_eq!(apply(&mut s, times), Outcome::Unchanged);
        apply(&mut s, turn);
        let speaker = &s.agenda[1].round.as_ref().expect("round").speakers[0];
        assert_eq!(
            (speaker.status, speaker.airtime_seconds),
            (SpeakerStatus::Done, 290)
        );
        assert!(Edit::AddNextMeeting.undoable());
    }

    #[test]
    fn a_keyword_on_a_card_without_experiment_makes_one() {
        let mut s = session();
        let Outcome::Created(Created::Keyword { experiment, .. }) = apply(
            &mut s,
            Edit::AddKeyword {
                org: OrgId::new("a"),
                experiment: None,
                text: "raad 1e woord #raad".into(),
            },
        ) else {
            panic!("a keyword is made")
        };
        let exp = s.experiment(&experiment).expect("made");
        assert_eq!(exp.organisation.as_str(), "a");
        assert_eq!(exp.keywords[0].text, "raad 1e woord");
        assert_eq!(exp.keywords[0].tags, ["raad"]);
        // The next keyword goes into the same experiment.
        apply(
            &mut s,
            Edit::AddKeyword {
                org: OrgId::new("a"),
                experiment: Some(experiment.clone()),
                text: "  inwoners  ".into(),
            },
        );
        assert_eq!(s.experiments.len(), 1);
        assert_eq!(s.experiments[0].keywords[1].text, "inwoners");
        // Typed on the empty card in the same instant as the first (the
        // console had no experiment to name yet): the same experiment.
        apply(
            &mut s,
            Edit::AddKeyword {
                org: OrgId::new("a"),
                experiment: None,
                text: "raadsleden".into(),
            },
        );
        assert_eq!(s.experiments.len(), 1);
        assert_eq!(s.experiments[0].keywords[2].text, "raadsleden");
        // Not another organisation's experiment, and never an empty keyword.
        assert!(matches!(
            refused(
                &mut s,
                Edit::AddKeyword {
                    org: OrgId::new("b"),
                    experiment: Some(experiment.clone()),
                    text: "x".into()
                }
            ),
            EditError::Missing(Subject::Experiment, _)
        ));
        assert_eq!(
            refused(
                &mut s,
                Edit::AddKeyword {
                    org: OrgId::new("a"),
                    experiment: Some(experiment),
                    text: "  ".into()
                }
            ),
            EditError::Empty(Subject::Keyword)
        );
    }

    #[test]
    fn keywords_longer_than_the_limit_are_refused() {
        let mut s = session();
        let long = "x".repeat(KEYWORD_MAX_CHARS + 1);
        assert!(matches!(
            refused(
                &mut s,
                Edit::AddKeyword {
                    org: OrgId::new("a"),
                    experiment: None,
                    text: long
                }
            ),
            EditError::TooLong {
                max: KEYWORD_MAX_CHARS,
                ..
            }
        ));
    }

    #[test]
    fn keywords_are_replaced_moved_highlighted_and_deleted() {
        let mut s = session();
        let mut ids = Vec::new();
        for text in ["een", "twee"] {
            let experiment = s.experiments.first().map(|e| e.id.clone());
            let Outcome::Created(Created::Keyword { keyword, .. }) = apply(
                &mut s,
                Edit::AddKeyword {
                    org: OrgId::new("b"),
                    experiment,
                    text: text.into(),
                },
            ) else {
                panic!("made")
            };
            ids.push(keyword);
        }
        apply(
            &mut s,
            Edit::ReplaceKeyword {
                keyword: ids[0].clone(),
                text: "één #tel".into(),
            },
        );
        apply(
            &mut s,
            Edit::MoveKeyword {
                keyword: ids[1].clone(),
                delta: -1,
            },
        );
        apply(
            &mut s,
            Edit::SetKeywordHighlight {
                keyword: ids[1].clone(),
                highlighted: true,
            },
        );
        let kws = &s.experiments[0].keywords;
        assert_eq!((kws[0].text.as_str(), kws[0].highlighted), ("twee", true));
        assert_eq!(
            (kws[1].text.as_str(), kws[1].tags.clone()),
            ("één", vec!["tel".to_owned()])
        );
        apply(&mut s, Edit::DeleteKeyword(ids[1].clone()));
        assert_eq!(s.keyword_count(), 1);
        assert!(matches!(
            refused(&mut s, Edit::DeleteKeyword(ids[1].clone())),
            EditError::Missing(Subject::Keyword, _)
        ));
    }

    #[test]
    fn an_experiment_title_is_trimmed_and_made_on_a_new_card() {
        let mut s = session();
        let outcome = apply(
            &mut s,
            Edit::SetExperimentTitle {
                org: OrgId::new("b"),
                experiment: None,
                title: "  Raadsbreed ontwerp ".into(),
            },
        );
        assert!(matches!(outcome, Outcome::Created(Created::Experiment(_))));
        assert_eq!(s.experiments[0].title, "Raadsbreed ontwerp");
    }

    #[test]
    fn typed_lines_become_bullets_questions_or_actions() {
        let mut s = session();
        s.synthesis.next_meetings.push(NextMeeting {
            id: MeetingId::new("m"),
            when: Some(PlannedDate::Month {
                year: 2020,
                month: 6,
                part: MonthPart::Late,
            }),
            theme: String::new(),
            host: None,
        });
        let typed = |depth, text: &str| Edit::AddTypedBullet {
            block: BlockKind::Opportunities,
            depth,
            text: text.into(),
        };
        apply(&mut s, typed(0, "Participeren waar energie ligt"));
        let Outcome::Created(Created::Bullet { depth, .. }) = apply(&mut s, typed(5, "diep"))
        else {
            panic!("a bullet")
        };
        assert_eq!(depth, 1, "at most one below the last bullet");
        apply(&mut s, typed(0, "? Wie organiseert?"));
        apply(&mut s, typed(0, "! Verslag rondsturen @Etten-Leur"));
        let opportunities = &s.synthesis.opportunities.bullets;
        assert_eq!(opportunities.len(), 1);
        assert_eq!(opportunities[0].children[0].text, "diep");
        assert_eq!(
            s.synthesis.open_questions.bullets[0].text,
            "Wie organiseert?"
        );
        let action = &s.synthesis.actions[0];
        assert_eq!(action.text, "Verslag rondsturen");
        assert_eq!(action.owner, Some(Owner::Organisation(OrgId::new("a"))));
        assert_eq!(action.due, NaiveDate::from_ymd_opt(2020, 6, 30));
        assert_eq!(action.status, ActionStatus::Open);
        assert_eq!(
            refused(&mut s, typed(0, "   ")),
            EditError::Empty(Subject::Bullet)
        );
    }

    #[test]
    fn plain_bullets_keep_their_markers_as_text() {
        let mut s = session();
        apply(
            &mut s,
            Edit::AddBullet {
                block: BlockKind::Observations,
                depth: 0,
                text: "! niet een actie".into(),
                tags: Vec::new(),
            },
        );
        assert_eq!(s.synthesis.observations.bullets[0].text, "! niet een actie");
        assert!(s.synthesis.actions.is_empty());
    }

    #[test]
    fn notes_are_trimmed_and_never_empty() {
        let mut s = session();
        let note = |text: &str| Edit::AddNote {
            item: ItemId::new("open"),
            text: text.into(),
            visibility: Visibility::Private,
        };
        apply(&mut s, note(" Welkom door Zeist \n"));
        assert_eq!(s.agenda[0].notes[0].text, "Welkom door Zeist");
        assert_eq!(refused(&mut s, note("  ")), EditError::Empty(Subject::Text));
    }

    #[test]
    fn organisations_join_rounds_and_leave_without_a_trace() {
        let mut s = session();
        let Outcome::Created(Created::Organisation(id)) = apply(
            &mut s,
            Edit::AddOrganisation {
                name: "Zeist".into(),
                kind: OrgKind::Municipality,
            },
        ) else {
            panic!("made")
        };
        assert_eq!(
            s.agenda[1].round.as_ref().map(|r| r.speakers.len()),
            Some(3)
        );
        apply(
            &mut s,
            Edit::MoveOrganisation {
                org: id.clone(),
                delta: -3,
            },
        );
        assert_eq!(s.organisations[0].name, "Zeist");
        apply(&mut s, Edit::RemoveOrganisation(id.clone()));
        assert_eq!(
            s.agenda[1].round.as_ref().map(|r| r.speakers.len()),
            Some(2)
        );
        assert!(matches!(
            refused(&mut s, Edit::RemoveOrganisation(id)),
            EditError::Missing(Subject::Organisation, _)
        ));
    }

    #[test]
    fn pasted_municipalities_join_every_round() {
        let mut s = session();
        let before = s.organisations.len();
        apply(
            &mut s,
            Edit::PasteMunicipalities {
                text: "Gemeente Zwolle\nDeventer\nZwolle\n".into(),
            },
        );
        assert_eq!(s.organisations.len(), before + 2);
        let round = s.agenda.iter().find_map(|i| i.round.as_ref());
        assert!(round.is_some_and(|r| {
            r.speakers
                .iter()
                .any(|sp| s.organisation_name(&sp.organisation) == "Deventer")
        }));
        assert_eq!(
            apply(
                &mut s,
                Edit::PasteMunicipalities {
                    text: "Zwolle\n\n".into()
                }
            ),
            Outcome::Unchanged
        );
    }

    #[test]
    fn pasted_agenda_lines_add_or_replace_and_bad_lines_change_nothing() {
        let mut s = session();
        let before = s.agenda.len();
        let edit = |replace| Edit::PasteAgenda {
            text: "Opening | 10 | opening\nRonde | zestig\nRonde: experimenten | 60 | ronde".into(),
            replace,
        };
        apply(&mut s, edit(false));
        assert_eq!(s.agenda.len(), before + 2);
        apply(&mut s, edit(true));
        assert_eq!(s.agenda.len(), 2);
        assert!(s.problems().is_empty());
        let only_bad = Edit::PasteAgenda {
            text: "Ronde | zestig".into(),
            replace: true,
        };
        assert_eq!(apply(&mut s, only_bad), Outcome::Unchanged);
        assert_eq!(s.agenda.len(), 2);
    }

    #[test]
    fn pasted_participants_make_their_organisations() {
        let mut s = session();
        let before = s.organisations.len();
        apply(
            &mut s,
            Edit::PasteParticipants {
                text: "Anna de Vries (Gemeente Zwolle)\nBo – wethouder, Zwolle".into(),
            },
        );
        assert_eq!(s.organisations.len(), before + 1);
        assert_eq!(s.participants.len(), 2);
        assert!(s.participants.iter().all(|p| p.organisation.is_some()));
    }

    /// The journal writes every edit as JSON: the paste edits must survive
    /// the round trip (a newtype variant holding a string cannot be written
    /// with the enum's tag).
    #[test]
    fn paste_edits_are_written_to_the_journal_and_read_back() {
        for edit in [
            Edit::PasteMunicipalities {
                text: "Zwolle".into(),
            },
            Edit::PasteParticipants {
                text: "Anna, Zwolle".into(),
            },
            Edit::PasteAgenda {
                text: "Ronde | 60 | ronde".into(),
                replace: true,
            },
        ] {
            let json = serde_json::to_string(&edit).unwrap();
            assert_eq!(serde_json::from_str::<Edit>(&json).unwrap(), edit, "{json}");
        }
    }

    #[test]
    fn pasting_nothing_changes_nothing() {
        let mut s = session();
        assert_eq!(
            apply(&mut s, Edit::PasteParticipants { text: " \n".into() }),
            Outcome::Unchanged
        );
        assert_eq!(
            apply(
                &mut s,
                Edit::PasteParticipants {
                    text: "Anna de Vries, Etten-Leur".into()
                }
            ),
            Outcome::Created(Created::Participants(1))
        );
    }

    #[test]
    fn a_theme_merge_that_makes_a_cycle_is_refused() {
        let mut s = session();
        apply(
            &mut s,
            Edit::MergeThemes {
                from: "a".into(),
                into: "b".into(),
            },
        );
        apply(
            &mut s,
            Edit::MergeThemes {
                from: "b".into(),
                into: "c".into(),
            },
        );
        assert!(matches!(
            refused(
                &mut s,
                Edit::MergeThemes {
                    from: "c".into(),
                    into: "a".into()
                }
            ),
            EditError::MergeCycle(..)
        ));
    }

    #[test]
    fn photo_paths_are_fixed_without_an_undo_step() {
        let mut s = session();
        let Outcome::Created(Created::Photo(id)) = apply(
            &mut s,
            Edit::AttachPhoto {
                path: "a.assets/x.jpg".into(),
                item: None,
            },
        ) else {
            panic!("made")
        };
        let fix = Edit::SetPhotoPaths(vec![(id, "b.assets/x.jpg".into())]);
        assert!(!fix.undoable());
        apply(&mut s, fix);
        assert_eq!(s.attachments[0].path, "b.assets/x.jpg");
        assert!(matches!(
            refused(
                &mut s,
                Edit::AttachPhoto {
                    path: "x.jpg".into(),
                    item: Some(ItemId::new("nope"))
                }
            ),
            EditError::Missing(Subject::Item, _)
        ));
    }

    #[test]
    fn a_guest_talk_gets_a_presenter_that_must_exist() {
        let mut s = session();
        let open = ItemId::new("open");
        let vng = OrgId::new("vng");
        assert_eq!(
            apply(
                &mut s,
                Edit::SetItemPresenter {
                    item: open.clone(),
                    presenter: Some(vng.clone()),
                },
            ),
            Outcome::Changed
        );
        assert_eq!(s.agenda[0].presenter, Some(vng.clone()));
        // The same presenter again changes nothing; nobody takes it away.
        assert_eq!(
            apply(
                &mut s,
                Edit::SetItemPresenter {
                    item: open.clone(),
                    presenter: Some(vng),
                },
            ),
            Outcome::Unchanged
        );
        assert!(matches!(
            refused(
                &mut s,
                Edit::SetItemPresenter {
                    item: open.clone(),
                    presenter: Some(OrgId::new("nobody")),
                },
            ),
            EditError::Missing(Subject::Organisation, _)
        ));
        apply(
            &mut s,
            Edit::SetItemPresenter {
                item: open,
                presenter: None,
            },
        );
        assert_eq!(s.agenda[0].presenter, None);
    }

    #[test]
    fn a_block_heading_is_kept_as_typed_and_emptied_back_to_the_standard() {
        let mut s = session();
        let edit = |heading: &str| Edit::SetBlockHeading {
            block: BlockKind::FollowUp,
            heading: heading.into(),
        };
        // Typed letter by letter: the space before the next word stays.
        apply(&mut s, edit("Vervolg "));
        assert_eq!(s.synthesis.follow_up.heading, "Vervolg ");
        apply(&mut s, edit("Vervolg M50 verband?"));
        assert_eq!(s.synthesis.follow_up.heading, "Vervolg M50 verband?");
        assert_eq!(s.synthesis.observations.heading, "");
        assert!(matches!(
            refused(&mut s, edit(&"x".repeat(TITLE_MAX_CHARS + 1))),
            EditError::TooLong { .. }
        ));
        apply(&mut s, edit(""));
        assert_eq!(s.synthesis.follow_up.heading, "");
        assert_eq!(edit("a").undo_group(), edit("ab").undo_group());
    }

    #[test]
    fn session_notes_are_added_edited_and_removed() {
        let mut s = session();
        assert!(matches!(
            refused(
                &mut s,
                Edit::AddSessionNote {
                    text: "  ".into(),
                    visibility: Visibility::Report,
                },
            ),
            EditError::Empty(_)
        ));
        let Outcome::Created(Created::Note(id)) = apply(
            &mut s,
            Edit::AddSessionNote {
                text: " Democratische vernieuwing is een thema. ".into(),
                visibility: Visibility::Report,
            },
        ) else {
            panic!("a note is made");
        };
        assert_eq!(s.notes[0].text, "Democratische vernieuwing is een thema.");
        let mut edited = s.notes[0].clone();
        edited.text = "Democratische vernieuwing is één van de thema's.".into();
        edited.visibility = Visibility::Private;
        apply(&mut s, Edit::SetSessionNote(Box::new(edited.clone())));
        assert_eq!(s.notes[0], edited);
        assert_eq!(
            Edit::SetSessionNote(Box::new(edited.clone())).undo_group(),
            Some(format!("session-note-{id}"))
        );
        apply(&mut s, Edit::RemoveSessionNote(id.clone()));
        assert!(s.notes.is_empty());
        assert!(matches!(
            refused(&mut s, Edit::RemoveSessionNote(id)),
            EditError::Missing(Subject::Note, _)
        ));
        assert!(matches!(
            refused(&mut s, Edit::SetSessionNote(Box::new(edited))),
            EditError::Missing(Subject::Note, _)
        ));
    }

    #[test]
    fn a_participant_is_added_by_name_to_an_existing_organisation() {
        let mut s = session();
        let Outcome::Created(Created::Participant(id)) = apply(
            &mut s,
            Edit::AddParticipant {
                name: " Anna de Boer ".into(),
                organisation: Some(OrgId::new("a")),
            },
        ) else {
            panic!("a participant is made");
        };
        let p = &s.participants[0];
        assert_eq!((p.id.clone(), p.name.as_str()), (id, "Anna de Boer"));
        assert!(p.present);
        assert!(matches!(
            refused(
                &mut s,
                Edit::AddParticipant {
                    name: String::new(),
                    organisation: None,
                },
            ),
            EditError::Empty(_)
        ));
        assert!(matches!(
            refused(
                &mut s,
                Edit::AddParticipant {
                    name: "Piet".into(),
                    organisation: Some(OrgId::new("nobody")),
                },
            ),
            EditError::Missing(Subject::Organisation, _)
        ));
    }

    #[test]
    fn edits_in_one_form_field_share_an_undo_group() {
        let title = |t: &str| Edit::SetItemTitle {
            item: ItemId::new("open"),
            title: t.into(),
        };
        assert_eq!(title("a").undo_group(), title("ab").undo_group());
        assert_ne!(
            title("a").undo_group(),
            Edit::SetItemTitle {
                item: ItemId::new("close"),
                title: "a".into()
            }
            .undo_group()
        );
        assert_eq!(Edit::AddNextMeeting.undo_group(), None);
    }

    #[test]
    fn edits_round_trip_through_json() {
        let edit = Edit::AddKeyword {
            org: OrgId::new("a"),
            experiment: None,
            text: "raad".into(),
        };
        let json = serde_json::to_string(&edit).expect("serialises");
        assert!(json.contains("\"edit\":\"add_keyword\""), "{json}");
        let back: Edit = serde_json::from_str(&json).expect("parses");
        assert_eq!(back, edit);
    }

    // --- The room's inbox ---

    fn arrival() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2020, 2, 4)
            .and_then(|d| d.and_hms_opt(14, 32, 0))
            .expect("a valid time")
    }

    fn receive(org: Option<&str>, kind: SubmissionKind, text: &str) -> Edit {
        Edit::ReceiveSubmission {
            received: arrival(),
            organisation: org.map(OrgId::new),
            kind,
            block: (kind == SubmissionKind::Remark).then_some(BlockKind::Opportunities),
            text: text.into(),
        }
    }

    fn received(s: &mut Session, edit: Edit) -> SubmissionId {
        let Outcome::Created(Created::Submission(id)) = apply(s, edit) else {
            panic!("a submission was made")
        };
        id
    }

    #[test]
    fn a_submission_arrives_waiting_and_cleaned_and_is_never_undone() {
        let mut s = session();
        let edit = receive(
            Some("a"),
            SubmissionKind::Keyword,
            " raad\n1e \u{202E}woord ",
        );
        assert!(!edit.undoable(), "undo never removes a phone's submission");
        let id = received(&mut s, edit);
        let got = s.submission(&id).expect("in the inbox");
        assert_eq!(got.text, "raad 1e woord");
        assert_eq!(got.status, SubmissionStatus::Pending);
        assert_eq!(got.received, arrival());
        assert_eq!(got.block, None);
        assert!(s.experiments.is_empty(), "nothing reaches the content yet");
        assert!(s.problems().is_empty());
        // A remark remembers the block that was current.
        let remark = received(&mut s, receive(None, SubmissionKind::Remark, "kans"));
        assert_eq!(
            s.submission(&remark).and_then(|r| r.block),
            Some(BlockKind::Opportunities)
        );
        assert_ne!(id, remark);
    }

    #[test]
    fn a_submission_needs_text_a_known_sender_and_for_a_keyword_a_municipality() {
        let mut s = session();
        assert!(matches!(
            refused(
                &mut s,
                receive(Some("a"), SubmissionKind::Question, " \u{202E}\t ")
            ),
            EditError::Empty(Subject::Text)
        ));
        let long = "x".repeat(SUBMISSION_MAX_CHARS + 1);
        assert!(matches!(
            refused(&mut s, receive(Some("a"), SubmissionKind::Question, &long)),
            EditError::TooLong { .. }
        ));
        assert!(matches!(
            refused(
                &mut s,
                receive(Some("nope"), SubmissionKind::Question, "vraag")
            ),
            EditError::Missing(Subject::Organisation, _)
        ));
        assert!(matches!(
            refused(&mut s, receive(None, SubmissionKind::Keyword, "raad")),
            EditError::Empty(Subject::Organisation)
        ));
        // Anonymous questions and remarks are fine.
        received(&mut s, receive(None, SubmissionKind::Question, "waarom?"));
    }

    #[test]
    fn accepting_makes_a_keyword_on_the_card_a_question_or_a_bullet() {
        let mut s = session();
        let keyword = received(
            &mut s,
            receive(Some("b"), SubmissionKind::Keyword, "raad #democratie"),
        );
        let question = received(
            &mut s,
            receive(None, SubmissionKind::Question, "! geen actie"),
        );
        let remark = received(
            &mut s,
            receive(Some("a"), SubmissionKind::Remark, "? geen vraag"),
        );
        let accept = |id: &SubmissionId| Edit::AcceptSubmission {
            submission: id.clone(),
            text: None,
        };
        assert!(accept(&keyword).undoable());
        apply(&mut s, accept(&keyword));
        let b = OrgId::new("b");
        let card = s.experiments_of(&b).next().expect("a card made");
        assert_eq!(card.keywords[0].text, "raad");
        assert_eq!(card.keywords[0].tags, ["democratie"]);
        // A second keyword goes onto the same card.
        let again = received(
            &mut s,
            receive(Some("b"), SubmissionKind::Keyword, "inwoners"),
        );
        apply(&mut s, accept(&again));
        assert_eq!(s.experiments.len(), 1);
        assert_eq!(s.experiments[0].keywords.len(), 2);
        // Questions and remarks are taken as they are: no markers read.
        apply(&mut s, accept(&question));
        assert_eq!(s.synthesis.open_questions.bullets[0].text, "! geen actie");
        assert!(s.synthesis.actions.is_empty());
        apply(&mut s, accept(&remark));
        assert_eq!(s.synthesis.opportunities.bullets[0].text, "? geen vraag");
        assert_eq!(s.inbox_counts().accepted, 4);
        // Accepting twice does nothing more.
        assert_eq!(apply(&mut s, accept(&remark)), Outcome::Unchanged);
        assert_eq!(s.synthesis.opportunities.bullets.len(), 1);
        assert!(s.problems().is_empty());
    }

    #[test]
    fn a_closed_vote_is_kept_with_its_totals_and_chosen_options() {
        let mut s = session();
        let option = |label: &str, total: u32| VoteOption {
            label: label.into(),
            total,
        };
        let vote = |options: Vec<VoteOption>, voters: u32| Edit::RecordVote {
            question: " Welke thema's? ".into(),
            source: VoteSource::Themes,
            dots: 3,
            several_per_option: false,
            voters,
            options,
            choose: 2,
            closed: NaiveDate::from_ymd_opt(2020, 2, 4)
                .and_then(|d| d.and_hms_opt(15, 0, 0))
                .expect("a time"),
        };
        let outcome = vote(
            vec![
                option("raad", 20),
                option("inwoners", 30),
                option("jongeren", 40),
            ],
            30,
        )
        .apply(&mut s)
        .expect("recorded");
        let Outcome::Created(Created::Vote(id)) = outcome else {
            panic!("{outcome:?}");
        };
        let kept = &s.votes[0];
        assert_eq!(kept.id, id);
        assert_eq!(kept.question, "Welke thema's?");
        assert_eq!(kept.chosen, ["jongeren", "inwoners"]);
        // More dots than the phones had: refused, nothing kept.
        let before = s.clone();
        assert!(vote(vec![option("a", 4)], 1).apply(&mut s).is_err());
        assert!(vote(Vec::new(), 1).apply(&mut s).is_err());
        assert!(vote(vec![option(" ", 0)], 1).apply(&mut s).is_err());
        assert_eq!(s, before);
        assert!(vote(vec![option("a", 0)], 0).undoable());
    }

    #[test]
    fn an_edited_submission_is_accepted_with_the_facilitators_text() {
        let mut s = session();
        let id = received(&mut s, receive(Some("a"), SubmissionKind::Keyword, "raadd"));
        apply(
            &mut s,
            Edit::AcceptSubmission {
                submission: id.clone(),
                text: Some("raad".into()),
            },
        );
        assert_eq!(s.experiments[0].keywords[0].text, "raad");
        let sent = s.submission(&id).expect("still in the inbox");
        assert_eq!(sent.text, "raadd", "the inbox keeps what was sent");
        assert_eq!(sent.status, SubmissionStatus::Accepted);
        // An edit to nothing is refused and changes nothing.
        let other = received(&mut s, receive(Some("a"), SubmissionKind::Keyword, "x"));
        assert!(matches!(
            refused(
                &mut s,
                Edit::AcceptSubmission {
                    submission: other,
                    text: Some("  ".into())
                }
            ),
            EditError::Empty(Subject::Keyword)
        ));
    }

    #[test]
    fn rejecting_keeps_it_out_of_the_content() {
        let mut s = session();
        let id = received(&mut s, receive(Some("a"), SubmissionKind::Keyword, "spam"));
        assert_eq!(
            apply(&mut s, Edit::RejectSubmission(id.clone())),
            Outcome::Changed
        );
        assert_eq!(
            apply(&mut s, Edit::RejectSubmission(id.clone())),
            Outcome::Unchanged
        );
        assert_eq!(
            apply(
                &mut s,
                Edit::AcceptSubmission {
                    submission: id.clone(),
                    text: None
                }
            ),
            Outcome::Unchanged,
            "a rejected submission is not accepted later by accident"
        );
        assert!(s.experiments.is_empty());
        assert!(matches!(
            refused(&mut s, Edit::RejectSubmission(SubmissionId::new("nope"))),
            EditError::Missing(Subject::Submission, _)
        ));
    }

    #[test]
    fn accepting_all_leaves_what_cannot_be_accepted_waiting() {
        let mut s = session();
        for (org, text) in [(Some("a"), "een"), (Some("b"), "twee"), (Some("a"), "drie")] {
            received(&mut s, receive(org, SubmissionKind::Keyword, text));
        }
        received(&mut s, receive(None, SubmissionKind::Question, "vier?"));
        // Municipality b leaves the session before its keyword is accepted.
        apply(&mut s, Edit::RemoveOrganisation(OrgId::new("b")));
        assert_eq!(apply(&mut s, Edit::AcceptAllSubmissions), Outcome::Changed);
        let counts = s.inbox_counts();
        assert_eq!((counts.accepted, counts.pending), (3, 1));
        assert_eq!(s.keyword_count(), 2);
        assert_eq!(
            apply(&mut s, Edit::AcceptAllSubmissions),
            Outcome::Unchanged
        );
        assert_eq!(apply(&mut s, Edit::RejectAllSubmissions), Outcome::Changed);
        assert_eq!(s.inbox_counts().pending, 0);
        assert_eq!(
            apply(&mut s, Edit::RejectAllSubmissions),
            Outcome::Unchanged
        );
    }

    #[test]
    fn replacing_the_session_keeps_what_phones_sent_since() {
        let mut s = session();
        let earlier = s.clone();
        let id = received(&mut s, receive(Some("a"), SubmissionKind::Keyword, "raad"));
        apply(&mut s, Edit::ReplaceSession(Box::new(earlier)));
        assert_eq!(
            s.submission(&id).map(|x| x.status),
            Some(SubmissionStatus::Pending)
        );
    }
}
