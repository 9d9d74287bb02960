"""Load an snn model in PyTorch and reproduce `snn embed` without snn.

    python3 examples/load_in_pytorch.py MODEL.safetensors POINTS.npy [--raw] [--check EMB.npy]

Rebuilds the network as `torch.nn.Sequential` from the `layers.K.weight` / `layers.K.bias` tensors, applies the
stored input standardization, the √degree factor (new points get the mean degree of their graph neighbourhood among
the stored training points, as snn does) and the eigen recovery `û(x) = f(x) V Σ^{-1/2}`. With `--check` it compares
with an embedding written by `snn embed` and exits non-zero when they differ by more than 1e-5 (relative).
"""
import argparse
import sys

import numpy as np
import torch
from safetensors.torch import load_file
from safetensors import safe_open

ACTIVATIONS = {
    "relu": torch.nn.ReLU,
    "leaky_relu": lambda: torch.nn.LeakyReLU(0.01),
    "tanh": torch.nn.Tanh,
    "softplus": torch.nn.Softplus,
}


def load(path):
    tensors = load_file(path)
    with safe_open(path, "pt") as f:
        meta = f.metadata()
    if meta.get("format") != "snn-model":
        raise SystemExit(f"{path}: not an snn model (metadata format = {meta.get('format')!r})")
    layers = []
    k = 0
    while f"layers.{k}.weight" in tensors:
        w, b = tensors[f"layers.{k}.weight"], tensors[f"layers.{k}.bias"]
        lin = torch.nn.Linear(w.shape[1], w.shape[0], dtype=w.dtype)
        with torch.no_grad():
            lin.weight.copy_(w)
            lin.bias.copy_(b)
        if layers:
            layers.append(ACTIVATIONS[meta["activation"]]())
        layers.append(lin)
        k += 1
    return torch.nn.Sequential(*layers), tensors, meta


def degrees(x, tensors, rule):
    """The degree snn gives new points (see DegreeModel in the snn sources)."""
    train = tensors["degree.points"].double().numpy()
    deg = tensors["degree.values"].double().numpy()
    d2 = (x ** 2).sum(1)[:, None] + (train ** 2).sum(1)[None, :] - 2 * x @ train.T
    d2 = np.maximum(d2, 0)
    parts = rule.split(":")
    if parts[0] == "knn":
        k = int(parts[1])
        order = np.lexsort((np.broadcast_to(np.arange(train.shape[0]), d2.shape), d2), axis=1)[:, :k]
        return deg[order].mean(1)
    eps, kernel = float(parts[1]), parts[2]
    radius = eps * (3.0 if kernel == "gaussian" else 1.0)
    inside = np.sqrt(d2) <= radius
    count = inside.sum(1)
    nearest = deg[d2.argmin(1)]
    return np.where(count > 0, (inside * deg[None, :]).sum(1) / np.maximum(count, 1), nearest)


def embed(path, x, raw=False):
    net, tensors, meta = load(path)
    dtype = next(net.parameters()).dtype
    xs = (torch.tensor(x, dtype=dtype) - tensors["input.mean"]) / tensors["input.scale"]
    with torch.no_grad():
        g = net(xs).double().numpy()
    scale = float(meta["output_scale"])
    if meta.get("degree_rule", "none") != "none":
        d = degrees(x, tensors, meta["degree_rule"])
        mean = tensors["degree.values"].double().numpy().mean()
        f = g * (scale * np.sqrt(d / mean))[:, None]
    else:
        f = g * scale
    if raw:
        return f
    v = tensors["eigen.rotation"].double().numpy()
    sigma = tensors["eigen.sigma"].double().numpy()
    return f @ v / np.sqrt(sigma)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("model")
    ap.add_argument("points")
    ap.add_argument("--raw", action="store_true")
    ap.add_argument("--check")
    ap.add_argument("-o", "--out")
    a = ap.parse_args()
    x = np.load(a.points).astype(np.float64)
    if x.ndim == 1:
        x = x[:, None]
    u = embed(a.model, x, a.raw)
    if a.out:
        np.save(a.out, u)
    if a.check:
        ref = np.load(a.check)
        err = np.abs(u - ref).max() / max(np.abs(ref).max(), 1e-300)
        print(f"max relative difference to {a.check}: {err:.2e}")
        sys.exit(0 if err <= 1e-5 else 1)
    print(f"embedded {x.shape[0]} points into {u.shape[1]} columns")


if __name__ == "__main__":
    main()
