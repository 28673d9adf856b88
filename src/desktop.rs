//! What the operating system's desktop sees of the app: the window icon, and
//! on Windows the console that a command-line run prints to.
//!
//! On Windows the binary is a GUI program (`windows_subsystem = "windows"`),
//! so starting it from the Start menu opens no console window behind the
//! app. A GUI program gets no console of its own, though: when `check`,
//! `export`, `follow-up`, `schema`, `--help` or `--version` is run from a
//! Command Prompt or PowerShell, [`attach_to_parent_console`] connects the
//! program to the console it was started from, so the output appears there.
//! Output that is redirected (`> file.txt`, a pipe) needs no console and is
//! left as it is.

use std::sync::{Arc, OnceLock};

/// The app icon, drawn in `assets/icon/leerkring.svg` and rendered from it.
pub const ICON_PNG: &[u8] = include_bytes!("../assets/icon/leerkring-256.png");

/// The app icon for the windows' title bars and the task bar (decoded once,
/// shared by the console and the projector window), or `None` when it cannot
/// be decoded (the windows then get eframe's default icon).
#[must_use]
pub fn window_icon() -> Option<Arc<egui::IconData>> {
    static ICON: OnceLock<Option<Arc<egui::IconData>>> = OnceLock::new();
    ICON.get_or_init(|| {
        let image = image::load_from_memory_with_format(ICON_PNG, image::ImageFormat::Png).ok()?;
        let rgba = image.into_rgba8();
        Some(Arc::new(egui::IconData {
            width: rgba.width(),
            height: rgba.height(),
            rgba: rgba.into_raw(),
        }))
    })
    .clone()
}

/// On Windows: when standard output or standard error has nowhere to go,
/// attaches the process to the console of the program that started it (a
/// Command Prompt, PowerShell). Returns whether it attached. Does nothing
/// elsewhere, and nothing when the program was not started from a console.
///
/// Call it before printing anything, and only for command-line work: the
/// GUI stays free of any console.
#[must_use]
pub fn attach_to_parent_console() -> bool {
    #[cfg(windows)]
    {
        windows_console::attach_to_parent()
    }
    #[cfg(not(windows))]
    {
        false
    }
}

#[cfg(windows)]
#[allow(unsafe_code)] // Two kernel32 functions declared by hand; see SAFETY.
mod windows_console {
    use std::ffi::c_void;

    /// `ATTACH_PARENT_PROCESS`: `(DWORD)-1`.
    const ATTACH_PARENT_PROCESS: u32 = u32::MAX;
    /// `STD_OUTPUT_HANDLE`: `(DWORD)-11`.
    const STD_OUTPUT_HANDLE: u32 = 0xFFFF_FFF5;
    /// `STD_ERROR_HANDLE`: `(DWORD)-12`.
    const STD_ERROR_HANDLE: u32 = 0xFFFF_FFF4;

    // SAFETY: the signatures are those of the Windows API (winbase.h,
    // processenv.h; DWORD is u32, BOOL is i32, HANDLE a pointer, calling
    // convention "system"), and kernel32 is always loaded. Neither function
    // takes a pointer or reads our memory: each is sound for any argument
    // value, so both are declared `safe`.
    #[link(name = "kernel32")]
    unsafe extern "system" {
        safe fn AttachConsole(process_id: u32) -> i32;
        safe fn GetStdHandle(std_handle: u32) -> *mut c_void;
    }

    /// Whether the standard handle `id` leads somewhere (a console, a file,
    /// a pipe): neither null (a GUI program started without one) nor
    /// `INVALID_HANDLE_VALUE`.
    fn has_handle(id: u32) -> bool {
        let handle = GetStdHandle(id);
        !handle.is_null() && handle as isize != -1
    }

    pub(super) fn attach_to_parent() -> bool {
        if has_handle(STD_OUTPUT_HANDLE) && has_handle(STD_ERROR_HANDLE) {
            return false;
        }
        // Rust's standard library asks for the standard handles at every
        // write, so printing goes to the console from here on.
        AttachConsole(ATTACH_PARENT_PROCESS) != 0
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        /// The test runner has its output captured or on a console, so
        /// there is nothing to attach to and nothing is changed.
        #[test]
        fn a_process_with_output_handles_does_not_attach() {
            assert!(has_handle(STD_OUTPUT_HANDLE));
            assert!(!attach_to_parent());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_icon_is_the_256_pixel_rendering() {
        let icon = window_icon().unwrap();
        assert!(Arc::ptr_eq(&icon, &window_icon().unwrap()), "decoded once");
        assert_eq!((icon.width, icon.height), (256, 256));
        assert_eq!(icon.rgba.len(), 256 * 256 * 4);
        // The corners of the rounded square are transparent, the middle not.
        assert_eq!(icon.rgba[3], 0);
        let middle = (128 * 256 + 128) * 4;
        assert_eq!(icon.rgba[middle + 3], 255);
    }

    #[test]
    fn every_rendering_and_the_ico_are_committed_and_valid() {
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/icon");
        for size in [16u32, 24, 32, 48, 64, 128, 256] {
            let png = folder.join(format!("leerkring-{size}.png"));
            let image = image::open(&png).unwrap();
            assert_eq!((image.width(), image.height()), (size, size), "{png:?}");
        }
        // An ICO file: reserved 0, type 1 (icon), then the number of images.
        let ico = std::fs::read(folder.join("leerkring.ico")).unwrap();
        assert_eq!(&ico[..4], &[0, 0, 1, 0]);
        assert_eq!(u16::from_le_bytes([ico[4], ico[5]]), 6);
        let svg = std::fs::read_to_string(folder.join("leerkring.svg")).unwrap();
        assert!(svg.contains("viewBox=\"0 0 256 256\""));
    }

    #[cfg(not(windows))]
    #[test]
    fn attaching_a_console_is_only_done_on_windows() {
        assert!(!attach_to_parent_console());
    }
}
