//! Event listeners owned by the widget: each one removes itself from its target when dropped,
//! so destroying a map leaves nothing behind in the page.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{AddEventListenerOptions, Event, EventTarget};

/// A registered DOM event listener that unregisters on drop.
pub struct Listener {
    target: EventTarget,
    kind: &'static str,
    closure: Closure<dyn FnMut(Event)>,
}

impl Listener {
    /// Adds `handler` for `kind` events on `target`.
    pub fn new(
        target: &EventTarget,
        kind: &'static str,
        handler: impl FnMut(Event) + 'static,
    ) -> Result<Listener, JsValue> {
        Listener::register(target, kind, handler, None)
    }

    /// Adds `handler` for `kind` events that it may cancel (`passive: false`): a wheel or a
    /// touch move the map takes over instead of scrolling the page.
    pub fn cancelling(
        target: &EventTarget,
        kind: &'static str,
        handler: impl FnMut(Event) + 'static,
    ) -> Result<Listener, JsValue> {
        let options = AddEventListenerOptions::new();
        options.set_passive(false);
        Listener::register(target, kind, handler, Some(&options))
    }

    fn register(
        target: &EventTarget,
        kind: &'static str,
        handler: impl FnMut(Event) + 'static,
        options: Option<&AddEventListenerOptions>,
    ) -> Result<Listener, JsValue> {
        let closure = Closure::<dyn FnMut(Event)>::new(handler);
        let callback = closure.as_ref().unchecked_ref();
        match options {
            Some(o) => target.add_event_listener_with_callback_and_add_event_listener_options(
                kind, callback, o,
            )?,
            None => target.add_event_listener_with_callback(kind, callback)?,
        }
        Ok(Listener {
            target: target.clone(),
            kind,
            closure,
        })
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        // Nothing useful can be done if removal fails during teardown.
        let _ = self
            .target
            .remove_event_listener_with_callback(self.kind, self.closure.as_ref().unchecked_ref());
    }
}
