"""The landscape PNGs: success rates with Wilson intervals, and census basins by class."""
from __future__ import annotations

from tripletpls.plots.landscape import census_plot, success_plot, value_labels


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


def _census(k, starts=10):
    return {"starts": starts, "clusters": [{"count": 1, "value": float(i), "second_order": "minimum",
                                            "class": "global" if i == 0 else "suboptimal"} for i in range(k)]}


def test_census_plot_grows_with_the_number_of_basins_and_caps_them(tmp_path):
    small, large, huge = tmp_path / "a.png", tmp_path / "b.png", tmp_path / "c.png"
    assert census_plot(_census(2), str(small), "two") == {"labels": ["#1  0", "#2  1"], "shown": 2, "hidden": 0}
    census_plot(_census(30), str(large), "thirty")
    assert _size(small) == (round(3.0 * 120), round(7 * 120))  # at least 3 inches high
    assert _size(large) == (round((0.3 * 30 + 1.7) * 120), round(7 * 120))
    drawn = census_plot(_census(50), str(huge), "fifty", most=40)
    assert (drawn["shown"], drawn["hidden"]) == (40, 10) and _size(huge)[0] == _size(tmp_path / "b.png")[0] + 120 * 3


def test_census_plot_labels_tell_distinct_values_apart(tmp_path):
    values = [0.1541397413106369, 0.15600632792128943, 0.15413974131063712, 0.1541396]
    census = {"starts": 9, "modulo": "rotations", "clusters": [
        {"count": 3 - i // 2, "value": v, "class": "noncollapsed", "second_order": "minimum" if i else "saddle"}
        for i, v in enumerate(values)]}
    labels = census_plot(census, str(tmp_path / "v.png"), "t")["labels"]
    # equal values (to 1e-9) print alike, different ones differ; second order shown when it varies
    assert labels == ["#1  0.1541397 (saddle)", "#2  0.1560063 (minimum)", "#3  0.1541397 (minimum)",
                      "#4  0.1541396 (minimum)"]
    assert value_labels([1.0, 1.0 + 1e-12, 2.0]) == ["1", "1", "2"]
