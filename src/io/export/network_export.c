/* GraphML and CSV node/edge lists of one wave. */
#include "io/export/network_export.h"

#include "core/rng.h"
#include "core/strbuf.h"
#include "core/xml_escape.h"
#include "io/csv/csv_reader.h"
#include "io/render/net_svg.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct by_name {
    const char *name;
    size_t person;
};

static int cmp_by_name(const void *a, const void *b)
{
    return strcmp(((const struct by_name *)a)->name, ((const struct by_name *)b)->name);
}

char **network_labels(const struct network_data *d, bool anonymise, unsigned long seed)
{
    size_t n = d->cohort.count;
    char **labels = calloc(n ? n : 1, sizeof *labels);
    struct by_name *v = malloc((n ? n : 1) * sizeof *v);
    size_t *order = malloc((n ? n : 1) * sizeof *order);
    if (!labels || !v || !order)
        goto fail;
    if (anonymise) {
        for (size_t i = 0; i < n; i++)
            order[i] = i;
        /* Fisher-Yates with core/rng; a fresh seed per export unlinks numbers across files. */
        struct rng r;
        rng_seed(&r, seed);
        for (size_t i = n; i > 1; i--) {
            size_t j = (size_t)rng_below(&r, (uint32_t)i);
            size_t t = order[i - 1];
            order[i - 1] = order[j];
            order[j] = t;
        }
        for (size_t i = 0; i < n; i++)
            if (!(labels[order[i]] = str_printf("P%zu", i + 1)))
                goto fail;
    } else {
        for (size_t i = 0; i < n; i++)
            v[i] = (struct by_name){d->cohort.people[i].name, i};
        qsort(v, n, sizeof *v, cmp_by_name);
        for (size_t i = 0; i < n; i++) {
            bool shared = (i > 0 && strcmp(v[i].name, v[i - 1].name) == 0) ||
                          (i + 1 < n && strcmp(v[i].name, v[i + 1].name) == 0);
            const struct cohort_person *p = &d->cohort.people[v[i].person];
            labels[v[i].person] =
                shared ? str_printf("%s <%s>", p->name, p->email) : str_printf("%s", p->name);
            if (!labels[v[i].person])
                goto fail;
        }
    }
    free(v);
    free(order);
    return labels;
fail:
    free(v);
    free(order);
    network_labels_free(labels, labels ? n : 0);
    return NULL;
}

void network_labels_free(char **labels, size_t count)
{
    if (!labels)
        return;
    for (size_t i = 0; i < count; i++)
        free(labels[i]);
    free(labels);
}

static const char *name_of(char *const *names, int index)
{
    return index >= 0 ? names[index] : "";
}

/* GraphML numbers: NAN has no GraphML spelling, so undefined metrics are left out; the others
 * at full precision (the shortest form that reads back as the same double). */
static void graphml_data(struct strbuf *sb, const char *key, double v)
{
    if (isnan(v))
        return;
    sb_printf(sb, "<data key=\"%s\">", key);
    csv_append_number(sb, v);
    sb_append(sb, "</data>");
}

static void graphml_text(struct strbuf *sb, const char *key, const char *v)
{
    if (!v || !v[0])
        return;
    sb_printf(sb, "<data key=\"%s\">", key);
    xml_escape_text(sb, v);
    sb_append(sb, "</data>");
}

