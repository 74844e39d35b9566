/* Stop words: the words that say nothing about a text's topic. English is Snowball's English
 * list (snowballstem.org) plus contractions and a few words of everyday writing about work that
 * carry no topic; French, German and Spanish are Snowball's lists, shortened to the common forms.
 * Each list is sorted by byte value so that lookup is a binary search. */
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

static const char *const french[] = {
    "ai",      "aie",      "aient",    "aies",    "ait",     "as",     "au",      "aura",
    "aurai",   "auraient", "aurais",   "aurait",  "auras",   "aurez",  "auriez",  "aurions",
    "aurons",  "auront",   "aux",      "avaient", "avais",   "avait",  "avec",    "avez",
    "aviez",   "avions",   "avons",    "ayant",   "ayez",    "ayons",  "c",       "ce",
    "ceci",    "cela",     "celà",     "ces",     "cet",     "cette",  "comment", "d",
    "dans",    "de",       "des",      "du",      "elle",    "en",     "es",      "est",
    "et",      "eu",       "eue",      "eues",    "eurent",  "eus",    "eusse",   "eussent",
    "eusses",  "eussiez",  "eussions", "eut",     "eux",     "eûmes",  "eût",     "eûtes",
    "faire",   "furent",   "fus",      "fusse",   "fussent", "fusses", "fussiez", "fussions",
    "fut",     "fûmes",    "fût",      "fûtes",   "ici",     "il",     "ils",     "j",
    "je",      "l",        "la",       "le",      "les",     "leur",   "leurs",   "lui",
    "m",       "ma",       "mais",     "me",      "mes",     "moi",    "mon",     "même",
    "n",       "ne",       "nos",      "notre",   "nous",    "on",     "ont",     "ou",
    "par",     "pas",      "plus",     "pour",    "qu",      "que",    "quel",    "quelle",
    "quelles", "quels",    "qui",      "s",       "sa",      "sans",   "se",      "sera",
    "serai",   "seraient", "serais",   "serait",  "seras",   "serez",  "seriez",  "serions",
    "serons",  "seront",   "ses",      "soi",     "soient",  "sois",   "soit",    "sommes",
    "son",     "sont",     "soyez",    "soyons",  "suis",    "sur",    "t",       "ta",
    "te",      "tes",      "toi",      "ton",     "trop",    "très",   "tu",      "un",
    "une",     "vos",      "votre",    "vous",    "y",       "à",      "étaient", "étais",
    "était",   "étant",    "étiez",    "étions",  "été",     "étée",   "étées",   "étés",
    "êtes",
};

static const char *const german[] = {
    "aber",      "alle",     "allem",     "allen",     "aller",    "alles",   "als",
    "also",      "am",       "an",        "ander",     "andere",   "anderem", "anderen",
    "anderer",   "anderes",  "anderm",    "andern",    "anderr",   "anders",  "auch",
    "auf",       "aus",      "bei",       "bin",       "bis",      "bist",    "da",
    "damit",     "dann",     "das",       "dass",      "dasselbe", "dazu",    "daß",
    "dein",      "deine",    "deinem",    "deinen",    "deiner",   "deines",  "dem",
    "demselben", "den",      "denn",      "denselben", "der",      "derer",   "derselbe",
    "derselben", "des",      "desselben", "dessen",    "dich",     "die",     "dies",
    "diese",     "dieselbe", "dieselben", "diesem",    "diesen",   "dieser",  "dieses",
    "dir",       "doch",     "dort",      "du",        "durch",    "ein",     "eine",
    "einem",     "einen",    "einer",     "eines",     "einig",    "einige",  "einigem",
    "einigen",   "einiger",  "einiges",   "einmal",    "er",       "es",      "etwas",
    "euch",      "euer",     "eure",      "eurem",     "euren",    "eurer",   "eures",
    "für",       "gegen",    "gewesen",   "hab",       "habe",     "haben",   "hat",
    "hatte",     "hatten",   "hier",      "hin",       "hinter",   "ich",     "ihm",
    "ihn",       "ihnen",    "ihr",       "ihre",      "ihrem",    "ihren",   "ihrer",
    "ihres",     "im",       "in",        "indem",     "ins",      "ist",     "jede",
    "jedem",     "jeden",    "jeder",     "jedes",     "jene",     "jenem",   "jenen",
    "jener",     "jenes",    "jetzt",     "kann",      "kein",     "keine",   "keinem",
    "keinen",    "keiner",   "keines",    "können",    "könnte",   "machen",  "man",
    "manche",    "manchem",  "manchen",   "mancher",   "manches",  "mein",    "meine",
    "meinem",    "meinen",   "meiner",    "meines",    "mich",     "mir",     "mit",
    "muss",      "musste",   "nach",      "nicht",     "nichts",   "noch",    "nun",
    "nur",       "ob",       "oder",      "ohne",      "sehr",     "sein",    "seine",
    "seinem",    "seinen",   "seiner",    "seines",    "selbst",   "sich",    "sie",
    "sind",      "so",       "solche",    "solchem",   "solchen",  "solcher", "solches",
    "soll",      "sollte",   "sondern",   "sonst",     "um",       "und",     "uns",
    "unser",     "unsere",   "unserem",   "unseren",   "unseres",  "unter",   "viel",
    "vom",       "von",      "vor",       "war",       "waren",    "warst",   "was",
    "weg",       "weil",     "weiter",    "welche",    "welchem",  "welchen", "welcher",
    "welches",   "wenn",     "werde",     "werden",    "wie",      "wieder",  "will",
    "wir",       "wird",     "wirst",     "wo",        "wollen",   "wollte",  "während",
    "würde",     "würden",   "zu",        "zum",       "zur",      "zwar",    "zwischen",
    "über",
};

