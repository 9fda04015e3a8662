/* What SQLite alone costs for the month-end run's renewals: the floor under the store's issuing.
 *
 * `renewal_floor STORE [partial]` takes a store the store benchmark imported (before its run: keep
 * it with `BENCH_SCALE=1000 BENCH_KEEP=/tmp/bench.sqlite make bench SUITES=store`, the 1,000
 * accounts the `store-import` profile imports; then copy it, as this writes into it) and renews every subscription due on 2026-03-01 with the same SQL statements, one prepared
 * statement each, that `StoreTransaction` runs for a renewal, 100 renewals to a transaction — but
 * with no Swift, no billing rules and no JSON encoding: the invoice row and the event row are copies
 * of rows already in the store with their keys changed. With `partial`, `invoices_by_po` is made
 * partial (`WHERE po_number IS NOT NULL`) first, as migration `v6-store-speed4-po-index` does.
 *
 * Count its instructions with callgrind; each statement is a function of its own, so the inclusive
 * counts say what each costs:
 *
 *     cc -O2 -gdwarf-4 renewal_floor.c -lsqlite3 -o renewal_floor
 *     cp /tmp/bench.sqlite /tmp/floor.sqlite
 *     valgrind --tool=callgrind ./renewal_floor /tmp/floor.sqlite
 *     callgrind_annotate --inclusive=yes callgrind.out.* | grep -E 'renew_one|step_'
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static sqlite3 *db;

static void fail(const char *what) {
    fprintf(stderr, "%s: %s\n", what, sqlite3_errmsg(db));
    exit(1);
}

static sqlite3_stmt *prepare(const char *sql) {
    sqlite3_stmt *statement;
    if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, NULL) != SQLITE_OK) fail(sql);
    return statement;
}

static void exec(const char *sql) {
    if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK) fail(sql);
}

/* Steps a statement to its end, reading each column of each row as the store's mappings do. */
static void run(sqlite3_stmt *statement) {
    int code;
    while ((code = sqlite3_step(statement)) == SQLITE_ROW) {
        for (int column = 0; column < sqlite3_column_count(statement); column++) {
            if (sqlite3_column_type(statement, column) == SQLITE_TEXT) {
                (void)sqlite3_column_text(statement, column);
                (void)sqlite3_column_bytes(statement, column);
            } else {
                (void)sqlite3_column_int64(statement, column);
            }
        }
    }
    if (code != SQLITE_DONE) fail(sqlite3_sql(statement));
    sqlite3_reset(statement);
}

/* A row of `table` to copy: its values, to be bound again with some changed. */
typedef struct {
    int count;
    char **names;
    sqlite3_value **values;
} Template;

static Template template_of(const char *sql) {
    sqlite3_stmt *statement = prepare(sql);
    if (sqlite3_step(statement) != SQLITE_ROW) fail(sql);
    Template row = {sqlite3_column_count(statement), NULL, NULL};
    row.names = calloc(row.count, sizeof(char *));
    row.values = calloc(row.count, sizeof(sqlite3_value *));
    for (int i = 0; i < row.count; i++) {
        row.names[i] = strdup(sqlite3_column_name(statement, i));
        row.values[i] = sqlite3_value_dup(sqlite3_column_value(statement, i));
    }
    sqlite3_finalize(statement);
    return row;
}

static sqlite3_stmt *insert_of(const char *table, Template row) {
    char sql[4096];
    int length = snprintf(sql, sizeof sql, "INSERT INTO %s(", table);
    for (int i = 0; i < row.count; i++) length += snprintf(sql + length, sizeof sql - length, "%s%s", i ? ", " : "", row.names[i]);
    length += snprintf(sql + length, sizeof sql - length, ") VALUES (");
    for (int i = 0; i < row.count; i++) length += snprintf(sql + length, sizeof sql - length, "%s?", i ? ", " : "");
    snprintf(sql + length, sizeof sql - length, ")");
    return prepare(sql);
}

static int column(Template row, const char *name) {
    for (int i = 0; i < row.count; i++)
        if (strcmp(row.names[i], name) == 0) return i;
    fprintf(stderr, "no column %s\n", name);
    exit(1);
}

static sqlite3_stmt *read_subscription, *read_account, *read_orders, *update_subscription, *invoice_exists,
    *available_credit, *read_numbering, *update_numbering, *insert_invoice, *insert_event, *read_triggers;
static Template invoice, event;
static int sequence_number;

static void step_read_subscription(const char *id) {
    sqlite3_bind_text(read_subscription, 1, id, -1, SQLITE_TRANSIENT);
    run(read_subscription);
}

static void step_read_account(const char *account) {
    sqlite3_bind_text(read_account, 1, account, -1, SQLITE_TRANSIENT);
    run(read_account);
    sqlite3_bind_text(read_orders, 1, account, -1, SQLITE_TRANSIENT);
    run(read_orders);
}

