/// Streams of the file Cairo wrote: the page contents that finishing marks.
extension PDFObjectReader {
    /// The dictionary and data of stream object `number`, if it is a stream whose `/Length`
    /// (direct, or an indirect number as Cairo writes it for page contents) fits the file.
    func stream(_ number: Int) -> (dictionary: Range<Int>, data: Range<Int>)? {
        guard let dictionary = dictionary(number) else { return nil }
        let keyword = Self.token(in: bytes, from: dictionary.upperBound)
        guard bytes[keyword.start..<keyword.end].elementsEqual("stream".utf8) else { return nil }
        var start = keyword.end
        if start < bytes.count, bytes[start] == 0x0D { start += 1 }
        if start < bytes.count, bytes[start] == 0x0A { start += 1 }
        let lengthValue = entry("Length", in: dictionary)
        guard let length = integer(lengthValue) ?? reference(lengthValue).flatMap(integerObject),
            start + length <= bytes.count
        else { return nil }
        return (dictionary, start..<(start + length))
    }

    /// Whether the cross-reference table's offset for object `number` is where `number 0 obj` starts.
    ///
    /// Cairo 1.16 drawing a link without structure tags lists a number it never writes at the
    /// offset of another object (seen: object 3 at the page contents' offset).
    func isWhereItSays(_ number: Int) -> Bool {
        guard number > 0, number < offsets.count, let offset = offsets[number] else { return false }
        return Self.integer(bytes, Self.token(in: bytes, from: offset)) == number
    }

    /// The integer that object `number` is (`12 0 obj 345 endobj`).
    func integerObject(_ number: Int) -> Int? {
        guard number > 0, number < offsets.count, var index = offsets[number] else { return nil }
        for _ in 0..<3 { index = Self.token(in: bytes, from: index).end }  // "N G obj"
        return Self.integer(bytes, Self.token(in: bytes, from: index))
    }
}
