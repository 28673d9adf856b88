//! Photos attached to a session live in a folder next to the session file,
//! `<session name>.assets/`, and the session refers to them by a relative
//! path with `/` separators, so the session and its folder can be moved or
//! mailed as a whole. Copies are written atomically like every other file.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::i18n::{Language, T, trf};
use crate::model::{Attachment, AttachmentId};

use super::SaveError;

/// Image files larger than this are refused (a phone photo is a few MB).
pub const MAX_PHOTO_BYTES: u64 = 32 * 1024 * 1024;

/// Why a photo could not be attached or carried along.
#[derive(Debug, thiserror::Error)]
pub enum AssetError {
    /// The file is not a PNG or JPEG image (by its first bytes).
    #[error("{path}: not a PNG or JPEG image")]
    NotAnImage {
        /// The file.
        path: PathBuf,
    },
    /// The file is larger than [`MAX_PHOTO_BYTES`].
    #[error("{path}: larger than 32 MB")]
    TooLarge {
        /// The file.
        path: PathBuf,
    },
    /// The file could not be read.
    #[error("{path}: cannot be read")]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// What the system reported.
        source: std::io::Error,
    },
    /// The copy could not be written.
    #[error("the photo could not be copied")]
    Write(#[from] SaveError),
}

impl AssetError {
    /// The message for the facilitator.
    #[must_use]
    pub fn message(&self, lang: Language) -> String {
        match self {
            AssetError::NotAnImage { path } => {
                trf(lang, T::PhotoNotAnImage, &[("file", &file_name(path))])
            }
            AssetError::TooLarge { path } => {
                trf(lang, T::PhotoTooLarge, &[("file", &file_name(path))])
            }
            AssetError::Unreadable { path, .. } => trf(
                lang,
                T::PhotoUnreadable,
                &[("file", &path.display().to_string())],
            ),
            AssetError::Write(error) => error.message(lang),
        }
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// The name of the photo folder of `session_file`: `<stem>.assets`.
#[must_use]
pub fn assets_folder_name(session_file: &Path) -> String {
    let stem = session_file
        .file_stem()
        .map_or_else(|| "sessie".to_owned(), |s| s.to_string_lossy().into_owned());
    format!("{stem}.assets")
}

/// The folder of `session_file`, where relative attachment paths start.
#[must_use]
pub fn session_folder(session_file: &Path) -> PathBuf {
    session_file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// The photo folder of `session_file`: `<folder>/<stem>.assets`.
#[must_use]
pub fn assets_dir(session_file: &Path) -> PathBuf {
    session_folder(session_file).join(assets_folder_name(session_file))
}

/// Why an attachment's file is not used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unresolved {
    /// The file is not in the session's folder: its relative path leaves
    /// it (an absolute path, a drive, `..`), or it leads out of it through
    /// a symbolic link (or, on Windows, a junction or other reparse point).
    Outside,
    /// There is no file at that path, or it cannot be read.
    Missing,
}

/// The file of the attachment at `relative` in `folder`, when it is an
/// ordinary file inside that folder. A symbolic link (or a Windows
/// junction) on the way is followed only when it stays inside the folder:
/// a session mailed with a link to `~/.ssh/…` or to a private photo never
/// brings that file into a report or a copy.
pub fn resolve_attachment(folder: &Path, relative: &str) -> Result<PathBuf, Unresolved> {
    let path = crate::model::attachment_path(folder, relative).ok_or(Unresolved::Outside)?;
    confine(folder, &path)
}

/// `path` (which [`crate::model::attachment_path`] made inside `folder`)
/// when it is an ordinary file that stays inside `folder`; see
/// [`resolve_attachment`].
pub fn confine(folder: &Path, path: &Path) -> Result<PathBuf, Unresolved> {
    let inside = path.strip_prefix(folder).map_err(|_| Unresolved::Outside)?;
    // Each step below the folder, without following it: is any a link?
    let mut at = folder.to_path_buf();
    let mut linked = false;
    for part in inside.components() {
        at.push(part);
        let meta = std::fs::symlink_metadata(&at).map_err(|_| Unresolved::Missing)?;
        linked |= is_link(&meta);
    }
    // Where the path really leads, compared with where the folder really
    // is, also when no step looked like a link: a file system may not say
    // (Wine shows a Unix symbolic link as an ordinary file).
    match (std::fs::canonicalize(path), std::fs::canonicalize(folder)) {
        (Ok(real), Ok(root)) if !real.starts_with(&root) => return Err(Unresolved::Outside),
        (Ok(_), Ok(_)) => {}
        // A link whose end cannot be found.
        (Err(_), _) if linked => return Err(Unresolved::Missing),
        // Where a link leads cannot be told: not followed.
        _ if linked => return Err(Unresolved::Outside),
        // Some network drives cannot say where a path really is; no link
        // was seen on the way, so the path's own check stands.
        _ => {}
    }
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_file() => Ok(path.to_path_buf()),
        _ => Err(Unresolved::Missing),
    }
}

/// Whether `meta` (not followed) is a symbolic link, or on Windows any
/// reparse point (a junction, a mount point, a `OneDrive` placeholder's link).
fn is_link(meta: &std::fs::Metadata) -> bool {
    #[cfg(windows)]
    {
        use std::os::windows::fs::MetadataExt as _;
        const FILE_ATTRIBUTE_REPARSE_POINT: u32 = 0x400;
        if meta.file_attributes() & FILE_ATTRIBUTE_REPARSE_POINT != 0 {
            return true;
        }
    }
    meta.file_type().is_symlink()
}

/// The image type of `bytes` by its first bytes: "png" or "jpg".
#[must_use]
pub fn photo_extension(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("png")
    } else if bytes.starts_with(&[0xff, 0xd8, 0xff]) {
        Some("jpg")
    } else {
        None
    }
}

