"""Benchmarks: every figure is a ratio against a floor measured in the same run (docs/ARCHITECTURE.md, promises S1–S5)."""
