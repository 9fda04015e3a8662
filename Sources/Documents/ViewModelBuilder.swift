import Billing

/// What a printed invoice is marked with, across the page and in its header.
public enum DocumentMark: String, Sendable, Hashable, Codable, CaseIterable {
    /// Nothing: an issued invoice as sent.
    case none
    /// Fully paid.
    case paid
    /// Voided by a credit note.
    case void
    /// A duplicate printed later.
    case copy
}

/// Builds view models: every amount, date and label formatted for one language.
struct ViewModelBuilder {
    let format: Formatting
    let labels: [String: String]
    /// Every language's labels, for the parts printed in another language (the W-9 form is English).
    let allLabels: [String: [String: String]]
    let logo = "logo.png"

    init(language: String, labels: [String: [String: String]]) {
        format = Formatting(language: language)
        self.labels = labels[format.language] ?? labels["en"] ?? [:]
        allLabels = labels
    }

    /// The label `key` with its `{name}` placeholders filled from `values`; unknown ones stay.
    ///
    /// `values` are pairs, not a dictionary: a label names two or three of them, and hashing each
    /// name to build and to read a dictionary was most of a statement row's view model
    /// (`docs/performance.md`). The text is read as UTF-8 bytes: every byte a placeholder is made of
    /// is ASCII.
    func label(_ key: String, _ values: KeyValuePairs<String, String> = [:]) -> String {
        let text = labels[key] ?? key
        guard !values.isEmpty, text.utf8.contains(UInt8(ascii: "{")) else { return text }
        return text.utf8.withContiguousStorageIfAvailable { Self.fill($0, values) }
            ?? Array(text.utf8).withUnsafeBufferPointer { Self.fill($0, values) }
    }

