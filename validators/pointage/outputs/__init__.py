"""Outputs: each reads the Report, none recomputes anything."""
