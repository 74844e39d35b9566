/* Network metrics on small graphs whose values were worked out by hand (see each test). */
#include "test_support.h"

#include "engine/network/network.h"

#include <math.h>
#include <pthread.h>

static void _fail_msg(const char *file, int line, const char *what, double a, double b)
{
    print_error("%s = %.12g, expected %.12g\n", what, a, b);
    _fail(file, line);
}

#define EPS 1e-9

/* cmocka 1.1 compares floats only; metrics need doubles. */
#define assert_double_equal(a, b, eps) check_close((a), (b), (eps), #a, __FILE__, __LINE__)
static void check_close(double a, double b, double eps, const char *what, const char *file,
                        int line)
{
    if (!(fabs(a - b) <= eps))
        _fail_msg(file, line, what, a, b);
}

static struct net_tie T(int a, int b) {
    return (struct net_tie){.from = a, .to = b, .relation = 0, .strength = NAN};
}

static void
analyse(size_t n, const int *dept, const int *org, const struct net_tie *ties, size_t count,
        struct net_wave *w)
{
    struct net_people p = {.count = n, .department = dept, .organisation = org};
    char *err = NULL;
    int rc = net_analyse(&p, ties, count, w, &err);
    if (rc != 0)
        fprintf(stderr, "%s\n", err);
    assert_int_equal(rc, 0);
}

/* Star: 0 named 1..4. The centre brokers all C(4,2) = 6 pairs; each leaf depends wholly on the
 * centre (constraint 1) and reaches the three other leaves through it. */
static void test_star(void **state)
{
    struct net_tie t[] = {T(0, 1), T(0, 2), T(0, 3), T(0, 4)};
    struct net_wave w;
    analyse(5, NULL, NULL, t, 4, &w);
    assert_int_equal(w.person[0].out_degree, 4);
    assert_int_equal(w.person[0].in_degree, 0);
    assert_int_equal(w.person[1].in_degree, 1);
    assert_int_equal(w.person[1].out_degree, 0);
    assert_int_equal(w.person[0].degree, 4);
    assert_int_equal(w.person[0].reach2, 4);
    assert_int_equal(w.person[3].reach2, 4);
    assert_double_equal(w.person[0].betweenness, 6.0, EPS);
    assert_double_equal(w.person[2].betweenness, 0.0, EPS);
    assert_double_equal(w.person[0].constraint, 0.25, EPS); /* 4 * (1/4)^2 */
    assert_double_equal(w.person[1].constraint, 1.0, EPS);
    assert_double_equal(w.person[0].effective_size, 4.0, EPS);
    assert_double_equal(w.person[4].effective_size, 1.0, EPS);
    assert_int_equal(w.cohort.ties, 4);
    assert_int_equal(w.cohort.edges, 4);
    assert_double_equal(w.cohort.density, 4.0 / 20.0, EPS);
    assert_double_equal(w.cohort.density_undirected, 4.0 / 10.0, EPS);
    assert_int_equal(w.cohort.components, 1);
    assert_int_equal(w.cohort.isolates, 0);
    assert_true(isnan(w.person[0].ei_department)); /* no departments given */
    net_wave_free(&w);
}

/* Path 0-1-2-3: each inner node lies on two shortest paths; the ends reach two people. */
static void test_path(void **state)
{
    struct net_tie t[] = {T(0, 1), T(1, 2), T(2, 3)};
    struct net_wave w;
    analyse(4, NULL, NULL, t, 3, &w);
    assert_double_equal(w.person[0].betweenness, 0.0, EPS);
    assert_double_equal(w.person[1].betweenness, 2.0, EPS);
    assert_double_equal(w.person[2].betweenness, 2.0, EPS);
    assert_int_equal(w.person[0].reach2, 2);
    assert_int_equal(w.person[1].reach2, 3);
    assert_double_equal(w.person[1].constraint, 0.5, EPS);
    assert_double_equal(w.person[3].constraint, 1.0, EPS);
    assert_double_equal(w.person[1].effective_size, 2.0, EPS);
    net_wave_free(&w);
}

