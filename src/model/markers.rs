//! Quick markers in a typed synthesis bullet:
//!
//! - `! ` at the start makes an action, `? ` at the start an open question;
//! - `@Name` (after a space or at the start, before a letter) names an
//!   action's owner; in other bullets an `@` is ordinary text;
//! - `#tag` (after a space or at the start, before a letter) adds a tag;
//! - a backslash before `!`, `?`, `@`, `#` or `\` makes it ordinary text.
//!
//! A keyword reads only `#tag` (and its backslash escape), see
//! [`parse_keyword`].
//!
//! Ordinary text keeps its question marks and @-signs: "Hoe bewust leer je?"
//! or "info@m50.nl" stay exactly as typed.

/// What a typed bullet turns into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BulletKind {
    /// An ordinary bullet in the current block.
    Bullet,
    /// An action (`! `).
    Action,
    /// An open question (`? `).
    Question,
}

/// A typed bullet after its markers were read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedBullet {
    /// Bullet, action or open question.
    pub kind: BulletKind,
    /// The text without markers, escapes resolved, spaces tidied.
    pub text: String,
    /// The owner named with `@` (actions only).
    pub owner: Option<String>,
    /// Tags named with `#`, without the `#`, in order, without duplicates.
    pub tags: Vec<String>,
}

const ESCAPABLE: [char; 5] = ['!', '?', '@', '#', '\\'];

/// Reads the markers of one typed bullet.
#[must_use]
pub fn parse_bullet(input: &str) -> ParsedBullet {
    let trimmed = input.trim();
    let (kind, rest) = if let Some(rest) = trimmed.strip_prefix("! ") {
        (BulletKind::Action, rest)
    } else if let Some(rest) = trimmed.strip_prefix("? ") {
        (BulletKind::Question, rest)
    } else {
        (BulletKind::Bullet, trimmed)
    };

    let (text, owner, tags) = read_markers(rest, kind);
    ParsedBullet {
        kind,
        text,
        owner,
        tags,
    }
}

/// A typed keyword after its `#tags` were read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedKeyword {
    /// The text without tags, escapes resolved, spaces tidied.
    pub text: String,
    /// Tags named with `#`, without the `#`, in order, without duplicates.
    pub tags: Vec<String>,
}

/// Reads the `#tags` of one typed keyword ("rol raad #raad"): the same
/// rules as in bullets, but `!`, `?` and `@` stay ordinary text.
#[must_use]
pub fn parse_keyword(input: &str) -> ParsedKeyword {
    let (text, _, tags) = read_markers(input.trim(), BulletKind::Bullet);
    ParsedKeyword { text, tags }
}

/// A keyword's text and tags as the keyword field shows them for editing:
/// `#` in the text escaped, the tags appended, so Enter gives them back.
#[must_use]
pub fn keyword_field_text(text: &str, tags: &[String]) -> String {
    let mut field = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '#' || (c == '\\' && chars.peek().is_some_and(|n| ESCAPABLE.contains(n))) {
            field.push('\\');
        }
        field.push(c);
    }
    for tag in tags {
        field.push_str(" #");
        field.push_str(tag);
    }
    field
}

/// The markers of a typed text after its kind prefix: the text without
/// them, the owner (actions only) and the tags.
fn read_markers(rest: &str, kind: BulletKind) -> (String, Option<String>, Vec<String>) {
    let chars: Vec<char> = rest.chars().collect();
    let mut text = String::with_capacity(rest.len());
    let mut owner: Option<String> = None;
    let mut tags: Vec<String> = Vec::new();
    let mut removed_marker = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let at_word_start = i == 0 || chars[i - 1].is_whitespace();
        let next_is_letter = chars.get(i + 1).is_some_and(|n| n.is_alphabetic());
        if c == '\\' && chars.get(i + 1).is_some_and(|n| ESCAPABLE.contains(n)) {
            text.push(chars[i + 1]);
            i += 2;
            continue;
        }
        let is_owner = c == '@' && kind == BulletKind::Action && owner.is_none();
        if (is_owner || c == '#') && at_word_start && next_is_letter {
            let start = i + 1;
            let mut end = start;
            while end < chars.len() && is_name_char(chars[end]) {
                end += 1;
            }
            let word: String = chars[start..end].iter().collect();
            let word = word.trim_end_matches(['-', '.', '/']).to_owned();
            let consumed = start + word.chars().count();
            if c == '@' {
                owner = Some(word);
            } else if !tags.contains(&word) {
                tags.push(word);
            }
            removed_marker = true;
            i = consumed;
            continue;
        }
        text.push(c);
        i += 1;
    }
    // Only where a marker was taken out are spaces tidied: typed text
    // otherwise stays exactly as typed.
    let text = if removed_marker {
        tidy_spaces(&text)
    } else {
        text
    };
    (text, owner, tags)
}

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '/')
}

