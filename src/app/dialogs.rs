//! Native file dialogs behind a small trait, so tests never open one and the
//! UI thread (and its timers) never blocks on a dialog.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, channel};

/// Asks the user for files. Answers arrive on a channel: `None` is Cancel.
pub trait Dialogs {
    /// Asks for a session file to open.
    fn pick_session(&self) -> Receiver<Option<PathBuf>>;
}

/// The operating system's dialogs (through `rfd`), run on their own thread.
#[derive(Debug, Default, Clone, Copy)]
pub struct NativeDialogs;

impl Dialogs for NativeDialogs {
    fn pick_session(&self) -> Receiver<Option<PathBuf>> {
        let (tx, rx) = channel();
        // When no thread can be started the sender is dropped, and the app
        // sees a closed channel: the same as a system without dialogs.
        let _ = std::thread::Builder::new()
            .name("file-dialog".into())
            .spawn(move || {
                let picked = rfd::FileDialog::new()
                    .add_filter("Leerkring", &["json"])
                    .pick_file();
                // The receiver may be gone when the app closed meanwhile.
                let _ = tx.send(picked);
            });
        rx
    }
}

/// Answers every question with a fixed path (or Cancel); for tests.
#[derive(Debug, Default, Clone)]
pub struct FixedDialogs {
    /// What [`Dialogs::pick_session`] answers.
    pub session: Option<PathBuf>,
}

impl Dialogs for FixedDialogs {
    fn pick_session(&self) -> Receiver<Option<PathBuf>> {
        let (tx, rx) = channel();
        let _ = tx.send(self.session.clone());
        rx
    }
}
