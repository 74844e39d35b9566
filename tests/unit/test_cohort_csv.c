/* Unit tests for import/cohort_csv and the demo generator that feeds it. */
#include "test_support.h"

#include "app/demo/demo_cohort.h"
#include "io/import/cohort_csv.h"

static void email_rules(void **state)
{
    assert_true(cohort_email_valid("ada.lovelace+sets@example.co.uk"));
    assert_true(cohort_email_valid("o'brien@example.org"));
    /* Internationalised top-level domains in their ASCII form have digits and hyphens. */
    assert_true(cohort_email_valid("ivan@example.xn--p1ai"));
    assert_false(cohort_email_valid("ivan@example.xn--"));
    assert_false(cohort_email_valid("ivan@example.c0m"));
    assert_false(cohort_email_valid("ada@example"));
    assert_false(cohort_email_valid("ada@@example.org"));
    assert_false(cohort_email_valid(".ada@example.org"));
    assert_false(cohort_email_valid("ada..l@example.org"));
    assert_false(cohort_email_valid("ada@-example.org"));
    assert_false(cohort_email_valid("ada @example.org"));
    assert_false(cohort_email_valid(""));
}

static void known_columns_first_then_custom_ones(void **state)
{
    const char *text = "Team,Name,Email,Gender,Organization,Manager Email\n"
                       "Blue,Ada,ADA@x.org,F,Acme,\n"
                       "Red,Ben,ben@x.org,M,Acme,ada@x.org\n";
    struct cohort c;
    struct diag_list d = {0};
    assert_int_equal(cohort_csv_parse("c.csv", text, strlen(text), &c, &d), 0);
    assert_int_equal(c.attr_count, 3);
    assert_string_equal(c.attrs[0], "organisation");
    assert_string_equal(c.attrs[1], "gender");
    assert_string_equal(c.attrs[2], "team");
    assert_string_equal(c.people[0].email, "ada@x.org");
    assert_int_equal(c.people[1].manager, 0);
    assert_int_equal(c.people[0].manager, -1);
    assert_string_equal(c.people[1].values[2], "Red");
    assert_true(c.has_manager_column);
    cohort_free(&c);
}

static int nobody_exists(void *ctx, const char *email)
{
    return strcmp(email, "boss@x.org") == 0;
}

static void managers_outside_the_file_are_checked_with_the_lookup(void **state)
{
    const char *text = "name,email,manager_email\nAda,ada@x.org,boss@x.org\n"
                       "Ben,ben@x.org,ghost@x.org\n";
    struct cohort c;
    struct diag_list d = {0};
    struct cohort_lookup lookup = {.exists = nobody_exists};
    assert_int_equal(cohort_csv_parse_with("c.csv", text, strlen(text), &lookup, &c, &d), 1);
    assert_int_equal(d.count, 1);
    assert_int_equal(d.items[0].line, 3);
    assert_non_null(strstr(d.items[0].message, "ghost@x.org"));
    diag_list_free(&d);
    /* Without a lookup, outside managers are left for the import to check. */
    assert_int_equal(cohort_csv_parse("c.csv", text, strlen(text), &c, &d), 0);
    assert_string_equal(c.people[1].manager_email, "ghost@x.org");
    cohort_free(&c);
}

static void formats_what_it_reads(void **state)
{
    struct cohort c;
    assert_int_equal(demo_cohort(&c, 60, 7), 0);
    char *csv = cohort_csv_format(&c);
    struct cohort back;
    struct diag_list d = {0};
    assert_int_equal(cohort_csv_parse("demo.csv", csv, strlen(csv), &back, &d), 0);
    assert_int_equal(back.count, c.count);
    for (size_t i = 0; i < c.count; i++) {
        assert_string_equal(back.people[i].email, c.people[i].email);
        assert_int_equal(back.people[i].manager, c.people[i].manager);
    }
    free(csv);
    cohort_free(&back);
    cohort_free(&c);
}

static void demo_is_deterministic_and_has_a_tree(void **state)
{
    struct cohort a, b;
    assert_int_equal(demo_cohort(&a, 200, 42), 0);
    assert_int_equal(demo_cohort(&b, 200, 42), 0);
    assert_int_equal(a.count, 200);
    size_t roots = 0;
    for (size_t i = 0; i < a.count; i++) {
        assert_string_equal(a.people[i].email, b.people[i].email);
        if (a.people[i].manager < 0)
            roots++;
        else
            assert_true(a.people[i].manager < (long)i); /* managers come first: no cycles */
    }
    assert_int_equal(roots, 4); /* one director per organisation */
    cohort_free(&a);
    cohort_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(email_rules),
        cmocka_unit_test(known_columns_first_then_custom_ones),
        cmocka_unit_test(managers_outside_the_file_are_checked_with_the_lookup),
        cmocka_unit_test(formats_what_it_reads),
        cmocka_unit_test(demo_is_deterministic_and_has_a_tree),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
