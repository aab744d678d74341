//! Lexer and parser for the condition language, producing an untyped syntax tree with byte spans.
//!
//! ```text
//! expr    := and ("or" and)*
//! and     := unary ("and" unary)*
//! unary   := "not" unary | compare
//! compare := operand (("==" | "!=" | "<" | "<=" | ">" | ">=" | "in") operand)?
//! operand := "(" expr ")" | name "(" expr ")" | name | number | "string" | true | false
//! ```

use super::ConditionError;

/// A comparison operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl CmpOp {
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        }
    }

    pub fn holds(self, a: f64, b: f64) -> bool {
        match self {
            CmpOp::Eq => a == b,
            CmpOp::Ne => a != b,
            CmpOp::Lt => a < b,
            CmpOp::Le => a <= b,
            CmpOp::Gt => a > b,
            CmpOp::Ge => a >= b,
        }
    }

    /// The operator with its operands swapped: `3 < x` is `x > 3`.
    pub fn flipped(self) -> CmpOp {
        match self {
            CmpOp::Lt => CmpOp::Gt,
            CmpOp::Le => CmpOp::Ge,
            CmpOp::Gt => CmpOp::Lt,
            CmpOp::Ge => CmpOp::Le,
            other => other,
        }
    }
}

/// Byte range of a node in the condition text.
pub type Span = (usize, usize);

/// The untyped syntax tree.
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    Or(Box<Node>, Box<Node>),
    And(Box<Node>, Box<Node>),
    Not(Box<Node>, Span),
    Compare(Box<Node>, CmpOp, Box<Node>, Span),
    In(Box<Node>, Box<Node>, Span),
    Name(String, Span),
    Call(String, Box<Node>, Span),
    Number(f64, Span),
    Str(String, Span),
    Bool(bool, Span),
}

impl Node {
    pub fn span(&self) -> Span {
        match self {
            Node::Or(a, b) | Node::And(a, b) => (a.span().0, b.span().1),
            Node::Not(_, s)
            | Node::Compare(_, _, _, s)
            | Node::In(_, _, s)
            | Node::Name(_, s)
            | Node::Call(_, _, s)
            | Node::Number(_, s)
            | Node::Str(_, s)
            | Node::Bool(_, s) => *s,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Name(String),
    Number(f64),
    Str(String),
    Op(CmpOp),
    LParen,
    RParen,
}

struct Token {
    tok: Tok,
    span: Span,
}

const MAX_DEPTH: usize = 64;
const MAX_TOKENS: usize = 1000;

/// Splits a condition into tokens, skipping white space.
fn lex(text: &str) -> Result<Vec<Token>, ConditionError> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r') {
            i += 1;
            continue;
        }
        let (tok, end) = token(text, i)?;
        out.push(Token {
            tok,
            span: (i, end),
        });
        i = end;
    }
    Ok(out)
}

/// The token that starts at byte `start`, and the byte after it; or what is wrong there.
fn token(text: &str, start: usize) -> Result<(Tok, usize), ConditionError> {
    let bytes = text.as_bytes();
    match bytes[start] {
        b'(' => Ok((Tok::LParen, start + 1)),
        b')' => Ok((Tok::RParen, start + 1)),
        b'=' | b'!' | b'<' | b'>' => operator(bytes, start),
        b'"' | b'\'' => string(text, start),
        b'0'..=b'9' | b'-' | b'.' => {
            let end = scan(bytes, start + 1, |b| b.is_ascii_digit() || b == b'.');
            let lit = &text[start..end];
            let n: f64 = lit.parse().map_err(|_| {
                ConditionError::new(
                    start,
                    format!("`{lit}` is not a number; write numbers like `3` or `2.5`"),
                )
            })?;
            Ok((Tok::Number(n), end))
        }
        c if c.is_ascii_alphabetic() || c == b'_' => {
            let end = scan(bytes, start + 1, |b| b.is_ascii_alphanumeric() || b == b'_');
            Ok((Tok::Name(text[start..end].to_string()), end))
        }
        b'&' => Err(ConditionError::new(start, "write `and` instead of `&&`")),
        b'|' => Err(ConditionError::new(start, "write `or` instead of `||`")),
        _ => {
            let ch = text[start..].chars().next().unwrap_or('?');
            Err(ConditionError::new(
                start,
                format!(
                    "unexpected `{ch}`; conditions use ids, numbers, \"strings\", ==, !=, <, <=, >, >=, in, and, or, not and parentheses"
                ),
            ))
        }
    }
}

