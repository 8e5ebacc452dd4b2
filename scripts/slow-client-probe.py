#!/usr/bin/env python3
"""Issue 14's slow-client attack against a running wxpub HTTP server (sandbox or serve), measured.

Usage: slow-client-probe.py URL [CONNECTIONS] [SECONDS]

Opens CONNECTIONS (default 5000) connections to URL's host:port, each sending a request one byte at
a time (a byte every 10 s, like the probe that exhausted the old server's file descriptors), and
while they are held times normal GET requests of URL's path for SECONDS (default 20). Prints the
normal requests' count, failures and latency percentiles. A measurement, not a test: run it by
hand against a release build, e.g.
    wxpub sandbox --port 8123 &  python3 scripts/slow-client-probe.py http://127.0.0.1:8123/cgi-bin/draft/count
"""

import socket
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request


def main():
    url = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
    seconds = float(sys.argv[3]) if len(sys.argv) > 3 else 20
    parts = urllib.parse.urlsplit(url)
    request = f"GET {parts.path or '/'} HTTP/1.1\r\nHost: x\r\nX-Slow: {'a' * 64}\r\n\r\n".encode()
    held, refused = [], 0
    for _ in range(count):
        try:
            s = socket.create_connection((parts.hostname, parts.port), timeout=5)
            s.setblocking(False)
            held.append([s, 0])
        except OSError:
            refused += 1
    print(f"opened {len(held)} slow connections ({refused} refused)")
    stop = threading.Event()

    def drip():
        while not stop.is_set():
            for item in held:
                s, sent = item
                if sent < len(request):
                    try:
                        s.send(request[sent:sent + 1])
                        item[1] += 1
                    except OSError:
                        item[1] = len(request)  # closed by the server (evicted or timed out)
            stop.wait(10)

    threading.Thread(target=drip, daemon=True).start()
    latencies, failures = [], 0
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        start = time.monotonic()
        try:
            with urllib.request.urlopen(url, timeout=10) as r:
                r.read()
            latencies.append(time.monotonic() - start)
        except urllib.error.HTTPError:
            latencies.append(time.monotonic() - start)  # an answer all the same (e.g. 404)
        except Exception as e:
            failures += 1
            print("normal request failed:", e)
        time.sleep(0.05)
    stop.set()
    closed = sum(1 for s, sent in held if sent >= len(request))
    for s, _ in held:
        s.close()
    latencies.sort()
    pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000 if latencies else float("nan")
    print(f"normal requests: {len(latencies)} answered, {failures} failed; latency p50 {pick(0.5):.1f} ms, "
          f"p99 {pick(0.99):.1f} ms, max {pick(1.0):.1f} ms; slow connections closed by the server: {closed}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
