/* The formation engine's rules: keep-together units, the collisions that make a problem
 * infeasible (found before searching, explained in words), and the independent checker every
 * returned plan passes through. */
#include "engine/formation/units.h"

#include <stdlib.h>
#include <string.h>

void form_put_person(struct strbuf *sb, const struct form_problem *p, int i)
{
    if (p->labels && p->labels[i])
        sb_append(sb, p->labels[i]);
    else
        sb_printf(sb, "person %d", i + 1);
}

void form_put_group(struct strbuf *sb, const struct form_problem *p, int g)
{
    if (p->group_labels && p->group_labels[g])
        sb_append(sb, p->group_labels[g]);
    else
        sb_printf(sb, "set %d", g + 1);
}

static int uf_find(int *parent, int x)
{
    while (parent[x] != x) {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    return x;
}

int form_units_build(const struct form_problem *p, struct form_units *u)
{
    int n = p->n;
    memset(u, 0, sizeof *u);
    int *parent = malloc(sizeof(int) * (size_t)n);
    u->unit_of = malloc(sizeof(int) * (size_t)n);
    u->member = malloc(sizeof(int) * (size_t)n);
    u->start = calloc((size_t)n + 1, sizeof(int));
    u->weight = calloc((size_t)n, sizeof(int));
    u->pin = malloc(sizeof(int) * (size_t)n);
    if (!parent || !u->unit_of || !u->member || !u->start || !u->weight || !u->pin) {
        free(parent);
        form_units_free(u);
        return -1;
    }
    for (int i = 0; i < n; i++)
        parent[i] = i;
    for (int t = 0; t < p->together_count; t++) {
        int a = uf_find(parent, p->together[t].a), b = uf_find(parent, p->together[t].b);
        if (a != b)
            parent[a < b ? b : a] = a < b ? a : b;
    }
    /* Units are numbered in order of their smallest member, so numbering is deterministic. */
    for (int i = 0; i < n; i++)
        u->unit_of[i] = -1;
    int count = 0;
    for (int i = 0; i < n; i++) {
        int r = uf_find(parent, i);
        if (u->unit_of[r] < 0)
            u->unit_of[r] = count++;
        u->unit_of[i] = u->unit_of[r];
    }
    u->count = count;
    for (int i = 0; i < n; i++)
        u->weight[u->unit_of[i]]++;
    for (int k = 0; k < count; k++)
        u->start[k + 1] = u->start[k] + u->weight[k];
    int *fill = parent; /* reuse as a cursor per unit */
    for (int k = 0; k < count; k++)
        fill[k] = u->start[k];
    for (int i = 0; i < n; i++)
        u->member[fill[u->unit_of[i]]++] = i;
    for (int k = 0; k < count; k++)
        u->pin[k] = -1;
    for (int i = 0; p->pin && i < n; i++) {
        int g = p->pin[i], k = u->unit_of[i];
        if (g < 0)
            continue;
        if (u->pin[k] == -1)
            u->pin[k] = g;
        else if (u->pin[k] != g)
            u->pin[k] = -2;
    }
    free(parent);
    return 0;
}

void form_units_free(struct form_units *u)
{
    free(u->unit_of);
    free(u->start);
    free(u->member);
    free(u->weight);
    free(u->pin);
    memset(u, 0, sizeof *u);
}

static void put_unit(struct strbuf *sb, const struct form_problem *p, const struct form_units *u,
                     int k)
{
    int shown = 0;
    for (int t = u->start[k]; t < u->start[k + 1]; t++) {
        if (shown == 6) {
            sb_printf(sb, " and %d more", u->start[k + 1] - t);
            break;
        }
        if (shown)
            sb_append(sb, t + 1 == u->start[k + 1] ? " and " : ", ");
        form_put_person(sb, p, u->member[t]);
        shown++;
    }
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* Adjacency of the keep-apart graph over units, as sorted lists (CSR). */
struct graph {
    int *start, *adj;
};

static int graph_build(const struct form_problem *p, const struct form_units *u, struct graph *g)
{
    int c = u->count;
    g->start = calloc((size_t)c + 1, sizeof(int));
    g->adj = malloc(sizeof(int) * (size_t)(2 * p->apart_count + 1));
    int *fill = malloc(sizeof(int) * (size_t)c + 1);
    if (!g->start || !g->adj || !fill) {
        free(fill);
        return -1;
    }
    for (int t = 0; t < p->apart_count; t++) {
        int a = u->unit_of[p->apart[t].a], b = u->unit_of[p->apart[t].b];
        if (a != b) {
            g->start[a + 1]++;
            g->start[b + 1]++;
        }
    }
    for (int k = 0; k < c; k++)
        g->start[k + 1] += g->start[k];
    memcpy(fill, g->start, sizeof(int) * (size_t)c);
    for (int t = 0; t < p->apart_count; t++) {
        int a = u->unit_of[p->apart[t].a], b = u->unit_of[p->apart[t].b];
        if (a != b) {
            g->adj[fill[a]++] = b;
            g->adj[fill[b]++] = a;
        }
    }
    for (int k = 0; k < c; k++)
        qsort(g->adj + g->start[k], (size_t)(g->start[k + 1] - g->start[k]), sizeof(int), cmp_int);
    free(fill);
    return 0;
}

static int graph_has(const struct graph *g, int a, int b)
{
    return bsearch(&b, g->adj + g->start[a], (size_t)(g->start[a + 1] - g->start[a]), sizeof(int),
                   cmp_int) != NULL;
}

/* Keep-apart people form a clique when every two of them must be apart: such a clique needs one
 * set each. Finding the largest clique is hard; a greedy clique grown from every unit with
 * enough neighbours finds the cases that occur (a management chain with --chain D). */
static int find_big_clique(const struct graph *g, int count, int m, int *clique)
{
    for (int v = 0; v < count; v++) {
        if (g->start[v + 1] - g->start[v] < m)
            continue;
        int size = 0;
        clique[size++] = v;
        for (int t = g->start[v]; t < g->start[v + 1]; t++) {
            int w = g->adj[t], ok = 1;
            for (int s = 1; s < size && ok; s++)
                ok = graph_has(g, w, clique[s]);
            if (ok)
                clique[size++] = w;
            if (size > m)
                return size;
        }
    }
    return 0;
}

int form_precheck(const struct form_problem *p, struct strbuf *err)
{
    int found = 0, n = p->n, m = p->m;
    long sum_lo = 0, sum_hi = 0, max_hi = 0;
    if (n < 1 || m < 1 || n > FORM_MAX_PEOPLE || m > FORM_MAX_SETS) {
        sb_printf(err, "A plan needs 1 to %d people and 1 to %d sets, not %d and %d.\n",
                  FORM_MAX_PEOPLE, FORM_MAX_SETS, n, m);
        return 1;
    }
    for (int t = 0; t < p->apart_count + p->together_count; t++) {
        const struct form_pair *q =
            t < p->apart_count ? &p->apart[t] : &p->together[t - p->apart_count];
        if (q->a < 0 || q->b < 0 || q->a >= n || q->b >= n) {
            sb_printf(err, "A rule names person %d or %d, outside 1 to %d.\n", q->a + 1, q->b + 1,
                      n);
            return 1;
        }
    }
    for (int g = 0; g < m; g++) {
        if (p->lo[g] < 0 || p->lo[g] > p->hi[g]) {
            form_put_group(err, p, g);
            sb_printf(err, " has a minimum size %d above its maximum %d.\n", p->lo[g], p->hi[g]);
            found++;
        }
        sum_lo += p->lo[g];
        sum_hi += p->hi[g];
        if (p->hi[g] > max_hi)
            max_hi = p->hi[g];
    }
    if (sum_lo > n) {
        sb_printf(err, "The %d sets need at least %ld people together but there are only %d.\n", m,
                  sum_lo, n);
        found++;
    }
    if (sum_hi < n) {
        sb_printf(err, "The %d sets hold at most %ld people together but there are %d.\n", m,
                  sum_hi, n);
        found++;
    }
    for (int i = 0; p->pin && i < n; i++) {
        if (p->pin[i] >= m) {
            form_put_person(err, p, i);
            sb_printf(err, " is pinned to set %d but there are only %d sets.\n", p->pin[i] + 1, m);
            return found + 1;
        }
    }
    struct form_units u;
    struct graph gr = {0};
    int *pinned = calloc((size_t)m, sizeof(int));
    int *clique = malloc(sizeof(int) * ((size_t)m + 2));
    if (!pinned || !clique || form_units_build(p, &u) != 0) {
        free(pinned);
        free(clique);
        return -1;
    }
    for (int k = 0; k < u.count; k++) {
        if (u.weight[k] > 1 && u.weight[k] > max_hi) {
            sb_append(err, "Keep-together rules join ");
            put_unit(err, p, &u, k);
            sb_printf(err, " (%d people), but the largest set holds %ld.\n", u.weight[k], max_hi);
            found++;
        }
        if (u.pin[k] == -2) {
            sb_append(err, "Keep-together rules join ");
            put_unit(err, p, &u, k);
            sb_append(err, ", but they are pinned to different sets:");
            for (int t = u.start[k]; t < u.start[k + 1]; t++) {
                int i = u.member[t];
                if (p->pin[i] < 0)
                    continue;
                sb_append(err, " ");
                form_put_person(err, p, i);
                sb_append(err, " to ");
                form_put_group(err, p, p->pin[i]);
            }
            sb_append(err, ".\n");
            found++;
        } else if (u.pin[k] >= 0) {
            pinned[u.pin[k]] += u.weight[k];
        }
    }
    for (int g = 0; g < m; g++) {
        if (pinned[g] > p->hi[g]) {
            sb_printf(err, "%d people are pinned to ", pinned[g]);
            form_put_group(err, p, g);
            sb_printf(err, " (with those kept together with them), which holds at most %d.\n",
                      p->hi[g]);
            found++;
        }
    }
    for (int t = 0; t < p->apart_count; t++) {
        int a = p->apart[t].a, b = p->apart[t].b;
        int ua = u.unit_of[a], ub = u.unit_of[b];
        if (a == b)
            continue;
        if (ua == ub) {
            sb_append(err, "");
            form_put_person(err, p, a);
            sb_append(err, " and ");
            form_put_person(err, p, b);
            sb_append(err, " must be kept apart, but keep-together rules join them (");
            put_unit(err, p, &u, ua);
            sb_append(err, ").\n");
            found++;
        } else if (u.pin[ua] >= 0 && u.pin[ua] == u.pin[ub]) {
            form_put_person(err, p, a);
            sb_append(err, " and ");
            form_put_person(err, p, b);
            sb_append(err, " must be kept apart, but both are pinned to ");
            form_put_group(err, p, u.pin[ua]);
            sb_append(err, " (directly or through keep-together rules).\n");
            found++;
        }
    }
    if (!found && p->apart_count > 0) {
        if (graph_build(p, &u, &gr) != 0) {
            found = -1;
            goto out;
        }
        int size = find_big_clique(&gr, u.count, m, clique);
        if (size > 0) {
            sb_printf(err, "%d people must all be kept apart from each other (", size);
            for (int s = 0; s < size; s++) {
                if (s)
                    sb_append(err, s + 1 == size ? " and " : ", ");
                form_put_person(err, p, u.member[u.start[clique[s]]]);
            }
            sb_printf(err,
                      "), through line management or keep-apart rules, but there are only "
                      "%d sets.\n",
                      m);
            found++;
        }
    }
out:
    free(gr.start);
    free(gr.adj);
    free(pinned);
    free(clique);
    form_units_free(&u);
    if (err->failed)
        return -1;
    return found;
}

int form_check(const struct form_problem *p, const int *group, struct strbuf *err)
{
    int bad = 0, n = p->n, m = p->m;
    int *size = calloc((size_t)m, sizeof(int));
    if (!size)
        return n + 1;
    for (int i = 0; i < n; i++) {
        if (group[i] < 0 || group[i] >= m) {
            if (err) {
                form_put_person(err, p, i);
                sb_append(err, " is in no set.\n");
            }
            bad++;
            continue;
        }
        size[group[i]]++;
    }
    for (int g = 0; g < m; g++) {
        if (size[g] < p->lo[g] || size[g] > p->hi[g]) {
            if (err) {
                form_put_group(err, p, g);
                sb_printf(err, " has %d members, outside %d-%d.\n", size[g], p->lo[g], p->hi[g]);
            }
            bad++;
        }
    }
    free(size);
    for (int i = 0; p->pin && i < n; i++) {
        if (p->pin[i] >= 0 && group[i] != p->pin[i]) {
            if (err) {
                form_put_person(err, p, i);
                sb_append(err, " is pinned to ");
                form_put_group(err, p, p->pin[i]);
                sb_append(err, " but is not in it.\n");
            }
            bad++;
        }
    }
    for (int t = 0; t < p->apart_count; t++) {
        int a = p->apart[t].a, b = p->apart[t].b;
        if (a != b && group[a] == group[b]) {
            if (err) {
                form_put_person(err, p, a);
                sb_append(err, " and ");
                form_put_person(err, p, b);
                sb_append(err, " must be kept apart but are both in ");
                form_put_group(err, p, group[a]);
                sb_append(err, ".\n");
            }
            bad++;
        }
    }
    for (int t = 0; t < p->together_count; t++) {
        int a = p->together[t].a, b = p->together[t].b;
        if (group[a] != group[b]) {
            if (err) {
                form_put_person(err, p, a);
                sb_append(err, " and ");
                form_put_person(err, p, b);
                sb_append(err, " must be kept together but are in different sets.\n");
            }
            bad++;
        }
    }
    return bad;
}

double form_objective(const struct form_problem *p, const int *group)
{
    double f = 0;
    for (int i = 0; i < p->n; i++) {
        const double *row = p->d + (size_t)i * (size_t)p->n;
        for (int j = i + 1; j < p->n; j++) {
            if (group[i] == group[j])
                f += row[j];
        }
    }
    return f;
}

int form_isolated(const struct form_problem *p, const int *group)
{
    if (!p->iso_class || p->iso_k <= 0 || p->iso_class_count <= 0)
        return 0;
    size_t cells = (size_t)p->m * (size_t)p->iso_class_count;
    int *count = calloc(cells, sizeof(int));
    if (!count)
        return -1;
    for (int i = 0; i < p->n; i++) {
        for (int c = 0; c < p->iso_k; c++) {
            int k = p->iso_class[(size_t)i * (size_t)p->iso_k + (size_t)c];
            if (k >= 0)
                count[(size_t)group[i] * (size_t)p->iso_class_count + (size_t)k]++;
        }
    }
    int isolated = 0;
    for (size_t t = 0; t < cells; t++)
        isolated += count[t] == 1;
    free(count);
    return isolated;
}
