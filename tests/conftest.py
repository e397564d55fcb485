import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
# xlwings' remote engine (add-in tests) needs this; harmless elsewhere.
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
