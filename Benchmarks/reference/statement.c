/* The 400-row benchmark statement drawn directly with Cairo and Pango: the practical limit that
 * Ledgerprint's layout engine is compared with (shared/reference/performance-anchors.md).
 * Prints {"statement_ms_per_page": …} after rendering the statement 10 times, each with other data.
 * `statement once FILE` draws, once, the 408-row statement Ledgerprint prints on 12 pages (see
 * render_as_ledgerprint) into FILE and exits: the whole-process comparison of issue 22.
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

/* `once`: the statement `ledgerprint statement` prints for the process suite's account (408 rows:
 * 204 monthly invoices whose description wraps to two lines and 204 payments), on the same pages
 * Ledgerprint prints it: 26 rows on the first page (under the letterhead, title and account
 * blocks), 36 on each later one (under a running header and a "brought forward" row, above a
 * "carried forward" row), the totals after the last row, "Webinar Seats" and "Pagina N di M" at the
 * foot: 12 pages, as Ledgerprint's. Issue 22 compares the two as whole processes. */
static int render_as_ledgerprint(const char *file) {
    const int rows = 408, first_rows = 26, later_rows = 36;
    const int pages = 1 + (rows - first_rows + later_rows - 1) / later_rows;
    const double line_h = 9.6, pad = 2.5, top = 15 * MM, left = 15 * MM, width = page_w - 30 * MM;
    /* Ledgerprint's column widths: the description is narrow enough that an invoice's wraps. */
    const double money_w = (width - (19 + 30 + 54) * MM) / 3;
    const double w[6] = {19 * MM, 30 * MM, 54 * MM, money_w, money_w, money_w};
    cairo_surface_t *surface = cairo_pdf_surface_create(file, page_w, page_h);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, "2026-11-27T00:00:00Z");
    cairo_t *cr = cairo_create(surface);
    PangoLayout *layout = pango_cairo_create_layout(cr);
    pango_cairo_context_set_resolution(pango_layout_get_context(layout), 72);
    PangoFontDescription *regular = pango_font_description_from_string("Liberation Sans 8");
    PangoFontDescription *bold = pango_font_description_from_string("Liberation Sans Bold 8");
    PangoFontDescription *title = pango_font_description_from_string("Liberation Sans Bold 20");
    PangoFontDescription *body = pango_font_description_from_string("Liberation Sans 9");
    const char *header[6] = {"Data", "Riferimento", "Descrizione", "Addebiti", "Accrediti", "Saldo"};
    long balance = 0, charges = 0, credits = 0;
    int row = 0;
    char a[32], b[32], s[32], text[128];
    for (int page = 1; page <= pages; page++) {
        double y = top;
        if (page == 1) {
            pango_layout_set_font_description(layout, bold);
            cell(cr, layout, left, y, 85 * MM, "Webinar Seats S.p.A.", 0);
            pango_layout_set_font_description(layout, body);
            cell(cr, layout, left, y + 14, 85 * MM, "Via Example 1, 20100 Milano MI\nP.IVA IT00000000000", 0);
            pango_layout_set_font_description(layout, title);
            cell(cr, layout, left + 85 * MM, y, width - 85 * MM, "Estratto conto", 1);
            pango_layout_set_font_description(layout, body);
            cell(cr, layout, left + 85 * MM, y + 28, width - 85 * MM,
                 "Conto BENCH-IT\nPeriodo 01/01/2009 – 31/12/2025\nData 27/11/2026\nSaldo iniziale € 0,00", 1);
            cell(cr, layout, left, y + 90, width, "INTESTATARIO\nStudio Benchmark S.r.l.\nVia Roma 1\n20121 Milano MI", 0);
            y += 160;
        } else {
            pango_layout_set_font_description(layout, regular);
            cell(cr, layout, left, y, width, "Estratto conto BENCH-IT      Studio Benchmark S.r.l.      01/01/2009 – 31/12/2025", 0);
            cairo_rectangle(cr, left, y + 12, width, 0.5);
            cairo_fill(cr);
            y += 26;
        }
        cairo_set_source_rgb(cr, 0.9, 0.9, 0.9);
        cairo_rectangle(cr, left, y, width, line_h + 2 * pad);
        cairo_fill(cr);
        cairo_set_source_rgb(cr, 0, 0, 0);
        pango_layout_set_font_description(layout, bold);
        double x = left;
        for (int c = 0; c < 6; c++) {
            cell(cr, layout, x, y, w[c], header[c], c >= 3);
            x += w[c];
        }
        y += line_h + 2 * pad;
        pango_layout_set_font_description(layout, regular);
        if (page > 1) {
            money(a, charges), money(b, credits), money(s, balance);
            const char *values[6] = {"Riporto", "", "", a, b, s};
            x = left;
            for (int c = 0; c < 6; c++) {
                cell(cr, layout, x, y, w[c], values[c], c >= 3);
                x += w[c];
            }
            y += line_h + 2 * pad;
        }
        int limit = page == 1 ? first_rows : later_rows;
        for (int r = 0; r < limit && row < rows; r++, row++) {
            int invoice = row % 2 == 0, month = row / 2;
            long charge = invoice ? 48800 : 0, credit = invoice ? 0 : 10000;
            charges += charge, credits += credit, balance += charge - credit;
            char date[16], ref[16];
            snprintf(date, sizeof date, "%02d/%02d/%04d", invoice ? 1 : 15, 1 + month % 12, 2009 + month / 12);
            snprintf(ref, sizeof ref, invoice ? "%04d/%04d" : "BT-%04d-%02d", 2009 + month / 12, 1 + month % 12);
            snprintf(text, sizeof text, "%s",
                     invoice ? "WebinarSeats Standard — 10 postazioni, mensile" : "Pagamento ricevuto — Bonifico");
            a[0] = b[0] = 0;
            if (charge) money(a, charge);
            if (credit) money(b, credit);
            money(s, balance);
            const char *values[6] = {date, ref, text, a, b, s};
            double h = (invoice ? 2 : 1) * line_h + 2 * pad;
            if (row % 4 >= 2) {
                cairo_set_source_rgb(cr, 0.96, 0.96, 0.96);
                cairo_rectangle(cr, left, y, width, h);
                cairo_fill(cr);
                cairo_set_source_rgb(cr, 0, 0, 0);
            }
            x = left;
            for (int c = 0; c < 6; c++) {
                cell(cr, layout, x, y, w[c], values[c], c >= 3);
                x += w[c];
            }
            y += h;
        }
        if (row < rows) {
            money(a, charges), money(b, credits), money(s, balance);
            const char *values[6] = {"A riportare", "", "", a, b, s};
            x = left;
            for (int c = 0; c < 6; c++) {
                cell(cr, layout, x, y, w[c], values[c], c >= 3);
                x += w[c];
            }
        } else {
            const char *labels[4] = {"Saldo iniziale", "Totale addebiti", "Totale accrediti e pagamenti", "Saldo finale"};
            long values[4] = {0, charges, credits, balance};
            y += 18;
            for (int i = 0; i < 4; i++) {
                pango_layout_set_font_description(layout, i == 3 ? bold : body);
                money(s, values[i]);
                snprintf(text, sizeof text, "€ %s", s);
                cell(cr, layout, left + width / 2, y, width / 4, labels[i], 0);
                cell(cr, layout, left + 3 * width / 4, y, width / 4, text, 1);
                y += 14;
            }
        }
        pango_layout_set_font_description(layout, regular);
        char footer[64];
        snprintf(footer, sizeof footer, "Pagina %d di %d", page, pages);
        cell(cr, layout, left, page_h - 12 * MM, width / 2, "Webinar Seats", 0);
        cell(cr, layout, left + width / 2, page_h - 12 * MM, width / 2, footer, 1);
        cairo_show_page(cr);
    }
    pango_font_description_free(regular);
    pango_font_description_free(bold);
    pango_font_description_free(title);
    pango_font_description_free(body);
    g_object_unref(layout);
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    cairo_surface_destroy(surface);
    return pages;
}

int main(int argc, char **argv) {
    if (argc == 3 && strcmp(argv[1], "once") == 0) return render_as_ledgerprint(argv[2]) == 12 ? 0 : 1;
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
