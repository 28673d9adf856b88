//! The report as a Word document, written as `WordprocessingML` by hand so
//! that every part follows the OOXML schema's element order (Word opens it
//! without "repair", and `openxml-audit` finds nothing): real styles (Title,
//! Heading 1 and 2, List Bullet with nine levels, a table style), Normal as
//! the default style, a running header with the title and "Concept" and a
//! footer "Pagina X van Y" on every page, keep-with-next on headings and
//! lead-ins, table header rows that repeat, pictures stored under their own
//! type with unique ids and alt text, the proofing language, and the
//! author and dates in the file's properties.
//!
//! Only the parts Word needs are written: no comments, footnotes or web
//! settings; a small theme and font table in the report's own colours and
//! font, because Word (and the schema checker) expects a document to have them.

use std::fmt::Write as _;
use std::io::{Cursor, Write as _};

use super::ReportError;
use super::doc::{
    Block, Document, Figure, ListItem, MAX_LIST_DEPTH, Section, Span, SpanStyle, Table,
};

/// Style ids; the names Word shows are set in [`styles_xml`].
pub const STYLE_TITLE: &str = "Title";
/// The subtitle under the title.
pub const STYLE_SUBTITLE: &str = "Subtitle";
/// Section headings.
pub const STYLE_HEADING_1: &str = "Heading1";
/// Headings within a section.
pub const STYLE_HEADING_2: &str = "Heading2";
/// Bullets at every level.
pub const STYLE_LIST_BULLET: &str = "ListBullet";
/// Captions under photos.
pub const STYLE_CAPTION: &str = "Caption";
/// The draft mark.
pub const STYLE_CONCEPT: &str = "ConceptMark";
/// The tables (agenda and action list).
pub const STYLE_TABLE: &str = "LeerkringTable";

/// The numbering instance behind the bullets.
const BULLET_NUMBERING: usize = 1;

/// A4 in twentieths of a point.
const A4_WIDTH: u32 = 11_906;
const A4_HEIGHT: u32 = 16_838;
/// 2.5 cm margins left and right, 2 cm top and bottom; header and footer
/// 1.25 cm from the edge.
const MARGIN_SIDE: u32 = 1_418;
const MARGIN_TOP_BOTTOM: u32 = 1_134;
const MARGIN_HEADER_FOOTER: u32 = 709;
/// The width of the text in twentieths of a point.
const TEXT_WIDTH: u32 = A4_WIDTH - 2 * MARGIN_SIDE;
/// The width of the text in EMU (for photos): 16 cm.
const TEXT_WIDTH_EMU: u64 = 16 * 360_000;
/// The highest a photo may be, so a portrait photo leaves room for its
/// caption and more: 12 cm.
const MAX_PHOTO_HEIGHT_EMU: u64 = 12 * 360_000;
/// Pixels to EMU at 96 dpi.
const EMU_PER_PIXEL: u64 = 9_525;

const ACCENT: &str = "154273";
const TEXT: &str = "1A1A1A";
const MUTED: &str = "4A4A4A";
const CONCEPT: &str = "8A1C00";
const RULE: &str = "8A8A8A";
const HEADER_FILL: &str = "E8EEF6";

const NS_W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const NS_R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_WP: &str = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";
const NS_A: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
const NS_PIC: &str = "http://schemas.openxmlformats.org/drawingml/2006/picture";
const REL_BASE: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const XML_DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// A picture stored in the package.
struct Media<'a> {
    /// The part name under `word/media/`, e.g. `image1.jpeg`.
    name: String,
    /// The relationship id from the document, e.g. `rIdImage1`.
    rel_id: String,
    bytes: &'a [u8],
}

/// The DOCX bytes of `doc`.
pub fn write(doc: &Document) -> Result<Vec<u8>, ReportError> {
    let mut body = String::new();
    let mut media: Vec<Media<'_>> = Vec::new();
    body_xml(doc, &mut body, &mut media);

    let mut parts: Vec<(String, Vec<u8>)> = vec![
        (
            "[Content_Types].xml".into(),
            content_types(&media).into_bytes(),
        ),
        ("_rels/.rels".into(), package_rels().into_bytes()),
        ("docProps/core.xml".into(), core_xml(doc).into_bytes()),
        ("docProps/app.xml".into(), app_xml().into_bytes()),
        (
            "word/_rels/document.xml.rels".into(),
            document_rels(&media).into_bytes(),
        ),
        ("word/document.xml".into(), document_xml(&body).into_bytes()),
        ("word/styles.xml".into(), styles_xml(doc).into_bytes()),
        ("word/numbering.xml".into(), numbering_xml().into_bytes()),
        ("word/settings.xml".into(), settings_xml().into_bytes()),
        ("word/fontTable.xml".into(), font_table_xml().into_bytes()),
        ("word/theme/theme1.xml".into(), theme_xml().into_bytes()),
        (
            "word/header1.xml".into(),
            header_xml(doc, true).into_bytes(),
        ),
        (
            "word/header2.xml".into(),
            header_xml(doc, false).into_bytes(),
        ),
        ("word/footer1.xml".into(), footer_xml(doc).into_bytes()),
    ];
    for m in &media {
        parts.push((format!("word/media/{}", m.name), m.bytes.to_vec()));
    }
    zip_parts(&parts).map_err(|detail| ReportError::Docx { detail })
}

/// The package: every part deflated, in the order given (content types first).
fn zip_parts(parts: &[(String, Vec<u8>)]) -> Result<Vec<u8>, String> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in parts {
        // Pictures are compressed already.
        let method = if name.starts_with("word/media/") {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(method)
            .last_modified_time(zip::DateTime::default());
        zip.start_file(name.as_str(), options)
            .map_err(|e| e.to_string())?;
        zip.write_all(bytes).map_err(|e| e.to_string())?;
    }
    zip.finish()
        .map(Cursor::into_inner)
        .map_err(|e| e.to_string())
}

