//! The interview's prompts on a real terminal. Lists are drawn here (dialoguer's themes give
//! them their look) so that digits can pick a numbered answer, long labels wrap to the window
//! and a line of keys sits under every list; yes/no and typed lines are dialoguer's prompts.
//! Esc (or `q` in a list) goes back; Ctrl-C stops with everything saved.

use std::fmt::Write as _;

use dialoguer::console::{Key, Term, measure_text_width, style};
use dialoguer::theme::{ColorfulTheme, SimpleTheme, Theme};
use dialoguer::{Confirm, Input};

use super::{Asked, Asker, SHOW_HELP, Stop};

/// Turns a terminal error into a [`Stop`]: Ctrl-C into [`Stop::Interrupted`], with the cursor
/// shown again.
fn stop(term: &Term, e: std::io::Error) -> Stop {
    let _ = term.show_cursor();
    if e.kind() == std::io::ErrorKind::Interrupted {
        Stop::Interrupted
    } else {
        Stop::Terminal(e)
    }
}

fn check<T>(term: &Term, r: dialoguer::Result<T>) -> Asked<T> {
    r.map_err(|dialoguer::Error::IO(e)| stop(term, e))
}

/// The width to wrap to: the window's, less one column so that a full line never makes the
/// terminal wrap on its own; 80 when the size is unknown.
pub fn width(term: &Term) -> usize {
    match term.size_checked() {
        Some((_, cols)) if cols > 20 => usize::from(cols) - 1,
        Some(_) => 20,
        None => 79,
    }
}

pub use crate::text::wrap;

/// `text` wrapped to the width of stderr's terminal, as everything the interview says is.
pub fn fit(text: &str) -> String {
    wrap(text, width(&Term::stderr()), 0)
}

/// Prompts on stderr's terminal.
pub struct Terminal {
    theme: Box<dyn Theme>,
    term: Term,
    color: bool,
}

impl Terminal {
    pub fn new(color: bool) -> Terminal {
        Terminal {
            theme: if color {
                Box::new(ColorfulTheme::default())
            } else {
                Box::new(SimpleTheme)
            },
            term: Term::stderr(),
            color,
        }
    }

    fn dim(&self, text: &str) -> String {
        if self.color {
            style(text).dim().to_string()
        } else {
            text.to_string()
        }
    }
}

/// One list prompt: a single pick (`ticks` is `None`) or ticks.
struct List<'a> {
    prompt: &'a str,
    items: &'a [String],
    ticks: Option<Vec<bool>>,
    at: usize,
    /// Digits typed so far, to pick a numbered item.
    digits: String,
}

/// The number an item's label starts with (`2 — Partly true`), if it is numbered.
fn number_of(label: &str) -> Option<&str> {
    let end = label.find(|c: char| !c.is_ascii_digit())?;
    (end > 0 && label[end..].starts_with(" — ")).then(|| &label[..end])
}

/// What a key did to a list.
enum Moved {
    Stay,
    Done,
    Back,
}

