import Billing
import Foundation
import Mailer

/// The subjects and texts of the e-mails that carry documents, per language.
///
/// They are read from `Templates/mail/<language>.json`, each text with `{placeholders}` (`{number}`,
/// `{date}`, `{total}`, `{due}`, `{name}`, `{vendor}`, `{reference}`, `{invoices}`, `{document}`,
/// `{email}`). A language without a file uses English's.
public struct MailWording: Sendable {
    /// The texts by language, then by key.
    public let texts: [String: [String: String]]

    /// The keys every file must have.
    public static let keys = [
        "invoiceSubject", "invoiceBody", "creditNoteSubject", "creditNoteBody", "reminderSubject", "reminderBody",
        "sentToYou",
    ]

    /// Reads `folder/<language>.json` for each language Ledgerprint speaks; `en.json` must be there.
    ///
    /// - Throws: ``MailError/setting(_:)`` naming the file and what is wrong with it.
    public init(folder: URL) throws(MailError) {
        var texts: [String: [String: String]] = [:]
        for language in DocumentLanguage.codes {
            let file = folder.appendingPathComponent("\(language).json")
            guard let data = FileManager.default.contents(atPath: file.path) else {
                if language == "en" { throw .setting("\(file.path) is missing: the e-mails' English wording") }
                continue
            }
            guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw .setting("\(file.path) is not a JSON object of texts (\"invoiceSubject\": \"…\", …)")
            }
            var entries: [String: String] = [:]
            for key in Self.keys {
                guard let text = object[key] as? String, !text.isEmpty else {
                    throw .setting("\(file.path) has no text for \"\(key)\"")
                }
                entries[key] = text
            }
            texts[language] = entries
        }
        self.texts = texts
    }

    /// The text `key` in `language` (English when that language has no file), its placeholders filled.
    public func text(_ key: String, _ language: String, _ values: [String: String]) -> String {
        var text = texts[language]?[key] ?? texts["en"]?[key] ?? key
        for (name, value) in values { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return text
    }
}
