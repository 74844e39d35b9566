/* The independent checker: recomputes everything from the schedule itself, sharing no code with
 * the search, so that tests can trust what it says about any engine output. */
#include "engine/rounds/rounds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int rounds_bound(int people, int group_size)
{
    if (group_size < 2 || people < 2)
        return 0;
    int T = rounds_table_count(people, group_size);
    if (people / T + (people % T > 0) > T)
        return 1; /* a table of round 2 bigger than the tables of round 1 repeats a pair */
    return (people - 1) / (group_size - 1);
}

int rounds_table_count(int present, int group_size)
{
    if (group_size < 1 || present <= 0)
        return 0;
    return (present + group_size - 1) / group_size;
}

int rounds_bound_sizes(int people, int group_size, int min_group_size)
{
    int T = rounds_table_count_most(people, group_size, min_group_size);
    if (T < 1 || people < 2)
        return 0;
    int lo = people / T, big = people % T;
    long meetings = (long)big * (lo + 1) * lo / 2 + (long)(T - big) * lo * (lo - 1) / 2;
    if (meetings == 0)
        return 0;
    if (lo + (big > 0) > T)
        return 1; /* a table of round 2 has more people than round 1 has tables */
    long by_pairs = (long)people * (people - 1) / 2 / meetings;
    long by_person = lo >= 2 ? (people - 1) / (lo - 1) : by_pairs;
    return (int)(by_pairs < by_person ? by_pairs : by_person);
}

int rounds_table_count_most(int present, int group_size, int min_group_size)
{
    int fewest = rounds_table_count(present, group_size);
    if (min_group_size <= 0 || present / min_group_size <= fewest)
        return fewest;
    return present / min_group_size;
}

static int find(int *comp, int i)
{
    while (comp[i] != i)
        i = comp[i] = comp[comp[i]];
    return i;
}

/* In a locked round the lock says who was there (as in the planner): a person it leaves out
 * was absent, whatever the absence list says of that round. */
static int absent_at(const struct rounds_request *req, int r, int i)
{
    if (r < req->locked_rounds)
        return req->locked[(size_t)r * req->people + i] < 0;
    return req->absent && req->absent[(size_t)r * req->people + i];
}

int rounds_check(const struct rounds_request *req, const int *table, long *repeats,
                 int *max_meetings, char *err, size_t errlen)
{
    int n = req->people, w = req->rounds, p = req->group_size;
    int rc = -1;
    int *meet = calloc((size_t)n * n, sizeof *meet);
    int *size = calloc((size_t)n + 1, sizeof *size);
    int *comp = NULL;
    if (!meet || !size) {
        snprintf(err, errlen, "out of memory");
        goto out;
    }
    for (size_t h = 0; h < req->history_count; h++) {
        int a = req->history[2 * h], b = req->history[2 * h + 1];
        meet[a * n + b]++;
        meet[b * n + a]++;
    }
    for (int r = 0; r < w; r++) {
        const int *t = table + (size_t)r * n;
        int present = 0;
        memset(size, 0, ((size_t)n + 1) * sizeof *size);
        for (int i = 0; i < n; i++) {
            if (r < req->locked_rounds && req->locked[(size_t)r * n + i] != t[i]) {
                snprintf(err, errlen, "round %d: locked round changed for person %d", r + 1, i);
                goto out;
            }
            if (absent_at(req, r, i)) {
                if (t[i] != -1) {
                    snprintf(err, errlen, "round %d: absent person %d is seated", r + 1, i);
                    goto out;
                }
                continue;
            }
            if (t[i] < 0 || t[i] >= n) {
                snprintf(err, errlen, "round %d: person %d has no table", r + 1, i);
                goto out;
            }
            present++;
            size[t[i]]++;
        }
        int tables = 0, lo = n + 1, hi = 0;
        for (int k = 0; k < n; k++)
            if (size[k] > 0) {
                if (k != tables && r >= req->locked_rounds) {
                    snprintf(err, errlen, "round %d: table numbers are not 0..T-1", r + 1);
                    goto out;
                }
                tables++;
                lo = size[k] < lo ? size[k] : lo;
                hi = size[k] > hi ? size[k] : hi;
            }
        if (r >= req->locked_rounds && present > 0 &&
            (tables < rounds_table_count(present, p) ||
             tables > rounds_table_count_most(present, p, req->min_group_size) || hi - lo > 1 ||
             hi > p || lo < req->min_group_size)) {
            snprintf(err, errlen, "round %d: %d tables of %d to %d people for %d present", r + 1,
                     tables, lo, hi, present);
            goto out;
        }
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
                if (t[i] >= 0 && t[i] == t[j]) {
                    meet[i * n + j]++;
                    meet[j * n + i]++;
                }
        for (size_t k = 0; k < req->apart_count; k++) {
            int a = req->apart[2 * k], b = req->apart[2 * k + 1];
            if (t[a] >= 0 && t[a] == t[b]) {
                snprintf(err, errlen, "round %d: keep-apart pair %d and %d share table %d", r + 1,
                         a, b, t[a] + 1);
                goto out;
            }
        }
        for (size_t k = 0; k < req->together_count; k++) {
            int a = req->together[2 * k], b = req->together[2 * k + 1];
            if (t[a] >= 0 && t[b] >= 0 && t[a] != t[b]) {
                snprintf(err, errlen, "round %d: keep-together pair %d and %d are apart", r + 1, a,
                         b);
                goto out;
            }
        }
    }
    comp = malloc((size_t)n * sizeof *comp);
    if (!comp) {
        snprintf(err, errlen, "out of memory");
        goto out;
    }
    for (int i = 0; i < n; i++)
        comp[i] = i;
    for (size_t k = 0; k < req->together_count; k++)
        comp[find(comp, req->together[2 * k])] = find(comp, req->together[2 * k + 1]);
    long rep = 0;
    int most = 0;
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++) {
            int m = meet[i * n + j];
            if (find(comp, i) == find(comp, j))
                continue; /* asked to sit together: their meetings are not repeats */
            if (m > 1)
                rep++;
            if (m > most)
                most = m;
        }
    if (repeats)
        *repeats = rep;
    if (max_meetings)
        *max_meetings = most;
    rc = 0;
out:
    free(meet);
    free(size);
    free(comp);
    return rc;
}
