//! Where an attachment's file is: its relative path (with `/` separators)
//! joined to the session's folder, never outside it. Pure path arithmetic,
//! used by the store (copying photos) and the report (reading them).

use std::path::{Component, Path, PathBuf};

/// The path of the attachment at `relative` in `folder`, unless the
/// relative path would leave the folder (an absolute path, a drive, a
/// backslash or `..`).
#[must_use]
pub fn attachment_path(folder: &Path, relative: &str) -> Option<PathBuf> {
    if relative.is_empty() || relative.contains('\\') || relative.contains(':') {
        return None;
    }
    let mut path = folder.to_path_buf();
    for component in Path::new(relative).components() {
        match component {
            Component::Normal(part) => path.push(part),
            Component::CurDir => {}
            Component::ParentDir | Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_may_not_leave_the_session_folder() {
        let folder = Path::new("sessies");
        assert_eq!(
            attachment_path(folder, "foto's/bord 1.png"),
            Some(PathBuf::from("sessies/foto's/bord 1.png"))
        );
        for bad in [
            "../geheim.png",
            "/etc/passwd",
            "a/../../b.png",
            "C:/x.png",
            "a\\b.png",
            "",
        ] {
            assert_eq!(attachment_path(folder, bad), None, "{bad}");
        }
    }
}
