import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A TLS client session over a connected socket, through OpenSSL's libssl loaded with `dlopen`.
///
/// libssl (the system's libssl 3, Debian's `libssl3`) is loaded only when a message goes out over
/// TLS: `ledgerprint` links no TLS library, so starting it (issue 22) pays nothing for mail. This is
/// the only code in Ledgerprint that calls `dlopen`/`dlsym` (`make lint` checks it). Each session owns
/// its `SSL_CTX` and `SSL` and frees them in `deinit`.
final class TLSSession {
    private typealias Method = @convention(c) () -> OpaquePointer?
    private typealias ContextNew = @convention(c) (OpaquePointer?) -> OpaquePointer?
    private typealias Free = @convention(c) (OpaquePointer?) -> Void
    private typealias SetVerify = @convention(c) (OpaquePointer?, Int32, OpaquePointer?) -> Void
    private typealias Status = @convention(c) (OpaquePointer?) -> Int32
    private typealias LoadLocations =
        @convention(c) (OpaquePointer?, UnsafePointer<CChar>?, UnsafePointer<CChar>?) ->
        Int32
    private typealias SetFD = @convention(c) (OpaquePointer?, Int32) -> Int32
    private typealias Control = @convention(c) (OpaquePointer?, Int32, Int, UnsafeMutableRawPointer?) -> Int
    private typealias SetHost = @convention(c) (OpaquePointer?, UnsafePointer<CChar>?) -> Int32
    private typealias Transfer = @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?, Int32) -> Int32
    private typealias ErrorOf = @convention(c) (OpaquePointer?, Int32) -> Int32
    private typealias VerifyResult = @convention(c) (OpaquePointer?) -> Int
    private typealias VerifyText = @convention(c) (Int) -> UnsafePointer<CChar>?
    private typealias NextError = @convention(c) () -> UInt
    private typealias ErrorText = @convention(c) (UInt, UnsafeMutablePointer<CChar>?, Int) -> Void
    private typealias Param = @convention(c) (OpaquePointer?) -> OpaquePointer?

    private let library: UnsafeMutableRawPointer
    private let context: OpaquePointer
    private let ssl: OpaquePointer
    private let read: Transfer
    private let write: Transfer
    private let errorOf: ErrorOf
    private let nextError: NextError
    private let errorText: ErrorText
    private let freeSSL: Free
    private let freeContext: Free
    private let shutdown: Status

    /// Loads libssl and prepares a client session on the connected socket `socket` for `host`,
    /// checking the server's certificate against the system's authorities (or `caFile`'s) and its name.
    init(socket: Int32, host: String, caFile: String?) throws(MailError) {
        guard let library = dlopen("libssl.so.3", RTLD_NOW | RTLD_LOCAL) ?? dlopen("libssl.so", RTLD_NOW | RTLD_LOCAL)
        else {
            throw .tls("cannot load OpenSSL's libssl.so.3 (install Debian's libssl3): \(Self.dlerrorText())")
        }
        func symbol<T>(_ name: String, _ type: T.Type) throws(MailError) -> T {
            guard let pointer = dlsym(library, name) else { throw .tls("libssl has no \(name)") }
            return unsafeBitCast(pointer, to: type)
        }
        do throws(MailError) {
            let freeContext = try symbol("SSL_CTX_free", Free.self)
            guard let method = try symbol("TLS_client_method", Method.self)(),
                let context = try symbol("SSL_CTX_new", ContextNew.self)(method)
            else { throw MailError.tls("cannot create a TLS context") }
            guard let ssl = try symbol("SSL_new", ContextNew.self)(context) else {
                freeContext(context)
                throw MailError.tls("cannot create a TLS session")
            }
            (self.library, self.context, self.ssl, self.freeContext) = (library, context, ssl, freeContext)
            read = try symbol("SSL_read", Transfer.self)
            write = try symbol("SSL_write", Transfer.self)
            errorOf = try symbol("SSL_get_error", ErrorOf.self)
            nextError = try symbol("ERR_get_error", NextError.self)
            errorText = try symbol("ERR_error_string_n", ErrorText.self)
            freeSSL = try symbol("SSL_free", Free.self)
            shutdown = try symbol("SSL_shutdown", Status.self)
        } catch {
            dlclose(library)
            throw error
        }
        // SSL_VERIFY_PEER; the session copied the context's mode when it was made, so both are set.
        try symbol("SSL_CTX_set_verify", SetVerify.self)(context, 1, nil)
        try symbol("SSL_set_verify", SetVerify.self)(ssl, 1, nil)
        if let caFile {
            guard try symbol("SSL_CTX_load_verify_locations", LoadLocations.self)(context, caFile, nil) == 1 else {
                throw .setting("cannot read the CA file \(caFile) as PEM certificates: \(lastError())")
            }
        } else {
            guard try symbol("SSL_CTX_set_default_verify_paths", Status.self)(context) == 1 else {
                throw .tls("cannot load the system's certificate authorities: \(lastError())")
            }
        }
        guard try symbol("SSL_set_fd", SetFD.self)(ssl, socket) == 1 else {
            throw .tls("cannot attach TLS to the connection: \(lastError())")
        }
        // The name (or address) the certificate must carry; a session that could not be told it is never used,
        // since it would accept any trusted certificate for any host.
        if Self.isIPAddress(host) {
            let param = try symbol("SSL_get0_param", Param.self)(ssl)
            guard try symbol("X509_VERIFY_PARAM_set1_ip_asc", SetHost.self)(param, host) == 1 else {
                throw .tls("cannot check the server's certificate against the address \(host)")
            }
        } else {
            // SSL_set_tlsext_host_name is the macro SSL_ctrl(ssl, 55, TLSEXT_NAMETYPE_host_name, name).
            _ = host.withCString {
                try? symbol("SSL_ctrl", Control.self)(ssl, 55, 0, UnsafeMutableRawPointer(mutating: $0))
            }
            guard try symbol("SSL_set1_host", SetHost.self)(ssl, host) == 1 else {
                throw .tls("cannot check the server's certificate against the name \(host)")
            }
        }
        guard try symbol("SSL_connect", Status.self)(ssl) == 1 else {
            let verify = try symbol("SSL_get_verify_result", VerifyResult.self)(ssl)
            if verify != 0, let text = try symbol("X509_verify_cert_error_string", VerifyText.self)(verify) {
                throw .tls(
                    "the server's certificate is not trusted: \(String(cString: text))"
                        + (caFile == nil ? " (a private relay's CA can be given with --ca-file)" : "")
                )
            }
            throw .tls("the handshake failed: \(lastError())")
        }
    }

    deinit {
        _ = shutdown(ssl)
        freeSSL(ssl)
        freeContext(context)
        dlclose(library)
    }

    /// Sends all of `data`.
    func send(_ data: Data) throws(MailError) {
        var offset = 0
        while offset < data.count {
            let written = data.withUnsafeBytes { buffer in
                write(
                    ssl,
                    UnsafeMutableRawPointer(mutating: buffer.baseAddress.map { $0 + offset }),
                    Int32(data.count - offset)
                )
            }
            guard written > 0 else { throw .connectionLost(reason: "TLS write failed: \(lastError())") }
            offset += Int(written)
        }
    }

    /// Up to `capacity` bytes; empty when the server closed the connection.
    func receive(capacity: Int) throws(MailError) -> Data {
        var buffer = Data(count: capacity)
        let count = buffer.withUnsafeMutableBytes { read(ssl, $0.baseAddress, Int32(capacity)) }
        if count <= 0 {
            let code = errorOf(ssl, count)
            if code == 6 { return Data() }  // SSL_ERROR_ZERO_RETURN: closed
            throw .connectionLost(reason: "TLS read failed (\(code)): \(lastError())")
        }
        return buffer.prefix(Int(count))
    }

    private func lastError() -> String {
        let code = nextError()
        guard code != 0 else { return "no detail from OpenSSL" }
        var text = [CChar](repeating: 0, count: 256)
        errorText(code, &text, text.count)
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func dlerrorText() -> String { dlerror().map { String(cString: $0) } ?? "not found" }

    static func isIPAddress(_ host: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, host, &v4) == 1 || inet_pton(AF_INET6, host, &v6) == 1
    }
}
