"""Country positions and outlines from the countryinfo package (no download at run time)."""

from __future__ import annotations

import functools
from typing import Any

__all__ = ["centroid", "outline"]

#: Positions for territories countryinfo does not cover (longitude, latitude).
_EXTRA = {"XKX": (20.9, 42.6)}


@functools.cache
def _info(code: str) -> dict[str, Any] | None:
    import pycountry
    from countryinfo import CountryInfo

    c = pycountry.countries.get(alpha_3=code)
    if c is None:
        return None
    for name in (getattr(c, "common_name", None), c.name, getattr(c, "official_name", None)):
        if not name:
            continue
        try:
            data = CountryInfo(name).info()
        except (KeyError, AttributeError):
            continue
        if data:
            return dict(data)
    return None


def centroid(code: str) -> tuple[float, float] | None:
    """(longitude, latitude) of a country, or ``None`` when unknown."""
    if code in _EXTRA:
        return _EXTRA[code]
    data = _info(code)
    latlng = (data or {}).get("latlng")
    if not latlng or len(latlng) != 2:
        return None
    return (float(latlng[1]), float(latlng[0]))


def outline(code: str) -> list[list[tuple[float, float]]]:
    """The country's outline rings (longitude, latitude), empty when unknown."""
    data = _info(code)
    geo = (data or {}).get("geoJSON") or {}
    features = geo.get("features") or []
    rings: list[list[tuple[float, float]]] = []
    for feature in features:
        geom = feature.get("geometry") or {}
        coords = geom.get("coordinates") or []
        polys = [coords] if geom.get("type") == "Polygon" else coords
        for poly in polys:
            if poly:
                rings.append([(float(x), float(y)) for x, y in poly[0]])
    return rings
