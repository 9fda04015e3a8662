import ArgumentParser

/// The `ledgerprint` command: keeps the billing history of subscription accounts and prints
/// documents from it.
@main
struct Ledgerprint: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledgerprint",
        abstract: "Keeps the billing history of subscription accounts and prints invoices, statements and W-9 packets.",
        discussion: """
            Documents are printed as PDF (Cairo and Pango) and as standalone HTML from the templates in Templates/.
            The store is one SQLite file: --store PATH, or $LEDGERPRINT_STORE, else ./ledgerprint.sqlite;
            or a PostgreSQL database: --store postgres://USER@HOST:5432/DB (docs/store.md).
            Who acts is --as EMAIL or --as rep:NAME. docs/cli.md has a session for each kind of user.

            Exit codes: 0 done; 3 some documents failed or differ; 64 usage; 65 invalid input; 66 not found;
            69 unavailable (a drawing library cannot be loaded);
            74 store or file error; 77 not allowed.

            Example:
              ledgerprint demo --out out
            """,
        version: "0.1.0",
        subcommands: [
            InitCommand.self, ImportCommand.self, ExportCommand.self, DemoCommand.self, AccountsCommand.self,
            ContactCommand.self,
            PlansCommand.self, SubscriptionCommand.self, PaymentMethodCommand.self, PaymentsCommand.self,
            PurchaseOrderCommand.self,
            QuoteCommand.self, HistoryCommand.self, StatementCommand.self, InvoicesCommand.self,
            VATRegisterCommand.self, W9Command.self, TaxRulesCommand.self, NumberingCommand.self,
            ArchiveCommand.self,
            RenderCommand.self, TemplatesCommand.self,
            RemindersCommand.self, CreditNotesCommand.self, VendorCommand.self,
            ServeCommand.self, UsersCommand.self,
            MailCommand.self,
            StoreCommand.self,
        ]
    )
}
