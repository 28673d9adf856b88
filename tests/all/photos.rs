//! Flip-chart photos: attached through the dialog or dropped on the window,
//! copied beside the session, carried along by "save as", decoded off the
//! UI thread, shown on the projector and kept in the exported reports.

use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use egui::accesskit::Role;
use egui::{Key, Modifiers, Rect, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use leerkring::app::FixedDialogs;
use leerkring::model::{BlockKind, Language, Session};
use leerkring::report::{ExportOptions, Format};
use leerkring::store;
use leerkring::ui::projector::{
    BeamerTheme, Blank, PhotoPicture, PhotoView, ProjectorMode, ProjectorReport, ProjectorView,
    projector_ui,
};
use leerkring::{LeerkringApp, StartWith};

use crate::console::{harness, type_text};
use crate::report::docx_part;
use crate::support::{app_with_dialogs, sample_path};

/// A JPEG of `width`×`height` with some structure (a gradient and bands),
/// so it compresses like a picture rather than a flat colour.
fn photo_jpeg(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        let band = u8::from((x / 37 + y / 53) % 2 == 0) * 60;
        image::Rgb([
            (x * 255 / width.max(1)) as u8,
            (y * 255 / height.max(1)) as u8,
            120 + band,
        ])
    });
    let mut bytes = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 90)
        .encode_image(&image)
        .expect("encode");
    bytes
}

/// A small PNG.
fn photo_png() -> Vec<u8> {
    let image = image::RgbaImage::from_pixel(40, 30, image::Rgba([10, 200, 10, 255]));
    let mut bytes = Vec::new();
    image::DynamicImage::ImageRgba8(image)
        .write_to(&mut Cursor::new(&mut bytes), image::ImageFormat::Png)
        .expect("encode");
    bytes
}

/// A file dropped on the window.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

fn drop_file(h: &mut Harness<'static, LeerkringApp>, path: &Path) {
    // First it hovers over the window (the veil's text must render).
    h.input_mut().hovered_files = vec![egui::HoveredFile {
        path: Some(path.to_path_buf()),
        mime: String::new(),
    }];
    h.run_steps(1);
    h.input_mut().hovered_files.clear();
    h.input_mut()
        .dropped_files
        .push(Arc::new(Dropped(path.to_path_buf())));
    h.run_steps(2);
    crate::support::settle(h);
}

/// Runs frames until `done` holds (at most 20 s), sleeping a little between them.
fn run_until(
    h: &mut Harness<'static, LeerkringApp>,
    mut done: impl FnMut(&LeerkringApp) -> bool,
) -> bool {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(20) {
        h.run_steps(1);
        if done(h.state()) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    false
}

fn all_thumbnails_ready(app: &LeerkringApp) -> bool {
    let thumbnails = &app.state.photos.thumbnails;
    !thumbnails.is_empty()
        && thumbnails
            .values()
            .all(|p| matches!(p, PhotoPicture::Ready { .. }))
}

/// The sample session copied into `folder` as `sessie.json`.
fn sample_copy(folder: &Path) -> PathBuf {
    std::fs::create_dir_all(folder).expect("folder");
    let file = folder.join("sessie.json");
    std::fs::copy(sample_path(), &file).expect("copy the sample");
    file
}

/// The console on `file`, whose "Add photo…" dialog answers `photos`.
fn session_with_photo_dialog(
    file: &Path,
    home: &Path,
    photos: Vec<PathBuf>,
) -> Harness<'static, LeerkringApp> {
    let dialogs = FixedDialogs {
        photos,
        ..FixedDialogs::default()
    };
    harness(app_with_dialogs(
        StartWith::File(file.to_path_buf()),
        home,
        dialogs,
    ))
}

fn docx_media(docx: &[u8]) -> Vec<(String, usize)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(docx)).expect("the DOCX is a ZIP file");
    (0..archive.len())
        .filter_map(|i| {
            let entry = archive.by_index(i).expect("entry");
            let name = entry.name().to_owned();
            (name.starts_with("word/media/") && !name.ends_with('/'))
                .then(|| (name, usize::try_from(entry.size()).unwrap_or(0)))
        })
        .collect()
}

