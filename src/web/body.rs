//! A data file's body, read from its `Response` as it streams in, and stopped at the page's
//! byte limit before the rest is read or copied: a `Content-Length` over the limit refuses the
//! file at once, and a body without one is cancelled as soon as it passes the limit. The
//! bytes are copied into the wasm's memory once, never through a JavaScript string.

use crate::data::load::over_limit;
use crate::data::report::DataFile;
use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ReadableStreamDefaultReader, Response};

/// Why a body could not be read: the file is over the limit (a data error, located at the
/// file), or the browser failed to read it.
pub enum BodyError {
    /// Over the limit.
    TooBig(crate::Error),
    /// The network or the browser failed.
    Browser(JsValue),
}

impl From<JsValue> for BodyError {
    fn from(e: JsValue) -> BodyError {
        BodyError::Browser(e)
    }
}

/// The bytes of `response`'s body, `file` being which data file it is, at most `limit` of
/// them. Boxed: each caller's future then shares one copy of the reading loop instead of
/// inlining its own into the download.
pub fn read(
    response: &Response,
    file: DataFile,
    limit: usize,
) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<Vec<u8>, BodyError>> + '_>> {
    Box::pin(read_body(response, file, limit))
}

async fn read_body(
    response: &Response,
    file: DataFile,
    limit: usize,
) -> Result<Vec<u8>, BodyError> {
    let too_big = |size| BodyError::TooBig(over_limit(file, size, limit).into());
    // A compressed body's Content-Length counts the compressed bytes, not the file's.
    let headers = response.headers();
    let plain = headers
        .get("content-encoding")?
        .map_or(true, |e| e.trim().eq_ignore_ascii_case("identity"));
    let declared = headers
        .get("content-length")?
        .and_then(|n| n.trim().parse::<usize>().ok())
        .filter(|_| plain);
    let Some(body) = response.body() else {
        return Ok(Vec::new());
    };
    if let Some(size) = declared.filter(|&n| n > limit) {
        // Said before a byte of it arrives: nothing is read.
        let _ = body.cancel();
        return Err(too_big(Some(size)));
    }
    // The chunks stay in the browser's memory until the last has arrived; then the wasm's
    // memory grows once, by exactly the file's size (a vector grown as chunks came would
    // double its way up and keep the high-water mark: wasm memory is never given back).
    let reader: ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    let mut chunks: Vec<Uint8Array> = Vec::new();
    let mut total = 0usize;
    loop {
        let step = JsFuture::from(reader.read()).await?;
        if Reflect::get(&step, &"done".into())?.is_truthy() {
            break;
        }
        let chunk: Uint8Array = Reflect::get(&step, &"value".into())?.unchecked_into();
        total += chunk.length() as usize;
        if total > limit {
            // Stop the download: the rest is never read.
            let _ = reader.cancel();
            return Err(too_big(None));
        }
        chunks.push(chunk);
    }
    let mut out = vec![0; total];
    let mut at = 0;
    for chunk in chunks {
        let len = chunk.length() as usize;
        if let Some(room) = out.get_mut(at..at + len) {
            chunk.copy_to(room);
        }
        at += len;
    }
    Ok(out)
}
