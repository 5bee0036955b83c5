"""Simplified Chinese is complete: every marked string has a translation, the shipped .mo is the compiled
.po, a fresh extraction finds nothing new, SARC-F reads as the English original (criteria.md §7.1) and the
main screens render in Chinese. Update the catalog with `.venv/bin/python scripts/i18n/update.py`."""

from __future__ import annotations

import gettext
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

ROOT = Path(settings.BASE_DIR)
PO_PATH = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
MO_PATH = PO_PATH.with_suffix(".mo")
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%%|\{\w+\}")
# Not copied when extracting into a temporary tree: environments, caches, outputs and files outside the catalog.
NOT_COPIED = {
    ".git",
    ".venv",
    "node_modules",
    "var",
    "staticfiles",
    "test-artifacts",
    "tests",
    "bench",
    "__pycache__",
    ".pytest_cache",
    ".mypy_cache",
    ".ruff_cache",
}
DEFAULT_KEYWORDS = {
    "_",
    "gettext",
    "ngettext",
    "gettext_lazy",
    "ngettext_lazy",
    "gettext_noop",
    "pgettext",
    "npgettext",
    "pgettext_lazy",
    "npgettext_lazy",
}


def _update_module():
    spec = importlib.util.spec_from_file_location("i18n_update", ROOT / "scripts" / "i18n" / "update.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _key(entry: polib.POEntry) -> tuple[str | None, str, str]:
    return entry.msgctxt, entry.msgid, entry.msgid_plural or ""


def _translations(entry: polib.POEntry) -> list[str]:
    return list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]


@pytest.fixture(scope="module")
def po() -> polib.POFile:
    assert PO_PATH.exists(), "run .venv/bin/python scripts/i18n/update.py"
    return polib.pofile(str(PO_PATH))


# --- (a) complete ---------------------------------------------------------------------------------


def test_it_translates_every_msgid_in_every_plural_form(po):
    untranslated = [e.msgid for e in po if not _translations(e) or not all(s.strip() for s in _translations(e))]
    assert not untranslated, f"add these to scripts/i18n/zh_hans.py and run scripts/i18n/update.py: {untranslated}"
    assert all(len(e.msgstr_plural) == 1 for e in po if e.msgid_plural), "zh has one plural form (nplurals=1)"


def test_it_has_no_fuzzy_or_obsolete_entries(po):
    assert not [e.msgid for e in po if "fuzzy" in e.flags]
    assert not po.metadata_is_fuzzy
    assert not po.obsolete_entries(), "plain makemessages drops the `_l` strings: run scripts/i18n/update.py"


def test_it_keeps_every_placeholder(po):
    for entry in po:
        want = sorted(PLACEHOLDER.findall(entry.msgid))
        for text in _translations(entry):
            assert sorted(PLACEHOLDER.findall(text)) == want, entry.msgid


def test_it_declares_the_language_and_its_plural_rule(po):
    assert po.metadata["Language"] == "zh_Hans"
    assert po.metadata["Plural-Forms"].startswith("nplurals=1;")


# --- (b) the .mo is the compiled .po ----------------------------------------------------------------


def test_it_ships_the_compiled_catalog_of_the_po(po):
    with MO_PATH.open("rb") as handle:
        catalog = dict(gettext.GNUTranslations(handle)._catalog)  # what Django reads at runtime
    catalog.pop("", None)  # the header
    expected = {}
    for entry in po:
        msgid = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        if entry.msgid_plural:
            expected.update({(msgid, int(n)): text for n, text in entry.msgstr_plural.items()})
        else:
            expected[msgid] = entry.msgstr
    stale = {k for k in expected.keys() | catalog.keys() if expected.get(k) != catalog.get(k)}
    assert not stale, f"recompile: .venv/bin/python scripts/i18n/update.py apply ({sorted(map(str, stale))[:5]})"


