/* The whole-network pictures: one wave, or two side by side, with a legend. */
#include "io/render/net_svg.h"
#include "io/render/svg.h"

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

/* Categorical colours far apart in CIELAB (every pair differs by a delta E of 31 or more), the
 * same as the interactive view's (assets/network_graph.js), so the print and the screen agree.
 * Groups past the palette are grey, never a colour already used. */
static const char *const palette[NET_SVG_PALETTE] = {
    "#be0032", "#0067a5", "#008856", "#f3c300", "#875692", "#f38400", "#0000ff", "#00ee00",
    "#ff00dd", "#0066ff", "#00ddff", "#776600", "#aadd66", "#ff9999", "#ff0000", "#ee4499",
    "#ddccff", "#eecc88", "#7700aa", "#00ee99", "#773333", "#ee88ff", "#aaddbb", "#009900",
};
#define NO_GROUP "#bdbdbd"
#define OTHER    "#848482"

const char *net_svg_colour(int g)
{
    return g < 0 ? NO_GROUP : g < NET_SVG_PALETTE ? palette[g] : OTHER;
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
static int draw_sets(struct svg *o, const struct net_svg_network *in, double ox, double oy,
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
    SVG(o, "<g class=\"sets\" fill=\"#7f7f7f\" fill-opacity=\"0.07\" stroke=\"#7f7f7f\" "
           "stroke-opacity=\"0.16\" stroke-linejoin=\"round\" stroke-linecap=\"round\">\n");
    for (size_t s = 0; s < in->set_count; s++) {
        size_t k = 0;
        for (size_t i = 0; i < in->count; i++)
            if (in->set[i] == (int)s)
                p[k++] = (struct point){ox + in->x[i] * PANEL, oy + in->y[i] * PANEL};
        if (k == 0)
            continue;
        size_t m = convex_hull(p, k, h);
        SVG(o, "<path stroke-width=\"");
        svg_num(o, 2 * r + 10, 1);
        SVG(o, "\" d=\"");
        for (size_t i = 0; i < m; i++) {
            if (i)
                SVG(o, "L");
            else
                SVG(o, "M");
            svg_num(o, h[i].x, 1);
            SVG(o, " ");
            svg_num(o, h[i].y, 1);
        }
        SVG(o, "Z\">");
        if (in->set_names) {
            SVG(o, "<title>");
            svg_text(o, in->set_names[s]);
            SVG(o, "</title>");
        }
        SVG(o, "</path>\n");
    }
    SVG(o, "</g>\n");
    free(p);
    free(h);
    return 0;
}

struct svg_edge {
    size_t a, b, e;
};

static int cmp_svg_edge(const void *x, const void *y)
{
    const struct svg_edge *p = x, *q = y;
    if (p->a != q->a)
        return p->a > q->a ? 1 : -1;
    if (p->b != q->b)
        return p->b > q->b ? 1 : -1;
    return (p->e > q->e) - (p->e < q->e);
}

/* The contacts of NOW in the order their ends come in IN->order (the lower end first), so that
 * lines follow the drawing order of people and not the order of emails: a new array of edge
 * indexes, or NULL when out of memory. */
static size_t *edge_order(const struct net_svg_network *in, const struct net_adj *now)
{
    size_t m = now->edges, n = in->count;
    size_t *out = malloc((m ? m : 1) * sizeof *out);
    size_t *rank = malloc((n ? n : 1) * sizeof *rank);
    struct svg_edge *v = malloc((m ? m : 1) * sizeof *v);
    if (!out || !rank || !v) {
        free(out);
        out = NULL;
        goto done;
    }
    for (size_t k = 0; k < n; k++)
        rank[in->order ? in->order[k] : k] = k;
    for (size_t e = 0; e < m; e++) {
        size_t a = rank[now->edge_from[e]], b = rank[now->edge_to[e]];
        v[e] = (struct svg_edge){a < b ? a : b, a < b ? b : a, e};
    }
    if (in->order)
        qsort(v, m, sizeof *v, cmp_svg_edge);
    for (size_t e = 0; e < m; e++)
        out[e] = v[e].e;
done:
    free(rank);
    free(v);
    return out;
}

static int draw_edges(struct svg *o, const struct net_svg_network *in, double ox, double oy)
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
    size_t *edges = edge_order(in, &now);
    if (!edges) {
        net_adj_free(&now);
        net_adj_free(&before);
        return -1;
    }
    /* Fainter as ties multiply, so that a dense picture shows structure, not a grey block. */
    double opacity = fmin(0.6, 12.0 / sqrt((double)(now.edges ? now.edges : 1)));
    double width = in->count <= 150 ? 1.2 : 0.6;
    SVG(o, "<g class=\"ties\" stroke=\"");
    svg_attr(o, EDGE);
    SVG(o, "\" stroke-opacity=\"");
    svg_num(o, opacity, 2);
    SVG(o, "\" stroke-width=\"");
    svg_num(o, width, 1);
    SVG(o, "\">\n");
    for (size_t k = 0; k < now.edges; k++) {
        size_t e = edges[k];
        int a = now.edge_from[e], b = now.edge_to[e];
        if (compare && !net_adj_has(&before, a, b))
            continue; /* drawn on top below */
        SVG(o, "<line x1=\"");
        svg_num(o, ox + in->x[a] * PANEL, 1);
        SVG(o, "\" y1=\"");
        svg_num(o, oy + in->y[a] * PANEL, 1);
        SVG(o, "\" x2=\"");
        svg_num(o, ox + in->x[b] * PANEL, 1);
        SVG(o, "\" y2=\"");
        svg_num(o, oy + in->y[b] * PANEL, 1);
        SVG(o, "\"/>\n");
    }
    SVG(o, "</g>\n");
    if (compare) {
        SVG(o, "<g class=\"new-ties\" stroke=\"");
        svg_attr(o, NEW_TIE);
        SVG(o, "\" stroke-opacity=\"");
        svg_num(o, fmin(1.0, opacity + 0.3), 2);
        SVG(o, "\" stroke-width=\"");
        svg_num(o, width * 1.6, 1);
        SVG(o, "\">\n");
        for (size_t k = 0; k < now.edges; k++) {
            size_t e = edges[k];
            int a = now.edge_from[e], b = now.edge_to[e];
            if (net_adj_has(&before, a, b))
                continue;
            SVG(o, "<line x1=\"");
            svg_num(o, ox + in->x[a] * PANEL, 1);
            SVG(o, "\" y1=\"");
            svg_num(o, oy + in->y[a] * PANEL, 1);
            SVG(o, "\" x2=\"");
            svg_num(o, ox + in->x[b] * PANEL, 1);
            SVG(o, "\" y2=\"");
            svg_num(o, oy + in->y[b] * PANEL, 1);
            SVG(o, "\"/>\n");
        }
        SVG(o, "</g>\n");
    }
    free(edges);
    net_adj_free(&now);
    net_adj_free(&before);
    return 0;
}

