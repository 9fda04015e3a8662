import Billing
import Foundation

/// libFuzzer target: the value parsers behind the command line's options (amounts, dates, ids,
/// document numbers), linked against the Billing module (see `Fuzz/run.sh`). Each must return a
/// value or throw; an amount that parses prints back as itself.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzValues(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    for currency in [Currency.eur, (try? Currency(code: "JPY")) ?? .usd, (try? Currency(code: "KWD")) ?? .gbp] {
        if let money = try? Money(decimal: text, currency: currency) {
            guard (try? Money(decimal: money.decimalString, currency: currency)) == money else {
                fatalError("\(text) read as \(money) does not read back")
            }
        }
    }
    _ = try? CalendarDate(text)
    _ = try? DocumentNumber(parsing: text)
    _ = RecordID.isValid(text)
    _ = try? Actor(parsing: text)
    return 0
}
