//! The projector's colours, in one place per [`BeamerTheme`], with the
//! contrast check that keeps every text readable on a washed-out beamer.

use egui::Color32;

use super::BeamerTheme;
use super::shared::SHARED_COLOURS;

/// The colours of one beamer theme.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Palette {
    /// Behind everything.
    pub background: Color32,
    /// Inside a card.
    pub card_fill: Color32,
    /// A card's outline (not text: no contrast requirement).
    pub card_border: Color32,
    /// Keywords and bullets.
    pub text: Color32,
    /// Municipality names, times and the page indicator.
    pub muted: Color32,
    /// Card titles and headings.
    pub title: Color32,
    /// The marker-pen fill behind a highlighted keyword.
    pub highlight: Color32,
    /// The slim header strip's fill.
    pub header_fill: Color32,
    /// Text on the header strip.
    pub header_text: Color32,
    /// A clock that ran over time, on the background.
    pub warning: Color32,
    /// A clock that ran over time, on the header strip.
    pub header_warning: Color32,
    /// The fill behind the current agenda item.
    pub current: Color32,
    /// Words shared by several municipalities, one colour per shared word.
    pub shared: [Color32; SHARED_COLOURS],
}

impl Palette {
    /// The colour for shared word `index` (colours repeat past the palette).
    #[must_use]
    pub fn shared_colour(&self, index: usize) -> Color32 {
        self.shared[index % SHARED_COLOURS]
    }

    /// Every pair of text colour and the fill it is drawn on, named, for
    /// the contrast check.
    #[must_use]
    pub fn text_pairs(&self) -> Vec<(String, Color32, Color32)> {
        let mut pairs = vec![
            ("text on background".to_owned(), self.text, self.background),
            ("text on card".to_owned(), self.text, self.card_fill),
            ("muted on card".to_owned(), self.muted, self.card_fill),
            (
                "muted on background".to_owned(),
                self.muted,
                self.background,
            ),
            ("title on card".to_owned(), self.title, self.card_fill),
            (
                "title on background".to_owned(),
                self.title,
                self.background,
            ),
            ("text on highlight".to_owned(), self.text, self.highlight),
            ("title on highlight".to_owned(), self.title, self.highlight),
            ("header text".to_owned(), self.header_text, self.header_fill),
            (
                "header warning".to_owned(),
                self.header_warning,
                self.header_fill,
            ),
            (
                "warning on background".to_owned(),
                self.warning,
                self.background,
            ),
            ("text on current item".to_owned(), self.text, self.current),
            ("muted on current item".to_owned(), self.muted, self.current),
            ("title on current item".to_owned(), self.title, self.current),
        ];
        for (i, &colour) in self.shared.iter().enumerate() {
            pairs.push((format!("shared word {i} on card"), colour, self.card_fill));
            pairs.push((
                format!("shared word {i} on highlight"),
                colour,
                self.highlight,
            ));
        }
        pairs
    }
}

const fn rgb(hex: u32) -> Color32 {
    Color32::from_rgb((hex >> 16) as u8, (hex >> 8) as u8, hex as u8)
}

