#!/usr/bin/env python3
"""The expression syntax of issue 13 in Python, for the PyTorch peer: a tokeniser and a recursive-descent parser
into a small tree, and an evaluator over any backend (math on floats, numpy, torch) that maps each node to one
whitelisted operation. No text is ever passed to eval.

Syntax: numbers (3, 2.5), variables x (one input) or x1, x2 (two inputs), binary + - * /, unary minus, integer
powers ^2..^6, sin( ) cos( ) exp( ) log( ) sqrt( ) (log is natural), parentheses, no spaces.

  python3 peer_expressions.py --self-test        # the translator's own tests (standard library only)
  python3 peer_expressions.py --check FILE.jsonl  # every {"id", "expression", "domain"} line parses and is
                                                  # defined and finite on a grid of its domain
"""
import json
import math
import re
import sys

FUNCTIONS = ("sin", "cos", "exp", "log", "sqrt")
MIN_POWER, MAX_POWER = 2, 6
DOMAIN_LIMIT = 5.0  # every input's domain lies inside [-5, 5]
TOKEN = re.compile(r"\d+(?:\.\d+)?|x[12]?|[a-z]+|[-+*/^()]")


class ExpressionError(ValueError):
    """A parse or domain error; the message names the position or the field."""


def tokenise(text):
    """[(kind, value, position)], kind one of num, var, fn, op; errors name the position (0-based)."""
    tokens, pos = [], 0
    while pos < len(text):
        m = TOKEN.match(text, pos)
        if not m:
            raise ExpressionError(f"position {pos}: unexpected character {text[pos]!r} in {text!r}")
        word = m.group()
        if word[0].isdigit():
            tokens.append(("num", float(word), pos))
        elif word[0] == "x" and len(word) <= 2:
            tokens.append(("var", word, pos))
        elif word.isalpha():
            if word not in FUNCTIONS:
                raise ExpressionError(f"position {pos}: unknown function {word!r}, expected one of {FUNCTIONS}")
            tokens.append(("fn", word, pos))
        else:
            tokens.append(("op", word, pos))
        pos = m.end()
    return tokens


def parse(text, inputs=1):
    """Text -> tree of tuples: ("num", v) ("var", j) ("neg", a) ("add"|"sub"|"mul"|"div", a, b) ("pow", a, k)
    ("fn", name, a). One input reads x; two inputs read x1 and x2."""
    if inputs not in (1, 2):
        raise ExpressionError(f"domain: 1 or 2 inputs, was {inputs}")
    if not text:
        raise ExpressionError("position 0: empty expression")
    names = {"x": 0} if inputs == 1 else {"x1": 0, "x2": 1}
    parser = _Parser(text, tokenise(text), names)
    tree = parser.sum()
    if parser.i < len(parser.tokens):
        parser.fail("unexpected " + repr(parser.tokens[parser.i][1]))
    return tree


class _Parser:
    def __init__(self, text, tokens, names):
        self.text, self.tokens, self.names, self.i = text, tokens, names, 0

    def fail(self, what):
        pos = self.tokens[self.i][2] if self.i < len(self.tokens) else len(self.text)
        raise ExpressionError(f"position {pos}: {what} in {self.text!r}")

    def peek(self, value):
        return self.i < len(self.tokens) and self.tokens[self.i][0] == "op" and self.tokens[self.i][1] == value

    def expect(self, value):
        if not self.peek(value):
            self.fail(f"expected {value!r}")
        self.i += 1

    def sum(self):
        tree = self.product()
        while self.peek("+") or self.peek("-"):
            op = "add" if self.tokens[self.i][1] == "+" else "sub"
            self.i += 1
            tree = (op, tree, self.product())
        return tree

    def product(self):
        tree = self.unary()
        while self.peek("*") or self.peek("/"):
            op = "mul" if self.tokens[self.i][1] == "*" else "div"
            self.i += 1
            tree = (op, tree, self.unary())
        return tree

    def unary(self):
        if self.peek("-"):
            self.i += 1
            return ("neg", self.unary())
        return self.power()

    def power(self):
        tree = self.atom()
        if self.peek("^"):
            self.i += 1
            if self.i >= len(self.tokens) or self.tokens[self.i][0] != "num":
                self.fail(f"expected a whole exponent {MIN_POWER}..{MAX_POWER} after '^'")
            k = self.tokens[self.i][1]
            if k != int(k) or not MIN_POWER <= k <= MAX_POWER:
                self.fail(f"exponent must be a whole number {MIN_POWER}..{MAX_POWER}, was {k:g}")
            self.i += 1
            tree = ("pow", tree, int(k))
        return tree

    def atom(self):
        if self.i >= len(self.tokens):
            self.fail("expected a number, variable, function or '('")
        kind, value, _ = self.tokens[self.i]
        if kind == "num":
            self.i += 1
            return ("num", value)
        if kind == "var":
            if value not in self.names:
                self.fail(f"variable {value!r} is not an input here (inputs: {', '.join(self.names)})")
            self.i += 1
            return ("var", self.names[value])
        if kind == "fn":
            self.i += 1
            self.expect("(")
            arg = self.sum()
            self.expect(")")
            return ("fn", value, arg)
        if self.peek("("):
            self.i += 1
            tree = self.sum()
            self.expect(")")
            return tree
        self.fail("unexpected " + repr(value))


