import Foundation

/// The document information a PDF reader shows: title, author, subject, keywords, creator and dates.
///
/// The creation date is required and set by the caller (Ledgerprint uses the document's own
/// issue date), never taken from the clock, so the same input always gives the same bytes.
public struct PDFMetadata: Sendable, Hashable, Codable {
    /// The document's title, such as "Fattura 2026/0001".
    public var title: String
    /// Who wrote it: the vendor's legal name.
    public var author: String
    /// What it is about.
    public var subject: String
    /// Search keywords, comma separated.
    public var keywords: String
    /// The program that made it.
    public var creator: String
    /// When the document was created; written in UTC.
    public var creationDate: Date
    /// The document's language as a BCP 47 tag ("it", "en-US"), written as the catalog's `/Lang`
    /// so screen readers pick the right voice; empty for none.
    public var language: String

    /// Creates document information; only the title and the creation date are required.
    public init(
        title: String,
        author: String = "",
        subject: String = "",
        keywords: String = "",
        creator: String = "Ledgerprint",
        creationDate: Date,
        language: String = ""
    ) {
        self.title = title
        self.author = author
        self.subject = subject
        self.keywords = keywords
        self.creator = creator
        self.creationDate = creationDate
        self.language = language
    }

    /// The creation date as a PDF date string, `D:YYYYMMDDhhmmssZ` (Cairo 1.16 leaves out the `D:`).
    var pdfDate: String {
        "D:" + cairoCreationDate.filter { $0.isNumber } + "Z"
    }

    /// The creation date as XMP writes it, `YYYY-MM-DDThh:mm:ssZ`.
    var xmpDate: String { cairoCreationDate }

    /// The date as Cairo wants it: `YYYY-MM-DDThh:mm:ssZ`, in UTC.
    var cairoCreationDate: String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: creationDate)
        func two(_ value: Int?) -> String {
            let number = value ?? 0
            return number < 10 ? "0\(number)" : "\(number)"
        }
        return "\(parts.year ?? 1970)-\(two(parts.month))-\(two(parts.day))T"
            + "\(two(parts.hour)):\(two(parts.minute)):\(two(parts.second))Z"
    }
}
