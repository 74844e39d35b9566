/* rounds_solve: validates a request, picks a construction when mathematics gives a perfect
 * schedule for it, and otherwise runs the local search; then measures the result. */
#include "engine/rounds/rounds_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define COST_HARD_LIMIT 100000000000000LL

static int find(int *c, int i)
{
    while (c[i] != i)
        i = c[i] = c[c[i]];
    return i;
}

static int valid_pairs(const int *pairs, size_t count, int n, const char *what, char *err,
                       size_t errlen)
{
    for (size_t k = 0; k < count; k++) {
        int a = pairs[2 * k], b = pairs[2 * k + 1];
        if (a < 0 || b < 0 || a >= n || b >= n || a == b) {
            snprintf(err, errlen, "%s pair %zu names people %d and %d: not two of 0..%d", what,
                     k + 1, a, b, n - 1);
            return -1;
        }
    }
    return 0;
}

static void plan_free(struct rounds_plan *pl)
{
    free(pl->absent);
    free(pl->rel);
    free(pl->history);
    free(pl->tied);
    free(pl->tied_start);
    free(pl->mix);
    free(pl->tables);
}

/* Turns the request into dense arrays and refuses what cannot be met. */
static int plan_build(const struct rounds_request *req, struct rounds_plan *pl, char *err,
                      size_t errlen)
{
    int n = req->people, w = req->rounds, p = req->group_size;
    int *comp = NULL, *csize = NULL, rc = -1;
    memset(pl, 0, sizeof *pl);
    pl->n = n, pl->w = w, pl->p = p;
    pl->min_size = req->min_group_size;
    pl->locked = req->locked;
    pl->locked_rounds = req->locked_rounds;
    pl->seed = req->seed;
    pl->seconds = req->seconds;
    pl->max_iterations = req->max_iterations;
    pl->absent = calloc((size_t)w * n, 1);
    pl->rel = calloc((size_t)n * n, 1);
    pl->history = calloc((size_t)n * n, sizeof *pl->history);
    pl->tied = malloc((size_t)n * n * sizeof *pl->tied + 1);
    pl->tied_start = calloc((size_t)n + 1, sizeof *pl->tied_start);
    pl->tables = calloc((size_t)w, sizeof *pl->tables);
    comp = malloc((size_t)n * sizeof *comp);
    csize = calloc((size_t)n, sizeof *csize);
    if (!pl->absent || !pl->rel || !pl->history || !pl->tied || !pl->tied_start || !pl->tables ||
        !comp || !csize) {
        snprintf(err, errlen, "out of memory");
        goto out;
    }
    if (req->absent)
        memcpy(pl->absent, req->absent, (size_t)w * n);
    for (int r = 0; r < req->locked_rounds; r++)
        for (int i = 0; i < n; i++)
            pl->absent[(size_t)r * n + i] = req->locked[(size_t)r * n + i] < 0;
    for (int r = 0; r < w; r++) {
        int present = 0;
        for (int i = 0; i < n; i++)
            present += !pl->absent[(size_t)r * n + i];
        pl->tables[r] = rounds_table_count(present, p);
    }
    for (size_t k = 0; k < req->history_count; k++) {
        int a = req->history[2 * k], b = req->history[2 * k + 1];
        pl->history[(size_t)a * n + b]++;
        pl->history[(size_t)b * n + a]++;
    }
    for (size_t k = 0; k < req->apart_count; k++) {
        int a = req->apart[2 * k], b = req->apart[2 * k + 1];
        pl->rel[(size_t)a * n + b] |= REL_APART;
        pl->rel[(size_t)b * n + a] |= REL_APART;
    }
    if ((req->attr && req->mix_weight > 0) || req->mix_cost) {
        pl->mix = calloc((size_t)n * n, sizeof *pl->mix);
        if (!pl->mix) {
            snprintf(err, errlen, "out of memory");
            goto out;
        }
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) {
                size_t ij = (size_t)i * n + j;
                if (i == j)
                    continue;
                if (req->attr && req->mix_weight > 0 && req->attr[i] >= 0 &&
                    req->attr[i] == req->attr[j])
                    pl->mix[ij] += req->mix_weight;
                if (req->mix_cost && req->mix_cost[ij] > 0)
                    pl->mix[ij] += req->mix_cost[ij];
                if (pl->mix[ij] > 0)
                    pl->rel[ij] |= REL_SAME;
            }
    }
    for (int i = 0; i < n; i++)
        comp[i] = i;
    for (size_t k = 0; k < req->together_count; k++)
        comp[find(comp, req->together[2 * k])] = find(comp, req->together[2 * k + 1]);
    for (int i = 0; i < n; i++)
        csize[find(comp, i)]++;
    int at = 0;
    for (int i = 0; i < n; i++) {
        pl->tied_start[i] = at;
        for (int j = 0; j < n; j++)
            if (j != i && find(comp, i) == find(comp, j)) {
                if (pl->rel[(size_t)i * n + j] & REL_APART) {
                    snprintf(err, errlen,
                             "people %d and %d are asked both to sit together and to stay apart", i,
                             j);
                    goto out;
                }
                pl->rel[(size_t)i * n + j] |= REL_TIED;
                pl->tied[at++] = j;
            }
    }
    pl->tied_start[n] = at;
    /* A keep-together group must fit at the smallest table of every round it attends. */
    for (int r = req->locked_rounds; r < w; r++) {
        int present = 0;
        for (int i = 0; i < n; i++)
            present += !pl->absent[(size_t)r * n + i];
        int T = rounds_table_count(present, p);
        int smallest = T > 0 ? present / T : 0;
        memset(csize, 0, (size_t)n * sizeof *csize);
        for (int i = 0; i < n; i++)
            if (!pl->absent[(size_t)r * n + i])
                csize[find(comp, i)]++;
        for (int i = 0; i < n; i++)
            if (csize[i] > smallest && csize[i] > 1) {
                snprintf(err, errlen,
                         "round %d: a keep-together group of %d people does not fit at tables "
                         "of %d",
                         r + 1, csize[i], smallest);
                goto out;
            }
    }
    rc = 0;
