//! Templates on disk and in the list: the built-in ones, and a network's own
//! ones saved as session files in `templates/` of the data folder. Also the
//! recovery copies of untitled sessions, which the start screen lists.

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;

use super::error::{LoadError, SaveError};
use super::format::{load_session, save_session};
use super::settings::AppDirs;
use crate::model::templates::BuiltIn;
use crate::model::{Language, Session, slug};

/// Where a template comes from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TemplateSource {
    /// Built into Leerkring.
    BuiltIn(BuiltIn),
    /// A file in the templates folder.
    Own(PathBuf),
}

/// One template in the list.
#[derive(Debug, Clone, PartialEq)]
pub struct TemplateEntry {
    /// Where it comes from.
    pub source: TemplateSource,
    /// Its name (for a built-in one in the list's language; for an own one
    /// its file name without `.json`): what `leerkring new --template` takes.
    pub name: String,
    /// The new session it makes (empty of anything said at a meeting).
    pub session: Session,
}

impl TemplateEntry {
    /// Its title and description in `lang` (see [`crate::i18n::template_texts`]).
    #[must_use]
    pub fn texts(&self, lang: Language) -> (String, String) {
        let builtin = match &self.source {
            TemplateSource::BuiltIn(b) => Some(*b),
            TemplateSource::Own(_) => None,
        };
        crate::i18n::template_texts(
            builtin,
            self.session.agenda.len(),
            self.session.planned_minutes(),
            lang,
        )
    }
}

/// The folder of the user's own templates.
#[must_use]
pub fn templates_dir(dirs: &AppDirs) -> PathBuf {
    dirs.data_dir.join("templates")
}

/// Every template: the built-in ones in `lang`, then the user's own (sorted
/// by name). Own template files that cannot be read are returned apart,
/// with the reason, so the list can say so instead of hiding them.
#[must_use]
pub fn all_templates(
    dirs: Option<&AppDirs>,
    lang: Language,
) -> (Vec<TemplateEntry>, Vec<(PathBuf, LoadError)>) {
    let mut list: Vec<TemplateEntry> = BuiltIn::ALL
        .into_iter()
        .map(|t| TemplateEntry {
            source: TemplateSource::BuiltIn(t),
            name: t.name(lang).to_owned(),
            session: t.session(lang),
        })
        .collect();
    let mut unreadable = Vec::new();
    if let Some(dirs) = dirs {
        for path in super::settings::list_sessions(&templates_dir(dirs)) {
            match load_template(&path) {
                Ok(session) => list.push(TemplateEntry {
                    name: template_name(&path),
                    source: TemplateSource::Own(path),
                    session,
                }),
                Err(error) => unreadable.push((path, error)),
            }
        }
    }
    (list, unreadable)
}

/// The name of an own template: its file name without `.json`.
#[must_use]
pub fn template_name(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Reads an own template; whatever the file holds, only the template part
/// of it is kept (see [`Session::as_template`]).
pub fn load_template(path: &Path) -> Result<Session, LoadError> {
    load_session(path).map(|s| s.as_template())
}

/// Finds a template by name (a built-in one in either language, or an own
/// one by its file name, case ignored).
#[must_use]
pub fn find_template(
    dirs: Option<&AppDirs>,
    lang: Language,
    name: &str,
) -> Option<Result<TemplateEntry, LoadError>> {
    if let Some(builtin) = BuiltIn::from_name(name) {
        return Some(Ok(TemplateEntry {
            source: TemplateSource::BuiltIn(builtin),
            name: builtin.name(lang).to_owned(),
            session: builtin.session(lang),
        }));
    }
    let dirs = dirs?;
    let wanted = name.trim().to_lowercase();
    let path = super::settings::list_sessions(&templates_dir(dirs))
        .into_iter()
        .find(|p| template_name(p).to_lowercase() == wanted)?;
    Some(load_template(&path).map(|session| TemplateEntry {
        name: template_name(&path),
        source: TemplateSource::Own(path),
        session,
    }))
}

/// Saves `session` as an own template named `name` (its file name is the
/// name made safe: lower case, dashes); only the template part is written
/// (see [`Session::as_template`]), atomically. Returns the file.
pub fn save_template(dirs: &AppDirs, name: &str, session: &Session) -> Result<PathBuf, SaveError> {
    let folder = templates_dir(dirs);
    std::fs::create_dir_all(&folder).map_err(|source| SaveError::Io {
        path: folder.clone(),
        source,
    })?;
    let file = folder.join(format!("{}.json", slug(name, "sjabloon")));
    save_session(&file, &session.as_template())?;
    Ok(file)
}

/// A recovery copy of an untitled session, as the start screen lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UntitledCopy {
    /// The copy's file in the recovery folder.
    pub path: PathBuf,
    /// Its file name (the untitled session's name, so work goes on there).
    pub name: String,
    /// The session's title (may be empty).
    pub title: String,
    /// When the copy was last written (local time).
    pub modified: Option<NaiveDateTime>,
    /// How many keywords it holds.
    pub keywords: usize,
}

