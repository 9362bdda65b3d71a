"""What is still open or deferred, and the appendix: the full change log."""

from __future__ import annotations

from ..implement.labels import (
    CATEGORY_LABELS,
    PROPOSAL_KIND_LABELS,
    RESOLUTION_LABELS,
    STATE_LABELS,
    STATUS_LABELS,
    short_date,
)
from .data import ProposalRow, ReportData
from .word import ReportWriter, link, plain


def _where(p: ProposalRow) -> list:
    """"Stage 1 · Prioritise for Productivity: learning outcome 2", the competency a link
    to its in-depth feedback (the same titles exist in every stage)."""
    return [[plain(f"{p.stage} · "), link(p.competency, p.anchor),
             plain(f": {p.item_label.lower()}")]]


def add_open_items(report: ReportWriter, data: ReportData) -> None:
    report.new_section("Review Day report · Open and deferred items")
    report.heading("Open and deferred items", 1)
    waiting = [p for p in data.proposals if p.status in ("open", "deferred")]
    report.heading("Proposals still open or deferred", 2)
    if waiting:
        rows = []
        for p in waiting:
            status = STATUS_LABELS[p.status]
            if p.carried_to:
                status += f", carried to {short_date(p.carried_to)}"
            rows.append((p.ref, short_date(p.day_date), _where(p),
                         PROPOSAL_KIND_LABELS[p.kind], status, p.reason or p.rationale))
        report.caption("Table: proposals with no final decision")
        report.table(("Ref", "Review Day", "Competency and item", "Change", "Status",
                      "Reason given (or the proposer's rationale)"), rows,
                     (1.6, 2.4, 9.0, 2.2, 4.2, 6.6))
    else:
        report.paragraph("None: every proposal has a final decision.")
    report.heading("Changes not yet implemented", 2)
    pending = [(p, c) for p, c in data.changes if c.state != "done"]
    if pending:
        rows = [(p.ref, _where(p), PROPOSAL_KIND_LABELS[p.kind], c.owner or "Not assigned",
                 short_date(c.due_on) if c.due_on else "Not set", STATE_LABELS[c.state])
                for p, c in pending]
        report.caption("Table: accepted changes still to do or in progress")
        report.table(("Ref", "Competency and item", "Change", "Owner", "Due", "State"),
                     rows, (1.6, 12.4, 2.4, 4.0, 2.6, 3.0))
    else:
        report.paragraph("None: every accepted change has been implemented.")


def _notes(p: ProposalRow) -> str:
    c = p.change
    notes = []
    if p.outcome == "accept_amended":
        notes.append("amended at the decision")
    if c.state == "done" and c.implemented_text is not None and c.accepted_text is not None \
            and c.implemented_text != c.accepted_text:
        notes.append("wording tidied at implementation")
    if c.conflict_resolution:
        notes.append(f"conflict: {RESOLUTION_LABELS[c.conflict_resolution].lower()}"
                     + (f" ({c.resolution_note})" if c.resolution_note else ""))
    return "; ".join(notes).capitalize()


def add_change_log(report: ReportWriter, data: ReportData) -> None:
    report.new_section("Review Day report · Appendix: change log")
    report.heading("Appendix: change log", 1)
    report.paragraph("Every accepted proposal of the period and what became of it, in "
                     "the order the decisions were made (the date under Decided). The texts "
                     "are in the in-depth feedback under the same reference.")
    if not data.changes:
        report.paragraph("No changes were accepted in this period.")
        return
    rows = []
    for p, c in data.changes:
        implemented = "–"
        if c.state == "done" and c.implemented_at:
            implemented = short_date(c.implemented_at.date())
            if c.implemented_version:
                implemented += f", v{c.implemented_version}"
            if c.implemented_by:
                implemented += f", {c.implemented_by}"
        decided = short_date(p.decided_at.date() if p.decided_at else p.day_date)
        rows.append((p.ref, decided, _where(p),
                     f"{PROPOSAL_KIND_LABELS[p.kind]}, "
                     f"{CATEGORY_LABELS.get(p.category, p.category).lower()}",
                     f"{c.owner or 'Not assigned'}"
                     + (f", due {short_date(c.due_on)}" if c.due_on else ""),
                     STATE_LABELS[c.state], implemented, _notes(p)))
    report.caption("Table: change log")
    report.table(("Ref", "Decided", "Competency and item", "Change", "Owner and due",
                  "State", "Implemented", "Notes"), rows,
                 (1.5, 2.1, 6.4, 2.8, 3.8, 1.9, 4.0, 3.6))
