//! Attached photos in the app: copying a picked or dropped image next to the
//! session (through `store`), and showing photos without ever blocking a
//! frame. A named background thread reads, decodes, turns (EXIF) and scales
//! each photo; the app uploads the result as an egui texture when it
//! arrives and repaints. Until then the UI shows "loading".

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};

use super::projector::{PhotoPicture, PhotoView, ProjectorMode};
use super::{LeerkringApp, NoticeLevel, Screen};
use crate::i18n::{T, tr};
use crate::model::AttachmentId;
use crate::report::images::{self, DecodeError};
use crate::store;

/// The longest side of a console thumbnail, in pixels.
pub const THUMBNAIL_SIDE: u32 = 256;
/// The longest side of a photo on the projector, in pixels.
pub const PROJECTOR_SIDE: u32 = 2560;
/// How many projector-size photos are kept as textures (about 20 MB each).
const LARGE_KEPT: usize = 3;

/// The two sizes a photo is decoded at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PhotoSize {
    /// A console thumbnail.
    Thumbnail,
    /// The projector.
    Projector,
}

impl PhotoSize {
    /// The longest side in pixels.
    #[must_use]
    pub fn max_side(self) -> u32 {
        match self {
            PhotoSize::Thumbnail => THUMBNAIL_SIDE,
            PhotoSize::Projector => PROJECTOR_SIDE,
        }
    }
}

type Key = (PathBuf, PhotoSize);

struct Request {
    key: Key,
    /// The session's folder: the photo is shown only from inside it.
    folder: PathBuf,
    /// The longest side wanted: the size's own, or less when the graphics
    /// card takes no larger texture.
    max_side: u32,
}

struct Decoded {
    key: Key,
    result: Result<image::RgbaImage, Option<DecodeError>>,
}

enum Entry {
    Loading,
    Ready(egui::TextureHandle),
    Missing,
    Unusable,
}

/// Decoded photos as textures, and the thread that decodes them.
#[derive(Default)]
pub struct PhotoCache {
    entries: HashMap<Key, Entry>,
    /// Projector-size keys, oldest use first (for evicting).
    large_order: Vec<Key>,
    requests: Option<Sender<Request>>,
    results: Option<Receiver<Decoded>>,
}

impl PhotoCache {
    /// Starts the decode thread (once); `repaint` wakes the UI when a photo is ready.
    fn start(&mut self, repaint: egui::Context) {
        if self.requests.is_some() {
            return;
        }
        let (request_tx, request_rx) = channel::<Request>();
        let (result_tx, result_rx) = channel::<Decoded>();
        let started = std::thread::Builder::new()
            .name("photo-decode".into())
            .spawn(move || {
                for Request {
                    key,
                    folder,
                    max_side,
                } in request_rx
                {
                    // A link out of the session's folder is never followed.
                    let result = match store::confine(&folder, &key.0) {
                        Ok(path) => images::load_scaled(&path, max_side).map_err(Some),
                        Err(store::Unresolved::Missing) => Err(None),
                        Err(store::Unresolved::Outside) => Err(Some(DecodeError::Unsupported)),
                    };
                    if result_tx.send(Decoded { key, result }).is_err() {
                        break;
                    }
                    repaint.request_repaint();
                }
            });
        if started.is_ok() {
            self.requests = Some(request_tx);
            self.results = Some(result_rx);
        }
    }

    /// Uploads the photos decoded since the last frame.
    fn receive(&mut self, ctx: &egui::Context) {
        let Some(results) = &self.results else {
            return;
        };
        loop {
            match results.try_recv() {
                Ok(decoded) => {
                    let entry = match decoded.result {
                        Ok(rgba) => {
                            let size = [rgba.width() as usize, rgba.height() as usize];
                            let image = egui::ColorImage::from_rgba_unmultiplied(size, &rgba);
                            let name = format!("photo:{}", decoded.key.0.display());
                            Entry::Ready(ctx.load_texture(
                                name,
                                image,
                                egui::TextureOptions::LINEAR,
                            ))
                        }
                        Err(None) => Entry::Missing,
                        Err(Some(_)) => Entry::Unusable,
                    };
                    // A photo forgotten meanwhile is not brought back.
                    if let Some(slot) = self.entries.get_mut(&decoded.key) {
                        *slot = entry;
                    }
                }
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    self.requests = None;
                    self.results = None;
                    break;
                }
            }
        }
    }

    /// The picture of the photo at `path` in `size`; asks the thread for it
    /// the first time.
    fn picture(
        &mut self,
        ctx: &egui::Context,
        folder: &Path,
        path: &Path,
        size: PhotoSize,
    ) -> PhotoPicture {
        let key = (path.to_path_buf(), size);
        if size == PhotoSize::Projector {
            self.large_order.retain(|k| k != &key);
            self.large_order.push(key.clone());
            while self.large_order.len() > LARGE_KEPT {
                let old = self.large_order.remove(0);
                self.entries.remove(&old);
            }
        }
        if !self.entries.contains_key(&key) {
            self.start(ctx.clone());
            let texture_side = u32::try_from(ctx.input(|i| i.max_texture_side)).unwrap_or(u32::MAX);
            let request = Request {
                key: key.clone(),
                folder: folder.to_path_buf(),
                max_side: size.max_side().min(texture_side),
            };
            let sent = self
                .requests
                .as_ref()
                .is_some_and(|tx| tx.send(request).is_ok());
            let entry = if sent {
                Entry::Loading
            } else {
                Entry::Unusable
            };
            self.entries.insert(key.clone(), entry);
        }
        match self.entries.get(&key) {
            Some(Entry::Ready(texture)) => PhotoPicture::Ready {
                texture: texture.id(),
                size: texture.size_vec2(),
            },
            Some(Entry::Loading) => PhotoPicture::Loading,
            Some(Entry::Missing) => PhotoPicture::Missing,
            Some(Entry::Unusable) | None => PhotoPicture::Unusable,
        }
    }

    /// Forgets every photo (another session was opened, or files moved).
    pub fn clear(&mut self) {
        self.entries.clear();
        self.large_order.clear();
    }
}

