/* The contact graph as adjacency lists, and igraph set up so that an error returns a code and
 * a message instead of aborting the process (igraph's default handler calls abort()). */
#include "engine/network/net_internal.h"

#include "core/strbuf.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* igraph keeps one handler per process; the message of the last error is kept per thread so
 * that two web requests analysing at once do not read each other's messages. */
static _Thread_local char last_error[256];

static void record_error(const char *reason, const char *file, int line, igraph_error_t code)
{
    str_copy(last_error, reason ? reason : igraph_strerror(code), sizeof last_error);
    /* Frees what igraph allocated on the way to the error; it is what the ignore handlers do. */
    IGRAPH_FINALLY_FREE();
    (void)file;
    (void)line;
}

static pthread_mutex_t igraph_lock = PTHREAD_MUTEX_INITIALIZER;

void net_igraph_lock(void)
{
    pthread_mutex_lock(&igraph_lock);
}

void net_igraph_unlock(void)
{
    pthread_mutex_unlock(&igraph_lock);
}

static void install_handlers(void)
{
    igraph_set_error_handler(record_error);
    /* Warnings (e.g. "graph has no edges") are expected on small surveys; not worth printing
     * from library code, which never prints. */
    igraph_set_warning_handler(igraph_warning_handler_ignore);
}

void net_igraph_init(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, install_handlers);
}

int net_igraph_fail(const char *what, igraph_error_t code, char **err)
{
    *err = str_printf("%s: %s", what, last_error[0] ? last_error : igraph_strerror(code));
    last_error[0] = '\0';
    return -1;
}

static int cmp_ll(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return (x > y) - (x < y);
}

int net_adj_build(size_t n, const struct net_tie *ties, size_t count, struct net_adj *out,
                  char **err)
{
    memset(out, 0, sizeof *out);
    out->n = n;
    long long *keys = malloc((count ? count : 1) * sizeof *keys);
    out->start = calloc(n + 1, sizeof *out->start);
    if (!keys || !out->start)
        goto oom;
    for (size_t i = 0; i < count; i++) {
        int a = ties[i].from, b = ties[i].to;
        if (a < 0 || b < 0 || (size_t)a >= n || (size_t)b >= n) {
            *err = str_printf("tie %zu joins person %d and %d; there are %zu people", i, a, b, n);
            goto fail;
        }
        if (a == b) {
            *err = str_printf("tie %zu joins person %d to themselves", i, a);
            goto fail;
        }
        if (a > b) {
            int t = a;
            a = b;
            b = t;
        }
        keys[i] = (long long)a * (long long)n + b;
    }
    qsort(keys, count, sizeof *keys, cmp_ll);
    size_t m = 0;
    for (size_t i = 0; i < count; i++)
        if (i == 0 || keys[i] != keys[i - 1])
            keys[m++] = keys[i];
    out->edges = m;
    out->nbr = malloc((2 * m + 1) * sizeof *out->nbr);
    out->edge_from = malloc((m + 1) * sizeof *out->edge_from);
    out->edge_to = malloc((m + 1) * sizeof *out->edge_to);
    size_t *fill = calloc(n + 1, sizeof *fill);
    if (!out->nbr || !out->edge_from || !out->edge_to || !fill) {
        free(fill);
        goto oom;
    }
    for (size_t e = 0; e < m; e++) {
        out->edge_from[e] = (int)(keys[e] / (long long)n);
        out->edge_to[e] = (int)(keys[e] % (long long)n);
        out->start[out->edge_from[e] + 1]++;
        out->start[out->edge_to[e] + 1]++;
    }
    for (size_t v = 0; v < n; v++)
        out->start[v + 1] += out->start[v];
    /* Edges are sorted by (from, to), so each row fills in ascending order: first the smaller
     * neighbours (as `to`, in order of from), then the larger ones. Two passes keep it so. */
    for (size_t e = 0; e < m; e++) {
        int b = out->edge_to[e];
        out->nbr[out->start[b] + fill[b]++] = out->edge_from[e];
    }
    for (size_t e = 0; e < m; e++) {
        int a = out->edge_from[e];
        out->nbr[out->start[a] + fill[a]++] = out->edge_to[e];
    }
    free(fill);
    free(keys);
    return 0;
oom:
    *err = str_printf("out of memory building the contact graph");
fail:
    free(keys);
    net_adj_free(out);
    return -1;
}

void net_adj_free(struct net_adj *a)
{
    free(a->start);
    free(a->nbr);
    free(a->edge_from);
    free(a->edge_to);
    memset(a, 0, sizeof *a);
}

bool net_adj_has(const struct net_adj *a, int u, int v)
{
    size_t lo = a->start[u], hi = a->start[u + 1];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (a->nbr[mid] == v)
            return true;
        if (a->nbr[mid] < v)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

igraph_error_t net_adj_to_igraph(const struct net_adj *a, igraph_t *g)
{
    igraph_vector_int_t edges;
    igraph_error_t rc = igraph_vector_int_init(&edges, (igraph_integer_t)(2 * a->edges));
    if (rc != IGRAPH_SUCCESS)
        return rc;
    for (size_t e = 0; e < a->edges; e++) {
        VECTOR(edges)[2 * e] = a->edge_from[e];
        VECTOR(edges)[2 * e + 1] = a->edge_to[e];
    }
    rc = igraph_create(g, &edges, (igraph_integer_t)a->n, IGRAPH_UNDIRECTED);
    igraph_vector_int_destroy(&edges);
    return rc;
}
