//! The whiteboard's auto-fit layout, pure: cards in a balanced grid at the
//! largest font size at which everything fits, or pages at the readable
//! minimum. It needs fonts, not a window, so tests and benches call it
//! directly.
//!
//! Font sizes come from a ladder relative to the readable minimum
//! (`min_body · (1 + k/22)`, about one physical pixel per step on a 1080p
//! beamer), so a thumbnail scaled down from the projector climbs the same
//! ladder and picks the same grid. A binary search over the ladder lays out
//! every card with egui's galley layout (its cache keeps galleys per text,
//! size and wrap width) and checks the grid shapes that fit. A [`FitCache`]
//! keeps the cards' measurements for the next search, so after a new
//! keyword only the cards that changed are laid out again.

use std::collections::HashMap;
use std::hash::{BuildHasher, Hash};
use std::ops::Range;
use std::sync::Arc;

use egui::epaint::text::{FontsView, LayoutJob, TextFormat};
use egui::{Align, Color32, FontFamily, FontId, Galley, Pos2, Rect, Vec2, vec2};

use super::shared::shared_spans;
use super::theme::Palette;
use crate::model::Session;

/// The ⊗ that marks a card's title, as on the facilitator's whiteboard.
pub const TITLE_MARKER: &str = "⊗";
/// The bullet in front of each keyword.
pub const BULLET: &str = "•";

/// The readable minimum: body text at least 2 % of the height.
pub const MIN_BODY_FRACTION: f32 = 0.02;

/// The ladder's step is the minimum divided by this: size `k` is
/// `min · (1 + k / LADDER_STEPS)`, one physical pixel per step at 1080 lines.
pub const LADDER_STEPS: f32 = 22.0;

/// The largest size on the ladder from `min` up to `max` for which `fits`
/// holds, by binary search (assuming that what fits at a size also fits at
/// every smaller one); `None` when not even `min` fits.
pub fn largest_fitting(min: f32, max: f32, fits: impl FnMut(f32) -> bool) -> Option<f32> {
    largest_fitting_from(min, max, None, fits)
}

/// [`largest_fitting`], trying the size `hint` (the last answer) first:
/// after a small change the answer is usually the same, and two probes
/// (the hint fits, the step above does not) settle it. The answer is the
/// same as without a hint.
pub fn largest_fitting_from(
    min: f32,
    max: f32,
    hint: Option<f32>,
    mut fits: impl FnMut(f32) -> bool,
) -> Option<f32> {
    let size = |k: usize| min * (1.0 + k as f32 / LADDER_STEPS);
    let top = if min > 0.0 {
        let steps = ((max / min - 1.0) * LADDER_STEPS).floor();
        if steps.is_finite() && steps > 0.0 {
            steps.min(1000.0) as usize
        } else {
            0
        }
    } else {
        0
    };
    let (mut low, mut high) = (0, top);
    // The hint's step on the ladder, when it is one.
    let step = hint
        .filter(|_| min > 0.0)
        .map(|h| ((h / min - 1.0) * LADDER_STEPS).round())
        .filter(|k| k.is_finite() && *k >= 0.0)
        .map(|k| k as usize)
        .filter(|&k| k <= top && (size(k) - hint.unwrap_or(0.0)).abs() < 1e-3 * min);
    match step {
        Some(k) if fits(size(k)) => {
            if k == top || !fits(size(k + 1)) {
                return Some(size(k));
            }
            low = k + 1;
        }
        Some(0) => return None,
        Some(k) => {
            if !fits(size(0)) {
                return None;
            }
            high = k - 1;
        }
        None => {
            if !fits(size(0)) {
                return None;
            }
        }
    }
    while low < high {
        let mid = (low + high).div_ceil(2);
        if fits(size(mid)) {
            low = mid;
        } else {
            high = mid - 1;
        }
    }
    Some(size(low))
}

/// One keyword as the projector shows it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct KeywordText<'a> {
    /// The text exactly as written.
    pub text: &'a str,
    /// Whether the facilitator highlighted it.
    pub highlighted: bool,
    /// Shared words in it: byte ranges with their colour index.
    pub shared: Vec<(Range<usize>, usize)>,
}

/// One whiteboard card: an experiment, or a municipality without one yet.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CardText<'a> {
    /// The experiment's title (empty when there is none yet).
    pub title: &'a str,
    /// The organisation's name.
    pub organisation: &'a str,
    /// The keywords, in order.
    pub keywords: Vec<KeywordText<'a>>,
}

/// The whiteboard's cards for a session, in [`Session::cards`] order, with
/// the shared words marked. Borrows from the session; copies no text.
#[must_use]
pub fn card_texts<'a, S: BuildHasher>(
    session: &'a Session,
    shared: &HashMap<String, usize, S>,
) -> Vec<CardText<'a>> {
    card_texts_with(session, |text| shared_spans(text, shared))
}

