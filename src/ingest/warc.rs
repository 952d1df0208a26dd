//! WARC records (ISO 28500: Heritrix, Browsertrix, `wget --warc-file`, Common Crawl): each
//! `response` or `resource` record whose payload is an HTML or text page is an article, cited
//! by its number among all the file's records; requests, metadata and non-text payloads are
//! counted ([`Records::not_articles`]) but not read. A record whose `Content-Length` is wrong is a bad record, and reading
//! goes on at the next record header.
//!
//! Written here rather than with the `warc` crate: its reader stops at the first malformed
//! record, where a scrape's archive should lose that record only.

use super::collection::{BadRecord, Record, Records};
use crate::clean::Format;
use std::io::Read;

/// The records of WARC `bytes` (decompressed), numbered from `first`; `damaged` says where a
/// damaged gzip member was cut short, and why (see `collection::gunzip_members`).
pub fn records(bytes: &[u8], first: u64, damaged: &[(usize, String)]) -> Records {
    let mut out = Records {
        last: first.saturating_sub(1),
        ..Records::default()
    };
    let mut pos = 0;
    loop {
        while bytes.get(pos).is_some_and(u8::is_ascii_whitespace) {
            pos += 1;
        }
        if pos >= bytes.len() {
            break;
        }
        out.last += 1;
        let number = out.last;
        // A record that a damaged gzip member cut short is bad for that reason, whatever its
        // length then seems to say.
        let cut_short = damaged.iter().find(|(at, _)| {
            *at >= pos && next_header(bytes, pos + 1).is_none_or(|next| *at < next)
        });
        let bad = |reason: String| {
            Err(BadRecord {
                number,
                reason: match cut_short {
                    Some((_, why)) => format!("a damaged gzip member cut it short ({why})"),
                    None => reason,
                },
            })
        };
        if !bytes[pos..].starts_with(b"WARC/") {
            out.records.push(bad("no WARC record header here".into()));
            match next_header(bytes, pos) {
                Some(next) => pos = next,
                None => break,
            }
            continue;
        }
        let Some((header_len, sep)) = find_blank_line(&bytes[pos..]) else {
            out.records
                .push(bad("a record header without its end".into()));
            break;
        };
        let header = String::from_utf8_lossy(&bytes[pos..pos + header_len]);
        let value = |name: &str| header_value(&header, name);
        let Some(length) = value("content-length").and_then(|v| v.parse::<usize>().ok()) else {
            out.records.push(bad("no Content-Length".into()));
            match next_header(bytes, pos + 1) {
                Some(next) => pos = next,
                None => break,
            }
            continue;
        };
        let body_start = pos + header_len + sep;
        let body_end = body_start.saturating_add(length);
        if body_end > bytes.len() {
            out.records.push(bad(format!(
                "Content-Length {length} runs past the end of the file ({} bytes left)",
                bytes.len() - body_start
            )));
            match next_header(bytes, body_start) {
                Some(next) => pos = next,
                None => break,
            }
            continue;
        }
        let rest = &bytes[body_end..];
        let ends_well = rest.iter().take(4).all(|b| *b == b'\r' || *b == b'\n')
            && (rest.len() < 2 || rest.starts_with(b"\r\n") || rest.starts_with(b"\n"));
        if !ends_well {
            out.records.push(bad(format!(
                "wrong Content-Length {length} (the record does not end there)"
            )));
            match next_header(bytes, body_start) {
                Some(next) => pos = next,
                None => break,
            }
            continue;
        }
        pos = body_end;
        let kind = value("warc-type").unwrap_or_default().to_ascii_lowercase();
        let url =
            value("warc-target-uri").map(|u| u.trim_matches(|c| c == '<' || c == '>').to_string());
        let block = &bytes[body_start..body_end];
        let payload = match kind.as_str() {
            "response" => http_payload(block),
            "resource" => Some(Payload {
                content_type: value("content-type").unwrap_or_default().to_string(),
                body: block.to_vec(),
            }),
            // Requests, metadata, warcinfo, revisits: not articles.
            _ => None,
        };
        let Some((payload, format)) =
            payload.and_then(|p| text_format(&p.content_type).map(|format| (p, format)))
        else {
            out.not_articles += 1;
            continue;
        };
        let text = match decode(&payload) {
            Ok(text) => text,
            Err(reason) => {
                out.records.push(bad(reason));
                continue;
            }
        };
        out.records.push(Ok(Record {
            number,
            text,
            format,
            url,
            ..Record::default()
        }));
    }
    out
}

/// A record's payload: the page and its media type.
struct Payload {
    content_type: String,
    body: Vec<u8>,
}

