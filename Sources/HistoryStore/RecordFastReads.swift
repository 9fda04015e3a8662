import Billing

// Hand-written readers for what the store reads most — the subscription and account every renewal
// reads, and the events an import is full of — giving exactly what their `Codable` conformances
// give.
//
// Through `Codable` an account cost some 85,000 instructions to read: a keyed container for it,
// its contact and its address, each member found by name through generic code (a fifth of a
// renewal, `docs/performance.md`). These read the plain members straight from the tape and leave
// the rare, richer ones (tax identifiers, payment methods, purchase orders, invoice numbers) to
// their own conformances. Whenever anything is not exactly the expected shape they return `nil`
// and the value is read through `Codable` from the start, which words the error.

extension RecordDecoding {
    /// A subscription as `Subscription.init(from:)` reads it; `nil` to let it.
    func subscription() -> Subscription? {
        guard let id = member("id").flatMap(text(at:)),
            let accountID = member("accountID").flatMap(text(at:)),
            let selection = member("selection").flatMap(selection(at:)),
            let unitPrice = member("unitPrice").flatMap({ nested(Money.self, at: $0) }),
            let anchorDay = member("anchorDay").flatMap({ nested(Int.self, at: $0) }),
            let currentPeriod = member("currentPeriod").flatMap({ nested(DatePeriod.self, at: $0) }),
            let status = member("status").flatMap(text(at:)).flatMap(SubscriptionStatus.init),
            let startedOn = member("startedOn").flatMap({ nested(CalendarDate.self, at: $0) }),
            let cancelledOn = optional(CalendarDate.self, "cancelledOn"),
            let expiredOn = optional(CalendarDate.self, "expiredOn")
        else { return nil }
        return Subscription(
            id: id,
            accountID: accountID,
            selection: selection,
            unitPrice: unitPrice,
            anchorDay: anchorDay,
            currentPeriod: currentPeriod,
            status: status,
            startedOn: startedOn,
            cancelledOn: cancelledOn,
            expiredOn: expiredOn
        )
    }

    /// An event of the kinds an import and a run hold most — accounts opened, subscriptions bought,
    /// changed, cancelled and renewed, payments — as `StoreEvent.init(from:)` reads it; `nil` to let
    /// it read this one (and word any error).
    func storeEvent() -> StoreEvent? {
        guard let date = member("date").flatMap({ nested(CalendarDate.self, at: $0) }),
            let actor = member("actor").flatMap(text(at:)).flatMap({ try? Actor(parsing: $0) }),
            let name = member("action").flatMap(text(at:))
        else { return nil }
        func string(_ key: String) -> String? { member(key).flatMap(text(at:)) }
        let action: StoreAction?
        switch name {
        case "open-account": action = member("account").flatMap(account(at:)).map { .openAccount($0) }
        case "purchase":
            guard let account = string("account"), let subscription = string("subscription"),
                let selection = member("selection").flatMap(selection(at:))
            else { return nil }
            action = .purchase(accountID: account, subscriptionID: subscription, selection: selection)
        case "change":
            guard let subscription = string("subscription"), let selection = member("selection").flatMap(selection(at:))
            else { return nil }
            action = .change(subscriptionID: subscription, selection: selection)
        case "renew": action = string("subscription").map { .renew(subscriptionID: $0) }
        case "cancel": action = string("subscription").map { .cancel(subscriptionID: $0) }
        case "record-payment":
            // An invoice named by number goes through `Codable`, as do other shapes.
            guard member("invoice") == nil, let payment = string("payment"), let account = string("account"),
                let invoiceKey = optionalMember("invoiceKey", text(at:)),
                let amount = member("amount").flatMap({ nested(Money.self, at: $0) }), let method = string("method")
            else { return nil }
            action = .recordPayment(
                paymentID: payment,
                accountID: account,
                invoice: invoiceKey.map { .key($0) },
                amount: amount,
                method: method
            )
        default: action = nil
        }
        return action.map { StoreEvent(date: date, actor: actor, action: $0) }
    }

