import Foundation
import LedgerprintTestSupport
import Testing

/// `mail set|show|list`, `invoices send`, and the runs' `--send`, against a real SMTP server on loopback.
@Suite(
    "ledgerprint e-mail",
    .enabled(if: SMTPTestServer.isAvailable, "needs .build/python with aiosmtpd: run `make setup`")
)
struct MailCLITests {
    /// A CLI over the samples whose relay is `server`, plain.
    static func cli(_ server: SMTPTestServer, _ extra: [String] = []) throws -> CLI {
        let cli = try CLI()
        try cli.importSamples()
        let set = try cli.run(
            [
                "mail", "set", "--host", "127.0.0.1", "--port", String(server.port), "--plain", "--from",
                "Webinar Seats Billing <billing@webinarseats.example>", "--as", "rep:Marco",
            ] + extra
        )
        #expect(set.status == 0, "\(set.error)")
        return cli
    }

    static func attachment(_ message: [String: Any], _ index: Int) throws -> (name: String, data: Data) {
        let attachments = try #require(message["attachments"] as? [[String: String]])
        let attachment = try #require(index < attachments.count ? attachments[index] : nil)
        return (attachment["name"] ?? "", Data(base64Encoded: attachment["data"] ?? "") ?? Data())
    }

    @Test func anItalianInvoiceArrivesWithItsPDFAndItsXMLInItalianAndIsNotSentTwice() throws {
        let server = try SMTPTestServer()
        let cli = try Self.cli(server)
        defer { cli.remove() }
        let sent = try cli.run(["invoices", "send", "2025/0001", "--as", "rep:Marco"])
        #expect(sent.status == 0, "\(sent.error)")
        #expect(sent.output.contains("e-mailed invoice 2025/0001 to anna.bianchi@studiorossi.example"))
        #expect(sent.output.contains("queued as TEST001"))
        let arrived = try #require(server.messages().first)
        let message = try SMTPTestServer.decode(arrived)
        #expect(message["subject"] as? String == "Fattura 2025/0001 – Webinar Seats, Inc.")
        #expect(message["toName"] as? String == "Anna Bianchi")
        #expect((message["body"] as? String)?.hasPrefix("Gentile Anna Bianchi,") == true)
        #expect(message["crlf"] as? Bool == true)
        #expect((message["longestLine"] as? Int).map { $0 <= 78 } == true)
        let pdf = try Self.attachment(message, 0)
        #expect(pdf.name == "invoice_2025-0001_ROSSI-IT.pdf")
        #expect(pdf.data.starts(with: Data("%PDF".utf8)))
        #expect(try poppler("pdftotext", on: pdf.data).contains("2025/0001"))
        // The same PDF as `invoices print` makes.
        let printed = try cli.run(["invoices", "print", "2025/0001", "-o", cli.path("printed.pdf")])
        #expect(printed.status == 0, "\(printed.error)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: cli.path("printed.pdf"))) == pdf.data)
        let xml = try Self.attachment(message, 1)
        #expect(xml.name.hasPrefix("IT") && xml.name.hasSuffix(".xml"))
        #expect(String(decoding: xml.data, as: UTF8.self).contains("<Numero>2025/0001</Numero>"))

        let again = try cli.run(["invoices", "send", "2025/0001", "--as", "rep:Marco"])
        #expect(again.status == 65)
        #expect(again.error.contains("invoice 2025/0001 was already e-mailed to anna.bianchi@studiorossi.example"))
        #expect(again.error.contains("use --again"))
        #expect(server.messages().count == 1)
        let forced = try cli.run(["invoices", "send", "2025/0001", "--again", "--as", "rep:Marco"])
        #expect(forced.status == 0, "\(forced.error)")
        #expect(server.messages().count == 2)
        let list = try cli.run(["mail", "list", "--format", "csv"])
        #expect(list.output.components(separatedBy: "\n").filter { $0.contains(",invoice,2025/0001,") }.count == 2)
        #expect(list.output.contains("rep:Marco"))
    }

    @Test func aGermanInvoiceToANamedAddressSpeaksGermanAndEncodesTheName() throws {
        let server = try SMTPTestServer()
        let cli = try Self.cli(server)
        defer { cli.remove() }
        let sent = try cli.run([
            "invoices", "send", "2025/0003", "--to", "Jürgen Müller-Größ <j.mueller@klein-akademie.example>",
            "--as", "rep:Marco",
        ])
        #expect(sent.status == 0, "\(sent.error)")
        let message = try SMTPTestServer.decode(try #require(server.messages().first))
        #expect(message["toName"] as? String == "Jürgen Müller-Größ")
        #expect(message["toAddress"] as? String == "j.mueller@klein-akademie.example")
        #expect((message["subject"] as? String)?.hasPrefix("Rechnung 2025/0003") == true)
        #expect((message["body"] as? String)?.contains("Mit freundlichen Grüßen") == true)
    }

    @Test func aRefusingRelayIsOneClearErrorAndNothingIsRecorded() throws {
        let server = try SMTPTestServer(refusing: true)
        let cli = try Self.cli(server)
        defer { cli.remove() }
        let sent = try cli.run(["invoices", "send", "2025/0001", "--as", "rep:Marco"])
        #expect(sent.status == 74)
        #expect(
            sent.error
                == "ledgerprint: the mail relay refused RCPT TO:<anna.bianchi@studiorossi.example>: 550 5.1.1 "
                + "<anna.bianchi@studiorossi.example>: Recipient address rejected: test refusal\n"
        )
        let list = try cli.run(["mail", "list", "--format", "csv"])
        #expect(list.output.components(separatedBy: "\n").filter { !$0.isEmpty }.count == 1, "\(list.output)")
    }

