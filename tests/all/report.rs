//! The report (verslag): the sample in all three formats against the seed
//! meeting's report, a follow-up's report, hostile text, and `leerkring
//! export`. The public variant has its own module (`public.rs`).
//!
//! The sample's report and the follow-up's (`tests/golden/m50-vervolg.json`)
//! are compared with golden files in `tests/golden/`: the Markdown byte for
//! byte, the HTML without its style sheet, and the DOCX as the text and
//! structure of `word/document.xml` (one line per paragraph with its style
//! and list level, one per table row). After an intended change, regenerate
//! them with
//!
//! ```sh
//! UPDATE_GOLDEN=1 cargo test --test all report
//! ```
//!
//! and review the diff before committing it.

use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use std::process::Output;

use leerkring::Session;
use leerkring::i18n::Language;
use leerkring::model::BlockKind;
use leerkring::report::{self, ExportOptions, Format};
use leerkring::store;
use serde_json::json;

use crate::support::{run_binary, sample_path, text};

// --- Helpers ---------------------------------------------------------------

pub(crate) fn sample() -> Session {
    store::load_session(&sample_path()).expect("the sample session loads")
}

pub(crate) fn session_from(value: &serde_json::Value) -> Session {
    store::parse_session(value.to_string().as_bytes()).expect("a valid test session")
}

pub(crate) fn render(session: &Session, format: Format, options: &ExportOptions) -> Vec<u8> {
    report::render(session, format, options).expect("the report renders")
}

pub(crate) fn markdown(session: &Session, options: &ExportOptions) -> String {
    String::from_utf8(render(session, Format::Markdown, options)).expect("UTF-8 Markdown")
}

pub(crate) fn html(session: &Session, options: &ExportOptions) -> String {
    String::from_utf8(render(session, Format::Html, options)).expect("UTF-8 HTML")
}

/// One part of a DOCX package as text.
pub(crate) fn docx_part(docx: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(docx)).expect("the DOCX is a ZIP file");
    let mut part = archive.by_name(name).expect("the part exists");
    let mut text = String::new();
    part.read_to_string(&mut text).expect("the part is UTF-8");
    text
}

