"""One module per CLI command; each defines ``command`` (or ``commands``, a list) and is registered by
``tripletpls.cli``. ``_common`` holds what only the command line needs (shared options, ``emit``,
loading, progress bars) and registers nothing.

Commands parse options, call :mod:`tripletpls.pipeline` / :mod:`tripletpls.experiments` and print.
Keep module-level imports light (click, instances): import engines inside the command body so
``tripletpls --help`` stays fast.
"""
