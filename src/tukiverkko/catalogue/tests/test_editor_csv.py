from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tukiverkko.accounts.models import Organisation, Role, User
from tukiverkko.catalogue.models import Service
from tukiverkko.catalogue.tests.interop_data import load_rich_catalogue

pytestmark = pytest.mark.django_db

PAGE = "/palvelut/yllapito/csv/"
DOWNLOAD = "/palvelut/yllapito/csv/lataa/"


@pytest.fixture
def catalogue(tmp_path):
    load_rich_catalogue(tmp_path)


def a_user(role: str) -> User:
    return User.objects.create_user(
        f"user-{role}", password="x" * 12, role=role, organisation=Organisation.objects.first()
    )


def logged_in(role: str, **kwargs) -> Client:
    client = Client(**kwargs)
    client.force_login(a_user(role))
    return client


def upload(client: Client, text: str, name: str = "palvelut.csv"):
    return client.post(PAGE, {"file": SimpleUploadedFile(name, text.encode("utf-8"))})


def test_urls_are_where_the_docs_say():
    assert reverse("catalogue:editor-csv") == PAGE
    assert reverse("catalogue:editor-csv-download") == DOWNLOAD


def test_anonymous_is_sent_to_login_and_other_roles_are_refused(client, catalogue):
    response = client.get(PAGE)
    assert response.status_code == 302 and "/tili/" in response["Location"]
    assert client.get(DOWNLOAD).status_code == 302
    doctor = logged_in(Role.DOCTOR)
    assert doctor.get(PAGE).status_code == 403
    assert doctor.get(DOWNLOAD).status_code == 403


@pytest.mark.parametrize("role", [Role.CATALOGUE_EDITOR, Role.ADMINISTRATOR])
def test_editor_downloads_the_csv(catalogue, role):
    client = logged_in(role)
    page = client.get(PAGE)
    assert page.status_code == 200
    assert DOWNLOAD in page.content.decode()
    response = client.get(DOWNLOAD)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert response.content.decode("utf-8-sig").startswith("slug;organisation;service_type")


def test_uploading_the_download_unchanged_saves_nothing(catalogue):
    client = logged_in(Role.CATALOGUE_EDITOR)
    text = client.get(DOWNLOAD).content.decode("utf-8-sig")
    response = upload(client, text)
    assert response.status_code == 200
    assert "Tiedostossa ei ollut muutoksia" in response.content.decode()


def test_uploading_a_change_saves_it(catalogue):
    client = logged_in(Role.CATALOGUE_EDITOR)
    text = client.get(DOWNLOAD).content.decode("utf-8-sig")
    response = upload(client, text.replace("Auttaa tunnistamaan", "Tukee tunnistamaan"))
    assert response.status_code == 200
    assert "Tallennettu: 0 uutta, 1 muuttunutta, 1 ennallaan." in response.content.decode()
    assert Service.objects.get(slug="testila-tyokykykoordinaattori").what_fi.startswith("Tukee")


def test_errors_are_listed_in_finnish_by_row_and_column_and_nothing_is_saved(catalogue):
    # given a download where the second service gets an unknown network group and a bad date
    client = logged_in(Role.CATALOGUE_EDITOR)
    text = client.get(DOWNLOAD).content.decode("utf-8-sig")
    text = text.replace(";health;", ";kuu;").replace("2024-12-31", "31.13.2024", 1)
    text = text.replace("Päättynyt kokeilu", "Ei saa tallentua")
    # when
    response = upload(client, text)
    # then
    html = response.content.decode()
    assert response.status_code == 422
    assert "Mitään ei tallennettu" in html
    assert (
        "<td>3</td><td>testila-tyokykykoordinaattori</td><td><code>network_group</code></td>"
        in html
    )
    assert "ei ole sallittu arvo" in html
    assert "&#x27;31.13.2024&#x27;: ei ole kelvollinen päivämäärä" in html
    assert Service.objects.get(slug="testila-kuntakokeilu").what_fi.startswith("Päättynyt")


def test_a_file_that_is_not_utf8_is_refused_in_finnish(catalogue):
    client = logged_in(Role.CATALOGUE_EDITOR)
    response = client.post(
        PAGE, {"file": SimpleUploadedFile("p.csv", "slug;nimi\nä;ö\n".encode("latin-1"))}
    )
    assert response.status_code == 422
    assert "Tiedosto ei ole UTF-8-tekstiä" in response.content.decode()


def test_upload_without_csrf_token_is_refused(catalogue):
    client = logged_in(Role.CATALOGUE_EDITOR, enforce_csrf_checks=True)
    before = Service.objects.get(slug="testila-kuntakokeilu").updated_at
    response = upload(client, "slug;organisation\n")
    assert response.status_code == 403
    assert Service.objects.get(slug="testila-kuntakokeilu").updated_at == before
