"""Search at the queryset level: Finnish inflection and every filter."""

from __future__ import annotations

import datetime as dt

import pytest

from tukiverkko.catalogue.models import Service
from tukiverkko.catalogue.search import ServiceFilter, filter_services
from tukiverkko.catalogue.tests.webdata import load_web_catalogue

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(tmp_path):
    load_web_catalogue(tmp_path)


def slugs(f: ServiceFilter) -> set[str]:
    return set(filter_services(Service.objects.all(), f).values_list("slug", flat=True))


@pytest.mark.parametrize("word", ["kuntoutus", "kuntoutuksen", "kuntoutusta", "Kuntoutukseen"])
def test_any_inflected_form_of_kuntoutus_finds_the_same_services(catalogue, word):
    # when
    found = slugs(ServiceFilter(q=word))
    # then: "kuntoutustarpeita" and "kuntoutuksen" in the texts both count
    assert found == {"testila-tyokykykoordinaattori", "kuntoutustutkimusyksikko"}


@pytest.mark.parametrize("word", ["työkyky", "työkyvyn", "työkykyä"])
def test_any_inflected_form_of_tyokyky_finds_the_same_services(catalogue, word):
    # when
    found = slugs(ServiceFilter(q=word))
    # then
    assert found == {
        "testila-tyokykykoordinaattori",
        "kuntoutustutkimusyksikko",
        "koekyla-tyottomien-terveystarkastus",  # its service type is Työkykykoordinaattori
    }


def test_query_word_does_not_match_unrelated_compound_parts(catalogue):
    # given "työkyky" — its compound part "työ" must not make every "työllisyys" text match
    # when
    found = slugs(ServiceFilter(q="työkyvyn"))
    # then
    assert "tukirinki" not in found and "tyollisyysalue-testila" not in found


def test_every_query_word_must_match(catalogue):
    assert slugs(ServiceFilter(q="kuntoutuksen lääkärin")) == set()
    assert slugs(ServiceFilter(q="kuntoutuksen arviointeja")) == {"kuntoutustutkimusyksikko"}


def test_filters_by_need_area_region_municipality_route_and_sector(catalogue):
    assert slugs(ServiceFilter(need_area="education")) == {"etsiva-nuorisotyo-testila", "tukirinki"}
    assert slugs(ServiceFilter(access_route="doctor_referral")) == {"kuntoutustutkimusyksikko"}
    assert slugs(ServiceFilter(sector="third_sector")) == {"tukirinki"}
    assert "koekyla-tyottomien-terveystarkastus" not in slugs(ServiceFilter(municipality="Testilä"))
    assert slugs(ServiceFilter(municipality="Koekylä")) == {
        "testila-tyokykykoordinaattori",
        "koekyla-tyottomien-terveystarkastus",
        "verkostotiimi-koekyla",
        "etsiva-nuorisotyo-testila",
        "tyollisyysalue-testila",
    }
    assert slugs(ServiceFilter(region="muualla")) == set()


@pytest.mark.parametrize(("age", "youth_found"), [(14, False), (15, True), (28, True), (29, False)])
def test_age_filter_honours_both_limits(catalogue, age, youth_found):
    assert ("etsiva-nuorisotyo-testila" in slugs(ServiceFilter(age=age))) is youth_found


def test_ended_and_coming_services_are_hidden_unless_asked(catalogue):
    # when
    today = slugs(ServiceFilter())
    everything = slugs(ServiceFilter(include_ended=True))
    # then
    assert "kuntakokeilu-testila" not in today and "tuleva-palvelu" not in today
    assert {"kuntakokeilu-testila", "tuleva-palvelu"} <= everything
    assert "kuntakokeilu-testila" in slugs(ServiceFilter(on=dt.date(2024, 12, 31)))


def test_filters_combine_and_never_repeat_a_service(catalogue):
    # given a service in two municipalities, with two access routes and two need areas
    qs = filter_services(Service.objects.all(), ServiceFilter(q="työkyvyn", age=40))
    # then
    assert qs.count() == len(set(qs.values_list("pk", flat=True))) == 3


def test_a_compound_part_and_a_prefix_find_the_compound(catalogue):
    assert "testila-tyokykykoordinaattori" in slugs(ServiceFilter(q="koordinaattori"))
    assert "kuntoutustutkimusyksikko" in slugs(ServiceFilter(q="kuntoutustutkimus"))


def test_search_tokens_follow_the_saved_search_lemmas(catalogue):
    # given
    service = Service.objects.get(slug="tukirinki")
    assert "tukirinki" not in slugs(ServiceFilter(q="ratsastus"))
    # when the service's base forms change and it is saved
    service.search_lemmas = " ratsastus terapia "
    service.save(update_fields=["search_lemmas"])
    # then
    assert slugs(ServiceFilter(q="ratsastusta")) == {"tukirinki"}
    assert "tukirinki" not in slugs(ServiceFilter(q="koulutus"))
    assert set(service.search_tokens.values_list("lemma", flat=True)) == {"ratsastus", "terapia"}
