"""Shared by the layout checks and the screenshots: the kinds of page of a built site (so
that a check can cover every kind without visiting every page of both versions), loading a
page opened from disk, and hyphenation as a phone's browser does it."""
import pathlib

# Listing folders whose second level is a filter (facet), not one item.
FACETS = {"form", "role", "year", "tag", "level", "municipality"}


def kind(rel: pathlib.PurePath) -> str:
    """The kind of a page by its path inside one version: `home`, `404`, `cases`,
    `cases/facet`, `cases/item`, `news/page`, `kak-stat-nastavnikom` (a page of its own)…"""
    parts = rel.parts
    if parts and parts[0] == "sv":
        parts = parts[1:]
    if parts == ("index.html",):
        return "home"
    if len(parts) == 1:
        return parts[0].removesuffix(".html")
    top = parts[0]
    if len(parts) == 2:
        return top
    if top in ("cases", "practices") and parts[1] in FACETS:
        return top + "/facet"
    if top == "news" and parts[1] == "page":
        return "news/page"
    return top + "/item"


def pages(site: pathlib.Path, vision_sample: bool = False) -> list[pathlib.Path]:
    """Every page of the normal version and, for sv/, every page or (vision_sample) the first
    page of each kind."""
    found = sorted(site.rglob("*.html"))
    normal = [p for p in found if p.relative_to(site).parts[0] != "sv"]
    vision = [p for p in found if p.relative_to(site).parts[0] == "sv"]
    if vision_sample:
        seen, sample = set(), []
        for p in vision:
            k = kind(p.relative_to(site))
            if k not in seen:
                seen.add(k)
                sample.append(p)
        vision = sample
    return normal + vision


def one_of_each(site: pathlib.Path) -> dict[str, pathlib.Path]:
    """The first page of each kind of the normal version, by kind."""
    out: dict[str, pathlib.Path] = {}
    for p in sorted(site.rglob("*.html")):
        rel = p.relative_to(site)
        if rel.parts[0] == "sv":
            continue
        out.setdefault(kind(rel), p)
    return out


def serve_absolute(page, *sites: pathlib.Path) -> None:
    """Lets a page opened from disk load what it names by an absolute path (the 404 page
    does, as a server shows it at any address): /<base path>/assets/site.css is looked up
    in the site folders, dropping leading folders of the path until a file is found."""
    import urllib.parse

    def handler(route):
        path = urllib.parse.unquote(urllib.parse.urlparse(route.request.url).path)
        if not pathlib.Path(path).exists():
            parts = pathlib.PurePosixPath(path).parts[1:]
            for i in range(len(parts)):
                for site in sites:
                    candidate = site.joinpath(*parts[i:])
                    if candidate.is_file():
                        return route.fulfill(path=str(candidate))
        return route.continue_()

    page.route("file:///**", handler)


# What a browser with a Russian hyphenation dictionary does where CSS asks for hyphens:auto:
# soft hyphens at the syllable boundaries of a simple, cautious rule set (P. Khristov's),
# which finds fewer points than a browser's patterns do. Run once, before the check switches
# automatic hyphenation off, so that the result does not depend on the browser's dictionaries.
HYPHENATE = """() => {
  const V = 'аеёиоуыэюя', C = 'бвгджзклмнпрстфхцчшщ', X = 'йъь', A = V + C + X;
  const v = '[' + V + ']', c = '[' + C + ']', x = '[' + X + ']', a = '[' + A + ']';
  const rule = [[x, a + a], [v, v + a], [v + c, c + v], [c + v, c + v], [v + c, c + c + v], [v + c + c, c + c + v]]
    .map(([l, r]) => '(?<=' + l + ')(?=' + r + ')').join('|');
  const points = new RegExp(rule, 'gi');
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const auto = new Map();
  let n, count = 0;
  const nodes = [];
  while ((n = walker.nextNode())) nodes.push(n);
  for (n of nodes) {
    const p = n.parentElement;
    if (!p) continue;
    if (!auto.has(p)) {
      // hyphenate-limit-chars: the shortest word, the fewest letters before and after a break
      // (auto: 5, 2, 2, as Chromium has it).
      const s = getComputedStyle(p);
      const on = (s.hyphens === 'auto' || s.webkitHyphens === 'auto') && /^ru\\b/i.test(p.closest('[lang]')?.lang || '');
      const limits = (s.hyphenateLimitChars || 'auto').split(' ');
      const limit = (i, d) => /^\\d+$/.test(limits[i] || '') ? +limits[i] : d;
      auto.set(p, on ? [limit(0, 5), limit(1, 2), limit(2, 2)] : null);
    }
    const lim = auto.get(p);
    if (!lim) continue;
    const text = n.data.replace(/[а-яё]+/gi, w => {
      if (w.length < lim[0]) return w;
      const parts = w.replace(points, '\\u00AD').split('\\u00AD');
      let out = '', left = 0;
      parts.forEach((part, i) => {
        left += part.length;
        out += part;
        if (i < parts.length - 1 && left >= lim[1] && w.length - left >= lim[2]) out += '\\u00AD';
      });
      return out;
    });
    if (text !== n.data) { n.data = text; count++; }
  }
  return count;
}"""
