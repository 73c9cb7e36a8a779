#!/usr/bin/env python3
"""Layout of a built site as a phone, a tablet and a desktop show it: every page of both
versions (normal and the version for the visually impaired under sv/) at 320, 375, 768, 1280
and 1440 px, with the page's own text size and with text at 200 % (the largest setting of the
accessibility panel: a11y-xlarge, contrast and letter spacing).

Usage: layout_check.py SITE [--sample-sv] [--charts-warn]

Fails on:
  - a page that scrolls sideways;
  - a word broken inside (one word on two lines) other than at a hyphen: where the CSS asks
    for hyphens:auto the check inserts soft hyphens by cautious Russian syllable rules (what
    a phone's browser does with its dictionary, within the element's hyphenate-limit-chars;
    Chromium on Linux has none), then switches automatic hyphenation off, so that elsewhere
    (the header, table headers, short words of headings) a word must fit whole; URLs and
    e-mail addresses may break;
  - a scrolling region (a wide table) that the keyboard cannot reach (tabindex), that has no
    role=region and name, or that shows no cue (the shadows of .table-scroll);
  - a header taller than 120 px (180 px in the version for the visually impaired, whose text
    is 1.5 times larger) at 320 and 375 px, not counting the lines of a long site title after
    its first;
  - a paragraph whose lines hold more than 75 characters on average, or one line more than
    90, at 1280 and 1440 px (the aim is about 70);
  - chart text (every <text> of an inline SVG, every label of a figure with a chart) smaller
    than 12 px at 320, 375 and 1280 px. --charts-warn prints these without failing.
--sample-sv checks one sv/ page of each kind instead of all of them.
"""
import pathlib
import sys
import time

from playwright.sync_api import sync_playwright

from checklib import launch as browser_launch
from layoutlib import HYPHENATE, pages as site_pages, serve_absolute

WIDTHS = (320, 375, 768, 1280, 1440)
PHONES = (320, 375)
CHART_WIDTHS = (320, 375, 1280)
MEASURE_WIDTHS = (1280, 1440)
LARGE = "a11y-xlarge a11y-contrast a11y-spacing"
HEADER_MAX = {False: 120, True: 180}
LINE_MEAN = 75
LINE_MAX = 90
CHART_MIN = 12

