"""The script PyInstaller freezes: the same `main` as the `redes-desktop` console script."""

import sys

from redes_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
