//! Painting the projector, mode by mode, with galleys and shapes only (no
//! widgets): the console's thumbnail draws the very same picture, and only
//! the projector itself adds accessibility nodes for its texts.
//!
//! Every size is relative to the rect's height, so the function works at
//! any size. The readable minimum is relative too (body text at least 2 %
//! of the rect's height, 22 physical pixels on a 1080-line beamer): the
//! thumbnail applies the same rule to its own height, which keeps no
//! absolute floor and makes it show the same grid and pages as the beamer.

mod join;
mod vote;

use std::sync::{Arc, Mutex, PoisonError};

use egui::emath::GuiRounding as _;
use egui::epaint::text::{LayoutJob, TextFormat};
use egui::{
    Align, Color32, Context, Galley, Id, Painter, Pos2, Rect, Stroke, StrokeKind, Vec2, accesskit,
    pos2, vec2,
};

use super::layout::{
    BoardStyle, CardText, FitCache, MIN_BODY_FRACTION, PlacedCard, WhiteboardLayout, bold,
    card_texts_with, largest_fitting, layout_key, place_page, regular, single_line,
    whiteboard_layout_cached, wrapped,
};
use super::shared::SharedWords;
use super::theme::{Palette, palette};
use super::{
    BeamerTheme, Blank, PhotoPicture, ProjectorMode, ProjectorReport, ProjectorView, TimerView,
};
use crate::i18n::{T, tr, trf};
use crate::model::{BlockKind, Bullet, Session};

/// The largest body text of the whiteboard, as a share of the height.
const WHITEBOARD_MAX: f32 = 0.05;
/// The largest body text of the focus card.
const FOCUS_MAX: f32 = 0.075;
/// The largest body text of the agenda.
const AGENDA_MAX: f32 = 0.045;
/// The largest body text of a synthesis block.
const SYNTHESIS_MAX: f32 = 0.055;
/// The largest body text of the themes.
const THEMES_MAX: f32 = 0.05;
/// The most themes shown at once: the top of the list is what the room
/// discusses; the console's view has them all.
const THEMES_SHOWN: usize = 10;
/// The font size at which a clock is measured before it is scaled to fit.
const PROBE: f32 = 100.0;
/// The header strip's text, as a share of the height (never below the minimum).
const HEADER_SIZE: f32 = 0.026;

/// Draws the projector into `rect` of `ui` and says whether it all fit.
///
/// `accessible`: register one AccessKit node per visible text (role
/// [`accesskit::Role::Label`], its value the exact text, its bounds the
/// text's rect), so tests find cards and keywords; the console's thumbnail
/// passes `false` and no node is created, so labels stay unique.
///
/// Black and white screens fill `rect` and show nothing else (the report
/// still describes the content, so the console's paging stays put).
///
/// It allocates no space and senses no input: the caller reserves `rect`
/// (the projector window passes its whole content rect; the console's
/// thumbnail allocates a small, clickable rect and draws into it).
pub fn projector_ui(
    ui: &mut egui::Ui,
    rect: Rect,
    view: &ProjectorView<'_>,
    accessible: bool,
) -> ProjectorReport {
    let painter = ui.painter_at(rect);
    let showing = view.blank == Blank::Off;
    let palette = palette(view.theme);
    let fill = match view.blank {
        Blank::Black => Color32::BLACK,
        Blank::White => Color32::WHITE,
        Blank::Off => palette.background,
    };
    painter.rect_filled(rect, 0.0, fill);
    if rect.width() < 1.0 || rect.height() < 1.0 || !rect.is_finite() {
        return ProjectorReport {
            body_size: 0.0,
            fits: true,
            pages: 1,
        };
    }
    let mut canvas = Canvas {
        ctx: ui.ctx().clone(),
        painter,
        showing,
        accessible: accessible && showing,
        id: ui.scope_id().with("leerkring-projector"),
        next: 0,
        pixels_per_point: ui.ctx().pixels_per_point(),
    };
    let scene = Scene {
        view,
        palette,
        rect,
        min_body: MIN_BODY_FRACTION * rect.height(),
    };

    let mut area = rect;
    if view.show_header && view.mode != ProjectorMode::Timer {
        area.min.y += header_ui(&mut canvas, &scene);
    }
    match view.mode {
        ProjectorMode::Whiteboard => whiteboard_ui(&mut canvas, &scene, area),
        ProjectorMode::Focus => focus_ui(&mut canvas, &scene, area),
        ProjectorMode::Agenda => agenda_ui(&mut canvas, &scene, area),
        ProjectorMode::Synthesis => synthesis_ui(&mut canvas, &scene, area),
        ProjectorMode::Timer => timer_ui(&mut canvas, &scene, area),
        ProjectorMode::Photo => photo_ui(&mut canvas, &scene, area),
        ProjectorMode::Themes => themes_ui(&mut canvas, &scene, area),
        ProjectorMode::Join => join::join_ui(&mut canvas, &scene, area),
        ProjectorMode::Vote => vote::vote_ui(&mut canvas, &scene, area),
    }
}

/// A clock as the room reads it: "4:05", "1:02:03"; negative seconds are
/// written without sign (the caller says "over time").
#[must_use]
pub fn format_clock(seconds: i64) -> String {
    let total = seconds.unsigned_abs();
    let (hours, minutes, secs) = (total / 3600, total / 60 % 60, total % 60);
    if hours > 0 {
        format!("{hours}:{minutes:02}:{secs:02}")
    } else {
        format!("{minutes}:{secs:02}")
    }
}

/// Whether a clock ran past its planned time.
fn is_over(timer: &TimerView) -> bool {
    timer.countdown && timer.seconds < 0
}

/// What one frame draws from.
struct Scene<'v, 'a> {
    view: &'v ProjectorView<'a>,
    palette: Palette,
    /// The whole projector.
    rect: Rect,
    /// The readable minimum for body text, in points.
    min_body: f32,
}

impl Scene<'_, '_> {
    fn session(&self) -> &Session {
        self.view.session
    }

