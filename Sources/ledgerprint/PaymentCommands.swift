import ArgumentParser
import Billing
import Foundation
import HistoryStore

struct PaymentMethodCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "payment-method",
        abstract: "Sets or shows how an account pays (masked details only).",
        subcommands: [Set.self, Show.self]
    )

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Sets a card (last four digits only), a SEPA debit (IBAN, kept masked) or invoice.",
            discussion: """
                Examples:
                  ledgerprint payment-method set ROSSI-IT --card Visa --last-four 4242 --expiry 09/2028 --as anna@example.it
                  ledgerprint payment-method set KLEIN-DE --iban DE89370400440532013000 --as jonas@example.de
                """
        )
        @OptionGroup var options: StoreOptions
        @Argument(help: "The account id.") var account: String
        @Option(help: "Card brand, such as Visa.") var card: String?
        @Option(name: .customLong("last-four"), help: "The card's last four digits; never the full number.")
        var lastFour: String?
        @Option(help: "Card expiry, MM/YYYY.") var expiry: String?
        @Option(help: "IBAN for SEPA direct debit; only its country and last four characters are kept.") var iban:
            String?
        @Flag(help: "Pay by bank transfer against invoices.") var invoice = false

        func run() throws {
            try ledgerprint.run {
                let method: PaymentMethod
                if let card {
                    let parts = (expiry ?? "").split(separator: "/").compactMap { Int($0) }
                    guard parts.count == 2 else { throw Failure(.usage, "give --expiry MM/YYYY with --card") }
                    method = try .card(brand: card, lastFour: lastFour ?? "", expiry: (parts[0], parts[1]))
                } else if let iban {
                    method = try .sepaDebit(iban: iban)
                } else if invoice {
                    method = .invoice
                } else {
                    throw Failure(.usage, "give --card with --last-four and --expiry, --iban, or --invoice")
                }
                try options.existingStore().apply(
                    StoreEvent(
                        date: try options.date(),
                        actor: try options.who(),
                        action: .setPaymentMethod(accountID: account, method: method)
                    )
                )
                print("\(account) now pays by \(method)")
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Shows the payment method, masked.",
            discussion: "Example:\n  ledgerprint payment-method show ROSSI-IT"
        )
        @OptionGroup var options: StoreOptions
        @Argument(help: "The account id.") var account: String

        func run() throws {
            try ledgerprint.run {
                print(
                    try options.existingStore().account(account).paymentMethod?.description ?? "no payment method set"
                )
            }
        }
    }
}

struct PaymentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "payments",
        abstract: "Records money received and refunds account credit.",
        subcommands: [Record.self, Refund.self]
    )

    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "record",
            abstract: "Records a payment, for an invoice or on account.",
            discussion: """
                A payment for an invoice may not be more than what is left to pay on it (a second identical \
                payment is refused, naming the first); with --allow-overpayment the part up to the balance pays \
                the invoice and the rest is kept as account credit, which the account's next invoices use.

                Examples:
                  ledgerprint payments record GLOBEX-US --amount 69000.00 --invoice 2026/0024 --reference ACH-123 --as rep:Marco
                  ledgerprint payments record GLOBEX-US --amount 70000.00 --invoice 2026/0024 --reference ACH-124 --allow-overpayment --as rep:Marco
                """
        )
        @OptionGroup var options: StoreOptions
        @Argument(help: "The account id.") var account: String
        @Option(help: "The amount, such as 1234.56, in the account's currency.") var amount: String
        @Option(help: "The invoice it pays, such as 2026/0007.") var invoice: String?
        @Option(help: "The payment's reference.") var reference: String
        @Option(help: "How it was paid.") var method: String = "Bank transfer"
        @Flag(
            name: .customLong("allow-overpayment"),
            help: "Accept more than the invoice's balance; the excess becomes account credit."
        ) var allowOverpayment = false

        func run() throws {
            try ledgerprint.run {
                let store = try options.existingStore()
                let money = try Money(decimal: amount, currency: store.account(account).currency)
                let number = try invoice.map { try InvoiceReference.number(store.documentNumber($0)) }
                let action: StoreAction
                if allowOverpayment {
                    guard let number else {
                        throw Failure(
                            .usage,
                            "--allow-overpayment needs --invoice: a payment on account is never refused"
                        )
                    }
                    action = .recordOverpayment(
                        paymentID: reference,
                        accountID: account,
                        invoice: number,
                        amount: money,
                        method: method
                    )
                } else {
                    action = .recordPayment(
                        paymentID: reference,
                        accountID: account,
                        invoice: number,
                        amount: money,
                        method: method
                    )
                }
                let date = try options.date()
                try store.apply(StoreEvent(date: date, actor: try options.who(), action: action))
                print("recorded \(money) from \(account)")
                let credits = try store.ledgerInputs(ofAccount: account, before: date.adding(days: 1)).credits
                for credit in credits where allowOverpayment && credit.id == "CR-OVERPAY-\(reference)" {
                    print("\(credit.amount) more than the invoice's balance kept as account credit \(credit.id)")
                }
            }
        }
    }
}

