"""The report's summary: Review Days held, attendance, coverage of the framework,
proposals by category and outcome, and implementation progress, with charts."""

from __future__ import annotations

from collections import Counter

from ..implement.labels import CATEGORY_LABELS, STATE_LABELS, STATUS_LABELS, long_date
from ..models.implement import CHANGE_STATES
from ..models.live import CATEGORIES, PROPOSAL_STATUSES
from . import charts
from .data import ReportData
from .word import ReportWriter, link

WIDE = 24.0  # cm of the landscape page a full-width chart takes


def percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "–"


def count(n: int) -> str:
    """A count as the style guide writes it: 5,000."""
    return f"{n:,}"


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{count(n)} {word if n == 1 else many or word + 's'}"


def add_summary(report: ReportWriter, data: ReportData) -> None:
    report.heading("Summary", 1)
    if data.not_held:
        report.paragraph("Planned but not held (never opened live, so not counted): " + "; ".join(
            f"{long_date(d)} (“{title}”)" for d, title in data.not_held) + ".")
    if not data.days:
        report.paragraph(f"No Review Days were held between {long_date(data.date_from)} "
                         f"and {long_date(data.date_to)}.")
        return
    dates = "; ".join(f"{long_date(d.date)} ({d.curriculum})" for d in data.days)
    report.paragraph(f"{plural(len(data.days), 'Review Day')} held: {dates}.")
    _key_figures(report, data)
    _attendance(report, data)
    _coverage(report, data)
    _proposals(report, data)
    _implementation(report, data)


def _key_figures(report: ReportWriter, data: ReportData) -> None:
    attendees = [a for d in data.days for a in d.attendees]
    people = {a.key for a in attendees}
    organisations = {a.organisation for a in attendees}
    reviewed = sum(c.reviewed for c in data.coverage)
    total = sum(c.total for c in data.coverage)
    statuses = Counter(p.status for p in data.proposals)
    accepted = statuses["accepted"] + statuses["accepted_amended"]
    changes = [c for _, c in data.changes]
    done = sum(c.state == "done" for c in changes)
    team = {name for d in data.days for name in d.team}
    rows = [
        ("Review Days held", count(len(data.days))),
        ("Stakeholders who attended", f"{count(len(people))} from "
                                      f"{plural(len(organisations), 'organisation')} "
                                      f"({plural(len(attendees), 'attendance')})"),
        ("Facilitation team", f"{count(len(team))} (staff, not counted as attendees)"),
        ("Competencies reviewed", f"{count(reviewed)} of {count(total)} "
                                  f"({percent(reviewed, total)})"),
        ("Proposals made", count(len(data.proposals))),
        ("Proposals accepted", f"{count(accepted)} ({percent(accepted, len(data.proposals))}), "
                               f"{count(statuses['accepted_amended'])} of them with amendment"),
        ("Changes implemented", f"{count(done)} of {count(len(changes))} "
                                f"({percent(done, len(changes))})"),
        ("General feedback", plural(len(data.feedback), "comment")),
    ]
    report.caption("Table: key figures for the period")
    report.table(("Key figure", "Count"), rows, (8.0, 12.0))


def _attendance(report: ReportWriter, data: ReportData) -> None:
    report.heading("Attendance", 2)
    attendees = [a for d in data.days for a in d.attendees]
    for label, key in (("Organisation", "organisation"), ("Stakeholder group", "group")):
        counts = Counter(getattr(a, key) for a in attendees)
        people: dict[str, set[str]] = {}
        for a in attendees:
            people.setdefault(getattr(a, key), set()).add(a.key)
        rows = [(name, count(len(people[name])), count(n), percent(n, len(attendees)))
                for name, n in counts.most_common()]
        rows.append(("Total", count(len({a.key for a in attendees})), count(len(attendees)),
                     "100%"))
        report.caption(f"Table: stakeholder attendance by {label.lower()} (a person attending "
                       "several Review Days counts once under People; the facilitation team "
                       "is not included)")
        report.table((label, "People", "Attendances", "Share of attendances"), rows,
                     (9.0, 3.0, 3.0, 4.0), numeric=(1, 2, 3))
        if key == "organisation":
            ordered = counts.most_common()
            report.chart(charts.bars([n for n, _ in ordered], [c for _, c in ordered],
                                     "Attendances (people × Review Days attended)"),
                         WIDE * 0.8,
                         "Bar chart of attendances by organisation: " + ", ".join(
                             f"{n} {c}" for n, c in ordered))
            report.caption("Figure: attendances by organisation")


