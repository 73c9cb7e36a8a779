#!/usr/bin/env python3
"""Mutation fuzz harness for nastavnik (issue #16). Python 3 standard library only.

    python3 Tests/fuzz/fuzz.py --binary .build/debug/nastavnik --cases 2000 --seed 1
    python3 Tests/fuzz/fuzz.py --cases 60 --seed 1 --time-limit 60      # the short run of `make test`
    python3 Tests/fuzz/fuzz.py --attacks-only
    python3 Tests/fuzz/fuzz.py --case rnd-s1-0042 --case out-content   # re-run single cases

Prints one line per finding (`CLASS case: detail`) and `N passed, M failed` last; exits 1 when
anything failed, 2 when the harness itself cannot run (no binary, no fixtures).
"""

import argparse
import concurrent.futures as cf
import hashlib
import os
import random
import resource
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import attacks as A  # noqa: E402
import mutations as M  # noqa: E402
import oracles as O  # noqa: E402
from sites import FIXTURES, REPO, prepare  # noqa: E402

TODAY = "2025-06-01"
MEMORY = 2 << 30
CLASSES = ["CRASH", "HANG", "UNSAFE OUTPUT", "UNLOCATED ERROR", "WRONG EXIT", "DATA LOSS"]
FIXTURE_WEIGHTS = [("base", 4), ("demo", 3), ("bank", 3)]


# --- cases ----------------------------------------------------------------------------------------

def random_case_name(seed, index):
    return f"rnd-s{seed}-{index:04d}"


def random_fixture(rng):
    r = rng.uniform(0, sum(w for _, w in FIXTURE_WEIGHTS))
    for name, w in FIXTURE_WEIGHTS:
        r -= w
        if r <= 0:
            return name
    return FIXTURE_WEIGHTS[-1][0]


def materialize(name, case_root):
    """Create the mutated site of a case under case_root. Returns (site, attack or None, [what])."""
    if name.startswith("rnd-s"):
        seed, index = name[5:].rsplit("-", 1)
        rng = random.Random(f"nastavnik-fuzz:{seed}:{int(index)}")
        fixture = random_fixture(rng)
        site = prepare(case_root, fixture)
        site.rng = rng
        what = M.apply_random(site, rng)
        return site, None, [fixture] + what
    attack = A.by_name()[name]
    site = prepare(case_root, attack.fixture)
    if attack.setup:
        attack.setup(site)
    return site, attack, [attack.fixture]


# --- running the binary ----------------------------------------------------------------------------

def _limits():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_FSIZE, (1 << 30, 1 << 30))


