//! `newsgrep.toml`: where the index lives, for a project folder, so that a search from any
//! folder below it finds its index. `--index` and `NEWSGREP_INDEX` win over it.
//!
//! The file is looked for in the current folder and then its parents; the first one found
//! applies. It may say `index = "DIR"`, relative to the file's folder, and name the fields of
//! the collections below it by meaning (`[fields]` with `text = "story_body"`): see
//! `ingest::collection`.

use anyhow::{Context, Result};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The file's name.
pub const FILE_NAME: &str = "newsgrep.toml";

/// What `newsgrep.toml` may say.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Config {
    /// The index folder, relative to the file's folder.
    index: Option<PathBuf>,
    /// Record field names by meaning (`text = "story_body"`), for collections.
    fields: Option<std::collections::BTreeMap<String, String>>,
}

/// The nearest `newsgrep.toml` from `start` upwards and what it says, if there is one.
fn nearest(start: &Path) -> Result<Option<(PathBuf, Config)>> {
    let Some(file) = start
        .ancestors()
        .map(|dir| dir.join(FILE_NAME))
        .find(|file| file.is_file())
    else {
        return Ok(None);
    };
    let text =
        std::fs::read_to_string(&file).with_context(|| format!("reading {}", file.display()))?;
    // toml's own message draws the line in several; ours is one line.
    let config: Config = toml::from_str(&text)
        .map_err(|e| anyhow::anyhow!("{}: {}", file.display(), e.message()))?;
    Ok(Some((file, config)))
}

/// The index folder the nearest `newsgrep.toml` from `start` upwards names, if any.
pub fn index_from(start: &Path) -> Result<Option<PathBuf>> {
    let Some((file, config)) = nearest(start)? else {
        return Ok(None);
    };
    let base = file.parent().unwrap_or(start);
    Ok(config.index.map(|index| base.join(index)))
}

/// The `[fields]` mapping (meaning, field name) of the nearest `newsgrep.toml` from `start`
/// upwards; none without one.
pub fn fields_from(start: &Path) -> Result<Vec<(String, String)>> {
    Ok(nearest(start)?
        .and_then(|(_, config)| config.fields)
        .map(|fields| fields.into_iter().collect())
        .unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_file_names_the_index_relative_to_its_folder() -> Result<()> {
        let dir = tempfile::tempdir()?;
        std::fs::write(dir.path().join(FILE_NAME), "index = \"idx\"\n")?;
        let below = dir.path().join("a").join("b");
        std::fs::create_dir_all(&below)?;
        assert_eq!(index_from(&below)?, Some(dir.path().join("idx")));
        Ok(())
    }

    #[test]
    fn an_unknown_setting_is_an_error_naming_the_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join(FILE_NAME), "indx = \"idx\"\n").expect("write");
        let e = index_from(dir.path()).expect_err("indx is not a setting");
        let e = format!("{e:#}");
        assert!(e.contains(FILE_NAME) && e.contains("indx"), "{e}");
    }
}
