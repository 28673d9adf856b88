//! Finding e-mail addresses and telephone numbers in free text, so the
//! public variant can leave them out.
//!
//! Both detectors are written by hand for the ways Dutch civil servants
//! write these things, and are careful about what they must *not* take:
//!
//! - E-mail: `naam@gemeente.nl`, `voor.naam+x@sub.domein.nl`,
//!   `mailto:naam@domein.nl`, and the spelled-out forms `naam[at]domein.nl`,
//!   `naam (at) domein (dot) nl`. An `@` without a domain (`@Anna`, `@ 10
//!   uur`) is not an address.
//! - Telephone: Dutch numbers with 10 digits starting with 0 (`06-12345678`,
//!   `06 1234 5678`, `030-1234567`, `(030) 123 45 67`, `0318 123456`),
//!   the same with `+31` or `0031` in front (`+31 6 1234 5678`,
//!   `+31 (0)30 123 4567`), service numbers (`0800-1234`, `0900-1234567`),
//!   and other international numbers with a `+` (`+32 2 123 45 67`).
//!   Never taken: dates (`04-02-2020`, `4/2/2020`, `2020-02-04`), years
//!   (`2012`), times (`13:30`, `09.00-12.00`), amounts (`€ 1.500.000`,
//!   `12,50`), percentages and counts, and digits inside a longer number or
//!   word.

use std::ops::Range;

/// What a found piece of text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Contact {
    /// An e-mail address.
    Email,
    /// A telephone number.
    Phone,
}

/// Every e-mail address and telephone number in `text`, in order, as byte
/// ranges that do not overlap.
#[must_use]
pub fn find(text: &str) -> Vec<(Range<usize>, Contact)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if let Some(end) = email_at(&chars, i) {
            found.push((chars[i].0..byte_at(text, &chars, end), Contact::Email));
            i = end;
        } else if let Some(end) = phone_at(&chars, i) {
            found.push((chars[i].0..byte_at(text, &chars, end), Contact::Phone));
            i = end;
        } else {
            i += 1;
        }
    }
    found
}

/// The byte offset of char index `index` (the text's length at the end).
fn byte_at(text: &str, chars: &[(usize, char)], index: usize) -> usize {
    chars.get(index).map_or(text.len(), |(b, _)| *b)
}

fn char_at(chars: &[(usize, char)], index: usize) -> Option<char> {
    chars.get(index).map(|(_, c)| *c)
}

/// Whether `chars[at..]` starts with `word`, ignoring ASCII case.
fn starts_with_ignore_case(chars: &[(usize, char)], at: usize, word: &str) -> bool {
    let mut index = at;
    for w in word.chars() {
        match char_at(chars, index) {
            Some(c) if c.eq_ignore_ascii_case(&w) => index += 1,
            _ => return false,
        }
    }
    true
}

// --- E-mail -------------------------------------------------------------------

fn is_local_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-' | '\'')
}

fn is_label_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-'
}

/// The spelled-out forms of `@` and `.`, longest first.
const AT_FORMS: [&str; 7] = [" [at] ", " (at) ", "[at]", "(at)", "{at}", " at ", "@"];
const DOT_FORMS: [&str; 6] = [" [dot] ", " (dot) ", "[dot]", "(dot)", " dot ", "."];

/// The end (char index) of an e-mail address starting at `start`.
fn email_at(chars: &[(usize, char)], start: usize) -> Option<usize> {
    let first = char_at(chars, start)?;
    if !first.is_alphanumeric() && first != '_' {
        return None;
    }
    if start > 0 {
        let before = char_at(chars, start - 1)?;
        if is_local_char(before) || before == '@' {
            return None;
        }
    }
    // `mailto:` belongs to the address.
    let local_start = if starts_with_ignore_case(chars, start, "mailto:") {
        start + 7
    } else {
        start
    };
    let mut i = local_start;
    while char_at(chars, i).is_some_and(is_local_char) {
        i += 1;
    }
    if i == local_start || char_at(chars, i - 1) == Some('.') {
        return None;
    }
    let (after_at, at_form) = AT_FORMS.iter().find_map(|form| {
        starts_with_ignore_case(chars, i, form).then(|| (i + form.chars().count(), *form))
    })?;
    let mut labels = 0;
    let mut spelled_dot = false;
    let mut j = after_at;
    let mut end = after_at;
    loop {
        let label_start = j;
        while char_at(chars, j).is_some_and(is_label_char) {
            j += 1;
        }
        let label: String = chars[label_start..j].iter().map(|(_, c)| *c).collect();
        if label.is_empty() || label.starts_with('-') || label.ends_with('-') {
            break;
        }
        labels += 1;
        end = j;
        let Some((after_dot, form)) = DOT_FORMS.iter().find_map(|form| {
            starts_with_ignore_case(chars, j, form).then(|| (j + form.chars().count(), *form))
        }) else {
            break;
        };
        // A dot must be followed by another label (a sentence's full stop is not).
        if !char_at(chars, after_dot).is_some_and(char::is_alphanumeric) {
            break;
        }
        spelled_dot |= form != ".";
        j = after_dot;
    }
    if labels < 2 {
        return None;
    }
    let tld: String = chars[..end]
        .iter()
        .rev()
        .map(|(_, c)| *c)
        .take_while(|c| is_label_char(*c))
        .collect();
    if tld.chars().count() < 2 || !tld.chars().all(char::is_alphabetic) {
        return None;
    }
    // A bare " at " is English, not an address, unless a spelled-out dot follows.
    if at_form == " at " && !spelled_dot {
        return None;
    }
    Some(end)
}

