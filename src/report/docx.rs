//! The report as a Word document, with real styles (Title, Heading 1 and 2,
//! List Bullet with nine levels, a table style for the action list), so a
//! colleague can edit it normally.
//!
//! docx-rs cannot set the proofing language, the document's title or a
//! repeating table header row, so those few bits are added to the XML parts
//! after docx-rs has built them and before they are zipped.

use std::io::Cursor;

use docx_rs::{
    AbstractNumbering, AlignmentType, BorderType, BreakType, Docx, IndentLevel, Level, LevelJc,
    LevelText, LineSpacing, LineSpacingType, NumberFormat, Numbering, NumberingId, PageMargin,
    Paragraph, Pic, Run, RunFonts, Shading, ShdType, SpecialIndentType, Start, Style, StyleType,
    Table, TableBorder, TableBorderPosition, TableBorders, TableCell, TableLayoutType, TableRow,
    WidthType,
};

use super::ReportError;
use super::doc::{
    Block, Document, Figure, ListItem, MAX_LIST_DEPTH, Section, Span, SpanStyle, Table as DocTable,
};

/// Style ids; the names Word shows are set in [`styles`].
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

/// The numbering definition behind the bullets (docx-rs writes a decimal
/// list of its own as number 1).
const BULLET_NUMBERING: usize = 2;

/// A4 in twentieths of a point.
const A4_WIDTH: u32 = 11_906;
const A4_HEIGHT: u32 = 16_838;
/// 2.5 cm margins left and right, 2 cm top and bottom.
const MARGIN_SIDE: i32 = 1_418;
const MARGIN_TOP_BOTTOM: i32 = 1_134;
/// The width of the text: A4 less the side margins, in EMU (for photos).
const TEXT_WIDTH_EMU: u64 = 16 * 360_000;
/// Pixels to EMU at 96 dpi.
const EMU_PER_PIXEL: u64 = 9_525;

const ACCENT: &str = "154273";
const MUTED: &str = "4A4A4A";
const CONCEPT: &str = "8A1C00";
const RULE: &str = "8A8A8A";
const HEADER_FILL: &str = "E8EEF6";

/// The DOCX bytes of `doc`.
pub fn write(doc: &Document) -> Result<Vec<u8>, ReportError> {
    let mut docx = styles(Docx::new())
        .page_size(A4_WIDTH, A4_HEIGHT)
        .page_margin(PageMargin {
            top: MARGIN_TOP_BOTTOM,
            left: MARGIN_SIDE,
            bottom: MARGIN_TOP_BOTTOM,
            right: MARGIN_SIDE,
            header: 709,
            footer: 709,
            gutter: 0,
        })
        .add_abstract_numbering(bullet_numbering())
        .add_numbering(Numbering::new(BULLET_NUMBERING, BULLET_NUMBERING));

    for block in &doc.blocks {
        docx = match block {
            Block::Title(text) => docx.add_paragraph(styled(STYLE_TITLE, text)),
            Block::Subtitle(text) => docx.add_paragraph(styled(STYLE_SUBTITLE, text)),
            Block::ConceptMark { label, note } => docx.add_paragraph(
                Paragraph::new()
                    .style(STYLE_CONCEPT)
                    .add_run(Run::new().add_text(label.to_uppercase()).bold())
                    .add_run(Run::new().add_text(format!(" – {note}"))),
            ),
            Block::Facts(facts) => facts.iter().enumerate().fold(docx, |docx, (i, fact)| {
                let after = if i + 1 == facts.len() { 240 } else { 40 };
                docx.add_paragraph(
                    Paragraph::new()
                        .line_spacing(LineSpacing::new().after(after))
                        .add_run(Run::new().add_text(format!("{}: ", fact.label)).bold())
                        .add_run(text_run(Run::new(), &fact.value)),
                )
            }),
            Block::Heading { level, text, .. } => {
                let style = if *level <= 1 {
                    STYLE_HEADING_1
                } else {
                    STYLE_HEADING_2
                };
                docx.add_paragraph(styled(style, text))
            }
            Block::Paragraph(spans) => docx.add_paragraph(spans_paragraph(Paragraph::new(), spans)),
            Block::Bullets(items) => bullets(docx, items, 0),
            Block::Table(table) => docx.add_table(self::table(table)),
            Block::Figure(figure) => self::figure(docx, figure),
            Block::Note(text) => docx.add_paragraph(
                Paragraph::new().add_run(text_run(Run::new().italic().color(MUTED), text)),
            ),
        };
    }

    // The meeting's day rather than the clock, so the same session gives the same file.
    if let Some(date) = doc.date {
        docx = docx.created_at(&format!("{}T00:00:00Z", date.format("%Y-%m-%d")));
    }
    let mut parts = docx.build();
    let lang = doc.language_tag();
    parts.styles = set_proofing_language(&parts.styles, lang);
    parts.document = repeat_header_rows(&parts.document);
    parts.doc_props.core = set_core_properties(&parts.doc_props.core, &doc.title, lang);
    parts.content_type = declare_media_types(&parts.content_type, &parts.media);

    let mut out = Cursor::new(Vec::new());
    parts.pack(&mut out).map_err(|err| ReportError::Docx {
        detail: err.to_string(),
    })?;
    Ok(out.into_inner())
}

