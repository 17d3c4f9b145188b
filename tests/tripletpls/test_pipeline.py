"""The pipeline as a library: one engine lookup for every instance kind, run -> certify -> back-map,
solution files, resumable flip runs, and the flows behind exact, paths, descend, allsat and the
landscape commands. Expected values come from closed forms and the slow oracles of tests.helpers."""
from __future__ import annotations

import itertools
import json
from fractions import Fraction
from functools import lru_cache

import numpy as np
import pytest

from instances import QP, Assignment, Graph, InstanceError, Ordering, TripletInstance, doubling_chain, gnp
from localsearch.core.rules import RULES
from tripletpls.pipeline import (SearchRun, backmap_report, choose_start, engine_for, flip_engine, flip_session,
                                 read_checkpoint, read_solution, reduce_for, search, write_solution)

from tests.helpers.oracles import brute_force_maxcut, naive_flip_run, naive_gains

DISCRETE_TARGETS = ("line", "rd", "tree", "betweenness", "nonbetweenness")
ENGINES = {"line": "localsearch.triplets.line", "rd": "localsearch.triplets.rd", "tree": "localsearch.triplets.tree",
           "betweenness": "localsearch.triplets.orderings", "nonbetweenness": "localsearch.triplets.orderings"}
T3 = 5 * 2 ** (3 - 1) - 4  # steps of `first` on DC_3 (SPEC section 2)


def naive_cut(graph, s) -> int:
    return sum(w for u, v, w in graph.edges if s[u] != s[v])


# --- engines -----------------------------------------------------------------------------------------
def _has_engine_interface(engine):
    return all(callable(getattr(engine, f)) for f in ("local_search", "certify", "random_solution")) \
        and set(engine.RULES) <= set(RULES)


def test_a_graph_gets_the_flip_engine_with_the_triplet_engines_interface():
    g = doubling_chain(3)
    engine = engine_for(g)
    assert engine is flip_engine and _has_engine_interface(engine) and tuple(engine.RULES) == RULES
    assert reduce_for(g, None) == (g, flip_engine)
    res = engine.local_search(g, rule="first", start=g.start, seed=0, max_steps=None, time_limit=None, progress=None)
    cert = engine.certify(g, res.solution)
    assert res.steps == T3 and cert.local_optimum and cert.value == naive_cut(g, res.solution)
    assert engine.random_solution(g, 5) == Assignment.random(g.n, 5)


@pytest.mark.parametrize("target", DISCRETE_TARGETS)
def test_every_discrete_target_gets_its_engine(target):
    inst, engine = reduce_for(doubling_chain(2), target)
    assert engine.__name__ == ENGINES[target] and engine is engine_for(inst) and _has_engine_interface(engine)
    assert set(engine.RULES) == set(RULES)  # every target implements all six pivot rules


def test_no_engine_for_continuous_instances():
    with pytest.raises(InstanceError, match="qp"):
        engine_for(QP(((0,),), (1,)))


# --- run -> certify -> back-map on the images of DC_3 -----------------------------------------------------
@lru_cache(maxsize=None)
def _oracle_first_dc3():
    g = doubling_chain(3)
    seq, final = naive_flip_run(g, g.start, "first")
    return len(seq), final


def test_flips_on_dc3_take_the_closed_form_steps_with_first_and_two_with_steepest():
    g = doubling_chain(3)
    first, steepest = search(g, rule="first"), search(g, rule="steepest")
    assert (first.result.steps, steepest.result.steps) == (T3, 2) == (_oracle_first_dc3()[0], 2)
    for run in (first, steepest):
        assert isinstance(run, SearchRun) and run.start == "instance" and run.backmap == {}
        assert run.certificate.local_optimum and all(x <= 0 for x in naive_gains(g.n, g.edges, run.result.solution))
        assert run.certificate.value == naive_cut(g, run.result.solution) == run.result.value
    assert list(first.result.solution) == _oracle_first_dc3()[1]