/// Collapses the runs of spaces left where markers were taken out, and
/// puts punctuation left alone back against the word before it.
fn tidy_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for part in text.split(' ').filter(|part| !part.is_empty()) {
        let punctuation_only = part.chars().all(|c| matches!(c, '.' | ',' | ';' | ':'));
        if !out.is_empty() && !punctuation_only {
            out.push(' ');
        }
        out.push_str(part);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(text: &str) -> ParsedBullet {
        ParsedBullet {
            kind: BulletKind::Bullet,
            text: text.into(),
            owner: None,
            tags: Vec::new(),
        }
    }

    #[test]
    fn seed_bullets_stay_verbatim() {
        for text in [
            "Er gebeurt heel veel- veel experimenten",
            "Wat is het perspectief/ verwachtingen van inwoners? Inwoners willen niet altijd meedenken/ praten. Zij verwachten soms gewoon excellente dienstverlening.",
            "Hoe bewust leer je? Zijn we inderdaad een lerende organisatie? Interessant in dit verband is het onderzoek van Berenschot wat binnenkort verschijnt; Leren Participeren.",
            "Wie wil gastgemeente zijn voor één van deze bijeenkomsten?",
            "Thorbecke experimenten- vergroten voorstellingsvermogen o.a. aan de hand van de inspiratiebundel die in juni verschijnt (eind juni)",
            "mail info@m50.nl of @ 10 uur",
        ] {
            assert_eq!(parse_bullet(text), plain(text));
        }
    }

    #[test]
    fn action_with_owner_and_tag() {
        let parsed = parse_bullet("! Inspiratiebundel delen @VNG #thorbecke");
        assert_eq!(parsed.kind, BulletKind::Action);
        assert_eq!(parsed.text, "Inspiratiebundel delen");
        assert_eq!(parsed.owner.as_deref(), Some("VNG"));
        assert_eq!(parsed.tags, ["thorbecke"]);
    }

    #[test]
    fn question_marker_and_owner_only_for_actions() {
        let parsed = parse_bullet("? Wie is gastgemeente @Zeist");
        assert_eq!(parsed.kind, BulletKind::Question);
        assert_eq!(parsed.text, "Wie is gastgemeente @Zeist");
        assert_eq!(parsed.owner, None);
    }

    #[test]
    fn tags_anywhere_in_ordinary_bullets() {
        let parsed = parse_bullet("#participatie Participeren waar energie ligt #energie.");
        assert_eq!(parsed.text, "Participeren waar energie ligt.");
        assert_eq!(parsed.tags, ["participatie", "energie"]);
        // A '#' not before a letter is text.
        assert_eq!(parse_bullet("stap #1 en # 2"), plain("stap #1 en # 2"));
    }

    #[test]
    fn backslash_escapes_markers() {
        assert_eq!(parse_bullet("\\! geen actie"), plain("! geen actie"));
        assert_eq!(parse_bullet("\\? geen vraag"), plain("? geen vraag"));
        assert_eq!(parse_bullet("geen \\#tag"), plain("geen #tag"));
        let parsed = parse_bullet("! mail \\@Zeist");
        assert_eq!(parsed.text, "mail @Zeist");
        assert_eq!(parsed.owner, None);
        assert_eq!(parse_bullet("pad C:\\map"), plain("pad C:\\map"));
    }

    #[test]
    fn keywords_read_tags_only() {
        let parsed = parse_keyword("rol raad? #raad #Rol");
        assert_eq!(parsed.text, "rol raad?");
        assert_eq!(parsed.tags, ["raad", "Rol"]);
        let plain = parse_keyword("! toch @Zeist stap #1");
        assert_eq!(plain.text, "! toch @Zeist stap #1");
        assert!(plain.tags.is_empty());
        assert_eq!(parse_keyword("geen \\#tag").text, "geen #tag");
    }

    #[test]
    fn an_edited_keyword_keeps_its_text_and_tags() {
        for (text, tags) in [
            ("rol raad", vec!["raad".to_owned()]),
            ("geen #tag hier", vec![]),
            ("pad C:\\map \\# en", vec!["x".to_owned(), "y".to_owned()]),
        ] {
            let field = keyword_field_text(text, &tags);
            let parsed = parse_keyword(&field);
            assert_eq!((parsed.text.as_str(), parsed.tags), (text, tags), "{field}");
        }
    }

    #[test]
    fn markers_need_their_space() {
        assert_eq!(parse_bullet("!belangrijk"), plain("!belangrijk"));
        assert_eq!(parse_bullet("?"), plain("?"));
    }
}
