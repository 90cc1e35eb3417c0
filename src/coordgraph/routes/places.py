"""Country positions and outlines from the countryinfo package (no download at run time).

``anchor`` picks the point a map draws a State at: the package's reference point when
it lies inside the country, otherwise a point inside the outline; for a very large
country (Russia, Canada, the United States, China, Brazil, Australia, ...) the point
inside the country nearest to the places it is linked with, so Russia's point for a route
from Moldova sits in European Russia, not in Siberia.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any

from shapely.geometry import MultiPolygon, Point, Polygon, box
from shapely.geometry.base import BaseGeometry
from shapely.ops import nearest_points

__all__ = ["anchor", "centroid", "countries_in", "outline", "shape", "subregion"]

#: Positions for territories countryinfo does not cover (longitude, latitude).
_EXTRA = {"XKX": (20.9, 42.6)}

#: Above this area (square degrees) a country is "large": its anchor follows its links.
LARGE = 250.0


@functools.cache
def _table() -> dict[str, dict[str, Any]]:
    import countryinfo

    out: dict[str, dict[str, Any]] = {}
    for c in countryinfo.all_countries():
        data = c.info()
        code = (data.get("ISO") or {}).get("alpha3")
        if code and code not in out:
            out[str(code)] = dict(data)
    return out


def _info(code: str) -> dict[str, Any] | None:
    return _table().get(code)


def subregion(code: str) -> str | None:
    """The sub-region countryinfo gives a country (``Western Asia``), or None."""
    info = _info(code)
    return str(info["subregion"]) if info and info.get("subregion") else None


def centroid(code: str) -> tuple[float, float] | None:
    """(longitude, latitude) the package gives for a country, or ``None`` when unknown."""
    if code in _EXTRA:
        return _EXTRA[code]
    latlng = (_info(code) or {}).get("latlng")
    if not latlng or len(latlng) != 2:
        return None
    return (float(latlng[1]), float(latlng[0]))


def outline(code: str) -> list[list[tuple[float, float]]]:
    """The country's outline rings (longitude, latitude), empty when unknown."""
    geo = (_info(code) or {}).get("geoJSON") or {}
    rings: list[list[tuple[float, float]]] = []
    for feature in geo.get("features") or []:
        geom = feature.get("geometry") or {}
        coords = geom.get("coordinates") or []
        polys = [coords] if geom.get("type") == "Polygon" else coords
        for poly in polys:
            if poly and len(poly[0]) >= 3:
                rings.append([(float(x), float(y)) for x, y in poly[0]])
    return rings


@functools.cache
def shape(code: str) -> BaseGeometry | None:
    """The country as a shapely (multi)polygon, or ``None`` without an outline."""
    polys = [Polygon(r).buffer(0) for r in outline(code)]
    polys = [p for p in polys if not p.is_empty]
    if not polys:
        return None
    flat: list[Polygon] = []
    for p in polys:
        flat.extend(p.geoms if isinstance(p, MultiPolygon) else [p])
    return MultiPolygon(flat) if len(flat) > 1 else flat[0]


def countries_in(bounds: tuple[float, float, float, float]) -> list[str]:
    """Codes of every country whose outline meets ``(west, south, east, north)``."""
    view = box(*bounds)
    return sorted(
        code for code in _table() if (s := shape(code)) is not None and s.intersects(view)
    )


def anchor(code: str, toward: Iterable[tuple[float, float]] = ()) -> tuple[float, float] | None:
    """The point to draw ``code`` at, inside its outline (see the module docstring)."""
    ref = centroid(code)
    s = shape(code)
    if s is None:
        return ref
    partners = list(toward)
    if s.area > LARGE and partners:
        target = Point(
            sum(p[0] for p in partners) / len(partners),
            sum(p[1] for p in partners) / len(partners),
        )
        main = max(getattr(s, "geoms", [s]), key=lambda g: g.area)
        inner = main.buffer(-min(4.0, main.area**0.5 * 0.12))
        region = inner if not inner.is_empty else main
        p = nearest_points(region, target)[0]
        return (float(p.x), float(p.y))
    if ref is not None and s.contains(Point(ref)):
        return ref
    main = max(getattr(s, "geoms", [s]), key=lambda g: g.area)
    p = main.representative_point()
    return (float(p.x), float(p.y))
