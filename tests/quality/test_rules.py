"""Each rule with its true and false positives, on plain curriculum data."""

import pytest

from review_app.quality import spelling
from review_app.quality.code_values import code_values
from review_app.quality.duplicates import duplicates
from review_app.quality.readability import readability
from review_app.quality.service import check_stages
from review_app.quality.settings import QualitySettings
from review_app.quality.spelling import spelling_in
from review_app.quality.verbs import opening_verb, outcome_verb, progression, taxonomy

from .data import comp, stage

needs_dictionary = pytest.mark.skipif(spelling.speller() is None,
                                      reason="hunspell-en-gb is not installed")


@pytest.mark.parametrize("text, phrase, first_alternative", [
    ("Understand the principles of budgeting.", "understand", "explain"),
    ("Know the escalation routes for safety concerns.", "know", "identify"),
    ("Learn how to chair a meeting.", "learn", "apply"),
    ("Appreciate the value of diversity in teams.", "appreciate", "explain"),
    ("Be aware of the Freedom to Speak Up Guardian.", "be aware of", "identify"),
])
def test_vague_openings_are_errors_with_alternatives(text, phrase, first_alternative):
    found = outcome_verb(stage("stage-1", comp("Lead", [text])))
    assert [(f.rule, f.severity) for f in found] == [("outcome-verb", "error")]
    assert f"“{phrase}”" in found[0].message
    assert f"“{first_alternative.capitalize()}”" in found[0].suggestion
    assert (found[0].item_kind, found[0].item_position) == ("outcome", 1)


def test_measurable_openings_are_not_flagged_and_carry_their_level():
    outcomes = ["Apply the urgent/important matrix to your week.",
                "Evaluate the impact of a change on patient flow.",
                "Identify the common causes of stress.",
                "Reflect on how your emotions influence your messages."]
    assert outcome_verb(stage("stage-1", comp("Lead", outcomes))) == []
    assert [opening_verb(o).level for o in outcomes] == [3, 5, 1, 2]


def test_an_unlisted_opening_word_is_a_warning():
    found = outcome_verb(stage("stage-1", comp("Lead", ["Ponder the budget."])))
    assert [(f.severity, f.text) for f in found] == [("warning", "Ponder the budget.")]


def test_verb_list_is_data_with_one_level_per_verb():
    tax = taxonomy()
    assert tax.levels["evaluate"] == 5 and tax.levels["create"] == 6
    assert tax.level_names[4] == "Analyse"
    assert "understand" not in tax.levels  # a vague verb is never "measurable"


def test_progression_flags_a_later_stage_asking_for_less():
    early = stage("stage-1", comp("Manage Budgets", ["Evaluate spending against budget."]),
                  order=1)
    late = stage("stage-3", comp("Manage Budgets", ["Identify the budget holder."]), order=3)
    found = progression([late, early])
    assert [(f.rule, f.stage, f.competency) for f in found] == [
        ("progression", "stage-3", "Manage Budgets")]
    assert "Remember (level 1)" in found[0].message and "Evaluate (level 5)" in found[0].message


def test_progression_accepts_the_same_or_a_higher_level_later():
    early = stage("stage-1", comp("Manage Budgets", ["Apply the budget rules."]), order=1)
    same = stage("stage-2", comp("Manage Budgets", ["Use the budget reports."]), order=2)
    higher = stage("stage-3", comp("Manage Budgets", ["Evaluate the budget."]), order=3)
    other = stage("stage-4", comp("Lead Change", ["Identify a change."]), order=4)
    assert progression([early, same, higher, other]) == []


@needs_dictionary
@pytest.mark.parametrize("text", [
    "Agree on prioritisation with the organisation's programme board.",
    "Colour, behaviour, centre, analyse, travelled, catalogue, judgement, practise.",
    "The NHS, AHP leads, SMART goals, CPD, SBAR and wellbeing hubs.",
    "Schwartz Rounds and e-learning."])
def test_uk_words_and_glossary_terms_are_never_flagged(text):
    assert spelling_in(text) == []


@needs_dictionary
def test_american_spellings_are_flagged_with_the_uk_form():
    text = ("Prioritize the organization's wellbeing programs: analyze behavior, "
            "color-coded center, traveled.")
    assert spelling_in(text) == [
        ("Prioritize", "Prioritise"), ("organization", "organisation"),
        ("programs", "programmes"), ("analyze", "analyse"), ("behavior", "behaviour"),
        ("color", "colour"), ("center", "centre"), ("traveled", "travelled")]


