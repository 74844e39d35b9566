/* Counts for the impact report. */
#include "store/store_report.h"

#include "store/db_rows.h"

static long count(struct db *db, const char *sql, long long programme_id)
{
    sqlite3_stmt *st = db_prepare(db, sql);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, programme_id);
    long long n = 0;
    return db_row_one(st, db_read_int64, &n, NULL) == 0 ? (long)n : -1;
}

int store_participation(struct db *db, long long programme_id, struct participation_counts *out)
{
    out->members =
        count(db, "SELECT count(*) FROM programme_members WHERE programme_id = ?1", programme_id);
    out->sets = count(db,
                      "SELECT count(*) FROM sets WHERE plan_id = (SELECT id FROM set_plans "
                      "WHERE programme_id = ?1 AND status = 'published' "
                      "ORDER BY published_at DESC, id DESC LIMIT 1)",
                      programme_id);
    out->people_in_sets = count(
        db,
        "SELECT count(DISTINCT sm.person_id) FROM set_members sm JOIN sets s ON s.id = sm.set_id "
        "WHERE s.plan_id = (SELECT id FROM set_plans WHERE programme_id = ?1 AND status = "
        "'published' ORDER BY published_at DESC, id DESC LIMIT 1)",
        programme_id);
    out->challenges =
        count(db,
              "SELECT count(*) FROM challenges c JOIN programme_members pm ON pm.programme_id = "
              "c.programme_id AND pm.person_id = c.person_id WHERE c.programme_id = ?1",
              programme_id);
    out->challenges_cohort = count(db,
                                   "SELECT count(*) FROM challenges c JOIN programme_members pm ON "
                                   "pm.programme_id = c.programme_id AND pm.person_id = "
                                   "c.person_id WHERE c.programme_id = ?1 AND c.visibility = "
                                   "'cohort'",
                                   programme_id);
    out->people_with_challenges = count(
        db,
        "SELECT count(DISTINCT c.person_id) FROM challenges c JOIN programme_members pm ON "
        "pm.programme_id = c.programme_id AND pm.person_id = c.person_id WHERE c.programme_id = ?1",
        programme_id);
    return out->members < 0 || out->sets < 0 || out->people_in_sets < 0 || out->challenges < 0 ||
                   out->challenges_cohort < 0 || out->people_with_challenges < 0
               ? -1
               : 0;
}