// --- The body ------------------------------------------------------------------

fn body_xml<'a>(doc: &'a Document, out: &mut String, media: &mut Vec<Media<'a>>) {
    for block in &doc.blocks {
        let keep_next = block.keeps_with_next();
        match block {
            Block::Title(text) => paragraph(out, &Para::styled(STYLE_TITLE), &plain(text)),
            Block::Subtitle(text) => paragraph(out, &Para::styled(STYLE_SUBTITLE), &plain(text)),
            Block::ConceptMark { label, note } => paragraph(
                out,
                &Para::styled(STYLE_CONCEPT),
                &[
                    Span {
                        text: label.to_uppercase(),
                        style: SpanStyle::Strong,
                    },
                    Span {
                        text: format!(" – {note}"),
                        style: SpanStyle::Plain,
                    },
                ],
            ),
            Block::Facts(facts) => {
                for (i, fact) in facts.iter().enumerate() {
                    let para = Para {
                        spacing_after: Some(if i + 1 == facts.len() { 240 } else { 40 }),
                        ..Para::default()
                    };
                    paragraph(
                        out,
                        &para,
                        &[
                            Span {
                                text: format!("{}: ", fact.label),
                                style: SpanStyle::Strong,
                            },
                            Span {
                                text: fact.value.clone(),
                                style: SpanStyle::Plain,
                            },
                        ],
                    );
                }
            }
            Block::Heading { level, text, .. } => {
                let style = if *level <= 1 {
                    STYLE_HEADING_1
                } else {
                    STYLE_HEADING_2
                };
                paragraph(out, &Para::styled(style), &plain(text));
            }
            Block::Paragraph(spans) => paragraph(
                out,
                &Para {
                    keep_next,
                    ..Para::default()
                },
                spans,
            ),
            Block::Bullets(items) => bullets(out, items, 0),
            Block::Table(table) => self::table(out, table),
            Block::Figure(figure) => self::figure(out, figure, media),
            Block::Note(text) => paragraph(
                out,
                &Para::default(),
                &[Span {
                    text: text.clone(),
                    style: SpanStyle::Emphasis,
                }],
            ),
        }
    }
}

fn plain(text: &str) -> [Span; 1] {
    [Span {
        text: text.to_owned(),
        style: SpanStyle::Plain,
    }]
}

/// A paragraph's properties, written in the schema's order.
#[derive(Default)]
struct Para<'a> {
    style: Option<&'a str>,
    keep_next: bool,
    keep_lines: bool,
    /// (list level, numbering id).
    numbering: Option<(usize, usize)>,
    spacing_after: Option<u32>,
    /// The run colour of the whole paragraph (muted notes).
    color: Option<&'a str>,
}

impl<'a> Para<'a> {
    fn styled(style: &'a str) -> Self {
        Self {
            style: Some(style),
            ..Self::default()
        }
    }
}

/// `<w:pPr>`: `pStyle`, `keepNext`, `keepLines`, `numPr`, `spacing` (the
/// order of `CT_PPrBase`).
fn paragraph_properties(out: &mut String, para: &Para<'_>) {
    let empty = para.style.is_none()
        && !para.keep_next
        && !para.keep_lines
        && para.numbering.is_none()
        && para.spacing_after.is_none();
    if empty {
        return;
    }
    out.push_str("<w:pPr>");
    if let Some(style) = para.style {
        let _ = write!(out, "<w:pStyle w:val=\"{style}\" />");
    }
    if para.keep_next {
        out.push_str("<w:keepNext />");
    }
    if para.keep_lines {
        out.push_str("<w:keepLines />");
    }
    if let Some((level, id)) = para.numbering {
        let _ = write!(
            out,
            "<w:numPr><w:ilvl w:val=\"{level}\" /><w:numId w:val=\"{id}\" /></w:numPr>"
        );
    }
    if let Some(after) = para.spacing_after {
        let _ = write!(out, "<w:spacing w:after=\"{after}\" />");
    }
    out.push_str("</w:pPr>");
}

fn paragraph(out: &mut String, para: &Para<'_>, spans: &[Span]) {
    out.push_str("<w:p>");
    paragraph_properties(out, para);
    for span in spans {
        run(out, span, para.color);
    }
    out.push_str("</w:p>");
}

/// `<w:r>` with its properties (`b`, `i`, `color`: the order of `CT_RPr`) and the text,
/// with line breaks and tabs as Word breaks and tabs.
fn run(out: &mut String, span: &Span, color: Option<&str>) {
    if span.text.is_empty() {
        return;
    }
    out.push_str("<w:r>");
    let (bold, italic) = match span.style {
        SpanStyle::Plain => (false, false),
        SpanStyle::Strong => (true, false),
        SpanStyle::Emphasis => (false, true),
    };
    if bold || italic || color.is_some() {
        out.push_str("<w:rPr>");
        if bold {
            out.push_str("<w:b />");
        }
        if italic {
            out.push_str("<w:i />");
        }
        if let Some(color) = color {
            let _ = write!(out, "<w:color w:val=\"{color}\" />");
        }
        out.push_str("</w:rPr>");
    }
    run_text(out, &span.text);
    out.push_str("</w:r>");
}

/// The content of a run: `<w:t>` pieces, `<w:br />` for `\n`, `<w:tab />` for tabs.
fn run_text(out: &mut String, text: &str) {
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push_str("<w:br />");
        }
        for (j, piece) in line.split('\t').enumerate() {
            if j > 0 {
                out.push_str("<w:tab />");
            }
            if !piece.is_empty() {
                let _ = write!(out, "<w:t xml:space=\"preserve\">{}</w:t>", escape(piece));
            }
        }
    }
}