/* Two triangles {0,1,2} (department 0, organisation 0) and {3,4,5} (department 1,
 * organisation 0 except 5 in organisation 1), joined by the bridge 2-3.
 * Node 2: contacts 0, 1, 3 with one tie among them (0-1): effective size 3 - 2/3.
 * Constraint of 2: (1/3 + 1/3*1/2)^2 twice for 0 and 1, plus (1/3)^2 for 3 = 0.5 + 1/9.
 * Constraint of 0: (1/2 + 1/2*1/3)^2 for 1 and (1/2 + 1/2*1/2)^2 for 2 = 4/9 + 9/16.
 * Betweenness of 2: all 2*3 paths from {0,1} to {3,4,5}. E-I of 2 by department:
 * E = 1, I = 2, so -1/3; Blau 1 - (2/3)^2 - (1/3)^2 = 4/9. */
static void test_two_cliques_with_bridge(void **state)
{
    struct net_tie t[] = {T(0, 1), T(1, 2), T(2, 0), T(3, 4), T(4, 5), T(5, 3), T(2, 3)};
    int dept[] = {0, 0, 0, 1, 1, 1};
    int org[] = {0, 0, 0, 0, 0, 1};
    struct net_wave w;
    analyse(6, dept, org, t, 7, &w);
    assert_double_equal(w.person[2].effective_size, 3.0 - 2.0 / 3.0, EPS);
    assert_double_equal(w.person[0].effective_size, 1.0, EPS); /* 2 - 2*1/2 */
    assert_double_equal(w.person[2].constraint, 0.5 + 1.0 / 9.0, EPS);
    assert_double_equal(w.person[0].constraint, 4.0 / 9.0 + 9.0 / 16.0, EPS);
    assert_double_equal(w.person[2].betweenness, 6.0, EPS);
    assert_double_equal(w.person[3].betweenness, 6.0, EPS);
    assert_double_equal(w.person[0].betweenness, 0.0, EPS);
    assert_int_equal(w.person[0].reach2, 3);
    assert_int_equal(w.person[2].reach2, 5);
    assert_double_equal(w.person[2].ei_department, -1.0 / 3.0, EPS);
    assert_double_equal(w.person[0].ei_department, -1.0, EPS);
    assert_double_equal(w.person[2].blau_department, 4.0 / 9.0, EPS);
    assert_double_equal(w.person[0].blau_department, 0.0, EPS);
    /* Node 3's contacts 4 (org 0), 5 (org 1), 2 (org 0); node 3 is org 0: E=1, I=2. */
    assert_double_equal(w.person[3].ei_organisation, -1.0 / 3.0, EPS);
    assert_double_equal(w.cohort.cross_department_share, 1.0 / 7.0, EPS);
    assert_double_equal(w.cohort.cross_organisation_share, 2.0 / 7.0, EPS);
    /* Mean E-I by department: four people at -1, nodes 2 and 3 at -1/3. */
    assert_double_equal(w.cohort.mean_ei_department, (4 * -1.0 + 2 * (-1.0 / 3.0)) / 6, EPS);
    assert_int_equal(w.cohort.components, 1);
    assert_int_equal(w.cohort.largest_component, 6);
    net_wave_free(&w);
}

/* A triangle and an isolate: two components, one isolate whose brokerage is undefined. */
static void test_isolate(void **state)
{
    struct net_tie t[] = {T(0, 1), T(1, 2), T(2, 0)};
    int dept[] = {0, 1, 1, 0};
    struct net_wave w;
    analyse(4, dept, NULL, t, 3, &w);
    assert_true(w.person[3].isolated);
    assert_false(w.person[0].isolated);
    assert_int_equal(w.person[3].degree, 0);
    assert_int_equal(w.person[3].reach2, 0);
    assert_true(isnan(w.person[3].constraint));
    assert_double_equal(w.person[3].effective_size, 0.0, EPS);
    assert_true(isnan(w.person[3].ei_department));
    assert_true(isnan(w.person[3].blau_department));
    assert_int_equal(w.cohort.isolates, 1);
    assert_int_equal(w.cohort.components, 2);
    assert_int_equal(w.cohort.largest_component, 3);
    assert_true(isnan(w.person[0].ei_organisation));
    assert_true(isnan(w.cohort.cross_organisation_share));
    net_wave_free(&w);
}

