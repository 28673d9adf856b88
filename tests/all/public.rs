//! The public variant (for publication under open-government rules): a
//! session a hostile colleague filled with full names, first names alone,
//! `@Name`s, e-mail addresses and telephone numbers — in the header,
//! keywords, bullets, notes, captions and actions. None of it may reach any
//! public output, in any format, in the text or in the file's metadata; the
//! list of replacements says exactly what was replaced; and the result
//! still reads well.

use std::io::{Cursor, Read};
use std::path::Path;

use leerkring::Session;
use leerkring::report::{self, ExportOptions, Format, Replacement, ReplacementKind};
use leerkring::store;
use serde_json::json;

use crate::console::harness;
use crate::report::{
    TINY_PNG, docx_text, html, html_text, leerkring, markdown, markdown_text, render, session_from,
};
use crate::support::{app, text};
use egui_kittest::kittest::Queryable;
use leerkring::StartWith;

/// Text that must never appear in a public report (compared ignoring case).
const SECRETS: &[&str] = &[
    "Anna",
    "Vries",
    "Bram",
    "Bakker",
    "Carla",
    "Dirk-Jan",
    "Dirk",
    "Smit",
    "Marieke",
    "Hendriks",
    "Mulder",
    "Jansen",
    "Roos",
    "zeist.nl",
    "lochem.nl",
    "example.org",
    "vng.example",
    "kees@",
];

/// Digits of the telephone numbers, and the `@`: checked in the visible text
/// (a style sheet has `@media`, a package has sizes).
const VISIBLE_SECRETS: &[&str] = &[
    "@",
    "12345678",
    "1234 5678",
    "123 45 67",
    "1234567",
    "123456",
    "+31",
];

fn named_session(dir: &Path) -> Session {
    std::fs::write(dir.join("bord.png"), TINY_PNG).expect("write the photo");
    session_from(&json!({
        "format_version": 1,
        "header": {
            "title": "Leerkring bij Anna de Vries",
            "network": "M50",
            "theme": "Vernieuwing met Bram Bakker",
            "date": "2020-02-04",
            "location": "Stadhuis Zeist, kamer van Anna de Vries",
            "host": "o-zeist",
            "facilitator": "Marieke Hendriks",
            "chair": "Anna de Vries",
            "note_taker": "Bram Bakker",
            "language": "nl"
        },
        "notes": [
            {"id": "n-1", "text": "Welkom door Anna de Vries, wethouder van Zeist. Bram (Lochem) nam het verslag.\nBel Anna op 06-12345678 of mail anna.devries@zeist.nl."},
            {"id": "n-2", "text": "Privé: Dirk-Jan Smit belt", "visibility": "private"}
        ],
        "organisations": [
            {"id": "o-zeist", "name": "Zeist"},
            {"id": "o-lochem", "name": "Lochem"},
            {"id": "o-debilt", "name": "De Bilt"},
            {"id": "o-coevorden", "name": "Coevorden", "attendance": "absent"},
            {"id": "o-vng", "name": "VNG", "kind": "guest", "attendance": "present",
             "notes": [{"id": "n-3", "text": "Contact via kees@vng.example.nl of +31 70 373 8393."}]}
        ],
        "participants": [
            {"id": "p-1", "name": "Anna de Vries", "organisation": "o-zeist", "role": "wethouder"},
            {"id": "p-2", "name": "Bram Bakker", "organisation": "o-lochem"},
            {"id": "p-3", "name": "Carla"},
            {"id": "p-4", "name": "Dirk-Jan Smit", "organisation": "o-lochem", "present": false},
            {"id": "p-5", "name": "Roos Mulder", "organisation": "o-debilt"},
            {"id": "p-6", "name": "Wil Jansen", "organisation": "o-zeist"}
        ],
        "agenda": [
            {"id": "i-1", "title": "Opening door Anna", "kind": "opening",
             "notes": [{"id": "n-4", "text": "Marieke Hendriks opent. Wil je meedoen? Mail w.jansen@zeist.nl"}]},
            {"id": "i-2", "title": "Ronde", "kind": "round"},
            {"id": "i-3", "title": "Voorbeelden", "kind": "presentation",
             "notes": [{"id": "n-5", "text": "Poster van Dirk-Jan Smit; vragen naar dirk-jan.smit@lochem.nl of 0573-123456"}]},
            {"id": "i-4", "title": "Besluiten", "block": "decisions"}
        ],
        "experiments": [
            {"id": "e-1", "organisation": "o-zeist", "title": "Maaltijd van Wil", "keywords": [
                {"id": "k-1", "text": "gesprek met Anna"},
                {"id": "k-2", "text": "@Bram: raad 1e woord"},
                {"id": "k-3", "text": "Roos: bel +31 6 1234 5678"},
                {"id": "k-4", "text": "mail carla@example.org"}
            ]},
            {"id": "e-2", "organisation": "o-lochem", "title": "Raad aan zet", "keywords": [
                {"id": "k-5", "text": "Dirk-Jan: (030) 123 45 67"},
                {"id": "k-6", "text": "dhr. Bakker trekt"}
            ]},
            {"id": "e-3", "organisation": "o-debilt", "title": "Uitdaagrecht",
             "notes": [{"id": "n-6", "text": "Roos Mulder belt 030-1234567 op 4-2-2020 om 13:30"}]}
        ],
        "synthesis": {
            "observations": {"bullets": [{"id": "b-1", "text": "Carla vat samen", "children": [
                {"id": "b-2", "text": "(Dirk-Jan Smit)"},
                {"id": "b-3", "text": "@Marieke zorgt voor de zaal"}
            ]}]},
            "decisions": {"bullets": [{"id": "b-4", "text": "Mevrouw De Vries tekent namens Zeist."}]},
            "open_questions": {"bullets": [{"id": "b-5", "text": "Wie belt dhr. Bakker op 06 1234 5678?"}]},
            "actions": [
                {"id": "a-1", "text": "Bundel sturen naar anna@zeist.nl", "owner": {"participant": "p-1"}},
                {"id": "a-2", "text": "Carla mailen", "owner": {"participant": "p-3"}},
                {"id": "a-3", "text": "Bellen met 030-1234567", "owner": {"name": "Bram Bakker"}},
                {"id": "a-4", "text": "Zaal regelen", "owner": {"name": "Roos"}}
            ],
            "next_meetings": [{"id": "m-1", "theme": "Bij Anna thuis", "host": "o-zeist",
                               "when": {"month": {"year": 2020, "month": 6}}}]
        },
        "attachments": [{"id": "f-1", "path": "bord.png", "caption": "Bord van Bram Bakker, tel. 06 1234 5678", "agenda_item": "i-3"}]
    }))
}

