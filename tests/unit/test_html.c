/* The HTML emitters: escaping by context and the page layout. */
#include "test_support.h"

#include "web/http/html.h"

static char *take(struct html *h)
{
    size_t len = h->sb.len;
    char *s = sb_take(&h->sb);
    assert_non_null(s);
    assert_int_equal(strlen(s), len);
    return s;
}

static void test_text_escapes(void **state)
{
    struct html h = {0};
    H(&h, "<p title=\"");
    html_text(&h, "\"'><script>&");
    H(&h, "\">");
    html_text(&h, "Tom & Jerry <b>");
    html_text(&h, NULL);
    H(&h, "</p>");
    char *s = take(&h);
    assert_string_equal(s, "<p title=\"&quot;&#39;&gt;&lt;script&gt;&amp;\">Tom &amp; Jerry "
                           "&lt;b&gt;</p>");
    free(s);
}

static void test_url_and_int(void **state)
{
    struct html h = {0};
    html_url_arg(&h, "a b/c?d=é&x");
    H(&h, " ");
    html_int(&h, -42);
    char *s = take(&h);
    assert_string_equal(s, "a%20b%2Fc%3Fd%3D%C3%A9%26x -42");
    free(s);
}

static void test_layout(void **state)
{
    struct html h = {0};
    struct html_viewer v = {"Ada <Admin>", "admin", "tok\"en"};
    html_page_begin(&h, "Title & more", &v);
    html_input(&h, "text", "name", "Name", "a\"b", true);
    html_page_end(&h);
    char *s = take(&h);
    assert_non_null(strstr(s, "<title>Title &amp; more · setwork</title>"));
    assert_non_null(strstr(s, "Ada &lt;Admin&gt;"));
    assert_non_null(strstr(s, "value=\"tok&quot;en\""));
    assert_non_null(strstr(s, "value=\"a&quot;b\" required"));
    assert_non_null(strstr(s, "<main id=\"main\">"));
    assert_non_null(strstr(s, "</html>"));
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_escapes),
        cmocka_unit_test(test_url_and_int),
        cmocka_unit_test(test_layout),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
