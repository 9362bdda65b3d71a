#!/usr/bin/env bash
# Add an Alembic migration for model changes: scripts/new_migration.sh "what changed"
set -euo pipefail
cd "$(dirname "$0")/.."
message=${1:?give a short description of the change}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export DATABASE_URL="sqlite:///$tmp/current.sqlite3"
.venv/bin/review-app init-db >/dev/null
MESSAGE="$message" .venv/bin/python - <<'PY'
import os
from alembic import command
from review_app import create_app
from review_app.cli import alembic_config
app = create_app()
with app.app_context():
    command.revision(alembic_config(app.config["SQLALCHEMY_DATABASE_URI"]),
                     message=os.environ["MESSAGE"], autogenerate=True)
PY
