//! A large, realistic session for benchmarks and tests: many municipalities
//! with full cards, a long synthesis with nested bullets, named
//! participants and actions. Deterministic (the same arguments always give
//! the same session), with valid ids and references, and with Dutch-ish
//! words that recur across cards, as shared words do on a real whiteboard.

use chrono::{NaiveDate, NaiveTime};

use super::ids::{
    ActionId, BulletId, ExperimentId, ItemId, KeywordId, MeetingId, NoteId, OrgId, ParticipantId,
};
use super::session::{
    Action, ActionStatus, AgendaItem, AgendaKind, BlockKind, Bullet, Experiment, Header, Keyword,
    Language, MonthPart, NextMeeting, Note, OrgKind, Organisation, Owner, Participant, PlannedDate,
    Round, Session, Speaker, SpeakerStatus, Visibility,
};

/// Municipality names; beyond these, names get a number ("Zeist 2").
const PLACES: [&str; 64] = [
    "Meijerijstad",
    "Lochem",
    "Coevorden",
    "Oosterhout",
    "Barneveld",
    "Rijswijk",
    "Oldambt",
    "Etten-Leur",
    "De Bilt",
    "Papendrecht",
    "Waalwijk",
    "Zeist",
    "Hoogeveen",
    "Heerenveen",
    "Oss",
    "Veenendaal",
    "Katwijk",
    "Roosendaal",
    "Bergen op Zoom",
    "Nijkerk",
    "Harderwijk",
    "Woerden",
    "Kampen",
    "Soest",
    "Waadhoeke",
    "Súdwest-Fryslân",
    "Midden-Groningen",
    "Pijnacker-Nootdorp",
    "Zaltbommel",
    "Tiel",
    "Venray",
    "Weert",
    "Roermond",
    "Sittard-Geleen",
    "Kerkrade",
    "Heerhugowaard",
    "Den Helder",
    "Hoorn",
    "Purmerend",
    "Hilversum",
    "Gooise Meren",
    "Houten",
    "Nieuwegein",
    "IJsselstein",
    "Gorinchem",
    "Molenlanden",
    "Hardenberg",
    "Steenwijkerland",
    "Noordoostpolder",
    "Lelystad",
    "Terneuzen",
    "Middelburg",
    "Goes",
    "Vlissingen",
    "Uden",
    "Veldhoven",
    "Best",
    "Deurne",
    "Gemert-Bakel",
    "Goeree-Overflakkee",
    "Hoeksche Waard",
    "Zuidplas",
    "Kaag en Braassem",
    "Westland",
];

/// Words of the trade; the first ones are drawn more often, so they recur
/// across cards like "raad" and "participatie" do on a real whiteboard.
const WORDS: [&str; 96] = [
    "raad",
    "participatie",
    "inwoners",
    "leren",
    "experiment",
    "wijk",
    "samen",
    "cultuur",
    "kaders",
    "startgesprek",
    "burgerbegroting",
    "vertrouwen",
    "democratie",
    "bestuur",
    "college",
    "organisatie",
    "netwerk",
    "lab",
    "panel",
    "jongeren",
    "dorpsraad",
    "wijktafel",
    "buurtbudget",
    "loting",
    "burgerberaad",
    "raadsbreed",
    "akkoord",
    "visie",
    "strategie",
    "opgave",
    "gebiedsgericht",
    "werken",
    "ambtenaren",
    "rolneming",
    "griffie",
    "evaluatie",
    "monitor",
    "verwachtingen",
    "dienstverlening",
    "energie",
    "krachtenveld",
    "kartrekkers",
    "gunning",
    "ruimte",
    "initiatief",
    "overheidsparticipatie",
    "uitdaagrecht",
    "right to challenge",
    "omgevingswet",
    "omgevingsvisie",
    "woonvisie",
    "zorg",
    "sociaal domein",
    "veiligheid",
    "klimaat",
    "mobiliteit",
    "platform",
    "digitaal",
    "enquête",
    "peiling",
    "raadpleging",
    "referendum",
    "toekomstvisie",
    "inspraak",
    "meedenken",
    "meebeslissen",
    "co-creatie",
    "spelregels",
    "proces",
    "voorkant",
    "achterkant",
    "terugkoppeling",
    "communicatie",
    "bewonersavond",
    "keukentafel",
    "stakeholders",
    "ondernemers",
    "verenigingen",
    "scholen",
    "pilot",
    "traject",
    "stappenplan",
    "lessen",
    "reflectie",
    "ideeën",
    "café",
    "wandeling",
    "game",
    "canvas",
    "nota",
    "notitie",
    "kaasstolp",
    "spiegel",
    "fundament",
    "bouwstenen",
    "agenda",
];