/// [`card_texts`] with the shared-word spans of each keyword given by
/// `spans` (called once per keyword, in card order), e.g. from a cache.
#[must_use]
pub fn card_texts_with(
    session: &Session,
    mut spans: impl FnMut(&str) -> Vec<(Range<usize>, usize)>,
) -> Vec<CardText<'_>> {
    session
        .cards()
        .into_iter()
        .map(|card| {
            let organisation = session
                .organisation(&card.org)
                .map_or("", |o| o.name.as_str());
            let experiment = card
                .experiment
                .as_ref()
                .and_then(|id| session.experiment(id));
            CardText {
                title: experiment.map_or("", |e| e.title.trim()),
                organisation,
                keywords: experiment
                    .map(|e| {
                        e.keywords
                            .iter()
                            .map(|k| KeywordText {
                                text: k.text.as_str(),
                                highlighted: k.highlighted,
                                shared: spans(&k.text),
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
            }
        })
        .collect()
}

/// How the board is to be laid out.
#[derive(Debug, Clone, PartialEq)]
pub struct BoardStyle<'a> {
    /// The space for the cards, in points.
    pub size: Vec2,
    /// Physical pixels per point.
    pub pixels_per_point: f32,
    /// The smallest body text size, in points.
    pub min_body: f32,
    /// The largest body text size, in points.
    pub max_body: f32,
    /// Whether titles carry the ⊗ mark.
    pub title_marker: bool,
    /// Colours (they are part of the laid-out text).
    pub palette: Palette,
    /// Appended to the municipality's name on a card's continuation, e.g. "(vervolg)".
    pub continued: &'a str,
}

impl BoardStyle<'static> {
    /// A board of `size` points in a window `window_height` points high,
    /// with body text from the readable minimum (2 % of the window's
    /// height) up to `max_fraction` of it, ⊗ marks and Dutch continuations.
    #[must_use]
    pub fn readable(
        size: Vec2,
        window_height: f32,
        max_fraction: f32,
        pixels_per_point: f32,
        palette: Palette,
    ) -> Self {
        let min_body = MIN_BODY_FRACTION * window_height;
        Self {
            size,
            pixels_per_point,
            min_body,
            max_body: (max_fraction * window_height).max(min_body),
            title_marker: true,
            palette,
            continued: "(vervolg)",
        }
    }
}

/// The spacing of a board, derived from its body size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Metrics {
    /// Body text (keywords, municipality).
    pub body: f32,
    /// Card titles.
    pub title: f32,
    /// Inside a card, around its text.
    pub padding: f32,
    /// Between cards.
    pub gap: f32,
    /// Between keywords.
    pub keyword_gap: f32,
    /// Between a card's title block and its keywords.
    pub header_gap: f32,
}

impl Metrics {
    /// The spacing for body size `body`.
    #[must_use]
    pub fn new(body: f32) -> Self {
        Self {
            body,
            title: body * 1.2,
            padding: body * 0.5,
            gap: body * 0.5,
            keyword_gap: body * 0.1,
            header_gap: body * 0.25,
        }
    }
}

/// A part of a card: the whole card, or (for a card too long for one page)
/// a run of its keywords.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Piece {
    /// The card's index in the card list.
    pub card: usize,
    /// The keywords on this piece.
    pub keywords: Range<usize>,
    /// Whether this piece continues a card begun on an earlier piece (it
    /// shows the municipality with "(vervolg)" instead of the title).
    pub continued: bool,
}

/// One page of cards.
#[derive(Debug, Clone, PartialEq)]
pub struct BoardPage {
    /// The pieces on this page, row by row.
    pub pieces: Vec<Piece>,
    /// The number of columns of the grid.
    pub columns: usize,
}

impl BoardPage {
    /// The number of rows of the grid.
    #[must_use]
    pub fn rows(&self) -> usize {
        self.pieces.len().div_ceil(self.columns.max(1))
    }
}

/// The result of the auto-fit: sizes and grids, without galleys (cheap to
/// keep between frames; the galleys come from [`place_page`]).
#[derive(Debug, Clone, PartialEq)]
pub struct WhiteboardLayout {
    /// The body text size, in points.
    pub body_size: f32,
    /// Whether all cards fit on one page at or above the minimum size.
    pub fits: bool,
    /// The pages (one when everything fits).
    pub pages: Vec<BoardPage>,
    /// The space the grid may use, from the board's top left (smaller
    /// than the board when a strip is kept for the page indicator).
    pub grid_size: Vec2,
}

impl WhiteboardLayout {
    /// The spacing at the chosen size.
    #[must_use]
    pub fn metrics(&self) -> Metrics {
        Metrics::new(self.body_size)
    }
}

/// A laid-out text on the board.
#[derive(Debug, Clone)]
pub struct PlacedText {
    /// Where it goes, relative to the board's top left.
    pub rect: Rect,
    /// The laid-out text.
    pub galley: Arc<Galley>,
    /// Whether it is content (title, municipality, keyword) rather than a
    /// decoration (⊗, bullet): content gets an accessibility node.
    pub content: bool,
}

/// A laid-out card on the board.
#[derive(Debug, Clone)]
pub struct PlacedCard {
    /// The card's frame, relative to the board's top left.
    pub rect: Rect,
    /// Its texts.
    pub texts: Vec<PlacedText>,
    /// The index of its card.
    pub card: usize,
}

/// The auto-fit: the largest body size (on the ladder between
/// `style.min_body` and `style.max_body`) at which all cards fit in
/// `style.size` in some grid; when they do not fit at the minimum, pages of
/// cards at the minimum size (and cards too long for a page split into
/// pieces). Text never wraps inside a word unless the word is wider than
/// the whole board.
#[must_use]
pub fn whiteboard_layout(
    fonts: &mut FontsView<'_>,
    cards: &[CardText<'_>],
    style: &BoardStyle<'_>,
) -> WhiteboardLayout {
    whiteboard_layout_cached(fonts, cards, style, &mut FitCache::default())
}

/// Measurements of cards from earlier auto-fit searches, so a search after
/// one card changed lays out only that card again (the others are found by
/// their content). Keeps what the last search used, nothing more.
#[derive(Debug, Default)]
pub struct FitCache {
    /// The style the measurements were taken in (what besides body size
    /// and width changes a card's height).
    style: u64,
    /// Which search each measurement was last used in.
    search: u64,
    /// The body size the last search found (where the next one starts).
    last_body: Option<f32>,
    measured: HashMap<MeasureKey, (Measure, u64)>,
}

/// A piece of a card, by the card's content, at a body size and width.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct MeasureKey {
    card: u64,
    keywords: Range<usize>,
    continued: bool,
    body: u32,
    width: u32,
}

