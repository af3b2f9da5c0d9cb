#!/usr/bin/env python3
"""Generates the Alliance's SDMX-ML 2.1 structure messages in Schemas/ and embeds them in the binary.

The identifiers are fixed by the Alliance (see the README); names come from the real SDMX
cross-domain, UNICEF and UNHCR code lists, and the area list from ISO 3166-1 as shipped in
Debian's `iso-codes` package. Run it from the repository root after changing anything here:

    python3 scripts/generate-schemas.py

It writes Schemas/*.xml and Sources/AllianceSchemas/EmbeddedSchemas.swift; a test checks that the
two agree, so the embedded default can never drift from the published files.
"""
import json
import os
import sys
from xml.sax.saxutils import escape

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ISO_3166 = "/usr/share/iso-codes/json/iso_3166-1.json"
PREPARED = "2026-01-01T00:00:00Z"

NS = (
    'xmlns:mes="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message" '
    'xmlns:str="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/structure" '
    'xmlns:com="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common"'
)

# (agency, id, version, name, [(code, name)])
SDMX_CODELISTS = [
    ("SDMX", "CL_FREQ", "2.1", "Frequency", [
        ("A", "Annual"), ("S", "Half-yearly, semester"), ("Q", "Quarterly"),
        ("M", "Monthly"), ("W", "Weekly"), ("D", "Daily"),
    ]),
    ("SDMX", "CL_SEX", "2.1", "Sex", [
        ("F", "Female"), ("M", "Male"), ("_O", "Other"), ("_U", "Unknown"),
        ("_T", "Both sexes or no breakdown by sex"),
    ]),
    ("SDMX", "CL_OBS_STATUS", "2.2", "Observation status", [
        ("A", "Normal value"), ("B", "Time series break"), ("E", "Estimated value"),
        ("F", "Forecast value"), ("I", "Imputed value (CCSA definition)"),
        ("L", "Missing value; data exist but were not collected"),
        ("M", "Missing value; data cannot exist"), ("O", "Missing value"),
        ("P", "Provisional value"), ("Q", "Missing value; suppressed"),
        ("U", "Low reliability"), ("V", "Unvalidated value"),
    ]),
    ("SDMX", "CL_UNIT_MULT", "1.1", "Unit multiplier", [
        ("0", "Units"), ("3", "Thousands"), ("6", "Millions"),
    ]),
    ("SDMX", "CL_CONF_STATUS", "1.3", "Confidentiality status", [
        ("F", "Free"), ("C", "Confidential statistical information"),
        ("D", "Secondary confidentiality set by the sender, not for publication"),
        ("N", "Not for publication, restricted for internal use only"),
        ("S", "Secondary confidentiality set and managed by the receiver, free for publication"),
    ]),
]

AGE_CODES = [
    ("Y0T17", "Under 18 years old"), ("Y0T4", "Under 5 years old"), ("Y5T9", "5 to 9 years old"),
    ("Y10T14", "10 to 14 years old"), ("Y15T17", "15 to 17 years old"),
    ("Y5T11", "5 to 11 years old"), ("Y12T17", "12 to 17 years old"),
    ("Y0T13", "Under 14 years old"), ("Y14T17", "14 to 17 years old"),
    ("Y_GE18", "18 years old and over"), ("_T", "Total"), ("_U", "Unknown"),
]
# Bands that make up Y0T17, so that tools can read the hierarchy from the code list.
AGE_PARENTS = {"Y0T4": "Y0T17", "Y5T9": "Y0T17", "Y10T14": "Y0T17", "Y15T17": "Y0T17",
               "Y5T11": "Y0T17", "Y12T17": "Y0T17", "Y0T13": "Y0T17", "Y14T17": "Y0T17"}

MIGRATION_INDICATORS = [
    ("MG_INTNL_MG_CNTRY_DEST", "International migrant children, by country of destination (stock)"),
    ("MG_RFGS_CNTRY_ASYLM", "Refugee children, by country of asylum (stock)"),
    ("MG_ASYLM_CNTRY_ASYLM", "Asylum-seeking children, by country of asylum (stock)"),
    ("MG_ASYLM_APPL_NEW", "First-time asylum applications by children (flow)"),
    ("MG_INTERNAL_DISP_PERS", "Internally displaced children (stock)"),
    ("MG_NEW_INTERNAL_DISP", "New internal displacements of children (flow)"),
    ("MG_RETURNED", "Returned children (flow)"),
    ("VC_HTF_DETV", "Detected child victims of trafficking (flow)"),
]

