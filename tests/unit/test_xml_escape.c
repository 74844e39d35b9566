/* Unit tests for core/xml_escape: the one escaper of HTML pages, SVG pictures and GraphML. */
#include "test_support.h"

#include "core/xml_escape.h"

static char *text(const char *s)
{
    struct strbuf sb = {0};
    assert_int_equal(xml_escape_text(&sb, s), 0);
    return sb_take(&sb);
}

static char *attr(const char *s)
{
    struct strbuf sb = {0};
    assert_int_equal(xml_escape_attr(&sb, s), 0);
    return sb_take(&sb);
}

static void text_escapes_markup(void **state)
{
    (void)state;
    char *s = text("<script>alert('x')</script> & \"q\"\x01\tok");
    assert_string_equal(s, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; "
                           "&quot;q&quot;\xef\xbf\xbd\tok");
    free(s);
    s = text("caf\xc3\xa9, plain");
    assert_string_equal(s, "caf\xc3\xa9, plain");
    free(s);
}

static void controls_are_replaced_in_both_contexts(void **state)
{
    (void)state;
    /* Every C0 control but tab, LF and CR is illegal in XML 1.0. */
    for (int c = 1; c < 0x20; c++) {
        char in[4] = {'a', (char)c, 'b', 0};
        char *t = text(in), *a = attr(in);
        if (c == '\t' || c == '\n' || c == '\r') {
            assert_string_equal(t, in);
            assert_string_not_equal(a, in);
        } else {
            assert_string_equal(t, "a" XML_REPLACEMENT "b");
            assert_string_equal(a, "a" XML_REPLACEMENT "b");
        }
        free(t);
        free(a);
    }
    char *s = text("\x7f");
    assert_string_equal(s, "\x7f"); /* DEL is allowed */
    free(s);
}

static void attributes_keep_whitespace(void **state)
{
    (void)state;
    char *s = attr("a\tb\nc\rd \"e\" <f> & 'g'");
    assert_string_equal(s, "a&#9;b&#10;c&#13;d &quot;e&quot; &lt;f&gt; &amp; &#39;g&#39;");
    free(s);
}

static void null_and_empty(void **state)
{
    (void)state;
    struct strbuf sb = {0};
    assert_int_equal(xml_escape_text(&sb, NULL), 0);
    assert_int_equal(xml_escape_attr(&sb, NULL), 0);
    assert_int_equal(xml_escape_text(&sb, ""), 0);
    assert_int_equal(sb.len, 0);
    sb_free(&sb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(text_escapes_markup),
        cmocka_unit_test(controls_are_replaced_in_both_contexts),
        cmocka_unit_test(attributes_keep_whitespace),
        cmocka_unit_test(null_and_empty),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
