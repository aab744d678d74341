//! Benchmarks against peers: `benchmark build` and `--benchmark`, with the numbers of a peer file
//! of seven organizations worked out by hand.
//!
//! The questionnaire `tests/fixtures/benchmark/q.yaml` has two dimensions of weight 1, Reach
//! (question `a`) and Depth (question `b`), each scoring its chosen rung's points × 10. The seven
//! peers in `tests/fixtures/benchmark/peers/`:
//!
//! | file | Reach | Depth | overall (mean of the sufficient ones) | year |
//! |---|---|---|---|---|
//! | org1 | 20 | 50 | 35 | 2024 |
//! | org2 | 40 | 50 | 45 | 2025 |
//! | org3 | 40 | 70 | 55 | 2025 |
//! | org4 | 50 | unanswered: insufficient evidence | 50 | 2026 |
//! | org5 | 70 | 90 | 80 | 2026 |
//! | org6 | 80 | 30 | 55 | 2025 |
//! | org7 | 100 | 60 | 80 | 2026 |
//!
//! Sorted: Reach 20 40 40 50 70 80 100 (7); Depth 30 50 50 60 70 90 (6: org4 left out);
//! overall 35 45 50 55 55 80 80 (7); years 2024–2026.
//!
//! Quartiles by linear interpolation between order statistics, h = (n − 1)·p, 0-based:
//! - Reach, n = 7: Q1 h = 1.5 → 40 + 0.5·(40 − 40) = 40; median h = 3 → 50;
//!   Q3 h = 4.5 → 70 + 0.5·(80 − 70) = 75.
//! - Depth, n = 6: Q1 h = 1.25 → 50 + 0.25·(50 − 50) = 50; median h = 2.5 → 50 + 0.5·10 = 55;
//!   Q3 h = 3.75 → 60 + 0.75·(70 − 60) = 67.5.
//! - Overall, n = 7: Q1 h = 1.5 → 45 + 0.5·(50 − 45) = 47.5; median h = 3 → 55;
//!   Q3 h = 4.5 → 55 + 0.5·(80 − 55) = 67.5.
//!
//! The client (`client.yaml`) scores Reach 40, Depth 50, overall 45. Percentile = share below plus
//! half of the ties:
//! - Reach 40: one below (20), two equal → (1 + 2/2)/7 = 28.57… → 28.6.
//! - Depth 50: one below (30), two equal → (1 + 2/2)/6 = 33.33… → 33.3.
//! - Overall 45: one below (35), one equal → (1 + 1/2)/7 = 21.42… → 21.4.

use std::path::PathBuf;

use crate::support::*;

fn bench(name: &str) -> PathBuf {
    fixture("benchmark").join(name)
}

fn peer_files(n: usize) -> Vec<PathBuf> {
    (1..=n)
        .map(|k| bench(&format!("peers/org{k}.yaml")))
        .collect()
}

/// A test with `peers.json` built from the seven peers (with a segment), and the run that built it.
fn with_peers() -> (Test, String) {
    let mut t = Test::new().args(&["benchmark", "build"]);
    for f in peer_files(7) {
        t = t.arg(f);
    }
    let built = t
        .args(&["-q"])
        .arg(bench("q.yaml"))
        .args(&["-o", "peers.json", "--segment", "test peers"])
        .run()
        .success();
    let text = std::fs::read_to_string(built.dir.join("peers.json")).unwrap();
    (Test::new().file("peers.json", &text), text)
}

/// The client's report against `peers` (the text of a peers file) in `format`.
fn client_report(peers: &str, format: &str) -> Run {
    Test::new()
        .file("peers.json", peers)
        .args(&["report"])
        .arg(bench("client.yaml"))
        .args(&["-q"])
        .arg(bench("q.yaml"))
        .args(&["--benchmark", "peers.json", "-f", format])
        .run()
}