// --- Telephone ----------------------------------------------------------------

/// A run of digits in a candidate number.
#[derive(Debug, Clone)]
struct Group {
    digits: String,
    /// Written in brackets: "(030)" or "(0)".
    bracketed: bool,
    /// Preceded by a `+`.
    plus: bool,
    /// The separator before it ("" for the first group).
    separator: String,
    /// The char index after the group.
    end: usize,
}

/// Separators between groups of a number, longest first.
const SEPARATORS: [&str; 8] = [" - ", " – ", " / ", " ", "-", "–", ".", "/"];

/// The end (char index) of a telephone number starting at `start`.
fn phone_at(chars: &[(usize, char)], start: usize) -> Option<usize> {
    let first = char_at(chars, start)?;
    if !(first.is_ascii_digit() || first == '+' || first == '(') {
        return None;
    }
    if start > 0 {
        let before = char_at(chars, start - 1)?;
        if before.is_alphanumeric() || matches!(before, '+' | '@' | '€' | '$' | '£' | '_') {
            return None;
        }
        // Inside a longer number, date or time: "1.000.000", "4-2-2020", "13:30".
        if matches!(before, '.' | ',' | ':' | '-' | '/' | '–')
            && start > 1
            && char_at(chars, start - 2).is_some_and(|c| c.is_ascii_digit())
        {
            return None;
        }
    }
    let groups = read_groups(chars, start);
    // The longest run of groups that is a number and ends where a number may end.
    (1..=groups.len()).rev().find_map(|n| {
        let taken = &groups[..n];
        let end = taken[n - 1].end;
        (ends_cleanly(chars, end) && is_phone_number(taken)).then_some(end)
    })
}

/// Reads digit groups and their separators from `start`.
fn read_groups(chars: &[(usize, char)], start: usize) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    let mut i = start;
    let mut separator = String::new();
    let mut total_digits = 0;
    loop {
        let group_start = i;
        let plus = char_at(chars, i) == Some('+');
        if plus {
            if !groups.is_empty() {
                break;
            }
            i += 1;
        }
        let bracketed = char_at(chars, i) == Some('(');
        if bracketed {
            i += 1;
            if !plus && groups.is_empty() && char_at(chars, i) == Some('+') {
                // "(+31)"
                i += 1;
            }
        }
        let digits_start = i;
        while char_at(chars, i).is_some_and(|c| c.is_ascii_digit()) {
            i += 1;
        }
        let digits: String = chars[digits_start..i].iter().map(|(_, c)| *c).collect();
        if digits.is_empty() || digits.len() > 12 {
            break;
        }
        if bracketed {
            if char_at(chars, i) != Some(')') || digits.len() > 5 {
                break;
            }
            i += 1;
        }
        total_digits += digits.len();
        if total_digits > 17 {
            break;
        }
        let plus = plus
            || (bracketed
                && chars[group_start..digits_start]
                    .iter()
                    .any(|(_, c)| *c == '+'));
        groups.push(Group {
            digits,
            bracketed,
            plus,
            separator: std::mem::take(&mut separator),
            end: i,
        });
        // A time ("10:30") or a decimal ("12,50") is not part of a number.
        if matches!(char_at(chars, i), Some(':' | ',')) {
            break;
        }
        // "(030)123…", "(0)6…": digits straight after a bracket.
        if bracketed && char_at(chars, i).is_some_and(|c| c.is_ascii_digit()) {
            continue;
        }
        let Some(form) = SEPARATORS.iter().find(|form| {
            let len = form.chars().count();
            starts_with_ignore_case(chars, i, form)
                && char_at(chars, i + len).is_some_and(|c| c.is_ascii_digit() || c == '(')
        }) else {
            // "+31(0)6…": a bracket straight after the digits.
            if char_at(chars, i) == Some('(') {
                continue;
            }
            break;
        };
        (*form).clone_into(&mut separator);
        i += form.chars().count();
    }
    groups
}

