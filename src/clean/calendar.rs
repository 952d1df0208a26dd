//! Month names of the languages news comes in, and the calendars other than the Gregorian that
//! pages date their stories in (the Thai solar calendar's Buddhist era, Iran's Solar Hijri
//! calendar, Japan's and the Republic of China's eras), each converted to the Gregorian day.
//! [`super::meta`] reads dates in text with them.

/// Month names of the languages news comes in (en, de, fr, es, it, pt, nl, ru; the Russian in
/// both the nominative and the genitive a date uses), lower-cased, with the month's number.
const MONTH_NAMES: &[(&str, u32)] = &[
    // English first: `meta::MONTHS` is the same list.
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    // German
    ("januar", 1),
    ("jänner", 1),
    ("februar", 2),
    // Austria's February, and the abbreviation of März that is no prefix of it.
    ("feber", 2),
    ("märz", 3),
    ("mrz", 3),
    ("mai", 5),
    ("juni", 6),
    ("juli", 7),
    ("oktober", 10),
    ("dezember", 12),
    // French
    ("janvier", 1),
    ("février", 2),
    ("fevrier", 2),
    ("mars", 3),
    ("avril", 4),
    ("juin", 6),
    ("juillet", 7),
    ("août", 8),
    ("aout", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    // Spanish
    ("enero", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("septiembre", 9),
    ("setiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
    // Italian
    ("gennaio", 1),
    ("febbraio", 2),
    ("aprile", 4),
    ("maggio", 5),
    ("giugno", 6),
    ("luglio", 7),
    ("settembre", 9),
    ("ottobre", 10),
    ("dicembre", 12),
    // Portuguese
    ("janeiro", 1),
    ("fevereiro", 2),
    ("março", 3),
    ("maio", 5),
    ("junho", 6),
    ("julho", 7),
    ("setembro", 9),
    ("outubro", 10),
    ("dezembro", 12),
    // Dutch
    ("januari", 1),
    ("februari", 2),
    ("maart", 3),
    ("mrt", 3),
    ("mei", 5),
    ("augustus", 8),
    // Russian
    ("январь", 1),
    ("января", 1),
    ("февраль", 2),
    ("февраля", 2),
    ("март", 3),
    ("марта", 3),
    ("апрель", 4),
    ("апреля", 4),
    ("май", 5),
    ("мая", 5),
    ("июнь", 6),
    ("июня", 6),
    ("июль", 7),
    ("июля", 7),
    ("август", 8),
    ("августа", 8),
    ("сентябрь", 9),
    ("сентября", 9),
    ("октябрь", 10),
    ("октября", 10),
    ("ноябрь", 11),
    ("ноября", 11),
    ("декабрь", 12),
    ("декабря", 12),
    // Turkish
    ("ocak", 1),
    ("şubat", 2),
    ("mart", 3),
    ("nisan", 4),
    ("mayıs", 5),
    ("haziran", 6),
    ("temmuz", 7),
    ("ağustos", 8),
    ("eylül", 9),
    ("ekim", 10),
    ("kasım", 11),
    ("aralık", 12),
    // Polish, in the genitive a date uses and the nominative
    ("stycznia", 1),
    ("styczeń", 1),
    ("lutego", 2),
    ("luty", 2),
    ("marca", 3),
    ("marzec", 3),
    ("kwietnia", 4),
    ("kwiecień", 4),
    ("maja", 5),
    ("maj", 5),
    ("czerwca", 6),
    ("czerwiec", 6),
    ("lipca", 7),
    ("lipiec", 7),
    ("sierpnia", 8),
    ("sierpień", 8),
    ("września", 9),
    ("wrzesień", 9),
    ("października", 10),
    ("październik", 10),
    ("listopada", 11),
    ("listopad", 11),
    ("grudnia", 12),
    ("grudzień", 12),
    // Arabic, the names of Egypt and the Gulf, with and without hamza, then the Levant's
    // one-word names (the two-word ones are made one by `normalise`)
    ("يناير", 1),
    ("فبراير", 2),
    ("مارس", 3),
    ("أبريل", 4),
    ("ابريل", 4),
    ("إبريل", 4),
    ("مايو", 5),
    ("يونيو", 6),
    ("يوليو", 7),
    ("أغسطس", 8),
    ("اغسطس", 8),
    ("سبتمبر", 9),
    ("أكتوبر", 10),
    ("اكتوبر", 10),
    ("نوفمبر", 11),
    ("ديسمبر", 12),
    ("شباط", 2),
    ("آذار", 3),
    ("نيسان", 4),
    ("أيار", 5),
    ("حزيران", 6),
    ("تموز", 7),
    ("آب", 8),
    ("أيلول", 9),
];

/// Month names of more languages, matched whole only: their abbreviations would make those of
/// [`MONTH_NAMES`] ambiguous (Finnish `marraskuuta`, November, starts like `march`). Swedish,
/// Danish, Norwegian, Finnish, Estonian, Latvian, Lithuanian, Czech, Slovak, Slovenian, Serbian,
/// Hungarian, Romanian, Catalan, Indonesian and Malay, Greek (with and without accents),
/// Ukrainian, Bulgarian, Hebrew (also with the prefix "in", `ב`) and Hindi; in the form a date
/// uses (the genitive, the locative) and the nominative. Then Croatian (but October: its
/// `listopada` is Polish's November, see [`LANGUAGE_MONTHS`]), Albanian, Filipino, Swahili,
/// the Maghreb's Arabic, Persian, Urdu and Bengali names of the Gregorian months.
const MORE_MONTH_NAMES: &[(&str, u32)] = &[
    // Swedish, Danish, Norwegian
    ("augusti", 8),
    ("marts", 3),
    ("desember", 12),
    // Finnish, the partitive a date uses, then the nominative
    ("tammikuuta", 1),
    ("helmikuuta", 2),
    ("maaliskuuta", 3),
    ("huhtikuuta", 4),
    ("toukokuuta", 5),
    ("kesäkuuta", 6),
    ("heinäkuuta", 7),
    ("elokuuta", 8),
    ("syyskuuta", 9),
    ("lokakuuta", 10),
    ("marraskuuta", 11),
    ("joulukuuta", 12),
    ("tammikuu", 1),
    ("helmikuu", 2),
    ("maaliskuu", 3),
    ("huhtikuu", 4),
    ("toukokuu", 5),
    ("kesäkuu", 6),
    ("heinäkuu", 7),
    ("elokuu", 8),
    ("syyskuu", 9),
    ("lokakuu", 10),
    ("marraskuu", 11),
    ("joulukuu", 12),
    // Estonian
    ("jaanuar", 1),
    ("veebruar", 2),
    ("märts", 3),
    ("aprill", 4),
    ("juuni", 6),
    ("juuli", 7),
    ("oktoober", 10),
    ("detsember", 12),
    // Latvian, the nominative and the locative a date uses
    ("janvāris", 1),
    ("janvārī", 1),
    ("februāris", 2),
    ("februārī", 2),
    ("martā", 3),
    ("aprīlis", 4),
    ("aprīlī", 4),
    ("maijs", 5),
    ("maijā", 5),
    ("jūnijs", 6),
    ("jūnijā", 6),
    ("jūlijs", 7),
    ("jūlijā", 7),
    ("augusts", 8),
    ("augustā", 8),
    ("septembris", 9),
    ("septembrī", 9),
    ("oktobris", 10),
    ("oktobrī", 10),
    ("novembris", 11),
    ("novembrī", 11),
    ("decembris", 12),
    ("decembrī", 12),
    // Lithuanian, the genitive a date uses
    ("sausio", 1),
    ("vasario", 2),
    ("kovo", 3),
    ("balandžio", 4),
    ("gegužės", 5),
    ("birželio", 6),
    ("liepos", 7),
    ("rugpjūčio", 8),
    ("rugsėjo", 9),
    ("spalio", 10),
    ("lapkričio", 11),
    ("gruodžio", 12),
    // Czech, the genitive a date uses
    ("ledna", 1),
    ("února", 2),
    ("března", 3),
    ("dubna", 4),
    ("května", 5),
    ("června", 6),
    ("července", 7),
    ("srpna", 8),
    ("září", 9),
    ("října", 10),
    ("listopadu", 11),
    ("prosince", 12),
    // Slovak, the genitive
    ("januára", 1),
    ("februára", 2),
    ("apríla", 4),
    ("mája", 5),
    ("júna", 6),
    ("júla", 7),
    ("augusta", 8),
    ("septembra", 9),
    ("októbra", 10),
    ("novembra", 11),
    ("decembra", 12),
    // Slovenian and Serbian (Latin script)
    ("marec", 3),
    ("junij", 6),
    ("julij", 7),
    ("avgust", 8),
    ("avgusta", 8),
    ("septembar", 9),
    ("oktobar", 10),
    ("novembar", 11),
    ("decembar", 12),
    // Hungarian
    ("január", 1),
    ("február", 2),
    ("március", 3),
    ("április", 4),
    ("május", 5),
    ("június", 6),
    ("július", 7),
    ("augusztus", 8),
    ("szeptember", 9),
    ("október", 10),
    // Romanian
    ("ianuarie", 1),
    ("februarie", 2),
    ("martie", 3),
    ("aprilie", 4),
    ("iunie", 6),
    ("iulie", 7),
    ("septembrie", 9),
    ("octombrie", 10),
    ("noiembrie", 11),
    ("decembrie", 12),
    // Catalan
    ("gener", 1),
    ("febrer", 2),
    ("març", 3),
    ("maig", 5),
    ("juny", 6),
    ("juliol", 7),
    ("agost", 8),
    ("desembre", 12),
    // Indonesian and Malay (`desember` is Norwegian's too)
    ("maret", 3),
    ("agustus", 8),
    ("mac", 3),
    ("ogos", 8),
    ("disember", 12),
    // Greek, the genitive a date uses, with accents and in capitals without them
    ("ιανουαρίου", 1),
    ("φεβρουαρίου", 2),
    ("μαρτίου", 3),
    ("απριλίου", 4),
    ("μαΐου", 5),
    ("ιουνίου", 6),
    ("ιουλίου", 7),
    ("αυγούστου", 8),
    ("σεπτεμβρίου", 9),
    ("οκτωβρίου", 10),
    ("νοεμβρίου", 11),
    ("δεκεμβρίου", 12),
    ("ιανουαριου", 1),
    ("φεβρουαριου", 2),
    ("μαρτιου", 3),
    ("απριλιου", 4),
    ("μαιου", 5),
    ("ιουνιου", 6),
    ("ιουλιου", 7),
    ("αυγουστου", 8),
    ("σεπτεμβριου", 9),
    ("οκτωβριου", 10),
    ("νοεμβριου", 11),
    ("δεκεμβριου", 12),
    // Ukrainian, the genitive
    ("січня", 1),
    ("лютого", 2),
    ("березня", 3),
    ("квітня", 4),
    ("травня", 5),
    ("червня", 6),
    ("липня", 7),
    ("серпня", 8),
    ("вересня", 9),
    ("жовтня", 10),
    ("листопада", 11),
    ("грудня", 12),
    // Bulgarian (март, май and август are Russian's too)
    ("януари", 1),
    ("февруари", 2),
    ("април", 4),
    ("юни", 6),
    ("юли", 7),
    ("септември", 9),
    ("октомври", 10),
    ("ноември", 11),
    ("декември", 12),
    // Serbian (Cyrillic script)
    ("јануар", 1),
    ("фебруар", 2),
    ("мај", 5),
    ("јун", 6),
    ("јул", 7),
    ("септембар", 9),
    ("октобар", 10),
    ("новембар", 11),
    ("децембар", 12),
    // Hebrew, alone and with the prefix `ב` ("in") a date takes
    ("ינואר", 1),
    ("פברואר", 2),
    ("מרץ", 3),
    ("אפריל", 4),
    ("מאי", 5),
    ("יוני", 6),
    ("יולי", 7),
    ("אוגוסט", 8),
    ("ספטמבר", 9),
    ("אוקטובר", 10),
    ("נובמבר", 11),
    ("דצמבר", 12),
    ("בינואר", 1),
    ("בפברואר", 2),
    ("במרץ", 3),
    ("באפריל", 4),
    ("במאי", 5),
    ("ביוני", 6),
    ("ביולי", 7),
    ("באוגוסט", 8),
    ("בספטמבר", 9),
    ("באוקטובר", 10),
    ("בנובמבר", 11),
    ("בדצמבר", 12),
    // Hindi, in both spellings in use where there are two
    ("जनवरी", 1),
    ("फ़रवरी", 2),
    ("फरवरी", 2),
    ("मार्च", 3),
    ("अप्रैल", 4),
    ("मई", 5),
    ("जून", 6),
    ("जुलाई", 7),
    ("अगस्त", 8),
    ("सितंबर", 9),
    ("सितम्बर", 9),
    ("अक्टूबर", 10),
    ("अक्तूबर", 10),
    ("नवंबर", 11),
    ("नवम्बर", 11),
    ("दिसंबर", 12),
    ("दिसम्बर", 12),
    // Indonesian and Malay abbreviations the other languages' names do not begin (`des` and
    // `dis` only with a capital: see `CAPITALISED_MONTHS`)
    ("des", 12),
    ("agu", 8),
    ("agt", 8),
    ("ags", 8),
    ("dis", 12),
    ("ogo", 8),
    // Croatian, the genitive a date uses, but October: its `listopada` is Polish's November,
    // which the page's language would have to settle
    ("siječnja", 1),
    ("veljače", 2),
    ("ožujka", 3),
    ("travnja", 4),
    ("svibnja", 5),
    ("lipnja", 6),
    ("srpnja", 7),
    ("kolovoza", 8),
    ("rujna", 9),
    ("studenoga", 11),
    ("studenog", 11),
    ("prosinca", 12),
    // Albanian
    ("janar", 1),
    ("shkurt", 2),
    ("prill", 4),
    ("qershor", 6),
    ("korrik", 7),
    ("gusht", 8),
    ("shtator", 9),
    ("tetor", 10),
    ("nëntor", 11),
    ("dhjetor", 12),
    // Filipino
    ("pebrero", 2),
    ("marso", 3),
    ("hunyo", 6),
    ("hulyo", 7),
    ("setyembre", 9),
    ("oktubre", 10),
    ("nobyembre", 11),
    ("disyembre", 12),
    // Swahili (both spellings of December in use)
    ("disemba", 12),
    ("machi", 3),
    ("aprili", 4),
    ("julai", 7),
    ("agosti", 8),
    ("septemba", 9),
    ("oktoba", 10),
    ("novemba", 11),
    ("desemba", 12),
    // Azerbaijani and Uzbek (Latin script; `mart`, `may`, `avgust` are other languages' too)
    ("yanvar", 1),
    ("fevral", 2),
    ("aprel", 4),
    ("iyun", 6),
    ("iyul", 7),
    ("avqust", 8),
    ("sentyabr", 9),
    ("sentabr", 9),
    ("oktyabr", 10),
    ("oktabr", 10),
    ("noyabr", 11),
    ("dekabr", 12),
    // Icelandic
    ("janúar", 1),
    ("febrúar", 2),
    ("apríl", 4),
    ("maí", 5),
    ("júní", 6),
    ("júlí", 7),
    ("ágúst", 8),
    ("nóvember", 11),
    // Hausa
    ("janairu", 1),
    ("fabrairu", 2),
    ("maris", 3),
    ("afirilu", 4),
    ("mayu", 5),
    ("yuni", 6),
    ("yuli", 7),
    ("agusta", 8),
    ("satumba", 9),
    ("nuwamba", 11),
    ("disamba", 12),
    // Marathi (Devanagari)
    ("जानेवारी", 1),
    ("फेब्रुवारी", 2),
    ("एप्रिल", 4),
    ("मे", 5),
    ("जुलै", 7),
    ("ऑगस्ट", 8),
    ("सप्टेंबर", 9),
    ("ऑक्टोबर", 10),
    ("नोव्हेंबर", 11),
    ("डिसेंबर", 12),
    // Gujarati
    ("જાન્યુઆરી", 1),
    ("ફેબ્રુઆરી", 2),
    ("માર્ચ", 3),
    ("એપ્રિલ", 4),
    ("મે", 5),
    ("જૂન", 6),
    ("જુલાઈ", 7),
    ("ઓગસ્ટ", 8),
    ("સપ્ટેમ્બર", 9),
    ("ઓક્ટોબર", 10),
    ("નવેમ્બર", 11),
    ("ડિસેમ્બર", 12),
    // Tamil
    ("ஜனவரி", 1),
    ("பிப்ரவரி", 2),
    ("மார்ச்", 3),
    ("ஏப்ரல்", 4),
    ("மே", 5),
    ("ஜூன்", 6),
    ("ஜூலை", 7),
    ("ஆகஸ்ட்", 8),
    ("செப்டம்பர்", 9),
    ("அக்டோபர்", 10),
    ("நவம்பர்", 11),
    ("டிசம்பர்", 12),
    // Telugu
    ("జనవరి", 1),
    ("ఫిబ్రవరి", 2),
    ("మార్చి", 3),
    ("ఏప్రిల్", 4),
    ("మే", 5),
    ("జూన్", 6),
    ("జూలై", 7),
    ("ఆగస్టు", 8),
    ("సెప్టెంబర్", 9),
    ("అక్టోబర్", 10),
    ("నవంబర్", 11),
    ("డిసెంబర్", 12),
    // Kannada
    ("ಜನವರಿ", 1),
    ("ಫೆಬ್ರವರಿ", 2),
    ("ಮಾರ್ಚ್", 3),
    ("ಏಪ್ರಿಲ್", 4),
    ("ಮೇ", 5),
    ("ಜೂನ್", 6),
    ("ಜುಲೈ", 7),
    ("ಆಗಸ್ಟ್", 8),
    ("ಸೆಪ್ಟೆಂಬರ್", 9),
    ("ಅಕ್ಟೋಬರ್", 10),
    ("ನವೆಂಬರ್", 11),
    ("ಡಿಸೆಂಬರ್", 12),
    // Malayalam
    ("ജനുവരി", 1),
    ("ഫെബ്രുവരി", 2),
    ("മാർച്ച്", 3),
    ("ഏപ്രിൽ", 4),
    ("മേയ്", 5),
    ("മെയ്", 5),
    ("ജൂൺ", 6),
    ("ജൂലൈ", 7),
    ("ഓഗസ്റ്റ്", 8),
    ("ആഗസ്റ്റ്", 8),
    ("സെപ്റ്റംബർ", 9),
    ("ഒക്ടോബർ", 10),
    ("നവംബർ", 11),
    ("ഡിസംബർ", 12),
    // Punjabi (Gurmukhi)
    ("ਜਨਵਰੀ", 1),
    ("ਫ਼ਰਵਰੀ", 2),
    ("ਫਰਵਰੀ", 2),
    ("ਮਾਰਚ", 3),
    ("ਅਪ੍ਰੈਲ", 4),
    ("ਮਈ", 5),
    ("ਜੂਨ", 6),
    ("ਜੁਲਾਈ", 7),
    ("ਅਗਸਤ", 8),
    ("ਸਤੰਬਰ", 9),
    ("ਅਕਤੂਬਰ", 10),
    ("ਨਵੰਬਰ", 11),
    ("ਦਸੰਬਰ", 12),
    // Arabic of the Maghreb: Algeria and Tunisia, then Morocco (May, `ماي`, is both's)
    ("جانفي", 1),
    ("فيفري", 2),
    ("أفريل", 4),
    ("افريل", 4),
    ("ماي", 5),
    ("جوان", 6),
    ("جويلية", 7),
    ("أوت", 8),
    ("اوت", 8),
    ("يوليوز", 7),
    ("غشت", 8),
    ("شتنبر", 9),
    ("نونبر", 11),
    ("دجنبر", 12),
    // Persian names of the Gregorian months (Persian's own calendar is in `SOLAR_HIJRI_MONTHS`)
    ("ژانویه", 1),
    ("ژانویهٔ", 1),
    ("فوریه", 2),
    ("فوریهٔ", 2),
    ("آوریل", 4),
    ("مه", 5),
    ("مهٔ", 5),
    ("می", 5),
    ("ژوئن", 6),
    ("ژوئیه", 7),
    ("ژوئیهٔ", 7),
    ("جولای", 7),
    ("آگوست", 8),
    ("سپتامبر", 9),
    ("اکتبر", 10),
    ("نوامبر", 11),
    ("دسامبر", 12),
    // Urdu
    ("جنوری", 1),
    ("فروری", 2),
    ("مارچ", 3),
    ("اپریل", 4),
    ("مئی", 5),
    ("جون", 6),
    ("جولائی", 7),
    ("اگست", 8),
    ("ستمبر", 9),
    ("اکتوبر", 10),
    ("نومبر", 11),
    ("دسمبر", 12),
    // Bengali, with `য়` written as one letter and as two (what NFC makes of it)
    ("জানুয়ারি", 1),
    ("জানুয়ারী", 1),
    ("জানু\u{9df}ারি", 1),
    ("জানু\u{9df}ারী", 1),
    ("ফেব্রুয়ারি", 2),
    ("ফেব্রুয়ারী", 2),
    ("ফেব্রু\u{9df}ারি", 2),
    ("ফেব্রু\u{9df}ারী", 2),
    ("মার্চ", 3),
    ("এপ্রিল", 4),
    ("মে", 5),
    ("জুন", 6),
    ("জুলাই", 7),
    ("আগস্ট", 8),
    ("সেপ্টেম্বর", 9),
    ("অক্টোবর", 10),
    ("নভেম্বর", 11),
    ("ডিসেম্বর", 12),
];

/// Month names a language reads otherwise than [`MORE_MONTH_NAMES`] does, by the page's
/// declared language: Croatian's and Bosnian's `listopad` is October, Polish's and Czech's
/// November.
const LANGUAGE_MONTHS: &[(&str, &str, u32)] = &[
    ("hr", "listopada", 10),
    ("hr", "listopad", 10),
    ("bs", "listopada", 10),
    ("bs", "listopad", 10),
];

/// Whether pages in `language` write dates in figures in the Solar Hijri calendar: Persian
/// (Iran's and Afghanistan's) and Pashto.
pub(super) fn writes_solar_hijri(language: Option<&str>) -> bool {
    matches!(language, Some("fa" | "ps"))
}

/// A Solar Hijri date in figures, year first (`1405/09/16`, `1405-09-16`), as the Gregorian
/// day: years 1279 to 1420 only (1900 to 2041), so that a lunar Hijri year (1448 in 2026),
/// which Persian pages write beside it at times, is not read as a solar one.
pub(super) fn solar_hijri_figures(word: &str) -> Option<String> {
    let sep = word.chars().find(|c| matches!(c, '/' | '-' | '.'))?;
    let parts: Vec<&str> = word.split(sep).collect();
    let [y, m, d] = parts.as_slice() else {
        return None;
    };
    let figures = |p: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
    };
    if !(figures(y, 4..=4) && figures(m, 1..=2) && figures(d, 1..=2)) {
        return None;
    }
    let y: u32 = y.parse().ok()?;
    if y > 1420 {
        return None;
    }
    solar_hijri_to_gregorian(y, m.parse().ok()?, d.parse().ok()?)
}

/// A Thai date in figures whose year is of the Buddhist era (`07/12/2569`, `7.12.2569`), as
/// the Gregorian day: Thai writes the day first.
pub(super) fn buddhist_era_figures(word: &str) -> Option<String> {
    let sep = word.chars().find(|c| matches!(c, '/' | '-' | '.'))?;
    let parts: Vec<&str> = word.split(sep).collect();
    let [d, m, y] = parts.as_slice() else {
        return None;
    };
    let figures = |p: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
    };
    if !(figures(d, 1..=2) && figures(m, 1..=2) && figures(y, 4..=4)) {
        return None;
    }
    let y: u32 = y.parse().ok()?;
    if y <= 2100 {
        return None;
    }
    Calendar::Thai.ymd(y, m.parse().ok()?, d.parse().ok()?)
}

/// Month names that are also common words of another language (French `des`, "of the": "5 des
/// 2000 migrants"), read only as written with a capital (`07 Des 2026`).
pub(super) const CAPITALISED_MONTHS: &[&str] = &["des", "dis"];

/// Thai names of the months, whole and abbreviated (`ธ.ค.`, its last dot trimmed as a word's
/// is). A Thai date counts its year in the Buddhist era (the common era's plus 543) or the
/// common era: see [`Calendar::Thai`].
const THAI_MONTHS: &[(&str, u32)] = &[
    ("มกราคม", 1),
    ("กุมภาพันธ์", 2),
    ("มีนาคม", 3),
    ("เมษายน", 4),
    ("พฤษภาคม", 5),
    ("มิถุนายน", 6),
    ("กรกฎาคม", 7),
    ("สิงหาคม", 8),
    ("กันยายน", 9),
    ("ตุลาคม", 10),
    ("พฤศจิกายน", 11),
    ("ธันวาคม", 12),
    ("ม.ค", 1),
    ("ก.พ", 2),
    ("มี.ค", 3),
    ("เม.ย", 4),
    ("พ.ค", 5),
    ("มิ.ย", 6),
    ("ก.ค", 7),
    ("ส.ค", 8),
    ("ก.ย", 9),
    ("ต.ค", 10),
    ("พ.ย", 11),
    ("ธ.ค", 12),
];

/// The months of the Solar Hijri calendar, Iran's and Afghanistan's (Persian names, with the
/// Arabic `ي` some pages write for `ی`): a date in them is converted to the Gregorian day.
const SOLAR_HIJRI_MONTHS: &[(&str, u32)] = &[
    ("فروردین", 1),
    ("فروردين", 1),
    ("اردیبهشت", 2),
    ("ارديبهشت", 2),
    ("خرداد", 3),
    ("تیر", 4),
    ("تير", 4),
    ("مرداد", 5),
    ("امرداد", 5),
    ("شهریور", 6),
    ("شهريور", 6),
    ("مهر", 7),
    ("آبان", 8),
    ("آذر", 9),
    ("دی", 10),
    ("دي", 10),
    ("بهمن", 11),
    ("اسفند", 12),
];

/// The calendar a month's name belongs to, which says how the date's year is counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Calendar {
    Gregorian,
    /// Gregorian months with a year of the Buddhist era (`2569`, the common era's 2026) or of
    /// the common era: no year is both, as the era is 543 years ahead.
    Thai,
    /// Iran's calendar: years from 1279 (1900) to 1479 (2100), months of 31, 30 and 29 days.
    SolarHijri,
}

