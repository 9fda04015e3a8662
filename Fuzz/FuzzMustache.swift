import Foundation

/// libFuzzer target: the Mustache parser and renderer, compiled together with
/// `Sources/Documents/Templates` (see `Fuzz/run.sh`). The input is split at NUL bytes into a
/// template and partials named `a`, `b`, `c`…, rendered against a small view model: any input
/// must render or be an error (syntax, depth, size or step bounds), never a crash or a hang.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMustache(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let parts = UnsafeBufferPointer(start: data, count: size).split(separator: 0, omittingEmptySubsequences: false)
    let texts = parts.prefix(4).map { String(decoding: $0, as: UTF8.self) }
    guard let first = texts.first, let template = try? MustacheTemplate(first, file: "fuzz.html") else { return 0 }
    var partials: [String: MustacheTemplate] = [:]
    for (index, text) in texts.dropFirst().enumerated() {
        let name = String(UnicodeScalar(UInt8(ascii: "a") + UInt8(index)))
        if let partial = try? MustacheTemplate(text, file: "\(name).html") { partials[name] = partial }
    }
    let row = TemplateValue.object(["name": .text("Studio <Rossi> & \u{1B}"), "amount": .number(1234)])
    let value = TemplateValue.object([
        "name": .text("Rossi"), "rows": .list([row, row, .null]), "flag": .flag(true), "empty": .list([]),
        "nested": .object(["rows": .list([row]), "name": .text("inner")]),
    ])
    _ = try? template.render(value, partials: partials)
    return 0
}
