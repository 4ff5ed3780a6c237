"""Benchmarks and the understanding evaluation (run from the project root)."""