/// List Bullet paragraphs, each with its level (deeper ones at the deepest);
/// a lead-in keeps with its first sub-bullet.
fn bullets(out: &mut String, items: &[ListItem], depth: usize) {
    let level = depth.min(MAX_LIST_DEPTH - 1);
    for item in items {
        let para = Para {
            style: Some(STYLE_LIST_BULLET),
            keep_next: item.is_lead_in(),
            numbering: Some((level, BULLET_NUMBERING)),
            ..Para::default()
        };
        paragraph(out, &para, &item.content);
        bullets(out, &item.children, depth + 1);
    }
}

/// The widths of a table's columns in twentieths of a point, filling the
/// text width: narrow columns for times, dates and status.
fn column_widths(section: Section, columns: usize) -> Vec<u32> {
    let fixed: &[u32] = match (section, columns) {
        (Section::Agenda, 3) => &[600, 1_900],
        (Section::Agenda, 4) => &[600, 1_900, 0, 1_900],
        (Section::Actions, 5) => &[500, 0, 2_100, 1_700, 1_100],
        (Section::Actions, 6) => &[500, 0, 1_700, 1_500, 1_900, 1_000],
        _ => &[],
    };
    let columns_u32 = u32::try_from(columns.max(1)).unwrap_or(1);
    if fixed.is_empty() {
        return vec![TEXT_WIDTH / columns_u32; columns];
    }
    let mut widths: Vec<u32> = (0..columns)
        .map(|i| fixed.get(i).copied().unwrap_or(0))
        .collect();
    let used: u32 = widths.iter().sum();
    let flexible = u32::try_from(widths.iter().filter(|&&w| w == 0).count().max(1)).unwrap_or(1);
    for width in &mut widths {
        if *width == 0 {
            *width = TEXT_WIDTH.saturating_sub(used) / flexible;
        }
    }
    widths
}

