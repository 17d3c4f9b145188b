"""LocalSearchEmbedding: its embedding_ is exactly a certified local optimum; the compiled best move is
the exact sweep's; cblearn's input formats; scikit-learn's estimator checks (where they apply)."""
from __future__ import annotations

import warnings
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from instances import TripletInstance
from instances.triplet_arrays import instance_from_rows
from localsearch.triplets import line, rd
from localsearch.triplets.driver import incidence
from tests.helpers.oracles import brute_force_line_gain

pytest.importorskip("sklearn")
from sklearn.utils import estimator_checks  # noqa: E402
from sklearn.utils.estimator_checks import parametrize_with_checks  # noqa: E402

from tripletpls import LocalSearchEmbedding  # noqa: E402
from tripletpls.api import embedding as embedding_module  # noqa: E402
from tripletpls.api import line_kernel  # noqa: E402
from tripletpls.api.embedding import _FastLine, _Overflow  # noqa: E402


@st.composite
def line_configs(draw):
    m = draw(st.integers(3, 7))
    rows = draw(st.lists(st.permutations(range(m)).map(lambda p: tuple(p[:3])), min_size=1, max_size=12))
    inst = TripletInstance(m, tuple(r + (draw(st.integers(1, 4)),) for r in rows), dim=1)
    pos = draw(st.lists(st.integers(-6, 6), min_size=m, max_size=m))  # coincidences and ties are likely
    return inst, pos


@settings(max_examples=150)
@given(line_configs())
def test_compiled_best_move_is_the_exact_sweep(case):
    inst, pos = case
    state = _FastLine(inst, pos)
    inc = incidence(inst)
    for p in range(inst.points):
        gain, move = state.best(p)
        exact_gain, _ = line.best_move(p, state.solution(), inc[p])
        assert gain == exact_gain == brute_force_line_gain(inst, state.solution(), p)
        if move is not None:  # the chosen dyadic position reaches the best value
            x = Fraction(move[1], 2**move[2])
            assert line.point_value(p, x, state.solution(), inc[p]) - line.point_value(
                p, state.solution()[p], state.solution(), inc[p]) == gain


def planted(n=15, t=250, seed=0, d=1, noise=0.0):
    rng = np.random.default_rng(seed)
    truth = rng.random((n, d))
    X = rng.integers(0, n, size=(t, 3))
    X = X[(X[:, 0] != X[:, 1]) & (X[:, 0] != X[:, 2]) & (X[:, 1] != X[:, 2])]
    dist = np.linalg.norm(truth[X[:, 0]] - truth[X[:, 1]], axis=1) < np.linalg.norm(truth[X[:, 0]] - truth[X[:, 2]], axis=1)
    y = dist ^ (rng.random(len(X)) < noise)
    return X, y


@pytest.mark.parametrize("rule", ["steepest", "first", "random", "cyclic"])
def test_embedding_is_a_certified_local_optimum_by_brute_force(rule):
    X, y = planted(n=9, t=90, noise=0.1)
    est = LocalSearchEmbedding(rule=rule, random_state=3).fit(X, y)
    emb = est.embedding_
    assert emb.dtype == np.float64 and emb.shape == (9, 1)
    assert tuple(Fraction(float(x)) for x in emb[:, 0]) == est.positions_  # the floats ARE the positions
    inst = instance_from_rows(np.where(y[:, None], X, X[:, [0, 2, 1]]))
    assert est.certificate_.local_optimum and est.certificate_.value == inst.satisfied_weight(est.positions_)
    assert line.certify(inst, [Fraction(float(x)) for x in emb[:, 0]]).local_optimum
    for p in range(inst.points):  # independent oracle: no point can gain anything anywhere
        assert brute_force_line_gain(inst, est.positions_, p) == 0
    assert est.score(X, y) == pytest.approx(est.satisfied_ / len(X))


def test_formats_agree_list_order_boolean_and_count():
    X, y = planted(seed=4, noise=0.2)
    order = np.where(y[:, None], X, X[:, [0, 2, 1]])
    fits = [LocalSearchEmbedding(random_state=0).fit(*args).embedding_
            for args in ((order,), (X, y), (X, y.astype(int)), (X, np.where(y, 1, -1)))]
    for f in fits[1:]:
        assert np.array_equal(f, fits[0])
    est = LocalSearchEmbedding(random_state=0).fit(order)
    assert est.score(order) == est.score(X, y) == est.score(X, np.where(y, 1, -1))
    assert np.array_equal(est.predict(order), [est.score(r[None]) == 1 for r in order])
    assert est.transform(order) is est.embedding_ and est.fit_transform(order).shape == (15, 1)


def test_warm_start_and_the_exact_fallback(monkeypatch):
    X, y = planted(seed=5)
    soe_like = np.random.default_rng(0).random((15, 1)) * 1e6  # any float array (rounded to 40 bits)
    est = LocalSearchEmbedding(init=soe_like).fit(X, y)
    assert est.certificate_.local_optimum
    start = est._start(instance_from_rows(np.where(y[:, None], X, X[:, [0, 2, 1]])), 1, None)
    assert all(abs(Fraction(a) - Fraction(float(b))) <= Fraction(2) ** (20 - 40) for a, b in zip(start, soe_like[:, 0]))
    with pytest.raises(_Overflow):  # exact values beyond the int64 grid are refused by the compiled path
        _FastLine(instance_from_rows(X), [Fraction(float(v)) for v in soe_like[:, 0] * 2.0**70])
    # a tiny grid limit forces the switch to the exact Python path in the middle of a run
    used = []
    monkeypatch.setattr(line_kernel, "LIMIT", 64)
    monkeypatch.setattr(embedding_module._DyadicLine, "__init__",
                        lambda self, *a, **k: used.append(1) or line.LineState.__init__(self, *a, **k))
    est2 = LocalSearchEmbedding(random_state=0).fit(X, y)
    assert used and est2.certificate_.local_optimum and est2.n_iter_ > 0
    assert tuple(Fraction(float(v)) for v in est2.embedding_[:, 0]) == est2.positions_
    with pytest.raises(ValueError, match="shape"):
        LocalSearchEmbedding(init=np.zeros((3, 1))).fit(X, y)