/* A pair named twice (two relations) and back: one distinct nomination each way, one edge. */
static void test_duplicates_and_reciprocity(void **state)
{
    struct net_tie t[] = {T(0, 1), T(0, 1), T(1, 0)};
    t[1].relation = 1;
    struct net_wave w;
    analyse(3, NULL, NULL, t, 3, &w);
    assert_int_equal(w.person[0].out_degree, 1);
    assert_int_equal(w.person[0].in_degree, 1);
    assert_int_equal(w.person[0].degree, 1);
    assert_int_equal(w.cohort.ties, 2);
    assert_int_equal(w.cohort.edges, 1);
    assert_double_equal(w.cohort.density, 2.0 / 6.0, EPS);
    net_wave_free(&w);
}

/* Empty and one-person programmes: nothing to divide by, so densities are undefined. */
static void test_tiny(void **state)
{
    struct net_wave w;
    analyse(0, NULL, NULL, NULL, 0, &w);
    assert_int_equal(w.cohort.components, 0);
    assert_true(isnan(w.cohort.density));
    net_wave_free(&w);
    analyse(1, NULL, NULL, NULL, 0, &w);
    assert_int_equal(w.cohort.isolates, 1);
    assert_int_equal(w.cohort.components, 1);
    assert_true(isnan(w.cohort.density));
    net_wave_free(&w);
}

static void test_bad_ties_rejected(void **state)
{
    struct net_people p = {.count = 3};
    struct net_tie self[] = {T(1, 1)};
    struct net_tie range[] = {T(0, 3)};
    struct net_wave w;
    char *err = NULL;
    assert_int_equal(net_analyse(&p, self, 1, &w, &err), -1);
    assert_non_null(strstr(err, "themselves"));
    free(err);
    err = NULL;
    assert_int_equal(net_analyse(&p, range, 1, &w, &err), -1);
    assert_non_null(err);
    free(err);
}

/* E-I: all inside -1, all outside +1, balanced 0; unknown groups are skipped. Blau: two equal
 * groups 1/2, four equal groups 3/4, one group 0. */
static void test_ei_and_blau(void **state)
{
    int inside[] = {2, 2, 2};
    int outside[] = {1, 3, 4};
    int half[] = {2, 5, -1, 2, 7};
    assert_double_equal(net_ei_index(2, inside, 3), -1.0, EPS);
    assert_double_equal(net_ei_index(2, outside, 3), 1.0, EPS);
    assert_double_equal(net_ei_index(2, half, 5), 0.0, EPS);
    assert_true(isnan(net_ei_index(-1, inside, 3)));
    assert_true(isnan(net_ei_index(2, NULL, 0)));
    int two[] = {0, 1, 0, 1};
    int four[] = {0, 1, 2, 3};
    int unknown[] = {-1, -1};
    assert_double_equal(net_blau_index(two, 4), 0.5, EPS);
    assert_double_equal(net_blau_index(four, 4), 0.75, EPS);
    assert_double_equal(net_blau_index(inside, 3), 0.0, EPS);
    assert_true(isnan(net_blau_index(unknown, 2)));
    int many[100];
    for (int i = 0; i < 100; i++)
        many[i] = i % 10;
    assert_double_equal(net_blau_index(many, 100), 0.9, EPS);
}

/* Paired change: before {1,2,3}, after {2,4,4}; differences {1,2,1}, mean 4/3, sd sqrt(1/3),
 * d_z = (4/3)/sqrt(1/3). A NAN pair is skipped. Equal differences give no d_z. */
static void test_paired_change(void **state)
{
    double b[] = {1, 2, 3, NAN};
    double a[] = {2, 4, 4, 9};
    struct net_metric_change c;
    net_paired_change(b, a, 4, &c);
    assert_int_equal(c.pairs, 3);
    assert_double_equal(c.mean_before, 2.0, EPS);
    assert_double_equal(c.mean_after, 10.0 / 3.0, EPS);
    assert_double_equal(c.mean_diff, 4.0 / 3.0, EPS);
    assert_double_equal(c.sd_diff, sqrt(1.0 / 3.0), EPS);
    assert_double_equal(c.d_z, (4.0 / 3.0) / sqrt(1.0 / 3.0), EPS);
    assert_true(c.d_z_low < c.d_z && c.d_z < c.d_z_high);
    double same_b[] = {1, 2}, same_a[] = {2, 3};
    net_paired_change(same_b, same_a, 2, &c);
    assert_double_equal(c.mean_diff, 1.0, EPS);
    assert_true(isnan(c.d_z));
}

