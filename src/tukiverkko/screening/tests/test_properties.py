import jsonschema
from hypothesis import given, settings

from tukiverkko.contracts import schema
from tukiverkko.screening.instruments import INSTRUMENTS, score
from tukiverkko.screening.tests.strategies import any_instrument_answers

VALIDATOR = jsonschema.Draft202012Validator(schema("instrument-result"))


@settings(max_examples=400, deadline=None)
@given(any_instrument_answers())
def test_any_complete_valid_answer_set_gives_a_contract_result_in_range(
    case: tuple[str, dict[str, object]],
) -> None:
    # given any complete, valid answer set of any instrument
    instrument_id, answers = case
    instrument = INSTRUMENTS[instrument_id]
    # when scored
    result = score(instrument_id, answers).to_dict()
    # then it is valid against the contract, in range, and its band is one of the instrument's
    VALIDATOR.validate(result)
    assert result["instrument"] == instrument_id
    assert instrument.min_score <= result["score"] <= instrument.max_score
    assert result["band"] in {band.slug for band in instrument.bands}
    assert result["max_score"] == instrument.max_score


def test_every_contract_instrument_id_has_an_instrument() -> None:
    # given the contract's instrument enum / then exactly those instruments exist
    enum = schema("instrument-result")["properties"]["instrument"]["enum"]
    assert sorted(enum) == sorted(INSTRUMENTS)