/// The photos the UI shows this frame, prepared by the app.
#[derive(Debug, Clone, Default)]
pub struct PhotoShelf {
    /// The current agenda item's photos as thumbnails.
    pub thumbnails: HashMap<AttachmentId, PhotoPicture>,
    /// The photo of photo mode, when there is one.
    pub projector: Option<PhotoView>,
}

impl LeerkringApp {
    /// The file that relative photo paths start from: the session's file,
    /// or for an untitled session its copy in the recovery folder.
    #[must_use]
    pub fn session_base(&self) -> Option<PathBuf> {
        match (&self.state.file, &self.env.dirs) {
            (Some(file), _) => Some(file.clone()),
            (None, Some(dirs)) if !self.state.untitled_name.is_empty() => {
                Some(dirs.recovery_dir().join(&self.state.untitled_name))
            }
            _ => None,
        }
    }

    /// Collects decoded photos and asks for the ones this frame shows: the
    /// current item's thumbnails and, in photo mode, the projector's photo.
    pub(super) fn prepare_photos(&mut self, ctx: &egui::Context) {
        self.photo_cache.receive(ctx);
        let mut prepared = PhotoShelf::default();
        let Some(base) = self.session_base() else {
            self.state.photos = prepared;
            return;
        };
        let folder = store::session_folder(&base);
        let resolve = |relative: &str| crate::model::attachment_path(&folder, relative);
        let state = &self.state;
        let item = state.runner.current_or_first(&state.session).cloned();
        for attachment in &state.session.attachments {
            if item.is_none() || attachment.agenda_item != item {
                continue;
            }
            let picture = match resolve(&attachment.path) {
                Some(path) => self
                    .photo_cache
                    .picture(ctx, &folder, &path, PhotoSize::Thumbnail),
                None => PhotoPicture::Missing,
            };
            prepared.thumbnails.insert(attachment.id.clone(), picture);
        }
        let photo_mode =
            state.projector.frozen.is_none() && state.projector_mode() == ProjectorMode::Photo;
        if photo_mode && let Some(attachment) = state.projector_photo() {
            let picture = match resolve(&attachment.path) {
                Some(path) => self
                    .photo_cache
                    .picture(ctx, &folder, &path, PhotoSize::Projector),
                None => PhotoPicture::Missing,
            };
            prepared.projector = Some(PhotoView {
                picture,
                caption: crate::model::clean::clean(attachment.caption.trim()),
                file: attachment.path.clone(),
            });
        }
        self.state.photos = prepared;
    }

    /// Asks for photos to attach (the "Add photo…" command).
    pub(super) fn ask_for_photo(&mut self) {
        self.pending_photo = Some(self.env.dialogs.pick_photos());
    }

    /// Attaches the photos picked in the dialog (in the order given), once
    /// it answered.
    pub(super) fn poll_photo_dialog(&mut self) {
        let Some(receiver) = &self.pending_photo else {
            return;
        };
        let answer = receiver.try_recv();
        if matches!(answer, Err(TryRecvError::Empty)) {
            return;
        }
        self.pending_photo = None;
        match answer {
            Ok(files) => self.attach_photo_files(files),
            Err(_) => self.ask_for_path(super::PathPurpose::Photos),
        }
    }

    /// Attaches the files dropped on the window this frame (PNG and JPEG;
    /// other files get a notice).
    pub(super) fn attach_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        if !dropped.is_empty() {
            self.attach_photo_files(dropped);
        }
    }

    /// Copies the images at `sources` beside the session (in the
    /// background) and attaches them, in order, to the current agenda item
    /// (each an undoable change).
    pub fn attach_photo_files(&mut self, sources: Vec<PathBuf>) {
        let lang = self.state.ui_lang;
        if self.state.screen != Screen::Session || sources.is_empty() {
            return;
        }
        if self.state.read_only {
            self.notify(
                NoticeLevel::Info,
                tr(lang, T::ReadOnlyTitle),
                tr(lang, T::ReadOnlyRefused).to_owned(),
            );
            return;
        }
        self.import_photos(sources);
    }

    /// After "save as": the session and every undo step refer to the
    /// photos' new paths, so undoing later never points at the old folder.
    pub(super) fn adopt_photo_paths(&mut self, moved: Vec<(AttachmentId, String)>) {
        if moved.is_empty() {
            return;
        }
        let fix = crate::model::Edit::SetPhotoPaths(moved);
        let _ = self.apply_edit(&fix);
        self.history.rewrite_all(|s| {
            let _ = fix.apply(s);
        });
        self.photo_cache.clear();
    }
}
