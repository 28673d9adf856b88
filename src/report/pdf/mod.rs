//! The report as a PDF on A4: tagged (PDF/UA-1) and archivable (PDF/A-2a),
//! written with krilla from the same intermediate document as the other
//! formats. The layout (line breaking and pages) is our own, in
//! [`layout`] and [`text`]; this module draws its result and adds what a
//! PDF reader and a screen reader need: the embedded, subsetted fonts, the
//! structure tree (headings, paragraphs, lists, tables, figures with their
//! text alternative) in reading order, the document's language and title,
//! the outline (bookmarks) from the headings, and a running header (title
//! and date, "CONCEPT" while the report is a draft) and footer ("Pagina X
//! van Y") marked as artifacts.
//!
//! krilla checks the PDF/UA-1 and PDF/A-2a rules it can while writing; a
//! document that breaks one is refused with a [`ReportError::Pdf`] rather
//! than written wrong.

mod layout;
mod text;

use std::num::NonZeroU16;

use krilla::color::rgb;
use krilla::configure::{Accessibility, Archival, ConfigurationBuilder};
use krilla::destination::XyzDestination;
use krilla::error::KrillaError;
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::image::Image;
use krilla::metadata::{DateTime, Metadata};
use krilla::num::NormalizedF32;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule, Stroke};
use krilla::surface::Surface;
use krilla::tagging::{
    Artifact, ArtifactType, BBox, ContentTag, Identifier, ListNumbering, SpanTag, TableHeaderScope,
    Tag, TagGroup, TagTree,
};
use krilla::text::{Font, GlyphId, KrillaGlyph};
use krilla::{Document as PdfDocument, SerializeSettings};

use self::layout::{
    BODY_BOTTOM, BODY_TOP, CONCEPT, Draw, LeafId, MARGIN_SIDE, MUTED, Node, PAGE_HEIGHT,
    PAGE_WIDTH, Source, TEXT_WIDTH,
};
use self::text::{Face, Fonts, Line, Piece, Rgb, Style, Typesetter};
use super::ReportError;
use super::doc::{Document, Figure};

/// How far italics lean (a synthetic oblique: the bundled fonts have no italic).
const OBLIQUE: f32 = 0.2;
/// Running header and footer: size and baselines.
const RUNNING_SIZE: f32 = 8.5;
const HEADER_BASELINE: f32 = 42.0;
const FOOTER_BASELINE: f32 = PAGE_HEIGHT - 36.0;

/// The PDF bytes of `doc`.
pub fn write(doc: &Document) -> Result<Vec<u8>, ReportError> {
    let failed = |detail: String| ReportError::Pdf { detail };
    let fonts = Fonts::new().ok_or_else(|| failed("the bundled fonts are damaged".into()))?;
    let laid_out = layout::build(doc, &fonts);
    let pages = layout::paginate(&laid_out, BODY_BOTTOM - BODY_TOP);

    let configuration = ConfigurationBuilder::new()
        .with_archival_validator(Archival::A2_A)
        .with_accessibility_validator(Accessibility::UA1)
        .finish()
        .map_err(|e| failed(format!("{e:?}")))?;
    let settings = SerializeSettings {
        configuration,
        enable_tagging: true,
        ..SerializeSettings::default()
    };
    let mut pdf = PdfDocument::new_with(settings);
    let faces: Vec<Font> = Face::ALL
        .iter()
        .map(|&face| Font::new(fonts.data(face).into(), 0))
        .collect::<Option<Vec<_>>>()
        .ok_or_else(|| failed("the bundled fonts cannot be embedded".into()))?;
    let images: Vec<Option<Image>> = laid_out.figures.iter().map(|f| image(f)).collect();

    let mut painter = Painter {
        faces,
        identifiers: vec![Vec::new(); laid_out.leaves],
        figure_boxes: vec![None; laid_out.leaves],
    };
    let mut setter = Typesetter::new(&fonts);
    let mut outline: Vec<(u8, String, usize, f32)> = Vec::new();
    let total = pages.len();
    for (index, page) in pages.iter().enumerate() {
        let size = Size::from_wh(PAGE_WIDTH, PAGE_HEIGHT)
            .ok_or_else(|| failed("the page size is invalid".into()))?;
        let mut pdf_page = pdf.start_page_with(PageSettings::new(size));
        let mut surface = pdf_page.surface();
        painter.running(&mut surface, &mut setter, doc, index, total);
        for placed in &page.placed {
            let (element, repeated) = match placed.source {
                Source::Element(i) => (&laid_out.elements[i], false),
                Source::Header(i) => (&laid_out.headers[i], true),
            };
            let top = BODY_TOP + placed.y;
            if !repeated && let Some((level, text)) = &element.outline {
                outline.push((*level, text.clone(), index, top));
            }
            for draw in &element.draws {
                painter.draw(&mut surface, draw, top, index, &images);
            }
        }
        surface.finish();
        pdf_page.finish();
    }

    pdf.set_outline(outline_of(&outline));
    pdf.set_metadata(metadata(doc));
    let mut tree = TagTree::new().with_lang(Some(doc.language_tag().to_owned()));
    for node in layout::flatten(laid_out.tree) {
        if let Some(node) = painter.tag_node(node) {
            tree.push(node);
        }
    }
    pdf.set_tag_tree(tree);
    pdf.finish().map_err(|e| match e {
        KrillaError::Validation(errors) => failed(format!("validation failed: {errors:?}")),
        other => failed(other.to_string()),
    })
}

