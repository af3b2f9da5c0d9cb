#!/usr/bin/env python3
"""Writes a synthetic, valid Alliance submission of N observations, for memory and speed measurements.

    python3 scripts/generate-submission.py --observations 1000000 --format xml > big.xml
    python3 scripts/generate-submission.py --observations 1000000 --format csv > big.csv

Quarterly series of first-time asylum applications for sexes F, M and _T (= F + M), by country of
origin, from 1990-Q1 on (then of two more flow indicators, beyond 7.4 million observations): every
structural check and rule passes, so the validator does all its work. `--seed` changes the values,
for files no earlier run has seen.
"""
import argparse
import itertools
import json
import sys

ISO_3166 = "/usr/share/iso-codes/json/iso_3166-1.json"
QUARTERS = 40


INDICATORS = ["MG_ASYLM_APPL_NEW", "MG_NEW_INTERNAL_DISP", "MG_RETURNED"]


def series_keys():
    with open(ISO_3166, encoding="utf-8") as handle:
        areas = sorted(c["alpha_3"] for c in json.load(handle)["3166-1"])
    for indicator in INDICATORS:
        for area, origin in itertools.product(areas, areas):
            if area != origin:
                yield indicator, area, origin


def periods():
    for index in range(QUARTERS):
        yield f"{1990 + index // 4}-Q{index % 4 + 1}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--observations", type=int, default=1_000_000)
    parser.add_argument("--format", choices=["xml", "generic", "csv"], default="xml")
    parser.add_argument("--seed", type=int, default=0, help="shifts every value (0 gives the published files)")
    args = parser.parse_args()
    out = sys.stdout
    remaining = args.observations
    if args.format == "generic":
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                  '<message:GenericData xmlns:message="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message" '
                  'xmlns:common="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common" '
                  'xmlns:generic="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/generic">\n'
                  '<message:Header><message:ID>SYNTHETIC</message:ID><message:Test>true</message:Test>'
                  '<message:Prepared>2025-01-01T00:00:00Z</message:Prepared><message:Sender id="IDAC"/>'
                  '<message:Structure structureID="S" dimensionAtObservation="TIME_PERIOD"><common:StructureUsage>'
                  '<Ref agencyID="IDAC" id="DF_CHILD_MIGRATION" version="1.0"/></common:StructureUsage>'
                  '</message:Structure></message:Header>\n<message:DataSet structureRef="S">\n')
    elif args.format == "xml":
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                  '<message:StructureSpecificData xmlns:message="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message" '
                  'xmlns:common="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common" '
                  'xmlns:data="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/structurespecific" '
                  'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                  'xmlns:ns1="urn:sdmx:org.sdmx.infomodel.datastructure.Dataflow=IDAC:DF_CHILD_MIGRATION(1.0):ObsLevelDim:TIME_PERIOD">\n'
                  '<message:Header><message:ID>SYNTHETIC</message:ID><message:Test>true</message:Test>'
                  '<message:Prepared>2025-01-01T00:00:00Z</message:Prepared><message:Sender id="IDAC"/>'
                  '<message:Structure structureID="S" dimensionAtObservation="TIME_PERIOD" '
                  'namespace="urn:sdmx:org.sdmx.infomodel.datastructure.Dataflow=IDAC:DF_CHILD_MIGRATION(1.0):ObsLevelDim:TIME_PERIOD">'
                  '<common:StructureUsage><Ref agencyID="IDAC" id="DF_CHILD_MIGRATION" version="1.0"/></common:StructureUsage>'
                  '</message:Structure></message:Header>\n<message:DataSet data:structureRef="S" xsi:type="ns1:DataSetType">\n')
    else:
        out.write("STRUCTURE,STRUCTURE_ID,ACTION,FREQ,REF_AREA,INDICATOR,COUNTRY_ORIGIN,SEX,AGE,ACCOMPANIMENT,"
                  "TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,UNIT_MULT,OBS_STATUS\n")
    for number, (indicator, area, origin) in enumerate(series_keys()):
        if remaining <= 0:
            break
        female = [(number * 7 + q * 13 + args.seed * 31) % 500 for q in range(QUARTERS)]
        male = [(number * 11 + q * 17 + args.seed * 37) % 500 for q in range(QUARTERS)]
        for sex, values in (("F", female), ("M", male), ("_T", [f + m for f, m in zip(female, male)])):
            if remaining <= 0:
                break
            if args.format == "xml":
                out.write(f'<Series FREQ="Q" REF_AREA="{area}" INDICATOR="{indicator}" COUNTRY_ORIGIN="{origin}" '
                          f'SEX="{sex}" AGE="Y0T17" ACCOMPANIMENT="_T" UNIT_MEASURE="PS" UNIT_MULT="0">\n')
            elif args.format == "generic":
                key = {"FREQ": "Q", "REF_AREA": area, "INDICATOR": indicator, "COUNTRY_ORIGIN": origin,
                       "SEX": sex, "AGE": "Y0T17", "ACCOMPANIMENT": "_T"}
                out.write('<generic:Series><generic:SeriesKey>'
                          + "".join(f'<generic:Value id="{k}" value="{v}"/>' for k, v in key.items())
                          + '</generic:SeriesKey><generic:Attributes><generic:Value id="UNIT_MEASURE" value="PS"/>'
                          '<generic:Value id="UNIT_MULT" value="0"/></generic:Attributes>\n')
            for period, value in zip(periods(), values):
                if remaining <= 0:
                    break
                remaining -= 1
                if args.format == "xml":
                    out.write(f'<Obs TIME_PERIOD="{period}" OBS_VALUE="{value}" OBS_STATUS="A"/>\n')
                elif args.format == "generic":
                    out.write(f'<generic:Obs><generic:ObsDimension value="{period}"/><generic:ObsValue value="{value}"/>'
                              '<generic:Attributes><generic:Value id="OBS_STATUS" value="A"/></generic:Attributes></generic:Obs>\n')
                else:
                    out.write(f"dataflow,IDAC:DF_CHILD_MIGRATION(1.0),I,Q,{area},{indicator},{origin},{sex},"
                              f"Y0T17,_T,{period},{value},PS,0,A\n")
            if args.format == "xml":
                out.write("</Series>\n")
            elif args.format == "generic":
                out.write("</generic:Series>\n")
    if args.format == "xml":
        out.write("</message:DataSet>\n</message:StructureSpecificData>\n")
    elif args.format == "generic":
        out.write("</message:DataSet>\n</message:GenericData>\n")


if __name__ == "__main__":
    main()
