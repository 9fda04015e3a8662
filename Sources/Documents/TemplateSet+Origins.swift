import Foundation
import Layout
import Markup

extension TemplateSet {
    /// `error`, when it is at a line and column of a template's output, moved to the template file,
    /// line and column that wrote that text (found by rendering `value` again, recording where each
    /// text came from); the output's place is kept in the message.
    func locating(_ error: DocumentError, output: String, template: String, value: TemplateValue) -> DocumentError {
        switch error {
        case .markup(let markup) where markup.file == output:
            guard let place = place(in: template, value, line: markup.line, column: markup.column) else { return error }
            var message = markup.message
            // "<tr> opened at line 52, column 23" is a place in the output too.
            if let range = message.range(of: #"opened at line (\d+), column (\d+)"#, options: .regularExpression) {
                let numbers = message[range].split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
                if numbers.count == 2,
                    let opened = self.place(in: template, value, line: numbers[0], column: numbers[1])
                {
                    message.replaceSubrange(range, with: "opened at line \(opened.line), column \(opened.column)")
                }
            }
            return .markup(
                MarkupError(
                    file: place.file,
                    line: place.line,
                    column: place.column,
                    message: "\(message) (output line \(markup.line), column \(markup.column))"
                )
            )
        case .layout(let layout) where layout.location?.file == output:
            guard let at = layout.location, let place = place(in: template, value, line: at.line, column: at.column)
            else { return error }
            return .layout(
                LayoutError(
                    location: SourceLocation(file: place.file, line: place.line, column: place.column),
                    message: "\(layout.message) (output line \(at.line), column \(at.column))"
                )
            )
        default:
            return error
        }
    }

    /// `warning` with the template file, line and column that wrote its text, when it is in the output.
    func locating(_ warning: LayoutWarning, output: String, template: String, value: TemplateValue) -> String {
        guard let at = warning.location, at.file == output,
            let place = place(in: template, value, line: at.line, column: at.column)
        else { return warning.description }
        var moved = warning
        moved.location = SourceLocation(file: place.file, line: place.line, column: place.column)
        return moved.description
    }

    /// Where the text at `line`, `column` of `template`'s output for `value` was written.
    func place(
        in template: String,
        _ value: TemplateValue,
        line: Int,
        column: Int
    ) -> MustacheTemplate.TextOrigin? {
        guard let templates = try? templates(reachedFrom: template), let parsed = templates[template],
            let (output, origins) = try? parsed.rendered(value, partials: templates, recording: true)
        else { return nil }
        let bytes = Array(output.utf8)
        var index = 0
        var currentLine = 1
        while currentLine < line, index < bytes.count {
            if bytes[index] == 0x0A { currentLine += 1 }
            index += 1
        }
        var lineEnd = index
        while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
        let offset =
            index + String(decoding: bytes[index..<lineEnd], as: UTF8.self).prefix(max(0, column - 1)).utf8.count
        guard let record = origins.last(where: { $0.offset <= offset }), !record.origin.file.isEmpty else { return nil }
        let between = String(decoding: bytes[record.offset..<offset], as: UTF8.self)
        let lines = between.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count > 1, let last = lines.last else {
            return .init(
                file: record.origin.file,
                line: record.origin.line,
                column: record.origin.column + between.count
            )
        }
        return .init(file: record.origin.file, line: record.origin.line + lines.count - 1, column: last.count + 1)
    }
}
