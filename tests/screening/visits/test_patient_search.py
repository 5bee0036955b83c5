"""Patient search by identifier prefix or name fragment, backed by indexes on PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection

from screening.models import Patient
from screening.selectors import patient_search

pytestmark = pytest.mark.django_db


def test_it_finds_identifier_prefixes_and_name_fragments_in_any_case(site_a, clinician_a):
    for identifier, name in (("MRN-1001", "王秀英"), ("MRN-1002", "Liwei Zhang"), ("X-2001", "Mary Liwen")):
        Patient.objects.create(site=site_a, identifier=identifier, name=name, sex="F", date_of_birth=date(1950, 1, 1))

    def found(query: str) -> list[str]:
        return [p.identifier for p in patient_search(user=clinician_a, query=query)]

    assert found("MRN-100") == ["MRN-1001", "MRN-1002"]
    assert found("liw") == ["MRN-1002", "X-2001"]
    assert found("秀英") == ["MRN-1001"]
    assert found("1001") == []  # identifiers match by prefix only


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the search indexes are PostgreSQL's")
def test_postgresql_has_the_search_indexes():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'screening_patient'")
        names = {row[0] for row in cursor.fetchall()}
    assert {"patient_identifier_prefix", "patient_name_trigram"} <= names
