#!/usr/bin/env bash
# Rewrite the initial migration from the models (only while nothing has been deployed).
set -euo pipefail
cd "$(dirname "$0")/.."
rm -f review_app/migrations/versions/0001_initial_schema.py
tmp=$(mktemp -d)
DATABASE_URL="sqlite:///$tmp/gen.sqlite3" .venv/bin/python - <<'PY'
from alembic import command
from review_app import create_app
from review_app.cli import alembic_config
app = create_app()
with app.app_context():
    command.revision(alembic_config(app.config["SQLALCHEMY_DATABASE_URI"]),
                     message="initial schema", autogenerate=True, rev_id="0001")
PY
rm -rf "$tmp"
