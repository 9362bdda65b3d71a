from ..factories import make_day, make_user  # noqa: F401  (fixtures)
