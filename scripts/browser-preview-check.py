#!/usr/bin/env python3
"""`wxpub serve` in a real browser: headless Chromium (Debian `chromium`) driven by Playwright.

Usage: browser-preview-check.py WXPUB SITE SCREENSHOTS

Starts `WXPUB serve --port 0` in SITE (a copy: the check edits its posts), then at a 375x812 phone
viewport checks every post page and the index, a live edit, a broken front matter and its fix.
Saves a screenshot of each post into SCREENSHOTS. Prints one line per finding and exits 1 on any;
exits 77 with one line when Chromium or Playwright is absent (the Swift test then skips).
"""

import os
import re
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone

CHROMIUM = "/usr/bin/chromium"
WIDTH, HEIGHT = 375, 812

try:
    from playwright.sync_api import sync_playwright
except ImportError:
    print("skipped: Playwright for Python is not installed (pip install playwright)")
    sys.exit(77)
if not os.access(CHROMIUM, os.X_OK):
    print(f"skipped: {CHROMIUM} is absent (apt-get install chromium fonts-noto-cjk)")
    sys.exit(77)

failures = []


def fail(message):
    failures.append(message)
    print("FAIL: " + message)


def front_matter(path):
    """The few keys the expected state depends on, read the simple way the example site writes them."""
    text = open(path, encoding="utf-8").read()
    match = re.match(r"---\n(.*?)\n---\n", text, re.S)
    fields = {}
    for line in (match.group(1) if match else "").splitlines():
        if ":" in line and not line.startswith(" "):
            key, value = line.split(":", 1)
            fields[key.strip()] = value.strip()
    return fields


def expected_state(fields, now):
    """No journal in a fresh copy, so a post is a draft, waiting for its publish_at, or due."""
    if fields.get("draft") == "true":
        return "draft"
    at = fields.get("publish_at")
    if at:
        if "T" in at:
            when = datetime.fromisoformat(at)
        else:
            when = datetime.strptime(at, "%Y-%m-%d %H:%M").replace(tzinfo=timezone(timedelta(hours=8)))
        if when > now:
            return "waiting"
    return "due"


# Runs in the page: findings about layout, images, clipping and the header.
PAGE_CHECKS = """
() => {
  const out = [];
  const width = window.innerWidth;
  const doc = document.documentElement;
  if (doc.scrollWidth > width) out.push(`page is ${doc.scrollWidth}px wide, wider than the ${width}px viewport`);
  const scrolls = (el) => { const s = getComputedStyle(el); return ['auto', 'scroll'].includes(s.overflowX); };
  const insideScroller = (el) => { for (let a = el.parentElement; a; a = a.parentElement) if (scrolls(a)) return a; return null; };
  for (const img of document.images) {
    if (!img.complete || img.naturalWidth === 0) out.push(`image not loaded: ${img.getAttribute('src')}`);
  }
  for (const el of document.querySelectorAll('#js_content table, #js_content pre')) {
    if (el.getBoundingClientRect().right > width + 1 && !insideScroller(el) && !scrolls(el))
      out.push(`<${el.tagName.toLowerCase()}> sticks out of the viewport instead of scrolling in its own box`);
  }
  // Text clipped by an ancestor: an element with its own text that lies outside an ancestor that
  // hides overflow (a scrolling box does not clip: its content can be scrolled to).
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.textContent.trim()) continue;
    const el = node.parentElement;
    if (!el || seen.has(el) || el.closest('script,style,head')) continue;
    seen.add(el);
    const range = document.createRange();
    range.selectNodeContents(node);
    const r = range.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    for (let a = el; a && a !== document.body; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (scrolls(a)) break;
      const hides = ['hidden', 'clip'].includes(s.overflowX) || ['hidden', 'clip'].includes(s.overflowY);
      if (hides) {
        const b = a.getBoundingClientRect();
        if (r.left < b.left - 1 || r.right > b.right + 1 || r.top < b.top - 1 || r.bottom > b.bottom + 1)
          out.push(`text "${node.textContent.trim().slice(0, 30)}" is clipped by <${a.tagName.toLowerCase()} class="${a.className}">`);
        break;
      }
    }
    if (!insideScroller(el) && r.right > width + 1) out.push(`text "${node.textContent.trim().slice(0, 30)}" runs past the viewport`);
  }
  return out;
}
"""