IDAC_SMALL_CODELISTS = [
    ("IDAC", "CL_MIGRATION_INDICATOR", "1.0", "Indicators of migrant and displaced children", MIGRATION_INDICATORS),
    ("IDAC", "CL_AGE", "1.0", "Age", AGE_CODES),
    ("IDAC", "CL_ACCOMPANIMENT", "1.0", "Accompaniment", [
        ("_T", "Total"), ("ACC", "Accompanied"), ("UNACC", "Unaccompanied"),
        ("SEP", "Separated"), ("_U", "Unknown"),
    ]),
    ("IDAC", "CL_UNIT_MEASURE", "1.0", "Unit of measure", [("PS", "Persons"), ("PCNT", "Percent")]),
    ("IDAC", "CL_LEFT_BEHIND_INDICATOR", "1.0", "Indicators of children left behind", [
        ("LB_CHLD_PARENT_ABROAD", "Children with the given parent(s) living abroad (persons)"),
        ("LB_CHLD_PARENT_ABROAD_PCT", "Children with the given parent(s) living abroad, percent of all children"),
    ]),
    ("IDAC", "CL_PARENT_ABROAD", "1.0", "Parent living abroad", [
        ("MOTHER", "Mother"), ("FATHER", "Father"), ("BOTH", "Both parents"),
        ("_T", "At least one parent"),
    ]),
    ("IDAC", "CL_RESIDENCE", "1.0", "Area of residence", [("U", "Urban"), ("R", "Rural"), ("_T", "Total")]),
]

CONCEPTS = [
    ("FREQ", "Frequency"), ("REF_AREA", "Reference area"), ("INDICATOR", "Indicator"),
    ("COUNTRY_ORIGIN", "Country of origin"), ("SEX", "Sex"), ("AGE", "Age"),
    ("ACCOMPANIMENT", "Accompaniment"), ("PARENT_ABROAD", "Parent living abroad"),
    ("RESIDENCE", "Area of residence"), ("TIME_PERIOD", "Time period"),
    ("OBS_VALUE", "Observation value"), ("UNIT_MEASURE", "Unit of measure"),
    ("UNIT_MULT", "Unit multiplier"), ("OBS_STATUS", "Observation status"),
    ("CONF_STATUS", "Confidentiality status"), ("OBS_FOOTNOTE", "Observation footnote"),
    ("DATA_SOURCE", "Data source"), ("LOWER_BOUND", "Lower bound of the 95% confidence interval"),
    ("UPPER_BOUND", "Upper bound of the 95% confidence interval"),
]


def header(message_id):
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<mes:Structure {NS}>\n'
        '  <mes:Header>\n'
        f'    <mes:ID>{message_id}</mes:ID>\n'
        '    <mes:Test>false</mes:Test>\n'
        f'    <mes:Prepared>{PREPARED}</mes:Prepared>\n'
        '    <mes:Sender id="IDAC"/>\n'
        '  </mes:Header>\n'
        '  <mes:Structures>\n'
    )


FOOTER = '  </mes:Structures>\n</mes:Structure>\n'


def name(text, indent):
    return f'{" " * indent}<com:Name xml:lang="en">{escape(text)}</com:Name>\n'


def ref(agency, ident, version, cls, package, indent):
    return (f'{" " * indent}<Ref agencyID="{agency}" id="{ident}" version="{version}" '
            f'class="{cls}" package="{package}"/>\n')


def codelist(agency, ident, version, title, codes, parents=None):
    out = f'      <str:Codelist agencyID="{agency}" id="{ident}" version="{version}" isFinal="true">\n'
    out += name(title, 8)
    for code, label in codes:
        out += f'        <str:Code id="{code}">\n' + name(label, 10)
        if parents and code in parents:
            out += f'          <str:Parent>\n            <Ref id="{parents[code]}"/>\n          </str:Parent>\n'
        out += '        </str:Code>\n'
    return out + '      </str:Codelist>\n'


