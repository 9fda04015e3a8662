import Foundation

/// libFuzzer target: the CSS and XHTML parsers, compiled together with the Markup sources (see
/// `Fuzz/run.sh`). The first byte picks the parser; any input must parse or be a `MarkupError`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMarkup(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data + 1, count: size - 1), as: UTF8.self)
    if data[0] & 1 == 0 {
        _ = try? CSSParser.parse(text, file: "fuzz.css")
    } else {
        _ = try? XHTMLParser.parse(text, file: "fuzz.html")
    }
    return 0
}
