/* The whole network of a wave as JSON for the interactive view: the SVG's positions, contacts
 * as undirected pairs (half the edges of the nominations), attributes without any email. */
#include "app/network/network_graph.h"

#include "core/strbuf.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A pair of people as one sortable key: the smaller index in the high half. */
static uint64_t pair_key(int a, int b)
{
    uint32_t lo = (uint32_t)(a < b ? a : b), hi = (uint32_t)(a < b ? b : a);
    return ((uint64_t)lo << 32) | hi;
}

static int key_cmp(const void *pa, const void *pb)
{
    uint64_t a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;
    return a < b ? -1 : a > b;
}

/* The keys of TIES, sorted (duplicates kept: a pair named both ways appears twice). */
static uint64_t *sorted_keys(const struct net_tie *ties, size_t count)
{
    uint64_t *k = malloc((count ? count : 1) * sizeof *k);
    if (!k)
        return NULL;
    for (size_t i = 0; i < count; i++)
        k[i] = pair_key(ties[i].from, ties[i].to);
    qsort(k, count, sizeof *k, key_cmp);
    return k;
}

/* Whether attribute column A may go to the page: not named like an email, no value with an @. */
static bool attr_shown(const struct cohort *c, size_t a)
{
    if (strstr(c->attrs[a], "mail"))
        return false;
    for (size_t i = 0; i < c->count; i++)
        if (strchr(c->people[i].values[a], '@'))
            return false;
    return true;
}

static json_t *coord(double x)
{
    return json_real(isfinite(x) ? round(x * 10000.0) / 10000.0 : 0.5);
}

/* The wave's contacts, one per pair of people, with whether both named the other and whether
 * the pair is new since the earlier wave. NULL with *ERR when out of memory. */
static json_t *edges_json(const struct network_view *v, int *degree, char **err)
{
    const struct network_data *d = &v->data;
    json_t *edges = json_array();
    uint64_t *now = sorted_keys(d->ties, d->tie_count);
    uint64_t *then = v->comparing ? sorted_keys(v->then_ties, v->then_count) : NULL;
    /* Directions seen per pair: bit 1 the smaller named the larger, bit 2 the other way. */
    struct {
        uint64_t key;
        int dirs;
    } *pairs = malloc((d->tie_count ? d->tie_count : 1) * sizeof *pairs);
    if (!edges || !now || (v->comparing && !then) || !pairs)
        goto oom;
    size_t n = 0;
    for (size_t i = 0; i < d->tie_count; i++) {
        if (i > 0 && now[i] == now[i - 1])
            continue;
        pairs[n].key = now[i];
        pairs[n].dirs = 0;
        n++;
    }
    for (size_t i = 0; i < d->tie_count; i++) {
        const struct net_tie *t = &d->ties[i];
        if (t->from == t->to)
            continue;
        uint64_t k = pair_key(t->from, t->to);
        size_t lo = 0, hi = n;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (pairs[mid].key < k)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo < n && pairs[lo].key == k)
            pairs[lo].dirs |= t->from < t->to ? 1 : 2;
    }
    for (size_t i = 0; i < n; i++) {
        int a = (int)(pairs[i].key >> 32), b = (int)(pairs[i].key & 0xffffffffu);
        if (a == b)
            continue;
        degree[a]++;
        degree[b]++;
        bool fresh = then && !bsearch(&pairs[i].key, then, v->then_count, sizeof *then, key_cmp);
        json_t *e = json_pack("[i, i, i, i]", a, b, pairs[i].dirs == 3, fresh);
        if (!e || json_array_append_new(edges, e) != 0)
            goto oom;
    }
    free(now);
    free(then);
    free(pairs);
    return edges;
oom:
    json_decref(edges);
    free(now);
    free(then);
    free(pairs);
    *err = str_printf("out of memory");
    return NULL;
}

json_t *network_graph_json(const struct network_view *v, char **err)
{
    const struct network_data *d = &v->data;
    const struct cohort *c = &d->cohort;
    struct net_layout layout = {0};
    bool *shown = calloc(c->attr_count ? c->attr_count : 1, sizeof *shown);
    int *degree = calloc(c->count ? c->count : 1, sizeof *degree);
    json_t *o = NULL, *edges = NULL;
    if (!shown || !degree) {
        *err = str_printf("out of memory");
        goto fail;
    }
    if (network_view_layout(v, &layout, err) != 0)
        goto fail;
    /* The contacts first: each person's degree is counted from them. */
    edges = edges_json(v, degree, err);
    if (!edges)
        goto fail;
    json_t *attrs = json_array(), *sets = json_array(), *nodes = json_array();
    o = json_pack("{s:s, s:o, s:I, s:o, s:o, s:o}", "wave", v->wave_name, "before",
                  v->before_name ? json_string(v->before_name) : json_null(), "people",
                  (json_int_t)c->count, "attributes", attrs, "sets", sets, "nodes", nodes);
    if (!o)
        goto oom;
    for (size_t a = 0; a < c->attr_count; a++) {
        shown[a] = attr_shown(c, a);
        if (shown[a] && json_array_append_new(attrs, json_string(c->attrs[a])) != 0)
            goto oom;
    }
    for (size_t s = 0; s < d->set_count; s++)
        if (json_array_append_new(sets, json_string(d->set_names[s])) != 0)
            goto oom;
    for (size_t i = 0; i < c->count; i++) {
        const struct cohort_person *p = &c->people[i];
        json_t *values = json_array();
        json_t *node =
            json_pack("{s:I, s:s, s:o, s:b, s:I, s:o, s:o, s:o}", "id", (json_int_t)p->id, "name",
                      p->name, "set", d->set[i] >= 0 ? json_integer(d->set[i]) : json_null(),
                      "answered", d->responded[i], "degree", (json_int_t)degree[i], "x",
                      coord(layout.x[i]), "y", coord(layout.y[i]), "values", values);
        if (!node || json_array_append_new(nodes, node) != 0)
            goto oom;
        for (size_t a = 0; a < c->attr_count; a++)
            if (shown[a] && json_array_append_new(values, json_string(p->values[a])) != 0)
                goto oom;
    }
    json_object_set_new(o, "contacts", json_integer((json_int_t)json_array_size(edges)));
    json_object_set_new(o, "edges", edges);
    free(shown);
    free(degree);
    net_layout_free(&layout);
    return o;
oom:
    *err = str_printf("out of memory");
fail:
    json_decref(o);
    json_decref(edges);
    free(shown);
    free(degree);
    net_layout_free(&layout);
    return NULL;
}