def area_codes():
    with open(ISO_3166, encoding="utf-8") as handle:
        countries = json.load(handle)["3166-1"]
    codes = sorted((c["alpha_3"], c.get("common_name") or c["name"]) for c in countries)
    return codes + [("_T", "All countries of origin"), ("_U", "Unknown"), ("_Z", "Not applicable")]


def codelists_message():
    out = header("IDAC_CODELISTS")
    out += '    <str:OrganisationSchemes>\n'
    out += '      <str:AgencyScheme agencyID="SDMX" id="AGENCIES" version="1.0" isFinal="false">\n'
    out += name("Agencies", 8)
    out += '        <str:Agency id="IDAC">\n' + name(
        "International Data Alliance for Children on the Move", 10) + '        </str:Agency>\n'
    out += '      </str:AgencyScheme>\n'
    out += '    </str:OrganisationSchemes>\n'
    out += '    <str:Codelists>\n'
    for agency, ident, version, title, codes in SDMX_CODELISTS:
        out += codelist(agency, ident, version, title, codes)
    out += codelist("IDAC", "CL_AREA", "1.0", "Areas (ISO 3166-1 alpha-3)", area_codes())
    for agency, ident, version, title, codes in IDAC_SMALL_CODELISTS:
        out += codelist(agency, ident, version, title, codes, AGE_PARENTS if ident == "CL_AGE" else None)
    out += '    </str:Codelists>\n'
    out += '    <str:Concepts>\n'
    out += '      <str:ConceptScheme agencyID="IDAC" id="CS_IDAC" version="1.0" isFinal="true">\n'
    out += name("Concepts of the International Data Alliance for Children on the Move", 8)
    for ident, label in CONCEPTS:
        out += f'        <str:Concept id="{ident}">\n' + name(label, 10) + '        </str:Concept>\n'
    out += '      </str:ConceptScheme>\n'
    out += '    </str:Concepts>\n'
    return out + FOOTER


CODELIST_OF = {
    "FREQ": ("SDMX", "CL_FREQ", "2.1"), "REF_AREA": ("IDAC", "CL_AREA", "1.0"),
    "COUNTRY_ORIGIN": ("IDAC", "CL_AREA", "1.0"), "SEX": ("SDMX", "CL_SEX", "2.1"),
    "AGE": ("IDAC", "CL_AGE", "1.0"), "ACCOMPANIMENT": ("IDAC", "CL_ACCOMPANIMENT", "1.0"),
    "PARENT_ABROAD": ("IDAC", "CL_PARENT_ABROAD", "1.0"), "RESIDENCE": ("IDAC", "CL_RESIDENCE", "1.0"),
    "UNIT_MEASURE": ("IDAC", "CL_UNIT_MEASURE", "1.0"), "UNIT_MULT": ("SDMX", "CL_UNIT_MULT", "1.1"),
    "OBS_STATUS": ("SDMX", "CL_OBS_STATUS", "2.2"), "CONF_STATUS": ("SDMX", "CL_CONF_STATUS", "1.3"),
}


def concept_identity(ident, indent):
    pad = " " * indent
    return (f'{pad}<str:ConceptIdentity>\n'
            f'{pad}  <Ref maintainableParentID="CS_IDAC" maintainableParentVersion="1.0" agencyID="IDAC" '
            f'id="{ident}" class="Concept" package="conceptscheme"/>\n'
            f'{pad}</str:ConceptIdentity>\n')


def representation(ident, text_format, indent, codelists=CODELIST_OF):
    pad = " " * indent
    out = f'{pad}<str:LocalRepresentation>\n'
    if ident in codelists:
        agency, cl, version = codelists[ident]
        out += f'{pad}  <str:Enumeration>\n' + ref(agency, cl, version, "Codelist", "codelist", indent + 4)
        out += f'{pad}  </str:Enumeration>\n'
    else:
        out += f'{pad}  <str:TextFormat {text_format}/>\n'
    return out + f'{pad}</str:LocalRepresentation>\n'


