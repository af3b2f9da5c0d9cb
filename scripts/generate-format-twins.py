#!/usr/bin/env python3
"""Writes the same Alliance submission in every format idac reads, valid and with faults, into
Tests/Fixtures/twins/. The tests check that each twin gives exactly the findings of the SDMX-ML 2.1
structure-specific one. Run from the repository root after changing the data below:

    python3 scripts/generate-format-twins.py
"""
import json
import os
from xml.sax.saxutils import quoteattr

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "Fixtures", "twins")
DIMENSIONS = ["FREQ", "REF_AREA", "INDICATOR", "COUNTRY_ORIGIN", "SEX", "AGE", "ACCOMPANIMENT"]
SERIES_ATTRIBUTES = ["UNIT_MEASURE", "UNIT_MULT"]
FLOW = "IDAC:DF_CHILD_MIGRATION(1.0)"


def series(freq, area, origin, sex, observations, unit_mult="0"):
    key = dict(zip(DIMENSIONS, [freq, area, "MG_RFGS_CNTRY_ASYLM", origin, sex, "Y0T17", "_T"]))
    return {"key": key, "attributes": {"UNIT_MEASURE": "PS", "UNIT_MULT": unit_mult}, "observations": observations}


def obs(period, value, status="A"):
    return {"TIME_PERIOD": period, "OBS_VALUE": value, "OBS_STATUS": status}


VALID = [
    series("Q", "UGA", "SSD", "F", [obs("2024-Q1", "120100"), obs("2024-Q2", "121000")]),
    series("Q", "UGA", "SSD", "M", [obs("2024-Q1", "118900"), obs("2024-Q2", "119500")]),
    series("Q", "UGA", "SSD", "_T", [obs("2024-Q1", "239000"), obs("2024-Q2", "240500", "P")]),
]

INVALID = [
    series("Q", "UG", "SSD", "F", [obs("2024-Q1", "120100")]),                        # INVALID_CODE
    series("Q", "UGA", "SSD", "", [obs("2024-Q1", "118900")]),                        # MISSING_DIMENSION
    series("Q", "UGA", "COD", "_T", [obs("2024-Q1", "12a"),                           # INVALID_VALUE
                                     obs("2024-13", "40010"),                         # INVALID_TIME_PERIOD
                                     obs("2024-Q2", "41000", ""),                     # MISSING_ATTRIBUTE
                                     obs("2024-Q3", "-5"),                            # RULE_VIOLATION
                                     obs("2024-Q4", "41500"), obs("2024-Q4", "41600")]),  # DUPLICATE_OBSERVATION
    series("M", "UGA", "BDI", "_T", [obs("2024-07", "230")]),                         # CONSTRAINT_VIOLATION
]


def header_21(namespace_usage=True):
    return ('<message:Header><message:ID>TWIN</message:ID><message:Test>true</message:Test>'
            '<message:Prepared>2025-01-01T00:00:00Z</message:Prepared><message:Sender id="UBOS"/>'
            '<message:Structure structureID="S1" dimensionAtObservation="TIME_PERIOD"><common:StructureUsage>'
            '<Ref agencyID="IDAC" id="DF_CHILD_MIGRATION" version="1.0"/></common:StructureUsage></message:Structure>'
            '</message:Header>\n')


def attrs(values):
    return " ".join(f"{k}={quoteattr(v)}" for k, v in values.items())


def structure_specific(data, version):
    ns = f"http://www.sdmx.org/resources/sdmxml/schemas/v{version}"
    out = (f'<?xml version="1.0" encoding="UTF-8"?>\n<message:StructureSpecificData xmlns:message="{ns}/message" '
           f'xmlns:common="{ns}/common" xmlns:ss="{ns}/data/structurespecific">\n')
    if version == "2_1":
        out += header_21()
    else:
        out += ('<message:Header><message:ID>TWIN</message:ID><message:Test>true</message:Test>'
                '<message:Prepared>2025-01-01T00:00:00Z</message:Prepared><message:Sender id="UBOS"/>'
                '<message:Structure structureID="S1" dimensionAtObservation="TIME_PERIOD"><common:StructureUsage>'
                'urn:sdmx:org.sdmx.infomodel.datastructure.Dataflow=IDAC:DF_CHILD_MIGRATION(1.0)</common:StructureUsage>'
                '</message:Structure></message:Header>\n')
    out += '<message:DataSet ss:structureRef="S1">\n'
    for s in data:
        out += f'<Series {attrs({**s["key"], **s["attributes"]})}>\n'
        for o in s["observations"]:
            out += f'<Obs {attrs({k: v for k, v in o.items() if v != "" or k != "OBS_STATUS"})}/>\n'
        out += '</Series>\n'
    return out + '</message:DataSet>\n</message:StructureSpecificData>\n'