pub(crate) fn decode_entities(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The paragraphs of `word/document.xml`: (style id, list level, text).
pub(crate) fn docx_paragraphs(document_xml: &str) -> Vec<(String, Option<u32>, String)> {
    let attribute = |xml: &str, tag: &str| {
        xml.find(tag).map(|at| {
            let rest = &xml[at + tag.len()..];
            rest[..rest.find('"').unwrap_or(0)].to_owned()
        })
    };
    // Each piece before a `</w:p>` ends with one paragraph, from its last start tag.
    let pieces: Vec<&str> = document_xml.split("</w:p>").collect();
    pieces[..pieces.len().saturating_sub(1)]
        .iter()
        .map(|piece| {
            let start = piece
                .rfind("<w:p ")
                .into_iter()
                .chain(piece.rfind("<w:p>"))
                .max()
                .unwrap_or(0);
            &piece[start..]
        })
        .map(|p| {
            let style = attribute(p, "<w:pStyle w:val=\"").unwrap_or_default();
            let level = attribute(p, "<w:ilvl w:val=\"").and_then(|l| l.parse().ok());
            let mut text = String::new();
            for piece in p.split("<w:t").skip(1) {
                // `<w:t>` or `<w:t xml:space=…>`, not `<w:tab />` or `<w:tbl>`.
                let Some((_, rest)) = piece
                    .split_once('>')
                    .filter(|_| piece.starts_with('>') || piece.starts_with(' '))
                else {
                    continue;
                };
                text.push_str(&decode_entities(rest.split("</w:t>").next().unwrap_or("")));
            }
            (style, level, text)
        })
        .collect()
}

/// All text of a DOCX's body, one paragraph per line.
pub(crate) fn docx_text(docx: &[u8]) -> String {
    docx_paragraphs(&docx_part(docx, "word/document.xml"))
        .into_iter()
        .map(|(_, _, text)| text)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The text a browser shows: tags removed, references decoded.
pub(crate) fn html_text(html: &str) -> String {
    let body = html.split("<body>").nth(1).unwrap_or(html);
    let mut text = String::new();
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    decode_entities(&text)
}

/// The text a Markdown viewer shows, near enough: backslash escapes removed.
pub(crate) fn markdown_text(markdown: &str) -> String {
    let mut text = String::new();
    let mut chars = markdown.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(char::is_ascii_punctuation) {
            text.extend(chars.next());
        } else {
            text.push(c);
        }
    }
    text
}

/// A test on one heading.
type Matcher = Box<dyn Fn(&str) -> bool>;

/// Whether an item matching each of `wanted` occurs in `list`, in that
/// order; otherwise the index of the first that does not.
fn in_order(list: &[String], wanted: &[Matcher]) -> Result<(), usize> {
    let mut position = 0;
    for (i, matches) in wanted.iter().enumerate() {
        match list[position..].iter().position(|l| matches(l)) {
            Some(found) => position += found + 1,
            None => return Err(i),
        }
    }
    Ok(())
}

/// Every keyword, experiment title, municipality and synthesis bullet of the sample.
fn sample_strings(session: &Session) -> Vec<String> {
    fn bullets(out: &mut Vec<String>, list: &[leerkring::model::Bullet]) {
        for b in list {
            out.push(b.text.clone());
            bullets(out, &b.children);
        }
    }
    let mut out = Vec::new();
    for e in &session.experiments {
        out.push(e.title.clone());
        out.extend(e.keywords.iter().map(|k| k.text.clone()));
    }
    out.extend(session.municipalities().map(|m| m.name.clone()));
    for kind in BlockKind::ALL {
        bullets(&mut out, &session.synthesis.block(kind).bullets);
    }
    out
}

pub(crate) fn leerkring(args: &[&std::ffi::OsStr], home: &Path, locale: &str) -> Output {
    run_binary(args, home, locale)
}

/// A folder with a copy of the sample session; returns the copy's path.
fn sample_copy(dir: &Path) -> PathBuf {
    let copy = dir.join("m50.json");
    std::fs::copy(sample_path(), &copy).expect("copy the sample");
    copy
}

/// A valid 2×1 PNG.
pub(crate) const TINY_PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x7b, 0x40, 0xe8,
    0xdd, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0x00, 0x04,
    0xff, 0x01, 0x07, 0x00, 0x01, 0xff, 0xe2, 0x23, 0x9e, 0x59, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

/// Checks that `xml` is well-formed enough for Word: no control characters
/// XML 1.0 forbids, and every element closed in order.
pub(crate) fn assert_well_formed_xml(xml: &str) {
    if let Some(bad) = xml.chars().find(|&c| {
        (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{fffe}' || c == '\u{ffff}'
    }) {
        panic!("control character U+{:04X} in the XML", u32::from(bad));
    }
    let mut open: Vec<&str> = Vec::new();
    let mut rest = xml;
    while let Some(start) = rest.find('<') {
        let after = &rest[start + 1..];
        let end = after.find('>').expect("every tag ends");
        let tag = &after[..end];
        rest = &after[end + 1..];
        if tag.starts_with('?') || tag.starts_with('!') {
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(open.pop(), Some(name.trim()), "a closing tag out of order");
        } else if !tag.ends_with('/') {
            open.push(tag.split_whitespace().next().unwrap_or(""));
        }
        assert!(!tag.contains('<'), "a '<' inside a tag: {tag}");
    }
    assert!(open.is_empty(), "elements left open: {open:?}");
}

// --- The sample against the seed ------------------------------------------

/// Compares `actual` with `tests/golden/<name>`; with `UPDATE_GOLDEN` set,
/// writes it instead.
fn check_golden(name: &str, actual: &str) {
    let golden = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&golden, actual).expect("write the golden file");
        return;
    }
    let expected = std::fs::read_to_string(&golden)
        .unwrap_or_else(|_| panic!("tests/golden/{name} exists (UPDATE_GOLDEN=1 writes it)"));
    if actual != expected {
        let line = actual
            .lines()
            .zip(expected.lines())
            .position(|(a, e)| a != e)
            .map_or_else(|| "the length".to_owned(), |n| format!("line {}", n + 1));
        let shown = actual.lines().nth(
            line.trim_start_matches("line ")
                .parse::<usize>()
                .unwrap_or(1)
                .saturating_sub(1),
        );
        panic!(
            "the report differs from tests/golden/{name} at {line} ({shown:?}); \
             run UPDATE_GOLDEN=1 cargo test --test all report if the change is intended"
        );
    }
}

