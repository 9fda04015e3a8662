/*
 * Which fonts of a fontconfig file Pango can ever draw a character with (issue 22).
 *
 * Pango sorts the fonts of its configuration for every font description a document uses, with
 * fontconfig's `trim`: the sorted list keeps only the fonts that add characters to the ones before
 * them, and a character is drawn with the first font of that list that has it. For every pattern
 * Pango could ask for (the families Fonts/fonts.conf offers and the generic names, every weight
 * and slant fontconfig tells apart, every language fontconfig knows plus an unknown one) this
 * prints that trimmed list:
 *
 *   font_fallbacks fonts   CONFIG LANGS   one line per font that is in some list (sorted, unique)
 *   font_fallbacks digest  CONFIG LANGS   one line per pattern: the pattern and a hash of its list
 *
 * LANGS is a file of language tags, e.g. from
 *   FONTCONFIG_FILE=Fonts/fonts.conf fc-list : lang | tr '|,' '\n\n' | sed 's/^:lang=//' | sort -u
 * Two configurations whose digests are equal give every character of every document the same font.
 *
 * cc -O2 font_fallbacks.c $(pkg-config --cflags --libs fontconfig) -o font_fallbacks
 */
#include <fontconfig/fontconfig.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    if (argc != 4 || (strcmp(argv[1], "fonts") && strcmp(argv[1], "digest"))) {
        fprintf(stderr, "usage: font_fallbacks fonts|digest CONFIG LANGS\n");
        return 64;
    }
    int digest = strcmp(argv[1], "digest") == 0;
    FcConfig *config = FcConfigCreate();
    if (!config || !FcConfigParseAndLoad(config, (const FcChar8 *)argv[2], 1) || !FcConfigBuildFonts(config)) {
        fprintf(stderr, "font_fallbacks: fontconfig rejected %s\n", argv[2]);
        return 65;
    }
    FcConfigSetCurrent(config);
    static const char *families[] = {"Liberation Sans", "Liberation Serif", "Liberation Mono", "DejaVu Sans",
        "DejaVu Serif", "DejaVu Sans Mono", "sans-serif", "serif", "monospace", "sans", "Symbola", NULL};
    /* fontconfig's weights on both sides of and at each weight the fonts have (40, 80, 200). */
    static const int weights[] = {0, 20, 40, 50, 60, 70, 75, 80, 100, 140, 180, 200, 205, 210, 215};
    static const int slants[] = {FC_SLANT_ROMAN, FC_SLANT_ITALIC, FC_SLANT_OBLIQUE};
    FILE *file = fopen(argv[3], "r");
    if (!file) {
        fprintf(stderr, "font_fallbacks: cannot read %s\n", argv[3]);
        return 66;
    }
    char *langs[1024];
    char tag[64];
    int count = 0;
    while (count < 1023 && fscanf(file, "%63s", tag) == 1) langs[count++] = strdup(tag);
    langs[count++] = strdup("xx");
    fclose(file);
    for (int f = 0; families[f]; f++)
        for (size_t w = 0; w < sizeof weights / sizeof *weights; w++)
            for (size_t s = 0; s < sizeof slants / sizeof *slants; s++)
                for (int l = 0; l < count; l++) {
                    FcPattern *pattern = FcPatternCreate();
                    FcPatternAddString(pattern, FC_FAMILY, (const FcChar8 *)families[f]);
                    FcPatternAddDouble(pattern, FC_WEIGHT, weights[w]);
                    FcPatternAddInteger(pattern, FC_SLANT, slants[s]);
                    FcPatternAddString(pattern, FC_LANG, (const FcChar8 *)langs[l]);
                    FcPatternAddDouble(pattern, FC_SIZE, 9);
                    FcPatternAddDouble(pattern, FC_PIXEL_SIZE, 9);
                    FcPatternAddDouble(pattern, FC_DPI, 72);
                    FcConfigSubstitute(config, pattern, FcMatchPattern);
                    FcDefaultSubstitute(pattern);
                    FcResult result;
                    FcFontSet *set = FcFontSort(config, pattern, FcTrue, NULL, &result);
                    uint64_t hash = 1469598103934665603ULL;
                    for (int i = 0; set && i < set->nfont; i++) {
                        FcChar8 *path = NULL;
                        int index = 0;
                        FcPatternGetString(set->fonts[i], FC_FILE, 0, &path);
                        FcPatternGetInteger(set->fonts[i], FC_INDEX, 0, &index);
                        if (!digest) {
                            printf("%s#%d\n", path ? (const char *)path : "?", index);
                            continue;
                        }
                        for (const FcChar8 *c = path; c && *c; c++) hash = (hash ^ *c) * 1099511628211ULL;
                        hash = (hash ^ (uint64_t)(index + 1)) * 1099511628211ULL;
                    }
                    if (digest)
                        printf("%s w%d s%d %s: %d fonts %016llx\n", families[f], weights[w], slants[s], langs[l],
                            set ? set->nfont : 0, (unsigned long long)hash);
                    if (set) FcFontSetDestroy(set);
                    FcPatternDestroy(pattern);
                }
    return 0;
}