def run(binary, argv, cwd, themes, timeout):
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": os.environ.get("HOME", "/root"),
           "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "NASTAVNIK_THEMES": str(themes), "NO_COLOR": "1",
           "TMPDIR": str(Path(cwd).parent), "SWIFT_BACKTRACE": os.environ.get("SWIFT_BACKTRACE", "enable=no")}
    t0 = time.monotonic()
    proc = subprocess.Popen([binary] + argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, preexec_fn=_limits, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
        timed_out = False
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # the process group we started for this run only
        except ProcessLookupError:
            pass
        out, err = proc.communicate()
        timed_out = True
    return {"rc": proc.returncode, "out": out.decode("utf-8", "replace"), "err": err.decode("utf-8", "replace"),
            "timed_out": timed_out, "seconds": time.monotonic() - t0, "argv": argv}


def crash_or_hang(r, what):
    if r["timed_out"]:
        return [("HANG", f"{what} did not finish in {r['seconds']:.0f} s")]
    rc = r["rc"]
    if rc < 0:
        try:
            sig = signal.Signals(-rc).name
        except ValueError:
            sig = str(-rc)
        return [("CRASH", f"{what} killed by {sig}{_first_crash_line(r['err'])}")]
    if rc not in (0, 1, 2):
        return [("CRASH", f"{what} exit {rc}{_first_crash_line(r['err'])}")]
    for marker in O.CRASH_MARKERS:
        if marker in r["err"]:
            return [("CRASH", f"{what} exit {rc}{_first_crash_line(r['err'])}")]
    return []


def _first_crash_line(err):
    for line in err.splitlines():
        if any(m in line for m in O.CRASH_MARKERS):
            return ": " + O._clip(line.strip(), 160)
    return ""


# --- one case -----------------------------------------------------------------------------------

def run_case(name, cfg):
    try:
        return _run_case(name, cfg)
    except Exception as e:  # a bug of the harness must not stop the other cases
        import traceback
        _rmtree(Path(cfg["work"]) / _safe(name))
        return {"name": name, "findings": [], "error": True, "seconds": 0, "rc": None,
                "what": [f"harness error: {type(e).__name__}: {e} | " +
                         traceback.format_exc(limit=3).replace(chr(10), " ")]}


def _run_case(name, cfg):
    case_root = Path(cfg["work"]) / _safe(name)
    t0 = time.monotonic()
    findings = []
    try:
        site, attack, what = materialize(name, case_root)
    except Exception as e:  # a broken mutation is a harness bug, not a finding
        shutil.rmtree(case_root, ignore_errors=True)
        return {"name": name, "findings": [], "what": [f"setup failed: {type(e).__name__}: {e}"],
                "seconds": 0, "error": True}
    what += site.notes
    themes = cfg["themes"]
    if attack and attack.refuse:
        themes = str(case_root / "themes-env")
        shutil.copytree(cfg["themes"], themes)
    exclude = {"site/public", "site/report"}
    before = O.snapshot(case_root, exclude=() if attack and attack.refuse else exclude)

    if attack and attack.refuse:
        argv = attack.refuse(site, themes)
        r = run(cfg["binary"], argv, site.root, themes, cfg["timeout"])
        findings += crash_or_hang(r, "build")
        after = O.snapshot(case_root, exclude=())
        lost = O.data_loss(before, after)
        if lost:
            findings.append(("DATA LOSS", f"`{' '.join(argv[3:])}`: " + "; ".join(lost[:3])
                             + (f" (+{len(lost) - 3} more)" if len(lost) > 3 else "")))
        if not r["timed_out"] and r["rc"] != 2 and r["rc"] >= 0:
            findings.append(("WRONG EXIT", f"`{' '.join(argv[3:])}` exited {r['rc']}, expected 2"))
        elif r["rc"] == 2 and not r["err"].strip():
            findings.append(("UNLOCATED ERROR", "exit 2 without a message"))
        return _done(name, findings, what, t0, cfg, r)

    r = run(cfg["binary"], A.BUILD, site.root, themes, cfg["timeout"])
    findings += crash_or_hang(r, "build")
    finished = not findings  # a crash or a hang says all there is to say about the exit
    diags = O.parse_stderr(r["err"])
    check = None
    if finished:
        check = run(cfg["binary"], ["check", "--content", "content", "--format", "json"], site.root, themes,
                    cfg["timeout"])
        ch = crash_or_hang(check, "check")
        findings += ch
        if not ch:
            parsed = O.parse_json_diags(check["out"], "check --format json")
            if parsed is None and check["rc"] in (0, 1):
                findings.append(("UNLOCATED ERROR", f"`check --format json` exit {check['rc']} printed no JSON array"))
            diags += parsed or []
    lost = O.data_loss(before, O.snapshot(case_root, exclude=exclude))  # after build and check
    if lost:
        findings.append(("DATA LOSS", "; ".join(lost[:3]) + (f" (+{len(lost) - 3} more)" if len(lost) > 3 else "")))
    report_diags, schools = O.parse_report(site.root / "report" / "report.json")
    diags += report_diags or []

    if finished and not any(c in ("CRASH", "HANG") for c, _ in findings):
        findings += classify_exit(r, diags, schools, case_root, before, site, themes)
    if os.path.isdir(site.root / "public") or os.path.isdir(site.root / "report"):
        outs = [("public", str(site.root / "public")), ("report", str(site.root / "report"))]
        for detail in O.scan_output(outs, cfg["baseline"], site.fixture, case_root, cfg["strict_json"],
                                    skip_unchanged=not name.startswith("clean-")):
            findings.append(("UNSAFE OUTPUT", detail))
    return _done(name, findings, what, t0, cfg, r)


def classify_exit(r, diags, schools, case_root, before, site, themes):
    findings = []
    rc = r["rc"]
    if rc == 2:
        if not r["err"].strip():
            findings.append(("UNLOCATED ERROR", "exit 2 without a message"))
        return findings
    seen = set()
    for d in diags:
        key = (d["file"], d["line"], d["rule"])
        if key in seen:
            continue
        seen.add(key)
        why = O.locate(d, str(case_root), "site", before, themes)
        if why:
            findings.append(("UNLOCATED ERROR", f"[{d['rule']}] {why} ({d['source']}): {O._clip(d['message'], 80)}"))
    errors = [d for d in diags if d["severity"] == "error"]
    school_of = lambda d: next((f for f in schools if d["file"].startswith(f.rstrip("/") + "/")), None)
    own_errors = [d for d in errors if d.get("school") is None and school_of(d) is None]
    if rc == 1 and not diags:
        findings.append(("UNLOCATED ERROR", "exit 1 without any diagnostic"))
    elif rc == 1 and not errors:
        findings.append(("WRONG EXIT", f"exit 1 but only {len(diags)} warnings/notes"))
    if rc == 0 and own_errors:
        d = own_errors[0]
        findings.append(("WRONG EXIT", f"exit 0 with {len(own_errors)} errors, e.g. {d['file']}:{d['line']} "
                                       f"[{d['rule']}] ({d['source']})"))
    for folder, built in schools.items():
        errs = [d for d in errors if d.get("school") == folder]
        if built and errs:
            findings.append(("WRONG EXIT", f"bank school {folder} built despite {len(errs)} errors [{errs[0]['rule']}]"))
    if rc == 0 and not (site.root / "public" / "index.html").is_file():
        findings.append(("WRONG EXIT", "exit 0 but public/index.html was not written"))
    return findings


def _done(name, findings, what, t0, cfg, r):
    case_root = Path(cfg["work"]) / _safe(name)
    if findings and cfg["keep"]:
        keep_finding(name, findings, what, r, cfg)
    _rmtree(case_root)
    uniq = []
    for f in findings:
        if f not in uniq:
            uniq.append(f)
    return {"name": name, "findings": uniq, "what": what, "seconds": time.monotonic() - t0,
            "rc": r["rc"], "argv": r["argv"]}


def keep_finding(name, findings, what, r, cfg):
    dest = HERE / "findings" / _safe(name)
    _rmtree(dest)
    tmp = Path(cfg["work"]) / ("keep-" + _safe(name))
    materialize(name, tmp)  # again, from scratch: the run may have deleted or changed the site
    shutil.copytree(tmp, dest, symlinks=True, ignore_dangling_symlinks=True,
                    copy_function=_copy_special)
    _rmtree(tmp)
    lines = [f"case: {name}", "mutations: " + " | ".join(what),
             f"run: cd site && NASTAVNIK_THEMES={REPO / 'themes'} nastavnik {' '.join(r['argv'])}",
             f"exit: {r['rc']}{' (timed out)' if r['timed_out'] else ''}", ""]
    lines += [f"{c} {name}: {d}" for c, d in findings]
    lines += ["", "stderr (first 4000 chars):", r["err"][:4000]]
    (dest / "REPRO.txt").write_text("\n".join(lines) + "\n")


def _copy_special(src, dst):
    st = os.lstat(src)
    if stat.S_ISFIFO(st.st_mode):
        os.mkfifo(dst)
        return dst
    shutil.copy2(src, dst)
    os.chmod(dst, stat.S_IMODE(st.st_mode))
    return dst


def _safe(name):
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in name)[:120]


