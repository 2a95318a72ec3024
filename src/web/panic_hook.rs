//! A panic hook that logs a readable message. The release build aborts on panic, which the
//! browser reports only as an opaque `unreachable` trap; this says what happened and where.

use std::sync::Once;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console)]
    fn error(message: &str);
}

/// Installs the hook once per page.
pub fn install() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            error(&format!(
                "jingjinji-map: internal error (please report it): {info}"
            ));
        }));
    });
}
