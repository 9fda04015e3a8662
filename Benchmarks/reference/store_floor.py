"""How fast SQLite alone can write what an import of the store benchmark leaves behind.

The store benchmark imports 100,000 events (`make bench SUITES=store`). This script takes the
store that import produced (keep it with `BENCH_KEEP=/tmp/bench.sqlite`) and writes its final rows
into a fresh store of the same schema in one transaction, with no parsing, no billing rules and
no encoding: only SQLite inserting the rows and maintaining the indexes. That is a floor for any
import path, however it computes the rows:

    BENCH_KEEP=/tmp/bench.sqlite make bench SUITES=store
    python3 Benchmarks/reference/store_floor.py /tmp/bench.sqlite

It prints the time and the events per second it would allow, three ways: on disk in WAL mode
with the indexes created first (as the store is), on disk with the indexes built after the rows,
and in memory (no I/O at all).
"""

import os
import sqlite3
import sys
import tempfile
import time

EVENTS = 100_000


def main(source_path):
    source = sqlite3.connect(source_path)
    tables = [
        name
        for (name,) in source.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' AND name != 'grdb_migrations'"
        )
    ]
    creates = [source.execute("SELECT sql FROM sqlite_master WHERE name = ?", (t,)).fetchone()[0] for t in tables]
    indexes = [sql for (sql,) in source.execute("SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")]
    rows = {table: source.execute(f"SELECT * FROM {table}").fetchall() for table in tables}
    total = sum(len(r) for r in rows.values())
    print(f"{total} rows in {len(tables)} tables, {os.path.getsize(source_path) / 1e6:.0f} MB")

    def load(connection, indexes_first):
        for sql in creates:
            connection.execute(sql)
        if indexes_first:
            for sql in indexes:
                connection.execute(sql)
        start = time.perf_counter()
        connection.execute("BEGIN IMMEDIATE")
        for table, table_rows in rows.items():
            if table_rows:
                marks = ",".join("?" * len(table_rows[0]))
                connection.executemany(f"INSERT INTO {table} VALUES ({marks})", table_rows)
        if not indexes_first:
            for sql in indexes:
                connection.execute(sql)
        connection.execute("COMMIT")
        return time.perf_counter() - start

    with tempfile.TemporaryDirectory() as folder:
        for label, indexes_first in (("on disk, indexes first", True), ("on disk, indexes after", False)):
            connection = sqlite3.connect(os.path.join(folder, f"{indexes_first}.sqlite"), isolation_level=None)
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA foreign_keys = ON")
            seconds = load(connection, indexes_first)
            connection.close()
            print(f"{label:26} {seconds:5.2f} s  ->  {EVENTS / seconds:8,.0f} events/s at most")
    seconds = load(sqlite3.connect(":memory:", isolation_level=None), False)
    print(f"{'in memory, indexes after':26} {seconds:5.2f} s  ->  {EVENTS / seconds:8,.0f} events/s at most")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: store_floor.py STORE.sqlite  (keep one with BENCH_KEEP=PATH make bench SUITES=store)")
    main(sys.argv[1])
