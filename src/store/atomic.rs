//! The one way the app writes a file: all of it or nothing, so a crash, a
//! full disk or a failing writer never leaves a half-written session behind.
//!
//! The bytes go to a temporary file in the target's own folder (a rename is
//! only atomic within one file system), which is flushed to disk and then
//! renamed over the target. On Unix the folder is synced too, or a power cut
//! could lose the rename.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use tempfile::NamedTempFile;

use super::error::{SaveError, own_io_error};
use crate::i18n::T;

/// How long to wait before trying a blocked rename again (Windows only).
const RENAME_RETRY_PAUSE: Duration = Duration::from_millis(50);
/// How often a blocked rename is tried again (Windows only): a second in all.
const RENAME_RETRIES: u32 = 20;

/// Writes `bytes` to `path` atomically: afterwards the file holds either
/// exactly `bytes` or, on any error, exactly what it held before.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    write_atomic_with(path, |out| out.write_all(bytes))
}

/// Writes `bytes` atomically to `relative` (with `/` separators) inside
/// `folder`, making the folders on the way that are missing: for files that
/// go with a report, such as `x.md_files/01-bord.jpg`. A path that would
/// leave `folder` (absolute, or with `..`) is refused.
pub fn write_atomic_under(folder: &Path, relative: &str, bytes: &[u8]) -> Result<(), SaveError> {
    let mut path = folder.to_path_buf();
    for part in relative.split('/') {
        let unsafe_part = part.is_empty()
            || part == "."
            || part == ".."
            || part.contains(['\\', ':'])
            || Path::new(part).is_absolute();
        if unsafe_part {
            return Err(SaveError::from_io(
                &folder.join(relative),
                own_io_error(io::ErrorKind::InvalidInput, T::StoreNoPermission),
            ));
        }
        path.push(part);
    }
    check_folder(&path, folder)?;
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|err| SaveError::from_io(&path, err))?;
    }
    write_atomic(&path, bytes)
}

/// Writes a file and the files that go with it (such as a Markdown
/// report's photos, at paths relative to the file's folder), each
/// atomically: the companions first, so the file never links to a photo
/// that is not there yet.
pub fn write_with_companions<'a>(
    target: &Path,
    bytes: &[u8],
    companions: impl IntoIterator<Item = (&'a str, &'a [u8])>,
) -> Result<(), SaveError> {
    let folder = match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    for (relative, content) in companions {
        write_atomic_under(folder, relative, content)?;
    }
    write_atomic(target, bytes)
}

/// Writes whatever `write` produces to `path` atomically. `write` gets a
/// buffered writer; when it returns an error, the target is left untouched
/// and the error is reported as a [`SaveError`].
///
/// The target keeps its permissions; a new file gets the usual ones for the
/// user (on Unix: read-write for everyone, less the umask). A symbolic link is
/// followed, so the file it points to is replaced, not the link.
pub fn write_atomic_with<F>(path: &Path, write: F) -> Result<(), SaveError>
where
    F: FnOnce(&mut dyn Write) -> io::Result<()>,
{
    let target = resolve_link(path).map_err(|err| SaveError::from_io(path, err))?;
    let (folder, file_name) = split(&target).map_err(|err| SaveError::from_io(path, err))?;
    check_folder(path, folder)?;
    let existing_permissions = check_target(path, &target)?;

    let mut builder = tempfile::Builder::new();
    let mut prefix = std::ffi::OsString::from(".");
    prefix.push(file_name);
    prefix.push(".");
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // The system takes the umask off, as for any newly created file.
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder
        .tempfile_in(folder)
        .map_err(|err| SaveError::from_io(path, err))?;

    // From here on, returning early drops `temp`, which removes the file.
    fill(&mut temp, write, existing_permissions).map_err(|err| SaveError::from_io(path, err))?;
    persist(temp, &target).map_err(|err| SaveError::from_io(path, err))?;

    // The new content is in place now; reporting "not saved" would be wrong,
    // so a folder that cannot be synced (some network shares) is let pass.
    let _ = sync_folder(folder);
    Ok(())
}

