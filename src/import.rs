//! Survey imports: a CSV export and a mapping file become answer sheets.

use crate::questionnaire::Questionnaire;

/// A starting mapping for `q`, written by `leapcheck init mapping`.
pub fn starting_mapping(q: &Questionnaire) -> String {
    format!("# mapping for {} (not implemented yet)\n", q.reference())
}
