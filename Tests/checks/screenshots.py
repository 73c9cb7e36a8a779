#!/usr/bin/env python3
"""Full-page screenshots of the built demo at phone and desktop widths, for a human to look at.

Usage: screenshots.py SITE_DIR OUT_DIR. Writes <page>-<width>.png for the main, roadmap,
indicators and a case page, normal and for the visually impaired, at 375 and 1280 px.
"""
import pathlib
import sys

from playwright.sync_api import sync_playwright

from checklib import launch as browser_launch

PAGES = {"main": "index.html", "roadmap": "roadmap/index.html", "indicators": "indicators/index.html"}


def main() -> int:
    site, out = pathlib.Path(sys.argv[1]).resolve(), pathlib.Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    cases = sorted(p for p in (site / "cases").glob("*/index.html")
                   if p.parent.name not in ("form", "role", "year", "tag"))
    if cases:
        PAGES["case"] = str(cases[0].relative_to(site))
    with sync_playwright() as pw:
        browser = browser_launch(pw)
        for width in (375, 1280):
            page = browser.new_page(viewport={"width": width, "height": 900})
            for name, path in PAGES.items():
                for prefix, suffix in (("", ""), ("sv/", "-sv")):
                    page.goto((site / prefix / path).as_uri())
                    target = out / f"{name}{suffix}-{width}.png"
                    page.screenshot(path=str(target), full_page=True)
                    # Horizontal scrolling at this width is a layout bug.
                    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
                    print(f"{target}{'  ГОРИЗОНТАЛЬНАЯ ПРОКРУТКА: ' + str(overflow) + ' px' if overflow > 0 else ''}")
            page.close()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
