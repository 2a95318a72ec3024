//! The browser half of the widget: the only code that knows a browser exists. It builds the
//! DOM, turns events into map messages, and paints the scene on change only.

mod canvas;
mod dom;
mod events;
mod listeners;
mod options;
mod panel_dom;
mod panic_hook;
mod widget;

pub use widget::MapWidget;