impl FitCache {
    /// Starts a search in `style`: forgets everything when the style or
    /// the fonts changed.
    fn begin(&mut self, fonts: &mut FontsView<'_>, style: &BoardStyle<'_>) {
        // The fonts, recognised by a few of their measures.
        let mut faces = Vec::new();
        for font in [regular(16.0), bold(16.0)] {
            faces.push(fonts.row_height(&font).to_bits());
            for c in ['W', 'i', '⊗'] {
                faces.push(fonts.glyph_width(&font, c).to_bits());
            }
        }
        let key = egui::util::hash((
            faces,
            style.pixels_per_point.to_bits(),
            style.title_marker,
            style.continued,
        ));
        if key != self.style {
            self.measured.clear();
            self.style = key;
        }
        self.search += 1;
    }

    /// Forgets what the search just finished did not use.
    fn end(&mut self) {
        let search = self.search;
        self.measured.retain(|_, (_, used)| *used == search);
    }
}

/// What a card's size depends on: its texts and which words are bold, not
/// their colours (a new shared word moves the colours of other words).
fn measure_key(card: &CardText<'_>) -> u64 {
    egui::util::hash((
        card.title,
        card.organisation,
        card.keywords
            .iter()
            .map(|k| {
                (
                    k.text,
                    k.highlighted,
                    k.shared
                        .iter()
                        .map(|(range, _)| range.clone())
                        .collect::<Vec<_>>(),
                )
            })
            .collect::<Vec<_>>(),
    ))
}

