import Billing

/// The JSON form of an event, as in `docs/data-format.md`:
/// `{"date": "2026-01-15", "actor": "anna@example.it", "action": "purchase", "account": "…", …}`.
extension StoreEvent: Codable {
    private enum Key: String, CodingKey {
        case date, actor, action, account, subscription, selection, contact, method, order, vendor, catalog, changes
        case kind, quote, unitPrice, validUntil, payment, invoice, invoiceKey, amount, reason, request, formType,
            details
        case number, cap, validity, policy, reminder
        case rules, series, allowsBackDating
        case line, refund, termEnds, region, formName
        case prefix, digits, fromYear
        case relay
    }

    /// Decodes an event; a missing or wrong field is a `DecodingError` whose path names it.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        date = try container.decode(CalendarDate.self, forKey: .date)
        let actorText = try container.decode(String.self, forKey: .actor)
        do {
            actor = try Actor(parsing: actorText)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .actor, in: container, debugDescription: error.description)
        }
        let name = try container.decode(String.self, forKey: .action)
        action = try Self.decodeAction(named: name, from: container)
    }

    /// `text`, if the key names a record (account, subscription, payment, quote, request) and the
    /// text follows the id grammar (issue 25, D17); other keys pass as they are.
    private static func checkedID(_ text: String, _ key: Key, _ container: KeyedDecodingContainer<Key>) throws -> String
    {
        guard [.account, .subscription, .payment, .quote, .request].contains(key) else { return text }
        do {
            try RecordID.check(text, kind: "\(key.stringValue) id")
        } catch {
            throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: error.description)
        }
        return text
    }

    private static func decodeAction(
        named name: String,
        from container: KeyedDecodingContainer<Key>
    ) throws
        -> StoreAction
    {
        func string(_ key: Key) throws -> String {
            try Self.checkedID(container.decode(String.self, forKey: key), key, container)
        }
        switch name {
        case "set-vendor": return .setVendor(try container.decode(Vendor.self, forKey: .vendor))
        case "set-catalog": return .setCatalog(try container.decode(Catalog.self, forKey: .catalog))
        case "open-account": return .openAccount(try container.decode(Account.self, forKey: .account))
        case "update-account":
            return .updateAccount(
                accountID: try string(.account),
                update: try container.decode(AccountUpdate.self, forKey: .changes)
            )
        case "appoint-billing-contact":
            return .appointBillingContact(
                accountID: try string(.account),
                contact: try container.decode(Contact.self, forKey: .contact)
            )
        case "set-payment-method":
            return .setPaymentMethod(
                accountID: try string(.account),
                method: try container.decode(PaymentMethod.self, forKey: .method)
            )
        case "add-purchase-order":
            return .addPurchaseOrder(
                accountID: try string(.account),
                order: try container.decode(PurchaseOrder.self, forKey: .order)
            )
        case "purchase":
            return .purchase(
                accountID: try string(.account),
                subscriptionID: try string(.subscription),
                selection: try container.decode(SubscriptionSelection.self, forKey: .selection)
            )
        case "change":
            return .change(
                subscriptionID: try string(.subscription),
                selection: try container.decode(SubscriptionSelection.self, forKey: .selection)
            )
        case "cancel": return .cancel(subscriptionID: try string(.subscription))
        case "withdraw-cancellation": return .withdrawCancellation(subscriptionID: try string(.subscription))
        case "reactivate": return .reactivate(subscriptionID: try string(.subscription))
        case "renew": return .renew(subscriptionID: try string(.subscription))
        case "run-invoices": return .runInvoices(kind: try container.decodeIfPresent(AccountKind.self, forKey: .kind))
        case "prepare-quote":
            return .prepareQuote(
                quoteID: try string(.quote),
                subscriptionID: try string(.subscription),
                selection: try container.decode(SubscriptionSelection.self, forKey: .selection),
                unitPrice: try container.decodeIfPresent(Money.self, forKey: .unitPrice),
                validUntil: try container.decode(CalendarDate.self, forKey: .validUntil),
                termEnds: try container.decodeIfPresent(CalendarDate.self, forKey: .termEnds)
            )
        case "accept-quote": return .acceptQuote(quoteID: try string(.quote))
        case "record-payment":
            return .recordPayment(
                paymentID: try string(.payment),
                accountID: try string(.account),
                invoice: try invoiceReference(container),
                amount: try container.decode(Money.self, forKey: .amount),
                method: try string(.method)
            )
        case "void-invoice":
            guard let invoice = try invoiceReference(container) else {
                throw DecodingError.keyNotFound(
                    Key.invoice,
                    DecodingError.Context(
                        codingPath: container.codingPath,
                        debugDescription: "give \"invoice\" (a number) or \"invoiceKey\""
                    )
                )
            }
            return .voidInvoice(invoice: invoice, reason: try string(.reason))
        case "request-w9":
            return .requestW9(
                requestID: try string(.request),
                accountID: try string(.account),
                formType: try container.decode(W9FormType.self, forKey: .formType),
                details: try string(.details),
                regionalForm: try regionalForm(container)
            )
        case "fulfil-w9": return .fulfilW9(requestID: try string(.request))
        case "record-overpayment": return try decodeOverpayment(container)
        case "update-purchase-order":
            return .updatePurchaseOrder(
                accountID: try string(.account),
                number: try string(.number),
                cap: try container.decodeIfPresent(Money.self, forKey: .cap),
                validity: try container.decodeIfPresent(DatePeriod.self, forKey: .validity)
            )
        case "close-purchase-order":
            return .closePurchaseOrder(accountID: try string(.account), number: try string(.number))
        case "pin-purchase-order":
            return .pinPurchaseOrder(
                accountID: try string(.account),
                subscriptionID: try container.decodeIfPresent(String.self, forKey: .subscription),
                number: try container.decodeIfPresent(String.self, forKey: .number)
            )
        case "set-reminder-policy":
            return .setReminderPolicy(try container.decode(ReminderPolicy.self, forKey: .policy))
        case "issue-reminder":
            return .issueReminder(reminderID: try string(.reminder), accountID: try string(.account))
        case "set-tax-rules": return .setTaxRules(try container.decode(TaxRules.self, forKey: .rules))
        case "set-numbering":
            return .setNumbering(
                series: try container.decode(DocumentSeries.self, forKey: .series),
                allowsBackDating: try container.decode(Bool.self, forKey: .allowsBackDating)
            )
        case "credit-invoice": return try decodeCredit(container)
        case "refund-credit":
            return .refundCredit(
                refundID: try string(.refund),
                accountID: try string(.account),
                amount: try container.decode(Money.self, forKey: .amount),
                method: try string(.method)
            )
        case "set-number-format": return try decodeNumberFormat(container)
        case "set-mail-relay": return .setMailRelay(try container.decode(MailRelay.self, forKey: .relay))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .action,
                in: container,
                debugDescription: "unknown action '\(name)'; see docs/data-format.md for the list"
            )
        }
    }

    private static func decodeOverpayment(_ container: KeyedDecodingContainer<Key>) throws -> StoreAction {
        guard let invoice = try invoiceReference(container) else {
            throw DecodingError.keyNotFound(
                Key.invoice,
                DecodingError.Context(
                    codingPath: container.codingPath,
                    debugDescription: "give \"invoice\" (a number) or \"invoiceKey\": an overpayment pays an invoice"
                )
            )
        }
        return .recordOverpayment(
            paymentID: try container.decode(String.self, forKey: .payment),
            accountID: try container.decode(String.self, forKey: .account),
            invoice: invoice,
            amount: try container.decode(Money.self, forKey: .amount),
            method: try container.decode(String.self, forKey: .method)
        )
    }

    /// A `credit-invoice` event: the invoice, then `line` or `amount` (neither: all of it), and the reason.
    private static func decodeCredit(_ container: KeyedDecodingContainer<Key>) throws -> StoreAction {
        guard let invoice = try invoiceReference(container) else {
            throw DecodingError.keyNotFound(
                Key.invoice,
                DecodingError.Context(
                    codingPath: container.codingPath,
                    debugDescription: "give \"invoice\" (a number) or \"invoiceKey\""
                )
            )
        }
        let line = try container.decodeIfPresent(Int.self, forKey: .line)
        let amount = try container.decodeIfPresent(Money.self, forKey: .amount)
        let scope: CreditScope
        switch (line, amount) {
        case (let line?, nil): scope = .line(line)
        case (nil, let amount?): scope = .amount(amount)
        case (nil, nil): scope = .whole
        case (_?, _?):
            throw DecodingError.dataCorruptedError(
                forKey: .line,
                in: container,
                debugDescription: "give \"line\" or \"amount\", not both"
            )
        }
        return .creditInvoice(
            invoice: invoice,
            scope: scope,
            reason: try container.decode(String.self, forKey: .reason)
        )
    }

    /// A regional form's `region` and `formName`, both or neither.
    private static func regionalForm(_ container: KeyedDecodingContainer<Key>) throws -> RegionalForm? {
        let region = try container.decodeIfPresent(String.self, forKey: .region)
        let name = try container.decodeIfPresent(String.self, forKey: .formName)
        guard region != nil || name != nil else { return nil }
        do {
            return try RegionalForm(region: region ?? "", name: name ?? "")
        } catch {
            throw DecodingError.dataCorruptedError(
                forKey: region == nil ? .region : .formName,
                in: container,
                debugDescription: error.description
            )
        }
    }

    private static func invoiceReference(_ container: KeyedDecodingContainer<Key>) throws -> InvoiceReference? {
        if let key = try container.decodeIfPresent(String.self, forKey: .invoiceKey) { return .key(key) }
        if let number = try container.decodeIfPresent(DocumentNumber.self, forKey: .invoice) { return .number(number) }
        return nil
    }

    private func encode(_ reference: InvoiceReference?, into container: inout KeyedEncodingContainer<Key>) throws {
        switch reference {
        case .number(let number)?: try container.encode(number, forKey: .invoice)
        case .key(let key)?: try container.encode(key, forKey: .invoiceKey)
        case nil: break
        }
    }

    /// Encodes the event in the documented form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(date, forKey: .date)
        try container.encode(actor.description, forKey: .actor)
        try container.encode(action.name, forKey: .action)
        switch action {
        case .setVendor(let vendor): try container.encode(vendor, forKey: .vendor)
        case .setCatalog(let catalog): try container.encode(catalog, forKey: .catalog)
        case .openAccount(let account): try container.encode(account, forKey: .account)
        case .updateAccount(let account, let update):
            try container.encode(account, forKey: .account)
            try container.encode(update, forKey: .changes)
        case .appointBillingContact(let account, let contact):
            try container.encode(account, forKey: .account)
            try container.encode(contact, forKey: .contact)
        case .setPaymentMethod(let account, let method):
            try container.encode(account, forKey: .account)
            try container.encode(method, forKey: .method)
        case .addPurchaseOrder(let account, let order):
            try container.encode(account, forKey: .account)
            try container.encode(order, forKey: .order)
        case .purchase(let account, let subscription, let selection):
            try container.encode(account, forKey: .account)
            try container.encode(subscription, forKey: .subscription)
            try container.encode(selection, forKey: .selection)
        case .change(let subscription, let selection):
            try container.encode(subscription, forKey: .subscription)
            try container.encode(selection, forKey: .selection)
        case .cancel(let subscription), .withdrawCancellation(let subscription), .reactivate(let subscription),
            .renew(let subscription):
            try container.encode(subscription, forKey: .subscription)
        case .runInvoices(let kind): try container.encodeIfPresent(kind, forKey: .kind)
        case .prepareQuote(let quote, let subscription, let selection, let unitPrice, let validUntil, let termEnds):
            try container.encode(quote, forKey: .quote)
            try container.encode(subscription, forKey: .subscription)
            try container.encode(selection, forKey: .selection)
            try container.encodeIfPresent(unitPrice, forKey: .unitPrice)
            try container.encode(validUntil, forKey: .validUntil)
            try container.encodeIfPresent(termEnds, forKey: .termEnds)
        case .acceptQuote(let quote): try container.encode(quote, forKey: .quote)
        case .recordPayment(let payment, let account, let invoice, let amount, let method):
            try container.encode(payment, forKey: .payment)
            try container.encode(account, forKey: .account)
            try encode(invoice, into: &container)
            try container.encode(amount, forKey: .amount)
            try container.encode(method, forKey: .method)
        case .voidInvoice(let invoice, let reason):
            try encode(invoice, into: &container)
            try container.encode(reason, forKey: .reason)
        case .requestW9(let request, let account, let formType, let details, let form):
            try container.encode(request, forKey: .request)
            try container.encode(account, forKey: .account)
            try container.encode(formType, forKey: .formType)
            try container.encode(details, forKey: .details)
            try container.encodeIfPresent(form?.region, forKey: .region)
            try container.encodeIfPresent(form?.name, forKey: .formName)
        case .fulfilW9(let request): try container.encode(request, forKey: .request)
        case .recordOverpayment(let payment, let account, let invoice, let amount, let method):
            try container.encode(payment, forKey: .payment)
            try container.encode(account, forKey: .account)
            try encode(invoice, into: &container)
            try container.encode(amount, forKey: .amount)
            try container.encode(method, forKey: .method)
        case .updatePurchaseOrder(let account, let number, let cap, let validity):
            try container.encode(account, forKey: .account)
            try container.encode(number, forKey: .number)
            try container.encodeIfPresent(cap, forKey: .cap)
            try container.encodeIfPresent(validity, forKey: .validity)
        case .closePurchaseOrder(let account, let number):
            try container.encode(account, forKey: .account)
            try container.encode(number, forKey: .number)
        case .pinPurchaseOrder(let account, let subscription, let number):
            try container.encode(account, forKey: .account)
            try container.encodeIfPresent(subscription, forKey: .subscription)
            try container.encodeIfPresent(number, forKey: .number)
        case .setReminderPolicy(let policy): try container.encode(policy, forKey: .policy)
        case .issueReminder(let reminder, let account):
            try container.encode(reminder, forKey: .reminder)
            try container.encode(account, forKey: .account)
        case .setTaxRules(let rules): try container.encode(rules, forKey: .rules)
        case .setNumbering(let series, let allowsBackDating):
            try container.encode(series, forKey: .series)
            try container.encode(allowsBackDating, forKey: .allowsBackDating)
        case .creditInvoice(let invoice, let scope, let reason):
            try encode(invoice, into: &container)
            switch scope {
            case .whole: break
            case .line(let line): try container.encode(line, forKey: .line)
            case .amount(let amount): try container.encode(amount, forKey: .amount)
            }
            try container.encode(reason, forKey: .reason)
        case .refundCredit(let refund, let account, let amount, let method):
            try container.encode(refund, forKey: .refund)
            try container.encode(account, forKey: .account)
            try container.encode(amount, forKey: .amount)
            try container.encode(method, forKey: .method)
        case .setNumberFormat(let series, let format, let fromYear):
            try container.encode(series, forKey: .series)
            try container.encode(format.prefix, forKey: .prefix)
            try container.encode(format.digits, forKey: .digits)
            try container.encode(fromYear, forKey: .fromYear)
        case .setMailRelay(let relay): try container.encode(relay, forKey: .relay)
        }
    }

    /// A `set-number-format` event; a prefix or digits that could not be read back are refused here,
    /// naming the field.
    private static func decodeNumberFormat(_ container: KeyedDecodingContainer<Key>) throws -> StoreAction {
        let prefix = try container.decode(String.self, forKey: .prefix)
        let digits = try container.decode(Int.self, forKey: .digits)
        let format: NumberFormat
        do {
            format = try NumberFormat(prefix: prefix, digits: digits)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .prefix, in: container, debugDescription: error.description)
        }
        return .setNumberFormat(
            series: try container.decode(DocumentSeries.self, forKey: .series),
            format: format,
            fromYear: try container.decode(Int.self, forKey: .fromYear)
        )
    }
}
