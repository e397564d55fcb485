"""Findings and the Report every output reads."""
