import Billing

/// Everything the history store refuses or fails at, with what a person needs to fix it.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file exists but is not a Ledgerprint store; it was not touched.
    case notAStore(path: String, reason: String)
    /// The store was written by a newer Ledgerprint.
    case newerVersion(path: String, migrations: [String])
    /// Something named does not exist in the store.
    case notFound(kind: String, id: String)
    /// Something with this id or key already exists.
    case duplicate(kind: String, id: String)
    /// A billing rule refused the action.
    case rejected(BillingError)
    /// An import file is wrong; `location` names the file and the JSON path of the record.
    case invalidImport(location: String, reason: String)
    /// SQLite failed; `message` is its explanation.
    case database(String)
    /// A document would be dated `attempted`, before `number` of its series, issued on `date`:
    /// numbers must follow dates (art. 21 DPR 633/72), so nothing was issued.
    case outOfDateOrder(number: String, date: String, attempted: String)
    /// A trigger that keeps issued records append-only is missing or altered, so nothing is changed.
    case unprotected(path: String, damage: [String])
    /// The store cannot be written by this process (permissions, a read-only disk): it can be read only.
    case readOnly(path: String)
    /// The database server could not be reached, or dropped the connection (a restart, a network
    /// cut); the next action connects again. The server rolls back a transaction whose connection it
    /// lost, unless the loss came while it committed.
    case unreachable(location: String, reason: String)

    /// One line for a person to read.
    public var description: String {
        switch self {
        case .notAStore(let path, let reason):
            return "\(path) is not a Ledgerprint store (\(reason)); it was left untouched — give the path of a store, "
                + "or a new file name to create one"
        case .newerVersion(let path, let migrations):
            return
                "\(path) was written by a newer version of Ledgerprint (schema \(migrations.joined(separator: ", "))); "
                + "upgrade Ledgerprint to open it"
        case .notFound(let kind, let id):
            return "no \(kind) '\(id)' in the store"
        case .duplicate(let kind, let id):
            return "\(kind) '\(id)' already exists"
        case .rejected(let error):
            return error.description
        case .invalidImport(let location, let reason):
            return "\(location): \(reason); nothing was imported"
        case .database(let message):
            return "store error: \(message)"
        case .outOfDateOrder(let number, let date, let attempted):
            return "a document dated \(attempted) would be numbered after \(number), issued on \(date): in a series "
                + "numbers follow dates, so nothing was changed; act on \(date) or later"
        case .unprotected(let path, let damage):
            return
                "\(path) has lost the protection of its issued records (trigger \(damage.joined(separator: ", trigger "))):"
                + " nothing was changed; run 'ledgerprint init --store \(path)' to restore it"
        case .readOnly(let path):
            return "\(path) is read-only (the file, its folder or its disk): it can be listed and printed from,"
                + " but nothing can be changed, and nothing was"
        case .unreachable(let location, let reason):
            return "cannot reach the database \(location) (\(reason)): try again once the server is up"
        }
    }
}
