//! DOM events in, map messages out: pointer (hover, click, drag, double-click), wheel (zoom
//! only with ctrl/⌘, so a plain wheel scrolls the page), touch (two fingers pan and zoom,
//! one finger scrolls the page), keys, the zoom buttons, the list of places, the URL's hash
//! and the canvas's size. Every listener is returned to its owner, which removes it.

use super::listeners::Listener;
use super::widget::{report, Inner, Observer, Origin};
use crate::geo::coords::Css;
use crate::i18n::Ui;
use crate::ui::focus::Direction;
use crate::ui::gesture::{Drag, Pinch};
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    Element, Event, EventTarget, KeyboardEvent, MouseEvent, PointerEvent, ResizeObserver,
    TouchEvent, WheelEvent,
};

/// How far (CSS px) one finger must move before the map says how to pan it.
const TOUCH_HINT_PX: f64 = 10.0;
/// Zoom per pixel of wheel travel with ctrl/⌘ (trackpad pinches arrive this way too).
const WHEEL_ZOOM_PER_PX: f64 = 0.002;

/// Adds a listener whose handler gets the live state and the event as type `E`.
fn on<E: JsCast>(
    weak: &Weak<Inner>,
    target: &EventTarget,
    kind: &'static str,
    cancelling: bool,
    handler: impl Fn(&Inner, &E) + 'static,
) -> Result<Listener, JsValue> {
    let weak = weak.clone();
    let call = move |e: Event| {
        if let (Some(inner), Some(e)) = (weak.upgrade(), e.dyn_ref::<E>()) {
            handler(&inner, e);
        }
    };
    if cancelling {
        Listener::cancelling(target, kind, call)
    } else {
        Listener::new(target, kind, call)
    }
}

/// The first two touches of a touch event, in CSS px relative to the canvas.
fn touches(inner: &Inner, e: &TouchEvent) -> Vec<Css> {
    let list = e.touches();
    (0..list.length().min(2))
        .filter_map(|k| list.get(k))
        .map(|t| inner.client_to_css(f64::from(t.client_x()), f64::from(t.client_y())))
        .collect()
}

fn is_mac() -> bool {
    web_sys::window()
        .and_then(|w| w.navigator().user_agent().ok())
        .is_some_and(|ua| ua.contains("Mac"))
}

fn pointer_events(weak: &Weak<Inner>, canvas: &EventTarget) -> Result<Vec<Listener>, JsValue> {
    Ok(vec![
        on(weak, canvas, "click", false, |inner, e: &MouseEvent| {
            if inner.suppress_click.replace(false) {
                return; // the end of a drag or a pinch
            }
            let at = inner.pointer_css(e);
            let id = inner.map.borrow().id_at(at).map(str::to_string);
            report(inner.select(id.as_deref(), Origin::Pointer));
        })?,
        on(
            weak,
            canvas,
            "pointerdown",
            false,
            |inner, e: &PointerEvent| {
                if e.pointer_type() == "touch" || e.button() != 0 {
                    return; // fingers scroll the page or pinch; see the touch handlers
                }
                inner.suppress_click.set(false);
                inner
                    .drag
                    .set(Some((e.pointer_id(), Drag::start(inner.pointer_css(e)))));
                let _ = inner.dom.canvas.set_pointer_capture(e.pointer_id());
            },
        )?,
        on(
            weak,
            canvas,
            "pointermove",
            false,
            |inner, e: &PointerEvent| {
                if let Some((id, mut drag)) = inner.drag.get() {
                    if id == e.pointer_id() {
                        let (dx, dy) = drag.move_to(inner.pointer_css(e));
                        inner.drag.set(Some((id, drag)));
                        if drag.is_drag() {
                            inner.hover(None);
                            let _ = inner.dom.canvas.style().set_property("cursor", "grabbing");
                            inner.stop_animation();
                            if inner.map.borrow_mut().pan_by(dx, dy) {
                                inner.request_draw();
                            }
                        }
                        return;
                    }
                }
                if e.pointer_type() != "touch" {
                    inner.hover(Some(inner.pointer_css(e)));
                }
            },
        )?,
        on(
            weak,
            canvas,
            "pointerup",
            false,
            |inner, e: &PointerEvent| {
                end_drag(inner, e);
            },
        )?,
        on(
            weak,
            canvas,
            "pointercancel",
            false,
            |inner, e: &PointerEvent| {
                end_drag(inner, e);
            },
        )?,
        on(weak, canvas, "pointerleave", false, |inner, _: &Event| {
            if inner.drag.get().is_none() {
                inner.hover(None);
            }
        })?,
        on(weak, canvas, "dblclick", false, |inner, e: &MouseEvent| {
            let at = inner.pointer_css(e);
            let target = inner.map.borrow().zoomed_view(2.0, Some(at));
            inner.animate_to(target);
        })?,
        on(weak, canvas, "wheel", true, |inner, e: &WheelEvent| {
            if !(e.ctrl_key() || e.meta_key()) {
                // No scroll trap: the page scrolls; say how to zoom instead.
                inner.hint(if is_mac() {
                    Ui::WheelHintMac
                } else {
                    Ui::WheelHint
                });
                return;
            }
            e.prevent_default();
            let unit = match e.delta_mode() {
                1 => 16.0,  // lines
                2 => 400.0, // pages
                _ => 1.0,
            };
            let factor = (-e.delta_y() * unit * WHEEL_ZOOM_PER_PX).exp();
            inner.stop_animation();
            let at = inner.pointer_css(e);
            if inner.map.borrow_mut().zoom_by(factor, Some(at)) {
                inner.request_draw();
            }
        })?,
    ])
}

