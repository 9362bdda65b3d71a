"""Statements the live path builds once (`functools.cache`) and runs for every change: at
hundreds of changes a minute, building a statement cost SQLAlchemy more than running it,
and the ORM's unit of work more than both (benchmarks/README.md). They run on the session's
connection, in its transaction: they load no objects, and the session's own `execute`
cost about 0.07 ms a statement more."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session


def bound(table: sa.Table, names: Iterable[str]) -> list[sa.BindParameter]:
    """A bound parameter for each named column, with the column's name and type."""
    return [sa.bindparam(name, type_=table.c[name].type) for name in names]


def insert_of(table: sa.Table, names: Iterable[str]) -> sa.Insert:
    """INSERT of the named columns, each from the parameter of its name."""
    names = list(names)
    return table.insert().values(dict(zip(names, bound(table, names), strict=True)))


def stored_columns(table: sa.Table) -> tuple[str, ...]:
    """Every column but the primary key (which the database gives)."""
    return tuple(c.name for c in table.columns if not c.primary_key)


def values_of(row: Any, names: Iterable[str]) -> dict[str, Any]:
    """The parameters for `insert_of`, from an object not in the session."""
    return {name: getattr(row, name) for name in names}


def run(session: Session, statement: sa.Executable, params: dict[str, Any]) -> sa.CursorResult:
    """Run a prebuilt statement on the session's connection, in the session's transaction."""
    return session.connection().execute(statement, params)
