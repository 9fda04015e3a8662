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
    /// Adds a printed file to the index, and returns once it is committed.
    ///
    /// Files that other threads record meanwhile are committed in the same transaction (``GroupCommit``):
    /// a run's threads writing files then wait for the disk once per group, not once per file each.
    public func recordPrinted(_ document: PrintedDocument) throws(StoreError) {
        try printedRows.add(document) { (documents) throws(StoreError) in
            try write { transaction in
                for document in documents { try PrintedDocumentRecord(document).insert(transaction.db) }
            }
        }
    }

    /// Printed files, in the order they were printed; of one kind, or all.
    public func printedDocuments(kind: String?) throws(StoreError) -> [PrintedDocument] {
        try read { db in try StoreTransaction.printedDocuments(kind: kind, db) }
    }
}
