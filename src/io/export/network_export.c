/* GraphML and CSV node/edge lists of one wave. */
#include "io/export/network_export.h"

#include "core/rng.h"
#include "core/strbuf.h"
#include "core/xml_escape.h"
#include "engine/people/person_fields.h"
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
    const struct by_name *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    /* Ties in cohort order, so that "(2)" always goes to the same person. */
    return c ? c : (x->person > y->person) - (x->person < y->person);
}

static const char *department_of(const struct network_data *d, size_t person)
{
    int k = d->department ? d->department[person] : -1;
    return k >= 0 && d->department_names ? d->department_names[k] : "";
}

/* Whether every one of the N namesakes V[0..N) has a department, each a different one. */
static bool departments_tell_apart(const struct network_data *d, const struct by_name *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const char *a = department_of(d, v[i].person);
        if (!a[0])
            return false;
        for (size_t j = 0; j < i; j++)
            if (strcmp(a, department_of(d, v[j].person)) == 0)
                return false;
    }
    return true;
}

/* Named labels: the name alone, or for namesakes "Name (Department)" when their departments
 * differ, else "Name (1)", "Name (2)" ... Never the email: labels reach participants' pictures,
 * and person_field_visible shows a set-mate's department but not their email. */
static int named_labels(const struct network_data *d, struct by_name *v, char **labels)
{
    size_t n = d->cohort.count;
    for (size_t i = 0; i < n; i++)
        v[i] = (struct by_name){d->cohort.people[i].name, i};
    qsort(v, n, sizeof *v, cmp_by_name);
    for (size_t i = 0; i < n;) {
        size_t k = i + 1;
        while (k < n && strcmp(v[k].name, v[i].name) == 0)
            k++;
        bool by_department = k - i > 1 && departments_tell_apart(d, v + i, k - i);
        for (size_t j = i; j < k; j++) {
            size_t p = v[j].person;
            labels[p] = k - i == 1      ? str_printf("%s", v[j].name)
                        : by_department ? str_printf("%s (%s)", v[j].name, department_of(d, p))
                                        : str_printf("%s (%zu)", v[j].name, j - i + 1);
            if (!labels[p])
                return -1;
        }
        i = k;
    }
    return 0;
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
        /* Fisher-Yates with core/rng; a fresh secret seed per export (rng_secret_seed) unlinks
         * numbers across files and from the order of emails. */
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
    } else if (named_labels(d, v, labels) != 0) {
        goto fail;
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

/* Pseudonyms "P<n>" compare by length, then bytes: their numeric order. */
static int cmp_by_pseudonym(const void *a, const void *b)
{
    const char *x = ((const struct by_name *)a)->name, *y = ((const struct by_name *)b)->name;
    size_t lx = strlen(x), ly = strlen(y);
    return lx != ly ? (lx > ly) - (lx < ly) : strcmp(x, y);
}

size_t *network_label_order(const struct network_data *d, char *const *labels, bool anonymise)
{
    size_t n = d->cohort.count;
    size_t *order = malloc((n ? n : 1) * sizeof *order);
    struct by_name *v = malloc((n ? n : 1) * sizeof *v);
    if (!order || !v) {
        free(order);
        free(v);
        return NULL;
    }
    for (size_t i = 0; i < n; i++)
        v[i] = (struct by_name){labels[i], i};
    if (anonymise)
        qsort(v, n, sizeof *v, cmp_by_pseudonym);
    for (size_t i = 0; i < n; i++)
        order[i] = v[i].person;
    free(v);
    return order;
}

void network_labels_free(char **labels, size_t count)
{
    if (!labels)
        return;
    for (size_t i = 0; i < count; i++)
        free(labels[i]);
    free(labels);
}

/* The export order of D's people (network_label_order) and each person's place in it: node
 * ids and rows follow the pseudonyms in an anonymised export, not the order of emails. 0, or
 * -1 when out of memory (nothing to free then). */
static int export_order(const struct network_data *d, char *const *labels, bool anonymise,
                        size_t **order, size_t **rank)
{
    size_t n = d->cohort.count;
    *order = network_label_order(d, labels, anonymise);
    *rank = malloc((n ? n : 1) * sizeof **rank);
    if (!*order || !*rank) {
        free(*order);
        free(*rank);
        *order = *rank = NULL;
        return -1;
    }
    for (size_t k = 0; k < n; k++)
        (*rank)[(*order)[k]] = k;
    return 0;
}

struct edge_ref {
    size_t from, to, tie;
};

static int cmp_edge_ref(const void *a, const void *b)
{
    const struct edge_ref *x = a, *y = b;
    if (x->from != y->from)
        return x->from > y->from ? 1 : -1;
    if (x->to != y->to)
        return x->to > y->to ? 1 : -1;
    return (x->tie > y->tie) - (x->tie < y->tie);
}

/* D's ties in the order of their ends' RANK when SORT (an anonymised export: the stored order
 * follows emails), else as stored: a new array of tie indexes, or NULL. */
static size_t *edge_order(const struct network_data *d, const size_t *rank, bool sort)
{
    size_t m = d->tie_count;
    struct edge_ref *v = malloc((m ? m : 1) * sizeof *v);
    size_t *out = malloc((m ? m : 1) * sizeof *out);
    if (!v || !out) {
        free(v);
        free(out);
        return NULL;
    }
    for (size_t e = 0; e < m; e++)
        v[e] = (struct edge_ref){rank[d->ties[e].from], rank[d->ties[e].to], e};
    if (sort)
        qsort(v, m, sizeof *v, cmp_edge_ref);
    for (size_t e = 0; e < m; e++)
        out[e] = v[e].tie;
    free(v);
    return out;
}

/* Named exports are for admins (the routes and the command line say so); anonymised ones for
 * no one in particular. */
static bool emails_shown(bool anonymise)
{
    return person_field_visible(anonymise ? PERSON_VIEWER_ANONYMOUS : PERSON_VIEWER_ADMIN,
                                PERSON_EMAIL);
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
    size_t *order, *rank, *edges;
    if (export_order(d, labels, anonymise, &order, &rank) != 0)
        return NULL;
    if (!(edges = edge_order(d, rank, anonymise))) {
        free(order);
        free(rank);
        return NULL;
    }
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
    for (size_t k = 0; k < d->cohort.count; k++) {
        size_t i = order[k];
        sb_printf(&sb, "<node id=\"n%zu\">", k);
        graphml_text(&sb, "label", labels[i]);
        if (emails_shown(anonymise))
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
        const struct net_tie *t = &d->ties[edges[e]];
        sb_printf(&sb, "<edge source=\"n%zu\" target=\"n%zu\">", rank[t->from], rank[t->to]);
        graphml_text(&sb, "relation", d->relation_names[t->relation]);
        graphml_data(&sb, "strength", t->strength);
        sb_append(&sb, "</edge>\n");
    }
    sb_append(&sb, "</graph>\n</graphml>\n");
    free(order);
    free(rank);
    free(edges);
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
    size_t *order, *rank;
    if (export_order(d, labels, anonymise, &order, &rank) != 0)
        return NULL;
    struct strbuf sb = {0};
    sb_append(&sb, emails_shown(anonymise) ? "Label,Email" : "Label");
    sb_append(&sb, ",Department,Organisation,Set");
    for (int m = 0; w && m < NET_METRIC_COUNT; m++)
        sb_printf(&sb, ",%s", net_metric_name((enum net_metric)m));
    csv_row_end(&sb);
    for (size_t k = 0; k < d->cohort.count; k++) {
        size_t i = order[k];
        csv_cell(&sb, labels[i], true);
        if (emails_shown(anonymise))
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
    free(order);
    free(rank);
    return sb_take(&sb);
}

char *network_edges_csv(const struct network_data *d, char *const *labels, bool anonymise)
{
    size_t *order, *rank, *edges;
    if (export_order(d, labels, anonymise, &order, &rank) != 0)
        return NULL;
    edges = edge_order(d, rank, anonymise);
    free(order);
    free(rank);
    if (!edges)
        return NULL;
    struct strbuf sb = {0};
    sb_append(&sb, "From,To,Type,Strength\r\n");
    for (size_t e = 0; e < d->tie_count; e++) {
        const struct net_tie *t = &d->ties[edges[e]];
        csv_cell(&sb, labels[t->from], true);
        csv_cell(&sb, labels[t->to], false);
        csv_cell(&sb, d->relation_names[t->relation], false);
        sb_append_char(&sb, ',');
        csv_append_number(&sb, t->strength);
        csv_row_end(&sb);
    }
    free(edges);
    return sb_take(&sb);
}