/// The file a symbolic link at `path` points to, or `path` itself.
fn resolve_link(path: &Path) -> io::Result<PathBuf> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => match fs::canonicalize(path) {
            Ok(real) => Ok(real),
            // A dangling link: write where it points would fail, so replace the link.
            Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(path.to_owned()),
            Err(err) => Err(err),
        },
        _ => Ok(path.to_owned()),
    }
}

/// The folder and the file name of `path` (a bare name lies in the current folder).
fn split(path: &Path) -> io::Result<(&Path, &std::ffi::OsStr)> {
    let file_name = path
        .file_name()
        .ok_or_else(|| own_io_error(io::ErrorKind::InvalidInput, T::StoreNoFileName))?;
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    Ok((folder, file_name))
}

/// Fails with [`SaveError::FolderMissing`] unless `folder` is an existing folder.
fn check_folder(path: &Path, folder: &Path) -> Result<(), SaveError> {
    let missing = || SaveError::FolderMissing {
        path: path.to_owned(),
    };
    match fs::metadata(folder) {
        Ok(meta) if meta.is_dir() => Ok(()),
        Ok(_) => Err(missing()),
        Err(err)
            if matches!(
                err.kind(),
                io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
            ) =>
        {
            Err(missing())
        }
        Err(err) => Err(SaveError::from_io(path, err)),
    }
}

/// The permissions of the existing target (none for a new file). Fails when
/// the target is marked read-only or is a folder. The read-only flag is
/// checked by hand because renaming over a read-only file works on Unix, and
/// always works for root.
fn check_target(path: &Path, target: &Path) -> Result<Option<fs::Permissions>, SaveError> {
    match fs::metadata(target) {
        Ok(meta) if meta.is_dir() => Err(SaveError::Io {
            path: path.to_owned(),
            source: own_io_error(io::ErrorKind::IsADirectory, T::StoreIsFolder),
        }),
        Ok(meta) if meta.permissions().readonly() => Err(SaveError::ReadOnly {
            path: path.to_owned(),
        }),
        Ok(meta) => Ok(Some(meta.permissions())),
        Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(err) => Err(SaveError::from_io(path, err)),
    }
}

/// Lets `write` fill the temporary file, then flushes it all the way to disk.
fn fill<F>(
    temp: &mut NamedTempFile,
    write: F,
    permissions: Option<fs::Permissions>,
) -> io::Result<()>
where
    F: FnOnce(&mut dyn Write) -> io::Result<()>,
{
    {
        let mut out = BufWriter::new(temp.as_file_mut());
        write(&mut out)?;
        out.flush()?;
    }
    if let Some(permissions) = permissions {
        temp.as_file().set_permissions(permissions)?;
    }
    temp.as_file().sync_all()
}

/// Renames `temp` over `target`. On Windows an antivirus scanner, a sync
/// client, the search indexer or Explorer's preview may hold the target for
/// a moment, so a refused rename is tried again for about a second. On
/// failure the temporary file is removed.
fn persist(mut temp: NamedTempFile, target: &Path) -> io::Result<()> {
    let retries = if cfg!(windows) { RENAME_RETRIES } else { 0 };
    let mut attempt = 0;
    loop {
        match temp.persist(target) {
            Ok(_file) => return Ok(()),
            Err(err) if attempt < retries && blocked_for_now_on_windows(&err.error) => {
                attempt += 1;
                temp = err.file;
                std::thread::sleep(RENAME_RETRY_PAUSE);
            }
            Err(err) => {
                // Dropping the handed-back file removes it.
                drop(err.file);
                return Err(err.error);
            }
        }
    }
}

/// Whether a rename that Windows refused may succeed a moment later because
/// another program has the target open: Windows reports that as access
/// denied (`ERROR_ACCESS_DENIED`, 5), a sharing violation (32) or a lock
/// violation (33). Rust's `ErrorKind` names only the first
/// (`PermissionDenied`), so the codes are compared. The codes mean other
/// things on other systems: call this for Windows errors only.
fn blocked_for_now_on_windows(error: &io::Error) -> bool {
    matches!(error.raw_os_error(), Some(5 | 32 | 33))
}

