/* Finds the base rounds that src/engine/rounds/rounds_cyclic.c develops into perfect schedules.
 *
 * People are the points (x, row) for x in Z_m and row < k, plus f fixed points; a base round is
 * a partition of them into tables of p, and round i (0 <= i < m) adds i to every x. A pair of
 * people in one row at distance d meets once over the m rounds for each base table holding a
 * pair of that row at distance +-d (twice for d = m/2, which is therefore never allowed); two
 * people of rows a < b meet once for each base table holding a pair (y, a), (y + d, b); a fixed
 * point meets every point of a row once for each point of that row at its table. So the m rounds
 * are perfect exactly when each of these difference classes is used at most once: a small
 * problem (one round instead of m) that a min-conflicts tabu search solves in milliseconds.
 * With B base rounds the schedule has B*m rounds and the classes are shared by all of them.
 *
 * usage: bench_rounds_cyclic M K F P B [SEED [RESTARTS [ITERATIONS]]]
 *   7 3 3 4 1     6-4-7     (found at once)      10 4 0 4 1   10-4-10 (at once)
 *   4 4 2 3 2     6-3-8     (at once)            8 2 2 3 1    6-3-8 single base: none exists
 *   10 3 2 4 1    8-4-10: stalls at one class used twice (hence the stored table instead)
 * With TWIST set in the environment, the F fixed points cycle under +1 instead of staying put.
 * Prints the base rounds as a C initialiser, point (x, row) as row*M + x, fixed point j as
 * K*M + j, and each restart's best count of overused classes on stderr. Exits 1 when nothing
 * is found. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXPT 128

#define MAXBASE 8

static int m, k, f, p, n, g, nb, twist;
static int blks[MAXBASE][MAXPT];    /* block of each point in each base round */
static int members[MAXBASE][MAXPT]; /* points block after block: member[b*p + j] */
static int *blk, *member;           /* the base round being changed */
static int cls_count[MAXPT * MAXPT];
static unsigned long long rng = 88172645463325252ULL;

static unsigned long long rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* The difference class of a pair of points, and its capacity (0 or 1). */
static int pair_class(int u, int v, int *cap)
{
    if (u > v) {
        int t = u;
        u = v;
        v = t;
    }
    *cap = 1;
    if (u >= k * m) { /* two fixed points would meet in every round */
        *cap = 0;
        return 0;
    }
    int a = u / m, x = u % m;
    if (v >= k * m && twist) /* the fixed points cycle: class (row, x - j mod f) */
        return 1 + a * f + ((x - (v - k * m)) % f + f) % f;
    if (v >= k * m) /* fixed point j meets row a */
        return 1 + (v - k * m) * k + a;
    int b = v / m, y = v % m;
    int base = 1 + f * k;
    if (a == b) {
        int d = (y - x + m) % m;
        if (2 * d > m)
            d = m - d;
        if (2 * d == m)
            *cap = 0;
        return base + a * m + d;
    }
    base += k * m;
    return base + (a * k + b) * m + (y - x + m) % m;
}

static int over(int c, int cap, int delta)
{
    /* the change of max(0, count - cap) when class c's count moves by delta */
    int before = cls_count[c] - cap, after = cls_count[c] + delta - cap;
    return (after > 0 ? after : 0) - (before > 0 ? before : 0);
}

static int add_point(int pt, int b, int sign, int apply)
{
    int d = 0;
    for (int j = 0; j < p; j++) {
        int q = member[b * p + j];
        if (q < 0 || q == pt)
            continue;
        int cap, c = pair_class(pt, q, &cap);
        d += over(c, cap, sign);
        if (apply)
            cls_count[c] += sign;
    }
    return d;
}

static int total_cost(void)
{
    int c = 0;
    static int cnt[MAXPT * MAXPT];
    memset(cnt, 0, sizeof cnt);
    for (int r = 0; r < nb; r++)
        for (int b = 0; b < g; b++)
            for (int i = 0; i < p; i++)
                for (int j = i + 1; j < p; j++) {
                    int cap, cl = pair_class(members[r][b * p + i], members[r][b * p + j], &cap);
                    cnt[cl]++;
                    if (cnt[cl] > cap)
                        c++;
                }
    return c;
}

