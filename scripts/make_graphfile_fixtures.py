"""Fixtures for Tests/SNNGraphTests/GraphFileTests.swift: one small symmetric graph saved by SciPy in each layout
`scipy.sparse.save_npz` can produce for it, plus a CSC file that snn must refuse.

Run from the repository root: `python3 scripts/make_graphfile_fixtures.py`. The output is deterministic.
The graph (5 vertices, weights chosen to be exact in float32) is DENSE below; the test holds the same matrix.

  graphfile_compressed.npz  csr_matrix, save_npz default (deflated), int32 indices
  graphfile_int64_f32.npz   csr_matrix with int64 indices/indptr and float32 data, stored (compressed=False)
  graphfile_unsorted.npz    csr_matrix with unsorted column indices and a duplicate entry (summed by SciPy)
  graphfile_array.npz       csr_array (adds the `_is_array` member)
  graphfile_csc.npz         the same graph as csc_matrix (format b'csc')
"""
import os

import numpy as np
import scipy.sparse as sp

DENSE = np.array([
    [0.0, 1.0, 0.5, 0.0, 0.0],
    [1.0, 0.0, 0.25, 0.0, 0.0],
    [0.5, 0.25, 1.0, 2.0, 0.0],
    [0.0, 0.0, 2.0, 0.0, 0.75],
    [0.0, 0.0, 0.0, 0.75, 0.0],
])


def main():
    out = os.path.join(os.path.dirname(__file__), "..", "Tests", "SNNGraphTests", "Fixtures")
    os.makedirs(out, exist_ok=True)
    g = sp.csr_matrix(DENSE)
    sp.save_npz(os.path.join(out, "graphfile_compressed.npz"), g)

    wide = sp.csr_matrix(DENSE.astype(np.float32))
    wide.indices = wide.indices.astype(np.int64)
    wide.indptr = wide.indptr.astype(np.int64)
    sp.save_npz(os.path.join(out, "graphfile_int64_f32.npz"), wide, compressed=False)

    # Row 2 listed as columns 3, 0, 2, 1, 3 with the 2.0 at (2, 3) split into 1.5 + 0.5.
    indptr = np.array([0, 2, 4, 9, 11, 12], dtype=np.int32)
    indices = np.array([2, 1, 2, 0, 3, 0, 2, 1, 3, 4, 2, 3], dtype=np.int32)
    data = np.array([0.5, 1.0, 0.25, 1.0, 1.5, 0.5, 1.0, 0.25, 0.5, 0.75, 2.0, 0.75])
    unsorted = sp.csr_matrix((data, indices, indptr), shape=(5, 5))
    assert not unsorted.has_sorted_indices
    assert np.array_equal(unsorted.toarray(), DENSE)
    sp.save_npz(os.path.join(out, "graphfile_unsorted.npz"), unsorted, compressed=False)

    sp.save_npz(os.path.join(out, "graphfile_array.npz"), sp.csr_array(DENSE), compressed=False)
    sp.save_npz(os.path.join(out, "graphfile_csc.npz"), sp.csc_matrix(DENSE), compressed=False)

    for name in sorted(os.listdir(out)):
        if name.startswith("graphfile_"):
            z = np.load(os.path.join(out, name))
            print(name, {k: (z[k].dtype.str, z[k].shape) for k in z.files})


if __name__ == "__main__":
    main()
