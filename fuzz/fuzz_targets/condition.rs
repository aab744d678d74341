//! Parses the input as a condition, type-checks it against the built-in questionnaire and evaluates it; see `leapcheck_fuzz::condition`.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        leapcheck_fuzz::condition(text);
    }
});
