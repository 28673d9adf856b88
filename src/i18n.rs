//! The one translation table: every user-facing string in Dutch and English.
//!
//! Add a line to [`texts!`] below and use it with [`tr`] (or [`trf`] for
//! texts with `{placeholders}`). Dates in the session's language come from
//! [`format_date`], because chrono's month names are English only.

use chrono::{Datelike, NaiveDate};

pub use crate::model::Language;

macro_rules! texts {
    ($($key:ident => $nl:literal, $en:literal;)*) => {
        /// A user-facing text; see [`tr`].
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum T {
            $(
                #[doc = $en]
                $key,
            )*
        }

        impl T {
            /// Every text, for completeness checks.
            pub const ALL: &'static [T] = &[$(T::$key),*];

            /// The text in the given language.
            #[must_use]
            pub fn get(self, lang: Language) -> &'static str {
                match self {
                    $(T::$key => match lang {
                        Language::Nl => $nl,
                        Language::En => $en,
                    },)*
                }
            }
        }
    };
}

texts! {
    // --- Application and window ---
    AppName => "Leerkring", "Leerkring";
    Untitled => "Naamloos", "Untitled";
    UntitledCopy => "naamloze kopie, wordt bewaard in de herstelmap", "untitled copy, kept in the recovery folder";

    // --- Commands (menu, buttons, cheat sheet) ---
    MenuFile => "Bestand", "File";
    MenuLanguage => "Taal", "Language";
    CmdOpen => "Sessie openen…", "Open session…";
    CmdOpenSample => "Voorbeeldsessie openen (M50, 4 februari 2020)", "Open the sample session (M50, 4 February 2020)";
    CmdSave => "Opslaan", "Save";
    CmdQuit => "Afsluiten", "Quit";
    LanguageNl => "Nederlands", "Nederlands";
    LanguageEn => "English", "English";

    // --- Save state in the top bar (placeholders: {time}) ---
    SavedAt => "opgeslagen {time}", "saved {time}";
    NotSaved => "niet opgeslagen", "not saved";
    NothingToSave => "geen wijzigingen", "no changes";

    // --- Session overview ---
    Agenda => "Agenda", "Agenda";
    Experiments => "Experimenten", "Experiments";
    Minutes => "{n} min", "{n} min";
    AgendaTotal => "Totaal {n} min", "Total {n} min";
    ParticipantsOf => "{n} deelnemers van {m} gemeenten", "{n} participants from {m} municipalities";
    MunicipalitiesOnly => "{m} gemeenten", "{m} municipalities";
    Guests => "Gasten: {names}", "Guests: {names}";
    NoExperiments => "Nog geen experimenten.", "No experiments yet.";
    NoAgenda => "Nog geen agendapunten.", "No agenda items yet.";
    KindOpening => "Opening", "Opening";
    KindRound => "Ronde", "Round";
    KindPresentation => "Presentatie", "Presentation";
    KindDiscussion => "Gesprek", "Discussion";
    KindSynthesis => "Synthese", "Synthesis";
    KindBreak => "Pauze", "Break";
    KindClosing => "Afsluiting", "Closing";

    // --- Start screen and notices (placeholders: {file}, {detail}) ---
    StartTitle => "Welkom bij Leerkring", "Welcome to Leerkring";
    StartIntro => "Open een sessie om te beginnen.", "Open a session to begin.";
    RecentSessions => "Recente sessies", "Recent sessions";
    OpenPathLabel => "Of typ het pad van een sessiebestand", "Or type the path of a session file";
    OpenPathButton => "Openen", "Open";
    CouldNotOpen => "Kon de sessie niet openen", "Could not open the session";
    FileUntouched => "Het bestand is niet gewijzigd.", "The file has not been changed.";
    SaveFailed => "Opslaan is mislukt", "Saving failed";
    NoFileDialog => "Er is geen bestandskiezer beschikbaar op dit systeem. Geef het bestand mee bij het starten: leerkring SESSIE.json", "No file chooser is available on this system. Pass the file when starting: leerkring SESSION.json";
    Dismiss => "Sluiten", "Dismiss";
    NoOpenGl => "Leerkring kan geen venster openen: deze computer biedt geen bruikbare OpenGL (versie 2 of hoger). Dit gebeurt vaak via extern bureaublad. Start Leerkring op de computer zelf, of werk de grafische driver bij.\n\nTechnische details: {detail}", "Leerkring cannot open a window: this computer offers no usable OpenGL (version 2 or later). This often happens over remote desktop. Start Leerkring on the computer itself, or update the graphics driver.\n\nTechnical details: {detail}";

    // --- Command line (placeholders: {file}, {title}, {date}, {counts}, {detail}) ---
    CliCheckOk => "{file}: {title} ({date}): {counts}", "{file}: {title} ({date}): {counts}";
    CliCheckFailed => "{file}: fout: {detail}", "{file}: error: {detail}";
    CliNoDate => "zonder datum", "no date";
    CliCountMunicipality => "{n} gemeente", "{n} municipality";
    CliCountMunicipalities => "{n} gemeenten", "{n} municipalities";
    CliCountGuest => "{n} gast", "{n} guest";
    CliCountGuests => "{n} gasten", "{n} guests";
    CliCountExperiment => "{n} experiment", "{n} experiment";
    CliCountExperiments => "{n} experimenten", "{n} experiments";
    CliCountKeyword => "{n} trefwoord", "{n} keyword";
    CliCountKeywords => "{n} trefwoorden", "{n} keywords";
    CliCountParticipant => "{n} deelnemer", "{n} participant";
    CliCountParticipants => "{n} deelnemers", "{n} participants";
    CliParticipantsUnknown => "aantal deelnemers onbekend", "number of participants unknown";
    CliUsageError => "{detail}\nZie 'leerkring --help'.", "{detail}\nSee 'leerkring --help'.";
    CliUnknownOption => "onbekende optie '{detail}'", "unknown option '{detail}'";
    CliTooManyFiles => "geef één sessiebestand om te openen, niet meer", "give one session file to open, not more";
    CliCheckNeedsFiles => "'leerkring check' heeft minstens één bestand nodig", "'leerkring check' needs at least one file";
    CliSchemaTakesNothing => "'leerkring schema' heeft geen argumenten", "'leerkring schema' takes no arguments";
    CliHelpMain => "Leerkring: console, projectorbord en verslag voor een leerkring.\n\nGebruik:\n  leerkring [SESSIE.json]      open de app (zonder bestand: de laatste sessie, of de voorbeeldsessie)\n  leerkring check BESTAND...   controleer sessiebestanden; één regel per bestand\n  leerkring schema             druk het JSON Schema van het bestandsformaat af\n\nOpties:\n  -h, --help      deze hulp (ook na een opdracht: leerkring check --help)\n  -V, --version   de versie\n\nToetsen in de app: Ctrl+S opslaan, Ctrl+O openen, Ctrl+Q afsluiten.", "Leerkring: console, projector whiteboard and report for a learning circle.\n\nUsage:\n  leerkring [SESSION.json]     open the app (without a file: the last session, or the sample session)\n  leerkring check FILE...      check session files; one line per file\n  leerkring schema             print the JSON Schema of the file format\n\nOptions:\n  -h, --help      this help (also after a command: leerkring check --help)\n  -V, --version   the version\n\nKeys in the app: Ctrl+S save, Ctrl+O open, Ctrl+Q quit.";
    CliHelpCheck => "Gebruik: leerkring check BESTAND...\n\nLeest elk sessiebestand zonder het te wijzigen en drukt per bestand één regel af:\ntitel, datum, gemeenten, gasten, experimenten, trefwoorden en deelnemers,\nof wat er mis is. Eindigt met een foutcode als een bestand niet in orde is.", "Usage: leerkring check FILE...\n\nReads each session file without changing it and prints one line per file:\ntitle, date, municipalities, guests, experiments, keywords and participants,\nor what is wrong. Exits with an error code when any file is not in order.";
    CliHelpSchema => "Gebruik: leerkring schema\n\nDrukt het JSON Schema van het sessieformaat (versie {version}) af.", "Usage: leerkring schema\n\nPrints the JSON Schema of the session format (version {version}).";

    // --- Store: loading (placeholders: {file}, {line}, {column}, {field}, {detail}, {found}, {supported}) ---
    // (section owned by the store; keep the placeholders in both languages)
    // Also {size} and {limit} (file sizes), {id} and {count} (consistency problems).
    // Texts that start lower-case follow "headline: " in a message.
    StoreFileMissing => "Het sessiebestand {file} bestaat niet", "The session file {file} does not exist";
    StoreFileUnreadable => "Het sessiebestand {file} kan niet worden gelezen", "Could not read the session file {file}";
    StoreFileTooLarge => "{file} is te groot voor een sessiebestand ({size}; maximaal {limit})", "{file} is too large for a session file ({size}; at most {limit})";
    StoreFileNotUsable => "{file} is geen bruikbaar sessiebestand", "{file} is not a usable session file";
    StoreIsFolder => "het is een map, geen bestand", "it is a folder, not a file";
    StoreNotOrdinaryFile => "het is geen gewoon bestand", "it is not an ordinary file";
    StoreNoPermission => "geen toegang (onvoldoende rechten)", "access denied (not enough permissions)";
    StoreEmpty => "het bestand is leeg", "the file is empty";
    StoreNotJson => "regel {line}, kolom {column}: {detail}", "line {line}, column {column}: {detail}";
    StoreCutOff => "het bestand houdt onverwacht op; misschien is het afgebroken", "the file ends unexpectedly; it may have been cut off";
    StoreWrongShapeAt => "bij {field}: {detail}", "at {field}: {detail}";
    StoreNotASession => "het bestand bevat geen sessie", "the file does not contain a session";
    StoreVersionMissing => "het formaatnummer ontbreekt", "the format number is missing";
    StoreVersionNotNumber => "het formaatnummer is geen geheel getal", "the format number is not a whole number";
    StoreVersionUnknown => "dit formaatnummer bestaat niet", "this format number does not exist";
    StoreNewerFormat => "het is gemaakt met een nieuwere versie van Leerkring (bestandsformaat {found}; deze versie leest tot en met {supported}); werk Leerkring bij om het te openen", "it was made with a newer version of Leerkring (file format {found}; this version reads up to {supported}); update Leerkring to open it";
    StoreInconsistent => "de onderdelen van de sessie passen niet bij elkaar: {detail}", "the parts of the session do not fit together: {detail}";
    StoreDuplicateId => "de id \"{id}\" komt meer dan één keer voor", "the id \"{id}\" is used more than once";
    StoreDanglingReference => "{field} verwijst naar \"{id}\", maar dat bestaat niet", "{field} refers to \"{id}\", which does not exist";
    StoreMoreProblems => "en nog {count}", "and {count} more";

    // --- Store: saving (placeholders: {file}, {detail}) ---
    StoreSaveFailed => "{file} kon niet worden opgeslagen", "Could not save {file}";
    StoreReadOnly => "het bestand is alleen-lezen", "the file is read-only";
    StoreDiskFull => "de schijf is vol", "the disk is full";
    StoreFolderMissing => "de map bestaat niet", "the folder does not exist";
    StoreNoFileName => "dit pad is geen bestandsnaam", "the path does not name a file";
}

