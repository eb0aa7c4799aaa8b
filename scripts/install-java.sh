#!/bin/sh
# Install a Java 17 runtime for the Spark engine (pyspark); used by the Makefile when `java`
# is missing.  Without one the Spark tests are skipped, except under CI (CI set), where a
# failed install stops `make test`.
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "mechgraph: installing a Java runtime (openjdk-17-jre-headless) with apt-get" >&2
    # Slim Debian images lack this folder, and the package's set-up fails without it.
    mkdir -p /usr/share/man/man1
    apt-get update -qq >/dev/null
    if DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
        openjdk-17-jre-headless >/dev/null && command -v java >/dev/null 2>&1; then
        exit 0
    fi
    echo "mechgraph: openjdk-17-jre-headless did not install" >&2
else
    echo "mechgraph: no Java runtime; the Spark engine (--engine spark) and its tests need one:" >&2
    echo "apt-get install openjdk-17-jre-headless (or any Java 17+, with JAVA_HOME set to it)." >&2
fi
if [ -n "$CI" ]; then
    echo "mechgraph: CI is set, so a missing Java runtime fails the tests" >&2
    exit 1
fi
exit 0
