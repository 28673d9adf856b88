//! The report as Markdown (`CommonMark`), for wikis and mail. User text is escaped so it
//! renders literally (a keyword "+ startnotitie" stays text, not a list),
//! while staying readable in the raw file. Photos go into a folder next to
//! the report (`x.md_files/`), linked relatively, so the links work
//! wherever the report is written.

use super::ExtraFile;
use super::doc::{Block, Document, Figure, ListItem, Span, SpanStyle, Table};

/// The Markdown text of `doc`, ending in one newline, and its photos as
/// files in `folder` (a path relative to the report, e.g. `x.md_files`).
#[must_use]
pub fn write(doc: &Document, folder: &str) -> (String, Vec<ExtraFile>) {
    let mut parts: Vec<String> = Vec::new();
    let mut files: Vec<ExtraFile> = Vec::new();
    for block in &doc.blocks {
        let part = match block {
            Block::Title(text) => format!("# {}", heading_text(text)),
            Block::Subtitle(text) => format!("**{}**", inline(text)),
            Block::ConceptMark { label, note } => {
                format!("> **{}** – {}", inline(label), inline(note))
            }
            Block::Facts(facts) => facts
                .iter()
                .map(|f| format!("- **{}:** {}", inline(&f.label), one_line(&f.value)))
                .collect::<Vec<_>>()
                .join("\n"),
            Block::Heading { level, text, .. } => {
                let marks = "#".repeat(usize::from(*level) + 1);
                format!("{marks} {}", heading_text(text))
            }
            Block::Paragraph(spans) => lines(&spans_text(spans), "").join("\n"),
            Block::Bullets(items) => {
                let mut out = Vec::new();
                list(items, 0, &mut out);
                out.join("\n")
            }
            Block::Table(table) => self::table(table),
            Block::Figure(figure) => {
                let path = format!("{folder}/{}", photo_file_name(figure, files.len() + 1));
                let part = self::figure(figure, &path);
                files.push(ExtraFile {
                    path,
                    bytes: figure.image.bytes.clone(),
                });
                part
            }
            Block::Note(text) => format!("*{}*", one_line(text)),
        };
        if !part.is_empty() {
            parts.push(part);
        }
    }
    let mut out = parts.join("\n\n");
    out.push('\n');
    (out, files)
}

/// "01-flip-over.jpg": the number keeps the names apart and in order; the
/// name comes from the attachment, the extension from the (possibly
/// re-encoded) picture.
fn photo_file_name(figure: &Figure, number: usize) -> String {
    let original = figure.path.rsplit(['/', '\\']).next().unwrap_or_default();
    let stem = original.rsplit_once('.').map_or(original, |(stem, _)| stem);
    let stem: String = crate::model::slug(stem, "foto").chars().take(40).collect();
    let extension = match figure.image.mime {
        "image/png" => "png",
        "image/gif" => "gif",
        _ => "jpg",
    };
    format!("{number:02}-{stem}.{extension}")
}

/// Nested bullets; each level is indented by two more spaces.
fn list(items: &[ListItem], depth: usize, out: &mut Vec<String>) {
    let indent = "  ".repeat(depth);
    for item in items {
        let text = spans_text(&item.content);
        let continuation = format!("{indent}  ");
        let mut lines = lines(&text, &continuation).into_iter();
        let first = lines.next().unwrap_or_default();
        let first = first.trim_start();
        if first.is_empty() {
            out.push(format!("{indent}-"));
        } else {
            out.push(format!("{indent}- {first}"));
        }
        out.extend(lines);
        list(&item.children, depth + 1, out);
    }
}

/// The spans as Markdown, with `\n` still in them for [`lines`].
fn spans_text(spans: &[Span]) -> String {
    let mut out = String::new();
    for span in spans {
        match span.style {
            SpanStyle::Plain => out.push_str(&inline(&span.text)),
            SpanStyle::Emphasis => out.push_str(&delimited(&span.text, "*")),
            SpanStyle::Strong => out.push_str(&delimited(&span.text, "**")),
        }
    }
    out
}

/// Emphasis or strong text; the spaces around it stay outside the
/// delimiters, or a Markdown reader would not see them as delimiters.
fn delimited(text: &str, mark: &str) -> String {
    let core = text.trim();
    if core.is_empty() {
        return text.to_owned();
    }
    let start = &text[..text.len() - text.trim_start().len()];
    let end = &text[text.trim_end().len()..];
    let core = core.replace('\n', " ");
    format!("{start}{mark}{}{mark}{end}", inline(&core))
}

/// Markdown text split into lines with hard breaks (a trailing backslash),
/// each line after the first indented with `indent`; markers that would
/// start a block at the beginning of a line are escaped.
fn lines(markdown: &str, indent: &str) -> Vec<String> {
    let raw: Vec<&str> = markdown.split('\n').map(str::trim).collect();
    let raw: Vec<&str> = {
        // Blank lines would end the paragraph or list item: drop them.
        let kept: Vec<&str> = raw.into_iter().filter(|l| !l.is_empty()).collect();
        if kept.is_empty() { vec![""] } else { kept }
    };
    let last = raw.len() - 1;
    raw.iter()
        .enumerate()
        .map(|(i, line)| {
            let line = escape_line_start(line);
            let line = if i < last { format!("{line}\\") } else { line };
            if i == 0 {
                line
            } else {
                format!("{indent}{line}")
            }
        })
        .collect()
}

