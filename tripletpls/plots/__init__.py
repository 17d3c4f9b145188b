"""Plots (matplotlib, Agg, imported lazily): step counts against size of stored runs (``steps``) and
landscape figures (``landscape``). Every figure is written by :func:`save_figure`."""
from __future__ import annotations

import os

#: image formats matplotlib writes here, by file-name suffix
IMAGE_FORMATS = {".png": "png", ".pdf": "pdf", ".svg": "svg"}


def save_figure(fig, path, dpi: int) -> None:
    """Write a figure through :func:`instances.io.open_output` (atomic; links, FIFOs and ``-`` handled),
    then close it (also when writing fails).

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure.
    path : str or path-like
        The image file (.png, .pdf or .svg; ``-``: PNG on standard output).
    dpi : int
        Resolution.

    Raises
    ------
    InstanceError
        If the suffix is not an image format or the file cannot be written (names the file).
    """
    import matplotlib.pyplot as plt

    from instances import InstanceError
    from instances.io import open_output

    try:
        fmt = "png" if str(path) == "-" else IMAGE_FORMATS.get(os.path.splitext(str(path))[1].lower())
        if fmt is None:
            raise InstanceError(f"not an image file name (use {', '.join(IMAGE_FORMATS)})", str(path))
        with open_output(path, "wb") as f:
            fig.savefig(f, format=fmt, dpi=dpi)
    finally:
        plt.close(fig)
