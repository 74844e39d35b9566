/* Pair scores for cohorts and the upper bound that certifies how close a plan is to optimal. */
#include "engine/formation/score.h"

#include <stdlib.h>
#include <string.h>

double form_default_weight(const char *name)
{
    static const struct {
        const char *name;
        double w;
    } defaults[] = {
        {"organisation", FORM_WEIGHT_ORGANISATION},
        {"department", FORM_WEIGHT_DEPARTMENT},
        {"location", FORM_WEIGHT_LOCATION},
        {"role", FORM_WEIGHT_ROLE},
        {"grade", FORM_WEIGHT_GRADE},
        {"gender", FORM_WEIGHT_GENDER},
    };
    for (size_t t = 0; t < sizeof defaults / sizeof defaults[0]; t++) {
        if (strcmp(name, defaults[t].name) == 0)
            return defaults[t].w;
    }
    return FORM_WEIGHT_CUSTOM;
}

void form_score_matrix(const struct form_scoring *sc, double *d)
{
    size_t n = (size_t)sc->n, k = (size_t)sc->k;
    for (size_t i = 0; i < n; i++) {
        const int *ci = sc->code + i * k;
        d[i * n + i] = 0;
        for (size_t j = i + 1; j < n; j++) {
            const int *cj = sc->code + j * k;
            double s = sc->w_new;
            for (size_t c = 0; c < k; c++)
                s += sc->weight[c] * (ci[c] != cj[c]);
            d[i * n + j] = s;
            d[j * n + i] = s;
        }
    }
    for (int t = 0; t < sc->known_count; t++) {
        size_t a = (size_t)sc->known[t].a, b = (size_t)sc->known[t].b;
        double w = sc->known[t].weight;
        if (a == b)
            continue;
        /* The weights of one pair add up to at most 1: never below the attribute part. */
        double floor = 0;
        for (size_t c = 0; c < (size_t)sc->k; c++)
            floor += sc->weight[c] *
                     (sc->code[a * (size_t)sc->k + c] != sc->code[b * (size_t)sc->k + c]);
        double v = d[a * n + b] - sc->w_new * w;
        if (v < floor)
            v = floor;
        d[a * n + b] = v;
        d[b * n + a] = v;
    }
    for (int t = 0; t < sc->similar_count; t++) {
        size_t a = (size_t)sc->similar[t].a, b = (size_t)sc->similar[t].b;
        if (a == b)
            continue;
        d[a * n + b] += sc->w_similar * sc->similar[t].weight;
        d[b * n + a] = d[a * n + b];
    }
}

static double pairs(long s)
{
    return (double)s * (double)(s - 1) / 2;
}

static int cmp_desc(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x < y) - (x > y);
}

/* The most same-set pairs any sizing allows, P = max sum_g C(s_g, 2).
 * With one shared range [A, B] for every set, a convex sum is largest at a vertex of the size
 * polytope: as many sets at B as the total allows, one set with the rest, the others at A; that
 * is exact (and covers fixed sizes, A = B). With per-set ranges we drop the minimums (a
 * relaxation, so still an upper bound): filling the largest maximums first is then optimal,
 * because moving a person from a smaller set to a larger one never lowers a convex sum. */
static int max_pairs(int n, int m, const int *lo, const int *hi, double *out)
{
    int shared = 1;
    for (int g = 1; g < m; g++)
        shared = shared && lo[g] == lo[0] && hi[g] == hi[0];
    if (shared) {
        long a = lo[0], b = hi[0], extra = n - (long)m * a;
        double p = 0;
        for (int g = 0; g < m; g++) {
            long room = b - a, take = extra < room ? extra : room;
            if (take < 0)
                take = 0;
            p += pairs(a + take);
            extra -= take;
        }
        *out = p;
        return 0;
    }
    int *caps = malloc(sizeof(int) * (size_t)m);
    if (!caps)
        return -1;
    memcpy(caps, hi, sizeof(int) * (size_t)m);
    qsort(caps, (size_t)m, sizeof(int), cmp_desc);
    long left = n;
    double p = 0;
    for (int g = 0; g < m && left > 0; g++) {
        long take = caps[g] < left ? caps[g] : left;
        p += pairs(take);
        left -= take;
    }
    free(caps);
    *out = p;
    return 0;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

int form_score_bound(const struct form_scoring *sc, int m, const int *lo, const int *hi, double *ub)
{
    /* f = sum_k w_k (P - S_k) + w_new (P - known pairs together), where S_k is the number of
     * same-set pairs who share their value on attribute k. Whatever the sizes, a value held by
     * N people spread over m sets gives at least the pairs of an even split (C(x, 2) is convex),
     * so S_k >= sum_v even_split(N_kv, m). Known pairs together are at least 0. Both bounds
     * hold for every sizing, so f <= (W + w_new) P_max - sum_k w_k sum_v even_split. */
    double p;
    if (max_pairs(sc->n, m, lo, hi, &p) != 0)
        return -1;
    double w = sc->w_new;
    for (int c = 0; c < sc->k; c++)
        w += sc->weight[c];
    double bound = w * p;
    int *col = malloc(sizeof(int) * ((size_t)sc->n + 1));
    if (!col)
        return -1;
    for (int c = 0; c < sc->k; c++) {
        for (int i = 0; i < sc->n; i++)
            col[i] = sc->code[(size_t)i * (size_t)sc->k + (size_t)c];
        qsort(col, (size_t)sc->n, sizeof(int), cmp_int);
        double same = 0;
        for (int i = 0; i < sc->n;) {
            int j = i;
            while (j < sc->n && col[j] == col[i])
                j++;
            long count = j - i, q = count / m, r = count % m;
            same += (double)r * pairs(q + 1) + (double)(m - r) * pairs(q);
            i = j;
        }
        bound -= sc->weight[c] * same;
    }
    free(col);
    /* Similar-challenge bonuses: at most every such pair in one set. */
    for (int t = 0; t < sc->similar_count; t++)
        bound += sc->w_similar * sc->similar[t].weight;
    *ub = bound;
    return 0;
}
