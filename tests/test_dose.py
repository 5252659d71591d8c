import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from cardgen.dose import Dose


@pytest.mark.parametrize(
    "written, printed",
    [
        ("15x3", "3 sets × 15 reps"),
        ("10-15x3", "3 sets × 10–15 reps"),
        ("10 - 15 X 3", "3 sets × 10–15 reps"),
        ("5-8 each side", "5–8 reps each side"),
        ("10x3 per leg", "3 sets × 10 reps each side"),
        ("30 s hold x3", "3 sets × 30 s hold"),
        ("45s", "45 s"),
        ("1 min", "1 min"),
        ("90s x 2", "2 sets × 1 min 30 s"),
        ("12", "12 reps"),
        ("8x5", "5 sets × 8 reps"),
        ("3-5x4", "4 sets × 3–5 reps"),
        ("1x1", "1 set × 1 rep"),
    ],
)
def test_shorthand_prints_unambiguously(written, printed):
    assert str(Dose.model_validate(written)) == printed


@pytest.mark.parametrize(
    "spelled, printed",
    [
        ({"sets": 3, "reps": 15}, "3 sets × 15 reps"),
        ({"sets": 3, "reps": "10-15", "each_side": True}, "3 sets × 10–15 reps each side"),
        ({"sets": 3, "hold": 30}, "3 sets × 30 s hold"),
        ({"time": 60}, "1 min"),
        ({"sets": 12, "reps": 3}, "12 sets × 3 reps"),
    ],
)
def test_structured_form(spelled, printed):
    assert str(Dose.model_validate(spelled)) == printed


@pytest.mark.parametrize(
    "bad, message",
    [
        ("lots", "cannot read the dose 'lots'"),
        ("3x15", "reads as 15 sets of 3 reps"),
        ("3x10", "If you meant 3 sets of 10, write '10x3'"),
        ("15-10x3", "must go from low to high: write 10-15"),
        ("15-15x3", "has one number: write 15"),
        ("0x3", "the amount must be 1 or more"),
        ("15x0", "sets must be 1 or more"),
        ({"sets": 3}, "exactly one of reps, hold"),
        ({"sets": 3, "rep": 5}, "unknown dose key(s) rep"),
        ({"reps": "many"}, "cannot read the amount 'many'"),
        (True, "a dose is text"),
    ],
)
def test_unreadable_doses_say_why(bad, message):
    with pytest.raises(ValidationError, match=message.replace("(", r"\(").replace(")", r"\)")):
        Dose.model_validate(bad)


def test_shorthand_and_structured_form_agree():
    assert Dose.parse("10-15x3 each side") == Dose.model_validate({"sets": 3, "reps": "10-15", "each_side": True})


@given(st.text(max_size=40))
def test_any_text_is_read_or_refused_with_a_reason(text):
    try:
        dose = Dose.model_validate(text)
    except ValidationError as error:
        assert all(detail["type"] == "value_error" for detail in error.errors())
    else:
        assert str(dose)


@given(
    sets=st.integers(1, 10),
    low=st.integers(1, 200),
    span=st.integers(0, 50),
    each_side=st.booleans(),
    unit=st.sampled_from(["reps", "hold", "time"]),
)
def test_structured_doses_print_what_they_hold(sets, low, span, each_side, unit):
    amount = f"{low}-{low + span}" if span else low
    dose = Dose.model_validate({"sets": sets, unit: amount, "each_side": each_side})
    printed = str(dose)
    assert printed.startswith(f"{sets} set")
    assert (f"{low}–{low + span}" if span and unit == "reps" else "") in printed
    assert printed.endswith("each side") == each_side
    assert Dose.model_validate(dose.model_dump()) == dose


@given(reps=st.integers(1, 100), sets=st.integers(1, 10))
def test_shorthand_reps_by_sets(reps, sets):
    if sets > reps:
        with pytest.raises(ValueError, match="reads as"):
            Dose.parse(f"{reps}x{sets}")
    else:
        assert (
            str(Dose.parse(f"{reps}x{sets}"))
            == f"{sets} set{'s' if sets != 1 else ''} × {reps} rep{'s' if reps != 1 else ''}"
        )