def data_structure(ident, title, dimensions, attributes, indicator_codelist):
    """dimensions: ids in position order; attributes: (id, status, level, text_format)."""
    codelists = dict(CODELIST_OF, INDICATOR=("IDAC", indicator_codelist, "1.0"))
    out = f'      <str:DataStructure agencyID="IDAC" id="{ident}" version="1.0" isFinal="true">\n'
    out += name(title, 8)
    out += '        <str:DataStructureComponents>\n'
    out += '          <str:DimensionList id="DimensionDescriptor">\n'
    for position, dim in enumerate(dimensions, start=1):
        out += f'            <str:Dimension id="{dim}" position="{position}">\n'
        out += concept_identity(dim, 14) + representation(dim, "", 14, codelists)
        out += '            </str:Dimension>\n'
    out += f'            <str:TimeDimension id="TIME_PERIOD" position="{len(dimensions) + 1}">\n'
    out += concept_identity("TIME_PERIOD", 14)
    out += '              <str:LocalRepresentation>\n'
    out += '                <str:TextFormat textType="ObservationalTimePeriod"/>\n'
    out += '              </str:LocalRepresentation>\n'
    out += '            </str:TimeDimension>\n'
    out += '          </str:DimensionList>\n'
    out += '          <str:AttributeList id="AttributeDescriptor">\n'
    for attr, status, level, text_format in attributes:
        out += f'            <str:Attribute id="{attr}" assignmentStatus="{status}">\n'
        out += concept_identity(attr, 14) + representation(attr, text_format, 14)
        out += '              <str:AttributeRelationship>\n'
        if level == "series":
            for dim in dimensions:
                out += f'                <str:Dimension>\n                  <Ref id="{dim}"/>\n                </str:Dimension>\n'
        else:
            out += '                <str:PrimaryMeasure>\n                  <Ref id="OBS_VALUE"/>\n                </str:PrimaryMeasure>\n'
        out += '              </str:AttributeRelationship>\n'
        out += '            </str:Attribute>\n'
    out += '          </str:AttributeList>\n'
    out += '          <str:MeasureList id="MeasureDescriptor">\n'
    out += '            <str:PrimaryMeasure id="OBS_VALUE">\n'
    out += concept_identity("OBS_VALUE", 14)
    out += '              <str:LocalRepresentation>\n'
    out += '                <str:TextFormat textType="Decimal"/>\n'
    out += '              </str:LocalRepresentation>\n'
    out += '            </str:PrimaryMeasure>\n'
    out += '          </str:MeasureList>\n'
    out += '        </str:DataStructureComponents>\n'
    out += '      </str:DataStructure>\n'
    return out


def constraint(ident, title, dataflow, included, excluded):
    out = f'      <str:ContentConstraint agencyID="IDAC" id="{ident}" version="1.0" isFinal="true" type="Allowed">\n'
    out += name(title, 8)
    out += '        <str:ConstraintAttachment>\n          <str:Dataflow>\n'
    out += ref("IDAC", dataflow, "1.0", "Dataflow", "datastructure", 12)
    out += '          </str:Dataflow>\n        </str:ConstraintAttachment>\n'
    for include, selections in (("true", included), ("false", excluded)):
        if not selections:
            continue
        out += f'        <str:CubeRegion include="{include}">\n'
        for component, values in selections:
            out += f'          <com:KeyValue id="{component}">\n'
            out += "".join(f'            <com:Value>{v}</com:Value>\n' for v in values)
            out += '          </com:KeyValue>\n'
        out += '        </str:CubeRegion>\n'
    return out + '      </str:ContentConstraint>\n'


COMMON_ATTRIBUTES = [
    ("UNIT_MEASURE", "Mandatory", "series", ""),
    ("UNIT_MULT", "Mandatory", "series", ""),
    ("OBS_STATUS", "Mandatory", "observation", ""),
    ("CONF_STATUS", "Conditional", "observation", ""),
    ("OBS_FOOTNOTE", "Conditional", "observation", 'textType="String" maxLength="1000"'),
]