def _rmtree(path):
    path = Path(path)
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.exists():
        shutil.rmtree(path, onerror=_unprotect)


def _unprotect(func, p, _exc):
    """A folder made unreadable by a case (chmod 000) when not running as root."""
    try:
        os.chmod(os.path.dirname(p), 0o755)
        if os.path.isdir(p) and not os.path.islink(p):
            os.chmod(p, 0o755)
            shutil.rmtree(p, ignore_errors=True)
        else:
            func(p)
    except OSError:
        pass


def _scratch():
    """RAM-backed scratch space when there is enough of it: builds and clean-ups are much faster."""
    try:
        st = os.statvfs("/dev/shm")
        if st.f_bavail * st.f_frsize > 4 << 30 and os.access("/dev/shm", os.W_OK):
            return "/dev/shm"
    except OSError:
        pass
    return None


# --- the baseline -------------------------------------------------------------------------------

def learn_baseline(cfg):
    base = O.Baseline()
    for p in sorted((Path(cfg["themes"]) / "default" / "assets").glob("*.js")):
        base.theme_js.add(hashlib.sha256(p.read_bytes()).hexdigest())
    for fixture in FIXTURES:
        root = Path(cfg["work"]) / f"baseline-{fixture}"
        site = prepare(root, fixture)
        r = run(cfg["binary"], A.BUILD, site.root, cfg["themes"], 120)
        if r["rc"] != 0:
            print(f"fuzz: the clean {fixture} fixture does not build (exit {r['rc']}):\n{r['err'][-2000:]}",
                  file=sys.stderr)
            raise SystemExit(2)
        base.learn(fixture, [("public", site.root / "public"), ("report", site.root / "report")])
        _rmtree(root)
    return base


