//! The PDF's page layout, apart from the PDF library: every block of the
//! report becomes a list of unbreakable elements (a line of text, a table
//! row, a photo) with the space before it and whether it must stay on the
//! page of the next one; [`paginate`] then fills A4 pages with them.
//!
//! The rules that make it read like a document: a heading is never the last
//! thing on a page (it keeps with the first lines after it), a lead-in
//! bullet keeps with its first sub-bullet, a paragraph leaves no single
//! line behind or ahead (orphans and widows), a table row is never split
//! (unless it is taller than a page) and a table that runs on repeats its
//! header row, and a photo stays with its caption and is at most 12 cm high.
//!
//! Alongside, the logical structure is built in reading order (headings,
//! paragraphs, lists, tables, figures): the PDF's tag tree.

use super::text::{Fonts, LEADING, Line, Piece, Rgb, Style, Typesetter};
use crate::report::doc::{
    Block, Document, Figure, ListItem, MAX_LIST_DEPTH, Section, Span, SpanStyle, Table,
};

/// A4 in points.
pub const PAGE_WIDTH: f32 = 595.276;
/// A4 in points.
pub const PAGE_HEIGHT: f32 = 841.89;
/// 2.5 cm left and right.
pub const MARGIN_SIDE: f32 = 70.866;
/// Where the body starts and ends; the running header and footer sit above and below.
pub const BODY_TOP: f32 = 68.0;
/// Where the body ends.
pub const BODY_BOTTOM: f32 = PAGE_HEIGHT - 68.0;
/// The width of the text.
pub const TEXT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN_SIDE;
/// The highest a photo may be: 12 cm, so a portrait photo leaves room for
/// its caption and the text after it.
pub const MAX_IMAGE_HEIGHT: f32 = 340.157;

/// Colours, as in the HTML's style sheet.
pub const TEXT: Rgb = Rgb(0x1a, 0x1a, 0x1a);
/// Secondary text: subtitle, captions, notes, running header and footer.
pub const MUTED: Rgb = Rgb(0x4a, 0x4a, 0x4a);
/// Headings.
pub const ACCENT: Rgb = Rgb(0x15, 0x42, 0x73);
/// The draft mark.
pub const CONCEPT: Rgb = Rgb(0x8a, 0x1c, 0x00);
const CONCEPT_FILL: Rgb = Rgb(0xff, 0xf3, 0xee);
const RULE: Rgb = Rgb(0x8a, 0x8a, 0x8a);
const HEADER_FILL: Rgb = Rgb(0xe8, 0xee, 0xf6);

const BODY_SIZE: f32 = 10.5;
const TABLE_SIZE: f32 = 9.5;
const LIST_INDENT: f32 = 14.0;
const MARKER_WIDTH: f32 = 12.0;
const CELL_PAD_X: f32 = 5.0;
const CELL_PAD_Y: f32 = 3.0;
/// Noto Sans's ascender and descender, in em.
const ASCENT: f32 = 1.069;
const DESCENT: f32 = 0.293;

/// A leaf of the structure tree: one piece of drawn content.
pub type LeafId = usize;

/// What a node of the structure tree is.
#[derive(Debug, Clone, PartialEq)]
pub enum Tag {
    /// A heading of level 1–6, with its text.
    Heading(u8, String),
    /// A paragraph.
    Paragraph,
    /// A bulleted list.
    List,
    /// A list item.
    ListItem,
    /// A list item's bullet.
    Label,
    /// A list item's text and sub-list.
    ListBody,
    /// A table.
    Table,
    /// The table's header rows.
    TableHead,
    /// The table's body rows.
    TableBody,
    /// A table row.
    Row,
    /// A header cell (for its column).
    HeaderCell,
    /// A data cell.
    Cell,
    /// A photo, with its text alternative.
    Figure(String),
    /// A photo's caption.
    Caption,
    /// No element of its own: the children belong to the parent (a block
    /// that yields several siblings, such as the facts); see [`flatten`].
    Splice,
}

/// A node of the structure tree.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// A structure element with its children in reading order.
    Group(Tag, Vec<Node>),
    /// Drawn content.
    Leaf(LeafId),
}

