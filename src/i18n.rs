//! The one translation table: every user-facing string in Dutch and English.
//!
//! Add a line to [`texts!`] below and use it with [`tr`] (or [`trf`] for
//! texts with `{placeholders}`). Dates in the session's language come from
//! [`format_date`], because chrono's month names are English only.

use chrono::{Datelike, NaiveDate};

use crate::model::{MonthPart, PlannedDate};

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
    UntitledCopy => "naamloze kopie, opgeslagen in de herstelmap", "untitled copy, saved in the recovery folder";

    // --- Commands: cheat-sheet groups, refused edits ---
    GroupFile => "Bestand, vensters en verslag", "File, windows and report";
    GroupMeeting => "Bijeenkomst en agenda", "Meeting and agenda";
    GroupBeamer => "Beamer", "Beamer";
    GroupTyping => "Typen, ongedaan maken en zoeken", "Typing, undo and find";
    EditRefused => "Niet gewijzigd", "Not changed";
    BusyOpening => "Bezig met openen…", "Opening…";
    BusySaving => "Bezig met opslaan…", "Saving…";
    BusyReading => "Bezig met lezen…", "Reading…";
    BusyPhotos => "Foto's worden gekopieerd…", "Copying photos…";
    BusySettings => "Instellingen worden opgeslagen…", "Saving the settings…";
    HistoryLoading => "Eerdere versies worden gelezen…", "Reading the earlier versions…";
    TextRefusedTooLong => "Te lang: hier passen hoogstens {n} tekens.", "Too long: at most {n} characters fit here.";
    MinutesOutOfRange => "{n} minuten kan niet: kies 0 tot 1440 (een dag).", "{n} minutes is not possible: choose 0 to 1440 (a day).";
    ThemeMergeCycle => "Deze thema's zijn al samengevoegd: samenvoegen zou een kring maken.", "These themes are already merged: merging them would make a circle.";

    // --- Photos ---
    CmdAddPhoto => "Foto toevoegen…", "Add photo…";
    CmdRemovePhoto => "Foto verwijderen", "Remove photo";
    CmdShowPhoto => "Foto op de projector", "Photo on the projector";
    CmdSetPhotoCaption => "Onderschrift", "Caption";
    ModePhoto => "Foto", "Photo";
    Photos => "Foto's", "Photos";
    PhotoNumber => "Foto {n}", "Photo {n}";
    PhotoCaptionOf => "Onderschrift foto {n}", "Caption of photo {n}";
    PhotoShowOf => "Foto {n} op de projector", "Photo {n} on the projector";
    PhotoRemoveOf => "Foto {n} verwijderen", "Remove photo {n}";
    PhotoLoading => "Foto wordt geladen…", "Loading the photo…";
    PhotoNone => "Geen foto bij dit agendapunt", "No photo for this agenda item";
    PhotoNotFound => "Foto niet gevonden: {file}", "Photo not found: {file}";
    PhotoCannotShow => "Foto kan niet worden getoond: {file}", "Cannot show the photo: {file}";
    PhotoHint => "Sleep een foto (PNG of JPEG) op het venster, of kies Foto toevoegen…", "Drop a photo (PNG or JPEG) on the window, or choose Add photo…";
    PhotoNotAnImage => "{file} is geen foto: alleen PNG en JPEG kunnen worden toegevoegd", "{file} is not a photo: only PNG and JPEG can be added";
    PhotoTooLarge => "{file} is groter dan 32 MB", "{file} is larger than 32 MB";
    PhotoUnreadable => "De foto {file} kan niet worden gelezen", "Could not read the photo {file}";
    PhotoAttachFailed => "Foto niet toegevoegd", "Photo not added";
    PhotoNoFolder => "Er is geen map voor de foto's; sla de sessie eerst op", "There is no folder for the photos; save the session first";
    PhotosMissing => "Foto's niet gevonden", "Photos not found";
    PhotosMissingDetail => "Deze foto's staan niet naast het sessiebestand: {files}", "These photos are not next to the session file: {files}";
    PhotosNotCarried => "Niet alle foto's zijn meegekopieerd", "Not all photos were copied along";
    PhotoDropHere => "Laat los: de foto komt bij “{item}”", "Drop: the photo goes with “{item}”";
    // --- Series (placeholders: {file}, {n}, {count}, {title}, {date}, {detail}) ---
    SeriesReviewTitle => "Terugblik", "Looking back";
    CmdNewFollowUp => "Nieuwe vervolgsessie…", "New follow-up session…";
    TipNewFollowUp => "De volgende geplande bijeenkomst: kop, organisaties en deelnemers overgenomen, open actiepunten en open vragen in de Terugblik", "The next planned meeting: header, organisations and participants copied, open actions and open questions in the look-back";
    CmdShowSeries => "Reeks van bijeenkomsten", "Series of meetings";
    SeriesNoPlannedMeeting => "Deze sessie plant geen volgende bijeenkomst. Voeg er een toe onder 'Volgende bijeenkomsten'.", "This session plans no next meeting. Add one under 'Next meetings'.";
    SeriesNoSuchMeeting => "Er is geen geplande bijeenkomst {n}; deze sessie plant er {count}.", "There is no planned meeting {n}; this session plans {count}.";
    SeriesFileExists => "{file} bestaat al; kies met -o een ander bestand of geef --force om het te vervangen", "{file} exists already; choose another file with -o or pass --force to replace it";
    SeriesNeedsFile => "Sla de sessie eerst op onder een naam: de vervolgsessie komt ernaast.", "Save the session under a name first: the follow-up goes next to it.";
    SeriesFollowUpFailed => "Kon de vervolgsessie niet maken", "Could not make the follow-up session";
    SeriesCreated => "Vervolgsessie gemaakt: {file}", "Follow-up session created: {file}";
    SeriesLastTime => "Vorige keer", "Last time";
    SeriesLookBack => "Terugblik op {title}", "Looking back on {title}";
    SeriesCarriedActions => "Open actiepunten van vorige keer", "Open actions from last time";
    SeriesCarriedQuestions => "Open vragen van vorige keer", "Open questions from last time";
    SeriesNothingCarried => "Niets bleef open.", "Nothing was left open.";
    SeriesMarkDone => "Aanvinken als gedaan", "Tick when done";
    SeriesTitle => "Reeks: {title}", "Series: {title}";
    SeriesSessions => "Bijeenkomsten in deze map", "Meetings in this folder";
    SeriesOpen => "Openen", "Open";
    SeriesCurrent => "(deze sessie)", "(this session)";
    SeriesNoDate => "datum nog onbekend", "date not yet known";
    SeriesSkipped => "Niet gelezen: {detail}", "Not read: {detail}";
    SeriesTimeline => "Experimenten per gemeente", "Experiments per municipality";
    SeriesNothingYet => "—", "—";
    SeriesSinceLastTime => "Sinds de vorige keer", "Since last time";
    SeriesPreviousMeeting => "vorige bijeenkomst", "previous meeting";
    CliFollowUpWrote => "{file} geschreven: {title}", "wrote {file}: {title}";
    CliFollowUpNeedsFile => "'leerkring follow-up' heeft een sessiebestand nodig", "'leerkring follow-up' needs a session file";
    CliFollowUpTooManyFiles => "geef één sessiebestand, niet meer", "give one session file, not more";
    CliFollowUpBadMeeting => "--meeting verwacht een getal vanaf 1, niet '{detail}'", "--meeting expects a number from 1, not '{detail}'";
    CliHelpFollowUp => "Gebruik: leerkring follow-up SESSIE.json [--meeting N] [-o NIEUW.json] [--force]\n\nMaakt de volgende bijeenkomst van een leerkring uit een sessie: kop, organisaties en\ndeelnemers overgenomen (aanwezigheid leeg), datum, titel en gastgemeente uit geplande\nbijeenkomst N (standaard 1; de andere blijven gepland), een eerste agendapunt\n'Terugblik' met de open actiepunten en open vragen, en per gemeente het experiment\nvan vorige keer.\n\nOpties:\n  --meeting N        de geplande bijeenkomst, vanaf 1 (standaard: 1)\n  -o, --output UIT   het nieuwe bestand, of een map\n  --force            vervang UIT als het al bestaat\n\nZonder -o komt het bestand naast de sessie, met de datum van de nieuwe bijeenkomst\nvoorin de naam. Een bestaand bestand wordt nooit zonder --force vervangen.", "Usage: leerkring follow-up SESSION.json [--meeting N] [-o NEW.json] [--force]\n\nMakes the next meeting of a learning circle from a session: header, organisations and\nparticipants copied (attendance cleared), date, title and host from planned\nmeeting N (default 1; the others stay planned), a first agenda item\n'Looking back' with the open actions and open questions, and each municipality's\nexperiment of last time.\n\nOptions:\n  --meeting N        the planned meeting, from 1 (default: 1)\n  -o, --output OUT   the new file, or a folder\n  --force            replace OUT when it exists\n\nWithout -o the file goes next to the session, with the new meeting's date at the\nstart of its name. An existing file is never replaced without --force.";
    // --- Themes (console view and projector; placeholders: {theme}, {n}, {total}, {from}) ---
    CmdShowThemes => "Gedeelde thema's", "Shared themes";
    CmdThemeToObservations => "Naar “Wat valt op?”", "To “What stands out?”";
    CmdConfirmTheme => "Bevestigen", "Confirm";
    CmdDismissTheme => "Verbergen", "Hide";
    CmdMergeTheme => "Samenvoegen met…", "Merge with…";
    CmdMergeInto => "Voeg “{from}” hierbij", "Merge “{from}” into this";
    CmdRenameTheme => "Hernoemen", "Rename";
    ThemesTitle => "Gedeelde thema's", "Shared themes";
    ThemesNone => "Nog geen thema's die meerdere gemeenten delen.", "No themes shared by several municipalities yet.";
    ThemesHelp => "↑/↓ kiezen · Enter naar “Wat valt op?” · Spatie bevestigen · Delete verbergen · R hernoemen · M samenvoegen", "↑/↓ choose · Enter to “What stands out?” · Space confirm · Delete hide · R rename · M merge";
    ThemesMergeHint => "Kies het thema waarin “{from}” opgaat (Enter), Esc stopt.", "Choose the theme “{from}” goes into (Enter), Esc stops.";
    ThemeColumn => "Thema", "Theme";
    ThemeCount => "{n} van {total}", "{n} of {total}";
    ThemeLabelField => "Naam van het thema", "Theme name";
    ThemeConfirmed => "bevestigd", "confirmed";
    ThemeCellTitle => "{theme} bij {org}", "{theme} at {org}";
    ThemeSuggestion => "{theme} — {n} van {total} gemeenten", "{theme} — {n} of {total} municipalities";
    ModeThemes => "Thema's", "Themes";
    ProjectorThemesTitle => "Wat de gemeenten delen", "What the municipalities share";
    ProjectorNoThemes => "Nog geen gedeelde thema's", "No shared themes yet";

    // --- Commands (menu, buttons, cheat sheet) ---
    MenuFile => "Bestand", "File";
    MenuLanguage => "Taal", "Language";
    MenuEdit => "Bewerken", "Edit";
    MenuAgenda => "Agenda", "Agenda";
    MenuHelp => "Help", "Help";
    CmdNewFromThis => "Kopie van deze sessie, zonder inhoud", "Copy of this session, without content";
    CmdSaveAs => "Opslaan als…", "Save as…";
    CmdUndo => "Ongedaan maken", "Undo";
    CmdRedo => "Opnieuw", "Redo";
    CmdFind => "Zoeken", "Find";
    CmdCheatSheet => "Sneltoetsen", "Keyboard shortcuts";
    CmdCloseWindow => "Venster sluiten (de cursor gaat terug)", "Close the window (the cursor goes back)";
    CmdShowConsole => "Console", "Console";
    CmdShowSetup => "Voorbereiding", "Setup";
    CmdStartPause => "Start / pauze", "Start / pause";
    CmdNextItem => "Volgend agendapunt", "Next agenda item";
    CmdPreviousItem => "Vorig agendapunt", "Previous agenda item";
    CmdGoToItem => "Naar dit agendapunt", "Go to this item";
    CmdFinishAgenda => "Bijeenkomst afronden", "Finish the meeting";
    CmdSetPlannedMinutes => "Geplande minuten", "Planned minutes";
    CmdTakeMinutes => "Minuten lenen van een later punt", "Take minutes from a later item";
    CmdAddItem => "Agendapunt toevoegen", "Add agenda item";
    CmdRemoveItem => "Agendapunt verwijderen", "Remove agenda item";
    CmdMoveUp => "Omhoog", "Move up";
    CmdMoveDown => "Omlaag", "Move down";
    CmdSetItemKind => "Soort agendapunt", "Kind of item";
    CmdSetItemTitle => "Titel agendapunt", "Item title";
    CmdNextSpeaker => "Volgende spreker", "Next speaker";
    CmdSkipSpeaker => "Spreker overslaan", "Skip speaker";
    CmdSetSpeaker => "Geef het woord", "Give the floor";
    CmdSpeakerDone => "Klaar", "Done";
    CmdSpeakerWaiting => "Wacht nog", "Waiting";
    CmdSetSpeakerMinutes => "Spreektijd per gemeente (min)", "Speaking time per municipality (min)";
    CmdNextCard => "Volgende gemeente", "Next municipality";
    CmdPreviousCard => "Vorige gemeente", "Previous municipality";
    CmdSelectCard => "Kies gemeente", "Select municipality";
    CmdFocusKeywords => "Naar het trefwoordveld", "Go to the keyword field";
    CmdEditTitle => "Titel experiment bewerken", "Edit experiment title";
    CmdFocusBullets => "Naar het puntenveld", "Go to the bullet field";
    CmdFocusNotes => "Naar de notities", "Go to the notes";
    CmdSelectPreviousKeyword => "Trefwoord erboven kiezen", "Select keyword above";
    CmdSelectNextKeyword => "Trefwoord eronder kiezen", "Select keyword below";
    CmdEditKeyword => "Trefwoord bewerken", "Edit keyword";
    CmdDeleteKeyword => "Trefwoord verwijderen", "Delete keyword";
    CmdMoveKeywordUp => "Trefwoord omhoog", "Move keyword up";
    CmdMoveKeywordDown => "Trefwoord omlaag", "Move keyword down";
    CmdToggleHighlight => "Trefwoord markeren", "Highlight keyword";
    CmdNewExperiment => "Tweede experiment voor deze gemeente", "Another experiment for this municipality";
    CmdAddKeyword => "Trefwoord toevoegen", "Add keyword";
    CmdAddBullet => "Punt toevoegen", "Add bullet";
    CmdDeleteBullet => "Punt verwijderen", "Delete bullet";
    CmdAddNote => "Notitie toevoegen", "Add note";
    NewItemTitle => "Nieuw agendapunt", "New agenda item";
    TextTooLong => "Hier passen hoogstens {n} tekens; de rest van de geplakte tekst is weggelaten.", "At most {n} characters fit here; the rest of the pasted text was left out.";

    // --- Export dialog (placeholders: {file}, {n}) ---
    CmdShowExport => "Verslag exporteren…", "Export report…";
    CmdExportNow => "Exporteren", "Export";
    CmdPickFolder => "Kies map…", "Choose folder…";
    CmdOpenReport => "Verslag openen", "Open report";
    CmdShowInFolder => "Toon in map", "Show in folder";
    ExportTitle => "Verslag exporteren", "Export report";
    ExportFormats => "Formaten", "Formats";
    ExportDocx => "Word (.docx)", "Word (.docx)";
    ExportPdf => "PDF (.pdf, A4, toegankelijk en archiveerbaar)", "PDF (.pdf, A4, accessible and archivable)";
    ExportHtml => "Webpagina (.html, printklaar op A4)", "Web page (.html, print-ready on A4)";
    ExportMarkdown => "Markdown (.md, voor wiki en mail)", "Markdown (.md, for wikis and mail)";
    ExportPublic => "Openbare versie: namen vervangen door hun organisatie", "Public version: names replaced by their organisation";
    ExportPhotos => "Foto's toch opnemen", "Include photos anyway";
    PublicReplacedHeading => "Vervangen in de openbare versie:", "Replaced in the public version:";
    PublicNothingReplaced => "Niets vervangen: geen namen, e-mailadressen of telefoonnummers gevonden.", "Nothing replaced: no names, e-mail addresses or telephone numbers found.";
    PublicReplacementsNote => "Controleer de lijst: wat er niet in staat, komt ongewijzigd in de openbare versie.", "Check the list: whatever is not in it goes into the public version unchanged.";
    ExportFolder => "Map", "Folder";
    ExportAuthor => "Auteur", "Author";
    ExportAuthorHint => "De auteur in de eigenschappen van de bestanden; leeg: de gespreksleider", "The author in the files' properties; empty: the facilitator";
    ExportRunning => "Bezig met exporteren…", "Exporting…";
    ExportDoneOne => "{n} bestand geschreven", "{n} file written";
    ExportDoneMany => "{n} bestanden geschreven", "{n} files written";
    ExportFailed => "Niet gelukt", "Failed";
    ExportNoFormat => "Kies minstens één formaat", "Choose at least one format";
    ExportSessionLanguage => "Koppen en datums volgen de taal van de sessie.", "Headings and dates follow the session's language.";
    NoViewer => "Er kon geen programma worden gestart om dit te openen", "No program could be started to open this";

    // --- Recovery, history, read-only (placeholders: {title}, {detail}, {time}, {file}) ---
    RecoveryTitle => "Leerkring werd de vorige keer niet netjes afgesloten", "Leerkring did not close properly last time";
    RecoveryOffer => "Er is een nieuwere kopie van '{title}': {detail}.", "There is a newer copy of '{title}': {detail}.";
    CmdRecover => "Kopie openen", "Open the copy";
    CmdContinueUnprotected => "Toch bewerken, zonder bescherming", "Edit anyway, without protection";
    TipContinueUnprotected => "Alleen doen als de sessie zeker in geen ander Leerkring-venster open is: twee vensters zouden elkaars aantekeningen overschrijven", "Only when the session is surely not open in another Leerkring window: two windows would write over each other's notes";
    CmdOverwriteChangedFile => "Overschrijven met deze sessie", "Overwrite it with this session";
    TipOverwriteChangedFile => "Vervangt wat het andere programma in het bestand zette door de sessie zoals ze hier is", "Replaces what the other program put in the file with the session as it is here";
    CmdReloadChangedFile => "Het veranderde bestand openen", "Open the changed file";
    TipReloadChangedFile => "Opent het bestand zoals het nu is; de wijzigingen van hier worden als herstelkopie aangeboden", "Opens the file as it is now; the changes made here are offered as a recovered copy";
    UnprotectedTitle => "Alleen-lezen: de bescherming tegen dubbel openen werkt niet", "Read-only: the protection against opening twice does not work";
    UnprotectedDetail => "Leerkrings eigen map ({folder}) is niet bruikbaar: {reason}. Zo kan Leerkring niet nagaan of deze sessie ook in een ander venster open is (twee vensters zouden elkaars aantekeningen overschrijven); daarom is ze alleen-lezen geopend. Herstelkopieën en eerdere versies werken nu ook niet.", "Leerkring's own folder ({folder}) is not usable: {reason}. So Leerkring cannot tell whether this session is also open in another window (two windows would write over each other's notes); that is why it was opened read-only. Recovery copies and earlier versions do not work now either.";
    ChangedOnDiskTitle => "Een ander programma heeft {file} veranderd", "Another program changed {file}";
    ChangedOnDiskDetail => "Leerkring slaat niet op voordat u kiest, zodat wat er nu in staat niet verloren gaat. Uw wijzigingen van hier staan veilig in een herstelkopie.", "Leerkring does not save until you choose, so what the file holds now is not lost. Your changes made here are safe in a recovery copy.";
    DataFolderUnusable => "Leerkrings eigen map is niet bruikbaar", "Leerkring's own folder is not usable";
    DataFolderUnusableDetail => "{folder}: {reason}. Zonder die map maakt Leerkring geen herstelkopieën en eerdere versies, en kan het niet nagaan of een sessie al in een ander venster open is. Uw sessiebestanden zelf worden gewoon opgeslagen.", "{folder}: {reason}. Without that folder Leerkring keeps no recovery copies or earlier versions, and cannot tell whether a session is already open in another window. Your session files themselves are saved as usual.";
    SessionRepaired => "Sessie hersteld bij het openen", "Session repaired on opening";
    CmdWorkInCopy => "Verder werken in een kopie", "Work on in a copy";
    CmdShowHistory => "Eerdere versies…", "Earlier versions…";
    CmdRestoreVersion => "Deze versie terugzetten", "Restore this version";
    HistoryTitle => "Eerdere versies", "Earlier versions";
    HistoryEmpty => "Nog geen eerdere versies: Leerkring slaat er een op per vijf minuten werk.", "No earlier versions yet: Leerkring saves one per five minutes of work.";
    HistoryRestored => "Versie van {time} teruggezet (Ctrl+Z maakt dit ongedaan)", "Version of {time} restored (Ctrl+Z undoes this)";
    ReadOnlyTitle => "Alleen lezen", "Read-only";
    ReadOnlyInUse => "{file} is open in een ander Leerkring-venster. Hier kunt u alleen lezen. Wilt u iets aanvullen? Werk dan verder in een kopie.", "{file} is open in another Leerkring window. Here you can only read. Do you want to add something? Then work on in a copy.";
    ReadOnlyRefused => "Deze sessie is alleen-lezen. Kies 'Verder werken in een kopie' om te wijzigen.", "This session is read-only. Choose 'Work on in a copy' to change it.";
    CopyFailed => "De kopie kon niet worden gemaakt", "The copy could not be made";

    // --- Projector commands (console side) ---
    MenuProjector => "Projector", "Projector";
    CmdToggleProjector => "Projector aan/uit", "Projector on/off";
    CmdProjectorBlack => "Zwart scherm", "Black screen";
    CmdProjectorWhite => "Wit scherm", "White screen";
    CmdProjectorFreeze => "Beeld bevriezen", "Freeze picture";
    CmdProjectorFullscreen => "Volledig scherm op de beamer", "Fullscreen on the beamer";
    CmdProjectorHome => "Projector terug als venster", "Projector back as a window";
    CmdProjectorNextMonitor => "Projector naar volgend scherm", "Projector to next screen";
    CmdToggleProjectorHeader => "Kopregel op de projector", "Header strip on the projector";
    CmdToggleTitleMarker => "⊗ voor de titels", "⊗ before titles";
    CmdNextProjectorPage => "Volgende pagina kaarten", "Next page of cards";
    ModeAuto => "Volgt de agenda", "Follows the agenda";
    ModeWhiteboard => "Whiteboard", "Whiteboard";
    ModeFocus => "Spreker groot", "Speaker large";
    ModeAgenda => "Agenda", "Agenda";
    ModeSynthesis => "Synthese", "Synthesis";
    ModeTimer => "Timer", "Timer";
    ThemeLight => "Licht", "Light";
    ThemeDark => "Donker", "Dark";
    ThemeHighContrast => "Hoog contrast", "High contrast";
    ProjectorClosed => "Projector is uit (F7)", "Projector is off (F7)";
    ProjectorFrozen => "BEVROREN: de zaal ziet het oude beeld (F9)", "FROZEN: the room sees the old picture (F9)";
    ProjectorBlackNow => "ZWART: de zaal ziet niets (F8)", "BLACK: the room sees nothing (F8)";
    ProjectorWhiteNow => "WIT: de zaal ziet een wit scherm (Shift+F8)", "WHITE: the room sees a white screen (Shift+F8)";
    ProjectorTooFull => "Niet alles past leesbaar op de beamer: pagina {page} van {pages}. Kies 'Spreker groot' (Alt+2) of blader (Alt+PageDown).", "Not everything fits readably on the beamer: page {page} of {pages}. Choose 'Speaker large' (Alt+2) or page on (Alt+PageDown).";
    ProjectorSameScreen => "Let op: de projector staat op hetzelfde scherm als de console. De zaal kan meelezen wat u typt.", "Careful: the projector is on the same screen as the console. The room can read what you type.";
    ProjectorThumbnail => "Wat de zaal ziet", "What the room sees";
    NextMeetings => "Volgende bijeenkomsten", "Next meetings";
    CmdAddMeeting => "Bijeenkomst toevoegen", "Add meeting";
    When => "Wanneer (bv. eind juni 2020)", "When (e.g. end of June 2020)";
    InvalidPlannedDate => "Onbekend: gebruik bv. 2020-06-30, juni 2020 of eind juni 2020", "Unknown: use e.g. 2020-06-30, June 2020 or end of June 2020";
    Owner => "Eigenaar", "Owner";
    Due => "Uiterlijk (JJJJ-MM-DD)", "Due (YYYY-MM-DD)";
    Status => "Status", "Status";
    ActionOpen => "open", "open";
    ActionDone => "gedaan", "done";
    ActionDropped => "vervallen", "dropped";
    ActionText => "Actiepunt", "Action";
    NewAction => "Nieuw actiepunt", "New action";
    CmdAddAction => "Actiepunt toevoegen", "Add action";

    // --- Console (placeholders: {org}, {n}, {min}, {time}, {name}) ---
    Behind => "{min} min achter", "{min} min behind";
    Ahead => "{min} min voor", "{min} min ahead";
    OnSchedule => "op schema", "on schedule";
    NotStarted => "niet gestart", "not started";
    Paused => "gepauzeerd", "paused";
    CurrentItem => "Nu", "Now";
    Municipalities => "Gemeenten", "Municipalities";
    NoMunicipalities => "Nog geen gemeenten. Voeg ze toe in de voorbereiding (Ctrl+2).", "No municipalities yet. Add them in the setup (Ctrl+2).";
    KeywordFieldLabel => "Trefwoord voor {org}", "Keyword for {org}";
    KeywordHint => "Typ een trefwoord en druk op Enter", "Type a keyword and press Enter";
    EditingKeyword => "Trefwoord bewerken: Enter slaat op, Esc annuleert", "Editing keyword: Enter saves, Esc cancels";
    TitleFieldLabel => "Titel van het experiment", "Experiment title";
    TitleHint => "Titel en Enter", "Title and Enter";
    NoTitle => "(nog geen titel: Ctrl+E)", "(no title yet: Ctrl+E)";
    NoKeywords => "Nog geen trefwoorden.", "No keywords yet.";
    ExperimentOf => "Experiment {n} van {org}", "Experiment {n} of {org}";
    BulletFieldLabel => "Nieuw punt voor: {name}", "New bullet for: {name}";
    BulletHint => "Punt en Enter · Tab inspringen · ! actiepunt · ? open vraag · @eigenaar · #tag", "Bullet and Enter · Tab indent · ! action · ? open question · @owner · #tag";
    Level => "niveau {n}", "level {n}";
    Block => "Synthese-onderdeel", "Synthesis section";
    BlockObservations => "Wat valt op?", "What stands out?";
    BlockOpportunities => "Waar liggen de kansen?", "Where are the opportunities?";
    BlockFollowUp => "Vervolg", "Follow-up";
    BlockProposals => "Eerste voorstel", "First proposal";
    BlockDecisions => "Besluiten", "Decisions";
    BlockOpenQuestions => "Open vragen", "Open questions";
    Actions => "Actiepunten", "Actions";
    NoBullets => "Nog geen punten.", "No bullets yet.";
    NotesLabel => "Notitie bij dit agendapunt (Ctrl+Enter voegt toe)", "Note on this item (Ctrl+Enter adds)";
    Notes => "Notities", "Notes";
    VisibilityPrivate => "privé", "private";
    VisibilityReport => "verslag", "report";
    VisibilityProjector => "projector", "projector";
    Visibility => "Zichtbaar voor", "Visible to";
    Speakers => "Sprekers", "Speakers";
    SpeakerNow => "Aan het woord: {name}", "Speaking: {name}";
    NoSpeaker => "Niemand aan het woord", "Nobody speaking";
    SpeakerLeft => "Nog {time}", "{time} left";
    SpeakerOver => "{time} over tijd", "{time} over time";
    StatusWaiting => "wacht", "waiting";
    StatusDone => "klaar", "done";
    StatusSkipped => "overgeslagen", "skipped";
    Airtime => "spreektijd {time}", "speaking time {time}";
    ItemDetails => "Agendapunt", "Agenda item";
    Title => "Titel", "Title";
    Kind => "Soort", "Kind";
    PlannedMinutes => "Gepland (min)", "Planned (min)";
    TakeFrom => "Neem", "Take";
    TakeFromLater => "min van", "min from";
    Find => "Zoeken", "Find";
    FindHint => "Zoek in titels, trefwoorden en punten", "Search titles, keywords and bullets";
    FindResults => "{n} gevonden", "{n} found";
    CheatSheetTitle => "Sneltoetsen", "Keyboard shortcuts";
    CheatSheetTyping => "Typen: Enter voegt een trefwoord of punt toe en het veld houdt de cursor. In het puntenveld: Tab en Shift+Tab springen in en uit; '! ' maakt een actiepunt, '? ' een open vraag, @Naam een eigenaar, #tag een tag; \\ voor een teken maakt het gewone tekst.", "Typing: Enter adds a keyword or bullet and the field keeps the cursor. In the bullet field: Tab and Shift+Tab indent and outdent; '! ' makes an action, '? ' an open question, @Name an owner, #tag a tag; \\ before a sign makes it plain text.";
    Close => "Sluiten", "Close";
    Clock => "Klok", "Clock";

    // --- Keyboard-first and small screens (placeholders: {title}, {n}, {name}, {field}, {time}) ---
    GoToItemNamed => "Naar dit agendapunt: {title}", "Go to this agenda item: {title}";
    EditThisItem => "Bewerken; de klok blijft bij het huidige agendapunt", "Edit it; the clock stays with the current agenda item";
    EditItemNamed => "Agendapunt {n} bewerken: {title}", "Edit agenda item {n}: {title}";
    EditingItem => "Agendapunt {n} bewerken", "Editing agenda item {n}";
    InvalidMinutes => "Typ een aantal minuten (0 tot 1440)", "Type a number of minutes (0 to 1440)";
    InvalidNumber => "Typ een getal", "Type a number";
    Presenter => "Presentator", "Presenter";
    KeywordsOfMunicipalities => "Gemeenten en trefwoorden", "Municipalities and keywords";
    BulletsOfSection => "Punten voor de synthese", "Bullets for the synthesis";
    SectionHeading => "Kop", "Heading";
    SetupRowsHint => "Enter in een rij maakt de volgende rij; Tab gaat naar het volgende veld.", "Enter in a row makes the next row; Tab goes to the next field.";
    SessionNotes => "Notities bij de bijeenkomst", "Notes on the meeting";
    SessionNotesHint => "Bijvoorbeeld de inleiding: het verslag zet die onder de kop.", "For example the introduction: the report puts it under the header.";
    NameNumbered => "Naam {n}", "Name {n}";
    KindOf => "Soort: {name}", "Kind: {name}";
    FieldOfItem => "{field} van agendapunt {n}", "{field} of agenda item {n}";
    CmdAddItemAtEnd => "Agendapunt toevoegen aan het eind", "Add agenda item at the end";
    NewParticipant => "Nieuwe deelnemer", "New participant";
    CmdAddParticipant => "Deelnemer toevoegen", "Add participant";
    OrganisationOf => "Organisatie van {name}", "Organisation of {name}";
    RoleOf => "Rol van {name}", "Role of {name}";
    PresentOf => "{name} is aanwezig", "{name} is present";
    NoteNumbered => "Notitie {n}", "Note {n}";
    VisibilityOfNote => "Zichtbaar voor (notitie {n})", "Visible to (note {n})";
    RemoveNoteNumbered => "Notitie {n} verwijderen", "Remove note {n}";
    NewSessionNote => "Nieuwe notitie bij de bijeenkomst (Ctrl+Enter voegt toe)", "New note on the meeting (Ctrl+Enter adds)";
    NoFileDialogHere => "Op deze computer kan Leerkring geen venster openen om een bestand te kiezen. Typ daarom hieronder het pad.", "Leerkring cannot open a window to choose a file on this computer. Please type the path below.";
    PathOpenLabel => "Pad van het sessiebestand", "Path of the session file";
    PathSaveAsLabel => "Sla de sessie op als (map en bestandsnaam)", "Save the session as (folder and file name)";
    PathFolderLabel => "Map voor het verslag", "Folder for the report";
    PathUseFolder => "Deze map gebruiken", "Use this folder";
    PathPhotosLabel => "Pad van de foto (meer foto's: zet ; ertussen)", "Path of the photo (more photos: put ; between them)";
    ProjectorSpeakerLeft => "{name} · nog {time}", "{name} · {time} left";
    ProjectorSpeakerOver => "{name} · {time} over tijd", "{name} · {time} over time";

    // --- Setup ---
    SetupHeader => "Bijeenkomst", "Meeting";
    SetupOrganisations => "Organisaties", "Organisations";
    Participants => "Deelnemers", "Participants";
    CmdAddMunicipality => "Gemeente toevoegen", "Add municipality";
    CmdAddGuest => "Gastorganisatie toevoegen", "Add guest organisation";
    CmdRemove => "Verwijderen", "Remove";
    CmdPasteParticipants => "Deelnemers toevoegen uit geplakte tekst", "Add participants from pasted text";
    PasteHint => "Plak regels uit een mail, Word of Excel: 'Naam, Organisatie, Rol' of cellen met tabs", "Paste lines from a mail, Word or Excel: 'Name, Organisation, Role' or tab-separated cells";
    NewMunicipality => "Nieuwe gemeente", "New municipality";
    NewGuest => "Nieuwe gast", "New guest";
    Name => "Naam", "Name";
    Network => "Netwerk", "Network";
    Theme => "Thema", "Theme";
    Date => "Datum (JJJJ-MM-DD)", "Date (YYYY-MM-DD)";
    StartTime => "Begintijd (UU:MM)", "Start time (HH:MM)";
    EndTime => "Eindtijd (UU:MM)", "End time (HH:MM)";
    Location => "Plaats", "Location";
    Host => "Gastgemeente", "Host";
    Facilitator => "Gespreksleider", "Facilitator";
    Chair => "Voorzitter (als dat iemand anders is)", "Chair (when someone else)";
    NoteTaker => "Notulist", "Note-taker";
    Attendance => "Aanwezigheid", "Attendance";
    AttendanceOf => "Aanwezigheid {name}", "Attendance {name}";
    AttendanceUnknown => "onbekend", "unknown";
    AttendancePresent => "aanwezig", "present";
    AttendanceAbsent => "afwezig", "absent";
    AttendanceFromNames => "{n} van {m} aanwezig (uit de namen)", "{n} of {m} present (from the names)";
    SessionLanguage => "Taal van de sessie en het verslag", "Language of the session and report";
    ParticipantCount => "Aantal deelnemers (zonder namen)", "Number of participants (without names)";
    ReportFinal => "Verslag is definitief (geen 'concept' meer)", "Report is final (no longer 'draft')";
    Present => "aanwezig", "present";
    Role => "Rol", "Role";
    Organisation => "Organisatie", "Organisation";
    KindMunicipality => "gemeente", "municipality";
    KindGuest => "gast", "guest";
    InvalidDate => "Onbekende datum: gebruik JJJJ-MM-DD", "Unknown date: use YYYY-MM-DD";
    InvalidTime => "Onbekende tijd: gebruik UU:MM", "Unknown time: use HH:MM";
    NoneChosen => "(geen)", "(none)";
    CountDerived => "{n} aanwezig (uit de namen)", "{n} present (from the names)";
    TipNewFromThis => "Kopieert kop, organisaties en agenda, zonder inhoud", "Copies header, organisations and agenda, without content";
    TipStartPause => "Start de klok van het agendapunt, of zet hem stil", "Starts the item's clock, or pauses it";
    TipNextSpeaker => "Huidige spreker klaar; de volgende gemeente krijgt het woord", "Current speaker done; the next municipality gets the floor";
    TipDeleteKeyword => "Verwijdert het gekozen trefwoord (als het trefwoordveld leeg is)", "Deletes the selected keyword (when the keyword field is empty)";
    TipUndo => "In een veld met tekst: die tekst; anders de laatste wijziging van de sessie", "In a field with text: that text; otherwise the last change to the session";
    TipEditKeyword => "Zet het gekozen trefwoord in het veld; Enter slaat op, Esc annuleert", "Puts the selected keyword in the field; Enter saves, Esc cancels";
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
    StartIntro => "Begin een nieuwe bijeenkomst, of open een sessie.", "Start a new meeting, or open a session.";
    RecentSessions => "Recente sessies", "Recent sessions";
    LeaveTitle => "Wijzigingen opslaan?", "Save your changes?";
    LeaveUntitled => "Deze sessie is nog niet opgeslagen onder een naam. Sla haar op onder een naam, of houd haar als herstelkopie: Leerkring toont haar dan bij de volgende start.", "This session is not yet saved under a name. Save it under a name, or keep it as a recovery copy: Leerkring then shows it at the next start.";
    LeaveSaveFailed => "De wijzigingen konden niet worden opgeslagen. Kies een andere plek, of laat ze vallen.", "The changes could not be saved. Choose another place, or drop them.";
    LeaveDiscard => "Niet opslaan", "Don't save";
    LeaveCancel => "Annuleren", "Cancel";
    SessionsFolder => "Sessies in de map sessions/", "Sessions in the sessions/ folder";
    OpenPathLabel => "Of typ het pad van een sessiebestand", "Or type the path of a session file";
    OpenPathButton => "Openen", "Open";
    CouldNotOpen => "Kon de sessie niet openen", "Could not open the session";
    FileUntouched => "Het bestand is niet gewijzigd.", "The file has not been changed.";
    SaveFailed => "Opslaan is mislukt", "Saving failed";
    Dismiss => "Sluiten", "Dismiss";
    NoOpenGl => "Leerkring kan geen venster openen: deze computer biedt geen bruikbare OpenGL (versie 2 of hoger). Dit gebeurt vaak via extern bureaublad. Start Leerkring op de computer zelf, of werk de grafische driver bij.\n\nTechnische details: {detail}", "Leerkring cannot open a window: this computer offers no usable OpenGL (version 2 or later). This often happens over remote desktop. Start Leerkring on the computer itself, or update the graphics driver.\n\nTechnical details: {detail}";

    // --- Command line (placeholders: {file}, {title}, {date}, {counts}, {detail}) ---
    CliCheckOk => "{file}: {title} ({date}): {counts}", "{file}: {title} ({date}): {counts}";
    CliCheckNote => "{file}: opmerking: {detail}", "{file}: note: {detail}";
    SeriesWouldReplaceItself => "{file} is de sessie zelf; de volgende bijeenkomst komt nooit in plaats van de vorige; kies met -o een ander bestand", "{file} is the session itself; the next meeting never replaces the previous one; choose another file with -o";
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
    CliHelpMain => "Leerkring: console, projectorbord en verslag voor een leerkring.\n\nGebruik:\n  leerkring [SESSIE.json] [--projector] [--room [--room-port N] [--room-bind ADRES]]\n                               open de app (zonder bestand: de laatste sessie, of de voorbeeldsessie;\n                               --projector opent ook het projectorvenster; --room opent de zaal voor\n                               telefoons en drukt één regel 'room: <adres>' af; --room-port kiest de\n                               poort, --room-bind het adres waarop de zaal luistert, standaard alle)\n  leerkring check BESTAND...   controleer sessiebestanden; één regel per bestand\n  leerkring schema             druk het JSON Schema van het bestandsformaat af\n  leerkring export BESTAND     maak het verslag (docx, pdf, html, md); zie leerkring export --help\n  leerkring follow-up BESTAND  maak de volgende bijeenkomst; zie leerkring follow-up --help\n  leerkring new [-o BESTAND]   maak een nieuwe sessie uit een sjabloon; zie leerkring new --help\n  leerkring NIEUW.json         open een nieuwe sessie (standaard leerkring) in een nieuw bestand\n\nOpties:\n  -h, --help      deze hulp (ook na een opdracht: leerkring check --help)\n  -V, --version   de versie\n\nToetsen in de app: Ctrl+S opslaan, Ctrl+O openen, Ctrl+Q afsluiten.", "Leerkring: console, projector whiteboard and report for a learning circle.\n\nUsage:\n  leerkring [SESSION.json] [--projector] [--room [--room-port N] [--room-bind ADDR]]\n                               open the app (without a file: the last session, or the sample session;\n                               --projector also opens the projector window; --room opens the room to\n                               phones and prints one line 'room: <address>'; --room-port chooses the\n                               port, --room-bind the address the room listens on, by default all)\n  leerkring check FILE...      check session files; one line per file\n  leerkring schema             print the JSON Schema of the file format\n  leerkring export FILE        write the report (docx, pdf, html, md); see leerkring export --help\n  leerkring follow-up FILE     make the next meeting; see leerkring follow-up --help\n  leerkring new [-o FILE]      make a new session from a template; see leerkring new --help\n  leerkring NEW.json           open a new session (standard learning circle) in a new file\n\nOptions:\n  -h, --help      this help (also after a command: leerkring check --help)\n  -V, --version   the version\n\nKeys in the app: Ctrl+S save, Ctrl+O open, Ctrl+Q quit.";
    CliHelpCheck => "Gebruik: leerkring check [--] BESTAND...\n\nLeest elk sessiebestand zonder het te wijzigen en drukt per bestand één regel af:\ntitel, datum, gemeenten, gasten, experimenten, trefwoorden en deelnemers,\nof wat er mis is. Eindigt met een foutcode als een bestand niet in orde is.\nNa -- is alles een bestandsnaam, ook wat met een streepje begint.", "Usage: leerkring check [--] FILE...\n\nReads each session file without changing it and prints one line per file:\ntitle, date, municipalities, guests, experiments, keywords and participants,\nor what is wrong. Exits with an error code when any file is not in order.\nAfter -- everything is a file name, even what starts with a dash.";
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
    StoreDuplicateKey => "{field} staat twee keer in het bestand; welke bedoeld is, is niet te zeggen", "{field} appears twice in the file; which one is meant cannot be told";
    StoreMergeCyclesRepaired => "Samengevoegde thema's vormden een kring, waardoor een thema verdween; deze samenvoegingen zijn weggehaald: {merges}", "Merged themes formed a cycle, which made a theme vanish; these merges were taken out: {merges}";
    StoreEmptyId => "{field} is leeg; elk onderdeel heeft een id nodig", "{field} is empty; every part needs an id";
    StoreTooLong => "{field} is langer dan {max} tekens (meer dan de app laat typen)", "{field} is longer than {max} characters (more than the app lets you type)";
    StoreOutOfRange => "{field} is {value}; dat moet tussen {min} en {max} liggen", "{field} is {value}; it must lie between {min} and {max}";
    StoreNoSuchTime => "{field} is geen tijd die op een klok staat (zoals 23:59:60)", "{field} is not a time on a clock (such as 23:59:60)";
    StoreDuplicateSpeaker => "{field}: \"{id}\" heeft een tweede beurt in dezelfde ronde", "{field}: \"{id}\" has a second turn in the same round";
    JsonMissingField => "het veld \"{name}\" ontbreekt", "the field \"{name}\" is missing";
    JsonUnknownValue => "de waarde \"{value}\" kent Leerkring hier niet", "Leerkring does not know the value \"{value}\" here";
    JsonWrongType => "hier staat een ander soort waarde dan verwacht (bijvoorbeeld een getal waar tekst hoort)", "a value of another kind than expected (for example a number where text belongs)";
    JsonBadNumber => "dit getal past hier niet (negatief of te groot)", "this number does not fit here (negative or too large)";
    JsonWrongLength => "deze lijst heeft niet het verwachte aantal onderdelen", "this list does not have the expected number of parts";
    JsonTooDeep => "het bestand is te diep genest om een sessie te zijn", "the file is nested too deeply to be a session";
    JsonTrailing => "na het einde van de sessie staat nog meer tekst", "there is more text after the end of the session";
    JsonNotADateOrTime => "dit is geen geldige datum of tijd", "this is not a valid date or time";
    JsonDamaged => "de opmaak van het bestand klopt hier niet (het is beschadigd of geen sessiebestand)", "the file's layout is broken here (it is damaged or not a session file)";
    IoNotFound => "het bestand of de map bestaat niet", "the file or folder does not exist";
    IoNotADirectory => "een deel van het pad is een bestand, geen map", "part of the path is a file, not a folder";
    IoAlreadyExists => "er bestaat al een bestand met die naam", "a file with that name exists already";
    IoReadOnlyDisk => "de schijf of stick is alleen-lezen", "the disk or stick is read-only";
    IoBusy => "het bestand is in gebruik door een ander programma", "the file is in use by another program";
    IoBadName => "de bestandsnaam is niet toegestaan", "the file name is not allowed";
    IoFileTooLarge => "het bestand is te groot voor deze schijf", "the file is too large for this disk";
    IoFolderNotEmpty => "de map is niet leeg", "the folder is not empty";
    IoUnsupported => "deze schijf of dit bestandssysteem kan dat niet", "this disk or file system cannot do that";
    IoCrossesDevices => "het kan niet tussen twee schijven", "it cannot be done across two disks";
    IoNetwork => "de netwerkschijf reageert niet (verbinding verbroken of te traag)", "the network drive does not respond (connection lost or too slow)";
    IoCutOff => "het bestand houdt onverwacht op", "the file ends unexpectedly";
    IoOutOfMemory => "de computer heeft te weinig geheugen vrij", "the computer is short of memory";
    IoInterrupted => "het werd onderbroken; probeer het opnieuw", "it was interrupted; try again";
    IoOther => "het systeem meldde een fout (foutcode {code})", "the system reported an error (error code {code})";
    IoOtherNoCode => "het systeem meldde een onbekende fout", "the system reported an unknown error";

    // --- Store: saving (placeholders: {file}, {detail}) ---
    StoreSaveFailed => "{file} kon niet worden opgeslagen", "Could not save {file}";
    StoreReadOnly => "het bestand is alleen-lezen", "the file is read-only";
    StoreDiskFull => "de schijf is vol", "the disk is full";
    StoreChangedOnDisk => "een ander programma heeft het bestand veranderd of vervangen sinds Leerkring het opende of opsloeg; het is niet overschreven", "another program changed or replaced the file since Leerkring opened or saved it; it was not written over";
    StoreFolderMissing => "de map bestaat niet", "the folder does not exist";
    StoreNoFileName => "dit pad is geen bestandsnaam", "the path does not name a file";

    // --- Store: recovery and history (placeholders: {file}, {detail}, {n}, {keywords}, {bullets}, {copy}) ---
    // How a recovered copy differs from the session's file; texts start lower-case, joined by "; ".
    StoreMoreKeywordsOne => "{n} trefwoord meer dan het bestand", "{n} more keyword than the file";
    StoreMoreKeywords => "{n} meer trefwoorden dan het bestand", "{n} more keywords than the file";
    StoreFewerKeywordsOne => "{n} trefwoord minder dan het bestand", "{n} fewer keyword than the file";
    StoreFewerKeywords => "{n} minder trefwoorden dan het bestand", "{n} fewer keywords than the file";
    StoreMoreBulletsOne => "{n} punt meer dan het bestand", "{n} more bullet than the file";
    StoreMoreBullets => "{n} meer punten dan het bestand", "{n} more bullets than the file";
    StoreFewerBulletsOne => "{n} punt minder dan het bestand", "{n} fewer bullet than the file";
    StoreFewerBullets => "{n} minder punten dan het bestand", "{n} fewer bullets than the file";
    StoreTitleChanged => "titel \"{copy}\" in plaats van \"{file}\"", "title \"{copy}\" instead of \"{file}\"";
    StoreOtherChanges => "andere tekst dan het bestand", "text that differs from the file";
    StoreCopyFileMissing => "het bestand bestaat niet meer", "the file no longer exists";
    StoreCopyFileUnreadable => "het bestand kan niet meer worden gelezen", "the file can no longer be read";
    StoreNeverSaved => "nooit onder een naam opgeslagen", "never saved under a name";
    StoreSnapshotSummary => "{keywords} trefwoorden, {bullets} punten", "{keywords} keywords, {bullets} bullets";
    StoreSessionInUse => "{file} is al geopend in een ander Leerkring-venster", "{file} is already open in another Leerkring window";
    StoreLockFailedHeadline => "Kon niet nagaan of {file} al in een ander Leerkring-venster open is", "Could not check whether {file} is already open in another Leerkring window";
    StoreLockFailed => "Kon niet nagaan of {file} al in een ander Leerkring-venster open is: {detail}", "Could not check whether {file} is already open in another Leerkring window: {detail}";

    // --- The journal of edits (placeholders: {n}, {what}, {detail}) ---
    JournalKeywordsOne => "{n} trefwoord", "{n} keyword";
    JournalKeywords => "{n} trefwoorden", "{n} keywords";
    JournalBulletsOne => "{n} punt", "{n} bullet";
    JournalBullets => "{n} punten", "{n} bullets";
    JournalOtherOne => "{n} andere wijziging", "{n} other change";
    JournalOther => "{n} andere wijzigingen", "{n} other changes";
    JournalChangesOne => "{n} wijziging", "{n} change";
    JournalChanges => "{n} wijzigingen", "{n} changes";
    JournalAnd => " en ", " and ";
    JournalRecovered => "{what} hersteld", "{what} recovered";
    JournalRecoveredDetail => "Leerkring werd de vorige keer niet netjes afgesloten. Wat u na de laatste keer opslaan nog had ingevoerd, is uit het logboek teruggezet en opgeslagen.", "Leerkring did not close properly last time. What you entered after the last save was put back from the journal and saved.";
    JournalDamagedDetail => "Een deel van het logboek was beschadigd: wat daarna kwam, kon niet worden teruggezet.", "Part of the journal was damaged: what came after it could not be put back.";
    JournalNotSavedDetail => "Het bestand kon nog niet worden opgeslagen; Leerkring probeert het zo opnieuw.", "The file could not be saved yet; Leerkring tries again shortly.";
    JournalFailed => "Het logboek van wijzigingen kan niet worden geschreven", "The journal of changes cannot be written";
    JournalFailedDetail => "{detail} Uw werk wordt wel steeds opgeslagen, maar bij een stroomstoring kunnen de laatste seconden verloren gaan.", "{detail} Your work is still being saved, but a power cut could cost the last few seconds.";

    // --- Report (verslag; in the SESSION's language; placeholders: {subject}, {meeting}, {date}, {n}, {participants}, {municipalities}, {file}, {host}, {month}, {year}, {name}, {detail}) ---
    ReportTitle => "Verslag {subject}", "Report {subject}";
    ReportTitleBare => "Verslag", "Report";
    ReportSubtitle => "{meeting}, {date}", "{meeting}, {date}";
    ReportConcept => "Concept", "Draft";
    ReportConceptNote => "dit verslag is nog niet definitief.", "this report is not final yet.";
    ReportPageOf => "Pagina {page} van {pages}", "Page {page} of {pages}";
    ReportNetwork => "Netwerk", "Network";
    ReportTheme => "Thema", "Theme";
    ReportDate => "Datum", "Date";
    ReportTime => "Tijd", "Time";
    ReportLocation => "Plaats", "Place";
    ReportHost => "Gastgemeente", "Host";
    ReportFacilitator => "Gespreksleider", "Facilitator";
    ReportChair => "Voorzitter", "Chair";
    ReportNoteTaker => "Notulist", "Note-taker";
    ReportAbsent => "Afwezig", "Absent";
    ReportAttendanceUnknown => "Aanwezigheid onbekend", "Attendance unknown";
    ReportNobody => "geen", "none";
    ReportGuestMark => "gast", "guest";
    ReportOtherParticipantOne => "{n} andere deelnemer", "{n} other participant";
    ReportOtherParticipantMany => "{n} andere deelnemers", "{n} other participants";
    ReportPlaceholderDate => "[datum]", "[date]";
    ReportPlaceholderTime => "[tijd]", "[time]";
    ReportPlaceholderPlace => "[plaats]", "[place]";
    ReportPlaceholderHost => "[gastgemeente]", "[host]";
    ReportPlaceholderFacilitator => "[gespreksleider]", "[facilitator]";
    ReportPlaceholderNoteTaker => "[notulist]", "[note-taker]";
    ReportPlaceholderAttendance => "[aanwezigheid per gemeente]", "[attendance per municipality]";
    ReportNumber => "Nr.", "No.";
    ReportPresentedBy => "Presentatie door {name}", "Presented by {name}";
    ReportNothingYet => "[nog geen aantekeningen]", "[no notes yet]";
    ReportNothingRecorded => "Geen aantekeningen.", "Nothing was recorded.";
    ReportMeetingOf => "de bijeenkomst van {date}", "the meeting of {date}";
    ReportActionNumberStatus => "nr. {n} ({status})", "no. {n} ({status})";
    ReportCarriedActions => "Actiepunten uit {meeting}: {list}; zie Actiepunten.", "Actions from {meeting}: {list}; see Actions.";
    ReportCarriedQuestionsOne => "{n} open vraag uit {meeting}; zie Open vragen.", "{n} open question from {meeting}; see Open questions.";
    ReportCarriedQuestionsMany => "{n} open vragen uit {meeting}; zie Open vragen.", "{n} open questions from {meeting}; see Open questions.";
    ReportNothingCarried => "Van {meeting} bleef niets open.", "Nothing was left open from {meeting}.";
    ReportExperimentsLead => "De experimenten en ervaringen vanuit de verschillende gemeenten:", "The experiments and experiences of the municipalities:";
    ReportThen => "Vorige keer ({date}): ", "Last time ({date}): ";
    ReportNow => "Nu: ", "Now: ";
    ReportNoNewExperiment => "Nog geen nieuw experiment: {list} (hun experiment van {date} staat in dat verslag).", "No new experiment yet: {list} (their experiment of {date} is in that report).";
    ReportNoDecisions => "Geen besluiten.", "No decisions.";
    ReportNoActions => "Geen actiepunten.", "No actions.";
    ReportOpenSince => "open sinds {date}", "open since {date}";
    ReportThisMeeting => "deze bijeenkomst", "this meeting";
    ReportActionFrom => "Uit bijeenkomst", "From meeting";
    ReportParticipants => "Deelnemers", "Participants";
    ReportMunicipalities => "Gemeenten", "Municipalities";
    ReportGuests => "Gasten", "Guests";
    ReportPresent => "Aanwezig", "Present";
    ReportParticipantCountOne => "{n} deelnemer", "{n} participant";
    ReportParticipantCountMany => "{n} deelnemers", "{n} participants";
    ReportMunicipalityCountOne => "{n} gemeente", "{n} municipality";
    ReportMunicipalityCountMany => "{n} gemeenten", "{n} municipalities";
    ReportParticipantsFrom => "{participants} van {municipalities}", "{participants} from {municipalities}";
    ReportParticipantWord => "deelnemer", "participant";
    ReportSomeone => "een deelnemer", "a participant";
    ReportTwoPeople => "twee deelnemers", "two participants";
    ReportThreePeople => "drie deelnemers", "three participants";
    ReportRoleFacilitator => "de gespreksleider", "the facilitator";
    ReportRoleChair => "de voorzitter", "the chair";
    ReportRoleNoteTaker => "de notulist", "the note-taker";
    ReportOfficeOf => "{office} van {organisation}", "{office} of {organisation}";
    ReportLeftOut => "(weggelaten)", "(left out)";
    ReportEmailRemoved => "[e-mailadres]", "[e-mail address]";
    ReportPhoneRemoved => "[telefoonnummer]", "[phone number]";
    ReportAgenda => "Agenda", "Agenda";
    ReportAgendaPlanned => "Gepland", "Planned";
    ReportAgendaItem => "Onderdeel", "Item";
    ReportAgendaActual => "Werkelijk", "Actual";
    ReportMinutes => "{n} min", "{n} min";
    ReportItemNumber => "Agendapunt {n}", "Agenda item {n}";
    ReportExperiments => "De experimenten en ervaringen vanuit de verschillende gemeenten", "The experiments and experiences of the municipalities";
    ReportObservations => "Wat valt op?", "What stands out?";
    ReportOpportunities => "Waar liggen de kansen?", "Where are the opportunities?";
    ReportFollowUp => "Vervolg", "Follow-up";
    ReportProposals => "Eerste voorstel", "First proposal";
    ReportDecisions => "Besluiten", "Decisions";
    ReportOpenQuestions => "Open vragen", "Open questions";
    ReportPhotos => "Foto's", "Photos";
    ReportPhoto => "Foto", "Photo";
    ReportPhotoNotIncluded => "(Foto niet opgenomen: {file})", "(Photo not included: {file})";
    ReportPhotoMissing => "(Foto ontbreekt of kan niet worden gelezen: {file})", "(Photo missing or unreadable: {file})";
    ReportPhotoUnsupported => "(Foto niet opgenomen, want het is geen PNG of JPEG van hooguit 32 MB: {file})", "(Photo not included, as it is not a PNG or JPEG of at most 32 MB: {file})";
    ReportPhotoOutside => "(Foto niet opgenomen, want het bestand staat buiten de map van de sessie: {file})", "(Photo not included, as the file is outside the session's folder: {file})";
    ReportPhotoTooLarge => "(Foto niet opgenomen, want hij is te groot om te verwerken: {file})", "(Photo not included, as it is too large to process: {file})";
    ReportPhotoDamaged => "(Foto niet opgenomen, want hij is beschadigd: {file})", "(Photo not included, as it is damaged: {file})";
    PhotoLeftOut => "Foto {file} is weggelaten: {why}", "Photo {file} was left out: {why}";
    PhotoLeftOutNoFolder => "de sessie is nog niet opgeslagen, dus de foto is niet te vinden", "the session was never saved, so the photo cannot be found";
    PhotoLeftOutMissing => "het bestand ontbreekt of kan niet worden gelezen", "the file is missing or cannot be read";
    PhotoLeftOutOutside => "het bestand staat buiten de map van de sessie (via een snelkoppeling of link), en wordt daarom nooit meegenomen", "the file is outside the session's folder (through a shortcut or link), so it is never included";
    PhotoLeftOutUnsupported => "het is geen PNG- of JPEG-foto van hooguit 32 MB (een GIF of iets anders)", "it is not a PNG or JPEG photo of at most 32 MB (a GIF or something else)";
    PhotoLeftOutTooLarge => "de foto heeft meer dan 50 megapixel of vraagt meer dan 256 MB geheugen", "the photo has more than 50 megapixels or needs more than 256 MB of memory";
    PhotoLeftOutDamaged => "de foto is beschadigd en kan niet worden gelezen", "the photo is damaged and cannot be read";
    ReportActions => "Actiepunten", "Actions";
    ReportActionWhat => "Wat", "What";
    ReportActionWho => "Wie", "Who";
    ReportActionWhen => "Wanneer", "When";
    ReportActionStatus => "Status", "Status";
    ReportStatusOpen => "open", "open";
    ReportStatusDone => "gedaan", "done";
    ReportStatusDropped => "vervallen", "dropped";
    ReportNextMeetings => "Volgende bijeenkomsten", "Next meetings";
    ReportMeetingHost => "gastgemeente: {host}", "host: {host}";
    ReportMonthAny => "{month} {year}", "{month} {year}";
    ReportMonthEarly => "begin {month} {year}", "early {month} {year}";
    ReportMonthMid => "half {month} {year}", "mid-{month} {year}";
    ReportMonthLate => "eind {month} {year}", "end of {month} {year}";
    ReportUnknownFormat => "onbekend formaat '{name}'; kies uit docx, pdf, html en md", "unknown format '{name}'; choose from docx, pdf, html and md";
    ReportPdfFailed => "de pdf kon niet worden gemaakt: {detail}", "the PDF could not be made: {detail}";
    ReportDocxFailed => "het Word-bestand kon niet worden samengesteld: {detail}", "the Word file could not be put together: {detail}";

    // --- Projector (what the room reads, in the SESSION's language; placeholders: {time}, {page}, {pages}) ---
    ProjectorContinued => "(vervolg)", "(continued)";
    ProjectorNoCards => "Nog geen gemeenten", "No municipalities yet";
    ProjectorTimeLeft => "nog {time}", "{time} left";
    ProjectorTimeOver => "{time} over tijd", "{time} over time";
    ProjectorOverTime => "over tijd", "over time";
    ProjectorPage => "{page}/{pages}", "{page}/{pages}";

    // --- Command line: export (the UI's language; placeholders: {file}, {detail}) ---
    CliExportWrote => "{file} geschreven", "wrote {file}";
    CliExportNeedsFile => "'leerkring export' heeft een sessiebestand nodig", "'leerkring export' needs a session file";
    CliExportTooManyFiles => "geef één sessiebestand om te exporteren, niet meer", "give one session file to export, not more";
    CliOptionNeedsValue => "de optie '{detail}' heeft een waarde nodig", "the option '{detail}' needs a value";
    CliExportOutputNotFolder => "met meer dan één formaat moet -o een bestaande map zijn; {file} is dat niet", "with more than one format, -o must be an existing folder; {file} is not";
    CliExportFailed => "{file}: {detail}", "{file}: {detail}";
    OutputOpenInLeerkring => "{file} is geopend in Leerkring en wordt niet overschreven; sluit het daar eerst of kies met -o een ander bestand", "{file} is open in Leerkring and is not written over; close it there first or choose another file with -o";
    OutputHoldsJson => "{file} bevat een Leerkring-sessie (of andere JSON) en wordt niet overschreven; kies met -o een ander bestand, of geef --force als het echt vervangen mag", "{file} holds a Leerkring session (or other JSON) and is not written over; choose another file with -o, or pass --force if it really may be replaced";
    CliExportWouldOverwrite => "{file} is het sessiebestand zelf; kies met -o een ander bestand", "{file} is the session file itself; choose another file with -o";
    CliHelpExport => "Gebruik: leerkring export SESSIE.json [--format docx,pdf,html,md] [--public] [--final] [--author NAAM] [-o UIT] [--force]\n\nMaakt het verslag van een sessie, in de taal van de sessie (niet die van de app),\nen drukt per geschreven bestand één regel af.\n\nOpties:\n  --format LIJST     docx, pdf, html en/of md, gescheiden door komma's (standaard: alle vier)\n  --public           de openbare versie: namen van deelnemers vervangen door hun\n                     organisatie, e-mailadressen en telefoonnummers weggelaten,\n                     zonder foto's en zonder auteur; drukt eerst de lijst van\n                     vervangingen af\n  --final            het verslag als definitief: zonder 'Concept' op de pagina's\n  --author NAAM      de auteur in de eigenschappen van de bestanden\n                     (standaard: de gespreksleider)\n  -o, --output UIT   met één formaat: het bestand (of een map); met meer formaten: een map,\n                     die al moet bestaan\n  --force            vervang ook een bestand met een sessie of andere JSON\n                     (nooit een sessie die in Leerkring geopend is)\n\nZonder -o komen de bestanden naast het sessiebestand, met dezelfde naam:\nsessie.json wordt sessie.docx, sessie.pdf, sessie.html en sessie.md; de foto's bij\nde Markdown komen in de map `sessie.md_files`. Een bestaand verslag wordt\nvervangen; een bestand met een sessie of andere JSON alleen met --force. Eindigt met een foutcode als de sessie niet te lezen is of een bestand\nniet geschreven kan worden.", "Usage: leerkring export SESSION.json [--format docx,pdf,html,md] [--public] [--final] [--author NAME] [-o OUT] [--force]\n\nWrites the report of a session, in the session's language (not the app's),\nand prints one line per file written.\n\nOptions:\n  --format LIST      docx, pdf, html and/or md, separated by commas (default: all four)\n  --public           the public variant: participants' names replaced by their\n                     organisation, e-mail addresses and phone numbers left out,\n                     without photos and without an author; prints the list of\n                     replacements first\n  --final            the report as final: no 'Draft' on its pages\n  --author NAME      the author in the files' properties (default: the facilitator)\n  -o, --output OUT   with one format: the file (or a folder); with several formats: a folder,\n                     which must exist already\n  --force            replace even a file that holds a session or other JSON\n                     (never a session that is open in Leerkring)\n\nWithout -o the files go next to the session file, named after it:\nsession.json becomes session.docx, session.pdf, session.html and session.md; the\nMarkdown's photos go into the folder `session.md_files`. An existing report is\nreplaced; a file that holds a session or other JSON only with --force. Exits with an error code when the session cannot be read or a file cannot\nbe written.";
    // --- A new session: templates (placeholders: {n}, {minutes}, {name}) ---
    CmdNewSession => "Nieuwe bijeenkomst…", "New meeting…";
    TipNewSession => "Begin met een sjabloon: de standaard leerkring, een korte bijeenkomst, leeg of een eigen sjabloon", "Start from a template: the standard learning circle, a short meeting, empty or a template of your own";
    TemplateChooserTitle => "Nieuwe bijeenkomst", "New meeting";
    TemplateChooserIntro => "Kies een sjabloon. Daarna vult u de titel, de gemeenten en de deelnemers in.", "Choose a template. Then fill in the title, the municipalities and the participants.";
    TemplateStandard => "Standaard leerkring", "Standard learning circle";
    TemplateStandardDesc => "opening, gast of inspiratie, ronde, voorbeelden, Wat valt op?, Waar liggen de kansen?, vervolg, afspraken en afsluiting", "opening, guest or inspiration, round, examples, What stands out?, Where are the opportunities?, follow-up, agreements and closing";
    TemplateShort => "Korte bijeenkomst", "Short meeting";
    TemplateShortDesc => "opening, ronde, Wat valt op?, Waar liggen de kansen?, vervolg en afsluiting", "opening, round, What stands out?, Where are the opportunities?, follow-up and closing";
    TemplateEmpty => "Leeg", "Empty";
    TemplateEmptyDesc => "zonder agendapunten", "no agenda items";
    TemplateOwnDesc => "eigen sjabloon", "own template";
    TemplateCounts => "{n} agendapunten, {minutes} minuten", "{n} agenda items, {minutes} minutes";
    TemplateCreate => "Maken", "Create";
    TemplateUse => "Nieuwe bijeenkomst uit sjabloon {name}", "New meeting from the template {name}";
    CmdSaveAsTemplate => "Opslaan als sjabloon…", "Save as template…";
    TipSaveAsTemplate => "De agenda en de tijden van deze sessie als sjabloon voor een nieuwe bijeenkomst, zonder namen, netwerk of thema", "This session's agenda and times as a template for a new meeting, without names, network or theme";
    TemplateNameLabel => "Naam van het sjabloon", "Name of the template";
    TemplateSave => "Sjabloon opslaan", "Save template";
    TemplateSaved => "Sjabloon opgeslagen: {name}", "Template saved: {name}";
    TemplateSaveFailed => "Het sjabloon kon niet worden opgeslagen", "Could not save the template";
    TemplateUnreadable => "Het sjabloon {name} kan niet worden gelezen", "The template {name} cannot be read";
    TemplateNoDataFolder => "Er is geen map voor eigen sjablonen op deze computer", "There is no folder for own templates on this computer";

    // --- A session not yet saved under a name (placeholders: {time}, {title}, {keywords}) ---
    LeaveKeepRecovery => "Als herstelkopie houden", "Keep as recovery copy";
    NotSavedUnderName => "nog niet opgeslagen onder een naam", "not yet saved under a name";
    StartUntitledHeading => "Nog niet opgeslagen onder een naam", "Not yet saved under a name";
    StartUntitledEntry => "{title} — {time}, {keywords}", "{title} — {time}, {keywords}";
    StartUntitledRemove => "Herstelkopie verwijderen: {title} ({time})", "Remove the recovery copy: {title} ({time})";
    StartNewIntro => "Of begin een nieuwe bijeenkomst:", "Or start a new meeting:";

    // --- Quick setup by pasting (placeholders: {n}, {line}, {text}, {reason}, {detail}, {minutes}) ---
    CmdShowPaste => "Snel invullen door plakken…", "Quick setup by pasting…";
    TipShowPaste => "Gemeenten, deelnemers of agendapunten in één keer, uit een mail, Word of Excel", "Municipalities, participants or agenda items in one go, from a mail, Word or Excel";
    PasteTitle => "Snel invullen door plakken", "Quick setup by pasting";
    PasteMunicipalities => "Gemeenten", "Municipalities";
    PasteParticipants => "Deelnemers", "Participants";
    PasteAgenda => "Agenda", "Agenda";
    PasteHintMunicipalities => "Eén gemeente per regel (ook 'Gemeente Zwolle'), of gescheiden door komma's.", "One municipality per line (also 'Gemeente Zwolle'), or separated by commas.";
    PasteHintParticipants => "Uit een mail, Word of Excel: 'Naam, Organisatie, Functie', 'Naam (Gemeente)', 'Naam – functie, Gemeente' of cellen met tabs (een kopregel mag). Een nieuwe organisatie wordt gemaakt.", "From a mail, Word or Excel: 'Name, Organisation, Role', 'Name (Municipality)', 'Name – role, Municipality' or tab-separated cells (a header row is fine). A new organisation is made.";
    PasteHintAgenda => "Eén agendapunt per regel: 'Titel | minuten | soort', bijvoorbeeld 'Ronde: experimenten | 60 | ronde'. Soorten: opening, ronde, presentatie, gesprek, synthese, pauze, afsluiting.", "One agenda item per line: 'Title | minutes | kind', for example 'Round: experiments | 60 | round'. Kinds: opening, round, presentation, discussion, synthesis, break, closing.";
    PasteText => "Geplakte tekst", "Pasted text";
    PasteReplaceAgenda => "De huidige agenda vervangen", "Replace the current agenda";
    PasteApply => "Toevoegen", "Add";
    PasteNothing => "Nog niets om toe te voegen.", "Nothing to add yet.";
    PasteNewMunicipality => "{n} nieuwe gemeente", "{n} new municipality";
    PasteNewMunicipalities => "{n} nieuwe gemeenten", "{n} new municipalities";
    PasteNewGuest => "{n} nieuwe gast", "{n} new guest";
    PasteNewGuests => "{n} nieuwe gasten", "{n} new guests";
    PasteLinked => "{n} bij een bekende organisatie", "{n} with a known organisation";
    PasteItem => "{n} agendapunt", "{n} agenda item";
    PasteItems => "{n} agendapunten", "{n} agenda items";
    PasteMinutes => "{minutes} minuten", "{minutes} minutes";
    PasteSkippedOne => "{n} regel wordt niet gebruikt:", "{n} line is not used:";
    PasteSkippedMany => "{n} regels worden niet gebruikt:", "{n} lines are not used:";
    PasteLine => "regel {line}: {text} — {reason}", "line {line}: {text} — {reason}";
    PasteReasonDuplicate => "staat al op regel {n}", "repeats line {n}";
    PasteReasonAlreadyThere => "staat al in de sessie", "is already in the session";
    PasteReasonNoName => "geen naam", "no name";
    PasteReasonOrganisationOnly => "een organisatie, geen naam van een persoon", "an organisation, not the name of a person";
    PasteReasonTooLong => "te lang", "too long";
    PasteReasonBadMinutes => "'{detail}' is geen aantal minuten (0 tot 1440)", "'{detail}' is not a number of minutes (0 to 1440)";
    PasteReasonUnknownKind => "'{detail}' is geen soort agendapunt", "'{detail}' is not a kind of agenda item";
    PasteReasonTooManyParts => "meer dan drie delen tussen |", "more than three parts between |";
    PasteReasonHeaderRow => "kopregel: de kolommen zijn gebruikt", "header row: its columns were used";
    PasteAdded => "Toegevoegd: {detail}", "Added: {detail}";

    // --- The end time (placeholders: {n}, {end}, {time}) ---
    EndTimeOver => "De agenda loopt {n} minuten uit: gepland tot {end}, de eindtijd is {time}.", "The agenda runs {n} minutes over: planned until {end}, the end time is {time}.";
    EndTimeOverShort => "{n} min. uitloop", "{n} min. over";

    // --- Command line: new (placeholders: {file}, {template}, {detail}) ---
    CliNewWrote => "{file} geschreven: een nieuwe sessie uit het sjabloon {template}", "wrote {file}: a new session from the template {template}";
    CliNewUnknownTemplate => "onbekend sjabloon '{detail}'; 'leerkring new --list' toont de sjablonen", "unknown template '{detail}'; 'leerkring new --list' lists the templates";
    CliNewExists => "{file} bestaat al; kies met -o een ander bestand, of vervang het met --force", "{file} exists already; choose another file with -o, or replace it with --force";
    CliNewTakesNoFile => "'leerkring new' maakt zelf een bestand; geef de naam met -o", "'leerkring new' makes a file itself; give its name with -o";
    CliNewBadLanguage => "onbekende taal '{detail}'; kies nl of en", "unknown language '{detail}'; choose nl or en";
    CliUnknownWord => "'{detail}' is geen opdracht en geen bestaand bestand; een nieuwe sessie is een naam die eindigt op .json", "'{detail}' is not a command and not an existing file; a new session is a name ending in .json";
    CliNewFolderMissing => "de map voor {detail} bestaat niet", "the folder for {detail} does not exist";
    CliNewDefaultName => "nieuwe-bijeenkomst", "new-meeting";
    CliHelpNew => "Gebruik: leerkring new [--template NAAM] [--language nl|en] [-o BESTAND] [--force]\n       leerkring new --list\n\nMaakt een nieuwe sessie uit een sjabloon (zonder --template: de standaard leerkring)\nen drukt af waar die staat. Open haar daarna met leerkring BESTAND.\n\nOpties:\n  --template NAAM    het sjabloon; --list toont ze allemaal, ook uw eigen sjablonen\n  --language nl|en   de taal van de sessie (standaard: die van de computer)\n  -o, --output UIT   het nieuwe bestand, of een map (standaard: nieuwe-bijeenkomst.json\n                     in de huidige map)\n  --force            een bestaand bestand vervangen\n  --list             één sjabloon per regel: naam en korte beschrijving\n\nleerkring NIEUW.json (een naam die nog niet bestaat, in een bestaande map) opent\nmeteen een nieuwe sessie uit de standaard leerkring; het bestand komt er bij de\neerste wijziging.", "Usage: leerkring new [--template NAME] [--language nl|en] [-o FILE] [--force]\n       leerkring new --list\n\nMakes a new session from a template (without --template: the standard learning circle)\nand prints where it is. Then open it with leerkring FILE.\n\nOptions:\n  --template NAME    the template; --list shows them all, your own templates too\n  --language nl|en   the session's language (default: the computer's)\n  -o, --output OUT   the new file, or a folder (default: new-meeting.json in the\n                     current folder)\n  --force            replace an existing file\n  --list             one template per line: its name and a short description\n\nleerkring NEW.json (a name that does not exist yet, in an existing folder) opens\na new session from the standard learning circle at once; the file is made at the\nfirst change.";

    // --- The room: commands and the console's panel ---
    CmdOpenRoom => "Zaal openen voor telefoons", "Open the room to phones";
    TipOpenRoom => "Deelnemers sturen trefwoorden, vragen en opmerkingen met hun telefoon, via het netwerk in de zaal. Jij bekijkt alles voordat het op het scherm komt.", "Participants send keywords, questions and remarks from their phones, over the room's network. You see everything before it reaches the screen.";
    CmdCloseRoom => "Zaal sluiten", "Close the room";
    CmdFocusInbox => "Naar de inbox van de zaal", "Go to the room's inbox";
    CmdRoomAutoAccept => "Automatisch accepteren", "Accept automatically";
    TipRoomAutoAccept => "Voor een vertrouwde zaal: wat binnenkomt, gaat meteen op het bord (met Ctrl+Z terug te draaien).", "For a trusted room: what arrives goes straight onto the board (Ctrl+Z takes it back).";
    CmdRoomAnonymous => "Anoniem toestaan", "Allow anonymous";
    TipRoomAnonymous => "Deelnemers mogen vragen en opmerkingen sturen zonder hun gemeente te kiezen.", "Participants may send questions and remarks without choosing their municipality.";
    CmdStartVoteThemes => "Zaal laten stemmen over de thema's", "Let the room vote on the themes";
    TipStartVoteThemes => "Elke telefoon verdeelt zijn stippen over de gedeelde thema's; de uitslag komt live op het scherm en, na afsluiten, in het verslag.", "Each phone spends its dots on the shared themes; the result shows live on the screen and, once closed, in the report.";
    CmdStartVoteBlock => "Zaal laten stemmen over dit onderdeel", "Let the room vote on this section";
    TipStartVoteBlock => "Elke telefoon verdeelt zijn stippen over de punten van het huidige synthese-onderdeel.", "Each phone spends its dots on the points of the current synthesis section.";
    CmdCloseVote => "Stemming afsluiten", "Close the vote";
    CmdCancelVote => "Stemming afbreken", "Cancel the vote";
    ModeVote => "Stemming", "Vote";
    VoteTitle => "Stemming", "Vote";
    VoteDotsLabel => "Stippen per telefoon", "Dots per phone";
    VoteSeveralLabel => "Meer stippen op één keuze", "Several dots on one option";
    VoteChooseLabel => "Aantal te kiezen", "Options to choose";
    VoteRunning => "{n} telefoons hebben gestemd", "{n} phones voted";
    VoteQuestionThemes => "Welke thema's willen we de volgende keer uitdiepen?", "Which themes shall we explore next time?";
    VoteQuestionBlock => "Wat is het belangrijkst bij „{block}”?", "What matters most in “{block}”?";
    VoteAlreadyOpen => "Er loopt al een stemming.", "A vote is already open.";
    VoteTooFewOptions => "Er zijn minstens twee keuzes nodig: twee gedeelde thema's, of twee punten in het onderdeel.", "At least two options are needed: two shared themes, or two points in the section.";
    VoteCannotStart => "Stemming niet gestart", "Vote not started";
    VoteCannotRecord => "Uitslag niet opgeslagen", "Result not saved";
    VoteChosenByRoom => "Gekozen door de zaal: {chosen}", "Chosen by the room: {chosen}";
    VoteNothingChosen => "Nog niets gekozen: er is niet gestemd.", "Nothing chosen: no one voted.";
    VoteLast => "Laatste uitslag", "Last result";
    ProjectorVoteLive => "{n} telefoons hebben gestemd · stem via de QR-code", "{n} phones voted · vote through the QR code";
    ProjectorNoVote => "Er is nog niet gestemd. Start een stemming vanuit de thema's of een synthese-onderdeel.", "No vote yet. Start one from the themes or a synthesis section.";
    ReportRoomVote => "{question} ({voters} telefoons, {dots} stippen elk): {totals}.", "{question} ({voters} phones, {dots} dots each): {totals}.";
    ReportRoomVotesTitle => "Stemmingen in de zaal", "Votes in the room";
    ModeJoin => "Meedoen (QR)", "Join (QR)";
    RoomTitle => "Zaal", "Room";
    RoomOpenSince => "open sinds {time}", "open since {time}";
    RoomClosedNow => "De zaal is dicht: telefoons kunnen niets sturen.", "The room is closed: phones cannot send anything.";
    RoomAddressLabel => "Adres voor de telefoons", "Address for the phones";
    RoomNetworkLabel => "Netwerk", "Network";
    RoomNoNetwork => "Geen netwerk gevonden: verbind de laptop met de wifi van de zaal, of zet de mobiele hotspot van de laptop aan en open de zaal opnieuw.", "No network found: connect the laptop to the room's Wi-Fi, or turn on the laptop's mobile hotspot and open the room again.";
    RoomQrLabel => "QR-code van het adres {url}", "QR code of the address {url}";
    RoomHelpTitle => "Lukt verbinden niet?", "Phones cannot connect?";
    RoomHelpWindows => "Windows vraagt de eerste keer of Leerkring het netwerk mag gebruiken: kies Toegang toestaan (voor privénetwerken). Klikte iemand op Annuleren, zet het dan aan via Windows-beveiliging → Firewall en netwerkbeveiliging → Een app toestaan via de firewall → Leerkring.", "Windows asks the first time whether Leerkring may use the network: choose Allow access (for private networks). If someone clicked Cancel, turn it on in Windows Security → Firewall & network protection → Allow an app through firewall → Leerkring.";
    RoomHelpMac => "macOS vraagt de eerste keer of Leerkring inkomende verbindingen mag aannemen: kies Sta toe.", "macOS asks the first time whether Leerkring may accept incoming connections: choose Allow.";
    RoomHelpOther => "Staat er een firewall aan, laat dan TCP-poort {port} toe.", "If a firewall is on, allow TCP port {port}.";
    RoomHelpGuestWifi => "Veel gastnetwerken (hotels, gemeentehuizen) houden apparaten van elkaar af: de telefoons zien de laptop dan niet. Zet in dat geval de mobiele hotspot van de laptop aan (Windows: Instellingen → Netwerk en internet → Mobiele hotspot), laat de deelnemers daarmee verbinden en kies hierboven het netwerk van de hotspot (vaak 192.168.137.1).", "Many guest networks (hotels, town halls) keep devices apart: phones then cannot see the laptop. In that case turn on the laptop's mobile hotspot (Windows: Settings → Network & internet → Mobile hotspot), let the participants connect to it and choose the hotspot's network above (often 192.168.137.1).";
    RoomHelpTest => "Probeer het zelf eerst: scan de code met je eigen telefoon, op hetzelfde netwerk.", "Try it yourself first: scan the code with your own phone, on the same network.";
    RoomCannotOpen => "De zaal kan niet open", "The room cannot open";
    RoomCannotOpenDetail => "Het netwerk weigert ({detail}). Kies een andere poort, of sluit het programma dat de poort gebruikt.", "The network refuses ({detail}). Choose another port, or close the program that uses the port.";
    RoomLiveLabel => "Meelezen op de telefoon (bord, synthese, agenda)", "Read along on a phone (board, synthesis, agenda)";
    InboxTitle => "Inbox van de zaal", "The room's inbox";
    InboxWaiting => "{n} wachten", "{n} waiting";
    InboxDecided => "{accepted} geaccepteerd, {rejected} afgewezen", "{accepted} accepted, {rejected} rejected";
    InboxEmpty => "Nog niets binnen.", "Nothing in yet.";
    InboxHelp => "Ctrl+I: naar de inbox · ↑/↓ kiezen · Enter accepteert · F2 bewerkt · Delete wijst af · Esc terug naar de trefwoorden", "Ctrl+I: to the inbox · ↑/↓ choose · Enter accepts · F2 edits · Delete rejects · Esc back to the keywords";
    InboxAccept => "Accepteren (Enter)", "Accept (Enter)";
    InboxEdit => "Bewerken (F2)", "Edit (F2)";
    InboxReject => "Afwijzen (Delete)", "Reject (Delete)";
    InboxAcceptAll => "Alles accepteren", "Accept all";
    InboxRejectAll => "Alles afwijzen", "Reject all";
    InboxEditField => "Tekst van de inzending", "Text of the submission";
    InboxEditHint => "Enter accepteert de bewerkte tekst, Esc annuleert.", "Enter accepts the edited text, Esc cancels.";
    InboxKindKeyword => "trefwoord", "keyword";
    InboxKindQuestion => "vraag", "question";
    InboxKindRemark => "opmerking bij „{block}”", "remark on “{block}”";
    InboxAnonymous => "anoniem", "anonymous";

    // --- The room: the phones' join page (the session's language) ---
    RoomPageTitle => "Doe mee", "Take part";
    RoomPageLead => "Stuur een trefwoord, een vraag of een opmerking. De gespreksleider bekijkt alles voordat het op het scherm komt.", "Send a keyword, a question or a remark. The facilitator reads everything before it reaches the screen.";
    RoomPageOrganisation => "Jouw gemeente", "Your municipality";
    RoomPageChoose => "Kies…", "Choose…";
    RoomPageAnonymous => "anoniem", "anonymous";
    RoomPageKind => "Wat stuur je?", "What are you sending?";
    RoomPageKeyword => "Een trefwoord voor onze kaart", "A keyword for our card";
    RoomPageQuestion => "Een vraag", "A question";
    RoomPageRemark => "Een opmerking bij „{block}”", "A remark on “{block}”";
    RoomPageText => "Tekst", "Text";
    RoomPageSend => "Versturen", "Send";
    RoomPageSending => "Bezig met versturen…", "Sending…";
    RoomPageOffline => "Niet verstuurd: geen verbinding met de laptop. Zit je op hetzelfde wifi-netwerk?", "Not sent: no connection to the laptop. Are you on the same Wi-Fi network?";
    RoomPagePrivacy => "Wat je stuurt, staat alleen in het sessiebestand op de laptop van de gespreksleider: geen account, geen cloud. Je telefoon krijgt één cookie, om te veel berichten achter elkaar tegen te houden.", "What you send is kept only in the session file on the facilitator's laptop: no account, no cloud. Your phone gets one cookie, to hold back too many messages in a row.";
    RoomPageReceived => "Ontvangen: „{text}”. De gespreksleider bekijkt het eerst.", "Received: “{text}”. The facilitator reads it first.";
    RoomPageReceivedShown => "Ontvangen en overgenomen: „{text}”.", "Received and taken over: “{text}”.";
    RoomPageLeadTrusted => "Stuur een trefwoord, een vraag of een opmerking: het komt meteen op het scherm.", "Send a keyword, a question or a remark: it goes straight onto the screen.";
    RoomPageClosed => "Deze zaal is gesloten, of het adres klopt niet. Scan de QR-code op het scherm opnieuw.", "This room is closed, or the address is wrong. Scan the QR code on the screen again.";
    RoomPageNotFound => "Deze pagina bestaat niet.", "This page does not exist.";
    RoomPageEmpty => "Typ eerst iets.", "Type something first.";
    RoomPageTooLong => "Te lang: hoogstens {n} tekens.", "Too long: at most {n} characters.";
    RoomPageChooseOrganisation => "Kies eerst je gemeente.", "Choose your municipality first.";
    // --- The room: voting on the join page (the session's language) ---
    VotePageRuleOne => "Je hebt {n} stippen: zet er hoogstens één op elke keuze.", "You have {n} dots: put at most one on each option.";
    VotePageRuleSeveral => "Je hebt {n} stippen: verdeel ze, ook meer op één keuze.", "You have {n} dots: spread them, several on one option if you like.";
    VotePageOptions => "De keuzes", "The options";
    VotePageDotsOn => "Stippen op „{option}”", "Dots on “{option}”";
    VotePageSend => "Stemmen", "Vote";
    VotePageChange => "Stem aanpassen", "Change my vote";
    VotePageCounted => "Je stippen zijn geteld. Je kunt ze nog aanpassen tot de stemming sluit.", "Your dots are counted. You can change them until the vote closes.";
    VotePageClosed => "Deze stemming is al gesloten. Laad de pagina opnieuw.", "This vote has closed. Reload the page.";
    VotePageNoDots => "Kies eerst waar je stippen heen gaan.", "Choose where your dots go first.";
    VotePageTooMany => "Te veel stippen: je hebt er {n}.", "Too many dots: you have {n}.";
    VotePageOnePerOption => "Bij deze stemming gaat er hoogstens één stip op elke keuze.", "In this vote, at most one dot goes on each option.";
    RoomPageReadAlong => "Lees mee: het bord, de synthese en de agenda op je telefoon", "Read along: the board, the synthesis and the agenda on your phone";
    // --- The room: the live view (the session's language) ---
    LivePageTitle => "Meelezen", "Read along";
    LivePageNow => "Nu: {item}", "Now: {item}";
    LivePageBoard => "Het bord", "The board";
    LivePageAgenda => "Agenda", "Agenda";
    LivePageJoin => "Zelf iets sturen of stemmen", "Send something or vote yourself";
    LivePageNothingYet => "Nog niets.", "Nothing yet.";
    LivePageVoters => "{n} telefoons hebben gestemd", "{n} phones voted";
    LivePageFull => "Er lezen al te veel telefoons mee; probeer het straks opnieuw.", "Too many phones are reading along; try again in a while.";
    RoomPageUnknownOrganisation => "Die gemeente staat niet (meer) in de lijst. Laad de pagina opnieuw.", "That municipality is not (or no longer) on the list. Reload the page.";
    RoomPageAnonymousOff => "Anoniem sturen staat uit: kies je gemeente.", "Sending anonymously is off: choose your municipality.";
    RoomPageKeywordNeedsOrganisation => "Een trefwoord hoort op de kaart van een gemeente: kies je gemeente, of stuur een vraag of opmerking.", "A keyword belongs on a municipality's card: choose yours, or send a question or remark.";
    RoomPageTooMany => "Even rustig aan: te veel berichten in korte tijd. Probeer het over een minuut opnieuw.", "Slow down: too many messages in a short time. Try again in a minute.";
    RoomPageBusy => "De laptop van de gespreksleider reageert nu niet. Probeer het zo opnieuw.", "The facilitator's laptop is not answering right now. Try again shortly.";
    RoomPageNotAccepting => "De zaal neemt nu even niets aan. Probeer het zo opnieuw.", "The room is not taking messages right now. Try again shortly.";
    RoomPageBadRequest => "Dat bericht kon niet worden gelezen. Laad de pagina opnieuw.", "That message could not be read. Reload the page.";

    // --- The room: the beamer and the report (the session's language) ---
    ProjectorJoinTitle => "Doe mee met je telefoon", "Take part with your phone";
    ProjectorJoinSteps => "Scan de code, of ga naar:", "Scan the code, or go to:";
    ProjectorJoinNote => "Gebruik hetzelfde wifi-netwerk als deze laptop. Kies je gemeente en stuur een trefwoord, vraag of opmerking: de gespreksleider bekijkt alles voordat het hier verschijnt.", "Use the same Wi-Fi network as this laptop. Choose your municipality and send a keyword, question or remark: the facilitator reads everything before it appears here.";
    ProjectorRoomClosed => "De zaal is niet open.", "The room is not open.";
    ReportFromRoom => "Uit de zaal", "From the room";
    ReportFromRoomValue => "{received} inzendingen via telefoons, waarvan {accepted} overgenomen", "{received} submissions from phones, {accepted} of them taken over";

    // --- The room: the command line ---
    CliRoomNeedsRoom => "'{detail}' werkt alleen samen met --room", "'{detail}' only works together with --room";
    CliRoomBadPort => "--room-port verwacht een poortnummer van 1 tot 65535, niet '{detail}'", "--room-port expects a port number from 1 to 65535, not '{detail}'";
    CliRoomBadAddress => "--room-bind verwacht een IP-adres, zoals 127.0.0.1, niet '{detail}'", "--room-bind expects an IP address, such as 127.0.0.1, not '{detail}'";
    CliRoomFailed => "de zaal kan niet open: {detail}", "the room cannot open: {detail}";
}