static void draw_nodes(struct svg *o, const struct net_svg_network *in, double ox, double oy,
                       double r)
{
    bool text = in->labels && in->count <= NET_SVG_LABEL_MAX;
    SVG(o, "<g class=\"people\" stroke=\"#ffffff\" stroke-width=\"");
    svg_num(o, r > 3 ? 1.0 : 0.3, 1);
    SVG(o, "\">\n");
    for (size_t k = 0; k < in->count; k++) {
        size_t i = in->order ? in->order[k] : k;
        double cx = ox + in->x[i] * PANEL, cy = oy + in->y[i] * PANEL;
        SVG(o, "<circle cx=\"");
        svg_num(o, cx, 1);
        SVG(o, "\" cy=\"");
        svg_num(o, cy, 1);
        SVG(o, "\" r=\"");
        svg_num(o, r, 1);
        SVG(o, "\" fill=\"");
        svg_attr(o, net_svg_colour(in->group ? in->group[i] : -1));
        SVG(o, "\">");
        /* A native tooltip names people even when labels would crowd the picture. */
        if (in->labels && in->labels[i]) {
            SVG(o, "<title>");
            svg_text(o, in->labels[i]);
            SVG(o, "</title>");
        }
        SVG(o, "</circle>\n");
    }
    SVG(o, "</g>\n");
    if (!text)
        return;
    SVG(o, "<g class=\"labels\" font-size=\"10\" fill=\"#333333\">\n");
    for (size_t k = 0; k < in->count; k++) {
        size_t i = in->order ? in->order[k] : k;
        if (!in->labels[i])
            continue;
        SVG(o, "<text x=\"");
        svg_num(o, ox + in->x[i] * PANEL + r + 2, 1);
        SVG(o, "\" y=\"");
        svg_num(o, oy + in->y[i] * PANEL + 3, 1);
        SVG(o, "\">");
        svg_text(o, in->labels[i]);
        SVG(o, "</text>\n");
    }
    SVG(o, "</g>\n");
}

