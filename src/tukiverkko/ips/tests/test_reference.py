"""The work-demand reference of seed 002: its data file with the source, and the search."""

from __future__ import annotations

import copy

import pytest
import yaml
from django.utils import translation

from tukiverkko.ips import reference

RAW = yaml.safe_load(reference.DATA.read_text(encoding="utf-8"))


def test_the_reference_holds_the_seeds_ten_conditions_with_its_source():
    ref = reference.reference()
    assert len(ref.entries) == 10
    assert "[002]" in ref.source


def test_a_search_finds_by_condition_demand_or_keyword_in_any_language():
    assert [e.code for e in reference.search("selkä")] == ["back_pain"]
    assert [e.code for e in reference.search("KEMIKAALI")] == ["hand_eczema"]
    assert [e.code for e in reference.search("plumber")] == ["knee_osteoarthritis"]
    assert reference.search("") == list(reference.reference().entries)
    assert reference.search("selkä polvi") == []


def test_an_entry_speaks_the_readers_language():
    entry = reference.search("polvi")[0]
    with translation.override("sv"):
        assert entry.condition_text == "Knäartros"
    with translation.override("fi"):
        assert entry.examples_text == "Putkimies → toimistotyö"
        assert entry.demands_text.startswith("Kyykistely")


@pytest.mark.parametrize(
    "change",
    [
        lambda r: r.pop("source"),
        lambda r: r["conditions"][0]["demands"].update(sv=""),
        lambda r: r["conditions"].append(copy.deepcopy(r["conditions"][0])),
        lambda r: r.update(conditions=[]),
    ],
)
def test_a_broken_reference_file_is_refused(change):
    raw = copy.deepcopy(RAW)
    change(raw)
    with pytest.raises(reference.ReferenceError):
        reference.parse(raw)