/// The document defaults (font, size, spacing) and the report's styles.
fn styles(docx: Docx) -> Docx {
    let heading = |id: &str, name: &str, size: usize, level: usize, before: u32| {
        let mut style = Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("Normal")
            .size(size)
            .bold()
            .color(ACCENT)
            .line_spacing(LineSpacing::new().before(before).after(120))
            .outline_lvl(level);
        style.paragraph_property = style.paragraph_property.keep_next(true).keep_lines(true);
        style
    };
    let mut list_bullet = Style::new(STYLE_LIST_BULLET, StyleType::Paragraph)
        .name("List Bullet")
        .based_on("Normal")
        .line_spacing(LineSpacing::new().after(40));
    list_bullet.paragraph_property = list_bullet
        .paragraph_property
        .numbering(NumberingId::new(BULLET_NUMBERING), IndentLevel::new(0));
    let mut caption = Style::new(STYLE_CAPTION, StyleType::Paragraph)
        .name("caption")
        .based_on("Normal")
        .next("Normal")
        .italic()
        .color(MUTED)
        .size(20);
    caption.paragraph_property = caption.paragraph_property.keep_lines(true);
    let border = |position| {
        TableBorder::new(position)
            .border_type(BorderType::Single)
            .size(4)
            .color(RULE)
    };
    let table = Style::new(STYLE_TABLE, StyleType::Table)
        .name("Leerkring Table")
        .based_on("TableNormal")
        .table_property(
            docx_rs::TableProperty::new()
                .set_borders(
                    TableBorders::new()
                        .set(border(TableBorderPosition::Top))
                        .set(border(TableBorderPosition::Left))
                        .set(border(TableBorderPosition::Bottom))
                        .set(border(TableBorderPosition::Right))
                        .set(border(TableBorderPosition::InsideH))
                        .set(border(TableBorderPosition::InsideV)),
                )
                .cell_margin_top(40, WidthType::Dxa)
                .cell_margin_bottom(40, WidthType::Dxa)
                .cell_margin_left(100, WidthType::Dxa)
                .cell_margin_right(100, WidthType::Dxa),
        );
    docx.default_fonts(
        RunFonts::new()
            .ascii("Calibri")
            .hi_ansi("Calibri")
            .east_asia("Calibri")
            .cs("Calibri"),
    )
    .default_size(22)
    .default_line_spacing(
        LineSpacing::new()
            .after(120)
            .line(264)
            .line_rule(LineSpacingType::Auto),
    )
    .add_style(
        Style::new(STYLE_TITLE, StyleType::Paragraph)
            .name("Title")
            .based_on("Normal")
            .next("Normal")
            .size(52)
            .bold()
            .color(ACCENT)
            .line_spacing(LineSpacing::new().after(60)),
    )
    .add_style(
        Style::new(STYLE_SUBTITLE, StyleType::Paragraph)
            .name("Subtitle")
            .based_on("Normal")
            .next("Normal")
            .size(28)
            .color(MUTED)
            .line_spacing(LineSpacing::new().after(240)),
    )
    .add_style(heading(STYLE_HEADING_1, "heading 1", 32, 0, 360))
    .add_style(heading(STYLE_HEADING_2, "heading 2", 26, 1, 200))
    .add_style(list_bullet)
    .add_style(caption)
    .add_style(
        Style::new(STYLE_CONCEPT, StyleType::Paragraph)
            .name("Concept Mark")
            .based_on("Normal")
            .next("Normal")
            .color(CONCEPT)
            .line_spacing(LineSpacing::new().after(240)),
    )
    .add_style(table)
}

