/* Unit tests for engine/themes: text analysis, TF-IDF similarity, theme discovery on a corpus
 * with known groups (agreement measured by the adjusted Rand index), labels and splits. */
#include "test_support.h"

#include <math.h>

#include "core/strbuf.h"
#include "engine/themes/stopwords.h"
#include "engine/themes/text.h"
#include "engine/themes/themes.h"

/* The known-groups corpus from tests/unit/data/themes_corpus.tsv; group "-" is no group (-1). */
struct corpus_file {
    size_t n;
    char *texts[256];
    long group[256];
    char *groups[16];
    size_t ngroups;
};

static void load_corpus(struct corpus_file *cf)
{
    memset(cf, 0, sizeof *cf);
    const char *src = getenv("SETWORK_SOURCE_DIR");
    assert_non_null(src);
    char *path = str_printf("%s/tests/unit/data/themes_corpus.tsv", src);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char line[1024];
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || line[0] == '\n')
            continue;
        char *tab = strchr(line, '\t');
        assert_non_null(tab);
        *tab = '\0';
        line[strcspn(tab + 1, "\n") + (size_t)(tab + 1 - line)] = '\0';
        long g = -1;
        for (size_t i = 0; strcmp(line, "-") != 0 && i < cf->ngroups; i++) {
            if (strcmp(cf->groups[i], line) == 0)
                g = (long)i;
        }
        if (g < 0 && strcmp(line, "-") != 0) {
            cf->groups[cf->ngroups] = strdup(line);
            g = (long)cf->ngroups++;
        }
        cf->group[cf->n] = g;
        cf->texts[cf->n++] = strdup(tab + 1);
    }
    fclose(f);
    free(path);
}

static void free_corpus(struct corpus_file *cf)
{
    for (size_t i = 0; i < cf->n; i++)
        free(cf->texts[i]);
    for (size_t i = 0; i < cf->ngroups; i++)
        free(cf->groups[i]);
}

static void stop_word_list_is_sorted_for_binary_search(void **state)
{
    assert_true(stopwords_all_sorted());
    assert_true(stopwords_english("the"));
    assert_true(stopwords_english("don't"));
    assert_false(stopwords_english("workload"));
}

static void analyses_words_into_stems_without_stop_words(void **state)
{
    struct text_analyser *a = text_analyser_new("english");
    assert_non_null(a);
    struct text_terms t = {0};
    const char *s = "Managing the TEAM's workload \xe2\x80\x94 I don't know; 2024 \xc3\x89quipes!";
    assert_int_equal(text_analyse(a, s, strlen(s), &t), 0);
    /* "the", "I", "don't" are stop words; "2024" is a number; "team's" loses "'s"; the em dash
     * and the semicolon separate words. */
    assert_int_equal(t.count, 5);
    assert_string_equal(t.items[0].stem, "manag");
    assert_string_equal(t.items[0].surface, "managing");
    assert_string_equal(t.items[1].stem, "team");
    assert_string_equal(t.items[2].stem, "workload");
    assert_string_equal(t.items[3].stem, "know");
    assert_string_equal(t.items[4].surface, "\xc3\xa9quipes"); /* lower-cased Latin-1 capital */
    text_terms_free(&t);
    /* A curly apostrophe is an apostrophe too. */
    s = "I don\xe2\x80\x99t";
    assert_int_equal(text_analyse(a, s, strlen(s), &t), 0);
    assert_int_equal(t.count, 0);
    text_terms_free(&t);
    text_analyser_free(a);
    assert_null(text_analyser_new("klingon"));
}

