import re

import pytest
from django.test import Client

from tukiverkko.screening.instruments import INSTRUMENTS
from tukiverkko.screening.tests.builders import wai_answers, with_total


def post(client: Client, instrument: str, answers: dict[str, object], htmx: bool = False) -> str:
    headers = {"HX-Request": "true"} if htmx else {}
    response = client.post(f"/seulonta/{instrument}/", answers, headers=headers)
    assert response.status_code == 200
    return response.content.decode()


def test_index_lists_every_instrument_and_the_checklists(client: Client) -> None:
    # given the screening front page / when opened / then a link to each instrument and checklist
    html = client.get("/seulonta/").content.decode()
    for instrument in INSTRUMENTS:
        assert f'href="/seulonta/{instrument}/"' in html
    assert 'href="/seulonta/heratteet/"' in html
    assert 'href="/seulonta/riskitekijat/"' in html


@pytest.mark.parametrize("instrument", sorted(INSTRUMENTS))
def test_instrument_page_has_a_fieldset_and_labelled_radios_per_item(
    client: Client, instrument: str
) -> None:
    # given an instrument page / when opened
    html = client.get(f"/seulonta/{instrument}/").content.decode()
    # then one fieldset with a legend per item, and each radio has its <label for>
    for item in INSTRUMENTS[instrument].items:
        assert f'<fieldset id="item-{item.id}"' in html
        for option in item.options:
            assert f'id="{item.id}-{option.value}" value="{option.value}"' in html
            assert f'<label for="{item.id}-{option.value}"' in html
    assert html.count("<legend") >= len(INSTRUMENTS[instrument].items)
    assert f'hx-post="/seulonta/{instrument}/"' in html
    assert INSTRUMENTS[instrument].source.split(" ")[0] in html


def test_plain_post_scores_and_shows_band_interpretation_and_source(client: Client) -> None:
    # given complete GAD-7 answers totalling 12 / when posted without htmx
    html = post(client, "gad7", with_total("gad7", 12))
    # then the full page shows the score, band, interpretation, flag and source
    assert "<h1>GAD-7" in html
    assert "<strong>12</strong> / 21" in html
    assert "Kohtalaiset ahdistuneisuusoireet" in html
    assert "Seulontapositiivinen" in html
    assert "pubmed.ncbi.nlm.nih.gov/16717171" in html
    # and the answers stay checked
    assert 'id="q1-3" value="3" checked' in html


def test_phq9_item9_warning_is_prominent_even_with_a_minimal_total(client: Client) -> None:
    # given PHQ-9 answers with only item 9 above zero
    html = post(client, "phq9", with_total("phq9", 1, q9=1))
    # then a role=alert block says to assess suicide risk immediately
    alert = re.search(r'<div class="alert alert-danger" role="alert">(.*?)</div>', html, re.S)
    assert alert is not None
    assert "Arvioi itsetuhoisuuden riski välittömästi" in alert.group(1)


def test_phq9_without_item9_has_no_alert(client: Client) -> None:
    html = post(client, "phq9", with_total("phq9", 20, q9=0))
    assert "alert-danger" not in html
    assert "Vaikeat masennusoireet" in html


def test_htmx_returns_only_the_result_fragment_with_progress(client: Client) -> None:
    # given three of nine PHQ-9 answers sent by htmx while filling in
    html = post(client, "phq9", {"q1": 1, "q2": 2, "q3": 0}, htmx=True)
    # then the fragment shows progress, no page chrome and no error
    assert "<html" not in html
    assert "Vastattu 3/9 kohtaan" in html
    assert "vastaus puuttuu" not in html


def test_htmx_complete_answers_return_the_score(client: Client) -> None:
    html = post(client, "was", {"score": 8}, htmx=True)
    assert "<strong>8</strong> / 10" in html
    assert "Ei tarvetta tarkempaan selvittelyyn" in html


def test_plain_post_with_missing_answers_names_each_item(client: Client) -> None:
    # given a PHQ-9 with items 8 and 9 unanswered / when posted without htmx
    answers = {f"q{i}": 0 for i in range(1, 8)}
    html = post(client, "phq9", answers)
    # then an error summary links to each unanswered item, and nothing is scored
    assert 'role="alert"' in html
    assert '<a href="#item-q8">Kohta 8: vastaus puuttuu.' in html
    assert '<a href="#item-q9">Kohta 9: vastaus puuttuu.' in html
    assert 'aria-describedby="error-q9"' in html
    assert "result-list" not in html


def test_forged_values_are_errors_not_crashes(client: Client) -> None:
    # given a tampered post with a string and an out-of-range number
    answers = with_total("gad7", 3) | {"q1": "abc", "q2": "7", "sex": "x"}
    html = post(client, "gad7", answers)
    # then the items are named, nothing is scored
    assert "Kohta 1: valitse jokin annetuista vaihtoehdoista." in html
    assert "Kohta 2: valitse jokin annetuista vaihtoehdoista." in html
    assert "result-list" not in html