static const char *const spanish[] = {
    "a",         "al",      "algo",     "algunas",  "algunos",  "ante",    "antes",    "como",
    "con",       "contra",  "cual",     "cuando",   "cómo",     "de",      "del",      "desde",
    "donde",     "durante", "e",        "el",       "ella",     "ellas",   "ellos",    "en",
    "entre",     "era",     "eran",     "eras",     "eres",     "es",      "esa",      "esas",
    "ese",       "eso",     "esos",     "esta",     "estaba",   "estaban", "estabas",  "estamos",
    "estar",     "estas",   "este",     "estemos",  "esto",     "estos",   "estoy",    "está",
    "estábamos", "estáis",  "están",    "estás",    "esté",     "estéis",  "estén",    "estés",
    "fue",       "fueron",  "ha",       "habéis",   "había",    "habían",  "hacer",    "han",
    "has",       "hasta",   "hay",      "he",       "hemos",    "la",      "las",      "le",
    "les",       "lo",      "los",      "me",       "mi",       "mis",     "mucho",    "muchos",
    "muy",       "más",     "mí",       "mía",      "mías",     "mío",     "míos",     "nada",
    "ni",        "no",      "nos",      "nosotras", "nosotros", "nuestra", "nuestras", "nuestro",
    "nuestros",  "o",       "os",       "otra",     "otras",    "otro",    "otros",    "para",
    "pero",      "poco",    "por",      "porque",   "que",      "quien",   "quienes",  "qué",
    "se",        "sea",     "sean",     "sin",      "sobre",    "sois",    "somos",    "son",
    "soy",       "su",      "sus",      "suya",     "suyas",    "suyo",    "suyos",    "sí",
    "también",   "tanto",   "te",       "tenemos",  "tengo",    "tenía",   "ti",       "tiene",
    "tienen",    "tienes",  "todo",     "todos",    "tu",       "tus",     "tuya",     "tuyas",
    "tuyo",      "tuyos",   "tú",       "un",       "una",      "uno",     "unos",     "vosotras",
    "vosotros",  "vuestra", "vuestras", "vuestro",  "vuestros", "y",       "ya",       "yo",
    "él",        "éramos",
};

struct stop_list {
    const char *names[5]; /* libstemmer's algorithm name and its ISO codes */
    const char *const *words;
    size_t count;
};

#define LIST(w) w, sizeof w / sizeof w[0]
static const struct stop_list lists[] = {
    {{"english", "en", "eng", "porter", NULL}, LIST(english)},
    {{"french", "fr", "fre", "fra", NULL}, LIST(french)},
    {{"german", "de", "ger", "deu", NULL}, LIST(german)},
    {{"spanish", "es", "spa", NULL, NULL}, LIST(spanish)},
};
#define LIST_COUNT (sizeof lists / sizeof lists[0])

static int compare(const void *key, const void *item)
{
    return strcmp(key, *(const char *const *)item);
}

const struct stop_list *stopwords_for(const char *language)
{
    for (size_t i = 0; language && i < LIST_COUNT; i++) {
        for (size_t k = 0; k < 5 && lists[i].names[k]; k++) {
            if (strcmp(lists[i].names[k], language) == 0)
                return &lists[i];
        }
    }
    return NULL;
}

bool stopwords_contains(const struct stop_list *list, const char *word)
{
    return list && bsearch(word, list->words, list->count, sizeof list->words[0], compare);
}

bool stopwords_english(const char *word)
{
    return stopwords_contains(&lists[0], word);
}

bool stopwords_all_sorted(void)
{
    for (size_t i = 0; i < LIST_COUNT; i++) {
        for (size_t k = 1; k < lists[i].count; k++) {
            if (strcmp(lists[i].words[k - 1], lists[i].words[k]) >= 0)
                return false;
        }
    }
    return true;
}
