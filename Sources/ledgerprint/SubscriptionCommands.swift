import ArgumentParser
import Billing
import Foundation
import HistoryStore

struct SubscriptionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "subscription",
        abstract: "Buys, changes, cancels and reactivates subscriptions.",
        subcommands: [Add.self, Change.self, Cancel.self, WithdrawCancel.self, Reactivate.self, Show.self]
    )

    /// Applies (or, with `preview`, only shows) an event and prints what it did.
    static func perform(_ action: StoreAction, options: StoreOptions, preview: Bool) throws {
        let store = try options.existingStore()
        let event = StoreEvent(date: try options.date(), actor: try options.who(), action: action)
        let result = preview ? try store.preview(event) : try store.apply(event)
        let rules = BillingRules(catalog: try store.catalog())
        if preview { print("preview — nothing was changed") }
        if let subscription = result.subscription {
            print(
                "\(subscription.id): \(try rules.describe(subscription.selection)), \(subscription.status.rawValue), "
                    + "period \(subscription.currentPeriod.start) – \(subscription.currentPeriod.lastDay)"
            )
        }
        for credit in result.credits {
            for line in credit.lines { print("  \(line.description): \(line.amount)") }
            print("credit to the account balance: \(credit.amount)")
        }
        for invoice in result.invoices {
            print("invoice \(invoice.number?.description ?? "draft") dated \(invoice.issueDate):")
            for line in invoice.lines {
                let fraction = line.fraction == .one ? "" : " × \(line.fraction) of the period"
                print("  \(line.description): \(line.quantity) × \(line.unitPrice)\(fraction) = \(line.amount)")
            }
            for tax in invoice.totals.taxes where tax.rate.basisPoints > 0 {
                print("  tax \(tax.rate) on \(tax.taxable): \(tax.tax)")
            }
            print(
                "  total \(invoice.grandTotal); account credit applied \(invoice.balanceApplied); due \(invoice.amountDue)"
            )
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Buys a subscription: access at once, the first period invoiced at once.",
            discussion:
                "Example:\n  ledgerprint subscription add ROSSI-IT --product webinar --tier pro --seats 10 --frequency monthly --as anna@example.it"
        )

        @OptionGroup var options: StoreOptions
        @Argument(help: "The account id.") var account: String
        @Option(help: "The product id (see 'ledgerprint plans').") var product: String
        @Option(help: "The plan tier id.") var tier: String
        @Option(help: "Number of seats.") var seats: Int
        @Option(help: "monthly or annual.") var frequency: BillingFrequency = .monthly
        @Option(help: "The new subscription's id (default: SUB-ACCOUNT-N).") var id: String?
        @Flag(help: "Show the invoice that would be issued; change nothing.") var preview = false

        func run() throws {
            try ledgerprint.run {
                let store = try options.existingStore()
                let existing = try store.subscriptions(ofAccount: account).count
                let selection = SubscriptionSelection(
                    productID: product,
                    tierID: tier,
                    seats: seats,
                    frequency: frequency
                )
                try SubscriptionCommand.perform(
                    .purchase(
                        accountID: account,
                        subscriptionID: id ?? "SUB-\(account)-\(existing + 1)",
                        selection: selection
                    ),
                    options: options,
                    preview: preview
                )
            }
        }
    }

    struct Change: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "change",
            abstract:
                "Changes tier, seats or frequency, prorated by days (rules 2–5, 9), or the PO it is invoiced against.",
            discussion: """
                --po pins a purchase order of a corporate account for this subscription: its invoices use it \
                while it is valid and has enough left (--po none unpins).

                Examples:
                  ledgerprint subscription change SUB-ROSSI-1 --seats 15 --preview --as anna@example.it
                  ledgerprint subscription change SUB-GLOBEX-1 --po GX-2026-041 --as ap@globex.example
                """
        )

        @OptionGroup var options: StoreOptions
        @Argument(help: "The subscription id.") var subscription: String
        @Option(help: "The new plan tier.") var tier: String?
        @Option(help: "The new number of seats.") var seats: Int?
        @Option(help: "The new frequency: monthly or annual.") var frequency: BillingFrequency?
        @Option(help: "The purchase order its invoices use first, or none.") var po: String?
        @Flag(help: "Show the proration and the invoice that would be issued; change nothing.") var preview = false

        func validate() throws {
            guard tier != nil || seats != nil || frequency != nil || po != nil else {
                throw ValidationError("say what changes: --tier, --seats, --frequency or --po")
            }
            guard po == nil || !preview else { throw ValidationError("--preview does not apply to --po") }
        }

        func run() throws {
            try ledgerprint.run {
                let current = try options.existingStore().subscription(subscription)
                if let po {
                    let number = po == "none" ? nil : po
                    try options.existingStore().apply(
                        StoreEvent(
                            date: try options.date(),
                            actor: try options.who(),
                            action: .pinPurchaseOrder(
                                accountID: current.accountID,
                                subscriptionID: subscription,
                                number: number
                            )
                        )
                    )
                    print(
                        number.map { "\(subscription) is invoiced against \($0) first" }
                            ?? "\(subscription) has no PO pinned"
                    )
                    guard tier != nil || seats != nil || frequency != nil else { return }
                }
                var selection = current.selection
                if let tier { selection.tierID = tier }
                if let seats { selection.seats = seats }
                if let frequency { selection.frequency = frequency }
                try SubscriptionCommand.perform(
                    .change(subscriptionID: subscription, selection: selection),
                    options: options,
                    preview: preview
                )
            }
        }
    }

    struct Cancel: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cancel",
            abstract: "Cancels at the end of the period: usable until then, no refund.",
            discussion: "Example:\n  ledgerprint subscription cancel SUB-ROSSI-1 --as anna@example.it"
        )
        @OptionGroup var options: StoreOptions
        @Argument(help: "The subscription id.") var subscription: String

        func run() throws {
            try ledgerprint.run {
                try SubscriptionCommand.perform(.cancel(subscriptionID: subscription), options: options, preview: false)
            }
        }
    }

    struct WithdrawCancel: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "withdraw-cancel",
            abstract: "Withdraws a cancellation before the period ends.",
            discussion: "Example:\n  ledgerprint subscription withdraw-cancel SUB-ROSSI-1 --as anna@example.it"
        )
        @OptionGroup var options: StoreOptions
        @Argument(help: "The subscription id.") var subscription: String

        func run() throws {
            try ledgerprint.run {
                try SubscriptionCommand.perform(
                    .withdrawCancellation(subscriptionID: subscription),
                    options: options,
                    preview: false
                )
            }
        }
    }

    struct Reactivate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reactivate",
            abstract: "Reactivates an expired subscription: a new period starts today and is invoiced.",
            discussion: "Example:\n  ledgerprint subscription reactivate SUB-BLUEFIN-1 --as sam@bluefin.example"
        )
        @OptionGroup var options: StoreOptions
        @Argument(help: "The subscription id.") var subscription: String
        @Flag(help: "Show the invoice that would be issued; change nothing.") var preview = false

        func run() throws {
            try ledgerprint.run {
                try SubscriptionCommand.perform(
                    .reactivate(subscriptionID: subscription),
                    options: options,
                    preview: preview
                )
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Shows a subscription and its changes.",
            discussion: "Example:\n  ledgerprint subscription show SUB-ROSSI-1"
        )
        @OptionGroup var options: StoreOptions
        @Argument(help: "The subscription id.") var subscription: String

        func run() throws {
            try ledgerprint.run {
                let store = try options.existingStore()
                let value = try store.subscription(subscription)
                print(
                    "\(value.id) of \(value.accountID): \(try BillingRules(catalog: store.catalog()).describe(value.selection))"
                )
                print(
                    "status \(value.status.rawValue); price per seat \(value.unitPrice); period \(value.currentPeriod.start) – \(value.currentPeriod.lastDay)"
                )
                if let next = value.nextBillingDate { print("next invoice on \(next)") }
                for entry in try store.history(ofAccount: value.accountID) {
                    guard case let action = entry.event.action, Self.concerns(action, value.id) else { continue }
                    print("\(entry.event.date)  \(entry.event.actor)  \(action.name)")
                }
            }
        }

        static func concerns(_ action: StoreAction, _ id: String) -> Bool {
            switch action {
            case .purchase(_, let subscription, _), .change(let subscription, _), .cancel(let subscription),
                .withdrawCancellation(let subscription), .reactivate(let subscription), .renew(let subscription):
                return subscription == id
            default: return false
            }
        }
    }
}
