//! Printers for the sources of a quote: text for reading (where, how closely, the matched span
//! with its words marked, what differs), JSON and JSON Lines for scripts.

use super::hits::{header, paint, Marks, MATCH};
use super::terminal_text;
use super::window::{window, WINDOW_CHARS};
use crate::highlight::Span;
use crate::quote::{DiffOp, Op};
use crate::trace::{QuoteHit, TraceResult};
use std::io::{self, Write};

const DELETED: &str = "\x1b[31m";
const INSERTED: &str = "\x1b[32m";

/// Words of an unchanged run kept on each side of a change in the diff line.
const DIFF_CONTEXT: usize = 3;

/// The sources for reading: `rank. path:line  title (source, date)`, the score and coverage, the
/// matched span in its passage, and the diff.
pub fn text(out: &mut dyn Write, result: &TraceResult, marks: Marks) -> io::Result<()> {
    for hit in &result.hits {
        let header = header(
            marks,
            hit.rank,
            &crate::hit::cited(&hit.citation.path, hit.citation.record),
            hit.citation.line,
            [
                &hit.citation.title,
                &hit.citation.source,
                &hit.citation.date,
            ],
        );
        writeln!(out, "{header}")?;
        let over = if hit.passages.len() > 1 {
            format!(", over {} passages", hit.passages.len())
        } else {
            String::new()
        };
        writeln!(
            out,
            "   coverage {:.2}  score {:.2}{over}",
            hit.coverage, hit.score
        )?;
        writeln!(out, "   {}", span_text(hit, marks))?;
        if hit.diff.iter().any(|d| d.op != Op::Equal) {
            writeln!(out, "   diff: {}", diff_text(&hit.diff, marks))?;
        } else {
            writeln!(out, "   diff: none (the quote as written)")?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// The matched span with some context, its matching words marked, line breaks between joined
/// passages shown as ` ¶ `.
fn span_text(hit: &QuoteHit, marks: Marks) -> String {
    let span_chars = hit.text[hit.span.start..hit.span.end].chars().count();
    let w = window(
        &hit.text,
        &[hit.span],
        WINDOW_CHARS.max(span_chars + WINDOW_CHARS / 4),
    );
    let (start, end) = (w.start.min(hit.span.start), w.end.max(hit.span.end));
    let mut s = String::new();
    if start > 0 {
        s.push_str("… ");
    }
    let mut at = start;
    for &Span { start: a, end: b } in &hit.highlights {
        if a < at || b > end {
            continue;
        }
        s.push_str(&terminal_text(&hit.text[at..a]));
        let matched = terminal_text(&hit.text[a..b]);
        match marks {
            Marks::Color => s.push_str(&paint(marks, MATCH, &matched)),
            Marks::Plain => {
                s.push_str("**");
                s.push_str(&matched);
                s.push_str("**");
            }
            Marks::Bare => s.push_str(&matched),
        }
        at = b;
    }
    s.push_str(&terminal_text(&hit.text[at..end]));
    if end < hit.text.len() {
        s.push_str(" …");
    }
    s.replace('\n', " ¶ ")
}

/// The diff in one line, `[-source words-] {+quote words+}`, long unchanged runs shortened.
pub fn diff_text(diff: &[DiffOp], marks: Marks) -> String {
    // Whitespace splits the words below, so only the other controls are left to replace.
    let diff: Vec<DiffOp> = diff
        .iter()
        .map(|d| DiffOp {
            op: d.op,
            quote: terminal_text(&d.quote).into_owned(),
            source: terminal_text(&d.source).into_owned(),
        })
        .collect();
    let mut parts: Vec<String> = Vec::new();
    for (k, d) in diff.iter().enumerate() {
        match d.op {
            Op::Equal => {
                let words: Vec<&str> = d.quote.split_whitespace().collect();
                // Context after the change before this run, and before the change after it.
                let after_change = if k > 0 { DIFF_CONTEXT } else { 0 };
                let before_change = if k + 1 < diff.len() { DIFF_CONTEXT } else { 0 };
                if words.len() > after_change + before_change + 1 {
                    let mut shown: Vec<&str> = words[..after_change].to_vec();
                    shown.push("…");
                    shown.extend_from_slice(&words[words.len() - before_change..]);
                    parts.push(shown.join(" "));
                } else {
                    parts.push(words.join(" "));
                }
            }
            Op::Delete | Op::Insert | Op::Replace => {
                let mut change = Vec::new();
                if !d.source.is_empty() {
                    let s = d.source.split_whitespace().collect::<Vec<_>>().join(" ");
                    change.push(paint(marks, DELETED, &format!("[-{s}-]")));
                }
                if !d.quote.is_empty() {
                    let q = d.quote.split_whitespace().collect::<Vec<_>>().join(" ");
                    change.push(paint(marks, INSERTED, &format!("{{+{q}+}}")));
                }
                parts.push(change.join(" "));
            }
        }
    }
    parts.retain(|p| !p.is_empty());
    parts.join(" ")
}

/// One JSON object: `quote`, `total`, `took_ms`, `hits`.
pub fn json(out: &mut dyn Write, result: &TraceResult) -> io::Result<()> {
    super::json_document(out, result)
}

/// One JSON object per source, one per line.
pub fn jsonl(out: &mut dyn Write, result: &TraceResult) -> io::Result<()> {
    super::json_lines(out, &result.hits)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn op(op: Op, quote: &str, source: &str) -> DiffOp {
        DiffOp {
            op,
            quote: quote.into(),
            source: source.into(),
        }
    }

    #[test]
    fn diff_line_keeps_context_around_changes_only() {
        let diff = [
            op(Op::Equal, "one two three four five six seven", "x"),
            op(Op::Replace, "state", "government"),
            op(Op::Equal, "nor would we", "x"),
            op(Op::Replace, "…", "do so if"),
            op(Op::Equal, "asked", "x"),
        ];
        assert_eq!(
            diff_text(&diff, Marks::Plain),
            "… five six seven [-government-] {+state+} nor would we [-do so if-] {+…+} asked"
        );
    }
}
