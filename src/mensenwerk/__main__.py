import sys

from mensenwerk.cli import main

sys.exit(main())
