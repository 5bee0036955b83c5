"""Random and malformed input never causes a server error or a partial write (hypothesis)."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from screening.batch.importer import CellError, ImportFileError, parse_cell, parse_file
from screening.catalogue.dictionary import COLUMNS
from screening.catalogue.validation import clean_identifier
from screening.models import Patient, Visit
from screening.visits.forms.fields import StrictFloatField, StrictIntegerField

pytestmark = pytest.mark.django_db

NUMERIC_FIELDS = [
    "height_cm",
    "weight_kg",
    "grip_right_1",
    "grip_strength_kg",
    "chair_stand_5x_s",
    "gait_speed_m_s",
    "asm_kg",
    "asmi_kg_m2",
    "tug_s",
    "walk_400m_s",
    "calf_circumference_cm",
    "sppb_score",
    "vitamin_d_25oh_ng_ml",
    "albumin_g_l",
    "il6_pg_ml",
    "mna_sf_score",
    "gait_time_s",
]
NASTY = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.text(max_size=40),
    st.sampled_from(["=cmd|' /C calc'!A0", "+1", "-1e999", "1e309", "NaN", "0x10", "１２", "12,5", "", " ", "\x00"]),
)
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(
    values=st.dictionaries(st.sampled_from(NUMERIC_FIELDS), NASTY, max_size=6),
    unit=st.sampled_from(["kg", "lb", "stone", ""]),
    confirm=st.booleans(),
)
def test_the_visit_form_never_errors_and_never_half_saves(client_a, patient_a, values, unit, confirm):
    before = (Visit.objects.count(), Visit.objects.exclude(results={}).count())
    data = {"visit_date": "2026-06-01", "setting": "community", "grip_unit": unit, **values}
    if confirm:
        data["confirm_warnings"] = "on"
    response = client_a.post(reverse("screening:visit_create", args=[patient_a.pk]), data)
    assert response.status_code in (200, 302)
    after = (Visit.objects.count(), Visit.objects.exclude(results={}).count())
    if response.status_code == 200:
        assert after == before
    else:
        assert after == (before[0] + 1, before[1] + 1)  # the visit and its results, together


ROW = st.lists(NASTY, min_size=0, max_size=len(COLUMNS) + 2)


@FUZZ
@given(
    body=st.lists(ROW, max_size=5),
    delimiter=st.sampled_from([",", ";", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "gb18030", "latin-1"]),
)
def test_the_csv_import_never_errors_and_writes_all_or_nothing(tmp_path_factory, site_a, body, delimiter, encoding):
    header = delimiter.join(["patient_id", "sex", "date_of_birth", "visit_date", "grip_strength_kg", "gait_speed_m_s"])
    lines = [header] + [delimiter.join(cell.replace("\n", " ") for cell in row) for row in body]
    try:
        data = "\n".join(lines).encode(encoding)
    except UnicodeEncodeError:
        return
    path = tmp_path_factory.mktemp("fuzz") / "f.csv"
    path.write_bytes(data)
    before = (Patient.objects.count(), Visit.objects.count())
    try:
        call_command("import_visits", str(path), "--site", "site-a", stdout=io.StringIO(), stderr=io.StringIO())
    except CommandError:
        assert (Patient.objects.count(), Visit.objects.count()) == before


def test_a_huge_file_is_refused_before_parsing(monkeypatch):
    from django.utils import translation

    from screening.batch import importer

    monkeypatch.setattr(importer, "MAX_BYTES", 1000)
    with translation.override("en"), pytest.raises(ImportFileError, match="larger than"):
        parse_file(b"patient_id,sex,date_of_birth,visit_date\n" + b"x,F,1950-01-01,2026-01-01\n" * 100)


def test_an_import_with_one_bad_row_among_many_writes_nothing(tmp_path, site_a):
    rows = [f"P{i},F,1945-01-01,2026-01-{1 + i % 28:02d},{15 + i % 10}" for i in range(200)]
    rows[150] = "P150,F,1945-01-01,2026-01-01,999"
    path = tmp_path / "many.csv"
    path.write_text("patient_id,sex,date_of_birth,visit_date,grip_strength_kg\n" + "\n".join(rows))
    with pytest.raises(CommandError):
        call_command("import_visits", str(path), "--site", "site-a", stdout=io.StringIO(), stderr=io.StringIO())
    assert Visit.objects.count() == 0 and Patient.objects.count() == 0


# --- the identifier and number rules: the form and the import answer alike ----------------------------

IDENTIFIERS = st.one_of(
    st.text(max_size=80),
    st.text(alphabet=st.characters(categories=["Cc", "Cf", "Zs", "Zl"]), max_size=5).map(lambda s: "A" + s + "B"),
)
NUMBERS = st.one_of(
    NASTY,
    st.from_regex(r"-?[0-9_,.]{1,8}", fullmatch=True),
    st.just("9" * 400),
    st.just("9" * 5000),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(str),
)


def _outcome(call):
    try:
        return ("ok", call())
    except (ValidationError, CellError):
        return ("refused", None)


@FUZZ
@given(raw=IDENTIFIERS)
def test_the_identifier_rule_never_stores_what_it_should_refuse(raw):
    outcome, value = _outcome(lambda: clean_identifier(raw))
    if outcome == "ok":
        assert value == value.strip() and 1 <= len(value) <= 64 and value.isprintable()
        assert "\u200b" not in value and not any(ord(c) < 32 for c in value)
    else:
        stripped = raw.strip()
        assert not stripped or len(stripped) > 64 or not stripped.isprintable()


@FUZZ
@given(raw=IDENTIFIERS)
def test_the_form_and_the_import_read_an_identifier_alike(site_a, raw):
    from screening.models import Site
    from screening.visits.forms import PatientForm

    form = PatientForm(
        {"site": str(site_a.pk), "identifier": raw, "sex": "F", "date_of_birth": "1950-01-02"}, sites=Site.objects.all()
    )
    form_ok = form.is_valid()
    imported = _outcome(lambda: parse_cell("identifier", raw.strip()))
    assert form_ok == (imported[0] == "ok")
    if form_ok:
        assert form.cleaned_data["identifier"] == imported[1]


@FUZZ
@given(raw=NUMBERS, integer=st.booleans())
def test_the_form_and_the_import_read_a_number_alike(raw, integer):
    field = StrictIntegerField(required=False) if integer else StrictFloatField(required=False)
    from_form = _outcome(lambda: field.clean(raw))
    from_import = (
        _outcome(lambda: parse_cell("int" if integer else "float", raw.strip())) if raw.strip() else ("ok", None)
    )
    assert from_form == from_import
    if from_form[0] == "ok" and from_form[1] is not None:
        assert "_" not in raw and "," not in raw and "e" not in raw.lower()
        assert from_form[1] == (int(raw) if integer else float(raw))
