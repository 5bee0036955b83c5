"""The field catalogue (screening/catalogue/fields.py) describes every visit field once: the model agrees with
it, and the form, its layout, validation, the engine adapter, the visit page, the CSV columns, the
import units and the interop codes each hold every entry that applies to them. The data dictionary
is generated from it."""

from __future__ import annotations

import dataclasses
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import models

from screening.catalogue import fields as catalogue
from screening.catalogue.fields import FIELDS
from screening.clinical.measurements import Measurements
from screening.models import Patient, Site, Visit

MODEL_TYPES = {
    "number": models.FloatField,
    "integer": models.PositiveSmallIntegerField,
    "unable": models.BooleanField,
    "tick": models.BooleanField,
    "yesno": models.BooleanField,
    "codes": models.JSONField,
    "date": models.DateField,
    "text": models.TextField,
}


def _form():
    from screening.visits.forms.visit import VisitForm

    site = Site(name="S", code="s", population="asian", default_setting="community")
    return VisitForm(patient=Patient(site=site, identifier="x", sex="F", date_of_birth=date(1950, 1, 1)))


@pytest.mark.parametrize("field", FIELDS, ids=lambda f: f.name)
def test_the_model_declares_each_field_as_the_catalogue_describes_it(field):
    model_field = Visit._meta.get_field(field.name)
    assert model_field.verbose_name == field.label
    if field.kind == "choice":
        assert model_field.choices, "a choice field lists its codes in the model"
    else:
        assert type(model_field) is MODEL_TYPES[field.kind]
    if field.kind in ("number", "integer", "yesno", "codes"):
        assert model_field.null, "NULL = not measured / not asked, never zero or no"
    if field.kind in ("unable", "tick"):
        assert model_field.default is False and not model_field.null


def test_every_measurement_column_of_the_model_is_in_the_catalogue():
    numbers = {
        f.name for f in Visit._meta.get_fields() if type(f) in (models.FloatField, models.PositiveSmallIntegerField)
    }
    assert numbers - set(catalogue.BY_NAME) == set()


def test_every_field_is_named_once_and_each_kind_section_and_row_is_known():
    assert len(catalogue.BY_NAME) == len(FIELDS)
    sections = {section.key for section in catalogue.SECTIONS}
    for field in FIELDS:
        assert field.kind in catalogue.KINDS and field.section in sections and field.group in sections
        assert field.row >= 1


def test_numbers_have_limits_and_the_canonical_unit_comes_first_among_accepted_units():
    for field in FIELDS:
        if field.kind in ("number", "integer"):
            assert field.limits is not None, f"{field.name}: add its limits to screening/clinical/limits.py"
        if field.units:
            assert field.units[0].code == field.canonical_unit and field.units[0].to_canonical is None
            assert all(unit.to_canonical for unit in field.units[1:])


def test_each_engine_input_is_fed_by_exactly_one_field():
    engine_inputs = [f.engine for f in FIELDS if f.engine]
    assert not [name for name, n in Counter(engine_inputs).items() if n > 1]
    inputs = {f.name for f in dataclasses.fields(Measurements)} - {"sex", "age_years", "population", "extra"}
    assert set(engine_inputs) == inputs


def test_the_unable_flag_of_a_timed_test_is_itself_a_field():
    for test, flag in catalogue.timed_tests().items():
        assert catalogue.BY_NAME[flag].kind == "unable"
        assert catalogue.BY_NAME[test].kind == "number"
    assert {f.name for f in FIELDS if f.kind == "unable"} == set(catalogue.timed_tests().values())


def test_csv_columns_keep_one_position_each_and_a_parser_matching_their_kind():
    columns = catalogue.columns()
    assert [f.column.position for f in columns] == list(range(1, len(columns) + 1))
    expected = {
        "number": ("float",),
        "integer": ("int",),
        "tick": ("bool",),
        "yesno": ("bool",),
        "date": ("date",),
        "codes": ("conditions", "medications"),
        "choice": ("setting", "method", "course", "mobility", "finger_ring"),
    }
    for field in columns:
        kind = "timed" if field.unable else None
        assert field.column.kind in ((kind,) if kind else expected[field.kind]), field.name


