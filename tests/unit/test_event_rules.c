/* Unit tests for app/events/event_rules: mixing by a column gives the categories and pair costs
 * `setwork rounds --mix` gives, blank values are no category and case does not matter; the
 * set-mates of a plan become keep-apart pairs (only those in the event); the tables of an
 * earlier event become history, one entry per round shared; a rule that no longer applies is
 * a sentence, not a crash. */
#include "test_support.h"
#include "two_sets_fixture.h"

#include "app/events/event_rules.h"
#include "store/store_events.h"

#include <string.h>

static void sql(struct db *db, const char *text)
{
    char *err = NULL;
    if (sqlite3_exec(db_sqlite(db), text, NULL, NULL, &err) != SQLITE_OK)
        fail_msg("%s", err);
}

/* Everyone of the fixture in programme P, departments Ann Sales, Bea sales, Cal Ops, Dan "",
 * Fay Ops, Xia Sales. */
static void members(struct two_sets *t, long long ids[6])
{
    long long who[6] = {t->a1, t->a2, t->a3, t->b1, t->f, t->x};
    const char *dept[6] = {"Sales", "sales", "Ops", "", "Ops", "Sales"};
    for (int i = 0; i < 6; i++) {
        char *q = str_printf("INSERT INTO programme_members(programme_id, person_id) VALUES "
                             "(%lld, %lld); INSERT INTO person_attributes VALUES (%lld, "
                             "'department', '%s')",
                             t->prog, who[i], who[i], dept[i]);
        sql(t->db, q);
        free(q);
        ids[i] = who[i];
    }
}

static void test_mixing(void **state)
{
    (void)state;
    struct two_sets t;
    two_sets_open(&t);
    long long ids[6];
    members(&t, ids);
    struct store_event ev = {.id = 1, .programme_id = t.prog};
    str_copy(ev.mix_by, "department", sizeof ev.mix_by);
    struct event_rules r;
    char err[256] = "";
    assert_int_equal(event_rules_build(t.db, &ev, ids, 6, &r, err, sizeof err), 0);
    /* Ann, Bea and Xia share Sales whatever the case; Cal and Fay share Ops; Dan has none. */
    assert_int_equal(r.attr[0], r.attr[1]);
    assert_int_equal(r.attr[0], r.attr[5]);
    assert_int_equal(r.attr[2], r.attr[4]);
    assert_int_not_equal(r.attr[0], r.attr[2]);
    assert_int_equal(r.attr[3], -1);
    int w = event_mix_weight("department");
    assert_int_equal(w, 4); /* set formation's 2 for department, doubled as the CLI does */
    assert_int_equal(r.mix_cost[0 * 6 + 1], w);
    assert_int_equal(r.mix_cost[2 * 6 + 4], w);
    assert_int_equal(r.mix_cost[0 * 6 + 2], 0);
    assert_int_equal(r.mix_cost[3 * 6 + 3], 0);
    assert_int_equal(r.mix_cost[0 * 6 + 0], 0);
    assert_int_equal(r.apart_count, 0);
    event_rules_free(&r);
    /* A column the people no longer have is a sentence for the organiser. */
    str_copy(ev.mix_by, "shoe size", sizeof ev.mix_by);
    assert_int_equal(event_rules_build(t.db, &ev, ids, 6, &r, err, sizeof err), 1);
    assert_non_null(strstr(err, "no longer have a column 'shoe size'"));
    assert_null(r.attr);
    db_close(t.db);
}

static void test_set_mates_and_earlier_tables(void **state)
{
    (void)state;
    struct two_sets t;
    two_sets_open(&t);
    long long ids[6];
    members(&t, ids);
    /* The event has Ann, Bea, Dan and Xia only: of set A's Fay, Ann, Bea, Cal, the pair
     * Ann-Bea is kept apart; set B has Dan alone. */
    long long some[4] = {t.a1, t.a2, t.b1, t.x};
    struct store_event ev = {.id = 9, .programme_id = t.prog, .apart_plan_id = 1};
    struct event_rules r;
    char err[256] = "";
    assert_int_equal(event_rules_build(t.db, &ev, some, 4, &r, err, sizeof err), 0);
    assert_int_equal(r.apart_count, 1);
    assert_int_equal(r.apart[0], 0);
    assert_int_equal(r.apart[1], 1);
    event_rules_free(&r);
    /* An earlier event of two rounds: Ann and Dan share table 1 twice, Bea and Xia once. */
    struct store_event before = {.programme_id = t.prog, .group_size = 2, .rounds = 2, .seed = 1};
    str_copy(before.name, "First", sizeof before.name);
    long long first;
    assert_int_equal(store_event_create(t.db, &before, &first), 0);
    assert_int_equal(store_event_get(t.db, first, &before), 0);
    int table[8] = {0, 1, 0, 1, /* round 2 */ 0, 1, 0, -1};
    assert_int_equal(store_event_save(t.db, &before, some, 4, table), 0);
    ev.apart_plan_id = 0;
    ev.apart_event_id = first;
    assert_int_equal(event_rules_build(t.db, &ev, some, 4, &r, err, sizeof err), 0);
    assert_int_equal(r.history_count, 3);
    int ann_dan = 0, bea_xia = 0;
    for (size_t k = 0; k < r.history_count; k++) {
        ann_dan += r.history[2 * k] == 0 && r.history[2 * k + 1] == 2;
        bea_xia += r.history[2 * k] == 1 && r.history[2 * k + 1] == 3;
    }
    assert_int_equal(ann_dan, 2);
    assert_int_equal(bea_xia, 1);
    event_rules_free(&r);
    /* A plan or an event that is gone is a sentence. */
    ev.apart_event_id = 0;
    ev.apart_plan_id = 77;
    assert_int_equal(event_rules_build(t.db, &ev, some, 4, &r, err, sizeof err), 1);
    assert_non_null(strstr(err, "no longer exists"));
    ev.apart_plan_id = 0;
    ev.apart_event_id = 77;
    assert_int_equal(event_rules_build(t.db, &ev, some, 4, &r, err, sizeof err), 1);
    assert_non_null(strstr(err, "no longer exists"));
    db_close(t.db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mixing),
        cmocka_unit_test(test_set_mates_and_earlier_tables),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
