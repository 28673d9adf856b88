//! The console's photos of the current agenda item: thumbnails (decoded by
//! the app's background thread), captions, removing, showing one on the
//! projector, and adding one (a dialog, or a file dropped on the window).

use egui::{RichText, TextEdit};

use crate::app::projector::{PhotoPicture, ProjectorMode};
use crate::app::{AppState, Command, Intents, Request, ViewState};
use crate::i18n::{T, tr, trf};
use crate::model::{Edit, ItemId};

/// The side of the square a thumbnail is fitted into, in points.
const THUMBNAIL_BOX: f32 = 112.0;

/// The photos of `item` with their controls, and the "add photo" button.
pub fn item_photos_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    view: &ViewState,
    item: &ItemId,
    out: &mut Intents,
) {
    let lang = state.ui_lang;
    let photos: Vec<_> = state
        .session
        .attachments
        .iter()
        .filter(|a| a.agenda_item.as_ref() == Some(item))
        .collect();
    let header = format!("{} ({})", tr(lang, T::Photos), photos.len());
    egui::CollapsingHeader::new(header)
        .id_salt("item_photos")
        .default_open(true)
        .show(ui, |ui| {
            for (index, photo) in photos.iter().enumerate() {
                let n = (index + 1).to_string();
                ui.horizontal(|ui| {
                    let picture = state.photos.thumbnails.get(&photo.id).copied();
                    thumbnail_ui(ui, state, picture, &trf(lang, T::PhotoNumber, &[("n", &n)]));
                    ui.vertical(|ui| {
                        let label = ui.label(trf(lang, T::PhotoCaptionOf, &[("n", &n)]));
                        let mut caption = photo.caption.clone();
                        let response = ui
                            .add(
                                TextEdit::singleline(&mut caption)
                                    .desired_width(ui.available_width().clamp(160.0, 360.0)),
                            )
                            .labelled_by(label.id);
                        if response.changed() {
                            out.edit(Edit::SetPhotoCaption {
                                photo: photo.id.clone(),
                                caption,
                            });
                        }
                        ui.horizontal_wrapped(|ui| {
                            let shown = state.projector.open
                                && state.projector_photo().map(|a| &a.id) == Some(&photo.id)
                                && state.projector_mode() == ProjectorMode::Photo;
                            let show = trf(lang, T::PhotoShowOf, &[("n", &n)]);
                            if ui.selectable_label(shown, show).clicked() {
                                out.request(Request::ShowPhoto(photo.id.clone()));
                            }
                            if ui
                                .button(trf(lang, T::PhotoRemoveOf, &[("n", &n)]))
                                .clicked()
                            {
                                out.edit(Edit::RemovePhoto(photo.id.clone()));
                            }
                        });
                    });
                });
            }
            ui.horizontal_wrapped(|ui| {
                super::console::command_button(ui, state, view, Command::AddPhoto, out);
                ui.label(RichText::new(tr(lang, T::PhotoHint)).weak());
            });
        });
}

/// One thumbnail, fitted into a square box; a short text while it loads or
/// when its file is missing.
fn thumbnail_ui(ui: &mut egui::Ui, state: &AppState, picture: Option<PhotoPicture>, alt: &str) {
    let lang = state.ui_lang;
    let box_size = egui::vec2(THUMBNAIL_BOX, THUMBNAIL_BOX);
    match picture {
        Some(PhotoPicture::Ready { texture, size }) if size.x > 0.0 && size.y > 0.0 => {
            let scale = (THUMBNAIL_BOX / size.x).min(THUMBNAIL_BOX / size.y);
            ui.add_sized(
                box_size,
                egui::Image::new((texture, size * scale)).alt_text(alt),
            );
        }
        Some(PhotoPicture::Missing) => {
            ui.add_sized(
                box_size,
                egui::Label::new(tr(lang, T::PhotosMissing)).wrap(),
            );
        }
        Some(PhotoPicture::Unusable | PhotoPicture::Ready { .. }) => {
            let text = trf(lang, T::PhotoCannotShow, &[("file", "")]);
            ui.add_sized(
                box_size,
                egui::Label::new(text.trim_end_matches([':', ' '])).wrap(),
            );
        }
        Some(PhotoPicture::Loading) | None => {
            ui.add_sized(box_size, egui::Spinner::new());
        }
    }
}

/// While files are dragged over the window: a veil saying where a dropped
/// photo goes (painted only; it takes no input and no focus).
pub fn drop_hint_ui(ctx: &egui::Context, state: &AppState) {
    if ctx.input(|i| i.raw.hovered_files.is_empty()) {
        return;
    }
    let lang = state.ui_lang;
    let item = state
        .runner
        .current_or_first(&state.session)
        .and_then(|id| state.session.agenda_item(id))
        .map_or("", |item| item.title.trim());
    let text = if state.read_only {
        tr(lang, T::ReadOnlyTitle).to_owned()
    } else {
        trf(lang, T::PhotoDropHere, &[("item", item)])
    };
    let painter = ctx.layer_painter(egui::LayerId::new(
        egui::Order::Foreground,
        egui::Id::unique("photo_drop_hint"),
    ));
    let rect = ctx.content_rect();
    painter.rect_filled(rect, 0.0, egui::Color32::from_black_alpha(170));
    painter.text(
        rect.center(),
        egui::Align2::CENTER_CENTER,
        text,
        egui::FontId::proportional(28.0),
        egui::Color32::WHITE,
    );
}
