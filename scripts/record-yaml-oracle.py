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
import json
import os
import sys

import yaml

from oracle_canonical import canonical

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


def cases(directory):
    return sorted(n[:-4] for n in os.listdir(directory) if n.endswith(".yml"))


def emit(directory):
    out = {}
    for case in cases(directory):
        try:
            out[case] = canonical(load(os.path.join(directory, case + ".yml")))
        except Exception as e:  # PyYAML raises ValueError etc. too, not only YAMLError
            out[case] = {"error": describe_error(e)}
    json.dump(out, sys.stdout, ensure_ascii=False, sort_keys=True)


def record(directory):
    failures = 0
    for case in cases(directory):
        path = os.path.join(directory, case)
        error_path = path + ".error"
        try:
            result = canonical(load(path + ".yml"))
            note = "pyyaml: loads " + json.dumps(result, ensure_ascii=False)
            ok = True
        except Exception as e:
            note = "pyyaml: " + describe_error(e)
            ok = False
        if os.path.exists(error_path):
            with open(error_path, encoding="utf-8") as f:
                kept = [l for l in f.read().splitlines() if not l.startswith("pyyaml:")]
            with open(error_path, "w", encoding="utf-8") as f:
                f.write("\n".join(kept[:2] + [note]) + "\n")
        elif ok:
            with open(path + ".json", "w", encoding="utf-8") as f:
                json.dump(result, f, ensure_ascii=False, indent=1)
                f.write("\n")
        else:
            failures += 1
            print("%s: PyYAML rejects it but there is no %s.error: %s" % (case, case, note), file=sys.stderr)
    return failures


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--emit":
        emit(sys.argv[2])
    elif len(sys.argv) == 1:
        sys.exit(1 if record(FIXTURES) else 0)
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
