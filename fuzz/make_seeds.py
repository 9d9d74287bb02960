"""Writes the small committed seed corpora of fuzz/corpus/ (run from the repository root: python3 fuzz/make_seeds.py).

Each seed is a valid or nearly valid input that reaches deep into one reader; libFuzzer mutates from there."""
import io, json, os, struct, zipfile
import numpy as np

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")

def put(target, name, data):
    os.makedirs(os.path.join(root, target), exist_ok=True)
    with open(os.path.join(root, target, name), "wb") as f:
        f.write(data)

def npy(a, version=None):
    b = io.BytesIO()
    if version is None:
        np.save(b, a)
    else:
        np.lib.format.write_array(b, a, version=version)
    return b.getvalue()

# .npy: every supported dtype, both orders, versions 1-3, 0-D, empty, text scalars.
rng = np.random.default_rng(0)
put("npy", "f8_2x3", npy(rng.normal(size=(2, 3))))
put("npy", "f4_fortran", npy(np.asfortranarray(rng.normal(size=(3, 2)).astype("<f4"))))
put("npy", "i4_1d", npy(np.arange(5, dtype="<i4")))
put("npy", "i8_3d_v2", npy(np.arange(12, dtype="<i8").reshape(2, 3, 2), version=(2, 0)))
put("npy", "f8_v3", npy(np.ones((2, 2)), version=(3, 0)))
put("npy", "f8_0d", npy(np.float64(1.5)))
put("npy", "f8_empty", npy(np.zeros((0, 3))))
put("npy", "text_S", npy(np.array(b"csr")))
put("npy", "text_U", npy(np.array("csr\u00e9")))

# .npz: stored, deflated, and SciPy's sparse layout.
def npz(arrays, compressed):
    b = io.BytesIO()
    (np.savez_compressed if compressed else np.savez)(b, **arrays)
    return b.getvalue()
put("npz", "stored", npz({"a": np.arange(4.0), "b": np.eye(2, dtype="<f4")}, False))
put("npz", "deflated", npz({"x": np.zeros((4, 4)), "i": np.arange(3, dtype="<i8")}, True))
import scipy.sparse as sp
b = io.BytesIO(); sp.save_npz(b, sp.csr_matrix(np.array([[0, 1.0], [1.0, 0]])), compressed=True)
put("npz", "scipy_csr", b.getvalue())
b = io.BytesIO()
with zipfile.ZipFile(b, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as z:
    with z.open("big.npy", "w", force_zip64=True) as f:
        f.write(npy(np.arange(6.0)))
put("npz", "zip64", b.getvalue())

# CSV / text.
put("csv", "header", b"x,y,z\n1,2,3\n4.5,-6e-3,7\n")
put("csv", "whitespace", b"# comment\n1 2\n\n3\t4\r\n")
put("csv", "bom_quoted", b"\xef\xbb\xbf\"a\",\"b\"\n1,2\n")
put("csv", "ragged", b"1,2\n3\n")

# .safetensors.
def safetensors(tensors, metadata=None):
    header, data, offset = {}, b"", 0
    if metadata:
        header["__metadata__"] = metadata
    for name, (dtype, shape, raw) in tensors.items():
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [offset, offset + len(raw)]}
        data += raw
        offset += len(raw)
    h = json.dumps(header).encode()
    h += b" " * (-len(h) % 8)
    return struct.pack("<Q", len(h)) + h + data
put("safetensors", "model", safetensors({
    "layers.0.weight": ("F32", [2, 3], np.arange(6, dtype="<f4").tobytes()),
    "layers.0.bias": ("F64", [2], np.ones(2).tobytes()),
    "count": ("I64", [1], np.array([7], dtype="<i8").tobytes()),
    "half": ("F16", [2], np.array([1, 2], dtype="<f2").tobytes()),
}, {"format": "snn-model", "widths": "3,2"}))
put("safetensors", "empty", safetensors({}))
put("safetensors", "scalar_u8", safetensors({"s": ("U8", [], b"\x05"), "b": ("BOOL", [0], b"")}))

# Command lines: words separated by newlines.
for i, words in enumerate([
    ["sphere", "-n", "100", "-o", "out.npy"],
    ["torus", "-n500", "--noise=-0.5", "--hidden", "64,64", "-o=x.npy", "--resume", "-q"],
    ["blobs", "extra", "-n", "3", "--radii", "2,1.5", "--activation", "tanh", "--lr", "1e-3", "--out", "f"],
    ["sphere", "--", "-n", "-o", "x"],
    ["--help"],
]):
    put("flags", f"words{i}", "\n".join(words).encode())

# SciPy CSR graphs (the --graph input).
ring = np.zeros((6, 6))
for i in range(6):
    ring[i, (i + 1) % 6] = ring[(i + 1) % 6, i] = 1.0
for compressed, name in [(False, "ring_stored"), (True, "ring_deflated")]:
    b = io.BytesIO(); sp.save_npz(b, sp.csr_matrix(ring), compressed=compressed); put("graph", name, b.getvalue())
weighted = ring.copy(); weighted[0, 3] = weighted[3, 0] = 0.5
b = io.BytesIO(); sp.save_npz(b, sp.csr_matrix(weighted).astype(np.float32), compressed=False); put("graph", "weighted_f4", b.getvalue())