#[test]
fn benchmark_file_keeps_sorted_scores_counts_and_years() {
    let (_, text) = with_peers();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["format"], "leapcheck/peers@1");
    assert_eq!(v["questionnaire"]["id"], "peers_check");
    assert_eq!(v["questionnaire"]["version"], "1.0.0");
    assert!(v["questionnaire"]["content_hash"].as_str().unwrap().len() >= 8);
    assert_eq!(v["segment"], "test peers");
    assert_eq!(v["organizations"], 7);
    assert_eq!(v["years"], serde_json::json!({ "from": 2024, "to": 2026 }));
    let scores = |x: &serde_json::Value| -> Vec<f64> {
        x["scores"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_f64().unwrap())
            .collect()
    };
    assert_eq!(
        scores(&v["overall"]),
        [35.0, 45.0, 50.0, 55.0, 55.0, 80.0, 80.0]
    );
    assert_eq!(v["dimensions"][0]["id"], "reach");
    assert_eq!(
        scores(&v["dimensions"][0]),
        [20.0, 40.0, 40.0, 50.0, 70.0, 80.0, 100.0]
    );
    assert_eq!(v["dimensions"][1]["id"], "depth");
    assert_eq!(v["dimensions"][1]["count"], 6);
    assert_eq!(
        scores(&v["dimensions"][1]),
        [30.0, 50.0, 50.0, 60.0, 70.0, 90.0]
    );
}

#[test]
fn percentiles_and_quartiles_among_seven_peers_are_as_worked_by_hand() {
    let (_, text) = with_peers();
    let v = client_report(&text, "json").success().json();
    let b = &v["benchmark"];
    assert_eq!(b["organizations"], 7);
    assert_eq!(b["segment"], "test peers");
    assert_eq!(b["years"], "2024–2026");
    assert_eq!(b["same_questionnaire"], true);
    let check = |x: &serde_json::Value, score: f64, pct: f64, q: [f64; 3], count: u64| {
        assert_eq!(x["score"], score, "{x}");
        assert_eq!(x["percentile"], pct, "{x}");
        assert_eq!(
            [&x["q1"], &x["median"], &x["q3"]],
            q.map(serde_json::Value::from).each_ref(),
            "{x}"
        );
        assert_eq!(x["count"], count, "{x}");
    };
    check(&b["overall"], 45.0, 21.4, [47.5, 55.0, 67.5], 7);
    check(&b["dimensions"][0], 40.0, 28.6, [40.0, 50.0, 75.0], 7);
    check(&b["dimensions"][1], 50.0, 33.3, [50.0, 55.0, 67.5], 6);
    // The same numbers beside each dimension of the report.
    check(
        &v["dimensions"][0]["peers"],
        40.0,
        28.6,
        [40.0, 50.0, 75.0],
        7,
    );
    check(
        &v["dimensions"][1]["peers"],
        50.0,
        33.3,
        [50.0, 55.0, 67.5],
        6,
    );
    assert!(b["notes"].as_array().unwrap().is_empty(), "{b}");
}

#[test]
fn four_organizations_are_refused_saying_how_many() {
    let mut t = Test::new().args(&["benchmark", "build"]);
    for f in peer_files(4) {
        t = t.arg(f);
    }
    let run = t
        .args(&["-q"])
        .arg(bench("q.yaml"))
        .args(&["-o", "peers.json"])
        .run()
        .code(1)
        .stderr_has("4 organizations")
        .stderr_has("at least 5");
    assert!(!run.dir.join("peers.json").exists());
}

#[test]
fn the_peers_file_names_no_one_and_holds_no_answer_nor_date() {
    let (_, text) = with_peers();
    let mut secrets: Vec<String> = Vec::new();
    for f in peer_files(7) {
        let sheet = std::fs::read_to_string(f).unwrap();
        for line in sheet.lines() {
            let Some((key, value)) = line.trim().split_once(": ") else {
                continue;
            };
            match key {
                "organization" => secrets.push(value.into()),
                "respondent" => secrets.push(
                    value
                        .trim_matches(['{', '}', ' '])
                        .trim_start_matches("name: ")
                        .into(),
                ),
                "a" | "b" => secrets.push(value.into()),
                "remark" => secrets.push(value.into()),
                "date" => secrets.push(value[..7].into()),
                _ => {}
            }
        }
    }
    assert!(secrets.len() > 30, "{secrets:?}");
    let lower = text.to_lowercase();
    for s in secrets {
        assert!(
            !lower.contains(&s.to_lowercase()),
            "peers.json holds {s:?}:\n{text}"
        );
    }
    // Nor any word of them: the file is numbers, ids and the segment.
    for word in ["aldgate", "imogen", "rung", "secret", "client"] {
        assert!(!lower.contains(word), "{word}");
    }
}

