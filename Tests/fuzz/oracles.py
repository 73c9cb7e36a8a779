"""Oracles: decide whether one run of nastavnik misbehaved.

Classes of findings (see README.md): CRASH, HANG, UNSAFE OUTPUT, UNLOCATED ERROR,
WRONG EXIT, DATA LOSS.  Everything here is pure Python standard library.
"""

import csv
import hashlib
import html
import html.parser
import io
import json
import os
import posixpath
import re
import stat
from pathlib import Path

# Written outside the content folder of every case; it must never reach the output.
SECRET = b"NASTAVNIK-FUZZ-OUTSIDE-SECRET-5b1d"
PASSWD_MARK = b"root:x:0:0"
TEXT_EXT = {".md", ".markdown", ".yml", ".yaml", ".csv", ".txt"}
CRASH_MARKERS = ("Fatal error", "Swift runtime failure", "Program crashed", "Segmentation fault",
                 "Illegal instruction", "Stack overflow", "Aborted (core dumped)")

try:
    PASSWD = Path("/etc/passwd").read_bytes()
except OSError:  # pragma: no cover
    PASSWD = b""


# ---------------------------------------------------------------------------------------------
# File trees: snapshot before/after a run (data loss) and learn which files exist (locations).

def snapshot(root, exclude=()):
    """{relative posix path: signature} of every entry under root, symlinks not followed.
    FIFOs and devices are recorded but never opened."""
    root = str(root)
    exclude = set(exclude)
    entries = {}
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        rel_dir = os.path.relpath(dirpath, root)
        rel_dir = "" if rel_dir == "." else rel_dir.replace(os.sep, "/")
        keep = []
        for name in dirnames:
            rel = posixpath.join(rel_dir, name) if rel_dir else name
            if rel in exclude:
                continue
            entries[rel] = _signature(os.path.join(dirpath, name))
            if entries[rel][0] == "dir":
                keep.append(name)
        dirnames[:] = keep
        for name in filenames:
            rel = posixpath.join(rel_dir, name) if rel_dir else name
            if rel in exclude:
                continue
            entries[rel] = _signature(os.path.join(dirpath, name))
    return entries


def _signature(path):
    try:
        st = os.lstat(path)
    except OSError as e:
        return ("gone", str(e))
    if stat.S_ISLNK(st.st_mode):
        return ("link", os.readlink(path))
    if stat.S_ISDIR(st.st_mode):
        return ("dir",)
    if stat.S_ISREG(st.st_mode):
        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError:
            return ("file", "unreadable", None)
        lines = len(data.splitlines()) if os.path.splitext(path)[1].lower() in TEXT_EXT else None
        return ("file", hashlib.sha256(data).hexdigest(), lines)
    if stat.S_ISFIFO(st.st_mode):
        return ("fifo",)
    return ("other", stat.S_IFMT(st.st_mode))


def data_loss(before, after):
    """Entries present before the run and missing or changed after it."""
    out = []
    for rel, sig in sorted(before.items()):
        now = after.get(rel)
        if now is None:
            out.append(f"{rel} deleted")
        elif now[0] != sig[0]:
            out.append(f"{rel} replaced ({sig[0]} -> {now[0]})")
        elif now[:2] != sig[:2]:
            out.append(f"{rel} modified")
    return out


# ---------------------------------------------------------------------------------------------
# Diagnostics: from stderr text, from `check --format json`, from a bank's report.json.

DIAG_RE = re.compile(r"^(?P<pos>\S.*?): (?P<sev>ошибка|предупреждение|замечание): (?P<msg>.*) \[(?P<rule>[^\]\s]+)\]\s*$")
POS_RE = re.compile(r"^(?P<file>.*):(?P<line>\d+):(?P<col>\d+)$")
ANSI_RE = re.compile(r"\x1b\[[0-9;]*m")
SEVERITY = {"ошибка": "error", "предупреждение": "warning", "замечание": "info"}


