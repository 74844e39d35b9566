/* Unit tests for io/render/svg: the typed SVG writer (literals, escaped text and attributes,
 * numbers formatted as the pictures have always been). */
#include "test_support.h"

#include "io/render/svg.h"

static void writes_literals_and_values(void **state)
{
    (void)state;
    struct strbuf sb = {0};
    struct svg o = {&sb};
    SVG(&o, "<circle cx=\"");
    svg_num(&o, 12.345, 1);
    SVG(&o, "\" r=\"");
    svg_num(&o, 640, 0);
    SVG(&o, "\" fill=\"");
    svg_attr(&o, "#0072b2");
    SVG(&o, "\"><title>");
    svg_text(&o, "Finance & <Ops>");
    SVG(&o, "</title></circle> ");
    svg_int(&o, -42);
    SVG(&o, " ");
    svg_signed(&o, 0.5, 2);
    SVG(&o, " ");
    svg_signed(&o, -0.125, 2);
    assert_int_equal(svg_status(&o), 0);
    assert_string_equal(sb.data, "<circle cx=\"12.3\" r=\"640\" fill=\"#0072b2\"><title>Finance "
                                 "&amp; &lt;Ops&gt;</title></circle> -42 +0.50 -0.12");
    sb_free(&sb);
}

static void attributes_and_text_escape_by_context(void **state)
{
    (void)state;
    struct strbuf sb = {0};
    struct svg o = {&sb};
    SVG(&o, "<g aria-label=\"");
    svg_attr(&o, "a\"b\nc\x01");
    SVG(&o, "\">");
    svg_text(&o, "a\"b\nc\x01");
    SVG(&o, "</g>");
    svg_text(&o, NULL);
    svg_attr(&o, NULL);
    assert_string_equal(sb.data, "<g aria-label=\"a&quot;b&#10;c\xef\xbf\xbd\">a&quot;b\nc"
                                 "\xef\xbf\xbd</g>");
    sb_free(&sb);
}

static void numbers_round_as_printf(void **state)
{
    (void)state;
    struct strbuf sb = {0};
    struct svg o = {&sb};
    svg_num(&o, 0.05, 1);
    SVG(&o, ",");
    svg_num(&o, 2.5, 0);
    SVG(&o, ",");
    svg_num(&o, 1.0 / 3, 2);
    assert_string_equal(sb.data, "0.1,2,0.33");
    sb_free(&sb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(writes_literals_and_values),
        cmocka_unit_test(attributes_and_text_escape_by_context),
        cmocka_unit_test(numbers_round_as_printf),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