impl Calendar {
    /// `YYYY-MM-DD` (Gregorian) of day `d` of month `m` of year `y` counted in this calendar.
    pub(super) fn ymd(self, y: u32, m: u32, d: u32) -> Option<String> {
        match self {
            Calendar::Gregorian => super::date::ymd(y, m, d),
            Calendar::Thai if y > 2100 => super::date::ymd(y.checked_sub(543)?, m, d),
            Calendar::Thai => super::date::ymd(y, m, d),
            Calendar::SolarHijri => solar_hijri_to_gregorian(y, m, d),
        }
    }
}

/// The Gregorian day of a Solar Hijri date, by the arithmetic of its 33-year leap cycle
/// (exact for the years 1178 to 1633, far more than the 1279 to 1479 read here).
fn solar_hijri_to_gregorian(y: u32, m: u32, d: u32) -> Option<String> {
    if !(1279..=1479).contains(&y) || !(1..=12).contains(&m) || d == 0 {
        return None;
    }
    let month_days = match m {
        1..=6 => 31,
        7..=11 => 30,
        _ => 30,
    };
    if d > month_days {
        return None;
    }
    // Days since an epoch, then the Gregorian calendar's cycles of 400, 100, 4 and 1 years.
    let jy = i64::from(y) + 1595;
    let (jm, jd) = (i64::from(m), i64::from(d));
    let mut days = -355_668
        + 365 * jy
        + (jy / 33) * 8
        + ((jy % 33) + 3) / 4
        + jd
        + if jm < 7 {
            (jm - 1) * 31
        } else {
            (jm - 7) * 30 + 186
        };
    let mut gy = 400 * (days / 146_097);
    days %= 146_097;
    if days > 36_524 {
        days -= 1;
        gy += 100 * (days / 36_524);
        days %= 36_524;
        if days >= 365 {
            days += 1;
        }
    }
    gy += 4 * (days / 1461);
    days %= 1461;
    if days > 365 {
        gy += (days - 1) / 365;
        days = (days - 1) % 365;
    }
    let leap = (gy % 4 == 0 && gy % 100 != 0) || gy % 400 == 0;
    let lengths = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    let mut gd = days + 1;
    let mut gm = 1;
    for length in lengths {
        if gd <= length {
            break;
        }
        gd -= length;
        gm += 1;
    }
    let date = super::date::ymd(u32::try_from(gy).ok()?, gm, u32::try_from(gd).ok()?)?;
    // The 30th of Esfand exists only in a leap year: otherwise it is the next year's first day.
    if m == 12 && d == 30 && solar_hijri_to_gregorian(y + 1, 1, 1).as_deref() == Some(&date) {
        return None;
    }
    Some(date)
}

