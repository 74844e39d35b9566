/* Unit tests for report/svg_chart: escaping of every text, clamping, and well-formed output. */
#include "test_support.h"

#include "io/render/svg_chart.h"

static void escapes_labels_titles_and_values(void **state)
{
    struct svg_bar bars[] = {
        {"<script>alert('x')</script> & \"co\"", 3, "3 <people>"},
        {"plain", 1, NULL},
    };
    char *svg = svg_bar_chart("Title <b>&", bars, 2, 0, 4);
    assert_non_null(svg);
    assert_null(strstr(svg, "<script>"));
    assert_null(strstr(svg, "<b>"));
    assert_null(strstr(svg, "<people>"));
    assert_non_null(
        strstr(svg, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;co&quot;"));
    assert_non_null(strstr(svg, "aria-label=\"Title &lt;b&gt;&amp;\""));
    assert_non_null(strstr(svg, ">1.00<")); /* the default value text */
    /* Bars: 3 of 4 is 390 of 520 units wide. */
    assert_non_null(strstr(svg, "width=\"390.0\""));
    free(svg);
}

static void clamps_values_and_limits_bars(void **state)
{
    struct svg_bar bars[SVG_MAX_BARS + 5];
    for (size_t i = 0; i < SVG_MAX_BARS + 5; i++)
        bars[i] = (struct svg_bar){"b", (double)i * 100 - 50, "v"};
    char *svg = svg_bar_chart("t", bars, SVG_MAX_BARS + 5, 0, 10);
    size_t rects = 0;
    for (const char *p = svg; (p = strstr(p, "<rect")); p++)
        rects++;
    assert_int_equal(rects, SVG_MAX_BARS);
    assert_non_null(strstr(svg, "width=\"0.0\""));   /* -50 clamped to 0 */
    assert_non_null(strstr(svg, "width=\"520.0\"")); /* past the maximum */
    free(svg);
}

/* A long label is drawn whole above its bar, never clipped at the left edge; past what fits it
 * is cut at a space with an ellipsis and kept whole in its <title>. */
static void long_labels_fit(void **state)
{
    (void)state;
    const char *mid = "Loneliness (UCLA-3, three items, lower is better): start";
    const char *huge = "A theme with a very long label that keeps going well past the width of "
                       "the chart and then some more words";
    struct svg_bar bars[] = {{mid, 1, NULL}, {huge, 2, NULL}};
    char *svg = svg_bar_chart("t", bars, 2, 0, 2);
    assert_non_null(svg);
    assert_non_null(strstr(svg, "<text x=\"0\" y=\"46\" font-size=\"13\" fill=\"#222\">Loneliness "
                                "(UCLA-3, three items, lower is better): start</text>"));
    assert_non_null(strstr(svg, "chart and…<title>A theme with a very long label"));
    assert_null(strstr(svg, "text-anchor=\"end\""));
    free(svg);
}

static void output_is_well_formed_xml(void **state)
{
    struct svg_bar bars[] = {{"caf\xc3\xa9 & <tea>", 2, NULL},
                             {"ctrl\x01"
                              "char",
                              1, NULL}};
    char *svg = svg_bar_chart("T\"'", bars, 2, 0, 2);
    char path[] = "/tmp/setwork-svg-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, svg, strlen(svg)), (ssize_t)strlen(svg));
    close(fd);
    char *cmd = malloc(strlen(path) + 64);
    snprintf(cmd, strlen(path) + 64, "xmllint --noout %s 2>/dev/null", path);
    int rc = system(cmd);
    unlink(path);
    free(cmd);
    free(svg);
    if (rc == 127 * 256)
        skip(); /* no xmllint on this machine */
    assert_int_equal(rc, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(escapes_labels_titles_and_values),
        cmocka_unit_test(clamps_values_and_limits_bars),
        cmocka_unit_test(long_labels_fit),
        cmocka_unit_test(output_is_well_formed_xml),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