/// The text `key` in `lang`.
#[must_use]
pub fn tr(lang: Language, key: T) -> &'static str {
    key.get(lang)
}

/// The text `key` in `lang` with each `{name}` replaced by its value.
#[must_use]
pub fn trf(lang: Language, key: T, args: &[(&str, &str)]) -> String {
    let mut text = key.get(lang).to_owned();
    for (name, value) in args {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

const MONTHS_NL: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The name of month `month` (1 to 12) in `lang`; empty for an invalid month.
#[must_use]
pub fn month_name(lang: Language, month: u32) -> &'static str {
    let names = match lang {
        Language::Nl => &MONTHS_NL,
        Language::En => &MONTHS_EN,
    };
    month
        .checked_sub(1)
        .and_then(|i| names.get(i as usize))
        .copied()
        .unwrap_or("")
}

/// A date written out as in a letter: "4 februari 2020" or "4 February 2020".
#[must_use]
pub fn format_date(lang: Language, date: NaiveDate) -> String {
    format!(
        "{} {} {}",
        date.day(),
        month_name(lang, date.month()),
        date.year()
    )
}

/// The language the environment's locale asks for (`LC_ALL`, `LC_MESSAGES`,
/// `LANG`): Dutch for `nl…`, English for `en…`, otherwise `default`.
#[must_use]
pub fn language_from_env(default: Language) -> Language {
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|var| std::env::var(var).ok().filter(|v| !v.is_empty()))
        .unwrap_or_default()
        .to_ascii_lowercase();
    if locale.starts_with("nl") {
        Language::Nl
    } else if locale.starts_with("en") {
        Language::En
    } else {
        default
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_follow_the_language() {
        let date = NaiveDate::from_ymd_opt(2020, 2, 4).expect("valid date");
        assert_eq!(format_date(Language::Nl, date), "4 februari 2020");
        assert_eq!(format_date(Language::En, date), "4 February 2020");
    }

    #[test]
    fn placeholders_are_filled() {
        assert_eq!(trf(Language::En, T::AppName, &[("x", "y")]), "Leerkring");
    }

    #[test]
    fn every_text_has_both_languages() {
        for key in T::ALL {
            assert!(!key.get(Language::Nl).is_empty(), "{key:?} lacks Dutch");
            assert!(!key.get(Language::En).is_empty(), "{key:?} lacks English");
        }
    }
}
