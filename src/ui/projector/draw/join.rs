//! The room on the beamer: the join mode (a QR code as large as the
//! screen allows, the address to type and what happens to a message) and
//! the small code in the whiteboard's corner while the room is open.
//!
//! A QR code is painted dark on white with its quiet zone, in every beamer
//! theme (phones read dark-on-light codes best), each module a whole
//! number of pixels so no seams show between modules.

use egui::{Color32, Rect, Vec2, accesskit, pos2, vec2};

use super::super::layout::{bold, regular, single_line, wrapped};
use super::{Canvas, ProjectorReport, Scene, T, bounds, centred, message_ui};
use crate::room::{JoinCode, QrMatrix};

/// The light border around a code, in modules (the standard's minimum).
const QUIET: usize = 4;

/// The share of the height the whiteboard's small code takes.
pub(super) const CORNER_FRACTION: f32 = 0.17;

impl Canvas {
    /// Paints `qr` with its quiet zone into the largest square of whole
    /// pixels per module inside `square`, centred; returns where it went.
    fn qr(&mut self, square: Rect, qr: &QrMatrix, label: &str) -> Rect {
        let modules = qr.size + 2 * QUIET;
        if qr.size == 0 || square.width() < 1.0 {
            return Rect::NOTHING;
        }
        let side = square.width().min(square.height());
        let pixels = (side * self.pixels_per_point / modules as f32)
            .floor()
            .max(1.0);
        let module = pixels / self.pixels_per_point;
        let total = module * modules as f32;
        let origin = (square.center() - Vec2::splat(total / 2.0)) * self.pixels_per_point;
        let origin = pos2(origin.x.round(), origin.y.round()) / self.pixels_per_point;
        let rect = Rect::from_min_size(origin, Vec2::splat(total));
        if !self.showing {
            return rect;
        }
        self.painter.rect_filled(rect, 0.0, Color32::WHITE);
        let start = origin + Vec2::splat(module * QUIET as f32);
        for y in 0..qr.size {
            // One rectangle per run of dark modules in a row.
            let mut x = 0;
            while x < qr.size {
                if !qr.is_dark(x, y) {
                    x += 1;
                    continue;
                }
                let run = (x..qr.size).take_while(|&x| qr.is_dark(x, y)).count();
                let min = start + vec2(x as f32 * module, y as f32 * module);
                let run_rect = Rect::from_min_size(min, vec2(run as f32 * module, module));
                self.painter.rect_filled(run_rect, 0.0, Color32::BLACK);
                x += run;
            }
        }
        if self.accessible {
            let id = self.id.with(self.next);
            self.next += 1;
            let label = label.to_owned();
            self.ctx.accesskit_node_builder(id, |node| {
                node.set_role(accesskit::Role::Image);
                node.set_label(label);
                node.set_bounds(bounds(rect));
            });
        }
        rect
    }
}

fn qr_label(s: &Scene<'_, '_>, join: &JoinCode) -> String {
    crate::i18n::trf(s.view.lang, T::RoomQrLabel, &[("url", &join.url)])
}

/// The join mode: the code large, beside (or above) the address and how
/// it works.
pub(super) fn join_ui(c: &mut Canvas, s: &Scene<'_, '_>, area: Rect) -> ProjectorReport {
    let area = area.shrink(s.margin());
    let body = (0.04 * s.rect.height()).max(s.min_body);
    let report = ProjectorReport {
        body_size: body,
        fits: true,
        pages: 1,
    };
    let Some(join) = s.view.join else {
        message_ui(c, s, area, s.tr(T::ProjectorRoomClosed));
        return report;
    };
    let landscape = area.width() >= area.height();
    let gap = s.margin() * 1.5;
    let (code_area, text_area) = if landscape {
        let side = area.height().min(area.width() * 0.5);
        (
            Rect::from_min_size(area.min, Vec2::splat(side)),
            Rect::from_min_max(pos2(area.min.x + side + gap, area.min.y), area.max),
        )
    } else {
        let side = area.width().min(area.height() * 0.55);
        (
            Rect::from_min_size(
                pos2(area.center().x - side / 2.0, area.min.y),
                Vec2::splat(side),
            ),
            Rect::from_min_max(pos2(area.min.x, area.min.y + side + gap), area.max),
        )
    };
    let label = qr_label(s, join);
    c.qr(code_area, &join.qr, &label);

    // The texts, top to bottom, as large as the column allows.
    let width = text_area.width().max(1.0);
    let title = c.layout(wrapped(
        s.tr(T::ProjectorJoinTitle),
        bold((0.065 * s.rect.height()).max(s.min_body)),
        s.palette.title,
        width,
    ));
    let steps = c.layout(wrapped(
        s.tr(T::ProjectorJoinSteps),
        regular(body),
        s.palette.text,
        width,
    ));
    // The address on one line when it fits at a readable size.
    let probe = 100.0;
    let measured = c.layout(single_line(&join.url, bold(probe), s.palette.title));
    let fitting = (width / measured.size().x.max(1.0) * probe).floor();
    let url_size = fitting.min(0.055 * s.rect.height()).max(s.min_body);
    let url = c.layout(wrapped(&join.url, bold(url_size), s.palette.title, width));
    let note = c.layout(wrapped(
        s.tr(T::ProjectorJoinNote),
        regular((body * 0.85).max(s.min_body)),
        s.palette.muted,
        width,
    ));
    let spacing = body * 0.8;
    let total = title.size().y + steps.size().y + url.size().y + note.size().y + 3.0 * spacing;
    let mut y = if landscape {
        text_area.center().y - total / 2.0
    } else {
        text_area.min.y
    }
    .max(text_area.min.y);
    for (galley, after) in [
        (&title, spacing),
        (&steps, spacing * 0.4),
        (&url, spacing),
        (&note, 0.0),
    ] {
        if y + galley.size().y > text_area.max.y + 0.5 {
            return ProjectorReport {
                fits: false,
                ..report
            };
        }
        c.text(pos2(text_area.min.x, y), galley, false);
        y += galley.size().y + after;
    }
    report
}

/// Where the whiteboard's small code goes: a column at the right of
/// `board`; returns the board without it, and the column.
pub(super) fn corner_split(s: &Scene<'_, '_>, board: Rect) -> (Rect, Option<Rect>) {
    if s.view.join.is_none() {
        return (board, None);
    }
    let side = (CORNER_FRACTION * s.rect.height()).min(board.width() * 0.25);
    let column = Rect::from_min_max(pos2(board.max.x - side, board.min.y), board.max);
    let rest = Rect::from_min_max(
        board.min,
        pos2(column.min.x - s.margin() * 0.5, board.max.y),
    );
    (rest, Some(column))
}

/// The small code at the bottom of the whiteboard's right column, with
/// "Take part" above it.
pub(super) fn corner_ui(c: &mut Canvas, s: &Scene<'_, '_>, column: Rect) {
    let Some(join) = s.view.join else {
        return;
    };
    let side = column.width();
    let code = Rect::from_min_size(pos2(column.min.x, column.max.y - side), Vec2::splat(side));
    let placed = c.qr(code, &join.qr, &qr_label(s, join));
    let caption = c.layout(centred(wrapped(
        s.tr(T::RoomPageTitle),
        bold(s.min_body),
        s.palette.title,
        side,
    )));
    let pos = pos2(
        column.center().x,
        placed.min.y - caption.size().y - s.min_body * 0.3,
    );
    if pos.y >= column.min.y {
        c.text(pos, &caption, false);
    }
}
