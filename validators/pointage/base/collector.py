"""The cycle collector paused for the length of one action: for entry points only (an
add-in button, an export), never inside the engine or the rules.

A check allocates a list per row and an object per row and keeps them all until it
ends; the collector would walk them again and again for nothing (a sixth of the time
of a 100 000-row check), and a check makes no cycles worth collecting. The command
line goes further and never collects (it ends with os._exit, see pointage.cli.run).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