def parse_stderr(text):
    diags = []
    for raw in ANSI_RE.sub("", text).split("\n"):
        m = DIAG_RE.match(raw.rstrip("\r"))
        if not m:
            continue
        pos = m.group("pos")
        p = POS_RE.match(pos)
        if p:
            file, line, col = p.group("file"), int(p.group("line")), int(p.group("col"))
        else:
            file, line, col = pos, 0, 0
        diags.append({"severity": SEVERITY[m.group("sev")], "rule": m.group("rule"), "file": file,
                      "line": line, "column": col, "message": m.group("msg"), "source": "stderr"})
    return diags


def parse_json_diags(text, source):
    try:
        items = json.loads(text)
    except (ValueError, TypeError):
        return None
    if not isinstance(items, list):
        return None
    out = []
    for it in items:
        if isinstance(it, dict):
            out.append({"severity": str(it.get("severity", "")), "rule": str(it.get("rule", "")),
                        "file": str(it.get("file", "")), "line": _int(it.get("line")),
                        "column": _int(it.get("column")), "message": str(it.get("message", "")),
                        "source": source})
    return out


def parse_report(path, content="content"):
    """Bank report.json: ([diagnostics], {school folder: built}) or (None, {}).
    The report names files from the bank's content folder (what a school is sent); they are
    returned from the run's folder, like the terminal's, by putting `content` in front."""
    def shown(p):
        return posixpath.join(content, p) if p and not p.startswith("/") else p
    try:
        data = json.loads(Path(path).read_text("utf-8"))
    except (OSError, ValueError):
        return None, {}
    diags, schools = [], {}

    def take(items, school):
        for it in items or []:
            loc = it.get("location") or {}
            diags.append({"severity": str(it.get("severity", "")), "rule": str(it.get("rule", "")),
                          "file": shown(str(loc.get("file", ""))), "line": _int(loc.get("line")),
                          "column": _int(loc.get("column")), "message": str(it.get("message", "")),
                          "source": "report.json", "school": school})

    if isinstance(data, dict):
        take(data.get("bank"), None)
        for s in data.get("schools") or []:
            if isinstance(s, dict):
                folder = shown(str(s.get("folder", "")))
                schools[folder] = bool(s.get("built"))
                take(s.get("diagnostics"), folder)
    return diags, schools


def _int(v):
    try:
        return int(v)
    except (TypeError, ValueError):
        return 0


def locate(diag, case_root, site_rel, before, themes=None):
    """Why a diagnostic cannot be opened in an editor, or None.
    case_root: the case sandbox; site_rel: the run's cwd relative to it; before: its snapshot;
    themes: NASTAVNIK_THEMES (a template error may name a file there)."""
    file = diag["file"]
    if not file:
        return "no file name"
    full = os.path.normpath(os.path.join(case_root, site_rel, file))
    if themes and full.startswith(os.path.normpath(themes) + os.sep) and os.path.isfile(full):
        return None
    rel = os.path.relpath(full, case_root).replace(os.sep, "/")
    sig = before.get(rel)
    if sig is None and os.path.lexists(full):
        # reached through a linked folder: judge the file it really is, if it is in the site
        real = os.path.relpath(os.path.realpath(full), os.path.realpath(case_root)).replace(os.sep, "/")
        sig = before.get(real)
    if sig is None:
        if os.path.basename(rel) == "site.yml" and posixpath.dirname(rel) in before:
            return None  # a required file that is missing is named as itself
        if any("\n" in p and p.endswith(file) for p in before):
            return None  # the text form split a file name with a newline; the JSON form is checked too
        where = ("outside the site" if rel.startswith("../") else
                 "the output folder, not a content file" if rel.split("/")[:2] in (["site", "public"], ["site", "report"])
                 else "not in the site")
        return f"file `{file}` is {where}"
    if sig[0] == "file" and sig[2] is not None:
        if diag["line"] <= 0:
            return f"text file `{file}` without a line"
        if diag["line"] > sig[2] + 1:
            return f"line {diag['line']} of `{file}` is past its end ({sig[2]} lines)"
    return None


# ---------------------------------------------------------------------------------------------
# Output scanning: active content that did not come from the theme, leaks, CSV formulas.

URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background",
             "cite", "longdesc", "codebase", "manifest", "lowsrc", "dynsrc", "ping"}
ACTIVE_TAGS = {"iframe", "object", "embed", "frame", "frameset", "applet", "portal"}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:text/html", "data:application/xhtml",
               "data:text/xml", "data:application/xml")
CTRL_RE = re.compile(r"[\x00-\x20\x7f]+")


def bad_url(value, navigates=True):
    v = CTRL_RE.sub("", html.unescape(value or "")).lower()
    if v.startswith(BAD_SCHEMES):
        return True
    return navigates and v.startswith("data:image/svg")


class ActiveScanner(html.parser.HTMLParser):
    """Collects script tags, event handlers, dangerous URLs and embedding tags of one document."""

    def __init__(self, svg=False):
        super().__init__(convert_charrefs=True)
        self.svg = svg
        self.scripts = []       # ("src", value) or ("inline", text)
        self.problems = []      # text descriptions, excluding scripts
        self.handlers = []      # (tag, attr, value)
        self._inline = None
        self.text = []

    def handle_starttag(self, tag, attrs):
        tag = tag.lower()
        amap = {}
        for name, value in attrs:
            name = (name or "").lower()
            value = value or ""
            amap.setdefault(name, value)
            if name.startswith("on") and len(name) > 2:
                self.handlers.append((tag, name, value))
            elif name in URL_ATTRS or name.endswith(":href"):
                navig = not (tag in ("img", "source", "video", "audio", "track", "input") and name == "src")
                if bad_url(value, navig):
                    self.problems.append(f"<{tag} {name}=\"{_clip(value)}\">")
            elif name == "srcdoc":
                self.problems.append(f"<{tag} srcdoc>")
            elif name == "style" and re.search(r"expression\s*\(|javascript:", value, re.I):
                self.problems.append(f"<{tag} style=\"{_clip(value)}\">")
            elif name == "content" and tag == "meta" and "url=" in value.lower():
                if bad_url(value.lower().split("url=", 1)[1]):
                    self.problems.append(f"<meta refresh {_clip(value)}>")
        if tag == "script":
            if "src" in amap:
                self.scripts.append(("src", amap["src"]))
            else:
                self._inline = []
        elif tag in ACTIVE_TAGS:
            self.problems.append(f"<{tag}>")
        elif tag == "foreignobject" and self.svg:
            self.problems.append("<foreignObject>")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag.lower() == "script" and self._inline is not None:
            self.scripts.append(("inline", ""))
            self._inline = None

    def handle_endtag(self, tag):
        if tag.lower() == "script" and self._inline is not None:
            self.scripts.append(("inline", "".join(self._inline).strip()))
            self._inline = None

    def handle_data(self, data):
        if self._inline is not None:
            self._inline.append(data)
        self.text.append(data)

    def unknown_decl(self, data):
        if data.upper().startswith("CDATA["):
            self.text.append(data[6:])

    def close(self):
        super().close()
        if self._inline is not None:
            self.scripts.append(("inline", "".join(self._inline).strip()))
            self._inline = None


def _clip(s, n=60):
    s = s.replace("\n", "\\n")
    return s if len(s) <= n else s[:n] + "…"


def scan_markup(data, svg=False):
    p = ActiveScanner(svg=svg)
    try:
        p.feed(data.decode("utf-8", "replace"))
        p.close()
    except Exception as e:  # the stdlib parser is lenient; never let it crash the harness
        p.problems.append(f"unparseable markup ({type(e).__name__})")
    return p


