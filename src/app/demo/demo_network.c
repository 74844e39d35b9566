/* The demo's network survey answers (see demo_network.h). */
#include "app/demo/demo_network.h"

#include "core/rng.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* Share of people who answer each wave, as in a real programme's survey. */
#define BASELINE_RESPONSE 85
#define FINAL_RESPONSE    78

/* A number in [0, N) (0 when N <= 0) from core/rng's splitmix64 stream, whose exact sequence
 * the demo waves depend on. */
static int below(uint64_t *rng, int n)
{
    return n > 0 ? (int)(rng_splitmix64(rng) % (uint64_t)n) : 0;
}

struct builder {
    struct tie_file *f;
    size_t cap;
    unsigned char *named; /* n: who the current respondent has named already */
};

static int add_tie(struct builder *b, int from, int to)
{
    if (from == to || b->named[to])
        return 0;
    if (b->f->count == b->cap) {
        b->cap = b->cap ? b->cap * 2 : 256;
        struct tie_row *rows = realloc(b->f->rows, b->cap * sizeof *rows);
        if (!rows)
            return -1;
        b->f->rows = rows;
    }
    b->named[to] = 1;
    b->f->rows[b->f->count] = (struct tie_row){
        .from = from, .to = to, .relation = 0, .strength = NAN, .line = (long)b->f->count + 2};
    b->f->count++;
    return 0;
}

static int start_file(struct tie_file *f)
{
    memset(f, 0, sizeof *f);
    f->relations = calloc(1, sizeof *f->relations);
    if (!f->relations || !(f->relations[0] = strdup(DEMO_NETWORK_RELATION)))
        return -1;
    f->relation_count = 1;
    return 0;
}

/* Someone for I to name: mostly their own department, then their organisation, rarely beyond. */
static int pick_colleague(const struct cohort *c, long org, long dept, int i, uint64_t *rng)
{
    int roll = below(rng, 100);
    for (int tries = 0; tries < 50; tries++) {
        int j = below(rng, (int)c->count);
        bool same_org = org < 0 || strcmp(c->people[j].values[org], c->people[i].values[org]) == 0;
        bool same_dept =
            dept < 0 || strcmp(c->people[j].values[dept], c->people[i].values[dept]) == 0;
        if ((roll < 70 && same_org && same_dept) || (roll >= 70 && roll < 95 && same_org) ||
            roll >= 95)
            return j;
    }
    return below(rng, (int)c->count);
}

int demo_network_ties(const struct cohort *c, const int *set_of, uint64_t seed,
                      struct tie_file *baseline, struct tie_file *final)
{
    int n = (int)c->count;
    long org = cohort_attr_index(c, "organisation"), dept = cohort_attr_index(c, "department");
    uint64_t rng = seed ^ 0xD3E0ull;
    struct builder b0 = {.f = baseline}, b1 = {.f = final};
    unsigned char *named = calloc((size_t)(n ? n : 1), 1);
    int rc = !named || start_file(baseline) || start_file(final) ? -1 : 0;
    for (int i = 0; i < n && rc == 0; i++) {
        bool answers_baseline = below(&rng, 100) < BASELINE_RESPONSE;
        bool answers_final = below(&rng, 100) < FINAL_RESPONSE;
        int known[8], k = 3 + below(&rng, 5);
        for (int t = 0; t < k; t++)
            known[t] = pick_colleague(c, org, dept, i, &rng);
        memset(named, 0, (size_t)n);
        b0.named = named;
        for (int t = 0; t < k && answers_baseline && rc == 0; t++)
            rc = add_tie(&b0, i, known[t]);
        if (!answers_final)
            continue;
        memset(named, 0, (size_t)n);
        b1.named = named;
        for (int t = 0; t < k && rc == 0; t++) {
            if (below(&rng, 100) < 90)
                rc = add_tie(&b1, i, known[t]);
        }
        /* Set mates, most of them, and one or two people met through them. */
        for (int j = 0; j < n && rc == 0 && set_of && set_of[i] >= 0; j++) {
            if (set_of[j] == set_of[i] && below(&rng, 100) < 75)
                rc = add_tie(&b1, i, j);
        }
        int beyond = below(&rng, 3);
        for (int t = 0; t < beyond && rc == 0; t++)
            rc = add_tie(&b1, i, below(&rng, n));
    }
    free(named);
    if (rc != 0) {
        tie_file_free(baseline);
        tie_file_free(final);
    }
    return rc;
}