/// The page without its style sheet: the style is layout, not content.
fn html_without_style(html: &str) -> String {
    match (html.find("<style>"), html.find("</style>")) {
        (Some(start), Some(end)) => format!("{}<style>…{}", &html[..start], &html[end..]),
        _ => html.to_owned(),
    }
}

/// The body of a DOCX as lines: `[Style level] text` per paragraph, and
/// `| cell | cell |` per table row.
pub(crate) fn docx_outline(docx: &[u8]) -> String {
    let xml = docx_part(docx, "word/document.xml");
    let body = xml.split("<w:body>").nth(1).unwrap_or(&xml);
    let paragraphs = |xml: &str| -> Vec<String> {
        docx_paragraphs(xml)
            .into_iter()
            .map(|(style, level, text)| match level {
                Some(level) => format!("[{style} {level}] {text}"),
                None => format!("[{style}] {text}"),
            })
            .collect()
    };
    let mut lines = Vec::new();
    let mut rest = body;
    while let Some(at) = rest.find("<w:tbl>") {
        lines.extend(paragraphs(&rest[..at]));
        let end = rest[at..]
            .find("</w:tbl>")
            .map_or(rest.len(), |e| at + e + 8);
        for row in rest[at..end].split("</w:tr>") {
            let cells: Vec<String> = row
                .split("</w:tc>")
                .filter(|cell| cell.contains("<w:tc>") || cell.contains("<w:tc "))
                .map(|cell| {
                    docx_paragraphs(cell)
                        .into_iter()
                        .map(|(_, _, text)| text)
                        .collect::<Vec<_>>()
                        .join(" / ")
                })
                .collect();
            if !cells.is_empty() {
                lines.push(format!("| {} |", cells.join(" | ")));
            }
        }
        rest = &rest[end..];
    }
    lines.extend(paragraphs(rest));
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

/// The follow-up of the sample (planned for December 2020), after the
/// meeting: named attendance, new experiments, a decision, carried actions.
pub(crate) fn follow_up_fixture() -> Session {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/m50-vervolg.json");
    store::load_session(&path).expect("the follow-up fixture loads")
}

/// Each format of `session`'s report against its golden file `<stem>.md`,
/// `<stem>.html`, `<stem>.docx.txt`.
fn check_all_formats(session: &Session, options: &ExportOptions, stem: &str) {
    check_golden(&format!("{stem}.md"), &markdown(session, options));
    check_golden(
        &format!("{stem}.html"),
        &html_without_style(&html(session, options)),
    );
    check_golden(
        &format!("{stem}.docx.txt"),
        &docx_outline(&render(session, Format::Docx, options)),
    );
}

#[test]
fn sample_report_matches_the_golden_files_in_every_format() {
    let options = ExportOptions::new(false).next_to(&sample_path());
    check_all_formats(&sample(), &options, "m50-verslag");
}

#[test]
fn follow_up_report_matches_the_golden_files_in_every_format() {
    let session = follow_up_fixture();
    check_all_formats(&session, &ExportOptions::new(false), "m50-vervolg");
    check_golden(
        "m50-vervolg-openbaar.md",
        &markdown(&session, &ExportOptions::new(true)),
    );
}

#[test]
fn follow_up_report_reads_well() {
    let md = markdown(&follow_up_fixture(), &ExportOptions::new(false));
    // Keywords of last time, some with commas, kept apart unambiguously.
    assert!(
        md.contains("**Maaltijd van Zeist** — gesprek met raad · inwonerakkoord - breed vragen"),
        "{md}"
    );
    assert!(
        md.contains("rolvast, maar niet star · werkbezoek griffie"),
        "{md}"
    );
    // One line for the nine municipalities without a new experiment.
    assert_eq!(md.matches("Nog geen nieuw experiment").count(), 1);
    assert!(!md.contains("Nu: nog geen"), "{md}");
    // Opening, then the look-back.
    let opening = md.find("## 1. Opening en welkom").expect("opening");
    let review = md.find("## 2. Terugblik").expect("look-back");
    assert!(opening < review);
    // Carried actions and questions say where they came from.
    assert!(md.contains("| 4 februari 2020 | gedaan |"), "{md}");
    assert!(md.contains("| deze bijeenkomst | open |"), "{md}");
    assert!(md.contains("*(open sinds 4 februari 2020)*"), "{md}");
    // Planned for a month only: the month is the date.
    assert!(md.contains("**Datum:** december 2020"), "{md}");
    assert!(md.contains(", december 2020**"), "the subtitle: {md}");
    // Attendance per municipality, present and absent; counts from it.
    assert!(
        md.contains("**Deelnemers:** 9 deelnemers van 7 gemeenten"),
        "{md}"
    );
    assert!(
        md.contains("**Afwezig:** Coevorden: Mark Peters; Rijswijk; Oldambt; Etten-Leur; Waalwijk"),
        "{md}"
    );
}

#[test]
fn every_keyword_title_municipality_and_bullet_is_in_all_three_formats() {
    let session = sample();
    let options = ExportOptions::new(false);
    let md = markdown_text(&markdown(&session, &options));
    let page = html_text(&html(&session, &options));
    let word = docx_text(&render(&session, Format::Docx, &options));
    let strings = sample_strings(&session);
    assert!(
        strings.len() > 66 + 12 + 12 + 20,
        "{} strings",
        strings.len()
    );
    for wanted in &strings {
        assert!(md.contains(wanted.as_str()), "Markdown lacks {wanted:?}");
        assert!(page.contains(wanted.as_str()), "HTML lacks {wanted:?}");
        assert!(word.contains(wanted.as_str()), "DOCX lacks {wanted:?}");
    }
}

/// The headings of the seed meeting's report, in order (from
/// `shared/seed/000_c11568cc9f08a164.txt`): title, "Kick-off bijeenkomst
/// 4 februari 2020", then the sections, which are now the agenda's items,
/// numbered as on the agenda (the seed's "De experimenten en ervaringen
/// vanuit de verschillende gemeenten:" is the round's opening line).
const SEED_SECTIONS: [&str; 6] = [
    "3. Ronde: experimenten en ervaringen",
    "4. Enkele voorbeelden",
    "5. Wat valt op?",
    "6. Waar liggen de kansen?",
    "7. Vervolg M50 verband?",
    "8. Eerste voorstel",
];

fn assert_seed_order(outline: &[String], format: &str) {
    let mut wanted: Vec<Matcher> = vec![
        Box::new(|h| h.starts_with("Verslag") && h.ends_with("Democratische vernieuwing M50")),
        Box::new(|h| h.starts_with("Kick-off bijeenkomst") && h.ends_with("4 februari 2020")),
    ];
    wanted.extend(
        SEED_SECTIONS
            .iter()
            .map(|&s| Box::new(move |h: &str| h == s) as Matcher),
    );
    if let Err(missing) = in_order(outline, &wanted) {
        panic!(
            "{format}: heading {missing} of the seed is missing or out of order in {outline:#?}"
        );
    }
}

#[test]
fn section_headings_follow_the_seed_in_every_format() {
    let session = sample();
    let options = ExportOptions::new(false);

    let md = markdown(&session, &options);
    let outline: Vec<String> = md
        .lines()
        .filter_map(|l| {
            l.strip_prefix("# ")
                .or_else(|| l.strip_prefix("## "))
                .or_else(|| l.strip_prefix("### "))
                .or_else(|| l.strip_prefix("**").and_then(|l| l.strip_suffix("**")))
        })
        .map(markdown_text)
        .collect();
    assert_seed_order(&outline, "Markdown");

    let page = html(&session, &options);
    let outline: Vec<String> = page
        .split('<')
        .filter(|t| {
            t.starts_with("h1")
                || t.starts_with("h2")
                || t.starts_with("h3")
                || t.starts_with("p class=\"subtitle\"")
        })
        .map(|t| decode_entities(t.split_once('>').map_or("", |(_, text)| text)))
        .collect();
    assert_seed_order(&outline, "HTML");

    let word = render(&session, Format::Docx, &options);
    let outline: Vec<String> = docx_paragraphs(&docx_part(&word, "word/document.xml"))
        .into_iter()
        .filter(|(style, _, _)| {
            ["Title", "Subtitle", "Heading1", "Heading2"].contains(&style.as_str())
        })
        .map(|(_, _, text)| text)
        .collect();
    assert_seed_order(&outline, "DOCX");

    let round = md.find("## 3. Ronde").expect("the round");
    let lead = md
        .find("De experimenten en ervaringen vanuit de verschillende gemeenten:")
        .expect("the seed's lead-in line");
    assert!(round < lead && lead < md.find("### M50").expect("the network"));
}

// --- DOCX structure ----------------------------------------------------------

#[test]
fn docx_defines_and_uses_word_styles_and_list_levels() {
    let mut session = sample();
    session.synthesis.proposals.bullets = serde_json::from_value(json!([
        {"id": "d-1", "text": "Niveau 1", "children": [
            {"id": "d-2", "text": "Niveau 2", "children": [
                {"id": "d-3", "text": "Niveau 3"}
            ]}
        ]}
    ]))
    .expect("bullets");
    let word = render(&session, Format::Docx, &ExportOptions::new(false));

    let styles = docx_part(&word, "word/styles.xml");
    for (id, name) in [
        ("Title", "Title"),
        ("Heading1", "heading 1"),
        ("Heading2", "heading 2"),
        ("ListBullet", "List Bullet"),
    ] {
        let definition = format!("w:styleId=\"{id}\"><w:name w:val=\"{name}\" />");
        assert!(
            styles.contains(&definition),
            "styles.xml lacks {definition}"
        );
    }
    assert!(styles.contains("w:type=\"table\""), "a table style");
    assert!(
        styles.contains("<w:lang w:val=\"nl-NL\""),
        "the proofing language is Dutch"
    );

    let document = docx_part(&word, "word/document.xml");
    assert_well_formed_xml(&document);
    let paragraphs = docx_paragraphs(&document);
    for style in ["Title", "Heading1", "Heading2", "ListBullet"] {
        assert!(
            paragraphs.iter().any(|(s, _, _)| s == style),
            "no paragraph uses {style}"
        );
    }
    for (text, level) in [("Niveau 1", 0), ("Niveau 2", 1), ("Niveau 3", 2)] {
        let (style, found, _) = paragraphs
            .iter()
            .find(|(_, _, t)| t == text)
            .unwrap_or_else(|| panic!("{text} is missing"));
        assert_eq!(style, "ListBullet", "{text}");
        assert_eq!(*found, Some(level), "{text}");
    }
    let keyword = paragraphs
        .iter()
        .find(|(_, _, t)| t == "cultuur samen leren")
        .expect("a keyword");
    assert_eq!(keyword.1, Some(1), "keywords sit under their experiment");
    assert!(
        document.contains("<w:tblHeader />"),
        "the table header repeats"
    );

    let core = docx_part(&word, "docProps/core.xml");
    assert!(core.contains("<dc:language>nl-NL</dc:language>"), "{core}");
    assert_well_formed_xml(&docx_part(&word, "word/numbering.xml"));
    assert_well_formed_xml(&styles);
}

// --- Language -------------------------------------------------------------------

#[test]
fn an_english_interface_exports_a_dutch_session_in_dutch() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let session = sample_copy(dir.path());
    let out = leerkring(
        &[
            "export".as_ref(),
            session.as_os_str(),
            "--format".as_ref(),
            "md".as_ref(),
        ],
        home.path(),
        "en_GB.UTF-8",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).starts_with("wrote "),
        "the CLI speaks English"
    );
    let md = std::fs::read_to_string(dir.path().join("m50.md")).unwrap();
    for dutch in [
        "## 5. Wat valt op?",
        "4 februari 2020",
        "## Actiepunten",
        "## Besluiten",
        "Geen besluiten.",
        "9 juni 2020",
        "**Aanwezig:**",
        "**Afwezig:** geen",
    ] {
        assert!(md.contains(dutch), "{dutch} is missing");
    }
    for english in [
        "What stands out",
        "February",
        "Actions",
        "Decisions",
        "Absent",
    ] {
        assert!(!md.contains(english), "{english} in a Dutch report");
    }
}

