import BillingCenter
import Hummingbird
import Logging
import NIOEmbedded
import Synchronization

/// An answer as a browser gets it: status, headers and the whole body.
struct WebResponse: Sendable {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let body: ByteBuffer
}

/// Sends hand-made requests to the Billing Center's responder — the real router, middleware and
/// handlers that `ledgerprint serve` runs — without a socket, a server or an HTTP client.
///
/// This is what HummingbirdTesting's `.router` mode does; we do it ourselves because
/// HummingbirdTesting brings async-http-client and swift-nio-ssl (a second BoringSSL) into every
/// debug build (docs/web.md, "Testing").
struct WebClient: Sendable {
    private let responder: RouterResponder<BasicRequestContext>
    private let logger: Logger

    init(router: Router<BasicRequestContext>) {
        responder = router.buildResponder()
        var logger = Logger(label: "billing-center-tests")
        logger.logLevel = .warning
        self.logger = logger
    }

    /// Sends one request; an error the responder throws becomes its answer, as the server makes it.
    func executeRequest(
        uri: String,
        method: HTTPRequest.Method,
        headers: HTTPFields = [:],
        body: ByteBuffer? = nil
    ) async throws -> WebResponse {
        let head = HTTPRequest(method: method, scheme: "http", authority: "localhost", path: uri, headerFields: headers)
        let request = Request(head: head, body: RequestBody(buffer: body ?? ByteBuffer()))
        let context = BasicRequestContext(
            source: ApplicationRequestContextSource(channel: NIOAsyncTestingChannel(), logger: logger)
        )
        let response: Response
        do {
            response = try await responder.respond(to: request, context: context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        let collected = CollectedBody()
        try await response.body.write(BodyCollector(into: collected))
        return WebResponse(status: response.status, headers: response.headers, body: collected.buffer)
    }
}

/// The bytes a response body wrote.
private final class CollectedBody: Sendable {
    private let bytes = Mutex(ByteBuffer())
    var buffer: ByteBuffer { bytes.withLock { $0 } }
    func append(_ part: ByteBuffer) { bytes.withLock { _ = $0.writeImmutableBuffer(part) } }
}

/// A body writer that keeps what it is given.
private struct BodyCollector: ResponseBodyWriter {
    let collected: CollectedBody
    init(into collected: CollectedBody) { self.collected = collected }
    mutating func write(_ buffer: ByteBuffer) async throws { collected.append(buffer) }
    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
