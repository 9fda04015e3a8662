import Billing
import Foundation

/// One cell of a listing, typed, so that each format writes it as what it is: text, a count, or an amount.
enum ListingCell {
    /// Text, such as a number of a document or a date.
    case text(String)
    /// A count, written as a JSON number.
    case number(Int)
    /// An amount: "EUR 488.00" in a table; amount and currency columns in CSV; an object in JSON.
    case money(Money)
    /// No value (an amount that does not apply): empty in a table and CSV, `null` in JSON.
    case none

    /// How a table shows it.
    var tableText: String {
        switch self {
        case .text(let text): return text
        case .number(let number): return String(number)
        case .money(let money): return money.description
        case .none: return ""
        }
    }

    /// How a CSV cell gives it: amounts without their currency (which has its own column).
    var csvText: String {
        switch self {
        case .money(let money): return money.decimalString
        default: return tableText
        }
    }

    /// The value as JSON: amounts as `{ "amount": "1234.56", "currency": "EUR" }`, counts as numbers.
    var json: ListingJSON {
        switch self {
        case .text(let text): return .string(text)
        case .number(let number): return .number(number)
        case .money(let money): return .money(amount: money.decimalString, currency: money.currency.code)
        case .none: return .null
        }
    }
}

/// A JSON value of a listing.
enum ListingJSON: Encodable {
    case string(String)
    case number(Int)
    case money(amount: String, currency: String)
    case null

    private enum MoneyKey: String, CodingKey { case amount, currency }

    func encode(to encoder: any Encoder) throws {
        switch self {
        case .string(let text):
            var container = encoder.singleValueContainer()
            try container.encode(text)
        case .number(let number):
            var container = encoder.singleValueContainer()
            try container.encode(number)
        case .money(let amount, let currency):
            var container = encoder.container(keyedBy: MoneyKey.self)
            try container.encode(amount, forKey: .amount)
            try container.encode(currency, forKey: .currency)
        case .null:
            var container = encoder.singleValueContainer()
            try container.encodeNil()
        }
    }
}

extension Listing {
    /// Prints typed rows: a table for people; CSV with a `Currency` column before the first amount
    /// (amounts as plain decimals); JSON with counts as numbers and amounts as objects.
    static func print(_ headers: [String], cells rows: [[ListingCell]], as format: ListingFormat) {
        switch format {
        case .table:
            print(headers, rows.map { $0.map(\.tableText) }, as: .table)
        case .csv:
            let firstMoney = rows.lazy.compactMap { row in
                row.firstIndex { if case .money = $0 { return true } else { return false } }
            }.first
            guard let firstMoney else {
                print(headers, rows.map { $0.map(\.csvText) }, as: .csv)
                return
            }
            var csvHeaders = headers
            csvHeaders.insert("Currency", at: firstMoney)
            let csvRows = rows.map { row -> [String] in
                var cells = row.map(\.csvText)
                let currency = row.lazy.compactMap { cell -> String? in
                    if case .money(let money) = cell { return money.currency.code } else { return nil }
                }.first
                cells.insert(currency ?? "", at: min(firstMoney, cells.count))
                return cells
            }
            print(csvHeaders, csvRows, as: .csv)
        case .json:
            let objects = rows.map { row in
                Dictionary(uniqueKeysWithValues: zip(headers.map(key), row.map(\.json)))
            }
            printJSON(objects)
        }
    }
}