# One pass over the page in the browser; returns findings as [category, text].
PROBE = """(opts) => {
  const out = [];
  const root = document.documentElement;
  const W = root.clientWidth;
  const say = (kind, e, what) => out.push([kind, describe(e) + (what ? ' ' + what : '')]);
  function describe(e) {
    if (!e) return '';
    let s = e.tagName.toLowerCase();
    if (e.id) s += '#' + e.id;
    else if (e.classList.length) s += '.' + [...e.classList].join('.');
    return s;
  }
  // Text that is hidden on purpose (visually-hidden, a stacked table's header row) is laid
  // out in a 1 px box; its words span many lines and are not what anyone reads.
  const hiddenCache = new Map();
  function hidden(e) {
    if (!e || e === document.body) return false;
    if (hiddenCache.has(e)) return hiddenCache.get(e);
    const s = getComputedStyle(e);
    // The content of a closed <details> is laid out in a box of no size, yet not shown.
    const closed = e.parentElement?.tagName === 'DETAILS' && !e.parentElement.open && e.tagName !== 'SUMMARY';
    let h = closed || s.display === 'none' || s.visibility === 'hidden' || s.clipPath !== 'none'
      || (s.position === 'absolute' && s.clip !== 'auto');
    if (!h && s.overflow !== 'visible') {
      const r = e.getBoundingClientRect();
      h = r.width <= 2 || r.height <= 2;
    }
    if (!h) h = hidden(e.parentElement);
    hiddenCache.set(e, h);
    return h;
  }
  // Whether the first and the last letter of text[start, end) stand on different lines. Letter
  // by letter, because a range that starts right after a soft hyphen also holds the hyphen
  // drawn at the end of the line before (the first letter's last box is the letter itself).
  const box = document.createRange();
  function split(node, start, end) {
    box.setStart(node, start); box.setEnd(node, start + 1);
    const first = [...box.getClientRects()].filter(r => r.width > 0.5).pop();
    box.setStart(node, end - 1); box.setEnd(node, end);
    const last = [...box.getClientRects()].filter(r => r.width > 0.5)[0];
    return !!(first && last && last.top >= first.bottom - 2);
  }

  // 1. Sideways scrolling of the page.
  const over = root.scrollWidth - W;
  if (over > 0) {
    // The culprit: the last box that sticks out, or else the last one whose content does.
    const all = [...document.querySelectorAll('body *')].filter(e => !hidden(e));
    const bad = all.filter(e => e.getBoundingClientRect().right > W + 1);
    const spill = all.filter(e => e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0 && getComputedStyle(e).overflowX === 'visible');
    const e = bad[bad.length - 1] || spill[spill.length - 1];
    out.push(['overflow', over + ' px, ' + (e ? describe(e) + ' «' + e.textContent.trim().replace(/\\u00AD/g, '').slice(0, 40) + '»' : '')]);
  }

  // 2. Words broken inside. Break opportunities inside a word (hyphens, dashes, slashes,
  // soft hyphens) split it into parts first; URLs and e-mail addresses may break anywhere.
  const range = document.createRange();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const paragraphs = new Map();
  const seen = new Set();
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const p = n.parentElement;
    if (!p || !/\\S/.test(n.data) || p.closest('script,style,svg,code,pre,kbd,samp') || hidden(p)) continue;
    const para = opts.measure ? p.closest('main p') : null;
    const measured = para && !para.closest('table,.card,.cards,figure,.stats,nav');
    for (const m of n.data.matchAll(/\\S+/g)) {
      const token = m[0];
      if (measured) {
        range.setStart(n, m.index); range.setEnd(n, m.index + token.length);
        const r = range.getClientRects()[0];
        if (r) {
          const lineMap = paragraphs.get(para) || new Map();
          const key = Math.round(r.top);
          lineMap.set(key, (lineMap.get(key) || 0) + token.replace(/\\u00AD/g, '').length + 1);
          paragraphs.set(para, lineMap);
        }
      }
      if (/@|:\\/\\/|^www\\.|[a-z0-9-]\\.[a-z]{2,}/i.test(token)) continue;
      for (const part of token.matchAll(/[^\\u00AD\\-\\u2010\\u2011\\u2012\\u2013\\u2014\\/]+/g)) {
        if (part[0].length < 2) continue;
        const start = m.index + part.index;
        if (split(n, start, start + part[0].length)) {
          const key = describe(p) + ' «' + token.replace(/\\u00AD/g, '') + '»';
          if (!seen.has(key)) { seen.add(key); out.push(['word', key]); }
        }
      }
    }
  }

  // 3. Regions that scroll sideways: reachable, named, with a cue.
  for (const e of document.querySelectorAll('body *')) {
    const s = getComputedStyle(e);
    if (!/auto|scroll/.test(s.overflowX) || e.scrollWidth <= e.clientWidth + 1 || hidden(e)) continue;
    const miss = [];
    if (e.tabIndex < 0) miss.push('нет tabindex="0"');
    if (e.getAttribute('role') !== 'region') miss.push('нет role="region"');
    if (!e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby')) miss.push('нет aria-label');
    if (s.backgroundImage === 'none') miss.push('нет видимой подсказки (тени .table-scroll)');
    if (miss.length) say('scroll', e, 'прокручивается вбок на ' + (e.scrollWidth - e.clientWidth) + ' px: ' + miss.join(', '));
  }

  // 4. The header on a phone.
  if (opts.headerMax) {
    const h = document.querySelector('header.site-header, body > header');
    if (h) {
      // A long site title is content, not layout: its lines after the first do not count.
      const title = h.querySelector('.brand-title');
      const tops = new Set(title ? [...title.getClientRects()].map(r => Math.round(r.top)) : []);
      const extra = tops.size > 1 ? (tops.size - 1) * parseFloat(getComputedStyle(title).lineHeight) : 0;
      const height = Math.round(h.getBoundingClientRect().height - extra);
      if (height > opts.headerMax) {
        const h1 = document.querySelector('main h1');
        say('header', h, height + ' px (предел ' + opts.headerMax + ' px)' + (h1 ? ', заголовок страницы с ' + Math.round(h1.getBoundingClientRect().top + scrollY) + ' px' : ''));
      }
    }
  }

  // 5. Measure of body text.
  // The lines of a paragraph but its last, which is as short as the text happens to end.
  for (const [p, lineMap] of paragraphs) {
    const full = [...lineMap.values()].slice(0, -1).map(n => n - 1);
    if (!full.length) continue;
    const mean = Math.round(full.reduce((a, b) => a + b, 0) / full.length), longest = Math.max(...full);
    if (mean > opts.lineMean || longest > opts.lineMax)
      say('measure', p, 'строки в среднем ' + mean + ' знаков, до ' + longest + ' (пределы ' + opts.lineMean + ' и ' + opts.lineMax + ') «' + p.textContent.trim().replace(/\\u00AD/g, '').slice(0, 30) + '»');
  }

  // 6. Chart text: SVG text at its rendered size (font size × the SVG's scale), HTML labels
  // of a figure that holds a chart at their font size.
  if (opts.charts) {
    for (const t of document.querySelectorAll('svg text')) {
      const r = t.getBoundingClientRect();
      if (!r.width || hidden(t)) continue;
      const m = t.getScreenCTM();
      const px = parseFloat(getComputedStyle(t).fontSize) * (m ? Math.hypot(m.a, m.b) : 1);
      if (px < opts.chartMin - 0.05) say('chart', t, '«' + t.textContent.trim().slice(0, 20) + '» ' + px.toFixed(1) + ' px');
    }
    const labels = new Set();
    for (const f of document.querySelectorAll('figure')) {
      if (!f.querySelector('svg, .chart, [class*="chart"]')) continue;
      for (const e of f.querySelectorAll('*')) if (!e.closest('svg')) labels.add(e);
    }
    for (const e of document.querySelectorAll('[class*="chart"]')) if (!e.closest('svg') && e.tagName !== 'svg') labels.add(e);
    for (const e of labels) {
      if (hidden(e) || ![...e.childNodes].some(c => c.nodeType === 3 && /\\S/.test(c.data))) continue;
      const px = parseFloat(getComputedStyle(e).fontSize);
      if (px < opts.chartMin - 0.05) say('chart', e, '«' + e.textContent.trim().slice(0, 20) + '» ' + px.toFixed(1) + ' px');
    }
    // The bars and the scale of a chart share one track: a tick must stand where its value is.
    for (const f of document.querySelectorAll('figure.ichart')) {
      const tracks = [...f.querySelectorAll('.ichart-track')].filter(t => !hidden(t)).map(t => t.getBoundingClientRect());
      if (tracks.length < 2) continue;
      const left = Math.min(...tracks.map(r => r.left)), right = Math.max(...tracks.map(r => r.right));
      const off = tracks.filter(r => Math.abs(r.left - left) > 2 || Math.abs(r.right - right) > 2).length;
      if (off) say('chart', f, off + ' из ' + tracks.length + ' шкал графика не совпадают с остальными (столбцы и деления смещены)');
    }
  }
  // Cards side by side in one grid row start at one height.
  for (const grid of document.querySelectorAll('.cards, .stats')) {
    const rows = new Map();
    for (const c of grid.children) {
      if (hidden(c)) continue;
      const r = c.getBoundingClientRect();
      const row = [...rows.keys()].find(top => Math.abs(top - r.top) < 24);
      if (row === undefined) rows.set(r.top, [r]); else rows.get(row).push(r);
    }
    for (const [top, cells] of rows) {
      const off = cells.filter(r => Math.abs(r.top - top) > 1).length;
      if (off) say('grid', grid, off + ' из ' + cells.length + ' карточек ряда сдвинуты по высоте');
    }
  }
  return out;
}"""

