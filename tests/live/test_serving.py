"""How `serve` settles the process before it takes connections."""

from __future__ import annotations

import gc

import pytest

from review_app.live.serving import settle_memory
from review_app.quality import spelling

from ..servers import AppServer, cli, process_database, server_env


def test_start_up_objects_are_out_of_the_collectors_sight(app):
    threshold = gc.get_threshold()
    seen_before = len(gc.get_objects())
    try:
        settle_memory()
        # What start-up built (the app and its modules) is frozen, so full collections in a
        # busy call walk only what the calls themselves keep.
        assert gc.get_freeze_count() >= seen_before // 2
        assert len(gc.get_objects()) < seen_before // 10
        assert gc.get_threshold()[2] > threshold[2]
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)


@pytest.mark.skipif(not spelling.DICTIONARY.with_suffix(".dic").exists(),
                    reason="hunspell-en-gb is not installed")
def test_serve_loads_the_dictionary_before_it_takes_connections(tmp_path):
    """Proposals' fixes need it: no live call should wait while it loads."""
    with process_database(tmp_path) as url:
        env = server_env(url, tmp_path)
        cli(env, "init-db")
        cache = tmp_path / "instance" / "cache"
        assert not cache.exists()
        server = AppServer(env).start()  # answers a curriculum page: no check asked for
        try:
            assert len(list(cache.glob("en_GB-*.pickle"))) == 1
        finally:
            server.stop()
