/* Unit tests for io/csv/csv_sniff: encodings by byte order mark, UTF-8, Windows-1252 through
 * iconv, and the delimiter a table file uses. */
#include "test_support.h"

#include "io/csv/csv_sniff.h"

static void decode(const char *data, size_t len, struct csv_text *t, int want_rc)
{
    struct diag_list d = {0};
    assert_int_equal(csv_decode("t.csv", data, len, t, &d), want_rc);
    assert_int_equal(d.count, want_rc == 0 ? 0 : 1);
    diag_list_free(&d);
}

static void byte_order_marks_decide(void **state)
{
    struct csv_text t;
    static const char utf8[] = "\xEF\xBB\xBFn\xC3\xA9";
    decode(utf8, sizeof utf8 - 1, &t, 0);
    assert_string_equal(t.encoding, "UTF-8");
    assert_true(t.bom);
    assert_false(t.transcoded);
    assert_string_equal(t.data, "n\xC3\xA9");
    csv_text_free(&t);
    static const char le[] = "\xFF\xFEn\0\xE9\0,\0\xAC\x20";
    decode(le, sizeof le - 1, &t, 0);
    assert_string_equal(t.encoding, "UTF-16LE");
    assert_true(t.transcoded);
    assert_string_equal(t.data, "n\xC3\xA9,\xE2\x82\xAC");
    csv_text_free(&t);
    static const char be[] = "\xFE\xFF\0n\0\xE9\xD8\x3D\xDE\x00";
    decode(be, sizeof be - 1, &t, 0);
    assert_string_equal(t.encoding, "UTF-16BE");
    assert_string_equal(t.data, "n\xC3\xA9\xF0\x9F\x98\x80"); /* a surrogate pair */
    csv_text_free(&t);
    /* A lone high surrogate at the end is an error that names the byte. */
    static const char bad[] = "\xFF\xFEn\0\x00\xD8";
    struct diag_list d = {0};
    assert_int_equal(csv_decode("t.csv", bad, sizeof bad - 1, &t, &d), 1);
    assert_non_null(strstr(d.items[0].message, "UTF-16LE text but byte 5"));
    diag_list_free(&d);
    csv_text_free(&t);
}

static void utf16_without_a_bom_is_recognised(void **state)
{
    struct csv_text t;
    static const char le[] = "n\0a\0m\0e\0,\0e\0\n\0";
    decode(le, sizeof le - 1, &t, 0);
    assert_string_equal(t.encoding, "UTF-16LE");
    assert_false(t.bom);
    assert_string_equal(t.data, "name,e\n");
    csv_text_free(&t);
}

static void windows_1252_when_not_utf8(void **state)
{
    struct csv_text t;
    const char *plain = "name,town\nAda,M\xC3\xBCnchen\n";
    decode(plain, strlen(plain), &t, 0);
    assert_string_equal(t.encoding, "UTF-8");
    assert_false(t.transcoded);
    csv_text_free(&t);
    const char *cp = "name;town\nAda;M\xFCnchen \x80\x96\n";
    decode(cp, strlen(cp), &t, 0);
    assert_string_equal(t.encoding, "Windows-1252");
    assert_true(t.transcoded);
    assert_string_equal(t.data, "name;town\nAda;M\xC3\xBCnchen \xE2\x82\xAC\xE2\x80\x93\n");
    csv_text_free(&t);
    /* 0x81 means nothing in Windows-1252: the bytes stay, for the reader to name the field. */
    const char *neither = "name\nR\x81search\n";
    decode(neither, strlen(neither), &t, 0);
    assert_false(t.transcoded);
    assert_string_equal(t.data, neither);
    csv_text_free(&t);
    /* UTF-8 with one damaged byte stays UTF-8: read as Windows-1252, Zo\xC3\xAB would become
     * Zo\u00c3\u00ab. */
    const char *damaged = "name\nZo\xC3\xAB\nM\xFCller\n";
    decode(damaged, strlen(damaged), &t, 0);
    assert_false(t.transcoded);
    assert_string_equal(t.data, damaged);
    csv_text_free(&t);
}

static char sniff(const char *s)
{
    return csv_sniff_delimiter(s, strlen(s));
}

static void the_delimiter_the_header_and_rows_agree_on(void **state)
{
    assert_int_equal(sniff("name,email\nAda,a@x.org\n"), ',');
    assert_int_equal(sniff("name;email;notes\nAda;a@x.org;hello, world\nBen;b@x.org;x\n"), ';');
    assert_int_equal(sniff("name\temail\nLovelace, Ada\ta@x.org\n"), '\t');
    /* Quoted delimiters do not count. */
    assert_int_equal(sniff("\"a;b\",c\n\"x;y\",z\n"), ',');
    /* One column: nothing splits it, so comma. */
    assert_int_equal(sniff("name\nAda\n"), ',');
    /* The header decides between equals: rows that agree with it. */
    assert_int_equal(sniff("a;b,c\n1;2,3\n4,5\n"), ',');
    assert_int_equal(sniff("a;b,c\n1;2,3\n4;5\n"), ';');
    assert_string_equal(csv_delimiter_name(';'), "semicolon");
    assert_string_equal(csv_delimiter_name('\t'), "tab");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(byte_order_marks_decide),
        cmocka_unit_test(utf16_without_a_bom_is_recognised),
        cmocka_unit_test(windows_1252_when_not_utf8),
        cmocka_unit_test(the_delimiter_the_header_and_rows_agree_on),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
