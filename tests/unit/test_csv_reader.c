/* Unit tests for csv/csv_reader: quoting, line numbers, header handling, limits, UTF-8. */
#include "test_support.h"

#include <math.h>

#include "core/strbuf.h"
#include "core/utf8.h"
#include "io/csv/csv_reader.h"

static int parse(const char *text, struct csv_table *t, struct diag_list *d)
{
    return csv_parse_all("t.csv", text, strlen(text), t, d);
}

static void reads_quotes_commas_and_newlines_with_start_lines(void **state)
{
    struct csv_table t;
    struct diag_list d = {0};
    const char *text = "\xEF\xBB\xBF"
                       "Name, E-Mail ,Notes\r\n"
                       "\"Lovelace, Ada\",a@x.org,\"says \"\"hi\"\"\"\r\n"
                       "\r\n"
                       "Ben,b@x.org,\"two\r\nlines\"\r\n"
                       "Cara,c@x.org,last\r\n";
    assert_int_equal(parse(text, &t, &d), 0);
    assert_int_equal(t.columns, 3);
    assert_string_equal(t.header[0], "name");
    assert_string_equal(t.header[1], "e_mail");
    assert_string_equal(t.header_raw[1], "E-Mail");
    assert_int_equal(t.row_count, 3);
    assert_string_equal(t.rows[0].fields[0], "Lovelace, Ada");
    assert_string_equal(t.rows[0].fields[2], "says \"hi\"");
    assert_int_equal(t.rows[0].line, 2);
    assert_int_equal(t.rows[1].line, 4);
    assert_string_equal(t.rows[1].fields[2], "two\r\nlines");
    assert_int_equal(t.rows[2].line, 6);
    assert_int_equal(t.header_line, 1);
    csv_table_free(&t);
    /* Blank lines before the header, and between it and the first row. */
    assert_int_equal(parse("\n\nname,email\n\n\nAl,a@x.org\n", &t, &d), 0);
    assert_int_equal(t.header_line, 3);
    assert_int_equal(t.rows[0].line, 6);
    csv_table_free(&t);
    diag_list_free(&d);
}

static void pads_short_rows_and_accepts_trailing_empty_columns(void **state)
{
    struct csv_table t;
    struct diag_list d = {0};
    /* Blank extra fields too: the fuzzer found that a row of tabs after the last column
     * read past the end of the row. */
    assert_int_equal(parse("a,b,c,,\n1\n2,3,4,,,\n5,6,7, ,\t\t\t\n", &t, &d), 0);
    assert_int_equal(t.columns, 3);
    assert_string_equal(t.rows[0].fields[2], "");
    assert_string_equal(t.rows[1].fields[2], "4");
    csv_table_free(&t);
}

static void reports_every_problem_with_its_line(void **state)
{
    struct csv_table t;
    struct diag_list d = {0};
    const char *text = "a,b\n1,2,3\n\"x\"y,2\nok,ok\n\"open,1\nmore\n";
    assert_int_equal(parse(text, &t, &d), 1);
    assert_int_equal(d.count, 3);
    assert_int_equal(d.items[0].line, 2); /* too many fields */
    assert_non_null(strstr(d.items[0].message, "3 fields"));
    assert_int_equal(d.items[1].line, 3); /* text after the closing quote */
    assert_int_equal(d.items[2].line, 5); /* never closed */
    assert_non_null(strstr(d.items[2].message, "never closed"));
    assert_int_equal(t.row_count, 0); /* nothing returned on problems */
    diag_list_free(&d);
}

static void rejects_invalid_utf8_naming_the_column(void **state)
{
    struct csv_table t;
    struct diag_list d = {0};
    assert_int_equal(parse("name,town\nAda,M\xfcnchen\n", &t, &d), 1);
    assert_int_equal(d.count, 1);
    assert_string_equal(d.items[0].field, "town");
    assert_int_equal(d.items[0].line, 2);
    diag_list_free(&d);
}

/* A NUL byte used to cut the field short silently ("Bo\0evil" was imported as "Bo"). */
static void rejects_nul_bytes_naming_the_column(void **state)
{
    struct csv_table t;
    struct diag_list d = {0};
    static const char text[] = "name,email\nBo\0evil,b@x.org\nok,o@x.org\n\0\n";
    assert_int_equal(csv_parse_all("t.csv", text, sizeof text - 1, &t, &d), 1);
    assert_int_equal(d.count, 2);
    assert_int_equal(d.items[0].line, 2);
    assert_string_equal(d.items[0].field, "name");
    assert_non_null(strstr(d.items[0].message, "NUL byte (position 3)"));
    assert_int_equal(d.items[1].line, 4); /* a row of just a NUL is not blank */
    diag_list_free(&d);
    static const char header[] = "na\0me,email\nBo,b@x.org\n";
    assert_int_equal(csv_parse_all("t.csv", header, sizeof header - 1, &t, &d), 1);
    assert_int_equal(d.count, 1);
    assert_int_equal(d.items[0].line, 1);
    diag_list_free(&d);
}

