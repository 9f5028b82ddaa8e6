"""The Textual app of the workout planner: one screen per module, styles in ``.tcss`` files.

Screens show what :mod:`planner` computes and hand every change to it; they hold no business
logic and touch no files. ``screens.app.WorkoutApp`` is the entry point.
"""
