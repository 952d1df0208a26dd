//! Character encodings end to end: news pages and texts in the legacy encodings of their
//! languages (Windows-1251 and KOI8-R, Shift_JIS and ISO-2022-JP, GBK, Windows-1252), UTF-16 with a byte order
//! mark, UTF-8 cut in the middle of a character, a WARC whose HTTP header names the charset and
//! a spreadsheet's CSV in Windows-1252: each is found by its words, marked, and cited at the
//! line of the file as stored. The pages are laid out as news sites lay them out (a charset
//! declaration, a menu, the story, a footer); their sentences were written for these tests.

mod common;

use common::{highlighted, Workspace};
use encoding_rs::Encoding;
use serde_json::Value;

/// `(article, line, marked words)` of each hit.
fn found(result: &Value) -> Vec<(String, u64, Vec<String>)> {
    result["hits"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|h| {
            let article = common::article(h);
            (article, h["line"].as_u64().unwrap_or(0), highlighted(h))
        })
        .collect()
}

fn hit(article: &str, line: u64, marked: &[&str]) -> (String, u64, Vec<String>) {
    (
        article.to_string(),
        line,
        marked.iter().map(|s| s.to_string()).collect(),
    )
}

/// A news page: `declaration` on line 3 (a `<meta>`, or nothing), the menu on line 6, the
/// headline on line 8 and one paragraph a line from line 9.
fn page(declaration: &str, title: &str, menu: &[&str], paragraphs: &[&str]) -> String {
    let menu: String = menu
        .iter()
        .map(|m| format!("<li><a href=\"#\">{m}</a></li>"))
        .collect();
    let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    format!(
        "<!DOCTYPE html>\n<html><head>\n{declaration}\n<title>{title}</title>\n</head><body>\n\
         <nav><ul>{menu}</ul></nav>\n<article>\n<h1>{title}</h1>\n{body}</article>\n\
         <footer><p>News Example 2024</p></footer>\n</body></html>\n"
    )
}

/// `text` in `encoding`, which must hold every character of it.
fn encoded(text: &str, encoding: &'static Encoding) -> Vec<u8> {
    let (bytes, used, unmappable) = encoding.encode(text);
    assert!(
        used == encoding && !unmappable,
        "{} cannot hold the text",
        encoding.name()
    );
    bytes.into_owned()
}

const RUSSIAN: [&str; 3] = [
    "Делегации двух стран в четверг возобновили в Женеве переговоры о торговле после долгого перерыва.",
    "Стороны обсудили пошлины на сталь и алюминий, сообщили участники встречи.",
    "Следующий раунд переговоров запланирован на конец месяца.",
];

const JAPANESE: [&str; 3] = [
    "日本と米国の代表団は木曜日、東京で貿易交渉を再開した。",
    "双方は鉄鋼とアルミニウムへの関税について協議したと関係者が明らかにした。",
    "次回の会合は今月末に予定されているという。",
];

const CHINESE: [&str; 3] = [
    "中美两国代表团星期四在日内瓦恢复了中断数月的贸易谈判，以减轻企业的成本压力。",
    "经济部官员表示，双方讨论了钢铁和铝的关税问题，会谈气氛建设性。",
    "官员说，下一轮谈判定于本月底举行，届时将公布更多细节。",
];

const FRENCH: [&str; 3] = [
    "Les délégations se sont retrouvées jeudi à Genève pour reprendre les négociations sur les droits de douane.",
    "« Nous avons fait des progrès », a déclaré le négociateur en chef, selon l’agence.",
    "Le prochain cycle est prévu à la fin du mois, à Bruxelles.",
];

const GERMAN: [&str; 3] = [
    "Die Verhandlungsführer beider Länder haben am Donnerstag in Genf die Handelsgespräche wieder aufgenommen.",
    "Beide Seiten sprachen über Zölle auf Stahl und Aluminium, wie Teilnehmer berichteten.",
    "Die nächste Runde ist für das Monatsende geplant.",
];