/// [`whiteboard_layout`] reusing (and updating) the measurements of an
/// earlier search: the same result, found faster when few cards changed.
#[must_use]
pub fn whiteboard_layout_cached(
    fonts: &mut FontsView<'_>,
    cards: &[CardText<'_>],
    style: &BoardStyle<'_>,
    cache: &mut FitCache,
) -> WhiteboardLayout {
    cache.begin(fonts, style);
    let mut board = Board {
        fonts,
        cards,
        style,
        card_keys: cards.iter().map(measure_key).collect(),
        cache,
    };
    let layout = search(&mut board);
    board.cache.end();
    layout
}

/// The auto-fit itself (see [`whiteboard_layout`]).
fn search(board: &mut Board<'_, '_, '_, '_, '_>) -> WhiteboardLayout {
    let (cards, style) = (board.cards, board.style);
    let whole: Vec<Piece> = cards
        .iter()
        .enumerate()
        .map(|(card, c)| Piece {
            card,
            keywords: 0..c.keywords.len(),
            continued: false,
        })
        .collect();
    if whole.is_empty() {
        return WhiteboardLayout {
            body_size: style.min_body,
            fits: true,
            pages: vec![BoardPage {
                pieces: Vec::new(),
                columns: 1,
            }],
            grid_size: style.size,
        };
    }

    let hint = board.cache.last_body;
    let fitted = largest_fitting_from(style.min_body, style.max_body, hint, |body| {
        board.any_fit(&whole, body, style.size)
    });
    board.cache.last_body = fitted;
    if let Some(body) = fitted {
        let columns = board
            .best_fit(&whole, body, style.size)
            .map_or(1, |fit| fit.columns);
        return WhiteboardLayout {
            body_size: body,
            fits: true,
            pages: vec![BoardPage {
                pieces: whole,
                columns,
            }],
            grid_size: style.size,
        };
    }

    // Pages at the minimum size, with a strip kept for the page indicator.
    let body = style.min_body;
    let metrics = Metrics::new(body);
    let indicator = board.line_height(body) + metrics.gap;
    let grid_size = vec2(style.size.x, (style.size.y - indicator).max(0.0));
    let pieces = board.split_long_cards(body, grid_size);
    let mut pages: Vec<BoardPage> = Vec::new();
    let mut start = 0;
    while start < pieces.len() {
        // Each page takes as many pieces as fit; pages tend to hold as many
        // as the page before, so the search starts there.
        let guess = pages.last().map_or(1, |p| p.pieces.len());
        let mut end = (start + guess).min(pieces.len());
        while end > start + 1 && !board.any_fit(&pieces[start..end], body, grid_size) {
            end -= 1;
        }
        while end < pieces.len() && board.any_fit(&pieces[start..=end], body, grid_size) {
            end += 1;
        }
        let page = &pieces[start..end];
        let columns = board
            .best_fit(page, body, grid_size)
            .map_or(1, |fit| fit.columns);
        pages.push(BoardPage {
            pieces: page.to_vec(),
            columns,
        });
        start = end;
    }
    WhiteboardLayout {
        body_size: body,
        fits: false,
        pages,
        grid_size,
    }
}

/// Lays out page `page` of `layout` (clamped to the last page): each card's
/// frame and texts, relative to the board's top left. Texts that would not
/// fit inside the grid (only possible when a single keyword is taller than
/// the board) are left out rather than cut off.
#[must_use]
pub fn place_page(
    fonts: &mut FontsView<'_>,
    cards: &[CardText<'_>],
    layout: &WhiteboardLayout,
    page: usize,
    style: &BoardStyle<'_>,
) -> Vec<PlacedCard> {
    let Some(page) = layout
        .pages
        .get(page.min(layout.pages.len().saturating_sub(1)))
    else {
        return Vec::new();
    };
    let mut cache = FitCache::default();
    let mut board = Board {
        fonts,
        cards,
        style,
        card_keys: Vec::new(),
        cache: &mut cache,
    };
    let metrics = layout.metrics();
    let columns = page.columns.max(1);
    let width = card_width(layout.grid_size.x, columns, metrics.gap);
    let bounds = Rect::from_min_size(Pos2::ZERO, layout.grid_size);
    let mut placed = Vec::new();
    let mut y = 0.0;
    for row in page.pieces.chunks(columns) {
        let laid: Vec<PieceLayout> = row
            .iter()
            .map(|piece| board.layout_piece(piece, metrics, width))
            .collect();
        let height = laid.iter().map(|p| p.height).fold(0.0, f32::max);
        for (column, (piece, laid)) in row.iter().zip(laid).enumerate() {
            let origin = Pos2::new(column as f32 * (width + metrics.gap), y);
            let rect = Rect::from_min_size(origin, vec2(width, height));
            let texts = laid
                .texts
                .into_iter()
                .map(|t| PlacedText {
                    rect: t.rect.translate(origin.to_vec2()),
                    ..t
                })
                .filter(|t| bounds.contains_rect(t.rect))
                .collect();
            placed.push(PlacedCard {
                rect: rect.intersect(bounds),
                texts,
                card: piece.card,
            });
        }
        y += height + metrics.gap;
    }
    placed
}

/// A hash of everything the auto-fit depends on, to keep its result between frames.
#[must_use]
pub fn layout_key(cards: &[CardText<'_>], style: &BoardStyle<'_>) -> u64 {
    egui::util::hash((
        cards,
        [
            style.size.x,
            style.size.y,
            style.pixels_per_point,
            style.min_body,
            style.max_body,
        ]
        .map(f32::to_bits),
        style.title_marker,
        style.continued,
    ))
}

fn card_width(total: f32, columns: usize, gap: f32) -> f32 {
    ((total - (columns.saturating_sub(1)) as f32 * gap) / columns.max(1) as f32).max(0.0)
}

/// A grid shape that fits, with what the tie-break needs.
#[derive(Debug, Clone, Copy)]
struct Fit {
    columns: usize,
    /// Text rows in all galleys (fewer means less wrapping).
    lines: usize,
}

/// A piece laid out at some width: its texts relative to the card's top left.
struct PieceLayout {
    height: f32,
    texts: Vec<PlacedText>,
    lines: usize,
    /// Whether some text had to break inside a word.
    broken_word: bool,
}

struct Board<'f, 'v, 'c, 's, 'm> {
    fonts: &'f mut FontsView<'v>,
    cards: &'c [CardText<'c>],
    style: &'s BoardStyle<'s>,
    /// A hash of each card's content, to find its measurements in `cache`.
    card_keys: Vec<u64>,
    /// Measured pieces, by card content, body size and width: the search
    /// asks for the same ones again and again, and the next search too.
    cache: &'m mut FitCache,
}

/// What the search needs to know about a laid-out piece.
#[derive(Debug, Clone, Copy)]
struct Measure {
    height: f32,
    lines: usize,
    broken_word: bool,
}

impl Board<'_, '_, '_, '_, '_> {
    fn line_height(&mut self, size: f32) -> f32 {
        self.fonts
            .row_height(&FontId::new(size, FontFamily::Proportional))
    }

    /// The grid shapes worth trying for `n` pieces: for each number of
    /// rows, the fewest columns that hold them.
    fn shapes(n: usize) -> Vec<usize> {
        let mut columns: Vec<usize> = (1..=n).map(|rows| n.div_ceil(rows)).collect();
        columns.dedup();
        columns
    }

    /// Whether the pieces fit in `size` at body size `body` in any grid shape.
    fn any_fit(&mut self, pieces: &[Piece], body: f32, size: Vec2) -> bool {
        Self::shapes(pieces.len())
            .into_iter()
            .any(|columns| self.try_shape(pieces, body, size, columns).is_some())
    }

    /// The best fitting shape: the least wrapping, then the fewest columns.
    fn best_fit(&mut self, pieces: &[Piece], body: f32, size: Vec2) -> Option<Fit> {
        Self::shapes(pieces.len())
            .into_iter()
            .filter_map(|columns| self.try_shape(pieces, body, size, columns))
            .min_by_key(|fit| (fit.lines, fit.columns))
    }

    fn try_shape(
        &mut self,
        pieces: &[Piece],
        body: f32,
        size: Vec2,
        columns: usize,
    ) -> Option<Fit> {
        let metrics = Metrics::new(body);
        let width = card_width(size.x, columns, metrics.gap);
        // Cards narrower than a few words wrap into towers; not worth a try.
        if columns > 1 && width - 2.0 * metrics.padding < 5.0 * body {
            return None;
        }
        // A quick bound before any layout: each piece needs at least one
        // line for its name and one per keyword (a line counted a little
        // short, as line heights are rounded to pixels).
        let line = 0.9 * LINE_HEIGHT * body;
        let least = |piece: &Piece| {
            let keywords = piece.keywords.len() as f32;
            2.0 * metrics.padding
                + (1.0 + keywords) * line
                + if keywords > 0.0 {
                    metrics.header_gap + (keywords - 1.0) * metrics.keyword_gap
                } else {
                    0.0
                }
        };
        let bound: f32 = pieces
            .chunks(columns)
            .map(|row| row.iter().map(least).fold(0.0, f32::max) + metrics.gap)
            .sum::<f32>()
            - metrics.gap;
        if bound > size.y {
            return None;
        }
        let mut height = 0.0;
        let mut lines = 0;
        for row in pieces.chunks(columns) {
            let mut row_height: f32 = 0.0;
            for piece in row {
                let laid = self.measure(piece, metrics, width);
                if laid.broken_word && columns > 1 {
                    return None;
                }
                row_height = row_height.max(laid.height);
                lines += laid.lines;
            }
            if height > 0.0 {
                height += metrics.gap;
            }
            height += row_height;
            if height > size.y {
                return None;
            }
        }
        Some(Fit { columns, lines })
    }

    /// Splits each card that does not fit alone on a page into pieces that do.
    fn split_long_cards(&mut self, body: f32, size: Vec2) -> Vec<Piece> {
        let metrics = Metrics::new(body);
        let width = size.x;
        let mut pieces = Vec::new();
        for (index, card) in self.cards.iter().enumerate() {
            let whole = Piece {
                card: index,
                keywords: 0..card.keywords.len(),
                continued: false,
            };
            if card.keywords.len() <= 1 || self.measure(&whole, metrics, width).height <= size.y {
                pieces.push(whole);
                continue;
            }
            let mut start = 0;
            let mut continued = false;
            while start < card.keywords.len() {
                let mut end = start + 1;
                while end < card.keywords.len() {
                    let candidate = Piece {
                        card: index,
                        keywords: start..end + 1,
                        continued,
                    };
                    if self.measure(&candidate, metrics, width).height > size.y {
                        break;
                    }
                    end += 1;
                }
                pieces.push(Piece {
                    card: index,
                    keywords: start..end,
                    continued,
                });
                start = end;
                continued = true;
            }
        }
        pieces
    }

    /// The size of a piece in a card of `width` points, measured once.
    fn measure(&mut self, piece: &Piece, metrics: Metrics, width: f32) -> Measure {
        let key = MeasureKey {
            card: self.card_keys[piece.card],
            keywords: piece.keywords.clone(),
            continued: piece.continued,
            body: metrics.body.to_bits(),
            width: width.to_bits(),
        };
        let search = self.cache.search;
        if let Some((measure, used)) = self.cache.measured.get_mut(&key) {
            *used = search;
            return *measure;
        }
        let laid = self.layout_piece(piece, metrics, width);
        let measure = Measure {
            height: laid.height,
            lines: laid.lines,
            broken_word: laid.broken_word,
        };
        self.cache.measured.insert(key, (measure, search));
        measure
    }

    /// Lays out one piece in a card of `width` points.
    fn layout_piece(&mut self, piece: &Piece, metrics: Metrics, width: f32) -> PieceLayout {
        let palette = self.style.palette;
        let ppp = self.style.pixels_per_point;
        let card = &self.cards[piece.card];
        let inner = (width - 2.0 * metrics.padding).max(1.0);
        let left = metrics.padding;
        let mut y = metrics.padding;
        let mut texts = Vec::new();
        let mut lines = 0;
        let mut broken_word = false;
        let mut add = |texts: &mut Vec<PlacedText>, galley: &Arc<Galley>, pos: Pos2, content| {
            lines += galley.rows.len();
            broken_word |= breaks_inside_word(galley);
            texts.push(PlacedText {
                rect: Rect::from_min_size(pos, galley.size()),
                galley: Arc::clone(galley),
                content,
            });
        };

        let organisation_format = TextFormat {
            italics: true,
            ..text_format(regular(metrics.body), palette.muted, ppp)
        };
        let mut organisation = LayoutJob::default();
        organisation.append(card.organisation, 0.0, organisation_format.clone());
        if piece.continued {
            organisation.append(" ", 0.0, organisation_format.clone());
            organisation.append(self.style.continued, 0.0, organisation_format);
        }
        organisation.wrap.max_width = inner;
        let organisation = self.fonts.layout_job(organisation);

        if !piece.continued && !card.title.is_empty() {
            let title_format = text_format(bold(metrics.title), palette.title, ppp);
            let mut indent = 0.0;
            if self.style.title_marker {
                let marker = self
                    .fonts
                    .layout_job(single_line_format(TITLE_MARKER, title_format.clone()));
                indent = marker.size().x + 0.3 * metrics.title;
                add(&mut texts, &marker, Pos2::new(left, y), false);
            }
            let mut job = LayoutJob::single_section(card.title.to_owned(), title_format);
            job.wrap.max_width = (inner - indent).max(1.0);
            let title = self.fonts.layout_job(job);
            add(&mut texts, &title, Pos2::new(left + indent, y), true);
            // As on the whiteboard: "⊗ Title Municipality" on one line when
            // the name fits after the title's last line (baselines aligned).
            let space = 0.4 * metrics.body;
            let after = indent + last_row_right(&title) + space;
            if organisation.rows.len() == 1 && after + organisation.size().x <= inner {
                let shift = baseline(&title) - baseline(&organisation);
                let pos = Pos2::new(left + after, y + shift);
                add(&mut texts, &organisation, pos, true);
                y += title.size().y.max(shift + organisation.size().y);
            } else {
                y += title.size().y;
                add(&mut texts, &organisation, Pos2::new(left, y), true);
                y += organisation.size().y;
            }
        } else {
            add(&mut texts, &organisation, Pos2::new(left, y), true);
            y += organisation.size().y;
        }

        let keywords = card
            .keywords
            .get(piece.keywords.clone())
            .unwrap_or_default();
        if !keywords.is_empty() {
            y += metrics.header_gap;
            let bullet = self.fonts.layout_job(single_line_format(
                BULLET,
                text_format(regular(metrics.body), palette.muted, ppp),
            ));
            let indent = bullet.size().x + 0.35 * metrics.body;
            for (i, keyword) in keywords.iter().enumerate() {
                if i > 0 {
                    y += metrics.keyword_gap;
                }
                add(&mut texts, &bullet, Pos2::new(left, y), false);
                let galley = self.fonts.layout_job(keyword_job(
                    keyword,
                    metrics.body,
                    &palette,
                    inner - indent,
                    ppp,
                ));
                add(&mut texts, &galley, Pos2::new(left + indent, y), true);
                y += galley.size().y;
            }
        }
        PieceLayout {
            height: y + metrics.padding,
            texts,
            lines,
            broken_word,
        }
    }
}