/// Add photo… takes several flip charts at once: every chosen file is
/// attached, in the order chosen, each its own undoable change.
#[test]
fn the_photo_dialog_attaches_every_chosen_file() {
    let home = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let file = sample_copy(&work.path().join("vergadering"));
    let first = work.path().join("flap 1.jpg");
    std::fs::write(&first, photo_jpeg(300, 200)).unwrap();
    let second = work.path().join("flap 2.png");
    std::fs::write(&second, photo_png()).unwrap();
    let mut h = session_with_photo_dialog(&file, home.path(), vec![first, second]);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::F);
    h.run_steps(3);
    crate::support::settle(&mut h);
    let paths = |h: &Harness<'_, LeerkringApp>| -> Vec<String> {
        h.state()
            .state
            .session
            .attachments
            .iter()
            .map(|a| a.path.clone())
            .collect()
    };
    assert_eq!(
        paths(&h),
        ["sessie.assets/flap-1.jpg", "sessie.assets/flap-2.png"]
    );
    let folder = file.parent().unwrap();
    assert!(folder.join("sessie.assets/flap-1.jpg").is_file());
    assert!(folder.join("sessie.assets/flap-2.png").is_file());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(paths(&h), ["sessie.assets/flap-1.jpg"]);
}

#[test]
fn photo_attach_save_move_load_export_keeps_the_images() {
    let home = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let meeting = work.path().join("vergadering");
    let file = sample_copy(&meeting);
    let camera = work.path().join("camera");
    std::fs::create_dir_all(&camera).unwrap();
    let first = camera.join("IMG_2034.JPG");
    std::fs::write(&first, photo_jpeg(1200, 900)).unwrap();
    let second = camera.join("flap 2.png");
    std::fs::write(&second, photo_png()).unwrap();
    let not_a_photo = camera.join("notulen.pdf");
    std::fs::write(&not_a_photo, b"%PDF-1.7").unwrap();

    let mut h = session_with_photo_dialog(&file, home.path(), vec![first.clone()]);
    // Add photo… (Ctrl+Shift+F) asks the dialog; the answer is attached.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::F);
    h.run_steps(3);
    // A second photo and a PDF are dropped on the window.
    drop_file(&mut h, &second);
    drop_file(&mut h, &not_a_photo);
    {
        let state = &h.state().state;
        assert_eq!(state.session.attachments.len(), 2);
        assert_eq!(
            state.session.attachments[0].path,
            "sessie.assets/img-2034.jpg"
        );
        assert_eq!(
            state.session.attachments[1].path,
            "sessie.assets/flap-2.png"
        );
        let item = state.runner.current_or_first(&state.session).cloned();
        assert!(item.is_some());
        assert!(
            state
                .session
                .attachments
                .iter()
                .all(|a| a.agenda_item == item)
        );
        assert!(
            state
                .notices
                .iter()
                .any(|n| n.detail.contains("notulen.pdf") && n.title == "Foto niet toegevoegd"),
            "the PDF gets a notice"
        );
    }
    assert!(meeting.join("sessie.assets/img-2034.jpg").is_file());

    // The thumbnails arrive from the decode thread and show in the console.
    assert!(
        run_until(&mut h, all_thumbnails_ready),
        "thumbnails decoded"
    );
    h.run_steps(2);
    h.get_by_role_and_label(Role::Image, "Foto 1");
    h.get_by_role_and_label(Role::Image, "Foto 2");

    // Captions are typed into their fields.
    h.get_by_label("Onderschrift foto 1").focus();
    h.run_steps(2);
    type_text(&mut h, "Flap van Oss");
    h.get_by_label("Onderschrift foto 2").focus();
    h.run_steps(2);
    type_text(&mut h, "Bord na de pauze");
    assert_eq!(
        h.state().state.session.attachments[0].caption,
        "Flap van Oss"
    );
    // Removing is undoable.
    // By keys: Tab from the caption to its photo's buttons (the panel
    // scrolls along), Space presses "remove".
    h.key_press(Key::Tab);
    h.run_steps(2);
    h.key_press(Key::Tab);
    h.run_steps(2);
    assert_eq!(crate::keyboard::focused_label(&h), "Foto 2 verwijderen");
    h.key_press(Key::Space);
    h.run_steps(2);
    assert_eq!(h.state().state.session.attachments.len(), 1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().state.session.attachments.len(), 2);
    assert_eq!(
        h.state().state.session.attachments[1].caption,
        "Bord na de pauze"
    );

    // Save, then move the whole folder elsewhere.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(2);
    assert!(!h.state().state.dirty);
    drop(h);
    let moved = work.path().join("verhuisd");
    std::fs::rename(&meeting, &moved).expect("move the folder");
    let moved_file = moved.join("sessie.json");

    // Load from the new place: every photo is found.
    let session = store::load_session(&moved_file).expect("loads");
    assert_eq!(session.attachments[0].caption, "Flap van Oss");
    assert!(store::missing_photos(&moved_file, &session.attachments).is_empty());

    let options = ExportOptions::new(false).next_to(&moved_file);
    let html = leerkring::report::render(&session, Format::Html, &options).expect("html");
    let html = String::from_utf8(html).expect("utf-8");
    assert_eq!(
        html.matches("<img src=\"data:image/").count(),
        2,
        "both photos inline"
    );
    assert!(html.contains("<figcaption dir=\"auto\">Flap van Oss</figcaption>"));
    assert!(html.contains("<figcaption dir=\"auto\">Bord na de pauze</figcaption>"));

    let docx = leerkring::report::render(&session, Format::Docx, &options).expect("docx");
    let media = docx_media(&docx);
    assert_eq!(media.len(), 2, "{media:?}");
    assert!(media.iter().all(|(_, size)| *size > 0));
    // Each picture is stored under the extension of its bytes, and that
    // extension is declared with its content type: the camera photo as
    // JPEG, the PNG as PNG.
    let types = docx_part(&docx, "[Content_Types].xml");
    let mut archive = zip::ZipArchive::new(Cursor::new(&docx)).expect("the DOCX is a ZIP file");
    let mut kinds = Vec::new();
    for (name, _) in &media {
        let mut head = [0u8; 3];
        std::io::Read::read_exact(&mut archive.by_name(name).expect("the picture"), &mut head)
            .expect("bytes");
        let is_jpeg = head == [0xFF, 0xD8, 0xFF];
        let extension = if is_jpeg { "jpeg" } else { "png" };
        assert!(name.ends_with(&format!(".{extension}")), "{name}");
        let declared =
            format!("<Default Extension=\"{extension}\" ContentType=\"image/{extension}\" />");
        assert!(types.contains(&declared), "{name} in {types}");
        kinds.push(is_jpeg);
    }
    kinds.sort_unstable();
    assert_eq!(kinds, [false, true], "one PNG and one JPEG picture");
    // Markdown links to scaled copies in a folder named after the report,
    // never into the session's own assets folder.
    let rendered =
        leerkring::report::export(&session, &[(Format::Markdown, "uit.md".into())], &options)
            .remove(0)
            .expect("md");
    let markdown = String::from_utf8(rendered.bytes).expect("utf-8");
    assert!(
        markdown.contains("](<uit.md_files/01-img-2034.jpg>)"),
        "{markdown}"
    );
    assert!(!markdown.contains("sessie.assets"), "{markdown}");
    assert!(markdown.contains("*Flap van Oss*"));
    let paths: Vec<&str> = rendered.files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(paths.len(), 2, "{paths:?}");
    assert!(paths[1].starts_with("uit.md_files/02-"), "{paths:?}");
    for file in &rendered.files {
        assert!(leerkring::report::images::recognise(file.bytes.clone()).is_some());
        assert!(
            markdown.contains(&format!("(<{}>)", file.path)),
            "{}",
            file.path
        );
    }
}