def evaluate(tree, columns, ops, guard=None):
    """The tree's value; columns[j] is input j (floats, numpy arrays or torch tensors), ops supplies the five
    functions by name (the math, numpy or torch module). guard(name, argument) sees every log and sqrt argument."""
    kind = tree[0]
    if kind == "num":
        return tree[1]
    if kind == "var":
        return columns[tree[1]]
    if kind == "neg":
        return -evaluate(tree[1], columns, ops, guard)
    if kind == "pow":
        return evaluate(tree[1], columns, ops, guard) ** tree[2]
    if kind == "fn":
        arg = evaluate(tree[2], columns, ops, guard)
        if guard is not None and tree[1] in ("log", "sqrt"):
            guard(tree[1], arg)
        return getattr(ops, tree[1])(arg)
    a = evaluate(tree[1], columns, ops, guard)
    b = evaluate(tree[2], columns, ops, guard)
    if kind == "add":
        return a + b
    if kind == "sub":
        return a - b
    if kind == "mul":
        return a * b
    return a / b


def read_domain(value):
    """The "domain" field -> [(lo, hi)], [-1, 1] for one input when absent or empty; errors name the field."""
    if value is None or value == []:
        return [(-1.0, 1.0)]
    if not isinstance(value, list) or not 1 <= len(value) <= 2:
        raise ExpressionError(f"domain: 1 or 2 intervals [lo, hi], was {value!r}")
    out = []
    for j, interval in enumerate(value):
        if not isinstance(interval, list) or len(interval) != 2:
            raise ExpressionError(f"domain[{j}]: an interval [lo, hi], was {interval!r}")
        lo, hi = float(interval[0]), float(interval[1])
        if not (-DOMAIN_LIMIT <= lo < hi <= DOMAIN_LIMIT):
            raise ExpressionError(f"domain[{j}]: lo < hi inside [-{DOMAIN_LIMIT:g}, {DOMAIN_LIMIT:g}], "
                                  f"was [{lo:g}, {hi:g}]")
        out.append((lo, hi))
    return out


def check_defined(tree, domain, points=201):
    """Raises unless the tree is finite on a grid of the domain (ends included), with every log argument > 0
    and every sqrt argument >= 0 (sqrt is defined at 0: Nguyen-8 is sqrt(x) on [0, 4])."""
    axes = [[lo + (hi - lo) * i / (points - 1) for i in range(points)] for lo, hi in domain]
    grid = [[a] for a in axes[0]] if len(axes) == 1 else [[a, b] for a in axes[0] for b in axes[1]]

    def guard(name, arg):
        if (name == "log" and not arg > 0) or (name == "sqrt" and not arg >= 0):
            raise ExpressionError(f"{name} of {arg:g} at {point} (its argument must be "
                                  f"{'positive' if name == 'log' else 'non-negative'} on the domain)")

    for point in grid:
        try:
            value = evaluate(tree, point, math, guard)
        except (ZeroDivisionError, OverflowError) as e:
            raise ExpressionError(f"undefined at {point}: {e}") from None
        if not math.isfinite(value):
            raise ExpressionError(f"not finite at {point}: {value}")


def check_file(path):
    """Every line of an expressions file parses and is defined on its domain; returns the line count."""
    with open(path) as f:
        lines = [line for line in f if line.strip()]
    for number, line in enumerate(lines, 1):
        record = json.loads(line)
        try:
            domain = read_domain(record.get("domain"))
            check_defined(parse(record["expression"], len(domain)), domain)
        except ExpressionError as e:
            raise ExpressionError(f"{path}:{number} ({record.get('id')}): {e}") from None
    return len(lines)


