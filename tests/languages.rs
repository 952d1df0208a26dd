//! Languages end to end: each article's language detected or taken from its record, the
//! `lang:` filter, words stemmed in the article's language and marked where they match, and
//! Chinese and Japanese words found inside unspaced text. The articles are short news texts
//! written for these tests; the second Chinese one retells, in its own sentences, the Chinese
//! edition of a New York Times report on the US-China talks in Stockholm (30 July 2025).

mod common;

use common::{highlighted, Workspace};
use serde_json::{json, Value};

const SPANISH: &str = "Nueva ley electoral\n\n\
El Congreso aprobó el martes una reforma de la ley que regula cada elección municipal y autonómica en el país.\n\n\
La oposición criticó que la reforma se aprobara sin el apoyo de los partidos regionales.\n";

const ENGLISH: &str = "Election law passes\n\n\
Parliament passed a reform of the law that governs elections in every region on Tuesday, officials said.\n";

const GERMAN: &str =
    "Die Regierung in Berlin hat am Montag neue Exportregeln für Halbleiter beschlossen. \
Die Unternehmen sollen ihre Lieferungen nach Asien künftig melden.";

const RUSSIAN: &str = "Два правительства в понедельник возобновили в Женеве торговые переговоры после перерыва в несколько месяцев.\n\
Обе стороны назвали переговоры конструктивными.";

fn corpus() -> Workspace {
    let ws = Workspace::empty();
    ws.write("es/ley.txt", SPANISH);
    ws.write("en/law.txt", ENGLISH);
    let german = json!({"title": "Neue Exportregeln", "maintext": GERMAN, "url": "https://example.de/export"});
    // A record whose text is too short to tell: its own language field decides.
    let short =
        json!({"title": "Breve", "text": "Hola a todos los lectores de hoy.", "language": "es-ES"});
    ws.write("dump.jsonl", format!("{german}\n{short}\n"));
    ws.write(
        "wire.csv",
        format!(
            "title,url,publish_date,media_name,text\nПереговоры возобновились,https://example.ru/talks,2024-05-28,Пример,\"{RUSSIAN}\"\n"
        ),
    );
    ws.cmd(&["index", "corpus"]).assert().success();
    ws
}

/// `(article, line, lang, marked words)` of each hit.
fn found(result: &Value) -> Vec<(String, u64, String, Vec<String>)> {
    result["hits"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|h| {
            let article = common::article(h);
            (
                article,
                h["line"].as_u64().unwrap_or(0),
                h["lang"].as_str().unwrap_or("-").to_string(),
                highlighted(h),
            )
        })
        .collect()
}

fn row(
    article: &str,
    line: u64,
    lang: &str,
    marked: &[&str],
) -> (String, u64, String, Vec<String>) {
    (
        article.to_string(),
        line,
        lang.to_string(),
        marked.iter().map(|s| s.to_string()).collect(),
    )
}

#[test]
fn a_spanish_plural_finds_the_singular_in_spanish_articles_only() {
    let ws = corpus();
    let (result, code) = ws.search_json(&["elecciones", "--all"]);
    assert_eq!(code, 0);
    // Not the English article's "elections": English words keep their English stems.
    assert_eq!(
        found(&result),
        [row("corpus/es/ley.txt", 3, "es", &["elección"])]
    );
    // A verb's forms, which English stemming leaves apart.
    let (result, _) = ws.search_json(&["aprobaron", "--all"]);
    assert_eq!(
        found(&result),
        [
            row("corpus/es/ley.txt", 3, "es", &["aprobó"]),
            row("corpus/es/ley.txt", 5, "es", &["aprobara"]),
        ]
    );
}

#[test]
fn a_german_and_a_russian_word_find_their_other_forms() {
    let ws = corpus();
    let (result, _) = ws.search_json(&["Regierungen", "--all"]);
    assert_eq!(
        found(&result),
        [row("corpus/dump.jsonl#1", 1, "de", &["Regierung"])]
    );
    let (result, _) = ws.search_json(&["переговоров", "--all"]);
    assert_eq!(
        found(&result),
        [
            row("corpus/wire.csv#1", 1, "ru", &["Переговоры"]),
            row("corpus/wire.csv#1", 1, "ru", &["переговоры"]),
            row("corpus/wire.csv#1", 2, "ru", &["переговоры"]),
        ]
    );
}

