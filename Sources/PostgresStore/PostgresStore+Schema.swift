import HistoryStore

/// One step of the PostgreSQL schema: its name, kept in `ledgerprint_migrations` once applied,
/// and its statements.
struct PostgresMigration: Sendable {
    var identifier: String
    var sql: String
}

extension PostgresStore {
    /// The schema, one migration per step, in order.
    ///
    /// Append new ones at the end; never edit one.
    /// The same tables and columns as the SQLite store's newest version (`docs/store.md`), in
    /// PostgreSQL's types: dates are `date`, amounts `bigint` minor units, JSON detail `json`
    /// (kept as the exact text written, which `jsonb` would not), flags `smallint` 0 or 1 as the
    /// shared mappings write them.
    static let migrations: [PostgresMigration] = [
        PostgresMigration(identifier: "pg1-tables", sql: recordTables + documentTables + logTables),
        PostgresMigration(identifier: "pg1-protection", sql: protection),
        PostgresMigration(identifier: "v7-pg4-invoice-runs", sql: invoiceRuns),
        PostgresMigration(identifier: "v7-pg3-run-claims", sql: runClaimsTable),
    ]

    /// Applies the `migrations` the database does not have yet, all in one transaction.
    ///
    /// All of them, or none: PostgreSQL's DDL is transactional. Two processes opening a new store
    /// at once wait for each other (an advisory lock), so the schema is made once.
    static func migrate(
        _ connection: PGConnection,
        _ migrations: [PostgresMigration],
        location: PostgresLocation
    ) throws(StoreError) {
        var step = "reading the schema's version"
        do {
            try connection.execute("BEGIN")
            try connection.execute("SELECT pg_advisory_xact_lock(1280332372)")  // "LPRT"
            let tracked = try connection.execute(
                "SELECT count(*) AS n FROM pg_tables WHERE schemaname = current_schema() "
                    + "AND tablename = 'ledgerprint_migrations'"
            )
            if tracked.value(0, "n") == "0" {
                let tables = try connection.execute(
                    "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename LIMIT 3"
                )
                guard tables.count == 0 else {
                    throw StoreError.notAStore(
                        path: location.description,
                        reason: "its schema has tables of another program ("
                            + (0..<tables.count).compactMap { tables.value($0, "tablename") }.joined(separator: ", ")
                            + "…) and no ledgerprint_migrations"
                    )
                }
                try connection.execute(
                    "CREATE TABLE ledgerprint_migrations (identifier text PRIMARY KEY, "
                        + "applied_at timestamptz NOT NULL DEFAULT now())"
                )
            }
            let rows = try connection.execute("SELECT identifier FROM ledgerprint_migrations")
            let applied = Set((0..<rows.count).compactMap { rows.value($0, "identifier") })
            let unknown = applied.subtracting(migrations.map(\.identifier))
            guard unknown.isEmpty else {
                throw StoreError.newerVersion(path: location.description, migrations: unknown.sorted())
            }
            for migration in migrations where !applied.contains(migration.identifier) {
                step = "migration \(migration.identifier)"
                try connection.run(script: migration.sql)
                try connection.execute(
                    "INSERT INTO ledgerprint_migrations(identifier) VALUES ($1)",
                    [.text(migration.identifier)]
                )
            }
            step = "committing the migrations"
            try connection.execute("COMMIT")
        } catch {
            _ = try? connection.execute("ROLLBACK")
            if let error = error as? StoreError { throw error }
            let message = (error as? PGFailure)?.message ?? "\(error)"
            throw .database(
                location.redacting("\(location): \(step) failed: \(message); the database was left as it was")
            )
        }
    }

