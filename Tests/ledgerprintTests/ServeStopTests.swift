import Foundation
import LedgerprintTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `ledgerprint serve` stops on SIGTERM once the requests under way are answered.
///
/// Every answer is whole, the exit is 0, and idle keep-alive connections do not hold it up. A liveness
/// check with a bound generous for a loaded machine, not a timing benchmark.
@Suite("ledgerprint serve stops on SIGTERM")
struct ServeStopTests {
    @Test func sigtermFinishesTheRequestsUnderWayAndExitsZero() async throws {
        var cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let email = "anna.bianchi@studiorossi.example"
        let add = try cli.run([
            "users", "add", email, "--name", "Anna Bianchi", "--role", "contact", "--account", "ROSSI-IT",
            "--as", "rep:Tests",
        ])
        #expect(add.status == 0, "\(add.error)")
        cli.environment["LEDGERPRINT_PASSWORD"] = "anna-password-1"
        #expect(try cli.run(["users", "set-password", email, "--as", "rep:Tests"]).status == 0)

        let port = UInt16(20_000 + Int(getpid() % 20_000))
        let (server, first) = try cli.serve(port: port, renderers: 2)
        defer { if server.isRunning { kill(server.processIdentifier, SIGKILL) } }
        try #require(first.contains("Billing Center on"), "\(first)")

        // Sign in as a browser does: the form's token and pre-session cookie, then the password.
        let form = try RawHTTP.exchange(port: port, "GET /sign-in HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
        let csrf = try #require(RawHTTP.match(#"name="csrf" value="([^"]+)""#, in: form))
        let pre = try #require(RawHTTP.match(#"Set-Cookie: (lp_pre=[^;]+)"#, in: form))
        let body = "csrf=\(csrf)&email=anna.bianchi%40studiorossi.example&password=anna-password-1"
        let signedIn = try RawHTTP.exchange(
            port: port,
            "POST /sign-in HTTP/1.1\r\nHost: t\r\nCookie: \(pre)\r\nConnection: close\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
        )
        let session = try #require(RawHTTP.match(#"Set-Cookie: (lp_session=[^;]+)"#, in: signedIn), "\(signedIn)")

        // An idle keep-alive connection, and four statement downloads under way.
        let idle = try RawHTTP(port: port)
        try idle.send("GET /sign-in HTTP/1.1\r\nHost: t\r\n\r\n")
        _ = try idle.readHead()
        let downloads = try (0..<4).map { _ in try RawHTTP(port: port) }
        for connection in downloads {
            try connection.send(
                "GET /accounts/ROSSI-IT/statements/renewal-1.pdf HTTP/1.1\r\nHost: t\r\nCookie: \(session)\r\n\r\n"
            )
        }
        _ = try downloads[0].readHead()
        let signalled = Date()
        kill(server.processIdentifier, SIGTERM)

        for (index, connection) in downloads.enumerated() {
            let answer = try connection.readAll()
            // Each is whole or, if the server had not read it yet, not answered at all; never cut short.
            if index == 0 || !answer.isEmpty {
                let (head, pdf) = try #require(RawHTTP.split(answer), "download \(index): \(answer.count) bytes")
                #expect(head.hasPrefix("HTTP/1.1 200"), "\(head)")
                let length = try #require(RawHTTP.match(#"(?i)content-length: (\d+)"#, in: head).flatMap { Int($0) })
                #expect(pdf.count == length, "download \(index): \(pdf.count) of \(length) bytes")
                #expect(pdf.starts(with: Data("%PDF-".utf8)))
            }
        }
        let deadline = Date().addingTimeInterval(5)
        while server.isRunning, Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(!server.isRunning, "serve still runs \(Date().timeIntervalSince(signalled)) s after SIGTERM")
        if !server.isRunning {
            #expect(server.terminationReason == .exit)
            #expect(server.terminationStatus == 0)
        }
        // The idle connection was closed after its one answer.
        let idleAnswers = String(decoding: try idle.readAll(), as: UTF8.self).components(separatedBy: "HTTP/1.1 ")
        #expect(idleAnswers.count == 2)
    }
}

/// A loopback HTTP/1.1 connection over a POSIX socket, so the test sees exactly what the server sends.
final class RawHTTP {
    private let socket: Int32
    private var buffered = Data()

    struct Failure: Error, CustomStringConvertible { var description: String }

    init(port: UInt16) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw Failure(description: "socket: \(errno)") }
        var timeout = timeval(tv_sec: 20, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            close(socket)
            throw Failure(description: "cannot connect to 127.0.0.1:\(port): errno \(errno)")
        }
    }

    deinit { close(socket) }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { throw Failure(description: "send: errno \(errno)") }
            sent += count
        }
    }

    /// Reads until the response head has arrived and returns it (the rest stays buffered).
    func readHead() throws -> String {
        while buffered.range(of: Data("\r\n\r\n".utf8)) == nil {
            guard try receive() else { throw Failure(description: "closed before a response head") }
        }
        return String(decoding: buffered, as: UTF8.self)
    }

    /// Everything until the server closes the connection.
    func readAll() throws -> Data {
        while try receive() {}
        return buffered
    }

    private func receive() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
        if count < 0, errno == ECONNRESET { return false }
        guard count >= 0 else { throw Failure(description: "no answer within 20 s (errno \(errno))") }
        buffered.append(contentsOf: chunk[0..<count])
        return count > 0
    }

    /// One request on a connection of its own; the whole answer as text.
    static func exchange(port: UInt16, _ request: String) throws -> String {
        let connection = try RawHTTP(port: port)
        try connection.send(request)
        return String(decoding: try connection.readAll(), as: UTF8.self)
    }

    /// The head (as text) and the body of a whole answer.
    static func split(_ answer: Data) -> (String, Data)? {
        guard let end = answer.range(of: Data("\r\n\r\n".utf8)) else { return nil }
        return (String(decoding: answer[..<end.lowerBound], as: UTF8.self), Data(answer[end.upperBound...]))
    }

    /// The first group of `pattern` in `text`.
    static func match(_ pattern: String, in text: String) -> String? {
        guard let regex = try? NSRegularExpression(pattern: pattern),
            let found = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
            let range = Range(found.range(at: 1), in: text)
        else { return nil }
        return String(text[range])
    }
}
