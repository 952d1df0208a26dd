//! Finding and reading articles: walks the corpus folders, picks files by extension, reads and
//! decodes them (UTF-8, UTF-16 with BOM, HTML `<meta charset>`, else a detected legacy encoding
//! such as Windows-1252; text that was decoded twice is repaired in [`mojibake`]), and says why
//! a file was skipped instead of failing the run. A `.gz` of an article file is read through;
//! collections of many articles (WARC, JSON, CSV) are read record by record in [`collection`].

pub mod collection;
mod csv;
mod jsonl;
mod mojibake;
mod warc;

use crate::clean::Format;
use rayon::prelude::*;
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

/// Files larger than this are skipped: no news article is 16 MB of text, and cleaning takes
/// about 20 times a file's size in memory (a 63 MB single line peaked at 1.3 GiB).
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// The file that marks a folder as a newsgrep index. An index kept inside its corpus
/// (`newsgrep index .` with the default `index/`) is not walked as part of the corpus: its
/// JSON files would be read as collections, and every update would change it.
pub const INDEX_MARKER: &str = "newsgrep-index";

/// Whether `entry` is a folder below a root that holds a newsgrep index.
fn is_index_folder(entry: &walkdir::DirEntry) -> bool {
    entry.depth() > 0 && entry.file_type().is_dir() && entry.path().join(INDEX_MARKER).is_file()
}

/// A file found in the corpus, with what is needed to tell if it changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceFile {
    /// Path as found under the corpus root (as given on the command line).
    pub path: PathBuf,
    /// How to parse it.
    pub format: Format,
    /// Size in bytes as the walk found it; 0 when not known (a file named on the command line),
    /// and [`read`] then finds it out.
    pub size: u64,
    /// Modification time, nanoseconds since the epoch.
    pub mtime_ns: u64,
}

impl SourceFile {
    /// The path as stored in the index and printed in hits (forward slashes).
    pub fn key(&self) -> String {
        path_key(&self.path)
    }
}

/// The path of a file as stored in the index.
pub fn path_key(path: &Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}

/// The site a file belongs to, for counting lines its pages repeat: the folder it sits in, as
/// a path key.
pub fn site_of(path: &Path) -> String {
    path_key(path.parent().unwrap_or(Path::new("")))
}

/// The article files of the folders holding `files`, each once: the pages whose repeated
/// lines count as the chrome of those files' sites.
pub fn site_files(files: &[PathBuf]) -> Vec<SourceFile> {
    let mut folders: Vec<PathBuf> = files
        .iter()
        .map(|f| f.parent().map(Path::to_path_buf).unwrap_or_default())
        .collect();
    folders.sort();
    folders.dedup();
    let mut out = Vec::new();
    for folder in folders {
        let listed = if folder.as_os_str().is_empty() {
            Path::new(".")
        } else {
            folder.as_path()
        };
        let Ok(entries) = std::fs::read_dir(listed) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let Some(format) = format_of(Path::new(&name)) else {
                continue;
            };
            if entry
                .file_type()
                .is_ok_and(|t| t.is_file() || t.is_symlink())
            {
                out.push(SourceFile {
                    // Joined to the folder as given, so that its site is the given files' site.
                    path: folder.join(&name),
                    format,
                    size: 0,
                    mtime_ns: 0,
                });
            }
        }
    }
    out
}

/// A file that was not read, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skip {
    /// The file or folder.
    pub path: PathBuf,
    /// One line: why.
    pub reason: String,
}

impl fmt::Display for Skip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.reason)
    }
}

/// A file's modification time in ns since the epoch, 0 when the system does not say.
pub fn mtime_ns(meta: &std::fs::Metadata) -> u64 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as u64)
}

/// The format a file name asks for, if it is one we read.
/// A collection's records say their own format; a gzipped file has that of the name under `.gz`.
pub fn format_of(path: &Path) -> Option<Format> {
    if collection::kind_of(path).is_some() {
        return Some(Format::Html);
    }
    if collection::is_gzipped(path) {
        return format_of(Path::new(path.file_stem()?));
    }
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "txt" | "text" | "md" => Some(Format::Text),
        "html" | "htm" => Some(Format::Html),
        _ => None,
    }
}