    fn tr(&self, key: T) -> &'static str {
        tr(self.view.lang, key)
    }

    /// The board style for `size` with body text up to `max_fraction` of the height.
    fn board_style(
        &self,
        size: Vec2,
        max_fraction: f32,
        pixels_per_point: f32,
    ) -> BoardStyle<'static> {
        BoardStyle {
            title_marker: self.view.title_marker,
            continued: self.tr(T::ProjectorContinued),
            ..BoardStyle::readable(
                size,
                self.rect.height(),
                max_fraction,
                pixels_per_point,
                self.palette,
            )
        }
    }

    /// The space around the content.
    fn margin(&self) -> f32 {
        self.min_body * 0.8
    }
}

/// The painter plus the accessibility nodes, with painting switched off
/// for black and white screens.
struct Canvas {
    ctx: Context,
    painter: Painter,
    showing: bool,
    accessible: bool,
    id: Id,
    next: u64,
    pixels_per_point: f32,
}

impl Canvas {
    fn layout(&self, job: LayoutJob) -> Arc<Galley> {
        self.ctx.fonts_mut(|fonts| fonts.layout_job(job))
    }

    /// Paints a content text and gives it an accessibility node.
    fn text(&mut self, pos: Pos2, galley: &Arc<Galley>, selected: bool) -> Rect {
        let pos = pos.round_to_pixels(self.pixels_per_point);
        let rect = galley.rect.translate(pos.to_vec2());
        if !self.showing {
            return rect;
        }
        self.painter
            .galley(pos, Arc::clone(galley), Color32::PLACEHOLDER);
        if self.accessible && !galley.job.text.trim().is_empty() {
            let id = self.id.with(self.next);
            self.next += 1;
            let text = galley.job.text.clone();
            self.ctx.accesskit_node_builder(id, |node| {
                node.set_role(accesskit::Role::Label);
                node.set_value(text);
                node.set_bounds(bounds(rect));
                if selected {
                    node.set_selected(true);
                }
            });
        }
        rect
    }

    /// Paints a photo's texture into `rect` and gives it an accessibility
    /// node (role image, the caption as its label).
    fn image(&mut self, texture: egui::TextureId, rect: Rect, label: &str) {
        if !self.showing {
            return;
        }
        let uv = Rect::from_min_max(pos2(0.0, 0.0), pos2(1.0, 1.0));
        self.painter.image(texture, rect, uv, Color32::WHITE);
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
    }

    /// Paints a decoration (⊗, bullet, arrow): no accessibility node.
    fn decoration(&self, pos: Pos2, galley: &Arc<Galley>) {
        if self.showing {
            let pos = pos.round_to_pixels(self.pixels_per_point);
            self.painter
                .galley(pos, Arc::clone(galley), Color32::PLACEHOLDER);
        }
    }

    fn fill(&self, rect: Rect, radius: f32, colour: Color32) {
        if self.showing {
            self.painter.rect_filled(rect, radius, colour);
        }
    }

    fn frame(&self, rect: Rect, radius: f32, fill: Color32, stroke: Stroke) {
        if self.showing {
            self.painter
                .rect(rect, radius, fill, stroke, StrokeKind::Inside);
        }
    }

    /// The auto-fit of `cards`, kept between frames while nothing it
    /// depends on changes (the search lays out every card several times).
    /// When something changed, the search measures again only the cards
    /// that changed: the others' measurements are kept in a [`FitCache`].
    fn cached_layout(
        &self,
        name: &str,
        cards: &[CardText<'_>],
        style: &BoardStyle<'_>,
    ) -> Arc<WhiteboardLayout> {
        let key = layout_key(cards, style);
        let id = self.id.with((
            "layout",
            name,
            style.size.x.to_bits(),
            style.size.y.to_bits(),
        ));
        if let Some((cached_key, layout)) = self
            .ctx
            .data(|d| d.get_temp::<(u64, Arc<WhiteboardLayout>)>(id))
            && cached_key == key
        {
            return layout;
        }
        let fit_cache = self.ctx.data_mut(|d| {
            d.get_temp_mut_or_default::<Arc<Mutex<FitCache>>>(self.id.with(("fit", name)))
                .clone()
        });
        let layout = Arc::new(self.ctx.fonts_mut(|fonts| {
            let mut fit_cache = fit_cache.lock().unwrap_or_else(PoisonError::into_inner);
            whiteboard_layout_cached(fonts, cards, style, &mut fit_cache)
        }));
        self.ctx
            .data_mut(|d| d.insert_temp(id, (key, Arc::clone(&layout))));
        layout
    }

    /// The whiteboard's cards with their shared words marked. Finding the
    /// shared words normalises every word of every card, so the result is
    /// kept between frames while the cards' words stay the same.
    fn cards<'s>(&self, session: &'s Session) -> Vec<CardText<'s>> {
        // Everything the shared words and their colours depend on.
        let key = egui::util::hash((
            session
                .organisations
                .iter()
                .map(|o| (&o.id, o.kind))
                .collect::<Vec<_>>(),
            session
                .experiments
                .iter()
                .map(|e| {
                    (
                        &e.organisation,
                        e.keywords.iter().map(|k| &k.text).collect::<Vec<_>>(),
                    )
                })
                .collect::<Vec<_>>(),
        ));
        // One cache for the projector and the console's thumbnail. It also
        // keeps the colours, so a new shared word leaves the others' alone.
        let id = Id::unique("leerkring-projector-shared-spans");
        let cached = self.ctx.data(|d| d.get_temp::<SharedCache>(id));
        let shared = match cached {
            Some((cached_key, shared)) if cached_key == key => shared,
            cached => {
                let previous = cached.map(|(_, shared)| shared).unwrap_or_default();
                let shared = Arc::new(previous.update(session));
                self.ctx
                    .data_mut(|d| d.insert_temp(id, (key, Arc::clone(&shared))));
                shared
            }
        };
        let mut next = shared.spans.iter();
        card_texts_with(session, |_| next.next().cloned().unwrap_or_default())
    }
}

/// What the shared words were found for (a hash of the cards' words) and
/// what was found.
type SharedCache = (u64, Arc<SharedWords>);

// --- Header strip -----------------------------------------------------------

