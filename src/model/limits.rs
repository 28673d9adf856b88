//! Size and range limits. Typing stops at these lengths, so a 1 MB paste
//! into a keyword field keeps the console responsive; a file is held to
//! the same limits when it is read (see `Session::problems`), so a session
//! from a file can never hold what typing could not have made.

/// The longest keyword, in characters (a keyword is a few words on a card).
pub const KEYWORD_MAX_CHARS: usize = 500;

/// The longest experiment title, in characters. Also the limit of other
/// one-line texts: the meeting's title and facts, names, roles, item
/// titles, captions, headings and theme labels.
pub const TITLE_MAX_CHARS: usize = 300;

/// The longest synthesis bullet, in characters (several sentences). Also
/// the limit of notes and action texts.
pub const BULLET_MAX_CHARS: usize = 4000;

/// The longest relative path of an attachment or of the previous session's file.
pub const PATH_MAX_CHARS: usize = 1000;

/// The longest id, in characters (the app makes ids such as `kw-67`).
pub const ID_MAX_CHARS: usize = 200;

/// The most minutes an agenda item or a speaker may be planned for: a day.
pub const MINUTES_MAX: u32 = 1440;

/// The most speaking time recorded for one speaker, in seconds: a day.
pub const AIRTIME_MAX_SECONDS: u32 = MINUTES_MAX * 60;

/// The largest participant count set by hand.
pub const PARTICIPANT_COUNT_MAX: u32 = 100_000;

/// The earliest year of any date in a session.
pub const YEAR_MIN: i32 = 1900;

/// The latest year of any date in a session.
pub const YEAR_MAX: i32 = 2200;

/// `text` cut to at most `max` characters (never inside a character).
#[must_use]
pub fn truncated(text: &str, max: usize) -> &str {
    match text.char_indices().nth(max) {
        Some((end, _)) => &text[..end],
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_counts_characters_not_bytes() {
        assert_eq!(truncated("ëëë", 2), "ëë");
        assert_eq!(truncated("ab", 5), "ab");
        assert_eq!(truncated("", 0), "");
    }
}