out:
    free(comp);
    free(csize);
    return rc;
}

/* K when N = P^K, else 0. */
static int power_of(int p, int n)
{
    int k = 0;
    while (n > 1 && n % p == 0) {
        n /= p;
        k++;
    }
    return n == 1 ? k : 0;
}

int rounds_construct_perfect(int n, int p, int w, int *table, const char **method)
{
    if (p == 2 && rounds_construct_round_robin(n, w, table) == 0) {
        *method = "construction: round robin (circle method)";
    } else if (power_of(p, n) >= 3 &&
               rounds_construct_affine_space(p, power_of(p, n), w, table) == 0) {
        *method = "construction: lines of the affine space AG(k,q)";
    } else if (n == 28 && p == 4 && rounds_construct_unital(w, table) == 0) {
        *method = "construction: resolved Hermitian unital U(3)";
    } else if (rounds_construct_transversal(n / p, p, w, table) == 0) {
        *method = n / p == p ? "construction: affine plane AG(2,q)"
                             : "construction: transversal design from AG(2,q)";
    } else if (rounds_construct_known(n, p, w, table, method) != 0) {
        return -1;
    }
    return 0;
}

static int plain(const struct rounds_request *req)
{
    return !req->search_only && !req->absent && req->locked_rounds == 0 && req->apart_count == 0 &&
           req->together_count == 0 && req->history_count == 0 &&
           !(req->attr && req->mix_weight > 0) && !req->mix_cost;
}

/* Measures a schedule the way rounds_check does, for the result's figures. */
static void measure(const struct rounds_request *req, const struct rounds_plan *pl,
                    struct rounds_result *res)
{
    int n = req->people;
    long rep = 0, same = 0;
    int most = 0;
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++) {
            int m = pl->history[(size_t)i * n + j], m_now = 0;
            for (int r = 0; r < req->rounds; r++) {
                const int *t = res->table + (size_t)r * n;
                if (t[i] >= 0 && t[i] == t[j])
                    m_now++;
            }
            m += m_now;
            if (req->attr && req->attr[i] >= 0 && req->attr[i] == req->attr[j])
                same += m_now;
            if (pl->rel[(size_t)i * n + j] & REL_TIED)
                continue;
            rep += m > 1;
            most = m > most ? m : most;
        }
    res->repeat_pairs = rep;
    res->max_meetings = most;
    res->perfect = rep == 0;
    res->same_attr = same;
}

/* Repairs the best design for PL (rounds_repair_seed): on success *SEED is the schedule the
 * search starts from (PL->init) and PL's tables its layout, else *SEED stays NULL; what it took
 * comes off PL's time. Returns -1 only when out of memory. */
static int repair(struct rounds_plan *pl, int **seed, const char **method)
{
    int n = pl->n, w = pl->w;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int *s = malloc((size_t)w * n * sizeof *s), *layout = malloc((size_t)w * sizeof *layout);
    if (!s || !layout) {
        free(s);
        free(layout);
        return -1;
    }
    if (rounds_repair_seed(pl, s, layout, method) == 0) {
        pl->init = *seed = s;
        memcpy(pl->tables, layout, (size_t)w * sizeof *layout);
    } else {
        free(s);
    }
    free(layout);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double used = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    double budget = pl->seconds > 0 ? pl->seconds : 2.0;
    pl->seconds = budget - used > 0.01 ? budget - used : 0.01;
    return 0;
}

