/* The formation engine's search state: the gain matrix kept exact move by move (the heart of
 * every MDGP local search since Gallego et al.; Schulz 2024 stresses the same O(n) update). */
#include "engine/formation/state.h"

#include <string.h>

static int iso_cell_delta(int before, int after)
{
    return (after == 1) - (before == 1);
}

void form_state_load(struct form_state *s, const int *grp)
{
    memcpy(s->grp, grp, sizeof(int) * (size_t)s->u);
    form_state_rebuild(s);
}

void form_state_rebuild(struct form_state *s)
{
    int u = s->u, m = s->m;
    memset(s->G, 0, sizeof(double) * (size_t)u * (size_t)m);
    memset(s->sz, 0, sizeof(int) * (size_t)m);
    for (int i = 0; i < u; i++) {
        const double *row = s->w + (size_t)i * (size_t)u;
        double *gi = s->G + (size_t)s->grp[i] * (size_t)u;
        for (int j = 0; j < u; j++)
            gi[j] += row[j];
        s->sz[s->grp[i]] += s->wt[i];
    }
    double f2 = 0;
    for (int j = 0; j < u; j++) {
        s->own[j] = s->G[(size_t)s->grp[j] * (size_t)u + (size_t)j];
        f2 += s->own[j];
    }
    s->f = f2 / 2;
    if (s->iso) {
        memset(s->cnt, 0, sizeof(int) * (size_t)m * (size_t)s->classes);
        for (int i = 0; i < u; i++) {
            for (int t = s->cls_start[i]; t < s->cls_start[i + 1]; t++)
                s->cnt[(size_t)s->grp[i] * (size_t)s->classes + (size_t)s->cls_id[t]] +=
                    s->cls_n[t];
        }
        s->isolated = 0;
        for (size_t t = 0; t < (size_t)m * (size_t)s->classes; t++)
            s->isolated += s->cnt[t] == 1;
    }
}

void form_state_iso_apply(struct form_state *s, int i, int a, int b)
{
    for (int t = s->cls_start[i]; t < s->cls_start[i + 1]; t++) {
        s->cnt[(size_t)a * (size_t)s->classes + (size_t)s->cls_id[t]] -= s->cls_n[t];
        s->cnt[(size_t)b * (size_t)s->classes + (size_t)s->cls_id[t]] += s->cls_n[t];
    }
}

int form_state_iso_move(const struct form_state *s, int i, int b)
{
    int a = s->grp[i], delta = 0;
    const int *ca = s->cnt + (size_t)a * (size_t)s->classes;
    const int *cb = s->cnt + (size_t)b * (size_t)s->classes;
    for (int t = s->cls_start[i]; t < s->cls_start[i + 1]; t++) {
        int c = s->cls_id[t], k = s->cls_n[t];
        delta += iso_cell_delta(ca[c], ca[c] - k) + iso_cell_delta(cb[c], cb[c] + k);
    }
    return delta;
}

static int class_count(const struct form_state *s, int i, int c)
{
    for (int t = s->cls_start[i]; t < s->cls_start[i + 1]; t++) {
        if (s->cls_id[t] == c)
            return s->cls_n[t];
    }
    return 0;
}

int form_state_iso_swap(const struct form_state *s, int i, int j)
{
    int a = s->grp[i], b = s->grp[j], delta = 0;
    const int *ca = s->cnt + (size_t)a * (size_t)s->classes;
    const int *cb = s->cnt + (size_t)b * (size_t)s->classes;
    /* Each class either unit holds changes both sets by the difference of their counts. */
    for (int t = s->cls_start[i]; t < s->cls_start[i + 1]; t++) {
        int c = s->cls_id[t], net = class_count(s, j, c) - s->cls_n[t];
        delta += iso_cell_delta(ca[c], ca[c] + net) + iso_cell_delta(cb[c], cb[c] - net);
    }
    for (int t = s->cls_start[j]; t < s->cls_start[j + 1]; t++) {
        int c = s->cls_id[t];
        if (class_count(s, i, c))
            continue;
        int net = s->cls_n[t];
        delta += iso_cell_delta(ca[c], ca[c] + net) + iso_cell_delta(cb[c], cb[c] - net);
    }
    return delta;
}
