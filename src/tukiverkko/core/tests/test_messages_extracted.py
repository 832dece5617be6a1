"""Every message of every app is in that app's Swedish and English catalogues, translated.

The catalogue tests (test_translations.py) check the .po files that exist; this one extracts the
messages afresh — `makemessages`, in a temporary copy of each app, so nothing in the tree is
touched — and so also finds an app with no catalogue at all (the roles of accounts were Finnish
on /sv/ and /en/ for that reason) and a message added without `makemessages`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

PACKAGE = Path(__file__).resolve().parents[2]
APPS = sorted(p.parent.name for p in PACKAGE.glob("*/apps.py"))


def extracted(app: str, tmp_path: Path) -> set[str]:
    copy = tmp_path / app
    shutil.copytree(
        PACKAGE / app, copy, ignore=shutil.ignore_patterns("locale", "tests", "__pycache__")
    )
    (copy / "locale").mkdir()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tukiverkko.settings",
        "TUKIVERKKO_ENV": "test",
        "PYTHONPATH": str(PACKAGE.parent),
    }
    done = subprocess.run(
        # -P: the copy holds modules named like the standard library (selectors.py)
        [sys.executable, "-P", "-m", "django", "makemessages", "-l", "sv", "--no-location"],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    po = copy / "locale" / "sv" / "LC_MESSAGES" / "django.po"
    return {e.msgid for e in polib.pofile(str(po))} if po.exists() else set()


def test_the_apps_are_found() -> None:
    assert {"accounts", "cases", "catalogue", "clients", "consent", "core", "rules"} <= set(APPS)


@pytest.mark.parametrize("app", APPS)
def test_every_message_of_the_app_is_translated_to_swedish_and_english(
    app: str, tmp_path: Path
) -> None:
    # given the messages the app's code and templates mark for translation
    messages = extracted(app, tmp_path)
    for lang in ("sv", "en"):
        po_path = PACKAGE / app / "locale" / lang / "LC_MESSAGES" / "django.po"
        if not messages:
            continue
        # then the app has a catalogue in the language, holding each of them translated
        assert po_path.exists(), f"{app} has {len(messages)} messages but no {lang} catalogue"
        translated = {
            e.msgid
            for e in polib.pofile(str(po_path))
            if not e.obsolete
            and "fuzzy" not in e.flags
            and (e.msgstr or (e.msgstr_plural and all(e.msgstr_plural.values())))
        }
        assert sorted(messages - translated) == [], f"{app} ({lang}): run makemessages, translate"
