#!/usr/bin/python3
"""The same instances as solver-bench.c, solved with
scipy.optimize.linear_sum_assignment (Debian's python3-scipy), on the
slot-expanded matrix when mentors have several places. Prints one JSON line
with the total, the pairs made and the time of the solver call alone."""

import json
import resource
import sys
import time

import numpy as np
from scipy.optimize import linear_sum_assignment

MASK = (1 << 64) - 1
state = 0x9E3779B97F4A7C15


def draw(count):
    """count numbers of the xorshift64 generator, as solver-bench.c draws them."""
    global state
    out = np.empty(count, dtype=np.uint64)
    s = state
    for i in range(count):
        s ^= (s << 13) & MASK
        s ^= s >> 7
        s ^= (s << 17) & MASK
        out[i] = s
    state = s
    return out


def main():
    kind = sys.argv[1]
    if kind == "dense":
        n = int(sys.argv[2])
        scores = (draw(n * n) % 1000000).astype(np.float64).reshape(n, n)
        cost = scores
    else:
        rows, cols = int(sys.argv[2]), int(sys.argv[3])
        forbid = int(sys.argv[-1])
        if kind == "spare":
            caps = (1 + draw(cols) % 4).astype(np.int64)
        else:
            caps = np.full(cols, int(sys.argv[4]), dtype=np.int64)
        x = draw(rows * cols).reshape(rows, cols)
        allowed = (x % 100) >= forbid
        scores = ((x >> np.uint64(8)) % 1000000).astype(np.float64)
        # Forbidden pairs can never be chosen: a very low score.
        scores[~allowed] = -1e12
        cost = np.repeat(scores, caps, axis=1)

    start = time.perf_counter()
    row, col = linear_sum_assignment(cost, maximize=True)
    seconds = time.perf_counter() - start
    chosen = cost[row, col]
    ok = chosen > -1e11
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"total": int(chosen[ok].sum()), "matched": int(ok.sum()),
                      "seconds": round(seconds, 4), "peak_mb": round(peak)}))


if __name__ == "__main__":
    main()
