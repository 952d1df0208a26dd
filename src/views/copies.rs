//! Copies of a story counted once (`--dedup`) and listed (`dups`): the stories found at index
//! time (see `crate::stories`), read back with each article's date and source.
//!
//! A story stands where its earliest copy stands (by date, undated last, then by path): its
//! period and source in counts, and its first path in lists. Counts with `--dedup` count
//! stories against all the stories of each period or source, so shares stay within 0 and 1.

use super::by;
use crate::cli::By;
use crate::hit::{ArticleCount, Hit};
use crate::index::NewsIndex;
use anyhow::Result;
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::collections::BTreeMap;

/// An article as a copy of its story.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Copy {
    /// Path of the article file.
    pub path: String,
    /// Article date.
    pub date: Option<String>,
    /// Article source.
    pub source: Option<String>,
}

/// A story with more than one copy, as `dups` lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Group {
    /// The story id (as search hits carry it in `story`).
    pub group: u64,
    /// Copies in the index.
    pub size: usize,
    /// Their paths, earliest first.
    pub paths: Vec<String>,
}

/// Every article of the index by story.
#[derive(Debug, Default)]
pub struct Stories {
    story_of: FxHashMap<String, u64>,
    /// Story -> its copies, earliest first.
    copies: BTreeMap<u64, Vec<Copy>>,
}

/// What orders copies: the earliest date first, undated last, then by path.
fn earliest_first(a: &Copy, b: &Copy) -> std::cmp::Ordering {
    (a.date.is_none(), &a.date, &a.path).cmp(&(b.date.is_none(), &b.date, &b.path))
}

impl Stories {
    /// The stories of the articles of `index`, read from the columns of their first passages.
    pub fn read(index: &NewsIndex) -> Result<Stories> {
        let searcher = index.reader.searcher();
        let mut stories = Stories::default();
        super::tally::for_each_article(&searcher, |first| {
            stories.add(
                first.story,
                Copy {
                    path: first.path,
                    date: first.date,
                    source: first.source,
                },
            );
        })?;
        stories.sort();
        Ok(stories)
    }

    /// Files `copy` under `story`; an article without one (never written so) is its own.
    fn add(&mut self, story: Option<u64>, copy: Copy) {
        let story = story.unwrap_or_else(|| {
            use std::hash::{Hash, Hasher};
            let mut hasher = rustc_hash::FxHasher::default();
            copy.path.hash(&mut hasher);
            hasher.finish() | 1 << 63
        });
        self.story_of.insert(copy.path.clone(), story);
        self.copies.entry(story).or_default().push(copy);
    }

    fn sort(&mut self) {
        for copies in self.copies.values_mut() {
            copies.sort_by(earliest_first);
        }
    }

    /// The story of the article at `path`, or its path for an article not read (an index
    /// changed since): then it counts as a story of its own.
    fn key(&self, path: &str) -> Result<u64, String> {
        self.story_of
            .get(path)
            .copied()
            .ok_or_else(|| path.to_string())
    }

    /// The earliest copy of `story`.
    fn first(&self, story: u64) -> Option<&Copy> {
        self.copies.get(&story).and_then(|c| c.first())
    }

    /// The stories with at least `min_size` copies, largest first (then by earliest path).
    pub fn groups(&self, min_size: usize) -> Vec<Group> {
        let mut groups: Vec<Group> = self
            .copies
            .iter()
            .filter(|(_, copies)| copies.len() >= min_size.max(1))
            .map(|(&group, copies)| Group {
                group,
                size: copies.len(),
                paths: copies.iter().map(|c| c.path.clone()).collect(),
            })
            .collect();
        groups.sort_by(|a, b| b.size.cmp(&a.size).then_with(|| a.paths.cmp(&b.paths)));
        groups
    }

    /// All the stories by the key of their earliest copy under `by`.
    pub fn totals(&self, by: By) -> BTreeMap<Option<String>, usize> {
        let mut totals = BTreeMap::new();
        for copies in self.copies.values() {
            if let Some(first) = copies.first() {
                let key = by::key(by, first.date.as_deref(), first.source.as_deref());
                *totals.entry(key).or_default() += 1;
            }
        }
        totals
    }

