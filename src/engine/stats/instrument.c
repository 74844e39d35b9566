/* Scoring a pulse survey instrument. */
#include "engine/stats/instrument.h"

#include <stdlib.h>
#include <string.h>

void instrument_free(struct instrument *ins)
{
    for (size_t i = 0; ins->items && i < ins->nitems; i++) {
        free(ins->items[i].code);
        free(ins->items[i].text);
        free(ins->items[i].scale);
        free(ins->items[i].source);
    }
    free(ins->items);
    for (size_t i = 0; ins->scales && i < ins->nscales; i++) {
        free(ins->scales[i].name);
        free(ins->scales[i].title);
    }
    free(ins->scales);
    if (ins->point_labels) {
        for (int p = 0; p <= ins->point_max - ins->point_min; p++)
            free(ins->point_labels[p]);
    }
    free(ins->point_labels);
    free(ins->name);
    free(ins->source);
    memset(ins, 0, sizeof *ins);
}

long instrument_scale_index(const struct instrument *ins, const char *name)
{
    for (size_t i = 0; i < ins->nscales; i++) {
        if (strcmp(ins->scales[i].name, name) == 0)
            return (long)i;
    }
    return -1;
}

long instrument_item_index(const struct instrument *ins, const char *code)
{
    for (size_t i = 0; i < ins->nitems; i++) {
        if (strcmp(ins->items[i].code, code) == 0)
            return (long)i;
    }
    return -1;
}

int instrument_score(const struct instrument *ins, size_t s, const int *answers, double *out)
{
    if (s >= ins->nscales)
        return -1;
    double sum = 0;
    size_t used = 0;
    for (size_t i = 0; i < ins->nitems; i++) {
        if (strcmp(ins->items[i].scale, ins->scales[s].name) != 0)
            continue;
        int a = answers[i];
        if (a < ins->point_min || a > ins->point_max)
            return -1;
        sum += ins->items[i].reversed ? ins->point_min + ins->point_max - a : a;
        used++;
    }
    if (used == 0)
        return -1;
    *out = sum;
    return 0;
}
