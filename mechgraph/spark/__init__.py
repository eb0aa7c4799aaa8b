"""The batch engine on Apache Spark: ``check``, ``predict`` and ``ask --pairs`` as DataFrame joins."""
