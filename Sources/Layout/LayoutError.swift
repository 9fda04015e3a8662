import Canvas
import Markup

/// A document that cannot be laid out: a bad image, a missing font, a drawing failure.
public struct LayoutError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Where in the template the problem is, when known.
    public var location: SourceLocation?
    /// What is wrong.
    public var message: String

    /// Creates an error.
    public init(location: SourceLocation?, message: String) {
        self.location = location
        self.message = message
    }

    init(_ error: CanvasError, at location: SourceLocation?) {
        self.init(location: location, message: error.description)
    }

    /// `file:line:column: message`, or the message alone.
    public var description: String {
        guard let location else { return message }
        return "\(location.file):\(location.line):\(location.column): \(message)"
    }
}
