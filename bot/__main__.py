"""``python -m bot`` is the same as the ``reading-circle`` command."""

import sys

from bot.cli import main

sys.exit(main())
