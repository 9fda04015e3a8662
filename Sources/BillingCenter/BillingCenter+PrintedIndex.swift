import Billing
import Documents
import Foundation
import HistoryStore
import Hummingbird

/// The web's downloads in the store's index of printed documents (`printed_documents`), entered as
/// the CLI enters its prints: the same kind, reference, account, format, SHA-256 and size, and the
/// template folder's fingerprint. Where the CLI writes the file's path the web writes `web:` and the
/// download's file name.
extension BillingCenter {
    /// Enters `data`, downloaded as `fileName`, in the printed index.
    ///
    /// A store that has lost a protective trigger still answers the download (the document comes
    /// from records it still holds), with a warning on standard error, as `ledgerprint … print` does.
    func recordPrinted(
        _ data: Data,
        kind: String,
        reference: String,
        accountID: String?,
        format: String,
        templateVersion: String,
        fileName: String
    ) throws {
        let entry = PrintedDocument(
            kind: kind,
            reference: reference,
            accountID: accountID,
            format: format,
            sha256: Documents.SHA256.hex(data),
            size: data.count,
            templateVersion: templateVersion,
            printedAt: Self.timestamp(settings.clock()),
            path: "web:" + fileName
        )
        do {
            try store.recordPrinted(entry)
        } catch StoreError.unprotected(let location, _) {
            FileHandle.standardError.write(
                Data(
                    "serve: warning: \(fileName) not recorded as printed: \(location) has lost a protective trigger\n"
                        .utf8
                )
            )
        }
    }

    /// The printed index's reference of a statement, as `ledgerprint statement` records it:
    /// `ROSSI-IT 2026-01-01–2026-03-31` (the first and the last day).
    static func statementReference(_ accountID: String, _ period: DatePeriod) -> String {
        "\(accountID) \(period.start)–\(period.lastDay)"
    }

    /// The FatturaPA XML of invoice or credit note `number` as a download, entered in the printed
    /// index as `invoices print --format xml` enters it; 404 when the vendor issues none.
    func fatturaPADownload(_ number: DocumentNumber) throws -> Response {
        guard let xml = try desk.fatturaPA(number) else { throw HTTPError(.notFound) }
        try recordPrinted(
            xml.data,
            kind: number.series == .creditNote ? "credit-note" : "invoice",
            reference: number.description,
            accountID: nil,
            format: "xml",
            templateVersion: "FatturaPA 1.2.2",
            fileName: xml.fileName
        )
        return Self.download(xml.data, fileName: xml.fileName, contentType: "application/xml")
    }

    /// `date` in UTC, to the second, in ISO 8601 (`2026-12-04T23:10:42Z`), as the CLI's index has it.
    static func timestamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
        return "\(parts.year ?? 1970)-\(two(parts.month))-\(two(parts.day))T\(two(parts.hour)):\(two(parts.minute)):"
            + "\(two(parts.second))Z"
    }
}
