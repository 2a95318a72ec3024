#!/usr/bin/env python3
"""Writes build/stress/places.geojson for `make bench`: the default places plus 1,000 generated
wavy polygons of 1,000 positions each over the region (over 1,000,000 positions in all),
made deterministically so every run measures the same data. Valid under `jingjinji-map check`.
"""
import json
import math
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "build", "stress", "places.geojson")
COLUMNS, ROWS, VERTICES = 25, 40, 1000
WEST, SOUTH, EAST, NORTH = 113.6, 36.1, 119.8, 42.5


def wavy_ring(cx, cy, rx, ry, k):
    """A closed, counter-clockwise ring around (cx, cy) whose radius wobbles."""
    ring = []
    for i in range(VERTICES - 1):
        a = 2 * math.pi * i / (VERTICES - 1)
        r = 1 + 0.18 * math.sin(7 * a + k) + 0.07 * math.sin(23 * a + 2 * k)
        ring.append([round(cx + rx * r * math.cos(a), 5), round(cy + ry * r * math.sin(a), 5)])
    ring.append(ring[0])
    return ring


def main():
    with open(os.path.join(ROOT, "data", "places.geojson"), encoding="utf-8") as f:
        fc = json.load(f)
    dx, dy = (EAST - WEST) / COLUMNS, (NORTH - SOUTH) / ROWS
    for k in range(COLUMNS * ROWS):
        c, r = k % COLUMNS, k // COLUMNS
        ring = wavy_ring(WEST + (c + 0.5) * dx, SOUTH + (r + 0.5) * dy, 0.36 * dx, 0.36 * dy, k)
        fc["features"].append({
            "type": "Feature",
            "properties": {"id": f"stress-{k}", "kind": "counties",
                           "name_zh": f"测试{k}", "name_en": f"Stress {k}"},
            "geometry": {"type": "Polygon", "coordinates": [ring]},
        })
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(fc, f, ensure_ascii=False, separators=(",", ":"))
    positions = sum(len(ring) for ft in fc["features"] if ft["geometry"]["type"] != "Point"
                    for poly in ([ft["geometry"]["coordinates"]] if ft["geometry"]["type"] == "Polygon"
                                 else ft["geometry"]["coordinates"]) for ring in poly)
    print(f"stress_data: wrote {os.path.relpath(OUT, ROOT)}: {len(fc['features'])} features, "
          f"{positions} positions, {os.path.getsize(OUT)} bytes")


if __name__ == "__main__":
    main()
