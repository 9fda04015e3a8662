import Billing

/// The register of issued invoices, the *registro IVA delle fatture emesse*.
///
/// Every invoice and credit note of a period (art. 23 DPR 633/72), in number order, with its VAT
/// per rate, and the totals per rate: what an accountant reconciles with the documents, to the cent.
///
/// Credit notes count negative. Amounts stay ``Money`` (minor units and currency); a register
/// with documents in several currencies totals each currency apart.
public struct VATRegister: Sendable, Hashable {
    /// One rate, or one reason for no VAT, of one document.
    public struct Row: Sendable, Hashable {
        /// The rate; zero where no VAT is charged.
        public var rate: TaxRate
        /// Why no VAT is charged (`N2.1`, `N6.9`, …), for zero-rate rows whose reason is known; for a
        /// tax that is not Italian VAT (another state's VAT under OSS: `N7`; US sales tax: `N2.1`), why
        /// it is not Italian VAT.
        public var nature: VATNature?
        /// The taxable amount at this rate; negative on a credit note.
        public var taxable: Money
        /// The VAT; negative on a credit note.
        public var tax: Money
    }

    /// One document.
    public struct Entry: Sendable, Hashable {
        /// `invoice` or `credit-note`.
        public var kind: String
        /// Its number.
        public var number: DocumentNumber
        /// Its issue date.
        public var date: CalendarDate
        /// The customer's account.
        public var accountID: String
        /// The customer's legal name, as issued.
        public var customer: String
        /// The customer's VAT number (Partita IVA or EU VAT number), as issued; empty when none.
        public var vatNumber: String
        /// Net, per rate.
        public var rows: [Row]
        /// Net of all rates; negative on a credit note.
        public var net: Money
        /// VAT of all rates; negative on a credit note.
        public var tax: Money
        /// What the document totals, stamp duty included; negative on a credit note.
        public var total: Money
    }

    /// The totals of one rate (or one reason for no VAT) in one currency.
    public struct RateTotal: Sendable, Hashable {
        /// The rate.
        public var rate: TaxRate
        /// Why no VAT is charged, for zero-rate totals.
        public var nature: VATNature?
        /// Sum of the taxable amounts.
        public var taxable: Money
        /// Sum of the VAT.
        public var tax: Money
    }

    /// The documents, invoices first, each series in number order.
    public var entries: [Entry]
    /// The totals per currency, rate and reason, highest rate first.
    public var totals: [RateTotal]

    /// The register of `invoices` and `creditNotes` (issued ones; drafts are left out).
    ///
    /// - Throws: ``EInvoiceError`` when a sum does not fit in 64-bit minor units.
    public init(invoices: [Invoice], creditNotes: [CreditNote]) throws(EInvoiceError) {
        var entries: [Entry] = []
        for invoice in invoices {
            guard let number = invoice.number else { continue }
            entries.append(
                try Self.entry(
                    kind: "invoice",
                    document: SourceDocument(invoice: invoice, number: number),
                    sign: 1
                )
            )
        }
        for note in creditNotes {
            guard let number = note.number else { continue }
            entries.append(
                try Self.entry(kind: "credit-note", document: SourceDocument(note: note, number: number), sign: -1)
            )
        }
        entries.sort {
            ($0.kind == "invoice" ? 0 : 1, $0.number.series.rawValue, $0.number.year, $0.number.sequence)
                < ($1.kind == "invoice" ? 0 : 1, $1.number.series.rawValue, $1.number.year, $1.number.sequence)
        }
        self.entries = entries
        self.totals = try Self.totals(of: entries)
    }

    private static func entry(kind: String, document: SourceDocument, sign: Int64) throws(EInvoiceError) -> Entry {
        let nature = try? document.nature().code
        func signed(_ money: Money) -> Money { sign < 0 ? money.negated : money }
        let rows = document.totals.taxes.map { line in
            Row(
                rate: line.rate,
                // Another state's VAT (OSS) or US sales tax is listed with its Natura, apart from Italian VAT.
                nature: line.rate.basisPoints == 0 ? nature : (try? document.foreignTax(line.rate))??.nature.code,
                taxable: signed(line.taxable),
                tax: signed(line.tax)
            )
        }
        let vatNumber = document.customer.taxIdentifiers.first { $0.kind == .partitaIVA || $0.kind == .euVAT }?.value
        return Entry(
            kind: kind,
            number: document.number,
            date: document.issueDate,
            accountID: document.customer.accountID,
            customer: document.customer.name,
            vatNumber: vatNumber ?? "",
            rows: rows,
            net: signed(document.totals.subtotal),
            tax: signed(document.totals.taxTotal),
            total: signed(document.grandTotal)
        )
    }

    private static func totals(of entries: [Entry]) throws(EInvoiceError) -> [RateTotal] {
        var totals: [RateTotal] = []
        for entry in entries {
            for row in entry.rows {
                if let index = totals.firstIndex(where: {
                    $0.rate == row.rate && $0.nature == row.nature && $0.taxable.currency == row.taxable.currency
                }) {
                    do {
                        totals[index].taxable = try totals[index].taxable.plus(row.taxable)
                        totals[index].tax = try totals[index].tax.plus(row.tax)
                    } catch {
                        throw EInvoiceError(
                            document: entry.number.description,
                            field: "register",
                            reason: "the totals at \(row.rate) no longer fit in 64-bit minor units"
                        )
                    }
                } else {
                    totals.append(RateTotal(rate: row.rate, nature: row.nature, taxable: row.taxable, tax: row.tax))
                }
            }
        }
        return totals.sorted {
            ($0.taxable.currency.code, -$0.rate.basisPoints, $0.nature?.code ?? "")
                < ($1.taxable.currency.code, -$1.rate.basisPoints, $1.nature?.code ?? "")
        }
    }
}

extension SourceDocument {
    /// What the register reads of an issued invoice.
    init(invoice: Invoice, number: DocumentNumber) {
        self.init(
            kind: .invoice,
            number: number,
            issueDate: invoice.issueDate,
            customer: invoice.customer,
            currency: invoice.currency,
            lines: invoice.lines,
            totals: invoice.totals,
            stampDuty: invoice.stampDuty,
            grandTotal: invoice.grandTotal,
            taxNote: invoice.taxNote,
            purchaseOrder: invoice.purchaseOrderNumber,
            payment: nil,
            corrected: nil,
            reason: nil
        )
    }

    /// What the register reads of an issued credit note.
    init(note: CreditNote, number: DocumentNumber) {
        self.init(
            kind: .creditNote,
            number: number,
            issueDate: note.issueDate,
            customer: note.customer,
            currency: note.currency,
            lines: note.lines,
            totals: note.totals,
            stampDuty: note.stampDuty,
            grandTotal: note.grandTotal,
            taxNote: note.taxNote,
            purchaseOrder: nil,
            payment: nil,
            corrected: (note.invoiceNumber, nil),
            reason: note.reason
        )
    }
}
