"""``python -m mechgraph`` runs the command line."""

import sys

from mechgraph.cli import main

sys.exit(main())
