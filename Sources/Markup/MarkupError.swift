/// A problem in a template or stylesheet, at a file, line and column.
///
/// Anything outside the supported subset is an error, never silently ignored, so a template
/// always prints what its author sees in it.
public struct MarkupError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file the problem is in, as given to the parser.
    public var file: String
    /// 1-based line.
    public var line: Int
    /// 1-based column, in characters.
    public var column: Int
    /// What is wrong, naming the offending element, attribute, property, unit or selector.
    public var message: String

    /// Creates an error.
    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `file:line:column: message`, the form editors jump to.
    public var description: String { "\(file):\(line):\(column): \(message)" }
}

/// A position in a source text.
public struct SourceLocation: Sendable, Hashable {
    /// The file.
    public var file: String
    /// 1-based line.
    public var line: Int
    /// 1-based column.
    public var column: Int

    /// Creates a location.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    func error(_ message: String) -> MarkupError {
        MarkupError(file: file, line: line, column: column, message: message)
    }
}
