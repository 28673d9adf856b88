//! Whole-session undo and redo. Each edit pushes the session as it was
//! before; at most [`UNDO_LIMIT`] steps are kept.

use crate::model::Session;

/// How many edits can be undone.
pub const UNDO_LIMIT: usize = 200;

/// The undo and redo stacks.
#[derive(Debug, Default, Clone)]
pub struct History {
    undo: Vec<Session>,
    redo: Vec<Session>,
    /// The typing target of the last recorded edit (see [`History::record`]).
    last_group: Option<String>,
}

impl History {
    /// Records the session as it was before an edit; clears the redo stack.
    /// Consecutive edits with the same `group` (typing in one form field)
    /// make one undo step, so a field edit is undone as a whole.
    pub fn record(&mut self, before: Session, group: Option<String>) {
        let same_group = group.is_some() && group == self.last_group;
        self.last_group = group;
        self.redo.clear();
        if same_group {
            return;
        }
        self.undo.push(before);
        if self.undo.len() > UNDO_LIMIT {
            self.undo.remove(0);
        }
    }

    /// The session before the last edit, swapping `current` onto the redo stack.
    pub fn undo(&mut self, current: &Session) -> Option<Session> {
        self.last_group = None;
        let previous = self.undo.pop()?;
        self.redo.push(current.clone());
        Some(previous)
    }

    /// The session after the last undone edit.
    pub fn redo(&mut self, current: &Session) -> Option<Session> {
        self.last_group = None;
        let next = self.redo.pop()?;
        self.undo.push(current.clone());
        Some(next)
    }

    /// Applies `change` to every kept session (undo and redo alike): for a
    /// change that is no edit, such as photo paths rewritten by "save as",
    /// which must hold whatever step is undone later.
    pub fn rewrite_all(&mut self, mut change: impl FnMut(&mut Session)) {
        self.undo
            .iter_mut()
            .chain(self.redo.iter_mut())
            .for_each(&mut change);
    }

    /// Whether there is anything to undo.
    #[must_use]
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is anything to redo.
    #[must_use]
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Forgets everything (a different session was opened).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
        self.last_group = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titled(title: &str) -> Session {
        let mut s = Session::default();
        s.header.title = title.into();
        s
    }

    #[test]
    fn undo_and_redo_walk_the_history() {
        let mut h = History::default();
        h.record(titled("a"), None);
        h.record(titled("b"), None);
        let current = titled("c");
        let b = h.undo(&current).unwrap();
        assert_eq!(b.header.title, "b");
        let a = h.undo(&b).unwrap();
        assert_eq!(a.header.title, "a");
        assert!(h.undo(&a).is_none());
        let b_again = h.redo(&a).unwrap();
        assert_eq!(b_again.header.title, "b");
        h.record(titled("x"), None);
        assert!(!h.can_redo(), "a new edit clears redo");
    }

    #[test]
    fn typing_in_one_field_is_one_step() {
        let mut h = History::default();
        h.record(titled(""), Some("title".into()));
        h.record(titled("a"), Some("title".into()));
        h.record(titled("ab"), Some("title".into()));
        h.record(titled("abc"), Some("other".into()));
        let current = titled("abcd");
        assert_eq!(h.undo(&current).unwrap().header.title, "abc");
        assert_eq!(h.undo(&current).unwrap().header.title, "");
        assert!(!h.can_undo());
    }

    #[test]
    fn history_keeps_at_least_a_hundred_steps() {
        let mut h = History::default();
        for i in 0..=UNDO_LIMIT + 10 {
            h.record(titled(&i.to_string()), None);
        }
        let mut current = titled("now");
        let mut steps = 0;
        while let Some(previous) = h.undo(&current) {
            current = previous;
            steps += 1;
        }
        assert_eq!(steps, UNDO_LIMIT);
        assert!(steps >= 100);
    }
}
