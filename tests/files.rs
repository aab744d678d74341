//! What `-o` and `init` do to what is already at the path: a device or a FIFO is written into and
//! never replaced, a link is followed to the file it names, a new file gets the usual permissions
//! (0666 less the umask) and a replaced one keeps its own, and `init` creates only where nothing is.
//! Devices and FIFOs are made inside a temporary directory, never the system's.

use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::path::Path;
use std::process::Command;

use crate::support::*;

fn bin() -> &'static str {
    assert_cmd::cargo::cargo_bin!("leapcheck").to_str().unwrap()
}

/// Runs leapcheck in `dir` under `umask`, through the shell (as a person's terminal would).
fn run_with_umask(dir: &Path, umask: &str, args: &str) -> std::process::Output {
    Command::new("sh")
        .current_dir(dir)
        .arg("-c")
        .arg(format!("umask {umask}; exec {} {args}", bin()))
        .output()
        .expect("run leapcheck")
}

fn example() -> String {
    root()
        .join("examples/bank-planned-not-aligned.yaml")
        .display()
        .to_string()
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn a_fifo_is_written_into_and_stays_a_fifo() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success(), "mkfifo");
    let (sent, read) = std::sync::mpsc::channel();
    {
        let fifo = fifo.clone();
        std::thread::spawn(move || sent.send(std::fs::read_to_string(fifo).unwrap()));
    }
    let out = run_with_umask(
        dir.path(),
        "022",
        &format!("report {} -f json -o pipe", example()),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Were the FIFO replaced, nothing would ever reach its reader.
    let read = read
        .recv_timeout(std::time::Duration::from_secs(20))
        .expect("the report never reached the FIFO");
    assert!(read.contains("\"schema_version\""), "{read}");
    let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
    assert!(kind.is_fifo(), "the FIFO was replaced by {kind:?}");
}

#[test]
fn a_character_device_is_written_into_and_stays_a_device() {
    let dir = tempfile::tempdir().unwrap();
    let null = dir.path().join("null");
    // A null device of our own (major 1, minor 3), which only root may make.
    let made = Command::new("mknod")
        .arg(&null)
        .args(["c", "1", "3"])
        .status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mknod needs root");
        return;
    }
    // On a file system mounted `nodev`, no device node opens: nothing to test there.
    if std::fs::OpenOptions::new().write(true).open(&null).is_err() {
        eprintln!("skipped: device nodes do not open here");
        return;
    }
    let out = run_with_umask(
        dir.path(),
        "022",
        &format!("report {} -f json -o null", example()),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let kind = std::fs::symlink_metadata(&null).unwrap().file_type();
    assert!(kind.is_char_device(), "the device was replaced by {kind:?}");
}

#[test]
fn a_link_is_followed_to_the_file_it_names_and_stays() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("real.md"), "old").unwrap();
    std::os::unix::fs::symlink("real.md", dir.path().join("link.md")).unwrap();
    let out = run_with_umask(
        dir.path(),
        "022",
        &format!("report {} -o link.md", example()),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let link = std::fs::symlink_metadata(dir.path().join("link.md")).unwrap();
    assert!(link.file_type().is_symlink(), "the link was replaced");
    let text = std::fs::read_to_string(dir.path().join("real.md")).unwrap();
    assert!(
        text.starts_with("# "),
        "the file the link names was not written: {text}"
    );
}

#[test]
fn new_files_get_the_umask_and_replaced_files_keep_their_mode() {
    let dir = tempfile::tempdir().unwrap();
    let out = run_with_umask(
        dir.path(),
        "027",
        &format!("report {} -o new.md", example()),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(mode(&dir.path().join("new.md")), 0o640);
    let shared = dir.path().join("shared.md");
    std::fs::write(&shared, "old").unwrap();
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o664)).unwrap();
    let out = run_with_umask(
        dir.path(),
        "077",
        &format!("report {} -o shared.md", example()),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(mode(&shared), 0o664);
    assert_ne!(std::fs::read_to_string(&shared).unwrap(), "old");
    let out = run_with_umask(dir.path(), "022", "init sheet blank.yaml");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(mode(&dir.path().join("blank.yaml")), 0o644);
}

#[test]
fn init_never_writes_where_a_link_to_nothing_stands() {
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink("elsewhere.yaml", dir.path().join("sheet.yaml")).unwrap();
    let out = run_with_umask(dir.path(), "022", "init sheet sheet.yaml");
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("already exists"));
    assert!(!dir.path().join("elsewhere.yaml").exists());
    let link = std::fs::symlink_metadata(dir.path().join("sheet.yaml")).unwrap();
    assert!(link.file_type().is_symlink());
}

