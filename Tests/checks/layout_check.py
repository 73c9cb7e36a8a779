#!/usr/bin/env python3
"""No page of a built site scrolls sideways at 375, 768 and 1440 px, with normal text and
with text at 200 % (the largest setting of the version for the visually impaired).

Prints each page, width and overflow in px, and the widest offending element; exits 1 if any.
"""
import pathlib
import sys

from playwright.sync_api import sync_playwright

from checklib import launch as browser_launch

OVERFLOW = """() => {
  const w = document.documentElement.clientWidth;
  const over = document.documentElement.scrollWidth - w;
  if (over <= 0) return null;
  const bad = [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w + 1);
  const e = bad[bad.length - 1];
  return over + ' px, ' + (e ? e.tagName.toLowerCase() + ' «' + e.textContent.trim().slice(0, 40) + '»' : '');
}"""


def main() -> int:
    site = pathlib.Path(sys.argv[1]).resolve()
    pages = sorted(p for p in site.rglob("*.html") if not p.relative_to(site).parts[0] == "sv")
    problems = 0
    with sync_playwright() as pw:
        browser = browser_launch(pw)
        for width in (375, 768, 1440):
            page = browser.new_page(viewport={"width": width, "height": 900})
            for path in pages:
                page.goto(path.as_uri())
                for mode, classes in (("обычный текст", None), ("текст 200 %", "a11y-xlarge a11y-contrast a11y-spacing")):
                    if classes:
                        page.evaluate(f"document.documentElement.className = '{classes}'")
                    found = page.evaluate(OVERFLOW)
                    if found:
                        problems += 1
                        print(f"{path.relative_to(site)} при {width} px, {mode}: горизонтальная прокрутка {found}")
            page.close()
        browser.close()
    print(f"Вёрстка: проверено страниц: {len(pages)} (ширины 375, 768, 1440 px; текст 100 и 200 %), нарушений: {problems}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