@pytest.mark.parametrize("target", DISCRETE_TARGETS)
def test_reduced_dc3_runs_back_map_to_the_flip_optimum(target):
    g = doubling_chain(3)
    inst, _ = reduce_for(g, target)
    run = search(inst, rule="first")
    assert run.result.steps == T3 and run.certificate.local_optimum
    assert run.certificate.value == inst.satisfied_weight(run.result.solution)
    bm = run.backmap
    # a tight reduction: flip for flip, so it ends where the oracle's flip run ends
    assert bm["backmapped_assignment"] == _oracle_first_dc3()[1]
    assert bm["backmapped_cut"] == naive_cut(g, bm["backmapped_assignment"]) and bm["backmapped_local_optimum"]
    assert bm["backmapped_witness"] is None
    assert all(x <= 0 for x in naive_gains(g.n, g.edges, bm["backmapped_assignment"]))
    assert search(inst, rule="steepest").result.steps == 2


def test_backmap_report_of_a_non_optimum_names_an_improving_flip():
    g = doubling_chain(3)
    inst, _ = reduce_for(g, "line")
    bm = backmap_report(inst, inst.start)
    gains = naive_gains(g.n, g.edges, bm["backmapped_assignment"])
    assert bm["backmapped_local_optimum"] is False and gains[bm["backmapped_witness"]["flip"]] == max(gains) > 0
    assert backmap_report(TripletInstance(3, ((0, 1, 2, 1),)), (0, 1, 2)) == {}


def test_starts():
    g = Graph(4, ((0, 1, 1), (1, 2, -2), (2, 3, 3)))
    assert choose_start(g, "instance") == (Assignment.plus(4), "plus")
    assert choose_start(g, "plus") == (Assignment.plus(4), "plus")
    assert choose_start(g, "random", 9) == (Assignment.random(4, 9), "random")
    started = g.with_start(Assignment((1, -1, 1, -1)))
    assert choose_start(started, "instance") == (started.start, "instance")
    bare = TripletInstance(3, ((0, 1, 2, 1),), target="tree")
    with pytest.raises(InstanceError, match="no start"):
        choose_start(bare, "instance")
    sol, name = choose_start(bare, "random", 4)
    assert name == "random" and sol == engine_for(bare).random_solution(bare, 4)
    with pytest.raises(ValueError):
        choose_start(bare, "plus")
    assert search(bare, start="random", seed=4).certificate.value == 1  # one triplet: always satisfiable
    given = search(g, start=Assignment((1, -1, 1, -1)))
    assert given.start == "given" and given.result.start_value == naive_cut(g, (1, -1, 1, -1))
    assert search(g, start=None).start == "instance"


def test_limits_and_progress_reach_the_engine():
    ticks = []
    run = search(doubling_chain(6), rule="first", max_steps=7, progress=ticks.append)
    assert (run.result.steps, run.result.status, sum(ticks)) == (7, "max_steps", 7)
    assert run.certificate.local_optimum is False


# --- solution files ------------------------------------------------------------------------------------
def _solutions():
    g = doubling_chain(3)
    out = [("graph", g, search(g, rule="first").result.solution)]
    for target in DISCRETE_TARGETS:
        inst, engine = reduce_for(g, target)
        out.append((target, inst, engine.random_solution(inst, 3)))
    from reductions import target_module

    nbp = target_module("nonbetweenness").reduce(g, form="positions")
    out.append(("nonbetweenness-positions", nbp, engine_for(nbp).random_solution(nbp, 3)))
    return out


@pytest.mark.parametrize("kind,inst,solution", _solutions(), ids=lambda x: x if isinstance(x, str) else "")
def test_write_and_read_solution_round_trip(tmp_path, kind, inst, solution):
    path = str(tmp_path / "sol.json")
    bm = backmap_report(inst, solution) if kind != "graph" else {}
    write_solution(path, inst, solution, bm, rule="first", steps=3)
    back = read_solution(path, inst)
    assert engine_for(inst).certify(inst, back) == engine_for(inst).certify(inst, solution)
    if isinstance(solution, (Assignment, Ordering)) or kind == "tree":
        assert back == solution
    else:  # positions: exact rationals, one per point (tuples in R^d)
        assert [tuple(map(Fraction, p)) if isinstance(p, tuple) else Fraction(p) for p in back] == list(solution)
    doc = json.loads(open(path).read())
    assert (doc["rule"], doc["steps"]) == ("first", 3)
    if kind == "graph":
        assert doc["kind"] == "assignment" and doc["assignment"] == list(solution)
    else:
        assert (doc["kind"], doc["target"]) == ("solution", inst.target)
        assert doc["backmapped_assignment"] == bm["backmapped_assignment"]


