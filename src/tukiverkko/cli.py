"""The ``tukiverkko`` command: every management command of the project, e.g.

tukiverkko load-catalogue
tukiverkko export-hsds DIR
tukiverkko score phq9 --answers answers.json
tukiverkko runserver
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tukiverkko.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv if argv is None else ["tukiverkko", *argv])
    # Command names use hyphens on the command line (load-catalogue) and
    # underscores as Django module names (load_catalogue).
    if len(args) > 1 and not args[1].startswith("-"):
        args[1] = args[1].replace("-", "_")
    execute_from_command_line(args)


if __name__ == "__main__":
    main()
