#!/usr/bin/env python3
"""Runs axe-core in headless Chromium on every page of a built site (file:// URLs).

Prints each violation as `page: rule-id (impact): help — selector` and exits 1 if any.
Chromium is Debian's; `playwright install` cannot download here and is never called.
"""
import pathlib
import sys

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

from checklib import launch as browser_launch


def main() -> int:
    site = pathlib.Path(sys.argv[1]).resolve()
    pages = sorted(p for p in site.rglob("*.html"))
    axe = Axe()
    problems = 0
    with sync_playwright() as pw:
        browser = browser_launch(pw)
        page = browser.new_page()
        for path in pages:
            page.goto(path.as_uri())
            result = axe.run(page)
            for v in result.response["violations"]:
                for node in v["nodes"]:
                    problems += 1
                    print(f"{path.relative_to(site)}: {v['id']} ({v['impact']}): {v['help']} — {' '.join(node['target'])}")
        browser.close()
    print(f"axe-core: проверено страниц: {len(pages)}, нарушений: {problems}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
