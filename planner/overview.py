"""One line about a plan, for ``workout plans`` and the app's plan list."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs

from planner.service import PlanService


@attrs.frozen(slots=False)
class Overview:
    """Where a plan stands."""

    slug: str
    name: str
    phases: str
    """``back-rehab:26 → linear-5x5:12``."""
    done: int
    total: int
    upcoming: dt.date | None
    """The date of the next planned session (None: finished)."""

    def row(self) -> tuple[str, str, str, str, str]:
        """PLAN, NAME, PHASES, DONE, NEXT as both the CLI and the app show them."""
        upcoming = f"{self.upcoming:%a %Y-%m-%d}" if self.upcoming else "finished"
        return (self.slug, self.name, self.phases, f"{self.done}/{self.total}", upcoming)


def overview(path: Path, today: dt.date) -> Overview:
    """Read a plan (from the cache when it can) and see where it stands on ``today``."""
    service = PlanService.open(path, today)
    projection = service.window()
    upcoming = projection.next_planned_item()
    return Overview(
        slug=service.slug,
        name=service.plan.name,
        phases=" → ".join(f"{p.program.id}:{p.weeks}" for p in service.plan.phases),
        done=projection.count("done"),
        total=projection.total,
        upcoming=None if upcoming is None else upcoming.date,
    )
