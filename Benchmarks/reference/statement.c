/* The 400-row benchmark statement drawn directly with Cairo and Pango: the practical limit that
 * Ledgerprint's layout engine is compared with (shared/reference/performance-anchors.md).
 * Prints {"statement_ms_per_page": …} after rendering the statement 10 times, each with other data.
 * `statement once FILE` draws it once into FILE and exits: the whole-process comparison of issue 22.
 * Build: cc -O2 statement.c $(pkg-config --cflags --libs pangocairo) -o statement */
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define MM (72.0 / 25.4)
static const double page_w = 595.2756, page_h = 841.8898, margin = 18 * MM, bottom = 20 * MM;
static const double widths[6] = {18 * MM, 24 * MM, 66 * MM, 22 * MM, 22 * MM, 22 * MM};
static const double row_h = 14.7;

static cairo_status_t discard(void *closure, const unsigned char *data, unsigned int length) {
    (void)data;
    *(size_t *)closure += length;
    return CAIRO_STATUS_SUCCESS;
}

static void money(char *out, long cents) {
    long whole = (cents < 0 ? -cents : cents) / 100;
    char digits[32];
    int n = snprintf(digits, sizeof digits, "%ld", whole), o = 0;
    if (cents < 0) out[o++] = '-';
    for (int i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0) out[o++] = '.';
        out[o++] = digits[i];
    }
    snprintf(out + o, 16, ",%02ld", (cents < 0 ? -cents : cents) % 100);
}

static void cell(cairo_t *cr, PangoLayout *layout, double x, double y, double w, const char *text, int right) {
    pango_layout_set_text(layout, text, -1);
    pango_layout_set_width(layout, (int)((w - 6) * PANGO_SCALE));
    pango_layout_set_alignment(layout, right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
    cairo_move_to(cr, x + 3, y + 2.55);
    pango_cairo_show_layout(cr, layout);
}

static int render(int seed, int rows, const char *file) {
    size_t bytes = 0;
    cairo_surface_t *surface = file ? cairo_pdf_surface_create(file, page_w, page_h)
                                    : cairo_pdf_surface_create_for_stream(discard, &bytes, page_w, page_h);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, "2026-11-27T00:00:00Z");
    cairo_t *cr = cairo_create(surface);
    PangoLayout *layout = pango_cairo_create_layout(cr);
    PangoContext *context = pango_layout_get_context(layout);
    pango_cairo_context_set_resolution(context, 72);
    PangoFontDescription *regular = pango_font_description_from_string("Liberation Sans 8");
    PangoFontDescription *bold = pango_font_description_from_string("Liberation Sans Bold 8");
    int first_rows = (int)((page_h - bottom - margin - 40) / row_h) - 1, later_rows = (int)((page_h - bottom - margin) / row_h) - 1;
    int pages = 1 + (rows > first_rows ? (rows - first_rows + later_rows - 1) / later_rows : 0);
    const char *header[6] = {"Data", "Riferimento", "Descrizione", "Addebiti", "Accrediti", "Saldo"};
    long balance = 0;
    int row = 0;
    for (int page = 1; page <= pages; page++) {
        double y = margin;
        if (page == 1) {
            pango_layout_set_font_description(layout, bold);
            cell(cr, layout, margin, y, 200, "Estratto conto", 0);
            y += 40;
        }
        cairo_set_source_rgb(cr, 0.9, 0.9, 0.9);
        cairo_rectangle(cr, margin, y, page_w - 2 * margin, row_h);
        cairo_fill(cr);
        cairo_set_source_rgb(cr, 0, 0, 0);
        pango_layout_set_font_description(layout, bold);
        double x = margin;
        for (int c = 0; c < 6; c++) {
            cell(cr, layout, x, y, widths[c], header[c], c >= 3);
            x += widths[c];
        }
        y += row_h;
        pango_layout_set_font_description(layout, regular);
        int limit = page == 1 ? first_rows : later_rows;
        for (int r = 0; r < limit && row < rows; r++, row++) {
            long charge = row % 2 == 0 ? 4000 + (row * 37 + seed) % 2000 : 0, credit = row % 2 ? 100000 + row * 13 : 0;
            balance += charge - credit;
            if (row % 2) {
                cairo_set_source_rgb(cr, 0.95, 0.95, 0.95);
                cairo_rectangle(cr, margin, y, page_w - 2 * margin, row_h);
                cairo_fill(cr);
                cairo_set_source_rgb(cr, 0, 0, 0);
            }
            char date[16], ref[16], text[64], a[32] = "", b[32] = "", s[32];
            snprintf(date, sizeof date, "%02d/03/2026", 1 + row % 28);
            snprintf(ref, sizeof ref, "2026/%04d", row);
            snprintf(text, sizeof text, "Webinar Pro — rinnovo %d", row + seed);
            if (charge) money(a, charge);
            if (credit) money(b, credit);
            money(s, balance);
            const char *values[6] = {date, ref, text, a, b, s};
            x = margin;
            for (int c = 0; c < 6; c++) {
                cell(cr, layout, x, y, widths[c], values[c], c >= 3);
                x += widths[c];
            }
            y += row_h;
        }
        char footer[64];
        snprintf(footer, sizeof footer, "Pagina %d di %d", page, pages);
        cell(cr, layout, margin, page_h - bottom + 8, page_w - 2 * margin, footer, 1);
        cairo_show_page(cr);
    }
    pango_font_description_free(regular);
    pango_font_description_free(bold);
    g_object_unref(layout);
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    cairo_surface_destroy(surface);
    return pages;
}

int main(int argc, char **argv) {
    if (argc == 3 && strcmp(argv[1], "once") == 0) return render(1, 400, argv[2]) > 0 ? 0 : 1;
    render(0, 400, NULL);
    struct timespec start, end;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &start);
    int pages = 0;
    for (int seed = 1; seed <= 10; seed++) pages += render(seed, 400, NULL);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &end);
    double ms = (end.tv_sec - start.tv_sec) * 1e3 + (end.tv_nsec - start.tv_nsec) / 1e6;
    printf("{\"statement_ms_per_page\": %.3f, \"pages\": %d}\n", ms / pages, pages / 10);
    return 0;
}
