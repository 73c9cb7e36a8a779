#!/usr/bin/env python3
"""Runs axe-core in headless Chromium on every page of a built site (file:// URLs), both
versions (normal and sv/), at a phone's width (375 px) and a desktop's (1280 px): some
findings exist at one width only (a table that scrolls sideways on a phone).

Usage: axe_check.py SITE [--sample-sv]   (--sample-sv: one sv/ page of each kind)

Prints each violation as `page при N px: rule-id (impact): help — selector` and exits 1 if
any. Chromium is Debian's; `playwright install` cannot download here and is never called.
"""
import pathlib
import sys

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

from checklib import launch as browser_launch
from layoutlib import pages as site_pages, serve_absolute

WIDTHS = (375, 1280)


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if len(args) != 1:
        print(__doc__)
        return 2
    site = pathlib.Path(args[0]).resolve()
    pages = site_pages(site, vision_sample="--sample-sv" in sys.argv)
    axe = Axe()
    problems = 0
    with sync_playwright() as pw:
        browser = browser_launch(pw)
        for width in WIDTHS:
            page = browser.new_page(viewport={"width": width, "height": 900})
            serve_absolute(page, site)
            for path in pages:
                page.goto(path.as_uri())
                result = axe.run(page)
                for v in result.response["violations"]:
                    for node in v["nodes"]:
                        problems += 1
                        print(f"{path.relative_to(site)} при {width} px: {v['id']} ({v['impact']}): {v['help']} — {' '.join(node['target'])}")
            page.close()
        browser.close()
    print(f"axe-core: проверено страниц: {len(pages)} × ширины {', '.join(map(str, WIDTHS))} px, нарушений: {problems}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
