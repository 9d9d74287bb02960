"""SNN training, side by side: snn train vs the PyTorch SNN reference of ../shared/WORKLOADS.md, on W1–W4.

For each workload: reference eigenpairs with SciPy (saved as W?.eig.npz, read by snn as --reference), then
- PyTorch: MLP d-128-128-r ReLU, float32, Adam lr 1e-3, inputs centred / one overall std, Y = f(X)/√n, the paper's
  loss ‖YYᵀ − A‖² (full batch with a dense A on W1; minibatch 512 rows, ‖Y_B Y_Bᵀ − A_BB‖² rescaled, elsewhere),
  the subspace error measured every few seconds;
- snn: `snn train POINTS --graph GRAPH -r R --reference EIG --time-limit T --log LOG` with default settings.
Reports time to subspace error 0.05 and 0.01, the error at the budget, time per epoch and peak memory, as a
markdown table (also written to benchmarks/results/train.md with the date and machine).

    python3 benchmarks/bench_train.py [--only W1,W2] [--budget 60] [--torch-budget 30]
"""
import argparse
import datetime
import json
import os
import platform
import resource
import subprocess
import sys
import time

import numpy as np
import scipy.sparse as sp
import scipy.sparse.linalg as sla

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import workloads  # noqa: E402

SNN = os.path.join(ROOT, ".build", "release", "snn")


def subspace_error(y, u):
    q, _ = np.linalg.qr(y)
    s = np.clip(np.linalg.svd(u.T @ q, compute_uv=False), 0, 1)
    return float(np.sqrt(np.sum(1 - s ** 2) / u.shape[1]))


def reference(wid, a, r, data):
    path = os.path.join(data, f"{wid}.eig.npz")
    if os.path.exists(path):
        z = np.load(path)
        return z["values"], z["vectors"], path
    if a.shape[0] <= 4000:
        w, u = np.linalg.eigh(a.toarray())
        w, u = w[::-1][:r], u[:, ::-1][:, :r]
    else:
        w, u = sla.eigsh(a, r, sigma=1.0 + 1e-3, which="LM", tol=1e-12)
        o = np.argsort(-w)
        w, u = w[o], u[:, o]
    np.savez(path, values=w, vectors=u)
    return w, u, path


