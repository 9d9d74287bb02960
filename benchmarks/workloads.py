"""The standard benchmark workloads W1–W5 of ../shared/WORKLOADS.md, made once with NumPy/scikit-learn.

`python3 benchmarks/workloads.py [--only W1,W2] [--dir benchmarks/data]` writes, per workload,
`W?.points.npy` (float64, n × d) and `W?.graph.npz` (SciPy CSR, binary weights, no self-loops) and, for W4,
`W4.labels.npy`. Each graph is built by scikit-learn exactly as WORKLOADS.md defines it, so snn and the peers
start from identical files.
"""
import argparse
import os
import time

import numpy as np
import scipy.sparse as sp

SPEC = {
    # id: (kind, parameter, r)
    "W1": ("eps", 0.35, 4),
    "W2": ("knn", 15, 4),
    "W3": ("knn", 10, 6),
    "W4": ("knn", 10, 10),
    "W5": ("knn", 10, 4),
}


def sphere(n, seed):
    x = np.random.default_rng(seed).standard_normal((n, 3))
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def points(wid):
    if wid == "W1":
        return sphere(2000, 1), None
    if wid == "W2":
        return sphere(20000, 2), None
    if wid == "W5":
        return sphere(200000, 5), None
    if wid == "W3":
        from scipy.stats import ortho_group
        from sklearn.datasets import make_swiss_roll
        x, _ = make_swiss_roll(50000, noise=0.05, random_state=3)
        x = np.hstack([x, np.zeros((x.shape[0], 7))])
        q = ortho_group.rvs(10, random_state=33)
        return x @ q.T, None
    if wid == "W4":
        from sklearn.datasets import load_digits
        d = load_digits()
        return d.data.astype(np.float64), d.target.astype(np.int64)
    raise ValueError(wid)


def sklearn_graph(x, kind, param, n_jobs=2):
    """The peer's graph build: binary, symmetric, no self-loops (returns CSR, seconds)."""
    from sklearn.neighbors import kneighbors_graph, radius_neighbors_graph
    t = time.perf_counter()
    if kind == "eps":
        g = radius_neighbors_graph(x, param, mode="connectivity", include_self=False, n_jobs=n_jobs)
    else:
        k = kneighbors_graph(x, param, mode="connectivity", include_self=False, n_jobs=n_jobs)
        g = k.maximum(k.T)
    g = sp.csr_matrix(g, dtype=np.float64)
    g.sort_indices()
    return g, time.perf_counter() - t


def normalized(g):
    d = np.asarray(g.sum(axis=1)).ravel()
    s = sp.diags(1.0 / np.sqrt(d))
    return (s @ g @ s).tocsr()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", default="W1,W2,W3,W4,W5")
    ap.add_argument("--dir", default=os.path.join(os.path.dirname(__file__), "data"))
    a = ap.parse_args()
    os.makedirs(a.dir, exist_ok=True)
    for wid in a.only.split(","):
        kind, param, _ = SPEC[wid]
        pfile = os.path.join(a.dir, f"{wid}.points.npy")
        gfile = os.path.join(a.dir, f"{wid}.graph.npz")
        if os.path.exists(pfile) and os.path.exists(gfile):
            continue
        x, labels = points(wid)
        np.save(pfile, x)
        if labels is not None:
            np.save(os.path.join(a.dir, f"{wid}.labels.npy"), labels)
        g, _ = sklearn_graph(x, kind, param)
        sp.save_npz(gfile, g, compressed=False)
        print(f"{wid}: n={x.shape[0]} d={x.shape[1]} nnz={g.nnz}")


if __name__ == "__main__":
    main()
