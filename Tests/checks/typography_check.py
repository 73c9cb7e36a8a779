#!/usr/bin/env python3
"""Russian typography on the built pages: the text a visitor reads (not code, scripts,
addresses or attributes) has no plain space after «№» or a one-letter preposition or
conjunction, no plain space before a dash or «%», no hyphen standing for a dash, no straight
double quotes and no three dots for an ellipsis.

Usage: typography_check.py SITE [SITE …]; prints each finding with its page, exits 1 if any.
"""
import html.parser
import pathlib
import re
import sys

SKIP = {"code", "pre", "script", "style", "textarea", "kbd", "samp", "title"}
RULES = [
    (re.compile(r"№ "), "обычный пробел после «№»"),
    (re.compile(r"(?<![\w\-.])[вкосуиаВКОСУИА] (?=\w)"), "обычный пробел после однобуквенного предлога или союза"),
    (re.compile(r"\w [—–] "), "обычный пробел перед тире"),
    (re.compile(r"\w - \w"), "дефис вместо тире"),
    (re.compile(r"\d %"), "обычный пробел перед «%»"),
    (re.compile(r'"'), "прямые кавычки вместо «ёлочек»"),
    (re.compile(r"\.\.\."), "три точки вместо многоточия"),
]


class Text(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.skipping = 0
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag in SKIP:
            self.skipping += 1

    def handle_endtag(self, tag):
        if tag in SKIP and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def main() -> int:
    findings = 0
    pages = 0
    for root in map(pathlib.Path, sys.argv[1:]):
        for path in sorted(root.rglob("*.html")):
            pages += 1
            parser = Text()
            parser.feed(path.read_text(encoding="utf-8"))
            # Text nodes are joined by the element boundary, never across it.
            for part in parser.parts:
                text = " ".join(part.split("\n"))
                for rule, what in RULES:
                    for m in rule.finditer(text):
                        findings += 1
                        around = text[max(0, m.start() - 25):m.end() + 25].strip()
                        print(f"{path.relative_to(root)}: {what}: «…{around}…»")
    print(f"Типографика: страниц {pages}, нарушений {findings}")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