def generic_21(data):
    out = ('<?xml version="1.0" encoding="UTF-8"?>\n<message:GenericData '
           'xmlns:message="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message" '
           'xmlns:common="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common" '
           'xmlns:generic="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/generic">\n')
    out += header_21() + '<message:DataSet structureRef="S1">\n'
    for s in data:
        out += '<generic:Series><generic:SeriesKey>'
        out += "".join(f'<generic:Value id="{k}" value={quoteattr(v)}/>' for k, v in s["key"].items())
        out += '</generic:SeriesKey><generic:Attributes>'
        out += "".join(f'<generic:Value id="{k}" value={quoteattr(v)}/>' for k, v in s["attributes"].items())
        out += '</generic:Attributes>\n'
        for o in s["observations"]:
            out += (f'<generic:Obs><generic:ObsDimension value={quoteattr(o["TIME_PERIOD"])}/>'
                    f'<generic:ObsValue value={quoteattr(o["OBS_VALUE"])}/>')
            if o["OBS_STATUS"]:
                out += f'<generic:Attributes><generic:Value id="OBS_STATUS" value={quoteattr(o["OBS_STATUS"])}/></generic:Attributes>'
            out += '</generic:Obs>\n'
        out += '</generic:Series>\n'
    return out + '</message:DataSet>\n</message:GenericData>\n'


def compact_20(data):
    out = ('<?xml version="1.0" encoding="UTF-8"?>\n<CompactData xmlns="http://www.SDMX.org/resources/SDMXML/schemas/v2_0/message" '
           'xmlns:ns="urn:sdmx:org.sdmx.infomodel.keyfamily.KeyFamily=IDAC:DSD_CHILD_MIGRATION:compact">\n'
           '<Header><ID>TWIN</ID><Test>true</Test><Prepared>2025-01-01T00:00:00</Prepared><Sender id="UBOS"/></Header>\n'
           '<ns:DataSet>\n')
    for s in data:
        out += f'<ns:Series {attrs({**s["key"], **s["attributes"]})}>\n'
        for o in s["observations"]:
            out += f'<ns:Obs {attrs({k: v for k, v in o.items() if v != "" or k != "OBS_STATUS"})}/>\n'
        out += '</ns:Series>\n'
    return out + '</ns:DataSet>\n</CompactData>\n'


def generic_20(data):
    out = ('<?xml version="1.0" encoding="UTF-8"?>\n<GenericData xmlns="http://www.SDMX.org/resources/SDMXML/schemas/v2_0/message" '
           'xmlns:generic="http://www.SDMX.org/resources/SDMXML/schemas/v2_0/generic">\n'
           '<Header><ID>TWIN</ID><Test>true</Test><Prepared>2025-01-01T00:00:00</Prepared><Sender id="UBOS"/>'
           '<KeyFamilyRef>DSD_CHILD_MIGRATION</KeyFamilyRef><KeyFamilyAgency>IDAC</KeyFamilyAgency></Header>\n<DataSet>\n')
    for s in data:
        out += '<generic:Series><generic:SeriesKey>'
        out += "".join(f'<generic:Value concept="{k}" value={quoteattr(v)}/>' for k, v in s["key"].items())
        out += '</generic:SeriesKey><generic:Attributes>'
        out += "".join(f'<generic:Value concept="{k}" value={quoteattr(v)}/>' for k, v in s["attributes"].items())
        out += '</generic:Attributes>\n'
        for o in s["observations"]:
            out += f'<generic:Obs><generic:Time>{o["TIME_PERIOD"]}</generic:Time><generic:ObsValue value={quoteattr(o["OBS_VALUE"])}/>'
            if o["OBS_STATUS"]:
                out += f'<generic:Attributes><generic:Value concept="OBS_STATUS" value={quoteattr(o["OBS_STATUS"])}/></generic:Attributes>'
            out += '</generic:Obs>\n'
        out += '</generic:Series>\n'
    return out + '</DataSet>\n</GenericData>\n'


COLUMNS = DIMENSIONS + ["TIME_PERIOD", "OBS_VALUE"] + SERIES_ATTRIBUTES + ["OBS_STATUS"]


def rows(data):
    for s in data:
        for o in s["observations"]:
            values = {**s["key"], **s["attributes"], **o}
            yield [values[c] for c in COLUMNS]


def csv_20(data, separator=","):
    lines = [separator.join(["STRUCTURE", "STRUCTURE_ID", "ACTION"] + COLUMNS)]
    for row in rows(data):
        if separator == ";":
            row = [v.replace(".", ",") if v.replace(".", "").lstrip("-").isdigit() else v for v in row]
        lines.append(separator.join(["dataflow", FLOW, "I"] + row))
    return "\r\n".join(lines) + "\r\n"


def csv_10(data):
    lines = [",".join(["DATAFLOW"] + COLUMNS)] + [",".join([FLOW] + row) for row in rows(data)]
    return "\n".join(lines) + "\n"


def country(data):
    lines = ["Alliance test extract", ";".join(COLUMNS)] + [";".join(row) for row in rows(data)]
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