/// A table in the report's table style with a bold, shaded header row that
/// repeats on every page and is never split.
fn table(out: &mut String, table: &Table) {
    let widths = column_widths(table.section, table.header.len());
    let total: u32 = widths.iter().sum();
    let _ = write!(
        out,
        "<w:tbl><w:tblPr><w:tblStyle w:val=\"{STYLE_TABLE}\" /><w:tblW w:w=\"{total}\" w:type=\"dxa\" />\
         <w:tblLayout w:type=\"fixed\" /><w:tblLook w:val=\"0420\" w:firstRow=\"1\" w:lastRow=\"0\" \
         w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\" /></w:tblPr><w:tblGrid>"
    );
    for width in &widths {
        let _ = write!(out, "<w:gridCol w:w=\"{width}\" />");
    }
    out.push_str("</w:tblGrid>");
    let cell = |out: &mut String, text: &str, head: bool, column: usize| {
        let width = widths.get(column).copied().unwrap_or_default();
        let _ = write!(
            out,
            "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\" />"
        );
        if head {
            let _ = write!(
                out,
                "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"{HEADER_FILL}\" />"
            );
        }
        out.push_str("</w:tcPr>");
        let para = Para {
            spacing_after: Some(0),
            ..Para::default()
        };
        let style = if head {
            SpanStyle::Strong
        } else {
            SpanStyle::Plain
        };
        paragraph(
            out,
            &para,
            &[Span {
                text: text.to_owned(),
                style,
            }],
        );
        out.push_str("</w:tc>");
    };
    out.push_str("<w:tr><w:trPr><w:cantSplit /><w:tblHeader /></w:trPr>");
    for (i, text) in table.header.iter().enumerate() {
        cell(out, text, true, i);
    }
    out.push_str("</w:tr>");
    for row in &table.rows {
        out.push_str("<w:tr><w:trPr><w:cantSplit /></w:trPr>");
        for (i, text) in row.iter().enumerate() {
            cell(out, text, false, i);
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
    // Word needs a paragraph between two tables, and one after the last.
    out.push_str("<w:p><w:pPr><w:spacing w:after=\"0\" /></w:pPr></w:p>");
}

/// The size of a picture in EMU: its pixels at 96 dpi, scaled down to the
/// text width and to at most [`MAX_PHOTO_HEIGHT_EMU`] high.
fn picture_size(width_px: u32, height_px: u32) -> (u64, u64) {
    let mut width = u64::from(width_px.max(1)) * EMU_PER_PIXEL;
    let mut height = u64::from(height_px.max(1)) * EMU_PER_PIXEL;
    if width > TEXT_WIDTH_EMU {
        height = height * TEXT_WIDTH_EMU / width;
        width = TEXT_WIDTH_EMU;
    }
    if height > MAX_PHOTO_HEIGHT_EMU {
        width = width * MAX_PHOTO_HEIGHT_EMU / height;
        height = MAX_PHOTO_HEIGHT_EMU;
    }
    (width.max(1), height.max(1))
}

/// The photo as an inline picture with its alt text, kept with its caption.
fn figure<'a>(out: &mut String, figure: &'a Figure, media: &mut Vec<Media<'a>>) {
    let number = media.len() + 1;
    let extension = match figure.image.mime {
        "image/jpeg" => "jpeg",
        "image/gif" => "gif",
        _ => "png",
    };
    let rel_id = format!("rIdImage{number}");
    let name = format!("image{number}.{extension}");
    let (cx, cy) = picture_size(figure.image.width, figure.image.height);
    let alt = escape(&figure.alt);
    let _ = write!(
        out,
        "<w:p><w:pPr><w:keepNext /><w:spacing w:after=\"60\" /></w:pPr><w:r><w:drawing>\
         <wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">\
         <wp:extent cx=\"{cx}\" cy=\"{cy}\" /><wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\" />\
         <wp:docPr id=\"{number}\" name=\"Foto {number}\" descr=\"{alt}\" />\
         <wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\" /></wp:cNvGraphicFramePr>\
         <a:graphic><a:graphicData uri=\"{NS_PIC}\"><pic:pic>\
         <pic:nvPicPr><pic:cNvPr id=\"{number}\" name=\"{name}\" descr=\"{alt}\" /><pic:cNvPicPr /></pic:nvPicPr>\
         <pic:blipFill><a:blip r:embed=\"{rel_id}\" /><a:stretch><a:fillRect /></a:stretch></pic:blipFill>\
         <pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\" /><a:ext cx=\"{cx}\" cy=\"{cy}\" /></a:xfrm>\
         <a:prstGeom prst=\"rect\"><a:avLst /></a:prstGeom></pic:spPr>\
         </pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
    );
    media.push(Media {
        name,
        rel_id,
        bytes: &figure.image.bytes,
    });
    if !figure.caption.is_empty() {
        paragraph(out, &Para::styled(STYLE_CAPTION), &plain(&figure.caption));
    }
}

// --- The parts -------------------------------------------------------------------

fn document_xml(body: &str) -> String {
    format!(
        "{XML_DECLARATION}<w:document xmlns:w=\"{NS_W}\" xmlns:r=\"{NS_R}\" xmlns:wp=\"{NS_WP}\" \
         xmlns:a=\"{NS_A}\" xmlns:pic=\"{NS_PIC}\"><w:body>{body}<w:sectPr>\
         <w:headerReference w:type=\"default\" r:id=\"rIdHeader\" />\
         <w:headerReference w:type=\"first\" r:id=\"rIdHeaderFirst\" />\
         <w:footerReference w:type=\"default\" r:id=\"rIdFooter\" />\
         <w:footerReference w:type=\"first\" r:id=\"rIdFooter\" />\
         <w:pgSz w:w=\"{A4_WIDTH}\" w:h=\"{A4_HEIGHT}\" />\
         <w:pgMar w:top=\"{MARGIN_TOP_BOTTOM}\" w:right=\"{MARGIN_SIDE}\" w:bottom=\"{MARGIN_TOP_BOTTOM}\" \
         w:left=\"{MARGIN_SIDE}\" w:header=\"{MARGIN_HEADER_FOOTER}\" w:footer=\"{MARGIN_HEADER_FOOTER}\" w:gutter=\"0\" />\
         <w:cols w:space=\"708\" /><w:titlePg /></w:sectPr></w:body></w:document>"
    )
}

/// The running header: the title and date on the left (not on the first
/// page, which starts with them), "CONCEPT" on the right while the report
/// is a draft.
fn header_xml(doc: &Document, first_page: bool) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "{XML_DECLARATION}<w:hdr xmlns:w=\"{NS_W}\" xmlns:r=\"{NS_R}\"><w:p><w:pPr><w:pStyle w:val=\"Header\" /></w:pPr>"
    );
    if !first_page {
        run(
            &mut out,
            &Span {
                text: doc.title.clone(),
                style: SpanStyle::Plain,
            },
            None,
        );
    }
    if let Some(label) = doc.concept_label() {
        out.push_str("<w:r><w:tab /></w:r>");
        run(
            &mut out,
            &Span {
                text: label.to_uppercase(),
                style: SpanStyle::Strong,
            },
            Some(CONCEPT),
        );
    }
    out.push_str("</w:p></w:hdr>");
    out
}

/// The footer: "Pagina X van Y" with Word's PAGE and NUMPAGES fields.
fn footer_xml(doc: &Document) -> String {
    let (before, between, after) = doc.page_label_parts();
    let mut out = format!(
        "{XML_DECLARATION}<w:ftr xmlns:w=\"{NS_W}\" xmlns:r=\"{NS_R}\"><w:p><w:pPr><w:pStyle w:val=\"Footer\" /></w:pPr>"
    );
    let text = |out: &mut String, text: &str| {
        if !text.is_empty() {
            let _ = write!(
                out,
                "<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r>",
                escape(text)
            );
        }
    };
    text(&mut out, &before);
    out.push_str("<w:fldSimple w:instr=\" PAGE \"><w:r><w:t>1</w:t></w:r></w:fldSimple>");
    text(&mut out, &between);
    out.push_str("<w:fldSimple w:instr=\" NUMPAGES \"><w:r><w:t>1</w:t></w:r></w:fldSimple>");
    text(&mut out, &after);
    out.push_str("</w:p></w:ftr>");
    out
}