#[test]
fn save_as_carries_the_photos_of_an_untitled_session_along() {
    let home = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let photo = work.path().join("bord.jpg");
    std::fs::write(&photo, photo_jpeg(300, 200)).unwrap();
    let target = work.path().join("elders").join("kick-off.json");
    std::fs::create_dir_all(target.parent().unwrap()).unwrap();
    let dialogs = FixedDialogs {
        save_as: Some(target.clone()),
        ..FixedDialogs::default()
    };
    let mut h = harness(app_with_dialogs(StartWith::Sample, home.path(), dialogs));
    drop_file(&mut h, &photo);
    let untitled = h.state().state.untitled_name.clone();
    let stem = untitled.trim_end_matches(".json");
    let recovery = home.path().join("data/recovery");
    assert_eq!(
        h.state().state.session.attachments[0].path,
        format!("{stem}.assets/bord.jpg")
    );
    assert!(recovery.join(format!("{stem}.assets/bord.jpg")).is_file());

    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run_steps(3);
    crate::support::settle(&mut h);
    assert_eq!(h.state().state.file.as_deref(), Some(target.as_path()));
    assert_eq!(
        h.state().state.session.attachments[0].path,
        "kick-off.assets/bord.jpg"
    );
    let saved = store::load_session(&target).expect("saved");
    assert_eq!(saved.attachments[0].path, "kick-off.assets/bord.jpg");
    assert!(store::missing_photos(&target, &saved.attachments).is_empty());

    // Undoing the attachment and redoing it keeps the new path.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert!(h.state().state.session.attachments.is_empty());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run_steps(2);
    assert_eq!(
        h.state().state.session.attachments[0].path,
        "kick-off.assets/bord.jpg"
    );
}

