"""The ``workout`` commands, one module per kind of work; :mod:`planner.cli` parses the words
and runs the handler ``cmd_<name>`` of the module :data:`MODULES` names.

Each handler takes the parsed arguments and returns the exit code; it raises a
:class:`~planner.errors.WorkoutError` for anything a person must fix (``planner.cli`` prints it
on one line). Modules import what they need inside the handler, so a command pays only for its
own imports.
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from planner.service import PlanService

EXIT_OK, EXIT_FAILED = 0, 1

MODULES: dict[str, str] = {
    "programs": "view",
    "plans": "view",
    "show": "view",
    "today": "view",
    "guide": "view",
    "done": "log",
    "skip": "log",
    "undo": "log",
    "pain": "back",
    "advance": "back",
    "history": "history",
    "restore": "history",
    "merge": "merge",
    "new": "plan",
    "export": "plan",
    "validate": "plan",
    "units": "plan",
    "days": "plan",
    "rename": "manage",
    "archive": "manage",
    "delete": "manage",
    "restore-plan": "manage",
}
"""Which module of this package runs each command."""


def today_of(args: argparse.Namespace) -> dt.date:
    """The date a command treats as today: ``--today``, else the local date."""
    from planner.service import today
    from planner.text import parse_date  # (not planner.actions: today and done need little of it)

    return parse_date(args.today, "--today") if args.today else today()


def open_plan(args: argparse.Namespace) -> PlanService:
    """The plan a command means (read when first needed)."""
    from planner.service import PlanService, resolve_plan

    return PlanService(resolve_plan(args.plan), today_of(args))
