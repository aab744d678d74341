//! Typed indices into the questionnaire's and the sheet's lists.
//!
//! Once ids are resolved, the model refers to its dimensions, questions, options, units, levels,
//! gates, patterns and actions by position. Each kind of position has its own type here, so a
//! question's index cannot be passed where a level's is expected, and a list of the model takes
//! the index of its own kind (`q.levels[level]`, `sheet.answers[question]`) and no other. A list
//! is made indexable by a kind with `indexed_by!`, next to its element type (lists of plain
//! values at the end of this module). Typed indices come from the lists themselves:
//! `LevelIx::all(n)`, `QuestionIx::enumerate(&q.questions)`, `GateIx::position(&q.gates, …)`.
//!
//! The order of indices is the order of the list (the order of the file), which is what sorting
//! and comparing them mean. Views that show an index keep it a plain number (`get`), and so do
//! the few algorithms over plain positions (the dependency cycle search).

macro_rules! index_type {
    ($($(#[$doc:meta])* $name:ident;)+) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(usize);

        impl $name {
            /// The index at position `i` of its list.
            pub const fn new(i: usize) -> Self {
                Self(i)
            }

            /// The position as a plain number.
            pub const fn get(self) -> usize {
                self.0
            }

            /// Every index of a list of `n`, in order.
            pub fn all(
                n: usize,
            ) -> impl DoubleEndedIterator<Item = Self> + ExactSizeIterator + Clone {
                (0..n).map(Self)
            }

            /// The list's items with their indices, in order.
            pub fn enumerate<T>(
                items: &[T],
            ) -> impl DoubleEndedIterator<Item = (Self, &T)> + ExactSizeIterator + Clone {
                items.iter().enumerate().map(|(i, x)| (Self(i), x))
            }

            /// The index of the first item that `found` accepts.
            pub fn position<T>(items: &[T], found: impl FnMut(&T) -> bool) -> Option<Self> {
                items.iter().position(found).map(Self)
            }

            /// The index after this one.
            pub const fn next(self) -> Self {
                Self(self.0 + 1)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    )+};
}

index_type! {
    /// A dimension of the questionnaire.
    DimensionIx;
    /// A question, in file order across all dimensions.
    QuestionIx;
    /// An option of a choice or multi question.
    OptionIx;
    /// A business unit of one sheet (or of a room's consensus sheet), in the sheet's order.
    UnitIx;
    /// A level of the maturity ladder, lowest first.
    LevelIx;
    /// A gate of the questionnaire.
    GateIx;
    /// A pattern (trap) of the questionnaire.
    PatternIx;
    /// An action of the questionnaire.
    ActionIx;
}

/// Lets lists of the given element types (as `Vec` and as slices) be indexed by an index type:
/// `indexed_by!(LevelIx => Level, …)`. Used next to the element types; lists of plain values
/// are indexed below.
macro_rules! indexed_by {
    ($ix:ty => $($elem:ty),+ $(,)?) => {$(
        impl std::ops::Index<$ix> for [$elem] {
            type Output = $elem;
            fn index(&self, i: $ix) -> &$elem {
                &self[i.get()]
            }
        }

        impl std::ops::IndexMut<$ix> for [$elem] {
            fn index_mut(&mut self, i: $ix) -> &mut $elem {
                &mut self[i.get()]
            }
        }

        impl std::ops::Index<$ix> for Vec<$elem> {
            type Output = $elem;
            fn index(&self, i: $ix) -> &$elem {
                &self[i.get()]
            }
        }

        impl std::ops::IndexMut<$ix> for Vec<$elem> {
            fn index_mut(&mut self, i: $ix) -> &mut $elem {
                &mut self[i.get()]
            }
        }
    )+};
}

pub(crate) use indexed_by;

// Lists of plain values: a question's option values and a sheet's unit names; which questions
// are shown (per unit), and each question's show_if dependencies; dimension scores; where each
// workshop unit sits in a respondent's own units.
indexed_by!(OptionIx => String);
indexed_by!(UnitIx => String, Vec<bool>, Option<UnitIx>);
indexed_by!(QuestionIx => bool, Vec<QuestionIx>);
indexed_by!(DimensionIx => Option<f64>);