/// The byte after the run of bytes from `from` that `keep` accepts.
fn scan(bytes: &[u8], from: usize, keep: impl Fn(u8) -> bool) -> usize {
    let mut i = from;
    while i < bytes.len() && keep(bytes[i]) {
        i += 1;
    }
    i
}

/// The comparison operator at byte `start` (`==`, `!=`, `<`, `<=`, `>`, `>=`), and the byte
/// after it; a lone `=` or `!` is refused with what to write instead.
fn operator(bytes: &[u8], start: usize) -> Result<(Tok, usize), ConditionError> {
    let two = bytes.get(start + 1) == Some(&b'=');
    let op = match (bytes[start], two) {
        (b'=', true) => CmpOp::Eq,
        (b'!', true) => CmpOp::Ne,
        (b'<', true) => CmpOp::Le,
        (b'>', true) => CmpOp::Ge,
        (b'<', false) => CmpOp::Lt,
        (b'>', false) => CmpOp::Gt,
        (b'=', false) => {
            return Err(ConditionError::new(
                start,
                "`=` is not an operator; write `==` to compare",
            ));
        }
        _ => {
            return Err(ConditionError::new(
                start,
                "`!` is not an operator; write `not` or `!=`",
            ));
        }
    };
    let len = if two { 2 } else { 1 };
    Ok((Tok::Op(op), start + len))
}

/// The string whose opening quote (`"` or `'`) is at byte `start`, and the byte after its
/// closing quote. A backslash escapes the quote or a backslash; any other is kept as written.
fn string(text: &str, start: usize) -> Result<(Tok, usize), ConditionError> {
    let bytes = text.as_bytes();
    let quote = bytes[start];
    let mut i = start + 1;
    let mut s = String::new();
    loop {
        match bytes.get(i) {
            None => {
                return Err(ConditionError::new(
                    start,
                    "this string is never closed; add the closing quote",
                ));
            }
            Some(&b) if b == quote => return Ok((Tok::Str(s), i + 1)),
            Some(b'\\') if bytes.get(i + 1) == Some(&quote) || bytes.get(i + 1) == Some(&b'\\') => {
                s.push(bytes[i + 1] as char);
                i += 2;
            }
            Some(_) => {
                let ch = text[i..].chars().next().unwrap_or('\u{fffd}');
                s.push(ch);
                i += ch.len_utf8();
            }
        }
    }
}

/// Parses a condition into its syntax tree.
pub fn parse(text: &str) -> Result<Node, ConditionError> {
    let tokens = lex(text)?;
    // Long `and`/`or` chains nest as deeply as they are long; a cap keeps every walk of the tree
    // (checking, evaluating) shallow on any input.
    if tokens.len() > MAX_TOKENS {
        return Err(ConditionError::new(
            tokens[MAX_TOKENS].span.0,
            format!(
                "the condition is too long (over {MAX_TOKENS} words and symbols); split it, e.g. into a pattern per case"
            ),
        ));
    }
    if tokens.is_empty() {
        return Err(ConditionError::new(
            0,
            "the condition is empty; write one such as `sponsor == \"executive\"`",
        ));
    }
    let mut p = ParserState {
        tokens,
        pos: 0,
        end: text.len(),
        depth: 0,
    };
    let node = p.expr()?;
    if let Some(t) = p.tokens.get(p.pos) {
        return Err(ConditionError::new(
            t.span.0,
            "unexpected text after a complete condition; join conditions with `and` or `or`",
        ));
    }
    Ok(node)
}

struct ParserState {
    tokens: Vec<Token>,
    pos: usize,
    end: usize,
    depth: usize,
}

impl ParserState {
    fn peek(&self) -> Option<&Tok> {
        self.tokens.get(self.pos).map(|t| &t.tok)
    }

    fn here(&self) -> usize {
        self.tokens.get(self.pos).map_or(self.end, |t| t.span.0)
    }

    fn keyword(&self, word: &str) -> bool {
        matches!(self.peek(), Some(Tok::Name(n)) if n == word)
    }

