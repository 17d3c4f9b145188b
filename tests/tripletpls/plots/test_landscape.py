"""The landscape PNGs: success rates with Wilson intervals, and census basins by class."""
from __future__ import annotations

from tripletpls.plots.landscape import census_plot, success_plot


def _size(path):
    import matplotlib.image

    with open(path, "rb") as f:
        assert f.read(8) == b"\x89PNG\r\n\x1a\n"
    return matplotlib.image.imread(str(path)).shape[:2]


def test_success_plot_writes_a_png(tmp_path):
    rows = [{"schedule": "log", "c": 1.0, "beta_target": 10.0, "rate": 0.5, "wilson95": [0.2, 0.8]},
            {"schedule": "fixed", "c": None, "beta_target": 10.0, "rate": 1.0, "wilson95": [0.7, 1.0]}]
    path = tmp_path / "s.png"
    success_plot(rows, str(path), "toy")
    height, width = _size(path)
    assert (height, width) == (round(3.6 * 120), round(6 * 120))  # figsize x dpi


def test_census_plot_grows_with_the_number_of_basins(tmp_path):
    def census(k):
        return {"starts": 10, "clusters": [{"count": 1, "value": float(i), "class": "global" if i == 0 else "suboptimal"}
                                           for i in range(k)]}

    small, large = tmp_path / "a.png", tmp_path / "b.png"
    census_plot(census(2), str(small), "two")
    census_plot(census(30), str(large), "thirty")
    assert _size(small)[1] == round(4 * 120)  # at least 4 inches wide
    assert _size(large)[1] == round((0.35 * 30 + 2) * 120)
