/* One person's ego network (and how it grew), and small charts of change between waves. */
#include "io/render/net_svg.h"
#include "io/render/svg.h"

#include "engine/network/net_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define EGO_SIZE 520.0
#define NEW_TIE  "#d62728"

struct alter {
    int person;
    int group;
    bool now, then;
};

static int cmp_alter(const void *a, const void *b)
{
    const struct alter *x = a, *y = b;
    if (x->group != y->group)
        return x->group < y->group ? -1 : 1;
    return (x->person > y->person) - (x->person < y->person);
}

static void ego_label(struct svg *o, const struct net_svg_ego *in, int person, double x, double y,
                      const char *anchor)
{
    const char *name = in->labels ? in->labels[person] : person == in->ego ? "You" : NULL;
    if (!name)
        return;
    SVG(o, "<text x=\"");
    svg_num(o, x, 1);
    SVG(o, "\" y=\"");
    svg_num(o, y, 1);
    SVG(o, "\" text-anchor=\"");
    svg_attr(o, anchor);
    SVG(o, "\">");
    svg_text(o, name);
    SVG(o, "</text>\n");
}

int net_svg_ego_network(const struct net_svg_ego *in, struct strbuf *out)
{
    if (in->ego < 0 || (size_t)in->ego >= in->count)
        return -1;
    struct net_adj now, then = {0};
    char *err = NULL;
    if (net_adj_build(in->count, in->ties, in->tie_count, &now, &err) != 0) {
        free(err);
        return -1;
    }
    bool compare = in->before != NULL;
    if (compare && net_adj_build(in->count, in->before, in->before_count, &then, &err) != 0) {
        free(err);
        net_adj_free(&now);
        return -1;
    }
    int ego = in->ego;
    size_t cap = (now.start[ego + 1] - now.start[ego]) +
                 (compare ? then.start[ego + 1] - then.start[ego] : 0);
    struct alter *alters = malloc((cap ? cap : 1) * sizeof *alters);
    double *ax = malloc((in->count ? in->count : 1) * sizeof *ax);
    double *ay = malloc((in->count ? in->count : 1) * sizeof *ay);
    if (!alters || !ax || !ay) {
        free(alters);
        free(ax);
        free(ay);
        net_adj_free(&now);
        net_adj_free(&then);
        return -1;
    }
    size_t k = 0;
    for (size_t i = now.start[ego]; i < now.start[ego + 1]; i++)
        alters[k++] = (struct alter){now.nbr[i], in->group ? in->group[now.nbr[i]] : -1, true,
                                     compare && net_adj_has(&then, ego, now.nbr[i])};
    if (compare)
        for (size_t i = then.start[ego]; i < then.start[ego + 1]; i++)
            if (!net_adj_has(&now, ego, then.nbr[i]))
                alters[k++] = (struct alter){then.nbr[i], in->group ? in->group[then.nbr[i]] : -1,
                                             false, true};
    /* Contacts of one colour sit together on the circle, so the mix shows at a glance. */
    qsort(alters, k, sizeof *alters, cmp_alter);
    double c = EGO_SIZE / 2 + 20, radius = EGO_SIZE / 2 - 60;
    double r = k <= 30 ? 9 : k <= 100 ? 6 : 3.5;
    for (size_t i = 0; i < k; i++) {
        double angle = 2 * M_PI * (double)i / (double)(k ? k : 1) - M_PI / 2;
        ax[alters[i].person] = c + radius * cos(angle);
        ay[alters[i].person] = c + 40 + radius * sin(angle);
    }
    double w = EGO_SIZE + 260, h = EGO_SIZE + 80;
    struct svg writer = {out}, *o = &writer;
    SVG(o, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
           "width=\"");
    svg_num(o, w, 0);
    SVG(o, "\" height=\"");
    svg_num(o, h, 0);
    SVG(o, "\" viewBox=\"0 0 ");
    svg_num(o, w, 0);
    SVG(o, " ");
    svg_num(o, h, 0);
    SVG(o, "\" font-family=\"sans-serif\" font-size=\"11\" role=\"img\">\n<rect width=\"");
    svg_num(o, w, 0);
    SVG(o, "\" height=\"");
    svg_num(o, h, 0);
    SVG(o, "\" fill=\"#ffffff\"/>\n");
    if (in->title) {
        SVG(o, "<title>");
        svg_text(o, in->title);
        SVG(o, "</title>\n<text x=\"20\" y=\"28\" font-size=\"16\" font-weight=\"bold\">");
        svg_text(o, in->title);
        SVG(o, "</text>\n");
    }
    /* Ties among contacts, faint: they show whether the contacts already know each other. */
    SVG(o, "<g stroke=\"#bdbdbd\" stroke-width=\"0.8\">\n");
    for (size_t i = 0; i < k; i++) {
        if (!alters[i].now)
            continue;
        for (size_t j = i + 1; j < k; j++)
            if (alters[j].now && net_adj_has(&now, alters[i].person, alters[j].person)) {
                SVG(o, "<line x1=\"");
                svg_num(o, ax[alters[i].person], 1);
                SVG(o, "\" y1=\"");
                svg_num(o, ay[alters[i].person], 1);
                SVG(o, "\" x2=\"");
                svg_num(o, ax[alters[j].person], 1);
                SVG(o, "\" y2=\"");
                svg_num(o, ay[alters[j].person], 1);
                SVG(o, "\"/>\n");
            }
    }
    SVG(o, "</g>\n<g stroke-width=\"1.6\">\n");
    size_t gained = 0, lost = 0;
    for (size_t i = 0; i < k; i++) {
        const struct alter *a = &alters[i];
        bool is_new = compare && a->now && !a->then;
        gained += is_new;
        lost += !a->now;
        SVG(o, "<line x1=\"");
        svg_num(o, c, 1);
        SVG(o, "\" y1=\"");
        svg_num(o, c + 40, 1);
        SVG(o, "\" x2=\"");
        svg_num(o, ax[a->person], 1);
        SVG(o, "\" y2=\"");
        svg_num(o, ay[a->person], 1);
        SVG(o, "\" stroke=\"");
        svg_attr(o, is_new ? NEW_TIE : a->now ? "#6b6b6b" : "#bdbdbd");
        SVG(o, "\"");
        if (!a->now)
            SVG(o, " stroke-dasharray=\"4 3\"");
        SVG(o, "/>\n");
    }
    SVG(o, "</g>\n<g stroke=\"#ffffff\">\n");
    for (size_t i = 0; i < k; i++) {
        const struct alter *a = &alters[i];
        SVG(o, "<circle cx=\"");
        svg_num(o, ax[a->person], 1);
        SVG(o, "\" cy=\"");
        svg_num(o, ay[a->person], 1);
        SVG(o, "\" r=\"");
        svg_num(o, r, 1);
        SVG(o, "\" fill=\"");
        svg_attr(o, net_svg_colour(a->group));
        SVG(o, "\"");
        if (!a->now)
            SVG(o, " fill-opacity=\"0.35\"");
        SVG(o, ">");
        if (in->labels && in->labels[a->person]) {
            SVG(o, "<title>");
            svg_text(o, in->labels[a->person]);
            SVG(o, "</title>");
        }
        SVG(o, "</circle>\n");
    }
    SVG(o, "<circle cx=\"");
    svg_num(o, c, 1);
    SVG(o, "\" cy=\"");
    svg_num(o, c + 40, 1);
    SVG(o, "\" r=\"12\" fill=\"");
    svg_attr(o, net_svg_colour(in->group ? in->group[ego] : -1));
    SVG(o, "\" stroke=\"#000000\" stroke-width=\"2\"/>\n</g>\n");
    ego_label(o, in, ego, c, c + 40 + 28, "middle");
    if (in->labels && k <= NET_SVG_LABEL_MAX)
        for (size_t i = 0; i < k; i++)
            ego_label(o, in, alters[i].person, ax[alters[i].person],
                      ay[alters[i].person] + (ay[alters[i].person] < c + 40 ? -r - 4 : r + 12),
                      "middle");
    /* Legend and counts. */
    double lx = EGO_SIZE + 50, ly = 80;
    SVG(o, "<g transform=\"translate(");
    svg_num(o, lx, 1);
    SVG(o, " ");
    svg_num(o, ly, 1);
    SVG(o, ")\" font-size=\"12\">\n");
    SVG(o, "<text x=\"0\" y=\"0\" font-weight=\"bold\">");
    svg_int(o, k - lost);
    SVG(o, " contact");
    svg_text(o, k - lost == 1 ? "" : "s");
    SVG(o, "</text>\n");
    double y = 20;
    if (compare) {
        SVG(o, "<line x1=\"0\" y1=\"");
        svg_num(o, y - 4, 1);
        SVG(o, "\" x2=\"14\" y2=\"");
        svg_num(o, y - 4, 1);
        SVG(o, "\" stroke=\"");
        svg_attr(o, NEW_TIE);
        SVG(o, "\" stroke-width=\"2\"/><text x=\"20\" y=\"");
        svg_num(o, y, 1);
        SVG(o, "\">");
        svg_int(o, gained);
        SVG(o, " new</text>\n");
        y += 18;
        SVG(o, "<line x1=\"0\" y1=\"");
        svg_num(o, y - 4, 1);
        SVG(o, "\" x2=\"14\" y2=\"");
        svg_num(o, y - 4, 1);
        SVG(o, "\" stroke=\"#bdbdbd\" stroke-width=\"2\" stroke-dasharray=\"4 3\"/><text x=\"20\" "
               "y=\"");
        svg_num(o, y, 1);
        SVG(o, "\">");
        svg_int(o, lost);
        SVG(o, " no longer named</text>\n");
        y += 26;
    }
    net_svg_group_legend(o, in->group_title, in->group_names, in->group_count, y);
    SVG(o, "</g>\n</svg>\n");
    free(alters);
    free(ax);
    free(ay);
    net_adj_free(&now);
    net_adj_free(&then);
    return svg_status(o);
}

