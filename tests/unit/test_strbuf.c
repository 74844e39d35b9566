/* Unit tests for core/strbuf and core/diag. */
#include "test_support.h"

#include "core/diag.h"
#include "core/strbuf.h"

static void appends_and_formats(void **state)
{
    struct strbuf sb = {0};
    assert_int_equal(sb_append(&sb, "ab"), 0);
    assert_int_equal(sb_printf(&sb, "-%d-%s", 42, "x"), 0);
    assert_int_equal(sb_append_char(&sb, '!'), 0);
    assert_string_equal(sb.data, "ab-42-x!");
    assert_int_equal(sb.len, 8);
    char *s = sb_take(&sb);
    assert_string_equal(s, "ab-42-x!");
    assert_null(sb.data);
    free(s);
}

static void grows_past_initial_capacity(void **state)
{
    struct strbuf sb = {0};
    for (int i = 0; i < 10000; i++)
        sb_append(&sb, "0123456789");
    assert_int_equal(sb.len, 100000);
    assert_int_equal(sb.data[99999], '9');
    sb_free(&sb);
}

static void trims_lowers_and_copies(void **state)
{
    char s[] = "  Hello World \t\n";
    assert_string_equal(str_trim(s), "Hello World");
    assert_string_equal(str_lower(s), "hello world");
    char small[4];
    assert_int_equal(str_copy(small, "abcdef", sizeof small), 6);
    assert_string_equal(small, "abc");
    assert_true(str_ieq("Email", "EMAIL"));
}

static void diag_keeps_every_problem_sorted_by_line(void **state)
{
    struct diag_list list = {0};
    diag_add(&list, "f.csv", 9, "email", "second %d", 2);
    diag_add(&list, "f.csv", 3, "name", "first");
    diag_add(&list, "f.csv", 9, NULL, "third");
    diag_sort(&list);
    assert_int_equal(list.count, 3);
    assert_int_equal(list.items[0].line, 3);
    assert_string_equal(list.items[1].message, "second 2");
    assert_string_equal(list.items[2].message, "third");
    json_t *j = diag_to_json(&list);
    assert_int_equal(json_array_size(j), 3);
    assert_string_equal(json_string_value(json_object_get(json_array_get(j, 0), "field")), "name");
    json_decref(j);
    diag_list_free(&list);
}

/* A cell quoted in a message could hold a newline or a terminal escape and forge output lines. */
static void diag_print_shows_control_characters_as_escapes(void **state)
{
    struct diag_list list = {0};
    diag_add(&list, "f.csv", 2, "e\x1b[2Jmail", "'%s' is not valid",
             "a\nImported f.csv\r\x7f\xc2\x9b\xc3\xa9");
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    assert_non_null(out);
    diag_print(&list, out);
    fclose(out);
    assert_string_equal(
        buf, "f.csv:2: column 'e\\x1b[2Jmail': 'a\\nImported f.csv\\r\\x7f\\u009b\xc3\xa9' is "
             "not valid\n");
    free(buf);
    diag_list_free(&list);
}

static void diag_stops_at_its_limit_and_counts_the_rest(void **state)
{
    struct diag_list list = {.limit = 2};
    for (int i = 0; i < 5; i++)
        diag_add(&list, NULL, i + 1, NULL, "p");
    assert_int_equal(list.count, 2);
    assert_int_equal(list.dropped, 3);
    diag_list_free(&list);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(appends_and_formats),
        cmocka_unit_test(grows_past_initial_capacity),
        cmocka_unit_test(trims_lowers_and_copies),
        cmocka_unit_test(diag_keeps_every_problem_sorted_by_line),
        cmocka_unit_test(diag_print_shows_control_characters_as_escapes),
        cmocka_unit_test(diag_stops_at_its_limit_and_counts_the_rest),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
