"""Benchmarks for mechgraph: synthetic corpora, same-run baselines and a runner.

``generate`` writes seeded rule corpora (and the same graph as an edge list),
``baselines`` holds the reference implementations every figure is divided
by, ``figures`` measures one corpus in one process and ``run`` drives the
sizes in fresh subprocesses and prints the tables (``report``).
"""
