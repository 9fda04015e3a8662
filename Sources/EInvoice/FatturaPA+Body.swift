import Billing

/// One `DatiRiepilogo`: the lines of one rate (and Natura), their taxable sum and the VAT on it.
struct SummaryRow {
    var rate: TaxRate
    var nature: (code: VATNature, reference: String)?
    var taxable: Money
    var tax: Money
    /// A tax the document charged that is not Italian VAT: its rate, amount and wording.
    ///
    /// Another member state's VAT under OSS, or US sales tax. The row then writes rate 0 with its Natura, and the
    /// amount is stated in `Causale`.
    var foreign: (rate: TaxRate, tax: Money, wording: String)?

    /// The rate the document's lines of this row carry.
    var lineRate: TaxRate { foreign?.rate ?? rate }
}

extension Builder {
    /// The VAT per rate, recomputed from the lines: Imposta = taxable × rate / 100, rounded half up
    /// once per rate; it must agree with the totals the document was issued with.
    func summaryRows() throws(EInvoiceError) -> [SummaryRow] {
        var rows: [SummaryRow] = []
        do {
            for rate in Set(document.lines.map(\.taxRate)).sorted(by: >) {
                let amounts = document.lines.filter { $0.taxRate == rate }.map(\.amount)
                let taxable = try Money.sum(amounts, in: document.currency)
                let tax = try taxable.multiplied(by: rate.ratio)
                if rate != .zero, let foreign = try document.foreignTax(rate) {
                    rows.append(
                        SummaryRow(
                            rate: .zero,
                            nature: foreign.nature,
                            taxable: taxable,
                            tax: .zero(document.currency),
                            foreign: (rate, tax, foreign.wording(tax))
                        )
                    )
                    continue
                }
                rows.append(
                    SummaryRow(
                        rate: rate,
                        nature: rate == .zero ? try document.nature() : nil,
                        taxable: taxable,
                        tax: tax
                    )
                )
            }
            for row in rows {
                let issued = document.totals.taxes.first { $0.rate == row.lineRate }
                let tax = row.foreign?.tax ?? row.tax
                guard issued?.tax == tax, issued?.taxable == row.taxable else {
                    throw fail(
                        "DatiRiepilogo",
                        "at \(row.lineRate) the document shows \(issued?.tax.decimalString ?? "no") VAT on "
                            + "\(issued?.taxable.decimalString ?? "nothing"), but its lines give "
                            + "\(tax.decimalString) on \(row.taxable.decimalString)"
                    )
                }
            }
            let sum = try Money.sum(rows.flatMap { [$0.taxable, $0.foreign?.tax ?? $0.tax] }, in: document.currency)
                .plus(document.stampDuty ?? .zero(document.currency))
            guard sum == document.grandTotal else {
                throw fail(
                    "ImportoTotaleDocumento",
                    "the document's total \(document.grandTotal.decimalString) is not the sum of taxable, "
                        + "tax and stamp duty (\(sum.decimalString))"
                )
            }
        } catch let error as EInvoiceError {
            throw error
        } catch {
            throw fail("DatiRiepilogo", "\(error)")
        }
        return rows
    }

    mutating func body(summary: [SummaryRow]) throws(EInvoiceError) {
        xml.start("DatiGenerali")
        try generalData(foreignTaxes: summary.compactMap { $0.foreign?.wording })
        if let order = document.purchaseOrder {
            xml.start("DatiOrdineAcquisto")
            xml.element(
                "IdDocumento",
                try latin(order, field: "DatiOrdineAcquisto/IdDocumento", maximum: 20, basicLatinOnly: true)
            )
            xml.end()
        }
        if let corrected = document.corrected {
            xml.start("DatiFattureCollegate")
            xml.element("IdDocumento", corrected.number.description)
            xml.element("Data", ifPresent: corrected.date?.description)
            xml.end()
        }
        xml.end()

        xml.start("DatiBeniServizi")
        for (index, line) in document.lines.enumerated() {
            let row = summary.first { $0.lineRate == line.taxRate }
            try detailLine(line, number: index + 1, rate: row?.rate ?? line.taxRate, nature: row?.nature)
        }
        for row in summary {
            xml.start("DatiRiepilogo")
            xml.element("AliquotaIVA", Amounts.rate(row.rate))
            xml.element("Natura", ifPresent: row.nature?.code.code)
            xml.element("ImponibileImporto", try amount(row.taxable, field: "DatiRiepilogo/ImponibileImporto"))
            xml.element("Imposta", try amount(row.tax, field: "DatiRiepilogo/Imposta"))
            if row.nature == nil { xml.element("EsigibilitaIVA", "I") }
            if let reference = row.nature?.reference {
                xml.element(
                    "RiferimentoNormativo",
                    try latin(reference, field: "DatiRiepilogo/RiferimentoNormativo", maximum: 100)
                )
            }
            xml.end()
        }
        xml.end()

        if let payment = document.payment { try paymentData(payment) }
    }