def dataflow_message(message_id, dataflow, dsd, title, dsd_title, dimensions, attributes,
                     indicator_codelist, constraint_id, included, excluded):
    out = header(message_id)
    out += '    <str:Dataflows>\n'
    out += f'      <str:Dataflow agencyID="IDAC" id="{dataflow}" version="1.0" isFinal="true">\n'
    out += name(title, 8)
    out += '        <str:Structure>\n' + ref("IDAC", dsd, "1.0", "DataStructure", "datastructure", 10)
    out += '        </str:Structure>\n      </str:Dataflow>\n    </str:Dataflows>\n'
    out += '    <str:DataStructures>\n' + data_structure(dsd, dsd_title, dimensions, attributes, indicator_codelist)
    out += '    </str:DataStructures>\n'
    out += '    <str:Constraints>\n'
    out += constraint(constraint_id, f"Allowed content of {dataflow}", dataflow, included, excluded)
    out += '    </str:Constraints>\n'
    return out + FOOTER


def child_migration():
    return dataflow_message(
        "IDAC_DF_CHILD_MIGRATION", "DF_CHILD_MIGRATION", "DSD_CHILD_MIGRATION",
        "Stocks and flows of migrant and displaced children",
        "Child migration and displacement",
        ["FREQ", "REF_AREA", "INDICATOR", "COUNTRY_ORIGIN", "SEX", "AGE", "ACCOMPANIMENT"],
        COMMON_ATTRIBUTES + [("DATA_SOURCE", "Conditional", "series", 'textType="String" maxLength="500"')],
        "CL_MIGRATION_INDICATOR", "CC_CHILD_MIGRATION", [("FREQ", ["A", "Q"])], [("AGE", ["Y_GE18"])],
    )


def children_left_behind():
    return dataflow_message(
        "IDAC_DF_CHILDREN_LEFT_BEHIND", "DF_CHILDREN_LEFT_BEHIND", "DSD_CHILDREN_LEFT_BEHIND",
        "Children living in the country while one or both parents live abroad",
        "Children left behind by migrating parents",
        ["FREQ", "REF_AREA", "INDICATOR", "PARENT_ABROAD", "SEX", "AGE", "RESIDENCE"],
        COMMON_ATTRIBUTES + [
            ("LOWER_BOUND", "Conditional", "observation", 'textType="Decimal"'),
            ("UPPER_BOUND", "Conditional", "observation", 'textType="Decimal"'),
            ("DATA_SOURCE", "Mandatory", "series", 'textType="String" maxLength="500"'),
        ],
        "CL_LEFT_BEHIND_INDICATOR", "CC_CHILDREN_LEFT_BEHIND", [("FREQ", ["A"])], [("AGE", ["Y_GE18"])],
    )