/// A readable file name from `stem`: letters and digits kept (lower
/// case), everything else a dash, at most 60 characters; "foto" when
/// nothing is left.
fn readable_stem(stem: &str) -> String {
    let slug = crate::model::slug(stem, "foto");
    let short: String = slug.chars().take(60).collect();
    short.trim_end_matches('-').to_owned()
}

/// A file name in `folder` not used yet: `stem.ext`, then `stem-2.ext`, ...
/// Names are compared without case, as Windows and macOS do.
fn free_name(folder: &Path, stem: &str, extension: &str, taken: &[String]) -> String {
    let existing: Vec<String> = std::fs::read_dir(folder)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().to_lowercase())
                .collect()
        })
        .unwrap_or_default();
    let used = |name: &str| {
        let lower = name.to_lowercase();
        existing.contains(&lower) || taken.iter().any(|t| t.to_lowercase() == lower)
    };
    let mut n = 1;
    loop {
        let name = if n == 1 {
            format!("{stem}.{extension}")
        } else {
            format!("{stem}-{n}.{extension}")
        };
        if !used(&name) {
            return name;
        }
        n += 1;
    }
}

/// Reads an image file to attach: PNG or JPEG, at most [`MAX_PHOTO_BYTES`].
fn read_photo(source: &Path) -> Result<(Vec<u8>, &'static str), AssetError> {
    let meta = std::fs::metadata(source).map_err(|e| AssetError::Unreadable {
        path: source.to_path_buf(),
        source: e,
    })?;
    if meta.len() > MAX_PHOTO_BYTES {
        return Err(AssetError::TooLarge {
            path: source.to_path_buf(),
        });
    }
    let bytes = std::fs::read(source).map_err(|e| AssetError::Unreadable {
        path: source.to_path_buf(),
        source: e,
    })?;
    let extension = photo_extension(&bytes).ok_or_else(|| AssetError::NotAnImage {
        path: source.to_path_buf(),
    })?;
    Ok((bytes, extension))
}

/// Copies the image `source` into the photo folder of `session_file` under
/// a free, readable name and returns its path relative to the session's
/// folder (`<stem>.assets/<name>`, `/` separators).
pub fn import_photo(session_file: &Path, source: &Path) -> Result<String, AssetError> {
    let (bytes, extension) = read_photo(source)?;
    let folder = assets_dir(session_file);
    std::fs::create_dir_all(&folder).map_err(|e| SaveError::from_io(&folder, e))?;
    let stem = source
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    let name = free_name(&folder, &readable_stem(&stem), extension, &[]);
    super::write_atomic(&folder.join(&name), &bytes)?;
    Ok(format!("{}/{name}", assets_folder_name(session_file)))
}

