/* Average-linkage agglomerative clustering over a similarity matrix, with each row's best
 * neighbour cached so that a run costs about n^2 rather than n^3; ties go to the lowest index,
 * which makes the result deterministic. */
#include "engine/themes/corpus_internal.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

struct agglo {
    size_t n;
    float *sim; /* n*n, symmetric; rows of merged-away clusters are dead */
    size_t *size;
    size_t *best;
    size_t *parent;
    bool *active;
};

#define SIM(g, i, j) ((g)->sim[(i) * (g)->n + (j)])

static void find_best(struct agglo *g, size_t i)
{
    size_t best = (size_t)-1;
    for (size_t j = 0; j < g->n; j++) {
        if (j == i || !g->active[j])
            continue;
        if (best == (size_t)-1 || SIM(g, i, j) > SIM(g, i, best))
            best = j;
    }
    g->best[i] = best;
}

/* Merges until TARGET clusters remain or the best average similarity is below THRESHOLD. */
static void agglomerate(struct agglo *g, double threshold, size_t target)
{
    size_t clusters = g->n;
    for (size_t i = 0; i < g->n; i++)
        find_best(g, i);
    while (clusters > target && clusters > 1) {
        size_t i = (size_t)-1;
        for (size_t k = 0; k < g->n; k++) {
            if (!g->active[k] || g->best[k] == (size_t)-1)
                continue;
            if (i == (size_t)-1 || SIM(g, k, g->best[k]) > SIM(g, i, g->best[i]))
                i = k;
        }
        if (i == (size_t)-1 || SIM(g, i, g->best[i]) < threshold)
            break;
        size_t a = i < g->best[i] ? i : g->best[i];
        size_t b = i < g->best[i] ? g->best[i] : i;
        double na = (double)g->size[a], nb = (double)g->size[b];
        for (size_t k = 0; k < g->n; k++) {
            if (!g->active[k] || k == a || k == b)
                continue;
            float s = (float)((na * SIM(g, a, k) + nb * SIM(g, b, k)) / (na + nb));
            SIM(g, a, k) = SIM(g, k, a) = s;
        }
        g->size[a] += g->size[b];
        g->active[b] = false;
        g->parent[b] = a;
        clusters--;
        find_best(g, a);
        for (size_t k = 0; k < g->n; k++) {
            if (!g->active[k] || k == a)
                continue;
            if (g->best[k] == a || g->best[k] == b)
                find_best(g, k);
            else if (SIM(g, k, a) > SIM(g, k, g->best[k]) ||
                     (SIM(g, k, a) == SIM(g, k, g->best[k]) && a < g->best[k]))
                g->best[k] = a;
        }
    }
}

static size_t root(const struct agglo *g, size_t i)
{
    while (g->parent[i] != i)
        i = g->parent[i];
    return i;
}

static void agglo_free(struct agglo *g)
{
    free(g->sim);
    free(g->size);
    free(g->best);
    free(g->parent);
    free(g->active);
}

/* Prepares clustering of the N texts IDX (indices into C). */
static int agglo_init(struct agglo *g, const struct themes_corpus *c, const size_t *idx, size_t n)
{
    memset(g, 0, sizeof *g);
    g->n = n;
    g->sim = malloc((n ? n * n : 1) * sizeof *g->sim);
    g->size = malloc((n ? n : 1) * sizeof *g->size);
    g->best = malloc((n ? n : 1) * sizeof *g->best);
    g->parent = malloc((n ? n : 1) * sizeof *g->parent);
    g->active = malloc((n ? n : 1) * sizeof *g->active);
    if (!g->sim || !g->size || !g->best || !g->parent || !g->active) {
        agglo_free(g);
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        g->size[i] = 1;
        g->parent[i] = i;
        g->active[i] = true;
        SIM(g, i, i) = 1;
        for (size_t j = i + 1; j < n; j++)
            SIM(g, i, j) = SIM(g, j, i) = (float)themes_similarity(c, idx[i], idx[j]);
    }
    return 0;
}

struct order {
    size_t root;
    size_t size;
    size_t first;
};

