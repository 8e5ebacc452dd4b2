"""The canonical JSON form of a parsed document, shared by record-yaml-oracle.py and
record-toml-oracle.py and read by Tests/WXContentTests/YAMLCanonical.swift (see the form in
record-yaml-oracle.py's docstring), and the fixture driver (cases, emit, record, main) both
recorders run."""
import datetime
import json
import math
import os
import sys


def canonical(v):
    if v is None or isinstance(v, bool) or isinstance(v, str):
        return v
    if isinstance(v, int):
        return {"int": str(v)}
    if isinstance(v, float):
        if math.isnan(v):
            return {"float": "nan"}
        return {"float": repr(v)}
    if isinstance(v, datetime.datetime):
        out = {"datetime": v.replace(tzinfo=None).isoformat(timespec="microseconds")}
        off = v.utcoffset()
        if off is not None:
            secs = int(off.total_seconds())
            sign = "-" if secs < 0 else "+"
            secs = abs(secs)
            out["utcoffset"] = "%s%02d:%02d" % (sign, secs // 3600, secs % 3600 // 60)
        return out
    if isinstance(v, datetime.time):
        return {"time": v.isoformat(timespec="microseconds")}
    if isinstance(v, datetime.date):
        return {"date": v.isoformat()}
    if isinstance(v, list):
        return [canonical(x) for x in v]
    if isinstance(v, dict):
        return {"map": [[canonical(k), canonical(x)] for k, x in v.items()]}
    raise TypeError("no canonical form for %r" % type(v))


# The fixture driver shared by record-yaml-oracle.py and record-toml-oracle.py. A format gives
# its fixture ending ("yml", "toml"), `load(path)` (the oracle parsing one file), `describe(e)`
# (one line for what the oracle raised), the prefix of its note lines in *.error files ("pyyaml",
# "tomllib") and the oracle's name in messages ("PyYAML", "tomllib").


def cases(directory, extension):
    suffix = "." + extension
    return sorted(n[:-len(suffix)] for n in os.listdir(directory) if n.endswith(suffix))


def emit(directory, extension, load, describe):
    """Print {"case": canonical-or-{"error": msg}} for every DIR/*.<extension> on stdout."""
    out = {}
    for case in cases(directory, extension):
        try:
            out[case] = canonical(load(os.path.join(directory, case + "." + extension)))
        except Exception as e:  # the oracle's own error, ValueError etc., or TypeError for a value with no canonical form
            out[case] = {"error": describe(e)}
    json.dump(out, sys.stdout, ensure_ascii=False, sort_keys=True)


def record(directory, extension, load, describe, prefix, oracle):
    """Rewrite every <case>.json, or the "<prefix>:" note line of <case>.error; return the count of
    cases the oracle rejects that have no .error file."""
    failures = 0
    for case in cases(directory, extension):
        path = os.path.join(directory, case)
        error_path = path + ".error"
        try:
            result = canonical(load(path + "." + extension))
            note = prefix + ": loads " + json.dumps(result, ensure_ascii=False)
            ok = True
        except Exception as e:
            note = prefix + ": " + describe(e)
            ok = False
        if os.path.exists(error_path):
            with open(error_path, encoding="utf-8") as f:
                kept = [l for l in f.read().splitlines() if not l.startswith(prefix + ":")]
            with open(error_path, "w", encoding="utf-8") as f:
                f.write("\n".join(kept[:2] + [note]) + "\n")
        elif ok:
            with open(path + ".json", "w", encoding="utf-8") as f:
                json.dump(result, f, ensure_ascii=False, indent=1)
                f.write("\n")
        else:
            failures += 1
            print("%s: %s rejects it but there is no %s.error: %s" % (case, oracle, case, note), file=sys.stderr)
    return failures


def main(usage, fixtures, extension, load, describe, prefix, oracle, from_stdin=None):
    """The command line both recorders share: no argument records `fixtures`, `--emit DIR` emits,
    and `--stdin` runs `from_stdin` where the format has one."""
    if len(sys.argv) == 3 and sys.argv[1] == "--emit":
        emit(sys.argv[2], extension, load, describe)
    elif len(sys.argv) == 2 and sys.argv[1] == "--stdin" and from_stdin is not None:
        from_stdin()
    elif len(sys.argv) == 1:
        sys.exit(1 if record(fixtures, extension, load, describe, prefix, oracle) else 0)
    else:
        print(usage, file=sys.stderr)
        sys.exit(2)
