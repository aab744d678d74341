//! A small builder for running the real binary in a temporary directory.

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

/// The repository root, where `questionnaires/`, `examples/` and `tests/fixtures/` live.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

/// A run of `leapcheck` with arguments, files and stdin, in its own temporary directory.
pub struct Test {
    dir: tempfile::TempDir,
    args: Vec<String>,
    stdin: Option<String>,
    envs: Vec<(String, String)>,
}

/// What a run produced.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    pub dir: PathBuf,
    _keep: tempfile::TempDir,
}

impl Test {
    pub fn new() -> Test {
        Test {
            dir: tempfile::tempdir().expect("temp dir"),
            args: Vec::new(),
            stdin: None,
            envs: Vec::new(),
        }
    }

    pub fn args(mut self, args: &[&str]) -> Test {
        self.args.extend(args.iter().map(|a| a.to_string()));
        self
    }

    pub fn arg(mut self, arg: impl AsRef<Path>) -> Test {
        self.args.push(arg.as_ref().display().to_string());
        self
    }

    /// Writes a file (relative to the test directory) before the run.
    pub fn file(self, name: &str, contents: &str) -> Test {
        let path = self.dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create dir");
        }
        std::fs::write(path, contents).expect("write file");
        self
    }

    pub fn stdin(mut self, text: &str) -> Test {
        self.stdin = Some(text.to_string());
        self
    }

    pub fn env(mut self, key: &str, value: &str) -> Test {
        self.envs.push((key.into(), value.into()));
        self
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn run(self) -> Run {
        let mut cmd = Command::cargo_bin("leapcheck").expect("binary");
        cmd.current_dir(self.dir.path())
            .args(&self.args)
            .env_remove("NO_COLOR");
        for (k, v) in &self.envs {
            cmd.env(k, v);
        }
        if let Some(s) = &self.stdin {
            cmd.write_stdin(s.clone());
        }
        let out: Output = cmd.output().expect("run leapcheck");
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            dir: self.dir.path().to_path_buf(),
            _keep: self.dir,
        }
    }
}

impl Run {
    #[track_caller]
    pub fn success(self) -> Run {
        assert_eq!(
            self.code, 0,
            "expected success\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    #[track_caller]
    pub fn code(self, code: i32) -> Run {
        assert_eq!(
            self.code, code,
            "expected exit {code}\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    #[track_caller]
    pub fn stderr_has(self, needle: &str) -> Run {
        assert!(
            self.stderr.contains(needle),
            "stderr lacks {needle:?}:\n{}",
            self.stderr
        );
        self
    }

    #[track_caller]
    pub fn stdout_has(self, needle: &str) -> Run {
        assert!(
            self.stdout.contains(needle),
            "stdout lacks {needle:?}:\n{}",
            self.stdout
        );
        self
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", self.stdout))
    }
}

fn is_sheet(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "yaml")
        && std::fs::read_to_string(path).is_ok_and(|t| t.contains("format: leapcheck/answers@1"))
}

/// The example answer sheets: `examples/*.yaml` that are answer sheets (not mappings), sorted.
pub fn example_sheets() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(root().join("examples"))
        .expect("examples/")
        .map(|e| e.expect("entry").path())
        .filter(|p| is_sheet(p))
        .collect();
    out.sort();
    out
}

/// The example workshops: directories under `examples/` holding answer sheets, sorted.
pub fn example_workshops() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(root().join("examples"))
        .expect("examples/")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.is_dir()
                && std::fs::read_dir(p)
                    .is_ok_and(|mut d| d.any(|e| e.is_ok_and(|e| is_sheet(&e.path()))))
        })
        .collect();
    out.sort();
    out
}

/// A unified diff of `expected` (the committed text) against `actual` (what the run gives), with
/// three lines of context around each change, cut after `max_lines` lines of diff.
pub fn line_diff(name: &str, expected: &str, actual: &str, max_lines: usize) -> String {
    let diff = similar::TextDiff::from_lines(expected, actual)
        .unified_diff()
        .context_radius(3)
        .header(&format!("{name} (committed)"), &format!("{name} (now)"))
        .to_string();
    let lines: Vec<&str> = diff.lines().collect();
    let mut out = lines[..lines.len().min(max_lines)].join("\n");
    if lines.len() > max_lines {
        out.push_str(&format!(
            "\n… {} more lines of diff",
            lines.len() - max_lines
        ));
    }
    out
}