    /// The bytes of a label with each `{name}` that `values` knows replaced; the others stay as written.
    private static func fill(_ text: UnsafeBufferPointer<UInt8>, _ values: KeyValuePairs<String, String>) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(text.count + 32)
        var written = 0
        var index = 0
        while let open = text[index...].firstIndex(of: UInt8(ascii: "{")),
            let close = text[open...].firstIndex(of: UInt8(ascii: "}"))
        {
            let name = text[(open + 1)..<close]
            if let value = values.first(where: { $0.key.utf8.elementsEqual(name) })?.value {
                result += text[written..<open]
                result += value.utf8
                written = close + 1
            }
            index = close + 1
        }
        result += text[written...]
        return String(decoding: result, as: UTF8.self)
    }

    /// A subscription line in the document's language, or its stored English text.
    func describe(_ item: LineItem?, fallback: String) -> String {
        guard let item else { return fallback }
        let seats = item.seats == 1 ? label("oneSeat") : label("seatCount", ["n": String(item.seats)])
        let key = item.kind == .period ? "itemPeriod" : item.kind == .unused ? "itemUnused" : "itemRemaining"
        return label(
            key,
            ["product": item.product, "tier": item.tier, "seats": seats, "frequency": label(item.frequency.rawValue)]
        )
    }

    /// How the account pays, in the document's language.
    func method(_ method: PaymentMethod?) -> String {
        switch method {
        case .sepaDebit(let country, let last)?: return label("sepaMethod", ["country": country, "last": last])
        case .invoice?: return label("bankTransferMethod")
        case .card(let brand, let last, _, _)?: return label("cardMethod", ["brand": brand, "last": last])
        case nil: return ""
        }
    }

    func lines(_ lines: [InvoiceLine]) -> [LineView] {
        lines.enumerated().map { index, line in
            LineView(
                description: describe(line.item, fallback: line.description),
                period: line.period.map(format.period),
                quantity: String(line.quantity),
                unitPrice: format.money(line.unitPrice),
                amount: format.money(line.amount),
                calculation: calculation(line),
                zebra: index % 2 == 1
            )
        }
    }

    /// "7 × € 400,00 × 186/365" for a line that charges or credits part of a period.
    func calculation(_ line: InvoiceLine) -> String? {
        guard line.fraction != .one else { return nil }
        return
            "\(line.quantity) × \(format.money(line.unitPrice)) × \(line.fraction.numerator)/\(line.fraction.denominator)"
    }

    func taxes(_ totals: DocumentTotals, treatment isVAT: Bool) -> [TaxView] {
        totals.taxes.filter { $0.rate.basisPoints > 0 }.map { tax in
            TaxView(
                label: "\(label(isVAT ? "vat" : "salesTax")) \(format.rate(tax.rate)) (\(format.money(tax.taxable)))",
                tax: format.money(tax.tax)
            )
        }
    }

    func terms(_ terms: PaymentTerms) -> String {
        switch terms {
        case .dueOnReceipt: return label("dueOnReceipt")
        case .net(let days): return label("net", ["days": String(days)])
        }
    }

    /// How to pay, or how it was paid: nothing on a void invoice, no request to pay on a paid one.
    func payment(_ invoice: Invoice, vendor: Vendor, mark: DocumentMark) -> [String] {
        let amount = format.money(invoice.amountDue)
        if mark == .void { return [] }
        if mark == .paid, invoice.paymentMethod == .invoice || invoice.paymentMethod == nil {
            return [label("paidInFull")]
        }
        switch invoice.paymentMethod {
        case .card?: return [label("payCard", ["method": method(invoice.paymentMethod)])]
        case .sepaDebit?: return [label("payDebit", ["method": method(invoice.paymentMethod)])]
        case .invoice?, nil:
            let po = invoice.purchaseOrderNumber.map { label("poSuffix", ["po": $0]) } ?? ""
            var lines = [
                label(
                    "payTransfer",
                    [
                        "amount": amount, "date": format.date(invoice.dueDate),
                        "number": invoice.number?.description ?? "", "po": po,
                    ]
                )
            ]
            if let bank = vendor.bankDetails { lines.append(label("payBank", ["bank": bank])) }
            return lines
        }
    }

    func invoice(_ invoice: Invoice, vendor: Vendor, mark: DocumentMark, voidedBy: String?) -> InvoiceView {
        let number = invoice.number?.description ?? "—"
        let isVAT =
            invoice.customer.taxIdentifiers.contains { [.partitaIVA, .euVAT, .codiceFiscale].contains($0.kind) }
            || invoice.currency == .eur
        let payment = payment(invoice, vendor: vendor, mark: mark)
        var view = InvoiceView(
            frame: frame(
                title: "\(label("invoice")) \(number)",
                heading: label("invoice").uppercased(),
                vendor: vendor,
                page: page(invoice.customer),
                running: RunningHeaderView(
                    title: "\(label("invoice")) \(number)",
                    party: invoice.customer.name,
                    detail: format.date(invoice.issueDate)
                )
            ),
            customer: customer(invoice.customer),
            number: number,
            issueDate: format.date(invoice.issueDate),
            dueDate: format.date(invoice.dueDate),
            terms: terms(invoice.terms),
            purchaseOrder: invoice.purchaseOrderNumber,
            correctsInvoice: nil,
            stamp: mark == .none ? nil : label(mark.rawValue),
            paymentMethod: method(invoice.paymentMethod),
            lines: lines(invoice.lines),
            subtotal: format.money(invoice.totals.subtotal),
            taxes: taxes(invoice.totals, treatment: isVAT),
            stampDuty: invoice.stampDuty.map(format.money),
            total: format.money(invoice.grandTotal),
            balanceApplied: invoice.balanceApplied.isZero ? nil : format.money(invoice.balanceApplied),
            amountDue: format.money(invoice.amountDue),
            taxNotes: taxNotes(invoice.taxNote),
            reason: nil,
            payment: payment,
            hasPayment: !payment.isEmpty,
            voidNote: mark == .void
                ? (voidedBy.map { label("voidNote", ["number": $0]) } ?? label("voidNoteNoNumber")) : nil,
            courtesyCopy: italianCourtesyCopy(invoice.customer)
        )
        view.quote = invoice.quoteID
        return view
    }

    func creditNote(_ note: CreditNote, vendor: Vendor) -> InvoiceView {
        let number = note.number?.description ?? "—"
        return InvoiceView(
            frame: frame(
                title: "\(label("creditNote")) \(number)",
                heading: label("creditNote").uppercased(),
                vendor: vendor,
                page: page(note.customer),
                running: RunningHeaderView(
                    title: "\(label("creditNote")) \(number)",
                    party: note.customer.name,
                    detail: format.date(note.issueDate)
                )
            ),
            customer: customer(note.customer),
            number: number,
            issueDate: format.date(note.issueDate),
            dueDate: nil,
            terms: nil,
            purchaseOrder: nil,
            correctsInvoice: note.invoiceNumber.description,
            stamp: nil,
            paymentMethod: "",
            lines: lines(note.lines),
            subtotal: format.money(note.totals.subtotal),
            taxes: taxes(note.totals, treatment: note.currency == .eur),
            stampDuty: note.stampDuty.map(format.money),
            total: format.money(note.grandTotal),
            balanceApplied: nil,
            amountDue: format.money(note.grandTotal),
            taxNotes: taxNotes(note.taxNote),
            reason: note.reason,
            payment: [],
            hasPayment: false,
            voidNote: nil,
            courtesyCopy: italianCourtesyCopy(note.customer)
        )
    }

    /// The stored tax notes, each standard wording in the document's language; anything else (a
    /// note a person wrote for an account) prints as written.
    func taxNotes(_ text: String?) -> [String] {
        guard let text else { return [] }
        return text.split(separator: "\n").map { line in
            if line == TaxTreatment.euReverseCharge.note ?? "" { return label("noteReverseCharge") }
            if line == StampDuty.note { return label("noteStampDuty") }
            if line.hasPrefix("Sales tax: ") {
                return label("noteSalesTax", ["jurisdiction": String(line.dropFirst("Sales tax: ".count))])
            }
            return String(line)
        }
    }

    /// Italian customers receive the e-invoice through SdI; the PDF is its courtesy copy.
    private func italianCourtesyCopy(_ customer: CustomerDetails) -> String? {
        guard customer.address.country == "IT", let note = labels["courtesyCopy"], !note.isEmpty else { return nil }
        return note
    }
}
