//! The two charts of the search page as inline SVG, drawn on the server: a line of the share
//! of articles matching per period, and bars of matching articles per source. Small on
//! purpose: no axes library, no script; labels are text that the template escapes.

use crate::views::PeriodRow;
use maud::{html, Markup};

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 220.0;
/// Room for the labels around the plot.
const LEFT: f64 = 60.0;
const BOTTOM: f64 = 24.0;
const TOP: f64 = 12.0;
const RIGHT: f64 = 12.0;

/// Rows of the bar chart at most: the sources with the most matching articles.
pub(crate) const MAX_BARS: usize = 15;
const BAR_HEIGHT: f64 = 20.0;
const BAR_LABEL: f64 = 170.0;

/// A share as a percentage with two decimals.
fn percent(share: f64) -> String {
    format!("{:.2}%", share * 100.0)
}

/// The tooltip of a period or source: `KEY: N of M articles (S%)`.
fn about(row: &PeriodRow, key: &str) -> String {
    format!(
        "{key}: {} of {} articles ({})",
        row.articles,
        row.total_articles,
        percent(row.share)
    )
}

/// The share of articles matching in each dated period, as a line over time. Periods are the
/// rows' keys in order (those without a date are left out); each point has a tooltip.
pub(crate) fn share_over_time(rows: &[PeriodRow]) -> Markup {
    let dated: Vec<(&str, &PeriodRow)> = rows
        .iter()
        .filter_map(|r| r.key.as_deref().map(|k| (k, r)))
        .collect();
    let max = dated.iter().map(|(_, r)| r.share).fold(0.0, f64::max);
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let step = if dated.len() > 1 {
        plot_w / (dated.len() - 1) as f64
    } else {
        0.0
    };
    let point = |i: usize, share: f64| {
        let x = LEFT + step * i as f64 + if dated.len() == 1 { plot_w / 2.0 } else { 0.0 };
        let y = TOP + plot_h - if max > 0.0 { share / max * plot_h } else { 0.0 };
        (x, y)
    };
    let line: Vec<String> = dated
        .iter()
        .enumerate()
        .map(|(i, (_, r))| {
            let (x, y) = point(i, r.share);
            format!("{x:.1},{y:.1}")
        })
        .collect();
    let (first, last) = (dated.first().map(|d| d.0), dated.last().map(|d| d.0));
    html! {
        svg xmlns="http://www.w3.org/2000/svg" viewBox={ "0 0 " (WIDTH) " " (HEIGHT) }
            role="img" aria-label="Share of articles matching, per period" class="chart-time" {
            line class="axis" x1=(LEFT) y1=(TOP + plot_h) x2=(WIDTH - RIGHT) y2=(TOP + plot_h) {}
            line class="axis" x1=(LEFT) y1=(TOP) x2=(LEFT) y2=(TOP + plot_h) {}
            text x=(LEFT - 4.0) y=(TOP + 10.0) text-anchor="end" { (percent(max)) }
            text x=(LEFT - 4.0) y=(TOP + plot_h) text-anchor="end" { "0%" }
            @if let Some(first) = first {
                text x=(LEFT) y=(HEIGHT - 6.0) { (first) }
            }
            @if let (Some(last), true) = (last, dated.len() > 1) {
                text x=(WIDTH - RIGHT) y=(HEIGHT - 6.0) text-anchor="end" { (last) }
            }
            @if dated.is_empty() {
                text x=(WIDTH / 2.0) y=(HEIGHT / 2.0) text-anchor="middle" { "No dated article matches" }
            }
            polyline class="line" points=(line.join(" ")) {}
            @for (i, (key, row)) in dated.iter().enumerate() {
                @let (x, y) = point(i, row.share);
                circle class="dot" cx={ (format!("{x:.1}")) } cy={ (format!("{y:.1}")) } r="3" {
                    title { (about(row, key)) }
                }
            }
        }
    }
}

/// Matching articles per source, the sources with most first, as horizontal bars.
pub(crate) fn by_source(rows: &[PeriodRow]) -> Markup {
    let mut shown: Vec<&PeriodRow> = rows.iter().filter(|r| r.articles > 0).collect();
    shown.sort_by(|a, b| b.articles.cmp(&a.articles).then(a.key.cmp(&b.key)));
    shown.truncate(MAX_BARS);
    let max = shown.iter().map(|r| r.articles).max().unwrap_or(0) as f64;
    let plot_w = WIDTH - BAR_LABEL - RIGHT - 48.0;
    let height = BAR_HEIGHT * shown.len() as f64 + TOP;
    html! {
        svg xmlns="http://www.w3.org/2000/svg" viewBox={ "0 0 " (WIDTH) " " (height) }
            role="img" aria-label="Matching articles per source" class="chart-source" {
            @for (i, row) in shown.iter().enumerate() {
                @let key = row.key.as_deref().unwrap_or("(no source)");
                @let y = TOP / 2.0 + BAR_HEIGHT * i as f64;
                @let w = if max > 0.0 { (row.articles as f64 / max * plot_w).max(1.0) } else { 0.0 };
                g {
                    title { (about(row, key)) }
                    text x=(BAR_LABEL - 6.0) y=(y + 14.0) text-anchor="end" { (shorten(key, 26)) }
                    rect class="bar" x=(BAR_LABEL) y=(y + 3.0) width={ (format!("{w:.1}")) } height=(BAR_HEIGHT - 6.0) {}
                    text x={ (format!("{:.1}", BAR_LABEL + w + 4.0)) } y=(y + 14.0) { (row.articles) }
                }
            }
        }
    }
}

/// `text` cut to `max` chars with `…`.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(max - 1).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(key: Option<&str>, articles: usize, total: usize) -> PeriodRow {
        PeriodRow {
            key: key.map(str::to_string),
            articles,
            passages: articles,
            occurrences: articles,
            total_articles: total,
            share: articles as f64 / total as f64,
        }
    }

    #[test]
    fn the_line_has_a_point_per_dated_period_with_its_figures() {
        let rows = [
            row(Some("1987-02"), 1, 10),
            row(Some("1987-03"), 5, 10),
            row(None, 2, 4),
        ];
        let svg = share_over_time(&rows).into_string();
        assert_eq!(svg.matches("<circle").count(), 2);
        assert!(svg.contains("<title>1987-03: 5 of 10 articles (50.00%)</title>"));
        // The highest share is at the top of the plot, a fifth of it a fifth of the way up.
        assert!(svg.contains(r#"points="60.0,159.2 628.0,12.0""#), "{svg}");
    }

    #[test]
    fn source_names_are_text_not_markup() {
        let rows = [row(Some("<script>x</script>"), 3, 3)];
        let svg = by_source(&rows).into_string();
        assert!(svg.contains("&lt;script&gt;x&lt;/script&gt;"));
        assert!(!svg.contains("<script>"));
    }
}
