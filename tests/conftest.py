"""Every test builds its app from the factory and gets a database of its own.

SQLite by default (in memory); with TEST_DATABASE_URL set to PostgreSQL, each test gets its
own schema in that database, dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa

from review_app import create_app
from review_app.extensions import db

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "curricula" / "stage-1.yaml"
TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "")


def pytest_report_header() -> str:
    return f"database: {TEST_DATABASE_URL or 'sqlite (in memory)'}"


@pytest.fixture
def database_config(tmp_path) -> Iterator[dict]:
    """SQLAlchemy settings for one test's own database."""
    if not TEST_DATABASE_URL.startswith("postgresql"):
        yield {"SQLALCHEMY_DATABASE_URI": "sqlite://"}
        return
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(TEST_DATABASE_URL, poolclass=sa.pool.NullPool)
    with admin.begin() as connection:
        connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    yield {"SQLALCHEMY_DATABASE_URI": TEST_DATABASE_URL,
           "SQLALCHEMY_ENGINE_OPTIONS": {"connect_args": {"options": f"-csearch_path={schema}"}}}
    with admin.begin() as connection:
        connection.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@contextmanager
def app_with_tables(database_config: dict, tmp_path: Path, **config) -> Iterator:
    """An app on the test's own database, its tables created, inside its app context."""
    app = create_app({**database_config, "EXPORTS_DIR": tmp_path / "exports",
                      "INSTANCE_DIR": tmp_path / "instance", **config})
    with app.app_context():
        db.create_all()
        yield app
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def app(database_config, tmp_path):
    with app_with_tables(database_config, tmp_path) as app:
        yield app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def session(app):
    return db.session


@pytest.fixture
def sample_curriculum(session):
    """The Stage 1 sample curriculum stored, as a freshly loaded Curriculum."""
    from review_app.curriculum.sources import import_curriculum_file

    result = import_curriculum_file(session, SAMPLE)
    session.commit()
    return result.curriculum


@pytest.fixture
def private_redis(tmp_path):
    """A redis-server of the test's own, which it may stop and start (tests/servers.py)."""
    from .servers import PrivateRedis

    server = PrivateRedis(tmp_path).start()
    yield server
    server.stop()
