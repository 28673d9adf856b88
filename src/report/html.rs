//! The report as one self-contained HTML5 page: the style sheet and photos
//! are inside it, it prints on A4, and it is built for WCAG 2.1 AA
//! (language set, semantic headings and lists, table header cells, text
//! alternatives). Every user string is escaped.

use std::fmt::Write as _;

use super::doc::{Block, Document, Figure, Section, Span, SpanStyle, Table};
use super::text::base64;

/// The report's style sheet, inlined into every page.
const CSS: &str = include_str!("../../assets/report.css");

/// The HTML page of `doc`.
#[must_use]
pub fn write(doc: &Document) -> String {
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n");
    let _ = writeln!(out, "<html lang=\"{}\">", doc.lang.code());
    out.push_str("<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<meta name=\"generator\" content=\"Leerkring\">\n");
    let _ = writeln!(out, "<title>{}</title>", escape(&doc.title));
    let _ = writeln!(
        out,
        "<style>\n{}\n{}</style>",
        CSS.trim_end(),
        page_css(doc)
    );
    out.push_str("</head>\n<body>\n<main>\n");

    let mut in_header = false;
    let mut in_section = false;
    for block in &doc.blocks {
        let header_block = matches!(
            block,
            Block::Title(_) | Block::Subtitle(_) | Block::ConceptMark { .. } | Block::Facts(_)
        );
        if header_block && !in_header && !in_section {
            out.push_str("<header>\n");
            in_header = true;
        } else if !header_block && in_header {
            out.push_str("</header>\n");
            in_header = false;
        }
        match block {
            Block::Title(text) => {
                let _ = writeln!(out, "<h1>{}</h1>", escape(text));
            }
            Block::Subtitle(text) => {
                let _ = writeln!(out, "<p class=\"subtitle\">{}</p>", escape(text));
            }
            Block::ConceptMark { label, note } => {
                let _ = writeln!(
                    out,
                    "<p class=\"concept-mark\"><strong>{}</strong> – {}</p>",
                    escape(label),
                    escape(note)
                );
            }
            Block::Facts(facts) => {
                out.push_str("<dl class=\"facts\">\n");
                for fact in facts {
                    let _ = writeln!(
                        out,
                        "<div><dt>{}</dt><dd dir=\"auto\">{}</dd></div>",
                        escape(&fact.label),
                        escape(&fact.value)
                    );
                }
                out.push_str("</dl>\n");
            }
            Block::Heading {
                level,
                text,
                section,
            } => {
                if *level <= 1 {
                    if in_section {
                        out.push_str("</section>\n");
                    }
                    let _ = writeln!(out, "<section class=\"{}\">", section.name());
                    in_section = true;
                }
                let tag = heading_tag(*level);
                let _ = writeln!(out, "<{tag} dir=\"auto\">{}</{tag}>", escape(text));
            }
            Block::Paragraph(spans) => {
                let class = if block.keeps_with_next() {
                    " class=\"lead-in\""
                } else {
                    ""
                };
                let _ = writeln!(out, "<p{class} dir=\"auto\">{}</p>", spans_html(spans));
            }
            Block::Bullets(items) => list(items, &mut out),
            Block::Table(table) => self::table(table, &mut out),
            Block::Figure(figure) => self::figure(figure, &mut out),
            Block::Note(text) => {
                let _ = writeln!(out, "<p class=\"note\">{}</p>", escape(text));
            }
        }
    }
    if in_header {
        out.push_str("</header>\n");
    }
    if in_section {
        out.push_str("</section>\n");
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// The printed page's running header and footer (CSS paged media, where the
/// browser supports margin boxes): the title and date at the top from
/// page 2 on, "CONCEPT" on every page of a draft, "Pagina X van Y" at the
/// bottom.
fn page_css(doc: &super::doc::Document) -> String {
    let (before, between, after) = doc.page_label_parts();
    let mut css = String::from("@page {\n");
    let _ = writeln!(
        css,
        "  @top-left {{ content: {}; }}",
        css_string(&doc.title)
    );
    if let Some(label) = doc.concept_label() {
        let _ = writeln!(
            css,
            "  @top-right {{ content: {}; color: #8a1c00; font-weight: 700; }}",
            css_string(&label.to_uppercase())
        );
    }
    let _ = writeln!(
        css,
        "  @bottom-center {{ content: {} counter(page) {} counter(pages) {}; }}",
        css_string(&before),
        css_string(&between),
        css_string(&after)
    );
    css.push_str("}\n@page :first {\n  @top-left { content: none; }\n}\n");
    css
}

/// `text` as a quoted CSS string that cannot end the string, the rule or
/// the `<style>` element early.
fn css_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' | '\\' | '<' | '>' | '&' | '\n' => {
                let _ = write!(out, "\\{:x} ", u32::from(c));
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The title is `h1`; section headings are `h2`, headings within a section `h3`.
fn heading_tag(level: u8) -> &'static str {
    match level {
        0 | 1 => "h2",
        2 => "h3",
        _ => "h4",
    }
}

fn list(items: &[super::doc::ListItem], out: &mut String) {
    out.push_str("<ul>\n");
    for item in items {
        let _ = write!(out, "<li dir=\"auto\">{}", spans_html(&item.content));
        if !item.children.is_empty() {
            out.push('\n');
            list(&item.children, out);
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n");
}

fn spans_html(spans: &[Span]) -> String {
    spans
        .iter()
        .map(|span| {
            let text = escape(&span.text).replace('\n', "<br>\n");
            match span.style {
                SpanStyle::Plain => text,
                SpanStyle::Emphasis => format!("<em>{text}</em>"),
                SpanStyle::Strong => format!("<strong>{text}</strong>"),
            }
        })
        .collect()
}

fn table(table: &Table, out: &mut String) {
    let class = match table.section {
        Section::Actions => "actions",
        Section::Agenda => "agenda",
        _ => "plain",
    };
    let _ = writeln!(out, "<table class=\"{class}\">\n<thead>\n<tr>");
    for cell in &table.header {
        let _ = writeln!(out, "<th scope=\"col\">{}</th>", escape(cell));
    }
    out.push_str("</tr>\n</thead>\n<tbody>\n");
    for row in &table.rows {
        out.push_str("<tr>");
        for cell in row {
            let _ = write!(
                out,
                "<td dir=\"auto\">{}</td>",
                escape(cell).replace('\n', "<br>")
            );
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

fn figure(figure: &Figure, out: &mut String) {
    let image = &figure.image;
    let _ = write!(
        out,
        "<figure>\n<img src=\"data:{};base64,{}\" alt=\"{}\" width=\"{}\" height=\"{}\">\n",
        image.mime,
        base64(&image.bytes),
        escape(&figure.alt),
        image.width,
        image.height
    );
    if !figure.caption.is_empty() {
        let _ = writeln!(
            out,
            "<figcaption dir=\"auto\">{}</figcaption>",
            escape(&figure.caption)
        );
    }
    out.push_str("</figure>\n");
}

/// `text` with `& < > " '` replaced by character references.
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
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_user_text_is_escaped() {
        assert_eq!(
            escape("<script>alert('x & \"y\"')</script>"),
            "&lt;script&gt;alert(&#39;x &amp; &quot;y&quot;&#39;)&lt;/script&gt;"
        );
    }

    #[test]
    fn page_css_strings_cannot_break_out() {
        assert_eq!(css_string("a\"b</style>"), "\"a\\22 b\\3c /style\\3e \"");
        assert_eq!(css_string("Verslag M50"), "\"Verslag M50\"");
    }

    #[test]
    fn the_page_has_a_language_a_title_and_a_main() {
        let doc = Document {
            lang: crate::i18n::Language::Nl,
            title: "Verslag <M50>".into(),
            date: None,
            author: String::new(),
            exported_at: None,
            left_out: Vec::new(),
            blocks: vec![
                Block::Title("Verslag".into()),
                Block::Heading {
                    level: 1,
                    text: "Wat valt op?".into(),
                    section: Section::Synthesis(crate::model::BlockKind::Observations),
                },
                Block::Paragraph(vec![Span {
                    text: "a\nb".into(),
                    style: SpanStyle::Plain,
                }]),
            ],
        };
        let html = write(&doc);
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"nl\">"));
        assert!(html.contains("<title>Verslag &lt;M50&gt;</title>"));
        assert!(html.contains("@top-left { content: \"Verslag \\3c M50\\3e \"; }"));
        assert!(html.contains(
            "@bottom-center { content: \"Pagina \" counter(page) \" van \" counter(pages) \"\"; }"
        ));
        assert!(
            !html.contains("@top-right"),
            "no concept mark, so not on the pages either"
        );
        assert!(html.contains("<header>\n<h1>Verslag</h1>\n</header>"));
        assert!(
            html.contains("<section class=\"observations\">\n<h2 dir=\"auto\">Wat valt op?</h2>")
        );
        assert!(html.contains("a<br>\nb"));
        assert!(
            html.trim_end()
                .ends_with("</section>\n</main>\n</body>\n</html>")
        );
    }
}