/// What a walk of the corpus found.
#[derive(Clone, Debug, Default)]
pub struct Discovered {
    /// The article files, in path order.
    pub files: Vec<SourceFile>,
    /// Entries that could not be visited, and why.
    pub skips: Vec<Skip>,
    /// Every folder walked, whether or not it holds articles.
    pub folders: Vec<PathBuf>,
}

/// Walks `roots` recursively and lists the article files in path order, with the entries that
/// could not be visited. Files of other types are ignored silently, as grep tools do.
pub fn discover(roots: &[PathBuf], follow: bool) -> Discovered {
    walk(roots, true, follow)
}

/// [`discover`] without a `stat` per file: every file has size and mtime 0 (not known). For a
/// first build, where every file is read anyway and [`read_stamped`] takes both from the open
/// file: on a corpus of small files the `stat`s are half the walk.
pub fn discover_unstatted(roots: &[PathBuf], follow: bool) -> Discovered {
    walk(roots, false, follow)
}

/// [`discover`], looking each file up (`stat`) only when `stat`. Links below a root are
/// followed only when `follow` (a root that is a link is always followed): a link can lead
/// out of the corpus, as ripgrep and fd assume too.
fn walk(roots: &[PathBuf], stat: bool, follow: bool) -> Discovered {
    let mut folders = Vec::new();
    // In walk order: the article files found, with their format, to be looked up after the
    // walk, and what could not be visited.
    let mut listed: Vec<Result<(walkdir::DirEntry, Format), Skip>> = Vec::new();
    for root in roots {
        if !root.exists() {
            listed.push(Err(Skip {
                path: root.clone(),
                reason: "no such file or folder".into(),
            }));
            continue;
        }
        // The entries of one folder share its path up to their names, so comparing whole
        // paths as bytes orders them by name, as `sort_by_file_name` would, without taking
        // each name apart from its path at every comparison (a third of the walk of a folder
        // of 19,000 files).
        let walker = walkdir::WalkDir::new(root)
            .follow_links(follow)
            .sort_by(|a, b| a.path().as_os_str().cmp(b.path().as_os_str()))
            .into_iter()
            .filter_entry(|e| !is_index_folder(e));
        for entry in walker {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let path = e
                        .path()
                        .map(Path::to_path_buf)
                        .unwrap_or_else(|| root.clone());
                    let reason = if e.loop_ancestor().is_some() {
                        "symlink loop".to_string()
                    } else {
                        e.io_error()
                            .map_or_else(|| e.to_string(), |io| io.to_string().to_lowercase())
                    };
                    listed.push(Err(Skip { path, reason }));
                    continue;
                }
            };
            // A root that is a link is followed: the user named it. Walkdir descends into a
            // linked folder but still reports the root as a link.
            let root_link = entry.depth() == 0 && entry.path_is_symlink();
            let (is_dir, is_file) = if root_link {
                std::fs::metadata(entry.path())
                    .map_or((false, false), |md| (md.is_dir(), md.is_file()))
            } else {
                (entry.file_type().is_dir(), entry.file_type().is_file())
            };
            if entry.file_type().is_symlink() && !root_link {
                let path = entry.path();
                if format_of(path).is_none() && !path.is_dir() {
                    continue;
                }
                listed.push(Err(Skip {
                    path: entry.path().to_path_buf(),
                    reason: "a link, not followed (--follow to follow links)".into(),
                }));
                continue;
            }
            if is_dir {
                folders.push(entry.path().to_path_buf());
            }
            if !is_file {
                continue;
            }
            let path = entry.path();
            let Some(format) = format_of(path) else {
                continue;
            };
            if path.to_str().is_none() {
                listed.push(Err(Skip {
                    path: path.to_path_buf(),
                    reason: "file name is not valid UTF-8".into(),
                }));
                continue;
            }
            listed.push(Ok((entry, format)));
        }
    }
    // A `stat` per file is most of the walk on a corpus of small files: they run on every core.
    let looked_up: Vec<Result<SourceFile, Skip>> = listed
        .into_par_iter()
        .map(|item| {
            let (entry, format) = item?;
            let path = entry.path().to_path_buf();
            if !stat {
                return Ok(SourceFile {
                    path,
                    format,
                    size: 0,
                    mtime_ns: 0,
                });
            }
            // The file's own size and time, not its link's, for a root that is a link.
            let metadata = if entry.path_is_symlink() {
                std::fs::metadata(&path).map_err(|e| e.to_string())
            } else {
                entry.metadata().map_err(|e| e.to_string())
            };
            match metadata {
                Ok(md) => Ok(SourceFile {
                    path,
                    format,
                    size: md.len(),
                    mtime_ns: mtime_ns(&md),
                }),
                Err(reason) => Err(Skip { path, reason }),
            }
        })
        .collect();
    let (mut files, mut skips) = (Vec::new(), Vec::new());
    for item in looked_up {
        match item {
            Ok(file) => files.push(file),
            Err(skip) => skips.push(skip),
        }
    }
    // A walk of one root lists its files in path order already: a folder's entries by name,
    // and everything under a folder right after it. Files of several roots are merged, and a
    // file under two of them listed once.
    if roots.len() > 1 {
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files.dedup_by(|a, b| a.path == b.path);
    }
    debug_assert!(files.is_sorted_by(|a, b| a.path < b.path));
    Discovered {
        files,
        skips,
        folders,
    }
}

