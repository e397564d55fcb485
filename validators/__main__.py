import sys

from pointage.cli import main

sys.exit(main())
