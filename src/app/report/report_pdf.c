/* The report object shaped for the PDF renderer (io/render/report_pdf.h): the headlines and the
 * charts the report page shows, and nothing it does not, so the k = 3 floor and the consent
 * rules that built the report hold in the PDF too. */
#include "app/report/report.h"

#include "io/render/report_pdf.h"

#include <string.h>

static const char *str_at(const json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

int report_pdf(const json_t *report, char **pdf, size_t *len)
{
    struct report_pdf_headline heads[REPORT_PDF_MAX_HEADLINES];
    size_t nh = 0, i;
    json_t *h;
    json_array_foreach(json_object_get(report, "headlines"), i, h)
    {
        if (nh == REPORT_PDF_MAX_HEADLINES)
            break;
        heads[nh++] = (struct report_pdf_headline){str_at(h, "title"), str_at(h, "value"),
                                                   str_at(h, "detail")};
    }
    /* The charts the page draws, under the same conditions (page_report.c). */
    struct report_bars bars[2];
    struct report_pdf_chart charts[2];
    size_t nc = 0;
    const json_t *con = json_object_get(report, "connectedness");
    if (json_is_true(json_object_get(con, "available"))) {
        report_bars_connectedness(report, &bars[nc]);
        nc++;
    }
    if (json_array_size(json_object_get(json_object_get(report, "themes"), "shown")) > 0) {
        report_bars_themes(report, &bars[nc]);
        nc++;
    }
    for (size_t k = 0; k < nc; k++)
        charts[k] = (struct report_pdf_chart){bars[k].title, bars[k].bars, bars[k].n, bars[k].min,
                                              bars[k].max};
    struct report_pdf r = {
        .programme = str_at(report, "programme"),
        .generated = json_string_value(json_object_get(report, "generated_at")),
        .headlines = heads,
        .headline_count = nh,
        .charts = charts,
        .chart_count = nc,
    };
    int rc = report_pdf_render(&r, pdf, len);
    for (size_t k = 0; k < nc; k++)
        report_bars_free(&bars[k]);
    return rc;
}
