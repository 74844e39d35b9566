/* libFuzzer harness for the text analyser, the theme corpus, clustering and excerpts: any bytes
 * (valid UTF-8 or not) must give terms and themes, never a crash, a leak or undefined behaviour.
 * Each line of the input is one text. */
#include "engine/themes/privacy.h"
#include "engine/themes/text.h"
#include "engine/themes/themes.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_MAX_TEXTS 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct text_analyser *a = text_analyser_new("english");
    struct text_terms terms = {0};
    if (a && text_analyse(a, (const char *)data, size, &terms) == 0)
        text_terms_free(&terms);
    text_analyser_free(a);

    char *copy = malloc(size + 1);
    if (!copy)
        return 0;
    memcpy(copy, data, size);
    copy[size] = '\0';
    char *excerpt = privacy_excerpt(copy, 40);
    free(excerpt);
    const char *texts[FUZZ_MAX_TEXTS];
    size_t n = 0;
    char *line = copy;
    while (line && n < FUZZ_MAX_TEXTS) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        texts[n++] = line;
        line = nl ? nl + 1 : NULL;
    }
    struct themes_corpus *c = NULL;
    char *err = NULL;
    if (themes_corpus_build(texts, n, "english", &c, &err) == 0) {
        struct themes_options opt = {.threshold = THEMES_DEFAULT_THRESHOLD, .min_size = 2};
        struct themes_result r;
        if (themes_cluster(c, &opt, &r) == 0) {
            if (r.count > 0) {
                size_t *x, *y, nx, ny;
                if (themes_split(c, r.themes[0].members, r.themes[0].count, &x, &nx, &y, &ny) ==
                    0) {
                    free(x);
                    free(y);
                }
            }
            themes_result_free(&r);
        }
        themes_corpus_free(c);
    }
    free(err);
    free(copy);
    return 0;
}
