/* One person's ego network (and how it grew), and small charts of change between waves. */
#include "io/render/net_svg.h"

#include "core/xml_escape.h"
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

static void ego_label(struct strbuf *sb, const struct net_svg_ego *in, int person, double x,
                      double y, const char *anchor)
{
    const char *name = in->labels ? in->labels[person] : person == in->ego ? "You" : NULL;
    if (!name)
        return;
    sb_printf(sb, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">", x, y, anchor);
    xml_escape_text(sb, name);
    sb_append(sb, "</text>\n");
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
    struct strbuf *sb = out;
    sb_printf(sb,
              "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
              "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
              "viewBox=\"0 0 %.0f %.0f\" font-family=\"sans-serif\" font-size=\"11\" "
              "role=\"img\">\n<rect width=\"%.0f\" height=\"%.0f\" fill=\"#ffffff\"/>\n",
              w, h, w, h, w, h);
    if (in->title) {
        sb_append(sb, "<title>");
        xml_escape_text(sb, in->title);
        sb_append(sb, "</title>\n<text x=\"20\" y=\"28\" font-size=\"16\" font-weight=\"bold\">");
        xml_escape_text(sb, in->title);
        sb_append(sb, "</text>\n");
    }
    /* Ties among contacts, faint: they show whether the contacts already know each other. */
    sb_append(sb, "<g stroke=\"#bdbdbd\" stroke-width=\"0.8\">\n");
    for (size_t i = 0; i < k; i++) {
        if (!alters[i].now)
            continue;
        for (size_t j = i + 1; j < k; j++)
            if (alters[j].now && net_adj_has(&now, alters[i].person, alters[j].person))
                sb_printf(sb, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n",
                          ax[alters[i].person], ay[alters[i].person], ax[alters[j].person],
                          ay[alters[j].person]);
    }
    sb_append(sb, "</g>\n<g stroke-width=\"1.6\">\n");
    size_t gained = 0, lost = 0;
    for (size_t i = 0; i < k; i++) {
        const struct alter *a = &alters[i];
        bool is_new = compare && a->now && !a->then;
        gained += is_new;
        lost += !a->now;
        sb_printf(sb, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"%s/>\n",
                  c, c + 40, ax[a->person], ay[a->person],
                  is_new   ? NEW_TIE
                  : a->now ? "#6b6b6b"
                           : "#bdbdbd",
                  a->now ? "" : " stroke-dasharray=\"4 3\"");
    }
    sb_append(sb, "</g>\n<g stroke=\"#ffffff\">\n");
    for (size_t i = 0; i < k; i++) {
        const struct alter *a = &alters[i];
        sb_printf(sb, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\"%s>", ax[a->person],
                  ay[a->person], r, net_svg_colour(a->group),
                  a->now ? "" : " fill-opacity=\"0.35\"");
        if (in->labels && in->labels[a->person]) {
            sb_append(sb, "<title>");
            xml_escape_text(sb, in->labels[a->person]);
            sb_append(sb, "</title>");
        }
        sb_append(sb, "</circle>\n");
    }
    sb_printf(sb,
              "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"12\" fill=\"%s\" stroke=\"#000000\" "
              "stroke-width=\"2\"/>\n</g>\n",
              c, c + 40, net_svg_colour(in->group ? in->group[ego] : -1));
    ego_label(sb, in, ego, c, c + 40 + 28, "middle");
    if (in->labels && k <= NET_SVG_LABEL_MAX)
        for (size_t i = 0; i < k; i++)
            ego_label(sb, in, alters[i].person, ax[alters[i].person],
                      ay[alters[i].person] + (ay[alters[i].person] < c + 40 ? -r - 4 : r + 12),
                      "middle");
    /* Legend and counts. */
    double lx = EGO_SIZE + 50, ly = 80;
    sb_printf(sb, "<g transform=\"translate(%.1f %.1f)\" font-size=\"12\">\n", lx, ly);
    sb_printf(sb, "<text x=\"0\" y=\"0\" font-weight=\"bold\">%zu contact%s</text>\n", k - lost,
              k - lost == 1 ? "" : "s");
    double y = 20;
    if (compare) {
        sb_printf(sb,
                  "<line x1=\"0\" y1=\"%.1f\" x2=\"14\" y2=\"%.1f\" stroke=\"%s\" "
                  "stroke-width=\"2\"/><text x=\"20\" y=\"%.1f\">%zu new</text>\n",
                  y - 4, y - 4, NEW_TIE, y, gained);
        y += 18;
        sb_printf(sb,
                  "<line x1=\"0\" y1=\"%.1f\" x2=\"14\" y2=\"%.1f\" stroke=\"#bdbdbd\" "
                  "stroke-width=\"2\" stroke-dasharray=\"4 3\"/>"
                  "<text x=\"20\" y=\"%.1f\">%zu no longer named</text>\n",
                  y - 4, y - 4, y, lost);
        y += 26;
    }
    if (in->group_title) {
        sb_printf(sb, "<text x=\"0\" y=\"%.1f\" font-weight=\"bold\">", y);
        xml_escape_text(sb, in->group_title);
        sb_append(sb, "</text>\n");
        y += 18;
    }
    size_t shown = in->group_count < NET_SVG_PALETTE ? in->group_count : NET_SVG_PALETTE;
    for (size_t g = 0; g < shown; g++, y += 18) {
        sb_printf(sb,
                  "<circle cx=\"6\" cy=\"%.1f\" r=\"6\" fill=\"%s\"/><text x=\"18\" y=\"%.1f\">",
                  y - 4, net_svg_colour((int)g), y);
        xml_escape_text(sb, in->group_names[g]);
        sb_append(sb, "</text>\n");
    }
    sb_append(sb, "</g>\n</svg>\n");
    free(alters);
    free(ax);
    free(ay);
    net_adj_free(&now);
    net_adj_free(&then);
    return out->failed ? -1 : 0;
}

