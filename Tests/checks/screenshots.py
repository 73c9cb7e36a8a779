#!/usr/bin/env python3
"""Full-page screenshots of a built site at phone and desktop widths, for a human to look at.

Usage: screenshots.py SITE_DIR OUT_DIR [BANK_DIR]

Writes <kind>-<width>.png and <kind>-sv-<width>.png (the version for the visually impaired)
at 375 and 1280 px for one page of every kind: home, documents, programmes and one programme,
roadmap, indicators, cases, a filter page and one case, mentors and one mentor, news and one
news item, partners, the site's own pages, search, 404, competitions and the programme base
when present. BANK_DIR is a regional bank built with --out BANK_DIR/public --report
BANK_DIR/report (or its public folder alone): its pages of every kind and its report go to
bank-<kind>-….png. A page that scrolls sideways is flagged in the listing. Text is hyphenated
where the CSS asks for it, as a phone's browser does (layoutlib.HYPHENATE).
"""
import pathlib
import sys

from playwright.sync_api import sync_playwright

from checklib import launch as browser_launch
from layoutlib import HYPHENATE, one_of_each, serve_absolute

WIDTHS = (375, 1280)


def shots(site: pathlib.Path, prefix: str) -> list[tuple[str, pathlib.Path]]:
    """(file name stem, page) for both versions of one page of each kind."""
    out = []
    for name, page in one_of_each(site).items():
        stem = prefix + name.replace("/", "-")
        out.append((stem, page))
        vision = site / "sv" / page.relative_to(site)
        if vision.exists():
            out.append((stem + "-sv", vision))
    return out


def main() -> int:
    if len(sys.argv) not in (3, 4):
        print(__doc__)
        return 2
    site, out = pathlib.Path(sys.argv[1]).resolve(), pathlib.Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    todo = shots(site, "")
    roots = [site]
    if len(sys.argv) == 4:
        bank = pathlib.Path(sys.argv[3]).resolve()
        public = bank / "public" if (bank / "public").is_dir() else bank
        todo += shots(public, "bank-")
        roots.append(public)
        report = bank / "report" / "index.html"
        if report.exists():
            todo.append(("bank-report", report))
    flagged = 0
    with sync_playwright() as pw:
        browser = browser_launch(pw)
        for width in WIDTHS:
            page = browser.new_page(viewport={"width": width, "height": 900})
            serve_absolute(page, *roots)
            for stem, path in todo:
                page.goto(path.as_uri())
                # As a phone shows it: Chromium on Linux has no Russian hyphenation dictionary.
                page.evaluate(HYPHENATE)
                target = out / f"{stem}-{width}.png"
                page.screenshot(path=str(target), full_page=True)
                # Horizontal scrolling at this width is a layout bug.
                overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
                flagged += overflow > 0
                print(f"{target}{'  ГОРИЗОНТАЛЬНАЯ ПРОКРУТКА: ' + str(overflow) + ' px' if overflow > 0 else ''}")
            page.close()
        browser.close()
    print(f"Снимков: {len(todo) * len(WIDTHS)}, с горизонтальной прокруткой: {flagged}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
