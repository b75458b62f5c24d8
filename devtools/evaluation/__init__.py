"""Measurements that guide design choices (not pass/fail tests)."""