/// The recovery copies of untitled sessions (`untitled-*.json`, not the
/// crash copies of named sessions), newest first. Copies that cannot be
/// read are left out: they are still in the folder for the recovery offer.
#[must_use]
pub fn list_untitled_copies(dirs: &AppDirs) -> Vec<UntitledCopy> {
    let mut copies: Vec<UntitledCopy> = super::settings::list_sessions(&dirs.recovery_dir())
        .into_iter()
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("untitled-"))
        })
        .filter_map(|path| {
            let session = load_session(&path).ok()?;
            let modified = std::fs::metadata(&path)
                .and_then(|m| m.modified())
                .ok()
                .map(|t| chrono::DateTime::<chrono::Local>::from(t).naive_local());
            Some(UntitledCopy {
                name: path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                title: session.header.title.clone(),
                keywords: session.keyword_count(),
                modified,
                path,
            })
        })
        .collect();
    copies.sort_by(|a, b| b.modified.cmp(&a.modified).then(a.name.cmp(&b.name)));
    copies
}

/// Removes a recovery copy of an untitled session (after it was saved under
/// a name, or when the user removes it from the start screen). Only files in
/// the recovery folder whose name starts with `untitled-` are removed.
pub fn remove_untitled_copy(dirs: &AppDirs, name: &str) -> Result<(), SaveError> {
    if !name.starts_with("untitled-") || name.contains(['/', '\\']) || name.contains("..") {
        return Ok(());
    }
    let path = dirs.recovery_dir().join(name);
    match std::fs::remove_file(&path) {
        Ok(()) => Ok(()),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(source) => Err(SaveError::Io { path, source }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::OrgKind;

    #[test]
    fn own_templates_are_listed_after_the_built_in_ones_and_keep_no_names() {
        let home = tempfile::tempdir().unwrap();
        let dirs = AppDirs::in_folder(home.path());
        let mut session = BuiltIn::Short.session(Language::Nl);
        session.header.network = "M50".into();
        session.add_organisation("Lochem", OrgKind::Municipality);
        session.agenda[0].title = "Welkom in Lochem".into();
        let file = save_template(&dirs, "Ons M50-format", &session).unwrap();
        assert_eq!(file.file_name().unwrap(), "ons-m50-format.json");
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(
            !text.contains("Lochem") && !text.contains("\"M50\""),
            "{text}"
        );
        std::fs::write(templates_dir(&dirs).join("kapot.json"), "{").unwrap();
        let (list, unreadable) = all_templates(Some(&dirs), Language::En);
        let names: Vec<&str> = list.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["standard", "short", "empty", "ons-m50-format"]);
        assert_eq!(unreadable.len(), 1);
        let found = find_template(Some(&dirs), Language::Nl, "Ons-M50-Format");
        assert!(matches!(found, Some(Ok(t)) if t.session.agenda.len() == 6));
        assert!(find_template(Some(&dirs), Language::Nl, "nergens").is_none());
    }

    #[test]
    fn untitled_copies_are_listed_with_title_and_keywords() {
        let home = tempfile::tempdir().unwrap();
        let dirs = AppDirs::in_folder(home.path());
        let mut session = BuiltIn::Standard.session(Language::Nl);
        session.header.title = "Werk zonder naam".into();
        let org = session.add_organisation("Lochem", OrgKind::Municipality);
        let experiment = session.add_experiment(&org);
        session.add_keyword(&experiment, "raad");
        super::super::save_recovery_copy(&dirs, "untitled-20240101-100000.json", &session).unwrap();
        super::super::save_recovery_copy(&dirs, "sessie-crash-20240101.json", &session).unwrap();
        let copies = list_untitled_copies(&dirs);
        assert_eq!(copies.len(), 1);
        assert_eq!(copies[0].title, "Werk zonder naam");
        assert_eq!(copies[0].keywords, 1);
        assert!(copies[0].modified.is_some());
        remove_untitled_copy(&dirs, &copies[0].name).unwrap();
        assert!(list_untitled_copies(&dirs).is_empty());
        // Nothing outside the recovery folder is ever removed.
        remove_untitled_copy(&dirs, "../config/settings.json").unwrap();
    }
}
