//! Imports the input as a survey CSV with `examples/survey-mapping.yaml`; see `leapcheck_fuzz::import`.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        leapcheck_fuzz::import(text);
    }
});