/// The slim strip with the current item and its clock; returns its height.
/// It leaves out what the mode shows big anyway: the agenda marks the item
/// itself, and a synthesis heading equal to the item's title is not repeated.
fn header_ui(c: &mut Canvas, s: &Scene<'_, '_>) -> f32 {
    let view = s.view;
    let item = view.current_item.and_then(|id| s.session().agenda_item(id));
    let title = item.map(|i| i.title.trim()).filter(|t| !t.is_empty());
    let title = match view.mode {
        ProjectorMode::Agenda => None,
        ProjectorMode::Synthesis => title.filter(|t| *t != synthesis_heading(s)),
        _ => title,
    };
    // During a round the whiteboard's strip shows who has the floor and
    // their speaking time, rather than the item's time.
    let speaker = view
        .speaker
        .as_ref()
        .filter(|_| view.mode == ProjectorMode::Whiteboard)
        .map(|(org, timer)| (s.session().organisation_name(org), timer));
    let timer = view.item_timer.as_ref();
    if title.is_none() && timer.is_none() && speaker.is_none() {
        return 0.0;
    }
    let size = (HEADER_SIZE * s.rect.height()).max(s.min_body);
    let (pad_x, pad_y) = (0.6 * size, 0.3 * size);
    let width = s.rect.width() - 2.0 * pad_x;
    let speaker_text = speaker.map(|(name, t)| {
        let time = format_clock(t.seconds);
        if is_over(t) {
            (
                trf(
                    view.lang,
                    T::ProjectorSpeakerOver,
                    &[("name", name), ("time", &time)],
                ),
                s.palette.header_warning,
            )
        } else {
            (
                trf(
                    view.lang,
                    T::ProjectorSpeakerLeft,
                    &[("name", name), ("time", &time)],
                ),
                s.palette.header_text,
            )
        }
    });
    let timer = match speaker_text {
        Some((text, colour)) => Some(c.layout(single_line(&text, bold(size), colour))),
        None => timer.map(|t| {
            let (text, colour) = if is_over(t) {
                (
                    trf(
                        view.lang,
                        T::ProjectorTimeOver,
                        &[("time", &format_clock(t.seconds))],
                    ),
                    s.palette.header_warning,
                )
            } else if t.countdown {
                (
                    trf(
                        view.lang,
                        T::ProjectorTimeLeft,
                        &[("time", &format_clock(t.seconds))],
                    ),
                    s.palette.header_text,
                )
            } else {
                (format_clock(t.seconds), s.palette.header_text)
            };
            c.layout(single_line(&text, bold(size), colour))
        }),
    };
    let timer_width = timer.as_ref().map_or(0.0, |g| g.size().x + pad_x);
    let title = title.map(|t| {
        c.layout(wrapped(
            t,
            regular(size),
            s.palette.header_text,
            width - timer_width,
        ))
    });
    let content = title
        .iter()
        .chain(timer.iter())
        .map(|g| g.size().y)
        .fold(0.0, f32::max);
    let height = content + 2.0 * pad_y;
    let strip = Rect::from_min_size(s.rect.min, vec2(s.rect.width(), height));
    c.fill(strip, 0.0, s.palette.header_fill);
    if let Some(title) = &title {
        c.text(strip.min + vec2(pad_x, pad_y), title, false);
    }
    if let Some(timer) = &timer {
        let pos = pos2(strip.max.x - pad_x - timer.size().x, strip.min.y + pad_y);
        c.text(pos, timer, false);
    }
    height
}

// --- Whiteboard and focus -------------------------------------------------------

fn whiteboard_ui(c: &mut Canvas, s: &Scene<'_, '_>, area: Rect) -> ProjectorReport {
    let cards = c.cards(s.session());
    // While the room is open, a small join code keeps a column of its own.
    let (board, corner) = join::corner_split(s, area.shrink(s.margin()));
    if let Some(column) = corner {
        join::corner_ui(c, s, column);
    }
    if cards.is_empty() {
        message_ui(c, s, board, s.tr(T::ProjectorNoCards));
        return ProjectorReport {
            body_size: s.min_body,
            fits: true,
            pages: 1,
        };
    }
    let style = s.board_style(board.size(), WHITEBOARD_MAX, c.pixels_per_point);
    let layout = c.cached_layout("whiteboard", &cards, &style);
    // The card (or cards) of the municipality that has the floor.
    let speaking: Vec<usize> = s
        .view
        .speaker
        .as_ref()
        .map(|(org, _)| {
            s.session()
                .cards()
                .iter()
                .enumerate()
                .filter(|(_, card)| &card.org == *org)
                .map(|(index, _)| index)
                .collect()
        })
        .unwrap_or_default();
    board_ui(c, s, board, &cards, &layout, &style, &speaking)
}

/// The current speaker's card, large, beside their countdown. Without a
/// speaker: the card of the current item's presenter, else the first card.
fn focus_ui(c: &mut Canvas, s: &Scene<'_, '_>, area: Rect) -> ProjectorReport {
    let session = s.session();
    let all = session.cards();
    let presenter = s
        .view
        .current_item
        .and_then(|id| session.agenda_item(id))
        .and_then(|item| item.presenter.as_ref());
    let wanted = s.view.speaker.as_ref().map(|(org, _)| *org).or(presenter);
    let index = wanted
        .and_then(|org| all.iter().position(|card| &card.org == org))
        .unwrap_or(0);
    let cards = c.cards(session);
    let board = area.shrink(s.margin());
    let Some(card) = cards.get(index) else {
        message_ui(c, s, board, s.tr(T::ProjectorNoCards));
        return ProjectorReport {
            body_size: s.min_body,
            fits: true,
            pages: 1,
        };
    };
    let timer = s.view.speaker.as_ref().map(|(_, timer)| timer);
    let (card_area, clock_area) = match timer {
        Some(_) if board.width() >= board.height() => {
            let split = board.min.x + board.width() * 0.66;
            (
                Rect::from_min_max(board.min, pos2(split - s.margin(), board.max.y)),
                Some(Rect::from_min_max(pos2(split, board.min.y), board.max)),
            )
        }
        Some(_) => {
            let split = board.min.y + board.height() * 0.7;
            (
                Rect::from_min_max(board.min, pos2(board.max.x, split - s.margin())),
                Some(Rect::from_min_max(pos2(board.min.x, split), board.max)),
            )
        }
        None => (board, None),
    };
    let one = [card.clone()];
    let style = s.board_style(card_area.size(), FOCUS_MAX, c.pixels_per_point);
    let layout = c.cached_layout("focus", &one, &style);
    let report = board_ui(c, s, card_area, &one, &layout, &style, &[]);
    if let (Some(timer), Some(clock_area)) = (timer, clock_area) {
        big_clock_ui(c, s, clock_area, Some(timer));
    }
    report
}

