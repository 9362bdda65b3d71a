"""Monday: review weeks, Review Days, agendas, baselines, stakeholders and invitations."""

from flask import Blueprint, Flask

bp = Blueprint("prep", __name__)


def init_app(app: Flask) -> None:
    from . import (  # noqa: F401  (registers the views on bp)
        agenda_routes,
        commands,
        invitation_routes,
        join_routes,
        manage_routes,
        people_routes,
        picker_routes,
        routes,
    )
    from .clock import hhmm, long_date, short_date, stamp

    app.register_blueprint(bp)
    app.cli.add_command(commands.demo)
    app.cli.add_command(commands.record_bounces)
    for name, fn in (("long_date", long_date), ("short_date", short_date), ("hhmm", hhmm),
                     ("stamp", stamp)):
        app.add_template_filter(fn, name)