fn content_types(media: &[Media<'_>]) -> String {
    let mut out = format!(
        "{XML_DECLARATION}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\" />\
         <Default Extension=\"xml\" ContentType=\"application/xml\" />"
    );
    let mut extensions: Vec<&str> = media
        .iter()
        .filter_map(|m| m.name.rsplit_once('.').map(|(_, ext)| ext))
        .collect();
    extensions.sort_unstable();
    extensions.dedup();
    for extension in extensions {
        let _ = write!(
            out,
            "<Default Extension=\"{extension}\" ContentType=\"image/{extension}\" />"
        );
    }
    let wordml = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    for (part, kind) in [
        ("/word/document.xml", format!("{wordml}.document.main+xml")),
        ("/word/styles.xml", format!("{wordml}.styles+xml")),
        ("/word/numbering.xml", format!("{wordml}.numbering+xml")),
        ("/word/settings.xml", format!("{wordml}.settings+xml")),
        ("/word/fontTable.xml", format!("{wordml}.fontTable+xml")),
        (
            "/word/theme/theme1.xml",
            "application/vnd.openxmlformats-officedocument.theme+xml".to_owned(),
        ),
        ("/word/header1.xml", format!("{wordml}.header+xml")),
        ("/word/header2.xml", format!("{wordml}.header+xml")),
        ("/word/footer1.xml", format!("{wordml}.footer+xml")),
        (
            "/docProps/core.xml",
            "application/vnd.openxmlformats-package.core-properties+xml".to_owned(),
        ),
        (
            "/docProps/app.xml",
            "application/vnd.openxmlformats-officedocument.extended-properties+xml".to_owned(),
        ),
    ] {
        let _ = write!(
            out,
            "<Override PartName=\"{part}\" ContentType=\"{kind}\" />"
        );
    }
    out.push_str("</Types>");
    out
}

fn package_rels() -> String {
    format!(
        "{XML_DECLARATION}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
         <Relationship Id=\"rId1\" Type=\"{REL_BASE}/officeDocument\" Target=\"word/document.xml\" />\
         <Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\" />\
         <Relationship Id=\"rId3\" Type=\"{REL_BASE}/extended-properties\" Target=\"docProps/app.xml\" />\
         </Relationships>"
    )
}

fn document_rels(media: &[Media<'_>]) -> String {
    let mut out = format!(
        "{XML_DECLARATION}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
         <Relationship Id=\"rIdStyles\" Type=\"{REL_BASE}/styles\" Target=\"styles.xml\" />\
         <Relationship Id=\"rIdNumbering\" Type=\"{REL_BASE}/numbering\" Target=\"numbering.xml\" />\
         <Relationship Id=\"rIdSettings\" Type=\"{REL_BASE}/settings\" Target=\"settings.xml\" />\
         <Relationship Id=\"rIdFonts\" Type=\"{REL_BASE}/fontTable\" Target=\"fontTable.xml\" />\
         <Relationship Id=\"rIdTheme\" Type=\"{REL_BASE}/theme\" Target=\"theme/theme1.xml\" />\
         <Relationship Id=\"rIdHeader\" Type=\"{REL_BASE}/header\" Target=\"header2.xml\" />\
         <Relationship Id=\"rIdHeaderFirst\" Type=\"{REL_BASE}/header\" Target=\"header1.xml\" />\
         <Relationship Id=\"rIdFooter\" Type=\"{REL_BASE}/footer\" Target=\"footer1.xml\" />"
    );
    for m in media {
        let _ = write!(
            out,
            "<Relationship Id=\"{}\" Type=\"{REL_BASE}/image\" Target=\"media/{}\" />",
            m.rel_id, m.name
        );
    }
    out.push_str("</Relationships>");
    out
}

/// A moment as W3CDTF, e.g. `2020-02-04T00:00:00Z`: the export's, or the
/// meeting's day when the caller gave no clock.
fn w3c_date(doc: &Document) -> Option<String> {
    doc.exported_at
        .map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
        .or_else(|| {
            doc.date
                .map(|d| format!("{}T00:00:00Z", d.format("%Y-%m-%d")))
        })
}

/// Title, author (left out when empty: the public variant names nobody),
/// language and dates.
fn core_xml(doc: &Document) -> String {
    let mut out = format!(
        "{XML_DECLARATION}<cp:coreProperties \
         xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
         xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
    );
    let _ = write!(out, "<dc:title>{}</dc:title>", escape(&doc.title));
    if !doc.author.is_empty() {
        let author = escape(&doc.author);
        let _ = write!(
            out,
            "<dc:creator>{author}</dc:creator><cp:lastModifiedBy>{author}</cp:lastModifiedBy>"
        );
    }
    let _ = write!(out, "<dc:language>{}</dc:language>", doc.language_tag());
    if let Some(date) = w3c_date(doc) {
        let _ = write!(
            out,
            "<dcterms:created xsi:type=\"dcterms:W3CDTF\">{date}</dcterms:created>\
             <dcterms:modified xsi:type=\"dcterms:W3CDTF\">{date}</dcterms:modified>"
        );
    }
    out.push_str("</cp:coreProperties>");
    out
}

fn app_xml() -> String {
    format!(
        "{XML_DECLARATION}<Properties \
         xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">\
         <Application>Leerkring</Application><AppVersion>{}</AppVersion></Properties>",
        app_version()
    )
}

/// The crate version as Word's `XX.YYYY` application version.
fn app_version() -> String {
    let mut parts = env!("CARGO_PKG_VERSION")
        .split('.')
        .map(|p| p.parse::<u32>().unwrap_or(0));
    let major = parts.next().unwrap_or(0);
    let minor = parts.next().unwrap_or(0);
    format!("{major:02}.{minor:04}")
}

fn settings_xml() -> String {
    format!(
        "{XML_DECLARATION}<w:settings xmlns:w=\"{NS_W}\"><w:zoom w:percent=\"100\" />\
         <w:defaultTabStop w:val=\"708\" /><w:characterSpacingControl w:val=\"doNotCompress\" />\
         <w:compat><w:compatSetting w:name=\"compatibilityMode\" \
         w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\" /></w:compat></w:settings>"
    )
}

/// The one font the styles use.
fn font_table_xml() -> String {
    format!(
        "{XML_DECLARATION}<w:fonts xmlns:w=\"{NS_W}\"><w:font w:name=\"Calibri\">\
         <w:panose1 w:val=\"020F0502020204030204\" /><w:charset w:val=\"00\" />\
         <w:family w:val=\"swiss\" /><w:pitch w:val=\"variable\" /></w:font></w:fonts>"
    )
}

/// A small theme: the report's colours, Calibri, and plain line and fill
/// styles (`DrawingML` requires three of each).
fn theme_xml() -> String {
    let colour =
        |name: &str, rgb: &str| format!("<a:{name}><a:srgbClr val=\"{rgb}\" /></a:{name}>");
    let colours: String = [
        ("dk1", TEXT),
        ("lt1", "FFFFFF"),
        ("dk2", ACCENT),
        ("lt2", HEADER_FILL),
        ("accent1", ACCENT),
        ("accent2", CONCEPT),
        ("accent3", MUTED),
        ("accent4", RULE),
        ("accent5", "2F6FB3"),
        ("accent6", "5A8A3A"),
        ("hlink", ACCENT),
        ("folHlink", MUTED),
    ]
    .iter()
    .map(|(name, rgb)| colour(name, rgb))
    .collect();
    let font = "<a:latin typeface=\"Calibri\" /><a:ea typeface=\"\" /><a:cs typeface=\"\" />";
    let fill = "<a:solidFill><a:schemeClr val=\"phClr\" /></a:solidFill>";
    let line = format!("<a:ln w=\"6350\">{fill}</a:ln>");
    let effect = "<a:effectStyle><a:effectLst /></a:effectStyle>";
    format!(
        "{XML_DECLARATION}<a:theme xmlns:a=\"{NS_A}\" name=\"Leerkring\"><a:themeElements>\
         <a:clrScheme name=\"Leerkring\">{colours}</a:clrScheme>\
         <a:fontScheme name=\"Leerkring\"><a:majorFont>{font}</a:majorFont><a:minorFont>{font}</a:minorFont></a:fontScheme>\
         <a:fmtScheme name=\"Leerkring\"><a:fillStyleLst>{fill}{fill}{fill}</a:fillStyleLst>\
         <a:lnStyleLst>{line}{line}{line}</a:lnStyleLst>\
         <a:effectStyleLst>{effect}{effect}{effect}</a:effectStyleLst>\
         <a:bgFillStyleLst>{fill}{fill}{fill}</a:bgFillStyleLst></a:fmtScheme>\
         </a:themeElements><a:objectDefaults /><a:extraClrSchemeLst /></a:theme>"
    )
}

/// Bullets at nine levels: •, ◦, ▪, repeating, each level 0.63 cm deeper.
fn numbering_xml() -> String {
    let mut out = format!(
        "{XML_DECLARATION}<w:numbering xmlns:w=\"{NS_W}\"><w:abstractNum w:abstractNumId=\"0\">\
         <w:multiLevelType w:val=\"hybridMultilevel\" />"
    );
    let symbols = ["•", "◦", "▪"];
    for level in 0..MAX_LIST_DEPTH {
        let left = 360 * (level + 1);
        let _ = write!(
            out,
            "<w:lvl w:ilvl=\"{level}\"><w:start w:val=\"1\" /><w:numFmt w:val=\"bullet\" />\
             <w:lvlText w:val=\"{}\" /><w:lvlJc w:val=\"left\" />\
             <w:pPr><w:ind w:left=\"{left}\" w:hanging=\"360\" /></w:pPr></w:lvl>",
            symbols[level % symbols.len()]
        );
    }
    let _ = write!(
        out,
        "</w:abstractNum><w:num w:numId=\"{BULLET_NUMBERING}\"><w:abstractNumId w:val=\"0\" /></w:num></w:numbering>"
    );
    out
}

/// The document defaults (font, size, spacing, language) and the styles:
/// Normal is the default paragraph style; the standard defaults for
/// characters, tables and lists are there for the styles based on them.
fn styles_xml(doc: &Document) -> String {
    let lang = doc.language_tag();
    let mut out = format!(
        "{XML_DECLARATION}<w:styles xmlns:w=\"{NS_W}\"><w:docDefaults><w:rPrDefault><w:rPr>\
         <w:rFonts w:ascii=\"Calibri\" w:hAnsi=\"Calibri\" w:eastAsia=\"Calibri\" w:cs=\"Calibri\" />\
         <w:color w:val=\"{TEXT}\" /><w:sz w:val=\"22\" /><w:szCs w:val=\"22\" />\
         <w:lang w:val=\"{lang}\" w:eastAsia=\"{lang}\" w:bidi=\"ar-SA\" /></w:rPr></w:rPrDefault>\
         <w:pPrDefault><w:pPr><w:spacing w:after=\"120\" w:line=\"264\" w:lineRule=\"auto\" /></w:pPr></w:pPrDefault>\
         </w:docDefaults>"
    );
    out.push_str(
        "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\" /><w:qFormat /></w:style>\
         <w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\"><w:name w:val=\"Default Paragraph Font\" /><w:uiPriority w:val=\"1\" /><w:semiHidden /><w:unhideWhenUsed /></w:style>\
         <w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\" /><w:uiPriority w:val=\"99\" /><w:semiHidden /><w:unhideWhenUsed />\
         <w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\" /><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\" /><w:left w:w=\"108\" w:type=\"dxa\" /><w:bottom w:w=\"0\" w:type=\"dxa\" /><w:right w:w=\"108\" w:type=\"dxa\" /></w:tblCellMar></w:tblPr></w:style>\
         <w:style w:type=\"numbering\" w:default=\"1\" w:styleId=\"NoList\"><w:name w:val=\"No List\" /><w:uiPriority w:val=\"99\" /><w:semiHidden /><w:unhideWhenUsed /></w:style>",
    );
    let paragraph_style = |out: &mut String, id: &str, name: &str, ppr: &str, rpr: &str| {
        let _ = write!(
            out,
            "<w:style w:type=\"paragraph\" w:styleId=\"{id}\"><w:name w:val=\"{name}\" />\
             <w:basedOn w:val=\"Normal\" /><w:next w:val=\"Normal\" /><w:qFormat />"
        );
        if !ppr.is_empty() {
            let _ = write!(out, "<w:pPr>{ppr}</w:pPr>");
        }
        if !rpr.is_empty() {
            let _ = write!(out, "<w:rPr>{rpr}</w:rPr>");
        }
        out.push_str("</w:style>");
    };
    paragraph_style(
        &mut out,
        STYLE_TITLE,
        "Title",
        "<w:keepNext /><w:spacing w:after=\"60\" />",
        &format!(
            "<w:b /><w:color w:val=\"{ACCENT}\" /><w:sz w:val=\"52\" /><w:szCs w:val=\"52\" />"
        ),
    );
    paragraph_style(
        &mut out,
        STYLE_SUBTITLE,
        "Subtitle",
        "<w:keepNext /><w:spacing w:after=\"240\" />",
        &format!("<w:color w:val=\"{MUTED}\" /><w:sz w:val=\"28\" /><w:szCs w:val=\"28\" />"),
    );
    for (id, name, size, level, before) in [
        (STYLE_HEADING_1, "heading 1", 32, 0, 360),
        (STYLE_HEADING_2, "heading 2", 26, 1, 200),
    ] {
        paragraph_style(
            &mut out,
            id,
            name,
            &format!(
                "<w:keepNext /><w:keepLines /><w:spacing w:before=\"{before}\" w:after=\"120\" />\
                 <w:outlineLvl w:val=\"{level}\" />"
            ),
            &format!(
                "<w:b /><w:color w:val=\"{ACCENT}\" /><w:sz w:val=\"{size}\" /><w:szCs w:val=\"{size}\" />"
            ),
        );
    }
    paragraph_style(
        &mut out,
        STYLE_LIST_BULLET,
        "List Bullet",
        &format!(
            "<w:numPr><w:numId w:val=\"{BULLET_NUMBERING}\" /></w:numPr><w:spacing w:after=\"40\" />"
        ),
        "",
    );
    paragraph_style(
        &mut out,
        STYLE_CAPTION,
        "caption",
        "<w:keepLines />",
        &format!(
            "<w:i /><w:color w:val=\"{MUTED}\" /><w:sz w:val=\"20\" /><w:szCs w:val=\"20\" />"
        ),
    );
    paragraph_style(
        &mut out,
        STYLE_CONCEPT,
        "Concept Mark",
        "<w:spacing w:after=\"240\" />",
        &format!("<w:color w:val=\"{CONCEPT}\" />"),
    );
    let tab = TEXT_WIDTH;
    paragraph_style(
        &mut out,
        "Header",
        "header",
        &format!(
            "<w:tabs><w:tab w:val=\"right\" w:pos=\"{tab}\" /></w:tabs><w:spacing w:after=\"0\" />"
        ),
        &format!("<w:color w:val=\"{MUTED}\" /><w:sz w:val=\"18\" /><w:szCs w:val=\"18\" />"),
    );
    paragraph_style(
        &mut out,
        "Footer",
        "footer",
        "<w:spacing w:after=\"0\" /><w:jc w:val=\"center\" />",
        &format!("<w:color w:val=\"{MUTED}\" /><w:sz w:val=\"18\" /><w:szCs w:val=\"18\" />"),
    );
    let border = |side: &str| {
        format!("<w:{side} w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"{RULE}\" />")
    };
    let _ = write!(
        out,
        "<w:style w:type=\"table\" w:styleId=\"{STYLE_TABLE}\"><w:name w:val=\"Leerkring Table\" />\
         <w:basedOn w:val=\"TableNormal\" /><w:uiPriority w:val=\"39\" /><w:pPr><w:spacing w:after=\"0\" /></w:pPr>\
         <w:tblPr><w:tblBorders>{}{}{}{}{}{}</w:tblBorders><w:tblCellMar>\
         <w:top w:w=\"40\" w:type=\"dxa\" /><w:left w:w=\"100\" w:type=\"dxa\" />\
         <w:bottom w:w=\"40\" w:type=\"dxa\" /><w:right w:w=\"100\" w:type=\"dxa\" /></w:tblCellMar></w:tblPr></w:style>",
        border("top"),
        border("left"),
        border("bottom"),
        border("right"),
        border("insideH"),
        border("insideV"),
    );
    out.push_str("</w:styles>");
    out
}

/// `text` with `& < > "` replaced by entities, for XML text and attributes.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // XML 1.0 cannot hold control characters: never one, whatever reaches here.
            c if !crate::model::clean::is_shown(c) => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Language;
    use crate::report::images::ImageData;

    fn doc(blocks: Vec<Block>) -> Document {
        Document {
            lang: Language::Nl,
            title: "Verslag <M50>, 4 februari 2020".into(),
            date: chrono::NaiveDate::from_ymd_opt(2020, 2, 4),
            author: "Carla & co".into(),
            exported_at: None,
            blocks,
            left_out: Vec::new(),
        }
    }

    fn figure(mime: &'static str, width: u32, height: u32) -> Block {
        Block::Figure(Figure {
            image: ImageData {
                mime,
                bytes: vec![1, 2, 3],
                width,
                height,
            },
            caption: "Bord".into(),
            alt: "Het \"bord\"".into(),
            path: "a.jpg".into(),
        })
    }

    #[test]
    fn paragraph_properties_follow_the_schema_order() {
        let mut out = String::new();
        let para = Para {
            style: Some("ListBullet"),
            keep_next: true,
            keep_lines: true,
            numbering: Some((2, 1)),
            spacing_after: Some(40),
            color: None,
        };
        paragraph_properties(&mut out, &para);
        assert_eq!(
            out,
            "<w:pPr><w:pStyle w:val=\"ListBullet\" /><w:keepNext /><w:keepLines />\
             <w:numPr><w:ilvl w:val=\"2\" /><w:numId w:val=\"1\" /></w:numPr>\
             <w:spacing w:after=\"40\" /></w:pPr>"
        );
    }

    #[test]
    fn text_runs_keep_line_breaks_and_tabs_and_escape_markup() {
        let mut out = String::new();
        run_text(&mut out, "a<b>\nc\td");
        assert_eq!(
            out,
            "<w:t xml:space=\"preserve\">a&lt;b&gt;</w:t><w:br />\
             <w:t xml:space=\"preserve\">c</w:t><w:tab /><w:t xml:space=\"preserve\">d</w:t>"
        );
    }

    #[test]
    fn pictures_get_their_own_type_unique_ids_and_alt_text() {
        let d = doc(vec![
            figure("image/jpeg", 100, 50),
            figure("image/png", 100, 50),
        ]);
        let mut body = String::new();
        let mut media = Vec::new();
        body_xml(&d, &mut body, &mut media);
        let names: Vec<&str> = media.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["image1.jpeg", "image2.png"]);
        assert!(
            body.contains("<wp:docPr id=\"1\" name=\"Foto 1\" descr=\"Het &quot;bord&quot;\" />")
        );
        assert!(body.contains("<wp:docPr id=\"2\""));
        let types = content_types(&media);
        assert!(types.contains("<Default Extension=\"jpeg\" ContentType=\"image/jpeg\" />"));
        assert!(types.contains("<Default Extension=\"png\" ContentType=\"image/png\" />"));
        assert!(!types.contains("gif"));
        let rels = document_rels(&media);
        assert!(rels.contains("Id=\"rIdImage1\""));
        assert!(rels.contains("Target=\"media/image2.png\""));
    }

    #[test]
    fn a_portrait_photo_is_capped_in_height_and_a_wide_one_in_width() {
        let (w, h) = picture_size(3000, 4000);
        assert_eq!(h, MAX_PHOTO_HEIGHT_EMU);
        assert_eq!(w, MAX_PHOTO_HEIGHT_EMU * 3 / 4);
        let (w, h) = picture_size(4000, 1000);
        assert_eq!((w, h), (TEXT_WIDTH_EMU, TEXT_WIDTH_EMU / 4));
        assert_eq!(picture_size(10, 10), (95_250, 95_250), "small stays small");
    }

    #[test]
    fn core_properties_name_the_author_and_dates_or_nobody() {
        let mut d = doc(Vec::new());
        let core = core_xml(&d);
        assert!(core.contains("<dc:title>Verslag &lt;M50&gt;, 4 februari 2020</dc:title>"));
        assert!(core.contains("<dc:creator>Carla &amp; co</dc:creator>"));
        assert!(core.contains(">2020-02-04T00:00:00Z</dcterms:created>"));
        d.exported_at = chrono::DateTime::from_timestamp(1_700_000_000, 0);
        assert!(core_xml(&d).contains(">2023-11-14T22:13:20Z</dcterms:modified>"));
        d.author.clear();
        let core = core_xml(&d);
        assert!(!core.contains("creator") && !core.contains("lastModifiedBy"));
    }

    #[test]
    fn the_footer_numbers_pages_and_the_header_says_concept_while_draft() {
        let mut d = doc(vec![Block::ConceptMark {
            label: "Concept".into(),
            note: "nog niet definitief".into(),
        }]);
        let footer = footer_xml(&d);
        assert!(footer.contains(
            "<w:t xml:space=\"preserve\">Pagina </w:t></w:r><w:fldSimple w:instr=\" PAGE \">"
        ));
        assert!(footer.contains(" van </w:t></w:r><w:fldSimple w:instr=\" NUMPAGES \">"));
        let header = header_xml(&d, false);
        assert!(header.contains("Verslag &lt;M50&gt;"));
        assert!(header.contains(">CONCEPT</w:t>"));
        assert!(
            !header_xml(&d, true).contains("Verslag"),
            "page 1 has the title itself"
        );
        d.blocks.clear();
        assert!(!header_xml(&d, false).contains("CONCEPT"));
        d.lang = Language::En;
        assert!(footer_xml(&d).contains(">Page </w:t>"));
    }

    #[test]
    fn normal_is_the_default_style_and_every_based_on_style_exists() {
        let styles = styles_xml(&doc(Vec::new()));
        assert!(styles.contains("w:default=\"1\" w:styleId=\"Normal\""));
        let defined: Vec<&str> = styles
            .split("w:styleId=\"")
            .skip(1)
            .filter_map(|s| s.split('"').next())
            .collect();
        for based in styles.split("<w:basedOn w:val=\"").skip(1) {
            let id = based.split('"').next().unwrap_or_default();
            assert!(defined.contains(&id), "{id} is not defined");
        }
    }

    #[test]
    fn a_lead_in_keeps_with_its_first_sub_bullet() {
        let item = |text: &str, children| ListItem {
            content: vec![Span {
                text: text.into(),
                style: SpanStyle::Plain,
            }],
            children,
        };
        let mut out = String::new();
        bullets(
            &mut out,
            &[item("Maart '18:", vec![item("START", vec![])])],
            0,
        );
        let paragraphs: Vec<&str> = out.split("</w:p>").collect();
        assert!(paragraphs[0].contains("<w:keepNext />"));
        assert!(!paragraphs[1].contains("<w:keepNext />"));
    }
}
