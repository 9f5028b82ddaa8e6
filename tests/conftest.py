"""Shared fixtures: every test gets its own data directory, never the user's real one."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point ``WORKOUT_DATA_DIR`` at a fresh temporary directory."""
    path = tmp_path / "data"
    monkeypatch.setenv("WORKOUT_DATA_DIR", str(path))
    return path
