/* Horizontal bar charts as SVG. Sizes are in user units; the viewBox lets the page scale them. */
#include "io/render/svg_chart.h"

#include "io/render/svg.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Each label stands on its own line above its bar, across the whole width, so that long
 * labels ("Loneliness (UCLA-3): start") are never clipped at the left edge. */
#define CHART_WIDTH  640
#define BAR_WIDTH    520
#define ROW_HEIGHT   42
#define TITLE_HEIGHT 32
/* The longest label drawn in full (13 px type across CHART_WIDTH); a longer one is cut at a
 * space with an ellipsis and kept whole in its <title>. */
#define LABEL_MAX_BYTES 90

/* Writes LABEL, shortened to LABEL_MAX_BYTES at a space when longer. */
static void label_text(struct svg *o, const char *label)
{
    size_t len = label ? strlen(label) : 0;
    if (len <= LABEL_MAX_BYTES) {
        svg_text(o, label ? label : "");
        return;
    }
    size_t cut = LABEL_MAX_BYTES - 3;
    while (cut > 0 && label[cut] != ' ')
        cut--;
    if (cut == 0) /* no space: cut before a UTF-8 continuation byte never splits a character */
        for (cut = LABEL_MAX_BYTES - 3; cut > 0 && ((unsigned char)label[cut] & 0xC0) == 0x80;)
            cut--;
    char shortened[LABEL_MAX_BYTES + sizeof "…"];
    memcpy(shortened, label, cut);
    memcpy(shortened + cut, "…", sizeof "…");
    svg_text(o, shortened);
    SVG(o, "<title>");
    svg_text(o, label);
    SVG(o, "</title>");
}

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
        SVG(o, "<text x=\"0\" y=\"");
        svg_int(o, y + 14);
        SVG(o, "\" font-size=\"13\" fill=\"#222\">");
        label_text(o, bars[i].label);
        SVG(o, "</text>\n<rect x=\"0\" y=\"");
        svg_int(o, y + 20);
        SVG(o, "\" width=\"");
        svg_num(o, f * BAR_WIDTH, 1);
        SVG(o, "\" height=\"16\" fill=\"#3b6ea5\"/>\n<text x=\"");
        svg_num(o, f * BAR_WIDTH + 6, 1);
        SVG(o, "\" y=\"");
        svg_int(o, y + 33);
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
