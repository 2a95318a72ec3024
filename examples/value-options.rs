//! Prints the value layer's attribute names (`ValueSettings::NAMES`) as a JSON array, for the
//! element's build: `scripts/build-element.mjs` writes them into the custom element as
//! attributes it observes, so that the list has one home, in Rust. (The element must name its
//! observed attributes when it is defined, before its wasm has loaded.)

use jingjinji_map::ui::figures::ValueSettings;

fn main() -> std::process::ExitCode {
    match serde_json::to_string(&ValueSettings::NAMES) {
        Ok(json) => {
            println!("{json}");
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("value-options: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
