import Billing
import Documents
import Foundation
import HistoryStore
import IssuedDocuments

extension InvoicesCommand.Run {
    /// E-mails every invoice of the month printed into --out and not sent before, the file as printed;
    /// returns the failures (each reported at the end, the others sent).
    func sendAll(_ store: any BillingStore, month: DatePeriod, mailing: Mailing) throws -> [String] {
        let sent = Set(try mailing.mailer.store.sendings(kind: "invoice").map(\.reference))
        let ofMonth = try store.invoiceReferences(issuedIn: month).filter { kind == nil || $0.kind == kind }
        let references = ofMonth.filter { !sent.contains($0.number.description) }
        let (count, failures) = try send(
            store,
            references.map { InvoiceToPrint(number: $0.number, accountID: $0.accountID) },
            mailing: mailing
        )
        print("e-mailed \(count) invoices (\(ofMonth.count - references.count) sent before)")
        return failures
    }

    /// E-mails `invoices` from their PDF files in --out, each with its summary line; returns how many
    /// were sent and the failures (`invoice N not e-mailed: …`), the others sent.
    func send(
        _ store: any BillingStore,
        _ invoices: [InvoiceToPrint],
        mailing: Mailing
    ) throws -> (sent: Int, failures: [String]) {
        let folder = try OutputFiles.folder(out)
        var failures: [String] = []
        var count = 0
        for reference in invoices {
            let name = Printing.invoiceFileName(
                reference.number.description,
                accountID: reference.accountID,
                format: .pdf
            )
            do {
                guard let pdf = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else {
                    throw Failure(.notFound, "\(name) was not printed")
                }
                let invoice = try store.invoice(reference.number)
                let document = PrintableDocument.invoice(
                    invoice,
                    vendor: try store.vendor(asIssued: reference.number, current: mailing.eInvoices.issued.vendor),
                    mark: .none
                )
                print(Mailing.summary(try mailing.send(document, pdf: pdf, fileName: name, to: nil, again: false)))
                count += 1
            } catch {
                failures.append("invoice \(reference.number) not e-mailed: \(Failure(error).message)")
            }
        }
        return (count, failures)
    }
}
