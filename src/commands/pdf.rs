//! PDF output: the HTML document printed by an installed Chromium, Chrome or Edge, headless, the
//! way "Print → Save as PDF" prints it (the document's own print stylesheet: A4, running header,
//! page numbers). leapcheck draws no PDF itself.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::error::{Error, Result};

/// The programs looked for on `PATH`, in this order.
pub const BROWSERS: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "microsoft-edge",
    "msedge",
];

/// A print that takes longer than this has hung; the browser is stopped.
const TIMEOUT: Duration = Duration::from_secs(120);

/// The browser to print with: `--browser PATH` when given (it must be a file), else the first of
/// [`BROWSERS`] on `PATH`.
pub fn find(given: Option<&Path>) -> Result<PathBuf> {
    if let Some(path) = given {
        return if path.is_file() {
            Ok(path.to_path_buf())
        } else {
            Err(Error::NoBrowser {
                given: Some(path.to_path_buf()),
                looked_for: BROWSERS,
            })
        };
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .filter(|dir| !dir.as_os_str().is_empty())
        .flat_map(|dir| BROWSERS.iter().map(move |name| dir.join(name)))
        .find(|candidate| candidate.is_file())
        .ok_or(Error::NoBrowser {
            given: None,
            looked_for: BROWSERS,
        })
}

/// Prints `html` to PDF with `browser`, headless, in a fresh profile that is removed afterwards;
/// returns the PDF's bytes.
pub fn print(browser: &Path, html: &str) -> Result<Vec<u8>> {
    let failed = |why: String| Error::Pdf {
        browser: browser.to_path_buf(),
        why,
    };
    let work = tempfile::tempdir().map_err(|e| failed(format!("no temporary directory: {e}")))?;
    let page = work.path().join("document.html");
    let pdf = work.path().join("document.pdf");
    std::fs::write(&page, html).map_err(|e| failed(format!("cannot stage the HTML: {e}")))?;
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ])
        .arg(format!(
            "--user-data-dir={}",
            work.path().join("profile").display()
        ))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(file_url(&page))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| failed(format!("it does not start: {e}")))?;
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(failed(format!("it did not finish within {TIMEOUT:?}")));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => return Err(failed(format!("cannot wait for it: {e}"))),
        }
    };
    let bytes = std::fs::read(&pdf).unwrap_or_default();
    if !status.success() || !bytes.starts_with(b"%PDF") {
        return Err(failed(format!("it wrote no PDF ({status})")));
    }
    Ok(bytes)
}

/// `file://` and the path, every byte outside a few safe ones percent-encoded.
fn file_url(path: &Path) -> String {
    use std::fmt::Write as _;
    let mut url = String::from("file://");
    for &b in path.as_os_str().as_encoded_bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            url.push(char::from(b));
        } else {
            let _ = write!(url, "%{b:02X}");
        }
    }
    url
}
