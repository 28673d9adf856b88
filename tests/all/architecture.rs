//! The layers, checked in the source: dependencies point one way
//! (`shell → ui → app → store / report / room → model`), the model and the views
//! never touch the disk, start threads or read the clock, and no command
//! handler or edit ends in an empty catch-all arm.

use std::path::{Path, PathBuf};

/// Every `.rs` file under `src/<dir>`, with its text.
fn sources(dir: &str) -> Vec<(PathBuf, String)> {
    fn walk(dir: &Path, found: &mut Vec<(PathBuf, String)>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, found);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("a readable source file");
                found.push((path, text));
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(dir);
    let mut found = Vec::new();
    walk(&root, &mut found);
    assert!(!found.is_empty(), "no sources under {}", root.display());
    found
}

/// The lines of `text` that are code, not comments.
fn code_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines().enumerate().filter(|(_, line)| {
        let line = line.trim_start();
        !line.starts_with("//")
    })
}

fn offenders(dirs: &[&str], forbidden: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for dir in dirs {
        for (path, text) in sources(dir) {
            for (number, line) in code_lines(&text) {
                for word in forbidden {
                    if line.contains(word) {
                        found.push(format!("{}:{}: {word}", path.display(), number + 1));
                    }
                }
            }
        }
    }
    found
}

#[test]
fn nothing_below_the_views_imports_them() {
    let found = offenders(
        &["app", "store", "report", "model", "room"],
        &["crate::ui", "crate::shell"],
    );
    assert!(
        found.is_empty(),
        "imports against the layers:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_model_and_the_views_never_touch_the_disk_threads_or_the_clock() {
    let found = offenders(
        &["model", "ui"],
        &[
            "std::fs",
            "std::thread",
            "thread::spawn",
            "Instant::now",
            "SystemTime",
            "Local::now",
            "Utc::now",
            "std::env",
        ],
    );
    assert!(
        found.is_empty(),
        "I/O, threads or clock reads:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_model_and_the_store_and_report_never_use_egui() {
    let found = offenders(&["model", "store", "report", "room"], &["egui::", "eframe"]);
    assert!(
        found.is_empty(),
        "egui below the app:\n{}",
        found.join("\n")
    );
}

/// The room's server sits below the app: the app opens it and applies what
/// it takes; the server never reaches up into the app, the store or the views.
#[test]
fn the_rooms_server_stays_below_the_app() {
    let found = offenders(
        &["room"],
        &["crate::app", "crate::store", "crate::report", "std::fs"],
    );
    assert!(
        found.is_empty(),
        "the room reaches above itself:\n{}",
        found.join("\n")
    );
}

#[test]
fn no_empty_catch_all_arm_in_the_app_or_the_edits() {
    let mut found = offenders(&["app"], &["_ => {}", "_ => ()"]);
    // `Edit::apply` names every edit: no catch-all at all.
    let edit = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/model/edit.rs");
    let text = std::fs::read_to_string(&edit).expect("model/edit.rs");
    let start = text.find("pub fn apply(").expect("Edit::apply");
    let end = start + text[start..].find("\nfn ").expect("a function after it");
    let apply = &text[start..end];
    assert!(
        apply.contains("Edit::ReplaceSession"),
        "found the whole function"
    );
    for (number, line) in code_lines(apply) {
        if line.trim_start().starts_with("_ =>") {
            found.push(format!("Edit::apply, line {}", number + 1));
        }
    }
    assert!(found.is_empty(), "catch-all arms:\n{}", found.join("\n"));
}

#[test]
fn every_module_says_why_it_exists() {
    let mut missing = Vec::new();
    for dir in ["model", "store", "report", "app", "ui", "room"] {
        for (path, text) in sources(dir) {
            if !text.trim_start().starts_with("//!") {
                missing.push(path.display().to_string());
            }
        }
    }
    assert!(missing.is_empty(), "no //! line:\n{}", missing.join("\n"));
}
