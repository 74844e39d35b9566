/* Network analysis of survey ties: per-person and whole-cohort metrics for one wave, and the
 * change between two waves. Pure C over arrays (igraph in memory); no I/O, no printing.
 *
 * Which graph each metric uses. A survey tie is a nomination (A says they know B), so the raw
 * data is directed. Degree is reported both ways (in: how many named the person; out: how many
 * they named) on the directed graph. Everything about a person's *contacts* (two-step reach,
 * betweenness, Burt's constraint and effective size, E-I, Blau, isolation, components) is on
 * the undirected graph where A and B are joined when either named the other: an unanswered
 * survey should not make someone look isolated, and brokerage measures are defined for
 * undirected ties. Several relations or repeated nominations of one pair collapse to one edge.
 * Every metric above is unweighted, and stays the primary figure, because strength scales
 * differ between surveys and Burt's and Freeman's measures are best known in their binary form.
 * Strength (0-100) is used by two further figures, labelled weighted: the weighted degree
 * (igraph_strength: the sum of a person's contact weights) and Burt's constraint with weights
 * (igraph_constraint with the weight vector), where a contact's weight is strength/100 (a
 * full-strength tie counts 1) and a pair joined by several nominations takes the strongest of
 * them. They are given only when every tie of the wave carries a strength: a missing strength
 * is not guessed, so one tie without strength leaves both weighted figures undefined (NAN). */
#ifndef SETWORK_ENGINE_NETWORK_NETWORK_H
#define SETWORK_ENGINE_NETWORK_NETWORK_H

#include <stdbool.h>
#include <stddef.h>

/* The most people and ties one analysis takes; beyond this the caller gets an error, not an
 * hour of betweenness. */
#define NET_MAX_PEOPLE 50000
#define NET_MAX_TIES   1000000

/* One tie between two people, by index into the people arrays. */
struct net_tie {
    int from;
    int to;
    int relation;    /* caller's relation index (kept for exports) */
    double strength; /* NAN when the survey gave none */
};

/* What the engine needs to know about people: group indices (-1: unknown / none). */
struct net_people {
    size_t count;
    const int *department;   /* count entries, or NULL when nobody has one */
    const int *organisation; /* idem */
    const int *set;          /* the person's action learning set, or NULL */
    const bool *included;    /* net_compare only: whose changes count (NULL: everyone) */
};

/* A person's metrics in one wave. NAN marks a value that is undefined (e.g. the E-I index of
 * someone without contacts whose department is known). */
struct net_person_metrics {
    int in_degree;         /* directed: distinct people who named this person */
    int out_degree;        /* directed: distinct people this person named */
    int degree;            /* undirected: distinct contacts */
    int reach2;            /* undirected: people within two steps, not counting oneself */
    double betweenness;    /* undirected, unweighted, raw Freeman count (pairs, not doubled) */
    double constraint;     /* Burt's constraint, undirected unweighted; NAN for isolates */
    double effective_size; /* Burt's effective size, Borgatti's n - 2t/n; 0 for isolates */
    double ei_department;  /* Krackhardt-Stern (E-I)/(E+I) over contacts; NAN when undefined */
    double ei_organisation;
    double blau_department; /* 1 - sum p_k^2 over contacts' known departments; NAN if none */
    double blau_organisation;
    bool isolated; /* no contact at all (undirected degree 0) */
    /* Weighted by strength/100 (see the top of this file); NAN when the wave is unweighted
     * (net_cohort_metrics.weighted false). Not in enum net_metric: the comparisons, charts and
     * exports stay unweighted. */
    double weighted_degree;     /* sum of the person's contact weights; 0 for isolates */
    double weighted_constraint; /* Burt's constraint with weights; NAN for isolates and for a
                                   person whose contacts all have strength 0 */
};

/* Metric identifiers, for the generic accessors used by comparisons, charts and reports. */
enum net_metric {
    NET_M_IN_DEGREE,
    NET_M_OUT_DEGREE,
    NET_M_DEGREE,
    NET_M_REACH2,
    NET_M_BETWEENNESS,
    NET_M_CONSTRAINT,
    NET_M_EFFECTIVE_SIZE,
    NET_M_EI_DEPARTMENT,
    NET_M_EI_ORGANISATION,
    NET_M_BLAU_DEPARTMENT,
    NET_M_BLAU_ORGANISATION,
    NET_METRIC_COUNT
};

/* Short snake_case name ("in_degree") and a human label ("In-degree"). */
const char *net_metric_name(enum net_metric m);
const char *net_metric_label(enum net_metric m);
/* The value of metric M in P as a double (NAN when undefined). */
double net_metric_value(const struct net_person_metrics *p, enum net_metric m);