@needs_dictionary
def test_spelling_findings_name_the_item_and_the_uk_form():
    found = check_stages([stage("stage-1", comp(
        "Lead", ["Apply the plan."], activities=["Share wellbeing programs."]))])
    assert [(f.rule, f.severity, f.item_kind, f.item_position, f.suggestion) for f in found] \
        == [("uk-spelling", "error", "instructor_activity", 1, "Write “programmes”.")]


def test_spelling_without_the_dictionary_says_so(monkeypatch):
    monkeypatch.setattr(spelling, "speller", lambda: None)
    found = spelling.uk_spelling(stage("stage-1", comp("Lead", ["Use programs."])))
    assert [(f.severity, f.competency) for f in found] == [("info", None)]
    assert "hunspell-en-gb" in found[0].message


def test_duplicates_within_across_competencies_and_stages_name_both_places():
    text = "Hold a structured wellbeing conversation with each member of your team."
    one = stage("stage-1", comp("Lead", [text, text.replace("each", "every")]),
                comp("Care", ["Hold a structured wellbeing conversation with each member of "
                              "your whole team."]), order=1)
    two = stage("stage-2", comp("Lead", [text]), order=2)
    found = duplicates([two, one], QualitySettings())
    scopes = sorted((f.stage, f.competency, f.severity, f.message.split("(")[1].split(",")[0])
                    for f in found)
    assert ("stage-1", "Lead", "warning", "in the same competency") in scopes
    assert ("stage-1", "Care", "warning", "in another competency") in scopes
    assert ("stage-2", "Lead", "info", "in another stage") in scopes
    assert all(len(f.related) == 2 and f.related[0] != f.related[1] for f in found)


def test_each_copy_of_a_repeated_text_pairs_with_every_earlier_one_in_order():
    text = "Hold a structured wellbeing conversation with each member of your team."
    near = text.replace("each", "every")
    stages = [stage(f"stage-{n}", comp("Lead", [text, near] if n == 1 else [text],
                                      statement="Lead well."), order=n)
              for n in (1, 2, 3)]
    found = duplicates(stages, QualitySettings())
    pairs = [(f.stage, f.item_position, f.related[1], f.message.endswith("100% alike)."))
              for f in found]
    first, second = "Stage 1 › Lead › Learning outcome 1", "Stage 1 › Lead › Learning outcome 2"
    assert pairs == [
        ("stage-1", 2, first, False),
        ("stage-2", 1, first, True), ("stage-2", 1, second, False),
        ("stage-3", 1, first, True), ("stage-3", 1, second, False),
        ("stage-3", 1, "Stage 2 › Lead › Learning outcome 1", True)]


def test_different_items_are_not_duplicates():
    one = stage("stage-1", comp("Lead", [
        "Apply the urgent/important matrix to organise your week and your team.",
        "Evaluate how your team's huddles affect the safety of patients on the ward."]))
    assert duplicates([one], QualitySettings()) == []


def test_readability_uses_the_configured_thresholds():
    long = "Apply " + " ".join(["the agreed team approach"] * 12) + "."
    one = stage("stage-1", comp("Lead", [long, "Apply the plan."]))
    assert [f.item_position for f in readability(one, QualitySettings(max_words=45))] == [1]
    assert readability(one, QualitySettings(max_words=100, min_reading_ease=-1000)) == []


def test_code_values_flags_an_unlinked_competency_and_an_uncovered_stage():
    one = stage("stage-1", comp("Lead", values=()), comp("Care", values=("Compassion",)))
    found = code_values(one)
    assert [(f.severity, f.competency) for f in found] == [("error", "Lead"), ("warning", None)]
    assert "Accountability, Collaboration, Curiosity, Inclusion, Integrity" in found[1].message
    assert code_values(stage("stage-1", comp("Lead"))) == []


def test_settings_come_from_config():
    settings = QualitySettings.from_config({"QUALITY_MAX_WORDS": 20, "OTHER": 1})
    assert settings.max_words == 20 and settings.duplicate_score == 90


@needs_dictionary
def test_the_dictionary_is_released_unless_kept(monkeypatch):
    """The report's loading lets the dictionary go (a CLI run's peak memory); a worker
    process keeps it (review_app/worker.py)."""
    monkeypatch.setattr(spelling, "_kept", False)
    first = spelling.speller()
    assert spelling.release_speller() is True and spelling.speller() is not first
    monkeypatch.setattr(spelling, "_kept", True)
    kept = spelling.speller()
    assert spelling.release_speller() is False and spelling.speller() is kept