#[test]
fn an_english_session_gets_english_headings_and_dates() {
    let mut session = sample();
    session.header.language = Language::En;
    let options = ExportOptions::new(false);
    let md = markdown(&session, &options);
    for english in [
        "## 5. Wat valt op?\n\n### What stands out?",
        "4 February 2020",
        "## Actions",
        "9 June 2020",
        "Draft",
        "## Decisions",
        "No decisions.",
        "**Absent:** none",
        "**Time:** \\[time\\]",
        "| No. | Planned | Item |",
        "The experiments and experiences of the municipalities:",
    ] {
        assert!(md.contains(english), "{english} is missing");
    }
    assert!(html(&session, &options).contains("<html lang=\"en\">"));
    let styles = docx_part(&render(&session, Format::Docx, &options), "word/styles.xml");
    assert!(styles.contains("<w:lang w:val=\"en-GB\""));
}

// --- Hostile text ---------------------------------------------------------------

fn hostile_session(dir: &Path) -> Session {
    std::fs::write(dir.join("foto.png"), TINY_PNG).expect("write the photo");
    let controls: String = (0u8..0x20).map(char::from).collect::<String>() + "\u{7f}";
    let without_breaks: String = controls
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n'))
        .collect();
    // As long as a keyword may be (500 characters; a file may not hold more).
    let long = "lang ".repeat(100);
    session_from(&json!({
        "format_version": 1,
        "header": {
            "title": "<script>alert('titel')</script> & \"quotes\"",
            "network": "M50 <b>vet</b>",
            "theme": "",
            "date": "2020-02-04",
            "location": format!("Plaats{without_breaks}einde"),
            "facilitator": "' onload='x",
            "language": "nl"
        },
        "notes": [{"id": "n-1", "text": "<img src=x onerror=alert(1)>\nregel 2 **niet vet** [link](javascript:x)"}],
        "organisations": [
            {"id": "o-1", "name": "مرحبا שלום", "kind": "municipality"},
            {"id": "o-2", "name": "", "kind": "municipality"},
            {"id": "o-3", "name": "Gast</dd><script>", "kind": "guest"}
        ],
        "agenda": [
            {"id": "i-1", "title": "</td><script>agenda</script>", "kind": "round", "planned_minutes": 5},
            {"id": "i-2", "title": "Leeg", "kind": "synthesis", "block": "decisions"}
        ],
        "experiments": [
            {"id": "e-1", "organisation": "o-1", "title": "👋🏽 <em>x</em> & y", "keywords": [
                {"id": "k-1", "text": format!("controle{controls}tekens")},
                {"id": "k-2", "text": long},
                {"id": "k-3", "text": "+ `code` | pipe | # kop\n- lijst\n1. genummerd\n> citaat"},
                {"id": "k-4", "text": ""}
            ]},
            {"id": "e-2", "organisation": "o-2", "title": "", "keywords": []}
        ],
        "synthesis": {
            "observations": {"heading": "<h1>kop</h1>", "bullets": [
                {"id": "b-1", "text": "\"'<>&", "children": [{"id": "b-2", "text": "\u{202e}omgekeerd"}]}
            ]},
            "opportunities": {"heading": "Leeg blok", "bullets": []},
            "follow_up": {"bullets": [{"id": "b-3", "text": "   "}]},
            "actions": [{"id": "a-1", "text": "<b>doen</b>", "owner": {"name": "<i>wie</i>"}, "due": "2020-06-09"}],
            "next_meetings": [{"id": "m-1", "theme": "<marquee>", "when": {"month": {"year": 2020, "month": 12}}}]
        },
        "attachments": [
            {"id": "f-1", "path": "foto.png", "caption": "\" onerror=\"alert(1)"},
            {"id": "f-2", "path": "../../etc/passwd", "caption": "<script>"}
        ]
    }))
}