char *network_graphml(const struct network_data *d, const struct net_wave *w, char *const *labels,
                      bool anonymise)
{
    struct strbuf sb = {0};
    sb_append(&sb, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
                   "<key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
                   "<key id=\"email\" for=\"node\" attr.name=\"email\" attr.type=\"string\"/>\n"
                   "<key id=\"department\" for=\"node\" attr.name=\"department\" "
                   "attr.type=\"string\"/>\n"
                   "<key id=\"organisation\" for=\"node\" attr.name=\"organisation\" "
                   "attr.type=\"string\"/>\n"
                   "<key id=\"set\" for=\"node\" attr.name=\"set\" attr.type=\"string\"/>\n");
    for (int m = 0; w && m < NET_METRIC_COUNT; m++)
        sb_printf(&sb, "<key id=\"%s\" for=\"node\" attr.name=\"%s\" attr.type=\"double\"/>\n",
                  net_metric_name((enum net_metric)m), net_metric_name((enum net_metric)m));
    sb_append(&sb, "<key id=\"relation\" for=\"edge\" attr.name=\"relation\" "
                   "attr.type=\"string\"/>\n"
                   "<key id=\"strength\" for=\"edge\" attr.name=\"strength\" "
                   "attr.type=\"double\"/>\n"
                   "<graph id=\"G\" edgedefault=\"directed\">\n");
    for (size_t i = 0; i < d->cohort.count; i++) {
        sb_printf(&sb, "<node id=\"n%zu\">", i);
        graphml_text(&sb, "label", labels[i]);
        if (!anonymise)
            graphml_text(&sb, "email", d->cohort.people[i].email);
        graphml_text(&sb, "department", name_of(d->department_names, d->department[i]));
        graphml_text(&sb, "organisation", name_of(d->organisation_names, d->organisation[i]));
        graphml_text(&sb, "set", name_of(d->set_names, d->set[i]));
        for (int m = 0; w && m < NET_METRIC_COUNT; m++)
            graphml_data(&sb, net_metric_name((enum net_metric)m),
                         net_metric_value(&w->person[i], (enum net_metric)m));
        sb_append(&sb, "</node>\n");
    }
    for (size_t e = 0; e < d->tie_count; e++) {
        const struct net_tie *t = &d->ties[e];
        sb_printf(&sb, "<edge source=\"n%d\" target=\"n%d\">", t->from, t->to);
        graphml_text(&sb, "relation", d->relation_names[t->relation]);
        graphml_data(&sb, "strength", t->strength);
        sb_append(&sb, "</edge>\n");
    }
    sb_append(&sb, "</graph>\n</graphml>\n");
    return sb_take(&sb);
}

static void csv_row_end(struct strbuf *sb)
{
    sb_append(sb, "\r\n");
}

static void csv_cell(struct strbuf *sb, const char *v, bool first)
{
    if (!first)
        sb_append_char(sb, ',');
    csv_append_field(sb, v ? v : "");
}

char *network_nodes_csv(const struct network_data *d, const struct net_wave *w, char *const *labels,
                        bool anonymise)
{
    struct strbuf sb = {0};
    sb_append(&sb, anonymise ? "Label" : "Label,Email");
    sb_append(&sb, ",Department,Organisation,Set");
    for (int m = 0; w && m < NET_METRIC_COUNT; m++)
        sb_printf(&sb, ",%s", net_metric_name((enum net_metric)m));
    csv_row_end(&sb);
    for (size_t i = 0; i < d->cohort.count; i++) {
        csv_cell(&sb, labels[i], true);
        if (!anonymise)
            csv_cell(&sb, d->cohort.people[i].email, false);
        csv_cell(&sb, name_of(d->department_names, d->department[i]), false);
        csv_cell(&sb, name_of(d->organisation_names, d->organisation[i]), false);
        csv_cell(&sb, name_of(d->set_names, d->set[i]), false);
        for (int m = 0; w && m < NET_METRIC_COUNT; m++) {
            sb_append_char(&sb, ',');
            csv_append_number(&sb, net_metric_value(&w->person[i], (enum net_metric)m));
        }
        csv_row_end(&sb);
    }
    return sb_take(&sb);
}

char *network_edges_csv(const struct network_data *d, char *const *labels)
{
    struct strbuf sb = {0};
    sb_append(&sb, "From,To,Type,Strength\r\n");
    for (size_t e = 0; e < d->tie_count; e++) {
        const struct net_tie *t = &d->ties[e];
        csv_cell(&sb, labels[t->from], true);
        csv_cell(&sb, labels[t->to], false);
        csv_cell(&sb, d->relation_names[t->relation], false);
        sb_append_char(&sb, ',');
        csv_append_number(&sb, t->strength);
        csv_row_end(&sb);
    }
    return sb_take(&sb);
}
