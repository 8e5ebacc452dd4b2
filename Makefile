# wxpub — the two quick-start commands are `make demo` and `make test`.
# Both install what they need first (libcmark-dev via apt-get when missing; needs root or sudo).

SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
BIN := .build/debug/wxpub

.PHONY: demo test build deps oracle-deps check dry-run bench clean lint fault-storms

## Publish content/ to a sandbox started in-process (no credentials, no network).
demo: deps build
	$(BIN) check
	$(BIN) publish --sandbox

## Build and run the whole test suite (oracle tests use Python packages when present).
test: deps oracle-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test

build: deps
	$(SWIFT) build

check: build
	$(BIN) check

dry-run: build
	$(BIN) publish --dry-run

deps:
	@pkg-config --exists libcmark 2>/dev/null || { \
	  echo "installing libcmark-dev (apt-get)"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libcmark-dev cmark pkg-config tzdata; }

## Outside oracles for differential tests: PyYAML, css-inline, wechatpy, tinycss2. Best effort: tests skip without them.
oracle-deps:
	@python3 -c "import yaml, css_inline, wechatpy, tinycss2" 2>/dev/null || \
	  python3 -m pip install -q --disable-pip-version-check -r scripts/oracle-requirements.txt || \
	  echo "note: could not install the Python oracles; their tests will be skipped"
	@scripts/fetch-pygments-examples.sh >/dev/null 2>&1 || echo "note: could not fetch Pygments' example files; the highlighting differential will be skipped"

## The build figures also need the `cmark` CLI and md2wechat (PyPI); without md2wechat the bench prints a note.
bench: deps
	@python3 -c "import sys, os; [sys.path.insert(0, os.path.join(p, 'skills', 'md2wechat')) for p in list(sys.path) if p.endswith(('site-packages', 'dist-packages'))]; from libs.converter import MarkdownToWeChatConverter" </dev/null 2>/dev/null || \
	  python3 -m pip install -q --disable-pip-version-check md2wechat || echo "note: could not install md2wechat; the bench skips that baseline"
	$(SWIFT) build -c release --product wxpub
	$(SWIFT) build -c release --product wxpub-bench
	.build/release/wxpub-bench

## Fault storms: a site published by separate wxpub processes through a sandbox process with
## platform faults on (busy, drops, cut-off JSON, 502s, token loss, 45009, mass-send protection, 40007),
## then clean runs; fails on any duplicate broadcast, lost post or crash (scripts/fault-storms.sh).
fault-storms: build
	scripts/fault-storms.sh $(BIN)

lint:
	$(SWIFT) format lint --strict -r Sources Tests

clean:
	rm -rf .build build

.PHONY: reliability fuzz

## Crash trials (issue 14): publish killed with SIGKILL at random moments against a sandbox process
## with latency, -1 errors and dropped answers (itself killed and restarted); then the ledger is checked.
## Each campaign prints its seed: `scripts/crash-trials.py --seed S --campaigns 1` replays it.
## Then the fault storms (scripts/fault-storms.sh).
RELIABILITY_TRIALS ?= 60
reliability: deps
	$(SWIFT) build --product wxpub
	python3 scripts/crash-trials.py --binary $(BIN) --trials $(RELIABILITY_TRIALS) --campaigns 10
	scripts/fault-storms.sh $(BIN)

## Fuzzing (issue 14): libFuzzer + AddressSanitizer on the YAML subset, CSS, Mustache, HTML, the
## Markdown pass and the whole post compile, FUZZ_SECONDS each (default 30), built in .build-fuzz.
fuzz: deps
	scripts/fuzz.sh
