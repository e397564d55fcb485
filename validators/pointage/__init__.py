"""Pointage: checks the arithmetic of budget annex workbooks before a commission.

Data flows one way: source -> snapshot -> tables -> rules -> findings -> outputs.
"""

__version__ = "0.1.0"
