/* Proven lower bounds on repeats for any request, by counting (issue 17). In the rounds still
 * to plan, each round's table sizes are fixed by the people present (the fewest tables, sizes
 * within one), so each person has a known least number of seats beside others, and each round
 * a known number of meetings. A pair that has not met yet (in history or locked rounds), is not
 * kept apart and is present together in some round can take one of them as a first meeting;
 * every other meeting makes a repeated pair, and when no pair meets three times, a different
 * one each time. Keep-together partners fill their seats without counting.
 *
 * Some new pairs can never take their first meeting: a person with fewer seats, even at the
 * largest table of every round they attend, than people still to meet (someone who leaves
 * early, say) leaves the difference unmet. Those unmet pairs form a graph in which that person
 * has at least that degree, so there are at least half the sum of the differences and at least
 * the largest one; every meeting of the rounds to plan beyond the first meetings still possible
 * makes a repeated pair. (32 at 4 x 11 with one leaver after round 8: the leaver has 24 seats
 * for 31 people, 7 pairs stay unmet, and 519 meetings against 496 - 7 possible first meetings
 * give 30 repeats, not 23.) */
#include "engine/rounds/rounds_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The largest p for which the keep-apart bound of a complete schedule is 2(p - 1), not 4. */
#define APART_PROVEN_P 5

/* Whether the schedule is complete: n = p^2 people, all present in all p + 1 rounds at p tables
 * of p (locked rounds too), no history and no keep-together pairs. Then for two rounds r and s
 * the p x p matrix of table intersections |B n C| has every row and column summing to p, and
 * the pairs meeting in both rounds number sum C(x, 2) = sum d^2 / 2 for d = x - 1 (the d sum to
 * zero). A nonzero integer matrix d with zero row and column sums has sum d^2 >= 4 (a +1 needs
 * a -1 in its row and one in its column, and those another +1), so two rounds that are not
 * orthogonal repeat at least 2 pairs; and when all pairs of rounds are orthogonal nothing
 * repeats. So a complete schedule with any repeat has at least 2. */
static int complete(const struct rounds_plan *pl)
{
    int n = pl->n, p = pl->p, ok = n == p * p && pl->w == p + 1 && pl->tied_start[n] == 0;
    for (size_t k = 0; ok && k < (size_t)pl->w * n; k++)
        ok = !pl->absent[k];
    for (size_t ij = 0; ok && ij < (size_t)n * n; ij++)
        ok = pl->history[ij] == 0;
    for (int r = 0; ok && r < pl->locked_rounds; r++) {
        int size[ROUNDS_MAX_PEOPLE] = {0};
        for (int i = 0; ok && i < n; i++) {
            int t = pl->locked[(size_t)r * n + i];
            ok = t >= 0 && t < n && ++size[t] <= p;
        }
        for (int t = 0; ok && t < n; t++)
            ok = size[t] == 0 || size[t] == p;
    }
    return ok;
}