/// Something to draw, relative to its element's top left corner (x from
/// the left margin).
#[derive(Debug, Clone, PartialEq)]
pub enum Draw {
    /// A line of text; without a leaf it is an artifact (a repeated table header).
    Text {
        /// Left edge.
        x: f32,
        /// Baseline.
        baseline: f32,
        /// The shaped line.
        line: Line,
        /// Its place in the structure tree.
        leaf: Option<LeafId>,
    },
    /// A photo.
    Image {
        /// Left edge.
        x: f32,
        /// Top edge.
        y: f32,
        /// Width in points.
        width: f32,
        /// Height in points.
        height: f32,
        /// Which of [`Layout::figures`].
        figure: usize,
        /// Its place in the structure tree.
        leaf: LeafId,
    },
    /// A filled and/or outlined rectangle (always an artifact: layout).
    Rect {
        /// Left edge.
        x: f32,
        /// Top edge.
        y: f32,
        /// Width.
        width: f32,
        /// Height.
        height: f32,
        /// Fill colour.
        fill: Option<Rgb>,
        /// Outline colour and width.
        stroke: Option<(Rgb, f32)>,
    },
}

/// An unbreakable slab of the page.
#[derive(Debug, Clone, PartialEq)]
pub struct Element {
    /// Its height in points.
    pub height: f32,
    /// Space above it, dropped at the top of a page.
    pub space_before: f32,
    /// Whether it must be on the same page as the next element.
    pub keep_with_next: bool,
    /// What to draw.
    pub draws: Vec<Draw>,
    /// For a table row: the header row to repeat above it when it starts a page.
    pub repeat_header: Option<usize>,
    /// For a heading: its level in the outline (1 or 2) and text.
    pub outline: Option<(u8, String)>,
}

impl Element {
    fn new(height: f32, space_before: f32, draws: Vec<Draw>) -> Self {
        Self {
            height,
            space_before,
            keep_with_next: false,
            draws,
            repeat_header: None,
            outline: None,
        }
    }
}

/// The report laid out, before pagination.
#[derive(Debug)]
pub struct Layout<'d> {
    /// The elements in reading order.
    pub elements: Vec<Element>,
    /// Each table's header row as an artifact, to repeat on later pages.
    pub headers: Vec<Element>,
    /// The structure tree's top-level nodes, in reading order.
    pub tree: Vec<Node>,
    /// The photos, by [`Draw::Image::figure`].
    pub figures: Vec<&'d Figure>,
    /// How many leaves there are.
    pub leaves: usize,
}

/// What is placed on a page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Source {
    /// One of [`Layout::elements`].
    Element(usize),
    /// A repeated table header from [`Layout::headers`].
    Header(usize),
}

/// An element on a page, at `y` points below the top of the body.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placed {
    /// Distance from the top of the body.
    pub y: f32,
    /// What is placed.
    pub source: Source,
}

/// One page: what is on it, top to bottom.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    /// The placed elements.
    pub placed: Vec<Placed>,
}

/// The height of a line of text at `size`.
#[must_use]
pub fn line_height(size: f32) -> f32 {
    size * LEADING
}

/// The baseline of a line of text at `size`, from the line's top.
#[must_use]
pub fn baseline(size: f32) -> f32 {
    (line_height(size) - (ASCENT + DESCENT) * size) / 2.0 + ASCENT * size
}

fn style(size: f32, bold: bool, italic: bool, color: Rgb) -> Style {
    Style {
        size,
        bold,
        italic,
        color,
    }
}

fn body() -> Style {
    style(BODY_SIZE, false, false, TEXT)
}

/// The list bullets by level, as in the Word document.
const MARKERS: [&str; 3] = ["•", "–", "•"];

struct Builder<'d, 'f> {
    setter: Typesetter<'f>,
    elements: Vec<Element>,
    headers: Vec<Element>,
    figures: Vec<&'d Figure>,
    leaves: usize,
}

/// Lays out `doc` with `fonts`.
pub fn build<'d>(doc: &'d Document, fonts: &Fonts) -> Layout<'d> {
    let mut b = Builder {
        setter: Typesetter::new(fonts),
        elements: Vec::new(),
        headers: Vec::new(),
        figures: Vec::new(),
        leaves: 0,
    };
    let mut tree = Vec::new();
    for block in &doc.blocks {
        tree.push(b.block(block));
    }
    Layout {
        elements: b.elements,
        headers: b.headers,
        tree,
        figures: b.figures,
        leaves: b.leaves,
    }
}

