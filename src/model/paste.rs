//! Quick setup by pasting: municipalities one per line, participants from a
//! mail, Word or Excel list (with their organisation linked or made), and
//! agenda lines such as `Ronde: experimenten | 60 | ronde`. Each parser
//! returns what it will add and every line it will not, with the reason, so
//! the setup can show a summary before anything is applied and nothing is
//! ever dropped silently. The matching edits ([`super::Edit::PasteMunicipalities`],
//! [`super::Edit::PasteParticipants`], [`super::Edit::PasteAgenda`]) apply
//! exactly what these plans say.

use std::collections::HashMap;

use super::ids::{ItemId, ParticipantId};
use super::limits::{MINUTES_MAX, TITLE_MAX_CHARS};
use super::people::clean_pasted;
use super::session::{
    AgendaItem, AgendaKind, BlockKind, OrgKind, Participant, Round, Session, Speaker, SpeakerStatus,
};

/// Why a pasted line is not used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineProblem {
    /// The line repeats an earlier line of the paste (its number, from 1).
    Duplicate(usize),
    /// The session already has this municipality or participant.
    AlreadyThere,
    /// The line holds no name (only an e-mail address, a number, signs).
    NoName,
    /// The line names an organisation, not a person.
    OrganisationOnly,
    /// The name or title is longer than [`TITLE_MAX_CHARS`].
    TooLong,
    /// The minutes are not a number from 0 to [`MINUTES_MAX`].
    BadMinutes(String),
    /// The kind of agenda item is not one Leerkring knows.
    UnknownKind(String),
    /// More than three parts between `|` (title, minutes, kind).
    TooManyParts,
    /// The header row of a table ("Naam, Organisatie, Functie"): its columns
    /// were used to read the rows below it.
    HeaderRow,
}

/// A pasted line that is not used, with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedLine {
    /// The line's number in the pasted text, from 1.
    pub line: usize,
    /// The line as pasted (trimmed).
    pub text: String,
    /// Why it is not used.
    pub problem: LineProblem,
}

/// What pasting municipalities will do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MunicipalityPlan {
    /// The new municipalities, in order.
    pub names: Vec<String>,
    /// The lines not used.
    pub skipped: Vec<SkippedLine>,
}

/// One participant a paste will add.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedParticipant {
    /// The name.
    pub name: String,
    /// The organisation's name as it will be in the session (empty: none).
    pub organisation: String,
    /// The role (may be empty).
    pub role: String,
}

/// What pasting participants will do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParticipantPlan {
    /// The participants to add, in order.
    pub participants: Vec<PlannedParticipant>,
    /// Organisations that will be made, with their kind, in order.
    pub new_organisations: Vec<(String, OrgKind)>,
    /// How many participants are linked to an organisation the session has.
    pub linked: usize,
    /// The lines not used.
    pub skipped: Vec<SkippedLine>,
}

impl ParticipantPlan {
    /// How many new organisations of this kind the paste makes.
    #[must_use]
    pub fn new_of_kind(&self, kind: OrgKind) -> usize {
        self.new_organisations
            .iter()
            .filter(|(_, k)| *k == kind)
            .count()
    }
}

/// One agenda item a paste will add.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedItem {
    /// Its title.
    pub title: String,
    /// Its kind (given, or guessed from the title).
    pub kind: AgendaKind,
    /// Planned minutes.
    pub minutes: u32,
    /// The synthesis block it fills, guessed from the title.
    pub block: Option<BlockKind>,
}

/// What pasting agenda lines will do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AgendaPlan {
    /// The items to add, in order.
    pub items: Vec<PlannedItem>,
    /// The lines not used.
    pub skipped: Vec<SkippedLine>,
}

impl AgendaPlan {
    /// The planned minutes of all items together.
    #[must_use]
    pub fn minutes(&self) -> u32 {
        self.items.iter().map(|i| i.minutes).sum()
    }
}

/// The minutes an agenda item gets when its line names none.
pub const DEFAULT_ITEM_MINUTES: u32 = 10;