#[test]
fn lang_selects_articles_by_detected_or_stated_language() {
    let ws = corpus();
    let (result, _) = ws.search_json(&["lang:es", "--all"]);
    let articles: Vec<String> = found(&result).into_iter().map(|r| r.0).collect();
    assert_eq!(
        articles,
        [
            "corpus/dump.jsonl#2",
            "corpus/dump.jsonl#2",
            "corpus/es/ley.txt",
            "corpus/es/ley.txt",
            "corpus/es/ley.txt"
        ]
    );
    let (result, _) = ws.search_json(&["reform lang:en"]);
    assert_eq!(
        found(&result),
        [row("corpus/en/law.txt", 3, "en", &["reform"])]
    );
    let out = ws.cmd(&["search", "lang:klingon"]).output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown language 'klingon'"));
}

const CHINESE: &str = "中美贸易谈判在日内瓦恢复\n\n\
中美两国代表周一在日内瓦恢复贸易谈判。双方表示会谈富有建设性！关税问题仍是讨论的重点。\n\n\
分析人士认为，谈判的结果将影响两国之间的贸易往来。\n";

const JAPANESE: &str = "日本政府は月曜日、半導体の新しい輸出規制を発表した。企業は来月から輸出先を報告しなければならない。";

#[test]
fn a_chinese_word_is_found_and_marked_inside_unspaced_text() {
    let ws = Workspace::empty();
    ws.write("zh/talks.txt", CHINESE);
    let japanese = json!({"title": "輸出規制", "text": JAPANESE, "language": "ja"});
    ws.write("ja.jsonl", format!("{japanese}\n"));
    let out = ws.cmd(&["index", "corpus"]).output().expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    // A pure-CJK article has sentences: nothing is skipped.
    assert!(!stderr.contains("newsgrep: skipped"), "{stderr}");
    let (result, code) = ws.search_json(&["贸易", "--all"]);
    assert_eq!(code, 0);
    assert_eq!(
        found(&result),
        [
            row("corpus/zh/talks.txt", 1, "zh", &["贸易"]),
            row("corpus/zh/talks.txt", 3, "zh", &["贸易"]),
            row("corpus/zh/talks.txt", 5, "zh", &["贸易"]),
        ]
    );
    // Two characters apart in the text are not the word.
    let (result, _) = ws.search_json(&["美贸谈"]);
    assert_eq!(result["total"], 0, "{result}");
    let (result, _) = ws.search_json(&["輸出", "--all"]);
    assert_eq!(
        found(&result),
        [
            row("corpus/ja.jsonl#1", 1, "ja", &["輸出"]),
            row("corpus/ja.jsonl#1", 1, "ja", &["輸出", "輸出"]),
        ]
    );
    let (result, _) = ws.search_json(&["lang:zh 日内瓦"]);
    assert_eq!(result["total"], 2, "{result}");
}

const CHINESE_STOCKHOLM: &str = "中美同意继续讨论延长贸易休战\n\n\
美国财政部长贝森特周二在斯德哥尔摩表示，两天的贸易谈判富有建设性。\n\n\
双方同意就延长关税休战期继续讨论，最终决定将由特朗普总统作出。\n";

#[test]
fn a_chinese_word_is_found_within_a_longer_word_but_not_across_two() {
    let ws = Workspace::empty();
    ws.write("zh/stockholm.txt", CHINESE_STOCKHOLM);
    ws.cmd(&["index", "corpus"]).assert().success();
    let at = |line, marked: &[&str]| row("corpus/zh/stockholm.txt", line, "zh", marked);
    // jieba's `贸易谈判` is the words `贸易` and `谈判`: each finds it, and so does the whole.
    let (result, _) = ws.search_json(&["谈判", "--all"]);
    assert_eq!(found(&result), [at(3, &["谈判"])]);
    let (result, _) = ws.search_json(&["贸易谈判", "--all"]);
    assert_eq!(found(&result), [at(3, &["贸易谈判"])]);
    let (result, _) = ws.search_json(&["休战", "--all"]);
    assert_eq!(found(&result), [at(1, &["休战"]), at(5, &["休战"])]);
    // A name the dictionary lacks is a phrase of its characters, in the query as in the text.
    let (result, _) = ws.search_json(&["贝森特", "--all"]);
    assert_eq!(found(&result), [at(3, &["贝森特"])]);
    // Characters that straddle two words are not a word: `易谈` spans `贸易|谈判`, `判富` spans
    // `谈判|富有`.
    for straddling in ["易谈", "判富"] {
        let (result, _) = ws.search_json(&[straddling]);
        assert_eq!(result["total"], 0, "{straddling}: {result}");
    }
}

