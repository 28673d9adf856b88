//! Reading attached photos for inlining: PNG, JPEG and GIF, recognised by
//! their first bytes, with their size in pixels. Reading only; a photo that
//! cannot be used is reported, never fatal.

use std::path::{Component, Path, PathBuf};

/// Photos larger than this are not inlined (a phone photo is a few MB).
const MAX_IMAGE_BYTES: u64 = 32 * 1024 * 1024;

/// An image ready to be embedded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageData {
    /// The MIME type: "image/png", "image/jpeg" or "image/gif".
    pub mime: &'static str,
    /// The file's bytes, unchanged.
    pub bytes: Vec<u8>,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

/// Why a photo is left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageProblem {
    /// No session folder was given, so attachments cannot be found.
    NoFolder,
    /// The file is missing or cannot be read, or its path leaves the
    /// session's folder (an absolute path or `..`).
    Unreadable,
    /// The file is not a PNG, JPEG or GIF image, or is too large.
    Unsupported,
}

/// Loads the attachment at `relative` (with `/` separators) from `folder`.
pub fn load(folder: Option<&Path>, relative: &str) -> Result<ImageData, ImageProblem> {
    let folder = folder.ok_or(ImageProblem::NoFolder)?;
    let path = inside(folder, relative).ok_or(ImageProblem::Unreadable)?;
    let meta = std::fs::metadata(&path).map_err(|_| ImageProblem::Unreadable)?;
    if !meta.is_file() {
        return Err(ImageProblem::Unreadable);
    }
    if meta.len() > MAX_IMAGE_BYTES {
        return Err(ImageProblem::Unsupported);
    }
    let bytes = std::fs::read(&path).map_err(|_| ImageProblem::Unreadable)?;
    recognise(bytes).ok_or(ImageProblem::Unsupported)
}

