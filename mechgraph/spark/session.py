"""The Spark session of the batch engine: pyspark loaded only here, a clear error without it.

pyspark is an extra (``pip install 'mechgraph[spark]'``) and needs a Java
runtime (17 or later for pyspark 4).  :func:`spark_session` checks both
before starting the JVM, so a missing one is a :class:`SparkUnavailable`
naming the fix, never a traceback.  Under ``spark-submit`` the session it
gets is the one spark-submit configured (its ``--master``); run directly,
it is a local session on every core (``MECHGRAPH_SPARK_MASTER`` to choose
another master).

>>> error = SparkUnavailable.of("pyspark is not installed", JAVA_HINT)
>>> error.diagnostics[0].code
'missing-dependency'
"""

from __future__ import annotations

import os
import shutil
import warnings
from typing import Any

from mechgraph.errors import Diagnostic, MechgraphError

__all__ = ["JAVA_HINT", "PYSPARK_HINT", "SparkUnavailable", "check_java", "spark_session"]

PYSPARK_HINT = "pip install 'mechgraph[spark]' (or pip install pyspark)"
JAVA_HINT = (
    "install a Java 17 runtime (Debian/Ubuntu: apt-get install openjdk-17-jre-headless) "
    "or set JAVA_HOME to one"
)
#: Spark settings for a session this module starts (not one spark-submit made).
LOCAL_SETTINGS = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.shuffle.partitions": "4",
    # a level is small next to the planning adaptive execution adds (a job per stage)
    "spark.sql.adaptive.enabled": "false",
    "spark.driver.memory": "2g",
}


class SparkUnavailable(MechgraphError):
    """The Spark engine cannot start here (no pyspark, no Java)."""

    @classmethod
    def of(cls, message: str, hint: str) -> SparkUnavailable:
        return cls(
            Diagnostic.error(message, file="<engine spark>", hint=hint, code="missing-dependency")
        )


def check_java(environ: dict[str, str] | None = None) -> str:
    """The Java launcher Spark will run (``$JAVA_HOME/bin/java``, else ``java`` on the PATH);
    :class:`SparkUnavailable` when there is none.

    >>> check_java({"PATH": "/nowhere"})
    Traceback (most recent call last):
    ...
    mechgraph.spark.session.SparkUnavailable: <engine spark>: error: the Spark engine needs a Java runtime, and none was found (no JAVA_HOME, no java on the PATH)
      hint: install a Java 17 runtime (Debian/Ubuntu: apt-get install openjdk-17-jre-headless) or set JAVA_HOME to one
    """
    env = os.environ if environ is None else environ
    home = env.get("JAVA_HOME")
    if home:
        java = os.path.join(home, "bin", "java")
        if os.access(java, os.X_OK):
            return java
        raise SparkUnavailable.of(f"JAVA_HOME={home} holds no bin/java", JAVA_HINT)
    found = shutil.which("java", path=env.get("PATH", ""))
    if found is None:
        raise SparkUnavailable.of(
            "the Spark engine needs a Java runtime, and none was found "
            "(no JAVA_HOME, no java on the PATH)",
            JAVA_HINT,
        )
    return found


def spark_session() -> Any:
    """The active Spark session, or a new one (see the module's notes).

    Raises
    ------
    SparkUnavailable
        When pyspark is not installed or no Java runtime is found.
    """
    # pyspark warns of any pandas >= 3 it finds, though the engine uses no pandas; under
    # spark-submit, which joins the driver's stderr to its stdout, the warning would
    # land in the --json output.
    warnings.filterwarnings(
        "ignore", "PySpark does not yet fully support pandas", FutureWarning, "pyspark"
    )
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise SparkUnavailable.of(
            "the Spark engine (--engine spark) needs pyspark, which is not installed",
            PYSPARK_HINT,
        ) from None
    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    launched = "PYSPARK_GATEWAY_PORT" in os.environ  # spark-submit started this process
    if not launched:
        check_java()
    builder = SparkSession.builder.appName("mechgraph")
    if not launched:
        builder = builder.master(os.environ.get("MECHGRAPH_SPARK_MASTER", "local[*]"))
        for key, value in LOCAL_SETTINGS.items():
            builder = builder.config(key, value)
        quiet = os.path.join(os.path.dirname(__file__), "log4j2.properties")
        builder = builder.config(
            "spark.driver.extraJavaOptions", f"-Dlog4j2.configurationFile=file:{quiet}"
        )
    try:
        session = builder.getOrCreate()
    except Exception as error:  # the JVM did not start: Java too old, no memory, ...
        raise SparkUnavailable.of(
            f"Spark did not start: {str(error).splitlines()[0] if str(error) else type(error).__name__}",
            JAVA_HINT,
        ) from None
    session.sparkContext.setLogLevel("ERROR")
    return session
