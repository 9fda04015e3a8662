import Billing
import Foundation
import HistoryStore

/// Random, fully populated Billing values from a seed (SplitMix64), for the round-trip tests:
/// every member set, every optional present or absent at random, texts with quotes, backslashes,
/// line breaks and non-Latin letters, amounts up to ten billion minor units in five currencies.
struct Generator {
    private var state: UInt64
    /// Gives each generated document and record an id or number of its own.
    private(set) var counter = 0

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    mutating func bool() -> Bool { next() & 1 == 1 }

    mutating func pick<T>(_ items: [T]) -> T { items[int(0...items.count - 1)] }

    mutating func unique(_ prefix: String) -> String {
        counter += 1
        return "\(prefix)-\(counter)"
    }

    /// Present or absent, at random.
    mutating func optional<T>(_ make: (inout Generator) throws -> T) rethrows -> T? {
        bool() ? try make(&self) : nil
    }

    mutating func list<T>(_ range: ClosedRange<Int>, _ make: (inout Generator) throws -> T) rethrows -> [T] {
        try (0..<int(range)).map { _ in try make(&self) }
    }

    /// Text that starts and ends with a letter (names are trimmed), with awkward characters inside.
    mutating func text() -> String {
        let pieces = ["Rossi", "Müller", "l'Été", "\"quoted\"", "back\\slash", "line\nbreak", "漢字", "🧾", "a/b", "  "]
        return pick(["Anna", "Zoë", "Łukasz"]) + (0..<int(0...3)).map { _ in pick(pieces) }.joined() + "x"
    }

    mutating func date() -> CalendarDate { CalendarDate(dayNumber: int(18_000...25_000)) }

    mutating func period() throws -> DatePeriod {
        let start = date()
        return try DatePeriod(start: start, end: start.adding(days: int(1...400)))
    }

    mutating func currency() throws -> Currency { try Currency(code: pick(["EUR", "USD", "GBP", "JPY", "CHF"])) }

    mutating func money(_ currency: Currency, positive: Bool = false) -> Money {
        let units = Int64(int(1...10_000_000_000))
        return Money(minorUnits: positive || bool() ? units : -units, currency: currency)
    }

    mutating func rate() throws -> TaxRate { try TaxRate(basisPoints: int(0...10_000)) }

    mutating func email() -> String { "\(unique("user").lowercased())@\(pick(["example.it", "example.com"]))" }

    mutating func contact() throws -> Contact {
        try Contact(
            name: text(),
            email: email(),
            phone: optional { "+39 02 \($0.int(1000...9999))" },
            title: optional { $0.text() }
        )
    }

    mutating func address() -> Address {
        Address(
            lines: list(0...3) { $0.text() },
            postalCode: "\(int(10000...99999))",
            city: text(),
            region: optional { $0.text() },
            country: pick(["IT", "DE", "US", "FR"])
        )
    }

    mutating func taxIdentifier() throws -> TaxIdentifier {
        let (kind, value) = pick([
            (TaxIdentifier.Kind.partitaIVA, "00743110157"), (.partitaIVA, "02156780914"), (.partitaIVA, "07589350987"),
            (.codiceFiscale, "RCCMNL83S18D969H"), (.codiceFiscale, "RSSMRA80A01H501U"), (.ssn, "536-90-4399"),
            (.ssn, "123-45-6789"), (.ein, "91-1144442"), (.ein, "04-2103594"),
        ])
        return try TaxIdentifier(kind, value)
    }

    mutating func taxTreatment() throws -> TaxTreatment {
        switch int(0...4) {
        case 0: return .vat(rate: try rate())
        case 1: return .reverseCharge(note: text())
        case 2: return .exempt(note: text())
        case 3: return .salesTax(rate: try rate(), jurisdiction: text())
        default: return .noTax(note: optional { $0.text() })
        }
    }

    mutating func paymentMethod() -> PaymentMethod {
        switch int(0...2) {
        case 0:
            return .card(
                brand: pick(["Visa", "Mastercard", "American Express"]),
                lastFour: String(format: "%04d", int(0...9999)),
                expiryMonth: int(1...12),
                expiryYear: int(2024...2040)
            )
        case 1: return .sepaDebit(country: pick(["IT", "DE", "NL"]), lastFour: pick(["3456", "X9Z1", "0000"]))
        default: return .invoice
        }
    }

    mutating func terms() -> PaymentTerms { bool() ? .dueOnReceipt : .net(days: int(1...120)) }

    mutating func purchaseOrder(_ currency: Currency) throws -> PurchaseOrder {
        var order = try PurchaseOrder(number: "PO-\(text())", cap: money(currency, positive: true), validity: period())
        order.closedOn = optional { $0.date() }
        order.isDefault = bool()
        order.pinnedSubscriptions = list(0...2) { $0.unique("SUB") }
        return order
    }

    mutating func account(id: String? = nil) throws -> Account {
        let currency = try currency()
        return Account(
            id: id ?? unique("ACC"),
            name: text(),
            kind: pick(AccountKind.allCases),
            billingContact: try contact(),
            users: try list(0...3) { try $0.contact() },
            billingAddress: address(),
            locale: pick(DocumentLanguage.codes),
            currency: currency,
            taxIdentifiers: try list(0...2) { try $0.taxIdentifier() },
            taxTreatment: try taxTreatment(),
            paymentMethod: optional { $0.paymentMethod() },
            paymentTerms: terms(),
            purchaseOrders: try list(0...3) { try $0.purchaseOrder(currency) },
            eInvoicing: try optional { try $0.eInvoiceAddress() },
            paper: optional { $0.pick([PaperSize.a4, .letter]) },
            eInvoiceForm: optional { $0.pick([EInvoiceChoice.facturX, .plainPDF]) }
        )
    }