/// Paints page `view.page` of a laid-out board, with "2/3" under it when paged.
fn board_ui(
    c: &mut Canvas,
    s: &Scene<'_, '_>,
    board: Rect,
    cards: &[CardText<'_>],
    layout: &WhiteboardLayout,
    style: &BoardStyle<'_>,
    speaking: &[usize],
) -> ProjectorReport {
    let pages = layout.pages.len().max(1);
    let page = s.view.page.min(pages - 1);
    let placed = c
        .ctx
        .fonts_mut(|fonts| place_page(fonts, cards, layout, page, style));
    let metrics = layout.metrics();
    let border = if s.view.theme == BeamerTheme::HighContrast {
        0.12 * metrics.body
    } else {
        0.06 * metrics.body
    }
    .max(1.0 / c.pixels_per_point);
    for card in &placed {
        let border = if speaking.contains(&card.card) {
            // Thick, in the title colour: who has the floor, seen from the back.
            Stroke::new(
                (0.3 * metrics.body).max(3.0 / c.pixels_per_point),
                s.palette.title,
            )
        } else {
            Stroke::new(border, s.palette.card_border)
        };
        card_ui(c, s, board.min, card, metrics.body, border);
    }
    if pages > 1 {
        let text = trf(
            s.view.lang,
            T::ProjectorPage,
            &[
                ("page", &(page + 1).to_string()),
                ("pages", &pages.to_string()),
            ],
        );
        let galley = c.layout(single_line(&text, regular(metrics.body), s.palette.muted));
        let pos = board.max - galley.size();
        c.text(pos, &galley, false);
    }
    ProjectorReport {
        body_size: layout.body_size,
        fits: layout.fits,
        pages,
    }
}

fn card_ui(
    c: &mut Canvas,
    s: &Scene<'_, '_>,
    origin: Pos2,
    card: &PlacedCard,
    body: f32,
    border: Stroke,
) {
    let rect = card.rect.translate(origin.to_vec2());
    c.frame(rect, 0.35 * body, s.palette.card_fill, border);
    for text in &card.texts {
        let pos = origin + text.rect.min.to_vec2();
        if text.content {
            c.text(pos, &text.galley, false);
        } else {
            c.decoration(pos, &text.galley);
        }
    }
}

// --- Clocks -----------------------------------------------------------------------

/// The clock's text and whether it is over time.
fn clock_text(timer: Option<&TimerView>) -> (String, bool) {
    match timer {
        Some(t) if is_over(t) => (format!("+{}", format_clock(t.seconds)), true),
        Some(t) => (format_clock(t.seconds), false),
        None => ("--:--".to_owned(), false),
    }
}

/// A countdown as large as `area` allows, centred, with "over time" under
/// it when it ran out. Its size follows the number of digits, not the
/// digits themselves, so it does not jitter from second to second.
fn big_clock_ui(c: &mut Canvas, s: &Scene<'_, '_>, area: Rect, timer: Option<&TimerView>) {
    let (text, over) = clock_text(timer);
    let template: String = text
        .chars()
        .map(|ch| if ch.is_ascii_digit() { '0' } else { ch })
        .collect();
    let probe = c.layout(single_line(&template, bold(PROBE), s.palette.title));
    let caption_share = if over { 0.2 } else { 0.0 };
    let by_height = area.height() * 0.8 / (1.0 + caption_share) / probe.size().y * PROBE;
    let by_width = area.width() * 0.9 / probe.size().x.max(1.0) * PROBE;
    let size = (by_height.min(by_width) * c.pixels_per_point).floor() / c.pixels_per_point;
    let size = size.max(s.min_body);
    let colour = if over {
        s.palette.warning
    } else {
        s.palette.title
    };
    let clock = c.layout(single_line(&text, bold(size), colour));
    let caption = over.then(|| {
        c.layout(wrapped(
            s.tr(T::ProjectorOverTime),
            regular((size * 0.2).max(s.min_body)),
            s.palette.warning,
            area.width(),
        ))
    });
    let total = clock.size().y + caption.as_ref().map_or(0.0, |g| g.size().y);
    let top = area.center().y - total / 2.0;
    let clock_pos = pos2(area.center().x - clock.size().x / 2.0, top);
    if area.contains_rect(Rect::from_min_size(clock_pos, clock.size())) {
        c.text(clock_pos, &clock, false);
    }
    if let Some(caption) = &caption {
        let pos = pos2(
            area.center().x - caption.size().x / 2.0,
            top + clock.size().y,
        );
        if area.contains_rect(Rect::from_min_size(pos, caption.size())) {
            c.text(pos, caption, false);
        }
    }
}

/// A break: the item's title and a big countdown.
fn timer_ui(c: &mut Canvas, s: &Scene<'_, '_>, area: Rect) -> ProjectorReport {
    let area = area.shrink(s.margin());
    let title = s
        .view
        .current_item
        .and_then(|id| s.session().agenda_item(id))
        .map(|item| item.title.trim())
        .filter(|t| !t.is_empty());
    let size = (0.05 * s.rect.height()).max(s.min_body);
    let mut clock_area = area;
    if let Some(title) = title {
        let galley = c.layout(centred(wrapped(
            title,
            bold(size),
            s.palette.title,
            area.width(),
        )));
        let pos = pos2(area.center().x, area.min.y + area.height() * 0.08);
        if galley.size().y < area.height() / 3.0 {
            c.text(pos, &galley, false);
            clock_area.min.y = pos.y + galley.size().y;
        }
    }
    big_clock_ui(c, s, clock_area, s.view.item_timer.as_ref());
    ProjectorReport {
        body_size: size,
        fits: true,
        pages: 1,
    }
}

/// Photo mode: the photo as large as fits (never enlarged beyond twice its
/// pixels), centred, with its caption under it.
fn photo_ui(c: &mut Canvas, s: &Scene<'_, '_>, area: Rect) -> ProjectorReport {
    let area = area.shrink(s.margin());
    let size = (0.04 * s.rect.height()).max(s.min_body);
    let report = ProjectorReport {
        body_size: size,
        fits: true,
        pages: 1,
    };
    let Some(photo) = &s.view.photo else {
        message_ui(c, s, area, s.tr(T::PhotoNone));
        return report;
    };
    let mut picture_area = area;
    if !photo.caption.is_empty() {
        let galley = c.layout(centred(wrapped(
            &photo.caption,
            regular(size),
            s.palette.title,
            area.width(),
        )));
        // A very long caption keeps at most a third of the screen.
        if galley.size().y <= area.height() / 3.0 {
            let pos = pos2(area.center().x, area.max.y - galley.size().y);
            c.text(pos, &galley, false);
            picture_area.max.y = pos.y - size * 0.5;
        }
    }
    match photo.picture {
        PhotoPicture::Ready {
            texture,
            size: pixels,
        } if pixels.x > 0.0 && pixels.y > 0.0 => {
            let scale = (picture_area.width() / pixels.x)
                .min(picture_area.height() / pixels.y)
                .min(2.0 * s.rect.height() / pixels.y.max(1.0));
            let rect = Rect::from_center_size(picture_area.center(), pixels * scale.max(0.0));
            let label = if photo.caption.is_empty() {
                s.tr(T::ReportPhoto)
            } else {
                photo.caption.as_str()
            };
            c.image(texture, rect, label);
        }
        PhotoPicture::Ready { .. } | PhotoPicture::Unusable => {
            let text = trf(s.view.lang, T::PhotoCannotShow, &[("file", &photo.file)]);
            message_ui(c, s, picture_area, &text);
        }
        PhotoPicture::Loading => message_ui(c, s, picture_area, s.tr(T::PhotoLoading)),
        PhotoPicture::Missing => {
            let text = trf(s.view.lang, T::PhotoNotFound, &[("file", &photo.file)]);
            message_ui(c, s, picture_area, &text);
        }
    }
    report
}

/// A job whose rows are centred on x = 0 (so its galley is placed by its centre).
fn centred(mut job: LayoutJob) -> LayoutJob {
    job.halign = Align::Center;
    job
}

/// A short message in the middle of `area`.
fn message_ui(c: &mut Canvas, s: &Scene<'_, '_>, area: Rect, text: &str) {
    let size = (0.04 * s.rect.height()).max(s.min_body);
    let galley = c.layout(centred(wrapped(
        text,
        regular(size),
        s.palette.muted,
        area.width(),
    )));
    let pos = pos2(area.center().x, area.center().y - galley.size().y / 2.0);
    c.text(pos, &galley, false);
}

// --- Agenda ---------------------------------------------------------------------------

/// One agenda item laid out at some size.
struct AgendaRow {
    time: Option<Arc<Galley>>,
    title: Arc<Galley>,
    notes: Vec<Arc<Galley>>,
    minutes: Option<Arc<Galley>>,
    current: bool,
    height: f32,
}

/// The columns of the agenda at body size `body`.
struct AgendaColumns {
    body: f32,
    marker: Arc<Galley>,
    marker_width: f32,
    time_width: f32,
    title_width: f32,
    padding: f32,
    gap: f32,
}

fn agenda_columns(
    c: &Canvas,
    s: &Scene<'_, '_>,
    body: f32,
    width: f32,
    with_times: bool,
) -> AgendaColumns {
    let marker = c.layout(single_line("→", bold(body), s.palette.title));
    let marker_width = marker.size().x + 0.4 * body;
    let time_width = if with_times {
        c.layout(single_line("00:00", regular(body), s.palette.muted))
            .size()
            .x
            + 0.8 * body
    } else {
        0.0
    };
    let minutes_width =
        c.layout(single_line(
            &trf(s.view.lang, T::Minutes, &[("n", "000")]),
            regular(body),
            s.palette.muted,
        ))
        .size()
        .x + 0.8 * body;
    let padding = 0.25 * body;
    AgendaColumns {
        body,
        marker_width,
        time_width,
        title_width: (width - 2.0 * padding - marker_width - time_width - minutes_width).max(body),
        marker,
        padding,
        gap: 0.2 * body,
    }
}

fn agenda_rows(c: &Canvas, s: &Scene<'_, '_>, columns: &AgendaColumns) -> Vec<AgendaRow> {
    let session = s.session();
    let start = session.header.start_time.map(|t| {
        i64::from(chrono::Timelike::hour(&t)) * 60 + i64::from(chrono::Timelike::minute(&t))
    });
    let current = s
        .view
        .current_item
        .and_then(|id| session.agenda.iter().position(|item| &item.id == id));
    let body = columns.body;
    let mut elapsed = 0;
    session
        .agenda
        .iter()
        .enumerate()
        .map(|(index, item)| {
            let is_current = current == Some(index);
            let done = current.is_some_and(|cur| index < cur);
            let time = start.map(|start| {
                let at = (start + elapsed).rem_euclid(24 * 60);
                c.layout(single_line(
                    &format!("{}:{:02}", at / 60, at % 60),
                    regular(body),
                    s.palette.muted,
                ))
            });
            elapsed += i64::from(item.planned_minutes);
            let (font, colour) = if is_current {
                (bold(body), s.palette.title)
            } else if done {
                (regular(body), s.palette.muted)
            } else {
                (regular(body), s.palette.text)
            };
            let title = c.layout(wrapped(
                item.title.trim(),
                font,
                colour,
                columns.title_width,
            ));
            // Only notes meant for the projector, and only under the current item.
            let notes: Vec<Arc<Galley>> = if is_current {
                item.notes
                    .iter()
                    .filter(|n| n.visibility.on_projector())
                    .filter(|n| !n.text.trim().is_empty())
                    .map(|n| {
                        c.layout(LayoutJob {
                            wrap: egui::text::TextWrapping::wrap_at_width(columns.title_width),
                            ..LayoutJob::single_section(
                                n.text.trim().to_owned(),
                                TextFormat {
                                    font_id: regular(body),
                                    color: s.palette.muted,
                                    italics: true,
                                    ..TextFormat::default()
                                },
                            )
                        })
                    })
                    .collect()
            } else {
                Vec::new()
            };
            let minutes = (item.planned_minutes > 0).then(|| {
                c.layout(single_line(
                    &trf(
                        s.view.lang,
                        T::Minutes,
                        &[("n", &item.planned_minutes.to_string())],
                    ),
                    regular(body),
                    s.palette.muted,
                ))
            });
            let text_height =
                title.size().y + notes.iter().map(|n| n.size().y + columns.gap).sum::<f32>();
            let height =
                text_height.max(time.as_ref().map_or(0.0, |g| g.size().y)) + 2.0 * columns.padding;
            AgendaRow {
                time,
                title,
                notes,
                minutes,
                current: is_current,
                height,
            }
        })
        .collect()
}

/// The agenda with the current item marked (→, fill, bold) and its
/// projector notes under it. When it does not fit at the minimum size, it
/// shows the items around the current one that fit.
fn agenda_ui(c: &mut Canvas, s: &Scene<'_, '_>, area: Rect) -> ProjectorReport {
    let area = area.shrink(s.margin());
    let session = s.session();
    if session.agenda.is_empty() {
        message_ui(c, s, area, s.tr(T::NoAgenda));
        return ProjectorReport {
            body_size: s.min_body,
            fits: true,
            pages: 1,
        };
    }
    let with_times = session.header.start_time.is_some();
    let heading_of = |c: &Canvas, body: f32| {
        c.layout(wrapped(
            s.tr(T::Agenda),
            bold(body * 1.3),
            s.palette.title,
            area.width(),
        ))
    };
    let total_height = |c: &Canvas, body: f32| {
        let columns = agenda_columns(c, s, body, area.width(), with_times);
        let rows = agenda_rows(c, s, &columns);
        heading_of(c, body).size().y
            + 0.5 * body
            + rows.iter().map(|r| r.height + columns.gap).sum::<f32>()
    };
    let fitted = largest_fitting(s.min_body, AGENDA_MAX * s.rect.height(), |body| {
        total_height(c, body) <= area.height()
    });
    let body = fitted.unwrap_or(s.min_body);
    let columns = agenda_columns(c, s, body, area.width(), with_times);
    let rows = agenda_rows(c, s, &columns);
    let heading = heading_of(c, body);
    let available = area.height() - heading.size().y - 0.5 * body;

    // The rows shown: all, or a window around the current item.
    let current = rows.iter().position(|r| r.current).unwrap_or(0);
    let (mut first, mut last) = (current, current);
    if fitted.is_some() {
        (first, last) = (0, rows.len() - 1);
    } else {
        let mut used = rows[current].height + columns.gap;
        let grow = |index: usize, used: &mut f32| {
            let needed = rows[index].height + columns.gap;
            if *used + needed <= available {
                *used += needed;
                true
            } else {
                false
            }
        };
        // One item of context before, then what comes next, then earlier items.
        if first > 0 && grow(first - 1, &mut used) {
            first -= 1;
        }
        while last + 1 < rows.len() && grow(last + 1, &mut used) {
            last += 1;
        }
        while first > 0 && grow(first - 1, &mut used) {
            first -= 1;
        }
    }

    c.text(area.min, &heading, false);
    let mut y = area.min.y + heading.size().y + 0.5 * body;
    for row in &rows[first..=last] {
        let rect = Rect::from_min_size(pos2(area.min.x, y), vec2(area.width(), row.height));
        if !area.contains_rect(rect) {
            break;
        }
        if row.current {
            c.fill(rect, 0.3 * body, s.palette.current);
            let marker = Arc::clone(&columns.marker);
            c.decoration(rect.min + vec2(columns.padding, columns.padding), &marker);
        }
        let mut x = rect.min.x + columns.padding + columns.marker_width;
        if let Some(time) = &row.time {
            c.text(pos2(x, y + columns.padding), time, false);
        }
        x += columns.time_width;
        c.text(pos2(x, y + columns.padding), &row.title, row.current);
        let mut note_y = y + columns.padding + row.title.size().y;
        for note in &row.notes {
            note_y += columns.gap;
            c.text(pos2(x, note_y), note, false);
            note_y += note.size().y;
        }
        if let Some(minutes) = &row.minutes {
            let pos = pos2(
                rect.max.x - columns.padding - minutes.size().x,
                y + columns.padding,
            );
            c.text(pos, minutes, false);
        }
        y += row.height + columns.gap;
    }
    ProjectorReport {
        body_size: body,
        fits: fitted.is_some(),
        pages: 1,
    }
}

// --- Synthesis ----------------------------------------------------------------------

/// The heading of the shown block: its own, or the standard one.
fn synthesis_heading<'s>(s: &'s Scene<'_, '_>) -> &'s str {
    let block = s.session().synthesis.block(s.view.block);
    let own = block.heading.trim();
    if own.is_empty() {
        s.tr(match s.view.block {
            BlockKind::Observations => T::BlockObservations,
            BlockKind::Opportunities => T::BlockOpportunities,
            BlockKind::FollowUp => T::BlockFollowUp,
            BlockKind::Proposals => T::BlockProposals,
            BlockKind::Decisions => T::BlockDecisions,
            BlockKind::OpenQuestions => T::BlockOpenQuestions,
        })
    } else {
        own
    }
}

