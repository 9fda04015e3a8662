import Billing
import GRDB

/// One printed file in the index of printed documents, so an archive can be listed and verified.
public struct PrintedDocument: Sendable, Hashable, Codable {
    /// "invoice", "credit-note", "statement", "w9-packet".
    public var kind: String
    /// The document number or statement reference.
    public var reference: String
    /// The account, if any.
    public var accountID: String?
    /// "pdf" or "html".
    public var format: String
    /// SHA-256 of the file, lower-case hex.
    public var sha256: String
    /// Size in bytes.
    public var size: Int
    /// The version of the templates it was printed with.
    public var templateVersion: String
    /// When it was printed (ISO 8601, from the caller's clock).
    public var printedAt: String
    /// Where it was written.
    public var path: String

    /// Creates an index entry.
    public init(
        kind: String,
        reference: String,
        accountID: String?,
        format: String,
        sha256: String,
        size: Int,
        templateVersion: String,
        printedAt: String,
        path: String
    ) {
        self.kind = kind
        self.reference = reference
        self.accountID = accountID
        self.format = format
        self.sha256 = sha256
        self.size = size
        self.templateVersion = templateVersion
        self.printedAt = printedAt
        self.path = path
    }
}

extension SQLiteStore {
    /// Adds a printed file to the index.
    public func recordPrinted(_ document: PrintedDocument) throws(StoreError) {
        try write { db in
            try db.execute(
                sql: """
                    INSERT INTO printed_documents(kind, reference, account_id, format, sha256, size, template_version,
                        printed_at, path) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    document.kind, document.reference, document.accountID, document.format, document.sha256,
                    document.size, document.templateVersion, document.printedAt, document.path,
                ]
            )
        }
    }

    /// Printed files, in the order they were printed; of one kind, or all.
    public func printedDocuments(kind: String? = nil) throws(StoreError) -> [PrintedDocument] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM printed_documents WHERE ?1 IS NULL OR kind = ?1 ORDER BY id",
                arguments: [kind]
            ).map { row in
                PrintedDocument(
                    kind: row["kind"],
                    reference: row["reference"],
                    accountID: row["account_id"],
                    format: row["format"],
                    sha256: row["sha256"],
                    size: row["size"],
                    templateVersion: row["template_version"],
                    printedAt: row["printed_at"],
                    path: row["path"]
                )
            }
        }
    }
}
