"""The IPS-25 scale and its bands: every boundary (25, 73/74, 99/100, 114/115, 125), the data
file's shape, and the review action."""

from __future__ import annotations

import copy
import datetime as dt

import pytest
import yaml
from django.core.exceptions import ValidationError
from django.utils import timezone

from tukiverkko.ips import actions, fidelity
from tukiverkko.ips.models import FidelityBand
from tukiverkko.ips.tests.factories import a_world
from tukiverkko.referrals.tests.factories import a_service


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (25, FidelityBand.NOT_SUPPORTED),
        (73, FidelityBand.NOT_SUPPORTED),
        (74, FidelityBand.FAIR),
        (99, FidelityBand.FAIR),
        (100, FidelityBand.GOOD),
        (114, FidelityBand.GOOD),
        (115, FidelityBand.EXEMPLARY),
        (125, FidelityBand.EXEMPLARY),
    ],
)
def test_every_band_boundary(total, band):
    assert fidelity.band_of(total) == band


@pytest.mark.parametrize("total", [24, 126])
def test_a_total_outside_25_to_125_is_no_ips25_total(total):
    with pytest.raises(ValueError, match="IPS-25"):
        fidelity.band_of(total)


def test_the_scale_has_the_manuals_25_items_in_three_sections_with_sources():
    scale = fidelity.scale()
    assert [len(s.items) for s in scale.sections] == [3, 8, 14]
    assert scale.items[0].name_source == "Caseload size"
    assert scale.items[-1].name_source.startswith("Assertive engagement")
    assert any("Fidelity Review Manual" in s for s in scale.sources)
    assert scale.sections[0].name == "Henkilöstö" and scale.items[0].name


RAW = yaml.safe_load(fidelity.DATA.read_text(encoding="utf-8"))


def _broken(change):
    raw = copy.deepcopy(RAW)
    change(raw)
    return raw


@pytest.mark.parametrize(
    "change",
    [
        lambda r: r.pop("source"),
        lambda r: r["sections"].reverse(),
        lambda r: r["sections"][2]["items"].pop(),
        lambda r: r["bands"][0].update(max=116),
        lambda r: r["bands"].pop(0),
        lambda r: r["bands"][1].update(band="superb"),
    ],
)
def test_a_broken_scale_file_is_refused(change):
    with pytest.raises(fidelity.ScaleError):
        fidelity.parse(_broken(change))


def scores(total: int) -> dict[str, actions.ItemScore]:
    """Scores adding up to ``total``: 1 each, then the rest spread from the first item."""
    codes = fidelity.scale().codes
    values = [1] * len(codes)
    rest = total - len(codes)
    for i in range(len(codes)):
        add = min(4, rest)
        values[i] += add
        rest -= add
    return {
        c: actions.ItemScore(v, "huomio" if i == 0 else "")
        for i, (c, v) in enumerate(zip(codes, values, strict=True))
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("total", "band"),
    [
        (73, "not_supported"),
        (74, "fair"),
        (99, "fair"),
        (100, "good"),
        (114, "good"),
        (115, "exemplary"),
    ],
)
def test_a_review_is_totalled_and_banded(total, band):
    w = a_world()
    review = actions.record_fidelity_review(
        service=w.service,
        by=w.editor,
        reviewed_on=timezone.localdate(),
        reviewers="Arvioija A, Arvioija B",
        scores=scores(total),
    )
    assert (review.total, review.band) == (total, band)
    assert review.scores.count() == 25


@pytest.mark.django_db
def test_a_review_refuses_what_is_not_a_full_valid_scoring():
    w = a_world()
    bad = scores(100)
    bad["S1"] = actions.ItemScore(6)
    bad.pop("P14")
    bad["X1"] = actions.ItemScore(3)
    with pytest.raises(ValidationError) as exc:
        actions.record_fidelity_review(
            service=a_service(w.service.organisation, "tyokykykoordinaattori"),
            by=w.editor,
            reviewed_on=timezone.localdate() + dt.timedelta(days=1),
            reviewers=" ",
            scores=bad,
        )
    assert {"service", "reviewed_on", "reviewers", "scores", "score_S1", "score_P14"} <= set(
        exc.value.message_dict
    )
    with pytest.raises(ValidationError) as exc:
        actions.record_fidelity_review(
            service=w.service, by=w.editor, reviewed_on=None, reviewers="A", scores=scores(100)
        )
    assert "reviewed_on" in exc.value.message_dict


@pytest.mark.django_db
def test_only_a_catalogue_editor_enters_a_review():
    w = a_world()
    with pytest.raises(ValidationError) as exc:
        actions.record_fidelity_review(
            service=w.service,
            by=w.coach,
            reviewed_on=timezone.localdate(),
            reviewers="A",
            scores=scores(100),
        )
    assert exc.value.code == "not_reviewer"
