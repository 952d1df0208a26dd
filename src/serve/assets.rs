//! The page's style sheet and its one small script, compiled into the binary: the page loads
//! nothing from elsewhere and works offline. The script only adds the `/` key; everything
//! else works without it.

/// The style sheet: readable on a laptop and a phone, light or dark as the system is set.
pub(crate) const STYLE: &str = r#"
:root { color-scheme: light dark; --fg: #1b1b1b; --bg: #fff; --dim: #5c5c5c; --line: #ddd;
  --link: #0b57d0; --mark: #ffe066; --accent: #2a6fdb; --del: #ffd7d5; --ins: #d3f5d6; --card: #f6f7f9;
  --error: #b3261e; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6e6e6; --bg: #15171a; --dim: #a0a4aa; --line: #33373d; --link: #8ab4f8;
    --mark: #7a5d00; --accent: #8ab4f8; --del: #5c2320; --ins: #1f4d2a; --card: #1e2125;
    --error: #ff8a80; }
}
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 62rem; padding: 0 1rem 3rem; font: 16px/1.5 system-ui, sans-serif;
  color: var(--fg); background: var(--bg); }
a { color: var(--link); }
/* Corpus text may hold a word longer than a phone's line (a URL, a path, markup as text). */
main { overflow-wrap: anywhere; }
header { padding: .8rem 0; border-bottom: 1px solid var(--line); margin-bottom: 1rem; }
header .brand { font-weight: 700; text-decoration: none; color: var(--fg); margin-right: .8rem; }
form.search { display: flex; flex-wrap: wrap; gap: .4rem; align-items: center; margin-top: .4rem; }
form.search input[type=search] { flex: 1 1 16rem; min-width: 0; font-size: 1.05rem; padding: .4rem .5rem; }
form.search input, form.search button { font: inherit; padding: .3rem .5rem; }
form.search .filters { display: flex; flex-wrap: wrap; gap: .6rem; width: 100%; color: var(--dim); font-size: .9rem; }
mark { background: var(--mark); color: inherit; padding: 0 .1em; }
.counts, .meta, .note { color: var(--dim); font-size: .9rem; }
.error { color: var(--error); font-weight: 600; }
.query-at code { font-size: 1.05rem; padding: .2rem .4rem; background: var(--card); white-space: pre-wrap; overflow-wrap: anywhere; }
.query-at mark.at { background: none; color: var(--error); outline: 2px solid var(--error); }
.hit a.open { color: inherit; text-decoration: none; }
.hit a.open:hover .title, .hit a.open:focus .title { text-decoration: underline; }
.hints { padding-left: 1.2rem; }
.syntax dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; font-size: .9rem; }
.syntax dd { margin: 0; color: var(--dim); }
@media (max-width: 40rem) { .syntax dl { grid-template-columns: 1fr; } .syntax dd { margin-bottom: .4rem; } }
:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
ol.hits { padding-left: 0; list-style: none; }
ol.hits li { margin: 0 0 1.1rem; }
.hit .title { font-weight: 600; }
.hit .cite { font-family: ui-monospace, monospace; font-size: .85rem; }
.cite, code, h1 { overflow-wrap: anywhere; }
.tabs { display: flex; gap: 1rem; border-bottom: 1px solid var(--line); margin: 1rem 0; }
.tabs a { padding: .3rem 0; text-decoration: none; }
.tabs a[aria-current] { border-bottom: 2px solid var(--accent); font-weight: 600; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(18rem, 100%), 1fr)); gap: 1rem; }
figure { margin: 0; background: var(--card); padding: .5rem; border-radius: 6px; }
figcaption { font-size: .85rem; color: var(--dim); }
svg { width: 100%; height: auto; }
/* Charts are drawn about a phone's width; wider, their labels would grow past the text's size. */
.charts svg { display: block; max-width: 26rem; margin: 0 auto; }
svg text { fill: var(--dim); font-size: 13px; }
svg .line { fill: none; stroke: var(--accent); stroke-width: 2; }
svg .dot, svg .bar { fill: var(--accent); }
svg .axis { stroke: var(--line); }
table.kwic { border-collapse: collapse; width: 100%; font-size: .9rem; }
table.kwic td { padding: .1rem .3rem; white-space: nowrap; }
table.kwic td.left { text-align: right; overflow: hidden; max-width: 22rem; direction: rtl; }
table.kwic td.right { overflow: hidden; max-width: 22rem; }
.kwic-wrap { overflow-x: auto; }
/* On a phone, a KWIC line's place goes above it, so that the match is centred on the screen. */
@media (max-width: 40rem) {
  table.kwic, table.kwic tbody { display: block; }
  table.kwic tr { display: grid; grid-template-columns: minmax(0, 1fr) auto minmax(0, 1fr);
    padding: .2rem 0; border-bottom: 1px solid var(--line); }
  table.kwic td.cite { grid-column: 1 / -1; white-space: normal; font-size: .8rem; }
  table.kwic td.left, table.kwic td.right { max-width: none; }
}
nav.pages { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; }
.article h1 { font-size: clamp(1.3rem, 5vw, 2rem); line-height: 1.25; }
.article p { margin: 0 0 .9rem; }
.article .passage { scroll-margin-top: 2rem; }
.article .here { background: var(--card); outline: 2px solid var(--accent); padding: .3rem; }
.article .ln, pre.original .ln { color: var(--dim); font-family: ui-monospace, monospace; font-size: .8rem; margin-right: .5rem; user-select: none; }
pre.original { white-space: pre-wrap; word-break: break-word; font-size: .85rem; }
pre.original span.row { display: block; }
pre.original span.row:target { background: var(--mark); }
details { margin: 1rem 0; }
h1.path { font-size: 1.1rem; }
/* On a phone, the hits come first and the charts after them. */
@media (max-width: 40rem) {
  .results { display: flex; flex-direction: column; }
  .results > .charts { order: 1; margin-top: 1rem; }
}
/* On a phone, the links a thumb taps one among others are at least 44px high. */
@media (max-width: 40rem) {
  .tabs a, nav.pages a, .counts a, .back a { display: inline-flex; align-items: center; min-height: 44px; padding: 0 .3rem; }
}
del { background: var(--del); }
ins { background: var(--ins); text-decoration: none; }
"#;

/// Focuses the page's own box on `/` (the one focused when the page opened, else the search
/// box), as many sites do, unless the user is typing in a field (a text or date field; a
/// checkbox or button with the focus does not take a `/`).
pub(crate) const KEYS: &str = r#"document.addEventListener('keydown', function (e) {
  var box = document.querySelector('input[autofocus]') || document.getElementById('q');
  var at = document.activeElement;
  if (e.key !== '/' || !box || e.ctrlKey || e.metaKey || e.altKey) return;
  var typing = at && (at.tagName === 'TEXTAREA' || at.tagName === 'SELECT' || at.isContentEditable ||
    (at.tagName === 'INPUT' && !/^(checkbox|radio|button|submit|reset)$/.test(at.type)));
  if (typing) return;
  e.preventDefault();
  box.focus();
  box.select();
});
"#;