# Runs in the page: the dark switch. In dark mode every line of the article's text must be drawn
# lighter than the background behind it (WeChat's dark mode turns dark text on white into light
# text on black), some text colour must have changed, and switching back must restore every
# `style` as written and every colour.
DARK_CHECKS = """
() => {
  const out = [];
  const rgba = (s) => { const m = s.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
    const p = m[1].split(',').map(parseFloat); return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1}; };
  const luminance = (c) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
  const ground = (el) => { for (let a = el; a; a = a.parentElement) { const c = rgba(getComputedStyle(a).backgroundColor);
    if (c && c.a >= 0.99) return c; } return {r: 255, g: 255, b: 255, a: 1}; };
  const texts = () => Array.from(document.querySelectorAll('#js_content *'))
    .filter(el => Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim()));
  const colours = () => texts().map(el => getComputedStyle(el).color);
  const styled = Array.from(document.querySelectorAll('#js_content [style]'));
  const written = styled.map(el => el.getAttribute('style'));
  const light = colours();
  const button = document.querySelector('button.wx-mode');
  button.click();
  if (!document.body.classList.contains('dark')) out.push('the dark switch did not turn dark mode on');
  for (const el of texts()) {
    const text = getComputedStyle(el).color, back = ground(el);
    if (luminance(rgba(text)) <= luminance(back))
      out.push(`dark mode: text "${el.textContent.trim().slice(0, 30)}" is ${text} on rgb(${back.r}, ${back.g}, ${back.b}), not lighter than its background`);
  }
  const dark = colours();
  if (light.length && !dark.some((c, i) => c !== light[i])) out.push('dark mode changed no text colour of the article');
  button.click();
  if (document.body.classList.contains('dark')) out.push('the dark switch did not turn dark mode off');
  styled.forEach((el, i) => { if (el.getAttribute('style') !== written[i])
    out.push(`light mode again: <${el.tagName.toLowerCase()}> has style "${el.getAttribute('style')}", not "${written[i]}" as written`); });
  if (colours().some((c, i) => c !== light[i])) out.push('light mode again: the text colours are not those before the switch');
  return out;
}
"""


