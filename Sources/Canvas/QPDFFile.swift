internal import CQPDF
import Foundation

/// A finished PDF opened with qpdf to add what Cairo cannot write, then written out again.
///
/// Owns qpdf's handle (freed in `deinit`) and the copy of the input bytes qpdf reads from, which
/// must outlive it. Objects are qpdf's handles, valid until the file is released; indirect
/// references are followed on reading. Every failure becomes ``CanvasError/pdfEditing(operation:reason:)``.
final class QPDFFile {
    /// An object of the file: a qpdf object handle.
    typealias Object = qpdf_oh

    private var qpdf: qpdf_data?
    private let input: UnsafeMutableRawBufferPointer

    /// Reads `data`, a complete PDF.
    init(_ data: Data) throws(CanvasError) {
        input = .allocate(byteCount: max(data.count, 1), alignment: 1)
        data.copyBytes(to: input)
        qpdf = qpdf_init()
        qpdf_silence_errors(qpdf)
        qpdf_set_suppress_warnings(qpdf, 1)
        let pointer = input.baseAddress?.assumingMemoryBound(to: CChar.self)
        _ = qpdf_read_memory(qpdf, "the PDF Cairo wrote", pointer, UInt64(data.count), nil)
        try check("read the PDF")
    }

    deinit {
        qpdf_cleanup(&qpdf)
        input.deallocate()
    }

    /// The document catalog.
    var root: Object { qpdf_get_root(qpdf) }

    /// The trailer dictionary.
    var trailer: Object { qpdf_get_trailer(qpdf) }

    /// The value of `key` (written without its slash) in `dictionary`, if present and not null.
    func value(_ dictionary: Object, _ key: String) -> Object? {
        guard qpdf_oh_is_dictionary(qpdf, dictionary) != 0 || qpdf_oh_is_stream(qpdf, dictionary) != 0 else {
            return nil
        }
        let value = qpdf_oh_get_key(qpdf, dictionary, "/" + key)
        return qpdf_oh_is_null(qpdf, value) != 0 ? nil : value
    }

    /// Sets `key` (without its slash) of `dictionary` to `value`.
    func set(_ dictionary: Object, _ key: String, _ value: Object) {
        qpdf_oh_replace_key(qpdf, dictionary, "/" + key, value)
    }

    /// The name `object` is, without its slash; `nil` for anything else.
    func name(_ object: Object) -> String? {
        guard qpdf_oh_is_name(qpdf, object) != 0, let text = qpdf_oh_get_name(qpdf, object) else { return nil }
        return String(String(cString: text).dropFirst())
    }

    /// The text of a string object (PDFDocEncoding or UTF-16 decoded); `nil` for anything else.
    func text(_ object: Object) -> String? {
        guard qpdf_oh_is_string(qpdf, object) != 0, let text = qpdf_oh_get_utf8_value(qpdf, object) else {
            return nil
        }
        return String(cString: text)
    }

    /// Whether `object` is a dictionary (not a stream).
    func isDictionary(_ object: Object) -> Bool { qpdf_oh_is_dictionary(qpdf, object) != 0 }

    /// The items of an array; a single object when `object` is not an array.
    func items(_ object: Object) -> [Object] {
        guard qpdf_oh_is_array(qpdf, object) != 0 else { return [object] }
        return (0..<qpdf_oh_get_array_n_items(qpdf, object)).map { qpdf_oh_get_array_item(qpdf, object, $0) }
    }

    /// A new direct object parsed from PDF syntax, such as `<< /DisplayDocTitle true >>`.
    func parse(_ syntax: String) -> Object { qpdf_oh_parse(qpdf, syntax) }

    /// A new text string: PDFDocEncoding where it can be, UTF-16 otherwise.
    func string(_ text: String) -> Object { qpdf_oh_new_unicode_string(qpdf, text) }

    /// A new indirect stream holding `bytes` unfiltered, with `dictionary` entries (PDF syntax, no `<< >>`).
    func stream(_ bytes: Data, dictionary: String) -> Object {
        let stream = qpdf_oh_new_stream(qpdf)
        let parsed = qpdf_oh_parse(qpdf, "<< \(dictionary) >>")
        let null = qpdf_oh_new_null(qpdf)
        bytes.withUnsafeBytes { buffer in
            qpdf_oh_replace_stream_data(
                qpdf,
                stream,
                buffer.baseAddress?.assumingMemoryBound(to: UInt8.self),
                buffer.count,
                null,
                null
            )
        }
        let streamDictionary = qpdf_oh_get_dict(qpdf, stream)
        qpdf_oh_begin_dict_key_iter(qpdf, parsed)
        while qpdf_oh_dict_more_keys(qpdf) != 0 {
            guard let key = qpdf_oh_dict_next_key(qpdf) else { break }
            qpdf_oh_replace_key(qpdf, streamDictionary, key, qpdf_oh_get_key(qpdf, parsed, key))
        }
        return qpdf_make_indirect_object(qpdf, stream)
    }

    /// Appends `item` to the array `array`.
    func append(_ item: Object, to array: Object) { qpdf_oh_append_item(qpdf, array, item) }

    /// The page objects, first page first.
    var pages: [Object] {
        let count = qpdf_get_num_pages(qpdf)
        return count > 0 ? (0..<count).map { qpdf_get_page_n(qpdf, Int($0)) } : []
    }

    /// Makes `object` an indirect object of the file and returns the reference.
    func indirect(_ object: Object) -> Object { qpdf_make_indirect_object(qpdf, object) }

    /// Writes the file: streams as they are (Cairo's stay compressed, new ones stay plain), a file
    /// identifier computed from the content (same input, same bytes), at least PDF `version`.
    func write(minimumVersion version: String) throws(CanvasError) -> Data {
        try check("prepare the edited PDF")
        _ = qpdf_init_write_memory(qpdf)
        try check("start writing the PDF")
        qpdf_set_compress_streams(qpdf, 0)
        qpdf_set_decode_level(qpdf, qpdf_dl_none)
        qpdf_set_object_stream_mode(qpdf, qpdf_o_preserve)
        qpdf_set_deterministic_ID(qpdf, 1)
        qpdf_set_minimum_pdf_version(qpdf, version)
        _ = qpdf_write(qpdf)
        try check("write the edited PDF")
        guard let bytes = qpdf_get_buffer(qpdf) else {
            throw .pdfEditing(operation: "write the edited PDF", reason: "qpdf returned no bytes")
        }
        return Data(bytes: bytes, count: qpdf_get_buffer_length(qpdf))
    }

    /// Throws qpdf's error, if one happened since the last check.
    private func check(_ operation: String) throws(CanvasError) {
        guard qpdf_has_error(qpdf) != 0 else { return }
        let error = qpdf_get_error(qpdf)
        let reason = qpdf_get_error_full_text(qpdf, error).map { String(cString: $0) } ?? "unknown error"
        throw .pdfEditing(operation: operation, reason: reason)
    }
}
