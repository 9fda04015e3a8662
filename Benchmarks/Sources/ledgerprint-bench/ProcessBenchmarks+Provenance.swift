import Foundation

/// What the process suite compares, printed before its figures so that every ratio can be traced to
/// the binaries that made it (issue 22, docs/performance.md "Session 12").
///
/// Session 11's statement ratio, 1.76–1.80×, was measured against a C statement built on 2026-12-04
/// from `reference/statement.c` as it was before session 9 (400 one-line rows on 9 pages): the bench
/// finds the C programs in its own repository's `Benchmarks/.build`, and that copy had not been
/// rebuilt since. Session 10's 1.39–1.45× was against the current one (408 rows on 12 pages, the pages
/// Ledgerprint prints). Now a C program older than its source is reported and not compared, and the
/// statement's pages are counted for both programs.
extension ProcessBenchmarks {
    /// One line saying which file `path` is: its full path, size and modification time, and for an
    /// ELF executable whether the Swift runtime is linked into it (`--static-swift-stdlib`, as
    /// `make install` builds it) or loaded from the toolchain.
    static func provenance(of path: String) -> String {
        let url = URL(fileURLWithPath: path).resolvingSymlinksInPath()
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
            let size = attributes[.size] as? Int, let modified = attributes[.modificationDate] as? Date
        else { return "\(path): missing" }
        var line = "\(url.path): \(size.formatted()) bytes, modified \(modified.ISO8601Format())"
        guard let needed = output(of: ["readelf", "-d", url.path]),
            let sections = output(of: ["readelf", "-S", "-W", url.path])
        else { return line }
        if sections.contains("swift5_protocols") {
            let loaded = needed.contains("libswiftCore.so")
            line += loaded ? ", Swift runtime loaded from the toolchain" : ", Swift runtime linked in"
        }
        return line + (sections.contains(".debug_info") ? ", with debug info" : ", no debug info")
    }

    /// Whether the code of the executable at `path` starts with the functions printing runs, as `make release`
    /// links it (docs/performance.md "Session 13"): of the first 1,000 functions of the list
    /// `Scripts/hot-functions.sh` wrote beside it (those compiled each in a section of its own), how many
    /// are among the first 2,000 functions of the code (`nm -n`).
    ///
    /// A binary linked without the list prints the same documents but maps more of its code while it
    /// does, about 5 MB more memory for one invoice; that is what this line is there to show.
    static func codeOrder(of path: String) -> String {
        let binary = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        let listPath = binary + "-hot-functions.txt"
        guard let list = try? String(contentsOfFile: listPath, encoding: .utf8) else {
            return "not ordered: no \(listPath) (`make release` links the executable with one)"
        }
        let first = Set(list.split(separator: "\n").prefix(1000))
        guard !first.isEmpty, let symbols = output(of: ["nm", "-n", "--defined-only", binary]) else {
            return "unknown (the list is empty, or nm could not read the binary)"
        }
        // The code's functions in the order of their addresses.
        var functions: [Substring] = []
        for line in symbols.split(separator: "\n") {
            let fields = line.split(separator: " ", maxSplits: 2)
            if fields.count == 3, ["t", "T", "w", "W"].contains(fields[1]) { functions.append(fields[2]) }
        }
        let placed = Set(functions.prefix(2 * first.count)).intersection(first).count
        let verdict = placed * 10 >= first.count * 9 ? "ordered" : "NOT ordered"
        return "\(verdict): \(placed) of the first \(first.count) functions of \(listPath) are among the first "
            + "\(2 * first.count) of the code"
    }

    /// Why the C program at `binary` cannot be compared, if it was built before `source` last changed.
    static func staleness(of binary: String, builtFrom source: URL) -> String? {
        let manager = FileManager.default
        guard let built = (try? manager.attributesOfItem(atPath: binary))?[.modificationDate] as? Date else {
            return "\(binary) is missing: `make bench` builds it"
        }
        guard let changed = (try? manager.attributesOfItem(atPath: source.path))?[.modificationDate] as? Date,
            changed > built
        else { return nil }
        return "\(binary) was built \(built.ISO8601Format()), before \(source.lastPathComponent) changed "
            + "(\(changed.ISO8601Format())); rebuild it (`make bench` does) before comparing"
    }

    /// The number of pages of the PDF at `path`, as `pdfinfo` reads it.
    static func pages(of path: String) -> Int? {
        guard let info = output(of: ["pdfinfo", path]) else { return nil }
        for line in info.split(separator: "\n") where line.hasPrefix("Pages:") {
            return Int(line.dropFirst("Pages:".count).trimmingCharacters(in: .whitespaces))
        }
        return nil
    }

    /// What `arguments` prints on its standard output, or `nil` if it could not run or failed.
    private static func output(of arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? String(decoding: data, as: UTF8.self) : nil
    }
}