    fn expr(&mut self) -> Result<Node, ConditionError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(ConditionError::new(
                self.here(),
                format!("the condition nests deeper than {MAX_DEPTH} levels; simplify it"),
            ));
        }
        let mut left = self.and()?;
        while self.keyword("or") {
            self.pos += 1;
            let right = self.and()?;
            left = Node::Or(Box::new(left), Box::new(right));
        }
        self.depth -= 1;
        Ok(left)
    }

    fn and(&mut self) -> Result<Node, ConditionError> {
        let mut left = self.unary()?;
        while self.keyword("and") {
            self.pos += 1;
            let right = self.unary()?;
            left = Node::And(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn unary(&mut self) -> Result<Node, ConditionError> {
        if self.keyword("not") {
            let start = self.here();
            self.pos += 1;
            self.depth += 1;
            if self.depth > MAX_DEPTH {
                return Err(ConditionError::new(
                    start,
                    format!("the condition nests deeper than {MAX_DEPTH} levels; simplify it"),
                ));
            }
            let inner = self.unary()?;
            self.depth -= 1;
            let span = (start, inner.span().1);
            return Ok(Node::Not(Box::new(inner), span));
        }
        self.compare()
    }

    fn compare(&mut self) -> Result<Node, ConditionError> {
        let left = self.operand()?;
        match self.peek() {
            Some(Tok::Op(op)) => {
                let op = *op;
                self.pos += 1;
                let right = self.operand()?;
                let span = (left.span().0, right.span().1);
                Ok(Node::Compare(Box::new(left), op, Box::new(right), span))
            }
            Some(Tok::Name(n)) if n == "in" => {
                self.pos += 1;
                let right = self.operand()?;
                let span = (left.span().0, right.span().1);
                Ok(Node::In(Box::new(left), Box::new(right), span))
            }
            _ => Ok(left),
        }
    }

    fn operand(&mut self) -> Result<Node, ConditionError> {
        let Some(token) = self.tokens.get(self.pos) else {
            return Err(ConditionError::new(
                self.end,
                "the condition ends too early; something is missing after the last word",
            ));
        };
        let span = token.span;
        let tok = token.tok.clone();
        self.pos += 1;
        match tok {
            Tok::Number(n) => Ok(Node::Number(n, span)),
            Tok::Str(s) => Ok(Node::Str(s, span)),
            Tok::LParen => {
                let inner = self.expr()?;
                self.close(span.0)?;
                Ok(inner)
            }
            Tok::RParen => Err(ConditionError::new(
                span.0,
                "unexpected `)`; is there one too many?",
            )),
            Tok::Op(op) => Err(ConditionError::new(
                span.0,
                format!("`{}` needs a value on its left", op.symbol()),
            )),
            Tok::Name(name) => match name.as_str() {
                "true" => Ok(Node::Bool(true, span)),
                "false" => Ok(Node::Bool(false, span)),
                "and" | "or" | "in" | "not" => Err(ConditionError::new(
                    span.0,
                    format!("`{name}` needs a value before it"),
                )),
                _ if self.peek() == Some(&Tok::LParen) => {
                    let open = self.here();
                    self.pos += 1;
                    if self.peek() == Some(&Tok::RParen) {
                        let what = if name == "score" {
                            "a dimension id"
                        } else {
                            "an argument"
                        };
                        return Err(ConditionError::new(
                            span.0,
                            format!(
                                "`{name}()` needs {what} inside the parentheses, such as `score(listening)` or `answered(sponsor)`"
                            ),
                        ));
                    }
                    let arg = self.expr()?;
                    let end = self.close(open)?;
                    Ok(Node::Call(name, Box::new(arg), (span.0, end)))
                }
                _ => Ok(Node::Name(name, span)),
            },
        }
    }

    /// Expects `)`, returning the end offset.
    fn close(&mut self, open: usize) -> Result<usize, ConditionError> {
        match self.tokens.get(self.pos) {
            Some(Token {
                tok: Tok::RParen,
                span,
            }) => {
                self.pos += 1;
                Ok(span.1)
            }
            _ => Err(ConditionError::new(
                open,
                "this `(` is never closed; add `)`",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precedence_and_binds_tighter_than_or() {
        let n = parse("a == 1 or b == 2 and not c").unwrap();
        assert!(matches!(n, Node::Or(_, ref r) if matches!(**r, Node::And(..))));
    }

    #[test]
    fn errors_point_at_the_problem() {
        assert_eq!(parse("a = 1").unwrap_err().offset, 2);
        assert_eq!(parse("(a == 1").unwrap_err().offset, 0);
        assert_eq!(parse("a == ").unwrap_err().offset, 5);
        assert_eq!(parse("a == \"x").unwrap_err().offset, 5);
        assert!(parse("").is_err());
        assert!(parse("a b").is_err());
        let deep = "(".repeat(1000) + "a" + &")".repeat(1000);
        assert!(parse(&deep).is_err());
        let long = vec!["a"; 2000].join(" or ");
        assert!(parse(&long).unwrap_err().message.contains("too long"));
    }

    #[test]
    fn parses_calls_and_in() {
        let n = parse("any_unit(x >= 3) and \"s\" in tools").unwrap();
        assert!(
            matches!(n, Node::And(ref l, ref r) if matches!(**l, Node::Call(..)) && matches!(**r, Node::In(..)))
        );
    }
}
