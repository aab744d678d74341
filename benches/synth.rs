//! A synthetic workshop for benchmarks: `n` valid answer sheets for any questionnaire, with varied
//! answers, roles and units, the same for the same seed. Not a user command.

use leapcheck::index::OptionIx;
use leapcheck::interview::{set_answer, steps, without_hidden};
use leapcheck::questionnaire::{Kind, Questionnaire};
use leapcheck::sheet::{Answer, Sheet, UnitAnswers};

/// A small, fast, deterministic generator (xorshift64*).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
}

fn answer(kind: &Kind, allow_na: bool, rng: &mut Rng) -> Option<Answer> {
    match rng.below(20) {
        0 => return None,
        1 if allow_na => return Some(Answer::NotApplicable),
        _ => {}
    }
    Some(match kind {
        Kind::Choice { options } => Answer::Choice(OptionIx::new(rng.below(options.len()))),
        // An exclusive option ("None of these") stands alone, so synthetic sheets never tick it.
        Kind::Multi { options, .. } => Answer::Multi(
            OptionIx::all(options.len())
                .filter(|&o| rng.below(2) == 1 && !options[o].exclusive)
                .collect(),
        ),
        Kind::Scale { points, .. } => Answer::Number(points[rng.below(points.len())].value),
        Kind::YesNo => Answer::Bool(rng.below(2) == 1),
        Kind::Number { min, max, .. } => {
            let lo = min.unwrap_or(0.0);
            let hi = max.unwrap_or(lo + 40.0);
            Answer::Number((lo + (rng.below(1000) as f64 / 1000.0) * (hi - lo)).round())
        }
        Kind::Text => Answer::Text(format!("Free text {}", rng.below(1000))),
    })
}

/// One sheet: a respondent with a role, two or three units, answers to every visible question.
pub fn sheet(q: &Questionnaire, k: usize, rng: &mut Rng) -> Sheet {
    let mut s = Sheet::blank(q);
    s.organization = "Synthetic Savings".into();
    s.respondent.name = format!("Respondent {k}");
    s.respondent.role = (!q.roles.is_empty()).then(|| q.roles[rng.below(q.roles.len())].id.clone());
    s.date = leapcheck::date::day(2026, 1 + rng.below(12) as i8, 1 + rng.below(28) as i8);
    if q.has_units() {
        let pool: Vec<String> = if q.suggested_units.is_empty() {
            vec!["Unit A".into(), "Unit B".into(), "Unit C".into()]
        } else {
            q.suggested_units.clone()
        };
        let n = 2 + rng.below(2);
        for _ in 0..n {
            let u = pool[rng.below(pool.len())].clone();
            if !s.units.contains(&u) {
                s.units.push(u);
            }
        }
        s.unit_answers = vec![UnitAnswers::default(); s.units.len()];
    }
    for step in steps(q, &s) {
        let question = &q.questions[step.question];
        let a = answer(&question.kind, question.allow_na, rng);
        set_answer(&mut s, step, a);
    }
    without_hidden(q, &s)
}

/// `n` sheets from `seed`.
pub fn sheets(q: &Questionnaire, n: usize, seed: u64) -> Vec<Sheet> {
    let mut rng = Rng::new(seed);
    (0..n).map(|k| sheet(q, k, &mut rng)).collect()
}
