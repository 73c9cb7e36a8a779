#!/usr/bin/env python3
"""The practice filter of a bank's practices page in Chromium, served over HTTP and opened from
disk: one count in agreeing Russian, each facet gives the count its link promises, the choice
lives in the URL query (reload, Back, Forward, a facet page's own choice), the reset shows all
again, results start on the first screen of a phone, and without JavaScript the page still lists
the practices and the facet links. Usage: practices_js_check.py BANK_SITE_DIR
"""
import functools
import http.server
import json
import pathlib
import sys
import threading

from playwright.sync_api import sync_playwright

from checklib import launch as browser_launch, report

# Every visible element of <main> with its own text about found practices: there must be one.
COUNTS = """() => [...document.querySelectorAll('main *')].filter(e => e.getClientRects().length &&
  [...e.childNodes].some(n => n.nodeType === 3 && /найден/i.test(n.textContent))).map(e => e.textContent.trim())"""
# The facet links the page is built with: (URL key, slug, label, count).
FACETS = """() => [...document.querySelectorAll('#practice-facets a')].map(a => {
  const m = /\\/practices\\/([a-z]+)\\/([^\\/]+)\\/(?:index\\.html)?$/.exec(a.getAttribute('href'));
  return [m[1], m[2], a.textContent, +a.parentNode.textContent.match(/\\((\\d+)\\)\\s*$/)[1]];
})"""
SELECT = {"form": "f", "role": "r", "level": "l", "municipality": "m", "year": "y"}
# Tests/Fixtures/bank: the practices of each facet, counted by hand.
BANK_FIXTURE = {
    ("form", "uchenik-uchenik"): 2, ("form", "uchitel-uchitel"): 1, ("form", "rabotodatel-uchenik"): 1,
    ("role", "opytnyy-pedagog-molodoy-spetsialist"): 1, ("role", "rabotodatel-budushchiy-sotrudnik"): 1,
    ("role", "ravnyy-ravnomu"): 1, ("role", "uspevayushchiy-neuspevayushchiy"): 1,
    ("level", "general"): 3, ("level", "additional"): 1,
    ("municipality", "g-kirov"): 3, ("municipality", "slobodskoy-rayon"): 1,
    ("year", "2025"): 1, ("year", "2024"): 2, ("year", "2023"): 1,
}
FIRST_CARD = """() => { const c = [...document.querySelectorAll('main .card')].find(e => e.getClientRects().length);
  return c ? c.getBoundingClientRect().top : null }"""


def found(n: int) -> str:
    """The count as the page must say it, written apart from the script on purpose."""
    if n == 0:
        return "Практик не найдено"
    if n % 10 == 1 and n % 100 != 11:
        return f"Найдена {n} практика"
    return f"Найдено {n} " + ("практики" if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14) else "практик")


class Check:
    def __init__(self, page, where, problems):
        self.page, self.where, self.problems = page, where, problems

    def fail(self, text):
        self.problems.append(f"{self.where}: {text}")

    def count_is(self, expected, what):
        """Waits for the count (the index may still be loading); then exactly one count shows."""
        try:
            self.page.wait_for_function("t => document.getElementById('practice-count').textContent === t", arg=expected, timeout=5000)
        except Exception:
            now = self.page.evaluate("(document.getElementById('practice-count') || {}).textContent || location.href")
            self.fail(f"{what}: счётчик {now!r} вместо {expected!r}")
            return False
        shown = self.page.evaluate(COUNTS)
        if shown != [expected]:
            self.fail(f"{what}: видимые счётчики {shown}")
        return True

    def cards(self, where="#practice-results"):
        return self.page.eval_on_selector_all(f"{where} .card h3", "hs => hs.map(h => h.textContent.trim())")

    def query(self):
        return self.page.evaluate("location.search")


