import Foundation
import LedgerprintTestSupport
import Testing

/// Import files from outside that JSON allows but that say something other than what they seem to
/// (issue 25, D19): each is refused with the file, the line and column, the path to the value and
/// what would be right, and nothing is imported.
@Suite("Hostile import files")
struct HostileImportTests {
    /// A one-event file paying `amount` (its text as written in the file) with `extra` members
    /// added to the payment's amount object.
    static func payment(amount: String, extra: String = "") -> String {
        """
        {"format": "ledgerprint/1", "events": [
          {"date": "2026-11-20", "actor": "rep:Marco Neri", "action": "record-payment",
           "payment": "BT-1", "account": "ALPINA-IT", "invoiceKey": "SUB-ALPINA-1@2025-01-01",
           "amount": {\(extra)"amount": \(amount), "currency": "EUR"},
           "method": "Bank transfer"}
        ]}
        """
    }

    @Test(arguments: [
        (
            payment(amount: #"" 10.00""#),
            #"pay.json: $.events[0].amount.amount: invalid amount " 10.00": it has spaces around it;"#
                + " write it as a plain decimal such as 1234.56 (line 4, column 25)"
        ),
        (
            payment(amount: #""007.50""#),
            #"pay.json: $.events[0].amount.amount: invalid amount "007.50": it starts with a zero;"#
                + " write it as a plain decimal such as 1234.56 (line 4, column 25)"
        ),
        (
            payment(amount: #""10.00""#, extra: #""amount": "99999.00", "#),
            "pay.json: line 4, column 37: $.events[0].amount.amount is given twice (first at line 4, column 15):"
                + " an object may name each member once; keep one of them"
        ),
        (
            payment(amount: #""10.00""#).replacingOccurrences(
                of: #""payment": "BT-1","#,
                with: #""payment": "BT-1", "payment": "BT-2","#
            ),
            "pay.json: line 3, column 23: $.events[0].payment is given twice (first at line 3, column 4):"
                + " an object may name each member once; keep one of them"
        ),
    ])
    func d19AnOddlyWrittenOrDuplicatedValueIsRefusedWithItsPlace(file: String, message: String) throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let before = try cli.run(["export"])
        try Data(file.utf8).write(to: URL(fileURLWithPath: cli.path("pay.json")))
        let result = try cli.run(["import", cli.path("pay.json")])
        #expect(result.status == 65)
        #expect(result.error.contains(message), "\(result.error)")
        #expect(result.error.hasSuffix("nothing was imported\n"), "\(result.error)")
        #expect(try cli.run(["export"]).output == before.output)
    }

    @Test func d19SeatsWrittenWithAnExponentOrAFractionAreRefused() throws {
        let cli = try CLI()
        defer { cli.remove() }
        let sample = try String(
            contentsOf: repositoryRoot.appendingPathComponent("Samples/history.json"),
            encoding: .utf8
        )
        for (written, found) in [("1e1", "1e1"), ("10.0", "10.0")] {
            let edited = sample.replacingOccurrences(of: #""seats": 10,"#, with: #""seats": \#(written),"#)
            #expect(edited != sample)
            try Data(edited.utf8).write(to: URL(fileURLWithPath: cli.path("seats.json")))
            let result = try cli.run(["import", cli.path("seats.json")])
            #expect(result.status == 65)
            #expect(
                result.error.contains(
                    "seats.json: $.events[14].selection.seats: expected a whole number written with digits only,"
                        + " such as 10, found \(found) (line 587, column 14)"
                ),
                "\(result.error)"
            )
        }
    }

    @Test(arguments: [
        (
            #""payment": "BT-1""#, #""payment": "../../etc/x""#,
            "pay.json: $.events[0].payment: invalid payment id '../../etc/x': an id is 1 to 64"
        ),
        (
            #""method": "Bank transfer""#, #""method": "Bank\u001b[2J transfer""#,
            "pay.json: $.events[0].method: the text holds the control character U+001B: text in a file may not hold"
                + " control characters"
        ),
        (
            #""method": "Bank transfer""#, #""method": "Bank \u202Erefsnart""#,
            "pay.json: $.events[0].method: the text holds the control character U+202E"
        ),
    ])
    func d10AndD17AnImportedIdOrTextWithControlsIsRefusedNamingTheField(
        original: String,
        replacement: String,
        message: String
    ) throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let before = try cli.run(["export"])
        let file = Self.payment(amount: #""10.00""#).replacingOccurrences(of: original, with: replacement)
        try Data(file.utf8).write(to: URL(fileURLWithPath: cli.path("pay.json")))
        let result = try cli.run(["import", cli.path("pay.json")])
        #expect(result.status == 65)
        #expect(result.error.contains(message), "\(result.error)")
        #expect(try cli.run(["export"]).output == before.output)
    }
}
