/* Unit tests for app/plans/plan_change: publishing another plan whose sets share names with the
 * published plan's ("A" in each) names each set with its plan in the report and the notice, and
 * a move inside one plan keeps the plain set names. */
#include "test_support.h"
#include "two_sets_fixture.h"

#include "app/plans/plan_change.h"
#include "store/store_sets.h"

static void sql(struct db *db, const char *text)
{
    char *err = NULL;
    if (sqlite3_exec(db_sqlite(db), text, NULL, NULL, &err) != SQLITE_OK)
        fail_msg("%s", err);
}

static int setup(void **state)
{
    struct two_sets *t = calloc(1, sizeof *t);
    two_sets_open(t);
    sql(t->db, "UPDATE set_plans SET name = 'First' WHERE id = 1");
    assert_int_equal(store_membership_sync(t->db, t->prog, "2030-01-01T00:00:00Z"), 0);
    /* A second plan, a draft: its set A holds b1 and a1, its set B a2 and a3. */
    char *q = str_printf(
        "INSERT INTO set_plans (id, programme_id, name, status) VALUES (2, %lld, 'Second', "
        "'draft');"
        "INSERT INTO sets (id, plan_id, name, position) VALUES (3, 2, 'A', 1), (4, 2, 'B', 2);"
        "INSERT INTO set_members VALUES (3, %lld), (3, %lld), (4, %lld), (4, %lld);",
        t->prog, t->b1, t->a1, t->a2, t->a3);
    sql(t->db, q);
    free(q);
    *state = t;
    return 0;
}

static int teardown(void **state)
{
    struct two_sets *t = *state;
    db_close(t->db);
    free(t);
    return 0;
}

static const struct plan_moved *moved(const struct plan_change_report *r, long long person)
{
    for (size_t i = 0; i < r->moved_count; i++)
        if (r->moved[i].person_id == person)
            return &r->moved[i];
    fail_msg("person %lld did not move", person);
    return NULL;
}

static void publishing_another_plan_names_each_set_with_its_plan(void **state)
{
    struct two_sets *t = *state;
    struct plan_change c = {.kind = PLAN_CHANGE_PUBLISH, .plan_id = 2};
    struct plan_change_report r;
    struct strbuf err = {0};
    assert_int_equal(plan_change_apply(t->db, &c, &r, &err), STATUS_CONFLICT);
    assert_true(r.needs_confirm);
    assert_string_equal(moved(&r, t->a1)->from, "A (First)");
    assert_string_equal(moved(&r, t->a1)->to, "A (Second)");
    assert_string_equal(moved(&r, t->b1)->from, "B (First)");
    assert_string_equal(moved(&r, t->b1)->to, "A (Second)");
    char *notice = plan_change_notice(moved(&r, t->a1), "3 March 2030");
    assert_string_equal(notice, "You have moved from A (First) to A (Second) from 3 March 2030.");
    free(notice);
    plan_change_report_free(&r);
    sb_free(&err);
}

static void a_move_within_one_plan_keeps_plain_names(void **state)
{
    struct two_sets *t = *state;
    struct plan_change c = {
        .kind = PLAN_CHANGE_MOVE, .plan_id = 1, .person_id = t->a3, .set_id = 2};
    struct plan_change_report r;
    struct strbuf err = {0};
    assert_int_equal(plan_change_apply(t->db, &c, &r, &err), STATUS_CONFLICT);
    assert_int_equal(r.moved_count, 1);
    assert_string_equal(r.moved[0].from, "A");
    assert_string_equal(r.moved[0].to, "B");
    plan_change_report_free(&r);
    sb_free(&err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(publishing_another_plan_names_each_set_with_its_plan, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(a_move_within_one_plan_keeps_plain_names, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