def test_the_form_validation_adapter_page_csv_and_codes_hold_every_entry_that_applies():
    from screening.batch import import_profiles
    from screening.catalogue import adapters, dictionary, validation
    from screening.interop import codes
    from screening.visits import presenters
    from screening.visits.forms.visit import UNIT_FIELDS, VISIT_FIELDS

    names = [f.name for f in FIELDS]
    assert VISIT_FIELDS == names
    form = _form()
    assert set(names) <= set(form.fields)
    laid_out = Counter(
        f["bf"].name
        for section in form.layout()
        for row in section["rows"]
        for cell in row["cells"]
        for f in cell["fields"]
    )
    assert all(laid_out[name] == 1 for name in names), "every field appears once in the form layout"
    assert set(validation.CHECKED_FIELDS) == {f.name for f in FIELDS if f.limits}
    assert set(validation.MEASURED_FIELDS) == {f.name for f in FIELDS if f.measured}
    assert validation.TIMED_TESTS == presenters.UNABLE == catalogue.timed_tests()
    assert set(adapters.INPUT_FIELDS) == {f.name for f in FIELDS if f.engine}
    on_page = [name for _title, group in presenters.GROUPS for name in group]
    assert sorted(on_page) == sorted(
        f.name for f in FIELDS if f.kind != "unable" and next(s for s in catalogue.SECTIONS if s.key == f.group).on_page
    )
    csv = [f.name for f in catalogue.columns()]
    assert list(dictionary.COLUMNS) == [*dictionary.PATIENT_COLUMNS, *csv]
    assert [row[0] for row in dictionary.table_rows()] == list(dictionary.COLUMNS)
    assert dictionary.TIMED_UNABLE == {n: u for n, u in catalogue.timed_tests().items() if n in csv}
    converted = {name for _choices, _conv, targets in UNIT_FIELDS.values() for name in targets}
    assert converted == {f.name for f in FIELDS if f.unit_choice}
    assert set(import_profiles.UNITS) == {name for name in csv if catalogue.BY_NAME[name].units}
    assert {f.name for f in FIELDS if f.ucum} <= set(codes.UCUM_UNITS)
    numeric = {f.name for f in catalogue.columns() if f.column.kind in ("float", "int", "timed")}
    assert set(codes.MEASUREMENTS) == numeric and numeric <= {f.name for f in FIELDS if f.ucum}


def test_a_value_converts_with_the_unit_the_form_offers():
    from screening.visits.forms.visit import UNIT_FIELDS

    choices, converters, targets = UNIT_FIELDS["hba1c_unit"]
    assert [code for code, _label in choices] == ["%", "mmol/mol"] and targets == ("hba1c_pct",)
    assert converters["mmol/mol"](53) == pytest.approx(7.0, abs=0.01)  # ADA pair: 53 mmol/mol ≈ 7.0 %


def test_the_committed_data_dictionary_is_the_one_the_catalogue_generates():
    from screening.catalogue.dictionary import markdown

    committed = (Path(settings.BASE_DIR) / "docs" / "data-dictionary.md").read_text(encoding="utf-8")
    assert committed == markdown(), "run `python manage.py write_data_dictionary` and commit the file"


def test_write_data_dictionary_check_fails_on_a_stale_file(tmp_path, monkeypatch):
    from screening.management.commands import write_data_dictionary

    stale = tmp_path / "data-dictionary.md"
    stale.write_text("# Data dictionary\n", encoding="utf-8")
    monkeypatch.setattr(write_data_dictionary, "PATH", stale)
    with pytest.raises(CommandError, match="differs from the catalogue"):
        call_command("write_data_dictionary", "--check")
    call_command("write_data_dictionary")
    call_command("write_data_dictionary", "--check")
    assert stale.read_text(encoding="utf-8").startswith("# Data dictionary\n\n<!-- Generated")


def test_the_dictionary_writes_limits_as_limits_py_holds_them():
    from screening.catalogue.dictionary import table_rows

    rows = {row[0]: row for row in table_rows()}
    # criteria.md §8 via limits.py: grip > 0 and ≤ 100 kg; gait speed 0.05–3.0 m/s; ASM soft bounds by sex
    assert rows["grip_strength_kg"][3:5] == ("> 0 and ≤ 100", "< 5; > 70 (M) / > 50 (F)")
    assert rows["gait_speed_m_s"][2:4] == ("m/s or `unable`", "0.05–3.0")
    assert rows["asm_kg"][4] == "< 12 / > 35 (M); < 8 / > 28 (F)"
    assert rows["weight_kg"][3] == "20–300; BMI 10–80"
    assert rows["gait_course_m"][5].endswith("4 m 1.3–120 s, 6 m 2–180 s")
