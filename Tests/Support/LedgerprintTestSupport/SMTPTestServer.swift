import Foundation

/// A real SMTP server on loopback for the e-mail tests: `Tests/Support/scripts/smtp_server.py`
/// (aiosmtpd, installed into `.build/python` by `make setup`), on a free port, saving what it accepts.
///
/// It stops when the value is released (its standard input is closed).
public final class SMTPTestServer: @unchecked Sendable {
    // Immutable after init; the process is only told to stop.
    /// The port it listens on, on 127.0.0.1.
    public let port: Int
    /// Where it saves the messages it accepts (`001.eml`, `001.json`, …).
    public let folder: URL
    private let process: Process
    private let input: Pipe

    /// The Python of the project's virtual environment.
    public static let python = repositoryRoot.appendingPathComponent(".build/python/bin/python")

    /// Whether the server can run: the virtual environment has Python and aiosmtpd.
    public static let isAvailable: Bool = {
        guard FileManager.default.isExecutableFile(atPath: python.path) else { return false }
        return (try? run(python, ["-c", "import aiosmtpd"]).status) == 0
    }()

    /// Starts a server; with `certificate` it requires STARTTLS, with `credentials` AUTH, and with
    /// `refusing` it answers every recipient 550.
    public init(
        certificate: (certificate: URL, key: URL)? = nil,
        credentials: (user: String, password: String)? = nil,
        refusing: Bool = false
    ) throws {
        folder = try temporaryFolder("smtp")
        var arguments = [
            repositoryRoot.appendingPathComponent("Tests/Support/scripts/smtp_server.py").path, "--folder", folder.path,
        ]
        if let certificate { arguments += ["--cert", certificate.certificate.path, "--key", certificate.key.path] }
        if let credentials { arguments += ["--user", credentials.user, "--password", credentials.password] }
        if refusing { arguments.append("--refuse") }
        process = Process()
        process.executableURL = Self.python
        process.arguments = arguments
        input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("READY "), let port = Int(text.dropFirst(6)) else {
            process.terminate()
            throw ServerError(message: "the SMTP test server did not start: '\(text)'")
        }
        self.port = port
    }

    deinit {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: folder)
    }

    /// The messages accepted so far, oldest first, as they arrived (after the server undid dot-stuffing).
    public func messages() -> [URL] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".eml") }
            .sorted().map { folder.appendingPathComponent($0) }
    }

    /// The envelope of message `message` (`from`, `to`, the `user` that authenticated).
    public func envelope(of message: URL) throws -> [String: Any] {
        let data = try Data(contentsOf: message.deletingPathExtension().appendingPathExtension("json"))
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
    }

    /// A self-signed certificate for `localhost` and 127.0.0.1 made with `openssl`, in `folder`.
    public static func makeCertificate(in folder: URL) throws -> (certificate: URL, key: URL) {
        let certificate = folder.appendingPathComponent("relay.pem")
        let key = folder.appendingPathComponent("relay.key")
        let result = try run(
            URL(fileURLWithPath: "/usr/bin/openssl"),
            [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.path, "-out", certificate.path, "-days",
                "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
            ]
        )
        guard result.status == 0 else { throw ServerError(message: "openssl: \(result.output)") }
        return (certificate, key)
    }

    /// `message` read by Python's `email` module, as a mail program reads it (`Tests/Support/scripts/mail_decode.py`):
    /// decoded `subject`, `from`, `to`, `fromName`, `toName`, `toAddress`, `body`, `attachments` (each `name`,
    /// `type`, base64 `data`), `longestLine`, `crlf`, `defects`.
    public static func decode(_ message: URL) throws -> [String: Any] {
        let result = try run(
            python,
            [repositoryRoot.appendingPathComponent("Tests/Support/scripts/mail_decode.py").path, message.path]
        )
        guard result.status == 0,
            let object = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any]
        else { throw ServerError(message: "mail_decode.py: \(result.output)") }
        return object
    }

    /// An error of the test server.
    public struct ServerError: Error, CustomStringConvertible {
        /// What went wrong.
        public var message: String
        /// The message.
        public var description: String { message }
    }

    private static func run(_ executable: URL, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
