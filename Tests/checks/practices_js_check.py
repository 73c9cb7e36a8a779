#!/usr/bin/env python3
"""The script filter of a bank's practices page, in Chromium, served over HTTP and opened
from disk: choices are filled from the practice index, a municipality narrows the list, and
a word in another grammatical form finds a practice. Usage: practices_js_check.py BANK_SITE_DIR
"""
import pathlib
import functools
import http.server
import sys
import threading

from playwright.sync_api import sync_playwright

from checklib import launch as browser_launch, report


def check(page, url, problems):
    where = "с диска" if url.startswith("file:") else "по HTTP"
    page.goto(url)
    if page.is_hidden("form.practice-filter"):
        problems.append(f"{where}: форма подбора не показана при включённом JavaScript")
    page.focus("#pf-q")
    try:
        page.wait_for_function("document.querySelectorAll('#pf-m option').length > 1", timeout=5000)
    except Exception:
        problems.append(f"{where}: список практик не загрузился")
        return
    choices = page.eval_on_selector_all("#pf-m option", "os => os.map(o => o.textContent)")
    if choices != ["все", "г. Киров (3)", "Слободской район (1)"]:
        problems.append(f"{where}: муниципалитеты в списке: {choices}")
    page.select_option("#pf-m", "Слободской район")
    text = page.inner_text("#practice-results")
    if "Найдено практик: 1" not in text or "Подготовка к олимпиаде по химии" not in text:
        problems.append(f"{where}: фильтр по муниципалитету: {text[:120]!r}")
    if page.is_visible("#practice-static"):
        problems.append(f"{where}: статический список не скрыт при подборе")
    page.select_option("#pf-m", "")
    page.fill("#pf-q", "робототехники")
    text = page.inner_text("#practice-results")
    if "Робототехника: ученик учит ученика" not in text:
        problems.append(f"{where}: поиск по словоформе: {text[:120]!r}")


def main() -> int:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=sys.argv[1])
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    problems = []
    with sync_playwright() as pw:
        browser = browser_launch(pw)
        page = browser.new_page()
        for url in (base + "/practices/", (pathlib.Path(sys.argv[1]).resolve() / "practices/index.html").as_uri()):
            check(page, url, problems)
        browser.close()
    server.shutdown()
    return report(problems, "Подбор практик со скриптом")


if __name__ == "__main__":
    sys.exit(main())
