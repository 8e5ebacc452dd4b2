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

from oracle_canonical import canonical

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "Tests", "WXContentTests", "Fixtures", "toml")


def load(path):
    with open(path, encoding="utf-8", newline="") as f:
        return tomllib.loads(f.read())


def cases(directory):
    return sorted(n[:-5] for n in os.listdir(directory) if n.endswith(".toml"))


def emit(directory):
    out = {}
    for case in cases(directory):
        try:
            out[case] = canonical(load(os.path.join(directory, case + ".toml")))
        except Exception as e:  # TOMLDecodeError, or TypeError for a value with no canonical form
            out[case] = {"error": "%s: %s" % (type(e).__name__, e)}
    json.dump(out, sys.stdout, ensure_ascii=False, sort_keys=True)


def record(directory):
    failures = 0
    for case in cases(directory):
        path = os.path.join(directory, case)
        error_path = path + ".error"
        try:
            result = canonical(load(path + ".toml"))
            note = "tomllib: loads " + json.dumps(result, ensure_ascii=False)
            ok = True
        except Exception as e:
            note = "tomllib: %s: %s" % (type(e).__name__, e)
            ok = False
        if os.path.exists(error_path):
            with open(error_path, encoding="utf-8") as f:
                kept = [l for l in f.read().splitlines() if not l.startswith("tomllib:")]
            with open(error_path, "w", encoding="utf-8") as f:
                f.write("\n".join(kept[:2] + [note]) + "\n")
        elif ok:
            with open(path + ".json", "w", encoding="utf-8") as f:
                json.dump(result, f, ensure_ascii=False, indent=1)
                f.write("\n")
        else:
            failures += 1
            print("%s: tomllib rejects it but there is no %s.error: %s" % (case, case, note), file=sys.stderr)
    return failures


def from_stdin():
    out = []
    for text in json.load(sys.stdin):
        try:
            out.append(canonical(tomllib.loads(text)))
        except Exception as e:
            out.append({"error": "%s: %s" % (type(e).__name__, e)})
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--emit":
        emit(sys.argv[2])
    elif len(sys.argv) == 2 and sys.argv[1] == "--stdin":
        from_stdin()
    elif len(sys.argv) == 1:
        sys.exit(1 if record(FIXTURES) else 0)
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
