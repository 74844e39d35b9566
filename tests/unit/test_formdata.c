/* The form parser: urlencoded and multipart bodies, and their limits. */
#include "test_support.h"

#include "core/strbuf.h"
#include "web/http/formdata.h"

static void parses(const char *body, struct formdata *f)
{
    char *err = NULL;
    assert_int_equal(formdata_parse_urlencoded(body, strlen(body), f, &err), 0);
    assert_null(err);
}

static void fails(const char *body, const char *message)
{
    struct formdata f = {0};
    char *err = NULL;
    assert_int_equal(formdata_parse_urlencoded(body, strlen(body), &f, &err), -1);
    assert_non_null(err);
    assert_string_equal(err, message);
    free(err);
    formdata_free(&f);
}

static void test_urlencoded(void **state)
{
    struct formdata f = {0};
    parses("a=1&name=Ada+Lovelace&x=%3Cb%3E&&empty=&flag&a=2", &f);
    assert_int_equal(f.count, 6);
    assert_string_equal(formdata_get(&f, "a"), "1");
    assert_string_equal(formdata_get(&f, "name"), "Ada Lovelace");
    assert_string_equal(formdata_get(&f, "x"), "<b>");
    assert_string_equal(formdata_get(&f, "empty"), "");
    assert_string_equal(formdata_get(&f, "flag"), "");
    assert_null(formdata_get(&f, "missing"));
    formdata_free(&f);
    assert_int_equal(f.count, 0);
}

static void test_urlencoded_bad(void **state)
{
    fails("a=%4", "The form has a malformed %-escape.");
    fails("a=%G1", "The form has a malformed %-escape.");
    fails("a=%00", "The form holds text that is not valid UTF-8.");
    fails("a=%C3%28", "The form holds text that is not valid UTF-8.");
    struct strbuf sb = {0};
    for (int i = 0; i <= FORMDATA_MAX_FIELDS; i++)
        sb_printf(&sb, "f%d=1&", i);
    fails(sb.data, "The form has too many fields.");
    sb_reset(&sb);
    sb_append(&sb, "a=");
    for (int i = 0; i <= FORMDATA_MAX_VALUE; i++)
        sb_append_char(&sb, 'x');
    fails(sb.data, "A field is too long.");
    sb_free(&sb);
}

static const char multipart_type[] = "multipart/form-data; boundary=----XyZ";

static void test_multipart(void **state)
{
    const char body[] = "------XyZ\r\n"
                        "Content-Disposition: form-data; name=\"csrf\"\r\n\r\n"
                        "tok\r\n"
                        "------XyZ\r\n"
                        "Content-Disposition: form-data; name=\"file\"; filename=\"c.csv\"\r\n"
                        "Content-Type: text/csv\r\n\r\n"
                        "name,email\r\nA,a@x.example\r\n\r\n"
                        "------XyZ--\r\n";
    struct formdata f = {0};
    char *err = NULL;
    assert_int_equal(formdata_parse_multipart(multipart_type, body, sizeof body - 1, &f, &err), 0);
    assert_int_equal(f.count, 2);
    assert_string_equal(formdata_get(&f, "csrf"), "tok");
    const struct formdata_field *file = formdata_field(&f, "file");
    assert_non_null(file);
    assert_string_equal(file->filename, "c.csv");
    assert_string_equal(file->value, "name,email\r\nA,a@x.example\r\n");
    assert_int_equal(file->len, strlen("name,email\r\nA,a@x.example\r\n"));
    formdata_free(&f);
}

static void multipart_fails(const char *type, const char *body, const char *message)
{
    struct formdata f = {0};
    char *err = NULL;
    assert_int_equal(formdata_parse_multipart(type, body, strlen(body), &f, &err), -1);
    assert_non_null(err);
    assert_string_equal(err, message);
    free(err);
    formdata_free(&f);
}

static void test_multipart_bad(void **state)
{
    multipart_fails("multipart/form-data", "x", "The upload has no valid boundary.");
    multipart_fails(multipart_type, "no delimiter here", "The upload is not multipart/form-data.");
    multipart_fails(multipart_type,
                    "------XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue",
                    "The upload is incomplete (the final boundary is missing).");
    multipart_fails(multipart_type, "------XyZ\r\nContent-Type: text/plain\r\n\r\nv\r\n------XyZ--",
                    "A part of the upload has no field name.");
    multipart_fails(multipart_type, "------XyZ\r\nX-Long: aaaa",
                    "The upload is malformed (part headers are missing or too long).");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_urlencoded),
        cmocka_unit_test(test_urlencoded_bad),
        cmocka_unit_test(test_multipart),
        cmocka_unit_test(test_multipart_bad),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