/// Makes a rename in `folder` durable.
#[cfg(unix)]
fn sync_folder(folder: &Path) -> io::Result<()> {
    fs::File::open(folder)?.sync_all()
}

/// Makes a rename in `folder` durable (nothing to do on this platform).
#[cfg(not(unix))]
#[allow(clippy::unnecessary_wraps)] // Same signature as the Unix version.
fn sync_folder(_folder: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const OLD: &[u8] = b"{\"old\": true}\n";
    const NEW: &[u8] = b"{\"new\": true, \"longer\": \"than the old content\"}\n";

    /// The names in `folder`, sorted.
    fn listing(folder: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(folder)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn files_under_a_folder_get_their_subfolder_and_never_leave_it() {
        let dir = tempfile::tempdir().unwrap();
        write_atomic_under(dir.path(), "x.md_files/01-bord.jpg", NEW).unwrap();
        assert_eq!(
            fs::read(dir.path().join("x.md_files/01-bord.jpg")).unwrap(),
            NEW
        );
        for bad in [
            "../weg.jpg",
            "/etc/weg",
            "a//b",
            "x.md_files/../../weg",
            "c:\\x",
        ] {
            assert!(write_atomic_under(dir.path(), bad, NEW).is_err(), "{bad}");
        }
        assert!(!dir.path().parent().unwrap().join("weg.jpg").exists());
        let missing = dir.path().join("bestaat-niet");
        assert!(matches!(
            write_atomic_under(&missing, "a.jpg", NEW),
            Err(SaveError::FolderMissing { .. })
        ));
    }

    /// A folder with `session.json` holding [`OLD`].
    fn folder_with_old_file() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("session.json");
        fs::write(&path, OLD).unwrap();
        (dir, path)
    }

    fn assert_untouched(dir: &Path, path: &Path) {
        assert_eq!(fs::read(path).unwrap(), OLD, "the old file changed");
        assert_eq!(listing(dir), ["session.json"], "a temporary file was left");
    }

    #[test]
    fn successful_write_replaces_content_and_leaves_no_temp_file() {
        let (dir, path) = folder_with_old_file();
        write_atomic(&path, NEW).unwrap();
        assert_eq!(fs::read(&path).unwrap(), NEW);
        assert_eq!(listing(dir.path()), ["session.json"]);
    }

    #[test]
    fn write_creates_a_new_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nieuw.json");
        write_atomic(&path, NEW).unwrap();
        assert_eq!(fs::read(&path).unwrap(), NEW);
        assert_eq!(listing(dir.path()), ["nieuw.json"]);
    }

    #[test]
    fn writer_failing_halfway_keeps_old_file_and_leaves_no_temp_file() {
        let (dir, path) = folder_with_old_file();
        let err = write_atomic_with(&path, |out| {
            out.write_all(&NEW[..NEW.len() / 2])?;
            out.flush()?;
            Err(io::Error::other("the writer broke"))
        })
        .unwrap_err();
        assert!(matches!(err, SaveError::Io { .. }), "{err:?}");
        assert_untouched(dir.path(), &path);
    }

    #[test]
    fn full_disk_is_disk_full_and_keeps_old_file() {
        let (dir, path) = folder_with_old_file();
        let err = write_atomic_with(&path, |out| {
            out.write_all(b"{")?;
            Err(io::Error::from(io::ErrorKind::StorageFull))
        })
        .unwrap_err();
        assert!(matches!(err, SaveError::DiskFull { .. }), "{err:?}");
        assert_eq!(err.path(), path);
        assert_untouched(dir.path(), &path);
    }

    #[test]
    fn read_only_target_is_refused_and_kept() {
        let (dir, path) = folder_with_old_file();
        let mut permissions = fs::metadata(&path).unwrap().permissions();
        permissions.set_readonly(true);
        fs::set_permissions(&path, permissions.clone()).unwrap();

        let result = write_atomic(&path, NEW);

        // Undo the flag first, so the folder can be cleaned up whatever happens.
        #[allow(clippy::permissions_set_readonly_false)] // Restoring the test file only.
        permissions.set_readonly(false);
        fs::set_permissions(&path, permissions).unwrap();
        let err = result.unwrap_err();
        assert!(matches!(err, SaveError::ReadOnly { .. }), "{err:?}");
        assert_untouched(dir.path(), &path);
    }

    #[test]
    fn missing_folder_is_folder_missing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("weg").join("session.json");
        let err = write_atomic(&path, NEW).unwrap_err();
        assert!(matches!(err, SaveError::FolderMissing { .. }), "{err:?}");
        assert!(listing(dir.path()).is_empty());
    }

    #[test]
    fn folder_as_target_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("map");
        fs::create_dir(&path).unwrap();
        let err = write_atomic(&path, NEW).unwrap_err();
        assert!(matches!(err, SaveError::Io { .. }), "{err:?}");
        assert_eq!(listing(dir.path()), ["map"]);
        assert!(listing(&path).is_empty());
    }

    /// Regression: only `PermissionDenied` was retried, but a program
    /// holding the file often makes Windows answer with a sharing violation,
    /// which Rust does not map to that kind.
    #[test]
    fn windows_sharing_and_lock_violations_are_retried() {
        for code in [5, 32, 33] {
            assert!(blocked_for_now_on_windows(&io::Error::from_raw_os_error(
                code
            )));
        }
        // ERROR_FILE_NOT_FOUND, ERROR_PATH_NOT_FOUND, ERROR_DISK_FULL.
        for code in [2, 3, 112] {
            assert!(!blocked_for_now_on_windows(&io::Error::from_raw_os_error(
                code
            )));
        }
        assert!(!blocked_for_now_on_windows(&io::Error::other("x")));
    }

    /// Opens `path` the way another program may: a virus scanner or a
    /// preview reading it while letting others read and write but not
    /// delete or replace it (share mode 3), or a sync client holding it for
    /// itself alone (share mode 0).
    #[cfg(windows)]
    fn hold(path: &Path, share_mode: u32) -> fs::File {
        use std::os::windows::fs::OpenOptionsExt;
        fs::File::options()
            .read(true)
            .share_mode(share_mode)
            .open(path)
            .unwrap()
    }

    #[cfg(windows)]
    #[test]
    fn windows_save_waits_for_a_program_that_holds_the_file_briefly() {
        for share_mode in [0x1 | 0x2, 0] {
            let (dir, path) = folder_with_old_file();
            let held = hold(&path, share_mode);
            // The rename is refused while the file is held, with a code
            // that is retried...
            let refused = NamedTempFile::new_in(dir.path())
                .unwrap()
                .persist(&path)
                .unwrap_err();
            assert!(
                blocked_for_now_on_windows(&refused.error),
                "share mode {share_mode}: {refused:?}"
            );
            drop(refused);
            let release = std::thread::spawn(move || {
                std::thread::sleep(Duration::from_millis(300));
                drop(held);
            });
            // ...and the save waits until it is let go.
            write_atomic(&path, NEW).unwrap();
            release.join().unwrap();
            assert_eq!(fs::read(&path).unwrap(), NEW);
            assert_eq!(listing(dir.path()), ["session.json"]);
        }
    }

    #[cfg(windows)]
    #[test]
    fn windows_save_gives_up_on_a_file_held_for_long_and_keeps_it() {
        let (dir, path) = folder_with_old_file();
        let held = hold(&path, 0x1 | 0x2);
        let err = write_atomic(&path, NEW).unwrap_err();
        drop(held);
        assert!(matches!(err, SaveError::Io { .. }), "{err:?}");
        assert_untouched(dir.path(), &path);
    }

    #[cfg(unix)]
    #[test]
    fn existing_permissions_are_kept() {
        use std::os::unix::fs::PermissionsExt;
        let (_dir, path) = folder_with_old_file();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&path, NEW).unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
    }

    #[cfg(unix)]
    #[test]
    fn symbolic_link_is_followed_not_replaced() {
        let (dir, real) = folder_with_old_file();
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomic(&link, NEW).unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read(&real).unwrap(), NEW);
        assert_eq!(listing(dir.path()), ["link.json", "session.json"]);
    }
}
