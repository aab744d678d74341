//! The integration tests: one binary, running the real `leapcheck` through a small builder.

mod support;

mod broken;
mod builtin;
mod cli;
mod conditions;
mod examples;
mod plan;
mod readme;
mod scoring;