/// The line height of card text, relative to its size: tighter than the
/// font's own (about 1.36), like set type on a slide.
pub const LINE_HEIGHT: f32 = 1.2;

/// The format of card text: `font` in `colour` with the card line height.
#[must_use]
pub fn text_format(font: FontId, colour: Color32, pixels_per_point: f32) -> TextFormat {
    let line_height = (LINE_HEIGHT * font.size * pixels_per_point).round() / pixels_per_point;
    TextFormat {
        font_id: font,
        color: colour,
        line_height: Some(line_height),
        ..TextFormat::default()
    }
}

/// Noto Sans at `size`.
pub(super) fn regular(size: f32) -> FontId {
    FontId::new(size, FontFamily::Proportional)
}

/// Noto Sans Bold at `size`.
pub(super) fn bold(size: f32) -> FontId {
    FontId::new(size, super::super::theme::bold_family())
}

/// A text on one line in `format`.
fn single_line_format(text: &str, format: TextFormat) -> LayoutJob {
    let mut job = LayoutJob::single_section(text.to_owned(), format);
    job.wrap.max_width = f32::INFINITY;
    job.halign = Align::LEFT;
    job
}

/// The right end of a galley's last row.
fn last_row_right(galley: &Galley) -> f32 {
    galley.rows.last().map_or(0.0, |row| row.rect().max.x)
}

