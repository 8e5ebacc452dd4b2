#!/usr/bin/env bash
# `make fuzz`: each libFuzzer target for FUZZ_SECONDS (default 30), corpora seeded from the fixtures.
# Builds into .build-fuzz (git-ignored) with -sanitize=fuzzer,address. A crash leaves its input in
# .build-fuzz/crashes/TARGET/ and fails the run; turn it into a fixture under Tests/FuzzFixtures/TARGET/
# with its fix (the fuzz regression test replays every fixture).
# Usage: scripts/fuzz.sh [TARGET…]   (targets: yaml css mustache html markdown post)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-30}
targets=("$@")
((${#targets[@]})) || targets=(yaml css mustache html markdown post)

swift build --product wxpub-fuzz --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING 2>&1 \
  | grep -v "Cannot export local symbol" || true
bin=.build-fuzz/debug/wxpub-fuzz
[[ -x $bin ]] || { echo "fuzz: the libFuzzer build failed"; exit 1; }

# seeds TARGET: the fixture files that are already valid inputs of that target.
seeds() {
  case $1 in
    yaml) find Tests/WXContentTests/Fixtures -type f \( -name '*.yml' -o -name '*.yaml' \) ;;
    css) find Tests/WXHTMLTests/Fixtures templates -type f -name '*.css' ;;
    mustache) find templates -type f -name '*.html' ;;
    html) find Tests/WXHTMLTests/Fixtures Tests/WXStructureTests/Fixtures -type f -name '*.html' ;;
    markdown | post) find Tests/WXRenderTests/Fixtures content/posts -type f -name '*.md' ;;
  esac
  [[ -d Tests/FuzzFixtures/$1 ]] && find "Tests/FuzzFixtures/$1" -type f
  return 0
}

failed=()
for target in "${targets[@]}"; do
  corpus=.build-fuzz/corpus/$target
  crashes=.build-fuzz/crashes/$target
  mkdir -p "$corpus" "$crashes"
  seeds "$target" | while read -r f; do cp "$f" "$corpus/seed-$(sha256sum "$f" | cut -c1-16)"; done
  echo "fuzz: $target for ${seconds}s (corpus $corpus)"
  # The Swift runtime's caches read as leaks to LeakSanitizer: crashes and memory errors are the findings.
  if ASAN_OPTIONS=detect_leaks=0 WXPUB_FUZZ_TARGET=$target "$bin" -max_total_time="$seconds" -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="$crashes/" "$corpus" >".build-fuzz/$target.log" 2>&1; then
    echo "fuzz: $target clean: $(grep -o 'stat::number_of_executed_units: *[0-9]*' ".build-fuzz/$target.log" | grep -o '[0-9]*$') runs"
  else
    echo "fuzz: $target FAILED; input in $crashes/, log in .build-fuzz/$target.log"
    grep -m3 -E 'ERROR|Fatal error|SUMMARY' ".build-fuzz/$target.log" || true
    failed+=("$target")
  fi
done
((${#failed[@]} == 0)) || { echo "fuzz: crashes in ${failed[*]}"; exit 1; }
echo "fuzz: every target ran clean for ${seconds}s"