#[test]
fn missing_photos_at_load_give_a_notice_not_an_error() {
    let home = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let file = sample_copy(work.path());
    let mut session = store::load_session(&file).unwrap();
    session.attachments.push(leerkring::model::Attachment {
        id: leerkring::model::AttachmentId::new("foto-weg"),
        path: "sessie.assets/weg.jpg".into(),
        caption: "Weg".into(),
        agenda_item: session.agenda.first().map(|i| i.id.clone()),
    });
    store::save_session(&file, &session).unwrap();
    let mut h = harness(app_with_dialogs(
        StartWith::File(file),
        home.path(),
        FixedDialogs::default(),
    ));
    let state = &h.state().state;
    assert_eq!(state.session.attachments.len(), 1, "the session opened");
    assert!(
        state.notices.iter().any(
            |n| n.title == "Foto's niet gevonden" && n.detail.contains("sessie.assets/weg.jpg")
        )
    );
    // The console says so where the thumbnail would be.
    assert!(run_until(&mut h, |app| {
        app.state
            .photos
            .thumbnails
            .values()
            .all(|p| *p == PhotoPicture::Missing)
    }));
}

#[test]
fn a_twelve_megapixel_photo_is_decoded_without_holding_up_frames() {
    let home = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let file = sample_copy(work.path());
    let big = work.path().join("camera.jpg");
    std::fs::write(&big, photo_jpeg(4000, 3000)).unwrap();
    let mut h = harness(app_with_dialogs(
        StartWith::File(file),
        home.path(),
        FixedDialogs::default(),
    ));
    drop_file(&mut h, &big);
    assert!(run_until(&mut h, all_thumbnails_ready), "thumbnail decoded");

    // Show it on the projector: the frame that asks for the large picture
    // comes back at once with "loading"; the picture arrives frames later.
    h.get_by_label("Foto 1 op de projector").click();
    let started = Instant::now();
    h.run_steps(1);
    let first_frame = started.elapsed();
    let state = &h.state().state;
    assert_eq!(state.projector_mode(), ProjectorMode::Photo);
    let photo = state
        .photos
        .projector
        .clone()
        .expect("a photo for photo mode");
    assert_eq!(
        photo.picture,
        PhotoPicture::Loading,
        "not decoded in the frame"
    );
    let mut frames = 1;
    let ready = run_until(&mut h, |app| {
        frames += 1;
        matches!(
            app.state.photos.projector.as_ref().map(|p| p.picture),
            Some(PhotoPicture::Ready { .. })
        )
    });
    assert!(ready, "the large picture arrives");
    assert!(frames > 1, "frames ran while it was decoded");
    let Some(PhotoPicture::Ready { size, .. }) =
        h.state().state.photos.projector.as_ref().map(|p| p.picture)
    else {
        unreachable!("checked above");
    };
    // Scaled for the projector: 2560 on the long side, or the largest
    // texture the graphics card takes (2048 in the test harness), proportions kept.
    let max_side = h.ctx.input(|i| i.max_texture_side).min(2560) as f32;
    assert_eq!(size, vec2(max_side, max_side * 0.75));
    eprintln!(
        "12 MP photo: first frame {first_frame:?}, ready after {frames} frames in {:?}",
        started.elapsed()
    );
}

