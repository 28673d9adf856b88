//! The paged formats as a reader's tools see them: the PDF through poppler
//! (`pdftotext`, `pdfinfo`, `pdffonts`) and the DOCX through the OOXML schema
//! checker `openxml-audit`, for the sample, the stress session, a session
//! with photos and a session with hostile text.
//!
//! The external tools are optional on a developer's machine (the test says
//! it skipped them); `.ci/run` installs them and sets
//! `LEERKRING_REPORT_TOOLS=1`, which makes a missing tool a failure.

use std::path::{Path, PathBuf};
use std::process::Command;

use leerkring::Session;
use leerkring::model::BlockKind;
use leerkring::report::{self, ExportOptions, Format};
use leerkring::store;

use crate::support::{run_binary, sample_path, text};

/// Whether CI asked for the external checks to be run, not skipped.
fn tools_required() -> bool {
    std::env::var_os("LEERKRING_REPORT_TOOLS").is_some_and(|v| v == "1")
}

/// Runs `program` with `args`; `None` when it is not installed (and not
/// required). Panics when it fails to start for another reason.
fn tool(program: &str, args: &[&std::ffi::OsStr]) -> Option<std::process::Output> {
    match Command::new(program).args(args).output() {
        Ok(output) => Some(output),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound && !tools_required() => {
            eprintln!("skipped: {program} is not installed (CI installs it)");
            None
        }
        Err(error) => panic!("{program} could not run: {error}"),
    }
}

fn sample() -> Session {
    store::load_session(&sample_path()).expect("the sample session loads")
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write a report");
    path
}

fn pdf(session: &Session, options: &ExportOptions) -> Vec<u8> {
    report::render(session, Format::Pdf, options).expect("the PDF renders")
}

/// Text with every run of white space made one space.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A session with two photos (a wide JPEG and a tall PNG) next to it in `dir`.
fn photo_session(dir: &Path) -> (Session, PathBuf) {
    let file = dir.join("fotos.json");
    let mut session = sample();
    let wide = image::RgbImage::from_fn(1200, 800, |x, _| image::Rgb([(x % 255) as u8, 90, 40]));
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 85)
        .encode_image(&wide)
        .expect("encode");
    std::fs::write(dir.join("flap.jpg"), jpeg).expect("write");
    let tall = image::RgbaImage::from_fn(300, 900, |_, y| {
        image::Rgba([20, (y % 255) as u8, 200, 180])
    });
    tall.save(dir.join("staand.png")).expect("write");
    for (n, (path, caption)) in [("flap.jpg", "Flap met de experimenten"), ("staand.png", "")]
        .into_iter()
        .enumerate()
    {
        session.attachments.push(leerkring::model::Attachment {
            id: leerkring::model::AttachmentId::new(format!("foto-{n}")),
            path: path.into(),
            caption: caption.into(),
            agenda_item: session.agenda.get(2).map(|i| i.id.clone()),
        });
    }
    store::save_session(&file, &session).expect("save");
    (session, file)
}

/// A session with hostile text: markup, control characters, right-to-left
/// and emoji (which no bundled font has), a word longer than a line.
fn hostile_session() -> Session {
    let controls: String = (0u8..0x20).map(char::from).collect::<String>() + "\u{7f}";
    let value = serde_json::json!({
        "format_version": 1,
        "header": {
            "title": "<script>alert('titel')</script> & \"quotes\"",
            "network": "M50 <b>vet</b>", "date": "2020-02-04", "language": "nl",
            "facilitator": "' onload='x"
        },
        "notes": [{"id": "n-1", "text": format!("regel{controls}\n{}", "lang".repeat(200))}],
        "organisations": [{"id": "o-1", "name": "مرحبا שלום", "kind": "municipality"}],
        "agenda": [{"id": "i-1", "title": "</td><script>", "kind": "round", "planned_minutes": 5}],
        "experiments": [{"id": "e-1", "organisation": "o-1", "title": "👋🏽 <em>x</em> & y", "keywords": [
            {"id": "k-1", "text": "+ `code` | pipe | # kop\n- lijst"}, {"id": "k-2", "text": "\u{202e}omgekeerd"}
        ]}],
        "synthesis": {
            "observations": {"heading": "<h1>kop</h1>", "bullets": [{"id": "b-1", "text": "\"'<>&"}]},
            "actions": [{"id": "a-1", "text": "<b>doen</b>", "owner": {"name": "<i>wie</i>"}, "due": "2020-06-09"}]
        }
    });
    store::parse_session(value.to_string().as_bytes()).expect("a valid test session")
}

// --- PDF ---------------------------------------------------------------------

