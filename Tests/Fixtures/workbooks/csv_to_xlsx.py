"""Writes a CSV file as an Excel workbook with openpyxl, line N of the CSV in row N of the sheet, so
that idac's findings on the two can be compared: numbers become numeric cells (a decimal comma
too, with --decimal-comma), codes with leading zeros stay text, everything else is text.

usage: csv_to_xlsx.py CSV XLSX [--encoding ENC] [--delimiter D] [--decimal-comma] [--sheet NAME]
       [--hidden-first-sheet]
"""
import argparse
import csv
import re

import openpyxl

parser = argparse.ArgumentParser()
parser.add_argument("csv")
parser.add_argument("xlsx")
parser.add_argument("--encoding", default="utf-8")
parser.add_argument("--delimiter", default=",")
parser.add_argument("--decimal-comma", action="store_true")
parser.add_argument("--sheet", default="Data")
parser.add_argument("--hidden-first-sheet", action="store_true")
args = parser.parse_args()

number = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?$")
book = openpyxl.Workbook()
sheet = book.active
if args.hidden_first_sheet:
    sheet.title = "Notes"
    sheet["A1"] = "Figures from the national register"
    sheet.sheet_state = "hidden"
    sheet = book.create_sheet(args.sheet)
else:
    sheet.title = args.sheet
with open(args.csv, newline="", encoding=args.encoding) as source:
    for row, fields in enumerate(csv.reader(source, delimiter=args.delimiter), start=1):
        for column, text in enumerate(fields, start=1):
            if text == "":
                continue
            candidate = text.replace(",", ".", 1) if args.decimal_comma else text
            if number.match(candidate):
                value = float(candidate) if "." in candidate else int(candidate)
            else:
                value = text
            sheet.cell(row=row, column=column, value=value)
book.save(args.xlsx)
