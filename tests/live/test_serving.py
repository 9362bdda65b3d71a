"""How `serve` settles the process before it takes connections."""

from __future__ import annotations

import gc

from review_app.live.serving import settle_memory


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
