# jingjinji-map: `make demo` serves the demo article, `make test` runs every test.
# Both install what is missing first (scripts/install-tools.sh), so they work on a fresh machine.
SHELL := /bin/bash
# node_modules/.bin first: wasm-pack must find npm binaryen's wasm-opt, not an older one.
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
PORT ?= 8000

.PHONY: demo test tools site site-trap package fuzz data check bench hit-grid size-report lint test-data test-native test-wasm-node test-wasm-browser test-e2e test-size screenshots clean

tools:
	@scripts/install-tools.sh

## The package: `wasm-pack build` compiles the crate for the browser and runs wasm-bindgen,
## which writes the `Widget` class's glue and TypeScript types into build/pkg/ (its own
## wasm-opt step is off in Cargo.toml: wasm-pack would download binaryen). It is built twice:
## as is (build/pkg/, with the value layer, for a map with a `values` file) and without the
## `values` feature (build/pkg-lean/, what every other map loads: 28 KB gzipped less).
##
## `SHIP=size` (the default) builds with a pinned nightly that rebuilds the standard library
## for size (`-Zbuild-std`): a panic aborts at once, with no message, location or formatting
## code in the download (16 KB gzipped less than stable's `panic = "abort"`: 115.9 KB of wasm
## against 132.3 KB, measured; panics are bugs, and the data errors a reader can meet are
## values, not panics). Its own target folder keeps the two toolchains from rebuilding each
## other's work. `SHIP=stable` is the plain `wasm-pack build --release --target web` on
## stable Rust. Tests, clippy and the CLI use stable. `make fuzz` uses the same nightly.
NIGHTLY := nightly-2026-05-20
SHIP ?= size
PKG := build/pkg
LEAN_PKG := build/pkg-lean
## Without reference types, wasm-bindgen keeps the page's objects in a table of its glue's
## instead of passing them to the wasm as `externref`s: 2.7 KB gzipped less (measured).
SIZE_FEATURES := -Ctarget-feature=-reference-types
## $(call wasm_pack,OUT_DIR[,CARGO_ARGS]): the package into OUT_DIR.
ifeq ($(SHIP),size)
wasm_pack = RUSTUP_TOOLCHAIN=$(NIGHTLY) CARGO_TARGET_DIR=target/shipped \
  RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none $(SIZE_FEATURES)" \
  wasm-pack build . --release --target web --out-dir $(1) --out-name jingjinji_map -- \
  -Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size $(2)
else
wasm_pack = wasm-pack build . --release --target web --out-dir $(1) --out-name jingjinji_map \
  $(if $(2),-- $(2))
endif

## wasm-opt comes from npm `binaryen` (node_modules/.bin is first on PATH): Debian's is too
## old. -Os before -Oz once left 200 bytes less (gzipped) than -Oz alone; today the two give
## the same module (measured), at the same frame and hit-test times in `make bench`. `-ocimfs=10` stops binaryen inlining a function into its
## one caller unless it is tiny: the functions stay apart, which gzip packs 8.6 KB smaller
## (164.6 → 156.0 KB, measured) and which the browser compiles lazily, one at a time, only if
## called. `--converge` repeats the passes while they still shrink
## the module; a fresh instance's memory is zeroed and Rust leaves its first KB unused, which
## the next two flags let it assume; the producer and target-feature notes are for tools,
## not browsers.
WASM_OPT_FLAGS := -Os -Oz --converge -ocimfs=10 --low-memory-unused --zero-filled-memory --strip-debug \
  --strip-producers --strip-target-features --enable-bulk-memory --enable-sign-ext \
  --enable-nontrapping-float-to-int --enable-mutable-globals --enable-multivalue \
  --enable-reference-types
WASM_BUILT := $(PKG)/jingjinji_map_bg.wasm