def cjk_fonts(page, selector):
    """The fonts Chromium actually drew the element's glyphs with (DevTools: CSS.getPlatformFontsForNode)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"] if node else []
    cdp.detach()
    return fonts


def main():
    wxpub, site, shots = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2]), os.path.abspath(sys.argv[3])
    os.makedirs(shots, exist_ok=True)
    server = subprocess.Popen([wxpub, "serve", "--port", "0"], cwd=site, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first = server.stdout.readline().strip()
        match = re.fullmatch(r"serving (http://127\.0\.0\.1:\d+/)", first)
        if not match:
            fail(f"first line of `wxpub serve` is {first!r}, not 'serving http://127.0.0.1:PORT/'")
            return
        base = match.group(1)
        run_checks(base, site, shots)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            fail("wxpub serve did not stop within 10 s of SIGTERM")
        if server.returncode not in (0, None, -15):
            fail(f"wxpub serve exited {server.returncode} on SIGTERM: {server.stderr.read()[-300:]}")


def run_checks(base, site, shots):
    posts_dir = os.path.join(site, "content", "posts")
    files = sorted(f for f in os.listdir(posts_dir) if f.endswith(".md"))
    now = datetime.now(timezone.utc)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}, device_scale_factor=2, locale="zh-CN")
        page = context.new_page()

        # The index: every post, each with the right state.
        page.goto(base)
        items = page.eval_on_selector_all(".wxpub-posts li", "els => els.map(e => [e.dataset.slug, e.dataset.state, e.querySelector('a') && e.querySelector('a').textContent, e.textContent, +e.dataset.errors])")
        if len(items) != len(files):
            fail(f"the index lists {len(items)} posts; the site has {len(files)}")
        listed = {path: (slug, state, title, errors) for slug, state, title, text, errors in items for path in [re.search(r"content/posts/\S+\.md", text).group(0)]}
        slugs = []
        for name in files:
            path = f"content/posts/{name}"
            if path not in listed:
                fail(f"the index does not list {path}")
                continue
            slug, state, title, errors = listed[path]
            # A post with errors is never sent: its state says so, whatever its front matter.
            want = "errors" if errors else expected_state(front_matter(os.path.join(posts_dir, name)), now)
            if state != want:
                fail(f"{path}: the index says {state}, expected {want}")
            slugs.append((slug, path, title))
        for finding in page.evaluate(PAGE_CHECKS):
            fail(f"index: {finding}")

        # The checks themselves can fail: a too-wide box, clipped text and a broken image, planted
        # into a page, must each be found.
        page.goto(base + slugs[0][0] + "/")
        page.wait_for_load_state("load")
        page.evaluate("""() => {
          const host = document.querySelector('#js_content') || document.body;
          host.insertAdjacentHTML('beforeend', '<section style="width:600px">太宽的盒子</section>'
            + '<section style="height:10px;overflow:hidden">第一行<br>第二行被裁掉</section><img src="/no-such-image.png">');
        }""")
        page.wait_for_timeout(200)
        planted = page.evaluate(PAGE_CHECKS)
        for needle in ["wider than the", "is clipped by", "image not loaded"]:
            if not any(needle in f for f in planted):
                fail(f"self-check: a planted fault ({needle}) was not found: {planted}")

        # The dark check can fail too: with its table emptied, the switch changes no colour.
        page.goto(base + slugs[0][0] + "/")
        page.wait_for_load_state("load")
        if page.query_selector("#js_content"):
            page.evaluate("() => { wxDarkStyles = new Map(); }")
            if not any("changed no text colour" in f for f in page.evaluate(DARK_CHECKS)):
                fail("self-check: a dark switch that changes no colour was not found")

        # Every post page at phone size.
        for slug, path, title in slugs:
            page.goto(base + slug + "/")
            page.wait_for_load_state("load")
            header = page.eval_on_selector_all(".wx-title", "els => els.map(e => e.textContent)")
            if header != [title]:
                fail(f"{slug}: the header shows {header}, expected the title {title!r} once")
            meta = page.text_content(".wx-meta") or ""
            if title in meta:
                fail(f"{slug}: the title appears again in the header's meta line")
            for finding in page.evaluate(PAGE_CHECKS):
                fail(f"{slug}: {finding}")
            fonts = cjk_fonts(page, ".wx-title")
            names = [f["familyName"] for f in fonts]
            if not any("CJK" in n or "Noto Sans SC" in n or "WenQuanYi" in n for n in names):
                fail(f"{slug}: the title's Chinese glyphs were drawn with {names}, not a CJK font (tofu)")
            if page.query_selector("#js_content"):
                body_fonts = cjk_fonts(page, "#js_content p")
                if body_fonts and not any("CJK" in f["familyName"] for f in body_fonts):
                    fail(f"{slug}: the first paragraph was drawn with {[f['familyName'] for f in body_fonts]}, not a CJK font")
            elif not page.query_selector("#wxpub-unavailable"):
                fail(f"{slug}: the page shows neither the article nor why it cannot")
            page.screenshot(path=os.path.join(shots, f"{slug}.png"), full_page=True)
            if page.query_selector("#js_content"):
                for finding in page.evaluate(DARK_CHECKS):
                    fail(f"{slug}: {finding}")
                page.click("button.wx-mode")
                page.screenshot(path=os.path.join(shots, f"{slug}-dark.png"), full_page=True)
                page.click("button.wx-mode")
            print(f"ok: {slug} ({len(page.eval_on_selector_all('img', 'els => els'))} images, fonts {sorted(set(names))})")

        # A live edit shows up without a manual reload, within 2 s.
        edited = next((s for s in slugs if s[0] == "hello-wxpub"), slugs[0])
        slug, path, _ = edited
        full = os.path.join(site, path)
        original = open(full, encoding="utf-8").read()
        page.goto(base + slug + "/")
        page.wait_for_load_state("load")
        time.sleep(0.3)
        new_title = "浏览器里的实时预览"
        with open(full, "w", encoding="utf-8") as f:
            f.write(re.sub(r"(?m)^(title1?): .*$", f"title: {new_title}", original, count=1))
        start = time.monotonic()
        try:
            page.wait_for_function(f"() => document.querySelector('.wx-title') && document.querySelector('.wx-title').textContent === {new_title!r}", timeout=2000)
            print(f"ok: live edit shown after {time.monotonic() - start:.2f} s")
        except Exception:
            fail(f"{slug}: an edited title did not show up within 2 s without a reload")

        # Breaking the front matter shows the error and its line; fixing it brings the article back.
        lines = original.split("\n")
        title_line = next(i for i, l in enumerate(lines) if re.match(r"title1?: ", l))
        broken = lines[:]
        broken[title_line] = "title: \"an unterminated string"
        with open(full, "w", encoding="utf-8") as f:
            f.write("\n".join(broken))
        closing = lines.index("---", 1) + 1  # 1-based line of the closing ---
        try:
            page.wait_for_selector("#wxpub-unavailable", timeout=2000)
            places = page.eval_on_selector_all(".wxpub-diagnostics li.error code", "els => els.map(e => e.textContent)")
            rows = [int(m.group(1)) for c in places for m in [re.search(re.escape(path) + r":(\d+):\d+", c)] if m]
            if not rows or not all(2 <= r <= closing for r in rows):
                fail(f"{slug}: the front-matter error does not point at a front-matter line: {places}")
            else:
                print(f"ok: broken front matter shown at line {rows[0]}")
            page.screenshot(path=os.path.join(shots, f"{slug}-error.png"), full_page=True)
        except Exception:
            fail(f"{slug}: a broken front matter did not show an error within 2 s")
        with open(full, "w", encoding="utf-8") as f:
            f.write(original)
        try:
            page.wait_for_selector("#js_content", timeout=2000)
            print("ok: fixing the file brought the article back")
        except Exception:
            fail(f"{slug}: fixing the front matter did not bring the article back within 2 s")
        browser.close()


if __name__ == "__main__":
    main()
    if failures:
        print(f"{len(failures)} finding(s)")
        sys.exit(1)
    print("browser preview check passed")
