//! Headless Chromium: load a page once and collect its DOM, console, network requests,
//! screenshot and PDF; and the parsers for what Chromium writes.

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{Run, Test, root};

/// A launch that takes longer than this has hung (an `alert()` blocks headless Chromium for good).
/// Measured on a two-core machine, two launches at a time: 0.7–2.5 s idle, up to 3.4 s under load
/// (three busy processes besides the tests).
pub const TIMEOUT: Duration = Duration::from_secs(60);
/// The screenshot's size in pixels: wide enough for the report's layout, tall enough for the radar.
pub const WINDOW: (u32, u32) = (1200, 3000);
/// Flags for a quiet, self-contained headless run; a new `--user-data-dir` is added per launch.
pub const FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--enable-logging=stderr",
    "--v=0",
    "--no-pdf-header-footer",
];

pub const BANK: &str = "examples/bank-planned-not-aligned.yaml";

/// Headless Chromium, started once per page.
pub struct Browser {
    pub exe: PathBuf,
}

/// What one page load produced.
pub struct Loaded {
    /// The serialized DOM after load.
    pub dom: String,
    /// Console messages, CSP violation reports included.
    pub console: Vec<String>,
    /// Every URL or host the page asked the network for.
    pub requests: Vec<String>,
}

/// The page as it looks: a screenshot and a PDF print.
pub struct Prints {
    pub screenshot: Image,
    pub pdf: Vec<u8>,
}

/// A decoded screenshot.
pub struct Image {
    pub width: u32,
    pub height: u32,
    pub pixels: Vec<[u8; 3]>,
}

impl Browser {
    /// Chromium, or `None` after a note when it is missing; under `CI` a missing browser panics.
    pub fn find() -> Option<Browser> {
        let path = std::env::var_os("PATH").unwrap_or_default();
        let exe = std::iter::once(PathBuf::from("/usr/bin/chromium"))
            .chain(std::env::split_paths(&path).map(|dir| dir.join("chromium")))
            .find(|candidate| candidate.is_file());
        match exe {
            Some(exe) => Some(Browser { exe }),
            None if std::env::var_os("CI").is_some() => panic!(
                "Chromium not found (/usr/bin/chromium or `chromium` on PATH) and CI is set; \
                 .ci/run installs it (apt-get install chromium)"
            ),
            None => {
                eprintln!(
                    "note: skipping a browser test: Chromium not found \
                     (apt-get install chromium, or see .ci/run)"
                );
                None
            }
        }
    }

    /// Loads `page` and collects the DOM, the console and the network requests.
    pub fn load(&self, page: &Path) -> Loaded {
        self.launch(page, false).0
    }

    /// Like `load`, and in the same launch takes a screenshot and prints to PDF.
    pub fn load_and_print(&self, page: &Path) -> (Loaded, Prints) {
        let (loaded, prints) = self.launch(page, true);
        (loaded, prints.expect("prints were asked for"))
    }

