//! Size limits that keep the console responsive with huge input (a 1 MB
//! paste into a keyword field): fields stop accepting text at these lengths.

/// The longest keyword, in characters (a keyword is a few words on a card).
pub const KEYWORD_MAX_CHARS: usize = 500;

/// The longest experiment title, in characters.
pub const TITLE_MAX_CHARS: usize = 300;

/// The longest synthesis bullet, in characters (several sentences).
pub const BULLET_MAX_CHARS: usize = 4000;

/// The most minutes an agenda item or a speaker may be planned for: a day.
pub const MINUTES_MAX: u32 = 1440;
