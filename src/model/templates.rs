//! Templates a new session starts from: the built-in ones (the standard
//! learning circle, a short 90-minute one, an empty one) in Dutch and
//! English, and a session turned into a template for a network's own format.
//! A template never carries names, a network, a theme or anything else said
//! at one meeting: only the agenda's shape, minutes and times.

use chrono::NaiveTime;

use super::ids::ItemId;
use super::session::{
    AgendaItem, AgendaKind, BlockKind, Header, Language, Round, Session, Synthesis,
};

/// A template that comes with Leerkring.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BuiltIn {
    /// The standard learning circle of two and a half hours.
    Standard,
    /// A short meeting of 90 minutes.
    Short,
    /// Nothing but the language: an empty agenda.
    Empty,
}

/// One item of a built-in template: title in Dutch and English, kind,
/// minutes, the synthesis block it fills.
struct ItemSpec {
    nl: &'static str,
    en: &'static str,
    kind: AgendaKind,
    minutes: u32,
    block: Option<BlockKind>,
}

const fn item(
    nl: &'static str,
    en: &'static str,
    kind: AgendaKind,
    minutes: u32,
    block: Option<BlockKind>,
) -> ItemSpec {
    ItemSpec {
        nl,
        en,
        kind,
        minutes,
        block,
    }
}

/// The standard learning circle: 150 minutes, 13:30 to 16:00.
const STANDARD: &[ItemSpec] = &[
    item(
        "Opening en welkom",
        "Opening and welcome",
        AgendaKind::Opening,
        10,
        None,
    ),
    item(
        "Gast of inspiratie",
        "Guest or inspiration",
        AgendaKind::Presentation,
        20,
        None,
    ),
    item(
        "Ronde: experimenten en ervaringen",
        "Round: experiments and experiences",
        AgendaKind::Round,
        50,
        None,
    ),
    item(
        "Voorbeelden",
        "Examples",
        AgendaKind::Presentation,
        10,
        None,
    ),
    item(
        "Wat valt op?",
        "What stands out?",
        AgendaKind::Synthesis,
        15,
        Some(BlockKind::Observations),
    ),
    item(
        "Waar liggen de kansen?",
        "Where are the opportunities?",
        AgendaKind::Synthesis,
        20,
        Some(BlockKind::Opportunities),
    ),
    item(
        "Vervolg",
        "Follow-up",
        AgendaKind::Discussion,
        10,
        Some(BlockKind::FollowUp),
    ),
    item(
        "Afspraken",
        "Agreements",
        AgendaKind::Synthesis,
        10,
        Some(BlockKind::Decisions),
    ),
    item("Afsluiting", "Closing", AgendaKind::Closing, 5, None),
];

/// A short meeting: 90 minutes, 13:30 to 15:00.
const SHORT: &[ItemSpec] = &[
    item(
        "Opening en welkom",
        "Opening and welcome",
        AgendaKind::Opening,
        5,
        None,
    ),
    item(
        "Ronde: experimenten en ervaringen",
        "Round: experiments and experiences",
        AgendaKind::Round,
        40,
        None,
    ),
    item(
        "Wat valt op?",
        "What stands out?",
        AgendaKind::Synthesis,
        15,
        Some(BlockKind::Observations),
    ),
    item(
        "Waar liggen de kansen?",
        "Where are the opportunities?",
        AgendaKind::Synthesis,
        15,
        Some(BlockKind::Opportunities),
    ),
    item(
        "Vervolg en afspraken",
        "Follow-up and agreements",
        AgendaKind::Discussion,
        10,
        Some(BlockKind::FollowUp),
    ),
    item("Afsluiting", "Closing", AgendaKind::Closing, 5, None),
];

impl BuiltIn {
    /// Every built-in template, in list order (the standard one first).
    pub const ALL: [BuiltIn; 3] = [BuiltIn::Standard, BuiltIn::Short, BuiltIn::Empty];

