/* Building TF-IDF vectors from texts: a vocabulary of stems and surface forms, document
 * frequencies, and unit-length sparse vectors. */
#include "engine/themes/corpus_internal.h"

#include "core/strbuf.h"
#include "engine/themes/text.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A string-to-id map with open addressing; ids index a growing array of owned strings. */
struct intern {
    size_t *slots; /* id + 1, 0 when empty */
    size_t nslots;
    char **strings;
    size_t count;
    size_t cap;
};

static uint64_t hash(const char *s)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

static int intern_grow(struct intern *m)
{
    size_t n = m->nslots ? m->nslots * 2 : 1024;
    size_t *slots = calloc(n, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t id = 0; id < m->count; id++) {
        size_t k = hash(m->strings[id]) & (n - 1);
        while (slots[k])
            k = (k + 1) & (n - 1);
        slots[k] = id + 1;
    }
    free(m->slots);
    m->slots = slots;
    m->nslots = n;
    return 0;
}

/* Returns the id of S, adding a copy when new; (size_t)-1 when out of memory. */
static size_t intern_id(struct intern *m, const char *s)
{
    if ((m->count + 1) * 2 > m->nslots && intern_grow(m) != 0)
        return (size_t)-1;
    size_t k = hash(s) & (m->nslots - 1);
    while (m->slots[k]) {
        if (strcmp(m->strings[m->slots[k] - 1], s) == 0)
            return m->slots[k] - 1;
        k = (k + 1) & (m->nslots - 1);
    }
    if (m->count == m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 256;
        char **n = realloc(m->strings, cap * sizeof *n);
        if (!n)
            return (size_t)-1;
        m->strings = n;
        m->cap = cap;
    }
    char *copy = strdup(s);
    if (!copy)
        return (size_t)-1;
    m->strings[m->count] = copy;
    m->slots[k] = m->count + 1;
    return m->count++;
}

static int compare_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

/* Fills DOC's occurrences from TERMS and its term list with raw counts in WEIGHTS. */
static int doc_from_terms(struct themes_corpus *c, struct intern *stems, struct intern *surf,
                          const struct text_terms *terms, struct corpus_doc *doc)
{
    size_t n = terms->count;
    doc->occ_term = malloc((n ? n : 1) * sizeof *doc->occ_term);
    doc->occ_surface = malloc((n ? n : 1) * sizeof *doc->occ_surface);
    size_t *sorted = malloc((n ? n : 1) * sizeof *sorted);
    if (!doc->occ_term || !doc->occ_surface || !sorted)
        goto oom;
    for (size_t i = 0; i < n; i++) {
        size_t t = intern_id(stems, terms->items[i].stem);
        size_t s = intern_id(surf, terms->items[i].surface);
        if (t == (size_t)-1 || s == (size_t)-1)
            goto oom;
        doc->occ_term[i] = sorted[i] = t;
        doc->occ_surface[i] = s;
    }
    doc->nocc = n;
    qsort(sorted, n, sizeof *sorted, compare_size);
    doc->terms = malloc((n ? n : 1) * sizeof *doc->terms);
    doc->weights = malloc((n ? n : 1) * sizeof *doc->weights);
    if (!doc->terms || !doc->weights)
        goto oom;
    for (size_t i = 0; i < n; i++) {
        if (doc->nterms && doc->terms[doc->nterms - 1] == sorted[i]) {
            doc->weights[doc->nterms - 1] += 1;
            continue;
        }
        doc->terms[doc->nterms] = sorted[i];
        doc->weights[doc->nterms++] = 1;
    }
    free(sorted);
    (void)c;
    return 0;
oom:
    free(sorted);
    return -1;
}

int themes_corpus_build(const char *const *texts, size_t n, const char *language,
                        struct themes_corpus **out, char **err)
{
    *out = NULL;
    *err = NULL;
    if (n > THEMES_MAX_TEXTS) {
        *err =
            str_printf("%zu texts is more than the %d one clustering takes", n, THEMES_MAX_TEXTS);
        return -1;
    }
    struct text_analyser *a = text_analyser_new(language);
    if (!a) {
        *err = str_printf("'%s' is not a language setwork can stem; use a Snowball name such as "
                          "english, french, german, spanish or dutch",
                          language ? language : "");
        return -1;
    }
    struct themes_corpus *c = calloc(1, sizeof *c);
    struct intern stems = {0}, surf = {0};
    struct text_terms terms = {0};
    size_t *df = NULL;
    if (!c || !(c->docs = calloc(n ? n : 1, sizeof *c->docs)))
        goto oom;
    c->ndocs = n;
    for (size_t i = 0; i < n; i++) {
        const char *t = texts[i] ? texts[i] : "";
        if (text_analyse(a, t, strlen(t), &terms) != 0 ||
            doc_from_terms(c, &stems, &surf, &terms, &c->docs[i]) != 0)
            goto oom;
        text_terms_free(&terms);
    }
    c->nterms = stems.count;
    c->stems = stems.strings;
    stems.strings = NULL;
    c->nsurfaces = surf.count;
    c->surfaces = surf.strings;
    surf.strings = NULL;
    df = calloc(c->nterms ? c->nterms : 1, sizeof *df);
    c->weight_sum = calloc(c->nterms ? c->nterms : 1, sizeof *c->weight_sum);
    if (!df || !c->weight_sum)
        goto oom;
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k < c->docs[i].nterms; k++)
            df[c->docs[i].terms[k]]++;
    }
    for (size_t i = 0; i < n; i++) {
        struct corpus_doc *d = &c->docs[i];
        double norm = 0;
        for (size_t k = 0; k < d->nterms; k++) {
            double idf = log((1.0 + (double)n) / (1.0 + (double)df[d->terms[k]])) + 1.0;
            d->weights[k] = (1.0 + log(d->weights[k])) * idf;
            norm += d->weights[k] * d->weights[k];
        }
        norm = sqrt(norm);
        for (size_t k = 0; k < d->nterms; k++) {
            d->weights[k] = norm > 0 ? d->weights[k] / norm : 0;
            c->weight_sum[d->terms[k]] += d->weights[k];
        }
    }
    free(df);
    free(stems.slots);
    free(surf.slots);
    text_analyser_free(a);
    *out = c;
    return 0;
oom:
    *err = str_printf("out of memory");
    text_terms_free(&terms);
    for (size_t i = 0; i < stems.count && stems.strings; i++)
        free(stems.strings[i]);
    for (size_t i = 0; i < surf.count && surf.strings; i++)
        free(surf.strings[i]);
    free(stems.strings);
    free(surf.strings);
    free(stems.slots);
    free(surf.slots);
    free(df);
    text_analyser_free(a);
    themes_corpus_free(c);
    return -1;
}

void themes_corpus_free(struct themes_corpus *c)
{
    if (!c)
        return;
    for (size_t i = 0; c->docs && i < c->ndocs; i++) {
        free(c->docs[i].terms);
        free(c->docs[i].weights);
        free(c->docs[i].occ_term);
        free(c->docs[i].occ_surface);
    }
    free(c->docs);
    for (size_t i = 0; c->stems && i < c->nterms; i++)
        free(c->stems[i]);
    free(c->stems);
    for (size_t i = 0; c->surfaces && i < c->nsurfaces; i++)
        free(c->surfaces[i]);
    free(c->surfaces);
    free(c->weight_sum);
    free(c);
}

double themes_similarity(const struct themes_corpus *c, size_t a, size_t b)
{
    const struct corpus_doc *x = &c->docs[a], *y = &c->docs[b];
    double dot = 0;
    size_t i = 0, j = 0;
    while (i < x->nterms && j < y->nterms) {
        if (x->terms[i] == y->terms[j])
            dot += x->weights[i++] * y->weights[j++];
        else if (x->terms[i] < y->terms[j])
            i++;
        else
            j++;
    }
    return dot > 1 ? 1 : dot;
}