static int compare_order(const void *x, const void *y)
{
    const struct order *a = x, *b = y;
    if (a->size != b->size)
        return a->size > b->size ? -1 : 1;
    return a->first < b->first ? -1 : a->first > b->first;
}

int themes_cluster(const struct themes_corpus *c, const struct themes_options *opt,
                   struct themes_result *out)
{
    memset(out, 0, sizeof *out);
    size_t n = c->ndocs;
    size_t min_size = opt->min_size < 2 ? 2 : opt->min_size;
    size_t words = opt->label_words ? opt->label_words : THEMES_LABEL_WORDS;
    struct agglo g;
    size_t *idx = calloc(n ? n : 1, sizeof *idx);
    struct order *ord = calloc(n ? n : 1, sizeof *ord);
    out->assignment = malloc((n ? n : 1) * sizeof *out->assignment);
    out->texts = n;
    if (!idx || !ord || !out->assignment)
        goto oom;
    for (size_t i = 0; i < n; i++)
        idx[i] = i;
    if (agglo_init(&g, c, idx, n) != 0)
        goto oom;
    agglomerate(&g, opt->threshold, 1);
    /* ord[r] describes the cluster rooted at r; the first member is the smallest index. */
    for (size_t i = 0; i < n; i++) {
        size_t r = root(&g, i);
        if (ord[r].size++ == 0)
            ord[r].first = i;
        ord[r].root = r;
    }
    qsort(ord, n, sizeof *ord, compare_order);
    size_t nthemes = 0;
    while (nthemes < n && ord[nthemes].size >= min_size)
        nthemes++;
    out->themes = calloc(nthemes ? nthemes : 1, sizeof *out->themes);
    if (!out->themes)
        goto oom_g;
    for (size_t i = 0; i < n; i++)
        out->assignment[i] = -1;
    for (size_t t = 0; t < nthemes; t++) {
        struct theme_cluster *th = &out->themes[t];
        th->members = malloc(ord[t].size * sizeof *th->members);
        if (!th->members)
            goto oom_g;
        out->count = t + 1;
        for (size_t i = 0; i < n; i++) {
            if (root(&g, i) == ord[t].root) {
                th->members[th->count++] = i;
                out->assignment[i] = (long)t;
            }
        }
        th->label = themes_label(c, th->members, th->count, words);
        if (!th->label)
            goto oom_g;
    }
    agglo_free(&g);
    free(idx);
    free(ord);
    return 0;
oom_g:
    agglo_free(&g);
oom:
    free(idx);
    free(ord);
    themes_result_free(out);
    return -1;
}

void themes_result_free(struct themes_result *r)
{
    for (size_t t = 0; r->themes && t < r->count; t++) {
        free(r->themes[t].members);
        free(r->themes[t].label);
    }
    free(r->themes);
    free(r->assignment);
    memset(r, 0, sizeof *r);
}

int themes_split(const struct themes_corpus *c, const size_t *members, size_t n, size_t **a,
                 size_t *na, size_t **b, size_t *nb)
{
    *a = *b = NULL;
    *na = *nb = 0;
    if (n < 2)
        return 1;
    struct agglo g;
    if (agglo_init(&g, c, members, n) != 0)
        return -1;
    /* No threshold: a split always gives two groups, however alike the texts are. */
    agglomerate(&g, -1.0, 2);
    size_t r0 = root(&g, 0);
    size_t count0 = 0;
    for (size_t i = 0; i < n; i++)
        count0 += root(&g, i) == r0;
    size_t *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y);
    if (!x || !y) {
        free(x);
        free(y);
        agglo_free(&g);
        return -1;
    }
    /* The group holding member 0 goes first unless the other one is larger. */
    bool zero_first = count0 >= n - count0;
    size_t nx = 0, ny = 0;
    for (size_t i = 0; i < n; i++) {
        bool in0 = root(&g, i) == r0;
        if (in0 == zero_first)
            x[nx++] = members[i];
        else
            y[ny++] = members[i];
    }
    agglo_free(&g);
    *a = x;
    *na = nx;
    *b = y;
    *nb = ny;
    return 0;
}