/// What carrying the photos to a new session file did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct CarriedPhotos {
    /// The attachments whose path changed, with the new relative path.
    pub moved: Vec<(AttachmentId, String)>,
    /// Relative paths of photos that were not found (left as they were).
    pub missing: Vec<String>,
}

/// Copies the photos of `attachments` from beside `from` (the session's old
/// file, or its recovery copy) into the photo folder of `to`, and says
/// which relative paths change. The old files stay where they are. Photos
/// that cannot be found, or whose file is outside the old session's folder
/// ([`resolve_attachment`]), keep their path and are listed as missing.
pub fn carry_photos(
    from: &Path,
    to: &Path,
    attachments: &[Attachment],
) -> Result<CarriedPhotos, AssetError> {
    let mut carried = CarriedPhotos::default();
    if from == to {
        return Ok(carried);
    }
    let old_folder = session_folder(from);
    let new_assets = assets_dir(to);
    let prefix = assets_folder_name(to);
    let mut copied: HashMap<String, String> = HashMap::new();
    let mut taken: Vec<String> = Vec::new();
    for attachment in attachments {
        if let Some(new_path) = copied.get(&attachment.path) {
            carried
                .moved
                .push((attachment.id.clone(), new_path.clone()));
            continue;
        }
        let Ok(source) = resolve_attachment(&old_folder, &attachment.path) else {
            carried.missing.push(attachment.path.clone());
            continue;
        };
        let bytes = std::fs::read(&source).map_err(|e| AssetError::Unreadable {
            path: source.clone(),
            source: e,
        })?;
        std::fs::create_dir_all(&new_assets).map_err(|e| SaveError::from_io(&new_assets, e))?;
        let file = source
            .file_name()
            .map_or_else(|| "foto".to_owned(), |n| n.to_string_lossy().into_owned());
        let (stem, extension) = file.rsplit_once('.').unwrap_or((file.as_str(), "jpg"));
        let name = free_name(&new_assets, stem, extension, &taken);
        super::write_atomic(&new_assets.join(&name), &bytes)?;
        taken.push(name.clone());
        let new_path = format!("{prefix}/{name}");
        copied.insert(attachment.path.clone(), new_path.clone());
        carried.moved.push((attachment.id.clone(), new_path));
    }
    Ok(carried)
}