#[test]
fn sheets_of_one_organization_count_once_and_a_directory_is_one_room() {
    // org1 again, as another respondent spelling the organization another way: one organization.
    let again = std::fs::read_to_string(bench("peers/org1.yaml"))
        .unwrap()
        .replace("Aldgate Mutual", "  ALDGATE   mutual ")
        .replace("Imogen Vale", "Another Person")
        .replace("rung_two", "rung_four");
    let mut t = Test::new()
        .file("again.yaml", &again)
        .args(&["benchmark", "build", "again.yaml"]);
    for f in peer_files(4) {
        t = t.arg(f);
    }
    let run = t
        .arg(bench("room"))
        .args(&["-q"])
        .arg(bench("q.yaml"))
        .args(&["-o", "peers.json"])
        .run()
        .success();
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(run.dir.join("peers.json")).unwrap())
            .unwrap();
    // org1..org4 (org1 with its second sheet: Reach (20 + 40)/2 = 30), and the room of Harrow
    // Halls as one organization (Reach (20 + 60)/2 = 40, Depth (40 + 80)/2 = 60).
    assert_eq!(v["organizations"], 5, "{v}");
    let reach: Vec<f64> = v["dimensions"][0]["scores"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_f64().unwrap())
        .collect();
    assert_eq!(reach, [30.0, 40.0, 40.0, 40.0, 50.0]);
    // Depth: org1 50 (both sheets 50), org2 50, org3 70, the room 60; org4 none → 4 scores,
    // fewer than 5: counted, not kept.
    assert_eq!(v["dimensions"][1]["count"], 4);
    assert_eq!(v["dimensions"][1]["scores"], serde_json::json!([]));
    assert_eq!(v["years"], serde_json::json!({ "from": 2023, "to": 2026 }));
}

#[test]
fn too_few_peers_in_a_dimension_are_said_and_not_placed() {
    let (_, text) = with_peers();
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["dimensions"][1]["count"] = 4.into();
    v["dimensions"][1]["scores"] = serde_json::json!([]);
    let r = client_report(&serde_json::to_string_pretty(&v).unwrap(), "json")
        .success()
        .json();
    let depth = &r["benchmark"]["dimensions"][1];
    assert_eq!(depth["count"], 4);
    assert!(
        depth["percentile"].is_null() && depth["median"].is_null(),
        "{depth}"
    );
    let notes = r["benchmark"]["notes"].to_string();
    assert!(
        notes.contains("Too few peers") && notes.contains("Depth (4)"),
        "{notes}"
    );
}

#[test]
fn peers_of_another_questionnaire_are_refused_naming_both() {
    let (_, text) = with_peers();
    let other = text.replace("\"peers_check\"", "\"hygiene\"");
    client_report(&other, "json")
        .code(1)
        .stderr_has("peers.json")
        .stderr_has("hygiene@1.0.0")
        .stderr_has("peers_check@1.0.0");
}

#[test]
fn another_version_compares_the_shared_dimensions_and_says_so() {
    let (_, text) = with_peers();
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["questionnaire"]["version"] = "0.9.0".into();
    v["dimensions"][1]["id"] = "breadth".into();
    let r = client_report(&serde_json::to_string_pretty(&v).unwrap(), "json")
        .success()
        .json();
    let b = &r["benchmark"];
    assert_eq!(b["same_questionnaire"], false);
    assert!(b["overall"].is_null(), "{b}");
    assert_eq!(b["dimensions"].as_array().unwrap().len(), 1);
    assert_eq!(b["dimensions"][0]["percentile"], 28.6);
    let notes = b["notes"].to_string();
    assert!(
        notes.contains("version 0.9.0") && notes.contains("version 1.0.0"),
        "{notes}"
    );
    assert!(notes.contains("only the dimensions both share"), "{notes}");
    assert!(notes.contains("Depth"), "{notes}");
    assert!(r["dimensions"][1]["peers"].is_null());
    // The same content under another hash: said too.
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["questionnaire"]["content_hash"] = "0000000000000000".into();
    let r = client_report(&serde_json::to_string(&v).unwrap(), "markdown").success();
    assert!(
        r.stdout.contains("another content of version 1.0.0"),
        "{}",
        r.stdout
    );
}

