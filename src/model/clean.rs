//! Text made safe to show: a session may hold control characters (a file
//! from elsewhere, a paste), and none of them may reach a report (XML 1.0
//! refuses them), the beamer, a window title or a terminal (where `ESC`
//! starts an escape sequence that can retitle the window or clear the
//! screen). The session itself keeps its text as it is.

use super::session::{BlockKind, Bullet, Note, Owner, Session};

/// Whether `c` may appear in shown text: not a control character (C0
/// except line feed and tab, DEL, C1) and not one of the non-characters
/// U+FFFE and U+FFFF. A carriage return goes too: line breaks are `\n`.
#[must_use]
pub fn is_shown(c: char) -> bool {
    match c {
        '\n' | '\t' => true,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{fffe}' | '\u{ffff}' => false,
        _ => true,
    }
}

/// `text` without the characters [`is_shown`] refuses; line breaks and
/// tabs are kept.
#[must_use]
pub fn clean(text: &str) -> String {
    text.chars().filter(|&c| is_shown(c)).collect()
}

/// `text` on one line, for a window title or a terminal: control
/// characters removed, line breaks and tabs made spaces, runs of spaces
/// made one, trimmed, and cut to `max` characters with "…" at the end when
/// it was longer.
#[must_use]
pub fn one_line(text: &str, max: usize) -> String {
    let mut out = String::new();
    let mut count = 0;
    let mut space = false;
    for c in text.chars().filter(|&c| is_shown(c)) {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        let needed = usize::from(space) + 1;
        if count + needed > max {
            // No room: end with an ellipsis in place of the last character.
            while count >= max.max(1) {
                out.pop();
                count -= 1;
            }
            let trimmed = out.trim_end().len();
            out.truncate(trimmed);
            out.push('…');
            return out;
        }
        if space {
            out.push(' ');
            count += 1;
            space = false;
        }
        out.push(c);
        count += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_go_line_breaks_and_tabs_stay() {
        let all: String = (0u8..0x20).map(char::from).collect();
        assert_eq!(clean(&all), "\t\n");
        assert_eq!(clean("a\r\nb\u{7f}c\u{fffe}\u{9b}d"), "a\nbcd");
        assert_eq!(clean("שלום 👋 & <b>"), "שלום 👋 & <b>");
    }

    #[test]
    fn terminal_escapes_are_defused_on_one_line() {
        let hostile = "\u{1b}]0;pwned\u{7}Leer\u{1b}[2Jkring\n\tjuni";
        let shown = one_line(hostile, 80);
        assert!(!shown.chars().any(char::is_control), "{shown:?}");
        assert_eq!(shown, "]0;pwnedLeer[2Jkring juni");
    }

    #[test]
    fn long_text_is_shortened_with_an_ellipsis() {
        let long = "x".repeat(10_000_000);
        let shown = one_line(&long, 80);
        assert_eq!(shown.chars().count(), 80);
        assert!(shown.ends_with('…'));
        assert_eq!(one_line("kort", 80), "kort");
        assert_eq!(one_line("  twee   woorden  ", 80), "twee woorden");
        assert_eq!(one_line("abc def", 5), "abc…");
        assert_eq!(one_line("abcdef", 3), "ab…");
    }
}

/// The longest word the beamer shows whole; a longer one (a pasted link,
/// letters typed without a space) is cut to this many characters with
/// "…", so one word can never take a card a page of its own.
pub const SHOWN_WORD_MAX: usize = 40;

/// `text` as a screen shows it: [`clean`], and each word longer than
/// [`SHOWN_WORD_MAX`] characters cut with "…". `None` when it is shown as
/// it is (the common case, found without copying).
#[must_use]
pub fn for_screen(text: &str) -> Option<String> {
    let mut word = 0;
    let mut needed = false;
    for c in text.chars() {
        if !is_shown(c) {
            needed = true;
            break;
        }
        word = if c.is_whitespace() { 0 } else { word + 1 };
        if word > SHOWN_WORD_MAX {
            needed = true;
            break;
        }
    }
    if !needed {
        return None;
    }
    let chars: Vec<char> = text.chars().filter(|&c| is_shown(c)).collect();
    let mut out = String::with_capacity(chars.len().min(4096));
    let mut at = 0;
    while at < chars.len() {
        let space = chars[at].is_whitespace();
        let end = chars[at..]
            .iter()
            .position(|c| c.is_whitespace() != space)
            .map_or(chars.len(), |n| at + n);
        let run = &chars[at..end];
        if !space && run.len() > SHOWN_WORD_MAX {
            out.extend(&run[..SHOWN_WORD_MAX - 1]);
            out.push('…');
        } else {
            out.extend(run);
        }
        at = end;
    }
    Some(out)
}

/// A copy of `session` for a screen (the beamer): every text through
/// [`for_screen`]. Ids, paths and numbers are left alone.
#[must_use]
pub fn screen_copy(session: &Session) -> Session {
    let mut copy = session.clone();
    for_each_text(&mut copy, &mut |text| {
        if let Some(shown) = for_screen(text) {
            *text = shown;
        }
    });
    copy
}

/// Calls `f` on every text of `session` a person wrote or sees (titles,
/// names, notes, keywords, bullets, captions, labels), not on ids or paths.
pub fn for_each_text(session: &mut Session, f: &mut impl FnMut(&mut String)) {
    fn notes(list: &mut [Note], f: &mut impl FnMut(&mut String)) {
        for note in list {
            f(&mut note.text);
        }
    }
    fn bullets(list: &mut [Bullet], f: &mut impl FnMut(&mut String)) {
        for bullet in list {
            f(&mut bullet.text);
            bullet.tags.iter_mut().for_each(&mut *f);
            bullets(&mut bullet.children, f);
        }
    }
    let h = &mut session.header;
    for text in [
        &mut h.title,
        &mut h.network,
        &mut h.theme,
        &mut h.location,
        &mut h.facilitator,
        &mut h.chair,
        &mut h.note_taker,
    ] {
        f(text);
    }
    if let Some(previous) = &mut session.previous {
        f(&mut previous.title);
        for e in &mut previous.experiments {
            f(&mut e.title);
            e.keywords.iter_mut().for_each(&mut *f);
        }
    }
    notes(&mut session.notes, f);
    for o in &mut session.organisations {
        f(&mut o.name);
        notes(&mut o.notes, f);
    }
    for p in &mut session.participants {
        f(&mut p.name);
        f(&mut p.role);
    }
    for item in &mut session.agenda {
        f(&mut item.title);
        notes(&mut item.notes, f);
    }
    for e in &mut session.experiments {
        f(&mut e.title);
        for k in &mut e.keywords {
            f(&mut k.text);
            k.tags.iter_mut().for_each(&mut *f);
        }
        notes(&mut e.notes, f);
    }
    for kind in BlockKind::ALL {
        let block = session.synthesis.block_mut(kind);
        f(&mut block.heading);
        bullets(&mut block.bullets, f);
    }
    for a in &mut session.synthesis.actions {
        f(&mut a.text);
        if let Some(Owner::Name(name)) = &mut a.owner {
            f(name);
        }
        if let Some(from) = &mut a.from {
            f(&mut from.title);
        }
    }
    for m in &mut session.synthesis.next_meetings {
        f(&mut m.theme);
    }
    for a in &mut session.attachments {
        f(&mut a.caption);
    }
    session.themes.labels.values_mut().for_each(&mut *f);
}

#[cfg(test)]
mod screen_tests {
    use super::*;

    #[test]
    fn overlong_words_are_cut_and_control_characters_removed_for_a_screen() {
        assert_eq!(for_screen("gewoon een trefwoord"), None);
        let long = "x".repeat(10_000);
        let shown = for_screen(&format!("voor {long} na")).expect("changed");
        assert_eq!(
            shown,
            format!("voor {}… na", "x".repeat(SHOWN_WORD_MAX - 1))
        );
        assert_eq!(for_screen("a\u{1b}[2Jb").as_deref(), Some("a[2Jb"));
        let exactly = "y".repeat(SHOWN_WORD_MAX);
        assert_eq!(for_screen(&exactly), None);
        assert_eq!(
            for_screen(&format!("{exactly}\u{1}")).as_deref(),
            Some(exactly.as_str())
        );
    }

    #[test]
    fn a_screen_copy_changes_only_what_a_screen_cannot_show() {
        let mut session = Session::default();
        session.header.title = "Leerkring\u{7}".into();
        session.organisations.push(crate::model::Organisation {
            id: crate::model::OrgId::new("o\u{1}"),
            name: "Zeist\u{1}".into(),
            kind: crate::model::OrgKind::Municipality,
            notes: Vec::new(),
            attendance: crate::model::Attendance::Unknown,
        });
        let copy = screen_copy(&session);
        assert_eq!(copy.header.title, "Leerkring");
        assert_eq!(copy.organisations[0].name, "Zeist");
        assert_eq!(copy.organisations[0].id.as_str(), "o\u{1}", "ids stay");
    }
}