def script_key(src, page_rel):
    """Where a script tag points, relative to the output root when possible."""
    s = src.split("#", 1)[0].split("?", 1)[0].strip()
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", s) or s.startswith("//"):
        return ("abs", re.sub(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//", "", s).split("/", 1)[-1] if "/" in s else s)
    if s.startswith("/"):
        return ("abs", s.lstrip("/"))
    return ("rel", posixpath.normpath(posixpath.join(posixpath.dirname(page_rel), s)))


class Baseline:
    """What a clean build of the unmutated fixtures contains: the theme's scripts, handlers,
    and the hash of every output file (unchanged files need no scanning)."""

    def __init__(self):
        self.script_paths = set()   # output-relative paths of theme scripts
        self.inline = set()         # sha256 of inline scripts
        self.handlers = set()       # (tag, attr, value)
        self.files = {}             # fixture -> {rel path: sha256}
        self.theme_js = set()       # sha256 of the theme's own .js assets

    def learn(self, fixture, out_dirs):
        hashes = {}
        for label, out in out_dirs:
            for rel, full in walk_files(out):
                data = _read(full)
                if data is None:
                    continue
                hashes[f"{label}/{rel}"] = hashlib.sha256(data).hexdigest()
                ext = os.path.splitext(rel)[1].lower()
                if ext in (".html", ".htm", ".xhtml"):
                    p = scan_markup(data)
                    for kind, value in p.scripts:
                        if kind == "src":
                            k = script_key(value, rel)
                            if k[0] == "rel":
                                self.script_paths.add(k[1])
                        else:
                            self.inline.add(hashlib.sha256(value.encode()).hexdigest())
                    self.handlers.update(p.handlers)
        self.files[fixture] = hashes

    def script_allowed(self, kind, value, page_rel):
        if kind == "inline":
            return hashlib.sha256(value.encode()).hexdigest() in self.inline
        k = script_key(value, page_rel)
        if k[0] == "rel":
            return k[1] in self.script_paths
        return any(k[1] == p or k[1].endswith("/" + p) for p in self.script_paths)


def walk_files(root):
    root = str(root)
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        for name in filenames + [d for d in dirnames if os.path.islink(os.path.join(dirpath, d))]:
            full = os.path.join(dirpath, name)
            yield os.path.relpath(full, root).replace(os.sep, "/"), full


def _read(full):
    try:
        st = os.lstat(full)
        if not stat.S_ISREG(st.st_mode):
            return None
        with open(full, "rb") as f:
            return f.read()
    except OSError:
        return None


DATA_JS_RE = re.compile(rb"\Awindow\.[A-Za-z_$][\w$]*=(.*);\n?\Z", re.S)
NUMERIC_RE = re.compile(r"^[+-]?\d+(?:[.,]\d+)?%?$")
URL_KEYS = {"u", "url", "href", "src", "link", "file"}
MARKUP_RE = re.compile(r"<\s*(script|iframe|object|embed)\b|\bon[a-z]+\s*=|javascript:", re.I)


def scan_output(out_dirs, baseline, fixture, case_root, strict_json=False, skip_unchanged=True):
    """UNSAFE OUTPUT findings of one build: [detail strings]."""
    problems = []
    known = baseline.files.get(fixture, {}) if skip_unchanged else {}
    for label, out in out_dirs:
        if not os.path.isdir(out):
            continue
        out_real = os.path.realpath(out)
        for rel, full in walk_files(out):
            shown = f"{label}/{rel}"
            try:
                st = os.lstat(full)
            except OSError:
                continue
            if stat.S_ISLNK(st.st_mode):
                target = os.path.realpath(full)
                if not (target == out_real or target.startswith(out_real + os.sep)):
                    problems.append(f"{shown}: symlink to {os.readlink(full)} (outside the site)")
                continue
            if not stat.S_ISREG(st.st_mode):
                problems.append(f"{shown}: not a regular file")
                continue
            data = _read(full)
            if data is None:
                continue
            # Leaks: any file may carry them, whatever its type.
            if PASSWD and data == PASSWD:
                problems.append(f"{shown}: a copy of /etc/passwd")
            elif PASSWD_MARK in data:
                problems.append(f"{shown}: contains `root:x:0:0` (/etc/passwd)")
            if SECRET in data:
                problems.append(f"{shown}: contains a file from outside the content folder")
            if known.get(shown) == hashlib.sha256(data).hexdigest():
                continue
            ext = os.path.splitext(rel)[1].lower()
            if ext in (".html", ".htm", ".xhtml", ".shtml"):
                problems += _html_problems(shown, rel, data, baseline)
            elif ext in (".xml", ".rss", ".atom"):
                problems += _xml_problems(shown, data)
            elif ext == ".svg":
                p = scan_markup(data, svg=True)
                if p.scripts:
                    problems.append(f"{shown}: SVG with <script>")
                if p.handlers:
                    problems.append(f"{shown}: SVG with {p.handlers[0][1]}= handler")
                problems += [f"{shown}: SVG with {x}" for x in p.problems[:3]]
            elif ext == ".json":
                problems += _json_problems(shown, data, strict_json)
            elif ext in (".js", ".mjs"):
                if hashlib.sha256(data).hexdigest() in baseline.theme_js:
                    continue
                m = DATA_JS_RE.match(data)
                if not m:
                    problems.append(f"{shown}: script file that is neither a theme asset nor `window.X=<JSON>;`")
                else:
                    problems += _json_problems(shown, m.group(1), strict_json)
            elif ext in (".csv", ".tsv"):
                problems += _csv_problems(shown, data)
    return problems


def _html_problems(shown, rel, data, baseline):
    p = scan_markup(data)
    out = []
    for kind, value in p.scripts:
        if not baseline.script_allowed(kind, value, rel):
            desc = f"src=\"{_clip(value)}\"" if kind == "src" else f"inline `{_clip(value, 40)}`"
            out.append(f"{shown}: <script {desc}> not from the theme")
    for tag, name, value in p.handlers:
        if (tag, name, value) not in baseline.handlers:
            out.append(f"{shown}: <{tag} {name}=\"{_clip(value)}\">")
    out += [f"{shown}: {x}" for x in p.problems]
    return out[:5]


def _xml_problems(shown, data):
    out = []
    raw = scan_markup(data)
    if raw.scripts:
        out.append(f"{shown}: <script> element")
    out += [f"{shown}: {t} {n}= attribute" for t, n, _ in raw.handlers[:2]]
    out += [f"{shown}: {x}" for x in raw.problems[:2]]
    # Feed readers unescape titles and descriptions and render them as HTML.
    text = "".join(raw.text)
    inner = scan_markup(text.encode("utf-8"))
    if inner.scripts:
        out.append(f"{shown}: escaped <script> in text (`&lt;script`)")
    out += [f"{shown}: escaped <{t} {n}=…> in text" for t, n, _ in inner.handlers[:2]]
    out += [f"{shown}: escaped {x} in text" for x in inner.problems[:2]]
    for m in re.finditer(r"<(loc|link|guid|id|uri)>\s*([^<]*)", data.decode("utf-8", "replace")):
        if bad_url(html.unescape(m.group(2))):
            out.append(f"{shown}: <{m.group(1)}> {_clip(m.group(2))}")
            break
    return out[:5]


def _json_problems(shown, data, strict):
    try:
        value = json.loads(data.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as e:
        return [f"{shown}: not valid JSON ({type(e).__name__})"]
    out = []

    def walk(v, key):
        if len(out) >= 3:
            return
        if isinstance(v, dict):
            for k, x in v.items():
                walk(x, str(k))
        elif isinstance(v, list):
            for x in v:
                walk(x, key)
        elif isinstance(v, str):
            if key in URL_KEYS and bad_url(v):
                out.append(f"{shown}: \"{key}\": \"{_clip(v)}\"")
            elif strict and MARKUP_RE.search(v):
                out.append(f"{shown}: markup in \"{key}\": \"{_clip(v)}\"")

    walk(value, "")
    return out


def _csv_problems(shown, data):
    text = data.decode("utf-8-sig", "replace")
    first = text.split("\n", 1)[0]
    delim = ";" if first.count(";") > first.count(",") else ("\t" if "\t" in first else ",")
    out = []
    try:
        for r, row in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delim), 1):
            for c, cell in enumerate(row, 1):
                if cell and cell[0] in "=+-@\t\r" and not NUMERIC_RE.match(cell):
                    out.append(f"{shown}:{r}: cell {c} starts with {cell[0]!r}: \"{_clip(cell, 40)}\"")
                    if len(out) >= 3:
                        return out
    except csv.Error as e:
        out.append(f"{shown}: unreadable CSV ({e})")
    return out
