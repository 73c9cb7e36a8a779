#!/usr/bin/env python3
"""Self-test of the fuzz harness's oracles: fake binaries wrap the real one and misbehave in one
known way each (crash, hang, publish /etc/passwd, delete the content folder, point a diagnostic
at a file that does not exist, …); every misbehaviour must be reported in its class, and the
real binary on the clean fixtures must give no finding at all.

    python3 Tests/fuzz/selftest.py [--binary .build/debug/nastavnik]

Prints one line per check and `N passed, M failed` last; exits 1 if any check failed.
"""

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import fuzz  # noqa: E402
from sites import REPO  # noqa: E402

FAKE = r'''#!/usr/bin/env python3
import os, signal, subprocess, sys, time
REAL, MODE = {real!r}, {mode!r}
argv = sys.argv[1:]
check = bool(argv) and argv[0] == "check"
out = argv[argv.index("--out") + 1] if "--out" in argv else "public"


def real():
    r = subprocess.run([REAL] + argv, capture_output=True)
    sys.stdout.buffer.write(r.stdout)
    sys.stderr.buffer.write(r.stderr)
    sys.stdout.flush()
    sys.stderr.flush()
    return r.returncode


def put(rel, data):
    path = os.path.join(out, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    old = open(path, "rb").read() if rel.endswith(".html") and os.path.exists(path) else b""
    if os.path.lexists(path):
        os.unlink(path)  # the generator hard-links files from content/: never write through them
    with open(path, "wb") as f:
        f.write(old + (data if isinstance(data, bytes) else data.encode()))


def say(text):
    sys.stderr.write(text + "\n")


if "/baseline-" in os.getcwd() or MODE == "clean":
    sys.exit(real())
if check:
    if MODE == "json-broken":
        print("не JSON")
        sys.exit(1)
    if MODE == "json-outside":
        print('[{{"severity": "error", "rule": "x", "file": "/etc/passwd", "line": 1, "column": 1, "message": "x"}}]')
        sys.exit(1)
    sys.exit(real())
if MODE == "segv":
    os.kill(os.getpid(), signal.SIGSEGV)
if MODE == "fatal":
    say("Fatal error: Double value cannot be converted to Int because it is outside the representable range")
    sys.exit(1)
if MODE == "exit3":
    sys.exit(3)
if MODE == "hang":
    time.sleep(600)
if MODE == "silent-1":
    sys.exit(1)
if MODE == "silent-2":
    sys.exit(2)
if MODE == "missing-file":
    say("content/nowhere.md:3:1: ошибка: нет такого [x.y]")
    sys.exit(1)
if MODE == "no-line":
    say("content/site.yml: ошибка: без строки [x.y]")
    sys.exit(1)
if MODE == "past-end":
    say("content/site.yml:999:1: ошибка: за концом файла [x.y]")
    sys.exit(1)
if MODE == "warnings-1":
    say("content/site.yml:1:1: предупреждение: только предупреждение [x.y]")
    sys.exit(1)
if MODE == "delete-content":
    import shutil
    shutil.rmtree("content")
    sys.exit(0)
rc = real()
if MODE == "error-0":
    say("content/site.yml:1:1: ошибка: ошибка, а код 0 [x.y]")
elif MODE == "no-index":
    os.remove(os.path.join(out, "index.html"))
elif MODE == "modify-content":
    with open("content/site.yml", "a") as f:
        f.write("# touched\n")
elif MODE == "passwd":
    put("files/doc.pdf", open("/etc/passwd", "rb").read())
elif MODE == "secret":
    put("images/leak.png", open("outside-secret.png", "rb").read())
elif MODE == "symlink-out":
    os.symlink("/etc/passwd", os.path.join(out, "leak.txt"))
elif MODE == "script":
    put("index.html", "<script>alert(1)</script>")
elif MODE == "script-src":
    put("news/index.html", '<script src="https://evil.example/x.js"></script>')
elif MODE == "onerror":
    put("index.html", "<img src=x onerror=alert(1)>")
elif MODE == "javascript-href":
    put("index.html", '<a href=" JaVaScRiPt:alert(1)">x</a>')
elif MODE == "data-html":
    put("index.html", '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>')
elif MODE == "iframe":
    put("index.html", '<iframe src="https://evil.example/"></iframe>')
elif MODE == "feed":
    put("news/rss.xml", "<rss><channel><item><description>&lt;img src=x onerror=alert(1)&gt;</description></item></channel></rss>")
elif MODE == "svg":
    put("images/evil.svg", '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
elif MODE == "csv":
    put("indicators-rollup.csv", '\ufeffПоказатель;Территория\n=HYPERLINK("http://evil.example");г. Киров\n')
elif MODE == "data-js":
    put("search-index.js", "window.nastavnikSearchIndex=[];alert(1);\n")
elif MODE == "theme-js-changed":
    put("assets/a11y.js", "alert(1);\n")
sys.exit(rc)
'''