/// Relative paths of attachments whose file is not beside `session_file`.
#[must_use]
pub fn missing_photos(session_file: &Path, attachments: &[Attachment]) -> Vec<String> {
    let folder = session_folder(session_file);
    attachments
        .iter()
        .filter(|a| resolve_attachment(&folder, &a.path).is_err())
        .map(|a| a.path.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PNG: &[u8] = b"\x89PNG\r\n\x1a\nrest of a png";
    const JPEG: &[u8] = &[0xff, 0xd8, 0xff, 0xe0, 1, 2, 3];

    fn attachment(id: &str, path: &str) -> Attachment {
        Attachment {
            id: AttachmentId::new(id),
            path: path.to_owned(),
            caption: String::new(),
            agenda_item: None,
        }
    }

    #[test]
    fn assets_folder_is_named_after_the_session_file() {
        let file = Path::new("verslagen/m50 kick-off.json");
        assert_eq!(assets_folder_name(file), "m50 kick-off.assets");
        assert_eq!(
            assets_dir(file),
            Path::new("verslagen").join("m50 kick-off.assets")
        );
        assert_eq!(
            assets_dir(Path::new("los.json")),
            Path::new(".").join("los.assets")
        );
    }

    #[test]
    fn imported_photos_get_readable_unique_names_and_relative_paths() {
        let dir = tempfile::tempdir().expect("temp dir");
        let session = dir.path().join("sessie.json");
        let source = dir.path().join("IMG 2034 (Flip-chart).JPG");
        std::fs::write(&source, JPEG).expect("write");
        let first = import_photo(&session, &source).expect("import");
        let second = import_photo(&session, &source).expect("import again");
        assert_eq!(first, "sessie.assets/img-2034-flip-chart.jpg");
        assert_eq!(second, "sessie.assets/img-2034-flip-chart-2.jpg");
        assert_eq!(
            std::fs::read(dir.path().join("sessie.assets/img-2034-flip-chart-2.jpg"))
                .expect("copy"),
            JPEG
        );

        let png = dir.path().join("!!!.png");
        std::fs::write(&png, PNG).expect("write");
        assert_eq!(
            import_photo(&session, &png).expect("png"),
            "sessie.assets/foto.png"
        );
    }

    #[test]
    fn other_files_are_refused_with_a_message() {
        let dir = tempfile::tempdir().expect("temp dir");
        let session = dir.path().join("sessie.json");
        let text = dir.path().join("notulen.pdf");
        std::fs::write(&text, b"%PDF-1.7").expect("write");
        let error = import_photo(&session, &text).expect_err("not an image");
        assert!(matches!(error, AssetError::NotAnImage { .. }));
        assert!(error.message(Language::Nl).contains("notulen.pdf"));
        assert!(matches!(
            import_photo(&session, &dir.path().join("weg.png")),
            Err(AssetError::Unreadable { .. })
        ));
        assert!(!assets_dir(&session).exists());
    }

    #[test]
    fn save_as_carries_photos_and_rewrites_their_paths() {
        let dir = tempfile::tempdir().expect("temp dir");
        let old = dir.path().join("oud.json");
        let first = import_photo(&old, &{
            let p = dir.path().join("bord.png");
            std::fs::write(&p, PNG).expect("write");
            p
        })
        .expect("import");
        let new_folder = dir.path().join("elders");
        std::fs::create_dir_all(&new_folder).expect("folder");
        let new = new_folder.join("nieuw.json");
        let attachments = [
            attachment("f-1", &first),
            attachment("f-2", &first),
            attachment("f-3", "oud.assets/weg.jpg"),
        ];
        let carried = carry_photos(&old, &new, &attachments).expect("carry");
        assert_eq!(
            carried.moved,
            vec![
                (AttachmentId::new("f-1"), "nieuw.assets/bord.png".to_owned()),
                (AttachmentId::new("f-2"), "nieuw.assets/bord.png".to_owned()),
            ]
        );
        assert_eq!(carried.missing, vec!["oud.assets/weg.jpg".to_owned()]);
        assert_eq!(
            std::fs::read(new_folder.join("nieuw.assets/bord.png")).expect("copied"),
            PNG
        );
        // The old photo stays: the old session file still refers to it.
        assert!(dir.path().join("oud.assets/bord.png").is_file());
        assert_eq!(
            missing_photos(&new, &[attachment("f-1", "nieuw.assets/bord.png")]),
            Vec::<String>::new()
        );
        assert_eq!(
            carry_photos(&old, &old, &attachments).expect("same file"),
            CarriedPhotos::default()
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_out_of_the_session_folder_is_not_followed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let secret = dir.path().join("privé.png");
        std::fs::write(&secret, PNG).expect("write");
        let folder = dir.path().join("sessie");
        let assets = folder.join("s.assets");
        std::fs::create_dir_all(&assets).expect("folder");
        std::os::unix::fs::symlink(&secret, assets.join("bord.png")).expect("link");
        std::fs::write(assets.join("echt.png"), PNG).expect("write");
        std::os::unix::fs::symlink(assets.join("echt.png"), assets.join("binnen.png"))
            .expect("link");
        // A linked folder that leads out, too.
        std::os::unix::fs::symlink(dir.path(), assets.join("map")).expect("link");
        assert_eq!(
            resolve_attachment(&folder, "s.assets/bord.png"),
            Err(Unresolved::Outside)
        );
        assert_eq!(
            resolve_attachment(&folder, "s.assets/map/privé.png"),
            Err(Unresolved::Outside)
        );
        assert_eq!(
            resolve_attachment(&folder, "s.assets/echt.png"),
            Ok(assets.join("echt.png"))
        );
        // A link that stays inside the folder is fine.
        assert!(resolve_attachment(&folder, "s.assets/binnen.png").is_ok());
        assert_eq!(
            resolve_attachment(&folder, "s.assets/weg.png"),
            Err(Unresolved::Missing)
        );
        assert_eq!(
            resolve_attachment(&folder, "../privé.png"),
            Err(Unresolved::Outside)
        );
        // A session whose own folder is reached through a link keeps its photos.
        let via = dir.path().join("via");
        std::os::unix::fs::symlink(&folder, &via).expect("link");
        assert_eq!(
            resolve_attachment(&via, "s.assets/echt.png"),
            Ok(via.join("s.assets/echt.png"))
        );
        assert_eq!(
            resolve_attachment(&via, "s.assets/bord.png"),
            Err(Unresolved::Outside)
        );
        // A link that leads nowhere is missing.
        std::os::unix::fs::symlink(dir.path().join("weg.png"), assets.join("dood.png"))
            .expect("link");
        assert_eq!(
            resolve_attachment(&folder, "s.assets/dood.png"),
            Err(Unresolved::Missing)
        );
        // Save As does not copy the outside file either.
        let session = folder.join("s.json");
        let attachments = [attachment("f-1", "s.assets/bord.png")];
        let carried =
            carry_photos(&session, &dir.path().join("nieuw.json"), &attachments).expect("carry");
        assert!(carried.moved.is_empty());
        assert_eq!(carried.missing, ["s.assets/bord.png"]);
        assert!(!dir.path().join("nieuw.assets").exists());
        assert_eq!(
            missing_photos(&session, &attachments),
            ["s.assets/bord.png"]
        );
    }

    /// On Windows a link out of the folder is a junction (`mklink /J`,
    /// which needs no privilege) or a symbolic link (which does); both are
    /// reparse points and neither is followed out of the session's folder.
    /// Under Wine (CI's Windows tests) neither can be made, but a Unix
    /// symbolic link can, which Wine shows as an ordinary file or folder:
    /// it is not followed out either.
    #[cfg(windows)]
    #[test]
    fn a_junction_or_link_out_of_the_session_folder_is_not_followed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let outside = dir.path().join("privé");
        std::fs::create_dir_all(&outside).expect("folder");
        std::fs::write(outside.join("paspoort.png"), PNG).expect("write");
        let folder = dir.path().join("sessie");
        std::fs::create_dir_all(&folder).expect("folder");
        std::fs::write(folder.join("echt.png"), PNG).expect("write");
        let folder_link = folder.join("map");
        let file_link = folder.join("bord.png");
        let there = |what: &Path| std::fs::read(what).is_ok_and(|b| b == PNG);
        // Links made by a program Wine starts may take a moment to appear.
        let made = |what: &Path| {
            (0..40).any(|_| {
                let found = there(what);
                if !found {
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
                found
            })
        };
        // A junction, as any user can make one.
        let _ = std::process::Command::new("cmd")
            .arg("/C")
            .arg("mklink")
            .arg("/J")
            .arg(&folder_link)
            .arg(&outside)
            .output();
        // A symbolic link (developer mode or an administrator).
        let _ = std::os::windows::fs::symlink_file(outside.join("paspoort.png"), &file_link);
        let wine = !there(&folder_link.join("paspoort.png")) && !there(&file_link);
        let how = if wine {
            "Unix symbolic links under Wine"
        } else {
            "junction, symbolic link"
        };
        if wine {
            // Under Wine: Unix symbolic links, through Wine's winepath and ln.
            let unix = |path: &Path| {
                std::process::Command::new("winepath")
                    .arg("-u")
                    .arg(path)
                    .output()
                    .ok()
                    .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
                    .filter(|p| p.starts_with('/'))
            };
            if let (Some(from), Some(to)) = (unix(&outside), unix(&folder)) {
                for (target, link) in [
                    (from.clone(), format!("{to}/map")),
                    (format!("{from}/paspoort.png"), format!("{to}/bord.png")),
                ] {
                    // Wine starts the Unix program but cannot hand back its
                    // output; whether the link is there is checked below.
                    let _ = std::process::Command::new("/bin/ln")
                        .args(["-s", &target, &link])
                        .output();
                }
            }
        }
        // mklink and symlink_file are done when they return; ln perhaps not.
        let found = |what: &Path| if wine { made(what) } else { there(what) };
        let through_folder = found(&folder_link.join("paspoort.png"));
        let through_file = found(&file_link);
        assert!(
            through_folder || through_file,
            "no link could be made here ({how})"
        );
        if through_folder {
            assert_eq!(
                resolve_attachment(&folder, "map/paspoort.png"),
                Err(Unresolved::Outside),
                "{how}"
            );
        }
        if through_file {
            assert_eq!(
                resolve_attachment(&folder, "bord.png"),
                Err(Unresolved::Outside),
                "{how}"
            );
        }
        assert_eq!(
            resolve_attachment(&folder, "echt.png"),
            Ok(folder.join("echt.png"))
        );
    }

    /// Windows paths are parsed only on Windows (a `\\server\share\` prefix,
    /// drive letters, `\\?\` long paths), so these run there (and under Wine
    /// in CI). Pure path arithmetic: no share is contacted.
    #[cfg(windows)]
    mod windows_paths {
        use std::path::{Path, PathBuf};

        use crate::model::attachment_path;
        use crate::report::{Format, default_output_path, output_path_in};
        use crate::store::{assets_dir, assets_folder_name, session_folder};

        #[test]
        fn a_session_on_a_network_share_keeps_its_photos_and_reports_beside_it() {
            let session = Path::new(r"\\gemeente-fs01\Team Zoë\Leerkring\juni 2020.json");
            let folder = Path::new(r"\\gemeente-fs01\Team Zoë\Leerkring");
            assert_eq!(session_folder(session), folder);
            assert_eq!(assets_folder_name(session), "juni 2020.assets");
            assert_eq!(assets_dir(session), folder.join("juni 2020.assets"));
            assert_eq!(
                attachment_path(folder, "juni 2020.assets/foto 1.jpg"),
                Some(PathBuf::from(
                    r"\\gemeente-fs01\Team Zoë\Leerkring\juni 2020.assets\foto 1.jpg"
                ))
            );
            assert_eq!(
                default_output_path(session, Format::Docx),
                Path::new(r"\\gemeente-fs01\Team Zoë\Leerkring\juni 2020.docx")
            );
            assert_eq!(
                output_path_in(
                    Path::new(r"\\gemeente-fs01\verslagen"),
                    session,
                    Format::Html
                ),
                Path::new(r"\\gemeente-fs01\verslagen\juni 2020.html")
            );
        }

        #[test]
        fn a_session_at_the_root_of_a_share_or_a_drive_has_that_root_as_folder() {
            let on_share = Path::new(r"\\server\share\sessie.json");
            assert_eq!(session_folder(on_share), Path::new(r"\\server\share\"));
            let on_drive = Path::new(r"D:\sessie.json");
            assert_eq!(assets_dir(on_drive), Path::new(r"D:\sessie.assets"));
        }

        #[test]
        fn a_long_verbatim_path_keeps_working() {
            let deep: PathBuf = std::iter::once(r"\\?\C:\".to_owned())
                .chain((0..12).map(|i| format!("een map met een lange naam {i}")))
                .collect();
            let session = deep.join("sessie.json");
            assert!(session.as_os_str().len() > 260);
            assert_eq!(assets_dir(&session), deep.join("sessie.assets"));
            assert_eq!(
                attachment_path(&deep, "sessie.assets/a.png"),
                Some(deep.join("sessie.assets").join("a.png"))
            );
        }

        #[test]
        fn attachments_never_point_at_another_share_or_drive() {
            let folder = Path::new(r"\\server\share\leerkring");
            for hostile in [
                r"\\evil\share\x.png",
                "//evil/share/x.png",
                "C:x.png",
                "D:/x.png",
                "../x.png",
            ] {
                assert_eq!(attachment_path(folder, hostile), None, "{hostile}");
            }
        }
    }
}
