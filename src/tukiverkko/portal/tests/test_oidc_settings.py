"""TUKIVERKKO_OIDC_*: off unless the issuer is set; then complete and sound, or a clear error
naming the variable."""

from __future__ import annotations

import os

import pytest
from django.core.exceptions import ImproperlyConfigured

from tukiverkko import settings as site

FULL = {
    "TUKIVERKKO_OIDC_ISSUER": "https://tunnistus.example.fi",
    "TUKIVERKKO_OIDC_AUTHORIZATION_ENDPOINT": "https://tunnistus.example.fi/auth",
    "TUKIVERKKO_OIDC_TOKEN_ENDPOINT": "https://tunnistus.example.fi/token",
    "TUKIVERKKO_OIDC_JWKS_ENDPOINT": "https://tunnistus.example.fi/certs",
    "TUKIVERKKO_OIDC_CLIENT_ID": "tukiverkko",
    "TUKIVERKKO_OIDC_CLIENT_SECRET": "s3cret",
}


@pytest.fixture
def env(monkeypatch):
    for name in [n for n in os.environ if n.startswith("TUKIVERKKO_OIDC_")]:
        monkeypatch.delenv(name)

    def put(**values: str) -> None:
        for name, value in values.items():
            monkeypatch.setenv(name, value)

    return put


def test_without_an_issuer_it_is_off(env):
    assert site._oidc() is None


def test_a_complete_configuration_has_the_defaults(env):
    env(**FULL)
    conf = site._oidc()
    assert conf is not None
    assert (conf["sign_alg"], conf["hetu_claim"], conf["scopes"], conf["timeout"]) == (
        "RS256",
        "urn:oid:1.2.246.21",
        "openid",
        10,
    )
    assert conf["userinfo_endpoint"] == "" and conf["acr_values"] == []


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"TUKIVERKKO_OIDC_TOKEN_ENDPOINT": ""}, "TUKIVERKKO_OIDC_TOKEN_ENDPOINT"),
        ({"TUKIVERKKO_OIDC_CLIENT_SECRET": ""}, "TUKIVERKKO_OIDC_CLIENT_SECRET"),
        ({"TUKIVERKKO_OIDC_JWKS_ENDPOINT": "ftp://x/certs"}, "TUKIVERKKO_OIDC_JWKS_ENDPOINT"),
        ({"TUKIVERKKO_OIDC_SIGN_ALG": "HS256"}, "TUKIVERKKO_OIDC_SIGN_ALG"),
        ({"TUKIVERKKO_OIDC_SIGN_ALG": "none"}, "TUKIVERKKO_OIDC_SIGN_ALG"),
        ({"TUKIVERKKO_OIDC_TIMEOUT": "0"}, "TUKIVERKKO_OIDC_TIMEOUT"),
    ],
)
def test_an_incomplete_or_unsound_configuration_names_the_variable(env, change, named):
    env(**(FULL | change))
    with pytest.raises(ImproperlyConfigured, match=named):
        site._oidc()


def test_production_asks_for_https(env, monkeypatch):
    env(**(FULL | {"TUKIVERKKO_OIDC_TOKEN_ENDPOINT": "http://tunnistus.example.fi/token"}))
    assert site._oidc() is not None  # plain http is for tests and the demo on loopback
    monkeypatch.setattr(site, "PRODUCTION", True)
    with pytest.raises(ImproperlyConfigured, match="TUKIVERKKO_OIDC_TOKEN_ENDPOINT"):
        site._oidc()
