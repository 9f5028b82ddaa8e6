"""``python -m bench [--quick] [--json FILE]``."""

import sys

from bench.run import main

sys.exit(main())