/// The photo for krilla: the JPEG or PNG the report's photo pipeline
/// encoded anew (`report::images`; nothing else reaches a figure), a JPEG
/// as it is, a PNG decoded by krilla. `None` if krilla cannot read it. No
/// interpolation: PDF/A forbids asking the viewer for it.
fn image(figure: &Figure) -> Option<Image> {
    let data = figure.image.bytes.clone().into();
    match figure.image.mime {
        "image/jpeg" => Image::from_jpeg(data, false).ok(),
        "image/png" => Image::from_png(data, false).ok(),
        _ => None,
    }
}

fn fill(color: Rgb) -> Fill {
    Fill {
        paint: rgb::Color::new(color.0, color.1, color.2).into(),
        opacity: NormalizedF32::ONE,
        rule: FillRule::NonZero,
    }
}

fn stroke(color: Rgb, width: f32) -> Stroke {
    Stroke {
        paint: rgb::Color::new(color.0, color.1, color.2).into(),
        width,
        ..Stroke::default()
    }
}

/// Draws on the pages and remembers what was drawn for which leaf.
struct Painter {
    faces: Vec<Font>,
    /// The marked content of each leaf (a line can be several pieces).
    identifiers: Vec<Vec<Identifier>>,
    /// Where each photo ended up: page and box.
    figure_boxes: Vec<Option<(usize, Rect)>>,
}

