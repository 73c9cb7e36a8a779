#!/usr/bin/env python3
"""The search page of the demo site, opened from disk (file://) in Chromium: the index loads,
case does not matter, ё = е, and another form of a word finds the page.
Usage: search_check.py SITE_DIR
"""
import pathlib
import sys

from playwright.sync_api import sync_playwright

from checklib import launch as browser_launch, report

QUERIES = [
    ("РОБОТОТЕХНИКА", "Второе место на муниципальных соревнованиях по робототехнике"),
    ("призером", "Второе место на муниципальных соревнованиях по робототехнике"),  # the text says «призёром»
    ("олимпиадами химии", "олимпиад"),
    ("наставниками", "Лучший наставник года"),
]


def main() -> int:
    site = pathlib.Path(sys.argv[1]).resolve()
    problems = []
    with sync_playwright() as pw:
        browser = browser_launch(pw)
        page = browser.new_page()
        for prefix in ("", "sv/"):
            page.goto((site / prefix / "search/index.html").as_uri())
            for query, expected in QUERIES:
                page.fill("#q", query)
                page.press("#q", "Enter")
                try:
                    page.wait_for_function("document.getElementById('search-results').innerText.includes('Найдено')", timeout=5000)
                except Exception:
                    problems.append(f"{prefix}search/: «{query}» — результатов нет: {page.inner_text('#search-results')[:100]!r}")
                    continue
                text = page.inner_text("#search-results")
                if expected.lower() not in text.lower():
                    problems.append(f"{prefix}search/: «{query}» не нашёл «{expected}»: {text[:160]!r}")
        browser.close()
    return report(problems, "Поиск с диска (file://)")


if __name__ == "__main__":
    sys.exit(main())