def test_it_compiles_without_format_errors(tmp_path):
    result = subprocess.run(
        ["msgfmt", "--check-format", "-o", str(tmp_path / "x.mo"), str(PO_PATH)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


# --- (c) nothing marked in the code is missing from the catalog -----------------------------------


def test_it_extracts_every_alias_of_the_translation_functions():
    """`gettext_lazy as _l` is invisible to plain makemessages; update.py must pass each alias to xgettext."""
    update = _update_module()
    alias = re.compile(r"\b(?:n|p|np)?gettext(?:_lazy|_noop)?\s+as\s+(\w+)")
    used = set()
    for path in update.python_files(ROOT):
        used |= {(name, str(path.relative_to(ROOT))) for name in alias.findall(path.read_text(encoding="utf-8"))}
    unknown = sorted((name, where) for name, where in used if name not in DEFAULT_KEYWORDS | set(update.EXTRA_KEYWORDS))
    assert not unknown, f"add to EXTRA_KEYWORDS in scripts/i18n/update.py: {unknown}"


def test_a_fresh_extraction_finds_no_string_missing_from_the_catalog(po, tmp_path):
    """Runs the real extraction (makemessages + keyword aliases) on a copy of the tree and diffs msgids."""
    copy = tmp_path / "tree"
    shutil.copytree(ROOT, copy, symlinks=True, ignore=lambda d, names: [n for n in names if n in NOT_COPIED])
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run(
        [sys.executable, "scripts/i18n/update.py", "extract"],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    fresh = polib.pofile(str(copy / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"))
    committed = {_key(e) for e in po}
    missing = sorted(e.msgid for e in fresh if not e.obsolete and _key(e) not in committed)
    assert not missing, f"untranslated new strings; run .venv/bin/python scripts/i18n/update.py: {missing}"


# --- (d) SARC-F wording (criteria.md §7.1) -----------------------------------------------------------


def test_it_asks_about_ten_steps_not_ten_floors():
    from screening.visits.forms.visit_layout import SARC_F_QUESTIONS

    with translation.override("zh-hans"):
        climb = str(SARC_F_QUESTIONS["sarc_f_climb"][0])
        falls = [str(a) for a in SARC_F_QUESTIONS["sarc_f_falls"][1]]
        difficulty = [str(a) for a in SARC_F_QUESTIONS["sarc_f_strength"][1]]
    assert "10级台阶" in climb and "10层" not in climb
    assert falls == ["无", "1–3次", "4次及以上"]
    assert difficulty == ["无", "有些困难", "很困难或无法完成"]


def test_it_asks_about_rising_from_a_bed_or_chair_under_the_item_name_qili(po):
    """SARC-F item R (criteria.md §7.1): the item name is 起立 and the question names bed and chair."""
    from screening.visits.forms.visit_layout import SARC_F_QUESTIONS

    with translation.override("zh-hans"):
        rise = str(SARC_F_QUESTIONS["sarc_f_rise"][0])
        label = translation.gettext("SARC-F rise from a chair")
    assert rise == "起立：从床上或椅子上起立有多困难？"
    assert label == "SARC-F 起立"
    assert not [t for e in po for t in _translations(e) if "起身转移" in t]


def test_it_words_bed_or_chair_bound_as_the_clinical_term(po):
    with translation.override("zh-hans"):
        assert translation.gettext("Bed- or chair-bound") == "卧床或仅能坐于椅上"
    assert not [t for e in po for t in _translations(e) if "只能坐椅" in t or "依赖轮椅" in t]


def test_it_never_says_more_than_four_points_or_ten_floors(po):
    texts = [t for e in po for t in _translations(e)]
    assert not [t for t in texts if re.search(r"(大于|超过|>|＞)\s*4\s*分|10\s*层", t)]
    with translation.override("zh-hans"):
        assert "≥4分" in translation.gettext(
            "Filled in from the five items when all are answered. Positive at 4 or more."
        )


# --- (e) the screens render in Chinese ---------------------------------------------------------------


class _VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        self._hidden += tag in ("script", "style")
        self.parts += [v for k, v in attrs if k in ("title", "aria-label", "placeholder", "alt") and v]

    def handle_endtag(self, tag):
        self._hidden -= tag in ("script", "style")

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.parts.append(data.strip())


def _visible(response) -> str:
    parser = _VisibleText()
    parser.feed(response.content.decode())
    return "\n".join(parser.parts)


def _leftover_english(text: str, po: polib.POFile) -> list[str]:
    """Catalog phrases (two words or more) that appear in English on a page that should be Chinese."""
    phrases = [e.msgid for e in po if " " in e.msgid and "%" not in e.msgid and e.msgstr != e.msgid]
    return [p for p in phrases if p in text]


@pytest.fixture
def zh_client(client, clinician_a):
    client.force_login(clinician_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    return client


@pytest.mark.django_db
def test_the_patient_list_renders_in_chinese(zh_client, patient_a, po):
    text = _visible(zh_client.get(reverse("screening:patient_list")))
    for chinese in ("患者", "新建患者", "搜索", "编号", "姓名", "年龄", "应复评日期", "全部机构", "退出登录"):
        assert chinese in text
    for english in ("New patient", "Search", "Reassessment due", "All sites", "Log out", "Patients"):
        assert english not in text
    assert not _leftover_english(text, po)


@pytest.mark.django_db
def test_the_visit_form_renders_in_chinese(zh_client, patient_a, po):
    text = _visible(zh_client.get(reverse("screening:visit_create", args=[patient_a.pk])))
    for chinese in (
        "保存就诊记录",
        "握力",
        "小腿围",
        "5次起坐试验",
        "起立-行走计时测试（TUG）",
        "爬10级台阶",
        "≥4分为阳性",
        "肌肉量测量方法",
        "未询问",
    ):
        assert chinese in text
    for english in (
        "Save visit",
        "Calf circumference",
        "Grip strength",
        "Climb stairs",
        "Timed Up and Go",
        "Not asked",
        "SARC-F: ask each question",
    ):
        assert english not in text
    assert not _leftover_english(text, po)


@pytest.mark.django_db
def test_a_refused_value_is_explained_in_chinese_with_its_range(zh_client, patient_a):
    """Clinical safety: the Chinese message keeps the value, the unit and the allowed range."""
    response = zh_client.post(
        reverse("screening:visit_create", args=[patient_a.pk]),
        {"visit_date": "2026-06-01", "setting": "community", "weight_kg": "19", "grip_unit": "kg", "grip_right_1": "0"},
    )
    errors = response.context["form"].errors
    assert re.fullmatch(r"19 kg 不可能：请输入不低于 [\d.]+ 且不超过 [\d.]+ kg 的值。", errors["weight_kg"][0])
    assert re.fullmatch(r"0 kg 不可能：请输入大于 0 且不超过 [\d.]+ kg 的值。", errors["grip_right_1"][0])
    assert "保存就诊记录" in response.content.decode()


def test_the_report_wording_has_chinese_wherever_it_has_english():
    """The take-home report keeps its own bilingual table (screening/reports/text.py), not the catalog."""
    from screening.reports.text import what_this_means, words

    english, chinese = words("en"), words("zh-hans")
    assert not [key for key, text in english.items() if text.strip() and not chinese[key].strip()]
    assert all(text.strip() for text in what_this_means("zh-hans"))