/// Bullets at nine levels: •, ◦, ▪, repeating, each level 0.63 cm deeper.
fn bullet_numbering() -> AbstractNumbering {
    let symbols = ["•", "◦", "▪"];
    (0..MAX_LIST_DEPTH).fold(
        AbstractNumbering::new(BULLET_NUMBERING),
        |numbering, level| {
            let left = 360 * (i32::try_from(level).unwrap_or(0) + 1);
            numbering.add_level(
                Level::new(
                    level,
                    Start::new(1),
                    NumberFormat::new("bullet"),
                    LevelText::new(symbols[level % symbols.len()]),
                    LevelJc::new("left"),
                )
                .indent(
                    Some(left),
                    Some(SpecialIndentType::Hanging(360)),
                    None,
                    None,
                ),
            )
        },
    )
}

/// A paragraph in `style` with `text` (line breaks kept).
fn styled(style: &str, text: &str) -> Paragraph {
    Paragraph::new()
        .style(style)
        .add_run(text_run(Run::new(), text))
}

/// `run` with `text`, its line breaks and tabs as Word breaks and tabs.
fn text_run(mut run: Run, text: &str) -> Run {
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        for (j, piece) in line.split('\t').enumerate() {
            if j > 0 {
                run = run.add_tab();
            }
            if !piece.is_empty() {
                run = run.add_text(piece);
            }
        }
    }
    run
}

fn spans_paragraph(paragraph: Paragraph, spans: &[Span]) -> Paragraph {
    spans.iter().fold(paragraph, |paragraph, span| {
        let run = match span.style {
            SpanStyle::Plain => Run::new(),
            SpanStyle::Emphasis => Run::new().italic(),
            SpanStyle::Strong => Run::new().bold(),
        };
        paragraph.add_run(text_run(run, &span.text))
    })
}

/// List Bullet paragraphs, each with its level (deeper ones at the deepest).
fn bullets(docx: Docx, items: &[ListItem], depth: usize) -> Docx {
    let level = depth.min(MAX_LIST_DEPTH - 1);
    items.iter().fold(docx, |docx, item| {
        let paragraph = Paragraph::new()
            .style(STYLE_LIST_BULLET)
            .numbering(NumberingId::new(BULLET_NUMBERING), IndentLevel::new(level));
        let docx = docx.add_paragraph(spans_paragraph(paragraph, &item.content));
        bullets(docx, &item.children, depth + 1)
    })
}

/// The widths of a table's columns in twentieths of a point, filling the
/// text width: narrow columns for times, dates and status.
fn column_widths(section: Section, columns: usize) -> Vec<usize> {
    let text_width = (A4_WIDTH as usize) - 2 * (MARGIN_SIDE as usize);
    let fixed: &[usize] = match (section, columns) {
        (Section::Agenda, 3) => &[600, 1_900],
        (Section::Agenda, 4) => &[600, 1_900, 0, 1_900],
        (Section::Actions, 5) => &[500, 0, 2_100, 1_700, 1_100],
        (Section::Actions, 6) => &[500, 0, 1_700, 1_500, 1_900, 1_000],
        _ => &[],
    };
    if fixed.is_empty() {
        return vec![text_width / columns.max(1); columns];
    }
    let mut widths: Vec<usize> = (0..columns)
        .map(|i| fixed.get(i).copied().unwrap_or(0))
        .collect();
    let used: usize = widths.iter().sum();
    let flexible = widths.iter().filter(|&&w| w == 0).count().max(1);
    for width in &mut widths {
        if *width == 0 {
            *width = text_width.saturating_sub(used) / flexible;
        }
    }
    widths
}

/// A table in the report's table style with a bold, shaded header row that
/// repeats on every page.
fn table(table: &DocTable) -> Table {
    let widths = column_widths(table.section, table.header.len());
    let cell = |text: &str, head: bool, column: usize| {
        let run = if head { Run::new().bold() } else { Run::new() };
        let width = widths.get(column).copied().unwrap_or_default();
        let mut cell = TableCell::new().width(width, WidthType::Dxa).add_paragraph(
            Paragraph::new()
                .line_spacing(LineSpacing::new().after(0))
                .add_run(text_run(run, text)),
        );
        if head {
            cell = cell.shading(Shading::new().shd_type(ShdType::Clear).fill(HEADER_FILL));
        }
        cell
    };
    let mut table_rows = vec![
        // `cant_split` marks the header row; see [`repeat_header_rows`].
        TableRow::new(
            table
                .header
                .iter()
                .enumerate()
                .map(|(i, h)| cell(h, true, i))
                .collect(),
        )
        .cant_split(),
    ];
    table_rows.extend(table.rows.iter().map(|row| {
        TableRow::new(
            row.iter()
                .enumerate()
                .map(|(i, c)| cell(c, false, i))
                .collect(),
        )
    }));
    Table::new(table_rows)
        .style(STYLE_TABLE)
        .set_grid(widths.clone())
        .width(widths.iter().sum(), WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
}

/// The photo, scaled to the text width when wider, then its caption.
fn figure(docx: Docx, figure: &Figure) -> Docx {
    let image = &figure.image;
    let mut width = u64::from(image.width) * EMU_PER_PIXEL;
    let mut height = u64::from(image.height) * EMU_PER_PIXEL;
    if width > TEXT_WIDTH_EMU {
        height = height * TEXT_WIDTH_EMU / width;
        width = TEXT_WIDTH_EMU;
    }
    let emu = |v: u64| u32::try_from(v.max(1)).unwrap_or(u32::MAX);
    // docx-rs names every picture `.png`; `declare_media_types` gives each
    // its real content type.
    let pic = Pic::new_with_dimensions(image.bytes.clone(), image.width, image.height)
        .size(emu(width), emu(height));
    let docx = docx.add_paragraph(
        Paragraph::new()
            .keep_next(true)
            .align(AlignmentType::Left)
            .add_run(Run::new().add_image(pic)),
    );
    if figure.caption.is_empty() {
        docx
    } else {
        docx.add_paragraph(styled(STYLE_CAPTION, &figure.caption))
    }
}

/// Adds `<w:lang>` for `lang` to the document defaults in `styles.xml`, so
/// Word and Writer check spelling in the session's language.
fn set_proofing_language(styles: &[u8], lang: &str) -> Vec<u8> {
    let xml = String::from_utf8_lossy(styles);
    let tag = format!("<w:lang w:val=\"{lang}\" w:eastAsia=\"{lang}\" w:bidi=\"ar-SA\" />");
    // `w:lang` comes last among the run properties it may appear with here.
    let patched = if let Some(at) = xml.find("<w:rPrDefault><w:rPr>") {
        let end = xml[at..].find("</w:rPr>").map(|offset| at + offset);
        end.map(|end| format!("{}{tag}{}", &xml[..end], &xml[end..]))
    } else {
        None
    };
    let patched = patched.unwrap_or_else(|| {
        xml.replacen(
            "<w:rPrDefault><w:rPr />",
            &format!("<w:rPrDefault><w:rPr>{tag}</w:rPr>"),
            1,
        )
    });
    patched.into_bytes()
}

/// Marks the header rows (the only rows with `w:cantSplit`) as header rows,
/// so they repeat on every page and screen readers know them as headers.
fn repeat_header_rows(document: &[u8]) -> Vec<u8> {
    String::from_utf8_lossy(document)
        .replace("<w:cantSplit />", "<w:cantSplit /><w:tblHeader />")
        .into_bytes()
}

/// Adds the title and the language to `docProps/core.xml`, and names
/// Leerkring as the author instead of docx-rs's "unknown" (never a person:
/// the public variant must not name anyone).
fn set_core_properties(core: &[u8], title: &str, lang: &str) -> Vec<u8> {
    let xml = String::from_utf8_lossy(core)
        .replacen(
            "<dc:creator>unknown</dc:creator>",
            "<dc:creator>Leerkring</dc:creator>",
            1,
        )
        .replacen(
            "<cp:lastModifiedBy>unknown</cp:lastModifiedBy>",
            "<cp:lastModifiedBy>Leerkring</cp:lastModifiedBy>",
            1,
        );
    let title = escape_xml(title);
    let extra = format!("<dc:title>{title}</dc:title><dc:language>{lang}</dc:language>");
    xml.replacen(
        "</cp:coreProperties>",
        &format!("{extra}</cp:coreProperties>"),
        1,
    )
    .into_bytes()
}

/// docx-rs stores every picture as `word/media/<id>.png` and declares
/// `.png` as PNG; a JPEG or GIF (the reports' photos) gets an `<Override>` with its
/// real content type, so Word and validators need not sniff the bytes.
fn declare_media_types(content_types: &[u8], media: &[(String, Vec<u8>)]) -> Vec<u8> {
    let overrides: String = media
        .iter()
        .filter_map(|(id, bytes)| {
            let kind = super::images::mime_of(bytes).filter(|kind| *kind != "image/png")?;
            let id = escape_xml(id);
            Some(format!(
                "<Override PartName=\"/word/media/{id}.png\" ContentType=\"{kind}\" />"
            ))
        })
        .collect();
    String::from_utf8_lossy(content_types)
        .replacen("</Types>", &format!("{overrides}</Types>"), 1)
        .into_bytes()
}

fn escape_xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_proofing_language_goes_into_the_document_defaults() {
        let empty = b"<w:docDefaults><w:rPrDefault><w:rPr /></w:rPrDefault></w:docDefaults>";
        let patched = String::from_utf8(set_proofing_language(empty, "nl-NL")).expect("utf-8");
        assert!(patched.contains(
            "<w:rPrDefault><w:rPr><w:lang w:val=\"nl-NL\" w:eastAsia=\"nl-NL\" w:bidi=\"ar-SA\" /></w:rPr>"
        ), "{patched}");

        let full = b"<w:rPrDefault><w:rPr><w:sz w:val=\"22\" /></w:rPr></w:rPrDefault>";
        let patched = String::from_utf8(set_proofing_language(full, "en-GB")).expect("utf-8");
        assert!(
            patched.contains("<w:sz w:val=\"22\" /><w:lang w:val=\"en-GB\""),
            "{patched}"
        );
    }

    #[test]
    fn a_jpeg_picture_is_declared_as_jpeg_and_a_png_stays_png() {
        let types = br#"<Types><Default Extension="png" ContentType="image/png" /></Types>"#;
        let media = vec![
            ("rIdImage1".to_owned(), vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 0]),
            ("rIdImage2".to_owned(), b"\x89PNG\r\n\x1a\n".to_vec()),
        ];
        let patched = String::from_utf8(declare_media_types(types, &media)).expect("utf-8");
        assert!(
            patched.contains(
                r#"<Override PartName="/word/media/rIdImage1.png" ContentType="image/jpeg" /></Types>"#
            ),
            "{patched}"
        );
        assert!(!patched.contains("rIdImage2"), "{patched}");
    }

    #[test]
    fn text_runs_keep_line_breaks_and_tabs() {
        let run = text_run(Run::new(), "a\nb\tc");
        let xml = String::from_utf8(docx_rs::BuildXML::build(&run)).expect("utf-8");
        assert!(xml.contains("<w:br w:type=\"textWrapping\" />"), "{xml}");
        assert!(xml.contains("<w:tab />"), "{xml}");
    }
}