def test_plane_is_exact_and_higher_dimensions_are_refused():
    X = np.array([[0, 1, 2], [1, 2, 3], [2, 3, 0], [3, 0, 1], [0, 2, 3], [1, 3, 0]])
    est = LocalSearchEmbedding(n_components=2, random_state=0).fit(X)
    assert est.embedding_.shape == (4, 2) and est.certificate_.local_optimum
    inst = instance_from_rows(X, dim=2)
    assert rd.certify(inst, [tuple(Fraction(float(c)) for c in row) for row in est.embedding_]).local_optimum
    for d in (0, 3, 2.0, "2"):
        with pytest.raises(ValueError, match="n_components"):
            LocalSearchEmbedding(n_components=d).fit(X)


@pytest.mark.parametrize("X, y, words", [
    ([[0, 1, 1]], None, "repeats a point"),
    ([[0, 1, 2]], [0.5], "responses"),
    ([[0, 1, 2]], [0, 1], "responses"),
    ([[0, 1, 2]], [0.0 + 2], None),
    ([[0, -1, 2]], None, "Negative"),
    ([[0, 1]], None, "shape"),
    ([[0, 1, 2.5]], None, "integers"),
    ([[0, 1, np.nan]], None, "NaN"),
])
def test_bad_triplets(X, y, words):
    if words is None:  # a count of 2: the row twice
        assert LocalSearchEmbedding(random_state=0).fit(X, y).satisfied_ == 2
        return
    with pytest.raises(ValueError, match=words):
        LocalSearchEmbedding().fit(X, y)


def test_stopping_early_warns():
    X, y = planted(seed=6)
    with pytest.warns(Warning, match="before a local optimum"):
        est = LocalSearchEmbedding(max_steps=1, random_state=0).fit(X, y)
    assert not est.certificate_.local_optimum and est.n_iter_ == 1


# --- scikit-learn's estimator checks -------------------------------------------------------------
# Most checks generate a generic feature matrix (make_blobs, random floats) and pass it through
# `_enforce_estimator_tags_X`. Wrapped below, that matrix becomes a triplet array with the same rows
# (each row mapped deterministically to three distinct objects), so the API checks (fit returns self,
# idempotence, pickling, no overwritten parameters, order/subset invariance, ...) run on triplets.
# Checks that test properties of generic feature matrices are expected to fail, with the reason:
NOT_TRIPLETS = "feeds a feature matrix whose shape is not (n_triplets, 3); a triplet embedding refuses it"
EXPECTED_FAILURES = {
    "check_n_features_in_after_fitting": NOT_TRIPLETS + " (it varies n_features and expects it to be checked)",
    "check_dtype_object": NOT_TRIPLETS + " (strings and objects of shape (n, 10))",
}
PER_OBJECT = ("transform returns one row per embedded OBJECT (as cblearn's estimators do), not one per row "
              "of X (a triplet)")
EXPECTED_FAILURES.update({name: PER_OBJECT for name in (
    "check_transformer_data_not_an_array", "check_transformer_general",
    "check_transformer_general(readonly_memmap=True)", "check_methods_sample_order_invariance",
    "check_methods_subset_invariance")})


def _triplet_rows(X):
    X = np.asarray(X)
    if X.ndim != 2:
        return X
    base = np.abs(np.nan_to_num(X.astype(float))).sum(axis=1).astype(np.int64)
    a = base % 6
    b = (a + 1 + base % 5) % 6
    c = np.where((a + 1) % 6 != b, (a + 1) % 6, (a + 2) % 6)
    return np.stack([a, b, c], axis=1)


_original = estimator_checks._enforce_estimator_tags_X


def _enforce(estimator, X, X_test=None, kernel=None):
    out = _original(estimator, X, X_test) if kernel is None else _original(estimator, X, X_test, kernel)
    if not isinstance(estimator, LocalSearchEmbedding):
        return out
    if X_test is None:
        return _triplet_rows(out)
    return _triplet_rows(out[0]), _triplet_rows(out[1])


_original_y = estimator_checks._enforce_estimator_tags_y


def _enforce_y(estimator, y):
    """Targets become list-boolean responses (the estimator reads y as responses, not as labels)."""
    y = _original_y(estimator, y)
    if isinstance(estimator, LocalSearchEmbedding) and np.ndim(y) == 1:
        return np.asarray(y, dtype=float) > np.median(np.asarray(y, dtype=float))
    return y


@parametrize_with_checks([LocalSearchEmbedding(random_state=0)], expected_failed_checks=lambda e: EXPECTED_FAILURES)
def test_sklearn_estimator_checks(estimator, check, monkeypatch):
    monkeypatch.setattr(estimator_checks, "_enforce_estimator_tags_X", _enforce)
    monkeypatch.setattr(estimator_checks, "_enforce_estimator_tags_y", _enforce_y)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        check(estimator)
