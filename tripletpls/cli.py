"""The ``tripletpls`` command line: a click group whose commands live in ``tripletpls/commands/``.

Every module there that defines ``command`` (a click command) or ``commands`` (a list of them) is
added automatically, with its file arguments checked before it runs (no output may be one of its
inputs or another output; at most one ``-``). Exit codes (``EXIT_CODES``): 0 success, 1 a failed check
(``check`` found an improving move), 2 bad input (one line on stderr), 70 an internal error (a bug),
130 / 143 stopped by SIGINT (Ctrl-C) / SIGTERM after saving what was computed (checkpoints, stored
rows), 141 standard output closed early (a pipe into ``head``).
"""
from __future__ import annotations

import contextlib
import functools
import importlib
import io
import os
import pkgutil
import sys

import click

from instances import InstanceError
from localsearch.core import interrupt

from . import __version__, commands as _commands_pkg
from .commands._common import check_paths

EXIT_OK, EXIT_FAILED_CHECK, EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_PIPE = 0, 1, 2, 70, 141
EXIT_CODES = {0: "success (check: the solution is a local optimum)",
              1: "a check failed (check: an improving move exists; design --check: an invalid certificate)",
              2: "bad input (a malformed or hostile file, a wrong option): one line on stderr",
              70: "internal error: a bug in tripletpls (one line on stderr; TRIPLETPLS_DEBUG=1 for a traceback)",
              130: "stopped by SIGINT (Ctrl-C): checkpoint saved, stored rows kept, partial result printed",
              141: "standard output closed early (a pipe into head)",
              143: "stopped by SIGTERM (timeout, a batch scheduler, docker stop): as for 130"}


def _one_line(msg: str) -> str:
    return " ".join(str(msg).split())


class App(click.Group):
    def list_commands(self, ctx):
        return sorted(super().list_commands(ctx))

    def main(self, args=None, prog_name="tripletpls", **kwargs):  # noqa: D102
        kwargs.pop("standalone_mode", None)
        _buffer_stdout()
        interrupt.install()
        interrupt.reset()
        try:
            # click's own main() would print a blank line on a KeyboardInterrupt (closing a terminal's ^C
            # echo) even for SIGTERM; the context is made and invoked here instead (see _die)
            self._main_shell_completion(kwargs, prog_name)
            with self.make_context(prog_name, list(sys.argv[1:] if args is None else args), **kwargs) as ctx:
                rv = self.invoke(ctx)
            sys.stdout.flush()  # a closed pipe shows here, not in the interpreter's exit
        except click.exceptions.Exit as e:
            sys.exit(e.exit_code)
        except click.exceptions.NoArgsIsHelpError as e:  # bare `tripletpls`: the help, as a usage error
            sys.stderr.write(e.ctx.get_help() + "\n")
            sys.exit(EXIT_BAD_INPUT)
        except click.UsageError as e:
            where = f"{e.ctx.command_path}: " if getattr(e, "ctx", None) is not None else ""
            _die(f"{where}{e.format_message()}", EXIT_BAD_INPUT)
        except InstanceError as e:
            _die(str(e), EXIT_BAD_INPUT)
        except interrupt.Interrupted as e:
            _die(f"interrupted by {signal_name(e.signum)}", e.exit_code)
        except (click.Abort, KeyboardInterrupt):
            _die(f"interrupted by {signal_name(interrupt.received() or 2)}", interrupt.exit_code())
        except BrokenPipeError:
            with contextlib.suppress(OSError):  # no flush of the dead pipe at exit
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(EXIT_PIPE)
        except click.ClickException as e:
            _die(e.format_message(), e.exit_code)
        except Exception as e:  # an internal error: one line unless debugging
            if os.environ.get("TRIPLETPLS_DEBUG"):
                raise
            _die(f"internal error: {type(e).__name__}: {e} (set TRIPLETPLS_DEBUG=1 for a traceback)", EXIT_INTERNAL)
        if interrupt.received():  # a run stopped cleanly on a signal: its result is out, the status says so
            _die(f"interrupted by {signal_name(interrupt.received())}; the result above is partial",
                 interrupt.exit_code())
        sys.exit(rv if isinstance(rv, int) else 0)


def _buffer_stdout() -> None:
    """Put a buffered layer back under stdout when Python runs unbuffered (``python -u``,
    ``PYTHONUNBUFFERED``, common in containers): its raw file may then accept only part of a write to a
    pipe (on a signal, or a reader that went away) and the text layer ignores the rest. A buffered
    writer writes everything or raises."""
    out = sys.stdout
    raw = getattr(out, "buffer", None)
    if isinstance(raw, io.RawIOBase) and isinstance(out, io.TextIOWrapper):
        sys.stdout = io.TextIOWrapper(io.BufferedWriter(raw), encoding=out.encoding, errors=out.errors,
                                      line_buffering=True)


def signal_name(signum: int) -> str:
    import signal

    try:
        return signal.Signals(signum).name
    except ValueError:
        return f"signal {signum}"


def _die(msg: str, code: int):
    msg = _one_line(msg)
    if len(msg) > 2000:  # never echo a huge argument back whole
        msg = msg[:1960] + f"... [{len(msg)} characters]"
    try:
        if code == 130 and sys.stderr.isatty():
            sys.stderr.write("\n")  # after the terminal's ^C echo
        sys.stderr.write(f"tripletpls: error: {msg}\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    sys.exit(code)


def _checked(callback):
    """The command callback, after :func:`check_paths` has vetted its file arguments; an InstanceError
    that names no file is located in the command's main file (``FILE``)."""
    @functools.wraps(callback)
    def run(*args, **kwargs):
        ctx = click.get_current_context()
        check_paths(ctx)
        try:
            return callback(*args, **kwargs)
        except InstanceError as e:  # a problem found in the command's main file: name it
            where = ctx.params.get("file")
            if e.path is None and isinstance(where, str):
                raise e.at("<stdin>" if where == "-" else where) from None
            raise
    return run


@click.group(cls=App, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
             epilog="\b\nExit codes:\n" + "\n".join(f"  {k:<4} {v}" for k, v in EXIT_CODES.items()))
@click.version_option(__version__, prog_name="tripletpls")
def main():
    """Executable complexity results for contrastive learning: hard Max-Cut instances, reductions to
    triplet objectives, exact step counts of local search, and certificates.

    Every command takes --json and then prints exactly one JSON object on stdout. A FILE argument may
    be '-' (standard input; for an output, standard output). Outputs never replace an input, a
    symbolic link (its target is written) or a FIFO/device (written through).
    """


for _info in pkgutil.iter_modules(_commands_pkg.__path__):
    _mod = importlib.import_module(f"{_commands_pkg.__name__}.{_info.name}")
    for _cmd in getattr(_mod, "commands", []) + ([_mod.command] if hasattr(_mod, "command") else []):
        _cmd.callback = _checked(_cmd.callback)
        main.add_command(_cmd)
