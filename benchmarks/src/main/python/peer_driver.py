#!/usr/bin/env python3
"""Trains weights2eq's equations with the PyTorch reference peer (../shared/peer/torch_mlp_bench.py, batched mode).

The Java side (io.weights2eq.bench.TrainerBenchmark) writes the equations' samples and the
initial parameters to a binary file; this driver trains them the way the peer's batched mode does (B nets
stacked as [B,in,out], torch.baddbmm, loss = sum_b mean_n (out-y)^2, torch.optim.Adam, one torch.randperm
per epoch shared by the B nets of a batch), for a step budget, then writes the final parameters back in
weights2eq's NetworkLayout order (all weights out x in row-major, layer by layer, then all biases) and
prints one JSON line. Only the training loop is timed, as in the peer.

Data file (little-endian): b"W2EB", int32 version (1), int32 equations E, int32 samples S, int32 train T,
int32 L (number of layer sizes), int32 sizes[L], float32 x[E][S], float32 y[E][S], float32 init[E][P].

Run with Debian's interpreter: /usr/bin/python3 (apt-get install -y python3-torch python3-numpy libopenblas0-pthread).
"""
import argparse
import json
import math
import os
import struct
import sys
import time


def _early_threads():
    # OpenBLAS (pthread) and OpenMP read their thread counts when loaded: set them before importing torch.
    n = None
    for i, a in enumerate(sys.argv):
        if a == "--threads" and i + 1 < len(sys.argv):
            n = sys.argv[i + 1]
        elif a.startswith("--threads="):
            n = a.split("=", 1)[1]
    n = n or "1"
    for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        os.environ[k] = n


_early_threads()

import numpy as np  # noqa: E402
import torch  # noqa: E402


def read_data(path):
    with open(path, "rb") as f:
        raw = f.read()
    if raw[:4] != b"W2EB":
        raise SystemExit(f"{path}: not a weights2eq benchmark data file")
    version, n_eq, samples, train, n_sizes = struct.unpack_from("<5i", raw, 4)
    if version != 1:
        raise SystemExit(f"{path}: data version {version}, this driver reads 1")
    off = 4 + 5 * 4
    sizes = list(struct.unpack_from(f"<{n_sizes}i", raw, off))
    off += 4 * n_sizes
    n_params = sum(a * b for a, b in zip(sizes[:-1], sizes[1:])) + sum(sizes[1:])
    floats = np.frombuffer(raw, dtype="<f4", offset=off)
    x = floats[: n_eq * samples].reshape(n_eq, samples)
    y = floats[n_eq * samples: 2 * n_eq * samples].reshape(n_eq, samples)
    init = floats[2 * n_eq * samples: 2 * n_eq * samples + n_eq * n_params].reshape(n_eq, n_params)
    return sizes, train, x, y, init


def to_peer_layout(flat, sizes):
    """weights2eq order -> the peer's stacked [W1,b1,W2,b2,...], W: [E,in,out], b: [E,1,out]."""
    n_eq = flat.shape[0]
    params = []
    w_off = 0
    b_off = sum(a * b for a, b in zip(sizes[:-1], sizes[1:]))
    for fin, fout in zip(sizes[:-1], sizes[1:]):
        w = flat[:, w_off: w_off + fout * fin].reshape(n_eq, fout, fin).transpose(1, 2)  # [E,in,out]
        b = flat[:, b_off: b_off + fout].reshape(n_eq, 1, fout)
        params += [w.contiguous(), b.contiguous()]
        w_off += fout * fin
        b_off += fout
    return params


