import Billing
import Foundation
import HistoryStore

extension Generator {
    mutating func payment(accountID: String) throws -> Payment {
        try Payment(
            id: unique("PAY"),
            accountID: accountID,
            invoiceNumber: try optional { try $0.number(.invoice) },
            amount: money(try currency(), positive: true),
            receivedOn: date(),
            method: text()
        )
    }

    mutating func credit(accountID: String) throws -> AccountCredit {
        let currency = try currency()
        return AccountCredit(
            id: unique("CR"),
            accountID: accountID,
            date: date(),
            description: text(),
            lines: try list(0...3) { try $0.line(currency) },
            amount: money(currency)
        )
    }

    mutating func actor() throws -> Actor {
        switch int(0...2) {
        case 0: return .user(email: email())
        case 1: return .representative(name: text().replacingOccurrences(of: "\n", with: " "))
        default: return .system
        }
    }

    mutating func quote(accountID: String) throws -> Quote {
        Quote.stored(
            id: unique("Q"),
            accountID: accountID,
            subscriptionID: unique("SUB"),
            preparedBy: try actor(),
            selection: selection(),
            unitPrice: money(try currency(), positive: true),
            preparedOn: date(),
            validUntil: date(),
            status: pick([.open, .accepted]),
            acceptedOn: optional { $0.date() },
            termEnds: optional { $0.date() }
        )
    }

    mutating func w9Request(accountID: String) throws -> W9Request {
        var request = try W9Request(
            id: unique("W9"),
            accountID: accountID,
            requester: try contact(),
            formType: pick(W9FormType.allCases),
            details: text(),
            submittedOn: date()
        )
        request.status = pick([.requested, .fulfilled])
        request.fulfilledOn = optional { $0.date() }
        request.regionalForm = try optional { try RegionalForm(region: $0.pick(["IT", "US-CA"]), name: $0.text()) }
        return request
    }

    mutating func printedDocument() -> PrintedDocument {
        PrintedDocument(
            kind: pick(["invoice", "credit-note", "statement", "w9-packet"]),
            reference: text(),
            accountID: optional { $0.unique("ACC") },
            format: pick(["pdf", "html"]),
            sha256: String(repeating: pick(["a", "0", "f"]), count: 64),
            size: int(0...10_000_000),
            templateVersion: text(),
            printedAt: "2026-\(int(10...12))-0\(int(1...9))T10:00:00Z",
            path: "/tmp/\(text())"
        )
    }

    /// An event of every kind of action in turn (`index` picks the action), its fields at random.
    mutating func event(_ index: Int, accountID: String) throws -> StoreEvent {
        let subscription = unique("SUB")
        let action: StoreAction
        switch index % 31 {
        case 0: action = .setVendor(try vendor())
        case 1: action = .setCatalog(try catalog())
        case 2: action = .openAccount(try account())
        case 3:
            action = .updateAccount(
                accountID: accountID,
                update: AccountUpdate(
                    name: optional { $0.text() },
                    billingAddress: optional { $0.address() },
                    locale: optional { $0.pick(DocumentLanguage.codes) },
                    taxIdentifiers: try optional { try $0.list(0...2) { try $0.taxIdentifier() } },
                    users: try optional { try $0.list(0...2) { try $0.contact() } },
                    eInvoicing: try optional { try $0.eInvoiceAddress() },
                    taxTreatment: try optional { try $0.taxTreatment() },
                    paper: optional { $0.pick(PaperSize.allCases) },
                    eInvoiceForm: optional { $0.pick(EInvoiceChoice.allCases) }
                )
            )
        case 4: action = .appointBillingContact(accountID: accountID, contact: try contact())
        case 5: action = .setPaymentMethod(accountID: accountID, method: paymentMethod())
        case 6: action = .addPurchaseOrder(accountID: accountID, order: try purchaseOrder(try currency()))
        case 7: action = .purchase(accountID: accountID, subscriptionID: subscription, selection: selection())
        case 8: action = .change(subscriptionID: subscription, selection: selection())
        case 9: action = .cancel(subscriptionID: subscription)
        case 10: action = .withdrawCancellation(subscriptionID: subscription)
        case 11: action = .reactivate(subscriptionID: subscription)
        case 12: action = .renew(subscriptionID: subscription)
        case 13: action = .runInvoices(kind: optional { $0.pick(AccountKind.allCases) })
        case 14:
            action = .prepareQuote(
                quoteID: unique("Q"),
                subscriptionID: subscription,
                selection: selection(),
                unitPrice: try optional { $0.money(try $0.currency(), positive: true) },
                validUntil: date(),
                termEnds: optional { $0.date() }
            )
        case 15: action = .acceptQuote(quoteID: unique("Q"))
        case 16:
            action = .recordPayment(
                paymentID: unique("PAY"),
                accountID: accountID,
                invoice: try optional { $0.bool() ? .number(try $0.number(.invoice)) : .key($0.unique("KEY")) },
                amount: money(try currency(), positive: true),
                method: text()
            )
        case 17:
            action = .voidInvoice(invoice: bool() ? .number(try number(.invoice)) : .key(unique("KEY")), reason: text())
        case 18:
            action = .requestW9(
                requestID: unique("W9"),
                accountID: accountID,
                formType: pick(W9FormType.allCases),
                details: text(),
                regionalForm: try optional {
                    try RegionalForm(region: $0.pick(["IT", "US-CA", "DE"]), name: $0.text())
                }
            )
        case 19:
            action = .fulfilW9(requestID: unique("W9"))
        case 20:
            let currency = try currency()
            action = .creditInvoice(
                invoice: bool() ? .number(try number(.invoice)) : .key(unique("KEY")),
                scope: pick([.whole, .line(int(1...9)), .amount(money(currency, positive: true))]),
                reason: text()
            )
        case 21:
            action = .refundCredit(
                refundID: unique("RF"),
                accountID: accountID,
                amount: money(try currency(), positive: true),
                method: text()
            )
        case 22:
            action = .recordOverpayment(
                paymentID: unique("PAY"),
                accountID: accountID,
                invoice: bool() ? .number(try number(.invoice)) : .key(unique("KEY")),
                amount: money(try currency(), positive: true),
                method: text()
            )
        case 23:
            action = .updatePurchaseOrder(
                accountID: accountID,
                number: "PO-\(text())",
                cap: try optional { $0.money(try $0.currency(), positive: true) },
                validity: try optional { try $0.period() }
            )
        case 24: action = .closePurchaseOrder(accountID: accountID, number: "PO-\(text())")
        case 25:
            action = .pinPurchaseOrder(
                accountID: accountID,
                subscriptionID: optional { $0.unique("SUB") },
                number: optional { "PO-\($0.text())" }
            )
        case 26:
            action = .setReminderPolicy(
                ReminderPolicy(
                    levels: list(0...3) { generator in
                        ReminderLevel(
                            days: generator.int(1...90),
                            wording: generator.bool() ? [generator.pick(DocumentLanguage.codes): generator.text()] : [:]
                        )
                    }
                )
            )
        case 27: action = .issueReminder(reminderID: unique("REM"), accountID: accountID)
        case 28: action = .setTaxRules(try taxRules())
        case 29: action = .setNumbering(series: pick(DocumentSeries.allCases), allowsBackDating: bool())
        default:
            action = .setNumberFormat(
                series: pick(DocumentSeries.allCases),
                format: try NumberFormat(prefix: pick(["", "FT-", "GS_", "INV"]), digits: int(4...8)),
                fromYear: int(2000...2099)
            )
        }
        return StoreEvent(date: date(), actor: try actor(), action: action)
    }