/// The corpus: one article file per encoding, as a site or an archive would store it.
fn corpus() -> Workspace {
    let ws = Workspace::empty();
    let ru = page(
        "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">",
        "Переговоры о торговле возобновились",
        &["Главная", "Политика", "Экономика"],
        &RUSSIAN,
    );
    ws.write("ru/cp1251.html", encoded(&ru, encoding_rs::WINDOWS_1251));
    let ru_text = format!("Переговоры в Женеве\n\n{}\n", RUSSIAN.join("\n"));
    ws.write("ru/koi8.txt", encoded(&ru_text, encoding_rs::KOI8_R));
    let ja = page(
        "<meta charset=\"Shift_JIS\">",
        "東京で貿易交渉が再開",
        &["ホーム", "政治", "経済"],
        &JAPANESE,
    );
    ws.write("ja/sjis.html", encoded(&ja, encoding_rs::SHIFT_JIS));
    // ISO-2022-JP, 7-bit: ASCII bytes with escapes, undeclared.
    let ja_text = format!("東京で貿易交渉が再開\n\n{}\n", JAPANESE.join("\n"));
    ws.write("ja/jis.txt", encoded(&ja_text, encoding_rs::ISO_2022_JP));
    let zh = page(
        "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">",
        "中美贸易谈判在日内瓦恢复",
        &["首页", "政治", "经济"],
        &CHINESE,
    );
    ws.write("zh/gbk.html", encoded(&zh, encoding_rs::GBK));
    // No declaration: the encoding is guessed from the bytes.
    let fr = page(
        "",
        "Reprise des négociations",
        &["Accueil", "Monde"],
        &FRENCH,
    );
    ws.write("fr/cp1252.html", encoded(&fr, encoding_rs::WINDOWS_1252));
    // UTF-16, little-endian, with its byte order mark, as Windows' Notepad saves "Unicode".
    let de = format!(
        "Handelsgespräche in Genf\r\n\r\n{}\r\n",
        GERMAN.join("\r\n")
    );
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(de.encode_utf16().flat_map(u16::to_le_bytes));
    ws.write("de/utf16.txt", utf16);
    // UTF-8 cut short in the middle of its last character (the first two of 谈's three bytes).
    let mut cut = format!("中美贸易谈判\n\n{}\n", CHINESE.join("\n")).into_bytes();
    cut.extend_from_slice(&"谈".as_bytes()[..2]);
    ws.write("zh/cut.txt", cut);
    ws.cmd(&["index", "corpus"]).assert().success();
    ws
}

#[test]
fn pages_in_legacy_encodings_are_found_marked_and_cited_at_their_lines() {
    let ws = corpus();
    let (result, _) = ws.search_json(&["пошлины", "--all", "--sort", "path"]);
    assert_eq!(
        found(&result),
        [
            hit("corpus/ru/cp1251.html", 10, &["пошлины"]),
            hit("corpus/ru/koi8.txt", 4, &["пошлины"]),
        ]
    );
    let (result, _) = ws.search_json(&["貿易交渉", "--all", "--sort", "path"]);
    assert_eq!(
        found(&result),
        [
            hit("corpus/ja/jis.txt", 1, &["貿易交渉"]),
            hit("corpus/ja/jis.txt", 3, &["貿易交渉"]),
            hit("corpus/ja/sjis.html", 8, &["貿易交渉"]),
            hit("corpus/ja/sjis.html", 9, &["貿易交渉"]),
        ]
    );
    let (result, _) = ws.search_json(&["关税", "--all", "--sort", "path"]);
    assert_eq!(
        found(&result),
        [
            hit("corpus/zh/cut.txt", 4, &["关税"]),
            hit("corpus/zh/gbk.html", 10, &["关税"]),
        ]
    );
    let (result, _) = ws.search_json(&["\"déclaré le négociateur\"", "--all"]);
    assert_eq!(
        found(&result),
        [hit(
            "corpus/fr/cp1252.html",
            10,
            &["déclaré le négociateur"]
        )]
    );
    let (result, _) = ws.search_json(&["Zölle", "--all"]);
    assert_eq!(found(&result), [hit("corpus/de/utf16.txt", 4, &["Zölle"])]);
}

#[test]
fn utf8_cut_in_the_middle_of_a_character_is_read_as_utf8() {
    let ws = corpus();
    let (result, _) = ws.search_json(&["谈判", "--all", "--sort", "path"]);
    assert_eq!(
        found(&result),
        [
            hit("corpus/zh/cut.txt", 1, &["谈判"]),
            hit("corpus/zh/cut.txt", 3, &["谈判"]),
            hit("corpus/zh/cut.txt", 5, &["谈判"]),
            hit("corpus/zh/gbk.html", 8, &["谈判"]),
            hit("corpus/zh/gbk.html", 9, &["谈判"]),
            hit("corpus/zh/gbk.html", 11, &["谈判"]),
        ]
    );
    // The cut character is one replacement character, not a page of mojibake.
    let out = ws
        .cmd(&["clean", "corpus/zh/cut.txt"])
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains(&format!("    5| {}\n", CHINESE[2])), "{text}");
    assert!(!text.contains('ä'), "{text}");
}

