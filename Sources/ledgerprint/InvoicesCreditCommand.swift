import ArgumentParser
import Billing
import HistoryStore

extension InvoicesCommand {
    struct Credit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "credit",
            abstract: "Credits one line or an amount of an issued invoice with a credit note (representatives).",
            discussion: """
                --line K credits the invoice's K-th line (1 for the first) as it was charged, once. --amount X \
                credits X before tax, at the invoice's tax rate (an invoice with several rates is credited by line). \
                No credit note takes what is credited on an invoice past its total. What the note credits beyond \
                what is still owed on the invoice becomes account credit, used by the account's next invoices or \
                paid back with `payments refund`. `invoices void` credits all of it.

                Examples:
                  ledgerprint invoices credit 2026/0007 --line 2 --reason "seats never used" --as "rep:Marco Neri"
                  ledgerprint invoices credit 2026/0007 --amount 50.00 --reason "outage of 3 May" --as "rep:Marco Neri"
                """
        )
        @OptionGroup var options: StoreOptions
        @Argument(help: "The invoice number, such as 2026/0007.") var number: String
        @Option(help: "The line to credit, 1 for the first (see `invoices show`).") var line: Int?
        @Option(help: "The amount to credit before tax, such as 50.00, in the invoice's currency.") var amount: String?
        @Option(help: "Why, printed on the credit note.") var reason: String

        func run() throws {
            try ledgerprint.run {
                let store = try options.existingStore()
                let parsed = try store.documentNumber(number)
                let scope: CreditScope
                switch (line, amount) {
                case (let line?, nil): scope = .line(line)
                case (nil, let amount?):
                    scope = .amount(try Money(decimal: amount, currency: store.invoice(parsed).currency))
                default: throw Failure(.usage, "give --line K or --amount X (one of them); `invoices void` credits all")
                }
                let result = try store.apply(
                    StoreEvent(
                        date: try options.date(),
                        actor: try options.who(),
                        action: .creditInvoice(invoice: .number(parsed), scope: scope, reason: reason)
                    )
                )
                for note in result.creditNotes {
                    var line = "issued credit note \(note.number?.description ?? "") for \(number): \(note.grandTotal)"
                    if note.accountCreditAmount.isPositive {
                        line += "; \(note.accountCreditAmount) of it is account credit"
                    }
                    print(line)
                }
            }
        }
    }
}