    private mutating func generalData(foreignTaxes: [String]) throws(EInvoiceError) {
        xml.start("DatiGeneraliDocumento")
        xml.element("TipoDocumento", document.kind == .invoice ? "TD01" : "TD04")
        xml.element("Divisa", document.currency.code)
        xml.element("Data", document.issueDate.description)
        xml.element(
            "Numero",
            try latin(document.number.description, field: "Numero", maximum: 20, basicLatinOnly: true)
        )
        if let stamp = document.stampDuty {
            xml.start("DatiBollo")
            xml.element("BolloVirtuale", "SI")
            xml.element("ImportoBollo", try amount(stamp, field: "DatiBollo/ImportoBollo"))
            xml.end()
        }
        xml.element("ImportoTotaleDocumento", try amount(document.grandTotal, field: "ImportoTotaleDocumento"))
        let notes = (document.taxNote.map(document.wording.taxNotes) ?? []) + foreignTaxes
        for text in [document.reason].compactMap({ $0 }) + notes {
            let cleaned = try latin(text, field: "Causale", maximum: 2000)
            for chunk in Amounts.chunks(cleaned, of: 200) { xml.element("Causale", chunk) }
        }
        xml.end()
    }

    private mutating func detailLine(
        _ line: InvoiceLine,
        number: Int,
        rate: TaxRate,
        nature: (code: VATNature, reference: String)?
    ) throws(EInvoiceError) {
        let field = "DettaglioLinee[\(number)]"
        xml.start("DettaglioLinee")
        xml.element("NumeroLinea", String(number))
        xml.element("Descrizione", try latin(document.wording.line(line), field: field + "/Descrizione", maximum: 1000))
        xml.element("Quantita", "\(line.quantity).00")
        if let period = line.period {
            xml.element("DataInizioPeriodo", period.start.description)
            xml.element("DataFinePeriodo", period.lastDay.description)
        }
        let unit = Amounts.unitPrice(line, negative: line.amount.isNegative)
        guard let unit else { throw fail(field + "/PrezzoUnitario", "the price does not fit in 11 digits") }
        xml.element("PrezzoUnitario", unit)
        xml.element("PrezzoTotale", try amount(line.amount, field: field + "/PrezzoTotale"))
        xml.element("AliquotaIVA", Amounts.rate(rate))
        xml.element("Natura", ifPresent: nature?.code.code)
        xml.end()
    }

    private mutating func paymentData(_ payment: PaymentDue) throws(EInvoiceError) {
        xml.start("DatiPagamento")
        xml.element("CondizioniPagamento", "TP02")
        xml.start("DettaglioPagamento")
        let method: String
        switch payment.method {
        case .card: method = "MP08"
        case .sepaDebit: method = "MP19"
        case .invoice, nil: method = "MP05"
        }
        xml.element("ModalitaPagamento", method)
        xml.element("DataRiferimentoTerminiPagamento", document.issueDate.description)
        let days = document.issueDate.days(until: payment.dueDate)
        if (0...999).contains(days) { xml.element("GiorniTerminiPagamento", String(days)) }
        xml.element("DataScadenzaPagamento", payment.dueDate.description)
        xml.element("ImportoPagamento", try amount(payment.amount, field: "DettaglioPagamento/ImportoPagamento"))
        xml.end()
        xml.end()
    }

    func amount(_ money: Money, field: String) throws(EInvoiceError) -> String {
        guard let text = Amounts.twoDecimals(money) else {
            throw fail(field, "\(money) cannot be written with 2 decimals in at most 11 digits")
        }
        return text
    }
}