/// A WARC response record carrying `payload` under the HTTP `content_type`.
fn warc_response(uri: &str, content_type: &str, payload: &[u8]) -> Vec<u8> {
    let mut block = format!("HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n\r\n").into_bytes();
    block.extend_from_slice(payload);
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-05-27T09:00:00Z\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    out.extend(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

#[test]
fn a_warc_records_http_charset_outranks_the_pages_own() {
    let ws = Workspace::empty();
    // The header names the charset, with a parameter after it; the page says nothing.
    let ru = page("", "Переговоры о торговле", &["Главная"], &RUSSIAN);
    let mut warc = warc_response(
        "https://example.ru/talks",
        "text/html; charset=\"windows-1251\"; format=flowed",
        &encoded(&ru, encoding_rs::WINDOWS_1251),
    );
    // The page's own declaration is wrong (a template's); the header is right.
    let ja = page(
        "<meta charset=\"utf-8\">",
        "貿易交渉",
        &["ホーム"],
        &JAPANESE,
    );
    warc.extend(warc_response(
        "https://example.jp/talks",
        "text/html; charset=Shift_JIS",
        &encoded(&ja, encoding_rs::SHIFT_JIS),
    ));
    ws.write("crawl.warc", warc);
    ws.cmd(&["index", "corpus"]).assert().success();
    let (result, _) = ws.search_json(&["пошлины"]);
    assert_eq!(
        found(&result),
        [hit("corpus/crawl.warc#1", 10, &["пошлины"])]
    );
    let (result, _) = ws.search_json(&["関税"]);
    assert_eq!(found(&result), [hit("corpus/crawl.warc#2", 10, &["関税"])]);
}

#[test]
fn a_csv_saved_by_a_spreadsheet_in_windows_1252_keeps_its_accents() {
    let ws = Workspace::empty();
    let csv = format!(
        "title,url,publish_date,media_name,text\r\nReprise des négociations,https://example.fr/a,2024-05-30,Le Quotidien,\"{}\"\r\n",
        FRENCH.join("\n")
    );
    ws.write("export.csv", encoded(&csv, encoding_rs::WINDOWS_1252));
    ws.cmd(&["index", "corpus"]).assert().success();
    let (result, _) = ws.search_json(&["Bruxelles"]);
    assert_eq!(
        found(&result),
        [hit("corpus/export.csv#1", 3, &["Bruxelles"])]
    );
    assert_eq!(result["hits"][0]["title"], "Reprise des négociations");
    assert_eq!(result["hits"][0]["source"], "Le Quotidien");
}

/// `text` as it reads after its UTF-8 bytes were decoded once more as Windows-1252
/// (`don’t` -> `donâ€™t`), or as Latin-1 when `latin1` (`donâ\u{80}\u{99}t`).
fn decoded_twice(text: &str, latin1: bool) -> String {
    if latin1 {
        text.bytes().map(char::from).collect()
    } else {
        encoding_rs::WINDOWS_1252
            .decode(text.as_bytes())
            .0
            .into_owned()
    }
}

#[test]
fn text_decoded_twice_before_it_was_saved_is_found_as_written() {
    let ws = Workspace::empty();
    const STORY: [&str; 2] = [
        "The investor’s guide to retirement calculators was updated this week.",
        "Critics said the café owners’ “fair price” pledge came too late — again.",
    ];
    let html = page(
        "<meta charset=\"utf-8\">",
        "An Investor’s Guide",
        &["Home"],
        &STORY,
    );
    ws.write("site/cp1252.html", decoded_twice(&html, false));
    ws.write("site/latin1.html", decoded_twice(&html, true));
    let record = serde_json::json!({"title": "An Investor’s Guide", "text": STORY.join("\n")});
    ws.write("feed.jsonl", decoded_twice(&format!("{record}\n"), false));
    ws.cmd(&["index", "corpus"]).assert().success();
    let (result, _) = ws.search_json(&["\"investor’s guide\"", "--sort", "path"]);
    assert_eq!(
        found(&result),
        [
            hit("corpus/feed.jsonl#1", 1, &["Investor’s Guide"]),
            hit("corpus/feed.jsonl#1", 1, &["investor’s guide"]),
            hit("corpus/site/cp1252.html", 8, &["Investor’s Guide"]),
            hit("corpus/site/cp1252.html", 9, &["investor’s guide"]),
            hit("corpus/site/latin1.html", 8, &["Investor’s Guide"]),
            hit("corpus/site/latin1.html", 9, &["investor’s guide"]),
        ]
    );
    for h in result["hits"].as_array().expect("hits") {
        assert_eq!(h["title"], "An Investor’s Guide", "{h}");
    }
    let (result, _) = ws.search_json(&["\"café owners\"", "--sort", "path"]);
    assert_eq!(
        found(&result),
        [
            hit("corpus/feed.jsonl#1", 2, &["café owners"]),
            hit("corpus/site/cp1252.html", 10, &["café owners"]),
            hit("corpus/site/latin1.html", 10, &["café owners"]),
        ]
    );
}
