/* Theme discovery at scale: builds a synthetic corpus of N short challenge texts on K topics
 * (each topic with its own words plus words every text may use), then times building the TF-IDF
 * corpus and clustering it, and reports agreement with the topics.
 * Usage: bench_themes [N ...] (default 500 1000 2000 4000). */
#include "engine/themes/themes.h"
#include "core/strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define TOPICS         20
#define TOPIC_WORDS    12
#define WORDS_PER_TEXT 22

static const char *common[] = {"team",         "work",      "people",  "manager", "week", "project",
                               "organisation", "colleague", "meeting", "role",    "plan", "year"};

static unsigned long long rng = 88172645463325252ull;
static unsigned next(void)
{
    rng ^= rng << 13; /* xorshift64: the same corpus on every run */
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng >> 11);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    size_t sizes[16] = {500, 1000, 2000, 4000};
    size_t nsizes = 4;
    if (argc > 1) {
        nsizes = 0;
        for (int i = 1; i < argc && nsizes < 16; i++)
            sizes[nsizes++] = (size_t)strtoul(argv[i], NULL, 10);
    }
    printf("| texts | build corpus | cluster | themes | ARI vs topics |\n");
    printf("| ---: | ---: | ---: | ---: | ---: |\n");
    for (size_t s = 0; s < nsizes; s++) {
        size_t n = sizes[s];
        char **texts = calloc(n, sizeof *texts);
        long *topic = calloc(n, sizeof *topic);
        for (size_t i = 0; i < n; i++) {
            struct strbuf sb = {0};
            topic[i] = (long)(next() % TOPICS);
            for (int w = 0; w < WORDS_PER_TEXT; w++) {
                if (next() % 3 == 0)
                    sb_printf(&sb, "%s ", common[next() % 12]);
                else /* topic words are invented tokens, so the stemmer keeps them apart */
                    sb_printf(&sb, "t%ldword%uz ", topic[i], next() % TOPIC_WORDS);
            }
            texts[i] = sb_take(&sb);
        }
        struct themes_corpus *c = NULL;
        char *err = NULL;
        double t0 = now();
        if (themes_corpus_build((const char *const *)texts, n, "english", &c, &err) != 0) {
            fprintf(stderr, "%s\n", err);
            return 1;
        }
        double t1 = now();
        struct themes_options opt = {.threshold = THEMES_DEFAULT_THRESHOLD, .min_size = 2};
        struct themes_result r;
        if (themes_cluster(c, &opt, &r) != 0)
            return 1;
        double t2 = now();
        printf("| %zu | %.0f ms | %.0f ms | %zu | %.3f |\n", n, (t1 - t0) * 1000, (t2 - t1) * 1000,
               r.count, themes_adjusted_rand(topic, r.assignment, n));
        themes_result_free(&r);
        themes_corpus_free(c);
        for (size_t i = 0; i < n; i++)
            free(texts[i]);
        free(texts);
        free(topic);
    }
    return 0;
}