/// Runs the PDF/UA-1 checker `outloud` (Matterhorn protocol checkpoints a
/// machine can test) on `file` and fails on any error it finds.
fn assert_accessible(file: &Path) {
    let Some(out) = tool(
        "outloud",
        &["--fail-on".as_ref(), "error".as_ref(), file.as_os_str()],
    ) else {
        return;
    };
    assert!(
        out.status.success(),
        "outloud finds PDF/UA errors in {}:\n{}{}",
        file.display(),
        text(&out.stdout),
        text(&out.stderr)
    );
}

#[test]
fn the_pdf_is_a_tagged_a4_document_with_its_fonts_embedded() {
    let bytes = pdf(&sample(), &ExportOptions::new(false));
    assert!(bytes.starts_with(b"%PDF-1.7"), "PDF 1.7");
    let raw = String::from_utf8_lossy(&bytes);
    for marker in [
        "/StructTreeRoot",
        "/MarkInfo",
        "/Lang(nl-NL)",
        "pdfaid:part",
        "pdfuaid:part",
    ] {
        assert!(raw.contains(marker), "the PDF lacks {marker}");
    }

    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "m50.pdf", &bytes);
    assert_accessible(&file);
    let Some(info) = tool("pdfinfo", &[file.as_os_str()]) else {
        return;
    };
    let info = text(&info.stdout);
    assert!(info.contains("(A4)"), "{info}");
    assert!(info.contains("Tagged:          yes"), "{info}");
    assert!(
        info.contains("Title:           Verslag Democratische vernieuwing M50, 4 februari 2020"),
        "{info}"
    );
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("a page count");
    assert!((4..=10).contains(&pages), "{pages} pages");

    let structure = tool("pdfinfo", &["-struct".as_ref(), file.as_os_str()]).expect("pdfinfo");
    let structure = text(&structure.stdout);
    for element in [
        "H1", "H2", "H3", "P", "L", "LI", "LBody", "Table", "TR", "TH", "TD",
    ] {
        assert!(
            structure.lines().any(|l| l
                .split_whitespace()
                .next()
                .unwrap_or_default()
                .trim_end_matches(':')
                == element),
            "no {element} in the structure:\n{structure}"
        );
    }

    let fonts = tool("pdffonts", &[file.as_os_str()]).expect("pdffonts");
    let fonts = text(&fonts.stdout);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert_eq!(rows.len(), 3, "{fonts}");
    for row in rows {
        let columns: Vec<&str> = row.split_whitespace().collect();
        // name type… encoding emb sub uni object id
        let flags = &columns[columns.len() - 5..columns.len() - 2];
        assert_eq!(
            flags,
            ["yes", "yes", "yes"],
            "embedded, subset, mapped: {row}"
        );
    }

    let per_page = tool("pdftotext", &[file.as_os_str(), "-".as_ref()]).expect("pdftotext");
    let pages_text: Vec<String> = text(&per_page.stdout)
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .map(str::to_owned)
        .collect();
    assert_eq!(pages_text.len(), pages);
    for (i, page) in pages_text.iter().enumerate() {
        let label = format!("Pagina {} van {pages}", i + 1);
        assert!(page.contains(&label), "page {} lacks {label:?}", i + 1);
        assert!(
            page.contains("CONCEPT"),
            "page {} lacks the draft mark",
            i + 1
        );
        if i > 0 {
            assert!(page.contains("Verslag Democratische vernieuwing M50, 4 februari 2020"));
        }
    }
}

/// Every bullet's text, depth first.
fn bullet_texts(out: &mut Vec<String>, list: &[leerkring::model::Bullet]) {
    for b in list {
        out.push(b.text.trim().to_owned());
        bullet_texts(out, &b.children);
    }
}

#[test]
fn the_pdf_holds_every_keyword_and_bullet_of_the_seed_in_order() {
    let session = sample();
    let bytes = pdf(&session, &ExportOptions::new(false));
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "m50.pdf", &bytes);
    let Some(out) = tool("pdftotext", &[file.as_os_str(), "-".as_ref()]) else {
        return;
    };
    let extracted = squeeze(&text(&out.stdout));

    // Each experiment's title and keywords, then every synthesis bullet, in order.
    let mut wanted: Vec<String> = Vec::new();
    let mut keywords = 0;
    for experiment in &session.experiments {
        wanted.push(format!("⊗ {}", experiment.title.trim()));
        for keyword in &experiment.keywords {
            wanted.push(keyword.text.trim().to_owned());
            keywords += 1;
        }
    }
    assert_eq!(keywords, 66, "the seed meeting's 66 keywords");
    for kind in BlockKind::ALL {
        bullet_texts(&mut wanted, &session.synthesis.block(kind).bullets);
    }
    let mut from = 0;
    let mut seen = std::collections::HashSet::new();
    for item in &wanted {
        let item = squeeze(item);
        // An open question already written as a bullet is not repeated in
        // its own section: it must be there, in the place of its first mention.
        if !seen.insert(item.clone()) {
            assert!(extracted.contains(&item), "{item:?} is missing");
            continue;
        }
        match extracted[from..].find(&item) {
            Some(at) => from += at + item.len(),
            None => panic!(
                "{item:?} is missing from the PDF's text, or out of order; the text after the previous item is:\n{}",
                &extracted[from..(from + 400).min(extracted.len())]
            ),
        }
    }
    for municipality in session.municipalities() {
        assert!(
            extracted.contains(municipality.name.trim()),
            "{}",
            municipality.name
        );
    }
}

