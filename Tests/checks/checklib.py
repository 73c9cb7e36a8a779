"""Shared by the site checks: the browser they use and the way they report."""
import os
import shutil

CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/snap/bin/chromium"]


def launch(pw):
    """Headless Chromium: Debian's package (or $CHROMIUM), never a download."""
    path = os.environ.get("CHROMIUM") or next((p for p in CANDIDATES if os.path.exists(p)), None) or shutil.which("chromium")
    if not path:
        raise SystemExit("Chromium не найден: поставьте пакет chromium или укажите путь в переменной CHROMIUM")
    # --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
    return pw.chromium.launch(executable_path=path, args=["--no-sandbox"])


def report(problems, title):
    """Prints every problem and a one-line total; the exit code for `sys.exit`."""
    for p in problems:
        print(p)
    print(f"{title}: нарушений {len(problems)}")
    return 1 if problems else 0
