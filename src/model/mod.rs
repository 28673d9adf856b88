//! The session model: pure data and rules. No egui, no disk, no clock reads.

pub mod clean;
mod edit;
mod ids;
pub mod inbox;
pub mod limits;
pub mod markers;
mod ops;
pub mod paste;
mod paths;
pub mod people;
mod rules;
pub mod series;
mod session;
pub mod stress;
pub mod templates;
pub mod themes;
mod valid;
pub mod vote;

pub use edit::{Created, Edit, EditError, Outcome, Subject};
pub use ids::{
    ActionId, AttachmentId, BulletId, ExperimentId, ItemId, KeywordId, MeetingId, NoteId, OrgId,
    ParticipantId, SubmissionId, VoteId,
};
pub use inbox::{
    InboxCounts, SUBMISSION_MAX_CHARS, Submission, SubmissionKind, SubmissionStatus,
    clean_submission_text,
};
pub use ops::Card;
pub use paths::{attachment_path, slug};
pub use rules::Problem;
pub use session::{
    Action, ActionStatus, AgendaItem, AgendaKind, Attachment, Attendance, BlockKind, Bullet,
    BulletBlock, Experiment, FORMAT_VERSION, Header, Keyword, Language, MeetingRef, MonthPart,
    NextMeeting, Note, OrgKind, Organisation, Owner, Participant, PlannedDate, Round, Session,
    Speaker, SpeakerStatus, Synthesis, Visibility,
};
pub use vote::{VOTE_MAX_DOTS, VOTE_MAX_OPTIONS, Vote, VoteOption, VoteSource, chosen_options};
