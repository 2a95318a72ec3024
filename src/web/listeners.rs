//! Every callback the map hands the browser, owned: a listener is added when made and removed
//! when dropped, as `gloo-events` does, and each goes through the page's guard first (a
//! function the shell gives, which turns a trap in Rust into every map's error state instead
//! of an uncaught exception in the page's event loop). The `Closure`s live here, so dropping
//! the set drops them all.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{AddEventListenerOptions, EventTarget};

/// The shell's guard: `guard(fn)` answers `fn` wrapped.
#[derive(Clone)]
pub struct Guard(pub js_sys::Function);

impl Guard {
    /// `closure` as the guarded function the browser is given.
    pub fn wrap<T: ?Sized>(&self, closure: &Closure<T>) -> Result<js_sys::Function, JsValue> {
        Ok(self
            .0
            .call1(&JsValue::NULL, closure.as_ref())?
            .unchecked_into())
    }
}

/// A callback the browser holds (a frame, a timer, an observer), kept alive here.
pub struct Callback {
    /// The guarded function to hand the browser.
    pub function: js_sys::Function,
    _closure: Closure<dyn FnMut(JsValue)>,
}

impl Callback {
    /// `f`, guarded. Not generic, so its code is in the download once, not once per
    /// callback (each caller boxes its own closure).
    pub fn new(guard: &Guard, f: Box<dyn FnMut(JsValue)>) -> Result<Callback, JsValue> {
        let closure = Closure::wrap(f);
        Ok(Callback {
            function: guard.wrap(&closure)?,
            _closure: closure,
        })
    }
}

/// One event listener, removed when dropped.
pub struct Listener {
    target: EventTarget,
    kind: &'static str,
    callback: Callback,
}

impl Listener {
    /// Listens for `kind` events on `target`. `cancelling` listeners may call
    /// `preventDefault` (they are not passive: a wheel or two-finger move that zooms the map
    /// must not scroll the page). `f` is given the event as it comes (a `JsValue`).
    pub fn new(
        guard: &Guard,
        target: &EventTarget,
        kind: &'static str,
        cancelling: bool,
        f: Box<dyn FnMut(JsValue)>,
    ) -> Result<Listener, JsValue> {
        let callback = Callback::new(guard, f)?;
        let options = AddEventListenerOptions::new();
        options.set_passive(!cancelling);
        target.add_event_listener_with_callback_and_add_event_listener_options(
            kind,
            &callback.function,
            &options,
        )?;
        Ok(Listener {
            target: target.clone(),
            kind,
            callback,
        })
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        // Nothing to do if the page's side is already gone.
        let _ = self.target.remove_event_listener_with_callback_and_bool(
            self.kind,
            &self.callback.function,
            false,
        );
    }
}
