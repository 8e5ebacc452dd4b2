"""The canonical JSON form of a parsed document, shared by record-yaml-oracle.py and
record-toml-oracle.py and read by Tests/WXContentTests/YAMLCanonical.swift (see the form in
record-yaml-oracle.py's docstring)."""
import datetime
import math


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
