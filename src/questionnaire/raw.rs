//! The questionnaire file as written: serde structs that reject unknown fields.
//!
//! List items are wrapped in [`Item`], which keeps a broken item's error instead of failing the
//! whole file, so one run reports a problem in every item that has one.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde::de::DeserializeOwned;

pub use crate::source::ItemError;

/// A list item that may have failed to deserialize; the error is kept for the report.
#[derive(Debug)]
pub struct Item<T>(pub Result<T, ItemError>);

impl<'de, T: DeserializeOwned> Deserialize<'de> for Item<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let value = serde_yaml::Value::deserialize(d)?;
        let id = value.get("id").and_then(|v| v.as_str()).map(str::to_string);
        Ok(Item(serde_path_to_error::deserialize(value).map_err(|e| {
            let field = e.path().to_string();
            ItemError {
                field: if field == "." { String::new() } else { field },
                message: e.into_inner().to_string(),
                id,
            }
        })))
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuestionnaire {
    pub format: String,
    // Required, but defaulted so that every missing one is reported, not just the first.
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub version: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub disagreement_threshold: Option<f64>,
    /// Settings of the leap plan.
    #[serde(default)]
    pub plan: RawPlanSettings,
    #[serde(default)]
    pub scales: BTreeMap<String, Vec<Item<RawScalePoint>>>,
    #[serde(default)]
    pub roles: Vec<Item<RawRole>>,
    #[serde(default)]
    pub units: RawUnits,
    #[serde(default)]
    pub levels: Vec<Item<RawLevel>>,
    #[serde(default)]
    pub dimensions: Vec<Item<RawDimension>>,
    #[serde(default)]
    pub gates: Vec<Item<RawGate>>,
    #[serde(default)]
    pub patterns: Vec<Item<RawPattern>>,
    #[serde(default)]
    pub actions: Vec<Item<RawAction>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawScalePoint {
    pub value: f64,
    pub label: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRole {
    pub id: String,
    pub name: String,
    pub group: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawUnits {
    #[serde(default)]
    pub suggested: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLevel {
    pub id: String,
    pub name: String,
    pub min_score: f64,
    #[serde(default)]
    pub summary: String,
    pub source: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDimension {
    pub id: String,
    pub name: String,
    pub weight: Option<f64>,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub per_unit: bool,
    pub source: Option<String>,
    #[serde(default)]
    pub questions: Vec<Item<RawQuestion>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuestion {
    pub id: String,
    pub text: String,
    /// A few words for a column header, where the whole text does not fit.
    pub short: Option<String>,
    pub help: Option<String>,
    #[serde(rename = "type")]
    pub kind: String,
    pub options: Option<Vec<RawOption>>,
    pub scale: Option<String>,
    pub bands: Option<Vec<RawBand>>,
    pub max_points: Option<f64>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub weight: Option<f64>,
    pub show_if: Option<String>,
    pub allow_na: Option<bool>,
    /// A number question whose answer is a whole number (a count of people).
    pub integer: Option<bool>,
    /// The roles that are asked this question; for everyone else it is not asked and not
    /// counted. Empty: everyone.
    #[serde(default)]
    pub roles: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOption {
    pub value: String,
    pub label: Option<String>,
    #[serde(default)]
    pub points: f64,
    /// In a multi-select, an option that stands alone ("None yet"): no other may be ticked with it.
    #[serde(default)]
    pub exclusive: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBand {
    pub min: f64,
    pub points: f64,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPlanSettings {
    /// The most actions a phase holds; further ones move to a later phase.
    pub max_per_phase: Option<i64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawGate {
    pub id: String,
    /// What readers see: a few words ("Nobody owns inbound messages").
    pub title: Option<String>,
    pub when: String,
    pub max_level: String,
    #[serde(default)]
    pub reason: String,
    pub source: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPattern {
    pub id: String,
    pub name: String,
    pub when: String,
    #[serde(default)]
    pub description: String,
    /// Actions that answer this trap: they come right after the gate-lifting ones.
    #[serde(default)]
    pub actions: Vec<String>,
    pub source: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAction {
    pub id: String,
    pub title: String,
    pub dimension: String,
    pub when: Option<String>,
    /// Read as any whole number, so that `-5` is told it must be 1, 2 or 3.
    pub impact: i64,
    pub effort: i64,
    pub phase: Option<String>,
    #[serde(default)]
    pub after: Vec<String>,
    #[serde(default)]
    pub clears: Vec<String>,
    pub owner: Option<String>,
    #[serde(default)]
    pub steps: Vec<String>,
    pub measure: Option<String>,
    pub why: Option<String>,
    pub source: Option<String>,
    /// The answers that hold once the action is done (`question: value`), for the trajectory.
    #[serde(default)]
    pub raises: serde_yaml::Mapping,
}