/// A template's title and description in `lang`: "Standaard leerkring" and
/// "opening, …, afsluiting; 9 agendapunten, 150 minuten"; an own template
/// (`builtin` is `None`) is "eigen sjabloon" with its counts.
#[must_use]
pub fn template_texts(
    builtin: Option<crate::model::templates::BuiltIn>,
    items: usize,
    minutes: u32,
    lang: Language,
) -> (String, String) {
    use crate::model::templates::BuiltIn;
    let counts = trf(
        lang,
        T::TemplateCounts,
        &[("n", &items.to_string()), ("minutes", &minutes.to_string())],
    );
    let (title, what) = match builtin {
        Some(BuiltIn::Standard) => (T::TemplateStandard, T::TemplateStandardDesc),
        Some(BuiltIn::Short) => (T::TemplateShort, T::TemplateShortDesc),
        Some(BuiltIn::Empty) => {
            return (
                tr(lang, T::TemplateEmpty).to_owned(),
                tr(lang, T::TemplateEmptyDesc).to_owned(),
            );
        }
        None => return (tr(lang, T::TemplateOwnDesc).to_owned(), counts),
    };
    (
        tr(lang, title).to_owned(),
        format!("{}; {counts}", tr(lang, what)),
    )
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

/// A planned date written out: "4 februari 2020", "eind juni 2020",
/// "juni 2020" (or in English: "end of June 2020").
#[must_use]
pub fn format_planned_date(lang: Language, when: PlannedDate) -> String {
    match when {
        PlannedDate::Day(date) => format_date(lang, date),
        PlannedDate::Month { year, month, part } => {
            let month_name = month_name(lang, month);
            let prefix = match (lang, part) {
                (_, MonthPart::Any) => "",
                (Language::Nl, MonthPart::Early) => "begin ",
                (Language::Nl, MonthPart::Mid) => "half ",
                (Language::Nl, MonthPart::Late) => "eind ",
                (Language::En, MonthPart::Early) => "early ",
                (Language::En, MonthPart::Mid) => "mid-",
                (Language::En, MonthPart::Late) => "end of ",
            };
            format!("{prefix}{month_name} {year}")
        }
    }
}

/// Reads a planned date as typed: "2020-06-30", "30-6-2020", "juni 2020",
/// "eind juni 2020", "end of June 2020", "begin december 2020" (Dutch or
/// English month names, any case).
#[must_use]
pub fn parse_planned_date(text: &str) -> Option<PlannedDate> {
    let text = text.trim().to_lowercase();
    for format in ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"] {
        if let Ok(date) = NaiveDate::parse_from_str(&text, format) {
            return Some(PlannedDate::Day(date));
        }
    }
    let parts = [
        ("begin ", MonthPart::Early),
        ("early ", MonthPart::Early),
        ("half ", MonthPart::Mid),
        ("mid-", MonthPart::Mid),
        ("mid ", MonthPart::Mid),
        ("eind ", MonthPart::Late),
        ("end of ", MonthPart::Late),
        ("late ", MonthPart::Late),
    ];
    let (part, rest) = parts
        .iter()
        .find_map(|(prefix, part)| text.strip_prefix(prefix).map(|rest| (*part, rest)))
        .unwrap_or((MonthPart::Any, text.as_str()));
    let mut words = rest.split_whitespace();
    let month_word = words.next()?;
    let year: i32 = words.next()?.parse().ok()?;
    if words.next().is_some() {
        return None;
    }
    let month = (1..=12u32).find(|&m| {
        month_name(Language::Nl, m).eq_ignore_ascii_case(month_word)
            || month_name(Language::En, m).eq_ignore_ascii_case(month_word)
    })?;
    Some(PlannedDate::Month { year, month, part })
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
    fn planned_dates_read_and_write_both_languages() {
        let late_june = PlannedDate::Month {
            year: 2020,
            month: 6,
            part: MonthPart::Late,
        };
        assert_eq!(parse_planned_date("eind juni 2020"), Some(late_june));
        assert_eq!(parse_planned_date("End of June 2020"), Some(late_june));
        assert_eq!(
            format_planned_date(Language::Nl, late_june),
            "eind juni 2020"
        );
        assert_eq!(
            format_planned_date(Language::En, late_june),
            "end of June 2020"
        );
        assert_eq!(
            parse_planned_date("december 2020"),
            Some(PlannedDate::Month {
                year: 2020,
                month: 12,
                part: MonthPart::Any
            })
        );
        assert_eq!(
            parse_planned_date("9-6-2020"),
            NaiveDate::from_ymd_opt(2020, 6, 9).map(PlannedDate::Day)
        );
        assert_eq!(parse_planned_date("ooit"), None);
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

    /// The glossary: `docs/GLOSSARY.md`, one row per term with the words
    /// that must not name it.
    const GLOSSARY: &str = include_str!("../docs/GLOSSARY.md");

    /// The words a text must not use, per language, from the glossary's table.
    fn forbidden_words() -> Vec<(String, Language, String)> {
        let mut words = Vec::new();
        for line in GLOSSARY.lines().filter(|l| l.starts_with('|')) {
            let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
            if cells.len() != 5 || cells[0] == "Nederlands" || cells[0].starts_with("---") {
                continue;
            }
            for (lang, cell) in [(Language::Nl, cells[3]), (Language::En, cells[4])] {
                for word in cell.split(',').map(str::trim) {
                    if !word.is_empty() && word != "—" {
                        words.push((word.to_lowercase(), lang, cells[0].to_owned()));
                    }
                }
            }
        }
        words
    }

    /// `text` without its placeholders (`{item}` is no word of the text).
    fn without_placeholders(text: &str) -> String {
        let mut out = String::new();
        let mut inside = false;
        for c in text.chars() {
            match c {
                '{' => inside = true,
                '}' => inside = false,
                _ if !inside => out.push(c),
                _ => {}
            }
        }
        out
    }

    /// Whether `text` holds `word` as a whole word (or words), any case.
    fn uses_word(text: &str, word: &str) -> bool {
        let text = text.to_lowercase();
        // A hyphen separates: "synthese-blok" uses "blok".
        let is_word = |c: char| c.is_alphanumeric();
        text.match_indices(word).any(|(at, _)| {
            let before = text[..at].chars().next_back();
            let after = text[at + word.len()..].chars().next();
            !before.is_some_and(is_word) && !after.is_some_and(is_word)
        })
    }

    #[test]
    fn the_glossary_is_read_and_catches_a_synonym() {
        let words = forbidden_words();
        assert!(words.len() > 20, "{} forbidden words", words.len());
        assert!(words.contains(&("blok".into(), Language::Nl, "synthese-onderdeel".into())));
        assert!(words.contains(&("block".into(), Language::En, "synthese-onderdeel".into())));
        assert!(uses_word("Vult synthese-blok", "blok"));
        assert!(!uses_word("Blokje", "blok"));
        assert!(uses_word("Nieuw blok", "blok"));
        assert!(!uses_word("Democratie in actie", "acties"));
        assert!(uses_word("Twee acties", "acties"));
        assert!(!uses_word("Actiepunten", "actie"));
        assert!(!uses_word(
            &without_placeholders("Laat los: {item}"),
            "item"
        ));
        assert_eq!(without_placeholders("Laat los: {item}"), "Laat los: ");
    }

    #[test]
    fn the_translation_table_uses_only_the_glossary_s_terms() {
        let words = forbidden_words();
        let mut found = Vec::new();
        for key in T::ALL {
            for lang in Language::ALL {
                let text = without_placeholders(key.get(lang));
                for (word, word_lang, term) in &words {
                    if *word_lang == lang && uses_word(&text, word) {
                        found.push(format!(
                            "{key:?} ({}) says '{word}' for '{term}'",
                            lang.code()
                        ));
                    }
                }
                // No plural in brackets: two texts instead.
                for bracket in ["(en)", "(s)", "(e)"] {
                    if text.contains(bracket) {
                        found.push(format!("{key:?} ({}) has '{bracket}'", lang.code()));
                    }
                }
            }
        }
        assert!(
            found.is_empty(),
            "texts outside the glossary:\n{}",
            found.join("\n")
        );
    }
}
