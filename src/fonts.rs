//! The bundled fonts (OFL), shared by the screen (egui) and the PDF report,
//! so both render the same glyphs and ⊗ → ← Δ never show as empty boxes.

/// Noto Sans Regular: a legible, regular-weight text face.
pub const NOTO_SANS: &[u8] = include_bytes!("../assets/fonts/NotoSans-Regular.ttf");
/// Noto Sans Bold, for titles and headings.
pub const NOTO_SANS_BOLD: &[u8] = include_bytes!("../assets/fonts/NotoSans-Bold.ttf");
/// Noto Sans Math: the fallback for ⊗ → ← and other symbols.
pub const NOTO_SANS_MATH: &[u8] = include_bytes!("../assets/fonts/NotoSansMath-Regular.ttf");