/// Little words and marks the facilitator writes between the words.
const JOINERS: [&str; 8] = ["&", "+", "en", "met", "voor", "in", "-", "/"];

/// Tags the synthesis and keywords use.
const TAGS: [&str; 6] = [
    "participatie",
    "raad",
    "leren",
    "organisatie",
    "thorbecke",
    "inwoners",
];

const FIRST_NAMES: [&str; 16] = [
    "Anne", "Bas", "Carla", "Daan", "Eva", "Femke", "Gert", "Hanneke", "Ilse", "Joost", "Karin",
    "Lars", "Marieke", "Niels", "Olga", "Pieter",
];

const LAST_NAMES: [&str; 16] = [
    "de Vries",
    "Jansen",
    "van den Berg",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Dijk",
    "Dekker",
];

const ROLES: [&str; 4] = [
    "raadsgriffier",
    "beleidsadviseur participatie",
    "wethouder",
    "programmamanager",
];

/// A small deterministic random source (`SplitMix64`): no dependency, and
/// the same sequence on every machine.
struct Dice(u64);

impl Dice {
    fn roll(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (self.roll() % n as u64) as usize
    }

    /// True with a chance of `percent` in 100.
    fn chance(&mut self, percent: u64) -> bool {
        self.roll() % 100 < percent
    }

    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.below(list.len())]
    }

    /// A word, with the first quarter of the list drawn about half the time.
    fn word(&mut self) -> &'static str {
        if self.chance(50) {
            WORDS[self.below(WORDS.len() / 4)]
        } else {
            WORDS[self.below(WORDS.len())]
        }
    }

    /// `count` words with now and then a joiner between them.
    fn phrase(&mut self, count: usize) -> String {
        let mut out = String::new();
        for i in 0..count {
            if i > 0 {
                out.push(' ');
                if self.chance(25) {
                    out.push_str(self.pick(&JOINERS));
                    out.push(' ');
                }
            }
            out.push_str(self.word());
        }
        out
    }

    /// A sentence of `count` words, capitalised, sometimes a question.
    fn sentence(&mut self, count: usize) -> String {
        let phrase = self.phrase(count);
        let mut chars = phrase.chars();
        let mut out: String = chars
            .next()
            .map(|c| c.to_uppercase().collect())
            .unwrap_or_default();
        out.push_str(chars.as_str());
        out.push(if self.chance(20) { '?' } else { '.' });
        out
    }
}

