import os
import sys

from pointage.cli import main

code = main()
# Everything is written: leave without tearing down pandas and pandera module by
# module (a tenth of a second for nothing at the end of every command).
sys.stdout.flush()
sys.stderr.flush()
os._exit(code)
