//! The integration tests: one binary, running the real `leapcheck` through a small builder.

mod support;

mod answers;
mod benchmark;
mod block_yaml;
mod broken;
mod browser;
mod builtin;
mod cli;
mod compare;
mod conditions;
mod docs;
mod examples;
mod extends;
mod files;
mod fuzz_corpus;
mod import;
mod interview;
mod limits;
mod plan;
mod properties;
mod readme;
mod render;
mod room;
mod scoring;
mod structure;
mod trajectory;
mod workshop;
