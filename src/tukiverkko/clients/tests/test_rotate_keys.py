"""Rotating the henkilötunnus key: old values stay readable and findable meanwhile, rotate-keys
moves them in batches, stops and resumes, and afterwards the old key is not needed."""

from io import StringIO

import pytest
from cryptography.fernet import Fernet, InvalidToken
from django.core.management import call_command
from django.core.management.base import CommandError

from tukiverkko.cases.tests.factories import a_client, a_professional
from tukiverkko.clients import actions
from tukiverkko.clients.models import Client

OLD, NEW = Fernet.generate_key().decode(), Fernet.generate_key().decode()


def rotate(**options):
    out = StringIO()
    call_command("rotate_keys", stdout=out, **options)
    return out.getvalue()


def clients_under_old_key(settings, n):
    settings.FIELD_ENCRYPTION_KEY, settings.FIELD_ENCRYPTION_KEY_FALLBACKS = OLD, []
    worker = a_professional()
    made = [a_client(worker) for _ in range(n)]
    codes = {c.pk: c.henkilotunnus for c in made}
    settings.FIELD_ENCRYPTION_KEY, settings.FIELD_ENCRYPTION_KEY_FALLBACKS = NEW, [OLD]
    return worker, codes


def under_new_key_only(pk):
    token = Client.objects.get(pk=pk).henkilotunnus_encrypted
    try:
        Fernet(NEW.encode()).decrypt(token.encode())
    except InvalidToken:
        return False
    return True


@pytest.mark.django_db
def test_before_rotation_old_values_decrypt_and_the_person_is_found(settings):
    # given clients written under the old key, and the new key now current
    worker, codes = clients_under_old_key(settings, 2)
    pk, code = next(iter(codes.items()))
    # when one is read and the same person is created again
    read = Client.objects.get(pk=pk).henkilotunnus
    with pytest.raises(actions.AlreadyRegistered) as again:
        actions.register_client(by=worker, henkilotunnus=code, first_name="X", last_name="Y")
    # then the old value decrypts and the existing client is found (by the old key's hash),
    # not duplicated (nor attached to anyone: issue 8)
    assert read == code
    assert again.value.client_id == pk
    assert Client.objects.count() == 2


@pytest.mark.django_db
def test_rotation_in_batches_stops_and_resumes_then_the_old_key_can_go(settings):
    # given five clients under the old key
    _worker, codes = clients_under_old_key(settings, 5)
    # when rotation runs two batches of two, then is run again
    first = rotate(batch_size=2, batches=2)
    halfway = sorted(pk for pk in codes if under_new_key_only(pk))
    second = rotate(batch_size=2)
    # then the first run stopped after four rows and said how to go on, the second finished
    assert "Stopped after 2 batches" in first and "run rotate-keys again" in first
    assert halfway == sorted(codes)[:4]
    assert "1 re-encrypted, 4 already under the current key" in second
    assert "TUKIVERKKO_FIELD_KEY_PREVIOUS can be removed" in second
    # and without the old key every value decrypts and every person is found by hash
    settings.FIELD_ENCRYPTION_KEY_FALLBACKS = []
    for pk, code in codes.items():
        client = Client.objects.get(pk=pk)
        assert client.henkilotunnus == code
        assert Client.objects.filter(henkilotunnus_hash=client.henkilotunnus_hash).count() == 1
        with pytest.raises(actions.AlreadyRegistered) as found:
            actions.register_client(by=_worker, henkilotunnus=code, first_name="X", last_name="Y")
        assert found.value.client_id == pk


@pytest.mark.django_db
def test_a_value_no_key_decrypts_stops_rotation_naming_the_client(settings):
    # given clients under a key that is no longer configured at all
    _worker, codes = clients_under_old_key(settings, 2)
    settings.FIELD_ENCRYPTION_KEY_FALLBACKS = []
    first = min(codes)
    # when rotation runs
    with pytest.raises(CommandError) as raised:
        rotate()
    # then it names the first client it cannot read and what to do, and changed nothing
    assert f"client id {first}" in str(raised.value)
    assert "TUKIVERKKO_FIELD_KEY_PREVIOUS" in str(raised.value)
    assert raised.value.returncode == 2
    assert not any(under_new_key_only(pk) for pk in codes)
