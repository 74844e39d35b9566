/* Horizontal bar charts as SVG. Sizes are in user units; the viewBox lets the page scale them. */
#include "io/render/svg_chart.h"

#include "io/render/svg.h"

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
    struct svg writer = {&sb}, *o = &writer;
    SVG(o, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 ");
    svg_int(o, CHART_WIDTH);
    SVG(o, " ");
    svg_int(o, height);
    SVG(o, "\" width=\"");
    svg_int(o, CHART_WIDTH);
    SVG(o, "\" height=\"");
    svg_int(o, height);
    SVG(o, "\" aria-label=\"");
    svg_attr(o, title);
    SVG(o, "\">\n<title>");
    svg_text(o, title);
    SVG(o, "</title>\n<text x=\"0\" y=\"20\" font-size=\"15\" font-weight=\"bold\" fill=\"#222\">");
    svg_text(o, title);
    SVG(o, "</text>\n");
    for (size_t i = 0; i < n; i++) {
        double v = bars[i].value;
        if (!isfinite(v))
            v = min;
        double f = (fmin(fmax(v, min), max) - min) / (max - min);
        int y = TITLE_HEIGHT + (int)i * ROW_HEIGHT;
        SVG(o, "<text x=\"");
        svg_int(o, LABEL_WIDTH - 8);
        SVG(o, "\" y=\"");
        svg_int(o, y + 18);
        SVG(o, "\" font-size=\"13\" text-anchor=\"end\" fill=\"#222\">");
        svg_text(o, bars[i].label);
        SVG(o, "</text>\n<rect x=\"");
        svg_int(o, LABEL_WIDTH);
        SVG(o, "\" y=\"");
        svg_int(o, y + 4);
        SVG(o, "\" width=\"");
        svg_num(o, f * BAR_WIDTH, 1);
        SVG(o, "\" height=\"");
        svg_int(o, ROW_HEIGHT - 8);
        SVG(o, "\" fill=\"#3b6ea5\"/>\n<text x=\"");
        svg_num(o, LABEL_WIDTH + f * BAR_WIDTH + 6, 1);
        SVG(o, "\" y=\"");
        svg_int(o, y + 18);
        SVG(o, "\" font-size=\"13\" fill=\"#222\">");
        if (bars[i].value_text)
            svg_text(o, bars[i].value_text);
        else
            svg_num(o, bars[i].value, 2);
        SVG(o, "</text>\n");
    }
    SVG(o, "</svg>\n");
    char *out = sb_take(&sb);
    sb_free(&sb);
    return out;
}
