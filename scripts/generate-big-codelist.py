#!/usr/bin/env python3
"""Copies the Alliance's structures with CL_AREA grown to N codes (random ids of 3 to 8 letters
and digits, each with a name), for measuring how idac copes with very large code lists.

    scripts/generate-big-codelist.py OUTPUT_DIR [--codes 1000000] [--seed 1]

The structures land in OUTPUT_DIR (give it to idac with --structure OUTPUT_DIR); nothing big is kept
in the repository."""
import argparse
import os
import random
import shutil
import string

here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Schemas")
parser = argparse.ArgumentParser()
parser.add_argument("output")
parser.add_argument("--codes", type=int, default=1_000_000)
parser.add_argument("--seed", type=int, default=1)
arguments = parser.parse_args()
os.makedirs(arguments.output, exist_ok=True)
for name in os.listdir(here):
    if name.endswith(".xml") and name != "IDAC_CODELISTS.xml":
        shutil.copy(os.path.join(here, name), os.path.join(arguments.output, name))
text = open(os.path.join(here, "IDAC_CODELISTS.xml"), encoding="utf-8").read()
start = text.index('id="CL_AREA"')
anchor = text.index("<str:Code ", start)
existing = set()
close = text.index("</str:Codelist>", start)
for part in text[anchor:close].split('<str:Code id="')[1:]:
    existing.add(part.split('"')[0])
rng = random.Random(arguments.seed)
alphabet = string.ascii_uppercase + string.digits
codes = []
while len(codes) < arguments.codes:
    code = rng.choice(string.ascii_uppercase) + "".join(rng.choice(alphabet) for _ in range(rng.randint(2, 7)))
    if code not in existing:
        existing.add(code)
        codes.append(f'        <str:Code id="{code}">\n          <com:Name xml:lang="en">Area {code}</com:Name>\n        </str:Code>\n')
with open(os.path.join(arguments.output, "IDAC_CODELISTS.xml"), "w", encoding="utf-8") as out:
    out.write(text[:anchor])
    out.writelines(codes)
    out.write(text[anchor:])