def _coverage(report: ReportWriter, data: ReportData) -> None:
    report.heading("Coverage of the framework", 2)
    for coverage in data.coverage:
        rows = [(area, f"{count(reviewed)} of {count(total)}", percent(reviewed, total))
                for area, reviewed, total in coverage.areas]
        rows.append(("Whole curriculum", f"{count(coverage.reviewed)} of "
                                         f"{count(coverage.total)}",
                     percent(coverage.reviewed, coverage.total)))
        report.caption(f"Table: {coverage.curriculum}, competencies on a Review Day agenda "
                       "in the period against the whole curriculum")
        report.table(("Focus area", "Competencies reviewed", "Share"), rows,
                     (9.0, 4.5, 3.0), numeric=(1, 2))
        if coverage.not_reviewed:
            report.paragraph(f"Not yet reviewed in {coverage.curriculum}: "
                             + "; ".join(coverage.not_reviewed) + ".")


def _proposals(report: ReportWriter, data: ReportData) -> None:
    report.heading("Proposals", 2)
    counts = Counter((p.category, p.status) for p in data.proposals)
    rows = []
    for category in CATEGORIES:
        values = [counts[(category, s)] for s in PROPOSAL_STATUSES]
        rows.append((CATEGORY_LABELS[category], *map(count, values), count(sum(values))))
    totals = [sum(counts[(c, s)] for c in CATEGORIES) for s in PROPOSAL_STATUSES]
    rows.append(("Total", *map(count, totals), count(sum(totals))))
    headings = ("Category", *(STATUS_LABELS[s] for s in PROPOSAL_STATUSES), "Total")
    report.caption("Table: proposals by category (rows) and outcome (columns)")
    report.table(headings, rows, (4.4, 2.6, 3.4, 2.6, 2.6, 2.8, 2.4, 2.4),
                 numeric=tuple(range(1, 8)))
    areas = list(dict.fromkeys(p.focus_area for p in sorted(data.proposals,
                                                             key=lambda p: p.order)))
    by_area = Counter((p.focus_area, p.status) for p in data.proposals)
    series = {s: [by_area[(a, s)] for a in areas] for s in PROPOSAL_STATUSES}
    if areas:
        report.chart(charts.stacked_bars(areas, series, charts.OUTCOME_COLOURS,
                                         STATUS_LABELS, "Proposals"), WIDE,
                     "Stacked bar chart of proposals by focus area and outcome: " + "; ".join(
                         f"{a}: " + ", ".join(f"{STATUS_LABELS[s]} {series[s][i]}"
                                              for s in PROPOSAL_STATUSES)
                         for i, a in enumerate(areas)))
        report.caption("Figure: proposals by focus area and outcome")
    _by_competency(report, data)


def _by_competency(report: ReportWriter, data: ReportData) -> None:
    """Every competency with proposals, each a link to its in-depth feedback."""
    rows: dict[int, list] = {}
    for p in sorted(data.proposals, key=lambda p: p.order):
        row = rows.setdefault(p.competency_id, [p, 0, 0, 0])
        row[1] += 1
        row[2] += p.status in ("accepted", "accepted_amended")
        row[3] += p.change is not None and p.change.state == "done"
    if not rows:
        return
    report.caption("Table: proposals by competency (each competency links to its in-depth "
                   "feedback)")
    report.table(("Stage", "Competency", "Proposals", "Accepted", "Implemented"),
                 [(p.stage, [[link(p.competency, p.anchor)]], count(made), count(accepted),
                   count(done)) for p, made, accepted, done in rows.values()],
                 (3.0, 12.0, 3.0, 3.0, 3.0), numeric=(2, 3, 4))


def _implementation(report: ReportWriter, data: ReportData) -> None:
    report.heading("Implementation progress", 2)
    changes = [c for _, c in data.changes]
    states = Counter(c.state for c in changes)
    rows = [(STATE_LABELS[s], count(states[s]), percent(states[s], len(changes)))
            for s in CHANGE_STATES]
    rows.append(("Total", count(len(changes)), "100%" if changes else "–"))
    report.caption("Table: accepted changes by implementation state")
    report.table(("State", "Changes", "Share"), rows, (6.0, 3.0, 3.0),
                 numeric=(1, 2))
    overdue = sum(1 for c in changes if c.state != "done" and c.due_on
                  and c.due_on < data.generated_on)
    tidied = sum(1 for c in changes if c.state == "done" and c.implemented_text is not None
                 and c.accepted_text is not None and c.implemented_text != c.accepted_text)
    conflicts = sum(1 for c in changes if c.conflict_resolution)
    report.paragraph(
        f"{plural(overdue, 'change')} past {'its' if overdue == 1 else 'their'} due day and "
        f"not done on {long_date(data.generated_on)}; {plural(tidied, 'change')} implemented "
        f"with wording tidied from the accepted text; {plural(conflicts, 'conflict')} with a "
        "later edit resolved explicitly.")
