"""The Alembic migrations build exactly the schema the models describe."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from review_app import create_app
from review_app.cli import upgrade_database
from review_app.extensions import db


def test_init_db_matches_the_models(database_config, tmp_path):
    app = create_app({**database_config, "INSTANCE_DIR": tmp_path})
    with app.app_context():
        upgrade_database()
        upgrade_database()  # a second run is a no-op
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, db.metadata) == []
            assert context.get_current_revision() is not None
        db.engine.dispose()