    /// An account as `Account.init(from:)` reads it; `nil` to let it.
    func account() -> Account? { account(at: node) }

    /// The account at `node`.
    private func account(at node: Int) -> Account? {
        RecordDecoding(tape: tape, node: node, handwritten: handwritten).plainAccount()
    }

    /// A subscription's selection, as its synthesised conformance reads it.
    private func selection(at node: Int) -> SubscriptionSelection? {
        guard let productID = member("productID", of: node).flatMap(text(at:)),
            let tierID = member("tierID", of: node).flatMap(text(at:)),
            let seats = member("seats", of: node).flatMap({ nested(Int.self, at: $0) }),
            let frequency = member("frequency", of: node).flatMap(text(at:)).flatMap(BillingFrequency.init)
        else { return nil }
        return SubscriptionSelection(productID: productID, tierID: tierID, seats: seats, frequency: frequency)
    }

    /// The account this decoder is at.
    private func plainAccount() -> Account? {
        guard let locale = member("locale").flatMap(text(at:)), locale == "it" || locale == "en",
            let id = member("id").flatMap(text(at:)),
            let name = member("name").flatMap(text(at:)),
            let kind = member("kind").flatMap(text(at:)).flatMap(AccountKind.init),
            let billingContact = member("billingContact").flatMap(contact(at:)),
            let users = optionalList("users", contact(at:)),
            let billingAddress = member("billingAddress").flatMap(address(at:)),
            let currency = member("currency").flatMap({ nested(Currency.self, at: $0) }),
            let taxIdentifiers = optional([TaxIdentifier].self, "taxIdentifiers"),
            let taxTreatment = member("taxTreatment").flatMap(taxTreatment(at:)),
            let paymentMethod = optional(PaymentMethod.self, "paymentMethod"),
            let paymentTerms = optionalMember("paymentTerms", paymentTerms(at:)),
            let purchaseOrders = optional([PurchaseOrder].self, "purchaseOrders"),
            let eInvoicing = optional(EInvoiceAddress.self, "eInvoicing")
        else { return nil }
        return Account(
            id: id,
            name: name,
            kind: kind,
            billingContact: billingContact,
            users: users ?? [],
            billingAddress: billingAddress,
            locale: locale,
            currency: currency,
            taxIdentifiers: taxIdentifiers ?? [],
            taxTreatment: taxTreatment,
            paymentMethod: paymentMethod,
            paymentTerms: paymentTerms,
            purchaseOrders: purchaseOrders ?? [],
            eInvoicing: eInvoicing
        )
    }

    /// A tax treatment as its synthesised conformance writes it.
    ///
    /// One member named after the case, holding the associated values: `{"vat":{"rate":…}}`,
    /// `{"noTax":{}}`, `{"reverseCharge":{"note":…}}` and so on.
    private func taxTreatment(at node: Int) -> TaxTreatment? {
        guard let (name, value) = singleCase(at: node) else { return nil }
        switch name {
        case "vat":
            return member("rate", of: value).flatMap { nested(TaxRate.self, at: $0) }.map { .vat(rate: $0) }
        case "noTax":
            return optionalText("note", of: value).map { .noTax(note: $0) }
        case "reverseCharge":
            return member("note", of: value).flatMap(text(at:)).map { .reverseCharge(note: $0) }
        case "exempt":
            return member("note", of: value).flatMap(text(at:)).map { .exempt(note: $0) }
        case "salesTax":
            guard let rate = member("rate", of: value).flatMap({ nested(TaxRate.self, at: $0) }),
                let jurisdiction = member("jurisdiction", of: value).flatMap(text(at:))
            else { return nil }
            return .salesTax(rate: rate, jurisdiction: jurisdiction)
        default: return nil
        }
    }