/// Every text part of a DOCX package (the XML of the body, styles, core
/// and app properties, relationships), one after the other.
fn docx_all_text(docx: &[u8]) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(docx)).expect("the DOCX is a ZIP file");
    let mut all = String::new();
    for i in 0..archive.len() {
        let mut part = archive.by_index(i).expect("a part");
        let mut bytes = Vec::new();
        part.read_to_end(&mut bytes).expect("the part reads");
        if let Ok(text) = String::from_utf8(bytes) {
            all.push_str(&text);
            all.push('\n');
        }
    }
    all
}

/// The page without embedded pictures (their base64 could spell anything).
fn without_data_urls(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(at) = rest.find("data:") {
        out.push_str(&rest[..at]);
        let end = rest[at..].find('"').map_or(rest.len(), |e| at + e);
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// (format, everything in the file, the text a reader sees) for each format.
fn outputs(session: &Session, options: &ExportOptions) -> Vec<(&'static str, String, String)> {
    let md = markdown(session, options);
    let page = html(session, options);
    let word = render(session, Format::Docx, options);
    vec![
        ("Markdown", md.clone(), markdown_text(&md)),
        ("HTML", without_data_urls(&page), html_text(&page)),
        ("DOCX", docx_all_text(&word), docx_text(&word)),
    ]
}

fn assert_names_nobody(session: &Session, options: &ExportOptions) {
    for (format, raw, visible) in outputs(session, options) {
        let raw_lower = raw.to_lowercase();
        for secret in SECRETS {
            assert!(
                !raw_lower.contains(&secret.to_lowercase()),
                "{format} holds {secret:?}:\n{raw}"
            );
        }
        for secret in VISIBLE_SECRETS {
            assert!(
                !visible.contains(secret),
                "{format} shows {secret:?}:\n{visible}"
            );
        }
    }
}

#[test]
fn the_full_report_names_them_so_this_test_would_notice() {
    let dir = tempfile::tempdir().unwrap();
    let session = named_session(dir.path());
    let full = ExportOptions::new(false).next_to(&dir.path().join("s.json"));
    for (format, raw, visible) in outputs(&session, &full) {
        for shown in [
            "Anna de Vries",
            "Bram",
            "Carla",
            "Dirk-Jan Smit",
            "Roos",
            "Marieke Hendriks",
        ] {
            assert!(raw.contains(shown), "{format} lacks {shown}");
        }
        for shown in [
            "06-12345678",
            "anna.devries@zeist.nl",
            "(030) 123 45 67",
            "06 1234 5678",
        ] {
            assert!(visible.contains(shown), "{format} lacks {shown}");
        }
    }
}

#[test]
fn the_public_variant_names_nobody_in_any_format_text_or_metadata() {
    let dir = tempfile::tempdir().unwrap();
    let session = named_session(dir.path());
    let file = dir.path().join("s.json");
    // Without photos (the default) and with them (their captions then count).
    let public = ExportOptions::new(true).next_to(&file);
    assert_names_nobody(&session, &public);
    let mut with_photos = public.clone();
    with_photos.include_photos = true;
    assert_names_nobody(&session, &with_photos);
    let (_, raw, _) = &outputs(&session, &with_photos)[0];
    assert!(raw.contains("bord.png"), "the photo is there: {raw}");

    // The metadata: the document title in HTML and in the DOCX properties.
    let page = html(&session, &public);
    let title = page
        .split("<title>")
        .nth(1)
        .and_then(|t| t.split("</title>").next());
    assert_eq!(
        title,
        Some("Verslag Vernieuwing met Lochem M50, 4 februari 2020")
    );
    let core = crate::report::docx_part(
        &render(&session, Format::Docx, &public),
        "docProps/core.xml",
    );
    assert!(
        core.contains("<dc:title>Verslag Vernieuwing met Lochem M50, 4 februari 2020</dc:title>"),
        "{core}"
    );
    // The public variant names no author at all (the full report names the facilitator).
    assert!(
        !core.contains("<dc:creator>") && !core.contains("<cp:lastModifiedBy>"),
        "{core}"
    );
}

#[test]
fn the_public_variant_reads_well() {
    let dir = tempfile::tempdir().unwrap();
    let session = named_session(dir.path());
    let mut public = ExportOptions::new(true).next_to(&dir.path().join("s.json"));
    public.include_photos = true;
    let md = markdown_text(&markdown(&session, &public));
    for sentence in [
        "Welkom door de wethouder van Zeist. Lochem nam het verslag.",
        "Bel Zeist op [telefoonnummer] of mail [e-mailadres].",
        "De gespreksleider opent. Wil je meedoen? Mail [e-mailadres]",
        "## 1. Opening door Zeist",
        "⊗ Maaltijd van Zeist *Zeist*",
        "- Lochem: raad 1e woord",
        "- De Bilt: bel [telefoonnummer]",
        "- Lochem: [telefoonnummer]",
        "- Lochem trekt",
        "- De Bilt belt [telefoonnummer] op 4-2-2020 om 13:30",
        "Poster van Lochem; vragen naar [e-mailadres] of [telefoonnummer]",
        "*Bord van Lochem, tel. [telefoonnummer]*",
        "- Een deelnemer vat samen",
        "  - (Lochem)",
        "  - De gespreksleider zorgt voor de zaal",
        "- Een deelnemer tekent namens Zeist.",
        "- Wie belt Lochem op [telefoonnummer]?",
        "| 1 | Bundel sturen naar [e-mailadres] | Zeist |",
        "| 2 | Een deelnemer mailen | Een deelnemer |",
        "| 3 | Bellen met [telefoonnummer] | Lochem |",
        "| 4 | Zaal regelen | De Bilt |",
        "**juni 2020**: Bij Zeist thuis (gastgemeente: Zeist)",
        "Contact via [e-mailadres] of [telefoonnummer].",
        "**Plaats:** Stadhuis Zeist, kamer van een deelnemer",
        "**Voorzitter:** Zeist",
        "**Notulist:** Lochem",
        // Counts from attendance: 5 present, of 3 municipalities (Coevorden was not there).
        "**Deelnemers:** 5 deelnemers van 3 gemeenten",
        "**Aanwezig:** Zeist (2), Lochem (1), De Bilt (1), VNG (gast), 1 andere deelnemer",
        "**Afwezig:** Lochem (1), Coevorden",
    ] {
        assert!(md.contains(sentence), "lacks {sentence:?}:\n{md}");
    }
    assert!(
        !md.contains("Gespreksleider:"),
        "a facilitator who is no participant is left out"
    );
    assert!(
        !md.contains("Zeist (Zeist)") && !md.contains("Lochem (Lochem)"),
        "{md}"
    );
    assert!(
        !md.contains("Zeist Zeist") && !md.contains("Lochem Lochem"),
        "{md}"
    );
}

fn listed(list: &[Replacement]) -> Vec<(&str, &str, ReplacementKind, usize)> {
    list.iter()
        .map(|r| (r.found.as_str(), r.shown.as_str(), r.kind, r.count))
        .collect()
}

#[test]
fn the_replacement_list_matches_what_was_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let session = named_session(dir.path());
    let mut public = ExportOptions::new(true).next_to(&dir.path().join("s.json"));
    public.include_photos = true;
    let list = report::replacements(&session, &public);
    let full = markdown_text(&markdown(
        &session,
        &ExportOptions::new(false).next_to(&dir.path().join("s.json")),
    ));
    let public_md = markdown_text(&markdown(&session, &public));
    for r in &list {
        assert!(
            full.contains(&r.found),
            "{:?} is not in the full report",
            r.found
        );
        if r.kind != ReplacementKind::LeftOut {
            assert!(
                public_md.to_lowercase().contains(&r.shown.to_lowercase()),
                "{:?} is not in the public report",
                r.shown
            );
        }
    }
    // Every planted name, address and number is listed.
    for planted in [
        "Anna de Vries",
        "Anna",
        "Bram",
        "Bram Bakker",
        "@Bram",
        "Carla",
        "Dirk-Jan Smit",
        "Dirk-Jan",
        "Roos",
        "Roos Mulder",
        "Wil",
        "Marieke Hendriks",
        "@Marieke",
        "dhr. Bakker",
        "Mevrouw De Vries",
        "06-12345678",
        "anna.devries@zeist.nl",
        "w.jansen@zeist.nl",
        "+31 6 1234 5678",
        "carla@example.org",
        "(030) 123 45 67",
        "0573-123456",
        "dirk-jan.smit@lochem.nl",
        "030-1234567",
        "06 1234 5678",
        "kees@vng.example.nl",
        "+31 70 373 8393",
        "anna@zeist.nl",
    ] {
        assert!(
            list.iter().any(|r| r.found == planted),
            "{planted} is not listed: {:#?}",
            listed(&list)
        );
    }
    // As many removed numbers and addresses in the page as the list counts.
    let page = html_text(&html(&session, &public));
    for (kind, marker) in [
        (ReplacementKind::Phone, "[telefoonnummer]"),
        (ReplacementKind::Email, "[e-mailadres]"),
    ] {
        let counted: usize = list
            .iter()
            .filter(|r| r.kind == kind)
            .map(|r| r.count)
            .sum();
        assert_eq!(page.matches(marker).count(), counted, "{marker}");
    }
    // The full report replaces nothing.
    assert!(report::replacements(&session, &ExportOptions::new(false)).is_empty());
    assert_list_as_reviewed(&listed(&list));
}

/// The whole list, as reviewed: what the facilitator sees before
/// exporting, in the order first met, with how often each was replaced.
fn assert_list_as_reviewed(list: &[(&str, &str, ReplacementKind, usize)]) {
    use ReplacementKind::{Email, LeftOut, Mention, Name, Phone};
    let expected: Vec<(&str, &str, ReplacementKind, usize)> = vec![
        ("Anna de Vries", "Zeist", Name, 3),
        ("Bram Bakker", "Lochem", Name, 5),
        ("Anna de Vries", "een deelnemer", Name, 1),
        ("Marieke Hendriks", "(weggelaten)", LeftOut, 1),
        ("Anna de Vries", "de wethouder van Zeist", Name, 1),
        ("Bram", "Lochem", Name, 1),
        ("Anna", "Zeist", Name, 5),
        ("06-12345678", "[telefoonnummer]", Phone, 1),
        ("anna.devries@zeist.nl", "[e-mailadres]", Email, 1),
        ("kees@vng.example.nl", "[e-mailadres]", Email, 1),
        ("+31 70 373 8393", "[telefoonnummer]", Phone, 1),
        ("Marieke Hendriks", "de gespreksleider", Name, 1),
        ("w.jansen@zeist.nl", "[e-mailadres]", Email, 1),
        ("Wil", "Zeist", Name, 1),
        ("@Bram", "Lochem", Mention, 1),
        ("Roos", "De Bilt", Name, 2),
        ("+31 6 1234 5678", "[telefoonnummer]", Phone, 1),
        ("carla@example.org", "[e-mailadres]", Email, 1),
        ("Dirk-Jan", "Lochem", Name, 1),
        ("(030) 123 45 67", "[telefoonnummer]", Phone, 1),
        ("dhr. Bakker", "Lochem", Name, 2),
        ("Roos Mulder", "De Bilt", Name, 1),
        ("030-1234567", "[telefoonnummer]", Phone, 2),
        ("Dirk-Jan Smit", "Lochem", Name, 2),
        ("dirk-jan.smit@lochem.nl", "[e-mailadres]", Email, 1),
        ("0573-123456", "[telefoonnummer]", Phone, 1),
        ("06 1234 5678", "[telefoonnummer]", Phone, 2),
        ("Mevrouw De Vries", "een deelnemer", Name, 1),
        ("@Marieke", "de gespreksleider", Mention, 1),
        ("Carla", "een deelnemer", Name, 3),
        ("anna@zeist.nl", "[e-mailadres]", Email, 1),
    ];
    assert_eq!(list, expected.as_slice());
}
#[test]
fn export_public_on_the_command_line_prints_the_list_and_names_nobody() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let session = named_session(dir.path());
    let file = dir.path().join("namen.json");
    std::fs::write(&file, store::session_to_json(&session)).unwrap();
    let out = leerkring(
        &["export".as_ref(), file.as_os_str(), "--public".as_ref()],
        home.path(),
        "C",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    for line in [
        "Replaced in the public version:",
        "Anna de Vries → Zeist",
        "@Bram → Lochem",
        "06-12345678 → [telefoonnummer]",
        "Marieke Hendriks → (weggelaten)",
    ] {
        assert!(stdout.contains(line), "{line:?} missing from:\n{stdout}");
    }
    let word = std::fs::read(dir.path().join("namen.docx")).unwrap();
    let written = [
        std::fs::read_to_string(dir.path().join("namen.md")).unwrap(),
        without_data_urls(&std::fs::read_to_string(dir.path().join("namen.html")).unwrap()),
        docx_all_text(&word),
    ];
    for raw in &written {
        let lower = raw.to_lowercase();
        for secret in SECRETS {
            assert!(!lower.contains(&secret.to_lowercase()), "{secret} in {raw}");
        }
    }
}

#[test]
fn the_export_dialog_lists_the_replacements_before_anything_is_written() {
    let home = tempfile::tempdir().unwrap();
    let session = named_session(home.path());
    let file = home.path().join("namen.json");
    std::fs::write(&file, store::session_to_json(&session)).unwrap();
    let mut h = harness(app(StartWith::File(file), home.path()));
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::E,
    );
    h.run_steps(3);
    h.get_by_label("Openbare versie: namen vervangen door hun organisatie")
        .click();
    h.run_steps(3);
    h.get_by_label("Vervangen in de openbare versie:");
    h.get_by_label("Anna de Vries → Zeist (3×)");
    h.get_by_label("@Bram → Lochem");
    h.get_by_label("06-12345678 → [telefoonnummer]");
    h.get_by_label("Marieke Hendriks → (weggelaten)");
    assert!(
        !home.path().join("namen.md").exists(),
        "nothing written yet"
    );
    // With the photos, their captions count too.
    h.get_by_label("Foto's toch opnemen").click();
    h.run_steps(3);
    h.get_by_label("Bram Bakker → Lochem (5×)");
}
