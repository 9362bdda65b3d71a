"""psycopg under gevent (`serve --production`): a query waits on the hub, and other
greenlets run meanwhile."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from .conftest import ROOT, TEST_DATABASE_URL

PROGRAM = textwrap.dedent("""
    import os, sys
    os.environ["REVIEW_APP_GEVENT"] = "1"
    import review_app  # patches the standard library and installs the wait
    import gevent, psycopg, sqlalchemy as sa
    from review_app.gevent_psycopg import wait_on_hub

    assert psycopg.waiting.wait is wait_on_hub
    engine = sa.create_engine(sys.argv[1])
    seen = []

    def query():
        with engine.connect() as connection:
            value = connection.execute(sa.text("SELECT 41 + 1 FROM pg_sleep(0.3)")).scalar()
        seen.append(f"answer {value}")

    def meanwhile():
        for n in range(3):
            gevent.sleep(0.01)
            seen.append("tick")

    gevent.joinall([gevent.spawn(query), gevent.spawn(meanwhile)], raise_error=True)
    with engine.connect() as connection:  # an error still reaches the caller
        try:
            connection.execute(sa.text("SELECT * FROM no_such_table"))
        except sa.exc.ProgrammingError:
            seen.append("error raised")
    print(" | ".join(seen))
""")


def test_a_query_under_gevent_lets_other_greenlets_run():
    if not TEST_DATABASE_URL.startswith("postgresql"):
        pytest.skip("needs PostgreSQL (TEST_DATABASE_URL)")
    done = subprocess.run([sys.executable, "-c", PROGRAM, TEST_DATABASE_URL], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "tick | tick | tick | answer 42 | error raised"
