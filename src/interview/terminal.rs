//! The interview's prompts on a real terminal, with dialoguer. Esc (or `q` in a list) goes back.

use dialoguer::theme::{ColorfulTheme, SimpleTheme, Theme};
use dialoguer::{Confirm, Input, MultiSelect, Select};

use super::{Asked, Asker, Stop};

/// Turns dialoguer's error for Ctrl-C into [`Stop::Interrupted`], with the cursor shown again.
fn check<T>(term: &dialoguer::console::Term, r: dialoguer::Result<T>) -> Asked<T> {
    match r {
        Ok(v) => Ok(v),
        Err(dialoguer::Error::IO(e)) => {
            let _ = term.show_cursor();
            if e.kind() == std::io::ErrorKind::Interrupted {
                Err(Stop::Interrupted)
            } else {
                Err(Stop::Terminal(e))
            }
        }
    }
}

/// Prompts on stderr's terminal.
pub struct Terminal {
    theme: Box<dyn Theme>,
    term: dialoguer::console::Term,
}

impl Terminal {
    pub fn new(color: bool) -> Terminal {
        Terminal {
            theme: if color {
                Box::new(ColorfulTheme::default())
            } else {
                Box::new(SimpleTheme)
            },
            term: dialoguer::console::Term::stderr(),
        }
    }
}

impl Asker for Terminal {
    fn say(&mut self, text: &str) -> Asked<()> {
        self.term.write_line(text)?;
        Ok(())
    }

    fn select(&mut self, prompt: &str, items: &[String], default: usize) -> Asked<Option<usize>> {
        let r = Select::with_theme(self.theme.as_ref())
            .with_prompt(prompt)
            .items(items)
            .default(default)
            .interact_on_opt(&self.term);
        check(&self.term, r)
    }

    fn multi(
        &mut self,
        prompt: &str,
        items: &[String],
        checked: &[bool],
    ) -> Asked<Option<Vec<usize>>> {
        let r = MultiSelect::with_theme(self.theme.as_ref())
            .with_prompt(format!("{prompt} (space: pick, enter: done)"))
            .items(items)
            .defaults(checked)
            .interact_on_opt(&self.term);
        check(&self.term, r)
    }

    fn confirm(&mut self, prompt: &str, default: Option<bool>) -> Asked<Option<bool>> {
        let mut c = Confirm::with_theme(self.theme.as_ref()).with_prompt(prompt);
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
