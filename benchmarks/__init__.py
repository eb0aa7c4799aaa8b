"""Benchmarks for mechgraph: synthetic corpora, same-run baselines and a runner.

``layout`` shapes a corpus and ``generate`` writes it (seeded rule text plus
the same graph as an edge list); ``baselines`` holds the reference
implementations every figure is divided by; ``figures`` measures one corpus
in one process; ``run`` drives the sizes in fresh subprocesses and prints
the tables of ``report``.
"""