static void other_languages_have_their_stop_words_and_stemmers(void **state)
{
    struct text_analyser *a = text_analyser_new("french");
    assert_non_null(a);
    struct text_terms t = {0};
    const char *s = "L'\xc3\xa9quipe travaille avec les managers qu'il conna\xc3\xaet";
    assert_int_equal(text_analyse(a, s, strlen(s), &t), 0);
    /* "l'" and "qu'" are elided stop words, "avec" and "les" stop words. */
    assert_int_equal(t.count, 4);
    assert_string_equal(t.items[0].surface, "\xc3\xa9quipe");
    assert_string_equal(t.items[1].stem, "travaill");
    assert_string_equal(t.items[3].surface, "conna\xc3\xaet");
    text_terms_free(&t);
    text_analyser_free(a);
    a = text_analyser_new("de");
    s = "Die Teams und das Budget";
    assert_int_equal(text_analyse(a, s, strlen(s), &t), 0);
    assert_int_equal(t.count, 2);
    text_terms_free(&t);
    text_analyser_free(a);
    /* A language without a stop list is still stemmed. */
    a = text_analyser_new("dutch");
    assert_non_null(a);
    s = "de teams";
    assert_int_equal(text_analyse(a, s, strlen(s), &t), 0);
    assert_int_equal(t.count, 2);
    text_terms_free(&t);
    text_analyser_free(a);
}

static void similar_texts_are_closer_than_unrelated_ones(void **state)
{
    const char *texts[] = {"My workload is too heavy to manage.",
                           "Managing a heavy workload every week.", "Budget cuts to our services.",
                           "the and of"};
    struct themes_corpus *c = NULL;
    char *err = NULL;
    assert_int_equal(themes_corpus_build(texts, 4, "english", &c, &err), 0);
    assert_true(themes_similarity(c, 0, 1) > 0.3);
    assert_true(themes_similarity(c, 0, 2) < 1e-9);
    assert_true(themes_similarity(c, 0, 3) == 0); /* stop words only: no vector */
    assert_true(fabs(themes_similarity(c, 2, 2) - 1) < 1e-9);
    themes_corpus_free(c);
    assert_int_equal(themes_corpus_build(texts, 4, "klingon", &c, &err), -1);
    assert_non_null(strstr(err, "klingon"));
    free(err);
}

static void finds_the_known_groups(void **state)
{
    struct corpus_file cf;
    load_corpus(&cf);
    assert_int_equal(cf.n, 36);
    struct themes_corpus *c = NULL;
    char *err = NULL;
    assert_int_equal(themes_corpus_build((const char *const *)cf.texts, cf.n, "english", &c, &err),
                     0);
    struct themes_options opt = {.threshold = THEMES_DEFAULT_THRESHOLD, .min_size = 2};
    struct themes_result r;
    assert_int_equal(themes_cluster(c, &opt, &r), 0);
    double ari = themes_adjusted_rand(cf.group, r.assignment, cf.n);
    print_message("%zu themes, adjusted Rand index %.3f\n", r.count, ari);
    for (size_t t = 0; t < r.count; t++)
        print_message("  %zu: %s\n", r.themes[t].count, r.themes[t].label);
    assert_true(ari >= 0.7);
    /* Each known group's theme is labelled with its obvious word. */
    const char *expect[] = {"workload", "restructure", "conflict", "budget"};
    for (size_t g = 0; g < 4; g++) {
        long t = r.assignment[g * 8];
        assert_true(t >= 0);
        assert_non_null(strstr(r.themes[t].label, expect[g]));
    }
    /* The unrelated texts join none of the four themes. Two of them share only the word "new"
     * and may pair up: a theme of two, which privacy.h never shows. */
    for (size_t i = 32; i < 36; i++) {
        for (size_t g = 0; g < 4; g++)
            assert_true(r.assignment[i] != r.assignment[g * 8]);
        if (r.assignment[i] >= 0)
            assert_true(r.themes[r.assignment[i]].count < 3);
    }
    /* The same input gives the same themes. */
    struct themes_result again;
    assert_int_equal(themes_cluster(c, &opt, &again), 0);
    assert_int_equal(again.count, r.count);
    assert_memory_equal(again.assignment, r.assignment, cf.n * sizeof *r.assignment);
    themes_result_free(&again);
    themes_result_free(&r);
    themes_corpus_free(c);
    free_corpus(&cf);
}