/// The bullets of a block, depth first, with their depth.
fn flatten<'b>(bullets: &'b [Bullet], depth: usize, out: &mut Vec<(usize, &'b str)>) {
    for bullet in bullets {
        out.push((depth, bullet.text.trim()));
        flatten(&bullet.children, depth + 1, out);
    }
}

/// A bullet placed on a synthesis page, relative to the content's top left.
struct PlacedBullet {
    bullet: Arc<Galley>,
    bullet_pos: Pos2,
    text: Arc<Galley>,
    text_pos: Pos2,
}

/// The bullets flowed into `columns` columns of `size`, page after page.
fn flow_bullets(
    c: &Canvas,
    s: &Scene<'_, '_>,
    items: &[(usize, &str)],
    body: f32,
    columns: usize,
    size: Vec2,
) -> Vec<Vec<PlacedBullet>> {
    let gap = 0.8 * body;
    let column_width = (size.x - (columns.saturating_sub(1)) as f32 * gap) / columns.max(1) as f32;
    let laid: Vec<(Arc<Galley>, f32, f32, Arc<Galley>)> = items
        .iter()
        .map(|&(depth, text)| {
            let glyph = match depth {
                0 => "•",
                1 => "–",
                _ => "·",
            };
            let bullet = c.layout(single_line(glyph, regular(body), s.palette.muted));
            let indent = depth as f32 * 1.5 * body;
            let bullet_width = bullet.size().x + 0.45 * body;
            let galley = c.layout(wrapped(
                text,
                regular(body),
                s.palette.text,
                column_width - indent - bullet_width,
            ));
            (bullet, indent, bullet_width, galley)
        })
        .collect();
    let space_before = |index: usize| match items.get(index) {
        Some((0, _)) => 0.55 * body,
        _ => 0.25 * body,
    };
    let mut pages = vec![Vec::new()];
    let (mut column, mut y) = (0, 0.0);
    for (index, (bullet, indent, bullet_width, galley)) in laid.iter().enumerate() {
        let space = if y == 0.0 { 0.0 } else { space_before(index) };
        // A bullet stays with its first sub-bullet when both fit in a column.
        let mut needed = galley.size().y;
        if let (Some(&(depth, _)), Some(&(next_depth, _)), Some(next)) =
            (items.get(index), items.get(index + 1), laid.get(index + 1))
            && next_depth > depth
            && needed + space_before(index + 1) + next.3.size().y <= size.y
        {
            needed += space_before(index + 1) + next.3.size().y;
        }
        if y > 0.0 && y + space + needed > size.y {
            column += 1;
            y = 0.0;
            if column == columns {
                pages.push(Vec::new());
                column = 0;
            }
        }
        let y_here = if y == 0.0 { 0.0 } else { y + space };
        let x = column as f32 * (column_width + gap) + indent;
        if let Some(page) = pages.last_mut() {
            page.push(PlacedBullet {
                bullet: Arc::clone(bullet),
                bullet_pos: pos2(x, y_here),
                text_pos: pos2(x + bullet_width, y_here),
                text: Arc::clone(galley),
            });
        }
        y = y_here + galley.size().y;
    }
    pages
}

