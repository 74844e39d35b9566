/* One wave's metrics: per person and for the whole cohort (see network.h for which graph each
 * metric uses and why). */
#include "engine/network/net_internal.h"

#include "core/strbuf.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    const char *name, *label;
} metric_names[NET_METRIC_COUNT] = {
    [NET_M_IN_DEGREE] = {"in_degree", "In-degree"},
    [NET_M_OUT_DEGREE] = {"out_degree", "Out-degree"},
    [NET_M_DEGREE] = {"degree", "Contacts"},
    [NET_M_REACH2] = {"reach2", "Two-step reach"},
    [NET_M_BETWEENNESS] = {"betweenness", "Betweenness"},
    [NET_M_CONSTRAINT] = {"constraint", "Constraint (Burt)"},
    [NET_M_EFFECTIVE_SIZE] = {"effective_size", "Effective size (Burt)"},
    [NET_M_EI_DEPARTMENT] = {"ei_department", "E-I index, departments"},
    [NET_M_EI_ORGANISATION] = {"ei_organisation", "E-I index, organisations"},
    [NET_M_BLAU_DEPARTMENT] = {"blau_department", "Blau diversity, departments"},
    [NET_M_BLAU_ORGANISATION] = {"blau_organisation", "Blau diversity, organisations"},
};

const char *net_metric_name(enum net_metric m)
{
    return (unsigned)m < NET_METRIC_COUNT ? metric_names[m].name : "?";
}

const char *net_metric_label(enum net_metric m)
{
    return (unsigned)m < NET_METRIC_COUNT ? metric_names[m].label : "?";
}

double net_metric_value(const struct net_person_metrics *p, enum net_metric m)
{
    switch (m) {
    case NET_M_IN_DEGREE: return p->in_degree;
    case NET_M_OUT_DEGREE: return p->out_degree;
    case NET_M_DEGREE: return p->degree;
    case NET_M_REACH2: return p->reach2;
    case NET_M_BETWEENNESS: return p->betweenness;
    case NET_M_CONSTRAINT: return p->constraint;
    case NET_M_EFFECTIVE_SIZE: return p->effective_size;
    case NET_M_EI_DEPARTMENT: return p->ei_department;
    case NET_M_EI_ORGANISATION: return p->ei_organisation;
    case NET_M_BLAU_DEPARTMENT: return p->blau_department;
    case NET_M_BLAU_ORGANISATION: return p->blau_organisation;
    case NET_METRIC_COUNT: break;
    }
    return NAN;
}