#[test]
fn a_hostile_session_exports_safely_to_all_three_formats() {
    let dir = tempfile::tempdir().unwrap();
    let session = hostile_session(dir.path());
    let options = ExportOptions::new(false).next_to(&dir.path().join("s.json"));

    let page = html(&session, &options);
    let lower = page.to_lowercase();
    for raw in [
        "<script",
        "<img src=x",
        "<b>",
        "<em>x",
        "<h1>kop",
        "<marquee",
        "\" onerror=\"",
        "' onload='",
        "<i>wie",
    ] {
        assert!(!lower.contains(raw), "unescaped {raw:?} in the HTML");
    }
    assert!(page.contains("&lt;script&gt;alert(&#39;titel&#39;)&lt;/script&gt;"));
    assert!(
        page.contains("alt=\"&quot; onerror=&quot;alert(1)\""),
        "the alt text is escaped"
    );
    assert!(page.contains("مرحبا שלום") && page.contains("👋🏽"));
    assert!(
        !page.chars().any(|c| c < ' ' && c != '\n' && c != '\t'),
        "control characters in the HTML"
    );
    assert!(page.contains("Plaatseinde"));
    assert!(
        !page.contains("root:"),
        "no file outside the session folder"
    );
    assert!(page.contains(&"lang ".repeat(100).trim_end().to_owned()));

    let md = markdown(&session, &options);
    for (at, _) in md.match_indices("<script") {
        assert!(
            md[..at].ends_with('\\'),
            "raw markup in the Markdown at {at}"
        );
    }
    assert!(md.contains("\\<script\\>"), "{md}");
    assert!(
        !md.chars().any(|c| c < ' ' && c != '\n'),
        "control characters in the Markdown"
    );
    for line in md.lines() {
        assert!(
            !line.trim_start().starts_with("- lijst"),
            "a keyword became a list: {line}"
        );
        assert!(
            !line.starts_with("> citaat"),
            "a keyword became a quote: {line}"
        );
    }

    let word = render(&session, Format::Docx, &options);
    assert_well_formed_xml(&docx_part(&word, "word/document.xml"));
    assert_well_formed_xml(&docx_part(&word, "docProps/core.xml"));
    assert_well_formed_xml(&docx_part(&word, "word/styles.xml"));
    let body = docx_text(&word);
    assert!(
        body.contains("controletekens"),
        "control characters removed"
    );
    assert!(
        body.contains("<script>alert('titel')</script>"),
        "text kept literally"
    );

    // Empty blocks are left out rather than printed as empty headings; the
    // item that should have held the decisions says there were none.
    for empty in ["Leeg blok", "Vervolg"] {
        assert!(
            !md.contains(&format!("## {empty}\n")),
            "empty section {empty}"
        );
    }
    assert!(
        md.contains("## 2. Leeg\n\n### Besluiten\n\nGeen besluiten."),
        "{md}"
    );
}

