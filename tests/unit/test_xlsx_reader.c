/* Unit tests for io/import/xlsx_reader: typed cells as text, dates in both calendars, inline
 * and rich strings, gaps, sheets by name, and the files that are not workbooks. The fixtures
 * are made by tests/e2e/make_import_shapes.py (openpyxl, and by hand for inline strings). */
#include "test_support.h"

#include "io/csv/csv_reader.h"
#include "io/import/sheet_load.h"
#include "io/import/xlsx_reader.h"

static char *fixture(const char *name, size_t *len)
{
    char path[4096];
    const char *src = getenv("SETWORK_SOURCE_DIR");
    snprintf(path, sizeof path, "%s/tests/e2e/cases/xlsx/%s", src ? src : ".", name);
    struct diag_list d = {0};
    char *data = NULL;
    assert_int_equal(csv_read_file(path, &data, len, &d), 0);
    diag_list_free(&d);
    return data;
}

static int read_sheet(const char *name, const char *sheet, struct csv_table *t, char **used,
                      struct diag_list *d)
{
    size_t len;
    char *data = fixture(name, &len);
    assert_true(xlsx_is_zip(data, len));
    int rc = xlsx_read(name, data, len, sheet, true, t, used, d);
    free(data);
    return rc;
}

static void cells_read_as_the_text_a_person_sees(void **state)
{
    struct csv_table t;
    struct diag_list d = {0};
    char *used = NULL;
    assert_int_equal(read_sheet("types.xlsx", NULL, &t, &used, &d), 0);
    assert_string_equal(used, "Types");
    assert_int_equal(t.columns, 9);
    assert_string_equal(t.header[6], "time");
    assert_int_equal(t.row_count, 3);
    const char *row2[] = {"Zoë",      "42",           "0.1",
                          "TRUE",     "2026-03-29",   "2026-10-25 01:30",
                          "14:05:09", "447700900123", ""};
    const char *row3[] = {"x",     "-7",         "0.3333333333333333",
                          "FALSE", "1900-01-01", "1999-12-31 23:59:59",
                          "00:00", "1e+20",      ""};
    for (int i = 0; i < 9; i++) {
        assert_string_equal(t.rows[0].fields[i], row2[i]);
        assert_string_equal(t.rows[1].fields[i], row3[i]);
    }
    /* A row with a gap: B4 is empty, C4 is at its column. */
    assert_int_equal(t.rows[2].line, 4);
    assert_string_equal(t.rows[2].fields[0], "gap before C4");
    assert_string_equal(t.rows[2].fields[1], "");
    assert_string_equal(t.rows[2].fields[2], "2.5");
    csv_table_free(&t);
    free(used);
    diag_list_free(&d);
}

static void dates_in_the_1904_calendar(void **state)
{
    struct csv_table t;
    struct diag_list d = {0};
    char *used = NULL;
    assert_int_equal(read_sheet("date1904.xlsx", NULL, &t, &used, &d), 0);
    assert_string_equal(t.rows[0].fields[0], "2026-03-29");
    csv_table_free(&t);
    free(used);
}

static void inline_rich_and_formula_strings_with_row_numbers(void **state)
{
    struct csv_table t;
    struct diag_list d = {0};
    char *used = NULL;
    /* D4 (#N/A) lies past the header's two columns: row 4 is reported at column 4, and the
     * good rows are still there to check. */
    assert_int_equal(read_sheet("inline.xlsx", "INLINE", &t, &used, &d), 1);
    assert_string_equal(used, "Inline");
    assert_int_equal(d.count, 1);
    assert_int_equal(d.items[0].line, 4);
    assert_string_equal(d.items[0].field, "4");
    assert_int_equal(t.columns, 2);
    assert_int_equal(t.row_count, 1);
    assert_int_equal(t.rows[0].line, 3); /* sheet row numbers are the lines of messages */
    assert_string_equal(t.rows[0].fields[0], "A & B");
    assert_string_equal(t.rows[0].fields[1], "Rich text"); /* the phonetic run is left out */
    csv_table_free(&t);
    free(used);
    diag_list_free(&d);
}

static void a_cell_in_the_last_column_is_one_problem(void **state)
{
    struct csv_table t;
    struct diag_list d = {0};
    char *used = NULL;
    assert_int_equal(read_sheet("wide.xlsx", NULL, &t, &used, &d), 1);
    assert_int_equal(d.count, 1);
    assert_int_equal(d.items[0].line, 2);
    assert_non_null(strstr(d.items[0].message, "257 fields"));
    csv_table_free(&t);
    free(used);
    diag_list_free(&d);
}

static void a_damaged_sheet_is_reported_and_its_good_rows_kept(void **state)
{
    struct csv_table t;
    struct diag_list d = {0};
    char *used = NULL;
    assert_int_equal(read_sheet("truncated_sheet.xlsx", NULL, &t, &used, &d), 1);
    assert_int_equal(d.count, 1);
    assert_non_null(strstr(d.items[0].message, "xl/worksheets/s1.xml cannot be read"));
    assert_int_equal(t.row_count, 1);
    assert_string_equal(t.rows[0].fields[0], "Ada");
    csv_table_free(&t);
    free(used);
    diag_list_free(&d);
}

static void a_missing_sheet_names_the_sheets_there_are(void **state)
{
    struct csv_table t;
    struct diag_list d = {0};
    char *used = NULL;
    assert_int_equal(read_sheet("types.xlsx", "Staff", &t, &used, &d), 1);
    assert_null(used);
    assert_null(t.header);
    assert_int_equal(d.count, 1);
    assert_non_null(strstr(d.items[0].message, "no sheet 'Staff'; its sheets are 'Types'"));
    diag_list_free(&d);
}

static void other_zips_and_old_excel_files_are_named(void **state)
{
    struct csv_table t;
    struct diag_list d = {0};
    char *used = NULL;
    assert_int_equal(read_sheet("not_a_workbook.zip", NULL, &t, &used, &d), 1);
    assert_non_null(strstr(d.items[0].message, "not an Excel workbook"));
    free(used);
    used = NULL;
    assert_int_equal(read_sheet("spreadsheet.ods", NULL, &t, &used, &d), 1);
    assert_non_null(strstr(d.items[1].message, "OpenDocument spreadsheet (.ods)"));
    free(used);
    struct sheet_source src;
    static const char xls[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest";
    assert_int_equal(sheet_load("old.xls", xls, sizeof xls - 1, NULL, false, &t, &src, &d), 1);
    assert_non_null(strstr(d.items[2].message, "old Excel .xls file"));
    sheet_source_free(&src);
    /* A truncated archive is a problem, not a crash. */
    static const char broken[] = "PK\x03\x04garbage";
    assert_int_equal(sheet_load("x.xlsx", broken, sizeof broken - 1, NULL, false, &t, &src, &d), 1);
    assert_non_null(strstr(d.items[3].message, "cannot be opened"));
    sheet_source_free(&src);
    diag_list_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(cells_read_as_the_text_a_person_sees),
        cmocka_unit_test(dates_in_the_1904_calendar),
        cmocka_unit_test(inline_rich_and_formula_strings_with_row_numbers),
        cmocka_unit_test(a_cell_in_the_last_column_is_one_problem),
        cmocka_unit_test(a_damaged_sheet_is_reported_and_its_good_rows_kept),
        cmocka_unit_test(a_missing_sheet_names_the_sheets_there_are),
        cmocka_unit_test(other_zips_and_old_excel_files_are_named),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