impl List<'_> {
    /// The keys a list answers to, for the line under it.
    fn keys(&self) -> String {
        let numbered: Vec<&str> = self.items.iter().filter_map(|i| number_of(i)).collect();
        let mut keys = vec!["↑↓ move"];
        if self.yes_no().is_some() {
            keys.push("y/n pick");
        }
        let digits;
        if let (Some(first), Some(last)) = (numbered.first(), numbered.last()) {
            digits = format!("{first}–{last} pick");
            keys.push(&digits);
        }
        if self.ticks.is_some() {
            keys.extend(["space tick", "enter next"]);
        } else {
            keys.push("enter choose");
        }
        keys.extend(["esc back", "ctrl-c save and stop"]);
        keys.join(" · ")
    }

    fn key(&mut self, key: Key) -> Moved {
        let n = self.items.len();
        match key {
            Key::ArrowUp | Key::Char('k') | Key::BackTab => self.at = (self.at + n - 1) % n,
            Key::ArrowDown | Key::Char('j') | Key::Tab => self.at = (self.at + 1) % n,
            Key::Home => self.at = 0,
            Key::End => self.at = n - 1,
            Key::Enter => return Moved::Done,
            Key::Escape | Key::Char('q') => return Moved::Back,
            Key::Char(' ') => {
                if let Some(t) = &mut self.ticks {
                    t[self.at] = !t[self.at];
                }
            }
            Key::Char(d) if d.is_ascii_digit() => return self.digit(d),
            Key::Char(c @ ('y' | 'n')) if self.ticks.is_none() => {
                if let Some((yes, no)) = self.yes_no() {
                    self.at = if c == 'y' { yes } else { no };
                    return Moved::Done;
                }
            }
            _ => {}
        }
        self.digits.clear();
        Moved::Stay
    }

    /// Where "Yes" and "No" are, in a list that offers both.
    fn yes_no(&self) -> Option<(usize, usize)> {
        let at = |label: &str| self.items.iter().position(|i| i == label);
        at("Yes").zip(at("No"))
    }

    /// A digit: goes to the item numbered with the digits typed so far. In a single pick, an
    /// item that no longer number could continue is chosen at once.
    fn digit(&mut self, d: char) -> Moved {
        self.digits.push(d);
        let starts = |prefix: &str| {
            self.items
                .iter()
                .enumerate()
                .filter(|(_, i)| number_of(i).is_some_and(|x| x.starts_with(prefix)))
                .map(|(k, _)| k)
                .collect::<Vec<_>>()
        };
        let mut found = starts(&self.digits);
        if found.is_empty() {
            self.digits = d.to_string();
            found = starts(&self.digits);
        }
        let exact = found
            .iter()
            .copied()
            .find(|&k| number_of(&self.items[k]) == Some(self.digits.as_str()));
        match exact {
            Some(k) => {
                self.at = k;
                if found.len() == 1 && self.ticks.is_none() {
                    return Moved::Done;
                }
                if let (1, Some(t)) = (found.len(), &mut self.ticks) {
                    t[k] = !t[k];
                    self.digits.clear();
                }
            }
            None => self.digits.clear(),
        }
        Moved::Stay
    }

    /// The list as lines, each within `width`.
    fn draw(&self, theme: &dyn Theme, width: usize, footer: &str) -> String {
        let mut out = String::new();
        // Room for the theme's marks around the prompt ("? … ›").
        let prompt = wrap(self.prompt, width.saturating_sub(4), 0);
        let _ = match &self.ticks {
            Some(_) => theme.format_multi_select_prompt(&mut out, &prompt),
            None => theme.format_select_prompt(&mut out, &prompt),
        };
        // Continuation lines start under the label: as far in as the theme's marks reach.
        let mut marks = String::new();
        let _ = match &self.ticks {
            Some(_) => theme.format_multi_select_prompt_item(&mut marks, "", false, false),
            None => theme.format_select_prompt_item(&mut marks, "", false),
        };
        let indent = measure_text_width(&marks);
        for (k, item) in self.items.iter().enumerate() {
            let text = wrap(item, width.saturating_sub(indent), indent);
            out.push('\n');
            let _ = match &self.ticks {
                Some(t) => {
                    theme.format_multi_select_prompt_item(&mut out, &text, t[k], k == self.at)
                }
                None => theme.format_select_prompt_item(&mut out, &text, k == self.at),
            };
        }
        let _ = write!(out, "\n{footer}");
        out
    }
}

impl Terminal {
    /// Draws `list` and reads keys until it is done (the picks) or left (`None`).
    fn run(&mut self, mut list: List) -> Asked<Option<Vec<usize>>> {
        let width = width(&self.term);
        let footer = self.dim(&wrap(&list.keys(), width, 0));
        let term = self.term.clone();
        let lines = |text: &str| text.lines().count();
        term.hide_cursor().map_err(|e| stop(&term, e))?;
        let mut shown = list.draw(self.theme.as_ref(), width, &footer);
        term.write_line(&shown).map_err(|e| stop(&term, e))?;
        loop {
            let key = term.read_key().map_err(|e| stop(&term, e))?;
            let moved = list.key(key);
            term.clear_last_lines(lines(&shown))
                .map_err(|e| stop(&term, e))?;
            match moved {
                Moved::Stay => {
                    shown = list.draw(self.theme.as_ref(), width, &footer);
                    term.write_line(&shown).map_err(|e| stop(&term, e))?;
                }
                Moved::Back => {
                    term.show_cursor().map_err(|e| stop(&term, e))?;
                    return Ok(None);
                }
                Moved::Done => {
                    term.show_cursor().map_err(|e| stop(&term, e))?;
                    let picked: Vec<usize> = match &list.ticks {
                        Some(t) => (0..t.len()).filter(|&k| t[k]).collect(),
                        None => vec![list.at],
                    };
                    self.report(&list, &picked)?;
                    return Ok(Some(picked));
                }
            }
        }
    }