#[test]
fn a_final_report_has_no_draft_mark_and_english_pages_say_page_x_of_y() {
    let mut session = sample();
    session.header.report_final = true;
    session.header.language = leerkring::i18n::Language::En;
    let bytes = pdf(&session, &ExportOptions::new(false));
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "final.pdf", &bytes);
    let Some(out) = tool("pdftotext", &[file.as_os_str(), "-".as_ref()]) else {
        return;
    };
    let all = text(&out.stdout);
    assert!(!all.contains("CONCEPT") && !all.contains("DRAFT"), "{all}");
    assert!(all.contains("Page 1 of "), "{all}");
    let info = tool("pdfinfo", &[file.as_os_str()]).expect("pdfinfo");
    assert!(text(&info.stdout).contains("Report Democratische vernieuwing M50, 4 February 2020"));
}

#[test]
fn the_public_pdf_names_nobody_in_its_text_or_its_properties() {
    let mut session = sample();
    session.header.facilitator = "Carla Jansen".into();
    session.participants = serde_json::from_value(serde_json::json!([
        {"id": "p-1", "name": "Anna de Vries", "organisation": session.organisations[0].id.as_str()}
    ]))
    .expect("participants");
    session.synthesis.observations.bullets[0].text = "Anna de Vries vat samen".into();
    let dir = tempfile::tempdir().unwrap();

    let mut full = ExportOptions::new(false);
    full.author = Some("Notulist Bram".into());
    let file = write(dir.path(), "vol.pdf", &pdf(&session, &full));
    let public = write(
        dir.path(),
        "openbaar.pdf",
        &pdf(&session, &ExportOptions::new(true)),
    );
    assert!(
        !String::from_utf8_lossy(&std::fs::read(&public).unwrap()).contains("Carla"),
        "no name in the raw file (metadata)"
    );

    let Some(info) = tool("pdfinfo", &["-meta".as_ref(), file.as_os_str()]) else {
        return;
    };
    assert!(
        text(&info.stdout).contains("Notulist Bram"),
        "the full report has its author"
    );
    for path in [&public] {
        let info = tool("pdfinfo", &[path.as_os_str()]).expect("pdfinfo");
        let meta = tool("pdfinfo", &["-meta".as_ref(), path.as_os_str()]).expect("pdfinfo -meta");
        let words = tool("pdftotext", &[path.as_os_str(), "-".as_ref()]).expect("pdftotext");
        for out in [&info, &meta, &words] {
            let out = text(&out.stdout);
            for name in ["Anna", "Vries", "Carla", "Jansen", "Bram"] {
                assert!(!out.contains(name), "{name} in the public PDF: {out}");
            }
        }
        assert!(!text(&info.stdout).contains("Author:"), "no author");
        assert!(
            text(&words.stdout).contains(&format!("{} vat samen", session.organisations[0].name))
        );
    }
}

