"""What the app adds for looking back, kept beside :mod:`screens.app` (whose module is at its
size limit): the plan's history (``h``) and the merge of conflict copies a file-sync tool left
beside the plan (offered when a plan opens).

:class:`LookBack` is a base class of :class:`screens.app.WorkoutApp`, whose ``watch_projection``
calls :meth:`LookBack.merge_on_open` each time a plan is shown.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, cast

from planner.errors import WorkoutError
from screens import messages

if TYPE_CHECKING:
    from planner.conflicts import Found
    from planner.merge import Side
    from planner.service import PlanService
    from screens.app import WorkoutApp


class LookBack:
    """The history key and the conflict-copy merge of :class:`screens.app.WorkoutApp`."""

    @property
    def declined_copies(self) -> set[Path]:
        """Conflict copies the person chose not to merge now (not offered again this run)."""
        found: set[Path] = self.__dict__.setdefault("_declined_copies", set())
        return found

    @property
    def _app(self) -> WorkoutApp:
        return cast("WorkoutApp", self)

    def action_history(self) -> None:
        """Earlier versions of the plan, with what changed in each; restore one."""
        from screens.history import open_history

        open_history(self._app)

    def merge_on_open(self) -> None:
        """A plan is shown: when it was just opened (a new service: at start, after picking
        another plan, an undo, a restore or a merge), offer to merge its conflict copies."""
        service = self._app.service
        if service is not None and self.__dict__.get("_offered_for") is not service:
            self.__dict__["_offered_for"] = service
            self._app.call_after_refresh(self.offer_merge, service)

    def offer_merge(self, service: PlanService) -> None:
        """Offer the first conflict copy of the open plan not declined yet (read in the
        background; nothing is offered while a change is not saved)."""
        # (the merge screen is imported only when a copy is there: this runs at start, where
        # importing it cost 2 % of the first frame)
        from planner.conflicts import conflict_copies

        app = self._app
        declined = self.declined_copies
        if app.service is not service or app.unsaved:
            return
        copies = [copy for copy in conflict_copies(service.path) if copy not in declined]
        if copies:
            from screens.merge import MergeScreen

            if isinstance(app.screen, MergeScreen):
                return
            app.run_worker(
                lambda: self._examine(service, copies[0]),
                thread=True,
                group="merge",
                exit_on_error=False,
                description="read conflict copy",
            )

    def _examine(self, service: PlanService, copy: Path) -> None:
        from planner.conflicts import examine

        app = self._app
        try:
            found = examine(service, copy)
        except WorkoutError as error:
            self.declined_copies.add(copy)
            app.call_from_thread(
                app.notify,
                f"A conflict copy cannot be merged: {error}",
                title="Conflict copy",
                severity="warning",
                timeout=12,
            )
            return
        app.call_from_thread(self._ask, service, found)

    def _ask(self, service: PlanService, found: Found) -> None:
        from screens.merge import MergeScreen

        app = self._app
        if app.service is not service or isinstance(app.screen, MergeScreen):
            return

        def answered(choices: dict[dt.date, Side] | None) -> None:
            if choices is None:
                self.declined_copies.add(found.copy)
                app.notify(
                    f"Not merged: {found.copy.name} stays beside the plan "
                    f"(`workout merge {service.slug}`, or open the plan again).",
                    timeout=8,
                )
                return
            app.run_worker(
                lambda: self._merge(service, found.copy, choices),
                thread=True,
                group="merge",
                exit_on_error=False,
                description="merge conflict copy",
            )

        app.push_screen(MergeScreen(service.slug, found), answered)

    def _merge(self, service: PlanService, copy: Path, choices: dict[dt.date, Side]) -> None:
        from planner.conflicts import merge_copy

        app = self._app
        try:
            done = merge_copy(service, copy, choices)
        except WorkoutError as error:
            app.post_message(messages.ActionFailed(error))
            return
        note = (
            f"Merged {copy.name}: added {len(done.comparison.added)} session(s). The copy is "
            f"in the trash (`workout restore-plan {done.trashed.stem}`); u undoes the merge."
        )
        app.call_from_thread(app.notify, note, timeout=10)
        app.call_from_thread(app.load_plan, service.path)  # (offers the next copy, if any)