/// The current synthesis block: its heading and its bullets, nested, as
/// large as fits (in one or, on a wide screen, two columns); pages at the
/// minimum size when even that does not fit.
fn synthesis_ui(c: &mut Canvas, s: &Scene<'_, '_>, area: Rect) -> ProjectorReport {
    let area = area.shrink(s.margin());
    let heading_text = synthesis_heading(s);
    let mut items = Vec::new();
    flatten(
        &s.session().synthesis.block(s.view.block).bullets,
        0,
        &mut items,
    );
    let heading_of = |c: &Canvas, body: f32| {
        c.layout(wrapped(
            heading_text,
            bold(body * 1.35),
            s.palette.title,
            area.width(),
        ))
    };
    let content_size = |c: &Canvas, body: f32, paged: bool| {
        let heading = heading_of(c, body).size().y + 0.6 * body;
        let indicator = if paged {
            c.layout(single_line("0/0", regular(body), s.palette.muted))
                .size()
                .y
                + 0.4 * body
        } else {
            0.0
        };
        vec2(area.width(), (area.height() - heading - indicator).max(0.0))
    };
    let column_choices: &[usize] = if area.width() >= 1.2 * area.height() {
        &[1, 2]
    } else {
        &[1]
    };
    let mut best: Option<(f32, usize)> = None;
    for &columns in column_choices {
        let fitted = largest_fitting(s.min_body, SYNTHESIS_MAX * s.rect.height(), |body| {
            let size = content_size(c, body, false);
            size.y > 0.0 && flow_bullets(c, s, &items, body, columns, size).len() == 1
        });
        if let Some(body) = fitted
            && best.is_none_or(|(b, _)| body > b)
        {
            best = Some((body, columns));
        }
    }
    let fits = best.is_some();
    let (body, columns) = best.unwrap_or((s.min_body, column_choices.last().copied().unwrap_or(1)));
    let size = content_size(c, body, !fits);
    let pages = flow_bullets(c, s, &items, body, columns, size);
    let page = s.view.page.min(pages.len() - 1);

    let heading = heading_of(c, body);
    c.text(area.min, &heading, false);
    let origin = area.min + vec2(0.0, heading.size().y + 0.6 * body);
    let content = Rect::from_min_size(origin, size);
    if items.is_empty() {
        let empty = c.layout(wrapped(
            s.tr(T::NoBullets),
            regular(body),
            s.palette.muted,
            area.width(),
        ));
        c.text(origin, &empty, false);
    }
    for placed in pages.get(page).into_iter().flatten() {
        let text_rect = Rect::from_min_size(origin + placed.text_pos.to_vec2(), placed.text.size());
        // A bullet taller than a whole column is left out, never cut off.
        if !content.expand(0.5).contains_rect(text_rect) {
            continue;
        }
        c.decoration(origin + placed.bullet_pos.to_vec2(), &placed.bullet);
        c.text(text_rect.min, &placed.text, false);
    }
    if pages.len() > 1 {
        let text = trf(
            s.view.lang,
            T::ProjectorPage,
            &[
                ("page", &(page + 1).to_string()),
                ("pages", &pages.len().to_string()),
            ],
        );
        let galley = c.layout(single_line(&text, regular(body), s.palette.muted));
        c.text(area.max - galley.size(), &galley, false);
    }
    ProjectorReport {
        body_size: body,
        fits,
        pages: pages.len(),
    }
}

