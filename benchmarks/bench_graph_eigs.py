"""Side-by-side benchmark of `snn graph` / `snn eigs` against scikit-learn's graph build and SciPy's `eigsh`.

For each workload W1–W5 of ../shared/WORKLOADS.md (made by workloads.py when missing, in benchmarks/data/):

  graph              sklearn radius_neighbors_graph / kneighbors_graph + max(K, Kᵀ), n_jobs=2 (workloads.sklearn_graph)
                     vs `snn graph POINTS (--eps 0.35 --no-self-loops | --knn K) -o G.npz`; agreement: identical
                     sparsity pattern (sorted indices/indptr) and weights.
  eigs plain         SciPy eigsh(A, r, which='LA') vs `snn eigs G -r r --solver arpack` (both ARPACK Lanczos on A).
  eigs shift-invert  SciPy eigsh(A, r, sigma=1.001, which='LM') (SuperLU of A − σI) vs `snn eigs --solver
                     shift-invert` (CHOLMOD of σI − A, σ = λ_max estimate + 1e-3 ρ, i.e. the same σ ≈ 1.001).
  eigs auto          (n ≤ 4000 only) `snn eigs` with its default solver (dense LAPACK for n ≤ 1000, shift-invert
                     above) vs the faster of the two SciPy runs.

A = D^{-1/2} G D^{-1/2} of the workload's graph file (W?.graph.npz, written by scikit-learn), which both sides read.
Agreement of eigenpairs: max |λ_snn − λ_scipy|, subspace error ‖sin Θ‖_F/√r between the two vector sets, and the
largest residual ‖A u − λ u‖ of each side.

Timing. Each peer step runs in its own Python process (so its peak RSS is its own); the peer time is the step alone
(in-process perf_counter, data already loaded, A already normalized). snn runs as the release binary
(.build/release/snn, built with `swift build -c release` when missing); its time is reported twice: the wall time
of the whole process (start, reading the input, the work, writing the output) and the time snn prints for the work
itself. Ratio = snn / peer, on the median of --runs runs (default 3). Peak memory = max RSS of the process
(GNU time %M), peer processes included the Python interpreter with NumPy/SciPy/scikit-learn loaded (reported as the
baseline). Plain eigsh on W5 takes minutes: it runs once (both sides), or not at all with --skip-slow.

Usage: python3 benchmarks/bench_graph_eigs.py [--only W1,W2] [--runs 3] [--skip-slow] [--snn PATH]
Writes the table to stdout and to benchmarks/results/graph_eigs.md (with the date and the machine).
"""
import argparse
import datetime
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import workloads  # noqa: E402  (benchmarks/workloads.py: SPEC, points, sklearn_graph, normalized)

SIGMA = 1.0 + 1e-3
DENSE_LIMIT = 4000  # workloads up to this size also get an "eigs auto" row (snn's default solver)
SLOW = {("W5", "plain")}


# ---------------------------------------------------------------------------------------------------------------
# Peer steps, each run in a fresh process: `bench_graph_eigs.py --worker STEP WID DATADIR OUT`.

def worker(step, wid, datadir, out):
    import resource
    import scipy.sparse as sp
    from scipy.sparse.linalg import eigsh
    kind, param, r = workloads.SPEC[wid]
    if step == "graph":
        x = np.load(os.path.join(datadir, f"{wid}.points.npy"))
        baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        g, seconds = workloads.sklearn_graph(x, kind, param, n_jobs=2)
        sp.save_npz(out, g, compressed=False)
    else:
        g = sp.load_npz(os.path.join(datadir, f"{wid}.graph.npz"))
        a = workloads.normalized(g)
        baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        t = time.perf_counter()
        if step == "plain":
            values, vectors = eigsh(a, r, which="LA")
        else:
            values, vectors = eigsh(a, r, sigma=SIGMA, which="LM")
        seconds = time.perf_counter() - t
        order = np.argsort(values)[::-1]
        np.savez(out, values=values[order], vectors=vectors[:, order])
    print(json.dumps({"seconds": seconds, "baseline_kb": baseline}))


