//! A one-page starting variant of a questionnaire (`leapcheck init questionnaire --extends ID`):
//! the lines a variant needs, the ways to change its base as comments, and the base's ids to
//! change them by.

use std::fmt::Write;

use crate::questionnaire::Questionnaire;

/// The starting variant of `base`, whose `extends` line names it as `extends`.
pub fn starter(base: &Questionnaire, extends: &str) -> String {
    let mut out = format!(
        "# A variant of {title} ({reference}): say only what differs from it; the rest is the\n\
         # base's. Items are matched by id: one the base has is replaced (a dimension field by\n\
         # field, a question, gate, pattern or action whole), a new id is added at the end.\n\
         # Check it with `leapcheck validate` on this file.\n\
         format: leapcheck/questionnaire@1\n\
         id: {id}_variant               # its own id and version: answer sheets name the variant\n\
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
        let _ = writeln!(out, "#   dimension {}: {}", d.id, questions.join(", "));
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
            let _ = writeln!(out, "#   {kind}: {}", list.join(", "));
        }
    }
    out
}