/// A news page: a menu, the story's headline and paragraphs, a footer.
fn page(title: &str, menu: &[&str], paragraphs: &[&str], footer: &str) -> String {
    let menu: String = menu
        .iter()
        .map(|m| format!("<li><a href=\"/{m}\">{m}</a></li>"))
        .collect();
    let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    format!(
        "<html><head><meta charset=\"utf-8\"><title>{title}</title></head><body>\n\
         <nav><ul>{menu}</ul></nav>\n<article>\n<h1>{title}</h1>\n{body}</article>\n\
         <footer><p>{footer}</p></footer>\n</body></html>\n"
    )
}

#[test]
fn the_cleaner_keeps_the_story_of_a_spanish_russian_arabic_and_chinese_page() {
    let pages = [
        (
            "es.html",
            "El Gobierno rebaja los aranceles al acero",
            ["Inicio", "Política", "Economía", "Deportes"],
            [
                "El Gobierno aprobó el martes un plan para reducir los aranceles sobre el acero importado de Asia.",
                "La medida entrará en vigor el próximo mes, según fuentes del Ministerio de Economía.",
                "¿Bajarán los precios? Los fabricantes creen que sí, aunque no antes del verano.",
            ],
            "© 2024 Diario de Ejemplo. Todos los derechos reservados.",
        ),
        (
            "ru.html",
            "Правительство снизит пошлины на сталь",
            ["Главная", "Политика", "Экономика", "Спорт"],
            [
                "Правительство во вторник одобрило план по снижению пошлин на импортную сталь из Азии.",
                "Мера вступит в силу в следующем месяце, сообщили в министерстве экономики.",
                "Снизятся ли цены? Производители считают, что да, но не раньше лета.",
            ],
            "© 2024 Пример. Все права защищены.",
        ),
        (
            "ar.html",
            "الحكومة تخفض الرسوم على الصلب",
            ["الرئيسية", "سياسة", "اقتصاد", "رياضة"],
            [
                "وافقت الحكومة يوم الثلاثاء على خطة لخفض الرسوم الجمركية على الصلب المستورد من آسيا.",
                "وسيدخل القرار حيز التنفيذ الشهر المقبل، بحسب مصادر في وزارة الاقتصاد.",
                "وقال مسؤولون إن المفاوضات مع الشركاء التجاريين ستستمر، فهل تنجح الخطة في خفض الأسعار؟",
            ],
            "© 2024 مثال. جميع الحقوق محفوظة.",
        ),
        (
            "zh.html",
            "政府下调钢铁进口关税",
            ["首页", "政治", "经济", "体育"],
            [
                "政府周二批准了一项降低进口钢铁关税的计划，以减轻制造企业的成本压力。",
                "经济部官员表示，该措施将于下月生效，并将在一年后重新评估。",
                "官员说，与贸易伙伴的谈判将在未来几周继续进行。这项计划能否降低价格？",
            ],
            "© 2024 示例新闻网 版权所有",
        ),
    ];
    let ws = Workspace::empty();
    for (name, title, menu, paragraphs, footer) in &pages {
        ws.write(name, page(title, menu, paragraphs, footer));
    }
    for (name, title, menu, paragraphs, footer) in &pages {
        let out = ws
            .cmd(&["clean", &format!("corpus/{name}")])
            .output()
            .expect("run");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains(&format!("title:  {title}\n")),
            "{name}: {text}"
        );
        let (kept, removed) = text.split_once("\nremoved:\n").unwrap_or((&text, ""));
        // The story's paragraphs, each at its line of the page (after the head, the menu,
        // `<article>` and the headline), and nothing else.
        let story: String = paragraphs
            .iter()
            .enumerate()
            .map(|(i, p)| format!("{:>5}| {p}\n", 5 + i))
            .collect();
        assert!(kept.ends_with(&format!("\n\n{story}")), "{name}:\n{text}");
        for chrome in menu.iter().chain([footer]) {
            assert!(
                removed.contains(&format!("] {chrome}\n")),
                "{name}: {chrome:?} not removed:\n{text}"
            );
        }
    }
}

