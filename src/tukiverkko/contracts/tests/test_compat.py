"""The check that the packaged contracts never break the shared ones (scripts/
check-shared-contracts.sh) finds every kind of break, and none where the contract only grew."""

from tukiverkko.contracts import schema
from tukiverkko.contracts.compat import breaks


def test_a_changed_type_a_lost_enum_value_and_a_newly_required_field_are_breaks():
    old = {"type": "object", "properties": {"a": {"enum": ["x", "y"]}, "b": {"type": "integer"}}}
    new = {"type": "object", "required": ["a"], "properties": {"a": {"enum": ["x"]}}}
    assert breaks(old, new, "s") == [
        "s: newly required ['a']",
        "s.a: enum lost values",
        "s.b: removed",
    ]


def test_a_contract_that_only_grew_breaks_nothing():
    old = {"type": "object", "properties": {"a": {"enum": ["x"]}}}
    new = {"type": "object", "properties": {"a": {"enum": ["x", "y"]}, "c": {"type": "string"}}}
    assert breaks(old, new) == []
    assert breaks(schema("client-situation"), schema("client-situation")) == []