/// Lowercase, spaces collapsed: how names are compared.
fn key(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Takes a bullet, a number ("1.", "12)") or a check box off a line.
fn strip_bullet(line: &str) -> &str {
    let line = line
        .trim_start_matches([
            '•', '·', '-', '*', '–', '—', '▪', '◦', '○', '■', '□', '☐', '>',
        ])
        .trim_start();
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 {
        let rest = &line[digits..];
        // "1. Zwolle" and "2) Anna", never "13.30" or "1.000".
        if let Some(rest) = rest.strip_prefix('.').or_else(|| rest.strip_prefix(')'))
            && rest.starts_with(char::is_whitespace)
        {
            return rest.trim_start();
        }
    }
    line
}

/// "Gemeente Zwolle" → "Zwolle"; other names unchanged.
fn without_gemeente(name: &str) -> &str {
    let trimmed = name.trim();
    let lower = trimmed.to_lowercase();
    for prefix in ["gemeente ", "municipality of "] {
        if lower.starts_with(prefix) && trimmed.len() > prefix.len() {
            return trimmed[prefix.len()..].trim();
        }
    }
    trimmed
}

/// Whether a name has something in it to call a name: a letter.
fn has_letter(text: &str) -> bool {
    text.chars().any(char::is_alphabetic)
}

/// The lines of a paste, cleaned and numbered from 1, without bullets;
/// blank lines are left out (they carry nothing).
fn numbered_lines(text: &str) -> Vec<(usize, String)> {
    clean_pasted(text)
        .lines()
        .enumerate()
        .map(|(i, line)| (i + 1, strip_bullet(line.trim()).trim().to_owned()))
        .filter(|(_, line)| !line.is_empty())
        .collect()
}

fn skipped(line: usize, text: &str, problem: LineProblem) -> SkippedLine {
    SkippedLine {
        line,
        text: text.to_owned(),
        problem,
    }
}

// --- Municipalities ---

/// Reads municipalities, one per line (or several on a line, separated by
/// tabs, commas or semicolons); "Gemeente " in front is left off. A name the
/// session already has, or one repeated in the paste, is skipped with the
/// reason.
#[must_use]
pub fn plan_municipalities(session: &Session, text: &str) -> MunicipalityPlan {
    let mut plan = MunicipalityPlan::default();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (number, line) in numbered_lines(text) {
        let parts: Vec<&str> = if line.contains(['\t', ',', ';']) {
            line.split(['\t', ',', ';'])
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .collect()
        } else {
            vec![line.as_str()]
        };
        for part in parts {
            let name = collapse(without_gemeente(strip_bullet(part)));
            if !has_letter(&name) {
                plan.skipped
                    .push(skipped(number, part, LineProblem::NoName));
            } else if name.chars().count() > TITLE_MAX_CHARS {
                plan.skipped
                    .push(skipped(number, part, LineProblem::TooLong));
            } else if let Some(first) = seen.get(&key(&name)) {
                plan.skipped
                    .push(skipped(number, part, LineProblem::Duplicate(*first)));
            } else if session.find_organisation(&name).is_some() {
                plan.skipped
                    .push(skipped(number, part, LineProblem::AlreadyThere));
            } else {
                seen.insert(key(&name), number);
                plan.names.push(name);
            }
        }
    }
    plan
}

// --- Participants ---

/// Which column of a pasted table holds what.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Name,
    FirstName,
    Infix,
    LastName,
    Organisation,
    Role,
    Ignored,
}

/// The column a header cell names, when it is a header word.
fn header_column(cell: &str) -> Option<Column> {
    let cell = key(cell.trim_end_matches(':'));
    Some(match cell.as_str() {
        "naam" | "name" | "volledige naam" | "full name" | "deelnemer" | "participant"
        | "deelnemers" | "participants" => Column::Name,
        "voornaam" | "first name" | "firstname" | "given name" => Column::FirstName,
        "tussenvoegsel" | "tussenv." | "tv" => Column::Infix,
        "achternaam" | "last name" | "lastname" | "surname" | "family name" => Column::LastName,
        "organisatie" | "gemeente" | "organisation" | "organization" | "municipality"
        | "werkgever" | "employer" => Column::Organisation,
        "functie" | "rol" | "role" | "function" | "job title" | "title" => Column::Role,
        "e-mail" | "email" | "e-mailadres" | "mail" | "telefoon" | "phone" | "aanwezig"
        | "present" | "nr" | "nr." | "#" | "" => Column::Ignored,
        _ => return None,
    })
}

/// The columns of a header row, when every cell is a header word and one
/// of them names the person.
fn header_row(cells: &[&str]) -> Option<Vec<Column>> {
    let columns: Option<Vec<Column>> = cells.iter().map(|c| header_column(c)).collect();
    let columns = columns?;
    columns
        .iter()
        .any(|c| matches!(c, Column::Name | Column::FirstName | Column::LastName))
        .then_some(columns)
}

/// Whether a text is (or starts with) an e-mail address.
fn is_email(text: &str) -> bool {
    let text = text.trim().trim_matches(['<', '>', '(', ')']);
    text.contains('@') && !text.contains(' ') && text.contains('.')
}

/// The text without e-mail addresses (`<a@b.nl>`, `(a@b.nl)`, bare `a@b.nl`),
/// and whether one was there.
fn without_emails(text: &str) -> (String, bool) {
    let mut found = false;
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('<') {
        if let Some(end) = rest[start..].find('>')
            && rest[start..start + end].contains('@')
        {
            found = true;
            out.push_str(&rest[..start]);
            rest = &rest[start + end + 1..];
        } else {
            out.push_str(&rest[..=start]);
            rest = &rest[start + 1..];
        }
    }
    out.push_str(rest);
    let words: Vec<&str> = out
        .split(' ')
        .filter(|w| {
            let email = is_email(w);
            found |= email;
            !email
        })
        .collect();
    (
        words.join(" ").trim().trim_matches(['"', '\'']).to_owned(),
        found,
    )
}

