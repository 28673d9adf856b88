//! Native file dialogs behind a small trait, so tests never open one and the
//! UI thread (and so the timers and the projector) never blocks on a dialog.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, channel};

/// What a file dialog answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DialogAnswer {
    /// The user chose this file.
    Picked(PathBuf),
    /// The user cancelled (or, without a desktop portal, no dialog appeared).
    Cancelled,
    /// No dialog could be shown at all.
    Unavailable,
}

/// Asks the user for files. Answers arrive on a channel, so the UI keeps running.
pub trait Dialogs {
    /// Asks for a session file to open.
    fn pick_session(&self) -> Receiver<DialogAnswer>;
    /// Asks where to save the session, suggesting a file name.
    fn save_session_as(&self, suggested_name: &str) -> Receiver<DialogAnswer>;
    /// Asks for a folder (where reports go).
    fn pick_folder(&self) -> Receiver<DialogAnswer>;
    /// Asks for photos to attach (PNG or JPEG), one or several at once;
    /// no files is Cancel, a closed channel means no dialog could be shown.
    fn pick_photos(&self) -> Receiver<Vec<PathBuf>>;
}

/// The operating system's dialogs (through `rfd`), each on its own thread.
#[derive(Debug, Default, Clone, Copy)]
pub struct NativeDialogs;

/// Runs a dialog on its own thread; its answer arrives on the channel.
fn spawn_dialog<A: Send + 'static>(ask: impl FnOnce() -> A + Send + 'static) -> Receiver<A> {
    let (tx, rx) = channel();
    // When no thread can be started the sender is dropped, and the app sees
    // a closed channel: "unavailable".
    let _ = std::thread::Builder::new()
        .name("file-dialog".into())
        .spawn(move || {
            // The receiver may be gone when the app closed meanwhile.
            let _ = tx.send(ask());
        });
    rx
}

/// A dialog that answers "nothing chosen" faster than this never showed:
/// nobody opens a file dialog, reads it and cancels it within a quarter of a
/// second. (Without a desktop portal, `rfd` answers at once with the same
/// "nothing" as a Cancel.)
pub const NO_DIALOG_WITHIN: std::time::Duration = std::time::Duration::from_millis(250);

/// How a dialog's answer reads, from what it returned and how long it was open.
#[must_use]
pub fn answer_of(picked: Option<PathBuf>, open_for: std::time::Duration) -> DialogAnswer {
    match picked {
        Some(path) => DialogAnswer::Picked(path),
        None if open_for < NO_DIALOG_WITHIN => DialogAnswer::Unavailable,
        None => DialogAnswer::Cancelled,
    }
}

fn on_thread(ask: impl FnOnce() -> Option<PathBuf> + Send + 'static) -> Receiver<DialogAnswer> {
    spawn_dialog(move || {
        let asked = std::time::Instant::now();
        let picked = ask();
        answer_of(picked, asked.elapsed())
    })
}

impl Dialogs for NativeDialogs {
    fn pick_session(&self) -> Receiver<DialogAnswer> {
        on_thread(|| {
            rfd::FileDialog::new()
                .add_filter("Leerkring", &["json"])
                .pick_file()
        })
    }

    fn save_session_as(&self, suggested_name: &str) -> Receiver<DialogAnswer> {
        let name = suggested_name.to_owned();
        on_thread(move || {
            rfd::FileDialog::new()
                .add_filter("Leerkring", &["json"])
                .set_file_name(name)
                .save_file()
        })
    }

    fn pick_folder(&self) -> Receiver<DialogAnswer> {
        on_thread(|| rfd::FileDialog::new().pick_folder())
    }

    fn pick_photos(&self) -> Receiver<Vec<PathBuf>> {
        let (tx, rx) = channel();
        let _ = std::thread::Builder::new()
            .name("file-dialog".into())
            .spawn(move || {
                let asked = std::time::Instant::now();
                let files = rfd::FileDialog::new()
                    .add_filter("PNG, JPEG", &["png", "jpg", "jpeg", "PNG", "JPG", "JPEG"])
                    .pick_files()
                    .unwrap_or_default();
                // No dialog showed: the channel closes without an answer.
                if !files.is_empty() || asked.elapsed() >= NO_DIALOG_WITHIN {
                    let _ = tx.send(files);
                }
            });
        rx
    }
}

/// Answers every question with a fixed path (or Cancel); for tests.
#[derive(Debug, Default, Clone)]
pub struct FixedDialogs {
    /// What [`Dialogs::pick_session`] answers (`None`: Cancel).
    pub open: Option<PathBuf>,
    /// What [`Dialogs::save_session_as`] answers (`None`: Cancel).
    pub save_as: Option<PathBuf>,
    /// What [`Dialogs::pick_folder`] answers (`None`: Cancel).
    pub folder: Option<PathBuf>,
    /// What [`Dialogs::pick_photos`] answers (empty: Cancel).
    pub photos: Vec<PathBuf>,
    /// No dialog can show at all (a system without a desktop portal).
    pub unavailable: bool,
}

/// A channel that already holds `answer`.
fn answered_with<A>(answer: A) -> Receiver<A> {
    let (tx, rx) = channel();
    let _ = tx.send(answer);
    rx
}

fn answered(path: Option<PathBuf>) -> Receiver<DialogAnswer> {
    answered_with(path.map_or(DialogAnswer::Cancelled, DialogAnswer::Picked))
}

impl FixedDialogs {
    fn answer(&self, path: Option<&PathBuf>) -> Receiver<DialogAnswer> {
        if self.unavailable {
            answered_with(DialogAnswer::Unavailable)
        } else {
            answered(path.cloned())
        }
    }
}

impl Dialogs for FixedDialogs {
    fn pick_session(&self) -> Receiver<DialogAnswer> {
        self.answer(self.open.as_ref())
    }

    fn save_session_as(&self, _suggested_name: &str) -> Receiver<DialogAnswer> {
        self.answer(self.save_as.as_ref())
    }

    fn pick_folder(&self) -> Receiver<DialogAnswer> {
        self.answer(self.folder.as_ref())
    }

    fn pick_photos(&self) -> Receiver<Vec<PathBuf>> {
        if self.unavailable {
            // A closed channel: no dialog could show.
            channel().1
        } else {
            answered_with(self.photos.clone())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_instant_nothing_means_no_dialog_could_show() {
        let quick = std::time::Duration::from_millis(3);
        let human = std::time::Duration::from_secs(4);
        assert_eq!(answer_of(None, quick), DialogAnswer::Unavailable);
        assert_eq!(answer_of(None, human), DialogAnswer::Cancelled);
        let path = PathBuf::from("sessie.json");
        assert_eq!(
            answer_of(Some(path.clone()), quick),
            DialogAnswer::Picked(path)
        );
    }
}
