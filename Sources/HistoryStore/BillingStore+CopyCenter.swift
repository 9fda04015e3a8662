import Foundation

/// The Billing Center's records of a store that are not in its event log.
///
/// ``BillingStore/receiveCopy(of:printed:center:progress:)`` copies them: web users (bcrypt hash, role, accounts, disabled and lock state), the users' log
/// (`user_events`), the record of e-mailed documents (`mail_sendings`) and the month-end runs'
/// summaries (`invoice_runs`). The mail relay is a `set-mail-relay` event, so it comes with the log.
/// Sessions and sign-in links are left behind: users sign in again on the new store.
public struct CenterRecords: Sendable {
    /// Each copied table's rows in the order of its key, every column but the key.
    var rows: [String: [[StoredArgument]]] = [:]
    /// Each user's key in the source, in the order of `rows["web_users"]`.
    var userKeys: [Int64] = []

    /// An empty set of records (a store without the Billing Center's tables).
    public init() {}

    /// How many web users there are.
    public var users: Int { rows["web_users"]?.count ?? 0 }
    /// How many entries the users' log has.
    public var userEvents: Int { rows["user_events"]?.count ?? 0 }
    /// How many documents were recorded as e-mailed.
    public var sendings: Int { rows["mail_sendings"]?.count ?? 0 }
    /// How many month-end runs were recorded.
    public var invoiceRuns: Int { rows["invoice_runs"]?.count ?? 0 }
}

/// One table the copy carries over: its key (left for the new store to number, in the same order)
/// and its other columns, each read as an integer or text, optional or not.
struct CopiedTable {
    enum Kind { case integer, optionalInteger, text, optionalText }
    let name: String
    let key: String
    let columns: [(name: String, kind: Kind)]

    /// The tables in the order they are written; `web_user_accounts` follows `web_users` (its keys).
    static let all: [CopiedTable] = [
        CopiedTable(
            name: "web_users",
            key: "id",
            columns: [
                ("email", .text), ("name", .text), ("role", .text), ("password_hash", .optionalText),
                ("disabled", .integer), ("failed_attempts", .integer), ("locked_until", .optionalInteger),
                ("created_at", .integer),
            ]
        ),
        CopiedTable(
            name: "user_events",
            key: "seq",
            columns: [("at", .integer), ("actor", .text), ("email", .text), ("kind", .text), ("detail", .text)]
        ),
        CopiedTable(
            name: "mail_sendings",
            key: "id",
            columns: [
                ("kind", .text), ("reference", .text), ("account_id", .optionalText), ("recipient", .text),
                ("subject", .text), ("attachments", .text), ("actor", .text), ("sent_at", .text),
                ("message_id", .text), ("server_reply", .text),
            ]
        ),
        CopiedTable(
            name: "invoice_runs",
            key: "id",
            columns: [
                ("started_at", .text), ("finished_at", .text), ("period", .text), ("kind", .optionalText),
                ("through", .text), ("issued", .integer), ("printed", .integer), ("skipped", .integer),
                ("failures", .text), ("folder", .text), ("actor", .text),
            ]
        ),
        CopiedTable(name: "web_user_accounts", key: "user_id", columns: [("account_id", .text)]),
    ]

    /// The row's columns as bound, the key first.
    func read<Row: StoredRow>(_ row: Row) throws -> (key: Int64, values: [StoredArgument]) {
        let values: [StoredArgument] = try columns.map { column in
            switch column.kind {
            case .integer: return .integer(try row.int64(column.name))
            case .optionalInteger: return try row.optionalInt64(column.name).map { .integer($0) } ?? .null
            case .text: return .text(try row.text(column.name))
            case .optionalText: return try row.optionalText(column.name).map { .text($0) } ?? .null
            }
        }
        return (try row.int64(key), values)
    }
}

extension BillingStore {
    /// This store's Billing Center records, to copy with its history; none for a store that keeps none.
    public func centerRecords() throws(StoreError) -> CenterRecords {
        guard let store = self as? any DatabaseBillingStore else { return CenterRecords() }
        return try store.readCenterRecords()
    }
}

extension DatabaseBillingStore {
    fileprivate func readCenterRecords() throws(StoreError) -> CenterRecords {
        try reading { db in
            var records = CenterRecords()
            // A read-only store written before the Billing Center has none of these tables.
            for table in CopiedTable.all where try db.hasTable(table.name) {
                let read = try db.all(
                    "SELECT * FROM \(table.name) ORDER BY \(table.key)"
                        + (table.name == "web_user_accounts" ? ", account_id" : ""),
                    []
                ) { row in try table.read(row) }
                if table.name == "web_user_accounts" {
                    // The user's position among the users stands for their key until the copy numbers them.
                    let position = Dictionary(
                        records.userKeys.enumerated().map { ($0.element, Int64($0.offset)) },
                        uniquingKeysWith: { first, _ in first }
                    )
                    records.rows[table.name] = try read.map { key, values in
                        guard let index = position[key] else {
                            throw StoreError.database("web_user_accounts names user \(key), who is not in web_users")
                        }
                        return [.integer(index)] + values
                    }
                } else {
                    records.rows[table.name] = read.map(\.values)
                    if table.name == "web_users" { records.userKeys = read.map(\.key) }
                }
            }
            return records
        }
    }
}

extension StoreTransaction {
    /// Writes `records` into this (empty) store in their order, each table's key numbered anew;
    /// a user's accounts follow the user to the key they get here.
    func insert(_ records: CenterRecords) throws {
        var newKeys: [Int64] = []
        for table in CopiedTable.all {
            guard let rows = records.rows[table.name], !rows.isEmpty else { continue }
            let isLink = table.name == "web_user_accounts"
            let names = (isLink ? [table.key] : []) + table.columns.map(\.name)
            let statement = try db.statement(
                "INSERT INTO \(table.name) (\(names.joined(separator: ", "))) VALUES ("
                    + Array(repeating: "?", count: names.count).joined(separator: ", ") + ")"
            )
            for var row in rows {
                if isLink, case .integer(let index) = row[0], index >= 0, Int(index) < newKeys.count {
                    row[0] = .integer(newKeys[Int(index)])
                }
                try db.run(statement, row)
                if table.name == "web_users" { newKeys.append(try db.lastInsertedKey()) }
            }
        }
    }
}