/// Words that mark an organisation as a guest rather than a municipality.
const GUEST_WORDS: &[&str] = &[
    "vng",
    "ministerie",
    "ministry",
    "provincie",
    "province",
    "universiteit",
    "university",
    "hogeschool",
    "stichting",
    "foundation",
    "bureau",
    "b.v.",
    "bv",
    "instituut",
    "institute",
    "kennis",
    "waterschap",
    "ggd",
    "veiligheidsregio",
    "vereniging",
    "association",
    "platform",
    "netwerk",
    "network",
    "academie",
    "rijk",
    "rijksoverheid",
    "agency",
    "advies",
    "consultancy",
];

/// Whether a newly named organisation is a municipality or a guest:
/// "Gemeente X" and plain place names are municipalities; names with a word
/// such as "VNG", "ministerie" or "stichting" are guests.
#[must_use]
pub fn guess_kind(written: &str) -> OrgKind {
    let lower = written.trim().to_lowercase();
    if lower.starts_with("gemeente ") || lower.starts_with("municipality ") {
        return OrgKind::Municipality;
    }
    let guest = lower
        .split(|c: char| !c.is_alphanumeric() && c != '.')
        .any(|word| {
            GUEST_WORDS
                .iter()
                .any(|g| word == *g || word.starts_with(g))
        });
    if guest {
        OrgKind::Guest
    } else {
        OrgKind::Municipality
    }
}

/// Whether a cell looks like an organisation (known to the session, made
/// earlier in this paste, or written as one).
fn looks_like_organisation(session: &Session, made: &[(String, OrgKind)], cell: &str) -> bool {
    let lower = cell.trim().to_lowercase();
    session.find_organisation(cell).is_some()
        || made
            .iter()
            .any(|(n, _)| key(n) == key(without_gemeente(cell)))
        || lower.starts_with("gemeente ")
        || (guess_kind(cell) == OrgKind::Guest && cell.split_whitespace().count() <= 4)
}

/// One person read from a line: name, organisation as written, role.
#[derive(Debug, Clone, Default)]
struct Read {
    name: String,
    organisation: String,
    role: String,
}

/// Reads a line that is not a table row: "Naam (Gemeente)", "Naam – functie,
/// Gemeente", "Naam - Organisatie", "Naam, Organisatie[, Functie]".
fn read_free_line(session: &Session, made: &[(String, OrgKind)], line: &str) -> Read {
    // "Naam (Gemeente)" or "Naam (functie, Gemeente)".
    if let Some(open) = line.find('(')
        && line.trim_end().ends_with(')')
    {
        let name = line[..open].trim();
        let inside = line[open + 1..line.trim_end().len() - 1].trim();
        let (role, organisation) = match inside.rsplit_once([',', ';']) {
            Some((role, org)) => (role.trim(), org.trim()),
            None => ("", inside),
        };
        return Read {
            name: name.to_owned(),
            organisation: organisation.to_owned(),
            role: role.to_owned(),
        };
    }
    // "Naam – functie, Gemeente" or "Naam - Organisatie".
    for dash in [" – ", " — ", " - "] {
        if let Some((name, rest)) = line.split_once(dash) {
            let (role, organisation) = match rest.rsplit_once([',', ';']) {
                Some((role, org)) => (role.trim(), org.trim()),
                None => ("", rest.trim()),
            };
            return Read {
                name: name.trim().to_owned(),
                organisation: organisation.to_owned(),
                role: role.to_owned(),
            };
        }
    }
    // "Naam, Organisatie, Functie" — or "Naam, Functie, Gemeente X": the
    // cell that is clearly an organisation is the organisation.
    let cells: Vec<&str> = line
        .split([',', ';'])
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    read_cells(session, made, &cells)
}

/// Reads cells (of a row without a header, or a line split at commas): the
/// first is the name; of the others, the first that is clearly an
/// organisation is the organisation (else the second cell), the rest the role.
fn read_cells(session: &Session, made: &[(String, OrgKind)], cells: &[&str]) -> Read {
    let Some((name, rest)) = cells.split_first() else {
        return Read::default();
    };
    let org_at = rest
        .iter()
        .position(|c| looks_like_organisation(session, made, c))
        .unwrap_or(0);
    let organisation = rest.get(org_at).copied().unwrap_or_default();
    let role = rest
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != org_at)
        .map(|(_, c)| *c)
        .collect::<Vec<_>>()
        .join(", ");
    Read {
        name: (*name).to_owned(),
        organisation: organisation.to_owned(),
        role,
    }
}