double net_ei_index(int group, const int *alters, size_t n)
{
    if (group < 0)
        return NAN;
    long external = 0, internal = 0;
    for (size_t i = 0; i < n; i++) {
        if (alters[i] < 0)
            continue;
        if (alters[i] == group)
            internal++;
        else
            external++;
    }
    if (external + internal == 0)
        return NAN;
    return (double)(external - internal) / (double)(external + internal);
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

double net_blau_index(const int *groups, size_t n)
{
    /* Sorting a copy keeps this free of any bound on the group numbers; contact lists are short
     * so the sort costs little next to betweenness. */
    int small[64];
    int *g = n <= 64 ? small : malloc(n * sizeof *g);
    if (!g)
        return NAN;
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (groups[i] >= 0)
            g[k++] = groups[i];
    double result = NAN;
    if (k > 0) {
        qsort(g, k, sizeof *g, cmp_int);
        double sum = 0;
        size_t run = 1;
        for (size_t i = 1; i <= k; i++) {
            if (i < k && g[i] == g[i - 1]) {
                run++;
                continue;
            }
            double p = (double)run / (double)k;
            sum += p * p;
            run = 1;
        }
        result = 1.0 - sum;
    }
    if (g != small)
        free(g);
    return result;
}

static int cmp_ll(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return (x > y) - (x < y);
}

/* Directed degrees over distinct nominations (a pair named twice, or under two relations,
 * counts once). Returns the number of distinct nominations, or -1 when out of memory. */
static long long directed_degrees(size_t n, const struct net_tie *ties, size_t count,
                                  struct net_person_metrics *pm)
{
    long long *keys = malloc((count ? count : 1) * sizeof *keys);
    if (!keys)
        return -1;
    for (size_t i = 0; i < count; i++)
        keys[i] = (long long)ties[i].from * (long long)n + ties[i].to;
    qsort(keys, count, sizeof *keys, cmp_ll);
    long long distinct = 0;
    for (size_t i = 0; i < count; i++) {
        if (i > 0 && keys[i] == keys[i - 1])
            continue;
        distinct++;
        pm[keys[i] / (long long)n].out_degree++;
        pm[keys[i] % (long long)n].in_degree++;
    }
    free(keys);
    return distinct;
}

/* Burt's effective size in Borgatti's form for binary undirected ties: n - 2t/n, where t is
 * the number of ties among the ego's n contacts. MARK is scratch of a->n ints, all -1. */
static double effective_size(const struct net_adj *a, int v, int *mark)
{
    size_t deg = a->start[v + 1] - a->start[v];
    if (deg == 0)
        return 0.0;
    for (size_t i = a->start[v]; i < a->start[v + 1]; i++)
        mark[a->nbr[i]] = v;
    size_t twice_t = 0;
    for (size_t i = a->start[v]; i < a->start[v + 1]; i++) {
        int u = a->nbr[i];
        for (size_t j = a->start[u]; j < a->start[u + 1]; j++)
            if (mark[a->nbr[j]] == v)
                twice_t++;
    }
    return (double)deg - (double)twice_t / (double)deg;
}

/* E-I and Blau of V's contacts for one grouping (GROUP may be NULL: all NAN). */
static void group_mix(const struct net_adj *a, int v, const int *group, int *scratch, double *ei,
                      double *blau)
{
    *ei = NAN;
    *blau = NAN;
    if (!group)
        return;
    size_t k = 0;
    for (size_t i = a->start[v]; i < a->start[v + 1]; i++)
        scratch[k++] = group[a->nbr[i]];
    *ei = net_ei_index(group[v], scratch, k);
    *blau = net_blau_index(scratch, k);
}

static double mean_defined(const struct net_person_metrics *pm, size_t n, enum net_metric m)
{
    double sum = 0;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        double x = net_metric_value(&pm[i], m);
        if (!isnan(x)) {
            sum += x;
            k++;
        }
    }
    return k ? sum / (double)k : NAN;
}

static double cross_share(const struct net_adj *a, const int *group)
{
    if (!group)
        return NAN;
    size_t known = 0, cross = 0;
    for (size_t e = 0; e < a->edges; e++) {
        int g1 = group[a->edge_from[e]], g2 = group[a->edge_to[e]];
        if (g1 < 0 || g2 < 0)
            continue;
        known++;
        cross += g1 != g2;
    }
    return known ? (double)cross / (double)known : NAN;
}

