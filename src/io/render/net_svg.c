/* The whole-network pictures: one wave, or two side by side, with a legend. */
#include "io/render/net_svg.h"

#include "core/xml_escape.h"
#include "engine/network/net_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define PANEL    640.0 /* drawing area of one wave, in user units */
#define MARGIN   24.0
#define TITLE_H  40.0
#define LEGEND_W 230.0
#define NEW_TIE  "#d62728"
#define EDGE     "#8c8c8c"

/* Colour-blind-friendlier categorical colours (Okabe-Ito first, then Tableau). */
static const char *const palette[NET_SVG_PALETTE] = {
    "#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00",
    "#f0e442", "#4e79a7", "#59a14f", "#b07aa1", "#9c755f", "#76b7b2",
};

const char *net_svg_colour(int g)
{
    return g < 0 ? "#bdbdbd" : palette[g % NET_SVG_PALETTE];
}

static double node_radius(size_t n)
{
    return n <= 40 ? 8 : n <= 150 ? 6 : n <= 600 ? 4 : n <= 2000 ? 2.5 : 1.5;
}

struct point {
    double x, y;
};

static int cmp_point(const void *a, const void *b)
{
    const struct point *p = a, *q = b;
    if (p->x != q->x)
        return p->x < q->x ? -1 : 1;
    return (p->y > q->y) - (p->y < q->y);
}

static double cross(struct point o, struct point a, struct point b)
{
    return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
}

/* Andrew's monotone chain; P is sorted in place, the hull (counter-clockwise) goes to H
 * (room for 2k points). Returns the hull's size. */
static size_t convex_hull(struct point *p, size_t k, struct point *h)
{
    qsort(p, k, sizeof *p, cmp_point);
    if (k < 3) {
        memcpy(h, p, k * sizeof *p);
        return k;
    }
    size_t m = 0;
    for (size_t i = 0; i < k; i++) {
        while (m >= 2 && cross(h[m - 2], h[m - 1], p[i]) <= 0)
            m--;
        h[m++] = p[i];
    }
    for (size_t i = k - 1, lower = m + 1; i-- > 0;) {
        while (m >= lower && cross(h[m - 2], h[m - 1], p[i]) <= 0)
            m--;
        h[m++] = p[i];
    }
    return m - 1;
}

/* Sets as padded hulls: a thick, round-joined stroke around the convex hull pads it by half the
 * stroke width without computing offsets. */
static int draw_sets(struct strbuf *sb, const struct net_svg_network *in, double ox, double oy,
                     double r)
{
    if (!in->set || in->set_count == 0 || in->set_count > NET_SVG_HULL_MAX)
        return 0;
    struct point *p = malloc(in->count * sizeof *p + 1);
    struct point *h = malloc(2 * in->count * sizeof *h + 1);
    if (!p || !h) {
        free(p);
        free(h);
        return -1;
    }
    sb_append(sb, "<g class=\"sets\" fill=\"#7f7f7f\" fill-opacity=\"0.07\" stroke=\"#7f7f7f\" "
                  "stroke-opacity=\"0.16\" stroke-linejoin=\"round\" stroke-linecap=\"round\">\n");
    for (size_t s = 0; s < in->set_count; s++) {
        size_t k = 0;
        for (size_t i = 0; i < in->count; i++)
            if (in->set[i] == (int)s)
                p[k++] = (struct point){ox + in->x[i] * PANEL, oy + in->y[i] * PANEL};
        if (k == 0)
            continue;
        size_t m = convex_hull(p, k, h);
        sb_printf(sb, "<path stroke-width=\"%.1f\" d=\"", 2 * r + 10);
        for (size_t i = 0; i < m; i++)
            sb_printf(sb, "%c%.1f %.1f", i ? 'L' : 'M', h[i].x, h[i].y);
        sb_append(sb, "Z\">");
        if (in->set_names) {
            sb_append(sb, "<title>");
            xml_escape_text(sb, in->set_names[s]);
            sb_append(sb, "</title>");
        }
        sb_append(sb, "</path>\n");
    }
    sb_append(sb, "</g>\n");
    free(p);
    free(h);
    return 0;
}