# (mode, case, expected classes; empty = no finding)
CHECKS = [
    ("clean", "clean-base", set()), ("clean", "clean-demo", set()), ("clean", "clean-bank", set()),
    ("clean", "out-content", set()), ("clean", "num-base-ivanova-mentees-1e30", set()),
    ("segv", "clean-base", {"CRASH"}), ("fatal", "clean-base", {"CRASH"}), ("exit3", "clean-base", {"CRASH"}),
    ("hang", "clean-base", {"HANG"}),
    ("silent-1", "clean-base", {"UNLOCATED ERROR"}), ("silent-2", "clean-base", {"UNLOCATED ERROR"}),
    ("missing-file", "clean-base", {"UNLOCATED ERROR"}), ("no-line", "clean-base", {"UNLOCATED ERROR"}),
    ("past-end", "clean-base", {"UNLOCATED ERROR"}), ("json-broken", "clean-base", {"UNLOCATED ERROR"}),
    ("json-outside", "clean-base", {"UNLOCATED ERROR", "WRONG EXIT"}),
    ("warnings-1", "clean-base", {"WRONG EXIT"}), ("error-0", "clean-base", {"WRONG EXIT"}),
    ("no-index", "clean-base", {"WRONG EXIT"}),
    ("delete-content", "out-content", {"DATA LOSS", "WRONG EXIT"}),
    ("modify-content", "clean-base", {"DATA LOSS"}),
    ("passwd", "clean-base", {"UNSAFE OUTPUT"}), ("secret", "clean-base", {"UNSAFE OUTPUT"}),
    ("symlink-out", "clean-base", {"UNSAFE OUTPUT"}), ("script", "clean-demo", {"UNSAFE OUTPUT"}),
    ("script-src", "clean-demo", {"UNSAFE OUTPUT"}), ("onerror", "clean-base", {"UNSAFE OUTPUT"}),
    ("javascript-href", "clean-base", {"UNSAFE OUTPUT"}), ("data-html", "clean-base", {"UNSAFE OUTPUT"}),
    ("iframe", "clean-base", {"UNSAFE OUTPUT"}), ("feed", "clean-base", {"UNSAFE OUTPUT"}),
    ("svg", "clean-base", {"UNSAFE OUTPUT"}), ("csv", "clean-bank", {"UNSAFE OUTPUT"}),
    ("data-js", "clean-demo", {"UNSAFE OUTPUT"}), ("theme-js-changed", "clean-demo", {"UNSAFE OUTPUT"}),
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=str(REPO / ".build/debug/nastavnik"))
    args = ap.parse_args()
    real = Path(args.binary).resolve()
    if not real.is_file():
        print(f"selftest: no binary at {real}", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="nastavnik-fuzz-selftest-", dir=fuzz._scratch()))
    try:
        shutil.copytree(REPO / "themes", work / "themes")
        (work / "bin").mkdir()  # a private copy: the binary may be rebuilt meanwhile
        shutil.copy2(real, work / "bin" / "nastavnik")
        for res in real.parent.glob("*.resources"):
            shutil.copytree(res, work / "bin" / res.name)
        real = work / "bin" / "nastavnik"
        cfg = {"binary": str(real), "themes": str(work / "themes"), "work": str(work), "timeout": 5,
               "keep": False, "strict_json": False}
        cfg["baseline"] = fuzz.learn_baseline(cfg)
        (work / "fakes").mkdir()
        passed = failed = 0
        for i, (mode, case, expected) in enumerate(CHECKS):
            fake = work / "fakes" / mode
            if not fake.exists():
                fake.write_text(FAKE.format(real=str(real), mode=mode))
                fake.chmod(0o755)
            res = fuzz.run_case(case, dict(cfg, binary=str(fake), work=str(work / f"run-{i}")))
            got = {c for c, _ in res["findings"]}
            ok = got == expected
            passed += ok
            failed += not ok
            print(f"{'ok  ' if ok else 'FAIL'} {mode} on {case}: expected {sorted(expected) or 'nothing'}, "
                  f"got {sorted(got) or 'nothing'}")
            if not ok:
                for c, d in res["findings"]:
                    print(f"       {c}: {d}")
    finally:
        fuzz._rmtree(work)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
