/// Turns a view model into dictionaries and arrays once, before rendering.
///
/// Mustache looks names up by reflection on structs at every tag, which made template rendering
/// a third of the time of a document; a dictionary lookup costs next to nothing.
enum MustacheValue {
    /// The value as `[String: Any]`, `[Any]` and scalars; `nil` optionals are left out.
    static func wrap(_ value: Any) -> Any? {
        switch value {
        case let text as String: return text
        case let flag as Bool: return flag
        case let number as Int: return number
        case let number as Int64: return number
        case let number as Double: return number
        case let labels as [String: String]: return labels
        default: break
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            return mirror.children.first.flatMap { wrap($0.value) }
        case .collection, .set:
            return mirror.children.compactMap { wrap($0.value) }
        case .struct, .class:
            var dictionary: [String: Any] = [:]
            for child in mirror.children {
                if let label = child.label, let wrapped = wrap(child.value) { dictionary[label] = wrapped }
            }
            return dictionary
        default:
            return value
        }
    }
}