/// Why a file could not be read as an article.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The OS refused.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// NUL bytes: an image, PDF, archive or other binary.
    #[error("binary file (NUL bytes), not text")]
    Binary,
    /// Larger than [`MAX_FILE_BYTES`].
    #[error("file is {0} bytes, over the {MAX_FILE_BYTES}-byte limit")]
    TooLarge(u64),
    /// A compressed file that does not decompress.
    #[error("{0}")]
    Damaged(String),
    /// A device, FIFO, socket or folder: reading it could block or never end.
    #[error("{0}, not a regular file")]
    NotRegular(&'static str),
}

/// What a file that is not a regular file is, in a few words.
fn kind_of(file_type: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_char_device() {
            return "a character device";
        }
        if file_type.is_block_device() {
            return "a block device";
        }
        if file_type.is_fifo() {
            return "a FIFO";
        }
        if file_type.is_socket() {
            return "a socket";
        }
    }
    if file_type.is_dir() {
        "a folder"
    } else {
        "not a file"
    }
}

/// Refuses a path that is not a regular file (after links), before it is opened: opening a
/// FIFO waits for a writer, and `/dev/zero` never ends.
pub fn check_regular(path: &Path) -> Result<(), ReadError> {
    let meta = std::fs::metadata(path)?;
    if meta.is_file() {
        Ok(())
    } else {
        Err(ReadError::NotRegular(kind_of(meta.file_type())))
    }
}

/// Reads and decodes one file.
pub fn read(file: &SourceFile) -> Result<String, ReadError> {
    read_with(file, false).map(|(text, _)| text)
}

/// Size and mtime of a file, as the manifest records them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stamp {
    /// Size in bytes.
    pub size: u64,
    /// Modification time, nanoseconds since the epoch.
    pub mtime_ns: u64,
}

impl Stamp {
    /// The stamp of a file by its metadata.
    pub fn of(meta: &std::fs::Metadata) -> Stamp {
        Stamp {
            size: meta.len(),
            mtime_ns: mtime_ns(meta),
        }
    }
}

/// [`read`], with the size and mtime of the file as it was opened, taken before it is read: a
/// file changed while it is read then has a newer mtime than recorded, and is read again by the
/// next update.
pub fn read_stamped(file: &SourceFile) -> Result<(String, Stamp), ReadError> {
    read_with(file, true).map(|(text, stamp)| (text, stamp.unwrap_or_default()))
}

