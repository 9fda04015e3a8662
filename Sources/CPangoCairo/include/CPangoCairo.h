#ifndef CPANGOCAIRO_SHIM_H
#define CPANGOCAIRO_SHIM_H

// The one C boundary of Ledgerprint. Only the Canvas module imports this, as `internal import`.
// Helpers here exist only where Swift cannot call the C API directly: macros, gpointer
// arguments and variadic functions.
//
// Cairo, Pango, GLib and fontconfig are not linked into the program: GraphicsLibraries.c defines
// every function of theirs that Canvas calls and forwards it to the library, which it loads with
// dlopen the first time something is drawn (lp_graphics_load). Commands that draw nothing no
// longer pay the dynamic loader's 5 ms for them at every start.

#if !__has_include(<cairo.h>) || !__has_include(<pango/pangocairo.h>)
#error "Cairo's and Pango's headers are not found: run 'make setup' (pkg-config, libcairo2-dev, libpango1.0-dev)"
#endif

#include <cairo.h>
#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <stddef.h>
#include <zlib.h>

/// Loads Cairo, Pango, GLib and fontconfig and resolves every function Canvas calls, once per
/// process (later calls return at once). NULL when they are loaded; otherwise one line saying
/// which library could not be loaded or lacks which function, and what to install.
const char *lp_graphics_load(void);

/// How many functions the table forwards to the loaded libraries.
size_t lp_graphics_function_count(void);

/// The name of the table's function `index` (below lp_graphics_function_count()), or NULL.
const char *lp_graphics_function_name(size_t index);

/// Whether the loaded libraries export a symbol `name`; false until lp_graphics_load succeeded.
int lp_graphics_exports(const char *name);

/// PANGO_SCALE is a macro; expose it as a typed constant.
static inline int lp_pango_scale(void) { return PANGO_SCALE; }

/// g_object_unref takes a gpointer; typed entry points for the objects Canvas owns.
static inline void lp_layout_release(PangoLayout *layout) { g_object_unref(layout); }
static inline void lp_context_release(PangoContext *context) { g_object_unref(context); }
static inline void lp_font_map_release(PangoFontMap *map) { g_object_unref(map); }

/// Frees the list of items pango_itemize returns, with the items.
static inline void lp_items_free(GList *items) { g_list_free_full(items, (GDestroyNotify) pango_item_free); }

/// A Cairo font map at 72 dpi that uses the given fontconfig configuration instead of the machine's;
/// `current` says the configuration is fontconfig's current one, which the map uses when given none.
///
/// Every context Canvas makes is set to 72 dpi (points as units). The map's own resolution is what
/// the contexts Pango makes for itself use: the one in which it works out a font's metrics (for the
/// height of a layout's lines) loads the font at the map's resolution, and at the default 96 dpi
/// that is a fontconfig pattern of its own, sorted and matched on two new threads.
///
/// Setting the resolution or the configuration each makes the map list every font family again;
/// the resolution is set first, while the map is empty, and the configuration only when it is not
/// the current one already.
static inline PangoFontMap *lp_font_map_new_with_config(FcConfig *config, int current) {
    PangoFontMap *map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
    if (map != NULL) {
        pango_cairo_font_map_set_resolution((PangoCairoFontMap *) map, 72);
        if (!current) {
            pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(map), config);
        }
    }
    return map;
}

/// inflateInit is a macro; the page contents Canvas marks after Cairo are inflated with it.
static inline int lp_inflate_init(z_stream *stream) { return inflateInit(stream); }

#endif
