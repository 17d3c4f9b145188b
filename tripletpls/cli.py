"""The ``tripletpls`` command line: a click group whose commands live in ``tripletpls/commands/``.

Every module there that defines ``command`` (a click command) or ``commands`` (a list of them) is
added automatically. Errors from bad input become one line on stderr and exit code 2.
"""
from __future__ import annotations

import importlib
import os
import pkgutil
import sys

import click

from instances import InstanceError

from . import __version__, commands as _commands_pkg

EXIT_BAD_INPUT = 2


def _one_line(msg: str) -> str:
    return " ".join(str(msg).split())


class App(click.Group):
    def list_commands(self, ctx):
        return sorted(super().list_commands(ctx))

    def main(self, args=None, prog_name="tripletpls", **kwargs):  # noqa: D102
        kwargs.pop("standalone_mode", None)
        try:
            rv = super().main(args=args, prog_name=prog_name, standalone_mode=False, **kwargs)
        except click.exceptions.Exit as e:
            sys.exit(e.exit_code)
        except click.UsageError as e:
            where = f"{e.ctx.command_path}: " if getattr(e, "ctx", None) is not None else ""
            _die(f"{where}{e.format_message()}", EXIT_BAD_INPUT)
        except InstanceError as e:
            _die(str(e), EXIT_BAD_INPUT)
        except (click.Abort, KeyboardInterrupt):
            _die("interrupted", 130)
        except BrokenPipeError:
            sys.exit(1)
        except click.ClickException as e:
            _die(e.format_message(), e.exit_code)
        except Exception as e:  # an internal error: one line unless debugging
            if os.environ.get("TRIPLETPLS_DEBUG"):
                raise
            _die(f"internal error: {type(e).__name__}: {e} (set TRIPLETPLS_DEBUG=1 for a traceback)", 1)
        sys.exit(rv if isinstance(rv, int) else 0)


def _die(msg: str, code: int):
    sys.stderr.write(f"tripletpls: error: {_one_line(msg)}\n")
    sys.stderr.flush()
    sys.exit(code)


@click.group(cls=App, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="tripletpls")
def main():
    """Executable complexity results for contrastive learning: hard Max-Cut instances, reductions to
    triplet objectives, exact step counts of local search, and certificates.

    Every command takes --json and then prints exactly one JSON object on stdout.
    """


for _info in pkgutil.iter_modules(_commands_pkg.__path__):
    _mod = importlib.import_module(f"{_commands_pkg.__name__}.{_info.name}")
    for _cmd in getattr(_mod, "commands", []) + ([_mod.command] if hasattr(_mod, "command") else []):
        main.add_command(_cmd)
