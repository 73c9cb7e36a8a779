"""A mutable copy of a fixture site, with helpers shared by random mutations and attacks."""

import os
import re
import shutil
from pathlib import Path

from oracles import SECRET

REPO = Path(__file__).resolve().parents[2]
FIXTURES = {
    "base": REPO / "Tests/Fixtures/base/content",
    "demo": REPO / "content",
    "bank": REPO / "Tests/Fixtures/bank/content",
}

OUTSIDE_NEWS = ("---\ntitle: \"Новость извне\"\ndate: 2024-10-01\nsummary: \"снаружи\"\n---\n"
                + SECRET.decode() + "\n")


def prepare(case_root, fixture):
    """case_root/ (the `..` of the run) holds a sentinel and site/ (the cwd of the run):
    site/content is the fixture, site/outside-* are files outside the content folder."""
    case_root = Path(case_root)
    case_root.mkdir(parents=True)
    (case_root / "sentinel.txt").write_text("must survive every run\n")
    site = case_root / "site"
    site.mkdir()
    shutil.copytree(FIXTURES[fixture], site / "content", symlinks=True)
    for ext in ("txt", "pdf", "png", "svg", "csv", "yml"):
        (site / f"outside-secret.{ext}").write_bytes(SECRET + b"\n")
    (site / "outside-news.md").write_text(OUTSIDE_NEWS)
    return Site(site, fixture)


class Site:
    def __init__(self, root, fixture, rng=None):
        self.root = Path(root)
        self.content = self.root / "content"
        self.fixture = fixture
        self.rng = rng
        self.notes = []

    # --- paths -------------------------------------------------------------------------------
    def p(self, rel):
        return self.content / rel

    def files(self, exts=None, under=""):
        """Regular files (not symlinks) under content/, sorted, as content-relative paths."""
        out = []
        base = self.content / under if under else self.content
        for dirpath, dirnames, filenames in os.walk(base, followlinks=False):
            dirnames.sort()
            for name in sorted(filenames):
                full = Path(dirpath) / name
                if full.is_symlink() or not full.is_file():
                    continue
                if exts and full.suffix.lower() not in exts:
                    continue
                out.append(full.relative_to(self.content).as_posix())
        return out

    def school(self):
        """Content-relative prefix of the first bank school, '' for a plain site."""
        return "schools/alpha/content/" if self.fixture == "bank" else ""

    # --- reading and writing ------------------------------------------------------------------
    def read(self, rel):
        return self.p(rel).read_bytes().decode("utf-8", "surrogateescape")

    def write(self, rel, text):
        path = self.p(rel)
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_symlink():
            path.unlink()
        data = text if isinstance(text, bytes) else text.encode("utf-8", "surrogateescape")
        path.write_bytes(data)

    def set_field(self, rel, key, raw, nth=0):
        """Replace the value of `key:` (the nth occurrence, any indentation, block or flow
        style) with the raw YAML text `raw`; add it at the top level when absent."""
        text = self.read(rel)
        pat = re.compile(r"(?m)(^[ \t]*(?:- )?|[{,][ \t]*)(" + re.escape(key) + r"):[ \t]*([^\n,}]*)")
        found = list(pat.finditer(text))
        if len(found) > nth:
            m = found[nth]
            flow = m.group(1).lstrip().startswith(("{", ","))
            value = raw if not flow or "\n" not in raw else raw.replace("\n", " ")
            text = text[:m.start(3)] + value + text[m.end(3):]
        elif rel.endswith(".md"):
            text = text.replace("---\n", "---\n" + key + ": " + raw + "\n", 1)
        else:
            text = key + ": " + raw + "\n" + text
        self.write(rel, text)

    def replace_block(self, rel, key, raw):
        """Replace a top-level `key:` together with its indented children by `key: raw`."""
        lines = self.read(rel).split("\n")
        for i, line in enumerate(lines):
            if line.startswith(key + ":"):
                j = i + 1
                while j < len(lines) and (lines[j].startswith((" ", "\t")) or not lines[j].strip()):
                    j += 1
                lines[i:j] = [key + ": " + raw]
                break
        else:
            lines.insert(0, key + ": " + raw)
        self.write(rel, "\n".join(lines) + ("" if lines[-1] == "" else "\n"))

    def append_body(self, rel, md):
        self.write(rel, self.read(rel).rstrip("\n") + "\n\n" + md + "\n")

    def add_md(self, rel, front, body=""):
        self.write(rel, "---\n" + front.strip("\n") + "\n---\n" + body + "\n")

    def add_news(self, slug, body, extra=""):
        rel = self.school() + f"news/{slug}.md"
        self.add_md(rel, f'title: "Новость {slug}"\ndate: 2024-10-01\nsummary: "Кратко"\n' + extra, body)
        return rel

    def add_case(self, slug, extra="", body="Описание."):
        rel = self.school() + f"cases/{slug}.md"
        front = ('title: "Кейс ' + slug + '"\nform: "учитель – учитель"\n'
                 'role_model: "опытный педагог – молодой специалист"\nmentees: 1\nyear: 2024\n'
                 'level: general\naudience: "педагоги"\n' + extra)
        self.add_md(rel, front, body)
        return rel

    def symlink(self, rel, target):
        path = self.p(rel)
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_symlink() or path.is_file():
            path.unlink()
        os.symlink(target, path)

    def note(self, text):
        self.notes.append(text)