static void step_update_subscription(const char *id) {
    sqlite3_bind_text(update_subscription, 1, id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(update_subscription, 2, "2026-03-01", -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(update_subscription, 3, "2026-04-01", -1, SQLITE_TRANSIENT);
    run(update_subscription);
}

static void step_invoice_exists(const char *key) {
    sqlite3_bind_text(invoice_exists, 1, key, -1, SQLITE_TRANSIENT);
    run(invoice_exists);
}

static void step_available_credit(const char *account) {
    sqlite3_bind_text(available_credit, 1, account, -1, SQLITE_TRANSIENT);
    run(available_credit);
}

static void step_numbering(void) {
    sqlite3_bind_text(read_numbering, 1, "invoice", -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(read_numbering, 2, 2026);
    run(read_numbering);
    sqlite3_bind_text(update_numbering, 1, "2026-03-01", -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(update_numbering, 2, "invoice", -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(update_numbering, 3, 2026);
    run(update_numbering);
}

static void step_insert_invoice(const char *key, const char *account, const char *id) {
    char number[32];
    snprintf(number, sizeof number, "2026-F%06d", sequence_number);
    for (int i = 0; i < invoice.count; i++) sqlite3_bind_value(insert_invoice, i + 1, invoice.values[i]);
    sqlite3_bind_text(insert_invoice, column(invoice, "key") + 1, key, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(insert_invoice, column(invoice, "number") + 1, number, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(insert_invoice, column(invoice, "sequence") + 1, sequence_number);
    sqlite3_bind_text(insert_invoice, column(invoice, "account_id") + 1, account, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(insert_invoice, column(invoice, "subscription_id") + 1, id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(insert_invoice, column(invoice, "issue_date") + 1, "2026-03-01", -1, SQLITE_TRANSIENT);
    run(insert_invoice);
}

static void step_insert_event(const char *account) {
    for (int i = 0; i < event.count; i++) sqlite3_bind_value(insert_event, i + 1, event.values[i]);
    sqlite3_bind_text(insert_event, column(event, "account_id") + 1, account, -1, SQLITE_TRANSIENT);
    run(insert_event);
}

static void renew_one(const char *id, const char *account) {
    char key[128];
    snprintf(key, sizeof key, "%s/2026-03-01", id);
    sequence_number++;
    step_read_subscription(id);
    step_read_account(account);
    step_update_subscription(id);
    step_invoice_exists(key);
    step_available_credit(account);
    step_numbering();
    step_insert_invoice(key, account, id);
    step_insert_event(account);
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: renewal_floor STORE [partial]\n");
        return 64;
    }
    if (sqlite3_open(argv[1], &db) != SQLITE_OK) fail(argv[1]);
    exec("PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY; PRAGMA journal_mode = WAL");
    if (argc > 2 && strcmp(argv[2], "partial") == 0)
        exec("DROP INDEX invoices_by_po; "
             "CREATE INDEX invoices_by_po ON invoices(account_id, po_number) WHERE po_number IS NOT NULL");
    invoice = template_of("SELECT * FROM invoices ORDER BY rowid DESC LIMIT 1");
    event = template_of("SELECT date, actor, account_id, kind, payload FROM events WHERE kind = 'change' LIMIT 1");
    sqlite3_stmt *last = prepare("SELECT last FROM numbering WHERE series = 'invoice' AND year = 2026");
    if (sqlite3_step(last) == SQLITE_ROW) sequence_number = sqlite3_column_int(last, 0);
    sqlite3_finalize(last);
    read_subscription = prepare("SELECT * FROM subscriptions WHERE id = ?");
    read_account = prepare("SELECT * FROM accounts WHERE id = ?");
    read_orders = prepare("SELECT * FROM purchase_orders WHERE account_id = ? ORDER BY position");
    update_subscription = prepare("UPDATE subscriptions SET period_start = ?2, period_end = ?3 WHERE id = ?1");
    invoice_exists = prepare("SELECT EXISTS(SELECT 1 FROM invoices WHERE key = ?)");
    available_credit = prepare(
        "SELECT (SELECT COALESCE(SUM(amount), 0) FROM account_credits WHERE account_id = ?1)"
        " + (SELECT COALESCE(SUM(account_credit), 0) FROM credit_notes WHERE account_id = ?1)"
        " - (SELECT COALESCE(SUM(balance_applied), 0) FROM invoices WHERE account_id = ?1)"
        " - (SELECT COALESCE(SUM(amount), 0) FROM refunds WHERE account_id = ?1)");
    read_numbering = prepare("SELECT last, last_date FROM numbering WHERE series = ? AND year = ?");
    update_numbering = prepare("UPDATE numbering SET last = last + 1, last_date = ? WHERE series = ? AND year = ?");
    insert_invoice = insert_of("invoices", invoice);
    insert_event = insert_of("events", event);
    read_triggers = prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'");

    sqlite3_stmt *due = prepare("SELECT id, account_id FROM subscriptions WHERE status = 'active' "
                                "AND period_end <= '2026-03-01' ORDER BY period_end, id");
    int count = 0, renewals = 0;
    char (*ids)[64] = NULL, (*accounts)[64] = NULL;
    while (sqlite3_step(due) == SQLITE_ROW) {
        ids = realloc(ids, (count + 1) * sizeof *ids);
        accounts = realloc(accounts, (count + 1) * sizeof *accounts);
        snprintf(ids[count], 64, "%s", (const char *)sqlite3_column_text(due, 0));
        snprintf(accounts[count], 64, "%s", (const char *)sqlite3_column_text(due, 1));
        count++;
    }
    sqlite3_finalize(due);
    for (int start = 0; start < count; start += 100) {
        exec("BEGIN IMMEDIATE");
        run(read_triggers);
        for (int i = start; i < count && i < start + 100; i++, renewals++) renew_one(ids[i], accounts[i]);
        exec("COMMIT");
    }
    printf("%d renewals\n", renewals);
    return 0;
}
