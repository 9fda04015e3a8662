import HistoryStore

/// The triggers of `PostgresStore+Triggers.swift`, checked before every change and restored by
/// `ledgerprint init`, as the SQLite store does (`SQLiteStore+Triggers.swift`).
///
/// The database refuses to change an issued record only while its triggers are there, enabled, and
/// call functions that still say what they said: the tables' owner can `DROP TRIGGER`, `ALTER TABLE
/// … DISABLE TRIGGER` or `CREATE OR REPLACE` a function with one that does nothing. So every write
/// transaction first reads `pg_trigger` and `pg_proc` and refuses to change anything
/// (``StoreError/unprotected(path:damage:)``) when one trigger is missing, disabled, fires on other
/// events or calls another function, or when a function's body differs.
extension PostgresStore {
    /// A trigger the store must have: its table, `pg_trigger.tgtype` (the events and timing it
    /// fires on) and the function it calls.
    struct ExpectedTrigger {
        var name: String
        var table: String
        var type: Int
        var function: String
    }

    /// Every protective trigger, as `protection` creates it.
    ///
    /// `tgtype` bits: 1 row-level, 2 before, 4 insert, 8 delete, 16 update, 32 truncate.
    static let expectedTriggers: [ExpectedTrigger] = {
        var triggers = [
            ExpectedTrigger(name: "numbering_no_delete", table: "numbering", type: 1 + 2 + 8, function: numbering),
            ExpectedTrigger(name: "numbering_no_truncate", table: "numbering", type: 2 + 32, function: numbering),
            ExpectedTrigger(name: "numbering_no_going_back", table: "numbering", type: 1 + 2 + 16, function: numbering),
            ExpectedTrigger(
                name: "vendor_versions_on_change",
                table: "settings",
                type: 1 + 4 + 16,
                function: "ledgerprint_vendor_version"
            ),
            ExpectedTrigger(
                name: "invoices_vendor_snapshot",
                table: "invoices",
                type: 1 + 4,
                function: "ledgerprint_vendor_snapshot"
            ),
            ExpectedTrigger(
                name: "credit_notes_vendor_snapshot",
                table: "credit_notes",
                type: 1 + 4,
                function: "ledgerprint_vendor_snapshot"
            ),
        ]
        for table in appendOnlyTables + laterAppendOnlyTables {
            triggers.append(
                ExpectedTrigger(
                    name: "\(table)_append_only",
                    table: table,
                    type: 1 + 2 + 8 + 16,
                    function: "ledgerprint_append_only"
                )
            )
            triggers.append(
                ExpectedTrigger(
                    name: "\(table)_no_truncate",
                    table: table,
                    type: 2 + 32,
                    function: "ledgerprint_append_only"
                )
            )
        }
        return triggers
    }()

    private static let numbering = "ledgerprint_numbering_forward"

    /// Each trigger function's body as `protection` writes it (the text between `$$` and `$$`,
    /// which PostgreSQL keeps as it was written, in `pg_proc.prosrc`).
    static let expectedFunctions: [String: String] = {
        var functions: [String: String] = [:]
        for part in protection.components(separatedBy: "CREATE FUNCTION ").dropFirst() {
            let name = String(part.prefix { $0 != "(" })
            let pieces = part.components(separatedBy: "$$")
            if pieces.count >= 3 { functions[name] = pieces[1] }
        }
        return functions
    }()

    /// The protective triggers and functions that are missing or differ, each with what is wrong
    /// ("invoices_append_only missing", "events_append_only disabled", "function ledgerprint_append_only altered").
    static func damagedProtection(_ connection: PGConnection) throws(PGFailure) -> [String] {
        // One query (one round trip) for both catalogs: it runs before every write transaction.
        let rows = try connection.executePrepared(
            """
            SELECT 'trigger' AS kind, t.tgname::text AS name, c.relname::text AS tbl, t.tgtype::text AS type,
                t.tgenabled::text AS enabled, p.proname::text AS function
            FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid
            WHERE NOT t.tgisinternal AND c.relnamespace = current_schema()::regnamespace
            UNION ALL
            SELECT 'function', proname::text, NULL, NULL, NULL, prosrc FROM pg_proc
            WHERE pronamespace = current_schema()::regnamespace AND proname LIKE 'ledgerprint%'
            """
        )
        var present: [String: (table: String?, type: String?, enabled: String?, function: String?)] = [:]
        var sources: [String: String] = [:]
        for row in 0..<rows.count {
            let name = rows.value(row, "name") ?? ""
            if rows.value(row, "kind") == "function" {
                sources[name] = rows.value(row, "function")
                continue
            }
            present[name] = (
                rows.value(row, "tbl"), rows.value(row, "type"), rows.value(row, "enabled"), rows.value(row, "function")
            )
        }
        var damage: [String] = expectedTriggers.compactMap { expected in
            guard let found = present[expected.name] else { return "\(expected.name) missing" }
            if found.enabled == "D" { return "\(expected.name) disabled" }
            guard found.table == expected.table, found.type == String(expected.type),
                found.function == expected.function
            else { return "\(expected.name) altered" }
            return nil
        }
        for (name, body) in expectedFunctions.sorted(by: { $0.key < $1.key }) where sources[name] != body {
            damage.append("function \(name) \(sources[name] == nil ? "missing" : "altered")")
        }
        return damage
    }

    /// Throws ``StoreError/unprotected(path:damage:)`` if a protective trigger or function is missing or altered.
    static func requireProtection(_ connection: PGConnection, location: String) throws {
        let damage = try damagedProtection(connection)
        guard damage.isEmpty else { throw StoreError.unprotected(path: location, damage: damage) }
    }

    /// Puts back every protective trigger and function, in one transaction, if any is missing or altered.
    ///
    /// - Returns: what was wrong, one entry per trigger or function (empty if nothing was, and nothing was done).
    public func restoreProtection() throws(StoreError) -> [String] {
        try transaction { transaction in
            let damage = try Self.damagedProtection(transaction.connection)
            guard !damage.isEmpty else { return [] }
            for trigger in Self.expectedTriggers {
                try transaction.execute("DROP TRIGGER IF EXISTS \(trigger.name) ON \(trigger.table)")
            }
            for function in Self.expectedFunctions.keys.sorted() {
                try transaction.execute("DROP FUNCTION IF EXISTS \(function)() CASCADE")
            }
            try transaction.connection.run(script: Self.protection)
            for table in Self.laterAppendOnlyTables {
                try transaction.connection.run(script: Self.appendOnlyTriggers(on: table))
            }
            return damage
        }
    }
}