static void utf8_validator_follows_the_standard(void **state)
{
    size_t bad;
    assert_true(utf8_valid("h\xc3\xa9llo \xe2\x82\xac \xf0\x9f\x98\x80", 15, NULL));
    assert_false(utf8_valid("\xc0\xaf", 2, &bad));         /* overlong */
    assert_false(utf8_valid("\xed\xa0\x80", 3, &bad));     /* surrogate */
    assert_false(utf8_valid("\xf4\x90\x80\x80", 4, &bad)); /* past U+10FFFF */
    assert_false(utf8_valid("ab\xe2\x82", 4, &bad));       /* truncated */
    assert_int_equal(bad, 2);
}

static void enforces_the_size_limit_before_parsing(void **state)
{
    size_t n = CSV_MAX_FILE_BYTES + 1;
    char *big = malloc(n);
    memset(big, 'a', n);
    struct csv_table t;
    struct diag_list d = {0};
    assert_int_equal(csv_parse_all("big.csv", big, n, &t, &d), 1);
    assert_non_null(strstr(d.items[0].message, "64 MiB"));
    diag_list_free(&d);
    free(big);
}

/* An over-long cell is reported against its column; in the header it used to read as a column
 * with no name. */
static void names_the_column_of_an_over_long_field(void **state)
{
    struct strbuf sb = {0};
    sb_append(&sb, "name,notes\nAda,");
    for (unsigned i = 0; i <= CSV_MAX_FIELD_BYTES; i++)
        sb_append_char(&sb, 'x');
    sb_append(&sb, "\nBen,short\n");
    struct csv_table t;
    struct diag_list d = {0};
    assert_int_equal(csv_parse_all("t.csv", sb.data, sb.len, &t, &d), 1);
    assert_int_equal(d.count, 1);
    assert_int_equal(d.items[0].line, 2);
    assert_string_equal(d.items[0].field, "notes");
    diag_list_free(&d);
    sb.len = 0;
    for (unsigned i = 0; i <= CSV_MAX_FIELD_BYTES; i++)
        sb_append_char(&sb, 'h');
    sb_append(&sb, ",email\nAda,a@x.org\n");
    assert_int_equal(csv_parse_all("t.csv", sb.data, sb.len, &t, &d), 1);
    assert_int_equal(d.count, 1);
    assert_string_equal(d.items[0].field, "1");
    assert_non_null(strstr(d.items[0].message, "header name is longer"));
    diag_list_free(&d);
    sb_free(&sb);
}

static void empty_and_duplicate_header_names_are_reported(void **state)
{
    struct csv_table t;
    struct diag_list d = {0};
    assert_int_equal(parse("a,,A\n1,2,3\n", &t, &d), 1);
    assert_int_equal(d.count, 2);
    assert_string_equal(d.items[0].field, "2");
    assert_non_null(strstr(d.items[1].message, "appears twice"));
    diag_list_free(&d);
}

static void writes_fields_that_read_back_the_same(void **state)
{
    const char *fields[] = {"plain", "with, comma", "with \"quote\"", "two\nlines", "=1+2"};
    struct strbuf sb = {0};
    sb_append(&sb, "a,b,c,d,e\n");
    for (int i = 0; i < 5; i++) {
        if (i)
            sb_append_char(&sb, ',');
        csv_append_field(&sb, fields[i]);
    }
    sb_append_char(&sb, '\n');
    struct csv_table t;
    struct diag_list d = {0};
    assert_int_equal(csv_parse_all("rt.csv", sb.data, sb.len, &t, &d), 0);
    assert_non_null(strstr(sb.data, "'=1+2")); /* not a formula in a spreadsheet */
    for (int i = 0; i < 5; i++)
        assert_string_equal(t.rows[0].fields[i], fields[i]);
    csv_table_free(&t);
    sb_free(&sb);
}

/* The guard used to land before the opening quote ('"+44, 1"), which splits the field in two
 * for every CSV reader. */