# --- main ---------------------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--binary", default=".build/debug/nastavnik")
    ap.add_argument("--cases", type=int, default=2000, help="random cases (default 2000)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--time-limit", type=float, default=None,
                    help="stop starting random cases after this many seconds (attacks always run)")
    ap.add_argument("--timeout", type=float, default=20, help="seconds per run of the binary (default 20)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--keep-findings", action="store_true", help="save failing sites to Tests/fuzz/findings/<case>/")
    ap.add_argument("--attacks-only", action="store_true")
    ap.add_argument("--case", action="append", default=[], help="run only this case (attack or rnd-sS-NNNN)")
    ap.add_argument("--themes", default=str(REPO / "themes"), help="theme folder (copied; NASTAVNIK_THEMES)")
    ap.add_argument("--strict-json", action="store_true", help="also flag markup inside JSON strings")
    ap.add_argument("--list", action="store_true", help="list the attack names and exit")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every case with its mutations")
    args = ap.parse_args()

    names = [a.name for a in A.all_attacks()]
    if args.list:
        print("\n".join(names))
        return 0
    binary = Path(args.binary)
    if not binary.is_absolute():
        binary = (Path.cwd() / binary) if (Path.cwd() / binary).exists() else REPO / binary
    if not binary.is_file():
        print(f"fuzz: no binary at {binary} (build it first)", file=sys.stderr)
        return 2
    t_start = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="nastavnik-fuzz-", dir=_scratch()))
    try:
        # A private copy: the binary may be rebuilt while we run, and no run may touch the real themes.
        bindir = work / "bin"
        bindir.mkdir()
        real = binary.resolve()
        shutil.copy2(real, bindir / "nastavnik")
        for res in real.parent.glob("*.resources"):
            shutil.copytree(res, bindir / res.name)
        themes = work / "themes"
        shutil.copytree(args.themes, themes)
        themes_before = O.snapshot(themes)
        cfg = {"binary": str(bindir / "nastavnik"), "themes": str(themes), "work": str(work),
               "timeout": args.timeout, "keep": args.keep_findings, "strict_json": args.strict_json}
        cfg["baseline"] = learn_baseline(cfg)

        if args.case:
            unknown = [c for c in args.case if c not in names and not c.startswith("rnd-s")]
            if unknown:
                print(f"fuzz: unknown case(s): {', '.join(unknown)} (see --list)", file=sys.stderr)
                return 2
            attack_names, randoms = [c for c in args.case if not c.startswith("rnd-s")], \
                [c for c in args.case if c.startswith("rnd-s")]
        else:
            attack_names = names
            randoms = [] if args.attacks_only else [random_case_name(args.seed, i) for i in range(args.cases)]

        results, skipped = execute(attack_names, randoms, cfg, args, t_start)
        lost_themes = O.data_loss(themes_before, O.snapshot(themes))
        if lost_themes:
            results.append({"name": "themes", "findings": [("DATA LOSS", "; ".join(lost_themes[:3]))], "what": []})
    finally:
        _rmtree(work)

    return report(results, skipped, args, time.monotonic() - t_start)