#[test]
fn the_stress_photo_and_hostile_sessions_make_valid_pdfs() {
    let dir = tempfile::tempdir().unwrap();
    let (photos, photo_file) = photo_session(dir.path());
    let cases = [
        (
            "stress",
            leerkring::model::stress::stress_session(60, 25, 200),
            ExportOptions::new(false),
        ),
        (
            "fotos",
            photos,
            ExportOptions::new(false).next_to(&photo_file),
        ),
        ("vijandig", hostile_session(), ExportOptions::new(false)),
    ];
    for (name, session, options) in cases {
        let bytes = pdf(&session, &options);
        let file = write(dir.path(), &format!("{name}.pdf"), &bytes);
        assert_accessible(&file);
        let Some(out) = tool("pdftotext", &[file.as_os_str(), "-".as_ref()]) else {
            continue;
        };
        assert!(out.status.success(), "{name}: {}", text(&out.stderr));
        let words = squeeze(&text(&out.stdout));
        let info = text(
            &tool("pdfinfo", &[file.as_os_str()])
                .expect("pdfinfo")
                .stdout,
        );
        assert!(info.contains("Tagged:          yes"), "{name}: {info}");
        let pages: usize = info
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|n| n.trim().parse().ok())
            .expect("pages");
        assert!(
            words.contains(&format!("Pagina {pages} van {pages}")),
            "{name}"
        );
        match name {
            "stress" => assert!(pages > 20, "{pages} pages"),
            "fotos" => {
                let images =
                    tool("pdfimages", &["-list".as_ref(), file.as_os_str()]).expect("pdfimages");
                let list = text(&images.stdout);
                assert!(list.contains("jpeg"), "the JPEG goes in as it is: {list}");
                assert!(
                    list.contains("smask"),
                    "the PNG keeps its transparency: {list}"
                );
                assert!(words.contains("Flap met de experimenten"));
            }
            _ => {
                assert!(words.contains("<script>alert('titel')</script>"), "{words}");
                // No font has these: drawn as boxes, but the text is there.
                assert!(words.contains("👋🏽"), "{words}");
                // Right-to-left text comes out in visual order, as drawn.
                assert!(words.contains("שלום") || words.contains("םולש"), "{words}");
                assert!(!words.contains("regel\u{7}"));
            }
        }
    }
}

// --- DOCX --------------------------------------------------------------------

/// `openxml-audit`'s verdict on `file`: (valid, the findings).
fn audit(file: &Path) -> Option<(bool, String)> {
    let out = tool(
        "openxml-audit",
        &[
            "-o".as_ref(),
            "json".as_ref(),
            "-m".as_ref(),
            "0".as_ref(),
            file.as_os_str(),
        ],
    )?;
    let report: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("openxml-audit said {e}: {}", text(&out.stdout)));
    let first = &report[0];
    Some((
        first["valid"] == serde_json::Value::Bool(true),
        first["errors"].to_string(),
    ))
}

#[test]
fn word_trusts_the_docx_of_the_sample_stress_photo_and_hostile_sessions() {
    let dir = tempfile::tempdir().unwrap();
    let (photos, photo_file) = photo_session(dir.path());
    let mut public = ExportOptions::new(true);
    public.include_photos = true;
    let cases = [
        ("sample", sample(), ExportOptions::new(false)),
        (
            "stress",
            leerkring::model::stress::stress_session(60, 25, 200),
            ExportOptions::new(false),
        ),
        (
            "fotos",
            photos,
            ExportOptions::new(false).next_to(&photo_file),
        ),
        ("vijandig", hostile_session(), ExportOptions::new(false)),
        ("openbaar", sample(), public),
    ];
    let mut files = Vec::new();
    for (name, session, options) in cases {
        let bytes = report::render(&session, Format::Docx, &options).expect("docx");
        files.push(write(dir.path(), &format!("{name}.docx"), &bytes));
    }
    for file in files {
        let Some((valid, findings)) = audit(&file) else {
            return;
        };
        assert!(valid, "{}: {findings}", file.display());
    }
}

// --- The command line ----------------------------------------------------------

#[test]
fn export_writes_all_four_formats_and_final_drops_the_draft_mark() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (_, session) = photo_session(dir.path());
    let out_dir = dir.path().join("uit");
    std::fs::create_dir(&out_dir).unwrap();
    let out = run_binary(
        &[
            "export".as_ref(),
            session.as_os_str(),
            "--final".as_ref(),
            "-o".as_ref(),
            out_dir.as_os_str(),
        ],
        home.path(),
        "C",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout).lines().count(),
        4,
        "{}",
        text(&out.stdout)
    );
    for ext in ["docx", "pdf", "html", "md"] {
        assert!(out_dir.join(format!("fotos.{ext}")).is_file(), "{ext}");
    }
    // The Markdown's photos are scaled copies beside it, linked relatively.
    let md = std::fs::read_to_string(out_dir.join("fotos.md")).unwrap();
    let links: Vec<&str> = md
        .split("](<")
        .skip(1)
        .filter_map(|rest| rest.split(">)").next())
        .collect();
    assert_eq!(links.len(), 2, "{md}");
    for link in links {
        assert!(link.starts_with("fotos.md_files/"), "{link}");
        assert!(
            out_dir.join(link).is_file(),
            "{link} exists beside the report"
        );
    }
    assert!(!md.contains("Concept"), "--final: {md}");
    let html = std::fs::read_to_string(out_dir.join("fotos.html")).unwrap();
    assert!(!html.contains("<p class=\"concept-mark\""), "--final");
    assert!(
        !html.contains("@top-right"),
        "--final: no draft mark on the printed pages"
    );
    // The session itself still says draft.
    assert!(!store::load_session(&session).unwrap().header.report_final);
}
