"""Word-level differences."""

import pytest

from review_app.reports.diffing import new_text, old_text, word_diff


@pytest.mark.parametrize("old, new", [
    ("I regularly prioritise tasks.", "I consistently prioritise work, daily."),
    ("", "A new outcome."), ("An old outcome.", ""), ("Same.", "Same."),
    ("Apply tools (such as x).", "Apply tools (for example x and y)."),
])
def test_segments_give_back_both_texts(old, new):
    segments = word_diff(old, new)
    assert old_text(segments) == old and new_text(segments) == new


def test_a_rewritten_phrase_reads_as_one_deletion_then_one_insertion():
    assert word_diff("Apply tools such as the matrix.", "Apply tools for example the matrix.") \
        == [("=", "Apply tools "), ("-", "such as"), ("+", "for example"),
            ("=", " the matrix.")]
