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
    ///
    /// Broken down by the C library's `gmtime_r`: creating Foundation's Gregorian calendar looked
    /// the machine's time zone up in ICU, the last use of ICU when printing (issue 22).
    var cairoCreationDate: String {
        var clock = time_t(creationDate.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        guard gmtime_r(&clock, &parts) != nil else { return "1970-01-01T00:00:00Z" }
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T"
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }
}