static int draw_edges(struct strbuf *sb, const struct net_svg_network *in, double ox, double oy)
{
    struct net_adj now, before = {0};
    char *err = NULL;
    if (net_adj_build(in->count, in->ties, in->tie_count, &now, &err) != 0) {
        free(err);
        return -1;
    }
    bool compare = in->before != NULL;
    if (compare && net_adj_build(in->count, in->before, in->before_count, &before, &err) != 0) {
        free(err);
        net_adj_free(&now);
        return -1;
    }
    /* Fainter as ties multiply, so that a dense picture shows structure, not a grey block. */
    double opacity = fmin(0.6, 12.0 / sqrt((double)(now.edges ? now.edges : 1)));
    double width = in->count <= 150 ? 1.2 : 0.6;
    sb_printf(sb,
              "<g class=\"ties\" stroke=\"%s\" stroke-opacity=\"%.2f\" stroke-width=\"%.1f\">\n",
              EDGE, opacity, width);
    for (size_t e = 0; e < now.edges; e++) {
        int a = now.edge_from[e], b = now.edge_to[e];
        if (compare && !net_adj_has(&before, a, b))
            continue; /* drawn on top below */
        sb_printf(sb, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n",
                  ox + in->x[a] * PANEL, oy + in->y[a] * PANEL, ox + in->x[b] * PANEL,
                  oy + in->y[b] * PANEL);
    }
    sb_append(sb, "</g>\n");
    if (compare) {
        sb_printf(sb,
                  "<g class=\"new-ties\" stroke=\"%s\" stroke-opacity=\"%.2f\" "
                  "stroke-width=\"%.1f\">\n",
                  NEW_TIE, fmin(1.0, opacity + 0.3), width * 1.6);
        for (size_t e = 0; e < now.edges; e++) {
            int a = now.edge_from[e], b = now.edge_to[e];
            if (net_adj_has(&before, a, b))
                continue;
            sb_printf(sb, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n",
                      ox + in->x[a] * PANEL, oy + in->y[a] * PANEL, ox + in->x[b] * PANEL,
                      oy + in->y[b] * PANEL);
        }
        sb_append(sb, "</g>\n");
    }
    net_adj_free(&now);
    net_adj_free(&before);
    return 0;
}

static void draw_nodes(struct strbuf *sb, const struct net_svg_network *in, double ox, double oy,
                       double r)
{
    bool text = in->labels && in->count <= NET_SVG_LABEL_MAX;
    sb_printf(sb, "<g class=\"people\" stroke=\"#ffffff\" stroke-width=\"%.1f\">\n",
              r > 3 ? 1.0 : 0.3);
    for (size_t i = 0; i < in->count; i++) {
        double cx = ox + in->x[i] * PANEL, cy = oy + in->y[i] * PANEL;
        sb_printf(sb, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\">", cx, cy, r,
                  net_svg_colour(in->group ? in->group[i] : -1));
        /* A native tooltip names people even when labels would crowd the picture. */
        if (in->labels && in->labels[i]) {
            sb_append(sb, "<title>");
            xml_escape_text(sb, in->labels[i]);
            sb_append(sb, "</title>");
        }
        sb_append(sb, "</circle>\n");
    }
    sb_append(sb, "</g>\n");
    if (!text)
        return;
    sb_append(sb, "<g class=\"labels\" font-size=\"10\" fill=\"#333333\">\n");
    for (size_t i = 0; i < in->count; i++) {
        if (!in->labels[i])
            continue;
        sb_printf(sb, "<text x=\"%.1f\" y=\"%.1f\">", ox + in->x[i] * PANEL + r + 2,
                  oy + in->y[i] * PANEL + 3);
        xml_escape_text(sb, in->labels[i]);
        sb_append(sb, "</text>\n");
    }
    sb_append(sb, "</g>\n");
}

static int draw_panel(struct strbuf *sb, const struct net_svg_network *in, double ox, double oy)
{
    double r = node_radius(in->count);
    if (in->title) {
        sb_printf(sb, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"16\" font-weight=\"bold\">", ox,
                  oy - 12);
        xml_escape_text(sb, in->title);
        sb_append(sb, "</text>\n");
    }
    if (draw_sets(sb, in, ox, oy, r) != 0 || draw_edges(sb, in, ox, oy) != 0)
        return -1;
    draw_nodes(sb, in, ox, oy, r);
    return 0;
}

