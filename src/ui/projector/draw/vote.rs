//! The room's vote on the beamer: one row per option, most dots first,
//! each row warmer the more dots it has (the themes' heat-map idea), with
//! the option's total; never who gave them. While the vote runs the join
//! code stays in the corner so late phones can still vote; once closed the
//! chosen options are framed and named above the list.

use egui::{Color32, Rect, Stroke, pos2, vec2};

use super::super::layout::{bold, largest_fitting, regular, single_line, wrapped};
use super::join::{corner_split, corner_ui};
use super::{Canvas, ProjectorReport, Scene, T, message_ui};

/// The warmest row's colour (light enough for dark text on every theme).
const HOT: Color32 = Color32::from_rgb(250, 176, 98);
/// Text on a light row.
const DARK_INK: Color32 = Color32::from_rgb(17, 17, 17);
/// The largest body size, as a share of the screen's height.
const MAX_BODY: f32 = 0.06;

/// Mixes `from` towards `to` by `t` (0 to 1).
fn mix(from: Color32, to: Color32, t: f32) -> Color32 {
    let channel = |a: u8, b: u8| {
        let value = f32::from(a) + (f32::from(b) - f32::from(a)) * t.clamp(0.0, 1.0);
        // Within 0..=255 by the clamp above.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let value = value.round() as u8;
        value
    };
    Color32::from_rgb(
        channel(from.r(), to.r()),
        channel(from.g(), to.g()),
        channel(from.b(), to.b()),
    )
}

/// Relative brightness, 0 (black) to 1 (white), sRGB weights.
fn luminance(colour: Color32) -> f32 {
    (0.2126 * f32::from(colour.r())
        + 0.7152 * f32::from(colour.g())
        + 0.0722 * f32::from(colour.b()))
        / 255.0
}

pub(super) fn vote_ui(c: &mut Canvas, s: &Scene<'_, '_>, area: Rect) -> ProjectorReport {
    let area = area.shrink(s.margin());
    let report = ProjectorReport {
        body_size: s.min_body,
        fits: true,
        pages: 1,
    };
    let Some(vote) = s.view.vote else {
        message_ui(c, s, area, s.tr(T::ProjectorNoVote));
        return report;
    };
    let (area, corner) = if vote.running {
        corner_split(s, area)
    } else {
        (area, None)
    };
    let mut order: Vec<&(String, u32)> = vote.options.iter().collect();
    order.sort_by_key(|o| std::cmp::Reverse(o.1));
    let most = order.first().map_or(0, |o| o.1);
    let subtitle = if vote.running {
        crate::i18n::trf(
            s.view.lang,
            T::ProjectorVoteLive,
            &[("n", &vote.voters.to_string())],
        )
    } else if vote.chosen.is_empty() {
        s.tr(T::VoteNothingChosen).to_owned()
    } else {
        crate::i18n::trf(
            s.view.lang,
            T::VoteChosenByRoom,
            &[("chosen", &vote.chosen.join(", "))],
        )
    };
    let width = area.width().max(1.0);
    // Every text at body size `body`: the title, the subtitle, and per row
    // the label (wrapped beside its total) and the total.
    let texts = |c: &Canvas, body: f32| {
        let title = c.layout(wrapped(
            &vote.question,
            bold(body * 1.25),
            s.palette.title,
            width,
        ));
        let sub = c.layout(wrapped(
            &subtitle,
            regular(body * 0.85),
            s.palette.muted,
            width,
        ));
        let pad = body * 0.5;
        let rows: Vec<_> = order
            .iter()
            .map(|(label, total)| {
                let chosen = vote.chosen.iter().any(|c| c == label);
                let heat = if most == 0 {
                    0.0
                } else {
                    *total as f32 / most as f32
                };
                let fill = mix(s.palette.card_fill, HOT, heat);
                // Dark ink on a light row, the theme's own on a dark one.
                let ink = if luminance(fill) > 0.45 {
                    DARK_INK
                } else {
                    s.palette.text
                };
                let count = c.layout(single_line(&total.to_string(), bold(body), ink));
                let font = if chosen { bold(body) } else { regular(body) };
                let room = (width - count.size().x - 3.0 * pad).max(1.0);
                let name = c.layout(wrapped(label, font, ink, room));
                let height = (name.size().y + pad).max(body * 1.6);
                (fill, chosen, name, count, height)
            })
            .collect();
        (title, sub, rows)
    };
    let total_height = |c: &Canvas, body: f32| {
        let (title, sub, rows) = texts(c, body);
        title.size().y
            + sub.size().y
            + body * 0.8
            + rows.iter().map(|r| r.4 + body * 0.25).sum::<f32>()
    };
    let body = largest_fitting(s.min_body, MAX_BODY * s.rect.height(), |body| {
        total_height(c, body) <= area.height()
    });
    let fits = body.is_some();
    let body = body.unwrap_or(s.min_body);
    let (title, sub, rows) = texts(c, body);
    let mut y = area.min.y;
    c.text(pos2(area.min.x, y), &title, false);
    y += title.size().y;
    c.text(pos2(area.min.x, y), &sub, false);
    y += sub.size().y + body * 0.8;
    let pad = body * 0.5;
    for (fill, chosen, name, count, height) in &rows {
        let rect = Rect::from_min_size(pos2(area.min.x, y), vec2(width, *height));
        if rect.max.y > area.max.y + 0.5 {
            break;
        }
        if *chosen {
            c.frame(
                rect,
                0.25 * body,
                *fill,
                Stroke::new((0.12 * body).max(2.0), s.palette.title),
            );
        } else {
            c.fill(rect, 0.25 * body, *fill);
        }
        let middle = rect.center().y;
        c.text(
            pos2(rect.min.x + pad, middle - name.size().y / 2.0),
            name,
            *chosen,
        );
        c.text(
            pos2(
                rect.max.x - pad - count.size().x,
                middle - count.size().y / 2.0,
            ),
            count,
            false,
        );
        y += height + body * 0.25;
    }
    if let Some(column) = corner {
        corner_ui(c, s, column);
    }
    ProjectorReport {
        body_size: body,
        fits,
        pages: 1,
    }
}