/// The page a `response` record's HTTP message carries, when its status is a success
/// (de-chunked and gunzipped as its headers say).
fn http_payload(block: &[u8]) -> Option<Payload> {
    if !block.starts_with(b"HTTP/") {
        // Some archivers store the page alone.
        return Some(Payload {
            content_type: String::new(),
            body: block.to_vec(),
        });
    }
    let (header_len, sep) = find_blank_line(block)?;
    let header = String::from_utf8_lossy(&block[..header_len]);
    let status: u16 = header.split_whitespace().nth(1)?.parse().ok()?;
    if !(200..300).contains(&status) {
        return None;
    }
    let mut body = block[header_len + sep..].to_vec();
    let chunked = header_value(&header, "transfer-encoding")
        .is_some_and(|v| v.to_ascii_lowercase().contains("chunked"));
    if chunked {
        body = dechunk(&body).unwrap_or(body);
    }
    let gzipped = header_value(&header, "content-encoding")
        .is_some_and(|v| v.to_ascii_lowercase().contains("gzip"));
    if gzipped {
        let mut plain = Vec::new();
        if flate2::read::MultiGzDecoder::new(body.as_slice())
            .read_to_end(&mut plain)
            .is_ok()
        {
            body = plain;
        }
    }
    Some(Payload {
        content_type: header_value(&header, "content-type")
            .unwrap_or_default()
            .to_string(),
        body,
    })
}

/// How to clean a payload of media type `content_type`, if it is a page at all (none given is
/// taken as a page).
fn text_format(content_type: &str) -> Option<Format> {
    let media = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    match media.as_str() {
        "" | "text/html" | "application/xhtml+xml" => Some(Format::Html),
        "text/plain" => Some(Format::Text),
        _ => None,
    }
}

/// The payload as text, decoded as a page is ([`super::decode_declared`]), its HTTP charset
/// outranking its `<meta charset>`.
fn decode(payload: &Payload) -> Result<String, String> {
    let lower = payload.content_type.to_ascii_lowercase();
    let declared = lower
        .split_once("charset=")
        .and_then(|(_, rest)| super::charset_label(rest.trim_start().as_bytes()));
    super::decode_declared(&payload.body, Format::Html, declared).map_err(|e| e.to_string())
}

/// The body of a chunked HTTP message, or `None` when the chunks do not add up.
fn dechunk(mut bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let line_end = bytes.windows(2).position(|w| w == b"\r\n")?;
        let size_text = std::str::from_utf8(&bytes[..line_end]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        bytes = &bytes[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(bytes.get(..size)?);
        bytes = bytes.get(size + 2..)?;
    }
}

/// The length of the header block at the start of `bytes` and of the blank line ending it.
fn find_blank_line(bytes: &[u8]) -> Option<(usize, usize)> {
    let crlf = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|i| (i, 4));
    let lf = bytes.windows(2).position(|w| w == b"\n\n").map(|i| (i, 2));
    match (crlf, lf) {
        (Some(a), Some(b)) => Some(if a.0 <= b.0 { a } else { b }),
        (a, b) => a.or(b),
    }
}

/// The value of header `name` (any case) in a header block.
fn header_value<'h>(header: &'h str, name: &str) -> Option<&'h str> {
    header.lines().find_map(|line| {
        let (key, value) = line.split_once(':')?;
        key.trim().eq_ignore_ascii_case(name).then(|| value.trim())
    })
}

/// Where the next record header after `from` starts (a line that opens with `WARC/1.`).
fn next_header(bytes: &[u8], from: usize) -> Option<usize> {
    let rest = bytes.get(from..)?;
    let at = rest.windows(8).position(|w| w == b"\nWARC/1.")?;
    Some(from + at + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A WARC record of type `kind` with `block`, its Content-Length off by `skew`.
    pub(crate) fn record(kind: &str, uri: &str, block: &str, skew: isize) -> String {
        format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\n\
             Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{block}\r\n\r\n",
            block.len() as isize + skew
        )
    }

    const PAGE: &str = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body><p>Talks resumed.</p></body></html>";

    #[test]
    fn responses_are_records_and_requests_are_counted_only() {
        let warc = record("request", "http://x/1", "GET / HTTP/1.1\r\n\r\n", 0)
            + &record("response", "http://x/1", PAGE, 0);
        let r = records(warc.as_bytes(), 1, &[]);
        assert_eq!(r.last, 2);
        let page = r.records.first().and_then(|r| r.as_ref().ok());
        assert_eq!(
            page.map(|p| (p.number, p.url.as_deref())),
            Some((2, Some("http://x/1")))
        );
        assert!(page.is_some_and(|p| p.text.starts_with("<html>")));
    }

    #[test]
    fn a_wrong_length_loses_that_record_only() {
        let warc =
            record("response", "http://x/1", PAGE, -7) + &record("response", "http://x/2", PAGE, 0);
        let r = records(warc.as_bytes(), 1, &[]);
        assert_eq!(r.last, 2);
        assert!(
            matches!(&r.records[0], Err(BadRecord { number: 1, reason }) if reason.contains("wrong Content-Length"))
        );
        assert_eq!(r.records[1].as_ref().ok().map(|p| p.number), Some(2));
    }

    #[test]
    fn a_chunked_body_is_joined() {
        assert_eq!(
            dechunk(b"4\r\nWiki\r\n5\r\npedia\r\n0\r\n\r\n").as_deref(),
            Some(&b"Wikipedia"[..])
        );
    }
}
