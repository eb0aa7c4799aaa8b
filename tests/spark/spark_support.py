"""The ``spark`` fixture: one local Spark session for every Spark test (local[2], no UI, 4 shuffle partitions).

Without pyspark or a Java runtime the Spark tests are skipped with the reason,
except under CI (``CI`` set), where the project's set-up must have installed
both and they fail instead.
"""

from __future__ import annotations

import os

import pytest


@pytest.fixture(scope="session", name="spark")
def spark_fixture():
    from mechgraph.spark.session import SparkUnavailable, spark_session

    os.environ.setdefault("MECHGRAPH_SPARK_MASTER", "local[2]")
    try:
        session = spark_session()
    except SparkUnavailable as error:
        if os.environ.get("CI"):
            pytest.fail(f"the Spark engine cannot start under CI: {error}")
        pytest.skip(f"the Spark engine cannot start here: {error}")
    return session  # stopped with the JVM when the tests end
