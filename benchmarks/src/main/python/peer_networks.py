#!/usr/bin/env python3
"""Networks trained elsewhere, for `bin/w2e eval --networks ... --truth ...`. Three families (--family):
- servant (default): quadratics, each of c0, c1, c2 with probability 1/2 a whole number in [-5, 5], else a
  one-decimal number in [-5.0, 5.0]; a zero drops the term;
- cubic: monic x^3 + a x^2 + b x + c, a, b, c whole numbers uniform in [-10, 10];
- elementary: the expressions of --expressions FILE.jsonl ({"id", "expression", "domain"} lines, the syntax of
  peer_expressions.py), --seeds networks each, x ~ U(domain), one [n, 8, 7, 8, 1] tanh MLP per network (n inputs),
  3,000 steps, every network of the file in one batched program; writes --out NETS.jsonl (see train_expressions).
servant and cubic: 5,000 samples with x ~ U[-1, 1], one 1-8-7-8-1 MLP each. All are trained by plain PyTorch the
way the peer benchmark does (nets stacked [B,in,out], torch.baddbmm, loss = sum_b mean_n (out-y)^2, Adam lr 1e-2,
minibatch 500, PyTorch's default nn.Linear initialisation). servant and cubic write networks.jsonl (the network
file format: weights out x in, as PyTorch's nn.Linear.weight) and truth.jsonl ({"id", "equation"} in the canonical
text of domain's Polynomial).

Run with Debian's interpreter: /usr/bin/python3 (apt-get install -y python3-torch python3-numpy libopenblas0-pthread).
`--self-test` runs the checks that need torch (see self_test); the build does not, as CI has no torch.
"""
import argparse
import json
import math
import os
import sys
import time

for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
    os.environ.setdefault(k, "1")

import numpy as np  # noqa: E402
import torch  # noqa: E402

import peer_expressions as expressions  # noqa: E402

SIZES = [1, 8, 7, 8, 1]
SAMPLES = 5000  # per network, as the project's generator draws
HIDDEN = [8, 7, 8]  # elementary: [n] + HIDDEN + [1]


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


def init_parameters(b, sizes, first_fan_in=None):
    """PyTorch's default nn.Linear initialisation, weights and biases U(-1/sqrt(fan_in), 1/sqrt(fan_in)), stacked
    [B, in, out]. first_fan_in[i] < sizes[0] zero-pads network i's missing inputs: their gradient is exactly 0, so
    Adam keeps them 0 and each network trains as if alone."""
    params = []
    for layer, (fan_in, fan_out) in enumerate(zip(sizes[:-1], sizes[1:])):
        if layer == 0 and first_fan_in is not None:
            bound = (1.0 / torch.tensor(first_fan_in, dtype=torch.float32) ** 0.5).view(b, 1, 1)
            w = torch.empty(b, fan_in, fan_out).uniform_(-1, 1) * bound
            for i, n in enumerate(first_fan_in):
                w[i, n:, :] = 0
            c = torch.empty(b, 1, fan_out).uniform_(-1, 1) * bound
        else:
            bound = 1.0 / fan_in ** 0.5
            w = torch.empty(b, fan_in, fan_out).uniform_(-bound, bound)
            c = torch.empty(b, 1, fan_out).uniform_(-bound, bound)
        params += [w.requires_grad_(), c.requires_grad_()]
    return params


def forward(params, h, act):
    layers = len(params) // 2
    for layer in range(layers):
        h = torch.baddbmm(params[2 * layer + 1], h, params[2 * layer])
        if layer < layers - 1:
            h = act(h)
    return h


def fit(params, xt, yt, steps, activation, minibatch):
    """Adam lr 1e-2 on sum_b mean_n (out-y)^2, one torch.randperm per epoch shared by the stacked networks."""
    act = {"relu": torch.relu, "tanh": torch.tanh}[activation]
    opt = torch.optim.Adam(params, lr=1e-2)
    n = xt.shape[1]
    perm = torch.randperm(n)
    pos = 0
    for _ in range(steps):
        if pos + minibatch > n:
            perm = torch.randperm(n)
            pos = 0
        idx = perm[pos:pos + minibatch]
        pos += minibatch
        loss = ((forward(params, xt[:, idx, :], act) - yt[:, idx, :]) ** 2).mean(dim=(1, 2)).sum()
        opt.zero_grad()
        loss.backward()
        opt.step()


def train(x, y, steps, activation, minibatch, seed):
    torch.manual_seed(seed)
    params = init_parameters(x.shape[0], SIZES)
    fit(params, torch.from_numpy(x).unsqueeze(-1), torch.from_numpy(y).unsqueeze(-1), steps, activation, minibatch)
    return [p.detach().numpy() for p in params]


