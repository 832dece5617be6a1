"""The IPS app speaks Swedish and English: every message translated, the pages in each."""

import polib
import pytest
from django.conf import settings
from django.test import Client as HttpClient

from tukiverkko.ips.tests.factories import a_period, a_world

LOCALE = settings.BASE_DIR / "src" / "tukiverkko" / "ips" / "locale"


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_message_is_translated(lang):
    po = polib.pofile(str(LOCALE / lang / "LC_MESSAGES" / "django.po"))
    assert po.untranslated_entries() == [] and po.fuzzy_entries() == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("prefix", "heading"),
    [("", "Ammatillinen profiili"), ("/sv", "Yrkesprofil"), ("/en", "Vocational profile")],
)
def test_the_ips_page_speaks_three_languages(prefix, heading):
    w = a_world()
    a_period(w)
    http = HttpClient()
    http.force_login(w.coach)
    body = http.get(f"{prefix}/ips/asiakkuus/{w.case.pk}/").content.decode()
    assert f'<h2 id="profile-h">{heading}</h2>' in body
