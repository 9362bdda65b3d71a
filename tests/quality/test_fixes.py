"""Which findings on the replaced wording a proposal's new wording puts right."""

import pytest

from review_app.quality import spelling
from review_app.quality.fixes import fixes_of

needs_dictionary = pytest.mark.skipif(not spelling.DICTIONARY.with_suffix(".dic").exists(),
                                      reason="hunspell-en-gb is not installed")
LONG = " ".join(["Apply the plan"] + ["carefully"] * 50) + "."


def rules(fixes):
    return [f["rule"] for f in fixes]


def test_an_observable_verb_fixes_a_vague_one_but_another_vague_verb_does_not():
    fixed = fixes_of("outcome", "Understand the budget cycle.", "Explain the budget cycle.")
    assert fixed == [{"rule": "outcome-verb", "message":
                      "This outcome opens with “understand”, which cannot be observed or "
                      "assessed."}]
    assert fixes_of("outcome", "Understand the budget cycle.", "Know the budget cycle.") == []


def test_a_long_outcome_is_fixed_only_when_it_is_short_enough():
    assert fixes_of("outcome", LONG, LONG.replace(" carefully", "", 3)) == []
    assert rules(fixes_of("outcome", LONG, "Apply the plan carefully.")) == ["readability"]


def test_nothing_to_fix_and_new_problems_are_not_fixes():
    assert fixes_of("outcome", "Explain the budget cycle.", "Understand the budget.") == []
    assert fixes_of("outcome", None, "Explain the budget.") == []  # an addition
    assert fixes_of("outcome", "Understand it.", None) == []  # a deletion
    # An activity's text is not an outcome: its opening verb is not checked.
    assert fixes_of("instructor_activity", "Understand the budget.", "Explain it.") == []


@needs_dictionary
def test_each_american_spelling_put_right_is_a_fix():
    base = "Share case studies on wellbeing programs across the organization."
    fixed = fixes_of("instructor_activity", base, base.replace("programs", "programmes"))
    assert fixed == [{"rule": "uk-spelling", "message": "“programs” is an American spelling."}]
    both = base.replace("programs", "programmes").replace("organization", "organisation")
    assert len(fixes_of("instructor_activity", base, both)) == 2