/// Whether a number may end at `end`: not inside a word, another number, a
/// time or a decimal.
fn ends_cleanly(chars: &[(usize, char)], end: usize) -> bool {
    let Some(next) = char_at(chars, end) else {
        return true;
    };
    if next.is_alphanumeric() || next == '_' || next == '@' {
        return false;
    }
    let after = char_at(chars, end + 1);
    !(matches!(next, '.' | ',' | ':' | '-' | '/' | '–')
        && after.is_some_and(|c| c.is_ascii_digit()))
}

/// Whether the groups are a telephone number.
fn is_phone_number(groups: &[Group]) -> bool {
    let digits: String = groups.iter().map(|g| g.digits.as_str()).collect();
    let first = &groups[0];
    if first.plus {
        return international(groups, &digits);
    }
    if let Some(rest) = digits.strip_prefix("00") {
        if let Some(national) = rest.strip_prefix("31") {
            return dutch_after_country_code(groups, national, first.digits.len() > 4);
        }
        // Another country's number dialled with 00.
        return !rest.starts_with('0') && (9..=15).contains(&rest.len()) && groups.len() > 1;
    }
    dutch(groups, &digits)
}

/// "+31 6 1234 5678", "+32 2 123 45 67".
fn international(groups: &[Group], digits: &str) -> bool {
    if let Some(national) = digits.strip_prefix("31") {
        return dutch_after_country_code(groups, national, groups[0].digits.len() > 2);
    }
    (9..=15).contains(&digits.len())
        && !digits.starts_with('0')
        && (groups.len() > 1 || digits.len() >= 10)
}

/// The digits after "+31"/"0031", with an optional "(0)" group.
fn dutch_after_country_code(groups: &[Group], national: &str, joined: bool) -> bool {
    // "+31 (0)30 …": the bracketed 0 is the trunk prefix, written for Dutch readers.
    let national = if !joined
        && groups
            .get(1)
            .is_some_and(|g| g.bracketed && g.digits == "0")
    {
        national.strip_prefix('0').unwrap_or(national)
    } else {
        national
    };
    let with_trunk = format!("0{national}");
    dutch_digits(&with_trunk)
}

/// A Dutch number written without a country code.
fn dutch(groups: &[Group], digits: &str) -> bool {
    if !dutch_digits(digits) {
        return false;
    }
    // Grouped: the first group is the area code ("06", "030", "0318") or the
    // whole number; the others are groups of at least two digits.
    if groups.len() > 1 {
        let area = groups[0].digits.len();
        if !(2..=4).contains(&area)
            || groups[1..]
                .iter()
                .any(|g| g.digits.len() < 2 || g.bracketed)
        {
            return false;
        }
        if looks_like_a_date(groups) || looks_like_a_time(groups) {
            return false;
        }
    }
    true
}

/// A Dutch subscriber or mobile number (10 digits from 0), or a service
/// number (0800, 0900, 0906, 0909 with 4 or 7 more digits).
fn dutch_digits(digits: &str) -> bool {
    if !digits.starts_with('0') || digits.starts_with("00") {
        return false;
    }
    if ["0800", "0900", "0906", "0909"]
        .iter()
        .any(|p| digits.starts_with(p))
    {
        return matches!(digits.len(), 8 | 11);
    }
    digits.len() == 10
}

/// "09.00-12.00": hours and minutes with a dot (a 0900 number otherwise).
fn looks_like_a_time(groups: &[Group]) -> bool {
    let number = |g: &Group| g.digits.parse::<u32>().unwrap_or(99);
    groups.len() >= 2
        && groups[1].separator == "."
        && groups[0].digits.len() <= 2
        && groups[1].digits.len() == 2
        && number(&groups[0]) <= 24
        && number(&groups[1]) < 60
}