    /// Per-article matches `counts` made per-story: of a story's matching copies, the earliest
    /// stands for it (its passages and occurrences), dated and sourced as the story's earliest
    /// copy, so that it falls in the row the story's total counts it in.
    pub fn count_once(&self, counts: Vec<ArticleCount>) -> Vec<ArticleCount> {
        let mut best: FxHashMap<Result<u64, String>, (usize, ArticleCount)> = Default::default();
        for count in counts {
            let key = self.key(&count.path);
            let order = key.as_ref().ok().map_or(0, |&story| {
                self.copies.get(&story).map_or(0, |copies| {
                    copies
                        .iter()
                        .position(|c| c.path == count.path)
                        .unwrap_or(usize::MAX)
                })
            });
            match best.get(&key) {
                Some((kept, _)) if *kept <= order => {}
                _ => {
                    best.insert(key, (order, count));
                }
            }
        }
        let mut once: Vec<ArticleCount> = best
            .into_iter()
            .map(|(key, (_, mut count))| {
                if let Some(first) = key.ok().and_then(|story| self.first(story)) {
                    count.date.clone_from(&first.date);
                    count.source.clone_from(&first.source);
                }
                count
            })
            .collect();
        once.sort_by(|a, b| {
            b.occurrences
                .cmp(&a.occurrences)
                .then_with(|| a.path.cmp(&b.path))
        });
        once
    }

    /// `hits` with one hit per story, the first one given, carrying the paths of the story's
    /// other copies; ranked hits are ranked anew.
    pub fn one_hit_per_story(&self, hits: Vec<Hit>) -> Vec<Hit> {
        let mut seen = rustc_hash::FxHashSet::default();
        let ranked = hits.first().is_some_and(|h| h.rank.is_some());
        let mut kept: Vec<Hit> = Vec::new();
        for mut hit in hits {
            let key = self.key(&hit.citation.path);
            if !seen.insert(key.clone()) {
                continue;
            }
            if let Ok(story) = key {
                hit.copies = self.copies.get(&story).map_or_else(Vec::new, |copies| {
                    copies
                        .iter()
                        .filter(|c| c.path != hit.citation.path)
                        .map(|c| c.path.clone())
                        .collect()
                });
            }
            kept.push(hit);
        }
        if ranked {
            crate::hit::rank_in_order(&mut kept);
        }
        kept
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stories() -> Stories {
        let mut stories = Stories::default();
        let copy = |path: &str, date: Option<&str>| Copy {
            path: path.into(),
            date: date.map(str::to_string),
            source: None,
        };
        stories.add(Some(7), copy("b.txt", Some("1987-03-02")));
        stories.add(Some(7), copy("a.txt", Some("1987-04-01")));
        stories.add(Some(7), copy("c.txt", None));
        stories.add(Some(9), copy("d.txt", Some("1987-04-09")));
        stories.sort();
        stories
    }

    fn count(path: &str, date: &str, occurrences: usize) -> ArticleCount {
        ArticleCount {
            path: path.into(),
            title: None,
            source: None,
            date: Some(date.into()),
            passages: 1,
            occurrences,
        }
    }

    #[test]
    fn groups_list_copies_earliest_first_and_largest_groups_first() {
        let groups = stories().groups(1);
        assert_eq!(groups[0].paths, ["b.txt", "a.txt", "c.txt"]);
        assert_eq!((groups[0].size, groups[1].size), (3, 1));
        assert_eq!(stories().groups(2).len(), 1);
    }

    #[test]
    fn a_story_counts_once_in_the_month_of_its_earliest_copy() {
        let stories = stories();
        let counts = vec![
            count("a.txt", "1987-04-01", 5),
            count("c.txt", "1987-05-01", 2),
            count("d.txt", "1987-04-09", 1),
        ];
        let once = stories.count_once(counts);
        let summary: Vec<(&str, Option<&str>, usize)> = once
            .iter()
            .map(|c| (c.path.as_str(), c.date.as_deref(), c.occurrences))
            .collect();
        assert_eq!(
            summary,
            [
                ("a.txt", Some("1987-03-02"), 5),
                ("d.txt", Some("1987-04-09"), 1)
            ]
        );
        let totals = stories.totals(By::Month);
        assert_eq!(
            totals.into_iter().collect::<Vec<_>>(),
            [(Some("1987-03".into()), 1), (Some("1987-04".into()), 1)]
        );
    }
}
