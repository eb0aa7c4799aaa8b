"""The garbage-collector pause used by parse, compile and the compiled cache."""

import gc

from mechgraph.memory import paused_gc


def _in_generation(obj, generation: int) -> bool:
    return any(o is obj for o in gc.get_objects(generation))


def test_what_is_made_while_paused_joins_the_oldest_generation():
    """Check that no young collection will walk the objects a parse made."""
    with paused_gc():
        made = [[index] for index in range(1000)]
    assert gc.isenabled()
    assert _in_generation(made, 2) and _in_generation(made[-1], 2)
    assert not _in_generation(made, 0)


def test_a_freeze_asked_for_elsewhere_is_kept():
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with paused_gc():
            _ = [[index] for index in range(100)]
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()


def test_a_disabled_collector_stays_disabled():
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
