/* Turning a cohort and the options of `setwork form` into a formation problem: attribute value
 * codes and weights, set sizes, rule files, the management chain, earlier plans. CLI layer. */
#ifndef SETWORK_APP_PLANS_FORM_BUILD_H
#define SETWORK_APP_PLANS_FORM_BUILD_H

#include "core/strbuf.h"
#include "engine/formation/formation.h"
#include "engine/formation/score.h"
#include "model/cohort.h"

/* The most lines a rule file (--apart, --together, --pin) may hold. */
#define FORM_RULES_MAX_LINES 100000

struct form_input {
    const struct cohort *cohort;
    int n, k;
    int *code;      /* n*k attribute value ids */
    double *weight; /* k */
    double w_new;
    struct form_known *known;
    int known_count;
    double w_similar;           /* weight "similar" (0: off) */
    struct form_known *similar; /* pairs sharing a challenge theme */
    int similar_count;
    struct form_pair *apart, *together;
    int apart_count, together_count, apart_cap, together_cap;
    int *pin; /* n, -1 */
    int m;
    int *lo, *hi;
    char **set_names; /* m, "Set 1" ... */
    int *iso_class;
    int iso_k, iso_class_count;
    const char **labels; /* n emails */
};

/* Codes every attribute of C and sets the weights: defaults, then "name=value,..." from SPEC
 * (NULL for none; "new" names w_new, "similar" the bonus for sharing a challenge theme).
 * Returns 0, or -1 with a message in ERR. */
int form_input_init(struct form_input *in, const struct cohort *c, const char *spec,
                    struct strbuf *err);

/* Chooses the sets: M > 0 gives M sets as equal as possible; else sizes A..B with the number of
 * sets that fits, each set within one of the average. Returns 0, or -1 with a message. */
int form_input_sizes(struct form_input *in, int m, int a, int b, struct strbuf *err);

/* Adds keep-apart pairs for everyone within D levels of each other in the management chain. */
int form_input_chain(struct form_input *in, int d);

/* Reads a rule file: KIND 'a' (apart: two emails a line), 't' (together) or 'p' (pin: email
 * and set number or name). Returns 0, or -1 with messages (file:line) in ERR. */
int form_input_rules_file(struct form_input *in, char kind, const char *path, struct strbuf *err);

/* Adds one rule between people A and B (indices) or a pin of A to set SET_NAME. */
int form_input_add_pair(struct form_input *in, char kind, int a, int b);
int form_input_pin_name(struct form_input *in, int a, const char *set_name, struct strbuf *err);

/* Marks the minority values of attribute NAME (every value but the most common, blanks
 * excluded) for the soft rule. Returns 0, or -1 with a message. */
int form_input_no_isolate(struct form_input *in, const char *name, struct strbuf *err);

void form_input_free(struct form_input *in);

#endif