int rounds_solve(const struct rounds_request *req, struct rounds_result *out, char *err,
                 size_t errlen)
{
    struct rounds_plan pl;
    memset(out, 0, sizeof *out);
    int n = req->people, w = req->rounds, p = req->group_size;
    if (n < 2 || n > ROUNDS_MAX_PEOPLE) {
        snprintf(err, errlen, "need 2 to %d people, not %d", ROUNDS_MAX_PEOPLE, n);
        return -1;
    }
    if (p < 2 || p > ROUNDS_MAX_GROUP || p > n) {
        snprintf(err, errlen, "table size %d must be between 2 and %d and at most the %d people", p,
                 ROUNDS_MAX_GROUP, n);
        return -1;
    }
    if (w < 1 || w > ROUNDS_MAX_ROUNDS || req->locked_rounds < 0 || req->locked_rounds > w) {
        snprintf(err, errlen, "need 1 to %d rounds (and at most that many locked)",
                 ROUNDS_MAX_ROUNDS);
        return -1;
    }
    if (req->min_group_size < 0 || req->min_group_size > p) {
        snprintf(err, errlen, "the smallest table size %d must be between 0 and the table size %d",
                 req->min_group_size, p);
        return -1;
    }
    if (valid_pairs(req->apart, req->apart_count, n, "keep-apart", err, errlen) ||
        valid_pairs(req->together, req->together_count, n, "keep-together", err, errlen) ||
        valid_pairs(req->history, req->history_count, n, "history", err, errlen))
        return -1;
    if (plan_build(req, &pl, err, errlen) != 0 || rounds_feasible(&pl, err, errlen) != 0) {
        plan_free(&pl);
        return -1;
    }
    out->people = n;
    out->rounds = w;
    out->bound = rounds_bound_sizes(n, p, req->min_group_size);
    out->table = malloc((size_t)w * n * sizeof *out->table);
    out->tables = calloc((size_t)w, sizeof *out->tables);
    if (!out->table || !out->tables) {
        snprintf(err, errlen, "out of memory");
        goto fail;
    }
    int built = -1, *prefix = NULL, divides = plain(req) && n % p == 0;
    if (divides)
        built = rounds_construct_perfect(n, p, w, out->table, &out->method);
    /* A proven lower bound for every request; the search stops when it reaches it (not with
     * keep-together pairs, whose meetings lower the search's cost below any bound). */
    long least = rounds_least_repeats(&pl);
    if (least > 0 && req->together_count == 0)
        pl.floor_repeats = least;
    /* A plain request that divides but has no construction, with a size range that allows
     * more tables: a design with one table more may have every round (35 at 4-5 x 8); the
     * repair says so by laying out more tables, else the paths below go on as for any. */
    int *seed = NULL;
    const char *seed_method = NULL;
    if (built != 0 && divides && !req->search_only &&
        rounds_table_count_most(n, p, req->min_group_size) > n / p) {
        if (repair(&pl, &seed, &seed_method) != 0) {
            snprintf(err, errlen, "out of memory");
            goto fail;
        }
        int more = 0;
        for (int r = 0; r < w; r++)
            more |= pl.tables[r] > n / p;
        if (seed && !more) {
            free(seed);
            seed = NULL;
            seed_method = NULL;
            pl.init = NULL;
        }
    }
    /* No construction up to the bound: a third of the time goes to the cyclic search, which
     * finds perfect schedules that the local search misses (e.g. 12-4-12, 11-3-15). */
    if (built != 0 && !seed && divides && w <= rounds_bound(n, p)) {
        double budget = pl.seconds > 0 ? pl.seconds : 2.0, share = budget / 3;
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        /* Its moves cost n^2/2 evaluations each: under a move budget it gets at most 20000. */
        long moves = req->max_iterations > 20000 ? 20000 : req->max_iterations;
        if (rounds_construct_cyclic(n, p, w, req->seed, share, moves, out->table) == 0) {
            out->method = "construction: base round developed cyclically (found by search)";
            built = 0;
        }
        clock_gettime(CLOCK_MONOTONIC, &t1);
        double used = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
        pl.seconds = budget - used > 0.01 ? budget - used : 0.01;
    }
    /* Past the bound repeats are unavoidable: keep a perfect first part by construction when
     * there is one (e.g. 8-4-11 starts from 8-4-10) and search only the rounds after it. */
    int pre = 0;
    const char *pre_method = NULL;
    if (built != 0 && !seed && divides && w > rounds_bound(n, p))
        for (pre = rounds_bound(n, p); pre >= 2; pre--)
            if (rounds_construct_perfect(n, p, pre, out->table, &pre_method) == 0)
                break;
    /* Anything but a plain request that divides: repair the best design for it, and let the
     * search start from there (issue 17). */
    if (built != 0 && !req->search_only && !divides && repair(&pl, &seed, &seed_method) != 0) {
        snprintf(err, errlen, "out of memory");
        goto fail;
    }
    if (built != 0 && pre >= 2) {
        prefix = malloc((size_t)pre * n * sizeof *prefix);
        if (!prefix) {
            snprintf(err, errlen, "out of memory");
            goto fail;
        }
        memcpy(prefix, out->table, (size_t)pre * n * sizeof *prefix);
        pl.locked = prefix;
        pl.locked_rounds = pre;
    }
    if (built != 0) {
        long long cost = 0;
        double budget = pl.seconds > 0 ? pl.seconds : 2.0;
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        if (seed)
            pl.seconds = budget / 4;
        int src = rounds_search(&pl, out->table, &cost);
        /* A repaired design that still has repeats above the bound may hold the search in a
         * corner (tables dissolved, say): a quarter of the budget goes to a search from greedy
         * rounds, and the rest continues whichever of the two schedules is better. */
        if (src == 0 && seed && cost > pl.floor_repeats * ROUNDS_COST_REPEAT) {
            int *alt = malloc((size_t)w * n * sizeof *alt);
            long long alt_cost = 0;
            pl.init = NULL;
            src = alt ? rounds_search(&pl, alt, &alt_cost) : -1;
            if (src == 0 && alt_cost < cost) {
                memcpy(out->table, alt, (size_t)w * n * sizeof *alt);
                cost = alt_cost;
                seed_method = NULL;
            }
            clock_gettime(CLOCK_MONOTONIC, &t1);
            double used = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
            if (src == 0 && cost > pl.floor_repeats * ROUNDS_COST_REPEAT &&
                (budget - used > 0.01 || req->max_iterations > 0)) {
                memcpy(alt, out->table, (size_t)w * n * sizeof *alt);
                /* (Under a move budget the moves decide, not what is left of the clock.) */
                pl.seconds = req->max_iterations > 0 ? budget : budget - used;
                pl.init = alt;
                src = rounds_search(&pl, out->table, &cost);
            }
            free(alt);
        }
        free(prefix);
        free(seed);
        pl.init = NULL;
        if (src != 0) {
            snprintf(err, errlen, "out of memory");
            goto fail;
        }
        if (cost >= COST_HARD_LIMIT) {
            snprintf(err, errlen,
                     "the keep-apart and keep-together requests leave no room: no seating "
                     "honours them all in every round (found none in the time allowed)");
            goto fail;
        }
        out->method = pre >= 2 ? "construction for the rounds up to the bound, then local search"
                      : seed_method
                          ? "repaired design: people named onto a perfect design's points, then "
                            "local search"
                          : "local search";
    }
    for (int r = 0; r < w; r++)
        for (int i = 0; i < n; i++)
            if (out->table[(size_t)r * n + i] + 1 > out->tables[r])
                out->tables[r] = out->table[(size_t)r * n + i] + 1;
    measure(req, &pl, out);
    out->least_repeats = least > 0 ? least : 0;
    out->optimal =
        out->perfect || (least > 0 && out->repeat_pairs <= least && out->max_meetings <= 2);
    plan_free(&pl);
    return 0;
fail:
    plan_free(&pl);
    rounds_result_free(out);
    return -1;
}

long rounds_request_least_repeats(const struct rounds_request *req)
{
    struct rounds_plan pl;
    char err[256];
    int n = req->people, w = req->rounds, p = req->group_size;
    if (n < 2 || n > ROUNDS_MAX_PEOPLE || p < 2 || p > ROUNDS_MAX_GROUP || p > n || w < 1 ||
        w > ROUNDS_MAX_ROUNDS || req->locked_rounds < 0 || req->locked_rounds > w ||
        valid_pairs(req->apart, req->apart_count, n, "keep-apart", err, sizeof err) ||
        valid_pairs(req->together, req->together_count, n, "keep-together", err, sizeof err) ||
        valid_pairs(req->history, req->history_count, n, "history", err, sizeof err))
        return -1;
    long least = -1;
    if (plan_build(req, &pl, err, sizeof err) == 0)
        least = rounds_least_repeats(&pl);
    plan_free(&pl);
    return least;
}

void rounds_result_free(struct rounds_result *res)
{
    free(res->table);
    free(res->tables);
    memset(res, 0, sizeof *res);
}
