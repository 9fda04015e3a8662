"""The benchmark invoice and 400-row statement built with ReportLab's platypus, for a side-by-side
ratio with Ledgerprint (shared/reference/benchmark-documents.md). Prints one JSON object.

Each document gets different data; derived values are computed inside the timed loop; the first
document is rendered before timing (warm-up)."""
import io
import json
import sys
import time

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

FONTS = "/usr/share/fonts/truetype/liberation2/"
pdfmetrics.registerFont(TTFont("LS", FONTS + "LiberationSans-Regular.ttf"))
pdfmetrics.registerFont(TTFont("LSB", FONTS + "LiberationSans-Bold.ttf"))
BODY = ParagraphStyle("body", fontName="LS", fontSize=9, leading=11)
BOLD = ParagraphStyle("bold", parent=BODY, fontName="LSB")


def euro(cents):
    whole = f"{cents // 100:,}".replace(",", ".")
    return f"{whole},{cents % 100:02d} €"


def invoice(seed):
    names = ["Webinar Pro — canone annuale con registrazioni illimitate, archivio per dodici mesi e supporto prioritario",
             "Postazioni aggiuntive", "Formazione", "Stanze virtuali per corsi con esercitazioni di gruppo e lavagna condivisa",
             "Supporto", "Traduzione simultanea per eventi internazionali con interpreti professionisti in tre lingue",
             "Archivio", "Moderazione", "Analisi delle presenze e dei questionari di gradimento con esportazione mensile",
             "Registrazioni", "Sondaggi", "Integrazione CRM"]
    rows = [["Descrizione", "Postazioni", "Prezzo unitario", "Importo"]]
    subtotal = 0
    for offset, name in enumerate(names):
        seats = 1 + (seed * 7 + offset * 13) % 250
        unit = 4500 + (seed + offset * 31) % 900
        amount = seats * unit
        subtotal += amount
        rows.append([Paragraph(name, BODY), str(seats), euro(unit), euro(amount)])
    vat = (subtotal * 22 + 50) // 100
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=18 * mm, bottomMargin=20 * mm,
                            invariant=1)
    table = Table(rows, colWidths=[94 * mm, 22 * mm, 29 * mm, 29 * mm])
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, 0), "LSB", 9), ("FONT", (0, 1), (-1, -1), "LS", 9),
                               ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6e6e6")), ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                               ("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.HexColor("#bbbbbb")), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    totals = Table([["Imponibile", euro(subtotal)], ["IVA 22%", euro(vat)], ["Totale", euro(subtotal + vat)]], colWidths=[35 * mm, 35 * mm],
                   hAlign="RIGHT")
    totals.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), "LS", 9), ("FONT", (0, 2), (-1, 2), "LSB", 11), ("ALIGN", (1, 0), (1, -1), "RIGHT"),
                                ("LINEABOVE", (0, 2), (-1, 2), 0.8, colors.black)]))
    story = [Paragraph("Webinar Seats S.r.l.", BOLD), Paragraph("Via Example 10, 20100 Milano (MI)", BODY), Spacer(1, 8 * mm),
             Paragraph(f"FATTURA 2026/{seed:04d}", BOLD), Spacer(1, 8 * mm), table, Spacer(1, 4 * mm), totals, Spacer(1, 10 * mm),
             Paragraph("Pagamento a 30 giorni data fattura con bonifico bancario. " * 3, BODY)]
    doc.build(story)
    return buffer.getvalue(), 1


def statement(seed, rows=400):
    header = ["Data", "Riferimento", "Descrizione", "Addebiti", "Accrediti", "Saldo"]
    data = [header]
    balance = 0
    for row in range(rows):
        charge = 4000 + (row * 37 + seed) % 2000 if row % 2 == 0 else 0
        credit = 0 if row % 2 == 0 else 100000 + row * 13
        balance += charge - credit
        data.append([f"{1 + row % 28:02d}/03/2026", f"2026/{row:04d}", f"Webinar Pro — rinnovo {row + seed}",
                     euro(charge) if charge else "", euro(credit) if credit else "", euro(balance) if balance >= 0 else "-" + euro(-balance)])
    buffer = io.BytesIO()
    pages = []

    def footer(canvas, doc):
        pages.append(doc.page)
        canvas.setFont("LS", 7.5)
        canvas.drawRightString(A4[0] - 18 * mm, 10 * mm, f"Pagina {doc.page}")

    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=18 * mm, bottomMargin=20 * mm,
                            invariant=1)
    table = Table(data, colWidths=[18 * mm, 24 * mm, 66 * mm, 22 * mm, 22 * mm, 22 * mm], repeatRows=1)
    style = [("FONT", (0, 0), (-1, 0), "LSB", 8), ("FONT", (0, 1), (-1, -1), "LS", 8), ("ALIGN", (3, 0), (-1, -1), "RIGHT"),
             ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6e6e6")), ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.HexColor("#bbbbbb"))]
    style += [("BACKGROUND", (0, r), (-1, r), colors.HexColor("#f2f2f2")) for r in range(2, rows + 1, 2)]
    table.setStyle(TableStyle(style))
    doc.build([Paragraph("Estratto conto", BOLD), Spacer(1, 6 * mm), table], onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue(), len(pages)


def timed(build, count):
    build(0)
    start = time.process_time()
    pages = 0
    for seed in range(1, count + 1):
        pages = build(seed)[1]
    return (time.process_time() - start) / count, pages


if __name__ == "__main__":
    # `once-statement FILE` / `once-invoice FILE`: one document into FILE, for whole-process timing.
    if len(sys.argv) == 3 and sys.argv[1] in ("once-statement", "once-invoice"):
        build = statement if sys.argv[1] == "once-statement" else invoice
        with open(sys.argv[2], "wb") as out:
            out.write(build(1)[0])
        sys.exit(0)
    invoice_seconds, _ = timed(invoice, 50)
    statement_seconds, pages = timed(statement, 5)
    json.dump({"invoice_ms": invoice_seconds * 1000, "statement_ms": statement_seconds * 1000, "statement_pages": pages}, sys.stdout)
