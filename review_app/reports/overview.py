"""The report's first page, for a board member with five minutes: what changed in each
stage's curriculum, in plain English, with the headline changes to read first."""

from __future__ import annotations

from .data import ProposalRow, ReportData, by_stage
from .in_depth import final_text
from .summary import count, plural
from .word import ReportWriter, link, plain

HEADLINES = 12  # changes listed on the page across all stages (it stays one page)
QUOTE = 110
WHAT = {"replace": "reworded", "add": "added", "delete": "removed", "move": "moved"}


def _weight(p: ProposalRow) -> tuple:
    """Headlines first: done before pending, then the room's agreement, additions and
    removals before rewording, then the order they were decided."""
    done = p.change is not None and p.change.state == "done"
    support = p.votes.get("agree", 0) - p.votes.get("disagree", 0)
    return (not done, -support, p.kind not in ("add", "delete"), p.id)


def _headline(p: ProposalRow) -> list:
    text = final_text(p) if p.kind in ("replace", "add") else p.before
    text = " ".join((text or "").split())
    if len(text) > QUOTE:
        text = text[:QUOTE - 1].rstrip() + "…"
    state = "implemented" if p.change and p.change.state == "done" else "to implement"
    votes = p.votes
    return [link(p.competency, p.anchor),
            plain(f", {p.item_label.lower()} {WHAT[p.kind]}: “{text}” "),
            plain(f"({p.ref}; agree {votes.get('agree', 0):,}, disagree "
                  f"{votes.get('disagree', 0):,}; {state})", italic=True)]


def add_overview(report: ReportWriter, data: ReportData) -> None:
    report.heading("What changed", 1)
    report.paragraph("In plain English, what the Review Days changed in each curriculum and "
                     "the headline changes to read first. The full detail follows: every "
                     "proposal by competency, what is still open, and the change log.")
    if not data.proposals:
        report.paragraph("No proposals were made in this period, so nothing changed.")
        return
    stages = by_stage(data.proposals)
    share = max(2, HEADLINES // len(stages))
    for _stage, rows in stages:
        accepted = [p for p in rows if p.change is not None]
        done = sum(p.change.state == "done" for p in accepted)
        waiting = sum(p.status in ("open", "deferred") for p in rows)
        days = sum(d.curriculum == rows[0].curriculum for d in data.days)
        report.paragraph([plain(f"{rows[0].curriculum}. ", bold=True), plain(
            f"{plural(days, 'Review Day')}; {plural(len(rows), 'proposal')}, "
            f"{count(len(accepted))} accepted, {count(done)} implemented so far, "
            f"{count(waiting)} still open or deferred.")])
        for p in sorted(accepted, key=_weight)[:share]:
            report.paragraph(_headline(p), "List Bullet")