/// A Japanese news text: kanji words between kana, a katakana loanword, a verb ending in kana.
const JAPANESE_TALKS: &str = "東京で貿易交渉が再開\n\n\
日本と米国の代表団は木曜日、東京で貿易交渉を再開した。\n\
双方は鉄鋼とアルミニウムへの関税について協議したと関係者が明らかにした。\n\
次回の交渉は来週、ワシントンで再開される見通しだ。\n";

#[test]
fn a_japanese_word_or_phrase_is_found_and_marked_whole_at_its_line() {
    let ws = Workspace::empty();
    ws.write("ja/talks.txt", JAPANESE_TALKS);
    ws.cmd(&["index", "corpus"]).assert().success();
    let search = |query: &str| {
        let (result, _) = ws.search_json(&[query, "--all", "--sort", "path"]);
        found(&result)
    };
    let article = "corpus/ja/talks.txt";
    // A compound of two words, and one of them inside it and alone.
    assert_eq!(
        search("貿易交渉"),
        [
            row(article, 1, "ja", &["貿易交渉"]),
            row(article, 3, "ja", &["貿易交渉"]),
        ]
    );
    assert_eq!(
        search("交渉"),
        [
            row(article, 1, "ja", &["交渉"]),
            row(article, 3, "ja", &["交渉"]),
            row(article, 5, "ja", &["交渉"]),
        ]
    );
    // Kanji and kana in one phrase; a katakana word, a character at a time, marked whole.
    assert_eq!(
        search("\"再開される\""),
        [row(article, 5, "ja", &["再開される"])]
    );
    assert_eq!(
        search("アルミニウム"),
        [row(article, 4, "ja", &["アルミニウム"])]
    );
    assert_eq!(
        search("ワシントン"),
        [row(article, 5, "ja", &["ワシントン"])]
    );
    // Characters of two sentences are no phrase.
    assert_eq!(search("\"した双方\""), []);
}

/// A Japanese report on Tokyo (東京都, the metropolis) that names Kyoto (京都市) too, and a
/// Chinese one on Shanghai (上海市).
const JAPANESE_TOKYO: &str = "東京都が新しい防災計画を発表\n\n\
東京都の小池百合子知事は金曜日、首都直下地震に備えた新しい計画を発表した。\n\
京都市も来月、同様の計画をまとめる方針だ。\n";

const CHINESE_SHANGHAI: &str = "上海市公布垃圾分类新规\n\n\
上海市政府周一宣布，将在全市推广新的垃圾分类办法。\n\
北京也在研究类似的规定。\n";

