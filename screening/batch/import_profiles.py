"""Device exports in, data dictionary rows out: encoding, header, column mapping and units.

A body-composition analyser or dynamometer writes its own columns ("体重(kg)", "Weight (lb)", "性別"),
in UTF-8 with a BOM, GBK/GB18030 or Big5/cp950, as CSV or XLSX. This layer reads such a file, proposes
a mapping of its columns to the data dictionary (exact names first, then known synonyms in Chinese and
English), and turns each row into the dictionary's cells in canonical units. Those cells go through the
ordinary parser and validation (`screening.batch.importer.check_header` / `parse_row`), so a bad row is
refused exactly as in a data dictionary CSV, under its row number in the source file.

Unit conversions are the engine's (screening/clinical/measurements.py); the units each column is
accepted in are the field catalogue's (screening/catalogue/fields.py `units`), the same as the visit form's.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils.translation import gettext as _

from screening.batch.importer import MAX_BYTES, ImportFileError, ParsedRow, check_header, parse_row
from screening.catalogue import fields as catalogue
from screening.catalogue.dictionary import COLUMNS, REQUIRED

# Encodings offered; a detector's name is shown as the superset a device reader would use.
ENCODINGS = ("utf-8", "utf-8-sig", "gb18030", "cp950", "big5", "utf-16", "cp1252")
_SUPERSET = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "big5": "cp950",
    "big5hkscs": "cp950",
    "ascii": "utf-8",
    "utf_8": "utf-8",
    "utf-8": "utf-8",
    "utf_16": "utf-16",
    "windows-1252": "cp1252",
}
XLSX = "xlsx"
HEADER_SEARCH_ROWS = 20


def _units() -> dict[str, dict[str, Callable[[float], float] | None]]:
    """Field -> {unit a file may use: converter to the canonical unit (None for the canonical one)}."""
    return {
        field.name: {unit.code: unit.to_canonical for unit in field.units}
        for field in catalogue.columns()
        if field.units
    }


UNITS = _units()

# Known column names of device exports and hand-made sheets, compared after `_normalise`.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "patient_id": (
        "id",
        "patient id",
        "patientid",
        "subject id",
        "mrn",
        "medical record number",
        "编号",
        "病历号",
        "病歷號",
        "患者编号",
        "病人编号",
        "住院号",
        "门诊号",
        "受试者编号",
        "身份证号",
    ),
    "family_name": ("family name", "last name", "surname", "姓"),
    "given_name": ("given name", "first name", "名"),
    "sex": ("sex", "gender", "性别", "性別"),
    "date_of_birth": ("dob", "birth date", "birthdate", "date of birth", "birthday", "出生日期", "生日"),
    "visit_date": (
        "date",
        "test date",
        "testdate",
        "test date time",
        "exam date",
        "visit date",
        "measurement date",
        "检测日期",
        "检查日期",
        "测试日期",
        "測量日期",
        "檢測日期",
        "測試日期",
        "就诊日期",
        "日期",
    ),
    "setting": ("setting", "场景", "就诊场景"),
    "height_cm": ("height", "身高"),
    "weight_kg": ("weight", "body weight", "体重", "體重"),
    "grip_strength_kg": ("grip", "grip strength", "handgrip", "hand grip", "max grip", "握力", "最大握力"),
    "asm_kg": (
        "asm",
        "appendicular skeletal muscle mass",
        "appendicular lean mass",
        "四肢骨骼肌量",
        "四肢骨骼肌质量",
        "四肢骨骼肌質量",
        "四肢肌肉量",
    ),
    "asmi_kg_m2": (
        "asmi",
        "smi",
        "skeletal muscle index",
        "appendicular skeletal muscle index",
        "四肢骨骼肌指数",
        "四肢骨骼肌指數",
        "骨骼肌指数",
        "骨骼肌指數",
        "骨骼肌质量指数",
    ),
    "muscle_mass_method": ("method", "muscle mass method", "测量方法"),
    "calf_circumference_cm": ("calf", "calf circumference", "小腿围", "小腿圍"),
    "gait_speed_m_s": ("gait speed", "walking speed", "步速", "步行速度"),
    "chair_stand_5x_s": (
        "chair stand",
        "5 times sit to stand",
        "five times sit to stand",
        "5次起坐",
        "五次起坐",
        "五次起坐时间",
    ),
    "sppb_score": ("sppb",),
    "sarc_f_score": ("sarc-f", "sarcf"),
    "vitamin_d_25oh_ng_ml": ("25(oh)d", "25-oh vitamin d", "vitamin d", "维生素d", "維生素d"),
    "albumin_g_l": ("albumin", "alb", "白蛋白"),
    "hba1c_pct": ("hba1c", "糖化血红蛋白"),
}
_UNIT_WORDS = {
    "公斤": "kg",
    "千克": "kg",
    "磅": "lb",
    "lbs": "lb",
    "厘米": "cm",
    "公分": "cm",
    "米": "m",
    "公尺": "m",
    "ng/ml": "ng/mL",
    "nmol/l": "nmol/L",
    "g/l": "g/L",
    "g/dl": "g/dL",
    "ng/dl": "ng/dL",
}
_UNIT_IN_NAME = re.compile(r"^(.*?)[\s_]*[(（\[]\s*([^)）\]]+?)\s*[)）\]]\s*$")
_SEX_VALUES = {"男": "M", "女": "F", "male": "M", "female": "F", "m": "M", "f": "F", "1": None}
_SLASHED_DATE = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")


@dataclass
class Table:
    """A file's header and rows as text; `rows` are (row number in the file, cells)."""

    header: list[str]
    rows: list[tuple[int, list[str]]]
    encoding: str  # the encoding read with, or "xlsx"
    detected: str  # what the detector proposed ("" for XLSX)


