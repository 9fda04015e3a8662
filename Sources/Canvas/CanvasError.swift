internal import CPangoCairo

/// Everything that can go wrong while measuring, drawing or writing a document with `Canvas`.
///
/// Each case carries what a person needs to fix the cause: the font family that is missing, the
/// path that could not be written, the Cairo operation that failed.
public enum CanvasError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Cairo reported a failure while doing `operation`; `status` is Cairo's own explanation.
    case cairo(operation: String, status: String)
    /// No font of `family` is known to the project's font configuration.
    case fontNotFound(family: String, available: [String])
    /// The fontconfig file at `path` could not be loaded.
    case fontConfiguration(path: String, reason: String)
    /// The bytes given as an image are not a PNG that Cairo can decode.
    case invalidImage(reason: String)
    /// The finished document could not be written to `path`.
    case cannotWrite(path: String, reason: String)
    /// A value passed by the caller is out of range (a negative width, an empty page size).
    case invalidArgument(String)
    /// Adding to the PDF what Cairo cannot write (language, alt text, PDF/A) failed to `operation`.
    case pdfEditing(operation: String, reason: String)
    /// A PDF/A file needs an sRGB colour profile and none of `searched` exists.
    case colorProfileNotFound(searched: [String])
    /// What page `page` draws could not be matched to the structure elements that drew it (a
    /// glyph Pango draws as a box, a painting Cairo left out); draw the document again with
    /// ``StructureWriting/byCairo``.
    case structureNotTraced(page: Int)
    /// Cairo, Pango, GLib or fontconfig could not be loaded when the first document was drawn (the
    /// message names the library and the Debian package to install).
    case graphicsLibrary(String)

    /// One line for a person to read.
    public var description: String {
        switch self {
        case .cairo(let operation, let status):
            return "Cairo failed to \(operation): \(status)"
        case .fontNotFound(let family, let available):
            let known = available.isEmpty ? "none" : available.joined(separator: ", ")
            return "font family '\(family)' is not installed for Ledgerprint (known families: \(known)); "
                + "run 'make setup' or add the font files to the Fonts/ folder"
        case .fontConfiguration(let path, let reason):
            return "cannot load the font configuration \(path): \(reason)"
        case .invalidImage(let reason):
            return "the image is not a readable PNG: \(reason)"
        case .cannotWrite(let path, let reason):
            return "cannot write \(path): \(reason)"
        case .invalidArgument(let message):
            return message
        case .pdfEditing(let operation, let reason):
            return "cannot \(operation) to finish it (language, alt text, PDF/A): \(reason)"
        case .colorProfileNotFound(let searched):
            return "a PDF/A file needs an sRGB ICC colour profile and there is none at "
                + searched.joined(separator: " or ") + "; run 'make setup' (Debian package icc-profiles-free)"
        case .structureNotTraced(let page):
            return "the contents of page \(page) do not match what was drawn for its structure elements"
        case .graphicsLibrary(let message):
            return message
        }
    }

    /// Throws when `status` is not success.
    static func check(_ status: cairo_status_t, _ operation: String) throws(CanvasError) {
        guard status == CAIRO_STATUS_SUCCESS else {
            throw .cairo(operation: operation, status: String(cString: cairo_status_to_string(status)))
        }
    }
}
