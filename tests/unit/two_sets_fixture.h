/* A small store for the meeting tests: programme P, whose published plan has set A (members a1,
 * a2, a3, facilitator f) and set B (member b1), and x, who is in no set. Names sort as
 * a1 < a2 < a3, so lists come in that order. Include after test_support.h. */
#ifndef SETWORK_TESTS_TWO_SETS_FIXTURE_H
#define SETWORK_TESTS_TWO_SETS_FIXTURE_H

#include "core/strbuf.h"
#include "store/store_meetings.h"
#include "store/store_people.h"
#include "store/store_programmes.h"

struct two_sets {
    struct db *db;
    long long prog, a1, a2, a3, b1, f, x;
};

static long long two_sets_person(struct db *db, const char *email, const char *name)
{
    long long id;
    assert_int_equal(store_person_insert(db, email, name, NULL, &id), 0);
    return id;
}

/* Opens a new store in the test's scratch folder and fills it as above. */
static void two_sets_open(struct two_sets *t)
{
    char path[128];
    snprintf(path, sizeof path, "%s/t.db", test_tmpdir());
    char *err = NULL;
    assert_int_equal(db_open(path, &t->db, &err), 0);
    assert_int_equal(store_programme_ensure(t->db, "P", &t->prog), 0);
    t->a1 = two_sets_person(t->db, "a1@x.org", "Ann");
    t->a2 = two_sets_person(t->db, "a2@x.org", "Bea");
    t->a3 = two_sets_person(t->db, "a3@x.org", "Cal");
    t->b1 = two_sets_person(t->db, "b1@x.org", "Dan");
    t->f = two_sets_person(t->db, "f@x.org", "Fay");
    t->x = two_sets_person(t->db, "x@x.org", "Xia");
    char *q = str_printf(
        "INSERT INTO set_plans (id, programme_id, name, status) VALUES (1, %lld, 'p', 'published');"
        "INSERT INTO sets (id, plan_id, name, position, facilitator_id) VALUES"
        " (1, 1, 'A', 1, %lld), (2, 1, 'B', 2, NULL);"
        "INSERT INTO set_members VALUES (1, %lld), (1, %lld), (1, %lld), (2, %lld);",
        t->prog, t->f, t->a1, t->a2, t->a3, t->b1);
    if (sqlite3_exec(db_sqlite(t->db), q, NULL, NULL, &err) != SQLITE_OK)
        fail_msg("%s", err);
    free(q);
}

#endif