    @Test func startTLSWithTheCAFileAndCredentialsFromTheEnvironmentNeverShown() throws {
        let folder = try temporaryFolder("mail-tls")
        defer { try? FileManager.default.removeItem(at: folder) }
        let certificate = try SMTPTestServer.makeCertificate(in: folder)
        let server = try SMTPTestServer(certificate: certificate, credentials: ("billing", "pw-not-in-the-store"))
        var cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let set = try cli.run([
            "mail", "set", "--host", "localhost", "--port", String(server.port), "--starttls", "--from",
            "billing@webinarseats.example", "--user-env", "TEST_SMTP_USER", "--password-env", "TEST_SMTP_PASSWORD",
            "--ca-file", certificate.certificate.path, "--as", "rep:Marco",
        ])
        #expect(set.status == 0, "\(set.error)")
        let missing = try cli.run(["invoices", "send", "2025/0001", "--as", "rep:Marco"])
        #expect(missing.status == 65)
        #expect(missing.error.contains("$TEST_SMTP_USER, which is not set"))
        cli.environment["TEST_SMTP_USER"] = "billing"
        cli.environment["TEST_SMTP_PASSWORD"] = "pw-not-in-the-store"
        let show = try cli.run(["mail", "show"])
        #expect(show.output.contains("password: from $TEST_SMTP_PASSWORD (set in this environment)"))
        #expect(!show.output.contains("pw-not-in-the-store"))
        let sent = try cli.run(["invoices", "send", "2025/0001", "--as", "rep:Marco"])
        #expect(sent.status == 0, "\(sent.error)")
        let arrived = try #require(server.messages().first)
        #expect(try server.envelope(of: arrived)["user"] as? String == "billing")
        let store = try Data(contentsOf: URL(fileURLWithPath: cli.path("store.sqlite")))
        #expect(store.range(of: Data("pw-not-in-the-store".utf8)) == nil)
        let exported = try cli.run(["export"])
        #expect(exported.output.contains("\"set-mail-relay\""))
    }

    @Test func runsSendWhatTheyPrintOnceAndReportTheRest() throws {
        let server = try SMTPTestServer()
        let cli = try Self.cli(server)
        defer { cli.remove() }
        let out = cli.path("out")
        let run = try cli.run(["invoices", "run", "--period", "2026-11", "--out", out, "--send"])
        #expect(run.status == 0, "\(run.error)")
        let pdfs = try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.hasSuffix(".pdf") }
        #expect(!pdfs.isEmpty)
        #expect(server.messages().count == pdfs.count)
        #expect(run.output.contains("e-mailed \(pdfs.count) invoices (0 sent before)"))
        for message in server.messages() {
            let pdf = try Self.attachment(try SMTPTestServer.decode(message), 0)
            #expect(try Data(contentsOf: URL(fileURLWithPath: out).appendingPathComponent(pdf.name)) == pdf.data)
        }
        let again = try cli.run(["invoices", "run", "--period", "2026-11", "--out", out, "--send"])
        #expect(again.output.contains("e-mailed 0 invoices (\(pdfs.count) sent before)"))
        #expect(server.messages().count == pdfs.count)

        let reminders = try cli.run(["reminders", "run", "--out", cli.path("r"), "--send", "--as", "rep:Marco"])
        #expect(reminders.status == 0, "\(reminders.error)")
        #expect(
            reminders.output.contains("e-mailed reminder REM-NORDWERK-DE-2026-11-27 to kreditoren@nordwerk.example")
        )
        let last = try SMTPTestServer.decode(try #require(server.messages().last))
        #expect((last["subject"] as? String)?.hasPrefix("Zahlungserinnerung REM-") == true)
    }

    @Test func aRunWhoseRelayRefusesPrintsEverythingAndReportsEachUnsent() throws {
        let server = try SMTPTestServer(refusing: true)
        let cli = try Self.cli(server)
        defer { cli.remove() }
        let out = cli.path("out")
        let run = try cli.run(["invoices", "run", "--period", "2026-11", "--out", out, "--send"])
        #expect(run.status == 3)
        let pdfs = try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.hasSuffix(".pdf") }
        #expect(!pdfs.isEmpty)
        #expect(
            run.error.components(separatedBy: "not e-mailed: the mail relay refused RCPT TO").count - 1 == pdfs.count
        )
    }

    @Test func aWrongRelaySettingIsRefusedNamingTheFieldAndOnlyRepresentativesSetIt() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let base = ["mail", "set", "--host", "smtp.example.com", "--from", "billing@webinarseats.example"]
        let half = try cli.run(base + ["--user-env", "SMTP_USER", "--as", "rep:Marco"])
        #expect(half.status == 65)
        #expect(half.error.contains("invalid mail credentials 'SMTP_USER': both --user-env and --password-env"))
        let plain = try cli.run(
            base + ["--plain", "--user-env", "SMTP_USER", "--password-env", "SMTP_PASSWORD", "--as", "rep:Marco"]
        )
        #expect(plain.status == 65)
        #expect(plain.error.contains("starttls or tls when a user and password are sent"))
        let contact = try cli.run(base + ["--as", "anna.bianchi@studiorossi.example"])
        #expect(contact.status == 77)
        #expect(contact.error.contains("may not set the mail relay"))
        let unset = try cli.run(["invoices", "send", "2025/0001", "--as", "rep:Marco"])
        #expect(unset.status == 65)
        #expect(unset.error.contains("no mail relay is set"))
        let good = try cli.run(base + ["--as", "rep:Marco"])
        #expect(good.status == 0, "\(good.error)")
        #expect(good.output == "mail relay set: smtp.example.com:587 (starttls), from billing@webinarseats.example\n")
    }
}
