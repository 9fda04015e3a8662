import GRDB

/// The one mapping of a ``PrintedDocument`` to its row of `printed_documents`: every member a column.
struct PrintedDocumentRecord: StoredRecord, PersistableRecord {
    static let databaseTableName = "printed_documents"

    var document: PrintedDocument

    init(_ document: PrintedDocument) {
        self.document = document
    }

    init(columns row: some StoredRow) throws {
        document = PrintedDocument(
            kind: try row.text("kind"),
            reference: try row.text("reference"),
            accountID: try row.optionalText("account_id"),
            format: try row.text("format"),
            sha256: try row.text("sha256"),
            size: try row.integer("size"),
            templateVersion: try row.text("template_version"),
            printedAt: try row.text("printed_at"),
            path: try row.text("path")
        )
    }

    func write(to container: inout StoredColumns) throws {
        container["kind"] = document.kind
        container["reference"] = document.reference
        container["account_id"] = document.accountID
        container["format"] = document.format
        container["sha256"] = document.sha256
        container["size"] = document.size
        container["template_version"] = document.templateVersion
        container["printed_at"] = document.printedAt
        container["path"] = document.path
    }
}
