#!/usr/bin/env python3
"""Writes the SciPy reference fixture for the eigensolver tests (Tests/SNNLinalgTests/Fixtures/eigen_knn600_*).

Graph: 600 points uniform on the sphere S^2 (numpy default_rng(600)), k = 10 nearest neighbours
(scikit-learn kneighbors_graph, connectivity), symmetrized by max(K, K^T), binary, no self-loops,
normalized A = D^{-1/2} G D^{-1/2}. Reference: scipy.sparse.linalg.eigsh(A, 4, which='LA', tol=0) checked
against numpy.linalg.eigh on the dense matrix; eigenvectors get scikit-learn's deterministic sign
(entry of largest |value| positive, first on ties), columns in descending eigenvalue order.

Files (raw little-endian, C order): *_indptr.bin int64 (n+1), *_indices.bin int32 (nnz), *_data.bin float64
(nnz), *_values.bin float64 (r), *_vectors.bin float64 (n x r); *_meta.json holds n, nnz, r and the
eigenvalue gaps. Run: python3 scripts/make_eigen_fixtures.py  (NumPy, SciPy, scikit-learn).
"""
import json
import os

import numpy as np
import scipy.sparse as sp
from scipy.sparse.linalg import eigsh
from sklearn.neighbors import kneighbors_graph

N, K, R = 600, 10, 4
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "SNNLinalgTests", "Fixtures")


def sign_flip(u):
    """scikit-learn's _deterministic_vector_sign_flip on the columns of u."""
    idx = np.argmax(np.abs(u), axis=0)
    return u * np.sign(u[idx, np.arange(u.shape[1])])


def main():
    x = np.random.default_rng(600).standard_normal((N, 3))
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    knn = kneighbors_graph(x, K, mode="connectivity", include_self=False)
    g = knn.maximum(knn.T).tocsr()
    g.setdiag(0)
    g.eliminate_zeros()
    d = np.asarray(g.sum(axis=1)).ravel()
    s = sp.diags(1.0 / np.sqrt(d))
    a = (s @ g @ s).tocsr()
    a.sort_indices()
    a = ((a + a.T) * 0.5).tocsr()  # exact symmetry of the stored values
    a.sort_indices()

    values, vectors = eigsh(a, R, which="LA", tol=0, v0=np.ones(N))
    order = np.argsort(-values)
    values, vectors = values[order], sign_flip(vectors[:, order])
    dense_values, dense_vectors = np.linalg.eigh(a.toarray())
    top = dense_values[::-1][: R + 1]
    assert np.max(np.abs(top[:R] - values)) < 1e-12
    assert np.max(np.abs(sign_flip(dense_vectors[:, ::-1][:, :R]) - vectors)) < 1e-9

    os.makedirs(OUT, exist_ok=True)
    base = os.path.join(OUT, "eigen_knn600")
    a.indptr.astype("<i8").tofile(base + "_indptr.bin")
    a.indices.astype("<i4").tofile(base + "_indices.bin")
    a.data.astype("<f8").tofile(base + "_data.bin")
    values.astype("<f8").tofile(base + "_values.bin")
    np.ascontiguousarray(vectors).astype("<f8").tofile(base + "_vectors.bin")
    meta = {"n": N, "nnz": int(a.nnz), "r": R, "k": K,
            "gaps": [float(g) for g in -np.diff(top)],
            "made_by": "scripts/make_eigen_fixtures.py"}
    with open(base + "_meta.json", "w") as f:
        json.dump(meta, f, indent=1)
    print(json.dumps(meta), values)


if __name__ == "__main__":
    main()
