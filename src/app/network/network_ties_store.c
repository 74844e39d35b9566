/* Storing a validated tie file: one transaction, respondents' earlier answers replaced. */
#include "app/network/network_ties.h"

#include "core/strbuf.h"
#include "store/store_network.h"

#include <stdlib.h>
#include <string.h>

/* Whether (person, relation) was already seen, over a person x relation bitmap. */
static bool seen_once(unsigned char *seen, size_t relations, int person, int relation)
{
    size_t bit = (size_t)person * relations + (size_t)relation;
    bool was = seen[bit / 8] & (1u << (bit % 8));
    seen[bit / 8] |= (unsigned char)(1u << (bit % 8));
    return was;
}

int tie_file_import(struct db *db, long long programme_id, const char *wave,
                    const struct cohort *members, const struct tie_file *f, bool dry_run,
                    struct tie_import_report *report, char **err)
{
    memset(report, 0, sizeof *report);
    report->relation_count = f->relation_count;
    size_t n = members->count;
    size_t bits = n * (f->relation_count ? f->relation_count : 1);
    unsigned char *seen = calloc(bits / 8 + 1, 1);
    unsigned char *answered = calloc(n / 8 + 1, 1);
    long long *relation_ids = calloc(f->relation_count + 1, sizeof *relation_ids);
    if (!seen || !answered || !relation_ids) {
        free(seen);
        free(answered);
        free(relation_ids);
        *err = str_printf("out of memory importing ties");
        return -1;
    }
    for (size_t i = 0; i < f->count; i++) {
        if (!seen_once(answered, 1, f->rows[i].from, 0))
            report->respondents++;
        if (f->rows[i].to == TIES_NOBODY)
            report->nobody++;
        else
            report->ties++;
    }
    long long wave_id = 0;
    int created = 0;
    int rc = store_network_wave_id(db, programme_id, wave, &wave_id);
    report->wave_created = rc == 1;
    if (rc < 0 || dry_run) {
        free(seen);
        free(answered);
        free(relation_ids);
        if (rc < 0)
            *err = str_printf("cannot read the waves: %s", db_errmsg(db));
        return rc < 0 ? -1 : 0;
    }
    memset(answered, 0, n / 8 + 1);
    if (db_begin(db) != 0)
        goto fail;
    if (store_network_wave_ensure(db, programme_id, wave, &wave_id, &created) != 0)
        goto rollback;
    for (size_t r = 0; r < f->relation_count; r++)
        if (store_network_relation_ensure(db, programme_id, f->relations[r], &relation_ids[r]) != 0)
            goto rollback;
    for (size_t i = 0; i < f->count; i++) {
        const struct tie_row *t = &f->rows[i];
        long long from_id = members->people[t->from].id;
        if (t->relation >= 0 && !seen_once(seen, f->relation_count, t->from, t->relation)) {
            long removed = 0;
            if (store_network_answers_clear(db, wave_id, relation_ids[t->relation], from_id,
                                            &removed) != 0)
                goto rollback;
            report->replaced += (size_t)removed;
        }
        if (!seen_once(answered, 1, t->from, 0) &&
            store_network_response_record(db, wave_id, from_id, "csv") != 0)
            goto rollback;
        if (t->to == TIES_NOBODY)
            continue; /* answered, named nobody */
        if (store_network_tie_put(db, wave_id, relation_ids[t->relation], from_id,
                                  members->people[t->to].id, t->strength, "csv") != 0)
            goto rollback;
    }
    if (db_commit(db) != 0)
        goto rollback;
    free(seen);
    free(answered);
    free(relation_ids);
    return 0;
rollback:
    *err = str_printf("cannot store the ties: %s", db_errmsg(db));
    db_rollback(db);
    goto out;
fail:
    *err = str_printf("cannot store the ties: %s", db_errmsg(db));
out:
    free(seen);
    free(answered);
    free(relation_ids);
    return -1;
}
