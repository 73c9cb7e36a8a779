#!/usr/bin/env python3
"""Checks the RSS 2.0 and Atom feeds of a built site against the W3C feed validator's rules.

No feed validator package exists offline, so the rules are tested directly: required
elements, absolute http(s) links, RFC 822 dates in RSS and RFC 3339 in Atom, a guid and a
description per item, the atom:link self reference, an author; and every link must lead to
a page that exists in the built site. Usage: feed_check.py SITE_DIR BASE_URL
"""
import email.utils
import pathlib
import re
import sys
import xml.etree.ElementTree as ET

from checklib import report

ATOM = "{http://www.w3.org/2005/Atom}"
RFC822 = re.compile(r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$")
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
problems = []


def problem(feed, text):
    problems.append(f"{feed}: {text}")


def check_link(feed, url, site, base):
    if not re.match(r"^https?://", url or ""):
        problem(feed, f"ссылка не абсолютная: {url!r}")
        return
    if not url.startswith(base):
        problem(feed, f"ссылка ведёт за пределы сайта: {url}")
        return
    path = url[len(base):]
    target = site / path / "index.html" if path == "" or path.endswith("/") else site / path
    if not target.exists():
        problem(feed, f"ссылка ведёт на несуществующую страницу: {url}")


def check_rss(path, site, base):
    feed = str(path.relative_to(site))
    channel = ET.parse(path).getroot().find("channel")
    for name in ("title", "link", "description"):
        if not (channel.findtext(name) or "").strip():
            problem(feed, f"у channel нет {name}")
    self_link = channel.find(ATOM + "link")
    if self_link is None or self_link.get("rel") != "self" or self_link.get("href") != base + feed:
        problem(feed, "нет atom:link rel=self с адресом самой ленты")
    items = channel.findall("item")
    if not items:
        problem(feed, "в ленте нет записей")
    for item in items:
        title = item.findtext("title") or "(без заголовка)"
        check_link(feed, item.findtext("link"), site, base)
        guid = item.find("guid")
        if guid is None or not (guid.text or "").strip():
            problem(feed, f"у «{title}» нет guid")
        elif guid.get("isPermaLink", "true") == "true":
            check_link(feed, guid.text, site, base)
        date = item.findtext("pubDate") or ""
        if not RFC822.match(date) or email.utils.parsedate_to_datetime(date) is None:
            problem(feed, f"у «{title}» дата не в формате RFC 822: {date!r}")
        if not (item.findtext("description") or "").strip():
            problem(feed, f"у «{title}» нет description")


def check_atom(path, site, base):
    feed = str(path.relative_to(site))
    root = ET.parse(path).getroot()
    for name in ("id", "title", "updated"):
        if not (root.findtext(ATOM + name) or "").strip():
            problem(feed, f"у feed нет {name}")
    if not RFC3339.match(root.findtext(ATOM + "updated") or ""):
        problem(feed, "updated не в формате RFC 3339")
    if root.find(ATOM + "author/" + ATOM + "name") is None:
        problem(feed, "у ленты нет author/name")
    if not any(l.get("rel") == "self" and l.get("href") == base + feed for l in root.findall(ATOM + "link")):
        problem(feed, "нет link rel=self с адресом самой ленты")
    entries = root.findall(ATOM + "entry")
    if not entries:
        problem(feed, "в ленте нет записей")
    for entry in entries:
        title = entry.findtext(ATOM + "title") or "(без заголовка)"
        for name in ("id", "updated"):
            if not (entry.findtext(ATOM + name) or "").strip():
                problem(feed, f"у «{title}» нет {name}")
        if not RFC3339.match(entry.findtext(ATOM + "updated") or ""):
            problem(feed, f"у «{title}» updated не в формате RFC 3339")
        links = [l.get("href") for l in entry.findall(ATOM + "link") if l.get("rel", "alternate") == "alternate"]
        if not links:
            problem(feed, f"у «{title}» нет ссылки")
        for link in links:
            check_link(feed, link, site, base)


def main():
    site = pathlib.Path(sys.argv[1]).resolve()
    base = sys.argv[2]
    rss, atom = site / "news/rss.xml", site / "news/atom.xml"
    for path, check in ((rss, check_rss), (atom, check_atom)):
        if not path.exists():
            problem(str(path.relative_to(site)), "ленты нет")
            continue
        try:
            check(path, site, base)
        except ET.ParseError as error:
            problem(str(path.relative_to(site)), f"не XML: {error}")
    return report(problems, "Ленты")


if __name__ == "__main__":
    sys.exit(main())
