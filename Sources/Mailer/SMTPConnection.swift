import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A TCP connection to the relay, in plain text or through TLS, that reads SMTP replies line by line.
///
/// It owns its socket and closes it in `deinit`. Blocking, with the settings' timeout on connecting,
/// reading and writing.
final class SMTPConnection {
    private let socket: Int32
    private var tls: TLSSession?
    private var buffer = Data()
    private let host: String

    /// Connects to `host`:`port`, trying each address the name resolves to.
    init(host: String, port: Int, timeout: Int) throws(MailError) {
        self.host = host
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_family = AF_UNSPEC
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            throw .cannotConnect(host: host, port: port, reason: String(cString: gai_strerror(status)))
        }
        defer { freeaddrinfo(list) }
        var lastError = "no address"
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        var connected: Int32 = -1
        while let info = candidate {
            candidate = info.pointee.ai_next
            let descriptor = Glibc.socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            guard descriptor >= 0 else { continue }
            var limit = timeval(tv_sec: timeout, tv_usec: 0)
            // Linux applies SO_SNDTIMEO to connect(2) too.
            setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
            setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
            if connect(descriptor, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 {
                connected = descriptor
                break
            }
            lastError = String(cString: strerror(errno))
            close(descriptor)
        }
        guard connected >= 0 else { throw .cannotConnect(host: host, port: port, reason: lastError) }
        socket = connected
    }

    deinit {
        tls = nil
        close(socket)
    }

    /// Switches the connection to TLS (after `STARTTLS`, or at once for implicit TLS).
    func startTLS(caFile: String?) throws(MailError) {
        tls = try TLSSession(socket: socket, host: host, caFile: caFile)
        buffer = Data()
    }

    /// Whether the connection is encrypted.
    var isEncrypted: Bool { tls != nil }

    /// Sends `data` as it is.
    func send(_ data: Data) throws(MailError) {
        if let tls { return try tls.send(data) }
        var offset = 0
        while offset < data.count {
            let written = data.withUnsafeBytes {
                Glibc.send(socket, $0.baseAddress.map { $0 + offset }, data.count - offset, Int32(MSG_NOSIGNAL))
            }
            guard written > 0 else { throw .connectionLost(reason: String(cString: strerror(errno))) }
            offset += written
        }
    }

    /// Sends one command line, adding CRLF.
    func send(line: String) throws(MailError) { try send(Data((line + "\r\n").utf8)) }

    /// The next reply: its code and its lines' text (RFC 5321, section 4.2: `250-…` lines, then `250 …`).
    func reply() throws(MailError) -> SMTPReply {
        var lines: [String] = []
        while true {
            let line = try readLine()
            guard line.count >= 3, let code = Int(line.prefix(3)) else {
                throw .connectionLost(reason: "the server sent '\(line.prefix(80))', not an SMTP reply")
            }
            lines.append(String(line.dropFirst(4)))
            if line.count == 3 || line[line.index(line.startIndex, offsetBy: 3)] == " " {
                return SMTPReply(code: code, lines: lines)
            }
        }
    }

    private func readLine() throws(MailError) -> String {
        while true {
            if let end = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                var line = buffer[buffer.startIndex..<end]
                if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
                buffer = buffer[buffer.index(after: end)...]
                return String(decoding: line, as: UTF8.self)
            }
            guard buffer.count < 65536 else { throw .connectionLost(reason: "a reply line longer than 64 KiB") }
            let more = try receive()
            guard !more.isEmpty else { throw .connectionLost(reason: "the server closed the connection") }
            buffer.append(more)
        }
    }

    private func receive() throws(MailError) -> Data {
        if let tls { return try tls.receive(capacity: 4096) }
        var chunk = Data(count: 4096)
        let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, 4096, 0) }
        if count < 0 {
            let reason =
                errno == EAGAIN || errno == EWOULDBLOCK ? "no answer in time" : String(cString: strerror(errno))
            throw .connectionLost(reason: reason)
        }
        return chunk.prefix(count)
    }
}

/// A reply of the server: its three-digit code and its text, one entry per line.
public struct SMTPReply: Sendable, Hashable, CustomStringConvertible {
    /// The three-digit code: 220, 250, 354, 535 and so on.
    public var code: Int
    /// The text of each line, without the code.
    public var lines: [String]

    /// `code text` of the first line, with the others after `/`.
    public var description: String { "\(code) " + lines.joined(separator: " / ") }
}
