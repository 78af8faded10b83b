# Cairn: two commands a newcomer needs.
#   make run   installs what is missing, builds and opens the app
#   make test  everything CI checks: format, lints, Rust tests, UI checks, end-to-end tests
#
# Requires Rust >= 1.95 (rustup) and Node.js >= 20 with npm; Debian/Ubuntu packages are
# installed with apt (through sudo when not root).

SHELL := /bin/bash
.ONESHELL:
.SHELLFLAGS := -eu -o pipefail -c

APT_PACKAGES := libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev libayatana-appindicator3-dev \
	libxdo-dev libssl-dev pkg-config build-essential file xvfb xauth webkit2gtk-driver \
	qpdf poppler-utils
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
CARGO_BIN := $(or $(CARGO_HOME),$(HOME)/.cargo)/bin
TAURI_DRIVER := $(CARGO_BIN)/tauri-driver

.PHONY: run test deps system-deps tauri-driver ui-deps ui lint rust-test ui-test e2e bench app

run: deps ui
	if [ -z "$${DISPLAY:-}" ] && [ -z "$${WAYLAND_DISPLAY:-}" ]; then
	  echo "Cairn is a desktop app and no display was found (DISPLAY is not set)."
	  echo "On a machine without a screen, run:  xvfb-run -a make run"
	  exit 1
	fi
	cargo run -p cairn-app

test: deps ui lint rust-test ui-test e2e
	@echo "make test: all checks passed"

deps: system-deps tauri-driver ui-deps

system-deps:
	missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done)
	if [ -n "$$missing" ]; then
	  echo "Installing Debian packages: $$missing"
	  $(SUDO) apt-get update -qq
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing
	fi

# Pinned to 2.x: the registry's newest tauri-driver is a 3.0 alpha.
tauri-driver:
	[ -x "$(TAURI_DRIVER)" ] || cargo install tauri-driver --version '^2' --locked

ui-deps:
	cd ui
	if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
	  # npm ci refuses a lock file that lacks other platforms' optional builds (rollup, esbuild),
	  # which is what npm writes where the registry mirror leaves them out of package metadata,
	  # as on our CI machines. npm install then installs the same locked versions.
	  npm ci --no-audit --no-fund || npm install --no-audit --no-fund
	fi

ui: ui-deps
	cd ui && npm run build

lint: ui
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings

# The app's tests on their own: the other crates' dev-dependencies (jsonschema, lopdf, proptest)
# would change the features of the app's dependency tree, which `make run` would then build a
# second time (docs/decisions/0007-one-build-for-test-and-run.md).
rust-test: ui
	cargo test --workspace --exclude cairn-app --exclude cairn-e2e
	cargo test -p cairn-app

ui-test: ui-deps
	cd ui && npm run check && npm run test

# The real window, driven through WebDriver under a virtual display; serial, one app at a time.
# The tests drive the binary `cargo build -p cairn-app` writes: the one `make run` starts.
e2e: ui tauri-driver
	cargo build -p cairn-app
	TAURI_DRIVER="$(TAURI_DRIVER)" xvfb-run -a -s "-screen 0 1280x800x24" \
	  cargo test -p cairn-e2e -- --ignored --test-threads=1

bench:
	cargo bench -p cairn-store -p cairn-finance -p cairn-case -p cairn-roadmap -p cairn-check -p cairn-sourcing -p cairn-scenario -p cairn-report -p cairn-api

# A self-contained release binary at target/release/cairn-app.
app: deps ui
	cargo build --release -p cairn-app
