/* Horizontal bar charts as SVG. Sizes are in user units; the viewBox lets the page scale them. */
#include "io/render/svg_chart.h"

#include "core/strbuf.h"
#include "core/xml_escape.h"

#include <math.h>
#include <stdlib.h>

#define CHART_WIDTH  640
#define LABEL_WIDTH  240
#define BAR_WIDTH    300
#define ROW_HEIGHT   28
#define TITLE_HEIGHT 32

char *svg_bar_chart(const char *title, const struct svg_bar *bars, size_t n, double min, double max)
{
    if (n > SVG_MAX_BARS)
        n = SVG_MAX_BARS;
    if (!(max > min))
        max = min + 1;
    int height = TITLE_HEIGHT + (int)n * ROW_HEIGHT + 8;
    struct strbuf sb = {0};
    sb_printf(&sb,
              "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" "
              "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" aria-label=\"",
              CHART_WIDTH, height, CHART_WIDTH, height);
    xml_escape_attr(&sb, title);
    sb_append(&sb, "\">\n<title>");
    xml_escape_text(&sb, title);
    sb_printf(&sb, "</title>\n<text x=\"0\" y=\"20\" font-size=\"15\" font-weight=\"bold\" "
                   "fill=\"#222\">");
    xml_escape_text(&sb, title);
    sb_append(&sb, "</text>\n");
    for (size_t i = 0; i < n; i++) {
        double v = bars[i].value;
        if (!isfinite(v))
            v = min;
        double f = (fmin(fmax(v, min), max) - min) / (max - min);
        int y = TITLE_HEIGHT + (int)i * ROW_HEIGHT;
        sb_printf(&sb,
                  "<text x=\"%d\" y=\"%d\" font-size=\"13\" text-anchor=\"end\" fill=\"#222\">",
                  LABEL_WIDTH - 8, y + 18);
        xml_escape_text(&sb, bars[i].label);
        sb_printf(&sb,
                  "</text>\n<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" "
                  "fill=\"#3b6ea5\"/>\n<text x=\"%.1f\" y=\"%d\" font-size=\"13\" fill=\"#222\">",
                  LABEL_WIDTH, y + 4, f * BAR_WIDTH, ROW_HEIGHT - 8,
                  LABEL_WIDTH + f * BAR_WIDTH + 6, y + 18);
        if (bars[i].value_text)
            xml_escape_text(&sb, bars[i].value_text);
        else
            sb_printf(&sb, "%.2f", bars[i].value);
        sb_append(&sb, "</text>\n");
    }
    sb_append(&sb, "</svg>\n");
    char *out = sb_take(&sb);
    sb_free(&sb);
    return out;
}
