"""Pointage: checks the arithmetic of budget annex workbooks before a commission.

Data flows one way: source -> snapshot -> tables -> analyses -> rules -> findings ->
outputs (docs/architecture.md).
"""

# `pointage` spans two source roots: `validators/pointage/` and `addin/pointage/`
# (the add-in, `pointage.addin`). With both roots on the path (a checkout, an IDE, a
# type checker), the package is found in both; installed, it is one folder.
__path__ = __import__("pkgutil").extend_path(__path__, __name__)

__version__ = "0.1.0"