#[test]
fn no_input_of_any_kind_is_an_output_however_its_path_is_spelled() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::copy(
        root().join("examples/bank-planned-not-aligned.yaml"),
        d.join("s.yaml"),
    )
    .unwrap();
    let q = root().join("questionnaires/social-media-readiness.yaml");
    std::fs::copy(&q, d.join("q.yaml")).unwrap();
    std::fs::write(d.join("t.md"), "{{ organization }}\n").unwrap();
    std::fs::create_dir(d.join("tpl")).unwrap();
    std::fs::write(d.join("tpl/report.md"), "{{ organization }}\n").unwrap();
    std::fs::hard_link(d.join("s.yaml"), d.join("hard.yaml")).unwrap();
    let before: Vec<(String, String)> = ["s.yaml", "q.yaml", "t.md", "tpl/report.md"]
        .iter()
        .map(|f| (f.to_string(), std::fs::read_to_string(d.join(f)).unwrap()))
        .collect();
    for args in [
        "report -q q.yaml s.yaml -o q.yaml -f markdown",
        "report -q ./q.yaml s.yaml -o ../$(basename $PWD)/q.yaml -f markdown",
        "plan -q q.yaml s.yaml -o q.yaml -f json",
        "compare s.yaml s.yaml --before-questionnaire q.yaml -o q.yaml -f json",
        "report s.yaml --template t.md -o t.md",
        "report s.yaml --templates tpl -o tpl/report.md",
        "report s.yaml -o hard.yaml -f json",
        "report - -o s.yaml -f json < s.yaml",
    ] {
        let out = run_with_umask(d, "022", args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args}: {stderr}");
        assert!(stderr.contains("is also an input"), "{args}: {stderr}");
    }
    for (file, text) in before {
        assert_eq!(
            std::fs::read_to_string(d.join(&file)).unwrap(),
            text,
            "{file} changed"
        );
    }
}

#[test]
fn a_closed_pipe_ends_nothing_and_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(bin())
        .current_dir(dir.path())
        .arg("import")
        .arg(root().join("examples/survey-export.csv"))
        .arg("--mapping")
        .arg(root().join("examples/survey-mapping.yaml"))
        .args(["-o", "room"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Like `2>&1 | head -0`: nobody reads what it says.
    drop(child.stdout.take());
    drop(child.stderr.take());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
    let written = std::fs::read_dir(dir.path().join("room")).unwrap().count();
    assert_eq!(written, 6);
}

#[test]
fn a_large_import_holds_no_file_open_per_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let csv = std::fs::read_to_string(root().join("examples/survey-export.csv")).unwrap();
    let mut lines = csv.lines();
    let header = lines.next().unwrap();
    let rows: Vec<&str> = lines.filter(|l| !l.trim().is_empty()).collect();
    let mut big = format!("{header}\n");
    for copy in 0..100 {
        for row in &rows {
            // Each copy by other respondents: one respondent's rows would count once.
            let (ts, rest) = row.split_once(',').unwrap();
            let (email, rest) = rest.split_once(',').unwrap();
            let (name, rest) = rest.split_once(',').unwrap();
            big.push_str(&format!("{ts},{email},{name} {copy},{rest}\n"));
        }
    }
    std::fs::write(dir.path().join("big.csv"), big).unwrap();
    let mapping = root().join("examples/survey-mapping.yaml");
    // 600 sheets under a limit of 256 open files: each staged sheet is closed once written.
    let out = Command::new("sh")
        .current_dir(dir.path())
        .arg("-c")
        .arg(format!(
            "ulimit -n 256; exec {} import big.csv --mapping {} -o room",
            bin(),
            mapping.display()
        ))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let written = std::fs::read_dir(dir.path().join("room")).unwrap().count();
    assert_eq!(written, 100 * rows.len());
}

#[test]
fn a_write_error_names_the_file_asked_for_not_the_temporary_one() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("plain"), "a file, not a directory").unwrap();
    let out = run_with_umask(
        dir.path(),
        "022",
        &format!("report {} -o plain/r.md", example()),
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("cannot write `plain/r.md`: Not a directory"),
        "{stderr}"
    );
    assert!(
        !stderr.contains(".leapcheck-") && !stderr.contains("at path"),
        "{stderr}"
    );
}

#[test]
fn the_interview_never_writes_its_sheet_over_its_questionnaire() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("interview.yaml"), dir.path().join("m.yaml")).unwrap();
    let before = std::fs::read_to_string(dir.path().join("m.yaml")).unwrap();
    let out = run_with_umask(dir.path(), "022", "interview -q ./m.yaml -o m.yaml");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("is also an input"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("m.yaml")).unwrap(),
        before
    );
}