struct PurchaseOrderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "po",
        abstract: "Adds, updates, closes, lists and chooses purchase orders.",
        subcommands: [Add.self, List.self, Update.self, Close.self, Default.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Adds a purchase order (representatives).",
            discussion:
                "Example:\n  ledgerprint po add GLOBEX-US --number GX-2027-001 --amount 150000.00 --from 2027-01-01 --to 2027-12-31 --as rep:Marco"
        )
        @OptionGroup var options: StoreOptions
        @Argument(help: "The account id.") var account: String
        @Option(help: "The customer's PO number.") var number: String
        @Option(help: "The most that may be invoiced against it.") var amount: String
        @Option(help: "First valid day, YYYY-MM-DD.") var from: String
        @Option(help: "Last valid day, YYYY-MM-DD.") var to: String

        func run() throws {
            try ledgerprint.run {
                let store = try options.existingStore()
                let cap = try Money(decimal: amount, currency: store.account(account).currency)
                let order = try PurchaseOrder(
                    number: number,
                    cap: cap,
                    validity: DatePeriod(start: CalendarDate(from), end: CalendarDate(to).adding(days: 1))
                )
                try store.apply(
                    StoreEvent(
                        date: try options.date(),
                        actor: try options.who(),
                        action: .addPurchaseOrder(accountID: account, order: order)
                    )
                )
                print("added purchase order \(number) to \(account)")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "Lists an account's purchase orders valid on --today and what is left on each.",
            discussion: """
                Examples:
                  ledgerprint po list GLOBEX-US
                  ledgerprint po list GLOBEX-US --all --format json
                """
        )
        @OptionGroup var options: StoreOptions
        @Argument(help: "The account id.") var account: String
        @Flag(help: "Also closed, expired and future POs.") var all = false
        @Option(help: "table, csv or json.") var format: ListingFormat = .table

        func run() throws {
            try ledgerprint.run {
                let store = try options.existingStore()
                let today = try options.date()
                let value = try store.account(account)
                let invoiced = try store.invoicedOnPurchaseOrders(of: value)
                let orders = value.purchaseOrders.filter { all || $0.isValid(on: today) }
                let rows = try orders.map { order -> [ListingCell] in
                    let used = invoiced[order.number] ?? .zero(value.currency)
                    let pins = (order.isDefault ? ["default"] : []) + order.pinnedSubscriptions
                    return [
                        .text(order.number), .money(order.cap), .money(used), .money(try order.cap.minus(used)),
                        .text("\(order.validity.start)"), .text("\(order.validity.lastDay)"),
                        .text(order.state(on: today)), .text(pins.joined(separator: " ")),
                    ]
                }
                Listing.print(
                    ["PO", "Amount", "Invoiced", "Remaining", "From", "To", "State", "Used first for"],
                    cells: rows,
                    as: format
                )
            }
        }
    }
}

