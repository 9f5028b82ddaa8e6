"""``python -m planner`` runs the ``workout`` command."""

import sys

from planner.cli import main

sys.exit(main())