/* The result must not hinge on one exact threshold: agreement stays high across a range. */
static void agreement_holds_across_thresholds(void **state)
{
    struct corpus_file cf;
    load_corpus(&cf);
    struct themes_corpus *c = NULL;
    char *err = NULL;
    assert_int_equal(themes_corpus_build((const char *const *)cf.texts, cf.n, "english", &c, &err),
                     0);
    for (double t = 0.06; t <= 0.1501; t += 0.03) {
        struct themes_options opt = {.threshold = t, .min_size = 2};
        struct themes_result r;
        assert_int_equal(themes_cluster(c, &opt, &r), 0);
        double ari = themes_adjusted_rand(cf.group, r.assignment, cf.n);
        print_message("threshold %.2f: %zu themes, ARI %.3f\n", t, r.count, ari);
        assert_true(ari >= 0.7);
        themes_result_free(&r);
    }
    themes_corpus_free(c);
    free_corpus(&cf);
}

static void split_separates_a_merged_theme(void **state)
{
    struct corpus_file cf;
    load_corpus(&cf);
    struct themes_corpus *c = NULL;
    char *err = NULL;
    assert_int_equal(themes_corpus_build((const char *const *)cf.texts, cf.n, "english", &c, &err),
                     0);
    /* The workload and budget groups as one theme, as if an admin had merged them. */
    size_t merged[16];
    for (size_t i = 0; i < 8; i++) {
        merged[i] = i;
        merged[8 + i] = 24 + i;
    }
    size_t *a, *b, na, nb;
    assert_int_equal(themes_split(c, merged, 16, &a, &na, &b, &nb), 0);
    assert_int_equal(na + nb, 16);
    long truth[16], got[16];
    for (size_t i = 0; i < 16; i++) {
        truth[i] = merged[i] < 8 ? 0 : 1;
        got[i] = -1;
        for (size_t k = 0; k < na; k++)
            got[i] = a[k] == merged[i] ? 0 : got[i];
        for (size_t k = 0; k < nb; k++)
            got[i] = b[k] == merged[i] ? 1 : got[i];
    }
    assert_true(themes_adjusted_rand(truth, got, 16) >= 0.7);
    char *la = themes_label(c, a, na, 3), *lb = themes_label(c, b, nb, 3);
    print_message("split: '%s' / '%s'\n", la, lb);
    assert_true(strstr(la, "workload") || strstr(lb, "workload"));
    assert_true(strstr(la, "budget") || strstr(lb, "budget"));
    free(la);
    free(lb);
    free(a);
    free(b);
    assert_int_equal(themes_split(c, merged, 1, &a, &na, &b, &nb), 1);
    themes_corpus_free(c);
    free_corpus(&cf);
}

static void adjusted_rand_index_of_known_partitions(void **state)
{
    long a[] = {0, 0, 1, 1}, b[] = {1, 1, 0, 0}, c[] = {0, 1, 0, 1};
    assert_true(fabs(themes_adjusted_rand(a, b, 4) - 1) < 1e-12);
    /* By hand: pairs same in a: 2, in c: 2, in both: 0; expected 2*2/6 = 2/3; max 2:
     * (0 - 2/3) / (2 - 2/3) = -0.5. */
    assert_true(fabs(themes_adjusted_rand(a, c, 4) + 0.5) < 1e-12);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(stop_word_list_is_sorted_for_binary_search),
        cmocka_unit_test(analyses_words_into_stems_without_stop_words),
        cmocka_unit_test(other_languages_have_their_stop_words_and_stemmers),
        cmocka_unit_test(similar_texts_are_closer_than_unrelated_ones),
        cmocka_unit_test(finds_the_known_groups),
        cmocka_unit_test(agreement_holds_across_thresholds),
        cmocka_unit_test(split_separates_a_merged_theme),
        cmocka_unit_test(adjusted_rand_index_of_known_partitions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
