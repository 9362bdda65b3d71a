"""Alembic environment: the package's models, run on the connection the CLI hands over."""

from alembic import context
from sqlalchemy import engine_from_config, pool

from review_app import models  # noqa: F401  (registers every table on the metadata)
from review_app.extensions import db

config = context.config
target_metadata = db.metadata


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        engine = engine_from_config(config.get_section(config.config_ini_section) or {},
                                    prefix="sqlalchemy.", poolclass=pool.NullPool)
        with engine.begin() as connection:
            _migrate(connection)
    else:
        _migrate(connection)


def _migrate(connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata,
                      render_as_batch=connection.dialect.name == "sqlite",
                      compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


run()