def sdmx_json(data, version):
    """SDMX-JSON, values given by their index in the structure's lists, the structure *after* the
    datasets (as idac's writer puts it) so that the reader's second pass is what finds the values.
    2.0 in series form (an observation per line); 1.0 flat, every dimension in the observation's key."""
    flat = version == "1.0"
    series_dims = [] if flat else DIMENSIONS
    obs_dims = DIMENSIONS + ["TIME_PERIOD"] if flat else ["TIME_PERIOD"]
    series_attrs = [] if flat else SERIES_ATTRIBUTES
    obs_attrs = SERIES_ATTRIBUTES + ["OBS_STATUS"] if flat else ["OBS_STATUS"]
    lists = {}

    def index(component, value):
        values = lists.setdefault(component, [])
        if value not in values:
            values.append(value)
        return values.index(value)

    def key(components, values):
        return ":".join(str(index(c, values[c])) for c in components)

    def attributes(components, values):
        return [None if values[c] == "" else index(c, values[c]) for c in components]

    def measure(value):
        try:
            float(value)
            return value
        except ValueError:
            return json.dumps(value)

    lines = []
    if flat:
        for s in data:
            for o in s["observations"]:
                values = {**s["key"], **s["attributes"], **o}
                items = [measure(o["OBS_VALUE"])] + [json.dumps(a) for a in attributes(obs_attrs, values)]
                lines.append(f'"{key(obs_dims, values)}":[{",".join(items)}]')
        body = '"observations":{\n' + ",\n".join(lines) + "\n}"
    else:
        for s in data:
            values = {**s["key"], **s["attributes"]}
            observations = []
            for o in s["observations"]:
                items = [measure(o["OBS_VALUE"])] + [json.dumps(a) for a in attributes(obs_attrs, o)]
                observations.append(f'"{key(obs_dims, o)}":[{",".join(items)}]')
            lines.append(f'"{key(series_dims, values)}":{{"attributes":{json.dumps(attributes(series_attrs, values))},'
                         f'"observations":{{\n' + ",\n".join(observations) + "}}")
        body = '"series":{\n' + ",\n".join(lines) + "\n}"

    def components(ids):
        return [{"id": c, "name": c, "values": [{"id": v, "name": v} if v else {"value": v}
                                                for v in lists.get(c, [])]} for c in ids]

    urn = "urn:sdmx:org.sdmx.infomodel.datastructure.Dataflow=IDAC:DF_CHILD_MIGRATION(1.0)"
    structure = {
        "links": [{"rel": "dataflow", "urn": urn}],
        "dimensions": {"dataSet": [], "series": components(series_dims), "observation": components(obs_dims)},
        "attributes": {"dataSet": [], "series": components(series_attrs), "observation": components(obs_attrs)},
    }
    if flat:
        head = '{"header":{"id":"TWIN","test":true,"prepared":"2025-01-01T00:00:00Z","sender":{"id":"UBOS"}},\n'
        return (head + '"dataSets":[{"action":"Information",' + body + '}],\n"structure":'
                + json.dumps(structure) + "}\n")
    structure["measures"] = {"observation": [{"id": "OBS_VALUE", "name": "Observation value"}]}
    head = ('{"meta":{"schema":"https://raw.githubusercontent.com/sdmx-twg/sdmx-json/master/data-message/tools/'
            'schemas/2.0.0/sdmx-json-data-schema.json","id":"TWIN","test":true,"prepared":"2025-01-01T00:00:00Z",'
            '"sender":{"id":"UBOS"}},\n"data":{')
    return (head + '"dataSets":[{"structure":0,"action":"Information",' + body + '}],\n"structures":['
            + json.dumps(structure) + "]}}\n")


PROFILE = {
    "dataflow": FLOW, "encoding": "Windows-1252", "delimiter": ";", "decimal": ",", "skipRows": 1,
    "columns": {c: c for c in COLUMNS},
}


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, data in (("valid", VALID), ("invalid", INVALID)):
        files = {
            f"{name}.ss21.xml": structure_specific(data, "2_1"),
            f"{name}.generic21.xml": generic_21(data),
            f"{name}.ss30.xml": structure_specific(data, "3_0"),
            f"{name}.compact20.xml": compact_20(data),
            f"{name}.generic20.xml": generic_20(data),
            f"{name}.csv20.csv": csv_20(data),
            f"{name}.csv20-semicolon.csv": csv_20(data, ";"),
            f"{name}.csv10.csv": csv_10(data),
            f"{name}.json20.json": sdmx_json(data, "2.0"),
            f"{name}.json10-flat.json": sdmx_json(data, "1.0"),
        }
        for file_name, text in files.items():
            with open(os.path.join(OUT, file_name), "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
        with open(os.path.join(OUT, f"{name}.country.csv"), "wb") as handle:
            handle.write(country(data))
    with open(os.path.join(OUT, "country-profile.json"), "w", encoding="utf-8") as handle:
        json.dump(PROFILE, handle, indent=2)
        handle.write("\n")


if __name__ == "__main__":
    main()
