/* Stop words: the words that say nothing about a text's topic. Embedded for English, French,
 * German and Spanish. */
#ifndef SETWORK_ENGINE_THEMES_STOPWORDS_H
#define SETWORK_ENGINE_THEMES_STOPWORDS_H

#include <stdbool.h>

struct stop_list;

/* The list for LANGUAGE, a libstemmer name or ISO code ("english", "fr", "deu"); NULL when
 * setwork has none (texts are then stemmed without a stop list). */
const struct stop_list *stopwords_for(const char *language);

/* True when the lower-cased WORD (apostrophes as ASCII ') is in LIST (false for NULL). */
bool stopwords_contains(const struct stop_list *list, const char *word);

/* True when WORD is an English stop word. */
bool stopwords_english(const char *word);

/* True when every embedded list is strictly sorted, as the binary search needs (for the tests). */
bool stopwords_all_sorted(void);

#endif
