"""Translation completeness for every app: Swedish and English catalogues have no empty or
fuzzy translation (msgfmt from GNU gettext, the tool compilemessages itself uses, counts)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from django.conf import settings

PACKAGE = Path(__file__).resolve().parents[2]
PO_FILES = sorted(
    p for lang in ("sv", "en") for p in PACKAGE.glob(f"*/locale/{lang}/LC_MESSAGES/django.po")
)


def statistics(po: Path) -> str:
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "GNU gettext (msgfmt) is needed: apt-get install gettext"
    done = subprocess.run(  # noqa: S603 — fixed tool, our own files
        [msgfmt, "--statistics", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stderr


def test_core_and_catalogue_have_swedish_and_english_catalogues():
    apps = {p.relative_to(PACKAGE).parts[0] for p in PO_FILES}
    assert {"core", "catalogue"} <= apps
    assert len([p for p in PO_FILES if p.parts[-5] == "catalogue"]) == 2


@pytest.mark.parametrize("po", PO_FILES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_every_message_is_translated_and_none_is_fuzzy(po: Path):
    # when
    stats = statistics(po)
    # then
    assert re.search(r"\d+ translated message", stats), stats
    assert "fuzzy" not in stats, f"{po}: {stats}"
    assert "untranslated" not in stats, f"{po}: {stats}"


@pytest.mark.parametrize("po", PO_FILES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_compiled_catalogue_exists_beside_its_source(po: Path):
    mo = po.with_suffix(".mo")
    assert mo.exists(), f"{mo} missing: run compilemessages"


def test_one_finnish_text_has_one_translation_across_apps():
    # Django merges every app's catalogue and the first app wins, so two apps translating the
    # same Finnish text differently would show one of them at random to the reader.
    seen: dict[tuple[str, str], dict[str, str]] = {}
    for po_file in sorted(
        Path(settings.BASE_DIR, "src", "tukiverkko").glob("*/locale/*/LC_MESSAGES/django.po")
    ):
        app, lang = po_file.parts[-5], po_file.parts[-3]
        for entry in polib.pofile(str(po_file)):
            if entry.msgstr and not entry.obsolete:
                seen.setdefault((lang, entry.msgid), {})[app] = entry.msgstr
    conflicts = {k: v for k, v in seen.items() if len(set(v.values())) > 1}
    assert conflicts == {}