/// Reads a table row by its header's columns.
fn read_row(columns: &[Column], cells: &[String]) -> Read {
    let mut read = Read::default();
    let (mut first, mut infix, mut last) = (String::new(), String::new(), String::new());
    for (column, cell) in columns.iter().zip(cells) {
        let cell = cell.trim();
        match column {
            Column::Name => cell.clone_into(&mut read.name),
            Column::FirstName => cell.clone_into(&mut first),
            Column::Infix => cell.clone_into(&mut infix),
            Column::LastName => cell.clone_into(&mut last),
            Column::Organisation => cell.clone_into(&mut read.organisation),
            Column::Role => cell.clone_into(&mut read.role),
            Column::Ignored => {}
        }
    }
    if read.name.is_empty() {
        read.name = [first, infix, last]
            .iter()
            .filter(|s| !s.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join(" ");
    }
    read
}

/// Splits an Outlook address line ("Anna <a@x.nl>; Bo <b@y.nl>") into one
/// entry per address; any other line stays whole.
fn split_recipients(line: &str) -> Vec<String> {
    let addresses = line.matches('@').count();
    if addresses > 1 && !line.contains('\t') {
        let parts: Vec<String> = line
            .split(';')
            .flat_map(|part| {
                if part.matches('@').count() > 1 {
                    part.split(',').map(str::to_owned).collect::<Vec<_>>()
                } else {
                    vec![part.to_owned()]
                }
            })
            .map(|p| p.trim().to_owned())
            .filter(|p| !p.is_empty())
            .collect();
        if parts.len() > 1 {
            return parts;
        }
    }
    vec![line.to_owned()]
}

/// Reads participants from a mail, Word or Excel list: tab-separated rows
/// (with a header row naming the columns, or name, organisation, role),
/// "Naam (Gemeente)", "Naam – functie, Gemeente", "Naam - Organisatie",
/// "Naam, Organisatie, Functie", address lines from a mail. An organisation
/// the session has is linked; another is made (a municipality, or a guest
/// when its name says so, such as "VNG" or "Ministerie van BZK").
#[must_use]
pub fn plan_participants(session: &Session, text: &str) -> ParticipantPlan {
    let mut plan = ParticipantPlan::default();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let known: Vec<String> = session.participants.iter().map(|p| key(&p.name)).collect();
    let mut columns: Option<Vec<Column>> = None;
    for (number, line) in numbered_lines(text) {
        if line.contains('\t') {
            let cells: Vec<&str> = line.split('\t').collect();
            if let Some(header) = header_row(&cells) {
                columns = Some(header);
                plan.skipped
                    .push(skipped(number, &line, LineProblem::HeaderRow));
                continue;
            }
        } else if line.contains([',', ';']) && !line.contains('@') {
            let cells: Vec<&str> = line.split([',', ';']).map(str::trim).collect();
            if let Some(header) = header_row(&cells)
                && cells.len() > 1
            {
                columns = Some(header);
                plan.skipped
                    .push(skipped(number, &line, LineProblem::HeaderRow));
                continue;
            }
        } else if header_column(&line).is_some_and(|c| c != Column::Ignored) {
            plan.skipped
                .push(skipped(number, &line, LineProblem::HeaderRow));
            continue;
        }
        for entry in split_recipients(&line) {
            let read = if entry.contains('\t') {
                let cells: Vec<String> = entry.split('\t').map(|c| without_emails(c).0).collect();
                if let Some(columns) = &columns {
                    read_row(columns, &cells)
                } else {
                    let cells: Vec<&str> = cells
                        .iter()
                        .map(|c| c.trim())
                        .filter(|c| !c.is_empty())
                        .collect();
                    read_cells(session, &plan.new_organisations, &cells)
                }
            } else {
                read_free_line(session, &plan.new_organisations, &without_emails(&entry).0)
            };
            let name = collapse(strip_bullet(&read.name));
            let organisation = collapse(&read.organisation);
            let role = collapse(&read.role);
            if !has_letter(&name) {
                plan.skipped
                    .push(skipped(number, &entry, LineProblem::NoName));
                continue;
            }
            if organisation.is_empty()
                && role.is_empty()
                && (name.to_lowercase().starts_with("gemeente ")
                    || session.find_organisation(&name).is_some())
            {
                plan.skipped
                    .push(skipped(number, &entry, LineProblem::OrganisationOnly));
                continue;
            }
            if name.chars().count() > TITLE_MAX_CHARS
                || organisation.chars().count() > TITLE_MAX_CHARS
                || role.chars().count() > TITLE_MAX_CHARS
            {
                plan.skipped
                    .push(skipped(number, &entry, LineProblem::TooLong));
                continue;
            }
            if let Some(first) = seen.get(&key(&name)) {
                plan.skipped
                    .push(skipped(number, &entry, LineProblem::Duplicate(*first)));
                continue;
            }
            if known.contains(&key(&name)) {
                plan.skipped
                    .push(skipped(number, &entry, LineProblem::AlreadyThere));
                continue;
            }
            seen.insert(key(&name), number);
            let organisation = if organisation.is_empty() {
                String::new()
            } else if let Some(org) = session.find_organisation(&organisation) {
                plan.linked += 1;
                org.name.clone()
            } else {
                let bare_name = collapse(without_gemeente(&organisation));
                if let Some((made, _)) = plan
                    .new_organisations
                    .iter()
                    .find(|(n, _)| key(n) == key(&bare_name))
                {
                    made.clone()
                } else {
                    plan.new_organisations
                        .push((bare_name.clone(), guess_kind(&organisation)));
                    bare_name
                }
            };
            plan.participants.push(PlannedParticipant {
                name,
                organisation,
                role,
            });
        }
    }
    plan
}

// --- Agenda ---

/// The kind a word names ("ronde", "round", "pauze", …).
fn kind_word(word: &str) -> Option<AgendaKind> {
    Some(match key(word).as_str() {
        "opening" | "welkom" | "welcome" | "opening en welkom" => AgendaKind::Opening,
        "ronde" | "round" | "rondje" => AgendaKind::Round,
        "presentatie" | "presentation" | "inleiding" | "gast" | "guest" | "inspiratie"
        | "inspiration" | "talk" => AgendaKind::Presentation,
        "gesprek" | "discussie" | "discussion" | "bespreking" | "dialoog" | "dialogue" => {
            AgendaKind::Discussion
        }
        "synthese" | "synthesis" | "oogst" | "harvest" => AgendaKind::Synthesis,
        "pauze" | "break" | "koffie" | "coffee" | "lunch" => AgendaKind::Break,
        "afsluiting" | "afsluiten" | "closing" | "close" | "einde" | "end" => AgendaKind::Closing,
        _ => return None,
    })
}

/// The synthesis block a title names ("Wat valt op?", "Waar liggen de kansen?").
#[must_use]
pub fn block_from_title(title: &str) -> Option<BlockKind> {
    let t = key(title);
    let has = |words: &[&str]| words.iter().any(|w| t.contains(w));
    if has(&["wat valt op", "what stands out", "observation", "opvallend"]) {
        Some(BlockKind::Observations)
    } else if has(&["kansen", "opportunit"]) {
        Some(BlockKind::Opportunities)
    } else if has(&["open vragen", "open question"]) {
        Some(BlockKind::OpenQuestions)
    } else if has(&["voorstel", "proposal"]) {
        Some(BlockKind::Proposals)
    } else if has(&["afspraken", "besluit", "decision", "agreement"]) {
        Some(BlockKind::Decisions)
    } else if has(&["vervolg", "follow-up", "follow up", "next steps"]) {
        Some(BlockKind::FollowUp)
    } else {
        None
    }
}

/// The kind an item's title suggests, when its line names none.
fn kind_from_title(title: &str) -> AgendaKind {
    let t = key(title);
    let first = t.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    if let Some(kind) = kind_word(first) {
        return kind;
    }
    let has = |words: &[&str]| words.iter().any(|w| t.contains(w));
    if has(&["ronde", "round"]) {
        AgendaKind::Round
    } else if has(&["pauze", "break", "koffie", "coffee", "lunch"]) {
        AgendaKind::Break
    } else if has(&["opening", "welkom", "welcome"]) {
        AgendaKind::Opening
    } else if has(&["afsluiting", "closing", "afsluiten"]) {
        AgendaKind::Closing
    } else if block_from_title(title).is_some() {
        AgendaKind::Synthesis
    } else {
        AgendaKind::Discussion
    }
}

/// Reads "60", "60 min", "60 minuten", "1:30" (an hour and a half), "1 uur".
fn parse_minutes(text: &str) -> Option<u32> {
    let t = key(text);
    if let Some((h, m)) = t.split_once([':', '.'])
        && let (Ok(h), Ok(m)) = (h.trim().parse::<u32>(), m.trim().parse::<u32>())
        && m < 60
    {
        return h.checked_mul(60)?.checked_add(m);
    }
    let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
    let number: u32 = digits.parse().ok()?;
    let unit = t[digits.len()..].trim();
    match unit {
        "" | "m" | "min" | "min." | "mins" | "minuut" | "minuten" | "minute" | "minutes" | "'" => {
            Some(number)
        }
        "u" | "uur" | "h" | "hour" | "hours" | "uren" => number.checked_mul(60),
        _ => None,
    }
}

/// A clock time at the start of a line ("13:30", "13.30"), in minutes after
/// midnight, and the rest of the line.
fn leading_time(text: &str) -> Option<(u32, &str)> {
    let t = text.trim_start();
    let hours: String = t.chars().take_while(char::is_ascii_digit).collect();
    if hours.is_empty() || hours.len() > 2 {
        return None;
    }
    let rest = t[hours.len()..].strip_prefix([':', '.'])?;
    let minutes: String = rest.chars().take_while(char::is_ascii_digit).collect();
    if minutes.len() != 2 {
        return None;
    }
    let (h, m): (u32, u32) = (hours.parse().ok()?, minutes.parse().ok()?);
    (h < 24 && m < 60).then_some((h * 60 + m, &rest[2..]))
}

/// Takes "13:30", "13:30 - 13:40" or "13:30–13:40 uur" off the front of a
/// title; returns the minutes between a range's two times.
fn strip_times(title: &str) -> (&str, Option<u32>) {
    let Some((from, rest)) = leading_time(title) else {
        return (title, None);
    };
    let after_dash = rest.trim_start().strip_prefix(['-', '–', '—']);
    if let Some(after) = after_dash
        && let Some((to, rest)) = leading_time(after)
    {
        let rest = rest.trim_start();
        let rest = rest.strip_prefix("uur").unwrap_or(rest);
        return (
            rest.trim_start_matches([' ', ':', '-', '–']),
            to.checked_sub(from),
        );
    }
    (rest.trim_start_matches([' ', ':', '-', '–']), None)
}

/// Reads agenda lines: `Titel | minuten | soort` (also separated by tabs, as
/// from Excel). Minutes and kind may be left out: then the item gets
/// [`DEFAULT_ITEM_MINUTES`] (or the minutes between two times in front, as
/// in "13:30 - 13:40 Opening") and the kind its title suggests. A title
/// that names a synthesis block ("Wat valt op?") fills it.
#[must_use]
pub fn plan_agenda(text: &str) -> AgendaPlan {
    let mut plan = AgendaPlan::default();
    for (number, line) in numbered_lines(text) {
        let parts: Vec<&str> = if line.contains('|') {
            line.split('|').map(str::trim).collect()
        } else {
            line.split('\t').map(str::trim).collect()
        };
        let parts: Vec<&str> = {
            // Trailing empty cells (an Excel row, "a | 10 |") are nothing.
            let mut parts = parts;
            while parts.len() > 1 && parts.last().is_some_and(|p| p.is_empty()) {
                parts.pop();
            }
            parts
        };
        if parts.len() > 3 {
            plan.skipped
                .push(skipped(number, &line, LineProblem::TooManyParts));
            continue;
        }
        let (title, range) = strip_times(parts[0]);
        let title = collapse(title);
        if !has_letter(&title) {
            plan.skipped
                .push(skipped(number, &line, LineProblem::NoName));
            continue;
        }
        if title.chars().count() > TITLE_MAX_CHARS {
            plan.skipped
                .push(skipped(number, &line, LineProblem::TooLong));
            continue;
        }
        let minutes = match parts.get(1).filter(|m| !m.is_empty()) {
            Some(written) => {
                let Some(minutes) = parse_minutes(written).filter(|m| *m <= MINUTES_MAX) else {
                    plan.skipped.push(skipped(
                        number,
                        &line,
                        LineProblem::BadMinutes((*written).to_owned()),
                    ));
                    continue;
                };
                minutes
            }
            None => range
                .filter(|m| *m <= MINUTES_MAX)
                .unwrap_or(DEFAULT_ITEM_MINUTES),
        };
        let kind = match parts.get(2).filter(|k| !k.is_empty()) {
            Some(written) => {
                let Some(kind) = kind_word(written) else {
                    plan.skipped.push(skipped(
                        number,
                        &line,
                        LineProblem::UnknownKind((*written).to_owned()),
                    ));
                    continue;
                };
                kind
            }
            None => kind_from_title(&title),
        };
        let block = match kind {
            AgendaKind::Synthesis | AgendaKind::Discussion | AgendaKind::Closing => {
                block_from_title(&title)
            }
            _ => None,
        };
        plan.items.push(PlannedItem {
            title,
            kind,
            minutes,
            block,
        });
    }
    plan
}

// --- Applying the plans (used by the edits) ---

impl Session {
    /// Adds the municipalities of a plan (each joins every round).
    pub fn add_planned_municipalities(&mut self, plan: &MunicipalityPlan) -> usize {
        for name in &plan.names {
            self.add_organisation(name, OrgKind::Municipality);
        }
        plan.names.len()
    }

    /// Adds the participants of a plan (present), making its new
    /// organisations and linking the others.
    pub fn add_planned_participants(&mut self, plan: &ParticipantPlan) -> usize {
        for (name, kind) in &plan.new_organisations {
            self.add_organisation(name, *kind);
        }
        for p in &plan.participants {
            let organisation = (!p.organisation.is_empty())
                .then(|| {
                    self.find_organisation(&p.organisation)
                        .map(|o| o.id.clone())
                })
                .flatten();
            let id = ParticipantId::new(self.fresh_id("p"));
            self.participants.push(Participant {
                id,
                name: p.name.clone(),
                organisation,
                role: p.role.clone(),
                present: true,
            });
        }
        plan.participants.len()
    }

    /// Adds the items of a plan at the end of the agenda; with `replace`,
    /// the agenda holds only them afterwards (photos of removed items stay,
    /// unlinked). A round gets every municipality as a speaker. A plan with
    /// no items changes nothing, even with `replace`.
    pub fn add_planned_items(&mut self, plan: &AgendaPlan, replace: bool) -> usize {
        if plan.items.is_empty() {
            return 0;
        }
        if replace {
            self.agenda.clear();
            for photo in &mut self.attachments {
                photo.agenda_item = None;
            }
        }
        for planned in &plan.items {
            let id = ItemId::new(self.fresh_id("item"));
            let mut item = AgendaItem::new(id, &planned.title, planned.kind, planned.minutes);
            item.block = planned.block;
            if planned.kind == AgendaKind::Round {
                item.round = Some(Round {
                    speaker_minutes: 5,
                    speakers: self
                        .municipalities()
                        .map(|o| Speaker {
                            organisation: o.id.clone(),
                            status: SpeakerStatus::Waiting,
                            airtime_seconds: 0,
                        })
                        .collect(),
                });
            }
            self.agenda.push(item);
        }
        plan.items.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session_with(orgs: &[&str]) -> Session {
        let mut s = Session::default();
        for name in orgs {
            s.add_organisation(name, OrgKind::Municipality);
        }
        s
    }

    fn names(plan: &ParticipantPlan) -> Vec<&str> {
        plan.participants.iter().map(|p| p.name.as_str()).collect()
    }

    #[test]
    fn municipalities_one_per_line_with_duplicates_and_known_ones() {
        let s = session_with(&["Zwolle"]);
        let plan = plan_municipalities(
            &s,
            "Gemeente Deventer\n\n  Kampen \n• Zwolle\nDeventer\n1. Olst-Wijhe\n12345\n",
        );
        assert_eq!(plan.names, ["Deventer", "Kampen", "Olst-Wijhe"]);
        let problems: Vec<_> = plan
            .skipped
            .iter()
            .map(|s| (s.line, s.problem.clone()))
            .collect();
        assert_eq!(
            problems,
            [
                (4, LineProblem::AlreadyThere),
                (5, LineProblem::Duplicate(1)),
                (7, LineProblem::NoName)
            ]
        );
    }

    #[test]
    fn municipalities_on_one_line_separated_by_commas() {
        let plan = plan_municipalities(&Session::default(), "Zwolle, Deventer; Kampen\tHattem");
        assert_eq!(plan.names, ["Zwolle", "Deventer", "Kampen", "Hattem"]);
        assert!(plan.skipped.is_empty());
    }

    #[test]
    fn excel_rows_with_a_header_use_its_columns() {
        let s = session_with(&["Zwolle"]);
        let text = "Voornaam\tAchternaam\tE-mail\tGemeente\tFunctie\n\
                    Anna\tde Vries\tanna@zwolle.nl\tGemeente Zwolle\tgriffier\n\
                    Bo\tJansen\t\tDeventer\t\n\
                    \n\
                    Anna\tde Vries\tanna@zwolle.nl\tZwolle\tgriffier\n";
        let plan = plan_participants(&s, text);
        assert_eq!(names(&plan), ["Anna de Vries", "Bo Jansen"]);
        assert_eq!(plan.participants[0].organisation, "Zwolle");
        assert_eq!(plan.participants[0].role, "griffier");
        assert_eq!(plan.participants[1].organisation, "Deventer");
        assert_eq!(plan.linked, 1);
        assert_eq!(
            plan.new_organisations,
            [("Deventer".to_owned(), OrgKind::Municipality)]
        );
        assert_eq!(plan.skipped[0].problem, LineProblem::HeaderRow);
        assert_eq!(plan.skipped[1].line, 5);
        assert_eq!(plan.skipped[1].problem, LineProblem::Duplicate(2));
    }

    #[test]
    fn excel_rows_without_a_header_are_name_organisation_role() {
        let plan = plan_participants(
            &Session::default(),
            "Anna de Vries\tZwolle\tgriffier\nBo Jansen\tVNG\n",
        );
        assert_eq!(names(&plan), ["Anna de Vries", "Bo Jansen"]);
        assert_eq!(plan.participants[0].role, "griffier");
        assert_eq!(
            plan.new_organisations,
            [
                ("Zwolle".to_owned(), OrgKind::Municipality),
                ("VNG".to_owned(), OrgKind::Guest)
            ]
        );
    }

    #[test]
    fn name_with_organisation_in_brackets() {
        let plan = plan_participants(
            &Session::default(),
            "Anna de Vries (Gemeente Zwolle)\nPiet Smit (beleidsadviseur, Deventer)\n",
        );
        assert_eq!(names(&plan), ["Anna de Vries", "Piet Smit"]);
        assert_eq!(plan.participants[0].organisation, "Zwolle");
        assert_eq!(plan.participants[1].organisation, "Deventer");
        assert_eq!(plan.participants[1].role, "beleidsadviseur");
    }

    #[test]
    fn name_dash_role_comma_organisation() {
        let plan = plan_participants(
            &Session::default(),
            "Anna de Vries – raadsgriffier, Gemeente Zwolle\nKees Smit - VNG\n",
        );
        assert_eq!(names(&plan), ["Anna de Vries", "Kees Smit"]);
        assert_eq!(plan.participants[0].role, "raadsgriffier");
        assert_eq!(plan.participants[0].organisation, "Zwolle");
        assert_eq!(plan.participants[1].organisation, "VNG");
        assert_eq!(plan.new_of_kind(OrgKind::Guest), 1);
        assert_eq!(plan.new_of_kind(OrgKind::Municipality), 1);
    }

    #[test]
    fn commas_put_the_organisation_where_it_is() {
        let s = session_with(&["Lochem"]);
        let plan = plan_participants(
            &s,
            "Anna de Vries, Lochem, griffier\nBo Jansen, wethouder, Gemeente Kampen\n",
        );
        assert_eq!(plan.participants[0].organisation, "Lochem");
        assert_eq!(plan.participants[0].role, "griffier");
        assert_eq!(plan.participants[1].organisation, "Kampen");
        assert_eq!(plan.participants[1].role, "wethouder");
    }

    #[test]
    fn mail_addresses_are_left_out_and_address_lines_split() {
        let plan = plan_participants(
            &Session::default(),
            "Anna de Vries <a.devries@zwolle.nl>; Bo Jansen <bo@deventer.nl>\n\
             info@gemeente.nl\n",
        );
        assert_eq!(names(&plan), ["Anna de Vries", "Bo Jansen"]);
        assert_eq!(plan.skipped.len(), 1);
        assert_eq!(plan.skipped[0].problem, LineProblem::NoName);
        assert_eq!(plan.skipped[0].line, 2);
    }

    #[test]
    fn blank_lines_are_nothing_and_known_names_are_listed() {
        let mut s = session_with(&["Zwolle"]);
        s.add_planned_participants(&plan_participants(&s, "Anna de Vries, Zwolle"));
        let plan = plan_participants(
            &s,
            "\n\n  \nanna  de vries, Zwolle\nGemeente Zwolle\nNaam\n\t\t\n",
        );
        assert!(plan.participants.is_empty());
        let problems: Vec<_> = plan.skipped.iter().map(|s| s.problem.clone()).collect();
        assert_eq!(
            problems,
            [
                LineProblem::AlreadyThere,
                LineProblem::OrganisationOnly,
                LineProblem::HeaderRow
            ]
        );
    }

    #[test]
    fn a_new_organisation_is_made_once_for_several_people() {
        let mut s = Session::default();
        let plan = plan_participants(
            &s,
            "Anna, Gemeente Zwolle\nBo, Zwolle\nCor (Ministerie van BZK)\n",
        );
        assert_eq!(plan.new_organisations.len(), 2);
        assert_eq!(plan.new_of_kind(OrgKind::Guest), 1);
        assert_eq!(s.add_planned_participants(&plan), 3);
        assert_eq!(s.organisations.len(), 2);
        assert_eq!(
            s.participants[0].organisation,
            s.participants[1].organisation
        );
        assert!(s.problems().is_empty(), "{:?}", s.problems());
    }

    #[test]
    fn agenda_lines_with_minutes_and_kind() {
        let plan = plan_agenda(
            "Opening en welkom | 10 | opening\n\
             Ronde: experimenten | 60 | ronde\n\
             Wat valt op? | 15\n\
             Pauze | 15 min\n\
             Vervolg | 1:00 | gesprek\n\
             Afsluiting\n",
        );
        let kinds: Vec<_> = plan.items.iter().map(|i| (i.kind, i.minutes)).collect();
        assert_eq!(
            kinds,
            [
                (AgendaKind::Opening, 10),
                (AgendaKind::Round, 60),
                (AgendaKind::Synthesis, 15),
                (AgendaKind::Break, 15),
                (AgendaKind::Discussion, 60),
                (AgendaKind::Closing, DEFAULT_ITEM_MINUTES)
            ]
        );
        assert_eq!(plan.items[1].title, "Ronde: experimenten");
        assert_eq!(plan.items[2].block, Some(BlockKind::Observations));
        assert_eq!(plan.items[4].block, Some(BlockKind::FollowUp));
        assert!(plan.skipped.is_empty());
    }

    #[test]
    fn bad_agenda_lines_are_listed_with_the_reason() {
        let plan = plan_agenda(
            "Ronde | zestig | ronde\n\
             Opening | 10 | feest\n\
             a | 1 | 2 | 3\n\
             | 10\n\
             Lang | 5000\n\
             Goed | 5\n",
        );
        assert_eq!(plan.items.len(), 1);
        let problems: Vec<_> = plan
            .skipped
            .iter()
            .map(|s| (s.line, s.problem.clone()))
            .collect();
        assert_eq!(
            problems,
            [
                (1, LineProblem::BadMinutes("zestig".into())),
                (2, LineProblem::UnknownKind("feest".into())),
                (3, LineProblem::TooManyParts),
                (4, LineProblem::NoName),
                (5, LineProblem::BadMinutes("5000".into())),
            ]
        );
    }

    #[test]
    fn agenda_lines_with_clock_times_in_front() {
        let plan = plan_agenda("13:30 - 13:40 Opening\n13.40–14.40 uur Ronde langs de gemeenten\n");
        assert_eq!(plan.items[0].title, "Opening");
        assert_eq!(plan.items[0].minutes, 10);
        assert_eq!(plan.items[1].title, "Ronde langs de gemeenten");
        assert_eq!(plan.items[1].minutes, 60);
        assert_eq!(plan.items[1].kind, AgendaKind::Round);
    }

    #[test]
    fn pasted_rounds_get_every_municipality() {
        let mut s = session_with(&["A", "B"]);
        s.add_planned_items(&plan_agenda("Ronde | 30 | ronde"), true);
        assert_eq!(
            s.agenda[0].round.as_ref().map(|r| r.speakers.len()),
            Some(2)
        );
        assert!(s.problems().is_empty());
    }
}
