"""The garbage-collector pause of parse, compile and the compiled cache: opt-in only."""

import gc

import pytest

from mechgraph.compiler.compile import compile_rules
from mechgraph.language.parser import parse_text
from mechgraph.memory import allow_gc_pause, paused_gc


@pytest.fixture
def allowed():
    """The pause allowed, as the command line allows it, and the collector restored after."""
    previous = allow_gc_pause(True)
    assert gc.isenabled() and not gc.get_freeze_count(), "another test left the collector changed"
    yield
    allow_gc_pause(previous)


def _in_generation(obj, generation: int) -> bool:
    return any(o is obj for o in gc.get_objects(generation))


def test_a_library_user_keeps_the_collector_untouched(monkeypatch):
    """Check that parsing and compiling in a host process (a Jupyter kernel) neither
    pause nor freeze its collector."""
    calls = []
    for name in ("disable", "freeze", "unfreeze"):
        monkeypatch.setattr(gc, name, lambda name=name: calls.append(name))
    graph, _ = compile_rules([parse_text("a -> b\n" * 2000)])
    assert len(graph.claims) == 2000 and calls == []


def test_what_is_made_while_paused_joins_the_oldest_generation(allowed):
    """Check that no young collection will walk the objects a parse made."""
    with paused_gc():
        assert not gc.isenabled()
        made = [[index] for index in range(1000)]
    assert gc.isenabled()
    assert _in_generation(made, 2) and _in_generation(made[-1], 2)
    assert not _in_generation(made, 0)


def test_a_freeze_asked_for_elsewhere_is_kept(allowed):
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with paused_gc():
            _ = [[index] for index in range(100)]
        # Frozen objects that die leave the count (a full run once saw it 2 lower), so the
        # test is that the pause did not unfreeze (which would empty it), not an exact count.
        assert 0 < gc.get_freeze_count() <= frozen
    finally:
        gc.unfreeze()


def test_a_disabled_collector_stays_disabled(allowed):
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_command_line_allows_the_pause_only_while_it_runs(tmp_path, capsys):
    from mechgraph.cli import main

    (tmp_path / "a.mg").write_text("a -> b\n")
    assert main(["stats", "--rules", str(tmp_path / "a.mg")]) == 0
    assert allow_gc_pause(False) is False  # restored after the run