/// A session with `municipalities` member municipalities (plus one guest),
/// each with one experiment of `keywords_each` keywords, and `bullets`
/// synthesis bullets in all blocks together, at depths 0 to 2.
///
/// Also: two named participants per municipality, an agenda with a round
/// past every municipality and an item per synthesis block, notes, actions
/// owned by organisations, participants and names, and two next meetings.
/// The whole session passes [`Session::problems`] without any.
#[must_use]
pub fn stress_session(municipalities: usize, keywords_each: usize, bullets: usize) -> Session {
    let mut dice = Dice(0x4C45_4552_4B52_494E); // "LEERKRIN"
    let mut next_note = 0;
    let mut note = |text: String, visibility: Visibility| {
        next_note += 1;
        Note {
            id: NoteId::new(format!("note-{next_note}")),
            text,
            visibility,
        }
    };

    let mut organisations: Vec<Organisation> = (0..municipalities)
        .map(|i| {
            let place = PLACES[i % PLACES.len()];
            let name = if i < PLACES.len() {
                place.to_owned()
            } else {
                format!("{place} {}", i / PLACES.len() + 1)
            };
            Organisation {
                id: OrgId::new(format!("org-{}", i + 1)),
                name,
                kind: OrgKind::Municipality,
                notes: Vec::new(),
                attendance: crate::model::Attendance::Unknown,
            }
        })
        .collect();
    let guest = OrgId::new("org-vng");
    organisations.push(Organisation {
        id: guest.clone(),
        name: "VNG / Democratie in actie".into(),
        kind: OrgKind::Guest,
        notes: vec![note(dice.sentence(40), Visibility::Report)],
        attendance: crate::model::Attendance::Unknown,
    });

    let participants: Vec<Participant> = (0..municipalities * 2)
        .map(|i| Participant {
            id: ParticipantId::new(format!("p-{}", i + 1)),
            name: format!(
                "{} {}",
                FIRST_NAMES[i % FIRST_NAMES.len()],
                LAST_NAMES[(i / FIRST_NAMES.len() + i) % LAST_NAMES.len()]
            ),
            organisation: Some(OrgId::new(format!("org-{}", i / 2 + 1))),
            role: ROLES[i % ROLES.len()].to_owned(),
            present: i % 7 != 6,
        })
        .collect();

    let mut next_keyword = 0;
    let experiments: Vec<Experiment> = (0..municipalities)
        .map(|i| {
            let keywords = (0..keywords_each)
                .map(|_| {
                    next_keyword += 1;
                    let words = 1 + dice.below(4);
                    let tags = if dice.chance(10) {
                        vec![dice.pick(&TAGS).to_owned()]
                    } else {
                        Vec::new()
                    };
                    Keyword {
                        id: KeywordId::new(format!("kw-{next_keyword}")),
                        text: dice.phrase(words),
                        tags,
                        highlighted: dice.chance(5),
                    }
                })
                .collect();
            let title_words = 2 + dice.below(3);
            let mut title = dice.phrase(title_words);
            if let Some(first) = title.get(..1) {
                title = first.to_uppercase() + &title[1..];
            }
            let notes = if i % 5 == 0 {
                vec![note(dice.sentence(25), Visibility::Report)]
            } else {
                Vec::new()
            };
            Experiment {
                id: ExperimentId::new(format!("exp-{}", i + 1)),
                organisation: OrgId::new(format!("org-{}", i + 1)),
                title,
                keywords,
                notes,
            }
        })
        .collect();

    let mut agenda = vec![
        AgendaItem {
            id: ItemId::new("item-opening"),
            title: "Opening en welkom".into(),
            kind: AgendaKind::Opening,
            planned_minutes: 10,
            presenter: None,
            block: None,
            notes: vec![note(dice.sentence(30), Visibility::Report)],
            round: None,
            actual_start: None,
            actual_end: None,
        },
        AgendaItem {
            id: ItemId::new("item-guest"),
            title: "VNG / Democratie in actie: Thorbecke-experimenten".into(),
            kind: AgendaKind::Presentation,
            planned_minutes: 20,
            presenter: Some(guest.clone()),
            block: None,
            notes: vec![note(dice.sentence(20), Visibility::Private)],
            round: None,
            actual_start: None,
            actual_end: None,
        },
        AgendaItem {
            id: ItemId::new("item-round"),
            title: "Ronde: experimenten en ervaringen".into(),
            kind: AgendaKind::Round,
            planned_minutes: u32::try_from(municipalities * 5).unwrap_or(u32::MAX),
            presenter: None,
            block: None,
            notes: Vec::new(),
            round: Some(Round {
                speaker_minutes: 5,
                speakers: organisations
                    .iter()
                    .filter(|o| o.kind == OrgKind::Municipality)
                    .map(|o| Speaker {
                        organisation: o.id.clone(),
                        status: SpeakerStatus::Waiting,
                        airtime_seconds: 0,
                    })
                    .collect(),
            }),
            actual_start: None,
            actual_end: None,
        },
        AgendaItem::new(ItemId::new("item-break"), "Pauze", AgendaKind::Break, 15),
    ];
    let block_titles = [
        (BlockKind::Observations, "Wat valt op?"),
        (BlockKind::Opportunities, "Waar liggen de kansen?"),
        (BlockKind::FollowUp, "Vervolg M50 verband?"),
        (BlockKind::Proposals, "Eerste voorstel"),
        (BlockKind::Decisions, "Besluiten"),
        (BlockKind::OpenQuestions, "Open vragen"),
    ];
    for (index, (kind, title)) in block_titles.iter().enumerate() {
        agenda.push(AgendaItem {
            block: Some(*kind),
            notes: vec![note(dice.sentence(15), Visibility::Projector)],
            ..AgendaItem::new(
                ItemId::new(format!("item-block-{}", index + 1)),
                *title,
                AgendaKind::Synthesis,
                15,
            )
        });
    }
    agenda.push(AgendaItem::new(
        ItemId::new("item-closing"),
        "Afsluiting en vervolgafspraken",
        AgendaKind::Closing,
        10,
    ));

    let mut session = Session {
        header: Header {
            title: format!("Stresstest leerkring met {municipalities} gemeenten"),
            network: "M50".into(),
            theme: "Democratische vernieuwing".into(),
            date: NaiveDate::from_ymd_opt(2020, 2, 4),
            start_time: NaiveTime::from_hms_opt(13, 0, 0),
            end_time: NaiveTime::from_hms_opt(17, 0, 0),
            location: "Stadhuis, Raadzaal".into(),
            host: organisations.first().map(|o| o.id.clone()),
            facilitator: "Marieke Visser".into(),
            chair: String::new(),
            note_taker: "Jeroen de Wit".into(),
            language: Language::Nl,
            participant_count: None,
            report_final: false,
        },
        notes: vec![note(dice.sentence(45), Visibility::Report)],
        organisations,
        participants,
        agenda,
        experiments,
        ..Session::default()
    };

    // Bullets: spread over the blocks in turn; about a third nest under the
    // block's last bullet, and some of those one level deeper.
    for n in 0..bullets {
        let kind = BlockKind::ALL[n % BlockKind::ALL.len()];
        let words = 4 + dice.below(18);
        let tags = if dice.chance(15) {
            vec![dice.pick(&TAGS).to_owned()]
        } else {
            Vec::new()
        };
        let bullet = Bullet {
            id: BulletId::new(format!("b-{}", n + 1)),
            text: dice.sentence(words),
            tags,
            children: Vec::new(),
        };
        let nest = dice.chance(35);
        let deeper = dice.chance(35);
        let list = &mut session.synthesis.block_mut(kind).bullets;
        match list.last_mut() {
            Some(parent) if nest => match parent.children.last_mut() {
                Some(child) if deeper => child.children.push(bullet),
                _ => parent.children.push(bullet),
            },
            _ => list.push(bullet),
        }
    }
    session.synthesis.follow_up.heading = "Vervolg M50 verband?".into();

    let owners = |i: usize| match i % 3 {
        0 if municipalities > 0 => Some(Owner::Organisation(OrgId::new(format!(
            "org-{}",
            i % municipalities + 1
        )))),
        1 if municipalities > 0 => Some(Owner::Participant(ParticipantId::new(format!(
            "p-{}",
            i % (municipalities * 2) + 1
        )))),
        _ => Some(Owner::Name("Deelnemers".into())),
    };
    session.synthesis.actions = (0..(bullets / 10).max(1))
        .map(|i| {
            let words = 6 + dice.below(10);
            Action {
                id: ActionId::new(format!("action-{}", i + 1)),
                text: dice.sentence(words),
                owner: owners(i),
                due: NaiveDate::from_ymd_opt(2020, 3 + (i % 9) as u32, 1 + (i % 28) as u32),
                status: if i % 4 == 3 {
                    ActionStatus::Done
                } else {
                    ActionStatus::Open
                },
                from: None,
            }
        })
        .collect();
    session.synthesis.next_meetings = vec![
        NextMeeting {
            id: MeetingId::new("meeting-1"),
            when: Some(PlannedDate::Month {
                year: 2020,
                month: 6,
                part: MonthPart::Late,
            }),
            theme: "Thorbecke-experimenten".into(),
            host: session.organisations.get(1).map(|o| o.id.clone()),
        },
        NextMeeting {
            id: MeetingId::new("meeting-2"),
            when: NaiveDate::from_ymd_opt(2020, 12, 8).map(PlannedDate::Day),
            theme: "De lerende organisatie".into(),
            host: None,
        },
    ];
    session
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stress_session_holds_together_and_has_the_sizes_asked_for() {
        let s = stress_session(60, 25, 200);
        assert_eq!(s.problems(), Vec::new());
        assert_eq!(s.municipalities().count(), 60);
        assert_eq!(s.experiments.len(), 60);
        assert_eq!(s.keyword_count(), 60 * 25);
        assert_eq!(s.bullet_count(), 200);
        assert_eq!(s.cards().len(), 60);
    }

    #[test]
    fn stress_session_nests_bullets_and_shares_words() {
        let s = stress_session(60, 25, 200);
        let depth2 = BlockKind::ALL.iter().any(|&k| {
            s.synthesis
                .block(k)
                .bullets
                .iter()
                .any(|b| b.children.iter().any(|c| !c.children.is_empty()))
        });
        assert!(depth2, "some bullets are two levels deep");
        let with_raad = s
            .experiments
            .iter()
            .filter(|e| e.keywords.iter().any(|k| k.text.contains("raad")))
            .count();
        assert!(with_raad > 10, "'raad' recurs across cards: {with_raad}");
    }

    #[test]
    fn stress_session_is_deterministic_and_works_small_and_beyond_the_name_list() {
        assert_eq!(stress_session(5, 3, 7), stress_session(5, 3, 7));
        assert!(stress_session(0, 0, 0).problems().is_empty());
        let big = stress_session(130, 2, 13);
        assert!(big.problems().is_empty());
        let names: std::collections::HashSet<_> =
            big.organisations.iter().map(|o| o.name.as_str()).collect();
        assert_eq!(names.len(), big.organisations.len(), "names are unique");
    }
}
