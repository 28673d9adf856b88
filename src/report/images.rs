//! Reading attached photos: PNG, JPEG and GIF, recognised by their first
//! bytes, with their size in pixels; decoding with EXIF orientation applied
//! and scaling, for the screen (the app's decode thread) and for the report
//! (scaled down and re-encoded so a report with phone photos can be mailed).
//! Reading only; a photo that cannot be used is reported, never fatal.

use std::io::Cursor;
use std::path::Path;

use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder as _, ImageFormat, ImageReader, Limits};

/// Photos larger than this are not inlined (a phone photo is a few MB).
const MAX_IMAGE_BYTES: u64 = 32 * 1024 * 1024;

/// The longest side of a photo in the report, in pixels (sharp on A4 at 190 dpi).
pub const REPORT_MAX_SIDE: u32 = 1600;
/// The JPEG quality of photos re-encoded for the report.
const REPORT_JPEG_QUALITY: u8 = 80;
/// Photos up to this size that need no scaling or turning stay as they are.
const REPORT_KEEP_BYTES: usize = 512 * 1024;
/// The widest or tallest image that is decoded at all (a 100-megapixel
/// camera is 12 000 pixels wide).
const MAX_DECODE_SIDE: u32 = 20_000;
/// The most memory the decoder may take (a 12-megapixel photo needs 48 MB).
const MAX_DECODE_ALLOC: u64 = 1024 * 1024 * 1024;

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
/// an error, never a panic or an out-of-memory abort), and the picture's
/// EXIF orientation, read before any pixel is decoded.
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
    limits.max_alloc = Some(MAX_DECODE_ALLOC);
    reader.limits(limits);
    let mut decoder = reader.into_decoder()?;
    // An unreadable EXIF block leaves the picture as it is stored.
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    Ok((decoder, orientation))
}

/// Decodes a PNG or JPEG and returns the picture turned upright by its
/// EXIF orientation, with that orientation.
fn decode_with_orientation(bytes: &[u8]) -> Result<(DynamicImage, Orientation), DecodeError> {
    let (decoder, orientation) = decoder_with_orientation(bytes)?;
    let mut image = DynamicImage::from_decoder(decoder)?;
    image.apply_orientation(orientation);
    Ok((image, orientation))
}

/// Decodes a PNG or JPEG, turned upright by its EXIF orientation.
pub fn decode_upright(bytes: &[u8]) -> Result<DynamicImage, DecodeError> {
    decode_with_orientation(bytes).map(|(image, _)| image)
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
/// scales it to at most `max_side`; for the app's decode thread.
pub fn load_scaled(path: &Path, max_side: u32) -> Result<image::RgbaImage, DecodeError> {
    let meta = std::fs::metadata(path).map_err(|e| DecodeError::Damaged(e.to_string()))?;
    if meta.len() > MAX_IMAGE_BYTES {
        return Err(DecodeError::TooLarge);
    }
    let bytes = std::fs::read(path).map_err(|e| DecodeError::Damaged(e.to_string()))?;
    Ok(scaled_rgba(&decode_upright(&bytes)?, max_side))
}

/// An image made fit for mailing: a PNG or JPEG larger than
/// [`REPORT_MAX_SIDE`], or stored sideways (EXIF orientation), or heavier
/// than half a megabyte is decoded, turned upright, scaled down and
/// re-encoded (JPEG at quality 80; PNG when it has transparency). Small
/// upright images and GIFs stay as they are.
pub fn for_report(data: ImageData) -> Result<ImageData, DecodeError> {
    if data.mime == "image/gif" {
        return Ok(data);
    }
    // Decoded even when kept as it is, so a damaged picture is noticed here
    // (and noted in the report) rather than breaking a format later.
    let (image, orientation) = decode_with_orientation(&data.bytes)?;
    let upright = orientation == Orientation::NoTransforms;
    let small = data.width.max(data.height) <= REPORT_MAX_SIDE;
    if upright && small && data.bytes.len() <= REPORT_KEEP_BYTES {
        return Ok(data);
    }
    let scaled = scaled_rgba(&image, REPORT_MAX_SIDE);
    let (width, height) = scaled.dimensions();
    let mut bytes = Vec::new();
    let mime = if image.color().has_alpha() {
        DynamicImage::ImageRgba8(scaled)
            .write_to(&mut Cursor::new(&mut bytes), ImageFormat::Png)
            .map_err(DecodeError::from)?;
        "image/png"
    } else {
        let rgb = DynamicImage::ImageRgba8(scaled).to_rgb8();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, REPORT_JPEG_QUALITY)
            .encode_image(&rgb)
            .map_err(DecodeError::from)?;
        "image/jpeg"
    };
    Ok(ImageData {
        mime,
        bytes,
        width,
        height,
    })
}

/// Loads the attachment at `relative` (with `/` separators) from `folder`,
/// made fit for mailing ([`for_report`]).
pub fn load(folder: Option<&Path>, relative: &str) -> Result<ImageData, ImageProblem> {
    let data = load_as_stored(folder, relative)?;
    for_report(data).map_err(|_| ImageProblem::Unsupported)
}

/// Loads the attachment at `relative` from `folder` with its bytes unchanged.
pub fn load_as_stored(folder: Option<&Path>, relative: &str) -> Result<ImageData, ImageProblem> {
    let folder = folder.ok_or(ImageProblem::NoFolder)?;
    let path = crate::model::attachment_path(folder, relative).ok_or(ImageProblem::Unreadable)?;
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
        let fixed = for_report(sideways).expect("re-encoded");
        assert_eq!(
            (fixed.mime, fixed.width, fixed.height),
            ("image/jpeg", 32, 64)
        );
        assert_eq!(jpeg_size(&fixed.bytes), Some((32, 64)));

        let large = recognise(two_colour_jpeg(3200, 1800)).expect("jpeg");
        let scaled = for_report(large).expect("scaled");
        assert_eq!((scaled.width, scaled.height), (1600, 900));
        assert_eq!(jpeg_size(&scaled.bytes), Some((1600, 900)));

        // A small upright PNG stays exactly as it was.
        let png = recognise(TINY_PNG.to_vec()).expect("png");
        assert_eq!(for_report(png.clone()).expect("kept"), png);
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