fn end_drag(inner: &Inner, e: &PointerEvent) {
    if let Some((id, drag)) = inner.drag.get() {
        if id == e.pointer_id() {
            inner.drag.set(None);
            // The click that follows a drag's release must not select.
            inner.suppress_click.set(drag.is_drag());
            let _ = inner.dom.canvas.style().set_property("cursor", "");
        }
    }
}

fn touch_events(weak: &Weak<Inner>, canvas: &EventTarget) -> Result<Vec<Listener>, JsValue> {
    Ok(vec![
        on(
            weak,
            canvas,
            "touchstart",
            false,
            |inner, e: &TouchEvent| match touches(inner, e).as_slice() {
                [a, b] => {
                    inner.pinch.set(Pinch::start(*a, *b));
                    inner.touch_start.set(None);
                }
                [a] => inner.touch_start.set(Some(*a)),
                _ => {}
            },
        )?,
        on(weak, canvas, "touchmove", true, |inner, e: &TouchEvent| {
            match (touches(inner, e).as_slice(), inner.pinch.get()) {
                ([a, b], Some(mut pinch)) => {
                    // Two fingers are the map's: it pans and zooms, the page stays.
                    e.prevent_default();
                    if let Some(step) = pinch.move_to(*a, *b) {
                        inner.pinch.set(Some(pinch));
                        inner.stop_animation();
                        let mut map = inner.map.borrow_mut();
                        let moved = map.pan_by(step.dx, step.dy);
                        let zoomed = map.zoom_by(step.zoom, Some(step.about));
                        drop(map);
                        if moved || zoomed {
                            inner.request_draw();
                        }
                    }
                    inner.suppress_click.set(true);
                }
                ([a], None) => {
                    // One finger scrolls the page; say how to move the map.
                    if let Some(start) = inner.touch_start.get() {
                        if (a.x - start.x).hypot(a.y - start.y) > TOUCH_HINT_PX {
                            inner.touch_start.set(None);
                            inner.hint(Ui::TouchHint);
                        }
                    }
                }
                _ => {}
            }
        })?,
        on(weak, canvas, "touchend", false, |inner, e: &TouchEvent| {
            if e.touches().length() < 2 {
                inner.pinch.set(None);
            }
        })?,
        on(
            weak,
            canvas,
            "touchcancel",
            false,
            |inner, _: &TouchEvent| {
                inner.pinch.set(None);
                inner.touch_start.set(None);
            },
        )?,
    ])
}