long rounds_least_repeats(const struct rounds_plan *pl)
{
    int n = pl->n, w = pl->w, k = pl->locked_rounds;
    long result = 0;
    int *c0 = calloc((size_t)n * n, sizeof *c0);
    uint64_t *mask = calloc((size_t)n * 2, sizeof *mask);
    long *seats = calloc((size_t)n, sizeof *seats);
    long *most = calloc((size_t)n, sizeof *most); /* seats at the largest tables */
    if (!c0 || !mask || !seats || !most)
        goto out;
    for (size_t ij = 0; ij < (size_t)n * n; ij++)
        c0[ij] = pl->history[ij];
    for (int r = 0; r < k; r++) {
        const int *L = pl->locked + (size_t)r * n;
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
                if (L[i] >= 0 && L[i] == L[j])
                    c0[(size_t)i * n + j]++, c0[(size_t)j * n + i]++;
    }
    long long meetings = 0; /* meetings in the rounds to plan, keep-together ones left out */
    for (int r = k; r < w; r++) {
        const unsigned char *abs = pl->absent + (size_t)r * n;
        int m = 0;
        for (int i = 0; i < n; i++)
            m += !abs[i];
        if (m == 0)
            continue;
        int T = rounds_table_count(m, pl->p), lo = m / T, big = m % T;
        meetings += (long long)big * (lo + 1) * lo / 2 + (long long)(T - big) * lo * (lo - 1) / 2;
        for (int i = 0; i < n; i++) {
            if (abs[i])
                continue;
            mask[2 * i + (r >= 64)] |= 1ULL << (r % 64);
            int tied = 0;
            for (int t = pl->tied_start[i]; t < pl->tied_start[i + 1]; t++)
                tied += !abs[pl->tied[t]];
            seats[i] += lo - 1 - tied;
            most[i] += lo + (big > 0) - 1 - tied;
        }
    }
    /* Keep-together partners present sit together: those meetings are not to be counted. */
    long long tied_twice = 0;
    for (int r = k; r < w; r++)
        for (int i = 0; i < n; i++)
            if (!pl->absent[(size_t)r * n + i])
                for (int t = pl->tied_start[i]; t < pl->tied_start[i + 1]; t++)
                    tied_twice += !pl->absent[(size_t)r * n + pl->tied[t]];
    meetings -= tied_twice / 2;
    long already = 0, fresh_pairs = 0, most_unmet = 0;
    long long excess = 0, unmet = 0;
    for (int i = 0; i < n; i++) {
        long fresh = 0, room = 0;
        for (int j = 0; j < n; j++) {
            size_t ij = (size_t)i * n + j;
            if (j == i || (pl->rel[ij] & REL_TIED))
                continue;
            if (j > i && c0[ij] >= 2)
                already++;
            int together = (mask[2 * i] & mask[2 * j]) || (mask[2 * i + 1] & mask[2 * j + 1]);
            if (!together || (pl->rel[ij] & REL_APART))
                continue;
            fresh += c0[ij] == 0;
            room += c0[ij] <= 1;
            fresh_pairs += j > i && c0[ij] == 0;
        }
        /* Fewer seats, even at the largest tables, than people still to meet: that many of
         * the new pairs stay unmet, whatever the schedule. */
        if (fresh > most[i]) {
            unmet += fresh - most[i];
            most_unmet = fresh - most[i] > most_unmet ? fresh - most[i] : most_unmet;
        }
        long e = seats[i] - fresh;
        if (e > room) {
            result = -1; /* more seats than twice-meetings allow: someone meets three times */
            goto out;
        }
        excess += e > 0 ? e : 0;
    }
    long by_person = (long)((excess + 1) / 2);
    /* An unmet new pair is counted by both its people (a graph with these degrees has at least
     * half their sum of edges, and at least the largest degree): the new pairs that can take a
     * first meeting are fewer by that many. */
    long forced = (long)((unmet + 1) / 2) > most_unmet ? (long)((unmet + 1) / 2) : most_unmet;
    long firsts = fresh_pairs - forced;
    long by_round = meetings - firsts > 0 ? (long)(meetings - firsts) : 0;
    result = already + (by_person > by_round ? by_person : by_round);
    /* A complete schedule with a keep-apart pair, p >= 3: if p of its rounds are pairwise
     * orthogonal they are a net of deficiency 1, which completes to an affine plane whose last
     * parallel class is the pairs the net leaves unmet, p blocks of p. The keep-apart pair never
     * meets, so it lies in one block, and the last round must split that block: at least two
     * of its tables are not blocks, each holding people of two or more blocks, whose pairs met
     * in the net: at least p - 1 repeats each, 2(p - 1) >= 4 in all. Otherwise no p rounds are
     * pairwise orthogonal, so at least two pairs of rounds are not (with one, leaving out one of
     * its rounds leaves p orthogonal ones), each repeating at least 2 pairs, different pairs
     * when no pair meets three times (as for every bound here): 4. For p <= APART_PROVEN_P
     * that second case has 2(p - 1) too: fewer repeats leave at most p - 2 pairs of rounds not
     * orthogonal, none for p = 3, and bench/rounds_apart_proof.sh has a SAT solver rule out
     * every such pattern for p = 4 and 5; 2(p - 1) is reached by moving one person in the last
     * round of an affine plane. Without one, any repeat in a complete schedule means at least
     * 2 (see complete). */
    if (result >= 1 && result < 2 * (pl->p - 1) && complete(pl)) {
        int apart = 0;
        for (size_t ij = 0; ij < (size_t)n * n && !apart; ij++)
            apart = pl->rel[ij] & REL_APART;
        if (apart && pl->p >= 3)
            result = pl->p <= APART_PROVEN_P ? 2 * (pl->p - 1) : result > 4 ? result : 4;
        else if (result == 1)
            result = 2;
    }
out:
    free(c0);
    free(mask);
    free(seats);
    free(most);
    return result;
}
