//! Loads the input as a questionnaire; see `leapcheck_fuzz::questionnaire`.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        leapcheck_fuzz::questionnaire(text);
    }
});
