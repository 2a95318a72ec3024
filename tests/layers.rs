//! The architecture, checked: each layer of `src/` imports only the layers below it, and only
//! `src/web/` knows a browser exists (see `src/lib.rs` and `../shared/DESIGN.md`).

use std::path::{Path, PathBuf};

/// Layers from the bottom up; a module may use its own layer and those before it.
const LAYERS: [&str; 7] = ["i18n", "data", "error", "geo", "render", "ui", "web"];

fn rank(module: &str) -> Option<usize> {
    // `crate::Error` and `crate::Result` are re-exports of `error`.
    let module = if module == "Error" || module == "Result" {
        "error"
    } else {
        module
    };
    LAYERS.iter().position(|l| *l == module)
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The layer a file of `src/` belongs to: its folder, or its own name at the top.
fn layer_of(src: &Path, file: &Path) -> Option<usize> {
    let rel = file.strip_prefix(src).unwrap();
    let first = rel.components().next()?.as_os_str().to_str()?;
    rank(first.trim_end_matches(".rs"))
}

#[test]
fn layers_import_only_downwards() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut wrong = Vec::new();
    for file in &files {
        let Some(own) = layer_of(&src, file) else {
            continue; // lib.rs and the binary sit above every layer
        };
        let text = std::fs::read_to_string(file).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for (at, _) in code.match_indices("crate::") {
                let rest = &code[at + "crate::".len()..];
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if let Some(target) = rank(&name) {
                    if target > own {
                        wrong.push(format!(
                            "{}:{}: {} uses {}",
                            file.strip_prefix(&src).unwrap().display(),
                            n + 1,
                            LAYERS[own],
                            LAYERS[target]
                        ));
                    }
                }
            }
            let browser = ["web_sys", "wasm_bindgen", "js_sys"]
                .iter()
                .any(|c| code.contains(c));
            if browser && LAYERS[own] != "web" {
                wrong.push(format!(
                    "{}:{}: browser code outside src/web",
                    file.strip_prefix(&src).unwrap().display(),
                    n + 1
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports against the layers:\n{}",
        wrong.join("\n")
    );
}