#[test]
fn a_malformed_peers_file_is_located_with_the_fix() {
    let (_, text) = with_peers();
    // Line 3 loses its closing quote's comma.
    let broken: String = text.replacen("\",\n", "\"\n", 2);
    client_report(&broken, "json")
        .code(1)
        .stderr_has("peers.json:")
        .stderr_has(":3:")
        .stderr_has("benchmark build");
    let unknown = text.replacen("\"segment\"", "\"segmnet\"", 1);
    client_report(&unknown, "json")
        .code(1)
        .stderr_has("peers.json:")
        .stderr_has("segmnet");
    let unsorted = text.replacen("35.0", "99.0", 1);
    client_report(&unsorted, "json")
        .code(1)
        .stderr_has("peers.json: overall:")
        .stderr_has("ascending");
    client_report("", "json")
        .code(1)
        .stderr_has("peers.json:1:");
}

#[test]
fn the_output_is_never_an_input_and_is_replaced_whole() {
    let (t, _) = with_peers();
    let mut t = t.args(&["benchmark", "build"]);
    for f in peer_files(7) {
        t = t.arg(f);
    }
    let run = t
        .args(&["-q"])
        .arg(bench("q.yaml"))
        .args(&["-o"])
        .arg(bench("peers/org3.yaml"))
        .run();
    run.code(2).stderr_has("also an input");
    // Replacing an older peers file gives the same bytes as writing a new one.
    let (t, text) = with_peers();
    let mut t = t.args(&["benchmark", "build"]);
    for f in peer_files(7) {
        t = t.arg(f);
    }
    let run = t
        .args(&["-q"])
        .arg(bench("q.yaml"))
        .args(&["-o", "peers.json", "--segment", "test peers"])
        .run()
        .success();
    assert_eq!(
        std::fs::read_to_string(run.dir.join("peers.json")).unwrap(),
        text
    );
}

#[test]
fn table_and_markdown_add_peer_median_and_percentile_columns() {
    let (_, text) = with_peers();
    for format in ["table", "markdown"] {
        let r = client_report(&text, format).success();
        let out = &r.stdout;
        assert!(out.contains("peers (median)"), "{format}:\n{out}");
        assert!(out.contains("percentile"), "{format}:\n{out}");
        assert!(
            out.contains("28.6") && out.contains("33.3") && out.contains("21.4"),
            "{format}:\n{out}"
        );
        assert!(
            out.contains("test peers") && out.contains("7 organizations"),
            "{format}:\n{out}"
        );
    }
    // Without --benchmark, no such columns.
    let plain = Test::new()
        .args(&["report"])
        .arg(bench("client.yaml"))
        .args(&["-q"])
        .arg(bench("q.yaml"))
        .args(&["-f", "markdown"])
        .run()
        .success();
    assert!(!plain.stdout.contains("peers (median)"));
}

