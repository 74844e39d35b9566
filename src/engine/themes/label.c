/* Theme labels from characteristic words, and the adjusted Rand index used to measure how well
 * themes recover a known grouping. */
#include "engine/themes/corpus_internal.h"

#include "core/strbuf.h"

#include <stdlib.h>
#include <string.h>

struct scored {
    size_t term;
    double score;
    const char *stem; /* ties are broken by stem, so the order never depends on term ids */
};

static int compare_scored(const void *x, const void *y)
{
    const struct scored *a = x, *b = y;
    if (a->score != b->score)
        return a->score > b->score ? -1 : 1;
    return strcmp(a->stem, b->stem);
}

/* The most frequent surface form of TERM within MEMBERS; ties go to the shorter, then the
 * alphabetically first. */
static const char *surface_of(const struct themes_corpus *c, const size_t *members, size_t n,
                              size_t term, size_t *counts)
{
    size_t best = (size_t)-1;
    for (size_t m = 0; m < n; m++) {
        const struct corpus_doc *d = &c->docs[members[m]];
        for (size_t k = 0; k < d->nocc; k++) {
            if (d->occ_term[k] == term)
                counts[d->occ_surface[k]]++;
        }
    }
    for (size_t m = 0; m < n; m++) {
        const struct corpus_doc *d = &c->docs[members[m]];
        for (size_t k = 0; k < d->nocc; k++) {
            if (d->occ_term[k] != term)
                continue;
            size_t s = d->occ_surface[k];
            if (best == (size_t)-1 || counts[s] > counts[best])
                best = s;
            else if (counts[s] == counts[best] && s != best) {
                size_t ls = strlen(c->surfaces[s]), lb = strlen(c->surfaces[best]);
                if (ls < lb || (ls == lb && strcmp(c->surfaces[s], c->surfaces[best]) < 0))
                    best = s;
            }
        }
    }
    for (size_t m = 0; m < n; m++) { /* reset for the next term */
        const struct corpus_doc *d = &c->docs[members[m]];
        for (size_t k = 0; k < d->nocc; k++)
            counts[d->occ_surface[k]] = 0;
    }
    return best == (size_t)-1 ? c->stems[term] : c->surfaces[best];
}

char *themes_label(const struct themes_corpus *c, const size_t *members, size_t n, size_t words)
{
    double *in = calloc(c->nterms ? c->nterms : 1, sizeof *in);
    struct scored *sc = malloc((c->nterms ? c->nterms : 1) * sizeof *sc);
    size_t *counts = calloc(c->nsurfaces ? c->nsurfaces : 1, sizeof *counts);
    struct strbuf sb = {0};
    char *label = NULL;
    if (!in || !sc || !counts)
        goto done;
    for (size_t m = 0; m < n; m++) {
        const struct corpus_doc *d = &c->docs[members[m]];
        for (size_t k = 0; k < d->nterms; k++)
            in[d->terms[k]] += d->weights[k];
    }
    size_t nsc = 0;
    size_t rest = c->ndocs > n ? c->ndocs - n : 0;
    for (size_t t = 0; t < c->nterms; t++) {
        if (in[t] <= 0)
            continue;
        double mean_in = in[t] / (double)n;
        double mean_out = rest ? (c->weight_sum[t] - in[t]) / (double)rest : 0;
        if (mean_in - mean_out > 0)
            sc[nsc++] = (struct scored){t, mean_in - mean_out, c->stems[t]};
    }
    qsort(sc, nsc, sizeof *sc, compare_scored);
    sb_append(&sb, "");
    for (size_t i = 0; i < nsc && i < words; i++) {
        if (i)
            sb_append(&sb, ", ");
        sb_append(&sb, surface_of(c, members, n, sc[i].term, counts));
    }
    label = sb_take(&sb);
done:
    sb_free(&sb);
    free(in);
    free(sc);
    free(counts);
    return label;
}

double themes_adjusted_rand(const long *a, const long *b, size_t n)
{
    if (n < 2)
        return 0;
    /* Pair counting: same-in-both, same-in-a, same-in-b; -1 never pairs with anything. */
    double both = 0, in_a = 0, in_b = 0;
    for (size_t i = 0; i < n; i++) {
        for (size_t j = i + 1; j < n; j++) {
            int sa = a[i] >= 0 && a[i] == a[j];
            int sb2 = b[i] >= 0 && b[i] == b[j];
            both += sa && sb2;
            in_a += sa;
            in_b += sb2;
        }
    }
    double pairs = (double)n * (double)(n - 1) / 2;
    double expected = in_a * in_b / pairs;
    double max = (in_a + in_b) / 2;
    if (max == expected)
        return 1;
    return (both - expected) / (max - expected);
}
