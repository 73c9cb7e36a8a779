"""Page kinds of a built site, so that the browser checks can cover every kind of page
without visiting every page of every version (the version for the visually impaired under
sv/ repeats the normal one with the same templates)."""
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
