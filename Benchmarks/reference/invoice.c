/* The one-page invoice Ledgerprint prints (`ledgerprint invoices print`, Templates/invoice.html)
 * drawn directly with Cairo and Pango: the C reference of the whole-process comparison (issue 22).
 * Same page, fonts (Liberation Sans, embedded and subset), logo (Templates/logo.png), blocks and
 * table as Ledgerprint's invoice of one line: seller and logo, title and meta table, paid stamp,
 * customer and account, the lines table, totals, the payment box, the courtesy-copy note, the
 * watermark and the footer. No structure tags (Ledgerprint tags its PDFs; see docs/performance.md).
 * `invoice once FILE [LOGO]` draws it once into FILE. Build:
 * cc -O2 invoice.c $(pkg-config --cflags --libs pangocairo) -o invoice */
#include <cairo-pdf.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

#define MM (72.0 / 25.4)
static const double page_w = 595.2756, page_h = 841.8898, margin = 18 * MM;

/* Draws `text` (Pango markup) in `font` at (x, y), `w` wide, aligned; returns its height. */
static double text(cairo_t *cr, PangoLayout *layout, const char *font, double x, double y, double w, const char *markup,
                   PangoAlignment align) {
    PangoFontDescription *description = pango_font_description_from_string(font);
    pango_layout_set_font_description(layout, description);
    pango_font_description_free(description);
    pango_layout_set_markup(layout, markup, -1);
    pango_layout_set_width(layout, (int)(w * PANGO_SCALE));
    pango_layout_set_alignment(layout, align);
    cairo_move_to(cr, x, y);
    pango_cairo_show_layout(cr, layout);
    int height = 0;
    pango_layout_get_size(layout, NULL, &height);
    return (double)height / PANGO_SCALE;
}

