//! The HTML report in headless Chromium.
