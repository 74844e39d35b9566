/* Finding themes in short texts: TF-IDF vectors over Snowball stems, cosine similarity, and
 * average-linkage agglomerative clustering with a similarity threshold, labelled by the words
 * most characteristic of each cluster. Deterministic: the same texts in the same order always give
 * the same themes. Pure: no I/O. */
#ifndef SETWORK_ENGINE_THEMES_THEMES_H
#define SETWORK_ENGINE_THEMES_THEMES_H

#include <stddef.h>

/* The most texts one clustering takes: the similarity matrix is n*n floats (64 MB at 4000). */
#define THEMES_MAX_TEXTS 4000
/* Default average-linkage similarity at which merging stops; tuned on tests/unit/test_themes.c's
 * corpus (short challenge texts with paraphrases). */
#define THEMES_DEFAULT_THRESHOLD 0.10
/* Words in a generated label. */
#define THEMES_LABEL_WORDS 3

/* The texts as TF-IDF vectors: opaque, built once, then clustered, labelled and split. */
struct themes_corpus;

/* Builds the corpus of N texts in LANGUAGE (see text_analyser_new). Term weight is
 * (1 + ln tf) * idf with idf = ln((1 + N) / (1 + df)) + 1, and each vector has unit length, so
 * the cosine is a dot product. Returns 0 and *OUT (free with themes_corpus_free); -1 with a
 * message in *ERR (caller frees) for an unknown language, too many texts or no memory. */
int themes_corpus_build(const char *const *texts, size_t n, const char *language,
                        struct themes_corpus **out, char **err);
void themes_corpus_free(struct themes_corpus *c);

/* Cosine similarity of texts A and B, in [0, 1]; 0 when either has no words. */
double themes_similarity(const struct themes_corpus *c, size_t a, size_t b);

struct theme_cluster {
    size_t *members; /* text indices, ascending */
    size_t count;
    char *label; /* "word, word, word" in surface forms */
};

struct themes_result {
    struct theme_cluster *themes; /* by size descending, then by first member */
    size_t count;
    long *assignment; /* per text: index into themes, or -1 (no theme) */
    size_t texts;
};

struct themes_options {
    double threshold;   /* stop merging when the best average similarity is below this */
    size_t min_size;    /* clusters smaller than this are not themes (at least 2) */
    size_t label_words; /* 0: THEMES_LABEL_WORDS */
};

/* Clusters every text of C. Returns 0 and fills OUT (free with themes_result_free), -1 when out
 * of memory. */
int themes_cluster(const struct themes_corpus *c, const struct themes_options *opt,
                   struct themes_result *out);
void themes_result_free(struct themes_result *r);

/* Splits the N texts MEMBERS (indices into C) into two groups by average linkage run to two
 * clusters; the larger group (or the one with the smallest index when equal) comes first in
 * *A. Both groups are allocated (caller frees). Returns 0, 1 when N < 2, -1 when out of memory. */
int themes_split(const struct themes_corpus *c, const size_t *members, size_t n, size_t **a,
                 size_t *na, size_t **b, size_t *nb);

/* The label of the group MEMBERS (N indices into C): the WORDS terms with the highest mean
 * TF-IDF inside the group minus the mean over the rest of the corpus, each shown as its most
 * frequent lower-cased surface form in the group. Returns a new string ("" when the group has no
 * words; caller frees) or NULL when out of memory. */
char *themes_label(const struct themes_corpus *c, const size_t *members, size_t n, size_t words);

/* Adjusted Rand index of two labellings of N items (labels are any non-negative longs; -1 is a
 * label of its own per item, i.e. a singleton). 1 for identical partitions, about 0 for chance.
 * Returns 0 when N < 2. */
double themes_adjusted_rand(const long *a, const long *b, size_t n);

#endif