/// The baseline of a galley's last row, from the galley's top.
fn baseline(galley: &Galley) -> f32 {
    galley.rows.last().map_or(0.0, |row| {
        row.pos.y
            + row
                .row
                .glyphs
                .first()
                .map_or(row.rect().height(), |g| g.pos.y)
    })
}

/// A keyword's text with its shared words coloured (and bold) and, when
/// highlighted, a marker-pen fill behind it.
#[must_use]
pub fn keyword_job(
    keyword: &KeywordText<'_>,
    size: f32,
    palette: &Palette,
    wrap: f32,
    pixels_per_point: f32,
) -> LayoutJob {
    let background = if keyword.highlighted {
        palette.highlight
    } else {
        Color32::TRANSPARENT
    };
    let plain = TextFormat {
        background,
        ..text_format(regular(size), palette.text, pixels_per_point)
    };
    let mut job = LayoutJob::default();
    let mut at = 0;
    for (range, colour) in &keyword.shared {
        let (Some(before), Some(word)) = (
            keyword.text.get(at..range.start),
            keyword.text.get(range.clone()),
        ) else {
            continue;
        };
        if !before.is_empty() {
            job.append(before, 0.0, plain.clone());
        }
        job.append(
            word,
            0.0,
            TextFormat {
                font_id: bold(size),
                color: palette.shared_colour(*colour),
                ..plain.clone()
            },
        );
        at = range.end;
    }
    if let Some(rest) = keyword.text.get(at..)
        && !rest.is_empty()
    {
        job.append(rest, 0.0, plain);
    }
    job.wrap.max_width = wrap.max(1.0);
    job
}

/// A text that wraps at `wrap` points.
#[must_use]
pub fn wrapped(text: &str, font: FontId, colour: Color32, wrap: f32) -> LayoutJob {
    LayoutJob::simple(text.to_owned(), font, colour, wrap.max(1.0))
}

/// A text on one line.
#[must_use]
pub fn single_line(text: &str, font: FontId, colour: Color32) -> LayoutJob {
    let mut job = LayoutJob::simple_singleline(text.to_owned(), font, colour);
    job.halign = Align::LEFT;
    job
}