# The Alliance's consistency rules (ALLIANCE.md), as VTL 2.0 rulesets. The tolerance of the
# hierarchical rules is carried by the annotation IDAC_TOLERANCE: "relative;absolute".
RULESETS = [
    ("DPR_OBS_VALUE", "datapoint", "variable", "Value checks on every observation", None, None, """
define datapoint ruleset DPR_OBS_VALUE (variable OBS_VALUE, OBS_STATUS, UNIT_MEASURE, UNIT_MULT) is
  NON_NEGATIVE: OBS_VALUE >= 0 errorcode "NEGATIVE_VALUE" errorlevel 1;
  WHOLE_PERSONS: when UNIT_MEASURE = "PS" and UNIT_MULT = "0" then OBS_VALUE = round(OBS_VALUE, 0) errorcode "FRACTIONAL_PERSONS" errorlevel 1;
  PERCENT_AT_MOST_100: when UNIT_MEASURE = "PCNT" then OBS_VALUE <= 100 errorcode "PERCENT_OVER_100" errorlevel 1;
  MISSING_NEEDS_STATUS: when isnull(OBS_VALUE) then OBS_STATUS in {"L", "M", "O", "Q"} errorcode "MISSING_WITHOUT_STATUS" errorlevel 1;
  STATUS_MISSING_NO_VALUE: when OBS_STATUS in {"L", "M", "O", "Q"} then isnull(OBS_VALUE) errorcode "VALUE_WITH_MISSING_STATUS" errorlevel 1
end datapoint ruleset;
"""),
    ("DPR_BOUNDS", "datapoint", "variable", "Confidence interval of survey estimates", None, None, """
define datapoint ruleset DPR_BOUNDS (variable OBS_VALUE, LOWER_BOUND, UPPER_BOUND) is
  LOWER_BOUND_BELOW_VALUE: when not isnull(LOWER_BOUND) then LOWER_BOUND <= OBS_VALUE errorcode "LOWER_BOUND_ABOVE_VALUE" errorlevel 1;
  UPPER_BOUND_ABOVE_VALUE: when not isnull(UPPER_BOUND) then OBS_VALUE <= UPPER_BOUND errorcode "UPPER_BOUND_BELOW_VALUE" errorlevel 1
end datapoint ruleset;
"""),
    ("HR_SEX", "hierarchical", "variable", "Sexes add up to the total (the parts reported)", "0.005;1", "partial_null", """
define hierarchical ruleset HR_SEX (variable rule SEX) is
  SEX_TOTAL: '_T' = 'F' + 'M' + '_O' + '_U' errorcode "SEX_TOTAL_MISMATCH" errorlevel 1
end hierarchical ruleset;
"""),
    ("HR_AGE", "hierarchical", "variable", "Age bands add up to all children", "0.005;1", "non_null", """
define hierarchical ruleset HR_AGE (variable rule AGE) is
  AGE_FIVE_YEAR_BANDS: Y0T17 = Y0T4 + Y5T9 + Y10T14 + Y15T17 errorcode "AGE_TOTAL_MISMATCH" errorlevel 1;
  AGE_UNHCR_BANDS: Y0T17 = Y0T4 + Y5T11 + Y12T17 errorcode "AGE_TOTAL_MISMATCH" errorlevel 1
end hierarchical ruleset;
"""),
    ("HR_ACCOMPANIMENT", "hierarchical", "variable", "Accompaniment adds up to the total when all parts are reported",
     "0.005;1", "non_null", """
define hierarchical ruleset HR_ACCOMPANIMENT (variable rule ACCOMPANIMENT) is
  ACCOMPANIMENT_TOTAL: '_T' = ACC + UNACC + SEP + '_U' errorcode "ACCOMPANIMENT_TOTAL_MISMATCH" errorlevel 1
end hierarchical ruleset;
"""),
    ("HR_ALONE", "hierarchical", "variable", "Unaccompanied and separated children are at most the total",
     "0.005;1", "partial_null", """
define hierarchical ruleset HR_ALONE (variable rule ACCOMPANIMENT) is
  ALONE_AT_MOST_TOTAL: '_T' >= UNACC + SEP errorcode "UNACCOMPANIED_OVER_TOTAL" errorlevel 1
end hierarchical ruleset;
"""),
]

# Flows and stocks, for the built-in check that quarters match the year (VTL cannot relate
# frequencies): flows' quarters add up to the annual value, stocks' annual value is the fourth quarter's.
FLOW_INDICATORS = ["MG_ASYLM_APPL_NEW", "MG_NEW_INTERNAL_DISP", "MG_RETURNED", "VC_HTF_DETV"]
STOCK_INDICATORS = ["MG_INTNL_MG_CNTRY_DEST", "MG_RFGS_CNTRY_ASYLM", "MG_ASYLM_CNTRY_ASYLM", "MG_INTERNAL_DISP_PERS"]


def annotation(kind, text, indent):
    pad = " " * indent
    return (f'{pad}<com:Annotation>\n'
            f'{pad}  <com:AnnotationType>{kind}</com:AnnotationType>\n'
            f'{pad}  <com:AnnotationText xml:lang="en">{text}</com:AnnotationText>\n'
            f'{pad}</com:Annotation>\n')