@dataclass(frozen=True)
class ColumnMap:
    source: str
    field: str = ""  # "" = ignore
    unit: str = ""

    def as_dict(self) -> dict:
        return {"source": self.source, "field": self.field, "unit": self.unit}


def canonical_unit(name: str) -> str:
    return next(iter(UNITS[name])) if name in UNITS else ""


# --- reading ---------------------------------------------------------------------------------------


def detect_encoding(data: bytes) -> str:
    """The encoding to propose: a BOM decides, then strict UTF-8, then charset-normalizer's best guess."""
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000], cp_isolation=["gb18030", "big5", "cp950", "cp1252", "utf_16"]).best()
    if best is None:
        return "utf-8"
    name = best.encoding.lower().replace("_", "-") if best.encoding != "utf_8" else "utf-8"
    return _SUPERSET.get(best.encoding.lower(), _SUPERSET.get(name, name))


def is_xlsx(data: bytes, filename: str = "") -> bool:
    return data[:4] == b"PK\x03\x04" or filename.lower().endswith(".xlsx")


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_xlsx(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises zipfile, KeyError or its own errors for a damaged file
        raise ImportFileError(_("The file is not a readable XLSX workbook.")) from None
    try:
        sheet = book.worksheets[0]
        return [[_cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def _read_csv(data: bytes, encoding: str) -> list[list[str]]:
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise ImportFileError(
            _("The file cannot be read as %(encoding)s: choose another encoding.") % {"encoding": encoding}
        ) from None
    text = text.removeprefix("\ufeff")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        return list(csv.reader(io.StringIO(text, newline=""), dialect))
    except csv.Error as exc:
        raise ImportFileError(_("The file is not a readable CSV: %(error)s") % {"error": exc}) from None


def read_table(data: bytes, filename: str = "", encoding: str = "") -> Table:
    """The file's header (the likeliest of its first rows) and the rows below it, numbered as in the file."""
    if len(data) > MAX_BYTES:
        raise ImportFileError(_("The file is larger than %(mb)s MB.") % {"mb": MAX_BYTES // (1024 * 1024)})
    if is_xlsx(data, filename):
        lines, used, detected = _read_xlsx(data), XLSX, ""
    else:
        detected = detect_encoding(data)
        used = encoding or detected
        lines = _read_csv(data, used)
    at = _header_index(lines)
    if at is None:
        raise ImportFileError(_("The file is empty."))
    header = [cell.strip() for cell in lines[at]]
    while header and header[-1] == "":
        header.pop()
    rows = [
        (at + 2 + i, [c.strip() for c in cells][: len(header)] + [""] * (len(header) - len(cells)))
        for i, cells in enumerate(lines[at + 1 :])
        if any(c.strip() for c in cells)
    ]
    return Table(header=header, rows=rows, encoding=used, detected=detected)


def _header_index(lines: list[list[str]]) -> int | None:
    """The first of the leading rows with the most cells that name a known field (else the first non-empty)."""
    best, best_hits = None, 0
    for i, cells in enumerate(lines[:HEADER_SEARCH_ROWS]):
        hits = sum(1 for cell in cells if cell.strip() and propose_column(cell).field)
        if hits > best_hits:
            best, best_hits = i, hits
    if best is not None:
        return best
    return next((i for i, cells in enumerate(lines) if any(c.strip() for c in cells)), None)


# --- mapping ---------------------------------------------------------------------------------------


def _normalise(name: str) -> str:
    return re.sub(r"[\s_]+", " ", name.strip().lower().replace("\ufeff", "")).strip()


_BY_SYNONYM = {_normalise(s): name for name, synonyms in SYNONYMS.items() for s in synonyms}
NAME_FIELDS = ("family_name", "given_name")
TARGETS = (*COLUMNS, *(name for name in NAME_FIELDS if name not in COLUMNS))


def _unit_named(word: str, target: str) -> str:
    word = _UNIT_WORDS.get(word.strip().lower(), _UNIT_WORDS.get(word.strip(), word.strip()))
    for unit in UNITS.get(target, {}):
        if unit.lower() == word.lower():
            return unit
    return ""


def propose_column(source: str) -> ColumnMap:
    """Exact data dictionary name, then a known synonym (with a unit written in brackets), else ignore."""
    if source in TARGETS:
        return ColumnMap(source, source, canonical_unit(source))
    plain, unit_word = source, ""
    match = _UNIT_IN_NAME.match(source.strip())
    if match:
        plain, unit_word = match.group(1), match.group(2)
    key = _normalise(plain)
    target = key if key in TARGETS else _BY_SYNONYM.get(key, "")
    if not target:
        return ColumnMap(source)
    unit = _unit_named(unit_word, target) if unit_word else ""
    return ColumnMap(source, target, unit or canonical_unit(target))


def propose(header: list[str]) -> list[ColumnMap]:
    """A mapping for every column; a field proposed twice is kept for its first column only."""
    taken, mapping = set(), []
    for source in header:
        column = propose_column(source)
        if column.field in taken:
            column = ColumnMap(source)
        taken.add(column.field)
        mapping.append(column)
    return mapping


def is_dictionary_layout(header: list[str]) -> bool:
    """Today's CSV: every column a data dictionary name (units canonical by definition)."""
    return bool(header) and all(name in TARGETS for name in header)


def profile_mapping(columns: list[dict], header: list[str]) -> tuple[list[ColumnMap], list[str]]:
    """A saved profile applied to a header: the mapping, and the header's columns the profile does not know
    (ignored, and listed to the user)."""
    known = {
        column["source"]: ColumnMap(column["source"], column.get("field", ""), column.get("unit", ""))
        for column in columns
    }
    unknown = [source for source in header if source not in known]
    return [known.get(source, ColumnMap(source)) for source in header], unknown


def matches(columns: list[dict], header: list[str]) -> bool:
    return [column["source"] for column in columns] == header


def mapping_problems(mapping: list[ColumnMap]) -> list[str]:
    problems = []
    seen: dict[str, str] = {}
    for column in mapping:
        if not column.field:
            continue
        if column.field not in TARGETS:
            problems.append(
                _("column %(col)s: %(field)s is not a data dictionary field")
                % {"col": column.source, "field": column.field}
            )
        elif column.field in seen:
            problems.append(
                _("columns %(a)s and %(b)s both map to %(field)s")
                % {"a": seen[column.field], "b": column.source, "field": column.field}
            )
        elif column.unit and column.unit not in UNITS.get(column.field, {column.unit: None}):
            problems.append(
                _("column %(col)s: %(unit)s is not a unit of %(field)s")
                % {"col": column.source, "unit": column.unit, "field": column.field}
            )
        seen.setdefault(column.field, column.source)
    for name in REQUIRED:
        if name not in seen:
            problems.append(_("no column maps to the required field %(field)s") % {"field": name})
    return problems


# --- converting ------------------------------------------------------------------------------------


def _number(raw: str) -> float | None:
    try:
        value = float(raw.replace(",", "."))
    except ValueError:
        return None
    return value if value == value and value not in (float("inf"), float("-inf")) else None


def convert_cell(column: ColumnMap, raw: str) -> str:
    """The source text as the data dictionary writes it; text that cannot be converted passes unchanged,
    so the ordinary parser refuses it with its own message."""
    raw = raw.strip()
    if not raw:
        return raw
    kind = COLUMNS.get(column.field)
    if kind == "sex":
        return _SEX_VALUES.get(raw.lower()) or raw
    if kind == "date":
        match = _SLASHED_DATE.match(raw)
        if match:
            year, month, day = (int(part) for part in match.groups())
            return f"{year:04d}-{month:02d}-{day:02d}"
        if re.match(r"^\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}(:\d{2})?$", raw):
            return raw[:10]
        return raw
    convert = UNITS.get(column.field, {}).get(column.unit)
    if convert is None:
        return raw
    value = _number(raw)
    return raw if value is None else repr(convert(value))  # compared unrounded (DECISIONS.md §1)


@dataclass
class MappedRow:
    """One source row as the data dictionary's cells, with the source text where it differed."""

    number: int
    cells: dict[str, str]
    source: dict[str, str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)


def map_rows(table: Table, mapping: list[ColumnMap]) -> list[MappedRow]:
    used = [(i, column) for i, column in enumerate(mapping) if column.field]
    rows = []
    for number, cells in table.rows:
        mapped = MappedRow(number, {})
        for i, column in used:
            raw = cells[i] if i < len(cells) else ""
            value = convert_cell(column, raw)
            if column.field in NAME_FIELDS and column.field not in COLUMNS:
                mapped.names[column.field] = value
                continue
            mapped.cells[column.field] = value
            if value != raw.strip():
                mapped.source[column.field] = raw.strip()
        rows.append(mapped)
    return rows


def parse_table(table: Table, mapping: list[ColumnMap]) -> tuple[list[ParsedRow], list[str]]:
    """Every row through the ordinary parser and validation, numbered as in the source file."""
    problems = mapping_problems(mapping)
    header = [column.field for column in mapping if column.field and column.field in COLUMNS]
    problems = problems or check_header(header)  # with a valid mapping, the ordinary header check passes
    if problems:
        return [], problems
    parsed = []
    for mapped in map_rows(table, mapping):
        row = parse_row(mapped.number, header, [mapped.cells[name] for name in header])
        row.patient.update(mapped.names)
        parsed.append(row)
    return parsed, []


# --- a staged upload -------------------------------------------------------------------------------


def route_upload(data: bytes, filename: str, site) -> dict:
    """How an upload is read. A CSV whose columns are all data dictionary names is read as ever
    (`columns` None: `importer.parse_file`, with today's checks); a file whose header a saved profile of
    the site knows is mapped at once; any other file `needs_mapping`."""
    from screening.batch.importer import read_csv
    from screening.models import ImportProfile

    if not is_xlsx(data, filename):
        try:
            header, _body = read_csv(data)
        except ImportFileError:
            header = None
        if header and all(name in COLUMNS for name in header):
            return {"columns": None}
        if header and all(name in TARGETS for name in header):  # with the optional name columns
            return {"columns": [column.as_dict() for column in propose(header)], "encoding": "utf-8-sig"}
    table = read_table(data, filename)
    encoding = "" if table.encoding == XLSX else table.encoding
    for saved in ImportProfile.objects.filter(site=site).order_by("name"):
        if matches(saved.columns, table.header):
            return {"columns": saved.columns, "profile": saved.name, "encoding": saved.encoding or encoding}
    return {"columns": None, "needs_mapping": True, "encoding": encoding}


def read_pending(data: bytes, pending: dict) -> tuple[list[ParsedRow], list[str]]:
    """A staged file's parsed rows: the data dictionary CSV as ever, or a device export with its mapping."""
    from screening.batch.importer import parse_file

    if pending.get("columns") is None:
        return parse_file(data)
    table = read_table(data, pending.get("filename", ""), pending.get("encoding", ""))
    mapping, _unknown = profile_mapping(pending["columns"], table.header)
    return parse_table(table, mapping)


def pending_sources(data: bytes, pending: dict, limit: int) -> dict[int, dict[str, str]]:
    """For the preview: the source text of the first `limit` rows where the mapping changed it."""
    if pending.get("columns") is None:
        return {}
    table = read_table(data, pending.get("filename", ""), pending.get("encoding", ""))
    table.rows = table.rows[:limit]
    mapping, _unknown = profile_mapping(pending["columns"], table.header)
    return {row.number: row.source for row in map_rows(table, mapping)}