def read_expressions(path):
    """[(id, text, tree, domain)] from {"id", "expression", "domain"} lines; errors name the line and the field."""
    out, seen = [], set()
    with open(path) as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                ident = record["id"]
                if ident in seen:
                    raise expressions.ExpressionError(f"id: {ident!r} appears twice")
                seen.add(ident)
                domain = expressions.read_domain(record.get("domain"))
                tree = expressions.parse(record["expression"], len(domain))
            except json.JSONDecodeError as e:
                sys.exit(f"peer_networks: {path}:{number}: not one JSON object: {e}")
            except KeyError as e:
                sys.exit(f"peer_networks: {path}:{number}: missing field {e}")
            except expressions.ExpressionError as e:
                sys.exit(f"peer_networks: {path}:{number}: {e}")
            out.append((ident, record["expression"], tree, domain))
    return out


def expression_samples(tree, domain, rng, where):
    """SAMPLES points x ~ U(domain) [SAMPLES, n] and the expression's values there, in float64."""
    x = np.stack([rng.uniform(lo, hi, size=SAMPLES) for lo, hi in domain], axis=1)

    def guard(name, arg):
        if (name == "log" and not np.min(arg) > 0) or (name == "sqrt" and not np.min(arg) >= 0):
            sys.exit(f"peer_networks: {where}: {name} of {np.min(arg):g} on its samples")

    with np.errstate(all="ignore"):
        y = expressions.evaluate(tree, [x[:, j] for j in range(x.shape[1])], np, guard) * np.ones(SAMPLES)
    if not np.all(np.isfinite(y)):
        sys.exit(f"peer_networks: {where}: not finite on {int(np.sum(~np.isfinite(y)))} of its samples")
    return x, y


def train_expressions(a):
    """--seeds networks per expression line, all trained as one batched program (networks of one input are
    zero-padded to the file's widest input, see init_parameters). Writes --out: network file lines
    {"id", "layers", "activation", "weights", "biases", "domain"} ([[lo, hi], ...]; the network file format has
    no other fields); --truth, if given, gets {"id", "equation", "domain", "relativeMse"} lines for
    `bin/w2e eval --truth` (relativeMse: MSE / max(Var y, 0.01) on the 5,000 samples). Prints a JSON summary."""
    jobs = []  # (id, text, domain, x, y)
    for line, (ident, text, tree, domain) in enumerate(read_expressions(a.expressions)):
        for rep in range(a.seeds):
            name = ident if a.seeds == 1 else f"{ident}-s{rep}"
            rng = np.random.default_rng([a.seed, line, rep])
            jobs.append((name, text, domain) + expression_samples(tree, domain, rng, name))
    if not jobs:
        sys.exit(f"peer_networks: {a.expressions}: no expressions")
    b = len(jobs)
    fan_in = [len(job[2]) for job in jobs]
    sizes = [max(fan_in)] + HIDDEN + [1]
    x = np.zeros((b, SAMPLES, sizes[0]), dtype=np.float32)
    for i, job in enumerate(jobs):
        x[i, :, :fan_in[i]] = job[3]
    xt = torch.from_numpy(x)
    yt = torch.from_numpy(np.stack([job[4] for job in jobs]).astype(np.float32)).unsqueeze(-1)
    torch.manual_seed(a.seed)
    params = init_parameters(b, sizes, fan_in)
    start = time.perf_counter()
    fit(params, xt, yt, a.steps, a.activation, 500)
    wall = time.perf_counter() - start
    act = {"relu": torch.relu, "tanh": torch.tanh}[a.activation]
    with torch.no_grad():
        out = forward(params, xt, act).squeeze(-1).double().numpy()
    p = [t.detach().numpy() for t in params]
    padded = [i for i, n in enumerate(fan_in) if np.any(p[0][i][n:] != 0)]
    if padded:  # init_parameters' promise that padding leaves a network alone
        sys.exit(f"peer_networks: padded input weights moved for {[jobs[i][0] for i in padded]}")
    rel = []
    with open(a.out, "w") as nets:
        for i, (name, text, domain, _, y) in enumerate(jobs):
            rel.append(float(np.mean((out[i] - y) ** 2) / max(np.var(y), 0.01)))
            n = fan_in[i]
            weights = [p[0][i][:n].T.tolist()] + [p[2 * k][i].T.tolist() for k in range(1, len(sizes) - 1)]
            biases = [p[2 * k + 1][i][0].tolist() for k in range(len(sizes) - 1)]
            nets.write(json.dumps({"id": name, "layers": [n] + sizes[1:], "activation": a.activation,
                                   "weights": weights, "biases": biases,
                                   "domain": [list(d) for d in domain]}) + "\n")
    if a.truth:
        with open(a.truth, "w") as truth:
            for (name, text, domain, _, _), r in zip(jobs, rel):
                truth.write(json.dumps({"id": name, "equation": text, "domain": [list(d) for d in domain],
                                        "relativeMse": r}) + "\n")
    by_expression = {}
    for (name, text, *_), r in zip(jobs, rel):
        by_expression.setdefault(text, []).append(r)
    print(json.dumps({
        "peer": "elementary", "torch": torch.__version__, "threads": torch.get_num_threads(), "networks": b,
        "steps": a.steps, "activation": a.activation, "wall_s": round(wall, 2),
        "networks_per_s": round(b / wall, 3), "relative_mse": quantiles(rel),
        "median_relative_mse_by_expression": {t: float(np.median(v)) for t, v in by_expression.items()}}))


