//! Fonts and visual style. The fonts are bundled so every machine renders
//! the same, and so ⊗ → ← Δ never show as empty boxes.

use std::sync::Arc;

use egui::{FontData, FontDefinitions, FontFamily, FontId, TextStyle};

pub use crate::fonts::{NOTO_SANS, NOTO_SANS_BOLD, NOTO_SANS_MATH};

/// The font family for bold text (titles on cards and headings).
#[must_use]
pub fn bold_family() -> FontFamily {
    FontFamily::Name("bold".into())
}

/// egui's default fonts (kept for their emoji fallback) with Noto Sans as
/// the main text face and Noto Sans Math as the symbol fallback.
#[must_use]
pub fn font_definitions() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(
        "noto-sans".into(),
        Arc::new(FontData::from_static(NOTO_SANS)),
    );
    fonts.font_data.insert(
        "noto-sans-bold".into(),
        Arc::new(FontData::from_static(NOTO_SANS_BOLD)),
    );
    fonts.font_data.insert(
        "noto-sans-math".into(),
        Arc::new(FontData::from_static(NOTO_SANS_MATH)),
    );

    let defaults = fonts
        .families
        .get(&FontFamily::Proportional)
        .cloned()
        .unwrap_or_default();
    let mut proportional = vec!["noto-sans".to_owned(), "noto-sans-math".to_owned()];
    proportional.extend(defaults.iter().cloned());
    let mut bold = vec!["noto-sans-bold".to_owned(), "noto-sans-math".to_owned()];
    bold.extend(defaults);

    fonts
        .families
        .insert(FontFamily::Proportional, proportional);
    fonts.families.insert(bold_family(), bold);
    if let Some(mono) = fonts.families.get_mut(&FontFamily::Monospace) {
        mono.push("noto-sans-math".into());
    }
    fonts
}

/// Installs the fonts and the calm, readable style on a context.
pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(font_definitions());
    // A calm light theme by default: most meeting rooms are lit.
    ctx.set_theme(egui::ThemePreference::Light);
    ctx.all_styles_mut(|style| {
        style.text_styles = [
            (TextStyle::Small, FontId::proportional(13.0)),
            (TextStyle::Body, FontId::proportional(16.0)),
            (TextStyle::Button, FontId::proportional(16.0)),
            (TextStyle::Monospace, FontId::monospace(15.0)),
            (TextStyle::Heading, FontId::new(26.0, bold_family())),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(8.0, 6.0);
        // A blinking cursor repaints twice a second: an idle console must not
        // repaint at all.
        style.visuals.text_cursor.blink = false;
        style.spacing.button_padding = egui::vec2(8.0, 4.0);
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_families_start_with_noto_and_fall_back_to_math() {
        let fonts = font_definitions();
        let proportional = &fonts.families[&FontFamily::Proportional];
        assert_eq!(proportional[0], "noto-sans");
        assert_eq!(proportional[1], "noto-sans-math");
        // egui's own fonts (with the emoji fallback) stay behind ours.
        assert!(proportional.len() > 2);
        assert_eq!(fonts.families[&bold_family()][0], "noto-sans-bold");
    }
}