/// `folder` joined with `relative`, unless `relative` would leave `folder`.
fn inside(folder: &Path, relative: &str) -> Option<PathBuf> {
    if relative.is_empty() || relative.contains('\\') || relative.contains(':') {
        return None;
    }
    let mut path = folder.to_path_buf();
    for component in Path::new(relative).components() {
        match component {
            Component::Normal(part) => path.push(part),
            Component::CurDir => {}
            Component::ParentDir | Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(path)
}

/// The image in `bytes` with its type and size, if it is one we can embed.
#[must_use]
pub fn recognise(bytes: Vec<u8>) -> Option<ImageData> {
    let (mime, (width, height)) = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        ("image/png", png_size(&bytes)?)
    } else if bytes.starts_with(&[0xff, 0xd8, 0xff]) {
        ("image/jpeg", jpeg_size(&bytes)?)
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        ("image/gif", gif_size(&bytes)?)
    } else {
        return None;
    };
    (width > 0 && height > 0).then_some(ImageData {
        mime,
        bytes,
        width,
        height,
    })
}

fn be16(bytes: &[u8], at: usize) -> Option<u32> {
    let b = bytes.get(at..at + 2)?;
    Some(u32::from(u16::from_be_bytes([b[0], b[1]])))
}

fn be32(bytes: &[u8], at: usize) -> Option<u32> {
    let b = bytes.get(at..at + 4)?;
    Some(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
}

/// The size in the IHDR chunk, which always comes first.
fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    (bytes.get(12..16)? == b"IHDR").then_some(())?;
    Some((be32(bytes, 16)?, be32(bytes, 20)?))
}

/// The size in the first start-of-frame segment.
fn jpeg_size(bytes: &[u8]) -> Option<(u32, u32)> {
    let mut at = 2;
    loop {
        // Segments start with 0xFF, possibly repeated as fill bytes.
        while *bytes.get(at)? == 0xff && *bytes.get(at + 1)? == 0xff {
            at += 1;
        }
        if *bytes.get(at)? != 0xff {
            return None;
        }
        let marker = *bytes.get(at + 1)?;
        match marker {
            // Markers without a length.
            0x01 | 0xd0..=0xd7 => at += 2,
            // Start of frame (not DHT, JPG or DAC): height, then width.
            0xc0..=0xcf if !matches!(marker, 0xc4 | 0xc8 | 0xcc) => {
                return Some((be16(bytes, at + 7)?, be16(bytes, at + 5)?));
            }
            // Start of scan or end of image before any frame: not usable.
            0xd9 | 0xda => return None,
            _ => at += 2 + usize::try_from(be16(bytes, at + 2)?).ok()?,
        }
    }
}

/// The logical screen size, little-endian.
fn gif_size(bytes: &[u8]) -> Option<(u32, u32)> {
    let b = bytes.get(6..10)?;
    Some((
        u32::from(u16::from_le_bytes([b[0], b[1]])),
        u32::from(u16::from_le_bytes([b[2], b[3]])),
    ))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A valid 2×1 PNG (red, blue).
    pub(crate) const TINY_PNG: &[u8] = &[
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44,
        0x52, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x7b,
        0x40, 0xe8, 0xdd, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8,
        0xcf, 0x00, 0x04, 0xff, 0x01, 0x07, 0x00, 0x01, 0xff, 0xe2, 0x23, 0x9e, 0x59, 0x00, 0x00,
        0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
    ];

    #[test]
    fn png_jpeg_and_gif_are_recognised_with_their_size() {
        let png = recognise(TINY_PNG.to_vec()).expect("png");
        assert_eq!((png.mime, png.width, png.height), ("image/png", 2, 1));

        // SOI, an APP0 segment of 4 bytes, then SOF0 with height 300, width 400.
        let jpeg = [
            0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x01,
            0x2c, 0x01, 0x90,
        ];
        let jpeg = recognise(jpeg.to_vec()).expect("jpeg");
        assert_eq!(
            (jpeg.mime, jpeg.width, jpeg.height),
            ("image/jpeg", 400, 300)
        );

        let gif = recognise(b"GIF89a\x20\x00\x10\x00rest".to_vec()).expect("gif");
        assert_eq!((gif.width, gif.height), (32, 16));
    }

    #[test]
    fn other_and_broken_files_are_not_images() {
        assert_eq!(recognise(b"<svg></svg>".to_vec()), None);
        assert_eq!(recognise(TINY_PNG[..14].to_vec()), None);
        assert_eq!(recognise(vec![0xff, 0xd8, 0xff, 0xe0, 0xff, 0xff]), None);
        assert_eq!(recognise(vec![0xff, 0xd8, 0xff]), None);
    }

    #[test]
    fn paths_may_not_leave_the_session_folder() {
        let folder = Path::new("sessies");
        assert_eq!(
            inside(folder, "foto's/bord 1.png"),
            Some(PathBuf::from("sessies/foto's/bord 1.png"))
        );
        for bad in [
            "../geheim.png",
            "/etc/passwd",
            "a/../../b.png",
            "C:/x.png",
            "a\\b.png",
            "",
        ] {
            assert_eq!(inside(folder, bad), None, "{bad}");
        }
    }

    #[test]
    fn missing_folder_or_file_is_a_problem_not_a_panic() {
        assert_eq!(load(None, "x.png"), Err(ImageProblem::NoFolder));
        let dir = tempfile::tempdir().expect("temp dir");
        assert_eq!(
            load(Some(dir.path()), "weg.png"),
            Err(ImageProblem::Unreadable)
        );
        std::fs::write(dir.path().join("tekst.png"), "geen plaatje").expect("write");
        assert_eq!(
            load(Some(dir.path()), "tekst.png"),
            Err(ImageProblem::Unsupported)
        );
        std::fs::write(dir.path().join("ok.png"), TINY_PNG).expect("write");
        assert!(load(Some(dir.path()), "ok.png").is_ok());
    }
}