// --- Themes ---------------------------------------------------------------------------

/// One theme laid out at some size.
struct ThemeRow {
    label: Arc<Galley>,
    count: Arc<Galley>,
    names: Arc<Galley>,
    /// How many of the municipalities share it.
    shared: usize,
    height: f32,
}

/// The columns of the themes at body size `body`.
struct ThemeColumns {
    body: f32,
    label_width: f32,
    count_width: f32,
    /// One square per municipality (none when the screen is too narrow).
    squares: usize,
    square: f32,
    names_width: f32,
    padding: f32,
    gap: f32,
}

fn theme_columns(
    c: &Canvas,
    s: &Scene<'_, '_>,
    body: f32,
    width: f32,
    themes: &[crate::model::themes::Theme],
    total: usize,
) -> ThemeColumns {
    let padding = 0.35 * body;
    let gap = 0.6 * body;
    let count_width = c
        .layout(single_line(
            &format!("{total}/{total}"),
            bold(body),
            s.palette.title,
        ))
        .size()
        .x;
    // As wide as the longest label, at most 30 % of the width (longer ones wrap).
    let widest = themes
        .iter()
        .map(|t| {
            c.layout(single_line(&t.label, bold(body), s.palette.title))
                .size()
                .x
        })
        .fold(0.0, f32::max);
    let label_width = widest.min(0.3 * width).max(body);
    let square = 0.8 * body;
    let squares_width = total as f32 * square * 1.25;
    let rest = width - 2.0 * padding - label_width - count_width - 2.0 * gap;
    // The squares only when the names keep room for a few words.
    let (squares, names_width) = if rest - squares_width - gap >= 8.0 * body {
        (total, rest - squares_width - gap)
    } else {
        (0, rest)
    };
    ThemeColumns {
        body,
        label_width,
        count_width,
        squares,
        square,
        names_width: names_width.max(body),
        padding,
        gap,
    }
}

