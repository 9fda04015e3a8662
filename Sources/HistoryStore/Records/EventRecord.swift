import Billing
import EventLog
import GRDB

/// The one mapping of a logged ``StoreEvent`` to its row of `events`.
///
/// `payload` is the event in the event log's own JSON form (`docs/data-format.md`, written and read
/// by `EventLog`), which is what `export` writes out; `date`, `actor`, `account_id` and `kind` are
/// written beside it for the queries that find an account's history, and not read back.
struct EventRecord: StoredRecord, MutablePersistableRecord {
    static let databaseTableName = "events"

    var sequence: Int64?
    var accountID: String?
    var event: StoreEvent

    init(_ event: StoreEvent, accountID: String?) {
        self.event = event
        self.accountID = accountID
    }

    init(columns row: some StoredRow) throws {
        sequence = try row.optionalInt64("seq")
        accountID = try row.optionalText("account_id")
        event = try EventLogJSON.decode(StoreEvent.self, from: Array(try row.text("payload").utf8))
    }

    /// `seq` is not written: the database gives it (SQLite's `AUTOINCREMENT`, PostgreSQL's identity,
    /// which refuses an explicit NULL), and the log is only ever appended to, never saved over.
    func write(to container: inout StoredColumns) throws {
        container["date"] = event.date.description
        container["actor"] = event.actor.description
        container["account_id"] = accountID
        container["kind"] = event.action.name
        container["payload"] = try StoredValue.json(event)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        sequence = inserted.rowID
    }
}

/// The one mapping of a setting (the vendor, the catalog) to its row of `settings`: the value as
/// JSON, since nothing queries inside it.
struct SettingRecord<Value: Codable & Sendable>: StoredRecord, PersistableRecord {
    static var databaseTableName: String { "settings" }

    var name: String
    var value: Value

    init(name: String, value: Value) {
        self.name = name
        self.value = value
    }

    /// Reads the columns of `row`: a GRDB row, or a row of either store's ``StoreDatabase``.
    init(columns row: some StoredRow) throws {
        name = try row.text("name")
        value = try row.json(Value.self, "data")
    }

    func write(to container: inout StoredColumns) throws {
        container["name"] = name
        container["data"] = try StoredValue.json(value)
    }
}
