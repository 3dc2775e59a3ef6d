//! Compressed inputs: `.gz`, `.bz2` and `.zst` files are read through a decoder, chosen by the
//! file name's last extension, so every command that reads RDF reads them the same way.

use crate::error::{Error, Location, Result};
use std::io::{BufReader, Read};
use std::path::Path;

/// A compression newsgraph reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    /// `.gz` (also multi-member files, as `cat a.gz b.gz` gives).
    Gzip,
    /// `.bz2` (also multi-stream files).
    Bzip2,
    /// `.zst`.
    Zstd,
}

/// The compression a file name's last extension names, and the name without that extension:
/// `codex.nt.gz` → (`codex.nt`, gzip).
pub fn split_compression(name: &str) -> (&str, Option<Compression>) {
    for (extension, kind) in [(".gz", Compression::Gzip), (".bz2", Compression::Bzip2), (".zst", Compression::Zstd)] {
        if let Some(inner) = name.strip_suffix(extension) {
            return (inner, Some(kind));
        }
    }
    (name, None)
}

/// Wraps `reader` in the decoder `compression` needs (none: buffered as it is). `source` names
/// the input in errors.
pub fn decompress<'a>(reader: impl Read + Send + 'a, compression: Option<Compression>, source: &str) -> Result<Box<dyn Read + Send + 'a>> {
    let reader = BufReader::with_capacity(1 << 16, reader);
    Ok(match compression {
        None => Box::new(reader),
        Some(Compression::Gzip) => Box::new(flate2::read::MultiGzDecoder::new(reader)),
        Some(Compression::Bzip2) => Box::new(bzip2::read::MultiBzDecoder::new(reader)),
        Some(Compression::Zstd) => Box::new(
            ruzstd::decoding::StreamingDecoder::new(reader).map_err(|e| decompress_error(source, std::io::Error::other(e.to_string())))?,
        ),
    })
}

/// Opens `path`, decompressing by its extension.
pub fn open_decompressed(path: &Path) -> Result<Box<dyn Read + Send>> {
    let file = std::fs::File::open(path).map_err(|source| Error::Io { path: path.to_path_buf(), source })?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    decompress(file, split_compression(name).1, &path.display().to_string())
}

/// A read error from a decoder: the file is not what its extension says, or is truncated.
pub(crate) fn decompress_error(source: &str, error: std::io::Error) -> Error {
    Error::RdfSyntax { location: Location::new(source), message: format!("cannot decompress: {error}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_extension_names_the_compression() {
        assert_eq!(split_compression("a.nt.gz"), ("a.nt", Some(Compression::Gzip)));
        assert_eq!(split_compression("a.ttl.bz2"), ("a.ttl", Some(Compression::Bzip2)));
        assert_eq!(split_compression("a.nq.zst"), ("a.nq", Some(Compression::Zstd)));
        assert_eq!(split_compression("a.gz.nt"), ("a.gz.nt", None));
    }

    #[test]
    fn gzip_round_trip() {
        use std::io::Write;
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        encoder.write_all(b"<a:s> <a:p> <a:o> .\n").unwrap();
        let bytes = encoder.finish().unwrap();
        let mut text = String::new();
        decompress(&bytes[..], Some(Compression::Gzip), "x.nt.gz").unwrap().read_to_string(&mut text).unwrap();
        assert_eq!(text, "<a:s> <a:p> <a:o> .\n");
    }
}