/// The projector in photo mode on a 1280×720 screen.
fn photo_harness(photo: Option<PhotoView>) -> Harness<'static, Option<ProjectorReport>> {
    let session: &'static Session = Box::leak(Box::new(
        store::load_session(&sample_path()).expect("the sample loads"),
    ));
    let view = ProjectorView {
        session,
        mode: ProjectorMode::Photo,
        current_item: None,
        item_timer: None,
        speaker: None,
        block: BlockKind::Observations,
        show_header: false,
        title_marker: true,
        theme: BeamerTheme::Light,
        blank: Blank::Off,
        lang: Language::Nl,
        page: 0,
        photo,
        join: None,
        vote: None,
    };
    let mut harness = Harness::builder()
        .with_size([1280.0, 720.0])
        .with_pixels_per_point(1.0)
        .build_ui_state(
            move |ui, report: &mut Option<ProjectorReport>| {
                leerkring::ui::theme::install(ui.ctx());
                let rect = ui.ctx().content_rect();
                *report = Some(projector_ui(ui, rect, &view, true));
            },
            None,
        );
    harness.run();
    harness
}

#[test]
fn photo_mode_fits_the_photo_on_screen_with_its_caption() {
    let screen = Rect::from_min_size(egui::Pos2::ZERO, vec2(1280.0, 720.0));
    // A tall photo (a flip chart turned upright) and a wide one.
    for size in [vec2(1920.0, 2560.0), vec2(2560.0, 1440.0)] {
        let h = photo_harness(Some(PhotoView {
            picture: PhotoPicture::Ready {
                texture: egui::TextureId::default(),
                size,
            },
            caption: "Flap van Oss".into(),
            file: "sessie.assets/flap.jpg".into(),
        }));
        let image = h.get_by_role_and_label(Role::Image, "Flap van Oss");
        let rect = image.rect();
        assert!(screen.contains_rect(rect), "{rect:?} leaves the screen");
        let aspect = rect.width() / rect.height();
        assert!((aspect - size.x / size.y).abs() < 0.01, "proportions kept");
        assert!(
            rect.height() > 500.0 || rect.width() > 1100.0,
            "the photo fills the screen: {rect:?}"
        );
        let caption = h.get_by_role_and_label(Role::Label, "Flap van Oss");
        assert!(screen.contains_rect(caption.rect()));
        assert!(
            caption.rect().min.y >= rect.max.y,
            "the caption is under the photo"
        );
    }

    let h = photo_harness(None);
    h.get_by_role_and_label(Role::Label, "Geen foto bij dit agendapunt");
    let h = photo_harness(Some(PhotoView {
        picture: PhotoPicture::Missing,
        caption: String::new(),
        file: "sessie.assets/weg.jpg".into(),
    }));
    h.get_by_role_and_label(Role::Label, "Foto niet gevonden: sessie.assets/weg.jpg");
    let h = photo_harness(Some(PhotoView {
        picture: PhotoPicture::Loading,
        caption: String::new(),
        file: "x.jpg".into(),
    }));
    h.get_by_role_and_label(Role::Label, "Foto wordt geladen…");
}

#[test]
fn alt_six_switches_the_projector_to_photo_mode() {
    let home = tempfile::tempdir().unwrap();
    let mut h = harness(crate::support::app(StartWith::Sample, home.path()));
    h.key_press_modifiers(Modifiers::ALT, Key::Num6);
    h.run_steps(2);
    assert_eq!(h.state().state.projector_mode(), ProjectorMode::Photo);
    // The sample has no photos: photo mode says so.
    assert!(h.state().state.photos.projector.is_none());
}