    mutating func taxRules() throws -> TaxRules {
        func rates(_ keys: [String]) throws -> [String: TaxRate] {
            var table: [String: TaxRate] = [:]
            for key in keys where bool() { table[key] = try rate() }
            return table
        }
        return TaxRules(
            sellerCountry: pick(["IT", "DE", "FR"]),
            domesticRate: try rate(),
            reducedRates: try rates(["webinar", "ebook", "course"]),
            usesOSS: bool(),
            ossRates: try rates(["AT", "DE", "FR", "IE"]),
            usStateRates: try rates(["CA", "TX", "WA"])
        )
    }

    mutating func catalog() throws -> Catalog {
        let currency = try currency()
        return Catalog(
            products: list(0...2) { generator in
                Product(
                    id: generator.unique("P"),
                    name: generator.text(),
                    tiers: generator.list(0...3) {
                        var tier = PlanTier(
                            id: $0.unique("T"),
                            name: $0.text(),
                            participants: $0.optional { $0.int(1...5000) }
                        )
                        tier.retired = $0.optional { $0.bool() }
                        return tier
                    }
                )
            },
            prices: list(0...3) {
                SeatPrice(
                    productID: $0.unique("P"),
                    tierID: $0.unique("T"),
                    frequency: $0.pick(BillingFrequency.allCases),
                    unitPrice: $0.money(currency, positive: true)
                )
            }
        )
    }

    mutating func vendor() throws -> Vendor {
        var vendor = Vendor(
            legalName: text(),
            address: address(),
            remitTo: optional { $0.address() },
            taxIdentifiers: try list(0...2) { try $0.taxIdentifier() },
            email: email(),
            website: optional { "https://\($0.unique("v")).example" },
            bankDetails: optional { $0.text() },
            w9: try optional { try $0.w9Information() }
        )
        vendor.logo = optional { "data:image/png;base64,\($0.unique("AAAA"))" }
        return vendor
    }

    /// A vendor's W-9 facts, valid by the form's rules: an address in the US, an EIN or an SSN.
    mutating func w9Information() throws -> W9Information {
        let classification: FederalTaxClassification = pick([
            .partnership, .trustEstate, .llc(code: .p), .llc(code: .c), .cCorporation, .other(text()),
        ])
        let partners =
            classification == .partnership || classification == .trustEstate
            || classification == .llc(code: .p)
        return try W9Information(
            name: text(),
            businessName: optional { $0.text() },
            classification: classification,
            hasForeignPartners: partners && bool(),
            exemptPayeeCode: optional { String($0.int(1...13)) },
            fatcaCode: optional { $0.pick(["A", "E", "M"]) },
            address: Address(
                lines: list(0...2) { $0.text() },
                postalCode: pick(["94105", "10001-1234"]),
                city: text(),
                region: pick(["CA", "NY", "WA"]),
                country: "US"
            ),
            tin: try pick([TaxIdentifier(.ein, "91-1144442"), TaxIdentifier(.ssn, "536-90-4399")]),
            signerName: text(),
            signerTitle: text(),
            signatureDate: date()
        )
    }
}
