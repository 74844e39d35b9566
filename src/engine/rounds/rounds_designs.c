/* Perfect schedules that the general constructions miss, kept as data.
 *
 * Most are cyclic: people are the points (x, row), x in Z_m, plus a few fixed points, and the
 * rounds are a base round developed mod m (round i adds i to every x). Such a development is
 * perfect exactly when every "difference class" of pairs is used at most once by the base
 * round, a problem m times smaller than the schedule; bench/rounds_cyclic.c finds the base
 * rounds below in milliseconds (10-6-7 and 10-5-9 in seconds) and explains the classes. 8-4-10 is
 * stored in full: five parallel classes of GF(2)^5 (cosets of five disjoint 2-dimensional
 * subspaces) completed by five rounds from the local search, as bench/rounds_spread.c regenerates.
 * Every table here is checked by rounds_check in tests/unit/test_rounds_designs.c. */
#include "engine/rounds/rounds.h"

#include <stddef.h>

struct cyclic_design {
    int people, size, rounds;
    int m, rows, fixed, bases; /* points (x, row) as row*m + x, then the fixed points */
    const signed char *base;   /* bases base rounds of people/size tables, table after table */
    const char *method;
};

/* 5-3-7 (15 people, the bound): Kirkman's schoolgirls, a KTS(15) over Z_7 x 2 plus 1 fixed
 * point, one base round developed mod 7. */
static const signed char base_5_3_7[] = {13, 0, 2, 12, 4, 3, 1, 5, 8, 11, 14, 6, 7, 9, 10};

/* 6-3-8 (18 people, the bound): Z_4 x 4 plus 2 fixed points, two base rounds developed mod 4.
 * A nearly Kirkman triple system NKTS(18); the single-base form over Z_8 x 2 + 2 does not
 * exist (an exhaustive search over its difference classes found none). */
static const signed char base_6_3_8[] = {
    7, 0, 15, 17, 8, 3,  1,  14, 11, 5,  9,  10, 2, 6, 12, 16, 4,  13, /* base round 1 */
    0, 3, 5,  1,  8, 16, 10, 2,  14, 15, 17, 4,  7, 6, 9,  12, 11, 13, /* base round 2 */
};

/* 6-4-7 (24 people, the bound): Z_7 x 3 plus 3 fixed points, one base round developed mod 7.
 * Each person misses two others (the three fixed points miss each other). */
static const signed char base_6_4_7[] = {
    9, 12, 5, 11, 15, 0, 22, 10, 1, 14, 3, 4, 20, 19, 13, 17, 21, 18, 6, 8, 7, 16, 2, 23,
};

/* 10-4-10 (40 people, bound 13): Z_10 x 4, one base round developed mod 10. */
static const signed char base_10_4_10[] = {
    34, 17, 1,  23, 20, 5,  30, 4,  36, 7, 35, 28, 16, 39, 14, 2,  18, 29, 0,  19,
    8,  25, 21, 22, 11, 15, 24, 33, 10, 9, 27, 31, 37, 3,  6,  13, 38, 26, 32, 12,
};

/* 10-4-12 (40 people, bound 13): Z_12 x 3 plus 4 fixed points, one base round mod 12. */
static const signed char base_10_4_12[] = {
    11, 27, 29, 10, 3,  26, 17, 37, 16, 8,  30, 38, 32, 24, 25, 0,  28, 13, 31, 18,
    1,  12, 22, 5,  21, 6,  33, 36, 14, 15, 34, 23, 35, 39, 9,  19, 2,  4,  20, 7,
};

/* 8-3-11, 10-3-14 (nearly Kirkman triple systems NKTS(24), NKTS(30)) and 9-4-11 (36 people,
 * each missing two others), all at the bound: Z_11 x 2 + 2, Z_14 x 2 + 2 and Z_11 x 3 + 3,
 * one base round each. */