/// Inline Markdown of `text` on one line (line breaks become spaces).
fn one_line(text: &str) -> String {
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    escape_line_start(&inline(&joined))
}

/// Text for a heading: one line, and `#` escaped everywhere (a trailing `#`
/// would be taken for a closing sequence). A heading's text cannot start a
/// block, so "1. Opening" stays as written.
fn heading_text(text: &str) -> String {
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    inline(&joined).replace('#', "\\#")
}

/// Escapes the characters that have a meaning anywhere in a line.
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '~' | '|' => {
                out.push('\\');
                out.push(c);
            }
            // Only an ampersand that could start an entity (`&amp;`, `&#38;`).
            '&' if chars
                .get(i + 1)
                .is_some_and(|n| n.is_ascii_alphanumeric() || *n == '#') =>
            {
                out.push_str("\\&");
            }
            '\t' => out.push(' '),
            // Whatever reaches a writer is cleaned already; never a control character.
            c if !crate::model::clean::is_shown(c) => {}
            _ => out.push(c),
        }
    }
    out
}

/// Escapes what would start a block at the beginning of a line: a heading,
/// a list item ("- ", "+ ", "1. ", "1) "), a thematic break or setext
/// underline, or a code fence. `>` and `*` are already escaped by [`inline`].
fn escape_line_start(line: &str) -> String {
    let first = line.chars().next();
    match first {
        Some('#' | '+' | '-' | '=') => format!("\\{line}"),
        Some(c) if c.is_ascii_digit() => {
            let digits = line.chars().take_while(char::is_ascii_digit).count();
            let rest = &line[digits..];
            if digits <= 9 && (rest.starts_with('.') || rest.starts_with(')')) {
                format!("{}\\{rest}", &line[..digits])
            } else {
                line.to_owned()
            }
        }
        _ => line.to_owned(),
    }
}

/// A pipe table; cells on one line.
fn table(table: &Table) -> String {
    let row = |cells: &[String]| {
        let cells: Vec<String> = cells.iter().map(|c| one_line(c)).collect();
        format!("| {} |", cells.join(" | "))
    };
    let mut out = vec![row(&table.header)];
    out.push(format!("|{}|", vec![" --- "; table.header.len()].join("|")));
    out.extend(table.rows.iter().map(|r| row(r)));
    out.join("\n")
}

/// The image by its path relative to the report, then the caption.
fn figure(figure: &Figure, path: &str) -> String {
    let destination: String = path
        .chars()
        .map(|c| match c {
            '<' => "%3C".to_owned(),
            '>' => "%3E".to_owned(),
            '\n' => "%0A".to_owned(),
            '\\' => "%5C".to_owned(),
            c => c.to_string(),
        })
        .collect();
    let image = format!("![{}](<{destination}>)", one_line(&figure.alt));
    if figure.caption.is_empty() {
        image
    } else {
        format!("{image}\\\n*{}*", one_line(&figure.caption))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn special_characters_render_literally() {
        assert_eq!(
            inline("a*b_c [x] <script> `t` \\ |"),
            "a\\*b\\_c \\[x\\] \\<script\\> \\`t\\` \\\\ \\|"
        );
        assert_eq!(inline("Participeren & leren"), "Participeren & leren");
        assert_eq!(inline("&amp; &#38;"), "\\&amp; \\&#38;");
        assert_eq!(escape_line_start("+ startnotitie"), "\\+ startnotitie");
        assert_eq!(escape_line_start("- x"), "\\- x");
        assert_eq!(escape_line_start("# x"), "\\# x");
        assert_eq!(escape_line_start("2020. Jaar"), "2020\\. Jaar");
        assert_eq!(escape_line_start("1) a"), "1\\) a");
        assert_eq!(escape_line_start("100% discussie"), "100% discussie");
        assert_eq!(heading_text("Vervolg #2 ##"), "Vervolg \\#2 \\#\\#");
    }

    #[test]
    fn paragraphs_keep_line_breaks_and_lists_nest() {
        assert_eq!(
            lines("Maart '18:\n+ START\n\nx", "  "),
            ["Maart '18:\\", "  \\+ START\\", "  x"]
        );
        let item = |text: &str, children| ListItem {
            content: vec![Span {
                text: text.into(),
                style: SpanStyle::Plain,
            }],
            children,
        };
        let mut out = Vec::new();
        list(
            &[item("a", vec![item("b\nc", vec![item("- d", vec![])])])],
            0,
            &mut out,
        );
        assert_eq!(out, ["- a", "  - b\\", "    c", "    - \\- d"]);
    }

    #[test]
    fn emphasis_keeps_spaces_outside() {
        assert_eq!(delimited(" Zeist ", "*"), " *Zeist* ");
        assert_eq!(delimited("  ", "*"), "  ");
        assert_eq!(delimited("a*b", "**"), "**a\\*b**");
    }
}
