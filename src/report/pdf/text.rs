//! Text for the PDF: the bundled faces, shaping with harfrust (the shaper
//! egui uses too), font fallback to Noto Sans Math for ⊗ → ← Δ, and line
//! breaking at spaces. No hyphenation: a word longer than the line is cut
//! between characters.
//!
//! A character that none of the faces has (an emoji, Hebrew, Chinese) is
//! drawn as a white square (□), with the real character kept behind it for
//! copying, searching and screen readers, so the PDF never holds a
//! `.notdef` glyph, which PDF/UA forbids. A character PDF/A-2a may not
//! stand behind a glyph (a private-use character, U+FEFF, U+FFFE) is drawn
//! as that square too, with U+FFFD behind it.

use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;

use harfrust::{Direction, ShapeOptions, ShapePlan, ShaperData, UnicodeBuffer};
use skrifa::MetadataProvider;
use skrifa::raw::TableProvider as _;

use crate::fonts::{NOTO_SANS, NOTO_SANS_BOLD, NOTO_SANS_MATH};

/// One of the bundled faces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Face {
    /// Noto Sans Regular (also for synthetic italics).
    Regular,
    /// Noto Sans Bold.
    Bold,
    /// Noto Sans Math, the fallback for symbols.
    Math,
}

impl Face {
    /// Every face, in the order of [`Fonts::data`].
    pub const ALL: [Face; 3] = [Face::Regular, Face::Bold, Face::Math];

    fn index(self) -> usize {
        match self {
            Face::Regular => 0,
            Face::Bold => 1,
            Face::Math => 2,
        }
    }
}

/// A colour as 8-bit RGB.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

/// How a piece of text is set.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    /// Font size in points.
    pub size: f32,
    /// Bold (Noto Sans Bold).
    pub bold: bool,
    /// Italic, drawn slanted (the bundled fonts have no italic).
    pub italic: bool,
    /// Text colour.
    pub color: Rgb,
}

/// A shaped glyph; sizes are in em (divide by nothing, multiply by the size).
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// The glyph id in its face.
    pub id: u32,
    /// How far the pen moves after it.
    pub advance: f32,
    /// Offset to the right.
    pub x_offset: f32,
    /// Offset upwards.
    pub y_offset: f32,
    /// The bytes of the run's text that this glyph's cluster covers.
    pub range: Range<usize>,
}

/// Glyphs of one face and style, with their text.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    /// The face.
    pub face: Face,
    /// How it is set.
    pub style: Style,
    /// The text the glyphs stand for.
    pub text: String,
    /// The glyphs; empty for a run without a face.
    pub glyphs: Vec<Glyph>,
    /// Its width in points.
    pub width: f32,
}

impl Run {
    /// Appends `other` (same face and style) to this run.
    fn extend(&mut self, other: &Run) {
        let offset = self.text.len();
        self.text.push_str(&other.text);
        self.glyphs.extend(other.glyphs.iter().map(|g| Glyph {
            range: g.range.start + offset..g.range.end + offset,
            ..g.clone()
        }));
        self.width += other.width;
    }

    fn joins(&self, other: &Run) -> bool {
        self.face == other.face && self.style == other.style
    }
}

/// One line of text, ready to draw from its left edge.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Line {
    /// The runs, left to right.
    pub runs: Vec<Run>,
    /// Its width in points.
    pub width: f32,
    /// The largest font size on the line.
    pub size: f32,
}

impl Line {
    /// The line's text, for tests.
    #[cfg(test)]
    #[must_use]
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }

    fn push(&mut self, run: Run) {
        self.width += run.width;
        self.size = self.size.max(run.style.size);
        match self.runs.last_mut() {
            Some(last) if last.joins(&run) => last.extend(&run),
            _ => self.runs.push(run),
        }
    }

    fn is_empty(&self) -> bool {
        self.runs.is_empty()
    }
}

/// What stands in for a character no face has, best first.
const PLACEHOLDERS: [char; 3] = ['□', '▯', '?'];
/// Line height as a multiple of the font size.
pub const LEADING: f32 = 1.4;

