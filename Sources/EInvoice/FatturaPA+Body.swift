import Billing

/// One `DatiRiepilogo`: the lines of one rate (and Natura), their taxable sum and the VAT on it.
struct SummaryRow {
    var rate: TaxRate
    var nature: (code: VATNature, reference: String)?
    var taxable: Money
    var tax: Money
}

extension Builder {
    /// The VAT per rate, recomputed from the lines: Imposta = taxable × rate / 100, rounded half up
    /// once per rate; it must agree with the totals the document was issued with.
    func summaryRows() throws(EInvoiceError) -> [SummaryRow] {
        var rows: [SummaryRow] = []
        do {
            let rates = Set(document.lines.map(\.taxRate)).sorted(by: >)
            let country = document.customer.address.country
            let italianRates: Set<Int> = [2200, 1000, 500, 400]
            for rate in rates where rate != .zero && country != "IT" && !italianRates.contains(rate.basisPoints) {
                throw fail(
                    "AliquotaIVA",
                    "\(rate) charged to a customer in \(country) is not an Italian VAT rate (US sales tax or another "
                        + "country's VAT under OSS), which FatturaPA cannot carry"
                )
            }
            for rate in rates {
                let amounts = document.lines.filter { $0.taxRate == rate }.map(\.amount)
                let taxable = try Money.sum(amounts, in: document.currency)
                let tax = try taxable.multiplied(by: rate.ratio)
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
                let issued = document.totals.taxes.first { $0.rate == row.rate }
                guard issued?.tax == row.tax, issued?.taxable == row.taxable else {
                    throw fail(
                        "DatiRiepilogo",
                        "at \(row.rate) the document shows \(issued?.tax.decimalString ?? "no") VAT on "
                            + "\(issued?.taxable.decimalString ?? "nothing"), but its lines give "
                            + "\(row.tax.decimalString) on \(row.taxable.decimalString)"
                    )
                }
            }
            let sum = try Money.sum(rows.flatMap { [$0.taxable, $0.tax] }, in: document.currency)
                .plus(document.stampDuty ?? .zero(document.currency))
            guard sum == document.grandTotal else {
                throw fail(
                    "ImportoTotaleDocumento",
                    "the document's total \(document.grandTotal.decimalString) is not the sum of taxable, "
                        + "VAT and stamp duty (\(sum.decimalString))"
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
        try generalData()
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
            try detailLine(line, number: index + 1, nature: summary.first { $0.rate == line.taxRate }?.nature)
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

    private mutating func generalData() throws(EInvoiceError) {
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
        for text in [document.reason, document.taxNote].compactMap({ $0 }) {
            let cleaned = try latin(text, field: "Causale", maximum: 2000)
            for chunk in Amounts.chunks(cleaned, of: 200) { xml.element("Causale", chunk) }
        }
        xml.end()
    }

    private mutating func detailLine(
        _ line: InvoiceLine,
        number: Int,
        nature: (code: VATNature, reference: String)?
    ) throws(EInvoiceError) {
        let field = "DettaglioLinee[\(number)]"
        xml.start("DettaglioLinee")
        xml.element("NumeroLinea", String(number))
        xml.element("Descrizione", try latin(line.description, field: field + "/Descrizione", maximum: 1000))
        xml.element("Quantita", "\(line.quantity).00")
        if let period = line.period {
            xml.element("DataInizioPeriodo", period.start.description)
            xml.element("DataFinePeriodo", period.lastDay.description)
        }
        let unit = Amounts.unitPrice(line, negative: line.amount.isNegative)
        guard let unit else { throw fail(field + "/PrezzoUnitario", "the price does not fit in 11 digits") }
        xml.element("PrezzoUnitario", unit)
        xml.element("PrezzoTotale", try amount(line.amount, field: field + "/PrezzoTotale"))
        xml.element("AliquotaIVA", Amounts.rate(line.taxRate))
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