/* The metrics worth a chart: the rest (in/out degree) are in the report's table. */
static const enum net_metric charted[] = {
    NET_M_DEGREE,        NET_M_REACH2,          NET_M_EFFECTIVE_SIZE,  NET_M_CONSTRAINT,
    NET_M_EI_DEPARTMENT, NET_M_EI_ORGANISATION, NET_M_BLAU_DEPARTMENT, NET_M_BLAU_ORGANISATION,
    NET_M_BETWEENNESS,
};
#define CHARTED (sizeof charted / sizeof charted[0])

static void bar(struct svg *o, double x, double y, double len, const char *colour,
                const char *label, size_t value)
{
    SVG(o, "<rect x=\"");
    svg_num(o, x, 1);
    SVG(o, "\" y=\"");
    svg_num(o, y, 1);
    SVG(o, "\" width=\"");
    svg_num(o, len, 1);
    SVG(o, "\" height=\"14\" fill=\"");
    svg_attr(o, colour);
    SVG(o, "\"/>");
    SVG(o, "<text x=\"");
    svg_num(o, x + len + 4, 1);
    SVG(o, "\" y=\"");
    svg_num(o, y + 11, 1);
    SVG(o, "\">");
    svg_int(o, value);
    SVG(o, "</text>");
    SVG(o, "<text x=\"");
    svg_num(o, x - 6, 1);
    SVG(o, "\" y=\"");
    svg_num(o, y + 11, 1);
    SVG(o, "\" text-anchor=\"end\">");
    svg_text(o, label);
    SVG(o, "</text>\n");
}

