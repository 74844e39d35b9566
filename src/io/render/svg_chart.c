/* Horizontal bar charts as SVG. Sizes are in user units; the viewBox lets the page scale them. */
#include "io/render/svg_chart.h"

#include "core/strbuf.h"

#include <math.h>
#include <stdlib.h>

#define CHART_WIDTH  640
#define LABEL_WIDTH  240
#define BAR_WIDTH    300
#define ROW_HEIGHT   28
#define TITLE_HEIGHT 32

int svg_append_escaped(struct strbuf *sb, const char *text)
{
    for (const char *p = text ? text : ""; *p; p++) {
        switch (*p) {
        case '&': sb_append(sb, "&amp;"); break;
        case '<': sb_append(sb, "&lt;"); break;
        case '>': sb_append(sb, "&gt;"); break;
        case '"': sb_append(sb, "&quot;"); break;
        case '\'': sb_append(sb, "&#39;"); break;
        default:
            /* Control characters other than tab and newline are not allowed in XML 1.0. */
            if ((unsigned char)*p < 0x20 && *p != '\t' && *p != '\n')
                sb_append_char(sb, ' ');
            else
                sb_append_char(sb, *p);
        }
    }
    return sb->failed ? -1 : 0;
}

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
    svg_append_escaped(&sb, title);
    sb_append(&sb, "\">\n<title>");
    svg_append_escaped(&sb, title);
    sb_printf(&sb, "</title>\n<text x=\"0\" y=\"20\" font-size=\"15\" font-weight=\"bold\" "
                   "fill=\"#222\">");
    svg_append_escaped(&sb, title);
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
        svg_append_escaped(&sb, bars[i].label);
        sb_printf(&sb,
                  "</text>\n<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" "
                  "fill=\"#3b6ea5\"/>\n<text x=\"%.1f\" y=\"%d\" font-size=\"13\" fill=\"#222\">",
                  LABEL_WIDTH, y + 4, f * BAR_WIDTH, ROW_HEIGHT - 8,
                  LABEL_WIDTH + f * BAR_WIDTH + 6, y + 18);
        if (bars[i].value_text)
            svg_append_escaped(&sb, bars[i].value_text);
        else
            sb_printf(&sb, "%.2f", bars[i].value);
        sb_append(&sb, "</text>\n");
    }
    sb_append(&sb, "</svg>\n");
    char *out = sb_take(&sb);
    sb_free(&sb);
    return out;
}
