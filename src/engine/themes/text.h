/* Turning free text into stemmed terms: UTF-8 tokenising, lower-casing, stop words and Snowball
 * stemming (Debian's libstemmer). Pure: no I/O. */
#ifndef SETWORK_ENGINE_THEMES_TEXT_H
#define SETWORK_ENGINE_THEMES_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* Longest token kept, in bytes; longer runs of letters are not words anyone wrote. */
#define TEXT_MAX_TOKEN_BYTES 64
/* Longest text analysed, in bytes; the rest of a longer text is ignored. */
#define TEXT_MAX_BYTES (64u * 1024u)

/* One analysed word: its stem and the lower-cased form it had in the text. */
struct text_term {
    char *stem;
    char *surface;
};

struct text_terms {
    struct text_term *items;
    size_t count;
    size_t cap;
};

/* A Snowball stemmer with the stop words of its language. Not thread-safe (libstemmer keeps
 * state in the stemmer); make one per thread. */
struct text_analyser;

/* Creates an analyser for LANGUAGE, a libstemmer algorithm name or ISO code ("english", "en",
 * "french", ...). Stop words are embedded for English, French, German and Spanish; other languages
 * are stemmed without a stop list (TF-IDF still down-weights words every text uses). Returns NULL
 * when the language is unknown or memory runs out. */
struct text_analyser *text_analyser_new(const char *language);
void text_analyser_free(struct text_analyser *a);

/* True when the lower-cased WORD is a stop word of the analyser's language. */
bool text_is_stop_word(const struct text_analyser *a, const char *word);

/* Appends to OUT the terms of the LEN bytes at TEXT (at most TEXT_MAX_BYTES are read): words are
 * runs of letters and digits (any non-ASCII UTF-8 sequence counts as a letter), lower-cased
 * (ASCII and Latin-1 letters), with apostrophes inside words dropped after the stop-word check;
 * tokens of one byte, numbers and stop words are skipped. Returns 0, or -1 when out of memory. */
int text_analyse(struct text_analyser *a, const char *text, size_t len, struct text_terms *out);

/* Frees the terms and empties OUT. */
void text_terms_free(struct text_terms *out);

#endif
