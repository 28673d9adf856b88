//! Stable identifiers: things refer to each other by id, never by position.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($(#[$doc:meta] $name:ident),* $(,)?) => {$(
        #[$doc]
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// Wraps an id string as it is stored in the file.
            pub fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }

            /// The id as stored in the file.
            #[must_use]
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    )*};
}

id_type!(
    /// Identifies an organisation (a municipality or a guest).
    OrgId,
    /// Identifies a participant.
    ParticipantId,
    /// Identifies an agenda item.
    ItemId,
    /// Identifies an experiment.
    ExperimentId,
    /// Identifies a keyword on an experiment card.
    KeywordId,
    /// Identifies a note.
    NoteId,
    /// Identifies a bullet in a synthesis block (at any depth).
    BulletId,
    /// Identifies an action.
    ActionId,
    /// Identifies a planned next meeting.
    MeetingId,
    /// Identifies an attached image.
    AttachmentId,
    /// Identifies something a phone in the room sent.
    SubmissionId,
    /// Identifies a vote the room held.
    VoteId,
);