## The wasm module, the element minified (its stylesheet and wasm-bindgen's glue inside it),
## the static pictures of the map in both languages and the data, laid out under www/ so that
## www/ is the whole site.
site: tools
	$(call wasm_pack,$(PKG))
	wasm-opt $(WASM_OPT_FLAGS) $(WASM_BUILT) -o www/jingjinji-map-values.wasm
	$(call wasm_pack,$(LEAN_PKG),--no-default-features)
	wasm-opt $(WASM_OPT_FLAGS) $(LEAN_PKG)/jingjinji_map_bg.wasm -o www/jingjinji-map.wasm
	node scripts/build-element.mjs
	cargo run --quiet --bin jingjinji-map -- render --out www/jingjinji-map.svg
	cargo run --quiet --bin jingjinji-map -- render --lang zh --out www/jingjinji-map.zh.svg
	cargo run --quiet --bin jingjinji-map -- render --inline --out www/jingjinji-map.inline.svg
	cargo run --quiet --bin jingjinji-map -- render --inline --lang zh --out www/jingjinji-map.zh.inline.svg
	mkdir -p www/data
	cp data/places.geojson data/policies.json data/examples/host-towns.csv www/data/

## The same site with the `trap-test` feature, under www/trap/: its maps have a
## `trapNextFrame()` that makes a real panic, for the e2e test of what a bug does to a page.
## One build (with the value layer) serves as both of the element's.
site-trap: site
	$(call wasm_pack,build/pkg-trap,--features trap-test)
	mkdir -p www/trap
	wasm-opt $(WASM_OPT_FLAGS) build/pkg-trap/jingjinji_map_bg.wasm -o www/trap/jingjinji-map.wasm
	cp www/trap/jingjinji-map.wasm www/trap/jingjinji-map-values.wasm
	node scripts/build-element.mjs build/pkg-trap www/trap/jingjinji-map.wasm build/pkg-trap www/trap/jingjinji-map-values.wasm www/trap

## `make demo FEATURES=DIR/places.geojson [POLICIES=DIR/policies.json]` serves an imported
## map instead (`jingjinji-map import`): its preview page, with the widget beside it.
DEMO_DIR := $(if $(FEATURES),build/demo,www)
demo: site
ifdef FEATURES
	rm -rf build/demo && mkdir -p build/demo
	cp www/jingjinji-map*.js www/jingjinji-map*.wasm build/demo/
	cp $(FEATURES) build/demo/places.geojson
	cp $(or $(POLICIES),$(dir $(FEATURES))policies.json) build/demo/policies.json
	cp $(dir $(FEATURES))index.html build/demo/index.html
endif
	@echo "Serving the demo at http://127.0.0.1:$(PORT)/ (Ctrl-C to stop)"
	@$(if $(FEATURES),true,echo "The value layer's demo (figures from a CSV): http://127.0.0.1:$(PORT)/host-towns.html")
	python3 -m http.server $(PORT) --bind 127.0.0.1 --directory $(DEMO_DIR)

lint: tools
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --all-targets --target wasm32-unknown-unknown -- -D warnings
	cargo clippy --lib --target wasm32-unknown-unknown --no-default-features -- -D warnings

test-native: tools
	cargo test

test-wasm-node: tools
	wasm-pack test --node -- --test node

test-wasm-browser: tools
	wasm-pack test --headless --chrome -- --test web

## The npm package (build/package/, packed into build/jingjinji-map-<version>.tgz): the
## element, its types, the wasm, the default data, the pictures and the iframe host script.
package: site
	node scripts/build-package.mjs

## Fuzzes the loader and everything it feeds (fuzz/), each target for FUZZ_SECONDS, on the
## pinned nightly (cargo-fuzz's libFuzzer and sanitizers need it). New inputs that reach new
## code are added to fuzz/corpus/ (commit them); a crash stops the run and leaves its input
## in fuzz/artifacts/ for a regression test in tests/.
FUZZ_SECONDS ?= 300
fuzz: tools
	command -v cargo-fuzz >/dev/null || cargo install --locked cargo-fuzz
	for target in features policies; do \
	  cargo +$(NIGHTLY) fuzz run $$target fuzz/corpus/$$target -- \
	    -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 || exit 1; \
	done

