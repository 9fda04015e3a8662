import ArgumentParser

/// `ledgerprint store`: what is done to a store as a whole (moving it to another database).
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Works on a store as a whole: copies it into another SQLite file or PostgreSQL database.",
        discussion: """
            Examples:
              ledgerprint store copy --store billing.sqlite --to postgres://billing@db.example.com/ledger
              ledgerprint store copy --store postgres://billing@db.example.com/ledger --to back.sqlite
            """,
        subcommands: [StoreCopyCommand.self]
    )
}