impl<'d> Builder<'d, '_> {
    fn leaf(&mut self) -> LeafId {
        self.leaves += 1;
        self.leaves - 1
    }

    /// Lines as elements, one per line, at `x`; the first gets
    /// `space_before`, the last `keep_last`; orphans and widows are kept
    /// together. Returns the lines' leaves.
    fn line_elements(
        &mut self,
        lines: Vec<Line>,
        x: f32,
        space_before: f32,
        keep_last: bool,
        mut first_extra: Vec<Draw>,
    ) -> Vec<Node> {
        let count = lines.len();
        let mut leaves = Vec::with_capacity(count);
        for (i, line) in lines.into_iter().enumerate() {
            let size = if line.size > 0.0 {
                line.size
            } else {
                BODY_SIZE
            };
            let leaf = self.leaf();
            leaves.push(Node::Leaf(leaf));
            let mut draws = std::mem::take(&mut first_extra);
            draws.push(Draw::Text {
                x,
                baseline: baseline(size),
                line,
                leaf: Some(leaf),
            });
            let mut element = Element::new(
                line_height(size),
                if i == 0 { space_before } else { 0.0 },
                draws,
            );
            element.keep_with_next = if i + 1 == count {
                keep_last
            } else {
                count <= 3 || i == 0 || i + 2 == count
            };
            self.elements.push(element);
        }
        leaves
    }

    fn text(
        &mut self,
        pieces: &[Piece<'_>],
        x: f32,
        space_before: f32,
        keep_last: bool,
    ) -> Vec<Node> {
        let lines = self.setter.lines(pieces, TEXT_WIDTH - x);
        self.line_elements(lines, x, space_before, keep_last, Vec::new())
    }

    fn block(&mut self, block: &'d Block) -> Node {
        let keep = block.keeps_with_next();
        match block {
            Block::Title(text) => {
                let first = self.elements.len();
                let leaves = self.text(
                    &[Piece {
                        text,
                        style: style(22.0, true, false, ACCENT),
                    }],
                    0.0,
                    0.0,
                    keep,
                );
                self.set_outline(first, 1, text);
                Node::Group(Tag::Heading(1, text.clone()), leaves)
            }
            Block::Subtitle(text) => {
                let leaves = self.text(
                    &[Piece {
                        text,
                        style: style(13.0, false, false, MUTED),
                    }],
                    0.0,
                    2.0,
                    keep,
                );
                Node::Group(Tag::Paragraph, leaves)
            }
            Block::ConceptMark { label, note } => self.concept_mark(label, note),
            Block::Facts(facts) => {
                let label_width = facts
                    .iter()
                    .map(|f| {
                        let label = format!("{}:", f.label);
                        self.setter
                            .lines(
                                &[Piece {
                                    text: &label,
                                    style: style(BODY_SIZE, true, false, TEXT),
                                }],
                                f32::MAX,
                            )
                            .first()
                            .map_or(0.0, |l| l.width)
                    })
                    .fold(0.0_f32, f32::max);
                let column = (label_width + 10.0).min(TEXT_WIDTH * 0.3);
                let mut paragraphs = Vec::new();
                for (i, fact) in facts.iter().enumerate() {
                    let label = format!("{}:", fact.label);
                    let label_lines = self.setter.lines(
                        &[Piece {
                            text: &label,
                            style: style(BODY_SIZE, true, false, TEXT),
                        }],
                        column - 6.0,
                    );
                    let value_lines = self.setter.lines(
                        &[Piece {
                            text: &fact.value,
                            style: body(),
                        }],
                        TEXT_WIDTH - column,
                    );
                    let mut draws = Vec::new();
                    let mut leaves = Vec::new();
                    let height = line_height(BODY_SIZE);
                    for (x, lines) in [(0.0, label_lines), (column, value_lines)] {
                        for (row, line) in lines.into_iter().enumerate() {
                            let leaf = self.leaf();
                            leaves.push(Node::Leaf(leaf));
                            draws.push(Draw::Text {
                                x,
                                baseline: row as f32 * height + baseline(BODY_SIZE),
                                line,
                                leaf: Some(leaf),
                            });
                        }
                    }
                    let rows = draws
                        .iter()
                        .filter_map(|d| match d {
                            Draw::Text { baseline: b, .. } => Some(*b),
                            _ => None,
                        })
                        .fold(0.0_f32, f32::max);
                    let element = Element::new(
                        rows - baseline(BODY_SIZE) + height,
                        if i == 0 { 8.0 } else { 1.0 },
                        draws,
                    );
                    self.elements.push(element);
                    paragraphs.push(Node::Group(Tag::Paragraph, leaves));
                }
                Node::Group(Tag::Splice, paragraphs)
            }
            Block::Heading { level, text, .. } => {
                let (size, space, tag_level) = if *level <= 1 {
                    (15.0, 16.0, 2)
                } else {
                    (12.5, 10.0, 3)
                };
                let first = self.elements.len();
                let leaves = self.text(
                    &[Piece {
                        text,
                        style: style(size, true, false, ACCENT),
                    }],
                    0.0,
                    space,
                    true,
                );
                self.set_outline(first, (*level).clamp(1, 2) + 1, text);
                if *level <= 1
                    && let Some(last) = self.elements.last_mut()
                {
                    // A rule under a section heading, as in the HTML.
                    last.draws.push(Draw::Rect {
                        x: 0.0,
                        y: last.height + 1.5,
                        width: TEXT_WIDTH,
                        height: 0.6,
                        fill: Some(RULE),
                        stroke: None,
                    });
                    last.height += 5.0;
                }
                Node::Group(Tag::Heading(tag_level, text.clone()), leaves)
            }
            Block::Paragraph(spans) => {
                let pieces = pieces(spans, BODY_SIZE, TEXT);
                let leaves = self.text(&pieces, 0.0, 6.0, keep);
                Node::Group(Tag::Paragraph, leaves)
            }
            Block::Note(text) => {
                let leaves = self.text(
                    &[Piece {
                        text,
                        style: style(BODY_SIZE, false, true, MUTED),
                    }],
                    0.0,
                    6.0,
                    false,
                );
                Node::Group(Tag::Paragraph, leaves)
            }
            Block::Bullets(items) => self.list(items, 0, 5.0),
            Block::Table(table) => self.table(table),
            Block::Figure(figure) => self.figure(figure),
        }
    }

    fn set_outline(&mut self, index: usize, level: u8, text: &str) {
        if let Some(element) = self.elements.get_mut(index) {
            element.outline = Some((level, text.to_owned()));
        }
    }

    /// "CONCEPT – …" in a box, as in the HTML.
    fn concept_mark(&mut self, label: &str, note: &str) -> Node {
        const PAD_X: f32 = 8.0;
        const PAD_Y: f32 = 4.0;
        let label = label.to_uppercase();
        let note = format!(" – {note}");
        let lines = self.setter.lines(
            &[
                Piece {
                    text: &label,
                    style: style(BODY_SIZE, true, false, CONCEPT),
                },
                Piece {
                    text: &note,
                    style: style(BODY_SIZE, false, false, CONCEPT),
                },
            ],
            TEXT_WIDTH - 2.0 * PAD_X,
        );
        let height = line_height(BODY_SIZE);
        let width = lines.iter().map(|l| l.width).fold(0.0_f32, f32::max) + 2.0 * PAD_X;
        let box_height = lines.len() as f32 * height + 2.0 * PAD_Y;
        let mut draws = vec![Draw::Rect {
            x: 0.0,
            y: 0.0,
            width,
            height: box_height,
            fill: Some(CONCEPT_FILL),
            stroke: Some((CONCEPT, 1.5)),
        }];
        let mut leaves = Vec::new();
        for (row, line) in lines.into_iter().enumerate() {
            let leaf = self.leaf();
            leaves.push(Node::Leaf(leaf));
            draws.push(Draw::Text {
                x: PAD_X,
                baseline: PAD_Y + row as f32 * height + baseline(BODY_SIZE),
                line,
                leaf: Some(leaf),
            });
        }
        self.elements.push(Element::new(box_height, 8.0, draws));
        Node::Group(Tag::Paragraph, leaves)
    }

    /// A list at `depth`: each item a bullet and its lines, then its sub-list.
    fn list(&mut self, items: &[ListItem], depth: usize, space_before: f32) -> Node {
        let level = depth.min(MAX_LIST_DEPTH - 1);
        let x = level as f32 * LIST_INDENT;
        let marker_style = style(BODY_SIZE, false, false, TEXT);
        let mut nodes = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let marker = self
                .setter
                .lines(
                    &[Piece {
                        text: MARKERS[level % MARKERS.len()],
                        style: marker_style,
                    }],
                    f32::MAX,
                )
                .into_iter()
                .next()
                .unwrap_or_default();
            let marker_leaf = self.leaf();
            let marker_draw = Draw::Text {
                x: x + 2.0,
                baseline: baseline(BODY_SIZE),
                line: marker,
                leaf: Some(marker_leaf),
            };
            let space = if i == 0 {
                space_before
            } else if depth == 0 && !item.children.is_empty() {
                4.0
            } else {
                1.5
            };
            let lines = self.setter.lines(
                &pieces(&item.content, BODY_SIZE, TEXT),
                TEXT_WIDTH - x - MARKER_WIDTH,
            );
            let mut body = self.line_elements(
                lines,
                x + MARKER_WIDTH,
                space,
                item.is_lead_in(),
                vec![marker_draw],
            );
            if !item.children.is_empty() {
                body.push(self.list(&item.children, depth + 1, 1.5));
            }
            nodes.push(Node::Group(
                Tag::ListItem,
                vec![
                    Node::Group(Tag::Label, vec![Node::Leaf(marker_leaf)]),
                    Node::Group(Tag::ListBody, body),
                ],
            ));
        }
        Node::Group(Tag::List, nodes)
    }

    /// A table: a shaded header row that repeats on every page the table
    /// runs onto, then the rows; each cell's text wraps within its column.
    fn table(&mut self, table: &Table) -> Node {
        let widths = column_widths(table.section, table.header.len());
        let head_style = style(TABLE_SIZE, true, false, TEXT);
        let cell_style = style(TABLE_SIZE, false, false, TEXT);

        let (header, header_cells) = self.row(&table.header, &widths, head_style, true);
        let mut head_cells = Vec::new();
        let mut header_element = None;
        for (element, cells) in header.into_iter().zip(header_cells) {
            head_cells = cells;
            header_element = Some(element);
        }
        let mut rows_nodes = Vec::new();
        let head_node = Node::Group(
            Tag::TableHead,
            vec![Node::Group(
                Tag::Row,
                head_cells
                    .into_iter()
                    .map(|leaves| Node::Group(Tag::HeaderCell, leaves))
                    .collect(),
            )],
        );
        let header_index = self.headers.len();
        if let Some(mut element) = header_element {
            let mut copy = element.clone();
            for draw in &mut copy.draws {
                if let Draw::Text { leaf, .. } = draw {
                    *leaf = None;
                }
            }
            copy.space_before = 0.0;
            copy.keep_with_next = false;
            self.headers.push(copy);
            element.space_before = 6.0;
            element.keep_with_next = true;
            self.elements.push(element);
        }
        for row in &table.rows {
            let (slices, cells) = self.row(row, &widths, cell_style, false);
            for mut slice in slices {
                slice.repeat_header = Some(header_index);
                self.elements.push(slice);
            }
            let cells: Vec<Vec<Node>> =
                cells
                    .into_iter()
                    .fold(vec![Vec::new(); widths.len()], |mut acc, slice_cells| {
                        for (column, leaves) in slice_cells.into_iter().enumerate() {
                            if let Some(cell) = acc.get_mut(column) {
                                cell.extend(leaves);
                            }
                        }
                        acc
                    });
            rows_nodes.push(Node::Group(
                Tag::Row,
                cells
                    .into_iter()
                    .map(|leaves| Node::Group(Tag::Cell, leaves))
                    .collect(),
            ));
        }
        let mut children = vec![head_node];
        if !rows_nodes.is_empty() {
            children.push(Node::Group(Tag::TableBody, rows_nodes));
        }
        Node::Group(Tag::Table, children)
    }

    /// One table row as elements: one, or several slices when the row is
    /// taller than most of a page. Returns the elements and, per element,
    /// each cell's leaves.
    fn row(
        &mut self,
        cells: &[String],
        widths: &[f32],
        style: Style,
        head: bool,
    ) -> (Vec<Element>, Vec<Vec<Vec<Node>>>) {
        let height = line_height(style.size);
        let max_lines = (((BODY_BOTTOM - BODY_TOP) * 0.8 - 2.0 * CELL_PAD_Y) / height)
            .floor()
            .max(1.0) as usize;
        let lines: Vec<Vec<Line>> = widths
            .iter()
            .enumerate()
            .map(|(column, width)| {
                let text = cells.get(column).map_or("", String::as_str);
                self.setter
                    .lines(&[Piece { text, style }], width - 2.0 * CELL_PAD_X)
            })
            .collect();
        let tallest = lines.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let slices = tallest.div_ceil(max_lines);
        let mut elements = Vec::new();
        let mut leaves_per_slice = Vec::new();
        for slice in 0..slices {
            let first = slice * max_lines;
            let rows = (tallest - first).min(max_lines);
            let row_height = rows as f32 * height + 2.0 * CELL_PAD_Y;
            let mut draws = Vec::new();
            let mut cell_leaves = Vec::new();
            let mut x = 0.0;
            for (column, width) in widths.iter().enumerate() {
                draws.push(Draw::Rect {
                    x,
                    y: 0.0,
                    width: *width,
                    height: row_height,
                    fill: head.then_some(HEADER_FILL),
                    stroke: Some((RULE, 0.5)),
                });
                let mut leaves = Vec::new();
                for (i, line) in lines[column].iter().skip(first).take(rows).enumerate() {
                    let leaf = self.leaf();
                    leaves.push(Node::Leaf(leaf));
                    draws.push(Draw::Text {
                        x: x + CELL_PAD_X,
                        baseline: CELL_PAD_Y + i as f32 * height + baseline(style.size),
                        line: line.clone(),
                        leaf: Some(leaf),
                    });
                }
                cell_leaves.push(leaves);
                x += width;
            }
            elements.push(Element::new(row_height, 0.0, draws));
            leaves_per_slice.push(cell_leaves);
        }
        (elements, leaves_per_slice)
    }

    /// A photo at its size at 96 dpi, no wider than the text and no higher
    /// than [`MAX_IMAGE_HEIGHT`], kept with its caption.
    fn figure(&mut self, figure: &'d Figure) -> Node {
        let (width, height) = image_size(figure.image.width, figure.image.height);
        let leaf = self.leaf();
        let index = self.figures.len();
        self.figures.push(figure);
        let mut element = Element::new(
            height,
            8.0,
            vec![Draw::Image {
                x: 0.0,
                y: 0.0,
                width,
                height,
                figure: index,
                leaf,
            }],
        );
        element.keep_with_next = !figure.caption.is_empty();
        self.elements.push(element);
        let mut children = vec![Node::Group(
            Tag::Figure(figure.alt.clone()),
            vec![Node::Leaf(leaf)],
        )];
        if !figure.caption.is_empty() {
            let leaves = self.text(
                &[Piece {
                    text: &figure.caption,
                    style: style(9.5, false, true, MUTED),
                }],
                0.0,
                3.0,
                false,
            );
            children.push(Node::Group(Tag::Caption, leaves));
        }
        Node::Group(Tag::Splice, children)
    }
}