def check(page, url, problems):
    c = Check(page, "с диска" if url.startswith("file:") else "по HTTP", problems)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(url)
    total = int(page.get_attribute("#practice-count", "data-count"))
    if not c.count_is(found(total), "без выбора"):
        return
    if page.evaluate("typeof nastavnikPractices !== 'undefined'"):
        c.fail("список практик загружен, хотя никто не подбирает")
    for sel, visible in (("#pf-form", True), ("#practice-facets", False), (".pf-toggle", False), (".pf-reset", False), ("#practice-static", True)):
        if page.is_visible(sel) != visible:
            c.fail(f"при 1280 px {sel} {'не ' if visible else ''}виден")
    for el in page.query_selector_all("#pf-form input, #pf-form select"):
        label = page.eval_on_selector(f"label[for='{el.get_attribute('id')}']", "l => l.textContent.trim()") if el.get_attribute("id") else ""
        if not label:
            c.fail(f"поле {el.get_attribute('name')} без подписи")
    if page.get_attribute("#practice-count", "aria-live") != "polite":
        c.fail("счётчик не в aria-live")
    page.focus("#pf-q")
    page.keyboard.press("Tab")
    if page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "none":
        c.fail("список в фокусе с клавиатуры без рамки")

    # Each facet alone: the count and the cards its link promises, and the key in the query.
    facets = page.evaluate(FACETS)
    fixture = "Робототехника: ученик учит ученика" in page.content()
    if fixture and {(k, s): n for k, s, _, n in facets} != BANK_FIXTURE:
        c.fail(f"ссылки фильтров и их числа: {facets}")
    if not facets:
        c.fail("нет ссылок фильтров")
    for key, slug, label, n in facets:
        page.select_option(f"#pf-{SELECT[key]}", slug)
        what = f"{key} = {label}"
        if c.count_is(found(n), what):
            if len(c.cards()) != min(n, 200):
                c.fail(f"{what}: карточек {len(c.cards())} вместо {n}")
            if c.query() != f"?{key}={slug}":
                c.fail(f"{what}: в адресе {c.query()!r}")
            if page.is_visible("#practice-static"):
                c.fail(f"{what}: статический список не скрыт")
        page.select_option(f"#pf-{SELECT[key]}", "")
    c.count_is(found(total), "снова все")

    options = page.eval_on_selector_all("#pf-m option", "os => os.map(o => o.textContent)")
    if fixture and options != ["все", "г. Киров (3)", "Слободской район (1)"]:
        c.fail(f"муниципалитеты в списке: {options}")

    # Two facets at once, then reload, Back and Forward.
    first = next((f for f in facets if f[0] == "form" and f[3] > 1), facets[0])
    page.select_option(f"#pf-{SELECT[first[0]]}", first[1])
    c.count_is(found(first[3]), "первый выбор")
    other = next((f for f in facets if f[0] == "municipality"), None)
    if other:
        page.select_option("#pf-m", other[1])
        both = page.evaluate("""([f, m]) => nastavnikPractices.filter(p =>
          p.f.replace(/\\s+/g, ' ') === f.replace(/\\s+/g, ' ') && p.m.replace(/\\s+/g, ' ') === m.replace(/\\s+/g, ' ')).length""", [first[2], other[2]])
        if fixture and (first[1], other[1], both) != ("uchenik-uchenik", "g-kirov", 1):
            c.fail(f"два условия: {first[1]}, {other[1]}: {both}")
        c.count_is(found(both), "два условия")
        chosen = c.cards()
        want = f"?{first[0]}={first[1]}&municipality={other[1]}"
        if c.query() != want:
            c.fail(f"два условия: в адресе {c.query()!r} вместо {want!r}")
        page.reload()
        c.count_is(found(both), "после обновления")
        if c.cards() != chosen or page.input_value(f"#pf-{SELECT[first[0]]}") != first[1] or page.input_value("#pf-m") != other[1]:
            c.fail(f"после обновления выбор не восстановлен: {c.cards()}")
        page.go_back()
        c.count_is(found(first[3]), "«Назад»")
        if page.input_value("#pf-m") != "":
            c.fail("«Назад»: муниципалитет остался выбран")
        page.go_forward()
        c.count_is(found(both), "«Вперёд»")

    page.fill("#pf-q", "робототехники" if fixture else "а")
    if fixture and "Робототехника: ученик учит ученика" not in c.cards():
        c.fail(f"поиск по словоформе: {c.cards()}")
    if "q=" not in c.query():
        c.fail(f"слова не попали в адрес: {c.query()!r}")

    # The reset shows every practice again and clears the query.
    page.click(".pf-reset")
    c.count_is(found(total), "после сброса")
    state = page.evaluate("""() => [location.search, document.getElementById('practice-static').hidden,
      document.getElementById('practice-results').hidden, [...document.querySelectorAll('#pf-form select, #pf-q')].map(e => e.value).join(''),
      document.querySelector('.pf-reset').hidden]""")
    if state != ["", False, True, "", True] or len(c.cards("#practice-static")) != min(total, 30):
        c.fail(f"после сброса: адрес, списки, поля, кнопка: {state}")

    # A facet page stands for its own choice; clearing it is kept in the query too.
    facet_url = page.evaluate("document.querySelector('#practice-facets a').href")
    if facet_url.startswith("file:") and facet_url.endswith("/"):
        facet_url += "index.html"  # a folder opened from disk is a listing, not its index.html
    page.goto(facet_url)
    if page.input_value(f"#pf-{SELECT[facets[0][0]]}") != facets[0][1]:
        c.fail("на странице фильтра её выбор не отмечен в списке")
    c.count_is(found(facets[0][3]), "страница фильтра")
    page.click(".pf-reset")
    c.count_is(found(total), "страница фильтра после сброса")
    if c.query() != f"?{facets[0][0]}=":
        c.fail(f"страница фильтра после сброса: в адресе {c.query()!r}")
    page.reload()
    c.count_is(found(total), "страница фильтра после сброса и обновления")

    # A phone: the filter folded behind its button, the first result on the first screen.
    page.set_viewport_size({"width": 375, "height": 800})
    for suffix in ("", f"?{first[0]}={first[1]}"):
        page.goto(url + suffix)
        c.count_is(found(first[3] if suffix else total), f"375 px {suffix}")
        top = page.evaluate(FIRST_CARD)
        if top is None or top >= 900:
            c.fail(f"375 px {suffix}: первая практика с {top} px, а должна быть выше 900")
    if page.is_visible("#pf-form") or page.get_attribute(".pf-toggle", "aria-expanded") != "false":
        c.fail("375 px: фильтр не свёрнут")
    if page.inner_text(".pf-toggle") != "Фильтр (выбрано: 1)":
        c.fail(f"375 px: кнопка {page.inner_text('.pf-toggle')!r}")
    page.click(".pf-toggle")
    if not page.is_visible("#pf-form") or page.get_attribute(".pf-toggle", "aria-expanded") != "true":
        c.fail("375 px: кнопка не раскрывает фильтр")

    # 1024 px with text at 200 % is as narrow as a phone: the filter folds there too, and
    # stands beside the list again at the normal size.
    page.set_viewport_size({"width": 1024, "height": 900})
    page.goto(url)
    for classes, folded in (("a11y-xlarge a11y-contrast a11y-spacing", True), ("", False)):
        page.evaluate("c => { document.documentElement.className = c; }", classes)
        page.wait_for_timeout(100)
        if page.is_visible(".pf-toggle") != folded or page.is_visible("#pf-form") == folded:
            c.fail(f"1024 px, {'текст 200 %' if classes else 'обычный текст'}: фильтр {'не ' if folded else ''}свёрнут")


