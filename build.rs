//! The wasm module's starting memory: 2 MiB, the most a map of the default data holds (1.6 MB
//! after load, `make bench`), so its load never waits on the allocator growing the memory a
//! few pages at a time (about 1 ms of each load in Chromium, measured). A bigger map still
//! grows it as it needs. Only the wasm library (`cdylib`) is linked with it: the test
//! binaries keep the linker's own start.

fn main() {
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|arch| arch == "wasm32");
    if wasm {
        println!("cargo:rustc-link-arg-cdylib=--initial-memory=2097152");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
