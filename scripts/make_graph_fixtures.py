"""Reference graphs from scikit-learn/SciPy for Tests/SNNGraphTests (run: python3 scripts/make_graph_fixtures.py)."""
import json
import os

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components
from sklearn.neighbors import NearestNeighbors, radius_neighbors_graph

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "SNNGraphTests", "Fixtures", "sklearn_graphs.json")


def csr(m):
    m = sp.csr_matrix(m)
    m.sort_indices()
    return {"indptr": m.indptr.tolist(), "indices": m.indices.tolist(), "data": m.data.tolist()}


def make_graph_fixtures():
    """Writes points (continuous, so no distance ties), sklearn's kNN lists, the union/mutual kNN graphs,
    a radius graph with distances, the normalized adjacency of an ε-graph and SciPy's components."""
    rng = np.random.default_rng(7)
    x = rng.standard_normal((200, 3))
    k, radius = 6, 0.6
    dist, ind = NearestNeighbors(n_neighbors=k).fit(x).kneighbors()  # the query set itself: self excluded
    knn = NearestNeighbors(n_neighbors=k).fit(x).kneighbors_graph(mode="connectivity")
    knn.setdiag(0)
    knn.eliminate_zeros()
    union = knn.maximum(knn.T)
    mutual = knn.minimum(knn.T)
    rad = radius_neighbors_graph(x, radius, mode="distance", include_self=False)
    eps_graph = radius_neighbors_graph(x, 0.8, mode="connectivity", include_self=True)
    deg = np.asarray(eps_graph.sum(axis=1)).ravel()
    dinv = sp.diags(1 / np.sqrt(deg))
    a = dinv @ eps_graph @ dinv
    ncomp, labels = connected_components(radius_neighbors_graph(x, 0.35, include_self=False), directed=False)
    out = {
        "points": x.tolist(), "k": k, "knn_indices": ind.tolist(), "knn_distances": dist.tolist(),
        "knn_union": csr(union), "knn_mutual": csr(mutual),
        "radius": radius, "radius_graph": csr(rad),
        "eps": 0.8, "normalized_adjacency": csr(a),
        "components_radius": 0.35, "components_count": int(ncomp), "components_labels": labels.tolist(),
    }
    with open(OUT, "w") as f:
        json.dump(out, f)


if __name__ == "__main__":
    make_graph_fixtures()
