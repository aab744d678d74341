//! The integration tests: one binary, running the real `leapcheck` through a small builder.

mod support;

mod cli;
mod examples;
mod readme;
mod scoring;