#[test]
fn an_empty_meeting_says_so_in_every_format() {
    let session = session_from(&json!({
        "format_version": 1,
        "header": {"title": "Leeg", "language": "nl", "report_final": true},
        "organisations": [{"id": "o", "name": "Zeist"}],
        "agenda": [{"id": "i", "title": "Ronde", "kind": "round"}],
        "synthesis": {"observations": {"heading": "Wat viel op", "bullets": []}}
    }));
    let options = ExportOptions::new(false);
    let expected = ["Agenda", "1. Ronde", "Besluiten", "Actiepunten"];
    let md = markdown(&session, &options);
    let headings: Vec<&str> = md.lines().filter_map(|l| l.strip_prefix("## ")).collect();
    assert_eq!(headings, expected, "{md}");
    for remark in [
        "Geen aantekeningen.",
        "Geen besluiten.",
        "Geen actiepunten.",
    ] {
        assert!(md.contains(remark), "{remark}: {md}");
    }
    assert!(
        !md.contains("Wat viel op"),
        "an empty block is left out: {md}"
    );
    let page = html(&session, &options);
    assert_eq!(page.matches("<h2").count(), expected.len(), "{page}");
    let outline: Vec<String> = docx_paragraphs(&docx_part(
        &render(&session, Format::Docx, &options),
        "word/document.xml",
    ))
    .into_iter()
    .filter(|(s, _, _)| s.starts_with("Heading"))
    .map(|(_, _, t)| t)
    .collect();
    assert_eq!(outline, expected);
}

