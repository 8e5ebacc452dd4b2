#!/usr/bin/env python3
"""Legibility of preview pages on a 375 px phone, in headless Chromium (Playwright):
no element wider than the screen (except inside a box that scrolls sideways, as code blocks and
tables do), no text smaller than 12 px, no line height below the font size — in light mode and
with the page's dark-mode switch on.

usage: check-legibility.py PAGE.html…   → one line per problem; exit 1 when there is any.
Needs `pip install playwright` and Debian's chromium (never `playwright install`).
"""
import sys

from playwright.sync_api import sync_playwright

PROBE = """
() => {
  const problems = [];
  const root = document.querySelector('#js_content');
  const limit = document.documentElement.clientWidth;
  const scrolls = (el) => { for (let e = el; e && e !== root; e = e.parentElement) {
      const o = getComputedStyle(e).overflowX; if (o === 'auto' || o === 'scroll') return true; } return false; };
  const name = (el) => el.tagName.toLowerCase() + (el.getAttribute('style') ? '[' + el.getAttribute('style').slice(0, 60) + ']' : '');
  for (const el of root.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > limit + 0.5 && !scrolls(el.parentElement)) problems.push(`wider than ${limit}px: ${name(el)} ends at ${Math.round(r.right)}px`);
    const hasText = Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
    if (!hasText) continue;
    const cs = getComputedStyle(el);
    const size = parseFloat(cs.fontSize);
    if (size < 12) problems.push(`text below 12px (${size}px): ${name(el)}`);
    const lh = cs.lineHeight === 'normal' ? size * 1.2 : parseFloat(cs.lineHeight);
    if (lh < size) problems.push(`line height ${lh}px below font size ${size}px: ${name(el)}`);
  }
  return problems;
}
"""


def main(pages):
    failed = False
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 375, "height": 812})
        for path in pages:
            page.goto("file://" + path)
            for mode in ("light", "dark"):
                if mode == "dark":
                    page.click("button.wx-mode")
                for problem in page.evaluate(PROBE):
                    failed = True
                    print(f"{path} ({mode}): {problem}")
        browser.close()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