def rules_message():
    out = header("IDAC_RULES")
    out += '    <str:Rulesets>\n'
    out += '      <str:RulesetScheme agencyID="IDAC" id="RS_IDAC" version="1.0" isFinal="true" vtlVersion="2.0">\n'
    out += '        <com:Annotations>\n'
    out += annotation("IDAC_FLOWS", "INDICATOR=" + ",".join(FLOW_INDICATORS), 10)
    out += annotation("IDAC_STOCKS", "INDICATOR=" + ",".join(STOCK_INDICATORS), 10)
    out += annotation("IDAC_TOLERANCE", "0.005;1", 10)
    out += '        </com:Annotations>\n'
    out += name("Consistency rules of the International Data Alliance for Children on the Move", 8)
    for ident, kind, scope, title, tolerance, mode, definition in RULESETS:
        out += f'        <str:Ruleset id="{ident}" rulesetType="{kind}" rulesetScope="{scope}">\n'
        if tolerance or mode:
            out += '          <com:Annotations>\n'
            if tolerance:
                out += annotation("IDAC_TOLERANCE", tolerance, 12)
            if mode:
                out += annotation("IDAC_MODE", mode, 12)
            out += '          </com:Annotations>\n'
        out += name(title, 10)
        out += f'          <str:RulesetDefinition>{escape(definition)}          </str:RulesetDefinition>\n'
        out += '        </str:Ruleset>\n'
    out += '      </str:RulesetScheme>\n'
    out += '    </str:Rulesets>\n'
    return out + FOOTER


AGE_BAND_MAP = [
    # Eurostat and other national codes for the Alliance's bands (renamed), and parts that are summed.
    ("Y_LT18", "Y0T17"), ("Y_LT14", "Y0T13"), ("Y14-17", "Y14T17"), ("Y_LT5", "Y0T4"), ("Y5-9", "Y5T9"),
    ("Y10-14", "Y10T14"), ("Y15-17", "Y15T17"), ("Y_GE18", "Y_GE18"), ("TOTAL", "_T"), ("UNK", "_U"),
    # UNHCR's bands.
    ("0-4", "Y0T4"), ("5-11", "Y5T11"), ("12-17", "Y12T17"), ("18+", "Y_GE18"), ("18-59", "Y_GE18"), ("60+", "Y_GE18"),
    # Single years and infant bands, summed into the Alliance band that holds them.
    ("Y_LT1", "Y0T4"), ("Y1-4", "Y0T4"),
]


def area_map():
    with open(ISO_3166, encoding="utf-8") as handle:
        countries = json.load(handle)["3166-1"]
    rows = ["source,target"]
    for country in sorted(countries, key=lambda c: c["alpha_3"]):
        rows.append(f'{country["alpha_2"]},{country["alpha_3"]}')
        rows.append(f'{int(country["numeric"])},{country["alpha_3"]}')
    return "\n".join(rows) + "\n"


def age_map():
    return "source,target\n" + "".join(f"{source},{target}\n" for source, target in AGE_BAND_MAP)


def swift_embed(files):
    out = ("// swift-format-ignore-file\n"
           "// Generated by scripts/generate-schemas.py from Schemas/: do not edit by hand.\n"
           "// A test checks that this file and Schemas/ agree.\n\n"
           "/// The Alliance's structure messages and harmonisation maps, compiled into the binary so `idac`\n"
           "/// works with no files beside it.\n"
           "public enum EmbeddedSchemas {\n"
           "    /// Path under Schemas/ and contents of each structure message (`.xml`) and map (`maps/*.csv`).\n"
           "    public static let files: [(name: String, contents: String)] = [\n")
    for file_name, text in files:
        out += f'        ("{file_name}", #"""\n{text}\n"""#),\n'
    return out + "    ]\n}\n"


def main():
    files = [
        ("IDAC_CODELISTS.xml", codelists_message()),
        ("DF_CHILD_MIGRATION.xml", child_migration()),
        ("DF_CHILDREN_LEFT_BEHIND.xml", children_left_behind()),
        ("IDAC_RULES.xml", rules_message()),
    ]
    files += [("maps/area-codes.csv", area_map()), ("maps/age-bands.csv", age_map())]
    os.makedirs(os.path.join(ROOT, "Schemas", "maps"), exist_ok=True)
    for file_name, text in files:
        with open(os.path.join(ROOT, "Schemas", file_name), "w", encoding="utf-8") as handle:
            handle.write(text)
    target = os.path.join(ROOT, "Sources", "AllianceSchemas")
    os.makedirs(target, exist_ok=True)
    with open(os.path.join(target, "EmbeddedSchemas.swift"), "w", encoding="utf-8") as handle:
        handle.write(swift_embed(files))
    print(f"wrote {len(files)} structure messages to Schemas/ and their embedding", file=sys.stderr)


if __name__ == "__main__":
    main()
