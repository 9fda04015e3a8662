import Billing

/// What printing issued invoices reads, for many at once: a worker's batch
/// (`invoices run --worker`, docs/store.md, "Round trips per invoice").
public struct InvoicesToPrint: Sendable {
    /// The invoices, by number.
    public var invoices: [DocumentNumber: Invoice] = [:]
    /// The vendor as each invoice was issued, by number; absent for one issued before snapshots
    /// were kept (the current vendor is printed then, as ``DatabaseBillingStore/issuedVendor(_:)`` says).
    public var vendors: [DocumentNumber: Vendor] = [:]
    /// The customers' accounts as their rows hold them (the e-invoicing address the FatturaPA
    /// file is sent to), by id; without their purchase orders.
    public var accounts: [String: Account] = [:]
}

extension DatabaseBillingStore {
    /// The invoices numbered `numbers`, the vendor each was issued with and their customers'
    /// accounts, in one read transaction of three queries per 50 invoices: on PostgreSQL each
    /// query is a round trip, and reading invoice by invoice was four transactions each.
    ///
    /// - Throws: ``StoreError/notFound(kind:id:)`` for a number that names no issued invoice.
    public func invoicesToPrint(_ numbers: [DocumentNumber]) throws(StoreError) -> InvoicesToPrint {
        try reading { db in
            var read = InvoicesToPrint()
            for chunk in Self.chunks(numbers.map(\.description)) {
                for record in try db.records(
                    InvoiceRecord.self,
                    "SELECT * FROM invoices WHERE number IN (\(chunk.placeholders))",
                    chunk.arguments
                ) {
                    if let number = record.invoice.number { read.invoices[number] = record.invoice }
                }
            }
            for number in numbers where read.invoices[number] == nil {
                throw StoreError.notFound(kind: "invoice", id: number.description)
            }
            for (series, inSeries) in Dictionary(grouping: numbers, by: \.series) {
                let byText = Dictionary(inSeries.map { ($0.description, $0) }) { first, _ in first }
                for chunk in Self.chunks(inSeries.map(\.description)) {
                    _ = try db.all(
                        """
                        SELECT document_vendors.number AS number, vendor_versions.data AS data FROM document_vendors
                        JOIN vendor_versions ON vendor_versions.id = document_vendors.version
                        WHERE document_vendors.series = ? AND document_vendors.number IN (\(chunk.placeholders))
                        """,
                        [.text(series.rawValue)] + chunk.arguments
                    ) { row in
                        if let number = byText[try row.text("number")] {
                            read.vendors[number] = try row.json(Vendor.self, "data")
                        }
                    }
                }
            }
            let accountIDs = Set(read.invoices.values.map(\.customer.accountID)).sorted()
            for chunk in Self.chunks(accountIDs) {
                for record in try db.records(
                    AccountRecord.self,
                    "SELECT * FROM accounts WHERE id IN (\(chunk.placeholders))",
                    chunk.arguments
                ) {
                    read.accounts[record.account.id] = record.account
                }
            }
            return read
        }
    }

    /// `values` in groups of 50, each with 50 placeholders (the last padded with `NULL`, which no
    /// `IN` matches), so that a database that prepares statements prepares one text, not one per
    /// count.
    static func chunks(_ values: [String]) -> [(placeholders: String, arguments: [StoredArgument])] {
        let size = 50
        let placeholders = Array(repeating: "?", count: size).joined(separator: ", ")
        return stride(from: 0, to: values.count, by: size).map { start in
            let chunk = values[start..<min(values.count, start + size)].map { StoredArgument.text($0) }
            return (placeholders, chunk + Array(repeating: StoredArgument.null, count: size - chunk.count))
        }
    }
}
