"""The report's account of each Review Day (agenda, time, attendance) and the general
feedback on pitch and timbre, grouped by theme."""

from __future__ import annotations

from collections import defaultdict

from ..implement.labels import long_date, short_date
from .data import DayData, ReportData
from .loading import stage_label
from .summary import plural
from .word import ReportWriter, plain


def add_review_days(report: ReportWriter, data: ReportData) -> None:
    report.heading("Review Days", 1)
    if not data.days:
        report.paragraph("No Review Days in this period.")
    for day in data.days:
        _day(report, day)


def _minutes(value: float) -> str:
    return f"{value:.0f}" if value == int(value) else f"{value:.1f}"


def _times(planned: int, actual: float) -> tuple[str, str, str]:
    """Planned, actual and the difference; an item never timed (never focused, or with no
    timebox) has no difference rather than a made-up one."""
    shown_planned = _minutes(planned) if planned else "No timebox"
    if not actual:
        return shown_planned, "Not timed", "–"
    return shown_planned, _minutes(actual), _signed(actual - planned) if planned else "–"


def _signed(difference: float) -> str:
    difference = round(difference, 1)
    sign = "+" if difference > 0 else "−" if difference < 0 else ""
    return f"{sign}{_minutes(abs(difference))}"


def _day(report: ReportWriter, day: DayData) -> None:
    report.heading(f"{long_date(day.date)}: {stage_label(day.curriculum)}", 2)
    organisations = {a.organisation for a in day.attendees}
    team = f" The facilitation team: {', '.join(day.team)}." if day.team else ""
    report.paragraph(
        f"“{day.title}”, {day.curriculum}, {day.starts} to {day.ends}"
        + (f", facilitated by {day.facilitator}" if day.facilitator else "")
        + f". {plural(len(day.attendees), 'stakeholder')} attended from "
        f"{plural(len(organisations), 'organisation')}.{team}")
    rows = [(str(item.position), item.label, *_times(item.planned_minutes, item.actual_minutes))
            for item in day.agenda]
    planned = sum(i.planned_minutes for i in day.agenda)
    actual = round(sum(i.actual_minutes for i in day.agenda), 1)
    rows.append(("", "Total", *_times(planned, actual)))
    report.caption(f"Table: agenda of {long_date(day.date)}, planned and actual time")
    report.table(("No.", "Agenda item", "Planned (minutes)", "Actual (minutes)",
                  "Over (+) or under (−)"), rows, (1.4, 13.0, 3.4, 3.4, 4.0),
                 numeric=(0, 2, 3, 4))
    by_organisation: dict[str, list[str]] = defaultdict(list)
    for person in day.attendees:
        by_organisation[person.organisation].append(f"{person.name} ({person.group})")
    rows = [(name, "; ".join(names), str(len(names)))
            for name, names in sorted(by_organisation.items())]
    report.caption(f"Table: who attended on {long_date(day.date)}")
    report.table(("Organisation", "Who attended (stakeholder group)", "People"), rows,
                 (5.5, 17.0, 2.5), numeric=(2,))


def add_general_feedback(report: ReportWriter, data: ReportData) -> None:
    report.heading("General feedback on pitch and timbre", 1)
    report.paragraph(
        "Feedback on the curriculum as a whole: its level, tone and voice. It is kept apart "
        "from the in-depth feedback on language, terminology and examples that follows.")
    if not data.feedback:
        report.paragraph("No general feedback was given in this period.")
        return
    themes: dict[str, list] = defaultdict(list)
    for row in data.feedback:
        themes[row.theme].append(row)
    for theme, rows in sorted(themes.items(), key=lambda t: (-len(t[1]), t[0])):
        report.heading(f"{theme} ({plural(len(rows), 'comment')})", 2)
        for row in sorted(rows, key=lambda r: (r.day_date, r.organisation)):
            about = f", on {row.competency}" if row.competency else ""
            report.paragraph([plain(f"“{row.text}”"), plain(
                f" ({row.organisation}, {short_date(row.day_date)}{about})", italic=True)],
                "List Bullet")