/// Reads and decodes one file, and stamps it when `stamp` (one `fstat` of the open file).
fn read_with(file: &SourceFile, stamp: bool) -> Result<(String, Option<Stamp>), ReadError> {
    // The size the walk found: a file over the limit is not opened, and no second `stat` is
    // needed for the buffer (a `stat` per file is a tenth of the reading on small files). A
    // file that grew since is still cut off at the limit.
    if file.size > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge(file.size));
    }
    let handle = std::fs::File::open(&file.path)?;
    // Not walked, or asked for: the open file tells.
    let stamp = if stamp || file.size == 0 {
        let meta = handle.metadata()?;
        if !meta.is_file() {
            return Err(ReadError::NotRegular(kind_of(meta.file_type())));
        }
        Some(Stamp::of(&meta))
    } else {
        None
    };
    let size = stamp.map_or(file.size, |s| s.size);
    if size > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge(size));
    }
    let mut bytes = read_sized(&handle, size)?;
    if collection::is_gzipped(&file.path) && bytes.len() as u64 <= MAX_FILE_BYTES {
        bytes = gunzip(&bytes)?;
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        // It grew after the check: say how large it is now.
        let now = handle.metadata().map_or(bytes.len() as u64, |m| m.len());
        return Err(ReadError::TooLarge(now));
    }
    // Valid UTF-8 without a BOM, the common case, becomes the text without a copy.
    let text = if encoding_rs::Encoding::for_bom(&bytes).is_none()
        && !has_nul(&bytes)
        && !is_iso_2022_jp(&bytes)
    {
        match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => decode(e.as_bytes(), file.format)?,
        }
    } else {
        decode(&bytes, file.format)?
    };
    Ok((lone_cr_to_lf(repaired(text)), stamp))
}

/// The text with its mojibake repaired ([`mojibake::repair`]), without a copy when it has none.
pub(crate) fn repaired(text: String) -> String {
    match mojibake::repair(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(fixed) => fixed,
    }
}

/// The decompressed bytes of a gzipped article file, up to [`MAX_FILE_BYTES`] and one more.
fn gunzip(bytes: &[u8]) -> Result<Vec<u8>, ReadError> {
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(bytes)
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut out)
        .map_err(|e| ReadError::Damaged(format!("not a readable gzip file ({e})")))?;
    Ok(out)
}