    private static let recordTables = """
        CREATE TABLE settings (name text PRIMARY KEY, data json NOT NULL);
        CREATE TABLE accounts (
            id text PRIMARY KEY, name text NOT NULL, kind text NOT NULL, locale text NOT NULL,
            currency char(3) NOT NULL, billing_contact_name text NOT NULL, billing_contact_email text NOT NULL,
            billing_contact_phone text, billing_contact_title text, detail json NOT NULL
        );
        CREATE TABLE purchase_orders (
            account_id text NOT NULL REFERENCES accounts(id), position integer NOT NULL,
            number text NOT NULL, cap bigint NOT NULL, currency char(3) NOT NULL,
            valid_from date NOT NULL, valid_until date NOT NULL, PRIMARY KEY (account_id, position)
        );
        CREATE TABLE purchase_order_states (
            account_id text NOT NULL REFERENCES accounts(id), position integer NOT NULL, closed_on date,
            is_default smallint NOT NULL CHECK (is_default IN (0, 1)), pinned json NOT NULL,
            PRIMARY KEY (account_id, position)
        );
        CREATE TABLE subscriptions (
            id text PRIMARY KEY, account_id text NOT NULL REFERENCES accounts(id),
            product_id text NOT NULL, tier_id text NOT NULL, seats integer NOT NULL, frequency text NOT NULL,
            unit_price bigint NOT NULL, currency char(3) NOT NULL, anchor_day integer NOT NULL,
            period_start date NOT NULL, period_end date NOT NULL, status text NOT NULL,
            started_on date NOT NULL, cancelled_on date, expired_on date
        );
        CREATE INDEX subscriptions_by_account ON subscriptions(account_id);
        CREATE INDEX subscriptions_due ON subscriptions(status, period_end);
        CREATE TABLE quotes (
            id text PRIMARY KEY, account_id text NOT NULL REFERENCES accounts(id),
            subscription_id text NOT NULL, prepared_by text NOT NULL, product_id text NOT NULL,
            tier_id text NOT NULL, seats integer NOT NULL, frequency text NOT NULL,
            unit_price bigint NOT NULL, currency char(3) NOT NULL, prepared_on date NOT NULL,
            valid_until date NOT NULL, status text NOT NULL, accepted_on date, term_ends date
        );
        CREATE INDEX quotes_by_account ON quotes(account_id);
        CREATE INDEX quotes_by_subscription ON quotes(subscription_id, status);
        CREATE TABLE w9_requests (
            id text PRIMARY KEY, account_id text NOT NULL REFERENCES accounts(id),
            requester_name text NOT NULL, requester_email text NOT NULL, requester_phone text,
            requester_title text, form_type text NOT NULL, details text NOT NULL,
            submitted_on date NOT NULL, status text NOT NULL, fulfilled_on date, region text, form_name text
        );
        CREATE INDEX w9_requests_by_account ON w9_requests(account_id);

        """

    private static let documentTables = """
        CREATE TABLE numbering (
            series text NOT NULL, year integer NOT NULL, last integer NOT NULL CHECK (last > 0),
            last_date date NOT NULL, PRIMARY KEY (series, year)
        );
        CREATE TABLE invoices (
            key text NOT NULL UNIQUE, number text NOT NULL UNIQUE, year integer NOT NULL,
            sequence integer NOT NULL, account_id text NOT NULL REFERENCES accounts(id),
            subscription_id text, reason text NOT NULL, currency char(3) NOT NULL, issue_date date NOT NULL,
            due_date date NOT NULL, po_number text, subtotal bigint NOT NULL, tax_total bigint NOT NULL,
            total bigint NOT NULL, stamp_duty bigint, grand_total bigint NOT NULL,
            balance_applied bigint NOT NULL, amount_due bigint NOT NULL, detail json NOT NULL,
            UNIQUE (year, sequence)
        );
        CREATE INDEX invoices_by_account ON invoices(account_id, issue_date);
        CREATE INDEX invoices_by_date ON invoices(issue_date);
        CREATE INDEX invoices_by_po ON invoices(account_id, po_number);
        CREATE TABLE credit_notes (
            number text NOT NULL UNIQUE, year integer NOT NULL, sequence integer NOT NULL,
            invoice_number text NOT NULL REFERENCES invoices(number),
            account_id text NOT NULL REFERENCES accounts(id), currency char(3) NOT NULL,
            issue_date date NOT NULL, reason text NOT NULL, subtotal bigint NOT NULL,
            tax_total bigint NOT NULL, total bigint NOT NULL, stamp_duty bigint,
            grand_total bigint NOT NULL, detail json NOT NULL, credited_line integer, account_credit bigint,
            UNIQUE (year, sequence)
        );
        CREATE INDEX credit_notes_by_account ON credit_notes(account_id, issue_date);
        CREATE INDEX credit_notes_by_date ON credit_notes(issue_date);
        CREATE INDEX credit_notes_by_invoice ON credit_notes(invoice_number);
        CREATE TABLE payments (
            id text PRIMARY KEY, account_id text NOT NULL REFERENCES accounts(id),
            invoice_number text, amount bigint NOT NULL, currency char(3) NOT NULL,
            received_on date NOT NULL, method text NOT NULL
        );
        CREATE INDEX payments_by_account ON payments(account_id, received_on);
        CREATE TABLE account_credits (
            id text PRIMARY KEY, account_id text NOT NULL REFERENCES accounts(id),
            date date NOT NULL, description text NOT NULL, amount bigint NOT NULL,
            currency char(3) NOT NULL, detail json NOT NULL
        );
        CREATE INDEX account_credits_by_account ON account_credits(account_id, date);
        CREATE TABLE refunds (
            id text PRIMARY KEY, account_id text NOT NULL REFERENCES accounts(id),
            amount bigint NOT NULL, currency char(3) NOT NULL, date date NOT NULL, method text NOT NULL
        );
        CREATE INDEX refunds_by_account ON refunds(account_id, date);
        CREATE TABLE reminders (
            id text PRIMARY KEY, account_id text NOT NULL REFERENCES accounts(id),
            date date NOT NULL, level integer NOT NULL, detail json NOT NULL
        );
        CREATE INDEX reminders_by_account ON reminders(account_id, date);
        CREATE TABLE reminded_invoices (
            invoice_number text NOT NULL REFERENCES invoices(number), level integer NOT NULL,
            reminder_id text NOT NULL REFERENCES reminders(id), date date NOT NULL,
            PRIMARY KEY (invoice_number, level)
        );
        CREATE TABLE vendor_versions (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, data json NOT NULL);
        CREATE TABLE document_vendors (
            series text NOT NULL, number text NOT NULL,
            version bigint NOT NULL REFERENCES vendor_versions(id), PRIMARY KEY (series, number)
        );

        """

