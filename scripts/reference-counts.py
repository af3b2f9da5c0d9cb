#!/usr/bin/env python3
"""Counts the observations of SDMX data files with the `sdmx1` Python package, an independent
reader, to check idac's counts against (the tests keep the figures it printed).

    python3 -m venv .venv && .venv/bin/pip install sdmx1
    .venv/bin/python scripts/reference-counts.py ../shared/corpus FILE...

Zip archives are opened and each entry counted, as idac does (sdmx1 does not read zip itself).
"""
import io
import os
import sys
import zipfile

import sdmx


def count(message):
    return sum(len(data_set.obs) for data_set in getattr(message, "data", []))


def main():
    base, paths = sys.argv[1], sys.argv[2:]
    for path in paths:
        name = os.path.relpath(path, base)
        try:
            if zipfile.is_zipfile(path):
                with zipfile.ZipFile(path) as archive:
                    for entry in archive.namelist():
                        print(f"{name}!{entry}\t{count(sdmx.read_sdmx(io.BytesIO(archive.read(entry)), format='XML'))}")
            else:
                print(f"{name}\t{count(sdmx.read_sdmx(path))}")
        except Exception as error:  # a file sdmx1 cannot read is reported, not fatal
            print(f"{name}\tERROR {type(error).__name__}: {error}")


if __name__ == "__main__":
    main()
