"""In-depth feedback by competency: each proposal's before → after with deletions struck
through and insertions underlined, its category, proposer's organisation, votes, decision
and reason, implementation state and a summary of its comments."""

from __future__ import annotations

from collections import Counter
from itertools import groupby

from ..implement.labels import (
    CATEGORY_LABELS,
    OUTCOME_LABELS,
    PROPOSAL_KIND_LABELS,
    RESOLUTION_LABELS,
    STATE_LABELS,
    STATUS_LABELS,
    short_date,
)
from .data import ProposalRow, ReportData, by_stage
from .diffing import word_diff
from .word import DELETED, INSERTED, ReportWriter, Run, diff_runs, plain

HEADINGS = ("Ref and item", "Before → after", "Category and proposer", "Votes",
            "Decision and reason", "Implementation")
WIDTHS = (3.1, 9.6, 3.0, 2.3, 5.1, 3.0)
QUOTE = 140


def _plain(text: str, bold: bool = False, italic: bool = False) -> list[Run]:
    """A paragraph of one run."""
    return [plain(text, bold=bold, italic=italic)]


def final_text(p: ProposalRow) -> str | None:
    """The text the proposal ends as: implemented, else accepted, else proposed."""
    change = p.change
    if change is not None and change.state == "done" and change.implemented_text is not None \
            and change.conflict_resolution != "current":
        return change.implemented_text
    if change is not None and change.accepted_text is not None:
        return change.accepted_text
    return p.after


def before_after(p: ProposalRow) -> list[list[Run]]:
    if p.kind == "move":
        where = (p.new_position or 0) + 1
        paragraphs = [_plain(f"Moved to position {where}: ", True) + _plain(p.before or "")]
    elif p.kind == "delete":
        paragraphs = [_plain("Removed: ", True) + diff_runs(word_diff(p.before, ""))]
    else:
        paragraphs = []
        if p.kind == "add" and p.new_title and p.field != "title":
            paragraphs.append([(p.new_title, INSERTED, True, False)])
        paragraphs.append(diff_runs(word_diff(p.before or "", final_text(p) or "")))
    change = p.change
    if p.outcome == "accept_amended" and p.amended_text and p.amended_text != p.after:
        paragraphs.append(_plain("Amended at the decision; as proposed: ", italic=True)
                          + _plain(p.after or ""))
    if change is not None and change.state == "done" and change.accepted_text is not None \
            and change.implemented_text is not None and change.conflict_resolution != "current" \
            and change.implemented_text != change.accepted_text:
        paragraphs.append(_plain("Wording tidied at implementation: ", italic=True)
                          + diff_runs(word_diff(change.accepted_text, change.implemented_text)))
    if change is not None and change.conflict_resolution:
        note = f" ({change.resolution_note.rstrip('.')})" if change.resolution_note else ""
        outcome = RESOLUTION_LABELS[change.conflict_resolution]
        if change.conflict_resolution == "current":
            outcome += ", so this change was not written"
        paragraphs.append(_plain(f"The item changed after the proposal: {outcome.lower()}"
                                 f"{note}.", italic=True))
    if p.rationale:
        paragraphs.append(_plain(f"Rationale: {p.rationale}", italic=True))
    if p.comments:
        paragraphs.append(comment_summary(p.comments))
    return paragraphs


def comment_summary(comments: list[tuple[str, str]]) -> list[Run]:
    """'3 comments (CMI 2, FMLM 1): “first” “second” and 1 more.'"""
    organisations = Counter(org for org, _ in comments)
    who = ", ".join(f"{org} {n}" for org, n in organisations.most_common())
    quotes = [text if len(text) <= QUOTE else text[:QUOTE - 1].rstrip() + "…"
              for _, text in comments[:2]]
    more = f" and {len(comments) - 2} more" if len(comments) > 2 else ""
    label = "comment" if len(comments) == 1 else "comments"
    return (_plain(f"{len(comments)} {label} ({who}): ", True)
            + _plain(" ".join(f"“{q}”" for q in quotes) + more))


def _decision(p: ProposalRow) -> list[list[Run]]:
    if p.outcome is None:
        return [_plain(STATUS_LABELS.get(p.status, p.status), True)]
    paragraphs = [_plain(OUTCOME_LABELS[p.outcome], True), _plain(p.reason or "")]
    if p.carried_to:
        paragraphs.append(_plain(f"Carried to {short_date(p.carried_to)}", italic=True))
    return paragraphs


def implementation(p: ProposalRow) -> list[list[Run]]:
    change = p.change
    if change is None:
        return [_plain("Not applicable")]
    paragraphs = [_plain(STATE_LABELS[change.state], True),
                  _plain(f"Owner: {change.owner or 'not assigned'}")]
    if change.state == "done" and change.implemented_at:
        version = f", version {change.implemented_version}" if change.implemented_version else ""
        paragraphs.append(_plain(f"Done {short_date(change.implemented_at.date())}{version}"))
    elif change.due_on:
        paragraphs.append(_plain(f"Due {short_date(change.due_on)}"))
    return paragraphs


def proposal_cells(p: ProposalRow) -> list:
    tally = p.votes
    return [
        [_plain(p.ref, True), _plain(p.item_label),
         _plain(f"{PROPOSAL_KIND_LABELS[p.kind]}, {short_date(p.day_date)}")],
        before_after(p),
        [_plain(CATEGORY_LABELS.get(p.category, p.category)), _plain(p.proposer_organisation)],
        [_plain(f"Agree {tally['agree']}"), _plain(f"Disagree {tally['disagree']}"),
         _plain(f"Abstain {tally['abstain']}")],
        _decision(p),
        implementation(p),
    ]


def add_in_depth(report: ReportWriter, data: ReportData) -> None:
    stages = by_stage(data.proposals)
    for n, (stage, in_stage) in enumerate(stages or [("", [])]):
        # Each stage on its own pages, its running header naming it; every table's banner
        # row (repeated on each page it runs onto) names the stage and competency.
        report.new_section(" · ".join(filter(None, ("Review Day report",
                                                     "In-depth feedback", stage))))
        if n == 0:
            _introduction(report, data)
        for area, in_area in groupby(in_stage, key=lambda p: p.focus_area):
            report.heading(f"{stage}: {area}", 2)
            for _, rows in groupby(in_area, key=lambda p: p.competency_id):
                rows = list(rows)
                first = rows[0]
                report.heading(first.competency, 3, anchor=first.anchor)
                report.caption(f"{stage} · {first.group} · {len(rows):,} proposal"
                               f"{'' if len(rows) == 1 else 's'}")
                report.table(HEADINGS, (proposal_cells(p) for p in rows), WIDTHS,
                             banner=f"{stage} · {area} · {first.competency}")


def _introduction(report: ReportWriter, data: ReportData) -> None:
    report.heading("In-depth feedback by competency", 1)
    report.paragraph([plain("Each proposal on language, terminology, examples, content or "
                            "structure, by stage and competency. In the before → after "
                            "column, "),
                      plain("deleted words are struck through", DELETED), plain(" and "),
                      plain("inserted words are underlined", INSERTED), plain(".")])
    if not data.proposals:
        report.paragraph("No proposals were made in this period.")
