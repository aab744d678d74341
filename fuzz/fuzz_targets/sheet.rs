//! Loads the input as an answer sheet of the built-in questionnaire, then scores, plans and reports it; see `leapcheck_fuzz::sheet`.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        leapcheck_fuzz::sheet(text);
    }
});
