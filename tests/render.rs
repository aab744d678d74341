//! Rendering: Markdown and HTML templates, custom templates, determinism, committed example reports.
