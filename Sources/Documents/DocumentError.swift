import Billing
import Canvas
import Layout
import Markup

/// Why a document could not be rendered, with the file and place to fix.
public enum DocumentError: Error, Sendable, CustomStringConvertible {
    /// A template or its folder is missing or unreadable.
    case templateMissing(path: String)
    /// A Mustache template does not parse.
    case templateSyntax(file: String, line: Int, column: Int, reason: String)
    /// The template's output is not valid XHTML/CSS of the supported subset.
    case markup(MarkupError)
    /// Layout failed (an image, a font).
    case layout(LayoutError)
    /// A labels file is missing a label or is not valid JSON.
    case labels(file: String, reason: String)
    /// A file of a template folder leads outside it (a symbolic link, `..`).
    case unsafeFile(path: String, reason: String)
    /// The document's data cannot be printed (for example a W-9 packet with no vendor W-9 facts).
    case data(String)
    /// The fonts a PDF is set in could not be found or loaded (``FontLoading``): the error that stopped them, such
    /// as a ``CanvasError`` naming the missing `Fonts/fonts.conf` or graphics library.
    case fonts(any Error)

    /// One line for a person to read.
    public var description: String {
        switch self {
        case .templateMissing(let path): return "template not found: \(path)"
        case .templateSyntax(let file, let line, let column, let reason): return "\(file):\(line):\(column): \(reason)"
        case .markup(let error): return error.description
        case .layout(let error): return error.description
        case .labels(let file, let reason): return "\(file): \(reason)"
        case .data(let message): return message
        case .unsafeFile(let path, let reason): return "\(path): \(reason)"
        case .fonts(let error): return String(describing: error)
        }
    }
}
