import Billing

// Hand-written JSON for the small values every record is full of — amounts, dates, periods and
// currencies — byte for byte what their `Codable` conformances write and read.
//
// An invoice holds some twenty amounts and dates; through `Codable` each costs a boxed container,
// generic metadata look-ups and a temporary string, which made them a fifth of an import
// (`docs/performance.md`). `RecordWriter` and `RecordDecoding` ask these first. Reading falls back
// to the `Codable` path whenever a value is not exactly the expected shape, so a wrong value is
// reported with the same message and coding path as before.

extension RecordWriter {
    /// Writes `value` when it is one of the values above and returns `true`; `false` otherwise.
    func writeHandwritten<T>(_ value: T) throws -> Bool {
        guard handwritten else { return false }
        if T.self == Money.self {
            writeMoney(unsafeBitCast(value, to: Money.self))
        } else if T.self == CalendarDate.self {
            writeDate(unsafeBitCast(value, to: CalendarDate.self))
        } else if T.self == DatePeriod.self {
            writePeriod(unsafeBitCast(value, to: DatePeriod.self))
        } else if T.self == Currency.self {
            writeString(unsafeBitCast(value, to: Currency.self).code)
        } else if T.self == InvoiceLine.self {
            writeLine(unsafeBitCast(value, to: InvoiceLine.self))
        } else if T.self == DocumentTotals.self {
            writeTotals(unsafeBitCast(value, to: DocumentTotals.self))
        } else if T.self == TaxRate.self {
            writeRate(unsafeBitCast(value, to: TaxRate.self))
        } else if T.self == Invoice.self {
            try writeInvoice(unsafeBitCast(value, to: Invoice.self))
        } else if T.self == Subscription.self {
            writeSubscription(unsafeBitCast(value, to: Subscription.self))
        } else if T.self == StoreEvent.self {
            return try writeEvent(unsafeBitCast(value, to: StoreEvent.self))
        } else {
            return false
        }
        return true
    }

    /// A value through its own `Codable` conformance, inside a hand-written one: its containers
    /// open above those of the record and are closed before the record goes on.
    private func writeNested<T: Encodable>(_ value: T) throws {
        let level = openCount
        try encodeValue(value, level: level)
        closeLevels(above: level - 1)
    }

