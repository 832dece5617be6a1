import pytest

from tukiverkko.contracts import schema
from tukiverkko.screening.instruments import risk_factors, triggers


def test_trigger_slugs_are_exactly_the_contract_enum() -> None:
    # given the client-situation contract / then the nine triggers match it in order
    enum = schema("client-situation")["properties"]["triggers"]["items"]["enum"]
    assert list(triggers.TRIGGER_SLUGS) == enum


def test_check_returns_selected_triggers_in_checklist_order() -> None:
    assert triggers.check(["addiction", "repeated_sick_leave"]) == [
        "repeated_sick_leave",
        "addiction",
    ]


def test_check_names_unknown_slugs() -> None:
    with pytest.raises(ValueError, match="nope"):
        triggers.check(["addiction", "nope"])


@pytest.mark.parametrize(("selected", "need"), [([], False), (["rejected_benefit"], True)])
def test_any_trigger_indicates_a_support_need(selected: list[str], need: bool) -> None:
    assert triggers.support_need_indicated(selected) is need


def test_before_contact_signals_are_the_nine_of_seed_001() -> None:
    slugs = [item.slug for item in triggers.BEFORE_CONTACT_SIGNALS]
    assert len(slugs) == len(set(slugs)) == 9
    assert triggers.check(["exhaustion"], triggers.BEFORE_CONTACT_SIGNALS) == ["exhaustion"]


def test_risk_factors_are_grouped_workplace_person_other() -> None:
    # given the seed [002] lists / then 7 workplace, 12 person and 8 other factors
    sizes = {group.slug: len(group.items) for group in risk_factors.GROUPS}
    assert sizes == {"workplace": 7, "person": 12, "other": 8}


def test_risk_factors_by_group() -> None:
    assert risk_factors.by_group({"smoking", "unemployment"}) == {
        "workplace": [],
        "person": ["smoking"],
        "other": ["unemployment"],
    }
    with pytest.raises(ValueError, match="nope"):
        risk_factors.by_group({"nope"})
