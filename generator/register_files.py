"""The record of processing activities as files: XLSX (openpyxl), CSV and Markdown.

Every format shows the same lines (``Sheet.grid``): the XLSX sheet and its CSV file hold the same
text in the same cells. Output is deterministic: the workbook's created and modified properties
are the record's date, and every member of the XLSX archive gets that date too (openpyxl would
stamp the time of the run). The CSV is UTF-8 with a byte-order mark (so that spreadsheet programs
read Polish and German letters right), comma-separated, quoted where needed, lines ending in CRLF
(RFC 4180); a cell's line breaks stay inside its quotes.
"""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import datetime

from .mdtext import md_escape
from .register import Register, Sheet

#: Column widths in characters: the number, then (a) and the other columns; header labels sit in
#: the first column, so it is wide enough for them.
NUMBER_WIDTH = 14
WIDE = 48
NARROW = 34
#: The columns of each record that hold long text (0-based), the rest are NARROW.
WIDE_COLUMNS = {"controller": {1, 3, 6, 7, 8, 9}, "processor": {1, 2, 3, 4, 5, 6}}


def csv_bytes(sheet: Sheet) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerows(sheet.grid())
    return buf.getvalue().encode("utf-8-sig")


def markdown_bytes(register: Register) -> bytes:
    return markdown_text(register).encode("utf-8")


def _md_cell(value: str) -> str:
    """A cell's text for a Markdown table: each line escaped, line breaks as ``<br>``."""
    return "<br>".join(md_escape(line) for line in value.split("\n"))


def markdown_text(register: Register) -> str:
    parts: list[str] = [f"# {md_escape(register.title)}\n"]
    for sheet in register.sheets:
        parts.append(f"## {md_escape(sheet.title)}\n")
        parts.append("\n".join(f"- **{md_escape(label)}:** {_md_cell(value)}" for label, value in sheet.header) + "\n")
        parts.append("| " + " | ".join(_md_cell(c) for c in sheet.columns) + " |")
        parts.append("|" + "---|" * len(sheet.columns))
        parts += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in sheet.rows]
        parts.append("")
    return "\n".join(parts)


def xlsx_bytes(register: Register) -> bytes:
    """The workbook: one sheet per record, cells as text (never formulas), wrapped, the column
    titles bold, frozen and with filters, landscape pages fitted to the width."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    wrap = Alignment(wrap_text=True, vertical="top")
    bold = Font(bold=True)
    for sheet in register.sheets:
        ws = wb.create_sheet(sheet.name)
        first = sheet.first_row + 1  # 1-based row of the column titles
        for r, line in enumerate(sheet.grid(), 1):
            for c, value in enumerate(line, 1):
                if not value:
                    continue
                cell = ws.cell(row=r, column=c)
                cell.value = value
                cell.data_type = "s"  # "=…" or "#N/A" in the user's text stays text
                cell.alignment = wrap
                if r in (1, first) or (1 < r < first and c == 1):
                    cell.font = bold
        wide = WIDE_COLUMNS[sheet.key]
        for c in range(1, len(sheet.columns) + 1):
            width = NUMBER_WIDTH if c == 1 else WIDE if c - 1 in wide else NARROW
            ws.column_dimensions[get_column_letter(c)].width = width
        ws.freeze_panes = ws.cell(row=first + 1, column=1)
        last = get_column_letter(len(sheet.columns))
        ws.auto_filter.ref = f"A{first}:{last}{first + len(sheet.rows)}"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_title_rows = f"{first}:{first}"
    stamp = datetime(register.day.year, register.day.month, register.day.day)
    wb.properties.creator = "policygen"
    wb.properties.created = stamp
    wb.properties.modified = stamp
    return _fixed_times(_save(wb), stamp)


def _save(wb: object) -> bytes:
    """The workbook's archive, without ``save_workbook`` (it stamps ``modified`` with the time now)."""
    from openpyxl.writer.excel import ExcelWriter

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).write_data()
    return buf.getvalue()


def _fixed_times(data: bytes, stamp: datetime) -> bytes:
    """The same archive with every member dated ``stamp`` and the same permissions (openpyxl
    writes members with the current time, and a worksheet from a temporary file with its mode)."""
    when = (stamp.year, stamp.month, stamp.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=when)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(member.filename))
    return out.getvalue()
