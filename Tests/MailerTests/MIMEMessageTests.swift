import Foundation
import LedgerprintTestSupport
import Testing

@testable import Mailer

/// The message builder: what a mail program reads back, and the line rules of RFC 5322 and 2045.
@Suite("MIME messages")
struct MIMEMessageTests {
    static let pdf = Data("%PDF-1.7\n".utf8) + Data((0..<3000).map { UInt8($0 % 256) })

    static func message(
        subject: String = "Fattura 2026/0007 – Società Ügé Ltd, con un oggetto lungo da piegare"
    ) throws
        -> MailMessage
    {
        MailMessage(
            from: try MailAddress("billing@vendor.example", name: "Webinar Seats, Inc."),
            to: [
                try MailAddress("anna@customer.example", name: "Anna Bianchi-Müller"), try MailAddress("ap@x.example"),
            ],
            subject: subject,
            body: "Gentile Anna,\n.una riga che comincia con un punto\n\nCordiali saluti\n",
            attachments: [
                MailAttachment(fileName: "invoice_2026-0007_ROSSI-IT.pdf", contentType: "application/pdf", data: pdf),
                MailAttachment(
                    fileName: "../../etc/Fattura è.xml",
                    contentType: "application/xml",
                    data: Data("<a/>".utf8)
                ),
            ]
        )
    }

    @Test func everyLineEndsInCRLFAndIsAtMost78Characters() throws {
        let text = String(decoding: try Self.message().rendered(), as: UTF8.self)
        #expect(text.hasSuffix("\r\n"))
        let lines = text.components(separatedBy: "\r\n")
        #expect(!lines.contains { $0.contains("\n") || $0.contains("\r") }, "a bare LF or CR")
        for line in lines { #expect(line.count <= 78, "line of \(line.count): \(line)") }
        #expect(text.contains("To: \"Anna Bianchi-M") == false, "a non-ASCII name is encoded")
    }

    @Test func nonASCIIHeaderTextBecomesEncodedWordsThatDecodeBack() throws {
        let subject = "Fattura 2026/0007 – Società Ügé Ltd, con un oggetto lungo da piegare e ancora più lungo"
        let words = MIMEEncoding.encodedWordList(subject)
        #expect(words.count > 1)
        var decoded = Data()
        for word in words {
            #expect(word.count <= 75, "RFC 2047 allows 75 characters a word: \(word)")
            #expect(word.hasPrefix("=?UTF-8?B?") && word.hasSuffix("?="))
            let payload = try #require(Data(base64Encoded: String(word.dropFirst(10).dropLast(2))))
            // Each word holds whole characters: it decodes as UTF-8 on its own.
            #expect(String(data: payload, encoding: .utf8) != nil)
            decoded.append(payload)
        }
        #expect(String(decoding: decoded, as: UTF8.self) == subject)
        let header = MIMEEncoding.header("Subject", text: subject)
        #expect(header.hasPrefix("Subject: =?UTF-8?B?"))
        #expect(MIMEEncoding.header("Subject", text: "Invoice 2026/0007") == "Subject: Invoice 2026/0007\r\n")
    }

    @Test func base64LinesAre76CharactersAndDecodeToTheBytes() throws {
        let lines = MIMEEncoding.base64Lines(Self.pdf).components(separatedBy: "\r\n").dropLast()
        #expect(lines.dropLast().allSatisfy { $0.count == 76 })
        #expect(Data(base64Encoded: lines.joined()) == Self.pdf)
    }

    @Test func dotStuffingDoublesALeadingDotAndEndsInCRLF() {
        let stuffed = SMTPClient.dotStuffed(Data(".first\r\nmiddle.\r\n.\r\n..two\r\nlast".utf8))
        #expect(String(decoding: stuffed, as: UTF8.self) == "..first\r\nmiddle.\r\n..\r\n...two\r\nlast\r\n")
        // A message's "." line would end DATA early: it never survives stuffing.
        let rendered = try? Self.message().rendered()
        let text = String(decoding: SMTPClient.dotStuffed(rendered ?? Data()), as: UTF8.self)
        #expect(!text.contains("\r\n.\r\n"))
    }

    @Test func attachmentNamesAreMadeSafe() {
        #expect(MIMEEncoding.safeFileName("../../etc/Fattura è.xml") == "_._.._etc_Fattura__.xml")
        #expect(MIMEEncoding.safeFileName("invoice_2026-0007_ROSSI-IT.pdf") == "invoice_2026-0007_ROSSI-IT.pdf")
        #expect(!MIMEEncoding.safeFileName(String(repeating: "x", count: 300) + ".pdf").dropLast(4).contains("."))
    }

    @Test func anAddressMustBeOne() throws {
        #expect(throws: MailError.self) { try MailAddress("not an address") }
        #expect(throws: MailError.self) { try MailAddress("a@b.example\r\nBcc: x@y.example") }
        let parsed = try MailAddress(parsing: "\"Jürgen Müller\" <j.mueller@nordwerk.example>")
        #expect(parsed.name == "Jürgen Müller" && parsed.address == "j.mueller@nordwerk.example")
    }

    /// Python's `email` module, as a mail program, reads the subject, the names and the attachments back.
    @Test(.enabled(if: SMTPTestServer.isAvailable, "needs .build/python with aiosmtpd: run `make setup`"))
    func aMailProgramReadsItBack() throws {
        let folder = try temporaryFolder("mime")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("m.eml")
        let message = try Self.message()
        try message.rendered().write(to: file)
        let read = try SMTPTestServer.decode(file)
        #expect(read["subject"] as? String == message.subject)
        #expect(read["toName"] as? String == "Anna Bianchi-Müller")
        #expect(read["fromName"] as? String == "Webinar Seats, Inc.")
        #expect((read["defects"] as? [String])?.isEmpty == true)
        #expect((read["body"] as? String)?.contains("\n.una riga che comincia con un punto\n") == true)
        let attachments = try #require(read["attachments"] as? [[String: String]])
        #expect(attachments.map { $0["name"] } == ["invoice_2026-0007_ROSSI-IT.pdf", "_._.._etc_Fattura__.xml"])
        #expect(attachments.first?["type"] == "application/pdf")
        #expect(attachments.first.flatMap { $0["data"] }.flatMap { Data(base64Encoded: $0) } == Self.pdf)
    }
}
