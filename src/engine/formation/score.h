/* The pair score of set formation for cohorts, and its provable upper bound. A pair scores
 * sum_k w_k [they differ on attribute k] + w_new [they do not already know each other]. */
#ifndef SETWORK_ENGINE_FORMATION_SCORE_H
#define SETWORK_ENGINE_FORMATION_SCORE_H

/* Default weights, chosen so that meeting someone from another organisation counts most, then
 * another department, then someone new; location, role and grade add a little, gender half that
 * (it is better guarded by the --no-isolate rule than by mixing alone). Custom columns: 1. */
#define FORM_WEIGHT_ORGANISATION 3.0
#define FORM_WEIGHT_DEPARTMENT   2.0
#define FORM_WEIGHT_LOCATION     1.0
#define FORM_WEIGHT_ROLE         1.0
#define FORM_WEIGHT_GRADE        1.0
#define FORM_WEIGHT_GENDER       0.5
#define FORM_WEIGHT_CUSTOM       1.0
#define FORM_WEIGHT_NEW          2.0

/* A pair who already know each other, WEIGHT in (0, 1]: 1 for a set they shared in the latest
 * plan, less for older ones; the weights of one pair add up to at most 1. */
struct form_known {
    int a, b;
    double weight;
};

struct form_scoring {
    int n, k;
    const int *code;      /* n*k: value id of person i on attribute c (any non-negative ids) */
    const double *weight; /* k */
    double w_new;
    const struct form_known *known;
    int known_count;
    /* Pairs working on a similar challenge (same theme): each adds w_similar * weight, so
     * programmes that want it put them together while the attributes still mix. */
    const struct form_known *similar;
    int similar_count;
    double w_similar;
};

/* Fills D (n*n, caller-allocated) with the pair scores; the diagonal is 0. */
void form_score_matrix(const struct form_scoring *sc, double *d);

/* Returns the default weight of attribute NAME (lower-case). */
double form_default_weight(const char *name);

/* An upper bound on the sum of pair scores of any plan into M sets with sizes in [LO, HI].
 * Returns 0 and sets *UB, or -1 when out of memory. */
int form_score_bound(const struct form_scoring *sc, int m, const int *lo, const int *hi,
                     double *ub);

#endif
