"""Run as a subprocess: log the next session of the plan in WORKOUT_DATA_DIR (one save)."""

from __future__ import annotations

import sys

from planner.cli import main

sys.exit(
    main(["--today", sys.argv[1] if len(sys.argv) > 1 else "2026-12-07", "done", *sys.argv[2:]])
)