def test_solution_files_that_do_not_fit_name_the_file(tmp_path):
    inst, _ = reduce_for(doubling_chain(2), "tree")
    path = tmp_path / "s.json"
    path.write_text('{"kind": "solution", "parent": [0]}')
    with pytest.raises(InstanceError) as e:
        read_solution(str(path), inst)
    assert e.value.path == str(path)
    path.write_text("{oops")
    with pytest.raises(InstanceError, match="invalid JSON"):
        read_solution(str(path), inst)


# --- resumable flip runs -------------------------------------------------------------------------------
def test_a_checkpointed_flip_run_stopped_and_resumed_takes_the_steps_of_an_uninterrupted_one(tmp_path):
    g, ck = doubling_chain(8), str(tmp_path / "ck.json")
    whole_traj, traj1, traj2 = [], [], []
    whole = flip_session(g).run(trajectory=whole_traj)
    first = flip_session(g).run(max_steps=100, trajectory=traj1, checkpoint=ck)
    assert (first.result.status, first.result.steps) == ("max_steps", 100)
    state = read_checkpoint(ck)
    assert (state["steps"], state["rule"], state["start"]) == (100, "first", "instance")
    session = flip_session(g, rule="steepest", start="random", seed=9, resume=ck)  # the checkpoint wins
    assert (session.rule, session.seed, session.start, session.resumed) == ("first", 0, "instance", True)
    rest = session.run(trajectory=traj2, checkpoint=ck)
    assert rest.result.steps == whole.result.steps == 5 * 2 ** (8 - 1) - 4
    assert rest.result.solution == whole.result.solution and rest.certificate.local_optimum
    assert traj1 + traj2 == whole_traj and read_checkpoint(ck)["steps"] == whole.result.steps


