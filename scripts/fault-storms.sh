#!/bin/bash
# Fault storms against real processes: `wxpub sandbox` runs as its own process with platform
# faults switched on (--faults), and `wxpub publish` runs as separate processes against it, a few
# times through each storm (two faulty runs); then the faults are cleared and clean runs must finish the site.
# Checked from the sandbox ledger: no broadcast twice (clientmsgid or post → audience), every post
# delivered to each of its groups exactly once, the publish-mode post published exactly once; every run exits 0 (done) or 3 (stopped with a
# message), never a crash; journal and media cache readable.
#
# The sandbox clock runs 120× real time (a helper advances it), so the one-minute wait WeChat asks
# for after a repeated clientmsgid (45066) passes within seconds of real time.
#
# Usage: scripts/fault-storms.sh [WXPUB_BINARY]   (default .build/debug/wxpub)
# Prints one line per storm and a summary: "fault storms: N storms, R runs, 0 duplicates, 0 lost posts".
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
wxpub=${1:-$here/.build/debug/wxpub}
[[ -x $wxpub ]] || { echo "fault-storms: $wxpub not found; run swift build first" >&2; exit 2; }
work=$(mktemp -d)
sandbox_pid=
lapse_pid=
cleanup() {
  [[ -n $lapse_pid ]] && kill "$lapse_pid" 2>/dev/null
  [[ -n $sandbox_pid ]] && kill "$sandbox_pid" 2>/dev/null && wait "$sandbox_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

appid=wx5a4db0c0ffee0001
secret=5a4db0c0ffee0001sandboxsecret000

# A site of five posts: four make five broadcasts (one to all followers, four to tags), one is
# published (freepublish, which has no idempotency key); each post has its own image.
make_site() {
  local site=$1
  mkdir -p "$site/content/posts" "$site/content/images"
  cat >"$site/wxpub.yml" <<EOF
account:
  name: 风暴测试号
  type: service
  appid: $appid
timezone: Asia/Shanghai
groups:
  listeners: 听众交流会
  starred: 2
defaults:
  author: 值班编辑
  groups: [all]
  comments: closed
  cover: content/images/cover.png
EOF
  local n=0 mode
  for groups in "[all]" "[listeners]" "[starred]" "[listeners, starred]" "[all]"; do
    mode=broadcast
    ((n == 4)) && mode=publish
    printf -- '---\ntitle: 风暴之%s\ngroups: %s\nmode: %s\ncover: /content/images/cover.png\n---\n\n第%s篇正文。\n\n![图](../images/p%s.png)\n' \
      "$n" "$groups" "$mode" "$n" "$n" >"$site/content/posts/2026-11-2$n-p$n.md"
    n=$((n + 1))
  done
  python3 - "$site/content/images" <<'EOF'
import struct, sys, zlib
def png(seed, size=4):
    colour = bytes([(seed * 37) % 256, (seed * 91 + 7) % 256, (seed * 13 + 200) % 256])
    raw = b"".join(b"\0" + colour * size for _ in range(size))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
folder = sys.argv[1]
open(f"{folder}/cover.png", "wb").write(png(100))
for n in range(5):
    open(f"{folder}/p{n}.png", "wb").write(png(200 + n))
EOF
}

hook() { curl -sf -X POST -H 'Content-Type: application/json' -d "$2" "$base/__sandbox/$1" >/dev/null; }

storms=0 runs=0 failures=0 duplicates=0 lost=0

# storm NAME FAULTS_JSON [invalidate] [confirm]
storm() {
  local name=$1 faults=$2 invalidate=${3:-} confirm=${4:-}
  local dir=$work/storm$storms site=$work/storm$storms/site
  mkdir -p "$dir"
  make_site "$site"
  "$wxpub" sandbox --port 0 --account-type service --now 2026-11-25T10:00:00+08:00 --token-ttl 8640000 --followers 300 \
    --faults "$faults" >"$dir/sandbox.out" 2>"$dir/sandbox.err" &
  sandbox_pid=$!
  local port=
  for _ in $(seq 100); do
    port=$(grep -o 'http://127.0.0.1:[0-9]*' "$dir/sandbox.out" 2>/dev/null | head -1 | sed 's/.*://')
    [[ -n $port ]] && break
    sleep 0.1
  done
  [[ -n $port ]] || { echo "storm $name: the sandbox did not start: $(cat "$dir/sandbox.err")"; failures=$((failures + 1)); return; }
  base=http://127.0.0.1:$port
  (while sleep 0.5; do
     hook clock '{"advance_seconds":60}'
     [[ $invalidate == invalidate ]] && hook faults '{"invalidate_tokens":true}'
   done) &
  lapse_pid=$!
  local codes=() rc
  for run in 1 2; do
    WXPUB_API_BASE=$base WXPUB_APPID=$appid WXPUB_APPSECRET=$secret timeout 300 "$wxpub" publish --site "$site" \
      >"$dir/run$run.out" 2>"$dir/run$run.err"
    rc=$?
    codes+=("$rc")
    runs=$((runs + 1))
    if [[ $rc != 0 && $rc != 3 ]]; then
      echo "storm $name: run $run exited $rc (a crash or a hang); stderr: $(tail -3 "$dir/run$run.err")"
      failures=$((failures + 1))
    elif [[ $rc == 3 ]] && ! grep -qiE 'FAILED|error' "$dir/run$run.out" "$dir/run$run.err"; then
      echo "storm $name: run $run stopped (exit 3) without saying why"
      failures=$((failures + 1))
    fi
  done
  kill "$lapse_pid" 2>/dev/null; wait "$lapse_pid" 2>/dev/null; lapse_pid=
  hook faults '{"reset":true}'
  [[ $confirm == confirm ]] && hook confirm '{"decision":"confirm"}'
  hook clock '{"advance_seconds":86400}'
  local clean=
  for run in 1 2; do
    WXPUB_API_BASE=$base WXPUB_APPID=$appid WXPUB_APPSECRET=$secret timeout 300 "$wxpub" publish --site "$site" \
      >"$dir/clean$run.out" 2>"$dir/clean$run.err"
    clean=$?
    runs=$((runs + 1))
    [[ $clean == 0 ]] && break
  done
  curl -sf "$base/__sandbox/ledger" >"$dir/ledger.json"
  kill "$sandbox_pid" 2>/dev/null; wait "$sandbox_pid" 2>/dev/null; sandbox_pid=
  local verdict
  verdict=$(python3 - "$dir/ledger.json" "$site/.wxpub" <<'EOF'
import json, sys, collections
ledger = json.load(open(sys.argv[1]))
state = sys.argv[2]
journal = json.load(open(f"{state}/journal.json"))
json.load(open(f"{state}/media.json"))
expected = {("风暴之0", "all"), ("风暴之1", "tag 100"), ("风暴之2", "tag 2"), ("风暴之3", "tag 100"), ("风暴之3", "tag 2")}
seen = collections.Counter()
for b in ledger["broadcasts"]:
    f = b.get("filter") or {}
    audience = "all" if f.get("is_to_all") else f"tag {f.get('tag_id')}"
    seen[("+".join(b["titles"]), audience)] += 1
keys = collections.Counter(b.get("clientmsgid") for b in ledger["broadcasts"])
published = [p["titles"] for p in ledger["publishes"]]
duplicates = sum(n - 1 for n in seen.values() if n > 1) + sum(n - 1 for n in keys.values() if n > 1) + max(0, len(published) - 1)
lost = len(expected - set(seen)) + (0 if published == [["风暴之4"]] else 1)
unsent = [e for e in journal["entries"].values() if e["step"] != "sent"]
print(duplicates, lost, len(ledger["broadcasts"]), len(unsent))
EOF
)
  read -r dup miss total open <<<"${verdict:-9 9 0 9}"
  duplicates=$((duplicates + dup))
  lost=$((lost + miss))
  if [[ $clean != 0 || $dup != 0 || $miss != 0 || $open != 0 ]]; then
    failures=$((failures + 1))
    echo "storm $name: FAILED — clean run exit $clean, $total broadcasts, $dup duplicates, $miss lost, $open journal entries not sent (logs in $dir)"
    trap - EXIT  # keep the logs
  else
    echo "storm $name: faulty runs exited ${codes[*]}; clean run done; $total broadcasts and 1 publish job, 0 duplicates, 0 lost"
  fi
  storms=$((storms + 1))
}

storm "30% system busy" '{"fail_rate":0.3}'
storm "dropped connections" '{"drop_rate":0.25}'
storm "truncated JSON and 502s as text/plain" '{"truncate_rate":0.15,"http_5xx_rate":0.1,"text_plain_errors":true}'
storm "token invalidated mid-run" '{"fail_rate":0.1}' invalidate
storm "45009 daily limits" '{"daily_limits":{"/cgi-bin/media/uploadimg":2,"/cgi-bin/draft/add":2}}'
storm "API mass-send protection" '{"mass_protection":true,"fail_rate":0.1}' "" confirm
storm "40007 after lost sends" '{"drop_rate":0.3,"sendall_content_first":true}'
storm "SEND_FAIL and failing publish jobs" '{"mass_fail":"err(30003)","publish_status":3,"fail_rate":0.1}'
storm "mix" '{"fail_rate":0.3,"drop_rate":0.1,"truncate_rate":0.1,"http_5xx_rate":0.05,"sendall_content_first":true,"daily_limits":{"/cgi-bin/media/uploadimg":3}}' invalidate

echo "fault storms: $storms storms, $runs runs, $duplicates duplicates, $lost lost posts"
((failures == 0))