/// "06-02-2020" and "06.02.20": day, month and year with one separator, not
/// followed by more groups with that separator.
fn looks_like_a_date(groups: &[Group]) -> bool {
    if groups.len() < 3 {
        return false;
    }
    let separator = &groups[1].separator;
    if !matches!(separator.as_str(), "-" | "/" | "." | "–") || groups[2].separator != *separator {
        return false;
    }
    let number = |g: &Group| g.digits.parse::<u32>().unwrap_or(0);
    let (day, month, year) = (&groups[0], &groups[1], &groups[2]);
    let date_shaped = day.digits.len() <= 2
        && month.digits.len() <= 2
        && matches!(year.digits.len(), 2 | 4)
        && (1..=31).contains(&number(day))
        && (1..=12).contains(&number(month));
    let continues = groups.get(3).is_some_and(|g| g.separator == *separator);
    date_shaped && !continues
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(&str, Contact)> {
        find(text)
            .into_iter()
            .map(|(range, kind)| (&text[range], kind))
            .collect()
    }

    fn phones(text: &str) -> Vec<&str> {
        found(text)
            .into_iter()
            .filter(|(_, k)| *k == Contact::Phone)
            .map(|(t, _)| t)
            .collect()
    }

    fn emails(text: &str) -> Vec<&str> {
        found(text)
            .into_iter()
            .filter(|(_, k)| *k == Contact::Email)
            .map(|(t, _)| t)
            .collect()
    }

    #[test]
    fn dutch_telephone_numbers_in_every_usual_spelling() {
        for number in [
            "06-12345678",
            "06 12345678",
            "06 1234 5678",
            "06-1234 5678",
            "06 12 34 56 78",
            "06-12-34-56-78",
            "0612345678",
            "06 - 12345678",
            "+31 6 1234 5678",
            "+31612345678",
            "+31 (0)6 12345678",
            "+31(0)612345678",
            "+31-6-12345678",
            "0031 6 12345678",
            "(+31) 6 12345678",
            "030-1234567",
            "030 123 45 67",
            "(030) 123 45 67",
            "(030) 1234567",
            "0301234567",
            "030-123 45 67",
            "0318 123456",
            "0318-123456",
            "+31 (0)30 123 4567",
            "+31 30 123 4567",
            "088 123 4567",
            "0800-1234",
            "0900-1234567",
            "030.123.45.67",
            "+32 2 123 45 67",
            "+44 20 7946 0958",
            "0032 2 123 45 67",
        ] {
            let text = format!("Bel {number}, graag.");
            assert_eq!(phones(&text), [number], "{text}");
            assert_eq!(phones(number), [number], "alone: {number}");
            let text = format!("({number})");
            assert_eq!(phones(&text), [number], "{text}");
        }
    }

    #[test]
    fn dates_years_times_amounts_and_counts_are_not_numbers() {
        for text in [
            "4 februari 2020",
            "04-02-2020",
            "06-02-2020",
            "06-02-2020 10:00",
            "06-02-2020 13.30",
            "4/2/2020",
            "06/12/2020",
            "2020-02-04",
            "04.02.2020",
            "06.02.20",
            "Werkgroep 2022",
            "Maart '18:",
            "2012",
            "2019-2020",
            "13:30",
            "13:30–16:30",
            "09.00-12.00 uur",
            "09.00 - 12.00",
            "10.00-17.00",
            "€ 1.500.000",
            "€1.234.567,89",
            "12,50 euro",
            "0,5 fte",
            "100% discussie/invulling",
            "1 Begroting",
            "Org.ontw. traject 5 stappen",
            "raad 1^o woord",
            "24 van 12 gemeenten",
            "postcode 3701 AB Zeist",
            "Postbus 200, 3700 AE",
            "KvK 12345678",
            "BSN 123456782",
            "versie 0.1.0",
            "art. 2.3.4",
            "12345678901",
            "06-1234",
            "030-12345",
            "0612345678901",
            "ISBN 978-90-1234-567-8",
            "NL91ABNA0417164300",
            "1-2-3-4-5",
            "9 juni, 3 dagen",
            "score 0-1",
        ] {
            assert!(phones(text).is_empty(), "{text}: {:?}", phones(text));
        }
    }

    #[test]
    fn a_number_next_to_a_date_or_time_is_still_found() {
        assert_eq!(
            phones("Op 04-02-2020 om 10:00 bellen: 06-12345678."),
            ["06-12345678"]
        );
        assert_eq!(phones("09.00 uur 0612345678"), ["0612345678"]);
        assert_eq!(
            phones("tel. 030-1234567 of 06 1234 5678"),
            ["030-1234567", "06 1234 5678"]
        );
    }

    #[test]
    fn email_addresses_in_their_usual_and_spelled_out_forms() {
        for address in [
            "anna@zeist.nl",
            "a.de.vries@gemeente-zeist.nl",
            "Anna.DeVries+m50@sub.zeist.nl",
            "o'brien@example.org",
            "mailto:anna@zeist.nl",
            "anna[at]zeist.nl",
            "anna(at)zeist.nl",
            "anna [at] zeist [dot] nl",
            "anna (at) zeist (dot) nl",
            "anna at zeist dot nl",
            "josé@gemeente.nl",
        ] {
            let text = format!("Mail {address}.");
            assert_eq!(emails(&text), [address], "{text}");
            let text = format!("<{address}>");
            assert_eq!(emails(&text), [address], "{text}");
        }
    }

    #[test]
    fn mentions_and_loose_at_signs_are_not_addresses() {
        for text in [
            "@Anna zorgt voor de zaal",
            "@CANVAS",
            "mail info@ of @ 10 uur",
            "anna@localhost",
            "wij zijn at home",
            "kijk at zeist.nl",
            "anna@zeist.",
            "anna@-zeist.nl",
            "anna@zeist.n1",
            "a@b",
        ] {
            assert!(emails(text).is_empty(), "{text}: {:?}", emails(text));
        }
    }
}
