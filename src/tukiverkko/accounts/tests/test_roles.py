"""One table of who may do what (accounts/roles.py), and the page decorators that read it."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from tukiverkko.accounts import roles
from tukiverkko.accounts.decorators import client_data, editor_required, professional_of
from tukiverkko.accounts.models import Role, User

pytestmark = pytest.mark.django_db


def a_user(role: str, **kw: object) -> User:
    user = User(username=f"u-{role or 'none'}", role=role, **kw)
    user.set_unusable_password()
    user.save()
    return user


@pytest.mark.parametrize("role", list(Role))
def test_every_role_either_works_with_clients_or_does_not(role: Role) -> None:
    user = a_user(role)
    assert roles.works_with_clients(user) is (role in roles.CLIENT_WORK_ROLES)
    assert roles.works_with_clients(user) is (role not in roles.NON_CLIENT_ROLES)


def test_the_table_names_who_edits_hands_over_and_reads_the_log() -> None:
    assert roles.edits_catalogue(a_user(Role.CATALOGUE_EDITOR))
    assert not roles.edits_catalogue(a_user(Role.DOCTOR))
    assert roles.hands_over_caseloads(a_user(Role.WORK_ABILITY_COORDINATOR))
    assert not roles.hands_over_caseloads(a_user(Role.SOCIAL_WORKER))
    assert roles.reads_audit_log(a_user(Role.DATA_PROTECTION))
    assert not roles.reads_audit_log(a_user(Role.ADMINISTRATOR))


def test_an_inactive_or_anonymous_user_holds_no_capability() -> None:
    inactive = a_user(Role.DOCTOR, is_active=False)
    assert not roles.works_with_clients(inactive)
    assert not roles.works_with_clients(AnonymousUser())
    assert not roles.works_with_clients(None)


def ok(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


def request_by(user: object) -> HttpRequest:
    request = RequestFactory().get("/x")
    request.user = user  # type: ignore[assignment]
    return request


def test_a_client_data_page_sends_anonymous_users_to_log_in_and_is_never_cached() -> None:
    page = client_data(ok)
    assert page(request_by(AnonymousUser())).status_code == 302
    response = page(request_by(a_user(Role.DOCTOR)))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_a_user_without_a_role_is_refused_every_professional_page() -> None:
    with pytest.raises(PermissionDenied):
        client_data(ok)(request_by(a_user("")))


def test_only_editors_reach_the_upkeep_pages() -> None:
    upkeep = editor_required(ok)
    assert upkeep(request_by(a_user(Role.CATALOGUE_EDITOR))).status_code == 200
    with pytest.raises(PermissionDenied):
        upkeep(request_by(a_user(Role.DOCTOR)))


def test_the_professional_of_a_request_is_its_user_or_refused() -> None:
    user = a_user(Role.DOCTOR)
    assert professional_of(request_by(user)) == user
    with pytest.raises(PermissionDenied):
        professional_of(request_by(AnonymousUser()))


def test_a_professional_works_in_a_unit_of_their_own_organisation_only() -> None:
    # given two organisations and a unit of the first
    from django.core.exceptions import ValidationError

    from tukiverkko.accounts.models import Organisation, Region, Register, Unit

    region = Region.objects.create(slug="r", name_fi="Alue")
    county = Organisation.objects.create(slug="hva", name_fi="Hva", sector="public", region=region)
    town = Organisation.objects.create(
        slug="town", name_fi="Kaupunki", sector="public", region=region
    )
    unit = Unit.objects.create(
        organisation=county, slug="sos", name_fi="Sosiaalipalvelut", register=Register.SOCIAL_CARE
    )
    # when a user of the town is put in the county's unit
    user = User(username="x", role=Role.SOCIAL_WORKER, organisation=town, unit=unit)
    # then the model refuses, naming the field
    with pytest.raises(ValidationError) as refused:
        user.clean()
    assert "unit" in refused.value.message_dict
    # and a user of the county may be in it
    User(username="y", role=Role.SOCIAL_WORKER, organisation=county, unit=unit).clean()