/* Index of the edge joining U and V (U < V) in A's sorted edge list, or -1. */
static long edge_index(const struct net_adj *a, int u, int v)
{
    size_t lo = 0, hi = a->edges;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int f = a->edge_from[mid], t = a->edge_to[mid];
        if (f == u && t == v)
            return (long)mid;
        if (f < u || (f == u && t < v))
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

/* Counts the ties without a strength. When there are none (and there is a tie), fills W (one
 * entry per edge of A) with strength/100, the strongest nomination of each pair, and returns
 * true; otherwise false and W is untouched. */
static bool edge_weights(const struct net_adj *a, const struct net_tie *ties, size_t count,
                         double *w, size_t *missing)
{
    *missing = 0;
    for (size_t i = 0; i < count; i++)
        *missing += isnan(ties[i].strength);
    if (*missing || count == 0)
        return false;
    for (size_t e = 0; e < a->edges; e++)
        w[e] = -1.0;
    for (size_t i = 0; i < count; i++) {
        int u = ties[i].from, v = ties[i].to;
        long e = u < v ? edge_index(a, u, v) : edge_index(a, v, u);
        double x = ties[i].strength / 100.0;
        if (e >= 0 && x > w[e])
            w[e] = x;
    }
    return true;
}

/* The igraph part: betweenness, constraint (and with WEIGHTS, one per edge of A, or NULL: the
 * weighted degree and constraint), two-step reach and components. */
static int igraph_metrics(const struct net_adj *a, const double *weights, struct net_wave *w,
                          char **err)
{
    igraph_t g;
    igraph_vector_t res, wv;
    igraph_vector_int_t ires, csize;
    igraph_integer_t ncomp = 0;
    net_igraph_lock();
    igraph_error_t rc = net_adj_to_igraph(a, &g);
    if (rc != IGRAPH_SUCCESS) {
        net_igraph_unlock();
        return net_igraph_fail("building the graph", rc, err);
    }
    int status = -1;
    bool res_ok = false, ires_ok = false, csize_ok = false, wv_ok = false;
    if ((rc = igraph_vector_init(&res, 0)) != IGRAPH_SUCCESS)
        goto fail;
    res_ok = true;
    if ((rc = igraph_vector_int_init(&ires, 0)) != IGRAPH_SUCCESS)
        goto fail;
    ires_ok = true;
    if ((rc = igraph_vector_int_init(&csize, 0)) != IGRAPH_SUCCESS)
        goto fail;
    csize_ok = true;

    if ((rc = igraph_betweenness(&g, &res, igraph_vss_all(), IGRAPH_UNDIRECTED, NULL)) !=
        IGRAPH_SUCCESS)
        goto fail;
    for (size_t i = 0; i < a->n; i++)
        w->person[i].betweenness = VECTOR(res)[i];

    if ((rc = igraph_constraint(&g, &res, igraph_vss_all(), NULL)) != IGRAPH_SUCCESS)
        goto fail;
    for (size_t i = 0; i < a->n; i++)
        w->person[i].constraint = w->person[i].degree ? VECTOR(res)[i] : NAN;

    for (size_t i = 0; i < a->n; i++) {
        w->person[i].weighted_degree = NAN;
        w->person[i].weighted_constraint = NAN;
    }
    if (weights) {
        if ((rc = igraph_vector_init(&wv, (igraph_integer_t)a->edges)) != IGRAPH_SUCCESS)
            goto fail;
        wv_ok = true;
        for (size_t e = 0; e < a->edges; e++)
            VECTOR(wv)[e] = weights[e];
        if ((rc = igraph_strength(&g, &res, igraph_vss_all(), IGRAPH_ALL, 1, &wv)) !=
            IGRAPH_SUCCESS)
            goto fail;
        for (size_t i = 0; i < a->n; i++)
            w->person[i].weighted_degree = VECTOR(res)[i];
        if ((rc = igraph_constraint(&g, &res, igraph_vss_all(), &wv)) != IGRAPH_SUCCESS)
            goto fail;
        /* igraph gives 0/0 = NaN for a person whose contacts all have strength 0; isolates get
         * NAN as in the unweighted figure. */
        for (size_t i = 0; i < a->n; i++)
            w->person[i].weighted_constraint =
                w->person[i].degree && isfinite(VECTOR(res)[i]) ? VECTOR(res)[i] : NAN;
    }

    if ((rc = igraph_neighborhood_size(&g, &ires, igraph_vss_all(), 2, IGRAPH_ALL, 1)) !=
        IGRAPH_SUCCESS)
        goto fail;
    for (size_t i = 0; i < a->n; i++)
        w->person[i].reach2 = (int)VECTOR(ires)[i];

    if ((rc = igraph_connected_components(&g, &ires, &csize, &ncomp, IGRAPH_WEAK)) !=
        IGRAPH_SUCCESS)
        goto fail;
    w->cohort.components = (size_t)ncomp;
    for (igraph_integer_t c = 0; c < ncomp; c++)
        if ((size_t)VECTOR(csize)[c] > w->cohort.largest_component)
            w->cohort.largest_component = (size_t)VECTOR(csize)[c];
    status = 0;
fail:
    if (status != 0)
        net_igraph_fail("analysing the network", rc, err);
    if (wv_ok)
        igraph_vector_destroy(&wv);
    if (csize_ok)
        igraph_vector_int_destroy(&csize);
    if (ires_ok)
        igraph_vector_int_destroy(&ires);
    if (res_ok)
        igraph_vector_destroy(&res);
    igraph_destroy(&g);
    net_igraph_unlock();
    return status;
}

int net_analyse(const struct net_people *people, const struct net_tie *ties, size_t tie_count,
                struct net_wave *out, char **err)
{
    memset(out, 0, sizeof *out);
    size_t n = people->count;
    if (n > NET_MAX_PEOPLE || tie_count > NET_MAX_TIES) {
        *err = str_printf("at most %d people and %d ties can be analysed at once", NET_MAX_PEOPLE,
                          NET_MAX_TIES);
        return -1;
    }
    net_igraph_init();
    struct net_adj a;
    if (net_adj_build(n, ties, tie_count, &a, err) != 0)
        return -1;
    int status = -1;
    int *scratch = NULL;
    double *weights = NULL;
    out->count = n;
    out->person = calloc(n ? n : 1, sizeof *out->person);
    scratch = malloc((n ? n : 1) * sizeof *scratch);
    weights = malloc((a.edges ? a.edges : 1) * sizeof *weights);
    if (!out->person || !scratch || !weights) {
        *err = str_printf("out of memory analysing the network");
        goto out;
    }
    long long distinct = directed_degrees(n, ties, tie_count, out->person);
    if (distinct < 0) {
        *err = str_printf("out of memory analysing the network");
        goto out;
    }
    for (size_t v = 0; v < n; v++) {
        struct net_person_metrics *p = &out->person[v];
        p->degree = (int)(a.start[v + 1] - a.start[v]);
        p->isolated = p->degree == 0;
    }
    size_t missing = 0;
    bool weighted = edge_weights(&a, ties, tie_count, weights, &missing);
    if (igraph_metrics(&a, weighted ? weights : NULL, out, err) != 0)
        goto out;
    for (size_t v = 0; v < n; v++)
        scratch[v] = -1;
    for (size_t v = 0; v < n; v++)
        out->person[v].effective_size = effective_size(&a, (int)v, scratch);
    for (size_t v = 0; v < n; v++) {
        struct net_person_metrics *p = &out->person[v];
        group_mix(&a, (int)v, people->department, scratch, &p->ei_department, &p->blau_department);
        group_mix(&a, (int)v, people->organisation, scratch, &p->ei_organisation,
                  &p->blau_organisation);
    }

    struct net_cohort_metrics *c = &out->cohort;
    c->people = n;
    c->ties = (size_t)distinct;
    c->edges = a.edges;
    c->density = n > 1 ? (double)distinct / ((double)n * (double)(n - 1)) : NAN;
    c->density_undirected = n > 1 ? 2.0 * (double)a.edges / ((double)n * (double)(n - 1)) : NAN;
    for (size_t v = 0; v < n; v++)
        c->isolates += out->person[v].isolated;
    c->mean_ei_department = mean_defined(out->person, n, NET_M_EI_DEPARTMENT);
    c->mean_ei_organisation = mean_defined(out->person, n, NET_M_EI_ORGANISATION);
    c->cross_department_share = cross_share(&a, people->department);
    c->cross_organisation_share = cross_share(&a, people->organisation);
    c->weighted = weighted;
    c->ties_without_strength = missing;
    c->mean_weighted_degree = NAN;
    c->mean_weighted_constraint = NAN;
    if (weighted) {
        double sum = 0, csum = 0;
        size_t cdefined = 0;
        for (size_t v = 0; v < n; v++) {
            sum += out->person[v].weighted_degree;
            if (!isnan(out->person[v].weighted_constraint)) {
                csum += out->person[v].weighted_constraint;
                cdefined++;
            }
        }
        c->mean_weighted_degree = n ? sum / (double)n : NAN;
        c->mean_weighted_constraint = cdefined ? csum / (double)cdefined : NAN;
    }
    status = 0;
out:
    free(weights);
    free(scratch);
    net_adj_free(&a);
    if (status != 0)
        net_wave_free(out);
    return status;
}

void net_wave_free(struct net_wave *w)
{
    free(w->person);
    memset(w, 0, sizeof *w);
}
