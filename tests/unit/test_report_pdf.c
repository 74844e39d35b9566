/* Unit tests for io/render/report_pdf: the report typeset as a PDF of A4 pages, UTF-8 text
 * included, never more than REPORT_PDF_MAX_PAGES pages however much is given. */
#include "test_support.h"

#include "io/render/report_pdf.h"

#include <string.h>

/* How often KEY occurs in the LEN bytes of PDF. */
static int count(const char *pdf, size_t len, const char *key)
{
    int n = 0;
    size_t k = strlen(key);
    for (size_t i = 0; i + k <= len; i++)
        n += memcmp(pdf + i, key, k) == 0;
    return n;
}

/* Pages of a cairo PDF: its page objects ("/Type /Page" not followed by "s"). */
static int pages(const char *pdf, size_t len)
{
    int n = 0;
    const char *key = "/Type /Page";
    size_t k = strlen(key);
    for (size_t i = 0; i + k < len; i++)
        if (memcmp(pdf + i, key, k) == 0 && pdf[i + k] != 's')
            n++;
    return n;
}

static void one_page_for_a_short_report(void **state)
{
    (void)state;
    struct report_pdf_headline h[] = {
        {"Contacts per person", "7.5 → 12.0", "On average each person named 4.5 more contacts."},
        {"Challenges people share", "2 themes", "Zoë's café, Łódź and 東京 are set in DejaVu."},
    };
    struct svg_bar bars[] = {{"conflict, conversation", 19, "19 people"}, {"remote", 4, NULL}};
    struct report_pdf_chart c = {"People per shared theme", bars, 2, 0, 19};
    struct report_pdf r = {"Léa's programme", "2026-12-03T16:00:00Z", h, 2, &c, 1};
    char *pdf = NULL;
    size_t len = 0;
    assert_int_equal(report_pdf_render(&r, &pdf, &len), 0);
    assert_non_null(pdf);
    assert_true(len > 1000);
    assert_memory_equal(pdf, "%PDF-", 5);
    assert_int_equal(pages(pdf, len), 1);
    assert_int_equal(count(pdf, len, "/MediaBox [ 0 0 595.28 841.89 ]"), 1);
    free(pdf);
}

static void never_more_than_two_pages(void **state)
{
    (void)state;
    struct report_pdf_headline h[REPORT_PDF_MAX_HEADLINES];
    const char *long_detail =
        "A sentence long enough to wrap over several lines of the page, so that twenty-four of "
        "them fill more than two pages of A4 when they are set one under the other with their "
        "titles and their figures, which is what this test needs to show that the renderer "
        "stops at the second page and says that the rest is on the web page.";
    for (size_t i = 0; i < REPORT_PDF_MAX_HEADLINES; i++)
        h[i] = (struct report_pdf_headline){"A headline", "1 → 2", long_detail};
    struct svg_bar bars[SVG_MAX_BARS];
    for (size_t i = 0; i < SVG_MAX_BARS; i++)
        bars[i] = (struct svg_bar){"A theme with a long label that wraps in its column", 3, NULL};
    struct report_pdf_chart c[] = {{"Chart one", bars, SVG_MAX_BARS, 0, 5},
                                   {"Chart two", bars, SVG_MAX_BARS, 0, 5}};
    struct report_pdf r = {"P", NULL, h, REPORT_PDF_MAX_HEADLINES, c, 2};
    char *pdf = NULL;
    size_t len = 0;
    assert_int_equal(report_pdf_render(&r, &pdf, &len), 0);
    assert_int_equal(pages(pdf, len), REPORT_PDF_MAX_PAGES);
    free(pdf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(one_page_for_a_short_report),
        cmocka_unit_test(never_more_than_two_pages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