/// Whether the layout broke a line inside a word (letters on both sides of
/// a wrap that is not a line break of the text).
#[must_use]
pub fn breaks_inside_word(galley: &Galley) -> bool {
    galley.rows.windows(2).any(|pair| {
        !pair[0].ends_with_newline
            && pair[0]
                .row
                .glyphs
                .last()
                .is_some_and(|g| g.chr.is_alphanumeric())
            && pair[1]
                .row
                .glyphs
                .first()
                .is_some_and(|g| g.chr.is_alphanumeric())
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use egui::epaint::text::{Fonts, MissingGlyphPolicy, TextOptions};

    use super::*;
    use crate::ui::projector::BeamerTheme;
    use crate::ui::projector::shared::shared_words;
    use crate::ui::projector::theme::palette;

    pub(crate) fn fonts() -> Fonts {
        Fonts::new(TextOptions::default(), crate::ui::theme::font_definitions())
            .with_missing_glyph_policy(MissingGlyphPolicy::Panic)
    }

    pub(crate) fn sample() -> Session {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/sessions/2020-02-04-m50-democratische-vernieuwing.json"
        );
        crate::store::load_session(std::path::Path::new(path)).expect("the sample loads")
    }

    fn style(size: Vec2) -> BoardStyle<'static> {
        BoardStyle::readable(size, size.y, 0.05, 1.0, palette(BeamerTheme::Light))
    }

    #[test]
    fn a_search_reusing_measurements_finds_what_a_fresh_search_finds() {
        let mut fonts = fonts();
        let mut fonts = fonts.with_pixels_per_point(1.0);
        let style = style(vec2(1920.0, 1080.0));
        let mut cache = FitCache::default();
        for mut session in [sample(), crate::model::stress::stress_session(60, 25, 200)] {
            let mut kept = Vec::new();
            for step in 0..3 {
                let shared = shared_words(&session);
                let cards = card_texts(&session, &shared);
                let cached = whiteboard_layout_cached(&mut fonts, &cards, &style, &mut cache);
                let fresh = whiteboard_layout(&mut fonts, &cards, &style);
                assert_eq!(cached, fresh, "step {step}");
                kept.push(cache.measured.len());
                // One card changes: a long keyword that shares "raad".
                let first = session.experiments[0].id.clone();
                let _ = session.add_keyword(&first, "een lang trefwoord over de raad");
            }
            assert!(
                kept[2] <= kept[0] + kept[0] / 2,
                "the cache keeps only what the last search used: {kept:?}"
            );
        }
    }

    #[test]
    fn measurements_are_taken_afresh_when_the_fonts_change() {
        let session = sample();
        let cards = card_texts(&session, &HashMap::new());
        let style = style(vec2(1920.0, 1080.0));
        let mut cache = FitCache::default();
        // egui's own Ubuntu Light first: other widths, other heights.
        let mut other = crate::ui::theme::font_definitions();
        if let Some(family) = other.families.get_mut(&FontFamily::Proportional) {
            family.insert(0, "Ubuntu-Light".into());
        }
        let mut other = Fonts::new(TextOptions::default(), other);
        let before = whiteboard_layout_cached(
            &mut other.with_pixels_per_point(1.0),
            &cards,
            &style,
            &mut cache,
        );
        let mut ours = fonts();
        let mut ours = ours.with_pixels_per_point(1.0);
        let fresh = whiteboard_layout(&mut ours, &cards, &style);
        assert_ne!(
            before, fresh,
            "the test needs fonts that lay out differently"
        );
        let cached = whiteboard_layout_cached(&mut ours, &cards, &style, &mut cache);
        assert_eq!(cached, fresh);
    }

    /// Every placed text lies inside the grid, and no two cards overlap.
    fn assert_inside(placed: &[PlacedCard], grid: Vec2) {
        let bounds = Rect::from_min_size(Pos2::ZERO, grid);
        for (i, card) in placed.iter().enumerate() {
            assert!(
                bounds.contains_rect(card.rect),
                "card {i} at {:?}",
                card.rect
            );
            for text in &card.texts {
                assert!(
                    card.rect.contains_rect(text.rect),
                    "text of card {i} leaves it"
                );
            }
            for other in &placed[i + 1..] {
                assert!(!card.rect.shrink(0.5).intersects(other.rect.shrink(0.5)));
            }
        }
    }

    #[test]
    fn the_sample_fits_well_above_the_minimum_at_common_beamer_sizes() {
        let session = sample();
        let shared = shared_words(&session);
        let cards = card_texts(&session, &shared);
        assert_eq!(cards.len(), 12);
        let mut fonts = fonts();
        let mut fonts = fonts.with_pixels_per_point(1.0);
        for (w, h) in [(1920.0, 1080.0), (1280.0, 720.0), (1024.0, 768.0)] {
            let style = style(vec2(w, h));
            let layout = whiteboard_layout(&mut fonts, &cards, &style);
            let minimum = 0.02 * h;
            eprintln!(
                "{w}x{h}: body {:.1} px (minimum {minimum:.1}), {} columns",
                layout.body_size, layout.pages[0].columns
            );
            assert!(layout.fits);
            assert_eq!(layout.pages.len(), 1);
            assert!(layout.body_size >= minimum, "{w}x{h}: {}", layout.body_size);
            if h >= 1080.0 {
                // A full-HD beamer shows the whole sample clearly above the minimum.
                assert!(layout.body_size >= 25.0, "{w}x{h}: {}", layout.body_size);
            }
            let placed = place_page(&mut fonts, &cards, &layout, 0, &style);
            assert_eq!(placed.len(), 12);
            assert_inside(&placed, layout.grid_size);
            let keywords: usize = placed
                .iter()
                .map(|c| c.texts.iter().filter(|t| t.content).count())
                .sum();
            assert_eq!(keywords, 66 + 12 + 12, "every keyword, title and name");
        }
    }

    #[test]
    fn the_layout_is_the_largest_that_fits() {
        let session = sample();
        let cards = card_texts(&session, &HashMap::new());
        let mut fonts = fonts();
        let mut fonts = fonts.with_pixels_per_point(1.0);
        let style = style(vec2(1920.0, 1080.0));
        let layout = whiteboard_layout(&mut fonts, &cards, &style);
        let mut cache = FitCache::default();
        let mut board = Board {
            fonts: &mut fonts,
            cards: &cards,
            style: &style,
            card_keys: cards.iter().map(measure_key).collect(),
            cache: &mut cache,
        };
        let next = layout.body_size + style.min_body / LADDER_STEPS;
        assert!(next <= style.max_body, "the search stopped below the top");
        let whole: Vec<Piece> = (0..cards.len())
            .map(|card| Piece {
                card,
                keywords: 0..cards[card].keywords.len(),
                continued: false,
            })
            .collect();
        assert!(board.any_fit(&whole, layout.body_size, style.size));
        assert!(
            !board.any_fit(&whole, next, style.size),
            "one step up does not fit"
        );
    }

    #[test]
    fn a_huge_board_pages_at_the_minimum_and_never_overflows() {
        let titles: Vec<String> = (0..60).map(|i| format!("Experiment nummer {i}")).collect();
        let names: Vec<String> = (0..60).map(|i| format!("Gemeente {i}")).collect();
        let keywords: Vec<Vec<String>> = (0..60)
            .map(|i| {
                (0..25)
                    .map(|k| format!("trefwoord {k} van gemeente {i} met wat uitleg"))
                    .collect()
            })
            .collect();
        let cards: Vec<CardText<'_>> = (0..60)
            .map(|i| CardText {
                title: &titles[i],
                organisation: &names[i],
                keywords: keywords[i]
                    .iter()
                    .map(|k| KeywordText {
                        text: k,
                        highlighted: false,
                        shared: Vec::new(),
                    })
                    .collect(),
            })
            .collect();
        let mut fonts = fonts();
        let mut fonts = fonts.with_pixels_per_point(1.0);
        let style = style(vec2(1920.0, 1080.0));
        let layout = whiteboard_layout(&mut fonts, &cards, &style);
        assert!(!layout.fits);
        assert!(layout.pages.len() > 1);
        assert!((layout.body_size - 21.6).abs() < 0.01);
        eprintln!("stress: {} pages", layout.pages.len());
        let mut seen = vec![0usize; 60];
        for page in 0..layout.pages.len() {
            let placed = place_page(&mut fonts, &cards, &layout, page, &style);
            assert_inside(&placed, layout.grid_size);
            for card in &placed {
                // Title or continuation, name and keywords: all there.
                let content = card.texts.iter().filter(|t| t.content).count();
                assert!(content >= 2, "card {} lost its texts", card.card);
            }
            for piece in &layout.pages[page].pieces {
                seen[piece.card] += piece.keywords.len();
            }
        }
        assert!(
            seen.iter().all(|&n| n == 25),
            "every keyword is on some page"
        );
    }

    /// The sample's twelve cards, each with a word of `letters` letters
    /// added, as the beamer gets them ([`crate::model::clean::screen_copy`]
    /// when `as_shown`), laid out on a full-HD beamer.
    fn board_with_long_words(letters: usize, as_shown: bool) -> WhiteboardLayout {
        let mut session = sample();
        for (i, experiment) in session.experiments.iter_mut().enumerate() {
            experiment.keywords[0].text = format!("woord{i}{}", "x".repeat(letters));
        }
        if as_shown {
            session = crate::model::clean::screen_copy(&session);
        }
        let cards = card_texts(&session, &HashMap::new());
        let mut fonts = fonts();
        let mut fonts = fonts.with_pixels_per_point(1.0);
        whiteboard_layout(&mut fonts, &cards, &style(vec2(1920.0, 1080.0)))
    }

    #[test]
    fn very_long_words_do_not_give_each_card_a_page() {
        // As a file could hold them before issue 20: 10 000 letters per word.
        let raw = board_with_long_words(10_000, false);
        assert!(raw.pages.len() >= 12, "{} pages", raw.pages.len());
        // As the beamer shows them: cut at 40 characters, all on one board.
        let shown = board_with_long_words(10_000, true);
        assert_eq!(shown.pages.len(), 1, "{} pages", shown.pages.len());
        // The longest keyword typing allows (500 characters, one word).
        let typed = board_with_long_words(495, true);
        assert_eq!(typed.pages.len(), 1);
    }

    #[test]
    fn a_card_longer_than_the_board_is_split_into_pieces() {
        let keywords: Vec<String> = (0..80).map(|k| format!("punt {k}")).collect();
        let cards = vec![CardText {
            title: "Lang",
            organisation: "Zeist",
            keywords: keywords
                .iter()
                .map(|k| KeywordText {
                    text: k,
                    highlighted: false,
                    shared: Vec::new(),
                })
                .collect(),
        }];
        let mut fonts = fonts();
        let mut fonts = fonts.with_pixels_per_point(1.0);
        let style = style(vec2(1280.0, 720.0));
        let layout = whiteboard_layout(&mut fonts, &cards, &style);
        assert!(!layout.fits);
        let pieces: Vec<&Piece> = layout.pages.iter().flat_map(|p| &p.pieces).collect();
        assert!(pieces.len() > 1);
        assert!(!pieces[0].continued && pieces[1].continued);
        for page in 0..layout.pages.len() {
            let placed = place_page(&mut fonts, &cards, &layout, page, &style);
            assert_inside(&placed, layout.grid_size);
        }
    }

    #[test]
    fn a_hint_finds_the_same_size_with_fewer_probes() {
        let (min, max) = (20.0, 50.0);
        let ladder: Vec<f32> = (0..40)
            .map(|k| min * (1.0 + k as f32 / LADDER_STEPS))
            .collect();
        for threshold in [10.0, 20.0, 21.0, 27.3, 35.0, 49.9, 60.0] {
            let fits = |size: f32| size <= threshold;
            let plain = largest_fitting(min, max, fits);
            for hint in ladder.iter().copied().map(Some).chain([None, Some(23.4)]) {
                assert_eq!(
                    largest_fitting_from(min, max, hint, fits),
                    plain,
                    "threshold {threshold}, hint {hint:?}"
                );
            }
            // The answer as hint: two probes at most.
            let mut probes = 0;
            largest_fitting_from(min, max, plain, |size| {
                probes += 1;
                fits(size)
            });
            assert!(
                plain.is_none() || probes <= 2,
                "{threshold}: {probes} probes"
            );
        }
    }

    #[test]
    fn shared_words_are_coloured_alike_in_different_cards() {
        let session = sample();
        let shared = shared_words(&session);
        let raad = crate::model::themes::word_key("raad").expect("raad counts");
        assert_eq!(shared.get(&raad), Some(&0), "raad is the most shared word");
        let cards = card_texts(&session, &shared);
        let palette = palette(BeamerTheme::Light);
        let colour_of_raad = |card: &CardText<'_>, text: &str| {
            let keyword = card
                .keywords
                .iter()
                .find(|k| k.text == text)
                .expect("the keyword is on the card");
            let job = keyword_job(keyword, 20.0, &palette, 300.0, 1.0);
            job.sections
                .iter()
                .find(|s| {
                    let range = s.byte_range.start.0..s.byte_range.end.0;
                    job.text[range].eq_ignore_ascii_case("raad")
                })
                .map(|s| s.format.color)
                .expect("raad has its own section")
        };
        let meijerijstad = colour_of_raad(&cards[0], "raad 1^o woord");
        let coevorden = cards
            .iter()
            .find(|c| c.organisation == "Coevorden")
            .expect("Coevorden has a card");
        let other = colour_of_raad(coevorden, "voorkant kaders raad");
        assert_eq!(meijerijstad, other);
        assert_eq!(meijerijstad, palette.shared[0]);
        assert_ne!(meijerijstad, palette.text);
    }

    #[test]
    fn every_symbol_is_in_the_bundled_fonts() {
        let mut fonts = fonts();
        let bold = FontId::new(20.0, crate::ui::theme::bold_family());
        let regular = FontId::proportional(20.0);
        for symbol in [TITLE_MARKER, BULLET, "–", "·", "→", "/", "+"] {
            assert!(fonts.has_glyphs(&regular, symbol), "{symbol} regular");
            assert!(fonts.has_glyphs(&bold, symbol), "{symbol} bold");
        }
    }

    #[test]
    fn a_word_too_long_for_a_card_is_detected() {
        let mut fonts = fonts();
        let mut fonts = fonts.with_pixels_per_point(1.0);
        let palette = palette(BeamerTheme::Light);
        let long = fonts.layout_job(wrapped(
            "gebiedsgerichtwerkenzonderspaties",
            FontId::proportional(20.0),
            palette.text,
            80.0,
        ));
        assert!(breaks_inside_word(&long));
        let words = fonts.layout_job(wrapped(
            "open gesprek met inwoners",
            FontId::proportional(20.0),
            palette.text,
            120.0,
        ));
        assert!(words.rows.len() > 1);
        assert!(!breaks_inside_word(&words));
    }
}
