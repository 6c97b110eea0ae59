"""``python -m kb``: the same as the ``kb`` command."""

from .cli import cli

if __name__ == "__main__":
    cli()
