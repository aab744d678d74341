//! docs/templates.md documents every field of the template context.