static int draw_panel(struct svg *o, const struct net_svg_network *in, double ox, double oy)
{
    double r = node_radius(in->count);
    if (in->title) {
        SVG(o, "<text x=\"");
        svg_num(o, ox, 1);
        SVG(o, "\" y=\"");
        svg_num(o, oy - 12, 1);
        SVG(o, "\" font-size=\"16\" font-weight=\"bold\">");
        svg_text(o, in->title);
        SVG(o, "</text>\n");
    }
    if (draw_sets(o, in, ox, oy, r) != 0 || draw_edges(o, in, ox, oy) != 0)
        return -1;
    draw_nodes(o, in, ox, oy, r);
    return 0;
}

double net_svg_group_legend(struct svg *o, const char *title, const char *const *names,
                            size_t count, double y)
{
    if (title) {
        SVG(o, "<text x=\"0\" y=\"");
        svg_num(o, y, 1);
        SVG(o, "\" font-weight=\"bold\">");
        svg_text(o, title);
        SVG(o, "</text>\n");
        y += 18;
    }
    size_t shown = count < NET_SVG_PALETTE ? count : NET_SVG_PALETTE;
    for (size_t g = 0; g < shown; g++, y += 18) {
        SVG(o, "<circle cx=\"6\" cy=\"");
        svg_num(o, y - 4, 1);
        SVG(o, "\" r=\"6\" fill=\"");
        svg_attr(o, net_svg_colour((int)g));
        SVG(o, "\"/><text x=\"18\" y=\"");
        svg_num(o, y, 1);
        SVG(o, "\">");
        svg_text(o, names[g]);
        SVG(o, "</text>\n");
    }
    if (count > shown) {
        SVG(o, "<circle cx=\"6\" cy=\"");
        svg_num(o, y - 4, 1);
        SVG(o, "\" r=\"6\" fill=\"" OTHER "\"/><text x=\"18\" y=\"");
        svg_num(o, y, 1);
        SVG(o, "\">the other ");
        svg_int(o, count - shown);
        SVG(o, ", in grey</text>\n");
        y += 18;
    }
    return y;
}

