#!/usr/bin/env python3
"""Drive a running wxpub sandbox with the third-party wechatpy SDK (oracle for issue 4).

Usage: wechatpy-sandbox-check.py --base http://127.0.0.1:PORT --appid APPID --secret SECRET [--tag 100]

Steps: fetch a token, upload an article image (media/uploadimg) and a cover (add_material),
add a draft, mass-send it to a tag with a clientmsgid, query its status (SENDING, then
SEND_SUCCESS after moving the sandbox clock), and repeat the clientmsgid: 45066 at once,
45065 with the original msg_id after a minute. Exit 0 when every step matched, else 1.

wechatpy 1.8.18 (the PyPI release installed here) hard-codes the token URL and sends the legacy
`filter.group_id` for mass sends; the sandbox reads `group_id` as `tag_id`. It has no draft API,
so draft/add goes through the generic `client.post`.
"""
import argparse
import io
import json
import sys
import urllib.request

try:
    from wechatpy import WeChatClient
    from wechatpy.exceptions import WeChatClientException
except ImportError:
    print("wechatpy is not installed (pip install wechatpy)", file=sys.stderr)
    sys.exit(2)


def png_bytes(size=2048):
    head = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\x0dIHDR" + b"\x00\x00\x00\x10\x00\x00\x00\x09\x08\x02\x00\x00\x00"
    return head + bytes((i * 7) & 0xFF for i in range(size - len(head)))


def jpeg_bytes(size=4096):
    head = bytes([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10]) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    return head + bytes(i & 0xFF for i in range(size - len(head) - 2)) + b"\xff\xd9"


def named(data, name):
    f = io.BytesIO(data)
    f.name = name
    return f


def hook(base, path, body):
    req = urllib.request.Request(base + path, data=json.dumps(body).encode(), method="POST",
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.loads(r.read())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True)
    ap.add_argument("--appid", required=True)
    ap.add_argument("--secret", required=True)
    ap.add_argument("--tag", type=int, default=100)
    args = ap.parse_args()
    base = args.base.rstrip("/")

    class SandboxClient(WeChatClient):
        API_BASE_URL = base + "/cgi-bin/"

        def fetch_access_token(self):
            return self._fetch_access_token(
                url=base + "/cgi-bin/token",
                params={"grant_type": "client_credential", "appid": self.appid, "secret": self.secret})

    client = SandboxClient(args.appid, args.secret)
    failures = []

    def check(label, ok, detail=""):
        print(("ok   " if ok else "FAIL ") + label + (": " + str(detail) if detail else ""))
        if not ok:
            failures.append(label)

    token = client.access_token
    check("token", bool(token) and len(token) >= 64, "%d chars" % len(token or ""))

    url = client.media.upload_image(named(png_bytes(), "body.png"))
    check("uploadimg returns a /mmbiz/ URL", isinstance(url, str) and "/mmbiz/" in url, url)

    cover = client.material.add("image", named(jpeg_bytes(), "cover.jpg"))
    thumb = cover.get("media_id")
    check("add_material image returns media_id and url", bool(thumb) and "url" in cover, cover)

    draft = client.post("draft/add", data={"articles": [{
        "title": "沙盒验证", "author": "wechatpy", "digest": "第三方 SDK 对沙盒的检查",
        "content": '<p>正文 <img src="%s"></p>' % url, "content_source_url": "https://example.com/",
        "thumb_media_id": thumb, "need_open_comment": 0, "only_fans_can_comment": 0}]})
    media_id = draft.get("media_id")
    check("draft/add returns media_id", bool(media_id), draft)

    sent = client.message.send_mass_article(args.tag, media_id, client_msg_id="wechatpy-oracle-1")
    msg_id = sent.get("msg_id")
    check("sendall to tag %d" % args.tag, sent.get("errcode") == 0 and bool(msg_id), sent)

    status = client.message.get_mass(msg_id)
    check("mass/get right after sending is SENDING", status.get("msg_status") == "SENDING", status)
    hook(base, "/__sandbox/clock", {"advance_seconds": 30})
    status = client.message.get_mass(msg_id)
    check("mass/get later is SEND_SUCCESS", status.get("msg_status") == "SEND_SUCCESS", status)

    def repeat():
        try:
            client.message.send_mass_article(args.tag, media_id, client_msg_id="wechatpy-oracle-1")
            return None
        except WeChatClientException as e:
            return e

    e = repeat()
    check("repeat within 60 s gives 45066", e is not None and e.errcode == 45066, e and (e.errcode, e.errmsg))
    hook(base, "/__sandbox/clock", {"advance_seconds": 61})
    e = repeat()
    body = e.response.json() if e is not None and e.response is not None else {}
    check("repeat after a minute gives 45065 with the original msg_id",
          e is not None and e.errcode == 45065 and body.get("msg_id") == msg_id, body)

    if failures:
        print("%d check(s) failed: %s" % (len(failures), ", ".join(failures)), file=sys.stderr)
        return 1
    print("all wechatpy checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
