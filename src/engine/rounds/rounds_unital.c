/* 7-4-9 by construction: the Hermitian unital of order 3, the 28 points of PG(2,9) on the curve
 * x^4 + y^4 + z^4 = 0, whose 63 secant lines meet it in 4 points each: a 2-(28,4,1) design.
 * It is resolvable; a short exact-cover search over its blocks finds 9 parallel classes of 7,
 * which are the 9 rounds of 7 tables of 4 (the bound for 28 people). */
#include "engine/rounds/rounds.h"
#include "engine/rounds/rounds_gf.h"

#include <stdlib.h>
#include <string.h>

#define UN_POINTS    28
#define UN_BLOCKS    63
#define UN_CLASSES   9
#define UN_PER_CLASS 7

struct unital {
    int block[UN_BLOCKS][4];
    unsigned int mask[UN_BLOCKS]; /* the block's points as bits */
    int used[UN_BLOCKS];
    int cls[UN_BLOCKS]; /* parallel class of each block */
    long budget;        /* search nodes left */
};

static int power(const struct rounds_gf *f, int a, int e)
{
    int r = 1;
    while (e-- > 0)
        r = f->mul[r][a];
    return r;
}

/* Normalised triples of PG(2,9): first non-zero coordinate 1. */
static int projective_points(int (*pts)[3])
{
    int n = 0;
    for (int x = 0; x < 9; x++)
        for (int y = 0; y < 9; y++)
            for (int z = 0; z < 9; z++) {
                int lead = x ? x : y ? y : z;
                if (lead == 1) {
                    pts[n][0] = x, pts[n][1] = y, pts[n][2] = z;
                    n++;
                }
            }
    return n; /* 91 */
}

/* Completes class C from block FROM on with K blocks chosen and COVER points covered; then the
 * next class. Returns 1 when all classes are found. */
static int fill(struct unital *u, int c, int k, unsigned int cover)
{
    if (--u->budget < 0)
        return 0;
    if (k == UN_PER_CLASS) {
        if (c + 1 == UN_CLASSES)
            return 1;
        return fill(u, c + 1, 0, 0);
    }
    /* The lowest uncovered point must be in some block of this class: branch on those. */
    int pt = 0;
    while (cover & (1u << pt))
        pt++;
    for (int b = 0; b < UN_BLOCKS; b++) {
        if (u->used[b] || (u->mask[b] & cover) || !(u->mask[b] & (1u << pt)))
            continue;
        u->used[b] = 1;
        u->cls[b] = c;
        if (fill(u, c, k + 1, cover | u->mask[b]))
            return 1;
        u->used[b] = 0;
    }
    return 0;
}

int rounds_construct_unital(int w, int *table)
{
    if (w < 1 || w > UN_CLASSES)
        return -1;
    struct rounds_gf *f = malloc(sizeof *f);
    struct unital *u = calloc(1, sizeof *u);
    int(*pts)[3] = malloc(91 * sizeof *pts);
    int rc = -1;
    if (!f || !u || !pts || rounds_gf_init(f, 9) != 0)
        goto out;
    int np = projective_points(pts);
    int on[UN_POINTS], m = 0;
    for (int i = 0; i < np && m <= UN_POINTS; i++) {
        int s =
            f->add[f->add[power(f, pts[i][0], 4)][power(f, pts[i][1], 4)]][power(f, pts[i][2], 4)];
        if (s == 0) {
            if (m == UN_POINTS)
                goto out;
            on[m++] = i;
        }
    }
    if (m != UN_POINTS)
        goto out;
    int nb = 0;
    for (int l = 0; l < np; l++) {
        int got[UN_POINTS], k = 0;
        for (int j = 0; j < UN_POINTS; j++) {
            const int *P = pts[on[j]], *L = pts[l];
            int s = f->add[f->add[f->mul[L[0]][P[0]]][f->mul[L[1]][P[1]]]][f->mul[L[2]][P[2]]];
            if (s == 0)
                got[k++] = j;
        }
        if (k == 4) {
            if (nb == UN_BLOCKS)
                goto out;
            memcpy(u->block[nb], got, sizeof u->block[nb]);
            u->mask[nb] = (1u << got[0]) | (1u << got[1]) | (1u << got[2]) | (1u << got[3]);
            nb++;
        }
    }
    if (nb != UN_BLOCKS)
        goto out;
    u->budget = 50000000;
    if (!fill(u, 0, 0, 0))
        goto out;
    for (int c = 0; c < w; c++) {
        int t = 0;
        for (int b = 0; b < UN_BLOCKS; b++)
            if (u->cls[b] == c) {
                for (int j = 0; j < 4; j++)
                    table[c * UN_POINTS + u->block[b][j]] = t;
                t++;
            }
    }
    rc = 0;
out:
    free(f);
    free(u);
    free(pts);
    return rc;
}
