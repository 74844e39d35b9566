/* A pulse survey instrument: items on one response scale, grouped into scales that are scored
 * separately, some items reverse-scored, each with its source named. setwork's default (seeded by
 * migration 0007) is the UCLA 3-item loneliness scale (Hughes et al. 2004) plus setwork's own
 * items on feeling connected at work. Pure: the store fills these structs. */
#ifndef SETWORK_ENGINE_STATS_INSTRUMENT_H
#define SETWORK_ENGINE_STATS_INSTRUMENT_H

#include <stdbool.h>
#include <stddef.h>

/* Bounds on a configured instrument. */
#define INSTRUMENT_MAX_ITEMS  64
#define INSTRUMENT_MAX_POINTS 11

struct instrument_item {
    char *code;    /* short name, unique in the instrument: "ucla_companionship" */
    char *text;    /* the question as asked */
    char *scale;   /* the scale it counts towards: "loneliness" */
    bool reversed; /* scored as min + max - answer */
    char *source;  /* where the wording comes from */
};

struct instrument_scale {
    char *name;  /* "loneliness" */
    char *title; /* "Loneliness (UCLA 3-item)" */
    bool higher_is_better;
};

struct instrument {
    long long id;
    char *name;
    char *source;
    int point_min, point_max; /* answers are whole numbers in [point_min, point_max] */
    char **point_labels;      /* point_max - point_min + 1 labels */
    size_t nitems;
    struct instrument_item *items;
    size_t nscales;
    struct instrument_scale *scales;
};

/* Frees everything the instrument owns and zeroes it. */
void instrument_free(struct instrument *ins);

/* Index of the scale NAME, or -1. */
long instrument_scale_index(const struct instrument *ins, const char *name);

/* Index of the item CODE, or -1. */
long instrument_item_index(const struct instrument *ins, const char *code);

/* A value below any scale point, for an item a person did not answer. */
#define INSTRUMENT_NO_ANSWER (-1000)

/* The score of scale S for one person's ANSWERS (one per item, in item order;
 * INSTRUMENT_NO_ANSWER when not answered):
 * the sum over the scale's items, reversed items as min + max - answer. Returns 0 and *OUT, or
 * -1 when an item of the scale is unanswered or out of range (incomplete answers are not
 * scored, so that start and end compare like with like). */
int instrument_score(const struct instrument *ins, size_t s, const int *answers, double *out);

#endif
