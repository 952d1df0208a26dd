//! The JSON-LD a page embeds, as JSON values.
//!
//! Pages write it loosely: inside the CDATA or comment wrappers a template adds, after a
//! byte-order mark, with a semicolon or commas left at the end, several objects one after
//! another in one script, raw line breaks inside strings. Each of those is undone and the text
//! is still parsed as JSON: a date is only ever taken from a structure that parses, never
//! searched for as text.

use scraper::{Html, Selector};
use serde_json::Value;

/// The JSON values of the page's JSON-LD, in document order: its
/// `<script type="application/ld+json">`s (a `charset` parameter allowed), then the
/// `<meta name="script:ld+json" content="...">`s that Next.js writes for JSON-LD handed to its
/// metadata (the same JSON, in an attribute).
pub(super) fn values(doc: &Html) -> Vec<Value> {
    let mut texts = Vec::new();
    if let Ok(sel) = Selector::parse(r#"script[type^="application/ld+json"]"#) {
        texts.extend(doc.select(&sel).map(|s| s.text().collect::<String>()));
    }
    if let Ok(sel) = Selector::parse(r#"meta[name="script:ld+json"][content]"#) {
        texts.extend(
            doc.select(&sel)
                .filter_map(|m| m.value().attr("content"))
                .map(str::to_string),
        );
    }
    texts.iter().flat_map(|t| parse(t)).collect()
}

/// The JSON values in one script's text: those that parse, in order. Raw line breaks and
/// tabs inside strings, which JSON forbids, are read as spaces.
fn parse(text: &str) -> Vec<Value> {
    let spaced: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let json = unwrapped(&spaced);
    let strict = stream(json);
    if strict.complete {
        return strict.values;
    }
    let mended = stream(&without_trailing_commas(json));
    if mended.values.len() > strict.values.len() {
        mended.values
    } else {
        strict.values
    }
}

/// Values read one after another from `json`, and whether the text ended after the last.
struct Stream {
    values: Vec<Value>,
    complete: bool,
}

fn stream(json: &str) -> Stream {
    let mut values = Vec::new();
    for value in serde_json::Deserializer::from_str(json).into_iter::<Value>() {
        match value {
            Ok(value) => values.push(value),
            Err(_) => {
                return Stream {
                    values,
                    complete: false,
                }
            }
        }
    }
    Stream {
        values,
        complete: true,
    }
}

/// Marks a template writes around the JSON, at its start or its end.
const WRAPPERS: &[&str] = &[
    "/*<![CDATA[*/",
    "/*]]>*/",
    "//<![CDATA[",
    "//]]>",
    "<![CDATA[",
    "]]>",
    "<!--",
    "-->",
    ";",
    "\u{feff}",
];

/// `text` without the wrappers around its JSON.
fn unwrapped(text: &str) -> &str {
    let mut json = text.trim();
    loop {
        let before = json.len();
        for w in WRAPPERS {
            json = json.strip_prefix(w).unwrap_or(json).trim();
            json = json.strip_suffix(w).unwrap_or(json).trim();
        }
        if json.len() == before {
            return json;
        }
    }
}

/// `json` without the commas that stand right before a closing `}` or `]` outside strings.
fn without_trailing_commas(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let (mut in_string, mut escaped) = (false, false);
    for (at, c) in json.char_indices() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
        } else if c == '"' {
            in_string = true;
        } else if c == ',' {
            let next = json[at + 1..].trim_start().chars().next();
            if matches!(next, Some('}' | ']')) {
                continue;
            }
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(script: &str) -> Vec<String> {
        let doc = Html::parse_document(&format!("<html><head>{script}</head></html>"));
        values(&doc)
            .iter()
            .filter_map(|v| v.get("datePublished")?.as_str().map(str::to_string))
            .collect()
    }

    #[test]
    fn json_ld_a_template_wraps_or_leaves_unfinished_is_read() {
        let node = r#"{"@type":"NewsArticle","datePublished":"2026-03-02"}"#;
        let scripts = [
            format!(r#"<script type="application/ld+json">/*<![CDATA[*/{node}/*]]>*/</script>"#),
            format!(r#"<script type="application/ld+json"><!-- {node} --></script>"#),
            format!("<script type=\"application/ld+json\">\u{feff}\n{node};\n</script>"),
            format!(r#"<script type="application/ld+json; charset=utf-8">{node}</script>"#),
            r#"<script type="application/ld+json">{"@type":"NewsArticle",
                "datePublished":"2026-03-02","keywords":["ferry","port",],}</script>"#
                .to_string(),
        ];
        for script in scripts {
            assert_eq!(dates(&script), ["2026-03-02"], "{script}");
        }
    }

    #[test]
    fn several_objects_in_one_script_are_each_read() {
        let script = r#"<script type="application/ld+json">{"@type":"BreadcrumbList"}
            {"@type":"NewsArticle","datePublished":"2026-03-02"}</script>"#;
        assert_eq!(dates(script), ["2026-03-02"]);
    }

    #[test]
    fn a_comma_inside_a_string_stays() {
        assert_eq!(
            without_trailing_commas(r#"{"a":"x, }","b":[1,2,],}"#),
            r#"{"a":"x, }","b":[1,2]}"#
        );
    }

    #[test]
    fn text_that_is_no_json_gives_nothing() {
        let script = r#"<script type="application/ld+json">datePublished: 2026-03-02</script>"#;
        assert!(dates(script).is_empty());
    }
}