/// The palette of a beamer theme.
#[must_use]
pub fn palette(theme: BeamerTheme) -> Palette {
    match theme {
        // Dark text on white cards over a light grey: beamers wash out dark themes.
        BeamerTheme::Light => Palette {
            background: rgb(0x00E6_E9EE),
            card_fill: rgb(0x00FF_FFFF),
            card_border: rgb(0x0098_A3B0),
            text: rgb(0x0015_191E),
            muted: rgb(0x0043_4A54),
            title: rgb(0x000B_3A6B),
            highlight: rgb(0x00FF_E36E),
            header_fill: rgb(0x001F_3A5F),
            header_text: rgb(0x00FF_FFFF),
            warning: rgb(0x00B3_261E),
            header_warning: rgb(0x00FF_C4BD),
            current: rgb(0x00DC_E9F8),
            shared: [
                rgb(0x000B_5CAD),
                rgb(0x00B0_3A00),
                rgb(0x001B_6E2F),
                rgb(0x007A_2DA8),
                rgb(0x00A3_123A),
                rgb(0x0000_696E),
            ],
        },
        BeamerTheme::Dark => Palette {
            background: rgb(0x0010_1318),
            card_fill: rgb(0x001D_232B),
            card_border: rgb(0x0046_505C),
            text: rgb(0x00F1_F3F5),
            muted: rgb(0x00BA_C2CC),
            title: rgb(0x009F_CBFF),
            highlight: rgb(0x0057_4500),
            header_fill: rgb(0x002B_3440),
            header_text: rgb(0x00F1_F3F5),
            warning: rgb(0x00FF_8A80),
            header_warning: rgb(0x00FF_B4AB),
            current: rgb(0x0024_364D),
            shared: [
                rgb(0x007C_C0FF),
                rgb(0x00FF_B870),
                rgb(0x0086_E08F),
                rgb(0x00D9_AEFF),
                rgb(0x00FF_9EB0),
                rgb(0x006F_E3DC),
            ],
        },
        // Black on white, thick black borders, yellow marker: at least 7:1 everywhere.
        BeamerTheme::HighContrast => Palette {
            background: rgb(0x00FF_FFFF),
            card_fill: rgb(0x00FF_FFFF),
            card_border: rgb(0x0000_0000),
            text: rgb(0x0000_0000),
            muted: rgb(0x001F_1F1F),
            title: rgb(0x0000_0000),
            highlight: rgb(0x00FF_F200),
            header_fill: rgb(0x0000_0000),
            header_text: rgb(0x00FF_FFFF),
            warning: rgb(0x009A_0000),
            header_warning: rgb(0x00FF_FF00),
            current: rgb(0x00FF_F200),
            shared: [
                rgb(0x0000_00A8),
                rgb(0x007A_2E00),
                rgb(0x0000_5A1E),
                rgb(0x005B_0E8F),
                rgb(0x008F_0030),
                rgb(0x0000_535A),
            ],
        },
    }
}

/// The contrast every text must reach in a theme: WCAG AA (4.5:1) for light
/// and dark, AAA (7:1) for high contrast.
#[must_use]
pub fn required_contrast(theme: BeamerTheme) -> f32 {
    match theme {
        BeamerTheme::Light | BeamerTheme::Dark => 4.5,
        BeamerTheme::HighContrast => 7.0,
    }
}

/// The relative luminance of an opaque colour, as defined by WCAG 2.1.
#[must_use]
pub fn relative_luminance(colour: Color32) -> f32 {
    fn channel(value: u8) -> f32 {
        let c = f32::from(value) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    }
    0.2126 * channel(colour.r()) + 0.7152 * channel(colour.g()) + 0.0722 * channel(colour.b())
}

/// The WCAG 2.1 contrast ratio of two opaque colours (1 to 21).
#[must_use]
pub fn contrast_ratio(a: Color32, b: Color32) -> f32 {
    let (la, lb) = (relative_luminance(a), relative_luminance(b));
    let (light, dark) = if la > lb { (la, lb) } else { (lb, la) };
    (light + 0.05) / (dark + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_ratio_matches_the_wcag_examples() {
        assert!((contrast_ratio(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 0.01);
        assert!((contrast_ratio(Color32::WHITE, Color32::WHITE) - 1.0).abs() < 0.001);
        // #777777 on white is the classic 4.48:1 near-miss.
        let grey = rgb(0x0077_7777);
        assert!((contrast_ratio(grey, Color32::WHITE) - 4.48).abs() < 0.01);
    }

    #[test]
    fn every_text_pair_meets_its_theme_contrast() {
        for theme in [
            BeamerTheme::Light,
            BeamerTheme::Dark,
            BeamerTheme::HighContrast,
        ] {
            let palette = palette(theme);
            let required = required_contrast(theme);
            let mut lowest = f32::MAX;
            for (name, fg, bg) in palette.text_pairs() {
                let ratio = contrast_ratio(fg, bg);
                lowest = lowest.min(ratio);
                assert!(
                    ratio >= required,
                    "{theme:?}: {name} has {ratio:.2}:1, needs {required}:1"
                );
            }
            eprintln!("{theme:?}: lowest text contrast {lowest:.2}:1");
        }
    }

    #[test]
    fn shared_colours_are_distinct() {
        for theme in [
            BeamerTheme::Light,
            BeamerTheme::Dark,
            BeamerTheme::HighContrast,
        ] {
            let shared = palette(theme).shared;
            for (i, a) in shared.iter().enumerate() {
                for b in &shared[i + 1..] {
                    assert_ne!(a, b, "{theme:?}");
                }
                assert_ne!(
                    *a,
                    palette(theme).text,
                    "{theme:?}: a shared word must stand out"
                );
            }
        }
    }
}
