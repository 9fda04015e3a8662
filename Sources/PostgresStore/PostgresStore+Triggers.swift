/// The triggers that keep issued records as they were issued, in PL/pgSQL.
///
/// The same rules as the SQLite store's (`SQLiteStore+Triggers.swift`): issued documents, the
/// event log and the other records of what happened are append-only; a numbering counter never
/// disappears and never goes back; every issued document keeps the vendor it was issued with.
/// PostgreSQL adds a way round that SQLite has not, `TRUNCATE`, which row triggers do not see: a
/// statement trigger refuses it too.
extension PostgresStore {
    /// The tables whose rows never change once written.
    static let appendOnlyTables = [
        "invoices", "credit_notes", "payments", "account_credits", "events", "reminders", "reminded_invoices",
        "refunds", "vendor_versions", "document_vendors", "mail_sendings", "user_events",
    ]

    /// The trigger functions and triggers (migration `pg1-protection`).
    static var protection: String {
        var sql = """
            CREATE FUNCTION ledgerprint_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '% are append-only: issued records never change', TG_TABLE_NAME
                    USING ERRCODE = 'restrict_violation';
            END $$;
            CREATE FUNCTION ledgerprint_numbering_forward() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP <> 'UPDATE' THEN
                    RAISE EXCEPTION 'numbering counters are never removed: numbers must stay gapless'
                        USING ERRCODE = 'restrict_violation';
                END IF;
                IF NEW.last < OLD.last OR NEW.series IS DISTINCT FROM OLD.series
                    OR NEW.year IS DISTINCT FROM OLD.year THEN
                    RAISE EXCEPTION 'numbering counters only go forward: numbers must stay unique'
                        USING ERRCODE = 'restrict_violation';
                END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER numbering_no_delete BEFORE DELETE ON numbering
                FOR EACH ROW EXECUTE FUNCTION ledgerprint_numbering_forward();
            CREATE TRIGGER numbering_no_truncate BEFORE TRUNCATE ON numbering
                FOR EACH STATEMENT EXECUTE FUNCTION ledgerprint_numbering_forward();
            CREATE TRIGGER numbering_no_going_back BEFORE UPDATE ON numbering
                FOR EACH ROW EXECUTE FUNCTION ledgerprint_numbering_forward();
            CREATE FUNCTION ledgerprint_vendor_version() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO vendor_versions(data) VALUES (NEW.data);
                RETURN NULL;
            END $$;
            CREATE TRIGGER vendor_versions_on_change AFTER INSERT OR UPDATE ON settings
                FOR EACH ROW WHEN (NEW.name = 'vendor') EXECUTE FUNCTION ledgerprint_vendor_version();
            CREATE FUNCTION ledgerprint_vendor_snapshot() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO document_vendors(series, number, version)
                SELECT TG_ARGV[0], NEW.number, id FROM vendor_versions ORDER BY id DESC LIMIT 1;
                RETURN NULL;
            END $$;
            CREATE TRIGGER invoices_vendor_snapshot AFTER INSERT ON invoices
                FOR EACH ROW EXECUTE FUNCTION ledgerprint_vendor_snapshot('invoice');
            CREATE TRIGGER credit_notes_vendor_snapshot AFTER INSERT ON credit_notes
                FOR EACH ROW EXECUTE FUNCTION ledgerprint_vendor_snapshot('credit-note');

            """
        for table in appendOnlyTables { sql += appendOnlyTriggers(on: table) }
        return sql
    }

    /// The tables made append-only by migrations after `pg1-protection`, each with the same two
    /// triggers as `appendOnlyTables` (created by its own migration; checked and restored with the rest).
    static let laterAppendOnlyTables = ["invoice_runs"]

    /// The two triggers that make `table` append-only: no update or delete of a row, no `TRUNCATE`.
    static func appendOnlyTriggers(on table: String) -> String {
        """
        CREATE TRIGGER \(table)_append_only BEFORE UPDATE OR DELETE ON \(table)
            FOR EACH ROW EXECUTE FUNCTION ledgerprint_append_only();
        CREATE TRIGGER \(table)_no_truncate BEFORE TRUNCATE ON \(table)
            FOR EACH STATEMENT EXECUTE FUNCTION ledgerprint_append_only();

        """
    }
}
