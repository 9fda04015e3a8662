import Foundation

/// The Billing Center under load (issue 20): `ledgerprint serve` (the release build `make bench` makes)
/// on loopback, driven by `wrk` from Debian with a signed-in session's cookie.
///
/// - the account overview `/accounts/ROSSI-IT`: requests per second (target ≥ 2,000) and p99 latency,
///   and the server's CPU time (user and system) per answer, which a busy machine changes less;
/// - the first renewal's statement as PDF `/accounts/ROSSI-IT/statements/renewal-1.pdf`: requests per
///   second (target ≥ 100) and p99 latency;
/// - the server's resident memory (VmRSS) at start, after a 3 s warm-up and once 100,000 requests
///   have been answered since the start (target: flat, at most 10 MB more than after the warm-up);
///   `BENCH_WEB_REQUESTS` sets another number of requests. The load stops after four minutes
///   whatever the count, so the suite ends within five; the figure then says how many it reached.
///
/// The store is Samples/history.json; the user is the billing contact of ROSSI-IT, signed in with a
/// password through the sign-in form (a small Python client keeps the pre-session cookie and the CSRF
/// token as a browser does). Any answer that is not 2xx makes the figure "(errors)", never a rate.
///
/// `BENCH_WEB_STORE=postgres` serves from a throw-away PostgreSQL instead (the workers suite's local
/// server on a Unix socket, `serve --connections` at its default); the figures are then named
/// "web (PostgreSQL): …".
enum WebBenchmarks {
    static let email = "anna.bianchi@studiorossi.example"
    static let password = "bench-password-1"

    static func run() throws -> [Measurement] {
        guard let ledgerprint = ProcessInfo.processInfo.environment["LEDGERPRINT_BIN"] else {
            print("web: LEDGERPRINT_BIN is not set; `make bench` sets it")
            return []
        }
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/wrk") else {
            print("web: wrk is not installed (`make bench` installs Debian's wrk)")
            return []
        }
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var environment = ProcessInfo.processInfo.environment
        var postgres: WorkerBenchmarks.Server?
        if environment["BENCH_WEB_STORE"] == "postgres" { postgres = try WorkerBenchmarks.Server() }
        defer { postgres?.stop() }
        let web = postgres == nil ? "web" : "web (PostgreSQL)"
        environment["LEDGERPRINT_STORE"] =
            try postgres?.newDatabase("web") ?? folder.appendingPathComponent("web.sqlite").path
        environment["LEDGERPRINT_TODAY"] = "2026-11-29"
        environment["LEDGERPRINT_PASSWORD"] = password
        let samples = DocumentBenchmarks.root.appendingPathComponent("Samples/history.json").path
        try command([ledgerprint, "import", samples], environment)
        try command(
            [
                ledgerprint, "users", "add", email, "--name", "Anna Bianchi", "--role", "contact", "--account",
                "ROSSI-IT", "--as", "rep:Bench",
            ],
            environment
        )
        try command([ledgerprint, "users", "set-password", email, "--as", "rep:Bench"], environment)

        let port = 18_000 + Int(getpid() % 2_000)
        let base = "http://127.0.0.1:\(port)"
        let server = Process()
        server.executableURL = URL(fileURLWithPath: ledgerprint)
        server.arguments = [
            "serve", "--listen", "127.0.0.1:\(port)", "--templates",
            DocumentBenchmarks.root.appendingPathComponent("Templates").path,
        ]
        server.currentDirectoryURL = DocumentBenchmarks.root
        server.environment = environment
        let output = Pipe()
        server.standardOutput = output
        server.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try server.run()
        defer {
            server.terminate()
            server.waitUntilExit()
        }
        // The first line is printed once the socket listens.
        guard let first = String(data: output.fileHandleForReading.availableData, encoding: .utf8),
            first.contains("Billing Center on")
        else {
            print("web: `ledgerprint serve` did not start")
            return []
        }
        let cookie = try signIn(base: base)
        let overview = base + "/accounts/ROSSI-IT"
        let statement = base + "/accounts/ROSSI-IT/statements/renewal-1.pdf"

