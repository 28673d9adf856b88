//! The real binary's command line: `check`, `schema`, `--help`.

use std::path::Path;
use std::process::{Command, Output};

use crate::support::{run_binary, sample_path, text};

fn leerkring(args: &[&std::ffi::OsStr], home: &Path) -> Output {
    run_binary(args, home, "C")
}

#[test]
fn check_prints_the_sample_counts() {
    let home = tempfile::tempdir().unwrap();
    let sample = sample_path();
    let out = leerkring(&["check".as_ref(), sample.as_os_str()], home.path());
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(
        stdout.contains(
            "Kick-off bijeenkomst Democratische vernieuwing M50 (4 February 2020): \
             12 municipalities, 1 guest, 12 experiments, 66 keywords, 24 participants"
        ),
        "{stdout}"
    );
}

#[test]
fn check_in_dutch_follows_the_locale() {
    let home = tempfile::tempdir().unwrap();
    let sample = sample_path();
    let out = Command::new(env!("CARGO_BIN_EXE_leerkring"))
        .args(["check".as_ref(), sample.as_os_str()])
        .env("LC_ALL", "nl_NL.UTF-8")
        .env("LEERKRING_HOME", home.path())
        .output()
        .unwrap();
    let stdout = text(&out.stdout);
    assert!(stdout.contains("(4 februari 2020): 12 gemeenten, 1 gast, 12 experimenten, 66 trefwoorden, 24 deelnemers"), "{stdout}");
}

/// Bad files: one per kind of problem, each with words the message must contain.
const BAD_FILES: &[(&str, &[u8], &str)] = &[
    ("empty.json", b"", "empty"),
    ("blank.json", b"  \n\t\n", "empty"),
    ("truncated.json", b"{\n  \"format_version\": 1,\n  \"header\": {", "line 3"),
    ("not-json.json", b"Verslag M50\nniet in JSON", "line 1"),
    ("wrong-type.json", b"{\"format_version\": 1, \"experiments\": [{\"id\": \"e\", \"organisation\": \"o\", \"title\": 7}]}", "experiments[0].title"),
    ("newer.json", b"{\"format_version\": 99}", "newer"),
    ("array.json", b"[1, 2, 3]", ""),
    ("dangling.json", b"{\"format_version\": 1, \"experiments\": [{\"id\": \"e\", \"organisation\": \"nobody\", \"title\": \"t\"}]}", "nobody"),
];

#[test]
fn check_rejects_each_bad_file_clearly_and_leaves_it_unchanged() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes, words) in BAD_FILES {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let out = leerkring(&["check".as_ref(), path.as_os_str()], home.path());
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{name}: {stderr}");
        assert!(!stderr.contains("panicked"), "{name}: {stderr}");
        assert!(
            stderr.contains(name),
            "{name}: the message names the file: {stderr}"
        );
        assert!(
            stderr.to_lowercase().contains(&words.to_lowercase()),
            "{name}: expected '{words}' in: {stderr}"
        );
        assert_eq!(std::fs::read(&path).unwrap(), *bytes, "{name} was changed");
    }
    let files = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(files, BAD_FILES.len(), "no files were added");
}

#[test]
fn check_reports_a_missing_file_and_goes_on() {
    let home = tempfile::tempdir().unwrap();
    let sample = sample_path();
    let missing = home.path().join("gone.json");
    let out = leerkring(
        &["check".as_ref(), missing.as_os_str(), sample.as_os_str()],
        home.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("gone.json"));
    assert!(
        text(&out.stdout).contains("66 keywords"),
        "the good file is still checked"
    );
}

#[test]
fn schema_describes_the_format() {
    let home = tempfile::tempdir().unwrap();
    let out = leerkring(&["schema".as_ref()], home.path());
    assert!(out.status.success());
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert!(
        schema["properties"]["format_version"].is_object(),
        "{schema}"
    );
    assert!(schema["properties"]["experiments"].is_object());
}

#[test]
fn help_exists_for_each_command() {
    let home = tempfile::tempdir().unwrap();
    for args in [&["--help"][..], &["check", "--help"], &["schema", "--help"]] {
        let args: Vec<&std::ffi::OsStr> = args.iter().map(AsRef::as_ref).collect();
        let out = leerkring(&args, home.path());
        assert!(out.status.success());
        assert!(text(&out.stdout).contains("Usage"), "{args:?}");
    }
    let out = leerkring(&["--nonsense".as_ref()], home.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--help"));
}
