#!/usr/bin/env python3
"""Writes the committed test fixtures of snn (run from the repository root: python3 scripts/make_fixtures.py).

Each maker function writes the fixtures of one test target; `__main__` calls every maker.
"""
import json
import os

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _value_strings(a):
    """Flattened C-order values as exact decimal strings (repr of a float64 / str of an int)."""
    flat = np.ascontiguousarray(a).reshape(-1)
    if flat.dtype.kind == "f":
        return [repr(float(v)) for v in flat]
    return [str(int(v)) for v in flat]


def _describe(a, fortran):
    return {"dtype": a.dtype.str, "shape": list(a.shape), "fortran": fortran, "values": _value_strings(a)}


def make_data_fixtures():
    """Fixtures of SNNDataTests: .npy in every supported dtype/order/version, .npz (savez, savez_compressed,
    scipy.sparse.save_npz) and CSV/whitespace text; `data_fixtures.json` lists every expected value."""
    import scipy.sparse

    out = os.path.join(ROOT, "Tests", "SNNDataTests", "Fixtures")
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(20231001)
    manifest = {"npy": {}, "npz": {}, "csv": {}}

    def base(dtype, shape):
        if np.dtype(dtype).kind == "f":
            x = rng.standard_normal(shape) * 10.0 ** rng.integers(-3, 4, size=shape)
            return x.astype(dtype)
        big = 2 ** 40 if np.dtype(dtype).itemsize == 8 else 2 ** 20
        return rng.integers(-big, big, size=shape).astype(dtype)

    # 2-D arrays in each dtype, C and Fortran order, format version 1.0 (what numpy.save writes).
    for dtype in ["<f4", "<f8", "<i4", "<i8"]:
        a = base(dtype, (3, 4))
        name = dtype[1:]
        np.save(os.path.join(out, f"{name}_c.npy"), a)
        manifest["npy"][f"{name}_c.npy"] = _describe(a, False)
        f = np.asfortranarray(base(dtype, (4, 3)))
        np.save(os.path.join(out, f"{name}_f.npy"), f)
        manifest["npy"][f"{name}_f.npy"] = _describe(f, True)

    # 1-D, 0-D, 3-D and empty arrays.
    for name, a in [("f8_1d.npy", base("<f8", (5,))), ("i4_1d.npy", base("<i4", (7,))),
                    ("f8_0d.npy", np.array(2.5)), ("f8_3d.npy", base("<f8", (2, 3, 2))),
                    ("f8_empty.npy", np.zeros((0, 3)))]:
        np.save(os.path.join(out, name), a)
        manifest["npy"][name] = _describe(a, False)

    # Format versions 2.0 and 3.0 headers (3.0 = utf-8 header).
    for name, a, version in [("f8_v2.npy", base("<f8", (2, 3)), (2, 0)),
                             ("f4_v3.npy", base("<f4", (3, 2)), (3, 0)),
                             ("i8_v3_f.npy", np.asfortranarray(base("<i8", (2, 5))), (3, 0))]:
        with open(os.path.join(out, name), "wb") as fh:
            np.lib.format.write_array(fh, a, version=version)
        manifest["npy"][name] = _describe(a, bool(a.flags.f_contiguous and a.ndim > 1))

    # .npz archives: stored (numpy.savez) and deflated (numpy.savez_compressed).
    members = {"a": base("<f8", (3, 4)), "b": base("<i8", (6,)), "c": base("<f4", (2, 2)),
               "big": (np.arange(64 * 32, dtype="<f8").reshape(64, 32) * 0.5)}
    np.savez(os.path.join(out, "savez.npz"), **members)
    np.savez_compressed(os.path.join(out, "savez_compressed.npz"), **members)
    for name in ["savez.npz", "savez_compressed.npz"]:
        manifest["npz"][name] = {k: _describe(v, False) for k, v in members.items() if k != "big"}
        manifest["npz"][name]["big"] = {"dtype": "<f8", "shape": [64, 32], "fortran": False,
                                        "values_formula": "element k (C order) = 0.5 * k"}

    # A SciPy CSR matrix (scipy.sparse.save_npz): members data, indices, indptr, shape and the text 'format'.
    dense = np.array([[0, 1.5, 0, 0], [2.0, 0, 0, -1.0], [0, 0, 0, 0], [0, 0, 3.25, 0]])
    csr = scipy.sparse.csr_matrix(dense)
    scipy.sparse.save_npz(os.path.join(out, "csr.npz"), csr)
    manifest["npz"]["csr.npz"] = {
        "data": _describe(csr.data, False), "indices": _describe(csr.indices, False),
        "indptr": _describe(csr.indptr, False), "shape": _describe(np.array(csr.shape), False),
        "format": "csr"}

    # Text files: a CSV with a header row, and whitespace-separated values without one (numpy.savetxt).
    p = base("<f8", (4, 3))
    np.savetxt(os.path.join(out, "points.csv"), p, delimiter=",", header="x,y,z", comments="")
    manifest["csv"]["points.csv"] = {"header": ["x", "y", "z"], **_describe(p, False)}
    q = base("<f8", (5, 2))
    np.savetxt(os.path.join(out, "points_ws.txt"), q)
    manifest["csv"]["points_ws.txt"] = {"header": None, **_describe(q, False)}

    with open(os.path.join(out, "data_fixtures.json"), "w") as fh:
        json.dump(manifest, fh, indent=1, sort_keys=True)
        fh.write("\n")


if __name__ == "__main__":
    make_data_fixtures()