// --- The command line ---------------------------------------------------------------

#[test]
fn export_writes_three_files_next_to_the_session() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let session = sample_copy(dir.path());
    let out = leerkring(
        &[
            "export".as_ref(),
            session.as_os_str(),
            "--format".as_ref(),
            "docx,html,md".as_ref(),
        ],
        home.path(),
        "C",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert_eq!(stdout.lines().count(), 3, "{stdout}");
    for ext in ["docx", "html", "md"] {
        let path = dir.path().join(format!("m50.{ext}"));
        assert!(stdout.contains(&path.display().to_string()), "{stdout}");
        assert!(
            std::fs::metadata(&path).unwrap().len() > 1_000,
            "{ext} has content"
        );
    }
    let md = std::fs::read_to_string(dir.path().join("m50.md")).unwrap();
    let golden = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/m50-verslag.md"),
    )
    .unwrap();
    assert_eq!(md, golden, "the CLI writes the same report as the library");
    let docx = std::fs::read(dir.path().join("m50.docx")).unwrap();
    assert!(docx.starts_with(b"PK"), "a ZIP package");
    assert_eq!(
        std::fs::read(&session).unwrap(),
        std::fs::read(sample_path()).unwrap()
    );
}

#[test]
fn export_with_output_writes_a_file_or_into_a_folder() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let sample = sample_path();

    let file = dir.path().join("verslag.html");
    let out = leerkring(
        &[
            "export".as_ref(),
            sample.as_os_str(),
            "--format=html".as_ref(),
            "-o".as_ref(),
            file.as_os_str(),
        ],
        home.path(),
        "C",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .starts_with("<!DOCTYPE html>")
    );

    let folder = dir.path().join("uit");
    std::fs::create_dir(&folder).unwrap();
    let out = leerkring(
        &[
            "export".as_ref(),
            sample.as_os_str(),
            "--format".as_ref(),
            "md,docx".as_ref(),
            "--output".as_ref(),
            folder.as_os_str(),
        ],
        home.path(),
        "C",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stem = "2020-02-04-m50-democratische-vernieuwing";
    assert!(folder.join(format!("{stem}.md")).is_file());
    assert!(folder.join(format!("{stem}.docx")).is_file());
    assert!(!folder.join(format!("{stem}.html")).exists());
}

