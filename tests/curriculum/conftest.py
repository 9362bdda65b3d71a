from ..factories import make_user  # noqa: F401  (fixtures)
