#!/usr/bin/env python3
"""Networks trained elsewhere, for `bin/w2e eval --networks ... --truth ...`. Two families (--family):
- servant (default): quadratics, each of c0, c1, c2 with probability 1/2 a whole number in [-5, 5], else a
  one-decimal number in [-5.0, 5.0]; a zero drops the term;
- cubic: monic x^3 + a x^2 + b x + c, a, b, c whole numbers uniform in [-10, 10].
5,000 samples with x ~ U[-1, 1], one 1-8-7-8-1 MLP each trained by plain PyTorch the way the peer benchmark does
(nets stacked [B,out,in], torch.baddbmm, loss = sum_b mean_n (out-y)^2, Adam lr 1e-2, minibatch 500, PyTorch's
default nn.Linear initialisation). Writes networks.jsonl (the network file format: weights out x in, as PyTorch's
nn.Linear.weight) and truth.jsonl ({"id", "equation"} in the canonical text of domain's Polynomial).

Run with Debian's interpreter: /usr/bin/python3 (apt-get install -y python3-torch python3-numpy libopenblas0-pthread).
"""
import argparse
import json
import os
import sys

for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
    os.environ.setdefault(k, "1")

import numpy as np  # noqa: E402
import torch  # noqa: E402

SIZES = [1, 8, 7, 8, 1]


def tenths_text(k):
    """k tenths as the canonical plain decimal without trailing zeros: 20 -> '2', -5 -> '-0.5'."""
    sign = "-" if k < 0 else ""
    k = abs(k)
    return sign + (str(k // 10) if k % 10 == 0 else f"{k // 10}.{k % 10}")


def canonical(tenths):
    """Descending powers, zero terms dropped, coefficients always written, no leading '+', '0' when all zero;
    tenths[p] is the coefficient of x^p in tenths."""
    out = ""
    for power in reversed(range(len(tenths))):
        k = tenths[power]
        if k == 0:
            continue
        text = tenths_text(k)
        if not text.startswith("-") and out:
            text = "+" + text
        out += text + "*x" * power
    return out or "0"


def sample(rng):
    tenths = []
    for _ in range(3):
        if rng.random() < 0.5:
            tenths.append(10 * int(rng.integers(-5, 6)))
        else:
            tenths.append(int(rng.integers(-50, 51)))
    return tenths


def servant_values(c, x):
    return (c[0] + c[1] * x + c[2] * x * x) / 10.0


def sample_cubic(rng):
    """c, b, a whole in [-10, 10], then the monic x^3, all in tenths."""
    return [10 * int(v) for v in rng.integers(-10, 11, size=3)] + [10]


def cubic_values(c, x):
    return (c[0] + c[1] * x + c[2] * x * x) / 10.0 + x * x * x


# family -> (draw the coefficients in tenths, y at float64 x, id prefix)
FAMILIES = {"servant": (sample, servant_values, "peer"), "cubic": (sample_cubic, cubic_values, "peer-cubic")}


def train(x, y, steps, activation, minibatch, seed):
    torch.manual_seed(seed)
    b = x.shape[0]
    act = {"relu": torch.relu, "tanh": torch.tanh}[activation]
    params = []
    for fan_in, fan_out in zip(SIZES[:-1], SIZES[1:]):
        bound = 1.0 / fan_in ** 0.5
        w = torch.empty(b, fan_in, fan_out).uniform_(-bound, bound).requires_grad_()
        c = torch.empty(b, 1, fan_out).uniform_(-bound, bound).requires_grad_()
        params += [w, c]
    opt = torch.optim.Adam(params, lr=1e-2)
    xt = torch.from_numpy(x).unsqueeze(-1)
    yt = torch.from_numpy(y).unsqueeze(-1)
    n = x.shape[1]
    perm = torch.randperm(n)
    pos = 0
    for _ in range(steps):
        if pos + minibatch > n:
            perm = torch.randperm(n)
            pos = 0
        idx = perm[pos:pos + minibatch]
        pos += minibatch
        h = xt[:, idx, :]
        for layer in range(len(SIZES) - 1):
            h = torch.baddbmm(params[2 * layer + 1], h, params[2 * layer])
            if layer < len(SIZES) - 2:
                h = act(h)
        loss = ((h - yt[:, idx, :]) ** 2).mean(dim=(1, 2)).sum()
        opt.zero_grad()
        loss.backward()
        opt.step()
    return [p.detach().numpy() for p in params]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--equations", type=int, default=500)
    ap.add_argument("--steps", type=int, default=1000)
    ap.add_argument("--activation", default="relu", choices=["relu", "tanh"])
    ap.add_argument("--family", default="servant", choices=sorted(FAMILIES))
    ap.add_argument("--seed", type=int, default=4242)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--out-dir", required=True)
    a = ap.parse_args()
    draw, values, prefix = FAMILIES[a.family]
    rng = np.random.default_rng(a.seed)
    os.makedirs(a.out_dir, exist_ok=True)
    with open(os.path.join(a.out_dir, "networks.jsonl"), "w") as nets, \
            open(os.path.join(a.out_dir, "truth.jsonl"), "w") as truth:
        for start in range(0, a.equations, a.batch):
            count = min(a.batch, a.equations - start)
            coeffs = [draw(rng) for _ in range(count)]
            x = rng.uniform(-1, 1, size=(count, 5000)).astype(np.float32)
            y = np.stack([values(c, xi) for c, xi in zip(coeffs, x.astype(np.float64))])
            params = train(x, y.astype(np.float32), a.steps, a.activation, 500, a.seed + start)
            for i in range(count):
                ident = f"{prefix}-{a.seed}-{start + i}"
                weights = [params[2 * k][i].T.tolist() for k in range(len(SIZES) - 1)]  # [out][in]
                biases = [params[2 * k + 1][i][0].tolist() for k in range(len(SIZES) - 1)]
                nets.write(json.dumps({"id": ident, "layers": SIZES, "activation": a.activation,
                                       "weights": weights, "biases": biases}) + "\n")
                truth.write(json.dumps({"id": ident, "equation": canonical(coeffs[i])}) + "\n")
            print(f"peer_networks: {start + count}/{a.equations}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