    private static let logTables = """
        CREATE TABLE events (
            seq bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, date date NOT NULL, actor text NOT NULL,
            account_id text, kind text NOT NULL, payload json NOT NULL
        );
        CREATE INDEX events_by_account ON events(account_id, date);
        CREATE TABLE printed_documents (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, kind text NOT NULL, reference text NOT NULL,
            account_id text, format text NOT NULL, sha256 text NOT NULL, size bigint NOT NULL,
            template_version text NOT NULL, printed_at text NOT NULL, path text NOT NULL
        );
        CREATE INDEX printed_by_reference ON printed_documents(kind, reference, format);
        CREATE TABLE mail_sendings (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, kind text NOT NULL, reference text NOT NULL,
            account_id text, recipient text NOT NULL, subject text NOT NULL, attachments text NOT NULL,
            actor text NOT NULL, sent_at text NOT NULL, message_id text NOT NULL, server_reply text NOT NULL
        );
        CREATE INDEX mail_sendings_by_document ON mail_sendings(kind, reference);
        CREATE TABLE web_users (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, email text NOT NULL UNIQUE, name text NOT NULL,
            role text NOT NULL CHECK (role IN ('contact', 'user', 'representative')),
            password_hash text, disabled smallint NOT NULL DEFAULT 0,
            failed_attempts integer NOT NULL DEFAULT 0, locked_until bigint, created_at bigint NOT NULL
        );
        CREATE TABLE web_user_accounts (
            user_id bigint NOT NULL REFERENCES web_users(id), account_id text NOT NULL REFERENCES accounts(id),
            PRIMARY KEY (user_id, account_id)
        );
        CREATE INDEX web_user_accounts_by_account ON web_user_accounts(account_id);
        CREATE TABLE web_sessions (
            token_hash text PRIMARY KEY, user_id bigint NOT NULL REFERENCES web_users(id),
            created_at bigint NOT NULL, expires_at bigint NOT NULL
        );
        CREATE TABLE web_sign_in_links (
            token_hash text PRIMARY KEY, user_id bigint NOT NULL REFERENCES web_users(id),
            created_at bigint NOT NULL, expires_at bigint NOT NULL, used_at bigint
        );
        CREATE TABLE user_events (
            seq bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, at bigint NOT NULL, actor text NOT NULL,
            email text NOT NULL, kind text NOT NULL, detail text NOT NULL
        );
        CREATE INDEX user_events_by_email ON user_events(email, seq);
        """

    /// `invoice_runs` (SQLite's `v6-web4-invoice-runs`): one row per finished `invoices run`, its
    /// failures a JSON array of strings; append-only, as on SQLite.
    private static let invoiceRuns =
        """
        CREATE TABLE invoice_runs (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, started_at text NOT NULL,
            finished_at text NOT NULL, period text NOT NULL, kind text, through date NOT NULL,
            issued integer NOT NULL, printed integer NOT NULL, skipped integer NOT NULL, failures json NOT NULL,
            folder text NOT NULL, actor text NOT NULL
        );

        """ + appendOnlyTriggers(on: "invoice_runs")
}