impl Painter {
    fn draw(
        &mut self,
        surface: &mut Surface<'_>,
        draw: &Draw,
        top: f32,
        page: usize,
        images: &[Option<Image>],
    ) {
        match draw {
            Draw::Text {
                x,
                baseline,
                line,
                leaf,
            } => self.line(
                surface,
                line,
                MARGIN_SIDE + x,
                top + baseline,
                *leaf,
                ArtifactType::PaginationOther,
            ),
            Draw::Rect {
                x,
                y,
                width,
                height,
                fill: paint,
                stroke: line,
            } => {
                let Some(rect) = Rect::from_xywh(MARGIN_SIDE + x, top + y, *width, *height) else {
                    return;
                };
                surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(
                    ArtifactType::Layout,
                )));
                surface.set_fill(paint.map(fill));
                surface.set_stroke(line.map(|(color, width)| stroke(color, width)));
                let mut path = PathBuilder::new();
                path.push_rect(rect);
                if let Some(path) = path.finish() {
                    surface.draw_path(&path);
                }
                surface.set_stroke(None);
                surface.end_tagged();
            }
            Draw::Image {
                x,
                y,
                width,
                height,
                figure,
                leaf,
            } => {
                let (Some(Some(image)), Some(size)) =
                    (images.get(*figure), Size::from_wh(*width, *height))
                else {
                    return;
                };
                let left = MARGIN_SIDE + x;
                let upper = top + y;
                let id = surface.start_tagged(ContentTag::Other);
                surface.push_transform(&Transform::from_translate(left, upper));
                surface.draw_image(image.clone(), size);
                surface.pop();
                surface.end_tagged();
                if let Some(ids) = self.identifiers.get_mut(*leaf) {
                    ids.push(id);
                }
                if let Some(slot) = self.figure_boxes.get_mut(*leaf) {
                    *slot = Rect::from_xywh(left, upper, *width, *height).map(|r| (page, r));
                }
            }
        }
    }

    /// A line of text from (`x`, `baseline`); each run is marked content of
    /// `leaf`, or an artifact of `kind` without one.
    fn line(
        &mut self,
        surface: &mut Surface<'_>,
        line: &Line,
        x: f32,
        baseline: f32,
        leaf: Option<LeafId>,
        kind: ArtifactType,
    ) {
        // One marked-content sequence per line (an empty one still gives an
        // empty table cell its element: every row needs as many cells).
        let id = match leaf {
            Some(_) => surface.start_tagged(ContentTag::Span(SpanTag::empty())),
            None => surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(kind))),
        };
        let mut pen = x;
        let mut glyphs: Vec<KrillaGlyph> = Vec::new();
        for run in &line.runs {
            if let Some(font) = self.faces.get(face_index(run.face)) {
                surface.set_fill(Some(fill(run.style.color)));
                glyphs.clear();
                glyphs.extend(run.glyphs.iter().map(|g| {
                    KrillaGlyph::new(
                        GlyphId::new(g.id),
                        g.advance,
                        g.x_offset,
                        g.y_offset,
                        0.0,
                        g.range.clone(),
                        None,
                    )
                }));
                if run.style.italic {
                    surface.push_transform(&Transform::from_row(
                        1.0,
                        0.0,
                        -OBLIQUE,
                        1.0,
                        OBLIQUE * baseline,
                        0.0,
                    ));
                }
                surface.draw_glyphs(
                    Point::from_xy(pen, baseline),
                    &glyphs,
                    font.clone(),
                    &run.text,
                    run.style.size,
                    false,
                );
                if run.style.italic {
                    surface.pop();
                }
            }
            pen += run.width;
        }
        surface.end_tagged();
        if let Some(ids) = leaf.and_then(|l| self.identifiers.get_mut(l)) {
            ids.push(id);
        }
    }

    /// The running header (title and date from page 2 on, "CONCEPT" on
    /// every page of a draft) and footer ("Pagina X van Y"), as artifacts.
    fn running(
        &mut self,
        surface: &mut Surface<'_>,
        setter: &mut Typesetter<'_>,
        doc: &Document,
        page: usize,
        total: usize,
    ) {
        let muted = Style {
            size: RUNNING_SIZE,
            bold: false,
            italic: false,
            color: MUTED,
        };
        let concept = doc.concept_label().map(str::to_uppercase);
        let concept_line = concept.as_deref().and_then(|label| {
            setter
                .lines(
                    &[Piece {
                        text: label,
                        style: Style {
                            bold: true,
                            color: CONCEPT,
                            ..muted
                        },
                    }],
                    f32::MAX,
                )
                .into_iter()
                .next()
        });
        let concept_width = concept_line.as_ref().map_or(0.0, |l| l.width + 12.0);
        if page > 0 {
            let title = setter
                .lines(
                    &[Piece {
                        text: &doc.title.replace('\n', " "),
                        style: muted,
                    }],
                    TEXT_WIDTH - concept_width,
                )
                .into_iter()
                .next();
            if let Some(title) = title {
                self.line(
                    surface,
                    &title,
                    MARGIN_SIDE,
                    HEADER_BASELINE,
                    None,
                    ArtifactType::Header,
                );
            }
        }
        if let Some(line) = concept_line {
            let x = MARGIN_SIDE + TEXT_WIDTH - line.width;
            self.line(
                surface,
                &line,
                x,
                HEADER_BASELINE,
                None,
                ArtifactType::Header,
            );
        }
        let label = doc.page_label(page + 1, total);
        if let Some(footer) = setter
            .lines(
                &[Piece {
                    text: &label,
                    style: muted,
                }],
                f32::MAX,
            )
            .into_iter()
            .next()
        {
            let x = MARGIN_SIDE + (TEXT_WIDTH - footer.width) / 2.0;
            self.line(
                surface,
                &footer,
                x,
                FOOTER_BASELINE,
                None,
                ArtifactType::Footer,
            );
        }
    }

    /// The krilla structure element for `node`, with the content drawn for
    /// its leaves; `None` for a group with nothing drawn in it.
    fn tag_node(&mut self, node: Node) -> Option<krilla::tagging::Node> {
        match node {
            Node::Leaf(_) => None,
            Node::Group(tag, children) => {
                let mut group = TagGroup::new(self.tag(&tag, &children));
                for child in children {
                    match child {
                        Node::Leaf(leaf) => {
                            for id in self
                                .identifiers
                                .get_mut(leaf)
                                .map(std::mem::take)
                                .unwrap_or_default()
                            {
                                group.push(id);
                            }
                        }
                        group_node @ Node::Group(..) => {
                            if let Some(node) = self.tag_node(group_node) {
                                group.push(node);
                            }
                        }
                    }
                }
                (!group.children.is_empty()).then(|| group.into())
            }
        }
    }

    fn tag(&self, tag: &layout::Tag, children: &[Node]) -> krilla::tagging::TagKind {
        use layout::Tag as T;
        match tag {
            T::Heading(level, text) => {
                let level = NonZeroU16::new(u16::from(*level).max(1)).unwrap_or(NonZeroU16::MIN);
                Tag::Hn(level, Some(text.clone())).into()
            }
            T::Paragraph | T::Splice => Tag::P.into(),
            T::List => Tag::L(ListNumbering::Disc).into(),
            T::ListItem => Tag::LI.into(),
            T::Label => Tag::Lbl.into(),
            T::ListBody => Tag::LBody.into(),
            T::Table => Tag::Table.into(),
            T::TableHead => Tag::THead.into(),
            T::TableBody => Tag::TBody.into(),
            T::Row => Tag::TR.into(),
            T::HeaderCell => Tag::TH(TableHeaderScope::Column).into(),
            T::Cell => Tag::TD.into(),
            T::Figure(alt) => {
                let bbox = children.iter().find_map(|child| match child {
                    Node::Leaf(leaf) => self.figure_boxes.get(*leaf).copied().flatten(),
                    Node::Group(..) => None,
                });
                Tag::Figure(Some(alt.clone()))
                    .with_bbox(bbox.map(|(page, rect)| BBox::new(page, rect)))
                    .into()
            }
            T::Caption => Tag::Caption.into(),
        }
    }
}