def self_test():
    """The translator's own checks; prints 'N passed, N failed' and returns whether all passed."""
    def value(text, *xs):
        return evaluate(parse(text, len(xs)), list(xs), math)

    def close(a, b):
        return abs(a - b) <= 1e-12 * max(1.0, abs(b))

    def refuses(text, inputs, fragment):
        try:
            parse(text, inputs)
        except ExpressionError as e:
            return fragment in str(e)
        return False

    def undefined(text, domain, fragment):
        try:
            check_defined(parse(text, len(domain)), domain)
        except ExpressionError as e:
            return fragment in str(e)
        return False

    x, y = 0.7, -0.3
    checks = {
        "precedence": close(value("1+2*x^2", x), 1 + 2 * x * x),
        "left-assoc minus": close(value("x-1-2", x), x - 3),
        "left-assoc divide": close(value("1/2/x", x), 0.5 / x),
        "unary minus below power": close(value("-x^2", x), -(x * x)),
        "negative literal": close(value("-2.5*x", x), -2.5 * x),
        "nguyen-5": close(value("sin(x^2)*cos(x)-1", x), math.sin(x * x) * math.cos(x) - 1),
        "nguyen-7": close(value("log(x+1)+log(x^2+1)", x), math.log(x + 1) + math.log(x * x + 1)),
        "power of a group": close(value("(x+1)^3", x), (x + 1) ** 3),
        "two inputs": close(value("2*sin(x1)*cos(x2)", x, y), 2 * math.sin(x) * math.cos(y)),
        "exp sqrt": close(value("exp(x)+sqrt(x)", x), math.exp(x) + math.sqrt(x)),
        "error names position": refuses("x+*2", 1, "position 2"),
        "unclosed paren": refuses("sin(x", 1, "position 5: expected ')'"),
        "exponent 7 refused": refuses("x^7", 1, "position 2: exponent must be a whole number 2..6"),
        "exponent 1 refused": refuses("x^1", 1, "2..6"),
        "fractional exponent refused": refuses("x^2.5", 1, "2..6"),
        "unknown function": refuses("tan(x)", 1, "position 0: unknown function 'tan'"),
        "spaces refused": refuses("x + 1", 1, "position 1: unexpected character ' '"),
        "x2 in one input": refuses("x+x2", 1, "position 2: variable 'x2' is not an input"),
        "x in two inputs": refuses("x1*x", 2, "position 3: variable 'x' is not an input"),
        "trailing token": refuses("x)", 1, "position 1: unexpected ')'"),
        "empty": refuses("", 1, "position 0"),
        "log of non-positive refused": undefined("log(x)", [(-1.0, 1.0)], "log of -1"),
        "sqrt of negative refused": undefined("sqrt(x-1)", [(0.0, 4.0)], "sqrt of -1"),
        "sqrt at 0 allowed": not undefined("sqrt(x)", [(0.0, 4.0)], ""),
        "division by zero refused": undefined("1/x", [(-1.0, 1.0)], "undefined at [0.0]"),
        "domain default": read_domain(None) == [(-1.0, 1.0)] and read_domain([]) == [(-1.0, 1.0)],
        "domain limit": _raises(lambda: read_domain([[-6, 1]]), "domain[0]: lo < hi inside [-5, 5]"),
        "domain order": _raises(lambda: read_domain([[0, 1], [2, 1]]), "domain[1]"),
    }
    failed = [name for name, ok in checks.items() if not ok]
    for name in failed:
        print(f"FAILED: {name}")
    print(f"peer_expressions: {len(checks) - len(failed)} passed, {len(failed)} failed")
    return not failed


def _raises(action, fragment):
    try:
        action()
    except ExpressionError as e:
        return fragment in str(e)
    return False


if __name__ == "__main__":
    if sys.argv[1:] == ["--self-test"]:
        sys.exit(0 if self_test() else 1)
    if len(sys.argv) == 3 and sys.argv[1] == "--check":
        try:
            print(f"peer_expressions: {check_file(sys.argv[2])} expressions defined on their domains")
        except ExpressionError as e:
            sys.exit(f"peer_expressions: {e}")
        sys.exit(0)
    sys.exit(__doc__)