def test_audit_page_asks_sex_and_uses_it(client: Client) -> None:
    # given AUDIT total 7 for a man and for unspecified sex
    html_male = post(client, "audit", with_total("audit", 7, q9=0, q10=0) | {"sex": "male"})
    html_none = post(client, "audit", with_total("audit", 7, q9=0, q10=0))
    # then the man is below his cut-off 8, the unspecified person above the lower cut-off 6
    assert "Alle seulontarajan (&lt; 8)" in html_male
    assert "Seulontapositiivinen: raja-arvo ylittyy." in html_none
    assert "käytettiin alempaa (naisten) raja-arvoa" in html_none


def test_audit_bad_sex_is_named(client: Client) -> None:
    html = post(client, "audit_c", {"q1": 1, "q2": 1, "q3": 1, "sex": "x"})
    assert "Sukupuoli: valitse mies tai nainen" in html


def test_odi_with_too_many_missing_sections_explains_the_limit(client: Client) -> None:
    html = post(client, "odi", {"s1": 2, "s2": 2})
    assert "Indeksiä ei lasketa, jos vastaamatta on yli 2 osiota." in html


def test_odi_percent_and_wai_groups(client: Client) -> None:
    assert "<strong>40</strong> / 100 %" in post(client, "odi", with_total("odi", 20))
    html = post(client, "wai", wai_answers(25, job_type=1, physical=1, mental=2))
    assert "<strong>27,5</strong> / 49" in html or "<strong>27.5</strong> / 49" in html
    assert '<h2 class="item-group" lang="fi">7. Psyykkiset voimavarat</h2>' in html


def test_unknown_instrument_is_404(client: Client) -> None:
    assert client.get("/seulonta/beck/").status_code == 404


def test_english_page_marks_finnish_only_items(client: Client) -> None:
    # given the WAI (Finnish only) and the PHQ-9 (English original) in English
    wai = client.get("/en/seulonta/wai/").content.decode()
    phq = client.get("/en/seulonta/phq9/").content.decode()
    # then WAI items carry lang="fi" and a note; PHQ-9 items are in English
    assert '<legend lang="fi"><span class="number">1.</span>' in wai
    assert "only in Finnish" in wai
    assert "Little interest or pleasure in doing things" in phq
    assert "only in Finnish" not in phq


def test_swedish_phq9_items(client: Client) -> None:
    html = client.get("/sv/seulonta/phq9/").content.decode()
    assert "Lite intresse eller glädje i att göra saker" in html


def test_triggers_checklist_has_the_nine_triggers_and_summarises(client: Client) -> None:
    # given the triggers page / when two triggers are posted
    html = client.get("/seulonta/heratteet/").content.decode()
    assert html.count('name="item"') == 18  # 9 triggers + 9 before-contact signals
    response = client.post(
        "/seulonta/heratteet/", {"item": ["addiction", "repeated_sick_leave", "<script>"]}
    )
    page = response.content.decode()
    # then the summary counts them, links to the WAS, keeps them checked, ignores the unknown
    assert "Herätteitä valittu: 2." in page
    assert 'href="/seulonta/was/"' in page
    assert 'value="addiction" checked' in page
    assert "<script>" not in page.split("<main", 1)[1].split("</main>", 1)[0]


def test_triggers_none_selected(client: Client) -> None:
    page = client.post("/seulonta/heratteet/", {}).content.decode()
    assert "Herätteitä ei valittu." in page


def test_risk_factors_checklist_groups(client: Client) -> None:
    html = client.get("/seulonta/riskitekijat/").content.decode()
    for title in ("Työpaikkaan liittyvät", "Henkilöön liittyvät", "Muut tekijät"):
        assert title in html
    page = client.post("/seulonta/riskitekijat/", {"item": ["smoking", "job_stress"]})
    assert "Riskitekijöitä valittu: 2." in page.content.decode()


def test_problem_text_names_an_unknown_item() -> None:
    # given a problem about an id the form never sends (e.g. from a forged API client)
    from tukiverkko.screening.instruments.base import Problem
    from tukiverkko.screening.messages import problem_text

    # then the Finnish message names it as unknown
    text = problem_text(INSTRUMENTS["was"], Problem("bogus", "unknown"))
    assert text == "Tuntematon kohta bogus."


def test_wai_items_are_numbered_by_their_wai_item(client: Client) -> None:
    # given the WAI posted without the physical-demands sub-answer
    answers = wai_answers(20)
    del answers["physical_demands"]
    html = post(client, "wai", answers)
    # then sub-questions are numbered 2a–2c and 7a–7c, single items by their WAI number
    assert '<span class="number">7c.</span>' in html
    assert '<span class="number">6.</span> Uskotko' in html
    assert "Kohta 2b: vastaus puuttuu." in html