fn face_index(face: Face) -> usize {
    Face::ALL.iter().position(|f| *f == face).unwrap_or(0)
}

/// The bookmarks: the title and the sections at the top, headings within a
/// section under their section.
fn outline_of(entries: &[(u8, String, usize, f32)]) -> Outline {
    let mut outline = Outline::new();
    let mut section: Option<OutlineNode> = None;
    let node = |text: &str, page: usize, y: f32| {
        OutlineNode::new(
            text.replace('\n', " "),
            XyzDestination::new(page, Point::from_xy(MARGIN_SIDE, y)),
        )
    };
    for (level, text, page, y) in entries {
        if *level <= 2 {
            if let Some(done) = section.take() {
                outline.push_child(done);
            }
            section = Some(node(text, *page, *y));
        } else if let Some(open) = section.as_mut() {
            open.push_child(node(text, *page, *y));
        } else {
            outline.push_child(node(text, *page, *y));
        }
    }
    if let Some(done) = section {
        outline.push_child(done);
    }
    outline
}

/// Title, language, author (none in the public variant), the producing
/// program and the dates: the export's moment, or the meeting's day.
fn metadata(doc: &Document) -> Metadata {
    let mut metadata = Metadata::new()
        .title(doc.title.replace('\n', " "))
        .language(doc.language_tag().to_owned())
        .creator(format!("Leerkring {}", env!("CARGO_PKG_VERSION")))
        .producer(format!("Leerkring {}", env!("CARGO_PKG_VERSION")));
    if !doc.author.is_empty() {
        metadata = metadata.authors(vec![doc.author.clone()]);
    }
    let moment = doc
        .exported_at
        .map(|t| t.naive_utc())
        .or_else(|| doc.date.and_then(|d| d.and_hms_opt(0, 0, 0)));
    if let Some(moment) = moment {
        use chrono::{Datelike as _, Timelike as _};
        let date = DateTime::new(u16::try_from(moment.year()).unwrap_or(2000))
            .month(u8::try_from(moment.month()).unwrap_or(1))
            .day(u8::try_from(moment.day()).unwrap_or(1))
            .hour(u8::try_from(moment.hour()).unwrap_or(0))
            .minute(u8::try_from(moment.minute()).unwrap_or(0))
            .second(u8::try_from(moment.second()).unwrap_or(0))
            .utc_offset_hour(0)
            .utc_offset_minute(0);
        metadata = metadata.creation_date(date);
    }
    metadata
}
