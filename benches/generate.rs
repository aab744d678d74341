//! Writes a synthetic workshop to disk, for timing whole runs (README, "Performance"):
//! `LEAPCHECK_SYNTH_DIR=/tmp/w10k LEAPCHECK_SYNTH_N=10000 cargo bench --bench generate`.
//! Deterministic: the same N and seed (`LEAPCHECK_SYNTH_SEED`, default 7) give the same files.

mod synth;

use leapcheck::source::Source;
use leapcheck::{builtin, questionnaire, sheet};

fn main() {
    let var = |k: &str| std::env::var(k).ok();
    let Some(dir) = var("LEAPCHECK_SYNTH_DIR") else {
        eprintln!("set LEAPCHECK_SYNTH_DIR (and LEAPCHECK_SYNTH_N, default 1000) to write sheets");
        return;
    };
    let n: usize = var("LEAPCHECK_SYNTH_N")
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let seed: u64 = var("LEAPCHECK_SYNTH_SEED")
        .and_then(|v| v.parse().ok())
        .unwrap_or(7);
    let b = builtin::DEFAULT;
    let q = questionnaire::load(&Source::new(b.file, b.text))
        .0
        .expect("built-in loads");
    std::fs::create_dir_all(&dir).expect("create the directory");
    for (k, s) in synth::sheets(&q, n, seed).iter().enumerate() {
        let text = sheet::write::to_yaml(&q, s, "synthetic respondent");
        std::fs::write(format!("{dir}/sheet-{k:05}.yaml"), text).expect("write a sheet");
    }
    eprintln!("wrote {n} sheets to {dir}");
}