        var results: [Measurement] = []
        let started = Date()
        let atStart = residentMegabytes(server.processIdentifier)
        let warmUp = try wrk(overview, cookie: cookie, seconds: 3)  // caches, allocator pools, templates
        let before = residentMegabytes(server.processIdentifier)
        var requests = warmUp.requests
        let cpuBefore = cpuSeconds(server.processIdentifier)
        let page = try wrk(overview, cookie: cookie, seconds: 10)
        let cpuAfter = cpuSeconds(server.processIdentifier)
        requests += page.requests
        results += page.measurements("\(web): account overview", target: 2_000)
        if let cpuBefore, let cpuAfter, page.requests > 0 {
            // What each answer costs the server, whatever else the machine runs (wrk shares its cores).
            let perRequest = (cpuAfter - cpuBefore) * 1000 / Double(page.requests)
            results.append(
                Measurement(name: "\(web): server CPU per overview answer", value: perRequest, unit: "ms", target: "—")
            )
        }
        let pdf = try wrk(statement, cookie: cookie, seconds: 10)
        results += pdf.measurements("\(web): statement PDF (renewal 1)", target: 100)
        requests += pdf.requests
        // Then the overview until `total` requests have been answered since the server started, or
        // until the suite has run four minutes (a slow machine then reports how many it reached).
        let total = ProcessInfo.processInfo.environment["BENCH_WEB_REQUESTS"].flatMap { Int($0) } ?? 100_000
        let deadline = started.addingTimeInterval(240)
        while requests < total, Date() < deadline {
            let rate = max(page.perSecond, 1)
            let left = Int(deadline.timeIntervalSinceNow)
            let seconds = max(1, min(60, left, Int(Double(total - requests) / rate) + 1))
            let more = try wrk(overview, cookie: cookie, seconds: seconds)
            guard more.errors == 0, more.requests > 0 else { break }
            requests += more.requests
        }
        let after = residentMegabytes(server.processIdentifier)
        if let atStart {
            results.append(Measurement(name: "\(web): server RSS at start", value: atStart, unit: "MB", target: "—"))
        }
        if let before, let after {
            results.append(
                Measurement(name: "\(web): server RSS after a 3 s warm-up", value: before, unit: "MB", target: "—")
            )
            results.append(
                Measurement(
                    name: "\(web): server RSS after \(requests.formatted()) requests",
                    value: after,
                    unit: "MB",
                    target: "≤ \(String(format: "%.0f", before + 10)) MB (flat), after \(total.formatted())",
                    met: after <= before + 10 && requests >= total
                )
            )
        }
        print("web: \(requests.formatted()) requests in \(Int(Date().timeIntervalSince(started))) s of load")
        return results
    }

    /// What one `wrk` run measured.
    struct Load {
        var perSecond: Double
        var p99Milliseconds: Double
        var requests: Int
        var errors: Int

        func measurements(_ name: String, target: Double) -> [Measurement] {
            guard errors == 0 else {
                return [
                    Measurement(name: name, value: Double(errors), unit: "non-2xx answers", target: "0", met: false)
                ]
            }
            return [
                Measurement(
                    name: "\(name), requests/s",
                    value: perSecond,
                    unit: "req/s",
                    target: "≥ \(Int(target).formatted())",
                    met: perSecond >= target
                ),
                Measurement(name: "\(name), p99 latency", value: p99Milliseconds, unit: "ms", target: "—"),
            ]
        }
    }

    /// `wrk` with 2 threads and 8 connections for `seconds` on `url`, with the session's cookie.
    static func wrk(_ url: String, cookie: String, seconds: Int) throws -> Load {
        let text = try command(
            ["/usr/bin/wrk", "-t2", "-c8", "-d\(seconds)s", "--latency", "-H", "Cookie: \(cookie)", url],
            ProcessInfo.processInfo.environment
        )
        func number(after label: String) -> Substring? {
            text.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix(label) }?
                .split(separator: " ", omittingEmptySubsequences: true).dropFirst(label.split(separator: " ").count)
                .first
        }
        let perSecond = number(after: "Requests/sec:").flatMap { Double($0) } ?? 0
        let p99 = number(after: "99%").map(milliseconds) ?? 0
        let requests =
            text.split(separator: "\n").first { $0.contains("requests in") }?
            .split(separator: " ", omittingEmptySubsequences: true).first.flatMap { Int($0) } ?? 0
        let errors = number(after: "Non-2xx or 3xx responses:").flatMap { Int($0) } ?? 0
        return Load(perSecond: perSecond, p99Milliseconds: p99, requests: requests, errors: errors)
    }

    /// wrk's latency (`850.00us`, `3.20ms`, `1.02s`) in milliseconds.
    static func milliseconds(_ text: Substring) -> Double {
        for (suffix, scale) in [("us", 0.001), ("ms", 1.0), ("s", 1000.0), ("m", 60_000.0)] where text.hasSuffix(suffix)
        {
            return (Double(text.dropLast(suffix.count)) ?? 0) * scale
        }
        return 0
    }

    /// Signs in through the form and returns the `Cookie` header of the signed-in browser.
    static func signIn(base: String) throws -> String {
        let script = """
            import http.cookiejar, re, sys, urllib.parse, urllib.request
            base, email, password = sys.argv[1:4]
            jar = http.cookiejar.CookieJar()
            web = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
            page = web.open(base + "/sign-in").read().decode()
            csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
            form = urllib.parse.urlencode({"csrf": csrf, "email": email, "password": password}).encode()
            answer = web.open(base + "/sign-in", form).read().decode()
            if "lp_session" not in {c.name for c in jar}: sys.exit("web: the sign-in failed")
            print("; ".join(c.name + "=" + c.value for c in jar))
            """
        let cookie = try command(
            ["/usr/bin/env", "python3", "-c", script, base, email, password],
            ProcessInfo.processInfo.environment
        )
        return cookie.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The CPU time process `pid` has used, user and system, in seconds (/proc/PID/stat).
    static func cpuSeconds(_ pid: Int32) -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let afterName = stat.lastIndex(of: ")")
        else { return nil }
        // After the command's name: state is field 3, utime and stime are fields 14 and 15.
        let fields = stat[stat.index(after: afterName)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// The resident memory of process `pid` in MB (VmRSS of /proc/PID/status).
    static func residentMegabytes(_ pid: Int32) -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
            let kilobytes = line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first
                .flatMap({ Double($0) })
        else { return nil }
        return kilobytes / 1024
    }

    /// Runs `arguments` and returns its standard output; a failure throws with its standard error.
    @discardableResult
    static func command(_ arguments: [String], _ environment: [String: String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        process.environment = environment
        process.currentDirectoryURL = DocumentBenchmarks.root
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw WebBenchmarkFailure(
                message: "\(arguments.prefix(3).joined(separator: " ")) failed: "
                    + (String(data: message, encoding: .utf8) ?? "")
            )
        }
        return String(data: data, encoding: .utf8) ?? ""
    }
}

/// A step of the web benchmark that failed, with the command's message.
struct WebBenchmarkFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
