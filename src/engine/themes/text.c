/* Tokenising, lower-casing, stop words and stemming of free text. */
#include "engine/themes/text.h"

#include "engine/themes/stopwords.h"

#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>

struct text_analyser {
    struct sb_stemmer *stemmer;
    const struct stop_list *stop; /* NULL: no stop list for this language */
};

struct text_analyser *text_analyser_new(const char *language)
{
    if (!language || !language[0])
        return NULL;
    struct text_analyser *a = calloc(1, sizeof *a);
    if (!a)
        return NULL;
    a->stemmer = sb_stemmer_new(language, NULL); /* NULL: UTF-8 */
    if (!a->stemmer) {
        free(a);
        return NULL;
    }
    a->stop = stopwords_for(language);
    return a;
}

void text_analyser_free(struct text_analyser *a)
{
    if (!a)
        return;
    sb_stemmer_delete(a->stemmer);
    free(a);
}

bool text_is_stop_word(const struct text_analyser *a, const char *word)
{
    return stopwords_contains(a->stop, word);
}

/* Decodes one UTF-8 sequence at S (N bytes left). Returns its length and stores the code point,
 * or returns 1 with *CP = -1 for a byte that does not start a well-formed sequence. */
static size_t decode(const unsigned char *s, size_t n, long *cp)
{
    unsigned char c = s[0];
    size_t len = c < 0x80             ? 1
                 : (c & 0xE0) == 0xC0 ? 2
                 : (c & 0xF0) == 0xE0 ? 3
                 : (c & 0xF8) == 0xF0 ? 4
                                      : 0;
    if (len == 0 || len > n) {
        *cp = -1;
        return 1;
    }
    long v = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *cp = -1;
            return 1;
        }
        v = (v << 6) | (s[i] & 0x3F);
    }
    *cp = v;
    return len;
}

static bool is_apostrophe(long cp)
{
    return cp == '\'' || cp == 0x2019;
}

/* Letters and digits of any script count as word characters; punctuation and spaces of ASCII,
 * Latin-1 and the General Punctuation block (dashes, curly quotes) do not. */
static bool is_word_cp(long cp)
{
    if (cp < 0)
        return false;
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    if (cp <= 0xBF || cp == 0xD7 || cp == 0xF7)
        return false;
    if (cp >= 0x2000 && cp <= 0x206F)
        return false;
    if (cp >= 0x3000 && cp <= 0x303F) /* CJK punctuation */
        return false;
    return true;
}

/* Appends the lower-case form of CP (ASCII and Latin-1 capitals; others unchanged). */
static void put_lower(char *buf, size_t *len, const unsigned char *src, size_t n, long cp)
{
    if (cp >= 'A' && cp <= 'Z') {
        buf[(*len)++] = (char)(cp + 32);
        return;
    }
    if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) {
        buf[(*len)++] = (char)0xC3;
        buf[(*len)++] = (char)(0x80 | ((cp + 32) & 0x3F));
        return;
    }
    memcpy(buf + *len, src, n);
    *len += n;
}

static int push(struct text_terms *out, const char *stem, size_t stem_len, const char *surface)
{
    if (out->count == out->cap) {
        size_t cap = out->cap ? out->cap * 2 : 32;
        struct text_term *n = realloc(out->items, cap * sizeof *n);
        if (!n)
            return -1;
        out->items = n;
        out->cap = cap;
    }
    char *s = strndup(stem, stem_len);
    char *f = strdup(surface);
    if (!s || !f) {
        free(s);
        free(f);
        return -1;
    }
    out->items[out->count].stem = s;
    out->items[out->count].surface = f;
    out->count++;
    return 0;
}

/* Handles one lower-cased token (apostrophes as ASCII '): stop-word check with apostrophes,
 * then "'s" and apostrophes removed, numbers and single letters dropped, then stemming. */
static int emit(struct text_analyser *a, char *tok, size_t len, struct text_terms *out)
{
    tok[len] = '\0';
    while (len > 0 && tok[len - 1] == '\'')
        tok[--len] = '\0';
    if (len == 0 || text_is_stop_word(a, tok))
        return 0;
    /* Elision ("l'équipe", "d'un", "qu'il"): when what comes before the apostrophe is a stop
     * word, the word is what follows it. */
    char *apos = memchr(tok, '\'', len);
    if (apos && apos > tok) {
        *apos = '\0';
        bool elided = text_is_stop_word(a, tok);
        *apos = '\'';
        if (elided) {
            len -= (size_t)(apos + 1 - tok);
            memmove(tok, apos + 1, len + 1);
            if (len == 0 || text_is_stop_word(a, tok))
                return 0;
        }
    }
    if (len >= 2 && tok[len - 2] == '\'' && tok[len - 1] == 's')
        tok[len -= 2] = '\0';
    size_t w = 0;
    bool digits_only = true;
    for (size_t r = 0; r < len; r++) {
        if (tok[r] == '\'')
            continue;
        if (!(tok[r] >= '0' && tok[r] <= '9'))
            digits_only = false;
        tok[w++] = tok[r];
    }
    tok[w] = '\0';
    if (w < 2 || digits_only || text_is_stop_word(a, tok))
        return 0;
    const sb_symbol *stem = sb_stemmer_stem(a->stemmer, (const sb_symbol *)tok, (int)w);
    if (!stem)
        return -1;
    int stem_len = sb_stemmer_length(a->stemmer);
    return push(out, (const char *)stem, (size_t)stem_len, tok);
}

int text_analyse(struct text_analyser *a, const char *text, size_t len, struct text_terms *out)
{
    if (len > TEXT_MAX_BYTES)
        len = TEXT_MAX_BYTES;
    const unsigned char *s = (const unsigned char *)text;
    /* Room for the longest token plus one more sequence and the NUL. */
    char tok[TEXT_MAX_TOKEN_BYTES + 8];
    size_t tlen = 0;
    bool too_long = false;
    size_t i = 0;
    while (i <= len) {
        long cp = -1;
        size_t n = 1;
        if (i < len)
            n = decode(s + i, len - i, &cp);
        bool word = is_word_cp(cp);
        /* An apostrophe joins letters ("don't", "team's") but does not start a word. */
        if (!word && is_apostrophe(cp) && tlen > 0)
            word = true, cp = '\'', n = (s[i] == '\'') ? 1 : 3;
        if (word) {
            if (tlen + 4 > TEXT_MAX_TOKEN_BYTES)
                too_long = true;
            else if (cp == '\'')
                tok[tlen++] = '\'';
            else
                put_lower(tok, &tlen, s + i, n, cp);
        } else if (tlen > 0) {
            if (!too_long && emit(a, tok, tlen, out) != 0)
                return -1;
            tlen = 0;
            too_long = false;
        }
        i += n;
    }
    return 0;
}

void text_terms_free(struct text_terms *out)
{
    for (size_t i = 0; i < out->count; i++) {
        free(out->items[i].stem);
        free(out->items[i].surface);
    }
    free(out->items);
    out->items = NULL;
    out->count = out->cap = 0;
}
