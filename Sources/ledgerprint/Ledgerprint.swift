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

            Example:
              ledgerprint demo --out out
            """,
        subcommands: [DemoCommand.self]
    )
}