    pub fn launch(&self, page: &Path, print: bool) -> (Loaded, Option<Prints>) {
        let work = tempfile::tempdir().expect("temp dir for Chromium");
        let at = |name: &str| work.path().join(name);
        let page = page
            .canonicalize()
            .unwrap_or_else(|e| panic!("page {}: {e}", page.display()));
        let output = |name: &str| {
            File::create(at(name)).unwrap_or_else(|e| panic!("create {name} for Chromium: {e}"))
        };

        let mut command = Command::new(&self.exe);
        command
            .args(FLAGS)
            .arg(format!("--user-data-dir={}", at("profile").display()))
            .arg(format!("--log-net-log={}", at("net.json").display()));
        if print {
            command
                .arg(format!("--screenshot={}", at("shot.png").display()))
                .arg(format!("--window-size={},{}", WINDOW.0, WINDOW.1))
                .arg(format!("--print-to-pdf={}", at("page.pdf").display()));
        }
        let mut child = command
            .arg("--dump-dom")
            .arg(file_url(&page))
            .stdin(Stdio::null())
            .stdout(output("stdout"))
            .stderr(output("stderr"))
            .spawn()
            .unwrap_or_else(|e| panic!("start {}: {e}", self.exe.display()));

        let started = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().expect("wait for Chromium") {
                break status;
            }
            if started.elapsed() > TIMEOUT {
                // Killing the browser process ends its renderers and zygote too.
                let _ = child.kill();
                let _ = child.wait();
                panic!(
                    "Chromium did not finish {} within {TIMEOUT:?} (a dialog such as alert() \
                     hangs it)\nstderr:\n{}",
                    page.display(),
                    without_noise(&read_text(&at("stderr")))
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        let stderr = read_text(&at("stderr"));
        assert!(
            status.success(),
            "Chromium failed on {} ({status})\nstderr:\n{}",
            page.display(),
            without_noise(&stderr)
        );

        let loaded = Loaded {
            dom: read_text(&at("stdout")),
            console: console_messages(&stderr),
            requests: page_requests(&read_text(&at("net.json"))),
        };
        let prints = print.then(|| Prints {
            screenshot: Image::decode(&read_bytes(&at("shot.png"))),
            pdf: read_bytes(&at("page.pdf")),
        });
        (loaded, prints)
    }
}

impl Loaded {
    #[track_caller]
    pub fn assert_quiet(&self) {
        assert!(
            self.console.is_empty(),
            "console messages:\n{}",
            self.console.join("\n")
        );
        assert!(
            self.requests.is_empty(),
            "network requests: {:?}",
            self.requests
        );
    }
}

impl Prints {
    /// A page that rendered something: text and graphics, not one flat background.
    #[track_caller]
    pub fn assert_painted(&self) {
        let shot = &self.screenshot;
        assert_eq!((shot.width, shot.height), WINDOW, "screenshot size");
        let share = shot.content_share();
        assert!(
            share > 0.02,
            "screenshot is (nearly) blank: {:.2} % of pixels differ from the background",
            share * 100.0
        );
    }

    /// A real, multi-page PDF; an empty page prints to one page of under a kilobyte.
    #[track_caller]
    pub fn assert_printed(&self) {
        let pdf = &self.pdf;
        assert!(pdf.starts_with(b"%PDF-"), "print is not a PDF");
        assert!(
            pdf.len() > 20_000,
            "PDF is suspiciously small: {} bytes",
            pdf.len()
        );
        assert!(pdf_pages(pdf) >= 2, "PDF has {} page(s)", pdf_pages(pdf));
    }
}

impl Image {
    pub fn decode(bytes: &[u8]) -> Image {
        let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        decoder.set_transformations(png::Transformations::normalize_to_color8());
        let mut reader = decoder
            .read_info()
            .unwrap_or_else(|e| panic!("screenshot is not a PNG: {e}"));
        let mut buf = vec![
            0;
            reader
                .output_buffer_size()
                .expect("screenshot fits in memory")
        ];
        let frame = reader
            .next_frame(&mut buf)
            .unwrap_or_else(|e| panic!("screenshot does not decode: {e}"));
        let data = &buf[..frame.buffer_size()];
        let pixels = match frame.color_type.samples() {
            3 => data.as_chunks::<3>().0.to_vec(),
            samples => data
                .chunks_exact(samples)
                .map(|p| {
                    if samples < 3 {
                        [p[0]; 3]
                    } else {
                        [p[0], p[1], p[2]]
                    }
                })
                .collect(),
        };
        Image {
            width: frame.width,
            height: frame.height,
            pixels,
        }
    }

    /// The pixel at column `x` of row `y`.
    pub fn at(&self, x: u32, y: u32) -> [u8; 3] {
        self.pixels[(y * self.width + x) as usize]
    }

    /// The rows where the page's right edge differs from its left edge. On a narrow screen the
    /// page has the same padding on both sides, so nothing is drawn in the outermost columns on
    /// either side; content wider than the window runs into the right one (and would scroll
    /// sideways), never into the left one.
    pub fn rows_overflowing_right(&self, columns: u32) -> Vec<u32> {
        (0..self.height)
            .filter(|&y| (0..columns).any(|c| self.at(c, y) != self.at(self.width - 1 - c, y)))
            .collect()
    }

    /// The share of pixels clearly unlike the most common colour (the background, found on a
    /// sample of the pixels). Pale fills such as the page margin or a tinted box do not count;
    /// text and drawing do.
    pub fn content_share(&self) -> f64 {
        let mut counts: HashMap<[u8; 3], usize> = HashMap::new();
        for pixel in self.pixels.iter().step_by(97) {
            *counts.entry(*pixel).or_default() += 1;
        }
        let Some((&background, _)) = counts.iter().max_by_key(|(_, n)| **n) else {
            return 0.0;
        };
        let far = |p: &&[u8; 3]| {
            let d = |i: usize| u32::from(p[i].abs_diff(background[i]));
            d(0) + d(1) + d(2) > 96
        };
        self.pixels.iter().filter(far).count() as f64 / self.pixels.len() as f64
    }
}

/// Console lines in Chromium's stderr log, e.g.
/// `[1:1:1123/141735.308598:INFO:CONSOLE:1] "boom", source: file:///p.html (1)`; every level
/// (log, warn, error) is logged as INFO, so any console line counts.
pub fn console_messages(stderr: &str) -> Vec<String> {
    stderr
        .lines()
        .filter(|line| line.contains(":CONSOLE"))
        .map(|line| {
            line.split_once("] ")
                .map_or(line, |(_, msg)| msg)
                .to_string()
        })
        .collect()
}

/// Chromium's stderr without the D-Bus complaints of a machine without a session bus.
pub fn without_noise(stderr: &str) -> String {
    stderr
        .lines()
        .filter(|line| !line.contains("dbus"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The URLs and hosts in a NetLog that the page asked for.
///
/// The browser fetches things of its own even with background networking off (network time,
/// account and update checks); those carry the initiator `not an origin` and no `file://`
/// isolation key. A page's own requests name their initiator (`null` for a `file://` page), and
/// everything done for the page, DNS lookups and preconnects included, carries a network
/// isolation or anonymization key that starts with the page's site, `file://`. The page itself,
/// read from disk, is not in the NetLog at all.
pub fn page_requests(netlog: &str) -> Vec<String> {
    let log: serde_json::Value = serde_json::from_str(netlog)
        .unwrap_or_else(|e| panic!("net log is not JSON ({e}); Chromium did not exit cleanly?"));
    let events = log["events"].as_array().expect("net log has events");
    let mut found = BTreeSet::new();
    for params in events.iter().filter_map(|event| event.get("params")) {
        let initiated = params["initiator"]
            .as_str()
            .is_some_and(|initiator| initiator != "not an origin");
        let for_page = ["network_isolation_key", "network_anonymization_key"]
            .iter()
            .any(|key| {
                params[key]
                    .as_str()
                    .is_some_and(|k| k.starts_with("file://"))
            });
        if initiated || for_page {
            for key in ["url", "host"] {
                if let Some(value) = params[key].as_str() {
                    found.insert(value.to_string());
                }
            }
        }
    }
    found.into_iter().collect()
}

/// Page objects in a PDF (`/Type /Page`, not `/Type /Pages`).
pub fn pdf_pages(pdf: &[u8]) -> usize {
    let needle = b"/Type /Page";
    pdf.windows(needle.len() + 1)
        .filter(|w| w.starts_with(needle) && !w[needle.len()].is_ascii_alphanumeric())
        .count()
}

/// How many `<tag` elements the serialized DOM holds (text is escaped, so no `<` is literal).
pub fn count_elements(dom: &str, tag: &str) -> usize {
    let dom = dom.to_ascii_lowercase();
    let open = format!("<{tag}");
    dom.match_indices(&open)
        .filter(|(at, _)| {
            dom[at + open.len()..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_whitespace() || c == '>' || c == '/')
        })
        .count()
}

/// The content of the first `<tag ...>...</tag>` in the serialized DOM.
pub fn inner<'a>(dom: &'a str, tag: &str) -> &'a str {
    let start = dom
        .find(&format!("<{tag}"))
        .and_then(|at| dom[at..].find('>').map(|end| at + end + 1))
        .unwrap_or_else(|| panic!("no <{tag}> in the DOM"));
    let end = dom[start..]
        .find(&format!("</{tag}>"))
        .unwrap_or_else(|| panic!("<{tag}> is not closed"));
    &dom[start..start + end]
}

pub fn file_url(path: &Path) -> String {
    let mut url = String::from("file://");
    for &b in path.as_os_str().as_encoded_bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            url.push(char::from(b));
        } else {
            write!(url, "%{b:02X}").expect("write to a String");
        }
    }
    url
}

pub fn read_bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

pub fn read_text(path: &Path) -> String {
    String::from_utf8_lossy(&read_bytes(path)).into_owned()
}

/// `leapcheck SUBCOMMAND SHEET -o out.html`; the page is `run.dir.join("out.html")`.
pub fn render_html(subcommand: &str, sheet: &str) -> Run {
    Test::new()
        .file("sheet.yaml", sheet)
        .args(&[subcommand, "sheet.yaml", "-o", "out.html"])
        .run()
        .success()
}

pub fn example(name: &str) -> String {
    std::fs::read_to_string(root().join(name)).unwrap_or_else(|e| panic!("read {name}: {e}"))
}

/// Writes a test page into its own temporary directory.
pub fn page(html: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("page.html");
    std::fs::write(&path, html).expect("write page");
    (dir, path)
}

// ---------------------------------------------------------------------------------------------
// The report and the plan of an example.

impl Browser {
    /// Runs Chromium once on `page` with `args` (besides the quiet flags and a fresh profile) and
    /// returns its working directory, where `args` may have asked for files (`{work}` in an
    /// argument is replaced by the directory's path).
    pub fn run(&self, page: &Path, args: &[String]) -> tempfile::TempDir {
        let work = tempfile::tempdir().expect("temp dir for Chromium");
        let page = page
            .canonicalize()
            .unwrap_or_else(|e| panic!("page {}: {e}", page.display()));
        let dir = work.path().display().to_string();
        let mut child = Command::new(&self.exe)
            .args(FLAGS)
            .arg(format!("--user-data-dir={dir}/profile"))
            .args(args.iter().map(|a| a.replace("{work}", &dir)))
            .arg(file_url(&page))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("start {}: {e}", self.exe.display()));
        let started = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().expect("wait for Chromium") {
                break status;
            }
            if started.elapsed() > TIMEOUT {
                let _ = child.kill();
                let _ = child.wait();
                panic!(
                    "Chromium did not finish {} within {TIMEOUT:?}",
                    page.display()
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        assert!(status.success(), "Chromium failed on {}", page.display());
        work
    }

    /// A screenshot of `page` in a window of `size` (width, height) pixels.
    pub fn screenshot(&self, page: &Path, size: (u32, u32)) -> Image {
        let work = self.run(
            page,
            &[
                "--screenshot={work}/shot.png".to_string(),
                format!("--window-size={},{}", size.0, size.1),
            ],
        );
        Image::decode(&read_bytes(&work.path().join("shot.png")))
    }

    /// `page` printed to PDF, as "Print → Save as PDF" prints it (A4 unless the page says).
    pub fn print(&self, page: &Path) -> Vec<u8> {
        let work = self.run(page, &["--print-to-pdf={work}/page.pdf".to_string()]);
        read_bytes(&work.path().join("page.pdf"))
    }
}

impl Image {
    /// Whether a pixel is clearly unlike `background`: text and drawing, not a pale fill.
    fn far(pixel: &[u8; 3], background: [u8; 3]) -> bool {
        let d = |i: usize| u32::from(pixel[i].abs_diff(background[i]));
        d(0) + d(1) + d(2) > 96
    }

