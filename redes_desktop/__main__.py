import sys

from redes_desktop.cli import main

sys.exit(main())
