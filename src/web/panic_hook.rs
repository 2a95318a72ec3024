//! A panic hook that leaves a readable message. The release build aborts on panic, which the
//! browser reports only as an opaque `unreachable` trap; the hook first stores what happened
//! and where as the last answer (see `abi.rs`), which the page reads and logs when a call
//! traps. No import is needed, so the module loads anywhere, tests included.

use std::sync::atomic::{AtomicBool, Ordering};

/// Installs the hook once per page.
pub fn install() {
    // A flag rather than `std::sync::Once`, whose machinery the single-threaded wasm does
    // not need.
    static INSTALLED: AtomicBool = AtomicBool::new(false);
    if INSTALLED.swap(true, Ordering::Relaxed) {
        return;
    }
    // Not chained to the hook it replaces: reaching std's default hook would add 2 KB of
    // printing machinery to the download. Only the page's entry point (`jjm_new`) installs
    // it, so tests that drive `MapCore` directly keep their runner's hook.
    std::panic::set_hook(Box::new(|info| {
        // Written piece by piece: the hook info's own formatting costs the download bytes.
        let mut text = String::from("jingjinji-map: internal error (please report it): ");
        let payload = info.payload();
        let what = payload.downcast_ref::<&str>().copied();
        let what = what.or_else(|| payload.downcast_ref::<String>().map(String::as_str));
        text.push_str(what.unwrap_or("unexpected state"));
        if let Some(at) = info.location() {
            text.push_str(" at ");
            text.push_str(at.file());
            text.push(':');
            text.push_str(&crate::i18n::decimal(f64::from(at.line()), 0));
        }
        super::abi::answer(text.as_bytes());
    }));
}
