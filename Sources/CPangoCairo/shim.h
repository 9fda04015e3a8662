#ifndef CPANGOCAIRO_SHIM_H
#define CPANGOCAIRO_SHIM_H

// The one C boundary of Ledgerprint. Only the Canvas module imports this, as `internal import`.
// Helpers here exist only where Swift cannot call the C API directly: macros, gpointer
// arguments and variadic functions.

#include <cairo.h>
#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <zlib.h>

/// PANGO_SCALE is a macro; expose it as a typed constant.
static inline int lp_pango_scale(void) { return PANGO_SCALE; }

/// g_object_unref takes a gpointer; typed entry points for the objects Canvas owns.
static inline void lp_layout_release(PangoLayout *layout) { g_object_unref(layout); }
static inline void lp_context_release(PangoContext *context) { g_object_unref(context); }
static inline void lp_font_map_release(PangoFontMap *map) { g_object_unref(map); }

/// A Cairo font map that uses the given fontconfig configuration instead of the machine's.
static inline PangoFontMap *lp_font_map_new_with_config(FcConfig *config) {
    PangoFontMap *map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
    if (map != NULL) {
        pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(map), config);
    }
    return map;
}

/// inflateInit is a macro; the page contents Canvas marks after Cairo are inflated with it.
static inline int lp_inflate_init(z_stream *stream) { return inflateInit(stream); }

#endif
