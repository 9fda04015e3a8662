extension String {
    /// The text with each ASCII character for which `replacement` gives a text replaced by that text, in one pass.
    ///
    /// Written in Swift instead of chaining Foundation's `replacingOccurrences(of:with:)`, which goes through
    /// `NSString`: its first use in a process made the Swift runtime scan all of the binary's conformance records
    /// twice, for `UInt16`'s integer conformances (about 0.9 M instructions in every printed PDF; docs/performance.md,
    /// session 18). One pass gives what the chained calls gave as long as no replacement contains a character that a
    /// later call replaced, which holds for the escapes it serves.
    func replacingASCII(_ replacement: (UInt8) -> String?) -> String {
        guard utf8.contains(where: { $0 < 0x80 && replacement($0) != nil }) else { return self }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count + 16)
        for byte in utf8 {
            if byte < 0x80, let text = replacement(byte) {
                bytes.append(contentsOf: text.utf8)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
