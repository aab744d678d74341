//! A one-page starting variant of a questionnaire (`leapcheck init questionnaire --extends ID`):
//! the lines a variant needs, the ways to change its base as comments, and the base's ids to
//! change them by.

use std::fmt::Write;

use crate::questionnaire::Questionnaire;

/// The starting variant of `base`, whose `extends` line names it as `extends`.
pub fn starter(base: &Questionnaire, extends: &str) -> String {
    let mut out = format!(
        "# A variant of {reference}, {title}.\n\
         # Say only what differs from it; the rest is the base's. Items are matched by id: one\n\
         # the base has is replaced (a dimension field by field, a question, gate, pattern or\n\
         # action whole), a new id is added at the end.\n\
         # Check it with `leapcheck validate` on this file.\n\
         format: leapcheck/questionnaire@1\n\
         id: {id}_variant  # its own id and version: answer sheets name the variant\n\
         version: 1.0.0\n\
         extends: {extends}\n\
         title: {title_json}\n",
        title = base.title,
        reference = base.reference(),
        id = base.id,
        title_json =
            serde_json::to_string(&format!("{} (variant)", base.title)).unwrap_or_default(),
    );
    out.push_str(EXAMPLES);
    out.push_str(&ids(base));
    out
}

const EXAMPLES: &str = "\
# remove:                      # ids of the base to leave out
#   questions: [some_question]
#   gates: []
#   patterns: []
#   actions: []
#   dimensions: []
# dimensions:
#   - id: some_dimension       # a dimension of the base: the fields given replace its own
#     weight: 2
#     questions:               # a question of the base is replaced where it stands (give
#       - id: new_question     # every field); a new one goes at the end of the dimension
#         text: …
#         type: yes_no
# gates:                       # replaced or added by id, as are patterns and actions
#   - { id: new_gate, when: 'new_question == false', max_level: some_level, reason: … }
# patterns: []
# actions: []
";

/// The base's ids, as comments to pick from.
fn ids(q: &Questionnaire) -> String {
    let mut out = String::from("#\n# The base's ids:\n");
    for d in &q.dimensions {
        let questions: Vec<&str> = d
            .questions
            .iter()
            .map(|&i| q.questions[i].id.as_str())
            .collect();
        line(&mut out, &format!("dimension {}", d.id), &questions);
    }
    let levels: Vec<&str> = q.levels.iter().map(|x| x.id.as_str()).collect();
    let gates: Vec<&str> = q.gates.iter().map(|x| x.id.as_str()).collect();
    let patterns: Vec<&str> = q.patterns.iter().map(|x| x.id.as_str()).collect();
    let actions: Vec<&str> = q.actions.iter().map(|x| x.id.as_str()).collect();
    for (kind, list) in [
        ("levels", levels),
        ("gates", gates),
        ("patterns", patterns),
        ("actions", actions),
    ] {
        if !list.is_empty() {
            line(&mut out, kind, &list);
        }
    }
    out
}

/// `#   what: a, b, c`, wrapped as a comment.
fn line(out: &mut String, what: &str, ids: &[&str]) {
    let options = textwrap::Options::new(96)
        .initial_indent("#   ")
        .subsequent_indent("#       ");
    for l in textwrap::wrap(&format!("{what}: {}", ids.join(", ")), options) {
        let _ = writeln!(out, "{l}");
    }
}
