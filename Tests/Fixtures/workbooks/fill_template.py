"""Fills in a workbook made by `idac template` as an office would, with openpyxl: Kenya's quarterly
first-time asylum applications by children from Somalia, by sex. With --mistakes, three cells are
wrong: a sex code (D4), a value with a space (H5) and a monthly period in a quarterly row (G6).

usage: fill_template.py TEMPLATE OUTPUT [--mistakes]
"""
import sys

import openpyxl

template, output = sys.argv[1], sys.argv[2]
mistakes = "--mistakes" in sys.argv[3:]
book = openpyxl.load_workbook(template)
sheet = book["Data"]
column = {cell.value.split(":")[0]: cell.column for cell in sheet[2] if cell.value}
rows = []
for quarter, (girls, boys) in enumerate([(412, 398), (388, 377), (455, 462), (430, 449)], start=1):
    for sex, value in (("F", girls), ("M", boys)):
        rows.append({"SEX": sex, "TIME_PERIOD": f"2024-Q{quarter}", "OBS_VALUE": value})
for offset, row in enumerate(rows):
    values = {"FREQ": "Q", "INDICATOR": "MG_ASYLM_APPL_NEW", "COUNTRY_ORIGIN": "SOM", "AGE": "Y0T17",
              "ACCOMPANIMENT": "_T", "UNIT_MEASURE": "PS", "UNIT_MULT": "0", "OBS_STATUS": "A"}
    values.update(row)
    for component, value in values.items():
        sheet.cell(row=3 + offset, column=column[component], value=value)
if mistakes:
    sheet.cell(row=4, column=column["SEX"], value="X")
    sheet.cell(row=5, column=column["OBS_VALUE"], value="12 3")
    sheet.cell(row=6, column=column["TIME_PERIOD"], value="2024-07")
book.save(output)
