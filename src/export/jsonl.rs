//! JSON Lines for any other tool: one passage a line, the citation fields of a
//! `search --format jsonl` hit with the passage text and id.

use super::document::Document;

/// The line of one passage.
pub(crate) fn record(doc: &Document, out: &mut Vec<u8>) -> serde_json::Result<()> {
    crate::print::json_line(&mut *out, doc)?;
    out.push(b'\n');
    Ok(())
}