struct QuoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quote",
        abstract: "Prepares, accepts, lists, shows and prints quotes.",
        subcommands: [Create.self, Accept.self, List.self, Show.self, Print.self]
    )

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: "A representative prepares a quote for a subscription change.",
            discussion:
                "Example:\n  ledgerprint quote create SUB-GLOBEX-1 --id Q-2026-0001 --seats 200 --price 450.00 --valid-until 2026-12-31 --term-ends 2028-01-01 --as rep:Marco"
        )
        @OptionGroup var options: StoreOptions
        @Argument(help: "The subscription id.") var subscription: String
        @Option(help: "The quote's reference.") var id: String
        @Option(help: "The new tier.") var tier: String?
        @Option(help: "The new seats.") var seats: Int?
        @Option(help: "The new frequency.") var frequency: BillingFrequency?
        @Option(help: "Negotiated price per seat per period.") var price: String?
        @Option(name: .customLong("valid-until"), help: "Last day it can be accepted, YYYY-MM-DD.") var validUntil:
            String
        @Option(
            name: .customLong("term-ends"),
            help: "The day its price stops holding (renewals from then on are at the catalog's), YYYY-MM-DD."
        ) var termEnds: String?

        func run() throws {
            try ledgerprint.run {
                let store = try options.existingStore()
                let current = try store.subscription(subscription)
                var selection = current.selection
                if let tier { selection.tierID = tier }
                if let seats { selection.seats = seats }
                if let frequency { selection.frequency = frequency }
                let unitPrice = try price.map { try Money(decimal: $0, currency: current.unitPrice.currency) }
                try store.apply(
                    StoreEvent(
                        date: try options.date(),
                        actor: try options.who(),
                        action: .prepareQuote(
                            quoteID: id,
                            subscriptionID: subscription,
                            selection: selection,
                            unitPrice: unitPrice,
                            validUntil: try CalendarDate(validUntil),
                            termEnds: try termEnds.map { try CalendarDate($0) }
                        )
                    )
                )
                print("quote \(id) prepared for \(subscription)")
            }
        }
    }

    struct Accept: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "accept",
            abstract: "The billing contact accepts a quote; it becomes the change it describes.",
            discussion: "Example:\n  ledgerprint quote accept Q-2026-0001 --as ap@globex.example"
        )
        @OptionGroup var options: StoreOptions
        @Argument(help: "The quote's reference.") var quote: String

        func run() throws {
            try ledgerprint.run {
                try SubscriptionCommand.perform(.acceptQuote(quoteID: quote), options: options, preview: false)
            }
        }
    }
}

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Lists an account's charges, payments, credits and changes, with who made them.",
        discussion: "Example:\n  ledgerprint history ROSSI-IT --from 2025-01-01 --to 2025-12-31"
    )

    @OptionGroup var options: StoreOptions
    @Argument(help: "The account id.") var account: String
    @Option(help: "First day, YYYY-MM-DD.") var from: String?
    @Option(help: "Last day, YYYY-MM-DD.") var to: String?
    @Option(help: "table, csv or json.") var format: ListingFormat = .table

    func run() throws {
        try ledgerprint.run {
            let store = try options.existingStore()
            let start = try from.map { try CalendarDate($0) } ?? CalendarDate("1970-01-01")
            let end = try to.map { try CalendarDate($0).adding(days: 1) } ?? CalendarDate("9999-12-31")
            let period = try DatePeriod(start: start, end: end)
            let rules = BillingRules(catalog: try store.catalog())
            let inputs = try store.ledgerInputs(ofAccount: account, before: end)
            // Events may name an invoice by its key; people know it by its number.
            let numbers = Dictionary(
                inputs.invoices.compactMap { invoice in invoice.number.map { (invoice.key, $0.description) } },
                uniquingKeysWith: { first, _ in first }
            )
            var rows = try store.history(ofAccount: account, in: period).map { entry -> [ListingCell] in
                [
                    .text(entry.event.date.description), .text("change"),
                    .text(Self.summary(entry.event.action, rules, numbers: numbers)),
                    .text(entry.event.actor.description), .none,
                ]
            }
            for invoice in inputs.invoices where period.contains(invoice.issueDate) {
                rows.append([
                    .text(invoice.issueDate.description), .text("charge"),
                    .text("invoice \(invoice.number?.description ?? "")"), .text(""), .money(invoice.grandTotal),
                ])
            }
            for note in inputs.creditNotes where period.contains(note.issueDate) {
                rows.append([
                    .text(note.issueDate.description), .text("credit"),
                    .text("credit note \(note.number?.description ?? "") for \(note.invoiceNumber)"), .text(""),
                    .money(note.grandTotal.negated),
                ])
            }
            for credit in inputs.credits where period.contains(credit.date) {
                rows.append([
                    .text(credit.date.description), .text("credit"), .text(credit.description), .text(""),
                    .money(credit.amount.negated),
                ])
            }
            for payment in inputs.payments where period.contains(payment.receivedOn) {
                rows.append([
                    .text(payment.receivedOn.description), .text("payment"), .text("\(payment.id) — \(payment.method)"),
                    .text(""), .money(payment.amount.negated),
                ])
            }
            for refund in inputs.refunds where period.contains(refund.date) {
                rows.append([
                    .text(refund.date.description), .text("refund"), .text("\(refund.id) — \(refund.method)"),
                    .text(""), .money(refund.amount),
                ])
            }
            rows.sort { $0[0].tableText < $1[0].tableText }
            Listing.print(["Date", "Kind", "What", "By", "Amount"], cells: rows, as: format)
        }
    }

    /// One line saying what an event did.
    static func summary(_ action: StoreAction, _ rules: BillingRules, numbers: [String: String] = [:]) -> String {
        func describe(_ selection: SubscriptionSelection) -> String {
            (try? rules.describe(selection)) ?? selection.tierID
        }
        func name(_ reference: InvoiceReference) -> String {
            switch reference {
            case .number(let number): return number.description
            case .key(let key): return numbers[key] ?? "(not issued) \(key)"
            }
        }
        switch action {
        case .openAccount(let account): return "opened account \(account.id)"
        case .updateAccount: return "updated the account details"
        case .appointBillingContact(_, let contact): return "appointed \(contact.email) billing contact"
        case .setPaymentMethod(_, let method): return "payment method: \(method)"
        case .addPurchaseOrder(_, let order): return "added purchase order \(order.number) (\(order.cap))"
        case .purchase(_, let id, let selection): return "bought \(id): \(describe(selection))"
        case .change(let id, let selection): return "changed \(id) to \(describe(selection))"
        case .cancel(let id): return "cancelled \(id) at the end of its period"
        case .withdrawCancellation(let id): return "withdrew the cancellation of \(id)"
        case .reactivate(let id): return "reactivated \(id)"
        case .renew(let id): return "renewed \(id)"
        case .prepareQuote(let quote, let id, let selection, _, _, _):
            return "quote \(quote) for \(id): \(describe(selection))"
        case .acceptQuote(let quote): return "accepted quote \(quote)"
        case .recordPayment(let payment, _, _, let amount, _): return "payment \(payment) of \(amount)"
        case .voidInvoice(let invoice, let reason): return "voided invoice \(name(invoice)): \(reason)"
        case .creditInvoice(let invoice, let scope, let reason):
            switch scope {
            case .whole: return "credited invoice \(name(invoice)) in full: \(reason)"
            case .line(let line): return "credited line \(line) of invoice \(name(invoice)): \(reason)"
            case .amount(let amount): return "credited \(amount) of invoice \(name(invoice)): \(reason)"
            }
        case .refundCredit(let refund, _, let amount, _): return "refund \(refund) of \(amount)"
        case .requestW9(let request, _, let form, _, let regional):
            let named = regional.map { " \($0.name), \($0.region)" } ?? ""
            return "requested \(form.displayName)\(named) (\(request))"
        case .fulfilW9(let request): return "fulfilled \(request)"
        case .recordOverpayment(let payment, _, let invoice, let amount, _):
            return "payment \(payment) of \(amount) for \(invoice), overpayment allowed"
        case .updatePurchaseOrder(_, let number, let cap, let validity):
            let what = [cap.map { "amount \($0)" }, validity.map { "valid \($0.start) to \($0.lastDay)" }]
            return "updated purchase order \(number): " + what.compactMap { $0 }.joined(separator: ", ")
        case .closePurchaseOrder(_, let number): return "closed purchase order \(number)"
        case .pinPurchaseOrder(_, let subscription, let number):
            let target = subscription.map { "for \($0)" } ?? "as the default"
            return number.map { "pinned purchase order \($0) \(target)" } ?? "unpinned the purchase order \(target)"
        case .issueReminder(let reminder, _): return "payment reminder \(reminder)"
        case .setNumbering(let series, let allows):
            return "\(allows ? "allowed" : "stopped") back-dated documents in the \(series.rawValue) series"
        case .setTaxRules(let rules): return "set the tax rules (\(rules.sellerCountry) \(rules.domesticRate))"
        default: return action.name
        }
    }
}
