/* Proven lower bounds on repeats for any request, by counting (issue 17). In the rounds still
 * to plan, each round's table sizes are fixed by the people present and the number of tables
 * (the fewest, or with a size range up to rounds_table_count_most; sizes within one), so each
 * person has a known least number of seats beside others, and each round a known least number
 * of meetings. A pair that has not met yet (in history or locked rounds), is not
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
 * give 30 repeats, not 23.) A keep-together group has room for few others (tied_excess): 32
 * at 4 x 10 with one tied pair seats 20 beside it, so 10 people never meet the pair and repeat
 * a seat each: 5 repeats, not 0. And two rounds with the same people force repeats when tables
 * hold more people than a round has tables (round_pair_repeats: 12 at 4 x 2, 3 repeats). */
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
    int n = pl->n, p = pl->p,
        ok = n == p * p && pl->w == p + 1 && pl->tied_start[n] == 0 &&
             rounds_table_count_most(n, p, pl->min_size) == p;
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

static int by_size(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

/* A keep-together group seats few others: its table in a round to plan has room for the
 * largest table's size less the members present, so at most S people ever sit with it (S the
 * sum over the rounds). Everyone else who still has members of the group to meet misses them,
 * each a new partner fewer, so a seat more repeats once their seats pass the partners left:
 * the excess max(0, gap + f) replaces max(0, gap), for GAP their seats less the people still
 * to meet and F the members missed. At least all but S of those people miss the group: the
 * smallest increases are added. One person missing several groups adds at least the sum of
 * the increases (max(0, x) is convex), so the groups' sums add too. C0 holds the meetings so
 * far, MASK the rounds each person attends. Returns the excess added, or -1 out of memory. */
static long long tied_excess(const struct rounds_plan *pl, const int *c0, const uint64_t *mask,
                             const long *gap)
{
    int n = pl->n;
    if (pl->tied_start[n] == 0)
        return 0;
    int *group = malloc((size_t)n * sizeof *group), *members = malloc((size_t)n * sizeof *members);
    long *rise = malloc((size_t)n * sizeof *rise);
    long long added = 0;
    if (!group || !members || !rise) {
        added = -1;
        goto out;
    }
    for (int i = 0; i < n; i++)
        group[i] = -1;
    for (int root = 0; root < n; root++) {
        if (group[root] >= 0 || pl->tied_start[root] == pl->tied_start[root + 1])
            continue;
        int size = 0; /* the group of ROOT: everyone tied to it, directly or not */
        group[root] = root;
        members[size++] = root;
        for (int at = 0; at < size; at++)
            for (int t = pl->tied_start[members[at]]; t < pl->tied_start[members[at] + 1]; t++)
                if (group[pl->tied[t]] < 0) {
                    group[pl->tied[t]] = root;
                    members[size++] = pl->tied[t];
                }
        long room = 0;
        for (int r = pl->locked_rounds; r < pl->w; r++) {
            const unsigned char *abs = pl->absent + (size_t)r * n;
            int present = 0, in_group = 0;
            for (int i = 0; i < n; i++) {
                present += !abs[i];
                in_group += !abs[i] && group[i] == root;
            }
            if (in_group == 0)
                continue;
            int T = rounds_table_count(present, pl->p); /* the fewest: the largest tables */
            int largest = present / T + (present % T > 0);
            room += largest > in_group ? largest - in_group : 0;
        }
        long candidates = 0;
        for (int z = 0; z < n; z++) {
            if (group[z] == root)
                continue;
            long missed = 0;
            for (int m = 0; m < size; m++) {
                int g = members[m];
                size_t zg = (size_t)z * n + g;
                int together = (mask[2 * z] & mask[2 * g]) || (mask[2 * z + 1] & mask[2 * g + 1]);
                missed += together && !(pl->rel[zg] & REL_APART) && c0[zg] == 0;
            }
            if (missed == 0)
                continue;
            long before = gap[z] > 0 ? gap[z] : 0,
                 after = gap[z] + missed > 0 ? gap[z] + missed : 0;
            rise[candidates++] = after - before;
        }
        if (candidates <= room)
            continue;
        qsort(rise, (size_t)candidates, sizeof *rise, by_size);
        for (long c = 0; c < candidates - room; c++)
            added += rise[c];
    }
out:
    free(group);
    free(members);
    free(rise);
    return added;
}

/* Pairs that meet at a table of S people drawn from the T tables of an earlier round: at least
 * those of S spread as evenly as it goes over T tables (pigeonhole; sum C(q, 2) is convex). */
static long spread_pairs(int s, int T)
{
    long q = s / T, more = s % T;
    return more * (q + 1) * q / 2 + (T - more) * q * (q - 1) / 2;
}

/* Two rounds with the same people present, the later one still to plan: each of its tables of
 * S people takes them from the T tables of the earlier one, so when S > T some of them sat
 * together before (12 at 4: 3 tables, so every table of round 2 repeats a pair). Without a pair
 * meeting three times, a pair repeated between two rounds is repeated between no other two, so
 * the sums over pairs of rounds add up. Keep-together pairs meet every round without counting,
 * so there is no such bound with them. Returns the repeats forced, or 0. */
static long round_pair_repeats(const struct rounds_plan *pl)
{
    int n = pl->n, w = pl->w, k = pl->locked_rounds;
    if (pl->tied_start[n] != 0)
        return 0;
    long forced = 0;
    for (int b = k; b < w; b++) {
        const unsigned char *absb = pl->absent + (size_t)b * n;
        int m = 0;
        for (int i = 0; i < n; i++)
            m += !absb[i];
        if (m < 2)
            continue;
        int T = rounds_table_count_most(m, pl->p, pl->min_size), lo = m / T, big = m % T;
        for (int a = 0; a < b; a++) {
            if (memcmp(pl->absent + (size_t)a * n, absb, (size_t)n) != 0)
                continue;
            int Ta = T; /* a round to plan has at most T tables; a locked one has its own */
            if (a < k) {
                unsigned char used[ROUNDS_MAX_PEOPLE] = {0};
                Ta = 0;
                for (int i = 0; i < n; i++) {
                    int t = pl->locked[(size_t)a * n + i];
                    if (t >= 0 && t < n && !used[t])
                        used[t] = 1, Ta++;
                }
                if (Ta < 1)
                    continue;
            }
            forced += big * spread_pairs(lo + 1, Ta) + (T - big) * spread_pairs(lo, Ta);
        }
    }
    return forced;
}

long rounds_least_repeats(const struct rounds_plan *pl)
{
    int n = pl->n, w = pl->w, k = pl->locked_rounds;
    long result = 0;
    int *c0 = calloc((size_t)n * n, sizeof *c0);
    uint64_t *mask = calloc((size_t)n * 2, sizeof *mask);
    long *seats = calloc((size_t)n, sizeof *seats);
    long *most = calloc((size_t)n, sizeof *most); /* seats at the largest tables */
    long *gap = calloc((size_t)n, sizeof *gap);   /* seats less the people still to meet */
    if (!c0 || !mask || !seats || !most || !gap)
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
        /* A size range lets a round have more tables than the fewest (rounds_table_count_most):
         * the meetings and seats are counted at the most tables, which has the fewest of both,
         * and the seats at the largest tables at the fewest, so the bound holds for any. */
        int T = rounds_table_count_most(m, pl->p, pl->min_size), lo = m / T, big = m % T;
        int T0 = rounds_table_count(m, pl->p), largest = m / T0 + (m % T0 > 0);
        meetings += (long long)big * (lo + 1) * lo / 2 + (long long)(T - big) * lo * (lo - 1) / 2;
        for (int i = 0; i < n; i++) {
            if (abs[i])
                continue;
            mask[2 * i + (r >= 64)] |= 1ULL << (r % 64);
            int tied = 0;
            for (int t = pl->tied_start[i]; t < pl->tied_start[i + 1]; t++)
                tied += !abs[pl->tied[t]];
            seats[i] += lo - 1 - tied;
            most[i] += largest - 1 - tied;
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
        long e = gap[i] = seats[i] - fresh;
        if (e > room) {
            result = -1; /* more seats than twice-meetings allow: someone meets three times */
            goto out;
        }
        excess += e > 0 ? e : 0;
    }
    long long tied = tied_excess(pl, c0, mask, gap);
    if (tied < 0)
        goto out;
    excess += tied;
    long by_person = (long)((excess + 1) / 2);
    /* An unmet new pair is counted by both its people (a graph with these degrees has at least
     * half their sum of edges, and at least the largest degree): the new pairs that can take a
     * first meeting are fewer by that many. */
    long forced = (long)((unmet + 1) / 2) > most_unmet ? (long)((unmet + 1) / 2) : most_unmet;
    long firsts = fresh_pairs - forced;
    long by_round = meetings - firsts > 0 ? (long)(meetings - firsts) : 0;
    result = already + (by_person > by_round ? by_person : by_round);
    long by_pairs_of_rounds = round_pair_repeats(pl);
    if (already + by_pairs_of_rounds > result)
        result = already + by_pairs_of_rounds;
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
    free(gap);
    return result;
}
