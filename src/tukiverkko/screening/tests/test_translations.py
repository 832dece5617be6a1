import gettext
import re
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[1] / "locale"


def msgids(lang: str) -> list[str]:
    text = (LOCALE / lang / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    ids = []
    for match in re.finditer(r'^msgid ((?:".*"\n)+)msgstr', text, re.M):
        msgid = "".join(re.findall(r'"(.*)"', match.group(1))).replace('\\"', '"')
        if msgid:
            ids.append(msgid)
    return ids


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_ui_string_is_translated_in_the_compiled_catalogue(lang: str) -> None:
    # given the compiled .mo / then every msgid of the .po has a real translation
    mo = LOCALE / lang / "LC_MESSAGES" / "django.mo"
    with mo.open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    ids = msgids(lang)
    assert len(ids) > 50
    # a string that comes back as the Finnish source is untranslated
    assert [m for m in ids if catalogue.gettext(m) == m] == []
