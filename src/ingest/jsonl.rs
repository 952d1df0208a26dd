//! JSON records: JSON Lines (one object a line, as news-please and trafilatura write them), or a
//! `.json` file holding an array of objects. A line that does not parse is a bad record; a
//! blank line is no record.

use super::collection::{format_of_text, BadRecord, FieldNames, Record, Records};
use serde_json::{Map, Value};

/// The records of JSON `bytes`, numbered from `first`.
pub fn records(bytes: &[u8], first: u64, names: &FieldNames) -> Records {
    let text = String::from_utf8_lossy(bytes);
    let text = text.trim_start_matches('\u{feff}');
    if text.trim_start().starts_with('[') {
        return array(text, first, names);
    }
    let mut out = Records {
        last: first.saturating_sub(1),
        ..Records::default()
    };
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        out.last += 1;
        let number = out.last;
        out.records.push(match serde_json::from_str::<Value>(line) {
            Ok(Value::Object(map)) => record(&map, number, names),
            Ok(_) => Err(BadRecord {
                number,
                reason: "a JSON line that is not an object".into(),
            }),
            Err(e) => Err(BadRecord {
                number,
                reason: format!("a JSON line that does not parse ({e})"),
            }),
        });
    }
    out
}

/// The records of a JSON array: its objects, numbered from `first`.
fn array(text: &str, first: u64, names: &FieldNames) -> Records {
    match serde_json::from_str::<Vec<Value>>(text) {
        Ok(values) => {
            let records = values
                .iter()
                .zip(first..)
                .map(|(value, number)| match value {
                    Value::Object(map) => record(map, number, names),
                    _ => Err(BadRecord {
                        number,
                        reason: "an array item that is not an object".into(),
                    }),
                })
                .collect::<Vec<_>>();
            Records {
                last: first + records.len() as u64 - 1,
                records,
                ..Records::default()
            }
        }
        Err(e) => Records {
            records: vec![Err(BadRecord {
                number: first,
                reason: format!("a JSON array that does not parse ({e})"),
            })],
            last: first,
            ..Records::default()
        },
    }
}

/// The first of `names` that `map` holds as a non-empty value, as text.
fn field(map: &Map<String, Value>, names: &[String]) -> Option<String> {
    names.iter().find_map(|name| {
        let text = match map.get(name)? {
            Value::String(s) => s.trim().to_string(),
            Value::Number(n) => n.to_string(),
            Value::Array(items) => items
                .iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join("\n\n"),
            _ => return None,
        };
        (!text.is_empty()).then_some(text)
    })
}

/// The fields a record's own identifier goes by: news-please's and Media Cloud's, a
/// database's.
const ID_NAMES: [&str; 5] = ["id", "_id", "stories_id", "uuid", "guid"];

/// A record from the fields of one object: its text is required.
pub fn record(
    map: &Map<String, Value>,
    number: u64,
    names: &FieldNames,
) -> Result<Record, BadRecord> {
    let text = field(map, &names.text).ok_or_else(|| BadRecord {
        number,
        reason: match names.text.iter().find(|name| map.contains_key(*name)) {
            Some(name) => format!("no text (its field {name:?} is empty)"),
            None => format!("no text field (looked for {})", names.text.join(", ")),
        },
    })?;
    Ok(Record {
        number,
        id: field(map, &ID_NAMES.map(String::from)),
        format: format_of_text(&text),
        text,
        title: field(map, &names.title),
        date: field(map, &names.date),
        source: field(map, &names.source),
        url: field(map, &names.url),
        language: field(map, &names.language),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_line_is_one_bad_record_and_the_rest_are_read() {
        let bytes = b"{\"title\":\"A\",\"maintext\":\"One.\"}\n\n{\"title\":\n{\"text\":\"Two.\",\"url\":\"http://x/2\"}\n";
        let r = records(bytes, 1, &FieldNames::default());
        assert_eq!(r.last, 3);
        assert_eq!(r.records.len(), 3);
        assert_eq!(r.records[0].as_ref().map(|r| r.text.as_str()), Ok("One."));
        assert!(matches!(&r.records[1], Err(BadRecord { number: 2, .. })));
        let third = r.records[2].as_ref().ok();
        assert_eq!(
            third.map(|r| (r.number, r.url.as_deref())),
            Some((3, Some("http://x/2")))
        );
    }

    #[test]
    fn an_array_gives_one_record_per_object() {
        let r = records(
            b"[{\"text\":\"a b\"},{\"body\":\"c d\"}]",
            1,
            &FieldNames::default(),
        );
        assert_eq!(r.last, 2);
        assert!(r.records.iter().all(Result::is_ok));
    }
}
