from ..factories import (  # noqa: F401  (fixtures)
    make_day,
    make_stakeholder,
    make_user,
    reference_data,
)
