/* Node positions for the pictures: igraph's force-directed layouts, seeded so that the same
 * data always gives the same picture, scaled into the unit square. */
#include "engine/network/net_internal.h"

#include "core/strbuf.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Fruchterman-Reingold iterations: igraph's default of 500 is more than a survey picture
 * needs. */
#define NET_LAYOUT_FR_ITERATIONS 300

static void normalise(const igraph_matrix_t *m, struct net_layout *out)
{
    double minx = INFINITY, maxx = -INFINITY, miny = INFINITY, maxy = -INFINITY;
    for (size_t i = 0; i < out->count; i++) {
        double x = MATRIX(*m, i, 0), y = MATRIX(*m, i, 1);
        minx = fmin(minx, x);
        maxx = fmax(maxx, x);
        miny = fmin(miny, y);
        maxy = fmax(maxy, y);
    }
    /* One scale for both axes keeps the picture's proportions. */
    double span = fmax(maxx - minx, maxy - miny);
    if (!(span > 0))
        span = 1;
    for (size_t i = 0; i < out->count; i++) {
        out->x[i] = (MATRIX(*m, i, 0) - minx) / span + (1 - (maxx - minx) / span) / 2;
        out->y[i] = (MATRIX(*m, i, 1) - miny) / span + (1 - (maxy - miny) / span) / 2;
    }
}

int net_layout(size_t count, const struct net_tie *ties, size_t tie_count, unsigned long seed,
               struct net_layout *out, char **err)
{
    memset(out, 0, sizeof *out);
    if (count > NET_MAX_PEOPLE || tie_count > NET_MAX_TIES) {
        *err =
            str_printf("at most %d people and %d ties can be drawn", NET_MAX_PEOPLE, NET_MAX_TIES);
        return -1;
    }
    net_igraph_init();
    struct net_adj a;
    if (net_adj_build(count, ties, tie_count, &a, err) != 0)
        return -1;
    out->count = count;
    out->x = calloc(count ? count : 1, sizeof *out->x);
    out->y = calloc(count ? count : 1, sizeof *out->y);
    if (!out->x || !out->y) {
        net_adj_free(&a);
        net_layout_free(out);
        *err = str_printf("out of memory laying out the network");
        return -1;
    }
    if (count == 0) {
        net_adj_free(&a);
        return 0;
    }
    igraph_t g;
    igraph_matrix_t m;
    net_igraph_lock();
    igraph_error_t rc = net_adj_to_igraph(&a, &g);
    net_adj_free(&a);
    if (rc != IGRAPH_SUCCESS) {
        net_igraph_unlock();
        net_layout_free(out);
        return net_igraph_fail("laying out the network", rc, err);
    }
    if ((rc = igraph_matrix_init(&m, 0, 0)) != IGRAPH_SUCCESS) {
        igraph_destroy(&g);
        net_igraph_unlock();
        net_layout_free(out);
        return net_igraph_fail("laying out the network", rc, err);
    }
    /* The default generator is shared by the process; seeding it under the igraph lock makes
     * the picture reproducible even with other threads laying out at the same time. */
    /* Fruchterman-Reingold with igraph's grid (AUTOGRID turns it on past 1,000 people) costs
     * O(n + m) per iteration; DrL was measured at 33 s for 10,000 people, FR with the grid at
     * well under a second, so FR it is at every size. */
    rc = igraph_rng_seed(igraph_rng_default(), (igraph_uint_t)seed);
    if (rc == IGRAPH_SUCCESS)
        rc = igraph_layout_fruchterman_reingold(&g, &m, 0, NET_LAYOUT_FR_ITERATIONS,
                                                sqrt((double)count), IGRAPH_LAYOUT_AUTOGRID, NULL,
                                                NULL, NULL, NULL, NULL);
    if (rc == IGRAPH_SUCCESS)
        normalise(&m, out);
    igraph_matrix_destroy(&m);
    igraph_destroy(&g);
    net_igraph_unlock();
    if (rc != IGRAPH_SUCCESS) {
        net_layout_free(out);
        return net_igraph_fail("laying out the network", rc, err);
    }
    return 0;
}

void net_layout_free(struct net_layout *l)
{
    free(l->x);
    free(l->y);
    memset(l, 0, sizeof *l);
}