/// What a key does on the focused map; `None` for keys the map leaves to the page.
fn on_key(inner: &Inner, e: &KeyboardEvent) -> Option<()> {
    if e.alt_key() || e.ctrl_key() || e.meta_key() {
        return None;
    }
    let key = e.key();
    if let Some(dir) = Direction::from_key(&key) {
        if inner.map.borrow_mut().focus_toward(dir) {
            inner.focus_moved();
        }
        return Some(());
    }
    match key.as_str() {
        "Home" | "End" => {
            if inner.map.borrow_mut().focus_end(key == "End") {
                inner.focus_moved();
            }
        }
        "Enter" | " " => {
            let id = inner.map.borrow().focused_id().map(str::to_string);
            if id.is_some() {
                report(inner.select(id.as_deref(), Origin::Keyboard));
            }
        }
        "Escape" => {
            report(inner.select(None, Origin::Keyboard));
            let home = inner.map.borrow().home().copied();
            inner.animate_to(home);
        }
        "+" | "=" => {
            let target = inner.map.borrow().zoomed_view(2.0, None);
            inner.animate_to(target);
        }
        "-" | "_" => {
            let target = inner.map.borrow().zoomed_view(0.5, None);
            inner.animate_to(target);
        }
        "0" => {
            let home = inner.map.borrow().home().copied();
            inner.animate_to(home);
        }
        _ => return None,
    }
    Some(())
}

fn keyboard_events(weak: &Weak<Inner>, canvas: &EventTarget) -> Result<Vec<Listener>, JsValue> {
    Ok(vec![
        on(weak, canvas, "keydown", true, |inner, e: &KeyboardEvent| {
            if on_key(inner, e).is_some() {
                e.prevent_default(); // arrows and space would scroll the page
            }
        })?,
        on(weak, canvas, "blur", false, |inner, _: &Event| {
            // The ring shows where the keyboard is; off the map there is none.
            if inner.map.borrow_mut().set_focus(None) {
                inner.request_draw();
            }
        })?,
    ])
}

fn control_events(weak: &Weak<Inner>, inner: &Inner) -> Result<Vec<Listener>, JsValue> {
    let dom = &inner.dom;
    Ok(vec![
        on(weak, &dom.zoom_in, "click", false, |inner, _: &Event| {
            let target = inner.map.borrow().zoomed_view(2.0, None);
            inner.animate_to(target);
        })?,
        on(weak, &dom.zoom_out, "click", false, |inner, _: &Event| {
            let target = inner.map.borrow().zoomed_view(0.5, None);
            inner.animate_to(target);
        })?,
        on(weak, &dom.reset, "click", false, |inner, _: &Event| {
            let home = inner.map.borrow().home().copied();
            inner.animate_to(home);
        })?,
        on(weak, &dom.places, "click", false, |inner, e: &Event| {
            let button = e
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|el| el.closest("button[data-id]").ok().flatten());
            if let Some(id) = button.and_then(|b| b.get_attribute("data-id")) {
                report(inner.select(Some(&id), Origin::List));
            }
        })?,
    ])
}

/// Registers every listener of the widget; the caller owns (and so later removes) them.
pub fn listen(inner: &Rc<Inner>) -> Result<(Vec<Listener>, Observer), JsValue> {
    let weak = Rc::downgrade(inner);
    let canvas: &EventTarget = inner.dom.canvas.as_ref();
    let mut listeners = pointer_events(&weak, canvas)?;
    listeners.extend(touch_events(&weak, canvas)?);
    listeners.extend(keyboard_events(&weak, canvas)?);
    listeners.extend(control_events(&weak, inner)?);
    if let Some(window) = web_sys::window() {
        listeners.push(on(
            &weak,
            &window,
            "hashchange",
            false,
            |inner, _: &Event| {
                report(inner.apply_hash());
            },
        )?);
    }
    let weak_resize = weak.clone();
    let on_resize = Closure::<dyn FnMut(js_sys::Array)>::new(move |_entries| {
        if let Some(inner) = weak_resize.upgrade() {
            report(inner.resize());
        }
    });
    let observer = ResizeObserver::new(on_resize.as_ref().unchecked_ref())?;
    observer.observe(&inner.dom.canvas);
    Ok((listeners, (observer, on_resize)))
}
