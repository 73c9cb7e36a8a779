#!/usr/bin/env python3
"""The search page of the demo site, opened from disk (file://) in Chromium, in both versions
(normal and sv/). Each query must find its page, and exactly the pages that PyPI snowballstemmer
says contain every query word (whole words, any form, case and ё aside), title hits first; the
count line has the right Russian plural; the type label is shown; the excerpt marks only query
words; «год» does not find a page for «благодарность»; nonsense shows the empty state pointing to
the site's sections; the query lives in the address (?q=), loads from it and comes back with Back;
axe-core finds nothing on the results and the empty state; nothing scrolls sideways at 375 px.
Usage: search_check.py SITE_DIR
"""
import json
import pathlib
import re
import sys
from urllib.parse import quote

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright
from snowballstemmer.russian_stemmer import RussianStemmer

from checklib import launch as browser_launch, report

# query, the page it must find (site-relative), that page's type label
QUERIES = [
    ("дорожную карту", "roadmap/", "Дорожная карта"),
    ("молодых педагогов", "programs/programma-2024/", "Программа"),
    ("показатели", "indicators/", "Показатели"),
    ("РОБОТОТЕХНИКА", "news/2024-04-18-robototekhnika/", "Новость"),
    ("призером", "mentors/kuznetsova/", "Наставник"),  # the text says «призёр»
    ("олимпиадами химии", "cases/olimpiada-himiya/", "Кейс"),
    ("наставниками", "news/2025-05-20-luchshiy-nastavnik/", "Новость"),
]
NONSENSE = "щзхъывлоп"
LIMIT = 50  # search.js shows at most this many results

STEMMER = RussianStemmer()


def stems(text):
    return [STEMMER.stemWord(w) for w in re.findall(r"[0-9a-zа-я]+", text.lower().replace("ё", "е"))]


def pages(n):
    one = n % 10 == 1 and n % 100 != 11
    few = 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14
    return ("Найдена " if one else "Найдено ") + str(n) + (" страница" if one else " страницы" if few else " страниц")


def load_index(path):
    text = path.read_text(encoding="utf-8")
    prefix = "window.nastavnikSearchIndex="
    if not text.startswith(prefix):
        raise SystemExit(f"{path}: не начинается с {prefix}")
    return json.loads(text[len(prefix):].rstrip().rstrip(";"))


RESULTS = """() => {
  const status = document.getElementById('search-status').innerText.trim();
  const hits = [...document.querySelectorAll('#search-results .search-hits > li')].map(li => ({
    href: li.querySelector('a').href,
    kind: (li.querySelector('.search-kind') || {}).innerText || '',
    marks: [...li.querySelectorAll('mark')].map(m => m.innerText),
    excerptMarks: li.querySelectorAll('.search-excerpt mark').length,
  }));
  return {status, hits, url: location.href, q: document.getElementById('q').value};
}"""

# Only the results' own boxes: the rest of the page is the layout check's.
OVERFLOW = """() => [...document.querySelectorAll('#search-results *')]
  .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
  .map(e => e.tagName.toLowerCase() + ' «' + e.textContent.trim().slice(0, 40) + '»')"""


