import ArgumentParser
import Billing
import Foundation
import HistoryStore

extension PurchaseOrderCommand {
    struct Update: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "update",
            abstract: "Gives a purchase order a new amount or dates (representatives).",
            discussion: """
                The amount may not go below what was already invoiced against the PO.

                Examples:
                  ledgerprint po update GLOBEX-US GX-2026-041 --amount 180000.00 --as rep:Marco
                  ledgerprint po update GLOBEX-US GX-2026-041 --to 2027-03-31 --as rep:Marco
                """
        )
        @OptionGroup var options: StoreOptions
        @Argument(help: "The account id.") var account: String
        @Argument(help: "The customer's PO number.") var number: String
        @Option(help: "The new most that may be invoiced against it.") var amount: String?
        @Option(help: "The new first valid day, YYYY-MM-DD.") var from: String?
        @Option(help: "The new last valid day, YYYY-MM-DD.") var to: String?

        func validate() throws {
            guard amount != nil || from != nil || to != nil else {
                throw ValidationError("say what changes: --amount, --from or --to")
            }
        }

        func run() throws {
            try ledgerprint.run {
                let store = try options.existingStore()
                let value = try store.account(account)
                guard let order = value.purchaseOrders.first(where: { $0.number == number }) else {
                    throw Failure(.notFound, "account \(account) has no purchase order \(number)")
                }
                let cap = try amount.map { try Money(decimal: $0, currency: value.currency) }
                var validity: DatePeriod?
                if from != nil || to != nil {
                    let start = try from.map { try CalendarDate($0) } ?? order.validity.start
                    let end = try to.map { try CalendarDate($0).adding(days: 1) } ?? order.validity.end
                    guard start < end else {
                        throw Failure(.invalidInput, "purchase order \(number) would end before it starts (\(start))")
                    }
                    validity = try DatePeriod(start: start, end: end)
                }
                try store.apply(
                    StoreEvent(
                        date: try options.date(),
                        actor: try options.who(),
                        action: .updatePurchaseOrder(accountID: account, number: number, cap: cap, validity: validity)
                    )
                )
                print("updated purchase order \(number) of \(account)")
            }
        }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "close",
            abstract: "Closes a purchase order: nothing is invoiced against it from --today (representatives).",
            discussion: "Example:\n  ledgerprint po close GLOBEX-US GX-2026-041 --today 2026-09-30 --as rep:Marco"
        )
        @OptionGroup var options: StoreOptions
        @Argument(help: "The account id.") var account: String
        @Argument(help: "The customer's PO number.") var number: String

        func run() throws {
            try ledgerprint.run {
                let date = try options.date()
                try options.existingStore().apply(
                    StoreEvent(
                        date: date,
                        actor: try options.who(),
                        action: .closePurchaseOrder(accountID: account, number: number)
                    )
                )
                print("closed purchase order \(number) of \(account) on \(date)")
            }
        }
    }

    struct Default: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "default",
            abstract: "Sets the PO the account's invoices use first, when it covers them (contact or representative).",
            discussion: """
                Without a pin, an invoice uses the oldest valid PO with enough left. A PO pinned for a \
                subscription (subscription change --po) comes before the default.

                Examples:
                  ledgerprint po default GLOBEX-US GX-2026-041 --as ap@globex.example
                  ledgerprint po default GLOBEX-US --none --as rep:Marco
                """
        )
        @OptionGroup var options: StoreOptions
        @Argument(help: "The account id.") var account: String
        @Argument(help: "The customer's PO number.") var number: String?
        @Flag(help: "No default: invoices use the oldest valid PO with enough left.") var none = false

        func validate() throws {
            guard (number == nil) == none else { throw ValidationError("give a PO number, or --none") }
        }

        func run() throws {
            try ledgerprint.run {
                try options.existingStore().apply(
                    StoreEvent(
                        date: try options.date(),
                        actor: try options.who(),
                        action: .pinPurchaseOrder(accountID: account, subscriptionID: nil, number: number)
                    )
                )
                print(
                    number.map { "\(account) invoices use purchase order \($0) first" }
                        ?? "\(account) has no default PO"
                )
            }
        }
    }
}