    /// Payment terms as their synthesised conformance writes them: `{"dueOnReceipt":{}}` or
    /// `{"net":{"days":30}}`.
    private func paymentTerms(at node: Int) -> PaymentTerms? {
        guard let (name, value) = singleCase(at: node) else { return nil }
        switch name {
        case "dueOnReceipt": return .dueOnReceipt
        case "net": return member("days", of: value).flatMap { nested(Int.self, at: $0) }.map { .net(days: $0) }
        default: return nil
        }
    }

    /// The one member of an enum case's object and its value, an object itself.
    private func singleCase(at node: Int) -> (name: String, value: Int)? {
        let nodes = tape.nodes
        guard nodes[node].kind == .object, nodes[node].count == 1, nodes[node + 2].kind == .object,
            let name = tape.string(at: node + 1)
        else { return nil }
        return (name, node + 2)
    }

    /// A contact, with the checks of `Contact.init`.
    private func contact(at node: Int) -> Contact? {
        guard let name = member("name", of: node).flatMap(text(at:)),
            let email = member("email", of: node).flatMap(text(at:)),
            let phone = optionalText("phone", of: node),
            let title = optionalText("title", of: node)
        else { return nil }
        return try? Contact(name: name, email: email, phone: phone, title: title)
    }

    /// An address as its synthesised conformance reads it, which keeps the country as written:
    /// only an upper-case country can go through `Address.init`, which upper-cases it.
    private func address(at node: Int) -> Address? {
        guard let linesNode = member("lines", of: node), let lines = list(at: linesNode, text(at:)),
            let postalCode = member("postalCode", of: node).flatMap(text(at:)),
            let city = member("city", of: node).flatMap(text(at:)),
            let region = optionalText("region", of: node),
            let country = member("country", of: node).flatMap(text(at:)), country == country.uppercased()
        else { return nil }
        return Address(lines: lines, postalCode: postalCode, city: city, region: region, country: country)
    }

    /// A string member, escapes resolved.
    private func text(at node: Int) -> String? {
        let kind = tape.nodes[node].kind
        return kind == .string || kind == .escapedString ? tape.string(at: node) : nil
    }

    /// A value through its own conformance; `nil` if it does not read.
    private func nested<T: Decodable>(_ type: T.Type, at node: Int) -> T? {
        try? RecordDecoding(tape: tape, node: node, handwritten: handwritten).decodeValue(type)
    }

    /// An optional member as `decodeIfPresent` reads it: `.some(nil)` when it is absent or null,
    /// `nil` when it is there but does not read.
    private func optional<T: Decodable>(_ type: T.Type, _ name: String) -> T?? {
        optionalMember(name) { nested(type, at: $0) }
    }

    /// An optional member of `object` (this value by default) read by `read`: `.some(nil)` when
    /// absent or null, `nil` when it is there but does not read.
    private func optionalMember<T>(_ name: String, of object: Int? = nil, _ read: (Int) -> T?) -> T?? {
        guard let node = member(name, of: object ?? self.node), tape.nodes[node].kind != .null else {
            return .some(nil)
        }
        return read(node).map { .some($0) }
    }

    private func optionalText(_ name: String, of object: Int) -> String?? {
        optionalMember(name, of: object, text(at:))
    }

    private func optionalList<T>(_ name: String, _ element: (Int) -> T?) -> [T]?? {
        optionalMember(name) { list(at: $0, element) }
    }

    /// The elements of an array, each read by `element`; `nil` if any does not read.
    private func list<T>(at node: Int, _ element: (Int) -> T?) -> [T]? {
        let nodes = tape.nodes
        guard nodes[node].kind == .array else { return nil }
        var result: [T] = []
        result.reserveCapacity(Int(nodes[node].count))
        var index = node + 1
        for _ in 0..<Int(nodes[node].count) {
            guard let value = element(index) else { return nil }
            result.append(value)
            index = Int(nodes[index].next)
        }
        return result
    }
}
