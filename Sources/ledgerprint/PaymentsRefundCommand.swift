import ArgumentParser
import Billing
import HistoryStore

extension PaymentsCommand {
    struct Refund: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "refund",
            abstract: "Pays account credit back to the customer (representatives); the statement shows it.",
            discussion: """
                Account credit comes from credit notes on paid invoices and from seats removed; the account's \
                next invoices use it unless it is refunded. A refund is never more than the unused credit.

                Example:
                  ledgerprint payments refund ROSSI-IT --amount 427.00 --reference RF-2025-001 --as "rep:Marco Neri"
                """
        )
        @OptionGroup var options: StoreOptions
        @Argument(help: "The account id.") var account: String
        @Option(help: "The amount, such as 427.00, in the account's currency.") var amount: String
        @Option(help: "The refund's reference, such as the bank transfer's.") var reference: String
        @Option(help: "How it was paid back.") var method: String = "Bank transfer"

        func run() throws {
            try ledgerprint.run {
                let store = try options.existingStore()
                let money = try Money(decimal: amount, currency: store.account(account).currency)
                try store.apply(
                    StoreEvent(
                        date: try options.date(),
                        actor: try options.who(),
                        action: .refundCredit(refundID: reference, accountID: account, amount: money, method: method)
                    )
                )
                print("refunded \(money) to \(account) (\(reference))")
            }
        }
    }
}