    /// The colour of the top-left pixel: the page's background where nothing is drawn.
    pub fn corner(&self) -> [u8; 3] {
        self.pixels[0]
    }

    /// The last row (from 0) holding a pixel clearly unlike `background`, if any.
    pub fn last_painted_row(&self, background: [u8; 3]) -> Option<u32> {
        let width = self.width as usize;
        (0..self.height).rev().find(|&y| {
            let row = &self.pixels[y as usize * width..(y as usize + 1) * width];
            row.iter().any(|p| Image::far(p, background))
        })
    }

    /// How many pixels are clearly unlike `background`.
    pub fn painted(&self, background: [u8; 3]) -> usize {
        self.pixels
            .iter()
            .filter(|p| Image::far(p, background))
            .count()
    }
}

/// A copy of the page at `path` with `css` added at the end of its `<head>` (the documents'
/// Content-Security-Policy allows inline styles), in its own temporary directory.
pub fn restyled(path: &Path, css: &str) -> (tempfile::TempDir, PathBuf) {
    let html = read_text(path);
    let at = html.find("</head>").expect("the page has a </head>");
    page(&format!(
        "{}<style>{css}</style>{}",
        &html[..at],
        &html[at..]
    ))
}

/// `leapcheck SUBCOMMAND` on the example `name` (a sheet or a room directory) written as HTML;
/// the page is `run.dir.join("out.html")`.
pub fn render_example(subcommand: &str, name: &str) -> Run {
    Test::new()
        .args(&[subcommand])
        .arg(root().join(name))
        .args(&["-o", "out.html"])
        .run()
        .success()
}

/// The same document's JSON view.
pub fn example_json(subcommand: &str, name: &str) -> serde_json::Value {
    Test::new()
        .args(&[subcommand])
        .arg(root().join(name))
        .args(&["-f", "json"])
        .run()
        .success()
        .json()
}
