#!/usr/bin/env bash
# Downloads Pygments' source distribution (PyPI) and unpacks its tests/examplefiles/ into
# .build/oracles/pygments/, where the highlighting differential test looks for them
# (Tests/WXHighlightTests/PygmentsDifferentialTests.swift). Also installs Pygments itself.
# Best effort: the test skips with one line when either is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=.build/oracles/pygments
version=$(python3 -c "import pygments; print(pygments.__version__)" 2>/dev/null || true)
[ -n "$version" ] && [ "$(cat "$dest/version" 2>/dev/null)" = "$version" ] && [ -d "$dest/examplefiles" ] && exit 0
python3 -c "import pygments" 2>/dev/null || python3 -m pip install -q --disable-pip-version-check pygments
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# the example files of the installed version, whose lexers produced the files' expected tokens
version=$(python3 -c "import pygments; print(pygments.__version__)")
python3 -m pip download -q --disable-pip-version-check --no-binary :all: --no-deps "pygments==$version" -d "$tmp"
tar -xzf "$tmp"/pygments-*.tar.gz -C "$tmp"
mkdir -p "$dest"
rm -rf "$dest/examplefiles"
cp -r "$tmp"/pygments-*/tests/examplefiles "$dest/examplefiles"
echo "$version" >"$dest/version"
echo "Pygments example files in $dest/examplefiles"
