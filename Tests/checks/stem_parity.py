#!/usr/bin/env python3
"""The site search stems words twice: at build time (libstemmer, Swift side) and in the browser
(themes/default/assets/stemmer-ru.js). A query finds a page only if both give the same stem, so
this check takes every word of the demo content (.md, .yml, .csv under content/), cut and folded
as the index cuts them, and compares the JS stemmer (run by node) with PyPI snowballstemmer 2.2.0,
the generated code the JS is ported from; also every ending of the stemmer's tables on a few bases,
so that each branch runs. The same words with their stems are committed in Tests/Fixtures/stems/ru.tsv,
which a Swift test compares with libstemmer; this check fails when that file is stale.
Usage: stem_parity.py [--write]   (--write regenerates ru.tsv after the content changed)
"""
import importlib.metadata
import json
import pathlib
import re
import shutil
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
STEMMER_JS = ROOT / "themes/default/assets/stemmer-ru.js"
FIXTURE = ROOT / "Tests/Fixtures/stems/ru.tsv"
VERSION = "2.2.0"  # Debian's libstemmer-dev is Snowball 2.2.0 too

NODE_SCRIPT = r"""
const api = require(process.argv[1]);
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify({
  stems: input.words.map(api.stem),
  words: input.texts.map(api.words),
}));
"""


def fold(text):
    return text.lower().replace("ё", "е")


def words(text):
    """Lower case, ё → е, maximal runs of 0–9, a–z, а–я (what stemmer-ru.js and the Swift side do)."""
    return re.findall(r"[0-9a-zа-я]+", fold(text))


def vocabulary():
    texts = {}
    for path in sorted(CONTENT.rglob("*")):
        if path.is_file() and path.suffix in (".md", ".yml", ".csv"):
            texts[path.relative_to(ROOT).as_posix()] = path.read_text(encoding="utf-8")
    vocab = sorted({w for t in texts.values() for w in words(t)})
    return texts, vocab


def branch_words(stemmer_class):
    """Every ending of every Among table after a few bases, with and without ё and а/я before it."""
    endings = sorted({a.s for name, table in vars(stemmer_class).items() if name.startswith("a_") for a in table})
    bases = ["", "а", "я", "кот", "читая", "работа", "стоя", "наставн", "ёлк", "красивейш", "молодёжн"]
    return sorted({b + e for b in bases for e in endings} | {"ё", "ёж", "ещё", "её", "нн", "ость", "ейше"})


def main():
    write = "--write" in sys.argv[1:]
    try:
        from snowballstemmer.russian_stemmer import RussianStemmer
    except ImportError:
        sys.exit(f"Нет пакета snowballstemmer: python3 -m pip install snowballstemmer=={VERSION}")
    have = importlib.metadata.version("snowballstemmer")
    if have != VERSION:
        sys.exit(f"Нужен snowballstemmer {VERSION}, установлен {have}: python3 -m pip install snowballstemmer=={VERSION}")
    # The pure-Python class itself: snowballstemmer.stemmer() would switch to PyStemmer when installed.
    py = RussianStemmer()
    texts, vocab = vocabulary()
    expected = {w: py.stemWord(w) for w in vocab}
    extra = [w for w in branch_words(RussianStemmer) if w not in expected]
    reference = dict(expected, **{w: py.stemWord(w) for w in extra})

    node = shutil.which("node") or shutil.which("nodejs")
    if not node:
        sys.exit("Нет node: поставьте пакет nodejs (make check-deps)")
    request = json.dumps({"words": vocab + extra, "texts": list(texts.values())}, ensure_ascii=False)
    run = subprocess.run([node, "-e", NODE_SCRIPT, str(STEMMER_JS)], input=request.encode(),
                         capture_output=True, check=False)
    if run.returncode != 0:
        sys.exit("stemmer-ru.js в node упал:\n" + run.stderr.decode(errors="replace"))
    got = json.loads(run.stdout)

    problems = []
    for w, s in zip(vocab + extra, got["stems"]):
        if s != reference[w]:
            problems.append(f"основа «{w}»: snowballstemmer «{reference[w]}», stemmer-ru.js «{s}»")
    for (name, text), js_words in zip(texts.items(), got["words"]):
        if js_words != words(text):
            problems.append(f"{name}: stemmer-ru.js делит текст на слова иначе, чем эта проверка")

    lines = "".join(f"{w}\t{expected[w]}\n" for w in vocab)
    if write:
        FIXTURE.parent.mkdir(parents=True, exist_ok=True)
        FIXTURE.write_text(lines, encoding="utf-8")
        print(f"Записан {FIXTURE.relative_to(ROOT)}: слов {len(vocab)}")
    elif not FIXTURE.exists() or FIXTURE.read_text(encoding="utf-8") != lines:
        old = {}
        if FIXTURE.exists():
            old = dict(line.split("\t", 1) for line in FIXTURE.read_text(encoding="utf-8").splitlines() if "\t" in line)
        added = [w for w in vocab if w not in old]
        gone = [w for w in old if w not in expected]
        changed = [w for w in vocab if w in old and old[w] != expected[w]]
        problems.append(f"{FIXTURE.relative_to(ROOT)} устарел (новых слов {len(added)}, исчезнувших {len(gone)}, "
                        f"с другой основой {len(changed)}; например: {', '.join((added + gone + changed)[:5])}): "
                        "запустите python3 Tests/checks/stem_parity.py --write и закоммитьте файл")

    for p in problems[:50]:
        print(p)
    if len(problems) > 50:
        print(f"… и ещё {len(problems) - 50}")
    print(f"Основы слов: словарь демо-сайта {len(vocab)} слов, проверочных окончаний {len(extra)}, "
          f"расхождений {len(problems)}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
