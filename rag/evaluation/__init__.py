"""Evaluation: hand-written Q/A pairs, a deterministic scorer, reports and a CI gate."""
