#!/usr/bin/env python3
"""Crash trials (issue 14): `wxpub publish` killed with SIGKILL at random moments, against a
`wxpub sandbox` running as its own process with latency, system errors (-1) and dropped answers,
the sandbox itself killed and restarted from its --data folder mid-run. Then publish runs until
done and the sandbox ledger is checked: every due post broadcast exactly once to each of its
groups, nothing else broadcast, no window over quota, journal and media cache readable.

Each campaign starts from a fresh site state and a fresh sandbox and has its own seed; every
line of output names the seed, so `--seed S --campaigns 1` replays a failure.

    scripts/crash-trials.py --binary .build/debug/wxpub --trials 60 --campaigns 10

Prints `N trials, D duplicates, L lost` and exits 1 on any duplicate, lost post, quota breach or
unreadable state.
"""
import argparse
import json
import os
import random
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.request
import zlib

APPID = "wx0123456789abcdef"
# Not a real secret: the sandbox accepts what it is told to accept.
SECRET = "crash-trials-sandbox-secret"
TAGS = {"starred": 2, "listeners": 100}
TO_ALL_PER_MONTH = 4  # service account (服务号)


def png(seed):
    """A distinct 2x2 PNG per seed, so every post uploads its own image."""
    r, g, b = (seed * 67) % 256, (seed * 131) % 256, (seed * 29) % 256
    raw = b"".join(b"\x00" + bytes([r, g, b]) * 2 for _ in range(2))

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def make_site(root):
    """A service account with due posts to all followers and to tags, plus posts that are not due."""
    os.makedirs(os.path.join(root, "content", "posts"))
    os.makedirs(os.path.join(root, "content", "images"))
    with open(os.path.join(root, "wxpub.yml"), "w") as f:
        f.write(f"""account:
  name: 崩溃试验
  type: service
  appid: {APPID}
  secret_env: WXPUB_APPSECRET
timezone: Asia/Shanghai
groups:
  starred: {TAGS['starred']}
  listeners: {TAGS['listeners']}
defaults:
  author: 试验
  groups: [all]
  comments: open
  cover: content/images/cover.png
""")
    with open(os.path.join(root, "content", "images", "cover.png"), "wb") as f:
        f.write(png(0))
    posts = {
        # title: (groups, due)
        "全员一": (["all"], True),
        "全员二": (["all"], True),
        "全员与星标": (["all", "starred"], True),
        "星标一": (["starred"], True),
        "星标二": (["starred"], True),
        "交流会一": (["listeners"], True),
        "交流会二": (["listeners"], True),
        "两组一": (["starred", "listeners"], True),
        "两组二": (["starred", "listeners"], True),
        "交流会三": (["listeners"], True),
        "草稿不发": (["all"], False),
        "明年再发": (["starred"], False),
    }
    for n, (title, (groups, due)) in enumerate(posts.items(), start=1):
        with open(os.path.join(root, "content", "images", f"p{n}.png"), "wb") as f:
            f.write(png(n))
        extra = ""
        if title == "草稿不发":
            extra = "draft: true\n"
        elif title == "明年再发":
            extra = "publish_at: 2099-01-01 08:00\n"
        else:
            extra = "publish_at: 2024-01-01 08:00\n"
        with open(os.path.join(root, "content", "posts", f"2024-01-{n:02d}-p{n}.md"), "w") as f:
            f.write(f"---\ntitle: {title}\ngroups: [{', '.join(groups)}]\n{extra}---\n\n"
                    f"第 {n} 篇试验文章。\n\n![图](../images/p{n}.png)\n")
    return {title: groups for title, (groups, due) in posts.items() if due}, [t for t, (_, due) in posts.items() if not due]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Sandbox:
    """`wxpub sandbox` as its own process on a fixed port, state in a --data folder."""

    def __init__(self, binary, data, port, latency_ms, fail_rate, log):
        self.binary, self.data, self.port = binary, data, port
        self.latency_ms, self.fail_rate, self.log = latency_ms, fail_rate, log
        self.process = None
        self.base = f"http://127.0.0.1:{port}"
        self.advanced = 0

    def next_run(self):
        """Runs come from a timer minutes apart: move the sandbox clock on, so the platform's
        one-minute rule for retrying a clientmsgid does not make a run wait in real time."""
        self.advanced += 90
        self.hook("/__sandbox/clock", {"advance_seconds": 90})

    def start(self):
        out = open(self.log, "a")
        self.process = subprocess.Popen(
            [self.binary, "sandbox", "--port", str(self.port), "--data", self.data, "--account-type", "service",
             "--appid", APPID, "--secret", SECRET, "--latency-ms", str(self.latency_ms), "--fail-rate", str(self.fail_rate)],
            stdout=subprocess.PIPE, stderr=out, stdin=subprocess.DEVNULL, text=True)
        line = self.process.stdout.readline()
        if "listening on" not in line:
            raise SystemExit(f"sandbox did not start: {line!r} (log {self.log})")
        # The clock's offset lives in memory only: a restarted sandbox continues from the same time.
        if self.advanced:
            self.hook("/__sandbox/clock", {"advance_seconds": self.advanced})

    def kill(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()

    def hook(self, path, body=None):
        request = urllib.request.Request(self.base + path, data=None if body is None else json.dumps(body).encode(),
                                         method="GET" if body is None else "POST")
        with urllib.request.urlopen(request, timeout=10) as answer:
            return json.load(answer)


def publish(binary, site, sandbox):
    env = {k: v for k, v in os.environ.items() if not k.startswith("WXPUB_")}
    env.update(WXPUB_API_BASE=sandbox.base, WXPUB_APPID=APPID, WXPUB_APPSECRET=SECRET)
    return subprocess.Popen([binary, "publish"], cwd=site, env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def check(ledger, expected, not_due, state_dir):
    """Problems found in the ledger and the state, as (duplicates, lost, other) lists of text."""
    duplicates, lost, other = [], [], []
    seen = {}
    for b in ledger.get("broadcasts", []):
        f = b.get("filter") or {}
        audience = "all" if f.get("is_to_all") else f"tag:{f.get('tag_id')}"
        for title in b.get("titles", []):
            seen.setdefault((title, audience), []).append(b.get("msg_id"))
    for title, groups in expected.items():
        for group in groups:
            audience = "all" if group == "all" else f"tag:{TAGS[group]}"
            ids = seen.pop((title, audience), [])
            if len(ids) > 1:
                duplicates.append(f"{title} → {group} broadcast {len(ids)} times (msg_id {ids})")
            elif not ids:
                lost.append(f"{title} → {group} never broadcast")
    for (title, audience), ids in seen.items():
        kind = "not due" if title in not_due else "unexpected"
        other.append(f"{title} → {audience} broadcast ({kind}, msg_id {ids})")
    months = {}
    for b in ledger.get("broadcasts", []):
        if (b.get("filter") or {}).get("is_to_all"):
            months.setdefault(b.get("sent_at", "")[:7], 0)
            months[b.get("sent_at", "")[:7]] += 1
    for month, count in months.items():
        if count > TO_ALL_PER_MONTH:
            other.append(f"{count} broadcasts to all followers in {month}; the quota is {TO_ALL_PER_MONTH}")
    for name in ("journal.json", "media.json"):
        path = os.path.join(state_dir, name)
        try:
            with open(path) as f:
                data = json.load(f)
        except (OSError, ValueError) as error:
            other.append(f"{name} is not readable JSON: {error}")
            continue
        if name == "journal.json":
            for key, entry in data.get("entries", {}).items():
                if entry.get("step") not in ("sent", "drafted"):
                    other.append(f"journal entry {key} ({entry.get('titles')}) stopped at {entry.get('step')}")
    return duplicates, lost, other


# Journal steps a targeted kill waits for; `sending` (the send may or may not have reached the
# platform) twice as often as the others.
TARGET_STEPS = ["media_uploaded", "adding_draft", "draft_added", "sending", "sending"]

# How often a kill left a broadcast at each journal step, across all campaigns.
STEPS_AT_KILL = {}


def unfinished_steps(journal):
    """The journal steps of broadcasts a killed run left unfinished (the journal is written
    atomically, so it is always readable; anything else is reported by the final check)."""
    try:
        with open(journal) as f:
            entries = json.load(f).get("entries", {})
    except (OSError, ValueError):
        return []
    return sorted(e.get("step", "?") for e in entries.values() if e.get("step") not in ("sent", "drafted"))


def check_the_checker(workdir):
    """The ledger check must be able to fail: a made-up ledger with one post sent twice and one
    never sent, and a journal stopped mid-send, must be caught."""
    expected = {"甲": ["all"], "乙": ["starred"]}
    ledger = {"broadcasts": [
        {"msg_id": 1, "filter": {"is_to_all": True}, "titles": ["甲"], "sent_at": "2026-12-01T00:00:00Z"},
        {"msg_id": 2, "filter": {"is_to_all": True}, "titles": ["甲"], "sent_at": "2026-12-01T00:00:00Z"},
    ]}
    state = os.path.join(workdir, "checker-state")
    os.makedirs(state)
    with open(os.path.join(state, "journal.json"), "w") as f:
        json.dump({"entries": {"k": {"step": "sending", "titles": ["乙"]}}}, f)
    with open(os.path.join(state, "media.json"), "w") as f:
        f.write("{ torn")
    duplicates, lost, other = check(ledger, expected, [], state)
    if (len(duplicates), len(lost), len(other)) != (1, 1, 2):
        raise SystemExit(f"the ledger check misses problems: {duplicates} {lost} {other}")


def campaign(args, index, seed, workdir):
    rng = random.Random(seed)
    tag = f"campaign {index} (seed {seed})"
    site = os.path.join(workdir, f"site-{index}")
    expected, not_due = make_site(site)
    data = os.path.join(workdir, f"sandbox-{index}")
    os.makedirs(data)
    sandbox = Sandbox(args.binary, data, free_port(), args.latency_ms, args.fail_rate, os.path.join(workdir, f"sandbox-{index}.log"))
    sandbox.start()
    sandbox.hook("/__sandbox/faults", {"drop_rate": args.drop_rate})
    trials = 0
    finished_runs = 0
    restart_at = rng.randrange(args.kills)
    try:
        while trials < args.kills:
            sandbox.next_run()
            run = publish(args.binary, site, sandbox)
            began = time.monotonic()
            delay = rng.uniform(0.0, args.max_delay)
            # Every third kill waits for the journal to show a broadcast at a chosen step (the
            # dangerous `sending` most often), so the kills that matter are not left to chance.
            target_step = rng.choice(TARGET_STEPS) if rng.random() < 1 / 3 else None
            if target_step:
                delay = 5.0
            restart_sandbox = trials == restart_at
            deadline = time.monotonic() + delay
            sandbox_delay = deadline - rng.uniform(0.0, min(delay, args.max_delay)) if restart_sandbox else None
            while time.monotonic() < deadline and run.poll() is None:
                if target_step and target_step in unfinished_steps(os.path.join(site, ".wxpub", "journal.json")):
                    break
                if sandbox_delay is not None and time.monotonic() >= sandbox_delay:
                    sandbox.kill()
                    sandbox.start()
                    sandbox.hook("/__sandbox/faults", {"drop_rate": args.drop_rate})
                    print(f"{tag}: trial {trials + 1}: sandbox killed and restarted from its --data folder", flush=True)
                    sandbox_delay = None
                time.sleep(0.005)
            if run.poll() is None:
                run.send_signal(signal.SIGKILL)
                run.wait()
                trials += 1
                steps = unfinished_steps(os.path.join(site, ".wxpub", "journal.json"))
                for step in steps:
                    STEPS_AT_KILL[step] = STEPS_AT_KILL.get(step, 0) + 1
                where = ", ".join(steps) if steps else "no broadcast mid-way"
                how = f"at step {target_step}" if target_step else "at random"
                print(f"{tag}: trial {trials}: publish killed {how} after {time.monotonic() - began:.3f} s ({where})", flush=True)
            else:
                finished_runs += 1
                output = run.stdout.read().decode(errors="replace")
                if run.returncode not in (0, 3):
                    sandbox.stop()
                    raise SystemExit(f"{tag}: publish exited {run.returncode} (not 0 or 3):\n{output}")
                if run.returncode == 0 and "sent" not in output and finished_runs > 2:
                    # Nothing left to interrupt: the rest of this campaign's kills would not test anything.
                    break
        # Faults off; run until done (a run stopped by a leftover -1 is simply run again).
        sandbox.hook("/__sandbox/faults", {"fail_rate": 0, "drop_rate": 0, "latency_ms": 0})
        for attempt in range(6):
            began = time.monotonic()
            sandbox.next_run()
            run = publish(args.binary, site, sandbox)
            output = run.communicate(timeout=300)[0].decode(errors="replace")
            print(f"{tag}: run to completion {attempt + 1}: exit {run.returncode} after {time.monotonic() - began:.1f} s", flush=True)
            if args.verbose:
                print(output, flush=True)
            if run.returncode == 0:
                break
        else:
            raise SystemExit(f"{tag}: publish never completed after the trials:\n{output}")
        ledger = sandbox.hook("/__sandbox/ledger")
    finally:
        sandbox.stop()
    duplicates, lost, other = check(ledger, expected, not_due, os.path.join(site, ".wxpub"))
    for line in duplicates + lost + other:
        print(f"{tag}: FAIL {line}", flush=True)
    broadcasts = len(ledger.get("broadcasts", []))
    print(f"{tag}: {trials} kills, {broadcasts} broadcasts, {len(duplicates)} duplicates, {len(lost)} lost", flush=True)
    return trials, len(duplicates), len(lost), len(other)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=".build/debug/wxpub")
    parser.add_argument("--trials", type=int, default=60, help="publish runs killed with SIGKILL, in all")
    parser.add_argument("--campaigns", type=int, default=10, help="fresh site state and sandbox each")
    parser.add_argument("--seed", type=int, default=None, help="seed of the first campaign (default: random)")
    parser.add_argument("--latency-ms", type=int, default=15)
    parser.add_argument("--fail-rate", type=float, default=0.1, help="share of API calls answered -1 (system busy)")
    parser.add_argument("--drop-rate", type=float, default=0.03, help="share of API answers dropped after the call took effect")
    parser.add_argument("--verbose", action="store_true", help="print the output of the runs to completion")
    parser.add_argument("--max-delay", type=float, default=1.5, help="longest time before a publish run is killed (s)")
    args = parser.parse_args()
    args.binary = os.path.abspath(args.binary)
    if not os.access(args.binary, os.X_OK):
        raise SystemExit(f"no wxpub binary at {args.binary}; build it first (swift build --product wxpub)")
    args.kills = max(1, -(-args.trials // args.campaigns))
    first = args.seed if args.seed is not None else random.SystemRandom().randrange(1, 1_000_000)
    print(f"crash trials: {args.campaigns} campaigns × {args.kills} kills, first seed {first} "
          f"(replay one: --seed S --campaigns 1 --trials {args.kills})", flush=True)
    workdir = tempfile.mkdtemp(prefix="wxpub-crash-")
    totals = [0, 0, 0, 0]
    started = time.monotonic()
    try:
        check_the_checker(workdir)
        index = 0
        # A campaign whose publish finishes before its kills are spent ends early; more campaigns
        # follow until the trials are done.
        while index < args.campaigns or totals[0] < args.trials:
            result = campaign(args, index + 1, first + index, workdir)
            totals = [a + b for a, b in zip(totals, result)]
            index += 1
            if index >= 4 * args.campaigns and totals[0] < args.trials:
                raise SystemExit(f"only {totals[0]} kills landed in {index} campaigns; raise --latency-ms or lower --max-delay")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    trials, duplicates, lost, other = totals
    if STEPS_AT_KILL:
        print("kills left broadcasts mid-way at: " + ", ".join(f"{step} ×{n}" for step, n in sorted(STEPS_AT_KILL.items())), flush=True)
    print(f"{trials} trials, {duplicates} duplicates, {lost} lost, {other} other problems "
          f"({time.monotonic() - started:.0f} s)", flush=True)
    sys.exit(0 if duplicates == lost == other == 0 else 1)


if __name__ == "__main__":
    main()