## Files named, not the folder: `node --test DIR` breaks on newer Node releases.
E2E_TESTS := $(wildcard tests/e2e/*.test.mjs)
test-e2e: site site-trap package
	node --test $(E2E_TESTS)

## Rebuilding the data from its sources must give identical bytes, within the size budget;
## simple-statistics, asked again, must give the classes tests/classes.rs holds ours to.
DATA_BUDGET_BYTES := 61440
test-data: tools
	python3 scripts/build_data.py --out build/check/places.geojson --example-out build/check/example.geojson \
	  --values-out build/check/host-towns.csv
	cmp build/check/places.geojson data/places.geojson
	cmp build/check/example.geojson data/examples/shanghai-suzhou.geojson
	cmp build/check/host-towns.csv data/examples/host-towns.csv
	node scripts/classes-oracle.mjs tests/fixtures/classes.json build/check/classes-oracle.json
	cmp build/check/classes-oracle.json tests/fixtures/classes-oracle.json
	@size=$$(( $$(gzip -9c data/places.geojson | wc -c) + $$(gzip -9c data/policies.json | wc -c) )); \
	  echo "default data: $$size bytes gzipped (budget $(DATA_BUDGET_BYTES))"; \
	  test $$size -le $(DATA_BUDGET_BYTES)

## The widget's code as a page loads it (wasm + script with its CSS and wasm-bindgen's glue),
## gzipped. A map without figures loads the lean build: issue #23's 135 KB for the stack
## (wasm-bindgen, web-sys, serde-wasm-bindgen, geojson, serde; aim 120 KB). A map with a
## `values` file loads the element, then the value layer's glue and wasm: issue #25 asks
## 140 KB for it, which the layer (28 KB gzipped of wasm) does not meet yet; until it is won back,
## that ceiling is its measured size plus 2 KB, so that nothing grows unseen. Leaflet's JS
## and CSS are 45 KB.
CODE_BUDGET_BYTES := 138240
VALUES_CODE_BUDGET_BYTES := 158076
test-size: site
	@node scripts/code-size.mjs $(CODE_BUDGET_BYTES) www/jingjinji-map.wasm www/jingjinji-map.js
	@node scripts/code-size.mjs $(VALUES_CODE_BUDGET_BYTES) www/jingjinji-map.js www/jingjinji-map-values.js www/jingjinji-map-values.wasm

test: lint test-native test-data test-wasm-node test-wasm-browser test-e2e test-size check
	@echo "all tests passed"

## Validate the shipped data with our own checker.
check: tools
	cargo run --quiet --bin jingjinji-map -- check data/places.geojson data/policies.json

## Rebuild data/places.geojson from the pinned original sources (see data/SOURCES.md).
data: tools
	python3 scripts/build_data.py

## Size, first map, frame and hit-test times against d3-geo and Leaflet (bench/README.md).
bench: site
	python3 scripts/stress_data.py
	python3 scripts/choropleth_data.py
	node bench/run.mjs

## What the shipped wasm's bytes are: the module optimised as shipped but with its function
## names kept, then `twiggy top` (by item) on it and the bytes per crate
## (scripts/crate-costs.mjs). Read it before and after adding a crate.
size-report: site
	mkdir -p build
	wasm-opt $(filter-out --strip-debug,$(WASM_OPT_FLAGS)) -g $(LEAN_PKG)/jingjinji_map_bg.wasm -o build/named.wasm
	wasm-opt $(filter-out --strip-debug,$(WASM_OPT_FLAGS)) -g $(WASM_BUILT) -o build/named-values.wasm
	twiggy top -n 40 build/named.wasm
	node scripts/crate-costs.mjs build/named.wasm
	@echo "With the value layer:"
	node scripts/crate-costs.mjs build/named-values.wasm

## Records tests/fixtures/hit-grid.tsv anew from today's hit-testing (look at the diff):
## the tests compare with it, native and wasm.
hit-grid:
	cargo test --test hit -- --ignored record_hit_grid

## The README's pictures, and the reference pictures the looks test compares with: look at
## them (git diff) before committing.
screenshots: site
	node tests/e2e/screenshots.mjs
	UPDATE_SCREENSHOTS=1 node --test tests/e2e/looks.test.mjs

clean:
	rm -rf target build www/pkg www/trap www/data www/jingjinji-map.wasm www/jingjinji-map.js www/jingjinji-map-values.* www/jingjinji-map*.svg