/* Before: 0-1 (both in set 0), 1-3 (sets 0 and 1). After: 0-1 kept, 0-2 (set 0: inside),
 * 2-4 (sets 0 and 1: beyond), 3-5 (5 has no set: beyond); 1-3 lost (beyond). */
static void test_compare_waves(void **state)
{
    int set[] = {0, 0, 0, 1, 1, -1};
    struct net_people p = {.count = 6, .set = set};
    struct net_tie before[] = {T(0, 1), T(1, 3)};
    struct net_tie after[] = {T(1, 0), T(0, 2), T(4, 2), T(3, 5)};
    struct net_wave wb, wa;
    char *err = NULL;
    assert_int_equal(net_analyse(&p, before, 2, &wb, &err), 0);
    assert_int_equal(net_analyse(&p, after, 4, &wa, &err), 0);
    struct net_comparison c;
    assert_int_equal(net_compare(&p, before, 2, &wb, after, 4, &wa, &c, &err), 0);
    assert_int_equal(c.kept, 1);
    assert_int_equal(c.gained_inside, 1);
    assert_int_equal(c.gained_beyond, 2);
    assert_int_equal(c.lost_inside, 0);
    assert_int_equal(c.lost_beyond, 1);
    assert_int_equal(c.person[0].gained_inside, 1);
    assert_int_equal(c.person[0].gained_beyond, 0);
    assert_int_equal(c.person[2].gained_inside, 1);
    assert_int_equal(c.person[2].gained_beyond, 1);
    assert_int_equal(c.person[1].lost_beyond, 1);
    assert_int_equal(c.person[3].lost_beyond, 1);
    assert_int_equal(c.person[3].gained_beyond, 1);
    assert_int_equal(c.person[5].gained_beyond, 1);
    /* Contacts: before {1,2,0,1,0,0}, after {2,1,2,1,1,1}: differences {1,-1,2,0,1,1}. */
    const struct net_metric_change *d = &c.metric[NET_M_DEGREE];
    assert_int_equal(d->pairs, 6);
    assert_double_equal(d->mean_diff, 4.0 / 6.0, EPS);
    double mean = 4.0 / 6.0, ss = 0, diffs[] = {1, -1, 2, 0, 1, 1};
    for (int i = 0; i < 6; i++)
        ss += (diffs[i] - mean) * (diffs[i] - mean);
    assert_double_equal(d->d_z, mean / sqrt(ss / 5), EPS);
    assert_string_equal(net_metric_name(d->metric), "degree");
    net_comparison_free(&c);
    net_wave_free(&wb);
    net_wave_free(&wa);
}

/* With people->included, only those people's changes enter the means; the ties are the
 * caller's choice and are counted as given. */
static void test_compare_only_included(void **state)
{
    bool included[] = {true, true, true, false, true, true};
    struct net_people p = {.count = 6, .included = included};
    struct net_tie before[] = {T(0, 1), T(1, 3)};
    struct net_tie after[] = {T(1, 0), T(0, 2), T(4, 2), T(3, 5)};
    struct net_wave wb, wa;
    char *err = NULL;
    assert_int_equal(net_analyse(&p, before, 2, &wb, &err), 0);
    assert_int_equal(net_analyse(&p, after, 4, &wa, &err), 0);
    struct net_comparison c;
    assert_int_equal(net_compare(&p, before, 2, &wb, after, 4, &wa, &c, &err), 0);
    assert_int_equal(c.kept, 1);
    assert_int_equal(c.gained_beyond, 3);
    assert_int_equal(c.lost_beyond, 1);
    /* Contacts differences {1,-1,2,(0),1,1}: person 3 is left out. */
    const struct net_metric_change *d = &c.metric[NET_M_DEGREE];
    assert_int_equal(d->pairs, 5);
    assert_double_equal(d->mean_diff, 4.0 / 5.0, EPS);
    net_comparison_free(&c);
    net_wave_free(&wb);
    net_wave_free(&wa);
}

