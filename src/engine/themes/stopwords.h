/* Stop words: the words that say nothing about a text's topic. English is embedded. */
#ifndef SETWORK_ENGINE_THEMES_STOPWORDS_H
#define SETWORK_ENGINE_THEMES_STOPWORDS_H

#include <stdbool.h>

/* True when the lower-cased WORD (apostrophes as ASCII ') is an English stop word. */
bool stopwords_english(const char *word);

/* True when the embedded list is strictly sorted, as the binary search needs (for the tests). */
bool stopwords_english_sorted(void);

#endif
