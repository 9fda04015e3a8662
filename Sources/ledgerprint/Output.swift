import Billing
import Canvas
import Foundation

/// Listings for people (aligned columns) and for scripts (CSV, JSON).
enum Listing {
    /// `cell` made safe for a spreadsheet: a text starting with `=`, `+`, `-`, `@`, a tab or a
    /// carriage return gets a leading `'` so that it is never read as a formula (OWASP's advice on
    /// CSV injection); a number such as `-427.00` stays as it is.
    static func neutralised(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return cell }
        let number =
            cell.dropFirst().allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") } && cell.count > 1
            && (first == "-" || first == "+")
        return number ? cell : "'" + cell
    }

    static func print(_ headers: [String], _ rows: [[String]], as format: ListingFormat) {
        switch format {
        case .table:
            let rows = rows.map { $0.map { Terminal.safe($0) } }
            let widths = headers.indices.map { column in
                ([headers[column]] + rows.map { column < $0.count ? $0[column] : "" }).map(\.count).max() ?? 0
            }
            func line(_ cells: [String]) -> String {
                cells.enumerated().map { index, cell in
                    index == cells.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
                }.joined(separator: "  ")
            }
            Swift.print(line(headers))
            Swift.print(line(widths.map { String(repeating: "-", count: $0) }))
            for row in rows { Swift.print(line(row)) }
        case .csv:
            func field(_ raw: String) -> String {
                let text = Listing.neutralised(Terminal.safe(raw, keepingLines: true))
                return text.contains(where: { ",\"\n".contains($0) })
                    ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
            }
            Swift.print(headers.map(field).joined(separator: ","))
            for row in rows { Swift.print(row.map(field).joined(separator: ",")) }
        case .json:
            printJSON(rows.map { row in Dictionary(uniqueKeysWithValues: zip(headers.map(key), row)) })
        }
    }

    /// Prints `value` as sorted, indented JSON, with DEL, C1 controls and bidirectional overrides escaped.
    static func printJSON(_ value: some Encodable) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: (try? encoder.encode(value)) ?? Data("[]".utf8), as: UTF8.self)
        // JSONEncoder escapes C0 controls; DEL, C1 and bidirectional overrides are escaped here.
        var escaped = ""
        for scalar in json.unicodeScalars {
            if (0x7F...0x9F).contains(scalar.value) || (0x202A...0x202E).contains(scalar.value)
                || (0x2066...0x2069).contains(scalar.value)
            {
                let hex = String(scalar.value, radix: 16)
                escaped += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                escaped.unicodeScalars.append(scalar)
            }
        }
        Swift.print(escaped)
    }

    /// "Due date" → "dueDate".
    static func key(_ header: String) -> String {
        let words = header.split(separator: " ")
        return words.enumerated().map {
            $0 == 0 ? $1.lowercased() : $1.prefix(1).uppercased() + $1.dropFirst().lowercased()
        }.joined()
    }
}

/// Where printed files go, with names made safe and writes that never leave half a file.
enum OutputFiles {
    /// A file name made of `parts`: letters, digits, '-', '_' and '.' only; no path separators or "..".
    static func safeName(_ parts: [String], extension fileExtension: String) -> String {
        let joined = parts.joined(separator: "_")
        var name = String(
            joined.unicodeScalars.map { scalar -> Character in
                let character = Character(scalar)
                return scalar.isASCII && (character.isLetter || character.isNumber || "-_.".contains(character))
                    ? character : "-"
            }
        )
        while name.contains("..") { name = name.replacingOccurrences(of: "..", with: ".") }
        name = name.trimming { $0 == "." || $0 == "-" }
        return (name.isEmpty ? "document" : String(name.prefix(150))) + "." + fileExtension
    }

    /// Where `-o PATH` writes: `-` is standard output.
    static func url(_ path: String) -> URL {
        path == "-" ? standardOutput : URL(fileURLWithPath: path)
    }

    /// Standard output, as `url("-")` gives it.
    static let standardOutput = URL(fileURLWithPath: "/dev/stdout")

    /// Says what was written: on standard output, or on standard error when the document itself
    /// went to standard output.
    static func report(_ message: String, writing url: URL) {
        if url == standardOutput {
            FileHandle.standardError.write(Data("\(Terminal.safe(message, keepingLines: true))\n".utf8))
        } else {
            print(message)
        }
    }

    /// How `url` is named in messages.
    static func name(_ url: URL) -> String { url == standardOutput ? "standard output" : url.path }

    /// Writes `data` to `url`: standard output, a FIFO or a device straight; a regular file
    /// atomically, keeping an existing file with other content unless `force`.
    ///
    /// - Returns: Whether the file was written (false when it already held these bytes).
    @discardableResult
    static func write(_ data: Data, to url: URL, force: Bool) throws -> Bool {
        if url == standardOutput {
            do {
                try FileHandle.standardOutput.write(contentsOf: data)
            } catch {
                throw Failure(.storeError, "cannot write to standard output: \(error.localizedDescription)")
            }
            return true
        }
        var info = stat()
        if stat(url.path, &info) == 0, info.st_mode & S_IFMT == S_IFREG,
            let existing = FileManager.default.contents(atPath: url.path)
        {
            if existing == data { return false }
            guard force else {
                throw Failure(.invalidInput, "\(url.path) exists with other content; use --force to replace it")
            }
        }
        try AtomicFile.write(data, to: url)
        return true
    }

    /// The output folder, created if missing, without the temporary files killed runs left in it
    /// (a running process's are kept: see ``AtomicFile/isAbandonedTemporaryFile(_:)``).
    static func folder(_ path: String) throws -> URL {
        let url = URL(fileURLWithPath: path, isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw Failure(.storeError, "cannot create the folder \(url.path): \(OutputFiles.reasonFolderFails(url))")
        }
        for name in (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        where AtomicFile.isAbandonedTemporaryFile(name) {
            try? FileManager.default.removeItem(at: url.appendingPathComponent(name))
        }
        return url
    }
}

/// A progress bar on standard error, drawn only when it is a terminal.
struct Progress {
    let total: Int
    let label: String
    let start = Date()
    let isTerminal = isatty(STDERR_FILENO) == 1

    func update(_ done: Int) {
        guard isTerminal, total > 0 else { return }
        let elapsed = Date().timeIntervalSince(start)
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let left = rate > 0 ? Int(Double(total - done) / rate) : 0
        let width = 30
        let filled = width * done / total
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let line =
            "\r\(label) [\(bar)] \(done)/\(total)  \(Int(rate))/s  \(left / 60):\(String(format: "%02d", left % 60)) left "
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() {
        guard isTerminal, total > 0 else { return }
        FileHandle.standardError.write(Data("\n".utf8))
    }
}