/// The month a word names: a month's name in one of [`MONTH_NAMES`]' languages, or an
/// abbreviation of three letters or more that every language reads as the same month ("mar",
/// "sept", "févr", "dez"; not "jui", which is June or July in French).
pub(super) fn month_of(word: &str) -> Option<u32> {
    if let Some(&(_, month)) = MONTH_NAMES
        .iter()
        .chain(MORE_MONTH_NAMES)
        .find(|(name, _)| *name == word)
    {
        return Some(month);
    }
    if word.chars().count() < 3 {
        return None;
    }
    let mut found = None;
    for &(name, month) in MONTH_NAMES {
        if name.starts_with(word) {
            if found.is_some_and(|f| f != month) {
                return None;
            }
            found = Some(month);
        }
    }
    found
}

/// The month a word names, in any case: a name or an abbreviation [`month_of`] reads.
pub(super) fn month_named(word: &str) -> Option<u32> {
    month_of(&word.to_lowercase())
}

/// The month a lower-cased word names and the calendar its name belongs to: a Gregorian month's
/// name ([`month_of`], or [`LANGUAGE_MONTHS`] on a page in their language), a Thai one or a
/// Solar Hijri one. The whole names of the other calendars
/// are looked up before [`month_of`]'s abbreviations, so that none is read as one.
pub(super) fn calendar_month(word: &str, language: Option<&str>) -> Option<(Calendar, u32)> {
    if let Some((_, _, m)) = LANGUAGE_MONTHS
        .iter()
        .find(|(l, name, _)| Some(*l) == language && *name == word)
    {
        return Some((Calendar::Gregorian, *m));
    }
    let exact = |names: &[(&str, u32)]| names.iter().find(|(n, _)| *n == word).map(|(_, m)| *m);
    if let Some(m) = exact(MONTH_NAMES).or_else(|| exact(MORE_MONTH_NAMES)) {
        return Some((Calendar::Gregorian, m));
    }
    if let Some(m) = exact(THAI_MONTHS) {
        return Some((Calendar::Thai, m));
    }
    if let Some(m) = exact(SOLAR_HIJRI_MONTHS) {
        return Some((Calendar::SolarHijri, m));
    }
    month_of(word).map(|m| (Calendar::Gregorian, m))
}

