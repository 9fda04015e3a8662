import ArgumentParser
import Billing
import Canvas
import Foundation

extension Ledgerprint {
    /// The options and arguments that hold ids, by property name, with what the message calls them.
    static let idProperties: [String: String] = [
        "account": "account id", "subscription": "subscription id", "reference": "payment reference",
        "quote": "quote reference", "request": "request reference", "id": "id", "invoice": "invoice number",
        "number": "number", "reminder": "reminder reference", "po": "PO number",
    ]

    /// Parses the command line, checks every id in it against ``RecordID``, then runs the command:
    /// one grammar for every command, old and new, without each checking its own.
    static func main() {
        // A reader that goes away (`| head`, a closed FIFO) makes a write fail with EPIPE, reported
        // with its path and exit 74, instead of killing the process without a word.
        signal(SIGPIPE, SIG_IGN)
        // Before any worker thread: the PDF set-up changes the environment (Canvas).
        PDFDocument.prepareProcess()
        do {
            var command = try parseAsRoot()
            if let failure = invalidID(in: command) {
                FileHandle.standardError.write(Data("ledgerprint: \(Terminal.safe(failure))\n".utf8))
                exit(withError: ExitCode(Failure.Kind.invalidInput.rawValue))
            }
            try command.run()
            // Listings go through the C library's buffer: a full disk or a closed pipe shows only here.
            if fflush(nil) != 0 {
                let reason = String(cString: strerror(errno))
                FileHandle.standardError.write(Data("ledgerprint: cannot write standard output: \(reason)\n".utf8))
                exit(withError: ExitCode(Failure.Kind.storeError.rawValue))
            }
        } catch {
            exit(withError: error)
        }
    }

    /// The message for the first id of `command` that breaks the grammar, if any.
    static func invalidID(in command: any ParsableCommand) -> String? {
        for child in Mirror(reflecting: command).children {
            guard let label = child.label, label.hasPrefix("_"), let kind = idProperties[String(label.dropFirst())]
            else { continue }
            let value: String? =
                (child.value as? Argument<String>)?.wrappedValue ?? (child.value as? Option<String>)?.wrappedValue
                ?? (child.value as? Option<String?>)?.wrappedValue ?? (child.value as? Argument<String?>)?.wrappedValue
                ?? nil
            guard let value else { continue }
            do {
                try RecordID.check(value, kind: kind)
            } catch {
                return error.description
            }
        }
        return nil
    }
}