static void the_formula_guard_goes_inside_the_quotes(void **state)
{
    struct strbuf sb = {0};
    csv_append_field(&sb, "+44 20 7946 0958, ext. 4");
    assert_string_equal(sb.data, "\"'+44 20 7946 0958, ext. 4\"");
    sb_reset(&sb);
    csv_append_field(&sb, "=1+2");
    assert_string_equal(sb.data, "'=1+2");
    sb_reset(&sb);
    csv_append_field(&sb, "-5; minus"); /* a semicolon is quoted too, for European Excel */
    assert_string_equal(sb.data, "\"'-5; minus\"");
    sb_reset(&sb);
    csv_append_field(&sb, "@\"x\"");
    assert_string_equal(sb.data, "\"'@\"\"x\"\"\"");
    sb_free(&sb);
}

static void numbers_in_their_shortest_exact_form(void **state)
{
    const double values[] = {0.1, 1.0 / 3, 1e20, 2, -0.5, 0.8395061728395061, 1e-7};
    const char *want[] = {"0.1",  "0.3333333333333333", "1e+20", "2",
                          "-0.5", "0.8395061728395061", "1e-07"};
    struct strbuf sb = {0};
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        sb_reset(&sb);
        csv_append_number(&sb, values[i]);
        assert_string_equal(sb.data, want[i]);
        assert_true(strtod(sb.data, NULL) == values[i]);
    }
    sb_reset(&sb);
    csv_append_number(&sb, NAN);
    assert_true(sb.data == NULL || sb.data[0] == '\0');
    sb_free(&sb);
}

/* An unclosed quote that opens on the second line of a record was reported at the record's
 * first line, and it hid every row after it. */
static void an_unclosed_quote_is_reported_where_it_opens(void **state)
{
    struct csv_table t;
    struct diag_list d = {0};
    struct csv_parse_options opt = {.keep_good_rows = true};
    const char *text = "a,b,c\n1,\"two\nlines\",\"open\n2,3,4\n";
    assert_int_equal(csv_parse_with("t.csv", text, strlen(text), &opt, &t, &d), 1);
    assert_int_equal(d.count, 1);
    assert_int_equal(d.items[0].line, 3);
    assert_string_equal(d.items[0].field, "c");
    assert_int_equal(t.row_count, 1); /* reading went on after the line where it opened */
    assert_int_equal(t.rows[0].line, 4);
    assert_string_equal(t.rows[0].fields[2], "4");
    csv_table_free(&t);
    diag_list_free(&d);
}

static void other_delimiters_and_good_rows_kept(void **state)
{
    struct csv_table t;
    struct diag_list d = {0};
    struct csv_parse_options opt = {.delimiter = ';', .keep_good_rows = true};
    const char *text = "name;notes\nAda;\"a; b, c\"\nBen;x;y\n\"Cy\" x;z\nDi;ok\n";
    assert_int_equal(csv_parse_with("t.csv", text, strlen(text), &opt, &t, &d), 1);
    assert_int_equal(d.count, 2);
    assert_int_equal(d.items[0].line, 3);
    assert_string_equal(d.items[0].field, "3"); /* the extra field */
    assert_int_equal(d.items[1].line, 4);
    assert_string_equal(d.items[1].field, "name"); /* text after the closing quote */
    assert_int_equal(t.row_count, 2);
    assert_string_equal(t.rows[0].fields[1], "a; b, c");
    assert_string_equal(t.rows[1].fields[0], "Di");
    csv_table_free(&t);
    diag_list_free(&d);
    /* Without keep_good_rows the table is empty on problems, as before. */
    opt.keep_good_rows = false;
    assert_int_equal(csv_parse_with("t.csv", text, strlen(text), &opt, &t, &d), 1);
    assert_int_equal(t.row_count, 0);
    assert_null(t.rows);
    diag_list_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reads_quotes_commas_and_newlines_with_start_lines),
        cmocka_unit_test(pads_short_rows_and_accepts_trailing_empty_columns),
        cmocka_unit_test(reports_every_problem_with_its_line),
        cmocka_unit_test(rejects_invalid_utf8_naming_the_column),
        cmocka_unit_test(rejects_nul_bytes_naming_the_column),
        cmocka_unit_test(utf8_validator_follows_the_standard),
        cmocka_unit_test(enforces_the_size_limit_before_parsing),
        cmocka_unit_test(names_the_column_of_an_over_long_field),
        cmocka_unit_test(empty_and_duplicate_header_names_are_reported),
        cmocka_unit_test(writes_fields_that_read_back_the_same),
        cmocka_unit_test(the_formula_guard_goes_inside_the_quotes),
        cmocka_unit_test(numbers_in_their_shortest_exact_form),
        cmocka_unit_test(an_unclosed_quote_is_reported_where_it_opens),
        cmocka_unit_test(other_delimiters_and_good_rows_kept),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
