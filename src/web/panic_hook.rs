//! A panic hook that logs a readable message. The release build aborts on panic, which the
//! browser reports only as an opaque `unreachable` trap; this says what happened and where.

use std::sync::atomic::{AtomicBool, Ordering};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console)]
    fn error(message: &str);
}

/// Installs the hook once per page.
pub fn install() {
    // A flag rather than `std::sync::Once`, whose machinery the single-threaded wasm does
    // not need.
    static INSTALLED: AtomicBool = AtomicBool::new(false);
    if INSTALLED.swap(true, Ordering::Relaxed) {
        return;
    }
    std::panic::set_hook(Box::new(|info| {
        error(&format!(
            "jingjinji-map: internal error (please report it): {info}"
        ));
    }));
}