def test_a_resumed_random_rule_run_continues_its_random_stream(tmp_path):
    g, ck = gnp(40, 0.3, weights="gaussian", seed=2), str(tmp_path / "ck.json")
    whole = flip_session(g, "random", "random", seed=11).run()
    flip_session(g, "random", "random", seed=11).run(max_steps=whole.result.steps // 2, checkpoint=ck)
    rest = flip_session(g, resume=ck).run()
    assert (rest.result.steps, rest.result.solution, rest.start) == (whole.result.steps, whole.result.solution, "random")
    seq, final = naive_flip_run(g, Assignment.random(g.n, 11), "random", seed=11)
    assert (len(seq), final) == (whole.result.steps, list(whole.result.solution))


def test_checkpoints_for_another_graph_or_malformed_are_refused(tmp_path):
    ck = str(tmp_path / "ck.json")
    flip_session(doubling_chain(4)).run(max_steps=3, checkpoint=ck)
    with pytest.raises(InstanceError, match="different graph") as e:
        flip_session(doubling_chain(5), resume=ck)
    assert e.value.path == ck
    state = read_checkpoint(ck)
    del state["assignment"]
    (tmp_path / "bad.json").write_text(json.dumps(state))
    with pytest.raises(InstanceError, match="bad checkpoint"):
        flip_session(doubling_chain(4), resume=str(tmp_path / "bad.json"))
    (tmp_path / "other.json").write_text('{"kind": "assignment"}')
    with pytest.raises(InstanceError, match="not a flip checkpoint"):
        read_checkpoint(str(tmp_path / "other.json"))


# --- exact ------------------------------------------------------------------------------------------------
def test_exact_maxcut_matches_brute_force_and_is_certified(tmp_path):
    from tripletpls.pipeline.exact import exact_maxcut, write_exact

    g = gnp(9, 0.5, weights="uniform", seed=3)
    for solver in ("cpsat", "maxsat"):
        run = exact_maxcut(g, solver)
        assert run.result.optimal and run.result.value == brute_force_maxcut(g) == naive_cut(g, run.result.assignment)
        assert run.certificate.local_optimum  # a maximum cut has no improving flip
    path = tmp_path / "e.json"
    write_exact(str(path), run)
    doc = json.loads(path.read_text())
    assert (doc["kind"], doc["solver"], doc["value"], doc["optimal"]) == ("solution", "maxsat", run.result.value, True)
    assert naive_cut(g, doc["assignment"]) == doc["value"]


def test_exact_triplets_matches_brute_force_over_orderings(tmp_path):
    from tripletpls.pipeline.exact import exact_triplets, write_exact

    triplets = ((0, 1, 2, 3), (1, 0, 2, 2), (2, 3, 0, 4), (3, 1, 0, 1), (0, 3, 1, 2))
    inst = TripletInstance(4, triplets, target="betweenness")
    best = max(inst.satisfied_weight(Ordering(p)) for p in itertools.permutations(range(4)))
    run = exact_triplets(inst)
    assert run.result.value == best == run.certificate.value and run.result.optimal and run.backmap == {}
    write_exact(str(tmp_path / "o.json"), run)
    assert inst.satisfied_weight(read_solution(str(tmp_path / "o.json"), inst)) == best
    with pytest.raises(InstanceError, match="no exact model") as e:
        exact_triplets(TripletInstance(3, ((0, 1, 2, 1),)), where="f.json")
    assert e.value.path == "f.json"


def test_exact_on_a_reduced_instance_back_maps_to_a_maximum_cut():
    from tripletpls.pipeline.exact import exact_triplets

    g = doubling_chain(2)
    inst, _ = reduce_for(g, "betweenness")
    run = exact_triplets(inst)
    assert run.result.optimal and run.backmap["backmapped_local_optimum"]
    assert run.backmap["backmapped_cut"] == naive_cut(g, run.backmap["backmapped_assignment"])


# --- paths --------------------------------------------------------------------------------------------------
def test_certified_paths_agree_with_an_exhaustive_oracle():
    from tripletpls.pipeline.paths import certified_paths, replay

    g = doubling_chain(3)

    @lru_cache(maxsize=None)
    def extremes(s):
        gains = naive_gains(g.n, g.edges, s)
        nxt = [extremes(s[:v] + (-s[v],) + s[v + 1:]) for v in range(g.n) if gains[v] > 0]
        return (0, 0) if not nxt else (1 + max(a for a, _ in nxt), 1 + min(b for _, b in nxt))

    res, ends = certified_paths(g, g.start)
    assert (res.longest, res.shortest) == extremes(tuple(g.start))
    assert res.shortest <= 2 <= T3 <= res.longest  # steepest and first are among the rules
    assert len(res.longest_path) == res.longest and ends["longest"].local_optimum and ends["shortest"].local_optimum
    with pytest.raises(RuntimeError, match="without improvement"):
        replay(g, g.start, [res.longest_path[0], res.longest_path[0]], "bad")
    with pytest.raises(InstanceError) as e:
        certified_paths(g, g.start, max_states=5, where="g.json")
    assert e.value.path == "g.json"


# --- descend ---------------------------------------------------------------------------------------------------
def test_descend_on_a_qp_and_on_its_reduced_triplet_loss():
    from instances.qp_generators import random_qp
    from localsearch.continuous.qp_kkt import certify_qp
    from reductions import target_module
    from tripletpls.pipeline.descend import backmap_descent, certificate_keys, descend, solution_doc

    qp = random_qp(3, seed=2)
    direct = descend(qp, eps=1e-3)
    assert direct.start is None and direct.certificate.eps_kkt and backmap_descent(direct, 1e-3) is None
    assert len(solution_doc(direct)["x"]) == 3
    keys = certificate_keys(direct.certificate, "q_")
    assert keys["q_eps_kkt"] is True and keys["q_kkt_violation"] <= 1e-3
    inst = target_module("triplet-loss").reduce(qp)
    run = descend(inst, eps=1e-3, step="backtracking", trajectory=True)
    assert run.start == "instance" and run.result.status == "eps_kkt"
    bm = backmap_descent(run, 1e-3)
    assert bm["backmapped_kkt"] and certify_qp(qp, [Fraction(v) for v in bm["backmapped_x"]],
                                               Fraction(bm["backmapped_eps"])).eps_kkt
    doc = solution_doc(run, bm, trajectory=True)
    assert doc["backmapped_x"] == bm["backmapped_x"] and len(doc["trajectory"]) == run.result.steps + 1
    assert [Fraction(v) for v in doc["x"]] == [Fraction(float(v)) for v in run.result.solution.reshape(-1)]


def test_descend_starts_of_a_triplet_loss_instance():
    from tripletpls.pipeline.descend import default_start, loss_start

    inst = json.loads('{"kind": "triplet-loss", "points": 3, "dim": 1, "loss": "softplus", "margin": "1/2", '
                      '"triplets": [[0, 1, 2, "3/2"]], "box": {"lo": -1, "hi": 1}}')
    from instances import jsonio

    inst = jsonio.from_json(inst)
    assert default_start(inst) == "centre" and loss_start(inst, "centre") == inst.centre()
    x = loss_start(inst, "random", 5)
    assert x == loss_start(inst, "random", 5) and all(-1 <= row[0] <= 1 for row in x)
    with pytest.raises(InstanceError, match="no start"):
        loss_start(inst, "instance")


# --- allsat ----------------------------------------------------------------------------------------------------
def test_allsat_finds_cycles_and_embeds_with_a_given_cut(tmp_path):
    from localsearch.triplets.realisation import embedding_dim
    from reductions import target_module
    from tripletpls.pipeline.allsat import allsat_embedding, cut_relations, realisability, require_euclidean

    cyclic = TripletInstance(3, ((0, 1, 2, 1), (1, 2, 0, 1), (2, 0, 1, 1)))
    rep = realisability(cyclic)
    assert rep["all_satisfiable"] is False and rep["gram_positive_definite"] is None and len(rep["cycle"]) == 3
    g = Graph(2, ((0, 1, 3),), start=(1, -1))
    inst = target_module("rd").reduce(g, dim=embedding_dim(13), construction="embedded-line")
    (tmp_path / "cut.json").write_text('{"assignment": [1, 1]}')
    extra = cut_relations(inst, str(tmp_path / "cut.json"))
    rep = realisability(inst, extra)
    assert rep["all_satisfiable"] and rep["gram_positive_definite"] and rep["dim_gram"] == inst.points - 1
    pos, bm = allsat_embedding(inst, extra)
    assert inst.satisfied_weight(pos) == inst.total_weight
    assert bm["backmapped_assignment"] == [1, 1] and bm["backmapped_cut"] == 0 and not bm["backmapped_local_optimum"]
    with pytest.raises(InstanceError, match="euclidean"):
        require_euclidean(TripletInstance(3, ((0, 1, 2, 1),), target="tree"))


# --- landscape ----------------------------------------------------------------------------------------------------
def test_langevin_plans_and_objectives():
    from tripletpls.pipeline import landscape as L

    assert L.langevin_configs("sqrt", (2.0,), fixed=False) == [("sqrt", 2.0)]
    assert L.langevin_configs("fixed", (2.0,), fixed=False) == [("fixed", None)]
    assert [c for _, c in L.langevin_configs("log")] == [0.5, 1.0, 2.0, 4.0, None]
    assert L.planned_total([("fixed", None), ("fixed", None)], 0.01, 10.0, 300) == 600
    toy = L.objective("u0", 4, ((0, 1), (2, 3)), 0.5)
    assert L.known_global_minimum("u0", 4, toy) == -2.0
    assert L.known_global_minimum("u0", 4, L.objective("u0", 4, ((2, 3), (0, 1)), 0.5)) == -2.0
    assert L.known_global_minimum("u0", 4, L.objective("u0", 4, ((0, 2), (1, 3)), 0.5)) is None  # only the toy
    assert L.known_global_minimum("u0-hinge", 4, toy) is None
    assert L.known_global_minimum("u0", 4, L.objective("u0", 4, ((0, 1),), 0.5)) is None
    hinge = L.objective("u0-hinge", 4, ((0, 1),), 0.5)
    assert L.objective_label("u0-hinge", hinge) == "U0-hinge" and L.objective_label("u0", toy) == toy.name


def test_end_classes_of_known_configurations():
    from localsearch.landscape.infonce import toy_global_minimum
    from tripletpls.pipeline import landscape as L

    toy = L.objective("u0", 4, ((0, 1), (2, 3)), 0.5)
    glob = np.stack([toy_global_minimum()] * 3)
    e = np.array([1.0, 0.0, 0.0])
    collapsed = np.stack([np.stack([e] * 4)] * 2)
    assert L.end_classes(toy, glob, -2.0, 0.01, 0) == {"quench_steps": L.QUENCH_STEPS, "global": 3, "collapsed": 0,
                                                        "other": 0, "mean_quenched_value": pytest.approx(-2.0)}
    got = L.end_classes(toy, collapsed, -2.0, 0.01, 0)
    assert (got["global"], got["collapsed"], got["other"]) == (0, 2, 0)  # a stationary point it stays at
    rows = L.langevin_rows(toy, 3, [("fixed", None)], runs=4, seed=1, dt=0.01, beta_target=10.0, cap=50,
                           threshold=-1.5, hold=5, global_value=-2.0)
    assert len(rows) == 1 and rows[0]["runs"] == 4 and rows[0]["steps"] == 50
    ec = rows[0]["end_classes"]
    assert ec["global"] + ec["collapsed"] + ec["other"] == 4


def test_anneal_runs_are_certified_and_summarised():
    from tripletpls.pipeline.landscape import anneal, annealer

    g = gnp(8, 0.5, seed=1)
    out = anneal(g, cap=300, polish=True, runs=3, seed=4)
    assert out["neighbourhood"] == "flip" and out["cap"] == 300 and [r["seed"] for r in out["runs"]] == [4, 5, 6]
    assert out["success"]["successes"] == 3 and out["best_value"] == max(r["value"] for r in out["runs"])
    for r in out["runs"]:
        assert r["local_optimum"] and r["polish_steps"] >= 0
    one = anneal(g, cap=10, runs=1, target=0)
    assert one["success"]["criterion"] == "value >= 0" and one["success"]["successes"] == 1 and "value" in one
    assert annealer(g)[1:] == (100_000, "flip") and annealer(TripletInstance(3, ((0, 1, 2, 1),)))[1:] == (5000, "line-move")
    with pytest.raises(InstanceError, match="kind 'qp'") as e:
        annealer(QP(((0,),), (1,)), where="q.json")
    assert e.value.path == "q.json"


def test_census_reference_and_closed_forms():
    from localsearch.landscape.infonce import ngon_value, simplex_value
    from tripletpls.pipeline import landscape as L

    assert L.sphere_reference(6, 2, 0.5) == (ngon_value(6, 0.5), "ngon")
    assert L.sphere_reference(4, 3, 0.5) == (simplex_value(4, 0.5), "simplex")
    assert L.sphere_reference(6, 3, 0.5) == (None, None)
    census, extra = L.sphere_census(3, 2, 0.5, starts=3, seed=0)
    assert extra["reference_config"] == "ngon" and extra["collapse_value"] == pytest.approx(np.log(5))
    assert sum(v["successes"] for v in census.counts.values()) == 3
    Z, formula, dim = L.closed_form("ngon", 5, tau=0.5)
    assert Z.shape == (5, 2) and dim == 2 and formula == ngon_value(5, 0.5)
    Z, _, dim = L.closed_form("collapse", 4, dim=3)
    assert Z.shape == (4, 3) and np.all(Z == Z[0])
    out = L.certify_closed_form("ngon", *L.closed_form("ngon", 5, tau=0.5)[:2], 2, 0.5)
    assert out["stationary"] and out["value"] == pytest.approx(out["formula"]) and out["circulant_min"] > 0
    padded = L.certify_closed_form("simplex", *L.closed_form("simplex", 3)[:2], 4, 0.5)
    assert padded["dim"] == 4 and padded["stationary"] and "circulant_min" not in padded


def test_describe_counts_what_it_reports():
    from tripletpls.pipeline.describe import describe, describe_reduced

    q = QP(((0, 2), (0, -1)), (1, 0))
    assert describe(q) == {"kind": "qp", "variables": 2, "nonzeros": 3}
    inst, _ = reduce_for(doubling_chain(2), "tree")
    d = describe_reduced(inst)
    assert (d["points"], d["triplets"], d["target"]) == (inst.points, len(inst.triplets), "tree")
