#!/usr/bin/env python3
"""Writes build/choropleth/ for `make bench`'s choropleth: the default places plus 3,000
generated areas that tile the region as counties do (neighbours share every border vertex),
and values.csv, a rate and a count for each, made deterministically so every run measures the
same thing. Test data: no reader sees these figures.
"""
import json
import math
import os
import random

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "build", "choropleth")
COLUMNS, ROWS, STEPS = 60, 50, 4
WEST, SOUTH, EAST, NORTH = 113.6, 36.1, 119.8, 42.5


def main():
    rnd = random.Random(25)
    dx, dy = (EAST - WEST) / COLUMNS, (NORTH - SOUTH) / ROWS
    # Corners jittered once, so that both areas either side of an edge share its vertices;
    # each edge bends through STEPS − 1 points that depend only on the edge.
    corner = {(c, r): (WEST + c * dx + (rnd.uniform(-0.25, 0.25) * dx if 0 < c < COLUMNS else 0),
                       SOUTH + r * dy + (rnd.uniform(-0.25, 0.25) * dy if 0 < r < ROWS else 0))
              for c in range(COLUMNS + 1) for r in range(ROWS + 1)}

    def edge(a, b):
        """The points from corner a to corner b (a excluded), the same either way round."""
        key = (min(a, b), max(a, b))
        (x0, y0), (x1, y1) = corner[key[0]], corner[key[1]]
        pts = []
        for s in range(1, STEPS):
            t = s / STEPS
            bend = 0.08 * math.sin(7 * t + key[0][0] * 1.3 + key[0][1] * 0.7)
            pts.append((x0 + (x1 - x0) * t - (y1 - y0) * bend, y0 + (y1 - y0) * t + (x1 - x0) * bend))
        pts.append(corner[key[1]])
        if key != (a, b):
            pts = list(reversed(pts[:-1])) + [corner[b]]
        return pts

    with open(os.path.join(ROOT, "data", "places.geojson"), encoding="utf-8") as f:
        fc = json.load(f)
    rows = ["id,rate,jobs"]
    for k in range(COLUMNS * ROWS):
        c, r = k % COLUMNS, k // COLUMNS
        corners = [(c, r), (c + 1, r), (c + 1, r + 1), (c, r + 1)]  # counter-clockwise
        ring = [corner[corners[0]]]
        for i in range(4):
            ring += edge(corners[i], corners[(i + 1) % 4])
        ring = [[round(x, 5), round(y, 5)] for x, y in ring]
        fc["features"].append({
            "type": "Feature",
            "properties": {"id": f"area-{k}", "kind": "counties",
                           "name_zh": f"区{k}", "name_en": f"Area {k}"},
            "geometry": {"type": "Polygon", "coordinates": [ring]},
        })
        rate = round(rnd.lognormvariate(1.6, 0.35) + 0.4 * math.sin(c / 9) * math.cos(r / 7), 1)
        rows.append(f"area-{k},{rate},{int(rnd.lognormvariate(7, 1.2))}")
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "places.geojson"), "w", encoding="utf-8") as f:
        json.dump(fc, f, ensure_ascii=False, separators=(",", ":"))
    with open(os.path.join(OUT, "values.csv"), "w", encoding="utf-8") as f:
        f.write("\n".join(rows) + "\n")
    print(f"choropleth_data: wrote build/choropleth/: {len(fc['features'])} features, {COLUMNS * ROWS} figures")


if __name__ == "__main__":
    main()
