import Foundation
import LedgerprintTestSupport
import Testing

@testable import Mailer

/// The SMTP dialogue against a real server (aiosmtpd) on loopback: plain, STARTTLS with a self-signed
/// certificate, AUTH, and a server that refuses.
@Suite(
    "SMTP client",
    .enabled(if: SMTPTestServer.isAvailable, "needs .build/python with aiosmtpd: run `make setup`"),
    .serialized
)
struct SMTPClientTests {
    static func message() throws -> MailMessage {
        MailMessage(
            from: try MailAddress("billing@vendor.example", name: "Vendor"),
            to: [try MailAddress("anna@customer.example", name: "Anna")],
            subject: "Invoice 2026/0007",
            body: "Hello\n.\nA line with a dot alone above.",
            attachments: [
                MailAttachment(fileName: "a.pdf", contentType: "application/pdf", data: Data("%PDF-1.7".utf8))
            ]
        )
    }

    @Test func aMessageArrivesAsSentAndTheQueueIDIsReturned() throws {
        let server = try SMTPTestServer()
        let message = try Self.message()
        let receipt = try SMTPClient(settings: SMTPSettings(host: "127.0.0.1", port: server.port, security: .plain))
            .send(message)
        #expect(receipt.reply.code == 250)
        #expect(receipt.reply.description.contains("queued as TEST001"))
        let arrived = try #require(server.messages().first)
        // The server undid the dot-stuffing: what arrived is what was written.
        #expect(try Data(contentsOf: arrived) == message.rendered())
        let envelope = try server.envelope(of: arrived)
        #expect(envelope["from"] as? String == "billing@vendor.example")
        #expect(envelope["to"] as? [String] == ["anna@customer.example"])
    }

    @Test func startTLSWithTheRelaysOwnCAAndAuthFromCredentials() throws {
        let folder = try temporaryFolder("tls")
        defer { try? FileManager.default.removeItem(at: folder) }
        let certificate = try SMTPTestServer.makeCertificate(in: folder)
        let server = try SMTPTestServer(certificate: certificate, credentials: ("relay-user", "s3cret pass"))
        for host in ["127.0.0.1", "localhost"] {
            let settings = SMTPSettings(
                host: host,
                port: server.port,
                security: .starttls,
                caFile: certificate.certificate.path,
                credentials: ("relay-user", "s3cret pass")
            )
            try SMTPClient(settings: settings).send(try Self.message())
        }
        #expect(server.messages().count == 2)
        let first = try #require(server.messages().first)
        #expect(try server.envelope(of: first)["user"] as? String == "relay-user")

        // Without the relay's CA, its certificate is not trusted, and nothing is sent.
        let untrusted = SMTPSettings(host: "127.0.0.1", port: server.port, security: .starttls)
        #expect {
            try SMTPClient(settings: untrusted).send(try Self.message())
        } throws: { error in
            "\(error)".contains("certificate is not trusted") && "\(error)".contains("--ca-file")
        }
        // A wrong password is the server's refusal, quoted, without the password.
        var wrong = untrusted
        wrong.caFile = certificate.certificate.path
        wrong.credentials = ("relay-user", "wrong")
        #expect {
            try SMTPClient(settings: wrong).send(try Self.message())
        } throws: { error in
            "\(error)".contains("refused AUTH") && "\(error)".contains("535") && !"\(error)".contains("wrong")
        }
        #expect(server.messages().count == 2)
    }

    @Test func aRefusingServerIsQuotedAndAPlainServerIsNotTakenForTLS() throws {
        let server = try SMTPTestServer(refusing: true)
        #expect {
            try SMTPClient(settings: SMTPSettings(host: "127.0.0.1", port: server.port, security: .plain))
                .send(try Self.message())
        } throws: { error in
            "\(error)" == "the mail relay refused RCPT TO:<anna@customer.example>: "
                + "550 5.1.1 <anna@customer.example>: Recipient address rejected: test refusal"
        }
        #expect {
            try SMTPClient(settings: SMTPSettings(host: "127.0.0.1", port: server.port, security: .starttls))
                .send(try Self.message())
        } throws: { error in
            "\(error)".contains("does not offer STARTTLS")
        }
        #expect(server.messages().isEmpty)
    }

    @Test func noRelayListeningIsSaidSo() throws {
        let port = try SMTPTestServer().port  // released at once: nothing listens there any more
        #expect {
            try SMTPClient(settings: SMTPSettings(host: "127.0.0.1", port: port, security: .plain, timeout: 5))
                .send(try Self.message())
        } throws: { error in
            "\(error)".hasPrefix("cannot connect to the mail relay 127.0.0.1:\(port): ")
        }
    }
}