/// One face's data: the parsed font, the shaper's caches and one shaping
/// plan (left to right, Latin), made once.
struct FaceData {
    bytes: &'static [u8],
    font: skrifa::FontRef<'static>,
    shaper_data: ShaperData,
    plan: ShapePlan,
    units_per_em: f32,
}

impl FaceData {
    fn new(bytes: &'static [u8]) -> Option<Self> {
        let font = skrifa::FontRef::new(bytes).ok()?;
        let shaper_data = ShaperData::new(&font);
        let plan = {
            let shaper = shaper_data.shaper(&font).build();
            ShapePlan::new(
                &shaper,
                Direction::LeftToRight,
                Some(harfrust::script::LATIN),
                None,
                &[],
            )
        };
        let units_per_em = f32::from(font.head().ok()?.units_per_em());
        Some(Self {
            bytes,
            font,
            shaper_data,
            plan,
            units_per_em,
        })
    }

    fn has(&self, c: char) -> bool {
        self.font.charmap().map(c).is_some()
    }
}

/// The bundled faces, parsed once per export.
pub struct Fonts {
    faces: Vec<FaceData>,
}

impl Fonts {
    /// Parses the bundled fonts; `None` only if they were damaged at build time.
    pub fn new() -> Option<Self> {
        let faces = [NOTO_SANS, NOTO_SANS_BOLD, NOTO_SANS_MATH]
            .into_iter()
            .map(FaceData::new)
            .collect::<Option<Vec<_>>>()?;
        Some(Self { faces })
    }

    fn face(&self, face: Face) -> &FaceData {
        &self.faces[face.index()]
    }

    /// The font file of `face`, for embedding.
    pub fn data(&self, face: Face) -> &'static [u8] {
        self.face(face).bytes
    }

    /// The face that draws `c` in `style`: the text face, else the math
    /// face, else none.
    fn face_for(&self, c: char, bold: bool) -> Option<Face> {
        let primary = if bold { Face::Bold } else { Face::Regular };
        if !may_stand_behind_a_glyph(c) {
            None
        } else if c.is_whitespace() || self.face(primary).has(c) {
            Some(primary)
        } else if self.face(Face::Math).has(c) {
            Some(Face::Math)
        } else {
            None
        }
    }

    /// Whether some face has `c`.
    #[cfg(test)]
    pub fn covers(&self, c: char) -> bool {
        self.face_for(c, false).is_some()
    }
}

/// Whether a PDF/A-2a file may give `c` as the text of a glyph: not NUL,
/// U+FEFF or U+FFFE, and not a private-use character (whose meaning only
/// its own font knows); the checker of `krilla` refuses the whole PDF
/// otherwise.
fn may_stand_behind_a_glyph(c: char) -> bool {
    !matches!(
        u32::from(c),
        0x0 | 0xFEFF | 0xFFFE | 0xE000..=0xF8FF | 0xF_0000..=0xF_FFFD | 0x10_0000..=0x10_FFFD
    )
}

/// A piece of styled text to break into lines.
#[derive(Debug, Clone)]
pub struct Piece<'a> {
    /// The text; `\n` is a line break.
    pub text: &'a str,
    /// How it is set.
    pub style: Style,
}

/// A word or a space, shaped.
enum Token {
    Word(Rc<[Run]>, f32),
    Space(Rc<[Run]>),
    Break,
}

/// A [`Style`] as a hash key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct StyleKey(u32, bool, bool, Rgb);

impl From<Style> for StyleKey {
    fn from(style: Style) -> Self {
        Self(style.size.to_bits(), style.bold, style.italic, style.color)
    }
}

/// Shapes and breaks text, remembering shaped words (a report repeats many).
pub struct Typesetter<'a> {
    fonts: &'a Fonts,
    /// One shaper per face, in [`Face::ALL`] order.
    shapers: Vec<harfrust::Shaper<'a>>,
    cache: HashMap<StyleKey, HashMap<String, Rc<[Run]>>>,
    /// The glyph drawn for a character no face has, and its face.
    placeholder: (Face, Glyph),
}

