#!/usr/bin/env python3
"""Record what Python's tomllib makes of each TOML fixture, in the canonical JSON form that
Tests/WXContentTests/YAMLCanonical.swift reads (defined in oracle_canonical.py).

  scripts/record-toml-oracle.py            rewrite Tests/WXContentTests/Fixtures/toml/*.json
                                           (and the "tomllib:" note lines of *.error files)
  scripts/record-toml-oracle.py --emit DIR print {"case": canonical-or-{"error": msg}} for every
                                           DIR/*.toml on stdout (used by the live differential test)
  scripts/record-toml-oracle.py --stdin    read a JSON list of TOML texts, print the list of results
                                           (used by the generated differential test)

A case with a <case>.error file is one we reject on purpose; its first line is the expected
line:col, its second a fragment of our message. The recorder only refreshes its "tomllib:" line,
which documents what tomllib does with the same text (where tomllib accepts it, the README's
TOML section says why we do not).
"""
import json
import os
import sys
import tomllib

from oracle_canonical import canonical, main

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "Tests", "WXContentTests", "Fixtures", "toml")


def load(path):
    with open(path, encoding="utf-8", newline="") as f:
        return tomllib.loads(f.read())


def describe(e):
    return "%s: %s" % (type(e).__name__, e)


def from_stdin():
    out = []
    for text in json.load(sys.stdin):
        try:
            out.append(canonical(tomllib.loads(text)))
        except Exception as e:
            out.append({"error": describe(e)})
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(__doc__, FIXTURES, "toml", load, describe, "tomllib", "tomllib", from_stdin=from_stdin)
