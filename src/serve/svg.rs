//! The two charts of the search page as inline SVG, drawn on the server: a line of the share
//! of articles matching per period, and bars of matching articles per source. Small on
//! purpose: no axes library, no script; labels are text that the template escapes.
//!
//! Drawn about a phone's width (the style sheet caps them a little wider on a laptop), so that
//! a label of 13 units shows at 11 to 15 pixels: an SVG's text scales with its drawing.

use crate::views::PeriodRow;
use maud::{html, Markup};

const WIDTH: f64 = 360.0;
const HEIGHT: f64 = 180.0;
/// Room for the labels around the plot.
const LEFT: f64 = 50.0;
const BOTTOM: f64 = 22.0;
const TOP: f64 = 12.0;
const RIGHT: f64 = 10.0;

/// Rows of the bar chart at most: the sources with the most matching articles.
pub(crate) const MAX_BARS: usize = 15;
/// A source's row: its name on a line of its own, then its bar and count.
const BAR_ROW: f64 = 34.0;
const BAR_HEIGHT: f64 = 10.0;
/// The longest source name shown whole, in chars: one line of the drawing.
const BAR_LABEL_CHARS: usize = 44;
/// Room for the count at the end of the longest bar.
const BAR_COUNT: f64 = 48.0;

/// A share as a percentage with two decimals.
fn percent(share: f64) -> String {
    format!("{:.2}%", share * 100.0)
}

/// A share as the axis shows it: as many decimals as tell it apart (`100%`, `12.5%`, `0.25%`),
/// short enough for the room left of the plot.
fn axis_percent(share: f64) -> String {
    let percent = share * 100.0;
    match percent {
        p if p >= 10.0 => format!("{p:.0}%"),
        p if p >= 1.0 => format!("{p:.1}%"),
        p => format!("{p:.2}%"),
    }
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
    // Matches only in undated articles leave every period at zero: no line to draw.
    let drawn = dated.iter().any(|(_, r)| r.articles > 0);
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
            @if drawn {
                text x=(LEFT - 4.0) y=(TOP + 10.0) text-anchor="end" { (axis_percent(max)) }
            }
            text x=(LEFT - 4.0) y=(TOP + plot_h) text-anchor="end" { "0%" }
            @if let Some(first) = first {
                text x=(LEFT) y=(HEIGHT - 6.0) { (first) }
            }
            @if let (Some(last), true) = (last, dated.len() > 1) {
                text x=(WIDTH - RIGHT) y=(HEIGHT - 6.0) text-anchor="end" { (last) }
            }
            @if drawn {
                polyline class="line" points=(line.join(" ")) {}
                @for (i, (key, row)) in dated.iter().enumerate() {
                    @let (x, y) = point(i, row.share);
                    circle class="dot" cx={ (format!("{x:.1}")) } cy={ (format!("{y:.1}")) } r="3" {
                        title { (about(row, key)) }
                    }
                }
            } @else {
                text x=(LEFT + plot_w / 2.0) y=(TOP + plot_h / 2.0) text-anchor="middle" { "No dated article matches" }
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
    let plot_w = WIDTH - RIGHT - BAR_COUNT;
    let height = BAR_ROW * shown.len() as f64 + 4.0;
    html! {
        svg xmlns="http://www.w3.org/2000/svg" viewBox={ "0 0 " (WIDTH) " " (height) }
            role="img" aria-label="Matching articles per source" class="chart-source" {
            @for (i, row) in shown.iter().enumerate() {
                @let key = row.key.as_deref().unwrap_or("(no source)");
                @let y = BAR_ROW * i as f64;
                @let w = if max > 0.0 { (row.articles as f64 / max * plot_w).max(1.0) } else { 0.0 };
                g {
                    title { (about(row, key)) }
                    text x="0" y=(y + 14.0) { (shorten(key, BAR_LABEL_CHARS)) }
                    rect class="bar" x="0" y=(y + 19.0) width={ (format!("{w:.1}")) } height=(BAR_HEIGHT) {}
                    text x={ (format!("{:.1}", w + 4.0)) } y=(y + 29.0) { (row.articles) }
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
        assert!(svg.contains(r#"points="50.0,128.8 350.0,12.0""#), "{svg}");
    }

    #[test]
    fn source_names_are_text_not_markup() {
        let rows = [row(Some("<script>x</script>"), 3, 3)];
        let svg = by_source(&rows).into_string();
        assert!(svg.contains("&lt;script&gt;x&lt;/script&gt;"));
        assert!(!svg.contains("<script>"));
    }

    #[test]
    fn a_source_name_has_a_line_of_its_own_and_long_ones_are_cut() {
        let long = "The International Coffee Organization Statistical Bulletin";
        let rows = [row(Some(long), 4, 8), row(Some("Wire B"), 2, 8)];
        let svg = by_source(&rows).into_string();
        assert!(
            svg.contains(
                r#"<text x="0" y="14">The International Coffee Organization Stati…</text>"#
            ),
            "{svg}"
        );
        // The longest bar spans the drawing but for the count's room; half as many, half as long.
        assert!(
            svg.contains(r#"<rect class="bar" x="0" y="19" width="302.0" height="10">"#),
            "{svg}"
        );
        assert!(svg.contains(r#"<text x="0" y="48">Wire B</text>"#), "{svg}");
        assert!(
            svg.contains(r#"<rect class="bar" x="0" y="53" width="151.0" height="10">"#),
            "{svg}"
        );
    }

    #[test]
    fn matches_only_in_undated_articles_draw_no_line() {
        let rows = [
            row(Some("1987-02"), 0, 10),
            row(Some("1987-03"), 0, 10),
            row(None, 3, 4),
        ];
        let svg = share_over_time(&rows).into_string();
        assert!(svg.contains(">No dated article matches</text>"), "{svg}");
        assert!(
            !svg.contains("<polyline") && !svg.contains("<circle"),
            "{svg}"
        );
        assert!(!svg.contains("0.00%"), "{svg}");
    }

    #[test]
    fn the_axis_shows_a_share_in_few_chars() {
        assert_eq!(axis_percent(1.0), "100%");
        assert_eq!(axis_percent(0.126), "13%");
        assert_eq!(axis_percent(0.0437), "4.4%");
        assert_eq!(axis_percent(0.0025), "0.25%");
    }
}