/* Whole-cohort figures for one wave. */
struct net_cohort_metrics {
    size_t people;
    size_t ties;               /* distinct directed nominations (ordered pairs) */
    size_t edges;              /* undirected edges */
    double density;            /* directed: ties / (n (n-1)) */
    double density_undirected; /* edges / (n (n-1) / 2) */
    size_t components;         /* connected components of the undirected graph, isolates included */
    size_t largest_component;
    size_t isolates;
    double mean_ei_department; /* mean of the defined per-person values; NAN if none */
    double mean_ei_organisation;
    double cross_department_share; /* edges between known, different departments / edges
                                      with both known; NAN if none */
    double cross_organisation_share;
    /* The weighted figures: given when every tie carries a strength (and there is a tie). */
    bool weighted;
    size_t ties_without_strength;    /* tie records (not pairs) with no strength */
    double mean_weighted_degree;     /* over everyone, isolates as 0; NAN when not weighted */
    double mean_weighted_constraint; /* over the defined values; NAN when none */
};

/* The result of analysing one wave. */
struct net_wave {
    size_t count;
    struct net_person_metrics *person; /* count entries */
    struct net_cohort_metrics cohort;
};

/* Analyses one wave. Ties with an index out of range or a self-tie are an error (validation
 * belongs to the import; here it means a bug). Returns 0 and fills OUT (free with
 * net_wave_free), or -1 with a message in *ERR (caller frees). */
int net_analyse(const struct net_people *people, const struct net_tie *ties, size_t tie_count,
                struct net_wave *out, char **err);
void net_wave_free(struct net_wave *w);

/* Change of one metric between two waves over the people for whom it is defined in both. */
struct net_metric_change {
    enum net_metric metric;
    size_t pairs; /* people with a value in both waves */
    double mean_before;
    double mean_after;
    double mean_diff; /* after - before */
    double sd_diff;   /* sample SD of the differences (n-1) */
    double d_z;       /* Cohen's d_z = mean_diff / sd_diff; NAN when sd_diff is 0 or pairs<2 */
    double d_z_low;   /* its 95% interval from the noncentral t (engine/stats/paired.h), */
    double d_z_high;  /* NAN when d_z is */
};

/* One person's ties gained and lost (undirected contacts), split by whether the contact is in
 * the person's own set ("inside") or not ("beyond": other sets or no set). People without a
 * set count every tie as beyond. */
struct net_person_change {
    int gained_inside, gained_beyond;
    int lost_inside, lost_beyond;
};

struct net_comparison {
    size_t count;
    struct net_person_change *person; /* count entries */
    /* Totals over undirected edges: an edge is inside when both ends are in one set. */
    size_t gained_inside, gained_beyond, lost_inside, lost_beyond, kept;
    struct net_metric_change metric[NET_METRIC_COUNT];
};

/* Compares two analysed waves of the same people (same indices) with their tie lists. When
 * people->included is set, only those people's metric changes enter the means (the caller
 * chooses the ties, e.g. only those named by people who answered both waves).
 * Returns 0 and fills OUT (free with net_comparison_free), or -1 with a message in *ERR. */
int net_compare(const struct net_people *people, const struct net_tie *before, size_t before_count,
                const struct net_wave *wave_before, const struct net_tie *after, size_t after_count,
                const struct net_wave *wave_after, struct net_comparison *out, char **err);
void net_comparison_free(struct net_comparison *c);

/* Paired effect size over N pairs of (BEFORE[i], AFTER[i]), skipping pairs with a NAN. Fills
 * everything in OUT except `metric`. Exposed for tests. */
void net_paired_change(const double *before, const double *after, size_t n,
                       struct net_metric_change *out);

/* Krackhardt-Stern E-I index of one person's contacts: GROUP is the ego's group, ALTERS the
 * contacts' groups (-1 unknown, skipped). NAN when the ego's group is unknown or no contact
 * has a known group. Exposed for tests and for group-level use. */
double net_ei_index(int group, const int *alters, size_t n);
/* Blau's heterogeneity 1 - sum p_k^2 of the known groups in GROUPS; NAN when none is known. */
double net_blau_index(const int *groups, size_t n);

/* Positions in the unit square [0,1]^2, one per person. */
struct net_layout {
    size_t count;
    double *x;
    double *y;
};

/* Lays out people joined by TIES (treated as undirected) deterministically from SEED:
 * Fruchterman-Reingold, with igraph's grid past 1,000 people (O(n + m) per iteration). Isolates are
 * placed too. Returns 0 and fills OUT (free with net_layout_free), or -1 with a message in *ERR. To
 * draw two waves with the same positions, pass both waves' ties. */
int net_layout(size_t count, const struct net_tie *ties, size_t tie_count, unsigned long seed,
               struct net_layout *out, char **err);
void net_layout_free(struct net_layout *l);

/* Installs igraph's non-aborting error handler once, recording the last message for *ERR.
 * Called by every function above; safe to call again. */
void net_igraph_init(void);

#endif