static const signed char base_8_3_11[] = {
    18, 1, 22, 13, 21, 15, 8, 4, 3, 20, 23, 10, 11, 6, 9, 19, 12, 0, 16, 2, 17, 5, 7, 14,
};
static const signed char base_10_3_14[] = {
    0, 1, 18, 29, 19, 3,  22, 25, 13, 17, 26, 16, 8,  12, 23,
    9, 6, 11, 28, 2,  21, 20, 7,  14, 27, 15, 5,  10, 24, 4,
};
static const signed char base_9_4_11[] = {
    25, 30, 17, 6,  32, 31, 16, 28, 23, 9,  34, 12, 1,  29, 3, 7,  10, 33,
    15, 22, 35, 24, 14, 4,  18, 13, 0,  27, 19, 2,  11, 21, 5, 26, 8,  20,
};

/* 7-3-10 (21 people, the bound): Kirkman triple system KTS(21) over Z_5 x 4 plus 1 fixed
 * point, two base rounds developed mod 5. */
static const signed char base_7_3_10[] = {
    3,  2,  19, 6,  4, 1,  17, 20, 11, 0,  18, 10, 7, 14, 12, 8, 15, 16, 9, 13, 5,  /* 1 */
    10, 19, 9,  14, 1, 16, 12, 0,  11, 15, 6,  17, 3, 20, 7,  2, 5,  8,  4, 18, 13, /* 2 */
};

/* 10-6-7 (60 people) and 10-5-9 (50 people), for mixers of 60 at tables of 6 and 50 at tables
 * of 5 (issue 17: no general construction covers them; a resolvable TD(6,10) or TD(5,10) would
 * need more mutually orthogonal Latin squares of order 10 than are known): Z_7 x 8 plus 4 fixed
 * points and Z_9 x 5 plus 5 fixed points, one base round each, found by the cyclic search of
 * rounds_cyclic.c (seed 1) and checked by rounds_check in tests/unit/test_rounds_designs.c. */
static const signed char base_10_6_7[] = {
    6,  15, 30, 37, 55, 58, 2,  7,  9,  42, 46, 54, 1,  18, 26, 34, 35, 59, 10, 32,
    38, 41, 48, 51, 5,  11, 16, 25, 47, 57, 0,  14, 20, 24, 39, 43, 4,  8,  12, 19,
    29, 31, 21, 23, 27, 33, 44, 53, 17, 28, 40, 45, 49, 52, 3,  13, 22, 36, 50, 56,
};
static const signed char base_10_5_9[] = {
    6,  25, 28, 44, 45, 2,  26, 31, 39, 49, 4,  10, 34, 43, 48, 5,  15,
    33, 38, 46, 23, 27, 29, 30, 40, 17, 22, 36, 37, 42, 11, 13, 16, 24,
    32, 0,  3,  8,  12, 35, 1,  9,  18, 19, 21, 7,  14, 20, 41, 47,
};

static const struct cyclic_design designs[] = {
    {15, 3, 7, 7, 2, 1, 1, base_5_3_7, "construction: Kirkman triple system KTS(15), mod 7"},
    {18, 3, 8, 4, 4, 2, 2, base_6_3_8, "construction: NKTS(18), two base rounds mod 4"},
    {24, 4, 7, 7, 3, 3, 1, base_6_4_7, "construction: base round developed mod 7"},
    {40, 4, 10, 10, 4, 0, 1, base_10_4_10, "construction: base round developed mod 10"},
    {40, 4, 12, 12, 3, 4, 1, base_10_4_12, "construction: base round developed mod 12"},
    {21, 3, 10, 5, 4, 1, 2, base_7_3_10, "construction: KTS(21), two base rounds mod 5"},
    {24, 3, 11, 11, 2, 2, 1, base_8_3_11, "construction: NKTS(24), base round mod 11"},
    {30, 3, 14, 14, 2, 2, 1, base_10_3_14, "construction: NKTS(30), base round mod 14"},
    {36, 4, 11, 11, 3, 3, 1, base_9_4_11, "construction: base round developed mod 11"},
    {60, 6, 7, 7, 8, 4, 1, base_10_6_7, "construction: base round developed mod 7, stored"},
    {50, 5, 9, 9, 5, 5, 1, base_10_5_9, "construction: base round developed mod 9, stored"},
};