def execute(attack_names, randoms, cfg, args, t_start):
    results = []
    skipped = 0
    deadline = t_start + args.time_limit if args.time_limit else None
    with cf.ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        pending = {pool.submit(run_case, n, cfg) for n in attack_names}
        queue = list(randoms)

        def top_up():
            nonlocal skipped
            while queue and len(pending) < 2 * max(1, args.jobs):
                if deadline and time.monotonic() > deadline:
                    skipped += len(queue)
                    queue.clear()
                    return
                pending.add(pool.submit(run_case, queue.pop(0), cfg))

        # Attacks first; random cases fill in as workers free up.
        while pending or queue:
            if not pending:
                top_up()
                if not pending:
                    break
            done, _ = cf.wait(pending, return_when=cf.FIRST_COMPLETED)
            for fut in done:
                pending.discard(fut)
                res = fut.result()
                results.append(res)
                emit(res, args)
            if len([f for f in pending]) < max(1, args.jobs):
                top_up()
    return results, skipped


def emit(res, args):
    if res.get("error"):
        print(f"HARNESS {res['name']}: {res['what'][0]}", flush=True)
    grouped = {}
    for cls, detail in res["findings"]:
        grouped.setdefault(cls, []).append(detail)
    for cls, details in grouped.items():
        if args.verbose:
            for d in details:
                print(f"{cls} {res['name']}: {d}", flush=True)
        else:  # one line per class and case
            more = f" (+{len(details) - 1} more; -v lists them)" if len(details) > 1 else ""
            print(f"{cls} {res['name']}: {details[0]}{more}", flush=True)
    if res["findings"] and (args.verbose or res["name"].startswith("rnd-")):
        print(f"    mutations: {' | '.join(res['what'])}", flush=True)
    elif args.verbose:
        print(f"ok {res['name']} (exit {res.get('rc')}, {res['seconds']:.1f} s): {' | '.join(res['what'])}", flush=True)


def report(results, skipped, args, seconds):
    failed = [r for r in results if r["findings"] or r.get("error")]
    passed = len(results) - len(failed)
    counts = {c: 0 for c in CLASSES}
    for r in results:
        for c in {c for c, _ in r["findings"]}:
            counts[c] += 1
    errors = sum(1 for r in results if r.get("error"))
    by_class = ", ".join([f"{c}: {n}" for c, n in counts.items() if n] + ([f"HARNESS: {errors}"] if errors else [])) \
        or "none"
    extra = f"; {skipped} random cases not run (time limit)" if skipped else ""
    print(f"fuzz: {len(results)} cases in {seconds:.0f} s (seed {args.seed}); failing cases by class: {by_class}{extra}")
    print(f"{passed} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