impl<'a> Typesetter<'a> {
    /// A typesetter with an empty cache.
    pub fn new(fonts: &'a Fonts) -> Self {
        let shapers = fonts
            .faces
            .iter()
            .map(|data| data.shaper_data.shaper(&data.font).build())
            .collect();
        let mut setter = Self {
            fonts,
            shapers,
            cache: HashMap::new(),
            placeholder: (
                Face::Regular,
                Glyph {
                    id: 0,
                    advance: 0.6,
                    x_offset: 0.0,
                    y_offset: 0.0,
                    range: 0..0,
                },
            ),
        };
        let style = Style {
            size: 1.0,
            bold: false,
            italic: false,
            color: Rgb(0, 0, 0),
        };
        for c in PLACEHOLDERS {
            if let Some(face) = fonts.face_for(c, false) {
                let run = setter.shape_run(&c.to_string(), Some(face), style);
                if let Some(glyph) = run.glyphs.first().filter(|g| g.id != 0) {
                    setter.placeholder = (face, glyph.clone());
                    break;
                }
            }
        }
        setter
    }

    /// The runs of `text` (no spaces or breaks in it) in `style`, each face
    /// its own run; characters without a face each get a run of their own.
    fn shape_word(&mut self, text: &str, style: Style) -> Rc<[Run]> {
        let key = StyleKey::from(style);
        if let Some(runs) = self.cache.get(&key).and_then(|words| words.get(text)) {
            return Rc::clone(runs);
        }
        let mut runs = Vec::new();
        let mut start = 0;
        let mut current: Option<Option<Face>> = None;
        for (at, c) in text.char_indices() {
            let face = self.fonts.face_for(c, style.bold);
            if current.is_some_and(|f| f != face || f.is_none()) {
                runs.push(self.shape_run(&text[start..at], current.flatten(), style));
                start = at;
            }
            current = Some(face);
        }
        if start < text.len() {
            runs.push(self.shape_run(&text[start..], current.flatten(), style));
        }
        let runs: Rc<[Run]> = runs.into();
        self.cache
            .entry(key)
            .or_default()
            .insert(text.to_owned(), Rc::clone(&runs));
        runs
    }

    /// One run of `text` in `face`; without a face, a placeholder glyph
    /// for each character, which keeps the character as its text.
    fn shape_run(&self, text: &str, face: Option<Face>, style: Style) -> Run {
        let Some(face) = face else {
            let (face, glyph) = &self.placeholder;
            // What a PDF may not give as a glyph's text becomes U+FFFD.
            let text: String = text
                .chars()
                .map(|c| {
                    if may_stand_behind_a_glyph(c) {
                        c
                    } else {
                        char::REPLACEMENT_CHARACTER
                    }
                })
                .collect();
            let glyphs: Vec<Glyph> = text
                .char_indices()
                .map(|(at, c)| Glyph {
                    range: at..at + c.len_utf8(),
                    ..glyph.clone()
                })
                .collect();
            return Run {
                face: *face,
                style,
                text,
                width: glyph.advance * style.size * glyphs.len() as f32,
                glyphs,
            };
        };
        let data = self.fonts.face(face);
        let shaper = &self.shapers[face.index()];
        let mut buffer = UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.set_direction(Direction::LeftToRight);
        buffer.set_script(harfrust::script::LATIN);
        let output = shaper.shape(buffer, ShapeOptions::new().plan(Some(&data.plan)));
        let infos = output.glyph_infos();
        let positions = output.glyph_positions();
        let upem = data.units_per_em;
        let mut glyphs = Vec::with_capacity(infos.len());
        for (i, (info, pos)) in infos.iter().zip(positions).enumerate() {
            let start = info.cluster as usize;
            let end = infos[i + 1..]
                .iter()
                .map(|next| next.cluster as usize)
                .find(|&c| c > start)
                .unwrap_or(text.len());
            glyphs.push(Glyph {
                id: info.glyph_id,
                advance: pos.x_advance as f32 / upem,
                x_offset: pos.x_offset as f32 / upem,
                y_offset: pos.y_offset as f32 / upem,
                range: start.min(text.len())..end.min(text.len()),
            });
        }
        let width = glyphs.iter().map(|g| g.advance).sum::<f32>() * style.size;
        Run {
            face,
            style,
            text: text.to_owned(),
            glyphs,
            width,
        }
    }