    /// A recipient code, a PEC address, or both.
    mutating func eInvoiceAddress() throws -> EInvoiceAddress {
        let letters = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        let code = String((0..<7).map { _ in pick(letters) })
        switch int(0...2) {
        case 0: return try EInvoiceAddress(recipientCode: code, pec: nil)
        case 1: return try EInvoiceAddress(recipientCode: nil, pec: "fatture.\(int(1...9999))@pec.example.it")
        default: return try EInvoiceAddress(recipientCode: code, pec: "sdi\(int(1...99))@pec.example.it")
        }
    }

    mutating func selection() -> SubscriptionSelection {
        SubscriptionSelection(
            productID: text(),
            tierID: text(),
            seats: int(1...5000),
            frequency: pick(BillingFrequency.allCases)
        )
    }

    mutating func subscription(accountID: String) throws -> Subscription {
        Subscription(
            id: unique("SUB"),
            accountID: accountID,
            selection: selection(),
            unitPrice: money(try currency(), positive: true),
            anchorDay: int(1...31),
            currentPeriod: try period(),
            status: pick([.active, .pendingCancellation, .expired]),
            startedOn: date(),
            cancelledOn: optional { $0.date() },
            expiredOn: optional { $0.date() }
        )
    }

    mutating func line(_ currency: Currency) throws -> InvoiceLine {
        var line = try InvoiceLine.charge(
            text(),
            period: try optional { try $0.period() },
            quantity: int(0...500),
            unitPrice: money(currency),
            fraction: try Ratio(Int64(int(0...400)), Int64(int(1...400))),
            taxRate: try rate()
        )
        line.item = optional {
            LineItem(
                kind: $0.pick([.period, .unused, .remaining]),
                product: $0.text(),
                tier: $0.text(),
                seats: $0.int(1...900),
                frequency: $0.pick(BillingFrequency.allCases)
            )
        }
        line.amount = money(currency)
        return line
    }

    mutating func taxLine(_ currency: Currency) throws -> TaxLine {
        var line = try TaxLineSeed.make(currency)
        line.rate = try rate()
        line.taxable = money(currency)
        line.tax = money(currency)
        return line
    }

    mutating func totals(_ currency: Currency) throws -> DocumentTotals {
        DocumentTotals(
            subtotal: money(currency),
            taxes: try list(0...3) { try $0.taxLine(currency) },
            taxTotal: money(currency),
            total: money(currency)
        )
    }

    mutating func number(_ series: DocumentSeries) throws -> DocumentNumber {
        counter += 1
        // The standard format or another prefix of the series' own (never another series' one).
        let format =
            bool()
            ? series.standardFormat
            : try NumberFormat(prefix: series == .invoice ? pick(["FT-", "F_"]) : "GS-", digits: int(4...8))
        return try DocumentNumber(series: series, year: int(2000...2099), sequence: counter, format: format)
    }

    mutating func invoice(account: Account) throws -> Invoice {
        let currency = account.currency
        return Invoice.stored(
            key: unique("KEY") + "@" + date().description,
            number: try number(.invoice),
            customer: CustomerDetails(try self.account(id: account.id)),
            subscriptionID: optional { $0.unique("SUB") },
            reason: pick([.purchase, .change, .renewal, .reactivation]),
            currency: currency,
            issueDate: date(),
            dueDate: date(),
            terms: terms(),
            purchaseOrderNumber: optional { "PO-\($0.text())" },
            paymentMethod: optional { $0.paymentMethod() },
            lines: try list(0...4) { try $0.line(currency) },
            totals: try totals(currency),
            taxNote: optional { $0.text() },
            stampDuty: optional { $0.money(currency) },
            balanceApplied: money(currency),
            amountDue: money(currency),
            quoteID: optional { $0.unique("Q") }
        )
    }

    mutating func creditNote(voiding invoice: Invoice) throws -> CreditNote {
        let currency = invoice.currency
        return CreditNote.stored(
            number: try number(.creditNote),
            invoiceNumber: try requireNumber(invoice.number),
            customer: invoice.customer,
            currency: currency,
            issueDate: date(),
            reason: text(),
            lines: try list(0...4) { try $0.line(currency) },
            totals: try totals(currency),
            stampDuty: optional { $0.money(currency) },
            taxNote: optional { $0.text() },
            creditedLine: optional { $0.int(1...9) },
            accountCredit: optional { $0.money(currency) }
        )
    }
}

/// A tax line to start from: `TaxLine` has no public initialiser, so one is taken from totals.
enum TaxLineSeed {
    static func make(_ currency: Currency) throws -> TaxLine {
        let line = try InvoiceLine.charge(
            "seed",
            period: nil,
            quantity: 1,
            unitPrice: Money(minorUnits: 100, currency: currency),
            taxRate: TaxRate(basisPoints: 100)
        )
        guard let tax = try DocumentTotals(lines: [line], currency: currency).taxes.first else {
            throw StoreError.database("totals of one line have no tax line")
        }
        return tax
    }
}

/// The number of an invoice that has one.
func requireNumber(_ number: DocumentNumber?) throws -> DocumentNumber {
    guard let number else { throw StoreError.database("a generated invoice has no number") }
    return number
}
