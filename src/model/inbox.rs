//! The room's inbox: what phones in the room sent (a keyword for their
//! municipality's card, a question, a remark for a synthesis block), kept in
//! the session so it is saved like everything else. Nothing in it reaches
//! the whiteboard, the synthesis or the report's content until the
//! facilitator accepts it; accepting makes an ordinary keyword or bullet.

use chrono::NaiveDateTime;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::ids::{OrgId, SubmissionId};
use super::session::{BlockKind, Session};

/// What a phone sent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Submission {
    /// Stable id.
    pub id: SubmissionId,
    /// When it arrived (the laptop's local time).
    pub received: NaiveDateTime,
    /// The organisation the sender chose; `None` for "anonymous".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<OrgId>,
    /// What it is meant to become.
    pub kind: SubmissionKind,
    /// For a remark: the synthesis block that was current when it arrived.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub block: Option<BlockKind>,
    /// The text as sent (cleaned of control and direction characters).
    pub text: String,
    /// Waiting, accepted or rejected.
    #[serde(default)]
    pub status: SubmissionStatus,
}

/// What a submission is meant to become once accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum SubmissionKind {
    /// A keyword on the sender's municipality's card.
    Keyword,
    /// An open question.
    Question,
    /// A bullet in the synthesis block that was current.
    Remark,
}

impl SubmissionKind {
    /// Every kind, in the order the join page offers them.
    pub const ALL: [SubmissionKind; 3] = [
        SubmissionKind::Keyword,
        SubmissionKind::Question,
        SubmissionKind::Remark,
    ];

    /// The name used in forms and files ("keyword", "question", "remark").
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            SubmissionKind::Keyword => "keyword",
            SubmissionKind::Question => "question",
            SubmissionKind::Remark => "remark",
        }
    }

    /// The kind named `code`, if any.
    #[must_use]
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// Where a submission stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum SubmissionStatus {
    /// In the inbox, waiting for the facilitator.
    #[default]
    Pending,
    /// Accepted: it became a keyword or a bullet.
    Accepted,
    /// Rejected: it stays out of the session's content and the report.
    Rejected,
}

/// The longest submission, in characters (as long as a keyword may be).
pub const SUBMISSION_MAX_CHARS: usize = super::limits::KEYWORD_MAX_CHARS;

/// Whether `c` may stay in a submission's text: no control characters (a
/// line break becomes a space elsewhere) and none of the invisible
/// characters that turn the direction of the text around it (an RTL
/// override would make "gemeente" read backwards on the beamer).
fn kept(c: char) -> bool {
    !c.is_control()
        && !matches!(
            c,
            '\u{200E}'..='\u{200F}' // left-to-right and right-to-left marks
                | '\u{202A}'..='\u{202E}' // embeddings and overrides
                | '\u{2066}'..='\u{2069}' // isolates
                | '\u{061C}' // Arabic letter mark
                | '\u{FEFF}' // byte order mark
        )
}

/// A phone's text as the console and the beamer show it: line breaks and
/// tabs become single spaces, control and direction-changing characters
/// are left out, and the ends are trimmed. Markup is kept as plain text
/// (every view escapes or paints text as text).
#[must_use]
pub fn clean_submission_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
        } else if kept(c) {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

/// How many submissions arrived and what became of them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct InboxCounts {
    /// Every submission received.
    pub received: usize,
    /// Still waiting.
    pub pending: usize,
    /// Accepted.
    pub accepted: usize,
    /// Rejected.
    pub rejected: usize,
}

impl Session {
    /// The submission with this id.
    #[must_use]
    pub fn submission(&self, id: &SubmissionId) -> Option<&Submission> {
        self.inbox.iter().find(|s| &s.id == id)
    }

    /// The submissions still waiting, oldest first.
    pub fn pending_submissions(&self) -> impl Iterator<Item = &Submission> {
        self.inbox
            .iter()
            .filter(|s| s.status == SubmissionStatus::Pending)
    }

    /// How many submissions arrived, wait, were accepted and rejected.
    #[must_use]
    pub fn inbox_counts(&self) -> InboxCounts {
        let mut counts = InboxCounts {
            received: self.inbox.len(),
            ..InboxCounts::default()
        };
        for s in &self.inbox {
            match s.status {
                SubmissionStatus::Pending => counts.pending += 1,
                SubmissionStatus::Accepted => counts.accepted += 1,
                SubmissionStatus::Rejected => counts.rejected += 1,
            }
        }
        counts
    }

    /// Keeps every submission of `other` that this session lacks (as
    /// waiting, since what it became is not here): used when undo, redo or
    /// a restored version replaces the session, so a phone's submission,
    /// once acknowledged, is never lost that way.
    pub fn keep_submissions_from(&mut self, other: &Session) {
        for submission in &other.inbox {
            if self.submission(&submission.id).is_none() {
                self.inbox.push(Submission {
                    status: SubmissionStatus::Pending,
                    ..submission.clone()
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_one_line_without_control_or_direction_characters() {
        assert_eq!(
            clean_submission_text("  raad\n\t1e\r\nwoord  "),
            "raad 1e woord"
        );
        assert_eq!(clean_submission_text("a\u{202E}gnaal\u{202C}b"), "agnaalb");
        assert_eq!(clean_submission_text("x\u{0007}\u{001B}[31my"), "x[31my");
        assert_eq!(clean_submission_text("\u{2066}iso\u{2069}"), "iso");
        assert_eq!(clean_submission_text("\u{FEFF}\u{200F}"), "");
        // Markup stays text: the views escape it.
        assert_eq!(
            clean_submission_text("<script>alert(1)</script>"),
            "<script>alert(1)</script>"
        );
        // Letters of every script stay.
        assert_eq!(clean_submission_text("ë é ö — مرحبا"), "ë é ö — مرحبا");
    }

    #[test]
    fn kinds_have_stable_codes() {
        for kind in SubmissionKind::ALL {
            assert_eq!(SubmissionKind::from_code(kind.code()), Some(kind));
        }
        assert_eq!(SubmissionKind::from_code("poll"), None);
    }
}