/// The text with each CR that is not followed by LF made a line end or a space. In a file whose
/// lines end with CR alone (old Mac files: lone CRs outnumber LFs) each is made a LF, as lines
/// are counted at LF. In any other file a stray CR is no line end, as `rg -n`, `grep -n`, `sed`
/// and `less` count lines, so it is made a space: a page with CRs inside its markup is cited at
/// the lines those tools show. The text keeps its length, so offsets hold.
fn lone_cr_to_lf(text: String) -> String {
    let lone = |b: &[u8]| {
        memchr::memchr_iter(b'\r', b)
            .filter(|&i| b.get(i + 1) != Some(&b'\n'))
            .collect::<Vec<usize>>()
    };
    // CRLF files, the common case with CRs, are returned as they are, without a copy.
    let at = lone(text.as_bytes());
    if at.is_empty() {
        return text;
    }
    let line_end = if at.len() > memchr::memchr_iter(b'\n', text.as_bytes()).count() {
        b'\n'
    } else {
        b' '
    };
    let mut bytes = text.into_bytes();
    for i in at {
        bytes[i] = line_end;
    }
    // One ASCII byte for another: still UTF-8.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// UTF-32 text after its byte order mark (`FF FE 00 00` little-endian, `00 00 FE FF`
/// big-endian), which encoding_rs does not decode: it would read the first as UTF-16.
fn decode_utf32(bytes: &[u8]) -> Option<String> {
    let little = match bytes.get(..4)? {
        [0xFF, 0xFE, 0, 0] => true,
        [0, 0, 0xFE, 0xFF] => false,
        _ => return None,
    };
    let units = bytes[4..].chunks_exact(4);
    let odd_end = !units.remainder().is_empty();
    let mut text: String = units
        .map(|u| {
            let u = [u[0], u[1], u[2], u[3]];
            let n = if little {
                u32::from_le_bytes(u)
            } else {
                u32::from_be_bytes(u)
            };
            char::from_u32(n).unwrap_or(char::REPLACEMENT_CHARACTER)
        })
        .collect();
    if odd_end {
        text.push(char::REPLACEMENT_CHARACTER);
    }
    Some(text)
}

/// Whether the first 8 KB of a file hold a NUL byte: then it is binary, not text.
fn has_nul(bytes: &[u8]) -> bool {
    memchr::memchr(0, &bytes[..bytes.len().min(8192)]).is_some()
}

/// The bytes of an open file of `size` bytes as far as [`MAX_FILE_BYTES`] and one more. A read
/// that leaves room in the buffer after `size` bytes is the file's end: one system call reads a
/// file whose size is known, where reading until a read returns nothing takes two (on a corpus
/// of small files, a tenth of its reading).
fn read_sized(mut file: &std::fs::File, size: u64) -> std::io::Result<Vec<u8>> {
    let mut bytes = vec![0; size.min(MAX_FILE_BYTES) as usize + 1];
    let mut filled = 0;
    loop {
        let n = match file.read(&mut bytes[filled..]) {
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        filled += n;
        if filled == bytes.len() {
            // It grew since the walk: read on, as far as the limit and one byte more.
            bytes.truncate(filled);
            file.take(MAX_FILE_BYTES + 1 - filled as u64)
                .read_to_end(&mut bytes)?;
            return Ok(bytes);
        }
        if n == 0 || filled as u64 >= size {
            bytes.truncate(filled);
            return Ok(bytes);
        }
    }
}

/// Decodes file bytes to text: BOM first, then UTF-8, then the HTML's declared charset, then a
/// detected legacy encoding. Binary content is refused.
pub fn decode(bytes: &[u8], format: Format) -> Result<String, ReadError> {
    decode_declared(bytes, format, None)
}

/// [`decode`] with the charset the transport declared (a WARC record's HTTP `Content-Type`),
/// which outranks the page's own `<meta charset>`, as in a browser. In order:
/// - a byte order mark (UTF-8, UTF-16, UTF-32);
/// - UTF-16 without a mark, when the transport says so;
/// - ISO-2022-JP, told by its escapes (it is valid UTF-8 as well);
/// - UTF-8, also with a few stray bytes (a file cut in the middle of a character, a
///   Windows-1252 quote pasted in): the declaration of a page whose bytes are UTF-8 is wrong
///   more often than the bytes, and a guess would turn all its text into mojibake;
/// - the transport's charset, then the page's `<meta charset>` or `http-equiv` (HTML only);
/// - the encoding chardetng guesses (Windows-1252, -1251, KOI8-R, Shift_JIS, EUC-JP, GBK,
///   Big5, ...).
///
/// Every one of these keeps line breaks where they were, so lines are those of the file.
pub(crate) fn decode_declared(
    bytes: &[u8],
    format: Format,
    transport: Option<&'static encoding_rs::Encoding>,
) -> Result<String, ReadError> {
    if let Some(text) = decode_utf32(bytes) {
        return Ok(text);
    }
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return Ok(text.into_owned());
    }
    if let Some(utf16) =
        transport.filter(|e| *e == encoding_rs::UTF_16LE || *e == encoding_rs::UTF_16BE)
    {
        let (text, _) = utf16.decode_without_bom_handling(bytes);
        return Ok(text.into_owned());
    }
    if has_nul(bytes) {
        return Err(ReadError::Binary);
    }
    if is_iso_2022_jp(bytes) {
        let (text, _) = encoding_rs::ISO_2022_JP.decode_without_bom_handling(bytes);
        return Ok(text.into_owned());
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(text.to_string());
    }
    if mostly_utf8(bytes) {
        return Ok(String::from_utf8_lossy(bytes).into_owned());
    }
    let declared = transport.or_else(|| match format {
        Format::Html => declared_charset(bytes),
        Format::Text => None,
    });
    // Bytes that are not UTF-8 under a UTF-8 declaration (a common misconfiguration), a page
    // that says UTF-16 in ASCII bytes (HTML reads it as UTF-8), one that names an encoding no
    // browser decodes (ISO-2022-KR and the like, one U+FFFD): the guess reads them better.
    let encoding = declared
        .map(encoding_rs::Encoding::output_encoding)
        .filter(|e| *e != encoding_rs::UTF_8)
        .unwrap_or_else(|| {
            let mut detector = chardetng::EncodingDetector::new();
            detector.feed(bytes, true);
            detector.guess(None, true)
        });
    let (text, _, _) = encoding.decode(bytes);
    Ok(text.into_owned())
}

/// Whether bytes that are not valid UTF-8 are UTF-8 all the same: at least
/// [`UTF8_CHARS_PER_STRAY`] characters beyond ASCII for each run of stray bytes. Text in a
/// legacy encoding is never close: Windows-1252 makes a valid UTF-8 sequence only by chance
/// (`Ã©`), and GBK or Shift_JIS, whose pairs often are valid UTF-8, make invalid ones as often.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut wide, mut stray) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        wide += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        stray += usize::from(!chunk.invalid().is_empty());
    }
    stray > 0 && wide >= UTF8_CHARS_PER_STRAY * stray
}