/// A 4000×3000 "camera photo": smooth shapes with sensor-like noise, so
/// it compresses about as badly as a real phone photo (several MB).
fn camera_jpeg(seed: u32) -> Vec<u8> {
    let mut state = seed.wrapping_mul(2_654_435_761).max(1);
    let image = image::RgbImage::from_fn(4000, 3000, |x, y| {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        let noise = i32::try_from(state % 24).unwrap_or(0) - 12;
        let (x, y) = (i64::from(x), i64::from(y));
        let paper = i32::try_from(200 - ((x - 2000).abs() + (y - 1500).abs()) / 60).unwrap_or(0);
        let ink = if (x / 90 + y / 140 + i64::from(seed)).rem_euclid(7) == 0 {
            -120
        } else {
            0
        };
        let v = |base: i32| (base + ink + noise).clamp(0, 255) as u8;
        image::Rgb([v(paper), v(paper - 5), v(paper - 20)])
    });
    let mut bytes = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 92)
        .encode_image(&image)
        .expect("encode");
    bytes
}

#[test]
fn a_report_with_three_camera_photos_stays_mailable() {
    let work = tempfile::tempdir().unwrap();
    let file = sample_copy(work.path());
    let mut session = store::load_session(&file).unwrap();
    let mut photos_bytes = 0;
    for n in 1..=3 {
        let source = work.path().join(format!("camera-{n}.jpg"));
        let bytes = camera_jpeg(n);
        photos_bytes += bytes.len();
        std::fs::write(&source, bytes).unwrap();
        let path = store::import_photo(&file, &source).unwrap();
        session.attachments.push(leerkring::model::Attachment {
            id: leerkring::model::AttachmentId::new(format!("foto-{n}")),
            path,
            caption: format!("Flap {n}"),
            agenda_item: session.agenda.first().map(|i| i.id.clone()),
        });
    }
    let options = ExportOptions::new(false).next_to(&file);
    let started = Instant::now();
    let html = leerkring::report::render(&session, Format::Html, &options).expect("html");
    let html_time = started.elapsed();
    let docx = leerkring::report::render(&session, Format::Docx, &options).expect("docx");
    let media = docx_media(&docx);
    assert_eq!(media.len(), 3);
    eprintln!(
        "three 12 MP photos of {} bytes together: HTML report {} bytes (in {html_time:?}), DOCX report {} bytes, DOCX media {:?}",
        photos_bytes,
        html.len(),
        docx.len(),
        media
    );
    // Each photo is at most 1600 pixels wide in the report...
    let html = String::from_utf8(html).expect("utf-8");
    assert_eq!(html.matches("width=\"1600\" height=\"1200\"").count(), 3);
    // ...and the whole report is far smaller than the photos, well under
    // what mail servers accept (10 MB).
    assert!(html.len() < photos_bytes / 2, "HTML {} bytes", html.len());
    assert!(docx.len() < photos_bytes / 2, "DOCX {} bytes", docx.len());
    assert!(docx.len() < 5 * 1024 * 1024);
}

#[test]
fn an_untitled_session_exports_its_photos_from_the_recovery_folder() {
    let home = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let photo = work.path().join("bord.jpg");
    std::fs::write(&photo, photo_jpeg(300, 200)).unwrap();
    let mut h = harness(crate::support::app(StartWith::Sample, home.path()));
    drop_file(&mut h, &photo);
    assert_eq!(h.state().state.session.attachments.len(), 1);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::E);
    h.run_steps(3);
    {
        let export = &mut h.state_mut().view.export;
        export.folder = work.path().display().to_string();
        export.formats =
            leerkring::report::Format::ALL.map(|f| f == leerkring::report::Format::Html);
    }
    h.run_steps(1);
    h.get_by_label("Exporteren").click();
    assert!(run_until(&mut h, |app| app.view.export.result.is_some()));
    let written = h.state().view.export.result.clone().expect("a result");
    assert!(written.errors.is_empty(), "{:?}", written.errors);
    let html = std::fs::read_to_string(&written.written[0]).expect("the HTML report");
    assert!(html.contains("<img src=\"data:image/jpeg;base64,"));
    assert!(!html.contains("Foto niet opgenomen"));
}
