"""Tables downloaded from the admin, as CSV or XLSX.

CSV starts with a byte order mark, so that spreadsheet programs read it as UTF-8 (Polish
and Ukrainian letters intact). A text cell that a spreadsheet would take for a formula
(starting with =, +, -, @, a tab or a carriage return) is written with an apostrophe in
front in CSV and as a plain string cell in XLSX, so that no value typed into the admin
runs as a formula on GZM's computers.
"""

import csv
import io
from datetime import date, datetime

from django.http import HttpResponse
from django.utils import timezone

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(value):
    """``value`` as CSV text, with anything looking like a formula made plain text."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value.tzinfo else str(value)
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def _attachment(response, filename):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(filename, headings, rows):
    """``rows`` (lists of values) under ``headings`` as a CSV download."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow([neutralised(heading) for heading in headings])
    for row in rows:
        writer.writerow([neutralised(value) for value in row])
    return _attachment(HttpResponse(buffer.getvalue(), content_type=CSV_TYPE), filename)


def _xlsx_value(value):
    if isinstance(value, datetime) and value.tzinfo:
        return timezone.localtime(value).replace(tzinfo=None)
    if isinstance(value, bool | int | float | date) or value is None:
        return value
    return str(value)


def xlsx_response(filename, headings, rows, title="Sheet1"):
    """``rows`` under ``headings`` as an XLSX download (numbers and dates stay typed)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])

    def cells(values):
        for value in values:
            cell = WriteOnlyCell(sheet, _xlsx_value(value))
            if cell.data_type == "f":  # text starting with "=": keep it text
                cell.data_type = "s"
            if isinstance(value, datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(value, date):
                cell.number_format = "yyyy-mm-dd"
            yield cell

    sheet.append(list(cells(str(heading) for heading in headings)))
    for row in rows:
        sheet.append(list(cells(row)))
    output = io.BytesIO()
    workbook.save(output)
    return _attachment(HttpResponse(output.getvalue(), content_type=XLSX_TYPE), filename)