/* Cost change of swapping points U and V (in different blocks). */
static int swap_delta(int u, int v, int apply)
{
    int bu = blk[u], bv = blk[v], pu = -1, pv = -1, d = 0;
    for (int j = 0; j < p; j++) {
        if (member[bu * p + j] == u)
            pu = j;
        if (member[bv * p + j] == v)
            pv = j;
    }
    d += add_point(u, bu, -1, 1);
    d += add_point(v, bv, -1, 1);
    member[bu * p + pu] = -1;
    member[bv * p + pv] = -1;
    d += add_point(v, bu, 1, 1);
    d += add_point(u, bv, 1, 1);
    member[bu * p + pu] = v;
    member[bv * p + pv] = u;
    blk[u] = bv;
    blk[v] = bu;
    if (!apply)
        swap_delta(v, u, 1); /* swapping back restores the counts exactly */
    return d;
}

int main(int argc, char **argv)
{
    if (argc < 6) {
        fprintf(stderr, "usage: %s M K F P B [SEED [RESTARTS [ITERATIONS]]]\n", argv[0]);
        return 2;
    }
    m = atoi(argv[1]), k = atoi(argv[2]), f = atoi(argv[3]), p = atoi(argv[4]);
    nb = atoi(argv[5]);
    twist = getenv("TWIST") != NULL;
    if (argc > 6)
        rng += strtoull(argv[6], NULL, 10) * 0x9E3779B97F4A7C15ULL;
    long restarts = argc > 7 ? atol(argv[7]) : 100, iterations = argc > 8 ? atol(argv[8]) : 50000;
    n = k * m + f;
    if (m < 2 || k < 1 || f < 0 || p < 2 || n > MAXPT || n % p != 0 || nb < 1 || nb > MAXBASE ||
        1 + f * k + k * m + k * k * m >= MAXPT * MAXPT) {
        fprintf(stderr, "bad sizes\n");
        return 2;
    }
    g = n / p;
    static long tabu[MAXBASE][MAXPT][MAXPT];
    for (long restart = 0; restart < restarts; restart++) {
        memset(cls_count, 0, sizeof cls_count);
        memset(tabu, 0, sizeof tabu);
        for (int r = 0; r < nb; r++) {
            int perm[MAXPT];
            for (int i = 0; i < n; i++)
                perm[i] = i;
            for (int i = n - 1; i > 0; i--) {
                int j = (int)(rnd() % (unsigned)(i + 1)), t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
            for (int i = 0; i < n; i++) {
                members[r][i] = perm[i];
                blks[r][perm[i]] = i / p;
            }
            for (int b = 0; b < g; b++)
                for (int i = 0; i < p; i++)
                    for (int j = i + 1; j < p; j++) {
                        int cap;
                        cls_count[pair_class(perm[b * p + i], perm[b * p + j], &cap)]++;
                    }
        }
        int cost = total_cost(), best = cost;
        for (long it = 0; it < iterations && cost > 0; it++) {
            int br = -1, bu = -1, bv = -1, bd = 1 << 30, ties = 0;
            for (int r = 0; r < nb; r++) {
                blk = blks[r], member = members[r];
                for (int u = 0; u < n; u++)
                    for (int v = u + 1; v < n; v++) {
                        if (blk[u] == blk[v])
                            continue;
                        int d = swap_delta(u, v, 0);
                        if (tabu[r][u][v] > it && cost + d >= best)
                            continue;
                        if (d < bd) {
                            bd = d, br = r, bu = u, bv = v, ties = 1;
                        } else if (d == bd && rnd() % (unsigned)++ties == 0) {
                            br = r, bu = u, bv = v;
                        }
                    }
            }
            if (bu < 0)
                break;
            blk = blks[br], member = members[br];
            swap_delta(bu, bv, 1);
            cost += bd;
            tabu[br][bu][bv] = it + 3 + (long)(rnd() % 10);
            if (cost < best)
                best = cost;
        }
        fprintf(stderr, "restart %ld: best %d\n", restart, best);
        if (cost == 0 && total_cost() == 0) {
            printf("/* base rounds over Z_%d x %d + %d fixed, tables of %d (restart %ld) */\n{", m,
                   k, f, p, restart);
            for (int r = 0; r < nb; r++)
                for (int b = 0; b < g; b++)
                    for (int j = 0; j < p; j++)
                        printf("%d%s", members[r][b * p + j],
                               r == nb - 1 && b == g - 1 && j == p - 1 ? "}\n"
                               : j == p - 1                            ? ",\n "
                                                                       : ", ");
            return 0;
        }
    }
    fprintf(stderr, "no base round found\n");
    return 1;
}