# ---------------------------------------------------------------------------------------------------------------
# Measuring processes.

def run_process(cmd):
    """Runs cmd; returns (exit code, stdout, stderr, wall seconds, peak RSS in MB) of that process alone.

    The peak RSS comes from GNU time (/usr/bin/time -f %M), a small process that starts cmd: the rusage of a
    child forked from this Python process would include this process's resident pages at the fork (Linux keeps the
    high-water mark across exec), so os.wait4's ru_maxrss is used only when GNU time is missing.
    """
    gnu_time = "/usr/bin/time"
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile(mode="r", suffix=".rss") as rss:
        use_time = os.access(gnu_time, os.X_OK)
        full = [gnu_time, "-f", "%M", "-o", rss.name] + cmd if use_time else cmd
        t = time.perf_counter()
        p = subprocess.Popen(full, stdout=out, stderr=err)
        _, status, usage = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t
        p.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        peak_kb = usage.ru_maxrss
        if use_time:
            text = rss.read().strip().splitlines()
            if text and text[-1].isdigit():
                peak_kb = int(text[-1])
        return p.returncode, out.read().decode(), err.read().decode(), wall, peak_kb / 1024


def run_peer(step, wid, datadir, out):
    code, stdout, stderr, _, peak = run_process([sys.executable, os.path.abspath(__file__), "--worker", step, wid, datadir, out])
    if code != 0:
        raise RuntimeError(f"peer {step} {wid} failed: {stderr.strip().splitlines()[-1:]}")
    info = json.loads(stdout.strip().splitlines()[-1])
    return info["seconds"], peak, info["baseline_kb"] / 1024


def parse_duration(text, label):
    """The seconds of `time: <label> 12.3 ms` / `4.56 s` in snn's output."""
    m = re.search(r"time: " + label + r" ([0-9.]+) (ms|s)\b", text)
    if not m:
        raise RuntimeError(f"no '{label}' time in snn output:\n{text}")
    return float(m.group(1)) * (1e-3 if m.group(2) == "ms" else 1.0)


def run_snn(snn, args, label):
    code, stdout, stderr, wall, peak = run_process([snn] + args)
    if code != 0:
        raise RuntimeError(f"snn {' '.join(args)} failed ({code}): {stderr.strip()}")
    return wall, parse_duration(stdout, label), peak


# ---------------------------------------------------------------------------------------------------------------
# Agreement.

def graph_agreement(peer_file, snn_file, x, kind, param):
    """'edges identical' or how the two graphs differ; for kNN graphs, whether every difference is a distance tie
    at the k-th neighbour (where the choice of neighbour is arbitrary and the two libraries break ties differently)."""
    import scipy.sparse as sp
    a = sp.load_npz(peer_file).tocsr()
    b = sp.load_npz(snn_file).tocsr()
    a.sort_indices()
    b.sort_indices()
    if a.shape == b.shape and np.array_equal(a.indptr, b.indptr) and np.array_equal(a.indices, b.indices):
        same = np.array_equal(a.data, b.data)
        return f"edges identical (nnz {a.nnz})" + ("" if same else f", weights differ by {np.abs(a.data - b.data).max():.1e}")
    pa = a.astype(bool).astype(np.int8)
    pb = b.astype(bool).astype(np.int8)
    only_a = sp.triu((pa - pb).maximum(0)).tocoo()
    only_b = sp.triu((pb - pa).maximum(0)).tocoo()
    text = f"EDGES DIFFER: nnz {a.nnz} vs {b.nnz}; {only_a.nnz} pairs only in sklearn, {only_b.nnz} only in snn"
    if kind != "knn":
        return text
    from sklearn.neighbors import NearestNeighbors
    kth = NearestNeighbors(n_neighbors=param).fit(x).kneighbors()[0][:, -1]
    rows = np.concatenate([only_a.row, only_b.row])
    cols = np.concatenate([only_a.col, only_b.col])
    dist = np.linalg.norm(x[rows] - x[cols], axis=1)
    tie = np.isclose(dist, kth[rows], rtol=1e-12, atol=0) | np.isclose(dist, kth[cols], rtol=1e-12, atol=0)
    if tie.all():
        return (f"same graph up to ties: {only_a.nnz} pairs only in sklearn, {only_b.nnz} only in snn, every one at "
                f"exactly the k-th neighbour distance (ties broken differently)")
    return text + f"; {int((~tie).sum())} of them not explained by ties"