/* 8-4-10: table of each of the 32 people in each round. Rounds 1-5 are the cosets of the
 * subspaces <6,11>, <4,8>, <7,19>, <5,18>, <14,16> of GF(2)^5 (person i is the vector i, + is
 * XOR); rounds 6-10 cover the remaining pairs, every pair but {x, x^e} for one e exactly once. */
static const signed char golf_8_4_10[10][32] = {
    {0, 1, 2, 3, 2, 3, 0, 1, 3, 2, 1, 0, 1, 0, 3, 2,
     4, 5, 6, 7, 6, 7, 4, 5, 7, 6, 5, 4, 5, 4, 7, 6},
    {0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3,
     4, 5, 6, 7, 4, 5, 6, 7, 4, 5, 6, 7, 4, 5, 6, 7},
    {0, 1, 2, 3, 3, 2, 1, 0, 4, 5, 6, 7, 7, 6, 5, 4,
     3, 2, 1, 0, 0, 1, 2, 3, 7, 6, 5, 4, 4, 5, 6, 7},
    {0, 1, 2, 3, 1, 0, 3, 2, 4, 5, 6, 7, 5, 4, 7, 6,
     2, 3, 0, 1, 3, 2, 1, 0, 6, 7, 4, 5, 7, 6, 5, 4},
    {0, 1, 2, 3, 4, 5, 6, 7, 6, 7, 4, 5, 2, 3, 0, 1,
     0, 1, 2, 3, 4, 5, 6, 7, 6, 7, 4, 5, 2, 3, 0, 1},
    {2, 3, 1, 4, 6, 7, 5, 0, 0, 5, 7, 6, 4, 1, 3, 2,
     5, 0, 6, 7, 3, 2, 4, 1, 1, 4, 2, 3, 7, 6, 0, 5},
    {5, 6, 5, 6, 7, 1, 7, 1, 2, 2, 0, 0, 3, 3, 4, 4,
     0, 0, 2, 2, 3, 3, 4, 4, 6, 5, 6, 5, 7, 1, 7, 1},
    {5, 2, 3, 7, 0, 6, 1, 4, 3, 5, 7, 2, 6, 4, 0, 1,
     6, 5, 7, 1, 3, 0, 4, 2, 5, 1, 6, 7, 4, 3, 2, 0},
    {1, 0, 6, 4, 2, 5, 7, 3, 0, 4, 1, 6, 7, 2, 3, 5,
     0, 2, 3, 6, 5, 4, 1, 7, 3, 0, 6, 2, 4, 7, 5, 1},
    {0, 0, 7, 7, 5, 5, 2, 2, 3, 1, 3, 1, 4, 6, 4, 6,
     6, 4, 6, 4, 1, 3, 1, 3, 5, 5, 2, 2, 0, 0, 7, 7},
};

static void develop(const struct cyclic_design *d, int w, int *table)
{
    int n = d->people, g = n / d->size;
    for (int r = 0; r < w; r++) {
        int b = r / d->m, shift = r % d->m;
        const signed char *base = d->base + (size_t)b * n;
        for (int t = 0; t < g; t++)
            for (int j = 0; j < d->size; j++) {
                int q = base[t * d->size + j];
                if (q < d->rows * d->m)
                    q = (q / d->m) * d->m + (q % d->m + shift) % d->m;
                table[(size_t)r * n + q] = t;
            }
    }
}

int rounds_construct_known(int n, int p, int w, int *table, const char **method)
{
    if (w < 1)
        return -1;
    if (n == 32 && p == 4 && w <= 10) {
        for (int r = 0; r < w; r++)
            for (int i = 0; i < n; i++)
                table[r * n + i] = golf_8_4_10[r][i];
        *method = "construction: 5 parallel classes of GF(2)^5 completed to 10 rounds, stored";
        return 0;
    }
    for (size_t k = 0; k < sizeof designs / sizeof designs[0]; k++) {
        const struct cyclic_design *d = &designs[k];
        if (d->people == n && d->size == p && w <= d->rounds && d->rounds <= d->m * d->bases) {
            develop(d, w, table);
            *method = d->method;
            return 0;
        }
    }
    return -1;
}