def quantiles(values):
    v = np.asarray(values)
    return {q: float(np.quantile(v, f)) for q, f in (("min", 0), ("median", 0.5), ("p90", 0.9), ("max", 1))}


def self_test():
    """Checks that need torch (so the build does not run them; peer_expressions.py --self-test needs none): the
    torch translation agrees with math's, and a one-input network zero-padded into a two-input batch trains
    exactly as it does alone. Prints 'N passed, N failed'; returns whether all passed."""
    checks = {}
    xs = [-0.9, -0.2, 0.3, 0.8]
    for text in ("sin(x^2)*cos(x)-1", "log(x+1)+log(x^2+1)", "sqrt(x+1)/(x^2+2)-exp(-x)"):
        tree = expressions.parse(text)
        got = expressions.evaluate(tree, [torch.tensor(xs, dtype=torch.float64)], torch).tolist()
        want = [expressions.evaluate(tree, [v], math) for v in xs]
        checks["torch agrees with math: " + text] = all(abs(g - w) <= 1e-12 for g, w in zip(got, want))

    rng = np.random.default_rng(7)
    x = np.zeros((2, SAMPLES, 2), dtype=np.float32)
    x[0, :, 0] = rng.uniform(-1, 1, SAMPLES)
    x[1] = rng.uniform(-1, 1, (SAMPLES, 2))
    y = np.stack([x[0, :, 0] ** 2, x[1, :, 0] * x[1, :, 1]]).astype(np.float32)[..., None]
    torch.manual_seed(3)
    batch = init_parameters(2, [2] + HIDDEN + [1], [1, 2])
    alone = [t.detach()[:1].clone() for t in batch]
    alone[0] = alone[0][:, :1, :]
    alone = [t.requires_grad_() for t in alone]
    torch.manual_seed(5)
    fit(batch, torch.from_numpy(x), torch.from_numpy(y), 50, "tanh", 500)
    torch.manual_seed(5)  # the same minibatch order
    fit(alone, torch.from_numpy(x[:1, :, :1].copy()), torch.from_numpy(y[:1]), 50, "tanh", 500)
    checks["padded weights stay 0"] = bool(torch.all(batch[0][0, 1:] == 0))
    checks["a padded network trains as alone"] = all(
        torch.equal(b[:1, :1] if k == 0 else b[:1], a) for k, (b, a) in enumerate(zip(batch, alone)))
    failed = [name for name, ok in checks.items() if not ok]
    for name in failed:
        print(f"FAILED: {name}")
    print(f"peer_networks: {len(checks) - len(failed)} passed, {len(failed)} failed")
    return not failed


def main():
    if sys.argv[1:] == ["--self-test"]:
        sys.exit(0 if self_test() else 1)
    ap = argparse.ArgumentParser()
    ap.add_argument("--equations", type=int, default=500)
    ap.add_argument("--steps", type=int, help="training steps (default 1000; elementary: 3000)")
    ap.add_argument("--activation", choices=["relu", "tanh"], help="default relu (elementary: tanh)")
    ap.add_argument("--family", default="servant", choices=sorted(FAMILIES) + ["elementary"])
    ap.add_argument("--seed", type=int, default=4242)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--out-dir", help="servant, cubic: where networks.jsonl and truth.jsonl go")
    ap.add_argument("--expressions", help="elementary: {id, expression, domain} JSON lines")
    ap.add_argument("--seeds", type=int, default=1, help="elementary: networks per expression")
    ap.add_argument("--out", help="elementary: the network lines")
    ap.add_argument("--truth", help="elementary: optional {id, equation, domain} lines")
    ap.add_argument("--threads", type=int, default=1, help="torch intra-op threads")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    if a.family == "elementary":
        if not a.expressions or not a.out:
            ap.error("--family elementary needs --expressions FILE and --out FILE")
        if a.seeds < 1:
            ap.error(f"--seeds must be at least 1, was {a.seeds}")
        a.steps = 3000 if a.steps is None else a.steps
        a.activation = a.activation or "tanh"
        train_expressions(a)
        return
    if not a.out_dir:
        ap.error(f"--family {a.family} needs --out-dir")
    a.steps = 1000 if a.steps is None else a.steps
    a.activation = a.activation or "relu"
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
