#!/usr/bin/env python3
"""Record what PyYAML's yaml.safe_load makes of each YAML fixture, in the canonical JSON form
that Tests/WXContentTests/YAMLCanonical.swift reads.

  scripts/record-yaml-oracle.py            rewrite Tests/WXContentTests/Fixtures/yaml/*.json
                                           (and the "pyyaml:" note lines of *.error files)
  scripts/record-yaml-oracle.py --emit DIR print {"case": canonical-or-{"error": msg}} for every
                                           DIR/*.yml on stdout (used by the live differential test)

Canonical form (defined here and in YAMLCanonical.swift, nowhere else):
  null, true/false, "string" as themselves; [..] for sequences;
  {"int": "123"}  {"float": repr}  ("nan", "inf", "-inf" included)
  {"date": "YYYY-MM-DD"}
  {"datetime": "YYYY-MM-DDTHH:MM:SS.ffffff"} plus "utcoffset": "+HH:MM" when an offset was written
  {"map": [[key, value], ...]} in source order (keys may be any scalar).
  {"time": "HH:MM:SS.ffffff"} (TOML's local time; wxpub rejects it, the oracle records it).

A case with a <case>.error file is one we reject on purpose; its first line is the expected
line:col, its second a fragment of our message. The recorder only refreshes its "pyyaml:" line,
which documents what PyYAML does with the same text.
"""
import os

import yaml

from oracle_canonical import main

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "Tests", "WXContentTests", "Fixtures", "yaml")


def load(path):
    # Read as text (not bytes) so a BOM and CRLF reach PyYAML's scanner the way they reach ours.
    with open(path, encoding="utf-8", newline="") as f:
        return yaml.safe_load(f.read())


def describe_error(e):
    mark = getattr(e, "problem_mark", None)
    where = " at %d:%d" % (mark.line + 1, mark.column + 1) if mark is not None else ""
    problem = getattr(e, "problem", None) or str(e)
    return "%s%s: %s" % (type(e).__name__, where, " ".join(str(problem).split()))


if __name__ == "__main__":
    main(__doc__, FIXTURES, "yml", load, describe_error, "pyyaml", "PyYAML")
