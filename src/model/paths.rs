//! File names and paths. Where an attachment's file is: its relative path
//! (with `/` separators) joined to the session's folder, never outside it;
//! and a readable file name from a title. Pure path arithmetic, used by the
//! store (copying photos), the report (reading them) and the app (naming
//! new files).

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

/// A file-name stem from `text`: letters and digits in lower case, one
/// dash for each run of anything else, none at either end; `fallback` when
/// nothing is left.
#[must_use]
pub fn slug(text: &str, fallback: &str) -> String {
    let mapped: String = text
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_lowercase().next().unwrap_or(c)
            } else {
                '-'
            }
        })
        .collect();
    let slug = mapped
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if slug.is_empty() {
        fallback.to_owned()
    } else {
        slug
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slug_keeps_letters_and_digits_with_single_dashes() {
        assert_eq!(
            slug("M50: Democratische vernieuwing — 2020!", "x"),
            "m50-democratische-vernieuwing-2020"
        );
        assert_eq!(slug("Één café", "x"), "één-café");
        assert_eq!(slug(" -- ", "sessie"), "sessie");
    }

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