/* The layout is deterministic for a seed, inside the unit square, and places isolates. */
static void test_layout(void **state)
{
    struct net_tie t[] = {T(0, 1), T(1, 2), T(2, 0), T(3, 4)};
    struct net_layout l1, l2;
    char *err = NULL;
    assert_int_equal(net_layout(6, t, 4, 7, &l1, &err), 0);
    assert_int_equal(net_layout(6, t, 4, 7, &l2, &err), 0);
    for (int i = 0; i < 6; i++) {
        assert_true(l1.x[i] >= 0 && l1.x[i] <= 1 && l1.y[i] >= 0 && l1.y[i] <= 1);
        assert_double_equal(l1.x[i], l2.x[i], 0);
        assert_double_equal(l1.y[i], l2.y[i], 0);
    }
    net_layout_free(&l1);
    net_layout_free(&l2);
    struct net_layout empty;
    assert_int_equal(net_layout(0, NULL, 0, 1, &empty, &err), 0);
    net_layout_free(&empty);
}

/* igraph is not thread-safe in Debian's build; the engine's lock must make concurrent calls
 * (the web server's threads) give the same answers as one at a time. */
static struct net_tie TS(int a, int b, double strength) {
    return (struct net_tie){.from = a, .to = b, .relation = 0, .strength = strength};
}

/* Star with strengths: 0 named 1 (100), 2 (50) and 3 (50); 1 also named 0 with 20 and 0 named 3
 * again with 10 (another relation): each pair weighs its strongest tie, so the weights are 1,
 * 0.5, 0.5. Centre: weighted degree 2, shares 1/2, 1/4, 1/4 and no ties among the leaves, so
 * weighted constraint 1/4 + 1/16 + 1/16 = 0.375 while the unweighted one stays 3 * (1/3)^2. */
static void
test_weighted_star(void **state)
{
    struct net_tie t[] = {TS(0, 1, 100), TS(0, 2, 50), TS(0, 3, 50), TS(1, 0, 20), TS(0, 3, 10)};
    struct net_wave w;
    analyse(5, NULL, NULL, t, 5, &w);
    assert_true(w.cohort.weighted);
    assert_int_equal(w.cohort.ties_without_strength, 0);
    assert_double_equal(w.person[0].weighted_degree, 2.0, EPS);
    assert_double_equal(w.person[1].weighted_degree, 1.0, EPS);
    assert_double_equal(w.person[2].weighted_degree, 0.5, EPS);
    assert_double_equal(w.person[4].weighted_degree, 0.0, EPS); /* an isolate */
    assert_double_equal(w.person[0].weighted_constraint, 0.375, EPS);
    assert_double_equal(w.person[2].weighted_constraint, 1.0, EPS);
    assert_true(isnan(w.person[4].weighted_constraint));
    assert_double_equal(w.person[0].constraint, 1.0 / 3.0, EPS);
    assert_int_equal(w.person[0].degree, 3);
    /* Means: degrees (2 + 1 + 0.5 + 0.5 + 0) / 5; constraint over the four defined. */
    assert_double_equal(w.cohort.mean_weighted_degree, 0.8, EPS);
    assert_double_equal(w.cohort.mean_weighted_constraint, (0.375 + 3.0) / 4.0, EPS);
    net_wave_free(&w);
    (void)state;
}

/* Triangle weighing 0-1: 1, 0-2: 0.5, 1-2: 0.5. Ego 0's shares are p01 = 2/3, p02 = 1/3 and
 * p21 = 1/2, p12 = 1/3, so c0 = (2/3 + 1/3 * 1/2)^2 + (1/3 + 2/3 * 1/3)^2 = 325/324; ego 2's
 * shares are 1/2 each with p01 = 2/3 and p10 = 2/3: c2 = 2 (1/2 + 1/2 * 2/3)^2 = 50/36. */
static void test_weighted_triangle(void **state)
{
    struct net_tie t[] = {TS(0, 1, 100), TS(2, 0, 50), TS(1, 2, 50)};
    struct net_wave w;
    analyse(3, NULL, NULL, t, 3, &w);
    assert_double_equal(w.person[0].weighted_constraint, 325.0 / 324.0, EPS);
    assert_double_equal(w.person[1].weighted_constraint, 325.0 / 324.0, EPS);
    assert_double_equal(w.person[2].weighted_constraint, 50.0 / 36.0, EPS);
    assert_double_equal(w.person[2].weighted_degree, 1.0, EPS);
    net_wave_free(&w);
    (void)state;
}

