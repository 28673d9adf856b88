//! The sample session holds the whole seed meeting.

use leerkring::model::{OrgKind, Session};
use leerkring::store;

use crate::support::sample_path;

fn sample() -> Session {
    store::load_session(&sample_path()).expect("the sample session loads")
}

#[test]
fn sample_has_the_seed_counts() {
    let s = sample();
    assert_eq!(s.municipalities().count(), 12);
    assert_eq!(s.guests().count(), 1);
    assert_eq!(s.experiments.len(), 12);
    assert_eq!(s.keyword_count(), 66);
    assert_eq!(s.participant_count(), Some(24));
    assert!(s.participants.is_empty(), "the seed names nobody");
    // "24 van 12 gemeenten o.a. …" names all twelve, and the VNG "was aanwezig".
    assert!(
        s.organisations
            .iter()
            .all(|o| s.attended(&o.id) == Some(true))
    );
    assert_eq!(s.attending_municipalities().count(), 12);
    assert!(s.problems().is_empty());
}

#[test]
fn each_keyword_is_under_the_right_municipality() {
    let s = sample();
    // (municipality, experiment title, number of keywords, first, last), as in the seed.
    let expected = [
        (
            "Meijerijstad",
            "Participeren & leren",
            6,
            "cultuur samen leren",
            "+ startnotitie",
        ),
        (
            "Coevorden",
            "Verbindend besturen",
            5,
            "raadsbreed akkoord",
            "gezamelijk verticaal vu",
        ),
        (
            "Lochem",
            "Slagvaardig Lochem",
            7,
            "lessen: [Sensu, game] los",
            "toch nog kaasstolp?",
        ),
        (
            "Waalwijk",
            "doen & leren",
            7,
            "vele projecten ← doen + leren",
            "intern Δ- traject - continue...",
        ),
        (
            "Etten-Leur",
            "E.L. maken we Samen",
            5,
            "veel actieve inwoners",
            "multifase: prisa over P. prasa",
        ),
        (
            "Oosterhout",
            "buurt gestuurd",
            5,
            "denkbank inwoners",
            "Wanderend vernieuwen",
        ),
        (
            "De Bilt",
            "Uitdaagrecht / RTC",
            7,
            "open aan besteding?",
            "hoe duur is het optuigen?",
        ),
        (
            "Oldambt",
            "dorps/wijkgericht",
            6,
            "taakdisc.: rol raad? wat wil inwon.",
            "jongereraad",
        ),
        (
            "Zeist",
            "Maaltijd van Zeist",
            5,
            "gesprek met raad",
            "participat = middel, geen doel",
        ),
        (
            "Rijswijk",
            "leren/herorienteren",
            3,
            "strat. stadsvisie voorgelast, veel intradieus projecten",
            "nwe. P. nota",
        ),
        (
            "Papendrecht",
            "Papendrechtse Methode",
            7,
            "herorientatie",
            "raads breed... ra/meder",
        ),
        (
            "Barneveld",
            "Zoek Ei van Columbus",
            3,
            "Worsteling RTC: leuren?",
            "veel vragen over Participat",
        ),
    ];
    assert_eq!(s.experiments.len(), expected.len());
    for (experiment, (org, title, count, first, last)) in s.experiments.iter().zip(expected) {
        let owner = s
            .organisation(&experiment.organisation)
            .expect("known organisation");
        assert_eq!(owner.name, org);
        assert_eq!(owner.kind, OrgKind::Municipality);
        assert_eq!(experiment.title, title);
        assert_eq!(experiment.keywords.len(), count, "{org}");
        assert_eq!(experiment.keywords[0].text, first, "{org}");
        assert_eq!(experiment.keywords[count - 1].text, last, "{org}");
    }
    let barneveld = &s.experiments[11];
    assert_eq!(
        barneveld.keywords[1].text,
        "wijrplatform/plaatselijk belang → gebiedsgericht werken - hoe?"
    );
    assert_eq!(s.experiments[0].keywords[2].text, "raad 1^o woord");
}

#[test]
fn sample_holds_the_intro_guest_and_synthesis() {
    let s = sample();
    let opening = &s.agenda[0];
    assert_eq!(opening.title, "Opening en welkom");
    assert!(
        opening.notes[0]
            .text
            .starts_with("Democratische vernieuwing is één van de thema's"),
        "the seed's introduction is what the opening said"
    );
    let vng = s.guests().next().expect("the VNG guest");
    assert!(vng.notes[0].text.contains("Thorbecke - experimenten"));
    assert!(
        vng.notes[0]
            .text
            .contains("in combinatie met aantal filmpjes")
    );

    let syn = &s.synthesis;
    assert_eq!(syn.observations.bullets.len(), 5);
    assert_eq!(syn.opportunities.bullets.len(), 2);
    assert_eq!(syn.opportunities.bullets[0].children.len(), 5);
    assert_eq!(syn.opportunities.bullets[1].children.len(), 2);
    assert_eq!(syn.follow_up.heading, "Vervolg M50 verband?");
    assert_eq!(syn.follow_up.bullets.len(), 2);
    assert_eq!(syn.proposals.bullets.len(), 3);
    let meetings = &syn.proposals.bullets[1].children;
    assert!(meetings[0].text.ends_with("(eind juni)"));
    assert!(meetings[1].text.ends_with("(december)"));
    assert_eq!(syn.next_meetings.len(), 2);
    assert!(syn.next_meetings.iter().all(|m| m.host.is_none()));
    assert_eq!(
        syn.open_questions.bullets[0].text,
        "Wie wil gastgemeente zijn voor één van deze bijeenkomsten?"
    );
}

#[test]
fn sample_file_is_in_canonical_form() {
    // What the app writes is byte for byte what is bundled: diffs stay clean.
    let bytes = std::fs::read(sample_path()).unwrap();
    assert_eq!(store::session_to_json(&sample()), bytes);
}

#[test]
fn built_in_sample_equals_the_file() {
    assert_eq!(leerkring::app::sample_session(), sample());
}