    fn tokens(&mut self, pieces: &[Piece<'_>]) -> Vec<Token> {
        let mut tokens = Vec::new();
        for piece in pieces {
            let mut word_start: Option<usize> = None;
            let text = piece.text;
            for (at, c) in text.char_indices() {
                if c == '\n' || c == ' ' || c == '\t' {
                    if let Some(start) = word_start.take() {
                        let runs = self.shape_word(&text[start..at], piece.style);
                        let width = runs.iter().map(|r| r.width).sum();
                        tokens.push(Token::Word(runs, width));
                    }
                    if c == '\n' {
                        tokens.push(Token::Break);
                    } else {
                        tokens.push(Token::Space(self.shape_word(" ", piece.style)));
                    }
                } else if word_start.is_none() {
                    word_start = Some(at);
                }
            }
            if let Some(start) = word_start {
                let runs = self.shape_word(&text[start..], piece.style);
                let width = runs.iter().map(|r| r.width).sum();
                tokens.push(Token::Word(runs, width));
            }
        }
        tokens
    }

    /// `pieces` broken into lines of at most `width` points: at spaces and
    /// at `\n`; a word longer than a line is cut between characters. Spaces
    /// at the start or end of a line are left out. Always at least one line.
    pub fn lines(&mut self, pieces: &[Piece<'_>], width: f32) -> Vec<Line> {
        let width = width.max(1.0);
        let mut lines = Vec::new();
        let mut line = Line::default();
        let mut space: Option<Rc<[Run]>> = None;
        for token in self.tokens(pieces) {
            match token {
                Token::Break => {
                    lines.push(std::mem::take(&mut line));
                    space = None;
                }
                Token::Space(run) => {
                    if !line.is_empty() {
                        space = Some(run);
                    }
                }
                Token::Word(runs, word_width) => {
                    let space_width = space
                        .as_ref()
                        .map_or(0.0, |s| s.iter().map(|r| r.width).sum());
                    if line.width + space_width + word_width <= width {
                        for run in space.take().iter().flat_map(|s| s.iter()) {
                            line.push(run.clone());
                        }
                        for run in runs.iter() {
                            line.push(run.clone());
                        }
                        continue;
                    }
                    space = None;
                    if !line.is_empty() {
                        lines.push(std::mem::take(&mut line));
                    }
                    if word_width <= width {
                        for run in runs.iter() {
                            line.push(run.clone());
                        }
                    } else {
                        let mut pieces = split_word(&runs, width);
                        let last = pieces.pop().unwrap_or_default();
                        lines.extend(pieces);
                        line = last;
                    }
                }
            }
        }
        lines.push(line);
        lines
    }
}

/// A word wider than `width` cut into lines between clusters (never inside
/// one); the last line is the rest.
fn split_word(runs: &[Run], width: f32) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut line = Line::default();
    for run in runs {
        for cluster in clusters(run) {
            if !line.is_empty() && line.width + cluster.width > width {
                lines.push(std::mem::take(&mut line));
            }
            line.push(cluster);
        }
    }
    lines.push(line);
    lines
}

/// A run cut into its clusters.
fn clusters(run: &Run) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    for glyph in &run.glyphs {
        let same = out
            .last()
            .is_some_and(|last| last.glyphs.last().is_some_and(|g| g.range == glyph.range));
        if same {
            if let Some(last) = out.last_mut() {
                let start = glyph.range.start;
                last.glyphs.push(Glyph {
                    range: glyph.range.start - start..glyph.range.end - start,
                    ..glyph.clone()
                });
                last.width += glyph.advance * run.style.size;
            }
        } else {
            let text = run.text.get(glyph.range.clone()).unwrap_or_default();
            out.push(Run {
                face: run.face,
                style: run.style,
                text: text.to_owned(),
                glyphs: vec![Glyph {
                    range: 0..text.len(),
                    ..glyph.clone()
                }],
                width: glyph.advance * run.style.size,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn style() -> Style {
        Style {
            size: 10.0,
            bold: false,
            italic: false,
            color: Rgb(0, 0, 0),
        }
    }

    fn lines(text: &str, width: f32) -> Vec<String> {
        let fonts = Fonts::new().expect("the bundled fonts parse");
        let mut setter = Typesetter::new(&fonts);
        setter
            .lines(
                &[Piece {
                    text,
                    style: style(),
                }],
                width,
            )
            .iter()
            .map(Line::text)
            .collect()
    }

    #[test]
    fn text_breaks_at_spaces_and_line_breaks() {
        assert_eq!(lines("een twee drie", 1000.0), ["een twee drie"]);
        let broken = lines("een twee drie vier", 45.0);
        assert!(broken.len() >= 2, "{broken:?}");
        assert_eq!(broken.join(" "), "een twee drie vier");
        assert!(
            broken
                .iter()
                .all(|l| !l.starts_with(' ') && !l.ends_with(' '))
        );
        assert_eq!(lines("a\nb", 1000.0), ["a", "b"]);
        assert_eq!(lines("", 1000.0), [""]);
    }

    #[test]
    fn a_word_longer_than_a_line_is_cut_between_characters() {
        let word = "raadsbrede-participatiebeleidsnotitie";
        let broken = lines(&format!("x {word} y"), 60.0);
        assert!(broken.len() >= 3, "{broken:?}");
        assert_eq!(broken.concat().replace(' ', ""), format!("x{word}y"));
        let fonts = Fonts::new().expect("fonts");
        let mut setter = Typesetter::new(&fonts);
        for line in setter.lines(
            &[Piece {
                text: word,
                style: style(),
            }],
            60.0,
        ) {
            assert!(
                line.width <= 60.0 + 0.01,
                "{} is {} wide",
                line.text(),
                line.width
            );
        }
    }

    #[test]
    fn symbols_fall_back_to_the_math_face_and_unknown_characters_get_a_square() {
        let fonts = Fonts::new().expect("fonts");
        let mut setter = Typesetter::new(&fonts);
        let square = setter.placeholder.1.id;
        assert_ne!(square, 0, "a placeholder glyph was found");
        let text = "⊗ Δ→← ok 👋שׁ";
        let line = &setter.lines(
            &[Piece {
                text,
                style: style(),
            }],
            1000.0,
        )[0];
        assert!(
            line.runs
                .iter()
                .any(|r| r.face == Face::Math && r.text.contains('⊗'))
        );
        assert_eq!(line.text(), text);
        for run in &line.runs {
            for glyph in &run.glyphs {
                assert_ne!(glyph.id, 0, "no .notdef in {:?}", run.text);
                let chars = &run.text[glyph.range.clone()];
                if chars.chars().any(|c| !fonts.covers(c)) {
                    assert_eq!(glyph.id, square, "{chars} is drawn as the square");
                }
            }
        }
        for c in "•–⊗Δ→←".chars() {
            assert!(fonts.covers(c), "{c} is covered");
        }
    }

    #[test]
    fn private_use_characters_and_byte_order_marks_are_squares_with_u_fffd_behind() {
        let fonts = Fonts::new().expect("fonts");
        let mut setter = Typesetter::new(&fonts);
        let square = setter.placeholder.1.id;
        let text = "a\u{e000}b\u{f0000}\u{10fffd} \u{feff}c\u{fffe}";
        let lines = setter.lines(
            &[Piece {
                text,
                style: style(),
            }],
            1000.0,
        );
        let shown: String = lines.iter().map(Line::text).collect();
        assert_eq!(shown, "a\u{fffd}b\u{fffd}\u{fffd} \u{fffd}c\u{fffd}");
        for run in lines.iter().flat_map(|l| &l.runs) {
            for glyph in &run.glyphs {
                let chars = &run.text[glyph.range.clone()];
                assert!(chars.chars().all(may_stand_behind_a_glyph), "{chars:?}");
                if chars == "\u{fffd}" {
                    assert_eq!(glyph.id, square);
                }
            }
        }
    }
}
