"""`python -m app`: the reader window, or a subcommand of the command line."""

import sys

from app.entry import main

if __name__ == "__main__":
    sys.exit(main())