#[test]
fn export_explains_a_bad_session_and_an_unwritable_target() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();

    let bad = dir.path().join("kapot.json");
    std::fs::write(&bad, b"{\"format_version\": 1, \"header\": ").unwrap();
    let out = leerkring(&["export".as_ref(), bad.as_os_str()], home.path(), "C");
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("kapot.json") && stderr.contains("not a usable session"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "nothing written"
    );

    let sample = sample_path();
    let target = dir.path().join("geen-map").join("verslag.md");
    let out = leerkring(
        &[
            "export".as_ref(),
            sample.as_os_str(),
            "--format".as_ref(),
            "md".as_ref(),
            "-o".as_ref(),
            target.as_os_str(),
        ],
        home.path(),
        "C",
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains(&target.display().to_string()), "{stderr}");
    assert!(stderr.contains("folder does not exist"), "{stderr}");

    let out = leerkring(
        &[
            "export".as_ref(),
            sample.as_os_str(),
            "-o".as_ref(),
            target.as_os_str(),
        ],
        home.path(),
        "nl_NL.UTF-8",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("bestaande map"),
        "{}",
        text(&out.stderr)
    );

    let out = leerkring(
        &[
            "export".as_ref(),
            "--format".as_ref(),
            "odt".as_ref(),
            sample.as_os_str(),
        ],
        home.path(),
        "C",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("unknown format 'odt'"));
}

#[test]
fn export_never_overwrites_the_session_file() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("sessie.md");
    std::fs::copy(sample_path(), &session).unwrap();
    let out = leerkring(
        &[
            "export".as_ref(),
            session.as_os_str(),
            "--format".as_ref(),
            "md".as_ref(),
        ],
        home.path(),
        "C",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("the session file itself"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(
        std::fs::read(&session).unwrap(),
        std::fs::read(sample_path()).unwrap()
    );
}

#[test]
fn export_has_help() {
    let home = tempfile::tempdir().unwrap();
    let out = leerkring(&["export".as_ref(), "--help".as_ref()], home.path(), "C");
    assert!(out.status.success());
    let help = text(&out.stdout);
    assert!(
        help.contains("--format") && help.contains("--public") && help.contains("-o"),
        "{help}"
    );
    let out = leerkring(&["--help".as_ref()], home.path(), "C");
    assert!(text(&out.stdout).contains("leerkring export"));
}