def torch_run(x, a, u, r, budget, full):
    import torch
    torch.set_num_threads(2)
    torch.manual_seed(0)
    n, d = x.shape
    xs = (x - x.mean(0)) / x.std()
    xt = torch.tensor(xs, dtype=torch.float32)
    net = torch.nn.Sequential(torch.nn.Linear(d, 128), torch.nn.ReLU(), torch.nn.Linear(128, 128), torch.nn.ReLU(),
                              torch.nn.Linear(128, r))
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    dense = torch.tensor(a.toarray(), dtype=torch.float32) if full else None
    a = a.tocsr()
    rng = np.random.default_rng(0)
    t0 = time.perf_counter()
    epochs, hit05, hit01, next_eval, err = 0, None, None, 0.0, 1.0
    train_seconds = 0.0
    while train_seconds < budget:
        t = time.perf_counter()
        if full:
            y = net(xt) / np.sqrt(n)
            loss = ((y @ y.T - dense) ** 2).sum()
            opt.zero_grad(); loss.backward(); opt.step()
        else:
            for _ in range(max(1, n // 512)):
                idx = rng.choice(n, 512, replace=False)
                y = net(xt[idx]) / np.sqrt(n)
                ab = torch.tensor(a[idx].tocsc()[:, idx].toarray(), dtype=torch.float32)
                loss = ((y @ y.T - ab) ** 2).sum() * (n / 512) ** 2
                opt.zero_grad(); loss.backward(); opt.step()
        epochs += 1
        train_seconds += time.perf_counter() - t
        if train_seconds >= next_eval:
            with torch.no_grad():
                err = subspace_error(net(xt).numpy().astype(np.float64), u)
            if hit05 is None and err <= 0.05:
                hit05 = train_seconds
            if hit01 is None and err <= 0.01:
                hit01 = train_seconds
            next_eval = train_seconds + max(0.5, budget / 60)
    with torch.no_grad():
        err = subspace_error(net(xt).numpy().astype(np.float64), u)
    return dict(error=err, t05=hit05, t01=hit01, epoch_ms=1000 * train_seconds / epochs, epochs=epochs,
                wall=time.perf_counter() - t0)


def snn_run(wid, data, r, eig, budget, out):
    log = os.path.join(out, f"{wid}.train.jsonl")
    model = os.path.join(out, f"{wid}.model.safetensors")
    cmd = ["/usr/bin/time", "-v", SNN, "train", os.path.join(data, f"{wid}.points.npy"), "--graph",
           os.path.join(data, f"{wid}.graph.npz"), "-r", str(r), "--reference", eig, "--time-limit", str(budget),
           "--epochs", "100000000", "--eval-every", "10", "--log", log, "--quiet", "-o", model]
    t0 = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if p.returncode != 0:
        raise SystemExit(f"snn train failed on {wid}:\n{p.stdout}\n{p.stderr}")
    rss = next((int(l.split()[-1]) for l in p.stderr.splitlines() if "Maximum resident" in l), 0)
    records = [json.loads(l) for l in open(log)]
    setup = next((float(l.split(" in ")[1].split()[0]) for l in p.stdout.splitlines() if "target solved" in l), 0.0)
    # times to an error include the one reference solve that the lowrank objective needs before training
    hit = lambda e: next((setup + rec["seconds"] for rec in records if rec.get("subspaceError") is not None and rec["subspaceError"] <= e), None)
    at = lambda t: next((rec["subspaceError"] for rec in reversed(records) if setup + rec["seconds"] <= t), None)
    last = records[-1]
    return dict(error=last["subspaceError"], t05=hit(0.05), t02=hit(0.02), t01=hit(0.01), e30=at(30.0), e60=at(60.0), epoch_ms=1000 * last["seconds"] / max(1, last["epoch"]),
                epochs=last["epoch"], rss_mb=rss / 1024, wall=wall, setup=setup, stdout=p.stdout)


def fmt(x, unit="s"):
    return "—" if x is None else f"{x:.2f} {unit}"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", default="W1,W2,W3,W4")
    ap.add_argument("--budget", type=float, default=120.0, help="snn training seconds per workload (W1: --w1-budget)")
    ap.add_argument("--w1-budget", type=float, default=30.0, help="snn training seconds on W1")
    ap.add_argument("--torch-budget", type=float, default=30.0, help="PyTorch training seconds per workload")
    ap.add_argument("--data", default=os.path.join(HERE, "data"))
    a = ap.parse_args()
    if not os.path.exists(SNN):
        subprocess.run(["swift", "build", "-c", "release"], cwd=ROOT, check=True)
    subprocess.run([sys.executable, os.path.join(HERE, "workloads.py"), "--only", a.only, "--dir", a.data], check=True)
    out = os.path.join(HERE, "results")
    os.makedirs(out, exist_ok=True)
    rows = []
    for wid in a.only.split(","):
        _, _, r = workloads.SPEC[wid]
        x = np.load(os.path.join(a.data, f"{wid}.points.npy"))
        g = sp.load_npz(os.path.join(a.data, f"{wid}.graph.npz"))
        an = workloads.normalized(g)
        w, u, eig = reference(wid, an, r, a.data)
        s = snn_run(wid, a.data, r, eig, a.w1_budget if wid == "W1" else a.budget, out)
        full = wid == "W1"
        t = torch_run(x, an, u, r, a.torch_budget, full)
        rows.append((wid, s, t, full))
        print(f"{wid}: snn err {s['error']:.4f} (t05 {fmt(s['t05'])}, t01 {fmt(s['t01'])}, {s['epoch_ms']:.2f} ms/epoch, setup {s['setup']:.2f} s, RSS {s['rss_mb']:.0f} MB) | "
              f"torch err {t['error']:.4f} (t05 {fmt(t['t05'])}, {t['epoch_ms']:.1f} ms/epoch)", flush=True)
    cpu = next((l.split(":")[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
    load = os.getloadavg()[0]
    lines = [f"Measured {datetime.date.today()} on {os.cpu_count()} cores ({cpu}), load average {load:.1f} at the end; snn budget {a.w1_budget:.0f} s on W1, {a.budget:.0f} s elsewhere; PyTorch budget {a.torch_budget:.0f} s.",
             "", "| workload | snn: time to 0.05 | to 0.02 | to 0.01 | snn error at 30 s | at 60 s | at budget | snn ms/epoch | PyTorch (mode): time to 0.05 | PyTorch error at its budget | PyTorch ms/epoch | error ratio snn@30s / PyTorch |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for wid, s, t, full in rows:
        e30 = s['e30'] if s['e30'] is not None else s['error']
        e60 = "—" if s['e60'] is None else f"{s['e60']:.4f}"
        lines.append(f"| {wid} | {fmt(s['t05'])} | {fmt(s['t02'])} | {fmt(s['t01'])} | {e30:.4f} | {e60} | {s['error']:.4f} | {s['epoch_ms']:.2f} | {fmt(t['t05'])} ({'full' if full else 'minibatch 512'}) | "
                     f"{t['error']:.4f} | {t['epoch_ms']:.1f} | {e30 / t['error']:.2f} |")
    lines += ["", "snn times to an error include the one reference solve for the lowrank target (setup, in seconds): "
              + ", ".join(f"{wid} {s['setup']:.2f}" for wid, s, _, _ in rows) + "; peak RSS (MB): "
              + ", ".join(f"{wid} {s['rss_mb']:.0f}" for wid, s, _, _ in rows) + "."]
    table = "\n".join(lines)
    print(table)
    with open(os.path.join(out, "train.md"), "w") as f:
        f.write(table + "\n")


if __name__ == "__main__":
    main()