def from_peer_layout(params):
    ws = [params[2 * l].transpose(1, 2).reshape(params[0].shape[0], -1) for l in range(len(params) // 2)]
    bs = [params[2 * l + 1].reshape(params[0].shape[0], -1) for l in range(len(params) // 2)]
    return torch.cat(ws + bs, dim=1)


def make_forward(peer, activation):
    if activation == "tanh" and peer is not None:
        return peer.batched_forward  # the peer's own forward (tanh hidden layers, linear output)
    act = {"tanh": torch.tanh, "relu": torch.relu, "sigmoid": torch.sigmoid,
           "softplus": torch.nn.functional.softplus}[activation]

    def forward(params, x):
        h = x
        nl = len(params) // 2
        for l in range(nl):
            h = torch.baddbmm(params[2 * l + 1], h, params[2 * l])
            if l < nl - 1:
                h = act(h)
        return h
    return forward


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", required=True, help="final parameters, float32 [E][P] in weights2eq's order")
    ap.add_argument("--peer-dir", required=True, help="folder of torch_mlp_bench.py")
    ap.add_argument("--activation", default="tanh", choices=["tanh", "relu", "sigmoid", "softplus"])
    ap.add_argument("--steps", type=int, default=1000)
    ap.add_argument("--minibatch", type=int, default=500)
    ap.add_argument("--lr", type=float, default=1e-2)
    ap.add_argument("--batch-nets", type=int, default=64, help="nets per bmm batch (the peer's default)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args()

    sys.path.insert(0, os.path.abspath(args.peer_dir))
    import torch_mlp_bench as peer  # noqa: E402  (the reference: its forward and BLAS probe)

    torch.set_num_threads(args.threads)
    sizes, train, x_all, y_all, init = read_data(args.data)
    n_eq, samples = x_all.shape
    X = torch.from_numpy(np.ascontiguousarray(x_all[:, :train])).unsqueeze(-1)  # [E,T,1]
    Y = torch.from_numpy(np.ascontiguousarray(y_all[:, :train])).unsqueeze(-1)
    init_params = to_peer_layout(torch.from_numpy(np.array(init)), sizes)
    forward = make_forward(peer, args.activation)
    mb = min(args.minibatch, train)

    trained = []
    t_train = 0.0
    c_train = 0.0
    for start in range(0, n_eq, args.batch_nets):
        sl = slice(start, min(start + args.batch_nets, n_eq))
        t0 = time.perf_counter(); c0 = time.process_time()
        params = [p[sl].clone().requires_grad_(True) for p in init_params]
        opt = torch.optim.Adam(params, lr=args.lr)
        Xc, Yc = X[sl], Y[sl]
        gperm = torch.Generator().manual_seed(args.seed + 2)
        step = 0
        while step < args.steps:
            perm = torch.randperm(train, generator=gperm)
            xs, ys = Xc[:, perm], Yc[:, perm]
            for s in range(0, train, mb):
                if step == args.steps:
                    break
                opt.zero_grad(set_to_none=True)
                out = forward(params, xs[:, s:s + mb])
                loss = ((out - ys[:, s:s + mb]) ** 2).mean(dim=(1, 2)).sum()
                loss.backward()
                opt.step()
                step += 1
        t_train += time.perf_counter() - t0
        c_train += time.process_time() - c0
        trained.append(from_peer_layout([p.detach() for p in params]))

    final = torch.cat(trained).contiguous()
    final.numpy().astype("<f4").tofile(args.out)

    # a sanity figure; the benchmark measures every engine's networks itself, the same way
    with torch.no_grad():
        xv = torch.from_numpy(np.ascontiguousarray(x_all[:, train:])).unsqueeze(-1)
        yv = torch.from_numpy(np.ascontiguousarray(y_all[:, train:])).unsqueeze(-1).double()
        pred = forward(to_peer_layout(final, sizes), xv).double()
        mse = ((pred - yv) ** 2).mean(dim=(1, 2))
        var = yv.var(dim=(1, 2), unbiased=False).clamp_min(1e-2)
        rel = (mse / var).numpy()
    print(json.dumps(dict(
        engine="pytorch-peer", torch=torch.__version__, threads=torch.get_num_threads(), blas=peer.blas_lib(),
        activation=args.activation, equations=n_eq, steps=args.steps, minibatch=mb, batch_nets=args.batch_nets,
        lr=args.lr, train_s=t_train, cpu_s=c_train, eq_per_s=n_eq / t_train,
        median_rel_mse=float(np.median(rel)), p90_rel_mse=float(np.quantile(rel, 0.9)),
        loadavg=os.getloadavg()[0])))


if __name__ == "__main__":
    main()
