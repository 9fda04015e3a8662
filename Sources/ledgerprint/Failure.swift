import ArgumentParser
import Billing
import Canvas
import Documents
import Foundation
import HistoryStore
import Layout
import Markup

/// A failure as the user sees it: one line on standard error and an exit code of its kind.
struct Failure: Error, CustomStringConvertible {
    /// The kinds of failure, each with its exit code (`docs/cli.md`).
    enum Kind: Int32 {
        /// Some documents of a batch failed; the others were printed.
        case partial = 3
        /// Wrong command-line use.
        case usage = 64
        /// Input that is wrong: a file, a date, an identifier, a template.
        case invalidInput = 65
        /// Something named does not exist.
        case notFound = 66
        /// The store or a file cannot be read or written.
        case storeError = 74
        /// The actor may not do this.
        case notAllowed = 77
        /// What was asked cannot be done here: it needs a part of the store not yet available on PostgreSQL
        /// (issue 21), or a library that cannot be loaded (Cairo, Pango: drawing a document).
        case unavailable = 69
    }

    var kind: Kind
    var message: String

    init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    var description: String { message }

    /// Classifies any error the modules throw.
    init(_ error: any Error) {
        switch error {
        case let failure as Failure: self = failure
        case let error as BillingError: self.init(Self.kind(of: error), error.description)
        case let error as StoreError:
            switch error {
            case .notFound: self.init(.notFound, error.description)
            case .rejected(let billing): self.init(Self.kind(of: billing), billing.description)
            case .invalidImport, .duplicate, .outOfDateOrder: self.init(.invalidInput, error.description)
            case .notAStore, .newerVersion, .database: self.init(.storeError, error.description)
            case .unprotected, .readOnly: self.init(.storeError, error.description)
            case .unreachable: self.init(.storeError, error.description)
            }
        case let error as DocumentError:
            if case .fonts(let underlying) = error {
                self.init(underlying)
            } else if case .templateMissing = error {
                self.init(.notFound, error.description)
            } else {
                self.init(.invalidInput, error.description)
            }
        case let error as MarkupError: self.init(.invalidInput, error.description)
        case let error as LayoutError: self.init(.invalidInput, error.description)
        case let error as CanvasError:
            if case .graphicsLibrary = error {
                self.init(.unavailable, error.description)
            } else if case .cannotWrite = error {
                self.init(.storeError, error.description)
            } else {
                self.init(.invalidInput, error.description)
            }
        default: self.init(.storeError, "\(error)")
        }
    }

    private static func kind(of error: BillingError) -> Kind {
        switch error {
        case .notAllowed: return .notAllowed
        case .notFound: return .notFound
        default: return .invalidInput
        }
    }
}

/// Runs a command body, turning any failure into one line on stderr and its exit code.
func run(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let exit as ExitCode {
        throw exit
    } catch let error as ValidationError {
        throw error
    } catch {
        let failure = Failure(error)
        FileHandle.standardError.write(
            Data("ledgerprint: \(Terminal.safe(failure.message, keepingLines: true))\n".utf8)
        )
        throw ExitCode(failure.kind.rawValue)
    }
}