/// Eras that count years before `年`: Japan's (`令和8年` is 2026, `元年` the era's first
/// year) and the Republic of China's (`民國115年`, Taiwan), with the common era's year before
/// each era's first.
const ERAS: &[(&str, u32)] = &[
    ("令和", 2018),
    ("平成", 1988),
    ("昭和", 1925),
    ("民國", 1911),
    ("民国", 1911),
];

/// The common era's year of an era's year that `before` ends with (`令和8`, `令和元`,
/// `民國115`), and the byte it starts at. A year of fewer than four figures without an era's
/// name (`115年`, as Taiwanese pages also write it) is none.
pub(super) fn era_year(before: &str) -> Option<(usize, u32)> {
    let figures = before.bytes().rev().take_while(u8::is_ascii_digit).count();
    let (head, number) = before.split_at(before.len() - figures);
    let (head, n) = match (number, head.strip_suffix('元')) {
        ("", Some(head)) => (head, 1),
        ("", None) => return None,
        (number, _) if number.len() <= 3 => (head, number.parse::<u32>().ok()?),
        _ => return None,
    };
    let head = head.trim_end();
    let (name, first) = ERAS.iter().find(|(name, _)| head.ends_with(name))?;
    (n > 0).then(|| (head.len() - name.len(), first + n))
}
