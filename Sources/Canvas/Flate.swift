internal import CPangoCairo

/// zlib's deflate format (`/FlateDecode`): the page contents are marked with the structure tree
/// and compressed after Cairo (which is told to leave them uncompressed, ``PDFDocument``), or read
/// and compressed again when Cairo compressed them.
enum Flate {
    /// The bytes `compressed` holds.
    ///
    /// - Throws: ``CanvasError/pdfEditing(operation:reason:)`` when they are not a zlib stream.
    static func inflate(_ compressed: ArraySlice<UInt8>) throws(CanvasError) -> [UInt8] {
        var stream = z_stream()
        guard lp_inflate_init(&stream) == Z_OK else { throw unreadable("zlib could not start") }
        defer { inflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: max(4096, compressed.count * 6))
        var produced = 0
        var status = Z_OK
        var input = Array(compressed)
        input.withUnsafeMutableBufferPointer { source in
            stream.next_in = source.baseAddress
            stream.avail_in = UInt32(source.count)
            while status == Z_OK {
                if produced == output.count { output += [UInt8](repeating: 0, count: output.count) }
                output.withUnsafeMutableBufferPointer { target in
                    stream.next_out = target.baseAddress.map { $0 + produced }
                    stream.avail_out = UInt32(target.count - produced)
                    status = CPangoCairo.inflate(&stream, Z_NO_FLUSH)
                    produced = target.count - Int(stream.avail_out)
                }
                if status == Z_BUF_ERROR, produced == output.count { status = Z_OK }  // room ran out: grow
            }
        }
        guard status == Z_STREAM_END else { throw unreadable("a page's contents are not a whole zlib stream") }
        output.removeSubrange(produced...)
        return output
    }

    /// The zlib level streams are compressed at after Cairo: chosen by measurement
    /// (docs/performance.md, "Compressing the pages ourselves").
    static let level: Int32 = 3

    /// `bytes` compressed at `level`.
    static func deflate(_ bytes: ArraySlice<UInt8>, level: Int32 = level) throws(CanvasError) -> [UInt8] {
        var length = compressBound(UInt(bytes.count))
        var output = [UInt8](repeating: 0, count: Int(length))
        let status = output.withUnsafeMutableBufferPointer { target in
            bytes.withUnsafeBufferPointer { source in
                compress2(target.baseAddress, &length, source.baseAddress, UInt(source.count), level)
            }
        }
        guard status == Z_OK else {
            throw .pdfEditing(operation: "compress a page's contents", reason: "zlib error \(status)")
        }
        output.removeSubrange(Int(length)...)
        return output
    }

    private static func unreadable(_ reason: String) -> CanvasError {
        .pdfEditing(operation: "read a page's contents", reason: reason)
    }
}