def main() -> int:
    site = pathlib.Path(sys.argv[1]).resolve()
    problems = []
    axe = Axe()
    with sync_playwright() as pw:
        browser = browser_launch(pw)
        page = browser.new_page(viewport={"width": 375, "height": 800})
        page.on("pageerror", lambda e: problems.append(f"ошибка скрипта: {e}"))
        for prefix in ("", "sv/"):
            where = f"{prefix}search/"
            search_page = site / prefix / "search/index.html"
            root = (site / prefix).as_uri() + "/"
            # The copy for the visually impaired shares the site's one index.
            docs = load_index(site / "search-index.js")["docs"]
            page.goto(search_page.as_uri())

            def search(query):
                page.fill("#q", query)
                page.press("#q", "Enter")
                try:
                    page.wait_for_function("q => document.getElementById('search-status').innerText.includes('«' + q.replace(/\\s+/g, ' ').trim() + '»')",
                                           arg=query, timeout=5000)
                except Exception:
                    problems.append(f"{where}: «{query}» — нет ответа: {page.inner_text('#search-results')[:100]!r}")
                    return None
                return page.evaluate(RESULTS)

            for query, expected, kind in QUERIES:
                got = search(query)
                if got is None:
                    continue
                want = set(stems(query))
                matching = [d for d in docs if want <= set(d["w"].split())]
                if not got["status"].startswith(pages(len(matching)) + " "):
                    problems.append(f"{where}: «{query}»: строка итога {got['status']!r}, ожидалось «{pages(len(matching))} …»")
                hrefs = [h["href"] for h in got["hits"]]
                if len(matching) <= LIMIT and sorted(hrefs) != sorted(root + d["u"] for d in matching):
                    problems.append(f"{where}: «{query}»: найдены {sorted(h[len(root):] for h in hrefs)}, "
                                    f"а все слова есть на {sorted(d['u'] for d in matching)}")
                hit = next((h for h in got["hits"] if h["href"] == root + expected), None)
                if hit is None:
                    problems.append(f"{where}: «{query}» не нашёл {expected}: {got['status']!r}")
                    continue
                if hit["kind"] != kind:
                    problems.append(f"{where}: «{query}»: у {expected} тип «{hit['kind']}», ожидался «{kind}»")
                if not hit["marks"]:
                    problems.append(f"{where}: «{query}»: в результате {expected} не выделено ни одно слово")
                if not any(h["excerptMarks"] for h in got["hits"]):
                    problems.append(f"{where}: «{query}»: ни в одном отрывке не выделено слово запроса")
                for h in got["hits"]:
                    stray = [m for m in h["marks"] if not set(stems(m)) <= want]
                    if stray:
                        problems.append(f"{where}: «{query}»: выделено не слово запроса: {stray} в {h['href'][len(root):]}")
                by_url = {root + d["u"]: d for d in docs}
                title_hits = [len(want & set(stems(by_url[h]["t"]))) for h in hrefs if h in by_url]
                if title_hits != sorted(title_hits, reverse=True):
                    problems.append(f"{where}: «{query}»: страницы со словами в заголовке не первыми: {title_hits}")
                if f"q={quote(query)}" not in got["url"]:
                    problems.append(f"{where}: «{query}»: запроса нет в адресе страницы: {got['url']}")

            # Whole words: a page whose only «год» is inside «благодарность» is not found.
            page.evaluate("""() => window.nastavnikSearchIndex.docs.push({u: 'proverka/', t: 'Проверочная страница',
                k: 'Страница', x: 'Благодарность управления образования', w: 'благодарн управлен образован'})""")
            got = search("год")
            if got and any(h["href"] == root + "proverka/" for h in got["hits"]):
                problems.append(f"{where}: «год» нашёл страницу, где есть только «Благодарность»")
            if got and any(m.lower().startswith("благодар") for h in got["hits"] for m in h["marks"]):
                problems.append(f"{where}: «год» выделил «благодарность» в отрывке")
            got = search("благодарностью")
            if got and not any(h["href"] == root + "proverka/" for h in got["hits"]):
                problems.append(f"{where}: проверочная страница не нашлась по «благодарностью»: проверка «год» ничего не доказала")

            # The results state for axe-core and the layout at 375 px with the largest text.
            search("молодых педагогов")
            for v in axe.run(page).response["violations"]:
                problems.append(f"{where} с результатами: axe {v['id']} ({v['impact']}): {v['help']}")
            page.evaluate("document.documentElement.className = 'a11y-xlarge a11y-contrast a11y-spacing'")
            for wide in page.evaluate(OVERFLOW):
                problems.append(f"{where} с результатами: при 375 px и тексте 200 % не помещается {wide}")
            page.evaluate("document.documentElement.className = ''")

            # Nothing found: says so, suggests what to do, lists the sections.
            got = search(NONSENSE)
            if got:
                text = page.inner_text("#search-results")
                if "ничего не найдено" not in got["status"] or got["hits"]:
                    problems.append(f"{where}: «{NONSENSE}»: нет сообщения «ничего не найдено»: {got['status']!r}")
                if "опечатк" not in text:
                    problems.append(f"{where}: «{NONSENSE}»: нет совета проверить опечатки")
                if not page.locator("#search-results a[href='#sections']").count() or page.locator("#sections + .section-links a").count() < 5:
                    problems.append(f"{where}: «{NONSENSE}»: нет ссылки на список разделов сайта (#sections)")
                for v in axe.run(page).response["violations"]:
                    problems.append(f"{where} без результатов: axe {v['id']} ({v['impact']}): {v['help']}")
            got = search("дорожную " + NONSENSE)
            if got and "дорожную" not in page.inner_text("#search-results .search-alone"):
                problems.append(f"{where}: «дорожную {NONSENSE}»: не подсказано, что «дорожную» одно находит страницы")

            # The address keeps the query: Back returns to the previous search, a link with ?q= runs it.
            search("показатели")
            page.go_back()
            try:
                page.wait_for_function("() => document.getElementById('search-status').innerText.includes('«дорожную " + NONSENSE + "»')", timeout=5000)
            except Exception:
                problems.append(f"{where}: «Назад» не вернул прежний поиск «дорожную {NONSENSE}»: открыт {page.url}")
            page.goto(search_page.as_uri() + "?q=" + quote("дорожную карту"))
            try:
                page.wait_for_function("() => document.getElementById('search-status').innerText.includes('«дорожную карту»')", timeout=5000)
                if page.input_value("#q") != "дорожную карту":
                    problems.append(f"{where}?q=…: запрос не показан в поле: {page.input_value('#q')!r}")
            except Exception:
                problems.append(f"{where}?q=дорожную карту: поиск не запустился при открытии страницы")
        browser.close()
    return report(problems, "Поиск с диска (file://)")


if __name__ == "__main__":
    sys.exit(main())