fn theme_rows(
    c: &Canvas,
    s: &Scene<'_, '_>,
    themes: &[crate::model::themes::Theme],
    columns: &ThemeColumns,
    total: usize,
) -> Vec<ThemeRow> {
    let session = s.session();
    let body = columns.body;
    themes
        .iter()
        .map(|theme| {
            let label = c.layout(wrapped(
                &theme.label,
                bold(body),
                s.palette.title,
                columns.label_width,
            ));
            let count = c.layout(single_line(
                &format!("{}/{total}", theme.municipalities.len()),
                bold(body),
                s.palette.text,
            ));
            let names: Vec<&str> = theme
                .municipalities
                .iter()
                .map(|id| session.organisation_name(id))
                .collect();
            let names = c.layout(wrapped(
                &names.join(" · "),
                regular(body),
                s.palette.muted,
                columns.names_width,
            ));
            let height =
                label.size().y.max(names.size().y).max(count.size().y) + 2.0 * columns.padding;
            ThemeRow {
                label,
                count,
                names,
                shared: theme.municipalities.len(),
                height,
            }
        })
        .collect()
}

/// The themes the municipalities share, most shared first: per theme its
/// label, "7/12", a strip with one square per municipality (filled for
/// those that share it) and their names. As large as fits; at the readable
/// minimum, the top themes that fit (never a cut-off row).
fn themes_ui(c: &mut Canvas, s: &Scene<'_, '_>, area: Rect) -> ProjectorReport {
    let area = area.shrink(s.margin());
    let session = s.session();
    let themes = crate::ui::themes::cached_themes(&c.ctx, session);
    let total = crate::ui::themes::municipality_count(session);
    let heading_of = |c: &Canvas, body: f32| {
        c.layout(wrapped(
            s.tr(T::ProjectorThemesTitle),
            bold(body * 1.3),
            s.palette.title,
            area.width(),
        ))
    };
    if themes.is_empty() {
        message_ui(c, s, area, s.tr(T::ProjectorNoThemes));
        return ProjectorReport {
            body_size: s.min_body,
            fits: true,
            pages: 1,
        };
    }
    let shown = &themes[..themes.len().min(THEMES_SHOWN)];
    let rows_height =
        |rows: &[ThemeRow], gap: f32| rows.iter().map(|r| r.height + gap).sum::<f32>();
    let fitted = largest_fitting(s.min_body, THEMES_MAX * s.rect.height(), |body| {
        let columns = theme_columns(c, s, body, area.width(), shown, total);
        let rows = theme_rows(c, s, shown, &columns, total);
        heading_of(c, body).size().y + 0.5 * body + rows_height(&rows, 0.2 * body) <= area.height()
    });
    let body = fitted.unwrap_or(s.min_body);
    let columns = theme_columns(c, s, body, area.width(), shown, total);
    let rows = theme_rows(c, s, shown, &columns, total);
    let heading = heading_of(c, body);
    c.text(area.min, &heading, false);
    let row_gap = 0.2 * body;
    let mut y = area.min.y + heading.size().y + 0.5 * body;
    let mut drawn = 0;
    for (index, row) in rows.iter().enumerate() {
        let rect = Rect::from_min_size(pos2(area.min.x, y), vec2(area.width(), row.height));
        if !area.contains_rect(rect) {
            break;
        }
        if index % 2 == 0 {
            c.fill(rect, 0.25 * body, s.palette.card_fill);
        }
        let top = y + columns.padding;
        let mut x = rect.min.x + columns.padding;
        c.text(pos2(x, top), &row.label, false);
        x += columns.label_width + columns.gap;
        let count_x = x + columns.count_width - row.count.size().x;
        c.text(pos2(count_x, top), &row.count, false);
        x += columns.count_width + columns.gap;
        if columns.squares > 0 {
            let square = columns.square;
            let square_top = top + (row.count.size().y - square) / 2.0;
            for i in 0..columns.squares {
                let cell = Rect::from_min_size(
                    pos2(x + i as f32 * square * 1.25, square_top),
                    vec2(square, square),
                );
                if i < row.shared {
                    c.fill(cell, 0.15 * square, s.palette.title);
                } else {
                    c.frame(
                        cell,
                        0.15 * square,
                        Color32::TRANSPARENT,
                        Stroke::new((0.08 * square).max(1.0), s.palette.card_border),
                    );
                }
            }
            x += columns.squares as f32 * square * 1.25 + columns.gap;
        }
        c.text(pos2(x, top), &row.names, false);
        y += row.height + row_gap;
        drawn += 1;
    }
    let hidden = themes.len() - drawn;
    if hidden > 0 {
        let more = c.layout(single_line(
            &format!("+{hidden}"),
            regular(body),
            s.palette.muted,
        ));
        let pos = area.max - more.size();
        if pos.y >= y - row_gap {
            c.text(pos, &more, false);
        }
    }
    ProjectorReport {
        body_size: body,
        fits: fitted.is_some() && drawn == shown.len(),
        pages: 1,
    }
}

/// `rect` as accessibility bounds.
fn bounds(rect: Rect) -> accesskit::Rect {
    accesskit::Rect {
        x0: rect.min.x.into(),
        y0: rect.min.y.into(),
        x1: rect.max.x.into(),
        y1: rect.max.y.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clocks_read_as_minutes_and_seconds() {
        assert_eq!(format_clock(0), "0:00");
        assert_eq!(format_clock(65), "1:05");
        assert_eq!(format_clock(-45), "0:45");
        assert_eq!(format_clock(3723), "1:02:03");
        let over = TimerView {
            seconds: -45,
            planned_seconds: Some(300),
            countdown: true,
        };
        assert_eq!(clock_text(Some(&over)), ("+0:45".to_owned(), true));
        assert!(!clock_text(None).1);
    }
}
