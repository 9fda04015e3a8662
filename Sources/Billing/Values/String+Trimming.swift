extension String {
    /// The text without spaces and tabs at either end, as Foundation's `trimmingCharacters(in: .whitespaces)`.
    ///
    /// It does not go through `NSString`. The set is CoreFoundation's: the tab, Unicode's space separators
    /// (category Zs) and the zero-width space U+200B, which was one before Unicode 4.0.1.
    ///
    /// Issue 22, docs/performance.md "start31, session 16": the first `trimmingCharacters(in:)` of a
    /// process bridged to `NSString` and made the Swift runtime scan the binary's conformance records
    /// for its UTF-16 code units, about 1.3 M instructions before every printed document (a document
    /// number, a taxpayer number or an e-invoice address is trimmed when it is read).
    public func trimmingSpaces() -> String {
        trimming { $0 == "\t" || $0 == "\u{200B}" || $0.properties.generalCategory == .spaceSeparator }
    }

    /// The text without the characters `isTrimmed` accepts at either end, as Foundation's
    /// `trimmingCharacters(in:)` with a set of those characters.
    public func trimming(_ isTrimmed: (Unicode.Scalar) -> Bool) -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isTrimmed($0) }),
            let last = scalars.lastIndex(where: { !isTrimmed($0) })
        else { return "" }
        return String(scalars[first...last])
    }
}