#[test]
fn html_draws_the_quartile_band_behind_each_bar_and_on_the_radar() {
    let (_, text) = with_peers();
    let page = client_report(&text, "html").success().stdout;
    // Reach's band from Q1 40 to Q3 75, Depth's from 50 to 67.5, with the median marked.
    assert!(
        page.contains(r#"<rect class="peer-band" x="40.0" width="35.0""#),
        "{page}"
    );
    assert!(
        page.contains(r#"<rect class="peer-band" x="50.0" width="17.5""#),
        "{page}"
    );
    assert!(page.contains(r#"class="peer-median" x="55.0""#), "{page}");
    assert!(page.contains(r#"class="radar-peers""#), "{page}");
    assert!(page.contains("28.6"), "{page}");
    assert!(!page.contains("peers_check"), "no id reaches the reader");
}

#[test]
fn plan_and_compare_carry_the_benchmark() {
    let (t, _) = with_peers();
    let plan = t
        .args(&["plan"])
        .arg(bench("client.yaml"))
        .args(&["-q"])
        .arg(bench("q.yaml"))
        .args(&["--benchmark", "peers.json", "-f", "json"])
        .run()
        .success()
        .json();
    assert_eq!(plan["benchmark"]["overall"]["percentile"], 21.4);
    let (t, _) = with_peers();
    let md = t
        .args(&["plan"])
        .arg(bench("client.yaml"))
        .args(&["-q"])
        .arg(bench("q.yaml"))
        .args(&["--benchmark", "peers.json", "-f", "markdown"])
        .run()
        .success();
    assert!(md.stdout.contains("percentile"), "{}", md.stdout);
    let (t, _) = with_peers();
    let compare = t
        .args(&["compare"])
        .arg(bench("peers/org2.yaml"))
        .arg(bench("client.yaml"))
        .args(&["-q"])
        .arg(bench("q.yaml"))
        .args(&["--benchmark", "peers.json", "-f", "json"])
        .run()
        .success()
        .json();
    assert_eq!(compare["benchmark"]["dimensions"][1]["percentile"], 33.3);
    for format in ["markdown", "html", "table"] {
        let (t, _) = with_peers();
        let out = t
            .args(&["compare"])
            .arg(bench("peers/org2.yaml"))
            .arg(bench("client.yaml"))
            .args(&["-q"])
            .arg(bench("q.yaml"))
            .args(&["--benchmark", "peers.json", "-f", format])
            .run()
            .success()
            .stdout;
        assert!(
            out.contains("33.3") && out.contains("percentile"),
            "{format}:\n{out}"
        );
    }
}

/// The sources of `examples/peers/peers.json`, as `examples/peers/README.md` builds it: two of the
/// examples and the synthetic organizations (the bank is left out: it is the one compared).
fn example_peers_args() -> Vec<String> {
    let mut args: Vec<String> = ["benchmark", "build"].map(String::from).to_vec();
    for example in [
        "consumer-brand-broadcasting",
        "retailer-leapt-without-looking",
    ] {
        args.push(format!("examples/{example}.yaml"));
    }
    let mut synthetic: Vec<String> = std::fs::read_dir(root().join("examples/peers/synthetic"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml"))
        .map(|n| format!("examples/peers/synthetic/{n}"))
        .collect();
    synthetic.sort();
    args.extend(synthetic);
    args.extend(
        [
            "--segment",
            "example organizations",
            "--note",
            "Synthetic: 8 of these 10 organizations are generated (examples/peers/synthetic/); the other 2 are examples. Not real peers.",
            "-o",
            "-",
        ]
        .map(String::from),
    );
    args
}

/// Runs leapcheck at the repository's root and returns what it printed.
fn at_root(args: &[String]) -> String {
    let out = assert_cmd::Command::cargo_bin("leapcheck")
        .unwrap()
        .current_dir(root())
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The bank's documents against the committed example peers, by the path they are committed at.
fn bank_among_peers() -> Vec<(PathBuf, String)> {
    [("report", "md"), ("report", "html"), ("plan", "md")]
        .into_iter()
        .map(|(doc, ext)| {
            let format = if ext == "md" { "markdown" } else { ext };
            let args = [
                doc,
                "examples/bank-planned-not-aligned.yaml",
                "--benchmark",
                "examples/peers/peers.json",
                "-f",
                format,
            ]
            .map(String::from);
            let path = format!("examples/peers/bank-among-peers.{doc}.{ext}");
            (root().join(path), at_root(&args))
        })
        .collect()
}

/// Compares `text` with the committed file at `path`, or rewrites it when blessing; returns the
/// path when it is stale.
fn current(path: PathBuf, text: &str, bless: bool) -> Option<String> {
    if std::fs::read_to_string(&path).ok().as_deref() == Some(text) {
        return None;
    }
    if bless {
        std::fs::write(&path, text).unwrap();
        eprintln!("rewrote {}", path.display());
        return None;
    }
    Some(path.display().to_string())
}

/// `examples/peers/` is what `benchmark build` makes of its sources, and the bank's documents are
/// what leapcheck renders against it; `LEAPCHECK_BLESS=1 cargo test examples_peers` rewrites
/// them (after `cargo bench --bench generate` has rewritten the synthetic sheets, see
/// examples/peers/README.md).
#[test]
fn examples_peers_are_current() {
    let bless = std::env::var_os("LEAPCHECK_BLESS").is_some();
    let peers = root().join("examples/peers/peers.json");
    // The peers first: the documents are rendered against the file as committed.
    let mut stale: Vec<String> = current(peers, &at_root(&example_peers_args()), bless)
        .into_iter()
        .collect();
    for (path, text) in bank_among_peers() {
        stale.extend(current(path, &text, bless));
    }
    assert!(
        stale.is_empty(),
        "stale: {stale:?}; regenerate with: LEAPCHECK_BLESS=1 cargo test examples_peers"
    );
    // The file says the synthetic ones are synthetic.
    let peers = std::fs::read_to_string(root().join("examples/peers/peers.json")).unwrap();
    assert!(
        peers.contains("\"note\": \"Synthetic: 8 of these 10"),
        "{peers}"
    );
}