#[test]
fn a_word_inside_a_longer_han_word_is_found_and_marked_alone() {
    let ws = Workspace::empty();
    ws.write("ja/tokyo.txt", JAPANESE_TOKYO);
    ws.write("zh/shanghai.txt", CHINESE_SHANGHAI);
    ws.cmd(&["index", "corpus"]).assert().success();
    let search = |query: &str| {
        let (result, _) = ws.search_json(&[query, "--all", "--sort", "path"]);
        found(&result)
    };
    let tokyo = |line, marked: &[&str]| row("corpus/ja/tokyo.txt", line, "ja", marked);
    let shanghai = |line, marked: &[&str]| row("corpus/zh/shanghai.txt", line, "zh", marked);
    // `東京` is found inside `東京都`, its two characters marked; the whole word still finds
    // itself, marked whole.
    assert_eq!(search("東京"), [tokyo(1, &["東京"]), tokyo(3, &["東京"])]);
    assert_eq!(
        search("東京都"),
        [tokyo(1, &["東京都"]), tokyo(3, &["東京都"])]
    );
    // Kyoto is not found inside Tokyo (`東京|都`), only in `京都市`.
    assert_eq!(search("京都"), [tokyo(4, &["京都"])]);
    // A phrase ending inside a word.
    assert_eq!(search("\"知事は金曜日\""), [tokyo(3, &["知事は金曜日"])]);
    // A phrase goes through whole words only: `東京の小池` is not in `東京都の小池`, which is.
    assert_eq!(search("\"東京の小池\""), []);
    assert_eq!(search("NEAR(東京 小池, 1)"), []);
    assert_eq!(search("\"東京都の小池\""), [tokyo(3, &["東京都の小池"])]);
    assert_eq!(
        search("上海"),
        [shanghai(1, &["上海"]), shanghai(3, &["上海"])]
    );
    assert_eq!(search("政府"), [shanghai(3, &["政府"])]);
    assert_eq!(search("上海市"), [shanghai(1, &["上海市"])]);
}

#[test]
fn a_word_inside_a_longer_han_word_is_counted_once_an_occurrence() {
    let ws = Workspace::empty();
    ws.write("ja/tokyo.txt", JAPANESE_TOKYO);
    ws.cmd(&["index", "corpus"]).assert().success();
    for query in ["東京", "東京都", "東京 OR 東京都"] {
        let out = ws
            .cmd(&["search", query, "--count", "--format", "json"])
            .output()
            .expect("run");
        let counts: Value = serde_json::from_slice(&out.stdout).expect("json");
        let article = &counts["articles"][0];
        assert_eq!(
            (&article["passages"], &article["occurrences"]),
            (&json!(2), &json!(2)),
            "{query}: {counts}"
        );
    }
}

#[test]
fn the_byline_date_of_pages_in_more_languages_and_locales_is_the_articles_date() {
    // Pages without a date in their markup: the byline under the headline is all there is. A
    // date in figures that reads two ways is read in the order of the page's locale.
    let pages = [
        (
            "fi.html",
            "fi",
            "Julkaistu 7. joulukuuta 2026 klo 10.32",
            "2026-12-07",
        ),
        (
            "hu.html",
            "hu",
            "Megjelent: 2026. március 5. 08:15",
            "2026-03-05",
        ),
        ("lv.html", "lv", "2026. gada 14. oktobrī", "2026-10-14"),
        (
            "el.html",
            "el",
            "Δημοσίευση: 9 Φεβρουαρίου 2026, 12:40",
            "2026-02-09",
        ),
        ("hi.html", "hi", "अपडेटेड: ७ अक्टूबर २०२६", "2026-10-07"),
        (
            "fr.html",
            "fr-FR",
            "Par Anne Martin, le 07/12/2026 à 10h32",
            "2026-12-07",
        ),
        (
            "us.html",
            "en-US",
            "By Ann Martin | 07/12/2026",
            "2026-07-12",
        ),
    ];
    assert_byline_dates(&pages);
}

#[test]
fn the_byline_date_of_pages_in_other_scripts_and_calendars_is_the_articles_date() {
    // A Thai byline counts the Buddhist era (2569 is 2026), a Persian one Iran's calendar (16
    // Azar 1405 is 7 December 2026), a Japanese one may count the era (令和8年): each is
    // the common era's day. A relative time ("3 hours ago") is none, and so is a date whose era
    // the page does not state.
    let pages = [
        (
            "th.html",
            "th",
            "เผยแพร่: 7 ธันวาคม 2569 10:32 น.",
            "2026-12-07",
        ),
        (
            "th-figures.html",
            "th-TH",
            "อัปเดต 07/12/2569 10:32 น.",
            "2026-12-07",
        ),
        ("fa.html", "fa", "۱۶ آذر ۱۴۰۵ - ۱۰:۳۲", "2026-12-07"),
        (
            "fa-figures.html",
            "fa-IR",
            "تاریخ انتشار: ۱۴۰۵/۰۹/۱۶",
            "2026-12-07",
        ),
        ("ja.html", "ja", "公開日：令和8年12月7日", "2026-12-07"),
        (
            "vi.html",
            "vi",
            "Thứ hai, 7 tháng 12 năm 2026",
            "2026-12-07",
        ),
        ("bn.html", "bn", "প্রকাশ: ৭ ডিসেম্বর ২০২৬", "2026-12-07"),
        ("ur.html", "ur", "شائع 7 دسمبر 2026", "2026-12-07"),
        // `listopada` is October in Croatian, November in Polish: the page's language says.
        (
            "hr.html",
            "hr",
            "Objavljeno: 7. listopada 2026.",
            "2026-10-07",
        ),
        (
            "pl.html",
            "pl",
            "Opublikowano: 7 listopada 2026",
            "2026-11-07",
        ),
        ("ago.html", "en", "By Ann Martin, 3 hours ago", "-"),
        ("tw.html", "zh-TW", "115年12月7日", "-"),
    ];
    assert_byline_dates(&pages);
}

