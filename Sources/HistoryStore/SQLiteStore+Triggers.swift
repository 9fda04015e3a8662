import GRDB

/// The triggers that make the store append-only, checked before every change and restored by `init`.
///
/// The database refuses an UPDATE or DELETE of an issued document or of the event log, and a
/// numbering counter that goes back or disappears, whatever program tries, but only as long as
/// its triggers are there: anyone who can write the file can drop them (`DROP TRIGGER`) or
/// replace them with ones that do nothing. So every write transaction first compares the store's
/// triggers with these, and refuses to change anything when one is missing or altered;
/// ``SQLiteStore/restoreProtection()`` (run by `ledgerprint init`) puts them back.
extension SQLiteStore {
    /// Every trigger a store must have, by name, with the SQL that creates it.
    static let protectiveTriggers: [(name: String, sql: String)] = {
        var triggers: [(name: String, sql: String)] = []
        let appendOnly = [
            "invoices", "credit_notes", "payments", "account_credits", "events", "reminders", "reminded_invoices",
            "refunds",
        ]
        for table in appendOnly {
            for operation in ["UPDATE", "DELETE"] {
                triggers.append(
                    (
                        "\(table)_no_\(operation.lowercased())",
                        """
                        CREATE TRIGGER \(table)_no_\(operation.lowercased()) BEFORE \(operation) ON \(table)
                        BEGIN SELECT RAISE(ABORT, '\(table) are append-only: issued records never change'); END
                        """
                    )
                )
            }
        }
        triggers.append(
            (
                "numbering_no_delete",
                """
                CREATE TRIGGER numbering_no_delete BEFORE DELETE ON numbering
                BEGIN SELECT RAISE(ABORT, 'numbering counters are never removed: numbers must stay gapless'); END
                """
            )
        )
        triggers.append(
            (
                "numbering_no_going_back",
                """
                CREATE TRIGGER numbering_no_going_back BEFORE UPDATE ON numbering
                WHEN NEW.last < OLD.last OR NEW.series IS NOT OLD.series OR NEW.year IS NOT OLD.year
                BEGIN SELECT RAISE(ABORT, 'numbering counters only go forward: numbers must stay unique'); END
                """
            )
        )
        return triggers + vendorSnapshotTriggerSQL
    }()

    /// The migration that gives the numbering counters their triggers (stores made before had none).
    static func protectNumbering(_ db: Database) throws {
        for (name, sql) in protectiveTriggers where name.hasPrefix("numbering_") {
            try db.execute(sql: sql)
        }
    }

    /// The protective triggers that are missing or differ from ``protectiveTriggers``, each with
    /// what is wrong ("numbering_no_delete missing", "invoices_no_update altered").
    static func damagedTriggers(_ db: Database) throws -> [String] {
        var present: [String: String] = [:]
        let rows = try Row.fetchAll(
            db.cachedStatement(sql: "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
        )
        for row in rows {
            let name: String = row["name"]
            present[name] = row["sql"]
        }
        return protectiveTriggers.compactMap { name, sql in
            guard let found = present[name] else { return "\(name) missing" }
            // SQLite keeps a trigger's SQL as it was written, so the text is the same unless someone
            // rewrote it; only then are the two compared with their spacing made uniform. (Normalising
            // every trigger on every check was a sixth of a renewal: 10 M instructions a batch; and
            // normalising the expected ones once, up front, was 5.6 M of every command that writes,
            // such as printing one invoice, which records the file: docs/performance.md, read32.)
            return found == sql || normalized(found) == normalized(sql) ? nil : "\(name) altered"
        }
    }

    /// Throws ``StoreError/unprotected(path:damage:)`` if a protective trigger is missing or altered.
    static func requireProtection(_ db: Database, path: String) throws {
        let damage = try damagedTriggers(db)
        guard damage.isEmpty else { throw StoreError.unprotected(path: path, damage: damage) }
    }

    /// Puts back every protective trigger that is missing or altered, and says which.
    ///
    /// - Returns: what was wrong, one entry per trigger restored (empty if none was).
    public func restoreProtection() throws(StoreError) -> [String] {
        do {
            return try database.writeWithoutTransaction { db in
                var restored: [String] = []
                try db.inTransaction(.immediate) {
                    restored = try Self.damagedTriggers(db)
                    for (name, sql) in Self.protectiveTriggers {
                        guard restored.contains(where: { $0.hasPrefix(name + " ") }) else { continue }
                        try db.execute(sql: "DROP TRIGGER IF EXISTS \(name)")
                        try db.execute(sql: sql)
                    }
                    return .commit
                }
                return restored
            }
        } catch {
            throw Self.translate(error)
        }
    }

    /// The SQL of a trigger with its spacing and a final semicolon made uniform.
    private static func normalized(_ sql: String) -> String {
        sql.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
            .replacingOccurrences(of: ";", with: "")
    }
}
