//! The peers' quartile band, seen in a browser: behind each dimension's bar and on the radar at
//! 1280 pixels, behind the bars at 390 (where the radar gives way to them) without any sideways
//! scroll.

use super::harness::*;
use crate::support::{Test, root};

/// The band's colour in the style sheet (`--peer-band`), light and dark.
const BAND: [[u8; 3]; 2] = [[0xc9, 0xb2, 0x7c], [0x8a, 0x74, 0x40]];
/// The radar's band: the same colour at 55 % over the light page's white.
const RADAR_BAND: [u8; 3] = [225, 213, 183];

/// Pixels within a few levels of `colour`.
fn count(shot: &Image, colour: [u8; 3]) -> usize {
    let near = |p: &[u8; 3]| (0..3).all(|k| p[k].abs_diff(colour[k]) <= 3);
    shot.pixels.iter().filter(|p| near(p)).count()
}

/// The bank's report against the example peers, as HTML in a test directory.
fn report() -> crate::support::Run {
    Test::new()
        .arg("report")
        .arg(root().join(BANK))
        .arg("--benchmark")
        .arg(root().join("examples/peers/peers.json"))
        .args(&["-o", "out.html"])
        .run()
        .success()
}

#[test]
fn the_quartile_band_shows_on_a_desktop_and_a_phone() {
    let Some(browser) = Browser::find() else {
        return;
    };
    let run = report();
    let page = run.dir.join("out.html");
    let wide = browser.screenshot(&page, (1280, 5000));
    let bars = BAND.iter().map(|&c| count(&wide, c)).sum::<usize>();
    assert!(
        bars > 200,
        "bands behind the bars at 1280 px: {bars} pixels"
    );
    let radar = count(&wide, RADAR_BAND);
    assert!(radar > 2000, "band on the radar at 1280 px: {radar} pixels");

    let phone = browser.screenshot(&page, (390, 12000));
    let bars = BAND.iter().map(|&c| count(&phone, c)).sum::<usize>();
    assert!(bars > 100, "bands behind the bars at 390 px: {bars} pixels");
    let rows = phone.rows_overflowing_right(6);
    assert!(
        rows.is_empty(),
        "content reaches the right edge at 390 px in {} rows",
        rows.len()
    );
}
