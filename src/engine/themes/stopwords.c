/* The English stop words: Snowball's English list (snowballstem.org) plus contractions written
 * without apostrophes and a few words of everyday writing about work that carry no topic. Kept
 * sorted so that lookup is a binary search. */
#include "engine/themes/stopwords.h"

#include <stdlib.h>
#include <string.h>

static const char *const english[] = {
    "a",       "about",     "above",     "after",    "again",   "against",  "all",
    "also",    "am",        "an",        "and",      "any",     "are",      "aren't",
    "as",      "at",        "be",        "because",  "been",    "before",   "being",
    "below",   "between",   "both",      "but",      "by",      "can",      "can't",
    "cannot",  "could",     "couldn't",  "did",      "didn't",  "do",       "does",
    "doesn't", "doing",     "don't",     "down",     "during",  "each",     "even",
    "ever",    "every",     "few",       "for",      "from",    "further",  "get",
    "gets",    "getting",   "got",       "had",      "hadn't",  "has",      "hasn't",
    "have",    "haven't",   "having",    "he",       "he'd",    "he'll",    "he's",
    "her",     "here",      "here's",    "hers",     "herself", "him",      "himself",
    "his",     "how",       "how's",     "i",        "i'd",     "i'll",     "i'm",
    "i've",    "if",        "in",        "into",     "is",      "isn't",    "it",
    "it's",    "its",       "itself",    "just",     "let's",   "like",     "lot",
    "lots",    "make",      "many",      "may",      "me",      "might",    "more",
    "most",    "much",      "must",      "mustn't",  "my",      "myself",   "need",
    "no",      "nor",       "not",       "now",      "of",      "off",      "often",
    "on",      "once",      "one",       "only",     "or",      "other",    "ought",
    "our",     "ours",      "ourselves", "out",      "over",    "own",      "quite",
    "really",  "same",      "shan't",    "she",      "she'd",   "she'll",   "she's",
    "should",  "shouldn't", "so",        "some",     "still",   "such",     "than",
    "that",    "that's",    "the",       "their",    "theirs",  "them",     "themselves",
    "then",    "there",     "there's",   "these",    "they",    "they'd",   "they'll",
    "they're", "they've",   "thing",     "things",   "this",    "those",    "though",
    "through", "to",        "too",       "under",    "until",   "up",       "us",
    "very",    "want",      "was",       "wasn't",   "way",     "we",       "we'd",
    "we'll",   "we're",     "we've",     "well",     "were",    "weren't",  "what",
    "what's",  "when",      "when's",    "where",    "where's", "which",    "while",
    "who",     "who's",     "whom",      "why",      "why's",   "will",     "with",
    "without", "won't",     "would",     "wouldn't", "yet",     "you",      "you'd",
    "you'll",  "you're",    "you've",    "your",     "yours",   "yourself", "yourselves",
};

static int compare(const void *key, const void *item)
{
    return strcmp(key, *(const char *const *)item);
}

bool stopwords_english(const char *word)
{
    return bsearch(word, english, sizeof english / sizeof english[0], sizeof english[0], compare) !=
           NULL;
}

bool stopwords_english_sorted(void)
{
    for (size_t i = 1; i < sizeof english / sizeof english[0]; i++) {
        if (strcmp(english[i - 1], english[i]) >= 0)
            return false;
    }
    return true;
}
