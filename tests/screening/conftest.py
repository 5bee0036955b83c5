"""Tests here read English messages unless they ask for Chinese (the product default is zh-hans)."""

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english_by_default(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield
