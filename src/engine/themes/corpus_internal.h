/* The corpus's inner shape, shared by corpus.c, cluster.c and label.c only. */
#ifndef SETWORK_ENGINE_THEMES_CORPUS_INTERNAL_H
#define SETWORK_ENGINE_THEMES_CORPUS_INTERNAL_H

#include "engine/themes/themes.h"

/* One text: its unit-length TF-IDF vector (term ids ascending) and every word occurrence as
 * (term, surface form) for labels. */
struct corpus_doc {
    size_t nterms;
    size_t *terms;
    double *weights;
    size_t nocc;
    size_t *occ_term;
    size_t *occ_surface;
};

struct themes_corpus {
    size_t ndocs;
    struct corpus_doc *docs;
    size_t nterms;
    char **stems;       /* by term id */
    double *weight_sum; /* by term id: sum of the term's weight over every text */
    size_t nsurfaces;
    char **surfaces; /* by surface id */
};

#endif