int net_svg_change_chart(const struct net_comparison *c, const char *before_name,
                         const char *after_name, struct strbuf *out)
{
    const double cell_w = 220, cell_h = 110, cols = 3;
    size_t rows = (CHARTED + 2) / 3;
    double w = cell_w * cols + 40, top = 190, h = top + rows * cell_h + 20;
    struct svg writer = {out}, *o = &writer;
    SVG(o, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
           "width=\"");
    svg_num(o, w, 0);
    SVG(o, "\" height=\"");
    svg_num(o, h, 0);
    SVG(o, "\" viewBox=\"0 0 ");
    svg_num(o, w, 0);
    SVG(o, " ");
    svg_num(o, h, 0);
    SVG(o, "\" font-family=\"sans-serif\" font-size=\"11\" role=\"img\">\n<rect width=\"");
    svg_num(o, w, 0);
    SVG(o, "\" height=\"");
    svg_num(o, h, 0);
    SVG(o, "\" fill=\"#ffffff\"/>\n<text x=\"20\" y=\"26\" font-size=\"15\" "
           "font-weight=\"bold\">Change from ");
    svg_text(o, before_name);
    SVG(o, " to ");
    svg_text(o, after_name);
    SVG(o, "</text>\n");
    /* Ties gained and lost: one scale for the four bars. */
    size_t v[4] = {c->gained_inside, c->gained_beyond, c->lost_inside, c->lost_beyond};
    const char *labels[4] = {"gained inside sets", "gained beyond sets", "lost inside sets",
                             "lost beyond sets"};
    const char *colours[4] = {"#56b4e9", NEW_TIE, "#bdbdbd", "#8c8c8c"};
    size_t max = 1;
    for (int i = 0; i < 4; i++)
        max = v[i] > max ? v[i] : max;
    for (int i = 0; i < 4; i++)
        bar(o, 150, 44 + 22 * i, 400.0 * (double)v[i] / (double)max, colours[i], labels[i], v[i]);
    SVG(o, "<text x=\"150\" y=\"");
    svg_int(o, 44 + 22 * 4 + 14);
    SVG(o, "\" fill=\"#555555\">");
    svg_int(o, c->kept);
    SVG(o, " ties kept. Effect sizes are Cohen's d_z: mean change / SD of change, paired by "
           "person.</text>\n");
    for (size_t i = 0; i < CHARTED; i++) {
        const struct net_metric_change *m = &c->metric[charted[i]];
        double x0 = 20 + (double)(i % 3) * cell_w, y0 = top + (double)(i / 3) * cell_h;
        SVG(o, "<g transform=\"translate(");
        svg_num(o, x0, 1);
        SVG(o, " ");
        svg_num(o, y0, 1);
        SVG(o, ")\">\n<text x=\"0\" y=\"0\" font-weight=\"bold\">");
        svg_text(o, net_metric_label(charted[i]));
        SVG(o, "</text>\n");
        if (m->pairs == 0) {
            SVG(o, "<text x=\"0\" y=\"30\" fill=\"#555555\">no data</text>\n</g>\n");
            continue;
        }
        /* Both means on one axis that includes zero, so bars start at zero either way. */
        double lo = fmin(0, fmin(m->mean_before, m->mean_after));
        double hi = fmax(0, fmax(m->mean_before, m->mean_after));
        double span = hi - lo > 1e-12 ? hi - lo : 1;
        double bw = 150;
        double xb = (m->mean_before - lo) / span * bw, xa = (m->mean_after - lo) / span * bw;
        double x0bar = (0 - lo) / span * bw;
        SVG(o, "<rect x=\"");
        svg_num(o, fmin(x0bar, xb), 1);
        SVG(o, "\" y=\"12\" width=\"");
        svg_num(o, fabs(xb - x0bar), 1);
        SVG(o, "\" height=\"16\" fill=\"#bdbdbd\"/><text x=\"");
        svg_num(o, bw + 6, 1);
        SVG(o, "\" y=\"24\">");
        svg_num(o, m->mean_before, 2);
        SVG(o, "</text>\n");
        SVG(o, "<rect x=\"");
        svg_num(o, fmin(x0bar, xa), 1);
        SVG(o, "\" y=\"32\" width=\"");
        svg_num(o, fabs(xa - x0bar), 1);
        SVG(o, "\" height=\"16\" fill=\"#0072b2\"/><text x=\"");
        svg_num(o, bw + 6, 1);
        SVG(o, "\" y=\"44\">");
        svg_num(o, m->mean_after, 2);
        SVG(o, "</text>\n");
        SVG(o, "<text x=\"0\" y=\"66\" fill=\"#333333\">");
        if (isnan(m->d_z)) {
            SVG(o, "change ");
            svg_signed(o, m->mean_diff, 2);
            SVG(o, ", d_z undefined, n = ");
            svg_int(o, m->pairs);
        } else {
            SVG(o, "change ");
            svg_signed(o, m->mean_diff, 2);
            SVG(o, ", d_z = ");
            svg_num(o, m->d_z, 2);
            SVG(o, ", n = ");
            svg_int(o, m->pairs);
        }
        SVG(o, "</text>\n</g>\n");
    }
    SVG(o, "<g font-size=\"11\" transform=\"translate(20 ");
    svg_num(o, h - 8, 1);
    SVG(o, ")\"><rect x=\"0\" y=\"-9\" width=\"10\" height=\"10\" fill=\"#bdbdbd\"/><text x=\"14\" "
           "y=\"0\">");
    svg_text(o, before_name);
    SVG(o, "</text><rect x=\"120\" y=\"-9\" width=\"10\" height=\"10\" fill=\"#0072b2\"/><text "
           "x=\"134\" y=\"0\">");
    svg_text(o, after_name);
    SVG(o, "</text></g>\n</svg>\n");
    return svg_status(o);
}