/* The metrics worth a chart: the rest (in/out degree) are in the report's table. */
static const enum net_metric charted[] = {
    NET_M_DEGREE,        NET_M_REACH2,          NET_M_EFFECTIVE_SIZE,  NET_M_CONSTRAINT,
    NET_M_EI_DEPARTMENT, NET_M_EI_ORGANISATION, NET_M_BLAU_DEPARTMENT, NET_M_BLAU_ORGANISATION,
    NET_M_BETWEENNESS,
};
#define CHARTED (sizeof charted / sizeof charted[0])

static void bar(struct strbuf *sb, double x, double y, double len, const char *colour,
                const char *label, size_t value)
{
    sb_printf(sb, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"14\" fill=\"%s\"/>", x, y,
              len, colour);
    sb_printf(sb, "<text x=\"%.1f\" y=\"%.1f\">%zu</text>", x + len + 4, y + 11, value);
    sb_printf(sb, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n", x - 6, y + 11,
              label);
}

int net_svg_change_chart(const struct net_comparison *c, const char *before_name,
                         const char *after_name, struct strbuf *out)
{
    const double cell_w = 220, cell_h = 110, cols = 3;
    size_t rows = (CHARTED + 2) / 3;
    double w = cell_w * cols + 40, top = 190, h = top + rows * cell_h + 20;
    struct strbuf *sb = out;
    sb_printf(sb,
              "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
              "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
              "viewBox=\"0 0 %.0f %.0f\" font-family=\"sans-serif\" font-size=\"11\" "
              "role=\"img\">\n<rect width=\"%.0f\" height=\"%.0f\" fill=\"#ffffff\"/>\n"
              "<text x=\"20\" y=\"26\" font-size=\"15\" font-weight=\"bold\">Change from ",
              w, h, w, h, w, h);
    xml_escape_text(sb, before_name);
    sb_append(sb, " to ");
    xml_escape_text(sb, after_name);
    sb_append(sb, "</text>\n");
    /* Ties gained and lost: one scale for the four bars. */
    size_t v[4] = {c->gained_inside, c->gained_beyond, c->lost_inside, c->lost_beyond};
    const char *labels[4] = {"gained inside sets", "gained beyond sets", "lost inside sets",
                             "lost beyond sets"};
    const char *colours[4] = {"#56b4e9", NEW_TIE, "#bdbdbd", "#8c8c8c"};
    size_t max = 1;
    for (int i = 0; i < 4; i++)
        max = v[i] > max ? v[i] : max;
    for (int i = 0; i < 4; i++)
        bar(sb, 150, 44 + 22 * i, 400.0 * (double)v[i] / (double)max, colours[i], labels[i], v[i]);
    sb_printf(sb,
              "<text x=\"150\" y=\"%d\" fill=\"#555555\">%zu ties kept. Effect sizes are "
              "Cohen's d_z: mean change / SD of change, paired by person.</text>\n",
              44 + 22 * 4 + 14, c->kept);
    for (size_t i = 0; i < CHARTED; i++) {
        const struct net_metric_change *m = &c->metric[charted[i]];
        double x0 = 20 + (double)(i % 3) * cell_w, y0 = top + (double)(i / 3) * cell_h;
        sb_printf(sb,
                  "<g transform=\"translate(%.1f %.1f)\">\n<text x=\"0\" y=\"0\" "
                  "font-weight=\"bold\">%s</text>\n",
                  x0, y0, net_metric_label(charted[i]));
        if (m->pairs == 0) {
            sb_append(sb, "<text x=\"0\" y=\"30\" fill=\"#555555\">no data</text>\n</g>\n");
            continue;
        }
        /* Both means on one axis that includes zero, so bars start at zero either way. */
        double lo = fmin(0, fmin(m->mean_before, m->mean_after));
        double hi = fmax(0, fmax(m->mean_before, m->mean_after));
        double span = hi - lo > 1e-12 ? hi - lo : 1;
        double bw = 150;
        double xb = (m->mean_before - lo) / span * bw, xa = (m->mean_after - lo) / span * bw;
        double x0bar = (0 - lo) / span * bw;
        sb_printf(sb,
                  "<rect x=\"%.1f\" y=\"12\" width=\"%.1f\" height=\"16\" fill=\"#bdbdbd\"/>"
                  "<text x=\"%.1f\" y=\"24\">%.2f</text>\n",
                  fmin(x0bar, xb), fabs(xb - x0bar), bw + 6, m->mean_before);
        sb_printf(sb,
                  "<rect x=\"%.1f\" y=\"32\" width=\"%.1f\" height=\"16\" fill=\"#0072b2\"/>"
                  "<text x=\"%.1f\" y=\"44\">%.2f</text>\n",
                  fmin(x0bar, xa), fabs(xa - x0bar), bw + 6, m->mean_after);
        sb_append(sb, "<text x=\"0\" y=\"66\" fill=\"#333333\">");
        if (isnan(m->d_z))
            sb_printf(sb, "change %+.2f, d_z undefined, n = %zu", m->mean_diff, m->pairs);
        else
            sb_printf(sb, "change %+.2f, d_z = %.2f, n = %zu", m->mean_diff, m->d_z, m->pairs);
        sb_append(sb, "</text>\n</g>\n");
    }
    sb_printf(sb,
              "<g font-size=\"11\" transform=\"translate(20 %.1f)\">"
              "<rect x=\"0\" y=\"-9\" width=\"10\" height=\"10\" fill=\"#bdbdbd\"/>"
              "<text x=\"14\" y=\"0\">",
              h - 8);
    xml_escape_text(sb, before_name);
    sb_append(sb, "</text><rect x=\"120\" y=\"-9\" width=\"10\" height=\"10\" fill=\"#0072b2\"/>"
                  "<text x=\"134\" y=\"0\">");
    xml_escape_text(sb, after_name);
    sb_append(sb, "</text></g>\n</svg>\n");
    return out->failed ? -1 : 0;
}