    /// The line a finished list leaves behind: the prompt and what was picked. Asking for help
    /// is not an answer and leaves none.
    fn report(&mut self, list: &List, picked: &[usize]) -> Asked<()> {
        let labels: Vec<&str> = picked.iter().map(|&k| list.items[k].as_str()).collect();
        if labels.contains(&SHOW_HELP) {
            return Ok(());
        }
        let mut out = String::new();
        let _ = match &list.ticks {
            Some(_) => {
                self.theme
                    .format_multi_select_prompt_selection(&mut out, list.prompt, &labels)
            }
            None => self
                .theme
                .format_select_prompt_selection(&mut out, list.prompt, labels[0]),
        };
        self.say(&out)
    }
}

impl Asker for Terminal {
    fn say(&mut self, text: &str) -> Asked<()> {
        let text = wrap(text, width(&self.term), 0);
        self.term.write_line(&text)?;
        Ok(())
    }

    fn select(&mut self, prompt: &str, items: &[String], default: usize) -> Asked<Option<usize>> {
        let list = List {
            prompt,
            items,
            ticks: None,
            at: default.min(items.len().saturating_sub(1)),
            digits: String::new(),
        };
        Ok(self.run(list)?.map(|picked| picked[0]))
    }

    fn multi(
        &mut self,
        prompt: &str,
        items: &[String],
        checked: &[bool],
    ) -> Asked<Option<Vec<usize>>> {
        let mut ticks = checked.to_vec();
        ticks.resize(items.len(), false);
        let list = List {
            prompt,
            items,
            ticks: Some(ticks),
            at: 0,
            digits: String::new(),
        };
        self.run(list)
    }

    fn confirm(&mut self, prompt: &str, default: Option<bool>) -> Asked<Option<bool>> {
        let keys = "y yes · n no · esc back · ctrl-c save and stop";
        let mut c = Confirm::with_theme(self.theme.as_ref())
            .with_prompt(format!("{prompt} {}", self.dim(&format!("({keys})"))));
        if let Some(d) = default {
            c = c.default(d);
        }
        let r = c.interact_on_opt(&self.term);
        check(&self.term, r)
    }

    fn input(
        &mut self,
        prompt: &str,
        default: &str,
        valid: &dyn Fn(&str) -> Result<(), String>,
    ) -> Asked<String> {
        let r = Input::<String>::with_theme(self.theme.as_ref())
            .with_prompt(prompt)
            .with_initial_text(default)
            .allow_empty(true)
            .validate_with(|s: &String| valid(s))
            .interact_text_on(&self.term);
        check(&self.term, r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(items: &[String], ticks: Option<Vec<bool>>) -> List<'_> {
        List {
            prompt: "p",
            items,
            ticks,
            at: 0,
            digits: String::new(),
        }
    }

    #[test]
    fn digits_pick_numbered_items() {
        let items: Vec<String> = (0..=10)
            .map(|k| format!("{k} — step {k}"))
            .chain(["Skip for now".to_string()])
            .collect();
        let mut l = list(&items, None);
        // "3" can only be 3: chosen at once.
        assert!(matches!(l.key(Key::Char('3')), Moved::Done));
        assert_eq!(l.at, 3);
        // "1" may begin 10: it waits on 1; "0" then makes 10.
        let mut l = list(&items, None);
        assert!(matches!(l.key(Key::Char('1')), Moved::Stay));
        assert_eq!(l.at, 1);
        assert!(matches!(l.key(Key::Char('0')), Moved::Done));
        assert_eq!(l.at, 10);
        // In a tick list a digit ticks.
        let mut l = list(&items[..4], Some(vec![false; 4]));
        l.key(Key::Char('2'));
        assert_eq!(l.ticks, Some(vec![false, false, true, false]));
        assert_eq!(number_of("12 — a"), Some("12"));
        assert_eq!(number_of("12 a"), None);
        assert_eq!(number_of("Skip"), None);
    }

    #[test]
    fn y_and_n_answer_a_yes_no_list_which_still_offers_skip() {
        let items: Vec<String> = ["Yes", "No", "Skip for now (leave unanswered)"]
            .map(String::from)
            .to_vec();
        let mut l = list(&items, None);
        assert!(matches!(l.key(Key::Char('n')), Moved::Done));
        assert_eq!(l.at, 1);
        assert!(l.keys().contains("y/n pick"));
        // In a list without yes and no, n does nothing.
        let others: Vec<String> = ["Email", "Phone"].map(String::from).to_vec();
        let mut l = list(&others, None);
        assert!(matches!(l.key(Key::Char('n')), Moved::Stay));
    }
}
