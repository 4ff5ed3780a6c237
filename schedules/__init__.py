"""Time rules and sweeps: plain functions that APScheduler (or replay's virtual clock) calls."""
