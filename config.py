"""Configuration classes read from the environment with laptop-friendly defaults."""

import json
import os
import secrets
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = Path(os.environ.get("REVIEW_APP_INSTANCE", BASE_DIR / "instance"))


def _secret_key(instance_dir: Path) -> str:
    """Return SECRET_KEY from the environment, else one generated once and kept on disk."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    instance_dir.mkdir(parents=True, exist_ok=True)
    path = instance_dir / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


class Config:
    INSTANCE_DIR = INSTANCE_DIR
    SQLALCHEMY_DATABASE_URI = os.environ.get(
        "DATABASE_URL", f"sqlite:///{INSTANCE_DIR / 'review_day.sqlite3'}"
    )
    REDIS_URL = os.environ.get("REDIS_URL") or None
    # The Redis pub/sub channel the server processes of one deployment share.
    SOCKETIO_CHANNEL = os.environ.get("SOCKETIO_CHANNEL", "review-day")
    EXPORTS_DIR = Path(os.environ.get("EXPORTS_DIR", BASE_DIR / "exports"))
    CURRICULA_DIR = BASE_DIR / "curricula"
    # Largest single Socket.IO message; per-field limits are in live/schemas.py, the live
    # rates and caps in live/limits.py (override any of them with a LIVE_LIMITS dict).
    # The environment may override them as JSON, a rate as [per second, burst]: a benchmark
    # whose one participant sends ten changes a second does (benchmarks/heavyload.py).
    LIVE_LIMITS = json.loads(os.environ.get("LIVE_LIMITS") or "null")
    MAX_SOCKET_MESSAGE_BYTES = 64 * 1024
    # Seconds a request or socket event waits for a pooled database connection.
    DB_POOL_TIMEOUT = 5
    MAX_CONTENT_LENGTH = 16 * 1024 * 1024
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    WTF_CSRF_TIME_LIMIT = None
    INVITATION_MAX_AGE_DAYS = 14
    # The origins allowed to open a socket; None keeps Flask-SocketIO's same-origin check.
    SOCKET_ALLOWED_ORIGINS = [o.strip() for o in os.environ["SOCKET_ALLOWED_ORIGINS"].split(",")
                              ] if os.environ.get("SOCKET_ALLOWED_ORIGINS") else None
    # Threads with simple-websocket on a laptop; `serve --production` switches to gevent.
    SOCKETIO_ASYNC_MODE = os.environ.get("SOCKETIO_ASYNC_MODE", "threading")
    # The site's public address: every absolute link (invitations, the join link, .ics
    # files, the command line) is built from it, never from the request's Host header.
    BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:5000")
    # Invitation emails go through this SMTP server; without MAIL_SERVER the day page offers
    # "Copy all links" and a CSV of the links instead.
    MAIL_SERVER = os.environ.get("MAIL_SERVER", "")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", "587") or 587)
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME", "")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD", "")
    MAIL_USE_TLS = os.environ.get("MAIL_USE_TLS", "true").lower() in ("1", "true", "yes", "on")
    MAIL_FROM = os.environ.get("MAIL_FROM", "")
    MAIL_TIMEOUT_SECONDS = 15
    # How many proxies in front set X-Forwarded-For/-Proto/-Host (1 behind the documented
    # nginx); 0 believes none of those headers.
    TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "0") or 0)
    HSTS_SECONDS = 0
    # Staff sessions end after this long without a page load, and this long after signing in.
    STAFF_IDLE_MINUTES = int(os.environ.get("STAFF_IDLE_MINUTES", "30"))
    STAFF_SESSION_HOURS = int(os.environ.get("STAFF_SESSION_HOURS", "12"))
    # Sign-in throttling: this many failures in the window, per account and per address.
    SIGN_IN_WINDOW_MINUTES = 15
    SIGN_IN_FAILURES_PER_ACCOUNT = 5
    SIGN_IN_FAILURES_PER_ADDRESS = 20
    # Under `serve --production` Word documents are built in worker processes (each about
    # 150 MiB, up to 400 MiB for a national-scale report); a worker that takes longer than
    # this is killed. See review_app/offload.py.
    WORKER_PROCESSES = int(os.environ.get("WORKER_PROCESSES", "1"))
    WORKER_TIMEOUT_SECONDS = 300
    # "idle": a worker runs its jobs under Linux's SCHED_IDLE, on CPU the server leaves, and
    # gives way the moment a live request wakes; "nice": at nice 10 only (a nice-10 build
    # holds a core for its time slice, a millisecond or more, before a waking request gets
    # it). See review_app/worker.py.
    WORKER_SCHEDULING = os.environ.get("WORKER_SCHEDULING", "idle")
    # What an import of a curriculum file reads at most (review_app/curriculum/limits.py).
    IMPORT_MAX_FILE_BYTES = 20 * 1024 * 1024
    IMPORT_MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
    IMPORT_MAX_COMPRESSION_RATIO = 100
    IMPORT_MAX_ENTRIES = 1000
    IMPORT_MAX_ROWS = 2000
    IMPORT_MAX_ITEMS = 3000
    # Curriculum quality checks (review_app/quality/, docs/quality-checks.md).
    QUALITY_DUPLICATE_SCORE = 90  # rapidfuzz token sort ratio, 0-100
    QUALITY_DUPLICATE_MIN_WORDS = 6
    QUALITY_MAX_WORDS = 45  # words in one outcome or statement
    QUALITY_MIN_READING_EASE = 0.0  # Flesch reading ease
    TESTING = False

    def __init__(self) -> None:
        self.SECRET_KEY = _secret_key(Path(self.INSTANCE_DIR))


class ProductionConfig(Config):
    # Cookies only over HTTPS and never readable by scripts (HttpOnly and SameSite=Lax come
    # from Config); the "__Host-" prefix pins the session cookie to this host and path "/".
    SESSION_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-review-day"
    REMEMBER_COOKIE_SECURE = True
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    PREFERRED_URL_SCHEME = "https"
    HSTS_SECONDS = 365 * 24 * 3600


class TestConfig(Config):
    TESTING = True
    SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL", "sqlite://")
    WTF_CSRF_ENABLED = False
    SECRET_KEY = "test-only-key"
    # In-process tests use Socket.IO's test client; only server processes use Redis.
    REDIS_URL = None
    MAIL_SERVER = ""  # a test that sends mail starts its own SMTP server
    # The test machine runs suites side by side on every core: an idle-class worker there
    # could wait minutes for a turn.
    WORKER_SCHEDULING = "nice"

    def __init__(self) -> None:  # tests never touch the instance folder's key
        pass


def config_for(name: str | None) -> Config:
    """Pick the configuration by name (or REVIEW_APP_CONFIG): development, production, test."""
    name = name or os.environ.get("REVIEW_APP_CONFIG", "development")
    return {"production": ProductionConfig, "test": TestConfig}.get(name, Config)()
