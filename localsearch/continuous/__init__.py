"""Continuous objectives: triplet loss, projected gradient descent, exact eps-KKT certificates, QP-KKT.

- ``loss``: the triplet loss of a ``TripletLoss`` instance (float and exact), its Lipschitz bound and
  its exact eps-KKT certificate (``loss.certify``);
- ``kkt``: eps-KKT points on a box (``box_kkt``, ``KKTCertificate``);
- ``pgd``: projected gradient descent to an eps-KKT point (``descend``, ``descend_qp``);
- ``qp_kkt``: the certificate of a box QP (``certify_qp``) and all KKT points of a tiny one (``kkt_points``).

>>> from instances import QP
>>> from localsearch.continuous import certify_qp, descend_qp
>>> r = descend_qp(QP(((1,),), (-1,)), eps=1e-9)
>>> r.status, certify_qp(QP(((1,),), (-1,)), r.solution, "1/1000000000").eps_kkt
('eps_kkt', True)
"""
import lazy_loader as _lazy

__getattr__, __dir__, __all__ = _lazy.attach(__name__, submodules=["loss", "pgd", "kkt", "qp_kkt"], submod_attrs={
    "kkt": ["KKTCertificate", "box_kkt"],
    "pgd": ["projected_gradient_descent", "descend", "descend_qp", "start_point", "default_start"],
    "qp_kkt": ["certify_qp", "kkt_points", "FaceEnumeration"],
})