static void rule(cairo_t *cr, double x, double y, double w, double width, double grey) {
    cairo_set_source_rgb(cr, grey, grey, grey);
    cairo_set_line_width(cr, width);
    cairo_move_to(cr, x, y);
    cairo_line_to(cr, x + w, y);
    cairo_stroke(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
}

static int render(const char *file, const char *logo) {
    cairo_surface_t *surface = cairo_pdf_surface_create(file, page_w, page_h);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, "Fattura 2009/0001");
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, "Webinar Seats, Inc.");
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, "2009-01-01T00:00:00Z");
    cairo_t *cr = cairo_create(surface);
    PangoLayout *layout = pango_cairo_create_layout(cr);
    pango_cairo_context_set_resolution(pango_layout_get_context(layout), 72);
    const double right = page_w - margin, width = page_w - 2 * margin;
    const PangoAlignment L = PANGO_ALIGN_LEFT, R = PANGO_ALIGN_RIGHT;

    /* Seller: logo, name, address lines. */
    double y = margin;
    cairo_surface_t *image = logo ? cairo_image_surface_create_from_png(logo) : NULL;
    if (image && cairo_surface_status(image) == CAIRO_STATUS_SUCCESS) {
        double scale = 30 * MM / cairo_image_surface_get_width(image);
        cairo_save(cr);
        cairo_translate(cr, margin, y);
        cairo_scale(cr, scale, scale);
        cairo_set_source_surface(cr, image, 0, 0);
        cairo_paint(cr);
        cairo_restore(cr);
        y += cairo_image_surface_get_height(image) * scale + 4;
    }
    if (image) cairo_surface_destroy(image);
    y += text(cr, layout, "Liberation Sans Bold 11", margin, y, 100 * MM, "Webinar Seats, Inc.", L);
    const char *seller[] = {"100 Example Way, Suite 400", "BOSTON, MA 02110", "Stati Uniti", "billing@webinarseats.example",
                            "webinarseats.example", "EIN 46-2817395", "P. IVA 39182740587"};
    for (int i = 0; i < 7; i++) y += text(cr, layout, "Liberation Sans 7", margin, y, 100 * MM, seller[i], L);

    /* Title, meta table and the paid stamp, right. */
    cairo_set_source_rgb(cr, 0.12, 0.29, 0.49);
    double ty = margin + text(cr, layout, "Liberation Sans Bold 18", right - 74 * MM, margin, 74 * MM, "FATTURA", R);
    cairo_set_source_rgb(cr, 0, 0, 0);
    const char *labels[] = {"Numero", "Data", "Scadenza", "Termini"};
    const char *values[] = {"<b>2009/0001</b>", "01/01/2009", "01/01/2009", "Al ricevimento"};
    for (int i = 0; i < 4; i++) {
        cairo_set_source_rgb(cr, 0.4, 0.4, 0.4);
        text(cr, layout, "Liberation Sans 7.5", right - 74 * MM, ty, 30 * MM, labels[i], R);
        cairo_set_source_rgb(cr, 0, 0, 0);
        ty += text(cr, layout, "Liberation Sans 7.5", right - 40 * MM, ty, 40 * MM, values[i], R);
    }
    ty += 4;
    cairo_set_source_rgb(cr, 0.7, 0.1, 0.2);
    cairo_set_line_width(cr, 1);
    cairo_rectangle(cr, right - 62 * MM, ty, 62 * MM, 7 * MM);
    cairo_stroke(cr);
    text(cr, layout, "Liberation Sans Bold 10", right - 62 * MM, ty + 4, 62 * MM, "PAGATA", PANGO_ALIGN_CENTER);
    cairo_set_source_rgb(cr, 0, 0, 0);

    /* Customer and account. */
    y = fmax(y, ty + 7 * MM) + 8 * MM;
    double ay = y;
    cairo_set_source_rgb(cr, 0.12, 0.29, 0.49);
    y += text(cr, layout, "Liberation Sans Bold 7", margin, y, 110 * MM, "INTESTATARIO", L);
    text(cr, layout, "Liberation Sans Bold 7", margin + 110 * MM, ay, 64 * MM, "CONTO", L);
    cairo_set_source_rgb(cr, 0, 0, 0);
    const char *customer[] = {"<b>Studio Benchmark S.r.l.</b>", "Via Roma 1", "20121 MILANO MI", "Italia"};
    for (int i = 0; i < 4; i++) y += text(cr, layout, "Liberation Sans 8.5", margin, y, 110 * MM, customer[i], L);
    y += text(cr, layout, "Liberation Sans 7", margin, y, 110 * MM,
              "Alla c.a. di Anna Bianchi — <span foreground=\"#1f4a7d\">anna.bianchi@bench.example</span>", L);
    ay += 9;
    ay += text(cr, layout, "Liberation Sans 8.5", margin + 110 * MM, ay, 64 * MM, "BENCH-IT", L);
    text(cr, layout, "Liberation Sans 7", margin + 110 * MM, ay, 64 * MM, "Bonifico bancario", L);

    /* The lines table: header on grey, one line whose description has its period below. */
    y += 6 * MM;
    const double cols[4] = {width - 74 * MM, 18 * MM, 28 * MM, 28 * MM};
    const char *head[4] = {"Descrizione", "Postazioni", "Prezzo unitario", "Importo"};
    const char *cells[4] = {"WebinarSeats Standard — 10 postazioni, mensile\n<span size=\"smaller\" foreground=\"#666666\">"
                            "01/01/2009 – 31/01/2009</span>",
                            "10", "€ 40,00", "€ 400,00"};
    double row = 14.5;
    cairo_set_source_rgb(cr, 0.9, 0.9, 0.9);
    cairo_rectangle(cr, margin, y, width, row);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    double x = margin;
    for (int c = 0; c < 4; c++) {
        text(cr, layout, "Liberation Sans Bold 7.5", x + 4, y + 3.5, cols[c] - 8, head[c], c ? R : L);
        x += cols[c];
    }
    y += row;
    rule(cr, margin, y, width, 0.5, 0.73);
    x = margin;
    double tallest = 0;
    for (int c = 0; c < 4; c++) {
        tallest = fmax(tallest, text(cr, layout, "Liberation Sans 8", x + 4, y + 4, cols[c] - 8, cells[c], c ? R : L));
        x += cols[c];
    }
    y += tallest + 8;
    rule(cr, margin, y, width, 0.5, 0.73);

    /* Totals, right. */
    y += 4 * MM;
    const char *totals[2][2] = {{"Imponibile", "€ 400,00"}, {"IVA 22% (€ 400,00)", "€ 88,00"}};
    for (int i = 0; i < 2; i++) {
        text(cr, layout, "Liberation Sans 8", right - 70 * MM, y, 40 * MM, totals[i][0], L);
        y += text(cr, layout, "Liberation Sans 8", right - 35 * MM, y, 35 * MM, totals[i][1], R) + 4;
        rule(cr, right - 70 * MM, y - 2, 70 * MM, 0.5, 0.73);
    }
    rule(cr, right - 70 * MM, y, 70 * MM, 0.8, 0);
    text(cr, layout, "Liberation Sans Bold 10.5", right - 70 * MM, y + 2, 40 * MM, "Totale", L);
    y += text(cr, layout, "Liberation Sans Bold 10.5", right - 35 * MM, y + 2, 35 * MM, "€ 488,00", R) + 10 * MM;

    /* The payment box and the courtesy-copy note. */
    cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
    cairo_set_line_width(cr, 0.5);
    cairo_rectangle(cr, margin, y, width, 6 * MM);
    cairo_stroke(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    text(cr, layout, "Liberation Sans 7", margin + 4, y + 4, width - 8, "Pagata con bonifico bancario il 15/01/2009.", L);
    y += 6 * MM + 2;
    cairo_set_source_rgb(cr, 0.4, 0.4, 0.4);
    text(cr, layout, "Liberation Sans 6.5", margin, y, width,
         "Copia di cortesia: il documento fiscalmente valido è il file XML trasmesso al Sistema di Interscambio.", L);

    /* Watermark and footer. */
    cairo_save(cr);
    cairo_translate(cr, page_w / 2, page_h / 2);
    cairo_rotate(cr, -M_PI / 4);
    cairo_set_source_rgba(cr, 0.85, 0.1, 0.2, 0.15);
    text(cr, layout, "Liberation Sans Bold 96", -page_w / 2, -60, page_w, "PAGATA", PANGO_ALIGN_CENTER);
    cairo_restore(cr);
    text(cr, layout, "Liberation Sans 6.5", margin, page_h - 12 * MM, width / 2, "Webinar Seats", L);
    text(cr, layout, "Liberation Sans 6.5", margin + width / 2, page_h - 12 * MM, width / 2, "Pagina 1 di 1", R);
    cairo_show_page(cr);

    g_object_unref(layout);
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    int ok = cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS;
    cairo_surface_destroy(surface);
    return ok;
}

int main(int argc, char **argv) {
    if ((argc == 3 || argc == 4) && strcmp(argv[1], "once") == 0) return render(argv[2], argc == 4 ? argv[3] : NULL) ? 0 : 1;
    fprintf(stderr, "usage: invoice once FILE [LOGO.png]\n");
    return 64;
}
