/* Unit tests for app/plans/plan_broken (broken rules in people's words) and the size range of a
 * plan (form_build: 5-7 stays 5-7 for every set, issue 15). */
#include "test_support.h"

#include "app/plans/plan_broken.h"
#include "io/import/cohort_csv.h"

#include <stdlib.h>
#include <string.h>

/* A cohort of N people p1..pN in two organisations; person 2 manages person 1 (Ana Lopez and
 * Ben Cole), person 3 manages person 2. */
static void cohort_of(int n, struct cohort *c)
{
    struct strbuf text = {0};
    sb_append(&text, "name,email,organisation,manager_email\n"
                     "Ana Lopez,p1@x.org,A,p2@x.org\nBen Cole,p2@x.org,B,p3@x.org\n"
                     "Cara Diaz,p3@x.org,A,\n");
    for (int i = 4; i <= n; i++)
        sb_printf(&text, "Person %d,p%d@x.org,%s,\n", i, i, i % 2 ? "A" : "B");
    struct diag_list d = {0};
    assert_int_equal(cohort_csv_parse("c.csv", text.data, text.len, c, &d), 0);
    diag_list_free(&d);
    sb_free(&text);
}

static void a_size_range_is_kept_exactly(void **state)
{
    (void)state;
    /* 22 people in sets of 5 to 7: 4 sets; each set may hold 5, 6 or 7 (it was 5-6). */
    struct cohort c;
    cohort_of(22, &c);
    struct plan_problem pb;
    struct plan_settings s = {.size_min = 5, .size_max = 7};
    struct strbuf err = {0};
    assert_int_equal(plan_problem_build(&pb, &c, &s, 0, NULL, NULL, 0, 0, &err), STATUS_OK);
    assert_int_equal(pb.in.m, 4);
    for (int g = 0; g < pb.in.m; g++) {
        assert_int_equal(pb.in.lo[g], 5);
        assert_int_equal(pb.in.hi[g], 7);
    }
    char *settings = plan_settings_json(&pb, &s);
    assert_non_null(strstr(settings, "\"size_min\":5,\"size_max\":7"));
    free(settings);
    plan_problem_free(&pb);
    sb_free(&err);
}

static int has(json_t *broken, const char *sentence)
{
    size_t i;
    json_t *x;
    json_array_foreach(broken, i, x)
    {
        if (strcmp(json_string_value(x), sentence) == 0)
            return 1;
    }
    return 0;
}

static void broken_rules_name_people(void **state)
{
    (void)state;
    struct cohort c;
    cohort_of(12, &c);
    struct plan_problem pb;
    struct plan_settings s = {.sets = 2, .chain = 2};
    struct strbuf err = {0};
    json_t *extra = json_pack("{s:[[s,s]], s:[[s,s]], s:[[s,s]]}", "apart", "p4@x.org", "p5@x.org",
                              "together", "p6@x.org", "p7@x.org", "pins", "p8@x.org", "Set 2");
    assert_int_equal(plan_problem_build(&pb, &c, &s, 0, extra, NULL, 0, 0, &err), STATUS_OK);
    /* Everyone in Set 1 but Person 7 and Person 12: sizes, the chain, the declared pair, the
     * keep-together pair and the pin all break. */
    int group[12];
    for (int i = 0; i < 12; i++)
        group[i] = i == 6 || i == 11 ? 1 : 0;
    json_t *broken = json_array();
    const char *names[2] = {"Set 1", "Set 2"};
    int found = plan_broken_rules(&pb, group, names, broken);
    assert_true(has(broken, "Set 1 has 10 members; its sets hold exactly 6."));
    assert_true(has(broken, "Set 2 has 2 members; its sets hold exactly 6."));
    assert_true(has(broken, "Ana Lopez and their line manager Ben Cole are both in Set 1."));
    assert_true(has(broken, "Ben Cole and their line manager Cara Diaz are both in Set 1."));
    assert_true(has(broken, "Ana Lopez and Cara Diaz, 2 levels above them in the management "
                            "chain, are both in Set 1."));
    assert_true(has(broken, "Person 4 and Person 5 are to be kept apart but are both in Set 1."));
    assert_true(
        has(broken, "Person 6 and Person 7 are to be kept together but are in Set 1 and Set 2."));
    assert_true(has(broken, "Person 8 is pinned to Set 2 but is in Set 1."));
    assert_int_equal(found, 8);
    assert_int_equal((int)json_array_size(broken), found);
    for (size_t i = 0; i < json_array_size(broken); i++)
        assert_null(strchr(json_string_value(json_array_get(broken, i)), '@')); /* no emails */
    json_decref(broken);
    /* Someone in no set is said by name too. */
    group[2] = -1;
    broken = json_array();
    plan_broken_rules(&pb, group, names, broken);
    assert_true(has(broken, "Cara Diaz is in no set of this plan."));
    json_decref(broken);
    json_decref(extra);
    plan_problem_free(&pb);
    sb_free(&err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_size_range_is_kept_exactly),
        cmocka_unit_test(broken_rules_name_people),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
