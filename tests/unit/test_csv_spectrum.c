/* The csv-spectrum suite (tests/e2e/cases/csv-spectrum/): every CSV read through sheet_load
 * matches its JSON, and writing the rows back with csv_append_field reads the same. */
#include "test_support.h"

#include "core/file.h"
#include "core/strbuf.h"
#include "io/csv/csv_reader.h"
#include "io/import/sheet_load.h"

#include <dirent.h>
#include <jansson.h>

static const char *spectrum_dir(void)
{
    static char dir[4096];
    const char *src = getenv("SETWORK_SOURCE_DIR");
    snprintf(dir, sizeof dir, "%s/tests/e2e/cases/csv-spectrum", src ? src : ".");
    return dir;
}

static char *slurp(const char *path, size_t *len)
{
    struct diag_list d = {0};
    char *data = NULL;
    assert_int_equal(csv_read_file(path, &data, len, &d), 0);
    diag_list_free(&d);
    return data;
}

/* The rows the suite expects, as a JSON array of objects keyed by the header as written. The
 * suite's location_coordinates.json is an object whose phone number is not the CSV's, so that
 * case is checked against the CSV's own values. */
static json_t *expected_rows(const char *name)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/json/%s.json", spectrum_dir(), name);
    json_error_t err;
    json_t *j = json_load_file(path, 0, &err);
    assert_non_null(j);
    if (strcmp(name, "location_coordinates") == 0) {
        assert_true(json_is_object(j));
        json_object_set_new(j, "Contact Phone Number", json_string("2095257564"));
        json_t *a = json_array();
        json_array_append_new(a, j);
        return a;
    }
    return j;
}

static void same_rows(const char *name, const struct csv_table *t, json_t *want)
{
    if (json_array_size(want) != t->row_count)
        fail_msg("%s: %zu rows, expected %zu", name, t->row_count, json_array_size(want));
    for (size_t i = 0; i < t->row_count; i++) {
        json_t *row = json_array_get(want, i);
        if (json_object_size(row) != t->columns)
            fail_msg("%s row %zu: %zu columns, expected %zu", name, i + 1, t->columns,
                     json_object_size(row));
        for (size_t c = 0; c < t->columns; c++) {
            const char *v = json_string_value(json_object_get(row, t->header_raw[c]));
            if (!v || strcmp(v, t->rows[i].fields[c]) != 0)
                fail_msg("%s row %zu column '%s': got '%s', expected '%s'", name, i + 1,
                         t->header_raw[c], t->rows[i].fields[c], v ? v : "(none)");
        }
    }
}

static char *write_back(const struct csv_table *t)
{
    struct strbuf sb = {0};
    for (size_t c = 0; c < t->columns; c++) {
        if (c)
            sb_append_char(&sb, ',');
        csv_append_field(&sb, t->header_raw[c]);
    }
    sb_append(&sb, "\r\n");
    for (size_t i = 0; i < t->row_count; i++) {
        for (size_t c = 0; c < t->columns; c++) {
            if (c)
                sb_append_char(&sb, ',');
            csv_append_field(&sb, t->rows[i].fields[c]);
        }
        sb_append(&sb, "\r\n");
    }
    return sb_take(&sb);
}

static void every_case_reads_as_its_json_and_round_trips(void **state)
{
    char dir[4200];
    snprintf(dir, sizeof dir, "%s/csvs", spectrum_dir());
    DIR *d = opendir(dir);
    assert_non_null(d);
    int cases = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t n = strlen(e->d_name);
        if (n < 5 || strcmp(e->d_name + n - 4, ".csv") != 0)
            continue;
        char name[256], path[4500];
        snprintf(name, sizeof name, "%.*s", (int)(n - 4), e->d_name);
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        size_t len;
        char *data = slurp(path, &len);
        struct csv_table t;
        struct sheet_source src;
        struct diag_list diags = {0};
        if (sheet_load(name, data, len, NULL, false, &t, &src, &diags) != 0)
            fail_msg("%s: %s", name, diags.count ? diags.items[0].message : "failed");
        assert_int_equal(src.delimiter, ',');
        json_t *want = expected_rows(name);
        same_rows(name, &t, want);
        /* Written back and read again: the same rows. */
        char *again = write_back(&t);
        struct csv_table t2;
        assert_int_equal(csv_parse_all(name, again, strlen(again), &t2, &diags), 0);
        same_rows(name, &t2, want);
        csv_table_free(&t2);
        free(again);
        json_decref(want);
        csv_table_free(&t);
        sheet_source_free(&src);
        diag_list_free(&diags);
        free(data);
        cases++;
    }
    closedir(d);
    assert_int_equal(cases, 12);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_case_reads_as_its_json_and_round_trips),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
