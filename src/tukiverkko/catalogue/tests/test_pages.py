"""The public catalogue pages and the editors' upkeep list, through Django's test client."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse

from tukiverkko.accounts.models import Role, User
from tukiverkko.catalogue.tests.webdata import freshen_verifications, load_web_catalogue

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(tmp_path):
    load_web_catalogue(tmp_path)
    freshen_verifications()


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_search_page_finds_inflected_word_and_counts(client, catalogue):
    # when
    response = client.get("/palvelut/", {"q": "kuntoutuksen"})
    # then
    page = text(response)
    assert response.status_code == 200
    assert "2 palvelua" in page
    assert "Kuntoutustutkimusyksikkö" in page and "Työkykykoordinaattori, Testilä" in page
    assert "Tukirinki" not in page
    assert 'aria-live="polite"' in page
    assert 'hx-get="/palvelut/"' in page


def test_search_page_tyokyvyn_finds_tyokyky(client, catalogue):
    page = text(client.get("/palvelut/", {"q": "työkyvyn"}))
    assert "3 palvelua" in page and "Työkykykoordinaattori, Testilä" in page


def test_htmx_request_gets_only_the_results(client, catalogue):
    # when
    response = client.get(
        "/palvelut/", {"q": "työkyky", "need_area": "wellbeing"}, HTTP_HX_REQUEST="true"
    )
    # then
    page = text(response)
    assert "<html" not in page and 'class="search-form"' not in page
    # the language buttons are swapped out of band so they keep the new search
    assert 'hx-swap-oob="true"' in page
    assert 'value="/sv/palvelut/?q=ty%C3%B6kyky&amp;need_area=wellbeing"' in page
    assert "1 palvelu<" in page and "Työttömien terveydenhoitaja, Koekylä" in page


def test_filters_work_without_javascript(client, catalogue):
    page = text(client.get("/palvelut/", {"sector": "third_sector", "municipality": "Testilä"}))
    assert "1 palvelu<" in page and "Tukirinki" in page
    assert "Sektori: <strong>Kolmas sektori</strong>" in page


@pytest.mark.parametrize("bad", ["abc", "200", "-3", "12.5", "1" * 30, "٣٥"])
def test_bad_age_gives_finnish_message_naming_the_field(client, catalogue, bad):
    # when
    response = client.get("/palvelut/", {"age": bad, "q": "työkyvyn"})
    # then the page works, names the field and still searches with the valid criteria
    page = text(response)
    assert response.status_code == 200
    assert "Asiakkaan ikä: anna ikä" in page
    assert 'aria-invalid="true"' in page
    assert "3 palvelua" in page


def test_too_long_query_is_reported_with_the_field_name(client, catalogue):
    page = text(client.get("/palvelut/", {"q": "työ " * 100}))
    assert "Hakusana: enintään 200 merkkiä." in page


def test_unknown_choice_is_reported_not_crashed(client, catalogue):
    page = text(client.get("/palvelut/", {"need_area": "<script>"}))
    assert "Tarvealue: valitse vaihtoehto luettelosta." in page
    assert "<script>" not in page.split("</header>")[1]


def test_ended_services_appear_only_when_asked(client, catalogue):
    assert "Kuntakokeilu, Testilä" not in text(client.get("/palvelut/", {"q": "kuntakokeilu"}))
    page = text(client.get("/palvelut/", {"q": "kuntakokeilu", "include_ended": "on"}))
    assert "Kuntakokeilu, Testilä" in page and "Päättyi 31.12.2024" in page


def test_service_page_shows_the_four_questions_contacts_and_verification(client, catalogue):
    # when
    response = client.get(reverse("catalogue:service", args=["testila-tyokykykoordinaattori"]))
    # then
    page = text(response)
    for heading in ("Mitä?", "Miksi?", "Miten?", "Kenelle?", "Kuka on oikeutettu"):
        assert heading in page
    assert "Tieto puuttuu – täydennetään" in page  # the placeholder phone
    assert "000-000" not in page
    assert 'href="tel:020692235"' in page and "ma–ke 9.00–15.00" in page
    assert "Vain ammattilaisille" in page
    assert "Ammattilaisen ohjaamana tai lähetteellä" in page
    assert "Salatulla sähköpostilla tilanne lyhyesti." in page
    assert "joka tarvitsee palveluiden yhteensovittamista" in page
    assert "Koekylä, Testilä" in page
    assert "Tarkistettu 31.12.2024 (seed 000)" in page


def test_ended_service_names_its_successor(client, catalogue):
    page = text(client.get(reverse("catalogue:service", args=["kuntakokeilu-testila"])))
    assert "Palvelu päättyi 31.12.2024." in page
    assert "Tilalle tuli:" in page and "/palvelut/tyollisyysalue-testila/" in page


def test_coming_service_says_when_it_starts(client, catalogue):
    page = text(client.get(reverse("catalogue:service", args=["tuleva-palvelu"])))
    assert "Palvelu alkaa 1.1.2030." in page


def test_service_page_in_swedish_falls_back_to_finnish(client, catalogue):
    # when
    page = text(client.get("/sv/palvelut/testila-tyokykykoordinaattori/"))
    # then: Swedish where the data has it, Finnish otherwise
    assert '<html lang="sv">' in page
    assert "Koordinator, Testilä" in page
    assert "Hjälper att känna igen" in page
    assert '<p lang="fi">Tapaamiset ja verkostotyö.</p>' in page  # language of parts
    assert "<h1>Koordinator, Testilä</h1>" in page


def test_unknown_service_is_404(client, catalogue):
    assert client.get("/palvelut/ei-ole/").status_code == 404


def test_organisation_page_lists_current_and_other_services(client, catalogue):
    page = text(client.get(reverse("catalogue:organisation", args=["testilan-kaupunki"])))
    assert "Etsivä nuorisotyö, Testilä" in page and "Testimaan työllisyysalue" in page
    current, other = page.split("Päättyneet ja tulevat palvelut")
    assert "Kuntakokeilu, Testilä" in other and "Tuleva palvelu" in other
    assert "Kuntakokeilu" not in current


def test_network_map_draws_groups_around_the_unemployed(client, catalogue):
    # when
    page = text(client.get(reverse("catalogue:network", args=["testimaa"])))
    # then
    assert 'role="img"' in page and "<title id=" in page and "<desc id=" in page
    assert "Työttömät," in page
    for group in (
        "Perusterveydenhuolto",
        "Erikoissairaanhoito",
        "Nuorisopalvelut",
        "Kolmas sektori",
    ):
        assert group in page
    assert 'href="/palvelut/tukirinki/"' in page
    assert "Kuntakokeilu" not in page  # ended services are not in today's network
    assert min(int(s) for s in re.findall(r'font-size="(\d+)"', page)) >= 15
    assert "Verkoston toimijat luettelona" in page


def test_network_map_filtered_by_municipality(client, catalogue):
    page = text(client.get(reverse("catalogue:network", args=["testimaa"]), {"kunta": "Koekylä"}))
    assert "Työttömien terveydenhoitaja, Koekylä" in page
    assert "Kuntoutustutkimusyksikkö" not in page
    assert (
        client.get(reverse("catalogue:network", args=["testimaa"]), {"kunta": "Oulu"}).status_code
        == 404
    )


def test_quick_guide_has_steps_flow_figure_and_tiles(client, catalogue):
    # when
    page = text(client.get(reverse("catalogue:quick_guide", args=["testila"])))
    # then
    assert "Verkostotyön pikaopas: Testilä" in page
    assert page.count('<li class="must">Sopikaa kuka on vastuussa seurannasta.</li>') == 1
    assert "Työkykymittari" in page and "työterveyshuolto" in page
    assert 'role="img"' in page
    assert page.count('class="tile"') == 5  # services valid today in Testilä
    assert "Yhteystiedot tarkistettu 31.12.2024 (seed 000)" in page
    assert "Kuntakokeilu" not in page
    assert client.get(reverse("catalogue:quick_guide", args=["oulu"])).status_code == 404


def test_quick_guide_print_css_keeps_tiles_whole_on_a4(client, catalogue):
    from django.contrib.staticfiles import finders

    css = Path(finders.find("catalogue/quick-guide.css")).read_text(encoding="utf-8")
    assert "size: A4" in css and "break-inside: avoid" in css


def _user(role: str) -> User:
    return User.objects.create_user(username=role or "norole", password="x-Secret-123", role=role)


def test_unverified_list_oldest_first_for_editors(client, catalogue):
    # given
    client.force_login(_user(Role.CATALOGUE_EDITOR))
    # when
    page = text(client.get(reverse("catalogue:unverified")))
    # then
    assert page.index("Kuntoutustutkimusyksikkö") < page.index("Työkykykoordinaattori, Testilä")
    assert "15.1.2023" in page and "31.12.2024" in page
    assert "Tukirinki" not in page


def test_unverified_list_is_for_editors_and_administrators_only(client, catalogue):
    url = reverse("catalogue:unverified")
    assert client.get(url).status_code == 302  # anonymous → login
    assert "/tili/kirjaudu/" in client.get(url)["Location"]
    client.force_login(_user(Role.DOCTOR))
    assert client.get(url).status_code == 403
    client.force_login(_user(Role.ADMINISTRATOR))
    assert client.get(url).status_code == 200


def test_public_pages_need_no_login(client, catalogue):
    for url in (
        "/",
        "/palvelut/",
        "/palvelut/tukirinki/",
        "/palvelut/toimijat/tukiyhdistys/",
        "/palvelut/verkosto/testimaa/",
        "/palvelut/pikaopas/koekyla/",
    ):
        assert client.get(url).status_code == 200, url


def test_language_switch_keeps_the_page(client, catalogue):
    # given the page in Finnish offers the same page in Swedish
    page = text(client.get("/palvelut/tukirinki/?x=1"))
    assert 'value="/sv/palvelut/tukirinki/?x=1"' in page
    # when the Swedish form is posted to Django's set_language
    response = client.post(
        "/i18n/setlang/", {"language": "sv", "next": "/sv/palvelut/tukirinki/?x=1"}
    )
    # then
    assert response.status_code == 302 and response["Location"] == "/sv/palvelut/tukirinki/?x=1"
    # and back to Finnish from the Swedish page, though the cookie now says Swedish
    swedish = text(client.get("/sv/palvelut/tukirinki/"))
    assert 'value="/palvelut/tukirinki/"' in swedish
    back = client.post("/i18n/setlang/", {"language": "fi", "next": "/palvelut/tukirinki/"})
    assert back["Location"] == "/palvelut/tukirinki/"


def test_service_page_in_english_shows_the_services_own_texts(client, catalogue):
    # when
    page = text(client.get("/en/palvelut/verkostotiimi-koekyla/"))
    # then the service's English texts, not the Finnish ones, and no fallback note
    assert '<html lang="en">' in page
    assert "<h1>Network team, Koekylä</h1>" in page
    for english in (
        "A multisectoral team gathers information on the client.",
        "So that the client is not passed from desk to desk.",
        "The team meets once a month.",
        "Clients who need multisectoral support.",
    ):
        assert f"<p>{english}</p>" in page
    assert "Monialainen tiimi" not in page
    assert "the missing ones are shown in Finnish" not in page
    # and the reader is told that no person has checked the English texts yet
    assert "no one has checked the translation yet" in page


def test_checked_swedish_texts_carry_no_unchecked_note(client, catalogue):
    page = text(client.get("/sv/palvelut/verkostotiimi-koekyla/"))
    assert "<h1>Nätverksteamet, Provby</h1>" in page
    assert "<p>Teamet träffas en gång i månaden.</p>" in page
    assert "ingen har ännu granskat översättningen" not in page


def test_fallback_note_stays_for_texts_still_missing_in_the_language(client, catalogue):
    page = text(client.get("/sv/palvelut/testila-tyokykykoordinaattori/"))
    assert "de som saknas visas på finska" in page
    assert "ingen har ännu granskat översättningen" in page  # its Swedish is unchecked
    assert '<p lang="fi">Tapaamiset ja verkostotyö.</p>' in page


def test_unverified_validity_is_shown_on_the_page_not_as_current(client, catalogue):
    # when
    page = text(client.get(reverse("catalogue:service", args=["verkostotiimi-koekyla"])))
    # then the badge, the reason, and no "toistaiseksi" (until further notice)
    assert "Voimassaolo tarkistamatta:" in page
    assert "Varmista ennen kuin ohjaat asiakkaan." in page
    assert "Lähde on vuoden 2021 luonnos; ei tiedetä, kokoontuuko tiimi yhä." in page
    assert '<span class="badge unverified">voimassaolo tarkistamatta</span>' in page
    assert "toistaiseksi" not in page
    # a service with nothing in doubt stays "toistaiseksi" and has no badge
    other = text(client.get(reverse("catalogue:service", args=["tukirinki"])))
    assert "toistaiseksi" in other and "tarkistamatta" not in other.split("</header>")[1]


def test_unverified_validity_badge_in_results_network_and_organisation(client, catalogue):
    badge = '<span class="badge unverified">Voimassaolo tarkistamatta</span>'
    results = text(client.get("/palvelut/", {"q": "tiimi"}))
    assert "Verkostotiimi, Koekylä" in results and badge in results
    network = text(
        client.get(reverse("catalogue:network", args=["testimaa"]), {"kunta": "Koekylä"})
    )
    assert badge in network
    organisation = text(
        client.get(reverse("catalogue:organisation", args=["testimaan-hyvinvointialue"]))
    )
    assert badge in organisation
    swedish = text(client.get("/sv/palvelut/", {"q": "tiimi"}))
    assert "Giltigheten har inte kontrollerats" in swedish


def test_unverified_list_puts_services_of_unverified_validity_first(client, catalogue):
    # given an editor; the network team was verified 30 days ago, but its validity is in doubt
    client.force_login(_user(Role.CATALOGUE_EDITOR))
    # when
    page = text(client.get(reverse("catalogue:unverified")))
    # then it is on the list, first, with the reason
    assert "1 palvelu, jonka voimassaoloa ei ole tarkistettu" in page
    assert "2 palvelua, joita ei ole tarkistettu 12 kuukauteen" in page
    assert page.index("Verkostotiimi, Koekylä") < page.index("Kuntoutustutkimusyksikkö")
    assert "ei tiedetä, kokoontuuko tiimi yhä" in page


def test_unchecked_translations_page_lists_them_by_language(client, catalogue):
    # given
    client.force_login(_user(Role.CATALOGUE_EDITOR))
    url = reverse("catalogue:editor-translations")
    # when all languages, then English only, then Swedish only
    both = text(client.get(url))
    english = text(client.get(url, {"kieli": "en"}))
    swedish = text(client.get(url, {"kieli": "sv"}))
    # then
    assert "Verkostotiimi, Koekylä" in both and "Työkykykoordinaattori, Testilä" in both
    assert 'href="/en/palvelut/verkostotiimi-koekyla/" hreflang="en"' in english
    assert "Työkykykoordinaattori, Testilä" not in english  # it has no English text
    assert "Työkykykoordinaattori, Testilä" in swedish
    assert "Verkostotiimi, Koekylä" not in swedish  # its Swedish is checked
    assert "0 palvelutyyppiä" in swedish  # the type's Swedish name is checked
    assert "1 palvelu<" in english


def test_unchecked_translations_page_is_for_editors_only(client, catalogue):
    url = reverse("catalogue:editor-translations")
    assert client.get(url).status_code == 302
    client.force_login(_user(Role.DOCTOR))
    assert client.get(url).status_code == 403
    client.force_login(_user(Role.ADMINISTRATOR))
    assert client.get(url, {"kieli": "<script>"}).status_code == 200


def test_search_results_read_only_what_they_show(client, catalogue):
    # given the catalogue, and the queries of one search page
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        # when the page is searched
        response = client.get("/palvelut/", {"q": "kuntoutuksen"})
    sql = [q["sql"] for q in queries.captured_queries]
    # then the shown services come without their lemmas, contacts, municipalities or type
    assert response.status_code == 200 and "2 palvelua" in text(response)
    assert not any("search_lemmas" in s for s in sql if "catalogue_searchtoken" not in s)
    assert not any("contactchannel" in s or "service_municipalities" in s for s in sql)
    assert not any('"catalogue_servicetype"' in s for s in sql)