/* A missing strength is not guessed: one tie without one leaves every weighted figure out and
 * is counted. A person whose only contact has strength 0 has weighted degree 0 and no weighted
 * constraint (0/0). No ties at all: nothing to weigh. */
static void test_weighted_missing_and_zero(void **state)
{
    struct net_tie partial[] = {TS(0, 1, 80), T(1, 2), TS(2, 3, 30)};
    struct net_wave w;
    analyse(4, NULL, NULL, partial, 3, &w);
    assert_false(w.cohort.weighted);
    assert_int_equal(w.cohort.ties_without_strength, 1);
    assert_true(isnan(w.cohort.mean_weighted_degree));
    assert_true(isnan(w.cohort.mean_weighted_constraint));
    for (int i = 0; i < 4; i++) {
        assert_true(isnan(w.person[i].weighted_degree));
        assert_true(isnan(w.person[i].weighted_constraint));
    }
    assert_double_equal(w.person[1].constraint, 0.5, EPS); /* unweighted figures unchanged */
    net_wave_free(&w);

    struct net_tie zero[] = {TS(0, 1, 60), TS(2, 1, 0)};
    analyse(3, NULL, NULL, zero, 2, &w);
    assert_true(w.cohort.weighted);
    assert_double_equal(w.person[2].weighted_degree, 0.0, EPS);
    assert_true(isnan(w.person[2].weighted_constraint));
    assert_double_equal(w.person[1].weighted_degree, 0.6, EPS);
    assert_double_equal(w.person[1].weighted_constraint, 1.0, EPS);
    net_wave_free(&w);

    analyse(3, NULL, NULL, NULL, 0, &w);
    assert_false(w.cohort.weighted);
    assert_int_equal(w.cohort.ties_without_strength, 0);
    assert_true(isnan(w.person[0].weighted_degree));
    net_wave_free(&w);
    (void)state;
}

static void *analyse_many(void *arg)
{
    struct net_tie t[] = {T(0, 1), T(1, 2), T(2, 0), T(3, 4), T(4, 5), T(5, 3), T(2, 3)};
    struct net_people p = {.count = 6};
    long bad = 0;
    for (int i = 0; i < 200; i++) {
        struct net_wave w;
        struct net_layout l;
        char *err = NULL;
        if (net_analyse(&p, t, 7, &w, &err) != 0 || fabs(w.person[2].betweenness - 6) > 1e-9)
            bad++;
        net_wave_free(&w);
        if (net_layout(6, t, 7, 3, &l, &err) != 0)
            bad++;
        net_layout_free(&l);
        free(err);
    }
    (void)arg;
    return (void *)bad;
}

static void test_concurrent_calls(void **state)
{
    pthread_t a, b;
    void *ra, *rb;
    assert_int_equal(pthread_create(&a, NULL, analyse_many, NULL), 0);
    assert_int_equal(pthread_create(&b, NULL, analyse_many, NULL), 0);
    pthread_join(a, &ra);
    pthread_join(b, &rb);
    assert_int_equal((long)ra, 0);
    assert_int_equal((long)rb, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_star),
        cmocka_unit_test(test_path),
        cmocka_unit_test(test_two_cliques_with_bridge),
        cmocka_unit_test(test_isolate),
        cmocka_unit_test(test_duplicates_and_reciprocity),
        cmocka_unit_test(test_tiny),
        cmocka_unit_test(test_bad_ties_rejected),
        cmocka_unit_test(test_ei_and_blau),
        cmocka_unit_test(test_paired_change),
        cmocka_unit_test(test_compare_waves),
        cmocka_unit_test(test_compare_only_included),
        cmocka_unit_test(test_layout),
        cmocka_unit_test(test_weighted_star),
        cmocka_unit_test(test_weighted_triangle),
        cmocka_unit_test(test_weighted_missing_and_zero),
        cmocka_unit_test(test_concurrent_calls),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
