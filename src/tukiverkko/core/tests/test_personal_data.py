"""Every model of a client-data app declares the personal data it holds (STYLE 10), and names
only fields it has."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db.models import Model

CLIENT_DATA_MODELS = [
    model
    for config in apps.get_app_configs()
    if getattr(config, "client_data", False)
    for model in config.get_models()
]


def test_the_client_data_models_are_found() -> None:
    names = {m.__name__ for m in CLIENT_DATA_MODELS}
    assert {"Client", "Case", "JournalEntry", "Consent", "HandoverRequest"} <= names


@pytest.mark.parametrize("model", CLIENT_DATA_MODELS, ids=lambda m: m._meta.label)
def test_the_model_declares_its_personal_data(model: type[Model]) -> None:
    # given the model's declaration
    declared = getattr(model, "PERSONAL_DATA", None)
    assert isinstance(declared, dict), f"{model._meta.label} declares no PERSONAL_DATA"
    # then each declared name is a field (or, for the henkilötunnus, the decrypting property)
    fields = {f.name for f in model._meta.get_fields()} | {
        name for name in declared if isinstance(getattr(model, name, None), property)
    }
    assert set(declared) <= fields, set(declared) - fields
    for spec in declared.values():
        assert set(spec) == {"sensitive", "export"}
        assert spec["export"] in {"value", "decrypted", "name"}


def test_health_notes_and_reasons_are_sensitive() -> None:
    labels = {m._meta.label: m for m in CLIENT_DATA_MODELS}
    assert labels["cases.JournalEntry"].PERSONAL_DATA["text"]["sensitive"]  # type: ignore[attr-defined]
    assert labels["cases.HandoverRequest"].PERSONAL_DATA["reason"]["sensitive"]  # type: ignore[attr-defined]
    assert labels["clients.Client"].PERSONAL_DATA["henkilotunnus"]["sensitive"]  # type: ignore[attr-defined]