    /// The name used on the command line in `lang` ("standaard", "standard").
    #[must_use]
    pub fn name(self, lang: Language) -> &'static str {
        match (self, lang) {
            (BuiltIn::Standard, Language::Nl) => "standaard",
            (BuiltIn::Standard, Language::En) => "standard",
            (BuiltIn::Short, Language::Nl) => "kort",
            (BuiltIn::Short, Language::En) => "short",
            (BuiltIn::Empty, Language::Nl) => "leeg",
            (BuiltIn::Empty, Language::En) => "empty",
        }
    }

    /// The template a name means, in either language (case ignored).
    #[must_use]
    pub fn from_name(name: &str) -> Option<BuiltIn> {
        let name = name.trim().to_lowercase();
        Self::ALL
            .into_iter()
            .find(|t| Language::ALL.iter().any(|lang| t.name(*lang) == name))
    }

    fn items(self) -> &'static [ItemSpec] {
        match self {
            BuiltIn::Standard => STANDARD,
            BuiltIn::Short => SHORT,
            BuiltIn::Empty => &[],
        }
    }

    /// The new session this template makes, in `lang`: the agenda with its
    /// minutes, the planned start and end, and nothing else.
    #[must_use]
    pub fn session(self, lang: Language) -> Session {
        let mut session = Session {
            header: Header {
                language: lang,
                ..Header::default()
            },
            ..Session::default()
        };
        for (n, spec) in self.items().iter().enumerate() {
            let title = match lang {
                Language::Nl => spec.nl,
                Language::En => spec.en,
            };
            let mut item = AgendaItem::new(
                ItemId::new(format!("item-{}", n + 1)),
                title,
                spec.kind,
                spec.minutes,
            );
            item.block = spec.block;
            if spec.kind == AgendaKind::Round {
                item.round = Some(Round {
                    speaker_minutes: 5,
                    speakers: Vec::new(),
                });
            }
            session.agenda.push(item);
        }
        if !session.agenda.is_empty() {
            let start = NaiveTime::from_hms_opt(13, 30, 0);
            session.header.start_time = start;
            session.header.end_time =
                start.map(|s| s + chrono::TimeDelta::minutes(i64::from(session.planned_minutes())));
        }
        session
    }
}

/// The neutral title of an item of this kind in `lang`, for an item whose
/// own title named someone or something of one meeting.
#[must_use]
pub fn neutral_title(kind: AgendaKind, block: Option<BlockKind>, lang: Language) -> &'static str {
    let by_block = block.and_then(|b| {
        STANDARD
            .iter()
            .chain(SHORT)
            .find(|s| s.block == Some(b))
            .map(|s| (s.nl, s.en))
    });
    let (nl, en) = by_block.unwrap_or(match kind {
        AgendaKind::Opening => ("Opening en welkom", "Opening and welcome"),
        AgendaKind::Round => (
            "Ronde: experimenten en ervaringen",
            "Round: experiments and experiences",
        ),
        AgendaKind::Presentation => ("Presentatie", "Presentation"),
        AgendaKind::Discussion => ("Gesprek", "Discussion"),
        AgendaKind::Synthesis => ("Synthese", "Synthesis"),
        AgendaKind::Break => ("Pauze", "Break"),
        AgendaKind::Closing => ("Afsluiting", "Closing"),
    });
    match lang {
        Language::Nl => nl,
        Language::En => en,
    }
}

