#!/usr/bin/env bash
# Installs what the build and tests need, skipping anything already present at the right
# version, so a second run takes seconds. Nothing here downloads prebuilt binaries: tools
# come from crates.io, npm and Debian, which is all this project's machines can reach.
# wasm-opt comes from npm `binaryen` (Debian's is too old for current wasm-bindgen output).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf 'install-tools: %s\n' "$*"; }

need_apt=()
command -v chromium >/dev/null || need_apt+=(chromium)
command -v chromedriver >/dev/null || need_apt+=(chromium-driver)
# Chinese labels in the screenshot checks (tests/e2e/looks.test.mjs) need a CJK font.
# (grep reads all of fc-list's output, not -q: under pipefail, fc-list killed by the early
# exit's SIGPIPE would read as "not installed" and reinstall the fonts on every run.)
fc-list : family 2>/dev/null | grep -i "Noto Sans CJK" >/dev/null || need_apt+=(fonts-noto-cjk)
if ((${#need_apt[@]})); then
  say "apt-get install ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# The shipped wasm's toolchain (the Makefile's NIGHTLY): the standard library's source comes
# with it, to be rebuilt for size.
ship=$(sed -n 's/^NIGHTLY := //p' Makefile)
if ! rustup component list --toolchain "$ship" --installed 2>/dev/null | grep -q '^rust-src'; then
  say "rustup toolchain install $ship with rust-src"
  rustup toolchain install "$ship" --profile minimal --component rust-src
fi

command -v wasm-pack >/dev/null || { say "cargo install wasm-pack"; cargo install --locked wasm-pack; }
# What the wasm's bytes are (`make size-report`).
command -v twiggy >/dev/null || { say "cargo install twiggy"; cargo install --locked twiggy; }

# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
want=$(sed -n '/^name = "wasm-bindgen"$/{n;s/^version = "\(.*\)"$/\1/p;}' Cargo.lock)
[ -n "$want" ] || { echo "install-tools: no wasm-bindgen version in Cargo.lock" >&2; exit 1; }
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  say "cargo install wasm-bindgen-cli $want (found '${have:-none}')"
  cargo install --locked --force wasm-bindgen-cli --version "=$want"
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
