//! CSV records: a header row naming the fields (Media Cloud's `title`, `url`, `publish_date`,
//! `media_name`, and a text column), then one article a row. A row that does not parse is a
//! bad record.

use super::collection::{BadRecord, FieldNames, Records};
use serde_json::{Map, Value};

/// The records of CSV `bytes`, numbered from `first` (the header is no record).
pub fn records(bytes: &[u8], first: u64, names: &FieldNames) -> Records {
    // Spreadsheets export CSV in the system's legacy encoding (Windows-1252, -1251, Shift_JIS,
    // GBK) or in UTF-16 with a byte order mark: decoded as an article file is, the mark dropped.
    let decoded;
    let bytes = match encoding_rs::Encoding::for_bom(bytes) {
        None if std::str::from_utf8(bytes).is_ok() => bytes,
        _ => match super::decode(bytes, crate::clean::Format::Text) {
            Ok(text) => {
                decoded = text;
                decoded.as_bytes()
            }
            Err(_) => bytes,
        },
    };
    let mut reader = ::csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(bytes);
    let mut out = Records {
        last: first.saturating_sub(1),
        ..Records::default()
    };
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|f| f.trim().to_string()).collect(),
        Err(e) => {
            out.last = first;
            out.records.push(Err(BadRecord {
                number: first,
                reason: format!("the header row does not parse ({e})"),
            }));
            return out;
        }
    };
    for row in reader.byte_records() {
        out.last += 1;
        let number = out.last;
        let row = match row {
            Ok(row) => row,
            Err(e) => {
                out.records.push(Err(BadRecord {
                    number,
                    reason: format!("a row that does not parse ({e})"),
                }));
                continue;
            }
        };
        // The same field lookup as JSON records: the row as an object of its header's names.
        let map: Map<String, Value> = header
            .iter()
            .zip(row.iter())
            .map(|(name, value)| {
                let value = String::from_utf8_lossy(value).into_owned();
                (name.clone(), Value::String(value))
            })
            .collect();
        out.records.push(super::jsonl::record(&map, number, names));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_media_cloud_export_gives_one_record_per_row() {
        let csv = "title,url,publish_date,media_name,text\n\
                   Talks,http://x/1,2024-05-03,Wire,\"Trade talks resumed.\nBoth sides spoke.\"\n\
                   Empty,http://x/2,2024-05-04,Wire,\n";
        let r = records(csv.as_bytes(), 1, &FieldNames::default());
        assert_eq!(r.last, 2);
        let first = r.records[0].as_ref().ok();
        assert_eq!(
            first.map(|r| (
                r.source.as_deref(),
                r.date.as_deref(),
                r.text.lines().count()
            )),
            Some((Some("Wire"), Some("2024-05-03"), 2))
        );
        assert!(matches!(&r.records[1], Err(BadRecord { number: 2, .. })));
    }
}