    /// The events a run or an import is full of, as `StoreEvent.encode(to:)` writes them; `false`,
    /// having written nothing, for the other kinds.
    private func writeEvent(_ event: StoreEvent) throws -> Bool {
        func head() {
            writeLiteral(#"{"date":"#)
            writeDate(event.date)
            member(#","actor":"#, event.actor.description)
            member(#","action":"#, event.action.name)
        }
        func member(_ key: StaticString, _ text: String) {
            writeLiteral(key)
            writeString(text)
        }
        switch event.action {
        case .renew(let subscription), .cancel(let subscription), .withdrawCancellation(let subscription),
            .reactivate(let subscription):
            head()
            member(#","subscription":"#, subscription)
        case .change(let subscription, let selection), .purchase(_, let subscription, let selection):
            head()
            if case .purchase(let account, _, _) = event.action { member(#","account":"#, account) }
            member(#","subscription":"#, subscription)
            writeLiteral(#","selection":"#)
            try writeNested(selection)
        case .recordPayment(let payment, let account, nil, let amount, let method):
            head()
            member(#","payment":"#, payment)
            member(#","account":"#, account)
            writeLiteral(#","amount":"#)
            writeMoney(amount)
            member(#","method":"#, method)
        case .openAccount(let account):
            head()
            writeLiteral(#","account":"#)
            try writeNested(account)
        default:
            return false
        }
        bytes.append(UInt8(ascii: "}"))
        return true
    }

    /// An invoice as its synthesised conformance writes it; numbers, terms, payment methods and tax
    /// identifiers through their own.
    private func writeInvoice(_ invoice: Invoice) throws {
        writeLiteral(#"{"key":"#)
        writeString(invoice.key)
        if let number = invoice.number {
            writeLiteral(#","number":"#)
            try writeNested(number)
        }
        let customer = invoice.customer
        writeLiteral(#","customer":{"accountID":"#)
        writeString(customer.accountID)
        writeLiteral(#","name":"#)
        writeString(customer.name)
        writeLiteral(#","kind":"#)
        writeString(customer.kind.rawValue)
        writeLiteral(#","address":"#)
        writeAddress(customer.address)
        writeLiteral(#","contactName":"#)
        writeString(customer.contactName)
        writeLiteral(#","contactEmail":"#)
        writeString(customer.contactEmail)
        writeLiteral(#","taxIdentifiers":"#)
        try writeNested(customer.taxIdentifiers)
        writeLiteral(#","locale":"#)
        writeString(customer.locale)
        bytes.append(UInt8(ascii: "}"))
        if let subscriptionID = invoice.subscriptionID {
            writeLiteral(#","subscriptionID":"#)
            writeString(subscriptionID)
        }
        writeLiteral(#","reason":"#)
        writeString(invoice.reason.rawValue)
        writeLiteral(#","currency":"#)
        writeString(invoice.currency.code)
        writeLiteral(#","issueDate":"#)
        writeDate(invoice.issueDate)
        writeLiteral(#","dueDate":"#)
        writeDate(invoice.dueDate)
        writeLiteral(#","terms":"#)
        try writeNested(invoice.terms)
        if let purchaseOrderNumber = invoice.purchaseOrderNumber {
            writeLiteral(#","purchaseOrderNumber":"#)
            writeString(purchaseOrderNumber)
        }
        if let paymentMethod = invoice.paymentMethod {
            writeLiteral(#","paymentMethod":"#)
            try writeNested(paymentMethod)
        }
        writeLiteral(#","lines":["#)
        for (index, line) in invoice.lines.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            writeLine(line)
        }
        writeLiteral(#"],"totals":"#)
        writeTotals(invoice.totals)
        if let taxNote = invoice.taxNote {
            writeLiteral(#","taxNote":"#)
            writeString(taxNote)
        }
        if let stampDuty = invoice.stampDuty {
            writeLiteral(#","stampDuty":"#)
            writeMoney(stampDuty)
        }
        writeLiteral(#","balanceApplied":"#)
        writeMoney(invoice.balanceApplied)
        writeLiteral(#","amountDue":"#)
        writeMoney(invoice.amountDue)
        bytes.append(UInt8(ascii: "}"))
    }

    private func writeAddress(_ address: Address) {
        writeLiteral(#"{"lines":["#)
        for (index, line) in address.lines.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            writeString(line)
        }
        writeLiteral(#"],"postalCode":"#)
        writeString(address.postalCode)
        writeLiteral(#","city":"#)
        writeString(address.city)
        if let region = address.region {
            writeLiteral(#","region":"#)
            writeString(region)
        }
        writeLiteral(#","country":"#)
        writeString(address.country)
        bytes.append(UInt8(ascii: "}"))
    }

    /// A subscription as its conformance writes it: its history is not part of the record.
    private func writeSubscription(_ subscription: Subscription) {
        writeLiteral(#"{"id":"#)
        writeString(subscription.id)
        writeLiteral(#","accountID":"#)
        writeString(subscription.accountID)
        let selection = subscription.selection
        writeLiteral(#","selection":{"productID":"#)
        writeString(selection.productID)
        writeLiteral(#","tierID":"#)
        writeString(selection.tierID)
        writeLiteral(#","seats":"#)
        writeInteger(selection.seats)
        writeLiteral(#","frequency":"#)
        writeString(selection.frequency.rawValue)
        writeLiteral(#"},"unitPrice":"#)
        writeMoney(subscription.unitPrice)
        writeLiteral(#","anchorDay":"#)
        writeInteger(subscription.anchorDay)
        writeLiteral(#","currentPeriod":"#)
        writePeriod(subscription.currentPeriod)
        writeLiteral(#","status":"#)
        writeString(subscription.status.rawValue)
        writeLiteral(#","startedOn":"#)
        writeDate(subscription.startedOn)
        if let cancelledOn = subscription.cancelledOn {
            writeLiteral(#","cancelledOn":"#)
            writeDate(cancelledOn)
        }
        if let expiredOn = subscription.expiredOn {
            writeLiteral(#","expiredOn":"#)
            writeDate(expiredOn)
        }
        bytes.append(UInt8(ascii: "}"))
    }

    /// An invoice or credit line as its synthesised `Codable` conformance writes it: members in
    /// declaration order, an absent optional left out.
    private func writeLine(_ line: InvoiceLine) {
        writeLiteral(#"{"description":"#)
        writeString(line.description)
        if let item = line.item {
            writeLiteral(#","item":{"kind":"#)
            writeString(item.kind.rawValue)
            writeLiteral(#","product":"#)
            writeString(item.product)
            writeLiteral(#","tier":"#)
            writeString(item.tier)
            writeLiteral(#","seats":"#)
            writeInteger(item.seats)
            writeLiteral(#","frequency":"#)
            writeString(item.frequency.rawValue)
            bytes.append(UInt8(ascii: "}"))
        }
        if let period = line.period {
            writeLiteral(#","period":"#)
            writePeriod(period)
        }
        writeLiteral(#","quantity":"#)
        writeInteger(line.quantity)
        writeLiteral(#","unitPrice":"#)
        writeMoney(line.unitPrice)
        writeLiteral(#","fraction":{"numerator":"#)
        writeInteger(line.fraction.numerator)
        writeLiteral(#","denominator":"#)
        writeInteger(line.fraction.denominator)
        writeLiteral(#"},"amount":"#)
        writeMoney(line.amount)
        writeLiteral(#","taxRate":"#)
        writeRate(line.taxRate)
        bytes.append(UInt8(ascii: "}"))
    }

    private func writeTotals(_ totals: DocumentTotals) {
        writeLiteral(#"{"subtotal":"#)
        writeMoney(totals.subtotal)
        writeLiteral(#","taxes":["#)
        for (index, tax) in totals.taxes.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            writeLiteral(#"{"rate":"#)
            writeRate(tax.rate)
            writeLiteral(#","taxable":"#)
            writeMoney(tax.taxable)
            writeLiteral(#","tax":"#)
            writeMoney(tax.tax)
            bytes.append(UInt8(ascii: "}"))
        }
        writeLiteral(#"],"taxTotal":"#)
        writeMoney(totals.taxTotal)
        writeLiteral(#","total":"#)
        writeMoney(totals.total)
        bytes.append(UInt8(ascii: "}"))
    }

    private func writeRate(_ rate: TaxRate) {
        writeLiteral(#"{"basisPoints":"#)
        writeInteger(rate.basisPoints)
        bytes.append(UInt8(ascii: "}"))
    }

    private func writePeriod(_ period: DatePeriod) {
        writeLiteral(#"{"start":"#)
        writeDate(period.start)
        writeLiteral(#","end":"#)
        writeDate(period.end)
        bytes.append(UInt8(ascii: "}"))
    }

    /// `{"amount":"-1234.56","currency":"EUR"}`, as `Money.encode(to:)` writes it.
    private func writeMoney(_ money: Money) {
        writeLiteral(#"{"amount":""#)
        money.appendDecimal(to: &bytes)
        writeLiteral(#"","currency":"#)
        writeString(money.currency.code)
        bytes.append(UInt8(ascii: "}"))
    }

    /// `"YYYY-MM-DD"`.
    private func writeDate(_ date: CalendarDate) {
        bytes.append(UInt8(ascii: "\""))
        writeDigits(UInt64(date.year), width: 4)
        bytes.append(UInt8(ascii: "-"))
        writeDigits(UInt64(date.month), width: 2)
        bytes.append(UInt8(ascii: "-"))
        writeDigits(UInt64(date.day), width: 2)
        bytes.append(UInt8(ascii: "\""))
    }

}

extension RecordDecoding {
    /// Reads a value of the kinds above straight from the tape, or `nil` to let `Codable` read it
    /// (and word any error).
    func readLeaf<T>(_ type: T.Type) -> T? {
        guard handwritten else { return nil }
        if T.self == Money.self {
            return money().map { unsafeBitCast($0, to: T.self) }
        } else if T.self == CalendarDate.self {
            return date(at: node).map { unsafeBitCast($0, to: T.self) }
        } else if T.self == DatePeriod.self {
            guard let start = member("start").flatMap(date(at:)), let end = member("end").flatMap(date(at:)),
                let period = try? DatePeriod(start: start, end: end)
            else { return nil }
            return unsafeBitCast(period, to: T.self)
        } else if T.self == Currency.self {
            return currency(at: node).map { unsafeBitCast($0, to: T.self) }
        } else if T.self == Subscription.self {
            return subscription().map { unsafeBitCast($0, to: T.self) }
        } else if T.self == Account.self {
            return account().map { unsafeBitCast($0, to: T.self) }
        } else if T.self == StoreEvent.self {
            return storeEvent().map { unsafeBitCast($0, to: T.self) }
        }
        return nil
    }

    private func money() -> Money? {
        guard let amount = member("amount").flatMap(plainString(at:)),
            let currency = member("currency").flatMap(currency(at:))
        else { return nil }
        return try? Money(decimal: amount, currency: currency)
    }

    private func currency(at node: Int) -> Currency? {
        plainString(at: node).flatMap { try? Currency(code: $0) }
    }

    private func date(at node: Int) -> CalendarDate? {
        plainString(at: node).flatMap { try? CalendarDate($0) }
    }

    /// The text of a string node without escapes.
    private func plainString(at node: Int) -> String? {
        tape.nodes[node].kind == .string ? tape.string(at: node) : nil
    }

    /// The value node of the first member named `name` of this object, as the keyed container
    /// finds it; `nil` if this is not an object or has no such member.
    func member(_ name: String) -> Int? { member(name, of: node) }

    /// The value node of the first member named `name` of the object at `object`.
    func member(_ name: String, of object: Int) -> Int? {
        let nodes = tape.nodes
        guard nodes[object].kind == .object else { return nil }
        var index = object + 1
        for _ in 0..<Int(nodes[object].count) {
            if tape.keyEquals(index, name) { return index + 1 }
            index = Int(nodes[index + 1].next)
        }
        return nil
    }
}
