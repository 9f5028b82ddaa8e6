"""Shared fixtures: every test gets its own data and cache directories, never the user's."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point ``WORKOUT_DATA_DIR`` (and ``WORKOUT_CACHE_DIR``) at fresh temporary directories."""
    path = tmp_path / "data"
    monkeypatch.setenv("WORKOUT_DATA_DIR", str(path))
    monkeypatch.setenv("WORKOUT_CACHE_DIR", str(tmp_path / "cache"))
    return path


@pytest.fixture
def cache_dir(data_dir: Path) -> Path:
    """Where this test's cache lives."""
    return data_dir.parent / "cache"