/// Whether `text` mentions one of `words` (each compared case-insensitively,
/// as a whole word or words).
fn mentions(text: &str, words: &[String]) -> bool {
    let lower = text.to_lowercase();
    words.iter().any(|word| {
        let word = word.trim().to_lowercase();
        if word.chars().count() < 2 {
            return false;
        }
        lower.match_indices(&word).any(|(at, _)| {
            let before = lower[..at].chars().next_back();
            let after = lower[at + word.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
    })
}

impl Session {
    /// When the planned agenda ends: the start time plus every item's
    /// minutes. `None` without a start time.
    #[must_use]
    pub fn planned_end(&self) -> Option<NaiveTime> {
        let start = self.header.start_time?;
        Some(start + chrono::TimeDelta::minutes(i64::from(self.planned_minutes())))
    }

    /// By how many minutes the planned agenda runs past the end time; `None`
    /// when it fits (or there is no start or end time to compare).
    #[must_use]
    pub fn planned_overrun(&self) -> Option<u32> {
        let start = self.header.start_time?;
        let end = self.header.end_time?;
        let available = (end - start).num_minutes();
        // An end before the start is a meeting past midnight.
        let available = if available < 0 {
            available + 24 * 60
        } else {
            available
        };
        let over = i64::from(self.planned_minutes()) - available;
        u32::try_from(over).ok().filter(|m| *m > 0)
    }

    /// This session as a template: the agenda's shape, minutes and times in
    /// its language, and nothing of the meeting itself — no title, date,
    /// network, theme, place, people, organisations, notes, experiments,
    /// synthesis or photos. An item title (or a block's own heading) that
    /// names an organisation, a person, the network, the theme or the place
    /// gets the neutral title of its kind.
    #[must_use]
    pub fn as_template(&self) -> Session {
        let h = &self.header;
        let mut private: Vec<String> = [
            &h.title,
            &h.network,
            &h.theme,
            &h.location,
            &h.facilitator,
            &h.chair,
            &h.note_taker,
        ]
        .into_iter()
        .filter(|s| !s.trim().is_empty())
        .cloned()
        .collect();
        private.extend(self.organisations.iter().map(|o| o.name.clone()));
        for p in &self.participants {
            private.push(p.name.clone());
            // A surname alone ("De Vries") names the person too.
            if let Some(last) = p.name.split_whitespace().last() {
                private.push(last.to_owned());
            }
        }
        let lang = h.language;
        let agenda = self
            .agenda
            .iter()
            .map(|item| {
                let title = if mentions(&item.title, &private) || item.presenter.is_some() {
                    neutral_title(item.kind, item.block, lang).to_owned()
                } else {
                    item.title.clone()
                };
                let mut new =
                    AgendaItem::new(item.id.clone(), title, item.kind, item.planned_minutes);
                new.block = item.block;
                new.round = item.round.as_ref().map(|r| Round {
                    speaker_minutes: r.speaker_minutes,
                    speakers: Vec::new(),
                });
                new
            })
            .collect();
        let mut synthesis = Synthesis::default();
        for kind in BlockKind::ALL {
            let heading = &self.synthesis.block(kind).heading;
            if !mentions(heading, &private) {
                synthesis.block_mut(kind).heading.clone_from(heading);
            }
        }
        Session {
            header: Header {
                language: lang,
                start_time: h.start_time,
                end_time: h.end_time,
                ..Header::default()
            },
            agenda,
            synthesis,
            ..Session::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_standard_template_fits_its_afternoon_in_both_languages() {
        for lang in Language::ALL {
            let s = BuiltIn::Standard.session(lang);
            assert_eq!(s.agenda.len(), 9);
            assert_eq!(s.planned_minutes(), 150);
            assert_eq!(s.planned_overrun(), None);
            assert_eq!(s.header.end_time, NaiveTime::from_hms_opt(16, 0, 0));
            assert!(s.problems().is_empty(), "{:?}", s.problems());
            assert!(s.header.title.is_empty() && s.organisations.is_empty());
        }
        assert_eq!(
            BuiltIn::Standard.session(Language::Nl).agenda[4].title,
            "Wat valt op?"
        );
        assert_eq!(
            BuiltIn::Standard.session(Language::En).agenda[4].title,
            "What stands out?"
        );
        assert_eq!(BuiltIn::Short.session(Language::Nl).planned_minutes(), 90);
        assert!(BuiltIn::Empty.session(Language::En).agenda.is_empty());
    }

    #[test]
    fn names_work_in_either_language() {
        assert_eq!(BuiltIn::from_name("Standard"), Some(BuiltIn::Standard));
        assert_eq!(BuiltIn::from_name("kort"), Some(BuiltIn::Short));
        assert_eq!(BuiltIn::from_name("leeg"), Some(BuiltIn::Empty));
        assert_eq!(BuiltIn::from_name("m50"), None);
    }

    #[test]
    fn the_overrun_is_the_planned_minutes_past_the_end() {
        let mut s = BuiltIn::Standard.session(Language::Nl);
        s.agenda[2].planned_minutes += 20;
        assert_eq!(s.planned_overrun(), Some(20));
        assert_eq!(s.planned_end(), NaiveTime::from_hms_opt(16, 20, 0));
        s.header.end_time = None;
        assert_eq!(s.planned_overrun(), None);
        // An evening meeting that ends after midnight.
        s.header.start_time = NaiveTime::from_hms_opt(22, 0, 0);
        s.header.end_time = NaiveTime::from_hms_opt(1, 0, 0);
        assert_eq!(s.planned_overrun(), None);
    }

    #[test]
    fn a_template_from_a_session_keeps_nothing_of_the_meeting() {
        let mut s = BuiltIn::Standard.session(Language::Nl);
        s.header.title = "Kick-off M50".into();
        s.header.network = "M50".into();
        s.header.theme = "Democratische vernieuwing".into();
        let vng = s.add_organisation("VNG / Democratie in actie", super::super::OrgKind::Guest);
        s.add_organisation("Lochem", super::super::OrgKind::Municipality);
        s.agenda[1].title = "VNG / Democratie in actie: Thorbecke".into();
        s.agenda[1].presenter = Some(vng);
        s.agenda[6].title = "Vervolg M50 verband?".into();
        s.agenda[3].title = "Voorbeeld uit Lochem".into();
        s.synthesis.follow_up.heading = "Vervolg M50 verband?".into();
        let t = s.as_template();
        let json = serde_json::to_string(&t).unwrap_or_default();
        for word in [
            "M50",
            "Lochem",
            "VNG",
            "Democratische",
            "Thorbecke",
            "Kick-off",
        ] {
            assert!(!json.contains(word), "{word} in {json}");
        }
        assert_eq!(t.agenda[1].title, "Presentatie");
        assert_eq!(t.agenda[6].title, "Vervolg");
        assert_eq!(t.agenda[3].title, "Presentatie");
        assert_eq!(
            t.agenda[2].round.as_ref().map(|r| r.speaker_minutes),
            Some(5)
        );
        assert!(t.problems().is_empty());
    }
}