#[test]
fn a_thai_page_is_indexed_and_its_words_found() {
    // Thai writes a sentence's words without spaces: the page was skipped as having no
    // sentence, its story lost, and each run between spaces was one "word", too long to index.
    let ws = Workspace::empty();
    ws.write(
        "th.html",
        "<html lang=\"th\"><head><meta charset=\"utf-8\"><title>รัฐบาลประกาศมาตรการช่วยเหลือเกษตรกร</title></head><body>\n\
         <nav><ul><li><a href=\"/\">หน้าแรก</a></li><li><a href=\"/p\">การเมือง</a></li></ul></nav>\n\
         <article><h1>รัฐบาลประกาศมาตรการช่วยเหลือเกษตรกร</h1>\n\
         <p>รัฐบาลไทยประกาศมาตรการช่วยเหลือเกษตรกรผู้ปลูกข้าวในวันจันทร์ โดยจะจ่ายเงินชดเชยไร่ละหนึ่งพันบาท</p>\n\
         <p>นักเศรษฐศาสตร์เตือนว่างบประมาณที่ใช้อาจทำให้หนี้สาธารณะเพิ่มขึ้น</p>\n\
         </article></body></html>\n",
    );
    let (result, code) = ws.search_json(&["โดยจะจ่ายเงินชดเชยไร่ละหนึ่งพันบาท"]);
    assert_eq!(code, 0, "{result}");
    assert_eq!(
        found(&result),
        [row(
            "corpus/th.html",
            4,
            "th",
            &["โดยจะจ่ายเงินชดเชยไร่ละหนึ่งพันบาท"]
        )],
        "{result}"
    );
    // A word inside a run is found and marked alone.
    let (result, _) = ws.search_json(&["ข้าว"]);
    assert_eq!(
        found(&result),
        [row("corpus/th.html", 4, "th", &["ข้าว"])],
        "{result}"
    );
}

/// Writes one page a `(file, lang, byline, date)` row, its byline under the headline, indexes
/// them and asserts each article's date (`-` for none).
fn assert_byline_dates(pages: &[(&str, &str, &str, &str)]) {
    let ws = Workspace::empty();
    for (name, lang, byline, _) in pages {
        ws.write(
            name,
            format!(
                "<html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>Eurostat 2026</title></head><body>\n\
                 <article>\n<h1>Eurostat 2026</h1>\n<p class=\"byline\">{byline}</p>\n\
                 <p>Eurostat published its figures for the year, and the ministry answered them within the hour.</p>\n\
                 <p>The figures were revised twice before the final release, the statistics office said.</p>\n\
                 </article>\n</body></html>\n"
            ),
        );
    }
    let (result, _) = ws.search_json(&["ministry", "--all", "--sort", "path"]);
    let dates: Vec<(String, String)> = result["hits"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|h| {
            (
                common::article(h),
                h["date"].as_str().unwrap_or("-").to_string(),
            )
        })
        .collect();
    let mut want: Vec<(String, String)> = pages
        .iter()
        .map(|(name, _, _, date)| (format!("corpus/{name}"), date.to_string()))
        .collect();
    want.sort();
    assert_eq!(dates, want, "{result}");
}