/// Whether `bytes` are ISO-2022-JP, the 7-bit Japanese of older news pages and mail: valid
/// ASCII, so UTF-8 too, told by its escapes into JIS X 0208 (`ESC $ B`, `ESC $ @`), which
/// UTF-8 text never holds.
fn is_iso_2022_jp(bytes: &[u8]) -> bool {
    memchr::memchr_iter(0x1B, bytes).any(|i| matches!(bytes.get(i + 1..i + 3), Some(b"$B" | b"$@")))
}

/// See [`mostly_utf8`].
const UTF8_CHARS_PER_STRAY: usize = 10;

/// The charset an HTML page declares in its first 2 KB (`<meta charset=...>` or
/// `content="text/html; charset=..."`).
fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(2048)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let at = lower.windows(8).position(|w| w == b"charset=")? + 8;
    charset_label(&lower[at..])
}

/// The encoding named at the start of `rest`, the text after `charset=` (quoted or not, ended
/// by a quote, `;`, a space or `>`).
pub(crate) fn charset_label(rest: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let rest = rest
        .strip_prefix(b"\"")
        .or(rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.')))
        .unwrap_or(rest.len());
    encoding_rs::Encoding::for_label(&rest[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_is_detected_not_replaced() {
        let bytes = b"The caf\xe9 said \x93hello\x94 to the na\xefve reporter again and again.";
        let text = decode(bytes, Format::Text).unwrap_or_default();
        assert!(text.contains("café") && text.contains("“hello”"), "{text}");
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Héllo".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&bytes, Format::Text).unwrap_or_default(), "Héllo");
    }

    #[test]
    fn utf32_with_bom_is_decoded_both_ways() {
        for little in [true, false] {
            let mut bytes = if little {
                vec![0xFF, 0xFE, 0, 0]
            } else {
                vec![0, 0, 0xFE, 0xFF]
            };
            for c in "Héllo 🎉".chars() {
                let n = c as u32;
                bytes.extend(if little {
                    n.to_le_bytes()
                } else {
                    n.to_be_bytes()
                });
            }
            assert_eq!(
                decode(&bytes, Format::Text).ok().as_deref(),
                Some("Héllo 🎉")
            );
        }
    }

    #[test]
    fn a_lone_cr_ends_a_line_and_crlf_stays() {
        assert_eq!(lone_cr_to_lf("a\rb\r\nc\rd\r".into()), "a\nb\r\nc\nd\n");
        assert_eq!(lone_cr_to_lf("é\r😀".into()), "é\n😀");
    }

    #[test]
    fn a_stray_cr_in_a_file_of_lf_lines_is_no_line_end() {
        // A page whose markup holds a few CRs is cited at the lines `rg -n` shows.
        assert_eq!(
            lone_cr_to_lf("<p>a\rb</p>\n<p>c</p>\r\n<p>d</p>\n".into()),
            "<p>a b</p>\n<p>c</p>\r\n<p>d</p>\n"
        );
    }

    #[test]
    fn html_meta_charset_is_honoured() {
        let bytes = b"<html><head><meta charset=\"iso-8859-1\"></head><body>na\xefve</body></html>";
        assert!(decode(bytes, Format::Html)
            .unwrap_or_default()
            .contains("naïve"));
    }

    #[test]
    fn utf8_with_a_few_stray_bytes_stays_utf8() {
        // Cut in the middle of its last character.
        let mut cut = "中美两国代表团星期四在日内瓦恢复了贸易谈判。"
            .as_bytes()
            .to_vec();
        cut.extend_from_slice(&"谈".as_bytes()[..2]);
        assert_eq!(
            decode(&cut, Format::Text).ok().as_deref(),
            Some("中美两国代表团星期四在日内瓦恢复了贸易谈判。\u{fffd}")
        );
        // Windows-1252 quotes pasted into a page of UTF-8.
        let page = "Le négociateur a déclaré à l’agence que la séance était close. ".repeat(8);
        let mut pasted = page.as_bytes().to_vec();
        pasted.extend_from_slice(b"\x93progr\xe8s\x94");
        assert_eq!(
            decode(&pasted, Format::Text).ok(),
            Some(format!("{page}\u{fffd}progr\u{fffd}s\u{fffd}"))
        );
    }

    #[test]
    fn iso_2022_jp_is_told_by_its_escapes_though_it_is_ascii() {
        let text = "東京で貿易交渉が再開\n日本と米国の代表団は木曜日、交渉を再開した。\n";
        let (bytes, _, _) = encoding_rs::ISO_2022_JP.encode(text);
        assert!(bytes.is_ascii() && is_iso_2022_jp(&bytes));
        for format in [Format::Text, Format::Html] {
            assert_eq!(decode(&bytes, format).ok().as_deref(), Some(text));
        }
        assert!(!is_iso_2022_jp("\u{1b}[1mbold\u{1b}[0m $B".as_bytes()));
    }

    #[test]
    fn legacy_encodings_whose_pairs_look_like_utf8_are_not_taken_for_it() {
        let chinese =
            "中美两国代表团星期四在日内瓦恢复了中断数月的贸易谈判，双方讨论了钢铁和铝的关税问题。";
        let japanese = "日本と米国の代表団は木曜日、東京で貿易交渉を再開した。双方は鉄鋼とアルミニウムへの関税について協議した。";
        for (text, encoding) in [
            (chinese, encoding_rs::GBK),
            (chinese, encoding_rs::BIG5),
            (japanese, encoding_rs::SHIFT_JIS),
            (japanese, encoding_rs::EUC_JP),
        ] {
            let (bytes, _, _) = encoding.encode(text);
            assert!(!mostly_utf8(&bytes), "{}", encoding.name());
        }
        let (bytes, _, _) = encoding_rs::GBK.encode(chinese);
        assert_eq!(decode(&bytes, Format::Text).ok().as_deref(), Some(chinese));
    }

    #[test]
    fn a_declaration_that_cannot_be_right_is_passed_over_for_a_guess() {
        let page = |charset: &str| {
            let mut bytes =
                format!("<html><head><meta charset=\"{charset}\"></head><body><p>").into_bytes();
            bytes.extend_from_slice(b"Le n\xe9gociateur a d\xe9clar\xe9 \xe0 Gen\xe8ve : \x93nous avons fait des progr\xe8s\x94.</p></body></html>");
            bytes
        };
        // UTF-16 said in ASCII bytes, UTF-8 over Windows-1252 bytes, an encoding no browser reads.
        for charset in ["utf-16", "utf-8", "iso-2022-kr"] {
            let text = decode(&page(charset), Format::Html).unwrap_or_default();
            assert!(
                text.contains("Le négociateur a déclaré à Genève : “nous"),
                "{charset}: {text}"
            );
        }
    }

    #[test]
    fn a_charset_label_ends_at_a_quote_semicolon_or_space() {
        for label in [
            &b"shift_jis"[..],
            b"\"Shift_JIS\"; x=y",
            b"'shift_jis'>",
            b"shift_jis ;",
        ] {
            assert_eq!(charset_label(label), Some(encoding_rs::SHIFT_JIS));
        }
        assert_eq!(charset_label(b"\"\""), None);
    }

    fn source(path: &Path) -> SourceFile {
        SourceFile {
            path: path.to_path_buf(),
            format: Format::Text,
            size: 0,
            mtime_ns: 0,
        }
    }

    #[test]
    fn a_file_is_read_up_to_the_size_limit_and_refused_past_it() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("a.txt");
        let limit = MAX_FILE_BYTES as usize;
        std::fs::write(&path, "a".repeat(limit)).expect("writing the test file");
        assert_eq!(read(&source(&path)).map(|t| t.len()).ok(), Some(limit));
        // Refused by the size of the open file when the walk's is not known (0 here)...
        std::fs::write(&path, "a".repeat(limit + 1)).expect("writing the test file");
        assert!(matches!(
            read(&source(&path)),
            Err(ReadError::TooLarge(n)) if n == MAX_FILE_BYTES + 1
        ));
        // ...by the cap on the read when it grew after the walk...
        let grown = SourceFile {
            size: 10,
            ..source(&path)
        };
        assert!(matches!(
            read(&grown),
            Err(ReadError::TooLarge(n)) if n == MAX_FILE_BYTES + 1
        ));
        // ...and by the walk's size, unopened, when it is over the limit.
        let walked = discover(&[dir.path().to_path_buf()], true).files;
        assert_eq!(walked[0].size, MAX_FILE_BYTES + 1);
        std::fs::remove_file(&path).expect("removing the test file");
        assert!(matches!(
            read(&walked[0]),
            Err(ReadError::TooLarge(n)) if n == MAX_FILE_BYTES + 1
        ));
    }

    #[test]
    fn a_file_is_read_whole_whatever_size_the_walk_gave() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("a.txt");
        let text = "Ten bytes.".repeat(1000);
        std::fs::write(&path, &text).expect("writing the test file");
        // Unknown, as it is, grown since the walk, shrunk since the walk.
        for size in [0, 10_000, 10, 1, 50_000] {
            let file = SourceFile {
                size,
                ..source(&path)
            };
            assert_eq!(read(&file).ok().as_deref(), Some(text.as_str()), "{size}");
        }
        std::fs::write(&path, "").expect("emptying the test file");
        assert_eq!(read(&source(&path)).ok().as_deref(), Some(""));
    }

    #[test]
    fn a_nul_byte_past_the_first_8_kb_is_not_binary() {
        let mut bytes = vec![b'a'; 8192];
        assert!(!has_nul(&bytes));
        bytes.push(0);
        assert!(!has_nul(&bytes));
        bytes[8191] = 0;
        assert!(has_nul(&bytes));
        assert!(!has_nul(b""));
    }

    #[test]
    fn nul_bytes_mean_binary() {
        assert!(matches!(
            decode(b"PK\x03\x04\x00\x00", Format::Text),
            Err(ReadError::Binary)
        ));
    }

    #[test]
    fn a_walk_lists_files_in_path_order_and_each_once() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        // Names where byte order and path order part: '-' and '.' sort before '/'.
        for name in [
            "b.txt",
            "a.txt",
            "a-b.txt",
            "a/z.txt",
            "a/b/c.txt",
            "B.txt",
            "a b.txt",
        ] {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().expect("a parent")).expect("a folder");
            std::fs::write(&path, "text").expect("writing a test file");
        }
        let names = |files: &[SourceFile]| -> Vec<String> {
            files
                .iter()
                .map(|f| path_key(f.path.strip_prefix(dir.path()).expect("under the root")))
                .collect()
        };
        let expected = [
            "B.txt",
            "a/b/c.txt",
            "a/z.txt",
            "a b.txt",
            "a-b.txt",
            "a.txt",
            "b.txt",
        ];
        let root = dir.path().to_path_buf();
        assert_eq!(
            names(&discover(std::slice::from_ref(&root), true).files),
            expected
        );
        assert_eq!(
            names(&discover_unstatted(std::slice::from_ref(&root), true).files),
            expected
        );
        // Roots that overlap: merged in path order, a file under both listed once.
        let both = discover(&[dir.path().join("a"), root], true).files;
        assert_eq!(names(&both), expected);
    }
}
