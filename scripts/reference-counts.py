#!/usr/bin/env python3
"""Counts the observations of SDMX data files with the `sdmx1` Python package, an independent
reader, to check idac's counts against (the tests keep the figures it printed).

    python3 -m venv .venv && .venv/bin/pip install sdmx1
    .venv/bin/python scripts/reference-counts.py ../shared/corpus FILE...

Zip archives are opened and each entry counted, as idac does (sdmx1 does not read zip itself).

SDMX-JSON: sdmx1 reads 1.0 only, pysdmx some of 2.0. A JSON file neither reads is counted with
Python's json module (the observations of each dataset's series and flat `observations`), and the
line gets a third column saying so and why the two packages could not read it.
"""
import io
import json
import os
import sys
import zipfile

import sdmx


def count(message):
    return sum(len(data_set.obs) for data_set in getattr(message, "data", []))


def count_json(path):
    """sdmx1, else pysdmx, else the JSON's own observations; the third value says which failed and why."""
    failures = []
    try:
        return count(sdmx.read_sdmx(path)), None
    except Exception as error:
        failures.append(f"sdmx1: {type(error).__name__}: {error}")
    try:
        from pysdmx.io import read_sdmx as read_pysdmx

        return sum(len(d.data) for d in read_pysdmx(path).data), None
    except Exception as error:
        failures.append(f"pysdmx: {type(error).__name__}: {error}")
    with open(path, encoding="utf-8") as handle:
        message = json.load(handle)
    data = message.get("data", message)
    total = 0
    for data_set in data.get("dataSets", []):
        total += len(data_set.get("observations", {}))
        total += sum(len(s.get("observations", {})) for s in data_set.get("series", {}).values())
    return total, "counted by json (" + "; ".join(f.replace("\t", " ").replace("\n", " ")[:120] for f in failures) + ")"


def main():
    base, paths = sys.argv[1], sys.argv[2:]
    for path in paths:
        name = os.path.relpath(path, base)
        try:
            if zipfile.is_zipfile(path):
                with zipfile.ZipFile(path) as archive:
                    for entry in archive.namelist():
                        print(f"{name}!{entry}\t{count(sdmx.read_sdmx(io.BytesIO(archive.read(entry)), format='XML'))}")
            elif path.endswith(".json"):
                observations, note = count_json(path)
                print(f"{name}\t{observations}" + (f"\t{note}" if note else ""))
            else:
                print(f"{name}\t{count(sdmx.read_sdmx(path))}")
        except Exception as error:  # a file sdmx1 cannot read is reported, not fatal
            print(f"{name}\tERROR {type(error).__name__}: {error}")


if __name__ == "__main__":
    main()
