"""Where the public benchmark instances are (``../shared/data`` beside the checkout)."""
from __future__ import annotations

import os

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def shared_data_dir() -> str:
    """conftest's SHARED_DATA (ROOT/../shared/data), or the same directory seen from a worktree one
    level deeper (/work/wt/NAME -> /work/shared/data)."""
    candidates = [os.path.join(os.path.dirname(ROOT), "shared", "data"),
                  os.path.join(os.path.dirname(os.path.dirname(ROOT)), "shared", "data")]
    for d in candidates:
        if os.path.isdir(d):
            return d
    return candidates[0]


SHARED_DATA = shared_data_dir()