def subspace_error(u, v):
    """‖sin Θ‖_F / √r between span(u) and span(v) (= ‖P_u − P_v‖_F / √(2r))."""
    qu, _ = np.linalg.qr(u)
    qv, _ = np.linalg.qr(v)
    return np.linalg.norm(qv - qu @ (qu.T @ qv)) / np.sqrt(u.shape[1])


def residuals(a, values, vectors):
    return np.linalg.norm(a @ vectors - vectors * values, axis=0)


def eigen_agreement(a, peer_file, snn_file):
    p = np.load(peer_file)
    s = np.load(snn_file)
    dl = np.abs(p["values"] - s["values"]).max()
    sub = subspace_error(p["vectors"], s["vectors"])
    rs = residuals(a, s["values"], s["vectors"]).max()
    rp = residuals(a, p["values"], p["vectors"]).max()
    return f"Δλ {dl:.1e}, subspace {sub:.1e}, residual snn {rs:.1e} / SciPy {rp:.1e}"


# ---------------------------------------------------------------------------------------------------------------

def ensure_workloads(ids, datadir):
    missing = [w for w in ids if not (os.path.exists(os.path.join(datadir, f"{w}.points.npy"))
                                      and os.path.exists(os.path.join(datadir, f"{w}.graph.npz")))]
    if missing:
        print(f"making workloads {','.join(missing)} in {datadir}", flush=True)
        subprocess.run([sys.executable, os.path.join(HERE, "workloads.py"), "--only", ",".join(missing), "--dir", datadir],
                       check=True)


def ensure_snn(path):
    if os.path.exists(path):
        return
    print("building the release binary (swift build -c release --product snn)", flush=True)
    subprocess.run(["swift", "build", "-c", "release", "--product", "snn"], cwd=ROOT, check=True)


def machine():
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    memory = ""
    try:
        with open("/proc/meminfo") as f:
            kb = int(f.readline().split()[1])
            memory = f", {kb / 2**20:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{os.cpu_count()} cores (nproc {len(os.sched_getaffinity(0))}), {model}{memory}, {platform.system()} {platform.release()}"


def fmt_time(s):
    return "—" if s is None else (f"{s * 1e3:.1f} ms" if s < 1 else f"{s:.2f} s")


