//! A panic hook that logs a readable message. The release build aborts on panic, which the
//! browser reports only as an opaque `unreachable` trap; this says what happened and where.

use std::sync::Once;

/// Installs the hook once per page.
pub fn install() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let message = format!("jingjinji-map: internal error (please report it): {info}");
            web_sys::console::error_1(&message.into());
        }));
    });
}