/// The tree with every [`Tag::Splice`] group replaced by its children.
#[must_use]
pub fn flatten(nodes: Vec<Node>) -> Vec<Node> {
    let mut out = Vec::with_capacity(nodes.len());
    for node in nodes {
        match node {
            Node::Group(Tag::Splice, children) => out.extend(flatten(children)),
            Node::Group(tag, children) => out.push(Node::Group(tag, flatten(children))),
            leaf @ Node::Leaf(_) => out.push(leaf),
        }
    }
    out
}

/// The spans as pieces for the typesetter, in `size` and `color`.
fn pieces(spans: &[Span], size: f32, color: Rgb) -> Vec<Piece<'_>> {
    spans
        .iter()
        .map(|span| Piece {
            text: &span.text,
            style: style(
                size,
                span.style == SpanStyle::Strong,
                span.style == SpanStyle::Emphasis,
                color,
            ),
        })
        .collect()
}

/// A photo's size in points: its pixels at 96 dpi, scaled down to the text
/// width and to at most [`MAX_IMAGE_HEIGHT`].
#[must_use]
pub fn image_size(width_px: u32, height_px: u32) -> (f32, f32) {
    let mut width = width_px.max(1) as f32 * 0.75;
    let mut height = height_px.max(1) as f32 * 0.75;
    if width > TEXT_WIDTH {
        height *= TEXT_WIDTH / width;
        width = TEXT_WIDTH;
    }
    if height > MAX_IMAGE_HEIGHT {
        width *= MAX_IMAGE_HEIGHT / height;
        height = MAX_IMAGE_HEIGHT;
    }
    (width, height)
}

