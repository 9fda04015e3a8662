import Canvas
import Markup

/// Something in a laid-out document that prints, but not as written: characters no installed font has.
public struct LayoutWarning: Equatable, Sendable, CustomStringConvertible {
    /// The element whose text it is, in the template's output.
    public var location: SourceLocation?
    /// The characters that print as boxes.
    public var characters: [Character]
    /// The text they are in.
    public var text: String

    /// Creates a warning.
    public init(location: SourceLocation?, characters: [Character], text: String) {
        self.location = location
        self.characters = characters
        self.text = text
    }

    /// `file:line:column: no installed font has …`, or without the place when it is not known.
    public var description: String {
        let names = characters.map { character in
            let codes = character.unicodeScalars.map { "U+" + String($0.value, radix: 16, uppercase: true) }
            return "'\(character)' (\(codes.joined(separator: " ")))"
        }
        let message =
            "no installed font has \(names.joined(separator: ", ")) in \"\(text.prefix(60))\": it prints as a box"
        guard let location else { return message }
        return "\(location.file):\(location.line):\(location.column): \(message)"
    }
}

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
