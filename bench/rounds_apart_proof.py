#!/usr/bin/env python3
"""The proof that a complete schedule with one keep-apart pair repeats at least 2(q - 1) pairs
for q = 3, 4 and 5 (src/engine/rounds/rounds_lower.c uses it), finished by a SAT solver.

A complete schedule: q^2 people, q + 1 rounds of q tables of q, no pair meeting three times.
Two rounds are orthogonal when every table of one meets every table of the other in one person;
two rounds that are not repeat at least 2 pairs (rounds_lower.c, complete()), and a repeated
pair belongs to one pair of rounds only. Let G be the graph on the rounds whose edges are the
pairs of rounds that are not orthogonal, so the repeats number at least 2 |E(G)|.
  - If q rounds are pairwise orthogonal (G has a vertex cover of one round, or none), they
    complete to an affine plane and the last round must split the plane's line through the
    keep-apart pair: at least 2(q - 1) repeats, and that many suffice (rounds_lower.c).
  - Otherwise every vertex cover of G has two rounds or more, and fewer than 2(q - 1) repeats
    leave G at most q - 2 edges.
So the bound holds when no graph with at most q - 2 edges on q + 1 rounds and no vertex cover of
one round carries a schedule with at most 2q - 3 repeats in which only the pairs of rounds of
its edges share a pair. This script lists those graphs up to isomorphism and writes, for each,
that question as a CNF; the solver answers UNSATISFIABLE for every one (bench/rounds_apart_proof.sh).

Symmetry fixed in the encoding: round 0 seats person i at table i / q; the keep-apart pair is
persons 0 and q (not at one table in round 0; an isolated round of G, if any, is round 0). A
round orthogonal to round 0 seats one person of each table of round 0 at each of its tables,
so person i < q can name table i in it, and the people of each table of round 0 can be named
after their tables in the first such round.

usage: rounds_apart_proof.py Q           lists the graphs, one per line ("1-2,3-4")
       rounds_apart_proof.py Q EDGES K   prints the CNF: at most K repeats, G = EDGES
       rounds_apart_proof.py Q - K       the same with every pair of rounds allowed (a check:
                                          for K = 2(q - 1) it must be satisfiable)
"""
import itertools
import sys


def graphs(q):
    """Graphs on q + 1 rounds with at most q - 2 edges and no vertex cover of one round, one per
    isomorphism class, relabelled so that round 0 is isolated when some round is."""
    v = q + 1
    pairs = list(itertools.combinations(range(v), 2))
    seen, out = set(), []
    for m in range(1, q - 1):
        for edges in itertools.combinations(pairs, m):
            if any(all(r in e for e in edges) for r in range(v)):
                continue  # one round covers every edge (a star): the first case
            canon = min(tuple(sorted(tuple(sorted((p[a], p[b]))) for a, b in edges))
                        for p in itertools.permutations(range(v)))
            if canon in seen:
                continue
            seen.add(canon)
            used = {r for e in canon for r in e}
            iso = [r for r in range(v) if r not in used]
            if iso and iso[0] != 0:  # name an isolated round 0
                swap = {0: iso[0], iso[0]: 0}
                canon = tuple(sorted(tuple(sorted((swap.get(a, a), swap.get(b, b))))
                                     for a, b in canon))
            out.append(canon)
    return out


class Cnf:
    def __init__(self):
        self.vars, self.clauses = 0, []

    def new(self):
        self.vars += 1
        return self.vars

    def add(self, *lits):
        self.clauses.append(lits)

    def at_most(self, lits, k):
        """Sinz's sequential counter: at most K of LITS are true."""
        s = [[self.new() for _ in range(k)] for _ in lits]
        for i, x in enumerate(lits):
            self.add(-x, s[i][0])
            if i:
                for j in range(k):
                    self.add(-s[i - 1][j], s[i][j])
                for j in range(1, k):
                    self.add(-x, -s[i - 1][j - 1], s[i][j])
                self.add(-x, -s[i - 1][k - 1])

    def write(self, out):
        out.write("p cnf %d %d\n" % (self.vars, len(self.clauses)))
        for c in self.clauses:
            out.write(" ".join(map(str, c)) + " 0\n")


def encode(q, edges, k):
    """At most K repeats; when EDGES is not None only its pairs of rounds share a pair."""
    w, n = q + 1, q * q
    f = Cnf()
    seat = {(i, r, t): f.new() for i in range(n) for r in range(w) for t in range(q)}
    for i in range(n):
        for r in range(w):
            f.add(*[seat[i, r, t] for t in range(q)])
            for t, u in itertools.combinations(range(q), 2):
                f.add(-seat[i, r, t], -seat[i, r, u])
    # The rounds orthogonal to round 0 seat one person of each table of round 0 at each table.
    ortho = [r for r in range(1, w) if edges is not None and (0, r) not in edges]
    for r in range(1, w):
        if r not in ortho:  # otherwise one person per table of round 0 bounds the tables
            for t in range(q):
                f.at_most([seat[i, r, t] for i in range(n)], q)
    for i in range(n):
        f.add(seat[i, 0, i // q])
    for r in range(1, w):
        if r in ortho:  # person i < q names table i
            for i in range(q):
                f.add(seat[i, r, i])
        else:
            f.add(seat[0, r, 0])
    if ortho:
        # Renaming the people within a table of round 0 (other than the keep-apart pair) changes
        # nothing else: in the first round orthogonal to round 0, table j holds the j-th person
        # of each of the tables 2.. of round 0, and the rest of table 1 sits in increasing order.
        r = ortho[0]
        for blk in range(2, q):
            for j in range(q):
                f.add(seat[blk * q + j, r, j])
        for i in range(q + 1, 2 * q - 1):
            for t in range(q):
                for u in range(t + 1):
                    f.add(-seat[i, r, u], -seat[i + 1, r, t])
    meet = {}
    for i, j in itertools.combinations(range(n), 2):
        for r in range(w):
            m = meet[i, j, r] = f.new()
            for t in range(q):  # m is true exactly when i and j share a table in round r
                f.add(-seat[i, r, t], -seat[j, r, t], m)
                f.add(-m, -seat[i, r, t], seat[j, r, t])
    for r in range(w):
        f.add(-meet[0, q, r])  # the keep-apart pair
    allowed = list(itertools.combinations(range(w), 2)) if edges is None else edges
    repeats = []
    for i, j in itertools.combinations(range(n), 2):
        for r, s in itertools.combinations(range(w), 2):
            if (r, s) not in allowed:
                f.add(-meet[i, j, r], -meet[i, j, s])
        for r, s, u in itertools.combinations(range(w), 3):
            f.add(-meet[i, j, r], -meet[i, j, s], -meet[i, j, u])
        rep = f.new()
        for r, s in allowed:
            f.add(-meet[i, j, r], -meet[i, j, s], rep)
        repeats.append(rep)
    f.at_most(repeats, k)
    return f


def main():
    q = int(sys.argv[1])
    if len(sys.argv) == 2:
        for g in graphs(q):
            print(",".join("%d-%d" % e for e in g))
        return
    spec, k = sys.argv[2], int(sys.argv[3])
    edges = None if spec == "-" else [tuple(map(int, e.split("-"))) for e in spec.split(",")]
    encode(q, edges, k).write(sys.stdout)


if __name__ == "__main__":
    main()