/* The legend: colours of groups (the first NET_SVG_PALETTE named), new ties, sets. */
static void draw_legend(struct strbuf *sb, const struct net_svg_network *in, double x, double y,
                        bool new_ties)
{
    sb_printf(sb, "<g class=\"legend\" font-size=\"12\" transform=\"translate(%.1f %.1f)\">\n", x,
              y);
    double ly = 0;
    if (in->group_title) {
        sb_append(sb, "<text x=\"0\" y=\"0\" font-weight=\"bold\">");
        xml_escape_text(sb, in->group_title);
        sb_append(sb, "</text>\n");
        ly += 18;
    }
    size_t shown = in->group_count < NET_SVG_PALETTE ? in->group_count : NET_SVG_PALETTE;
    for (size_t g = 0; g < shown; g++, ly += 18) {
        sb_printf(sb,
                  "<circle cx=\"6\" cy=\"%.1f\" r=\"6\" fill=\"%s\"/><text x=\"18\" y=\"%.1f\">",
                  ly - 4, net_svg_colour((int)g), ly);
        xml_escape_text(sb, in->group_names[g]);
        sb_append(sb, "</text>\n");
    }
    if (in->group_count > shown) {
        sb_printf(sb, "<text x=\"0\" y=\"%.1f\">and %zu more (colours repeat)</text>\n", ly,
                  in->group_count - shown);
        ly += 18;
    }
    sb_printf(sb,
              "<circle cx=\"6\" cy=\"%.1f\" r=\"6\" fill=\"%s\"/>"
              "<text x=\"18\" y=\"%.1f\">not known</text>\n",
              ly - 4, net_svg_colour(-1), ly);
    ly += 26;
    if (new_ties) {
        sb_printf(sb,
                  "<line x1=\"0\" y1=\"%.1f\" x2=\"14\" y2=\"%.1f\" stroke=\"%s\" "
                  "stroke-width=\"2\"/><text x=\"18\" y=\"%.1f\">new tie</text>\n",
                  ly - 4, ly - 4, NEW_TIE, ly);
        ly += 18;
    }
    if (in->set && in->set_count > NET_SVG_HULL_MAX) {
        sb_printf(sb,
                  "<text x=\"0\" y=\"%.1f\" fill=\"#555555\">%zu sets: too many to "
                  "outline</text>\n",
                  ly, in->set_count);
        ly += 18;
    } else if (in->set && in->set_count) {
        sb_printf(sb,
                  "<rect x=\"0\" y=\"%.1f\" width=\"14\" height=\"10\" rx=\"4\" "
                  "fill=\"#7f7f7f\" fill-opacity=\"0.2\"/>"
                  "<text x=\"18\" y=\"%.1f\">action learning set</text>\n",
                  ly - 10, ly);
        ly += 18;
    }
    sb_printf(sb, "<text x=\"0\" y=\"%.1f\" fill=\"#555555\">%zu people</text>\n", ly + 8,
              in->count);
    sb_append(sb, "</g>\n");
}

static void open_svg(struct strbuf *sb, double w, double h, const char *title)
{
    sb_printf(sb,
              "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
              "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
              "viewBox=\"0 0 %.0f %.0f\" font-family=\"sans-serif\" role=\"img\">\n",
              w, h, w, h);
    if (title) {
        sb_append(sb, "<title>");
        xml_escape_text(sb, title);
        sb_append(sb, "</title>\n");
    }
    sb_printf(sb, "<rect width=\"%.0f\" height=\"%.0f\" fill=\"#ffffff\"/>\n", w, h);
}

int net_svg_network(const struct net_svg_network *in, struct strbuf *out)
{
    double w = MARGIN * 2 + PANEL + LEGEND_W, h = TITLE_H + PANEL + MARGIN * 2;
    open_svg(out, w, h, in->title);
    if (draw_panel(out, in, MARGIN, TITLE_H + MARGIN) != 0)
        return -1;
    draw_legend(out, in, MARGIN * 2 + PANEL, TITLE_H + MARGIN + 10, in->before != NULL);
    sb_append(out, "</svg>\n");
    return out->failed ? -1 : 0;
}

int net_svg_side_by_side(const struct net_svg_network *left, const struct net_svg_network *right,
                         struct strbuf *out)
{
    double w = MARGIN * 3 + PANEL * 2 + LEGEND_W, h = TITLE_H + PANEL + MARGIN * 2;
    open_svg(out, w, h, right->title);
    if (draw_panel(out, left, MARGIN, TITLE_H + MARGIN) != 0 ||
        draw_panel(out, right, MARGIN * 2 + PANEL, TITLE_H + MARGIN) != 0)
        return -1;
    draw_legend(out, right, MARGIN * 3 + PANEL * 2, TITLE_H + MARGIN + 10, right->before != NULL);
    sb_append(out, "</svg>\n");
    return out->failed ? -1 : 0;
}
