"""Adding many stakeholders at once from pasted rows or a CSV file.

Rows are "name, email, organisation, group" (comma- or tab-separated: a spreadsheet pastes
tabs; a header row is skipped). Every row is checked before anything is stored, and any
faulty row stops the whole batch with an error naming its row. Duplicates are merged by
email: a later row with the same email as an earlier one replaces it, and a row whose email
belongs to a stakeholder already stored updates that stakeholder rather than adding another.
"""

from __future__ import annotations

import csv
import io
import logging
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ..auth.permissions import require
from ..errors import InvalidInput
from ..forms import EMAIL
from ..models import Organisation, Stakeholder, StakeholderGroup
from ..text_rules import UnstorableText, storable

log = logging.getLogger(__name__)
MAX_ROWS = 500
MAX_TEXT = 200_000
COLUMNS = ("name", "email", "organisation", "group")


@dataclass
class BulkRow:
    line: int
    name: str
    email: str | None
    organisation: str
    group: str
    errors: list[str] = field(default_factory=list)
    action: str = "add"  # "add", "update" (a stored stakeholder) or "merged" (into a later row)
    merged_into: int | None = None
    organisation_id: int | None = None
    group_id: int | None = None
    existing: Stakeholder | None = None


@dataclass
class BulkPlan:
    rows: list[BulkRow]
    problem: str | None = None  # a fault of the whole text (too long, no rows)

    @property
    def errors(self) -> dict[str, str]:
        """One message per faulty row, keyed by the row's anchor, for the error summary."""
        found = {f"row-{r.line}": f"Row {r.line}: {'; '.join(r.errors)}"
                 for r in self.rows if r.errors}
        return {"rows": self.problem, **found} if self.problem else found

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action and not r.errors)


def _split(text: str) -> list[tuple[int, list[str]]]:
    lines = text.splitlines()
    delimiter = "\t" if "\t" in "\n".join(lines[:5]) else ","
    reader = csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter)
    rows = [(n, [cell.strip() for cell in row]) for n, row in enumerate(reader, start=1)]
    rows = [(n, row) for n, row in rows if any(row)]
    if rows and [c.lower() for c in rows[0][1][:2]] == ["name", "email"]:
        rows = rows[1:]
    return rows


def plan_rows(session: Session, user, text: str) -> BulkPlan:
    """Read and check every row against the organisations, groups and stakeholders stored;
    nothing is changed."""
    require(user, "manage_stakeholders")
    if len(text) > MAX_TEXT:
        return BulkPlan([], f"The rows are {len(text):,} characters: paste at most "
                            f"{MAX_TEXT:,} at a time")
    split = _split(text)
    if not split:
        return BulkPlan([], "Enter at least one row: name, email, organisation, group")
    if len(split) > MAX_ROWS:
        return BulkPlan([], f"There are {len(split)} rows: add at most {MAX_ROWS} at a time")
    organisations = {o.name.casefold(): o for o in session.scalars(sa.select(Organisation))}
    groups = {g.name.casefold(): g for g in session.scalars(sa.select(StakeholderGroup))}
    rows, by_email = [], {}
    for line, cells in split:
        cells = (cells + [""] * 4)[:4] if len(cells) <= 4 else cells
        row = BulkRow(line, cells[0], (cells[1] or "").lower() or None, cells[2], cells[3])
        rows.append(row)
        if len(cells) > 4:
            row.errors.append(f"has {len(cells)} columns; give {', '.join(COLUMNS)}")
            continue
        _check_row(row, organisations, groups)
        if row.email and row.email in by_email:
            earlier = by_email[row.email]
            earlier.action, earlier.merged_into = "merged", row.line
        if row.email:
            by_email[row.email] = row
    emails = [r.email for r in rows if r.email and r.action != "merged"]
    for stakeholder in session.scalars(sa.select(Stakeholder).where(
            sa.func.lower(Stakeholder.email).in_(emails))) if emails else []:
        row = by_email[stakeholder.email.lower()]
        row.action, row.existing = "update", stakeholder
    return BulkPlan(rows)


def _unstorable(row: BulkRow) -> bool:
    """Whether the name or email cannot be stored (text_rules.py), each saying why. Such an
    email is not looked up either: PostgreSQL refuses a NUL even in a query."""
    for label, field_name in (("the name", "name"), ("the email address", "email")):
        try:
            storable(getattr(row, field_name) or "", multiline=False)
        except UnstorableText as error:
            row.errors.append(f"{label} {error.problem}")
            if field_name == "email":
                row.email = None
    return bool(row.errors)


def _check_row(row: BulkRow, organisations: dict, groups: dict) -> None:
    if _unstorable(row):
        return
    if not row.name:
        row.errors.append("enter a name")
    elif len(row.name) > 200:
        row.errors.append("the name must be 200 characters or fewer")
    if row.email and (len(row.email) > 254 or not EMAIL.match(row.email)):
        row.errors.append(f"'{row.email}' is not an email address like name@example.org")
    organisation = organisations.get(row.organisation.casefold())
    if not row.organisation:
        row.errors.append("enter an organisation")
    elif organisation is None:
        row.errors.append(f"the organisation '{row.organisation}' is not in the list "
                          "(an admin adds organisations)")
    else:
        row.organisation_id = organisation.id
    if row.group:
        group = groups.get(row.group.casefold())
        if group is None:
            row.errors.append(f"the stakeholder group '{row.group}' is not in the list")
        else:
            row.group_id = group.id


def add_rows(session: Session, user, text: str) -> BulkPlan:
    """Check the rows again and store them all, or raise InvalidInput and store nothing."""
    plan = plan_rows(session, user, text)
    if plan.errors:
        raise InvalidInput(plan.errors)
    for row in plan.rows:
        if row.action == "merged":
            continue
        stakeholder = row.existing or Stakeholder()
        stakeholder.name, stakeholder.email = row.name, row.email
        stakeholder.organisation_id = row.organisation_id
        if row.group_id is not None or row.existing is None:  # an empty group keeps theirs
            stakeholder.group_id = row.group_id
        session.add(stakeholder)
    session.flush()
    log.info("%s added %d and updated %d stakeholders in bulk", user.email,
             plan.count("add"), plan.count("update"))
    return plan