NAMES = {
    "overflow": "горизонтальная прокрутка страницы",
    "word": "слово разорвано",
    "scroll": "прокручиваемая область",
    "header": "высокая шапка",
    "measure": "длинная строка",
    "chart": "мелкий текст графика",
    "grid": "карточки ряда не на одной высоте",
}


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    flags = {a for a in sys.argv[1:] if a.startswith("--")}
    if len(args) != 1 or flags - {"--sample-sv", "--charts-warn"}:
        print(__doc__)
        return 2
    site = pathlib.Path(args[0]).resolve()
    pages = site_pages(site, vision_sample="--sample-sv" in flags)
    counts = {k: 0 for k in NAMES}
    started = time.monotonic()
    with sync_playwright() as pw:
        browser = browser_launch(pw)
        page = browser.new_page(viewport={"width": WIDTHS[0], "height": 900})
        serve_absolute(page, site)
        # Hyphenation switched off: the check must not depend on the browser's dictionaries.
        style = "*{hyphens:manual!important;-webkit-hyphens:manual!important}"
        for path in pages:
            rel = path.relative_to(site)
            vision = rel.parts[0] == "sv"
            page.set_viewport_size({"width": WIDTHS[0], "height": 900})
            page.goto(path.as_uri())
            own = page.evaluate("document.documentElement.className")
            # Hyphenated as with large text, which lets shorter words break (the theme's
            # hyphenate-limit-chars depends on the text size); the usual size then has a few
            # more break points than a browser would use, never fewer.
            page.evaluate("c => { document.documentElement.className = c; }", LARGE)
            page.evaluate(HYPHENATE)
            page.evaluate("c => { document.documentElement.className = c; }", own)
            page.add_style_tag(content=style)
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 900})
                for mode, classes in (("свой размер текста", own), ("текст 200 %", LARGE)):
                    page.evaluate("c => { document.documentElement.className = c; }", classes)
                    opts = {
                        "headerMax": HEADER_MAX[vision] if width in PHONES and classes == own else 0,
                        "measure": width in MEASURE_WIDTHS and classes == own,
                        "lineMean": LINE_MEAN,
                        "lineMax": LINE_MAX,
                        "charts": width in CHART_WIDTHS and classes == own,
                        "chartMin": CHART_MIN,
                    }
                    for kind, text in page.evaluate(PROBE, opts):
                        counts[kind] += 1
                        print(f"{rel} при {width} px, {mode}: {NAMES[kind]}: {text}")
            page.evaluate("c => { document.documentElement.className = c; }", own)
        browser.close()
    failing = sum(n for k, n in counts.items() if not (k == "chart" and "--charts-warn" in flags))
    vision_pages = sum(1 for p in pages if p.relative_to(site).parts[0] == "sv")
    print(f"Вёрстка: страниц {len(pages)} (из них sv/: {vision_pages}), ширины {', '.join(map(str, WIDTHS))} px, "
          f"текст свой и 200 %; за {time.monotonic() - started:.0f} с")
    print("  " + "; ".join(f"{NAMES[k]}: {n}" for k, n in counts.items())
          + (" (графики только предупреждение)" if "--charts-warn" in flags else ""))
    print(f"Вёрстка: нарушений {failing}")
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