def synthetic(page, base, problems):
    """Counts that a small bank never has (1, 21, 22, 250 …) and the «Показать ещё» button."""
    c = Check(page, "по HTTP, подменённый список", problems)
    groups = {"qa": 1, "qb": 2, "qc": 5, "qd": 11, "qe": 21, "qf": 22, "qg": 112, "qh": 250}
    data = [{"t": f"Практика {w} {i}", "u": f"practices/x/{w}{i}/", "o": "Школа", "m": "Город", "f": "ученик – ученик", "x": w}
            for w, n in groups.items() for i in range(n)]
    page.route("**/practices-index.js", lambda route: route.fulfill(
        content_type="text/javascript", body="window.nastavnikPractices=" + json.dumps(data, ensure_ascii=False) + ";"))
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(base + "/practices/")
    for word, n in list(groups.items()) + [("qz", 0)]:
        page.fill("#pf-q", word)
        c.count_is(found(n), word)
    page.fill("#pf-q", "qh")
    c.count_is(found(250), "qh")
    if len(c.cards()) != 200 or not page.is_visible(".pf-more") or page.inner_text(".pf-more") != "Показать ещё 50":
        c.fail(f"250 найдено: карточек {len(c.cards())}, кнопки «Показать ещё 50» нет")
    else:
        page.click(".pf-more")
        if len(c.cards()) != 250 or page.is_visible(".pf-more"):
            c.fail(f"после «Показать ещё»: карточек {len(c.cards())}")
        if page.evaluate("document.activeElement.textContent") != "Практика qh 200":
            c.fail("после «Показать ещё» фокус не на первой новой практике")
    page.unroute("**/practices-index.js")


def without_script(browser, url, problems):
    page = browser.new_page(java_script_enabled=False, viewport={"width": 375, "height": 800})
    page.goto(url)
    where = "без JavaScript"
    total = int(page.get_attribute("#practice-count", "data-count"))
    if page.is_visible("#pf-form") or not page.is_visible("#practice-facets a"):
        problems.append(f"{where}: видна форма или не видны ссылки фильтров")
    if len(page.query_selector_all("#practice-static .card")) != min(total, 30):
        problems.append(f"{where}: в списке не все практики страницы")
    if len(page.evaluate(COUNTS)) != 1:
        problems.append(f"{where}: счётчиков {page.evaluate(COUNTS)}")
    top = page.evaluate(FIRST_CARD)
    if top is None or top >= 900:
        problems.append(f"{where}: при 375 px первая практика с {top} px")
    page.close()


def home_groups(browser, url, problems):
    """On the bank's home the facet headings stay in the column of their links."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(url)
    apart = page.evaluate("""() => [...document.querySelectorAll('.section-links h3')].filter(h =>
      Math.abs(h.getBoundingClientRect().left - h.nextElementSibling.getBoundingClientRect().left) > 1).map(h => h.textContent)""")
    if apart:
        problems.append(f"главная банка: заголовки отдельно от ссылок: {apart}")
    page.close()


def main() -> int:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    site = pathlib.Path(sys.argv[1]).resolve()
    handler = functools.partial(Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    problems = []
    with sync_playwright() as pw:
        browser = browser_launch(pw)
        runs = [(check, base + "/practices/"), (check, (site / "practices/index.html").as_uri()), (synthetic, base)]
        for run, url in runs:
            page = browser.new_page()
            page.set_default_timeout(10000)
            try:
                run(page, url, problems)
            except Exception as e:  # one broken step must not hide the findings before it
                problems.append(f"{url}: проверка прервана: {str(e).splitlines()[0]}")
            page.close()
        without_script(browser, base + "/practices/", problems)
        home_groups(browser, base + "/", problems)
        browser.close()
    server.shutdown()
    return report(problems, "Подбор практик со скриптом")


if __name__ == "__main__":
    sys.exit(main())
