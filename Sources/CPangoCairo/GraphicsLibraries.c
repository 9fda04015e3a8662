// Cairo, Pango, GLib and fontconfig, loaded with dlopen the first time something is drawn.
//
// Linked, these libraries and the ones they need (HarfBuzz, FreeType, pixman, libpng, fribidi…:
// 43 in all) cost every start of `ledgerprint` 10.9 M instructions and about 5 ms of CPU in the
// dynamic loader, for commands that draw nothing as much as for those that print (issue 22,
// docs/performance.md "Session 11"). Here each function Canvas calls is defined under its own
// name and forwards to the library's, found with dlsym when the libraries are first needed, so
// Canvas's Swift code calls the C API as before. Every definition is checked by the compiler
// against the real header's declaration, and every pointer in the table has the header's type.
//
// The definitions are hidden (not exported from the executable): the loaded libraries' calls to
// each other must bind to each other, never to these.

#include "CPangoCairo.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/// The libraries, in the order they are loaded, each with the Debian package that has it.
static const char *const lp_libraries[][2] = {
    {"libglib-2.0.so.0", "libglib2.0-0"},
    {"libgobject-2.0.so.0", "libglib2.0-0"},
    {"libfontconfig.so.1", "libfontconfig1"},
    {"libcairo.so.2", "libcairo2"},
    {"libpango-1.0.so.0", "libpango-1.0-0"},
    {"libpangoft2-1.0.so.0", "libpangoft2-1.0-0"},
    {"libpangocairo-1.0.so.0", "libpangocairo-1.0-0"},
};
enum { lp_library_count = sizeof lp_libraries / sizeof lp_libraries[0] };

/// The loaded functions, typed as the headers declare them.
static struct {
#define LP_RETURN(type, name, parameters, arguments) __typeof__(name) *name;
#define LP_VOID(name, parameters, arguments) __typeof__(name) *name;
#include "GraphicsFunctions.h"
#undef LP_RETURN
#undef LP_VOID
} lp_table;

/// The table's names, in the table's order.
static const char *const lp_names[] = {
#define LP_RETURN(type, name, parameters, arguments) #name,
#define LP_VOID(name, parameters, arguments) #name,
#include "GraphicsFunctions.h"
#undef LP_RETURN
#undef LP_VOID
};
enum { lp_function_count = sizeof lp_names / sizeof lp_names[0] };
_Static_assert(sizeof lp_table == lp_function_count * sizeof(void (*)(void)), "one pointer per name");

static void *lp_handles[lp_library_count];
static char lp_failure[512];
static const char *lp_failure_text;
static atomic_int lp_ready;
static pthread_once_t lp_once = PTHREAD_ONCE_INIT;

static void lp_load_once(void) {
    for (int i = 0; i < lp_library_count; i++) {
        lp_handles[i] = dlopen(lp_libraries[i][0], RTLD_NOW | RTLD_LOCAL);
        if (lp_handles[i] == NULL) {
            const char *reason = dlerror();
            snprintf(lp_failure, sizeof lp_failure,
                     "cannot load %s, which Ledgerprint draws documents with (install Debian's %s): %s",
                     lp_libraries[i][0], lp_libraries[i][1], reason != NULL ? reason : "not found");
            lp_failure_text = lp_failure;
            return;
        }
    }
    char *slots = (char *)&lp_table;
    for (int f = 0; f < lp_function_count; f++) {
        void *found = NULL;
        for (int i = 0; i < lp_library_count && found == NULL; i++) {
            found = dlsym(lp_handles[i], lp_names[f]);
        }
        if (found == NULL) {
            snprintf(lp_failure, sizeof lp_failure,
                     "the installed Cairo, Pango, GLib or fontconfig has no %s: it is too old "
                     "(Ledgerprint needs Cairo 1.16 and Pango 1.44 or later)",
                     lp_names[f]);
            lp_failure_text = lp_failure;
            return;
        }
        memcpy(slots + f * sizeof(void (*)(void)), &found, sizeof found);
    }
    atomic_store_explicit(&lp_ready, 1, memory_order_release);
}

const char *lp_graphics_load(void) {
    if (atomic_load_explicit(&lp_ready, memory_order_acquire)) {
        return NULL;
    }
    pthread_once(&lp_once, lp_load_once);
    return atomic_load_explicit(&lp_ready, memory_order_acquire) ? NULL : lp_failure_text;
}

size_t lp_graphics_function_count(void) { return lp_function_count; }

const char *lp_graphics_function_name(size_t index) { return index < lp_function_count ? lp_names[index] : NULL; }

int lp_graphics_exports(const char *name) {
    if (!atomic_load_explicit(&lp_ready, memory_order_acquire)) {
        return 0;
    }
    for (int i = 0; i < lp_library_count; i++) {
        if (dlsym(lp_handles[i], name) != NULL) {
            return 1;
        }
    }
    return 0;
}

/// Canvas loads the libraries before it draws and reports a failure as a CanvasError; a call
/// that comes first anyway loads them here, and if that fails, says why and exits with 69
/// (EX_UNAVAILABLE) rather than crashing on a missing function.
static void lp_require(void) {
    const char *failure = lp_graphics_load();
    if (failure != NULL) {
        fprintf(stderr, "ledgerprint: %s\n", failure);
        exit(69);
    }
}

static inline void lp_ready_or_load(void) {
    if (__builtin_expect(!atomic_load_explicit(&lp_ready, memory_order_acquire), 0)) {
        lp_require();
    }
}

// The name in parentheses: GLib defines some of its functions as macros too (g_object_ref).
#define LP_HIDDEN __attribute__((visibility("hidden")))
#define LP_RETURN(type, name, parameters, arguments) \
    LP_HIDDEN type(name) parameters { \
        lp_ready_or_load(); \
        return (lp_table.name)arguments; \
    }
#define LP_VOID(name, parameters, arguments) \
    LP_HIDDEN void(name) parameters { \
        lp_ready_or_load(); \
        (lp_table.name)arguments; \
    }
#include "GraphicsFunctions.h"