/* The legend: colours of groups (the first NET_SVG_PALETTE named), new ties, sets. */
static void draw_legend(struct svg *o, const struct net_svg_network *in, double x, double y,
                        bool new_ties)
{
    SVG(o, "<g class=\"legend\" font-size=\"12\" transform=\"translate(");
    svg_num(o, x, 1);
    SVG(o, " ");
    svg_num(o, y, 1);
    SVG(o, ")\">\n");
    double ly = net_svg_group_legend(o, in->group_title, in->group_names, in->group_count, 0);
    SVG(o, "<circle cx=\"6\" cy=\"");
    svg_num(o, ly - 4, 1);
    SVG(o, "\" r=\"6\" fill=\"");
    svg_attr(o, net_svg_colour(-1));
    SVG(o, "\"/><text x=\"18\" y=\"");
    svg_num(o, ly, 1);
    SVG(o, "\">not known</text>\n");
    ly += 26;
    if (new_ties) {
        SVG(o, "<line x1=\"0\" y1=\"");
        svg_num(o, ly - 4, 1);
        SVG(o, "\" x2=\"14\" y2=\"");
        svg_num(o, ly - 4, 1);
        SVG(o, "\" stroke=\"");
        svg_attr(o, NEW_TIE);
        SVG(o, "\" stroke-width=\"2\"/><text x=\"18\" y=\"");
        svg_num(o, ly, 1);
        SVG(o, "\">new tie</text>\n");
        ly += 18;
    }
    if (in->set && in->set_count > NET_SVG_HULL_MAX) {
        SVG(o, "<text x=\"0\" y=\"");
        svg_num(o, ly, 1);
        SVG(o, "\" fill=\"#555555\">");
        svg_int(o, in->set_count);
        SVG(o, " sets: too many to outline</text>\n");
        ly += 18;
    } else if (in->set && in->set_count) {
        SVG(o, "<rect x=\"0\" y=\"");
        svg_num(o, ly - 10, 1);
        SVG(o, "\" width=\"14\" height=\"10\" rx=\"4\" fill=\"#7f7f7f\" "
               "fill-opacity=\"0.2\"/><text x=\"18\" y=\"");
        svg_num(o, ly, 1);
        SVG(o, "\">action learning set</text>\n");
        ly += 18;
    }
    SVG(o, "<text x=\"0\" y=\"");
    svg_num(o, ly + 8, 1);
    SVG(o, "\" fill=\"#555555\">");
    svg_int(o, in->count);
    SVG(o, " people</text>\n");
    SVG(o, "</g>\n");
}

static void open_svg(struct svg *o, double w, double h, const char *title)
{
    SVG(o, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
           "width=\"");
    svg_num(o, w, 0);
    SVG(o, "\" height=\"");
    svg_num(o, h, 0);
    SVG(o, "\" viewBox=\"0 0 ");
    svg_num(o, w, 0);
    SVG(o, " ");
    svg_num(o, h, 0);
    SVG(o, "\" font-family=\"sans-serif\" role=\"img\">\n");
    if (title) {
        SVG(o, "<title>");
        svg_text(o, title);
        SVG(o, "</title>\n");
    }
    SVG(o, "<rect width=\"");
    svg_num(o, w, 0);
    SVG(o, "\" height=\"");
    svg_num(o, h, 0);
    SVG(o, "\" fill=\"#ffffff\"/>\n");
}

int net_svg_network(const struct net_svg_network *in, struct strbuf *out)
{
    struct svg writer = {out}, *o = &writer;
    double w = MARGIN * 2 + PANEL + LEGEND_W, h = TITLE_H + PANEL + MARGIN * 2;
    open_svg(o, w, h, in->title);
    if (draw_panel(o, in, MARGIN, TITLE_H + MARGIN) != 0)
        return -1;
    draw_legend(o, in, MARGIN * 2 + PANEL, TITLE_H + MARGIN + 10, in->before != NULL);
    SVG(o, "</svg>\n");
    return svg_status(o);
}

int net_svg_side_by_side(const struct net_svg_network *left, const struct net_svg_network *right,
                         struct strbuf *out)
{
    struct svg writer = {out}, *o = &writer;
    double w = MARGIN * 3 + PANEL * 2 + LEGEND_W, h = TITLE_H + PANEL + MARGIN * 2;
    open_svg(o, w, h, right->title);
    if (draw_panel(o, left, MARGIN, TITLE_H + MARGIN) != 0 ||
        draw_panel(o, right, MARGIN * 2 + PANEL, TITLE_H + MARGIN) != 0)
        return -1;
    draw_legend(o, right, MARGIN * 3 + PANEL * 2, TITLE_H + MARGIN + 10, right->before != NULL);
    SVG(o, "</svg>\n");
    return svg_status(o);
}