def fmt_ratio(a, b):
    return "—" if a is None or b is None or b == 0 else f"{a / b:.2f}"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", default="W1,W2,W3,W4,W5", help="comma-separated workload ids")
    ap.add_argument("--runs", type=int, default=3, help="runs per step; the median is reported")
    ap.add_argument("--skip-slow", action="store_true", help="skip plain eigsh / snn arpack on W5 (minutes each)")
    ap.add_argument("--snn", default=os.path.join(ROOT, ".build", "release", "snn"))
    ap.add_argument("--data", default=os.path.join(HERE, "data"))
    ap.add_argument("--out", default=os.path.join(HERE, "results", "graph_eigs.md"))
    ap.add_argument("--worker", nargs=4, metavar=("STEP", "WID", "DATADIR", "OUT"), help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.worker:
        worker(*a.worker)
        return

    import scipy
    import scipy.sparse as sp
    import sklearn
    ids = [w.strip() for w in a.only.split(",") if w.strip()]
    for w in ids:
        if w not in workloads.SPEC:
            ap.error(f"unknown workload {w} (known: {', '.join(workloads.SPEC)})")
    ensure_workloads(ids, a.data)
    ensure_snn(a.snn)
    version = subprocess.run([a.snn, "--version"], capture_output=True, text=True).stdout.strip()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()

    load_start = os.getloadavg()
    rows = []
    baselines = []
    tmp = tempfile.mkdtemp(prefix="bench-graph-eigs-")

    def row(wid, step, peer_name, peer_t, snn_name, snn_wall, snn_work, peer_mb, snn_mb, agreement, runs):
        rows.append({"wid": wid, "step": step, "peer": peer_name, "peer_t": peer_t, "snn": snn_name, "snn_wall": snn_wall,
                     "snn_work": snn_work, "peer_mb": peer_mb, "snn_mb": snn_mb, "agreement": agreement, "runs": runs})
        r = rows[-1]
        print(f"{wid} {step:<18} peer {fmt_time(peer_t):>9}  snn wall {fmt_time(snn_wall):>9} work {fmt_time(snn_work):>9}"
              f"  ratio {fmt_ratio(snn_wall, peer_t)}/{fmt_ratio(snn_work, peer_t)}  {agreement}", flush=True)
        return r

    for wid in ids:
        kind, param, r = workloads.SPEC[wid]
        points = os.path.join(a.data, f"{wid}.points.npy")
        graph = os.path.join(a.data, f"{wid}.graph.npz")
        n = np.load(points, mmap_mode="r").shape[0]

        # Graph build.
        peer_times, peer_mb, snn_walls, snn_works, snn_mb = [], [], [], [], []
        flags = ["--eps", str(param), "--no-self-loops"] if kind == "eps" else ["--knn", str(param)]
        for k in range(a.runs):
            t, mb, base = run_peer("graph", wid, a.data, os.path.join(tmp, f"{wid}.sk.npz"))
            peer_times.append(t)
            peer_mb.append(mb)
            baselines.append(base)
            wall, work, mb = run_snn(a.snn, ["graph", points] + flags + ["-o", os.path.join(tmp, f"{wid}.snn.npz")], "build")
            snn_walls.append(wall)
            snn_works.append(work)
            snn_mb.append(mb)
        agreement = graph_agreement(os.path.join(tmp, f"{wid}.sk.npz"), os.path.join(tmp, f"{wid}.snn.npz"),
                                    np.load(points), kind, param)
        peer_name = "radius_neighbors_graph" if kind == "eps" else "kneighbors_graph+max"
        row(wid, "graph", peer_name, statistics.median(peer_times), "snn graph " + " ".join(flags),
            statistics.median(snn_walls), statistics.median(snn_works), max(peer_mb), max(snn_mb), agreement, a.runs)

        # Eigenpairs.
        a_matrix = workloads.normalized(sp.load_npz(graph))
        best = None
        for step, solver, peer_name in [("plain", "arpack", "eigsh(A, r, which='LA')"),
                                        ("shift-invert", "shift-invert", f"eigsh(A, r, sigma={SIGMA}, which='LM')")]:
            if (wid, step) in SLOW and a.skip_slow:
                continue
            runs = 1 if (wid, step) in SLOW else a.runs
            peer_times, peer_mb, snn_walls, snn_works, snn_mb = [], [], [], [], []
            peer_out = os.path.join(tmp, f"{wid}.{step}.sk.npz")
            snn_out = os.path.join(tmp, f"{wid}.{step}.snn.npz")
            for k in range(runs):
                t, mb, base = run_peer(step, wid, a.data, peer_out)
                peer_times.append(t)
                peer_mb.append(mb)
                try:
                    wall, work, mb = run_snn(a.snn, ["eigs", graph, "-r", str(r), "--solver", solver, "-o", snn_out], "solve")
                except RuntimeError as e:
                    print(f"  {e}", flush=True)
                    wall = work = None
                    mb = float("nan")
                snn_walls.append(wall)
                snn_works.append(work)
                snn_mb.append(mb)
            ok = all(w is not None for w in snn_walls)
            agreement = eigen_agreement(a_matrix, peer_out, snn_out) if ok else "snn failed (see log)"
            rr = row(wid, f"eigs {step}" + (" (1 run)" if (wid, step) in SLOW else ""), peer_name, statistics.median(peer_times),
                     f"snn eigs --solver {solver}", statistics.median(snn_walls) if ok else None,
                     statistics.median(snn_works) if ok else None, max(peer_mb), max(snn_mb), agreement, runs)
            if best is None or rr["peer_t"] < best["peer_t"]:
                best = rr
        if n <= DENSE_LIMIT and best is not None:
            snn_walls, snn_works, snn_mb = [], [], []
            snn_out = os.path.join(tmp, f"{wid}.auto.snn.npz")
            for k in range(a.runs):
                wall, work, mb = run_snn(a.snn, ["eigs", graph, "-r", str(r), "-o", snn_out], "solve")
                snn_walls.append(wall)
                snn_works.append(work)
                snn_mb.append(mb)
            peer_out = os.path.join(tmp, f"{wid}.{best['step'].split()[1]}.sk.npz")
            row(wid, "eigs auto", "best SciPy: " + best["peer"], best["peer_t"], "snn eigs", statistics.median(snn_walls),
                statistics.median(snn_works), best["peer_mb"], max(snn_mb),
                eigen_agreement(a_matrix, peer_out, snn_out), a.runs)

    # The table.
    today = datetime.datetime.now().strftime("%Y-%m-%d %H:%M")
    header = [
        f"# snn graph / snn eigs vs scikit-learn / SciPy ({today})",
        "",
        f"Machine: {machine()}; shared with other jobs, so timings are noisy (±30 % between runs; ratios under 1.3× are not "
        f"meaningful); 1-minute load average {load_start[0]:.1f} at the start, {os.getloadavg()[0]:.1f} at the end.",
        f"Versions: {version} (commit {commit}, release build), Python {platform.python_version()}, NumPy {np.__version__}, "
        f"SciPy {scipy.__version__}, scikit-learn {sklearn.__version__}.",
        f"Median of {a.runs} runs per step" + (" (plain eigsh on W5: 1 run)" if "W5" in ids and not a.skip_slow else "")
        + (" (plain eigsh on W5 skipped: --skip-slow)" if "W5" in ids and a.skip_slow else "")
        + f". Shift-invert σ = {SIGMA} for SciPy (snn picks σ = λ_max estimate + 1e-3·ρ ≈ 1.001).",
        "Peer time: the step alone in its own Python process (data loaded, A normalized). snn wall: the whole `snn` process "
        "(start, read input, work, write output); snn work: the time snn prints for the work. Ratio = snn / peer "
        "(wall / work). Memory: peak RSS of each process in MB; a peer process holds Python + NumPy/SciPy/scikit-learn "
        f"(baseline after loading its input: {min(baselines):.0f}–{max(baselines):.0f} MB)." if baselines else "",
        "",
        "| workload | step | peer | peer time | snn time (wall / work) | ratio snn/peer (wall / work) | peak MB (peer / snn) | agreement |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    lines = []
    for r in rows:
        lines.append(f"| {r['wid']} | {r['step']} | {r['peer']} | {fmt_time(r['peer_t'])} | "
                     f"{fmt_time(r['snn_wall'])} / {fmt_time(r['snn_work'])} | "
                     f"{fmt_ratio(r['snn_wall'], r['peer_t'])} / {fmt_ratio(r['snn_work'], r['peer_t'])} | "
                     f"{r['peer_mb']:.0f} / {r['snn_mb']:.0f} | {r['agreement']} |")
    text = "\n".join(header + lines) + "\n"
    print()
    print(text)
    os.makedirs(os.path.dirname(a.out), exist_ok=True)
    with open(a.out, "w") as f:
        f.write(text)
    print(f"wrote {a.out}")


if __name__ == "__main__":
    main()
