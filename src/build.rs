//! The build script (not a module of the library). It writes each built-in questionnaire
//! (`questionnaires/*.yaml`) out as JSON for the binary to embed beside its YAML: every run that
//! uses a built-in starts by loading it, and reading JSON takes a fraction of the time reading
//! YAML does. The YAML stays the source, and is still what `leapcheck questionnaires <id>` prints
//! and what error positions point into; a test checks that both read to the same value.

use std::path::{Path, PathBuf};

fn main() {
    println!("cargo::rerun-if-changed=questionnaires");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let mut files: Vec<PathBuf> = std::fs::read_dir("questionnaires")
        .expect("the questionnaires directory")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    for path in files {
        println!("cargo::rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path).expect("a readable questionnaire");
        // A built-in that does not parse is reported with its position by the questionnaire's
        // own tests; here it is written as `null`, which the loader ignores.
        let json = match serde_yaml::from_str::<serde_yaml::Value>(&text) {
            Ok(value) => serde_json::to_string(&value).unwrap_or_else(|_| "null".into()),
            Err(_) => "null".into(),
        };
        let name = Path::new(path.file_name().expect("a file name")).with_extension("json");
        std::fs::write(out.join(name), json).expect("write to OUT_DIR");
    }
}
