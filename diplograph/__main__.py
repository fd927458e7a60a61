"""``python -m diplograph`` is the ``diplograph`` command."""

from diplograph.cli import main

main()
