import ArgumentParser
import Billing
import EInvoice
import Foundation
import HistoryStore

/// `ledgerprint vat-register`: the register of issued invoices of a period, for the accountant.
struct VATRegisterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vat-register",
        abstract: "Lists every invoice and credit note of a period with its VAT per rate, and the totals per rate.",
        discussion: """
            The registro IVA delle fatture emesse: invoices, then credit notes, each series in number order, with \
            date, customer, VAT number, taxable amount and VAT per rate (with the Natura where no VAT is charged) \
            and the document's total; credit notes count negative. The table and JSON end with the totals per \
            rate. Amounts are decimal numbers with a currency column (CSV) or {"amount": "1234.56", "currency": \
            "EUR"} (JSON); rates are percentages.

            Examples:
              ledgerprint vat-register --from 2025-01-01 --to 2025-12-31
              ledgerprint vat-register --from 2025-01-01 --to 2025-03-31 --format csv > registro-2025-Q1.csv
              ledgerprint vat-register --from 2025-01-01 --to 2025-12-31 --format json
            """
    )

    @OptionGroup var options: StoreOptions
    @Option(help: "First day, YYYY-MM-DD.") var from: String
    @Option(help: "Last day, YYYY-MM-DD (included).") var to: String
    @Option(help: "table, csv or json.") var format: ListingFormat = .table

    func run() throws {
        try ledgerprint.run {
            let start = try CalendarDate(from)
            let last = try CalendarDate(to)
            guard start <= last else {
                throw Failure(.usage, "--from \(from) is after --to \(to): give the first day, then the last")
            }
            let period = try DatePeriod(start: start, end: last.adding(days: 1))
            let store = try options.existingStore()
            let register: VATRegister
            do {
                register = try VATRegister(
                    invoices: try store.invoices(accountID: nil, issuedIn: period),
                    creditNotes: try store.creditNotes(issuedIn: period)
                )
            } catch let error as EInvoiceError {
                throw Failure(.invalidInput, error.description)
            }
            switch format {
            case .table, .csv: Self.list(register, as: format)
            case .json: print(try Self.json(register))
            }
        }
    }

    /// One line per document and rate; the document's total on its first line only, so that the
    /// column adds up to the register's total.
    static func list(_ register: VATRegister, as format: ListingFormat) {
        let headers = [
            "Number", "Kind", "Date", "Account", "Customer", "VAT number", "Currency", "Rate %", "Natura", "Taxable",
            "VAT", "Total",
        ]
        var rows: [[String]] = []
        for entry in register.entries {
            for (index, row) in entry.rows.enumerated() {
                rows.append([
                    entry.number.description, entry.kind, entry.date.description, entry.accountID, entry.customer,
                    entry.vatNumber, row.taxable.currency.code, percent(row.rate), row.nature?.code ?? "",
                    row.taxable.decimalString, row.tax.decimalString, index == 0 ? entry.total.decimalString : "",
                ])
            }
        }
        Listing.print(headers, rows, as: format)
        guard format == .table else { return }
        print("")
        Listing.print(
            ["Currency", "Rate %", "Natura", "Taxable", "VAT"],
            register.totals.map {
                [
                    $0.taxable.currency.code, percent($0.rate), $0.nature?.code ?? "", $0.taxable.decimalString,
                    $0.tax.decimalString,
                ]
            },
            as: .table
        )
    }

    /// A rate as a percentage, from its basis points with integers only: "22", "10", "0", "5.5".
    static func percent(_ rate: TaxRate) -> String {
        let whole = rate.basisPoints / 100
        let hundredths = rate.basisPoints % 100
        guard hundredths != 0 else { return "\(whole)" }
        return hundredths % 10 == 0
            ? "\(whole).\(hundredths / 10)" : "\(whole).\(hundredths < 10 ? "0" : "")\(hundredths)"
    }

    /// The register as JSON: numbers as numbers, amounts as the data format writes them.
    static func json(_ register: VATRegister) throws -> String {
        struct Amount: Encodable {
            var amount: String
            var currency: String
            init(_ money: Money) {
                amount = money.decimalString
                currency = money.currency.code
            }
        }
        struct Row: Encodable {
            var ratePercent: Decimal
            var natura: String?
            var taxable: Amount
            var vat: Amount
        }
        struct Entry: Encodable {
            var number, kind, date, account, customer, vatNumber: String
            var rows: [Row]
            var net, vat, total: Amount
        }
        struct Total: Encodable {
            var ratePercent: Decimal
            var natura: String?
            var taxable: Amount
            var vat: Amount
        }
        struct Register: Encodable {
            var entries: [Entry]
            var totals: [Total]
        }
        func rate(_ rate: TaxRate) -> Decimal { Decimal(rate.basisPoints) / 100 }
        let value = Register(
            entries: register.entries.map { entry in
                Entry(
                    number: entry.number.description,
                    kind: entry.kind,
                    date: entry.date.description,
                    account: entry.accountID,
                    customer: entry.customer,
                    vatNumber: entry.vatNumber,
                    rows: entry.rows.map {
                        Row(
                            ratePercent: rate($0.rate),
                            natura: $0.nature?.code,
                            taxable: Amount($0.taxable),
                            vat: Amount($0.tax)
                        )
                    },
                    net: Amount(entry.net),
                    vat: Amount(entry.tax),
                    total: Amount(entry.total)
                )
            },
            totals: register.totals.map {
                Total(
                    ratePercent: rate($0.rate),
                    natura: $0.nature?.code,
                    taxable: Amount($0.taxable),
                    vat: Amount($0.tax)
                )
            }
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