/// The table's column widths in points, filling the text width: narrow
/// columns for times, dates and status (as in the Word document).
fn column_widths(section: Section, columns: usize) -> Vec<f32> {
    let fractions: &[f32] = match (section, columns) {
        (Section::Agenda, 3) => &[0.066, 0.209, 0.725],
        (Section::Agenda, 4) => &[0.066, 0.209, 0.516, 0.209],
        (Section::Actions, 5) => &[0.055, 0.405, 0.232, 0.187, 0.121],
        (Section::Actions, 6) => &[0.055, 0.272, 0.187, 0.165, 0.21, 0.111],
        _ => &[],
    };
    if fractions.is_empty() {
        return vec![TEXT_WIDTH / columns.max(1) as f32; columns];
    }
    fractions.iter().map(|f| f * TEXT_WIDTH).collect()
}

/// Fills pages of `body_height` points with the layout's elements, keeping
/// together what must stay together, and repeating a table's header row
/// above a row that starts a page.
#[must_use]
pub fn paginate(layout: &Layout<'_>, body_height: f32) -> Vec<Page> {
    let elements = &layout.elements;
    let mut pages = vec![Page::default()];
    let mut y = 0.0_f32;
    let place = |pages: &mut Vec<Page>, y: &mut f32, index: usize| {
        let element = &elements[index];
        let mut space = if *y > 0.0 { element.space_before } else { 0.0 };
        if *y > 0.0 && *y + space + element.height > body_height {
            pages.push(Page::default());
            *y = 0.0;
            space = 0.0;
        }
        let page = pages.last_mut();
        if let Some(page) = page {
            if *y == 0.0
                && let Some(header) = element.repeat_header
                && let Some(copy) = layout.headers.get(header)
            {
                page.placed.push(Placed {
                    y: 0.0,
                    source: Source::Header(header),
                });
                *y += copy.height;
            }
            page.placed.push(Placed {
                y: *y + space,
                source: Source::Element(index),
            });
        }
        *y += space + element.height;
    };
    let mut index = 0;
    while index < elements.len() {
        // The chain of elements that must stay together, from here.
        let mut last = index;
        let first = &elements[index];
        let mut needed = if y > 0.0 { first.space_before } else { 0.0 } + first.height;
        if y == 0.0
            && let Some(header) = first.repeat_header.and_then(|h| layout.headers.get(h))
        {
            needed += header.height;
        }
        while elements[last].keep_with_next && last + 1 < elements.len() {
            last += 1;
            needed += elements[last].space_before + elements[last].height;
        }
        if y == 0.0 || y + needed <= body_height {
            for i in index..=last {
                place(&mut pages, &mut y, i);
            }
            index = last + 1;
        } else {
            pages.push(Page::default());
            y = 0.0;
        }
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Language;
    use crate::model::BlockKind;

    fn span(text: &str) -> Span {
        Span {
            text: text.into(),
            style: SpanStyle::Plain,
        }
    }

    fn document(blocks: Vec<Block>) -> Document {
        Document {
            lang: Language::Nl,
            title: "Verslag".into(),
            date: None,
            author: String::new(),
            exported_at: None,
            blocks,
            left_out: Vec::new(),
        }
    }

    fn heading(text: &str) -> Block {
        Block::Heading {
            level: 1,
            text: text.into(),
            section: Section::Synthesis(BlockKind::Observations),
        }
    }

    fn paragraph(text: &str) -> Block {
        Block::Paragraph(vec![span(text)])
    }

    /// The text of every line on each page, artifacts marked with `[h]`.
    fn pages_text(doc: &Document) -> Vec<Vec<String>> {
        let fonts = Fonts::new().expect("fonts");
        let layout = build(doc, &fonts);
        paginate(&layout, BODY_BOTTOM - BODY_TOP)
            .iter()
            .map(|page| {
                page.placed
                    .iter()
                    .flat_map(|placed| {
                        let (element, mark) = match placed.source {
                            Source::Element(i) => (&layout.elements[i], ""),
                            Source::Header(i) => (&layout.headers[i], "[h]"),
                        };
                        element.draws.iter().filter_map(move |d| match d {
                            Draw::Text { line, .. } => Some(format!("{mark}{}", line.text())),
                            _ => None,
                        })
                    })
                    .collect()
            })
            .collect()
    }

    /// Paragraphs that fill a page up to about `lines_left` lines from its end.
    fn filler(lines_left: usize) -> Vec<Block> {
        let per_page = ((BODY_BOTTOM - BODY_TOP) / line_height(BODY_SIZE)) as usize;
        (0..per_page.saturating_sub(lines_left))
            .map(|i| Block::Note(format!("regel {i}")))
            .collect()
    }

    #[test]
    fn a_heading_is_never_the_last_thing_on_a_page() {
        for left in 0..6 {
            let mut blocks = filler(left);
            blocks.push(heading("Wat valt op?"));
            blocks.push(paragraph("Een alinea van een paar woorden."));
            let pages = pages_text(&document(blocks));
            for page in &pages {
                assert_ne!(
                    page.last().map(String::as_str),
                    Some("Wat valt op?"),
                    "{left} lines left"
                );
            }
            let with_heading = pages
                .iter()
                .find(|p| p.iter().any(|l| l == "Wat valt op?"))
                .expect("the heading is there");
            assert!(with_heading.iter().any(|l| l.starts_with("Een alinea")));
        }
    }

    #[test]
    fn a_lead_in_stays_with_its_first_sub_bullet() {
        let item = |text: &str, children| ListItem {
            content: vec![span(text)],
            children,
        };
        for left in 0..5 {
            let mut blocks = filler(left);
            blocks.push(Block::Bullets(vec![item(
                "Maart '18:",
                vec![item("START VAN DE RAAD", vec![]), item("tweede", vec![])],
            )]));
            let pages = pages_text(&document(blocks));
            let page = pages
                .iter()
                .find(|p| p.iter().any(|l| l.ends_with("Maart '18:")))
                .expect("the lead-in");
            let at = page
                .iter()
                .position(|l| l.ends_with("Maart '18:"))
                .unwrap_or(0);
            assert!(
                page[at + 1..]
                    .iter()
                    .any(|l| l.ends_with("START VAN DE RAAD")),
                "{left} lines left: {page:?}"
            );
        }
    }

    #[test]
    fn a_table_across_a_page_break_repeats_its_header() {
        let table = Table {
            section: Section::Actions,
            header: vec![
                "Wat".into(),
                "Wie".into(),
                "Wanneer".into(),
                "Status".into(),
            ],
            rows: (0..80)
                .map(|i| {
                    vec![
                        format!("actie {i}"),
                        "Zeist".into(),
                        String::new(),
                        "open".into(),
                    ]
                })
                .collect(),
        };
        let mut blocks = filler(10);
        blocks.push(Block::Table(table));
        let pages = pages_text(&document(blocks));
        assert!(pages.len() >= 3, "{} pages", pages.len());
        let with_rows: Vec<&Vec<String>> = pages
            .iter()
            .filter(|p| p.iter().any(|l| l.starts_with("actie")))
            .collect();
        assert!(with_rows.len() >= 2);
        // The first page of the table has the real header, later ones the repeated copy first.
        assert!(with_rows[0].iter().any(|l| l == "Wat"));
        for page in &with_rows[1..] {
            assert_eq!(page[..4], ["[h]Wat", "[h]Wie", "[h]Wanneer", "[h]Status"]);
        }
        let rows: Vec<&String> = with_rows
            .iter()
            .flat_map(|p| p.iter())
            .filter(|l| l.starts_with("actie"))
            .collect();
        assert_eq!(rows.len(), 80, "every row once");
    }

    #[test]
    fn a_portrait_photo_is_capped_and_a_wide_one_fits_the_text() {
        let (w, h) = image_size(3000, 4000);
        assert!((h - MAX_IMAGE_HEIGHT).abs() < 0.01 && (w - MAX_IMAGE_HEIGHT * 0.75).abs() < 0.01);
        let (w, h) = image_size(4000, 1000);
        assert!((w - TEXT_WIDTH).abs() < 0.01 && (h - TEXT_WIDTH / 4.0).abs() < 0.01);
    }

    #[test]
    fn the_structure_follows_the_reading_order() {
        let doc = document(vec![
            Block::Title("Verslag".into()),
            heading("Wat valt op?"),
            Block::Bullets(vec![ListItem {
                content: vec![span("punt")],
                children: Vec::new(),
            }]),
        ]);
        let fonts = Fonts::new().expect("fonts");
        let layout = build(&doc, &fonts);
        let tree = flatten(layout.tree);
        let tags: Vec<&Tag> = tree
            .iter()
            .filter_map(|n| match n {
                Node::Group(tag, _) => Some(tag),
                Node::Leaf(_) => None,
            })
            .collect();
        assert_eq!(
            tags,
            [
                &Tag::Heading(1, "Verslag".into()),
                &Tag::Heading(2, "Wat valt op?".into()),
                &Tag::List
            ]
        );
    }
}
